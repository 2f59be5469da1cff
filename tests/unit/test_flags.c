/*
 * Boolean flags fail closed: a `sensitive` given as an object, a list or
 * an unknown word is an error and reads as set, never as "not sensitive".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "docval.h"
#include "field.h"
#include "reader.h"
#include "text.h"
#include "testutil.h"

static int
doc_flag(const char *json, int *out)
{
	json_t *o = test_parse_json(json);
	struct ae_error err;
	int rc;

	ae_error_clear(&err);
	*out = -7;
	rc = docval_flag(o, "sensitive", out, &err);
	if (rc < 0)
		assert_string_equal(err.field, "sensitive");
	json_decref(o);
	return rc;
}

static void
test_docval_flag(void **state)
{
	int f;

	(void)state;
	assert_int_equal(doc_flag("{\"sensitive\": {\"reason\": \"HR\"}}", &f), -1);
	assert_int_equal(f, 1);
	assert_int_equal(doc_flag("{\"sensitive\": [true]}", &f), -1);
	assert_int_equal(f, 1);
	assert_int_equal(doc_flag("{\"sensitive\": []}", &f), -1);
	assert_int_equal(f, 1);
	assert_int_equal(doc_flag("{\"sensitive\": \"maybe\"}", &f), -1);
	assert_int_equal(f, 1);
	assert_int_equal(doc_flag("{\"sensitive\": 2}", &f), -1);
	assert_int_equal(f, 1);
	assert_int_equal(doc_flag("{\"sensitive\": false}", &f), 1);
	assert_int_equal(f, 0);
	assert_int_equal(doc_flag("{\"sensitive\": \"否\"}", &f), 1);
	assert_int_equal(f, 0);
	assert_int_equal(doc_flag("{\"sensitive\": true}", &f), 1);
	assert_int_equal(f, 1);
	assert_int_equal(doc_flag("{}", &f), 0);
	assert_int_equal(f, 0);
}

static void
test_field_bool(void **state)
{
	char *path = test_write_temp("{\"sensitive\": {\"reason\": \"HR\"}}\n"
	    "{\"sensitive\": [true]}\n{\"sensitive\": \"no\"}\n");
	struct reader_options opts = { INPUT_AUTO, NULL, 0 };
	const struct record *r;
	struct ae_error err;
	struct reader *rd;
	int f, i;

	(void)state;
	ae_error_clear(&err);
	rd = reader_open(path, &opts, &err);
	assert_non_null(rd);
	for (i = 0; i < 2; i++) {
		assert_int_equal(reader_next(rd, &r, &err), 1);
		ae_error_clear(&err);
		f = 0;
		assert_int_equal(field_bool(r, "sensitive", &f, &err), -1);
		assert_int_equal(f, 1);
		assert_string_equal(err.field, "sensitive");
	}
	assert_int_equal(reader_next(rd, &r, &err), 1);
	assert_int_equal(field_bool(r, "sensitive", &f, &err), 1);
	assert_int_equal(f, 0);
	reader_close(rd);
	unlink(path);
	free(path);
}

static void
test_control_chars(void **state)
{
	(void)state;
	assert_null(text_control_char("eve@example.com"));
	assert_null(text_control_char("王芳"));
	assert_string_equal(text_control_char("eve@x\r\nATTENDEE:y"),
	    "\r\nATTENDEE:y");
	assert_non_null(text_control_char("a\x7f"));
	assert_string_equal(text_control_name('\n'), "a line feed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docval_flag),
		cmocka_unit_test(test_field_bool),
		cmocka_unit_test(test_control_chars),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
