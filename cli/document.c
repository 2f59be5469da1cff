#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "i18n.h"
#include "memo.h"
#include "mustache.h"
#include "render.h"
#include "strbuf.h"
#include "template.h"

struct partials {
	struct cli *c;
	const char *tool;
	char *names[64];
	char *texts[64];
	size_t n;
	struct ae_error err; /* a partial refused: not UTF-8 */
};

static const char *
builtin_name(const char *format, const char *tool, char *buf, size_t size)
{
	snprintf(buf, size, "%s.%s.%s", tool, i18n_lang(), format);
	return buf;
}

void
doc_dump_template(struct cli *c, const char *tool)
{
	char name[128];
	const char *t;

	if (!c->dump_template)
		return;
	t = template_builtin(builtin_name(c->format, tool, name, sizeof(name)));
	if (t == NULL)
		cli_fatal(c, AE_EUSAGE, "no built-in template for --format %s",
		    c->format);
	fputs(t, stdout);
	exit(cli_finish(c));
}

static const char *
load_partial(const char *name, void *ctx, const char **source)
{
	struct partials *p = ctx;
	char path[4096], key[128];
	const char *slash, *t;
	struct ae_error err;
	size_t len;

	if (p->c->template_path == NULL) {
		snprintf(key, sizeof(key), "%s.%s", p->tool, name);
		*source = NULL;
		return template_builtin(key);
	}
	if (p->n == sizeof(p->names) / sizeof(p->names[0]))
		return NULL;
	slash = strrchr(p->c->template_path, '/');
	snprintf(path, sizeof(path), "%.*s%s.mustache",
	    slash ? (int)(slash + 1 - p->c->template_path) : 0,
	    p->c->template_path, name);
	ae_error_clear(&err);
	if ((t = render_load_template(path, &len, &err)) == NULL) {
		if (err.code == AE_EDATA && !ae_error_isset(&p->err))
			p->err = err;
		return NULL;
	}
	p->names[p->n] = xstrdup(path);
	p->texts[p->n] = (char *)t;
	*source = p->names[p->n++];
	return t;
}

static void
release_partials(struct partials *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->names[i]);
		free(p->texts[i]);
	}
}

void
doc_render_buf(struct cli *c, const char *tool, const char *format,
    json_t *context, struct strbuf *out)
{
	struct partials parts = { c, tool, { 0 }, { 0 }, 0, { 0 } };
	struct mustache_options opts = { 0 };
	struct ae_error err;
	char name[128], *owned = NULL;
	const char *tpl;
	size_t len;

	ae_error_clear(&err);
	ae_error_clear(&parts.err);
	if (c->template_path) {
		owned = render_load_template(c->template_path, &len, &err);
		if (owned == NULL && err.code == AE_ENOINPUT)
			cli_fatal(c, AE_ENOINPUT,
			    "cannot read template '%s': %s", c->template_path,
			    strchr(err.text, ':') ? strchr(err.text, ':') + 2 :
						    err.text);
		if (owned == NULL)
			cli_die(c, &err);
		tpl = owned;
		opts.source = c->template_path;
	} else {
		tpl = template_builtin(
		    builtin_name(format, tool, name, sizeof(name)));
		if (tpl == NULL)
			cli_fatal(c, AE_EUSAGE, "no built-in template '%s'",
			    name);
		len = strlen(tpl);
		opts.source = name;
	}
	opts.no_escape = strcmp(format, "html") != 0;
	opts.markdown = strcmp(format, "md") == 0;
	opts.partial = load_partial;
	opts.partial_ctx = &parts;
	if (mustache_render(tpl, len, context, &opts, out, &err) != 0 ||
	    ae_error_isset(&parts.err)) {
		if (ae_error_isset(&parts.err))
			err = parts.err;
		release_partials(&parts);
		free(owned);
		cli_die(c, &err);
	}
	release_partials(&parts);
	free(owned);
}

void
doc_render(struct cli *c, const char *tool, json_t *context)
{
	struct strbuf out = STRBUF_INIT;

	doc_render_buf(c, tool, c->format, context, &out);
	if (out.len > 0)
		fwrite(out.buf, 1, out.len, cli_output(c));
	strbuf_release(&out);
}

void
doc_json(FILE *out, json_t *j)
{
	json_dumpf(j, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putc('\n', out);
}

void
doc_render_memos(struct cli *c, json_t *memos)
{
	int md = cli_format_is(c, "md");
	struct ae_error err;
	json_t *ctx;
	size_t i;

	for (i = 0; i < json_array_size(memos); i++) {
		if (i > 0)
			fputs(md ? "\n---\n\n" : "\f\n", cli_output(c));
		ae_error_clear(&err);
		if ((ctx = memo_context(json_array_get(memos, i), &err)) ==
		    NULL)
			cli_die(c, &err);
		doc_render(c, "memo", ctx);
		json_decref(ctx);
	}
}
