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
/*
 * The states of a workflow document (docs/workflow.md).  Reports and
 * registrations use the first WF_REVIEW_STATES; an assessment also goes
 * through in_progress (after draft) and sustaining (after accepted).
 */
enum wf_state {
	WF_DRAFT,
	WF_SUBMITTED,
	WF_FORWARDED,
	WF_RETURNED,
	WF_ACCEPTED,
	WF_IN_PROGRESS,
	WF_SUSTAINING,
	WF_STATE__MAX
};
/* The states a report or registration can be in: WF_DRAFT..WF_ACCEPTED. */
#define WF_REVIEW_STATES (WF_ACCEPTED + 1)
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
/* -- assessments (model/assess/): the stored codes of their columns, in schema order -- */
#define NAMES_FUNDING_N	      6 /* assessment.funding */
#define NAMES_TEAM_ROLE_N     3 /* assessment_member.team_role */
#define NAMES_TASK_STATE_N    4 /* assessment_task.state */
#define NAMES_PERIOD_N	      4 /* assessment.balance_period */
#define NAMES_STREAM_N	      6 /* balance_item.stream */
#define NAMES_OPTION_KIND_N   8 /* cp_option.kind: the eight CP techniques */
#define NAMES_TRIAGE_N	      3 /* cp_option.triage */
#define NAMES_OPTION_STATUS_N 4 /* cp_option.status */
extern const struct name names_funding[NAMES_FUNDING_N];
extern const struct name names_team_role[NAMES_TEAM_ROLE_N];
extern const struct name names_task_state[NAMES_TASK_STATE_N];
extern const struct name names_period[NAMES_PERIOD_N];
extern const struct name names_stream[NAMES_STREAM_N];
extern const struct name names_option_kind[NAMES_OPTION_KIND_N];
extern const struct name names_triage[NAMES_TRIAGE_N];
extern const struct name names_option_status[NAMES_OPTION_STATUS_N];
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
