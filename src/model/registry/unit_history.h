/*
 * The administrative unit history of a facility (table facility_unit_history,
 * migrations/sqlite/0002_unit_history.sql): which unit a facility belonged
 * to when, so that the indicators of year Y count it under the unit of
 * 31/12 of Y (model/analytics/kpi.h) across the 2025 reform.  A province official
 * records a change with `sxsh facility move CODE --unit UNIT --from DATE`,
 * which calls unit_history_move; correcting a wrong unit (a CSV import that
 * rewrites facility.admin_unit_id) rewrites the current unit without adding
 * history.
 */
#ifndef SXSH_MODEL_UNIT_HISTORY_H
#define SXSH_MODEL_UNIT_HISTORY_H

#include <stddef.h>

struct db;
struct principal;

/*
 * Records that facility facility_code belongs to unit unit_code from the
 * ISO date from (yyyy-mm-dd): its current history row ends the day before,
 * a new open row starts on from, facility.admin_unit_id becomes the unit,
 * the database generation is bumped and an audit row ("facility.move") is
 * written, all in one transaction.  who is the actor (NULL: command line).
 *
 * Returns 0, or -1 with a message for a person in err (Vietnamese / English):
 * unknown facility or unit, a bad date, a unit not valid on that date, the
 * facility already in that unit, a date not after the start of its current
 * unit, or a storage error.  Nothing is changed on error.
 */
int unit_history_move(struct db *db, const struct principal *who, const char *facility_code,
		      const char *unit_code, const char *from, char *err, size_t errsz);

/* One period of a facility's history. */
struct unit_history_row {
	char unit_code[64];
	char unit_name[192];
	char valid_from[16], valid_to[16]; /* ISO dates; "" = open-ended */
};

/*
 * The history of facility_code, earliest first (an undated first row first).
 * Returns the number of rows and *out (free with free()), 0 with *out NULL
 * for a facility without history rows, or -1 for an unknown facility or a
 * storage error (message in err).
 */
int unit_history_list(struct db *db, const char *facility_code, struct unit_history_row **out,
		      char *err, size_t errsz);

#endif
