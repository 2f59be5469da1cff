#define _GNU_SOURCE /* open_memstream on older C libraries */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "i18n.h"
#include "jsontext.h"
#include "minutes.h"
#include "schema.h"
#include "outfile.h"
#include "reader.h"
#include "side.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"
#include "writer.h"

static int
field_err(struct ae_error *err, const char *field, const char *text)
{
	ae_error_set(err, AE_EDATA, "%s", text);
	ae_error_field(err, field);
	return -1;
}

/*
 * The `sensitive` flag of item E.  It decides what reaches the client, so
 * it fails closed: absent is false, a boolean or one of the documented
 * words (true/false, yes/no, 1/0, 是/否) is read, and anything else (an
 * object, a list, null, an empty or other text) is bad data (-1, ERR).
 */
static int
sensitive_flag(json_t *e, int *flag, struct ae_error *err)
{
	json_t *v = json_object_get(e, "sensitive");
	char buf[JSONTEXT_BUFSIZE];
	const char *s;

	*flag = 0;
	if (v == NULL)
		return 0;
	if (json_is_boolean(v)) {
		*flag = json_is_true(v);
		return 0;
	}
	if ((json_is_string(v) || json_is_integer(v)) &&
	    (s = json_scalar_text(v, buf)) != NULL &&
	    (*flag = text_bool(s)) >= 0)
		return 0;
	*flag = 1;
	if (json_is_string(v))
		ae_error_set(err, AE_EDATA, "'%.*s%s' is not true or false",
		    TEXT_CLIP(json_string_value(v)));
	else
		ae_error_set(err, AE_EDATA, "%s is not true or false",
		    json_is_object(v)	 ? "an object" :
			json_is_array(v) ? "a list" :
			json_is_null(v)	 ? "null" :
					   "a number");
	return -1;
}

/* The text of item E of a decisions/notes list: a string or {text}. */
static const char *
item_text(json_t *e, char *buf)
{
	const char *s;

	if (json_is_object(e))
		return field_text(e, "text", buf);
	if ((s = json_scalar_text(e, buf)) == NULL || *s == '\0')
		return NULL;
	return s;
}

/*
 * The items of list NAME (decisions, notes) as a new array of
 * {text, sensitive, ...} objects.
 */
static int
items_list(json_t *m, const char *name, json_t **out, struct ae_error *err)
{
	json_t *v = json_object_get(m, name), *e, *o, *cell;
	char buf[JSONTEXT_BUFSIZE], field[160];
	const char *s;
	struct ae_error tmp;
	size_t i;
	int flag;

	ae_error_clear(&tmp);
	*out = NULL;
	if (json_is_string(v)) {
		/* A CSV cell: texts separated by ';'. */
		if (field_people(FIELD_OBJECT(m), name, &cell, err) < 0)
			return -1;
		*out = json_array();
		json_array_foreach(cell, i, e)
		{
			o = json_object();
			json_object_set(o, "text", json_object_get(e, "name"));
			json_array_append_new(*out, o);
		}
		json_decref(cell);
		return 0;
	}
	*out = json_array();
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_array(v)) {
		json_decref(*out);
		return field_err(err, name, "expected a list");
	}
	json_array_foreach(v, i, e)
	{
		snprintf(field, sizeof(field), "%s[%zu]", name, i + 1);
		if ((s = item_text(e, buf)) == NULL) {
			json_decref(*out);
			if (json_is_object(e))
				strcat(field, ".text");
			return field_err(err, field,
			    json_is_object(e) ?
				"required field is missing" :
				"expected a text or {text, sensitive}");
		}
		if (json_is_object(e)) {
			o = json_deep_copy(e);
			if (sensitive_flag(e, &flag, &tmp) < 0) {
				json_decref(o);
				json_decref(*out);
				strcat(field, ".sensitive");
				return field_err(err, field, tmp.text);
			}
			json_object_set_new(o, "sensitive", json_boolean(flag));
		} else {
			o = json_object();
			json_object_set_new(o, "text", json_string(s));
			json_object_set_new(o, "sensitive", json_false());
		}
		json_array_append_new(*out, o);
	}
	return 0;
}

/*
 * A number for an action from its text: FNV-1a over the text with its
 * blanks left out, folded into 1000–9999.  It does not depend on the
 * action's place, so inserting or moving an action in the minutes keeps
 * every other action's id, and `--done` keeps closing the right one.
 */
static unsigned
text_number(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			continue;
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return 1000 + h % 9000;
}

/*
 * Gives every action without an `id` one of its own, "<MID>-A<n>" with
 * n from its text; two actions whose numbers meet (or meet a given id)
 * take the next free number, in written order.
 */
static void
number_actions(json_t *acts, const char *mid)
{
	json_t *used = json_object(), *a;
	char id[JSONTEXT_BUFSIZE + 32];
	const char *what;
	unsigned n;
	size_t i;

	json_array_foreach(acts, i,
	    a) if (json_is_string(json_object_get(a, "id")))
	    json_object_set_new(used,
		json_string_value(json_object_get(a, "id")), json_true());
	json_array_foreach(acts, i, a)
	{
		if (json_object_get(a, "id") != NULL)
			continue;
		what = json_string_value(json_object_get(a, "what"));
		n = text_number(what ? what : "");
		for (;;) {
			snprintf(id, sizeof(id), "%s-A%u", mid, n);
			if (json_object_get(used, id) == NULL)
				break;
			n = n == 9999 ? 1000 : n + 1;
		}
		json_object_set_new(used, id, json_true());
		json_object_set_new(a, "id", json_string(id));
	}
	json_decref(used);
}

/*
 * The actions of M as a new array of objects with `due` in ISO form,
 * `sensitive` a boolean and `id` filled in.
 */
static int
actions_list(json_t *m, json_t **out, struct ae_error *err)
{
	json_t *v = json_object_get(m, "actions"), *e, *o;
	char buf[JSONTEXT_BUFSIZE], mid[JSONTEXT_BUFSIZE], field[160];
	char day[DATE_BUFSIZE];
	const char *s, *f;
	struct ae_error tmp;
	int32_t due;
	size_t i, k;
	int flag, rc;

	ae_error_clear(&tmp);
	*out = json_array();
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_array(v)) {
		json_decref(*out);
		*out = NULL;
		return field_err(err, "actions",
		    json_is_string(v) ?
			"actions need JSON: a list of {what, owner, due}" :
			"expected a list");
	}
	s = field_text(m, "id", mid);
	json_array_foreach(v, i, e)
	{
		snprintf(field, sizeof(field), "actions[%zu]", i + 1);
		if (!json_is_object(e)) {
			field_err(err, field, "expected {what, owner, due}");
			goto fail;
		}
		for (k = 0; k < 3; k++) {
			f = (const char *[]){ "what", "owner", "id" }[k];
			json_t *x = json_object_get(e, f);
			if (x && !json_is_null(x) &&
			    json_scalar_text(x, buf) == NULL) {
				snprintf(field, sizeof(field),
				    "actions[%zu].%s", i + 1, f);
				field_err(err, field, "expected a text");
				goto fail;
			}
		}
		if (field_text(e, "what", buf) == NULL) {
			snprintf(field, sizeof(field), "actions[%zu].what",
			    i + 1);
			field_err(err, field, "required field is missing");
			goto fail;
		}
		o = json_deep_copy(e);
		json_array_append_new(*out, o);
		if ((rc = field_date(FIELD_OBJECT(e), "due", &due, &tmp)) < 0) {
			snprintf(field, sizeof(field), "actions[%zu].due",
			    i + 1);
			field_err(err, field, tmp.text);
			goto fail;
		}
		if (rc > 0) {
			date_format(due, day);
			json_object_set_new(o, "due", json_string(day));
		} else {
			json_object_del(o, "due");
		}
		if (sensitive_flag(e, &flag, &tmp) < 0) {
			snprintf(field, sizeof(field), "actions[%zu].sensitive",
			    i + 1);
			field_err(err, field, tmp.text);
			goto fail;
		}
		json_object_set_new(o, "sensitive", json_boolean(flag));
		if ((f = field_text(e, "id", buf)) != NULL)
			json_object_set_new(o, "id", json_string(f));
	}
	number_actions(*out, s ? s : "");
	return 0;
fail:
	json_decref(*out);
	*out = NULL;
	return -1;
}

/*
 * An action without its owner or due date is minutes --check's finding
 * (every action has an owner and a due date), a draft's gap, not bad
 * data to render.
 */
static const char *const check_leaves[] = { "actions.owner", "actions.due",
	NULL };

int
minutes_validate(json_t *m, struct ae_error *err)
{
	struct record r = field_object(m, NULL, 0);
	json_t *l;

	if (!json_is_object(m))
		return ae_error_set(err, AE_EDATA, "minutes are an object");
	/* The schema is what knows a minutes' fields and their forms. */
	if (schema_require_but(&r, "minutes", "CNY", check_leaves, err) < 0)
		return -1;
	/* What the schema lets pass that minutes may not: a `sensitive`
	 * flag of null or "" fails closed, and actions in a CSV cell. */
	if (items_list(m, "decisions", &l, err) < 0)
		return -1;
	json_decref(l);
	if (items_list(m, "notes", &l, err) < 0)
		return -1;
	json_decref(l);
	if (actions_list(m, &l, err) < 0)
		return -1;
	json_decref(l);
	return 0;
}

/*
 * Adds `label` (name with role and org) and `last` to every person; the
 * org is left out when it is the client's or the agency's (SIDES, or
 * NULL), which the heading already says.
 */
static void
label_people(json_t *list, const struct sides *sides)
{
	int zh = strcmp(i18n_lang(), "zh") == 0;
	char rbuf[JSONTEXT_BUFSIZE], obuf[JSONTEXT_BUFSIZE];
	struct strbuf sb = STRBUF_INIT;
	const char *role, *org;
	json_t *p;
	size_t i, n = json_array_size(list);

	json_array_foreach(list, i, p)
	{
		role = field_text(p, "role", rbuf);
		org = field_text(p, "org", obuf);
		if (org && sides && side_of_org(sides, org) != SIDE_UNKNOWN)
			org = NULL;
		strbuf_reset(&sb);
		strbuf_addstr(&sb, person_name(p));
		if (role || org) {
			strbuf_addstr(&sb, zh ? "（" : " (");
			if (role)
				strbuf_addstr(&sb, role);
			if (role && org)
				strbuf_addstr(&sb, zh ? "，" : ", ");
			if (org)
				strbuf_addstr(&sb, org);
			strbuf_addstr(&sb, zh ? "）" : ")");
		}
		json_object_set_new(p, "label", json_string(sb.buf));
		json_object_set_new(p, "last", json_boolean(i + 1 == n));
	}
	strbuf_release(&sb);
}

static void
set_list(json_t *ctx, const char *name, json_t *list)
{
	char has[64];

	snprintf(has, sizeof(has), "has_%s", name);
	json_object_set_new(ctx, has, json_boolean(json_array_size(list)));
	json_object_set_new(ctx, name, list);
}

/* Keeps the items to show, numbered from 1. */
static json_t *
shown_items(json_t *items, int client_copy, int keep_id)
{
	json_t *out = json_array(), *e, *o;
	size_t i, n = 0;

	json_array_foreach(items, i, e)
	{
		if (client_copy &&
		    json_is_true(json_object_get(e, "sensitive")))
			continue;
		o = json_deep_copy(e);
		json_object_set_new(o, "n", json_integer((json_int_t)++n));
		/* The internal copy shows what the client copy leaves out. */
		json_object_set_new(o, "mark",
		    json_string(!client_copy &&
				json_is_true(json_object_get(e, "sensitive")) ?
			    _("[internal] ") :
			    ""));
		if (client_copy)
			json_object_del(o, "sensitive");
		if (!keep_id)
			json_object_del(o, "id");
		json_array_append_new(out, o);
	}
	return out;
}

static char *
actions_table(json_t *actions)
{
	struct table *t = table_new();
	char *text;
	size_t len, i;
	char buf[JSONTEXT_BUFSIZE];
	const char *s;
	json_t *a;

	table_column(t, _("No."), TABLE_RIGHT);
	table_column(t, _("Action"), TABLE_LEFT);
	table_column(t, _("Owner"), TABLE_LEFT);
	table_column(t, _("Due"), TABLE_LEFT);
	json_array_foreach(actions, i, a)
	{
		table_row(t);
		table_cellf(t, "%zu", i + 1);
		table_cellf(t, "%s%s",
		    json_string_value(json_object_get(a, "mark")),
		    field_text(a, "what", buf));
		table_cell(t, (s = field_text(a, "owner", buf)) ? s : "");
		table_cell(t, (s = field_text(a, "due", buf)) ? s : "");
	}
	text = table_string(t, TABLE_TEXT);
	table_free(t);
	if ((len = strlen(text)) > 0 && text[len - 1] == '\n')
		text[len - 1] = '\0';
	return text;
}

static void
set_when(json_t *ctx, const char *name, const struct when *w)
{
	char buf[WHEN_BUFSIZE];

	when_format(w, buf);
	json_object_set_new(ctx, name, json_string(buf));
}

/* "2026-11-20 14:00–15:30" when the meeting ends on the day it starts. */
static void
set_meeting_time(json_t *ctx, json_t *m)
{
	struct when start, end;
	char buf[WHEN_BUFSIZE], clock[16], both[2 * WHEN_BUFSIZE];

	field_when(FIELD_OBJECT(m), "date", &start, NULL);
	when_format(&start, buf);
	if (start.has_time) {
		when_clock(start.t, clock, sizeof(clock));
		json_object_set_new(ctx, "time", json_string(clock));
	}
	date_format(start.day, clock);
	json_object_set_new(ctx, "date", json_string(clock));
	if (field_when(FIELD_OBJECT(m), "end", &end, NULL) > 0) {
		set_when(ctx, "end", &end);
		if (start.has_time && end.has_time && end.day == start.day &&
		    end.t.offset == start.t.offset) {
			when_clock(end.t, clock, sizeof(clock));
			json_object_set_new(ctx, "end_time",
			    json_string(clock));
			/* The time of day goes before any zone suffix. */
			snprintf(both, sizeof(both), "%.16s–%s%s", buf, clock,
			    buf + 16);
		} else {
			snprintf(both, sizeof(both), "%s – %s", buf,
			    json_string_value(json_object_get(ctx, "end")));
		}
		json_object_set_new(ctx, "when", json_string(both));
	} else {
		json_object_set_new(ctx, "when", json_string(buf));
	}
}

/* The meeting's end is before its start: ERR set, 1. */
static int
end_before_start(json_t *m, struct ae_error *err)
{
	struct when start, end;
	char a[JSONTEXT_BUFSIZE], b[JSONTEXT_BUFSIZE];

	if (field_when(FIELD_OBJECT(m), "date", &start, NULL) <= 0 ||
	    field_when(FIELD_OBJECT(m), "end", &end, NULL) <= 0 ||
	    when_latest(&end) >= when_earliest(&start))
		return 0;
	/* The schema's words, as recs --check says them. */
	if (err) {
		ae_error_set(err, AE_EDATA, "%s is before 'date' %s",
		    field_text(m, "end", a), field_text(m, "date", b));
		ae_error_field(err, "end");
	}
	return 1;
}

json_t *
minutes_context(json_t *m, const struct minutes_options *o,
    struct ae_error *err)
{
	char abuf[JSONTEXT_BUFSIZE], cbuf[JSONTEXT_BUFSIZE];
	const char *agency, *client;
	json_t *ctx, *att, *cside, *aside, *uside, *l, *p, *acts;
	struct sides sides;
	struct when w;
	size_t i;
	int flag;

	if (minutes_validate(m, err) < 0 || end_before_start(m, err))
		return NULL;
	ctx = json_deep_copy(m);
	client = field_text(m, "client", cbuf);
	agency = field_text(m, "agency", abuf);
	if (agency == NULL && o->sides.nagency > 0)
		agency = o->sides.agency[0];
	if (agency)
		json_object_set_new(ctx, "agency", json_string(agency));
	set_meeting_time(ctx, m);
	if (field_when(FIELD_OBJECT(m), "issued", &w, NULL) == 0) {
		w.has_time = 0;
		w.day = o->as_of;
	}
	set_when(ctx, "issued", &w);
	field_bool(FIELD_OBJECT(m), "key", &flag, NULL);
	json_object_set_new(ctx, "key", json_boolean(flag));
	json_object_set_new(ctx, "client_copy", json_boolean(o->client_copy));

	field_people(FIELD_OBJECT(m), "attendees", &att, NULL);
	sides = o->sides;
	sides.client = client;
	sides_add_agency(&sides, agency);
	cside = json_array();
	aside = json_array();
	uside = json_array();
	json_array_foreach(att, i, p)
	{
		switch (side_of(&sides, p, NULL)) {
		case SIDE_AGENCY:
			json_array_append(aside, p);
			break;
		case SIDE_CLIENT:
			json_array_append(cside, p);
			break;
		default:
			json_array_append(uside, p);
		}
	}
	json_decref(att);
	label_people(cside, &sides);
	label_people(aside, &sides);
	label_people(uside, &sides);
	set_list(ctx, "client_side", cside);
	set_list(ctx, "agency_side", aside);
	set_list(ctx, "unknown_side", uside);
	json_object_del(ctx, "attendees");
	field_people(FIELD_OBJECT(m), "absent", &l, NULL);
	label_people(l, NULL);
	set_list(ctx, "absent", l);
	field_people(FIELD_OBJECT(m), "distribution", &l, NULL);
	label_people(l, NULL);
	set_list(ctx, "distribution", l);

	items_list(m, "decisions", &l, NULL);
	set_list(ctx, "decisions", shown_items(l, o->client_copy, 0));
	json_decref(l);
	items_list(m, "notes", &l, NULL);
	set_list(ctx, "notes", shown_items(l, o->client_copy, 0));
	json_decref(l);
	actions_list(m, &l, NULL);
	acts = shown_items(l, o->client_copy, !o->client_copy);
	json_decref(l);
	if (o->text_table) {
		char *t = actions_table(acts);
		json_object_set_new(ctx, "actions_table", json_string(t));
		free(t);
	}
	set_list(ctx, "actions", acts);
	return ctx;
}

int
minutes_actions(json_t *m, int client_copy, json_t **out, struct ae_error *err)
{
	static const char *const order[] = { "id", "what", "owner", "due",
		NULL };
	char buf[JSONTEXT_BUFSIZE], field[64];
	json_t *l, *a, *r, *v;
	const char *key;
	size_t i, k;

	*out = NULL;
	if (minutes_validate(m, err) < 0 || actions_list(m, &l, err) < 0)
		return -1;
	*out = json_array();
	json_array_foreach(l, i, a)
	{
		if (client_copy &&
		    json_is_true(json_object_get(a, "sensitive")))
			continue;
		r = json_object();
		for (k = 0; order[k]; k++) {
			if (field_text(a, order[k], buf) == NULL) {
				snprintf(field, sizeof(field),
				    "actions[%zu].%s", i + 1, order[k]);
				json_decref(r);
				json_decref(l);
				json_decref(*out);
				*out = NULL;
				return field_err(err, field,
				    "required field is missing");
			}
			json_object_set(r, order[k],
			    json_object_get(a, order[k]));
		}
		json_object_set_new(r, "status", json_string("open"));
		json_object_set_new(r, "minutes",
		    json_string(field_text(m, "id", buf)));
		json_object_set_new(r, "client",
		    json_string(field_text(m, "client", buf)));
		json_object_foreach(a, key,
		    v) if (json_object_get(r, key) == NULL &&
		    strcmp(key, "sensitive") != 0) json_object_set(r, key, v);
		/* Carried, so that reminders to the client leave it out. */
		if (json_is_true(json_object_get(a, "sensitive")))
			json_object_set_new(r, "sensitive", json_true());
		json_array_append_new(*out, r);
	}
	json_decref(l);
	return 0;
}

/* Whether M has an item marked sensitive. */
static int
has_sensitive(json_t *m)
{
	static const char *const lists[] = { "decisions", "actions", "notes",
		NULL };
	json_t *e;
	size_t i, k;
	int flag;

	for (k = 0; lists[k]; k++)
		json_array_foreach(json_object_get(m, lists[k]), i,
		    e) if (json_is_object(e) &&
		    (sensitive_flag(e, &flag, NULL) < 0 || flag)) return 1;
	return 0;
}

int
minutes_sensitive_note(json_t *m, const struct sides *sides, struct strbuf *out)
{
	char cbuf[JSONTEXT_BUFSIZE], abuf[JSONTEXT_BUFSIZE];
	struct sides sd = *sides;
	json_t *dist, *att, *p;
	size_t i, n = 0;

	if (!has_sensitive(m))
		return 0;
	sd.client = field_text(m, "client", cbuf);
	sides_add_agency(&sd, field_text(m, "agency", abuf));
	field_people(FIELD_OBJECT(m), "distribution", &dist, NULL);
	field_people(FIELD_OBJECT(m), "attendees", &att, NULL);
	json_array_foreach(dist, i, p)
	{
		if (side_of(&sd, p, att) != SIDE_CLIENT)
			continue;
		strbuf_addf(out, "%s%s",
		    n++ == 0			       ? "" :
			strcmp(i18n_lang(), "zh") == 0 ? "、" :
							 ", ",
		    person_name(p));
	}
	json_decref(dist);
	json_decref(att);
	return n > 0;
}

static void
format_span(int64_t secs, char *buf, size_t size)
{
	int64_t h = secs / 3600, min = secs / 60 % 60;

	if (min)
		snprintf(buf, size, _("%lld h %lld min"), (long long)h,
		    (long long)min);
	else
		snprintf(buf, size, _("%lld h"), (long long)h);
}

static int
on_list(json_t *list, const char *name)
{
	json_t *p;
	size_t i;

	json_array_foreach(list, i,
	    p) if (strcmp(person_name(p), name) == 0) return 1;
	return 0;
}

static int
check_late(json_t *m, const struct when *now, struct finding_sink *fs)
{
	struct when start, end, issued;
	char a[WHEN_BUFSIZE], b[WHEN_BUFSIZE], span[64];
	int64_t ends, sent;
	int has_issued, day_only;

	field_when(FIELD_OBJECT(m), "date", &start, NULL);
	if (field_when(FIELD_OBJECT(m), "end", &end, NULL) > 0) {
		ends = when_latest(&end);
		day_only = !end.has_time;
	} else if (start.has_time) {
		ends = start.t.epoch + 3600;
		day_only = 0;
	} else {
		ends = when_latest(&start);
		end = start;
		day_only = 1;
	}
	has_issued = field_when(FIELD_OBJECT(m), "issued", &issued, NULL) > 0;
	if (!has_issued)
		issued = *now;
	sent = when_earliest(&issued);
	if (has_issued && when_latest(&issued) < ends) {
		/* A report written before the meeting ended reports nothing. */
		when_format(&issued, b);
		end.has_time = 1;
		end.t.epoch = ends;
		end.t.offset = start.has_time ? start.t.offset :
						datetime_local_offset(ends);
		end.day = datetime_day(end.t);
		when_format(&end, a);
		finding_on(fs, json_object_get(m, "issued"), "early",
		    _("issued %s, before the meeting ended (%s)"), b, a);
		return 1;
	}
	if (sent - ends <= MINUTES_DEADLINE)
		return 0;
	if (day_only) {
		char d[DATE_BUFSIZE];
		date_format(end.day, d);
		snprintf(a, sizeof(a), _("end of %s"), d);
	} else {
		end.has_time = 1;
		end.t.epoch = ends;
		end.t.offset = start.has_time ? start.t.offset :
						datetime_local_offset(ends);
		end.day = datetime_day(end.t);
		when_format(&end, a);
	}
	when_format(&issued, b);
	format_span(sent - ends, span, sizeof(span));
	if (has_issued)
		finding_on(fs, json_object_get(m, "issued"), "late",
		    _("issued %s, %s after the meeting ended (%s); the report "
		      "is due within 24 h"),
		    b, span, a);
	else
		finding_add(fs, "late",
		    _("not issued by %s, %s after "
		      "the meeting ended (%s); the report is due within 24 h"),
		    b, span, a);
	return 1;
}

int
minutes_check(json_t *m, const struct when *now, struct finding_sink *fs)
{
	char buf[JSONTEXT_BUFSIZE], day[DATE_BUFSIZE], meet[DATE_BUFSIZE];
	json_t *l, *dist, *a;
	struct when start;
	const char *what, *name;
	int32_t due;
	size_t i;
	int n = 0;

	if (end_before_start(m, NULL)) {
		char a[WHEN_BUFSIZE], b[WHEN_BUFSIZE];
		struct when end;
		field_when(FIELD_OBJECT(m), "date", &start, NULL);
		field_when(FIELD_OBJECT(m), "end", &end, NULL);
		when_format(&end, a);
		when_format(&start, b);
		finding_on(fs, json_object_get(m, "end"), "end",
		    _("the meeting "
		      "ends (%s) before it starts (%s)"),
		    a, b);
		n++;
	} else {
		n += check_late(m, now, fs);
	}
	field_when(FIELD_OBJECT(m), "date", &start, NULL);
	date_format(start.day, meet);
	actions_list(m, &l, NULL);
	json_array_foreach(l, i, a)
	{
		what = json_string_value(json_object_get(a, "what"));
		if (what == NULL)
			what = field_text(a, "what", buf);
		if (field_text(a, "owner", buf) == NULL) {
			finding_on(fs, finding_entry(m, "actions", i), "owner",
			    _("action %zu '%s' has no owner"), i + 1, what);
			n++;
		}
		if (field_date(FIELD_OBJECT(a), "due", &due, NULL) <= 0) {
			finding_on(fs, finding_entry(m, "actions", i), "due",
			    _("action %zu '%s' has no due date"), i + 1, what);
			n++;
		} else if (due < start.day) {
			date_format(due, day);
			finding_on(fs,
			    json_object_get(finding_entry(m, "actions", i),
				"due"),
			    "due",
			    _("action %zu '%s' is due "
			      "%s, before the meeting on %s"),
			    i + 1, what, day, meet);
			n++;
		}
	}
	json_decref(l);
	field_people(FIELD_OBJECT(m), "distribution", &dist, NULL);
	field_people(FIELD_OBJECT(m), "attendees", &l, NULL);
	if (json_array_size(dist) == 0) {
		finding_on(fs, finding_entry(m, "distribution", 0),
		    "distribution", _("the report has no distribution list"));
		n++;
	}
	json_array_foreach(l, i, a)
	{
		name = person_name(a);
		if (!on_list(dist, name)) {
			finding_on(fs, finding_entry(m, "attendees", i),
			    "distribution",
			    _("attendee '%s' "
			      "is not on the distribution list"),
			    name);
			n++;
		}
	}
	json_decref(l);
	/* 让未到会人员了解现状: the absent get the report too. */
	field_people(FIELD_OBJECT(m), "absent", &l, NULL);
	json_array_foreach(l, i, a)
	{
		name = person_name(a);
		if (!on_list(dist, name)) {
			finding_on(fs, finding_entry(m, "absent", i),
			    "distribution",
			    _("absentee '%s' "
			      "is not on the distribution list"),
			    name);
			n++;
		}
	}
	json_decref(l);
	json_decref(dist);
	items_list(m, "decisions", &l, NULL);
	i = json_array_size(l);
	json_decref(l);
	actions_list(m, &l, NULL);
	i += json_array_size(l);
	json_decref(l);
	if (i == 0) {
		finding_add(fs, "empty",
		    _("the report has neither decisions "
		      "nor actions"));
		n++;
	}
	return n;
}

/* The whole of PATH into SB; 0, 1 when it does not exist, -1 with ERR. */
static int
slurp(const char *path, struct strbuf *sb, struct ae_error *err)
{
	char buf[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		if (errno == ENOENT)
			return 1;
		ae_error_set(err, AE_ENOINPUT, "cannot open: %s",
		    strerror(errno));
		ae_error_at(err, path, 0, 0);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(sb, buf, n);
	n = ferror(f);
	fclose(f);
	if (n) {
		ae_error_set(err, AE_ENOINPUT, "cannot read");
		ae_error_at(err, path, 0, 0);
		return -1;
	}
	return 0;
}

/* The ids in follow-up file PATH (a set), its CSV columns and format. */
static int
known_ids(const char *path, const struct reader_options *ro, json_t *ids,
    json_t *columns, int *json, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const struct record *r;
	struct reader *rd;
	const char *id;
	size_t i;
	int rc;

	if ((rd = reader_open(path, ro, err)) == NULL)
		return -1;
	while ((rc = reader_next(rd, &r, err)) > 0) {
		*json = reader_is_json(rd);
		if (json_array_size(columns) == 0 && !*json)
			for (i = 0; i < record_size(r); i++)
				json_array_append_new(columns,
				    json_string(record_name(r, i)));
		if ((id = record_value(r, "id", buf)) != NULL)
			json_object_set_new(ids, id, json_true());
	}
	reader_close(rd);
	return rc < 0 ? -1 : 0;
}

/* A in the follow-up file's COLUMNS, one CSV line. */
static void
put_csv_row(FILE *f, json_t *columns, json_t *a)
{
	size_t i, n = json_array_size(columns);
	char(*bufs)[JSONTEXT_BUFSIZE] = xcalloc(n + 1, sizeof(*bufs));
	const char **cells = xcalloc(n + 1, sizeof(*cells));
	json_t *c;

	json_array_foreach(columns, i, c) cells[i] =
	    field_text(a, json_string_value(c), bufs[i]);
	csv_put_row(f, cells, n, 0);
	free(cells);
	free(bufs);
}

int
minutes_append(const char *path, const struct reader_options *ro,
    json_t *actions, int json, struct ae_error *err)
{
	static const char *const fixed[] = { "id", "what", "owner", "due",
		"status", "minutes", "client", "done_on", NULL };
	struct strbuf old = STRBUF_INIT;
	struct file_lock lock;
	struct outfile out;
	json_t *ids = json_object(), *columns = json_array(), *a;
	const char *id;
	size_t i;
	int rc = -1, added = 0, missing;

	if (file_lock(&lock, path, err) != 0)
		goto done;
	if ((missing = slurp(path, &old, err)) < 0)
		goto unlock;
	if (!missing && old.len > 0 &&
	    known_ids(path, ro, ids, columns, &json, err) != 0)
		goto unlock;
	if (outfile_open(&out, path, 0, err) != 0)
		goto unlock;
	if (old.len > 0)
		fwrite(old.buf, 1, old.len, out.fp);
	if (old.len > 0 && old.buf[old.len - 1] != '\n')
		putc('\n', out.fp);
	if (!json && json_array_size(columns) == 0) {
		/* A new file, or one with only a header: our columns. */
		json_array_clear(columns);
		for (i = 0; fixed[i]; i++)
			json_array_append_new(columns, json_string(fixed[i]));
		for (i = 0; old.len == 0 && fixed[i]; i++)
			fprintf(out.fp, "%s%s", i ? "," : "", fixed[i]);
		if (old.len == 0)
			putc('\n', out.fp);
	}
	json_array_foreach(actions, i, a)
	{
		id = json_string_value(json_object_get(a, "id"));
		if (id == NULL || json_object_get(ids, id) != NULL)
			continue; /* there already: its status stays */
		json_object_set_new(ids, id, json_true());
		if (json) {
			json_dumpf(a, out.fp, JSON_COMPACT);
			putc('\n', out.fp);
		} else {
			put_csv_row(out.fp, columns, a);
		}
		added++;
	}
	rc = outfile_commit(&out, err) == 0 ? added : -1;
unlock:
	file_unlock(&lock);
done:
	strbuf_release(&old);
	json_decref(ids);
	json_decref(columns);
	return rc;
}
