/*
 * Unit tests for render/svg: the bar chart is well-formed XML (parsed with
 * libxml2), escapes its text, formats numbers in the chart's language, draws
 * a gap for a missing value and the target line over its years only.
 * Expected coordinates are worked out by hand from the geometry in svg.c:
 * a viewBox 320 wide; one row of 20 units per year, bars 12 high centred in
 * it; bars from x 44 (0 %) to 200 (100 %), so 1 % = 1.56 units; the visible
 * title's lines 18 units each, then a header row of 24 (the target's key at
 * its baseline, 7 above the first row), then the rows, the axis 2 below
 * them and 22 for the tick labels.
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
	 * The title has 41 characters: cut at the last space within 36, after
	 * "'năng" (34 characters), so two lines, 36 units; the header row's
	 * baseline at 36 + 24 - 7 = 53 and the first row's top at 36 + 24 = 60.
	 */
	assert_non_null(
	    strstr(s, ">Áp dụng &lt;SXSH&gt; &amp; &quot;tiết kiệm&quot; &#39;năng</text>"));
	assert_non_null(strstr(s, ">lượng&#39;</text>"));
	/* Four rows: the axis at 60 + 4 * 20 + 2 = 142, the height 142 + 22 = 164. */
	assert_non_null(strstr(s, "viewBox=\"0 0 320 164\""));
	/*
	 * 45.2 % (2018, the third row): its top 60 + 2 * 20 = 100, the bar 4
	 * lower at 104, 45.2 * 1.56 = 70.512 -> "70.5" long; its value 4 after
	 * the bar's end, 44 + 70.512 + 4 = 118.512 -> "118.5", on the row's
	 * baseline 100 + 10 + 5 = 115.
	 */
	assert_non_null(
	    strstr(s, "<rect class=\"bar\" x=\"44\" y=\"104\" width=\"70.5\" height=\"12\""));
	assert_non_null(strstr(s, "<text class=\"value\" x=\"118.5\" y=\"115\""));
	assert_non_null(strstr(s, "<text class=\"year\" x=\"4\" y=\"115\" font-size=\"13\""));
	/* Its coverage right-aligned at 316 on the same baseline. */
	assert_non_null(strstr(s, "<text class=\"coverage\" x=\"316\" y=\"115\" "
				  "text-anchor=\"end\" font-size=\"13\""));
	/*
	 * Target 50 %: x = 44 + 50 * 1.56 = 122; spans 2017..2019, rows 1..3,
	 * from the top of row 1 (60 + 20 = 80) to the bottom of row 3 (60 + 4 *
	 * 20 = 140).  Its key in the header row, above every bar's label: the
	 * words at x 44 + 20 = 64 on the baseline 53.
	 */
	assert_non_null(strstr(s, "x1=\"122.0\" y1=\"80\" x2=\"122.0\" y2=\"140\""));
	assert_non_null(strstr(s, "stroke-dasharray=\"6 4\""));
	assert_non_null(strstr(s, "<text x=\"64\" y=\"53\" font-size=\"13\" font-weight=\"bold\""));
	/* No text smaller than 13 units. */
	assert_null(strstr(s, "font-size=\"1\""));
	assert_null(strstr(s, "font-size=\"10\""));
	assert_null(strstr(s, "font-size=\"11\""));
	assert_null(strstr(s, "font-size=\"12\""));

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
	/*
	 * Whole chart: the title one line (18), so rows from 18 + 24 = 42; the
	 * target down all four, to 42 + 80 = 122.  7.5 %: x = 44 + 7.5 * 1.56 =
	 * 55.7.
	 */
	assert_non_null(strstr(s, "x1=\"55.7\" y1=\"42\" x2=\"55.7\" y2=\"122\""));
	/* 1234.5 % is clipped to the end of the plot (156 units), -3 % to an empty bar;
	 * both labelled as given, after the bar's end: 44 + 156 + 4 = 204 and 48. */
	assert_non_null(strstr(s, "width=\"156.0\""));
	assert_non_null(strstr(s, "width=\"0.0\""));
	assert_non_null(strstr(s, "x=\"204.0\" y=\"57\" font-size=\"13\""));
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

/* The dashboard's charts: the page's heading names them, no visible title. */
static void
test_chart_no_title(void **state)
{
	(void)state;
	const double values[] = {10, 20};
	struct svg_chart c = {.title = "Áp dụng SXSH",
			      .no_title = 1,
			      .n = 2,
			      .labels = years,
			      .values = values,
			      .target = 15,
			      .lang = LANG_VI};
	struct buf b;
	buf_init(&b, 1 << 20);
	svg_bar_chart(&b, &c);
	const char *s = buf_str(&b);
	/* The accessible name stays; no drawn title. */
	assert_non_null(strstr(s, "aria-label=\"Áp dụng SXSH\""));
	assert_null(strstr(s, "class=\"title\""));
	/* Rows from 24; two rows: axis 24 + 40 + 2 = 66, height 88; the
	 * target's key on 17; 2017's row at 44, its text baseline 59. */
	assert_non_null(strstr(s, "viewBox=\"0 0 320 88\""));
	assert_non_null(strstr(s, "<text x=\"64\" y=\"17\""));
	assert_non_null(strstr(s, "<text class=\"year\" x=\"4\" y=\"59\" font-size=\"13\" "
				  "fill=\"#222222\">2017</text>"));
	xmlFreeDoc(parse(s));
	buf_free(&b);
}

/*
 * The distribution at the same scale: 13-unit text, the reference's label
 * above the tallest bar's count.  Values 1, 2, 3, 4 in 2 bins over 1..4
 * (the norm 2.5 is inside): width 1.5, so 1 and 2 in the first bin, 3 and
 * 4 (the last value goes to the last bin) in the second; 2 each.  Title on
 * one line (18), the tallest bar's top 18 + 40 = 58, the axis 58 + 150 =
 * 208, the height 208 + 80 = 288.  Plot x 8..312 (304 units), bins 152
 * wide: the first bar at x 8 + 1 = 9, 150 wide and high from y 58; its
 * count centred at 8 + 76 = 84 on 58 - 4 = 54.  The norm at 8 + 304 * 1.5
 * / 3 = 160, not right of the middle (160): its label starts at 164 on
 * 58 - 22 = 36, 18 units above the counts' baseline.
 */
static void
test_distribution(void **state)
{
	(void)state;
	const double v[] = {1, 2, 3, 4};
	struct svg_dist d = {.title = "SEC",
			     .n = 4,
			     .values = v,
			     .nbins = 2,
			     .ref = 2.5,
			     .ref_label = "Định mức",
			     .q1 = 1.75,
			     .median = 2.5,
			     .q3 = 3.25,
			     .unit = "kWh/t",
			     .lang = LANG_VI};
	struct buf b;
	buf_init(&b, 1 << 20);
	svg_distribution(&b, &d);
	const char *s = buf_str(&b);
	assert_non_null(strstr(s, "viewBox=\"0 0 320 288\""));
	assert_non_null(strstr(s, "<rect class=\"bar\" x=\"9.0\" y=\"58.0\" width=\"150.0\" "
				  "height=\"150.0\""));
	assert_non_null(
	    strstr(s, "<text class=\"value\" x=\"84.0\" y=\"54.0\" "
		      "text-anchor=\"middle\" font-size=\"13\" fill=\"#222222\">2</text>"));
	assert_non_null(strstr(s, "<text class=\"target\" x=\"164.0\" y=\"36\" "
				  "text-anchor=\"start\" font-size=\"13\""));
	assert_null(strstr(s, "font-size=\"10\""));
	assert_null(strstr(s, "font-size=\"11\""));
	xmlFreeDoc(parse(s));
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
	    cmocka_unit_test(test_chart_no_title),
	    cmocka_unit_test(test_distribution),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
