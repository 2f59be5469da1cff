/*
 * date.h — calendar dates and points in time.
 *
 * A date is a day number: days since 1970-01-01 (negative before), in the
 * proleptic Gregorian calendar.  A point in time is seconds since the epoch
 * plus the UTC offset it was written with, so that output can keep the zone.
 * Functions that can fail return 0 on success, -1 with ERR filled.
 */
#ifndef AEKIT_DATE_H
#define AEKIT_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define DATE_BUFSIZE 11	    /* "YYYY-MM-DD" and NUL */
#define DATETIME_BUFSIZE 32 /* "YYYY-MM-DDTHH:MM:SS+HH:MM" and NUL */

struct datetime {
	int64_t epoch; /* seconds since 1970-01-01T00:00:00Z */
	int offset;    /* seconds east of UTC that the time was given in */
};

/*
 * Parses YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD or YYYY年M月D日 (month and day
 * of one or two digits in that form).  Impossible dates (2026-02-30) and
 * years outside 1..9999 are errors.
 */
int date_parse(const char *s, int32_t *days, struct ae_error *err);

/* Day number of Y-M-D, which must be valid (see date_valid). */
int32_t date_from_ymd(int y, int m, int d);
int date_valid(int y, int m, int d);
void date_to_ymd(int32_t days, int *y, int *m, int *d);

/* Writes YYYY-MM-DD into BUF (DATE_BUFSIZE). */
void date_format(int32_t days, char *buf);

/* 1 = Monday … 7 = Sunday (ISO 8601). */
int date_weekday(int32_t days);

/* Today in local time (TZ). */
int32_t date_today(void);

/*
 * The month-end close on or before DAY: the most recent 25th
 * (每月25日汇总结帐).  2026-11-27 → 2026-11-25, 2026-11-24 → 2026-10-25.
 */
int32_t date_close(int32_t day);

/*
 * Parses an --as-of value: "today", "close" (date_close of today) or a
 * date.  TODAY is the day "today" means, so that tests can fix it.
 */
int date_parse_asof(const char *s, int32_t today, int32_t *days,
    struct ae_error *err);

/*
 * Parses YYYY-MM-DDTHH:MM[:SS] (a space may stand for T; the date part in
 * any form date_parse takes), then optional Z or ±HH:MM.  Without a zone
 * the time is local (TZ) and OFFSET is the local offset at that time;
 * a local time skipped by a DST change is moved on as mktime(3) does
 * (02:30 becomes 03:30).  A date alone is an error here.
 */
int datetime_parse(const char *s, struct datetime *out, struct ae_error *err);

/*
 * Writes T in its own offset as YYYY-MM-DDTHH:MM:SS+08:00 ("Z" for offset
 * 0) into BUF (DATETIME_BUFSIZE).
 */
void datetime_format(struct datetime t, char *buf);

/* The local (TZ) offset in seconds east of UTC at EPOCH. */
int datetime_local_offset(int64_t epoch);

/* The local date of T in T's own offset. */
int32_t datetime_day(struct datetime t);

/* Parses YYYY-MM into year and month. */
int month_parse(const char *s, int *y, int *m, struct ae_error *err);

#endif
