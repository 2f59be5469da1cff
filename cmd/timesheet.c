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
#include "strbuf.h"
#include "table.h"
#include "timesheet.h"
#include "timesheet_report.h"

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
	{ "by", OPT_BY, "LIST",
	    "group by person, job, client, week, month "
	    "(comma-separated; default person)" },
	{ "jobs", OPT_JOBS, "FILE", "job register: the client of each job" },
	{ "cost-rates", OPT_RATES, "FILE",
	    "hourly cost rates by person or "
	    "role (after staff records' own): adds cost" },
	{ "utilization", OPT_UTILIZATION, NULL,
	    "add client hours, capacity "
	    "and utilization (needs person in --by)" },
	{ "internal", OPT_INTERNAL, "CLIENT",
	    "a client that is the agency "
	    "itself: its jobs are not client work (repeatable)" },
	{ "day-hours", OPT_DAY_HOURS, "H",
	    "hours of a full workday "
	    "(default 8)" },
	{ "from", OPT_FROM, "DATE", "first day counted" },
	{ "to", OPT_TO, "DATE", "last day counted" },
	{ "holidays", OPT_HOLIDAYS, "FILE",
	    "public holidays and weekend "
	    "workdays: CSV date,kind,name (instead of the shipped calendar)" },
	{ "missing", OPT_MISSING, NULL,
	    "list workdays with less than a "
	    "day logged (staff hours, else --day-hours)" },
	{ 0 }
};

struct opts {
	struct timesheet_request rq;
	const char **internal;
	int ninternal;
	struct timesheet_tables tables;
	struct timesheet *ts;
};

/* --from or --to (OPT): the day and that it was given. */
static void
take_date(struct cli *c, const char *opt, const char *arg, int32_t *day,
    int *given)
{
	struct ae_error err;

	ae_error_clear(&err);
	if (date_parse(arg, day, &err) != 0)
		cli_usage_error(c, "--%s: %s", opt, err.text);
	*given = 1;
}

static void
take_internal(struct opts *o, const char *arg)
{
	o->internal =
	    xrealloc(o->internal, (size_t)(o->ninternal + 2) * sizeof(char *));
	o->internal[o->ninternal++] = arg;
	o->internal[o->ninternal] = NULL;
	o->rq.internal = o->internal;
}

static void
take_day_hours(struct cli *c, struct opts *o, const char *arg)
{
	struct ae_error err;

	ae_error_clear(&err);
	if (timesheet_hours_parse(arg, strlen(arg), &o->rq.day_hours, &err) !=
	    0)
		cli_usage_error(c, "--day-hours: %s", err.text);
	if (o->rq.day_hours == 0)
		cli_usage_error(c, "--day-hours: must be more than 0");
}

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct opts *o = c->ctx;

	switch (key) {
	case OPT_BY:
		o->rq.by = arg;
		break;
	case OPT_JOBS:
		o->rq.jobs = arg;
		break;
	case OPT_RATES:
		o->rq.rates = arg;
		break;
	case OPT_HOLIDAYS:
		o->rq.holidays = arg;
		break;
	case OPT_UTILIZATION:
		o->rq.utilization = 1;
		break;
	case OPT_MISSING:
		o->rq.missing = 1;
		break;
	case OPT_INTERNAL:
		take_internal(o, arg);
		break;
	case OPT_DAY_HOURS:
		take_day_hours(c, o, arg);
		break;
	case OPT_FROM:
		take_date(c, "from", arg, &o->rq.from, &o->rq.has_from);
		break;
	case OPT_TO:
		take_date(c, "to", arg, &o->rq.to, &o->rq.has_to);
		break;
	}
	return 0;
}

static int
add_record(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct opts *o = c->ctx;

	return timesheet_add_record(o->ts, r, err);
}

/* T in the --format asked for; frees T. */
static void
write_table(struct cli *c, struct table *t)
{
	table_write(t, table_format_named(c->format),
	    c->excel ? TABLE_EXCEL : 0, cli_output(c));
	table_free(t);
}

static void
report_groups(struct cli *c, struct timesheet *ts,
    const struct timesheet_options *to)
{
	const struct timesheet_group *g;
	struct ae_error err;
	struct table *t;
	size_t n;

	ae_error_clear(&err);
	if (timesheet_groups(ts, &g, &n, &err) != 0 ||
	    (t = timesheet_groups_table(to, g, n, &err)) == NULL)
		cli_die(c, &err);
	write_table(c, t);
}

static void
check_gaps(struct cli *c, const struct timesheet_options *to,
    const struct timesheet_gap *gp, size_t n)
{
	struct finding_sink fs;
	size_t i;

	(void)to;
	cli_findings(c, &fs);
	for (i = 0; i < n; i++)
		timesheet_report_gap(&gp[i], &fs);
}

/* The shipped calendar stops at the years whose notice was checked. */
static void
warn_uncovered(struct cli *c, const struct timesheet *ts)
{
	struct ae_error err;
	int y = timesheet_uncovered_year(ts);

	if (y == 0)
		return;
	ae_error_clear(&err);
	ae_error_set(&err, AE_OK,
	    "warning: the shipped holiday calendar "
	    "has no days of %d: only weekends are days off (give "
	    "--holidays FILE)",
	    y);
	cli_warn(c, &err);
}

static void
report_gaps(struct cli *c, struct timesheet *ts,
    const struct timesheet_options *to)
{
	const struct timesheet_gap *gp;
	size_t n = timesheet_gaps(ts, &gp);

	if (c->check)
		check_gaps(c, to, gp, n);
	else
		write_table(c, timesheet_gaps_table(to, gp, n));
}

int
main(int argc, char **argv)
{
	struct opts o = { .rq = { .day_hours = 800 } };
	struct timesheet_options to = { .nby = 0 };
	struct ae_error err;
	struct cli c = {
		.prog = "timesheet",
		.synopsis =
		    "[--by LIST] [--jobs FILE] [--cost-rates FILE] "
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
	o.rq.check = c.check;
	o.rq.as_of = c.as_of;
	ae_error_clear(&err);
	if (timesheet_options_set(&to, &o.rq, &err) != 0)
		cli_usage_error(&c, "%s", err.text);
	if (timesheet_tables_load(&o.tables, &to, &o.rq, &c.input, c.currency,
		&err) != 0)
		cli_die(&c, &err);
	o.ts = timesheet_new(&to);
	c.input.flat = 1; /* timesheet reads its records' values as text */
	cli_each_record(&c, add_record);
	if (timesheet_cost_currency(o.ts, &to.cost_currency, &to.cost_digits) ==
	    0)
		to.cost_currency = NULL;
	warn_uncovered(&c, o.ts);
	if (to.days)
		report_gaps(&c, o.ts, &to);
	else
		report_groups(&c, o.ts, &to);
	timesheet_free(o.ts);
	timesheet_tables_release(&o.tables);
	free(o.internal);
	return cli_finish(&c);
}
