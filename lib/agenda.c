/*
 * The agenda of a meeting: fields read and checked, items ordered and
 * timed, the handbook's rules, and the three ways out (template context,
 * JSON with slots, iCalendar).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

#include "agenda.h"
#include "field.h"
#include "i18n.h"
#include "schema.h"
#include "table.h"
#include "text.h"

#define MAX_MINUTES (7L * 24 * 60) /* a week: longer is a typo */

/*
 * An item without its owner or its minutes is agenda --check's finding
 * (each topic has an owner and a slot), a draft's gap, not bad data.
 */
static const char *const check_leaves[] = { "items.owner", "items.minutes",
	NULL };

/* Item I's values, which the schema has checked. */
static void
load_item(struct agenda_item *it, json_t *o, size_t i, long line)
{
	struct record r = field_object(o, NULL, line);
	struct ae_error checked;

	ae_error_clear(&checked);
	it->object = o;
	it->line = line;
	it->index = i;
	it->topic = record_dup(&r, "topic");
	it->owner = record_dup(&r, "owner");
	it->notes = record_dup(&r, "notes");
	it->kind = record_dup(&r, "kind");
	it->has_minutes = field_int(&r, "minutes", 0, MAX_MINUTES, &it->minutes,
			      &checked) > 0;
	field_bool(&r, "contentious", &it->contentious, &checked);
	field_bool(&r, "fixed", &it->fixed, &checked);
	it->opening =
	    it->fixed || (it->kind && strcmp(it->kind, "opening") == 0);
}

/* The first second after DAY ends, in local time. */
static int
end_of_day(int32_t day, struct datetime *out, struct ae_error *err)
{
	char buf[DATE_BUFSIZE + 16];

	date_format(day, buf);
	strcat(buf, "T23:59:59");
	return datetime_parse(buf, out, err);
}

/*
 * The schema's problem with a meeting of CSV items, placed as such a
 * meeting is read: an item's at its row, a meeting field's with the
 * option that gives it.  (A JSON meeting's problem is placed at its
 * value's line by read_json.)
 */
static int
place_csv_problem(const struct record *r, const long *item_lines, size_t nitems,
    struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE], *end;
	size_t i, n;

	if (r->line != 0 || item_lines == NULL)
		return -1;
	if (strncmp(err->field, "items[", 6) == 0) {
		i = strtoul(err->field + 6, &end, 10);
		if (*end != ']' || i < 1 || i > nitems)
			return -1;
		err->line = item_lines[i - 1];
		if (end[1] == '.')
			memmove(err->field, end + 2, strlen(end + 2) + 1);
		return -1;
	}
	if (strpbrk(err->field, ".[") == NULL &&
	    record_value(r, err->field, buf) == NULL) {
		n = strlen(err->text);
		snprintf(err->text + n, sizeof(err->text) - n, " (give --%s)",
		    err->field);
	}
	return -1;
}

static int
load_sent(struct agenda *a, const struct record *r, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = record_value(r, "sent", buf);
	struct ae_error ignored;
	int32_t day;

	if (s == NULL)
		return 0;
	ae_error_clear(&ignored);
	if (strlen(s) <= 17 && date_parse(s, &day, &ignored) == 0) {
		/* The hour is unknown: count the latest it could have been. */
		a->has_sent = 1;
		return end_of_day(day, &a->sent, err);
	}
	if (field_datetime(r, "sent", &a->sent, err) < 0)
		return -1;
	a->has_sent = 1;
	return 0;
}

/*
 * The meeting's start, and its length from duration or end, which the
 * schema has checked agree.  An end before the start is refused here:
 * the gate reports it as end-before-start.
 */
static int
load_times(struct agenda *a, const struct record *r, struct ae_error *err)
{
	struct datetime end;
	int has_dur, has_end;

	if (field_datetime(r, "start", &a->start, err) <= 0 ||
	    (has_dur = field_int(r, "duration", 1, MAX_MINUTES, &a->duration,
		 err)) < 0 ||
	    (has_end = field_datetime(r, "end", &end, err)) < 0)
		return -1;
	if (has_end && end.epoch <= a->start.epoch) {
		ae_error_set(err, AE_EDATA, "'%s' is not after the start",
		    json_string_value(json_object_get(a->meeting, "end")));
		return field_error(r, "end", err);
	}
	if (!has_dur)
		a->duration = (long)((end.epoch - a->start.epoch) / 60);
	return 0;
}

/* The movable item to take next: the first not taken with CONTENTIOUS. */
static struct agenda_item *
next_movable(struct agenda_item *in, size_t n, char *taken, int contentious)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!taken[i] && !in[i].opening &&
		    in[i].contentious == contentious) {
			taken[i] = 1;
			return &in[i];
		}
	return NULL;
}

/*
 * The handbook's order (优先考虑争议, after the chair's opening): an
 * opening item (kind `opening` or `fixed`) keeps its written place; the
 * other places are filled with the contentious items first, each group in
 * written order — but up to the last item of kind `opening` (and the run
 * of fixed items the agenda starts with) the places keep their written
 * items, so no fight comes before the agenda, the recap and the
 * background.
 */
static void
reorder(struct agenda *a, struct agenda_item *in)
{
	char *taken = xcalloc(a->nitems + 1, 1);
	struct agenda_item *it;
	size_t i, head = 0;
	int lead = 1;

	for (i = 0; i < a->nitems; i++) {
		lead = lead && in[i].fixed;
		if (lead || (in[i].kind && strcmp(in[i].kind, "opening") == 0))
			head = i + 1;
	}
	for (i = 0; i < a->nitems; i++) {
		if (in[i].opening) {
			a->items[i] = in[i];
			continue;
		}
		if (i < head)
			it = next_movable(in, a->nitems, taken, 0);
		else
			it = next_movable(in, a->nitems, taken, 1);
		if (it == NULL)
			it = next_movable(in, a->nitems, taken,
			    i >= head ? 0 : 1);
		a->items[i] = *it;
	}
	free(taken);
}

void
agenda_schedule(struct agenda *a, int keep_order)
{
	struct agenda_item *in = xcalloc(a->nitems + 1, sizeof(*in));
	size_t i;
	int64_t t = a->start.epoch;

	for (i = 0; i < a->nitems; i++)
		in[a->items[i].index] = a->items[i];
	if (keep_order)
		memcpy(a->items, in, a->nitems * sizeof(*in));
	else
		reorder(a, in);
	free(in);
	a->planned = 0;
	for (i = 0; i < a->nitems; i++) {
		a->items[i].start = t;
		t += (int64_t)a->items[i].minutes * 60;
		a->items[i].end = t;
		a->planned += a->items[i].minutes;
	}
}

int
agenda_load(struct agenda *a, json_t *meeting, const char *source, long line,
    const long *item_lines, struct ae_error *err)
{
	struct record r;
	json_t *items, *o;
	size_t i;

	memset(a, 0, sizeof(*a));
	a->meeting = json_incref(meeting);
	snprintf(a->source, sizeof(a->source), "%s", source);
	a->line = line;
	r = field_object(meeting, a->source, line);
	items = json_object_get(meeting, "items");
	/* The schema is what knows a meeting's fields and their forms. */
	if (schema_require_but(&r, "meeting", "CNY", check_leaves, err) < 0)
		return place_csv_problem(&r, item_lines, json_array_size(items),
		    err);
	if (load_times(a, &r, err) != 0 || load_sent(a, &r, err) != 0 ||
	    field_int(&r, "sequence", 0, INT32_MAX, &a->sequence, err) < 0)
		return -1;
	a->nitems = json_array_size(items);
	a->items = xcalloc(a->nitems + 1, sizeof(*a->items));
	json_array_foreach(items, i, o)
	    load_item(&a->items[i], o, i, item_lines ? item_lines[i] : line);
	agenda_schedule(a, 0);
	a->sides.client = json_string_value(json_object_get(meeting, "client"));
	sides_add_agency(&a->sides,
	    json_string_value(json_object_get(meeting, "agency")));
	return 0;
}

void
agenda_free(struct agenda *a)
{
	size_t i;

	for (i = 0; i < a->nitems; i++) {
		free((char *)a->items[i].topic);
		free((char *)a->items[i].owner);
		free((char *)a->items[i].kind);
		free((char *)a->items[i].notes);
	}
	free(a->items);
	json_decref(a->meeting);
	memset(a, 0, sizeof(*a));
}

/* The time of day and day number of EPOCH in OFFSET. */
static void
local_time(int64_t epoch, int offset, int32_t *day, int *hour, int *min)
{
	int64_t s = epoch + offset, d = s / 86400, rem = s % 86400;

	if (rem < 0) {
		rem += 86400;
		d--;
	}
	*day = (int32_t)d;
	*hour = (int)(rem / 3600);
	*min = (int)(rem % 3600 / 60);
}

static void
iso(int64_t epoch, int offset, char *buf)
{
	struct datetime t = { epoch, offset };

	datetime_format(t, buf);
}

/* "HH:MM" of EPOCH in the meeting's offset. */
static void
clock_text(const struct agenda *a, int64_t epoch, char *buf, size_t size)
{
	int32_t day;
	int h, m;

	local_time(epoch, a->start.offset, &day, &h, &m);
	snprintf(buf, size, "%02d:%02d", h, m);
}

/*
 * "HH:MM-HH:MM", with " (+N)" when the end falls N days after the day the
 * meeting starts (a meeting across midnight).
 */
static void
range_text(const struct agenda *a, int64_t from, int64_t to, char *buf,
    size_t size)
{
	int32_t day, day0;
	int h0, m0, h1, m1;

	local_time(a->start.epoch, a->start.offset, &day0, &h0, &m0);
	local_time(from, a->start.offset, &day, &h0, &m0);
	local_time(to, a->start.offset, &day, &h1, &m1);
	if (day != day0)
		snprintf(buf, size, "%02d:%02d-%02d:%02d (%+d)", h0, m0, h1, m1,
		    (int)(day - day0));
	else
		snprintf(buf, size, "%02d:%02d-%02d:%02d", h0, m0, h1, m1);
}

static const char *
kind_label(const char *kind)
{
	if (kind == NULL)
		return "";
	if (strcmp(kind, "opening") == 0)
		return _("Opening");
	if (strcmp(kind, "decision") == 0)
		return _("Decision");
	if (strcmp(kind, "discussion") == 0)
		return _("Discussion");
	if (strcmp(kind, "info") == 0)
		return _("Information");
	return _("Approval");
}

static int
is_zh(void)
{
	return strcmp(i18n_lang(), "zh") == 0;
}

/* The meeting's day, as people write it in the current language. */
static char *
date_text(int32_t day)
{
	static const char *const weekdays[] = { N_("Monday"), N_("Tuesday"),
		N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
		N_("Sunday") };
	static const char *const months[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };
	struct strbuf sb = STRBUF_INIT;
	const char *wd = _(weekdays[date_weekday(day) - 1]);
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	if (is_zh())
		strbuf_addf(&sb, "%d年%d月%d日（%s）", y, m, d, wd);
	else
		strbuf_addf(&sb, "%s %d %s %d", wd, d, months[m - 1], y);
	return strbuf_detach(&sb, NULL);
}

/* A list field: an array, or a string split at ';' (SPEC §1). */
static json_t *
list_of(const struct agenda *a, const char *name)
{
	struct record r = field_object(a->meeting, a->source, a->line);
	json_t *l = field_list(&r, name);

	return l ? l : json_array();
}

/* The text of a list element: a string, or an object's text or name. */
static const char *
element_text(json_t *v, char *buf)
{
	if (json_is_object(v)) {
		json_t *t = json_object_get(v, "text");
		if (t == NULL)
			t = json_object_get(v, "name");
		return t ? json_scalar_text(t, buf) : NULL;
	}
	return json_scalar_text(v, buf);
}

static json_t *
texts_of(const struct agenda *a, const char *name)
{
	json_t *l = list_of(a, name), *out = json_array(), *v;
	char buf[JSONTEXT_BUFSIZE];
	const char *s;
	size_t i;

	json_array_foreach(l, i, v) if ((s = element_text(v, buf)) != NULL &&
	    *s) json_array_append_new(out, json_string(s));
	json_decref(l);
	return out;
}

static void
set_text(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, json_string(s ? s : ""));
}

static json_t *
attendees_context(const struct agenda *a, char **joined)
{
	json_t *l = list_of(a, "attendees"), *out = json_array(), *v, *o;
	struct strbuf sb = STRBUF_INIT;
	struct person p;
	size_t i;

	json_array_foreach(l, i, v)
	{
		if (!person_parse(v, &p))
			continue;
		o = json_object();
		set_text(o, "name", p.name ? p.name : p.email);
		set_text(o, "org", p.org);
		set_text(o, "role", p.role);
		set_text(o, "email", p.email);
		json_array_append_new(out, o);
		if (sb.len)
			strbuf_addstr(&sb, is_zh() ? "、" : ", ");
		strbuf_addstr(&sb, p.name ? p.name : p.email);
		if (p.org || p.role) {
			strbuf_addstr(&sb, is_zh() ? "（" : " (");
			strbuf_addstr(&sb, p.org ? p.org : "");
			if (p.org && p.role)
				strbuf_addstr(&sb, is_zh() ? "，" : ", ");
			strbuf_addstr(&sb, p.role ? p.role : "");
			strbuf_addstr(&sb, is_zh() ? "）" : ")");
		}
		person_release(&p);
	}
	json_decref(l);
	*joined = strbuf_detach(&sb, NULL);
	return out;
}

static char *
items_table(const struct agenda *a)
{
	struct table *t = table_new();
	char *buf, range[64];
	size_t len, i;
	int notes = 0;

	for (i = 0; i < a->nitems; i++)
		notes |= a->items[i].notes != NULL;
	table_column(t, _("Time"), TABLE_LEFT);
	table_column(t, _("Topic"), TABLE_LEFT);
	table_column(t, _("Owner"), TABLE_LEFT);
	table_column(t, _("Kind"), TABLE_LEFT);
	if (notes)
		table_column(t, _("Notes"), TABLE_LEFT);
	for (i = 0; i < a->nitems; i++) {
		const struct agenda_item *it = &a->items[i];
		range_text(a, it->start, it->end, range, sizeof(range));
		table_row(t);
		table_cell(t, range);
		if (it->contentious)
			table_cellf(t, _("%s (contentious)"), it->topic);
		else
			table_cell(t, it->topic);
		table_cell(t, it->owner ? it->owner : "");
		table_cell(t, kind_label(it->kind));
		if (notes)
			table_cell(t, it->notes ? it->notes : "");
	}
	buf = table_string(t, TABLE_TEXT);
	table_free(t);
	if ((len = strlen(buf)) > 0 && buf[len - 1] == '\n')
		buf[len - 1] = '\0'; /* the template ends the line */
	return buf;
}

/* The handbook's standing pre-meeting materials (会议前清单). */
static json_t *
checklist(void)
{
	static const char *const list[] = {
		N_("Contact report of the last meeting"),
		N_("Latest budget summary"),
		N_("Work in progress: creative work, scripts, finished ads"),
	};
	json_t *l = json_array();
	size_t i;

	for (i = 0; i < sizeof(list) / sizeof(list[0]); i++)
		json_array_append_new(l, json_string(_(list[i])));
	return l;
}

static void
add_textf(json_t *l, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	json_array_append_new(l, json_string(sb.buf));
	strbuf_release(&sb);
}

/*
 * The room checklist (会议清单): the room, the equipment, reception,
 * refreshments, a copy of the agenda for every attendee and one spare
 * (以备客户临时加入), and the call round 15 minutes before the start.
 */
static json_t *
room_checklist(const struct agenda *a, size_t attendees)
{
	json_t *l = json_array();
	char call[16];

	clock_text(a, a->start.epoch - 15 * 60, call, sizeof(call));
	add_textf(l, "%s", _("Book the meeting room"));
	add_textf(l, "%s", _("Check that all audio-visual equipment works"));
	add_textf(l, "%s",
	    _("If the meeting is at our office, tell "
	      "reception the client is coming and how to address them"));
	add_textf(l, "%s",
	    _("Order refreshments or a working lunch if "
	      "needed"));
	add_textf(l, "%s",
	    _("Set out the room, lights on, anything "
	      "unrelated cleared away"));
	add_textf(l,
	    _("Copies of the agenda: %zu (one for every attendee, "
	      "plus one spare)"),
	    attendees + 1);
	add_textf(l,
	    _("At %s, 15 minutes before, call every attendee to "
	      "make sure they come on time"),
	    call);
	return l;
}

json_t *
agenda_context(const struct agenda *a)
{
	json_t *c = json_object(), *items = json_array(), *o, *v;
	struct record r = field_object(a->meeting, a->source, a->line);
	char buf[JSONTEXT_BUFSIZE], from[32], to[32], when[DATETIME_BUFSIZE];
	char range[64];
	char *s, *joined;
	int32_t day;
	int h, m, any_contentious = 0;
	int64_t end = a->start.epoch + (int64_t)a->duration * 60;
	struct person chair;
	size_t i;

	set_text(c, "id", record_value(&r, "id", buf));
	set_text(c, "title", record_value(&r, "title", buf));
	set_text(c, "client", record_value(&r, "client", buf));
	set_text(c, "location", record_value(&r, "location", buf));
	v = json_object_get(a->meeting, "chair");
	if (v && person_parse(v, &chair)) {
		set_text(c, "chair", chair.name ? chair.name : chair.email);
		set_text(c, "chair_email", chair.email);
		person_release(&chair);
	} else {
		set_text(c, "chair", NULL);
		set_text(c, "chair_email", NULL);
	}
	iso(a->start.epoch, a->start.offset, when);
	set_text(c, "start", when);
	iso(end, a->start.offset, when);
	set_text(c, "end", when);
	local_time(a->start.epoch, a->start.offset, &day, &h, &m);
	date_format(day, buf);
	set_text(c, "date", buf);
	s = date_text(day);
	set_text(c, "date_text", s);
	free(s);
	clock_text(a, a->start.epoch, from, sizeof(from));
	clock_text(a, end, to, sizeof(to));
	set_text(c, "start_time", from);
	set_text(c, "end_time", to);
	range_text(a, a->start.epoch, end, range, sizeof(range));
	set_text(c, "time", range);
	json_object_set_new(c, "duration", json_integer(a->duration));
	json_object_set_new(c, "planned", json_integer(a->planned));
	json_object_set_new(c, "spare",
	    json_integer(
		a->duration >= a->planned ? a->duration - a->planned : 0));
	json_object_set_new(c, "over",
	    json_integer(
		a->planned > a->duration ? a->planned - a->duration : 0));
	json_object_set_new(c, "count", json_integer((json_int_t)a->nitems));
	o = attendees_context(a, &joined);
	json_object_set_new(c, "attendees", o);
	set_text(c, "attendees_text", joined);
	free(joined);
	for (i = 0; i < a->nitems; i++) {
		const struct agenda_item *it = &a->items[i];
		o = json_object();
		json_object_set_new(o, "n", json_integer((json_int_t)i + 1));
		set_text(o, "topic", it->topic);
		set_text(o, "owner", it->owner);
		json_object_set_new(o, "minutes", json_integer(it->minutes));
		set_text(o, "kind", it->kind);
		set_text(o, "kind_label", kind_label(it->kind));
		json_object_set_new(o, "contentious",
		    json_boolean(it->contentious));
		set_text(o, "notes", it->notes);
		iso(it->start, a->start.offset, when);
		set_text(o, "slot_start", when);
		iso(it->end, a->start.offset, when);
		set_text(o, "slot_end", when);
		clock_text(a, it->start, from, sizeof(from));
		clock_text(a, it->end, to, sizeof(to));
		set_text(o, "start_time", from);
		set_text(o, "end_time", to);
		range_text(a, it->start, it->end, range, sizeof(range));
		set_text(o, "time", range);
		json_object_set(o, "item", it->object);
		json_array_append_new(items, o);
		any_contentious |= it->contentious;
	}
	json_object_set_new(c, "items", items);
	json_object_set_new(c, "has_contentious",
	    json_boolean(any_contentious));
	json_object_set_new(c, "previous", texts_of(a, "previous"));
	json_object_set_new(c, "checklist", checklist());
	json_object_set_new(c, "room",
	    room_checklist(a,
		json_array_size(json_object_get(c, "attendees"))));
	json_object_set_new(c, "materials", texts_of(a, "materials"));
	s = items_table(a);
	set_text(c, "table", s);
	free(s);
	json_object_set(c, "meeting", a->meeting);
	return c;
}

json_t *
agenda_to_json(const struct agenda *a)
{
	json_t *m = json_copy(a->meeting), *items = json_array(), *o;
	char when[DATETIME_BUFSIZE];
	size_t i;

	for (i = 0; i < a->nitems; i++) {
		o = json_copy(a->items[i].object);
		iso(a->items[i].start, a->start.offset, when);
		json_object_set_new(o, "slot_start", json_string(when));
		iso(a->items[i].end, a->start.offset, when);
		json_object_set_new(o, "slot_end", json_string(when));
		json_array_append_new(items, o);
	}
	json_object_set_new(m, "items", items);
	return m;
}

/* Topics compare without surrounding blanks and ASCII case. */
static char *
topic_key(const char *s)
{
	char *k = text_trimmed(s, strlen(s)), *p;

	if (k == NULL)
		return xstrdup("");
	for (p = k; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return k;
}

/*
 * 会议前…将会议议程发送客户及公司: `sent_to` holds someone of each side.
 * People whose side cannot be told are named, not guessed.
 */
static int
check_sent_to(const struct agenda *a, struct finding_sink *fs)
{
	json_t *to = list_of(a, "sent_to"), *att = list_of(a, "attendees"), *v;
	struct strbuf unknown = STRBUF_INIT;
	struct person p;
	int client = 0, agency = 0, n = 0;
	size_t i;

	json_array_foreach(to, i, v)
	{
		json_t *who = v;
		if (!person_parse(v, &p))
			continue;
		if (!json_is_object(v) && p.name) {
			who = json_string(p.name);
		} else {
			json_incref(who);
		}
		switch (side_of(&a->sides, who, att)) {
		case SIDE_CLIENT:
			client = 1;
			break;
		case SIDE_AGENCY:
			agency = 1;
			break;
		default:
			if (unknown.len)
				strbuf_addstr(&unknown, is_zh() ? "、" : ", ");
			strbuf_addf(&unknown, _("'%s'"),
			    p.name ? p.name : p.email);
		}
		json_decref(who);
		person_release(&p);
	}
	if (json_array_size(to) == 0) {
		finding_on(fs, json_object_get(a->meeting, "sent_to"),
		    "sent_to", "%s",
		    _("the agenda was sent to no one on "
		      "record (sent_to): "
		      "send it to the client and the agency"));
		n++;
	} else if (!client || !agency) {
		finding_on(fs, json_object_get(a->meeting, "sent_to"),
		    "sent_to", "%s%s%s",
		    !client && !agency ?
			_("the agenda was sent to no one of "
			  "the client and no one of the agency") :
			!client ?
			_("the agenda was sent to no one of the client") :
			_("the agenda was sent to no one of the agency"),
		    unknown.len ? _("; cannot tell the side of ") : "",
		    unknown.len ? unknown.buf : "");
		n++;
	}
	strbuf_release(&unknown);
	json_decref(to);
	json_decref(att);
	return n;
}

int
agenda_check(const struct agenda *a, struct datetime now,
    struct finding_sink *fs)
{
	const struct agenda_item *it;
	json_t *seen = json_object(), *prev;
	char when[DATETIME_BUFSIZE], start[DATETIME_BUFSIZE], *key;
	int n = 0;
	size_t i, *order;
	struct datetime sent;

	finding_sink_place(fs, a->source, a->line, a->pos);
	/* Items are reported in input order, the order of their lines. */
	order = xcalloc(a->nitems + 1, sizeof(*order));
	for (i = 0; i < a->nitems; i++)
		order[a->items[i].index] = i;
	for (i = 0; i < a->nitems; i++) {
		it = &a->items[order[i]];
		if (it->owner == NULL) {
			finding_at(fs, a->source, it->line, "owner",
			    _("item '%s' has no owner"), it->topic);
			n++;
		}
		if (!it->has_minutes || it->minutes == 0) {
			finding_at(fs, a->source, it->line, "minutes",
			    _("item '%s' has no minutes"), it->topic);
			n++;
		}
		key = topic_key(it->topic);
		if ((prev = json_object_get(seen, key)) != NULL) {
			finding_at(fs, a->source, it->line, "duplicate",
			    _("topic '%s' is listed twice (first on line %lld)"),
			    it->topic, (long long)json_integer_value(prev));
			n++;
		} else {
			json_object_set_new(seen, key, json_integer(it->line));
		}
		free(key);
	}
	free(order);
	json_decref(seen);
	if (a->planned > a->duration) {
		finding_on(fs, json_object_get(a->meeting, "items"), "fit",
		    _("items take %ld minutes, the meeting has %ld"),
		    a->planned, a->duration);
		n++;
	}
	n += check_sent_to(a, fs);
	iso(a->start.epoch, a->start.offset, start);
	sent = a->has_sent ? a->sent : now;
	if (sent.epoch > a->start.epoch - AGENDA_LEAD_SECONDS) {
		iso(sent.epoch, sent.offset, when);
		if (a->has_sent)
			finding_on(fs, json_object_get(a->meeting, "sent"),
			    "sent",
			    _("agenda sent %s, less than 1 hour "
			      "before the start %s"),
			    when, start);
		else
			finding_add(fs, "sent",
			    _("agenda not sent, and it is "
			      "%s, less than 1 hour before the start %s"),
			    when, start);
		n++;
	}
	return n;
}

/* "UTC+0800": the name of the fixed-offset zone the event is written in. */
static void
zone_name(int offset, char *buf, size_t size)
{
	int a = offset < 0 ? -offset : offset;

	snprintf(buf, size, "UTC%c%02d%02d", offset < 0 ? '-' : '+', a / 3600,
	    a % 3600 / 60);
}

static struct icaltimetype
ical_time(int64_t epoch, int offset)
{
	struct icaltimetype t = icaltime_null_time();
	int32_t day;
	int y, mo, d, h, mi;
	int64_t s = epoch + offset;

	local_time(epoch, offset, &day, &h, &mi);
	date_to_ymd(day, &y, &mo, &d);
	t.year = y;
	t.month = mo;
	t.day = d;
	t.hour = h;
	t.minute = mi;
	t.second = (int)(((s % 60) + 60) % 60);
	t.is_date = 0;
	if (offset == 0)
		t.zone = icaltimezone_get_utc_timezone();
	return t;
}

/*
 * The IANA zone TZ names (libical's built-in zones), when it gives the
 * meeting's offset at its start and at its end: calendars then show the
 * meeting in the zone people know (Asia/Shanghai) rather than "UTC+0800".
 */
static icaltimezone *
iana_zone(const struct agenda *a, int64_t end)
{
	const char *tz = getenv("TZ");
	icaltimezone *z;
	struct icaltimetype t;
	int dst, k;

	if (tz == NULL || *tz == ':')
		tz = tz ? tz + 1 : NULL;
	if (tz == NULL || strchr(tz, '/') == NULL || tz[0] == '/' ||
	    (z = icaltimezone_get_builtin_timezone(tz)) == NULL)
		return NULL;
	for (k = 0; k < 2; k++) {
		t = icaltime_from_timet_with_zone(k ? (time_t)end :
						      (time_t)a->start.epoch,
		    0, icaltimezone_get_utc_timezone());
		if (icaltimezone_get_utc_offset_of_utc_time(z, &t, &dst) !=
		    a->start.offset)
			return NULL;
	}
	return z;
}

static int
has_zone(icalcomponent *cal, const char *name)
{
	icalcomponent *tz;
	icalproperty *p;

	for (tz = icalcomponent_get_first_component(cal,
		 ICAL_VTIMEZONE_COMPONENT);
	     tz; tz = icalcomponent_get_next_component(cal,
		     ICAL_VTIMEZONE_COMPONENT)) {
		p = icalcomponent_get_first_property(tz, ICAL_TZID_PROPERTY);
		if (p && strcmp(icalproperty_get_tzid(p), name) == 0)
			return 1;
	}
	return 0;
}

/* Adds the VTIMEZONE of the event's zone once; NAME gets its TZID. */
static void
add_zone(icalcomponent *cal, int offset, icaltimezone *iana, char *name,
    size_t size)
{
	icalcomponent *tz, *std;
	struct icaltimetype t0 = icaltime_null_time();
	char abbr[160];

	if (iana) {
		/* TZID=Asia/Shanghai, not libical's prefixed name. */
		snprintf(name, size, "%s", icaltimezone_get_location(iana));
		if (has_zone(cal, name))
			return;
		tz = icalcomponent_new_clone(icaltimezone_get_component(iana));
		icalproperty_set_tzid(icalcomponent_get_first_property(tz,
					  ICAL_TZID_PROPERTY),
		    name);
		icalcomponent_add_component(cal, tz);
		return;
	}
	zone_name(offset, name, size);
	if (offset == 0 || has_zone(cal, name))
		return;
	tz = icalcomponent_new_vtimezone();
	icalcomponent_add_property(tz, icalproperty_new_tzid(name));
	std = icalcomponent_new_xstandard();
	t0.year = 1970;
	t0.month = 1;
	t0.day = 1;
	icalcomponent_add_property(std, icalproperty_new_dtstart(t0));
	icalcomponent_add_property(std, icalproperty_new_tzoffsetfrom(offset));
	icalcomponent_add_property(std, icalproperty_new_tzoffsetto(offset));
	snprintf(abbr, sizeof(abbr), "%s", name + 3);
	icalcomponent_add_property(std, icalproperty_new_tzname(abbr));
	icalcomponent_add_component(tz, std);
	icalcomponent_add_component(cal, tz);
}

/* A local time in zone NAME, or UTC ("Z") in the zone-less UTC+0000. */
static struct icaltimetype
zoned_time(int64_t epoch, int offset, const char *name)
{
	struct icaltimetype t = ical_time(epoch, offset);

	if (strcmp(name, "UTC+0000") != 0)
		t.zone = NULL;
	return t;
}

static icalproperty *
zoned(icalproperty *p, const char *name)
{
	if (strcmp(name, "UTC+0000") != 0)
		icalproperty_add_parameter(p, icalparameter_new_tzid(name));
	return p;
}

static int
same_name(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/*
 * Places ERR, about FIELD of A's meeting, at the line of that value in a
 * pretty-printed file (items[3].notes on line 3, not the meeting's 1).
 */
static void
ics_place(struct ae_error *err, const struct agenda *a, const char *field)
{
	long line = finding_path_line(a->pos, a->meeting, field);

	ae_error_field(err, field);
	ae_error_at(err, a->source, line > 0 ? line : a->line, 0);
}

/*
 * A name or address goes into a property parameter or value that the
 * calendar file cannot escape: a CR, LF or other control character (or
 * a double quote in a name) would start a property of its own, so the
 * record is refused, naming FIELD.
 */
static int
ics_safe(const char *s, const char *field, const char *what,
    const struct agenda *a, struct ae_error *err)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; p && *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '"') {
			ae_error_set(err, AE_EDATA,
			    "%s holds %s, which "
			    "cannot go into a calendar file",
			    what,
			    *p == '"' ? "a double quote" :
					text_control_name(*p));
			ics_place(err, a, field);
			return -1;
		}
	return 0;
}

static int
person_safe(const struct person *p, const char *field, const struct agenda *a,
    struct ae_error *err)
{
	char f[160];

	snprintf(f, sizeof(f), "%s.name", field);
	if (ics_safe(p->name, f, "the name", a, err) < 0)
		return -1;
	snprintf(f, sizeof(f), "%s.email", field);
	return ics_safe(p->email, f, "the email", a, err);
}

/*
 * A text that goes into a one-line property (UID, SUMMARY, LOCATION)
 * holds no control character at all; one that goes into the description
 * (the text agenda) none but a tab or a line feed, which the calendar
 * file escapes.  FIELD names it ("items[2].topic").
 */
static int
ics_text_safe(const char *s, const char *field, int multiline,
    const struct agenda *a, struct ae_error *err)
{
	const char *p;

	for (p = s; p && (p = text_control_char(p)) != NULL; p++)
		if (!multiline || (*p != '\n' && *p != '\t'))
			break;
	if (p == NULL)
		return 0;
	ae_error_set(err, AE_EDATA,
	    "the text holds %s, which cannot go "
	    "into a calendar file",
	    text_control_name(*p));
	ics_place(err, a, field);
	return -1;
}

/* Every text of value V (at FIELD), keys too, that the text agenda may show. */
static int
ics_json_safe(json_t *v, const char *field, const struct agenda *a,
    struct ae_error *err)
{
	char f[256];
	const char *k;
	json_t *x;
	size_t i;

	if (json_is_string(v))
		return ics_text_safe(json_string_value(v), field, 1, a, err);
	json_array_foreach(v, i, x)
	{
		snprintf(f, sizeof(f), "%s[%zu]", field, i + 1);
		if (ics_json_safe(x, f, a, err) != 0)
			return -1;
	}
	json_object_foreach(v, k, x)
	{
		snprintf(f, sizeof(f), "%s%s%s", field, *field ? "." : "", k);
		/* A key is text too: a template may show it. */
		if (ics_text_safe(k, f, 0, a, err) != 0 ||
		    ics_json_safe(x, f, a, err) != 0)
			return -1;
	}
	return 0;
}

/*
 * The meeting's own texts: id, title and location on one line each,
 * every other text (items, previous, materials) as the description may
 * hold it.
 */
static int
ics_meeting_safe(const struct agenda *a, struct ae_error *err)
{
	static const char *const one_line[] = { "id", "title", "location" };
	size_t i;

	for (i = 0; i < 3; i++)
		if (ics_text_safe(json_string_value(
				      json_object_get(a->meeting, one_line[i])),
			one_line[i], 0, a, err) != 0)
			return -1;
	return ics_json_safe(a->meeting, "", a, err);
}

void *
agenda_ics_new(void)
{
	icalcomponent *cal = icalcomponent_new_vcalendar();

	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal,
	    icalproperty_new_prodid("-//aekit//agenda//EN"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	/* A request: a re-sent agenda (higher SEQUENCE) replaces the first. */
	icalcomponent_add_property(cal,
	    icalproperty_new_method(ICAL_METHOD_REQUEST));
	return cal;
}

/* The chair, with the email of the attendee of the same name if needed. */
static int
find_chair(const struct agenda *a, json_t *attendees, struct person *chair)
{
	json_t *v = json_object_get(a->meeting, "chair");
	struct person who;
	size_t i;

	if (v == NULL || !person_parse(v, chair))
		return 0;
	if (chair->email)
		return 1;
	json_array_foreach(attendees, i, v)
	{
		if (person_parse(v, &who) && same_name(who.name, chair->name) &&
		    who.email) {
			chair->email = who.email;
			who.email = NULL;
		}
		person_release(&who);
		if (chair->email)
			break;
	}
	return 1;
}

/*
 * The organizer and attendees.  Someone without an email is left out of
 * the calendar's guest list (an address-less guest shows as a stranger
 * called "nomail"); they are still in the description's attendee line.
 */
static int
add_people(icalcomponent *ev, const struct agenda *a, struct ae_error *err)
{
	json_t *l = list_of(a, "attendees"), *v;
	struct person chair = { 0 }, who;
	icalproperty *p;
	char *addr, field[64];
	int has_chair, rc = 0;
	size_t i;

	has_chair = find_chair(a, l, &chair);
	if (has_chair && (rc = person_safe(&chair, "chair", a, err)) == 0 &&
	    chair.email) {
		addr = xmalloc(strlen(chair.email) + 8);
		sprintf(addr, "mailto:%s", chair.email);
		p = icalproperty_new_organizer(addr);
		if (chair.name)
			icalproperty_add_parameter(p,
			    icalparameter_new_cn(chair.name));
		icalcomponent_add_property(ev, p);
		free(addr);
	}
	json_array_foreach(l, i, v)
	{
		if (rc != 0 || !person_parse(v, &who))
			continue;
		snprintf(field, sizeof(field), "attendees[%zu]", i + 1);
		if ((rc = person_safe(&who, field, a, err)) == 0 &&
		    who.email == NULL && has_chair && chair.email &&
		    same_name(who.name, chair.name))
			who.email = xstrdup(chair.email);
		if (rc == 0 && who.email) {
			addr = xmalloc(strlen(who.email) + 8);
			sprintf(addr, "mailto:%s", who.email);
			p = icalproperty_new_attendee(addr);
			if (who.name)
				icalproperty_add_parameter(p,
				    icalparameter_new_cn(who.name));
			icalproperty_add_parameter(p,
			    icalparameter_new_role(
				has_chair && same_name(who.name, chair.name) ?
				    ICAL_ROLE_CHAIR :
				    ICAL_ROLE_REQPARTICIPANT));
			icalcomponent_add_property(ev, p);
			free(addr);
		}
		person_release(&who);
	}
	json_decref(l);
	if (has_chair)
		person_release(&chair);
	return rc;
}

int
agenda_ics_add(void *calp, const struct agenda *a, struct datetime stamp,
    const char *description, struct ae_error *err)
{
	icalcomponent *cal = calp, *ev, *people;
	icalproperty *p;
	struct record r = field_object(a->meeting, a->source, a->line);
	char buf[JSONTEXT_BUFSIZE], *uid, zone[128];
	const char *s;
	int64_t end = a->start.epoch + (int64_t)a->duration * 60;

	people = icalcomponent_new_vevent();
	if (add_people(people, a, err) != 0 || ics_meeting_safe(a, err) != 0) {
		icalcomponent_free(people);
		return -1;
	}
	ev = icalcomponent_new_vevent();
	add_zone(cal, a->start.offset, iana_zone(a, end), zone, sizeof(zone));
	s = record_value(&r, "id", buf);
	uid = xmalloc(strlen(s) + 8);
	sprintf(uid, "%s@aekit", s);
	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	free(uid);
	icalcomponent_add_property(ev,
	    icalproperty_new_sequence((int)a->sequence));
	icalcomponent_add_property(ev,
	    icalproperty_new_dtstamp(ical_time(stamp.epoch, 0)));
	icalcomponent_add_property(ev,
	    zoned(icalproperty_new_dtstart(
		      zoned_time(a->start.epoch, a->start.offset, zone)),
		zone));
	icalcomponent_add_property(ev,
	    zoned(icalproperty_new_dtend(
		      zoned_time(end, a->start.offset, zone)),
		zone));
	icalcomponent_add_property(ev,
	    icalproperty_new_summary(record_value(&r, "title", buf)));
	if ((s = record_value(&r, "location", buf)) != NULL)
		icalcomponent_add_property(ev, icalproperty_new_location(s));
	/* The people after the when and where, as calendars write them. */
	while ((p = icalcomponent_get_first_property(people,
		    ICAL_ANY_PROPERTY)) != NULL) {
		icalcomponent_remove_property(people, p);
		icalcomponent_add_property(ev, p);
	}
	icalcomponent_free(people);
	if (description && *description)
		icalcomponent_add_property(ev,
		    icalproperty_new_description(description));
	icalcomponent_add_component(cal, ev);
	return 0;
}

void
agenda_ics_finish(void *calp, struct strbuf *out)
{
	icalcomponent *cal = calp;
	char *s = icalcomponent_as_ical_string_r(cal);

	strbuf_addstr(out, s);
	free(s);
	icalcomponent_free(cal);
}

static int
apply_fields(json_t *meeting, json_t *fields)
{
	if (fields)
		json_object_update(meeting, fields);
	return 0;
}

/*
 * A refused value of a document over several lines (an attendee without
 * a name) is placed at its own line, where recs --check places it.
 */
static void
at_value_line(struct ae_error *err, const struct record *r)
{
	long line;

	if (err->field[0] == '\0' || err->line != r->line || err->column != 0 ||
	    strcmp(err->source, r->source) != 0)
		return;
	line = finding_path_line(r->pos, r->object, err->field);
	if (line > 0)
		err->line = line;
}

static int
read_json(struct reader *rd, const struct record *r, int rc, json_t *fields,
    agenda_fn fn, void *ctx, struct ae_error *err)
{
	struct agenda a;
	char tbuf[JSONTEXT_BUFSIZE];
	const char *type;
	json_t *m, *items;
	long *lines;
	size_t n, i;

	for (; rc > 0; rc = reader_next(rd, &r, err)) {
		type = record_value(r, "type", tbuf);
		if (type && strcmp(type, "meeting") != 0) {
			ae_error_set(err, AE_EDATA,
			    "a record of type '%s' is "
			    "not a meeting",
			    type);
			ae_error_at(err, r->source, r->line, 0);
			return -1;
		}
		m = json_copy(r->object);
		apply_fields(m, fields);
		items = json_object_get(m, "items");
		n = json_is_array(items) ? json_array_size(items) : 0;
		lines = xcalloc(n + 1, sizeof(*lines));
		for (i = 0; i < n; i++)
			if ((lines[i] = jsonpos_line(r->pos,
				 json_array_get(items, i))) == 0)
				lines[i] = r->line;
		rc = agenda_load(&a, m, r->source, r->line, lines, err);
		if (rc != 0)
			at_value_line(err, r);
		a.pos = r->pos;
		json_decref(m);
		free(lines);
		if (rc == 0)
			rc = fn(&a, ctx, err);
		agenda_free(&a);
		if (rc != 0)
			return -1;
	}
	return rc;
}

static int
read_csv(struct reader *rd, const struct record *r, int rc, const char *name,
    json_t *fields, agenda_fn fn, void *ctx, struct ae_error *err)
{
	struct agenda a;
	json_t *m, *items = json_array();
	long *lines = NULL;
	size_t n = 0, alloc = 0;

	for (; rc > 0; rc = reader_next(rd, &r, err)) {
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			lines = xrealloc(lines, alloc * sizeof(*lines));
		}
		lines[n++] = r->line;
		json_array_append_new(items, record_to_json(r));
	}
	if (rc == 0 && n == 0 &&
	    (fields == NULL || json_object_size(fields) == 0)) {
		ae_error_set(err, AE_EDATA, "no meeting: the input is empty");
		ae_error_at(err, name, 0, 0);
		rc = -1;
	}
	if (rc < 0) {
		json_decref(items);
		free(lines);
		return -1;
	}
	m = json_object();
	apply_fields(m, fields);
	json_object_set_new(m, "items", items);
	rc = agenda_load(&a, m, name, 0, lines, err);
	json_decref(m);
	free(lines);
	if (rc == 0)
		rc = fn(&a, ctx, err);
	agenda_free(&a);
	return rc;
}

int
agenda_read(const char *path, const struct reader_options *ro, json_t *fields,
    agenda_fn fn, void *ctx, struct ae_error *err)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	const struct record *r;
	struct reader *rd;
	int rc;

	if ((rd = reader_open(path, ro, err)) == NULL)
		return -1;
	/* The format is known once the first record is read. */
	if ((rc = reader_next(rd, &r, err)) >= 0) {
		if (reader_is_json(rd))
			rc = read_json(rd, r, rc, fields, fn, ctx, err);
		else
			rc = read_csv(rd, r, rc, name, fields, fn, ctx, err);
	}
	reader_close(rd);
	return rc < 0 ? -1 : 0;
}
