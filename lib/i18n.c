#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

#ifndef AEKIT_LOCALEDIR
#define AEKIT_LOCALEDIR "/usr/local/share/locale"
#endif

static const char *lang = "en";

static const char *
env_lang(void)
{
	const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;
	size_t i;

	for (i = 0; i < 3; i++)
		if ((v = getenv(names[i])) != NULL && *v)
			return strncmp(v, "zh", 2) == 0 ? "zh" : "en";
	return "en";
}

/* ../share/locale beside the running binary, if it has our catalog. */
static int
catalog_beside_binary(char *dir, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;
	struct stat st;
	char probe[PATH_MAX + 64];

	if (n <= 0)
		return 0;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return 0;
	*slash = '\0';
	if ((size_t)snprintf(dir, size, "%s/../share/locale", exe) >= size)
		return 0;
	snprintf(probe, sizeof(probe), "%s/zh_CN/LC_MESSAGES/aekit.mo", dir);
	return stat(probe, &st) == 0;
}

int
i18n_init(const char *lang_arg)
{
	char dir[PATH_MAX];

	if (lang_arg == NULL)
		lang = env_lang();
	else if (strcmp(lang_arg, "zh") == 0 || strcmp(lang_arg, "en") == 0)
		lang = strcmp(lang_arg, "zh") == 0 ? "zh" : "en";
	else
		return -1;
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	if (strcmp(lang, "zh") == 0) {
		/*
		 * gettext ignores LANGUAGE in the C locale, and a zh_CN locale
		 * may not be generated on the machine: C.UTF-8 always is.
		 */
		const char *cur = setlocale(LC_MESSAGES, NULL);
		if (cur == NULL || strcmp(cur, "C") == 0 ||
		    strcmp(cur, "POSIX") == 0)
			setlocale(LC_MESSAGES, "C.UTF-8");
		setenv("LANGUAGE", "zh_CN", 1);
	} else {
		setenv("LANGUAGE", "en", 1);
	}
	if (catalog_beside_binary(dir, sizeof(dir)))
		bindtextdomain("aekit", dir);
	else
		bindtextdomain("aekit", AEKIT_LOCALEDIR);
	bind_textdomain_codeset("aekit", "UTF-8");
	return 0;
}

const char *
i18n_lang(void)
{
	return lang;
}

const char *
i18n_pgettext(const char *ctx_msgid, const char *msgid)
{
	const char *t = dgettext("aekit", ctx_msgid);

	return t == ctx_msgid ? msgid : t;
}
