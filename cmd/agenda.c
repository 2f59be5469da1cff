/*
 * agenda — a meeting's agenda: items timed from the start, contentious
 * topics first, the pre-meeting checklist; as Markdown, text, JSON with
 * slots, or an iCalendar event; --check applies the handbook's rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agenda.h"
#include "cli.h"
#include "document.h"
#include "field.h"

enum {
	OPT_NOW = 256,
	OPT_KEEP_ORDER,
	OPT_AGENCY,
	OPT_FIELD /* --id … --sent: OPT_FIELD + index in fields[] */
};

/* Meeting fields that options give (CSV items) or override (JSON). */
static const struct field_opt {
	const char *name;
	const char *arg;
	const char *help;
	int list;
} fields[] = {
	{ "id", "ID", "the meeting's id (UID of the calendar event)", 0 },
	{ "title", "TEXT", "the meeting's title", 0 },
	{ "start", "DATETIME", "when it starts, e.g. 2026-11-03T10:00+08:00",
	    0 },
	{ "duration", "MINUTES", "how long it lasts", 0 },
	{ "end", "DATETIME", "when it ends (instead of --duration)", 0 },
	{ "client", "NAME", "the client", 0 },
	{ "location", "TEXT", "where", 0 },
	{ "chair", "NAME", "who chairs it (the event's organizer)", 0 },
	{ "attendees", "LIST", "who attends: 'Name <email>; Name; ...'", 1 },
	{ "previous", "LIST", "what the last meeting agreed: 'a; b; ...'", 1 },
	{ "materials", "LIST", "materials to bring beyond the checklist", 1 },
	{ "sent", "DATETIME", "when the agenda went out", 0 },
	{ "sent_to", "LIST", "who it went to: 'Name <email>; Name; ...'", 1 },
	{ "sequence", "N", "the revision of a re-sent agenda (0 first)", 0 },
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

struct state {
	json_t *fields;
	const char *agency[16];
	size_t nagency;
	int keep_order;
	const char *now_arg;
	struct datetime now;
	void *cal;
	struct cli *c;
};

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct state *st = c->ctx;
	const struct field_opt *f;
	json_t *v;

	if (key == OPT_NOW) {
		st->now_arg = arg;
		return 0;
	}
	if (key == OPT_KEEP_ORDER) {
		st->keep_order = 1;
		return 0;
	}
	if (key == OPT_AGENCY) {
		if (st->nagency == sizeof(st->agency) / sizeof(st->agency[0]))
			cli_usage_error(c, "--agency: at most %zu names",
			    st->nagency);
		st->agency[st->nagency++] = arg;
		return 0;
	}
	if (key < OPT_FIELD || key >= OPT_FIELD + (int)NFIELDS)
		return -1;
	f = &fields[key - OPT_FIELD];
	if ((v = json_string(arg)) == NULL)
		cli_usage_error(c, "--%s: the value is not valid UTF-8",
		    f->name);
	if (f->list) {
		/* "a; b" makes a list, as a CSV cell does (SPEC §1). */
		struct record r = { 0 };
		r.object = json_object();
		json_object_set_new(r.object, f->name, v);
		v = field_list(&r, f->name);
		json_decref(r.object);
	}
	json_object_set_new(st->fields, f->name, v);
	return 0;
}

static int
on_meeting(struct agenda *a, void *ctx, struct ae_error *err)
{
	struct state *st = ctx;
	struct cli *c = st->c;
	json_t *j;
	int rc = 0;
	size_t i;

	for (i = 0; i < st->nagency; i++)
		sides_add_agency(&a->sides, st->agency[i]);
	if (st->keep_order)
		agenda_schedule(a, 1);
	if (c->check) {
		struct finding_sink fs;
		cli_findings(c, &fs);
		agenda_check(a, st->now, &fs);
		return 0;
	}
	if (cli_format_is(c, "json")) {
		j = agenda_to_json(a);
		doc_json(cli_output(c), j);
		json_decref(j);
		return 0;
	}
	j = agenda_context(a);
	if (cli_format_is(c, "ics")) {
		struct strbuf desc = STRBUF_INIT;
		doc_render_buf(c, "agenda", "text", j, &desc);
		if (st->cal == NULL)
			st->cal = agenda_ics_new();
		rc = agenda_ics_add(st->cal, a, st->now, desc.buf, err);
		strbuf_release(&desc);
	} else {
		doc_render(c, "agenda", j);
	}
	json_decref(j);
	return rc;
}

/* The moment "now": --now, else the start of the --as-of day. */
static void
find_now(struct cli *c, struct state *st)
{
	struct ae_error err;
	char buf[DATE_BUFSIZE + 8];

	ae_error_clear(&err);
	if (st->now_arg) {
		if (datetime_parse(st->now_arg, &st->now, &err) != 0)
			cli_usage_error(c, "--now: %s", err.text);
		return;
	}
	if (c->as_of == c->today) {
		st->now.epoch = (int64_t)time(NULL);
		st->now.offset = datetime_local_offset(st->now.epoch);
		return;
	}
	date_format(c->as_of, buf);
	strcat(buf, "T00:00");
	if (datetime_parse(buf, &st->now, &err) != 0)
		cli_usage_error(c, "--as-of: %s", err.text);
}

/* AEKIT_AGENCY's names, which the sides point into to the end. */
static char *agency_env;

int
main(int argc, char **argv)
{
	struct cli_opt opts[NFIELDS + 4];
	struct state st = { 0 };
	struct ae_error err;
	int rc;
	struct cli c = {
		.prog = "agenda",
		.synopsis =
		    "[-f md|text|json|ics] [--check] [--template FILE] "
		    "[--keep-order] [--agency NAME] "
		    "[--id ID --title TEXT --start DATETIME ...] [FILE...]",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_CHECK | CLI_AS_OF | CLI_TEMPLATE,
		.formats = "md,text,json,ics",
		.opts = opts,
		.on_opt = take_option,
		.ctx = &st,
	};
	size_t i;
	char *env;
	int k;

	for (i = 0; i < NFIELDS; i++)
		opts[i] =
		    (struct cli_opt){ strcmp(fields[i].name, "sent_to") == 0 ?
				"sent-to" :
				fields[i].name,
			    OPT_FIELD + (int)i, fields[i].arg, fields[i].help };
	opts[i++] = (struct cli_opt){ "now", OPT_NOW, "DATETIME",
		"the moment --check and DTSTAMP take as now (default: the "
		"start of the --as-of day)" };
	opts[i++] = (struct cli_opt){ "keep-order", OPT_KEEP_ORDER, NULL,
		"keep every item where it is written" };
	opts[i++] = (struct cli_opt){ "agency", OPT_AGENCY, "NAME",
		"a name the agency goes by, for telling the sides (repeatable; "
		"also AEKIT_AGENCY)" };
	opts[i] = (struct cli_opt){ 0 };
	st.fields = json_object();
	st.c = &c;
	cli_parse(&c, argc, argv);
	if (st.nagency == 0 && (env = getenv("AEKIT_AGENCY")) != NULL) {
		struct sides sd = { 0 };
		agency_env = xstrdup(env);
		sides_add_env(&sd, agency_env);
		for (i = 0; i < sd.nagency; i++)
			st.agency[st.nagency++] = sd.agency[i];
	}
	doc_dump_template(&c, "agenda");
	if (c.template_path && cli_format_is(&c, "json"))
		cli_usage_error(&c, "--template goes with -f md, text or ics");
	find_now(&c, &st);
	for (k = 0; k < c.nfiles; k++) {
		ae_error_clear(&err);
		if (agenda_read(c.files[k], &c.input, st.fields, on_meeting,
			&st, &err) != 0)
			cli_die(&c, &err);
	}
	if (st.cal) {
		struct strbuf out = STRBUF_INIT;
		agenda_ics_finish(st.cal, &out);
		if (out.len > 0)
			fwrite(out.buf, 1, out.len, cli_output(&c));
		strbuf_release(&out);
	}
	cli_output(&c);
	json_decref(st.fields);
	rc = cli_finish(&c);
	free(agency_env);
	return rc;
}
