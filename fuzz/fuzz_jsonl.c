/*
 * libFuzzer target: the JSON Lines fast road against jansson.  Each line
 * of the input goes to jsonl_object(), refilling the last line's object
 * as the reader does; whatever it takes must be exactly what jansson
 * reads from the same bytes (members, order, types, values), valid UTF-8
 * for the reader's own check, with no real the reader would refuse.
 * The same line goes to jsonl_row_read(), which keeps the keys of the
 * last row it took: each key, each value's type and its text must be
 * jansson's (json_scalar_text), and same_keys say exactly whether the
 * keys are the last row's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "jsontext.h"
#include "text.h"

/* The keys of the last row taken, as the reader keeps them. */
struct names {
	char **v;
	size_t n;
};

static void
check_same(json_t *a, json_t *b)
{
	void *i = json_object_iter(a), *j = json_object_iter(b);

	if (!json_equal(a, b))
		__builtin_trap();
	for (; i && j; i = json_object_iter_next(a, i),
	    j = json_object_iter_next(b, j))
		if (json_object_iter_key_len(i) != json_object_iter_key_len(j) ||
		    memcmp(json_object_iter_key(i), json_object_iter_key(j),
		    json_object_iter_key_len(i)) != 0 ||
		    json_typeof(json_object_iter_value(i)) !=
		    json_typeof(json_object_iter_value(j)))
			__builtin_trap();
	if (i || j)
		__builtin_trap();
}

/* No number outside strings has more than 15 digits before its exponent. */
static void
check_digits(const char *s, size_t n)
{
	size_t i, digits = 0;
	int in_str = 0, esc = 0;

	for (i = 0; i < n; i++) {
		if (in_str) {
			if (esc)
				esc = 0;
			else if (s[i] == '\\')
				esc = 1;
			else if (s[i] == '"')
				in_str = 0;
			continue;
		}
		in_str = s[i] == '"';
		/* The digits before the exponent; any other byte ends them. */
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] != '.' && s[i] != '-')
			digits = 0;
		if (digits > 15)
			__builtin_trap();
	}
}

/*
 * The USED bytes of S the fast road took are one line, valid UTF-8, with
 * no long number, and jansson reads an object from them: that object.
 */
static json_t *
jansson_of_taken(const char *s, size_t n, size_t used)
{
	json_error_t e;
	json_t *slow;

	if (used == 0 || used > n || s[used - 1] != '}' ||
	    memchr(s, '\n', used) != NULL || !utf8_check(s, used, NULL))
		__builtin_trap();
	check_digits(s, used);
	slow = json_loadb(s, used, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	    &e);
	if (!json_is_object(slow))
		__builtin_trap();
	return slow;
}

static void
check_row_values(const struct jsonl_row *row, json_t *o)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *want, *got;
	void *it = json_object_iter(o);
	size_t i;

	if (json_object_size(o) != row->n || row->n == 0)
		__builtin_trap();
	for (i = 0; i < row->n; i++, it = json_object_iter_next(o, it)) {
		if (strcmp(jsonl_row_key(row, i),
			json_object_iter_key(it)) != 0 ||
		    row->kind[i] != json_typeof(json_object_iter_value(it)))
			__builtin_trap();
		want = json_scalar_text(json_object_iter_value(it), buf);
		got = jsonl_row_value(row, i);
		if ((want == NULL) != (got == NULL) ||
		    (want && strcmp(want, got) != 0))
			__builtin_trap();
	}
}

/* same_keys says whether the keys are the last row's; H becomes them. */
static void
check_row_keys(const struct jsonl_row *row, struct names *h)
{
	int same = row->n == h->n;
	size_t i;

	for (i = 0; same && i < row->n; i++)
		same = strcmp(jsonl_row_key(row, i), h->v[i]) == 0;
	if (same != row->same_keys)
		__builtin_trap();
	if (same)
		return;
	for (i = 0; i < h->n; i++)
		free(h->v[i]);
	free(h->v);
	h->n = row->n;
	h->v = malloc(row->n * sizeof(*h->v));
	for (i = 0; i < row->n; i++)
		h->v[i] = strdup(jsonl_row_key(row, i));
}

static void
check_row(const char *s, size_t n, struct jsonl_row *row, struct names *h)
{
	size_t used = 0;
	json_t *slow;

	if (!jsonl_row_read(row, s, n, &used))
		return;
	slow = jansson_of_taken(s, n, used);
	check_row_values(row, slow);
	check_row_keys(row, h);
	json_decref(slow);
}

static json_t *
check_line(const char *s, size_t n, json_t *prev, struct strbuf *sb)
{
	const char *nl = memchr(s, '\n', n);
	json_error_t e;
	size_t used = 0;
	json_t *fast, *slow;

	fast = jsonl_object(s, n, &used, prev, sb);
	if (fast == NULL) {
		slow = json_loadb(s, nl ? (size_t)(nl - s) : n,
		    JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
		if (json_is_object(slow))
			return slow;	/* refilled on the next line */
		json_decref(slow);
		return NULL;
	}
	slow = jansson_of_taken(s, n, used);
	check_same(fast, slow);
	json_decref(slow);
	return fast;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = (const char *)data, *nl;
	struct jsonl_row row;
	struct names h = { NULL, 0 };
	size_t pos = 0, i;
	json_t *prev = NULL, *o;

	jsonl_row_init(&row);
	while (pos < size) {
		check_row(s + pos, size - pos, &row, &h);
		o = check_line(s + pos, size - pos, prev, &sb);
		json_decref(prev);
		prev = o;
		nl = memchr(s + pos, '\n', size - pos);
		pos = nl ? (size_t)(nl - s) + 1 : size;
	}
	json_decref(prev);
	strbuf_release(&sb);
	jsonl_row_release(&row);
	for (i = 0; i < h.n; i++)
		free(h.v[i]);
	free(h.v);
	return 0;
}
