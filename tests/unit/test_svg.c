/*
 * Unit tests for render/svg: the bar chart is well-formed XML (parsed with
 * libxml2), escapes its text, formats numbers in the chart's language, draws
 * a gap for a missing value and the target line over its years only.
 * Expected coordinates are worked out by hand from the geometry in svg.c
 * (plot x 48..628, y 230 at 0 % and 44 at 100 %, so 1 % = 1.86 units).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "render/svg.h"

/* Number of non-overlapping occurrences of needle in hay. */
static int
count(const char *hay, const char *needle)
{
	int n = 0;
	size_t len = strlen(needle);
	for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + len, needle))
		n++;
	return n;
}

/* Parses s as XML; fails the test unless it is well-formed with an <svg> root. */
static xmlDocPtr
parse(const char *s)
{
	xmlDocPtr doc = xmlReadMemory(s, (int)strlen(s), "chart.svg", "UTF-8",
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL)
		fail_msg("not well-formed XML: %s", s);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	assert_non_null(root);
	assert_string_equal((const char *)root->name, "svg");
	return doc;
}

/* The text of the first child element of the root called name. */
static char *
child_text(xmlDocPtr doc, const char *name)
{
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return (char *)xmlNodeGetContent(n);
	return NULL;
}

static const int years[] = {2016, 2017, 2018, 2019};

static void
test_chart_vi(void **state)
{
	(void)state;
	const double values[] = {12.5, NAN, 45.2, 50};
	const double coverage[] = {40, 0, 60.4, 100};
	struct svg_chart c = {
	    .title = "Áp dụng <SXSH> & \"tiết kiệm\" 'năng lượng'",
	    .n = 4,
	    .labels = years,
	    .values = values,
	    .coverage = coverage,
	    .target = 50,
	    .target_from = 2017,
	    .target_by = 2019,
	    .lang = LANG_VI,
	    .id = "kpi-aware",
	};
	struct buf b;
	buf_init(&b, 1 << 20);
	svg_bar_chart(&b, &c);
	assert_int_equal(b.overflow, 0);
	const char *s = buf_str(&b);

	/* Escaping: no raw markup from the title, every special character as an entity. */
	assert_null(strstr(s, "<SXSH>"));
	assert_non_null(strstr(s, "Áp dụng &lt;SXSH&gt; &amp; &quot;tiết kiệm&quot; "
				  "&#39;năng lượng&#39;"));
	/* CSP: no inline styles, no script. */
	assert_null(strstr(s, "style="));
	assert_null(strstr(s, "<script"));
	assert_non_null(strstr(s, "role=\"img\""));
	assert_non_null(strstr(s, "aria-labelledby=\"kpi-aware-title kpi-aware-desc\""));

	/* Vietnamese numbers: decimal comma, a space before %. */
	assert_non_null(strstr(s, ">12,5 %<"));
	assert_non_null(strstr(s, ">45,2 %<"));
	assert_non_null(strstr(s, ">50,0 %<"));
	assert_non_null(strstr(s, ">Mục tiêu 50 %<"));
	assert_null(strstr(s, "45.2"));
	/* Coverage under the bars, a percentage like any other (util/fmt.h: one
	 * decimal; it was shown whole before): 60.4 -> "60,4 %", 40 -> "40,0 %". */
	assert_non_null(strstr(s, "class=\"coverage\""));
	assert_non_null(strstr(s, ">60,4 %<"));
	assert_non_null(strstr(s, ">40,0 %<"));

	/* Three bars and one gap drawn as "—". */
	assert_int_equal(count(s, "<rect class=\"bar\""), 3);
	assert_int_equal(count(s, "class=\"gap\""), 1);
	assert_non_null(strstr(s, ">—</text>"));
	assert_non_null(strstr(s, "2017: không có số liệu"));

	/*
	 * 45.2 %: height 45.2 * 1.86 = 84.072 -> "84.1"; top 230 - 84.072 =
	 * 145.928 -> "145.9".  Slot width (628 - 48) / 4 = 145, bar 0.62 * 145 =
	 * 89.9, third bar centre 48 + 2.5 * 145 = 410.5, left 410.5 - 44.95 =
	 * 365.55 -> "365.6" (printf rounds the binary value 365.549.. or
	 * 365.550.. either way to one decimal; accept both).
	 */
	assert_non_null(strstr(s, "y=\"145.9\" width=\"89.9\" height=\"84.1\""));
	assert_true(strstr(s, "x=\"365.6\" y=\"145.9\"") != NULL ||
		    strstr(s, "x=\"365.5\" y=\"145.9\"") != NULL);
	/* Target 50 %: y = 230 - 93 = 137; spans 2017..2019 = slots 1..3: x 193 to 628. */
	assert_non_null(strstr(s, "x1=\"193.0\" y1=\"137.0\" x2=\"628.0\" y2=\"137.0\""));
	assert_non_null(strstr(s, "stroke-dasharray=\"6 4\""));

	xmlDocPtr doc = parse(s);
	char *title = child_text(doc, "title");
	assert_non_null(title);
	/* The parser gives back the title exactly as given. */
	assert_string_equal(title, c.title);
	xmlFree(title);
	char *desc = child_text(doc, "desc");
	assert_non_null(desc);
	assert_string_equal(desc, "2016: 12,5 % (độ phủ 40,0 %); 2017: không có số liệu "
				  "(độ phủ 0,0 %); 2018: 45,2 % (độ phủ 60,4 %); "
				  "2019: 50,0 % (độ phủ 100,0 %). Mục tiêu 50 % (2017–2019).");
	xmlFree(desc);
	xmlFreeDoc(doc);
	buf_free(&b);
}

static void
test_chart_en_fraction_target(void **state)
{
	(void)state;
	const double values[] = {1234.5, -3, 0, 7.25};
	struct svg_chart c = {.title = "Energy",
			      .n = 4,
			      .labels = years,
			      .values = values,
			      .coverage = NULL,
			      .target = 7.5,
			      .lang = LANG_EN};
	struct buf b;
	buf_init(&b, 1 << 20);
	svg_bar_chart(&b, &c);
	const char *s = buf_str(&b);
	/* English: grouping comma, decimal point, no space before %. */
	assert_non_null(strstr(s, ">1,234.5%<"));
	assert_non_null(strstr(s, ">-3.0%<"));
	assert_non_null(strstr(s, ">Target 7.5%<"));
	/* 7.25 (exact in binary) to one decimal, half away from zero (util/fmt.h;
	 * printf's half to even gave 7.2 before): 7.3. */
	assert_non_null(strstr(s, ">7.3%<"));
	/* No id: the accessible name is an aria-label. */
	assert_non_null(strstr(s, "aria-label=\"Energy\""));
	/* No coverage: no legend about it. */
	assert_null(strstr(s, "class=\"legend\""));
	/* Whole chart: target from the first slot (x 48) to the last (x 628).  7.5 %:
	 * y = 230 - 7.5 * 1.86 = 216.05 -> "216.1" or "216.0" depending on the binary value. */
	assert_true(strstr(s, "x1=\"48.0\" y1=\"216.1\" x2=\"628.0\"") != NULL ||
		    strstr(s, "x1=\"48.0\" y1=\"216.0\" x2=\"628.0\"") != NULL);
	/* 1234.5 % is clipped to the top of the plot (y 44), -3 % to a zero-height bar. */
	assert_non_null(strstr(s, "y=\"44.0\""));
	assert_non_null(strstr(s, "height=\"0.0\""));
	xmlFreeDoc(parse(s));
	buf_free(&b);
}

static void
test_chart_empty_and_bad_text(void **state)
{
	(void)state;
	struct svg_chart c = {.title = "a\x01"
				       "b\xff"
				       "c\xc3",
			      .n = 0,
			      .target = NAN,
			      .lang = LANG_VI,
			      .id = "x\"y"};
	struct buf b;
	buf_init(&b, 1 << 20);
	svg_bar_chart(&b, &c);
	const char *s = buf_str(&b);
	/* Control character -> space; bad bytes (0xff, a cut-off 2-byte lead) -> U+FFFD. */
	assert_non_null(strstr(s, ">a b\xEF\xBF\xBD"
				  "c\xEF\xBF\xBD</title>"));
	assert_non_null(strstr(s, "x&quot;y-title"));
	assert_non_null(strstr(s, "Chưa có số liệu"));
	assert_int_equal(count(s, "<rect"), 0);
	assert_null(strstr(s, "Mục tiêu"));
	xmlFreeDoc(parse(s));
	buf_free(&b);
}

static void
test_chart_target_outside(void **state)
{
	(void)state;
	const double values[] = {10, 20, 30, 40};
	struct svg_chart c = {.title = "t",
			      .n = 4,
			      .labels = years,
			      .values = values,
			      .target = 25,
			      .target_from = 2010,
			      .target_by = 2015,
			      .lang = LANG_VI};
	struct buf b;
	buf_init(&b, 1 << 20);
	svg_bar_chart(&b, &c);
	const char *s = buf_str(&b);
	/* 2010-2015 lies before the chart's years: no line, but the description says it. */
	assert_null(strstr(s, "class=\"target\""));
	assert_non_null(strstr(s, "Mục tiêu 25 % (2010–2015)"));
	xmlFreeDoc(parse(s));
	buf_free(&b);

	/* A buffer too small for the chart reports overflow instead of cutting it silently. */
	buf_init(&b, 100);
	svg_bar_chart(&b, &c);
	assert_int_equal(b.overflow, 1);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_chart_vi),
	    cmocka_unit_test(test_chart_en_fraction_target),
	    cmocka_unit_test(test_chart_empty_and_bad_text),
	    cmocka_unit_test(test_chart_target_outside),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
