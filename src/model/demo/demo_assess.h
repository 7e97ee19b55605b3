/*
 * The demo province's CP assessments (issue 13; DOMAIN.md §5): six
 * assessments at facilities of the demo chosen by sector and product (a
 * frozen-shrimp plant, a rice mill, a fish-sauce maker, an ice plant, a
 * brick kiln and a sawmill), one in each state of the assessment
 * (sustaining, accepted, submitted, returned, in progress, draft), with
 * their teams, the tasks a state implies, process steps with balance
 * lines, waste costs and causes, and options of several of the eight kinds
 * with their triage, expected effects and finance inputs.
 *
 * The figures follow the facility's own accepted report of the year before
 * the assessment started (its output and its energy by carrier), so a
 * plant twice as large has balance lines and savings twice as large.  An
 * option's annual saving is its effects times the prices the option states
 * (the demo's price index of that year: electricity 1,500 VND/kWh in 2012
 * rising 3.5 % a year, rounded to 50 VND; fuels the same from the demo's
 * 2012 prices, rounded to 10,000 VND/t); its capital cost is its intended
 * simple payback times that saving, rounded to a million VND.
 *
 * Two assessments have implemented options (the sustaining pilot, the
 * accepted rice mill): the facility's reports from the year of the first
 * implementation on are rewritten so that each carrier's energy per unit of
 * product is the base year's, less the implemented options' share of it
 * (in the year of implementation for the months after it), within 1 %: the
 * measured savings then show what the options promised.
 *
 * Expert members carry their account's e-mail as contact; the demo's
 * expert account (chuyengia@, model/demo/demo_accounts.h) is named on four
 * of the six and bound to them whenever both exist
 * (demo_assess_bind_experts).  A facility that does not exist at the
 * requested size (no facility of the sector with the reports needed) is
 * skipped: `sxsh demo --facilities 20` makes fewer assessments, or none.
 * Everything is fixed tables and arithmetic: the same province gives the
 * same assessments.
 */
#ifndef SXSH_MODEL_DEMO_ASSESS_H
#define SXSH_MODEL_DEMO_ASSESS_H

#include <stddef.h>

struct db;

/* Rows written by demo_assess_generate. */
struct demo_assess_stats {
	long assessments, options;
};

/*
 * Writes the demo assessments into db inside the caller's transaction,
 * after the facilities and reports (demo_generate calls it).  Returns 0
 * and fills *st (may be NULL), or -1 with a message in err (size errsz).
 */
int demo_assess_generate(struct db *db, struct demo_assess_stats *st, char *err, size_t errsz);

/* Deletes every assessment and its history rows, inside the caller's
 * transaction (demo --replace).  Returns 0, or -1. */
int demo_assess_delete(struct db *db);

/*
 * Names the expert account of e-mail email on the expert rows of the demo
 * teams whose contact is that e-mail and that name no account yet, inside
 * the caller's transaction.  Returns 0, or -1.
 */
int demo_assess_bind_experts(struct db *db, const char *email);

#endif
