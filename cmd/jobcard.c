/*
 * jobcard — the job register: the next job number for an approved brief
 * (--open), every job's state from its linked records (--status), and
 * the close-out sheet against the estimate (--close).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "document.h"
#include "date.h"
#include "estimate.h"
#include "i18n.h"
#include "field.h"
#include "jobcard.h"
#include "money.h"
#include "strbuf.h"
#include "table.h"
#include "timesheet.h"
#include "writer.h"

enum {
	OPT_OPEN = 256,
	OPT_CLIENT,
	OPT_CLIENT_CODE,
	OPT_TITLE,
	OPT_BRIEF,
	OPT_NUMBER_FORMAT,
	OPT_APPEND,
	OPT_STATUS,
	OPT_BRIEFS,
	OPT_ESTIMATES,
	OPT_TIME,
	OPT_INVOICES,
	OPT_PAYMENTS,
	OPT_CLOSE,
	OPT_ESTIMATE,
	OPT_COSTS,
	OPT_STAFF,
	OPT_RATE_CARD
};

static const struct cli_opt options[] = {
	{ "open", OPT_OPEN, NULL,
	    "give the next job number to an approved "
	    "brief" },
	{ "client", OPT_CLIENT, "NAME",
	    "the job's client (default: the "
	    "brief's)" },
	{ "client-code", OPT_CLIENT_CODE, "CODE",
	    "short client code for "
	    "{client}" },
	{ "title", OPT_TITLE, "TEXT",
	    "the job's title (default: the "
	    "brief's)" },
	{ "brief", OPT_BRIEF, "FILE",
	    "the brief, approved by the account "
	    "lead" },
	{ "number-format", OPT_NUMBER_FORMAT, "PATTERN",
	    "job numbers: "
	    "{yyyy} {yy} {client} {seq:N} (default {yyyy}-{seq:4})" },
	{ "append", OPT_APPEND, NULL,
	    "write the register back with the new "
	    "job (atomically)" },
	{ "status", OPT_STATUS, NULL, "every job with what its records say" },
	{ "briefs", OPT_BRIEFS, "DIR|FILE", "briefs (matched by 'job')" },
	{ "estimates", OPT_ESTIMATES, "DIR|FILE",
	    "estimates (matched by "
	    "'job')" },
	{ "time", OPT_TIME, "FILE", "time records" },
	{ "invoices", OPT_INVOICES, "FILE", "invoice (and payment) records" },
	{ "payments", OPT_PAYMENTS, "FILE", "payment records" },
	{ "close", OPT_CLOSE, "JOB", "the close-out sheet of JOB" },
	{ "estimate", OPT_ESTIMATE, "FILE",
	    "with --close: the job's "
	    "estimate" },
	{ "costs", OPT_COSTS, "FILE",
	    "with --close: external cost records "
	    "(job, item, amount)" },
	{ "staff", OPT_STAFF, "FILE",
	    "staff records (person, rate an hour) "
	    "or hourly rates by person or role" },
	{ "cost-rates", OPT_STAFF, "FILE",
	    "the same as --staff, as in "
	    "timesheet(1)" },
	/* --rates names the rate card, as in estimate(1). */
	{ "rates", OPT_RATE_CARD, "FILE",
	    "rate card for estimate lines "
	    "priced by code" },
	{ "rate-card", OPT_RATE_CARD, "FILE", "the same as --rates" }, { 0 }
};

struct opts {
	struct timesheet *reading; /* being filled by read_time() */
	int open, status, append;
	const char *close;
	const char *client, *client_code, *title, *brief, *pattern;
	const char *briefs, *estimates, *time, *invoices, *payments;
	const char *estimate, *costs, *rates, *output, *rate_card;
	struct rate_card card;
};

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct opts *o = c->ctx;

	switch (key) {
	case OPT_OPEN:
		o->open = 1;
		break;
	case OPT_CLIENT:
		o->client = arg;
		break;
	case OPT_CLIENT_CODE:
		o->client_code = arg;
		break;
	case OPT_TITLE:
		o->title = arg;
		break;
	case OPT_BRIEF:
		o->brief = arg;
		break;
	case OPT_NUMBER_FORMAT:
		o->pattern = arg;
		break;
	case OPT_APPEND:
		o->append = 1;
		break;
	case OPT_STATUS:
		o->status = 1;
		break;
	case OPT_BRIEFS:
		o->briefs = arg;
		break;
	case OPT_ESTIMATES:
		o->estimates = arg;
		break;
	case OPT_TIME:
		o->time = arg;
		break;
	case OPT_INVOICES:
		o->invoices = arg;
		break;
	case OPT_PAYMENTS:
		o->payments = arg;
		break;
	case OPT_CLOSE:
		o->close = arg;
		break;
	case OPT_ESTIMATE:
		o->estimate = arg;
		break;
	case OPT_COSTS:
		o->costs = arg;
		break;
	case OPT_STAFF:
		o->rates = arg;
		break;
	case OPT_RATE_CARD:
		o->rate_card = arg;
		break;
	}
	return 0;
}

static void
load(struct cli *c, struct jobcard_set *s, const char *path)
{
	struct ae_error err;

	ae_error_clear(&err);
	if (path && jobcard_set_load(s, path, &c->input, &err) != 0)
		cli_die(c, &err);
}

/* Every mode reads the register's jobs as the gate does. */
static void
check_register(struct cli *c, const struct jobcard_set *reg)
{
	struct ae_error err;

	if (jobcard_register_check(reg, c->currency, &err) != 0)
		cli_die(c, &err);
}

static int
add_time(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct opts *o = c->ctx;

	return timesheet_add_record(o->reading, r, err);
}

/* The time records of PATH, summed as TO says. */
static struct timesheet *
read_time(struct cli *c, const char *path, const struct timesheet_options *to)
{
	struct opts *o = c->ctx;

	o->reading = timesheet_new(to);
	cli_each_record_in(c, path, add_time);
	return o->reading;
}

static const char *
text_of(const struct jobcard_rec *r, const char *name, char *buf)
{
	const char *s = r ? field_text(r->obj, name, buf) : NULL;

	return s ? s : "";
}

/* Prints one record: "field  value" lines for text, else csv/json. */
static void
print_record(struct cli *c, json_t *obj)
{
	struct ae_error err;
	const char *key;
	json_t *v;
	char buf[JSONTEXT_BUFSIZE];

	ae_error_clear(&err);
	if (cli_format_is(c, "text")) {
		struct table *t = table_new();
		table_column(t, _("Field"), TABLE_LEFT);
		table_column(t, _("Value"), TABLE_LEFT);
		json_object_foreach(obj, key, v)
		{
			const char *s = json_scalar_text(v, buf);
			table_row(t);
			table_cell(t, key);
			table_cell(t, s ? s : "");
		}
		table_print(t, cli_output(c));
		table_free(t);
		return;
	}
	if (jobcard_put_records(cli_output(c), &obj, 1,
		cli_format_is(c, "json"), c->excel ? CSV_EXCEL : 0, &err) != 0)
		cli_die(c, &err);
}

/* ---- --open --------------------------------------------------------- */

/* The brief's own --check must pass before it gets a number. */
static void
brief_passes_check(struct cli *c, const char *path)
{
	struct strbuf why = STRBUF_INIT;
	struct ae_error err;
	int n;

	ae_error_clear(&err);
	if ((n = jobcard_brief_findings(path, &c->input, c->as_of, &why,
		 &err)) < 0)
		cli_die(c, &err);
	if (n > 0)
		cli_fatal(c, AE_VIOLATION,
		    "%s: no job number: the brief "
		    "fails its check (brief --check): %s",
		    path, why.buf);
	strbuf_release(&why);
}

/* The brief of --open, approved by the account lead as of --as-of. */
static void
load_approved_brief(struct cli *c, const char *path, struct jobcard_set *brief)
{
	struct ae_error err;
	const char *name;
	int32_t day;
	int rc;

	ae_error_clear(&err);
	load(c, brief, path);
	if (brief->n != 1)
		cli_fatal(c, AE_EDATA,
		    "%s: the brief file holds %zu records, "
		    "not one brief",
		    path, brief->n);
	rc = jobcard_brief_approved(brief->v[0].obj, c->as_of, &name, &day,
	    &err);
	if (rc < 0) {
		jobcard_rec_error(&brief->v[0], NULL, &err);
		cli_die(c, &err);
	}
	if (rc == 0)
		cli_fatal(c, AE_VIOLATION, "%s: no job number: %s", path,
		    err.text);
}

static void
open_job(struct cli *c, struct opts *o, struct jobcard_set *reg,
    const char *regpath)
{
	struct ae_error err;
	struct jobcard_set brief = { 0 };
	const char *pattern = o->pattern ? o->pattern : "{yyyy}-{seq:4}";
	const char *client, *title, *theirs, *code = NULL;
	char cb[JSONTEXT_BUFSIZE], tb[JSONTEXT_BUFSIZE], number[256];
	char codebuf[JSONTEXT_BUFSIZE], hb[JSONTEXT_BUFSIZE];
	const struct jobcard_rec *had;
	int uses_client, y, m, d;
	json_t *job;

	ae_error_clear(&err);
	if (jobcard_pattern_check(pattern, &uses_client, &err) != 0)
		cli_usage_error(c, "--number-format: %s", err.text);
	if (o->brief == NULL)
		cli_fatal(c, AE_VIOLATION,
		    "no job number without a brief "
		    "approved by the account lead: give --brief FILE");
	load_approved_brief(c, o->brief, &brief);
	if ((had = jobcard_job_of_brief(reg, o->brief, brief.v[0].obj)) != NULL)
		cli_fatal(c, AE_VIOLATION,
		    "%s: no job number: the brief "
		    "already has job '%s' (%s:%ld)",
		    o->brief,
		    field_text(had->obj, "job", hb) ?
			field_text(had->obj, "job", hb) :
			"?",
		    had->source, had->line);
	brief_passes_check(c, o->brief);
	theirs = field_text(brief.v[0].obj, "client", cb);
	client = o->client ? o->client : theirs;
	title = o->title ? o->title : field_text(brief.v[0].obj, "title", tb);
	if (client == NULL)
		cli_usage_error(c,
		    "--open needs --client (the brief has none)");
	if (title == NULL)
		cli_usage_error(c, "--open needs --title (the brief has none)");
	if (o->client && theirs && strcmp(theirs, o->client) != 0)
		cli_fatal(c, AE_VIOLATION,
		    "%s: no job number: the brief is "
		    "for '%s', not '%s'",
		    o->brief, theirs, o->client);
	if (uses_client)
		code = o->client_code ?
		    o->client_code :
		    jobcard_register_code(reg, client, codebuf);
	date_to_ymd(c->as_of, &y, &m, &d);
	if (jobcard_register_next(reg, pattern, y, code, number, sizeof(number),
		&err) != 0)
		cli_die(c, &err);
	job = jobcard_job_new(number, client, title, c->as_of, brief.v[0].obj,
	    o->brief, code);
	if (o->append &&
	    jobcard_set_write(regpath, reg, job, reg->n ? reg->json : 0,
		&err) != 0)
		cli_die(c, &err);
	print_record(c, job);
	json_decref(job);
	jobcard_set_release(&brief);
}

/* ---- --status ------------------------------------------------------- */

static void
load_sources(struct cli *c, struct opts *o, struct jobcard_set sets[4])
{
	load(c, &sets[0], o->briefs);
	load(c, &sets[1], o->estimates);
	load(c, &sets[2], o->invoices);
	load(c, &sets[3], o->payments);
}

static void
job_status(struct cli *c, struct opts *o, struct jobcard_set *reg)
{
	struct jobcard_set sets[4] = { { 0 } };
	struct timesheet_options to = { .by = { TS_JOB }, .nby = 1 };
	struct jobcard_sources src = {
		.briefs = o->briefs ? &sets[0] : NULL,
		.estimates = o->estimates ? &sets[1] : NULL,
		.invoices = o->invoices ? &sets[2] : NULL,
		.payments = &sets[3],
		.card = &o->card,
		.currency = c->currency,
		.as_of = c->as_of,
	};
	struct table *t;
	struct timesheet *ts = NULL;
	struct jobcard_status st;
	struct ae_error err;
	size_t i;

	ae_error_clear(&err);
	load_sources(c, o, sets);
	if (o->time) {
		ts = read_time(c, o->time, &to);
		if (timesheet_groups(ts, &src.hours, &src.nhours, &err) != 0)
			cli_die(c, &err);
		src.with_time = 1;
	}
	t = jobcard_status_table();
	for (i = 0; i < reg->n; i++) {
		if (jobcard_status_of(&src, &reg->v[i], &st, &err) != 0)
			cli_die(c, &err);
		jobcard_status_row(t, &st, &reg->v[i]);
	}
	table_write(t, table_format_named(c->format),
	    c->excel ? TABLE_EXCEL : 0, cli_output(c));
	table_free(t);
	timesheet_free(ts);
	for (i = 0; i < 4; i++)
		jobcard_set_release(&sets[i]);
}

/* ---- --close -------------------------------------------------------- */

/* The one estimate of --estimate, added to the sheet. */
static void
close_estimate(struct cli *c, struct opts *o, struct jobcard_closeout *co,
    struct jobcard_set *est)
{
	struct ae_error err;

	ae_error_clear(&err);
	load(c, est, o->estimate);
	if (est->n != 1)
		cli_fatal(c, AE_EDATA,
		    "%s: the estimate file holds %zu "
		    "records, not one estimate",
		    o->estimate, est->n);
	if (jobcard_closeout_estimate(co, &est->v[0], &o->card, c->currency,
		&err) != 0)
		cli_die(c, &err);
}

/* The hours of --time on the job, costed at RATES, added to the sheet. */
static struct timesheet *
close_labour(struct cli *c, struct opts *o, struct jobcard_closeout *co,
    const struct timesheet_rates *rates)
{
	struct timesheet_options to = { .by = { TS_PERSON }, .nby = 1 };
	struct timesheet *ts;
	struct ae_error err;

	ae_error_clear(&err);
	if (rates == NULL)
		cli_usage_error(c,
		    "--time needs --staff for the cost of the "
		    "hours");
	to.rates = rates;
	to.job = co->job;
	ts = read_time(c, o->time, &to);
	if (jobcard_closeout_labour(co, ts, rates, &err) != 0) {
		ae_error_at(&err, o->rates, 0, 0);
		cli_die(c, &err);
	}
	return ts;
}

/* The external costs and the billing of the job, added to the sheet. */
static void
close_costs_and_billing(struct cli *c, struct opts *o,
    struct jobcard_closeout *co)
{
	struct jobcard_set costs = { 0 }, invs = { 0 }, pays = { 0 };
	struct ae_error err;

	ae_error_clear(&err);
	if (o->costs) {
		load(c, &costs, o->costs);
		if (jobcard_closeout_costs(co, &costs, c->currency, &err) != 0)
			cli_die(c, &err);
	}
	if (o->invoices) {
		load(c, &invs, o->invoices);
		load(c, &pays, o->payments);
		if (jobcard_closeout_billing(co, &invs, &pays, c->as_of,
			c->currency, &err) != 0)
			cli_die(c, &err);
	}
	jobcard_set_release(&costs);
	jobcard_set_release(&invs);
	jobcard_set_release(&pays);
}

static void
print_table(FILE *out, struct table *t)
{
	if (t == NULL)
		return;
	fputc('\n', out);
	table_print(t, out);
	table_free(t);
}

static void
print_close_text(FILE *out, const struct jobcard_rec *job,
    const struct jobcard_closeout *co)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE];

	fprintf(out, "%s %s  %s  %s\n", _("Job close-out"), co->job,
	    text_of(job, "client", b1), text_of(job, "title", b2));
	/* The labels carry their brackets: full-width ones in Chinese. */
	if (co->has_estimate && co->estimate_signed[0])
		fprintf(out, _("Estimate %s (client signed %s)\n"),
		    text_of(co->estimate, "estimate", b1), co->estimate_signed);
	else if (co->has_estimate)
		fprintf(out, _("Estimate %s (not signed)\n"),
		    text_of(co->estimate, "estimate", b1));
	print_table(out, jobcard_closeout_table(co));
	print_table(out, jobcard_closeout_labour_table(co));
	if (co->work_before_signoff)
		fprintf(out, "\n%s\n",
		    co->estimate_signed[0] ?
			_("Warning: time was logged before the client signed the "
			  "estimate.") :
			_("Warning: time was logged but the estimate is not "
			  "signed."));
}

static void
print_close_json(FILE *out, const struct jobcard_rec *job,
    const struct jobcard_closeout *co)
{
	json_t *sheet = jobcard_closeout_json(co, job);

	doc_json(out, sheet);
	json_decref(sheet);
}

/* The register, written back to -o with the job closed. */
static void
write_closed(struct cli *c, const char *path, struct jobcard_set *reg,
    const struct jobcard_rec *job)
{
	struct ae_error err;

	ae_error_clear(&err);
	jobcard_job_close(job->obj, c->as_of);
	if (jobcard_set_write(path, reg, NULL, reg->json, &err) != 0)
		cli_die(c, &err);
}

/* A closed job stays closed on its first date. */
static void
refuse_closed(struct cli *c, const struct jobcard_rec *job)
{
	char sb[JSONTEXT_BUFSIZE], db[JSONTEXT_BUFSIZE];
	const char *status = field_text(job->obj, "status", sb);
	const char *closed = field_text(job->obj, "closed", db);

	if (closed == NULL && (status == NULL || strcmp(status, "closed") != 0))
		return;
	cli_fatal(c, AE_VIOLATION,
	    "%s:%ld: job '%s' is already closed%s%s: "
	    "the first close date stands",
	    job->source, job->line, field_text(job->obj, "job", sb),
	    closed ? " on " : "", closed ? closed : "");
}

/* What is still owed on the job, named on the sheet and on stderr. */
static void
name_outstanding(FILE *out, const struct jobcard_closeout *co, int to_stderr,
    struct cli *c)
{
	char ub[MONEY_BUFSIZE], ob[MONEY_BUFSIZE];
	struct strbuf sb = STRBUF_INIT;
	int unbilled = co->has_estimate && co->unbilled > 0;
	int unpaid = co->has_billing && co->outstanding > 0;

	if (!unbilled && !unpaid)
		return;
	money_format(co->unbilled, co->digits, 1, ub, sizeof(ub));
	money_format(co->outstanding, co->digits, 1, ob, sizeof(ob));
	if (out) {
		fputc('\n', out);
		if (unbilled)
			fprintf(out, _("Still unbilled: %s %s\n"), co->currency,
			    ub);
		if (unpaid)
			fprintf(out, _("Still unpaid: %s %s\n"), co->currency,
			    ob);
	}
	if (!to_stderr)
		return;
	strbuf_addf(&sb, "%s: job '%s' closed with ", c->prog, co->job);
	if (unbilled)
		strbuf_addf(&sb, "%s %s unbilled%s", co->currency, ub,
		    unpaid ? " and " : "");
	if (unpaid)
		strbuf_addf(&sb, "%s %s invoiced and not yet paid",
		    co->currency, ob);
	fprintf(stderr, "%s\n", sb.buf);
	strbuf_release(&sb);
}

static void
close_job(struct cli *c, struct opts *o, struct jobcard_set *reg)
{
	const struct jobcard_rec *job = jobcard_record_for(reg, o->close);
	struct jobcard_set est = { 0 };
	struct timesheet_rates *rates = NULL;
	struct timesheet *ts = NULL;
	struct jobcard_closeout co;
	struct ae_error err;

	ae_error_clear(&err);
	if (job == NULL)
		cli_fatal(c, AE_EDATA, "%s: no job '%s' in the register",
		    c->files[0], o->close);
	refuse_closed(c, job);
	jobcard_closeout_init(&co, o->close);
	if (o->estimate)
		close_estimate(c, o, &co, &est);
	if (o->rates &&
	    (rates = timesheet_rates_load(o->rates, &c->input,
		 co.currency[0] ? co.currency : c->currency, &err)) == NULL)
		cli_die(c, &err);
	if (o->time)
		ts = close_labour(c, o, &co, rates);
	close_costs_and_billing(c, o, &co);
	if (jobcard_closeout_finish(&co, c->currency, &err) != 0)
		cli_die(c, &err);
	if (o->output)
		write_closed(c, o->output, reg, job);
	if (cli_format_is(c, "text")) {
		print_close_text(stdout, job, &co);
		name_outstanding(stdout, &co, 0, c);
	} else {
		print_close_json(stdout, job, &co);
	}
	if (o->output)
		name_outstanding(NULL, &co, 1, c);
	timesheet_free(ts);
	timesheet_rates_free(rates);
	jobcard_set_release(&est);
}

/* ---- --check -------------------------------------------------------- */

static void
check_jobs(struct cli *c, struct opts *o, struct jobcard_set *reg)
{
	struct jobcard_set briefs = { 0 };
	struct finding_sink fs;
	size_t i;

	if (o->briefs == NULL)
		cli_usage_error(c, "--check needs --briefs");
	load(c, &briefs, o->briefs);
	cli_findings(c, &fs);
	for (i = 0; i < reg->n; i++)
		jobcard_check_job(&briefs, &reg->v[i], c->as_of, &fs);
	jobcard_set_release(&briefs);
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct jobcard_set reg = { 0 };
	int modes;
	struct cli c = {
		.prog = "jobcard",
		.synopsis =
		    "--open --client NAME --title TEXT --brief FILE "
		    "[--append] REGISTER | --status [--briefs DIR] "
		    "[--estimates DIR] [--time FILE] [--invoices FILE] "
		    "REGISTER | --close JOB [--estimate FILE] [--rates FILE] "
		    "[--time FILE --staff FILE] [--costs FILE] [--invoices FILE] "
		    "[-o FILE] REGISTER | --check --briefs DIR REGISTER",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_CHECK | CLI_AS_OF | CLI_CURRENCY | CLI_EXCEL,
		.formats = "text,csv,json",
		.opts = options,
		.on_opt = take_option,
		.ctx = &o,
	};

	cli_parse(&c, argc, argv);
	modes = o.open + o.status + (o.close != NULL) + c.check;
	if (modes != 1)
		cli_usage_error(&c,
		    "give one of --open, --status, --close "
		    "or --check");
	if (c.nfiles != 1)
		cli_usage_error(&c, "give one job register");
	if (o.append && (!o.open || strcmp(c.files[0], "-") == 0))
		cli_usage_error(&c,
		    "--append goes with --open and a register "
		    "file");
	/* With --close, -o names the register written back, not the sheet. */
	o.output = c.output;
	if (o.close && cli_format_is(&c, "csv"))
		cli_usage_error(&c, "--close writes text or json");
	if (o.rate_card) {
		struct ae_error err;
		ae_error_clear(&err);
		if (rate_card_load(&o.card, o.rate_card, &c.input, c.currency,
			&err) != 0)
			cli_die(&c, &err);
	}
	/* Read, numbered and written back under one lock (SPEC §2). */
	if (o.append || (o.close && o.output))
		cli_lock(&c, c.files[0]);
	load(&c, &reg, c.files[0]);
	check_register(&c, &reg);
	if (o.open)
		open_job(&c, &o, &reg, c.files[0]);
	else if (o.status)
		job_status(&c, &o, &reg);
	else if (o.close)
		close_job(&c, &o, &reg);
	else
		check_jobs(&c, &o, &reg);
	jobcard_set_release(&reg);
	rate_card_release(&o.card);
	return cli_finish(&c);
}
