/*
 * jsontext.h — the text of a JSON scalar, as the tools see it.
 *
 * SPEC §1: a JSON number reaches us as a jansson double; it is turned into
 * its shortest round-trip decimal text (12.3 → "12.3") and from then on
 * handled as text, like a CSV cell.  Nothing computes with the double.
 */
#ifndef AEKIT_JSONTEXT_H
#define AEKIT_JSONTEXT_H

#include <stddef.h>

#include <jansson.h>

#include "error.h"

#define JSONTEXT_BUFSIZE 40

/*
 * Writes the text of scalar V into BUF (JSONTEXT_BUFSIZE): strings as they
 * are (returns the string itself, not a copy), integers in decimal, reals
 * as their shortest round-trip text, true/false as "true"/"false".
 * Returns NULL for null, arrays and objects.
 */
const char *json_scalar_text(json_t *v, char *buf);

/* The text of a JSON real D, as json_scalar_text writes it into BUF. */
void json_real_text(double d, char *buf);

/*
 * What jansson's error JERR means, in the words of a message to a user:
 * jansson names its own flags ("\\u0000 is not allowed without
 * JSON_ALLOW_NUL") and bytes ("unable to decode byte 0xff"); these say
 * what is wrong with the text instead.
 */
const char *json_error_words(const json_error_t *jerr);

/*
 * The column where the token of jansson's error JERR starts: jansson
 * gives the column of its last character ("invalid token near 'tru'"
 * at the 'u'), a person looks for where it begins.  JERR's own column
 * when it names no token on one line, or for a bad byte or a \u0000 in
 * a string, which it points at.
 */
long json_error_column(const json_error_t *jerr);

/*
 * The key of the top-level member of the JSON object text S that byte
 * offset OFF falls in, into BUF of SIZE bytes: the field a syntax error
 * at OFF is in.  NULL when OFF is not inside a member.
 */
const char *json_field_at(const char *s, size_t off, char *buf, size_t size);

/*
 * Fills ERR (AE_EDATA) with jansson's error JERR on text S as a user
 * reads it: the member it is in as the field, json_error_words() as the
 * text.  The caller places it (file, line, column).
 */
void json_error_fill(const char *s, const json_error_t *jerr,
    struct ae_error *err);

#endif
