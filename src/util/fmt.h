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
 * Writes v with exactly `decimals` digits after the separator into out
 * (size n, always NUL-terminated) and returns out.  Non-finite values print
 * as "—".
 */
char *fmt_num(char *out, size_t n, double v, int decimals, enum lang lang);
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
/* Returns 0 if s is an ISO date yyyy-mm-dd that exists in the calendar. */
int parse_date(const char *s, int *y, int *m, int *d);
/* An ISO date as the integer yyyymmdd (2025-06-30 -> 20250630), or -1. */
int date_num(const char *iso);

#endif
