#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "finding.h"

static const char doc[] =
    "{\n"
    "  \"id\": \"M1\",\n"
    "  \"items\": [\n"
    "    {\"topic\": \"a\"},\n"
    "    {\"topic\": \"b\",\n"
    "     \"kind\": \"x\"}\n"
    "  ],\n"
    "  \"to\": \"A; B\"\n"
    "}\n";

static void
test_path(void **state)
{
	json_t *root = test_parse_json(doc), *items;

	(void)state;
	items = json_object_get(root, "items");
	assert_ptr_equal(finding_path(root, "items[2].kind"),
	    json_object_get(json_array_get(items, 1), "kind"));
	assert_ptr_equal(finding_path(root, "items[1]"),
	    json_array_get(items, 0));
	/* What is not there: the deepest value on the way. */
	assert_ptr_equal(finding_path(root, "items[3].kind"), items);
	assert_ptr_equal(finding_path(root, "items[0]"), items);
	assert_ptr_equal(finding_path(root, "items[2].owner"),
	    json_array_get(items, 1));
	assert_ptr_equal(finding_path(root, "nope"), root);
	assert_ptr_equal(finding_path(root, ""), root);
	json_decref(root);
}

static void
test_entry(void **state)
{
	json_t *root = test_parse_json(doc), *items;

	(void)state;
	items = json_object_get(root, "items");
	assert_ptr_equal(finding_entry(root, "items", 1),
	    json_array_get(items, 1));
	/* A list written as one text: the field itself. */
	assert_ptr_equal(finding_entry(root, "to", 1),
	    json_object_get(root, "to"));
	assert_ptr_equal(finding_entry(root, "cc", 0), root);
	assert_ptr_equal(finding_entry(root, "items", 9), items);
	json_decref(root);
}

static void
test_lines(void **state)
{
	json_t *root = test_parse_json(doc), *items;
	struct jsonpos *pos = jsonpos_build(root, doc, strlen(doc), 5);
	struct findings f;
	struct finding_sink *fs = findings_sink(&f);

	(void)state;
	assert_non_null(pos);
	items = json_object_get(root, "items");
	finding_sink_place(fs, "m.json", 5, pos);
	finding_on(fs, json_array_get(items, 1), "topic", "item %d", 2);
	finding_on(fs, finding_path(root, "items[2].kind"), "kind", "bad");
	finding_on(fs, NULL, "record", "whole");
	finding_add(fs, "record", "whole");
	finding_at(fs, "other.csv", 3, "elsewhere", "there");
	assert_string_equal(f.text, "topic: item 2\nkind: bad\n"
	    "record: whole\nrecord: whole\nelsewhere: there\n");
	assert_int_equal(f.line[0], 9);
	assert_int_equal(f.line[1], 10);
	assert_int_equal(f.line[2], 5);
	assert_int_equal(f.line[3], 5);
	assert_int_equal(f.line[4], 3);
	assert_int_equal(fs->count, 5);
	/* Without a map every value is on the record's line. */
	finding_sink_place(fs, "m.json", 5, NULL);
	assert_int_equal(finding_line(fs, json_array_get(items, 1)), 5);
	jsonpos_unref(pos);
	json_decref(root);
}

/* A flag's true, false or null is shared by every document: the line
 * of its item, not the document's first. */
static void
test_path_line(void **state)
{
	const char *text = "{\"id\": \"M\",\n"
			   " \"items\": [\n"
			   "  {\"topic\": \"a\"},\n"
			   "  {\"topic\": \"b\",\n"
			   "   \"fixed\": null,\n"
			   "   \"kind\": \"x\"}]}\n";
	json_t *root = test_parse_json(text);
	struct jsonpos *pos = jsonpos_build(root, text, strlen(text), 1);

	(void)state;
	assert_non_null(pos);
	assert_int_equal(finding_path_line(pos, root, "items[2].kind"), 6);
	assert_int_equal(finding_path_line(pos, root, "items[2].fixed"), 4);
	assert_int_equal(finding_path_line(pos, root, "items[1].nope"), 3);
	assert_int_equal(finding_path_line(pos, root, "id"), 1);
	assert_int_equal(finding_path_line(NULL, root, "items[2].kind"), 0);
	jsonpos_unref(pos);
	json_decref(root);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_entry),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_path_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
