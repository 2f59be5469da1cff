/*
 * finding.h — a --check finding, the one type every tool reports.
 *
 * A finding is a place (FILE:LINE: the line where the offending record,
 * list item or field starts), a rule name (ASCII, for scripts and the
 * man pages) and a detail in the --lang language.  The library's checks
 * report findings to a sink; the tools' side prints them (cli.h,
 * cli_finding) as
 *
 *	tool: FILE:LINE: rule: detail
 *
 * A sink knows the record at hand, so that a check about a value of a
 * JSON document asks for that value's line (finding_on) and a check
 * about the record as a whole for the record's (finding_add).
 */
#ifndef AEKIT_FINDING_H
#define AEKIT_FINDING_H

#include <jansson.h>

#include "jsonpos.h"
#include "reader.h"

struct finding {
	const char *source; /* the file as given; "<stdin>" for - */
	long line;	    /* 0 when not known */
	const char *rule;   /* ASCII: "late", "owner" */
	const char *detail; /* translated */
};

typedef void (*finding_fn)(void *ctx, const struct finding *f);

struct finding_sink {
	finding_fn fn;
	void *ctx;
	/* The record at hand: where finding_add and finding_on point. */
	const char *source;
	long line;
	const struct jsonpos *pos;
	long count; /* findings reported */
};

/* A sink calling FN with CTX, at no record yet. */
void finding_sink_init(struct finding_sink *s, finding_fn fn, void *ctx);

/* Findings are about R (its file, line and values) from now on. */
void finding_sink_record(struct finding_sink *s, const struct record *r);

/* Likewise for a record kept as SOURCE, LINE and POS (which may be NULL). */
void finding_sink_place(struct finding_sink *s, const char *source, long line,
    const struct jsonpos *pos);

/* Reports a finding about the record at hand. */
void finding_add(struct finding_sink *s, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Reports a finding about V, a value of the record at hand: at V's line
 * inside a JSON document, else at the record's.
 */
void finding_on(struct finding_sink *s, const json_t *v, const char *rule,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Reports a finding at SOURCE:LINE (another record's). */
void finding_at(struct finding_sink *s, const char *source, long line,
    const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/*
 * What a finding about entry I (0-based) of list NAME of O is about: the
 * entry as written, the field itself when it is written as one text (a
 * CSV cell "A; B"), O when there is no such field.
 */
const json_t *finding_entry(const json_t *o, const char *name, size_t i);

/*
 * The value at PATH in ROOT, as messages name fields ("items[2].kind",
 * "fieldwork.to", 1-based indices), or the deepest value on the way
 * that exists: what a problem with that field is about.
 */
const json_t *finding_path(const json_t *root, const char *path);

/*
 * The line at which the value at PATH of ROOT starts in POS's document
 * (the line of its object when the value is true, false or null, which
 * no map can tell apart); 0 when POS is NULL or knows none of them.
 */
long finding_path_line(const struct jsonpos *pos, const json_t *root,
    const char *path);

/* The line of V in the record at hand (the record's when not known). */
long finding_line(const struct finding_sink *s, const json_t *v);

#endif
