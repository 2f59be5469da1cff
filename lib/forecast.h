/*
 * forecast.h — the billing forecast (广告费/收入预报, SPEC §3 forecast):
 * what each client was forecast to bill per month, against what was
 * invoiced, as of a date.
 *
 * Records are fed one at a time, in any order: `forecast` records,
 * `invoice` records (the actuals) and `job` records (for --check).  A
 * forecast may be revised: of the records for one client, month, job and
 * kind, the one with the latest `revised` date on or before the as-of
 * date counts, so a report re-run later for the same day gives the same
 * figures.  Revisions live in a hash table of compact entries; invoices
 * are summed into cells by group, currency and month as they come, so
 * memory grows with forecast lines and cells, not with invoices read.
 *
 *	struct fc *fc = forecast_new(&opts);
 *	while (more records)
 *		if (forecast_add(fc, r, &err) != 0) fail(&err);
 *	struct forecast_report rep;
 *	forecast_report(fc, &rep, 0, &err);
 *	forecast_write_records(&rep, TABLE_CSV, 0, stdout);
 *	forecast_report_release(&rep);
 *	forecast_free(fc);
 */
#ifndef AEKIT_FORECAST_H
#define AEKIT_FORECAST_H

#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "finding.h"
#include "reader.h"
#include "table.h"

enum forecast_by {
	FC_BY_CLIENT,
	FC_BY_KIND, /* fee, media, production */
	FC_BY_JOB
};

/* A month as one number: year × 12 + month − 1. */
#define FC_MONTH(y, m) ((y)*12 + (m)-1)
#define FC_NO_MONTH (-1)

struct forecast_options {
	int32_t as_of; /* day number */
	int from, to;  /* FC_MONTH or FC_NO_MONTH */
	enum forecast_by by;
	int weighted;	      /* amount × probability / 100 */
	const char *currency; /* of records without one; "CNY" */
};

/* "client", "kind", "job" → *BY; -1 for another word. */
int forecast_parse_by(const char *s, enum forecast_by *by);

/* The csv/json key of the group: "client", "kind", "job". */
const char *forecast_by_name(enum forecast_by by);

/* Parses YYYY-MM into FC_MONTH form; -1 with ERR. */
int forecast_parse_month(const char *s, int *month, struct ae_error *err);

/* "2027-03" or "2027-Q1" for period P (a month, or year × 4 + q − 1). */
void forecast_period_label(int p, int quarterly, char *buf, size_t size);

struct fc *forecast_new(const struct forecast_options *o);
void forecast_free(struct fc *fc);

/*
 * Starts a new input file whose records without a `type` field are of
 * DEFAULT_TYPE (NULL: from the file's name, else forecast).
 */
void forecast_begin_file(struct fc *fc, const char *default_type);

/*
 * Takes one record: a forecast, an invoice or a job, told by its `type`
 * field, else the file's default type, else its file's name, else
 * forecast.  Returns 0, or -1 with ERR (place and field filled) for a bad
 * record: a missing or malformed field, a probability outside 0–100, two
 * versions of one forecast line revised on the same day, a sum that
 * overflows, a record of another type.  A bad record changes nothing.
 */
int forecast_add(struct fc *fc, const struct record *r, struct ae_error *err);

/* One period of one row: forecast, invoiced, actual − forecast. */
struct forecast_cell {
	int64_t forecast, actual, variance;
};

struct forecast_row {
	const char *group; /* client, kind or job; "" none */
	const char *currency;
	int digits;
	struct forecast_cell *cells; /* nperiods, then the range's total */
};

struct forecast_report {
	const struct forecast_options *opts;
	int quarterly;
	int first, nperiods;	   /* first period's number, count */
	struct forecast_row *rows; /* by group, then currency (bytes) */
	size_t nrows;
	struct forecast_row *totals; /* one per currency, by currency */
	size_t ntotals;
};

/*
 * Sums the counted forecasts and the invoices into one row per group and
 * currency, a column per month (QUARTERLY: per calendar quarter) from
 * --from to --to (default: the months the forecasts cover, else the
 * invoices).  -1 with ERR when a sum overflows.  Strings point into FC:
 * keep it until forecast_report_release().
 */
int forecast_report(struct fc *fc, struct forecast_report *rep, int quarterly,
    struct ae_error *err);
void forecast_report_release(struct forecast_report *rep);

/*
 * Variance as a percentage of the forecast in tenths of a per cent,
 * rounded half away from zero (integers only): 0 with *PCT10 set, or -1
 * when the forecast is zero or the result does not fit.
 */
int forecast_variance_pct10(const struct forecast_cell *c, int64_t *pct10);

/* "12.5%" for 125 into BUF. */
void forecast_format_pct10(int64_t pct10, char *buf, size_t size);

/*
 * --check: calls FN once per finding, in the order of the records named.
 *  missing-forecast: a client with an open job (status not closed or
 *   billed, not internal, opened by the as-of date) has no forecast for
 *   one of the three months after the as-of month (at the job's line);
 *  stale-forecast: a forecast for a month before the as-of month, not
 *   zero, never revised, for a client who was invoiced nothing that
 *   month (at the forecast's line).
 * DETAIL is in the --lang language.
 */
void forecast_check(struct fc *fc, struct finding_sink *fs);

/*
 * Writers.  Records (FORMAT TABLE_CSV or TABLE_JSONL, table.h): exactly
 * the columns of SPEC §3, the --by field, currency, month (quarter),
 * forecast, actual, variance, amounts as plain decimal strings; FLAGS
 * TABLE_EXCEL.  Text has a column per period and four lines per row
 * (forecast, invoiced, variance, variance %), totals per currency,
 * labels through _().
 */
void forecast_write_records(const struct forecast_report *rep,
    enum table_format format, int flags, FILE *out);
void forecast_write_text(const struct forecast_report *rep, FILE *out);

/* Translated headings for people. */
const char *forecast_group_heading(enum forecast_by by);
const char *forecast_title(const struct forecast_report *rep, char *buf,
    size_t size);

#endif
