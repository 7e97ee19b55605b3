/*
 * The CP options of one assessment on the web (model/assess/option.h).
 *
 * GET /assessments/{id}/options: the options table (kind, what each
 * addresses, triage, implementation, capex, annual saving, paybacks, NPV,
 * IRR with its caveats, weighted score, TOE and CO2 per year) with the
 * totals of the options to implement now or implemented, a link to the
 * workbook, and for who may change the content (ASSESS_CONTENT) the form
 * that adds one.  POST adds it and redirects to the list (303); errors
 * re-render the form with every typed value and a message by each field
 * (400).  op=addrow re-renders with two more effect rows (no script needed).
 *
 * GET /options/{id}: one option with its cash flows year by year, the
 * discount factors and the cumulative discounted flow, the edit form
 * (ASSESS_CONTENT), the implementation form (ASSESS_TRACK) and deletion.
 * POST /options/{id} takes op=update|delete|status|addrow; a stale version
 * is 409 with the typed values kept and nothing overwritten.
 *
 * GET /assessments/{id}/options.xlsx: the options as a workbook
 * (render/sheets.h, sheets_options).
 *
 * Amounts are typed the page's way ("120.000.000", "3,5") and converted by
 * wfp_qty_posted before the model sees them; the discount rate is typed as
 * a percent ("10,5") and given to the model as the fraction 0.105.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/assess/assessment.h"
#include "model/assess/option.h"
#include "model/names.h"
#include "model/reporting/choices.h"
#include "render/html.h"
#include "render/sheets.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/wfpage.h"

#define OPT_ROWS_DEFAULT 3 /* blank effect rows of a new form */
#define OPT_ROWS_ADD	 2 /* rows "thêm dòng" adds */
#define TRIAGE_NOW	 0
#define TRIAGE_REJECTED	 2
#define STATUS_DONE	 3
#define STREAM_ENERGY	 1

/* What a page knows of the assessment and its pickers. */
struct opt_ctx {
	struct assessment as;
	struct cp_target *targets;
	int ntargets;
	struct choices *ch;
};

/* ---- numbers in words ---- */

/* v with up to decimals digits, trailing zeros dropped ("2,5", "3"). */
static const char *
num_trim(struct http_request *req, double v, int decimals)
{
	char out[64];
	fmt_num(out, sizeof(out), v, decimals, req->lang);
	char dec = req->lang == LANG_VI ? ',' : '.';
	char *d = strrchr(out, dec);
	if (d != NULL && isfinite(v)) {
		char *e = out + strlen(out);
		while (e > d + 1 && e[-1] == '0')
			*--e = '\0';
		if (e == d + 1)
			*d = '\0';
	}
	return arena_strdup(&req->arena, out);
}

/* VND, whole ("31.631.471"); "—" for NAN. */
static const char *
money(struct http_request *req, double v)
{
	char out[64];
	return arena_strdup(&req->arena, fmt_num(out, sizeof(out), v, 0, req->lang));
}

/* A fraction as a percent ("19,86 %", "19.86%"). */
static const char *
pct(struct http_request *req, double f)
{
	return arena_printf(&req->arena, "%s%s", num_trim(req, f * 100, 2),
			    req->lang == LANG_VI ? " %" : "%");
}

static const char *
years(struct http_request *req, double v, int never)
{
	if (never || !isfinite(v))
		return HTTP_T(req, "không hoàn vốn", "never pays back");
	return arena_printf(&req->arena, "%s %s", num_trim(req, v, 2), HTTP_T(req, "năm", "years"));
}

/* The IRR as the table shows it, with why there is none or which root. */
static const char *
irr_text(struct http_request *req, const struct cp_option *o)
{
	const struct fin_result *f = &o->fin;
	if (!o->fin_ok)
		return "—";
	switch (f->irr_status) {
	case FIN_IRR_ONE:
		return pct(req, f->irr);
	case FIN_IRR_NONE_NO_SIGN_CHANGE:
		return HTTP_T(req, "không có (dòng tiền không đổi dấu)",
			      "none (the cash flows never change sign)");
	case FIN_IRR_NOT_FOUND:
		return HTTP_T(req, "không tìm thấy nghiệm từ -99 % đến 1.000 %",
			      "no root found from -99% to 1,000%");
	case FIN_IRR_SCAN_ONE:
		return arena_printf(&req->arena, "%s (%s)", pct(req, f->irr),
				    HTTP_T(req, "dòng tiền đổi dấu nhiều lần, chỉ có một nghiệm",
					   "the flows change sign more than once; one root"));
	case FIN_IRR_SEVERAL: {
		struct buf b;
		buf_init(&b, 512);
		for (int i = 0; i < f->nroots && i < FIN_IRR_ROOTS_MAX; i++)
			buf_printf(&b, "%s%s",
				   i == 0		? ""
				   : i == f->nroots - 1 ? HTTP_T(req, " và ", " and ")
							: ", ",
				   pct(req, f->roots[i]));
		const char *t = arena_printf(
		    &req->arena, "%s (%s %s; %s)", pct(req, f->irr),
		    HTTP_T(req, "nhiều nghiệm:", "several roots:"), buf_str(&b),
		    HTTP_T(req,
			   "hiển thị nghiệm gần tỷ lệ chiết khấu nhất; hãy quyết định theo NPV",
			   "the one nearest the discount rate is shown; decide by the NPV"));
		buf_free(&b);
		return t;
	}
	}
	return "—";
}

/*
 * The annual saving shown: the constant one, or the first year's flow (the
 * rule of the report and of the list across assessments).
 */
static double
saving_of(const struct cp_option *o)
{
	if (!o->has_flows)
		return o->annual_saving;
	return o->nflows > 0 ? o->cash_flows[0] : NAN;
}

static const char *
label_of(struct http_request *req, const struct name *t, int i)
{
	return HTTP_T(req, t[i].name_vi, t[i].name_en);
}

/* What o addresses in words: "Bước: dòng thải — nguyên nhân"; "" for nothing. */
static const char *
target_text(struct http_request *req, const struct opt_ctx *c, int64_t item, int64_t cause)
{
	for (int i = 0; i < c->ntargets; i++) {
		const struct cp_target *t = &c->targets[i];
		if (cause != 0 ? t->cause_id == cause : (t->item_id == item && t->cause_id == 0))
			return t->cause_id ? arena_printf(&req->arena, "%s: %s — %s", t->step_name,
							  t->item_name, t->cause)
					   : arena_printf(&req->arena, "%s: %s", t->step_name,
							  t->item_name);
	}
	return "";
}

static const char *
choice_name(struct http_request *req, const struct choice *list, int n, const char *code)
{
	for (int i = 0; code != NULL && i < n; i++)
		if (strcmp(list[i].code, code) == 0)
			return HTTP_T(req, list[i].name_vi, list[i].name_en);
	return code ? code : "";
}

/* ---- the assessment and its pickers ---- */

/* Loads c for assessment id: ST_OK or the model's status; c->ch freed by ctx_free. */
static int
ctx_load(struct http_request *req, struct db *db, int64_t id, struct opt_ctx *c)
{
	memset(c, 0, sizeof(*c));
	int rc = assessment_get(db, req->who, id, &c->as);
	if (rc == ST_OK)
		rc = option_targets(db, req->who, id, &req->arena, &c->targets, &c->ntargets);
	if (rc == ST_OK && choices_load(db, &c->ch) != 0)
		rc = ST_ERR;
	return rc;
}

static void
ctx_free(struct opt_ctx *c)
{
	choices_free(c->ch);
	c->ch = NULL;
}

static int
may(struct http_request *req, const struct opt_ctx *c, enum assess_edit what)
{
	return assess_may(req->who, c->as.doc.state, what);
}

/* ---- small pieces of markup ---- */

static void
th_col(struct buf *b, const char *text)
{
	html_open(b, "th", "scope", "col", NULL);
	html_text(b, text);
	html_close(b, "th");
}

static void
td_num(struct buf *b, const char *text)
{
	html_open(b, "td", "class", "num", NULL);
	html_text(b, text);
	html_close(b, "td");
}

/* <label>label <select name> of (code, text) pairs with an empty first option. */
static void
select_open(struct http_request *req, struct buf *b, const char *label, const char *name,
	    const struct wf_errors *errs, const char *empty)
{
	int bad = errs != NULL && wf_errors_find(errs, name) != NULL;
	if (label != NULL) {
		html_open(b, "label", NULL);
		html_text(b, label);
	}
	const char *attr[] = {"name",
			      name,
			      "id",
			      wfp_field_id(req, name),
			      "aria-label",
			      label ? NULL : name,
			      "aria-invalid",
			      bad ? "true" : NULL,
			      "aria-describedby",
			      bad ? wfp_error_id(req, name) : NULL};
	wfp_tag(b, "select", attr, (int)(sizeof(attr) / sizeof(attr[0])));
	if (empty != NULL) {
		html_open(b, "option", "value", "", NULL);
		html_text(b, empty);
		html_close(b, "option");
	}
}

static void
select_option(struct buf *b, const char *code, const char *text, const char *value)
{
	int sel = value != NULL && strcmp(value, code) == 0;
	const char *oa[] = {"value", code, "selected", sel ? "selected" : NULL};
	wfp_tag(b, "option", oa, 4);
	html_text(b, text);
	html_close(b, "option");
}

static void
select_close(struct http_request *req, struct buf *b, const struct wf_errors *errs,
	     const char *name, int labelled)
{
	html_close(b, "select");
	if (labelled)
		html_close(b, "label");
	wfp_field_error(req, b, errs, name);
}

static void
names_select(struct http_request *req, struct buf *b, const char *label, const char *name,
	     const struct name *t, int n, const char *empty, const char *value,
	     const struct wf_errors *errs)
{
	select_open(req, b, label, name, errs, empty);
	for (int i = 0; i < n; i++)
		select_option(b, t[i].code, label_of(req, t, i), value);
	select_close(req, b, errs, name, label != NULL);
}

/* ---- the form's values ---- */

struct effect_vals {
	const char *stream, *carrier, *name, *qty, *unit;
};

/* What an option form shows: as typed, or from an option (page convention). */
struct opt_vals {
	const char *title, *description, *addresses, *kind, *offsite, *triage, *reject_reason,
	    *capex, *cash_flows, *annual_saving, *life_years, *rate, *opcost_change, *score[3];
	int rows;
	struct effect_vals eff[OPTION_EFFECTS_MAX];
	int64_t version;
};

static const char *const score_names[3] = {"score_tech", "score_fin", "score_env"};

static const char *
posted(struct http_request *req, const char *name)
{
	const char *v = http_form(req, name);
	return v ? v : "";
}

static void
vals_posted(struct http_request *req, struct opt_vals *v)
{
	memset(v, 0, sizeof(*v));
	v->title = posted(req, "title");
	v->description = posted(req, "description");
	v->addresses = posted(req, "addresses");
	v->kind = posted(req, "kind");
	v->offsite = posted(req, "offsite");
	v->triage = posted(req, "triage");
	v->reject_reason = posted(req, "reject_reason");
	v->capex = posted(req, "capex");
	v->cash_flows = posted(req, "cash_flows");
	v->annual_saving = posted(req, "annual_saving");
	v->life_years = posted(req, "life_years");
	v->rate = posted(req, "discount_rate");
	v->opcost_change = posted(req, "opcost_change");
	for (int i = 0; i < 3; i++)
		v->score[i] = posted(req, score_names[i]);
	int64_t rows = OPT_ROWS_DEFAULT;
	const char *r = http_form(req, "rows");
	if (r != NULL && (parse_int64(r, &rows) != 0 || rows < 1))
		rows = OPT_ROWS_DEFAULT;
	v->rows = rows > OPTION_EFFECTS_MAX ? OPTION_EFFECTS_MAX : (int)rows;
	for (int i = 0; i < v->rows; i++) {
		struct effect_vals *e = &v->eff[i];
		e->stream = posted(req, arena_printf(&req->arena, "effects[%d].stream", i));
		e->carrier = posted(req, arena_printf(&req->arena, "effects[%d].carrier", i));
		e->name = posted(req, arena_printf(&req->arena, "effects[%d].name", i));
		e->qty = posted(req, arena_printf(&req->arena, "effects[%d].qty", i));
		e->unit = posted(req, arena_printf(&req->arena, "effects[%d].unit", i));
	}
	int64_t ver = 0;
	const char *vs = http_form(req, "version");
	if (vs != NULL && parse_int64(vs, &ver) != 0)
		ver = 0;
	v->version = ver;
}

/* A percent for an input ("10,5"): up to 6 decimals, no noise of 0.105 x 100. */
static const char *
pct_input(struct http_request *req, double f)
{
	return isfinite(f) ? num_trim(req, f * 100, 6) : "";
}

static void
vals_of(struct http_request *req, const struct cp_option *o, struct opt_vals *v)
{
	memset(v, 0, sizeof(*v));
	v->title = o->title;
	v->description = o->description;
	v->addresses = o->cause_id ? arena_printf(&req->arena, "c%lld", (long long)o->cause_id)
		       : o->waste_item_id
			   ? arena_printf(&req->arena, "i%lld", (long long)o->waste_item_id)
			   : "";
	v->kind = names_option_kind[o->kind].code;
	v->offsite = o->offsite ? "1" : "";
	v->triage = names_triage[o->triage].code;
	v->reject_reason = o->reject_reason;
	v->capex = wfp_qty_input(req, o->capex);
	if (o->has_flows) {
		struct buf b;
		buf_init(&b, 4096);
		for (int i = 0; i < o->nflows; i++)
			buf_printf(&b, "%s%s", i ? "\n" : "", wfp_qty_input(req, o->cash_flows[i]));
		v->cash_flows = arena_strdup(&req->arena, buf_str(&b));
		buf_free(&b);
	} else {
		v->cash_flows = "";
	}
	v->annual_saving = wfp_qty_input(req, o->annual_saving);
	v->life_years = o->life_years ? arena_printf(&req->arena, "%d", o->life_years) : "";
	v->rate = pct_input(req, o->discount_rate);
	v->opcost_change = wfp_qty_input(req, o->opcost_change);
	for (int i = 0; i < 3; i++)
		v->score[i] = wfp_qty_input(req, o->score[i]);
	v->rows = o->neffects + 1;
	if (v->rows > OPTION_EFFECTS_MAX)
		v->rows = OPTION_EFFECTS_MAX;
	for (int i = 0; i < o->neffects; i++) {
		const struct cp_effect *e = &o->effects[i];
		v->eff[i].stream = names_stream[e->stream].code;
		v->eff[i].carrier = e->carrier ? e->carrier : "";
		v->eff[i].name = e->name;
		v->eff[i].qty = wfp_qty_input(req, e->qty);
		v->eff[i].unit = e->unit;
	}
	for (int i = o->neffects; i < v->rows; i++)
		v->eff[i] = (struct effect_vals){"", "", "", "", ""};
	v->version = o->version;
}

static void
vals_new(struct opt_vals *v)
{
	memset(v, 0, sizeof(*v));
	v->title = v->description = v->addresses = v->kind = v->offsite = v->reject_reason = "";
	v->capex = v->cash_flows = v->annual_saving = v->life_years = v->opcost_change = "";
	v->triage = "study";
	v->rate = "10";
	for (int i = 0; i < 3; i++)
		v->score[i] = "";
	v->rows = OPT_ROWS_DEFAULT;
	for (int i = 0; i < v->rows; i++)
		v->eff[i] = (struct effect_vals){"", "", "", "", ""};
}

/* The typed flows with each amount converted the page's way, ';' between. */
static const char *
flows_posted(struct http_request *req, const char *s)
{
	if (s == NULL || s[strspn(s, " \t\r\n;")] == '\0')
		return NULL;
	struct buf b;
	buf_init(&b, 8192);
	char *copy = arena_strdup(&req->arena, s), *save = NULL;
	int k = 0;
	for (char *t = strtok_r(copy, ";\r\n", &save); t != NULL;
	     t = strtok_r(NULL, ";\r\n", &save)) {
		if (t[strspn(t, " \t")] == '\0')
			continue;
		buf_printf(&b, "%s%s", k++ ? ";" : "", wfp_qty_posted(req, t));
	}
	const char *out = arena_strdup(&req->arena, buf_str(&b));
	buf_free(&b);
	return out;
}

/* The typed percent as the model's fraction ("10,5" -> "0.105"); bad text as is. */
static const char *
rate_posted(struct http_request *req, const char *s)
{
	const char *c = wfp_qty_posted(req, s);
	double v;
	char num[32];
	if (c == NULL || c[0] == '\0' || parse_double(c, &v, 0) != 0)
		return c;
	return arena_strdup(&req->arena, fmt_exact(num, sizeof(num), v / 100));
}

/* The model's input from the posted values v (numbers converted). */
static void
input_of(struct http_request *req, const struct opt_vals *v, struct cp_option_input *in)
{
	memset(in, 0, sizeof(*in));
	in->title = v->title;
	in->description = v->description;
	if (v->addresses[0] == 'c') {
		in->cause_id = v->addresses + 1;
		/* the cause's line is addressed too */
		in->waste_item_id = NULL;
	} else if (v->addresses[0] == 'i') {
		in->waste_item_id = v->addresses + 1;
	} else if (v->addresses[0] != '\0') {
		in->waste_item_id = v->addresses; /* not one of ours: the model refuses it */
	}
	in->kind = v->kind;
	in->offsite = v->offsite[0] ? "1" : "0";
	in->triage = v->triage;
	in->reject_reason = v->reject_reason;
	in->capex = wfp_qty_posted(req, v->capex);
	in->cash_flows = flows_posted(req, v->cash_flows);
	in->annual_saving = wfp_qty_posted(req, v->annual_saving);
	in->life_years = wfp_qty_posted(req, v->life_years);
	in->discount_rate = rate_posted(req, v->rate);
	in->opcost_change = wfp_qty_posted(req, v->opcost_change);
	in->score_tech = wfp_qty_posted(req, v->score[0]);
	in->score_fin = wfp_qty_posted(req, v->score[1]);
	in->score_env = wfp_qty_posted(req, v->score[2]);
	in->neffects = v->rows;
	for (int i = 0; i < v->rows; i++) {
		in->effects[i].stream = v->eff[i].stream;
		in->effects[i].carrier = v->eff[i].carrier;
		in->effects[i].name = v->eff[i].name;
		in->effects[i].qty = wfp_qty_posted(req, v->eff[i].qty);
		in->effects[i].unit = v->eff[i].unit;
	}
	/* a cause's line: the model checks each against the assessment */
	if (in->cause_id != NULL)
		in->waste_item_id = NULL;
}

/* The errors "not a number" worded in the page's convention, for each number typed. */
static void
errors_worded(struct http_request *req, const struct opt_vals *v, struct wf_errors *errs)
{
	wfp_qty_error(req, errs, "capex", v->capex);
	wfp_qty_error(req, errs, "annual_saving", v->annual_saving);
	wfp_qty_error(req, errs, "life_years", v->life_years);
	wfp_qty_error(req, errs, "discount_rate", v->rate);
	/* the model's range is of the fraction; the page's field is a percent */
	static const struct val_label rate_pct = {"tỷ lệ chiết khấu (%/năm)",
						  "discount rate (% a year)"};
	for (int i = 0; i < errs->n; i++) {
		struct wf_error *e = &errs->e[i];
		if (strcmp(e->field, "discount_rate") != 0 || e->msg.id != MSG_VAL_RANGE)
			continue;
		msg_init(&e->msg, MSG_VAL_RANGE, &rate_pct);
		msg_code(&e->msg, "-99");
		msg_code(&e->msg, "1000");
		msg_str(&e->msg, v->rate);
	}
	wfp_qty_error(req, errs, "opcost_change", v->opcost_change);
	for (int i = 0; i < 3; i++)
		wfp_qty_error(req, errs, score_names[i], v->score[i]);
	for (int i = 0; i < v->rows; i++)
		wfp_qty_error(req, errs, arena_printf(&req->arena, "effects[%d].qty", i),
			      v->eff[i].qty);
}

/* ---- the form ---- */

static void
textarea(struct http_request *req, struct buf *b, const char *label, const char *hint,
	 const char *name, const char *value, const struct wf_errors *errs, int rows)
{
	int bad = errs != NULL && wf_errors_find(errs, name) != NULL;
	html_open(b, "label", NULL);
	html_text(b, label);
	if (hint != NULL) {
		html_open(b, "small", NULL);
		html_text(b, hint);
		html_close(b, "small");
	}
	const char *attr[] = {"name",
			      name,
			      "id",
			      wfp_field_id(req, name),
			      "rows",
			      arena_printf(&req->arena, "%d", rows),
			      "aria-invalid",
			      bad ? "true" : NULL,
			      "aria-describedby",
			      bad ? wfp_error_id(req, name) : NULL};
	wfp_tag(b, "textarea", attr, (int)(sizeof(attr) / sizeof(attr[0])));
	html_text(b, value ? value : "");
	html_close(b, "textarea");
	html_close(b, "label");
	wfp_field_error(req, b, errs, name);
}

static void
addresses_select(struct http_request *req, struct buf *b, const struct opt_ctx *c,
		 const char *value, const struct wf_errors *errs)
{
	select_open(req, b, HTTP_T(req, "Giải quyết dòng thải hoặc nguyên nhân", "Addresses"),
		    "addresses", errs, HTTP_T(req, "(không chọn)", "(none)"));
	for (int i = 0; i < c->ntargets; i++) {
		const struct cp_target *t = &c->targets[i];
		const char *code = t->cause_id
				       ? arena_printf(&req->arena, "c%lld", (long long)t->cause_id)
				       : arena_printf(&req->arena, "i%lld", (long long)t->item_id);
		const char *text =
		    t->cause_id ? arena_printf(&req->arena, "— %s: %s",
					       HTTP_T(req, "nguyên nhân", "cause"), t->cause)
				: arena_printf(&req->arena, "%s: %s", t->step_name, t->item_name);
		select_option(b, code, text, value);
	}
	html_close(b, "select");
	html_close(b, "label");
	wfp_field_error(req, b, errs, "addresses");
	wfp_field_error(req, b, errs, "waste_item_id");
	wfp_field_error(req, b, errs, "cause_id");
}

static void
effects_table(struct http_request *req, struct buf *b, const struct opt_ctx *c,
	      const struct opt_vals *v, const struct wf_errors *errs)
{
	static const struct name streams[] = {
	    {"energy", "Năng lượng", "Energy"},
	    {"material", "Nguyên vật liệu", "Material"},
	    {"water", "Nước", "Water"},
	    {"waste", "Chất thải", "Waste"},
	};
	html_open(b, "fieldset", "class", "option-effects", NULL);
	html_elem(b, "legend",
		  HTTP_T(req, "Tác động dự kiến mỗi năm (lượng tiết kiệm; số âm là tăng thêm)",
			 "Expected effects per year (quantity saved; negative is added)"));
	web_scroll_open(b, HTTP_T(req, "Các dòng tác động", "Effect lines"));
	html_open(b, "table", "class", "list lines", NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	th_col(b, HTTP_T(req, "Loại", "Kind"));
	th_col(b, HTTP_T(req, "Năng lượng", "Carrier"));
	th_col(b, HTTP_T(req, "Tên vật liệu, chất thải", "Material or waste"));
	th_col(b, HTTP_T(req, "Lượng mỗi năm", "Quantity per year"));
	th_col(b, HTTP_T(req, "Đơn vị", "Unit"));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < v->rows; i++) {
		const struct effect_vals *e = &v->eff[i];
		const char *f;
		html_open(b, "tr", NULL);
		html_open(b, "td", NULL);
		f = arena_printf(&req->arena, "effects[%d].stream", i);
		select_open(req, b, NULL, f, errs, "");
		for (int k = 0; k < 4; k++)
			select_option(b, streams[k].code, label_of(req, streams, k), e->stream);
		select_close(req, b, errs, f, 0);
		html_close(b, "td");
		html_open(b, "td", NULL);
		f = arena_printf(&req->arena, "effects[%d].carrier", i);
		select_open(req, b, NULL, f, errs, "");
		for (int k = 0; k < c->ch->ncarrier; k++)
			select_option(
			    b, c->ch->carrier[k].code,
			    HTTP_T(req, c->ch->carrier[k].name_vi, c->ch->carrier[k].name_en),
			    e->carrier);
		select_close(req, b, errs, f, 0);
		html_close(b, "td");
		html_open(b, "td", NULL);
		wfp_cell_input(req, b, HTTP_T(req, "Tên vật liệu, chất thải", "Material or waste"),
			       arena_printf(&req->arena, "effects[%d].name", i), e->name, errs, 0);
		html_close(b, "td");
		html_open(b, "td", NULL);
		wfp_cell_input(req, b, HTTP_T(req, "Lượng mỗi năm", "Quantity per year"),
			       arena_printf(&req->arena, "effects[%d].qty", i), e->qty, errs, 1);
		html_close(b, "td");
		html_open(b, "td", NULL);
		f = arena_printf(&req->arena, "effects[%d].unit", i);
		select_open(req, b, NULL, f, errs, "");
		for (int k = 0; k < c->ch->nunit; k++)
			select_option(b, c->ch->unit[k].code,
				      HTTP_T(req, c->ch->unit[k].name_vi, c->ch->unit[k].name_en),
				      e->unit);
		select_close(req, b, errs, f, 0);
		html_close(b, "td");
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
	if (v->rows < OPTION_EFFECTS_MAX) {
		html_open(b, "button", "type", "submit", "name", "op", "value", "addrow", "class",
			  "add-row", "formnovalidate", "formnovalidate", NULL);
		html_text(b, HTTP_T(req, "Thêm dòng", "Add rows"));
		html_close(b, "button");
	}
	wfp_field_error(req, b, errs, "effects");
	html_close(b, "fieldset");
}

/* The add or edit form posting op to action. */
static void
option_form(struct http_request *req, struct buf *b, const struct opt_ctx *c, const char *action,
	    const char *op, const struct opt_vals *v, const struct wf_errors *errs,
	    const char *heading)
{
	html_open(b, "section", "class", "option-form", "id", "option-form", NULL);
	html_elem(b, "h2", heading);
	wfp_error_summary(req, b, errs);
	html_open(b, "form", "class", "stack option-form", "method", "post", "action", action,
		  NULL);
	web_csrf_field(req, b, NULL);
	const char *h1[] = {"type", "hidden", "name",
			    "rows", "value",  arena_printf(&req->arena, "%d", v->rows)};
	wfp_tag(b, "input", h1, 6);
	if (v->version > 0) {
		const char *h2[] = {
		    "type",    "hidden", "name",
		    "version", "value",	 arena_printf(&req->arena, "%lld", (long long)v->version)};
		wfp_tag(b, "input", h2, 6);
	}
	wfp_input(req, b, HTTP_T(req, "Tên giải pháp", "Option title"), "title", v->title, errs);
	textarea(req, b, HTTP_T(req, "Mô tả", "Description"), NULL, "description", v->description,
		 errs, 3);
	addresses_select(req, b, c, v->addresses, errs);
	names_select(req, b, HTTP_T(req, "Loại giải pháp", "Kind of option"), "kind",
		     names_option_kind, NAMES_OPTION_KIND_N, HTTP_T(req, "(chọn)", "(choose)"),
		     v->kind, errs);
	html_open(b, "label", "class", "check", NULL);
	const char *oa[] = {"type",  "checkbox", "name",    "offsite",
			    "value", "1",	 "checked", v->offsite[0] ? "checked" : NULL};
	wfp_tag(b, "input", oa, 8);
	html_text(
	    b, HTTP_T(req, "Sản xuất bên ngoài cơ sở (chỉ với sản phẩm phụ hữu ích làm ở nơi khác)",
		      "Made off-site (only a useful by-product made outside the plant)"));
	html_close(b, "label");
	wfp_field_error(req, b, errs, "offsite");
	names_select(req, b, HTTP_T(req, "Phân loại", "Triage"), "triage", names_triage,
		     NAMES_TRIAGE_N, NULL, v->triage, errs);
	wfp_input(req, b,
		  HTTP_T(req, "Lý do loại bỏ (khi loại bỏ)", "Reason for rejection (if rejected)"),
		  "reject_reason", v->reject_reason, errs);
	wfp_input_num(req, b, HTTP_T(req, "Vốn đầu tư (đồng)", "Capital cost (VND)"), "capex",
		      v->capex, errs, 1);
	textarea(req, b, HTTP_T(req, "Dòng tiền hằng năm (đồng)", "Yearly cash flows (VND)"),
		 HTTP_T(req,
			"Mỗi dòng một năm, bắt đầu từ năm 1 (hoặc cách nhau bởi dấu ;). Để trống "
			"nếu nhập tiết kiệm hằng năm và thời gian sử dụng.",
			"One year per line from year 1 (or separated by ;). Leave blank when you "
			"give an annual saving and a life."),
		 "cash_flows", v->cash_flows, errs, 4);
	wfp_input_num(req, b,
		      HTTP_T(req, "Hoặc: tiết kiệm hằng năm (đồng)", "Or: annual saving (VND)"),
		      "annual_saving", v->annual_saving, errs, 1);
	wfp_input_num(req, b, HTTP_T(req, "và thời gian sử dụng (năm)", "and life (years)"),
		      "life_years", v->life_years, errs, 1);
	wfp_input_num(req, b, HTTP_T(req, "Tỷ lệ chiết khấu (%/năm)", "Discount rate (% a year)"),
		      "discount_rate", v->rate, errs, 1);
	wfp_input_num(req, b,
		      HTTP_T(req, "Thay đổi chi phí vận hành (đồng/năm; âm là giảm)",
			     "Operating cost change (VND/year; negative is lower)"),
		      "opcost_change", v->opcost_change, errs, 1);
	static const char *const sv[3] = {"Điểm kỹ thuật (0–10)", "Điểm kinh tế (0–10)",
					  "Điểm môi trường (0–10)"};
	static const char *const se[3] = {"Technical score (0–10)", "Financial score (0–10)",
					  "Environmental score (0–10)"};
	for (int i = 0; i < 3; i++)
		wfp_input_num(req, b, HTTP_T(req, sv[i], se[i]), score_names[i], v->score[i], errs,
			      1);
	effects_table(req, b, c, v, errs);
	html_open(b, "button", "type", "submit", "name", "op", "value", op, NULL);
	html_text(b, strcmp(op, "create") == 0 ? HTTP_T(req, "Thêm giải pháp", "Add the option")
					       : HTTP_T(req, "Lưu giải pháp", "Save the option"));
	html_close(b, "button");
	html_close(b, "form");
	html_close(b, "section");
}

/* ---- the list ---- */

static const char *
factor_note(struct http_request *req, const struct opt_ctx *c, const struct cp_option *o)
{
	int energy = 0;
	for (int i = 0; i < o->neffects; i++)
		energy |= o->effects[i].stream == STREAM_ENERGY;
	if (!energy || o->factor_year == c->as.doc.year)
		return NULL;
	return arena_printf(&req->arena, HTTP_T(req, "hệ số năm %d", "factors of %d"),
			    o->factor_year);
}

static void
options_table(struct http_request *req, struct buf *b, const struct opt_ctx *c,
	      const struct cp_option *v, int n)
{
	if (n == 0) {
		html_open(b, "p", "class", "empty", NULL);
		html_text(b, HTTP_T(req, "Chưa có giải pháp nào.", "No options yet."));
		html_close(b, "p");
		return;
	}
	web_scroll_open(b, HTTP_T(req, "Bảng các giải pháp", "Table of the options"));
	html_open(b, "table", "class", "list options", NULL);
	html_elem(
	    b, "caption",
	    HTTP_T(req, "Các giải pháp SXSH và tính khả thi", "CP options and their feasibility"));
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	th_col(b, HTTP_T(req, "STT", "No."));
	th_col(b, HTTP_T(req, "Giải pháp", "Option"));
	th_col(b, HTTP_T(req, "Loại", "Kind"));
	th_col(b, HTTP_T(req, "Giải quyết", "Addresses"));
	th_col(b, HTTP_T(req, "Phân loại", "Triage"));
	th_col(b, HTTP_T(req, "Tình trạng", "Status"));
	th_col(b, HTTP_T(req, "Vốn đầu tư (đồng)", "Capital cost (VND)"));
	th_col(b, HTTP_T(req, "Tiết kiệm hằng năm (đồng)", "Annual saving (VND)"));
	th_col(b, HTTP_T(req, "Hoàn vốn giản đơn", "Simple payback"));
	th_col(b, HTTP_T(req, "Hoàn vốn có chiết khấu", "Discounted payback"));
	th_col(b, HTTP_T(req, "NPV (đồng)", "NPV (VND)"));
	th_col(b, "IRR");
	th_col(b, HTTP_T(req, "Điểm có trọng số", "Weighted score"));
	th_col(b, HTTP_T(req, "TOE/năm", "TOE/year"));
	th_col(b, HTTP_T(req, "CO₂ (tấn/năm)", "CO₂ (t/year)"));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	double tcap = 0, tsav = 0, ttoe = 0, tco2 = 0;
	for (int i = 0; i < n; i++) {
		const struct cp_option *o = &v[i];
		html_open(b, "tr", "id", arena_printf(&req->arena, "option-%d", o->seq), NULL);
		td_num(b, arena_printf(&req->arena, "%d", o->seq));
		html_open(b, "td", NULL);
		html_open(b, "a", "href",
			  web_url(req, arena_printf(&req->arena, "/options/%lld", (long long)o->id),
				  NULL, 0),
			  NULL);
		html_text(b, o->title);
		html_close(b, "a");
		html_close(b, "td");
		html_open(b, "td", NULL);
		html_text(b, label_of(req, names_option_kind, o->kind));
		if (o->offsite) {
			html_open(b, "small", NULL);
			html_text(b, HTTP_T(req, " (ngoài cơ sở)", " (off-site)"));
			html_close(b, "small");
		}
		html_close(b, "td");
		html_elem(b, "td", target_text(req, c, o->waste_item_id, o->cause_id));
		html_open(b, "td", NULL);
		html_text(b, label_of(req, names_triage, o->triage));
		if (o->triage == TRIAGE_REJECTED && o->reject_reason[0]) {
			html_open(b, "small", NULL);
			html_textf(b, ": %s", o->reject_reason);
			html_close(b, "small");
		}
		html_close(b, "td");
		html_elem(b, "td", label_of(req, names_option_status, o->status));
		double sav = saving_of(o);
		td_num(b, money(req, o->capex));
		td_num(b, money(req, sav));
		td_num(b,
		       o->fin_ok ? years(req, o->fin.simple_payback, o->fin.payback_never) : "—");
		td_num(b, o->fin_ok ? years(req, o->fin.discounted_payback, o->fin.dpayback_never)
				    : "—");
		td_num(b, o->fin_ok ? money(req, o->fin.npv) : "—");
		html_open(b, "td", "class", "irr", NULL);
		html_text(b, irr_text(req, o));
		html_close(b, "td");
		td_num(b, num_trim(req, o->weighted_score, 2));
		const char *fn = factor_note(req, c, o);
		char t[64];
		html_open(b, "td", "class", "num", NULL);
		html_text(b, fmt_qty(t, sizeof(t), o->toe, FMT_TOE, req->lang));
		html_close(b, "td");
		html_open(b, "td", "class", "num", NULL);
		html_text(b, fmt_qty(t, sizeof(t), o->co2_t, FMT_CO2, req->lang));
		if (fn != NULL) {
			html_open(b, "small", NULL);
			html_textf(b, " (%s)", fn);
			html_close(b, "small");
		}
		html_close(b, "td");
		html_close(b, "tr");
		if (o->triage == TRIAGE_NOW || o->status == STATUS_DONE) {
			tcap += o->capex;
			tsav += isfinite(sav) ? sav : 0;
			ttoe += isfinite(o->toe) ? o->toe : 0;
			tco2 += isfinite(o->co2_t) ? o->co2_t : 0;
		}
	}
	html_close(b, "tbody");
	html_open(b, "tfoot", NULL);
	html_open(b, "tr", NULL);
	html_open(b, "th", "scope", "row", "colspan", "6", NULL);
	html_text(b, HTTP_T(req, "Tổng các giải pháp thực hiện ngay hoặc đã thực hiện",
			    "Total of the options to implement now or implemented"));
	html_close(b, "th");
	td_num(b, money(req, tcap));
	td_num(b, money(req, tsav));
	html_raw(b, "<td></td><td></td><td></td><td></td><td></td>");
	char t[64];
	td_num(b, fmt_qty(t, sizeof(t), ttoe, FMT_TOE, req->lang));
	td_num(b, fmt_qty(t, sizeof(t), tco2, FMT_CO2, req->lang));
	html_close(b, "tr");
	html_close(b, "tfoot");
	html_close(b, "table");
	web_scroll_close(b);
}

static void
page_head(struct http_request *req, struct buf *b, const struct opt_ctx *c, const char *h1)
{
	html_open(b, "p", "class", "crumbs", NULL);
	html_open(b, "a", "href",
		  web_url(req,
			  arena_printf(&req->arena, "/assessments/%lld", (long long)c->as.doc.id),
			  NULL, 0),
		  NULL);
	html_text(b, c->as.title[0] ? c->as.title : HTTP_T(req, "Đánh giá SXSH", "CP assessment"));
	html_close(b, "a");
	html_textf(b, " · %s %d · %s", HTTP_T(req, "năm", "year"), c->as.doc.year,
		   wfp_state_label(req, c->as.doc.state));
	html_close(b, "p");
	html_elem(b, "h1", h1);
}

static const char *
list_path(struct http_request *req, int64_t aid)
{
	return web_url(req, arena_printf(&req->arena, "/assessments/%lld/options", (long long)aid),
		       NULL, 0);
}

/* The list page; v (NULL: the form is new) holds what was typed. */
static int
list_render(struct http_request *req, struct http_response *resp, struct db *db, int64_t aid,
	    const struct opt_vals *v, const struct wf_errors *errs)
{
	struct opt_ctx c;
	struct cp_option *opts;
	int n;
	int rc = ctx_load(req, db, aid, &c);
	if (rc == ST_OK)
		rc = option_list(db, req->who, aid, &req->arena, &opts, &n);
	if (rc != ST_OK) {
		ctx_free(&c);
		return wfp_fail(req, resp, rc);
	}
	const char *title =
	    HTTP_T(req, "Giải pháp sản xuất sạch hơn", "Cleaner production options");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	page_head(req, &b, &c, title);
	const char *done = http_param(req, "done");
	if (done != NULL && req->method == HTTP_GET)
		wfp_message(&b, 0,
			    strcmp(done, "deleted") == 0
				? HTTP_T(req, "Đã xoá giải pháp.", "The option was deleted.")
				: HTTP_T(req, "Đã thêm giải pháp.", "The option was added."));
	html_open(&b, "p", NULL);
	html_open(
	    &b, "a", "href",
	    web_url(req,
		    arena_printf(&req->arena, "/assessments/%lld/options.xlsx", (long long)aid),
		    NULL, 0),
	    NULL);
	html_text(&b, HTTP_T(req, "Tải Excel", "Download Excel"));
	html_close(&b, "a");
	html_close(&b, "p");
	options_table(req, &b, &c, opts, n);
	html_open(&b, "p", "class", "note", NULL);
	html_text(&b,
		  HTTP_T(req,
			 "Hoàn vốn, NPV và IRR tính với vốn đầu tư ở năm 0 và dòng tiền cuối "
			 "mỗi năm; TOE và CO₂ quy đổi từ tác động năng lượng theo hệ số của năm "
			 "đánh giá.",
			 "Payback, NPV and IRR take the capital cost at year 0 and each flow "
			 "at the end of its year; TOE and CO₂ are converted from the energy "
			 "effects with the factors of the assessment's year."));
	html_close(&b, "p");
	if (may(req, &c, ASSESS_CONTENT)) {
		struct opt_vals fresh;
		if (v == NULL) {
			vals_new(&fresh);
			v = &fresh;
		}
		option_form(req, &b, &c, list_path(req, aid), "create", v, errs,
			    HTTP_T(req, "Thêm giải pháp", "Add an option"));
	}
	ctx_free(&c);
	rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

int
web_assess_options(struct http_request *req, struct http_response *resp)
{
	int64_t aid;
	if (!wfp_ids(req, &aid, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	if (req->method != HTTP_POST)
		return list_render(req, resp, db, aid, NULL, NULL);
	struct opt_vals v;
	vals_posted(req, &v);
	const char *op = http_form(req, "op");
	if (op != NULL && strcmp(op, "addrow") == 0) {
		v.rows = v.rows + OPT_ROWS_ADD > OPTION_EFFECTS_MAX ? OPTION_EFFECTS_MAX
								    : v.rows + OPT_ROWS_ADD;
		for (int i = 0; i < v.rows; i++)
			if (v.eff[i].stream == NULL)
				v.eff[i] = (struct effect_vals){"", "", "", "", ""};
		return list_render(req, resp, db, aid, &v, NULL);
	}
	struct cp_option_input *in = arena_alloc(&req->arena, sizeof(*in));
	input_of(req, &v, in);
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t id = 0;
	int rc = option_create(db, req->who, aid, 0, in, &id, &errs);
	if (rc == ST_OK) {
		struct http_param p = {"done", "added"};
		wfp_redirect(resp, web_url(req,
					   arena_printf(&req->arena, "/assessments/%lld/options",
							(long long)aid),
					   &p, 1));
		return 0;
	}
	if (rc == ST_INVALID) {
		errors_worded(req, &v, &errs);
		resp->status = 400;
		return list_render(req, resp, db, aid, &v, &errs);
	}
	return wfp_fail(req, resp, rc);
}

/* ---- one option ---- */

static void
dl_row(struct buf *b, const char *term, const char *value)
{
	html_elem(b, "dt", term);
	html_elem(b, "dd", value);
}

static void
option_facts(struct http_request *req, struct buf *b, const struct opt_ctx *c,
	     const struct cp_option *o)
{
	char t[64];
	html_open(b, "dl", "class", "option-facts", NULL);
	dl_row(b, HTTP_T(req, "Loại giải pháp", "Kind"),
	       o->offsite
		   ? arena_printf(&req->arena, "%s (%s)", label_of(req, names_option_kind, o->kind),
				  HTTP_T(req, "ngoài cơ sở", "off-site"))
		   : label_of(req, names_option_kind, o->kind));
	const char *tg = target_text(req, c, o->waste_item_id, o->cause_id);
	dl_row(b, HTTP_T(req, "Giải quyết", "Addresses"), tg[0] ? tg : "—");
	dl_row(b, HTTP_T(req, "Phân loại", "Triage"),
	       o->triage == TRIAGE_REJECTED && o->reject_reason[0]
		   ? arena_printf(&req->arena, "%s: %s", label_of(req, names_triage, o->triage),
				  o->reject_reason)
		   : label_of(req, names_triage, o->triage));
	const char *st = label_of(req, names_option_status, o->status);
	if (o->status == STATUS_DONE && o->implemented_on[0]) {
		char d[ASSESS_DATE_SIZE + 8];
		st = arena_printf(&req->arena, "%s %s", st,
				  fmt_date(d, sizeof(d), o->implemented_on));
	}
	dl_row(b, HTTP_T(req, "Tình trạng", "Status"), st);
	if (isfinite(o->actual_cost))
		dl_row(b, HTTP_T(req, "Chi phí thực tế (đồng)", "Actual cost (VND)"),
		       money(req, o->actual_cost));
	if (o->description[0])
		dl_row(b, HTTP_T(req, "Mô tả", "Description"), o->description);
	dl_row(b, HTTP_T(req, "Vốn đầu tư (đồng)", "Capital cost (VND)"), money(req, o->capex));
	if (!o->has_flows && isfinite(o->annual_saving))
		dl_row(b, HTTP_T(req, "Tiết kiệm hằng năm", "Annual saving"),
		       arena_printf(&req->arena, "%s %s × %d %s", money(req, o->annual_saving),
				    HTTP_T(req, "đồng", "VND"), o->life_years,
				    HTTP_T(req, "năm", "years")));
	dl_row(b, HTTP_T(req, "Tỷ lệ chiết khấu", "Discount rate"), pct(req, o->discount_rate));
	if (isfinite(o->opcost_change))
		dl_row(b,
		       HTTP_T(req, "Thay đổi chi phí vận hành (đồng/năm)",
			      "Operating cost change (VND/year)"),
		       money(req, o->opcost_change));
	dl_row(b, HTTP_T(req, "Hoàn vốn giản đơn", "Simple payback"),
	       o->fin_ok ? years(req, o->fin.simple_payback, o->fin.payback_never) : "—");
	dl_row(b, HTTP_T(req, "Hoàn vốn có chiết khấu", "Discounted payback"),
	       o->fin_ok ? years(req, o->fin.discounted_payback, o->fin.dpayback_never) : "—");
	dl_row(b, HTTP_T(req, "NPV (đồng)", "NPV (VND)"), o->fin_ok ? money(req, o->fin.npv) : "—");
	dl_row(b, "IRR", irr_text(req, o));
	dl_row(b, HTTP_T(req, "Điểm có trọng số (0–10)", "Weighted score (0–10)"),
	       num_trim(req, o->weighted_score, 2));
	const char *fn = factor_note(req, c, o);
	dl_row(b, HTTP_T(req, "Năng lượng tiết kiệm (TOE/năm)", "Energy saved (TOE/year)"),
	       arena_strdup(&req->arena, fmt_qty(t, sizeof(t), o->toe, FMT_TOE, req->lang)));
	dl_row(b, HTTP_T(req, "CO₂ giảm (tấn/năm)", "CO₂ avoided (t/year)"),
	       fn ? arena_printf(&req->arena, "%s (%s)",
				 fmt_qty(t, sizeof(t), o->co2_t, FMT_CO2, req->lang), fn)
		  : arena_strdup(&req->arena, fmt_qty(t, sizeof(t), o->co2_t, FMT_CO2, req->lang)));
	html_close(b, "dl");
}

/* The effects as stored, with their TOE and CO2. */
static void
effects_list(struct http_request *req, struct buf *b, const struct opt_ctx *c,
	     const struct cp_option *o)
{
	if (o->neffects == 0)
		return;
	char t[64];
	web_scroll_open(b, HTTP_T(req, "Tác động dự kiến", "Expected effects"));
	html_open(b, "table", "class", "list", NULL);
	html_elem(b, "caption",
		  HTTP_T(req, "Tác động dự kiến mỗi năm", "Expected effects per year"));
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	th_col(b, HTTP_T(req, "Loại", "Kind"));
	th_col(b, HTTP_T(req, "Tên", "Name"));
	th_col(b, HTTP_T(req, "Lượng", "Quantity"));
	th_col(b, HTTP_T(req, "Đơn vị", "Unit"));
	th_col(b, "TOE");
	th_col(b, HTTP_T(req, "CO₂ (tấn)", "CO₂ (t)"));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < o->neffects; i++) {
		const struct cp_effect *e = &o->effects[i];
		html_open(b, "tr", NULL);
		html_elem(b, "td", label_of(req, names_stream, e->stream));
		html_elem(b, "td",
			  e->stream == STREAM_ENERGY
			      ? choice_name(req, c->ch->carrier, c->ch->ncarrier, e->carrier)
			      : e->name);
		td_num(b, fmt_qty(t, sizeof(t), e->qty, FMT_QTY, req->lang));
		html_elem(b, "td", choice_name(req, c->ch->unit, c->ch->nunit, e->unit));
		td_num(b, e->stream == STREAM_ENERGY
			      ? fmt_qty(t, sizeof(t), e->toe, FMT_TOE, req->lang)
			      : "");
		td_num(b, e->stream == STREAM_ENERGY
			      ? fmt_qty(t, sizeof(t), e->co2_t, FMT_CO2, req->lang)
			      : "");
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

/* The cash flows year by year: flow, discount factor, discounted, cumulative. */
static void
flows_table(struct http_request *req, struct buf *b, const struct cp_option *o)
{
	double cf[FIN_YEARS_MAX];
	int n = 0;
	if (o->has_flows) {
		n = o->nflows;
		memcpy(cf, o->cash_flows, (size_t)n * sizeof(double));
	} else if (isfinite(o->annual_saving) && o->life_years > 0 &&
		   fin_constant_flows(o->annual_saving, o->life_years, cf) == 0) {
		n = o->life_years;
	}
	if (n == 0)
		return;
	web_scroll_open(b, HTTP_T(req, "Dòng tiền theo năm", "Cash flows by year"));
	html_open(b, "table", "class", "list flows", NULL);
	html_elem(b, "caption",
		  HTTP_T(req, "Dòng tiền theo năm (đồng)", "Cash flows by year (VND)"));
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	th_col(b, HTTP_T(req, "Năm", "Year"));
	th_col(b, HTTP_T(req, "Dòng tiền", "Cash flow"));
	th_col(b, HTTP_T(req, "Hệ số chiết khấu", "Discount factor"));
	th_col(b, HTTP_T(req, "Dòng tiền chiết khấu", "Discounted flow"));
	th_col(b, HTTP_T(req, "Luỹ kế chiết khấu", "Cumulative discounted"));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	double cum = -o->capex, df = 1;
	html_open(b, "tr", NULL);
	td_num(b, "0");
	td_num(b, money(req, -o->capex));
	td_num(b, num_trim(req, 1, 4));
	td_num(b, money(req, -o->capex));
	td_num(b, money(req, cum));
	html_close(b, "tr");
	for (int k = 1; k <= n; k++) {
		df /= 1 + o->discount_rate;
		double d = cf[k - 1] * df;
		cum += d;
		html_open(b, "tr", NULL);
		td_num(b, arena_printf(&req->arena, "%d", k));
		td_num(b, money(req, cf[k - 1]));
		char t[64];
		td_num(b, arena_strdup(&req->arena, fmt_num(t, sizeof(t), df, 4, req->lang)));
		td_num(b, money(req, d));
		td_num(b, money(req, cum));
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

/* The implementation form (ASSESS_TRACK). */
static void
status_form(struct http_request *req, struct buf *b, const struct cp_option *o, int use_posted,
	    const struct wf_errors *errs)
{
	html_open(b, "section", "id", "status-form", NULL);
	html_elem(b, "h2", HTTP_T(req, "Thực hiện giải pháp", "Implementation"));
	html_open(
	    b, "form", "class", "stack", "method", "post", "action",
	    web_url(req, arena_printf(&req->arena, "/options/%lld", (long long)o->id), NULL, 0),
	    NULL);
	web_csrf_field(req, b, NULL);
	const char *h[] = {"type",  "hidden",
			   "name",  "version",
			   "value", arena_printf(&req->arena, "%lld", (long long)o->version)};
	wfp_tag(b, "input", h, 6);
	char d[ASSESS_DATE_SIZE + 8] = "";
	if (o->implemented_on[0])
		fmt_date(d, sizeof(d), o->implemented_on);
	names_select(req, b, HTTP_T(req, "Tình trạng thực hiện", "Implementation status"), "status",
		     names_option_status, NAMES_OPTION_STATUS_N, NULL,
		     use_posted ? posted(req, "status") : names_option_status[o->status].code,
		     errs);
	wfp_input(
	    req, b,
	    HTTP_T(req, "Ngày thực hiện xong, ngày/tháng/năm", "Date implemented, day/month/year"),
	    "implemented_on", use_posted ? posted(req, "implemented_on") : d, errs);
	wfp_input_num(
	    req, b, HTTP_T(req, "Chi phí thực tế (đồng)", "Actual cost (VND)"), "actual_cost",
	    use_posted ? posted(req, "actual_cost") : wfp_qty_input(req, o->actual_cost), errs, 1);
	wfp_button(b, "status", HTTP_T(req, "Cập nhật tình trạng", "Update the status"));
	html_close(b, "form");
	html_close(b, "section");
}

static void
delete_form(struct http_request *req, struct buf *b, const struct cp_option *o)
{
	html_open(
	    b, "form", "class", "stack", "method", "post", "action",
	    web_url(req, arena_printf(&req->arena, "/options/%lld", (long long)o->id), NULL, 0),
	    NULL);
	web_csrf_field(req, b, NULL);
	const char *h[] = {"type",  "hidden",
			   "name",  "version",
			   "value", arena_printf(&req->arena, "%lld", (long long)o->version)};
	wfp_tag(b, "input", h, 6);
	wfp_button(b, "delete", HTTP_T(req, "Xoá giải pháp này", "Delete this option"));
	html_close(b, "form");
}

/*
 * The option page: v (NULL: from the option) is the edit form as typed,
 * which_errs names the form the errors belong to ("update" or "status"),
 * problem a message above everything.
 */
static int
option_render(struct http_request *req, struct http_response *resp, struct db *db, int64_t id,
	      const struct opt_vals *v, const char *which, const struct wf_errors *errs,
	      const char *problem)
{
	struct cp_option o;
	struct opt_ctx c;
	int rc = option_get(db, req->who, id, &req->arena, &o);
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	rc = ctx_load(req, db, o.assessment_id, &c);
	if (rc != ST_OK) {
		ctx_free(&c);
		return wfp_fail(req, resp, rc);
	}
	const char *title = arena_printf(&req->arena, "%s %d: %s",
					 HTTP_T(req, "Giải pháp", "Option"), o.seq, o.title);
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	page_head(req, &b, &c, title);
	html_open(&b, "p", NULL);
	html_open(&b, "a", "href", list_path(req, o.assessment_id), NULL);
	html_text(
	    &b, HTTP_T(req, "← Tất cả giải pháp của đánh giá", "← All options of the assessment"));
	html_close(&b, "a");
	html_close(&b, "p");
	const char *done = http_param(req, "done");
	if (done != NULL && req->method == HTTP_GET)
		wfp_message(&b, 0, HTTP_T(req, "Đã lưu.", "Saved."));
	wfp_message(&b, 1, problem);
	option_facts(req, &b, &c, &o);
	effects_list(req, &b, &c, &o);
	flows_table(req, &b, &o);
	if (may(req, &c, ASSESS_TRACK))
		status_form(req, &b, &o, which != NULL && strcmp(which, "status") == 0,
			    which != NULL && strcmp(which, "status") == 0 ? errs : NULL);
	if (may(req, &c, ASSESS_CONTENT)) {
		struct opt_vals mine;
		if (v == NULL) {
			vals_of(req, &o, &mine);
			v = &mine;
		} else if (v->version == 0) {
			mine = *v;
			mine.version = o.version;
			v = &mine;
		}
		option_form(req, &b, &c,
			    web_url(req, arena_printf(&req->arena, "/options/%lld", (long long)id),
				    NULL, 0),
			    "update", v,
			    which != NULL && strcmp(which, "update") == 0 ? errs : NULL,
			    HTTP_T(req, "Sửa giải pháp", "Edit the option"));
		delete_form(req, &b, &o);
	}
	ctx_free(&c);
	rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

static const char *
conflict_text(struct http_request *req)
{
	return HTTP_T(req,
		      "Giải pháp này vừa được người khác thay đổi nên chưa lưu gì. Dữ liệu bạn "
		      "nhập vẫn còn bên dưới; hãy xem lại bản mới nhất rồi lưu lại.",
		      "Someone else changed this option meanwhile, so nothing was saved. What you "
		      "typed is kept below; check the latest version and save again.");
}

int
web_option(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	if (req->method != HTTP_POST)
		return option_render(req, resp, db, id, NULL, NULL, NULL, NULL);
	const char *op = http_form(req, "op");
	struct wf_errors errs;
	wf_errors_clear(&errs);
	struct opt_vals v;
	vals_posted(req, &v);
	const char *self =
	    web_url(req, arena_printf(&req->arena, "/options/%lld", (long long)id), NULL, 0);
	if (op == NULL) {
		web_error(req, resp, 400, "Thiếu thao tác.", "No operation given.");
		return 0;
	}
	if (strcmp(op, "addrow") == 0) {
		v.rows = v.rows + OPT_ROWS_ADD > OPTION_EFFECTS_MAX ? OPTION_EFFECTS_MAX
								    : v.rows + OPT_ROWS_ADD;
		for (int i = 0; i < v.rows; i++)
			if (v.eff[i].stream == NULL)
				v.eff[i] = (struct effect_vals){"", "", "", "", ""};
		return option_render(req, resp, db, id, &v, NULL, NULL, NULL);
	}
	int rc;
	if (strcmp(op, "update") == 0) {
		struct cp_option_input *in = arena_alloc(&req->arena, sizeof(*in));
		input_of(req, &v, in);
		rc = option_update(db, req->who, id, v.version, in, &errs);
		if (rc == ST_INVALID) {
			errors_worded(req, &v, &errs);
			resp->status = 400;
			return option_render(req, resp, db, id, &v, "update", &errs, NULL);
		}
		if (rc == ST_CONFLICT) {
			resp->status = 409;
			/* what was typed is kept; saving it again is a deliberate choice
			 * made against the version now stored */
			v.version = 0;
			return option_render(req, resp, db, id, &v, NULL, NULL, conflict_text(req));
		}
	} else if (strcmp(op, "status") == 0) {
		rc = option_set_status(db, req->who, id, v.version, http_form(req, "status"),
				       http_form(req, "implemented_on"),
				       wfp_qty_posted(req, http_form(req, "actual_cost")), &errs);
		if (rc == ST_INVALID) {
			wfp_qty_error(req, &errs, "actual_cost", http_form(req, "actual_cost"));
			resp->status = 400;
			return option_render(req, resp, db, id, NULL, "status", &errs, NULL);
		}
		if (rc == ST_CONFLICT) {
			resp->status = 409;
			return option_render(req, resp, db, id, NULL, NULL, NULL,
					     conflict_text(req));
		}
	} else if (strcmp(op, "delete") == 0) {
		struct cp_option o;
		rc = option_get(db, req->who, id, &req->arena, &o);
		if (rc == ST_OK)
			rc = option_delete(db, req->who, id, v.version);
		if (rc == ST_CONFLICT) {
			resp->status = 409;
			return option_render(req, resp, db, id, NULL, NULL, NULL,
					     conflict_text(req));
		}
		if (rc == ST_OK) {
			struct http_param p = {"done", "deleted"};
			wfp_redirect(resp,
				     web_url(req,
					     arena_printf(&req->arena, "/assessments/%lld/options",
							  (long long)o.assessment_id),
					     &p, 1));
			return 0;
		}
	} else {
		web_error(req, resp, 400, "Thao tác không hợp lệ.", "Unknown operation.");
		return 0;
	}
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	struct http_param p = {"done", "saved"};
	wfp_redirect(
	    resp, web_url(req, arena_printf(&req->arena, "/options/%lld", (long long)id), &p, 1));
	(void)self;
	return 0;
}

/* ---- the workbook ---- */

struct xlsx_ctx {
	const struct cp_option *v;
	int n;
	const struct opt_ctx *c;
	enum sheets_lang lang;
};

static int
options_fill(struct xlsx *x, const void *p)
{
	const struct xlsx_ctx *k = p;
	return sheets_options(x, k->v, k->n, k->c->targets, k->c->ntargets, k->c->as.title,
			      k->lang);
}

int
web_assess_options_xlsx(struct http_request *req, struct http_response *resp)
{
	int64_t aid;
	if (!wfp_ids(req, &aid, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct opt_ctx c;
	struct cp_option *v;
	int n;
	int rc = ctx_load(req, db, aid, &c);
	if (rc == ST_OK)
		rc = option_list(db, req->who, aid, &req->arena, &v, &n);
	if (rc != ST_OK) {
		ctx_free(&c);
		return wfp_fail(req, resp, rc);
	}
	struct xlsx_ctx k = {
	    .v = v, .n = n, .c = &c, .lang = req->lang == LANG_EN ? SHEETS_EN : SHEETS_VI};
	rc = web_sheets_send(req, resp, options_fill, &k,
			     arena_printf(&req->arena, "giai-phap-%lld.xlsx", (long long)aid));
	ctx_free(&c);
	return rc;
}
