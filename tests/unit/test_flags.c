/*
 * Boolean flags fail closed: a `sensitive` given as an object, a list or
 * an unknown word is an error and reads as set, never as "not sensitive".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "field.h"
#include "jsontext.h"
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
	rc = field_bool(FIELD_OBJECT(o), "sensitive", out, &err);
	if (rc < 0)
		assert_string_equal(err.field, "sensitive");
	json_decref(o);
	return rc;
}

static void
test_field_bool_object(void **state)
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

/* A value kept as JSON reads like a record's: dates, people, no object. */
static void
test_field_object(void **state)
{
	json_t *o = test_parse_json("{\"date\": \"2026-11-20\", "
				    "\"end\": \"2026-11-20T10:00\", "
				    "\"bad\": \"2026-02-30\", "
				    "\"cc\": \"Li Lei <li@acme.com>; 王芳\", "
				    "\"attendees\": [{\"org\": \"C\"}]}");
	json_t *list = json_array(), *people;
	struct ae_error err;
	struct when w;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(field_when(FIELD_OBJECT(o), "date", &w, &err), 1);
	assert_false(w.has_time);
	assert_int_equal(field_when(FIELD_OBJECT(o), "end", &w, &err), 1);
	assert_true(w.has_time);
	assert_int_equal(field_when(FIELD_OBJECT(o), "none", &w, &err), 0);
	assert_int_equal(field_when(FIELD_OBJECT(o), "bad", &w, &err), -1);
	assert_string_equal(err.field, "bad");
	assert_string_equal(err.text,
	    "'2026-02-30' is not a valid date or date and time");
	assert_int_equal(field_people(FIELD_OBJECT(o), "cc", &people, &err),
	    0);
	assert_int_equal(json_array_size(people), 2);
	assert_string_equal(person_name(json_array_get(people, 0)), "Li Lei");
	assert_string_equal(json_string_value(json_object_get(
				json_array_get(people, 0), "email")),
	    "li@acme.com");
	json_decref(people);
	ae_error_clear(&err);
	assert_int_equal(field_people(FIELD_OBJECT(o), "attendees", &people,
			     &err),
	    -1);
	assert_string_equal(err.field, "attendees[1].name");
	/* A list is no object: a record of no fields. */
	assert_null(field_text(list, "date", (char[JSONTEXT_BUFSIZE]){ 0 }));
	assert_int_equal(field_when(FIELD_OBJECT(list), "date", &w, &err), 0);
	json_decref(list);
	json_decref(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_bool_object),
		cmocka_unit_test(test_field_bool),
		cmocka_unit_test(test_control_chars),
		cmocka_unit_test(test_field_object),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
