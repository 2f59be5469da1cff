/*
 * Dates as day numbers and times as epoch seconds plus the offset they
 * were written in.  Calendar arithmetic is Howard Hinnant's
 * days_from_civil/civil_from_days, exact for any year and free of the
 * range of time_t; only local time asks the C library (and so TZ).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "text.h"

#define SECS_PER_DAY 86400

/* A wall-clock time of day. */
struct hms {
	int h, m, s;
};

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Floor division, so that instants before 1970 fall on the right day. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int
is_leap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int
days_in_month(int64_t y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };

	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* Hinnant's days_from_civil, for any year. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Hinnant's civil_from_days, for any day. */
static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int
date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= days_in_month(y, m);
}

int32_t
date_from_ymd(int y, int m, int d)
{
	return (int32_t)days_from_civil(y, m, d);
}

void
date_to_ymd(int32_t days, int *y, int *m, int *d)
{
	int64_t yy;

	civil_from_days(days, &yy, m, d);
	*y = (int)yy;
}

/* Reads exactly N ASCII digits at *P into *V and moves *P past them. */
static int
read_digits(const char **p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!is_digit((*p)[i]))
			return -1;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 0;
}

/* Reads one or two ASCII digits at *P, as in 年3月1日. */
static int
read_short_number(const char **p, int *v)
{
	return read_digits(p, is_digit((*p)[0]) && is_digit((*p)[1]) ? 2 : 1,
	    v);
}

/* Moves *P past the literal WORD if it is there. */
static int
skip(const char **p, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(*p, word, n) != 0)
		return -1;
	*p += n;
	return 0;
}

/* YYYY年M月D日, month and day of one or two digits. */
static int
scan_chinese_date(const char **p, int *y, int *m, int *d)
{
	const char *q = *p;

	if (read_digits(&q, 4, y) == -1 || skip(&q, "年") == -1 ||
	    read_short_number(&q, m) == -1 || skip(&q, "月") == -1 ||
	    read_short_number(&q, d) == -1 || skip(&q, "日") == -1)
		return -1;
	*p = q;
	return 0;
}

/* YYYY-MM-DD, YYYY/MM/DD or YYYY.MM.DD, the same separator twice. */
static int
scan_numeric_date(const char **p, int *y, int *m, int *d)
{
	const char *q = *p;
	char sep;

	if (read_digits(&q, 4, y) == -1)
		return -1;
	sep = *q++;
	if ((sep != '-' && sep != '/' && sep != '.') ||
	    read_digits(&q, 2, m) == -1 || *q++ != sep ||
	    read_digits(&q, 2, d) == -1)
		return -1;
	*p = q;
	return 0;
}

/*
 * Reads a date in any accepted form at the start of *P and moves *P past
 * it; what follows is the caller's business.  -1 for no date or an
 * impossible one.
 */
static int
scan_date(const char **p, int32_t *days)
{
	int y, m, d;

	if (scan_numeric_date(p, &y, &m, &d) == -1 &&
	    scan_chinese_date(p, &y, &m, &d) == -1)
		return -1;
	if (!date_valid(y, m, d))
		return -1;
	*days = date_from_ymd(y, m, d);
	return 0;
}

int
date_parse(const char *s, int32_t *days, struct ae_error *err)
{
	const char *p = s;
	int32_t v;

	if (scan_date(&p, &v) == -1 || *p != '\0')
		return ae_error_set(err, AE_EDATA,
		    "'%.*s%s' is not a valid date", TEXT_CLIP(s));
	*days = v;
	return 0;
}

void
date_format(int32_t days, char *buf)
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	snprintf(buf, DATE_BUFSIZE, "%04d-%02d-%02d", y, m, d);
}

int
date_weekday(int32_t days)
{
	/* 1970-01-01, day 0, was a Thursday: ISO day 4. */
	int64_t r = ((int64_t)days + 3) % 7;

	return (int)(r < 0 ? r + 7 : r) + 1;
}

int32_t
date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return (int32_t)floor_div(now, SECS_PER_DAY);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int32_t
date_close(int32_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	if (d >= 25)
		return date_from_ymd(y, m, 25);
	if (m == 1)
		return date_from_ymd(y - 1, 12, 25);
	return date_from_ymd(y, m - 1, 25);
}

int
date_parse_asof(const char *s, int32_t today, int32_t *days,
    struct ae_error *err)
{
	const char *p = s;
	int32_t v;

	if (strcmp(s, "today") == 0) {
		*days = today;
		return 0;
	}
	if (strcmp(s, "close") == 0) {
		*days = date_close(today);
		return 0;
	}
	if (scan_date(&p, &v) == -1 || *p != '\0')
		return ae_error_set(err, AE_EDATA,
		    "'%.*s%s' is not a valid date, 'today' or 'close'",
		    TEXT_CLIP(s));
	*days = v;
	return 0;
}

/* HH:MM or HH:MM:SS, within a day: 24:00 is refused, as are leap seconds. */
static int
scan_time(const char **p, struct hms *t)
{
	const char *q = *p;

	t->s = 0;
	if (read_digits(&q, 2, &t->h) == -1 || skip(&q, ":") == -1 ||
	    read_digits(&q, 2, &t->m) == -1)
		return -1;
	if (skip(&q, ":") == 0 && read_digits(&q, 2, &t->s) == -1)
		return -1;
	if (t->h > 23 || t->m > 59 || t->s > 59)
		return -1;
	*p = q;
	return 0;
}

/*
 * The zone after a time: "" (local, *ZONED 0), "Z", or ±HH:MM / ±HHMM,
 * which must end the text.
 */
static int
scan_zone(const char *p, int *zoned, int *offset)
{
	int sign, h, m;

	*zoned = *p != '\0';
	*offset = 0;
	if (*p == '\0')
		return 0;
	if (strcmp(p, "Z") == 0)
		return 0;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (read_digits(&p, 2, &h) == -1)
		return -1;
	if (*p == ':')
		p++;
	if (read_digits(&p, 2, &m) == -1 || *p != '\0' || h > 23 || m > 59)
		return -1;
	*offset = sign * (h * 3600 + m * 60);
	return 0;
}

/*
 * The instant at which the local clock (TZ) reads DAYS and T.  mktime
 * picks the offset in force then; for a time in a spring-forward gap it
 * moves the clock on, as the C library does, and *OFFSET follows.
 */
static int
local_instant(int32_t days, const struct hms *t, int64_t *epoch, int *offset)
{
	struct tm tm;
	time_t v;
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = t->h;
	tm.tm_min = t->m;
	tm.tm_sec = t->s;
	tm.tm_isdst = -1;
	/* -1 is also a valid time; an untouched tm_wday tells failure. */
	tm.tm_wday = -1;
	v = mktime(&tm);
	if (v == (time_t)-1 && tm.tm_wday == -1)
		return -1;
	*epoch = (int64_t)v;
	*offset = (int)tm.tm_gmtoff;
	return 0;
}

/* A date, 'T' or one space, a time: all but the zone. */
static int
scan_date_time(const char **p, int32_t *days, struct hms *t)
{
	const char *q = *p;

	if (scan_date(&q, days) == -1 || (*q != 'T' && *q != ' '))
		return -1;
	q++;
	if (scan_time(&q, t) == -1)
		return -1;
	*p = q;
	return 0;
}

/* Whether S is a valid date and nothing more, to say what is missing. */
static int
is_bare_date(const char *s)
{
	int32_t days;

	return scan_date(&s, &days) == 0 && *s == '\0';
}

int
datetime_parse(const char *s, struct datetime *out, struct ae_error *err)
{
	const char *p = s;
	struct hms t;
	int32_t days;
	int zoned, offset;
	int64_t epoch;

	if (is_bare_date(s))
		return ae_error_set(err, AE_EDATA,
		    "'%.*s%s' is a date without a time", TEXT_CLIP(s));
	if (scan_date_time(&p, &days, &t) == -1 ||
	    scan_zone(p, &zoned, &offset) == -1)
		return ae_error_set(err, AE_EDATA,
		    "'%.*s%s' is not a valid date and time", TEXT_CLIP(s));
	if (zoned)
		epoch = (int64_t)days * SECS_PER_DAY + t.h * 3600 + t.m * 60 +
		    t.s - offset;
	else if (local_instant(days, &t, &epoch, &offset) == -1)
		return ae_error_set(err, AE_EDATA,
		    "'%.*s%s' cannot be placed in the local time zone",
		    TEXT_CLIP(s));
	out->epoch = epoch;
	out->offset = offset;
	return 0;
}

void
datetime_format(struct datetime t, char *buf)
{
	int64_t local = t.epoch + t.offset, y;
	int64_t days = floor_div(local, SECS_PER_DAY);
	int secs = (int)(local - days * SECS_PER_DAY);
	int64_t off = t.offset < 0 ? -(int64_t)t.offset : t.offset;
	int m, d;
	char zone[8] = "Z";

	civil_from_days(days, &y, &m, &d);
	if (t.offset != 0)
		snprintf(zone, sizeof(zone), "%c%02d:%02d",
		    t.offset < 0 ? '-' : '+', (int)(off / 3600 % 100),
		    (int)(off / 60 % 60));
	snprintf(buf, DATETIME_BUFSIZE, "%04lld-%02d-%02dT%02d:%02d:%02d%s",
	    (long long)y, m, d, secs / 3600, secs / 60 % 60, secs % 60, zone);
}

int
datetime_local_offset(int64_t epoch)
{
	time_t v = (time_t)epoch;
	struct tm tm;

	if (localtime_r(&v, &tm) == NULL)
		return 0;
	return (int)tm.tm_gmtoff;
}

int32_t
datetime_day(struct datetime t)
{
	return (int32_t)floor_div(t.epoch + t.offset, SECS_PER_DAY);
}

int
month_parse(const char *s, int *y, int *m, struct ae_error *err)
{
	const char *p = s;
	int yy, mm;
	char sep;

	if (read_digits(&p, 4, &yy) == -1 ||
	    ((sep = *p++) != '-' && sep != '/') ||
	    read_digits(&p, 2, &mm) == -1 || *p != '\0' || yy < 1 || mm < 1 ||
	    mm > 12)
		return ae_error_set(err, AE_EDATA,
		    "'%.*s%s' is not a valid month", TEXT_CLIP(s));
	*y = yy;
	*m = mm;
	return 0;
}
