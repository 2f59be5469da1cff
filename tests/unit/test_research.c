#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "i18n.h"
#include "research.h"

static const char complete[] = "{\"title\":\"T\",\"client\":\"C\","
    "\"purpose\":\"p\",\"agency\":\"a\",\"method\":\"m\",\"sample\":\"s\","
    "\"fieldwork\":{\"from\":\"2026-05-10\",\"to\":\"2026-05-10\","
    "\"location\":\"Shanghai\"},\"findings\":[\"f\"],\"actions\":\"x; y\"}";

static void
test_complete_is_quiet(void **state)
{
	struct findings f;
	struct ae_error err;
	json_t *r = test_parse_json(complete);

	(void)state;
	assert_int_equal(research_check(r, findings_sink(&f), &err), 0);
	json_decref(r);
}

static void
test_missing_and_backwards(void **state)
{
	struct findings f;
	struct ae_error err;
	json_t *r = test_parse_json("{\"title\":\"T\",\"client\":\"C\","
	    "\"agency\":\"a\",\"fieldwork\":{\"from\":\"2026-05-10\","
	    "\"to\":\"2026-05-09\",\"location\":\"x\"},"
	    "\"conclusions\":[\"c\"]}");

	(void)state;
	assert_int_equal(research_check(r, findings_sink(&f), &err), 5);
	assert_non_null(strstr(f.text, "part 1 "));
	assert_non_null(strstr(f.text, "field 'method'"));
	assert_non_null(strstr(f.text, "part 3 "));
	assert_null(strstr(f.text, "part 4 "));
	assert_null(strstr(f.text, "part 5 "));
	assert_non_null(strstr(f.text, "part 6 "));
	assert_non_null(strstr(f.text, "fieldwork: fieldwork ends "
	    "(2026-05-09)"));
	json_decref(r);
}

static void
test_context_parts(void **state)
{
	struct ae_error err;
	json_t *r = test_parse_json(complete), *ctx, *parts;

	(void)state;
	ctx = research_context(r, &err);
	assert_non_null(ctx);
	parts = json_object_get(ctx, "parts");
	assert_int_equal(json_array_size(parts), 6);
	/* CSV-style "x; y" becomes two actions. */
	assert_int_equal(json_array_size(json_object_get(json_array_get(parts,
	    5), "items")), 2);
	assert_null(json_object_get(ctx, "actions_list"));
	json_decref(ctx);
	json_decref(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complete_is_quiet),
		cmocka_unit_test(test_missing_and_backwards),
		cmocka_unit_test(test_context_parts),
	};

	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
