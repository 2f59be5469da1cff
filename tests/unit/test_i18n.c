/* Unit tests for the language choice (lib/i18n.c): the catalog is found
 * beside the binary, build/share/locale, as it is after an install. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "i18n.h"

static void
test_explicit_languages(void **state)
{
	(void)state;
	assert_int_equal(i18n_init("zh"), 0);
	assert_string_equal(i18n_lang(), "zh");
	assert_string_equal(_("Total"), "合计");
	/* One English word, two Chinese ones, told apart by context. */
	assert_string_equal(C_("grand total", "Total"), "总计");
	assert_string_equal(C_("no such context", "Total"), "Total");
	assert_int_equal(i18n_init("en"), 0);
	assert_string_equal(i18n_lang(), "en");
	assert_string_equal(_("Total"), "Total");
	assert_string_equal(C_("grand total", "Total"), "Total");
	assert_int_equal(i18n_init("fr"), -1);
}

static void
test_language_from_environment(void **state)
{
	(void)state;
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "zh_CN.UTF-8", 1);
	assert_int_equal(i18n_init(NULL), 0);
	assert_string_equal(i18n_lang(), "zh");
	assert_string_equal(_("Client"), "客户");
	setenv("LC_ALL", "en_US.UTF-8", 1);
	assert_int_equal(i18n_init(NULL), 0);
	assert_string_equal(i18n_lang(), "en");
	unsetenv("LC_ALL");
	unsetenv("LANG");
	assert_int_equal(i18n_init(NULL), 0);
	assert_string_equal(i18n_lang(), "en");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_explicit_languages),
		cmocka_unit_test(test_language_from_environment),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
