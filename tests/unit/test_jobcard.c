/*
 * Job numbers, client codes, the brief's approval, each job's state from
 * its linked records and the close-out figures.
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
#include "jobcard.h"

static const char *
next(const char *pattern, int year, const char *code,
    const char *const *existing, size_t n)
{
	static char out[64];
	struct ae_error err;

	ae_error_clear(&err);
	if (jobcard_next_number(pattern, year, code, existing, n, out,
		sizeof(out), &err) != 0)
		return NULL;
	return out;
}

static void
test_numbers(void **state)
{
	const char *reg[] = { "2025-0118", "2026-0041", "2026-0042", "AB-26007",
		"AB-26001", "2026-9999x" };
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
	assert_int_equal(jobcard_pattern_check("{yyyy}-{seq:4}", &uses, &err),
	    0);
	assert_false(uses);
	assert_int_equal(jobcard_pattern_check("{client}{seq}", &uses, &err),
	    0);
	assert_true(uses);
	assert_int_equal(jobcard_pattern_check("{yyyy}", &uses, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(jobcard_pattern_check("{seq}{seq}", &uses, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(jobcard_pattern_check("{seq:0}", &uses, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(jobcard_pattern_check("{seq}}", &uses, &err), -1);
}

static void
test_client_code(void **state)
{
	char a[16], b[16];

	(void)state;
	jobcard_client_code("Acme Beverages", a);
	assert_string_equal(a, "AB");
	jobcard_client_code("Globex", a);
	assert_string_equal(a, "GLO");
	jobcard_client_code("上海某某食品有限公司", a);
	jobcard_client_code("上海某某食品有限公司", b);
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), 5);
	assert_int_equal(a[0], 'C');
	jobcard_client_code("北京星辰科技", b);
	assert_string_not_equal(a, b);
}

static void
test_approval(void **state)
{
	json_t *ok = json_loads("{\"approvals\":{\"account\":{\"name\":\"王"
				"小明\",\"date\":\"2026-03-02\"}}}",
	    0, NULL);
	json_t *none = json_loads("{\"approvals\":{}}", 0, NULL);
	json_t *bad = json_loads("{\"approvals\":{\"account\":{\"name\":\"x\","
				 "\"date\":\"2026-02-30\"}}}",
	    0, NULL);
	struct ae_error err;
	const char *name;
	int32_t day;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(jobcard_brief_approved(ok, date_from_ymd(2026, 3, 2),
			     &name, &day, &err),
	    1);
	assert_string_equal(name, "王小明");
	assert_int_equal(day, date_from_ymd(2026, 3, 2));
	assert_int_equal(jobcard_brief_approved(ok, date_from_ymd(2026, 3, 1),
			     &name, &day, &err),
	    0);
	ae_error_clear(&err);
	assert_int_equal(jobcard_brief_approved(none, date_from_ymd(2026, 3, 1),
			     &name, &day, &err),
	    0);
	ae_error_clear(&err);
	assert_int_equal(jobcard_brief_approved(bad, date_from_ymd(2026, 3, 1),
			     &name, &day, &err),
	    -1);
	json_decref(ok);
	json_decref(none);
	json_decref(bad);
}

/* A set of records from JSON texts, each at line N of "t". */
static struct jobcard_set
set_of(const char *const *texts, size_t n)
{
	struct jobcard_set s = { 0 };
	size_t i;

	s.v = calloc(n + 1, sizeof(*s.v));
	s.cap = n + 1;
	for (i = 0; i < n; i++) {
		s.v[i].obj = json_loads(texts[i], 0, NULL);
		assert_non_null(s.v[i].obj);
		s.v[i].source = strdup("t");
		s.v[i].line = (long)i + 1;
	}
	s.n = n;
	return s;
}

static const char *const estimates[] = {
	"{\"estimate\":\"PE-1\",\"client\":\"C\",\"currency\":\"CNY\",\"job\":\"J1\",\"date\":\"2026-03-01\","
	"\"lines\":[{\"item\":\"design\",\"rate\":\"5000\"}]}",
	"{\"estimate\":\"PE-2\",\"client\":\"C\",\"currency\":\"CNY\",\"job\":\"J1\",\"date\":\"2026-03-10\","
	"\"approved_by\":\"Li\",\"approved_on\":\"2026-03-12\","
	"\"lines\":[{\"item\":\"design\",\"qty\":2,\"rate\":"
	"\"5000\"}]}",
	"{\"estimate\":\"PE-9\",\"client\":\"C\",\"job\":\"J9\",\"currency\":\"USD\","
	"\"lines\":[{\"item\":\"x\",\"rate\":\"1\"}]}",
};

static const char *const invoices[] = {
	"{\"invoice\":\"I-1\",\"client\":\"C\",\"job\":\"J1\",\"issued\":\"2026-03-20\","
	"\"amount\":\"6000.00\"}",
	"{\"invoice\":\"I-2\",\"client\":\"C\",\"job\":\"J1\",\"issued\":\"2026-07-01\","
	"\"amount\":\"9000.00\"}",
	"{\"invoice\":\"I-3\",\"client\":\"C\",\"job\":\"J2\",\"issued\":\"2026-03-20\","
	"\"amount\":\"1.00\"}",
	"{\"type\":\"payment\",\"invoice\":\"I-1\",\"date\":"
	"\"2026-04-01\",\"amount\":\"2500.00\"}",
	"{\"type\":\"payment\",\"invoice\":\"I-1\",\"date\":"
	"\"2026-07-02\",\"amount\":\"3500.00\"}",
};

static const char *const costs[] = {
	"{\"job\":\"J1\",\"item\":\"photo\",\"amount\":\"6000.00\"}",
	"{\"job\":\"J1\",\"item\":\"print\",\"amount\":\"1234.56\"}",
	"{\"job\":\"J2\",\"item\":\"POP\",\"amount\":\"100.00\"}",
};

static void
test_closeout(void **state)
{
	struct jobcard_set est = set_of(estimates, 3),
			   inv = set_of(invoices, 5);
	struct jobcard_set cost = set_of(costs, 3);
	struct jobcard_closeout co;
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	jobcard_closeout_init(&co, "J1");
	assert_int_equal(jobcard_closeout_estimate(&co, &est.v[1], NULL, "CNY",
			     &err),
	    0);
	assert_string_equal(co.estimate_signed, "2026-03-12");
	assert_int_equal(jobcard_closeout_costs(&co, &cost, "CNY", &err), 0);
	assert_int_equal(jobcard_closeout_billing(&co, &inv, NULL,
			     date_from_ymd(2026, 6, 30), "CNY", &err),
	    0);
	assert_int_equal(jobcard_closeout_finish(&co, "USD", &err), 0);
	assert_string_equal(co.currency, "CNY");
	assert_int_equal(co.digits, 2);
	assert_int_equal(co.total, 1000000);
	assert_int_equal(co.external, 723456);
	assert_int_equal(co.cost, 723456);
	/* Only what was issued and paid by the as-of date counts. */
	assert_int_equal(co.billed, 600000);
	assert_int_equal(co.collected, 250000);
	assert_int_equal(co.outstanding, 350000);
	assert_int_equal(co.margin, -123456);
	assert_int_equal(co.unbilled, 400000);
	/* -1234.56 / 6000.00 = -20.576 % */
	assert_string_equal(co.margin_percent, "-20.6");
	assert_false(co.has_labour);
	jobcard_set_release(&est);
	jobcard_set_release(&inv);
	jobcard_set_release(&cost);
}

static void
finish(struct jobcard_closeout *co, int64_t total, int64_t external,
    int64_t billed)
{
	struct ae_error err;

	ae_error_clear(&err);
	jobcard_closeout_init(co, "J1");
	co->total = total;
	co->external = external;
	co->billed = billed;
	assert_int_equal(jobcard_closeout_finish(co, "CNY", &err), 0);
}

static void
test_closeout_margin(void **state)
{
	struct jobcard_closeout co;

	(void)state;
	/* 247.00 / 2000.00 = 12.35 %: half away from zero. */
	finish(&co, 0, 175300, 200000);
	assert_int_equal(co.margin, 24700);
	assert_string_equal(co.margin_percent, "12.4");
	finish(&co, 0, 224700, 200000);
	assert_int_equal(co.margin, -24700);
	assert_string_equal(co.margin_percent, "-12.4");
	finish(&co, 0, 175310, 200000);
	assert_string_equal(co.margin_percent, "12.3");
	/* Nothing billed: no percentage. */
	finish(&co, 100000, 5000, 0);
	assert_int_equal(co.margin, -5000);
	assert_string_equal(co.margin_percent, "");
	assert_int_equal(co.unbilled, 100000);
	/* Billed beyond the estimate: nothing left unbilled. */
	finish(&co, 100000, 0, 150000);
	assert_int_equal(co.unbilled, 0);
	finish(&co, 0, 0, 1);
	assert_int_equal(co.unbilled, 0);
	assert_string_equal(co.currency, "CNY");
}

static void
test_closeout_errors(void **state)
{
	const char *usd[] = { "{\"job\":\"J1\",\"amount\":\"1.00\","
			      "\"currency\":\"USD\"}" };
	const char *none[] = { "{\"job\":\"J1\",\"item\":\"x\"}" };
	struct jobcard_set est = set_of(estimates, 3), a = set_of(usd, 1);
	struct jobcard_set b = set_of(none, 1);
	struct jobcard_closeout co;
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	jobcard_closeout_init(&co, "J1");
	assert_int_equal(jobcard_closeout_estimate(&co, &est.v[2], NULL, "CNY",
			     &err),
	    -1);
	assert_string_equal(err.field, "job");
	assert_int_equal(err.line, 3);
	assert_int_equal(err.code, AE_EDATA);
	ae_error_clear(&err);
	assert_int_equal(jobcard_closeout_estimate(&co, &est.v[0], NULL, "CNY",
			     &err),
	    0);
	assert_int_equal(jobcard_closeout_costs(&co, &a, "CNY", &err), -1);
	assert_string_equal(err.field, "currency");
	ae_error_clear(&err);
	assert_int_equal(jobcard_closeout_costs(&co, &b, "CNY", &err), -1);
	assert_string_equal(err.field, "amount");
	assert_string_equal(err.text, "required field is missing");
	jobcard_set_release(&est);
	jobcard_set_release(&a);
	jobcard_set_release(&b);
}

static void
test_status(void **state)
{
	const char *jobs[] = {
		"{\"job\":\"J1\",\"client\":\"Acme\",\"title\":\"T\","
		"\"status\":\"open\"}",
		"{\"job\":\"J3\",\"client\":\"Globex\"}",
		"{\"client\":\"Nobody\"}",
	};
	const char *briefs[] = {
		"{\"job\":\"J1\",\"approvals\":{\"client\":{\"name\":"
		"\"Wang\",\"date\":\"2026-02-28\"}}}",
	};
	struct jobcard_set reg = set_of(jobs, 3), br = set_of(briefs, 1);
	struct jobcard_set est = set_of(estimates, 3),
			   inv = set_of(invoices, 5);
	struct jobcard_sources src = {
		.briefs = &br,
		.estimates = &est,
		.invoices = &inv,
		.currency = "CNY",
		.as_of = date_from_ymd(2026, 6, 30),
	};
	struct jobcard_status st;
	struct ae_error err;
	struct table *t;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(jobcard_status_of(&src, &reg.v[0], &st, &err), 0);
	assert_string_equal(st.job, "J1");
	assert_string_equal(st.brief_signed, "2026-02-28");
	/* The latest estimate counts. */
	assert_ptr_equal(st.estimate, &est.v[1]);
	assert_string_equal(st.estimate_signed, "2026-03-12");
	assert_true(st.has_total);
	assert_int_equal(st.total, 1000000);
	assert_false(st.has_hours);
	assert_int_equal(st.billed, 600000);
	assert_int_equal(st.collected, 250000);
	assert_string_equal(st.currency, "CNY");
	t = jobcard_status_table();
	jobcard_status_row(t, &st, &reg.v[0]);
	assert_non_null(f = open_memstream(&out, &len));
	table_write(t, TABLE_JSONL, 0, f);
	fclose(f);
	assert_non_null(strstr(out, "\"estimate\":\"PE-2\","));
	assert_non_null(strstr(out, "\"estimate_total\":\"10000.00\","));
	assert_non_null(strstr(out, "\"hours\":\"\","));
	free(out);
	out = NULL;
	assert_non_null(f = open_memstream(&out, &len));
	table_print(t, f);
	fclose(f);
	assert_non_null(strstr(out, "10,000.00"));
	free(out);
	table_free(t);

	/* Nothing linked: billing still counts, in the default currency. */
	assert_int_equal(jobcard_status_of(&src, &reg.v[1], &st, &err), 0);
	assert_null(st.brief);
	assert_null(st.estimate);
	assert_string_equal(st.brief_signed, "");
	assert_false(st.has_total);
	assert_true(st.has_billing);
	assert_int_equal(st.billed, 0);
	assert_string_equal(st.currency, "CNY");

	assert_int_equal(jobcard_status_of(&src, &reg.v[2], &st, &err), -1);
	assert_string_equal(err.field, "job");
	assert_int_equal(err.line, 3);
	jobcard_set_release(&reg);
	jobcard_set_release(&br);
	jobcard_set_release(&est);
	jobcard_set_release(&inv);
}

static void
test_check_job(void **state)
{
	const char *jobs[] = {
		"{\"job\":\"J1\",\"opened\":\"2026-03-05\"}",
		"{\"job\":\"J2\",\"opened\":\"2026-03-01\"}",
		"{\"job\":\"J3\"}",
		"{\"job\":\"J4\"}",
	};
	const char *briefs[] = {
		"{\"job\":\"J1\",\"approvals\":{\"account\":{\"name\":"
		"\"Li\",\"date\":\"2026-03-02\"}}}",
		"{\"job\":\"J2\",\"approvals\":{\"account\":{\"name\":"
		"\"Li\",\"date\":\"2026-03-02\"}}}",
		"{\"job\":\"J3\"}",
	};
	struct jobcard_set reg = set_of(jobs, 4), br = set_of(briefs, 3);
	int32_t as_of = date_from_ymd(2026, 6, 30);
	struct findings f;
	struct finding_sink *fs = findings_sink(&f);

	(void)state;
	assert_int_equal(jobcard_check_job(&br, &reg.v[0], as_of, fs), 0);
	assert_int_equal(jobcard_check_job(&br, &reg.v[1], as_of, fs), 1);
	assert_int_equal(jobcard_check_job(&br, &reg.v[2], as_of, fs), 1);
	assert_int_equal(jobcard_check_job(&br, &reg.v[3], as_of, fs), 1);
	assert_string_equal(f.text,
	    "approved-brief: job 'J2' was opened on "
	    "2026-03-01, before the account lead approved the brief\n"
	    "approved-brief: job 'J3': the brief has no account lead's "
	    "approval (approvals.account)\n"
	    "approved-brief: job 'J4' has no brief\n");
	assert_int_equal(f.line[0], reg.v[1].line);
	jobcard_set_release(&reg);
	jobcard_set_release(&br);
}

static void
test_register(void **state)
{
	const char *jobs[] = {
		"{\"job\":\"AB-26001\",\"client\":\"Acme\"}",
		"{\"job\":\"AC-26001\",\"client\":\"Acme\","
		"\"client_code\":\"AC\"}",
	};
	const char *bad[] = { "{\"client\":\"Acme\"}" };
	struct jobcard_set reg = set_of(jobs, 2), b = set_of(bad, 1);
	char buf[JSONTEXT_BUFSIZE], out[64];
	struct ae_error err;
	json_t *brief = json_loads("{\"brand\":\"Fizz\"}", 0, NULL), *job;

	(void)state;
	ae_error_clear(&err);
	assert_string_equal(jobcard_register_code(&reg, "Acme", buf), "AC");
	assert_string_equal(jobcard_register_code(&reg, "Globex", buf), "GLO");
	assert_int_equal(jobcard_register_next(&reg, "{client}-{yy}{seq:3}",
			     2026, "AC", out, sizeof(out), &err),
	    0);
	assert_string_equal(out, "AC-26002");
	assert_int_equal(jobcard_register_next(&b, "{seq}", 2026, NULL, out,
			     sizeof(out), &err),
	    -1);
	assert_string_equal(err.field, "job");
	job = jobcard_job_new("AC-26002", "Acme", "Launch",
	    date_from_ymd(2026, 4, 1), brief, "b.json", "AC");
	assert_string_equal(json_string_value(json_object_get(job, "opened")),
	    "2026-04-01");
	assert_string_equal(json_string_value(json_object_get(job, "brand")),
	    "Fizz");
	jobcard_job_close(job, date_from_ymd(2026, 5, 1));
	assert_string_equal(json_string_value(json_object_get(job, "status")),
	    "closed");
	assert_string_equal(json_string_value(json_object_get(job, "closed")),
	    "2026-05-01");
	json_decref(job);
	json_decref(brief);
	jobcard_set_release(&reg);
	jobcard_set_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_pattern_check),
		cmocka_unit_test(test_client_code),
		cmocka_unit_test(test_approval),
		cmocka_unit_test(test_closeout),
		cmocka_unit_test(test_closeout_margin),
		cmocka_unit_test(test_closeout_errors),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_check_job),
		cmocka_unit_test(test_register),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
