#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "jsontext.h"
#include "strbuf.h"
#include "text.h"

int
field_error(const struct record *r, const char *name, struct ae_error *err)
{
	ae_error_field(err, name);
	ae_error_at(err, r->source, r->line, 0);
	return -1;
}

int
field_item_error(struct ae_error *err, const char *list, size_t i)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s[%zu]", list, i + 1);
	if (err->field[0])
		strbuf_addf(&sb, ".%s", err->field);
	snprintf(err->field, sizeof(err->field), "%s", sb.buf);
	strbuf_release(&sb);
	return -1;
}

int
field_currency(const struct record *r, const char *def, char *code, int *digits,
    struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = record_value(r, "currency", buf);
	size_t n;

	if (s == NULL)
		s = def;
	s = currency_canonical(s);
	if ((*digits = currency_digits(s)) < 0) {
		ae_error_set(err, AE_EDATA, "unknown currency '%s'", s);
		return field_error(r, "currency", err);
	}
	/* As snprintf(code, 8, "%s", s), without its cost every record. */
	n = strnlen(s, 7);
	memcpy(code, s, n);
	code[n] = '\0';
	return 1;
}

int
field_money(const struct record *r, const char *name, const char *currency,
    int digits, int64_t *out, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = record_value(r, name, buf);

	if (s == NULL)
		return 0;
	if (money_parse(s, digits, currency, out, err) != 0)
		return field_error(r, name, err);
	return 1;
}

int
field_decimal(const struct record *r, const char *name, struct decimal *out,
    struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = record_value(r, name, buf);

	if (s == NULL)
		return 0;
	if (decimal_parse(s, out, err) != 0)
		return field_error(r, name, err);
	return 1;
}

int
field_int(const struct record *r, const char *name, long min, long max,
    long *out, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE], *end;
	const char *s = record_value(r, name, buf);
	long v;

	if (s == NULL)
		return 0;
	v = strtol(s, &end, 10);
	if (*end != '\0' || end == s || v < min || v > max ||
	    (*s != '-' && (*s < '0' || *s > '9'))) {
		ae_error_set(err, AE_EDATA,
		    "'%s' is not a whole number from "
		    "%ld to %ld",
		    s, min, max);
		return field_error(r, name, err);
	}
	*out = v;
	return 1;
}

int
field_bool(const struct record *r, const char *name, int *out,
    struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = record_value(r, name, buf);
	json_t *v = record_json(r, name);

	*out = 0;
	/* An object or a list fails closed: set, and an error. */
	if (json_is_object(v) || json_is_array(v)) {
		*out = 1;
		ae_error_set(err, AE_EDATA, "%s is not true or false",
		    json_is_object(v) ? "an object" : "a list");
		return field_error(r, name, err);
	}
	if (s == NULL)
		return 0;
	if ((*out = text_bool(s)) >= 0)
		return 1;
	*out = 1;
	ae_error_set(err, AE_EDATA, "'%.*s%s' is not true or false",
	    TEXT_CLIP(s));
	return field_error(r, name, err);
}

int
field_date(const struct record *r, const char *name, int32_t *out,
    struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = record_value(r, name, buf);

	if (s == NULL)
		return 0;
	if (date_parse(s, out, err) != 0)
		return field_error(r, name, err);
	return 1;
}

int
field_datetime(const struct record *r, const char *name, struct datetime *out,
    struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = record_value(r, name, buf);

	if (s == NULL)
		return 0;
	if (datetime_parse(s, out, err) != 0)
		return field_error(r, name, err);
	return 1;
}

int
field_month(const struct record *r, const char *name, int *y, int *m,
    struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = record_value(r, name, buf);

	if (s == NULL)
		return 0;
	if (month_parse(s, y, m, err) != 0)
		return field_error(r, name, err);
	return 1;
}

static json_t *
split_cell(const char *s)
{
	json_t *a = json_array();
	const char *p = s, *end;
	size_t n;

	while (*p) {
		end = strchr(p, ';');
		n = end ? (size_t)(end - p) : strlen(p);
		while (n > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n > 0)
			json_array_append_new(a, json_stringn(p, n));
		if (end == NULL)
			break;
		p = end + 1;
	}
	return a;
}

json_t *
field_list(const struct record *r, const char *name)
{
	json_t *v;
	const char *s;
	char buf[JSONTEXT_BUFSIZE];

	if (r->object) {
		v = json_object_get(r->object, name);
		if (v == NULL || json_is_null(v))
			return NULL;
		if (json_is_array(v))
			return json_incref(v);
		if (json_is_string(v))
			return split_cell(json_string_value(v));
		v = json_array();
		return v;
	}
	s = record_value(r, name, buf);
	return s ? split_cell(s) : NULL;
}

static char *
member_copy(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	char buf[JSONTEXT_BUFSIZE];
	const char *s = v ? json_scalar_text(v, buf) : NULL;

	return s ? text_trimmed(s, strlen(s)) : NULL;
}

int
person_parse(json_t *v, struct person *p)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s, *lt, *gt;

	memset(p, 0, sizeof(*p));
	if (json_is_object(v)) {
		p->name = member_copy(v, "name");
		p->org = member_copy(v, "org");
		p->role = member_copy(v, "role");
		p->email = member_copy(v, "email");
		/* An org or role alone is no person: nothing to free later. */
		if (p->name == NULL && p->email == NULL)
			person_release(p);
		return p->name != NULL || p->email != NULL;
	}
	if ((s = json_scalar_text(v, buf)) == NULL)
		return 0;
	/* "Li Lei <li@acme.com>": the address a mail program writes. */
	lt = strchr(s, '<');
	gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt && gt[1] == '\0') {
		p->name = text_trimmed(s, (size_t)(lt - s));
		p->email = text_trimmed(lt + 1, (size_t)(gt - lt - 1));
	} else {
		p->name = text_trimmed(s, strlen(s));
	}
	return p->name != NULL || p->email != NULL;
}

void
person_release(struct person *p)
{
	free(p->name);
	free(p->org);
	free(p->role);
	free(p->email);
	memset(p, 0, sizeof(*p));
}

json_t *
person_object(json_t *v)
{
	struct person p;
	json_t *o;

	if (!person_parse(v, &p) || p.name == NULL) {
		person_release(&p);
		return NULL;
	}
	o = json_is_object(v) ? json_deep_copy(v) : json_object();
	json_object_set_new(o, "name", json_string(p.name));
	if (p.email)
		json_object_set_new(o, "email", json_string(p.email));
	person_release(&p);
	return o;
}

long
field_key_find(struct field_key *k, const struct record *r)
{
	size_t i;

	if (r->object)
		return -1;
	k->header = r->header;
	k->serial = r->header->serial;
	k->column = -1;
	for (i = 0; i < r->header->n; i++)
		if (strcmp(r->header->names[i], k->name) == 0) {
			k->column = (long)i;
			break;
		}
	return k->column;
}

struct record
field_object(json_t *o, const char *source, long line)
{
	struct record r;

	memset(&r, 0, sizeof(r));
	r.source = source;
	r.line = line;
	r.object = json_is_object(o) ? o : NULL;
	return r;
}

const char *
field_text(json_t *o, const char *name, char *buf)
{
	struct record r = field_object(o, NULL, 0);

	return r.object ? record_value(&r, name, buf) : NULL;
}

int
field_when(const struct record *r, const char *name, struct when *out,
    struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = record_value(r, name, buf);

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return 0;
	if (datetime_parse(s, &out->t, NULL) == 0) {
		out->has_time = 1;
		out->day = datetime_day(out->t);
		return 1;
	}
	if (date_parse(s, &out->day, NULL) == 0)
		return 1;
	ae_error_set(err, AE_EDATA,
	    "'%.*s%s' is not a valid date or date and time", TEXT_CLIP(s));
	return field_error(r, name, err);
}

#define SECS_PER_DAY 86400

/* 00:00 local time of DAY, as an epoch. */
static int64_t
day_start(int32_t day)
{
	int64_t guess = (int64_t)day * SECS_PER_DAY;
	int64_t e = guess - datetime_local_offset(guess);

	/* Once more, in case the offset changed across the guess. */
	return guess - datetime_local_offset(e);
}

int64_t
when_earliest(const struct when *w)
{
	return w->has_time ? w->t.epoch : day_start(w->day);
}

int64_t
when_latest(const struct when *w)
{
	return w->has_time ? w->t.epoch : day_start(w->day + 1);
}

void
when_clock(struct datetime t, char *buf, size_t size)
{
	int64_t local = t.epoch + t.offset;
	int64_t secs = local - (int64_t)datetime_day(t) * SECS_PER_DAY;

	snprintf(buf, size, "%02d:%02d", (int)(secs / 3600),
	    (int)(secs / 60 % 60));
}

void
when_format(const struct when *w, char *buf)
{
	char day[DATE_BUFSIZE], clock[16], zone[16] = "";
	int off;

	date_format(w->day, day);
	if (!w->has_time) {
		snprintf(buf, WHEN_BUFSIZE, "%s", day);
		return;
	}
	when_clock(w->t, clock, sizeof(clock));
	off = w->t.offset;
	if (off != datetime_local_offset(w->t.epoch)) {
		int a = off < 0 ? -off : off;
		snprintf(zone, sizeof(zone), " %c%02d:%02d",
		    off < 0 ? '-' : '+', a / 3600 % 100, a / 60 % 60);
	}
	snprintf(buf, WHEN_BUFSIZE, "%s %s%s", day, clock, zone);
}

const char *
person_name(json_t *v)
{
	json_t *n;
	const char *s;

	if (json_is_string(v))
		s = json_string_value(v);
	else if (json_is_object(v) &&
	    json_is_string(n = json_object_get(v, "name")))
		s = json_string_value(n);
	else
		return NULL;
	return *s ? s : NULL;
}

int
field_people(const struct record *r, const char *name, json_t **out,
    struct ae_error *err)
{
	json_t *v = record_json(r, name), *e, *p;
	const char *s, *end, *cell = NULL;
	size_t i, n;
	char field[160], buf[JSONTEXT_BUFSIZE];

	*out = json_array();
	if (r->object == NULL)
		cell = record_value(r, name, buf);
	else if (json_is_string(v))
		cell = json_string_value(v);
	else if (v == NULL || json_is_null(v))
		return 0;
	if (cell != NULL) {
		for (s = cell; *s; s = end + 1) {
			end = strchr(s, ';');
			n = end ? (size_t)(end - s) : strlen(s);
			while (n > 0 && (*s == ' ' || *s == '\t')) {
				s++;
				n--;
			}
			while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
				n--;
			if (n > 0) {
				e = json_stringn(s, n);
				if ((p = person_object(e)) != NULL)
					json_array_append_new(*out, p);
				json_decref(e);
			}
			if (end == NULL)
				break;
		}
		return 0;
	}
	if (!json_is_array(v)) {
		ae_error_set(err, AE_EDATA, "expected a list of people");
		field_error(r, name, err);
		goto fail;
	}
	json_array_foreach(v, i, e)
	{
		if ((p = person_object(e)) == NULL) {
			/* The schema's words: an object wants its name. */
			snprintf(field, sizeof(field), "%s[%zu]%s", name, i + 1,
			    json_is_object(e) ? ".name" : "");
			ae_error_set(err, AE_EDATA, "%s",
			    json_is_object(e) ?
				"required field is missing" :
				"expected a name or {name, org, role, email}");
			field_error(r, field, err);
			goto fail;
		}
		json_array_append_new(*out, p);
	}
	return 0;
fail:
	json_decref(*out);
	*out = NULL;
	return -1;
}
