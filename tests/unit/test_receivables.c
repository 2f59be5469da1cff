#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"
#include "receivables.h"

static char *inv_names[] = { "invoice", "client", "issued", "due",
    "amount", "currency" };
static struct csv_header inv_header = { .n = 6, .names = inv_names };
static char *pay_names[] = { "invoice", "date", "amount", "currency" };
static struct csv_header pay_header = { .n = 4, .names = pay_names };

static struct receivables_options
options(const char *as_of)
{
	struct receivables_options o = { 0 };
	struct ae_error err;

	ae_error_clear(&err);
	assert_int_equal(date_parse(as_of, &o.as_of, &err), 0);
	return o;
}

static int
add(struct recv *rv, const struct csv_header *h, const char *source,
    long line, const char **values, struct ae_error *err)
{
	struct record r = { source, line, NULL, h, values, NULL, NULL, NULL };

	ae_error_clear(err);
	return receivables_add(rv, &r, err);
}

static void
invoice(struct recv *rv, long line, const char *no, const char *due,
    const char *amount, const char *cur)
{
	const char *v[] = { no, "Acme", "2026-07-01", due, amount, cur };
	struct ae_error err;

	if (add(rv, &inv_header, "invoices.csv", line, v, &err) != 0)
		fail_msg("%s", err.text);
}

static void
payment(struct recv *rv, long line, const char *no, const char *date,
    const char *amount, const char *cur)
{
	const char *v[] = { no, date, amount, cur };
	struct ae_error err;

	if (add(rv, &pay_header, "payments.csv", line, v, &err) != 0)
		fail_msg("%s", err.text);
}

static void
test_buckets_parse(void **state)
{
	struct receivables_options o = { 0 };
	struct ae_error err;
	char buf[32];

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(receivables_parse_buckets("15,45", &o, &err), 0);
	assert_int_equal(o.nbuckets, 2);
	assert_string_equal(receivables_bucket_label(&o, 0, buf, sizeof(buf)),
	    "current");
	assert_string_equal(receivables_bucket_label(&o, 1, buf, sizeof(buf)),
	    "1-15");
	assert_string_equal(receivables_bucket_label(&o, 2, buf, sizeof(buf)),
	    "16-45");
	assert_string_equal(receivables_bucket_label(&o, 3, buf, sizeof(buf)),
	    "46+");
	assert_int_equal(receivables_parse_buckets("30,30", &o, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(receivables_parse_buckets("", &o, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(receivables_parse_buckets("0,10", &o, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(receivables_parse_buckets("10,", &o, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(receivables_parse_buckets("1,2,3,4,5,6,7,8,9,10,11,12,13",
	    &o, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(receivables_parse_buckets("99999999999999999999", &o,
	    &err), -1);
}

static void
test_bucket_edges(void **state)
{
	struct receivables_options o = { 0 };
	struct ae_error err;
	static const long days[] = { -5, 0, 1, 30, 31, 60, 61, 90, 91, 5000 };
	static const int want[] = { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4 };
	size_t i;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(receivables_parse_buckets("30,60,90", &o, &err), 0);
	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++)
		assert_int_equal(receivables_bucket_of(&o, days[i]), want[i]);
}

static void
test_parse_by(void **state)
{
	enum receivables_by by;

	(void)state;
	assert_int_equal(receivables_parse_by("ae", &by), 0);
	assert_int_equal(by, RECV_BY_AE);
	assert_int_equal(receivables_parse_by("invoice", &by), 0);
	assert_int_equal(by, RECV_BY_INVOICE);
	assert_int_equal(receivables_parse_by("Client", &by), -1);
}

/* Payments before and after their invoice, over-payment, a credit note. */
static void
test_ledger(void **state)
{
	struct receivables_options o = options("2026-11-25");
	struct recv *rv;
	struct receivables_report rep;
	struct ae_error err;

	(void)state;
	rv = receivables_new(&o);
	receivables_begin_file(rv, NULL);
	payment(rv, 2, "I1", "2026-10-01", "40.00", "CNY");
	invoice(rv, 2, "I1", "2026-09-25", "100.00", "CNY");	/* 61 days */
	invoice(rv, 3, "I2", "2026-11-25", "50.00", "CNY");	/* due today */
	invoice(rv, 4, "I3", "2026-11-01", "-30.00", "CNY");	/* credit */
	invoice(rv, 5, "I4", "2026-10-25", "10.00", "USD");	/* 31 days */
	payment(rv, 3, "I4", "2026-11-01", "12.00", "USD");	/* over */
	payment(rv, 4, "I2", "2026-11-26", "50.00", "CNY");	/* too late */
	payment(rv, 5, "NOPE", "2026-11-01", "5.00", "CNY");
	ae_error_clear(&err);
	assert_int_equal(receivables_report(rv, &rep, 1, &err), 0);
	assert_int_equal(rep.nrows, 2);
	assert_string_equal(rep.rows[0].currency, "CNY");
	assert_int_equal(rep.rows[0].bucket[0], 5000);
	assert_int_equal(rep.rows[0].bucket[1], -3000);
	assert_int_equal(rep.rows[0].bucket[3], 6000);
	assert_int_equal(rep.rows[0].total, 8000);
	assert_string_equal(rep.rows[1].currency, "USD");
	assert_int_equal(rep.rows[1].bucket[2], -200);
	assert_int_equal(rep.ndetail, 4);
	assert_string_equal(rep.detail[0].invoice, "I1");
	assert_int_equal(rep.detail[0].days, 61);
	assert_int_equal(rep.detail[0].paid, 4000);
	assert_int_equal(rep.nunapplied, 1);
	assert_string_equal(rep.unapplied[0].invoice, "NOPE");
	assert_int_equal(rep.unapplied[0].amount, 500);
	assert_int_equal(rep.unapplied[0].line, 5);
	assert_true(receivables_over(&rep, 60));
	assert_false(receivables_over(&rep, 61));
	receivables_report_release(&rep);
	receivables_free(rv);
}

static void
test_errors(void **state)
{
	struct receivables_options o = options("2026-11-25");
	struct recv *rv = receivables_new(&o);
	struct ae_error err;
	const char *dup[] = { "I1", "Acme", "2026-07-01", "", "1.00", "" };
	const char *late[] = { "I9", "Acme", "2026-07-01", "2026-06-30", "1",
	    "" };
	const char *usd[] = { "I1", "2026-10-01", "1.00", "USD" };

	(void)state;
	receivables_begin_file(rv, NULL);
	invoice(rv, 2, "I1", "2026-09-25", "100.00", "CNY");
	assert_int_equal(add(rv, &inv_header, "invoices.csv", 9, dup, &err),
	    -1);
	assert_string_equal(err.text, "invoice 'I1' is already at "
	    "invoices.csv:2");
	assert_string_equal(err.field, "invoice");
	assert_int_equal(err.line, 9);
	assert_int_equal(add(rv, &inv_header, "invoices.csv", 10, late, &err),
	    -1);
	assert_string_equal(err.text, "2026-06-30 is before 'issued' "
	    "2026-07-01");
	receivables_begin_file(rv, NULL);
	assert_int_equal(add(rv, &pay_header, "payments.csv", 3, usd, &err),
	    -1);
	assert_string_equal(err.text, "payment in USD for invoice 'I1' in "
	    "CNY (invoices.csv:2)");
	receivables_free(rv);
}

/* Many invoices: the table grows and every one is found again. */
static void
test_growth(void **state)
{
	struct receivables_options o = options("2026-11-25");
	struct recv *rv = receivables_new(&o);
	struct receivables_report rep;
	struct ae_error err;
	char no[32];
	int i;

	(void)state;
	receivables_begin_file(rv, NULL);
	for (i = 0; i < 50000; i++) {
		snprintf(no, sizeof(no), "N%d", i);
		invoice(rv, i + 2, no, "2026-11-25", "1.00", "CNY");
	}
	receivables_begin_file(rv, NULL);
	for (i = 0; i < 50000; i += 2) {
		snprintf(no, sizeof(no), "N%d", i);
		payment(rv, i + 2, no, "2026-11-01", "1.00", "CNY");
	}
	ae_error_clear(&err);
	assert_int_equal(receivables_report(rv, &rep, 1, &err), 0);
	assert_int_equal(rep.ndetail, 25000);
	assert_int_equal(rep.nunapplied, 0);
	assert_int_equal(rep.rows[0].total, 2500000);
	receivables_report_release(&rep);
	receivables_free(rv);
}

/*
 * The invoice table: numbers that fill their entry (15 bytes), one byte
 * more (kept apart), long ones sharing their first bytes, numbers that
 * share all but the last byte, across many growths; each payment finds
 * its own invoice and no other, and a number seen twice is still one.
 */
static void
test_table_keys(void **state)
{
	static const char *const forms[] = {
		"%014d", "%015d", "%016d", "INV-2026-LONG-PREFIX-%08d", "%d"
	};
	struct receivables_options o = options("2026-11-25");
	struct recv *rv = receivables_new(&o);
	struct receivables_report rep;
	struct ae_error err;
	char no[64];
	int i, f, n = 6000;

	(void)state;
	receivables_begin_file(rv, NULL);
	for (f = 0; f < 5; f++)
		for (i = 0; i < n; i++) {
			snprintf(no, sizeof(no), forms[f], i);
			invoice(rv, i + 2, no, "2026-11-25", "3.00", "CNY");
		}
	receivables_begin_file(rv, NULL);
	for (f = 0; f < 5; f++)
		for (i = 0; i < n; i += 3) {
			snprintf(no, sizeof(no), forms[f], i);
			payment(rv, i + 2, no, "2026-11-01", "1.00", "CNY");
		}
	/* "%d" of 0..9 and "%014d" differ: no payment lands twice. */
	ae_error_clear(&err);
	assert_int_equal(receivables_report(rv, &rep, 1, &err), 0);
	assert_int_equal(rep.ndetail, 5 * n);
	assert_int_equal(rep.nunapplied, 0);
	/* 5 × 6000 × 3.00 less 5 × 2000 × 1.00. */
	assert_int_equal(rep.rows[0].total, 5 * n * 300 - 5 * (n / 3) * 100);
	for (i = 0; i < (int)rep.ndetail; i++)
		if (strcmp(rep.detail[i].invoice,
		    "INV-2026-LONG-PREFIX-00000003") == 0)
			assert_int_equal(rep.detail[i].balance, 200);
	receivables_report_release(&rep);
	snprintf(no, sizeof(no), forms[3], 7);
	receivables_begin_file(rv, NULL);
	{
		const char *v[] = { no, "Acme", "2026-07-01", "2026-11-25",
		    "1.00", "CNY" };
		assert_int_equal(add(rv, &inv_header, "invoices.csv", 99, v,
		    &err), -1);
		assert_non_null(strstr(err.text, "is already at"));
	}
	receivables_free(rv);
}

/* A bucket's share of its total: tenths of a percent, half away from 0. */
static void
test_share(void **state)
{
	char buf[32];
	long t;

	(void)state;
	assert_string_equal(receivables_share(4200, 16000, &t, buf), "26.3%");
	assert_int_equal(t, 263);
	assert_string_equal(receivables_share(-200, 16000, &t, buf), "-1.3%");
	assert_string_equal(receivables_share(1, 2000, &t, buf), "0.1%");
	assert_string_equal(receivables_share(1, 2001, &t, buf), "0.0%");
	assert_string_equal(receivables_share(5, 5, &t, buf), "100.0%");
	assert_string_equal(receivables_share(INT64_MAX, INT64_MAX, &t, buf),
	    "100.0%");
	assert_string_equal(receivables_share(7, 0, &t, buf), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_share),
		cmocka_unit_test(test_table_keys),
		cmocka_unit_test(test_buckets_parse),
		cmocka_unit_test(test_bucket_edges),
		cmocka_unit_test(test_parse_by),
		cmocka_unit_test(test_ledger),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_growth),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
