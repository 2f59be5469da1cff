/*
 * The billing forecast: variance per cent, weighting and rounding,
 * revisions at the as-of date, quarters, --check.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include "date.h"
#include "forecast.h"
#include "reader.h"
#include "testutil.h"

static int64_t
pct10(int64_t forecast, int64_t actual)
{
	struct forecast_cell c = { forecast, actual, actual - forecast };
	int64_t p;

	assert_int_equal(forecast_variance_pct10(&c, &p), 0);
	return p;
}

static void
test_variance_pct(void **state)
{
	struct forecast_cell zero = { 0, 100, 100 };
	char buf[32];
	int64_t p;

	(void)state;
	assert_int_equal(pct10(50000, 60000), 200);	/* 20.0% */
	assert_int_equal(pct10(300, 200), -333);	/* -33.33… */
	assert_int_equal(pct10(300, 500), 667);		/* 66.66… */
	assert_int_equal(pct10(20000, 20030), 2);	/* 0.15 → 0.2 */
	assert_int_equal(pct10(20000, 19970), -2);	/* -0.15 → -0.2 */
	assert_int_equal(pct10(80000, 80100), 1);	/* 0.125 → 0.1 */
	assert_int_equal(pct10(-1000, -1200), 200);	/* of a credit */
	assert_int_equal(pct10(INT64_MAX, 0), -1000);
	assert_int_equal(forecast_variance_pct10(&zero, &p), -1);
	forecast_format_pct10(-2, buf, sizeof(buf));
	assert_string_equal(buf, "-0.2%");
	forecast_format_pct10(1000, buf, sizeof(buf));
	assert_string_equal(buf, "100.0%");
	forecast_format_pct10(INT64_MIN, buf, sizeof(buf));
	assert_string_equal(buf, "-922337203685477580.8%");
}

static void
test_labels(void **state)
{
	char buf[16];
	int m;
	struct ae_error err;
	enum forecast_by by;

	(void)state;
	forecast_period_label(FC_MONTH(2027, 1), 0, buf, sizeof(buf));
	assert_string_equal(buf, "2027-01");
	forecast_period_label(2027 * 4 + 3, 1, buf, sizeof(buf));
	assert_string_equal(buf, "2027-Q4");
	assert_int_equal(forecast_parse_month("2027-12", &m, &err), 0);
	assert_int_equal(m, FC_MONTH(2027, 12));
	assert_int_equal(forecast_parse_month("2027-1", &m, &err), -1);
	assert_int_equal(forecast_parse_by("kind", &by), 0);
	assert_int_equal(by, FC_BY_KIND);
	assert_int_equal(forecast_parse_by("ae", &by), -1);
}

/* Reads TEXT (CSV or JSON) into a forecast ledger made with O. */
static struct fc *
load(const struct forecast_options *o, const char *text)
{
	char *path = test_write_temp(text);
	struct reader_options ro = { 0 };
	struct ae_error err;
	const struct record *r;
	struct reader *rd;
	struct fc *fc = forecast_new(o);
	int rc;

	ae_error_clear(&err);
	rd = reader_open(path, &ro, &err);
	assert_non_null(rd);
	forecast_begin_file(fc, NULL);
	while ((rc = reader_next(rd, &r, &err)) > 0)
		if (forecast_add(fc, r, &err) != 0)
			fail_msg("%s", err.text);
	assert_int_equal(rc, 0);
	reader_close(rd);
	unlink(path);
	free(path);
	return fc;
}

static const char ledger[] =
    "type,client,month,amount,currency,job,kind,probability,revised,"
    "invoice,issued\n"
    "forecast,Acme,2027-03,0.01,CNY,J1,fee,50,,,\n"
    "forecast,Acme,2027-03,-1.01,CNY,J2,fee,50,,,\n"
    "forecast,Acme,2027-04,100.00,CNY,J1,fee,,2027-03-01,,\n"
    "forecast,Acme,2027-04,300.00,CNY,J1,fee,,2027-07-01,,\n"
    "forecast,Acme,2027-04,3,JPY,J3,media,50,,,\n"
    "invoice,Acme,,250.00,CNY,J1,,,,I1,2027-04-30\n"
    "invoice,Acme,,7.00,CNY,J1,,,,I2,2027-07-01\n";

static void
test_weighted_quarter(void **state)
{
	struct forecast_options o = { .as_of = date_from_ymd(2027, 6, 30),
	    .from = FC_NO_MONTH, .to = FC_NO_MONTH, .weighted = 1 };
	struct fc *fc = load(&o, ledger);
	struct forecast_report rep;
	struct ae_error err;

	(void)state;
	assert_int_equal(forecast_report(fc, &rep, 1, &err), 0);
	assert_int_equal(rep.nperiods, 2);	/* 2027-Q1, 2027-Q2 */
	assert_int_equal(rep.nrows, 2);
	assert_string_equal(rep.rows[0].currency, "CNY");
	/* Q1: round(0.005) + round(-0.505) = 0.01 − 0.51. */
	assert_int_equal(rep.rows[0].cells[0].forecast, -50);
	/* Q2: the March revision of 100.00, not July's 300.00. */
	assert_int_equal(rep.rows[0].cells[1].forecast, 10000);
	assert_int_equal(rep.rows[0].cells[1].actual, 25000);
	assert_int_equal(rep.rows[0].cells[1].variance, 15000);
	assert_int_equal(rep.rows[0].cells[2].forecast, 9950);
	assert_string_equal(rep.rows[1].currency, "JPY");
	assert_int_equal(rep.rows[1].cells[1].forecast, 2);	/* 1.5 → 2 */
	assert_int_equal(rep.ntotals, 2);
	assert_string_equal(rep.totals[0].currency, "CNY");
	forecast_report_release(&rep);
	forecast_free(fc);
}

static void
test_months_by_job(void **state)
{
	struct forecast_options o = { .as_of = date_from_ymd(2027, 7, 31),
	    .from = FC_MONTH(2027, 4), .to = FC_MONTH(2027, 7),
	    .by = FC_BY_JOB };
	struct fc *fc = load(&o, ledger);
	struct forecast_report rep;
	struct ae_error err;

	(void)state;
	assert_int_equal(forecast_report(fc, &rep, 0, &err), 0);
	assert_int_equal(rep.nperiods, 4);
	assert_int_equal(rep.nrows, 2);		/* J1 CNY, J3 JPY */
	assert_string_equal(rep.rows[0].group, "J1");
	assert_int_equal(rep.rows[0].cells[0].forecast, 30000);
	assert_int_equal(rep.rows[0].cells[3].actual, 700);
	assert_int_equal(rep.rows[0].cells[3].forecast, 0);
	assert_string_equal(rep.rows[1].group, "J3");
	assert_int_equal(rep.rows[1].cells[0].forecast, 3);
	forecast_report_release(&rep);
	forecast_free(fc);
}

struct seen {
	char text[1024];
	int n;
};

static void
collect(void *ctx, const struct finding *f)
{
	struct seen *s = ctx;
	size_t len = strlen(s->text);

	snprintf(s->text + len, sizeof(s->text) - len, "%ld %s\n", f->line,
	    f->rule);
	s->n++;
}

static void
test_check(void **state)
{
	struct forecast_options o = { .as_of = date_from_ymd(2027, 4, 25),
	    .from = FC_NO_MONTH, .to = FC_NO_MONTH };
	struct fc *fc = load(&o,
	    "{\"type\":\"job\",\"job\":\"J1\",\"client\":\"Acme\","
	    "\"title\":\"T\",\"opened\":\"2027-01-01\"}\n"
	    "{\"type\":\"forecast\",\"client\":\"Acme\",\"month\":\"2027-05\","
	    "\"amount\":\"1.00\"}\n"
	    "{\"type\":\"forecast\",\"client\":\"Acme\",\"month\":\"2027-07\","
	    "\"amount\":\"1.00\"}\n"
	    "{\"type\":\"forecast\",\"client\":\"Acme\",\"month\":\"2027-03\","
	    "\"amount\":\"5.00\"}\n"
	    "{\"type\":\"forecast\",\"client\":\"Acme\",\"month\":\"2027-04\","
	    "\"amount\":\"5.00\"}\n");
	struct seen s = { "", 0 };
	struct finding_sink fs;

	(void)state;
	finding_sink_init(&fs, collect, &s);
	forecast_check(fc, &fs);
	assert_string_equal(s.text, "1 missing-forecast\n4 stale-forecast\n");
	forecast_free(fc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_variance_pct),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_weighted_quarter),
		cmocka_unit_test(test_months_by_job),
		cmocka_unit_test(test_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
