/*
 * Number and date formatting and strict parsing (see fmt.h).
 */
#include "util/fmt.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Inserts group separators into the digit string digits (no sign). */
static void
group(char *out, size_t n, const char *digits, char sep)
{
	size_t len = strlen(digits), o = 0;
	for (size_t i = 0; i < len && o + 1 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0 && o + 2 < n)
			out[o++] = sep;
		out[o++] = digits[i];
	}
	out[o < n ? o : n - 1] = '\0';
}

/* Significant digits a double is read at before rounding: DBL_DIG, as Excel does. */
#define FMT_SIG 15
/* Most digits before the point (DBL_MAX has 309) and after it. */
#define FMT_INT_MAX 310
#define FMT_DEC_MAX 9

/*
 * Writes a (finite, >= 0) rounded half away from zero to `decimals` digits
 * into ip (the integer digits, no leading zero but one "0") and fp (exactly
 * `decimals` digits), and returns 1 when the result is not zero.  a is first
 * written with FMT_SIG significant digits, which drops the binary noise of
 * the last bits (1.005 is stored as 1.00499999999999989..., 0.145 x 100
 * computes to 14.499999999999998); the decimal string is then rounded digit
 * by digit, so 1.005 -> 1.01 and 14.5 -> 15, as a person reading the
 * figure, and Excel, would round them.
 */
static int
round_decimal(double a, int decimals, char *ip, char *fp)
{
	char e[48], dig[FMT_SIG];
	int nd = 0;
	snprintf(e, sizeof(e), "%.*e", FMT_SIG - 1, a);
	const char *p = e;
	for (; *p != '\0' && *p != 'e'; p++)
		if (isdigit((unsigned char)*p) && nd < FMT_SIG)
			dig[nd++] = *p;
	int exp = *p == 'e' ? atoi(p + 1) : 0;
	/* dig[i] is the digit of the place 10^(exp - i). */
	int hi = exp > 0 ? exp : 0, lo = -decimals;
	char d[1 + FMT_INT_MAX + FMT_DEC_MAX];
	int len = 1 + hi - lo + 1;
	d[0] = '0'; /* room for a carry */
	for (int q = hi, k = 1; q >= lo; q--, k++) {
		int i = exp - q;
		d[k] = i >= 0 && i < nd ? dig[i] : '0';
	}
	int i = exp - (lo - 1); /* the first digit dropped */
	if (i >= 0 && i < nd && dig[i] >= '5')
		for (int k = len - 1; k >= 0; k--) {
			if (d[k] != '9') {
				d[k]++;
				break;
			}
			d[k] = '0';
		}
	int nint = hi + 2, s = 0; /* d[0 .. nint) is the integer part */
	while (s < nint - 1 && d[s] == '0')
		s++;
	memcpy(ip, d + s, (size_t)(nint - s));
	ip[nint - s] = '\0';
	memcpy(fp, d + nint, (size_t)decimals);
	fp[decimals] = '\0';
	for (int k = 0; k < len; k++)
		if (d[k] != '0')
			return 1;
	return 0;
}

char *
fmt_num(char *out, size_t n, double v, int decimals, enum lang lang)
{
	if (n == 0)
		return out;
	if (!isfinite(v)) {
		snprintf(out, n, "—");
		return out;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > FMT_DEC_MAX)
		decimals = FMT_DEC_MAX;
	char ip[FMT_INT_MAX + 2], fp[FMT_DEC_MAX + 1];
	int nonzero = round_decimal(fabs(v), decimals, ip, fp);
	int neg = v < 0 && nonzero; /* never "-0,00" */
	char grouped[FMT_INT_MAX + FMT_INT_MAX / 3 + 2];
	group(grouped, sizeof(grouped), ip, lang == LANG_VI ? '.' : ',');
	if (decimals > 0)
		snprintf(out, n, "%s%s%c%s", neg ? "-" : "", grouped, lang == LANG_VI ? ',' : '.',
			 fp);
	else
		snprintf(out, n, "%s%s", neg ? "-" : "", grouped);
	return out;
}

/*
 * The one way each quantity is shown: decimals (-1: FMT_SIG_SHOWN
 * significant digits, 0..6 decimals), whether it is a percentage, and
 * whether a whole value drops its decimals (targets: "50 %", "7,5 %").
 */
static const struct {
	int decimals;
	int pct;
	int trim_whole;
} fmt_qtys[FMT__MAX] = {
    [FMT_TOE] = {2, 0, 0}, [FMT_GJ] = {1, 0, 0},     [FMT_CO2] = {1, 0, 0},  [FMT_QTY] = {2, 0, 0},
    [FMT_PCT] = {1, 1, 0}, [FMT_TARGET] = {1, 1, 1}, [FMT_SEC] = {-1, 0, 0}, [FMT_RANK] = {0, 0, 0},
};

/* Significant digits a SEC or norm is shown with. */
#define FMT_SIG_SHOWN 4

int
fmt_qty_decimals(enum fmt_qty q, double v)
{
	if ((unsigned)q >= FMT__MAX)
		return 2;
	if (fmt_qtys[q].decimals >= 0) {
		if (fmt_qtys[q].trim_whole && isfinite(v)) {
			/* whole when it rounds to ",0" */
			char ip[FMT_INT_MAX + 2], fp[FMT_DEC_MAX + 1];
			round_decimal(fabs(v), fmt_qtys[q].decimals, ip, fp);
			if (strspn(fp, "0") == strlen(fp))
				return 0;
		}
		return fmt_qtys[q].decimals;
	}
	if (!isfinite(v) || v == 0)
		return 0;
	/* The magnitude of v once rounded to FMT_SIG_SHOWN digits (999.96 is 1,000). */
	char e[32];
	snprintf(e, sizeof(e), "%.*e", FMT_SIG_SHOWN - 1, fabs(v));
	int d = FMT_SIG_SHOWN - 1 - atoi(strchr(e, 'e') + 1);
	return d < 0 ? 0 : d > 6 ? 6 : d;
}

char *
fmt_qty(char *out, size_t n, double v, enum fmt_qty q, enum lang lang)
{
	char num[FMT_INT_MAX + FMT_INT_MAX / 3 + FMT_DEC_MAX + 4];
	fmt_num(num, sizeof(num), v, fmt_qty_decimals(q, v), lang);
	if ((unsigned)q < FMT__MAX && fmt_qtys[q].pct && isfinite(v))
		snprintf(out, n, lang == LANG_EN ? "%s%%" : "%s %%", num);
	else
		snprintf(out, n, "%s", num);
	return out;
}

char *
fmt_int(char *out, size_t n, int64_t v, enum lang lang)
{
	char tmp[32], grouped[48];
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	snprintf(tmp, sizeof(tmp), "%llu", u);
	group(grouped, sizeof(grouped), tmp, lang == LANG_VI ? '.' : ',');
	snprintf(out, n, "%s%s", v < 0 ? "-" : "", grouped);
	return out;
}

char *
fmt_exact(char *out, size_t n, double v)
{
	/* The shortest of 15, 16 and 17 significant digits that reads back as v. */
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(out, n, "%.*g", digits, v);
		if (strtod(out, NULL) == v)
			break;
	}
	return out;
}

char *
fmt_date(char *out, size_t n, const char *iso)
{
	int y, m, d;
	if (iso && parse_date(iso, &y, &m, &d) == 0)
		snprintf(out, n, "%02d/%02d/%04d", d, m, y);
	else
		snprintf(out, n, "%s", iso ? iso : "");
	return out;
}

/* Copies s without surrounding spaces into tmp; -1 if empty or too long. */
static int
trim_copy(const char *s, char *tmp, size_t n)
{
	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	size_t len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0 || len >= n)
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	return 0;
}

int
parse_int64(const char *s, int64_t *out)
{
	char tmp[32], *end;
	if (trim_copy(s, tmp, sizeof(tmp)) < 0)
		return -1;
	if (!isdigit((unsigned char)tmp[tmp[0] == '-' || tmp[0] == '+']))
		return -1;
	errno = 0;
	long long v = strtoll(tmp, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

int
parse_double(const char *s, double *out, int lang_vi_ok)
{
	char tmp[64], norm[64], *end;
	if (trim_copy(s, tmp, sizeof(tmp)) < 0)
		return -1;
	const char *p = tmp;
	size_t o = 0;
	if (*p == '-' || *p == '+')
		norm[o++] = *p++;
	if (lang_vi_ok && strchr(p, ',') != NULL) {
		/* Vietnamese: '.' groups thousands, ',' is the decimal mark. */
		const char *comma = strrchr(p, ',');
		if (strchr(comma + 1, '.') != NULL || strchr(p, ',') != comma)
			return -1;
		for (; *p; p++) {
			if (*p == '.')
				continue;
			norm[o++] = *p == ',' ? '.' : *p;
		}
	} else {
		for (; *p; p++)
			norm[o++] = *p;
	}
	norm[o] = '\0';
	for (const char *q = norm; *q; q++)
		if (!isdigit((unsigned char)*q) && *q != '.' && *q != '-' && *q != '+' &&
		    *q != 'e' && *q != 'E')
			return -1;
	if (!isdigit((unsigned char)norm[norm[0] == '-' || norm[0] == '+']) &&
	    norm[norm[0] == '-' || norm[0] == '+'] != '.')
		return -1;
	errno = 0;
	double v = strtod(norm, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

/*
 * Reads s (trimmed) with decimal mark dec and group mark grp (or a space)
 * into *v.  Returns 0, or -1 when s is not such a number.  *groups is set
 * to 1 when a group mark was used, *tail3 to 1 when the decimal part has
 * exactly three digits.  Grouped numbers do not start with 0 ("0.125" is
 * no thousands).
 */
static int
read_user_num(const char *s, char dec, char grp, double *v, int *groups, int *tail3)
{
	char norm[64], *end;
	size_t o = 0;
	const char *p = s;
	*groups = *tail3 = 0;
	if (*p == '-' || *p == '+')
		norm[o++] = *p++;
	int digits = 0, first = 1, run = 0;
	for (; *p != '\0' && *p != dec; p++) {
		if (*p == grp || *p == ' ') {
			/* a group mark: after 1-3 digits first, exactly 3 later */
			if (run == 0 || run > 3 || (!first && run != 3))
				return -1;
			first = 0;
			run = 0;
			*groups = 1;
			continue;
		}
		if (!isdigit((unsigned char)*p) || o >= sizeof(norm) - 2)
			return -1;
		norm[o++] = *p;
		digits++;
		run++;
	}
	if (*groups && (run != 3 || norm[norm[0] == '-' || norm[0] == '+'] == '0'))
		return -1;
	if (*p == dec) {
		norm[o++] = '.';
		p++;
		int frac = 0;
		for (; *p != '\0'; p++, frac++) {
			if (!isdigit((unsigned char)*p) || o >= sizeof(norm) - 1)
				return -1;
			norm[o++] = *p;
		}
		if (frac == 0)
			return -1;
		*tail3 = frac == 3;
	}
	if (digits == 0)
		return -1;
	norm[o] = '\0';
	errno = 0;
	double d = strtod(norm, &end);
	if (errno != 0 || *end != '\0' || !isfinite(d))
		return -1;
	*v = d;
	return 0;
}

enum num_read
parse_num_user(const char *s, enum lang lang, double *out, double *alt)
{
	char tmp[64];
	*out = *alt = NAN;
	if (trim_copy(s, tmp, sizeof(tmp)) < 0 || tmp[0] == '\0')
		return NUM_BAD;
	char dec = lang == LANG_VI ? ',' : '.', grp = lang == LANG_VI ? '.' : ',';
	double mine, other;
	int mg, mt, og, ot;
	int ok_mine = read_user_num(tmp, dec, grp, &mine, &mg, &mt) == 0;
	int ok_other = read_user_num(tmp, grp, dec, &other, &og, &ot) == 0;
	if (!ok_mine) {
		if (ok_other)
			*alt = other;
		return NUM_BAD;
	}
	*out = mine;
	/* "1,234" on a Vietnamese page: a decimal part of three digits and no
	 * group mark is the other language's thousands when that reads too. */
	if (ok_other && mt && !mg && og && other != mine) {
		*alt = other;
		return NUM_TWO_WAYS;
	}
	return NUM_OK;
}

int
parse_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	int yy = atoi(s), mm = atoi(s + 5), dd = atoi(s + 8);
	if (yy < 1900 || yy > 2200 || mm < 1 || mm > 12 || dd < 1)
		return -1;
	int leap = (yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0;
	if (dd > mdays[mm - 1] + (mm == 2 && leap))
		return -1;
	*y = yy;
	*m = mm;
	*d = dd;
	return 0;
}

int
date_num(const char *iso)
{
	int y, m, d;
	if (parse_date(iso, &y, &m, &d) != 0)
		return -1;
	return y * 10000 + m * 100 + d;
}
