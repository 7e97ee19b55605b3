/*
 * Field validators shared by the CSV import, the web forms and the API.
 * They are pure functions: no I/O, no database, no allocation.  Each takes
 * the raw text of one field and a label naming that field in Vietnamese and
 * English, stores the typed value on success, and on failure returns a
 * negative enum val_rc and writes a bilingual message that names the field
 * ("mã số thuế sai chữ số kiểm tra / tax code has a wrong check digit
 * '0100109107'") into msg.  Callers decide whether an empty field is
 * allowed: every validator here treats "" as VAL_MISSING.
 *
 * Codes that need the database (sector, unit, product) are checked by the
 * caller against its lookup tables; val_unknown_code() words that message.
 */
#ifndef SXSH_MODEL_VALIDATE_H
#define SXSH_MODEL_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

enum val_rc {
	VAL_OK = 0,
	VAL_MISSING = -1,     /* empty where a value is required */
	VAL_FORMAT = -2,      /* not a number, wrong length, not one of the values */
	VAL_RANGE = -3,	      /* a number outside its range */
	VAL_CHECKSUM = -4,    /* tax code check digit */
	VAL_NOT_ALLOWED = -5, /* valid form, not allowed in this context */
};

/* The name of a field as a person reads it. */
struct val_label {
	const char *vi;
	const char *en;
};

/* Message buffers of this size always suffice for the messages here. */
#define VAL_MSG_MAX 320

enum val_ownership { OWN_STATE, OWN_PRIVATE, OWN_FDI, OWN_HOUSEHOLD, OWN_COOPERATIVE, OWN__MAX };
enum val_size { SIZE_MICRO, SIZE_SMALL, SIZE_MEDIUM, SIZE_LARGE, SIZE__MAX };
enum val_fstatus { FSTATUS_ACTIVE, FSTATUS_CLOSED, FSTATUS__MAX };
enum val_rstatus {
	RSTATUS_DRAFT,
	RSTATUS_SUBMITTED,
	RSTATUS_RETURNED,
	RSTATUS_ACCEPTED,
	RSTATUS__MAX
};
enum val_water { WATER_TAP, WATER_GROUND, WATER_SURFACE, WATER_OTHER, WATER__MAX };

/* The stored (and CSV) spelling of each enum value; static strings. */
extern const char *const val_ownership_names[OWN__MAX];
extern const char *const val_size_names[SIZE__MAX];
extern const char *const val_fstatus_names[FSTATUS__MAX];
extern const char *const val_rstatus_names[RSTATUS__MAX];
extern const char *const val_water_names[WATER__MAX];

/*
 * Tax code (mã số thuế, DOMAIN.md §10).  Accepts 10 digits whose tenth is
 * 10 − (Σ dᵢ·wᵢ mod 11) with weights 31 29 23 19 17 13 7 5 3 (a remainder of
 * 0 is never valid); a branch code "DDDDDDDDDD-NNN" with a valid parent and
 * NNN 001–999; and, only when household is set, 12 digits without a check.
 * Returns VAL_OK, VAL_MISSING, VAL_FORMAT, VAL_CHECKSUM or VAL_NOT_ALLOWED
 * (12 digits for a non-household).
 */
int val_tax_code(const char *s, int household, char *msg, size_t msgsz);

/*
 * Parses s as one of names[0..n-1] (exact, case-sensitive) and stores its
 * index in *out.  The message lists the accepted values.
 */
int val_enum(const char *s, const char *const *names, int n, const struct val_label *f, int *out,
	     char *msg, size_t msgsz);
int val_ownership(const char *s, int *out, char *msg, size_t msgsz);
int val_size(const char *s, int *out, char *msg, size_t msgsz);
int val_fstatus(const char *s, int *out, char *msg, size_t msgsz);
int val_rstatus(const char *s, int *out, char *msg, size_t msgsz);
int val_water(const char *s, int *out, char *msg, size_t msgsz);

/* An integer written in plain digits (optional sign) within lo..hi. */
int val_int_range(const char *s, int64_t lo, int64_t hi, const struct val_label *f, int64_t *out,
		  char *msg, size_t msgsz);
/* A finite number with '.' as the decimal point within lo..hi. */
int val_double_range(const char *s, double lo, double hi, const struct val_label *f, double *out,
		     char *msg, size_t msgsz);
/* A calendar year 1900–2100 and a month 1–12. */
int val_year(const char *s, const struct val_label *f, int *out, char *msg, size_t msgsz);
int val_month(const char *s, const struct val_label *f, int *out, char *msg, size_t msgsz);
/* "1" → 1, "0" → 0; anything else is VAL_FORMAT (empty is VAL_MISSING). */
int val_bool01(const char *s, const struct val_label *f, int *out, char *msg, size_t msgsz);

/* Writes "<vi> bị thiếu / <en> is missing" and returns VAL_MISSING. */
int val_missing(const struct val_label *f, char *msg, size_t msgsz);
/* Writes "<vi> không tồn tại / unknown <en> 's'" and returns VAL_FORMAT. */
int val_unknown_code(const struct val_label *f, const char *s, char *msg, size_t msgsz);

/*
 * Copies s into out (size n) for quoting in a message: at most 60 bytes,
 * cut at a UTF-8 character boundary with "…" added, control characters
 * replaced by '?'.  Returns out.
 */
char *val_excerpt(char *out, size_t n, const char *s);

#endif
