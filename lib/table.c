#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "money.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"
#include "writer.h"

/*
 * A cell: TEXT for people, VALUE for records (the same pointer when they
 * are one text).  NULL TEXT shows empty; NULL VALUE is missing in records.
 */
struct cell {
	char *text;
	char *value;
	int number; /* VALUE is a JSON number */
};

struct row {
	struct cell *cells; /* NULL: a rule */
	size_t n;
	int where;
};

struct column {
	char *heading; /* NULL: records only */
	char *key;     /* NULL: people only */
	enum table_align align;
	size_t wrap; /* 0: no wrapping */
};

struct table {
	struct column *cols;
	size_t ncols;
	struct row *rows;
	size_t nrows, cap;
};

struct table *
table_new(void)
{
	return xcalloc(1, sizeof(struct table));
}

static void
cell_release(struct cell *c)
{
	if (c->value != c->text)
		free(c->value);
	free(c->text);
}

void
table_free(struct table *t)
{
	size_t i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->rows[i].n; j++)
			cell_release(&t->rows[i].cells[j]);
		free(t->rows[i].cells);
	}
	for (i = 0; i < t->ncols; i++) {
		free(t->cols[i].heading);
		free(t->cols[i].key);
	}
	free(t->cols);
	free(t->rows);
	free(t);
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
table_column_key(struct table *t, const char *heading, const char *key,
    enum table_align align)
{
	struct column *c;

	t->cols = xrealloc(t->cols, (t->ncols + 1) * sizeof(*t->cols));
	c = &t->cols[t->ncols++];
	c->heading = dup_or_null(heading);
	c->key = dup_or_null(key);
	c->align = align;
	c->wrap = 0;
}

void
table_column(struct table *t, const char *heading, enum table_align align)
{
	table_column_key(t, heading, heading, align);
}

void
table_column_wrap(struct table *t, size_t width)
{
	if (t->ncols > 0)
		t->cols[t->ncols - 1].wrap = width;
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
table_row_for(struct table *t, int where)
{
	struct row *r = add_row(t);

	r->cells = xcalloc(t->ncols ? t->ncols : 1, sizeof(struct cell));
	r->where = where;
}

void
table_row(struct table *t)
{
	table_row_for(t, TABLE_ALL);
}

void
table_rule(struct table *t)
{
	add_row(t)->where = TABLE_PEOPLE;
}

/* The next cell of the current row, or NULL when the row is full. */
static struct cell *
next_cell(struct table *t)
{
	struct row *r;

	if (t->nrows == 0 || t->rows[t->nrows - 1].cells == NULL)
		table_row(t);
	r = &t->rows[t->nrows - 1];
	if (r->n >= t->ncols)
		return NULL;
	return &r->cells[r->n++];
}

void
table_cell(struct table *t, const char *text)
{
	struct cell *c = next_cell(t);

	if (c)
		c->text = c->value = dup_or_null(text);
}

void
table_cell_pair(struct table *t, const char *shown, const char *value)
{
	struct cell *c = next_cell(t);

	if (c == NULL)
		return;
	c->text = dup_or_null(shown);
	c->value = dup_or_null(value);
}

void
table_skip(struct table *t)
{
	next_cell(t);
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

void
table_cell_int(struct table *t, long long n)
{
	struct cell *c;
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", n);
	if ((c = next_cell(t)) == NULL)
		return;
	c->text = c->value = xstrdup(buf);
	c->number = 1;
}

void
table_cell_money(struct table *t, int64_t minor, int digits)
{
	char shown[MONEY_BUFSIZE], plain[MONEY_BUFSIZE];

	money_format(minor, digits, 1, shown, sizeof(shown));
	money_format(minor, digits, 0, plain, sizeof(plain));
	if (strcmp(shown, plain) == 0)
		table_cell(t, plain);
	else
		table_cell_pair(t, shown, plain);
}

enum table_format
table_format_named(const char *name)
{
	if (name == NULL)
		return TABLE_TEXT;
	if (strcmp(name, "md") == 0)
		return TABLE_MD;
	if (strcmp(name, "csv") == 0)
		return TABLE_CSV;
	if (strcmp(name, "json") == 0)
		return TABLE_JSONL;
	return TABLE_TEXT;
}

/* ---- text ------------------------------------------------------------ */

/* A line of a cell as printed: LEN bytes at S. */
struct piece {
	const char *s;
	size_t len;
};

struct pieces {
	struct piece *v;
	size_t n, cap;
};

static void
piece_add(struct pieces *p, const char *s, size_t len)
{
	if (p->n == p->cap) {
		p->cap = p->cap * 2 + 4;
		p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
	}
	p->v[p->n].s = s;
	p->v[p->n++].len = len;
}

/* Bytes and display width of the character at S (at least one byte). */
static size_t
char_at(const char *s, size_t len, size_t *width)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	int w;

	if ((unsigned char)*s < 0x80) {
		*width = (unsigned char)*s >= 0x20;
		return 1;
	}
	n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &cp);
	if (n <= 0) {
		*width = 1;
		return 1;
	}
	w = utf8proc_charwidth(cp);
	*width = w > 0 ? (size_t)w : 0;
	return (size_t)n;
}

/*
 * Breaks one line S[0..LEN) into pieces of at most WIDTH columns: after
 * the last space that fits, else before the character that does not.
 */
static void
wrap_line(const char *s, size_t len, size_t width, struct pieces *p)
{
	size_t i, w, cw, n = 1, brk, brk_next;

	while (width > 0 && text_width_n(s, len) > width) {
		w = 0;
		brk = brk_next = 0;
		for (i = 0; i < len; i += n) {
			n = char_at(s + i, len - i, &cw);
			if (w + cw > width)
				break;
			w += cw;
			if (s[i] == ' ') {
				brk = i;
				brk_next = i + 1;
			}
		}
		if (i < len && s[i] == ' ') {
			brk = i;
			brk_next = i + 1;
		} else if (brk == 0) {
			brk = brk_next = i > 0 ? i : n;
		}
		piece_add(p, s, brk);
		s += brk_next;
		len -= brk_next;
		while (len > 0 && *s == ' ') {
			s++;
			len--;
		}
	}
	piece_add(p, s, len);
}

/* The lines of cell text S: split at newlines, wrapped at WIDTH. */
static void
cell_pieces(const char *s, size_t width, struct pieces *p)
{
	const char *nl;
	size_t len;

	p->n = 0;
	if (s == NULL)
		s = "";
	for (;;) {
		nl = strchr(s, '\n');
		len = nl ? (size_t)(nl - s) : strlen(s);
		/* A CR of a CRLF and trailing blanks would end the text
		   line in blanks. */
		while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == ' '))
			len--;
		wrap_line(s, len, width, p);
		if (nl == NULL)
			break;
		s = nl + 1;
	}
}

static int
for_people(const struct column *c)
{
	return c->heading != NULL;
}

static void
pad(FILE *out, size_t n)
{
	while (n-- > 0)
		putc(' ', out);
}

/* The widest line of S in column C. */
static size_t
cell_width(const struct column *c, const char *s, struct pieces *p)
{
	size_t i, w, max = 0;

	if (s == NULL)
		return 0;
	if (strchr(s, '\n') == NULL && c->wrap == 0) {
		i = strlen(s); /* as cell_pieces prints it */
		while (i > 0 && (s[i - 1] == '\r' || s[i - 1] == ' '))
			i--;
		return text_width_n(s, i);
	}
	cell_pieces(s, c->wrap, p);
	for (i = 0; i < p->n; i++)
		if ((w = text_width_n(p->v[i].s, p->v[i].len)) > max)
			max = w;
	return max;
}

struct layout {
	const struct table *t;
	size_t *width;
	struct pieces *lines; /* per column, of the row being printed */
	FILE *out;
};

static void
print_rule(const struct layout *l)
{
	size_t i, j;
	int first = 1;

	for (i = 0; i < l->t->ncols; i++) {
		if (!for_people(&l->t->cols[i]))
			continue;
		if (!first)
			fputs("  ", l->out);
		first = 0;
		for (j = 0; j < l->width[i]; j++)
			putc('-', l->out);
	}
	putc('\n', l->out);
}

static const struct piece *
line_of(const struct layout *l, size_t col, size_t k)
{
	const struct pieces *p = &l->lines[col];

	return k < p->n ? &p->v[k] : NULL;
}

/* Line K of the row whose cells' lines are in L->lines. */
static void
print_line(const struct layout *l, size_t k)
{
	const struct column *cols = l->t->cols;
	const struct piece *pc;
	size_t i, w, last = 0;
	int first = 1;

	for (i = 0; i < l->t->ncols; i++)
		if (for_people(&cols[i]) && (pc = line_of(l, i, k)) &&
		    pc->len > 0)
			last = i + 1;
	for (i = 0; i < last; i++) {
		if (!for_people(&cols[i]))
			continue;
		pc = line_of(l, i, k);
		w = pc ? text_width_n(pc->s, pc->len) : 0;
		if (!first)
			fputs("  ", l->out);
		first = 0;
		if (cols[i].align == TABLE_RIGHT)
			pad(l->out, l->width[i] - w);
		if (pc)
			fwrite(pc->s, 1, pc->len, l->out);
		if (cols[i].align == TABLE_LEFT && i + 1 < last)
			pad(l->out, l->width[i] - w);
	}
	putc('\n', l->out);
}

/* One row of N cells (TEXTS, NULL for missing) in as many lines as needed. */
static void
print_cells(const struct layout *l, const char *const *texts, size_t n)
{
	size_t i, k, nlines = 1;

	for (i = 0; i < l->t->ncols; i++) {
		cell_pieces(i < n ? texts[i] : NULL, l->t->cols[i].wrap,
		    &l->lines[i]);
		if (for_people(&l->t->cols[i]) && l->lines[i].n > nlines)
			nlines = l->lines[i].n;
	}
	for (k = 0; k < nlines; k++)
		print_line(l, k);
}

static void
print_row(const struct layout *l, const struct row *r)
{
	const char **texts = xcalloc(r->n + 1, sizeof(char *));
	size_t i;

	for (i = 0; i < r->n; i++)
		texts[i] = r->cells[i].text;
	print_cells(l, texts, r->n);
	free(texts);
}

static void
measure(const struct table *t, size_t *width, struct pieces *p)
{
	size_t i, j, w;

	for (j = 0; j < t->ncols; j++)
		if (for_people(&t->cols[j]))
			width[j] =
			    cell_width(&t->cols[j], t->cols[j].heading, p);
	for (i = 0; i < t->nrows; i++) {
		if (!(t->rows[i].where & TABLE_PEOPLE))
			continue;
		for (j = 0; j < t->rows[i].n; j++)
			if (for_people(&t->cols[j]) &&
			    (w = cell_width(&t->cols[j],
				 t->rows[i].cells[j].text, p)) > width[j])
				width[j] = w;
	}
}

static void
write_text(const struct table *t, FILE *out)
{
	size_t n = t->ncols ? t->ncols : 1, i;
	struct layout l = { t, xcalloc(n, sizeof(size_t)),
		xcalloc(n, sizeof(struct pieces)), out };
	const char **heads = xcalloc(n, sizeof(char *));

	measure(t, l.width, &l.lines[0]);
	for (i = 0; i < t->ncols; i++)
		heads[i] = t->cols[i].heading;
	print_cells(&l, heads, t->ncols);
	print_rule(&l);
	for (i = 0; i < t->nrows; i++) {
		if (!(t->rows[i].where & TABLE_PEOPLE))
			continue;
		if (t->rows[i].cells == NULL)
			print_rule(&l);
		else
			print_row(&l, &t->rows[i]);
	}
	for (i = 0; i < n; i++)
		free(l.lines[i].v);
	free(l.lines);
	free(l.width);
	free(heads);
}

/* ---- md ---------------------------------------------------------------- */

static void
md_text(const char *s, FILE *out)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", out);
		else if (*s == '\n')
			fputs("<br>", out);
		else if (*s != '\r')
			putc(*s, out);
	}
}

static void
md_line(const struct table *t, const struct row *r, int bold, FILE *out)
{
	size_t i;
	int first = 1;
	const char *s;

	for (i = 0; i < t->ncols; i++) {
		if (!for_people(&t->cols[i]))
			continue;
		s = r == NULL			 ? t->cols[i].heading :
		    i < r->n && r->cells[i].text ? r->cells[i].text :
						   "";
		fputs(first ? "| " : " | ", out);
		first = 0;
		if (bold && *s)
			fputs("**", out);
		md_text(s, out);
		if (bold && *s)
			fputs("**", out);
	}
	fputs(" |\n", out);
}

static void
write_md(const struct table *t, FILE *out)
{
	size_t i;
	int bold = 0;

	md_line(t, NULL, 0, out);
	for (i = 0; i < t->ncols; i++)
		if (for_people(&t->cols[i]))
			fputs(t->cols[i].align == TABLE_RIGHT ? "|---:" :
								"|---",
			    out);
	fputs("|\n", out);
	for (i = 0; i < t->nrows; i++) {
		if (!(t->rows[i].where & TABLE_PEOPLE))
			continue;
		if (t->rows[i].cells == NULL)
			bold = 1;
		else
			md_line(t, &t->rows[i], bold, out);
	}
}

/* ---- records ----------------------------------------------------------- */

static int
for_records(const struct column *c)
{
	return c->key != NULL;
}

static void
write_csv(const struct table *t, int flags, FILE *out)
{
	const char **cells = xcalloc(t->ncols + 1, sizeof(char *));
	int no_header = flags & TABLE_NO_HEADER;
	size_t i, j, n = 0;

	flags &= ~TABLE_NO_HEADER;
	csv_begin(out, flags);
	for (j = 0; j < t->ncols; j++)
		if (for_records(&t->cols[j]))
			cells[n++] = t->cols[j].key;
	if (!no_header)
		csv_put_row(out, cells, n, flags);
	for (i = 0; i < t->nrows; i++) {
		const struct row *r = &t->rows[i];

		if (!(r->where & TABLE_DATA) || r->cells == NULL)
			continue;
		for (j = n = 0; j < t->ncols; j++)
			if (for_records(&t->cols[j]))
				cells[n++] =
				    j < r->n ? r->cells[j].value : NULL;
		csv_put_row(out, cells, n, flags);
	}
	free(cells);
}

/* The line is built whole and written once: stdio per byte is slow. */
static void
jsonl_row(const struct table *t, const struct row *r, struct strbuf *sb,
    FILE *out)
{
	size_t j;
	int first = 1;

	strbuf_reset(sb);
	strbuf_addch(sb, '{');
	for (j = 0; j < r->n && j < t->ncols; j++) {
		const struct cell *c = &r->cells[j];

		if (!for_records(&t->cols[j]) || c->value == NULL)
			continue;
		if (!first)
			strbuf_addch(sb, ',');
		first = 0;
		json_add_string(sb, t->cols[j].key);
		strbuf_addch(sb, ':');
		if (c->number)
			strbuf_addstr(sb, c->value);
		else
			json_add_string(sb, c->value);
	}
	strbuf_add(sb, "}\n", 2);
	fwrite(sb->buf, 1, sb->len, out);
}

static void
write_jsonl(const struct table *t, FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if ((t->rows[i].where & TABLE_DATA) && t->rows[i].cells)
			jsonl_row(t, &t->rows[i], &sb, out);
	strbuf_release(&sb);
}

void
table_write(const struct table *t, enum table_format format, int flags,
    FILE *out)
{
	switch (format) {
	case TABLE_MD:
		write_md(t, out);
		break;
	case TABLE_CSV:
		write_csv(t, flags, out);
		break;
	case TABLE_JSONL:
		write_jsonl(t, out);
		break;
	default:
		write_text(t, out);
		break;
	}
}

char *
table_string(const struct table *t, enum table_format format)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		abort(); /* out of memory, as the x-allocators */
	table_write(t, format, 0, f);
	if (fclose(f) != 0)
		abort();
	return buf;
}

void
table_print(const struct table *t, FILE *out)
{
	write_text(t, out);
}
