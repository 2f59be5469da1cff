/*
 * docval.h — values of document records (minutes, memo): people, a date
 * or a date and time, yes/no flags, text.  They work on the record's JSON
 * object (record_to_json), so that a CSV row and a JSON document read the
 * same way.
 */
#ifndef AEKIT_DOCVAL_H
#define AEKIT_DOCVAL_H

#include <stdint.h>

#include <jansson.h>

#include "date.h"
#include "error.h"

#define WHEN_BUFSIZE 48 /* "YYYY-MM-DD HH:MM +HH:MM" and more */

/* A date, or a date and time (SPEC §4 fields such as `date` and `issued`). */
struct when {
	int has_time;
	int32_t day;	   /* the date (in T's own offset if has_time) */
	struct datetime t; /* valid when has_time */
};

/*
 * The text of scalar field NAME of O (a number or bool as its text), or
 * NULL when it is absent, null, empty or not a scalar.  BUF holds
 * JSONTEXT_BUFSIZE.
 */
const char *docval_text(json_t *o, const char *name, char *buf);

/*
 * Reads field NAME of O as a date or a date and time.  Returns 1 when set,
 * 0 when absent or empty, -1 with ERR (field named) when malformed.
 */
int docval_when(json_t *o, const char *name, struct when *out,
    struct ae_error *err);

/* Reads field NAME as a date only; like docval_when. */
int docval_date(json_t *o, const char *name, int32_t *out,
    struct ae_error *err);

/*
 * Reads yes/no field NAME (true/false, yes/no, 1/0, 是/否): 1 and *OUT set,
 * 0 when absent (*OUT = 0), -1 with ERR when it is something else.
 */
int docval_flag(json_t *o, const char *name, int *out, struct ae_error *err);

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

/*
 * A person (SPEC §4: a name string or {name, org, role, email}) as a new
 * object with at least "name"; NULL when V is neither or has no name.
 */
json_t *person_new(json_t *v);

/* The name of person V (string or object), or NULL. */
const char *person_name(json_t *v);

/*
 * The people of list field NAME as a new array of person objects:
 * a JSON list, or a CSV cell of names split at ';'.  An item that is not
 * a person is an error (-1, ERR naming "NAME[i]").  Absent: an empty list.
 */
int people_list(json_t *o, const char *name, json_t **out,
    struct ae_error *err);

#endif
