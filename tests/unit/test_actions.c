#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "actions.h"
#include "date.h"

static int
read_json(const char *text, struct action *a, struct ae_error *err)
{
	json_error_t e;
	struct record r = { "t.json", 3, NULL, NULL, NULL };
	int rc;

	r.object = json_loads(text, 0, &e);
	assert_non_null(r.object);
	ae_error_clear(err);
	rc = action_read(&r, a, err);
	json_decref(r.object);
	return rc;
}

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(date_parse(s, &d, NULL), 0);
	return d;
}

static void
test_read(void **state)
{
	struct ae_error err;
	struct action a;

	(void)state;
	assert_int_equal(read_json("{\"id\": \"A\", \"what\": \"w\", \"owner\": "
	    "\"O\", \"due\": \"2026/11/20\", \"client\": \"C\"}", &a, &err), 0);
	assert_string_equal(a.id, "A");
	assert_int_equal(a.due, day("2026-11-20"));
	assert_int_equal(a.status, ACTION_OPEN);
	assert_string_equal(a.client, "C");
	assert_int_equal(a.line, 3);
	action_release(&a);

	assert_int_equal(read_json("{\"id\": 7, \"what\": \"w\", \"owner\": "
	    "\"O\", \"due\": \"2026-11-20\", \"status\": \"dropped\"}", &a,
	    &err), 0);
	assert_string_equal(a.id, "7");
	assert_int_equal(a.status, ACTION_DROPPED);
	action_release(&a);

	assert_int_equal(read_json("{\"id\": \"A\", \"what\": \"w\", "
	    "\"due\": \"2026-11-20\"}", &a, &err), -1);
	assert_string_equal(err.field, "owner");
	assert_string_equal(err.text, "required field is missing");
	assert_int_equal(read_json("{\"id\": \"A\", \"what\": [1], "
	    "\"owner\": \"O\", \"due\": \"2026-11-20\"}", &a, &err), -1);
	assert_string_equal(err.field, "what");
	assert_string_equal(err.text, "expected a text");
	assert_int_equal(read_json("{\"id\": \"A\", \"what\": \"w\", "
	    "\"owner\": \"O\", \"due\": \"2026-11-20\", \"done_on\": \"x\"}",
	    &a, &err), -1);
	assert_string_equal(err.field, "done_on");
	assert_int_equal(read_json("{\"id\": \"A\", \"what\": \"w\", "
	    "\"owner\": \"O\", \"due\": \"2026-11-20\", \"status\": \"Open\"}",
	    &a, &err), -1);
	assert_string_equal(err.text, "'Open' is not one of open, done, dropped");
}

static struct action
mk(const char *id, const char *due, enum action_status st)
{
	struct action a;

	memset(&a, 0, sizeof(a));
	a.id = strdup(id);
	a.what = strdup("w");
	a.owner = strdup(id[0] == 'a' ? "Ann" : "Bob");
	a.due = day(due);
	a.status = st;
	return a;
}

static void
test_filter_and_sort(void **state)
{
	struct action_filter f = { .due_within = -1 };
	struct action_list l = { 0 };
	struct action a;

	(void)state;
	f.as_of = day("2026-11-25");
	a = mk("a1", "2026-11-24", ACTION_OPEN);
	assert_true(action_matches(&a, &f));
	f.overdue = 1;
	assert_true(action_matches(&a, &f));
	a.due = f.as_of;
	assert_false(action_matches(&a, &f));	/* due today is not late */
	f.overdue = 0;
	f.due_within = 0;
	assert_true(action_matches(&a, &f));
	a.due = f.as_of + 1;
	assert_false(action_matches(&a, &f));
	f.due_within = -1;
	f.owner = "Bob";
	assert_false(action_matches(&a, &f));
	f.owner = NULL;
	f.client = "C";
	assert_false(action_matches(&a, &f));	/* no client */
	f.client = NULL;
	a.status = ACTION_DONE;
	assert_false(action_matches(&a, &f));
	f.status = ACTION_ANY;
	assert_true(action_matches(&a, &f));
	action_release(&a);

	a = mk("b1", "2026-11-26", ACTION_OPEN);
	action_list_add(&l, &a);
	a = mk("a1", "2026-11-20", ACTION_OPEN);
	action_list_add(&l, &a);
	a = mk("b2", "2026-11-26", ACTION_OPEN);
	action_list_add(&l, &a);
	a = mk("a2", "2026-11-26", ACTION_OPEN);
	action_list_add(&l, &a);
	action_list_sort(&l);
	assert_string_equal(l.v[0].id, "a1");
	assert_string_equal(l.v[1].id, "b1");	/* ties keep input order */
	assert_string_equal(l.v[2].id, "b2");
	assert_string_equal(l.v[3].id, "a2");
	action_list_release(&l);
}

static void
test_days_and_done(void **state)
{
	char buf[64], day_text[DATE_BUFSIZE];
	json_t *o;

	(void)state;
	action_days_text(day("2026-11-27"), day("2026-11-25"), buf,
	    sizeof(buf));
	assert_string_equal(buf, "2 left");
	action_days_text(day("2026-11-25"), day("2026-11-25"), buf,
	    sizeof(buf));
	assert_string_equal(buf, "today");
	action_days_text(day("2026-11-20"), day("2026-11-25"), buf,
	    sizeof(buf));
	assert_string_equal(buf, "5 overdue");

	o = json_pack("{s:s, s:s}", "id", "A", "status", "open");
	action_mark_done(o, day("2026-11-25"));
	assert_string_equal(json_string_value(json_object_get(o, "status")),
	    "done");
	assert_string_equal(json_string_value(json_object_get(o, "done_on")),
	    "2026-11-25");
	/* Already done: the recorded day stays. */
	action_mark_done(o, day("2026-11-30"));
	date_format(day("2026-11-25"), day_text);
	assert_string_equal(json_string_value(json_object_get(o, "done_on")),
	    day_text);
	json_decref(o);
}

static void
test_reminder(void **state)
{
	struct action a = mk("a1", "2026-11-20", ACTION_OPEN);
	struct action b = mk("a2", "2026-11-26", ACTION_OPEN);
	struct action *v[] = { &a, &b };
	json_t *memo;

	(void)state;
	memo = action_reminder("Ann", v, 2, day("2026-11-25"), "AE", 1);
	assert_string_equal(json_string_value(json_object_get(memo, "to")),
	    "Ann");
	assert_string_equal(json_string_value(json_object_get(memo, "date")),
	    "2026-11-25");
	assert_string_equal(json_string_value(json_object_get(memo, "body")),
	    "Open actions as of 2026-11-25: 2 (overdue: 1).\n\n"
	    "- **2026-11-20** (5 overdue) w [a1]\n"
	    "- **2026-11-26** (1 left) w [a2]");
	json_decref(memo);
	action_release(&a);
	action_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_filter_and_sort),
		cmocka_unit_test(test_days_and_done),
		cmocka_unit_test(test_reminder),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
