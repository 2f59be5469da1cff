#include <stdio.h>
#include <string.h>

#include "docval.h"
#include "field.h"
#include "jsontext.h"
#include "strbuf.h"
#include "text.h"

#define SECS_PER_DAY 86400

const char *
docval_text(json_t *o, const char *name, char *buf)
{
	json_t *v = o ? json_object_get(o, name) : NULL;
	const char *s;

	if (v == NULL || (s = json_scalar_text(v, buf)) == NULL || *s == '\0')
		return NULL;
	return s;
}

int
docval_when(json_t *o, const char *name, struct when *out, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = docval_text(o, name, buf);
	struct ae_error tmp;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return 0;
	ae_error_clear(&tmp);
	if (datetime_parse(s, &out->t, &tmp) == 0) {
		out->has_time = 1;
		out->day = datetime_day(out->t);
		return 1;
	}
	if (date_parse(s, &out->day, NULL) == 0)
		return 1;
	ae_error_set(err, AE_EDATA,
	    "'%.*s%s' is not a valid date or date "
	    "and time",
	    TEXT_CLIP(s));
	ae_error_field(err, name);
	return -1;
}

int
docval_date(json_t *o, const char *name, int32_t *out, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = docval_text(o, name, buf);

	if (s == NULL)
		return 0;
	if (date_parse(s, out, err) != 0) {
		ae_error_field(err, name);
		return -1;
	}
	return 1;
}

int
docval_flag(json_t *o, const char *name, int *out, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = docval_text(o, name, buf);
	json_t *v = json_is_object(o) ? json_object_get(o, name) : NULL;

	*out = 0;
	/* A flag given as an object or a list fails closed: it is set. */
	if (json_is_object(v) || json_is_array(v)) {
		*out = 1;
		ae_error_set(err, AE_EDATA, "%s is not true or false",
		    json_is_object(v) ? "an object" : "a list");
		ae_error_field(err, name);
		return -1;
	}
	if (s == NULL)
		return 0;
	if ((*out = text_bool(s)) >= 0)
		return 1;
	/* Not one of the words: as good as true, and an error. */
	*out = 1;
	ae_error_set(err, AE_EDATA, "'%.*s%s' is not true or false",
	    TEXT_CLIP(s));
	ae_error_field(err, name);
	return -1;
}

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

json_t *
person_new(json_t *v)
{
	return person_object(v);
}

int
people_list(json_t *o, const char *name, json_t **out, struct ae_error *err)
{
	json_t *v = json_object_get(o, name), *e, *p;
	const char *s, *end;
	size_t i, n;
	char field[160];

	*out = json_array();
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_string(v)) {
		for (s = json_string_value(v); *s; s = end + 1) {
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
		ae_error_field(err, name);
		goto fail;
	}
	json_array_foreach(v, i, e)
	{
		if ((p = person_new(e)) == NULL) {
			/* The schema's words: an object wants its name. */
			snprintf(field, sizeof(field), "%s[%zu]%s", name, i + 1,
			    json_is_object(e) ? ".name" : "");
			ae_error_set(err, AE_EDATA, "%s",
			    json_is_object(e) ?
				"required field is missing" :
				"expected a name or {name, org, role, email}");
			ae_error_field(err, field);
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
