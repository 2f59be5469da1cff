/*
 * Unit tests for reftable.h: every record of a reference table passes
 * the schema before the caller sees it, and the loop stops at the first
 * record the schema or the caller refuses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testutil.h"

#include "reftable.h"

struct seen {
	int n;
	int refuse_at; /* the record (from 1) the caller refuses; 0: none */
};

static int
count(const struct record *r, void *ctx, struct ae_error *err)
{
	struct seen *s = ctx;

	if (++s->n == s->refuse_at) {
		ae_error_set(err, AE_EDATA, "refused by the caller");
		ae_error_at(err, r->source, r->line, 0);
		return -1;
	}
	return 0;
}

static int
load(const char *text, const char *type, struct seen *s,
    struct ae_error *err)
{
	struct reader_options opts = { INPUT_AUTO, NULL, 0 };
	char *path = test_write_temp(text);
	int rc;

	ae_error_clear(err);
	rc = reftable_load(path, &opts, type, NULL, count, s, err);
	unlink(path);
	free(path);
	return rc;
}

static void
test_every_record(void **state)
{
	struct seen s = { 0, 0 };
	struct ae_error err;

	(void)state;
	assert_int_equal(load("code,rate\nD1,200\nD2,\"1,000.00\"\n", "rate",
			     &s, &err),
	    0);
	assert_int_equal(s.n, 2);
}

static void
test_schema_refuses(void **state)
{
	struct seen s = { 0, 0 };
	struct ae_error err;

	(void)state;
	/* The second record breaks the schema: the caller never sees it. */
	assert_int_equal(load("date,kind\n2026-10-01,holiday\n2026-10-11,"
			      "weekend\n2026-10-12,workday\n",
			     "holiday", &s, &err),
	    -1);
	assert_int_equal(s.n, 1);
	assert_int_equal(err.code, AE_EDATA);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.field, "kind");
	/* A rate without a currency is in CNY, as recs --check reads it. */
	s.n = 0;
	assert_int_equal(load("code,rate\nD1,10.005\n", "rate", &s, &err), -1);
	assert_int_equal(s.n, 0);
	assert_string_equal(err.text,
	    "'10.005' has more decimals than CNY allows");
	/* A required field missing. */
	assert_int_equal(load("job,amount\n,12\n", "cost", &s, &err), -1);
	assert_string_equal(err.field, "job");
}

static void
test_caller_refuses(void **state)
{
	struct seen s = { 0, 2 };
	struct ae_error err;

	(void)state;
	assert_int_equal(load("job,amount\nJ1,1\nJ1,2\nJ1,3\n", "cost", &s,
			     &err),
	    -1);
	assert_int_equal(s.n, 2);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.text, "refused by the caller");
}

static void
test_no_file(void **state)
{
	struct reader_options opts = { INPUT_AUTO, NULL, 0 };
	struct seen s = { 0, 0 };
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(reftable_load("/nonexistent/rates.csv", &opts, "rate",
			     NULL, count, &s, &err),
	    -1);
	assert_int_equal(err.code, AE_ENOINPUT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_record),
		cmocka_unit_test(test_schema_refuses),
		cmocka_unit_test(test_caller_refuses),
		cmocka_unit_test(test_no_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
