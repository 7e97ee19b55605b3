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

#include "model/msg.h"

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
	/* Heating value and CO2 per one unit; NAN (or, for gj, <= 0) = not known.
	 * Callers that only convert to TOE may leave them zero. */
	double gj_per_unit;
	double kgco2_per_unit;
};

enum calc_rc {
	CALC_OK = 0,
	CALC_E_UNIT = -1,      /* unit unknown (NULL) */
	CALC_E_DIMENSION = -2, /* units of different dimensions */
	CALC_E_FACTOR = -3,    /* no factor, or a factor that is not a positive number */
	CALC_E_GJ = -4,	       /* no heating value (GJ per unit) */
	CALC_E_GRID = -5,      /* no grid emission factor for the year */
	CALC_E_CO2 = -6,       /* no CO2 emission factor */
};

/* The message of an enum calc_rc (model/msg.h); MSG_CALC_UNKNOWN for other values. */
enum msg_id calc_msg(int rc);

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

/* 3.6 MJ = 0.0036 GJ per kWh: a definition of the units, not a legal factor. */
#define CALC_GJ_PER_KWH 0.0036

/* What a factor row gives: used to pick a row that has the measure asked for. */
enum calc_measure { CALC_M_TOE, CALC_M_GJ, CALC_M_CO2 };

/* The value of measure m of f (TOE, GJ or kg CO2 per unit), or NAN when f lacks it. */
double calc_factor_value(const struct calc_factor *f, enum calc_measure m);

/*
 * As calc_factor_pick, but only among rows that have measure m (so a row
 * giving only a heating value does not hide one giving the TOE factor).
 */
const struct calc_factor *calc_factor_pick_for(const struct calc_factor *factors, size_t n,
					       const char *carrier,
					       const struct calc_unit *qty_unit,
					       const struct calc_unit *units, size_t nunits,
					       int year, enum calc_measure m);

/* An energy carrier: kind "electricity", "fuel", "biomass" or "steam". */
struct calc_carrier {
	const char *code;
	const char *kind;
	int biogenic; /* CO2 reported apart, not in the total */
};

/* The grid emission factor of one year (t CO2 per MWh). */
struct calc_grid {
	int year;
	double tco2_per_mwh;
};

/* The reference tables one energy line is converted with (all borrowed). */
struct calc_tables {
	const struct calc_unit *units;
	size_t nunits;
	const struct calc_factor *factors;
	size_t nfactors;
	const struct calc_carrier *carriers;
	size_t ncarriers;
	const struct calc_grid *grid;
	size_t ngrid;
};

/* One line converted: NAN in each measure that could not be computed. */
struct calc_energy {
	double toe, gj;
	double co2_t;	  /* fossil CO2 in tonnes (electricity through the grid factor) */
	double co2_bio_t; /* biogenic CO2 in tonnes, reported apart */
};

/* Failure bits of calc_energy_line: which measures are missing and why. */
enum {
	CALC_F_UNIT = 1, /* unit unknown or of another dimension than every factor: all fail */
	CALC_F_TOE = 2,	 /* no TOE factor valid in the year */
	CALC_F_GJ = 4,	 /* no heating value */
	CALC_F_GRID = 8, /* electricity without a grid factor for the year */
	CALC_F_CO2 = 16, /* a fuel without a CO2 factor */
};

/*
 * Converts qty of carrier in unit (codes) reported for year into TOE, GJ
 * and CO2 with the factors valid in that year (calc_factor_pick_for per
 * measure).  Electricity's CO2 is its quantity in MWh (the "MWh" unit of
 * t->units) times the grid factor of year; a fuel's is quantity x kg CO2
 * per unit / 1000, into co2_bio_t instead of co2_t when the carrier is
 * biogenic (co2_t is then 0).  Returns 0 when every measure was computed,
 * else a mask of CALC_F_* bits; the failed measures are NAN in *out, never
 * zero.  An unknown carrier fails TOE, GJ and CO2.
 */
unsigned calc_energy_line(const struct calc_tables *t, const char *carrier, const char *unit,
			  double qty, int year, struct calc_energy *out);

/*
 * Energy of gj gigajoules expressed in unit `to` (a code in units):
 * through to_base within the "energy" dimension (GJ, MJ, MMBtu), or through
 * CALC_GJ_PER_KWH into the "electricity" dimension (kWh, MWh).  Returns
 * CALC_OK and *out, or CALC_E_UNIT (unknown unit, no GJ/kWh unit in the
 * table) or CALC_E_DIMENSION (a unit that is not energy).
 */
int calc_from_gj(double gj, const char *to, const struct calc_unit *units, size_t nunits,
		 double *out);

#endif
