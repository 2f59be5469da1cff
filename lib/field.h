/*
 * field.h — typed access to a record's fields.
 *
 * Each getter returns 1 when the field holds a value, 0 when it is absent,
 * null or empty (a blank CSV cell reads as absent), and -1 for a value of
 * the wrong form, with ERR naming the record's file and line, the field
 * and the value: "field 'amount': '12.345' has more decimals than CNY
 * allows".
 */
#ifndef AEKIT_FIELD_H
#define AEKIT_FIELD_H

#include <stdint.h>

#include <jansson.h>

#include "date.h"
#include "error.h"
#include "money.h"
#include "reader.h"

/* The record's currency code (its `currency` field, else DEF) and digits. */
int field_currency(const struct record *r, const char *def, char *code,
    int *digits, struct ae_error *err);

int field_money(const struct record *r, const char *name, const char *currency,
    int digits, int64_t *out, struct ae_error *err);
int field_decimal(const struct record *r, const char *name, struct decimal *out,
    struct ae_error *err);
int field_int(const struct record *r, const char *name, long min, long max,
    long *out, struct ae_error *err);
/* true/false, yes/no, 1/0, 是/否. */
int field_bool(const struct record *r, const char *name, int *out,
    struct ae_error *err);
int field_date(const struct record *r, const char *name, int32_t *out,
    struct ae_error *err);
int field_datetime(const struct record *r, const char *name,
    struct datetime *out, struct ae_error *err);
int field_month(const struct record *r, const char *name, int *y, int *m,
    struct ae_error *err);

/*
 * A list field as a JSON array (new reference): the JSON array itself, or
 * a CSV cell split at ';' with spaces trimmed.  NULL when absent.
 */
json_t *field_list(const struct record *r, const char *name);

/*
 * A person of SPEC §4: a name string, "Name <email>", or an object
 * {name, org, role, email}.  The one reading of people for every tool.
 */
struct person {
	char *name, *org, *role, *email; /* NULL when not given */
};

/*
 * Reads V as a person into P (release with person_release): 1 when it
 * has a name or an email, 0 when it is not a person (P then empty).
 */
int person_parse(json_t *v, struct person *p);
void person_release(struct person *p);

/*
 * Person V as a new object: an object's other members kept, a string's
 * name and email split ("Li Lei <li@acme.com>").  NULL when V is not a
 * person with a name.
 */
json_t *person_object(json_t *v);

/*
 * A field read by position, as a tool reads a million rows: its column
 * is found once per header (a CSV file's, or the keys a JSON Lines
 * ledger repeats line after line), not by name on every record.
 */
struct field_key {
	const char *name;
	const struct csv_header *header; /* the header COLUMN is of */
	unsigned long serial;
	long column; /* -1: not in the header */
};

#define FIELD_KEY(name)             \
	{                           \
		(name), NULL, 0, -1 \
	}

/* Finds K's column in R's header, new to K; -1 when absent or JSON. */
long field_key_find(struct field_key *k, const struct record *r);

/* The column of K in R's header (found when the header is new), or -1. */
static inline long
field_key_column(struct field_key *k, const struct record *r)
{
	if (r->object == NULL && k->header == r->header &&
	    k->serial == r->header->serial)
		return k->column;
	return field_key_find(k, r);
}

/* record_value() of field K of R: inline, as it is read every record. */
static inline const char *
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

/*
 * A bare JSON object O (a document kept as JSON, a list item) as a
 * record at SOURCE:LINE (NULL and 0: no place), read with the same
 * getters; a value that is no object reads as a record of no fields.
 */
struct record field_object(json_t *o, const char *source, long line);

/*
 * Object O as a record of no place, for one getter's call on a value
 * kept as JSON: field_date(FIELD_OBJECT(o), "due", &day, err).
 */
#define FIELD_OBJECT(o) \
	(&(struct record){ .object = json_is_object(o) ? (o) : NULL })

/* record_value() of field NAME of object O; NULL when O is no object. */
const char *field_text(json_t *o, const char *name, char *buf);

#define WHEN_BUFSIZE 48 /* "YYYY-MM-DD HH:MM +HH:MM" and more */

/* A date, or a date and time (SPEC §4 fields such as `date` and `issued`). */
struct when {
	int has_time;
	int32_t day;	   /* the date (in T's own offset if has_time) */
	struct datetime t; /* valid when has_time */
};

/*
 * Field NAME as a date or a date and time (SPEC §4 fields such as a
 * minutes' `date` and `issued`): 1 when set, 0 when absent, -1 with ERR.
 */
int field_when(const struct record *r, const char *name, struct when *out,
    struct ae_error *err);

/*
 * The earliest or latest instant a WHEN may stand for: a date alone
 * covers its whole local day, [00:00, next 00:00).
 */
int64_t when_earliest(const struct when *w);
int64_t when_latest(const struct when *w);

/*
 * Writes W for people: "2026-11-20" or "2026-11-20 14:00", with the UTC
 * offset (" +09:00") when it is not the local one.
 */
void when_format(const struct when *w, char *buf);

/* The wall-clock time of T in its own offset, "14:00". */
void when_clock(struct datetime t, char *buf, size_t size);

/* The name of person V (string or object), or NULL. */
const char *person_name(json_t *v);

/*
 * The people of list field NAME as a new array of person objects: a
 * JSON list, or a text (a CSV cell) of names split at ';'.  An item that
 * is not a person is an error (-1, ERR naming "NAME[i]", or
 * "NAME[i].name" for an object without one).  Absent: an empty list.
 */
int field_people(const struct record *r, const char *name, json_t **out,
    struct ae_error *err);

/*
 * Names ERR's field as one of item I (0-based) of list LIST, numbered
 * from 1 as users count: "qty" becomes "lines[2].qty", no field
 * "lines[2]".  For a getter's error on a list item read with
 * field_object(); the tool's record loop then places it at the value's
 * own line.  Returns -1.
 */
int field_item_error(struct ae_error *err, const char *list, size_t i);

/* Fills ERR's place and field from R and NAME; returns -1. */
int field_error(const struct record *r, const char *name, struct ae_error *err);

#endif
