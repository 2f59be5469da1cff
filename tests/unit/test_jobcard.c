/*
 * Job numbers, client codes and the brief's approval.
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

#include "date.h"
#include "jobcard.h"

static const char *
next(const char *pattern, int year, const char *code,
    const char *const *existing, size_t n)
{
	static char out[64];
	struct ae_error err;

	ae_error_clear(&err);
	if (jc_next_number(pattern, year, code, existing, n, out, sizeof(out),
	    &err) != 0)
		return NULL;
	return out;
}

static void
test_numbers(void **state)
{
	const char *reg[] = { "2025-0118", "2026-0041", "2026-0042",
		"AB-26007", "AB-26001", "2026-9999x" };
	const char *full[] = { "2026-9999" };

	(void)state;
	assert_string_equal(next("{yyyy}-{seq:4}", 2026, NULL, reg, 6),
	    "2026-0043");
	/* A new year starts again at 1. */
	assert_string_equal(next("{yyyy}-{seq:4}", 2027, NULL, reg, 6),
	    "2027-0001");
	assert_string_equal(next("{client}-{yy}{seq:3}", 2026, "AB", reg, 6),
	    "AB-26008");
	assert_string_equal(next("{client}-{yy}{seq:3}", 2026, "GLO", reg, 6),
	    "GLO-26001");
	assert_string_equal(next("J{seq}", 2026, NULL, reg, 6), "J1");
	/* The width grows rather than wrapping. */
	assert_string_equal(next("{yyyy}-{seq:4}", 2026, NULL, full, 1),
	    "2026-10000");
}

static void
test_pattern_check(void **state)
{
	struct ae_error err;
	int uses;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(jc_pattern_check("{yyyy}-{seq:4}", &uses, &err), 0);
	assert_false(uses);
	assert_int_equal(jc_pattern_check("{client}{seq}", &uses, &err), 0);
	assert_true(uses);
	assert_int_equal(jc_pattern_check("{yyyy}", &uses, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(jc_pattern_check("{seq}{seq}", &uses, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(jc_pattern_check("{seq:0}", &uses, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(jc_pattern_check("{seq}}", &uses, &err), -1);
}

static void
test_client_code(void **state)
{
	char a[16], b[16];

	(void)state;
	jc_client_code("Acme Beverages", a);
	assert_string_equal(a, "AB");
	jc_client_code("Globex", a);
	assert_string_equal(a, "GLO");
	jc_client_code("上海某某食品有限公司", a);
	jc_client_code("上海某某食品有限公司", b);
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), 5);
	assert_int_equal(a[0], 'C');
	jc_client_code("北京星辰科技", b);
	assert_string_not_equal(a, b);
}

static void
test_approval(void **state)
{
	json_t *ok = json_loads("{\"approvals\":{\"account\":{\"name\":\"王"
	    "小明\",\"date\":\"2026-03-02\"}}}", 0, NULL);
	json_t *none = json_loads("{\"approvals\":{}}", 0, NULL);
	json_t *bad = json_loads("{\"approvals\":{\"account\":{\"name\":\"x\","
	    "\"date\":\"2026-02-30\"}}}", 0, NULL);
	struct ae_error err;
	const char *name;
	int32_t day;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(jc_brief_approved(ok, date_from_ymd(2026, 3, 2),
	    &name, &day, &err), 1);
	assert_string_equal(name, "王小明");
	assert_int_equal(day, date_from_ymd(2026, 3, 2));
	assert_int_equal(jc_brief_approved(ok, date_from_ymd(2026, 3, 1),
	    &name, &day, &err), 0);
	ae_error_clear(&err);
	assert_int_equal(jc_brief_approved(none, date_from_ymd(2026, 3, 1),
	    &name, &day, &err), 0);
	ae_error_clear(&err);
	assert_int_equal(jc_brief_approved(bad, date_from_ymd(2026, 3, 1),
	    &name, &day, &err), -1);
	json_decref(ok);
	json_decref(none);
	json_decref(bad);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_pattern_check),
		cmocka_unit_test(test_client_code),
		cmocka_unit_test(test_approval),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
