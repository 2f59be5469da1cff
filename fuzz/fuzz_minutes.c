/*
 * libFuzzer target: minutes end to end.  The input is contact reports,
 * then after "\n--\n" a follow-up file for --append; the flags pick
 * --check, --actions (written as CSV, or merged with --append),
 * --client-copy, -f json and the document format.
 */
#include "fuzz_tool.h"
#include "minutes.h"
#include "side.h"
#include "writer.h"

struct run {
	struct minutes_options opt;
	struct when now;
	unsigned flags;
	json_t *appended;
};

static void
put_actions(json_t *list)
{
	json_t *a, *v;
	size_t i;
	const char *k;

	json_array_foreach(list, i, a) {
		json_object_foreach(a, k, v)
			csv_put_cell(fuzz_sink(), json_is_string(v) ?
			    json_string_value(v) : "", 0);
	}
}

static void
one(struct run *run, const struct record *r, json_t *m, struct ae_error *err)
{
	struct finding_sink fs = fuzz_findings();

	struct strbuf names = STRBUF_INIT;
	json_t *out;

	switch (run->flags & 3) {
	case 1:
		if (minutes_validate(m, err) == 0) {
			finding_sink_record(&fs, r);
			minutes_check(m, &run->now, &fs);
			minutes_sensitive_note(m, &run->opt.sides, &names);
		}
		break;
	case 2:
		if (minutes_actions(m, run->opt.client_copy, &out, err) == 0) {
			if (run->flags & 0x100)
				json_array_extend(run->appended, out);
			else
				put_actions(out);
			json_decref(out);
		}
		break;
	default:
		if ((out = minutes_context(m, &run->opt, err)) == NULL)
			break;
		if (run->flags & 8)
			json_dumpf(out, fuzz_sink(), JSON_INDENT(2));
		else
			fuzz_render("minutes", fuzz_doc_format(run->flags >> 4,
			    1), out);
		json_decref(out);
		break;
	}
	strbuf_release(&names);
}

static int
take_record(const struct record *r, void *ctx, struct ae_error *err)
{
	json_t *m = record_to_json(r);

	one(ctx, r, m, err);
	json_decref(m);
	return ae_error_isset(err) ? -1 : 0;
}

/* --append onto a copy of the input's second part. */
static void
append(struct run *run, struct fuzz_in *in, const struct reader_options *ro)
{
	char path[64], buf[4096];
	struct ae_error err;
	const char *src;
	FILE *from, *to;
	size_t n;

	if ((src = fuzz_in_path(in, 1)) == NULL)
		return;
	snprintf(path, sizeof(path), "/tmp/fuzz-minutes-%d.csv",
	    (int)getpid());
	if ((from = fopen(src, "rb")) == NULL ||
	    (to = fopen(path, "wb")) == NULL)
		__builtin_trap();
	while ((n = fread(buf, 1, sizeof(buf), from)) > 0)
		fwrite(buf, 1, n, to);
	fclose(from);
	fclose(to);
	ae_error_clear(&err);
	if (minutes_append(path, ro, run->appended, (run->flags & 0x200) != 0,
	    &err) < 0)
		fuzz_check_error(&err);
	unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run run = { .opt = { 0 } };
	struct reader_options ro;
	struct fuzz_in in;

	ro = fuzz_start(&in, data, size);
	run.flags = in.flags;
	run.opt.client_copy = (in.flags & 4) != 0;
	run.opt.text_table = (in.flags & 0x400) != 0;
	run.opt.as_of = fuzz_as_of();
	sides_add_agency(&run.opt.sides, "Agency");
	run.now.day = fuzz_as_of();
	if (in.flags & 0x800) {
		run.now.has_time = 1;
		run.now.t.epoch = (int64_t)fuzz_as_of() * 86400 + 3600;
	}
	run.appended = json_array();
	fuzz_each_record(fuzz_in_path(&in, 0), &ro, take_record, &run);
	if ((in.flags & 0x103) == 0x102)
		append(&run, &in, &ro);
	json_decref(run.appended);
	fuzz_in_close(&in);
	return 0;
}
