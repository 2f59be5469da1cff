/*
 * Unit tests of lib/render: templates and partials read from files (a
 * scratch directory), where partials are looked for, error places, and
 * --context values of every JSON kind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "render.h"

static char dir[64];

static void
put(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

static char *
path_of(const char *name)
{
	static char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static int
setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/aekit-render-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	put("t.mustache", "{{> p}}|{{> q}}|{{> none}}|{{name}}");
	put("p.mustache", "beside");
	put("q.mustache", "beside-q");
	mkdir(path_of("parts"), 0777);
	put("parts/p.mustache", "from-dir {{name}}");
	put("bad.mustache", "line one\n  名字 {{#open}}\n");
	put("badp.mustache", "x{{> broken}}");
	put("broken.mustache", "\n{{/nope}}");
	put("utf8.mustache", "ok\n名\xff");
	put("ctx.json", "\"a string\"");
	put("badctx.json", "{\n  \"a\": 1,\n}");
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

static char *
run(const char *tpl, const char *partials, json_t *ctx, int no_escape)
{
	struct render_options o = { partials, no_escape };
	struct strbuf out = STRBUF_INIT;
	struct ae_error err;
	struct render *r;

	ae_error_clear(&err);
	r = render_open(path_of(tpl), &o, &err);
	assert_non_null(r);
	assert_int_equal(render_execute(r, ctx, &out, &err), 0);
	/* A second run uses the partials already compiled. */
	strbuf_reset(&out);
	assert_int_equal(render_execute(r, ctx, &out, &err), 0);
	render_free(r);
	return strbuf_detach(&out, NULL);
}

static void
test_partials(void **state)
{
	json_t *ctx = json_pack("{s:s}", "name", "<王>");
	char *s;

	(void)state;
	s = run("t.mustache", NULL, ctx, 0);
	assert_string_equal(s, "beside|beside-q||&lt;王&gt;");
	free(s);
	char parts[256];

	snprintf(parts, sizeof(parts), "%s", path_of("parts"));
	s = run("t.mustache", parts, ctx, 1);
	assert_string_equal(s, "from-dir <王>|beside-q||<王>");
	free(s);
	json_decref(ctx);
}

static void
expect_error(const char *tpl, int code, const char *source, long line,
    long col, const char *text)
{
	struct render_options o = { NULL, 0 };
	struct strbuf out = STRBUF_INIT;
	struct ae_error err;
	struct render *r;
	char want[256];

	ae_error_clear(&err);
	r = render_open(path_of(tpl), &o, &err);
	if (r != NULL) {
		json_t *ctx = json_object();
		assert_int_equal(render_execute(r, ctx, &out, &err), -1);
		json_decref(ctx);
		render_free(r);
	}
	assert_int_equal(err.code, code);
	snprintf(want, sizeof(want), "%s", source ? path_of(source) : "");
	assert_string_equal(err.source, want);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, col);
	assert_string_equal(err.text, text);
	strbuf_release(&out);
}

static void
test_errors(void **state)
{
	char text[300];

	(void)state;
	expect_error("bad.mustache", AE_EDATA, "bad.mustache", 2, 6,
	    "unclosed section 'open'");
	expect_error("badp.mustache", AE_EDATA, "broken.mustache", 2, 1,
	    "closing tag 'nope' without open section");
	expect_error("utf8.mustache", AE_EDATA, "utf8.mustache", 2, 2,
	    "invalid UTF-8");
	snprintf(text, sizeof(text), "cannot open: No such file or directory");
	expect_error("missing.mustache", AE_ENOINPUT, "missing.mustache", 0, 0,
	    text);
}

static void
test_context(void **state)
{
	struct ae_error err;
	json_t *v;

	(void)state;
	ae_error_clear(&err);
	v = render_load_context(path_of("ctx.json"), &err);
	assert_non_null(v);
	assert_string_equal(json_string_value(v), "a string");
	json_decref(v);
	assert_null(render_load_context(path_of("badctx.json"), &err));
	assert_int_equal(err.code, AE_EDATA);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.source, path_of("badctx.json"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_partials),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_context),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
