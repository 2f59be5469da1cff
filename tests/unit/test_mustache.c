/*
 * Unit tests of lib/mustache: a selection of the Mustache spec's cases per
 * module (copied here so that the tests need nothing outside the tree),
 * then what aekit adds: CJK, error locations, limits, the compiled API.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "jsontext.h"
#include "mustache.h"

struct loader {
	json_t *partials;	/* name -> template text */
	const char *source;	/* what the loader calls every partial */
	int calls;
};

static const char *
load_partial(const char *name, void *ctx, const char **source)
{
	struct loader *l = ctx;

	l->calls++;
	if (l->source != NULL)
		*source = l->source;
	return json_string_value(json_object_get(l->partials, name));
}

static json_t *
parse(const char *json)
{
	json_error_t jerr;
	json_t *v = json_loads(json, JSON_DECODE_ANY, &jerr);

	if (v == NULL)
		fail_msg("bad test data %s: %s", json, jerr.text);
	return v;
}

/* Renders TPL with data JSON and partials PARTIALS (a JSON object or NULL). */
static char *
render_with(const char *tpl, const char *json, const char *partials,
    int no_escape)
{
	struct loader l = { NULL, NULL, 0 };
	struct mustache_options opts = { 0 };
	struct strbuf out = STRBUF_INIT;
	struct ae_error err;
	json_t *ctx = parse(json);

	ae_error_clear(&err);
	if (partials != NULL) {
		l.partials = parse(partials);
		opts.partial = load_partial;
		opts.partial_ctx = &l;
	}
	opts.no_escape = no_escape != 0;
	opts.markdown = no_escape == 2;
	opts.source = "t.mustache";
	if (mustache_render(tpl, strlen(tpl), ctx, &opts, &out, &err) != 0)
		fail_msg("render failed: %ld:%ld: %s", err.line, err.column,
		    err.text);
	json_decref(ctx);
	json_decref(l.partials);
	return strbuf_detach(&out, NULL);
}

#define check_partials(tpl, json, partials, want) do {			\
	char *got_ = render_with((tpl), (json), (partials), 0);		\
	assert_string_equal(got_, (want));				\
	free(got_);							\
} while (0)

#define check(tpl, json, want) check_partials((tpl), (json), NULL, (want))

/* Expects TPL (with PARTIALS) to fail at LINE:COLUMN of SOURCE with TEXT. */
static void
check_error_in(const char *tpl, const char *partials, const char *source,
    long line, long column, const char *text)
{
	struct loader l = { NULL, "p.mustache", 0 };
	struct mustache_options opts = { 0 };
	struct strbuf out = STRBUF_INIT;
	struct ae_error err;
	json_t *ctx = json_object();

	ae_error_clear(&err);
	if (partials != NULL) {
		l.partials = parse(partials);
		opts.partial = load_partial;
		opts.partial_ctx = &l;
	}
	opts.source = "t.mustache";
	assert_int_equal(mustache_render(tpl, strlen(tpl), ctx, &opts, &out,
	    &err), -1);
	assert_int_equal(err.code, AE_EDATA);
	assert_string_equal(err.source, source);
	assert_string_equal(err.text, text);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, column);
	strbuf_release(&out);
	json_decref(ctx);
	json_decref(l.partials);
}

static void
check_error(const char *tpl, long line, long column, const char *text)
{
	check_error_in(tpl, NULL, "t.mustache", line, column, text);
}

/* Spec: interpolation.json */
static void
test_interpolation(void **state)
{
	(void)state;
	check("Hello from {Mustache}!\n", "{}", "Hello from {Mustache}!\n");
	check("Hello, {{subject}}!\n", "{\"subject\":\"world\"}",
	    "Hello, world!\n");
	check("{{template}}: {{planet}}",
	    "{\"template\":\"{{planet}}\",\"planet\":\"Earth\"}",
	    "{{planet}}: Earth");
	check("{{forbidden}}", "{\"forbidden\":\"& \\\" < >\"}",
	    "&amp; &quot; &lt; &gt;");
	check("{{{forbidden}}}", "{\"forbidden\":\"& \\\" < >\"}",
	    "& \" < >");
	check("{{&forbidden}}", "{\"forbidden\":\"& \\\" < >\"}",
	    "& \" < >");
	check("\"{{mph}} miles an hour!\"", "{\"mph\":85}",
	    "\"85 miles an hour!\"");
	check("\"{{power}} jiggawatts!\"", "{\"power\":1.21}",
	    "\"1.21 jiggawatts!\"");
	check("I ({{cannot}}) be seen!", "{\"cannot\":null}",
	    "I () be seen!");
	check("I ({{{cannot}}}) be seen!", "{}", "I () be seen!");
	check("|{{ string }}|{{{ string }}}|{{& string }}|",
	    "{\"string\":\"---\"}", "|---|---|---|");
	check("  {{string}}\n", "{\"string\":\"---\"}", "  ---\n");
}

static void
test_dotted_names(void **state)
{
	(void)state;
	check("\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"",
	    "{\"person\":{\"name\":\"Joe\"}}", "\"Joe\" == \"Joe\"");
	check("{{a.b.c.d.e.name}}",
	    "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Phil\"}}}}}}",
	    "Phil");
	check("\"{{a.b.c}}\"", "{\"a\":{}}", "\"\"");
	check("\"{{a.b.c.name}}\"",
	    "{\"a\":{\"b\":{}},\"c\":{\"name\":\"Jim\"}}", "\"\"");
	check("{{#a}}{{b.c.d.e.name}}{{/a}}",
	    "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Phil\"}}}}},"
	    "\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Wrong\"}}}}}", "Phil");
	check("{{#a}}{{b.c}}{{/a}}",
	    "{\"a\":{\"b\":{}},\"b\":{\"c\":\"ERROR\"}}", "");
	check("{{a.b}}", "{\"a.b\":\"c\"}", "");
	check("{{a.b}}", "{\"a.b\":\"c\",\"a\":{\"b\":\"d\"}}", "d");
}

static void
test_implicit_iterator(void **state)
{
	(void)state;
	check("Hello, {{.}}!\n", "\"world\"", "Hello, world!\n");
	check("{{.}}|{{{.}}}", "\"& \\\" < >\"", "&amp; &quot; &lt; &gt;|& \" < >");
	check("\"{{.}} miles an hour!\"", "85", "\"85 miles an hour!\"");
	check("\"{{#list}}({{.}}){{/list}}\"",
	    "{\"list\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}",
	    "\"(a)(b)(c)(d)(e)\"");
	check("\"{{#list}}({{.}}){{/list}}\"",
	    "{\"list\":[1.1,2.2,3.3,4.4,5.5]}",
	    "\"(1.1)(2.2)(3.3)(4.4)(5.5)\"");
	check("\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"",
	    "{\"list\":[[1,2,3],[\"a\",\"b\",\"c\"]]}", "\"(123)(abc)\"");
	check("\"{{#.}}({{value}}){{/.}}\"",
	    "[{\"value\":\"a\"},{\"value\":\"b\"}]", "\"(a)(b)\"");
}

/* Spec: sections.json */
static void
test_sections(void **state)
{
	(void)state;
	check("\"{{#boolean}}This should be rendered.{{/boolean}}\"",
	    "{\"boolean\":true}", "\"This should be rendered.\"");
	check("\"{{#boolean}}Not rendered.{{/boolean}}\"",
	    "{\"boolean\":false}", "\"\"");
	check("\"{{#null}}Not rendered.{{/null}}\"", "{\"null\":null}",
	    "\"\"");
	check("\"{{#context}}Hi {{name}}.{{/context}}\"",
	    "{\"context\":{\"name\":\"Joe\"}}", "\"Hi Joe.\"");
	check("\"{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}\"",
	    "{\"a\":\"foo\",\"b\":\"wrong\",\"sec\":{\"b\":\"bar\"},"
	    "\"c\":{\"d\":\"baz\"}}", "\"foo, bar, baz\"");
	check("\"{{#foo}}{{.}} is {{foo}}{{/foo}}\"", "{\"foo\":\"bar\"}",
	    "\"bar is bar\"");
	check("{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}"
	    "{{tname.upper}}{{mname}}{{bname}}.{{/bottoms}}{{/middles}}"
	    "{{/tops}}",
	    "{\"tops\":[{\"tname\":{\"upper\":\"A\",\"lower\":\"a\"},"
	    "\"middles\":[{\"mname\":\"1\",\"bottoms\":[{\"bname\":\"x\"},"
	    "{\"bname\":\"y\"}]}]}]}", "a1.A1x.A1y.");
	check("\"{{#list}}{{item}}{{/list}}\"",
	    "{\"list\":[{\"item\":1},{\"item\":2},{\"item\":3}]}",
	    "\"123\"");
	check("\"{{#list}}Yay lists!{{/list}}\"", "{\"list\":[]}", "\"\"");
	check("| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
	    "{\"bool\":true}", "| A B C D E |");
	check("[{{#missing}}Found key 'missing'!{{/missing}}]", "{}", "[]");
	check("\"{{#a.b.c}}Here{{/a.b.c}}\"", "{\"a\":{\"b\":{\"c\":true}}}",
	    "\"Here\"");
	check("|{{# boolean }}={{/ boolean }}|", "{\"boolean\":true}", "|=|");
}

static void
test_section_whitespace(void **state)
{
	(void)state;
	check(" | {{#boolean}}\t|\t{{/boolean}} | \n", "{\"boolean\":true}",
	    " | \t|\t | \n");
	check(" | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
	    "{\"boolean\":true}", " |  \n  | \n");
	check(" {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n",
	    "{\"boolean\":true}", " YES\n GOOD\n");
	check("| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n",
	    "{\"boolean\":true}", "| This Is\n|\n| A Line\n");
	check("|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", "{\"boolean\":true}",
	    "|\r\n|");
	check("  {{#boolean}}\n#{{/boolean}}\n/", "{\"boolean\":true}",
	    "#\n/");
	check("#{{#boolean}}\n/\n  {{/boolean}}", "{\"boolean\":true}",
	    "#\n/\n");
	check("{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n"
	    "{{/bool}}\n", "{\"bool\":true,\"two\":\"second\"}",
	    "* first\n* second\n* third\n");
}

/* Spec: inverted.json */
static void
test_inverted(void **state)
{
	(void)state;
	check("\"{{^boolean}}Rendered.{{/boolean}}\"", "{\"boolean\":false}",
	    "\"Rendered.\"");
	check("\"{{^boolean}}Not rendered.{{/boolean}}\"",
	    "{\"boolean\":true}", "\"\"");
	check("\"{{^context}}Hi {{name}}.{{/context}}\"",
	    "{\"context\":{\"name\":\"Joe\"}}", "\"\"");
	check("\"{{^list}}Yay lists!{{/list}}\"", "{\"list\":[]}",
	    "\"Yay lists!\"");
	check("[{{^missing}}Cannot find key 'missing'!{{/missing}}]", "{}",
	    "[Cannot find key 'missing'!]");
	check("\"{{^a.b.c}}Not Here{{/a.b.c}}\"", "{\"a\":{}}",
	    "\"Not Here\"");
	check("| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n",
	    "{\"boolean\":false}", "| This Is\n|\n| A Line\n");
	check("^{{^boolean}}\n/\n  {{/boolean}}", "{\"boolean\":false}",
	    "^\n/\n");
}

/* The spec's `!!data`: "" and 0 are falsy, "0" and {} are not. */
static void
test_truthiness(void **state)
{
	(void)state;
	check("{{#s}}yes{{/s}}{{^s}}no{{/s}}", "{\"s\":\"\"}", "no");
	check("{{#n}}yes{{/n}}{{^n}}no{{/n}}", "{\"n\":0}", "no");
	check("{{#n}}yes{{/n}}{{^n}}no{{/n}}", "{\"n\":0.0}", "no");
	check("{{#s}}yes{{/s}}{{^s}}no{{/s}}", "{\"s\":\"0\"}", "yes");
	check("{{#o}}yes{{/o}}{{^o}}no{{/o}}", "{\"o\":{}}", "yes");
	check("{{#b}}{{.}}{{/b}}", "{\"b\":true}", "true");
	check("{{o}}|{{a}}", "{\"o\":{\"x\":1},\"a\":[1,2]}", "|");
}

/* Spec: comments.json */
static void
test_comments(void **state)
{
	(void)state;
	check("12345{{! Comment Block! }}67890", "{}", "1234567890");
	check("12345{{!\n  This is a\n  multi-line comment...\n}}67890\n",
	    "{}", "1234567890\n");
	check("Begin.\n{{! Comment Block! }}\nEnd.\n", "{}",
	    "Begin.\nEnd.\n");
	check("Begin.\n  {{! Indented Comment Block! }}\nEnd.\n", "{}",
	    "Begin.\nEnd.\n");
	check("|\r\n{{! Standalone Comment }}\r\n|", "{}", "|\r\n|");
	check("!\n  {{! I'm Still Standalone }}", "{}", "!\n");
	check("Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n",
	    "{}", "Begin.\nEnd.\n");
	check("  12 {{! 34 }}\n", "{}", "  12 \n");
	check("comments never show: >{{! comment }}<",
	    "{\"! comment\":1,\"comment\":4}", "comments never show: ><");
}

/* Spec: delimiters.json */
static void
test_delimiters(void **state)
{
	(void)state;
	check("{{=<% %>=}}(<%text%>)", "{\"text\":\"Hey!\"}", "(Hey!)");
	check("({{=[ ]=}}[text])", "{\"text\":\"It worked!\"}",
	    "(It worked!)");
	check("[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n"
	    "{{= | | =}}\n|#section|\n  {{data}}\n  |data|\n|/section|\n]\n",
	    "{\"section\":true,\"data\":\"I got interpolated.\"}",
	    "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n"
	    "  I got interpolated.\n]\n");
	check_partials("[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n",
	    "{\"value\":\"yes\"}", "{\"include\":\".{{value}}.\"}",
	    "[ .yes. ]\n[ .yes. ]\n");
	check_partials("[ {{>include}} ]\n[ .{{value}}.  .|value|. ]\n",
	    "{\"value\":\"yes\"}",
	    "{\"include\":\".{{value}}. {{= | | =}} .|value|.\"}",
	    "[ .yes.  .yes. ]\n[ .yes.  .|value|. ]\n");
	check("| {{=@ @=}} |", "{}", "|  |");
	check("Begin.\n  {{=@ @=}}\nEnd.\n", "{}", "Begin.\nEnd.\n");
	check("|\r\n{{= @ @ =}}\r\n|", "{}", "|\r\n|");
	check("|{{= @   @ =}}|", "{}", "||");
	check("{{=<% %>=}}<%{x}%>|<%& x%>", "{\"x\":\"<\"}", "<|<");
}

/* Spec: partials.json */
static void
test_partials(void **state)
{
	(void)state;
	check_partials("\"{{>text}}\"", "{}", "{\"text\":\"from partial\"}",
	    "\"from partial\"");
	check_partials("\"{{>text}}\"", "{}", "{}", "\"\"");
	check_partials("\"{{>partial}}\"", "{\"text\":\"content\"}",
	    "{\"partial\":\"*{{text}}*\"}", "\"*content*\"");
	check_partials("{{>node}}",
	    "{\"content\":\"X\",\"nodes\":[{\"content\":\"Y\",\"nodes\":[]}]}",
	    "{\"node\":\"{{content}}<{{#nodes}}{{>node}}{{/nodes}}>\"}",
	    "X<Y<>>");
	check_partials("{{>outer}}", "{\"a\":\"hello\",\"b\":\"world\"}",
	    "{\"outer\":\"*{{a}} {{>inner}}*\",\"inner\":\"{{b}}!\"}",
	    "*hello world!*");
	check_partials("| {{>partial}} |", "{}", "{\"partial\":\"\\t|\\t\"}",
	    "| \t|\t |");
	check_partials("|{{> partial }}|", "{}", "{\"partial\":\"[]\"}",
	    "|[]|");
}

static void
test_partial_indentation(void **state)
{
	(void)state;
	check_partials("  {{data}}  {{> partial}}\n", "{\"data\":\"|\"}",
	    "{\"partial\":\">\\n>\"}", "  |  >\n>\n");
	check_partials("|\r\n{{>partial}}\r\n|", "{}", "{\"partial\":\">\"}",
	    "|\r\n>|");
	check_partials("  {{>partial}}\n>", "{}", "{\"partial\":\">\\n>\"}",
	    "  >\n  >>");
	check_partials(">\n  {{>partial}}", "{}", "{\"partial\":\">\\n>\"}",
	    ">\n  >\n  >");
	check_partials("\\\n {{>partial}}\n/\n", "{\"content\":\"<\\n->\"}",
	    "{\"partial\":\"|\\n{{{content}}}\\n|\\n\"}",
	    "\\\n |\n <\n->\n |\n/\n");
	/* Indentation adds up through nested standalone partials. */
	check_partials("  {{>outer}}\n", "{}",
	    "{\"outer\":\"a\\n  {{>inner}}\\nb\\n\",\"inner\":\"x\\ny\\n\"}",
	    "  a\n    x\n    y\n  b\n");
}

static void
test_missing_partial(void **state)
{
	(void)state;
	check_partials("[{{>nowhere}}]", "{}", "{}", "[]");
	/* Without a loader every partial is missing. */
	check("[{{>nowhere}}]\n  {{>nowhere}}\n", "{}", "[]\n");
}

static void
test_cjk(void **state)
{
	(void)state;
	check("客户：{{客户}}，项目：{{项目.名称}}\n",
	    "{\"客户\":\"上海某某公司\",\"项目\":{\"名称\":\"春季推广\"}}",
	    "客户：上海某某公司，项目：春季推广\n");
	check("{{#联系人}}{{姓名}}（{{职务}}）{{/联系人}}",
	    "{\"联系人\":[{\"姓名\":\"王伟\",\"职务\":\"市场总监\"},"
	    "{\"姓名\":\"李娜\",\"职务\":\"品牌经理\"}]}",
	    "王伟（市场总监）李娜（品牌经理）");
	check("{{=【 】=}}【客户】 & {{客户}}", "{\"客户\":\"A&B\"}",
	    "A&amp;B & {{客户}}");
	check_partials("  {{>页脚}}\n", "{\"公司\":\"上海某某公司\"}",
	    "{\"页脚\":\"——\\n{{公司}}\\n\"}", "  ——\n  上海某某公司\n");
}

static void
test_errors(void **state)
{
	(void)state;
	check_error("a\n  {{#items}}\nx\n", 2, 3, "unclosed section 'items'");
	check_error("{{#a}}{{#b}}{{/a}}", 1, 13,
	    "closing tag 'a' does not match open section 'b'");
	check_error("ok\n{{/x}}", 2, 1, "closing tag 'x' without open section");
	check_error("Dear {{name", 1, 6, "unclosed tag, missing '}}'");
	check_error("{{{raw}}", 1, 1, "unclosed tag, missing '}}}'");
	check_error("x\n{{= | =}}", 2, 1, "bad set-delimiter tag '{{= | =}}': "
	    "want two delimiters separated by a space");
	check_error("{{=< % %>=}}", 1, 1, "bad set-delimiter tag "
	    "'{{=< % %>=}}': want two delimiters separated by a space");
	check_error("{{=<% %>}}", 1, 1,
	    "bad set-delimiter tag: missing '=' before '}}'");
	check_error("{{=<%", 1, 1, "unclosed tag, missing '=}}'");
	check_error("{{=a= b=}}", 1, 1,
	    "bad set-delimiter tag '{{=a= b=}}': '=' in a delimiter");
	check_error("{{}}", 1, 1, "empty tag name");
	check_error("{{first name}}", 1, 1,
	    "tag name 'first name' contains a space");
	check_error("{{=<% %>=}}\n <%#a%>", 2, 2, "unclosed section 'a'");
}

/* Columns count characters, not bytes, so editors land on the tag. */
static void
test_error_column_cjk(void **state)
{
	(void)state;
	check_error("第一行\n客户：{{#客户}}", 2, 4, "unclosed section '客户'");
	check_error("尊敬的{{客户", 1, 4, "unclosed tag, missing '}}'");
}

static void
test_error_in_partial(void **state)
{
	(void)state;
	check_error_in("{{>bad}}", "{\"bad\":\"ok\\n  {{/x}}\"}", "p.mustache",
	    2, 3, "closing tag 'x' without open section");
}

static void
test_partial_recursion_limit(void **state)
{
	(void)state;
	check_error_in("x\n{{>self}}", "{\"self\":\"{{>self}}\"}",
	    "p.mustache", 1, 1, "partial 'self' nested deeper than 100 levels");
}

/*
 * DEPTH partials nested through data {"c": {"c": ... {"c": false}}}: the
 * innermost c is false so that the lookup does not fall back to an outer c.
 */
static char *
render_nested_partials(int depth, int *failed)
{
	struct loader l = { NULL, NULL, 0 };
	struct mustache_options opts = { 0 };
	struct strbuf json = STRBUF_INIT, out = STRBUF_INIT;
	struct ae_error err;
	json_t *ctx;
	int i;

	for (i = 0; i < depth; i++)
		strbuf_addstr(&json, "{\"c\":");
	strbuf_addstr(&json, "false");
	for (i = 0; i < depth; i++)
		strbuf_addch(&json, '}');
	ctx = parse(json.buf);
	l.partials = parse("{\"n\":\"{{#c}}.{{>n}}{{/c}}\"}");
	opts.partial = load_partial;
	opts.partial_ctx = &l;
	ae_error_clear(&err);
	*failed = mustache_render("{{>n}}", 6, ctx, &opts, &out, &err) != 0;
	json_decref(ctx);
	json_decref(l.partials);
	strbuf_release(&json);
	return strbuf_detach(&out, NULL);
}

static void
test_partial_depth_boundary(void **state)
{
	char *got;
	int failed;

	(void)state;
	got = render_nested_partials(MUSTACHE_MAX_PARTIAL_DEPTH, &failed);
	assert_false(failed);
	assert_int_equal(strlen(got), MUSTACHE_MAX_PARTIAL_DEPTH - 1);
	free(got);
	got = render_nested_partials(MUSTACHE_MAX_PARTIAL_DEPTH + 1, &failed);
	assert_true(failed);
	free(got);
}

static void
test_deep_nesting(void **state)
{
	struct strbuf tpl = STRBUF_INIT;
	char *got;
	int i;

	(void)state;
	for (i = 0; i < 20000; i++)
		strbuf_addstr(&tpl, "{{#a}}");
	strbuf_addstr(&tpl, "{{x}}");
	for (i = 0; i < 20000; i++)
		strbuf_addstr(&tpl, "{{/a}}");
	check(tpl.buf, "{\"a\":{\"x\":\"deep\"}}", "deep");
	check(tpl.buf, "{\"a\":false,\"x\":\"deep\"}", "");
	strbuf_release(&tpl);

	/* Ten nested loops over two elements: 2^10 lines. */
	for (i = 0; i < 10; i++)
		strbuf_addstr(&tpl, "{{#l}}");
	strbuf_addstr(&tpl, "x");
	for (i = 0; i < 10; i++)
		strbuf_addstr(&tpl, "{{/l}}");
	got = render_with(tpl.buf, "{\"l\":[1,2]}", NULL, 0);
	assert_int_equal(strlen(got), 1024);
	free(got);
	strbuf_release(&tpl);
}

static void
test_numbers(void **state)
{
	char buf[JSONTEXT_BUFSIZE];
	json_t *big;

	(void)state;
	check("{{a}} {{b}} {{c}} {{d}}", "{\"a\":1.5,\"b\":100,\"c\":-0.25,"
	    "\"d\":1e21}", "1.5 100 -0.25 1e+21");
	big = json_real(1e21);
	assert_string_equal(json_scalar_text(big, buf), "1e+21");
	json_decref(big);
	check("{{#l}}{{.}};{{/l}}", "{\"l\":[0.1,12.30,1500000.0,-7]}",
	    "0.1;12.3;1500000;-7;");
}

static void
test_no_escape(void **state)
{
	char *got;

	(void)state;
	got = render_with("{{x}} {{{x}}} {{&x}}", "{\"x\":\"R&D <b>\"}", NULL,
	    1);
	assert_string_equal(got, "R&D <b> R&D <b> R&D <b>");
	free(got);
}

/* Markdown mode: a value's bar cannot split a table row; raw stays raw. */
static void
test_markdown_escape(void **state)
{
	char *got;

	(void)state;
	got = render_with("| {{x}} | {{{x}}} | {{n}} |", "{\"x\":\"a|b||c <i>\", "
	    "\"n\": 1.5}", NULL, 2);
	assert_string_equal(got, "| a\\|b\\|\\|c <i> | a|b||c <i> | 1.5 |");
	free(got);
}

static void
test_large_template(void **state)
{
	const char *line = "<li>{{name}} &amp; {{{raw}}}</li>\n";
	struct strbuf tpl = STRBUF_INIT, want = STRBUF_INIT;
	char *got;

	(void)state;
	while (tpl.len < 100 * 1024) {
		strbuf_addstr(&tpl, line);
		strbuf_addstr(&want, "<li>A&amp;B &amp; <i></li>\n");
	}
	got = render_with(tpl.buf, "{\"name\":\"A&B\",\"raw\":\"<i>\"}", NULL,
	    0);
	assert_int_equal(strlen(got), want.len);
	assert_string_equal(got, want.buf);
	free(got);
	strbuf_release(&tpl);
	strbuf_release(&want);
}

static void
test_compile_once(void **state)
{
	const char *tpl = "{{#rows}}{{>row}}{{/rows}}";
	struct loader l = { NULL, NULL, 0 };
	struct mustache_options opts = { 0 };
	struct strbuf out = STRBUF_INIT;
	struct ae_error err;
	struct mustache *m;
	json_t *ctx;
	int i;

	(void)state;
	ae_error_clear(&err);
	l.partials = parse("{\"row\":\"{{n}},\"}");
	opts.partial = load_partial;
	opts.partial_ctx = &l;
	m = mustache_compile(tpl, strlen(tpl), "rows.mustache", &err);
	assert_non_null(m);
	for (i = 0; i < 3; i++) {
		ctx = parse("{\"rows\":[{\"n\":1},{\"n\":2}]}");
		assert_int_equal(mustache_execute(m, ctx, &opts, &out, &err),
		    0);
		json_decref(ctx);
	}
	assert_string_equal(out.buf, "1,2,1,2,1,2,");
	assert_int_equal(l.calls, 1);
	mustache_free(m);
	json_decref(l.partials);
	strbuf_release(&out);
}

static void
test_compile_error(void **state)
{
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	assert_null(mustache_compile("{{#a}}", 6, "x.mustache", &err));
	assert_string_equal(err.source, "x.mustache");
	assert_string_equal(err.text, "unclosed section 'a'");
	assert_int_equal(err.line, 1);
	assert_int_equal(err.column, 1);
	mustache_free(NULL);
}

static void
test_null_options_and_empty(void **state)
{
	struct strbuf out = STRBUF_INIT;
	struct ae_error err;
	json_t *ctx = parse("{\"x\":\"<\"}");

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(mustache_render("", 0, ctx, NULL, &out, &err), 0);
	assert_int_equal(out.len, 0);
	assert_int_equal(mustache_render("{{x}}", 5, ctx, NULL, &out, &err), 0);
	assert_string_equal(out.buf, "&lt;");
	assert_int_equal(mustache_render("{{x}}{{.}}", 10, NULL, NULL, &out,
	    &err), 0);
	assert_string_equal(out.buf, "&lt;");
	json_decref(ctx);
	strbuf_release(&out);
}

static void
test_limits(void **state)
{
	const char *tpl = "{{#l}}{{#l}}{{#l}}{{#l}}x{{/l}}{{/l}}{{/l}}{{/l}}";
	struct mustache_options opts = { 0 };
	struct strbuf out = STRBUF_INIT;
	struct ae_error err;
	json_t *ctx = parse("{\"l\":[1,2,3,4,5,6,7,8,9,10]}");

	(void)state;
	ae_error_clear(&err);
	opts.max_steps = 1000;
	assert_int_equal(mustache_render(tpl, strlen(tpl), ctx, &opts, &out,
	    &err), -1);
	assert_string_equal(err.text, "template takes more than 1000 steps");
	ae_error_clear(&err);
	opts.max_steps = 0;
	opts.max_output = 100;
	strbuf_reset(&out);
	assert_int_equal(mustache_render(tpl, strlen(tpl), ctx, &opts, &out,
	    &err), -1);
	assert_string_equal(err.text, "output larger than 100 bytes");
	ae_error_clear(&err);
	opts.max_output = 10000;
	strbuf_reset(&out);
	assert_int_equal(mustache_render(tpl, strlen(tpl), ctx, &opts, &out,
	    &err), 0);
	assert_int_equal(out.len, 10000);
	json_decref(ctx);
	strbuf_release(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interpolation),
		cmocka_unit_test(test_dotted_names),
		cmocka_unit_test(test_implicit_iterator),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_section_whitespace),
		cmocka_unit_test(test_inverted),
		cmocka_unit_test(test_truthiness),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_delimiters),
		cmocka_unit_test(test_partials),
		cmocka_unit_test(test_partial_indentation),
		cmocka_unit_test(test_missing_partial),
		cmocka_unit_test(test_cjk),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_error_column_cjk),
		cmocka_unit_test(test_error_in_partial),
		cmocka_unit_test(test_partial_recursion_limit),
		cmocka_unit_test(test_partial_depth_boundary),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_no_escape),
		cmocka_unit_test(test_markdown_escape),
		cmocka_unit_test(test_large_template),
		cmocka_unit_test(test_compile_once),
		cmocka_unit_test(test_compile_error),
		cmocka_unit_test(test_null_options_and_empty),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
