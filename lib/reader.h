/*
 * reader.h — records and the streaming reader.
 *
 * A record is a flat-ish object of named fields (SPEC §1).  It comes from
 * a CSV row (every value a string, field order of the header) or a JSON
 * object (any JSON values).  The reader yields one record at a time with
 * the file and line it starts on; memory holds one record, not the input.
 *
 *	struct reader *rd = reader_open("invoices.csv", &opts, &err);
 *	const struct record *r;
 *	while ((rc = reader_next(rd, &r, &err)) > 0)
 *		use(record_get(r, "amount", buf));
 *	reader_close(rd);
 */
#ifndef AEKIT_READER_H
#define AEKIT_READER_H

#include <stddef.h>

#include <jansson.h>

#include "error.h"
#include "jsonpos.h"
#include "jsontext.h"

enum input_format {
	INPUT_AUTO, /* `{` or `[` first means JSON, else CSV */
	INPUT_CSV,
	INPUT_JSON
};

struct reader_options {
	enum input_format format;
	const char *encoding; /* NULL or "utf-8"; "gb18030", "gbk" convert */
	/*
	 * Flat JSON Lines records come as rows (header, values, kinds), not
	 * objects, for a caller that reads values as text (record_get,
	 * field.h) or writes them as CSV: no json_t is built for them.
	 */
	int flat;
};

#define CSV_LOOKUP_CACHE 64

/*
 * One field name list, shared by every row of a CSV file.  Lookups by
 * name remember where the names they were asked for (by address: the
 * tools ask with string literals) stand, so that a million rows do not
 * cost a million string searches of the header.
 */
struct csv_header {
	size_t n;
	char **names;
	struct {
		const char *name;  /* NULL: empty slot */
		long index;	   /* -1: not in the header */
	} cache[CSV_LOOKUP_CACHE]; /* slot chosen by the name's address */
	/* The reader's headers: a new serial whenever the names change,
	   which an address alone does not tell (the row of a JSON Lines
	   line has the last line's header when its keys are the same). */
	unsigned long serial;
};

struct record {
	const char *source; /* file name as given; "<stdin>" for - */
	long line;	    /* the line the record starts on */
	json_t *object;	    /* JSON input: the object; NULL for CSV */
	const struct csv_header *header; /* CSV input */
	const char **values; /* CSV input: header->n NUL-terminated values */
	struct jsonpos *pos; /* a JSON value over several lines: where
				   each of its values starts; else NULL */
	/* A flat JSON Lines row (reader_options.flat): the json_type of
	   each value, whose text is in values (NULL for null); else NULL. */
	const unsigned char *kinds;
	json_t *built; /* record_json()'s object of such a row, once asked */
};

/*
 * Opens PATH ("-" for standard input).  NULL with ERR (code AE_ENOINPUT)
 * when it cannot be opened or an encoding is unknown.
 */
struct reader *reader_open(const char *path, const struct reader_options *opts,
    struct ae_error *err);

/* Reads from FD, which the reader closes; NAME is used in messages. */
struct reader *reader_open_fd(int fd, const char *name,
    const struct reader_options *opts, struct ae_error *err);

/*
 * Reads the next record into *REC, owned by the reader and valid until
 * the next call.  Returns 1 for a record, 0 at the end, -1 for a bad
 * record (ERR holds file, line and text).  After -1 the reader has
 * skipped the bad record when reader_can_go_on() says so, and the next
 * call reads on (--keep-going); otherwise the input is unusable.
 */
int reader_next(struct reader *rd, const struct record **rec,
    struct ae_error *err);
int reader_can_go_on(const struct reader *rd);

/*
 * The input bytes of the last record read, good or bad, as they were
 * (after any encoding conversion): what --rejects writes.
 */
const char *reader_raw(const struct reader *rd, size_t *len);

/* For CSV input, the header line as it was (NULL for JSON). */
const char *reader_raw_header(const struct reader *rd, size_t *len);

/* Whether the input turned out to be JSON. */
int reader_is_json(const struct reader *rd);

void reader_close(struct reader *rd);

/* Number of fields and the I-th name, in input order. */
size_t record_size(const struct record *r);
const char *record_name(const struct record *r, size_t i);

/*
 * The text of the I-th field or of field NAME: a string as it is, a number
 * as its shortest decimal text, a bool as "true"/"false" (BUF holds
 * JSONTEXT_BUFSIZE for those).  NULL when absent, null, a list or an object.
 */
const char *record_text_at(const struct record *r, size_t i, char *buf);
const char *record_get(const struct record *r, const char *name, char *buf);

/*
 * Like record_get, but an empty string counts as absent, which is how a
 * blank CSV cell and an omitted JSON field both read.
 */
const char *record_value(const struct record *r, const char *name, char *buf);

/* record_value() copied (free() it), or NULL. */
char *record_dup(const struct record *r, const char *name);

/* The JSON value of field NAME (borrowed), or NULL; NULL for CSV records. */
json_t *record_json(const struct record *r, const char *name);

/*
 * The line field NAME starts on: its own line inside a JSON document
 * over several lines, else the record's first line.
 */
long record_line_of(const struct record *r, const char *name);

/* Whether field NAME is present (even empty). */
int record_has(const struct record *r, const char *name);

/* The record as a JSON object: a new reference. */
json_t *record_to_json(const struct record *r);

/*
 * The record's type: its `type` field, else DEFAULT_TYPE, else the one
 * type word of the file's stem ("payments-2027.csv" → "payment").  NULL
 * when none is known.  BUF holds SIZE bytes (64).  These two live with
 * the type list in schema.c; schema_record_type() also says where the
 * type came from.
 */
const char *record_type(const struct record *r, const char *default_type,
    char *buf, size_t size);

/* Whether NAME is one of the record types of SPEC §1. */
int record_type_known(const char *name);

#endif
