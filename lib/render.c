#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache.h"
#include "jsontext.h"
#include "render.h"
#include "text.h"

struct loaded {
	char *path;
	char *text;
};

struct render {
	struct mustache *m;
	struct mustache_options opts;
	char *dir; /* the template's directory with its '/', or "" */
	char *partials_dir;
	struct ae_error partial_err; /* a partial refused while rendering */
	struct loaded *files; /* partial texts, kept until render_free() */
	size_t nfiles, afiles;
};

char *
render_read_file(const char *path, size_t *len, struct ae_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;
	FILE *f;
	int e;

	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL) {
		ae_error_set(err, AE_ENOINPUT, "cannot open: %s",
		    strerror(errno));
		ae_error_at(err, path, 0, 0);
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	e = ferror(f) ? errno : 0;
	if (f != stdin)
		fclose(f);
	if (e != 0) {
		strbuf_release(&sb);
		ae_error_set(err, AE_ENOINPUT, "cannot read: %s", strerror(e));
		ae_error_at(err, path, 0, 0);
		return NULL;
	}
	if (sb.alloc == 0)
		strbuf_grow(&sb, 1);
	return strbuf_detach(&sb, len);
}

/* Fails with the line and column (in characters) of the first bad byte. */
static int
check_utf8(const char *s, size_t len, const char *source, struct ae_error *err)
{
	size_t bad, i;
	long line = 1, col = 1;

	if (utf8_check(s, len, &bad))
		return 0;
	for (i = 0; i < bad; i++) {
		if (s[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	ae_error_set(err, AE_EDATA,
	    s[bad] ? "invalid UTF-8" : "NUL byte in template");
	ae_error_at(err, source, line, col);
	return -1;
}

char *
render_load_template(const char *path, size_t *len, struct ae_error *err)
{
	char *text = render_read_file(path, len, err);

	if (text && check_utf8(text, *len, path, err) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

static const char *
find_partial(struct render *r, const char *dir, const char *name,
    const char **source)
{
	struct ae_error ignored;
	struct loaded *l;
	char *path, *text;
	size_t len;

	path = xmalloc(strlen(dir) + strlen(name) + 16);
	sprintf(path, "%s%s.mustache", dir, name);
	ae_error_clear(&ignored);
	if ((text = render_read_file(path, &len, &ignored)) == NULL) {
		free(path);
		return NULL;
	}
	if (r->nfiles == r->afiles) {
		r->afiles = r->afiles ? 2 * r->afiles : 8;
		r->files = xrealloc(r->files, r->afiles * sizeof(*r->files));
	}
	l = &r->files[r->nfiles++];
	l->path = path;
	l->text = text;
	*source = path;
	return text;
}

static const char *
load_partial(const char *name, void *ctx, const char **source)
{
	struct render *r = ctx;
	const char *t = NULL;

	/* A partial is a name in its folder, never a path out of it. */
	if (name[0] == '/' || strcmp(name, "..") == 0 ||
	    strncmp(name, "../", 3) == 0 || strstr(name, "/../") ||
	    (strlen(name) >= 3 &&
		strcmp(name + strlen(name) - 3, "/..") == 0)) {
		ae_error_set(&r->partial_err, AE_EDATA,
		    "partial '%.*s%s' "
		    "names a file outside the partials folder",
		    TEXT_CLIP(name));
		ae_error_at(&r->partial_err, r->opts.source, 0, 0);
		return NULL;
	}
	if (r->partials_dir)
		t = find_partial(r, r->partials_dir, name, source);
	if (t == NULL)
		t = find_partial(r, r->dir, name, source);
	if (t && check_utf8(t, strlen(t), *source, &r->partial_err) != 0)
		return NULL;
	return t;
}

struct render *
render_open(const char *path, const struct render_options *opts,
    struct ae_error *err)
{
	struct render *r;
	const char *slash;
	char *text;
	size_t len;

	if ((text = render_load_template(path, &len, err)) == NULL)
		return NULL;
	r = xcalloc(1, sizeof(*r));
	if ((r->m = mustache_compile(text, len, path, err)) == NULL) {
		free(text);
		free(r);
		return NULL;
	}
	free(text);
	slash = strrchr(path, '/');
	r->dir = xstrndup(path, slash ? (size_t)(slash + 1 - path) : 0);
	if (opts->partials_dir && *opts->partials_dir) {
		size_t n = strlen(opts->partials_dir);
		r->partials_dir = xmalloc(n + 2);
		memcpy(r->partials_dir, opts->partials_dir, n + 1);
		if (opts->partials_dir[n - 1] != '/')
			strcpy(r->partials_dir + n, "/");
	}
	r->opts.no_escape = opts->no_escape;
	r->opts.partial = load_partial;
	r->opts.partial_ctx = r;
	r->opts.source = path;
	/*
	 * Documents are small: a template that works past these is one
	 * whose work grows without bound (nested sections over one list).
	 */
	r->opts.max_steps = RENDER_MAX_STEPS;
	r->opts.max_output = RENDER_MAX_OUTPUT;
	ae_error_clear(&r->partial_err);
	return r;
}

int
render_execute(struct render *r, json_t *context, struct strbuf *out,
    struct ae_error *err)
{
	int rc = mustache_execute(r->m, context, &r->opts, out, err);

	if (ae_error_isset(&r->partial_err)) {
		*err = r->partial_err;
		return -1;
	}
	return rc;
}

void
render_free(struct render *r)
{
	size_t i;

	if (r == NULL)
		return;
	mustache_free(r->m);
	for (i = 0; i < r->nfiles; i++) {
		free(r->files[i].path);
		free(r->files[i].text);
	}
	free(r->files);
	free(r->dir);
	free(r->partials_dir);
	free(r);
}

json_t *
render_load_context(const char *path, struct ae_error *err)
{
	json_error_t jerr;
	json_t *v;
	char *text;
	size_t len;

	if ((text = render_read_file(path, &len, err)) == NULL)
		return NULL;
	v = json_loadb(text, len, JSON_DECODE_ANY, &jerr);
	if (v == NULL) {
		json_error_fill(text, &jerr, err);
		/* Column 0 is before a line's first character: the line's start. */
		ae_error_at(err, strcmp(path, "-") == 0 ? "<stdin>" : path,
		    jerr.line, jerr.column > 0 ? json_error_column(&jerr) : 1);
	}
	free(text);
	return v;
}
