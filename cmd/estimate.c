/*
 * estimate — the production estimate (估价单, PE): totals, the document,
 * revisions compared, actual costs against it, and the rule that no work
 * starts before the client has signed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "document.h"
#include "estimate.h"
#include "estimate_report.h"
#include "i18n.h"
#include "jsontext.h"
#include "strbuf.h"

enum {
	OPT_RATES = 'r',
	OPT_COMPARE = 300,
	OPT_ACTUAL,
	OPT_TOLERANCE,
	OPT_TIME
};

static const struct cli_opt options[] = {
	{ "rates", OPT_RATES, "FILE",
	    "rate card (code,description,unit,rate) for lines priced by code" },
	{ "compare", OPT_COMPARE, NULL,
	    "compare two revisions: estimate --compare OLD NEW" },
	{ "actual", OPT_ACTUAL, "FILE",
	    "compare with actual cost records (job, code or item, amount)" },
	{ "tolerance", OPT_TOLERANCE, "PCT",
	    "with --actual, flag overruns beyond PCT percent (default 10)" },
	{ "time", OPT_TIME, "FILE",
	    "with --check, time records: no hours before the sign-off" },
	{ 0 }
};

struct estimate_cmd {
	const char *rates_path;
	struct rate_card rates;
	int compare;
	const char *actual;
	struct decimal tolerance;
	const char *time;
	int count;
	struct cli *c;
	const char *source;
	long line;
	json_t **checked; /* with --time: the revisions checked */
	size_t nchecked;
};

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct estimate_cmd *st = c->ctx;
	struct ae_error err;

	ae_error_clear(&err);
	switch (key) {
	case OPT_RATES:
		st->rates_path = arg;
		break;
	case OPT_COMPARE:
		st->compare = 1;
		break;
	case OPT_ACTUAL:
		st->actual = arg;
		break;
	case OPT_TIME:
		st->time = arg;
		break;
	case OPT_TOLERANCE:
		if (decimal_parse(arg, &st->tolerance, &err) != 0 ||
		    st->tolerance.coef < 0)
			cli_usage_error(c,
			    "--tolerance: '%s' is not a "
			    "percentage",
			    arg);
		break;
	}
	return 0;
}

/*
 * The record as a computed estimate; NULL with ERR on bad data, which
 * the record loop reports at the line of the field it names.
 */
static json_t *
load(struct cli *c, const struct record *r, struct estimate_totals *t,
    struct ae_error *err)
{
	struct estimate_cmd *st = c->ctx;
	json_t *est = record_to_json(r);

	if (estimate_compute(est, st->rates_path ? &st->rates : NULL,
		c->currency, t, err) != 0) {
		json_decref(est);
		return NULL;
	}
	return est;
}

static int
check_one(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct estimate_cmd *st = c->ctx;
	struct estimate_totals t;
	json_t *est = load(c, r, &t, err), *job;
	char buf[JSONTEXT_BUFSIZE];
	struct finding_sink fs;
	const char *s;

	if (est == NULL)
		return -1;
	estimate_totals_release(&t);
	st->source = r->source;
	st->line = r->line;
	cli_findings(c, &fs);
	finding_sink_record(&fs, r);
	if (estimate_check(est, c->as_of, &fs, err) < 0) {
		json_decref(est);
		ae_error_at(err, r->source, r->line, 0);
		cli_die(c, err);
	}
	if (st->time == NULL) {
		json_decref(est);
		return 0;
	}
	job = json_object_get(est, "job");
	if (job == NULL || (s = json_scalar_text(job, buf)) == NULL ||
	    *s == '\0') {
		json_decref(est);
		ae_error_set(err, AE_EDATA,
		    "estimate has no job, so --time "
		    "cannot tell its hours");
		ae_error_field(err, "job");
		ae_error_at(err, r->source, r->line, 0);
		cli_die(c, err);
	}
	st->checked =
	    xrealloc(st->checked, (st->nchecked + 1) * sizeof(*st->checked));
	st->checked[st->nchecked++] = est;
	return 0;
}

/* The hours of --time against every revision checked. */
static void
check_time(struct cli *c, struct estimate_cmd *st)
{
	struct finding_sink fs;
	struct ae_error err;
	size_t i;

	ae_error_clear(&err);
	cli_findings(c, &fs);
	if (st->nchecked > 0 &&
	    estimate_check_time(st->checked, st->nchecked, c->as_of, st->time,
		&c->input, &fs, &err) < 0)
		cli_die(c, &err);
	for (i = 0; i < st->nchecked; i++)
		json_decref(st->checked[i]);
	free(st->checked);
}

static int
document_one(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct estimate_cmd *st = c->ctx;
	struct estimate_totals t;
	json_t *est = load(c, r, &t, err), *ctx;

	if (est == NULL)
		return -1;
	if (cli_format_is(c, "json")) {
		doc_json(cli_output(c), est);
	} else if (cli_format_is(c, "xlsx")) {
		if (st->count > 0)
			cli_fatal(c, AE_EUSAGE,
			    "-f xlsx writes one estimate; "
			    "%s has more",
			    r->source);
		if (estimate_write_xlsx(cli_output_path(c), est, &t,
			strcmp(i18n_lang(), "zh") == 0, err) != 0)
			cli_die(c, err);
	} else {
		ctx = estimate_context(est, &t, strcmp(i18n_lang(), "zh") == 0);
		if (cli_format_is(c, "text"))
			estimate_text_tables(ctx);
		doc_render(c, "estimate", ctx);
		json_decref(ctx);
	}
	st->count++;
	json_decref(est);
	estimate_totals_release(&t);
	return 0;
}

static int
actual_one(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct estimate_cmd *st = c->ctx;
	struct estimate_totals t;
	json_t *est = load(c, r, &t, err), *rows;
	long overruns;

	if (est == NULL)
		return -1;
	rows = estimate_actual(est, &t, st->actual, &c->input, st->tolerance,
	    &overruns, err);
	if (rows == NULL)
		cli_die(c, err);
	estimate_print_report(cli_output(c), table_format_named(c->format),
	    c->excel ? TABLE_EXCEL : 0, ESTIMATE_ACTUAL, rows, t.digits);
	if (overruns > 0)
		cli_set_status(c, AE_VIOLATION);
	json_decref(rows);
	json_decref(est);
	estimate_totals_release(&t);
	return 0;
}

/* The one estimate of a --compare file. */
static json_t *compared;
static struct estimate_totals compared_totals;

static int
take_compared(struct cli *c, const struct record *r, struct ae_error *err)
{
	if (compared != NULL) {
		ae_error_set(err, AE_EDATA,
		    "--compare takes one estimate per "
		    "file");
		ae_error_at(err, r->source, r->line, 0);
		cli_die(c, err);
	}
	compared = load(c, r, &compared_totals, err);
	return compared == NULL ? -1 : 0;
}

static void
compare(struct cli *c)
{
	struct estimate_totals old_t;
	struct ae_error err;
	json_t *old, *rows;

	ae_error_clear(&err);
	cli_each_record_in(c, c->files[0], take_compared);
	if ((old = compared) == NULL)
		cli_no_record(c, c->files[0], "estimate");
	old_t = compared_totals;
	compared = NULL;
	cli_each_record_in(c, c->files[1], take_compared);
	if (compared == NULL)
		cli_no_record(c, c->files[1], "estimate");
	if ((rows = estimate_compare(old, &old_t, compared, &compared_totals,
		 &err)) == NULL) {
		ae_error_at(&err, c->files[1], 0, 0);
		cli_die(c, &err);
	}
	estimate_print_report(cli_output(c), table_format_named(c->format),
	    c->excel ? TABLE_EXCEL : 0, ESTIMATE_COMPARE, rows, old_t.digits);
	json_decref(rows);
	json_decref(old);
	json_decref(compared);
	estimate_totals_release(&old_t);
	estimate_totals_release(&compared_totals);
}

int
main(int argc, char **argv)
{
	struct estimate_cmd st = { .rates = RATE_CARD_INIT,
		.tolerance = { 10, 0 } };
	struct ae_error err;
	struct cli c = {
		.prog = "estimate",
		.synopsis =
		    "[-f md|text|html|json|xlsx|csv] [--rates FILE] "
		    "[--check [--time FILE]] [--actual FILE [--tolerance PCT]] "
		    "[--compare OLD NEW] [FILE...]",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_CHECK | CLI_AS_OF | CLI_CURRENCY | CLI_TEMPLATE |
		    CLI_EXCEL,
		.formats = "md,text,html,json,xlsx,csv",
		.opts = options,
		.on_opt = take_option,
		.ctx = &st,
	};
	int report = 0;

	st.c = &c;
	cli_parse(&c, argc, argv);
	doc_dump_template(&c, "estimate");
	if (st.compare + (st.actual != NULL) + c.check > 1)
		cli_usage_error(&c,
		    "--compare, --actual and --check go "
		    "one at a time");
	if (st.time && !c.check)
		cli_usage_error(&c, "--time goes with --check");
	report = st.compare || st.actual;
	if (report && (cli_format_is(&c, "html") || cli_format_is(&c, "xlsx")))
		cli_usage_error(&c, "--%s writes md, text, csv or json",
		    st.compare ? "compare" : "actual");
	if (!report && !c.check && cli_format_is(&c, "csv"))
		cli_usage_error(&c, "-f csv goes with --compare or --actual");
	if (st.compare && (c.nfiles != 2 || strcmp(c.files[0], "-") == 0))
		cli_usage_error(&c, "--compare needs two files, OLD and NEW");
	ae_error_clear(&err);
	if (st.rates_path &&
	    rate_card_load(&st.rates, st.rates_path, &c.input, c.currency,
		&err) != 0)
		cli_die(&c, &err);
	if (st.compare)
		compare(&c);
	else if (c.check) {
		cli_each_record(&c, check_one);
		if (st.time)
			check_time(&c, &st);
	} else if (st.actual)
		cli_each_record(&c, actual_one);
	else
		cli_each_record(&c, document_one);
	if (!c.check && !report && st.count == 0)
		cli_no_record(&c, NULL, "estimate");
	rate_card_release(&st.rates);
	return cli_finish(&c);
}
