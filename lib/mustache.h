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
 * "1.5", 1 as "1"); true and false as "true" and "false"; null, absent
 * names, arrays and objects as "".  {{x}} escapes & < > " as &amp; &lt;
 * &gt; &quot;, which is the set the spec asks for.
 *
 * A section is skipped when its value is absent, null, false, "", 0 or an
 * empty list (the spec's `!!data`); a list renders the section once per
 * element, anything else once with the value pushed on the context stack.
 *
 * A template is parsed once by mustache_compile() and can then be executed
 * any number of times, so that rendering many records through one template
 * costs no parsing; mustache_render() is the one-shot convenience.
 */
#ifndef AEKIT_MUSTACHE_H
#define AEKIT_MUSTACHE_H

#include <stddef.h>

#include <jansson.h>

#include "error.h"
#include "strbuf.h"

/* Partials nested deeper than this are an error, not a stack overflow. */
#define MUSTACHE_MAX_PARTIAL_DEPTH 100

/*
 * Finds partial NAME.  Returns its text (owned by the loader, valid until
 * the render ends; the renderer copies it) or NULL when there is none; a
 * missing partial renders as "" as the spec says.  SOURCE is set to the
 * name to use in error messages about the partial (may be left NULL).
 */
typedef const char *(
    *mustache_partial_fn)(const char *name, void *ctx, const char **source);

struct mustache_options {
	int no_escape;		     /* {{x}} writes raw text */
	int markdown;		     /* with no_escape: {{x}} writes | as \|,
					   so a value cannot split a table
					   row; {{{x}}} stays raw */
	mustache_partial_fn partial; /* NULL: no partials */
	void *partial_ctx;
	const char *source; /* template's name for errors */
	/*
	 * Guards against templates whose work grows without bound (nested
	 * sections over the same list, partials recursing over deep data).
	 * 0 means no limit.  A step is one token rendered or one token of a
	 * partial compiled; output is counted in bytes appended to OUT.
	 */
	size_t max_steps;
	size_t max_output;
};

/* A parsed template; opaque. */
struct mustache;

/*
 * Parses TEMPLATE (LEN bytes, copied) into a template that SOURCE names in
 * error messages.  Returns NULL with ERR holding source, line, column (of
 * the offending tag, 1-based, in characters) and text on a template
 * error: unclosed tag, unclosed section, mismatched closing tag, bad
 * set-delimiter tag, bad tag name.
 */
struct mustache *mustache_compile(const char *template, size_t len,
    const char *source, struct ae_error *err);

/*
 * Renders M with CONTEXT as the root context, appending to OUT.  OPTS may
 * be NULL (escape, no partials, no limits; its source is not used: M has
 * its own).  Partials are fetched through OPTS->partial and compiled on
 * first use, then kept in M (missing ones too) until mustache_free(), so
 * later executions neither call the loader again nor re-parse: M is
 * therefore not shareable between threads.  On an error (a partial's
 * template error, partials nested deeper than MUSTACHE_MAX_PARTIAL_DEPTH,
 * a limit of OPTS exceeded) returns -1 with ERR set and OUT's contents
 * unspecified.
 */
int mustache_execute(struct mustache *m, json_t *context,
    const struct mustache_options *opts, struct strbuf *out,
    struct ae_error *err);

/* Frees M and the partials compiled for it.  M may be NULL. */
void mustache_free(struct mustache *m);

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
