/*
 * Importing a foreign file through a column-mapping profile
 * (model/io/mapping.h), for province staff, and for district staff within
 * their unit (every facility row must be of the district or a unit under
 * it: mapping_opts.unit_scope):
 *
 *   GET  /imports/new       choose facilities or reports, a stored profile
 *                           (or none) and the file; the stored profiles with
 *                           their JSON; a profile's JSON to upload
 *   POST /imports/new       keeps the file server-side (mapping_upload_put:
 *                           an unguessable token bound to the account, two
 *                           hours) and sends to /imports/map?t=TOKEN
 *   GET  /imports/map       the file's columns, each with its sample values,
 *                           a select of the target's fields (or "Bỏ qua"), a
 *                           unit and a cost column for a quantity, and for a
 *                           column of few distinct values each value with a
 *                           select of sxsh's codes; the constants; for
 *                           facilities "Mã cơ sở: tạo tự động".  A new
 *                           profile starts from guesses (model/io/
 *                           mapping_guess.c): fields from the headers, codes
 *                           from the values' names; a value nothing matches
 *                           is marked as needing a choice
 *   POST /imports/map       the same form posted with one action: preview
 *                           (the first 20 rows as they will be stored, the
 *                           bad ones marked and their reasons listed), save
 *                           (as a named profile; a save over someone else's
 *                           newer save is refused), dry run, import, or the
 *                           profile's JSON to download
 *   GET  /imports/profile   ?name=: a stored profile's JSON
 *   POST /imports/profile   a profile's JSON uploaded (multipart)
 *
 * The form is rebuilt from what was posted on every answer, so nothing
 * typed is lost on an error.  What the page cannot edit of a stored profile
 * (a line's product or unit read from another column, a second use of one
 * column) is kept as the profile has it.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "model/accounts/principal.h"
#include "model/io/mapping.h"
#include "model/names.h"
#include "model/validate.h"
#include "render/html.h"
#include "util/alloc.h"
#include "util/fold.h"
#include "web/web_int.h"
#include "web/wfpage.h"

#define MP_PREVIEW_ROWS 20  /* source rows the preview shows */
#define MP_ERRORS_SHOWN 200 /* problems listed on the page */

/* The labels of the canonical columns a column may fill, by the format's names. */
static const struct {
	const char *name, *vi, *en;
	int kind; /* enum csvio_kind */
} mp_fields[] = {
    {"code", "Mã cơ sở", "Facility code", CSVIO_FACILITIES},
    {"tax_code", "Mã số thuế", "Tax code", CSVIO_FACILITIES},
    {"name", "Tên cơ sở", "Facility name", CSVIO_FACILITIES},
    {"sector", "Ngành (mã VSIC)", "Sector (VSIC code)", CSVIO_FACILITIES},
    {"admin_unit", "Đơn vị hành chính", "Administrative unit", CSVIO_FACILITIES},
    {"address", "Địa chỉ", "Address", CSVIO_FACILITIES},
    {"lat", "Vĩ độ", "Latitude", CSVIO_FACILITIES},
    {"lon", "Kinh độ", "Longitude", CSVIO_FACILITIES},
    {"ownership", "Loại hình sở hữu", "Ownership", CSVIO_FACILITIES},
    {"size", "Quy mô", "Size", CSVIO_FACILITIES},
    {"employees", "Số lao động", "Employees", CSVIO_FACILITIES},
    {"opened_year", "Năm bắt đầu hoạt động", "Opening year", CSVIO_FACILITIES},
    {"closed_year", "Năm đóng cửa", "Closing year", CSVIO_FACILITIES},
    {"status", "Trạng thái hoạt động", "Status", CSVIO_FACILITIES},
    {"facility_code", "Mã cơ sở", "Facility code", CSVIO_REPORTS},
    {"year", "Năm báo cáo", "Report year", CSVIO_REPORTS},
    {"status", "Trạng thái báo cáo", "Report status", CSVIO_REPORTS},
    {"cp_aware", "Nhận thức về SXSH", "CP awareness", CSVIO_REPORTS},
    {"cp_staff", "Có cán bộ phụ trách SXSH", "Has CP staff", CSVIO_REPORTS},
    {"cp_unit", "Có bộ phận SXSH", "Has a CP unit", CSVIO_REPORTS},
    {"cp_applied", "Áp dụng SXSH", "Applies CP", CSVIO_REPORTS},
};
#define MP_NFIELDS (int)(sizeof(mp_fields) / sizeof(mp_fields[0]))

/* Line columns of the reports format, labelled for the preview. */
static const struct {
	const char *name, *vi, *en;
} mp_line_cols[] = {
    {"line", "Loại dòng", "Line"},	{"item", "Hạng mục", "Item"},
    {"product", "Sản phẩm", "Product"}, {"quantity", "Số lượng", "Quantity"},
    {"unit", "Đơn vị tính", "Unit"},	{"cost_vnd", "Chi phí (đồng)", "Cost (VND)"},
};

static const struct name mp_fstatus[] = {
    {"active", "Đang hoạt động", "Active"},
    {"closed", "Đã đóng cửa", "Closed"},
};
static const struct name mp_rstatus[] = {
    {"draft", "Nháp", "Draft"},
    {"submitted", "Đã nộp", "Submitted"},
    {"returned", "Bị trả lại", "Returned"},
    {"accepted", "Đã chấp nhận", "Accepted"},
};
static const struct name mp_yesno[] = {
    {"1", "Có", "Yes"},
    {"0", "Không", "No"},
};

/* The page's state: the upload, its columns, the lists and the profile in the form. */
struct mp {
	struct http_request *req;
	struct db *db;
	enum csvio_kind target;
	const char *token;
	char path[PATH_MAX]; /* the upload's temporary copy; "" when none */
	char filename[256];
	struct mapping_source src;
	struct mapping_codes codes;
	struct mapping_profile *prof; /* what the form says */
	struct mapping_profile *base; /* the stored profile it started from, or NULL */
	int64_t base_version;
	struct buf problems; /* <li> items */
	long nproblems;
	struct buf preview; /* <tr> rows */
};

static const char *
mp_field_label(struct http_request *req, enum csvio_kind k, const char *name)
{
	for (int i = 0; i < MP_NFIELDS; i++)
		if ((int)k == mp_fields[i].kind && strcmp(mp_fields[i].name, name) == 0)
			return HTTP_T(req, mp_fields[i].vi, mp_fields[i].en);
	for (size_t i = 0; i < sizeof(mp_line_cols) / sizeof(mp_line_cols[0]); i++)
		if (strcmp(mp_line_cols[i].name, name) == 0)
			return HTTP_T(req, mp_line_cols[i].vi, mp_line_cols[i].en);
	return name;
}

static int
mp_field_index(enum csvio_kind k, const char *name)
{
	for (int c = 0; c < csvio_ncols(k); c++)
		if (strcmp(csvio_col_name(k, c), name) == 0)
			return c;
	return -1;
}

/* The codes field takes, as (code, vi, en) through the callback; 0 when it is not a code. */
static int
mp_codes_of(struct mp *m, const char *field, const struct name **fixed, int *nfixed,
	    const struct mapping_code **list, int *nlist)
{
	*fixed = NULL;
	*list = NULL;
	*nfixed = *nlist = 0;
	if (strcmp(field, "sector") == 0) {
		*list = m->codes.sector;
		*nlist = m->codes.nsector;
	} else if (strcmp(field, "admin_unit") == 0) {
		*list = m->codes.admin;
		*nlist = m->codes.nadmin;
	} else if (strcmp(field, "ownership") == 0) {
		*fixed = names_ownership;
		*nfixed = OWN__MAX;
	} else if (strcmp(field, "size") == 0) {
		*fixed = names_size;
		*nfixed = SIZE__MAX;
	} else if (strcmp(field, "status") == 0) {
		*fixed = m->target == CSVIO_REPORTS ? mp_rstatus : mp_fstatus;
		*nfixed = m->target == CSVIO_REPORTS ? 4 : 2;
	} else if (strncmp(field, "cp_", 3) == 0) {
		*fixed = mp_yesno;
		*nfixed = 2;
	} else {
		return 0;
	}
	return 1;
}

static void
mp_option(struct buf *b, const char *value, const char *label, int selected)
{
	if (selected)
		html_open(b, "option", "value", value, "selected", "selected", NULL);
	else
		html_open(b, "option", "value", value, NULL);
	html_text(b, label);
	html_close(b, "option");
}

/* <option>s of a field's codes, cur selected. */
static void
mp_code_options(struct mp *m, struct buf *b, const char *field, const char *cur)
{
	const struct name *fixed;
	const struct mapping_code *list;
	int nfixed, nlist;
	struct http_request *req = m->req;
	mp_codes_of(m, field, &fixed, &nfixed, &list, &nlist);
	for (int i = 0; i < nfixed; i++)
		mp_option(b, fixed[i].code,
			  arena_printf(&req->arena, "%s",
				       HTTP_T(req, fixed[i].name_vi, fixed[i].name_en)),
			  cur != NULL && strcmp(cur, fixed[i].code) == 0);
	for (int i = 0; i < nlist; i++)
		mp_option(b, list[i].code,
			  arena_printf(&req->arena, "%s – %s", list[i].code,
				       HTTP_T(req, list[i].name_vi, list[i].name_en)),
			  cur != NULL && strcmp(cur, list[i].code) == 0);
}

/*
 * Size by employees, after Nghị định 80/2021/NĐ-CP, Điều 5, for industry
 * (sxsh's facilities are industrial): at most 10 micro, 100 small, 200
 * medium.  The page offers it as the size of every row when the file has
 * no size column; it is stored as a range map over the employees column.
 */
static const struct {
	const char *range, *size;
} mp_size_rule[] = {
    {"..10", "micro"}, {"11..100", "small"}, {"101..200", "medium"}, {"201..", "large"}};
#define MP_SIZE_NOTE "Nghị định 80/2021/NĐ-CP, Điều 5, by employees only"

/* Whether c is that rule exactly (another range map is the profile's own: kept as it is). */
static int
mp_is_size_rule(enum csvio_kind k, const struct mapping_col *c)
{
	if (k != CSVIO_FACILITIES || c->role != MAPR_FIELD ||
	    c->field != mp_field_index(k, "size") || !c->map.range || c->map.n != 4)
		return 0;
	for (int i = 0; i < 4; i++)
		if (strcmp(c->map.p[i].from, mp_size_rule[i].range) != 0 ||
		    c->map.p[i].to == NULL || strcmp(c->map.p[i].to, mp_size_rule[i].size) != 0)
			return 0;
	return 1;
}

static void
mp_size_rule_col(struct mapping_col *c, const char *header)
{
	memset(c, 0, sizeof(*c));
	c->header = xstrdup(header);
	c->role = MAPR_FIELD;
	c->field = mp_field_index(CSVIO_FACILITIES, "size");
	c->map.range = 1;
	c->map.n = 4;
	c->map.p = xcalloc(5, sizeof(*c->map.p));
	for (int i = 0; i < 4; i++)
		c->map.p[i] = (struct mapping_pair){xstrdup(mp_size_rule[i].range),
						    xstrdup(mp_size_rule[i].size)};
	c->note = xstrdup(MP_SIZE_NOTE);
}

/*
 * The profile entries of source header h (the size-by-employees rule aside:
 * the constants show it): the first in *first, how many in total.
 */
static int
mp_entries(const struct mapping_profile *p, const char *h, const struct mapping_col **first)
{
	int n = 0;
	char *k = fold_key(h);
	*first = NULL;
	for (int i = 0; p != NULL && i < p->ncols; i++) {
		if (mp_is_size_rule(p->target, &p->cols[i]))
			continue;
		char *f = fold_key(p->cols[i].header);
		if (strcmp(f, k) == 0 && n++ == 0)
			*first = &p->cols[i];
		free(f);
	}
	free(k);
	return n;
}

/* Whether the page can show and edit entry c as one select. */
static int
mp_editable(const struct mapping_col *c)
{
	if (c->role != MAPR_LINE)
		return 1;
	return c->item.from == NULL && c->unit.from == NULL && c->item.value != NULL;
}

/* The select value of an entry: "skip", "f:FIELD", "e:CARRIER", "o:PRODUCT", "w:SOURCE", "keep". */
static const char *
mp_choice_of(struct mp *m, const struct mapping_col *c)
{
	if (c == NULL || c->role == MAPR_SKIP)
		return "skip";
	if (!mp_editable(c))
		return "keep";
	if (c->role == MAPR_FIELD)
		return arena_printf(&m->req->arena, "f:%s", csvio_col_name(m->target, c->field));
	static const char kinds[MAPL__MAX] = {'o', 'e', 'w', 'm'};
	return arena_printf(&m->req->arena, "%c:%s", kinds[c->line], c->item.value);
}

/* ---- the form -> a profile ------------------------------------------- */

static char *
mp_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
mp_copy_vmap(struct mapping_vmap *to, const struct mapping_vmap *from)
{
	to->prefix = from->prefix;
	to->range = from->range;
	to->n = from->n;
	to->p = xcalloc((size_t)from->n + 1, sizeof(*to->p));
	for (int i = 0; i < from->n; i++)
		to->p[i] = (struct mapping_pair){mp_dup(from->p[i].from), mp_dup(from->p[i].to)};
}

static void
mp_copy_attr(struct mapping_attr *to, const struct mapping_attr *from)
{
	to->value = mp_dup(from->value);
	to->from = mp_dup(from->from);
	mp_copy_vmap(&to->map, &from->map);
}

static void
mp_copy_col(struct mapping_col *to, const struct mapping_col *from)
{
	*to = *from;
	to->header = mp_dup(from->header);
	mp_copy_vmap(&to->map, &from->map);
	mp_copy_attr(&to->item, &from->item);
	mp_copy_attr(&to->unit, &from->unit);
	to->cost_from = mp_dup(from->cost_from);
	to->currency = mp_dup(from->currency);
	to->note = mp_dup(from->note);
}

static const char *
mp_form(struct mp *m, const char *fmt, int i)
{
	char name[32];
	snprintf(name, sizeof(name), fmt, i);
	return http_form(m->req, name);
}

/*
 * The profile the form describes: each source column's choice, the value
 * maps of its distinct values, the constants; what the form cannot say
 * kept from the stored profile (m->base).
 */
static struct mapping_profile *
mp_from_form(struct mp *m)
{
	struct http_request *req = m->req;
	struct mapping_profile *p = xcalloc(1, sizeof(*p));
	const char *name = http_form(req, "name");
	p->name = xstrdup(name != NULL ? name : "");
	p->target = m->target;
	const char *dec = http_form(req, "decimal");
	p->decimal = dec != NULL && strcmp(dec, ",") == 0 ? ',' : '.';
	const char *bad = http_form(req, "bad_rows");
	p->leave_out = bad != NULL && strcmp(bad, "leave_out") == 0;
	if (m->base != NULL) {
		p->description = mp_dup(m->base->description);
		p->sheet = mp_dup(m->base->sheet);
	}
	int cap = m->src.ncols * 2 + (m->base != NULL ? m->base->ncols : 0) + 2;
	p->cols = xcalloc((size_t)cap, sizeof(*p->cols));
	for (int i = 0; i < m->src.ncols; i++) {
		const struct mapping_srccol *s = &m->src.cols[i];
		const char *ch = mp_form(m, "f%d", i);
		const struct mapping_col *first = NULL;
		int nent = mp_entries(m->base, s->header, &first);
		if (ch == NULL)
			ch = "skip";
		if (strcmp(ch, "keep") == 0 && first != NULL) {
			for (int j = 0; j < m->base->ncols; j++) {
				if (mp_is_size_rule(m->target, &m->base->cols[j]))
					continue; /* the constants say */
				char *a = fold_key(m->base->cols[j].header),
				     *b = fold_key(s->header);
				if (strcmp(a, b) == 0)
					mp_copy_col(&p->cols[p->ncols++], &m->base->cols[j]);
				free(a);
				free(b);
			}
			continue;
		}
		struct mapping_col *c = &p->cols[p->ncols++];
		c->header = xstrdup(s->header);
		if (first != NULL)
			c->note = mp_dup(first->note);
		if (strncmp(ch, "f:", 2) == 0 && mp_field_index(m->target, ch + 2) >= 0) {
			c->role = MAPR_FIELD;
			c->field = mp_field_index(m->target, ch + 2);
			const struct name *fixed;
			const struct mapping_code *list;
			int nf, nl;
			if (mp_codes_of(m, ch + 2, &fixed, &nf, &list, &nl) && !s->distinct_over) {
				c->map.p = xcalloc((size_t)s->ndistinct + 1, sizeof(*c->map.p));
				for (int j = 0; j < s->ndistinct; j++) {
					char fname[40];
					snprintf(fname, sizeof(fname), "v%d_%d", i, j);
					const char *to = http_form(req, fname);
					if (to != NULL && strcmp(to, "?") == 0)
						continue; /* not chosen: the import names it */
					if (to == NULL || to[0] == '\0')
						to = s->distinct[j]; /* as it is */
					c->map.p[c->map.n++] = (struct mapping_pair){
					    xstrdup(s->distinct[j]),
					    strcmp(to, "-") == 0 ? NULL : xstrdup(to)};
				}
			} else if (first != NULL && first->role == MAPR_FIELD &&
				   first->field == c->field) {
				mp_copy_vmap(&c->map, &first->map); /* a map over many values */
			}
		} else if (ch[0] != '\0' && ch[1] == ':' && strchr("eowm", ch[0]) != NULL &&
			   m->target == CSVIO_REPORTS) {
			c->role = MAPR_LINE;
			c->line = ch[0] == 'e'	 ? MAPL_ENERGY
				  : ch[0] == 'o' ? MAPL_OUTPUT
				  : ch[0] == 'w' ? MAPL_WATER
						 : MAPL_MATERIAL;
			c->item.value = xstrdup(ch + 2);
			const char *u = mp_form(m, "u%d", i);
			c->unit.value = u != NULL && u[0] != '\0' ? xstrdup(u) : NULL;
			const char *cc = mp_form(m, "c%d", i);
			int ci = cc != NULL && cc[0] != '\0' ? atoi(cc) : -1;
			if (ci >= 0 && ci < m->src.ncols) {
				c->cost_from = xstrdup(m->src.cols[ci].header);
				const char *cur = mp_form(m, "m%d", i);
				c->currency =
				    xstrdup(cur != NULL && strcmp(cur, "USD") == 0 ? "USD" : "VND");
			}
		} else {
			c->role = MAPR_SKIP;
		}
		/* a second use of the column, which the page does not show: kept */
		for (int j = 0, seen = 0; nent > 1 && j < m->base->ncols; j++) {
			if (mp_is_size_rule(m->target, &m->base->cols[j]))
				continue; /* the constants say */
			char *a = fold_key(m->base->cols[j].header), *b = fold_key(s->header);
			if (strcmp(a, b) == 0 && seen++ > 0)
				mp_copy_col(&p->cols[p->ncols++], &m->base->cols[j]);
			free(a);
			free(b);
		}
	}
	/* constants */
	p->consts = xcalloc((size_t)csvio_ncols(m->target) + 1, sizeof(*p->consts));
	for (int i = 0; i < MP_NFIELDS; i++) {
		if (mp_fields[i].kind != (int)m->target)
			continue;
		char fname[40];
		snprintf(fname, sizeof(fname), "k_%s", mp_fields[i].name);
		const char *v = http_form(req, fname);
		if (v != NULL && strcmp(v, "@employees") == 0) {
			/* size by the column used as employees */
			for (int j = 0; j < m->src.ncols; j++) {
				const char *ch = mp_form(m, "f%d", j);
				if (ch == NULL || strcmp(ch, "f:employees") != 0)
					continue;
				/* the stored profile's rule on that column keeps its note */
				const struct mapping_col *kept = NULL;
				for (int k = 0; m->base != NULL && k < m->base->ncols; k++) {
					char *x = fold_key(m->base->cols[k].header),
					     *y = fold_key(m->src.cols[j].header);
					if (mp_is_size_rule(m->target, &m->base->cols[k]) &&
					    strcmp(x, y) == 0)
						kept = &m->base->cols[k];
					free(x);
					free(y);
				}
				if (kept != NULL)
					mp_copy_col(&p->cols[p->ncols++], kept);
				else
					mp_size_rule_col(&p->cols[p->ncols++],
							 m->src.cols[j].header);
				break;
			}
		} else if (v != NULL && v[0] != '\0')
			p->consts[p->nconsts++] = (struct mapping_const){
			    mp_field_index(m->target, mp_fields[i].name), xstrdup(v)};
	}
	/* the facility code made by sxsh */
	const char *gen = http_form(req, "codegen");
	if (m->target == CSVIO_FACILITIES && gen != NULL &&
	    (strcmp(gen, "tax") == 0 || strcmp(gen, "seq") == 0)) {
		p->code_gen = gen[0] == 't' ? MAPG_TAX_OR_SEQ : MAPG_SEQ;
		const char *pre = http_form(req, "code_prefix");
		p->code_prefix = xstrdup(pre != NULL ? pre : "");
		const char *mt = http_form(req, "match_tax");
		p->match_tax = mt != NULL && strcmp(mt, "1") == 0;
	}
	return p;
}

/* Whether the prefix of made codes is 1 to 20 letters, digits, '-', '_' or '.'. */
static int
mp_prefix_ok(const char *s)
{
	size_t n = strlen(s);
	return n >= 1 && n <= 20 &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.") == n;
}

/* ---- rendering ------------------------------------------------------- */

static void
mp_problem(void *ctx, const char *where, const char *reason)
{
	struct mp *m = ctx;
	if (m->nproblems++ >= MP_ERRORS_SHOWN)
		return;
	html_open(&m->problems, "li", NULL);
	html_textf(&m->problems, "%s: %s", where, reason);
	html_close(&m->problems, "li");
}

/* A code shown with its name when the lists know it. */
static const char *
mp_named(struct mp *m, const char *col, const char *v)
{
	const struct mapping_code *list = NULL;
	int n = 0;
	if (strcmp(col, "sector") == 0)
		list = m->codes.sector, n = m->codes.nsector;
	else if (strcmp(col, "admin_unit") == 0)
		list = m->codes.admin, n = m->codes.nadmin;
	else if (strcmp(col, "item") == 0)
		list = m->codes.carrier, n = m->codes.ncarrier;
	else if (strcmp(col, "product") == 0)
		list = m->codes.product, n = m->codes.nproduct;
	else if (strcmp(col, "unit") == 0)
		list = m->codes.unit, n = m->codes.nunit;
	for (int i = 0; i < n; i++)
		if (strcmp(list[i].code, v) == 0)
			return HTTP_T(m->req, list[i].name_vi, list[i].name_en);
	const struct name *fixed;
	const struct mapping_code *l2;
	int nf, nl;
	if (mp_codes_of(m, col, &fixed, &nf, &l2, &nl))
		for (int i = 0; i < nf; i++)
			if (strcmp(fixed[i].code, v) == 0)
				return HTTP_T(m->req, fixed[i].name_vi, fixed[i].name_en);
	return v;
}

static void
mp_preview_row(void *ctx, long line, const char *const *v, int bad)
{
	struct mp *m = ctx;
	struct http_request *req = m->req;
	struct buf *b = &m->preview;
	if (bad)
		html_open(b, "tr", "class", "map-bad", NULL);
	else
		html_open(b, "tr", NULL);
	html_open(b, "td", "class", "num", NULL);
	html_textf(b, "%ld", line);
	html_close(b, "td");
	html_elem(b, "td", bad ? HTTP_T(req, "Lỗi", "Error") : HTTP_T(req, "Được", "Good"));
	for (int c = 0; c < csvio_ncols(m->target); c++) {
		const char *col = csvio_col_name(m->target, c);
		if (strcmp(col, "month") == 0)
			continue;
		const char *s = v[c] != NULL ? v[c] : "";
		enum csvio_type t = csvio_col_type(m->target, c);
		if (s[0] != '\0' && t != CSVIO_TEXT && strstr(col, "year") == NULL &&
		    strncmp(col, "cp_", 3) != 0) {
			char num[64];
			html_open(b, "td", "class", "num", NULL);
			html_text(b, fmt_num(num, sizeof(num), strtod(s, NULL),
					     t == CSVIO_INT ? 0 : 2, req->lang));
			html_close(b, "td");
			continue;
		}
		html_elem(b, "td", s[0] != '\0' ? mp_named(m, col, s) : "");
	}
	html_close(b, "tr");
}

static void
mp_render_preview(struct mp *m, struct buf *b)
{
	struct http_request *req = m->req;
	html_open(b, "h2", "id", "preview", NULL);
	html_text(b, HTTP_T(req, "Xem trước 20 dòng đầu như sẽ được lưu",
			    "The first 20 rows as they will be stored"));
	html_close(b, "h2");
	web_scroll_open(b, HTTP_T(req, "Xem trước", "Preview"));
	html_open(b, "table", "class", "list map-preview", NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	html_open(b, "th", "scope", "col", NULL);
	html_text(b, HTTP_T(req, "Dòng", "Row"));
	html_close(b, "th");
	html_open(b, "th", "scope", "col", NULL);
	html_text(b, HTTP_T(req, "Kết quả", "Result"));
	html_close(b, "th");
	for (int c = 0; c < csvio_ncols(m->target); c++) {
		const char *col = csvio_col_name(m->target, c);
		if (strcmp(col, "month") == 0)
			continue;
		html_open(b, "th", "scope", "col", NULL);
		html_text(b, mp_field_label(req, m->target, col));
		html_close(b, "th");
	}
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	buf_puts(b, buf_str(&m->preview));
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

static void
mp_render_problems(struct mp *m, struct buf *b)
{
	struct http_request *req = m->req;
	if (m->nproblems == 0)
		return;
	html_open(b, "div", "class", "problem", "role", "alert", NULL);
	html_open(b, "p", NULL);
	html_textf(b, "%s: %s", HTTP_T(req, "Các lỗi tìm thấy", "Problems found"),
		   web_int(req, m->nproblems));
	if (m->nproblems > MP_ERRORS_SHOWN)
		html_textf(b, " (%s %d)", HTTP_T(req, "hiện", "showing"), MP_ERRORS_SHOWN);
	html_close(b, "p");
	html_open(b, "ul", "class", "map-problems", NULL);
	buf_puts(b, buf_str(&m->problems));
	html_close(b, "ul");
	html_close(b, "div");
}

/* The select of column i's use, with cur selected. */
static void
mp_use_select(struct mp *m, struct buf *b, int i, const char *cur, int keep)
{
	struct http_request *req = m->req;
	char id[32];
	snprintf(id, sizeof(id), "f%d", i);
	html_open(b, "label", "for", id, "class", "map-label", NULL);
	html_text(b, HTTP_T(req, "Dùng làm", "Use as"));
	html_close(b, "label");
	html_open(b, "select", "id", id, "name", id, NULL);
	mp_option(b, "skip", HTTP_T(req, "Bỏ qua", "Skip"), strcmp(cur, "skip") == 0);
	if (keep)
		mp_option(b, "keep", HTTP_T(req, "Như hồ sơ đã lưu", "As the stored profile says"),
			  strcmp(cur, "keep") == 0);
	html_open(b, "optgroup", "label", HTTP_T(req, "Trường", "Fields"), NULL);
	for (int f = 0; f < MP_NFIELDS; f++) {
		if (mp_fields[f].kind != (int)m->target)
			continue;
		const char *v = arena_printf(&req->arena, "f:%s", mp_fields[f].name);
		mp_option(b, v, HTTP_T(req, mp_fields[f].vi, mp_fields[f].en), strcmp(cur, v) == 0);
	}
	html_close(b, "optgroup");
	if (m->target == CSVIO_REPORTS) {
		html_open(b, "optgroup", "label", HTTP_T(req, "Năng lượng tiêu thụ", "Energy used"),
			  NULL);
		for (int c = 0; c < m->codes.ncarrier; c++) {
			const char *v = arena_printf(&req->arena, "e:%s", m->codes.carrier[c].code);
			mp_option(
			    b, v,
			    HTTP_T(req, m->codes.carrier[c].name_vi, m->codes.carrier[c].name_en),
			    strcmp(cur, v) == 0);
		}
		html_close(b, "optgroup");
		html_open(b, "optgroup", "label", HTTP_T(req, "Sản lượng", "Output"), NULL);
		for (int c = 0; c < m->codes.nproduct; c++) {
			const char *v = arena_printf(&req->arena, "o:%s", m->codes.product[c].code);
			mp_option(
			    b, v,
			    HTTP_T(req, m->codes.product[c].name_vi, m->codes.product[c].name_en),
			    strcmp(cur, v) == 0);
		}
		html_close(b, "optgroup");
		html_open(b, "optgroup", "label", HTTP_T(req, "Nước sử dụng", "Water used"), NULL);
		for (int c = 0; c < NAMES_WATER_N; c++) {
			const char *v = arena_printf(&req->arena, "w:%s", names_water[c].code);
			mp_option(b, v, HTTP_T(req, names_water[c].name_vi, names_water[c].name_en),
				  strcmp(cur, v) == 0);
		}
		html_close(b, "optgroup");
	}
	html_close(b, "select");
}

/* The unit, cost column and currency of a quantity column i. */
static void
mp_line_selects(struct mp *m, struct buf *b, int i, const struct mapping_col *c)
{
	struct http_request *req = m->req;
	char id[32];
	const char *unit = c != NULL && c->role == MAPR_LINE ? c->unit.value : NULL;
	const char *cost = c != NULL && c->role == MAPR_LINE ? c->cost_from : NULL;
	const char *cur = c != NULL && c->currency != NULL ? c->currency : "VND";
	snprintf(id, sizeof(id), "u%d", i);
	html_open(b, "label", "for", id, "class", "map-label", NULL);
	html_text(b, HTTP_T(req, "Đơn vị của số liệu", "Unit of the figures"));
	html_close(b, "label");
	html_open(b, "select", "id", id, "name", id, NULL);
	mp_option(b, "", "—", unit == NULL);
	for (int u = 0; u < m->codes.nunit; u++)
		mp_option(
		    b, m->codes.unit[u].code,
		    arena_printf(&req->arena, "%s (%s)",
				 HTTP_T(req, m->codes.unit[u].name_vi, m->codes.unit[u].name_en),
				 m->codes.unit[u].code),
		    unit != NULL && strcmp(unit, m->codes.unit[u].code) == 0);
	html_close(b, "select");
	snprintf(id, sizeof(id), "c%d", i);
	html_open(b, "label", "for", id, "class", "map-label", NULL);
	html_text(b, HTTP_T(req, "Cột chi phí", "Cost column"));
	html_close(b, "label");
	html_open(b, "select", "id", id, "name", id, NULL);
	mp_option(b, "", HTTP_T(req, "Không có", "None"), cost == NULL);
	for (int j = 0; j < m->src.ncols; j++)
		mp_option(b, arena_printf(&req->arena, "%d", j), m->src.cols[j].header,
			  cost != NULL && strcmp(cost, m->src.cols[j].header) == 0);
	html_close(b, "select");
	snprintf(id, sizeof(id), "m%d", i);
	html_open(b, "label", "for", id, "class", "map-label", NULL);
	html_text(b, HTTP_T(req, "Tiền tệ của chi phí", "Currency of the cost"));
	html_close(b, "label");
	html_open(b, "select", "id", id, "name", id, NULL);
	mp_option(b, "VND", HTTP_T(req, "Đồng (VND)", "Dong (VND)"), strcmp(cur, "USD") != 0);
	mp_option(
	    b, "USD",
	    HTTP_T(req, "Đô la Mỹ (USD): không nhập, chỉ đếm", "US dollars: counted, not stored"),
	    strcmp(cur, "USD") == 0);
	html_close(b, "select");
}

/* Whether v is one of field's codes (an option of its value selects). */
static int
mp_is_code(struct mp *m, const char *field, const char *v)
{
	const struct name *fixed;
	const struct mapping_code *list;
	int nf, nl;
	mp_codes_of(m, field, &fixed, &nf, &list, &nl);
	for (int i = 0; i < nf; i++)
		if (strcmp(fixed[i].code, v) == 0)
			return 1;
	for (int i = 0; i < nl; i++)
		if (strcmp(list[i].code, v) == 0)
			return 1;
	return 0;
}

/* The value map of column i: each distinct value with a select of the field's codes. */
static void
mp_value_map(struct mp *m, struct buf *b, int i, const struct mapping_col *c)
{
	struct http_request *req = m->req;
	const struct mapping_srccol *s = &m->src.cols[i];
	const char *field = csvio_col_name(m->target, c->field);
	html_open(b, "fieldset", "class", "map-values", NULL);
	html_open(b, "legend", NULL);
	html_text(
	    b, HTTP_T(req, "Giá trị trong tệp → mã của sxsh", "Values in the file → sxsh codes"));
	html_close(b, "legend");
	for (int j = 0; j < s->ndistinct; j++) {
		char id[40];
		snprintf(id, sizeof(id), "v%d_%d", i, j);
		const char *to = NULL;
		int found = 0;
		for (int k = 0; k < c->map.n && !found; k++) {
			char *a = fold_key(c->map.p[k].from), *bb = fold_key(s->distinct[j]);
			if (strcmp(a, bb) == 0) {
				found = 1;
				to = c->map.p[k].to == NULL ? "-"
				     : strcmp(c->map.p[k].to, s->distinct[j]) == 0 &&
					     !mp_is_code(m, field, c->map.p[k].to)
					 ? "="
					 : c->map.p[k].to;
			}
			free(a);
			free(bb);
		}
		if (!found &&
		    (to = mapping_guess_value(&m->codes, m->target, field, s->distinct[j])) != NULL)
			found = 1; /* matched by name: preselected, the user may change it */
		html_open(b, "div", "class", found ? "map-value" : "map-value map-need", NULL);
		html_open(b, "label", "for", id, NULL);
		html_text(b, s->distinct[j]);
		if (!found) {
			html_open(b, "strong", "class", "map-need-note", NULL);
			html_text(b, HTTP_T(req, " (cần chọn)", " (needs a choice)"));
			html_close(b, "strong");
		}
		html_close(b, "label");
		html_open(b, "select", "id", id, "name", id, NULL);
		mp_option(b, "?", HTTP_T(req, "— Cần chọn —", "— Choose —"), !found);
		mp_option(b, "", HTTP_T(req, "Giữ nguyên", "As it is"),
			  found && strcmp(to, "=") == 0);
		mp_option(b, "-", HTTP_T(req, "Không nhập (đếm)", "Not imported (counted)"),
			  found && strcmp(to, "-") == 0);
		mp_code_options(m, b, field, found ? to : NULL);
		html_close(b, "select");
		html_close(b, "div");
	}
	html_close(b, "fieldset");
}

static void
mp_hidden(struct buf *b, const char *name, const char *value)
{
	html_open(b, "input", "type", "hidden", "name", name, "value", value != NULL ? value : "",
		  NULL);
}

/* The mapping form for m->prof (may be NULL: nothing chosen yet). */
static void
mp_render_form(struct mp *m, struct buf *b)
{
	struct http_request *req = m->req;
	const struct mapping_profile *p = m->prof;
	html_open(b, "form", "method", "post", "class", "map-form", "action",
		  web_url(req, "/imports/map", NULL, 0), NULL);
	web_csrf_field(req, b, NULL);
	mp_hidden(b, "t", m->token);
	mp_hidden(b, "target", csvio_kind_name(m->target));
	mp_hidden(b, "base", m->base != NULL ? m->base->name : "");
	mp_hidden(b, "base_version", arena_printf(&req->arena, "%lld", (long long)m->base_version));

	html_open(b, "div", "class", "map-settings", NULL);
	html_open(b, "label", "for", "map-name", NULL);
	html_text(b, HTTP_T(req, "Tên hồ sơ ánh xạ", "Profile name"));
	html_close(b, "label");
	html_open(b, "input", "id", "map-name", "name", "name", "maxlength", "100", "value",
		  p != NULL && p->name != NULL ? p->name : "", NULL);
	html_open(b, "label", "for", "map-decimal", NULL);
	html_text(b, HTTP_T(req, "Cách viết số trong tệp", "How the file writes numbers"));
	html_close(b, "label");
	html_open(b, "select", "id", "map-decimal", "name", "decimal", NULL);
	mp_option(b, ",", HTTP_T(req, "Kiểu Việt Nam: 1.234,5", "Vietnamese: 1.234,5"),
		  p != NULL && p->decimal == ',');
	mp_option(b, ".", HTTP_T(req, "Kiểu quốc tế: 1,234.5", "International: 1,234.5"),
		  p == NULL || p->decimal != ',');
	html_close(b, "select");
	html_open(b, "label", "for", "map-bad", NULL);
	html_text(b, HTTP_T(req, "Khi có dòng lỗi", "When a row is bad"));
	html_close(b, "label");
	html_open(b, "select", "id", "map-bad", "name", "bad_rows", NULL);
	mp_option(b, "refuse", HTTP_T(req, "Không nhập gì cả", "Import nothing"),
		  p == NULL || !p->leave_out);
	mp_option(b, "leave_out",
		  HTTP_T(req, "Báo lỗi, bỏ dòng đó, nhập các dòng khác",
			 "Report it, leave it out, import the others"),
		  p != NULL && p->leave_out);
	html_close(b, "select");
	html_close(b, "div");

	html_open(b, "h2", NULL);
	html_text(b, HTTP_T(req, "Các cột của tệp", "The file's columns"));
	html_close(b, "h2");
	web_scroll_open(b, HTTP_T(req, "Các cột của tệp", "The file's columns"));
	html_open(b, "table", "class", "list map-columns", NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	static const char *const th[][2] = {
	    {"Cột trong tệp", "Column in the file"},
	    {"Giá trị mẫu", "Sample values"},
	    {"Ánh xạ", "Mapping"},
	};
	for (size_t k = 0; k < sizeof(th) / sizeof(th[0]); k++) {
		html_open(b, "th", "scope", "col", NULL);
		html_text(b, HTTP_T(req, th[k][0], th[k][1]));
		html_close(b, "th");
	}
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < m->src.ncols; i++) {
		const struct mapping_srccol *s = &m->src.cols[i];
		const struct mapping_col *c = NULL;
		int nent = mp_entries(p, s->header, &c);
		const char *cur = mp_choice_of(m, c);
		html_open(b, "tr", NULL);
		html_open(b, "th", "scope", "row", NULL);
		html_text(b, s->header[0] != '\0' ? s->header : "—");
		html_close(b, "th");
		html_open(b, "td", "class", "map-samples", NULL);
		for (int j = 0; j < s->nsamples; j++) {
			if (j)
				html_text(b, "; ");
			html_text(b, s->samples[j]);
		}
		html_close(b, "td");
		html_open(b, "td", NULL);
		mp_use_select(m, b, i, cur, c != NULL && !mp_editable(c));
		if (s->numeric && m->target == CSVIO_REPORTS)
			mp_line_selects(m, b, i, c);
		const struct name *fx;
		const struct mapping_code *ls;
		int nf, nl;
		if (c != NULL && c->role == MAPR_FIELD && !s->distinct_over && s->ndistinct > 0 &&
		    mp_codes_of(m, csvio_col_name(m->target, c->field), &fx, &nf, &ls, &nl))
			mp_value_map(m, b, i, c);
		if (c != NULL && c->note != NULL) {
			html_open(b, "p", "class", "note", NULL);
			html_text(b, c->note);
			html_close(b, "p");
		}
		if (nent > 1) {
			html_open(b, "p", "class", "note", NULL);
			html_text(b,
				  HTTP_T(req, "Hồ sơ còn dùng cột này cho trường khác; giữ nguyên.",
					 "The profile also uses this column for another field; "
					 "kept."));
			html_close(b, "p");
		}
		html_close(b, "td");
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);

	if (m->target == CSVIO_FACILITIES) {
		int gen = p != NULL ? (int)p->code_gen : MAPG_NONE;
		html_open(b, "fieldset", "class", "map-consts map-codegen", NULL);
		html_open(b, "legend", NULL);
		html_text(b, HTTP_T(req, "Mã cơ sở: tạo tự động", "Facility code: made by sxsh"));
		html_close(b, "legend");
		html_open(b, "div", "class", "map-const", NULL);
		html_open(b, "label", "for", "map-codegen", NULL);
		html_text(b,
			  HTTP_T(req, "Dòng không có mã cơ sở", "A row without a facility code"));
		html_close(b, "label");
		html_open(b, "select", "id", "map-codegen", "name", "codegen", NULL);
		mp_option(b, "",
			  HTTP_T(req, "Không tạo: lấy từ cột của tệp", "None: from the file"),
			  gen == MAPG_NONE);
		mp_option(b, "tax",
			  HTTP_T(req,
				 "Tạo tự động từ mã số thuế (MST-0101234567); không có mã số "
				 "thuế thì theo số thứ tự",
				 "Made from the tax code (MST-0101234567); without one, numbered"),
			  gen == MAPG_TAX_OR_SEQ);
		mp_option(
		    b, "seq",
		    HTTP_T(req, "Tạo tự động theo số thứ tự (TK-00001)", "Numbered (TK-00001)"),
		    gen == MAPG_SEQ);
		html_close(b, "select");
		html_close(b, "div");
		html_open(b, "div", "class", "map-const", NULL);
		html_open(b, "label", "for", "map-prefix", NULL);
		html_text(b, HTTP_T(req, "Tiền tố của số thứ tự (số tiếp theo số lớn nhất đã có)",
				    "Prefix of the numbers (after the highest one stored)"));
		html_close(b, "label");
		html_open(b, "input", "id", "map-prefix", "name", "code_prefix", "maxlength", "20",
			  "placeholder", "TK-", "value",
			  p != NULL && p->code_prefix != NULL ? p->code_prefix : "", NULL);
		html_close(b, "div");
		html_open(b, "label", "class", "map-check", NULL);
		if (p == NULL || p->code_gen == MAPG_NONE || p->match_tax)
			html_open(b, "input", "type", "checkbox", "name", "match_tax", "value", "1",
				  "checked", "checked", NULL);
		else
			html_open(b, "input", "type", "checkbox", "name", "match_tax", "value", "1",
				  NULL);
		html_text(b, HTTP_T(req,
				    " Cơ sở đã có trong sxsh với cùng mã số thuế: cập nhật cơ sở "
				    "đó, không tạo cơ sở mới",
				    " A facility sxsh has with the same tax code: update it, do "
				    "not add another"));
		html_close(b, "label");
		html_close(b, "fieldset");
	}

	html_open(b, "fieldset", "class", "map-consts", NULL);
	html_open(b, "legend", NULL);
	html_text(b, HTTP_T(req, "Giá trị chung cho mọi dòng", "Values for every row"));
	html_close(b, "legend");
	for (int f = 0; f < MP_NFIELDS; f++) {
		if (mp_fields[f].kind != (int)m->target)
			continue;
		const char *cur = NULL;
		int fi = mp_field_index(m->target, mp_fields[f].name);
		for (int k = 0; p != NULL && k < p->nconsts; k++)
			if (p->consts[k].field == fi)
				cur = p->consts[k].value;
		const struct name *fx;
		const struct mapping_code *ls;
		int nf, nl;
		int code = mp_codes_of(m, mp_fields[f].name, &fx, &nf, &ls, &nl);
		if (!code && strcmp(mp_fields[f].name, "year") != 0 &&
		    strcmp(mp_fields[f].name, "name") != 0)
			continue;
		char id[48];
		snprintf(id, sizeof(id), "k_%s", mp_fields[f].name);
		html_open(b, "div", "class", "map-const", NULL);
		html_open(b, "label", "for", id, NULL);
		html_text(b, HTTP_T(req, mp_fields[f].vi, mp_fields[f].en));
		html_close(b, "label");
		int by_emp = 0;
		for (int k = 0; p != NULL && k < p->ncols; k++)
			by_emp |= strcmp(mp_fields[f].name, "size") == 0 &&
				  mp_is_size_rule(m->target, &p->cols[k]);
		if (code) {
			html_open(b, "select", "id", id, "name", id, NULL);
			mp_option(b, "", HTTP_T(req, "Theo cột của tệp", "From the file's column"),
				  cur == NULL && !by_emp);
			if (m->target == CSVIO_FACILITIES && strcmp(mp_fields[f].name, "size") == 0)
				mp_option(b, "@employees",
					  HTTP_T(req,
						 "Theo số lao động (NĐ 80/2021/NĐ-CP: đến 10 siêu "
						 "nhỏ, 100 nhỏ, 200 vừa)",
						 "By employees (Decree 80/2021: up to 10 micro, "
						 "100 small, 200 medium)"),
					  by_emp);
			mp_code_options(m, b, mp_fields[f].name, cur);
			html_close(b, "select");
		} else {
			html_open(b, "input", "id", id, "name", id, "value", cur != NULL ? cur : "",
				  NULL);
		}
		html_close(b, "div");
	}
	html_close(b, "fieldset");

	html_open(b, "div", "class", "map-actions", NULL);
	static const char *const acts[][3] = {
	    {"preview", "Xem trước", "Preview"},
	    {"save", "Lưu hồ sơ", "Save the profile"},
	    {"dryrun", "Chạy thử", "Dry run"},
	    {"import", "Nhập vào sxsh", "Import into sxsh"},
	    {"json", "Tải hồ sơ (JSON)", "Download the profile (JSON)"},
	};
	for (size_t k = 0; k < sizeof(acts) / sizeof(acts[0]); k++) {
		html_open(b, "button", "type", "submit", "name", "action", "value", acts[k][0],
			  NULL);
		html_text(b, HTTP_T(req, acts[k][1], acts[k][2]));
		html_close(b, "button");
	}
	html_close(b, "div");
	html_close(b, "form");
}

/* "attachment; filename=NAME.json" with NAME kept to letters, digits, '-', '_' and '.'. */
static const char *
mp_disposition(struct http_request *req, const char *name)
{
	char *fn = arena_strdup(&req->arena, name != NULL && name[0] != '\0' ? name : "profile");
	for (char *c = fn; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.'))
			*c = '_';
	return arena_printf(&req->arena, "attachment; filename=\"%s.json\"", fn);
}

static int
mp_page(struct mp *m, struct http_response *resp, const char *notice, int show_preview)
{
	struct http_request *req = m->req;
	const char *title = HTTP_T(req, "Ánh xạ cột của tệp", "Map the file's columns");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);
	html_open(&b, "p", NULL);
	html_textf(&b, "%s: %s — %s %s %s", HTTP_T(req, "Tệp", "File"), m->filename,
		   web_int(req, m->src.rows),
		   HTTP_T(req, "dòng dữ liệu, nhập làm", "data rows, as"),
		   m->target == CSVIO_FACILITIES ? HTTP_T(req, "danh sách cơ sở", "facilities")
						 : HTTP_T(req, "báo cáo năm", "annual reports"));
	html_close(&b, "p");
	if (notice != NULL)
		wfp_message(&b, 0, notice);
	mp_render_problems(m, &b);
	if (show_preview)
		mp_render_preview(m, &b);
	mp_render_form(m, &b);
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

static void
mp_free(struct mp *m)
{
	if (m->path[0] != '\0')
		unlink(m->path);
	mapping_source_free(&m->src);
	mapping_codes_free(&m->codes);
	mapping_free(m->prof);
	mapping_free(m->base);
	buf_free(&m->problems);
	buf_free(&m->preview);
}

/*
 * Loads the page's state: the upload of token t (its columns), the code
 * lists, the stored profile base (may be NULL).  Returns 0, or an HTTP
 * status with the error page already in resp.
 */
static int
mp_load(struct mp *m, struct http_request *req, struct http_response *resp, const char *t,
	const char *target, const char *base)
{
	memset(m, 0, sizeof(*m));
	m->req = req;
	m->db = http_request_db(req);
	buf_init(&m->problems, 1 << 20);
	buf_init(&m->preview, 1 << 20);
	int k = target != NULL ? csvio_kind_parse(target) : -1;
	if (m->db == NULL)
		return 500;
	if (k < 0) {
		web_error(req, resp, 400, "Hãy chọn nhập cơ sở hay báo cáo năm.",
			  "Choose facilities or annual reports.");
		return 400;
	}
	m->target = (enum csvio_kind)k;
	m->token = t;
	enum status st = mapping_upload_get(m->db, req->who, (int64_t)time(NULL), t, m->path,
					    sizeof(m->path), m->filename, sizeof(m->filename));
	if (st == ST_NOTFOUND) {
		m->path[0] = '\0';
		web_error(
		    req, resp, 404,
		    "Không tìm thấy tệp đã tải lên (tệp chỉ được giữ 2 giờ). Hãy tải lên lại.",
		    "The uploaded file is not there (files are kept 2 hours). Upload it "
		    "again.");
		return 404;
	}
	if (st != ST_OK) {
		m->path[0] = '\0';
		return 500;
	}
	if (mapping_codes_load(m->db, &m->codes) != ST_OK)
		return 500;
	if (base != NULL && base[0] != '\0') {
		if (mapping_get(m->db, base, &m->base) != ST_OK) {
			web_error(req, resp, 404, "Không có hồ sơ ánh xạ này.", "No such profile.");
			return 404;
		}
		m->base_version = m->base->version;
	}
	if (mapping_source_read(m->path, m->filename, m->base != NULL ? m->base->sheet : NULL,
				req->lang + 1, &m->src, mp_problem, m) != 0)
		m->src = (struct mapping_source){0};
	return 0;
}

/* A first profile for a file: a header equal to a field's name (or its label) maps to it. */
static struct mapping_profile *
mp_guess(struct mp *m)
{
	struct mapping_profile *p = xcalloc(1, sizeof(*p));
	p->name = xstrdup("");
	p->target = m->target;
	p->decimal = m->src.sep == ';' ? ',' : '.';
	p->cols = xcalloc((size_t)m->src.ncols + 1, sizeof(*p->cols));
	p->cols = xrealloc(p->cols, ((size_t)m->src.ncols + 2) * sizeof(*p->cols));
	int taken[32] = {0}, employees = -1, size = 0;
	for (int i = 0; i < m->src.ncols; i++) {
		struct mapping_col *c = &p->cols[p->ncols++];
		memset(c, 0, sizeof(*c));
		c->header = xstrdup(m->src.cols[i].header);
		struct mapping_guess g;
		/* the usual headers ("Tên doanh nghiệp", "Địa bàn", "Điện (kWh)"), each field once
		 */
		if (mapping_guess_header(&m->codes, m->target, c->header, &g)) {
			int f = g.role == MAPR_FIELD ? mp_field_index(m->target, g.field) : -1;
			if (g.role == MAPR_FIELD && f >= 0 && f < 32 && !taken[f]) {
				c->role = MAPR_FIELD;
				c->field = f;
				taken[f] = 1;
			} else if (g.role == MAPR_LINE) {
				c->role = MAPR_LINE;
				c->line = g.line;
				c->item.value = xstrdup(g.item);
				c->unit.value = g.unit != NULL ? xstrdup(g.unit) : NULL;
			}
		}
		char *h = fold_key(c->header);
		for (int f = 0; f < MP_NFIELDS && c->role == MAPR_SKIP; f++) {
			if (mp_fields[f].kind != (int)m->target)
				continue;
			char *a = fold_key(mp_fields[f].vi), *e = fold_key(mp_fields[f].en);
			int fi = mp_field_index(m->target, mp_fields[f].name);
			if ((strcmp(h, mp_fields[f].name) == 0 || strcmp(h, a) == 0 ||
			     strcmp(h, e) == 0) &&
			    fi >= 0 && fi < 32 && !taken[fi]) {
				c->role = MAPR_FIELD;
				c->field = fi;
				taken[fi] = 1;
			}
			free(a);
			free(e);
		}
		free(h);
		if (c->role == MAPR_FIELD &&
		    strcmp(csvio_col_name(m->target, c->field), "employees") == 0)
			employees = i;
		if (c->role == MAPR_FIELD &&
		    strcmp(csvio_col_name(m->target, c->field), "size") == 0)
			size = 1;
	}
	/* no size column: size by employees, which the user may change in the constants */
	if (m->target == CSVIO_FACILITIES && employees >= 0 && !size)
		mp_size_rule_col(&p->cols[p->ncols++], m->src.cols[employees].header);
	/* no code column: codes from the tax code, else numbered, matching stored tax codes */
	if (m->target == CSVIO_FACILITIES && !taken[mp_field_index(m->target, "code")]) {
		p->code_gen = MAPG_NONE; /* offered, not chosen: the user types the prefix */
		p->match_tax = 1;
	}
	return p;
}

int
web_imports_map(struct http_request *req, struct http_response *resp)
{
	struct mp m;
	int get = req->method != HTTP_POST;
	const char *t = get ? http_param(req, "t") : http_form(req, "t");
	const char *target = get ? http_param(req, "target") : http_form(req, "target");
	const char *base = get ? http_param(req, "profile") : http_form(req, "base");
	int st = mp_load(&m, req, resp, t, target, base);
	if (st != 0) {
		mp_free(&m);
		return st == 500 ? -1 : 0;
	}
	int rc;
	if (m.src.ncols == 0) { /* the file could not be read: say why */
		rc = mp_page(&m, resp, NULL, 0);
		mp_free(&m);
		return rc;
	}
	if (get) {
		if (m.base != NULL) {
			/* the stored profile is both what the form shows and its base */
			m.prof = m.base;
			m.base = NULL;
			if (mapping_get(m.db, base, &m.base) != ST_OK)
				m.base = NULL;
		} else {
			m.prof = mp_guess(&m);
		}
		rc = mp_page(&m, resp, NULL, 0);
		mp_free(&m);
		return rc;
	}

	const char *bv = http_form(req, "base_version");
	if (bv != NULL)
		m.base_version = strtoll(bv, NULL, 10);
	m.prof = mp_from_form(&m);
	const char *action = http_form(req, "action");
	action = action != NULL ? action : "preview";
	if (m.prof->code_gen != MAPG_NONE && !mp_prefix_ok(m.prof->code_prefix)) {
		mp_problem(&m, HTTP_T(req, "Tiền tố của số thứ tự", "Prefix of the numbers"),
			   HTTP_T(req,
				  "hãy gõ từ 1 đến 20 ký tự: chữ cái không dấu, chữ số, '-', '_' "
				  "hoặc '.' (như TK-)",
				  "type 1 to 20 characters: letters without accents, digits, '-', "
				  "'_' or '.' (like TK-)"));
		action = "form"; /* nothing run; the form comes back as posted */
	}
	const char *notice = NULL;
	int preview = 0;
	/* a district officer imports its own unit's facilities only */
	struct mapping_opts o = {.msg_lang = req->lang + 1,
				 .unit_scope =
				     req->who->role == ROLE_DISTRICT ? req->who->unit_id : 0};

	if (strcmp(action, "json") == 0) {
		char *json = mapping_to_json(m.prof);
		buf_puts(&resp->body, json);
		free(json);
		resp->content_type = "application/json";
		http_response_header(resp, "Content-Disposition",
				     mp_disposition(req, m.prof->name));
		mp_free(&m);
		return 0;
	}
	if (strcmp(action, "save") == 0) {
		if (m.prof->name[0] == '\0' || strlen(m.prof->name) > 100) {
			mp_problem(&m, HTTP_T(req, "Tên hồ sơ ánh xạ", "Profile name"),
				   HTTP_T(req, "hãy đặt tên từ 1 đến 100 ký tự",
					  "give it a name of 1 to 100 characters"));
		} else {
			/* a new name is a new profile; the base's name is a save over it */
			int64_t expect = m.base != NULL && strcmp(m.base->name, m.prof->name) == 0
					     ? m.base_version
					     : 0;
			int64_t v = 0;
			enum status s =
			    mapping_save(m.db, req->who, (int64_t)time(NULL), m.prof, expect, &v);
			if (s == ST_OK) {
				notice = arena_printf(
				    &req->arena, "%s '%s', %s %lld.",
				    HTTP_T(req, "Đã lưu hồ sơ", "Saved profile"), m.prof->name,
				    HTTP_T(req, "phiên bản", "version"), (long long)v);
				mapping_free(m.base);
				m.base = NULL;
				mapping_get(m.db, m.prof->name, &m.base);
				m.base_version = v;
			} else if (s == ST_CONFLICT) {
				mp_problem(&m, HTTP_T(req, "Hồ sơ", "Profile"),
					   web_msg(req, MSG_MAP_CONFLICT));
			} else if (s == ST_EXISTS) {
				mp_problem(
				    &m, HTTP_T(req, "Tên hồ sơ ánh xạ", "Profile name"),
				    HTTP_T(req,
					   "đã có hồ sơ tên này; hãy mở hồ sơ đó hoặc đặt "
					   "tên khác",
					   "a profile of this name exists; open it or choose "
					   "another name"));
			} else {
				mp_free(&m);
				return -1;
			}
		}
	} else if (strcmp(action, "dryrun") == 0 || strcmp(action, "import") == 0) {
		o.dry_run = action[0] == 'd';
		struct mapping_stats ms;
		int r =
		    mapping_import_path(m.db, m.prof, m.path, m.filename, &o, mp_problem, &m, &ms);
		if (r < 0 && m.nproblems == 0)
			mp_problem(&m, m.filename,
				   HTTP_T(req, "lỗi hệ thống; chưa ghi gì",
					  "internal error; nothing "
					  "written"));
		if (r == 0 && o.dry_run)
			notice = arena_printf(
			    &req->arena, "%s %s %s, %s %s, %s %s. %s",
			    HTTP_T(req, "Chạy thử:", "Dry run:"), web_int(req, ms.rows),
			    HTTP_T(req, "dòng", "rows"), web_int(req, ms.rows - ms.bad_rows),
			    HTTP_T(req, "dòng hợp lệ", "good"), web_int(req, ms.bad_rows),
			    HTTP_T(req, "dòng lỗi", "bad"),
			    HTTP_T(req, "Chưa ghi gì vào sxsh.", "Nothing was written."));
		else if (r == 0)
			notice = arena_printf(
			    &req->arena, "%s %s %s, %s %s, %s %s. %s %s, %s %s.",
			    HTTP_T(req, "Đã nhập:", "Imported:"), web_int(req, ms.rows),
			    HTTP_T(req, "dòng đọc", "rows read"), web_int(req, ms.imported),
			    HTTP_T(req, "dòng đã nhập", "imported"), web_int(req, ms.bad_rows),
			    HTTP_T(req, "dòng lỗi bị bỏ ra", "bad rows left out"),
			    HTTP_T(req, "Không nhập theo hồ sơ:", "Not imported by the profile:"),
			    web_int(req, ms.values_left_out),
			    HTTP_T(req, "giá trị; chi phí không bằng đồng:",
				   "values; costs not in VND:"),
			    web_int(req, ms.costs_left_out));
		else if (r == 1)
			notice = HTTP_T(req, "Có dòng lỗi nên chưa ghi gì vào sxsh.",
					"Some rows are bad, so nothing was written.");
	} else if (strcmp(action, "form") != 0) {
		preview = 1;
		struct mapping_stats ms;
		mapping_preview(m.db, m.prof, m.path, m.filename, MP_PREVIEW_ROWS, &o,
				mp_preview_row, mp_problem, &m, &ms);
	}
	rc = mp_page(&m, resp, notice, preview);
	mp_free(&m);
	return rc;
}

/* ---- /imports/new and /imports/profile --------------------------------- */

static int
mp_new_page(struct http_request *req, struct http_response *resp, const char *problem,
	    const char *notice)
{
	struct db *db = http_request_db(req);
	struct mapping_info *list = NULL;
	int n = 0;
	if (db == NULL || mapping_list(db, &list, &n) != ST_OK)
		return -1;
	const char *title = HTTP_T(req, "Nhập tệp khác mẫu", "Import a foreign file");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);
	wfp_message(&b, 1, problem);
	wfp_message(&b, 0, notice);
	html_open(&b, "p", NULL);
	html_text(&b,
		  HTTP_T(req,
			 "Tệp CSV hoặc bảng tính (.xlsx, .xls, .ods) có dòng đầu là tên cột. "
			 "Sau khi tải lên, bạn chọn mỗi cột dùng làm gì, xem trước, lưu "
			 "thành hồ sơ ánh xạ, chạy thử rồi nhập.",
			 "A CSV file or a spreadsheet (.xlsx, .xls, .ods) whose first row names "
			 "its columns. Once it is uploaded you choose what each column is, "
			 "preview, save the choices as a profile, do a dry run, then import."));
	html_close(&b, "p");
	html_open(&b, "form", "method", "post", "enctype", "multipart/form-data", "class",
		  "map-upload", "action", web_url(req, "/imports/new", NULL, 0), NULL);
	web_csrf_field(req, &b, NULL);
	html_open(&b, "label", "for", "map-target", NULL);
	html_text(&b, HTTP_T(req, "Nhập vào", "Import as"));
	html_close(&b, "label");
	html_open(&b, "select", "id", "map-target", "name", "target", NULL);
	mp_option(&b, "facilities", HTTP_T(req, "Danh sách cơ sở", "Facilities"), 1);
	mp_option(&b, "reports", HTTP_T(req, "Báo cáo năm", "Annual reports"), 0);
	html_close(&b, "select");
	html_open(&b, "label", "for", "map-profile", NULL);
	html_text(&b, HTTP_T(req, "Hồ sơ ánh xạ", "Mapping profile"));
	html_close(&b, "label");
	html_open(&b, "select", "id", "map-profile", "name", "profile", NULL);
	mp_option(&b, "", HTTP_T(req, "Hồ sơ mới", "A new profile"), 1);
	for (int i = 0; i < n; i++)
		mp_option(&b, list[i].name,
			  arena_printf(&req->arena, "%s (%s)", list[i].name,
				       list[i].target == CSVIO_FACILITIES
					   ? HTTP_T(req, "cơ sở", "facilities")
					   : HTTP_T(req, "báo cáo năm", "annual reports")),
			  0);
	html_close(&b, "select");
	html_open(&b, "label", "for", "map-file", NULL);
	html_text(&b, HTTP_T(req, "Tệp (tối đa 10 MB)", "File (at most 10 MB)"));
	html_close(&b, "label");
	html_open(&b, "input", "type", "file", "id", "map-file", "name", "file", "required",
		  "required", "accept", ".csv,.xlsx,.xls,.ods", NULL);
	html_open(&b, "button", "type", "submit", NULL);
	html_text(&b, HTTP_T(req, "Tải lên và ánh xạ cột", "Upload and map the columns"));
	html_close(&b, "button");
	html_close(&b, "form");

	html_elem(&b, "h2", HTTP_T(req, "Hồ sơ ánh xạ đã lưu", "Stored profiles"));
	if (n == 0) {
		html_open(&b, "p", "class", "note", NULL);
		html_text(&b, HTTP_T(req, "Chưa có hồ sơ nào.", "No profile yet."));
		html_close(&b, "p");
	} else {
		web_scroll_open(&b, HTTP_T(req, "Hồ sơ ánh xạ đã lưu", "Stored profiles"));
		html_open(&b, "table", "class", "list map-profiles", NULL);
		html_raw(&b, "<thead><tr>");
		static const char *const th[][2] = {
		    {"Tên", "Name"},	       {"Nhập vào", "Imports"}, {"Phiên bản", "Version"},
		    {"Người lưu", "Saved by"}, {"Lúc", "When"},		{"JSON", "JSON"}};
		for (size_t k = 0; k < sizeof(th) / sizeof(th[0]); k++) {
			html_open(&b, "th", "scope", "col", NULL);
			html_text(&b, HTTP_T(req, th[k][0], th[k][1]));
			html_close(&b, "th");
		}
		html_raw(&b, "</tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			html_open(&b, "tr", NULL);
			html_elem(&b, "td", list[i].name);
			html_elem(&b, "td",
				  list[i].target == CSVIO_FACILITIES
				      ? HTTP_T(req, "Cơ sở", "Facilities")
				      : HTTP_T(req, "Báo cáo năm", "Annual reports"));
			html_open(&b, "td", "class", "num", NULL);
			html_text(&b, web_int(req, (long)list[i].version));
			html_close(&b, "td");
			html_elem(&b, "td", list[i].updated_by);
			html_elem(&b, "td", web_datetime_unix(req, list[i].updated_at));
			html_open(&b, "td", NULL);
			struct http_param prm = {"name", list[i].name};
			html_open(&b, "a", "href", web_url(req, "/imports/profile", &prm, 1),
				  "aria-label",
				  arena_printf(&req->arena, "%s %s",
					       HTTP_T(req, "Tải JSON của", "Download the JSON of"),
					       list[i].name),
				  NULL);
			html_text(&b, HTTP_T(req, "Tải JSON", "Download"));
			html_close(&b, "a");
			html_close(&b, "td");
			html_close(&b, "tr");
		}
		html_raw(&b, "</tbody></table>");
		web_scroll_close(&b);
	}
	html_elem(&b, "h2", HTTP_T(req, "Tải lên một hồ sơ (JSON)", "Upload a profile (JSON)"));
	html_open(&b, "form", "method", "post", "enctype", "multipart/form-data", "class",
		  "map-upload", "action", web_url(req, "/imports/profile", NULL, 0), NULL);
	web_csrf_field(req, &b, NULL);
	html_open(&b, "label", "for", "map-json", NULL);
	html_text(&b, HTTP_T(req, "Tệp hồ sơ .json", "Profile file .json"));
	html_close(&b, "label");
	html_open(&b, "input", "type", "file", "id", "map-json", "name", "file", "required",
		  "required", "accept", ".json,application/json", NULL);
	html_open(&b, "label", "class", "map-check", NULL);
	html_open(&b, "input", "type", "checkbox", "name", "replace", "value", "1", NULL);
	html_text(&b, HTTP_T(req, " Thay hồ sơ cùng tên nếu đã có",
			     " Replace a stored profile of the same name"));
	html_close(&b, "label");
	html_open(&b, "button", "type", "submit", NULL);
	html_text(&b, HTTP_T(req, "Tải hồ sơ lên", "Upload the profile"));
	html_close(&b, "button");
	html_close(&b, "form");
	free(list);
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

int
web_imports_new(struct http_request *req, struct http_response *resp)
{
	if (req->method != HTTP_POST)
		return mp_new_page(req, resp, NULL,
				   http_param(req, "saved") != NULL
				       ? HTTP_T(req, "Đã lưu hồ sơ.", "The profile was saved.")
				       : NULL);
	const struct http_file *f = http_file(req, "file");
	const char *target = http_form(req, "target");
	const char *profile = http_form(req, "profile");
	if (f == NULL || f->len == 0) {
		resp->status = 400;
		return mp_new_page(req, resp,
				   HTTP_T(req, "Tệp: hãy chọn một tệp để tải lên.",
					  "File: choose a file to upload."),
				   NULL);
	}
	const char *dot = f->filename != NULL ? strrchr(f->filename, '.') : NULL;
	if (dot == NULL || (strcasecmp(dot, ".csv") != 0 && strcasecmp(dot, ".xlsx") != 0 &&
			    strcasecmp(dot, ".xls") != 0 && strcasecmp(dot, ".ods") != 0)) {
		resp->status = 400;
		return mp_new_page(req, resp,
				   HTTP_T(req, "Tệp: chỉ nhận .csv, .xlsx, .xls hoặc .ods.",
					  "File: only .csv, .xlsx, .xls or .ods files are taken."),
				   NULL);
	}
	if (target == NULL || csvio_kind_parse(target) < 0)
		target = "facilities";
	struct db *db = http_request_db(req);
	char token[MAPPING_TOKEN_LEN + 1];
	if (db == NULL || mapping_upload_put(db, req->who, (int64_t)time(NULL), f->filename,
					     f->data, f->len, token) != ST_OK)
		return -1;
	if (profile != NULL && profile[0] != '\0') {
		struct mapping_profile *p = NULL;
		if (mapping_get(db, profile, &p) == ST_OK)
			target = csvio_kind_name(p->target);
		mapping_free(p);
	}
	struct http_param prm[3] = {{"t", token}, {"target", target}, {"profile", profile}};
	resp->status = 303;
	http_response_header(resp, "Location", web_url(req, "/imports/map", prm, 3));
	http_response_header(resp, "Cache-Control", "no-store");
	return 0;
}

int
web_imports_profile(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	if (req->method != HTTP_POST) {
		const char *name = http_param(req, "name");
		struct mapping_profile *p = NULL;
		if (name == NULL || mapping_get(db, name, &p) != ST_OK) {
			web_error(req, resp, 404, "Không có hồ sơ ánh xạ này.", "No such profile.");
			return 0;
		}
		char *json = mapping_to_json(p);
		buf_puts(&resp->body, json);
		free(json);
		mapping_free(p);
		resp->content_type = "application/json";
		http_response_header(resp, "Content-Disposition", mp_disposition(req, name));
		return 0;
	}
	const struct http_file *f = http_file(req, "file");
	if (f == NULL || f->len == 0) {
		resp->status = 400;
		return mp_new_page(req, resp,
				   HTTP_T(req, "Tệp hồ sơ: hãy chọn một tệp .json.",
					  "Profile file: choose a .json file."),
				   NULL);
	}
	char *text = xstrndup(f->data, f->len), err[1024];
	struct mapping_profile *p = mapping_from_json(text, err, sizeof(err));
	free(text);
	if (p == NULL) {
		resp->status = 400;
		struct msg m;
		msg_init(&m, MSG_MAP_JSON, NULL);
		/* the reason after the catalogue's words names a key of the file */
		const char *detail = strstr(err, ": ");
		msg_ref(&m, detail != NULL ? detail + 2 : err);
		char line[1024];
		msg_format(&m, req->lang, line, sizeof(line));
		return mp_new_page(req, resp, arena_strdup(&req->arena, line), NULL);
	}
	const char *rep = http_form(req, "replace");
	enum status s = mapping_save(db, req->who, (int64_t)time(NULL), p,
				     rep != NULL && strcmp(rep, "1") == 0 ? -1 : 0, NULL);
	const char *name = arena_strdup(&req->arena, p->name);
	mapping_free(p);
	if (s == ST_EXISTS) {
		resp->status = 409;
		return mp_new_page(
		    req, resp,
		    arena_printf(&req->arena, "%s '%s'. %s",
				 HTTP_T(req, "Đã có hồ sơ", "A profile"), name,
				 HTTP_T(req, "Đánh dấu ô \"Thay hồ sơ cùng tên\" để thay.",
					"of this name exists; tick \"Replace\" to replace it.")),
		    NULL);
	}
	if (s != ST_OK)
		return -1;
	struct http_param prm = {"saved", "1"};
	resp->status = 303;
	http_response_header(resp, "Location", web_url(req, "/imports/new", &prm, 1));
	http_response_header(resp, "Cache-Control", "no-store");
	return 0;
}
