/*
 * forecast — the billing forecast (广告费/收入预报): what each client was
 * forecast to bill per month or quarter, against what was invoiced, as of
 * a date.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "forecast_xlsx.h"
#include "forecast.h"
#include "strbuf.h"
#include "writer.h"

enum {
	OPT_INVOICES = 'i',
	OPT_FROM = 300,
	OPT_TO,
	OPT_BY,
	OPT_QUARTERLY,
	OPT_WEIGHTED,
	OPT_JOBS
};

static const struct cli_opt options[] = { { "from", OPT_FROM, "YYYY-MM",
					      "first month of the report" },
	{ "to", OPT_TO, "YYYY-MM", "last month of the report" },
	{ "by", OPT_BY, "client|kind|job",
	    "group by client (default), kind or job" },
	{ "quarterly", OPT_QUARTERLY, NULL,
	    "roll the months up into calendar quarters" },
	{ "weighted", OPT_WEIGHTED, NULL,
	    "weight each forecast by its probability" },
	{ "invoices", OPT_INVOICES, "FILE",
	    "read invoices (the actuals) from FILE (repeatable)" },
	{ "jobs", OPT_JOBS, "FILE",
	    "read the job register from FILE (repeatable; --check)" },
	{ 0 } };

struct state {
	struct forecast_options o;
	struct fc *fc;
	int quarterly;
	char **invoices, **jobs;
	int ninvoices, njobs;
};

static char **
push(char **v, int *n, const char *s)
{
	v = xrealloc(v, (size_t)(*n + 1) * sizeof(*v));
	v[(*n)++] = (char *)s;
	return v;
}

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct state *st = c->ctx;
	struct ae_error err;

	ae_error_clear(&err);
	switch (key) {
	case OPT_FROM:
	case OPT_TO:
		if (forecast_parse_month(arg,
			key == OPT_FROM ? &st->o.from : &st->o.to, &err) != 0)
			cli_usage_error(c, "--%s: %s",
			    key == OPT_FROM ? "from" : "to", err.text);
		break;
	case OPT_BY:
		if (forecast_parse_by(arg, &st->o.by) != 0)
			cli_usage_error(c,
			    "--by: unknown grouping '%s' "
			    "(client, kind, job)",
			    arg);
		break;
	case OPT_QUARTERLY:
		st->quarterly = 1;
		break;
	case OPT_WEIGHTED:
		st->o.weighted = 1;
		break;
	case OPT_INVOICES:
		st->invoices = push(st->invoices, &st->ninvoices, arg);
		break;
	case OPT_JOBS:
		st->jobs = push(st->jobs, &st->njobs, arg);
		break;
	}
	return 0;
}

static int
take_record(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct state *st = c->ctx;

	return forecast_add(st->fc, r, err);
}

static void
read_file(struct cli *c, const char *path, const char *type)
{
	struct state *st = c->ctx;

	forecast_begin_file(st->fc, type);
	cli_each_record_in(c, path, take_record);
}

/* The workbook holds both views, months and quarters. */
static void
write_xlsx(struct cli *c, struct state *st)
{
	struct forecast_report m, q;
	struct ae_error err;

	ae_error_clear(&err);
	if (forecast_report(st->fc, &m, 0, &err) != 0 ||
	    forecast_report(st->fc, &q, 1, &err) != 0)
		cli_die(c, &err);
	if (forecast_write_xlsx(&m, &q, cli_output_path(c), &err) != 0)
		cli_die(c, &err);
	forecast_report_release(&m);
	forecast_report_release(&q);
}

static void
write_report(struct cli *c, struct state *st)
{
	struct forecast_report rep;
	struct ae_error err;

	if (cli_format_is(c, "xlsx")) {
		write_xlsx(c, st);
		return;
	}
	ae_error_clear(&err);
	if (forecast_report(st->fc, &rep, st->quarterly, &err) != 0)
		cli_die(c, &err);
	if (cli_format_is(c, "csv") || cli_format_is(c, "json"))
		forecast_write_records(&rep, table_format_named(c->format),
		    c->excel ? TABLE_EXCEL : 0, cli_output(c));
	else
		forecast_write_text(&rep, cli_output(c));
	forecast_report_release(&rep);
}

int
main(int argc, char **argv)
{
	struct state st = { .o = { .from = FC_NO_MONTH, .to = FC_NO_MONTH } };
	int i;
	struct cli c = {
		.prog = "forecast",
		.synopsis = "[--as-of DATE] [--from YYYY-MM] [--to YYYY-MM] "
			    "[--by client|kind|job] [--quarterly] [--weighted] "
			    "[--invoices FILE] [--jobs FILE] [--check] "
			    "[-f text|csv|json|xlsx] [FILE...]",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_CHECK | CLI_KEEP_GOING | CLI_AS_OF | CLI_CURRENCY |
		    CLI_EXCEL,
		.formats = "text,csv,json,xlsx",
		.opts = options,
		.on_opt = take_option,
		.ctx = &st,
	};

	cli_parse(&c, argc, argv);
	if (st.o.from != FC_NO_MONTH && st.o.to != FC_NO_MONTH &&
	    st.o.from > st.o.to)
		cli_usage_error(&c, "--from is after --to");
	st.o.as_of = c.as_of;
	st.o.currency = c.currency;
	/* The check asks what each client was invoiced. */
	if (c.check)
		st.o.by = FC_BY_CLIENT;
	st.fc = forecast_new(&st.o);
	for (i = 0; i < c.nfiles; i++)
		read_file(&c, c.files[i], NULL);
	for (i = 0; i < st.ninvoices; i++)
		read_file(&c, st.invoices[i], "invoice");
	for (i = 0; i < st.njobs; i++)
		read_file(&c, st.jobs[i], "job");
	if (c.check) {
		struct finding_sink fs;
		cli_findings(&c, &fs);
		forecast_check(st.fc, &fs);
	} else {
		write_report(&c, &st);
	}
	forecast_free(st.fc);
	free(st.invoices);
	free(st.jobs);
	return cli_finish(&c);
}
