/*
 * The report form's choices (see choices.h), read with the statements
 * STMT_CHOICE_*.  Each string is copied once and kept in c->strings so the
 * lists can point into it.
 */
#include "model/reporting/choices.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/msg.h"
#include "util/alloc.h"
#include "util/fold.h"
#include "util/log.h"

static const char *
keep(struct choices *c, const char *s)
{
	c->strings = xrealloc(c->strings, sizeof(char *) * (size_t)(c->nstrings + 1));
	return c->strings[c->nstrings++] = xstrdup(s != NULL ? s : "");
}

/* Appends one row of st (code, name_vi, name_en, group[, unit]) to *list. */
static void
add_row(struct choices *c, struct db_stmt *st, struct choice **list, int *n, int has_unit)
{
	*list = xrealloc(*list, sizeof(**list) * (size_t)(*n + 1));
	struct choice *x = &(*list)[(*n)++];
	x->code = keep(c, db_col_text(st, 0));
	x->name_vi = keep(c, db_col_text(st, 1));
	x->name_en = keep(c, db_col_text(st, 2));
	x->group = keep(c, db_col_text(st, 3));
	x->unit = has_unit ? keep(c, db_col_text(st, 4)) : "";
}

int
choices_load(struct db *db, struct choices **out)
{
	struct choices *c = xcalloc(1, sizeof(*c));
	struct db_stmt *st = db_stmt(db, STMT_CHOICE_PRODUCTS);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		add_row(c, st, &c->product, &c->nproduct, 1);
	db_reset(st);
	if (rc != DB_DONE)
		goto fail;
	st = db_stmt(db, STMT_CARRIER_LIST); /* code, name_vi, name_en, kind, native_unit */
	while ((rc = db_step(st)) == DB_ROW) {
		add_row(c, st, &c->carrier, &c->ncarrier, 0);
		c->carrier[c->ncarrier - 1].group = keep(c, db_col_text(st, 4));
	}
	db_reset(st);
	if (rc != DB_DONE)
		goto fail;
	st = db_stmt(db, STMT_CHOICE_UNITS);
	while ((rc = db_step(st)) == DB_ROW)
		add_row(c, st, &c->unit, &c->nunit, 0);
	db_reset(st);
	if (rc != DB_DONE)
		goto fail;
	st = db_stmt(db, STMT_CHOICE_CARRIER_UNITS);
	while ((rc = db_step(st)) == DB_ROW) {
		c->pair = xrealloc(c->pair, sizeof(*c->pair) * (size_t)(c->npair + 1));
		c->pair[c->npair].carrier = keep(c, db_col_text(st, 0));
		c->pair[c->npair].unit = keep(c, db_col_text(st, 1));
		c->npair++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		goto fail;
	*out = c;
	return 0;
fail:
	log_err("form choices: %s", db_errmsg(db));
	choices_free(c);
	return -1;
}

void
choices_free(struct choices *c)
{
	if (c == NULL)
		return;
	for (int i = 0; i < c->nstrings; i++)
		free(c->strings[i]);
	free(c->strings);
	free(c->product);
	free(c->carrier);
	free(c->unit);
	free(c->pair);
	free(c);
}

const struct choice *
choice_find(const struct choice *list, int n, const char *s)
{
	if (s == NULL || s[strspn(s, " \t")] == '\0')
		return NULL;
	for (int i = 0; i < n; i++)
		if (strcmp(list[i].code, s) == 0)
			return &list[i];
	char *key = fold_key(s);
	const struct choice *hit = NULL;
	for (int i = 0; i < n && hit == NULL; i++) {
		char *vi = fold_key(list[i].name_vi), *en = fold_key(list[i].name_en);
		if (strcmp(vi, key) == 0 || strcmp(en, key) == 0)
			hit = &list[i];
		free(vi);
		free(en);
	}
	free(key);
	return hit;
}

int
choices_carrier_unit(const struct choices *c, const char *carrier, const char *unit)
{
	for (int i = 0; i < c->npair; i++)
		if (strcmp(c->pair[i].carrier, carrier) == 0 && strcmp(c->pair[i].unit, unit) == 0)
			return 1;
	return 0;
}

char *
choices_names(const struct choices *c, const struct choice *list, int n, const char *carrier,
	      int en, char *out, size_t outsz)
{
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (carrier != NULL && !choices_carrier_unit(c, carrier, list[i].code))
			continue;
		const char *name = en ? list[i].name_en : list[i].name_vi;
		int w = snprintf(out + len, outsz - len, "%s%s", len > 0 ? ", " : "", name);
		if (w < 0 || (size_t)w >= outsz - len) {
			/* room for "…" (3 bytes) at the last whole name */
			size_t cut = len + 4 <= outsz ? len : outsz > 4 ? outsz - 4 : 0;
			snprintf(out + cut, outsz - cut, "…");
			break;
		}
		len += (size_t)w;
	}
	return out;
}

/* Sets a text argument to s, cut at a character boundary when it is long. */
static void
choices_arg_set(struct msg_arg *a, const char *s)
{
	size_t n = strlen(s);
	if (n >= sizeof(a->s)) {
		n = sizeof(a->s) - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(a->s, s, n);
	a->s[n] = '\0';
}

void
choices_name_msg(const struct choices *c, struct msg *m, int en)
{
	for (int i = 0; i < m->nargs && i < MSG_ARGS; i++) {
		struct msg_arg *a = &m->arg[i];
		if (a->type != 's')
			continue;
		const struct choice *ch = NULL;
		for (int j = 0; j < c->nproduct && ch == NULL; j++)
			if (strcmp(c->product[j].code, a->s) == 0)
				ch = &c->product[j];
		for (int j = 0; j < c->ncarrier && ch == NULL; j++)
			if (strcmp(c->carrier[j].code, a->s) == 0)
				ch = &c->carrier[j];
		/* units only where the message holds one (not "kWh" in a limit) */
		if (ch == NULL && (m->id == MSG_REP_UNIT_PRODUCT || m->id == MSG_REP_ENERGY_MONTHS))
			ch = choice_find(c->unit, c->nunit, a->s);
		if (ch != NULL)
			choices_arg_set(a, en ? ch->name_en : ch->name_vi);
	}
}
