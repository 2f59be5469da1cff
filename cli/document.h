/*
 * document.h — writing a document tool's output through a template.
 *
 * Every document tool (agenda, minutes, memo, brief, estimate …) builds a
 * JSON context and calls doc_render().  The template is --template FILE,
 * else the built-in "TOOL.LANG.FORMAT" (agenda.zh.md, memo.en.text …).
 * Partials {{> name}} come from NAME.mustache beside --template, else from
 * the built-in template "TOOL.NAME".  Markdown and text are rendered
 * without HTML escaping, html with it.
 */
#ifndef AEKIT_DOCUMENT_H
#define AEKIT_DOCUMENT_H

#include <jansson.h>

#include "cli.h"
#include "strbuf.h"

/*
 * Handles --dump-template: prints the built-in template for TOOL and the
 * chosen --format and --lang, and exits 0.  Call it right after
 * cli_parse(), before reading input.
 */
void doc_dump_template(struct cli *c, const char *tool);

/*
 * Writes J to OUT as -f json writes a document: two-space indent, members
 * in their order, a final newline.  A failed write is found at
 * cli_finish(), as for every output.
 */
void doc_json(FILE *out, json_t *j);

/* Renders CONTEXT through TOOL's template to the output; dies on error. */
void doc_render(struct cli *c, const char *tool, json_t *context);

/*
 * Like doc_render, but through the template for FORMAT (which need not
 * be --format: an iCalendar event's description is the text agenda) and
 * appending to OUT.
 */
void doc_render_buf(struct cli *c, const char *tool, const char *format,
    json_t *context, struct strbuf *out);

/*
 * Renders the memo objects of array MEMOS (memo_reminder()) one after
 * another through the memo template, md ones parted by a rule, text ones
 * by a form feed: what --remind writes.  Dies on a bad memo.
 */
void doc_render_memos(struct cli *c, json_t *memos);

#endif
