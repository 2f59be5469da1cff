/*
 * receivables — the aging of what clients owe: invoices less payments at
 * the as-of date, in buckets of days past due, by client, account
 * executive, job or invoice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "money.h"
#include "receivables.h"
#include "receivables_xlsx.h"
#include "strbuf.h"
#include "writer.h"

enum {
	OPT_PAYMENTS = 'p',
	OPT_BUCKETS = 300,
	OPT_BASIS,
	OPT_BY,
	OPT_TOTALS,
	OPT_FAIL_OVER,
	OPT_OVERDUE,
	OPT_AE,
	OPT_UNAPPLIED
};

static const struct cli_opt options[] = {
	{ "payments", OPT_PAYMENTS, "FILE",
	    "read payments from FILE (repeatable)" },
	{ "buckets", OPT_BUCKETS, "LIST",
	    "upper edges of the aging buckets in days (default 30,60,90)" },
	{ "basis", OPT_BASIS, "due|issued",
	    "age from the due date (default) or the issue date" },
	{ "by", OPT_BY, "client|ae|job|invoice",
	    "group by client (default), ae, job, or list each invoice" },
	{ "totals", OPT_TOTALS, NULL,
	    "add a TOTAL row per currency (csv, json)" },
	{ "fail-over", OPT_FAIL_OVER, "DAYS",
	    "exit 1 if a balance is more than DAYS past due" },
	{ "overdue", OPT_OVERDUE, NULL,
	    "only positive balances past due (days > 0)" },
	{ "ae", OPT_AE, "NAME", "only the invoices of account executive NAME" },
	{ "unapplied", OPT_UNAPPLIED, NULL,
	    "add unapplied cash as UNAPPLIED rows (csv, json)" },
	{ 0 }
};

struct state {
	struct receivables_options o;
	struct recv *rv;
	char **payments;
	int npayments;
	long fail_over; /* -1: not asked */
};

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct state *st = c->ctx;
	struct ae_error err;
	char *end;

	ae_error_clear(&err);
	switch (key) {
	case OPT_PAYMENTS:
		st->payments = xrealloc(st->payments,
		    (size_t)(st->npayments + 1) * sizeof(*st->payments));
		st->payments[st->npayments++] = (char *)arg;
		break;
	case OPT_BUCKETS:
		if (receivables_parse_buckets(arg, &st->o, &err) != 0)
			cli_usage_error(c, "%s", err.text);
		break;
	case OPT_BASIS:
		if (strcmp(arg, "due") == 0)
			st->o.basis = RECV_DUE;
		else if (strcmp(arg, "issued") == 0)
			st->o.basis = RECV_ISSUED;
		else
			cli_usage_error(c,
			    "--basis: unknown basis '%s' (due, "
			    "issued)",
			    arg);
		break;
	case OPT_BY:
		if (receivables_parse_by(arg, &st->o.by) != 0)
			cli_usage_error(c,
			    "--by: unknown grouping '%s' "
			    "(client, ae, job, invoice)",
			    arg);
		break;
	case OPT_TOTALS:
		st->o.totals = 1;
		break;
	case OPT_OVERDUE:
		st->o.overdue = 1;
		break;
	case OPT_AE:
		st->o.ae = arg;
		break;
	case OPT_UNAPPLIED:
		st->o.unapplied = 1;
		break;
	case OPT_FAIL_OVER:
		st->fail_over = strtol(arg, &end, 10);
		if (end == arg || *end || st->fail_over < 0 ||
		    st->fail_over > 100000)
			cli_usage_error(c,
			    "--fail-over: '%s' is not a number "
			    "of days",
			    arg);
		break;
	}
	return 0;
}

/* --fail-over: each balance that trips it, on stderr at its invoice. */
static void
name_over(struct cli *c, const struct receivables_report *rep, long days)
{
	char buf[MONEY_BUFSIZE];
	struct ae_error err;
	size_t i;

	for (i = 0; i < rep->nover; i++) {
		const struct receivables_over *v = &rep->over[i];

		money_format(v->balance, v->digits, 1, buf, sizeof(buf));
		ae_error_clear(&err);
		ae_error_set(&err, AE_OK,
		    "invoice '%s': %s %s is %ld days "
		    "old, over --fail-over %ld",
		    v->invoice, v->currency, buf, v->days, days);
		ae_error_at(&err, v->source, v->line, 0);
		cli_warn(c, &err);
	}
}

static int
take_record(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct state *st = c->ctx;

	return receivables_add(st->rv, r, err);
}

static void
read_file(struct cli *c, const char *path, const char *type)
{
	struct state *st = c->ctx;

	receivables_begin_file(st->rv, type);
	cli_each_record_in(c, path, take_record);
}

static void
warn_unapplied(struct cli *c, const struct receivables_report *rep)
{
	struct ae_error err;
	size_t i;

	for (i = 0; i < rep->nunapplied; i++) {
		const struct receivables_unapplied *u = &rep->unapplied[i];

		ae_error_clear(&err);
		ae_error_set(&err, AE_OK,
		    u->why == RECV_UNKNOWN_INVOICE ?
			"warning: payment for unknown invoice '%s': unapplied "
			"cash" :
			"warning: payment for invoice '%s' issued after "
			"the as-of date: unapplied cash",
		    u->invoice);
		ae_error_at(&err, u->source, u->line, 0);
		cli_warn(c, &err);
	}
}

int
main(int argc, char **argv)
{
	struct state st = { .fail_over = -1 };
	struct receivables_report rep;
	struct ae_error err;
	int i;
	struct cli c = {
		.prog = "receivables",
		.synopsis =
		    "[--payments FILE] [--as-of DATE] [--buckets LIST] "
		    "[--basis due|issued] [--by client|ae|job|invoice] "
		    "[--totals] [--unapplied] [--fail-over DAYS] [--overdue] "
		    "[--ae NAME] "
		    "[-f text|csv|json|xlsx] "
		    "[FILE...]",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_KEEP_GOING | CLI_AS_OF | CLI_CURRENCY | CLI_EXCEL,
		.formats = "text,csv,json,xlsx",
		.opts = options,
		.on_opt = take_option,
		.ctx = &st,
	};

	cli_parse(&c, argc, argv);
	c.input.flat = 1; /* receivables reads values as text */
	st.o.as_of = c.as_of;
	st.o.currency = c.currency;
	st.o.all_names = cli_format_is(&c, "xlsx");
	st.o.fail_over = st.fail_over;
	st.o.fail_over_set = st.fail_over >= 0;
	st.rv = receivables_new(&st.o);
	for (i = 0; i < c.nfiles; i++)
		read_file(&c, c.files[i], NULL);
	for (i = 0; i < st.npayments; i++)
		read_file(&c, st.payments[i], "payment");

	ae_error_clear(&err);
	if (receivables_report(st.rv, &rep, cli_format_is(&c, "xlsx"), &err) !=
	    0)
		cli_die(&c, &err);
	warn_unapplied(&c, &rep);
	if (cli_format_is(&c, "xlsx")) {
		if (receivables_write_xlsx(&rep, cli_output_path(&c),
			c.currency, &err) != 0)
			cli_die(&c, &err);
	} else {
		receivables_write(&rep, table_format_named(c.format),
		    c.excel ? TABLE_EXCEL : 0, cli_output(&c));
	}
	if (st.fail_over >= 0 && receivables_over(&rep, st.fail_over)) {
		name_over(&c, &rep, st.fail_over);
		cli_set_status(&c, AE_VIOLATION);
	}
	receivables_report_release(&rep);
	receivables_free(st.rv);
	free(st.payments);
	return cli_finish(&c);
}
