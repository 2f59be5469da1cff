/*
 * money.h — exact money: a signed 64-bit count of a currency's minor units
 * (fen for CNY, cents for USD, yen for JPY).  No floating point anywhere.
 *
 * Every function that can fail returns 0 on success and -1 on failure with
 * ERR filled (text only: the caller adds the record's place and field).
 */
#ifndef AEKIT_MONEY_H
#define AEKIT_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Longest text money_format() writes, NUL included: -9,223,372,036,854,775,808 */
#define MONEY_BUFSIZE 32

/*
 * A decimal number: COEF × 10^−SCALE, e.g. 1.5 = {15, 1}.  Quantities and
 * percentages (commission "15", tax "6.5") are decimals, not money.
 */
struct decimal {
	int64_t coef;
	int scale; /* 0..18 */
};

/*
 * Minor-unit digits of an ISO 4217 code ("CNY" 2, "JPY" 0, "KWD" 3), or -1
 * for a code not in the table.  Case-sensitive: codes are upper case.
 */
int currency_digits(const char *code);

/*
 * The ISO 4217 code a currency is written as: "RMB" and "人民币" are
 * "CNY" (SPEC §1); anything else is returned as it is.
 */
const char *currency_canonical(const char *s);

/*
 * Parses S into minor units of a currency with DIGITS minor digits.
 * Accepts an optional sign, digits with optional `,` thousands separators
 * in groups of three ("1,234,567.50"), an optional fraction of at most
 * DIGITS digits (0..18); "12.340" is refused for CNY like "12.345", as the
 * count of digits written is what is checked.  Surrounding spaces are an
 * error, so are "", "." and "1."; ".5" is accepted as 0.50.  CURRENCY
 * names the currency in messages ("'12.345' has more decimals than CNY
 * allows"); NULL reads "the currency".
 */
int money_parse(const char *s, int digits, const char *currency, int64_t *out,
    struct ae_error *err);

/*
 * Writes V with exactly DIGITS fraction digits into BUF: "1234.50",
 * "-0.05", "1200".  GROUPED adds `,` every three integer digits
 * ("1,234.50").  Returns the length written.  BUF holds MONEY_BUFSIZE.
 */
size_t money_format(int64_t v, int digits, int grouped, char *buf, size_t size);

/* *OUT = A + B (A − B); -1 on overflow. */
int money_add(int64_t a, int64_t b, int64_t *out, struct ae_error *err);
int money_sub(int64_t a, int64_t b, int64_t *out, struct ae_error *err);

/*
 * *OUT = round(A × Q), rounding half away from zero (四舍五入) to the minor
 * unit.  -1 on overflow.
 */
int money_mul(int64_t a, struct decimal q, int64_t *out, struct ae_error *err);

/* *OUT = round(A × PCT / 100), half away from zero.  -1 on overflow. */
int money_percent(int64_t a, struct decimal pct, int64_t *out,
    struct ae_error *err);

/*
 * Parses a decimal number: optional sign, digits, optional fraction, at
 * most 18 significant digits and 18 decimals.  No thousands separators.
 * The scale is as written ("6.50" is {650, 2}), so trailing zeros count
 * as significant digits.
 */
int decimal_parse(const char *s, struct decimal *out, struct ae_error *err);

/* Writes D as plain decimal text ("1.5", "-0.25", "15"). */
size_t decimal_format(struct decimal d, char *buf, size_t size);

#endif
