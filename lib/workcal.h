/*
 * workcal.h — the working calendar: which days are workdays.
 *
 * Monday to Friday are workdays and Saturday and Sunday are not, unless a
 * holiday file says otherwise.  China's calendar moves days around each
 * year: public holidays fall on weekdays, and some weekend days are worked
 * in exchange (调休).  The holiday file is CSV (or JSON) records
 *
 *	date,kind,name
 *	2026-02-16,holiday,春节
 *	2026-02-14,workday,春节调休
 *
 * with kind `holiday` (a day off) or `workday` (a day worked).
 */
#ifndef AEKIT_WORKCAL_H
#define AEKIT_WORKCAL_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "reader.h"

enum workcal_kind {
	WORKCAL_HOLIDAY = 1,
	WORKCAL_WORKDAY = 2
};

struct workcal;

/* An empty calendar: weekdays only. */
struct workcal *workcal_new(void);
void workcal_free(struct workcal *wc);

/*
 * Adds the days of holiday file PATH.  A bad date, an unknown kind or a
 * date listed twice is an error naming the file and line (AE_EDATA);
 * a file that cannot be opened is AE_ENOINPUT.
 */
int workcal_load(struct workcal *wc, const char *path,
    const struct reader_options *opts, struct ae_error *err);

/*
 * Adds the day of one `holiday` record (date, kind): -1 with ERR at the
 * record's field for a bad date, an unknown kind or a day listed twice.
 */
int workcal_add_record(struct workcal *wc, const struct record *r,
    struct ae_error *err);

/* Adds every day of SRC to DST; -1 when one is already listed. */
int workcal_copy(struct workcal *dst, const struct workcal *src);

/* Number of days listed. */
size_t workcal_size(const struct workcal *wc);

/* Whether WC lists some day of YEAR. */
int workcal_covers_year(const struct workcal *wc, int year);

/*
 * The shipped calendar (SPEC §3 timesheet): $AEKIT_HOLIDAYS when set
 * (empty: none), else share/aekit/holidays.csv beside the running binary
 * (the build tree), else the installed one.  NULL when there is none.
 * BUF holds the path (PATH_MAX bytes).
 */
const char *workcal_default_path(char *buf, size_t size);

/* Adds one day; -1 when DAY is already listed. */
int workcal_add(struct workcal *wc, int32_t day, enum workcal_kind kind,
    struct ae_error *err);

/* Whether DAY is a workday. */
int workcal_is_workday(const struct workcal *wc, int32_t day);

/* Number of workdays in [FROM, TO] (0 when TO < FROM). */
long workcal_count(const struct workcal *wc, int32_t from, int32_t to);

#endif
