/*
 * jsonl.h — the fast road for the common JSON Lines record.
 *
 * A ledger exported as JSON Lines is a million flat objects, one a line,
 * of strings, numbers, true, false and null.  jansson's lexer reads them
 * at some 35 MB/s; this reads them several times faster and builds the
 * very json_t jansson would (same values, same types, same key order).
 * Anything else — nesting, a newline inside the object, an escape or a
 * number it does not take, any error at all — it leaves to jansson,
 * which stays the JSON parser for everything, and so gives jansson's own
 * answer and message.  The reader calls it at one place.
 */
#ifndef AEKIT_JSONL_H
#define AEKIT_JSONL_H

#include <stddef.h>

#include <jansson.h>

#include "strbuf.h"

/*
 * Reads the flat JSON object at S (up to N bytes, S[0] == '{'), which
 * must end on the same line.  Returns it (a new reference) with *USED
 * the bytes through its closing '}', or NULL when it is anything the
 * fast road does not take, or incomplete within N bytes: then jansson
 * must read it.  A returned object is one jansson reads identically
 * from those bytes with JSON_REJECT_DUPLICATES, whose strings are valid
 * UTF-8 without NUL and whose numbers have at most 15 digits.
 *
 * REUSE (or NULL) is the last record's object, which the caller is done
 * with: when the caller holds its only reference and the new record has
 * the same keys in the same order, it is refilled with the new values
 * (and returned with one more reference) instead of building a new
 * object: a million mallocs fewer per million records.  Whatever the
 * answer, REUSE's values may have changed.  SCRATCH holds decoded
 * escapes.
 */
json_t *jsonl_object(const char *s, size_t n, size_t *used, json_t *reuse,
    struct strbuf *scratch);

/*
 * The same flat object read as a row, positionally like a CSV row, for
 * a caller that wants each value's text (what json_scalar_text gives
 * for the value jansson would read: a string as it is, an integer in
 * decimal, a real as its shortest text, "true", "false"; NULL for null)
 * and its JSON type, and no json_t at all.  The row keeps the keys of
 * the last line it took and compares the next line's with them in
 * place: a ledger repeats them line after line, so they are copied only
 * when they differ (same_keys 0).
 */
struct jsonl_row {
	size_t n;	     /* members */
	unsigned char *kind; /* json_type of each */
	size_t *off;	     /* each text in vals; JSONL_NULL for null */
	struct strbuf vals;  /* the texts, NUL-terminated */
	int same_keys;	     /* the keys are the last row's */
	size_t cap;

	/* The keys of the last row taken, NUL-terminated in keys. */
	struct strbuf keys;
	size_t *koff, *klen, nkeys, kcap;
	int plain_keys;	    /* none has a quote, backslash or control byte */
	struct strbuf next; /* this line's, when they differ */
	size_t *next_off;
	struct strbuf scratch; /* a key with escapes, decoded */
};

#define JSONL_NULL ((size_t)-1)
#define JSONL_ROW_KEYS 64

void jsonl_row_init(struct jsonl_row *row);
void jsonl_row_release(struct jsonl_row *row);

/*
 * Reads the object at S as jsonl_object() does into ROW: 1 with *USED,
 * or 0 when jansson must read it (anything jsonl_object refuses, an
 * empty object, more than JSONL_ROW_KEYS keys that are new).  After 0,
 * the row's keys are still the last row's.
 */
int jsonl_row_read(struct jsonl_row *row, const char *s, size_t n,
    size_t *used);

/* The I-th value's text (NULL for null) and key of the row just read. */
const char *jsonl_row_value(const struct jsonl_row *row, size_t i);
const char *jsonl_row_key(const struct jsonl_row *row, size_t i);

#endif
