#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "memo.h"

static void
test_count(void **state)
{
	size_t words, han;

	(void)state;
	memo_count("", &words, &han);
	assert_int_equal(words + han, 0);
	memo_count("Hello, world -- it's 2026!", &words, &han);
	assert_int_equal(words, 4);
	assert_int_equal(han, 0);
	memo_count("请于11月25日前签回PE，谢谢。", &words, &han);
	assert_int_equal(words, 3);	/* 11, 25, PE */
	assert_int_equal(han, 9);
	memo_count("  \t\n", &words, &han);
	assert_int_equal(words, 0);
	memo_count("bad \xff byte", &words, &han);
	assert_int_equal(words, 2);
}

static void
test_artwork(void **state)
{
	json_t *a;

	(void)state;
	a = json_string("Layout.PSD");
	assert_true(memo_is_artwork(a));
	json_decref(a);
	a = json_string("estimate.pdf");
	assert_false(memo_is_artwork(a));
	json_decref(a);
	a = json_string("README");
	assert_false(memo_is_artwork(a));
	json_decref(a);
	a = test_parse_json("{\"name\": \"kv\", \"type\": \"Image/TIFF\"}");
	assert_true(memo_is_artwork(a));
	json_decref(a);
}

static void
test_check(void **state)
{
	struct findings f;
	json_t *m;

	(void)state;
	memset(&f, 0, sizeof(f));
	m = test_parse_json("{\"to\": \"A\", \"from\": \"B\", \"date\": \"2026-11-26\", "
	    "\"subject\": \"S\", \"body\": \"b\", \"kind\": \"fax\", "
	    "\"attachments\": \"a.gif; b.doc\"}");
	assert_int_equal(memo_check(m, findings_sink(&f)), 2);
	assert_string_equal(f.text,
	    "artwork: fax carries artwork 'a.gif': hand artwork over in "
	    "person\n"
	    "confirm: no confirm_by: say when you will call to confirm that "
	    "it arrived\n");
	json_object_set_new(m, "urgent", json_true());
	json_object_set_new(m, "confirm_by", json_string("2026-11-26T18:00"));
	memset(&f, 0, sizeof(f));
	assert_int_equal(memo_check(m, findings_sink(&f)), 0);
	json_decref(m);
}

static void
test_context(void **state)
{
	struct ae_error err;
	json_t *m, *ctx;

	(void)state;
	ae_error_clear(&err);
	m = test_parse_json("{\"to\": {\"name\": \"A\"}, \"from\": \"B\", \"date\": "
	    "\"2026年11月6日\", \"subject\": \"S\", \"body\": \"b\", \"cc\": "
	    "\"X; Y\", \"confirm_by\": \"2026-11-07T09:00\"}");
	ctx = memo_context(m, &err);
	assert_non_null(ctx);
	assert_string_equal(json_string_value(json_object_get(ctx, "to")), "A");
	assert_string_equal(json_string_value(json_object_get(ctx, "date")),
	    "2026-11-06");
	assert_string_equal(json_string_value(json_object_get(ctx,
	    "confirm_by")), "2026-11-07 09:00");
	assert_true(json_is_true(json_object_get(ctx, "is_memo")));
	assert_int_equal(json_array_size(json_object_get(ctx, "cc")), 2);
	assert_true(json_is_true(json_object_get(json_array_get(
	    json_object_get(ctx, "cc"), 1), "last")));
	json_decref(ctx);
	json_object_set_new(m, "confirm_by", json_string("tomorrow"));
	assert_null(memo_context(m, &err));
	assert_string_equal(err.field, "confirm_by");
	json_decref(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_artwork),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_context),
	};

	setenv("TZ", "Asia/Shanghai", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
