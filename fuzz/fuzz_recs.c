/*
 * libFuzzer target: recs --check, the gate.  Every record of the input
 * goes through a schema_checker, its type from its `type` field or one
 * the flags pick (--type); every problem reported has a rule, a place and
 * a text.
 */
#include "fuzz_tool.h"
#include "schema.h"

static void
on_problem(const char *rule, const struct ae_error *err, void *ctx)
{
	const char *p;

	(void)ctx;
	/* A rule name stays ASCII (SPEC §2). */
	for (p = rule; *p; p++)
		if ((*p < 'a' || *p > 'z') && *p != '-' && *p != '_')
			__builtin_trap();
	if (p == rule || err->line < 0)
		__builtin_trap();
	fuzz_check_error(err);
	schema_bad_data(rule);
}

static int
take_record(const struct record *r, void *ctx, struct ae_error *err)
{
	return schema_checker_add(ctx, r, err) < 0 ? 1 : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct schema_checker *sc;
	struct reader_options ro;
	struct ae_error err;
	struct fuzz_in in;
	const char *type = NULL;
	size_t i, n;

	ro = fuzz_start(&in, data, size);
	for (n = 0; schema_type_name(n) != NULL; n++)
		;
	if ((in.flags & 0xff) != 0 && n > 0)
		type = schema_type_name((in.flags & 0xff) % n);
	sc = schema_checker_new(type, "CNY", on_problem, NULL);
	for (i = 0; i < (size_t)in.n; i++)
		fuzz_each_record(fuzz_in_path(&in, (int)i), &ro, take_record,
		    sc);
	ae_error_clear(&err);
	if (schema_checker_finish(sc, &err) < 0)
		__builtin_trap();
	schema_checker_free(sc);
	fuzz_in_close(&in);
	return 0;
}
