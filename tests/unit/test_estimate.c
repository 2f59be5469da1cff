/*
 * Estimate arithmetic, checked against figures worked out by hand.
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

#include "estimate.h"

static const char *
str(json_t *obj, const char *name)
{
	json_t *v = json_object_get(obj, name);

	if (!json_is_string(v))
		fail_msg("'%s' is not a string", name);
	return json_string_value(v);
}

static const char *
line_str(json_t *est, size_t i, const char *name)
{
	return str(json_array_get(json_object_get(est, "lines"), i), name);
}

/*
 * The estimate of TEXT with the fields SPEC §4 requires besides its
 * lines (its number, client and currency: CNY) where TEXT leaves them
 * out, so that each test says only what it is about.
 */
static json_t *
estimate_of(const char *text)
{
	static const char *const required[][2] = { { "estimate", "E-1" },
		{ "client", "Acme" }, { "currency", "CNY" } };
	json_t *est = test_parse_json(text);
	size_t i;

	for (i = 0; json_is_object(est) && i < 3; i++)
		if (json_object_get(est, required[i][0]) == NULL)
			json_object_set_new(est, required[i][0],
			    json_string(required[i][1]));
	return est;
}

/* Computes TEXT and expects the four totals as text. */
static json_t *
expect_totals(const char *text, const char *sub, const char *comm,
    const char *tax, const char *total)
{
	struct estimate_totals t;
	struct ae_error err;
	json_t *est = estimate_of(text);

	ae_error_clear(&err);
	if (estimate_compute(est, NULL, "CNY", &t, &err) != 0)
		fail_msg("%s: %s", err.field, err.text);
	assert_string_equal(str(est, "subtotal"), sub);
	assert_string_equal(str(est, "commission_amount"), comm);
	assert_string_equal(str(est, "tax_amount"), tax);
	assert_string_equal(str(est, "total"), total);
	estimate_totals_release(&t);
	return est;
}

static void
expect_error(const char *text, const struct rate_card *card, const char *field,
    const char *msg)
{
	struct estimate_totals t;
	struct ae_error err;
	json_t *est = estimate_of(text);

	ae_error_clear(&err);
	if (estimate_compute(est, card, "CNY", &t, &err) != -1)
		fail_msg("accepted: %s", text);
	assert_int_equal(err.code, AE_EDATA);
	assert_string_equal(err.field, field);
	assert_string_equal(err.text, msg);
	assert_null(t.amounts);
	assert_int_equal(t.nsections, 0);
	assert_null(json_object_get(est, "total"));
	estimate_totals_release(&t);
	json_decref(est);
}

static void
test_spec_example(void **state)
{
	/*
	 * 2 × 800.00 = 1600.00; 1.5 × 3000.00 = 4500.00; 350.00 alone.
	 * subtotal 6450.00; 15% = 967.50; 6% of 7417.50 = 445.05;
	 * total 7862.55.
	 */
	json_t *est = expect_totals(
	    "{\"currency\":\"CNY\",\"commission\":\"15\","
	    "\"tax\":\"6\",\"lines\":["
	    "{\"section\":\"设计\",\"item\":\"海报\",\"qty\":2,\"rate\":\"800\"},"
	    "{\"section\":\"摄影\",\"item\":\"拍摄\",\"qty\":\"1.5\","
	    "\"unit\":\"天\",\"rate\":\"3,000.00\"},"
	    "{\"section\":\"设计\",\"item\":\"改稿\",\"amount\":350}]}",
	    "6450.00", "967.50", "445.05", "7862.55");

	(void)state;
	assert_string_equal(line_str(est, 0, "amount"), "1600.00");
	assert_string_equal(line_str(est, 1, "amount"), "4500.00");
	assert_string_equal(line_str(est, 2, "amount"), "350.00");
	/* The rate is written back as a plain decimal (SPEC §1). */
	assert_string_equal(line_str(est, 1, "rate"), "3000.00");
	json_decref(est);
}

static void
test_sections(void **state)
{
	struct estimate_totals t;
	struct ae_error err;
	json_t *est = estimate_of(
	    "{\"lines\":["
	    "{\"section\":\"B\",\"item\":\"x\",\"amount\":\"1.00\"},"
	    "{\"item\":\"y\",\"amount\":\"2.00\"},"
	    "{\"section\":\"A\",\"item\":\"z\",\"amount\":\"4.00\"},"
	    "{\"section\":\"B\",\"item\":\"w\",\"amount\":\"8.00\"}]}");

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(estimate_compute(est, NULL, "CNY", &t, &err), 0);
	assert_string_equal(t.currency, "CNY");
	assert_int_equal(t.nlines, 4);
	assert_int_equal(t.nsections, 3);
	assert_string_equal(t.sections[0].name, "B");
	assert_int_equal(t.sections[0].subtotal, 900);
	assert_int_equal(t.sections[0].nlines, 2);
	assert_string_equal(t.sections[1].name, "");
	assert_int_equal(t.sections[1].subtotal, 200);
	assert_string_equal(t.sections[2].name, "A");
	assert_int_equal(t.sections[2].subtotal, 400);
	assert_int_equal(t.section_of[3], 0);
	assert_int_equal(t.total, 1500);
	estimate_totals_release(&t);
	json_decref(est);
}

static void
test_line_halves(void **state)
{
	json_t *est;

	(void)state;
	/* 1.5 × 0.03 = 0.045 → 0.05; −1.5 × 0.03 = −0.045 → −0.05. */
	est = expect_totals(
	    "{\"lines\":["
	    "{\"item\":\"a\",\"qty\":\"1.5\",\"rate\":\"0.03\"},"
	    "{\"item\":\"b\",\"qty\":\"-1.5\",\"rate\":\"0.03\"},"
	    "{\"item\":\"c\",\"qty\":\"1.5\",\"rate\":\"-0.03\"},"
	    "{\"item\":\"d\",\"qty\":\"0.5\",\"rate\":\"0.05\"},"
	    "{\"item\":\"e\",\"qty\":\"0.5\",\"rate\":\"0.03\"}]}",
	    "0.00", "0.00", "0.00", "0.00");
	assert_string_equal(line_str(est, 0, "amount"), "0.05");
	assert_string_equal(line_str(est, 1, "amount"), "-0.05");
	assert_string_equal(line_str(est, 2, "amount"), "-0.05");
	/* 0.025 → 0.03; 0.015 → 0.02. */
	assert_string_equal(line_str(est, 3, "amount"), "0.03");
	assert_string_equal(line_str(est, 4, "amount"), "0.02");
	json_decref(est);
}

static void
test_decimal_quantities(void **state)
{
	json_t *est;

	(void)state;
	/* 2.5 × 1234.56 = 3086.40; 0.333 × 100.00 = 33.30; 1.25 × 0.99 =
	 * 1.2375 → 1.24.  No qty means 1. */
	est =
	    expect_totals("{\"lines\":["
			  "{\"item\":\"a\",\"qty\":2.5,\"rate\":\"1,234.56\"},"
			  "{\"item\":\"b\",\"qty\":\"0.333\",\"rate\":\"100\"},"
			  "{\"item\":\"c\",\"qty\":\"1.25\",\"rate\":0.99},"
			  "{\"item\":\"d\",\"rate\":\"7.00\"}]}",
		"3127.94", "0.00", "0.00", "3127.94");
	assert_string_equal(line_str(est, 0, "amount"), "3086.40");
	assert_string_equal(line_str(est, 1, "amount"), "33.30");
	assert_string_equal(line_str(est, 2, "amount"), "1.24");
	assert_string_equal(line_str(est, 3, "amount"), "7.00");
	json_decref(est);
}

static void
test_commission_tax_halves(void **state)
{
	(void)state;
	/* 15% of 0.10 = 0.015 → 0.02; 6% of 0.12 = 0.0072 → 0.01. */
	json_decref(
	    expect_totals("{\"commission\":\"15\",\"tax\":\"6\","
			  "\"lines\":[{\"item\":\"a\",\"amount\":\"0.10\"}]}",
		"0.10", "0.02", "0.01", "0.13"));
	/* And the same negative: a credit note rounds away from zero too. */
	json_decref(
	    expect_totals("{\"commission\":\"15\",\"tax\":\"6\","
			  "\"lines\":[{\"item\":\"a\",\"amount\":\"-0.10\"}]}",
		"-0.10", "-0.02", "-0.01", "-0.13"));
	/* Tax on subtotal + commission: 10% of 0.05 = 0.005 → 0.01. */
	json_decref(
	    expect_totals("{\"commission\":\"25\",\"tax\":\"10\","
			  "\"lines\":[{\"item\":\"a\",\"amount\":\"0.04\"}]}",
		"0.04", "0.01", "0.01", "0.06"));
	/* A decimal percentage: 17.5% of 99.99 = 17.49825 → 17.50;
	 * 6.5% of 117.49 = 7.63685 → 7.64. */
	json_decref(
	    expect_totals("{\"commission\":\"17.5\",\"tax\":6.5,"
			  "\"lines\":[{\"item\":\"a\",\"amount\":\"99.99\"}]}",
		"99.99", "17.50", "7.64", "125.13"));
}

static void
test_zero_and_full_commission(void **state)
{
	(void)state;
	json_decref(expect_totals(
	    "{\"commission\":\"0\",\"tax\":\"0\","
	    "\"lines\":[{\"item\":\"a\",\"amount\":\"1234.56\"}]}",
	    "1234.56", "0.00", "0.00", "1234.56"));
	/* 100%: commission equals the subtotal; 6% of 2469.12 = 148.1472. */
	json_decref(expect_totals(
	    "{\"commission\":\"100\",\"tax\":\"6\","
	    "\"lines\":[{\"item\":\"a\",\"amount\":\"1234.56\"}]}",
	    "1234.56", "1234.56", "148.15", "2617.27"));
	/* No lines at all is an empty estimate, not an error. */
	json_decref(expect_totals("{\"commission\":\"15\",\"lines\":[]}",
	    "0.00", "0.00", "0.00", "0.00"));
}

static void
test_jpy(void **state)
{
	json_t *est;

	(void)state;
	/* 3 × 333 = 999; 1.5 × 333 = 499.5 → 500; subtotal 1499;
	 * 15% = 224.85 → 225; 10% of 1724 = 172.4 → 172; total 1896. */
	est =
	    expect_totals("{\"currency\":\"JPY\",\"commission\":\"15\","
			  "\"tax\":\"10\",\"lines\":["
			  "{\"item\":\"a\",\"qty\":3,\"rate\":\"333\"},"
			  "{\"item\":\"b\",\"qty\":\"1.5\",\"rate\":\"333\"}]}",
		"1499", "225", "172", "1896");
	assert_string_equal(line_str(est, 1, "amount"), "500");
	json_decref(est);
	expect_error("{\"currency\":\"JPY\",\"lines\":[{\"item\":\"a\","
		     "\"rate\":\"1.5\"}]}",
	    NULL, "lines[1].rate", "'1.5' has more decimals than JPY allows");
}

static void
test_kwd(void **state)
{
	(void)state;
	/* Three minor digits: 0.5 × 0.001 = 0.0005 → 0.001. */
	json_decref(expect_totals(
	    "{\"currency\":\"KWD\",\"lines\":["
	    "{\"item\":\"a\",\"qty\":\"0.5\",\"rate\":\"0.001\"}]}",
	    "0.001", "0.000", "0.000", "0.001"));
}

/* SPEC §4 requires an estimate's currency: no default stands in for it. */
static void
test_currency_required(void **state)
{
	struct estimate_totals t;
	struct ae_error err;
	json_t *est =
	    test_parse_json("{\"estimate\":\"E\",\"client\":\"A\","
			    "\"lines\":[{\"item\":\"a\",\"amount\":\"5\"}]}");

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(estimate_compute(est, NULL, "USD", &t, &err), -1);
	assert_string_equal(err.field, "currency");
	assert_string_equal(err.text, "required field is missing");
	assert_null(json_object_get(est, "total"));
	estimate_totals_release(&t);
	json_decref(est);
}

static void
test_overflow(void **state)
{
	(void)state;
	expect_error("{\"lines\":[{\"item\":\"a\",\"qty\":2,"
		     "\"rate\":\"50000000000000000.00\"}]}",
	    NULL, "lines[1].amount", "amount times quantity is too large");
	expect_error("{\"lines\":[{\"item\":\"a\",\"amount\":"
		     "\"50000000000000000.00\"},{\"item\":\"b\",\"amount\":"
		     "\"50000000000000000.00\"}]}",
	    NULL, "subtotal", "sum of amounts is too large");
	expect_error("{\"commission\":\"100\",\"lines\":[{\"item\":\"a\","
		     "\"amount\":\"50000000000000000.00\"}]}",
	    NULL, "tax_amount", "sum of amounts is too large");
	expect_error("{\"commission\":\"300\",\"lines\":[{\"item\":\"a\","
		     "\"amount\":\"50000000000000000.00\"}]}",
	    NULL, "commission_amount", "percentage of amount is too large");
	expect_error("{\"tax\":\"90\",\"lines\":[{\"item\":\"a\","
		     "\"amount\":\"50000000000000000.00\"}]}",
	    NULL, "total", "sum of amounts is too large");
	expect_error("{\"lines\":[{\"item\":\"a\",\"amount\":"
		     "\"92233720368547758.08\"}]}",
	    NULL, "lines[1].amount", "'92233720368547758.08' is too large");
}

static void
test_bad_values(void **state)
{
	(void)state;
	expect_error("{\"lines\":[{\"item\":\"a\",\"qty\":\"1.5天\","
		     "\"rate\":\"1\"}]}",
	    NULL, "lines[1].qty", "'1.5天' is not a number");
	expect_error("{\"lines\":[{\"item\":\"a\",\"rate\":\"1.234\"}]}", NULL,
	    "lines[1].rate", "'1.234' has more decimals than CNY allows");
	expect_error("{\"lines\":[{\"item\":\"a\",\"amount\":\"abc\"}]}", NULL,
	    "lines[1].amount", "'abc' is not an amount");
	expect_error("{\"lines\":[{\"item\":\"a\"},{\"item\":\"b\"}]}", NULL,
	    "lines[1].amount", "line has no rate, amount or rate-card code");
	expect_error("{\"lines\":[{\"item\":\"a\",\"qty\":2,\"rate\":\"3\","
		     "\"amount\":\"5.00\"}]}",
	    NULL, "lines[1].amount", "amount '5.00' is not qty × rate = 6.00");
	expect_error("{\"lines\":[{\"item\":\"a\",\"qty\":[1],\"rate\":1}]}",
	    NULL, "lines[1].qty", "expected a single value");
	expect_error("{\"lines\":[{\"item\":\"a\",\"amount\":1},7]}", NULL,
	    "lines[2]", "expected an object");
	expect_error("{\"lines\":{}}", NULL, "lines", "expected a list");
	expect_error("{\"client\":\"x\"}", NULL, "lines",
	    "required field is missing");
	expect_error("{\"currency\":\"XYZ\",\"lines\":[]}", NULL, "currency",
	    "unknown currency 'XYZ'");
	expect_error("{\"commission\":\"-5\",\"lines\":[]}", NULL, "commission",
	    "'-5' is negative");
	expect_error("{\"tax\":\"6%\",\"lines\":[]}", NULL, "tax",
	    "'6%' is not a number");
	expect_error("[1]", NULL, "", "estimate is not an object");
}

static void
load_card(struct rate_card *card, const char *text)
{
	struct reader_options opts = { INPUT_AUTO, NULL, 0 };
	struct ae_error err;
	char *path = test_write_temp(text);

	ae_error_clear(&err);
	if (rate_card_load(card, path, &opts, "CNY", &err) != 0)
		fail_msg("card rejected: %s", err.text);
	unlink(path);
	free(path);
}

static void
expect_bad_card(const char *text, long line, const char *field, const char *msg)
{
	struct reader_options opts = { INPUT_AUTO, NULL, 0 };
	struct rate_card card = RATE_CARD_INIT;
	struct ae_error err;
	char *path = test_write_temp(text);

	ae_error_clear(&err);
	assert_int_equal(rate_card_load(&card, path, &opts, "CNY", &err), -1);
	assert_int_equal(err.code, AE_EDATA);
	assert_string_equal(err.source, path);
	assert_int_equal(err.line, line);
	assert_string_equal(err.field, field);
	/* A duplicate names the first row's place, a temporary file. */
	assert_int_equal(strncmp(err.text, msg, strlen(msg)), 0);
	rate_card_release(&card);
	unlink(path);
	free(path);
}

static const char design_card[] = "code,description,unit,rate\n"
				  "D16,设计费(16开),款,200\n"
				  "D8,设计费(8开),款,300\n"
				  "DFULL,设计费(全开),款,\"1,000.00\"\n";

static void
test_rate_card(void **state)
{
	struct rate_card card = RATE_CARD_INIT;
	struct estimate_totals t;
	struct ae_error err;
	json_t *est;

	(void)state;
	load_card(&card, design_card);
	assert_int_equal(card.n, 3);
	assert_null(rate_card_find(&card, "D4"));
	assert_string_equal(rate_card_find(&card, "D8")->unit, "款");
	assert_int_equal(rate_card_find(&card, "DFULL")->line, 4);

	/* 3 × 200 + 1 × 1000 + 500 given for D8 alone + 2 × 9.99. */
	est = estimate_of(
	    "{\"lines\":[{\"code\":\"D16\",\"qty\":3},"
	    "{\"code\":\"DFULL\",\"item\":\"主画面\"},"
	    "{\"code\":\"D8\",\"item\":\"包干\",\"amount\":\"500\"},"
	    "{\"code\":\"D8\",\"item\":\"x\",\"qty\":2,\"rate\":\"9.99\"}]}");
	ae_error_clear(&err);
	assert_int_equal(estimate_compute(est, &card, "CNY", &t, &err), 0);
	assert_string_equal(line_str(est, 0, "amount"), "600.00");
	assert_string_equal(line_str(est, 0, "rate"), "200.00");
	assert_string_equal(line_str(est, 0, "item"), "设计费(16开)");
	assert_string_equal(line_str(est, 0, "unit"), "款");
	assert_string_equal(line_str(est, 1, "item"), "主画面");
	assert_string_equal(line_str(est, 1, "amount"), "1000.00");
	assert_string_equal(line_str(est, 2, "amount"), "500.00");
	assert_string_equal(line_str(est, 3, "amount"), "19.98");
	assert_int_equal(t.total, 211998);
	estimate_totals_release(&t);
	json_decref(est);

	free(card.source);
	card.source = strdup("rates.csv");
	expect_error("{\"lines\":[{\"code\":\"D4\",\"qty\":1}]}", &card,
	    "lines[1].code", "code 'D4' is not in the rate card 'rates.csv'");
	rate_card_release(&card);
}

static void
test_rate_card_errors(void **state)
{
	struct rate_card card = RATE_CARD_INIT;

	(void)state;
	expect_error("{\"lines\":[{\"code\":\"D16\",\"qty\":1}]}", NULL,
	    "lines[1].code",
	    "line has code 'D16' but no rate, and no rate "
	    "card was given");
	/* A rate without a currency is in --currency, as recs --check reads it. */
	expect_bad_card("code,description,unit,rate\n"
			"D16,设计费(16开),款,200\n"
			"USDX,外币项目,项,10.005\n",
	    3, "rate", "'10.005' has more decimals than CNY allows");

	load_card(&card, "code,rate,currency\nJ1,1000,JPY\n");
	expect_error("{\"lines\":[{\"code\":\"J1\"}]}", &card, "lines[1].code",
	    "code 'J1' is priced in JPY, the estimate in CNY");
	rate_card_release(&card);

	expect_bad_card("code,rate\nA,1\nA,2\n", 3, "code",
	    "rate code 'A' is already at ");
	expect_bad_card("code,rate\n,1\n", 2, "code",
	    "required field is missing");
	expect_bad_card("code,rate\nA,\n", 2, "rate",
	    "required field is missing");
	expect_bad_card("code,rate\nA,二百\n", 2, "rate",
	    "'二百' is not an amount");
	expect_bad_card("code,rate,currency\nA,1.5,JPY\n", 2, "rate",
	    "'1.5' has more decimals than JPY allows");
	expect_bad_card("code,rate,currency\nA,1,XYZ\n", 2, "currency",
	    "unknown currency 'XYZ'");
}

static void
test_rate_card_missing_file(void **state)
{
	struct reader_options opts = { INPUT_AUTO, NULL, 0 };
	struct rate_card card = RATE_CARD_INIT;
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(rate_card_load(&card, "/nonexistent/rates.csv", &opts,
			     "CNY", &err),
	    -1);
	assert_int_equal(err.code, AE_ENOINPUT);
	rate_card_release(&card);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_example),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_line_halves),
		cmocka_unit_test(test_decimal_quantities),
		cmocka_unit_test(test_commission_tax_halves),
		cmocka_unit_test(test_zero_and_full_commission),
		cmocka_unit_test(test_jpy),
		cmocka_unit_test(test_kwd),
		cmocka_unit_test(test_currency_required),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_rate_card),
		cmocka_unit_test(test_rate_card_errors),
		cmocka_unit_test(test_rate_card_missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
