/*
 * Table doc_event: one row per workflow move of a report or registration
 * (history.h).  Rows are only ever inserted.
 */
#include "model/doc/history.h"

#include <string.h>

#include "db/db.h"
#include "util/arena.h"
#include "util/log.h"

int
doc_history_add(struct db *db, enum wf_kind kind, int64_t id, const struct principal *who,
		int64_t now, enum wf_action action, const char *note, const char *content)
{
	struct db_stmt *st = db_stmt(db, STMT_DOC_EVENT_INSERT);
	db_bind_text(st, 1, wf_kind_names[kind]);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, now);
	if (who != NULL && who->user_id > 0) /* user 0: the command line, no account */
		db_bind_int(st, 4, who->user_id);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, who != NULL && who->email != NULL ? who->email : "cli");
	db_bind_text(st, 6, wf_action_names[action]);
	db_bind_text(st, 7, note != NULL ? note : "");
	if (content != NULL)
		db_bind_text(st, 8, content);
	else
		db_bind_null(st, 8);
	if (db_run(st) == DB_OK)
		return 0;
	log_err("document history: cannot record %s: %s", wf_action_names[action], db_errmsg(db));
	return -1;
}

int
doc_history_list(struct db *db, enum wf_kind kind, int64_t id, struct arena *a,
		 struct doc_event **out, int *n)
{
	*out = NULL;
	*n = 0;
	int cap = 0, rc;
	struct db_stmt *st = db_stmt(db, STMT_DOC_EVENT_LIST);
	db_bind_text(st, 1, wf_kind_names[kind]);
	db_bind_int(st, 2, id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) { /* arena memory: the old array is simply left behind */
			cap = cap ? 2 * cap : 16;
			struct doc_event *bigger = arena_alloc(a, (size_t)cap * sizeof(*bigger));
			if (*n > 0)
				memcpy(bigger, *out, (size_t)*n * sizeof(*bigger));
			*out = bigger;
		}
		struct doc_event *e = &(*out)[(*n)++];
		e->at = db_col_int(st, 1);
		e->actor = arena_strdup(a, db_col_text(st, 2));
		e->action = WF_SUBMIT;
		const char *act = db_col_text(st, 3);
		for (int i = 0; i < WF_ACTION__MAX; i++)
			if (strcmp(act, wf_action_names[i]) == 0)
				e->action = (enum wf_action)i;
		e->note = arena_strdup(a, db_col_text(st, 4));
		e->content = db_col_is_null(st, 5) ? NULL : arena_strdup(a, db_col_text(st, 5));
	}
	if (rc == DB_DONE)
		return ST_OK;
	log_err("document history: %s", db_errmsg(db));
	return ST_ERR;
}
