/*
 * brief — the brief document (creative, media or strategy), and with
 * --check the rules of its kind: required fields, sign-offs, lead time.
 */
#include <stdio.h>

#include "brief.h"
#include "cli.h"
#include "document.h"
#include "schema.h"

struct brief_cmd {
	int count;
};

static int
check_one(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct brief_cmd *st = c->ctx;
	struct finding_sink fs;

	cli_schema_findings(c, r, "brief");
	ae_error_clear(err);
	cli_findings(c, &fs);
	finding_sink_record(&fs, r);
	if (brief_check(r, c->as_of, &fs, err) < 0) {
		/* The schema check has reported the bad date already. */
		ae_error_clear(err);
	}
	st->count++;
	return 0;
}

static int
document_one(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct brief_cmd *st = c->ctx;
	json_t *ctx;

	if (schema_require(r, "brief", c->currency, err) < 0)
		return -1;
	if (cli_format_is(c, "json")) {
		ctx = record_to_json(r);
		doc_json(cli_output(c), ctx);
	} else {
		if ((ctx = brief_context(r, c->currency, c->as_of, err)) ==
		    NULL)
			return -1;
		doc_render(c, "brief", ctx);
	}
	json_decref(ctx);
	st->count++;
	return 0;
}

int
main(int argc, char **argv)
{
	struct brief_cmd st = { 0 };
	struct cli c = {
		.prog = "brief",
		.synopsis = "[-f md|text|html|json] [--check] [--as-of DATE] "
			    "[--template FILE] [FILE...]",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_CHECK | CLI_AS_OF | CLI_CURRENCY | CLI_TEMPLATE,
		.formats = "md,text,html,json",
		.ctx = &st,
	};

	cli_parse(&c, argc, argv);
	doc_dump_template(&c, "brief");
	if (c.check) {
		c.bad_is_violation = 1;
		cli_each_record(&c, check_one);
	} else {
		cli_each_record(&c, document_one);
	}
	if (st.count == 0 && c.status == 0)
		cli_no_record(&c, NULL, "brief");
	return cli_finish(&c);
}
