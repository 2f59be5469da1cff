/*
 * libFuzzer target: feedback end to end.  The input is complaints,
 * call-backs and jobs; the flags pick the mode (open, week, month,
 * call-backs, reminders, check), --owner and the output format.
 */
#include "fuzz_tool.h"
#include "feedback.h"
#include "memo.h"
#include "table.h"
#include "writer.h"

static int
take_record(const struct record *r, void *ctx, struct ae_error *err)
{
	return feedback_add(ctx, r, err);
}

static void
write_table(struct table *t, unsigned flags)
{
	table_write(t, (enum table_format)((flags >> 4) & 3), TABLE_EXCEL,
	    fuzz_sink());
	table_free(t);
}

static void
run_remind(struct feedback *fb, unsigned flags)
{
	struct ae_error err;
	json_t *memos, *ctx;
	size_t i;

	ae_error_clear(&err);
	memos = feedback_reminders(fb, "Customer Service", flags & 0x10, &err);
	if (memos == NULL)
		fuzz_check_error(&err);
	for (i = 0; i < json_array_size(memos); i++) {
		ae_error_clear(&err);
		if ((ctx = memo_context(json_array_get(memos, i), &err)) ==
		    NULL) {
			fuzz_check_error(&err);
			continue;
		}
		fuzz_render("memo", flags & 0x10 ? "md" : "text", ctx);
		json_decref(ctx);
	}
	json_decref(memos);
}

static void
run(struct feedback *fb, unsigned flags)
{
	int human = (flags & 0x20) == 0;
	struct finding_sink fs;
	struct feedback_due_list l;
	struct feedback_period p;
	struct ae_error err;

	ae_error_clear(&err);
	switch (flags & 7) {
	case 0:
		write_table(feedback_open_table(fb, human), flags);
		break;
	case 1:
	case 2:
		if ((flags & 7) == 1 ?
			feedback_week_parse("2026-W47", &p, &err) :
			feedback_month_period("2026-11", &p, &err))
			__builtin_trap();
		write_table(feedback_period_table(fb, &p, (flags >> 8) % 3,
				human),
		    flags);
		break;
	case 3:
		feedback_callbacks_due(fb, &l);
		write_table(feedback_due_table(fb, &l, human), flags);
		feedback_due_list_release(&l);
		break;
	case 4:
		run_remind(fb, flags);
		break;
	default:
		fs = fuzz_findings();
		feedback_check(fb, &fs);
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feedback_limits limits = FB_LIMITS_DEFAULT;
	struct reader_options ro;
	struct feedback fb;
	struct fuzz_in in;
	int i;

	ro = fuzz_start(&in, data, size);
	feedback_init(&fb, fuzz_as_of(), (int64_t)fuzz_as_of() * 86400 + 36000);
	fb.limits = limits;
	if (in.flags & 0x400)
		fb.limits.answer_hours = 1;
	fb.owner = in.flags & 0x800 ? "王芳" : NULL;
	for (i = 0; i < in.n; i++)
		fuzz_each_record(fuzz_in_path(&in, i), &ro, take_record, &fb);
	run(&fb, in.flags);
	feedback_release(&fb);
	fuzz_in_close(&in);
	return 0;
}
