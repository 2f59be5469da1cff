/*
 * mustache-spec [SPEC_DIR] — runs the required modules of the Mustache
 * spec (its JSON files) through lib/mustache and compares byte for byte.
 * Prints each failure, then one line "mustache: N passed, N failed";
 * exits 0 only when every test passed.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "mustache.h"

static const char *const modules[] = {
	"comments", "delimiters", "interpolation", "inverted", "partials",
	"sections"
};

static int passed, failed;

/* Partials come from the test's own "partials" object. */
static const char *
test_partial(const char *name, void *ctx, const char **source)
{
	(void)source;
	return json_string_value(json_object_get(ctx, name));
}

/* Shows S as a JSON string, so that whitespace differences are visible. */
static void
show(const char *label, const char *s, size_t len)
{
	json_t *str = json_stringn(s, len);
	char *text = str ? json_dumps(str, JSON_ENCODE_ANY) : NULL;

	printf("  %-8s %s\n", label, text ? text : "(not valid UTF-8)");
	free(text);
	json_decref(str);
}

static void
run_test(const char *module, json_t *test)
{
	const char *name = json_string_value(json_object_get(test, "name"));
	json_t *tpl = json_object_get(test, "template");
	json_t *want = json_object_get(test, "expected");
	struct mustache_options opts = { 0 };
	struct strbuf out = STRBUF_INIT;
	struct ae_error err;
	int rc;

	ae_error_clear(&err);
	opts.partial = test_partial;
	opts.partial_ctx = json_object_get(test, "partials");
	opts.source = name;
	rc = mustache_render(json_string_value(tpl), json_string_length(tpl),
	    json_object_get(test, "data"), &opts, &out, &err);
	if (rc == 0 && out.len == json_string_length(want) &&
	    memcmp(out.buf, json_string_value(want), out.len) == 0) {
		passed++;
	} else {
		failed++;
		printf("FAIL %s: %s\n", module, name ? name : "?");
		show("template", json_string_value(tpl),
		    json_string_length(tpl));
		show("expected", json_string_value(want),
		    json_string_length(want));
		if (rc == 0)
			show("got", out.buf, out.len);
		else
			printf("  %-8s %s:%ld:%ld: %s\n", "error", err.source,
			    err.line, err.column, err.text);
	}
	strbuf_release(&out);
}

static void
run_module(const char *dir, const char *module)
{
	char path[4096];
	json_error_t jerr;
	json_t *spec, *test;
	size_t i;

	snprintf(path, sizeof(path), "%s/%s.json", dir, module);
	spec = json_load_file(path, 0, &jerr);
	if (spec == NULL) {
		failed++;
		printf("FAIL %s: cannot load %s: %s\n", module, path,
		    jerr.text);
		return;
	}
	json_array_foreach(json_object_get(spec, "tests"), i, test)
		run_test(module, test);
	json_decref(spec);
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "../shared/testsuites/mustache-spec";
	size_t i;

	if (argc > 2) {
		fprintf(stderr, "usage: mustache-spec [SPEC_DIR]\n");
		return 64;
	}
	for (i = 0; i < sizeof(modules) / sizeof(modules[0]); i++)
		run_module(dir, modules[i]);
	printf("mustache: %d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
