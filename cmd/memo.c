/*
 * memo — a memo, fax cover or letter (备忘录/传真/信件) from a memo
 * record; --check applies the handbook's rules.
 */
#include <stdio.h>

#include "cli.h"
#include "document.h"
#include "memo.h"

struct memo_run {
	const char *source;
	long line;
	long records;
};

static int
on_record(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct memo_run *st = c->ctx;
	json_t *m = record_to_json(r), *ctx;

	st->source = r->source;
	st->line = r->line;
	st->records++;
	if ((ctx = memo_context(m, err)) != NULL) {
		if (c->check) {
			struct finding_sink fs;
			cli_findings(c, &fs);
			finding_sink_record(&fs, r);
			memo_check(m, &fs);
		} else
			doc_render(c, "memo", ctx);
		json_decref(ctx);
	}
	json_decref(m);
	return ctx ? 0 : -1;
}

int
main(int argc, char **argv)
{
	struct memo_run st = { 0 };
	struct cli c = {
		.prog = "memo",
		.synopsis = "[--check] [-f md|text|html] [--lang zh|en] "
			    "[--template FILE] [FILE...]",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_CHECK | CLI_TEMPLATE,
		.formats = "md,text,html",
		.ctx = &st,
	};

	cli_parse(&c, argc, argv);
	if (!c.check)
		doc_dump_template(&c, "memo");
	cli_each_record(&c, on_record);
	if (st.records == 0)
		cli_no_record(&c, NULL, "memo");
	return cli_finish(&c);
}
