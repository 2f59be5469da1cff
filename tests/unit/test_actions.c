#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "actions.h"
#include "date.h"
#include "strbuf.h"
#include "writer.h"

static int
read_json(const char *text, struct action *a, struct ae_error *err)
{
	json_error_t e;
	struct record r = { "t.json", 3, NULL, NULL, NULL, NULL, NULL, NULL };
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
	assert_int_equal(
	    read_json("{\"id\": \"A\", \"what\": \"w\", \"owner\": "
		      "\"O\", \"due\": \"2026/11/20\", \"client\": \"C\"}",
		&a, &err),
	    0);
	assert_string_equal(a.id, "A");
	assert_int_equal(a.due, day("2026-11-20"));
	assert_int_equal(a.status, ACTION_OPEN);
	assert_string_equal(a.client, "C");
	assert_int_equal(a.line, 3);
	action_release(&a);

	assert_int_equal(
	    read_json(
		"{\"id\": 7, \"what\": \"w\", \"owner\": "
		"\"O\", \"due\": \"2026-11-20\", \"status\": \"dropped\"}",
		&a, &err),
	    0);
	assert_string_equal(a.id, "7");
	assert_int_equal(a.status, ACTION_DROPPED);
	action_release(&a);

	assert_int_equal(read_json("{\"id\": \"A\", \"what\": \"w\", "
				   "\"due\": \"2026-11-20\"}",
			     &a, &err),
	    -1);
	assert_string_equal(err.field, "owner");
	assert_string_equal(err.text, "required field is missing");
	assert_int_equal(read_json("{\"id\": \"A\", \"what\": [1], "
				   "\"owner\": \"O\", \"due\": \"2026-11-20\"}",
			     &a, &err),
	    -1);
	assert_string_equal(err.field, "what");
	assert_string_equal(err.text, "expected a single value");
	assert_int_equal(
	    read_json(
		"{\"id\": \"A\", \"what\": \"w\", "
		"\"owner\": \"O\", \"due\": \"2026-11-20\", \"done_on\": \"x\"}",
		&a, &err),
	    -1);
	assert_string_equal(err.field, "done_on");
	assert_int_equal(
	    read_json(
		"{\"id\": \"A\", \"what\": \"w\", "
		"\"owner\": \"O\", \"due\": \"2026-11-20\", \"status\": \"Open\"}",
		&a, &err),
	    -1);
	assert_string_equal(err.text,
	    "'Open' is not one of open, done, dropped");
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
	assert_false(action_matches(&a, &f)); /* due today is not late */
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
	assert_false(action_matches(&a, &f)); /* no client */
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
	assert_string_equal(l.v[1].id, "b1"); /* ties keep input order */
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
	memo = action_reminder("Ann", v, 2, day("2026-11-25"), "AE", 1, 1);
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

static void
test_status_parse(void **state)
{
	(void)state;
	assert_int_equal(action_status_parse("open"), ACTION_OPEN);
	assert_int_equal(action_status_parse("done,dropped"),
	    ACTION_DONE | ACTION_DROPPED);
	assert_int_equal(action_status_parse(",open,,done,"),
	    ACTION_OPEN | ACTION_DONE);
	assert_int_equal(action_status_parse("all"), ACTION_ANY);
	assert_int_equal(action_status_parse("open,Done"), 0);
	assert_int_equal(action_status_parse("all,closed"), 0);
	assert_int_equal(action_status_parse(""), 0);
	assert_int_equal(action_status_parse(","), 0);
}

static void
test_overdue(void **state)
{
	struct action_filter f = { .due_within = -1 };
	struct action a = mk("a1", "2026-11-20", ACTION_OPEN);
	struct findings fd;
	struct finding_sink *fs = findings_sink(&fd);

	(void)state;
	f.as_of = day("2026-11-25");
	assert_int_equal(action_overdue(&a, &f), 5);
	action_report_overdue(&a, 5, fs);
	action_report_overdue(&a, 1, fs);
	assert_string_equal(fd.text,
	    "overdue: action 'a1' 'w' (Ann) was due "
	    "2026-11-20, 5 days ago\n"
	    "overdue: action 'a1' 'w' (Ann) was due 2026-11-20, 1 day ago\n");

	f.owner = "Bob"; /* not shown: not a finding */
	assert_int_equal(action_overdue(&a, &f), 0);
	f.owner = NULL;
	a.due = f.as_of; /* due today is not late */
	assert_int_equal(action_overdue(&a, &f), 0);
	a.due = day("2026-11-01");
	a.status = ACTION_DONE;
	f.status = ACTION_ANY;
	assert_int_equal(action_overdue(&a, &f), 0);
	a.status = ACTION_OPEN;
	assert_int_equal(action_overdue(&a, &f), 24);
	action_release(&a);
}

static void
test_reminders(void **state)
{
	struct action_list l = { 0 };
	struct action a;
	json_t *memos, *staff;

	(void)state;
	a = mk("b1", "2026-11-26", ACTION_OPEN);
	action_list_add(&l, &a);
	a = mk("a1", "2026-11-30", ACTION_OPEN);
	action_list_add(&l, &a);
	a = mk("a2", "2026-11-20", ACTION_DONE); /* not reminded */
	action_list_add(&l, &a);
	a = mk("a3", "2026-11-22", ACTION_OPEN);
	action_list_add(&l, &a);
	memos = action_reminders(&l, day("2026-11-25"), "AE", 1, NULL, NULL);
	assert_int_equal(json_array_size(memos), 2);
	assert_string_equal(json_string_value(
				json_object_get(json_array_get(memos, 0),
				    "to")),
	    "Ann");
	assert_string_equal(json_string_value(
				json_object_get(json_array_get(memos, 0),
				    "body")),
	    "Open actions as of 2026-11-25: 2 (overdue: 1).\n\n"
	    "- **2026-11-22** (3 overdue) w [a3]\n"
	    "- **2026-11-30** (5 left) w [a1]");
	assert_string_equal(json_string_value(
				json_object_get(json_array_get(memos, 1),
				    "to")),
	    "Bob");
	assert_string_equal(json_string_value(
				json_object_get(json_array_get(memos, 1),
				    "from")),
	    "AE");
	json_decref(memos);

	/* Bob is not on the staff list: the client's, so no ids for him. */
	staff = json_pack("{s:b}", "Ann", 1);
	memos = action_reminders(&l, day("2026-11-25"), "AE", 1, staff, NULL);
	assert_string_equal(json_string_value(
				json_object_get(json_array_get(memos, 1),
				    "body")),
	    "Open actions as of 2026-11-25: 1, none overdue.\n\n"
	    "- **2026-11-26** (1 left) w");
	json_decref(memos);
	json_decref(staff);

	action_list_release(&l);
	memos = action_reminders(&l, day("2026-11-25"), "AE", 0, NULL, NULL);
	assert_int_equal(json_array_size(memos), 0);
	json_decref(memos);
}

static void
test_done_ids(void **state)
{
	struct action_done d = { 0 };

	(void)state;
	assert_int_equal(action_done_add(&d, " A1 , ,A2,"), 2);
	assert_int_equal(action_done_add(&d, ""), 0);
	assert_int_equal(action_done_add(&d, " , "), 0);
	assert_int_equal(action_done_add(&d, "A 3"), 1);
	assert_int_equal(d.n, 3);
	assert_string_equal(d.ids[0], "A1");
	assert_string_equal(d.ids[1], "A2");
	assert_string_equal(d.ids[2], "A 3");
	assert_string_equal(action_done_missing(&d), "A1");
	action_done_release(&d);
	assert_int_equal(d.n, 0);
	assert_null(action_done_missing(&d));
}

static char *
write_done(struct action_done *d, const struct record *r, size_t n)
{
	char *buf = NULL;
	size_t len = 0, i;
	struct ae_error err;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	ae_error_clear(&err);
	for (i = 0; i < n; i++)
		assert_int_equal(action_done_put(d, f, &r[i], day("2026-11-25"),
				     &err),
		    0);
	action_done_release(d);
	fclose(f);
	return buf;
}

static void
test_done_csv(void **state)
{
	char *names[] = { "id", "what", "status" };
	struct csv_header h = { 3, names, { { NULL, 0 } }, 0 };
	const char *v1[] = { "A1", "brief", "" }, *v2[] = { "A2", "call", "" };
	struct record r[2] = {
		{ "a.csv", 2, NULL, &h, v1, NULL, NULL, NULL },
		{ "a.csv", 3, NULL, &h, v2, NULL, NULL, NULL },
	};
	struct action_done d = { 0 };
	const char **hd = action_done_header(&h);
	char *out;

	(void)state;
	assert_string_equal(hd[2], "status");
	assert_string_equal(hd[3], "done_on");
	assert_null(hd[4]);
	free(hd);

	action_done_add(&d, "A2");
	out = write_done(&d, r, 2);
	assert_string_equal(out,
	    "id,what,status,done_on\n"
	    "A1,brief,,\n"
	    "A2,call,done,2026-11-25\n");
	free(out);

	action_done_add(&d, "A9");
	assert_null(action_done_apply(&d, &r[0], day("2026-11-25")));
	assert_string_equal(action_done_missing(&d), "A9");
	action_done_release(&d);
}

static void
test_done_json(void **state)
{
	struct record r[2] = {
		{ "a.json", 1, NULL, NULL, NULL, NULL, NULL, NULL },
		{ "a.json", 2, NULL, NULL, NULL, NULL, NULL, NULL },
	};
	struct action_done d = { 0 };
	char *out;

	(void)state;
	r[0].object = json_pack("{s:s, s:s}", "id", "A1", "what", "brief");
	r[1].object = json_pack("{s:i, s:s, s:s, s:s}", "id", 7, "what", "call",
	    "status", "done", "done_on", "2026-11-01");
	action_done_add(&d, "A1,7");
	out = write_done(&d, r, 2);
	assert_string_equal(out,
	    "{\"id\":\"A1\",\"what\":\"brief\",\"status\":\"done\","
	    "\"done_on\":\"2026-11-25\"}\n"
	    "{\"id\":7,\"what\":\"call\",\"status\":\"done\","
	    "\"done_on\":\"2026-11-01\"}\n");
	free(out);
	/* The records themselves are not changed. */
	assert_null(json_object_get(r[0].object, "status"));
	json_decref(r[0].object);
	json_decref(r[1].object);
}

static void
test_list_write(void **state)
{
	struct action_list l = { 0 };
	struct rec_writer *w;
	struct ae_error err;
	struct action a;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	a = mk("a1", "2026-11-26", ACTION_OPEN);
	a.record = json_pack("{s:s, s:s}", "id", "a1", "due", "2026-11-26");
	action_list_add(&l, &a);
	a = mk("a2", "2026-11-27", ACTION_OPEN);
	a.record = json_pack("{s:s, s:s}", "id", "a2", "note", "x");
	a.source = strdup("a.json");
	a.line = 9;
	action_list_add(&l, &a);
	ae_error_clear(&err);
	w = rec_writer_new(f, RECORD_CSV, 0);
	assert_int_equal(action_list_write(&l, w, &err), -1);
	assert_string_equal(err.source, "a.json");
	assert_int_equal(err.line, 9);
	rec_writer_free(w);
	fclose(f);
	free(buf);

	buf = NULL;
	f = open_memstream(&buf, &len);
	w = rec_writer_new(f, RECORD_JSON, 0);
	assert_int_equal(action_list_write(&l, w, &err), 0);
	rec_writer_free(w);
	fclose(f);
	assert_string_equal(buf,
	    "{\"id\":\"a1\",\"due\":\"2026-11-26\"}\n"
	    "{\"id\":\"a2\",\"note\":\"x\"}\n");
	free(buf);
	action_list_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_filter_and_sort),
		cmocka_unit_test(test_days_and_done),
		cmocka_unit_test(test_reminder),
		cmocka_unit_test(test_status_parse),
		cmocka_unit_test(test_overdue),
		cmocka_unit_test(test_reminders),
		cmocka_unit_test(test_done_ids),
		cmocka_unit_test(test_done_csv),
		cmocka_unit_test(test_done_json),
		cmocka_unit_test(test_list_write),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
