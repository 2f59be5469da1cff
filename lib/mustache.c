/*
 * Mustache in two steps.  Compiling turns the template into a flat token
 * list: text split after each newline, standalone lines already removed,
 * each section knowing where it ends.  Executing walks that list with an
 * explicit stack of frames rather than recursion, so that neither deep
 * nesting in the template nor deep data can overflow the C stack.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"
#include "mustache.h"

enum tok_type {
	TOK_TEXT,
	TOK_VAR,      /* {{x}}, escaped */
	TOK_RAW,      /* {{{x}}} and {{&x}} */
	TOK_SECTION,  /* {{#x}} */
	TOK_INVERTED, /* {{^x}} */
	TOK_CLOSE,    /* {{/x}} */
	TOK_PARTIAL,  /* {{>x}} */
	TOK_COMMENT,  /* {{!x}} */
	TOK_DELIM     /* {{=a b=}} */
};

struct tok {
	enum tok_type type;
	int bol;	  /* starts a line: a partial's indentation goes here */
	int standalone;	  /* its line was removed around it */
	const char *text; /* TOK_TEXT: the bytes; TOK_PARTIAL: indentation */
	size_t len;
	char *name; /* "a.b", then keys "a\0b\0"; NULL for text */
	const char *keys;
	int nkeys;  /* 0 for the implicit iterator "." */
	size_t end; /* TOK_SECTION, TOK_INVERTED: its TOK_CLOSE */
	size_t off; /* where the tag starts in the template */
};

struct partial {
	char *name;
	struct mustache *m; /* NULL: the loader has no such partial */
};

struct mustache {
	char *src; /* private copy; tokens point into it */
	size_t len;
	char *source;
	struct tok *tok;
	size_t ntok, atok;
	struct partial *partials; /* used in the executed template only */
	size_t npartials, apartials;
};

struct parser {
	struct mustache *m;
	const char *open, *close; /* current delimiters */
	size_t olen, clen;
	struct ae_error *err;
};

/* One run of tokens being rendered: a template, a section or a partial. */
struct frame {
	const struct mustache *m;
	size_t pos, start, end;
	json_t *list; /* a section over a list: the list */
	size_t index;
	int pushed;	   /* put a context on the stack */
	int depth;	   /* partials it is inside */
	size_t indent_off; /* its indentation in exec.indent */
	size_t indent_len;
	size_t indent_mark; /* exec.indent's length before it */
};

struct exec {
	struct mustache *root;
	const struct mustache_options *opts;
	struct strbuf *out;
	struct ae_error *err;
	json_t **ctx;
	size_t nctx, actx;
	struct frame *fr;
	size_t nfr, afr;
	struct strbuf indent;
	size_t steps;
	size_t out_start;
};

static void *
grow_array(void *p, size_t *alloc, size_t need, size_t size)
{
	if (need <= *alloc)
		return p;
	if (*alloc == 0)
		*alloc = 16;
	while (*alloc < need)
		*alloc *= 2;
	return xrealloc(p, *alloc * size);
}

/* Line and column (in UTF-8 characters) of byte OFF, both 1-based. */
static void
locate(const char *src, size_t off, long *line, long *column)
{
	size_t i;

	*line = *column = 1;
	for (i = 0; i < off; i++) {
		if (src[i] == '\n') {
			++*line;
			*column = 1;
		} else if (((unsigned char)src[i] & 0xC0) != 0x80)
			++*column;
	}
}

static int
tag_error(const struct mustache *m, size_t off, struct ae_error *err,
    const char *fmt, ...)
{
	va_list ap;
	long line, column;

	if (ae_error_isset(err))
		return -1;
	va_start(ap, fmt);
	ae_error_vset(err, AE_EDATA, fmt, ap);
	va_end(ap);
	locate(m->src, off, &line, &column);
	ae_error_at(err, m->source, line, column);
	return -1;
}

/* memmem(), which POSIX lacks. */
static const char *
find(const char *s, const char *end, const char *needle, size_t n)
{
	const char *p;

	while ((size_t)(end - s) >= n) {
		p = memchr(s, needle[0], (size_t)(end - s) - n + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
		s = p + 1;
	}
	return NULL;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

static const char *
skip_space(const char *s, const char *end)
{
	while (s < end && is_space((unsigned char)*s))
		s++;
	return s;
}

static const char *
skip_word(const char *s, const char *end)
{
	while (s < end && !is_space((unsigned char)*s))
		s++;
	return s;
}

static struct tok *
add_token(struct mustache *m, enum tok_type type, size_t off)
{
	struct tok *t;

	m->tok = grow_array(m->tok, &m->atok, m->ntok + 1, sizeof(*t));
	t = &m->tok[m->ntok++];
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->off = off;
	return t;
}

/* One token per line, so that standalone lines are whole tokens. */
static void
add_text(struct mustache *m, size_t from, size_t to)
{
	const char *p, *s = m->src + from, *end = m->src + to;
	struct tok *t;

	while (s < end) {
		p = memchr(s, '\n', (size_t)(end - s));
		p = p ? p + 1 : end;
		t = add_token(m, TOK_TEXT, (size_t)(s - m->src));
		t->text = s;
		t->len = (size_t)(p - s);
		s = p;
	}
}

/* Keeps NAME and, after it, its dot-separated keys ready for lookup. */
static void
set_name(struct tok *t, const char *name, size_t n)
{
	char *k;
	size_t i;

	t->name = xmalloc(2 * n + 2);
	memcpy(t->name, name, n);
	t->name[n] = '\0';
	k = t->name + n + 1;
	t->keys = k;
	if (n == 1 && name[0] == '.')
		return;
	t->nkeys = 1;
	for (i = 0; i < n; i++) {
		k[i] = name[i] == '.' ? '\0' : name[i];
		if (name[i] == '.')
			t->nkeys++;
	}
	k[n] = '\0';
}

static int
add_tag(struct parser *ps, enum tok_type type, size_t off, const char *b,
    const char *e)
{
	const char *p;
	struct tok *t;

	if (type == TOK_COMMENT) {
		add_token(ps->m, type, off);
		return 0;
	}
	b = skip_space(b, e);
	while (e > b && is_space((unsigned char)e[-1]))
		e--;
	if (b == e)
		return tag_error(ps->m, off, ps->err, "empty tag name");
	for (p = b; p < e; p++)
		if (is_space((unsigned char)*p))
			return tag_error(ps->m, off, ps->err,
			    "tag name '%.*s' contains a space", (int)(e - b),
			    b);
	t = add_token(ps->m, type, off);
	set_name(t, b, (size_t)(e - b));
	return 0;
}

/*
 * Finds the end of a tag whose content must end in MARK ('}' for {{{x}}},
 * '=' for {{=a b=}}): the first closing delimiter right after a MARK that
 * is not the opening one at Q.
 */
static const char *
find_marked_close(const struct parser *ps, const char *q, int mark,
    int *saw_close)
{
	const char *end = ps->m->src + ps->m->len, *c = q + 1;

	*saw_close = 0;
	while ((c = find(c, end, ps->close, ps->clen)) != NULL) {
		*saw_close = 1;
		if (c - 1 > q && c[-1] == mark)
			return c;
		c++;
	}
	return NULL;
}

static int
unclosed_tag(const struct parser *ps, size_t off, const char *want)
{
	return tag_error(ps->m, off, ps->err, "unclosed tag, missing '%s%.*s'",
	    want, (int)ps->clen, ps->close);
}

static int
parse_triple(struct parser *ps, size_t off, const char *q, size_t *next)
{
	const char *c;
	int saw;

	if ((c = find_marked_close(ps, q, '}', &saw)) == NULL)
		return unclosed_tag(ps, off, "}");
	*next = (size_t)(c - ps->m->src) + ps->clen;
	return add_tag(ps, TOK_RAW, off, q + 1, c - 1);
}

static int
bad_delimiters(const struct parser *ps, size_t off, const char *c,
    const char *why)
{
	const char *tag = ps->m->src + off;

	return tag_error(ps->m, off, ps->err,
	    "bad set-delimiter tag '%.*s': %s", (int)(c + ps->clen - tag), tag,
	    why);
}

/* {{=<% %>=}}: two words, neither holding '=' (the spec's rule). */
static int
parse_delimiters(struct parser *ps, size_t off, const char *q, size_t *next)
{
	const char *c, *o, *oe, *cl, *ce;
	int saw;

	if ((c = find_marked_close(ps, q, '=', &saw)) == NULL) {
		if (!saw)
			return unclosed_tag(ps, off, "=");
		return tag_error(ps->m, off, ps->err,
		    "bad set-delimiter tag: missing '=' before '%.*s'",
		    (int)ps->clen, ps->close);
	}
	o = skip_space(q + 1, c - 1);
	oe = skip_word(o, c - 1);
	cl = skip_space(oe, c - 1);
	ce = skip_word(cl, c - 1);
	if (o == oe || cl == ce || skip_space(ce, c - 1) != c - 1)
		return bad_delimiters(ps, off, c,
		    "want two delimiters separated by a space");
	if (memchr(o, '=', (size_t)(oe - o)) != NULL ||
	    memchr(cl, '=', (size_t)(ce - cl)) != NULL)
		return bad_delimiters(ps, off, c, "'=' in a delimiter");
	*next = (size_t)(c - ps->m->src) + ps->clen;
	add_token(ps->m, TOK_DELIM, off);
	ps->open = o;
	ps->olen = (size_t)(oe - o);
	ps->close = cl;
	ps->clen = (size_t)(ce - cl);
	return 0;
}

static enum tok_type
sigil_type(int c)
{
	switch (c) {
	case '!':
		return TOK_COMMENT;
	case '#':
		return TOK_SECTION;
	case '^':
		return TOK_INVERTED;
	case '/':
		return TOK_CLOSE;
	case '>':
		return TOK_PARTIAL;
	case '&':
		return TOK_RAW;
	default:
		return TOK_VAR;
	}
}

/* Parses the tag whose opening delimiter is at OFF; *NEXT is past it. */
static int
parse_tag(struct parser *ps, size_t off, size_t *next)
{
	const char *end = ps->m->src + ps->m->len;
	const char *q = ps->m->src + off + ps->olen, *c;
	enum tok_type type;

	if (q < end && *q == '{')
		return parse_triple(ps, off, q, next);
	if (q < end && *q == '=')
		return parse_delimiters(ps, off, q, next);
	if ((c = find(q, end, ps->close, ps->clen)) == NULL)
		return unclosed_tag(ps, off, "");
	*next = (size_t)(c - ps->m->src) + ps->clen;
	type = q < c ? sigil_type((unsigned char)*q) : TOK_VAR;
	return add_tag(ps, type, off, type == TOK_VAR ? q : q + 1, c);
}

static int
tokenize(struct mustache *m, struct ae_error *err)
{
	struct parser ps = { m, "{{", "}}", 2, 2, err };
	const char *end = m->src + m->len, *p;
	size_t pos = 0;

	while (pos < m->len) {
		p = find(m->src + pos, end, ps.open, ps.olen);
		if (p == NULL)
			p = end;
		add_text(m, pos, (size_t)(p - m->src));
		if (p == end)
			break;
		if (parse_tag(&ps, (size_t)(p - m->src), &pos) == -1)
			return -1;
	}
	return 0;
}

/* Only spaces and tabs, up to an optional final "\n" or "\r\n". */
static int
is_blank(const char *s, size_t n)
{
	size_t i;

	if (n > 0 && s[n - 1] == '\n') {
		n--;
		if (n > 0 && s[n - 1] == '\r')
			n--;
	}
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* Index past the last token of the line that starts at token I. */
static size_t
line_end(const struct mustache *m, size_t i)
{
	const struct tok *t;

	for (; i < m->ntok; i++) {
		t = &m->tok[i];
		if (t->type == TOK_TEXT && t->text[t->len - 1] == '\n')
			return i + 1;
	}
	return m->ntok;
}

#define NO_TOKEN ((size_t)-1)

/* The lone non-interpolating tag of a blank line, or NO_TOKEN. */
static size_t
standalone_tag(const struct mustache *m, size_t b, size_t e)
{
	size_t i, tag = NO_TOKEN;
	const struct tok *t;

	for (i = b; i < e; i++) {
		t = &m->tok[i];
		if (t->type == TOK_TEXT) {
			if (!is_blank(t->text, t->len))
				return NO_TOKEN;
		} else if (tag != NO_TOKEN || t->type == TOK_VAR ||
		    t->type == TOK_RAW)
			return NO_TOKEN;
		else
			tag = i;
	}
	return tag;
}

/*
 * The spec's standalone rule: a line holding only whitespace and one
 * section, inverted, closing, comment, partial or set-delimiter tag
 * leaves no trace; a standalone partial's leading whitespace becomes the
 * indentation of each of its lines.
 */
static void
strip_standalone_lines(struct mustache *m)
{
	size_t b, e, i, w = 0, tag;
	struct tok t;

	for (b = 0; b < m->ntok; b = e) {
		e = line_end(m, b);
		tag = standalone_tag(m, b, e);
		if (tag == NO_TOKEN) {
			m->tok[b].bol = 1;
			for (i = b; i < e; i++)
				m->tok[w++] = m->tok[i];
			continue;
		}
		t = m->tok[tag];
		t.standalone = 1;
		if (t.type == TOK_PARTIAL && tag > b) {
			t.text = m->tok[b].text;
			t.len = m->tok[b].len;
		}
		m->tok[w++] = t;
	}
	m->ntok = w;
}

static int
match_sections(struct mustache *m, struct ae_error *err)
{
	size_t *open = NULL, nopen = 0, aopen = 0, i;
	struct tok *t, *o;
	int rc = -1;

	for (i = 0; i < m->ntok; i++) {
		t = &m->tok[i];
		if (t->type == TOK_SECTION || t->type == TOK_INVERTED) {
			open =
			    grow_array(open, &aopen, nopen + 1, sizeof(*open));
			open[nopen++] = i;
		} else if (t->type == TOK_CLOSE) {
			if (nopen == 0) {
				tag_error(m, t->off, err,
				    "closing tag '%s' "
				    "without open section",
				    t->name);
				goto out;
			}
			o = &m->tok[open[--nopen]];
			if (strcmp(o->name, t->name) != 0) {
				tag_error(m, t->off, err,
				    "closing tag '%s' does "
				    "not match open section '%s'",
				    t->name, o->name);
				goto out;
			}
			o->end = i;
		}
	}
	if (nopen > 0) {
		o = &m->tok[open[nopen - 1]];
		tag_error(m, o->off, err, "unclosed section '%s'", o->name);
		goto out;
	}
	rc = 0;
out:
	free(open);
	return rc;
}

struct mustache *
mustache_compile(const char *template, size_t len, const char *source,
    struct ae_error *err)
{
	struct mustache *m = xcalloc(1, sizeof(*m));

	m->src = xmalloc(len + 1);
	if (len > 0)
		memcpy(m->src, template, len);
	m->src[len] = '\0';
	m->len = len;
	m->source = xstrdup(source ? source : "");
	if (tokenize(m, err) == -1) {
		mustache_free(m);
		return NULL;
	}
	strip_standalone_lines(m);
	if (match_sections(m, err) == -1) {
		mustache_free(m);
		return NULL;
	}
	return m;
}

void
mustache_free(struct mustache *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->ntok; i++)
		free(m->tok[i].name);
	for (i = 0; i < m->npartials; i++) {
		free(m->partials[i].name);
		mustache_free(m->partials[i].m);
	}
	free(m->partials);
	free(m->tok);
	free(m->source);
	free(m->src);
	free(m);
}

/*
 * The spec's resolution: the first key is looked up from the top of the
 * context stack down, the others only inside what the first one found.
 */
static json_t *
lookup(const struct exec *x, const struct tok *t)
{
	const char *key = t->keys;
	json_t *v = NULL;
	size_t i;
	int k;

	if (t->nkeys == 0)
		return x->ctx[x->nctx - 1];
	for (i = x->nctx; i-- > 0;) {
		if (json_is_object(x->ctx[i]) &&
		    (v = json_object_get(x->ctx[i], key)) != NULL)
			break;
	}
	for (k = 1; v != NULL && k < t->nkeys; k++) {
		key += strlen(key) + 1;
		v = json_is_object(v) ? json_object_get(v, key) : NULL;
	}
	return v;
}

/* The spec's `!!data`, read as JavaScript would. */
static int
is_truthy(json_t *v)
{
	if (v == NULL)
		return 0;
	switch (json_typeof(v)) {
	case JSON_NULL:
	case JSON_FALSE:
		return 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) < 0 || json_real_value(v) > 0;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	default:
		return 1;
	}
}

static void
add_escaped(struct strbuf *out, const char *s, size_t n)
{
	const char *rep;
	size_t i, from = 0;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		default:
			continue;
		}
		strbuf_add(out, s + from, i - from);
		strbuf_addstr(out, rep);
		from = i + 1;
	}
	strbuf_add(out, s + from, n - from);
}

/* A backslash before each '|': Markdown reads "\|" as a plain bar. */
static void
add_md_escaped(struct strbuf *out, const char *s, size_t n)
{
	const char *bar;

	while ((bar = memchr(s, '|', n)) != NULL) {
		strbuf_add(out, s, (size_t)(bar - s));
		strbuf_add(out, "\\|", 2);
		n -= (size_t)(bar + 1 - s);
		s = bar + 1;
	}
	strbuf_add(out, s, n);
}

enum escape {
	ESC_NONE,
	ESC_HTML,
	ESC_MD
};

static void
add_value(struct strbuf *out, json_t *v, enum escape escape)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s;
	size_t n;

	if (v == NULL || (s = json_scalar_text(v, buf)) == NULL)
		return;
	n = json_is_string(v) ? json_string_length(v) : strlen(s);
	if (escape == ESC_HTML)
		add_escaped(out, s, n);
	else if (escape == ESC_MD)
		add_md_escaped(out, s, n);
	else
		strbuf_add(out, s, n);
}

static void
push_context(struct exec *x, json_t *v)
{
	x->ctx = grow_array(x->ctx, &x->actx, x->nctx + 1, sizeof(*x->ctx));
	x->ctx[x->nctx++] = v;
}

/* A new frame over tokens [START, END) of M, inheriting depth and indent. */
static struct frame *
push_frame(struct exec *x, const struct mustache *m, size_t start, size_t end)
{
	struct frame *f;

	x->fr = grow_array(x->fr, &x->afr, x->nfr + 1, sizeof(*f));
	f = &x->fr[x->nfr++];
	if (x->nfr > 1)
		*f = f[-1];
	else
		memset(f, 0, sizeof(*f));
	f->m = m;
	f->pos = f->start = start;
	f->end = end;
	f->list = NULL;
	f->index = 0;
	f->pushed = 0;
	f->indent_mark = x->indent.len;
	return f;
}

/* At the end of a frame: the next list element, or back to the parent. */
static void
leave_frame(struct exec *x)
{
	struct frame *f = &x->fr[x->nfr - 1];

	if (f->list != NULL && ++f->index < json_array_size(f->list)) {
		x->ctx[x->nctx - 1] = json_array_get(f->list, f->index);
		f->pos = f->start;
		return;
	}
	if (f->pushed)
		x->nctx--;
	strbuf_setlen(&x->indent, f->indent_mark);
	x->nfr--;
}

/* Token I of M opens a section; the caller has already moved past it. */
static void
enter_section(struct exec *x, const struct mustache *m, size_t i)
{
	const struct tok *t = &m->tok[i];
	json_t *v = lookup(x, t);
	struct frame *f;

	if (t->type == TOK_INVERTED) {
		if (!is_truthy(v))
			push_frame(x, m, i + 1, t->end);
		return;
	}
	if (!is_truthy(v))
		return;
	f = push_frame(x, m, i + 1, t->end);
	if (json_is_array(v)) {
		f->list = v;
		v = json_array_get(v, 0);
	}
	f->pushed = 1;
	push_context(x, v);
}

/* The compiled partial NAME, from the cache or else from the loader. */
static int
find_partial(struct exec *x, const char *name, const struct mustache **pp)
{
	struct mustache *root = x->root, *p = NULL;
	const char *text, *source = NULL;
	struct partial *e;
	size_t i;

	for (i = 0; i < root->npartials; i++) {
		if (strcmp(root->partials[i].name, name) == 0) {
			*pp = root->partials[i].m;
			return 0;
		}
	}
	if (x->opts->partial != NULL &&
	    (text = x->opts->partial(name, x->opts->partial_ctx, &source)) !=
		NULL) {
		p = mustache_compile(text, strlen(text), source ? source : name,
		    x->err);
		if (p == NULL)
			return -1;
		x->steps += p->ntok;
	}
	root->partials = grow_array(root->partials, &root->apartials,
	    root->npartials + 1, sizeof(*e));
	e = &root->partials[root->npartials++];
	e->name = xstrdup(name);
	e->m = p;
	*pp = p;
	return 0;
}

/* A standalone partial's lines get the enclosing indentation plus its own. */
static void
indent_partial(struct exec *x, struct frame *f, const struct tok *t)
{
	size_t off = x->indent.len;

	strbuf_grow(&x->indent, f->indent_len + t->len);
	memcpy(x->indent.buf + off, x->indent.buf + f->indent_off,
	    f->indent_len);
	strbuf_setlen(&x->indent, off + f->indent_len);
	strbuf_add(&x->indent, t->text, t->len);
	f->indent_off = off;
	f->indent_len = x->indent.len - off;
}

static int
enter_partial(struct exec *x, const struct mustache *m, const struct tok *t)
{
	const struct mustache *p;
	struct frame *f;

	if (find_partial(x, t->name, &p) == -1)
		return -1;
	if (p == NULL || p->ntok == 0)
		return 0;
	if (x->fr[x->nfr - 1].depth >= MUSTACHE_MAX_PARTIAL_DEPTH)
		return tag_error(m, t->off, x->err,
		    "partial '%s' nested "
		    "deeper than %d levels",
		    t->name, MUSTACHE_MAX_PARTIAL_DEPTH);
	f = push_frame(x, p, 0, p->ntok);
	f->depth++;
	if (!t->standalone) {
		/* Only the lines of the template the tag sits in get indented. */
		f->indent_off = f->indent_len = 0;
	} else if (t->len > 0)
		indent_partial(x, f, t);
	return 0;
}

static int
check_limits(struct exec *x, const struct mustache *m, const struct tok *t)
{
	const struct mustache_options *o = x->opts;

	if (o->max_steps > 0 && ++x->steps > o->max_steps)
		return tag_error(m, t->off, x->err,
		    "template takes more than %zu steps", o->max_steps);
	if (o->max_output > 0 && x->out->len - x->out_start > o->max_output)
		return tag_error(m, t->off, x->err,
		    "output larger than %zu bytes", o->max_output);
	return 0;
}

static int
run_token(struct exec *x, struct frame *f, size_t i)
{
	const struct mustache *m = f->m;
	const struct tok *t = &m->tok[i];

	if (t->bol && f->indent_len > 0)
		strbuf_add(x->out, x->indent.buf + f->indent_off,
		    f->indent_len);
	switch (t->type) {
	case TOK_TEXT:
		strbuf_add(x->out, t->text, t->len);
		break;
	case TOK_VAR:
		add_value(x->out, lookup(x, t),
		    !x->opts->no_escape	  ? ESC_HTML :
			x->opts->markdown ? ESC_MD :
					    ESC_NONE);
		break;
	case TOK_RAW:
		add_value(x->out, lookup(x, t), ESC_NONE);
		break;
	case TOK_SECTION:
	case TOK_INVERTED:
		f->pos = t->end + 1;
		enter_section(x, m, i);
		break;
	case TOK_PARTIAL:
		return enter_partial(x, m, t);
	default:
		/* Comments and delimiters did their work at compile time. */
		break;
	}
	return 0;
}

static int
run(struct exec *x)
{
	struct frame *f;
	size_t i;

	while (x->nfr > 0) {
		f = &x->fr[x->nfr - 1];
		if (f->pos == f->end) {
			leave_frame(x);
			continue;
		}
		i = f->pos++;
		if (check_limits(x, f->m, &f->m->tok[i]) == -1 ||
		    run_token(x, f, i) == -1)
			return -1;
	}
	if (x->opts->max_output > 0 &&
	    x->out->len - x->out_start > x->opts->max_output)
		return ae_error_set(x->err, AE_EDATA,
		    "output larger than %zu bytes", x->opts->max_output);
	return 0;
}

int
mustache_execute(struct mustache *m, json_t *context,
    const struct mustache_options *opts, struct strbuf *out,
    struct ae_error *err)
{
	static const struct mustache_options defaults;
	struct exec x;
	int rc;

	memset(&x, 0, sizeof(x));
	x.root = m;
	x.opts = opts ? opts : &defaults;
	x.out = out;
	x.err = err;
	x.out_start = out->len;
	strbuf_init(&x.indent, 0);
	push_context(&x, context);
	if (m->ntok > 0)
		push_frame(&x, m, 0, m->ntok);
	rc = run(&x);
	free(x.ctx);
	free(x.fr);
	strbuf_release(&x.indent);
	return rc;
}

int
mustache_render(const char *template, size_t len, json_t *context,
    const struct mustache_options *opts, struct strbuf *out,
    struct ae_error *err)
{
	struct mustache *m;
	int rc;

	m = mustache_compile(template, len, opts ? opts->source : NULL, err);
	if (m == NULL)
		return -1;
	rc = mustache_execute(m, context, opts, out, err);
	mustache_free(m);
	return rc;
}
