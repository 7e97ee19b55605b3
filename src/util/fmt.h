/*
 * Number and date formatting and strict parsing.  Vietnamese output groups
 * thousands with '.' and uses ',' for decimals (16.055,31); English output
 * uses 16,055.31.  Dates print as dd/mm/yyyy in both.
 */
#ifndef SXSH_UTIL_FMT_H
#define SXSH_UTIL_FMT_H

#include <stddef.h>
#include <stdint.h>

enum lang { LANG_VI = 0, LANG_EN = 1 };

/*
 * Writes v with exactly `decimals` (0..9) digits after the separator into
 * out (size n, always NUL-terminated) and returns out.  Non-finite values
 * print as "—"; a value that rounds to zero prints without a sign.
 *
 * Rounding, the one rule for every number shown to people: v is read at
 * 15 significant digits (DBL_DIG, the precision Excel works at), which
 * drops the noise of binary floating point, and that decimal is rounded
 * half away from zero, as Excel's ROUND and number formats do: 56.25 ->
 * "56,3"; 1.005 (stored as 1.00499999999999989...) -> "1,01"; 0.145 x 100
 * (computed as 14.499999999999998) -> "15"; 0.5 -> "1"; -0.5 -> "-1".
 */
char *fmt_num(char *out, size_t n, double v, int decimals, enum lang lang);

/*
 * The quantities sxsh shows to people, each always with the same decimals
 * on the command line, the pages, the charts and the workbooks:
 */
enum fmt_qty {
	FMT_TOE,    /* tonnes of oil equivalent: 2 decimals, "1.000,00" */
	FMT_GJ,	    /* gigajoules: 1 decimal */
	FMT_CO2,    /* tonnes of CO2: 1 decimal */
	FMT_QTY,    /* a reported quantity or output in its unit: 2 decimals */
	FMT_PCT,    /* a share, coverage, change, saving or ratio in percent: 1 decimal,
		       "56,3 %" (vi), "56.3%" (en) */
	FMT_TARGET, /* a target in percent: whole, "50 %", one decimal only when it has
		       one, "7,5 %" */
	FMT_SEC,    /* a SEC, a norm, a quartile: 4 significant digits, 0..6 decimals:
		       "286,0", "14.000", "0,1080" */
	FMT_RANK,   /* a percentile rank (0..100): whole, "40" */
	FMT__MAX
};

/*
 * Writes v as quantity q (fmt_num's rounding; the percent sign for
 * FMT_PCT and FMT_TARGET) into out (size n) and returns out.  "—" for a
 * non-finite v.
 */
char *fmt_qty(char *out, size_t n, double v, enum fmt_qty q, enum lang lang);
/* The decimals fmt_qty shows v of q with (for a spreadsheet cell's format). */
int fmt_qty_decimals(enum fmt_qty q, double v);

char *fmt_int(char *out, size_t n, int64_t v, enum lang lang);
/*
 * Writes v with '.' decimals in the shortest of %.15g, %.16g and %.17g that reads
 * back (strtod, parse_double) as exactly v, into out (size n, at least 32
 * for any value), and returns out: what the CSV export, the API and the
 * forms write into a field, so a value read back is the value stored.
 */
char *fmt_exact(char *out, size_t n, double v);
/* Formats an ISO date "yyyy-mm-dd" as dd/mm/yyyy; other input is copied. */
char *fmt_date(char *out, size_t n, const char *iso);

/*
 * Strict parsers: the whole of s (after trimming spaces) must be the
 * number.  parse_double accepts "1234.5", and when lang_vi_ok is set also
 * the Vietnamese forms "1.234,5" and "1234,5".  Return 0 on success, -1 on
 * anything else (empty, trailing text, overflow, NaN).
 */
int parse_int64(const char *s, int64_t *out);
int parse_double(const char *s, double *out, int lang_vi_ok);
/*
 * A number as a person types it on a page in lang: on Vietnamese pages
 * '.' groups thousands and ',' is the decimal mark ("12.500" is 12500,
 * "3,5" is 3.5, "1.234.567,8" works); on English pages the other way
 * round.  Spaces may also group thousands.  Groups after the first have
 * exactly three digits.  No exponent.  Returns:
 *   NUM_OK       *out is the value;
 *   NUM_TWO_WAYS the text reads as one value in lang and as another in the
 *                other language ("1,234" on a Vietnamese page: 1,234 or
 *                1234): *out is lang's reading, *alt the other's; refuse it
 *                and show both;
 *   NUM_BAD      not a number in lang; *alt is its reading in the other
 *                language when it has one ("12.5" on a Vietnamese page:
 *                12.5, to suggest "12,5"), else NAN.
 * The value is the double nearest the decimal written (as strtod).
 */
enum num_read { NUM_OK, NUM_TWO_WAYS, NUM_BAD };
enum num_read parse_num_user(const char *s, enum lang lang, double *out, double *alt);

/* Returns 0 if s is an ISO date yyyy-mm-dd that exists in the calendar. */
int parse_date(const char *s, int *y, int *m, int *d);
/* An ISO date as the integer yyyymmdd (2025-06-30 -> 20250630), or -1. */
int date_num(const char *iso);

#endif
