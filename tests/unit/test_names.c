/*
 * Unit tests for model/names: every fixed code list with its exact codes
 * and labels (copied by hand from the tables they replaced: facility.c's
 * ownership and size options, workflow.c's state labels, the role names of
 * user.c and scope.c), and code -> entry -> code round trips.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/names.h"

/* Asserts that t (n entries) is exactly want, and that each code round-trips. */
static void
check_table(const struct name *t, int n, const struct name *want, int nwant)
{
	assert_int_equal(n, nwant);
	for (int i = 0; i < n; i++) {
		assert_string_equal(t[i].code, want[i].code);
		assert_string_equal(t[i].name_vi, want[i].name_vi);
		assert_string_equal(t[i].name_en, want[i].name_en);
		assert_string_equal(names_label(&t[i], 0), want[i].name_vi);
		assert_string_equal(names_label(&t[i], 1), want[i].name_en);
		assert_int_equal(names_index(t, n, want[i].code), i);
		const struct name *nm = names_find(t, n, want[i].code);
		assert_non_null(nm);
		assert_string_equal(nm->code, want[i].code);
	}
	assert_int_equal(names_index(t, n, "nope"), -1);
	assert_int_equal(names_index(t, n, ""), -1);
	assert_int_equal(names_index(t, n, NULL), -1);
	assert_null(names_find(t, n, "nope"));
	assert_null(names_find(t, n, NULL));
}

static void
test_ownership(void **state)
{
	(void)state;
	static const struct name want[] = {
	    {"state", "Nhà nước", "State-owned"},
	    {"private", "Tư nhân", "Private"},
	    {"fdi", "Vốn đầu tư nước ngoài", "Foreign-invested"},
	    {"household", "Hộ kinh doanh", "Household business"},
	    {"cooperative", "Hợp tác xã", "Cooperative"},
	};
	check_table(names_ownership, OWN__MAX, want, 5);
	assert_string_equal(names_ownership[OWN_FDI].code, "fdi");
	/* Codes are case-sensitive, as the schema's CHECK is. */
	assert_int_equal(names_index(names_ownership, OWN__MAX, "State"), -1);
}

static void
test_size(void **state)
{
	(void)state;
	static const struct name want[] = {
	    {"micro", "Siêu nhỏ", "Micro"},
	    {"small", "Nhỏ", "Small"},
	    {"medium", "Vừa", "Medium"},
	    {"large", "Lớn", "Large"},
	};
	check_table(names_size, SIZE__MAX, want, 4);
	assert_string_equal(names_size[SIZE_MEDIUM].code, "medium");
}

static void
test_role(void **state)
{
	(void)state;
	static const struct name want[] = {
	    {"admin", "Quản trị", "Administrator"},
	    {"province", "Cán bộ Sở", "Province staff"},
	    {"district", "Cán bộ huyện", "District staff"},
	    {"enterprise", "Doanh nghiệp", "Enterprise"},
	    {"expert", "Chuyên gia", "CP expert"},
	};
	check_table(names_role, ROLE__MAX, want, 5);
	assert_int_equal(names_index(names_role, ROLE__MAX, "expert"), ROLE_EXPERT);
	/* "public" is the scope spelling of no login, not a role. */
	assert_int_equal(names_index(names_role, ROLE__MAX, "public"), -1);
}

static void
test_state(void **state)
{
	(void)state;
	static const struct name want[] = {
	    {"draft", "Nháp", "Draft"},
	    {"submitted", "Đã nộp, chờ huyện xem xét", "Submitted, awaiting the district"},
	    {"forwarded", "Huyện đã duyệt, chờ Sở",
	     "Approved by the district, awaiting the province"},
	    {"returned", "Trả lại để chỉnh sửa", "Returned for correction"},
	    {"accepted", "Đã chấp nhận", "Accepted"},
	    {"in_progress", "Đang thực hiện", "In progress"},
	    {"sustaining", "Duy trì", "Sustaining"},
	};
	check_table(names_state, WF_STATE__MAX, want, 7);
	assert_int_equal(WF_REVIEW_STATES, 5);
}

static void
test_rstatus(void **state)
{
	(void)state;
	static const char *const want[RSTATUS__MAX] = {"draft", "submitted", "returned",
						       "accepted"};
	for (int i = 0; i < RSTATUS__MAX; i++) {
		assert_string_equal(names_rstatus_code(i), want[i]);
		/* status -> state -> code gives the status back */
		int s = names_index(names_state, WF_STATE__MAX, names_rstatus_code(i));
		assert_int_equal(s, (int)names_rstatus_state[i]);
	}
	assert_int_equal(names_rstatus_state[RSTATUS_RETURNED], WF_RETURNED);
	assert_string_equal(names_rstatus_code(-1), "");
	assert_string_equal(names_rstatus_code(RSTATUS__MAX), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ownership), cmocka_unit_test(test_size),
	    cmocka_unit_test(test_role),      cmocka_unit_test(test_state),
	    cmocka_unit_test(test_rstatus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
