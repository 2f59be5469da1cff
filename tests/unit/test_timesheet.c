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

#include "testutil.h"

#include "date.h"
#include "strbuf.h"
#include "table.h"
#include "timesheet.h"
#include "timesheet_report.h"
#include "workcal.h"

static int64_t
hours(const char *s)
{
	struct ae_error err;
	int64_t v = -1;

	ae_error_clear(&err);
	if (timesheet_hours_parse(s, strlen(s), &v, &err) != 0)
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
	timesheet_hours_format(725, buf);
	assert_string_equal(buf, "7.25");
	timesheet_hours_format(5, buf);
	assert_string_equal(buf, "0.05");
}

static void
test_iso_week(void **state)
{
	int y, w;

	(void)state;
	timesheet_iso_week(date_from_ymd(2026, 1, 1), &y, &w);	/* Thursday */
	assert_int_equal(y, 2026);
	assert_int_equal(w, 1);
	timesheet_iso_week(date_from_ymd(2027, 1, 1), &y, &w);	/* Friday */
	assert_int_equal(y, 2026);
	assert_int_equal(w, 53);
	timesheet_iso_week(date_from_ymd(2024, 12, 30), &y, &w);	/* Monday */
	assert_int_equal(y, 2025);
	assert_int_equal(w, 1);
}

static void
test_percent(void **state)
{
	char buf[32];

	(void)state;
	timesheet_percent(1, 3, buf);
	assert_string_equal(buf, "33.3");
	timesheet_percent(2, 3, buf);
	assert_string_equal(buf, "66.7");
	timesheet_percent(1, 8, buf);		/* 12.5 exactly */
	assert_string_equal(buf, "12.5");
	timesheet_percent(1, 16, buf);		/* 6.25 → 6.3 */
	assert_string_equal(buf, "6.3");
	timesheet_percent(-1, 16, buf);
	assert_string_equal(buf, "-6.3");
	timesheet_percent(1, 0, buf);
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
	enum timesheet_dim by[TS_MAXDIM];
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(timesheet_by_parse("person,job", by, &err), 2);
	assert_int_equal(by[0], TS_PERSON);
	assert_int_equal(by[1], TS_JOB);
	assert_int_equal(timesheet_by_parse("week,team", by, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(timesheet_by_parse("job,job", by, &err), -1);
}

static int
set_options(struct timesheet_options *o, const struct timesheet_request *rq,
    struct ae_error *err)
{
	memset(o, 0, sizeof(*o));
	ae_error_clear(err);
	return timesheet_options_set(o, rq, err);
}

static void
test_options(void **state)
{
	int32_t as_of = date_from_ymd(2026, 2, 17);
	struct timesheet_request rq = { .as_of = as_of, .day_hours = 800 };
	struct timesheet_options o;
	struct ae_error err;

	(void)state;
	/* Plain sums: by person, no period. */
	assert_int_equal(set_options(&o, &rq, &err), 0);
	assert_int_equal(o.nby, 1);
	assert_int_equal(o.by[0], TS_PERSON);
	assert_false(o.period);
	assert_int_equal(o.day_hours, 800);

	/* The days not logged: the month of as_of up to it. */
	rq.missing = 1;
	assert_int_equal(set_options(&o, &rq, &err), 0);
	assert_true(o.period);
	assert_true(o.days);
	assert_int_equal(o.from, date_from_ymd(2026, 2, 1));
	assert_int_equal(o.to, as_of);

	/* A bound given stands; the other is the default. */
	rq.missing = 0;
	rq.has_to = 1;
	rq.to = date_from_ymd(2026, 3, 31);
	assert_int_equal(set_options(&o, &rq, &err), 0);
	assert_true(o.period);
	assert_false(o.days);
	assert_int_equal(o.from, date_from_ymd(2026, 2, 1));
	assert_int_equal(o.to, date_from_ymd(2026, 3, 31));

	rq.has_from = 1;
	rq.from = date_from_ymd(2026, 4, 1);
	assert_int_equal(set_options(&o, &rq, &err), -1);
	assert_int_equal(err.code, AE_EUSAGE);
	assert_string_equal(err.text, "--from is after --to");
}

static void
test_options_conflicts(void **state)
{
	struct timesheet_request rq = { .as_of = date_from_ymd(2026, 2, 17),
	    .day_hours = 800 };
	struct timesheet_options o;
	struct ae_error err;

	(void)state;
	rq.by = "job,team";
	assert_int_equal(set_options(&o, &rq, &err), -1);
	assert_int_equal(err.code, AE_EUSAGE);
	assert_string_equal(err.text, "--by: unknown grouping 'team' "
	    "(person, job, client, week, month)");

	rq.by = "job";
	rq.utilization = 1;
	assert_int_equal(set_options(&o, &rq, &err), -1);
	assert_string_equal(err.text, "--utilization needs person in --by");

	rq.by = "month,person";
	assert_int_equal(set_options(&o, &rq, &err), 0);
	assert_true(o.utilization);
	assert_true(o.period);

	rq.check = 1;
	assert_int_equal(set_options(&o, &rq, &err), -1);
	assert_string_equal(err.text, "--missing and --check do not go with "
	    "--by, --cost-rates or --utilization");
	rq.by = NULL;
	rq.utilization = 0;
	rq.rates = "rates.csv";
	assert_int_equal(set_options(&o, &rq, &err), -1);
	rq.rates = NULL;
	assert_int_equal(set_options(&o, &rq, &err), 0);
	assert_true(o.days);

	rq.missing = 1;
	assert_int_equal(set_options(&o, &rq, &err), -1);
	assert_string_equal(err.text, "give --missing or --check, not both");
}

static void
test_total(void **state)
{
	struct timesheet_group g[3] = {
		{ .hours = 750, .client_hours = 700, .capacity = 800,
		    .cost = 12345 },
		{ .hours = 25, .client_hours = 0, .capacity = 800,
		    .cost = 5 },
		{ .hours = 2400, .client_hours = 2400, .capacity = 1600,
		    .cost = 100 },
	};
	struct timesheet_group t;
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(timesheet_total(g, 3, &t, &err), 0);
	assert_int_equal(t.hours, 3175);
	assert_int_equal(t.client_hours, 3100);
	assert_int_equal(t.capacity, 3200);
	assert_int_equal(t.cost, 12450);
	assert_null(t.dims[0]);

	assert_int_equal(timesheet_total(g, 0, &t, &err), 0);
	assert_int_equal(t.hours, 0);

	g[1].capacity = -1;		/* not asked for */
	assert_int_equal(timesheet_total(g, 3, &t, &err), 0);
	assert_int_equal(t.capacity, -1);

	g[0].cost = INT64_MAX;
	assert_int_equal(timesheet_total(g, 3, &t, &err), -1);
	assert_true(ae_error_isset(&err));
}

static char *
table_text(struct table *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	table_print(t, f);
	fclose(f);
	table_free(t);
	return buf;
}

/* T as JSON Lines (free() it); frees T. */
static char *
jsonl_text(struct table *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	table_write(t, TABLE_JSONL, 0, f);
	fclose(f);
	table_free(t);
	return buf;
}

static void
test_groups_report(void **state)
{
	struct timesheet_options o = { .nby = 2, .by = { TS_PERSON, TS_MONTH },
	    .utilization = 1 };
	struct timesheet_group g[2] = {
		{ .dims = { "Li", "2026-02" }, .hours = 750,
		    .client_hours = 600, .capacity = 800 },
		{ .dims = { "Wang", "2026-02" }, .hours = 1600,
		    .client_hours = 1600, .capacity = 1600 },
	};
	struct ae_error err;
	char *s;

	(void)state;
	ae_error_clear(&err);
	s = table_text(timesheet_groups_table(&o, g, 2, &err));
	assert_string_equal(s,
	    "Person  Month    Hours  Client hours  Capacity  Utilization\n"
	    "------  -------  -----  ------------  --------  -----------\n"
	    "Li      2026-02   7.50          6.00      8.00        75.0%\n"
	    "Wang    2026-02  16.00         16.00     16.00       100.0%\n"
	    "------  -------  -----  ------------  --------  -----------\n"
	    "Total            23.50         22.00     24.00        91.7%\n");
	free(s);

	/* One group: no total row. */
	s = table_text(timesheet_groups_table(&o, g, 1, &err));
	assert_null(strstr(s, "Total"));
	free(s);

	/* Records: no total, the utilization without its "%". */
	s = jsonl_text(timesheet_groups_table(&o, g, 2, &err));
	assert_string_equal(s, "{\"person\":\"Li\",\"month\":\"2026-02\","
	    "\"hours\":\"7.50\",\"client_hours\":\"6.00\","
	    "\"capacity\":\"8.00\",\"utilization\":\"75.0\"}\n"
	    "{\"person\":\"Wang\",\"month\":\"2026-02\","
	    "\"hours\":\"16.00\",\"client_hours\":\"16.00\","
	    "\"capacity\":\"16.00\",\"utilization\":\"100.0\"}\n");
	free(s);

	o.nby = 1;
	o.utilization = 0;
	s = jsonl_text(timesheet_groups_table(&o, &g[1], 1, &err));
	assert_string_equal(s, "{\"person\":\"Wang\",\"hours\":\"16.00\"}\n");
	free(s);
}

static void
test_gaps_report(void **state)
{
	struct timesheet_options o = { .day_hours = 800 };
	struct timesheet_gap gp[2] = {
		{ "Li", 0, 400, 800, "staff.csv", 2 },
		{ "Wang", 0, 0, 800, "time.csv", 5 },
	};
	struct findings f;
	char *s;

	(void)state;
	gp[0].day = gp[1].day = date_from_ymd(2026, 2, 5);
	s = table_text(timesheet_gaps_table(&o, gp, 2));
	assert_string_equal(s,
	    "Person  Date        Logged  Short\n"
	    "------  ----------  ------  -----\n"
	    "Li      2026-02-05    4.00   4.00\n"
	    "Wang    2026-02-05    0.00   8.00\n");
	free(s);
	s = jsonl_text(timesheet_gaps_table(&o, gp, 1));
	assert_string_equal(s, "{\"person\":\"Li\",\"date\":\"2026-02-05\","
	    "\"hours\":\"4.00\",\"short\":\"4.00\"}\n");
	free(s);
	timesheet_report_gap(&gp[0], findings_sink(&f));
	assert_string_equal(f.text, "workday: 2026-02-05: 'Li' logged 4.00 of "
	    "8.00 hours\n");
}

/* Feeds every record of TEXT (JSON Lines) to TS; the return of the last. */
static int
feed(struct timesheet *ts, const char *text, struct ae_error *err)
{
	struct reader_options ro = { INPUT_AUTO, NULL, 0 };
	char *path = test_write_temp(text);
	struct reader *rd = reader_open(path, &ro, err);
	const struct record *r;
	int rc;

	assert_non_null(rd);
	while ((rc = reader_next(rd, &r, err)) > 0)
		if ((rc = timesheet_add_record(ts, r, err)) != 0)
			break;
	reader_close(rd);
	unlink(path);
	free(path);
	return rc;
}

/* Staff start and end, leave and the stream's holidays shape the gaps. */
static void
test_staff_leave_holidays(void **state)
{
	struct timesheet_options o = { .nby = 1, .by = { TS_PERSON }, .days = 1,
	    .period = 1, .day_hours = 800 };
	struct workcal *def = workcal_new();
	struct timesheet *ts;
	const struct timesheet_gap *gp;
	struct ae_error err;
	const char *cur;
	int digits;

	(void)state;
	ae_error_clear(&err);
	/* Mon 2026-03-02 to Fri 03-06; the shipped calendar is not used. */
	o.from = date_from_ymd(2026, 3, 2);
	o.to = date_from_ymd(2026, 3, 6);
	assert_int_equal(workcal_add(def, date_from_ymd(2026, 3, 6),
	    WORKCAL_HOLIDAY, &err), 0);
	o.default_cal = def;
	ts = timesheet_new(&o);
	assert_int_equal(feed(ts,
	    "{\"type\":\"time\",\"date\":\"2026-03-02\",\"person\":\"Li\","
	    "\"job\":\"J1\",\"hours\":\"8\"}\n"
	    "{\"type\":\"staff\",\"person\":\"Wang\",\"start\":\"2026-03-04\","
	    "\"hours\":\"6\",\"rate\":\"100\"}\n"
	    "{\"type\":\"staff\",\"person\":\"Li\",\"end\":\"2026-03-04\"}\n"
	    "{\"type\":\"leave\",\"person\":\"Li\",\"from\":\"2026-03-03\","
	    "\"to\":\"2026-03-03\"}\n"
	    "{\"type\":\"holiday\",\"date\":\"2026-03-05\","
	    "\"kind\":\"holiday\"}\n", &err), 0);
	assert_int_equal(timesheet_gaps(ts, &gp), 3);
	/* Li: left after the 4th, on leave the 3rd, logged the 2nd. */
	assert_string_equal(gp[0].person, "Li");
	assert_int_equal(gp[0].day, date_from_ymd(2026, 3, 4));
	assert_int_equal(gp[0].line, 3);
	/* Wang: from the 4th, six hours; the 5th is the stream's holiday,
	   and the 6th is a workday: the stream replaced the shipped days. */
	assert_string_equal(gp[1].person, "Wang");
	assert_int_equal(gp[1].day, date_from_ymd(2026, 3, 4));
	assert_int_equal(gp[1].want, 600);
	assert_int_equal(gp[1].line, 2);
	assert_int_equal(gp[2].day, date_from_ymd(2026, 3, 6));
	assert_int_equal(timesheet_cost_currency(ts, &cur, &digits), 1);
	assert_string_equal(cur, "CNY");
	timesheet_free(ts);

	/* A second staff record and an unknown type are errors. */
	ts = timesheet_new(&o);
	assert_int_equal(feed(ts,
	    "{\"type\":\"staff\",\"person\":\"Li\"}\n"
	    "{\"type\":\"staff\",\"person\":\"Li\"}\n", &err), -1);
	assert_non_null(strstr(err.text,
	    "staff person 'Li' is already at "));
	assert_int_equal(err.line, 2);
	assert_int_equal(feed(ts, "{\"type\":\"invoice\"}\n", &err), -1);
	assert_int_equal(timesheet_cost_currency(ts, &cur, &digits), 0);
	timesheet_free(ts);
	workcal_free(def);
}

static void
test_tables_and_cost(void **state)
{
	struct reader_options ro = { INPUT_AUTO, NULL, 0 };
	struct timesheet_request rq = { .day_hours = 800 };
	struct timesheet_options o = { .nby = 1, .by = { TS_PERSON } };
	struct timesheet_group g[2] = {
		{ .dims = { "Li" }, .hours = 1000, .cost = 300000 },
		{ .dims = { "Wang" }, .hours = 50, .cost = 1250 },
	};
	struct timesheet_tables t;
	struct ae_error err;
	char *s;

	(void)state;
	ae_error_clear(&err);
	rq.rates = test_write_temp("person,rate\nLi,300\nWang,25\n");
	assert_int_equal(timesheet_tables_load(&t, &o, &rq, &ro, "CNY", &err), 0);
	assert_non_null(o.rates);
	assert_null(o.cal);
	assert_null(o.jobs);
	assert_string_equal(timesheet_rates_currency(o.rates), "CNY");
	o.cost_currency = "CNY";
	o.cost_digits = 2;
	s = table_text(timesheet_groups_table(&o, g, 2, &err));
	assert_string_equal(s,
	    "Person  Hours  Cost (CNY)\n"
	    "------  -----  ----------\n"
	    "Li      10.00    3,000.00\n"
	    "Wang     0.50       12.50\n"
	    "------  -----  ----------\n"
	    "Total   10.50    3,012.50\n");
	free(s);
	s = jsonl_text(timesheet_groups_table(&o, g, 1, &err));
	assert_string_equal(s, "{\"person\":\"Li\",\"hours\":\"10.00\","
	    "\"cost\":\"3000.00\",\"currency\":\"CNY\"}\n");
	free(s);
	g[0].cost = INT64_MAX;
	assert_null(timesheet_groups_table(&o, g, 2, &err));
	assert_true(ae_error_isset(&err));
	timesheet_tables_release(&t);
	unlink(rq.rates);
	free((char *)rq.rates);

	/* A file that is not there: its error; release frees what was made. */
	rq.rates = NULL;
	rq.holidays = "/nonexistent/holidays.csv";
	ae_error_clear(&err);
	assert_int_equal(timesheet_tables_load(&t, &o, &rq, &ro, "CNY", &err), -1);
	assert_int_equal(err.code, AE_ENOINPUT);
	timesheet_tables_release(&t);
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
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_options_conflicts),
		cmocka_unit_test(test_total),
		cmocka_unit_test(test_groups_report),
		cmocka_unit_test(test_gaps_report),
		cmocka_unit_test(test_tables_and_cost),
		cmocka_unit_test(test_staff_leave_holidays),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
