/*
 * strbuf.h — a growable byte buffer, always NUL-terminated.
 *
 * struct strbuf sb = STRBUF_INIT; ... strbuf_release(&sb);
 * Allocation failure aborts the process: the tools have no sensible way
 * to go on without memory, and checking every append would hide the logic.
 */
#ifndef AEKIT_STRBUF_H
#define AEKIT_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct strbuf {
	char *buf; /* never NULL after init; "" when empty */
	size_t len;
	size_t alloc;
};

extern char strbuf_empty[];
#define STRBUF_INIT                \
	{                          \
		strbuf_empty, 0, 0 \
	}

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
/* Gives the buffer to the caller, who now owns it (free()); SB is reset. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_setlen(struct strbuf *sb, size_t len);

/* Inline: writers append a few bytes at a time on their hottest paths. */
static inline void
strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (sb->alloc <= sb->len + len)
		strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

static inline void
strbuf_addch(struct strbuf *sb, int c)
{
	if (sb->alloc <= sb->len + 1)
		strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

/* Aborting allocators for the library's own use. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
