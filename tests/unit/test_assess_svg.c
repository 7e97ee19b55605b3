/*
 * Unit tests for render/assess_svg: the process flow chart drawn from a
 * process built in memory (no database): accessible title and description,
 * text escaped, waste told in words, the flow into the next step on the
 * arrow, a flow into a later step named on both ends, no script and no
 * style attribute, and Vietnamese numbers.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "render/assess_svg.h"

static struct process_line
line(int64_t id, int64_t step, int dir, int stream, const char *name, double qty, const char *unit,
     int64_t to_step)
{
	struct process_line l;
	memset(&l, 0, sizeof(l));
	l.id = id;
	l.step_id = step;
	l.dir = dir;
	l.stream = stream;
	l.name = name;
	l.carrier = "";
	l.unit = unit;
	l.note = "";
	l.qty = qty;
	l.to_step_id = to_step;
	l.lost_value = l.treatment_cost = l.tonnes = l.gj = NAN;
	l.left_why = "";
	return l;
}

static void
test_chart(void **state)
{
	(void)state;
	/* names_stream: 0 material, 2 water, 3 product, 4 waste */
	struct process_line l1[] = {
	    line(1, 10, BAL_IN, 0, "Cá <tra> & \"nguyên\" con", 10, "t", 0),
	    line(2, 10, BAL_IN, 2, "Nước", 15, "m3", 0),
	    line(3, 10, BAL_OUT, 3, "Phi lê", 4.2, "t", 20),
	    line(4, 10, BAL_OUT, 4, "Phụ phẩm", 5.6, "t", 0),
	    line(5, 10, BAL_OUT, 0, "Vụn đá", 1, "t", 30),
	};
	struct process_line l2[] = {line(6, 20, BAL_OUT, 3, "Phi lê đông lạnh", 4.2, "t", 0)};
	struct process_line l3[] = {line(7, 30, BAL_OUT, 4, "Nước đá tan", 1, "m3", 0)};
	const struct process_line *f2[] = {&l1[2]}, *f3[] = {&l1[4]};
	struct process_step steps[3];
	memset(steps, 0, sizeof(steps));
	steps[0] = (struct process_step){
	    .id = 10, .seq = 1, .name = "Phi lê", .description = "", .nlines = 5, .lines = l1};
	steps[1] = (struct process_step){.id = 20,
					 .seq = 2,
					 .name = "Cấp đông",
					 .description = "",
					 .nlines = 1,
					 .lines = l2,
					 .nfeeds = 1,
					 .feeds = f2};
	steps[2] = (struct process_step){.id = 30,
					 .seq = 3,
					 .name = "Đóng gói",
					 .description = "",
					 .nlines = 1,
					 .lines = l3,
					 .nfeeds = 1,
					 .feeds = f3};
	struct process p;
	memset(&p, 0, sizeof(p));
	p.nsteps = 3;
	p.steps = steps;
	struct buf b;
	buf_init(&b, 1 << 20);
	struct assess_svg_opts o = {.lang = LANG_VI, .id = "pd"};
	assess_svg_process(&b, &p, &o);
	const char *s = buf_str(&b);
	assert_false(b.overflow);
	assert_non_null(strstr(s, "role=\"img\" aria-labelledby=\"pd-title pd-desc\""));
	assert_non_null(strstr(s, "<title id=\"pd-title\">Sơ đồ công nghệ</title>"));
	assert_non_null(strstr(s, "<desc id=\"pd-desc\">Công đoạn 1: Phi lê"));
	/* escaped, wherever it is wrapped */
	assert_null(strstr(s, "<tra>"));
	assert_non_null(strstr(s, "&lt;tra&gt;"));
	assert_non_null(strstr(s, "&amp;"));
	/* waste in words, dashed; numbers Vietnamese-style; m3 as m³ */
	assert_non_null(strstr(s, "Chất thải: 5,60 t"));
	assert_non_null(strstr(s, "stroke-dasharray"));
	assert_non_null(strstr(s, "15,00 m³"));
	/* the fillet rides on the arrow to step 2; the ice goes to step 3 by name */
	assert_non_null(strstr(s, "<g class=\"feed\">"));
	assert_non_null(strstr(s, "→ công đoạn 3: Vụn"));
	assert_non_null(strstr(s, "← từ công đoạn 1:"));
	assert_null(strstr(s, "style="));
	assert_null(strstr(s, "<script"));
	/* balanced: as many <g> as </g> */
	int open = 0, close = 0;
	for (const char *q = s; (q = strstr(q, "<g ")) != NULL; q++)
		open++;
	for (const char *q = s; (q = strstr(q, "</g>")) != NULL; q++)
		close++;
	assert_int_equal(open, close);
	buf_free(&b);
	/* no step: a short chart that says so; English */
	buf_init(&b, 1 << 16);
	p.nsteps = 0;
	o.lang = LANG_EN;
	assess_svg_process(&b, &p, &o);
	assert_non_null(strstr(buf_str(&b), "No process step yet."));
	assert_non_null(strstr(buf_str(&b), "viewBox=\"0 0 320 40\""));
	buf_free(&b);
}

static void
test_unit_label(void **state)
{
	(void)state;
	assert_string_equal(assess_unit_label(NULL, "m3", LANG_VI), "m³");
	assert_string_equal(assess_unit_label(NULL, "kWh", LANG_EN), "kWh");
	assert_string_equal(assess_unit_label(NULL, "piece", LANG_VI), "piece");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_chart),
	    cmocka_unit_test(test_unit_label),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
