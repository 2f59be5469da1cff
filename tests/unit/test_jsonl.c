/*
 * Unit tests for the JSON Lines fast road: what it takes it reads exactly
 * as jansson does; everything else it leaves to jansson.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "jsonl.h"
#include "jsontext.h"

/* The object jansson reads from the N bytes at S, or NULL. */
static json_t *
jansson(const char *s, size_t n)
{
	json_error_t e;

	return json_loadb(s, n, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
}

/* Same members in the same order, same types and values. */
static void
assert_same(json_t *a, json_t *b)
{
	void *i = json_object_iter(a), *j = json_object_iter(b);

	assert_true(json_equal(a, b));
	for (; i && j; i = json_object_iter_next(a, i),
	    j = json_object_iter_next(b, j)) {
		assert_int_equal(json_object_iter_key_len(i),
		    json_object_iter_key_len(j));
		assert_memory_equal(json_object_iter_key(i),
		    json_object_iter_key(j), json_object_iter_key_len(i));
		assert_int_equal(json_typeof(json_object_iter_value(i)),
		    json_typeof(json_object_iter_value(j)));
	}
	assert_null(i);
	assert_null(j);
}

/* ROW holds O's keys, types and texts, as json_scalar_text gives them. */
static void
assert_row(const struct jsonl_row *row, json_t *o)
{
	char buf[JSONTEXT_BUFSIZE];
	void *it = json_object_iter(o);
	const char *want;
	size_t i;

	assert_int_equal(row->n, json_object_size(o));
	for (i = 0; i < row->n; i++, it = json_object_iter_next(o, it)) {
		assert_string_equal(jsonl_row_key(row, i),
		    json_object_iter_key(it));
		assert_int_equal(row->kind[i],
		    json_typeof(json_object_iter_value(it)));
		want = json_scalar_text(json_object_iter_value(it), buf);
		if (want == NULL)
			assert_null(jsonl_row_value(row, i));
		else
			assert_string_equal(jsonl_row_value(row, i), want);
	}
}

/* The row form takes S (N bytes) too, unless it is empty. */
static void
row_taken(const char *s, size_t n, json_t *slow)
{
	struct jsonl_row row;
	size_t used = 0;

	jsonl_row_init(&row);
	if (json_object_size(slow) == 0) {
		assert_int_equal(jsonl_row_read(&row, s, n, &used), 0);
	} else {
		if (!jsonl_row_read(&row, s, n, &used))
			fail_msg("row not taken: %.*s", (int)n, s);
		assert_int_equal(used, n);
		assert_false(row.same_keys);
		assert_row(&row, slow);
	}
	jsonl_row_release(&row);
}

/* S (N bytes) is taken, whole, and read as jansson reads it. */
static json_t *
taken_n(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t used = 0;
	json_t *fast = jsonl_object(s, n, &used, NULL, &sb), *slow;

	if (fast == NULL)
		fail_msg("not taken: %.*s", (int)n, s);
	assert_int_equal(used, n);
	slow = jansson(s, n);
	assert_non_null(slow);
	assert_same(fast, slow);
	row_taken(s, n, slow);
	json_decref(slow);
	strbuf_release(&sb);
	return fast;
}

static json_t *
taken(const char *s)
{
	return taken_n(s, strlen(s));
}

/* S is left to jansson. */
static void
left_n(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonl_row row;
	size_t used = 0;
	json_t *fast = jsonl_object(s, n, &used, NULL, &sb);

	if (fast != NULL)
		fail_msg("taken: %.*s", (int)n, s);
	jsonl_row_init(&row);
	if (jsonl_row_read(&row, s, n, &used))
		fail_msg("row taken: %.*s", (int)n, s);
	jsonl_row_release(&row);
	strbuf_release(&sb);
}

static void
left(const char *s)
{
	left_n(s, strlen(s));
}

static void
test_flat_records(void **state)
{
	json_t *o;

	(void)state;
	json_decref(taken("{}"));
	json_decref(taken("{ }"));
	o = taken("{\"invoice\":\"INV-1\",\"client\":\"北京星辰科技\","
	    "\"terms\":30,\"paid\":true,\"void\":false,\"note\":null}");
	assert_string_equal(json_string_value(json_object_get(o, "client")),
	    "北京星辰科技");
	assert_int_equal(json_integer_value(json_object_get(o, "terms")), 30);
	json_decref(o);
	json_decref(taken("{ \"a\" : 1 ,\t\"b\" : \"\" \r}"));
	json_decref(taken("{\"\":\"empty key\"}"));
	/* Not flat, not one line, not whole: jansson's. */
	left("{\"a\":[1]}");
	left("{\"a\":{}}");
	left("{\"a\":1,\n\"b\":2}");
	left("{\n}");
	left("{\"a\":1");
	left("{\"a\":1,}");
	left("{\"a\" 1}");
	left("{,}");
	left("{\"a\":truex}");
	left("{\"a\":tru}");
	left("{\"a\":nul}");
	left("{a:1}");
	left("{'a':1}");
	left("[1]");
	left("");
}

static void
test_stops_at_the_brace(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = "{\"a\":\"}\"}\n{\"b\":2}\n";
	size_t used = 0;
	json_t *o = jsonl_object(s, strlen(s), &used, NULL, &sb);

	(void)state;
	assert_non_null(o);
	assert_int_equal(used, 9);
	assert_string_equal(json_string_value(json_object_get(o, "a")), "}");
	json_decref(o);
	strbuf_release(&sb);
}

static void
test_escapes(void **state)
{
	json_t *o;

	(void)state;
	o = taken("{\"s\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t end\"}");
	assert_string_equal(json_string_value(json_object_get(o, "s")),
	    "q\" b\\ s/ \b\f\n\r\t end");
	json_decref(o);
	o = taken("{\"e\\u0301\":\"\\u00e9\\u4E2D\\u0041\"}");
	assert_string_equal(json_string_value(json_object_get(o,
	    "e\xcc\x81")), "é中A");
	json_decref(o);
	/* Escapes jansson refuses, or that need a closer look. */
	left("{\"s\":\"\\x41\"}");
	left("{\"s\":\"\\a\"}");
	left("{\"s\":\"\\u12\"}");
	left("{\"s\":\"\\u12G4\"}");
	left("{\"s\":\"\\\"}");
	left("{\"s\":\"\\");
}

static void
test_surrogates(void **state)
{
	json_t *o;

	(void)state;
	o = taken("{\"s\":\"\\ud83d\\ude00 \\uD834\\uDD1E\"}");
	assert_string_equal(json_string_value(json_object_get(o, "s")),
	    "\xf0\x9f\x98\x80 \xf0\x9d\x84\x9e");
	json_decref(o);
	json_decref(taken("{\"s\":\"\\udbff\\udfff\"}"));
	left("{\"s\":\"\\ud83d\"}");
	left("{\"s\":\"\\ud83d x\"}");
	left("{\"s\":\"\\ud83d\\u0041\"}");
	left("{\"s\":\"\\ude00\"}");
	left("{\"s\":\"\\ude00\\ud83d\"}");
	left("{\"s\":\"\\ud83d\\ud83d\"}");
}

static void
test_numbers(void **state)
{
	static const char *const take[] = {
		"0", "-0", "7", "-12", "123456789012345", "-999999999999999",
		"1.5", "0.1", "-0.0", "12.30", "1e22", "1E+22", "1e-22",
		"1.5e3", "123456789012345e7", "12345678901234.5", "0.5e-21",
		"99999999999999.9", "3.14159265358979", "1e007", "5e-1",
	};
	static const char *const leave[] = {
		"1234567890123456", "-1234567890123456", "9223372036854775808",
		"1.234567890123456", "0.000000000000001", "1e23", "1e-23",
		"1e1000", "1e0001", "01", "-01", "1.", ".5", "-", "+1", "1e",
		"1e+", "1.e3", "0x10", "1.5.3", "Infinity", "NaN", "--1",
		"12345678901234567.89",
	};
	char buf[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(take) / sizeof(take[0]); i++) {
		snprintf(buf, sizeof(buf), "{\"n\":%s}", take[i]);
		json_decref(taken(buf));
	}
	for (i = 0; i < sizeof(leave) / sizeof(leave[0]); i++) {
		snprintf(buf, sizeof(buf), "{\"n\":%s}", leave[i]);
		left(buf);
	}
}

static void
test_duplicate_keys(void **state)
{
	char buf[1024];
	size_t i, n;

	(void)state;
	left("{\"a\":1,\"a\":2}");
	left("{\"a\":1,\"b\":2,\"a\":3}");
	left("{\"a\":1,\"\\u0061\":2}");
	left("{\"\\u0061\":1,\"a\":2}");
	/* Beyond the keys compared in place, jansson's table is asked. */
	for (n = 0, i = 0; i < 40; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s\"k%zu\":%zu",
		    i ? "," : "{", i, i);
	snprintf(buf + n, sizeof(buf) - n, "}");
	json_decref(taken(buf));
	snprintf(buf + n, sizeof(buf) - n, ",\"k3\":0}");
	left(buf);
	snprintf(buf + n, sizeof(buf) - n, ",\"k39\":0}");
	left(buf);
}

static void
test_invalid_utf8(void **state)
{
	static const char *const bad[] = {
		"\xc0\x80", "\xc1\xbf", "\xe0\x80\xaf", "\xed\xa0\x80",
		"\xed\xbf\xbf", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80",
		"\xf5\x80\x80\x80", "\xff", "\x80", "\xe4\xb8", "\xe4\xb8x",
		"\xf0\x9f\x98",
	};
	static const char *const good[] = {
		"\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf",
		"\xee\x80\x80", "\xef\xbf\xbf", "\xf0\x90\x80\x80",
		"\xf4\x8f\xbf\xbf", "中文 text",
	};
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(buf, sizeof(buf), "{\"s\":\"%s\"}", bad[i]);
		left(buf);
		snprintf(buf, sizeof(buf), "{\"%s\":1}", bad[i]);
		left(buf);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(buf, sizeof(buf), "{\"s\":\"%s\"}", good[i]);
		json_decref(taken(buf));
	}
	/* Outside a string only JSON's own ASCII stands. */
	left("{\"s\":1\xc2\xa0}");
}

static void
test_nul_and_controls(void **state)
{
	(void)state;
	left_n("{\"s\":\"a\0b\"}", 11);
	left_n("{\"s\0\":1}", 9);
	left_n("{\"s\":1\0}", 8);
	left("{\"s\":\"\\u0000\"}");
	left("{\"\\u0000\":1}");
	left("{\"s\":\"tab\there\"}");
	left("{\"s\":\"\x1f\"}");
	json_decref(taken("{\"s\":\"\x7f\"}"));
}

/* Refilling the last record's object gives what a new one would. */
static void
test_refill(void **state)
{
	static const char *const lines[] = {
		"{\"a\":\"x\",\"b\":1,\"c\":1.5,\"d\":true}",
		"{\"a\":\"longer text\",\"b\":2,\"c\":2.5,\"d\":null}",
		"{\"a\":7,\"b\":\"s\",\"c\":false,\"d\":0.5}",
		"{\"a\":\"y\",\"b\":3,\"c\":4}",
		"{\"a\":\"y\",\"b\":3,\"c\":4,\"d\":5,\"e\":6}",
		"{\"b\":3,\"a\":\"y\",\"c\":4,\"d\":5,\"e\":6}",
		"{}",
		"{\"a\":\"\\u4e2d\",\"b\":[1]}",
		"{\"a\":\"z\",\"b\":1}",
	};
	struct strbuf sb = STRBUF_INIT;
	json_t *prev = NULL, *o, *slow, *held;
	size_t i, used;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		o = jsonl_object(lines[i], strlen(lines[i]), &used, prev, &sb);
		slow = jansson(lines[i], strlen(lines[i]));
		if (o == NULL) {
			assert_non_null(strchr(lines[i], '['));
			o = slow;
		} else {
			assert_same(o, slow);
			json_decref(slow);
		}
		json_decref(prev);
		prev = o;
	}
	/* A value someone else holds is replaced, never changed. */
	held = json_incref(json_object_get(prev, "a"));
	o = jsonl_object("{\"a\":\"w\",\"b\":2}", 15, &used, prev, &sb);
	assert_ptr_equal(o, prev);
	assert_string_equal(json_string_value(held), "z");
	assert_string_equal(json_string_value(json_object_get(o, "a")), "w");
	json_decref(held);
	json_decref(prev);
	/* An object someone else holds is never refilled. */
	held = json_incref(o);
	prev = jsonl_object("{\"a\":\"v\",\"b\":2}", 15, &used, o, &sb);
	assert_ptr_not_equal(prev, o);
	assert_string_equal(json_string_value(json_object_get(o, "a")), "w");
	json_decref(held);
	json_decref(o);
	json_decref(prev);
	strbuf_release(&sb);
}

/* Rows keep the last row's keys: same_keys says when a line has them. */
static void
test_rows(void **state)
{
	static const struct {
		const char *line;
		int taken, same;
	} lines[] = {
		{ "{\"a\":\"x\",\"b\":1,\"c\":1.5,\"d\":true}", 1, 0 },
		{ "{\"a\":\"longer\",\"b\":-0,\"c\":1e2,\"d\":null}", 1, 1 },
		{ "{\"a\":\"y\",\"b\":3,\"c\":4}", 1, 0 },
		{ "{\"a\":\"y\",\"b\":3,\"c\":4,\"d\":5}", 1, 0 },
		{ "{\"a\":\"y\",\"b\":3,\"c\":4,\"d\":5}", 1, 1 },
		/* Declined lines leave the keys as they were. */
		{ "{\"a\":\"y\",\"b\":[3]}", 0, 0 },
		{ "{\"a\":1,\"b\":2,\"a\":3}", 0, 0 },
		{ "{}", 0, 0 },
		{ "{\"a\":\"\\u4e2d\",\"b\":3,\"c\":4,\"d\":5}", 1, 1 },
		{ "{\"\\u0061\":\"z\",\"b\":3,\"c\":4,\"d\":5}", 1, 1 },
		{ "{\"b\":3,\"a\":\"y\",\"c\":4,\"d\":5}", 1, 0 },
		{ "{\"b\":3,\"a\":\"y\",\"c\":4,\"b\":5}", 0, 0 },
		{ "{\"b\":3,\"a\":\"y\",\"c\":4,\"dd\":5}", 1, 0 },
		{ "{\"b\":3,\"a\":\"y\",\"c\":4,\"d\":5}", 1, 0 },
		/* A last key with a quote is never matched byte for byte. */
		{ "{\"a\\\"b\":1}", 1, 0 },
		{ "{\"a\\\"b\":2}", 1, 1 },
		{ "{\"a\"b\":2}", 0, 0 },
		{ "{\"a\\u0022b\":3}", 1, 1 },
	};
	struct jsonl_row row;
	size_t i, used, n;
	json_t *slow;

	(void)state;
	jsonl_row_init(&row);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		n = strlen(lines[i].line);
		if (jsonl_row_read(&row, lines[i].line, n, &used) !=
		    lines[i].taken)
			fail_msg("line %zu: %s", i, lines[i].line);
		if (!lines[i].taken)
			continue;
		assert_int_equal(used, n);
		if (row.same_keys != lines[i].same)
			fail_msg("line %zu: same_keys %d", i, row.same_keys);
		slow = jansson(lines[i].line, n);
		assert_row(&row, slow);
		json_decref(slow);
	}
	jsonl_row_release(&row);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flat_records),
		cmocka_unit_test(test_stops_at_the_brace),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_surrogates),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_nul_and_controls),
		cmocka_unit_test(test_refill),
		cmocka_unit_test(test_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
