/*
 * mustache.h — a Mustache renderer over jansson values.
 *
 * Implements the Mustache spec v1.4 required modules: interpolation (HTML
 * escaped {{x}}, raw {{{x}}} and {{& x}}, dotted names, implicit iterator),
 * sections over lists, objects, booleans and empty values, inverted
 * sections, comments, partials with standalone indentation, set delimiters
 * and the standalone-line whitespace rules.
 *
 * JSON numbers are interpolated as their shortest round-trip text (1.5 as
 * "1.5", 1 as "1"); null and absent names as "".
 */
#ifndef AEKIT_MUSTACHE_H
#define AEKIT_MUSTACHE_H

#include <stddef.h>

#include <jansson.h>

#include "error.h"
#include "strbuf.h"

/*
 * Finds partial NAME.  Returns its text (owned by the loader, valid until
 * the render ends) or NULL when there is none; a missing partial renders
 * as "" as the spec says.  SOURCE is set to the name to use in error
 * messages about the partial (may be left NULL).
 */
typedef const char *(*mustache_partial_fn)(const char *name, void *ctx,
    const char **source);

struct mustache_options {
	int no_escape;			/* {{x}} writes raw text */
	mustache_partial_fn partial;	/* NULL: no partials */
	void *partial_ctx;
	const char *source;		/* template's name for errors */
};

/*
 * Renders TEMPLATE (LEN bytes) with CONTEXT as the root context, appending
 * to OUT.  On a template error (unclosed section, mismatched closing tag,
 * bad delimiter, unclosed tag) returns -1 with ERR holding source, line,
 * column and text, and OUT's contents unspecified.
 */
int mustache_render(const char *template, size_t len, json_t *context,
    const struct mustache_options *opts, struct strbuf *out,
    struct ae_error *err);

#endif
