/*
 * What the reviewer's desk (web/review.c) reads beside the document
 * itself: the reference data's names for the codes a report holds, the
 * facility's accepted report of the year before and both years' ledgers
 * (so every figure agrees with the rest of sxsh), the peers' range of each
 * product's specific energy consumption, the changes between two
 * submissions of one document, the units a reviewer may filter the queue
 * by, and the issuer of the default plan for a printed letterhead.
 */
#ifndef SXSH_MODEL_REVIEW_H
#define SXSH_MODEL_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/reporting/report.h"

struct arena;
struct db;
struct ledger;
struct ledger_report;

/* A change beyond this many percent against the year before is flagged. */
#define RVW_FLAG_PCT 50.0

/* ---- names ---- */

enum rvw_table { RVW_PRODUCT, RVW_CARRIER, RVW_UNIT, RVW_TABLE__MAX };

struct rvw_name {
	enum rvw_table table;
	const char *code, *vi, *en;
};

/* The names of every product, carrier and unit, sorted by table and code. */
struct rvw_names {
	int n;
	struct rvw_name *v;
};

/* Loads *out into arena a.  Returns ST_OK or ST_ERR (logged). */
int rvw_names_load(struct db *db, struct arena *a, struct rvw_names *out);
/*
 * The Vietnamese (or, when en, English) name of code in table; code itself
 * when the table has no such row ("" for NULL or "").
 */
const char *rvw_name(const struct rvw_names *nm, enum rvw_table table, const char *code, int en);
/* The name of a water source code (tap, ground, surface, other); code when unknown. */
const char *rvw_water_source(const char *code, int en);

/* ---- the year before and the ledger ---- */

struct rvw_compare {
	struct report *prev;	 /* the facility's accepted report of year - 1, or NULL */
	struct ledger *led_cur;	 /* the report's year, this facility, any state */
	struct ledger *led_prev; /* year - 1, this facility, accepted only */
	const struct ledger_report *cur, *last; /* the report's and last year's; NULL none */
};

/*
 * Loads the comparison of report r (stored, seen by who) with the
 * facility's accepted report of the year before.  Returns ST_OK with *out
 * (free with rvw_compare_free; its members NULL where there is nothing to
 * compare with) or ST_ERR.
 */
int rvw_compare_load(struct db *db, const struct principal *who, const struct report *r,
		     struct rvw_compare *out);
void rvw_compare_free(struct rvw_compare *c);

/*
 * The change from before to now in percent: (now - before) / before x 100;
 * NAN when either is not finite or before is not above 0.
 */
double rvw_change_pct(double now, double before);
/* Whether a change in percent is flagged: finite and beyond +-RVW_FLAG_PCT. */
int rvw_change_flagged(double pct);

/* The peers' range of one product's SEC (model/analytics/benchmark.h). */
struct rvw_peers {
	int year;	    /* the year the peers reported; 0 when none */
	int npeers, enough; /* enough: quartiles computed (BENCH_MIN_PEERS) */
	double min, q1, median, q3, max;
	char energy_unit[16], per_unit[16]; /* the unit of the SECs */
	double norm;			    /* the legal norm when one applies to all; NAN */
};

/*
 * The range of the accepted SECs of product among the province's
 * facilities in year, or, when nobody has an accepted report of it yet
 * that year, in year - 1.  Returns ST_OK (npeers 0 when none) or ST_ERR.
 */
int rvw_peers_get(struct db *db, const char *product, int year, struct rvw_peers *out);

/* ---- changes between two submissions ---- */

enum rvw_what { RVW_ADDED, RVW_REMOVED, RVW_CHANGED };

/* One change; section "output", "energy", "water", "material", or a field's name. */
struct rvw_change {
	const char *section;
	enum rvw_what what;
	/* a line: its key (item: product, carrier, source or material name) */
	const char *item, *unit, *product;
	int month;
	/* the values: numbers (quantity; a field's number, or 1/0 yes/no) or text */
	char type;			 /* 'n' number, 'b' yes/no, 's' text */
	double old_num, new_num;	 /* NAN when absent or unknown */
	double old_cost, new_cost;	 /* lines: NAN when absent */
	const char *old_text, *new_text; /* type 's' */
};

/*
 * The changes from the document JSON before (a kind's audit JSON, as
 * doc_event keeps a submission) to after: lines added, removed or changed
 * (matched by their key: output product and unit; energy carrier, unit,
 * month and product; water source; material name and unit) and fields
 * changed (id, state, note and version are not content).  Into *out (n of
 * them, in arena a), in section order.  Returns ST_OK, or ST_ERR when a
 * document does not parse.
 */
int rvw_diff(const char *before, const char *after, struct arena *a, struct rvw_change **out,
	     int *n);

/* ---- the queue's unit picker and the letterhead ---- */

struct rvw_unit {
	const char *code, *name, *level;
	const char *valid_to; /* "" for a unit in force, else yyyy-mm-dd */
};

/* The units below the province that who's queue covers, by name (arena a). */
int rvw_units(struct db *db, const struct principal *who, struct arena *a, struct rvw_unit **out,
	      int *n);

/* A VSIC sector with its names and level (1 section, 2 division, ... 4 class). */
struct rvw_sector {
	const char *code, *vi, *en;
	int level;
};

/* Every VSIC sector, by code (arena a).  Returns ST_OK or ST_ERR. */
int rvw_sectors(struct db *db, struct arena *a, struct rvw_sector **out, int *n);

/*
 * The issuer of the default plan ("UBND tỉnh Kiên Giang") into buf (n
 * bytes); "" when there is none.  Returns ST_OK or ST_ERR.
 */
int rvw_issuer(struct db *db, char *buf, size_t n);

#endif
