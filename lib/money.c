/*
 * Money as a signed 64-bit count of minor units.  Parsing works on the
 * text alone, and products are computed in 128 bits so that rounding
 * happens once, at the end, on the exact value.
 */
#include <stdint.h>
#include <string.h>

#include "money.h"
#include "text.h"

#define MAX_DIGITS 18 /* 10^18 is the largest power of ten in int64 */

/*
 * Unsigned, so that UBSan's checks do not call __muloti4, which only
 * compiler-rt has; signs are handled apart from magnitudes.
 */
__extension__ typedef unsigned __int128 u128;

/* The magnitude of INT64_MIN, one more than INT64_MAX. */
#define MAG_MIN ((uint64_t)INT64_MAX + 1)

struct currency {
	char code[4];
	int digits;
};

/* ISO 4217 minor units, sorted by code. */
static const struct currency currencies[] = {
	{ "AED", 2 },
	{ "ARS", 2 },
	{ "AUD", 2 },
	{ "BDT", 2 },
	{ "BHD", 3 },
	{ "BRL", 2 },
	{ "CAD", 2 },
	{ "CHF", 2 },
	{ "CLP", 0 },
	{ "CNY", 2 },
	{ "COP", 2 },
	{ "CZK", 2 },
	{ "DKK", 2 },
	{ "EGP", 2 },
	{ "EUR", 2 },
	{ "GBP", 2 },
	{ "HKD", 2 },
	{ "HUF", 2 },
	{ "IDR", 2 },
	{ "ILS", 2 },
	{ "INR", 2 },
	{ "IQD", 3 },
	{ "ISK", 0 },
	{ "JOD", 3 },
	{ "JPY", 0 },
	{ "KES", 2 },
	{ "KRW", 0 },
	{ "KWD", 3 },
	{ "KZT", 2 },
	{ "LKR", 2 },
	{ "LYD", 3 },
	{ "MAD", 2 },
	{ "MOP", 2 },
	{ "MXN", 2 },
	{ "MYR", 2 },
	{ "NGN", 2 },
	{ "NOK", 2 },
	{ "NZD", 2 },
	{ "OMR", 3 },
	{ "PEN", 2 },
	{ "PHP", 2 },
	{ "PKR", 2 },
	{ "PLN", 2 },
	{ "QAR", 2 },
	{ "RON", 2 },
	{ "RUB", 2 },
	{ "SAR", 2 },
	{ "SEK", 2 },
	{ "SGD", 2 },
	{ "THB", 2 },
	{ "TND", 3 },
	{ "TRY", 2 },
	{ "TWD", 2 },
	{ "UAH", 2 },
	{ "UGX", 0 },
	{ "USD", 2 },
	{ "VND", 0 },
	{ "XAF", 0 },
	{ "XOF", 0 },
	{ "ZAR", 2 },
};

/* Where a number's parts lie in the text, once its syntax is known good. */
struct numtext {
	int negative;
	const char *int_start; /* integer digits, with any ',' */
	const char *int_end;
	const char *frac_start; /* fraction digits, after the '.' */
	const char *frac_end;
};

const char *
currency_canonical(const char *s)
{
	/* What Chinese spreadsheets write for the renminbi. */
	if (s != NULL && (strcmp(s, "RMB") == 0 || strcmp(s, "人民币") == 0))
		return "CNY";
	return s;
}

int
currency_digits(const char *code)
{
	size_t i;

	if (code == NULL)
		return -1;
	/* The first letter first: called for every record of a ledger. */
	for (i = 0; i < sizeof(currencies) / sizeof(currencies[0]); i++)
		if (currencies[i].code[0] == code[0] &&
		    strcmp(currencies[i].code, code) == 0)
			return currencies[i].digits;
	return -1;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static uint64_t
pow10u(int n)
{
	uint64_t p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

/*
 * Checks that [P, END) is digits in groups of three after a first group
 * of one to three ("1,234,567"), or plain digits when it has no ','.
 */
static int
valid_grouping(const char *p, const char *end)
{
	const char *comma = memchr(p, ',', (size_t)(end - p));
	const char *q;

	if (comma == NULL)
		return 1;
	if (comma - p < 1 || comma - p > 3)
		return 0;
	for (q = comma; q < end; q += 4) {
		if (end - q < 4 || q[0] != ',' || !is_digit(q[1]) ||
		    !is_digit(q[2]) || !is_digit(q[3]))
			return 0;
	}
	return 1;
}

/*
 * Splits S into sign, integer part and fraction: [+-]digits[.digits],
 * where either part may be empty but not both, and a '.' needs digits
 * after it.  ',' is allowed in the integer part when GROUPS is set.
 */
static int
scan_number(const char *s, int groups, struct numtext *nt)
{
	const char *p = s;

	nt->negative = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	nt->int_start = p;
	while (is_digit(*p) || (groups && *p == ','))
		p++;
	nt->int_end = p;
	nt->frac_start = nt->frac_end = p;
	if (*p == '.') {
		nt->frac_start = ++p;
		while (is_digit(*p))
			p++;
		nt->frac_end = p;
		if (nt->frac_end == nt->frac_start)
			return -1;
	}
	if (*p != '\0')
		return -1;
	if (nt->int_end == nt->int_start && nt->frac_end == nt->frac_start)
		return -1;
	return valid_grouping(nt->int_start, nt->int_end) ? 0 : -1;
}

/* *ACC = *ACC × 10 + digit C, unless that exceeds LIMIT. */
static int
push_digit(uint64_t *acc, char c, uint64_t limit)
{
	uint64_t v;

	if (__builtin_mul_overflow(*acc, 10, &v) ||
	    __builtin_add_overflow(v, (uint64_t)(c - '0'), &v) || v > limit)
		return -1;
	*acc = v;
	return 0;
}

/* Appends the digits of [P, END), skipping ',', to *ACC within LIMIT. */
static int
push_digits(uint64_t *acc, const char *p, const char *end, uint64_t limit)
{
	for (; p < end; p++)
		if (*p != ',' && push_digit(acc, *p, limit) == -1)
			return -1;
	return 0;
}

/* The signed value of magnitude MAG, which fits by construction. */
static int64_t
apply_sign(uint64_t mag, int negative)
{
	if (!negative)
		return (int64_t)mag;
	if (mag == MAG_MIN)
		return INT64_MIN;
	return -(int64_t)mag;
}

static uint64_t
magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/*
 * S as plain digits, fifteen at most before the point and MAXFRAC at
 * most after it ("321661.40"), as a ledger writes nearly every number:
 * all its digits as one whole number in *V, the decimals in *NFRAC.  -1
 * for any other text, which the full readers take.
 */
static int
plain_number(const char *s, int maxfrac, int64_t *v, int *nfrac)
{
	const char *p = s;
	int n = 0;

	*v = 0;
	while (is_digit(*p) && p - s < 15)
		*v = *v * 10 + (*p++ - '0');
	if (p == s)
		return -1;
	if (*p == '.') {
		for (p++; is_digit(*p) && n < maxfrac; n++)
			*v = *v * 10 + (*p++ - '0');
		if (n == 0)
			return -1;
	}
	if (*p != '\0')
		return -1;
	*nfrac = n;
	return 0;
}

int
money_parse(const char *s, int digits, const char *currency, int64_t *out,
    struct ae_error *err)
{
	struct numtext nt;
	uint64_t mag = 0, limit;
	int64_t plain;
	int nfrac;

	/* Minor units of at most three digits keep plain numbers in range. */
	if (digits >= 0 && digits <= 3 &&
	    plain_number(s, digits, &plain, &nfrac) == 0) {
		for (; nfrac < digits; nfrac++)
			plain *= 10;
		*out = plain;
		return 0;
	}
	if (currency == NULL)
		currency = "the currency";
	if (digits < 0 || digits > MAX_DIGITS)
		return ae_error_set(err, AE_EDATA,
		    "%s has no known number of minor digits", currency);
	if (scan_number(s, 1, &nt) == -1)
		return ae_error_set(err, AE_EDATA, "'%.*s%s' is not an amount",
		    TEXT_CLIP(s));
	nfrac = (int)(nt.frac_end - nt.frac_start);
	if (nfrac > digits)
		return ae_error_set(err, AE_EDATA,
		    "'%.*s%s' has more decimals than %s allows", TEXT_CLIP(s),
		    currency);
	limit = nt.negative ? MAG_MIN : (uint64_t)INT64_MAX;
	if (push_digits(&mag, nt.int_start, nt.int_end, limit) == -1 ||
	    push_digits(&mag, nt.frac_start, nt.frac_end, limit) == -1 ||
	    __builtin_mul_overflow(mag, pow10u(digits - nfrac), &mag) ||
	    mag > limit)
		return ae_error_set(err, AE_EDATA, "'%.*s%s' is too large",
		    TEXT_CLIP(s));
	*out = apply_sign(mag, nt.negative);
	return 0;
}

/*
 * Writes magnitude MAG as decimal text with DIGITS fraction digits,
 * backwards from END; returns where the text starts.
 */
static char *
format_backwards(uint64_t mag, int digits, int grouped, char *end)
{
	char *p = end;
	int i;

	for (i = 0; i < digits; i++) {
		*--p = (char)('0' + mag % 10);
		mag /= 10;
	}
	if (digits > 0)
		*--p = '.';
	for (i = 0; i == 0 || mag > 0; i++) {
		if (grouped && i > 0 && i % 3 == 0)
			*--p = ',';
		*--p = (char)('0' + mag % 10);
		mag /= 10;
	}
	return p;
}

size_t
money_format(int64_t v, int digits, int grouped, char *buf, size_t size)
{
	char tmp[MONEY_BUFSIZE + MAX_DIGITS];
	char *p;
	size_t n;

	if (digits < 0)
		digits = 0;
	if (digits > MAX_DIGITS)
		digits = MAX_DIGITS;
	p = format_backwards(magnitude(v), digits, grouped, tmp + sizeof(tmp));
	if (v < 0)
		*--p = '-';
	n = (size_t)(tmp + sizeof(tmp) - p);
	if (size == 0)
		return 0;
	if (n >= size)
		n = size - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return n;
}

int
money_add(int64_t a, int64_t b, int64_t *out, struct ae_error *err)
{
	if (__builtin_add_overflow(a, b, out))
		return ae_error_set(err, AE_EDATA,
		    "sum of amounts is too large");
	return 0;
}

int
money_sub(int64_t a, int64_t b, int64_t *out, struct ae_error *err)
{
	if (__builtin_sub_overflow(a, b, out))
		return ae_error_set(err, AE_EDATA,
		    "difference of amounts is too large");
	return 0;
}

/*
 * *OUT = round(A × COEF / DIV), half away from zero, in exact 128-bit
 * arithmetic: |A × COEF| < 2^126 and DIV ≤ 10^20, so nothing overflows
 * before the final range check.
 */
static int
scaled_product(int64_t a, int64_t coef, u128 div, int64_t *out)
{
	u128 p = (u128)magnitude(a) * magnitude(coef);
	u128 q = p / div, r = p % div;
	int negative = (a < 0) != (coef < 0);

	if (r >= div - r)
		q++;
	if (q > (negative ? MAG_MIN : (uint64_t)INT64_MAX))
		return -1;
	*out = apply_sign((uint64_t)q, negative);
	return 0;
}

int
money_mul(int64_t a, struct decimal q, int64_t *out, struct ae_error *err)
{
	if (q.scale < 0 || q.scale > MAX_DIGITS)
		return ae_error_set(err, AE_EDATA,
		    "quantity has more than %d decimals", MAX_DIGITS);
	if (scaled_product(a, q.coef, pow10u(q.scale), out) == -1)
		return ae_error_set(err, AE_EDATA,
		    "amount times quantity is too large");
	return 0;
}

int
money_percent(int64_t a, struct decimal pct, int64_t *out, struct ae_error *err)
{
	if (pct.scale < 0 || pct.scale > MAX_DIGITS)
		return ae_error_set(err, AE_EDATA,
		    "percentage has more than %d decimals", MAX_DIGITS);
	if (scaled_product(a, pct.coef, (u128)pow10u(pct.scale) * 100, out) ==
	    -1)
		return ae_error_set(err, AE_EDATA,
		    "percentage of amount is too large");
	return 0;
}

/* Significant digits of [P, END): those from the first non-zero one on. */
static int
significant_digits(const char *p, const char *end)
{
	int n = 0;

	for (; p < end; p++) {
		if (*p == '.' || (n == 0 && *p == '0'))
			continue;
		n++;
	}
	return n;
}

int
decimal_parse(const char *s, struct decimal *out, struct ae_error *err)
{
	struct numtext nt;
	uint64_t mag = 0;
	int64_t plain;
	int nfrac;

	if (plain_number(s, 3, &plain, &nfrac) == 0) {
		out->coef = plain;
		out->scale = nfrac;
		return 0;
	}
	if (scan_number(s, 0, &nt) == -1)
		return ae_error_set(err, AE_EDATA, "'%.*s%s' is not a number",
		    TEXT_CLIP(s));
	nfrac = (int)(nt.frac_end - nt.frac_start);
	if (nfrac > MAX_DIGITS)
		return ae_error_set(err, AE_EDATA,
		    "'%.*s%s' has more than %d decimals", TEXT_CLIP(s),
		    MAX_DIGITS);
	if (significant_digits(nt.int_start, nt.frac_end) > MAX_DIGITS)
		return ae_error_set(err, AE_EDATA,
		    "'%.*s%s' has more than %d significant digits",
		    TEXT_CLIP(s), MAX_DIGITS);
	/* 18 significant digits are below 10^18, so this cannot fail. */
	push_digits(&mag, nt.int_start, nt.int_end, INT64_MAX);
	push_digits(&mag, nt.frac_start, nt.frac_end, INT64_MAX);
	out->coef = apply_sign(mag, nt.negative);
	out->scale = nfrac;
	return 0;
}

size_t
decimal_format(struct decimal d, char *buf, size_t size)
{
	return money_format(d.coef, d.scale, 0, buf, size);
}
