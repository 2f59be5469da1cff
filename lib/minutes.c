#define _GNU_SOURCE		/* open_memstream on older C libraries */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docval.h"
#include "i18n.h"
#include "jsontext.h"
#include "minutes.h"
#include "strbuf.h"
#include "table.h"

static int
field_err(struct ae_error *err, const char *field, const char *text)
{
	ae_error_set(err, AE_EDATA, "%s", text);
	ae_error_field(err, field);
	return -1;
}

/* The text of item E of a decisions/notes list: a string or {text}. */
static const char *
item_text(json_t *e, char *buf)
{
	const char *s;

	if (json_is_object(e))
		return docval_text(e, "text", buf);
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
		if (people_list(m, name, &cell, err) < 0)
			return -1;
		*out = json_array();
		json_array_foreach(cell, i, e) {
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
	json_array_foreach(v, i, e) {
		snprintf(field, sizeof(field), "%s[%zu]", name, i + 1);
		if ((s = item_text(e, buf)) == NULL) {
			json_decref(*out);
			if (json_is_object(e))
				strcat(field, ".text");
			return field_err(err, field, json_is_object(e) ?
			    "required field is missing" :
			    "expected a text or {text, sensitive}");
		}
		if (json_is_object(e)) {
			o = json_deep_copy(e);
			if (docval_flag(e, "sensitive", &flag, &tmp) < 0) {
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
 * The actions of M as a new array of objects with `due` in ISO form,
 * `sensitive` a boolean and `id` filled in.
 */
static int
actions_list(json_t *m, json_t **out, struct ae_error *err)
{
	json_t *v = json_object_get(m, "actions"), *e, *o;
	char buf[JSONTEXT_BUFSIZE], mid[JSONTEXT_BUFSIZE], field[160];
	char day[DATE_BUFSIZE], id[JSONTEXT_BUFSIZE + 32];
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
		return field_err(err, "actions", json_is_string(v) ?
		    "actions need JSON: a list of {what, owner, due}" :
		    "expected a list");
	}
	s = docval_text(m, "id", mid);
	json_array_foreach(v, i, e) {
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
		if (docval_text(e, "what", buf) == NULL) {
			snprintf(field, sizeof(field), "actions[%zu].what",
			    i + 1);
			field_err(err, field, "required field is missing");
			goto fail;
		}
		o = json_deep_copy(e);
		json_array_append_new(*out, o);
		if ((rc = docval_date(e, "due", &due, &tmp)) < 0) {
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
		if (docval_flag(e, "sensitive", &flag, &tmp) < 0) {
			snprintf(field, sizeof(field), "actions[%zu].sensitive",
			    i + 1);
			field_err(err, field, tmp.text);
			goto fail;
		}
		json_object_set_new(o, "sensitive", json_boolean(flag));
		if ((f = docval_text(e, "id", buf)) == NULL) {
			snprintf(id, sizeof(id), "%s-A%zu", s ? s : "", i + 1);
			f = id;
		}
		json_object_set_new(o, "id", json_string(f));
	}
	return 0;
fail:
	json_decref(*out);
	*out = NULL;
	return -1;
}

int
minutes_validate(json_t *m, struct ae_error *err)
{
	static const char *const people[] = { "attendees", "absent",
		"distribution", NULL };
	static const char *const texts[] = { "id", "client", NULL };
	static const char *const times[] = { "date", "end", "issued", NULL };
	char buf[JSONTEXT_BUFSIZE];
	struct when w;
	json_t *l;
	size_t i;
	int flag, rc;

	if (!json_is_object(m))
		return ae_error_set(err, AE_EDATA, "minutes are an object");
	for (i = 0; texts[i]; i++)
		if (docval_text(m, texts[i], buf) == NULL)
			return field_err(err, texts[i],
			    "required field is missing");
	for (i = 0; times[i]; i++) {
		if ((rc = docval_when(m, times[i], &w, err)) < 0)
			return -1;
		if (rc == 0 && i == 0)
			return field_err(err, "date",
			    "required field is missing");
	}
	for (i = 0; people[i]; i++) {
		if (people_list(m, people[i], &l, err) < 0)
			return -1;
		json_decref(l);
	}
	if (docval_flag(m, "key", &flag, err) < 0)
		return -1;
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

/* Adds `label` (name with role and org) and `last` to every person. */
static void
label_people(json_t *list, const char *hide_org, const char *hide_org2)
{
	int zh = strcmp(i18n_lang(), "zh") == 0;
	char rbuf[JSONTEXT_BUFSIZE], obuf[JSONTEXT_BUFSIZE];
	struct strbuf sb = STRBUF_INIT;
	const char *role, *org;
	json_t *p;
	size_t i, n = json_array_size(list);

	json_array_foreach(list, i, p) {
		role = docval_text(p, "role", rbuf);
		org = docval_text(p, "org", obuf);
		if (org && ((hide_org && strcmp(org, hide_org) == 0) ||
		    (hide_org2 && strcmp(org, hide_org2) == 0)))
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

	json_array_foreach(items, i, e) {
		if (client_copy && json_is_true(json_object_get(e,
		    "sensitive")))
			continue;
		o = json_deep_copy(e);
		json_object_set_new(o, "n", json_integer((json_int_t)++n));
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
	char *text = NULL;
	size_t len = 0, i;
	char buf[JSONTEXT_BUFSIZE];
	const char *s;
	json_t *a;
	FILE *f;

	table_column(t, _("No."), TABLE_RIGHT);
	table_column(t, _("Action"), TABLE_LEFT);
	table_column(t, _("Owner"), TABLE_LEFT);
	table_column(t, _("Due"), TABLE_LEFT);
	json_array_foreach(actions, i, a) {
		table_row(t);
		table_cellf(t, "%zu", i + 1);
		table_cell(t, docval_text(a, "what", buf));
		table_cell(t, (s = docval_text(a, "owner", buf)) ? s : "");
		table_cell(t, (s = docval_text(a, "due", buf)) ? s : "");
	}
	if ((f = open_memstream(&text, &len)) == NULL)
		abort();
	table_print(t, f);
	fclose(f);
	table_free(t);
	if (len > 0 && text[len - 1] == '\n')
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

	docval_when(m, "date", &start, NULL);
	when_format(&start, buf);
	if (start.has_time) {
		when_clock(start.t, clock, sizeof(clock));
		json_object_set_new(ctx, "time", json_string(clock));
	}
	date_format(start.day, clock);
	json_object_set_new(ctx, "date", json_string(clock));
	if (docval_when(m, "end", &end, NULL) > 0) {
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

json_t *
minutes_context(json_t *m, const struct minutes_options *o,
    struct ae_error *err)
{
	char abuf[JSONTEXT_BUFSIZE], cbuf[JSONTEXT_BUFSIZE];
	char obuf[JSONTEXT_BUFSIZE];
	const char *agency, *client, *org;
	json_t *ctx, *att, *cside, *aside, *l, *p, *acts;
	struct when w;
	size_t i;
	int flag;

	if (minutes_validate(m, err) < 0)
		return NULL;
	ctx = json_deep_copy(m);
	client = docval_text(m, "client", cbuf);
	agency = docval_text(m, "agency", abuf);
	if (agency == NULL)
		agency = o->agency;
	if (agency)
		json_object_set_new(ctx, "agency", json_string(agency));
	set_meeting_time(ctx, m);
	if (docval_when(m, "issued", &w, NULL) == 0) {
		w.has_time = 0;
		w.day = o->as_of;
	}
	set_when(ctx, "issued", &w);
	docval_flag(m, "key", &flag, NULL);
	json_object_set_new(ctx, "key", json_boolean(flag));
	json_object_set_new(ctx, "client_copy", json_boolean(o->client_copy));

	people_list(m, "attendees", &att, NULL);
	cside = json_array();
	aside = json_array();
	json_array_foreach(att, i, p) {
		org = docval_text(p, "org", obuf);
		if (agency ? (org && strcmp(org, agency) == 0) :
		    !(org && strcmp(org, client) == 0))
			json_array_append(aside, p);
		else
			json_array_append(cside, p);
	}
	json_decref(att);
	label_people(cside, client, NULL);
	label_people(aside, agency, NULL);
	set_list(ctx, "client_side", cside);
	set_list(ctx, "agency_side", aside);
	json_object_del(ctx, "attendees");
	people_list(m, "absent", &l, NULL);
	label_people(l, NULL, NULL);
	set_list(ctx, "absent", l);
	people_list(m, "distribution", &l, NULL);
	label_people(l, NULL, NULL);
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
minutes_actions(json_t *m, int client_copy, json_t **out,
    struct ae_error *err)
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
	json_array_foreach(l, i, a) {
		if (client_copy && json_is_true(json_object_get(a,
		    "sensitive")))
			continue;
		r = json_object();
		for (k = 0; order[k]; k++) {
			if (docval_text(a, order[k], buf) == NULL) {
				snprintf(field, sizeof(field),
				    "actions[%zu].%s", i + 1, order[k]);
				json_decref(r);
				json_decref(l);
				json_decref(*out);
				*out = NULL;
				return field_err(err, field,
				    "required field is missing");
			}
			json_object_set(r, order[k], json_object_get(a,
			    order[k]));
		}
		json_object_set_new(r, "status", json_string("open"));
		json_object_set_new(r, "minutes", json_string(docval_text(m,
		    "id", buf)));
		json_object_set_new(r, "client", json_string(docval_text(m,
		    "client", buf)));
		json_object_foreach(a, key, v)
			if (json_object_get(r, key) == NULL &&
			    strcmp(key, "sensitive") != 0)
				json_object_set(r, key, v);
		json_array_append_new(*out, r);
	}
	json_decref(l);
	return 0;
}

static void
report_f(minutes_report_fn report, void *ctx, const char *rule,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
report_f(minutes_report_fn report, void *ctx, const char *rule,
    const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	report(ctx, rule, sb.buf);
	strbuf_release(&sb);
}

static void
format_span(int64_t secs, char *buf, size_t size)
{
	int64_t h = secs / 3600, min = secs / 60 % 60;

	if (min)
		snprintf(buf, size, "%lld h %lld min", (long long)h,
		    (long long)min);
	else
		snprintf(buf, size, "%lld h", (long long)h);
}

static int
on_list(json_t *list, const char *name)
{
	json_t *p;
	size_t i;

	json_array_foreach(list, i, p)
		if (strcmp(person_name(p), name) == 0)
			return 1;
	return 0;
}

static int
check_late(json_t *m, const struct when *now, minutes_report_fn report,
    void *ctx)
{
	struct when start, end, issued;
	char a[WHEN_BUFSIZE], b[WHEN_BUFSIZE], span[64];
	int64_t ends, sent;
	int has_issued, day_only;

	docval_when(m, "date", &start, NULL);
	if (docval_when(m, "end", &end, NULL) > 0) {
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
	has_issued = docval_when(m, "issued", &issued, NULL) > 0;
	if (!has_issued)
		issued = *now;
	sent = when_earliest(&issued);
	if (sent - ends <= MINUTES_DEADLINE)
		return 0;
	if (day_only) {
		char d[DATE_BUFSIZE];
		date_format(end.day, d);
		snprintf(a, sizeof(a), "end of %s", d);
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
	report_f(report, ctx, "late", "%s %s, %s after the meeting ended "
	    "(%s); the report is due within 24 h",
	    has_issued ? "issued" : "not issued by", b, span, a);
	return 1;
}

int
minutes_check(json_t *m, const struct when *now, minutes_report_fn report,
    void *ctx)
{
	char buf[JSONTEXT_BUFSIZE], day[DATE_BUFSIZE], meet[DATE_BUFSIZE];
	json_t *l, *dist, *a;
	struct when start;
	const char *what, *name;
	int32_t due;
	size_t i;
	int n = 0;

	n += check_late(m, now, report, ctx);
	docval_when(m, "date", &start, NULL);
	date_format(start.day, meet);
	actions_list(m, &l, NULL);
	json_array_foreach(l, i, a) {
		what = json_string_value(json_object_get(a, "what"));
		if (what == NULL)
			what = docval_text(a, "what", buf);
		if (docval_text(a, "owner", buf) == NULL) {
			report_f(report, ctx, "owner", "action %zu '%s' has "
			    "no owner", i + 1, what);
			n++;
		}
		if (docval_date(a, "due", &due, NULL) <= 0) {
			report_f(report, ctx, "due", "action %zu '%s' has no "
			    "due date", i + 1, what);
			n++;
		} else if (due < start.day) {
			date_format(due, day);
			report_f(report, ctx, "due", "action %zu '%s' is due "
			    "%s, before the meeting on %s", i + 1, what, day,
			    meet);
			n++;
		}
	}
	json_decref(l);
	people_list(m, "distribution", &dist, NULL);
	people_list(m, "attendees", &l, NULL);
	if (json_array_size(dist) == 0) {
		report(ctx, "distribution", "the report has no distribution "
		    "list");
		n++;
	}
	json_array_foreach(l, i, a) {
		name = person_name(a);
		if (!on_list(dist, name)) {
			report_f(report, ctx, "distribution", "attendee '%s' "
			    "is not on the distribution list", name);
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
		report(ctx, "empty", "the report has neither decisions nor "
		    "actions");
		n++;
	}
	return n;
}
