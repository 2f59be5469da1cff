/*
 * render.h — the render tool's side of Mustache: a template read from a
 * file and compiled once, partials found beside it or in a directory,
 * and the root context of --context read from a JSON file.
 *
 *	struct render *r = render_open("letter.mustache", &opts, &err);
 *	while (more records)
 *		render_execute(r, record, &out, &err);
 *	render_free(r);
 */
#ifndef AEKIT_RENDER_H
#define AEKIT_RENDER_H

#include <jansson.h>

#include "error.h"
#include "strbuf.h"

struct render_options {
	const char *partials_dir; /* --partials DIR, or NULL */
	int no_escape;		  /* {{x}} writes raw text */
};

/* A compiled template with its partial loader; opaque. */
struct render;

/*
 * Reads and compiles the template at PATH.  NULL with ERR on failure:
 * AE_ENOINPUT when it cannot be read, AE_EDATA with line and column for
 * invalid UTF-8 or a template error (unclosed section, mismatched
 * closing tag, bad delimiter, unclosed tag).
 */
struct render *render_open(const char *path, const struct render_options *opts,
    struct ae_error *err);

/*
 * Renders CONTEXT through R, appending to OUT.  Partial {{> name}} is
 * NAME.mustache in the --partials directory, else beside the template;
 * a partial that is in neither renders as "" (the spec's rule).  Errors
 * in a partial name the partial's file.
 */
int render_execute(struct render *r, json_t *context, struct strbuf *out,
    struct ae_error *err);

void render_free(struct render *r);

/*
 * Reads PATH ("-" for standard input) as one JSON value of any kind: a
 * new reference, or NULL with ERR (AE_ENOINPUT, or AE_EDATA with line
 * and column of a syntax error).
 */
json_t *render_load_context(const char *path, struct ae_error *err);

/*
 * Reads a whole file into a NUL-terminated buffer the caller frees.
 * NULL with ERR (AE_ENOINPUT) when it cannot be read.
 */
char *render_read_file(const char *path, size_t *len, struct ae_error *err);

/*
 * Reads template PATH as render_read_file does, and refuses it (AE_EDATA,
 * with the line and column) when it is not UTF-8 or holds a NUL: the one
 * way every tool loads a template or a partial.
 */
char *render_load_template(const char *path, size_t *len, struct ae_error *err);

/* The budget of one rendering (exit 65 past it, naming the template). */
#define RENDER_MAX_STEPS ((size_t)20 * 1000 * 1000)
#define RENDER_MAX_OUTPUT ((size_t)64 * 1024 * 1024)

#endif
