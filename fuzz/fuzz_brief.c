/*
 * libFuzzer target: brief end to end.  The input is briefs; the flags
 * pick --check (the schema's problems and the kind's rules) or the
 * document in one of its formats.
 */
#include "fuzz_tool.h"
#include "brief.h"
#include "schema.h"

static void
on_problem(const char *rule, const struct ae_error *err, void *ctx)
{
	(void)ctx;
	if (rule[0] == '\0')
		__builtin_trap();
	fuzz_check_error(err);
}

static void
first_problem(const char *rule, const struct ae_error *err, void *ctx)
{
	struct ae_error *first = ctx;

	(void)rule;
	fuzz_check_error(err);
	if (!ae_error_isset(first))
		*first = *err;
}

static int
take_record(const struct record *r, void *ctx, struct ae_error *err)
{
	unsigned flags = *(unsigned *)ctx;
	json_t *c;

	if (flags & 1) {
		struct finding_sink fs = fuzz_findings();
		finding_sink_record(&fs, r);
		schema_check(r, "brief", "CNY", on_problem, NULL);
		if (brief_check(r, fuzz_as_of(), &fs, err) < 0)
			fuzz_check_error(err);
		ae_error_clear(err);
		return 0;
	}
	if (schema_check(r, "brief", "CNY", first_problem, err) > 0)
		return -1;
	if ((c = brief_context(r, "CNY", fuzz_as_of(), err)) == NULL)
		return -1;
	fuzz_render("brief", fuzz_doc_format(flags >> 4, 1), c);
	json_decref(c);
	return 0;
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
