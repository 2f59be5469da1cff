/*
 * receivables.h — the receivables aging ledger (SPEC §3 receivables).
 *
 * Invoices and payments are fed one record at a time, in any order: a
 * payment may come before its invoice.  Open invoices live in a hash
 * table keyed by invoice number, as compact entries (int64 minor units,
 * day numbers, interned client/ae/job names), so memory grows with the
 * number of invoices and not with the bytes read.  After the input,
 * receivables_report() ages every non-zero balance at the as-of date into
 * summary rows (one per group and currency), per-invoice detail and a
 * list of unapplied cash.
 *
 *	struct recv *rv = receivables_new(&opts);
 *	while (more records)
 *		if (receivables_add(rv, r, &err) != 0) fail(&err);
 *	struct receivables_report rep;
 *	receivables_report(rv, &rep, 0, &err);
 *	receivables_write(&rep, TABLE_CSV, 0, stdout);
 *	receivables_report_release(&rep);
 *	receivables_free(rv);
 */
#ifndef AEKIT_RECEIVABLES_H
#define AEKIT_RECEIVABLES_H

#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "reader.h"
#include "table.h"

#define RECV_MAX_BUCKETS 12 /* --buckets edges; columns are two more */

enum receivables_basis {
	RECV_DUE,   /* days = as_of − due */
	RECV_ISSUED /* days = as_of − issued */
};

enum receivables_by {
	RECV_BY_CLIENT,
	RECV_BY_AE,
	RECV_BY_JOB,
	RECV_BY_INVOICE /* per-invoice detail */
};

struct receivables_options {
	int32_t as_of; /* day number */
	int nbuckets;
	int buckets[RECV_MAX_BUCKETS]; /* increasing upper edges: 30,60,90 */
	enum receivables_basis basis;
	enum receivables_by by;
	const char *currency; /* of records without one; "CNY" */
	int totals;	      /* add TOTAL rows per currency */
	int overdue;	      /* only positive balances past due */
	const char *ae;	      /* only this account executive's */
	int all_names;	      /* keep ae and job whatever the --by
					   (the xlsx detail shows them) */
	int unapplied;	      /* csv/json: UNAPPLIED rows too */
	long fail_over;	      /* list balances more than this many
					   days old; -1 (or 0 unset): none */
	int fail_over_set;
};

/*
 * Fills O's buckets from "30,60,90": positive, strictly increasing whole
 * days, at most RECV_MAX_BUCKETS.  -1 with ERR otherwise.
 */
int receivables_parse_buckets(const char *s, struct receivables_options *o,
    struct ae_error *err);

/* "client", "ae", "job", "invoice" → *BY; -1 for another word. */
int receivables_parse_by(const char *s, enum receivables_by *by);

/* Column label of bucket I (0 = "current" … nbuckets+1 = "91+") in BUF. */
const char *receivables_bucket_label(const struct receivables_options *o, int i,
    char *buf, size_t size);

/* Bucket of a balance DAYS past due (or since issue). */
int receivables_bucket_of(const struct receivables_options *o, long days);

struct recv *receivables_new(const struct receivables_options *o);
void receivables_free(struct recv *rv);

/*
 * Starts a new input file, whose records without a `type` field are of
 * DEFAULT_TYPE (NULL: from the file's name, else invoice).  Call it
 * before the first record of each file.
 */
void receivables_begin_file(struct recv *rv, const char *default_type);

/*
 * Takes one record: an invoice or a payment, told by its `type` field,
 * else the file's default type, else its file's name (payments.csv),
 * else invoice.
 * Returns 0, or -1 with ERR (place and field filled) for a bad record:
 * a missing or malformed field, a due date before the issue date, an
 * invoice number seen twice, a payment in another currency than its
 * invoice, a record of another type.  A bad record changes nothing.
 */
int receivables_add(struct recv *rv, const struct record *r,
    struct ae_error *err);

struct receivables_row {
	const char *group; /* client, ae or job; "TOTAL" */
	const char *currency;
	int digits;
	int is_total;
	int64_t bucket[RECV_MAX_BUCKETS + 2];
	int64_t total;
};

struct receivables_detail {
	const char *invoice, *client, *ae, *job, *note, *currency;
	int digits;
	int32_t issued, due;
	long days; /* by the basis */
	int bucket;
	int64_t amount, paid, balance;
};

enum receivables_unapplied_why {
	RECV_UNKNOWN_INVOICE, /* no such invoice in the input */
	RECV_NOT_YET_ISSUED   /* invoice issued after the as-of date */
};

/* Payments (dated on or before the as-of date) that apply to no invoice. */
struct receivables_unapplied {
	const char *invoice, *currency;
	int digits;
	int64_t amount;	    /* summed over its payments */
	const char *source; /* the first such payment */
	long line;
	enum receivables_unapplied_why why;
};

/* A positive balance more than --fail-over days old. */
struct receivables_over {
	const char *invoice, *currency, *source;
	long line, days;
	int digits;
	int64_t balance;
};

struct receivables_report {
	const struct receivables_options *opts;
	struct receivables_row *rows; /* sorted by group, then currency */
	size_t nrows;
	struct receivables_row *totals; /* one per currency, by currency */
	size_t ntotals;
	struct receivables_detail *detail; /* sorted by invoice number */
	size_t ndetail;
	struct receivables_unapplied *unapplied; /* by invoice number */
	size_t nunapplied;
	long max_days;		       /* oldest positive balance; LONG_MIN */
	size_t ninvoices;	       /* counted at the as-of date */
	struct receivables_over *over; /* past opts.fail_over, by invoice */
	size_t nover;
};

/*
 * Ages the ledger.  Summary rows are grouped by O->by (by client when
 * that is RECV_BY_INVOICE); DETAIL asks for the per-invoice rows too.
 * -1 with ERR when a sum overflows.  Strings point into RV: keep it until
 * receivables_report_release().
 */
int receivables_report(struct recv *rv, struct receivables_report *rep,
    int detail, struct ae_error *err);
void receivables_report_release(struct receivables_report *rep);

/*
 * Whether some positive balance is more than DAYS old by the basis
 * (--fail-over).
 */
int receivables_over(const struct receivables_report *rep, long days);

/*
 * The report as one table (table.h).  CSV columns are exactly those of SPEC §3: the --by field,
 * currency, the buckets, total; --by invoice writes invoice, client,
 * issued, due, days, currency, amount, paid, balance, bucket, ae, job,
 * note.  With opts.unapplied, unapplied cash follows as rows whose group
 * is UNAPPLIED, one per currency with the amount under total (--by
 * invoice: one per invoice number paid, the amount under paid, the
 * number paid in note).  JSON Lines
 * carry the same keys, amounts as strings, days a number.  For people:
 * grouped amounts, the totals per currency under a rule and each bucket's
 * share of them; labels through _().
 */
struct table *receivables_table(const struct receivables_report *rep);

/*
 * Writes the report in FORMAT (FLAGS: TABLE_EXCEL).  Text adds the
 * heading and the unapplied cash as a table of its own.
 */
void receivables_write(const struct receivables_report *rep,
    enum table_format format, int flags, FILE *out);

/*
 * SHARE of TOTAL as a percentage with one decimal, half away from zero
 * ("12.5%"), in BUF (32 bytes); "" when TOTAL is 0.  Into *TENTHS the
 * tenths of a percent.
 */
const char *receivables_share(int64_t share, int64_t total, long *tenths,
    char *buf);

/* The csv/json key of the group: "client", "ae", "job", "invoice". */
const char *receivables_by_name(enum receivables_by by);

/* Translated headings for people: the group column, bucket B. */
const char *receivables_group_heading(enum receivables_by by);
const char *receivables_bucket_heading(const struct receivables_options *o,
    int b, char *buf, size_t size);

#endif
