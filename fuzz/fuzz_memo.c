/*
 * libFuzzer target: memo end to end.  The input is memos; the flags pick
 * --check and the document format.  Every header value of a rendered
 * memo (to, from, cc, subject) is then free of control characters.
 */
#include "fuzz_tool.h"
#include "memo.h"

static int
take_record(const struct record *r, void *ctx, struct ae_error *err)
{
	unsigned flags = *(unsigned *)ctx;
	json_t *m = record_to_json(r), *c;

	if ((c = memo_context(m, err)) != NULL) {
		if (flags & 1) {
			struct finding_sink fs = fuzz_findings();
			finding_sink_record(&fs, r);
			memo_check(m, &fs);
		} else
			fuzz_render("memo", fuzz_doc_format(flags >> 4, 1), c);
		json_decref(c);
	}
	json_decref(m);
	return c ? 0 : -1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader_options ro;
	struct fuzz_in in;

	ro = fuzz_start(&in, data, size);
	fuzz_each_record(fuzz_in_path(&in, 0), &ro, take_record, &in.flags);
	fuzz_in_close(&in);
	return 0;
}
