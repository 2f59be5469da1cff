/*
 * jobcard.h — the job register (工作卡): job numbers, the rule that a
 * number is given only for a brief the account lead has approved
 * (工作卡号由项目负责人审核后发生), each job's state from its linked
 * records, and the close-out sheet against the estimate (财务管理结卡表).
 *
 * Records are held as JSON objects (CSV values as strings) with the file
 * and line they came from, so that any message can name its place.
 */
#ifndef AEKIT_JOBCARD_H
#define AEKIT_JOBCARD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "date.h"
#include "error.h"
#include "estimate.h"
#include "finding.h"
#include "jsontext.h"
#include "reader.h"
#include "strbuf.h"
#include "table.h"
#include "timesheet.h"

/* ---- records from files and folders -------------------------------- */

struct jobcard_rec {
	json_t *obj;
	char *source;
	long line;
};

struct jobcard_set {
	struct jobcard_rec *v;
	size_t n, cap;
	int json; /* the (last) file read was JSON */
};

/*
 * Adds the records of PATH: a file, or a folder whose *.json, *.jsonl and
 * *.csv files are read in name order.  -1 with ERR on a bad record or a
 * path that cannot be read.
 */
int jobcard_set_load(struct jobcard_set *s, const char *path,
    const struct reader_options *opts, struct ae_error *err);
void jobcard_set_release(struct jobcard_set *s);

/*
 * Whether every job of register REG is a good `job` record as the schema
 * reads it (SPEC §4: its number, client, title and opened date): -1
 * with the first problem, as recs --check says it, when one is not.
 */
int jobcard_register_check(const struct jobcard_set *reg,
    const char *def_currency, struct ae_error *err);

/* Fills ERR's place from R and the field; returns -1. */
int jobcard_rec_error(const struct jobcard_rec *r, const char *field,
    struct ae_error *err);

/* ---- job numbers ---------------------------------------------------- */

/*
 * Checks a --number-format pattern: literal text with {yyyy}, {yy},
 * {client} and exactly one {seq} or {seq:N} (N digits, zero-padded,
 * 1..9).  Sets *USES_CLIENT.  -1 with ERR (AE_EUSAGE) when bad.
 */
int jobcard_pattern_check(const char *pattern, int *uses_client,
    struct ae_error *err);

/*
 * A short code for CLIENT, the same every time: the initials of its
 * ASCII words, upper case ("Acme Beverages" → "AB"; a single word gives
 * its first three letters, "Globex" → "GLO"); a name with no ASCII
 * letter or digit (a Chinese name) gives "C" and four hex digits of its
 * FNV-1a hash ("上海某某食品有限公司" → "C" + 4 hex).  BUF holds 16.
 */
void jobcard_client_code(const char *client, char *buf);

/*
 * The next number of PATTERN for YEAR and CODE: one more than the
 * highest sequence among EXISTING numbers that match the pattern with
 * this year and code (so a pattern with a year restarts each year), and
 * never one of EXISTING.  OUT holds SIZE bytes.
 */
int jobcard_next_number(const char *pattern, int year, const char *code,
    const char *const *existing, size_t n, char *out, size_t size,
    struct ae_error *err);

/* ---- the brief's approval ------------------------------------------- */

/*
 * Whether BRIEF carries the account lead's approval: approvals.account
 * with a name and a valid date on or before AS_OF.  Returns 1 with the
 * name and day, 0 with WHY saying what is missing (AE_VIOLATION), -1
 * for a bad date (AE_EDATA).
 */
int jobcard_brief_approved(json_t *brief, int32_t as_of, const char **name,
    int32_t *day, struct ae_error *why);

/*
 * The brief of JOB among BRIEFS: the one read from the path in the job's
 * `brief` field (what --open writes), else the first whose `job` field
 * is the job's number; NULL when none.
 */
const struct jobcard_rec *jobcard_brief_of(const struct jobcard_set *briefs,
    const struct jobcard_rec *job);

/*
 * The job of REG that BRIEF (read from BRIEF_PATH) already has: one whose
 * `brief` field names that file, else the job the brief's own `job`
 * field names; NULL when none.
 */
const struct jobcard_rec *jobcard_job_of_brief(const struct jobcard_set *reg,
    const char *brief_path, json_t *brief);

/*
 * The rule approved-brief for JOB (a register record): it has a brief in
 * BRIEFS (jobcard_brief_of) that the account lead approved by AS_OF, and was
 * not opened before that approval.  Jobs of kind `internal` and closed
 * jobs are not held to it.  0 when it holds (or the job has no number),
 * 1 after reporting the finding to FS, at the job's record.
 */
int jobcard_check_job(const struct jobcard_set *briefs,
    const struct jobcard_rec *job, int32_t as_of, struct finding_sink *fs);

/*
 * The brief's own rules (brief_check, as `brief --check` applies them)
 * on the brief of PATH: each finding appended to FINDINGS as "rule:
 * detail", joined by "; ".  Returns how many, or -1 with ERR.
 */
int jobcard_brief_findings(const char *path, const struct reader_options *opts,
    int32_t as_of, struct strbuf *findings, struct ae_error *err);

/*
 * The sign-off APPROVER ("client", "account") of BRIEF: its date as
 * YYYY-MM-DD in BUF (DATE_BUFSIZE) when it has a name and a date, else
 * NULL.
 */
const char *jobcard_signoff(json_t *brief, const char *approver, char *buf);

/* ---- the register ----------------------------------------------------- */

/*
 * Writes RECS (JSON objects) to PATH atomically: a temporary file beside
 * it, renamed over it.  JSON writes JSON Lines; CSV a header of every
 * field in first-seen order.  On failure PATH is untouched.
 */
int jobcard_write_records(const char *path, json_t *const *recs, size_t n,
    int json, struct ae_error *err);

/*
 * Writes the records of S, then EXTRA unless it is NULL, to PATH as
 * jobcard_write_records() does.
 */
int jobcard_set_write(const char *path, const struct jobcard_set *s,
    json_t *extra, int json, struct ae_error *err);

/*
 * The code of CLIENT for {client}: that of the first job in REG for the
 * client that has a `client_code`, else jobcard_client_code().  BUF holds
 * JSONTEXT_BUFSIZE; the result may point into REG.
 */
const char *jobcard_register_code(const struct jobcard_set *reg,
    const char *client, char *buf);

/*
 * The next job number of PATTERN in REG for YEAR and CODE
 * (jobcard_next_number).  A record of REG without a `job` string is an error.
 */
int jobcard_register_next(const struct jobcard_set *reg, const char *pattern,
    int year, const char *code, char *out, size_t size, struct ae_error *err);

/*
 * A new job of the register, opened on DAY for BRIEF (read from
 * BRIEF_PATH): job, client, title, opened, status "open", the brief's
 * brand, brief, and client_code when CODE is not NULL.
 */
json_t *jobcard_job_new(const char *number, const char *client,
    const char *title, int32_t day, json_t *brief, const char *brief_path,
    const char *code);

/* Marks JOB (a register record) closed on DAY. */
void jobcard_job_close(json_t *job, int32_t day);

/* Writes RECS to OUT as CSV (header of all fields) or JSON Lines. */
int jobcard_put_records(FILE *out, json_t *const *recs, size_t n, int json,
    int flags, struct ae_error *err);

/* ---- money of linked records --------------------------------------- */

/*
 * The amount in field NAME of R in the record's currency (its `currency`,
 * else DEF_CURRENCY), which must be CURRENCY when that is set ("" takes
 * the record's and fills it).  1 with *V, 0 when absent, -1 with ERR.
 */
int jobcard_money(const struct jobcard_rec *r, const char *name,
    const char *def_currency, char *currency, int64_t *v, struct ae_error *err);

/* The latest estimate for JOB in S (by `date`, then `estimate`), or NULL. */
const struct jobcard_rec *jobcard_estimate_for(const struct jobcard_set *s,
    const char *job);

/*
 * The first record in S for JOB (its `job` field), or NULL: the job in a
 * register, its brief among briefs.
 */
const struct jobcard_rec *jobcard_record_for(const struct jobcard_set *s,
    const char *job);

/*
 * Billing of JOB: invoices issued on or before AS_OF (BILLED), payments
 * dated on or before AS_OF against them (COLLECTED), both in CURRENCY
 * ("" fills it from the first invoice).  PAYMENTS may hold `payment`
 * records, INVOICES may hold both kinds (a `type` field tells).
 */
int jobcard_billing(const struct jobcard_set *invoices,
    const struct jobcard_set *payments, const char *job, int32_t as_of,
    const char *def_currency, char *currency, int64_t *billed,
    int64_t *collected, struct ae_error *err);

/*
 * The client's sign-off of estimate EST: `approved_on` as YYYY-MM-DD in
 * BUF (DATE_BUFSIZE) when it has `approved_by` and a valid
 * `approved_on`; else NULL with BUF "".
 */
const char *jobcard_estimate_signed(json_t *est, char *buf);

/*
 * The figures of estimate EST priced through CARD (may be NULL), in its
 * currency (else DEF_CURRENCY), into ET, which the caller releases
 * (estimate_totals_release).  EST is not changed.  -1 with ERR at EST's
 * place.
 */
int jobcard_estimate_totals(const struct jobcard_rec *est,
    const struct rate_card *card, const char *def_currency,
    struct estimate_totals *et, struct ae_error *err);

/* ---- a job's state (--status) ---------------------------------------- */

/* What --status joins to each job; a NULL set was not given. */
struct jobcard_sources {
	const struct jobcard_set *briefs, *estimates, *invoices, *payments;
	int with_time;			     /* HOURS holds the time records */
	const struct timesheet_group *hours; /* grouped by job alone */
	size_t nhours;
	const struct rate_card *card; /* for estimate lines by code */
	const char *currency;	      /* the default currency */
	int32_t as_of;
};

struct jobcard_status {
	const char *job;		    /* its number */
	const struct jobcard_rec *brief;    /* NULL: none found */
	const struct jobcard_rec *estimate; /* the latest; NULL: none found */
	char brief_signed[DATE_BUFSIZE];    /* the client's, or "" */
	char estimate_signed[DATE_BUFSIZE]; /* the client's, or "" */
	int has_total, has_hours, has_billing;
	int64_t total; /* the estimate's, in TOTAL_DIGITS */
	int total_digits;
	int has_deposit;	   /* the estimate asks a deposit */
	int64_t deposit;	   /* its amount, in TOTAL_DIGITS */
	char deposit_currency[8];  /* the estimate's currency */
	int64_t hours;		   /* hundredths */
	int64_t billed, collected; /* in DIGITS */
	int digits;
	char currency[8]; /* "" without estimate or billing */
	char jobbuf[JSONTEXT_BUFSIZE];
};

/*
 * The state of JOB (a register record) from SRC into ST: its brief's
 * and estimate's sign-offs, the estimate's total, hours logged, billed
 * and collected by SRC's as-of date.  -1 with ERR for a job without a
 * number or a bad linked record.
 */
int jobcard_status_of(const struct jobcard_sources *src,
    const struct jobcard_rec *job, struct jobcard_status *st,
    struct ae_error *err);

/* The fields of a status record, in order; NULL-terminated. */
extern const char *const jobcard_status_fields[];

/*
 * An empty table with a column for each status field, headed in the
 * user's language and keyed by jobcard_status_fields for records.
 */
struct table *jobcard_status_table(void);

/*
 * Adds the status of JOB as a row of T: "" for what is unknown; for
 * people amounts grouped and the words translated, for records plain.
 */
void jobcard_status_row(struct table *t, const struct jobcard_status *st,
    const struct jobcard_rec *job);

/* ---- the close-out sheet (--close) ------------------------------------ */

/*
 * The figures of a job's close-out (结卡), added source by source in the
 * order the sheet is built (the estimate fixes the currency the others
 * must be in), then completed by jobcard_closeout_finish():
 *
 *	jobcard_closeout_init(&co, "2026-0042");
 *	jobcard_closeout_estimate(&co, est, card, "CNY", &err);
 *	jobcard_closeout_labour(&co, ts, rates, &err);
 *	jobcard_closeout_costs(&co, costs, "CNY", &err);
 *	jobcard_closeout_billing(&co, invoices, payments, as_of, "CNY", &err);
 *	jobcard_closeout_finish(&co, "CNY", &err);
 */
struct jobcard_closeout {
	const char *job;		    /* its number */
	const struct jobcard_rec *estimate; /* NULL: none given */
	char estimate_signed[DATE_BUFSIZE]; /* the client's, or "" */
	char currency[8];		    /* "" until a source fixes it */
	int digits; /* its minor digits, when finished */
	int has_estimate, has_labour, has_costs, has_billing;
	int64_t total;		 /* the estimate's */
	int has_deposit;	 /* the estimate asks a deposit */
	int64_t deposit;	 /* round(total × deposit / 100) */
	int64_t hours;		 /* hundredths */
	int64_t labour;		 /* cost of the hours at the rates */
	int64_t external;	 /* external costs */
	int64_t cost;		 /* labour + external */
	struct decimal tax_rate; /* the estimate's tax percentage */
	int64_t billed, collected, outstanding; /* as invoiced, with tax */
	int64_t billed_tax;			/* the tax in what was billed */
	int64_t billed_net;			/* billed less its tax */
	int64_t margin;				/* billed_net − cost */
	int64_t unbilled;	 /* total − billed, never below 0 */
	char margin_percent[32]; /* margin / billed_net, "" when unbilled */
	const struct timesheet_group *people; /* hours and cost by person */
	size_t npeople;
	int work_before_signoff; /* time logged before the sign-off */
};

void jobcard_closeout_init(struct jobcard_closeout *co, const char *job);

/*
 * Adds estimate EST of the job (priced through CARD, may be NULL): its
 * total, currency and sign-off.  An estimate for another job is an error.
 */
int jobcard_closeout_estimate(struct jobcard_closeout *co,
    const struct jobcard_rec *est, const struct rate_card *card,
    const char *def_currency, struct ae_error *err);

/*
 * Adds the hours of TS (grouped by person alone, costed at RATES and
 * counting only the job); CO keeps pointers into TS.  Rates in another
 * currency than the estimate's are an error without a place (the caller
 * adds the rates' file).
 */
int jobcard_closeout_labour(struct jobcard_closeout *co, struct timesheet *ts,
    const struct timesheet_rates *rates, struct ae_error *err);

/* Adds the `amount` of every record of COSTS for the job. */
int jobcard_closeout_costs(struct jobcard_closeout *co,
    const struct jobcard_set *costs, const char *def_currency,
    struct ae_error *err);

/* Adds what was billed and collected by AS_OF (jobcard_billing). */
int jobcard_closeout_billing(struct jobcard_closeout *co,
    const struct jobcard_set *invoices, const struct jobcard_set *payments,
    int32_t as_of, const char *def_currency, struct ae_error *err);

/*
 * Completes the sheet: the currency (DEF_CURRENCY when no source fixed
 * it), actual cost, outstanding, the tax in what was billed at the
 * estimate's tax rate (billed − round(billed × 100 / (100 + tax))), the
 * margin on billed net of tax and its percentage of that (one decimal,
 * half away from zero), unbilled.  -1 on an overflow.
 */
int jobcard_closeout_finish(struct jobcard_closeout *co,
    const char *def_currency, struct ae_error *err);

/*
 * The finished sheet as JSON (new reference): job, client and title of
 * JOB (the register record), estimate, estimate_signed, currency, hours,
 * the amounts of the sources given as plain decimals, margin_percent,
 * work_before_signoff and labour [{person, hours, cost}].
 */
json_t *jobcard_closeout_json(const struct jobcard_closeout *co,
    const struct jobcard_rec *job);

/* The sheet's amounts as a table (item, amount grouped), with margin %. */
struct table *jobcard_closeout_table(const struct jobcard_closeout *co);

/* Hours and cost by person with their total, or NULL without hours. */
struct table *jobcard_closeout_labour_table(const struct jobcard_closeout *co);

#endif
