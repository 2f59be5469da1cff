#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "testutil.h"

#include "field.h"
#include "minutes.h"

static int
setup(void **state)
{
	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	return 0;
}

static int
check(const char *text, const char *as_of, struct findings *f)
{
	json_t *m = test_parse_json(text);
	struct ae_error err;
	struct when now;
	int n;

	ae_error_clear(&err);
	assert_int_equal(minutes_validate(m, &err), 0);
	memset(&now, 0, sizeof(now));
	assert_int_equal(date_parse(as_of, &now.day, NULL), 0);
	n = minutes_check(m, &now, findings_sink(f));
	json_decref(m);
	return n;
}

#define OK_BODY                                                      \
	"\"id\": \"T\", \"client\": \"C\", \"attendees\": [\"A\"], " \
	"\"distribution\": [\"A\"], \"decisions\": [\"d\"]"

static void
test_deadline_edges(void **state)
{
	struct findings f;

	(void)state;
	assert_int_equal(check("{" OK_BODY ", \"date\": \"2026-11-20T14:00\", "
			       "\"end\": \"2026-11-20T15:30\", \"issued\": "
			       "\"2026-11-21T15:30\"}",
			     "2026-12-01", &f),
	    0);
	assert_int_equal(check("{" OK_BODY ", \"date\": \"2026-11-20T14:00\", "
			       "\"end\": \"2026-11-20T15:30\", \"issued\": "
			       "\"2026-11-21T15:31\"}",
			     "2026-12-01", &f),
	    1);
	assert_string_equal(f.text,
	    "late: issued 2026-11-21 15:31, 24 h 1 min "
	    "after the meeting ended (2026-11-20 15:30); the report is due "
	    "within 24 h\n");
	/* 07:30 UTC is 15:30 in Shanghai: exactly 24 h. */
	assert_int_equal(
	    check("{" OK_BODY ", \"date\": \"2026-11-20T14:00\", "
		  "\"end\": \"2026-11-20T15:30+08:00\", \"issued\": "
		  "\"2026-11-21T07:30Z\"}",
		"2026-12-01", &f),
	    0);
	/* Without an end the meeting lasts an hour. */
	assert_int_equal(check("{" OK_BODY ", \"date\": \"2026-11-20T14:00\", "
			       "\"issued\": \"2026-11-21T15:00\"}",
			     "2026-12-01", &f),
	    0);
	assert_int_equal(check("{" OK_BODY ", \"date\": \"2026-11-20T14:00\", "
			       "\"issued\": \"2026-11-21T15:00:01\"}",
			     "2026-12-01", &f),
	    1);
	/* Not issued: the as-of day's first moment counts. */
	assert_int_equal(check("{" OK_BODY ", \"date\": \"2026-11-20T14:00\"}",
			     "2026-11-21", &f),
	    0);
	assert_int_equal(check("{" OK_BODY ", \"date\": \"2026-11-20T14:00\"}",
			     "2026-11-22", &f),
	    1);
	assert_non_null(strstr(f.text, "not issued by 2026-11-22, 33 h"));
}

static void
test_rules(void **state)
{
	struct findings f;

	(void)state;
	assert_int_equal(
	    check(
		"{\"id\": \"R\", \"client\": \"C\", \"date\": "
		"\"2026-11-20T10:00\", \"issued\": \"2026-11-20T12:00\", "
		"\"attendees\": [\"A\", {\"name\": \"B\"}], \"distribution\": "
		"\"A\", \"actions\": [{\"what\": \"w\"}, {\"what\": \"v\", "
		"\"owner\": \"A\", \"due\": \"2026-11-19\"}, {\"what\": \"u\", "
		"\"owner\": \"A\", \"due\": \"2026-11-20\"}]}",
		"2026-11-20", &f),
	    4);
	assert_string_equal(f.text,
	    "owner: action 1 'w' has no owner\n"
	    "due: action 1 'w' has no due date\n"
	    "due: action 2 'v' is due 2026-11-19, before the meeting on "
	    "2026-11-20\n"
	    "distribution: attendee 'B' is not on the distribution list\n");
	assert_int_equal(check("{\"id\": \"E\", \"client\": \"C\", \"date\": "
			       "\"2026-11-20\", \"distribution\": [\"A\"]}",
			     "2026-11-20", &f),
	    1);
	assert_string_equal(f.text,
	    "empty: the report has neither decisions "
	    "nor actions\n");
}

static void
test_validate_errors(void **state)
{
	static const struct {
		const char *json, *field, *text;
	} cases[] = {
		{ "{\"client\": \"C\", \"date\": \"2026-11-20\"}", "id",
		    "required field is missing" },
		{ "{\"id\": \"X\", \"client\": \"C\"}", "date",
		    "required field is missing" },
		{ "{\"id\": \"X\", \"client\": \"C\", \"date\": \"2026-11-20\", \"distribution\": [\"A\"], "
		  "\"end\": \"soon\"}",
		    "end", "'soon' is not a valid date or date and time" },
		{ "{\"id\": \"X\", \"client\": \"C\", \"date\": \"2026-11-20\", \"distribution\": [\"A\"], "
		  "\"actions\": [{\"owner\": \"A\"}]}",
		    "actions[1].what", "required field is missing" },
		{ "{\"id\": \"X\", \"client\": \"C\", \"date\": \"2026-11-20\", \"distribution\": [\"A\"], "
		  "\"actions\": \"a; b\"}",
		    "actions",
		    "needs JSON: a list of {what, owner, due}" },
		{ "{\"id\": \"X\", \"client\": \"C\", \"date\": \"2026-11-20\", \"distribution\": [\"A\"], "
		  "\"notes\": [{\"sensitive\": true}]}",
		    "notes[1].text", "required field is missing" },
		{ "{\"id\": \"X\", \"client\": \"C\", \"date\": \"2026-11-20\", \"distribution\": [\"A\"], "
		  "\"key\": \"maybe\"}",
		    "key", "'maybe' is not true or false" },
	};
	struct ae_error err;
	size_t i;
	json_t *m;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		m = test_parse_json(cases[i].json);
		ae_error_clear(&err);
		assert_int_equal(minutes_validate(m, &err), -1);
		assert_string_equal(err.field, cases[i].field);
		assert_string_equal(err.text, cases[i].text);
		assert_int_equal(err.code, AE_EDATA);
		json_decref(m);
	}
}

static const char *sample =
    "{\"id\": \"M\", \"client\": \"C\", "
    "\"date\": \"2026-11-20T09:00\", \"attendees\": [{\"name\": \"A\", "
    "\"org\": \"C\"}, {\"name\": \"B\", \"org\": \"Ag\"}, \"N\"], "
    "\"decisions\": [{\"text\": \"s\", \"sensitive\": true}, \"d1\", "
    "{\"text\": \"d2\", \"sensitive\": \"否\"}], "
    "\"actions\": [{\"what\": \"x\", \"owner\": \"B\", \"due\": "
    "\"2026/11/21\", \"sensitive\": \"yes\"}, {\"what\": \"y\", "
    "\"owner\": \"A\", \"due\": \"2026-11-22\"}], \"distribution\": [\"A\"]}";

static void
test_client_copy(void **state)
{
	struct minutes_options o = { 0 };
	struct ae_error err;
	json_t *m = test_parse_json(sample), *ctx, *l;

	(void)state;
	ae_error_clear(&err);
	o.client_copy = 1;
	o.as_of = date_from_ymd(2026, 11, 21);
	ctx = minutes_context(m, &o, &err);
	assert_non_null(ctx);
	l = json_object_get(ctx, "decisions");
	assert_int_equal(json_array_size(l), 2);
	assert_string_equal(json_string_value(
				json_object_get(json_array_get(l, 0), "text")),
	    "d1");
	assert_int_equal(json_integer_value(
			     json_object_get(json_array_get(l, 1), "n")),
	    2);
	assert_null(json_object_get(json_array_get(l, 1), "sensitive"));
	l = json_object_get(ctx, "actions");
	assert_int_equal(json_array_size(l), 1);
	assert_int_equal(json_integer_value(
			     json_object_get(json_array_get(l, 0), "n")),
	    1);
	assert_null(json_object_get(json_array_get(l, 0), "id"));
	/* No agency named: B's side and N's cannot be told, not guessed. */
	assert_int_equal(json_array_size(json_object_get(ctx, "client_side")),
	    1);
	assert_int_equal(json_array_size(json_object_get(ctx, "agency_side")),
	    0);
	assert_int_equal(json_array_size(json_object_get(ctx, "unknown_side")),
	    2);
	assert_string_equal(json_string_value(json_object_get(ctx, "issued")),
	    "2026-11-21");
	json_decref(ctx);

	o.client_copy = 0;
	sides_add_agency(&o.sides, "Ag");
	ctx = minutes_context(m, &o, &err);
	l = json_object_get(ctx, "actions");
	assert_int_equal(json_array_size(l), 2);
	assert_string_equal(json_string_value(
				json_object_get(json_array_get(l, 0), "id")),
	    "M-A8695");
	assert_string_equal(json_string_value(
				json_object_get(json_array_get(l, 0), "mark")),
	    "[internal] ");
	assert_string_equal(json_string_value(
				json_object_get(json_array_get(l, 0), "due")),
	    "2026-11-21");
	assert_int_equal(json_array_size(json_object_get(ctx, "client_side")),
	    1);
	assert_int_equal(json_array_size(json_object_get(ctx, "agency_side")),
	    1);
	assert_int_equal(json_array_size(json_object_get(ctx, "unknown_side")),
	    1);
	json_decref(ctx);
	json_decref(m);
}

static const char *
id_of(json_t *l, const char *what)
{
	json_t *a;
	size_t i;

	json_array_foreach(l, i,
	    a) if (strcmp(json_string_value(json_object_get(a, "what")),
		       what) ==
	    0) return json_string_value(json_object_get(a, "id"));
	fail_msg("no action '%s'", what);
	return NULL;
}

/* Moving or inserting an action keeps every other action's id. */
static void
test_stable_ids(void **state)
{
	struct ae_error err;
	json_t *m1, *m2, *l1, *l2;

	(void)state;
	ae_error_clear(&err);
	m1 = test_parse_json(
	    "{\"id\": \"M\", \"client\": \"C\", "
	    "\"date\": \"2026-11-20\", \"distribution\": [\"A\"], \"actions\": ["
	    "{\"what\": \"call\", \"owner\": \"A\", \"due\": \"2026-11-21\"},"
	    "{\"what\": \"send\", \"owner\": \"A\", \"due\": \"2026-11-21\"},"
	    "{\"id\": \"K-1\", \"what\": \"book\", \"owner\": \"A\", "
	    "\"due\": \"2026-11-21\"}]}");
	m2 = test_parse_json(
	    "{\"id\": \"M\", \"client\": \"C\", "
	    "\"date\": \"2026-11-20\", \"distribution\": [\"A\"], \"actions\": ["
	    "{\"what\": \"new\", \"owner\": \"A\", \"due\": \"2026-11-21\"},"
	    "{\"id\": \"K-1\", \"what\": \"book\", \"owner\": \"A\", "
	    "\"due\": \"2026-11-21\"},"
	    "{\"what\": \"send\", \"owner\": \"A\", \"due\": \"2026-11-21\"},"
	    "{\"what\": \" call \", \"owner\": \"A\", \"due\": \"2026-11-21\"}]}");
	assert_int_equal(minutes_actions(m1, 0, &l1, &err), 0);
	assert_int_equal(minutes_actions(m2, 0, &l2, &err), 0);
	assert_string_equal(id_of(l1, "send"), id_of(l2, "send"));
	assert_string_equal(id_of(l1, "call"), id_of(l2, " call "));
	assert_string_equal(id_of(l2, "book"), "K-1");
	assert_string_not_equal(id_of(l2, "new"), id_of(l2, "send"));
	assert_int_equal(strncmp(id_of(l2, "new"), "M-A", 3), 0);
	json_decref(l1);
	json_decref(l2);
	json_decref(m1);
	json_decref(m2);
	/* Two actions of one text still get two ids. */
	m1 = test_parse_json(
	    "{\"id\": \"M\", \"client\": \"C\", "
	    "\"date\": \"2026-11-20\", \"distribution\": [\"A\"], \"actions\": ["
	    "{\"what\": \"call\", \"owner\": \"A\", \"due\": \"2026-11-21\"},"
	    "{\"what\": \"call\", \"owner\": \"B\", \"due\": \"2026-11-21\"}]}");
	assert_int_equal(minutes_actions(m1, 0, &l1, &err), 0);
	assert_string_not_equal(json_string_value(
				    json_object_get(json_array_get(l1, 0),
					"id")),
	    json_string_value(json_object_get(json_array_get(l1, 1), "id")));
	json_decref(l1);
	json_decref(m1);
}

/* A sensitive flag that is not a yes or a no fails closed. */
static void
test_sensitive_fails_closed(void **state)
{
	static const char *const bad[] = { "{\"reason\": \"HR\"}", "[\"HR\"]",
		"null", "\"\"", "\"maybe\"", "2", NULL };
	struct ae_error err;
	char json[256];
	json_t *m;
	size_t i;

	(void)state;
	for (i = 0; bad[i]; i++) {
		snprintf(json, sizeof(json),
		    "{\"id\": \"M\", \"client\": "
		    "\"C\", \"date\": \"2026-11-20\", \"distribution\": [\"A\"], \"notes\": [{\"text\": "
		    "\"t\", \"sensitive\": %s}]}",
		    bad[i]);
		m = test_parse_json(json);
		ae_error_clear(&err);
		assert_int_equal(minutes_validate(m, &err), -1);
		assert_int_equal(err.code, AE_EDATA);
		assert_string_equal(err.field, "notes[1].sensitive");
		json_decref(m);
	}
}

static void
test_actions(void **state)
{
	struct ae_error err;
	json_t *m = test_parse_json(sample), *l, *a;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(minutes_actions(m, 1, &l, &err), 0);
	assert_int_equal(json_array_size(l), 1);
	a = json_array_get(l, 0);
	assert_string_equal(json_string_value(json_object_get(a, "id")),
	    "M-A7076");
	assert_string_equal(json_string_value(json_object_get(a, "status")),
	    "open");
	assert_string_equal(json_string_value(json_object_get(a, "minutes")),
	    "M");
	assert_string_equal(json_string_value(json_object_get(a, "client")),
	    "C");
	assert_null(json_object_get(a, "sensitive"));
	json_decref(l);
	json_decref(m);

	m = test_parse_json(
	    "{\"id\": \"M\", \"client\": \"C\", \"date\": \"2026-11-20\", \"distribution\": [\"A\"], "
	    "\"actions\": [{\"what\": \"x\", \"owner\": \"B\"}]}");
	assert_int_equal(minutes_actions(m, 0, &l, &err), -1);
	assert_null(l);
	assert_string_equal(err.field, "actions[1].due");
	json_decref(m);
}

static void
test_when(void **state)
{
	struct ae_error err;
	struct when w;
	char buf[WHEN_BUFSIZE];
	json_t *o =
	    test_parse_json("{\"a\": \"2026-11-20T09:05+09:00\", \"b\": "
			    "\"2026年11月20日\", \"c\": \"2026-11-20 09:05\"}");

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(field_when(FIELD_OBJECT(o), "a", &w, &err), 1);
	when_format(&w, buf);
	assert_string_equal(buf, "2026-11-20 09:05 +09:00");
	assert_int_equal(field_when(FIELD_OBJECT(o), "b", &w, &err), 1);
	when_format(&w, buf);
	assert_string_equal(buf, "2026-11-20");
	assert_int_equal(when_latest(&w) - when_earliest(&w), 86400);
	assert_int_equal(field_when(FIELD_OBJECT(o), "c", &w, &err), 1);
	when_format(&w, buf);
	assert_string_equal(buf, "2026-11-20 09:05");
	assert_int_equal(field_when(FIELD_OBJECT(o), "none", &w, &err), 0);
	json_decref(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline_edges),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_validate_errors),
		cmocka_unit_test(test_client_copy),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_stable_ids),
		cmocka_unit_test(test_sensitive_fails_closed),
		cmocka_unit_test(test_when),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
