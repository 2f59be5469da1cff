/*
 * Unit tests of lib/agenda: slots across midnight and zones, the order of
 * contentious items, every --check rule passing and failing, bad fields,
 * item lines, the JSON written back, and the iCalendar event read back
 * through libical's parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libical/ical.h>

#include "agenda.h"

static json_t *
parse(const char *json)
{
	json_error_t jerr;
	json_t *v = json_loads(json, 0, &jerr);

	if (v == NULL)
		fail_msg("bad test data %s: %s", json, jerr.text);
	return v;
}

static void
load_ok(struct agenda *a, const char *json)
{
	struct ae_error err;
	json_t *m = parse(json);

	ae_error_clear(&err);
	if (agenda_load(a, m, "m.json", 1, NULL, &err) != 0)
		fail_msg("load failed: %s: %s", err.field, err.text);
	json_decref(m);
}

static void
load_bad(const char *json, const char *field, const char *text)
{
	struct agenda a;
	struct ae_error err;
	json_t *m = parse(json);

	ae_error_clear(&err);
	assert_int_equal(agenda_load(&a, m, "m.json", 3, NULL, &err), -1);
	assert_int_equal(err.code, AE_EDATA);
	assert_string_equal(err.source, "m.json");
	assert_int_equal(err.line, 3);
	assert_string_equal(err.field, field);
	assert_string_equal(err.text, text);
	agenda_free(&a);
	json_decref(m);
}

static void
slot(const struct agenda *a, size_t i, char *from, char *to)
{
	struct datetime t = { a->items[i].start, a->start.offset };

	datetime_format(t, from);
	t.epoch = a->items[i].end;
	datetime_format(t, to);
}

static void
test_slots_across_midnight(void **state)
{
	struct agenda a;
	char from[DATETIME_BUFSIZE], to[DATETIME_BUFSIZE];

	(void)state;
	load_ok(&a, "{\"id\":\"M\",\"title\":\"T\","
	    "\"start\":\"2026-12-31T23:40:00+08:00\",\"duration\":60,"
	    "\"items\":[{\"topic\":\"a\",\"minutes\":15},"
	    "{\"topic\":\"b\",\"minutes\":10},{\"topic\":\"c\"}]}");
	assert_int_equal(a.nitems, 3);
	slot(&a, 0, from, to);
	assert_string_equal(from, "2026-12-31T23:40:00+08:00");
	assert_string_equal(to, "2026-12-31T23:55:00+08:00");
	slot(&a, 1, from, to);
	assert_string_equal(from, "2026-12-31T23:55:00+08:00");
	assert_string_equal(to, "2027-01-01T00:05:00+08:00");
	slot(&a, 2, from, to);		/* no minutes: an empty slot */
	assert_string_equal(from, "2027-01-01T00:05:00+08:00");
	assert_string_equal(to, "2027-01-01T00:05:00+08:00");
	assert_int_equal(a.planned, 25);
	agenda_free(&a);
}

static void
test_slots_keep_the_start_zone(void **state)
{
	struct agenda a;
	char from[DATETIME_BUFSIZE], to[DATETIME_BUFSIZE];
	json_t *ctx;

	(void)state;
	/* 09:30 in New York is 22:30 in Shanghai (TZ of the tests). */
	load_ok(&a, "{\"id\":\"M\",\"title\":\"T\","
	    "\"start\":\"2026-11-02T09:30-05:00\",\"end\":\"2026-11-02T10:15-05:00\","
	    "\"items\":[{\"topic\":\"a\",\"minutes\":30},"
	    "{\"topic\":\"b\",\"minutes\":15}]}");
	assert_int_equal(a.duration, 45);
	slot(&a, 1, from, to);
	assert_string_equal(from, "2026-11-02T10:00:00-05:00");
	assert_string_equal(to, "2026-11-02T10:15:00-05:00");
	ctx = agenda_context(&a);
	assert_string_equal(json_string_value(json_object_get(ctx, "time")),
	    "09:30-10:15");
	assert_string_equal(json_string_value(json_object_get(ctx, "date")),
	    "2026-11-02");
	json_decref(ctx);
	agenda_free(&a);

	/* UTC, and a half-hour zone. */
	load_ok(&a, "{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-02T23:50Z\","
	    "\"duration\":30,\"items\":[{\"topic\":\"a\",\"minutes\":20}]}");
	slot(&a, 0, from, to);
	assert_string_equal(to, "2026-11-03T00:10:00Z");
	ctx = agenda_context(&a);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(json_object_get(ctx, "items"), 0), "time")),
	    "23:50-00:10 (+1)");
	json_decref(ctx);
	agenda_free(&a);
	load_ok(&a, "{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-02T10:00+05:30\","
	    "\"duration\":30,\"items\":[{\"topic\":\"a\",\"minutes\":20}]}");
	slot(&a, 0, from, to);
	assert_string_equal(to, "2026-11-02T10:20:00+05:30");
	agenda_free(&a);
}

static void
test_contentious_first(void **state)
{
	struct agenda a;
	char from[DATETIME_BUFSIZE], to[DATETIME_BUFSIZE];
	json_t *j;

	(void)state;
	load_ok(&a, "{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":60,\"items\":["
	    "{\"topic\":\"a\",\"minutes\":5},"
	    "{\"topic\":\"b\",\"minutes\":10,\"contentious\":true},"
	    "{\"topic\":\"c\",\"minutes\":15},"
	    "{\"topic\":\"d\",\"minutes\":20,\"contentious\":\"是\"}]}");
	assert_string_equal(a.items[0].topic, "b");
	assert_string_equal(a.items[1].topic, "d");
	assert_string_equal(a.items[2].topic, "a");
	assert_string_equal(a.items[3].topic, "c");
	slot(&a, 1, from, to);		/* slots follow the new order */
	assert_string_equal(from, "2026-11-03T10:10:00+08:00");
	assert_string_equal(to, "2026-11-03T10:30:00+08:00");
	j = agenda_to_json(&a);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "items"), 2), "topic")), "a");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "items"), 2), "slot_start")),
	    "2026-11-03T10:30:00+08:00");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "items"), 2), "slot_end")),
	    "2026-11-03T10:35:00+08:00");
	json_decref(j);
	agenda_free(&a);
}

static void
test_bad_fields(void **state)
{
	(void)state;
	load_bad("{\"title\":\"T\",\"start\":\"2026-11-03T10:00\",\"duration\":5,"
	    "\"items\":[]}", "id", "required field is missing");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"duration\":5,\"items\":[]}",
	    "start", "required field is missing");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03\","
	    "\"duration\":5,\"items\":[]}", "start",
	    "'2026-11-03' is a date without a time");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"items\":[]}", "duration",
	    "a meeting needs a duration (minutes) or an end");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":0,\"items\":[]}", "duration",
	    "'0' is not a whole number from 1 to 10080");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"end\":\"2026-11-03T09:00\",\"items\":[]}", "end",
	    "'2026-11-03T09:00' is not after the start");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"end\":\"2026-11-03T11:00\",\"duration\":30,\"items\":[]}", "end",
	    "end is 60 minutes after the start, duration says 30");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":30}", "items", "required field is missing");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":30,\"items\":{}}", "items", "expected a list");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":30,\"items\":[{\"topic\":\"a\"},\"b\"]}", "items[2]",
	    "expected an object");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":30,\"items\":[{\"owner\":\"a\"}]}", "items[1].topic",
	    "required field is missing");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":30,\"items\":[{\"topic\":\"a\",\"minutes\":12.5}]}",
	    "items[1].minutes", "'12.5' is not a whole number from 0 to 10080");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":30,\"items\":[{\"topic\":\"a\",\"minutes\":"
	    "1e20}]}", "items[1].minutes",
	    "'100000000000000000000' is not a whole number from 0 to 10080");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":30,\"items\":[{\"topic\":\"a\",\"kind\":\"vote\"}]}",
	    "items[1].kind",
	    "'vote' is not one of opening, decision, discussion, info, approval");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":30,\"items\":[{\"topic\":\"a\",\"contentious\":\"maybe\"}]}",
	    "items[1].contentious", "'maybe' is not true or false");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":30,\"sent\":\"yesterday\",\"items\":[]}", "sent",
	    "'yesterday' is not a valid date or date and time");
	/* What the gate refuses, agenda refuses in its words. */
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":30,\"chair\":{\"org\":\"ACME\"},\"items\":[]}",
	    "chair.name", "required field is missing");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":30,\"sent_to\":[{\"org\":\"ACME\"}],\"items\":[]}",
	    "sent_to[1].name", "required field is missing");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":30,\"materials\":[{\"name\":\"deck\"}],"
	    "\"items\":[]}", "materials[1]", "expected a text");
	load_bad("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"end\":\"2026-11-11T10:00\",\"items\":[]}", "end",
	    "the meeting would last more than a week");
}

/*
 * An item without its owner or minutes is a draft's gap, which
 * agenda --check reports: the meeting loads.  A date alone for `sent`
 * counts as the end of that day, the latest it could have been.
 */
static void
test_draft_loads(void **state)
{
	struct agenda a;
	struct datetime sent, last;
	struct ae_error err;

	(void)state;
	load_ok(&a, "{\"id\":\"M\",\"title\":\"T\","
	    "\"start\":\"2026-11-03T10:00\",\"duration\":30,"
	    "\"sent\":\"2026-11-02\",\"items\":[{\"topic\":\"a\"}]}");
	assert_int_equal(a.nitems, 1);
	assert_null(a.items[0].owner);
	assert_int_equal(a.items[0].has_minutes, 0);
	assert_int_equal(a.has_sent, 1);
	sent = a.sent;
	ae_error_clear(&err);
	assert_int_equal(datetime_parse("2026-11-02T23:59:59", &last, &err), 0);
	assert_int_equal(sent.epoch, last.epoch);
	agenda_free(&a);
}

struct findings {
	char text[4096];
	int n;
};

static void
collect(void *ctx, const struct finding *fd)
{
	struct findings *f = ctx;
	size_t len = strlen(f->text);

	snprintf(f->text + len, sizeof(f->text) - len, "%s:%ld: %s: %s\n",
	    fd->source, fd->line, fd->rule, fd->detail);
	f->n++;
}

static struct datetime
at(const char *s)
{
	struct datetime t;
	struct ae_error err;

	ae_error_clear(&err);
	if (datetime_parse(s, &t, &err) != 0)
		fail_msg("%s", err.text);
	return t;
}

static void
check(const char *json, const char *now, const char *want, int n)
{
	struct agenda a;
	struct findings f = { "", 0 };
	struct finding_sink fs;

	load_ok(&a, json);
	finding_sink_init(&fs, collect, &f);
	assert_int_equal(agenda_check(&a, at(now), &fs), n);
	assert_string_equal(f.text, want);
	assert_int_equal(f.n, n);
	agenda_free(&a);
}

#define GOOD_ITEMS "\"client\":\"Acme\",\"agency\":\"Ogilvy\"," \
	"\"sent_to\":[{\"name\":\"Li\",\"org\":\"Acme\"},\"Wang <w@o.cn>\"]," \
	"\"attendees\":[{\"name\":\"Wang\",\"org\":\"Ogilvy\"}]," \
	"\"items\":[{\"topic\":\"a\",\"owner\":\"Li\",\"minutes\":30}," \
	"{\"topic\":\"b\",\"owner\":\"Wang\",\"minutes\":30}]"

static void
test_check_passes(void **state)
{
	(void)state;
	check("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":60," GOOD_ITEMS "}", "2026-11-03T09:00", "", 0);
	/* sent exactly one hour before; `sent` wins over now */
	check("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"end\":\"2026-11-03T11:00\",\"sent\":\"2026-11-03T09:00\","
	    GOOD_ITEMS "}", "2026-11-03T12:00", "", 0);
	/* a date alone: the day before is early enough */
	check("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":60,\"sent\":\"2026-11-02\"," GOOD_ITEMS "}",
	    "2026-11-03T12:00", "", 0);
}

static void
test_check_fails(void **state)
{
	(void)state;
	check("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":45,\"items\":[{\"topic\":\"Budget\",\"minutes\":30},"
	    "{\"topic\":\"Scripts\",\"owner\":\"Li\"},"
	    "{\"topic\":\" budget \",\"owner\":\"Wang\",\"minutes\":20,"
	    "\"contentious\":true},"
	    "{\"topic\":\"zero\",\"owner\":\"Wang\",\"minutes\":0}]}",
	    "2026-11-03T09:01",
	    "m.json:1: owner: item 'Budget' has no owner\n"
	    "m.json:1: minutes: item 'Scripts' has no minutes\n"
	    "m.json:1: duplicate: topic ' budget ' is listed twice (first on line 1)\n"
	    "m.json:1: minutes: item 'zero' has no minutes\n"
	    "m.json:1: fit: items take 50 minutes, the meeting has 45\n"
	    "m.json:1: sent_to: the agenda was sent to no one on record "
	    "(sent_to): send it to the client and the agency\n"
	    "m.json:1: sent: agenda not sent, and it is 2026-11-03T09:01:00+08:00, "
	    "less than 1 hour before the start 2026-11-03T10:00:00+08:00\n", 7);
	check("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":60,\"sent\":\"2026-11-03T09:30+08:00\"," GOOD_ITEMS "}",
	    "2026-11-01T00:00",
	    "m.json:1: sent: agenda sent 2026-11-03T09:30:00+08:00, less than 1 "
	    "hour before the start 2026-11-03T10:00:00+08:00\n", 1);
	/* a date alone on the meeting's day counts as that day's end */
	check("{\"id\":\"M\",\"title\":\"T\",\"start\":\"2026-11-03T10:00\","
	    "\"duration\":60,\"sent\":\"2026-11-03\"," GOOD_ITEMS "}",
	    "2026-11-01T00:00",
	    "m.json:1: sent: agenda sent 2026-11-03T23:59:59+08:00, less than 1 "
	    "hour before the start 2026-11-03T10:00:00+08:00\n", 1);
}

static void
test_ics_round_trip(void **state)
{
	struct agenda a;
	struct strbuf out = STRBUF_INIT;
	icalcomponent *cal, *ev;
	icalproperty *p;
	struct icaltimetype t;
	void *c;
	int n = 0;

	(void)state;
	load_ok(&a, "{\"id\":\"M-1\",\"title\":\"提案会, 第一轮\","
	    "\"start\":\"2026-11-03T23:30+08:00\",\"duration\":90,"
	    "\"location\":\"上海\",\"chair\":\"周立群\","
	    "\"attendees\":[{\"name\":\"周立群\",\"email\":\"zhou@example.cn\"},"
	    "\"何敏 <he@example.cn>\",\"吴斌\"],"
	    "\"items\":[{\"topic\":\"a\",\"minutes\":30}]}");
	c = agenda_ics_new();
	assert_int_equal(agenda_ics_add(c, &a, at("2026-11-02T12:00+08:00"),
	    "第一行\n第二行", NULL), 0);
	agenda_ics_finish(c, &out);
	agenda_free(&a);

	cal = icalparser_parse_string(out.buf);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	assert_string_equal(icalproperty_get_version(
	    icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY)), "2.0");
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_non_null(ev);
	assert_string_equal(icalcomponent_get_uid(ev), "M-1@aekit");
	assert_string_equal(icalcomponent_get_summary(ev), "提案会, 第一轮");
	assert_string_equal(icalcomponent_get_location(ev), "上海");
	assert_string_equal(icalcomponent_get_description(ev),
	    "第一行\n第二行");
	t = icalcomponent_get_dtstamp(ev);
	assert_true(icaltime_is_utc(t));
	assert_int_equal(icaltime_as_timet(t), 1793592000);	/* 04:00Z */
	t = icalcomponent_get_dtstart(ev);
	assert_int_equal(t.hour, 23);
	assert_int_equal(t.minute, 30);
	assert_non_null(t.zone);	/* the VTIMEZONE was found */
	assert_int_equal(icaltime_as_timet_with_zone(t, t.zone), 1793719800);
	t = icalcomponent_get_dtend(ev);
	assert_int_equal(t.day, 4);
	assert_int_equal(t.hour, 1);
	assert_int_equal(icaltime_as_timet_with_zone(t, t.zone),
	    1793719800 + 90 * 60);
	p = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY);
	assert_string_equal(icalproperty_get_organizer(p),
	    "mailto:zhou@example.cn");
	for (p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	    p; p = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY)) {
		const char *cn = icalparameter_get_cn(
		    icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER));
		const char *addr = icalproperty_get_attendee(p);
		if (n == 0) {
			assert_string_equal(cn, "周立群");
			assert_string_equal(addr, "mailto:zhou@example.cn");
			assert_int_equal(icalparameter_get_role(
			    icalproperty_get_first_parameter(p,
			    ICAL_ROLE_PARAMETER)), ICAL_ROLE_CHAIR);
		} else if (n == 1) {
			assert_string_equal(cn, "何敏");
			assert_string_equal(addr, "mailto:he@example.cn");
		}
		n++;
	}
	assert_int_equal(n, 2);	/* 吴斌 has no email: not a guest */
	icalcomponent_free(cal);
	strbuf_release(&out);
}

/* The .ics of a meeting, parsed back by libical. */
static icalcomponent *
ics_of(const char *json)
{
	struct agenda a;
	struct strbuf out = STRBUF_INIT;
	struct ae_error err;
	icalcomponent *cal;
	void *c;

	load_ok(&a, json);
	c = agenda_ics_new();
	ae_error_clear(&err);
	assert_int_equal(agenda_ics_add(c, &a, at("2026-11-02T12:00+08:00"),
	    "", &err), 0);
	agenda_ics_finish(c, &out);
	agenda_free(&a);
	cal = icalparser_parse_string(out.buf);
	assert_non_null(cal);
	strbuf_release(&out);
	return cal;
}

/*
 * A re-sent agenda replaces the first in the calendar: the same UID, a
 * higher SEQUENCE, METHOD:REQUEST, and the new time in Asia/Shanghai.
 */
static void
test_ics_reschedule(void **state)
{
	icalcomponent *first, *second, *e1, *e2, *tz;
	struct icaltimetype t;

	(void)state;
	first = ics_of("{\"id\":\"M-9\",\"title\":\"T\","
	    "\"start\":\"2026-11-05T10:00+08:00\",\"duration\":60,"
	    "\"attendees\":[\"Li <li@example.cn>\",\"Wang\"],"
	    "\"items\":[{\"topic\":\"a\",\"minutes\":30}]}");
	second = ics_of("{\"id\":\"M-9\",\"title\":\"T\",\"sequence\":1,"
	    "\"start\":\"2026-11-06T15:00+08:00\",\"duration\":60,"
	    "\"attendees\":[\"Li <li@example.cn>\",\"Wang\"],"
	    "\"items\":[{\"topic\":\"a\",\"minutes\":30}]}");
	assert_int_equal(icalcomponent_get_method(first), ICAL_METHOD_REQUEST);
	assert_int_equal(icalcomponent_get_method(second),
	    ICAL_METHOD_REQUEST);
	e1 = icalcomponent_get_first_component(first, ICAL_VEVENT_COMPONENT);
	e2 = icalcomponent_get_first_component(second, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(e1),
	    icalcomponent_get_uid(e2));
	assert_int_equal(icalcomponent_get_sequence(e1), 0);
	assert_int_equal(icalcomponent_get_sequence(e2), 1);
	assert_int_equal(icalcomponent_count_properties(e2,
	    ICAL_ATTENDEE_PROPERTY), 1);
	tz = icalcomponent_get_first_component(second,
	    ICAL_VTIMEZONE_COMPONENT);
	assert_string_equal(icalproperty_get_tzid(
	    icalcomponent_get_first_property(tz, ICAL_TZID_PROPERTY)),
	    "Asia/Shanghai");
	t = icalcomponent_get_dtstart(e2);
	assert_int_equal(t.day, 6);
	assert_int_equal(t.hour, 15);
	assert_non_null(t.zone);
	assert_int_equal(icaltime_as_timet_with_zone(t, t.zone),
	    1793948400);	/* 2026-11-06T07:00Z */
	icalcomponent_free(first);
	icalcomponent_free(second);
}

/* A CR or LF in a name or an email never reaches the calendar. */
static void
test_ics_refuses_line_breaks(void **state)
{
	struct agenda a;
	struct ae_error err;
	void *c;

	(void)state;
	load_ok(&a, "{\"id\":\"M\",\"title\":\"T\","
	    "\"start\":\"2026-11-05T10:00+08:00\",\"duration\":60,"
	    "\"attendees\":[{\"name\":\"Li\",\"email\":"
	    "\"li@example.cn\\r\\nATTENDEE:mailto:x@evil.example\"}],"
	    "\"items\":[{\"topic\":\"a\",\"minutes\":30}]}");
	c = agenda_ics_new();
	ae_error_clear(&err);
	assert_int_equal(agenda_ics_add(c, &a, at("2026-11-02T12:00+08:00"),
	    "", &err), -1);
	assert_int_equal(err.code, AE_EDATA);
	assert_string_equal(err.field, "attendees[1].email");
	icalcomponent_free(c);
	agenda_free(&a);
}

static void
test_opening_items_keep_their_place(void **state)
{
	struct agenda a;

	(void)state;
	load_ok(&a, "{\"id\":\"M\",\"title\":\"T\","
	    "\"start\":\"2026-11-05T10:00+08:00\",\"duration\":60,"
	    "\"items\":[{\"topic\":\"agenda\",\"kind\":\"opening\"},"
	    "{\"topic\":\"recap\",\"fixed\":true},"
	    "{\"topic\":\"x\"},{\"topic\":\"fight\",\"contentious\":true},"
	    "{\"topic\":\"aob\",\"fixed\":true}]}");
	assert_string_equal(a.items[0].topic, "agenda");
	assert_string_equal(a.items[1].topic, "recap");
	assert_string_equal(a.items[2].topic, "fight");
	assert_string_equal(a.items[3].topic, "x");
	assert_string_equal(a.items[4].topic, "aob");
	agenda_schedule(&a, 1);
	assert_string_equal(a.items[2].topic, "x");
	assert_string_equal(a.items[3].topic, "fight");
	agenda_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slots_across_midnight),
		cmocka_unit_test(test_slots_keep_the_start_zone),
		cmocka_unit_test(test_contentious_first),
		cmocka_unit_test(test_bad_fields),
		cmocka_unit_test(test_draft_loads),
		cmocka_unit_test(test_check_passes),
		cmocka_unit_test(test_check_fails),
		cmocka_unit_test(test_ics_round_trip),
		cmocka_unit_test(test_ics_reschedule),
		cmocka_unit_test(test_ics_refuses_line_breaks),
		cmocka_unit_test(test_opening_items_keep_their_place),
	};

	setenv("TZ", "Asia/Shanghai", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
