/*
 * Feeds arbitrary bytes to the date, time and month parsers.  An accepted
 * date must be valid and format back to text that parses to the same day;
 * an accepted time must survive format → parse.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_date(int32_t days)
{
	char buf[DATE_BUFSIZE];
	struct ae_error err;
	int32_t back;
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	if (!date_valid(y, m, d) || date_from_ymd(y, m, d) != days)
		abort();
	date_format(days, buf);
	ae_error_clear(&err);
	if (date_parse(buf, &back, &err) != 0 || back != days)
		abort();
	if (date_close(days) > days || days - date_close(days) > 31)
		abort();
}

static void
check_datetime(struct datetime t)
{
	char buf[DATETIME_BUFSIZE];
	struct ae_error err;
	struct datetime back;

	datetime_format(t, buf);
	ae_error_clear(&err);
	if (datetime_parse(buf, &back, &err) != 0 || back.epoch != t.epoch)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int tz_set;
	struct ae_error err;
	struct datetime t;
	int32_t days;
	char *s;
	int y, m;

	if (!tz_set) {
		/* A zone without seconds in its offsets keeps round trips exact. */
		setenv("TZ", "UTC", 1);
		tz_set = 1;
	}
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	ae_error_clear(&err);
	if (date_parse(s, &days, &err) == 0)
		check_date(days);
	ae_error_clear(&err);
	if (date_parse_asof(s, 20784, &days, &err) == 0)
		check_date(days);
	ae_error_clear(&err);
	if (datetime_parse(s, &t, &err) == 0)
		check_datetime(t);
	ae_error_clear(&err);
	if (month_parse(s, &y, &m, &err) == 0 && (m < 1 || m > 12 || y < 1))
		abort();
	free(s);
	return 0;
}
