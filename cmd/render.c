/*
 * render — render records through a Mustache template: each record in
 * turn, all of them at once (--all), or one JSON value (--context).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "render.h"

enum {
	OPT_ALL = 'a',
	OPT_CONTEXT = 256,
	OPT_PARTIALS,
	OPT_NO_ESCAPE
};

static const struct cli_opt options[] = {
	{ "all", OPT_ALL, NULL,
	    "render once with {\"records\": [...]} holding every record" },
	{ "context", OPT_CONTEXT, "FILE",
	    "render once with FILE's JSON value as the root context" },
	{ "partials", OPT_PARTIALS, "DIR",
	    "look for partials NAME.mustache in DIR first" },
	{ "no-escape", OPT_NO_ESCAPE, NULL,
	    "do not HTML-escape {{name}} (text, Markdown)" },
	{ 0 }
};

struct state {
	int all;
	const char *context;
	struct render_options ropts;
	struct render *r;
	struct strbuf out;
	json_t *records;
};

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct state *st = c->ctx;

	switch (key) {
	case OPT_ALL:
		st->all = 1;
		break;
	case OPT_CONTEXT:
		st->context = arg;
		break;
	case OPT_PARTIALS:
		st->ropts.partials_dir = arg;
		break;
	case OPT_NO_ESCAPE:
		st->ropts.no_escape = 1;
		break;
	}
	return 0;
}

static void
emit(struct cli *c, struct state *st, json_t *context)
{
	struct ae_error err;

	ae_error_clear(&err);
	strbuf_reset(&st->out);
	if (render_execute(st->r, context, &st->out, &err) != 0)
		cli_die(c, &err);
	/* An empty rendering has no buffer: fwrite(NULL, ...) is undefined. */
	if (st->out.len > 0 &&
	    fwrite(st->out.buf, 1, st->out.len, cli_output(c)) != st->out.len)
		cli_fatal(c, AE_EIO, "cannot write output");
}

static int
render_record(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct state *st = c->ctx;
	json_t *o = record_to_json(r);

	(void)err;
	if (st->all)
		json_array_append_new(st->records, o);
	else {
		emit(c, st, o);
		json_decref(o);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static char *stdin_only[] = { "-", NULL };
	struct state st = { 0 };
	struct ae_error err;
	struct cli c = {
		.prog = "render",
		.synopsis = "[--all | --context FILE] [--partials DIR] "
			    "[--no-escape] TEMPLATE [FILE...]",
		.common = CLI_OUTPUT | CLI_INPUT | CLI_KEEP_GOING,
		.opts = options,
		.on_opt = take_option,
		.ctx = &st,
	};
	const char *template;

	cli_parse(&c, argc, argv);
	if (argc - optind < 1)
		cli_usage_error(&c, "missing TEMPLATE");
	if (st.all && st.context)
		cli_usage_error(&c, "--all and --context exclude each other");
	if (st.context && argc - optind > 1)
		cli_usage_error(&c, "--context takes no input FILE");
	template = c.files[0];
	c.files++;
	if (--c.nfiles == 0) {
		c.files = stdin_only;
		c.nfiles = 1;
	}
	ae_error_clear(&err);
	if ((st.r = render_open(template, &st.ropts, &err)) == NULL)
		cli_die(&c, &err);
	if (st.context) {
		json_t *v = render_load_context(st.context, &err);
		if (v == NULL) {
			render_free(st.r);
			cli_die(&c, &err);
		}
		emit(&c, &st, v);
		json_decref(v);
	} else if (st.all) {
		json_t *root = json_object();
		st.records = json_array();
		cli_each_record(&c, render_record);
		json_object_set_new(root, "records", st.records);
		emit(&c, &st, root);
		json_decref(root);
	} else {
		cli_each_record(&c, render_record);
	}
	cli_output(&c);
	render_free(st.r);
	strbuf_release(&st.out);
	return cli_finish(&c);
}
