/*
 * The streaming spreadsheet reader of sheetread.h.  Three front ends feed
 * one row builder:
 *
 *   .xlsx  the zip's parts are read with libzip and parsed as they come
 *          with libxml2's xmlTextReader: the package relationships lead to
 *          the workbook part, its relationships to the sheets and the
 *          shared strings; each sheet is one pass over its cells.
 *   .ods   content.xml is one pass: the automatic table styles (which say
 *          whether a sheet is hidden) come before the tables.
 *   .xls   libfreexl, which reads the whole workbook itself; we visit the
 *          cells of each sheet in order.
 *
 * Every byte taken out of the zip is counted against a per-part and a
 * total limit, and a part whose declared size is far beyond its
 * compressed size is refused before it is read (a zip bomb).  Rows and
 * columns are held to Excel's limits, the shared strings to a count and a
 * total size.  Text is normalised to NFC.  A damaged file is -1 with a
 * bilingual reason, never a crash (tests/fuzz/fuzz_sheetread.c).
 */
#include "model/io/sheetread.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <freexl.h>
#include <libxml/xmlreader.h>
#include <utf8proc.h>
#include <zip.h>

#include "model/msg.h"
#include "util/alloc.h"
#include "util/fmt.h"
#include "util/buf.h"

#define MAX_ROWS      1048576L
#define MAX_COLS      16384
#define MAX_PART      (1024L * 1024 * 1024) /* uncompressed bytes of one part */
#define MAX_TOTAL     (1024L * 1024 * 1024) /* uncompressed bytes of all parts read */
#define MAX_RATIO     200		   /* uncompressed / compressed, for parts over MIN_RATIO */
#define MIN_RATIO     (1024L * 1024)	   /* parts smaller than this may compress as they like */
#define MAX_STRINGS   (4L * 1024 * 1024)   /* shared strings */
#define MAX_SST_BYTES (256L * 1024 * 1024) /* their text */
#define MAX_CELLTEXT  (1024 * 1024)	   /* one cell's text (Excel allows 32,767 characters) */
#define MAX_EMITTED   (64L * 1024 * 1024)  /* cells handed out, repeated ODS cells included */
#define MAX_SHEETS    4096

/* One cell of the row being built; text is owned. */
struct cell {
	int col;
	enum sheetread_type type;
	char *text;
	double num;
};

struct reader {
	sheetread_row_fn *fn;
	void *ctx;
	char *err;
	size_t errsz;
	int failed; /* err holds the reason */
	/* the row being built */
	struct cell *cells;
	int ncells, cap;
	struct sheetread_cell *out; /* what the callback sees */
	int outcap;
	long emitted;
	/* zip guard */
	long total;
};

/* ---- errors ---- */

static int
fail(struct reader *r, enum msg_id id, const char *arg)
{
	if (!r->failed) {
		struct msg m;
		msg_init(&m, id, NULL);
		if (arg != NULL)
			msg_str(&m, arg);
		msg_format(&m, MSG_BOTH, r->err, r->errsz);
		r->failed = 1;
	}
	return -1;
}

/* ---- text and numbers ---- */

/* s (n bytes) normalised to NFC, malloc'd; invalid UTF-8 is kept as it is. */
static char *
nfc_dup(const char *s, size_t n)
{
	int ascii = 1;
	for (size_t i = 0; i < n && ascii; i++)
		ascii = (unsigned char)s[i] < 0x80;
	if (!ascii) {
		utf8proc_uint8_t *out = NULL;
		utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
						  &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (m >= 0)
			return (char *)out;
		free(out);
	}
	return xstrndup(s, n);
}

/* Whether s parses as a whole as a finite number; *v receives it. */
static int
num_parse(const char *s, double *v)
{
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return 0;
	char *end;
	errno = 0;
	double d = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0' || !isfinite(d))
		return 0;
	*v = d;
	return 1;
}

/* ---- the row builder ---- */

/* Adds a cell to the row being built; is_nfc: text is NFC already (a shared string). */
static void
row_add_nfc(struct reader *r, int col, enum sheetread_type type, const char *text, size_t len,
	    double num, int is_nfc)
{
	if (type == SHEETREAD_TEXT && len == 0)
		return;
	if (r->ncells == r->cap)
		xgrow((void **)&r->cells, &r->cap, r->ncells + 1, sizeof *r->cells);
	struct cell *c = &r->cells[r->ncells++];
	c->col = col;
	c->type = type;
	c->num = num;
	if (type == SHEETREAD_NUMBER) {
		char t[32];
		fmt_exact(t, sizeof t, num == 0 ? 0 : num); /* -0 written "0" */
		c->text = xstrdup(t);
	} else {
		c->text = is_nfc ? xstrndup(text, len) : nfc_dup(text, len);
	}
}

/* Adds a cell to the row being built; text (len bytes) is normalised to NFC. */
static void
row_add(struct reader *r, int col, enum sheetread_type type, const char *text, size_t len,
	double num)
{
	row_add_nfc(r, col, type, text, len, num, 0);
}

static void
row_clear(struct reader *r)
{
	for (int i = 0; i < r->ncells; i++)
		free(r->cells[i].text);
	r->ncells = 0;
}

static int
cell_cmp(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;
	return (x->col > y->col) - (x->col < y->col);
}

/*
 * Hands the row built so far to the callback (when it holds a cell) and
 * empties it.  Cells are sorted by column; of two at the same column (a
 * damaged file) the later wins.  Returns the callback's value.
 */
static int
row_flush(struct reader *r, const struct sheetread_sheet *sh, long row)
{
	if (r->ncells == 0)
		return 0;
	qsort(r->cells, (size_t)r->ncells, sizeof *r->cells, cell_cmp);
	if (r->outcap < r->ncells)
		xgrow((void **)&r->out, &r->outcap, r->ncells, sizeof *r->out);
	int n = 0;
	for (int i = 0; i < r->ncells; i++) {
		if (n > 0 && r->out[n - 1].col == r->cells[i].col)
			n--;
		r->out[n].col = r->cells[i].col;
		r->out[n].type = r->cells[i].type;
		r->out[n].text = r->cells[i].text;
		r->out[n].num = r->cells[i].num;
		n++;
	}
	r->emitted += n;
	int rc = r->emitted > MAX_EMITTED ? fail(r, MSG_SR_LIMITS, NULL)
					  : r->fn(r->ctx, sh, row, r->out, n);
	row_clear(r);
	return rc;
}

/* ---- addresses ---- */

char *
sheetread_ref(char *out, size_t n, int col, long row)
{
	char letters[8];
	int k = 0;
	for (int c = col; c > 0 && k < (int)sizeof letters; c = (c - 1) / 26)
		letters[k++] = (char)('A' + (c - 1) % 26);
	size_t o = 0;
	while (k > 0 && o + 1 < n)
		out[o++] = letters[--k];
	snprintf(out + o, n - o, "%ld", row);
	return out;
}

/* "AB12" → col 28, row 12; 0 when ref is not an address.  Either part may be absent. */
static int
ref_parse(const char *ref, int *col, long *row)
{
	long c = 0, rw = 0;
	const char *p = ref;
	while (*p == '$')
		p++;
	while (isalpha((unsigned char)*p)) {
		c = c * 26 + (toupper((unsigned char)*p) - 'A' + 1);
		if (c > MAX_COLS)
			return 0;
		p++;
	}
	while (*p == '$')
		p++;
	while (isdigit((unsigned char)*p)) {
		rw = rw * 10 + (*p - '0');
		if (rw > MAX_ROWS)
			return 0;
		p++;
	}
	if (*p != '\0')
		return 0;
	*col = (int)c;
	*row = rw;
	return 1;
}

int
sheetread_format_of(const char *path)
{
	const char *dot = path != NULL ? strrchr(path, '.') : NULL;
	if (dot == NULL)
		return -1;
	if (strcasecmp(dot, ".xlsx") == 0 || strcasecmp(dot, ".xlsm") == 0)
		return SHEETREAD_XLSX;
	if (strcasecmp(dot, ".xls") == 0)
		return SHEETREAD_XLS;
	if (strcasecmp(dot, ".ods") == 0)
		return SHEETREAD_ODS;
	return -1;
}

/* ---- zip parts through xmlTextReader ---- */

struct part {
	struct reader *r;
	zip_file_t *zf;
	long read;
	int over; /* a limit was passed */
};

static int
part_read(void *ctx, char *buf, int len)
{
	struct part *p = ctx;
	zip_int64_t n = zip_fread(p->zf, buf, (zip_uint64_t)len);
	if (n < 0)
		return -1;
	p->read += (long)n;
	p->r->total += (long)n;
	if (p->read > MAX_PART || p->r->total > MAX_TOTAL) {
		p->over = 1;
		return -1;
	}
	return (int)n;
}

static int
part_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/* Silences libxml2's messages on stderr: a damaged file is reported as one reason. */
static void
xml_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/*
 * Opens part name of za (case-insensitively when not found as written) for
 * reading; NULL with the reason in r when absent (and required), damaged
 * or out of the ratio limit.
 */
static xmlTextReaderPtr
part_open(struct reader *r, zip_t *za, const char *name, struct part *p, int required)
{
	zip_int64_t idx = zip_name_locate(za, name, 0);
	if (idx < 0)
		idx = zip_name_locate(za, name, ZIP_FL_NOCASE);
	if (idx < 0) {
		if (required)
			fail(r, MSG_SR_DAMAGED, name);
		return NULL;
	}
	zip_stat_t st;
	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    (st.valid & ZIP_STAT_COMP_SIZE)) {
		if (st.size > (zip_uint64_t)MAX_PART ||
		    (st.size > (zip_uint64_t)MIN_RATIO &&
		     st.size / (st.comp_size ? st.comp_size : 1) > MAX_RATIO)) {
			fail(r, MSG_SR_TOO_BIG, NULL);
			return NULL;
		}
	}
	p->r = r;
	p->read = 0;
	p->over = 0;
	p->zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
	if (p->zf == NULL) {
		fail(r,
		     zip_get_error(za)->zip_err == ZIP_ER_NOPASSWD ||
			     zip_get_error(za)->zip_err == ZIP_ER_ENCRNOTSUPP
			 ? MSG_SR_PASSWORD
			 : MSG_SR_DAMAGED,
		     name);
		return NULL;
	}
	xmlTextReaderPtr x = xmlReaderForIO(part_read, part_close, p, name, NULL,
					    XML_PARSE_NONET | XML_PARSE_NOERROR |
						XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
	if (x == NULL) {
		zip_fclose(p->zf);
		fail(r, MSG_SR_DAMAGED, name);
		return NULL;
	}
	xmlTextReaderSetErrorHandler(x, NULL, NULL);
	return x;
}

/* Ends reading a part: 0 when it was read to its end, else -1 with the reason. */
static int
part_close_all(struct reader *r, xmlTextReaderPtr x, struct part *p, int rc, const char *name)
{
	xmlFreeTextReader(x);
	zip_fclose(p->zf);
	if (p->over)
		return fail(r, MSG_SR_TOO_BIG, NULL);
	if (rc < 0)
		return fail(r, MSG_SR_DAMAGED, name);
	return 0;
}

/* Whether the current node's local name is s. */
static int
is(xmlTextReaderPtr x, const char *s)
{
	const xmlChar *n = xmlTextReaderConstLocalName(x);
	return n != NULL && strcmp((const char *)n, s) == 0;
}

/* The attribute of the current element whose local name is local (any namespace), malloc'd. */
static char *
attr_local(xmlTextReaderPtr x, const char *local)
{
	char *v = NULL;
	if (xmlTextReaderMoveToFirstAttribute(x) != 1)
		return NULL;
	do {
		if (is(x, local)) {
			v = (char *)xmlTextReaderValue(x);
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(x) == 1);
	xmlTextReaderMoveToElement(x);
	return v;
}

static char *
attr(xmlTextReaderPtr x, const char *name)
{
	return (char *)xmlTextReaderGetAttribute(x, (const xmlChar *)name);
}

/* Whether the node is character data (text, CDATA or white space). */
static int
is_text(int type)
{
	return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
	       type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE;
}

/* ---- xlsx ---- */

struct rel {
	char *id, *target, *type;
};

struct xsheet {
	char *name, *rid, *path;
	int hidden;
};

struct xlsx {
	struct reader *r;
	zip_t *za;
	struct rel *rels;
	int nrels, relcap;
	struct xsheet *sheets;
	int nsheets, sheetcap;
	char **sst;
	long nsst, sstcap, sstbytes;
};

/* Whether the relationship type ends with "/suffix" (transitional and strict alike). */
static int
rel_is(const struct rel *rel, const char *suffix)
{
	size_t n = rel->type ? strlen(rel->type) : 0, k = strlen(suffix);
	return n > k && rel->type[n - k - 1] == '/' && strcmp(rel->type + n - k, suffix) == 0;
}

/*
 * The part a target names, resolved against the folder dir ("xl/") of the
 * part whose relationships hold it: "/xl/a.xml" → "xl/a.xml",
 * "worksheets/s.xml" → "xl/worksheets/s.xml", "../x.xml" one folder up.
 */
static char *
rel_resolve(const char *dir, const char *target)
{
	if (target[0] == '/')
		return xstrdup(target + 1);
	struct buf b;
	buf_init(&b, 4096);
	buf_puts(&b, dir);
	const char *t = target;
	for (;;) {
		if (strncmp(t, "./", 2) == 0) {
			t += 2;
		} else if (strncmp(t, "../", 3) == 0) {
			t += 3;
			if (b.len > 0)
				b.len--; /* the trailing '/' */
			while (b.len > 0 && b.data[b.len - 1] != '/')
				b.len--;
			if (b.data != NULL)
				b.data[b.len] = '\0';
		} else {
			break;
		}
	}
	buf_puts(&b, t);
	char *s = buf_detach(&b, NULL);
	return s != NULL ? s : xstrdup("");
}

static void
rels_free(struct xlsx *w)
{
	for (int i = 0; i < w->nrels; i++) {
		free(w->rels[i].id);
		free(w->rels[i].target);
		free(w->rels[i].type);
	}
	w->nrels = 0;
}

/* Reads the relationships part name into w->rels (replacing them); absent is none. */
static int
rels_read(struct xlsx *w, const char *name)
{
	rels_free(w);
	struct part p;
	xmlTextReaderPtr x = part_open(w->r, w->za, name, &p, 0);
	if (x == NULL)
		return w->r->failed ? -1 : 0;
	int rc;
	while ((rc = xmlTextReaderRead(x)) == 1) {
		if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT || !is(x, "Relationship"))
			continue;
		char *tm = attr(x, "TargetMode");
		int external = tm != NULL && strcmp(tm, "External") == 0;
		xmlFree(tm);
		char *id = attr(x, "Id"), *target = attr(x, "Target"), *type = attr(x, "Type");
		if (id == NULL || target == NULL || external || w->nrels >= MAX_SHEETS * 4) {
			xmlFree(id);
			xmlFree(target);
			xmlFree(type);
			continue;
		}
		if (w->nrels == w->relcap)
			xgrow((void **)&w->rels, &w->relcap, w->nrels + 1, sizeof *w->rels);
		w->rels[w->nrels++] =
		    (struct rel){xstrdup(id), xstrdup(target), type ? xstrdup(type) : NULL};
		xmlFree(id);
		xmlFree(target);
		xmlFree(type);
	}
	return part_close_all(w->r, x, &p, rc, name);
}

/* The folder of part name, with its trailing '/' ("xl/"), malloc'd. */
static char *
dir_of(const char *name)
{
	const char *slash = strrchr(name, '/');
	return xstrndup(name, slash ? (size_t)(slash - name + 1) : 0);
}

/* The relationships part of part name ("xl/_rels/workbook.xml.rels"), malloc'd. */
static char *
rels_of(const char *name)
{
	const char *slash = strrchr(name, '/');
	size_t d = slash ? (size_t)(slash - name + 1) : 0;
	return xasprintf("%.*s_rels/%s.rels", (int)d, name, name + d);
}

static int
workbook_read(struct xlsx *w, const char *name)
{
	struct part p;
	xmlTextReaderPtr x = part_open(w->r, w->za, name, &p, 1);
	if (x == NULL)
		return -1;
	int rc;
	while ((rc = xmlTextReaderRead(x)) == 1) {
		if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT || !is(x, "sheet"))
			continue;
		if (w->nsheets >= MAX_SHEETS)
			break;
		char *nm = attr(x, "name"), *state = attr(x, "state"), *rid = attr_local(x, "id");
		if (w->nsheets == w->sheetcap)
			xgrow((void **)&w->sheets, &w->sheetcap, w->nsheets + 1, sizeof *w->sheets);
		struct xsheet *s = &w->sheets[w->nsheets++];
		s->name = nm ? nfc_dup(nm, strlen(nm)) : xstrdup("");
		s->rid = rid ? xstrdup(rid) : NULL;
		s->path = NULL;
		s->hidden = state != NULL &&
			    (strcmp(state, "hidden") == 0 || strcmp(state, "veryHidden") == 0);
		xmlFree(nm);
		xmlFree(state);
		xmlFree(rid);
	}
	return part_close_all(w->r, x, &p, rc, name);
}

/*
 * Appends the text of the current element (an <si> or <is>) up to its end:
 * the <t> of each run joined, phonetic runs (<rPh>) and their properties
 * left out.  Returns the reader's last result.
 */
static int
rich_text(xmlTextReaderPtr x, struct buf *b)
{
	if (xmlTextReaderIsEmptyElement(x))
		return 1;
	int depth = xmlTextReaderDepth(x), in_t = 0, rc;
	while ((rc = xmlTextReaderRead(x)) == 1) {
		int type = xmlTextReaderNodeType(x);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (xmlTextReaderDepth(x) == depth)
				return 1;
			if (is(x, "t"))
				in_t = 0;
		} else if (type == XML_READER_TYPE_ELEMENT) {
			if (is(x, "rPh") || is(x, "rPr") || is(x, "phoneticPr")) {
				if (!xmlTextReaderIsEmptyElement(x) &&
				    (rc = xmlTextReaderNext(x)) != 1)
					return rc;
				/* Next moved past the subtree: look at where it landed. */
				type = xmlTextReaderNodeType(x);
				if (type == XML_READER_TYPE_END_ELEMENT &&
				    xmlTextReaderDepth(x) == depth)
					return 1;
				if (type == XML_READER_TYPE_ELEMENT && is(x, "t") &&
				    !xmlTextReaderIsEmptyElement(x))
					in_t = 1;
				else if (in_t && is_text(type))
					buf_puts(b, (const char *)xmlTextReaderConstValue(x));
				continue;
			}
			if (is(x, "t") && !xmlTextReaderIsEmptyElement(x))
				in_t = 1;
		} else if (in_t && is_text(type)) {
			buf_puts(b, (const char *)xmlTextReaderConstValue(x));
		}
	}
	return rc;
}

static int
sst_read(struct xlsx *w, const char *name)
{
	struct part p;
	xmlTextReaderPtr x = part_open(w->r, w->za, name, &p, 0);
	if (x == NULL)
		return w->r->failed ? -1 : 0;
	struct buf b;
	buf_init(&b, MAX_CELLTEXT);
	int rc;
	while ((rc = xmlTextReaderRead(x)) == 1) {
		if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT || !is(x, "si"))
			continue;
		buf_reset(&b);
		if ((rc = rich_text(x, &b)) != 1)
			break;
		if (w->nsst >= MAX_STRINGS || w->sstbytes > MAX_SST_BYTES) {
			rc = 0;
			buf_free(&b);
			xmlFreeTextReader(x);
			zip_fclose(p.zf);
			return fail(w->r, MSG_SR_LIMITS, NULL);
		}
		if (w->nsst == w->sstcap) {
			long cap = w->sstcap ? w->sstcap * 2 : 256;
			w->sst = xrealloc(w->sst, (size_t)cap * sizeof *w->sst);
			w->sstcap = cap;
		}
		w->sst[w->nsst] = nfc_dup(b.data ? b.data : "", b.len);
		w->sstbytes += (long)b.len + 16;
		w->nsst++;
	}
	buf_free(&b);
	return part_close_all(w->r, x, &p, rc, name);
}

/* The state of one <c> being read. */
struct xcell {
	int col;
	char t[16]; /* the t attribute, "n" when absent */
	struct buf v;
	int has_v;
};

/* Adds the cell c to the row being built. */
static int
xcell_emit(struct xlsx *w, struct xcell *c)
{
	struct reader *r = w->r;
	const char *v = c->v.data ? c->v.data : "";
	if (!c->has_v)
		return 0;
	if (strcmp(c->t, "s") == 0) {
		double d;
		if (!num_parse(v, &d) || d < 0 || d >= (double)w->nsst || d != floor(d))
			return fail(r, MSG_SR_DAMAGED, "sharedStrings");
		const char *s = w->sst[(long)d]; /* normalised when the table was read */
		row_add_nfc(r, c->col, SHEETREAD_TEXT, s, strlen(s), 0, 1);
	} else if (strcmp(c->t, "inlineStr") == 0 || strcmp(c->t, "str") == 0 ||
		   strcmp(c->t, "d") == 0) {
		row_add(r, c->col, SHEETREAD_TEXT, v, c->v.len, 0);
	} else if (strcmp(c->t, "b") == 0) {
		double d = 0;
		num_parse(v, &d);
		row_add(r, c->col, SHEETREAD_NUMBER, NULL, 0, d != 0 ? 1 : 0);
	} else if (strcmp(c->t, "e") == 0) {
		row_add(r, c->col, SHEETREAD_ERROR, v, c->v.len, 0);
	} else {
		double d;
		if (c->v.len == 0)
			return 0;
		if (!num_parse(v, &d))
			return fail(r, MSG_SR_DAMAGED, "worksheet");
		row_add(r, c->col, SHEETREAD_NUMBER, NULL, 0, d);
	}
	return 0;
}

static int
sheet_read(struct xlsx *w, const struct xsheet *xs, int index)
{
	struct reader *r = w->r;
	struct sheetread_sheet sh = {xs->name, index, xs->hidden};
	struct part p;
	xmlTextReaderPtr x = part_open(r, w->za, xs->path, &p, 1);
	if (x == NULL)
		return -1;
	long row = 0, lastrow = 0;
	int lastcol = 0, in_row = 0, stop = 0, rc;
	struct xcell c = {0};
	buf_init(&c.v, MAX_CELLTEXT);
	int in_cell = 0, in_v = 0;
	while (!stop && (rc = xmlTextReaderRead(x)) == 1) {
		int type = xmlTextReaderNodeType(x);
		if (type == XML_READER_TYPE_ELEMENT) {
			if (is(x, "row")) {
				if (in_row && (stop = row_flush(r, &sh, row)) != 0)
					break;
				char *a = attr(x, "r");
				long n = a ? strtol(a, NULL, 10) : lastrow + 1;
				xmlFree(a);
				if (n <= lastrow)
					n = lastrow + 1;
				if (n < 1 || n > MAX_ROWS) {
					stop = fail(r, MSG_SR_LIMITS, NULL);
					break;
				}
				row = lastrow = n;
				lastcol = 0;
				in_row = !xmlTextReaderIsEmptyElement(x);
			} else if (is(x, "c") && in_row) {
				char *a = attr(x, "r"), *t = attr(x, "t");
				int col = 0;
				long rr = 0;
				if (a == NULL || !ref_parse(a, &col, &rr) || col == 0)
					col = lastcol + 1;
				xmlFree(a);
				if (col > MAX_COLS) {
					xmlFree(t);
					stop = fail(r, MSG_SR_LIMITS, NULL);
					break;
				}
				lastcol = col;
				c.col = col;
				snprintf(c.t, sizeof c.t, "%s", t ? t : "n");
				xmlFree(t);
				buf_reset(&c.v);
				c.has_v = 0;
				in_cell = !xmlTextReaderIsEmptyElement(x);
			} else if (in_cell && is(x, "v")) {
				c.has_v = 1;
				in_v = !xmlTextReaderIsEmptyElement(x);
			} else if (in_cell && is(x, "is")) {
				c.has_v = 1;
				if ((rc = rich_text(x, &c.v)) != 1)
					break;
			} else if (in_cell && is(x, "f") && !xmlTextReaderIsEmptyElement(x)) {
				if ((rc = xmlTextReaderNext(x)) != 1)
					break;
				/* landed on the node after </f>: most often <v> */
				if (xmlTextReaderNodeType(x) == XML_READER_TYPE_ELEMENT &&
				    is(x, "v")) {
					c.has_v = 1;
					in_v = !xmlTextReaderIsEmptyElement(x);
				} else if (xmlTextReaderNodeType(x) ==
					       XML_READER_TYPE_END_ELEMENT &&
					   is(x, "c")) {
					in_cell = 0;
					if ((stop = xcell_emit(w, &c)) != 0)
						break;
				}
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (is(x, "v")) {
				in_v = 0;
			} else if (is(x, "c") && in_cell) {
				in_cell = 0;
				if ((stop = xcell_emit(w, &c)) != 0)
					break;
			} else if (is(x, "row") && in_row) {
				in_row = 0;
				if ((stop = row_flush(r, &sh, row)) != 0)
					break;
			}
		} else if (in_v && is_text(type)) {
			buf_puts(&c.v, (const char *)xmlTextReaderConstValue(x));
		}
	}
	buf_free(&c.v);
	if (stop) {
		row_clear(r);
		xmlFreeTextReader(x);
		zip_fclose(p.zf);
		return stop;
	}
	if (part_close_all(r, x, &p, rc, xs->path) != 0) {
		row_clear(r);
		return -1;
	}
	return row_flush(r, &sh, row);
}

static int
xlsx_read(struct reader *r, const char *path)
{
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY, &zerr);
	if (za == NULL)
		return fail(
		    r, zerr == ZIP_ER_OPEN || zerr == ZIP_ER_NOENT ? MSG_SR_OPEN : MSG_SR_NOT_ZIP,
		    "xlsx");
	struct xlsx w = {.r = r, .za = za};
	int rc = 0;
	char *wbpath = NULL, *dir = NULL, *rels = NULL;
	if (rels_read(&w, "_rels/.rels") != 0) {
		rc = -1;
		goto out;
	}
	for (int i = 0; i < w.nrels && wbpath == NULL; i++)
		if (rel_is(&w.rels[i], "officeDocument"))
			wbpath = rel_resolve("", w.rels[i].target);
	if (wbpath == NULL)
		wbpath = xstrdup("xl/workbook.xml");
	dir = dir_of(wbpath);
	rels = rels_of(wbpath);
	if (workbook_read(&w, wbpath) != 0 || rels_read(&w, rels) != 0) {
		rc = -1;
		goto out;
	}
	for (int i = 0; i < w.nrels; i++)
		if (rel_is(&w.rels[i], "sharedStrings")) {
			char *sst = rel_resolve(dir, w.rels[i].target);
			rc = sst_read(&w, sst);
			free(sst);
			if (rc != 0)
				goto out;
			break;
		}
	for (int s = 0; s < w.nsheets; s++)
		for (int i = 0; i < w.nrels && w.sheets[s].rid != NULL; i++)
			if (strcmp(w.rels[i].id, w.sheets[s].rid) == 0) {
				w.sheets[s].path = rel_resolve(dir, w.rels[i].target);
				break;
			}
	for (int s = 0; s < w.nsheets && rc == 0; s++) {
		if (w.sheets[s].path == NULL) {
			rc = fail(r, MSG_SR_DAMAGED, w.sheets[s].name);
			break;
		}
		rc = sheet_read(&w, &w.sheets[s], s);
	}
out:
	rels_free(&w);
	free(w.rels);
	for (int s = 0; s < w.nsheets; s++) {
		free(w.sheets[s].name);
		free(w.sheets[s].rid);
		free(w.sheets[s].path);
	}
	free(w.sheets);
	for (long i = 0; i < w.nsst; i++)
		free(w.sst[i]);
	free(w.sst);
	free(wbpath);
	free(dir);
	free(rels);
	zip_discard(za);
	return rc;
}

/* ---- ods ---- */

/* Days from 1899-12-30 (the spreadsheet epoch) to y-m-d (proleptic Gregorian). */
static long
days_from_epoch(int y, int m, int d)
{
	/* days from civil, shifted so that 1970-01-01 is 0 */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 + 25569;
}

/* "2026-03-31" or "2026-03-31T12:30:00" as a serial number; 0 when not a date. */
static int
date_serial(const char *s, double *v)
{
	int y, mo, d, h = 0, mi = 0;
	double sec = 0;
	int n = sscanf(s, "%d-%d-%dT%d:%d:%lf", &y, &mo, &d, &h, &mi, &sec);
	if (n < 3 || mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1 || y > 9999)
		return 0;
	*v = (double)days_from_epoch(y, mo, d) + (h * 3600 + mi * 60 + sec) / 86400.0;
	return 1;
}

/* "PT12H30M00S" (an ODS time) as a fraction of a day. */
static int
time_serial(const char *s, double *v)
{
	double h = 0, m = 0, sec = 0;
	if (strncmp(s, "PT", 2) != 0)
		return 0;
	const char *p = s + 2;
	while (*p) {
		char *end;
		double x = strtod(p, &end);
		if (end == p)
			return 0;
		if (*end == 'H')
			h = x;
		else if (*end == 'M')
			m = x;
		else if (*end == 'S')
			sec = x;
		else
			return 0;
		p = end + 1;
	}
	*v = (h * 3600 + m * 60 + sec) / 86400.0;
	return 1;
}

/* A style name kept when its table properties say display="false". */
struct ods {
	struct reader *r;
	char **hidden_styles;
	int nhidden, hiddencap;
};

static int
ods_style_hidden(const struct ods *o, const char *style)
{
	for (int i = 0; style != NULL && i < o->nhidden; i++)
		if (strcmp(o->hidden_styles[i], style) == 0)
			return 1;
	return 0;
}

static long
repeat_attr(xmlTextReaderPtr x, const char *name, long max)
{
	char *a = attr(x, name);
	long n = a ? strtol(a, NULL, 10) : 1;
	xmlFree(a);
	if (n < 1)
		n = 1;
	return n > max ? max : n;
}

/*
 * Reads the text of the current <table:table-cell> up to its end: its
 * paragraphs joined by "\n", text:s as spaces, text:tab, text:line-break;
 * annotations left out.  Returns the reader's last result.
 */
static int
ods_cell_text(xmlTextReaderPtr x, struct buf *b)
{
	/* only text inside a paragraph counts: a writer may indent the cell's children */
	int depth = xmlTextReaderDepth(x), paras = 0, in_p = 0, rc;
	while ((rc = xmlTextReaderRead(x)) == 1) {
		int type = xmlTextReaderNodeType(x);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (xmlTextReaderDepth(x) == depth)
				return 1;
			if ((is(x, "p") || is(x, "h")) && in_p > 0)
				in_p--;
		} else if (type == XML_READER_TYPE_ELEMENT) {
			if (is(x, "annotation")) {
				if (xmlTextReaderIsEmptyElement(x))
					continue;
				/* skip to the annotation's end element */
				int ad = xmlTextReaderDepth(x);
				while ((rc = xmlTextReaderRead(x)) == 1 &&
				       !(xmlTextReaderNodeType(x) == XML_READER_TYPE_END_ELEMENT &&
					 xmlTextReaderDepth(x) == ad))
					;
				if (rc != 1)
					return rc;
			} else if (is(x, "p") || is(x, "h")) {
				if (paras++ > 0)
					buf_putc(b, '\n');
				in_p += !xmlTextReaderIsEmptyElement(x);
			} else if (in_p && is(x, "s")) {
				long n = repeat_attr(x, "text:c", 1024);
				for (long i = 0; i < n; i++)
					buf_putc(b, ' ');
			} else if (in_p && is(x, "tab")) {
				buf_putc(b, '\t');
			} else if (in_p && is(x, "line-break")) {
				buf_putc(b, '\n');
			}
		} else if (in_p && is_text(type)) {
			buf_puts(b, (const char *)xmlTextReaderConstValue(x));
		}
	}
	return rc;
}

static int
ods_read(struct reader *r, const char *path)
{
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY, &zerr);
	if (za == NULL)
		return fail(
		    r, zerr == ZIP_ER_OPEN || zerr == ZIP_ER_NOENT ? MSG_SR_OPEN : MSG_SR_NOT_ZIP,
		    "ods");
	struct ods o = {.r = r};
	struct part p;
	xmlTextReaderPtr x = part_open(r, za, "content.xml", &p, 1);
	if (x == NULL) {
		zip_discard(za);
		return -1;
	}
	struct buf text;
	buf_init(&text, MAX_CELLTEXT);
	struct sheetread_sheet sh = {NULL, -1, 0};
	char *sheetname = NULL, *cur_style = NULL;
	long row = 0;
	int col = 0, in_table = 0, stop = 0, rc;
	long row_repeat = 1;
	while (!stop && (rc = xmlTextReaderRead(x)) == 1) {
		int type = xmlTextReaderNodeType(x);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (is(x, "table-row") && in_table) {
				/* a repeated row with content is handed out once per repeat */
				if (r->ncells > 0) {
					struct cell *keep = r->cells;
					int n = r->ncells;
					for (long i = 1; i < row_repeat && !stop; i++) {
						r->cells = xcalloc((size_t)n, sizeof *r->cells);
						r->cap = r->ncells = n;
						for (int k = 0; k < n; k++) {
							r->cells[k] = keep[k];
							r->cells[k].text = xstrdup(keep[k].text);
						}
						stop = row_flush(r, &sh, row + i - 1);
						free(r->cells);
						r->cells = NULL;
						r->cap = r->ncells = 0;
					}
					r->cells = keep;
					r->cap = r->ncells = n;
					if (!stop)
						stop = row_flush(r, &sh, row + row_repeat - 1);
					else
						row_clear(r);
				}
				row += row_repeat - 1;
			} else if (is(x, "table") && in_table) {
				in_table = 0;
			}
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (is(x, "style") && !in_table) {
			free(cur_style);
			char *nm = attr(x, "style:name");
			cur_style = nm ? xstrdup(nm) : NULL;
			xmlFree(nm);
		} else if (is(x, "table-properties") && !in_table && cur_style != NULL) {
			char *d = attr(x, "table:display");
			if (d != NULL && strcmp(d, "false") == 0 && o.nhidden < MAX_SHEETS) {
				if (o.nhidden == o.hiddencap)
					xgrow((void **)&o.hidden_styles, &o.hiddencap,
					      o.nhidden + 1, sizeof *o.hidden_styles);
				o.hidden_styles[o.nhidden++] = xstrdup(cur_style);
			}
			xmlFree(d);
		} else if (is(x, "table") && xmlTextReaderDepth(x) >= 1 &&
			   strcmp((const char *)xmlTextReaderConstPrefix(x)
				      ? (const char *)xmlTextReaderConstPrefix(x)
				      : "",
				  "table") == 0) {
			if (sh.index + 1 >= MAX_SHEETS) {
				stop = fail(r, MSG_SR_LIMITS, NULL);
				break;
			}
			char *nm = attr(x, "table:name"), *st = attr(x, "table:style-name");
			free(sheetname);
			sheetname = nfc_dup(nm ? nm : "", nm ? strlen(nm) : 0);
			sh.name = sheetname;
			sh.index++;
			sh.hidden = ods_style_hidden(&o, st);
			xmlFree(nm);
			xmlFree(st);
			row = 0;
			in_table = !xmlTextReaderIsEmptyElement(x);
		} else if (in_table && is(x, "table-row")) {
			row_repeat = repeat_attr(x, "table:number-rows-repeated", MAX_ROWS);
			row++;
			if (row > MAX_ROWS) {
				/* a trailing run of empty rows may reach past the limit */
				if (xmlTextReaderIsEmptyElement(x)) {
					row = MAX_ROWS;
					continue;
				}
				stop = fail(r, MSG_SR_LIMITS, NULL);
				break;
			}
			if (row + row_repeat - 1 > MAX_ROWS)
				row_repeat = MAX_ROWS - row + 1;
			col = 0;
			if (xmlTextReaderIsEmptyElement(x))
				row += row_repeat - 1;
		} else if (in_table && (is(x, "table-cell") || is(x, "covered-table-cell"))) {
			long rep = repeat_attr(x, "table:number-columns-repeated", MAX_COLS);
			char *vt = attr(x, "office:value-type"),
			     *cvt = attr(x, "calcext:value-type");
			char *val = NULL;
			double num = 0;
			enum sheetread_type t = SHEETREAD_TEXT;
			int numeric = 0;
			if (vt != NULL && cvt != NULL && strcmp(cvt, "error") == 0) {
				t = SHEETREAD_ERROR;
			} else if (vt != NULL &&
				   (strcmp(vt, "float") == 0 || strcmp(vt, "percentage") == 0 ||
				    strcmp(vt, "currency") == 0)) {
				val = attr(x, "office:value");
				numeric = val != NULL && num_parse(val, &num);
			} else if (vt != NULL && strcmp(vt, "boolean") == 0) {
				val = attr(x, "office:boolean-value");
				numeric = val != NULL;
				num = val != NULL && strcmp(val, "true") == 0;
			} else if (vt != NULL && strcmp(vt, "date") == 0) {
				val = attr(x, "office:date-value");
				numeric = val != NULL && date_serial(val, &num);
			} else if (vt != NULL && strcmp(vt, "time") == 0) {
				val = attr(x, "office:time-value");
				numeric = val != NULL && time_serial(val, &num);
			}
			xmlFree(vt);
			xmlFree(cvt);
			xmlFree(val);
			buf_reset(&text);
			if (!xmlTextReaderIsEmptyElement(x) && (rc = ods_cell_text(x, &text)) != 1)
				break;
			int first = col + 1;
			col += (int)rep;
			if (numeric)
				t = SHEETREAD_NUMBER;
			if (!numeric && text.len == 0)
				continue; /* an empty run, however long, costs nothing */
			if (first > MAX_COLS) {
				stop = fail(r, MSG_SR_LIMITS, NULL);
				break;
			}
			for (int k = first; k <= col && k <= MAX_COLS; k++)
				row_add(r, k, t, text.data ? text.data : "", text.len, num);
		}
	}
	buf_free(&text);
	free(sheetname);
	free(cur_style);
	for (int i = 0; i < o.nhidden; i++)
		free(o.hidden_styles[i]);
	free(o.hidden_styles);
	if (stop) {
		row_clear(r);
		xmlFreeTextReader(x);
		zip_fclose(p.zf);
		zip_discard(za);
		return stop;
	}
	rc = part_close_all(r, x, &p, rc, "content.xml");
	row_clear(r);
	zip_discard(za);
	return rc;
}

/* ---- xls ---- */

static int
xls_read(struct reader *r, const char *path)
{
	const void *h = NULL;
	int ret = freexl_open(path, &h);
	if (ret != FREEXL_OK) {
		if (h != NULL)
			freexl_close(h);
		return fail(r, ret == FREEXL_FILE_NOT_FOUND ? MSG_SR_OPEN : MSG_SR_NOT_ZIP, "xls");
	}
	unsigned int info = 0, nsheets = 0;
	int rc = 0;
	if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
	    info == FREEXL_BIFF_OBFUSCATED) {
		rc = fail(r, MSG_SR_PASSWORD, "xls");
		goto out;
	}
	if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &nsheets) != FREEXL_OK) {
		rc = fail(r, MSG_SR_DAMAGED, "xls");
		goto out;
	}
	for (unsigned int s = 0; s < nsheets && rc == 0; s++) {
		const char *name = NULL;
		unsigned int rows = 0;
		unsigned short cols = 0;
		if (freexl_get_worksheet_name(h, (unsigned short)s, &name) != FREEXL_OK ||
		    freexl_select_active_worksheet(h, (unsigned short)s) != FREEXL_OK ||
		    freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
			rc = fail(r, MSG_SR_DAMAGED, "xls");
			break;
		}
		char *nm = nfc_dup(name ? name : "", name ? strlen(name) : 0);
		struct sheetread_sheet sh = {nm, (int)s, 0};
		for (unsigned int row = 0; row < rows && rc == 0; row++) {
			for (unsigned short c = 0; c < cols; c++) {
				FreeXL_CellValue v;
				if (freexl_get_cell_value(h, row, c, &v) != FREEXL_OK) {
					rc = fail(r, MSG_SR_DAMAGED, "xls");
					break;
				}
				double d;
				switch (v.type) {
				case FREEXL_CELL_INT:
					row_add(r, c + 1, SHEETREAD_NUMBER, NULL, 0,
						v.value.int_value);
					break;
				case FREEXL_CELL_DOUBLE:
					row_add(r, c + 1, SHEETREAD_NUMBER, NULL, 0,
						v.value.double_value);
					break;
				case FREEXL_CELL_TEXT:
				case FREEXL_CELL_SST_TEXT:
					if (v.value.text_value != NULL)
						row_add(r, c + 1, SHEETREAD_TEXT,
							v.value.text_value,
							strlen(v.value.text_value), 0);
					break;
				case FREEXL_CELL_DATE:
				case FREEXL_CELL_DATETIME:
					if (v.value.text_value != NULL) {
						char iso[40];
						snprintf(iso, sizeof iso, "%s", v.value.text_value);
						char *sp = strchr(iso, ' ');
						if (sp != NULL)
							*sp = 'T';
						if (date_serial(iso, &d))
							row_add(r, c + 1, SHEETREAD_NUMBER, NULL, 0,
								d);
					}
					break;
				case FREEXL_CELL_TIME:
					if (v.value.text_value != NULL) {
						int hh = 0, mm = 0;
						double ss = 0;
						if (sscanf(v.value.text_value, "%d:%d:%lf", &hh,
							   &mm, &ss) >= 2)
							row_add(r, c + 1, SHEETREAD_NUMBER, NULL, 0,
								(hh * 3600 + mm * 60 + ss) /
								    86400.0);
					}
					break;
				default:
					break;
				}
			}
			if (rc == 0)
				rc = row_flush(r, &sh, (long)row + 1);
		}
		row_clear(r);
		free(nm);
	}
out:
	freexl_close(h);
	return rc;
}

int
sheetread_path(const char *path, enum sheetread_format fmt, sheetread_row_fn *fn, void *ctx,
	       char *err, size_t errsz)
{
	struct reader r = {.fn = fn, .ctx = ctx, .err = err, .errsz = errsz};
	if (errsz > 0)
		err[0] = '\0';
	xmlGenericErrorFunc old = xmlGenericError;
	void *oldctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, xml_quiet);
	int rc;
	switch (fmt) {
	case SHEETREAD_XLSX:
		rc = xlsx_read(&r, path);
		break;
	case SHEETREAD_XLS:
		rc = xls_read(&r, path);
		break;
	case SHEETREAD_ODS:
		rc = ods_read(&r, path);
		break;
	default:
		rc = fail(&r, MSG_SR_NOT_ZIP, "?");
		break;
	}
	xmlSetGenericErrorFunc(oldctx, old);
	row_clear(&r);
	free(r.cells);
	free(r.out);
	if (rc != 0 && r.failed)
		return -1;
	return rc;
}
