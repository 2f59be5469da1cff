/*
 * template.h — the built-in templates, compiled into the library from
 * templates/NAME.mustache (see tools/embed.c).
 */
#ifndef AEKIT_TEMPLATE_H
#define AEKIT_TEMPLATE_H

/* The text of built-in template NAME ("agenda.zh.md"), or NULL. */
const char *template_builtin(const char *name);

#endif
