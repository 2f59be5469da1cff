/*
 * jsonpos.c — a value's line inside a JSON document (jsonpos.h).
 *
 * The scan trusts the text to be the JSON jansson just accepted, and
 * checks only that it walks the same shape: a member key it can compare
 * without unescaping, the number of members and items.  Anything else
 * gives up the map rather than a wrong line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"
#include "strbuf.h"

struct pos {
	const json_t *v;
	long line;
};

struct jsonpos {
	int refs;
	json_t *root;
	struct pos *v;
	size_t n, cap;
};

struct scan {
	const char *s;
	size_t n, i;
	long line;
	struct jsonpos *p;
};

static void
add(struct jsonpos *p, const json_t *v, long line)
{
	/* true, false and null are one value each, shared by every tree. */
	if (json_is_true(v) || json_is_false(v) || json_is_null(v))
		return;
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
	}
	p->v[p->n].v = v;
	p->v[p->n].line = line;
	p->n++;
}

static void
skip_space(struct scan *sc)
{
	for (; sc->i < sc->n; sc->i++) {
		char c = sc->s[sc->i];
		if (c == '\n')
			sc->line++;
		else if (c != ' ' && c != '\t' && c != '\r')
			break;
	}
}

/* Whether the next byte, after white space, is C; steps over it. */
static int
expect(struct scan *sc, char c)
{
	skip_space(sc);
	if (sc->i >= sc->n || sc->s[sc->i] != c)
		return 0;
	sc->i++;
	return 1;
}

/*
 * Steps over the string at the scan (its quote already checked); KEY,
 * when not NULL, must be its text, which is compared when the string has
 * no escape.
 */
static int
skip_string(struct scan *sc, const char *key)
{
	size_t from = ++sc->i;
	int escaped = 0;

	for (; sc->i < sc->n; sc->i++) {
		char c = sc->s[sc->i];
		if (c == '\\') {
			escaped = 1;
			sc->i++;
		} else if (c == '"') {
			size_t len = sc->i++ - from;
			return escaped || key == NULL ||
			    (strlen(key) == len &&
				memcmp(key, sc->s + from, len) == 0);
		}
	}
	return 0;
}

static int scan_value(struct scan *sc, json_t *v);

static int
scan_object(struct scan *sc, json_t *o)
{
	void *it = json_object_iter(o);

	if (expect(sc, '}'))
		return it == NULL;
	for (; it; it = json_object_iter_next(o, it)) {
		skip_space(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != '"' ||
		    !skip_string(sc, json_object_iter_key(it)) ||
		    !expect(sc, ':') ||
		    !scan_value(sc, json_object_iter_value(it)))
			return 0;
		if (!expect(sc, json_object_iter_next(o, it) ? ',' : '}'))
			return 0;
	}
	return 1;
}

static int
scan_array(struct scan *sc, json_t *a)
{
	size_t k, n = json_array_size(a);

	if (n == 0)
		return expect(sc, ']');
	for (k = 0; k < n; k++)
		if (!scan_value(sc, json_array_get(a, k)) ||
		    !expect(sc, k + 1 < n ? ',' : ']'))
			return 0;
	return 1;
}

static int
scan_value(struct scan *sc, json_t *v)
{
	skip_space(sc);
	if (sc->i >= sc->n)
		return 0;
	add(sc->p, v, sc->line);
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return sc->s[sc->i++] == '{' && scan_object(sc, v);
	case JSON_ARRAY:
		return sc->s[sc->i++] == '[' && scan_array(sc, v);
	case JSON_STRING:
		return sc->s[sc->i] == '"' && skip_string(sc, NULL);
	default:
		/* A number, true, false or null: up to what ends it. */
		while (
		    sc->i < sc->n && strchr(",]} \t\r\n", sc->s[sc->i]) == NULL)
			sc->i++;
		return 1;
	}
}

static int
by_address(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct pos *)a)->v;
	uintptr_t y = (uintptr_t)((const struct pos *)b)->v;

	return x < y ? -1 : x > y;
}

struct jsonpos *
jsonpos_build(json_t *root, const char *text, size_t len, long line)
{
	struct jsonpos *p = xcalloc(1, sizeof(*p));
	struct scan sc = { text, len, 0, line, p };

	p->refs = 1;
	p->root = json_incref(root);
	if (!scan_value(&sc, root)) {
		jsonpos_unref(p);
		return NULL;
	}
	qsort(p->v, p->n, sizeof(*p->v), by_address);
	return p;
}

long
jsonpos_line(const struct jsonpos *p, const json_t *v)
{
	struct pos key, *hit;

	if (p == NULL || v == NULL)
		return 0;
	key.v = v;
	hit = bsearch(&key, p->v, p->n, sizeof(*p->v), by_address);
	return hit ? hit->line : 0;
}

struct jsonpos *
jsonpos_ref(struct jsonpos *p)
{
	if (p)
		p->refs++;
	return p;
}

void
jsonpos_unref(struct jsonpos *p)
{
	if (p == NULL || --p->refs > 0)
		return;
	json_decref(p->root);
	free(p->v);
	free(p);
}
