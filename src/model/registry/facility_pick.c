/*
 * The facility picker's search (see facility_pick.h): one statement,
 * STMT_FACILITY_PICK, that matches codes exactly and the folded name as a
 * substring, the directory's way of folding.
 */
#include "model/registry/facility_pick.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "util/arena.h"
#include "util/fold.h"
#include "util/log.h"

/* The folded q with \, % and _ escaped for LIKE ... ESCAPE '\'; NULL if it folds to "". */
static char *
pick_like_key(struct arena *a, const char *q)
{
	char *key = fold_key(q);
	char *out = NULL;
	if (key[0] != '\0') {
		out = arena_alloc(a, 2 * strlen(key) + 1);
		char *w = out;
		for (const char *p = key; *p; p++) {
			if (*p == '\\' || *p == '%' || *p == '_')
				*w++ = '\\';
			*w++ = *p;
		}
		*w = '\0';
	}
	free(key);
	return out;
}

/* q without leading and trailing blanks (arena). */
static char *
pick_trim(struct arena *a, const char *q)
{
	while (*q == ' ' || *q == '\t')
		q++;
	size_t len = strlen(q);
	while (len > 0 && (q[len - 1] == ' ' || q[len - 1] == '\t'))
		len--;
	return arena_strndup(a, q, len);
}

int
facility_pick(struct db *db, struct arena *a, const char *q, int max, struct facility_pick *out,
	      int *n)
{
	*n = 0;
	if (q == NULL)
		return 0;
	if (max < 1 || max > FACILITY_PICK_MAX)
		max = FACILITY_PICK_MAX;
	char *text = pick_trim(a, q);
	if (text[0] == '\0')
		return 0;
	struct db_stmt *st = db_stmt(db, STMT_FACILITY_PICK);
	db_bind_text(st, 1, pick_like_key(a, text));
	db_bind_text(st, 2, text);
	db_bind_int(st, 3, max);
	int rc;
	while ((rc = db_step(st)) == DB_ROW && *n < max) {
		struct facility_pick *p = &out[(*n)++];
		p->id = db_col_int(st, 0);
		p->name = arena_strdup(a, db_col_text(st, 1));
		p->code = arena_strdup(a, db_col_text(st, 2));
		p->tax_code = arena_strdup(a, db_col_text(st, 3));
		p->unit = arena_strdup(a, db_col_text(st, 4));
		p->exact = db_col_int(st, 5) != 0;
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE) {
		log_err("facility: pick failed: %s", db_errmsg(db));
		return -1;
	}
	return 0;
}
