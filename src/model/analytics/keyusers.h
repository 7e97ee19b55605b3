/*
 * Key energy users (cơ sở sử dụng năng lượng trọng điểm): the facilities
 * whose energy use in a year reaches the threshold of Decree 21/2011/NĐ-CP
 * Art. 6 for industrial facilities (1,000 TOE a year), read from the
 * threshold reference table (data/thresholds.csv) as valid in that year:
 * TOE >= threshold is a key user.  This is the list the province sends to
 * the Ministry each year (`sxsh keyusers`, the key-energy-users page).
 *
 * A facility with an energy line that cannot be converted to TOE (unknown
 * unit, missing factor) is listed, flagged incomplete, when the part that
 * converts already reaches the threshold; otherwise it goes to unknown[]
 * ("cannot compute"), never silently below the threshold.
 *
 * Some TOE factors are derived rather than legal (rice husk, wood: an IPCC
 * heating value / 41.868 GJ per TOE; carrier_factor.toe_derived).  A key
 * user whose TOE without them stays below the threshold is flagged
 * derived_only: it is on the list only through a factor no legal text
 * gives.
 *
 * The list holds what the caller may see (model/accounts/scope.h): province staff
 * the whole province, a district officer the facilities of its unit and of
 * the units directly under it.  A facility counts under the unit it was in
 * on 31/12 of the year (model/registry/unit_history.h, as the indicators count it),
 * and that is the unit the list names.
 */
#ifndef SXSH_MODEL_KEYUSERS_H
#define SXSH_MODEL_KEYUSERS_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct principal;
struct ledger;
struct ledger_carrier;
struct ledger_error;

/* Where a facility stands on the list; keyusers_status_code() names it. */
enum keyuser_status {
	KEYUSER_LISTED,		   /* reaches the threshold, every line converted */
	KEYUSER_LISTED_INCOMPLETE, /* reaches it with the lines that convert; some do not */
	KEYUSER_CANNOT_COMPUTE,	   /* below it with the lines that convert; some do not */
	KEYUSER__MAX
};

struct keyuser {
	int64_t facility_id;
	/* unit_name: the district (a commune's parent) on 31/12 of the year */
	const char *code, *name, *tax_code, *unit_name, *sector_code;
	double toe; /* of the lines that convert */
	int ncarriers;
	struct ledger_carrier *carriers; /* by carrier code */
	int incomplete;			 /* a line did not convert to TOE */
	enum keyuser_status status;
	double toe_derived; /* the part of toe through derived (not legal) factors */
	int derived_only;   /* a key user only through derived factors: the TOE of its
			       lines with legal factors is below the threshold */
	int nerrors;
	struct ledger_error *errors;
};

struct keyuser_list {
	int year;
	double threshold_toe;
	const char *threshold_ref;
	int n;
	struct keyuser *items; /* sorted by TOE descending, then code */
	int nunknown;
	struct keyuser *unknown; /* below the threshold on what converts, but incomplete; by code */
	struct ledger *ledger;	 /* owns the strings; private */
	int refs;		 /* private: the connection's cache and each caller */
};

/*
 * The key energy users of year that who may see (NULL, the public, sees
 * none; the command line passes a province principal).  Returns 0 and
 * *out (free with keyusers_free), or -1 with a bilingual message in err:
 * no threshold valid in year, or a database error.
 */
int keyusers_list(struct db *db, const struct principal *who, int year, struct keyuser_list **out,
		  char *err, size_t errsz);
/*
 * Releases l (the connection keeps the lists of the current data
 * generation, so a second call for the same year and the same scope
 * returns the same list without reading the ledger again); NULL is a
 * no-op.  The caller must not change a list.
 */
void keyusers_free(struct keyuser_list *l);
/* How many lists this process computed (not taken from the cache): for tests. */
long keyusers_computed(void);

/*
 * The status as written in the CSV, JSON and workbook: "key_user",
 * "key_user_incomplete" or "cannot_compute" (a static string).
 */
const char *keyusers_status_code(enum keyuser_status s);

/* 1 when e keeps a line out of the TOE (a missing factor or unit), 0 for the
 * GJ and CO2 errors, which do not touch the list. */
int keyusers_error_missing(const struct ledger_error *e);

/*
 * The lines of k that did not convert to TOE (missing factor or unit), as
 * "CARRIER UNIT: factor|unit" joined by "; " into buf (size n, truncated to
 * fit), "" when none.  Returns buf.
 */
char *keyusers_missing(const struct keyuser *k, char *buf, size_t n);

#endif
