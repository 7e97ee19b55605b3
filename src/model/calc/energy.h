/*
 * Energy conversion: quantities of an energy carrier in any unit to tonnes
 * of oil equivalent (TOE), and the saving per unit of product.  Pure
 * functions over caller-supplied tables: no I/O, no allocation, no legal
 * constants.  The factors and units themselves are reference data (the
 * carrier_factor and unit tables), which callers load and pass in.
 *
 * A quantity in one unit converts to another unit of the same dimension
 * through the units' to_base (MWh -> kWh: 1000 / 1).  An unknown unit, a
 * unit of another dimension, or a missing factor is an error, never a
 * silent zero.
 */
#ifndef SXSH_MODEL_CALC_ENERGY_H
#define SXSH_MODEL_CALC_ENERGY_H

#include <stddef.h>

/* A unit of measure: quantity_in_base = quantity * to_base. */
struct calc_unit {
	const char *code;      /* "kWh" */
	const char *dimension; /* "electricity" */
	double to_base;	       /* > 0 */
};

/*
 * A TOE factor of a carrier for quantities in one unit, valid between two
 * dates written as yyyymmdd integers (to = 0: still valid).
 */
struct calc_factor {
	const char *carrier; /* "electricity" */
	const char *unit;    /* the unit the factor is given per: "kWh" */
	double toe_per_unit;
	int from; /* 20110419 */
	int to;	  /* inclusive; 0 = open */
};

enum calc_rc {
	CALC_OK = 0,
	CALC_E_UNIT = -1,      /* unit unknown (NULL) */
	CALC_E_DIMENSION = -2, /* units of different dimensions */
	CALC_E_FACTOR = -3,    /* no factor, or a factor that is not a positive number */
};

/* A bilingual message for an enum calc_rc (static string). */
const char *calc_strerror(int rc);

/* The unit called code among units[0..n), or NULL (also for a NULL code). */
const struct calc_unit *calc_unit_find(const struct calc_unit *units, size_t n, const char *code);

/*
 * Converts qty from unit `from` to unit `to`.  Returns CALC_OK and *out, or
 * CALC_E_UNIT when either unit is NULL, CALC_E_DIMENSION when their
 * dimensions differ (then *out is untouched).
 */
int calc_convert(double qty, const struct calc_unit *from, const struct calc_unit *to, double *out);

/*
 * TOE of qty (in qty_unit) with a factor of toe_per_unit TOE per one
 * factor_unit: qty converted to factor_unit, times the factor.  Returns
 * CALC_OK and *toe, or the calc_convert errors, or CALC_E_FACTOR when the
 * factor is not a finite positive number.
 */
int calc_toe(double qty, const struct calc_unit *qty_unit, const struct calc_unit *factor_unit,
	     double toe_per_unit, double *toe);

/*
 * Chooses the factor of carrier for a quantity in qty_unit in year: among
 * factors[0..n) of that carrier whose validity overlaps the year and whose
 * unit (looked up in units[0..nunits)) has qty_unit's dimension, one in
 * exactly qty_unit wins over one that needs conversion, and then the one
 * with the latest start (a factor that changes during the year applies to
 * the whole year).  Returns a pointer into factors, or NULL when none fits.
 */
const struct calc_factor *calc_factor_pick(const struct calc_factor *factors, size_t n,
					   const char *carrier, const struct calc_unit *qty_unit,
					   const struct calc_unit *units, size_t nunits, int year);

/*
 * Specific energy consumption: energy / output.  Returns NAN unless output
 * is a finite positive number and energy a finite non-negative one.
 */
double calc_sec(double energy, double output);

/*
 * Saving per unit of product as a fraction: (sec_base - sec_year) / sec_base
 * (0.05 = 5 %; negative when consumption rose).  Returns NAN unless sec_base
 * is finite and positive and sec_year finite and non-negative.
 */
double calc_saving(double sec_base, double sec_year);

#endif
