/*
 * timesheet — `time` records summed by person, job, client, week or
 * month, with utilization and cost; --missing and --check list the
 * workdays someone has not logged a full day on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "i18n.h"
#include "money.h"
#include "strbuf.h"
#include "table.h"
#include "timesheet.h"
#include "workcal.h"
#include "writer.h"

enum {
	OPT_BY = 256,
	OPT_JOBS,
	OPT_RATES,
	OPT_UTILIZATION,
	OPT_DAY_HOURS,
	OPT_FROM,
	OPT_TO,
	OPT_HOLIDAYS,
	OPT_INTERNAL,
	OPT_MISSING
};

static const struct cli_opt options[] = {
	{ "by", OPT_BY, "LIST", "group by person, job, client, week, month "
	    "(comma-separated; default person)" },
	{ "jobs", OPT_JOBS, "FILE", "job register: the client of each job" },
	{ "rates", OPT_RATES, "FILE", "hourly rates by person or role: adds "
	    "cost" },
	{ "utilization", OPT_UTILIZATION, NULL, "add client hours, capacity "
	    "and utilization (needs person in --by)" },
	{ "internal", OPT_INTERNAL, "CLIENT", "a client that is the agency "
	    "itself: its jobs are not client work (repeatable)" },
	{ "day-hours", OPT_DAY_HOURS, "H", "hours of a full workday "
	    "(default 8)" },
	{ "from", OPT_FROM, "DATE", "first day counted" },
	{ "to", OPT_TO, "DATE", "last day counted" },
	{ "holidays", OPT_HOLIDAYS, "FILE", "public holidays and weekend "
	    "workdays: CSV date,kind,name" },
	{ "missing", OPT_MISSING, NULL, "list workdays with less than "
	    "--day-hours logged" },
	{ 0 }
};

struct opts {
	const char *by, *jobs, *rates, *holidays;
	const char *from_s, *to_s;
	const char **internal;
	int ninternal;
	int utilization, missing;
	int64_t day_hours;
	int has_from, has_to;
	int32_t from, to;
	struct timesheet *ts;
};

static int32_t
take_date(struct cli *c, const char *opt, const char *arg)
{
	struct ae_error err;
	int32_t d;

	ae_error_clear(&err);
	if (date_parse(arg, &d, &err) != 0)
		cli_usage_error(c, "--%s: %s", opt, err.text);
	return d;
}

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct opts *o = c->ctx;
	struct ae_error err;

	ae_error_clear(&err);
	switch (key) {
	case OPT_BY: o->by = arg; break;
	case OPT_JOBS: o->jobs = arg; break;
	case OPT_RATES: o->rates = arg; break;
	case OPT_HOLIDAYS: o->holidays = arg; break;
	case OPT_UTILIZATION: o->utilization = 1; break;
	case OPT_MISSING: o->missing = 1; break;
	case OPT_INTERNAL:
		o->internal = realloc(o->internal,
		    (size_t)(o->ninternal + 2) * sizeof(char *));
		if (o->internal == NULL)
			abort();
		o->internal[o->ninternal++] = arg;
		o->internal[o->ninternal] = NULL;
		break;
	case OPT_DAY_HOURS:
		if (ts_hours_parse(arg, strlen(arg), &o->day_hours, &err) != 0)
			cli_usage_error(c, "--day-hours: %s", err.text);
		if (o->day_hours == 0)
			cli_usage_error(c, "--day-hours: must be more than 0");
		break;
	case OPT_FROM:
		o->from = take_date(c, "from", arg);
		o->has_from = 1;
		break;
	case OPT_TO:
		o->to = take_date(c, "to", arg);
		o->has_to = 1;
		break;
	}
	return 0;
}

static int
add_record(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct opts *o = c->ctx;

	return ts_add_record(o->ts, r, err);
}

static void
hours_cell(char *buf, int64_t h)
{
	ts_hours_format(h, buf);
}

static void
print_groups(struct cli *c, struct opts *o, const struct ts_options *to,
    const struct ts_group *g, size_t n)
{
	static const char *const headings[] = {
		N_("Person"), N_("Job"), N_("Client"), N_("Week"), N_("Month")
	};
	const char *cur = to->rates ? ts_rates_currency(to->rates) : NULL;
	int digits = to->rates ? ts_rates_digits(to->rates) : 2;
	int text = cli_format_is(c, "text"), d;
	char hb[32], cb[32], capb[32], pb[32], mb[MONEY_BUFSIZE];
	int64_t th = 0, tch = 0, tcap = 0, tcost = 0;
	struct ae_error err;
	size_t i;

	ae_error_clear(&err);
	if (text) {
		struct table *t = table_new();
		for (d = 0; d < to->nby; d++)
			table_column(t, _(headings[to->by[d]]), TABLE_LEFT);
		table_column(t, _("Hours"), TABLE_RIGHT);
		if (o->utilization) {
			table_column(t, _("Client hours"), TABLE_RIGHT);
			table_column(t, _("Capacity"), TABLE_RIGHT);
			table_column(t, _("Utilization"), TABLE_RIGHT);
		}
		if (cur) {
			char head[64];
			snprintf(head, sizeof(head), "%s (%s)", _("Cost"), cur);
			table_column(t, head, TABLE_RIGHT);
		}
		for (i = 0; i < n; i++) {
			table_row(t);
			for (d = 0; d < to->nby; d++)
				table_cell(t, g[i].dims[d]);
			hours_cell(hb, g[i].hours);
			table_cell(t, hb);
			th += g[i].hours;
			if (o->utilization) {
				hours_cell(cb, g[i].client_hours);
				hours_cell(capb, g[i].capacity);
				ts_percent(g[i].client_hours, g[i].capacity, pb);
				table_cell(t, cb);
				table_cell(t, capb);
				table_cellf(t, "%s%s", pb, *pb ? "%" : "");
				tch += g[i].client_hours;
				tcap += g[i].capacity;
			}
			if (cur) {
				money_format(g[i].cost, digits, 1, mb,
				    sizeof(mb));
				table_cell(t, mb);
				if (money_add(tcost, g[i].cost, &tcost,
				    &err) != 0)
					cli_die(c, &err);
			}
		}
		if (n > 1) {
			table_rule(t);
			table_row(t);
			table_cell(t, _("Total"));
			for (d = 1; d < to->nby; d++)
				table_cell(t, "");
			hours_cell(hb, th);
			table_cell(t, hb);
			if (o->utilization) {
				hours_cell(cb, tch);
				hours_cell(capb, tcap);
				ts_percent(tch, tcap, pb);
				table_cell(t, cb);
				table_cell(t, capb);
				table_cellf(t, "%s%s", pb, *pb ? "%" : "");
			}
			if (cur) {
				money_format(tcost, digits, 1, mb, sizeof(mb));
				table_cell(t, mb);
			}
		}
		table_print(t, cli_output(c));
		table_free(t);
		return;
	}
	{
		struct rec_writer *w = rec_writer_new(cli_output(c),
		    cli_format_is(c, "csv") ? RECORD_CSV : RECORD_JSON,
		    c->excel ? CSV_EXCEL : 0);
		const char *names[TS_MAXDIM + 8];
		int k = 0;

		for (d = 0; d < to->nby; d++)
			names[k++] = ts_dim_name(to->by[d]);
		names[k++] = "hours";
		if (o->utilization) {
			names[k++] = "client_hours";
			names[k++] = "capacity";
			names[k++] = "utilization";
		}
		if (cur) {
			names[k++] = "cost";
			names[k++] = "currency";
		}
		names[k] = NULL;
		rec_writer_set_header(w, names);
		for (i = 0; i < n; i++) {
			json_t *obj = json_object();
			for (d = 0; d < to->nby; d++)
				json_object_set_new(obj, names[d],
				    json_string(g[i].dims[d]));
			hours_cell(hb, g[i].hours);
			json_object_set_new(obj, "hours", json_string(hb));
			if (o->utilization) {
				hours_cell(cb, g[i].client_hours);
				hours_cell(capb, g[i].capacity);
				ts_percent(g[i].client_hours, g[i].capacity, pb);
				json_object_set_new(obj, "client_hours",
				    json_string(cb));
				json_object_set_new(obj, "capacity",
				    json_string(capb));
				json_object_set_new(obj, "utilization",
				    json_string(pb));
			}
			if (cur) {
				money_format(g[i].cost, digits, 0, mb,
				    sizeof(mb));
				json_object_set_new(obj, "cost", json_string(mb));
				json_object_set_new(obj, "currency",
				    json_string(cur));
			}
			if (rec_writer_put_json(w, obj, &err) != 0)
				cli_die(c, &err);
			json_decref(obj);
		}
		rec_writer_free(w);
	}
}

static void
report_gaps(struct cli *c, struct opts *o, const struct ts_gap *gp, size_t n)
{
	char db[DATE_BUFSIZE], hb[32], sb[32], want[32];
	struct ae_error err;
	size_t i;

	ae_error_clear(&err);
	ts_hours_format(o->day_hours, want);
	if (c->check) {
		for (i = 0; i < n; i++) {
			date_format(gp[i].day, db);
			ts_hours_format(gp[i].hours, hb);
			cli_violation(c, c->files[0], 0, "workday",
			    "%s: '%s' logged %s of %s hours", db, gp[i].person,
			    hb, want);
		}
		return;
	}
	if (cli_format_is(c, "text")) {
		struct table *t = table_new();
		table_column(t, _("Person"), TABLE_LEFT);
		table_column(t, _("Date"), TABLE_LEFT);
		table_column(t, _("Logged"), TABLE_RIGHT);
		table_column(t, _("Short"), TABLE_RIGHT);
		for (i = 0; i < n; i++) {
			date_format(gp[i].day, db);
			ts_hours_format(gp[i].hours, hb);
			ts_hours_format(o->day_hours - gp[i].hours, sb);
			table_row(t);
			table_cell(t, gp[i].person);
			table_cell(t, db);
			table_cell(t, hb);
			table_cell(t, sb);
		}
		table_print(t, cli_output(c));
		table_free(t);
		return;
	}
	{
		static const char *const names[] = {
			"person", "date", "hours", "short", NULL
		};
		struct rec_writer *w = rec_writer_new(cli_output(c),
		    cli_format_is(c, "csv") ? RECORD_CSV : RECORD_JSON,
		    c->excel ? CSV_EXCEL : 0);
		rec_writer_set_header(w, names);
		for (i = 0; i < n; i++) {
			json_t *obj = json_object();
			date_format(gp[i].day, db);
			ts_hours_format(gp[i].hours, hb);
			ts_hours_format(o->day_hours - gp[i].hours, sb);
			json_object_set_new(obj, "person",
			    json_string(gp[i].person));
			json_object_set_new(obj, "date", json_string(db));
			json_object_set_new(obj, "hours", json_string(hb));
			json_object_set_new(obj, "short", json_string(sb));
			if (rec_writer_put_json(w, obj, &err) != 0)
				cli_die(c, &err);
			json_decref(obj);
		}
		rec_writer_free(w);
	}
}

int
main(int argc, char **argv)
{
	struct opts o = { .day_hours = 800 };
	struct ts_options to = { .nby = 0 };
	struct workcal *cal = NULL;
	struct ts_rates *rates = NULL;
	struct ts_jobs *jobs = NULL;
	const struct ts_group *groups;
	const struct ts_gap *gaps;
	struct ae_error err;
	size_t n;
	int y, m, d, i, has_person = 0;
	struct cli c = {
		.prog = "timesheet",
		.synopsis = "[--by LIST] [--jobs FILE] [--rates FILE] "
		    "[--utilization] [--missing] [--check] [--from DATE] "
		    "[--to DATE] [--holidays FILE] [-f text|csv|json] [FILE...]",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_CHECK | CLI_KEEP_GOING | CLI_AS_OF | CLI_CURRENCY |
		    CLI_EXCEL,
		.formats = "text,csv,json",
		.opts = options,
		.on_opt = take_option,
		.ctx = &o,
	};

	cli_parse(&c, argc, argv);
	ae_error_clear(&err);
	if ((to.nby = ts_by_parse(o.by ? o.by : "person", to.by, &err)) < 0)
		cli_usage_error(&c, "--by: %s", err.text);
	for (i = 0; i < to.nby; i++)
		has_person |= to.by[i] == TS_PERSON;
	if (o.utilization && !has_person)
		cli_usage_error(&c, "--utilization needs person in --by");
	if ((o.missing || c.check) && (o.utilization || o.rates || o.by))
		cli_usage_error(&c, "--missing and --check do not go with "
		    "--by, --rates or --utilization");
	if (o.missing && c.check)
		cli_usage_error(&c, "give --missing or --check, not both");

	/* The period: as given, else the month of --as-of up to it. */
	date_to_ymd(c.as_of, &y, &m, &d);
	if (o.has_from || o.has_to || o.missing || c.check || o.utilization) {
		to.period = 1;
		to.from = o.has_from ? o.from : date_from_ymd(y, m, 1);
		to.to = o.has_to ? o.to : c.as_of;
		if (to.to < to.from)
			cli_usage_error(&c, "--from is after --to");
	}
	to.day_hours = o.day_hours;
	to.utilization = o.utilization;
	to.days = o.missing || c.check;
	to.internal = o.internal;
	if (o.holidays) {
		cal = workcal_new();
		if (workcal_load(cal, o.holidays, &c.input, &err) != 0)
			cli_die(&c, &err);
	}
	to.cal = cal;
	if (o.rates && (rates = ts_rates_load(o.rates, &c.input, c.currency,
	    &err)) == NULL)
		cli_die(&c, &err);
	to.rates = rates;
	if (o.jobs && (jobs = ts_jobs_load(o.jobs, &c.input, &err)) == NULL)
		cli_die(&c, &err);
	to.jobs = jobs;

	o.ts = ts_new(&to);
	cli_each_record(&c, add_record);
	if (to.days) {
		n = ts_gaps(o.ts, &gaps);
		report_gaps(&c, &o, gaps, n);
	} else {
		if (ts_groups(o.ts, &groups, &n, &err) != 0)
			cli_die(&c, &err);
		print_groups(&c, &o, &to, groups, n);
	}
	ts_free(o.ts);
	ts_rates_free(rates);
	ts_jobs_free(jobs);
	workcal_free(cal);
	free(o.internal);
	return cli_finish(&c);
}
