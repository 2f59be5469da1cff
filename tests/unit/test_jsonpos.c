#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "jsonpos.h"
#include "reader.h"

/* TEXT decoded as the reader does, and mapped from line FIRST. */
static struct jsonpos *
map(const char *text, long first, json_t **root)
{
	json_error_t e;
	struct jsonpos *p;

	*root = json_loads(text, JSON_REJECT_DUPLICATES, &e);
	if (*root == NULL)
		fail_msg("bad test JSON: %s", e.text);
	p = jsonpos_build(*root, text, strlen(text), first);
	assert_non_null(p);
	return p;
}

static void
test_nested(void **state)
{
	const char *text =
	    "{\n"
	    "  \"id\": \"M1\",\n"
	    "  \"actions\": [\n"
	    "    {\n"
	    "      \"what\": \"send {PE}\",\n"
	    "      \"owner\": \"Li\"\n"
	    "    },\n"
	    "    { \"what\": \"call\",\n"
	    "      \"due\": { \"day\": \"2026-11-20\" } }\n"
	    "  ],\n"
	    "  \"n\": 12.5\n"
	    "}\n";
	json_t *root, *a;
	struct jsonpos *p = map(text, 10, &root);

	(void)state;
	a = json_object_get(root, "actions");
	assert_int_equal(jsonpos_line(p, root), 10);
	assert_int_equal(jsonpos_line(p, json_object_get(root, "id")), 11);
	assert_int_equal(jsonpos_line(p, a), 12);
	assert_int_equal(jsonpos_line(p, json_array_get(a, 0)), 13);
	assert_int_equal(jsonpos_line(p, json_object_get(json_array_get(a, 0),
	    "owner")), 15);
	assert_int_equal(jsonpos_line(p, json_array_get(a, 1)), 17);
	assert_int_equal(jsonpos_line(p, json_object_get(json_object_get(
	    json_array_get(a, 1), "due"), "day")), 18);
	assert_int_equal(jsonpos_line(p, json_object_get(root, "n")), 20);
	jsonpos_unref(p);
	json_decref(root);
}

static void
test_strings(void **state)
{
	/* Quotes, braces and brackets inside strings are text. */
	const char *text =
	    "{\"a\": \"say \\\"hi\\\" {[\\\\\",\n"
	    "\"b\\\"c\": \"}]\",\n"
	    "\"\\u4e2d\\u6587\": \"\\ud83d\\ude00\",\n"
	    "\"d\": [\"x\",\n"
	    "  \"y\"]}";
	json_t *root, *d;
	struct jsonpos *p = map(text, 1, &root);

	(void)state;
	assert_int_equal(jsonpos_line(p, json_object_get(root, "a")), 1);
	assert_int_equal(jsonpos_line(p, json_object_get(root, "b\"c")), 2);
	assert_int_equal(jsonpos_line(p, json_object_get(root, "中文")), 3);
	d = json_object_get(root, "d");
	assert_int_equal(jsonpos_line(p, d), 4);
	assert_int_equal(jsonpos_line(p, json_array_get(d, 1)), 5);
	jsonpos_unref(p);
	json_decref(root);
}

static void
test_crlf(void **state)
{
	const char *text = "{\r\n\"a\": 1,\r\n\r\n\"b\": [\r\n2]\r\n}\r\n";
	json_t *root, *b;
	struct jsonpos *p = map(text, 1, &root);

	(void)state;
	b = json_object_get(root, "b");
	assert_int_equal(jsonpos_line(p, json_object_get(root, "a")), 2);
	assert_int_equal(jsonpos_line(p, b), 4);
	assert_int_equal(jsonpos_line(p, json_array_get(b, 0)), 5);
	jsonpos_unref(p);
	json_decref(root);
}

static void
test_shared_and_foreign(void **state)
{
	const char *text = "{\"t\": true,\n\"s\": \"x\"}";
	json_t *root, *other = json_string("x");
	struct jsonpos *p = map(text, 1, &root);

	(void)state;
	/* true and null are shared by every tree: not theirs to map. */
	assert_int_equal(jsonpos_line(p, json_object_get(root, "t")), 0);
	assert_int_equal(jsonpos_line(p, other), 0);
	assert_int_equal(jsonpos_line(NULL, root), 0);
	/* A reference keeps the map (and the tree it names) alive. */
	jsonpos_ref(p);
	jsonpos_unref(p);
	json_decref(root);
	assert_int_equal(jsonpos_line(p, json_object_get(root, "s")), 2);
	jsonpos_unref(p);
	json_decref(other);
}

static void
test_mismatch(void **state)
{
	json_t *root = json_loads("{\"a\": [1, 2]}", 0, NULL);

	(void)state;
	/* Text of another shape gives no map rather than wrong lines. */
	assert_null(jsonpos_build(root, "{\"a\": [1]}", 10, 1));
	assert_null(jsonpos_build(root, "{\"b\": [1, 2]}", 13, 1));
	json_decref(root);
}

static void
test_reader(void **state)
{
	const char *text = "[\n  {\"type\": \"minutes\",\n   \"items\": [\n"
	    "     \"a\",\n     \"b\"]},\n  {\"type\": \"minutes\"}\n]\n";
	char *path = test_write_temp(text);
	struct reader_options o = { INPUT_AUTO, NULL, 0 };
	struct ae_error err;
	const struct record *r;
	struct reader *rd;
	json_t *items;

	(void)state;
	ae_error_clear(&err);
	rd = reader_open(path, &o, &err);
	assert_non_null(rd);
	assert_int_equal(reader_next(rd, &r, &err), 1);
	items = record_json(r, "items");
	assert_int_equal(r->line, 2);
	assert_int_equal(jsonpos_line(r->pos, items), 3);
	assert_int_equal(jsonpos_line(r->pos, json_array_get(items, 1)), 5);
	/* A record on one line needs no map: its values are on its line. */
	assert_int_equal(reader_next(rd, &r, &err), 1);
	assert_null(r->pos);
	assert_int_equal(r->line, 6);
	reader_close(rd);
	unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_shared_and_foreign),
		cmocka_unit_test(test_mismatch),
		cmocka_unit_test(test_reader),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
