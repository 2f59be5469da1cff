/*
 * A getter's error on a list item names the item as users count it,
 * from 1: "lines[2].qty", at the place the getter gave it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "field.h"
#include "testutil.h"

static void
test_item_error_names_the_field(void **state)
{
	json_t *lines = test_parse_json("[{\"qty\": 1}, {\"qty\": \"2天\"}]");
	struct record r = field_object(json_array_get(lines, 1), "e.json", 7);
	struct decimal qty;
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(field_decimal(&r, "qty", &qty, &err), -1);
	assert_int_equal(field_item_error(&err, "lines", 1), -1);
	assert_string_equal(err.field, "lines[2].qty");
	assert_string_equal(err.text, "'2天' is not a number");
	assert_string_equal(err.source, "e.json");
	assert_int_equal(err.line, 7);
	json_decref(lines);
}

static void
test_item_error_the_item_itself(void **state)
{
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	ae_error_set(&err, AE_EDATA, "expected an object");
	field_item_error(&err, "attendees", 0);
	assert_string_equal(err.field, "attendees[1]");
}

static void
test_item_error_long_field_fits(void **state)
{
	char name[200];
	struct ae_error err;

	(void)state;
	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	ae_error_clear(&err);
	ae_error_set(&err, AE_EDATA, "bad");
	ae_error_field(&err, name);
	field_item_error(&err, "lines", 11);
	assert_int_equal(strncmp(err.field, "lines[12].xxx", 13), 0);
	assert_int_equal(strlen(err.field), sizeof(err.field) - 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_item_error_names_the_field),
		cmocka_unit_test(test_item_error_the_item_itself),
		cmocka_unit_test(test_item_error_long_field_fits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
