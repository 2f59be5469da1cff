#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "strbuf.h"
#include "text.h"

int
utf8_check(const char *s, size_t len, size_t *bad)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	while (i < len) {
		/* Eight ASCII bytes, none of them NUL, at a time. */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if ((w & 0x8080808080808080ull) != 0 ||
			    ((w - 0x0101010101010101ull) & ~w &
				0x8080808080808080ull) != 0)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (p[i] >= 0x01 && p[i] < 0x80) {
			i++;
			continue;
		}
		n = p[i] ?
		    utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp) :
		    -1;
		if (n < 0) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += (size_t)n;
	}
	return 1;
}

size_t
text_width_n(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0, w = 0;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	int cw;

	while (i < len) {
		if (p[i] < 0x80) {
			w += p[i] >= 0x20;
			i++;
			continue;
		}
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n < 0) {
			w++;
			i++;
			continue;
		}
		cw = utf8proc_charwidth(cp);
		w += cw > 0 ? (size_t)cw : 0;
		i += (size_t)n;
	}
	return w;
}

size_t
text_width(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return text_width_n(s, n);
}

int
text_clip_len(const char *s)
{
	size_t n = strlen(s);

	if (n <= TEXT_CLIP_MAX)
		return (int)n;
	n = TEXT_CLIP_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

const char *
text_clip_tail(const char *s)
{
	return strlen(s) > TEXT_CLIP_MAX ? "..." : "";
}

int
text_bool(const char *s)
{
	static const char *const yes[] = { "true", "yes", "1", "是", "y" };
	static const char *const no[] = { "false", "no", "0", "否", "n" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(s, yes[i]) == 0)
			return 1;
		if (strcmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

const char *
text_control_char(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; p && *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return (const char *)p;
	return NULL;
}

const char *
text_control_name(int c)
{
	switch (c) {
	case '\r':
		return "a carriage return";
	case '\n':
		return "a line feed";
	case '\t':
		return "a tab";
	default:
		return "a control character";
	}
}

char *
text_trimmed(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n ? xstrndup(s, n) : NULL;
}
