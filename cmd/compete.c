/*
 * compete — the competitor review (竞争者的情况评议): the handbook's seven
 * points with the brands side by side, then each brand's spend and share
 * of spend per currency.  --check wants all seven points for every brand.
 */
#include <stdio.h>

#include "cli.h"
#include "compete.h"
#include "document.h"
#include "schema.h"

enum {
	OPT_CLIENT = 256
};

static const struct cli_opt options[] = {
	{ "client", OPT_CLIENT, "NAME", "only the competitors of client NAME" },
	{ 0 }
};

struct compete_cmd {
	struct cli *c;
	const char *client;
	struct compete *cp;
	long nread;
};

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct compete_cmd *st = c->ctx;

	if (key != OPT_CLIENT)
		return -1;
	st->client = arg;
	return 0;
}

static int
take_record(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct compete_cmd *st = c->ctx;

	st->nread++;
	if (schema_require(r, "competitor", c->currency, err) < 0)
		return -1;
	return compete_add(st->cp, r, c->currency, err) < 0 ? -1 : 0;
}

static void
write_review(struct compete_cmd *st)
{
	struct cli *c = st->c;
	struct ae_error err;
	json_t *ctx;

	ae_error_clear(&err);
	if (cli_format_is(c, "csv") || cli_format_is(c, "json")) {
		if (compete_write_rows(st->cp, cli_output(c),
			cli_format_is(c, "json"), c->excel ? 1 : 0, &err) < 0)
			cli_die(c, &err);
		return;
	}
	if ((ctx = compete_context(st->cp, cli_format_is(c, "text"), &err)) ==
	    NULL)
		cli_die(c, &err);
	doc_render(c, "compete", ctx);
	json_decref(ctx);
}

int
main(int argc, char **argv)
{
	struct compete_cmd st = { 0 };
	struct cli c = {
		.prog = "compete",
		.synopsis =
		    "[--client NAME] [-f md|text|html|csv|json] "
		    "[--check] [--lang zh|en] [--template FILE] [FILE...]",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_CHECK | CLI_KEEP_GOING | CLI_CURRENCY | CLI_EXCEL |
		    CLI_TEMPLATE,
		.formats = "md,text,html,csv,json",
		.opts = options,
		.on_opt = take_option,
		.ctx = &st,
	};

	st.c = &c;
	cli_parse(&c, argc, argv);
	doc_dump_template(&c, "compete");
	st.cp = compete_new(st.client);
	c.bad_is_violation = c.check;
	cli_each_record(&c, take_record);
	if (st.nread == 0 && c.status == 0)
		cli_no_record(&c, NULL, "competitor");
	if (c.check) {
		struct finding_sink fs;
		cli_findings(&c, &fs);
		compete_check(st.cp, &fs);
	} else
		write_review(&st);
	compete_free(st.cp);
	return cli_finish(&c);
}
