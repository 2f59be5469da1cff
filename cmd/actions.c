/*
 * actions — the follow-up file: open and overdue actions as of a day,
 * reminders to each owner, and the stream written back with items done.
 */
#include <errno.h>
#include <stdlib.h>

#include "actions.h"
#include "cli.h"
#include "document.h"
#include "i18n.h"
#include "jsontext.h"
#include "strbuf.h"
#include "writer.h"

enum {
	OPT_OWNER = 256,
	OPT_CLIENT,
	OPT_OVERDUE,
	OPT_DUE_WITHIN,
	OPT_STATUS,
	OPT_DONE,
	OPT_REMIND,
	OPT_FROM,
	OPT_STAFF
};

static const struct cli_opt options[] = { { "owner", OPT_OWNER, "NAME",
					      "only actions of this owner" },
	{ "client", OPT_CLIENT, "NAME", "only actions for this client" },
	{ "overdue", OPT_OVERDUE, NULL,
	    "only open actions past their due date" },
	{ "due-within", OPT_DUE_WITHIN, "DAYS",
	    "only actions due within DAYS days (overdue ones too)" },
	{ "status", OPT_STATUS, "S",
	    "open (default), done, dropped or all; a comma list" },
	{ "done", OPT_DONE, "ID,...",
	    "write the stream back with these actions done on the as-of date" },
	{ "remind", OPT_REMIND, NULL,
	    "write one reminder memo per owner (-f text or md)" },
	{ "from", OPT_FROM, "NAME", "who signs the reminders" },
	{ "staff", OPT_STAFF, "FILE",
	    "the agency's people (staff records): reminders to anyone else "
	    "leave out our ids and sensitive items" },
	{ 0 } };

struct actions_run {
	struct action_filter filter;
	struct action_list list;
	int remind;
	const char *from;
	const char *staff_file;
	json_t *staff; /* person → true */
	json_t *seen;  /* id → line, for --check */
	struct action_done done;
};

static long
take_days(struct cli *c, const char *arg)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (end == arg || *end || errno || n < 0 || n > 36500)
		cli_usage_error(c,
		    "--due-within: '%s' is not a number of days "
		    "(0 to 36500)",
		    arg);
	return n;
}

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct actions_run *st = c->ctx;

	switch (key) {
	case OPT_OWNER:
		st->filter.owner = arg;
		break;
	case OPT_CLIENT:
		st->filter.client = arg;
		break;
	case OPT_OVERDUE:
		st->filter.overdue = 1;
		break;
	case OPT_DUE_WITHIN:
		st->filter.due_within = take_days(c, arg);
		break;
	case OPT_STATUS:
		if ((st->filter.status = action_status_parse(arg)) == 0)
			cli_usage_error(c,
			    "--status: '%s' is not open, done, "
			    "dropped or all",
			    arg);
		break;
	case OPT_DONE:
		action_done_add(&st->done, arg);
		if (st->done.n == 0)
			cli_usage_error(c, "--done: no action id given");
		/* -o onto the input is the update in place, locked. */
		c->in_place = 1;
		break;
	case OPT_REMIND:
		st->remind = 1;
		break;
	case OPT_FROM:
		st->from = cli_memo_from(c, arg);
		break;
	case OPT_STAFF:
		st->staff_file = arg;
		break;
	}
	return 0;
}

static int
on_check(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct actions_run *st = c->ctx;
	struct finding_sink fs;
	struct action a;
	json_t *first;
	long late;

	if (action_read(r, &a, err) != 0)
		return -1;
	cli_findings(c, &fs);
	finding_sink_record(&fs, r);
	if ((late = action_overdue(&a, &st->filter)) > 0)
		action_report_overdue(&a, late, &fs);
	/* One id, one action: --done would close every copy. */
	if ((first = json_object_get(st->seen, a.id)) != NULL)
		finding_on(&fs, record_json(r, "id"), "duplicate",
		    _("id '%s' "
		      "is used twice (first on line %lld)"),
		    a.id, (long long)json_integer_value(first));
	else
		json_object_set_new(st->seen, a.id, json_integer(r->line));
	action_release(&a);
	return 0;
}

/* A staff record: its person is one of ours. */
static int
on_staff(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct actions_run *st = c->ctx;
	char buf[JSONTEXT_BUFSIZE];
	const char *p = record_value(r, "person", buf);

	if (p == NULL) {
		ae_error_set(err, AE_EDATA, "required field is missing");
		ae_error_at(err, r->source, r->line, 0);
		ae_error_field(err, "person");
		return -1;
	}
	json_object_set_new(st->staff, p, json_true());
	return 0;
}

static int
on_collect(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct actions_run *st = c->ctx;
	struct action a;

	if (action_read(r, &a, err) != 0)
		return -1;
	if (action_matches(&a, &st->filter))
		action_list_add(&st->list, &a);
	else
		action_release(&a);
	return 0;
}

static int
on_done(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct actions_run *st = c->ctx;

	return action_done_put(&st->done, cli_output(c), r, c->as_of, err);
}

static void
run_done(struct cli *c, struct actions_run *st)
{
	const char *id;

	/* Nothing may reach standard output before every id is found. */
	cli_output_path(c);
	cli_each_record(c, on_done);
	if ((id = action_done_missing(&st->done)) != NULL)
		cli_fatal(c, AE_EDATA,
		    "no action with id '%s'; nothing "
		    "written",
		    id);
	action_done_release(&st->done);
}

static void
run_remind(struct cli *c, struct actions_run *st)
{
	struct ae_error err;
	json_t *memos;

	ae_error_clear(&err);
	memos = action_reminders(&st->list, st->filter.as_of,
	    st->from ? st->from : _("Account Service"), cli_format_is(c, "md"),
	    st->staff, &err);
	if (memos == NULL)
		cli_die(c, &err);
	doc_render_memos(c, memos);
	json_decref(memos);
}

static void
run_list(struct cli *c, struct actions_run *st)
{
	struct ae_error err;
	struct rec_writer *w;

	action_list_sort(&st->list);
	if (cli_format_is(c, "text") || cli_format_is(c, "md")) {
		action_table(&st->list, st->filter.as_of,
		    st->filter.status != 0 && st->filter.status != ACTION_OPEN,
		    table_format_named(c->format), cli_output(c));
		return;
	}
	w = rec_writer_new(cli_output(c),
	    cli_format_is(c, "csv") ? RECORD_CSV : RECORD_JSON,
	    c->excel ? CSV_EXCEL : 0);
	ae_error_clear(&err);
	if (action_list_write(&st->list, w, &err) != 0) {
		rec_writer_free(w);
		cli_die(c, &err);
	}
	rec_writer_free(w);
}

/* The modes and formats that do not go together. */
static void
check_usage(struct cli *c, struct actions_run *st)
{
	if ((st->done.n > 0) + st->remind + c->check > 1)
		cli_usage_error(c,
		    "--done, --remind and --check do not go "
		    "together");
	if (st->remind && !cli_format_is(c, "text") && !cli_format_is(c, "md"))
		cli_usage_error(c, "--remind writes text or md");
	if ((c->check || st->done.n > 0) && cli_format_is(c, "md"))
		cli_usage_error(c, "-f md goes with a list or --remind");
	if (st->from && !st->remind)
		cli_usage_error(c, "--from goes with --remind");
	if (st->staff_file && !st->remind)
		cli_usage_error(c, "--staff goes with --remind");
	if (st->done.n > 0 && c->keep_going)
		cli_usage_error(c,
		    "--done writes every record: --keep-going "
		    "would drop some");
}

int
main(int argc, char **argv)
{
	struct actions_run st = { .filter = { .due_within = -1 } };
	struct cli c = {
		.prog = "actions",
		.synopsis =
		    "[--as-of DATE] [--owner NAME] [--client NAME] "
		    "[--overdue] [--due-within DAYS] [--status S] "
		    "[--done ID,... | --remind [--staff FILE] | --check] "
		    "[-f text|csv|json|md] [FILE...]",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_CHECK | CLI_KEEP_GOING | CLI_AS_OF | CLI_EXCEL,
		.formats = "text,csv,json,md",
		.opts = options,
		.on_opt = take_option,
		.ctx = &st,
	};

	cli_parse(&c, argc, argv);
	st.filter.as_of = c.as_of;
	check_usage(&c, &st);
	st.seen = json_object();
	if (st.staff_file) {
		st.staff = json_object();
		cli_each_record_in(&c, st.staff_file, on_staff);
	}
	if (st.done.n > 0) {
		run_done(&c, &st);
	} else if (c.check) {
		cli_each_record(&c, on_check);
	} else {
		cli_each_record(&c, on_collect);
		if (st.remind)
			run_remind(&c, &st);
		else
			run_list(&c, &st);
	}
	action_list_release(&st.list);
	json_decref(st.seen);
	json_decref(st.staff);
	return cli_finish(&c);
}
