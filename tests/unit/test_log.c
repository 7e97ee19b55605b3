/*
 * Unit tests for util/log.c: the escaping that keeps every message one line
 * of printable UTF-8, the written line itself (stderr redirected to a file),
 * and folding a request's messages into one line.  Expected strings are
 * worked out by hand from the table in log.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"
#include "util/log.h"

/* Escapes the len bytes of in into a large buffer and compares with want. */
static void
check_escape(const char *in, size_t len, const char *want)
{
	char out[256];
	size_t used;
	size_t n = log_escape(out, sizeof(out), in, len, &used);
	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
	assert_int_equal(used, len);
}

#define CHECK(lit, want) check_escape(lit, sizeof(lit) - 1, want)

static void
test_escape_c0(void **state)
{
	(void)state;
	CHECK("plain text 123", "plain text 123");
	CHECK("a\r\nb\tc", "a\\r\\nb\\tc");
	/* ESC [ 2 J (clear screen), BEL, DEL, and a NUL inside the text. */
	CHECK("\x1b[2J\a\x7f", "\\x1b[2J\\x07\\x7f");
	CHECK("x\0y", "x\\x00y");
	CHECK("\x01\x1f", "\\x01\\x1f");
	/* A backslash doubles, so "\x1b" typed by a client reads back as typed. */
	CHECK("\\x1b", "\\\\x1b");
	CHECK("", "");
}

static void
test_escape_utf8(void **state)
{
	(void)state;
	/* Vietnamese passes unchanged: "Sở Công Thương" (precomposed). */
	CHECK("S\xe1\xbb\x9f C\xc3\xb4ng Th\xc6\xb0\xc6\xa1ng",
	      "S\xe1\xbb\x9f C\xc3\xb4ng Th\xc6\xb0\xc6\xa1ng");
	/* C1 controls as UTF-8: NEL (C2 85) and CSI (C2 9B); U+00A0 is not one. */
	CHECK("a\xc2\x85"
	      "b\xc2\x9b"
	      "c\xc2\xa0",
	      "a\\u0085b\\u009bc\xc2\xa0");
	/* LINE SEPARATOR E2 80 A8, PARAGRAPH SEPARATOR E2 80 A9. */
	CHECK("1\xe2\x80\xa8"
	      "2\xe2\x80\xa9",
	      "1\\u20282\\u2029");
	/* Bytes that do not start valid UTF-8, one \xHH each. */
	CHECK("\xff", "\\xff");
	CHECK("\x80z", "\\x80z");
	CHECK("\xc0\xaf", "\\xc0\\xaf");	  /* overlong "/" */
	CHECK("\xed\xa0\x80", "\\xed\\xa0\\x80"); /* surrogate U+D800 */
	CHECK("\xe1\xba", "\\xe1\\xba");	  /* cut sequence at the end */
	/* A raw 8-bit CSI (9B) is not UTF-8 either. */
	CHECK("\x9b"
	      "31m",
	      "\\x9b31m");
}

static void
test_escape_cut(void **state)
{
	(void)state;
	char out[8]; /* 7 bytes of text and the NUL */
	size_t used;
	/* "ab", ESC as 4 bytes, "c": 7 bytes, fits. */
	assert_int_equal(log_escape(out, sizeof(out),
				    "ab\x1b"
				    "c",
				    4, &used),
			 7);
	assert_string_equal(out, "ab\\x1bc");
	assert_int_equal(used, 4);
	/* "abcd" and ESC would need 8: the escape is never split, it is left out. */
	assert_int_equal(log_escape(out, sizeof(out), "abcd\x1b", 5, &used), 4);
	assert_string_equal(out, "abcd");
	assert_int_equal(used, 4);
	/* Nor is a UTF-8 sequence: "abcdef" and "ơ" (C6 A1) would need 8. */
	assert_int_equal(log_escape(out, sizeof(out), "abcdef\xc6\xa1", 8, &used), 6);
	assert_string_equal(out, "abcdef");
	assert_int_equal(used, 6);
	char one[1];
	assert_int_equal(log_escape(one, 1, "x", 1, &used), 0);
	assert_int_equal(used, 0);
	assert_string_equal(one, "");
}

/*
 * Runs fn with stderr sent to a file and returns what was written there
 * (malloc'd).
 */
static char *
capture_stderr(void (*fn)(void))
{
	const char *path = tu_path("stderr.log");
	FILE *f = fopen(path, "w+");
	assert_non_null(f);
	int saved = dup(2);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(f), 2) >= 0);
	fn();
	assert_true(dup2(saved, 2) >= 0);
	close(saved);
	fclose(f);
	char *text = tu_read_file(path, NULL);
	assert_non_null(text);
	return text;
}

static void
log_two_lines(void)
{
	log_info("path=%s agent=%s", "/a\r\nb", "\x1b]0;x\x07");
	log_warn("second");
	log_msg(LOG_DEBUG, "dropped below the level");
}

static void
test_line(void **state)
{
	(void)state;
	char *text = capture_stderr(log_two_lines);
	/* "2025-01-02T03:04:05Z sxsh info: ..." : a 20-byte timestamp, then the message. */
	char *nl = strchr(text, '\n');
	assert_non_null(nl);
	*nl = '\0';
	assert_int_equal(strlen(text),
			 20 + strlen(" sxsh info: path=/a\\r\\nb agent=\\x1b]0;x\\x07"));
	assert_int_equal(text[4], '-');
	assert_int_equal(text[10], 'T');
	assert_int_equal(text[19], 'Z');
	assert_string_equal(text + 20, " sxsh info: path=/a\\r\\nb agent=\\x1b]0;x\\x07");
	char *second = nl + 1;
	nl = strchr(second, '\n');
	assert_non_null(nl);
	assert_string_equal(nl + 1, "");
	*nl = '\0';
	assert_string_equal(second + 20, " sxsh warn: second");
	free(text);
}

static void
log_long(void)
{
	char big[6000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	log_info("%s", big);
}

static void
test_line_cut(void **state)
{
	(void)state;
	char *text = capture_stderr(log_long);
	size_t len = strlen(text);
	/* One line of at most LOG_LINE_MAX bytes, ending "…\n". */
	assert_true(len <= LOG_LINE_MAX);
	assert_non_null(strchr(text, '\n'));
	assert_ptr_equal(strchr(text, '\n'), text + len - 1);
	assert_memory_equal(text + len - 4, "\xe2\x80\xa6\n", 4);
	free(text);
}

static struct log_fold fold;

static void
log_folded(void)
{
	log_fold_init(&fold);
	log_fold_begin(&fold);
	log_warn("db: step failed:\n%s", "locked");
	log_msg(LOG_DEBUG, "below the level, dropped");
	log_err("http: handler for %s failed", "/x");
	log_fold_end();
	log_info("after the fold");
}

static void
test_fold(void **state)
{
	(void)state;
	char *text = capture_stderr(log_folded);
	/* Only the message after the fold was written. */
	assert_string_equal(text + 20, " sxsh info: after the fold\n");
	/* The folded text is raw; the line that carries it escapes it. */
	assert_string_equal(fold.text, "db: step failed:\nlocked; http: handler for /x failed");
	assert_int_equal(fold.len, strlen(fold.text));
	assert_int_equal(fold.level, LOG_ERR);
	assert_int_equal(fold.count, 2);
	assert_int_equal(fold.cut, 0);
	free(text);
}

static void
log_fold_full(void)
{
	log_fold_init(&fold);
	log_fold_begin(&fold);
	char part[300];
	memset(part, 'a', sizeof(part) - 1);
	part[sizeof(part) - 1] = '\0';
	/* 299 bytes with "ơ" (C6 A1) at 116-117, where the fourth message is cut. */
	part[116] = '\xc6';
	part[117] = '\xa1';
	for (int i = 0; i < 5; i++)
		log_info("%s", part);
	log_fold_end();
}

static void
test_fold_cut(void **state)
{
	(void)state;
	char *text = capture_stderr(log_fold_full);
	assert_string_equal(text, "");
	/*
	 * Three messages and their two separators: 3 x 299 + 2 x 2 = 901 bytes.
	 * The fourth gets "; " and room for 1020 - 903 = 117 bytes, which would
	 * end inside "ơ": 116 bytes of 'a', then "…" (3 bytes).
	 */
	assert_int_equal(fold.len, 901 + 2 + 116 + 3);
	assert_int_equal(fold.count, 5);
	assert_int_equal(fold.cut, 1);
	assert_memory_equal(fold.text + fold.len - 5, "aa\xe2\x80\xa6", 5);
	assert_int_equal(fold.text[fold.len], '\0');
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escape_c0),  cmocka_unit_test(test_escape_utf8),
	    cmocka_unit_test(test_escape_cut), cmocka_unit_test(test_line),
	    cmocka_unit_test(test_line_cut),   cmocka_unit_test(test_fold),
	    cmocka_unit_test(test_fold_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
