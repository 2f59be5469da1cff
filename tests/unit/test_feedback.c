#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "date.h"
#include "feedback.h"
#include "testutil.h"

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(date_parse(s, &d, NULL), 0);
	return d;
}

static int64_t
when(const char *s)
{
	struct datetime t;

	assert_int_equal(datetime_parse(s, &t, NULL), 0);
	return t.epoch;
}

/* Adds the JSON object TEXT, as read from line LINE of "t.json". */
static int
add(struct feedback *fb, long line, const char *text, struct ae_error *err)
{
	struct record r = { "t.json", line, NULL, NULL, NULL, NULL, NULL, NULL };
	int rc;

	r.object = test_parse_json(text);
	ae_error_clear(err);
	rc = feedback_add(fb, &r, err);
	json_decref(r.object);
	return rc;
}

static void
add_ok(struct feedback *fb, long line, const char *text)
{
	struct ae_error err;

	if (add(fb, line, text, &err) != 0)
		fail_msg("%s", err.text);
}

struct rules {
	struct finding_sink sink;
	char text[2048];
	int n;
};

static void
collect(void *ctx, const struct finding *f)
{
	struct rules *r = ctx;
	size_t len = strlen(r->text);

	snprintf(r->text + len, sizeof(r->text) - len, "%ld %s\n", f->line,
	    f->rule);
	r->n++;
}

/* R emptied, and its sink. */
static struct finding_sink *
sink(struct rules *r)
{
	memset(r, 0, sizeof(*r));
	finding_sink_init(&r->sink, collect, r);
	return &r->sink;
}

static void
test_week_parse(void **state)
{
	struct feedback_period p;
	struct ae_error err;
	char buf[16];

	(void)state;
	assert_int_equal(feedback_week_parse("2026-W47", &p, NULL), 0);
	assert_int_equal(p.from, day("2026-11-16"));
	assert_int_equal(p.to, day("2026-11-23"));
	assert_string_equal(p.label, "2026-W47");
	/* Week 1 holds the year's first Thursday. */
	assert_int_equal(feedback_week_parse("2026-W01", &p, NULL), 0);
	assert_int_equal(p.from, day("2025-12-29"));
	assert_int_equal(feedback_week_parse("2020-W53", &p, NULL), 0);
	assert_int_equal(p.from, day("2020-12-28"));
	ae_error_clear(&err);
	assert_int_equal(feedback_week_parse("2021-W53", &p, &err), -1);
	assert_int_equal(err.code, AE_EUSAGE);
	assert_int_equal(feedback_week_parse("2026-W00", &p, NULL), -1);
	assert_int_equal(feedback_week_parse("2026-47", &p, NULL), -1);
	assert_int_equal(feedback_week_parse("2026-W4", &p, NULL), -1);
	feedback_week_format(day("2027-01-01"), buf);
	assert_string_equal(buf, "2026-W53");
	feedback_week_format(day("2024-12-30"), buf);
	assert_string_equal(buf, "2025-W01");
	assert_int_equal(feedback_month_period("2026-12", &p, NULL), 0);
	assert_int_equal(p.to - p.from, 31);
	assert_string_equal(p.label, "2026-12");
}

/* 24 h to the minute is in time; a minute more is late. */
static void
test_answer_edge(void **state)
{
	struct feedback fb;
	struct rules r;
	const char *body;
	json_t *memos;

	(void)state;
	feedback_init(&fb, day("2026-11-04"), 0);
	add_ok(&fb, 1,
	    "{\"type\": \"complaint\", \"id\": \"A1\", \"client\": "
	    "\"C\", \"summary\": \"s\", \"received\": \"2026-11-02T09:00\", "
	    "\"answered\": \"2026-11-03T09:00\"}");
	add_ok(&fb, 2,
	    "{\"type\": \"complaint\", \"id\": \"A2\", \"client\": "
	    "\"C\", \"summary\": \"s\", \"received\": \"2026-11-02T09:00\", "
	    "\"answered\": \"2026-11-03T09:01\"}");
	/* Zones: 01:00Z is 09:00 in Shanghai. */
	add_ok(&fb, 3,
	    "{\"type\": \"complaint\", \"id\": \"A3\", \"client\": "
	    "\"C\", \"summary\": \"s\", \"received\": \"2026-11-02T01:00Z\", "
	    "\"answered\": \"2026-11-03T09:00+08:00\"}");
	/* Not answered: measured at the end of the as-of day. */
	add_ok(&fb, 4,
	    "{\"type\": \"complaint\", \"id\": \"A4\", \"client\": "
	    "\"C\", \"summary\": \"s\", \"received\": \"2026-11-04T00:00\"}");
	add_ok(&fb, 5,
	    "{\"type\": \"complaint\", \"id\": \"A5\", \"client\": "
	    "\"C\", \"summary\": \"s\", \"received\": \"2026-11-03T23:59\"}");
	assert_int_equal(feedback_check(&fb, sink(&r)), 2);
	assert_string_equal(r.text, "2 answer\n5 answer\n");
	/* A2 was answered late; A5 is still to answer: only it is overdue. */
	memos = feedback_reminders(&fb, "AE", 1, NULL);
	assert_int_equal(json_array_size(memos), 1);
	body = json_string_value(
	    json_object_get(json_array_get(memos, 0), "body"));
	assert_non_null(body);
	assert_non_null(strstr(body, "A5"));
	assert_null(strstr(body, "A2"));
	json_decref(memos);
	feedback_release(&fb);
}

static void
test_escalate_and_callback(void **state)
{
	struct feedback fb;
	struct rules r;

	(void)state;
	feedback_init(&fb, day("2026-11-10"), 0);
	add_ok(&fb, 1,
	    "{\"type\": \"complaint\", \"id\": \"E1\", \"client\": "
	    "\"C\", \"summary\": \"s\", \"severity\": \"major\", \"received\": "
	    "\"2026-11-02T09:00\", \"answered\": \"2026-11-02T10:00\", "
	    "\"escalated\": \"2026-11-03T09:00\", \"resolved\": "
	    "\"2026-11-03T12:00\"}");
	add_ok(&fb, 2,
	    "{\"type\": \"complaint\", \"id\": \"E2\", \"client\": "
	    "\"C\", \"summary\": \"s\", \"severity\": \"critical\", "
	    "\"received\": \"2026-11-02T09:00\", \"answered\": "
	    "\"2026-11-02T10:00\", \"escalated\": \"2026-11-03T09:01\", "
	    "\"resolved\": \"2026-11-02T12:00\"}");
	/* Resolved in time without an answer of its own: answered then. */
	add_ok(&fb, 5,
	    "{\"type\": \"complaint\", \"id\": \"E4\", \"client\": "
	    "\"C\", \"summary\": \"s\", \"received\": \"2026-11-05T09:00\", "
	    "\"resolved\": \"2026-11-05T12:00\"}");
	add_ok(&fb, 6,
	    "{\"type\": \"callback\", \"client\": \"C\", \"date\": "
	    "\"2026-11-06\", \"by\": \"P\", \"complaint\": \"E4\"}");
	/* A minor one need not go to the general manager. */
	add_ok(&fb, 3,
	    "{\"type\": \"complaint\", \"id\": \"E3\", \"client\": "
	    "\"C\", \"summary\": \"s\", \"received\": \"2026-11-02T09:00\", "
	    "\"answered\": \"2026-11-02T10:00\", \"note\": \"n\"}");
	/* E1 called back on day 7, E2 not at all by day 8. */
	add_ok(&fb, 4,
	    "{\"type\": \"callback\", \"client\": \"C\", \"date\": "
	    "\"2026-11-10\", \"by\": \"P\", \"complaint\": \"E1\"}");
	assert_int_equal(feedback_check(&fb, sink(&r)), 2);
	assert_string_equal(r.text, "2 escalate\n2 callback\n");
	feedback_release(&fb);
}

/* Open past the limit without a note: 30 days quiet, 31 fires. */
static void
test_open_edge(void **state)
{
	struct feedback fb;
	struct rules r;

	(void)state;
	feedback_init(&fb, day("2026-11-02"), 0);
	add_ok(&fb, 1,
	    "{\"type\": \"complaint\", \"id\": \"O1\", \"client\": "
	    "\"C\", \"summary\": \"s\", \"received\": \"2026-10-03T09:00\", "
	    "\"answered\": \"2026-10-03T10:00\"}");
	add_ok(&fb, 2,
	    "{\"type\": \"complaint\", \"id\": \"O2\", \"client\": "
	    "\"C\", \"summary\": \"s\", \"received\": \"2026-10-02T09:00\", "
	    "\"answered\": \"2026-10-02T10:00\"}");
	add_ok(&fb, 3,
	    "{\"type\": \"complaint\", \"id\": \"O3\", \"client\": "
	    "\"C\", \"summary\": \"s\", \"received\": \"2026-10-01T09:00\", "
	    "\"answered\": \"2026-10-01T10:00\", \"note\": \"audit\"}");
	assert_int_equal(feedback_check(&fb, sink(&r)), 1);
	assert_string_equal(r.text, "2 open\n");
	feedback_release(&fb);
}

/* Seen as of a day: what came after it has not happened yet. */
static void
test_point_in_time(void **state)
{
	struct feedback fb;
	struct table *t;
	struct feedback_due_list l;
	char *csv = NULL;
	size_t len = 0;
	FILE *f;
	const char *text =
	    "{\"type\": \"complaint\", \"id\": \"P1\", "
	    "\"client\": \"C\", \"summary\": \"s\", \"owner\": \"W\", "
	    "\"received\": \"2026-11-16T09:00\", \"answered\": "
	    "\"2026-11-16T15:00\", \"resolved\": \"2026-11-18T10:00\"}";

	(void)state;
	feedback_init(&fb, day("2026-11-17"), 0);
	add_ok(&fb, 1, text);
	add_ok(&fb, 2,
	    "{\"type\": \"complaint\", \"id\": \"P2\", \"client\": "
	    "\"C\", \"summary\": \"s\", \"received\": \"2026-11-18T09:00\"}");
	add_ok(&fb, 3,
	    "{\"type\": \"callback\", \"client\": \"C\", \"date\": "
	    "\"2026-11-18\", \"by\": \"W\", \"complaint\": \"P1\"}");
	assert_int_equal(fb.nc, 1);
	assert_int_equal(fb.nb, 0);
	assert_true(feedback_is_open(&fb, &fb.cv[0]));
	assert_true(fb.cv[0].has_answered);
	t = feedback_open_table(&fb, 0);
	assert_non_null(f = open_memstream(&csv, &len));
	table_write(t, TABLE_CSV, 0, f);
	fclose(f);
	assert_string_equal(csv,
	    "age,received,id,client,severity,owner,"
	    "stage,summary\n1,2026-11-16T09:00:00+08:00,P1,C,minor,W,"
	    "answered,s\n");
	free(csv);
	table_free(t);
	feedback_release(&fb);

	/* The day after: resolved, and its call-back due in 7 days. */
	feedback_init(&fb, day("2026-11-18"), 0);
	add_ok(&fb, 1, text);
	assert_false(feedback_is_open(&fb, &fb.cv[0]));
	feedback_callbacks_due(&fb, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].kind, FB_COMPLAINT);
	assert_int_equal(l.v[0].due, day("2026-11-25"));
	feedback_due_list_release(&l);
	feedback_release(&fb);
}

/* On the as-of day itself, overdue is measured now, not at midnight. */
static void
test_now_today(void **state)
{
	struct feedback fb;
	struct rules r;
	const char *text =
	    "{\"type\": \"complaint\", \"id\": \"N1\", "
	    "\"client\": \"C\", \"summary\": \"s\", \"received\": "
	    "\"2026-11-02T10:00\"}";

	(void)state;
	feedback_init(&fb, day("2026-11-03"), when("2026-11-03T09:00"));
	add_ok(&fb, 1, text);
	assert_int_equal(feedback_check(&fb, sink(&r)), 0);
	feedback_release(&fb);
	feedback_init(&fb, day("2026-11-03"), when("2026-11-03T10:01"));
	add_ok(&fb, 1, text);
	assert_int_equal(feedback_check(&fb, sink(&r)), 1);
	feedback_release(&fb);
}

static void
test_callbacks_due(void **state)
{
	struct feedback fb;
	struct feedback_due_list l;

	(void)state;
	feedback_init(&fb, day("2026-11-25"), 0);
	fb.limits.quiet_days = 90;
	add_ok(&fb, 1,
	    "{\"type\": \"job\", \"job\": \"J1\", \"client\": "
	    "\"D\", \"title\": \"t\", \"opened\": \"2026-09-01\", \"ae\": "
	    "\"L\", \"closed\": \"2026-11-20\"}");
	add_ok(&fb, 2,
	    "{\"type\": \"job\", \"job\": \"J2\", \"client\": "
	    "\"D\", \"title\": \"t\", \"opened\": \"2026-09-01\", \"ae\": "
	    "\"L\", \"closed\": \"2026-11-19\"}");
	add_ok(&fb, 3,
	    "{\"type\": \"callback\", \"client\": \"D\", \"date\": "
	    "\"2026-11-21\", \"by\": \"L\", \"kind\": \"delivery\", \"job\": "
	    "\"J2\"}");
	/* Q last heard from 91 days ago, and never surveyed. */
	add_ok(&fb, 4,
	    "{\"type\": \"callback\", \"client\": \"Q\", \"date\": "
	    "\"2026-08-26\", \"by\": \"M\", \"kind\": \"delivery\"}");
	feedback_callbacks_due(&fb, &l);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.v[0].kind, FB_DORMANT);
	assert_int_equal(l.v[0].due, day("2026-11-24"));
	assert_string_equal(l.v[0].client, "Q");
	assert_int_equal(l.v[1].kind, FB_SURVEY);
	assert_int_equal(l.v[1].since, INT32_MIN);
	assert_int_equal(l.v[2].kind, FB_DELIVERY);
	assert_string_equal(l.v[2].ref, "J1");
	assert_int_equal(l.v[2].due, day("2026-11-27"));
	feedback_due_list_release(&l);
	feedback_release(&fb);
}

static void
test_bad_values(void **state)
{
	struct feedback fb;
	struct ae_error err;

	(void)state;
	feedback_init(&fb, day("2026-11-25"), 0);
	assert_int_equal(
	    add(&fb, 7,
		"{\"type\": \"complaint\", \"id\": \"B\", "
		"\"client\": \"C\", \"summary\": \"s\", \"received\": "
		"\"2026-11-02T09:00\", \"severity\": \"urgent\"}",
		&err),
	    -1);
	assert_string_equal(err.field, "severity");
	assert_int_equal(err.line, 7);
	assert_int_equal(err.code, AE_EDATA);
	assert_int_equal(
	    add(&fb, 1,
		"{\"type\": \"complaint\", \"id\": \"B\", "
		"\"client\": \"C\", \"summary\": \"s\", \"received\": "
		"\"2026-11-02\"}",
		&err),
	    -1);
	assert_string_equal(err.field, "received");
	assert_int_equal(
	    add(&fb, 1,
		"{\"type\": \"callback\", \"client\": "
		"\"C\", \"date\": \"2026-11-02\", \"by\": \"P\", \"score\": 0}",
		&err),
	    -1);
	assert_string_equal(err.field, "score");
	assert_int_equal(
	    add(&fb, 1,
		"{\"type\": \"callback\", \"client\": "
		"\"C\", \"date\": \"2026-11-02\", \"by\": \"P\", \"satisfied\": "
		"\"maybe\"}",
		&err),
	    -1);
	assert_string_equal(err.field, "satisfied");
	assert_int_equal(add(&fb, 1,
			     "{\"type\": \"invoice\", \"invoice\": "
			     "\"I\"}",
			     &err),
	    -1);
	assert_non_null(strstr(err.text, "'invoice'"));
	assert_int_equal(fb.nc + fb.nb, 0);
	feedback_release(&fb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_week_parse),
		cmocka_unit_test(test_answer_edge),
		cmocka_unit_test(test_escalate_and_callback),
		cmocka_unit_test(test_open_edge),
		cmocka_unit_test(test_point_in_time),
		cmocka_unit_test(test_now_today),
		cmocka_unit_test(test_callbacks_due),
		cmocka_unit_test(test_bad_values),
	};

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
