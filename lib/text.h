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

#endif
