#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "date.h"

static void
set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static int32_t
day(const char *s)
{
	struct ae_error err;
	int32_t d = -99999;

	ae_error_clear(&err);
	if (date_parse(s, &d, &err) != 0)
		fail_msg("'%s' rejected: %s", s, err.text);
	assert_false(ae_error_isset(&err));
	return d;
}

static void
expect_bad_date(const char *s)
{
	struct ae_error err;
	int32_t d = 12345;
	char want[256];

	ae_error_clear(&err);
	if (date_parse(s, &d, &err) != -1)
		fail_msg("'%s' accepted as day %d", s, (int)d);
	snprintf(want, sizeof(want), "'%s' is not a valid date", s);
	assert_string_equal(err.text, want);
	assert_int_equal(err.code, AE_EDATA);
	assert_int_equal(d, 12345);
}

static void
expect_day_text(int32_t d, const char *want)
{
	char buf[DATE_BUFSIZE];

	date_format(d, buf);
	assert_string_equal(buf, want);
}

static struct datetime
when(const char *s)
{
	struct ae_error err;
	struct datetime t = { -1, -1 };

	ae_error_clear(&err);
	if (datetime_parse(s, &t, &err) != 0)
		fail_msg("'%s' rejected: %s", s, err.text);
	return t;
}

static void
expect_when(const char *s, int64_t epoch, int offset, const char *text)
{
	struct datetime t = when(s);
	char buf[DATETIME_BUFSIZE];

	if (t.epoch != epoch || t.offset != offset)
		fail_msg("'%s' gave {%lld, %d}, want {%lld, %d}", s,
		    (long long)t.epoch, t.offset, (long long)epoch, offset);
	datetime_format(t, buf);
	assert_string_equal(buf, text);
}

static void
expect_bad_when(const char *s, const char *text)
{
	struct ae_error err;
	struct datetime t = { 7, 7 };

	ae_error_clear(&err);
	if (datetime_parse(s, &t, &err) != -1)
		fail_msg("'%s' accepted as %lld", s, (long long)t.epoch);
	assert_int_equal(err.code, AE_EDATA);
	assert_string_equal(err.text, text);
	assert_int_equal(t.epoch, 7);
	assert_int_equal(t.offset, 7);
}

static void
test_forms(void **state)
{
	(void)state;
	assert_int_equal(day("1970-01-01"), 0);
	assert_int_equal(day("1969-12-31"), -1);
	assert_int_equal(day("2026-11-27"), 20784);
	assert_int_equal(day("2026/11/27"), 20784);
	assert_int_equal(day("2026.11.27"), 20784);
	assert_int_equal(day("2026年11月27日"), 20784);
	assert_int_equal(day("2026年1月1日"), 20454);
	assert_int_equal(day("2026年01月01日"), 20454);
	assert_int_equal(day("2026年1月01日"), 20454);
	assert_int_equal(day("2026年01月1日"), 20454);
	assert_int_equal(day("0001-01-01"), -719162);
	assert_int_equal(day("9999-12-31"), 2932896);
}

static void
test_rejects(void **state)
{
	static const char *bad[] = {
		"", "2026", "2026-11", "2026-1-27", "2026-11-7", "26-11-27",
		"02026-11-27", "2026-11-27 ", " 2026-11-27", "2026-11-27x",
		"2026-11-27T10:00", "2026/11-27", "2026.11/27", "2026-11/27",
		"2026_11_27", "20261127", "2026年11月27", "2026年11月27日x",
		"2026年111月1日", "2026年1月111日", "2026年月1日",
		"2026年1月日", "2026年1月1", "２０２６-11-27",
		"2026－11－27", "today", "close", "0000-01-01",
		"2026-00-10", "2026-13-01", "2026-12-00", "2026-12-32",
		"2026-02-30", "2025-02-29", "2100-02-29", "1900-02-29",
		"2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31",
		"2026年2月30日", "2026年13月1日", "2026年0月1日",
		"-001-01-01", "+2026-11-27",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_bad_date(bad[i]);
}

static void
test_leap_years(void **state)
{
	(void)state;
	assert_int_equal(day("2024-02-29"), 19782);
	assert_int_equal(day("2000-02-29"), 11016);
	assert_int_equal(day("2024-03-01") - day("2024-02-28"), 2);
	assert_int_equal(day("2100-03-01") - day("2100-02-28"), 1);
	expect_bad_date("2100-02-29");
	expect_bad_date("2025-02-29");
	assert_true(date_valid(2024, 2, 29));
	assert_true(date_valid(2000, 2, 29));
	assert_true(date_valid(2400, 2, 29));
	assert_false(date_valid(2100, 2, 29));
	assert_false(date_valid(1900, 2, 29));
	assert_false(date_valid(2026, 2, 29));
	assert_false(date_valid(0, 1, 1));
	assert_false(date_valid(10000, 1, 1));
	assert_false(date_valid(2026, 0, 1));
	assert_false(date_valid(2026, 13, 1));
	assert_false(date_valid(2026, 1, 0));
	assert_false(date_valid(2026, 1, 32));
}

static void
test_ymd_round_trip(void **state)
{
	int32_t d;
	int y, m, dd, n = 0;

	(void)state;
	/* Every day of years 1 to 9999 maps back to itself, in order. */
	for (d = date_from_ymd(1, 1, 1); d <= date_from_ymd(9999, 12, 31);
	    d++) {
		date_to_ymd(d, &y, &m, &dd);
		if (!date_valid(y, m, dd) || date_from_ymd(y, m, dd) != d)
			fail_msg("day %d gave %d-%d-%d", (int)d, y, m, dd);
		n++;
	}
	assert_int_equal(n, 3652059);
	date_to_ymd(20784, &y, &m, &dd);
	assert_int_equal(y, 2026);
	assert_int_equal(m, 11);
	assert_int_equal(dd, 27);
}

static void
test_format(void **state)
{
	(void)state;
	expect_day_text(0, "1970-01-01");
	expect_day_text(-1, "1969-12-31");
	expect_day_text(20784, "2026-11-27");
	expect_day_text(19782, "2024-02-29");
	expect_day_text(-719162, "0001-01-01");
	expect_day_text(2932896, "9999-12-31");
}

static void
test_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(0), 4);		/* Thursday */
	assert_int_equal(date_weekday(-1), 3);
	assert_int_equal(date_weekday(-7), 4);
	assert_int_equal(date_weekday(-8), 3);
	assert_int_equal(date_weekday(day("2026-11-27")), 5);
	assert_int_equal(date_weekday(day("2026-11-29")), 7);
	assert_int_equal(date_weekday(day("2026-11-30")), 1);
	assert_int_equal(date_weekday(day("2000-02-29")), 2);
	assert_int_equal(date_weekday(day("0001-01-01")), 1);
	assert_int_equal(date_weekday(day("9999-12-31")), 5);
}

static void
expect_close(const char *d, const char *want)
{
	char buf[DATE_BUFSIZE];

	date_format(date_close(day(d)), buf);
	if (strcmp(buf, want) != 0)
		fail_msg("close of %s is %s, want %s", d, buf, want);
}

static void
test_close(void **state)
{
	(void)state;
	expect_close("2026-11-25", "2026-11-25");
	expect_close("2026-11-27", "2026-11-25");
	expect_close("2026-11-30", "2026-11-25");
	expect_close("2026-11-24", "2026-10-25");
	expect_close("2026-11-01", "2026-10-25");
	expect_close("2026-01-24", "2025-12-25");
	expect_close("2026-01-01", "2025-12-25");
	expect_close("2026-01-25", "2026-01-25");
	expect_close("2026-03-10", "2026-02-25");
	expect_close("2026-12-31", "2026-12-25");
}

static void
test_asof(void **state)
{
	struct ae_error err;
	int32_t today = day("2026-11-24"), d = 0;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(date_parse_asof("today", today, &d, &err), 0);
	assert_int_equal(d, today);
	assert_int_equal(date_parse_asof("close", today, &d, &err), 0);
	assert_int_equal(d, day("2026-10-25"));
	assert_int_equal(date_parse_asof("close", day("2026-11-25"), &d,
	    &err), 0);
	assert_int_equal(d, day("2026-11-25"));
	assert_int_equal(date_parse_asof("2026-06-30", today, &d, &err), 0);
	assert_int_equal(d, day("2026-06-30"));
	assert_int_equal(date_parse_asof("2026年6月3日", today, &d, &err), 0);
	assert_int_equal(d, day("2026-06-03"));
	assert_false(ae_error_isset(&err));

	d = 7;
	assert_int_equal(date_parse_asof("Today", today, &d, &err), -1);
	assert_string_equal(err.text,
	    "'Today' is not a valid date, 'today' or 'close'");
	ae_error_clear(&err);
	assert_int_equal(date_parse_asof("", today, &d, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(date_parse_asof("2026-02-30", today, &d, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(date_parse_asof("close ", today, &d, &err), -1);
	assert_int_equal(d, 7);
}

static void
test_today(void **state)
{
	time_t now = time(NULL);
	struct tm tm;
	int32_t t;

	(void)state;
	set_tz("Asia/Shanghai");
	t = date_today();
	localtime_r(&now, &tm);
	/* Allow for midnight passing between the two calls. */
	assert_in_range(t - date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday), 0, 1);
}

static void
test_datetime_zoned(void **state)
{
	(void)state;
	set_tz("America/New_York");	/* must not matter here */
	expect_when("2026-03-01T02:00:00Z", 1772330400, 0,
	    "2026-03-01T02:00:00Z");
	expect_when("2026-03-01T10:00+08:00", 1772330400, 28800,
	    "2026-03-01T10:00:00+08:00");
	expect_when("2026-03-01 10:00:00+0800", 1772330400, 28800,
	    "2026-03-01T10:00:00+08:00");
	expect_when("2026/03/01T10:00+05:30", 1772339400, 19800,
	    "2026-03-01T10:00:00+05:30");
	expect_when("2026年3月1日 23:30-05:00", 1772425800, -18000,
	    "2026-03-01T23:30:00-05:00");
	expect_when("2026.03.01T02:00+00:00", 1772330400, 0,
	    "2026-03-01T02:00:00Z");
	expect_when("2026-03-01T02:00-00:00", 1772330400, 0,
	    "2026-03-01T02:00:00Z");
	expect_when("1970-01-01T00:00:00Z", 0, 0, "1970-01-01T00:00:00Z");
	expect_when("1969-12-31T23:59:59Z", -1, 0, "1969-12-31T23:59:59Z");
	expect_when("0001-01-01T00:00:00Z", -62135596800, 0,
	    "0001-01-01T00:00:00Z");
	expect_when("9999-12-31T23:59:59Z", 253402300799, 0,
	    "9999-12-31T23:59:59Z");
	/* Across midnight: the offset keeps the written day. */
	expect_when("2026-03-01T00:30+08:00", 1772296200, 28800,
	    "2026-03-01T00:30:00+08:00");
}

static void
test_datetime_local_shanghai(void **state)
{
	(void)state;
	set_tz("Asia/Shanghai");
	expect_when("2026-03-01T10:00", 1772330400, 28800,
	    "2026-03-01T10:00:00+08:00");
	expect_when("2026-03-01 10:00:00", 1772330400, 28800,
	    "2026-03-01T10:00:00+08:00");
	expect_when("2026年3月1日T10:00", 1772330400, 28800,
	    "2026-03-01T10:00:00+08:00");
	expect_when("1969-12-31 23:00", -32400, 28800,
	    "1969-12-31T23:00:00+08:00");
	assert_int_equal(datetime_local_offset(1772330400), 28800);
}

static void
test_datetime_local_new_york(void **state)
{
	(void)state;
	set_tz("America/New_York");
	/* DST began on 2026-03-08 and ended on 2026-11-01. */
	expect_when("2026-03-07 12:00", 1772902800, -18000,
	    "2026-03-07T12:00:00-05:00");
	expect_when("2026-03-09 12:00", 1773072000, -14400,
	    "2026-03-09T12:00:00-04:00");
	expect_when("2026-07-01T09:30:15", 1782912615, -14400,
	    "2026-07-01T09:30:15-04:00");
	expect_when("2026-11-01 12:00", 1793552400, -18000,
	    "2026-11-01T12:00:00-05:00");
	assert_int_equal(datetime_local_offset(1772902800), -18000);
	assert_int_equal(datetime_local_offset(1773072000), -14400);
}

static void
test_datetime_local_dst_edges(void **state)
{
	struct datetime t;
	char buf[DATETIME_BUFSIZE];
	/* 2026-11-01T01:30 local, counted as if it were UTC. */
	const int64_t wall = 1793496600;

	(void)state;
	set_tz("America/New_York");
	/* 02:30 on 2026-03-08 never happened: the clock moves on an hour. */
	expect_when("2026-03-08 02:30", 1772955000, -14400,
	    "2026-03-08T03:30:00-04:00");
	/*
	 * 01:30 on 2026-11-01 happened twice: either is right, as long as
	 * the offset agrees with the instant.
	 */
	t = when("2026-11-01 01:30");
	assert_true(t.offset == -14400 || t.offset == -18000);
	assert_int_equal(t.epoch, wall - t.offset);
	assert_int_equal(datetime_local_offset(t.epoch), t.offset);
	datetime_format(t, buf);
	assert_string_equal(buf, t.offset == -14400 ?
	    "2026-11-01T01:30:00-04:00" : "2026-11-01T01:30:00-05:00");
}

static void
test_datetime_rejects(void **state)
{
	static const char *bad[] = {
		"", "10:00", "2026-03-01T", "2026-03-01T10", "2026-03-01T10:",
		"2026-03-01T1:00", "2026-03-01T10:0", "2026-03-01T10:00:",
		"2026-03-01T10:00:0", "2026-03-01T24:00",
		"2026-03-01T23:60", "2026-03-01T23:59:60",
		"2026-03-01  10:00", "2026-03-01t10:00", "2026-03-01_10:00",
		"2026-03-01T10:00z", "2026-03-01T10:00 Z",
		"2026-03-01T10:00+8", "2026-03-01T10:00+08",
		"2026-03-01T10:00+08:0", "2026-03-01T10:00+080",
		"2026-03-01T10:00+24:00", "2026-03-01T10:00+08:60",
		"2026-03-01T10:00Z ", "2026-03-01T10:00+08:00x",
		"2026-03-01T10:00ZZ", "2026-02-30T10:00",
		"2026-03-01T10:00:00.5", "2026-03-01T10:00+08:00:00",
	};
	char want[128];
	size_t i;

	(void)state;
	set_tz("Asia/Shanghai");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(want, sizeof(want),
		    "'%s' is not a valid date and time", bad[i]);
		expect_bad_when(bad[i], want);
	}
	expect_bad_when("2026-03-01", "'2026-03-01' is a date without a time");
	expect_bad_when("2026年3月1日",
	    "'2026年3月1日' is a date without a time");
}

static void
test_datetime_day(void **state)
{
	struct datetime t;

	(void)state;
	t = when("2026-03-01T00:30+08:00");
	assert_int_equal(datetime_day(t), day("2026-03-01"));
	t.offset = 0;		/* the same instant in UTC is the day before */
	assert_int_equal(datetime_day(t), day("2026-02-28"));
	t = when("2026-03-01T23:30-05:00");
	assert_int_equal(datetime_day(t), day("2026-03-01"));
	t = when("1969-12-31T23:59:59Z");
	assert_int_equal(datetime_day(t), -1);
}

static void
test_datetime_format_round_trip(void **state)
{
	static const char *s[] = {
		"2026-03-01T10:00:00+08:00", "2026-03-01T10:00:00Z",
		"2026-12-31T23:59:59-09:30", "2024-02-29T00:00:00+14:00",
		"1900-01-01T12:34:56-12:00",
	};
	char buf[DATETIME_BUFSIZE];
	struct datetime t, back;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		t = when(s[i]);
		datetime_format(t, buf);
		assert_string_equal(buf, s[i]);
		back = when(buf);
		assert_int_equal(back.epoch, t.epoch);
		assert_int_equal(back.offset, t.offset);
	}
}

static void
test_month_parse(void **state)
{
	static const char *bad[] = {
		"", "2026", "2026-", "2026-1", "2026-001", "2026-00",
		"2026-13", "2026.03", "2026年3月", "0000-01", "26-03",
		"2026-03-01", "2026-03 ", " 2026-03", "2026/03/",
	};
	struct ae_error err;
	char want[64];
	size_t i;
	int y = 0, m = 0;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(month_parse("2026-03", &y, &m, &err), 0);
	assert_int_equal(y, 2026);
	assert_int_equal(m, 3);
	assert_int_equal(month_parse("2025/12", &y, &m, &err), 0);
	assert_int_equal(y, 2025);
	assert_int_equal(m, 12);
	assert_int_equal(month_parse("0001-01", &y, &m, &err), 0);
	assert_int_equal(y, 1);
	assert_int_equal(m, 1);
	assert_false(ae_error_isset(&err));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		y = m = 7;
		ae_error_clear(&err);
		if (month_parse(bad[i], &y, &m, &err) != -1)
			fail_msg("month '%s' accepted", bad[i]);
		snprintf(want, sizeof(want), "'%s' is not a valid month",
		    bad[i]);
		assert_string_equal(err.text, want);
		assert_int_equal(y, 7);
		assert_int_equal(m, 7);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_ymd_round_trip),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_close),
		cmocka_unit_test(test_asof),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_datetime_zoned),
		cmocka_unit_test(test_datetime_local_shanghai),
		cmocka_unit_test(test_datetime_local_new_york),
		cmocka_unit_test(test_datetime_local_dst_edges),
		cmocka_unit_test(test_datetime_rejects),
		cmocka_unit_test(test_datetime_day),
		cmocka_unit_test(test_datetime_format_round_trip),
		cmocka_unit_test(test_month_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
