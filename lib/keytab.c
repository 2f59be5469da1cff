/*
 * The key table (keytab.h): open addressing with linear probing over
 * eight-byte slots, at most half full.
 */
#define _GNU_SOURCE /* mremap */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "keytab.h"
#include "strbuf.h"

#define KEY_INLINE 16 /* a key of up to 15 bytes lives in its record */
#define LONG_MARK 15  /* byte of a record set to 1 for a long key */
#define MIN_SLOTS 64
#define PREFETCH_SLOTS 65536 /* below this the slots are in cache anyway */

struct keytab {
	uint64_t *slots; /* hash << 32 | id + 1; 0 empty */
	size_t nslots;
	char (*keys)[KEY_INLINE]; /* by id: NUL-padded, or a long key's
					   offset in text and LONG_MARK set */
	size_t n, cap;
	struct strbuf text; /* the long keys, NUL-terminated */
};

static void
oom_mapping(void)
{
	xmalloc((size_t)-1); /* aborts, as every allocation failure does */
}

static uint32_t
hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ len;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001B3ull;
	h ^= h >> 29;
	h *= 0xC4CEB9FE1A85EC53ull;
	h ^= h >> 32;
	return (uint32_t)h;
}

/*
 * Large arrays (the slots, the key records, the callers' entries by id)
 * are mapped and ask for transparent huge pages: the slots are probed at
 * random, a cache and a TLB miss per lookup, and a million first touches
 * of fresh 4 KiB pages cost more than the work on them.
 */
#define HUGE_PAGE ((size_t)2 << 20)
#define MAPPED(bytes) ((bytes) >= 2 * HUGE_PAGE)

static void *
map_huge(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		oom_mapping();
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);
#endif
	return p;
}

void *
keytab_array_grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t old = *cap * size, n = *cap ? *cap : 1024, bytes;
	void *q;

	while (n < need)
		n *= 2;
	bytes = n * size;
	if (n == *cap)
		return p;
	*cap = n;
	if (!MAPPED(bytes))
		return xrealloc(p, bytes);
	if (!MAPPED(old)) {
		q = map_huge(bytes);
		if (old)
			memcpy(q, p, old);
		free(p);
		return q;
	}
	/* Moved by the page tables, not copied: no second copy at the peak. */
	if ((q = mremap(p, old, bytes, MREMAP_MAYMOVE)) == MAP_FAILED)
		oom_mapping();
#ifdef MADV_HUGEPAGE
	madvise(q, bytes, MADV_HUGEPAGE);
#endif
	return q;
}

void
keytab_array_free(void *p, size_t cap, size_t size)
{
	if (MAPPED(cap * size))
		munmap(p, cap * size);
	else
		free(p);
}

static uint64_t *
slots_new(size_t n)
{
	if (!MAPPED(n * sizeof(uint64_t)))
		return xcalloc(n, sizeof(uint64_t));
	return map_huge(n * sizeof(uint64_t));
}

static void
slots_free(uint64_t *p, size_t n)
{
	keytab_array_free(p, n, sizeof(*p));
}

struct keytab *
keytab_new(void)
{
	struct keytab *t = xcalloc(1, sizeof(*t));

	t->nslots = MIN_SLOTS;
	t->slots = slots_new(t->nslots);
	strbuf_init(&t->text, 0);
	return t;
}

void
keytab_free(struct keytab *t)
{
	if (t == NULL)
		return;
	slots_free(t->slots, t->nslots);
	keytab_array_free(t->keys, t->cap, sizeof(*t->keys));
	strbuf_release(&t->text);
	free(t);
}

size_t
keytab_size(const struct keytab *t)
{
	return t->n;
}

const char *
keytab_key(const struct keytab *t, uint32_t id)
{
	uint64_t off;

	if (t->keys[id][LONG_MARK] == 0)
		return t->keys[id];
	memcpy(&off, t->keys[id], sizeof(off));
	return t->text.buf + off;
}

/* Whether the key of ID is KEY (LEN bytes). */
static int
key_is(const struct keytab *t, uint32_t id, const char *key, size_t len)
{
	const char *k = t->keys[id];

	if (len < KEY_INLINE)
		return k[LONG_MARK] == 0 && memcmp(k, key, len) == 0 &&
		    k[len] == '\0';
	return k[LONG_MARK] != 0 && memcmp(keytab_key(t, id), key, len) == 0 &&
	    keytab_key(t, id)[len] == '\0';
}

/* The slot of KEY (hash H), or the empty slot where it would go. */
static size_t
probe(const struct keytab *t, const char *key, size_t len, uint32_t h)
{
	size_t mask = t->nslots - 1, i;

	for (i = h & mask; t->slots[i]; i = (i + 1) & mask)
		if ((uint32_t)(t->slots[i] >> 32) == h &&
		    key_is(t, (uint32_t)t->slots[i] - 1, key, len))
			break;
	return i;
}

/*
 * Starts reading the slot of the number after KEY: its last digits
 * counted up (INV-0000124 after INV-0000123, "invoice\037A-9\037" then
 * "invoice\037B-0\037" is not tried: the carry stays in the digits), so
 * that a ledger in order finds it in cache.
 */
static void
prefetch_next(const struct keytab *t, const char *key, size_t len)
{
	char next[64];
	size_t i;

	if (t->nslots < PREFETCH_SLOTS || len > sizeof(next))
		return;
	memcpy(next, key, len);
	for (i = len; i > 0 && (next[i - 1] < '0' || next[i - 1] > '9'); i--)
		;
	for (; i > 0 && next[i - 1] == '9'; i--)
		next[i - 1] = '0';
	if (i == 0 || next[i - 1] < '0' || next[i - 1] > '8')
		return;
	next[i - 1]++;
	__builtin_prefetch(&t->slots[hash_bytes(next, len) & (t->nslots - 1)],
	    1);
}

uint32_t
keytab_find(const struct keytab *t, const char *key, size_t len)
{
	size_t i = probe(t, key, len, hash_bytes(key, len));
	uint32_t id;

	prefetch_next(t, key, len);
	if (!t->slots[i])
		return KEYTAB_NONE;
	id = (uint32_t)t->slots[i] - 1;
	if (id + 1 < t->n)
		__builtin_prefetch(t->keys[id + 1]);
	return id;
}

static void
grow_slots(struct keytab *t)
{
	uint64_t *old = t->slots;
	size_t mask = t->nslots * 2 - 1, i, j;

	t->slots = slots_new(t->nslots * 2);
	for (i = 0; i < t->nslots; i++) {
		if (!old[i])
			continue;
		for (j = (old[i] >> 32) & mask; t->slots[j]; j = (j + 1) & mask)
			;
		t->slots[j] = old[i];
	}
	slots_free(old, t->nslots);
	t->nslots *= 2;
}

static void
add_key(struct keytab *t, const char *key, size_t len)
{
	char *k;
	uint64_t off;

	if (t->n == t->cap)
		t->keys = keytab_array_grow(t->keys, &t->cap, t->n + 1,
		    sizeof(*t->keys));
	k = t->keys[t->n];
	memset(k, 0, KEY_INLINE);
	if (len < KEY_INLINE) {
		memcpy(k, key, len);
		return;
	}
	off = t->text.len;
	memcpy(k, &off, sizeof(off));
	k[LONG_MARK] = 1;
	strbuf_add(&t->text, key, len);
	strbuf_addch(&t->text, '\0');
}

uint32_t
keytab_intern(struct keytab *t, const char *key, size_t len, int *added)
{
	uint32_t h = hash_bytes(key, len);
	size_t i = probe(t, key, len, h);

	prefetch_next(t, key, len);
	*added = 0;
	if (t->slots[i])
		return (uint32_t)t->slots[i] - 1;
	add_key(t, key, len);
	t->slots[i] = (uint64_t)h << 32 | (uint32_t)++t->n;
	if (t->n * 2 > t->nslots)
		grow_slots(t);
	*added = 1;
	return (uint32_t)(t->n - 1);
}
