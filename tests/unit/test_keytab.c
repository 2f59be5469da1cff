/* Unit tests for the key table: ids, growth, long keys, shared prefixes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keytab.h"

static uint32_t
intern(struct keytab *t, const char *key, int want_added)
{
	int added = -1;
	uint32_t id = keytab_intern(t, key, strlen(key), &added);

	assert_int_equal(added, want_added);
	assert_string_equal(keytab_key(t, id), key);
	return id;
}

static uint32_t
find(const struct keytab *t, const char *key)
{
	return keytab_find(t, key, strlen(key));
}

static void
test_ids_in_order(void **state)
{
	struct keytab *t = keytab_new();

	(void)state;
	assert_int_equal(keytab_size(t), 0);
	assert_int_equal(find(t, "INV-1"), KEYTAB_NONE);
	assert_int_equal(intern(t, "INV-1", 1), 0);
	assert_int_equal(intern(t, "INV-2", 1), 1);
	assert_int_equal(intern(t, "INV-1", 0), 0);
	assert_int_equal(intern(t, "", 1), 2);
	assert_int_equal(intern(t, "", 0), 2);
	assert_int_equal(find(t, "INV-2"), 1);
	assert_int_equal(find(t, "INV-3"), KEYTAB_NONE);
	/* A length, not a NUL, ends a key. */
	assert_int_equal(keytab_find(t, "INV-1x", 5), 0);
	assert_int_equal(keytab_size(t), 3);
	keytab_free(t);
}

/* Many keys: slots collide, the table grows, hashes agree by chance. */
static void
test_growth_and_collisions(void **state)
{
	enum { N = 300000 };
	struct keytab *t = keytab_new();
	char key[32];
	int added;
	uint32_t i;

	(void)state;
	for (i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "INV-%07u", (unsigned)i * 7919u % N);
		assert_int_equal(keytab_intern(t, key, strlen(key), &added), i);
		assert_int_equal(added, 1);
	}
	assert_int_equal(keytab_size(t), N);
	for (i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "INV-%07u", (unsigned)i * 7919u % N);
		assert_int_equal(find(t, key), i);
		assert_string_equal(keytab_key(t, i), key);
		snprintf(key, sizeof(key), "INV-%07u", N + i);
		assert_int_equal(find(t, key), KEYTAB_NONE);
	}
	keytab_free(t);
}

static void
test_long_keys(void **state)
{
	struct keytab *t = keytab_new();
	char big[1001];
	uint32_t a, b, c, d;

	(void)state;
	memset(big, 'k', 1000);
	big[1000] = '\0';
	/* A long key first, at offset 0 of the long keys: never "". */
	a = intern(t, "a-long-invoice-number-2026-00001", 1);
	assert_int_equal(find(t, ""), KEYTAB_NONE);
	b = intern(t, "fifteen-bytes-1", 1);	/* the longest inline */
	c = intern(t, "sixteen-bytes-12", 1);	/* the shortest long */
	d = intern(t, big, 1);
	assert_int_equal(intern(t, "fifteen-bytes-1", 0), b);
	assert_int_equal(intern(t, "sixteen-bytes-12", 0), c);
	assert_int_equal(intern(t, big, 0), d);
	assert_int_equal(find(t, "a-long-invoice-number-2026-00001"), a);
	assert_int_equal(find(t, "a-long-invoice-number-2026-0000"),
	    KEYTAB_NONE);
	assert_int_equal(find(t, "a-long-invoice-number-2026-000012"),
	    KEYTAB_NONE);
	big[999] = 'x';
	assert_int_equal(find(t, big), KEYTAB_NONE);
	assert_int_equal(find(t, "fifteen-bytes-"), KEYTAB_NONE);
	assert_int_equal(find(t, "sixteen-bytes-1"), KEYTAB_NONE);
	assert_int_equal(find(t, "sixteen-bytes-123"), KEYTAB_NONE);
	keytab_free(t);
}

/* Keys that differ only at the end, or are prefixes of one another. */
static void
test_shared_prefixes(void **state)
{
	static const char *const keys[] = {
		"INV-0000001", "INV-0000002", "INV-0000001x", "INV-000000",
		"INV-00000010", "INV-0000001\x01", "INV-", "I", "INV-0000001 ",
		"INV-0000009", "INV-0000010", "INV-0000099", "INV-0000100",
		"INV-2026-000000001", "INV-2026-000000002",
		"INV-2026-0000000010", "中文发票-0001", "中文发票-0002",
	};
	struct keytab *t = keytab_new();
	size_t i, n = sizeof(keys) / sizeof(keys[0]);

	(void)state;
	for (i = 0; i < n; i++)
		assert_int_equal(intern(t, keys[i], 1), i);
	for (i = 0; i < n; i++)
		assert_int_equal(intern(t, keys[i], 0), i);
	assert_int_equal(find(t, "INV-0000003"), KEYTAB_NONE);
	assert_int_equal(find(t, "INV-00000"), KEYTAB_NONE);
	keytab_free(t);
}

/* An array by id keeps its contents as it grows past being mapped. */
static void
test_array_grow(void **state)
{
	uint64_t *a = NULL;
	size_t cap = 0, i, n = 3u << 20;

	(void)state;
	for (i = 0; i < n; i++) {
		if (i == cap)
			a = keytab_array_grow(a, &cap, i + 1, sizeof(*a));
		a[i] = i * 3;
	}
	assert_true(cap >= n);
	for (i = 0; i < n; i++)
		assert_int_equal(a[i], i * 3);
	keytab_array_free(a, cap, sizeof(*a));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_in_order),
		cmocka_unit_test(test_growth_and_collisions),
		cmocka_unit_test(test_long_keys),
		cmocka_unit_test(test_shared_prefixes),
		cmocka_unit_test(test_array_grow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
