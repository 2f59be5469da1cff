#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "text.h"
#include "writer.h"

struct rec_writer {
	FILE *out;
	enum record_format format;
	int flags;
	size_t ncols;
	char **cols;		       /* the CSV header */
	const struct csv_header *same; /* input header known to match, */
	unsigned long same_serial;     /* while its serial is this */
	int wrote_header;
	const char **row; /* scratch: one value per column */
	char (*bufs)[JSONTEXT_BUFSIZE];
	char *owned; /* row[i] is a copy to free */
	struct strbuf cell;
};

struct rec_writer *
rec_writer_new(FILE *out, enum record_format format, int flags)
{
	struct rec_writer *w = xcalloc(1, sizeof(*w));

	w->out = out;
	w->format = format;
	w->flags = flags;
	strbuf_init(&w->cell, 0);
	if (format == RECORD_CSV)
		csv_begin(out, flags);
	return w;
}

static void
set_columns(struct rec_writer *w, size_t n)
{
	w->ncols = n;
	w->cols = xcalloc(n, sizeof(char *));
	w->row = xcalloc(n, sizeof(char *));
	w->bufs = xcalloc(n, sizeof(*w->bufs));
	w->owned = xcalloc(n, 1);
}

void
rec_writer_set_header(struct rec_writer *w, const char *const *names)
{
	size_t n = 0, i;

	while (names[n])
		n++;
	set_columns(w, n);
	for (i = 0; i < n; i++)
		w->cols[i] = xstrdup(names[i]);
}

void
json_add_string(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;

	strbuf_addch(sb, '"');
	for (; *p; p++) {
		const char *esc = NULL;
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		strbuf_add(sb, run, (size_t)(p - run));
		switch (*p) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\b':
			esc = "\\b";
			break;
		case '\f':
			esc = "\\f";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\t':
			esc = "\\t";
			break;
		}
		if (esc)
			strbuf_addstr(sb, esc);
		else
			strbuf_addf(sb, "\\u%04x", *p);
		run = p + 1;
	}
	strbuf_add(sb, run, (size_t)(p - run));
	strbuf_addch(sb, '"');
}

void
jsontext_put_string(FILE *out, const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	json_add_string(&sb, s);
	fwrite(sb.buf, 1, sb.len, out);
	strbuf_release(&sb);
}

/* A plain number such as -12.50 is data, not a formula. */
static int
is_number(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	s += strspn(s, "0123456789,");
	if (*s == '.')
		s += 1 + strspn(s + 1, "0123456789");
	return *s == '\0';
}

static int
needs_guard(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL &&
	    !is_number(s);
}

void
csv_put_cell(FILE *out, const char *s, int flags)
{
	int guard = (flags & CSV_EXCEL) && needs_guard(s);
	const char *p;

	/* A control character never stands in an unquoted cell. */
	if (!guard && strpbrk(s, ",\"") == NULL &&
	    text_control_char(s) == NULL) {
		fputs(s, out);
		return;
	}
	putc('"', out);
	if (guard)
		putc('\'', out);
	for (p = s; *p; p++) {
		if (*p == '"')
			putc('"', out);
		putc(*p, out);
	}
	putc('"', out);
}

void
csv_begin(FILE *out, int flags)
{
	if (flags & CSV_EXCEL)
		fputs("\xEF\xBB\xBF", out);
}

void
csv_put_row(FILE *out, const char *const *cells, size_t n, int flags)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			putc(',', out);
		csv_put_cell(out, cells[i] ? cells[i] : "", flags);
	}
	if (flags & CSV_EXCEL)
		putc('\r', out);
	putc('\n', out);
}

static void
put_row(struct rec_writer *w, const char *const *cells)
{
	csv_put_row(w->out, cells, w->ncols, w->flags);
}

static void
put_header(struct rec_writer *w)
{
	if (!w->wrote_header && w->cols)
		put_row(w, (const char *const *)w->cols);
	w->wrote_header = 1;
}

/*
 * The cell text of a JSON value: scalars as text, a list of scalars
 * joined by "; " (SPEC §1), anything else as compact JSON.
 */
static const char *
cell_text(struct rec_writer *w, json_t *v, char *buf)
{
	const char *s;
	size_t i;
	json_t *e;
	char *dump;

	if (v == NULL || json_is_null(v))
		return "";
	if ((s = json_scalar_text(v, buf)) != NULL)
		return s;
	strbuf_reset(&w->cell);
	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
		{
			if ((s = json_scalar_text(e, buf)) == NULL)
				goto as_json;
			if (i)
				strbuf_addstr(&w->cell, "; ");
			strbuf_addstr(&w->cell, s);
		}
		return w->cell.buf;
	}
as_json:
	strbuf_reset(&w->cell);
	dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	strbuf_addstr(&w->cell, dump ? dump : "");
	free(dump);
	return w->cell.buf;
}

/* The column of NAME, tried first at HINT: fields mostly keep their order. */
static long
column_of(const struct rec_writer *w, const char *name, size_t hint)
{
	size_t i;

	if (hint < w->ncols && strcmp(w->cols[hint], name) == 0)
		return (long)hint;
	for (i = 0; i < w->ncols; i++)
		if (strcmp(w->cols[i], name) == 0)
			return (long)i;
	return -1;
}

static int
unknown_column(const char *name, struct ae_error *err)
{
	ae_error_set(err, AE_EDATA,
	    "field '%s' is not in the CSV header "
	    "(taken from the first record); write JSON, or give every "
	    "record the same fields",
	    name);
	return -1;
}

static void
free_row(struct rec_writer *w)
{
	size_t i;

	for (i = 0; i < w->ncols; i++)
		if (w->owned[i]) {
			free((char *)w->row[i]);
			w->owned[i] = 0;
		}
}

static int
csv_put_json(struct rec_writer *w, json_t *o, struct ae_error *err)
{
	const char *key, *text;
	json_t *v;
	size_t i = 0, k = 0;
	long c;

	if (w->cols == NULL) {
		set_columns(w, json_object_size(o));
		json_object_foreach(o, key, v) w->cols[i++] = xstrdup(key);
	}
	/*
	 * Scalars' texts live in the object or in the column's own buffer;
	 * lists are joined into w->cell, so those cells are copied out.
	 */
	for (i = 0; i < w->ncols; i++)
		w->row[i] = NULL;
	json_object_foreach(o, key, v)
	{
		if ((c = column_of(w, key, k++)) < 0) {
			free_row(w);
			return unknown_column(key, err);
		}
		text = cell_text(w, v, w->bufs[c]);
		if (w->owned[c])
			free((char *)w->row[c]);
		w->owned[c] = text == w->cell.buf;
		w->row[c] = w->owned[c] ? xstrdup(text) : text;
	}
	put_header(w);
	put_row(w, w->row);
	free_row(w);
	return 0;
}

static int
csv_put_csv(struct rec_writer *w, const struct record *r, struct ae_error *err)
{
	size_t i;
	long c;

	if (w->cols == NULL) {
		set_columns(w, r->header->n);
		for (i = 0; i < r->header->n; i++)
			w->cols[i] = xstrdup(r->header->names[i]);
		w->same = r->header;
		w->same_serial = r->header->serial;
	}
	put_header(w);
	if (r->header == w->same && r->header->serial == w->same_serial) {
		put_row(w, r->values);
		return 0;
	}
	for (i = 0; i < w->ncols; i++)
		w->row[i] = NULL;
	for (i = 0; i < r->header->n; i++) {
		if ((c = column_of(w, r->header->names[i], i)) < 0)
			return unknown_column(r->header->names[i], err);
		w->row[c] = r->values[i];
	}
	put_row(w, w->row);
	return 0;
}

/* The line is built whole and written once: stdio per byte is slow. */
static void
jsontext_put_csv(struct rec_writer *w, const struct record *r)
{
	struct strbuf *sb = &w->cell;
	size_t i;

	strbuf_reset(sb);
	strbuf_addch(sb, '{');
	for (i = 0; i < r->header->n; i++) {
		if (i)
			strbuf_addch(sb, ',');
		json_add_string(sb, r->header->names[i]);
		strbuf_addch(sb, ':');
		json_add_string(sb, r->values[i]);
	}
	strbuf_add(sb, "}\n", 2);
	fwrite(sb->buf, 1, sb->len, w->out);
}

static int
add_dump(const char *buffer, size_t size, void *data)
{
	strbuf_add(data, buffer, size);
	return 0;
}

/* Dumped into one buffer and written once, like jsontext_put_csv. */
static int
jsontext_put_object(struct rec_writer *w, json_t *o, struct ae_error *err)
{
	strbuf_reset(&w->cell);
	if (json_dump_callback(o, add_dump, &w->cell, JSON_COMPACT) != 0)
		return ae_error_set(err, AE_EIO, "cannot write JSON");
	strbuf_addch(&w->cell, '\n');
	fwrite(w->cell.buf, 1, w->cell.len, w->out);
	return 0;
}

int
rec_writer_put(struct rec_writer *w, const struct record *r,
    struct ae_error *err)
{
	json_t *o;
	int rc;

	if (w->format == RECORD_JSON) {
		if (r->object)
			return jsontext_put_object(w, r->object, err);
		if (r->kinds) {
			/* A flat JSON Lines row: its values as jansson has them. */
			o = record_to_json(r);
			rc = jsontext_put_object(w, o, err);
			json_decref(o);
			return rc;
		}
		jsontext_put_csv(w, r);
		return 0;
	}
	if (r->object)
		return csv_put_json(w, r->object, err);
	return csv_put_csv(w, r, err);
}

int
rec_writer_put_json(struct rec_writer *w, json_t *object, struct ae_error *err)
{
	if (w->format == RECORD_JSON)
		return jsontext_put_object(w, object, err);
	return csv_put_json(w, object, err);
}

void
rec_writer_free(struct rec_writer *w)
{
	size_t i;

	if (w == NULL)
		return;
	if (w->format == RECORD_CSV)
		put_header(w);
	for (i = 0; i < w->ncols; i++)
		free(w->cols[i]);
	free(w->cols);
	free(w->row);
	free(w->bufs);
	free(w->owned);
	strbuf_release(&w->cell);
	free(w);
}
