/*
 * Field validators (see validate.h): tax codes, enumerations and number
 * ranges, each with a bilingual message that names the field.  Pure
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
val_missing(const struct val_label *f, char *msg, size_t msgsz)
{
	snprintf(msg, msgsz, "thiếu %s / %s is missing", f->vi, f->en);
	return VAL_MISSING;
}

int
val_unknown_code(const struct val_label *f, const char *s, char *msg, size_t msgsz)
{
	char ex[80];
	snprintf(msg, msgsz, "%s không tồn tại / unknown %s '%s'", f->vi, f->en,
		 val_excerpt(ex, sizeof(ex), s));
	return VAL_FORMAT;
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
val_tax_code(const char *s, int household, char *msg, size_t msgsz)
{
	char ex[80];
	size_t n = strlen(s);
	if (n == 0)
		return val_missing(&lbl_tax, msg, msgsz);
	val_excerpt(ex, sizeof(ex), s);
	if (n == 10 && all_digits(s, 10)) {
		if (tax_check10(s))
			return VAL_OK;
		goto checksum;
	}
	if (n == 14 && all_digits(s, 10) && s[10] == '-' && all_digits(s + 11, 3)) {
		if (strcmp(s + 11, "000") == 0) {
			snprintf(msg, msgsz,
				 "mã số thuế đơn vị phụ thuộc phải có số thứ tự 001–999 / tax code "
				 "branch number must be 001–999 '%s'",
				 ex);
			return VAL_FORMAT;
		}
		if (tax_check10(s))
			return VAL_OK;
		goto checksum;
	}
	if (n == 12 && all_digits(s, 12)) {
		if (household)
			return VAL_OK;
		snprintf(msg, msgsz,
			 "mã số thuế 12 số chỉ dành cho hộ kinh doanh / a 12-digit tax code is "
			 "allowed only for household businesses '%s'",
			 ex);
		return VAL_NOT_ALLOWED;
	}
	snprintf(msg, msgsz,
		 "mã số thuế phải có 10 số, 10 số-3 số hoặc 12 số (hộ kinh doanh) / tax code must "
		 "be 10 digits, 10 digits-NNN, or 12 digits for households '%s'",
		 ex);
	return VAL_FORMAT;
checksum:
	snprintf(msg, msgsz,
		 "mã số thuế sai chữ số kiểm tra / tax code has a wrong check digit '%s'", ex);
	return VAL_CHECKSUM;
}

int
val_enum(const char *s, const char *const *names, int n, const struct val_label *f, int *out,
	 char *msg, size_t msgsz)
{
	char ex[80], list[160];
	size_t o = 0;
	if (s[0] == '\0')
		return val_missing(f, msg, msgsz);
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
	snprintf(msg, msgsz, "%s không hợp lệ / invalid %s '%s' (%s)", f->vi, f->en,
		 val_excerpt(ex, sizeof(ex), s), list);
	return VAL_FORMAT;
}

/* val_enum over the codes of a names.h table of at most 8 entries. */
static int
val_enum_names(const char *s, const struct name *t, int n, const struct val_label *f, int *out,
	       char *msg, size_t msgsz)
{
	const char *codes[8];
	for (int i = 0; i < n && i < 8; i++)
		codes[i] = t[i].code;
	return val_enum(s, codes, n < 8 ? n : 8, f, out, msg, msgsz);
}

int
val_ownership(const char *s, int *out, char *msg, size_t msgsz)
{
	return val_enum_names(s, names_ownership, OWN__MAX, &lbl_ownership, out, msg, msgsz);
}

int
val_size(const char *s, int *out, char *msg, size_t msgsz)
{
	return val_enum_names(s, names_size, SIZE__MAX, &lbl_size, out, msg, msgsz);
}

int
val_fstatus(const char *s, int *out, char *msg, size_t msgsz)
{
	return val_enum(s, val_fstatus_names, FSTATUS__MAX, &lbl_fstatus, out, msg, msgsz);
}

int
val_rstatus(const char *s, int *out, char *msg, size_t msgsz)
{
	const char *codes[RSTATUS__MAX];
	for (int i = 0; i < RSTATUS__MAX; i++)
		codes[i] = names_rstatus_code(i);
	return val_enum(s, codes, RSTATUS__MAX, &lbl_rstatus, out, msg, msgsz);
}

int
val_water(const char *s, int *out, char *msg, size_t msgsz)
{
	return val_enum(s, val_water_names, WATER__MAX, &lbl_water, out, msg, msgsz);
}

int
val_int_range(const char *s, int64_t lo, int64_t hi, const struct val_label *f, int64_t *out,
	      char *msg, size_t msgsz)
{
	char ex[80];
	int64_t v;
	if (s[0] == '\0')
		return val_missing(f, msg, msgsz);
	val_excerpt(ex, sizeof(ex), s);
	if (parse_int64(s, &v) < 0) {
		snprintf(msg, msgsz, "%s phải là số nguyên / %s must be a whole number, got '%s'",
			 f->vi, f->en, ex);
		return VAL_FORMAT;
	}
	if (v < lo || v > hi) {
		snprintf(msg, msgsz,
			 "%s phải từ %lld đến %lld / %s must be between %lld and %lld, got '%s'",
			 f->vi, (long long)lo, (long long)hi, f->en, (long long)lo, (long long)hi,
			 ex);
		return VAL_RANGE;
	}
	*out = v;
	return VAL_OK;
}

int
val_double_range(const char *s, double lo, double hi, const struct val_label *f, double *out,
		 char *msg, size_t msgsz)
{
	char ex[80];
	double v;
	if (s[0] == '\0')
		return val_missing(f, msg, msgsz);
	val_excerpt(ex, sizeof(ex), s);
	if (parse_double(s, &v, 0) < 0) {
		snprintf(msg, msgsz,
			 "%s không phải là số (dấu thập phân là '.') / %s is not a number "
			 "(decimal point '.'), got '%s'",
			 f->vi, f->en, ex);
		return VAL_FORMAT;
	}
	if (!(v >= lo && v <= hi)) {
		snprintf(msg, msgsz,
			 "%s phải từ %.15g đến %.15g / %s must be between %.15g and %.15g, "
			 "got '%s'",
			 f->vi, lo, hi, f->en, lo, hi, ex);
		return VAL_RANGE;
	}
	*out = v == 0 ? 0 : v; /* no negative zero: "-0" stores as 0 */
	return VAL_OK;
}

int
val_text(enum val_field f, const char *s, const struct val_label *l, char *msg, size_t msgsz)
{
	size_t n = strlen(s), max = (size_t)val_limits[f].hi;
	if (n == 0)
		return val_missing(l, msg, msgsz);
	if (!utf8_valid(s, n)) {
		snprintf(msg, msgsz,
			 "%s không phải văn bản UTF-8 hợp lệ / %s is not valid UTF-8 text", l->vi,
			 l->en);
		return VAL_FORMAT;
	}
	if (n > max) {
		snprintf(msg, msgsz,
			 "%s dài quá %zu byte (có %zu byte) / %s is longer than %zu bytes (%zu "
			 "given)",
			 l->vi, max, n, l->en, max, n);
		return VAL_RANGE;
	}
	return VAL_OK;
}

int
val_number(enum val_field f, const char *s, const struct val_label *l, double *out, char *msg,
	   size_t msgsz)
{
	return val_double_range(s, val_limits[f].lo, val_limits[f].hi, l, out, msg, msgsz);
}

int
val_integer(enum val_field f, const char *s, const struct val_label *l, int64_t *out, char *msg,
	    size_t msgsz)
{
	return val_int_range(s, (int64_t)val_limits[f].lo, (int64_t)val_limits[f].hi, l, out, msg,
			     msgsz);
}

int
val_year(const char *s, const struct val_label *f, int *out, char *msg, size_t msgsz)
{
	int64_t v;
	int rc = val_integer(VF_YEAR, s, f, &v, msg, msgsz);
	if (rc == VAL_OK)
		*out = (int)v;
	return rc;
}

int
val_month(const char *s, const struct val_label *f, int *out, char *msg, size_t msgsz)
{
	int64_t v;
	int rc = val_integer(VF_MONTH, s, f, &v, msg, msgsz);
	if (rc == VAL_OK)
		*out = (int)v;
	return rc;
}

int
val_bool01(const char *s, const struct val_label *f, int *out, char *msg, size_t msgsz)
{
	char ex[80];
	if (s[0] == '\0')
		return val_missing(f, msg, msgsz);
	if (strcmp(s, "1") == 0 || strcmp(s, "0") == 0) {
		*out = s[0] - '0';
		return VAL_OK;
	}
	snprintf(msg, msgsz, "%s phải là 1, 0 hoặc để trống / %s must be 1, 0 or empty, got '%s'",
		 f->vi, f->en, val_excerpt(ex, sizeof(ex), s));
	return VAL_FORMAT;
}
