/*
 * Energy conversion to TOE and saving per unit of product (see energy.h).
 * Everything here is arithmetic over tables the caller passes in.
 */
#include "model/calc/energy.h"

#include <math.h>
#include <string.h>

enum msg_id
calc_msg(int rc)
{
	static const enum msg_id ids[] = {
	    [0] = MSG_ST_OK,   [1] = MSG_CALC_UNIT, [2] = MSG_CALC_DIMENSION, [3] = MSG_CALC_FACTOR,
	    [4] = MSG_CALC_GJ, [5] = MSG_CALC_GRID, [6] = MSG_CALC_CO2,
	};
	int i = -rc;
	if (i < 0 || i >= (int)(sizeof(ids) / sizeof(ids[0])))
		return MSG_CALC_UNKNOWN;
	return ids[i];
}

const struct calc_unit *
calc_unit_find(const struct calc_unit *units, size_t n, const char *code)
{
	if (code == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(units[i].code, code) == 0)
			return &units[i];
	return NULL;
}

int
calc_convert(double qty, const struct calc_unit *from, const struct calc_unit *to, double *out)
{
	if (from == NULL || to == NULL)
		return CALC_E_UNIT;
	if (strcmp(from->dimension, to->dimension) != 0)
		return CALC_E_DIMENSION;
	/* Same unit: no rounding at all. */
	if (from == to || strcmp(from->code, to->code) == 0)
		*out = qty;
	else
		*out = qty * from->to_base / to->to_base;
	return CALC_OK;
}

int
calc_toe(double qty, const struct calc_unit *qty_unit, const struct calc_unit *factor_unit,
	 double toe_per_unit, double *toe)
{
	double q;
	int rc = calc_convert(qty, qty_unit, factor_unit, &q);
	if (rc != CALC_OK)
		return rc;
	if (!isfinite(toe_per_unit) || toe_per_unit <= 0)
		return CALC_E_FACTOR;
	*toe = q * toe_per_unit;
	return CALC_OK;
}

const struct calc_factor *
calc_factor_pick(const struct calc_factor *factors, size_t n, const char *carrier,
		 const struct calc_unit *qty_unit, const struct calc_unit *units, size_t nunits,
		 int year)
{
	if (qty_unit == NULL || carrier == NULL)
		return NULL;
	int first = year * 10000 + 101, last = year * 10000 + 1231;
	const struct calc_factor *best = NULL;
	int best_exact = 0;
	for (size_t i = 0; i < n; i++) {
		const struct calc_factor *f = &factors[i];
		if (strcmp(f->carrier, carrier) != 0)
			continue;
		if (f->from > last || (f->to != 0 && f->to < first))
			continue;
		const struct calc_unit *fu = calc_unit_find(units, nunits, f->unit);
		if (fu == NULL || strcmp(fu->dimension, qty_unit->dimension) != 0)
			continue;
		int exact = strcmp(fu->code, qty_unit->code) == 0;
		if (best == NULL || exact > best_exact ||
		    (exact == best_exact && f->from > best->from)) {
			best = f;
			best_exact = exact;
		}
	}
	return best;
}

double
calc_sec(double energy, double output)
{
	if (!isfinite(energy) || energy < 0 || !isfinite(output) || output <= 0)
		return NAN;
	return energy / output;
}

double
calc_saving(double sec_base, double sec_year)
{
	if (!isfinite(sec_base) || sec_base <= 0 || !isfinite(sec_year) || sec_year < 0)
		return NAN;
	return (sec_base - sec_year) / sec_base;
}

double
calc_factor_value(const struct calc_factor *f, enum calc_measure m)
{
	double v = NAN;
	switch (m) {
	case CALC_M_TOE:
		v = f->toe_per_unit > 0 ? f->toe_per_unit : NAN;
		break;
	case CALC_M_GJ:
		v = f->gj_per_unit > 0 ? f->gj_per_unit : NAN;
		break;
	case CALC_M_CO2:
		v = f->kgco2_per_unit >= 0 ? f->kgco2_per_unit : NAN;
		break;
	}
	return isfinite(v) ? v : NAN;
}

const struct calc_factor *
calc_factor_pick_for(const struct calc_factor *factors, size_t n, const char *carrier,
		     const struct calc_unit *qty_unit, const struct calc_unit *units, size_t nunits,
		     int year, enum calc_measure m)
{
	if (qty_unit == NULL || carrier == NULL)
		return NULL;
	int first = year * 10000 + 101, last = year * 10000 + 1231;
	const struct calc_factor *best = NULL;
	int best_exact = 0;
	for (size_t i = 0; i < n; i++) {
		const struct calc_factor *f = &factors[i];
		if (strcmp(f->carrier, carrier) != 0 || isnan(calc_factor_value(f, m)))
			continue;
		if (f->from > last || (f->to != 0 && f->to < first))
			continue;
		const struct calc_unit *fu = calc_unit_find(units, nunits, f->unit);
		if (fu == NULL || strcmp(fu->dimension, qty_unit->dimension) != 0)
			continue;
		int exact = strcmp(fu->code, qty_unit->code) == 0;
		if (best == NULL || exact > best_exact ||
		    (exact == best_exact && f->from > best->from)) {
			best = f;
			best_exact = exact;
		}
	}
	return best;
}

/* qty (in qty_unit) times measure m of the factor picked for it; NAN when none. */
static double
line_measure(const struct calc_tables *t, const char *carrier, const struct calc_unit *qu,
	     double qty, int year, enum calc_measure m)
{
	const struct calc_factor *f = calc_factor_pick_for(t->factors, t->nfactors, carrier, qu,
							   t->units, t->nunits, year, m);
	double q;
	if (f == NULL ||
	    calc_convert(qty, qu, calc_unit_find(t->units, t->nunits, f->unit), &q) != CALC_OK)
		return NAN;
	return q * calc_factor_value(f, m);
}

unsigned
calc_energy_line(const struct calc_tables *t, const char *carrier, const char *unit, double qty,
		 int year, struct calc_energy *out)
{
	unsigned failed = 0;
	const struct calc_carrier *c = NULL;
	for (size_t i = 0; carrier != NULL && i < t->ncarriers; i++)
		if (strcmp(t->carriers[i].code, carrier) == 0)
			c = &t->carriers[i];
	const struct calc_unit *qu = calc_unit_find(t->units, t->nunits, unit);
	*out = (struct calc_energy){NAN, NAN, NAN, NAN};
	if (qu == NULL)
		return CALC_F_UNIT | CALC_F_TOE | CALC_F_GJ | CALC_F_CO2;
	if (c == NULL)
		return CALC_F_TOE | CALC_F_GJ | CALC_F_CO2;

	out->toe = line_measure(t, carrier, qu, qty, year, CALC_M_TOE);
	out->gj = line_measure(t, carrier, qu, qty, year, CALC_M_GJ);
	if (isnan(out->toe))
		failed |= CALC_F_TOE;
	if (isnan(out->gj))
		failed |= CALC_F_GJ;
	if (strcmp(c->kind, "electricity") == 0) {
		const struct calc_grid *g = NULL;
		for (size_t i = 0; i < t->ngrid; i++)
			if (t->grid[i].year == year)
				g = &t->grid[i];
		double mwh;
		if (g == NULL)
			failed |= CALC_F_GRID;
		else if (calc_convert(qty, qu, calc_unit_find(t->units, t->nunits, "MWh"), &mwh) !=
			 CALC_OK)
			failed |= CALC_F_UNIT;
		else
			out->co2_t = mwh * g->tco2_per_mwh;
		out->co2_bio_t = 0;
	} else {
		double kg = line_measure(t, carrier, qu, qty, year, CALC_M_CO2);
		if (isnan(kg)) {
			failed |= CALC_F_CO2;
		} else if (c->biogenic) {
			out->co2_t = 0;
			out->co2_bio_t = kg / 1000.0;
		} else {
			out->co2_t = kg / 1000.0;
			out->co2_bio_t = 0;
		}
	}
	/* Nothing converted and no factor row of the carrier is in the unit's
	 * dimension (electricity in t): the unit is wrong, not a factor missing. */
	if ((failed & (CALC_F_TOE | CALC_F_GJ)) == (CALC_F_TOE | CALC_F_GJ)) {
		int same_dim = 0, any = 0;
		for (size_t i = 0; i < t->nfactors; i++) {
			if (strcmp(t->factors[i].carrier, carrier) != 0)
				continue;
			any = 1;
			const struct calc_unit *fu =
			    calc_unit_find(t->units, t->nunits, t->factors[i].unit);
			same_dim |= fu != NULL && strcmp(fu->dimension, qu->dimension) == 0;
		}
		if (any && !same_dim)
			failed |= CALC_F_UNIT;
	}
	return failed;
}

int
calc_from_gj(double gj, const char *to, const struct calc_unit *units, size_t nunits, double *out)
{
	const struct calc_unit *tu = calc_unit_find(units, nunits, to);
	const struct calc_unit *gu = calc_unit_find(units, nunits, "GJ");
	const struct calc_unit *ku = calc_unit_find(units, nunits, "kWh");
	if (tu == NULL || gu == NULL)
		return CALC_E_UNIT;
	if (strcmp(tu->dimension, gu->dimension) == 0)
		return calc_convert(gj, gu, tu, out);
	if (ku == NULL)
		return CALC_E_UNIT;
	return calc_convert(gj / CALC_GJ_PER_KWH, ku, tu, out);
}
