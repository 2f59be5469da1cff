/*
 * timesheet.h — `time` records summed into hours, utilization and cost,
 * and the workdays someone has not logged.
 *
 * Hours are exact: hundredths of an hour in an int64 ("7.5" is 750), at
 * most two decimals and at most 24 a record.  Groups live in one hash
 * table keyed by the grouping fields; their keys are copied once into an
 * arena, so reading a record allocates nothing.
 *
 *	struct timesheet *ts = timesheet_new(&opts);
 *	timesheet_read_csv(ts, "time.csv", &err);	// or timesheet_add_record() per record
 *	n = timesheet_groups(ts, &groups);
 *	timesheet_free(ts);
 */
#ifndef AEKIT_TIMESHEET_H
#define AEKIT_TIMESHEET_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "reader.h"
#include "workcal.h"

/* What hours are grouped by (--by). */
enum timesheet_dim {
	TS_PERSON,
	TS_JOB,
	TS_CLIENT,
	TS_WEEK, /* ISO 8601 week, "2026-W05" */
	TS_MONTH /* "2026-01" */
};
#define TS_MAXDIM 5

/* The name of DIM ("person") and back; -1 for an unknown name. */
const char *timesheet_dim_name(enum timesheet_dim dim);
int timesheet_dim_parse(const char *name, size_t len);

/*
 * Parses "person,job": up to TS_MAXDIM names, none twice.  Returns the
 * count, or -1 with ERR naming the bad one.
 */
int timesheet_by_parse(const char *s, enum timesheet_dim *by,
    struct ae_error *err);

/* Hours: "8", "7.5", "7.50", ".25" → hundredths; 0..24, two decimals. */
int timesheet_hours_parse(const char *s, size_t len, int64_t *out,
    struct ae_error *err);
/* Writes hundredths H as "7.50" into BUF (32 bytes). */
void timesheet_hours_format(int64_t h, char *buf);

/* ISO 8601 week of DAY: its year (may differ from the date's) and week. */
void timesheet_iso_week(int32_t day, int *year, int *week);

/*
 * Hourly cost rates (--cost-rates): records with `rate` and `person` or
 * `role`, optional `currency` (default DEF_CURRENCY; one currency for the
 * file).  A person's `staff` record's rate comes first.
 */
struct timesheet_rates;
struct timesheet_rates *timesheet_rates_load(const char *path,
    const struct reader_options *opts, const char *def_currency,
    struct ae_error *err);
void timesheet_rates_free(struct timesheet_rates *rates);
/* The rate of PERSON, else of ROLE (may be NULL): 1 found, 0 not. */
int timesheet_rates_find(const struct timesheet_rates *rates,
    const char *person, size_t plen, const char *role, size_t rlen,
    int64_t *rate);
const char *timesheet_rates_currency(const struct timesheet_rates *rates);
int timesheet_rates_digits(const struct timesheet_rates *rates);

/*
 * The client of each job, from a job register (records with `job` and
 * `client`).  A job listed twice is an error.
 */
struct timesheet_jobs;
struct timesheet_jobs *timesheet_jobs_load(const char *path,
    const struct reader_options *opts, struct ae_error *err);
void timesheet_jobs_free(struct timesheet_jobs *jobs);
/* The client of JOB, or NULL when the register does not have it. */
const char *timesheet_jobs_client(const struct timesheet_jobs *jobs,
    const char *job, size_t len);

struct timesheet_options {
	enum timesheet_dim by[TS_MAXDIM];
	int nby;
	int period; /* only days in [from, to] count */
	int32_t from, to;
	int64_t day_hours;	   /* hundredths; capacity and --missing */
	const struct workcal *cal; /* --holidays, or NULL */
	const struct workcal *default_cal; /* shipped; used when neither
					   cal nor holiday records are given */
	const char *currency;		   /* of staff rates without one */
	int utilization; /* needs TS_PERSON in by and period */
	int days;	 /* keep hours per person and day */
	const struct timesheet_rates *rates; /* NULL: no cost */
	const struct timesheet_jobs *jobs; /* NULL: clients from the records */
	const char *const *internal;	   /* the agency's own clients */
	const char *job;		   /* NULL, or count this job only */
	const char *cost_currency; /* set from timesheet_cost_currency() */
	int cost_digits;
};

/*
 * What the command line asks for, before it becomes timesheet_options: the
 * options as given and the as-of day, which ends the default period.
 */
struct timesheet_request {
	const char *by; /* NULL: person */
	int utilization;
	int missing, check;   /* list or check the days not logged */
	const char *holidays; /* files to load, or NULL */
	const char *rates;    /* --cost-rates */
	const char *jobs;
	int has_from, has_to;
	int32_t from, to;
	int32_t as_of;
	int64_t day_hours; /* hundredths, more than 0 */
	const char *const *internal;
};

/*
 * Fills O from RQ (cal, rates, jobs and job are left as they are).  The
 * period is [from, to] as given, the start of as_of's month and as_of
 * standing in for what is not; it is set when a bound is given or the
 * days or utilization are asked for.  -1 with ERR (AE_EUSAGE) naming the
 * options that do not go together, a bad --by, or from after to.
 */
int timesheet_options_set(struct timesheet_options *o,
    const struct timesheet_request *rq, struct ae_error *err);

/* What a run loads besides its records: RQ's holidays, rates and jobs. */
struct timesheet_tables {
	struct workcal *cal;
	struct workcal *defcal;
	struct timesheet_rates *rates;
	struct timesheet_jobs *jobs;
};

/*
 * Loads the files RQ names into T (the others stay NULL) and points O at
 * them; rates without a currency of their own are in CURRENCY.  -1 with
 * ERR from the first that fails.  T must be released either way.
 */
int timesheet_tables_load(struct timesheet_tables *t,
    struct timesheet_options *o, const struct timesheet_request *rq,
    const struct reader_options *ro, const char *currency,
    struct ae_error *err);
void timesheet_tables_release(struct timesheet_tables *t);

struct timesheet;
struct timesheet *timesheet_new(const struct timesheet_options *opts);
void timesheet_free(struct timesheet *ts);

/*
 * Adds one record: a `time` record, or a `staff`, `leave` or `holiday`
 * record, told by its `type` field or its file's name (holidays.csv).  A
 * record of another type named by its `type` field, a missing or bad
 * field, a person with two staff records, a day listed twice is an error
 * naming the record's place and the field (AE_EDATA).
 */
int timesheet_add_record(struct timesheet *ts, const struct record *r,
    struct ae_error *err);

/* Number of records counted (inside the period, of the job). */
long timesheet_count(const struct timesheet *ts);

/* The earliest day counted, or INT32_MAX when none was. */
int32_t timesheet_first_day(const struct timesheet *ts);

struct timesheet_group {
	const char *dims[TS_MAXDIM]; /* in the order of opts.by */
	int64_t hours;		     /* hundredths */
	int64_t client_hours;	     /* on client (not internal) jobs */
	int64_t capacity;	     /* workdays × day hours; -1 unknown */
	int64_t cost;		     /* minor units, when rates */
};

/*
 * The groups sorted by their fields (byte order), owned by TS.  Fills
 * the cost (round(Σ hours × rate), half away from zero, per group) and
 * capacity.  -1 on an overflow, or for a person without a rate when
 * there are costs (ERR at their first time record).
 */
int timesheet_groups(struct timesheet *ts, const struct timesheet_group **out,
    size_t *n, struct ae_error *err);

/*
 * The sums of the N groups at G into TOTAL (dims empty): hours, client
 * hours, cost, and capacity unless a group's is unknown (-1).  -1 with
 * ERR when the cost overflows.
 */
int timesheet_total(const struct timesheet_group *g, size_t n,
    struct timesheet_group *total, struct ae_error *err);

/*
 * Whether the run has costs (a --cost-rates file or a staff rate): 1 with
 * their currency and its minor digits, else 0.
 */
int timesheet_cost_currency(const struct timesheet *ts, const char **currency,
    int *digits);

/*
 * A year of the period that the shipped calendar, when it is the one in
 * use, lists no day of; 0 when there is none.
 */
int timesheet_uncovered_year(const struct timesheet *ts);

/* A workday someone logged less than their day's hours on. */
struct timesheet_gap {
	const char *person;
	int32_t day;
	int64_t hours;
	int64_t want;	    /* the person's workday */
	const char *source; /* their staff record, else their */
	long line;	    /* first time record */
};

/*
 * Every workday in the period on which a person seen in the records (or
 * with a staff record) logged less than their day's hours, between their
 * staff start and end and not on leave (opts.days must be set), by
 * person then day.
 */
size_t timesheet_gaps(struct timesheet *ts, const struct timesheet_gap **out);

/*
 * Writes NUM / DEN as a percentage with one decimal ("87.5"), rounded
 * half away from zero, into BUF (32 bytes); "" when DEN is 0.
 */
void timesheet_percent(int64_t num, int64_t den, char *buf);

#endif
