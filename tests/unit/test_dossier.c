#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "date.h"
#include "dossier.h"
#include "i18n.h"

static int32_t
day(const char *s)
{
	int32_t d;
	struct ae_error err;

	assert_int_equal(date_parse(s, &d, &err), 0);
	return d;
}

/* The brand file of 华美食品 as of AS_OF over the JSON Lines TEXT. */
static json_t *
file_of(const char *text, const char *as_of, int client_copy)
{
	struct dossier_options o = { "华美食品", 0, client_copy, "CNY", 0 };
	struct reader_options ro = { 0 };
	struct ae_error err;
	const struct record *r;
	struct reader *rd;
	struct dossier *d;
	char *path = test_write_temp(text);
	json_t *ctx;

	o.as_of = day(as_of);
	d = dossier_new(&o);
	rd = reader_open(path, &ro, &err);
	assert_non_null(rd);
	dossier_begin_file(d);
	while (reader_next(rd, &r, &err) > 0)
		assert_true(dossier_add(d, r, &err) >= 0);
	reader_close(rd);
	ctx = dossier_context(d, 0, &err);
	if (ctx == NULL)
		fail_msg("%s:%ld: %s: %s", err.source, err.line, err.field,
		    err.text);
	dossier_free(d);
	unlink(path);
	free(path);
	return ctx;
}

static long
records_in(json_t *ctx, int n)
{
	return (long)json_integer_value(json_object_get(json_array_get(
	    json_object_get(ctx, "sections"), n - 1), "records"));
}

static const char minutes[] =
    "{\"type\":\"minutes\",\"id\":\"a\",\"client\":\"华美食品\","
    "\"date\":\"2026-02-28\",\"distribution\":[\"x\"]}\n"
    "{\"type\":\"minutes\",\"id\":\"b\",\"client\":\"华美食品\","
    "\"date\":\"2026-02-27\",\"distribution\":[\"x\"]}\n"
    "{\"type\":\"minutes\",\"id\":\"c\",\"client\":\"华美食品\","
    "\"date\":\"2025-05-31\",\"key\":true,\"distribution\":[\"x\"]}\n"
    "{\"type\":\"minutes\",\"id\":\"d\",\"client\":\"华美食品集团\","
    "\"date\":\"2026-05-01\",\"distribution\":[\"x\"]}\n";

static void
test_three_months_from_a_month_end(void **state)
{
	json_t *ctx;

	(void)state;
	/* Three months before 31 May is 28 February (clamped). */
	ctx = file_of(minutes, "2026-05-31", 0);
	assert_int_equal(records_in(ctx, 2), 2);	/* a and key c */
	json_decref(ctx);
	ctx = file_of(minutes, "2026-06-01", 0);
	assert_int_equal(records_in(ctx, 2), 0);
	json_decref(ctx);
}

static void
test_every_section_titled_and_empty_says_so(void **state)
{
	json_t *ctx, *s;
	size_t i;

	(void)state;
	ctx = file_of(minutes, "2026-05-31", 0);
	assert_int_equal(json_array_size(json_object_get(ctx, "sections")),
	    DOSSIER_SECTIONS);
	json_array_foreach(json_object_get(ctx, "sections"), i, s) {
		assert_string_equal(json_string_value(json_object_get(s,
		    "title")), dossier_section_title((int)i + 1));
		assert_int_equal(json_is_true(json_object_get(s, "empty")),
		    i != 1);
	}
	assert_string_equal(dossier_section_title(13), "Finance");
	json_decref(ctx);
}

static void
test_client_copy_leaves_sensitive_facts_out(void **state)
{
	static const char facts[] =
	    "{\"type\":\"fact\",\"client\":\"华美食品\",\"section\":\"market\","
	    "\"title\":\"t\",\"date\":\"2026-01-01\",\"sensitive\":true}\n"
	    "{\"type\":\"fact\",\"client\":\"华美食品\",\"section\":\"market\","
	    "\"title\":\"u\",\"date\":\"2026-07-01\"}\n";
	json_t *ctx;

	(void)state;
	ctx = file_of(facts, "2026-06-30", 0);
	assert_int_equal(records_in(ctx, 3), 1);	/* u is later */
	json_decref(ctx);
	ctx = file_of(facts, "2026-06-30", 1);
	assert_int_equal(records_in(ctx, 3), 0);
	json_decref(ctx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_months_from_a_month_end),
		cmocka_unit_test(test_every_section_titled_and_empty_says_so),
		cmocka_unit_test(test_client_copy_leaves_sensitive_facts_out),
	};

	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
