/*
 * The report form's choices (model/reporting/choices.c) on the shipped
 * reference data: names found by code or by name ignoring case and
 * diacritics, the units each carrier may be reported in, and the list of
 * names a message shows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "fixture.h"
#include "model/reporting/choices.h"

static void
test_find(void **state)
{
	(void)state;
	struct db *db = fx_db_new("choices.db", NULL);
	struct choices *c = NULL;
	assert_int_equal(choices_load(db, &c), 0);
	/* data/products.csv has 29 products, carriers.csv 15 carriers, units.csv 15 units */
	assert_int_equal(c->nproduct, 29);
	assert_int_equal(c->ncarrier, 15);
	assert_int_equal(c->nunit, 15);
	const struct choice *x = choice_find(c->product, c->nproduct, "ice");
	assert_non_null(x);
	assert_string_equal(x->name_vi, "Nước đá");
	assert_string_equal(x->group, "3530");
	assert_string_equal(x->unit, "t");
	/* by name, with or without diacritics, any case, spaces around */
	assert_ptr_equal(choice_find(c->product, c->nproduct, "Nước đá"), x);
	assert_ptr_equal(choice_find(c->product, c->nproduct, "  NUOC DA "), x);
	assert_ptr_equal(choice_find(c->product, c->nproduct, "Ice"), x);
	assert_null(choice_find(c->product, c->nproduct, "nuoc"));
	assert_null(choice_find(c->product, c->nproduct, ""));
	assert_null(choice_find(c->product, c->nproduct, NULL));
	x = choice_find(c->carrier, c->ncarrier, "điện");
	assert_non_null(x);
	assert_string_equal(x->code, "electricity");
	assert_string_equal(x->group, "kWh"); /* its native unit */
	x = choice_find(c->unit, c->nunit, "tấn");
	assert_non_null(x);
	assert_string_equal(x->code, "t");
	assert_string_equal(x->group, "mass");
	choices_free(c);
	choices_free(NULL);
	db_close(db);
}

/*
 * data/carrier_factors.csv: electricity has a factor in kWh (dimension
 * electricity: kWh, MWh, GWh); DO in t (mass: kg, t) and kL (volume: L,
 * hl, kL, m3, 1000m3).
 */
static void
test_carrier_units(void **state)
{
	(void)state;
	struct db *db = fx_db_new("choices2.db", NULL);
	struct choices *c = NULL;
	char out[256];
	assert_int_equal(choices_load(db, &c), 0);
	assert_true(choices_carrier_unit(c, "electricity", "MWh"));
	assert_false(choices_carrier_unit(c, "electricity", "t"));
	assert_true(choices_carrier_unit(c, "do", "L"));
	assert_false(choices_carrier_unit(c, "do", "kWh"));
	assert_string_equal(choices_names(c, c->unit, c->nunit, "electricity", 0, out, sizeof(out)),
			    "kilôoát giờ, megaoát giờ, gigaoát giờ");
	assert_string_equal(choices_names(c, c->unit, c->nunit, "electricity", 1, out, sizeof(out)),
			    "kilowatt-hour, megawatt-hour, gigawatt-hour");
	/* By dimension, then to_base: kg (0.001) before t (1); L (0.001), hl (0.1), kL and
	 * m3 (1, by code), 1000m3 (1000). */
	assert_string_equal(choices_names(c, c->unit, c->nunit, "do", 0, out, sizeof(out)),
			    "kilôgam, tấn, lít, hectolít, nghìn lít, mét khối, nghìn mét khối");
	/* Too long for out: cut after a whole name, with "…". "kilôoát giờ" is 15
	 * bytes (ô and á 2, ờ 3), ", megaoát giờ" 16 more: 31 does not fit 20;
	 * "kilôoát giờ…" (15 + 3 + NUL) does. */
	assert_string_equal(choices_names(c, c->unit, c->nunit, "electricity", 0, out, 20),
			    "kilôoát giờ…");
	choices_free(c);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_find),
	    cmocka_unit_test(test_carrier_units),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
