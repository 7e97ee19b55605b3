/*
 * The process of a CP assessment, its balance lines, waste costs and
 * causes, and the balances computed from them (see process.h).
 */
#include "model/assess/process.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/analytics/ledger.h"
#include "model/reporting/choices.h"
#include "model/validate.h"
#include "util/arena.h"
#include "util/log.h"

static const struct val_label lbl_step_name = {"tên công đoạn", "step name"};
static const struct val_label lbl_step_desc = {"mô tả công đoạn", "step description"};
static const struct val_label lbl_steps = {"số công đoạn", "number of steps"};
static const struct val_label lbl_lines = {"số dòng của công đoạn", "lines of the step"};
static const struct val_label lbl_dir = {"chiều (đầu vào/đầu ra)", "direction (input/output)"};
static const struct val_label lbl_stream = {"loại dòng", "stream"};
static const struct val_label lbl_name = {"tên dòng", "line name"};
static const struct val_label lbl_carrier = {"dạng năng lượng", "energy carrier"};
static const struct val_label lbl_qty = {"số lượng", "quantity"};
static const struct val_label lbl_unit = {"đơn vị", "unit"};
static const struct val_label lbl_to_step = {"chuyển sang công đoạn", "feeds step"};
static const struct val_label lbl_lost = {"giá trị bị mất (đồng)", "value lost (VND)"};
static const struct val_label lbl_treat = {"chi phí xử lý (đồng)", "treatment cost (VND)"};
static const struct val_label lbl_note = {"ghi chú", "note"};
static const struct val_label lbl_cause = {"nguyên nhân", "cause"};
static const struct val_label lbl_line = {"dòng thải", "waste line"};

enum { STREAM_ENERGY = 1, STREAM_WASTE = 4, STREAM_EMISSION = 5 };

int
process_stream_is_waste(int stream)
{
	return stream == STREAM_WASTE || stream == STREAM_EMISSION;
}

static int
blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

/* Ends a change's transaction: commit on ST_OK, else roll back. */
static int
finish(struct db *db, int rc, const char *what)
{
	return wf_finish(db, rc, what, WF_PRIVATE);
}

/* ---- reading ---- */

/* A unit of the unit table for the mass balance. */
struct punit {
	char code[32], dim[32];
	double to_base;
};

static int
units_load(struct db *db, struct arena *a, struct punit **out, int *n)
{
	int cap = 0, rc;
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, STMT_PROCESS_UNITS);
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 32;
			struct punit *b = arena_alloc(a, (size_t)cap * sizeof(*b));
			if (*n > 0)
				memcpy(b, *out, (size_t)*n * sizeof(*b));
			*out = b;
		}
		struct punit *u = &(*out)[(*n)++];
		snprintf(u->code, sizeof(u->code), "%s", db_col_text(st, 0));
		snprintf(u->dim, sizeof(u->dim), "%s", db_col_text(st, 1));
		u->to_base = db_col_double(st, 2);
	}
	return rc == DB_DONE ? ST_OK : ST_ERR;
}

/* Grows a vector of size-byte elements in a to hold one more; returns the new slot. */
static void *
grow(struct arena *a, void **v, int *n, int *cap, size_t size)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 8;
		void *b = arena_alloc(a, (size_t)*cap * size);
		if (*n > 0)
			memcpy(b, *v, (size_t)*n * size);
		*v = b;
	}
	return (char *)*v + (size_t)(*n)++ * size;
}

/* Reads the steps, lines and causes of r into p (no balances). */
static int
load(struct db *db, const struct assess_ref *r, struct arena *a, struct process *p)
{
	memset(p, 0, sizeof(*p));
	p->ref = *r;
	int rc, cap = 0;
	struct db_stmt *st = db_stmt(db, STMT_PROCESS_STEP_LIST);
	db_bind_int(st, 1, r->id);
	while ((rc = db_step(st)) == DB_ROW) {
		struct process_step *s =
		    grow(a, (void **)&p->steps, &p->nsteps, &cap, sizeof(*p->steps));
		memset(s, 0, sizeof(*s));
		s->id = db_col_int(st, 0);
		s->seq = (int)db_col_int(st, 1);
		s->name = arena_strdup(a, db_col_text(st, 2));
		s->description = arena_strdup(a, db_col_text(st, 3));
	}
	if (rc != DB_DONE)
		goto fail;
	/* lines in one vector first, then shared out to their steps */
	struct process_line *all = NULL;
	int nall = 0, allcap = 0;
	st = db_stmt(db, STMT_PROCESS_LINE_LIST);
	db_bind_int(st, 1, r->id);
	while ((rc = db_step(st)) == DB_ROW) {
		struct process_line *l = grow(a, (void **)&all, &nall, &allcap, sizeof(*all));
		memset(l, 0, sizeof(*l));
		l->id = db_col_int(st, 0);
		l->step_id = db_col_int(st, 1);
		l->dir = strcmp(db_col_text(st, 2), "out") == 0 ? BAL_OUT : BAL_IN;
		int k = names_index(names_stream, NAMES_STREAM_N, db_col_text(st, 3));
		l->stream = k < 0 ? 0 : k;
		l->name = arena_strdup(a, db_col_text(st, 4));
		l->carrier = arena_strdup(a, db_col_text(st, 5));
		l->qty = db_col_double(st, 6);
		l->unit = arena_strdup(a, db_col_text(st, 7));
		l->to_step_id = db_col_int(st, 8);
		l->lost_value = db_col_is_null(st, 9) ? NAN : db_col_double(st, 9);
		l->treatment_cost = db_col_is_null(st, 10) ? NAN : db_col_double(st, 10);
		l->note = arena_strdup(a, db_col_text(st, 11));
		l->tonnes = l->gj = NAN;
		l->left_why = "";
	}
	if (rc != DB_DONE)
		goto fail;
	/* causes onto their lines */
	struct process_cause *causes = NULL;
	int64_t *cause_item = NULL;
	int nc = 0, ccap = 0, icap = 0, ni = 0;
	st = db_stmt(db, STMT_PROCESS_CAUSE_LIST);
	db_bind_int(st, 1, r->id);
	while ((rc = db_step(st)) == DB_ROW) {
		struct process_cause *c = grow(a, (void **)&causes, &nc, &ccap, sizeof(*causes));
		int64_t *it = grow(a, (void **)&cause_item, &ni, &icap, sizeof(*cause_item));
		c->id = db_col_int(st, 0);
		*it = db_col_int(st, 1);
		c->description = arena_strdup(a, db_col_text(st, 2));
	}
	if (rc != DB_DONE)
		goto fail;
	for (int i = 0; i < nall; i++) {
		struct process_line *l = &all[i];
		for (int j = 0; j < nc; j++)
			if (cause_item[j] == l->id)
				l->ncauses++;
		if (l->ncauses == 0)
			continue;
		l->causes = arena_alloc(a, (size_t)l->ncauses * sizeof(*l->causes));
		int k = 0;
		for (int j = 0; j < nc; j++)
			if (cause_item[j] == l->id)
				l->causes[k++] = causes[j];
	}
	/* each step's lines, inputs first; and the flows fed into it */
	for (int s = 0; s < p->nsteps; s++) {
		struct process_step *ps = &p->steps[s];
		for (int i = 0; i < nall; i++) {
			if (all[i].step_id == ps->id)
				ps->nlines++;
			if (all[i].to_step_id == ps->id && all[i].dir == BAL_OUT)
				ps->nfeeds++;
		}
		ps->lines = arena_alloc(a, (size_t)(ps->nlines + 1) * sizeof(*ps->lines));
		ps->feeds = arena_alloc(a, (size_t)(ps->nfeeds + 1) * sizeof(*ps->feeds));
		int k = 0;
		for (int d = BAL_IN; d <= BAL_OUT; d++)
			for (int i = 0; i < nall; i++)
				if (all[i].step_id == ps->id && (int)all[i].dir == d)
					ps->lines[k++] = all[i];
	}
	/* feeds point into the steps' own copies */
	for (int s = 0; s < p->nsteps; s++) {
		struct process_step *ps = &p->steps[s];
		int k = 0;
		for (int t = 0; t < p->nsteps; t++)
			for (int i = 0; i < p->steps[t].nlines; i++) {
				const struct process_line *l = &p->steps[t].lines[i];
				if (l->to_step_id == ps->id && l->dir == BAL_OUT && k < ps->nfeeds)
					ps->feeds[k++] = l;
			}
		ps->nfeeds = k;
	}
	return ST_OK;
fail:
	log_err("assessment %lld process: %s", (long long)r->id, db_errmsg(db));
	return ST_ERR;
}

/* Converts each mass line to tonnes (mass and volume units; 1 t per m3). */
static void
mass_convert(struct process *p, const struct punit *u, int nu)
{
	for (int s = 0; s < p->nsteps; s++)
		for (int i = 0; i < p->steps[s].nlines; i++) {
			struct process_line *l = &p->steps[s].lines[i];
			if (l->stream == STREAM_ENERGY)
				continue;
			const struct punit *f = NULL;
			for (int k = 0; k < nu && f == NULL; k++)
				if (strcmp(u[k].code, l->unit) == 0)
					f = &u[k];
			if (f != NULL && strcmp(f->dim, "mass") == 0)
				l->tonnes = l->qty * f->to_base;
			else if (f != NULL && strcmp(f->dim, "volume") == 0)
				l->tonnes = l->qty * f->to_base * PROCESS_WATER_T_PER_M3;
			else {
				l->left_out = 1;
				l->left_why = "unit";
			}
		}
}

/* Converts each energy line to GJ by the ledger's path for the facility and year. */
static int
energy_convert(struct db *db, struct process *p, struct arena *a)
{
	int n = 0;
	for (int s = 0; s < p->nsteps; s++)
		for (int i = 0; i < p->steps[s].nlines; i++)
			n += p->steps[s].lines[i].stream == STREAM_ENERGY;
	if (n == 0)
		return ST_OK;
	struct ledger_line *ll = arena_alloc(a, (size_t)n * sizeof(*ll));
	struct process_line **back = arena_alloc(a, (size_t)n * sizeof(*back));
	int k = 0;
	for (int s = 0; s < p->nsteps; s++)
		for (int i = 0; i < p->steps[s].nlines; i++) {
			struct process_line *l = &p->steps[s].lines[i];
			if (l->stream != STREAM_ENERGY)
				continue;
			ll[k] = (struct ledger_line){
			    .carrier = l->carrier, .unit = l->unit, .qty = l->qty};
			back[k++] = l;
		}
	struct ledger *lg = NULL;
	char err[256];
	if (ledger_of_lines(db, p->ref.facility_id, p->ref.year, ll, n, NULL, 0, &lg, err,
			    sizeof(err)) < 0) {
		log_err("assessment %lld energy: %s", (long long)p->ref.id, err);
		return ST_ERR;
	}
	for (int i = 0; i < n; i++) {
		struct process_line *l = back[i];
		if (isfinite(ll[i].gj)) {
			l->gj = ll[i].gj;
			continue;
		}
		l->left_out = 1;
		l->left_why = "gj";
		/* the ledger's own word for what is missing, when it names this line */
		const struct ledger_report *r = lg->nreports > 0 ? &lg->reports[0] : NULL;
		for (int e = 0; r != NULL && e < r->nerrors; e++)
			if (r->errors[e].carrier != NULL && r->errors[e].unit != NULL &&
			    strcmp(r->errors[e].carrier, l->carrier) == 0 &&
			    strcmp(r->errors[e].unit, l->unit) == 0)
				l->left_why = arena_strdup(a, r->errors[e].what);
	}
	ledger_free(lg);
	return ST_OK;
}

/* Adds a line of value v to balance b on side dir, or counts it left out (v not finite). */
static void
count(struct process_balance *b, double *in, double *out, double v, enum bal_dir dir)
{
	if (!isfinite(v)) {
		b->left_out++;
		return;
	}
	b->nlines++;
	if (dir == BAL_IN)
		*in += v;
	else
		*out += v;
}

static void
balances(struct process *p)
{
	double tol = p->ref.tolerance_pct > 0 ? p->ref.tolerance_pct : ASSESS_TOLERANCE_DEFAULT;
	double mi = 0, mo = 0, ei = 0, eo = 0;
	memset(&p->mass, 0, sizeof(p->mass));
	memset(&p->energy, 0, sizeof(p->energy));
	for (int s = 0; s < p->nsteps; s++) {
		struct process_step *ps = &p->steps[s];
		double smi = 0, smo = 0, sei = 0, seo = 0;
		memset(&ps->mass, 0, sizeof(ps->mass));
		memset(&ps->energy, 0, sizeof(ps->energy));
		for (int i = 0; i < ps->nlines; i++) {
			const struct process_line *l = &ps->lines[i];
			int energy = l->stream == STREAM_ENERGY;
			double v = energy ? l->gj : l->tonnes;
			count(energy ? &ps->energy : &ps->mass, energy ? &sei : &smi,
			      energy ? &seo : &smo, v, (enum bal_dir)l->dir);
			if (l->to_step_id != 0 && l->dir == BAL_OUT)
				continue; /* an intermediate flow stays inside the process */
			count(energy ? &p->energy : &p->mass, energy ? &ei : &mi,
			      energy ? &eo : &mo, v, (enum bal_dir)l->dir);
		}
		for (int i = 0; i < ps->nfeeds; i++) {
			const struct process_line *l = ps->feeds[i];
			int energy = l->stream == STREAM_ENERGY;
			double v = energy ? l->gj : l->tonnes;
			count(energy ? &ps->energy : &ps->mass, energy ? &sei : &smi,
			      energy ? &seo : &smo, v, BAL_IN);
		}
		bal_close(smi, smo, tol, &ps->mass.r);
		bal_close(sei, seo, tol, &ps->energy.r);
	}
	bal_close(mi, mo, tol, &p->mass.r);
	bal_close(ei, eo, tol, &p->energy.r);
}

/* The waste and emission outputs with their cost, and the totals. */
static void
waste_costs(struct process *p, struct arena *a)
{
	int n = 0;
	for (int s = 0; s < p->nsteps; s++)
		for (int i = 0; i < p->steps[s].nlines; i++)
			n += process_stream_is_waste(p->steps[s].lines[i].stream);
	p->waste = arena_alloc(a, (size_t)(n + 1) * sizeof(*p->waste));
	p->nwaste = 0;
	p->waste_lost = p->waste_treat = p->waste_cost = 0;
	/* names_period: batch, day, month, year */
	double per_year = p->ref.period == 2 ? 12 : p->ref.period == 3 ? 1 : NAN;
	for (int s = 0; s < p->nsteps; s++)
		for (int i = 0; i < p->steps[s].nlines; i++) {
			const struct process_line *l = &p->steps[s].lines[i];
			if (!process_stream_is_waste(l->stream))
				continue;
			struct process_waste *w = &p->waste[p->nwaste++];
			double lost = isnan(l->lost_value) ? 0 : l->lost_value;
			double treat = isnan(l->treatment_cost) ? 0 : l->treatment_cost;
			w->line = l;
			w->step = &p->steps[s];
			w->cost = lost + treat;
			w->cost_year = w->cost * per_year;
			p->waste_lost += lost;
			p->waste_treat += treat;
			p->waste_cost += w->cost;
		}
	p->waste_cost_year = p->waste_cost * per_year;
}

int
process_read(struct db *db, const struct principal *who, int64_t id, struct arena *a,
	     struct process *out)
{
	struct assess_ref r;
	int rc = assess_open(db, who, id, 0, ASSESS_READ, &r);
	if (rc != ST_OK)
		return rc;
	if ((rc = load(db, &r, a, out)) != ST_OK)
		return rc;
	struct punit *u;
	int nu;
	if ((rc = units_load(db, a, &u, &nu)) != ST_OK)
		return rc;
	mass_convert(out, u, nu);
	if ((rc = energy_convert(db, out, a)) != ST_OK)
		return rc;
	balances(out);
	waste_costs(out, a);
	return ST_OK;
}

const struct process_step *
process_step_find(const struct process *p, int64_t step_id)
{
	for (int s = 0; s < p->nsteps; s++)
		if (p->steps[s].id == step_id)
			return &p->steps[s];
	return NULL;
}

const struct process_line *
process_line_find(const struct process *p, int64_t line_id)
{
	for (int s = 0; s < p->nsteps; s++)
		for (int i = 0; i < p->steps[s].nlines; i++)
			if (p->steps[s].lines[i].id == line_id)
				return &p->steps[s].lines[i];
	return NULL;
}

/* The index of the step with id in p, or -1. */
static int
step_index(const struct process *p, int64_t step_id)
{
	for (int s = 0; s < p->nsteps; s++)
		if (p->steps[s].id == step_id)
			return s;
	return -1;
}

/* ---- audit JSON ---- */

static char *
step_json(int64_t id, int seq, const char *name, const char *desc)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "seq", json_integer(seq));
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "description", json_string(desc));
	return wf_json_take(o);
}

static json_t *
num_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

/* A line's values, as stored. */
struct line_vals {
	int64_t step_id, to_step;
	int dir, stream;
	char name[PROCESS_NAME_MAX + 1], carrier[64], unit[32], note[PROCESS_NOTE_MAX + 1];
	double qty, lost, treat; /* lost, treat NAN: none */
};

static char *
line_json(int64_t id, const struct line_vals *v)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "step_id", json_integer(v->step_id));
	json_object_set_new(o, "direction", json_string(v->dir == BAL_OUT ? "out" : "in"));
	json_object_set_new(o, "stream", json_string(names_stream[v->stream].code));
	json_object_set_new(o, "name", json_string(v->name));
	json_object_set_new(o, "carrier", v->carrier[0] ? json_string(v->carrier) : json_null());
	json_object_set_new(o, "quantity", json_real(v->qty));
	json_object_set_new(o, "unit", json_string(v->unit));
	json_object_set_new(o, "to_step_id", v->to_step ? json_integer(v->to_step) : json_null());
	json_object_set_new(o, "lost_value", num_or_null(v->lost));
	json_object_set_new(o, "treatment_cost", num_or_null(v->treat));
	json_object_set_new(o, "note", json_string(v->note));
	return wf_json_take(o);
}

static void
line_vals_of(const struct process_line *l, struct line_vals *v)
{
	memset(v, 0, sizeof(*v));
	v->step_id = l->step_id;
	v->to_step = l->to_step_id;
	v->dir = l->dir;
	v->stream = l->stream;
	snprintf(v->name, sizeof(v->name), "%s", l->name);
	snprintf(v->carrier, sizeof(v->carrier), "%s", l->carrier);
	snprintf(v->unit, sizeof(v->unit), "%s", l->unit);
	snprintf(v->note, sizeof(v->note), "%s", l->note);
	v->qty = l->qty;
	v->lost = l->lost_value;
	v->treat = l->treatment_cost;
}

/* ---- validation ---- */

/* Required or optional text of at most max bytes into out. */
static void
text_field(const char *s, int required, size_t max, const struct val_label *l, const char *field,
	   char *out, size_t n, struct wf_errors *errs)
{
	struct msg m;
	out[0] = '\0';
	if (blank(s)) {
		if (required) {
			val_missing(l, &m);
			wf_errors_add(errs, &m, "%s", field);
		}
		return;
	}
	enum val_field f = max > VAL_TEXT_MAX ? VF_MEASURES : VF_NAME;
	if (val_text(f, s, l, &m) != VAL_OK) {
		wf_errors_add(errs, &m, "%s", field);
		return;
	}
	if (strlen(s) > max) {
		msg_init(&m, MSG_VAL_TOO_LONG, l);
		msg_int(&m, (int64_t)max);
		msg_int(&m, (int64_t)strlen(s));
		wf_errors_add(errs, &m, "%s", field);
		return;
	}
	snprintf(out, n, "%s", s);
}

/* An amount >= 0, or NAN when blank. */
static double
amount_field(const char *s, const struct val_label *l, const char *field, struct wf_errors *errs)
{
	struct msg m;
	double v;
	if (blank(s))
		return NAN;
	if (val_double_range(s, 0, VAL_AMOUNT_MAX, l, &v, &m) != VAL_OK) {
		wf_errors_add(errs, &m, "%s", field);
		return NAN;
	}
	return v;
}

static void
step_check(const struct process_step_input *in, char *name, char *desc, struct wf_errors *errs)
{
	text_field(in->name, 1, PROCESS_NAME_MAX, &lbl_step_name, "name", name,
		   PROCESS_NAME_MAX + 1, errs);
	text_field(in->description, 0, PROCESS_DESC_MAX, &lbl_step_desc, "description", desc,
		   PROCESS_DESC_MAX + 1, errs);
}

/*
 * Checks a line of step index si in p as typed into v.  ST_OK,
 * ST_INVALID (errs) or ST_ERR.
 */
static int
line_check(struct db *db, const struct process *p, int si, const struct process_line_input *in,
	   struct line_vals *v, struct wf_errors *errs)
{
	struct msg m;
	int e0 = errs->n + errs->more;
	memset(v, 0, sizeof(*v));
	v->step_id = p->steps[si].id;
	v->lost = v->treat = NAN;
	if (blank(in->direction)) {
		val_missing(&lbl_dir, &m);
		wf_errors_add(errs, &m, "direction");
	} else if (strcmp(in->direction, "in") == 0 || strcmp(in->direction, "out") == 0) {
		v->dir = in->direction[0] == 'o' ? BAL_OUT : BAL_IN;
	} else {
		val_unknown_code(&lbl_dir, in->direction, &m);
		wf_errors_add(errs, &m, "direction");
	}
	v->stream = -1;
	if (blank(in->stream)) {
		val_missing(&lbl_stream, &m);
		wf_errors_add(errs, &m, "stream");
	} else if ((v->stream = names_index(names_stream, NAMES_STREAM_N, in->stream)) < 0) {
		val_unknown_code(&lbl_stream, in->stream, &m);
		wf_errors_add(errs, &m, "stream");
	}
	text_field(in->name, 1, PROCESS_NAME_MAX, &lbl_name, "name", v->name, sizeof(v->name),
		   errs);
	if (blank(in->quantity)) {
		val_missing(&lbl_qty, &m);
		wf_errors_add(errs, &m, "quantity");
	} else if (val_number(VF_QUANTITY, in->quantity, &lbl_qty, &v->qty, &m) != VAL_OK) {
		wf_errors_add(errs, &m, "quantity");
	}
	text_field(in->note, 0, PROCESS_NOTE_MAX, &lbl_note, "note", v->note, sizeof(v->note),
		   errs);
	v->lost = amount_field(in->lost_value, &lbl_lost, "lost_value", errs);
	v->treat = amount_field(in->treatment_cost, &lbl_treat, "treatment_cost", errs);
	if (v->stream >= 0 && !process_stream_is_waste(v->stream)) {
		if (!blank(in->lost_value)) {
			msg_init(&m, MSG_PROCESS_WASTE_ONLY, &lbl_lost);
			wf_errors_add(errs, &m, "lost_value");
		}
		if (!blank(in->treatment_cost)) {
			msg_init(&m, MSG_PROCESS_WASTE_ONLY, &lbl_treat);
			wf_errors_add(errs, &m, "treatment_cost");
		}
	}
	/* the step it feeds: a later step, for an output */
	if (!blank(in->to_step)) {
		int64_t t = 0;
		char *end;
		long long x = strtoll(in->to_step, &end, 10);
		if (*end == '\0' && x > 0)
			t = x;
		int ti = t > 0 ? step_index(p, t) : -1;
		if (v->dir != BAL_OUT) {
			msg_init(&m, MSG_PROCESS_TO_STEP_OUT, &lbl_to_step);
			wf_errors_add(errs, &m, "to_step");
		} else if (ti <= si) {
			msg_init(&m, MSG_PROCESS_TO_STEP_LATER, &lbl_to_step);
			wf_errors_add(errs, &m, "to_step");
		} else {
			v->to_step = t;
		}
	}
	/* unit and carrier against the reference tables */
	struct choices *c = NULL;
	if (choices_load(db, &c) != 0)
		return ST_ERR;
	const struct choice *u = NULL, *cr = NULL;
	if (blank(in->unit)) {
		val_missing(&lbl_unit, &m);
		wf_errors_add(errs, &m, "unit");
	} else if ((u = choice_find(c->unit, c->nunit, in->unit)) == NULL) {
		val_unknown_code(&lbl_unit, in->unit, &m);
		wf_errors_add(errs, &m, "unit");
	} else {
		snprintf(v->unit, sizeof(v->unit), "%s", u->code);
	}
	if (v->stream == STREAM_ENERGY) {
		if (blank(in->carrier)) {
			val_missing(&lbl_carrier, &m);
			wf_errors_add(errs, &m, "carrier");
		} else if ((cr = choice_find(c->carrier, c->ncarrier, in->carrier)) == NULL) {
			val_unknown_code(&lbl_carrier, in->carrier, &m);
			wf_errors_add(errs, &m, "carrier");
		} else {
			snprintf(v->carrier, sizeof(v->carrier), "%s", cr->code);
			if (u != NULL && !choices_carrier_unit(c, cr->code, u->code)) {
				msg_init(&m, MSG_PROCESS_CARRIER_UNIT, &lbl_unit);
				msg_str(&m, cr->name_vi);
				msg_str(&m, u->name_vi);
				msg_str(&m, cr->name_en);
				msg_str(&m, u->name_en);
				wf_errors_add(errs, &m, "unit");
			}
		}
	} else if (v->stream >= 0 && !blank(in->carrier)) {
		msg_init(&m, MSG_PROCESS_CARRIER_ENERGY, &lbl_carrier);
		wf_errors_add(errs, &m, "carrier");
	}
	choices_free(c);
	return errs->n + errs->more == e0 ? ST_OK : ST_INVALID;
}

/* Binds a line's values from index 2 on (direction .. note). */
static void
line_bind(struct db_stmt *st, const struct line_vals *v)
{
	db_bind_text(st, 2, v->dir == BAL_OUT ? "out" : "in");
	db_bind_text(st, 3, names_stream[v->stream].code);
	db_bind_text(st, 4, v->name);
	if (v->carrier[0])
		db_bind_text(st, 5, v->carrier);
	else
		db_bind_null(st, 5);
	db_bind_double(st, 6, v->qty);
	db_bind_text(st, 7, v->unit);
	if (v->to_step)
		db_bind_int(st, 8, v->to_step);
	else
		db_bind_null(st, 8);
	if (isnan(v->lost))
		db_bind_null(st, 9);
	else
		db_bind_double(st, 9, v->lost);
	if (isnan(v->treat))
		db_bind_null(st, 10);
	else
		db_bind_double(st, 10, v->treat);
	db_bind_text(st, 11, v->note);
}

/* ---- steps ---- */

/* Opens assessment id for a change and reads its process into p (arena a). */
static int
open_change(struct db *db, const struct principal *who, int64_t id, int64_t version,
	    struct assess_ref *r, struct arena *a, struct process *p)
{
	int rc = assess_open(db, who, id, version, ASSESS_CONTENT, r);
	if (rc != ST_OK)
		return rc;
	return load(db, r, a, p);
}

static int
step_add_tx(struct db *db, const struct principal *who, int64_t id, int64_t version,
	    const struct process_step_input *in, int64_t *step_id, struct wf_errors *errs,
	    struct arena *a)
{
	struct assess_ref r;
	struct process p;
	int rc = open_change(db, who, id, version, &r, a, &p);
	if (rc != ST_OK)
		return rc;
	char name[PROCESS_NAME_MAX + 1], desc[PROCESS_DESC_MAX + 1];
	int e0 = errs->n + errs->more;
	step_check(in, name, desc, errs);
	if (p.nsteps >= PROCESS_STEPS_MAX) {
		struct msg m;
		msg_init(&m, MSG_PROCESS_TOO_MANY, &lbl_steps);
		msg_plain(&m, PROCESS_STEPS_MAX);
		wf_errors_add(errs, &m, "name");
	}
	if (errs->n + errs->more != e0)
		return ST_INVALID;
	struct db_stmt *st = db_stmt(db, STMT_PROCESS_STEP_INSERT);
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, desc);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	int64_t sid = db_last_id(db);
	if (step_id != NULL)
		*step_id = sid;
	int seq = p.nsteps > 0 ? p.steps[p.nsteps - 1].seq + 1 : 1;
	char *after = step_json(sid, seq, name, desc);
	rc = assess_touch(db, who, &r, "assessment.process", "process_step", sid, NULL, after);
	free(after);
	return rc;
}

int
process_step_add(struct db *db, const struct principal *who, int64_t id, int64_t version,
		 const struct process_step_input *in, int64_t *step_id, struct wf_errors *errs)
{
	struct arena a;
	arena_init(&a);
	if (db_begin(db) != DB_OK) {
		arena_free(&a);
		return finish(db, ST_ERR, "process step add");
	}
	int rc = finish(db, step_add_tx(db, who, id, version, in, step_id, errs, &a),
			"process step add");
	arena_free(&a);
	return rc;
}

static int
step_edit_tx(struct db *db, const struct principal *who, int64_t id, int64_t version,
	     int64_t step_id, const struct process_step_input *in, struct wf_errors *errs,
	     struct arena *a)
{
	struct assess_ref r;
	struct process p;
	int rc = open_change(db, who, id, version, &r, a, &p);
	if (rc != ST_OK)
		return rc;
	int si = step_index(&p, step_id);
	if (si < 0)
		return ST_NOTFOUND;
	char name[PROCESS_NAME_MAX + 1], desc[PROCESS_DESC_MAX + 1];
	int e0 = errs->n + errs->more;
	step_check(in, name, desc, errs);
	if (errs->n + errs->more != e0)
		return ST_INVALID;
	struct db_stmt *st = db_stmt(db, STMT_PROCESS_STEP_UPDATE);
	db_bind_int(st, 1, step_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, name);
	db_bind_text(st, 4, desc);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	const struct process_step *s = &p.steps[si];
	char *before = step_json(s->id, s->seq, s->name, s->description);
	char *after = step_json(s->id, s->seq, name, desc);
	rc =
	    assess_touch(db, who, &r, "assessment.process", "process_step", step_id, before, after);
	free(before);
	free(after);
	return rc;
}

int
process_step_edit(struct db *db, const struct principal *who, int64_t id, int64_t version,
		  int64_t step_id, const struct process_step_input *in, struct wf_errors *errs)
{
	struct arena a;
	arena_init(&a);
	if (db_begin(db) != DB_OK) {
		arena_free(&a);
		return finish(db, ST_ERR, "process step edit");
	}
	int rc = finish(db, step_edit_tx(db, who, id, version, step_id, in, errs, &a),
			"process step edit");
	arena_free(&a);
	return rc;
}

static int
set_seq(struct db *db, int64_t id, int64_t step_id, int seq)
{
	struct db_stmt *st = db_stmt(db, STMT_PROCESS_STEP_SEQ);
	db_bind_int(st, 1, step_id);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, seq);
	return db_run(st) == DB_OK ? ST_OK : ST_ERR;
}

static int
step_move_tx(struct db *db, const struct principal *who, int64_t id, int64_t version,
	     int64_t step_id, int delta, struct arena *a)
{
	struct assess_ref r;
	struct process p;
	int rc = open_change(db, who, id, version, &r, a, &p);
	if (rc != ST_OK)
		return rc;
	int si = step_index(&p, step_id);
	if (si < 0)
		return ST_NOTFOUND;
	int ti = si + (delta < 0 ? -1 : 1);
	if (ti < 0 || ti >= p.nsteps)
		return ST_OK; /* first up or last down: stays */
	const struct process_step *s = &p.steps[si], *t = &p.steps[ti];
	/* the unique (assessment, seq) is kept at each step: one through a free seq */
	int spare = p.steps[p.nsteps - 1].seq + 1;
	if ((rc = set_seq(db, id, s->id, spare)) != ST_OK ||
	    (rc = set_seq(db, id, t->id, s->seq)) != ST_OK ||
	    (rc = set_seq(db, id, s->id, t->seq)) != ST_OK)
		return rc;
	char *before = step_json(s->id, s->seq, s->name, s->description);
	char *after = step_json(s->id, t->seq, s->name, s->description);
	rc =
	    assess_touch(db, who, &r, "assessment.process", "process_step", step_id, before, after);
	free(before);
	free(after);
	return rc;
}

int
process_step_move(struct db *db, const struct principal *who, int64_t id, int64_t version,
		  int64_t step_id, int delta)
{
	struct arena a;
	arena_init(&a);
	if (db_begin(db) != DB_OK) {
		arena_free(&a);
		return finish(db, ST_ERR, "process step move");
	}
	int rc =
	    finish(db, step_move_tx(db, who, id, version, step_id, delta, &a), "process step move");
	arena_free(&a);
	return rc;
}

static int
step_delete_tx(struct db *db, const struct principal *who, int64_t id, int64_t version,
	       int64_t step_id, struct arena *a)
{
	struct assess_ref r;
	struct process p;
	int rc = open_change(db, who, id, version, &r, a, &p);
	if (rc != ST_OK)
		return rc;
	int si = step_index(&p, step_id);
	if (si < 0)
		return ST_NOTFOUND;
	const struct process_step *s = &p.steps[si];
	/* its lines go with it (and their causes, by the schema's cascade) */
	for (int i = 0; i < s->nlines; i++) {
		struct db_stmt *st = db_stmt(db, STMT_PROCESS_LINE_DELETE);
		db_bind_int(st, 1, s->lines[i].id);
		if (db_run(st) != DB_OK)
			return ST_ERR;
	}
	struct db_stmt *st = db_stmt(db, STMT_PROCESS_STEP_DELETE);
	db_bind_int(st, 1, step_id);
	db_bind_int(st, 2, id);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	char *before = step_json(s->id, s->seq, s->name, s->description);
	rc = assess_touch(db, who, &r, "assessment.process", "process_step", step_id, before, NULL);
	free(before);
	return rc;
}

int
process_step_delete(struct db *db, const struct principal *who, int64_t id, int64_t version,
		    int64_t step_id)
{
	struct arena a;
	arena_init(&a);
	if (db_begin(db) != DB_OK) {
		arena_free(&a);
		return finish(db, ST_ERR, "process step delete");
	}
	int rc =
	    finish(db, step_delete_tx(db, who, id, version, step_id, &a), "process step delete");
	arena_free(&a);
	return rc;
}

/* ---- lines ---- */

static int
line_add_tx(struct db *db, const struct principal *who, int64_t id, int64_t version,
	    int64_t step_id, const struct process_line_input *in, int64_t *line_id,
	    struct wf_errors *errs, struct arena *a)
{
	struct assess_ref r;
	struct process p;
	int rc = open_change(db, who, id, version, &r, a, &p);
	if (rc != ST_OK)
		return rc;
	int si = step_index(&p, step_id);
	if (si < 0)
		return ST_NOTFOUND;
	struct line_vals v;
	rc = line_check(db, &p, si, in, &v, errs);
	if (p.steps[si].nlines >= PROCESS_LINES_MAX) {
		struct msg m;
		msg_init(&m, MSG_PROCESS_TOO_MANY, &lbl_lines);
		msg_plain(&m, PROCESS_LINES_MAX);
		wf_errors_add(errs, &m, "name");
		if (rc == ST_OK)
			rc = ST_INVALID;
	}
	if (rc != ST_OK)
		return rc;
	struct db_stmt *st = db_stmt(db, STMT_PROCESS_LINE_INSERT);
	db_bind_int(st, 1, step_id);
	line_bind(st, &v);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	int64_t lid = db_last_id(db);
	if (line_id != NULL)
		*line_id = lid;
	char *after = line_json(lid, &v);
	rc = assess_touch(db, who, &r, "assessment.balance", "balance_item", lid, NULL, after);
	free(after);
	return rc;
}

int
process_line_add(struct db *db, const struct principal *who, int64_t id, int64_t version,
		 int64_t step_id, const struct process_line_input *in, int64_t *line_id,
		 struct wf_errors *errs)
{
	struct arena a;
	arena_init(&a);
	if (db_begin(db) != DB_OK) {
		arena_free(&a);
		return finish(db, ST_ERR, "balance line add");
	}
	int rc = finish(db, line_add_tx(db, who, id, version, step_id, in, line_id, errs, &a),
			"balance line add");
	arena_free(&a);
	return rc;
}

static int
line_edit_tx(struct db *db, const struct principal *who, int64_t id, int64_t version,
	     int64_t line_id, const struct process_line_input *in, struct wf_errors *errs,
	     struct arena *a)
{
	struct assess_ref r;
	struct process p;
	int rc = open_change(db, who, id, version, &r, a, &p);
	if (rc != ST_OK)
		return rc;
	const struct process_line *l = process_line_find(&p, line_id);
	if (l == NULL)
		return ST_NOTFOUND;
	struct line_vals v, old;
	if ((rc = line_check(db, &p, step_index(&p, l->step_id), in, &v, errs)) != ST_OK)
		return rc;
	struct db_stmt *st = db_stmt(db, STMT_PROCESS_LINE_UPDATE);
	db_bind_int(st, 1, line_id);
	line_bind(st, &v);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	line_vals_of(l, &old);
	char *before = line_json(line_id, &old), *after = line_json(line_id, &v);
	rc =
	    assess_touch(db, who, &r, "assessment.balance", "balance_item", line_id, before, after);
	free(before);
	free(after);
	return rc;
}

int
process_line_edit(struct db *db, const struct principal *who, int64_t id, int64_t version,
		  int64_t line_id, const struct process_line_input *in, struct wf_errors *errs)
{
	struct arena a;
	arena_init(&a);
	if (db_begin(db) != DB_OK) {
		arena_free(&a);
		return finish(db, ST_ERR, "balance line edit");
	}
	int rc = finish(db, line_edit_tx(db, who, id, version, line_id, in, errs, &a),
			"balance line edit");
	arena_free(&a);
	return rc;
}

static int
line_delete_tx(struct db *db, const struct principal *who, int64_t id, int64_t version,
	       int64_t line_id, struct arena *a)
{
	struct assess_ref r;
	struct process p;
	int rc = open_change(db, who, id, version, &r, a, &p);
	if (rc != ST_OK)
		return rc;
	const struct process_line *l = process_line_find(&p, line_id);
	if (l == NULL)
		return ST_NOTFOUND;
	struct db_stmt *st = db_stmt(db, STMT_PROCESS_LINE_DELETE);
	db_bind_int(st, 1, line_id);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	struct line_vals old;
	line_vals_of(l, &old);
	char *before = line_json(line_id, &old);
	rc = assess_touch(db, who, &r, "assessment.balance", "balance_item", line_id, before, NULL);
	free(before);
	return rc;
}

int
process_line_delete(struct db *db, const struct principal *who, int64_t id, int64_t version,
		    int64_t line_id)
{
	struct arena a;
	arena_init(&a);
	if (db_begin(db) != DB_OK) {
		arena_free(&a);
		return finish(db, ST_ERR, "balance line delete");
	}
	int rc =
	    finish(db, line_delete_tx(db, who, id, version, line_id, &a), "balance line delete");
	arena_free(&a);
	return rc;
}

/* ---- causes ---- */

static char *
cause_json(int64_t id, int64_t item, const char *desc)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "item_id", json_integer(item));
	json_object_set_new(o, "description", json_string(desc));
	return wf_json_take(o);
}

static int
cause_add_tx(struct db *db, const struct principal *who, int64_t id, int64_t version,
	     int64_t line_id, const char *description, int64_t *cause_id, struct wf_errors *errs,
	     struct arena *a)
{
	struct assess_ref r;
	struct process p;
	int rc = open_change(db, who, id, version, &r, a, &p);
	if (rc != ST_OK)
		return rc;
	const struct process_line *l = process_line_find(&p, line_id);
	if (l == NULL)
		return ST_NOTFOUND;
	int e0 = errs->n + errs->more;
	if (!process_stream_is_waste(l->stream)) {
		struct msg m;
		msg_init(&m, MSG_PROCESS_WASTE_ONLY, &lbl_line);
		wf_errors_add(errs, &m, "line");
	}
	char desc[PROCESS_CAUSE_MAX + 1];
	text_field(description, 1, PROCESS_CAUSE_MAX, &lbl_cause, "description", desc, sizeof(desc),
		   errs);
	if (errs->n + errs->more != e0)
		return ST_INVALID;
	struct db_stmt *st = db_stmt(db, STMT_PROCESS_CAUSE_INSERT);
	db_bind_int(st, 1, line_id);
	db_bind_text(st, 2, desc);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	int64_t cid = db_last_id(db);
	if (cause_id != NULL)
		*cause_id = cid;
	char *after = cause_json(cid, line_id, desc);
	rc = assess_touch(db, who, &r, "assessment.balance", "waste_cause", cid, NULL, after);
	free(after);
	return rc;
}

int
process_cause_add(struct db *db, const struct principal *who, int64_t id, int64_t version,
		  int64_t line_id, const char *description, int64_t *cause_id,
		  struct wf_errors *errs)
{
	struct arena a;
	arena_init(&a);
	if (db_begin(db) != DB_OK) {
		arena_free(&a);
		return finish(db, ST_ERR, "waste cause add");
	}
	int rc =
	    finish(db, cause_add_tx(db, who, id, version, line_id, description, cause_id, errs, &a),
		   "waste cause add");
	arena_free(&a);
	return rc;
}

static int
cause_delete_tx(struct db *db, const struct principal *who, int64_t id, int64_t version,
		int64_t cause_id, struct arena *a)
{
	struct assess_ref r;
	struct process p;
	int rc = open_change(db, who, id, version, &r, a, &p);
	if (rc != ST_OK)
		return rc;
	const struct process_line *owner = NULL;
	const struct process_cause *c = NULL;
	for (int s = 0; s < p.nsteps && c == NULL; s++)
		for (int i = 0; i < p.steps[s].nlines && c == NULL; i++)
			for (int k = 0; k < p.steps[s].lines[i].ncauses; k++)
				if (p.steps[s].lines[i].causes[k].id == cause_id) {
					owner = &p.steps[s].lines[i];
					c = &owner->causes[k];
					break;
				}
	if (c == NULL)
		return ST_NOTFOUND;
	struct db_stmt *st = db_stmt(db, STMT_PROCESS_CAUSE_DELETE);
	db_bind_int(st, 1, cause_id);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	char *before = cause_json(cause_id, owner->id, c->description);
	rc = assess_touch(db, who, &r, "assessment.balance", "waste_cause", cause_id, before, NULL);
	free(before);
	return rc;
}

int
process_cause_delete(struct db *db, const struct principal *who, int64_t id, int64_t version,
		     int64_t cause_id)
{
	struct arena a;
	arena_init(&a);
	if (db_begin(db) != DB_OK) {
		arena_free(&a);
		return finish(db, ST_ERR, "waste cause delete");
	}
	int rc =
	    finish(db, cause_delete_tx(db, who, id, version, cause_id, &a), "waste cause delete");
	arena_free(&a);
	return rc;
}
