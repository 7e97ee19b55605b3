/*
 * Energy conversion to TOE and saving per unit of product (see energy.h).
 * Everything here is arithmetic over tables the caller passes in.
 */
#include "model/calc/energy.h"

#include <math.h>
#include <string.h>

static const char *const calc_msgs[] = {
    [0] = "thành công / ok",
    [1] = "đơn vị không xác định / unknown unit",
    [2] = "đơn vị khác thứ nguyên / units of different dimensions",
    [3] = "thiếu hệ số quy đổi / missing conversion factor",
};

const char *
calc_strerror(int rc)
{
	int i = -rc;
	if (i < 0 || i >= (int)(sizeof(calc_msgs) / sizeof(calc_msgs[0])))
		return "lỗi không xác định / unknown error";
	return calc_msgs[i];
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
