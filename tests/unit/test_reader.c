/* Unit tests for the record reader (lib/reader.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reader.h"
#include "strbuf.h"

static char path[64];

static struct reader *
open_opts(const char *data, size_t len, enum input_format fmt, const char *enc,
    int flat)
{
	struct reader_options opts = { fmt, enc, flat };
	struct ae_error err;
	struct reader *rd;
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/tmp/aekit-test-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	ae_error_clear(&err);
	rd = reader_open(path, &opts, &err);
	assert_non_null(rd);
	return rd;
}

static struct reader *
open_bytes(const char *data, size_t len, enum input_format fmt, const char *enc)
{
	return open_opts(data, len, fmt, enc, 0);
}

/* Opens DATA for a caller that takes flat JSON Lines records as rows. */
static struct reader *
open_flat(const char *data)
{
	return open_opts(data, strlen(data), INPUT_AUTO, NULL, 1);
}

static struct reader *
open_str(const char *data)
{
	return open_bytes(data, strlen(data), INPUT_AUTO, NULL);
}

static void
done(struct reader *rd)
{
	reader_close(rd);
	unlink(path);
}

/* Reads the next record, which must exist, and returns field NAME. */
static const char *
next_get(struct reader *rd, const char *name, long *line)
{
	static char buf[JSONTEXT_BUFSIZE];
	const struct record *r;
	struct ae_error err;

	ae_error_clear(&err);
	assert_int_equal(reader_next(rd, &r, &err), 1);
	if (line)
		*line = r->line;
	return record_get(r, name, buf);
}

static void
expect_error(struct reader *rd, long line, const char *text)
{
	const struct record *r;
	struct ae_error err;

	ae_error_clear(&err);
	assert_int_equal(reader_next(rd, &r, &err), -1);
	assert_int_equal(err.line, line);
	assert_non_null(strstr(err.text, text));
}

static void
expect_end(struct reader *rd)
{
	const struct record *r;
	struct ae_error err;

	ae_error_clear(&err);
	assert_int_equal(reader_next(rd, &r, &err), 0);
}

static void
test_csv_basic(void **state)
{
	struct reader *rd = open_str("\xEF\xBB\xBF"
				     "a,b\r\n1,2\r\n"
				     "\r\n2,\"multi\nline\"\n3, spaced \n");
	long line;

	(void)state;
	assert_string_equal(next_get(rd, "a", &line), "1");
	assert_int_equal(line, 2);
	assert_false(reader_is_json(rd));
	assert_string_equal(next_get(rd, "b", &line), "multi\nline");
	assert_int_equal(line, 4);
	assert_string_equal(next_get(rd, "b", &line), " spaced ");
	assert_int_equal(line, 6);
	expect_end(rd);
	done(rd);
}

static void
test_csv_quotes(void **state)
{
	struct reader *rd = open_str("a,b\n1,\"x, \"\"y\"\"\"\n");
	const struct record *r;
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(reader_next(rd, &r, &err), 1);
	assert_string_equal(r->values[0], "1");
	assert_string_equal(r->values[1], "x, \"y\"");
	done(rd);
}

static void
test_csv_raw_bytes(void **state)
{
	struct reader *rd = open_str("a,b\n1,\"two\nlines\"\n");
	const char *raw;
	size_t len;

	(void)state;
	next_get(rd, "a", NULL);
	raw = reader_raw(rd, &len);
	assert_int_equal(len, 14);
	assert_memory_equal(raw, "1,\"two\nlines\"\n", 14);
	raw = reader_raw_header(rd, &len);
	assert_int_equal(len, 4);
	done(rd);
}

static void
test_csv_cr_only(void **state)
{
	struct reader *rd = open_str("a,b\r1,2\r3,4");
	long line;

	(void)state;
	assert_string_equal(next_get(rd, "b", &line), "2");
	assert_int_equal(line, 2);
	assert_string_equal(next_get(rd, "a", &line), "3");
	assert_int_equal(line, 3);
	expect_end(rd);
	done(rd);
}

static void
test_csv_ragged_goes_on(void **state)
{
	struct reader *rd = open_str("a,b\n1\n2,3,4\n5,6\n");

	(void)state;
	expect_error(rd, 2, "row has 1 field, the header has 2");
	assert_true(reader_can_go_on(rd));
	expect_error(rd, 3, "row has 3 fields");
	assert_string_equal(next_get(rd, "b", NULL), "6");
	expect_end(rd);
	done(rd);
}

static void
test_csv_unterminated_quote(void **state)
{
	struct reader *rd = open_str("a,b\n1,\"open\n2,3\n");

	(void)state;
	expect_error(rd, 2, "quoted field not closed");
	assert_false(reader_can_go_on(rd));
	done(rd);
}

static void
test_csv_bad_quoting(void **state)
{
	struct reader *rd = open_str("a,b\n1,\"x\"y\n2,3\n");

	(void)state;
	expect_error(rd, 2, "malformed quoting");
	assert_string_equal(next_get(rd, "a", NULL), "2");
	done(rd);
}

static void
test_csv_invalid_utf8(void **state)
{
	struct reader *rd = open_str("a,b\n1,ok\n2,\"x\n\xff\"\n3,4\n");

	(void)state;
	next_get(rd, "a", NULL);
	expect_error(rd, 4, "invalid UTF-8");
	assert_string_equal(next_get(rd, "a", NULL), "3");
	done(rd);
}

static void
test_csv_nul_byte(void **state)
{
	struct reader *rd = open_bytes("a\nx\0y\n", 6, INPUT_AUTO, NULL);

	(void)state;
	expect_error(rd, 2, "NUL byte");
	done(rd);
}

static void
test_csv_header_problems(void **state)
{
	struct reader *rd = open_str("a,b,a\n1,2,3\n");

	(void)state;
	expect_error(rd, 1, "field 'a' named twice");
	done(rd);
	rd = open_str("a,,c\n1,2,3\n");
	expect_error(rd, 1, "empty field name");
	done(rd);
}

static void
test_empty_inputs(void **state)
{
	struct reader *rd = open_str("");

	(void)state;
	expect_end(rd);
	done(rd);
	rd = open_str("a,b\n");
	expect_end(rd);
	done(rd);
	rd = open_str("  \n\n");
	expect_end(rd);
	done(rd);
	rd = open_str("[]");
	expect_end(rd);
	done(rd);
}

static void
test_csv_huge_field(void **state)
{
	size_t n = 5 * 1024 * 1024, i;
	char *data = malloc(n + 16);
	struct reader *rd;
	const char *v;

	(void)state;
	memcpy(data, "a\n\"", 3);
	for (i = 3; i < n; i++)
		data[i] = (char)('a' + i % 26);
	memcpy(data + n, "\"\n", 2);
	rd = open_bytes(data, n + 2, INPUT_AUTO, NULL);
	v = next_get(rd, "a", NULL);
	assert_int_equal(strlen(v), n - 3);
	expect_end(rd);
	done(rd);
	free(data);
}

/* A header and one line of N bytes, N over the reader's 64 MiB limit. */
static char *
long_line_input(size_t n, size_t *len)
{
	char *data = malloc(n + 8);

	assert_non_null(data);
	memcpy(data, "a\n", 2);
	memset(data + 2, 'x', n);
	data[2 + n] = '\n';
	*len = n + 3;
	return data;
}

static void
expect_line_too_long(struct reader *rd)
{
	const struct record *r;
	struct ae_error err;

	ae_error_clear(&err);
	assert_int_equal(reader_next(rd, &r, &err), -1);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 0);
	assert_string_equal(err.text, "line longer than 64 MiB");
	assert_false(reader_can_go_on(rd));
}

/*
 * The line limit holds whether the line comes in one read (a file) or
 * in many (a pipe hands out 64 KiB at a time).
 */
static void
test_csv_line_limit(void **state)
{
	size_t len, off = 0;
	char *data = long_line_input(64 * 1024 * 1024 + 10, &len);
	struct reader *rd = open_bytes(data, len, INPUT_AUTO, NULL);
	struct ae_error err;
	int fds[2];
	pid_t pid;

	(void)state;
	expect_line_too_long(rd);
	done(rd);
	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		while (off < len) {
			ssize_t n = write(fds[1], data + off, len - off);
			if (n <= 0)
				_exit(0);
			off += (size_t)n;
		}
		_exit(0);
	}
	close(fds[1]);
	ae_error_clear(&err);
	rd = reader_open_fd(fds[0], "<pipe>", NULL, &err);
	assert_non_null(rd);
	expect_line_too_long(rd);
	reader_close(rd);
	waitpid(pid, NULL, 0);
	free(data);
}

/* The JSON value limit holds when the whole value comes in one read. */
static void
test_json_value_limit(void **state)
{
	size_t n = 64 * 1024 * 1024 + 10;
	char *data = malloc(n + 16);
	const struct record *r;
	struct reader *rd;
	struct ae_error err;

	(void)state;
	assert_non_null(data);
	memcpy(data, "\n{\"a\": \"", 8);
	memset(data + 8, 'x', n);
	memcpy(data + 8 + n, "\"}\n", 3);
	rd = open_bytes(data, n + 11, INPUT_AUTO, NULL);
	ae_error_clear(&err);
	assert_int_equal(reader_next(rd, &r, &err), -1);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.text, "JSON value longer than 64 MiB");
	reader_close(rd);
	free(data);
}

static void
test_gb18030(void **state)
{
	/* "客户\n上海\n" in GB18030. */
	struct reader *rd = open_bytes("\xbf\xcd\xbb\xa7\n\xc9\xcf\xba\xa3\n",
	    10, INPUT_AUTO, "gb18030");

	(void)state;
	assert_string_equal(next_get(rd, "客户", NULL), "上海");
	done(rd);
}

static void
test_bad_encoding_name(void **state)
{
	struct reader_options opts = { INPUT_AUTO, "latin9", 0 };
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	assert_null(reader_open("/dev/null", &opts, &err));
	assert_int_equal(err.code, AE_EUSAGE);
}

static void
test_missing_file(void **state)
{
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	assert_null(reader_open("/nonexistent/x.csv", NULL, &err));
	assert_int_equal(err.code, AE_ENOINPUT);
	assert_string_equal(err.source, "/nonexistent/x.csv");
}

static void
test_json_lines_and_pretty(void **state)
{
	struct reader *rd = open_str(
	    "{\"a\": 1}\n{\"a\": 12.3}\n\n{\n  \"a\": "
	    "\"x\",\n  \"b\": [1, 2]\n}\n{\"a\": 1500000.0, \"t\": true}");
	const struct record *r;
	struct ae_error err;
	long line;
	char buf[JSONTEXT_BUFSIZE];

	(void)state;
	assert_string_equal(next_get(rd, "a", &line), "1");
	assert_true(reader_is_json(rd));
	assert_string_equal(next_get(rd, "a", &line), "12.3");
	assert_int_equal(line, 2);
	assert_string_equal(next_get(rd, "a", &line), "x");
	assert_int_equal(line, 4);
	ae_error_clear(&err);
	assert_int_equal(reader_next(rd, &r, &err), 1);
	assert_int_equal(r->line, 8);
	assert_string_equal(record_get(r, "a", buf), "1500000");
	assert_string_equal(record_get(r, "t", buf), "true");
	expect_end(rd);
	done(rd);
}

static void
test_json_array(void **state)
{
	struct reader *rd =
	    open_str("[\n {\"a\": \"1\"},\n {\"a\": \"2\"}\n]\n");
	long line;

	(void)state;
	assert_string_equal(next_get(rd, "a", &line), "1");
	assert_int_equal(line, 2);
	assert_string_equal(next_get(rd, "a", &line), "2");
	assert_int_equal(line, 3);
	expect_end(rd);
	done(rd);
}

/* The error of the next record: line, column and field. */
static void
expect_place(struct reader *rd, long line, long col, const char *field,
    const char *text)
{
	const struct record *r;
	struct ae_error err;

	ae_error_clear(&err);
	assert_int_equal(reader_next(rd, &r, &err), -1);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, col);
	assert_string_equal(err.field, field);
	assert_non_null(strstr(err.text, text));
}

static void
test_bad_bytes_named(void **state)
{
	struct reader *rd = open_str("a,b\n1,\"x\ny\xff\"\n2,ok\n");

	(void)state;
	expect_place(rd, 3, 2, "b", "invalid UTF-8");
	assert_string_equal(next_get(rd, "b", NULL), "ok");
	done(rd);

	rd = open_bytes("a,b\n1,x\0y\n", 10, INPUT_AUTO, NULL);
	expect_place(rd, 2, 4, "b", "NUL byte");
	done(rd);

	rd = open_str("{\"a\": 1,\n \"b\": {\"c\": \"\xff\"}}\n");
	expect_place(rd, 2, 14, "b", "invalid UTF-8");
	done(rd);

	rd = open_str("{\"a\": \"x\\u0000\"}\n");
	expect_place(rd, 1, 15, "a", "NUL character");
	done(rd);
}

static void
test_long_json_number(void **state)
{
	struct reader *rd = open_str("{\"amount\": 12345678901234567.89}\n"
				     "{\"amount\": 1.500000000000000000}\n"
				     "{\"amount\": 123456789012345.0}\n"
				     "{\"amount\": 1234567890123456.7}\n");

	(void)state;
	expect_place(rd, 1, 12, "amount", "write it as a string");
	assert_string_equal(next_get(rd, "amount", NULL), "1.5");
	assert_string_equal(next_get(rd, "amount", NULL), "123456789012345");
	expect_place(rd, 4, 12, "amount", "more than 15 significant");
	expect_end(rd);
	done(rd);
}

static void
test_gb18030_per_record(void **state)
{
	/* 客户 in GB18030, then a bad pair, then a row after it. */
	static const char data[] = "a,b\r\n1,\xbf\xcd\xbb\xa7\r\n"
				   "2,\xb8\xff\r\n3,\x95\x5c\r\n";
	struct reader *rd =
	    open_bytes(data, sizeof(data) - 1, INPUT_AUTO, "gb18030");
	const char *raw;
	size_t len;

	(void)state;
	assert_string_equal(next_get(rd, "b", NULL),
	    "\xe5\xae\xa2\xe6\x88\xb7");
	expect_place(rd, 3, 3, "b", "invalid GB18030");
	raw = reader_raw(rd, &len);
	assert_int_equal(len, 6);
	assert_memory_equal(raw, "2,\xb8\xff\r\n", 6);
	assert_non_null(next_get(rd, "b", NULL));
	expect_end(rd);
	done(rd);

	/* A trailing byte 0x5C is not a JSON escape. */
	rd = open_bytes("{\"a\": \"\x95\x5c\", \"b\": 1}\n", 19, INPUT_AUTO,
	    "gb18030");
	assert_string_equal(next_get(rd, "b", NULL), "1");
	done(rd);
}

static void
test_json_errors(void **state)
{
	struct reader *rd = open_str("{\"a\": 1}\n{\"a\": }\n{\"a\": 3}\n");
	const struct record *r;
	struct ae_error err;

	(void)state;
	next_get(rd, "a", NULL);
	ae_error_clear(&err);
	assert_int_equal(reader_next(rd, &r, &err), -1);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 7);
	assert_string_equal(next_get(rd, "a", NULL), "3");
	done(rd);

	rd = open_str("[{\"a\": 1}, 5, {\"a\": 2}]");
	next_get(rd, "a", NULL);
	expect_error(rd, 1, "expected a JSON object");
	assert_string_equal(next_get(rd, "a", NULL), "2");
	done(rd);

	rd = open_str("{\"a\": 1, \"a\": 2}\n");
	expect_error(rd, 1, "duplicate object key");
	done(rd);

	rd = open_str("{\"a\": \"\xff\"}\n");
	expect_error(rd, 1, "invalid UTF-8");
	done(rd);

	rd = open_str("{\"a\": [1, 2\n");
	expect_error(rd, 1, "unexpected end of input");
	assert_false(reader_can_go_on(rd));
	done(rd);

	rd = open_str("{\"a\": 1e999}\n");
	expect_error(rd, 1, "real number overflow");
	done(rd);
}

/* Reads a bad record and checks its place (LINE:COL), field and text. */
static void
expect_placed(struct reader *rd, long line, long col, const char *field,
    const char *text)
{
	const struct record *r;
	struct ae_error err;

	ae_error_clear(&err);
	assert_int_equal(reader_next(rd, &r, &err), -1);
	assert_int_equal(err.code, AE_EDATA);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, col);
	assert_string_equal(err.field, field);
	assert_non_null(strstr(err.text, text));
}

/* An input of one JSON value that is not an object is not a CSV header. */
static void
test_lone_json_value(void **state)
{
	static const struct {
		const char *in, *what;
		long line;
	} cases[] = {
		{ "\"abc\"", "not a text", 1 },
		{ "\"abc\"\n", "not a text", 1 },
		{ "null", "not null", 1 },
		{ "\n\n12.5\n", "not a number", 3 },
		{ "\xEF\xBB\xBF-3", "not a number", 1 },
	};
	struct reader *rd;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rd = open_str(cases[i].in);
		expect_placed(rd, cases[i].line, 1, "", cases[i].what);
		done(rd);
	}
	/* A header without rows, a quoted one with rows, or a told CSV. */
	rd = open_str("abc\n");
	expect_end(rd);
	done(rd);
	rd = open_str("\"abc\"\n1\n");
	assert_string_equal(next_get(rd, "abc", NULL), "1");
	expect_end(rd);
	done(rd);
	rd = open_bytes("\"abc\"\n", 6, INPUT_CSV, NULL);
	expect_end(rd);
	done(rd);
}

/* jansson's integer too big is placed at the number's first character. */
static void
test_big_integer_place(void **state)
{
	struct reader *rd =
	    open_str("{\"名\": 1, \"b\": 123456789012345678901234}\n");

	(void)state;
	expect_placed(rd, 1, 15, "b", "too big integer");
	done(rd);
	rd = open_str("{\"a\": 1,\n  \"b\": -123456789012345678901234\n}\n");
	expect_placed(rd, 2, 8, "b", "too big negative integer");
	done(rd);
}

/* A short row is placed where it ends, named by the field it lacks. */
static void
test_csv_short_row_place(void **state)
{
	struct reader *rd = open_str("a,b,c\n\"中文\",2\r\n1\n1,2,3,4\n");

	(void)state;
	expect_placed(rd, 2, 7, "c", "row has 2 fields, the header has 3");
	expect_placed(rd, 3, 2, "b", "row has 1 field, the header has 3");
	expect_placed(rd, 4, 7, "", "row has 4 fields, the header has 3");
	done(rd);
}

/* Later records of a one-line array are placed in characters. */
static void
test_json_array_columns(void **state)
{
	struct reader *rd = open_str(
	    "[{\"a\": \"中文中文\"}, {\"a\": 1, \"b\": tru}, {\"a\": 1e999}]");

	(void)state;
	next_get(rd, "a", NULL);
	expect_placed(rd, 1, 31, "b", "invalid token");
	expect_placed(rd, 1, 43, "a", "real number overflow");
	done(rd);
}

static void
test_forced_format(void **state)
{
	struct reader *rd = open_bytes("{x}\n1\n", 6, INPUT_CSV, NULL);

	(void)state;
	assert_string_equal(next_get(rd, "{x}", NULL), "1");
	done(rd);
}

static void
test_record_access(void **state)
{
	struct reader *rd = open_str("{\"type\": \"invoice\", \"n\": null, "
				     "\"l\": [\"a\", \"b\"], \"e\": \"\"}\n");
	const struct record *r;
	struct ae_error err;
	char buf[JSONTEXT_BUFSIZE], tbuf[64];
	json_t *o;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(reader_next(rd, &r, &err), 1);
	assert_int_equal(record_size(r), 4);
	assert_string_equal(record_name(r, 2), "l");
	assert_null(record_get(r, "n", buf));
	assert_null(record_get(r, "l", buf));
	assert_non_null(record_json(r, "l"));
	assert_true(record_has(r, "e"));
	assert_null(record_value(r, "e", buf));
	assert_false(record_has(r, "zz"));
	assert_string_equal(record_type(r, NULL, tbuf, sizeof(tbuf)),
	    "invoice");
	o = record_to_json(r);
	assert_int_equal(json_object_size(o), 4);
	json_decref(o);
	done(rd);
}

/*
 * Flat lines come as rows with their values' texts and types; the header
 * is new (a new serial) when the keys change; anything else is an object.
 */
static void
test_flat_rows(void **state)
{
	struct reader *rd = open_flat(
	    "{\"a\":\"x\",\"n\":12.50,\"i\":-0,\"t\":true,\"z\":null}\n"
	    "{\"a\":\"y\",\"n\":1e2,\"i\":7,\"t\":false,\"z\":\"\"}\n"
	    "{\"a\":[1],\"n\":1}\n"
	    "{\"a\":\"w\",\"n\":3}\n");
	const struct record *r;
	struct ae_error err;
	char buf[JSONTEXT_BUFSIZE];
	unsigned long serial;
	json_t *o;

	(void)state;
	assert_int_equal(reader_next(rd, &r, &err), 1);
	assert_null(r->object);
	assert_non_null(r->kinds);
	assert_int_equal(r->line, 1);
	assert_string_equal(record_get(r, "a", buf), "x");
	assert_string_equal(record_get(r, "n", buf), "12.5");
	assert_string_equal(record_get(r, "i", buf), "0");
	assert_string_equal(record_get(r, "t", buf), "true");
	assert_null(record_get(r, "z", buf));
	assert_true(record_has(r, "z"));
	assert_int_equal(r->kinds[1], JSON_REAL);
	assert_true(json_is_real(record_json(r, "n")));
	assert_true(json_is_null(record_json(r, "z")));
	o = record_to_json(r);
	assert_true(json_is_integer(json_object_get(o, "i")));
	assert_true(json_is_true(json_object_get(o, "t")));
	json_decref(o);
	serial = r->header->serial;
	assert_int_equal(reader_next(rd, &r, &err), 1);
	assert_int_equal(r->header->serial, serial);
	assert_string_equal(record_get(r, "n", buf), "100");
	assert_string_equal(record_get(r, "t", buf), "false");
	assert_null(record_value(r, "z", buf));
	assert_int_equal(reader_next(rd, &r, &err), 1);
	assert_non_null(r->object);
	assert_int_equal(r->line, 3);
	assert_int_equal(reader_next(rd, &r, &err), 1);
	assert_null(r->object);
	assert_int_not_equal(r->header->serial, serial);
	assert_int_equal(record_size(r), 2);
	assert_string_equal(record_name(r, 1), "n");
	assert_string_equal(record_text_at(r, 0, buf), "w");
	assert_int_equal(reader_next(rd, &r, &err), 0);
	done(rd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_basic),
		cmocka_unit_test(test_csv_quotes),
		cmocka_unit_test(test_csv_raw_bytes),
		cmocka_unit_test(test_csv_cr_only),
		cmocka_unit_test(test_csv_ragged_goes_on),
		cmocka_unit_test(test_csv_unterminated_quote),
		cmocka_unit_test(test_csv_bad_quoting),
		cmocka_unit_test(test_csv_invalid_utf8),
		cmocka_unit_test(test_csv_nul_byte),
		cmocka_unit_test(test_csv_header_problems),
		cmocka_unit_test(test_flat_rows),
		cmocka_unit_test(test_empty_inputs),
		cmocka_unit_test(test_csv_huge_field),
		cmocka_unit_test(test_csv_line_limit),
		cmocka_unit_test(test_json_value_limit),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_bad_encoding_name),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_json_lines_and_pretty),
		cmocka_unit_test(test_json_array),
		cmocka_unit_test(test_json_errors),
		cmocka_unit_test(test_bad_bytes_named),
		cmocka_unit_test(test_long_json_number),
		cmocka_unit_test(test_gb18030_per_record),
		cmocka_unit_test(test_forced_format),
		cmocka_unit_test(test_lone_json_value),
		cmocka_unit_test(test_big_integer_place),
		cmocka_unit_test(test_csv_short_row_place),
		cmocka_unit_test(test_json_array_columns),
		cmocka_unit_test(test_record_access),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
