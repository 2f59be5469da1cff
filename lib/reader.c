/*
 * The streaming record reader: CSV through libcsv, JSON through jansson.
 *
 * Input is read in large blocks into one buffer.  CSV is fed to libcsv a
 * physical line at a time: a row can only end at a line end, so after each
 * line we know whether a record is complete, which line it started on and
 * exactly which bytes it was (for --rejects).  JSON values are framed by a
 * small scanner that tracks strings and nesting, then each value is handed
 * to jansson on its own, so a top-level array of a million objects is read
 * one object at a time.
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <csv.h>

#include "jsonl.h"
#include "reader.h"
#include "strbuf.h"
#include "text.h"

#define BLOCK (256 * 1024)
#define RECORD_MAX (64L * 1024 * 1024)

struct reader {
	int fd;
	char *source;
	enum input_format format; /* INPUT_AUTO until detected */
	int eof;		  /* nothing more to read from fd */
	int broken;		  /* cannot go on after an error */
	int started;		  /* BOM and format handled */

	/* Input bytes [pos, len) are not yet consumed. */
	char *buf;
	size_t pos, len, cap;
	long line; /* line number at buf + pos */
	long col;  /* column at buf + pos, JSON only */

	/*
	 * Encoding conversion, per record: buf holds the input's own bytes
	 * (what --rejects writes), and each record's values are converted
	 * on their own, so a bad byte spoils one record, at its own line.
	 * GB18030 never uses CR, LF, '"' or ',' inside a character, so rows
	 * are framed on the raw bytes; a trailing byte may be '\\', which
	 * the JSON framer skips inside a character.
	 */
	iconv_t cd;
	struct strbuf conv;
	const char *encoding; /* for messages: "UTF-8", "GB18030" */

	struct strbuf raw;   /* bytes of a record read in pieces */
	const char *rec_ptr; /* bytes of the last record: raw.buf, */
	size_t rec_len;	     /* or in buf for a one-line CSV row */
	struct record rec;

	/* CSV */
	struct csv_parser csv;
	int csv_ready;
	struct csv_header header;
	struct strbuf raw_header;
	struct strbuf cells; /* the row's values, NUL-separated */
	size_t *offs;
	size_t ncells, cap_cells;
	const char **values;
	int row_done;
	int too_many;
	int told_csv; /* CSV by --input-format, not by its first byte */
	long rows;    /* rows read after the header */
	long header_line;

	/* JSON */
	int in_array;
	int array_first;
	json_t *object;
	int flat;	      /* flat lines as rows (reader_options.flat) */
	struct jsonl_row row; /* its keys are rd->header's names */
	size_t cap_values;
};

/* A header's identity: an address can be a freed header's. */
static unsigned long header_serial;

static int
fail(struct reader *rd, struct ae_error *err, long line, long col, int fatal,
    const char *fmt, const char *arg)
{
	ae_error_set(err, AE_EDATA, fmt, arg);
	ae_error_at(err, rd->source, line, col);
	if (fatal)
		rd->broken = 1;
	return -1;
}

/*
 * Converts S (N bytes of the input encoding) to UTF-8 in rd->conv.  -1
 * with *BAD the offset of the first byte that is not a whole character.
 */
static int
to_utf8(struct reader *rd, const char *s, size_t n, size_t *bad)
{
	char *in = (char *)s, *out;
	size_t inleft = n, outleft;

	strbuf_reset(&rd->conv);
	iconv(rd->cd, NULL, NULL, NULL, NULL);
	while (inleft > 0) {
		strbuf_grow(&rd->conv, inleft * 2 + 16);
		out = rd->conv.buf + rd->conv.len;
		outleft = rd->conv.alloc - rd->conv.len - 1;
		if (iconv(rd->cd, &in, &inleft, &out, &outleft) == (size_t)-1 &&
		    errno != E2BIG) {
			*bad = (size_t)(in - s);
			return -1;
		}
		rd->conv.len = (size_t)(out - rd->conv.buf);
	}
	rd->conv.buf[rd->conv.len] = '\0';
	return 0;
}

/* The CSV field of the row at S that offset OFF falls in. */
static const char *
csv_field_at(const struct reader *rd, const char *s, size_t off)
{
	size_t i, n = 0;
	int quoted = 0;

	if (rd->header.names == NULL)
		return NULL;
	for (i = 0; i < off; i++)
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == ',' && !quoted)
			n++;
	return n < rd->header.n ? rd->header.names[n] : NULL;
}

/*
 * The line and column of offset AT of the text S, which starts at *LINE
 * and *COL.  Columns count characters, as jansson's and the templates'
 * do: a UTF-8 character's later bytes do not count, nor, when GB is
 * set (the input's own GB18030 bytes), a two- or four-byte character's.
 */
static void
place_of(const char *s, size_t at, int gb, long *line, long *col)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < at; i++)
		if (u[i] == '\n') {
			++*line;
			*col = 1;
		} else if (gb && u[i] >= 0x81 && u[i] != 0xFF && i + 1 < at) {
			++*col;
			i += u[i + 1] >= '0' && u[i + 1] <= '9' ? 3 : 1;
		} else if (gb || (u[i] & 0xC0) != 0x80) {
			++*col;
		}
}

/* Whether S is the input's own bytes in an encoding other than UTF-8. */
static int
is_raw_gb(const struct reader *rd, const char *s)
{
	return rd->cd != (iconv_t)-1 && s != rd->conv.buf;
}

/*
 * Fails for the byte at offset BAD of the record at S, which starts at
 * LINE and COL: the message names the byte's own line and column, and
 * the field it is in.
 */
static int
fail_at_byte(struct reader *rd, struct ae_error *err, const char *s, size_t bad,
    long line, long col, const char *what)
{
	char key[128];
	const char *field;

	place_of(s, bad, is_raw_gb(rd, s), &line, &col);
	field = rd->format == INPUT_JSON ?
	    json_field_at(s, bad, key, sizeof(key)) :
	    csv_field_at(rd, s, bad);
	if (field)
		ae_error_field(err, field);
	return fail(rd, err, line, col, 0, what, rd->encoding);
}

/* Where field N of the CSV row at S (LEN bytes) starts; LEN if none. */
static size_t
csv_cell_start(const char *s, size_t len, size_t n)
{
	size_t i;
	int quoted = 0;

	for (i = 0; i < len && n > 0; i++)
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == ',' && !quoted)
			n--;
	return i;
}

/* Where the quote left open at the end of the row at S (LEN bytes) is. */
static size_t
csv_open_quote(const char *s, size_t len)
{
	size_t i, at = 0;
	int quoted = 0;

	for (i = 0; i < len; i++) {
		if (s[i] != '"')
			continue;
		if (!quoted)
			at = i;
		quoted = !quoted;
	}
	return at;
}

/*
 * Reads another block, keeping the unconsumed bytes.  Returns 1 when it
 * added bytes, 0 at the end of input, -1 on a read or conversion error.
 */
static int
fill(struct reader *rd, struct ae_error *err)
{
	size_t before;
	ssize_t n;

	if (rd->eof)
		return 0;
	if (rd->pos > 0) {
		memmove(rd->buf, rd->buf + rd->pos, rd->len - rd->pos);
		rd->len -= rd->pos;
		rd->pos = 0;
	}
	before = rd->len;
	do {
		char *dst;
		size_t room;

		if (rd->cap - rd->len < BLOCK) {
			rd->cap = rd->cap * 2 + BLOCK;
			rd->buf = xrealloc(rd->buf, rd->cap);
		}
		dst = rd->buf + rd->len;
		room = rd->cap - rd->len;
		do
			n = read(rd->fd, dst, room);
		while (n < 0 && errno == EINTR);
		if (n < 0) {
			rd->broken = 1;
			ae_error_set(err, AE_ENOINPUT, "read error: %s",
			    strerror(errno));
			ae_error_at(err, rd->source, 0, 0);
			return -1;
		}
		if (n == 0)
			rd->eof = 1;
		rd->len += (size_t)n;
	} while (rd->len == before && !rd->eof);
	return rd->len > before;
}

static int
open_iconv(struct reader *rd, const char *enc, struct ae_error *err)
{
	rd->cd = (iconv_t)-1;
	rd->encoding = "UTF-8";
	if (enc == NULL || strcasecmp(enc, "utf-8") == 0 ||
	    strcasecmp(enc, "utf8") == 0)
		return 0;
	if (strcasecmp(enc, "gb18030") != 0 && strcasecmp(enc, "gbk") != 0)
		return ae_error_set(err, AE_EUSAGE,
		    "unknown encoding '%s' (utf-8, gb18030 or gbk)", enc);
	/* GB18030 is a superset of GBK, so one decoder serves both. */
	rd->cd = iconv_open("UTF-8", "GB18030");
	rd->encoding = strcasecmp(enc, "gbk") == 0 ? "GBK" : "GB18030";
	if (rd->cd == (iconv_t)-1)
		return ae_error_set(err, AE_EINTERNAL,
		    "cannot convert from %s: %s", enc, strerror(errno));
	return 0;
}

struct reader *
reader_open(const char *path, const struct reader_options *opts,
    struct ae_error *err)
{
	int stdin_ = strcmp(path, "-") == 0;

	return reader_open_fd(stdin_ ? 0 : open(path, O_RDONLY),
	    stdin_ ? "<stdin>" : path, opts, err);
}

struct reader *
reader_open_fd(int fd, const char *name, const struct reader_options *opts,
    struct ae_error *err)
{
	struct reader *rd = xcalloc(1, sizeof(*rd));

	rd->source = xstrdup(name);
	rd->fd = fd;
	rd->line = 1;
	rd->col = 1;
	strbuf_init(&rd->raw, 0);
	strbuf_init(&rd->raw_header, 0);
	strbuf_init(&rd->cells, 0);
	strbuf_init(&rd->conv, 0);
	rd->format = opts ? opts->format : INPUT_AUTO;
	rd->flat = opts && opts->flat;
	jsonl_row_init(&rd->row);
	if (rd->fd < 0) {
		ae_error_set(err, AE_ENOINPUT, "cannot open: %s",
		    strerror(errno));
		ae_error_at(err, rd->source, 0, 0);
		rd->cd = (iconv_t)-1;
		reader_close(rd);
		return NULL;
	}
	if (open_iconv(rd, opts ? opts->encoding : NULL, err) != 0) {
		reader_close(rd);
		return NULL;
	}
	return rd;
}

void
reader_close(struct reader *rd)
{
	size_t i;

	if (rd == NULL)
		return;
	if (rd->fd > 0)
		close(rd->fd);
	if (rd->cd != (iconv_t)-1)
		iconv_close(rd->cd);
	if (rd->csv_ready)
		csv_free(&rd->csv);
	for (i = 0; i < rd->header.n; i++)
		free(rd->header.names[i]);
	free(rd->header.names);
	json_decref(rd->object);
	json_decref(rd->rec.built);
	jsonl_row_release(&rd->row);
	jsonpos_unref(rd->rec.pos);
	strbuf_release(&rd->raw);
	strbuf_release(&rd->raw_header);
	strbuf_release(&rd->cells);
	free(rd->offs);
	free(rd->values);
	strbuf_release(&rd->conv);
	free(rd->buf);
	free(rd->source);
	free(rd);
}

int
reader_can_go_on(const struct reader *rd)
{
	return !rd->broken;
}

const char *
reader_raw(const struct reader *rd, size_t *len)
{
	*len = rd->rec_len;
	return rd->rec_ptr ? rd->rec_ptr : "";
}

const char *
reader_raw_header(const struct reader *rd, size_t *len)
{
	*len = rd->raw_header.len;
	return rd->format == INPUT_CSV ? rd->raw_header.buf : NULL;
}

int
reader_is_json(const struct reader *rd)
{
	return rd->format == INPUT_JSON;
}

static int
is_bom(const struct reader *rd, size_t i)
{
	return rd->len - i >= 3 && memcmp(rd->buf + i, "\xEF\xBB\xBF", 3) == 0;
}

/*
 * A byte order mark after the first, where the header or the first
 * value should start (a file saved twice by an editor that adds one):
 * said as what it is, not as a header name or a bad value.
 */
static int
stray_bom(struct reader *rd, size_t at, struct ae_error *err)
{
	long line = 1, col = 1;
	size_t i;

	for (i = rd->pos; i < at; i++, col++)
		if (rd->buf[i] == '\n') {
			line++;
			col = 0;
		}
	return fail(rd, err, line, col, 1,
	    "a second byte order mark (U+FEFF) before the header or the "
	    "first value%s",
	    "");
}

/*
 * Skips a BOM and decides between CSV and JSON from the first byte that
 * is not blank.  0 at an empty input.
 */
static int
start(struct reader *rd, struct ae_error *err)
{
	size_t i;
	int rc;

	while (rd->len - rd->pos < 3 && (rc = fill(rd, err)) > 0)
		;
	if (rd->broken)
		return -1;
	if (is_bom(rd, rd->pos))
		rd->pos += 3;
	rd->started = 1;
	for (;;) {
		for (i = rd->pos; i < rd->len; i++) {
			char c = rd->buf[i];
			if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
				continue;
			/* Its last bytes may be in the next block. */
			if (c == '\xEF' && rd->len - i < 3 && !rd->eof)
				break;
			if (is_bom(rd, i))
				return stray_bom(rd, i, err);
			rd->told_csv = rd->format == INPUT_CSV;
			if (rd->format == INPUT_AUTO)
				rd->format = (c == '{' || c == '[') ?
				    INPUT_JSON :
				    INPUT_CSV;
			return 1;
		}
		if ((rc = fill(rd, err)) < 0)
			return -1;
		if (rc ==
		    0) /* blank: an empty input, unless the format is told */
			return rd->format != INPUT_AUTO;
	}
}

/* ---- CSV ---------------------------------------------------------- */

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
csv_on_field(void *s, size_t len, void *data)
{
	struct reader *rd = data;

	if (rd->ncells == rd->cap_cells) {
		rd->cap_cells = rd->cap_cells * 2 + 16;
		rd->offs =
		    xrealloc(rd->offs, rd->cap_cells * sizeof(*rd->offs));
	}
	rd->offs[rd->ncells++] = rd->cells.len;
	strbuf_add(&rd->cells, s ? s : "", s ? len : 0);
	strbuf_addch(&rd->cells, '\0');
}

static void
csv_on_row(int c, void *data)
{
	(void)c;
	((struct reader *)data)->row_done = 1;
}

/*
 * Where the line at P (N bytes) ends: after "\n", "\r\n" or a lone "\r"
 * (old Mac files).  0 when no end is in sight yet; a "\r" at the very
 * end of the bytes is undecided unless AT_EOF.
 */
static size_t
line_end(const char *p, size_t n, int at_eof)
{
	const char *nl = memchr(p, '\n', n);
	size_t upto = nl ? (size_t)(nl - p) : n;
	const char *cr = memchr(p, '\r', upto);

	if (cr == NULL)
		return nl ? upto + 1 : 0;
	if ((size_t)(cr - p) + 1 < n)
		return (size_t)(cr - p) + 1 + (cr[1] == '\n');
	return at_eof ? n : 0;
}

/*
 * Refuses WHAT ("line", "JSON value") over the limit however it arrived:
 * in many reads (the limit stops the reading) or in one (a file read in
 * one go).  1 when LEN bytes fit; else -1 with the error at its line.
 */
static int
fits_limit(struct reader *rd, size_t len, const char *what,
    struct ae_error *err)
{
	if ((long)len > RECORD_MAX)
		return fail(rd, err, rd->line, 0, 1, "%s longer than 64 MiB",
		    what);
	return 1;
}

/*
 * Finds the next physical line at buf + pos.  Sets *LEN to its length
 * including the line end.  Returns 1, or 0 at the end of input.
 */
static int
next_line(struct reader *rd, size_t *len, struct ae_error *err)
{
	int rc;

	for (;;) {
		*len = line_end(rd->buf + rd->pos, rd->len - rd->pos, rd->eof);
		if (*len == 0 && (long)(rd->len - rd->pos) > RECORD_MAX)
			*len = rd->len - rd->pos;
		if (*len > 0)
			return fits_limit(rd, *len, "line", err);
		if ((rc = fill(rd, err)) < 0)
			return -1;
		if (rc == 0) {
			*len = rd->len - rd->pos;
			return *len > 0 ? fits_limit(rd, *len, "line", err) : 0;
		}
	}
}

static int
is_blank_line(const char *s, size_t len)
{
	return len == 0 || (len == 1 && (s[0] == '\n' || s[0] == '\r')) ||
	    (len == 2 && s[0] == '\r' && s[1] == '\n');
}

static int
ends_line(const char *s, size_t len)
{
	return len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r');
}

/*
 * Whether a line can be split at its commas without libcsv: it has no
 * quote.  Most rows of real ledgers are such lines.  (A CR can only be
 * the line's end: next_line() ends a line at the first CR.)
 */
static int
is_simple_line(const char *s, size_t len)
{
	return memchr(s, '"', len) == NULL;
}

/* Splits a simple line into cells, as libcsv would. */
static void
split_simple_line(struct reader *rd, const char *s, size_t len)
{
	char *p, *end, *comma;

	if (len > 0 && s[len - 1] == '\n')
		len--;
	if (len > 0 && s[len - 1] == '\r')
		len--;
	strbuf_add(&rd->cells, s, len);
	strbuf_addch(&rd->cells, '\0');
	p = rd->cells.buf;
	end = p + len;
	for (;;) {
		if (rd->ncells == rd->cap_cells) {
			rd->cap_cells = rd->cap_cells * 2 + 16;
			rd->offs = xrealloc(rd->offs,
			    rd->cap_cells * sizeof(*rd->offs));
		}
		rd->offs[rd->ncells++] = (size_t)(p - rd->cells.buf);
		if ((comma = memchr(p, ',', (size_t)(end - p))) == NULL)
			break;
		*comma = '\0';
		p = comma + 1;
	}
	rd->row_done = 1;
}

/*
 * Feeds lines to libcsv until a row is complete.  Returns 1 with the row
 * in cells, 0 at the end of input, -1 on an error.
 */
static int
csv_read_row(struct reader *rd, long *start, struct ae_error *err)
{
	size_t len, done;
	int rc;

	strbuf_reset(&rd->raw);
	rd->rec_ptr = rd->raw.buf;
	rd->rec_len = 0;
	strbuf_reset(&rd->cells);
	rd->ncells = 0;
	rd->row_done = 0;
	*start = 0;
	while (!rd->row_done) {
		if ((rc = next_line(rd, &len, err)) < 0)
			return -1;
		if (rc == 0) {
			if (rd->raw.len == 0)
				return 0;
			rd->rec_ptr = rd->raw.buf;
			rd->rec_len = rd->raw.len;
			if (csv_fini(&rd->csv, csv_on_field, csv_on_row, rd) !=
			    0) {
				/* At the quote that opened it. */
				fail_at_byte(rd, err, rd->raw.buf,
				    csv_open_quote(rd->raw.buf, rd->raw.len),
				    *start, 1,
				    "quoted field not closed before the end "
				    "of input");
				rd->broken = 1;
				return -1;
			}
			break;
		}
		if (rd->raw.len == 0 && is_blank_line(rd->buf + rd->pos, len)) {
			rd->pos += len;
			rd->line++;
			continue;
		}
		if (*start == 0)
			*start = rd->line;
		if (rd->raw.len == 0 &&
		    is_simple_line(rd->buf + rd->pos, len)) {
			/* Valid until the next read moves the buffer. */
			rd->rec_ptr = rd->buf + rd->pos;
			rd->rec_len = len;
			split_simple_line(rd, rd->buf + rd->pos, len);
			rd->pos += len;
			if (ends_line(rd->rec_ptr, len))
				rd->line++;
			return 1;
		}
		if ((long)(rd->raw.len + len) > RECORD_MAX)
			return fail(rd, err, *start, 0, 1,
			    "record longer than 64 MiB%s", "");
		strbuf_add(&rd->raw, rd->buf + rd->pos, len);
		done = csv_parse(&rd->csv, rd->buf + rd->pos, len, csv_on_field,
		    csv_on_row, rd);
		rd->pos += len;
		if (done < len) {
			long line = *start;
			/* The row's bytes so far go to --rejects. */
			rd->rec_ptr = rd->raw.buf;
			rd->rec_len = rd->raw.len;
			csv_fini(&rd->csv, NULL, NULL, NULL);
			rd->line++;
			return fail_at_byte(rd, err, rd->raw.buf,
			    rd->raw.len - len + done, line, 1,
			    "malformed "
			    "quoting: a quote inside an unquoted field or "
			    "after a closing quote");
		}
		if (ends_line(rd->buf + rd->pos - len, len))
			rd->line++;
	}
	rd->rec_ptr = rd->raw.buf;
	rd->rec_len = rd->raw.len;
	return 1;
}

/*
 * Whether bytes that are not UTF-8 read as GB18030, the encoding of a CSV
 * saved by a Chinese-locale Excel: then the message can say what to do.
 */
static int
reads_as_gb18030(const char *s, size_t len)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char out[4096], *in = (char *)s, *o;
	size_t left = len > 4096 ? 4096 : len, room;
	int ok = 1;

	if (cd == (iconv_t)-1)
		return 0;
	while (left > 0 && ok) {
		o = out;
		room = sizeof(out);
		if (iconv(cd, &in, &left, &o, &room) != (size_t)-1)
			continue;
		if (errno == EINVAL && len > 4096)
			break; /* cut inside a character: fine so far */
		if (errno != E2BIG)
			ok = 0;
	}
	iconv_close(cd);
	return ok;
}

/*
 * Whether the bytes at S are the start of a UTF-8 character cut short
 * (a field clipped mid-character): then no other encoding is to blame.
 */
static int
cut_utf8(const unsigned char *s, size_t len)
{
	size_t n = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 :
	    s[0] >= 0xE0 && s[0] <= 0xEF	? 3 :
	    s[0] >= 0xF0 && s[0] <= 0xF4	? 4 :
						  0,
	       i;

	for (i = 1; i < n && i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			break;
	/* Cut short: by the end of the text, or by plain ASCII after it. */
	return n > 0 && i < n && (i == len || s[i] < 0x80);
}

static int
csv_check_utf8(struct reader *rd, const char *s, size_t len, long line,
    struct ae_error *err)
{
	size_t bad;

	if (utf8_check(s, len, &bad))
		return 0;
	if (s[bad] && !cut_utf8((const unsigned char *)s + bad, len - bad) &&
	    reads_as_gb18030(s, len))
		return fail_at_byte(rd, err, s, bad, line, 1,
		    "invalid %s byte "
		    "sequence (it reads as GB18030: try --encoding gb18030)");
	return fail_at_byte(rd, err, s, bad, line, 1,
	    s[bad] ? "invalid %s byte sequence" :
		     "NUL byte in input (not %s text)");
}

/*
 * Converts the row just read from the input encoding: its raw bytes are
 * checked first, so a bad byte is reported where it stands.
 */
static int
csv_convert_row(struct reader *rd, long start, struct ae_error *err)
{
	const char *nul = memchr(rd->rec_ptr, '\0', rd->rec_len);
	struct strbuf t;
	size_t bad, i, k;

	if (nul)
		return fail_at_byte(rd, err, rd->rec_ptr,
		    (size_t)(nul - rd->rec_ptr), start, 1,
		    "NUL byte in input (not %s text)");
	if (to_utf8(rd, rd->rec_ptr, rd->rec_len, &bad) != 0 ||
	    to_utf8(rd, rd->cells.buf, rd->cells.len, &bad) != 0)
		return fail_at_byte(rd, err, rd->rec_ptr, bad, start, 1,
		    "invalid %s byte sequence");
	t = rd->cells;
	rd->cells = rd->conv;
	rd->conv = t;
	for (i = 0, k = 0; i < rd->ncells; i++) {
		rd->offs[i] = k;
		k += strlen(rd->cells.buf + k) + 1;
	}
	return 0;
}

/* The row just read is valid text: converted, or checked as UTF-8. */
static int
csv_decode_row(struct reader *rd, long start, struct ae_error *err)
{
	if (rd->cd != (iconv_t)-1)
		return csv_convert_row(rd, start, err);
	return csv_check_utf8(rd, rd->rec_ptr, rd->rec_len, start, err);
}

/* FNV-1a: spreads field names over the duplicate check's table. */
static size_t
hash_name(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/*
 * A name that stands twice among the N NAMES, or NULL: one pass with a
 * hash table, so a million-column header is checked at once.  *AT is
 * the index of its second place.
 */
static const char *
duplicate_name(char *const *names, size_t n, size_t *at)
{
	size_t cap = 16, i, h;
	const char **table, *dup = NULL;

	while (cap < 2 * n)
		cap *= 2;
	table = xcalloc(cap, sizeof(*table));
	for (i = 0; i < n && dup == NULL; i++) {
		for (h = hash_name(names[i]) & (cap - 1); table[h];
		     h = (h + 1) & (cap - 1))
			if (strcmp(table[h], names[i]) == 0) {
				dup = names[i];
				*at = i;
				break;
			}
		table[h] = names[i];
	}
	free(table);
	return dup;
}

/* Says that ERR, about a bad byte, is in the header: no field holds it. */
static void
in_the_header(struct ae_error *err)
{
	char *hint = strstr(err->text, " (");
	char tail[sizeof(err->text)];
	size_t n;

	snprintf(tail, sizeof(tail), "%s", hint ? hint : "");
	if (hint)
		*hint = '\0';
	n = strlen(err->text);
	snprintf(err->text + n, sizeof(err->text) - n, " in the header%s",
	    tail);
}

/* Fails at the start of field I of the header read from line START. */
static int
fail_header(struct reader *rd, struct ae_error *err, long start, size_t i,
    const char *fmt, const char *arg)
{
	long line = start, col = 1;
	const char *s = rd->raw_header.buf;

	place_of(s, csv_cell_start(s, rd->raw_header.len, i), is_raw_gb(rd, s),
	    &line, &col);
	return fail(rd, err, line, col, 1, fmt, arg);
}

static int
csv_read_header(struct reader *rd, struct ae_error *err)
{
	const char *dup;
	long start;
	size_t i;
	int rc;

	if (csv_init(&rd->csv, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return ae_error_set(err, AE_EINTERNAL, "cannot start libcsv");
	rd->csv_ready = 1;
	csv_set_space_func(&rd->csv, never_space);
	/*
	 * libcsv grows a field by this much at a time; its default of 128
	 * bytes makes a megabyte-long cell quadratic.
	 */
	csv_set_blk_size(&rd->csv, 64 * 1024);
	if ((rc = csv_read_row(rd, &start, err)) <= 0) {
		rd->broken = 1;
		return rc;
	}
	strbuf_add(&rd->raw_header, rd->rec_ptr, rd->rec_len);
	rd->header_line = start;
	if (csv_decode_row(rd, start, err) != 0) {
		in_the_header(err);
		rd->broken = 1;
		return -1;
	}
	rd->header.n = rd->ncells;
	rd->header.serial = ++header_serial;
	rd->header.names = xcalloc(rd->ncells, sizeof(char *));
	for (i = 0; i < rd->ncells; i++) {
		const char *name = rd->cells.buf + rd->offs[i];
		rd->header.names[i] = xstrdup(name);
		if (*name == '\0')
			return fail_header(rd, err, start, i,
			    "empty field name in the header%s", "");
	}
	if ((dup = duplicate_name(rd->header.names, rd->header.n, &i)) != NULL)
		return fail_header(rd, err, start, i,
		    "field '%s' named twice in the header", dup);
	rd->values = xcalloc(rd->ncells, sizeof(char *));
	return 1;
}

/*
 * An input that is one JSON string, number or null (`"abc"`, `12`) reads
 * as a CSV header without rows: it is a JSON value that is not a record,
 * refused as such, unless the input was said to be CSV.  A header
 * followed by rows, or one that is not a JSON value, is CSV.
 */
static int
csv_not_json(struct reader *rd, struct ae_error *err)
{
	json_error_t jerr;
	const char *what;
	json_t *v;

	if (rd->told_csv || rd->header.n != 1)
		return 0;
	v = json_loadb(rd->raw_header.buf, rd->raw_header.len, JSON_DECODE_ANY,
	    &jerr);
	what = json_is_string(v) ? "a text" :
	    json_is_number(v)	 ? "a number" :
	    json_is_null(v)	 ? "null" :
	    json_is_boolean(v)	 ? "true or false" :
				   NULL;
	json_decref(v);
	if (what == NULL)
		return 0;
	rd->rec_ptr = rd->raw_header.buf;
	rd->rec_len = rd->raw_header.len;
	return fail(rd, err, rd->header_line, 1, 1,
	    "expected a JSON object (a record), not %s", what);
}

/* The row's bytes less the line end it closes with. */
static size_t
row_text_len(const char *s, size_t len)
{
	if (len > 0 && s[len - 1] == '\n')
		len--;
	if (len > 0 && s[len - 1] == '\r')
		len--;
	return len;
}

/*
 * Places the error about a row read from START whose fields do not match
 * the header: a field too many where it starts, a short row where it
 * ends, named by the first field it lacks.
 */
static void
csv_place_ragged(struct reader *rd, long start, struct ae_error *err)
{
	long line = start, col = 1;
	size_t at;

	if (rd->ncells > rd->header.n) {
		at = csv_cell_start(rd->rec_ptr, rd->rec_len, rd->header.n);
	} else {
		at = row_text_len(rd->rec_ptr, rd->rec_len);
		ae_error_field(err, rd->header.names[rd->ncells]);
	}
	place_of(rd->rec_ptr, at, is_raw_gb(rd, rd->rec_ptr), &line, &col);
	ae_error_at(err, rd->source, line, col);
}

static int
csv_next(struct reader *rd, struct ae_error *err)
{
	long start;
	size_t i;
	int rc;

	if (!rd->csv_ready && (rc = csv_read_header(rd, err)) <= 0)
		return rc;
	if ((rc = csv_read_row(rd, &start, err)) <= 0)
		return rc == 0 && rd->rows == 0 ? csv_not_json(rd, err) : rc;
	rd->rows++;
	if (csv_decode_row(rd, start, err) != 0)
		return -1;
	if (rd->ncells != rd->header.n) {
		ae_error_set(err, AE_EDATA,
		    "row has %zu field%s, the header "
		    "has %zu",
		    rd->ncells, rd->ncells == 1 ? "" : "s", rd->header.n);
		csv_place_ragged(rd, start, err);
		return -1;
	}
	for (i = 0; i < rd->ncells; i++)
		rd->values[i] = rd->cells.buf + rd->offs[i];
	rd->rec.source = rd->source;
	rd->rec.line = start;
	rd->rec.object = NULL;
	rd->rec.header = &rd->header;
	rd->rec.values = rd->values;
	return 1;
}

/* ---- JSON --------------------------------------------------------- */

/* Makes sure at least one byte is at buf + pos.  0 at the end. */
static int
want_byte(struct reader *rd, struct ae_error *err)
{
	int rc;

	while (rd->pos >= rd->len)
		if ((rc = fill(rd, err)) <= 0)
			return rc;
	return 1;
}

static int
skip_space(struct reader *rd, struct ae_error *err)
{
	int rc;
	char c;

	while ((rc = want_byte(rd, err)) > 0) {
		c = rd->buf[rd->pos];
		if (c == '\n') {
			rd->line++;
			rd->col = 1;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			rd->col++;
		} else {
			return 1;
		}
		rd->pos++;
	}
	return rc;
}

/*
 * Moves the column past the LEN bytes of the value at buf + pos, which
 * starts at LINE and the current column.  Columns count characters, but
 * only a value that goes on on the same line (a one-line array) needs
 * them counted: a line end next, the common case of a ledger, resets the
 * column, so the bytes are not scanned for it.
 */
static void
step_col(struct reader *rd, size_t len, int gb, long line)
{
	size_t end = rd->pos + len;

	if (end < rd->len &&
	    (rd->buf[end] == '\n' ||
		(rd->buf[end] == '\r' && end + 1 < rd->len &&
		    rd->buf[end + 1] == '\n')))
		rd->col += (long)len;
	else
		place_of(rd->buf + rd->pos, len, gb, &line, &rd->col);
}

/*
 * Finds the end of the JSON value at buf + pos without parsing it: strings
 * and nesting are tracked, nothing else.  Sets *LEN.  0 if the input ends
 * first.
 */
static int
frame_value(struct reader *rd, size_t *len, long *lines, struct ae_error *err)
{
	size_t i = rd->pos;
	int depth = 0, in_str = 0, esc = 0, scalar, skip = 0, lead = 0;
	int gb = rd->cd != (iconv_t)-1;
	char c;
	int rc;

	*lines = 0;
	scalar = rd->buf[i] != '{' && rd->buf[i] != '[';
	for (;;) {
		for (; i < rd->len; i++) {
			c = rd->buf[i];
			if (c == '\n')
				(*lines)++;
			if (in_str) {
				/* A GB18030 character's later bytes are text. */
				if (skip > 0) {
					skip--;
					continue;
				}
				if (lead) {
					lead = 0;
					skip = c >= '0' && c <= '9' ? 2 : 0;
					continue;
				}
				if (gb && (unsigned char)c >= 0x81 &&
				    (unsigned char)c != 0xFF) {
					lead = 1;
					continue;
				}
				if (esc)
					esc = 0;
				else if (c == '\\')
					esc = 1;
				else if (c == '"')
					in_str = 0;
				continue;
			}
			if (c == '"') {
				in_str = 1;
			} else if (scalar && depth == 0 && i > rd->pos &&
			    strchr(",]} \t\r\n", c) != NULL) {
				*lines -= c == '\n';
				*len = i - rd->pos;
				return fits_limit(rd, *len, "JSON value", err);
			} else if (c == '{' || c == '[') {
				depth++;
			} else if (c == '}' || c == ']') {
				if (--depth <= 0 && !scalar) {
					*len = i + 1 - rd->pos;
					return fits_limit(rd, *len,
					    "JSON value", err);
				}
			}
		}
		if ((long)(i - rd->pos) > RECORD_MAX)
			return fits_limit(rd, i - rd->pos, "JSON value", err);
		i -= rd->pos;
		if ((rc = fill(rd, err)) < 0)
			return -1;
		i += rd->pos;
		if (rc == 0) {
			*len = rd->len - rd->pos;
			return scalar && *len > 0;
		}
	}
}

/*
 * Significant digits of the JSON number token at S (N bytes), and
 * whether it is a real (jansson keeps integers exactly, reals as doubles).
 */
static int
number_digits(const char *s, size_t n, int *real)
{
	size_t i, first = n, last = 0;

	*real = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == 'e' || s[i] == 'E') {
			*real = 1;
			break;
		}
		if (s[i] == '.')
			*real = 1;
		if (s[i] >= '1' && s[i] <= '9') {
			if (first == n)
				first = i;
			last = i;
		}
	}
	if (first == n)
		return 0;
	/* Digits from the first to the last non-zero one, less the point. */
	return (int)(last - first + 1) -
	    (memchr(s + first, '.', last - first) != NULL);
}

/*
 * Refuses a real with more significant digits than a double keeps (SPEC
 * §1): 12345678901234567.89 would silently become ...568.
 */
static int
json_check_numbers(struct reader *rd, const char *s, size_t n, long line,
    long col, struct ae_error *err)
{
	size_t i, j;
	int in_str = 0, esc = 0, real;
	char num[64];

	for (i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				in_str = 0;
			continue;
		}
		if (c == '"') {
			in_str = 1;
			continue;
		}
		if (c != '-' && (c < '0' || c > '9'))
			continue;
		for (j = i; j < n && strchr("+-.0123456789eE", s[j]); j++)
			;
		if (number_digits(s + i, j - i, &real) > 15 && real) {
			snprintf(num, sizeof(num), "%.*s", (int)(j - i), s + i);
			ae_error_set(err, AE_EDATA,
			    "number %s has more than "
			    "15 significant digits, more than a JSON number "
			    "keeps: write it as a string (\"%s\")",
			    num, num);
			return fail_at_byte(rd, err, s, i, line, col, "%s");
		}
		i = j - 1;
	}
	return 0;
}

/*
 * Where the number that ends at offset END of S starts: jansson says an
 * integer too big for it where its last digit stands.
 */
static size_t
number_start(const char *s, size_t end)
{
	size_t at = end;

	while (at > 0 && end - at < 2 && (s[at - 1] < '0' || s[at - 1] > '9'))
		at--;
	while (at > 0 &&
	    ((s[at - 1] >= '0' && s[at - 1] <= '9') || s[at - 1] == '-'))
		at--;
	return at;
}

/* Makes V, read from LINE, the current record. */
static void
keep_object(struct reader *rd, json_t *v, long line)
{
	json_decref(rd->object);
	rd->object = v;
	jsonpos_unref(rd->rec.pos);
	rd->rec.pos = NULL;
	rd->rec.source = rd->source;
	rd->rec.line = line;
	rd->rec.object = v;
	rd->rec.header = NULL;
	rd->rec.values = NULL;
	rd->rec.kinds = NULL;
	json_decref(rd->rec.built);
	rd->rec.built = NULL;
}

static int
json_parse_value(struct reader *rd, size_t len, long line, long col, long lines,
    struct ae_error *err)
{
	json_error_t jerr;
	const char *text;
	size_t bad;
	json_t *v;

	strbuf_reset(&rd->raw);
	strbuf_add(&rd->raw, rd->buf + rd->pos, len);
	rd->rec_ptr = rd->raw.buf;
	rd->rec_len = rd->raw.len;
	text = rd->raw.buf;
	if (rd->cd != (iconv_t)-1) {
		if (to_utf8(rd, rd->raw.buf, len, &bad) != 0)
			return fail_at_byte(rd, err, rd->raw.buf, bad, line,
			    col, "invalid %s byte sequence");
		text = rd->conv.buf;
		len = rd->conv.len;
	}
	if (!utf8_check(text, len, &bad))
		return fail_at_byte(rd, err, text, bad, line, col,
		    text[bad] ? "invalid %s byte sequence" :
				"NUL byte in input (not %s text)");
	v = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	    &jerr);
	if (v == NULL) {
		json_error_fill(text, &jerr, err);
		if (strncmp(jerr.text, "too big ", 8) == 0)
			place_of(text, number_start(text, jerr.position), 0,
			    &line, &col);
		else if (jerr.line > 1)
			line += jerr.line - 1, col = json_error_column(&jerr);
		else
			col += json_error_column(&jerr) - 1;
		ae_error_at(err, rd->source, line, col);
		return -1;
	}
	if (!json_is_object(v)) {
		const char *what = json_is_array(v) ? "a list" :
		    json_is_string(v)		    ? "a text" :
		    json_is_number(v)		    ? "a number" :
		    json_is_null(v)		    ? "null" :
						      "true or false";
		json_decref(v);
		/* A record is an object: say what stands there instead. */
		return fail(rd, err, line, col, 0,
		    "expected a JSON object (a record), not %s", what);
	}
	if (json_check_numbers(rd, text, len, line, col, err) != 0) {
		json_decref(v);
		return -1;
	}
	keep_object(rd, v, line);
	/* Only a document over several lines has lines to tell apart. */
	if (lines > 0)
		rd->rec.pos = jsonpos_build(v, text, len, line);
	return 1;
}

/* The keys of the row just read become the header, a new one. */
static void
take_row_keys(struct reader *rd)
{
	size_t i;

	for (i = 0; i < rd->header.n; i++)
		free(rd->header.names[i]);
	free(rd->header.names);
	memset(&rd->header, 0, sizeof(rd->header));
	rd->header.n = rd->row.n;
	rd->header.serial = ++header_serial;
	rd->header.names = xcalloc(rd->row.n, sizeof(char *));
	for (i = 0; i < rd->row.n; i++)
		rd->header.names[i] = xstrdup(jsonl_row_key(&rd->row, i));
}

/* A flat line as a row: the record is header, values and kinds. */
static int
json_take_row(struct reader *rd, long line, size_t *len)
{
	size_t i;

	if (jsonl_row_read(&rd->row, rd->buf + rd->pos, rd->len - rd->pos,
		len) == 0)
		return 0;
	if (!rd->row.same_keys)
		take_row_keys(rd);
	if (rd->cap_values < rd->row.n) {
		rd->cap_values = rd->row.n;
		rd->values =
		    xrealloc(rd->values, rd->cap_values * sizeof(*rd->values));
	}
	for (i = 0; i < rd->row.n; i++)
		rd->values[i] = jsonl_row_value(&rd->row, i);
	keep_object(rd, NULL, line);
	rd->rec.header = &rd->header;
	rd->rec.values = rd->values;
	rd->rec.kinds = rd->row.kind;
	return 1;
}

/*
 * The common JSON Lines record, a flat object on one line of UTF-8, read
 * by the fast road (jsonl.h) straight from the buffer; 0 for anything
 * else, which jansson reads.
 */
static int
json_take_flat(struct reader *rd, long line)
{
	size_t len;
	json_t *v;

	if (rd->cd != (iconv_t)-1)
		return 0;
	if (rd->flat && json_take_row(rd, line, &len))
		goto taken;
	/* rd->conv, idle without a conversion, holds decoded escapes. */
	if ((v = jsonl_object(rd->buf + rd->pos, rd->len - rd->pos, &len,
		 rd->object, &rd->conv)) == NULL)
		return 0;
	keep_object(rd, v, line);
taken:
	rd->rec_ptr = rd->buf + rd->pos;
	rd->rec_len = len;
	step_col(rd, len, 0, line);
	rd->pos += len;
	return 1;
}

/* Steps over the punctuation of a top-level array: `[`, `,` and `]`. */
static int
json_array_punct(struct reader *rd, struct ae_error *err)
{
	int rc;
	char c;

	for (;;) {
		if ((rc = skip_space(rd, err)) <= 0) {
			if (rc == 0 && rd->in_array)
				return fail(rd, err, rd->line, rd->col, 1,
				    "unexpected end of input in an array%s",
				    "");
			return rc;
		}
		c = rd->buf[rd->pos];
		if (!rd->in_array && c == '[') {
			rd->in_array = rd->array_first = 1;
		} else if (rd->in_array && c == ']') {
			rd->in_array = 0;
		} else if (rd->in_array && c == ',' && !rd->array_first) {
			rd->array_first = 1;
		} else {
			return 1;
		}
		rd->pos++;
		rd->col++;
	}
}

static int
json_next(struct reader *rd, struct ae_error *err)
{
	long line, col, lines;
	size_t len;
	int rc;

	if ((rc = json_array_punct(rd, err)) <= 0)
		return rc;
	line = rd->line;
	col = rd->col;
	if (rd->in_array && !rd->array_first)
		return fail(rd, err, line, col, 1,
		    "expected ',' or ']' in the array%s", "");
	rd->array_first = 0;
	if (json_take_flat(rd, line))
		return 1;
	if ((rc = frame_value(rd, &len, &lines, err)) <= 0) {
		if (rc == 0)
			return fail(rd, err, line, col, 1,
			    "unexpected end of input in a JSON value%s", "");
		return rc;
	}
	rc = json_parse_value(rd, len, line, col, lines, err);
	rd->col = col;
	step_col(rd, len, rd->cd != (iconv_t)-1, line);
	rd->pos += len;
	rd->line += lines;
	if (rc < 0 && !rd->in_array && rd->raw.buf[0] != '{')
		rd->broken = 1;
	return rc;
}

int
reader_next(struct reader *rd, const struct record **rec, struct ae_error *err)
{
	int rc;

	*rec = NULL;
	if (rd->broken)
		return fail(rd, err, rd->line, 0, 1,
		    "input unusable after an earlier error%s", "");
	if (!rd->started && (rc = start(rd, err)) <= 0)
		return rc;
	rc = rd->format == INPUT_JSON ? json_next(rd, err) : csv_next(rd, err);
	if (rc > 0)
		*rec = &rd->rec;
	return rc;
}

/* ---- field access ------------------------------------------------- */

size_t
record_size(const struct record *r)
{
	return r->object ? json_object_size(r->object) : r->header->n;
}

const char *
record_name(const struct record *r, size_t i)
{
	void *it;

	if (!r->object)
		return i < r->header->n ? r->header->names[i] : NULL;
	for (it = json_object_iter(r->object); it && i > 0; i--)
		it = json_object_iter_next(r->object, it);
	return it ? json_object_iter_key(it) : NULL;
}

const char *
record_text_at(const struct record *r, size_t i, char *buf)
{
	const char *name;

	if (!r->object)
		return i < r->header->n ? r->values[i] : NULL;
	name = record_name(r, i);
	return name ? json_scalar_text(json_object_get(r->object, name), buf) :
		      NULL;
}

static long
csv_index(const struct record *r, const char *name)
{
	/* The reader owns the header; only its lookup cache changes. */
	struct csv_header *h = (struct csv_header *)r->header;
	size_t slot, i;
	long found = -1;

	/*
	 * Names packed side by side in a string table (a schema's fields)
	 * collide under a plain address modulo: a multiplicative hash
	 * spreads them, and the next slot is a second chance.
	 */
	slot =
	    (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15u) >> 58) %
	    CSV_LOOKUP_CACHE;
	if (h->cache[slot].name == name)
		return h->cache[slot].index;
	if (h->cache[slot].name != NULL) {
		slot = (slot + 1) % CSV_LOOKUP_CACHE;
		if (h->cache[slot].name == name)
			return h->cache[slot].index;
	}
	for (i = 0; i < h->n; i++)
		if (strcmp(h->names[i], name) == 0) {
			found = (long)i;
			break;
		}
	h->cache[slot].name = name;
	h->cache[slot].index = found;
	return found;
}

const char *
record_get(const struct record *r, const char *name, char *buf)
{
	json_t *v;
	long i;

	if (r->object) {
		v = json_object_get(r->object, name);
		return v ? json_scalar_text(v, buf) : NULL;
	}
	if (r->header == NULL)
		return NULL; /* a record of no fields (field_object) */
	i = csv_index(r, name);
	return i < 0 ? NULL : r->values[i];
}

const char *
record_value(const struct record *r, const char *name, char *buf)
{
	const char *s = record_get(r, name, buf);

	return s && *s ? s : NULL;
}

char *
record_dup(const struct record *r, const char *name)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = record_value(r, name, buf);

	return s ? xstrdup(s) : NULL;
}

json_t *
record_json(const struct record *r, const char *name)
{
	/* A flat row's object is made once, when first asked for. */
	if (r->object == NULL && r->kinds != NULL) {
		if (r->built == NULL)
			((struct record *)r)->built = record_to_json(r);
		return json_object_get(r->built, name);
	}
	return r->object ? json_object_get(r->object, name) : NULL;
}

long
record_line_of(const struct record *r, const char *name)
{
	long line = 0;

	if (r->pos && r->object)
		line = jsonpos_line(r->pos, json_object_get(r->object, name));
	return line > 0 ? line : r->line;
}

int
record_has(const struct record *r, const char *name)
{
	if (r->object == NULL && r->header == NULL)
		return 0;
	return r->object ? json_object_get(r->object, name) != NULL :
			   csv_index(r, name) >= 0;
}

/*
 * The value jansson read for a flat row's TEXT of KIND: a real's text is
 * its shortest, which reads back as the very same double.
 */
static json_t *
row_value_json(unsigned char kind, const char *text)
{
	switch (kind) {
	case JSON_STRING:
		return json_string(text);
	case JSON_INTEGER:
		return json_integer(strtoll(text, NULL, 10));
	case JSON_REAL:
		return json_real(strtod(text, NULL));
	case JSON_TRUE:
		return json_true();
	case JSON_FALSE:
		return json_false();
	default:
		return json_null();
	}
}

json_t *
record_to_json(const struct record *r)
{
	json_t *o;
	size_t i;

	if (r->object)
		return json_incref(r->object);
	o = json_object();
	for (i = 0; i < r->header->n; i++)
		json_object_set_new(o, r->header->names[i],
		    r->kinds ? row_value_json(r->kinds[i], r->values[i]) :
			       json_string(r->values[i]));
	return o;
}
