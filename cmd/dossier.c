/*
 * dossier — the client's brand file (品牌档案/实情手册): every record of
 * one client, from folders of mixed records, in the handbook's fourteen
 * sections; --check keeps it complete and current.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "document.h"
#include "dossier.h"

enum {
	OPT_CLIENT = 256,
	OPT_CLIENT_COPY,
	OPT_STALE
};

static const struct cli_opt options[] = { { "client", OPT_CLIENT, "NAME",
					      "the client whose file to write "
					      "(required)" },
	{ "client-copy", OPT_CLIENT_COPY, NULL,
	    "leave out every sensitive item" },
	{ "stale", OPT_STALE, "DAYS",
	    "--check: a section with no record "
	    "newer than DAYS is stale (default 180)" },
	{ 0 } };

struct dossier_cmd {
	struct cli *c;
	struct dossier_options o;
	struct dossier *d;
};

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct dossier_cmd *st = c->ctx;
	char *end;
	long v;

	switch (key) {
	case OPT_CLIENT:
		if (arg[0] == '\0')
			cli_usage_error(c, "--client wants a name");
		st->o.client = arg;
		return 0;
	case OPT_CLIENT_COPY:
		st->o.client_copy = 1;
		return 0;
	case OPT_STALE:
		v = strtol(arg, &end, 10);
		if (end == arg || *end != '\0' || v < 1 || v > 100000)
			cli_usage_error(c,
			    "--stale wants a number of days "
			    "from 1 to 100000, not '%s'",
			    arg);
		st->o.stale_days = v;
		return 0;
	}
	return -1;
}

static int
take_record(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct dossier_cmd *st = c->ctx;

	return dossier_add(st->d, r, err) < 0 ? -1 : 0;
}

static void
read_inputs(struct dossier_cmd *st)
{
	struct cli *c = st->c;
	struct ae_error err;
	char **files;
	size_t n, i;

	ae_error_clear(&err);
	if ((files = dossier_files(c->files, c->nfiles, &n, &err)) == NULL)
		cli_die(c, &err);
	for (i = 0; i < n; i++) {
		dossier_begin_file(st->d);
		cli_each_record_in(c, files[i], take_record);
		free(files[i]);
	}
	free(files);
}

int
main(int argc, char **argv)
{
	struct dossier_cmd st = { 0 };
	struct ae_error err;
	json_t *ctx;
	struct cli c = {
		.prog = "dossier",
		.synopsis = "--client NAME [--as-of DATE] [--client-copy] "
			    "[--check] [--stale DAYS] [-f md|html|text|json] "
			    "[DIR|FILE...]",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_CHECK | CLI_KEEP_GOING | CLI_AS_OF | CLI_CURRENCY |
		    CLI_TEMPLATE,
		.formats = "md,html,text,json",
		.opts = options,
		.on_opt = take_option,
		.ctx = &st,
	};

	st.c = &c;
	cli_parse(&c, argc, argv);
	doc_dump_template(&c, "dossier");
	if (st.o.client == NULL)
		cli_usage_error(&c, "--client NAME is required");
	st.o.as_of = c.as_of;
	st.o.currency = c.currency;
	st.d = dossier_new(&st.o);
	read_inputs(&st);
	ae_error_clear(&err);
	if (c.check) {
		struct finding_sink fs;
		cli_findings(&c, &fs);
		if (dossier_check(st.d, &fs, &err) < 0)
			cli_die(&c, &err);
	} else {
		if ((ctx = dossier_context(st.d, cli_format_is(&c, "text"),
			 &err)) == NULL)
			cli_die(&c, &err);
		if (cli_format_is(&c, "json")) {
			doc_json(cli_output(&c), ctx);
		} else {
			doc_render(&c, "dossier", ctx);
		}
		json_decref(ctx);
	}
	dossier_free(st.d);
	return cli_finish(&c);
}
