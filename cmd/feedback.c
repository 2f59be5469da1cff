/*
 * feedback — client complaints and call-backs: the open complaints by
 * age, the weekly summary, the call-backs due, the rules and reminders.
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "cli.h"
#include "document.h"
#include "feedback.h"
#include "i18n.h"
#include "writer.h"

enum {
	OPT_WEEK = 256,
	OPT_MONTH,
	OPT_OWNER,
	OPT_OPEN,
	OPT_CALLBACKS,
	OPT_REMIND,
	OPT_FROM,
	OPT_ANSWER_HOURS,
	OPT_CALLBACK_DAYS,
	OPT_OPEN_DAYS,
	OPT_QUIET_DAYS,
	OPT_SURVEY_DAYS
};

static const struct cli_opt options[] = {
	{ "week", OPT_WEEK, "YYYY-Www", "the weekly summary of this ISO week" },
	{ "month", OPT_MONTH, "YYYY-MM", "the same summary for a month" },
	{ "owner", OPT_OWNER, "NAME",
	    "only this owner's complaints and "
	    "call-backs" },
	{ "open", OPT_OPEN, NULL, "the open complaints by age (the default)" },
	{ "callbacks", OPT_CALLBACKS, NULL, "the call-backs due" },
	{ "remind", OPT_REMIND, NULL,
	    "one memo per owner of what is overdue (-f text or md)" },
	{ "from", OPT_FROM, "NAME", "who signs the reminders" },
	{ "answer-hours", OPT_ANSWER_HOURS, "H",
	    "answer, and escalate a major one, within H hours (24)" },
	{ "callback-days", OPT_CALLBACK_DAYS, "D",
	    "call back within D days of resolution or delivery (7)" },
	{ "open-days", OPT_OPEN_DAYS, "D",
	    "open longer than D days needs a note (30)" },
	{ "quiet-days", OPT_QUIET_DAYS, "D",
	    "a client with no contact for D days is called (90)" },
	{ "survey-days", OPT_SURVEY_DAYS, "D",
	    "a satisfaction survey every D days (90)" },
	{ 0 }
};

enum mode {
	MODE_OPEN,
	MODE_WEEK,
	MODE_CALLBACKS,
	MODE_REMIND
};

struct feedback_run {
	struct feedback fb;
	struct feedback_limits limits;
	const char *owner, *from;
	int month;
	struct feedback_period period;
	enum mode mode;
	int modes;
};

static long
take_number(struct cli *c, const char *opt, const char *arg, long max)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (end == arg || *end || errno || n < 0 || n > max)
		cli_usage_error(c,
		    "--%s: '%s' is not a whole number from 0 "
		    "to %ld",
		    opt, arg, max);
	return n;
}

static void
set_mode(struct feedback_run *st, enum mode m)
{
	st->mode = m;
	st->modes++;
}

static int
take_option(struct cli *c, int key, const char *arg)
{
	struct feedback_run *st = c->ctx;
	struct ae_error err;

	switch (key) {
	case OPT_WEEK:
		ae_error_clear(&err);
		if (feedback_week_parse(arg, &st->period, &err) != 0)
			cli_usage_error(c, "--week: %s", err.text);
		set_mode(st, MODE_WEEK);
		break;
	case OPT_MONTH:
		ae_error_clear(&err);
		if (feedback_month_period(arg, &st->period, &err) != 0)
			cli_usage_error(c, "--month: %s", err.text);
		st->month = 1;
		set_mode(st, MODE_WEEK);
		break;
	case OPT_OWNER:
		st->owner = arg;
		break;
	case OPT_OPEN:
		set_mode(st, MODE_OPEN);
		break;
	case OPT_CALLBACKS:
		set_mode(st, MODE_CALLBACKS);
		break;
	case OPT_REMIND:
		set_mode(st, MODE_REMIND);
		break;
	case OPT_FROM:
		st->from = cli_memo_from(c, arg);
		break;
	case OPT_ANSWER_HOURS:
		st->limits.answer_hours =
		    take_number(c, "answer-hours", arg, 24 * 365);
		break;
	case OPT_CALLBACK_DAYS:
		st->limits.callback_days =
		    take_number(c, "callback-days", arg, 3650);
		break;
	case OPT_OPEN_DAYS:
		st->limits.open_days = take_number(c, "open-days", arg, 3650);
		break;
	case OPT_QUIET_DAYS:
		st->limits.quiet_days = take_number(c, "quiet-days", arg, 3650);
		break;
	case OPT_SURVEY_DAYS:
		st->limits.survey_days =
		    take_number(c, "survey-days", arg, 3650);
		break;
	}
	return 0;
}

static int
on_record(struct cli *c, const struct record *r, struct ae_error *err)
{
	struct feedback_run *st = c->ctx;

	return feedback_add(&st->fb, r, err);
}

static void
write_table(struct cli *c, struct table *t)
{
	table_write(t, table_format_named(c->format),
	    c->excel ? TABLE_EXCEL : 0, cli_output(c));
	table_free(t);
}

static int
human(const struct cli *c)
{
	return cli_format_is(c, "text") || cli_format_is(c, "md");
}

/* The weekly summary: for people two tables under a heading. */
static void
run_week(struct cli *c, struct feedback_run *st)
{
	char from[DATE_BUFSIZE], to[DATE_BUFSIZE];
	int md = cli_format_is(c, "md");
	FILE *out = cli_output(c);

	if (!human(c)) {
		write_table(c,
		    feedback_period_table(&st->fb, &st->period, FB_BY_BOTH, 0));
		return;
	}
	date_format(st->period.from, from);
	date_format(st->period.to - 1, to);
	fputs(md ? "## " : "", out);
	fprintf(out,
	    st->month ? _("Complaints and call-backs, month %s "
			  "(%s to %s)") :
			_("Complaints and call-backs, week %s (%s to %s)"),
	    st->period.label, from, to);
	fprintf(out, "\n\n%s%s\n\n", md ? "### " : "", _("By owner"));
	write_table(c,
	    feedback_period_table(&st->fb, &st->period, FB_BY_OWNER, 1));
	fprintf(out, "\n%s%s\n\n", md ? "### " : "", _("By client"));
	write_table(c,
	    feedback_period_table(&st->fb, &st->period, FB_BY_CLIENT, 1));
}

static void
run_open(struct cli *c, struct feedback_run *st)
{
	write_table(c, feedback_open_table(&st->fb, human(c)));
}

static void
run_callbacks(struct cli *c, struct feedback_run *st)
{
	struct feedback_due_list l;

	feedback_callbacks_due(&st->fb, &l);
	write_table(c, feedback_due_table(&st->fb, &l, human(c)));
	feedback_due_list_release(&l);
}

static void
run_remind(struct cli *c, struct feedback_run *st)
{
	struct ae_error err;
	json_t *memos;

	ae_error_clear(&err);
	memos = feedback_reminders(&st->fb,
	    st->from ? st->from : _("Customer Service"), cli_format_is(c, "md"),
	    &err);
	if (memos == NULL)
		cli_die(c, &err);
	doc_render_memos(c, memos);
	json_decref(memos);
}

/* The modes and formats that do not go together. */
static void
check_usage(struct cli *c, struct feedback_run *st)
{
	if (st->modes + c->check > 1)
		cli_usage_error(c,
		    "--open, --week, --month, --callbacks, "
		    "--remind and --check do not go together");
	if (st->mode == MODE_REMIND && !cli_format_is(c, "text") &&
	    !cli_format_is(c, "md"))
		cli_usage_error(c, "--remind writes text or md");
	if (st->from && st->mode != MODE_REMIND)
		cli_usage_error(c, "--from goes with --remind");
}

int
main(int argc, char **argv)
{
	struct feedback_run st = { .limits = FB_LIMITS_DEFAULT };
	struct cli c = {
		.prog = "feedback",
		.synopsis =
		    "[--as-of DATE] [--owner NAME] [--open | --week "
		    "YYYY-Www | --month YYYY-MM | --callbacks | --remind | --check] "
		    "[--answer-hours H] [--callback-days D] [--open-days D] "
		    "[-f text|csv|json|md] [FILE...]",
		.common = CLI_OUTPUT | CLI_FORMAT | CLI_INPUT | CLI_LANG |
		    CLI_CHECK | CLI_KEEP_GOING | CLI_AS_OF | CLI_EXCEL,
		.formats = "text,csv,json,md",
		.opts = options,
		.on_opt = take_option,
		.ctx = &st,
	};

	cli_parse(&c, argc, argv);
	check_usage(&c, &st);
	feedback_init(&st.fb, c.as_of, (int64_t)time(NULL));
	st.fb.limits = st.limits;
	st.fb.owner = st.owner;
	cli_each_record(&c, on_record);
	if (c.check) {
		struct finding_sink fs;
		cli_findings(&c, &fs);
		feedback_check(&st.fb, &fs);
	} else if (st.mode == MODE_WEEK)
		run_week(&c, &st);
	else if (st.mode == MODE_CALLBACKS)
		run_callbacks(&c, &st);
	else if (st.mode == MODE_REMIND)
		run_remind(&c, &st);
	else
		run_open(&c, &st);
	feedback_release(&st.fb);
	return cli_finish(&c);
}
