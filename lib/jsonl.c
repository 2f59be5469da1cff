/*
 * The fast road for flat JSON Lines records (jsonl.h).
 *
 * It takes only what it can read exactly as jansson does and gives up on
 * everything else, so that its answer, when it has one, is jansson's:
 *   - strings: any valid UTF-8 (shortest form, no surrogates, as
 *     utf8proc and jansson both require), the escapes \" \\ \/ \b \f \n
 *     \r \t and \uXXXX other than \u0000 and lone surrogates;
 *   - numbers of at most 15 digits and an exponent of at most three:
 *     integers are exact; a real is the digits, exact in a double, times
 *     or over a power of ten up to 1e22, also exact, which one rounding
 *     makes the correctly rounded double strtod gives (Clinger's fast
 *     path), and more than 15 digits is what the reader refuses in a
 *     real (SPEC §1) anyway;
 *   - true, false, null; space, tab and CR between tokens (a newline
 *     would move the line the reader counts).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "jsontext.h"

#define DIGITS_MAX 15 /* a double keeps 15; jansson errors on more */
#define KEYS_KEPT 16  /* keys compared in place for duplicates */

static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
	1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
	1e21, 1e22 };

/* A string as read: in the input, or decoded into the scratch buffer. */
struct text {
	const unsigned char *in; /* NULL: at scratch offset OFF */
	size_t off, len;
};

static const unsigned char *
skip_space(const unsigned char *p, const unsigned char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p;
}

/* Length of the valid UTF-8 sequence at P (lead byte >= 0x80), or 0. */
static size_t
utf8_length(const unsigned char *p, const unsigned char *end)
{
	size_t left = (size_t)(end - p), k, i;
	unsigned char lo = 0x80, hi = 0xBF;

	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		k = 2;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		k = 3;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		k = 4;
	else
		return 0;
	if (left < k)
		return 0;
	/* The second byte's range excludes overlongs, surrogates, > U+10FFFF. */
	if (p[0] == 0xE0)
		lo = 0xA0;
	else if (p[0] == 0xED)
		hi = 0x9F;
	else if (p[0] == 0xF0)
		lo = 0x90;
	else if (p[0] == 0xF4)
		hi = 0x8F;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < k; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	return k;
}

static long
hex4(const unsigned char *p)
{
	long v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		unsigned char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static void
add_utf8(struct strbuf *sb, long cp)
{
	unsigned char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (unsigned char)(0xF0 | cp >> 18);
		u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	strbuf_add(sb, u, n);
}

/* The \u escape at P (at its backslash): a character or a pair. */
static const unsigned char *
unescape_u(const unsigned char *p, const unsigned char *end, struct strbuf *sb)
{
	long cp, lo;

	if (end - p < 6 || (cp = hex4(p + 2)) <= 0)
		return NULL; /* \u0000 is jansson's error */
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return NULL;
	if (cp < 0xD800 || cp > 0xDBFF) {
		add_utf8(sb, cp);
		return p + 6;
	}
	if (end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
	    (lo = hex4(p + 8)) < 0xDC00 || lo > 0xDFFF)
		return NULL;
	add_utf8(sb, 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00));
	return p + 12;
}

/* The escape at P (at its backslash) decoded into SB. */
static const unsigned char *
unescape(const unsigned char *p, const unsigned char *end, struct strbuf *sb)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *c;

	if (end - p < 2)
		return NULL;
	if (p[1] == 'u')
		return unescape_u(p, end, sb);
	if (p[1] == '\0' || (c = strchr(from, p[1])) == NULL)
		return NULL;
	strbuf_addch(sb, to[c - from]);
	return p + 2;
}

/*
 * What each byte is inside a string: 0 plain ASCII, 1 '"' or '\\' (the
 * end of a run), 2 a control character (jansson's error), 3 a UTF-8 lead
 * or stray byte, checked on its own.
 */
static const unsigned char byte_class[256] = {
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	2,
	0,
	0,
	1,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	1,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
	3,
};

/*
 * The plain characters from P on: stops at '"', '\\' or the end; NULL
 * at a control character or a byte that is not UTF-8.
 */
#define ONES 0x0101010101010101u
#define HIGHS 0x8080808080808080u

/*
 * The bytes of W that are not plain ASCII: a control character, '"',
 * '\\' or a byte of 0x80 and up, as each byte's high bit (the usual bit
 * tricks: the lowest one set is exact; above it a borrow may set more).
 */
static uint64_t
special_bytes(uint64_t w)
{
	uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');
	uint64_t below = (w - ONES * 0x20) & ~w; /* a byte under 0x20 */
	uint64_t quote = (q - ONES) & ~q;	 /* a byte that is '"' */
	uint64_t slash = (b - ONES) & ~b;	 /* a byte that is '\\' */

	return (below | quote | slash | w) & HIGHS;
}

/* P past the plain bytes at its start, eight at a time. */
static const unsigned char *
skip_plain(const unsigned char *p, const unsigned char *end)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w, m;

	while (end - p >= 8) {
		memcpy(&w, p, 8);
		if ((m = special_bytes(w)) != 0)
			return p + __builtin_ctzll(m) / 8;
		p += 8;
	}
#endif
	while (p < end && byte_class[*p] == 0)
		p++;
	return p;
}

/*
 * The plain characters from P on: stops at '"', '\\' or the end; NULL
 * at a control character or a byte that is not UTF-8.
 */
static const unsigned char *
scan_plain(const unsigned char *p, const unsigned char *end)
{
	size_t k;

	for (;;) {
		p = skip_plain(p, end);
		if (p >= end || byte_class[*p] == 1)
			return p;
		if (byte_class[*p] == 2 || (k = utf8_length(p, end)) == 0)
			return NULL;
		p += k;
	}
}

/* The string after the opening quote at P; past its closing quote. */
static const unsigned char *
scan_string(const unsigned char *p, const unsigned char *end, struct strbuf *sb,
    struct text *t)
{
	const unsigned char *start = p;

	if ((p = scan_plain(p, end)) == NULL || p >= end)
		return NULL;
	t->in = start;
	t->len = (size_t)(p - start);
	if (*p == '"')
		return p + 1;
	/* With escapes: decoded into the scratch buffer. */
	t->in = NULL;
	t->off = sb->len;
	strbuf_add(sb, start, (size_t)(p - start));
	while (*p != '"') {
		if (*p == '\\') {
			if ((p = unescape(p, end, sb)) == NULL)
				return NULL;
		} else {
			start = p;
			if ((p = scan_plain(p, end)) == NULL)
				return NULL;
			strbuf_add(sb, start, (size_t)(p - start));
		}
		if (p >= end)
			return NULL;
	}
	t->len = sb->len - t->off;
	return p + 1;
}

static const char *
text_of(const struct text *t, const struct strbuf *sb)
{
	return t->in ? (const char *)t->in : sb->buf + t->off;
}

static const unsigned char *
scan_digits(const unsigned char *p, const unsigned char *end, uint64_t *m,
    int *n)
{
	while (p < end && *p >= '0' && *p <= '9') {
		if (++*n > DIGITS_MAX)
			return NULL;
		*m = *m * 10 + (uint64_t)(*p++ - '0');
	}
	return p;
}

/* A number as read: an integer, or a real already rounded. */
struct number {
	int real;
	json_int_t i;
	double d;
};

/* The real M × 10^E10, exactly as strtod rounds it; 0 when it cannot. */
static int
exact_real(uint64_t m, int e10, int neg, double *d)
{
	if (e10 < -22 || e10 > 22)
		return 0;
	*d = (double)m;
	*d = e10 >= 0 ? *d * pow10[e10] : *d / pow10[-e10];
	if (neg)
		*d = -*d;
	return 1;
}

/* A number, JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static const unsigned char *
scan_number(const unsigned char *p, const unsigned char *end,
    struct number *num)
{
	uint64_t m = 0, ex = 0;
	int neg = 0, n = 0, frac, exn = 0, eneg = 0;

	num->real = 0;
	if (p < end && *p == '-') {
		neg = 1;
		p++;
	}
	if (p >= end || *p < '0' || *p > '9')
		return NULL;
	if (*p == '0') {
		p++;
		n = 1;
	} else if ((p = scan_digits(p, end, &m, &n)) == NULL) {
		return NULL;
	}
	frac = n;
	if (p < end && *p == '.') {
		num->real = 1;
		if ((p = scan_digits(p + 1, end, &m, &n)) == NULL || n == frac)
			return NULL;
	}
	frac = n - frac;
	if (p < end && (*p == 'e' || *p == 'E')) {
		num->real = 1;
		if (++p < end && (*p == '+' || *p == '-'))
			eneg = *p++ == '-';
		if ((p = scan_digits(p, end, &ex, &exn)) == NULL || exn == 0 ||
		    exn > 3)
			return NULL;
	}
	num->i = neg ? -(json_int_t)m : (json_int_t)m;
	if (num->real &&
	    !exact_real(m, (eneg ? -(int)ex : (int)ex) - frac, neg, &num->d))
		return NULL;
	return p;
}

/* Whether OLD is a value of TYPE no one else holds, to be set in place. */
static int
is_lone(const json_t *old, json_type type)
{
	return old != NULL && json_typeof(old) == type && old->refcount == 1;
}

static json_t *
number_value(const struct number *num, json_t *old)
{
	if (num->real) {
		if (is_lone(old, JSON_REAL))
			return json_real_set(old, num->d) == 0 ? old : NULL;
		return json_real(num->d);
	}
	if (is_lone(old, JSON_INTEGER))
		return json_integer_set(old, num->i) == 0 ? old : NULL;
	return json_integer(num->i);
}

static json_t *
string_value(const struct text *t, const struct strbuf *sb, json_t *old)
{
	if (is_lone(old, JSON_STRING))
		return json_string_setn_nocheck(old, text_of(t, sb), t->len) ==
			0 ?
		    old :
		    NULL;
	return json_stringn_nocheck(text_of(t, sb), t->len);
}

static const unsigned char *
scan_word(const unsigned char *p, const unsigned char *end, const char *w,
    size_t n, json_t *value, json_t **v)
{
	if ((size_t)(end - p) < n || memcmp(p, w, n) != 0)
		return NULL;
	*v = value;
	return p + n;
}

/*
 * The value at P into *V: a new one, or OLD itself, set in place, when
 * OLD is a lone value of the same kind (NULL: always a new one).
 */
static const unsigned char *
scan_value(const unsigned char *p, const unsigned char *end, struct strbuf *sb,
    json_t *old, json_t **v)
{
	struct number num;
	struct text t;

	*v = NULL;
	if (p >= end)
		return NULL;
	switch (*p) {
	case '"':
		if ((p = scan_string(p + 1, end, sb, &t)) != NULL)
			*v = string_value(&t, sb, old);
		return p;
	case 't':
		return scan_word(p, end, "true", 4, json_true(), v);
	case 'f':
		return scan_word(p, end, "false", 5, json_false(), v);
	case 'n':
		return scan_word(p, end, "null", 4, json_null(), v);
	default:
		if ((p = scan_number(p, end, &num)) != NULL)
			*v = number_value(&num, old);
		return p;
	}
}

/*
 * Whether KEY is a duplicate.  The first keys are compared in place;
 * after an escaped key or many of them, jansson's table is asked.
 */
static int
duplicate_key(const json_t *o, const struct text *key, const char *text,
    struct text *kept, size_t *nkept, int *in_place)
{
	size_t i;

	if (*in_place && key->in != NULL && *nkept < KEYS_KEPT) {
		for (i = 0; i < *nkept; i++)
			if (kept[i].len == key->len &&
			    memcmp(kept[i].in, key->in, key->len) == 0)
				return 1;
		kept[(*nkept)++] = *key;
		return 0;
	}
	*in_place = 0;
	return json_object_getn(o, text, key->len) != NULL;
}

/* The members read so far, and how the next one is stored. */
struct members {
	json_t *o;
	void *it; /* refilling O: its member in that place */
	int refill;
	struct text kept[KEYS_KEPT];
	size_t nkept;
	int in_place;
};

/* Adds the member KEY: V to a new object; V is the object's or freed. */
static int
add_member(struct members *m, const struct text *key, const struct strbuf *sb,
    json_t *v)
{
	const char *k = text_of(key, sb);

	if (duplicate_key(m->o, key, k, m->kept, &m->nkept, &m->in_place)) {
		json_decref(v);
		return -1;
	}
	/* On failure jansson has already let go of V. */
	return json_object_setn_new_nocheck(m->o, k, key->len, v);
}

/* Reads the member at P (at its key) into M.  Past its value, or NULL. */
static const unsigned char *
scan_member(const unsigned char *p, const unsigned char *end, struct strbuf *sb,
    struct members *m)
{
	struct text key;
	json_t *old = NULL, *v;

	strbuf_reset(sb);
	if (p >= end || *p != '"' ||
	    (p = scan_string(p + 1, end, sb, &key)) == NULL)
		return NULL;
	if ((p = skip_space(p, end)) >= end || *p != ':')
		return NULL;
	/* Refilling: the same key in the same place, or start afresh. */
	if (m->refill) {
		if (m->it == NULL ||
		    json_object_iter_key_len(m->it) != key.len ||
		    memcmp(json_object_iter_key(m->it), text_of(&key, sb),
			key.len) != 0)
			return NULL;
		old = json_object_iter_value(m->it);
	}
	p = skip_space(p + 1, end);
	if ((p = scan_value(p, end, sb, old, &v)) == NULL || v == NULL)
		return NULL;
	if (!m->refill)
		return add_member(m, &key, sb, v) == 0 ? p : NULL;
	if (v != old && json_object_iter_set_new(m->o, m->it, v) != 0)
		return NULL;
	m->it = json_object_iter_next(m->o, m->it);
	return p;
}

/* Reads the object at S into O, empty or refilled.  0 or -1. */
static int
scan_object(const char *s, size_t n, size_t *used, json_t *o, int refill,
    struct strbuf *sb)
{
	const unsigned char *p = (const unsigned char *)s + 1;
	const unsigned char *end = (const unsigned char *)s + n;
	struct members m;

	m.o = o;
	m.refill = refill;
	m.it = refill ? json_object_iter(o) : NULL;
	m.nkept = 0;
	m.in_place = 1;
	if ((p = skip_space(p, end)) < end && *p == '}')
		goto done;
	for (;;) {
		if ((p = scan_member(p, end, sb, &m)) == NULL ||
		    (p = skip_space(p, end)) >= end)
			return -1;
		if (*p == '}')
			break;
		if (*p != ',')
			return -1;
		p = skip_space(p + 1, end);
	}
done:
	if (p >= end || (refill && m.it != NULL))
		return -1;
	*used = (size_t)(p + 1 - (const unsigned char *)s);
	return 0;
}

json_t *
jsonl_object(const char *s, size_t n, size_t *used, json_t *reuse,
    struct strbuf *scratch)
{
	json_t *o;

	if (n == 0 || s[0] != '{')
		return NULL;
	/* The last record's object, when the caller alone holds it. */
	if (reuse != NULL && json_is_object(reuse) && reuse->refcount == 1 &&
	    json_object_size(reuse) > 0 &&
	    scan_object(s, n, used, reuse, 1, scratch) == 0)
		return json_incref(reuse);
	o = json_object();
	if (o != NULL && scan_object(s, n, used, o, 0, scratch) == 0)
		return o;
	json_decref(o);
	return NULL;
}

/* ---- rows --------------------------------------------------------- */

void
jsonl_row_init(struct jsonl_row *row)
{
	memset(row, 0, sizeof(*row));
	strbuf_init(&row->vals, 0);
	strbuf_init(&row->keys, 0);
	strbuf_init(&row->next, 0);
	strbuf_init(&row->scratch, 0);
}

void
jsonl_row_release(struct jsonl_row *row)
{
	free(row->kind);
	free(row->off);
	free(row->koff);
	free(row->klen);
	free(row->next_off);
	strbuf_release(&row->vals);
	strbuf_release(&row->keys);
	strbuf_release(&row->next);
	strbuf_release(&row->scratch);
	jsonl_row_init(row);
}

static void
row_grow(struct jsonl_row *row)
{
	size_t cap;

	if (row->n < row->cap)
		return;
	cap = row->cap * 2 + 16;
	row->kind = xrealloc(row->kind, cap);
	row->off = xrealloc(row->off, cap * sizeof(*row->off));
	row->next_off = xrealloc(row->next_off, cap * sizeof(*row->next_off));
	row->cap = cap;
}

static const unsigned char *
row_word(const unsigned char *p, const unsigned char *end, const char *w,
    size_t n, struct strbuf *vals)
{
	if ((size_t)(end - p) < n || memcmp(p, w, n) != 0)
		return NULL;
	strbuf_add(vals, w, n);
	return p + n;
}

/* The value at P: its text into vals (as json_scalar_text), its kind. */
static const unsigned char *
row_value(const unsigned char *p, const unsigned char *end,
    struct jsonl_row *row)
{
	const unsigned char *start = p;
	struct number num;
	struct text t;
	char buf[JSONTEXT_BUFSIZE];
	size_t off = row->vals.len;

	if (p >= end)
		return NULL;
	switch (*p) {
	case '"':
		/* Escapes are decoded into vals, at OFF, by scan_string. */
		if ((p = scan_string(p + 1, end, &row->vals, &t)) == NULL)
			return NULL;
		if (t.in != NULL)
			strbuf_add(&row->vals, t.in, t.len);
		row->kind[row->n] = JSON_STRING;
		break;
	case 't':
		p = row_word(p, end, "true", 4, &row->vals);
		row->kind[row->n] = JSON_TRUE;
		break;
	case 'f':
		p = row_word(p, end, "false", 5, &row->vals);
		row->kind[row->n] = JSON_FALSE;
		break;
	case 'n':
		if ((size_t)(end - p) < 4 || memcmp(p, "null", 4) != 0)
			return NULL;
		row->kind[row->n] = JSON_NULL;
		row->off[row->n] = JSONL_NULL;
		return p + 4;
	default:
		if ((p = scan_number(p, end, &num)) == NULL)
			return NULL;
		if (num.real) {
			json_real_text(num.d, buf);
			strbuf_addstr(&row->vals, buf);
			row->kind[row->n] = JSON_REAL;
		} else {
			/* JSON has no leading zeros: only -0 reads otherwise. */
			if (num.i == 0)
				strbuf_addch(&row->vals, '0');
			else
				strbuf_add(&row->vals, start,
				    (size_t)(p - start));
			row->kind[row->n] = JSON_INTEGER;
		}
	}
	if (p == NULL)
		return NULL;
	strbuf_addch(&row->vals, '\0');
	row->off[row->n] = off;
	return p;
}

static void
add_next_key(struct jsonl_row *row, size_t i, const char *k, size_t len)
{
	row->next_off[i] = row->next.len;
	strbuf_add(&row->next, k, len);
	strbuf_addch(&row->next, '\0');
}

/*
 * Key I of the line: while the keys are the last row's, compared with
 * them in place; from the first that differs on, copied into next.
 */
/* The first I keys are the last row's; the rest will not be. */
static void
keys_differ(struct jsonl_row *row, size_t i)
{
	size_t j;

	row->same_keys = 0;
	strbuf_reset(&row->next);
	for (j = 0; j < i; j++)
		add_next_key(row, j, row->keys.buf + row->koff[j],
		    row->klen[j]);
}

static int
row_key(struct jsonl_row *row, const char *k, size_t len)
{
	size_t i = row->n;

	if (row->same_keys) {
		if (i < row->nkeys && row->klen[i] == len &&
		    memcmp(row->keys.buf + row->koff[i], k, len) == 0)
			return 0;
		keys_differ(row, i);
	}
	if (i >= JSONL_ROW_KEYS)
		return -1;
	add_next_key(row, i, k, len);
	return 0;
}

/* Whether a key stands twice among the new keys (few: pairwise). */
static int
row_duplicate(const struct jsonl_row *row)
{
	size_t i, j;

	for (i = 1; i < row->n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(row->next.buf + row->next_off[i],
				row->next.buf + row->next_off[j]) == 0)
				return 1;
	return 0;
}

/* The new keys become the row's keys, which the next line is read by. */
static void
take_next_keys(struct jsonl_row *row)
{
	struct strbuf t = row->keys;
	size_t i;

	row->keys = row->next;
	row->next = t;
	if (row->kcap < row->n) {
		row->kcap = row->n;
		row->koff = xrealloc(row->koff, row->kcap * sizeof(size_t));
		row->klen = xrealloc(row->klen, row->kcap * sizeof(size_t));
	}
	for (i = 0; i < row->n; i++) {
		row->koff[i] = row->next_off[i];
		row->klen[i] = strlen(row->keys.buf + row->koff[i]);
	}
	row->nkeys = row->n;
	row->plain_keys = 1;
	for (i = 0; i < row->keys.len; i++)
		if (byte_class[(unsigned char)row->keys.buf[i]] == 1 ||
		    (row->keys.buf[i] != '\0' &&
			byte_class[(unsigned char)row->keys.buf[i]] == 2))
			row->plain_keys = 0;
}

/*
 * Whether the key at P (at its quote) is, byte for byte, the last row's
 * key in this place, then closed: with no quote, backslash or control
 * character in the last row's keys, those bytes are that very string.
 */
static int
same_key_at(const struct jsonl_row *row, const unsigned char *p,
    const unsigned char *end)
{
	size_t i = row->n, len;

	if (!row->same_keys || !row->plain_keys || i >= row->nkeys)
		return 0;
	len = row->klen[i];
	return (size_t)(end - p) > len + 1 && p[len + 1] == '"' &&
	    memcmp(p + 1, row->keys.buf + row->koff[i], len) == 0;
}

static const unsigned char *
row_member(const unsigned char *p, const unsigned char *end,
    struct jsonl_row *row)
{
	struct text key;

	row_grow(row);
	if (p >= end || *p != '"')
		return NULL;
	if (same_key_at(row, p, end)) {
		p += row->klen[row->n] + 2;
	} else {
		strbuf_reset(&row->scratch);
		if ((p = scan_string(p + 1, end, &row->scratch, &key)) ==
			NULL ||
		    row_key(row, text_of(&key, &row->scratch), key.len) != 0)
			return NULL;
	}
	if ((p = skip_space(p, end)) >= end || *p != ':')
		return NULL;
	p = skip_space(p + 1, end);
	if ((p = row_value(p, end, row)) == NULL)
		return NULL;
	row->n++;
	return p;
}

int
jsonl_row_read(struct jsonl_row *row, const char *s, size_t n, size_t *used)
{
	const unsigned char *p = (const unsigned char *)s + 1;
	const unsigned char *end = (const unsigned char *)s + n;

	row->n = 0;
	row->same_keys = 1;
	strbuf_reset(&row->vals);
	if (n == 0 || s[0] != '{' || (p = skip_space(p, end)) >= end ||
	    *p == '}')
		return 0;
	for (;;) {
		if ((p = row_member(p, end, row)) == NULL ||
		    (p = skip_space(p, end)) >= end)
			return 0;
		if (*p == '}')
			break;
		if (*p != ',')
			return 0;
		p = skip_space(p + 1, end);
	}
	if (row->same_keys && row->n != row->nkeys)
		keys_differ(row, row->n); /* fewer keys than the last row */
	if (!row->same_keys) {
		if (row_duplicate(row))
			return 0;
		take_next_keys(row);
	}
	*used = (size_t)(p + 1 - (const unsigned char *)s);
	return 1;
}

const char *
jsonl_row_value(const struct jsonl_row *row, size_t i)
{
	return row->off[i] == JSONL_NULL ? NULL : row->vals.buf + row->off[i];
}

const char *
jsonl_row_key(const struct jsonl_row *row, size_t i)
{
	return row->keys.buf + row->koff[i];
}
