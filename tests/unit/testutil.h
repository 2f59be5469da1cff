/*
 * Helpers shared by the unit tests.  Include after <cmocka.h>.
 */
#ifndef AEKIT_TESTUTIL_H
#define AEKIT_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "finding.h"

/* Writes TEXT to a new temporary file; returns its path (free() it). */
static inline char *
test_write_temp(const char *text)
{
	char *path = strdup("/tmp/aekit-test-XXXXXX");
	int fd = mkstemp(path);
	size_t n = strlen(text);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
	return path;
}

/* TEXT parsed as JSON; a test with bad JSON fails at once. */
static inline json_t *
test_parse_json(const char *text)
{
	json_error_t e;
	json_t *v = json_loads(text, JSON_DECODE_ANY, &e);

	if (v == NULL)
		fail_msg("bad test JSON: %s", e.text);
	return v;
}

/* --check findings gathered as "rule: detail" lines, and their lines. */
struct findings {
	struct finding_sink sink;
	char text[4096];
	long line[64];
	int n;
};

static inline void
findings_collect(void *ctx, const struct finding *fd)
{
	struct findings *f = ctx;
	size_t len = strlen(f->text);

	snprintf(f->text + len, sizeof(f->text) - len, "%s: %s\n", fd->rule,
	    fd->detail);
	if (f->n < 64)
		f->line[f->n] = fd->line;
	f->n++;
}

/* F emptied, and its sink, at record "test" line 1. */
static inline struct finding_sink *
findings_sink(struct findings *f)
{
	memset(f, 0, sizeof(*f));
	finding_sink_init(&f->sink, findings_collect, f);
	finding_sink_place(&f->sink, "test", 1, NULL);
	return &f->sink;
}

#endif
