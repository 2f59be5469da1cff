/*
 * keytab.h — a table of keys (invoice numbers, ids, names), each given a
 * dense id in the order it was first seen.
 *
 * Built for a million keys looked up once or twice each: a slot is eight
 * bytes, the key's hash and its id, so a probe reads one slot and compares
 * a key only when the hashes agree; the key itself is in a 16-byte record
 * by id (a longer one in a text arena), which arrives in id order and is
 * read in order when the keys are.  Account keys come numbered in order
 * (INV-0000123 after INV-0000122), so each lookup also starts the memory
 * read of the next number's slot, which then is in cache when it comes.
 *
 *	struct keytab *t = keytab_new();
 *	uint32_t id = keytab_intern(t, "INV-1", 5, &added);
 *	keytab_key(t, id);	// "INV-1"
 *	keytab_free(t);
 */
#ifndef AEKIT_KEYTAB_H
#define AEKIT_KEYTAB_H

#include <stddef.h>
#include <stdint.h>

#define KEYTAB_NONE UINT32_MAX

struct keytab;

struct keytab *keytab_new(void);
void keytab_free(struct keytab *t);

/* The id of KEY (LEN bytes, no NUL inside), or KEYTAB_NONE. */
uint32_t keytab_find(const struct keytab *t, const char *key, size_t len);

/*
 * The id of KEY; a new key gets the next id (the size before) and
 * *ADDED is set to 1, else 0.
 */
uint32_t keytab_intern(struct keytab *t, const char *key, size_t len,
    int *added);

/* The key of ID, NUL-terminated; valid until the next keytab_intern(). */
const char *keytab_key(const struct keytab *t, uint32_t id);

/* The number of keys, which is the next id. */
size_t keytab_size(const struct keytab *t);

/*
 * Grows an array indexed by id (a caller's own data for each key), of
 * *CAP elements of SIZE bytes, to hold at least NEED; sets *CAP.  Large
 * ones are mapped with transparent huge pages.  Free it with
 * keytab_array_free(P, CAP, SIZE).
 */
void *keytab_array_grow(void *p, size_t *cap, size_t need, size_t size);
void keytab_array_free(void *p, size_t cap, size_t size);

#endif
