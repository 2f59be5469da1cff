#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "money.h"

/* Parses S as an amount with DIGITS minor digits and expects WANT. */
static void
expect_amount(const char *s, int digits, int64_t want)
{
	struct ae_error err;
	int64_t v = 12345;

	ae_error_clear(&err);
	if (money_parse(s, digits, "CNY", &v, &err) != 0)
		fail_msg("'%s' rejected: %s", s, err.text);
	assert_false(ae_error_isset(&err));
	if (v != want)
		fail_msg("'%s' gave %lld, want %lld", s, (long long)v,
		    (long long)want);
}

/* Expects S to be rejected with exactly the message TEXT. */
static void
expect_bad_amount(const char *s, int digits, const char *cur,
    const char *text)
{
	struct ae_error err;
	int64_t v = 12345;

	ae_error_clear(&err);
	if (money_parse(s, digits, cur, &v, &err) != -1)
		fail_msg("'%s' accepted as %lld", s, (long long)v);
	assert_int_equal(err.code, AE_EDATA);
	assert_string_equal(err.text, text);
	assert_int_equal(v, 12345);
}

static void
expect_format(int64_t v, int digits, int grouped, const char *want)
{
	char buf[MONEY_BUFSIZE];
	size_t n;

	memset(buf, 'x', sizeof(buf));
	n = money_format(v, digits, grouped, buf, sizeof(buf));
	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
}

static struct decimal
dec(const char *s)
{
	struct ae_error err;
	struct decimal d;

	ae_error_clear(&err);
	if (decimal_parse(s, &d, &err) != 0)
		fail_msg("decimal '%s' rejected: %s", s, err.text);
	return d;
}

static int64_t
mul(int64_t a, const char *q)
{
	struct ae_error err;
	int64_t v;

	ae_error_clear(&err);
	if (money_mul(a, dec(q), &v, &err) != 0)
		fail_msg("%lld × %s failed: %s", (long long)a, q, err.text);
	return v;
}

static int64_t
percent(int64_t a, const char *pct)
{
	struct ae_error err;
	int64_t v;

	ae_error_clear(&err);
	if (money_percent(a, dec(pct), &v, &err) != 0)
		fail_msg("%s%% of %lld failed: %s", pct, (long long)a, err.text);
	return v;
}

static void
test_currency_digits(void **state)
{
	static const struct {
		const char *code;
		int digits;
	} t[] = {
		{ "CNY", 2 }, { "USD", 2 }, { "EUR", 2 }, { "GBP", 2 },
		{ "HKD", 2 }, { "JPY", 0 }, { "KRW", 0 }, { "TWD", 2 },
		{ "SGD", 2 }, { "KWD", 3 }, { "BHD", 3 }, { "AUD", 2 },
		{ "CAD", 2 }, { "CHF", 2 }, { "MOP", 2 }, { "MYR", 2 },
		{ "THB", 2 }, { "INR", 2 }, { "IDR", 2 }, { "PHP", 2 },
		{ "VND", 0 }, { "NZD", 2 }, { "SEK", 2 }, { "NOK", 2 },
		{ "DKK", 2 }, { "RUB", 2 }, { "BRL", 2 }, { "MXN", 2 },
		{ "ZAR", 2 }, { "AED", 2 }, { "SAR", 2 }, { "TND", 3 },
		{ "OMR", 3 }, { "JOD", 3 }, { "IQD", 3 }, { "LYD", 3 },
		{ "CLP", 0 }, { "ISK", 0 }, { "UGX", 0 }, { "XOF", 0 },
		{ "XAF", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (currency_digits(t[i].code) != t[i].digits)
			fail_msg("%s: %d digits, want %d", t[i].code,
			    currency_digits(t[i].code), t[i].digits);
	assert_int_equal(currency_digits("cny"), -1);
	assert_int_equal(currency_digits("XXX"), -1);
	assert_int_equal(currency_digits("CN"), -1);
	assert_int_equal(currency_digits("CNYY"), -1);
	assert_int_equal(currency_digits(""), -1);
	assert_int_equal(currency_digits(NULL), -1);
}

static void
test_parse_accepts(void **state)
{
	(void)state;
	expect_amount("0", 2, 0);
	expect_amount("1", 2, 100);
	expect_amount("1234.5", 2, 123450);
	expect_amount("1234.50", 2, 123450);
	expect_amount("-0.05", 2, -5);
	expect_amount("+12.3", 2, 1230);
	expect_amount(".5", 2, 50);
	expect_amount("-.05", 2, -5);
	expect_amount("1,234", 2, 123400);
	expect_amount("1,234,567.89", 2, 123456789);
	expect_amount("-12,345,678", 2, -1234567800);
	expect_amount("123,456", 2, 12345600);
	expect_amount("007.10", 2, 710);
	expect_amount("-0.00", 2, 0);
	expect_amount("-0", 2, 0);
	expect_amount("92233720368547758.07", 2, INT64_MAX);
	expect_amount("-92233720368547758.08", 2, INT64_MIN);
	expect_amount("92,233,720,368,547,758.07", 2, INT64_MAX);
	expect_amount("9223372036854775807", 0, INT64_MAX);
	expect_amount("-9223372036854775808", 0, INT64_MIN);
	expect_amount("000000000000000000000000000001", 0, 1);
}

static void
test_parse_digit_counts(void **state)
{
	(void)state;
	expect_amount("1200", 0, 1200);
	expect_amount("1,200", 0, 1200);
	expect_amount("1.234", 3, 1234);
	expect_amount("1.2", 3, 1200);
	expect_amount("-0.001", 3, -1);
	expect_amount("0.123456789012345678", 18, 123456789012345678);
	expect_bad_amount("1200.5", 0, "JPY",
	    "'1200.5' has more decimals than JPY allows");
	expect_bad_amount("1200.0", 0, "JPY",
	    "'1200.0' has more decimals than JPY allows");
	expect_bad_amount("1200.", 0, "JPY", "'1200.' is not an amount");
	expect_bad_amount("1.2345", 3, "KWD",
	    "'1.2345' has more decimals than KWD allows");
	expect_bad_amount("12.345", 2, "CNY",
	    "'12.345' has more decimals than CNY allows");
	expect_bad_amount("1", -1, "XXX",
	    "XXX has no known number of minor digits");
	expect_bad_amount("1", 19, "XXX",
	    "XXX has no known number of minor digits");
}

static void
test_parse_rejects(void **state)
{
	static const char *bad[] = {
		"", " ", " 1", "1 ", "1 000", ".", "1.", "+", "-", "+-1",
		"--1", "-+1", "1e5", "1E5", "0x10", "1,23", "12,3456",
		",123", "1,,234", "1,234,", "1234,567", "1,234.5,6", "1.2.3",
		"１２", "١٢", "12abc", "abc", "1.5x", "1_000", "1'000",
		"NaN", "inf", "1.,5", ".,5", ",", "1,234,56", "1,2345",
		"(12)", "12-", "¥12", "$1", "1\n", "\t1",
	};
	size_t i;
	char want[64];

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(want, sizeof(want), "'%s' is not an amount", bad[i]);
		expect_bad_amount(bad[i], 2, "CNY", want);
	}
}

static void
test_parse_overflow(void **state)
{
	(void)state;
	expect_bad_amount("92233720368547758.08", 2, "CNY",
	    "'92233720368547758.08' is too large");
	expect_bad_amount("-92233720368547758.09", 2, "CNY",
	    "'-92233720368547758.09' is too large");
	expect_bad_amount("9223372036854775808", 0, "JPY",
	    "'9223372036854775808' is too large");
	expect_bad_amount("-9223372036854775809", 0, "JPY",
	    "'-9223372036854775809' is too large");
	/* Fits as an integer, overflows once scaled to minor units. */
	expect_bad_amount("92233720368547759", 2, "CNY",
	    "'92233720368547759' is too large");
	expect_bad_amount("100000000000000000000000", 2, "CNY",
	    "'100000000000000000000000' is too large");
	expect_bad_amount("18446744073709551616", 0, "JPY",
	    "'18446744073709551616' is too large");
}

static void
test_parse_long_value_is_cut(void **state)
{
	char s[300], want[200];
	struct ae_error err;
	int64_t v;

	(void)state;
	memset(s, 'a', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	ae_error_clear(&err);
	assert_int_equal(money_parse(s, 2, "CNY", &v, &err), -1);
	snprintf(want, sizeof(want), "'%.80s...' is not an amount", s);
	assert_string_equal(err.text, want);
	/* A cut never splits a UTF-8 character: 40 × "元" is 120 bytes. */
	s[0] = '\0';
	for (int i = 0; i < 40; i++)
		strcat(s, "元");
	ae_error_clear(&err);
	assert_int_equal(money_parse(s, 2, "CNY", &v, &err), -1);
	snprintf(want, sizeof(want), "'%.78s...' is not an amount", s);
	assert_string_equal(err.text, want);
}

static void
test_parse_null_currency(void **state)
{
	(void)state;
	expect_bad_amount("1.234", 2, NULL,
	    "'1.234' has more decimals than the currency allows");
}

static void
test_format(void **state)
{
	(void)state;
	expect_format(0, 2, 0, "0.00");
	expect_format(123450, 2, 0, "1234.50");
	expect_format(-5, 2, 0, "-0.05");
	expect_format(-100, 2, 0, "-1.00");
	expect_format(1200, 0, 0, "1200");
	expect_format(1, 3, 0, "0.001");
	expect_format(-1234, 3, 0, "-1.234");
	expect_format(INT64_MAX, 2, 0, "92233720368547758.07");
	expect_format(INT64_MIN, 2, 0, "-92233720368547758.08");
	expect_format(INT64_MAX, 0, 0, "9223372036854775807");
	expect_format(INT64_MIN, 0, 0, "-9223372036854775808");
	expect_format(INT64_MIN, 18, 0, "-9.223372036854775808");
	expect_format(5, 18, 0, "0.000000000000000005");
}

static void
test_format_grouped(void **state)
{
	(void)state;
	expect_format(0, 2, 1, "0.00");
	expect_format(99999, 2, 1, "999.99");
	expect_format(100000, 2, 1, "1,000.00");
	expect_format(123456789, 2, 1, "1,234,567.89");
	expect_format(-123456789, 2, 1, "-1,234,567.89");
	expect_format(1000000, 0, 1, "1,000,000");
	expect_format(100000, 0, 1, "100,000");
	expect_format(1234567, 3, 1, "1,234.567");
	expect_format(INT64_MIN, 0, 1, "-9,223,372,036,854,775,808");
	expect_format(INT64_MAX, 2, 1, "92,233,720,368,547,758.07");
}

static void
test_format_small_buffer(void **state)
{
	char buf[5];

	(void)state;
	assert_int_equal(money_format(123456, 2, 0, buf, sizeof(buf)), 4);
	assert_string_equal(buf, "1234");
	assert_int_equal(money_format(1, 2, 0, buf, 0), 0);
}

static void
test_format_parse_round_trip(void **state)
{
	static const int64_t v[] = {
		0, 1, -1, 99, 100, 999999, -1000000, INT64_MAX, INT64_MIN,
		INT64_MAX - 1, INT64_MIN + 1,
	};
	char buf[MONEY_BUFSIZE];
	struct ae_error err;
	size_t i;
	int digits, grouped;
	int64_t back;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		for (digits = 0; digits <= 3; digits++)
			for (grouped = 0; grouped <= 1; grouped++) {
				money_format(v[i], digits, grouped, buf,
				    sizeof(buf));
				ae_error_clear(&err);
				assert_int_equal(money_parse(buf, digits, "X",
				    &back, &err), 0);
				assert_int_equal(back, v[i]);
			}
}

static void
test_add_sub(void **state)
{
	struct ae_error err;
	int64_t v;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(money_add(150, -200, &v, &err), 0);
	assert_int_equal(v, -50);
	assert_int_equal(money_sub(150, -200, &v, &err), 0);
	assert_int_equal(v, 350);
	assert_int_equal(money_add(INT64_MAX - 1, 1, &v, &err), 0);
	assert_int_equal(v, INT64_MAX);
	assert_int_equal(money_sub(INT64_MIN + 1, 1, &v, &err), 0);
	assert_int_equal(v, INT64_MIN);
	assert_false(ae_error_isset(&err));

	v = 7;
	assert_int_equal(money_add(INT64_MAX, 1, &v, &err), -1);
	assert_string_equal(err.text, "sum of amounts is too large");
	assert_int_equal(err.code, AE_EDATA);
	ae_error_clear(&err);
	assert_int_equal(money_add(INT64_MIN, -1, &v, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(money_sub(INT64_MIN, 1, &v, &err), -1);
	assert_string_equal(err.text, "difference of amounts is too large");
	ae_error_clear(&err);
	assert_int_equal(money_sub(0, INT64_MIN, &v, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(money_sub(INT64_MAX, -1, &v, &err), -1);
	/* A NULL error is allowed. */
	assert_int_equal(money_add(INT64_MAX, 1, &v, NULL), -1);
}

static void
test_mul_rounding(void **state)
{
	(void)state;
	assert_int_equal(mul(1000, "1.5"), 1500);
	assert_int_equal(mul(1, "1.5"), 2);	/* 1.5 fen → 2 */
	assert_int_equal(mul(-1, "1.5"), -2);
	assert_int_equal(mul(1, "0.5"), 1);	/* 0.5 fen → 1 */
	assert_int_equal(mul(-1, "0.5"), -1);
	assert_int_equal(mul(1, "-0.5"), -1);
	assert_int_equal(mul(-1, "-0.5"), 1);
	assert_int_equal(mul(3, "0.5"), 2);	/* 1.5 → 2, not banker's 2 */
	assert_int_equal(mul(5, "0.5"), 3);	/* 2.5 → 3, not banker's 2 */
	assert_int_equal(mul(-5, "0.5"), -3);
	assert_int_equal(mul(1, "0.49"), 0);
	assert_int_equal(mul(-1, "0.49"), 0);
	assert_int_equal(mul(1, "0.51"), 1);
	assert_int_equal(mul(1999, "0.333"), 666);	/* 665.667 */
	assert_int_equal(mul(1999, "3"), 5997);
	assert_int_equal(mul(1999, "0"), 0);
	assert_int_equal(mul(-1999, "0"), 0);
	assert_int_equal(mul(234500, "0.00001"), 2);	/* 2.345 */
	assert_int_equal(mul(1, "0.000000000000000001"), 0);
	assert_int_equal(mul(INT64_MAX, "1"), INT64_MAX);
	assert_int_equal(mul(INT64_MIN, "1"), INT64_MIN);
	assert_int_equal(mul(INT64_MAX, "-1"), -INT64_MAX);
	assert_int_equal(mul(INT64_MIN, "0.5"), INT64_MIN / 2);
	assert_int_equal(mul(INT64_MAX, "0.5"), INT64_MAX / 2 + 1);
	assert_int_equal(mul(INT64_MIN, "0.000000000000000001"), -9);
}

static void
test_mul_overflow(void **state)
{
	struct ae_error err;
	struct decimal q = { 2, 0 };
	int64_t v = 7;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(money_mul(INT64_MAX / 2 + 1, q, &v, &err), -1);
	assert_string_equal(err.text, "amount times quantity is too large");
	assert_int_equal(v, 7);
	ae_error_clear(&err);
	assert_int_equal(money_mul(INT64_MIN, dec("-1"), &v, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(money_mul(INT64_MAX, dec("999999999999999999"),
	    &v, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(money_mul(INT64_MIN, dec("1.000000000000001"),
	    &v, &err), -1);
	/* Rounding up past INT64_MAX is an overflow too. */
	ae_error_clear(&err);
	assert_int_equal(money_mul(INT64_MAX, dec("1.00000000000000000"),
	    &v, &err), 0);
	assert_int_equal(v, INT64_MAX);
	q.coef = 1;
	q.scale = 19;
	ae_error_clear(&err);
	assert_int_equal(money_mul(1, q, &v, &err), -1);
	assert_string_equal(err.text, "quantity has more than 18 decimals");
	q.scale = -1;
	ae_error_clear(&err);
	assert_int_equal(money_mul(1, q, &v, &err), -1);
}

static void
test_percent(void **state)
{
	(void)state;
	assert_int_equal(percent(25, "6"), 2);		/* 0.015 → 0.02 */
	assert_int_equal(percent(-25, "6"), -2);	/* -0.015 → -0.02 */
	assert_int_equal(percent(25, "-6"), -2);
	assert_int_equal(percent(24, "6"), 1);		/* 0.0144 → 0.01 */
	assert_int_equal(percent(1000000, "15"), 150000);
	assert_int_equal(percent(1000000, "6.5"), 65000);
	assert_int_equal(percent(12345, "6.5"), 802);	/* 802.425 */
	assert_int_equal(percent(12346, "6.25"), 772);	/* 771.625 */
	assert_int_equal(percent(10, "5"), 1);		/* 0.5 → 1 */
	assert_int_equal(percent(-10, "5"), -1);
	assert_int_equal(percent(10, "4.99"), 0);
	assert_int_equal(percent(123, "0"), 0);
	assert_int_equal(percent(123, "100"), 123);
	assert_int_equal(percent(INT64_MAX, "100"), INT64_MAX);
	assert_int_equal(percent(INT64_MIN, "100"), INT64_MIN);
	assert_int_equal(percent(INT64_MIN, "50"), INT64_MIN / 2);
	assert_int_equal(percent(1, "0.000000000000000001"), 0);
}

static void
test_percent_overflow(void **state)
{
	struct ae_error err;
	struct decimal pct = { 0, 19 };
	int64_t v = 7;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(money_percent(INT64_MAX, dec("100.01"), &v, &err),
	    -1);
	assert_string_equal(err.text, "percentage of amount is too large");
	assert_int_equal(v, 7);
	ae_error_clear(&err);
	assert_int_equal(money_percent(INT64_MIN, dec("-100"), &v, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(money_percent(INT64_MIN, dec("999999999999999999"),
	    &v, &err), -1);
	ae_error_clear(&err);
	assert_int_equal(money_percent(1, pct, &v, &err), -1);
	assert_string_equal(err.text, "percentage has more than 18 decimals");
}

static void
expect_decimal(const char *s, int64_t coef, int scale, const char *text)
{
	struct decimal d = dec(s);
	char buf[64];

	if (d.coef != coef || d.scale != scale)
		fail_msg("'%s' gave {%lld, %d}, want {%lld, %d}", s,
		    (long long)d.coef, d.scale, (long long)coef, scale);
	assert_int_equal(decimal_format(d, buf, sizeof(buf)), strlen(text));
	assert_string_equal(buf, text);
}

static void
expect_bad_decimal(const char *s, const char *text)
{
	struct ae_error err;
	struct decimal d = { 7, 7 };

	ae_error_clear(&err);
	if (decimal_parse(s, &d, &err) != -1)
		fail_msg("decimal '%s' accepted", s);
	assert_int_equal(err.code, AE_EDATA);
	assert_string_equal(err.text, text);
	assert_int_equal(d.coef, 7);
	assert_int_equal(d.scale, 7);
}

static void
test_decimal(void **state)
{
	(void)state;
	expect_decimal("1.5", 15, 1, "1.5");
	expect_decimal("15", 15, 0, "15");
	expect_decimal("-0.25", -25, 2, "-0.25");
	expect_decimal("+6.50", 650, 2, "6.50");
	expect_decimal(".5", 5, 1, "0.5");
	expect_decimal("-0", 0, 0, "0");
	expect_decimal("007", 7, 0, "7");
	expect_decimal("999999999999999999", 999999999999999999, 0,
	    "999999999999999999");
	expect_decimal("-999999999999999999", -999999999999999999, 0,
	    "-999999999999999999");
	expect_decimal("0.000000000000000001", 1, 18,
	    "0.000000000000000001");
	expect_decimal("0.999999999999999999", 999999999999999999, 18,
	    "0.999999999999999999");
	expect_decimal("000000000000000000000012.5", 125, 1, "12.5");
	expect_decimal("1.00000000000000000", 100000000000000000, 17,
	    "1.00000000000000000");
}

static void
test_decimal_rejects(void **state)
{
	static const char *bad[] = {
		"", ".", "1.", "+", "-", "1,000", "1e2", "0x1", " 1", "1 ",
		"1.2.3", "abc", "１", "--1", "1%",
	};
	char want[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(want, sizeof(want), "'%s' is not a number", bad[i]);
		expect_bad_decimal(bad[i], want);
	}
	expect_bad_decimal("1234567890123456789",
	    "'1234567890123456789' has more than 18 significant digits");
	expect_bad_decimal("1.000000000000000000",
	    "'1.000000000000000000' has more than 18 significant digits");
	expect_bad_decimal("0.0000000000000000001",
	    "'0.0000000000000000001' has more than 18 decimals");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_currency_digits),
		cmocka_unit_test(test_parse_accepts),
		cmocka_unit_test(test_parse_digit_counts),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_parse_overflow),
		cmocka_unit_test(test_parse_long_value_is_cut),
		cmocka_unit_test(test_parse_null_currency),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_grouped),
		cmocka_unit_test(test_format_small_buffer),
		cmocka_unit_test(test_format_parse_round_trip),
		cmocka_unit_test(test_add_sub),
		cmocka_unit_test(test_mul_rounding),
		cmocka_unit_test(test_mul_overflow),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_percent_overflow),
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_decimal_rejects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
