/* Unit tests for the record writer, text widths and fields. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "text.h"
#include "writer.h"

struct mem {
	char *buf;
	size_t len;
	FILE *f;
};

static void
mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	assert_non_null(m->f);
}

static const char *
mem_close(struct mem *m)
{
	fclose(m->f);
	return m->buf;
}

static json_t *
obj(const char *text)
{
	json_error_t e;
	json_t *o = json_loads(text, 0, &e);

	assert_non_null(o);
	return o;
}

static void
test_csv_quoting(void **state)
{
	struct mem m;

	(void)state;
	mem_open(&m);
	csv_put_cell(m.f, "plain", 0);
	putc('|', m.f);
	csv_put_cell(m.f, "a,b", 0);
	putc('|', m.f);
	csv_put_cell(m.f, "say \"hi\"", 0);
	putc('|', m.f);
	csv_put_cell(m.f, "two\nlines", 0);
	putc('|', m.f);
	csv_put_cell(m.f, " kept ", 0);
	putc('|', m.f);
	/* No control character in an unquoted cell: CR, tab, ESC. */
	csv_put_cell(m.f, "a\rb", 0);
	putc('|', m.f);
	csv_put_cell(m.f, "a\tb\x1b", 0);
	assert_string_equal(mem_close(&m),
	    "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"| kept |"
	    "\"a\rb\"|\"a\tb\x1b\"");
	free(m.buf);
}

static void
test_csv_excel_guard(void **state)
{
	struct mem m;

	(void)state;
	mem_open(&m);
	csv_put_cell(m.f, "=SUM(A1)", CSV_EXCEL);
	putc('|', m.f);
	csv_put_cell(m.f, "@cmd", CSV_EXCEL);
	putc('|', m.f);
	csv_put_cell(m.f, "-12.50", CSV_EXCEL);
	putc('|', m.f);
	csv_put_cell(m.f, "+86 21", CSV_EXCEL);
	putc('|', m.f);
	csv_put_cell(m.f, "-", CSV_EXCEL);
	assert_string_equal(mem_close(&m),
	    "\"'=SUM(A1)\"|\"'@cmd\"|-12.50|\"'+86 21\"|\"'-\"");
	free(m.buf);
}

static void
test_json_string_escapes(void **state)
{
	struct mem m;

	(void)state;
	mem_open(&m);
	jsontext_put_string(m.f, "q\"b\\n\n\t\x01 上海");
	assert_string_equal(mem_close(&m),
	    "\"q\\\"b\\\\n\\n\\t\\u0001 上海\"");
	free(m.buf);
}

static void
test_json_to_csv(void **state)
{
	struct rec_writer *w;
	struct ae_error err;
	json_t *a = obj("{\"id\": \"M1\", \"who\": [\"王\", \"Li\"], "
	    "\"n\": 1.5, \"o\": {\"k\": 1}, \"b\": true}");
	json_t *b = obj("{\"id\": \"M2\"}");
	json_t *c = obj("{\"id\": \"M3\", \"extra\": 1}");
	struct mem m;

	(void)state;
	mem_open(&m);
	ae_error_clear(&err);
	w = rec_writer_new(m.f, RECORD_CSV, 0);
	assert_int_equal(rec_writer_put_json(w, a, &err), 0);
	assert_int_equal(rec_writer_put_json(w, b, &err), 0);
	assert_int_equal(rec_writer_put_json(w, c, &err), -1);
	assert_non_null(strstr(err.text, "field 'extra' is not in the CSV"));
	rec_writer_free(w);
	assert_string_equal(mem_close(&m), "id,who,n,o,b\n"
	    "M1,王; Li,1.5,\"{\"\"k\"\":1}\",true\nM2,,,,\n");
	free(m.buf);
	json_decref(a);
	json_decref(b);
	json_decref(c);
}

static void
test_header_only(void **state)
{
	const char *cols[] = { "a", "b", NULL };
	struct rec_writer *w;
	struct mem m;

	(void)state;
	mem_open(&m);
	w = rec_writer_new(m.f, RECORD_CSV, CSV_EXCEL);
	rec_writer_set_header(w, cols);
	rec_writer_free(w);
	assert_string_equal(mem_close(&m), "\xEF\xBB\xBF" "a,b\r\n");
	free(m.buf);
}

static void
test_json_out(void **state)
{
	struct rec_writer *w;
	struct ae_error err;
	json_t *a = obj("{\"z\": \"1\", \"a\": [1, 2]}");
	struct mem m;

	(void)state;
	mem_open(&m);
	w = rec_writer_new(m.f, RECORD_JSON, 0);
	assert_int_equal(rec_writer_put_json(w, a, &err), 0);
	rec_writer_free(w);
	assert_string_equal(mem_close(&m), "{\"z\":\"1\",\"a\":[1,2]}\n");
	free(m.buf);
	json_decref(a);
}

static void
test_text_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("上海abc"), 7);
	assert_int_equal(text_width("应收帐款账龄"), 12);
	assert_int_equal(text_width("e\xcc\x81"), 1);	/* e + combining acute */
	assert_true(utf8_check("上海", 6, NULL));
	assert_false(utf8_check("\xe4\xb8", 2, NULL));
}

static const struct record *
json_record(json_t *o)
{
	static struct record r;

	r.source = "x.json";
	r.line = 7;
	r.object = o;
	return &r;
}

static void
test_fields(void **state)
{
	json_t *o = obj("{\"amount\": \"1,234.50\", \"bad\": \"12.345\", "
	    "\"n\": 12.3, \"d\": \"2026年11月25日\", \"b\": \"否\", "
	    "\"l\": \"a; b ;; c\", \"cur\": \"JPY\", \"i\": \"x\"}");
	const struct record *r = json_record(o);
	struct ae_error err;
	int64_t v;
	int32_t day;
	int b;
	long i;
	json_t *l;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(field_money(r, "amount", "CNY", 2, &v, &err), 1);
	assert_int_equal(v, 123450);
	assert_int_equal(field_money(r, "n", "CNY", 2, &v, &err), 1);
	assert_int_equal(v, 1230);
	assert_int_equal(field_money(r, "missing", "CNY", 2, &v, &err), 0);
	assert_int_equal(field_money(r, "bad", "CNY", 2, &v, &err), -1);
	assert_string_equal(err.field, "bad");
	assert_int_equal(err.line, 7);
	assert_non_null(strstr(err.text, "more decimals than CNY allows"));
	ae_error_clear(&err);
	assert_int_equal(field_date(r, "d", &day, &err), 1);
	assert_int_equal(day, date_from_ymd(2026, 11, 25));
	assert_int_equal(field_bool(r, "b", &b, &err), 1);
	assert_int_equal(b, 0);
	assert_int_equal(field_int(r, "i", 0, 10, &i, &err), -1);
	l = field_list(r, "l");
	assert_int_equal(json_array_size(l), 3);
	assert_string_equal(json_string_value(json_array_get(l, 2)), "c");
	json_decref(l);
	json_decref(o);
}

static void
test_number_text(void **state)
{
	const char *src[] = { "12.3", "1500000.0", "0.05", "-0.5", "1e22",
	    "123.456", "100.0", "0.1", "1e-9", "-12345.67", "0.30000000000000004",
	    "9007199254740993.0" };
	const char *want[] = { "12.3", "1500000", "0.05", "-0.5", "1e+22",
	    "123.456", "100", "0.1", "1e-09", "-12345.67", "0.30000000000000004",
	    "9007199254740992" };
	char buf[JSONTEXT_BUFSIZE];
	json_error_t e;
	size_t i;
	json_t *v;

	(void)state;
	for (i = 0; i < sizeof(src) / sizeof(src[0]); i++) {
		v = json_loads(src[i], JSON_DECODE_ANY, &e);
		assert_non_null(v);
		assert_string_equal(json_scalar_text(v, buf), want[i]);
		json_decref(v);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_excel_guard),
		cmocka_unit_test(test_json_string_escapes),
		cmocka_unit_test(test_json_to_csv),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_json_out),
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_number_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
