/*
 * The CP options of an assessment (see option.h): reads with the
 * feasibility and the effects through the ledger computed, validation,
 * and the writes, each one transaction through assess_open.
 */
#include "model/assess/option.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/analytics/ledger.h"
#include "model/audit.h"
#include "model/reporting/home.h"
#include "util/arena.h"
#include "util/fmt.h"
#include "util/log.h"

static const struct val_label lbl_title = {"tên giải pháp", "option title"};
static const struct val_label lbl_desc = {"mô tả", "description"};
static const struct val_label lbl_waste = {"dòng thải được giải quyết", "waste stream addressed"};
static const struct val_label lbl_cause = {"nguyên nhân được giải quyết", "cause addressed"};
static const struct val_label lbl_kind = {"loại giải pháp", "kind of option"};
static const struct val_label lbl_offsite = {"sản xuất bên ngoài cơ sở", "made off-site"};
static const struct val_label lbl_triage = {"phân loại", "triage"};
static const struct val_label lbl_reason = {"lý do loại bỏ", "reason for rejection"};
static const struct val_label lbl_capex = {"vốn đầu tư (đồng)", "capital cost (VND)"};
static const struct val_label lbl_flows = {"dòng tiền hằng năm (đồng)", "yearly cash flows (VND)"};
static const struct val_label lbl_saving = {"tiết kiệm hằng năm (đồng)", "annual saving (VND)"};
static const struct val_label lbl_life = {"thời gian sử dụng (năm)", "life (years)"};
static const struct val_label lbl_rate = {"tỷ lệ chiết khấu", "discount rate"};
static const struct val_label lbl_opcost = {"thay đổi chi phí vận hành (đồng/năm)",
					    "operating cost change (VND/year)"};
static const struct val_label lbl_score[FIN_CRIT__MAX] = {
    {"điểm kỹ thuật", "technical score"},
    {"điểm kinh tế", "financial score"},
    {"điểm môi trường", "environmental score"},
};
static const struct val_label lbl_stream = {"loại tác động", "kind of effect"};
static const struct val_label lbl_carrier = {"loại năng lượng", "energy carrier"};
static const struct val_label lbl_ename = {"tên vật liệu, chất thải", "material or waste"};
static const struct val_label lbl_qty = {"lượng tiết kiệm mỗi năm", "quantity saved per year"};
static const struct val_label lbl_unit = {"đơn vị", "unit"};
static const struct val_label lbl_status = {"tình trạng thực hiện", "implementation status"};
static const struct val_label lbl_impl_on = {"ngày thực hiện xong", "date implemented"};
static const struct val_label lbl_actual = {"chi phí thực tế (đồng)", "actual cost (VND)"};

/* Indices in names_stream an effect may take. */
#define ST_MATERIAL	   0
#define ST_ENERGY	   1
#define ST_WATER	   2
#define ST_WASTE	   4
#define KIND_BYPRODUCT	   6
#define TRIAGE_REJECTED	   2
#define STATUS_IMPLEMENTED 3

/* How many earlier years a missing factor is looked for (the grid factor lags). */
#define OPTION_FACTOR_LOOKBACK 5

static int
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

/* ---- reading ---- */

/* Fills o's effects' TOE and CO2 and the sums through the ledger of facility_id's year. */
static void
effects_convert(struct db *db, int64_t facility_id, int year, struct cp_option *o)
{
	o->toe = 0;
	o->co2_t = 0;
	o->factor_year = year;
	for (int i = 0; i < o->neffects; i++) {
		struct cp_effect *e = &o->effects[i];
		e->toe = e->co2_t = NAN;
		if (e->stream != ST_ENERGY)
			continue;
		for (int y = year; y >= year - OPTION_FACTOR_LOOKBACK; y--) {
			struct ledger_line l = {.carrier = e->carrier,
						.unit = e->unit,
						.qty = fabs(e->qty),
						.month = 0,
						.product = NULL};
			struct ledger *led = NULL;
			char err[256];
			if (ledger_of_lines(db, facility_id, y, &l, 1, NULL, 0, &led, err,
					    sizeof(err)) != 0) {
				log_err("option %lld: %s", (long long)o->id, err);
				break;
			}
			double toe = NAN, co2 = NAN;
			if (led->nreports == 1 && led->reports[0].ncarriers == 1) {
				const struct ledger_carrier *c = &led->reports[0].carriers[0];
				toe = c->toe;
				co2 = c->co2_t;
			}
			ledger_free(led);
			double sign = e->qty < 0 ? -1 : 1;
			if (isnan(e->toe) && isfinite(toe))
				e->toe = sign * toe;
			if (isfinite(co2)) {
				e->co2_t = sign * co2;
				if (y < o->factor_year)
					o->factor_year = y;
				break;
			}
		}
		o->toe += e->toe;
		o->co2_t += e->co2_t;
	}
}

/* The computed part of o: feasibility and weighted score. */
static void
option_compute(struct cp_option *o, const double weight[ASSESS_CRITERIA])
{
	double cf[FIN_YEARS_MAX];
	int n = 0;
	o->fin_ok = 0;
	if (o->has_flows) {
		n = o->nflows;
		memcpy(cf, o->cash_flows, (size_t)n * sizeof(double));
	} else if (isfinite(o->annual_saving) && o->life_years > 0 &&
		   fin_constant_flows(o->annual_saving, o->life_years, cf) == 0) {
		n = o->life_years;
	}
	if (n > 0 && fin_evaluate(o->capex, cf, n, o->discount_rate, &o->fin) == 0)
		o->fin_ok = 1;
	o->weighted_score = NAN;
	double w[FIN_CRIT__MAX] = {weight[ASSESS_TECH], weight[ASSESS_FIN], weight[ASSESS_ENV]};
	double s;
	if (fin_score(o->score, w, &s) == FIN_SCORE_OK)
		o->weighted_score = s;
}

static double
col_opt(struct db_stmt *st, int c)
{
	return db_col_is_null(st, c) ? NAN : db_col_double(st, c);
}

/* Parses a stored JSON array of flows into o; 0 or -1. */
static int
flows_parse(const char *text, struct cp_option *o)
{
	json_error_t je;
	json_t *a = json_loads(text, 0, &je);
	int rc = -1;
	if (json_is_array(a) && json_array_size(a) >= 1 && json_array_size(a) <= FIN_YEARS_MAX) {
		o->nflows = (int)json_array_size(a);
		rc = 0;
		for (int i = 0; i < o->nflows; i++) {
			json_t *v = json_array_get(a, (size_t)i);
			if (!json_is_number(v))
				rc = -1;
			o->cash_flows[i] = json_number_value(v);
		}
	}
	json_decref(a);
	return rc;
}

/* Reads one row of STMT_OPTION_LIST into o (strings in a). */
static void
option_row(struct db_stmt *st, struct arena *a, struct cp_option *o)
{
	memset(o, 0, sizeof(*o));
	o->id = db_col_int(st, 0);
	o->assessment_id = db_col_int(st, 1);
	o->version = db_col_int(st, 2);
	o->seq = (int)db_col_int(st, 3);
	o->title = arena_strdup(a, db_col_text(st, 4));
	o->description = arena_strdup(a, db_col_text(st, 5));
	o->waste_item_id = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6);
	o->cause_id = db_col_is_null(st, 7) ? 0 : db_col_int(st, 7);
	int k = names_index(names_option_kind, NAMES_OPTION_KIND_N, db_col_text(st, 8));
	o->kind = k < 0 ? 0 : k;
	o->offsite = (int)db_col_int(st, 9);
	int t = names_index(names_triage, NAMES_TRIAGE_N, db_col_text(st, 10));
	o->triage = t < 0 ? 1 : t;
	o->reject_reason = arena_strdup(a, db_col_text(st, 11));
	int s = names_index(names_option_status, NAMES_OPTION_STATUS_N, db_col_text(st, 12));
	o->status = s < 0 ? 0 : s;
	o->capex = db_col_double(st, 13);
	o->annual_saving = col_opt(st, 14);
	o->life_years = db_col_is_null(st, 15) ? 0 : (int)db_col_int(st, 15);
	if (!db_col_is_null(st, 16) && flows_parse(db_col_text(st, 16), o) == 0)
		o->has_flows = 1;
	o->discount_rate = db_col_double(st, 17);
	o->opcost_change = col_opt(st, 18);
	for (int i = 0; i < FIN_CRIT__MAX; i++)
		o->score[i] = col_opt(st, 19 + i);
	o->implemented_on = arena_strdup(a, db_col_text(st, 22));
	o->actual_cost = col_opt(st, 23);
}

/* The options of r (one, when only is not 0) with effects and computations. */
static int
options_read(struct db *db, const struct assess_ref *r, int64_t only, struct arena *a,
	     struct cp_option **out, int *n)
{
	int cap = 0, rc;
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, STMT_OPTION_LIST);
	db_bind_int(st, 1, r->id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (only != 0 && db_col_int(st, 0) != only)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			struct cp_option *b = arena_alloc(a, (size_t)cap * sizeof(*b));
			if (*n > 0)
				memcpy(b, *out, (size_t)*n * sizeof(*b));
			*out = b;
		}
		option_row(st, a, &(*out)[(*n)++]);
	}
	if (rc != DB_DONE)
		goto fail;
	st = db_stmt(db, STMT_OPTION_EFFECT_LIST);
	db_bind_int(st, 1, r->id);
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t oid = db_col_int(st, 0);
		for (int i = 0; i < *n; i++) {
			struct cp_option *o = &(*out)[i];
			if (o->id != oid || o->neffects == OPTION_EFFECTS_MAX)
				continue;
			struct cp_effect *e = &o->effects[o->neffects++];
			int s = names_index(names_stream, NAMES_STREAM_N, db_col_text(st, 1));
			e->stream = s < 0 ? ST_MATERIAL : s;
			e->carrier =
			    db_col_is_null(st, 2) ? NULL : arena_strdup(a, db_col_text(st, 2));
			e->name = arena_strdup(a, db_col_text(st, 3));
			e->qty = db_col_double(st, 4);
			e->unit = arena_strdup(a, db_col_text(st, 5));
		}
	}
	if (rc != DB_DONE)
		goto fail;
	for (int i = 0; i < *n; i++) {
		effects_convert(db, r->facility_id, r->year, &(*out)[i]);
		option_compute(&(*out)[i], r->weight);
	}
	return ST_OK;
fail:
	log_err("options of assessment %lld: %s", (long long)r->id, db_errmsg(db));
	return ST_ERR;
}

int
option_list(struct db *db, const struct principal *who, int64_t assessment_id, struct arena *a,
	    struct cp_option **out, int *n)
{
	struct assess_ref r;
	*out = NULL;
	*n = 0;
	int rc = assess_open(db, who, assessment_id, 0, ASSESS_READ, &r);
	return rc != ST_OK ? rc : options_read(db, &r, 0, a, out, n);
}

/* The assessment option id belongs to (unscoped): ST_OK, ST_NOTFOUND or ST_ERR. */
static int
option_owner(struct db *db, int64_t id, int64_t *assessment_id)
{
	struct db_stmt *st = db_stmt(db, STMT_OPTION_ASSESSMENT);
	db_bind_int(st, 1, id);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return ST_NOTFOUND;
	if (rc != DB_ROW)
		return ST_ERR;
	*assessment_id = db_col_int(st, 0);
	db_reset(st);
	return ST_OK;
}

int
option_get(struct db *db, const struct principal *who, int64_t id, struct arena *a,
	   struct cp_option *out)
{
	int64_t aid;
	struct assess_ref r;
	struct cp_option *o;
	int n;
	int rc = option_owner(db, id, &aid);
	if (rc == ST_OK)
		rc = assess_open(db, who, aid, 0, ASSESS_READ, &r);
	if (rc == ST_OK)
		rc = options_read(db, &r, id, a, &o, &n);
	if (rc == ST_OK && n != 1)
		rc = ST_NOTFOUND;
	if (rc == ST_OK)
		*out = o[0];
	return rc;
}

/* ---- validation ---- */

/* A number within lo..hi into *out; blank leaves *out NAN.  0, or -1 with an error. */
static int
num_field(const char *s, double lo, double hi, const struct val_label *l, const char *field,
	  double *out, struct wf_errors *errs)
{
	struct msg m;
	*out = NAN;
	if (blank(s))
		return 0;
	if (val_double_range(s, lo, hi, l, out, &m) != VAL_OK) {
		wf_errors_add(errs, &m, "%s", field);
		*out = NAN;
		return -1;
	}
	return 0;
}

static void
text_field(enum val_field f, const char *s, const struct val_label *l, const char *field,
	   struct wf_errors *errs)
{
	struct msg m;
	if (!blank(s) && val_text(f, s, l, &m) != VAL_OK)
		wf_errors_add(errs, &m, "%s", field);
}

static int
code_field(const char *s, const struct name *t, int n, int dflt, const struct val_label *l,
	   const char *field, struct wf_errors *errs)
{
	struct msg m;
	if (blank(s))
		return dflt;
	int i = names_index(t, n, s);
	if (i < 0) {
		val_unknown_code(l, s, &m);
		wf_errors_add(errs, &m, "%s", field);
		return dflt;
	}
	return i;
}

/* Whether code exists by statement sid (one text parameter): 1, 0, or -1. */
static int
code_exists(struct db *db, int sid, const char *code)
{
	struct db_stmt *st = db_stmt(db, (enum stmt)sid);
	db_bind_text(st, 1, code);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		db_reset(st);
		return 1;
	}
	return rc == DB_DONE ? 0 : -1;
}

/* An id of the assessment's waste lines or causes (sid: id, assessment -> 1). */
static int
ref_field(struct db *db, int sid, const char *s, int64_t assessment_id, const struct val_label *l,
	  const char *field, int64_t *out, struct wf_errors *errs)
{
	struct msg m;
	*out = 0;
	if (blank(s) || strcmp(s, "0") == 0)
		return 0;
	int64_t v;
	if (parse_int64(s, &v) == 0 && v > 0) {
		struct db_stmt *st = db_stmt(db, (enum stmt)sid);
		db_bind_int(st, 1, v);
		db_bind_int(st, 2, assessment_id);
		int rc = db_step(st);
		if (rc == DB_ROW) {
			db_reset(st);
			*out = v;
			return 0;
		}
		if (rc != DB_DONE)
			return -1;
	}
	val_unknown_code(l, s, &m);
	wf_errors_add(errs, &m, "%s", field);
	return 0;
}

/* Splits the typed flows ("a; b" or lines) into o: 0, or -1 with an error. */
static int
flows_read(const char *s, struct cp_option *o, struct wf_errors *errs)
{
	struct msg m;
	char buf[4096];
	if (strlen(s) >= sizeof(buf)) {
		msg_init(&m, MSG_OPTION_FLOWS_BAD, &lbl_flows);
		msg_int(&m, FIN_YEARS_MAX);
		wf_errors_add(errs, &m, "cash_flows");
		return -1;
	}
	snprintf(buf, sizeof(buf), "%s", s);
	o->nflows = 0;
	char *save = NULL;
	for (char *t = strtok_r(buf, ";\r\n", &save); t != NULL;
	     t = strtok_r(NULL, ";\r\n", &save)) {
		if (blank(t))
			continue;
		double v;
		if (o->nflows == FIN_YEARS_MAX || parse_double(t, &v, 0) != 0 ||
		    fabs(v) > FIN_AMOUNT_MAX) {
			msg_init(&m, MSG_OPTION_FLOWS_BAD, &lbl_flows);
			msg_int(&m, FIN_YEARS_MAX);
			wf_errors_add(errs, &m, "cash_flows");
			return -1;
		}
		o->cash_flows[o->nflows++] = v;
	}
	o->has_flows = o->nflows > 0;
	return 0;
}

/*
 * Validates in into o (content fields; strings point into in) against the
 * assessment assessment_id: ST_OK, ST_INVALID or ST_ERR.
 */
static int
option_validate(struct db *db, int64_t assessment_id, const struct cp_option_input *in,
		struct cp_option *o, struct wf_errors *errs)
{
	struct msg m;
	int e0 = errs->n + errs->more;
	if (blank(in->title)) {
		val_missing(&lbl_title, &m);
		wf_errors_add(errs, &m, "title");
	} else {
		text_field(VF_NAME, in->title, &lbl_title, "title", errs);
	}
	o->title = blank(in->title) ? "" : in->title;
	text_field(VF_MEASURES, in->description, &lbl_desc, "description", errs);
	o->description = in->description ? in->description : "";
	if (ref_field(db, STMT_OPTION_WASTE_OF, in->waste_item_id, assessment_id, &lbl_waste,
		      "waste_item_id", &o->waste_item_id, errs) < 0 ||
	    ref_field(db, STMT_OPTION_CAUSE_OF, in->cause_id, assessment_id, &lbl_cause, "cause_id",
		      &o->cause_id, errs) < 0)
		return ST_ERR;
	if (blank(in->kind)) {
		val_missing(&lbl_kind, &m);
		wf_errors_add(errs, &m, "kind");
		o->kind = 0;
	} else {
		o->kind = code_field(in->kind, names_option_kind, NAMES_OPTION_KIND_N, 0, &lbl_kind,
				     "kind", errs);
	}
	o->offsite = 0;
	if (!blank(in->offsite) && val_bool01(in->offsite, &lbl_offsite, &o->offsite, &m) != VAL_OK)
		wf_errors_add(errs, &m, "offsite");
	else if (o->offsite && o->kind != KIND_BYPRODUCT && !blank(in->kind)) {
		msg_init(&m, MSG_OPTION_OFFSITE_KIND, &lbl_offsite);
		wf_errors_add(errs, &m, "offsite");
	}
	o->triage =
	    code_field(in->triage, names_triage, NAMES_TRIAGE_N, 1, &lbl_triage, "triage", errs);
	text_field(VF_NAME, in->reject_reason, &lbl_reason, "reject_reason", errs);
	o->reject_reason = in->reject_reason ? in->reject_reason : "";
	if (o->triage == TRIAGE_REJECTED && blank(in->reject_reason)) {
		val_missing(&lbl_reason, &m);
		wf_errors_add(errs, &m, "reject_reason");
	}
	num_field(in->capex, 0, FIN_AMOUNT_MAX, &lbl_capex, "capex", &o->capex, errs);
	if (isnan(o->capex))
		o->capex = 0;
	if (!blank(in->cash_flows))
		flows_read(in->cash_flows, o, errs);
	num_field(in->annual_saving, -FIN_AMOUNT_MAX, FIN_AMOUNT_MAX, &lbl_saving, "annual_saving",
		  &o->annual_saving, errs);
	double life = NAN;
	num_field(in->life_years, 1, FIN_YEARS_MAX, &lbl_life, "life_years", &life, errs);
	if (isfinite(life) && life != floor(life)) {
		msg_init(&m, MSG_VAL_NOT_INTEGER, &lbl_life);
		msg_str(&m, in->life_years);
		wf_errors_add(errs, &m, "life_years");
	}
	o->life_years = isfinite(life) ? (int)life : 0;
	if (o->has_flows && (isfinite(o->annual_saving) || o->life_years > 0)) {
		msg_init(&m, MSG_OPTION_FLOWS_OR_SAVING, &lbl_flows);
		wf_errors_add(errs, &m, "cash_flows");
	} else if (!o->has_flows && isfinite(o->annual_saving) != (o->life_years > 0)) {
		msg_init(&m, MSG_OPTION_SAVING_LIFE,
			 isfinite(o->annual_saving) ? &lbl_life : &lbl_saving);
		wf_errors_add(errs, &m,
			      isfinite(o->annual_saving) ? "life_years" : "annual_saving");
	}
	num_field(in->discount_rate, FIN_RATE_MIN, FIN_RATE_MAX, &lbl_rate, "discount_rate",
		  &o->discount_rate, errs);
	if (isnan(o->discount_rate))
		o->discount_rate = 0.1;
	num_field(in->opcost_change, -FIN_AMOUNT_MAX, FIN_AMOUNT_MAX, &lbl_opcost, "opcost_change",
		  &o->opcost_change, errs);
	const char *sc[FIN_CRIT__MAX] = {in->score_tech, in->score_fin, in->score_env};
	const char *sf[FIN_CRIT__MAX] = {"score_tech", "score_fin", "score_env"};
	for (int i = 0; i < FIN_CRIT__MAX; i++)
		num_field(sc[i], 0, FIN_SCORE_MAX, &lbl_score[i], sf[i], &o->score[i], errs);
	o->neffects = 0;
	for (int i = 0; i < in->neffects && i < OPTION_EFFECTS_MAX; i++) {
		const struct cp_effect_input *ei = &in->effects[i];
		if (blank(ei->stream) && blank(ei->carrier) && blank(ei->name) && blank(ei->qty) &&
		    blank(ei->unit))
			continue;
		char f[48];
		struct cp_effect *e = &o->effects[o->neffects++];
		memset(e, 0, sizeof(*e));
		snprintf(f, sizeof(f), "effects[%d].stream", i);
		if (blank(ei->stream)) {
			val_missing(&lbl_stream, &m);
			wf_errors_add(errs, &m, "%s", f);
		} else {
			e->stream = code_field(ei->stream, names_stream, NAMES_STREAM_N,
					       ST_MATERIAL, &lbl_stream, f, errs);
			if (e->stream != ST_MATERIAL && e->stream != ST_ENERGY &&
			    e->stream != ST_WATER && e->stream != ST_WASTE) {
				val_unknown_code(&lbl_stream, ei->stream, &m);
				wf_errors_add(errs, &m, "%s", f);
			}
		}
		snprintf(f, sizeof(f), "effects[%d].carrier", i);
		e->carrier = NULL;
		if (e->stream == ST_ENERGY) {
			int x = blank(ei->carrier)
				    ? 0
				    : code_exists(db, STMT_OPTION_CARRIER, ei->carrier);
			if (x < 0)
				return ST_ERR;
			if (blank(ei->carrier)) {
				val_missing(&lbl_carrier, &m);
				wf_errors_add(errs, &m, "%s", f);
			} else if (!x) {
				val_unknown_code(&lbl_carrier, ei->carrier, &m);
				wf_errors_add(errs, &m, "%s", f);
			}
			e->carrier = ei->carrier;
		}
		snprintf(f, sizeof(f), "effects[%d].name", i);
		text_field(VF_MATERIAL, ei->name, &lbl_ename, f, errs);
		e->name = ei->name ? ei->name : "";
		snprintf(f, sizeof(f), "effects[%d].qty", i);
		if (blank(ei->qty)) {
			val_missing(&lbl_qty, &m);
			wf_errors_add(errs, &m, "%s", f);
		} else {
			num_field(ei->qty, -VAL_AMOUNT_MAX, VAL_AMOUNT_MAX, &lbl_qty, f, &e->qty,
				  errs);
		}
		snprintf(f, sizeof(f), "effects[%d].unit", i);
		int x = blank(ei->unit) ? 0 : code_exists(db, STMT_OPTION_UNIT, ei->unit);
		if (x < 0)
			return ST_ERR;
		if (blank(ei->unit)) {
			val_missing(&lbl_unit, &m);
			wf_errors_add(errs, &m, "%s", f);
		} else if (!x) {
			val_unknown_code(&lbl_unit, ei->unit, &m);
			wf_errors_add(errs, &m, "%s", f);
		}
		e->unit = ei->unit;
	}
	if (in->neffects > OPTION_EFFECTS_MAX) {
		msg_init(&m, MSG_OPTION_TOO_MANY_EFFECTS, NULL);
		msg_int(&m, OPTION_EFFECTS_MAX);
		wf_errors_add(errs, &m, "effects");
	}
	return errs->n + errs->more != e0 ? ST_INVALID : ST_OK;
}

/* ---- writing ---- */

static json_t *
num_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* The stored flows of o as JSON text (malloc'd), or NULL when none. */
static char *
flows_json(const struct cp_option *o)
{
	if (!o->has_flows)
		return NULL;
	json_t *a = json_array();
	for (int i = 0; i < o->nflows; i++)
		json_array_append_new(a, json_real(o->cash_flows[i]));
	char *s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return s;
}

/* The audit JSON of o's inputs. */
static char *
option_json(const struct cp_option *o)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(o->id));
	json_object_set_new(j, "assessment_id", json_integer(o->assessment_id));
	json_object_set_new(j, "seq", json_integer(o->seq));
	json_object_set_new(j, "title", json_string(o->title));
	json_object_set_new(j, "description", json_string(o->description));
	json_object_set_new(j, "waste_item_id",
			    o->waste_item_id ? json_integer(o->waste_item_id) : json_null());
	json_object_set_new(j, "cause_id", o->cause_id ? json_integer(o->cause_id) : json_null());
	json_object_set_new(j, "kind", json_string(names_option_kind[o->kind].code));
	json_object_set_new(j, "offsite", json_boolean(o->offsite));
	json_object_set_new(j, "triage", json_string(names_triage[o->triage].code));
	json_object_set_new(j, "reject_reason", json_string(o->reject_reason));
	json_object_set_new(j, "status", json_string(names_option_status[o->status].code));
	json_object_set_new(j, "capex", json_real(o->capex));
	json_t *fl = json_null();
	if (o->has_flows) {
		fl = json_array();
		for (int i = 0; i < o->nflows; i++)
			json_array_append_new(fl, json_real(o->cash_flows[i]));
	}
	json_object_set_new(j, "cash_flows", fl);
	json_object_set_new(j, "annual_saving", num_or_null(o->annual_saving));
	json_object_set_new(j, "life_years",
			    o->life_years > 0 ? json_integer(o->life_years) : json_null());
	json_object_set_new(j, "discount_rate", json_real(o->discount_rate));
	json_object_set_new(j, "opcost_change", num_or_null(o->opcost_change));
	json_object_set_new(j, "score_tech", num_or_null(o->score[FIN_CRIT_TECHNICAL]));
	json_object_set_new(j, "score_fin", num_or_null(o->score[FIN_CRIT_FINANCIAL]));
	json_object_set_new(j, "score_env", num_or_null(o->score[FIN_CRIT_ENVIRONMENTAL]));
	json_object_set_new(j, "implemented_on",
			    o->implemented_on && o->implemented_on[0]
				? json_string(o->implemented_on)
				: json_null());
	json_object_set_new(j, "actual_cost", num_or_null(o->actual_cost));
	json_t *ef = json_array();
	for (int i = 0; i < o->neffects; i++) {
		const struct cp_effect *e = &o->effects[i];
		json_t *x = json_object();
		json_object_set_new(x, "stream", json_string(names_stream[e->stream].code));
		json_object_set_new(x, "carrier",
				    e->carrier ? json_string(e->carrier) : json_null());
		json_object_set_new(x, "name", json_string(e->name ? e->name : ""));
		json_object_set_new(x, "qty", json_real(e->qty));
		json_object_set_new(x, "unit", json_string(e->unit));
		json_array_append_new(ef, x);
	}
	json_object_set_new(j, "effects", ef);
	return wf_json_take(j);
}

static void
bind_opt(struct db_stmt *st, int i, double v)
{
	db_bind_opt_double(st, i, isfinite(v) ? v : 0, !isfinite(v));
}

/* Binds o's content to parameters 3.. of the insert or update. */
static void
bind_content(struct db_stmt *st, const struct cp_option *o, const char *flows)
{
	db_bind_text(st, 3, o->title);
	db_bind_text(st, 4, o->description);
	if (o->waste_item_id)
		db_bind_int(st, 5, o->waste_item_id);
	if (o->cause_id)
		db_bind_int(st, 6, o->cause_id);
	db_bind_text(st, 7, names_option_kind[o->kind].code);
	db_bind_int(st, 8, o->offsite);
	db_bind_text(st, 9, names_triage[o->triage].code);
	db_bind_text(st, 10, o->reject_reason);
	db_bind_double(st, 11, o->capex);
	bind_opt(st, 12, o->annual_saving);
	if (o->life_years > 0)
		db_bind_int(st, 13, o->life_years);
	db_bind_text(st, 14, flows);
	db_bind_double(st, 15, o->discount_rate);
	bind_opt(st, 16, o->opcost_change);
	for (int i = 0; i < FIN_CRIT__MAX; i++)
		bind_opt(st, 17 + i, o->score[i]);
}

static int
effects_write(struct db *db, int64_t option_id, const struct cp_option *o)
{
	struct db_stmt *st = db_stmt(db, STMT_OPTION_EFFECT_DELETE);
	db_bind_int(st, 1, option_id);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	for (int i = 0; i < o->neffects; i++) {
		const struct cp_effect *e = &o->effects[i];
		st = db_stmt(db, STMT_OPTION_EFFECT_INSERT);
		db_bind_int(st, 1, option_id);
		db_bind_text(st, 2, names_stream[e->stream].code);
		db_bind_text(st, 3, e->stream == ST_ENERGY ? e->carrier : NULL);
		db_bind_text(st, 4, e->name ? e->name : "");
		db_bind_double(st, 5, e->qty);
		db_bind_text(st, 6, e->unit);
		if (db_run(st) != DB_OK)
			return ST_ERR;
	}
	return ST_OK;
}

static int
finish(struct db *db, int rc, const char *what)
{
	return wf_finish(db, rc, what, WF_PRIVATE);
}

static int
create_tx(struct db *db, const struct principal *who, int64_t aid, int64_t version,
	  const struct cp_option_input *in, int64_t *id, struct wf_errors *errs)
{
	struct assess_ref r;
	struct cp_option *o = calloc(1, sizeof(*o));
	char *flows = NULL, *after = NULL;
	if (o == NULL)
		abort();
	int rc = assess_open(db, who, aid, version, ASSESS_CONTENT, &r);
	if (rc != ST_OK)
		goto out;
	if ((rc = option_validate(db, aid, in, o, errs)) != ST_OK)
		goto out;
	struct db_stmt *st = db_stmt(db, STMT_OPTION_NEXT_SEQ);
	db_bind_int(st, 1, aid);
	if (db_step(st) != DB_ROW) {
		rc = ST_ERR;
		goto out;
	}
	o->seq = (int)db_col_int(st, 0);
	db_reset(st);
	o->assessment_id = aid;
	o->implemented_on = "";
	o->actual_cost = NAN;
	flows = flows_json(o);
	st = db_stmt(db, STMT_OPTION_INSERT);
	db_bind_int(st, 1, aid);
	db_bind_int(st, 2, o->seq);
	bind_content(st, o, flows);
	rc = ST_ERR;
	if (db_run(st) != DB_OK)
		goto out;
	o->id = db_last_id(db);
	o->version = 1;
	if ((rc = effects_write(db, o->id, o)) != ST_OK)
		goto out;
	after = option_json(o);
	rc = assess_touch(db, who, &r, "cp_option.create", "cp_option", o->id, NULL, after);
	if (rc == ST_OK)
		*id = o->id;
out:
	free(flows);
	free(after);
	free(o);
	return rc;
}

int
option_create(struct db *db, const struct principal *who, int64_t assessment_id, int64_t version,
	      const struct cp_option_input *in, int64_t *id, struct wf_errors *errs)
{
	if (db_begin(db) != DB_OK)
		return finish(db, ST_ERR, "option create");
	return finish(db, create_tx(db, who, assessment_id, version, in, id, errs),
		      "option create");
}

/*
 * Loads option id for a change of what by who from a form of version:
 * ST_OK with *r and *cur (in a), or ST_NOTFOUND, ST_FORBIDDEN, ST_STATE,
 * ST_CONFLICT, ST_ERR.
 */
static int
load_for_change(struct db *db, const struct principal *who, int64_t id, int64_t version,
		enum assess_edit what, struct arena *a, struct assess_ref *r, struct cp_option *cur)
{
	int64_t aid;
	struct cp_option *o;
	int n;
	int rc = option_owner(db, id, &aid);
	if (rc == ST_OK)
		rc = assess_open(db, who, aid, 0, what, r);
	if (rc == ST_OK)
		rc = options_read(db, r, id, a, &o, &n);
	if (rc == ST_OK && n != 1)
		rc = ST_NOTFOUND;
	if (rc != ST_OK)
		return rc;
	*cur = o[0];
	return cur->version == version ? ST_OK : ST_CONFLICT;
}

/* Audits a change of option o (before JSON b) in the assessment's log. */
static int
audit_change(struct db *db, const struct principal *who, const char *action, int64_t id,
	     const char *b, const char *after)
{
	char idt[32];
	snprintf(idt, sizeof(idt), "%lld", (long long)id);
	return audit_write(db, who, wf_now(), action, "cp_option", idt, b, after) < 0 ? ST_ERR
										      : ST_OK;
}

static int
update_tx(struct db *db, const struct principal *who, int64_t id, int64_t version,
	  const struct cp_option_input *in, struct wf_errors *errs)
{
	struct arena a;
	struct assess_ref r;
	struct cp_option cur, *o = calloc(1, sizeof(*o));
	char *flows = NULL, *before = NULL, *after = NULL;
	if (o == NULL)
		abort();
	arena_init(&a);
	int rc = load_for_change(db, who, id, version, ASSESS_CONTENT, &a, &r, &cur);
	if (rc != ST_OK)
		goto out;
	if ((rc = option_validate(db, r.id, in, o, errs)) != ST_OK)
		goto out;
	o->id = id;
	o->assessment_id = r.id;
	o->seq = cur.seq;
	o->status = cur.status;
	o->implemented_on = cur.implemented_on;
	o->actual_cost = cur.actual_cost;
	if (o->triage == TRIAGE_REJECTED)
		o->status = 0; /* a rejected option is not carried out */
	flows = flows_json(o);
	struct db_stmt *st = db_stmt(db, STMT_OPTION_UPDATE);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, version);
	bind_content(st, o, flows);
	db_bind_text(st, 20, names_option_status[o->status].code);
	rc = ST_ERR;
	if (db_run(st) != DB_OK)
		goto out;
	if (db_changes(db) != 1) {
		rc = ST_CONFLICT;
		goto out;
	}
	o->version = version + 1;
	if ((rc = effects_write(db, id, o)) != ST_OK)
		goto out;
	before = option_json(&cur);
	after = option_json(o);
	rc = audit_change(db, who, "cp_option.update", id, before, after);
out:
	free(flows);
	free(before);
	free(after);
	free(o);
	arena_free(&a);
	return rc;
}

int
option_update(struct db *db, const struct principal *who, int64_t id, int64_t version,
	      const struct cp_option_input *in, struct wf_errors *errs)
{
	if (db_begin(db) != DB_OK)
		return finish(db, ST_ERR, "option update");
	return finish(db, update_tx(db, who, id, version, in, errs), "option update");
}

static int
delete_tx(struct db *db, const struct principal *who, int64_t id, int64_t version)
{
	struct arena a;
	struct assess_ref r;
	struct cp_option cur;
	arena_init(&a);
	int rc = load_for_change(db, who, id, version, ASSESS_CONTENT, &a, &r, &cur);
	if (rc == ST_OK) {
		struct db_stmt *st = db_stmt(db, STMT_OPTION_DELETE);
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, version);
		rc = db_run(st) != DB_OK ? ST_ERR : db_changes(db) != 1 ? ST_CONFLICT : ST_OK;
	}
	if (rc == ST_OK) {
		char *before = option_json(&cur);
		rc = audit_change(db, who, "cp_option.delete", id, before, NULL);
		free(before);
	}
	arena_free(&a);
	return rc;
}

int
option_delete(struct db *db, const struct principal *who, int64_t id, int64_t version)
{
	if (db_begin(db) != DB_OK)
		return finish(db, ST_ERR, "option delete");
	return finish(db, delete_tx(db, who, id, version), "option delete");
}

static int
status_tx(struct db *db, const struct principal *who, int64_t id, int64_t version,
	  const char *status, const char *implemented_on, const char *actual_cost,
	  struct wf_errors *errs)
{
	struct arena a;
	struct assess_ref r;
	struct cp_option cur;
	struct msg m;
	char iso[HOME_DATE_SIZE] = "";
	arena_init(&a);
	int rc = load_for_change(db, who, id, version, ASSESS_TRACK, &a, &r, &cur);
	if (rc != ST_OK)
		goto out;
	int e0 = errs->n;
	int s = 0;
	if (blank(status)) {
		val_missing(&lbl_status, &m);
		wf_errors_add(errs, &m, "status");
	} else {
		s = code_field(status, names_option_status, NAMES_OPTION_STATUS_N, 0, &lbl_status,
			       "status", errs);
	}
	if (errs->n == e0 && s != 0 && cur.triage == TRIAGE_REJECTED) {
		msg_init(&m, MSG_OPTION_REJECTED_MOVE, &lbl_status);
		wf_errors_add(errs, &m, "status");
	}
	if (s == STATUS_IMPLEMENTED) {
		int y, mo, d;
		if (blank(implemented_on)) {
			val_missing(&lbl_impl_on, &m);
			wf_errors_add(errs, &m, "implemented_on");
		} else if (home_date_parse(implemented_on, iso) != 0 &&
			   (strlen(implemented_on) != 10 ||
			    parse_date(implemented_on, &y, &mo, &d) != 0)) {
			msg_init(&m, MSG_ASSESS_DATE_BAD, &lbl_impl_on);
			msg_str(&m, implemented_on);
			wf_errors_add(errs, &m, "implemented_on");
		} else if (iso[0] == '\0') {
			snprintf(iso, sizeof(iso), "%s", implemented_on);
		}
	}
	double cost = NAN;
	num_field(actual_cost, 0, FIN_AMOUNT_MAX, &lbl_actual, "actual_cost", &cost, errs);
	if (errs->n != e0) {
		rc = ST_INVALID;
		goto out;
	}
	struct db_stmt *st = db_stmt(db, STMT_OPTION_STATUS);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, version);
	db_bind_text(st, 3, names_option_status[s].code);
	db_bind_text(st, 4, s == STATUS_IMPLEMENTED ? iso : NULL);
	bind_opt(st, 5, cost);
	rc = ST_ERR;
	if (db_run(st) != DB_OK)
		goto out;
	if (db_changes(db) != 1) {
		rc = ST_CONFLICT;
		goto out;
	}
	struct cp_option after = cur;
	after.status = s;
	after.implemented_on = s == STATUS_IMPLEMENTED ? iso : "";
	after.actual_cost = cost;
	char *b = option_json(&cur), *aj = option_json(&after);
	rc = audit_change(db, who, "cp_option.status", id, b, aj);
	free(b);
	free(aj);
	/* Implementing an option can change a public figure (the indicators' evidence). */
out:
	arena_free(&a);
	return rc;
}

int
option_set_status(struct db *db, const struct principal *who, int64_t id, int64_t version,
		  const char *status, const char *implemented_on, const char *actual_cost,
		  struct wf_errors *errs)
{
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "option status", WF_PUBLIC);
	return wf_finish(db,
			 status_tx(db, who, id, version, status, implemented_on, actual_cost, errs),
			 "option status", WF_PUBLIC);
}

int
option_targets(struct db *db, const struct principal *who, int64_t assessment_id, struct arena *a,
	       struct cp_target **out, int *n)
{
	struct assess_ref r;
	*out = NULL;
	*n = 0;
	int rc = assess_open(db, who, assessment_id, 0, ASSESS_READ, &r);
	if (rc != ST_OK)
		return rc;
	int cap = 0;
	int64_t last = 0;
	struct db_stmt *st = db_stmt(db, STMT_OPTION_TARGETS);
	db_bind_int(st, 1, r.id);
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t item = db_col_int(st, 0);
		int cause = !db_col_is_null(st, 3);
		/* a line, then its causes: the line's own row comes with its first cause */
		for (int k = item == last ? 1 : 0; k <= cause; k++) {
			if (*n == cap) {
				cap = cap ? 2 * cap : 16;
				struct cp_target *b = arena_alloc(a, (size_t)cap * sizeof(*b));
				if (*n > 0)
					memcpy(b, *out, (size_t)*n * sizeof(*b));
				*out = b;
			}
			struct cp_target *t = &(*out)[(*n)++];
			t->item_id = item;
			t->cause_id = k == 1 ? db_col_int(st, 3) : 0;
			t->item_name = arena_strdup(a, db_col_text(st, 1));
			t->step_name = arena_strdup(a, db_col_text(st, 2));
			t->cause = k == 1 ? arena_strdup(a, db_col_text(st, 4)) : "";
		}
		last = item;
	}
	if (rc != DB_DONE) {
		log_err("option targets of assessment %lld: %s", (long long)r.id, db_errmsg(db));
		return ST_ERR;
	}
	return ST_OK;
}
