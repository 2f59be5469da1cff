/*
 * minutes — the client contact report (客户会议报告) from a minutes
 * record; --actions writes its actions as records for the follow-up
 * file; --check applies the handbook's rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "document.h"
#include "i18n.h"
#include "minutes.h"
#include "table.h"
#include "writer.h"

enum {
	OPT_CLIENT_COPY = 256,
	OPT_ACTIONS,
	OPT_NO_HEADER,
	OPT_AGENCY,
	OPT_APPEND
};

static const struct cli_opt options[] = {
	{ "client-copy", OPT_CLIENT_COPY, NULL,
	    "leave out every item marked sensitive" },
	{ "actions", OPT_ACTIONS, NULL,
	    "write the actions as action records (csv or json)" },
	{ "no-header", OPT_NO_HEADER, NULL,
	    "with --actions -f csv, leave out the header line" },
	{ "append", OPT_APPEND, "FILE",
	    "with --actions, merge them into the follow-up file FILE by id" },
	{ "agency", OPT_AGENCY, "NAME",
	    "a name the agency goes by (repeatable; also AEKIT_AGENCY)" },
	{ 0 }
};

static const char *const action_columns[] = { "id", "what", "owner", "due",
	"status", "minutes", "client", "done_on", NULL };

struct minutes_run {
	struct minutes_options opt;
	int actions;
	const char *append;
	json_t *appended;
	int no_header;
	struct table *csv;	 /* --actions -f csv: the rows */
	struct rec_writer *json; /* --actions -f json: the records */
	struct when now;
	const char *source;
	long line;
	long records;
};

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct minutes_run *st = c->ctx;

	switch (key) {
	case OPT_CLIENT_COPY:
		st->opt.client_copy = 1;
		break;
	case OPT_ACTIONS:
		st->actions = 1;
		break;
	case OPT_NO_HEADER:
		st->no_header = 1;
		break;
	case OPT_APPEND:
		st->append = arg;
		break;
	case OPT_AGENCY:
		sides_add_agency(&st->opt.sides, arg);
		break;
	}
	return 0;
}

/*
 * The internal report's sensitive items must not reach client people on
 * its distribution: a note (not a finding; the exit status stays).
 */
static void
note_sensitive(struct cli *c, struct minutes_run *st, json_t *m)
{
	struct strbuf names = STRBUF_INIT;

	if (minutes_sensitive_note(m, &st->opt.sides, &names))
		fprintf(stderr, "%s: %s:%ld: note: %s%s%s\n", c->prog,
		    st->source, st->line,
		    _("the report has sensitive items "
		      "and client people on its distribution ("),
		    names.buf,
		    _("): send them the client copy (--client-copy)"));
	strbuf_release(&names);
}

/*
 * The actions as records: JSON Lines with every field they carry, or
 * the follow-up file's CSV columns, one table over all the reports.
 */
static void
put_actions(struct cli *c, struct minutes_run *st, json_t *list)
{
	struct ae_error err;
	json_t *a, *v;
	size_t i, k;

	ae_error_clear(&err);
	json_array_foreach(list, i, a)
	{
		if (st->json) {
			if (rec_writer_put_json(st->json, a, &err) != 0)
				cli_die(c, &err);
			continue;
		}
		table_row(st->csv);
		for (k = 0; action_columns[k]; k++) {
			v = json_object_get(a, action_columns[k]);
			table_cell(st->csv,
			    json_is_string(v) ? json_string_value(v) : "");
		}
	}
}

static void
open_actions(struct cli *c, struct minutes_run *st)
{
	size_t k;

	if (cli_format_is(c, "json")) {
		st->json = rec_writer_new(cli_output(c), RECORD_JSON, 0);
		return;
	}
	st->csv = table_new();
	for (k = 0; action_columns[k]; k++)
		table_column(st->csv, action_columns[k], TABLE_LEFT);
}

static void
close_actions(struct cli *c, struct minutes_run *st)
{
	if (st->csv)
		table_write(st->csv, TABLE_CSV,
		    (c->excel ? TABLE_EXCEL : 0) |
			(st->no_header ? TABLE_NO_HEADER : 0),
		    cli_output(c));
	table_free(st->csv);
	rec_writer_free(st->json);
}

static int
on_record(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct minutes_run *st = c->ctx;
	json_t *m = record_to_json(r), *out;

	st->source = r->source;
	st->line = r->line;
	st->records++;
	if (c->check) {
		if (minutes_validate(m, err) == 0) {
			struct finding_sink fs;
			cli_findings(c, &fs);
			finding_sink_record(&fs, r);
			minutes_check(m, &st->now, &fs);
			note_sensitive(c, st, m);
		}
	} else if (st->actions) {
		if (minutes_actions(m, st->opt.client_copy, &out, err) == 0) {
			if (st->append)
				json_array_extend(st->appended, out);
			else
				put_actions(c, st, out);
			json_decref(out);
		}
	} else if ((out = minutes_context(m, &st->opt, err)) != NULL) {
		if (cli_format_is(c, "json")) {
			doc_json(cli_output(c), out);
		} else {
			doc_render(c, "minutes", out);
		}
		json_decref(out);
	}
	json_decref(m);
	return ae_error_isset(err) ? -1 : 0;
}

/* The as-of time: now when it is today, else the start of the day. */
static void
as_of_time(struct cli *c, struct when *now)
{
	memset(now, 0, sizeof(*now));
	now->day = c->as_of;
	if (c->as_of == c->today) {
		now->has_time = 1;
		now->t.epoch = (int64_t)time(NULL);
		now->t.offset = datetime_local_offset(now->t.epoch);
		now->day = datetime_day(now->t);
	}
}

/* AEKIT_AGENCY's names, which the sides point into to the end. */
static char *agency_env;

int
main(int argc, char **argv)
{
	struct minutes_run st = { 0 };
	int rc;
	struct cli c = {
		.prog = "minutes",
		.synopsis =
		    "[--client-copy] [--check] [--actions [--no-header | --append FILE]] "
		    "[--agency NAME] "
		    "[-f md|text|html|json|csv] [FILE...]",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_CHECK | CLI_AS_OF | CLI_TEMPLATE | CLI_EXCEL,
		.formats = "md,text,html,json,csv",
		.opts = options,
		.on_opt = take_option,
		.ctx = &st,
	};

	cli_parse(&c, argc, argv);
	if (st.opt.sides.nagency == 0 && getenv("AEKIT_AGENCY")) {
		agency_env = xstrdup(getenv("AEKIT_AGENCY"));
		sides_add_env(&st.opt.sides, agency_env);
	}
	if (st.actions) {
		if (cli_format_is(&c, "md"))
			c.format = "csv";
		else if (!cli_format_is(&c, "csv") &&
		    !cli_format_is(&c, "json"))
			cli_usage_error(&c, "--actions writes csv or json");
		if (c.check)
			cli_usage_error(&c,
			    "--actions and --check do not go "
			    "together");
	} else if (cli_format_is(&c, "csv")) {
		cli_usage_error(&c, "-f csv goes with --actions");
	}
	if (st.append && !st.actions)
		cli_usage_error(&c, "--append goes with --actions");
	if (st.append && (c.output || st.no_header || c.excel))
		cli_usage_error(&c,
		    "--append writes FILE itself: no -o, "
		    "--no-header or --excel");
	if (st.no_header && !(st.actions && cli_format_is(&c, "csv")))
		cli_usage_error(&c, "--no-header goes with --actions -f csv");
	if (!st.actions && !c.check)
		doc_dump_template(&c, "minutes");
	st.opt.as_of = c.as_of;
	st.opt.text_table = cli_format_is(&c, "text");
	as_of_time(&c, &st.now);
	st.appended = json_array();
	if (st.actions && !st.append)
		open_actions(&c, &st);
	cli_each_record(&c, on_record);
	if (st.records == 0)
		cli_no_record(&c, NULL, "minutes");
	if (st.append) {
		struct ae_error err;
		ae_error_clear(&err);
		if (minutes_append(st.append, &c.input, st.appended,
			cli_format_is(&c, "json"), &err) < 0)
			cli_die(&c, &err);
	} else if (st.actions) {
		close_actions(&c, &st);
	}
	json_decref(st.appended);
	rc = cli_finish(&c);
	free(agency_env);
	return rc;
}
