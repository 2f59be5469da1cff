/*
 * libFuzzer target: dossier end to end.  The input is records of any
 * type, up to four files; the client is 海棠乳业 or Acme by a flag, and
 * the flags pick --client-copy, --check and the output.
 */
#include "fuzz_tool.h"
#include "dossier.h"

static int
take_record(const struct record *r, void *ctx, struct ae_error *err)
{
	return dossier_add(ctx, r, err) < 0 ? -1 : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dossier_options o = { .currency = "CNY", .stale_days = 180 };
	struct reader_options ro;
	struct ae_error err;
	struct dossier *d;
	struct fuzz_in in;
	json_t *ctx;
	int i;

	ro = fuzz_start(&in, data, size);
	o.client = in.flags & 1 ? "Acme" : "海棠乳业";
	o.as_of = fuzz_as_of();
	o.client_copy = (in.flags & 2) != 0;
	d = dossier_new(&o);
	for (i = 0; i < in.n; i++) {
		dossier_begin_file(d);
		fuzz_each_record(fuzz_in_path(&in, i), &ro, take_record, d);
	}
	ae_error_clear(&err);
	if (in.flags & 4) {
		struct finding_sink fs = fuzz_findings();
		if (dossier_check(d, &fs, &err) < 0)
			fuzz_check_error(&err);
	} else if ((ctx = dossier_context(d, (in.flags & 0x30) == 0x10,
	    &err)) == NULL) {
		fuzz_check_error(&err);
	} else {
		fuzz_render("dossier", fuzz_doc_format(in.flags >> 4, 1), ctx);
		json_decref(ctx);
	}
	dossier_free(d);
	fuzz_in_close(&in);
	return 0;
}
