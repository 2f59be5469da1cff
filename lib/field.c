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
field_key_column(struct field_key *k, const struct record *r)
{
	size_t i;

	if (r->object)
		return -1;
	if (k->header != r->header || k->serial != r->header->serial) {
		k->header = r->header;
		k->serial = r->header->serial;
		k->column = -1;
		for (i = 0; i < r->header->n; i++)
			if (strcmp(r->header->names[i], k->name) == 0) {
				k->column = (long)i;
				break;
			}
	}
	return k->column;
}

const char *
field_key_value(struct field_key *k, const struct record *r, char *buf)
{
	const char *s;
	long i;

	if (r->object)
		return record_value(r, k->name, buf);
	i = field_key_column(k, r);
	s = i < 0 ? NULL : r->values[i];
	return s && *s ? s : NULL;
}
