/*
 * The fixed codes of sxsh with their labels, each list defined once:
 * facility ownership and size, account roles, and the workflow states of a
 * report or registration (with the subset stored in a status column), the
 * actions of the audit log and the kinds of object it names.  The
 * codes are the ones the schema's CHECK constraints, the CSV files, the
 * API and the statements' scope parameters use; the labels are what pages
 * and workbooks show.  Pure data and lookups, no I/O; every string is
 * static.
 */
#ifndef SXSH_MODEL_NAMES_H
#define SXSH_MODEL_NAMES_H

#include "model/accounts/principal.h"

/* One fixed code with its Vietnamese and English labels. */
struct name {
	const char *code;
	const char *name_vi;
	const char *name_en;
};

enum val_ownership { OWN_STATE, OWN_PRIVATE, OWN_FDI, OWN_HOUSEHOLD, OWN_COOPERATIVE, OWN__MAX };
enum val_size { SIZE_MICRO, SIZE_SMALL, SIZE_MEDIUM, SIZE_LARGE, SIZE__MAX };
/* The states of a report or registration (docs/workflow.md). */
enum wf_state { WF_DRAFT, WF_SUBMITTED, WF_FORWARDED, WF_RETURNED, WF_ACCEPTED, WF_STATE__MAX };
/* The values of a status column: the states but forwarded (see wf_state_of). */
enum val_rstatus {
	RSTATUS_DRAFT,
	RSTATUS_SUBMITTED,
	RSTATUS_RETURNED,
	RSTATUS_ACCEPTED,
	RSTATUS__MAX
};

/* Indexed by their enums. */
extern const struct name names_ownership[OWN__MAX];
extern const struct name names_size[SIZE__MAX];
extern const struct name names_role[ROLE__MAX];
extern const struct name names_state[WF_STATE__MAX];
/*
 * The actions the audit log records (audit_write's action), in the order a
 * filter offers them, and the kinds of object a row is about (its entity).
 * An action another module adds later and forgets here shows its code.
 */
extern const struct name names_action[];
extern const int names_action_n;
extern const struct name names_entity[];
extern const int names_entity_n;
/* The sources of a report's water lines (report_water.source). */
#define NAMES_WATER_N 4
extern const struct name names_water[NAMES_WATER_N];
/* The state each stored status is (RSTATUS_SUBMITTED -> WF_SUBMITTED). */
extern const enum wf_state names_rstatus_state[RSTATUS__MAX];

/* The entry of t (n entries) with that code, or NULL (also for NULL code). */
const struct name *names_find(const struct name *t, int n, const char *code);
/* The index in t (n entries) of code, or -1. */
int names_index(const struct name *t, int n, const char *code);
/* nm's English label when en, else its Vietnamese one. */
const char *names_label(const struct name *nm, int en);
/* The code of a stored status ("draft" for RSTATUS_DRAFT); "" when out of range. */
const char *names_rstatus_code(int rs);

#endif
