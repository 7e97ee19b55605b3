/*
 * Field validators shared by the CSV import, the web forms and the API.
 * They are pure functions: no I/O, no database, no allocation.  Each takes
 * the raw text of one field and a label naming that field in Vietnamese and
 * English, stores the typed value on success, and on failure returns a
 * negative enum val_rc and fills *m with a message (model/msg.h): an id of
 * the catalogue's "field validation" section, the field's label and the
 * arguments (an excerpt of what was typed, the limits), for the edge to
 * render in the reader's language ("mã số thuế sai chữ số kiểm tra" /
 * "tax code has a wrong check digit '0100109107'").  *m is left alone on
 * success.  Callers decide whether an empty field is allowed: every
 * validator here treats "" as VAL_MISSING.
 *
 * Codes that need the database (sector, unit, product) are checked by the
 * caller against its lookup tables; val_unknown_code() words that message.
 */
#ifndef SXSH_MODEL_VALIDATE_H
#define SXSH_MODEL_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "model/msg.h"
#include "model/names.h"

enum val_rc {
	VAL_OK = 0,
	VAL_MISSING = -1,     /* empty where a value is required */
	VAL_FORMAT = -2,      /* not a number, wrong length, not one of the values */
	VAL_RANGE = -3,	      /* a number outside its range */
	VAL_CHECKSUM = -4,    /* tax code check digit */
	VAL_NOT_ALLOWED = -5, /* valid form, not allowed in this context */
};

/* struct val_label, the name of a field in both languages, is in model/msg.h. */

/*
 * A buffer of this size always holds a message of these validators
 * rendered in both languages (msg_format with MSG_BOTH).
 */
#define VAL_MSG_MAX 320

enum val_fstatus { FSTATUS_ACTIVE, FSTATUS_CLOSED, FSTATUS__MAX };
enum val_water { WATER_TAP, WATER_GROUND, WATER_SURFACE, WATER_OTHER, WATER__MAX };

/*
 * One set of limits.  The CSV import, the web forms and the API check each
 * field against its row of val_limits (through val_text, val_number and
 * val_integer), so a value one of them stores the others accept again: an
 * imported report can always be saved through its form or the API, and a
 * saved one exported and imported back.  Text is counted in bytes of
 * UTF-8; number bounds are inclusive.  The macros size the structs that
 * hold the values.  docs/security.md lists these numbers.
 */
#define VAL_CODE_MAX	 64   /* bytes of a facility code */
#define VAL_TEXT_MAX	 1000 /* bytes of a facility name, an address, a material name */
#define VAL_MEASURES_MAX 4000 /* bytes of a registration's measures */
#define VAL_LINES_MAX	 200  /* lines of one kind (output, energy, water, material) */
/* A quantity or a cost in đồng; every whole number up to it is exact in a double. */
#define VAL_AMOUNT_MAX 1e15

enum val_field {
	VF_CODE,	/* facility code */
	VF_NAME,	/* facility name */
	VF_ADDRESS,	/* facility address */
	VF_MATERIAL,	/* material name of a report line */
	VF_MEASURES,	/* measures of a registration */
	VF_LAT,		/* latitude */
	VF_LON,		/* longitude */
	VF_EMPLOYEES,	/* employees */
	VF_YEAR,	/* opening or closing year of a facility */
	VF_REPORT_YEAR, /* year of a report or a registration */
	VF_MONTH,	/* month of a report line */
	VF_QUANTITY,	/* quantity of a report line */
	VF_COST,	/* cost in đồng of a report line */
	VF_SAVING_PCT,	/* planned saving of a registration, % */
	VF_LINES,	/* lines of one kind in a report */
	VF__MAX
};

struct val_limit {
	char type;     /* 't' text (hi: most bytes), 'i' integer, 'r' real number */
	double lo, hi; /* inclusive bounds; text has lo 0 */
};

extern const struct val_limit val_limits[VF__MAX];

/*
 * s as the text field f: valid UTF-8 of at most val_limits[f].hi bytes.
 * Returns VAL_OK, VAL_MISSING (""), VAL_FORMAT (not UTF-8) or VAL_RANGE
 * (too long, the message gives the limit and the length).
 */
int val_text(enum val_field f, const char *s, const struct val_label *l, struct msg *m);
/* s as the number field f (val_double_range within its bounds). */
int val_number(enum val_field f, const char *s, const struct val_label *l, double *out,
	       struct msg *m);
/* s as the integer field f (val_int_range within its bounds). */
int val_integer(enum val_field f, const char *s, const struct val_label *l, int64_t *out,
		struct msg *m);

/*
 * The stored (and CSV) spelling of each enum value; static strings.
 * Ownership, size and report status are the codes of model/names.h.
 */
extern const char *const val_fstatus_names[FSTATUS__MAX];
extern const char *const val_water_names[WATER__MAX];

/*
 * Tax code (mã số thuế, DOMAIN.md §10).  Accepts 10 digits whose tenth is
 * 10 − (Σ dᵢ·wᵢ mod 11) with weights 31 29 23 19 17 13 7 5 3 (a remainder of
 * 0 is never valid); a branch code "DDDDDDDDDD-NNN" with a valid parent and
 * NNN 001–999; and, only when household is set, 12 digits without a check.
 * Returns VAL_OK, VAL_MISSING, VAL_FORMAT, VAL_CHECKSUM or VAL_NOT_ALLOWED
 * (12 digits for a non-household).
 */
int val_tax_code(const char *s, int household, struct msg *m);

/*
 * Parses s as one of names[0..n-1] (exact, case-sensitive) and stores its
 * index in *out.  The message lists the accepted values.
 */
int val_enum(const char *s, const char *const *names, int n, const struct val_label *f, int *out,
	     struct msg *m);
int val_ownership(const char *s, int *out, struct msg *m);
int val_size(const char *s, int *out, struct msg *m);
int val_fstatus(const char *s, int *out, struct msg *m);
int val_rstatus(const char *s, int *out, struct msg *m);
int val_water(const char *s, int *out, struct msg *m);

/* An integer written in plain digits (optional sign) within lo..hi. */
int val_int_range(const char *s, int64_t lo, int64_t hi, const struct val_label *f, int64_t *out,
		  struct msg *m);
/* A finite number with '.' as the decimal point within lo..hi. */
int val_double_range(const char *s, double lo, double hi, const struct val_label *f, double *out,
		     struct msg *m);
/* A year of VF_YEAR (1900–2100) and a month of VF_MONTH (1–12). */
int val_year(const char *s, const struct val_label *f, int *out, struct msg *m);
int val_month(const char *s, const struct val_label *f, int *out, struct msg *m);
/* "1" → 1, "0" → 0; anything else is VAL_FORMAT (empty is VAL_MISSING). */
int val_bool01(const char *s, const struct val_label *f, int *out, struct msg *m);

/* Fills m with MSG_VAL_MISSING ("thiếu <vi>" / "<en> is missing"); returns VAL_MISSING. */
int val_missing(const struct val_label *f, struct msg *m);
/*
 * Fills m with MSG_VAL_UNKNOWN_CODE ("<vi> không tồn tại" / "unknown <en>
 * 's'") and returns VAL_FORMAT.
 */
int val_unknown_code(const struct val_label *f, const char *s, struct msg *m);

/*
 * Copies s into out (size n) for quoting in a message: at most 60 bytes,
 * cut at a UTF-8 character boundary with "…" added, control characters
 * replaced by '?'.  Returns out.
 */
char *val_excerpt(char *out, size_t n, const char *s);

#endif
