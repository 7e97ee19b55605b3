/*
 * The choices of the report form: products, energy carriers, units and
 * which units each carrier may be reported in, with their Vietnamese and
 * English names, read from the reference tables in one go.  Pages show the
 * names and post the codes; a name typed instead of a code (a page
 * without scripts, a pasted value) is resolved here, ignoring case and
 * diacritics, so the codes never reach the person filling the form.
 */
#ifndef SXSH_MODEL_CHOICES_H
#define SXSH_MODEL_CHOICES_H

#include <stddef.h>

struct db;
struct msg;

/* One choice: its code and names (strings owned by the struct choices). */
struct choice {
	const char *code, *name_vi, *name_en;
	const char *group; /* product: sector code; unit: dimension; carrier: native unit */
	const char *unit;  /* product: its unit; else "" */
};

/* The lists of choices.  Free with choices_free. */
struct choices {
	int nproduct, ncarrier, nunit, npair;
	struct choice *product, *carrier, *unit;
	struct {
		const char *carrier, *unit;
	} * pair;	/* the units each carrier may be reported in */
	char **strings; /* every string above, for choices_free */
	int nstrings;
};

/* Loads every list.  Returns 0 with *out (free with choices_free), or -1 (logged). */
int choices_load(struct db *db, struct choices **out);
/* Frees c; NULL is a no-op. */
void choices_free(struct choices *c);

/*
 * The choice of list (n entries) whose code is s, or whose Vietnamese or
 * English name equals s ignoring case, diacritics and surrounding spaces;
 * NULL when none (or s is NULL or blank).
 */
const struct choice *choice_find(const struct choice *list, int n, const char *s);

/* Whether carrier may be reported in unit (both codes). */
int choices_carrier_unit(const struct choices *c, const char *carrier, const char *unit);

/*
 * The names of list (n entries) in the language (en 0: Vietnamese),
 * separated by ", ", into out (size outsz, truncated with "…").  When
 * carrier is not NULL only the units that carrier may be reported in.
 * Returns out.
 */
char *choices_names(const struct choices *c, const struct choice *list, int n, const char *carrier,
		    int en, char *out, size_t outsz);

/*
 * Replaces in m every text argument that is a product or carrier code (and,
 * in the messages about units, a unit code) by its name in the language
 * (en 0: Vietnamese), cut at a character boundary when long: the model's
 * messages name report lines by code, people read names.
 */
void choices_name_msg(const struct choices *c, struct msg *m, int en);

#endif
