/*
 * finding.c — the --check finding and its sink (finding.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "strbuf.h"

void
finding_sink_init(struct finding_sink *s, finding_fn fn, void *ctx)
{
	s->fn = fn;
	s->ctx = ctx;
	s->source = "";
	s->line = 0;
	s->pos = NULL;
	s->count = 0;
}

void
finding_sink_record(struct finding_sink *s, const struct record *r)
{
	finding_sink_place(s, r->source, r->line, r->pos);
}

void
finding_sink_place(struct finding_sink *s, const char *source, long line,
    const struct jsonpos *pos)
{
	s->source = source;
	s->line = line;
	s->pos = pos;
}

long
finding_line(const struct finding_sink *s, const json_t *v)
{
	long line = jsonpos_line(s->pos, v);

	return line > 0 ? line : s->line;
}

const json_t *
finding_entry(const json_t *o, const char *name, size_t i)
{
	json_t *v = json_object_get(o, name);

	if (v == NULL)
		return o;
	return json_is_array(v) && i < json_array_size(v) ?
	    json_array_get(v, i) :
	    v;
}

/*
 * Walks PATH in ROOT as finding_path does; *LINE (when POS is given) is
 * the line of the deepest value on the way that POS knows: true, false
 * and null are shared by every document, so such a value is placed at
 * its object's line.
 */
static const json_t *
walk_path(const json_t *root, const char *path, const struct jsonpos *pos,
    long *line)
{
	const json_t *v = root, *next;
	char name[128];
	size_t n;
	long k, at;

	while (v && *path) {
		n = strcspn(path, ".[");
		if (n > 0) {
			if (n >= sizeof(name))
				break;
			memcpy(name, path, n);
			name[n] = '\0';
			if ((next = json_object_get(v, name)) == NULL)
				break;
			v = next;
			path += n;
		}
		if (*path == '[') {
			k = strtol(path + 1, (char **)&path, 10);
			if (*path != ']' || k < 1 ||
			    (next = json_array_get(v, (size_t)k - 1)) == NULL)
				break;
			v = next;
			path++;
		}
		if (pos && (at = jsonpos_line(pos, v)) > 0)
			*line = at;
		if (*path == '.')
			path++;
		else if (*path != '\0' && *path != '[')
			break;
	}
	return v;
}

const json_t *
finding_path(const json_t *root, const char *path)
{
	return walk_path(root, path, NULL, NULL);
}

long
finding_path_line(const struct jsonpos *pos, const json_t *root,
    const char *path)
{
	long line = 0;

	if (pos != NULL)
		walk_path(root, path, pos, &line);
	return line;
}

static void
report(struct finding_sink *s, const char *source, long line, const char *rule,
    const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	struct finding f;

	strbuf_vaddf(&sb, fmt, ap);
	f.source = source;
	f.line = line;
	f.rule = rule;
	f.detail = sb.buf;
	s->count++;
	s->fn(s->ctx, &f);
	strbuf_release(&sb);
}

void
finding_add(struct finding_sink *s, const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(s, s->source, s->line, rule, fmt, ap);
	va_end(ap);
}

void
finding_on(struct finding_sink *s, const json_t *v, const char *rule,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(s, s->source, finding_line(s, v), rule, fmt, ap);
	va_end(ap);
}

void
finding_at(struct finding_sink *s, const char *source, long line,
    const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(s, source, line, rule, fmt, ap);
	va_end(ap);
}
