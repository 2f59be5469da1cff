/*
 * Timesheet arithmetic: hours, ISO weeks, percentages, the working
 * calendar and grouped sums with cost rounding.
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
#include "timesheet.h"
#include "workcal.h"

static int64_t
hours(const char *s)
{
	struct ae_error err;
	int64_t v = -1;

	ae_error_clear(&err);
	if (ts_hours_parse(s, strlen(s), &v, &err) != 0)
		return -1;
	return v;
}

static void
test_hours(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(hours("8"), 800);
	assert_int_equal(hours("7.5"), 750);
	assert_int_equal(hours("7.25"), 725);
	assert_int_equal(hours(".5"), 50);
	assert_int_equal(hours("0"), 0);
	assert_int_equal(hours("24"), 2400);
	assert_int_equal(hours("24.01"), -1);
	assert_int_equal(hours("1.125"), -1);
	assert_int_equal(hours("-1"), -1);
	assert_int_equal(hours("1."), -1);
	assert_int_equal(hours(""), -1);
	assert_int_equal(hours("99999999999999999999"), -1);
	ts_hours_format(725, buf);
	assert_string_equal(buf, "7.25");
	ts_hours_format(5, buf);
	assert_string_equal(buf, "0.05");
}

static void
test_iso_week(void **state)
{
	int y, w;

	(void)state;
	ts_iso_week(date_from_ymd(2026, 1, 1), &y, &w);	/* Thursday */
	assert_int_equal(y, 2026);
	assert_int_equal(w, 1);
	ts_iso_week(date_from_ymd(2027, 1, 1), &y, &w);	/* Friday */
	assert_int_equal(y, 2026);
	assert_int_equal(w, 53);
	ts_iso_week(date_from_ymd(2024, 12, 30), &y, &w);	/* Monday */
	assert_int_equal(y, 2025);
	assert_int_equal(w, 1);
}

static void
test_percent(void **state)
{
	char buf[32];

	(void)state;
	ts_percent(1, 3, buf);
	assert_string_equal(buf, "33.3");
	ts_percent(2, 3, buf);
	assert_string_equal(buf, "66.7");
	ts_percent(1, 8, buf);		/* 12.5 exactly */
	assert_string_equal(buf, "12.5");
	ts_percent(1, 16, buf);		/* 6.25 → 6.3 */
	assert_string_equal(buf, "6.3");
	ts_percent(-1, 16, buf);
	assert_string_equal(buf, "-6.3");
	ts_percent(1, 0, buf);
	assert_string_equal(buf, "");
}

static void
test_workcal(void **state)
{
	struct workcal *wc = workcal_new();
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(workcal_add(wc, date_from_ymd(2026, 2, 16),
	    WORKCAL_HOLIDAY, &err), 0);
	assert_int_equal(workcal_add(wc, date_from_ymd(2026, 2, 14),
	    WORKCAL_WORKDAY, &err), 0);
	assert_int_equal(workcal_add(wc, date_from_ymd(2026, 2, 14),
	    WORKCAL_HOLIDAY, &err), -1);
	assert_false(workcal_is_workday(wc, date_from_ymd(2026, 2, 16)));
	assert_true(workcal_is_workday(wc, date_from_ymd(2026, 2, 14)));
	assert_false(workcal_is_workday(wc, date_from_ymd(2026, 2, 15)));
	assert_true(workcal_is_workday(wc, date_from_ymd(2026, 2, 17)));
	/* 9 to 20 Feb: ten weekdays, one a holiday, plus Saturday the 14th. */
	assert_int_equal(workcal_count(wc, date_from_ymd(2026, 2, 9),
	    date_from_ymd(2026, 2, 20)), 10);
	assert_int_equal(workcal_count(NULL, date_from_ymd(2026, 2, 9),
	    date_from_ymd(2026, 2, 20)), 10);
	workcal_free(wc);
}

static void
test_by(void **state)
{
	enum ts_dim by[TS_MAXDIM];
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(ts_by_parse("person,job", by, &err), 2);
	assert_int_equal(by[0], TS_PERSON);
	assert_int_equal(by[1], TS_JOB);
	assert_int_equal(ts_by_parse("week,team", by, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(ts_by_parse("job,job", by, &err), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_iso_week),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_workcal),
		cmocka_unit_test(test_by),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
