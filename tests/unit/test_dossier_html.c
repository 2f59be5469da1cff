/*
 * The brand file's html page in a real browser: headless Chromium loads
 * the page made from the example client folder, its DOM must hold the
 * fourteen section headings as the handbook titles them and a table of
 * contents linking to each, and a screenshot is left in
 * build/dossier-huamei.png for people to look at.  Without chromium
 * the test is skipped, saying so.  Run from the top of the tree, as
 * `make check` does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

static const char *const titles[14] = {
	"会面人/客户名录", "会议报告", "市场概况", "产品信息", "竞争",
	"消费者", "品牌", "以往的广告活动", "创意简报", "广告活动的进展",
	"媒介", "研究", "财务", "公司记录",
};

static const char *
build_dir(void)
{
	const char *b = getenv("B");

	return b && b[0] ? b : "build";
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = malloc((size_t)n + 1);
	if (s == NULL || fread(s, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(s);
		return NULL;
	}
	s[n] = '\0';
	fclose(f);
	return s;
}

static int
run(const char *cmd)
{
	int rc = system(cmd);

	if (rc != 0)
		print_error("command failed (%d): %s\n", rc, cmd);
	return rc;
}

static void
test_page_in_chromium(void **state)
{
	char cmd[4096], want[256], html[512], dom[512], png[512];
	const char *b = build_dir();
	char *text;
	int n;

	(void)state;
	if (system("command -v chromium >/dev/null 2>&1") != 0) {
		print_message("chromium is not installed: skipping the brand "
		    "file's browser test (apt-get install chromium "
		    "fonts-noto-cjk)\n");
		skip();
	}
	snprintf(html, sizeof(html), "%s/dossier-huamei.html", b);
	snprintf(dom, sizeof(dom), "%s/dossier-huamei.dom", b);
	snprintf(png, sizeof(png), "%s/dossier-huamei.png", b);
	snprintf(cmd, sizeof(cmd), "%s/bin/dossier --client 华美食品 "
	    "--as-of 2026-11-30 --lang zh -f html -o %s examples/records",
	    b, html);
	assert_int_equal(run(cmd), 0);
	snprintf(cmd, sizeof(cmd), "chromium --headless --no-sandbox "
	    "--disable-gpu --dump-dom \"file://$PWD/%s\" > %s 2>/dev/null",
	    html, dom);
	assert_int_equal(run(cmd), 0);
	snprintf(cmd, sizeof(cmd), "chromium --headless --no-sandbox "
	    "--disable-gpu --hide-scrollbars --window-size=1280,3000 "
	    "--screenshot=%s \"file://$PWD/%s\" >/dev/null 2>&1", png, html);
	assert_int_equal(run(cmd), 0);
	text = slurp(dom);
	assert_non_null(text);
	assert_non_null(strstr(text, "<h1>品牌档案：华美食品</h1>"));
	assert_non_null(strstr(text, "<nav class=\"toc\">"));
	for (n = 1; n <= 14; n++) {
		snprintf(want, sizeof(want), "<section id=\"s%d\">\n<h2>%d. %s"
		    "</h2>", n, n, titles[n - 1]);
		if (strstr(text, want) == NULL)
			fail_msg("no heading '%d. %s' in the page", n,
			    titles[n - 1]);
		snprintf(want, sizeof(want), "<li><a href=\"#s%d\">%s</a></li>",
		    n, titles[n - 1]);
		if (strstr(text, want) == NULL)
			fail_msg("no contents link to section %d", n);
	}
	/* Every section has something in the example folder. */
	assert_null(strstr(text, "暂无记录"));
	free(text);
	text = slurp(png);
	assert_non_null(text);
	assert_memory_equal(text, "\x89PNG", 4);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_in_chromium),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
