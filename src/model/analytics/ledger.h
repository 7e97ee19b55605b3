/*
 * Facility-year energy: loads reports, energy lines and outputs for a year
 * range with a few set-oriented queries (as kpi.c does) and converts every
 * line with the factors valid in the report's year: TOE with the legal
 * Vietnamese factors, GJ through heating values, CO2 with the year's grid
 * factor for electricity and IPCC defaults for fuels (biogenic CO2 apart).
 * A line whose unit is unknown or whose factor is missing is never counted
 * as zero: it leaves the measure incomplete and adds a ledger_error naming
 * carrier, unit and year.  The benchmark, key-user, savings and check
 * modules and the analytics pages all read this one ledger.
 *
 * SEC per product: energy lines that name a product count for it; the rest
 * count for the main product (the largest output in the product's unit;
 * equal outputs: the first product code).  SEC is in the unit of the norm
 * that applies (product, validity overlapping the year, yearly output in
 * [band_min, band_max): the product's own output, or for a norm with
 * band_plant (seafood, TT 52/2018) the report's total output of the
 * products of the product's VSIC class in its unit), else in GJ per
 * product unit.  Norm energy units:
 * MJ = GJ x 1000; kWh = GJ / 0.0036.  Definitions in docs/analytics.md.
 */
#ifndef SXSH_MODEL_LEDGER_H
#define SXSH_MODEL_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "model/msg.h"
#include "util/arena.h"

struct db;
struct db_stmt;

/* One carrier of a report, every line of it summed. */
struct ledger_carrier {
	const char *carrier;
	double qty_native; /* in the carrier's native unit; NAN when a line does not convert */
	double toe, gj, co2_t, co2_bio_t; /* NAN when a line lacks the factor */
	const char *native_unit;
	int monthly;	 /* 1 when it was reported month by month */
	int toe_derived; /* 1 when its TOE came through a derived (not legal) factor */
};

/* Why a product's SEC is what it is (ledger_product.sec_why). */
enum ledger_sec_why {
	LEDGER_SEC_OK,	       /* computed */
	LEDGER_SEC_NO_LINES,   /* the report has output but no energy line at all */
	LEDGER_SEC_NO_ENERGY,  /* no energy line is attributed to this product */
	LEDGER_SEC_NO_OUTPUT,  /* energy is named for it, but it has no output */
	LEDGER_SEC_FACTOR,     /* a line attributed to it lacks its heating value */
	LEDGER_SEC_OUTPUT_UNIT /* its output's unit does not convert to the product's */
};

struct ledger_product {
	const char *product;
	double output; /* in the product's unit */
	const char *unit;
	double energy_gj;  /* attributed to this product; NAN when a line lacks a heating value */
	double energy_toe; /* the same in TOE; NAN when a line lacks its TOE factor */
	double sec_toe;	   /* TOE per product unit; NAN when not computable */
	double sec;	   /* in sec_energy_unit per sec_per_unit; NAN when not computable */
	const char *sec_energy_unit, *sec_per_unit; /* the norm's units when a norm applies,
						       else "GJ" and the product unit */
	double norm;				    /* NAN none */
	const char *norm_ref;
	int norm_band_plant;	     /* the norm's band bounded the plant's output (TT 52/2018) */
	double norm_ratio;	     /* sec / norm */
	int meets;		     /* 1 sec <= norm, 0 above, -1 unknown */
	double sec_gj;		     /* GJ per product unit, whether or not a norm applies */
	enum ledger_sec_why sec_why; /* LEDGER_SEC_OK exactly when sec_gj is finite */
};

struct ledger_error {
	const char *carrier, *unit;
	int year;
	const char *what; /* "factor" | "unit" | "grid" | "gj" | "co2" */
};

struct ledger_report {
	int64_t report_id, facility_id;
	int year;
	double toe, gj, co2_t, co2_bio_t; /* sums over the computable lines */
	double toe_legal;		  /* the part of toe through legal factors, summed on
					     its own: toe less the lines whose factor is derived
					     (rice husk, wood: carrier_factor.toe_derived) */
	int toe_ok, gj_ok, co2_ok;	  /* 1 when every line had its factor, and there is one */
	int nlines;			  /* energy lines */
	int energy_missing; /* output reported and no energy line: energy unknown, not 0 */
	int ncarriers;
	struct ledger_carrier *carriers; /* by carrier code */
	int nproducts;
	struct ledger_product *products; /* by product code */
	int main_product;		 /* index in products, -1 none */
	int nerrors;
	struct ledger_error *errors;
	/* Monthly series for the regression: GJ of the lines reported with a
	 * month, and the main product's monthly output; NAN where absent. */
	double month_gj[12], month_out[12];
	int monthly_points; /* months with both */
};

/* A facility's directory fields (ledger_facilities). */
struct ledger_facility {
	int64_t id;
	const char *code, *name, *tax_code, *district, *sector_code;
};

struct ledger {
	int first_year, last_year;
	int nreports;
	struct ledger_report *reports; /* sorted by facility_id, year */
	int nfacilities;
	struct ledger_facility *facilities; /* by id; after ledger_facilities() */
	struct arena mem;		    /* owns everything above */
	void *refs; /* the reference tables its codes and units point into (held) */
};

/*
 * Loads and converts the reports of years first_year..last_year of one
 * facility (facility_id > 0) or of all (0).  Returns 0 and *out (free with
 * ledger_free), or -1 with a bilingual message in err (database errors
 * only: missing factors are ledger_errors, not failures).  Strings in the
 * ledger live as long as it does.
 */
int ledger_load(struct db *db, int first_year, int last_year, int64_t facility_id,
		struct ledger **out, char *err, size_t errsz);
/*
 * As ledger_load, keeping only the reports that have an output of product
 * (NULL: all), and only accepted reports when accepted_only is set (figures
 * that leave the province: public benchmarks, the key-user list).
 */
int ledger_load_product(struct db *db, int first_year, int last_year, int64_t facility_id,
			const char *product, int accepted_only, struct ledger **out, char *err,
			size_t errsz);
/*
 * As ledger_load_product for every facility and product: the same ledger,
 * read with one plain scan of each line table (lines of reports outside
 * the years, or not accepted when accepted_only is set, are dropped in
 * memory), which costs time linear in the tables when the years cover
 * most reports, as the plan's indicators need (kpi.c).
 */
int ledger_load_all(struct db *db, int first_year, int last_year, int accepted_only,
		    struct ledger **out, char *err, size_t errsz);
/* One energy line of a report held in memory (ledger_of_lines). */
struct ledger_line {
	const char *carrier, *unit; /* codes */
	double qty;
	int month;	     /* 1-12, 0 for the whole year */
	const char *product; /* NULL or "": the whole facility */
	/* set by ledger_of_lines: the line as it entered the sums */
	double toe, gj; /* NAN when not converted */
	unsigned fail;	/* CALC_F_* bits of model/calc/energy.h; 0 when every measure converted */
};

/* One output of a report held in memory. */
struct ledger_output {
	const char *product, *unit;
	double qty;
};

/*
 * The ledger of one report that is not stored (a form's preview): lines
 * and outputs of facility_id for year, converted by exactly the path of
 * ledger_load (the same tables, coefficients, attribution to products and
 * norms), so the preview and every later view agree.  Fills each line's
 * toe, gj and fail.  Returns 0 and *out holding one report (report_id 0),
 * or -1 with err (database errors only).
 */
int ledger_of_lines(struct db *db, int64_t facility_id, int year, struct ledger_line *lines,
		    int nlines, const struct ledger_output *outs, int nouts, struct ledger **out,
		    char *err, size_t errsz);

/*
 * How many times this process loaded the ledger's reference tables (once
 * per connection and data generation): for tests and benchmarks.
 */
long ledger_ref_loads(void);

/* Frees l and everything it owns; NULL is a no-op. */
void ledger_free(struct ledger *l);

/*
 * Loads the directory fields of the ledger's facilities (all when the
 * ledger was loaded for all) into l->facilities.  Returns 0 or -1 with err.
 */
int ledger_facilities(struct db *db, struct ledger *l, int64_t facility_id, char *err,
		      size_t errsz);
/*
 * Reads the rows of st, a bound statement returning the columns of
 * STMT_ANALYTICS_FACILITIES ordered by id, into l->facilities as
 * ledger_facilities() does.  Returns 0, or -1 with err (st is reset).
 */
int ledger_facilities_read(struct db *db, struct db_stmt *st, struct ledger *l, char *err,
			   size_t errsz);
/* The facility with id, or NULL (also before ledger_facilities). */
const struct ledger_facility *ledger_facility_find(const struct ledger *l, int64_t id);

/* The product entry of r for product code, or NULL. */
const struct ledger_product *ledger_report_product(const struct ledger_report *r,
						   const char *product);

/* The message saying why a SEC is not computable (MSG_NONE for LEDGER_SEC_OK). */
enum msg_id ledger_sec_msg(enum ledger_sec_why why);

/* The message of an error's what ("factor" -> MSG_LEDGER_FACTOR, …; model/msg.h). */
enum msg_id ledger_error_msg(const char *what);
/*
 * The same in both languages for the command line ("factor" -> "thiếu hệ
 * số TOE / missing TOE factor"); valid until the next call in this thread.
 */
const char *ledger_error_text(const char *what);

#endif
