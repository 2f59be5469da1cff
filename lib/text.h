/*
 * text.h — UTF-8 checks and display width.
 */
#ifndef AEKIT_TEXT_H
#define AEKIT_TEXT_H

#include <stddef.h>

/*
 * Whether S[0..LEN) is valid UTF-8 without NUL bytes.  On failure *BAD is
 * the offset of the first bad byte.
 */
int utf8_check(const char *s, size_t len, size_t *bad);

/*
 * Display width in terminal columns (utf8proc): CJK characters count two,
 * combining marks none.  Invalid bytes count one each.
 */
size_t text_width(const char *s);
size_t text_width_n(const char *s, size_t len);

/*
 * For quoting a bad value in a message: how many bytes of S to repeat (all
 * of a short value, else the first TEXT_CLIP_MAX bytes cut back to a
 * character boundary, so that a paragraph in the wrong column does not
 * drown the message) and the "..." to add after a clipped one.
 *	ae_error_set(err, AE_EDATA, "'%.*s%s' is not a date", TEXT_CLIP(s));
 */
/*
 * The first control character of S (below 0x20, or DEL), or NULL: what
 * may not go into an iCalendar property, an e-mail header or an
 * unquoted CSV cell, where it would start a line of its own.
 * text_control_name() says which it is, for a message ("a line feed").
 */
const char *text_control_char(const char *s);
const char *text_control_name(int c);

/* 1 for true, yes, 1, 是, y; 0 for false, no, 0, 否, n; -1 otherwise. */
int text_bool(const char *s);

#define TEXT_CLIP_MAX 80
int text_clip_len(const char *s);
const char *text_clip_tail(const char *s);
#define TEXT_CLIP(s) text_clip_len(s), (s), text_clip_tail(s)

/* A copy of the N bytes of S without blanks and tabs around; NULL if none. */
char *text_trimmed(const char *s, size_t n);

#endif
