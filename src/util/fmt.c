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
	if (decimals > 9)
		decimals = 9;
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, fabs(v));
	int neg = v < 0 && strspn(tmp, "0.") != strlen(tmp);
	char *dot = strchr(tmp, '.');
	const char *frac = "";
	if (dot) {
		*dot = '\0';
		frac = dot + 1;
	}
	char grouped[64];
	group(grouped, sizeof(grouped), tmp, lang == LANG_VI ? '.' : ',');
	if (decimals > 0)
		snprintf(out, n, "%s%s%c%s", neg ? "-" : "", grouped, lang == LANG_VI ? ',' : '.',
			 frac);
	else
		snprintf(out, n, "%s%s", neg ? "-" : "", grouped);
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
