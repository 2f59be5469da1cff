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

#endif
