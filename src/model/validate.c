/*
 * Field validators (see validate.h): tax codes, enumerations and number
 * ranges, each failure a message id (model/msg.h) about the field.  Pure
 * functions; the accepted enum spellings come from model/names.h (and the
 * two lists below) so the database CHECK constraints, the importer and the
 * forms agree.
 */
#include "model/validate.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/fmt.h"
#include "util/fold.h"

const struct val_limit val_limits[VF__MAX] = {
    [VF_CODE] = {'t', 0, VAL_CODE_MAX},
    [VF_NAME] = {'t', 0, VAL_TEXT_MAX},
    [VF_ADDRESS] = {'t', 0, VAL_TEXT_MAX},
    [VF_MATERIAL] = {'t', 0, VAL_TEXT_MAX},
    [VF_MEASURES] = {'t', 0, VAL_MEASURES_MAX},
    [VF_LAT] = {'r', -90, 90},
    [VF_LON] = {'r', -180, 180},
    [VF_EMPLOYEES] = {'i', 0, 10000000},
    [VF_YEAR] = {'i', 1900, 2100},
    [VF_REPORT_YEAR] = {'i', 1990, 2100},
    [VF_MONTH] = {'i', 1, 12},
    [VF_QUANTITY] = {'r', 0, VAL_AMOUNT_MAX},
    [VF_COST] = {'r', 0, VAL_AMOUNT_MAX},
    [VF_SAVING_PCT] = {'r', 0, 100},
    [VF_LINES] = {'i', 0, VAL_LINES_MAX},
};

const char *const val_fstatus_names[FSTATUS__MAX] = {
    [FSTATUS_ACTIVE] = "active",
    [FSTATUS_CLOSED] = "closed",
};
const char *const val_water_names[WATER__MAX] = {
    [WATER_TAP] = "tap",
    [WATER_GROUND] = "ground",
    [WATER_SURFACE] = "surface",
    [WATER_OTHER] = "other",
};

static const struct val_label lbl_tax = {"mã số thuế", "tax code"};
static const struct val_label lbl_ownership = {"loại hình sở hữu", "ownership"};
static const struct val_label lbl_size = {"quy mô", "size"};
static const struct val_label lbl_fstatus = {"trạng thái", "status"};
static const struct val_label lbl_rstatus = {"trạng thái báo cáo", "report status"};
static const struct val_label lbl_water = {"nguồn nước", "water source"};

/* Weights of the first nine digits of a tax code (DOMAIN.md §10). */
static const int tax_weights[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};

char *
val_excerpt(char *out, size_t n, const char *s)
{
	enum { MAXB = 60 };
	size_t len = strlen(s), take = len, o = 0;
	if (n == 0)
		return out;
	if (take > MAXB) {
		take = MAXB;
		while (take > 0 && ((unsigned char)s[take] & 0xc0) == 0x80)
			take--; /* do not split a UTF-8 sequence */
	}
	for (size_t i = 0; i < take && o + 1 < n; i++) {
		unsigned char c = (unsigned char)s[i];
		out[o++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (take < len && o + 4 < n) {
		memcpy(out + o, "\xe2\x80\xa6", 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
}

int
val_missing(const struct val_label *f, struct msg *m)
{
	msg_init(m, MSG_VAL_MISSING, f);
	return VAL_MISSING;
}

int
val_unknown_code(const struct val_label *f, const char *s, struct msg *m)
{
	msg_init(m, MSG_VAL_UNKNOWN_CODE, f);
	msg_str(m, s);
	return VAL_FORMAT;
}

/*
 * The bounds of a range are written the way the field is typed ("1900",
 * "-90", "1e+15"), not grouped by language, so a person can copy one back
 * into the field: msg_plain for integers, %.15g for reals.
 */
static void
arg_bound_real(struct msg *m, double v)
{
	char b[32];
	snprintf(b, sizeof(b), "%.15g", v);
	msg_code(m, b);
}

/* A message id with a quoted excerpt of what was typed; returns rc. */
static int
fail_typed(struct msg *m, enum msg_id id, const struct val_label *f, const char *s, int rc)
{
	msg_init(m, id, f);
	msg_str(m, s);
	return rc;
}

static int
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Whether the ten digits at s carry a valid check digit. */
static int
tax_check10(const char *s)
{
	int sum = 0;
	for (int i = 0; i < 9; i++)
		sum += (s[i] - '0') * tax_weights[i];
	int r = sum % 11;
	return r != 0 && 10 - r == s[9] - '0';
}

int
val_tax_code(const char *s, int household, struct msg *m)
{
	size_t n = strlen(s);
	if (n == 0)
		return val_missing(&lbl_tax, m);
	if (n == 10 && all_digits(s, 10)) {
		if (tax_check10(s))
			return VAL_OK;
		return fail_typed(m, MSG_VAL_TAX_CHECKSUM, NULL, s, VAL_CHECKSUM);
	}
	if (n == 14 && all_digits(s, 10) && s[10] == '-' && all_digits(s + 11, 3)) {
		if (strcmp(s + 11, "000") == 0)
			return fail_typed(m, MSG_VAL_TAX_BRANCH, NULL, s, VAL_FORMAT);
		if (tax_check10(s))
			return VAL_OK;
		return fail_typed(m, MSG_VAL_TAX_CHECKSUM, NULL, s, VAL_CHECKSUM);
	}
	if (n == 12 && all_digits(s, 12)) {
		if (household)
			return VAL_OK;
		return fail_typed(m, MSG_VAL_TAX_HOUSEHOLD, NULL, s, VAL_NOT_ALLOWED);
	}
	return fail_typed(m, MSG_VAL_TAX_FORMAT, NULL, s, VAL_FORMAT);
}

int
val_enum(const char *s, const char *const *names, int n, const struct val_label *f, int *out,
	 struct msg *m)
{
	char list[MSG_ARG_MAX];
	size_t o = 0;
	if (s[0] == '\0')
		return val_missing(f, m);
	for (int i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = i;
			return VAL_OK;
		}
	list[0] = '\0';
	for (int i = 0; i < n && o < sizeof(list); i++) {
		int w = snprintf(list + o, sizeof(list) - o, "%s%s", i ? "|" : "", names[i]);
		if (w < 0)
			break;
		o += (size_t)w;
	}
	msg_init(m, MSG_VAL_ENUM, f);
	msg_str(m, s);
	msg_code(m, list);
	return VAL_FORMAT;
}

/* val_enum over the codes of a names.h table of at most 8 entries. */
static int
val_enum_names(const char *s, const struct name *t, int n, const struct val_label *f, int *out,
	       struct msg *m)
{
	const char *codes[8];
	for (int i = 0; i < n && i < 8; i++)
		codes[i] = t[i].code;
	return val_enum(s, codes, n < 8 ? n : 8, f, out, m);
}

int
val_ownership(const char *s, int *out, struct msg *m)
{
	return val_enum_names(s, names_ownership, OWN__MAX, &lbl_ownership, out, m);
}

int
val_size(const char *s, int *out, struct msg *m)
{
	return val_enum_names(s, names_size, SIZE__MAX, &lbl_size, out, m);
}

int
val_fstatus(const char *s, int *out, struct msg *m)
{
	return val_enum(s, val_fstatus_names, FSTATUS__MAX, &lbl_fstatus, out, m);
}

int
val_rstatus(const char *s, int *out, struct msg *m)
{
	const char *codes[RSTATUS__MAX];
	for (int i = 0; i < RSTATUS__MAX; i++)
		codes[i] = names_rstatus_code(i);
	return val_enum(s, codes, RSTATUS__MAX, &lbl_rstatus, out, m);
}

int
val_water(const char *s, int *out, struct msg *m)
{
	return val_enum(s, val_water_names, WATER__MAX, &lbl_water, out, m);
}

int
val_int_range(const char *s, int64_t lo, int64_t hi, const struct val_label *f, int64_t *out,
	      struct msg *m)
{
	int64_t v;
	if (s[0] == '\0')
		return val_missing(f, m);
	if (parse_int64(s, &v) < 0)
		return fail_typed(m, MSG_VAL_NOT_INTEGER, f, s, VAL_FORMAT);
	if (v < lo || v > hi) {
		msg_init(m, MSG_VAL_RANGE, f);
		msg_plain(m, lo);
		msg_plain(m, hi);
		msg_str(m, s);
		return VAL_RANGE;
	}
	*out = v;
	return VAL_OK;
}

int
val_double_range(const char *s, double lo, double hi, const struct val_label *f, double *out,
		 struct msg *m)
{
	double v;
	if (s[0] == '\0')
		return val_missing(f, m);
	if (parse_double(s, &v, 0) < 0)
		return fail_typed(m, MSG_VAL_NOT_NUMBER, f, s, VAL_FORMAT);
	if (!(v >= lo && v <= hi)) {
		msg_init(m, MSG_VAL_RANGE, f);
		arg_bound_real(m, lo);
		arg_bound_real(m, hi);
		msg_str(m, s);
		return VAL_RANGE;
	}
	*out = v == 0 ? 0 : v; /* no negative zero: "-0" stores as 0 */
	return VAL_OK;
}

int
val_text(enum val_field f, const char *s, const struct val_label *l, struct msg *m)
{
	size_t n = strlen(s), max = (size_t)val_limits[f].hi;
	if (n == 0)
		return val_missing(l, m);
	if (!utf8_valid(s, n)) {
		msg_init(m, MSG_VAL_NOT_UTF8, l);
		return VAL_FORMAT;
	}
	if (n > max) {
		msg_init(m, MSG_VAL_TOO_LONG, l);
		msg_plain(m, (int64_t)max);
		msg_plain(m, (int64_t)n);
		return VAL_RANGE;
	}
	return VAL_OK;
}

int
val_number(enum val_field f, const char *s, const struct val_label *l, double *out, struct msg *m)
{
	return val_double_range(s, val_limits[f].lo, val_limits[f].hi, l, out, m);
}

int
val_integer(enum val_field f, const char *s, const struct val_label *l, int64_t *out, struct msg *m)
{
	return val_int_range(s, (int64_t)val_limits[f].lo, (int64_t)val_limits[f].hi, l, out, m);
}

int
val_year(const char *s, const struct val_label *f, int *out, struct msg *m)
{
	int64_t v;
	int rc = val_integer(VF_YEAR, s, f, &v, m);
	if (rc == VAL_OK)
		*out = (int)v;
	return rc;
}

int
val_month(const char *s, const struct val_label *f, int *out, struct msg *m)
{
	int64_t v;
	int rc = val_integer(VF_MONTH, s, f, &v, m);
	if (rc == VAL_OK)
		*out = (int)v;
	return rc;
}

int
val_bool01(const char *s, const struct val_label *f, int *out, struct msg *m)
{
	if (s[0] == '\0')
		return val_missing(f, m);
	if (strcmp(s, "1") == 0 || strcmp(s, "0") == 0) {
		*out = s[0] - '0';
		return VAL_OK;
	}
	return fail_typed(m, MSG_VAL_BOOL01, f, s, VAL_FORMAT);
}
