#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "compete.h"
#include "i18n.h"

/* Feeds the JSON Lines TEXT to a new review of CLIENT. */
static struct compete *
review_of(const char *client, const char *text)
{
	struct compete *cp = compete_new(client);
	struct ae_error err;
	const struct record *r;
	char *path = test_write_temp(text);
	struct reader_options o = { 0 };
	struct reader *rd = reader_open(path, &o, &err);

	assert_non_null(rd);
	while (reader_next(rd, &r, &err) > 0)
		assert_true(compete_add(cp, r, "CNY", &err) >= 0);
	reader_close(rd);
	unlink(path);
	free(path);
	return cp;
}

static const char *
share_of(json_t *ctx, size_t group, size_t row)
{
	json_t *g = json_array_get(json_object_get(ctx, "spend"), group);

	return json_string_value(json_object_get(json_array_get(
	    json_object_get(g, "rows"), row), "share"));
}

static void
test_shares_round_half_up(void **state)
{
	struct compete *cp;
	struct ae_error err;
	json_t *ctx;

	(void)state;
	/* 1/3 and 2/3 of the total; 1/8 = 12.5 % exactly. */
	cp = review_of(NULL,
	    "{\"brand\":\"A\",\"spend\":\"1.00\"}\n"
	    "{\"brand\":\"B\",\"spend\":\"2.00\"}\n"
	    "{\"brand\":\"C\",\"spend\":\"1\",\"currency\":\"USD\"}\n"
	    "{\"brand\":\"D\",\"spend\":\"7\",\"currency\":\"USD\"}\n");
	ctx = compete_context(cp, 0, &err);
	assert_non_null(ctx);
	assert_string_equal(share_of(ctx, 0, 0), "33.3%");
	assert_string_equal(share_of(ctx, 0, 1), "66.7%");
	assert_string_equal(share_of(ctx, 1, 0), "12.5%");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(ctx, "spend"), 1), "currency")), "USD");
	json_decref(ctx);
	compete_free(cp);
}

static void
test_latest_assessment_wins(void **state)
{
	struct compete *cp;
	struct ae_error err;
	json_t *ctx;

	(void)state;
	cp = review_of("K",
	    "{\"client\":\"K\",\"brand\":\"A\",\"spend\":\"5\",\"date\":\"2026-06-30\"}\n"
	    "{\"client\":\"K\",\"brand\":\"A\",\"spend\":\"9\",\"date\":\"2026-01-31\"}\n"
	    "{\"client\":\"Other\",\"brand\":\"Z\",\"spend\":\"9\"}\n"
	    "{\"brand\":\"Y\",\"spend\":\"9\"}\n");
	assert_int_equal(compete_count(cp), 1);
	ctx = compete_context(cp, 0, &err);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(json_array_get(json_object_get(ctx, "spend"), 0),
	    "rows"), 0), "spend")), "5.00");
	json_decref(ctx);
	compete_free(cp);
}

static int nfound;

static void
count_finding(void *ctx, const struct finding *f)
{
	(void)ctx;
	assert_string_equal(f->rule, "point");
	assert_int_equal(f->line, 1);
	nfound++;
}

static void
test_check_points(void **state)
{
	struct compete *cp;
	struct finding_sink fs;

	(void)state;
	cp = review_of(NULL, "{\"brand\":\"A\",\"product\":\"p\","
	    "\"appeal\":\"a\",\"target\":\"t\",\"support\":\"s\","
	    "\"tone\":\"t\",\"production\":\"p\"}\n");
	nfound = 0;
	finding_sink_init(&fs, count_finding, NULL);
	assert_int_equal(compete_check(cp, &fs), 1);
	assert_int_equal(nfound, 1);	/* media and format */
	compete_free(cp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shares_round_half_up),
		cmocka_unit_test(test_latest_assessment_wins),
		cmocka_unit_test(test_check_points),
	};

	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
