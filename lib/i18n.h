/*
 * i18n.h — Chinese and English labels through gettext.
 *
 * Labels and headings are marked _("…") with the English text as msgid;
 * po/zh_CN.po holds the Chinese.  Error messages stay English so that
 * scripts can match them whatever the language.
 */
#ifndef AEKIT_I18N_H
#define AEKIT_I18N_H

#include <libintl.h>

#define _(s) dgettext("aekit", s)
#define N_(s) (s)

/*
 * A label whose English is shared by words the Chinese tells apart
 * ("Total" of a column is 合计, the grand total of an estimate 总计):
 * CTX is its msgctxt in the catalog, so the fragments that are merged
 * into one catalog never overwrite each other's word.
 */
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)
const char *i18n_pgettext(const char *ctx_msgid, const char *msgid);

/*
 * Chooses the language: LANG_ARG "zh" or "en", or NULL for the
 * environment (LC_ALL, LC_MESSAGES, LANG: "zh*" means Chinese).
 * Returns -1 for another value.  Catalogs are looked up beside the
 * binary (../share/locale, which is both the build tree and an install)
 * and then in the configured LOCALEDIR.
 */
int i18n_init(const char *lang_arg);

/* "zh" or "en". */
const char *i18n_lang(void);

#endif
