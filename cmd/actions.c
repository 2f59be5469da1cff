/*
 * actions — the follow-up file: open and overdue actions as of a day,
 * reminders to each owner, and the stream written back with items done.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "cli.h"
#include "date.h"
#include "document.h"
#include "i18n.h"
#include "memo.h"
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
	OPT_FROM
};

static const struct cli_opt options[] = {
	{ "owner", OPT_OWNER, "NAME", "only actions of this owner" },
	{ "client", OPT_CLIENT, "NAME", "only actions for this client" },
	{ "overdue", OPT_OVERDUE, NULL, "only open actions past their due date" },
	{ "due-within", OPT_DUE_WITHIN, "DAYS",
	    "only actions due within DAYS days (overdue ones too)" },
	{ "status", OPT_STATUS, "S",
	    "open (default), done, dropped or all; a comma list" },
	{ "done", OPT_DONE, "ID,...",
	    "write the stream back with these actions done on the as-of date" },
	{ "remind", OPT_REMIND, NULL,
	    "write one reminder memo per owner (-f text or md)" },
	{ "from", OPT_FROM, "NAME", "who signs the reminders" },
	{ 0 }
};

struct actions_run {
	struct action_filter filter;
	struct action_list list;
	int remind;
	const char *from;
	char **done_ids;
	int *done_found;
	size_t ndone;
	struct rec_writer *w;
	int input_csv;
};

static int
take_status(struct actions_run *st, const char *arg)
{
	char *copy = xstrdup(arg), *p, *save = NULL;
	int ok = 1;

	st->filter.status = 0;
	for (p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",",
	    &save)) {
		if (strcmp(p, "open") == 0)
			st->filter.status |= ACTION_OPEN;
		else if (strcmp(p, "done") == 0)
			st->filter.status |= ACTION_DONE;
		else if (strcmp(p, "dropped") == 0)
			st->filter.status |= ACTION_DROPPED;
		else if (strcmp(p, "all") == 0)
			st->filter.status |= ACTION_ANY;
		else
			ok = 0;
	}
	free(copy);
	return ok && st->filter.status ? 0 : -1;
}

static void
take_done(struct actions_run *st, const char *arg)
{
	const char *p = arg, *end;
	size_t n;

	while (*p) {
		end = strchr(p, ',');
		n = end ? (size_t)(end - p) : strlen(p);
		while (n > 0 && *p == ' ') {
			p++;
			n--;
		}
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n > 0) {
			st->done_ids = xrealloc(st->done_ids, (st->ndone + 1) *
			    sizeof(*st->done_ids));
			st->done_ids[st->ndone++] = xstrndup(p, n);
		}
		if (end == NULL)
			break;
		p = end + 1;
	}
}

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct actions_run *st = c->ctx;
	char *end;
	long n;

	switch (key) {
	case OPT_OWNER: st->filter.owner = arg; break;
	case OPT_CLIENT: st->filter.client = arg; break;
	case OPT_OVERDUE: st->filter.overdue = 1; break;
	case OPT_DUE_WITHIN:
		errno = 0;
		n = strtol(arg, &end, 10);
		if (end == arg || *end || errno || n < 0 || n > 36500)
			cli_usage_error(c, "--due-within: '%s' is not a number "
			    "of days (0 to 36500)", arg);
		st->filter.due_within = n;
		break;
	case OPT_STATUS:
		if (take_status(st, arg) != 0)
			cli_usage_error(c, "--status: '%s' is not open, done, "
			    "dropped or all", arg);
		break;
	case OPT_DONE:
		take_done(st, arg);
		if (st->ndone == 0)
			cli_usage_error(c, "--done: no action id given");
		break;
	case OPT_REMIND: st->remind = 1; break;
	case OPT_FROM: st->from = arg; break;
	}
	return 0;
}

static int
on_check(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct actions_run *st = c->ctx;
	struct action a;
	char day[DATE_BUFSIZE];

	if (action_read(r, &a, err) != 0)
		return -1;
	if (action_matches(&a, &st->filter) && a.status == ACTION_OPEN &&
	    a.due < st->filter.as_of) {
		date_format(a.due, day);
		long late = (long)(st->filter.as_of - a.due);
		cli_violation(c, r->source, r->line, "overdue", "action '%s' "
		    "'%s' (%s) was due %s, %ld day%s ago", a.id, a.what,
		    a.owner, day, late, late == 1 ? "" : "s");
	}
	action_release(&a);
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

/* The CSV header of the --done output: the input's, status and done_on. */
static void
done_header(struct actions_run *st, const struct record *r)
{
	size_t n = r->header->n, i, k = 0;
	const char **names = xcalloc(n + 3, sizeof(*names));
	int has_status = 0, has_done = 0;

	for (i = 0; i < n; i++) {
		names[k++] = r->header->names[i];
		has_status |= strcmp(r->header->names[i], "status") == 0;
		has_done |= strcmp(r->header->names[i], "done_on") == 0;
	}
	if (!has_status)
		names[k++] = "status";
	if (!has_done)
		names[k++] = "done_on";
	names[k] = NULL;
	rec_writer_set_header(st->w, names);
	free(names);
}

static int
on_done(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct actions_run *st = c->ctx;
	char buf[JSONTEXT_BUFSIZE];
	const char *id = record_value(r, "id", buf);
	json_t *o;
	size_t i;
	int hit = 0, rc;

	if (st->w == NULL) {
		st->input_csv = r->object == NULL;
		st->w = rec_writer_new(cli_output(c), st->input_csv ?
		    RECORD_CSV : RECORD_JSON, 0);
		if (st->input_csv)
			done_header(st, r);
	}
	for (i = 0; id && i < st->ndone; i++)
		if (strcmp(id, st->done_ids[i]) == 0)
			hit = st->done_found[i] = 1;
	if (!hit)
		return rec_writer_put(st->w, r, err);
	o = r->object ? json_deep_copy(r->object) : record_to_json(r);
	action_mark_done(o, c->as_of);
	rc = rec_writer_put_json(st->w, o, err);
	json_decref(o);
	return rc;
}

static void
run_done(struct cli *c, struct actions_run *st)
{
	size_t i;

	/* Nothing may reach standard output before every id is found. */
	cli_output_path(c);
	st->done_found = xcalloc(st->ndone, sizeof(int));
	cli_each_record(c, on_done);
	for (i = 0; i < st->ndone; i++)
		if (!st->done_found[i])
			cli_fatal(c, AE_EDATA, "no action with id '%s'; nothing "
			    "written", st->done_ids[i]);
	rec_writer_free(st->w);
	for (i = 0; i < st->ndone; i++)
		free(st->done_ids[i]);
	free(st->done_ids);
	free(st->done_found);
}

static int
by_owner(const void *pa, const void *pb)
{
	const struct action *const *a = pa, *const *b = pb;
	int d = strcmp((*a)->owner, (*b)->owner);

	if (d)
		return d;
	return (*a)->due != (*b)->due ? ((*a)->due < (*b)->due ? -1 : 1) :
	    ((*a)->seq > (*b)->seq) - ((*a)->seq < (*b)->seq);
}

static void
run_remind(struct cli *c, struct actions_run *st)
{
	struct action **v = xcalloc(st->list.n + 1, sizeof(*v));
	struct ae_error err;
	size_t i, j, n = 0;
	json_t *memo, *ctx;
	int md = cli_format_is(c, "md");

	for (i = 0; i < st->list.n; i++)
		if (st->list.v[i].status == ACTION_OPEN)
			v[n++] = &st->list.v[i];
	qsort(v, n, sizeof(*v), by_owner);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && strcmp(v[j]->owner, v[i]->owner) == 0;
		    j++)
			;
		if (i > 0)
			fputs(md ? "\n---\n\n" : "\f\n", cli_output(c));
		memo = action_reminder(v[i]->owner, v + i, j - i,
		    st->filter.as_of, st->from ? st->from :
		    _("Account Service"), md);
		ae_error_clear(&err);
		if ((ctx = memo_context(memo, &err)) == NULL)
			cli_die(c, &err);
		doc_render(c, "memo", ctx);
		json_decref(ctx);
		json_decref(memo);
	}
	free(v);
}

static void
run_list(struct cli *c, struct actions_run *st)
{
	struct ae_error err;
	struct rec_writer *w;
	size_t i;

	action_list_sort(&st->list);
	if (cli_format_is(c, "text")) {
		action_table(&st->list, st->filter.as_of,
		    st->filter.status != 0 && st->filter.status != ACTION_OPEN,
		    cli_output(c));
		return;
	}
	w = rec_writer_new(cli_output(c), cli_format_is(c, "csv") ?
	    RECORD_CSV : RECORD_JSON, c->excel ? CSV_EXCEL : 0);
	for (i = 0; i < st->list.n; i++) {
		ae_error_clear(&err);
		if (rec_writer_put_json(w, st->list.v[i].record, &err) != 0) {
			ae_error_at(&err, st->list.v[i].source,
			    st->list.v[i].line, 0);
			rec_writer_free(w);
			cli_die(c, &err);
		}
	}
	rec_writer_free(w);
}

int
main(int argc, char **argv)
{
	struct actions_run st = { .filter = { .due_within = -1 } };
	struct cli c = {
		.prog = "actions",
		.synopsis = "[--as-of DATE] [--owner NAME] [--client NAME] "
		    "[--overdue] [--due-within DAYS] [--status S] "
		    "[--done ID,... | --remind | --check] "
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
	if ((st.ndone > 0) + st.remind + c.check > 1)
		cli_usage_error(&c, "--done, --remind and --check do not go "
		    "together");
	if (st.remind && !cli_format_is(&c, "text") &&
	    !cli_format_is(&c, "md"))
		cli_usage_error(&c, "--remind writes text or md");
	if (!st.remind && cli_format_is(&c, "md"))
		cli_usage_error(&c, "-f md goes with --remind");
	if (st.from && !st.remind)
		cli_usage_error(&c, "--from goes with --remind");
	if (st.ndone > 0) {
		if (c.keep_going)
			cli_usage_error(&c, "--done writes every record: "
			    "--keep-going would drop some");
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
	return cli_finish(&c);
}
