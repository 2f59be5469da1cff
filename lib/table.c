#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "table.h"
#include "text.h"

struct row {
	char **cells;		/* NULL row: a rule */
	size_t n;
};

struct table {
	size_t ncols;
	char **headings;
	enum table_align *align;
	struct row *rows;
	size_t nrows, cap;
};

struct table *
table_new(void)
{
	return xcalloc(1, sizeof(struct table));
}

void
table_free(struct table *t)
{
	size_t i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->rows[i].n; j++)
			free(t->rows[i].cells[j]);
		free(t->rows[i].cells);
	}
	for (i = 0; i < t->ncols; i++)
		free(t->headings[i]);
	free(t->headings);
	free(t->align);
	free(t->rows);
	free(t);
}

void
table_column(struct table *t, const char *heading, enum table_align align)
{
	t->headings = xrealloc(t->headings, (t->ncols + 1) * sizeof(char *));
	t->align = xrealloc(t->align, (t->ncols + 1) * sizeof(*t->align));
	t->headings[t->ncols] = xstrdup(heading);
	t->align[t->ncols++] = align;
}

static struct row *
add_row(struct table *t)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap * 2 + 16;
		t->rows = xrealloc(t->rows, t->cap * sizeof(*t->rows));
	}
	memset(&t->rows[t->nrows], 0, sizeof(struct row));
	return &t->rows[t->nrows++];
}

void
table_row(struct table *t)
{
	struct row *r = add_row(t);

	r->cells = xcalloc(t->ncols ? t->ncols : 1, sizeof(char *));
}

void
table_rule(struct table *t)
{
	add_row(t);
}

void
table_cell(struct table *t, const char *text)
{
	struct row *r;

	if (t->nrows == 0 || t->rows[t->nrows - 1].cells == NULL)
		table_row(t);
	r = &t->rows[t->nrows - 1];
	if (r->n < t->ncols)
		r->cells[r->n++] = xstrdup(text ? text : "");
}

void
table_cellf(struct table *t, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	table_cell(t, sb.buf);
	strbuf_release(&sb);
}

static void
pad(FILE *out, size_t n)
{
	while (n-- > 0)
		putc(' ', out);
}

static void
print_line(const struct table *t, FILE *out, char *const *cells, size_t n,
    const size_t *width)
{
	size_t i, w, last = 0;

	for (i = 0; i < n; i++)
		if (cells[i] && *cells[i])
			last = i + 1;
	for (i = 0; i < last; i++) {
		const char *s = cells[i] ? cells[i] : "";
		w = text_width(s);
		if (i)
			fputs("  ", out);
		if (t->align[i] == TABLE_RIGHT)
			pad(out, width[i] - w);
		fputs(s, out);
		if (t->align[i] == TABLE_LEFT && i + 1 < last)
			pad(out, width[i] - w);
	}
	putc('\n', out);
}

static void
print_rule(FILE *out, const size_t *width, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (i)
			fputs("  ", out);
		for (j = 0; j < width[i]; j++)
			putc('-', out);
	}
	putc('\n', out);
}

void
table_print(const struct table *t, FILE *out)
{
	size_t *width = xcalloc(t->ncols ? t->ncols : 1, sizeof(size_t));
	size_t i, j, w;

	for (j = 0; j < t->ncols; j++)
		width[j] = text_width(t->headings[j]);
	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->rows[i].n; j++)
			if ((w = text_width(t->rows[i].cells[j])) > width[j])
				width[j] = w;
	print_line(t, out, t->headings, t->ncols, width);
	print_rule(out, width, t->ncols);
	for (i = 0; i < t->nrows; i++) {
		if (t->rows[i].cells == NULL)
			print_rule(out, width, t->ncols);
		else
			print_line(t, out, t->rows[i].cells, t->rows[i].n,
			    width);
	}
	free(width);
}
