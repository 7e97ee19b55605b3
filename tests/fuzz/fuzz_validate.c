/*
 * libFuzzer driver over the field validators (src/model/validate.c) and the
 * text parsers under them (src/util/fmt.c, src/util/fold.c).  The input,
 * cut at its first NUL, is fed to every validator and parser as one field.
 * Built and run by scripts/fuzz.sh.
 *
 * Invariants checked:
 *   - a validator that fails fills a message that renders, in each
 *     language and in both, non-empty and shorter than VAL_MSG_MAX (so
 *     never cut), valid UTF-8 when the field was; one that succeeds
 *     stores a value inside its range;
 *   - parse_double accepting a string gives a finite value, and a value
 *     below 1e15 survives fmt_num -> parse_double (Vietnamese form);
 *     parse_int64 survives fmt_int; parse_date gives a real calendar day;
 *   - fold_key gives valid UTF-8 without leading, trailing or doubled
 *     spaces and is idempotent: fold_key(fold_key(s)) == fold_key(s);
 *   - utf8_width never exceeds the byte length.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/validate.h"
#include "util/alloc.h"
#include "util/fmt.h"
#include "util/fold.h"

static const struct val_label lbl = {"trường", "field"};

/* Checks the message m of a validator that returned rc on field s. */
static void
check_msg(int rc, const char *s, const struct msg *m)
{
	char msg[VAL_MSG_MAX];
	if (rc == VAL_OK)
		return;
	if (rc > 0 || rc < VAL_NOT_ALLOWED)
		abort();
	for (int lang = LANG_VI; lang <= MSG_BOTH; lang++) {
		msg_format(m, lang, msg, sizeof(msg));
		size_t n = strlen(msg);
		if (n == 0 || n + 1 >= VAL_MSG_MAX)
			abort();
		if (utf8_valid(s, strlen(s)) && !utf8_valid(msg, n))
			abort();
	}
}

static void
check_validators(const char *s)
{
	struct msg msg;
	int rc, e;
	int64_t i64;
	double d;

	for (int household = 0; household < 2; household++) {
		msg_init(&msg, MSG_NONE, NULL);
		rc = val_tax_code(s, household, &msg);
		check_msg(rc, s, &msg);
		if (rc == VAL_OK && strlen(s) != 10 && strlen(s) != 14 &&
		    !(household && strlen(s) == 12))
			abort();
	}
	int (*const enums[])(const char *, int *, struct msg *) = {
	    val_ownership, val_size, val_fstatus, val_rstatus, val_water};
	const int nenum[] = {OWN__MAX, SIZE__MAX, FSTATUS__MAX, RSTATUS__MAX, WATER__MAX};
	for (size_t k = 0; k < sizeof(enums) / sizeof(enums[0]); k++) {
		msg_init(&msg, MSG_NONE, NULL);
		e = -1;
		rc = enums[k](s, &e, &msg);
		check_msg(rc, s, &msg);
		if (rc == VAL_OK && (e < 0 || e >= nenum[k]))
			abort();
	}
	msg_init(&msg, MSG_NONE, NULL);
	rc = val_int_range(s, -1000, 1000, &lbl, &i64, &msg);
	check_msg(rc, s, &msg);
	if (rc == VAL_OK && (i64 < -1000 || i64 > 1000))
		abort();
	msg_init(&msg, MSG_NONE, NULL);
	rc = val_int_range(s, INT64_MIN, INT64_MAX, &lbl, &i64, &msg);
	check_msg(rc, s, &msg);
	msg_init(&msg, MSG_NONE, NULL);
	rc = val_double_range(s, -1e9, 1e9, &lbl, &d, &msg);
	check_msg(rc, s, &msg);
	if (rc == VAL_OK && !(d >= -1e9 && d <= 1e9 && !(d == 0 && signbit(d))))
		abort();
	msg_init(&msg, MSG_NONE, NULL);
	rc = val_year(s, &lbl, &e, &msg);
	check_msg(rc, s, &msg);
	if (rc == VAL_OK && (e < 1900 || e > 2100))
		abort();
	msg_init(&msg, MSG_NONE, NULL);
	rc = val_month(s, &lbl, &e, &msg);
	check_msg(rc, s, &msg);
	if (rc == VAL_OK && (e < 1 || e > 12))
		abort();
	msg_init(&msg, MSG_NONE, NULL);
	rc = val_bool01(s, &lbl, &e, &msg);
	check_msg(rc, s, &msg);
	if (rc == VAL_OK && e != 0 && e != 1)
		abort();
	msg_init(&msg, MSG_NONE, NULL);
	check_msg(val_unknown_code(&lbl, s, &msg), s, &msg);

	char ex[80];
	val_excerpt(ex, sizeof(ex), s);
	if (strlen(ex) > 63 || (utf8_valid(s, strlen(s)) && !utf8_valid(ex, strlen(ex))))
		abort();
}

static void
check_parsers(const char *s)
{
	char txt[96];
	double d, back;
	int64_t i64, iback;
	int y, m, dd;

	for (int vi = 0; vi < 2; vi++) {
		if (parse_double(s, &d, vi) != 0)
			continue;
		if (!isfinite(d))
			abort();
		if (fabs(d) < 1e15) {
			/* Two decimals round by at most 0.005; at 1e15 a double's step is 0.125. */
			fmt_num(txt, sizeof(txt), d, 2, LANG_VI);
			if (parse_double(txt, &back, 1) != 0 ||
			    fabs(back - d) > 0.005 + fabs(d) * 4e-16 + 1e-9)
				abort();
		}
	}
	if (parse_int64(s, &i64) == 0) {
		/* fmt_int groups with ','; dropping the commas gives the digits back. */
		char plain[96];
		size_t o = 0;
		fmt_int(txt, sizeof(txt), i64, LANG_EN);
		for (const char *p = txt; *p; p++)
			if (*p != ',')
				plain[o++] = *p;
		plain[o] = '\0';
		if (parse_int64(plain, &iback) != 0 || iback != i64)
			abort();
	}
	if (parse_date(s, &y, &m, &dd) == 0) {
		static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		if (m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1] ||
		    date_num(s) != y * 10000 + m * 100 + dd)
			abort();
	}
}

static void
check_fold(const char *s)
{
	size_t n = strlen(s);
	if (utf8_width(s) < 0 || (size_t)utf8_width(s) > n)
		abort();
	char *k = fold_key(s), *k2 = fold_key(k);
	size_t kl = strlen(k);
	if (!utf8_valid(k, kl) || strcmp(k, k2) != 0)
		abort();
	if (kl > 0 && (k[0] == ' ' || k[kl - 1] == ' ' || strstr(k, "  ") != NULL))
		abort();
	free(k);
	free(k2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	check_validators(s);
	check_parsers(s);
	check_fold(s);
	free(s);
	return 0;
}
