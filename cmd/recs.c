/*
 * recs — convert records between CSV and JSON Lines; with --check,
 * validate every record against the fields of its type.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "schema.h"
#include "writer.h"

enum {
	OPT_TYPE = 't'
};

static const struct cli_opt options[] = {
	{ "type", OPT_TYPE, "TYPE",
	    "type of records that have no 'type' field" },
	{ 0 }
};

struct recs {
	const char *type;
	struct rec_writer *w;
	struct schema_checker *checker;
	const struct record *r; /* the record being checked */
};

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct recs *st = c->ctx;

	if (key == OPT_TYPE) {
		if (!record_type_known(arg))
			cli_usage_error(c, "unknown record type '%s'", arg);
		st->type = arg;
	}
	return 0;
}

static void
report_problem(const char *rule, const struct ae_error *err, void *ctx)
{
	struct cli *c = ctx;
	struct recs *st = c->ctx;

	/* Bad data is what a tool refuses (65); the rest are findings (1). */
	if (schema_bad_data(rule))
		cli_set_status(c, AE_EDATA);
	cli_problem(c, st->r, rule, err);
}

static int
check_record(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct recs *st = c->ctx;
	int rc;

	/* Problems found while R is read are at its fields' lines. */
	st->r = r;
	rc = schema_checker_add(st->checker, r, err);
	st->r = NULL;
	return rc < 0 ? -1 : 0;
}

static int
convert_record(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct recs *st = c->ctx;

	if (st->w == NULL)
		st->w = rec_writer_new(cli_output(c),
		    cli_format_is(c, "csv") ? RECORD_CSV : RECORD_JSON,
		    c->excel ? CSV_EXCEL : 0);
	return rec_writer_put(st->w, r, err);
}

int
main(int argc, char **argv)
{
	struct recs st = { 0 };
	struct ae_error err;
	struct cli c = {
		.prog = "recs",
		.synopsis = "[-f json|csv] [--check] [--type TYPE] [FILE...]",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_CHECK | CLI_KEEP_GOING | CLI_CURRENCY | CLI_EXCEL,
		.formats = "json,csv",
		.opts = options,
		.on_opt = take_option,
		.ctx = &st,
	};

	cli_parse(&c, argc, argv);
	if (c.check) {
		/* Checking reports every problem, so bad syntax too. */
		c.bad_is_violation = 1;
		st.checker =
		    schema_checker_new(st.type, c.currency, report_problem, &c);
		if (st.checker == NULL)
			cli_fatal(&c, AE_EINTERNAL, "out of memory");
		cli_each_record(&c, check_record);
		ae_error_clear(&err);
		if (schema_checker_finish(st.checker, &err) < 0)
			cli_die(&c, &err);
		schema_checker_free(st.checker);
		return cli_finish(&c);
	}
	/* Writing CSV reads JSON Lines rows as text, with no json_t. */
	c.input.flat = cli_format_is(&c, "csv");
	cli_each_record(&c, convert_record);
	if (st.w == NULL)
		cli_output(&c);
	rec_writer_free(st.w);
	return cli_finish(&c);
}
