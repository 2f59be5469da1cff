/*
 * libFuzzer target: actions end to end.  The input is action records,
 * then after "\n--\n" staff records; the flags pick the listing (text
 * table, CSV, JSON Lines), --check, --done, --remind and the filters.
 */
#include "fuzz_tool.h"
#include "actions.h"
#include "memo.h"
#include "writer.h"

struct run {
	struct action_filter filter;
	struct action_list list;
	struct action_done done;
	json_t *staff, *seen;
	unsigned flags;
};

static int
on_check(const struct record *r, void *ctx, struct ae_error *err)
{
	struct finding_sink fs;
	struct run *run = ctx;
	struct action a;
	long late;

	if (action_read(r, &a, err) != 0)
		return -1;
	fs = fuzz_findings();
	finding_sink_record(&fs, r);
	if ((late = action_overdue(&a, &run->filter)) > 0)
		action_report_overdue(&a, late, &fs);
	if (json_object_get(run->seen, a.id) == NULL)
		json_object_set_new(run->seen, a.id, json_integer(r->line));
	action_release(&a);
	return 0;
}

static int
on_staff(const struct record *r, void *ctx, struct ae_error *err)
{
	struct run *run = ctx;
	char buf[JSONTEXT_BUFSIZE];
	const char *p = record_value(r, "person", buf);

	(void)err;
	if (p != NULL)
		json_object_set_new(run->staff, p, json_true());
	return 0;
}

static int
on_collect(const struct record *r, void *ctx, struct ae_error *err)
{
	struct run *run = ctx;
	struct action a;

	if (action_read(r, &a, err) != 0)
		return -1;
	if (action_matches(&a, &run->filter))
		action_list_add(&run->list, &a);
	else
		action_release(&a);
	return 0;
}

static int
on_done(const struct record *r, void *ctx, struct ae_error *err)
{
	struct run *run = ctx;

	return action_done_put(&run->done, fuzz_sink(), r, run->filter.as_of,
	    err);
}

static void
remind(struct run *run)
{
	struct ae_error err;
	int md = (run->flags & 0x100) != 0;
	json_t *memos, *ctx;
	size_t i;

	ae_error_clear(&err);
	memos = action_reminders(&run->list, run->filter.as_of,
	    "Account Service", md, run->staff, &err);
	if (memos == NULL)
		fuzz_check_error(&err);
	for (i = 0; i < json_array_size(memos); i++) {
		ae_error_clear(&err);
		if ((ctx = memo_context(json_array_get(memos, i), &err)) ==
		    NULL) {
			fuzz_check_error(&err);
			continue;
		}
		fuzz_render("memo", md ? "md" : "text", ctx);
		json_decref(ctx);
	}
	json_decref(memos);
}

static void
list(struct run *run)
{
	struct rec_writer *w;
	struct ae_error err;

	action_list_sort(&run->list);
	if ((run->flags & 0x300) == 0) {
		action_table(&run->list, run->filter.as_of,
		    (run->flags & 8) != 0,
		    run->flags & 0x800 ? TABLE_MD : TABLE_TEXT, fuzz_sink());
		return;
	}
	w = rec_writer_new(fuzz_sink(),
	    run->flags & 0x100 ? RECORD_CSV : RECORD_JSON, CSV_EXCEL);
	ae_error_clear(&err);
	if (action_list_write(&run->list, w, &err) != 0)
		fuzz_check_error(&err);
	rec_writer_free(w);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned statuses[] = { 0, ACTION_OPEN, ACTION_DONE,
		ACTION_ANY };
	struct reader_options ro;
	struct run run = { .filter = { .due_within = -1 } };
	struct fuzz_in in;

	ro = fuzz_start(&in, data, size);
	run.flags = in.flags;
	run.filter.as_of = fuzz_as_of();
	run.filter.status = statuses[(in.flags >> 4) & 3];
	run.filter.overdue = (in.flags & 0x40) != 0;
	if (in.flags & 0x80)
		run.filter.due_within = 7;
	if (in.flags & 0x400)
		run.filter.owner = "王芳";
	run.staff = json_object();
	run.seen = json_object();
	fuzz_each_record(fuzz_in_path(&in, 1), &ro, on_staff, &run);
	switch (in.flags & 3) {
	case 0:
		fuzz_each_record(fuzz_in_path(&in, 0), &ro, on_check, &run);
		break;
	case 1:
		action_done_add(&run.done, "A-1, A-2,,A-3");
		fuzz_each_record(fuzz_in_path(&in, 0), &ro, on_done, &run);
		action_done_missing(&run.done);
		action_done_release(&run.done);
		break;
	case 2:
		fuzz_each_record(fuzz_in_path(&in, 0), &ro, on_collect, &run);
		remind(&run);
		break;
	default:
		fuzz_each_record(fuzz_in_path(&in, 0), &ro, on_collect, &run);
		list(&run);
		break;
	}
	action_list_release(&run.list);
	json_decref(run.staff);
	json_decref(run.seen);
	fuzz_in_close(&in);
	return 0;
}
