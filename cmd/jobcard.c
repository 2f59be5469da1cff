/*
 * jobcard — the job register: the next job number for an approved brief
 * (--open), every job's state from its linked records (--status), and
 * the close-out sheet against the estimate (--close).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "estimate.h"
#include "i18n.h"
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
	OPT_RATES,
	OPT_RATE_CARD
};

static const struct cli_opt options[] = {
	{ "open", OPT_OPEN, NULL, "give the next job number to an approved "
	    "brief" },
	{ "client", OPT_CLIENT, "NAME", "the job's client (default: the "
	    "brief's)" },
	{ "client-code", OPT_CLIENT_CODE, "CODE", "short client code for "
	    "{client}" },
	{ "title", OPT_TITLE, "TEXT", "the job's title (default: the "
	    "brief's)" },
	{ "brief", OPT_BRIEF, "FILE", "the brief, approved by the account "
	    "lead" },
	{ "number-format", OPT_NUMBER_FORMAT, "PATTERN", "job numbers: "
	    "{yyyy} {yy} {client} {seq:N} (default {yyyy}-{seq:4})" },
	{ "append", OPT_APPEND, NULL, "write the register back with the new "
	    "job (atomically)" },
	{ "status", OPT_STATUS, NULL, "every job with what its records say" },
	{ "briefs", OPT_BRIEFS, "DIR|FILE", "briefs (matched by 'job')" },
	{ "estimates", OPT_ESTIMATES, "DIR|FILE", "estimates (matched by "
	    "'job')" },
	{ "time", OPT_TIME, "FILE", "time records" },
	{ "invoices", OPT_INVOICES, "FILE", "invoice (and payment) records" },
	{ "payments", OPT_PAYMENTS, "FILE", "payment records" },
	{ "close", OPT_CLOSE, "JOB", "the close-out sheet of JOB" },
	{ "estimate", OPT_ESTIMATE, "FILE", "with --close: the job's "
	    "estimate" },
	{ "costs", OPT_COSTS, "FILE", "with --close: external cost records "
	    "(job, item, amount)" },
	{ "rates", OPT_RATES, "FILE", "hourly rates by person or role" },
	{ "rate-card", OPT_RATE_CARD, "FILE", "rate card for estimate lines "
	    "priced by code" },
	{ 0 }
};

struct opts {
	struct timesheet *reading;	/* being filled by read_time() */
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
	case OPT_OPEN: o->open = 1; break;
	case OPT_CLIENT: o->client = arg; break;
	case OPT_CLIENT_CODE: o->client_code = arg; break;
	case OPT_TITLE: o->title = arg; break;
	case OPT_BRIEF: o->brief = arg; break;
	case OPT_NUMBER_FORMAT: o->pattern = arg; break;
	case OPT_APPEND: o->append = 1; break;
	case OPT_STATUS: o->status = 1; break;
	case OPT_BRIEFS: o->briefs = arg; break;
	case OPT_ESTIMATES: o->estimates = arg; break;
	case OPT_TIME: o->time = arg; break;
	case OPT_INVOICES: o->invoices = arg; break;
	case OPT_PAYMENTS: o->payments = arg; break;
	case OPT_CLOSE: o->close = arg; break;
	case OPT_ESTIMATE: o->estimate = arg; break;
	case OPT_COSTS: o->costs = arg; break;
	case OPT_RATES: o->rates = arg; break;
	case OPT_RATE_CARD: o->rate_card = arg; break;
	}
	return 0;
}

static void
load(struct cli *c, struct jc_set *s, const char *path)
{
	struct ae_error err;

	ae_error_clear(&err);
	if (path && jc_set_load(s, path, &c->input, &err) != 0)
		cli_die(c, &err);
}

static int
add_time(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct opts *o = c->ctx;

	return ts_add_record(o->reading, r, err);
}

/* The time records of PATH, summed as TO says. */
static struct timesheet *
read_time(struct cli *c, const char *path, const struct ts_options *to)
{
	struct opts *o = c->ctx;

	o->reading = ts_new(to);
	cli_each_record_in(c, path, add_time);
	return o->reading;
}

static const char *
text_of(const struct jc_rec *r, const char *name, char *buf)
{
	const char *s = r ? jc_text(r->obj, name, buf) : NULL;

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
		json_object_foreach(obj, key, v) {
			const char *s = json_scalar_text(v, buf);
			table_row(t);
			table_cell(t, key);
			table_cell(t, s ? s : "");
		}
		table_print(t, cli_output(c));
		table_free(t);
		return;
	}
	if (jc_put_records(cli_output(c), &obj, 1, cli_format_is(c, "json"),
	    c->excel ? CSV_EXCEL : 0, &err) != 0)
		cli_die(c, &err);
}

/* ---- --open --------------------------------------------------------- */

/* The brief of --open, approved by the account lead as of --as-of. */
static void
load_approved_brief(struct cli *c, const char *path, struct jc_set *brief)
{
	struct ae_error err;
	const char *name;
	int32_t day;
	int rc;

	ae_error_clear(&err);
	load(c, brief, path);
	if (brief->n != 1)
		cli_fatal(c, AE_EDATA, "%s: the brief file holds %zu records, "
		    "not one brief", path, brief->n);
	rc = jc_brief_approved(brief->v[0].obj, c->as_of, &name, &day, &err);
	if (rc < 0) {
		jc_rec_error(&brief->v[0], NULL, &err);
		cli_die(c, &err);
	}
	if (rc == 0)
		cli_fatal(c, AE_VIOLATION, "%s: no job number: %s", path,
		    err.text);
}

static void
open_job(struct cli *c, struct opts *o, struct jc_set *reg,
    const char *regpath)
{
	struct ae_error err;
	struct jc_set brief = { 0 };
	const char *pattern = o->pattern ? o->pattern : "{yyyy}-{seq:4}";
	const char *client, *title, *theirs, *code = NULL;
	char cb[JSONTEXT_BUFSIZE], tb[JSONTEXT_BUFSIZE], number[256];
	char codebuf[JSONTEXT_BUFSIZE];
	int uses_client, y, m, d;
	json_t *job;

	ae_error_clear(&err);
	if (jc_pattern_check(pattern, &uses_client, &err) != 0)
		cli_usage_error(c, "--number-format: %s", err.text);
	if (o->brief == NULL)
		cli_fatal(c, AE_VIOLATION, "no job number without a brief "
		    "approved by the account lead: give --brief FILE");
	load_approved_brief(c, o->brief, &brief);
	theirs = jc_text(brief.v[0].obj, "client", cb);
	client = o->client ? o->client : theirs;
	title = o->title ? o->title : jc_text(brief.v[0].obj, "title", tb);
	if (client == NULL)
		cli_usage_error(c, "--open needs --client (the brief has none)");
	if (title == NULL)
		cli_usage_error(c, "--open needs --title (the brief has none)");
	if (o->client && theirs && strcmp(theirs, o->client) != 0)
		cli_fatal(c, AE_VIOLATION, "%s: no job number: the brief is "
		    "for '%s', not '%s'", o->brief, theirs, o->client);
	if (uses_client)
		code = o->client_code ? o->client_code :
		    jc_register_code(reg, client, codebuf);
	date_to_ymd(c->as_of, &y, &m, &d);
	if (jc_register_next(reg, pattern, y, code, number, sizeof(number),
	    &err) != 0)
		cli_die(c, &err);
	job = jc_job_new(number, client, title, c->as_of, brief.v[0].obj,
	    o->brief, code);
	if (o->append && jc_set_write(regpath, reg, job, reg->n ? reg->json : 0,
	    &err) != 0)
		cli_die(c, &err);
	print_record(c, job);
	json_decref(job);
	jc_set_release(&brief);
}

/* ---- --status ------------------------------------------------------- */

static const char *const status_names[] = {
	"job", "client", "title", "status", "brief_signed", "estimate",
	"estimate_signed", "estimate_total", "hours", "invoiced", "paid",
	"currency", NULL
};
static const char *const status_heads[] = {
	N_("Job"), N_("Client"), N_("Title"), N_("Status"), N_("Brief signed"),
	N_("Estimate"), N_("Estimate signed"), N_("Estimate total"),
	N_("Hours"), N_("Invoiced"), N_("Paid"), N_("Currency")
};
#define STATUS_NCOLS 12

/* The text of each column of ST, amounts grouped when GROUPED. */
struct status_row {
	const char *v[STATUS_NCOLS];
	char client[JSONTEXT_BUFSIZE], title[JSONTEXT_BUFSIZE];
	char status[JSONTEXT_BUFSIZE], estimate[JSONTEXT_BUFSIZE];
	char total[MONEY_BUFSIZE], hours[32];
	char billed[MONEY_BUFSIZE], collected[MONEY_BUFSIZE];
};

static void
status_row(struct status_row *r, const struct jc_rec *job,
    struct jc_status *st, int grouped)
{
	r->total[0] = r->hours[0] = r->billed[0] = r->collected[0] = '\0';
	if (st->has_total)
		money_format(st->total, st->total_digits, grouped, r->total,
		    sizeof(r->total));
	if (st->has_hours)
		ts_hours_format(st->hours, r->hours);
	if (st->has_billing) {
		money_format(st->billed, st->digits, grouped, r->billed,
		    sizeof(r->billed));
		money_format(st->collected, st->digits, grouped, r->collected,
		    sizeof(r->collected));
	}
	r->v[0] = st->job;
	r->v[1] = text_of(job, "client", r->client);
	r->v[2] = text_of(job, "title", r->title);
	r->v[3] = text_of(job, "status", r->status);
	r->v[4] = st->brief_signed;
	r->v[5] = text_of(st->estimate, "estimate", r->estimate);
	r->v[6] = st->estimate_signed;
	r->v[7] = r->total;
	r->v[8] = r->hours;
	r->v[9] = r->billed;
	r->v[10] = r->collected;
	r->v[11] = st->currency;
}

/* Where the rows go: a table for text, else a record writer. */
struct status_out {
	struct table *table;
	struct rec_writer *writer;
};

static void
status_begin(struct cli *c, struct status_out *out)
{
	size_t k;

	out->table = NULL;
	out->writer = NULL;
	if (cli_format_is(c, "text")) {
		out->table = table_new();
		for (k = 0; k < STATUS_NCOLS; k++)
			table_column(out->table, _(status_heads[k]),
			    k >= 7 && k <= 10 ? TABLE_RIGHT : TABLE_LEFT);
		return;
	}
	out->writer = rec_writer_new(cli_output(c), cli_format_is(c, "json") ?
	    RECORD_JSON : RECORD_CSV, c->excel ? CSV_EXCEL : 0);
	rec_writer_set_header(out->writer, status_names);
}

static void
status_put(struct cli *c, struct status_out *out, const struct status_row *r)
{
	struct ae_error err;
	json_t *obj;
	size_t k;

	if (out->table) {
		table_row(out->table);
		for (k = 0; k < STATUS_NCOLS; k++)
			table_cell(out->table, r->v[k]);
		return;
	}
	ae_error_clear(&err);
	obj = json_object();
	for (k = 0; k < STATUS_NCOLS; k++)
		json_object_set_new(obj, status_names[k], json_string(r->v[k]));
	if (rec_writer_put_json(out->writer, obj, &err) != 0)
		cli_die(c, &err);
	json_decref(obj);
}

static void
status_end(struct cli *c, struct status_out *out)
{
	if (out->table) {
		table_print(out->table, cli_output(c));
		table_free(out->table);
	} else {
		rec_writer_free(out->writer);
	}
}

static void
job_status(struct cli *c, struct opts *o, struct jc_set *reg)
{
	struct jc_set briefs = { 0 }, ests = { 0 }, invs = { 0 }, pays = { 0 };
	struct ts_options to = { .by = { TS_JOB }, .nby = 1 };
	struct jc_sources src = {
		.briefs = o->briefs ? &briefs : NULL,
		.estimates = o->estimates ? &ests : NULL,
		.invoices = o->invoices ? &invs : NULL,
		.payments = &pays, .card = &o->card,
		.currency = c->currency, .as_of = c->as_of,
	};
	struct timesheet *ts = NULL;
	struct status_out out;
	struct status_row row;
	struct jc_status st;
	struct ae_error err;
	size_t i;

	ae_error_clear(&err);
	load(c, &briefs, o->briefs);
	load(c, &ests, o->estimates);
	load(c, &invs, o->invoices);
	load(c, &pays, o->payments);
	if (o->time) {
		ts = read_time(c, o->time, &to);
		if (ts_groups(ts, &src.hours, &src.nhours, &err) != 0)
			cli_die(c, &err);
		src.with_time = 1;
	}
	status_begin(c, &out);
	for (i = 0; i < reg->n; i++) {
		if (jc_status_of(&src, &reg->v[i], &st, &err) != 0)
			cli_die(c, &err);
		status_row(&row, &reg->v[i], &st, out.table != NULL);
		status_put(c, &out, &row);
	}
	status_end(c, &out);
	ts_free(ts);
	jc_set_release(&briefs);
	jc_set_release(&ests);
	jc_set_release(&invs);
	jc_set_release(&pays);
}

/* ---- --close -------------------------------------------------------- */

struct money_line {
	const char *label;
	int64_t v;
	int has;
};

static void
close_job(struct cli *c, struct opts *o, struct jc_set *reg)
{
	struct jc_set est = { 0 }, costs = { 0 }, invs = { 0 }, pays = { 0 };
	struct ts_rates *rates = NULL;
	struct timesheet *ts = NULL;
	struct ts_options to = { .by = { TS_PERSON }, .nby = 1 };
	struct estimate_totals et;
	const struct ts_group *g = NULL;
	size_t ng = 0, i, k;
	struct ae_error err;
	char cur[8] = "", buf[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE];
	char mb[MONEY_BUFSIZE], hb[32], db[DATE_BUFSIZE], signed_on[DATE_BUFSIZE];
	const struct jc_rec *job = NULL;
	int64_t total = 0, labour = 0, external = 0, cost, billed = 0;
	int64_t collected = 0, margin, unbilled, hours = 0, v;
	int digits, has_est = 0, early = 0, text = cli_format_is(c, "text");
	json_t *sheet, *arr;
	int32_t day;

	ae_error_clear(&err);
	memset(&et, 0, sizeof(et));
	signed_on[0] = '\0';
	for (i = 0; i < reg->n; i++)
		if ((job = &reg->v[i]) && jc_text(job->obj, "job", buf) &&
		    strcmp(jc_text(job->obj, "job", buf), o->close) == 0)
			break;
	if (i == reg->n)
		cli_fatal(c, AE_EDATA, "%s: no job '%s' in the register",
		    c->files[0], o->close);
	job = &reg->v[i];
	if (o->estimate) {
		load(c, &est, o->estimate);
		if (est.n != 1)
			cli_fatal(c, AE_EDATA, "%s: the estimate file holds "
			    "%zu records, not one estimate", o->estimate,
			    est.n);
		if (jc_text(est.v[0].obj, "job", buf) &&
		    strcmp(jc_text(est.v[0].obj, "job", buf), o->close) != 0) {
			ae_error_set(&err, AE_EDATA, "the estimate is for job "
			    "'%s', not '%s'", jc_text(est.v[0].obj, "job", buf),
			    o->close);
			jc_rec_error(&est.v[0], "job", &err);
			cli_die(c, &err);
		}
		if (estimate_compute(est.v[0].obj, &o->card, c->currency, &et,
		    &err) != 0) {
			jc_rec_error(&est.v[0], NULL, &err);
			cli_die(c, &err);
		}
		total = et.total;
		snprintf(cur, sizeof(cur), "%s", et.currency);
		has_est = 1;
		if (jc_text(est.v[0].obj, "approved_by", buf) &&
		    jc_text(est.v[0].obj, "approved_on", buf) &&
		    date_parse(jc_text(est.v[0].obj, "approved_on", buf), &day,
		    NULL) == 0)
			date_format(day, signed_on);
	}
	if (o->rates && (rates = ts_rates_load(o->rates, &c->input,
	    cur[0] ? cur : c->currency, &err)) == NULL)
		cli_die(c, &err);
	if (o->time) {
		if (rates == NULL)
			cli_usage_error(c, "--time needs --rates for the cost "
			    "of the hours");
		to.rates = rates;
		to.job = o->close;
		ts = read_time(c, o->time, &to);
		if (ts_groups(ts, &g, &ng, &err) != 0)
			cli_die(c, &err);
		if (cur[0] && strcmp(cur, ts_rates_currency(rates)) != 0)
			cli_fatal(c, AE_EDATA, "%s: rates in %s, the estimate "
			    "in %s", o->rates, ts_rates_currency(rates), cur);
		if (cur[0] == '\0')
			snprintf(cur, sizeof(cur), "%s",
			    ts_rates_currency(rates));
		for (k = 0; k < ng; k++) {
			hours += g[k].hours;
			if (money_add(labour, g[k].cost, &labour, &err) != 0)
				cli_die(c, &err);
		}
		if (signed_on[0] && ts_count(ts) > 0) {
			int32_t s;
			date_parse(signed_on, &s, NULL);
			early = ts_first_day(ts) < s;
		} else if (ts_count(ts) > 0) {
			early = 1;
		}
	}
	if (o->costs) {
		load(c, &costs, o->costs);
		for (i = 0; i < costs.n; i++) {
			const char *j = jc_text(costs.v[i].obj, "job", buf);
			int rc;
			if (j == NULL || strcmp(j, o->close) != 0)
				continue;
			if ((rc = jc_money(&costs.v[i], "amount", c->currency,
			    cur, &v, &err)) < 0)
				cli_die(c, &err);
			if (rc == 0) {
				ae_error_set(&err, AE_EDATA, "required field "
				    "is missing");
				jc_rec_error(&costs.v[i], "amount", &err);
				cli_die(c, &err);
			}
			if (money_add(external, v, &external, &err) != 0)
				cli_die(c, &err);
		}
	}
	if (o->invoices) {
		load(c, &invs, o->invoices);
		load(c, &pays, o->payments);
		if (jc_billing(&invs, &pays, o->close, c->as_of, c->currency,
		    cur, &billed, &collected, &err) != 0)
			cli_die(c, &err);
	}
	if (cur[0] == '\0')
		snprintf(cur, sizeof(cur), "%s", c->currency);
	digits = currency_digits(cur);
	if (money_add(labour, external, &cost, &err) != 0 ||
	    money_sub(billed, cost, &margin, &err) != 0 ||
	    money_sub(total, billed, &unbilled, &err) != 0)
		cli_die(c, &err);
	if (unbilled < 0)
		unbilled = 0;

	/* The register, the job closed. */
	if (o->output) {
		json_t **all = xcalloc(reg->n + 1, sizeof(*all));
		date_format(c->as_of, db);
		json_object_set_new(job->obj, "status", json_string("closed"));
		json_object_set_new(job->obj, "closed", json_string(db));
		for (i = 0; i < reg->n; i++)
			all[i] = reg->v[i].obj;
		if (jc_write_records(o->output, all, reg->n, reg->json,
		    &err) != 0)
			cli_die(c, &err);
		free(all);
	}

	{
		struct money_line lines[] = {
			{ N_("Estimate total"), total, has_est },
			{ N_("Labour cost"), labour, o->time != NULL },
			{ N_("External costs"), external, o->costs != NULL },
			{ N_("Actual cost"), cost, 1 },
			{ N_("Billed"), billed, o->invoices != NULL },
			{ N_("Collected"), collected, o->invoices != NULL },
			{ N_("Outstanding"), billed - collected,
			    o->invoices != NULL },
			{ N_("Margin"), margin, 1 },
			{ N_("Unbilled"), unbilled, has_est },
		};
		static const char *const keys[] = {
			"estimate_total", "labour_cost", "external_costs",
			"actual_cost", "billed", "collected", "outstanding",
			"margin", "unbilled"
		};
		size_t nl = sizeof(lines) / sizeof(lines[0]);
		char pct[32];

		ts_percent(margin, billed, pct);
		if (text) {
			FILE *out = stdout;
			struct table *t = table_new();
			fprintf(out, "%s %s  %s  %s\n", _("Job close-out"),
			    o->close, text_of(job, "client", buf),
			    text_of(job, "title", b2));
			if (has_est && signed_on[0])
				fprintf(out, "%s %s (%s %s)\n", _("Estimate"),
				    text_of(&est.v[0], "estimate", buf),
				    _("client signed"), signed_on);
			else if (has_est)
				fprintf(out, "%s %s (%s)\n", _("Estimate"),
				    text_of(&est.v[0], "estimate", buf),
				    _("not signed"));
			fputc('\n', out);
			table_column(t, _("Item"), TABLE_LEFT);
			table_column(t, cur, TABLE_RIGHT);
			for (k = 0; k < nl; k++) {
				if (!lines[k].has)
					continue;
				money_format(lines[k].v, digits, 1, mb,
				    sizeof(mb));
				table_row(t);
				table_cell(t, _(lines[k].label));
				table_cell(t, mb);
			}
			if (pct[0]) {
				table_row(t);
				table_cell(t, _("Margin %"));
				table_cellf(t, "%s%%", pct);
			}
			table_print(t, out);
			table_free(t);
			if (ng > 0) {
				fputc('\n', out);
				t = table_new();
				table_column(t, _("Person"), TABLE_LEFT);
				table_column(t, _("Hours"), TABLE_RIGHT);
				table_column(t, _("Cost"), TABLE_RIGHT);
				for (k = 0; k < ng; k++) {
					table_row(t);
					table_cell(t, g[k].dims[0]);
					ts_hours_format(g[k].hours, hb);
					table_cell(t, hb);
					money_format(g[k].cost, digits, 1, mb,
					    sizeof(mb));
					table_cell(t, mb);
				}
				table_rule(t);
				table_row(t);
				table_cell(t, _("Total"));
				ts_hours_format(hours, hb);
				table_cell(t, hb);
				money_format(labour, digits, 1, mb, sizeof(mb));
				table_cell(t, mb);
				table_print(t, out);
				table_free(t);
			}
			if (early)
				fprintf(out, "\n%s\n", signed_on[0] ?
				    _("Warning: time was logged before the "
				    "client signed the estimate.") :
				    _("Warning: time was logged but the "
				    "estimate is not signed."));
		} else {
			sheet = json_object();
			json_object_set_new(sheet, "job",
			    json_string(o->close));
			json_object_set_new(sheet, "client",
			    json_string(text_of(job, "client", buf)));
			json_object_set_new(sheet, "title",
			    json_string(text_of(job, "title", buf)));
			if (has_est)
				json_object_set_new(sheet, "estimate",
				    json_string(text_of(&est.v[0], "estimate",
				    buf)));
			json_object_set_new(sheet, "estimate_signed",
			    json_string(signed_on));
			json_object_set_new(sheet, "currency",
			    json_string(cur));
			ts_hours_format(hours, hb);
			json_object_set_new(sheet, "hours", json_string(hb));
			for (k = 0; k < nl; k++) {
				if (!lines[k].has)
					continue;
				money_format(lines[k].v, digits, 0, mb,
				    sizeof(mb));
				json_object_set_new(sheet, keys[k],
				    json_string(mb));
			}
			json_object_set_new(sheet, "margin_percent",
			    json_string(pct));
			json_object_set_new(sheet, "work_before_signoff",
			    json_boolean(early));
			arr = json_array();
			for (k = 0; k < ng; k++) {
				json_t *p = json_object();
				json_object_set_new(p, "person",
				    json_string(g[k].dims[0]));
				ts_hours_format(g[k].hours, hb);
				json_object_set_new(p, "hours",
				    json_string(hb));
				money_format(g[k].cost, digits, 0, mb,
				    sizeof(mb));
				json_object_set_new(p, "cost", json_string(mb));
				json_array_append_new(arr, p);
			}
			json_object_set_new(sheet, "labour", arr);
			if (json_dumpf(sheet, stdout, JSON_INDENT(2) |
			    JSON_PRESERVE_ORDER) != 0)
				cli_fatal(c, AE_EIO, "cannot write the sheet");
			fputc('\n', stdout);
			json_decref(sheet);
		}
	}
	estimate_totals_release(&et);
	ts_free(ts);
	ts_rates_free(rates);
	jc_set_release(&est);
	jc_set_release(&costs);
	jc_set_release(&invs);
	jc_set_release(&pays);
}

/* ---- --check -------------------------------------------------------- */

static void
check_jobs(struct cli *c, struct opts *o, struct jc_set *reg)
{
	struct jc_set briefs = { 0 };
	struct ae_error why;
	char buf[JSONTEXT_BUFSIZE], ob[JSONTEXT_BUFSIZE];
	const char *job, *name, *opened;
	int32_t day, open_day;
	size_t i;
	int rc;

	if (o->briefs == NULL)
		cli_usage_error(c, "--check needs --briefs");
	load(c, &briefs, o->briefs);
	for (i = 0; i < reg->n; i++) {
		const struct jc_rec *j = &reg->v[i], *b;
		if ((job = jc_text(j->obj, "job", buf)) == NULL)
			continue;
		if ((b = jc_record_for(&briefs, job)) == NULL) {
			cli_violation(c, j->source, j->line, "approved-brief",
			    "job '%s' has no brief", job);
			continue;
		}
		ae_error_clear(&why);
		rc = jc_brief_approved(b->obj, c->as_of, &name, &day, &why);
		if (rc <= 0) {
			cli_violation(c, j->source, j->line, "approved-brief",
			    "job '%s': %s", job, why.text);
			continue;
		}
		opened = jc_text(j->obj, "opened", ob);
		if (opened && date_parse(opened, &open_day, NULL) == 0 &&
		    open_day < day)
			cli_violation(c, j->source, j->line, "approved-brief",
			    "job '%s' was opened on %s, before the account "
			    "lead approved the brief", job, opened);
	}
	jc_set_release(&briefs);
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct jc_set reg = { 0 };
	int modes;
	struct cli c = {
		.prog = "jobcard",
		.synopsis = "--open --client NAME --title TEXT --brief FILE "
		    "[--append] REGISTER | --status [--briefs DIR] "
		    "[--estimates DIR] [--time FILE] [--invoices FILE] "
		    "REGISTER | --close JOB [--estimate FILE] [--time FILE "
		    "--rates FILE] [--costs FILE] [--invoices FILE] "
		    "[-o FILE] REGISTER | --check --briefs DIR REGISTER",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG | CLI_CHECK |
		    CLI_AS_OF | CLI_CURRENCY | CLI_EXCEL,
		.formats = "text,csv,json",
		.opts = options,
		.on_opt = take_option,
		.ctx = &o,
	};

	cli_parse(&c, argc, argv);
	modes = o.open + o.status + (o.close != NULL) + c.check;
	if (modes != 1)
		cli_usage_error(&c, "give one of --open, --status, --close "
		    "or --check");
	if (c.nfiles != 1)
		cli_usage_error(&c, "give one job register");
	if (o.append && (!o.open || strcmp(c.files[0], "-") == 0))
		cli_usage_error(&c, "--append goes with --open and a register "
		    "file");
	/* With --close, -o names the register written back, not the sheet. */
	o.output = c.output;
	if (o.close && cli_format_is(&c, "csv"))
		cli_usage_error(&c, "--close writes text or json");
	if (o.rate_card) {
		struct ae_error err;
		ae_error_clear(&err);
		if (rate_card_load(&o.card, o.rate_card, &c.input, &err) != 0)
			cli_die(&c, &err);
	}
	load(&c, &reg, c.files[0]);
	if (o.open)
		open_job(&c, &o, &reg, c.files[0]);
	else if (o.status)
		job_status(&c, &o, &reg);
	else if (o.close)
		close_job(&c, &o, &reg);
	else
		check_jobs(&c, &o, &reg);
	jc_set_release(&reg);
	rate_card_release(&o.card);
	return cli_finish(&c);
}
