/*
 * Reference data: units, VSIC sectors, products, energy carriers and their
 * TOE/GJ/CO2 factors, grid emission factors, legal SEC norms,
 * administrative units and plan targets.  The rows live in data/NAME.csv
 * (embedded in the binary, documented in docs/reference-data.md and
 * data/README.md); refdata_load() upserts them all by each table's key in
 * one transaction, so loading twice changes nothing and a corrected CSV
 * value replaces the stored one.  Rows that a CSV no longer contains are
 * left in place (facilities and reports may refer to them).
 *
 * The getters below read single values back for callers that need one
 * factor or norm at a time (calculations, tests, the init summary).
 */
#ifndef SXSH_MODEL_REFDATA_H
#define SXSH_MODEL_REFDATA_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* The reference tables, in load order. */
enum refdata_table {
	REFDATA_UNIT,
	REFDATA_SECTOR,
	REFDATA_PRODUCT,
	REFDATA_CARRIER,
	REFDATA_CARRIER_FACTOR,
	REFDATA_GRID_FACTOR,
	REFDATA_NORM,
	REFDATA_ADMIN_UNIT,
	REFDATA_PLAN,
	REFDATA_PLAN_TARGET,
	REFDATA__MAX
};

/* The SQL name of table t ("carrier_factor"); a static string. */
const char *refdata_table_name(enum refdata_table t);

/*
 * Loads every data/NAME.csv file embedded in the binary into db, in one
 * transaction, then bumps the meta generation.  Returns 0, or -1 with a
 * message in err (size errsz) such as
 * "data/norms.csv:7: value: không phải số / not a number: 'x'"; on failure
 * nothing is committed.  Assumes db is migrated and not inside a
 * transaction.
 */
int refdata_load(struct db *db, char *err, size_t errsz);

/*
 * Loads one reference file from text (len bytes, need not be
 * NUL-terminated) instead of the embedded copy: name is the file name with
 * or without "data/" ("units.csv").  Same rules, transaction and messages
 * as refdata_load(); the tables it refers to must already hold the codes it
 * uses.  Meant for tests and for an admin correcting one file.  Returns 0
 * or -1 with err.
 */
int refdata_load_file(struct db *db, const char *name, const char *text, size_t len, char *err,
		      size_t errsz);

/* Fills counts[t] with the rows of each table.  Returns 0 or -1. */
int refdata_counts(struct db *db, int64_t counts[REFDATA__MAX]);

/* A carrier's factors for quantities in one unit; has_* is 0 for a missing factor. */
struct refdata_factor {
	double toe, gj, kgco2; /* per unit of quantity */
	int has_toe, has_gj, has_kgco2;
	char reliability; /* 'L', 'S' or '?' */
	char note[512];
	int toe_derived; /* 1: the TOE factor is derived (heating value / 41.868), not legal */
};

/*
 * The factors of carrier for quantities in unit valid on date (yyyy-mm-dd).
 * Returns DB_OK and fills *out, DB_NOTFOUND when no row applies (e.g. the
 * unit is not the one the factor is given in: convert through unit.to_base
 * first), or DB_ERR.
 */
int refdata_factor_get(struct db *db, const char *carrier, const char *unit, const char *date,
		       struct refdata_factor *out);

/*
 * refdata_factor_get for callers above the model, which do not see the
 * storage codes: returns 0 and fills *out, 1 when no row applies, -1 on a
 * storage error.
 */
int refdata_factor_find(struct db *db, const char *carrier, const char *unit, const char *date,
			struct refdata_factor *out);

/* The grid emission factor of year (t CO2/MWh).  DB_OK, DB_NOTFOUND or DB_ERR. */
int refdata_grid_get(struct db *db, int year, double *tco2_per_mwh, char *reliability);

/* The legal SEC norm of a product for one facility. */
struct refdata_norm {
	double value;
	char energy_unit[16]; /* MJ or kWh */
	char per_unit[16];    /* hl or t */
	char legal_ref[64];
	char reliability;
	int band_plant; /* 1: the band bounded the plant's output of the product's class */
};

/*
 * The norm for product at a facility producing output (in the product's
 * unit per year) on date: the band with band_min <= x < band_max, where x
 * is output, or, for a norm whose band is the plant's (norm.band_plant:
 * seafood, TT 52/2018), plant_output: the facility's yearly output of
 * every product of product's VSIC class, converted to product's unit
 * (products of another dimension left out).  DB_OK, DB_NOTFOUND (no norm
 * for that product, size or date) or DB_ERR.
 */
int refdata_norm_get(struct db *db, const char *product, double output, double plant_output,
		     const char *date, struct refdata_norm *out);

/* An administrative unit with its parent and successor as codes ("" for none). */
struct refdata_admin_unit {
	char name[128];
	char level[16];
	char kind[32];
	char valid_from[16];
	char valid_to[16];
	char parent[64];
	char successor[64];
};

/* The unit with this code.  DB_OK, DB_NOTFOUND or DB_ERR. */
int refdata_admin_unit_get(struct db *db, const char *code, struct refdata_admin_unit *out);

/* A plan target; has_value_max is 0 for a single value. */
struct refdata_target {
	double value, value_max;
	int has_value_max;
	char unit[16];
	int from_year; /* 0 when the plan gives none */
	char reliability;
};

/*
 * The target of plan (a code such as "1419/QĐ-TTg") for indicator by by_year;
 * scope_filter NULL matches targets without a filter.  DB_OK, DB_NOTFOUND
 * or DB_ERR.
 */
int refdata_target_get(struct db *db, const char *plan, const char *indicator, int by_year,
		       const char *scope_filter, struct refdata_target *out);

/*
 * The code of the default plan (plan.is_default, flagged in data/plans.csv):
 * the plan the dashboard, the indicators page and API, and `sxsh stats` and
 * `sxsh kpi` without --plan use.  Copies it into code (n bytes) and returns
 * 0; returns -1 with code "" when no plan is flagged, the code does not fit
 * or on a storage error (logged).
 */
int refdata_default_plan(struct db *db, char *code, size_t n);

/* A plan code always fits in this many bytes (with its terminator). */
#define REFDATA_PLAN_CODE_MAX 64

/*
 * The id of the administrative unit with code, or 0 when there is none (or
 * the lookup failed).
 */
int64_t refdata_admin_unit_id(struct db *db, const char *code);

/* One energy carrier (table carrier); strings valid until the next row. */
struct refdata_carrier {
	const char *code, *name_vi, *name_en, *kind, *native_unit;
	int biogenic;
};
/* Called per carrier; a non-zero return stops the walk and is returned. */
typedef int (*refdata_carrier_fn)(void *ctx, const struct refdata_carrier *c);
/*
 * Calls fn for every energy carrier in code order.  Returns 0, fn's non-zero
 * return, or -1 on a storage error.
 */
int refdata_carriers_each(struct db *db, refdata_carrier_fn fn, void *ctx);

#endif
