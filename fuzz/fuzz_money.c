/*
 * Feeds arbitrary bytes to the money and decimal parsers.  Whatever is
 * accepted must format and parse back to the same value, plain and
 * grouped, or the run aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* format → parse gives V back, in both layouts. */
static void
check_round_trip(int64_t v, int digits)
{
	char buf[MONEY_BUFSIZE];
	struct ae_error err;
	int64_t back;
	int grouped;

	for (grouped = 0; grouped <= 1; grouped++) {
		money_format(v, digits, grouped, buf, sizeof(buf));
		ae_error_clear(&err);
		if (money_parse(buf, digits, "XXX", &back, &err) != 0 ||
		    back != v)
			abort();
	}
}

/* A decimal's text must read back as the same coefficient and scale. */
static void
check_decimal_round_trip(struct decimal d)
{
	char buf[48];
	struct ae_error err;
	struct decimal back;

	decimal_format(d, buf, sizeof(buf));
	ae_error_clear(&err);
	if (decimal_parse(buf, &back, &err) != 0 || back.coef != d.coef ||
	    back.scale != d.scale)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int digits[] = { 0, 2, 3 };
	struct ae_error err;
	struct decimal d;
	char *s;
	size_t i;
	int64_t v, r;

	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	for (i = 0; i < sizeof(digits) / sizeof(digits[0]); i++) {
		ae_error_clear(&err);
		if (money_parse(s, digits[i], "XXX", &v, &err) == 0)
			check_round_trip(v, digits[i]);
		else if (!ae_error_isset(&err))
			abort();
	}
	ae_error_clear(&err);
	if (decimal_parse(s, &d, &err) == 0) {
		check_decimal_round_trip(d);
		/* Exercise the 128-bit paths; overflow is an answer too. */
		ae_error_clear(&err);
		money_mul(INT64_MIN, d, &r, &err);
		ae_error_clear(&err);
		money_percent(INT64_MAX, d, &r, &err);
	}
	free(s);
	return 0;
}
