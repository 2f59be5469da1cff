/*
 * research — the research summary (调查总结) in the handbook's six parts;
 * --check wants all six and fieldwork that ends after it starts.
 */
#include <stdio.h>

#include "cli.h"
#include "document.h"
#include "research.h"
#include "schema.h"

struct research_cmd {
	int count;
};

static int
check_one(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct research_cmd *st = c->ctx;
	struct finding_sink fs;
	json_t *o;

	st->count++;
	if (cli_schema_findings(c, r, "research") > 0)
		return 0;
	o = record_to_json(r);
	cli_findings(c, &fs);
	finding_sink_record(&fs, r);
	if (research_check(o, &fs, err) < 0) {
		json_decref(o);
		ae_error_at(err, r->source, r->line, 0);
		return -1;
	}
	json_decref(o);
	return 0;
}

static int
document_one(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct research_cmd *st = c->ctx;
	json_t *o, *ctx;

	if (schema_require(r, "research", c->currency, err) < 0)
		return -1;
	o = record_to_json(r);
	ctx = research_context(o, err);
	json_decref(o);
	if (ctx == NULL) {
		ae_error_at(err, r->source, r->line, 0);
		return -1;
	}
	if (cli_format_is(c, "json")) {
		doc_json(cli_output(c), ctx);
	} else {
		doc_render(c, "research", ctx);
	}
	json_decref(ctx);
	st->count++;
	return 0;
}

int
main(int argc, char **argv)
{
	struct research_cmd st = { 0 };
	struct cli c = {
		.prog = "research",
		.synopsis = "[-f md|text|html|json] [--check] [--lang zh|en] "
			    "[--template FILE] [FILE...]",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_CHECK | CLI_KEEP_GOING | CLI_TEMPLATE,
		.formats = "md,text,html,json",
		.ctx = &st,
	};

	cli_parse(&c, argc, argv);
	doc_dump_template(&c, "research");
	if (c.check) {
		c.bad_is_violation = 1;
		cli_each_record(&c, check_one);
	} else {
		cli_each_record(&c, document_one);
	}
	if (st.count == 0 && c.status == 0)
		cli_no_record(&c, NULL, "research");
	return cli_finish(&c);
}
