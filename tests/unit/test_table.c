/* Unit tests for the one table output: text, md, csv and JSON Lines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

/* T written in FORMAT, as a string (free() it). */
static char *
written(const struct table *t, enum table_format format, int flags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	table_write(t, format, flags, f);
	fclose(f);
	return buf;
}

static void
assert_written(const struct table *t, enum table_format format, int flags,
    const char *want)
{
	char *got = written(t, format, flags);

	assert_string_equal(got, want);
	free(got);
}

/* Client, amount, days: a record-like table with a total for people. */
static struct table *
aging(void)
{
	struct table *t = table_new();

	table_column_key(t, "客户", "client", TABLE_LEFT);
	table_column_key(t, "Balance", "balance", TABLE_RIGHT);
	table_column_key(t, "Days", "days", TABLE_RIGHT);
	table_row(t);
	table_cell(t, "上海某某");
	table_cell_money(t, 123450, 2);
	table_cell_int(t, 12);
	table_row(t);
	table_cell(t, "Acme");
	table_cell_money(t, 500, 2);
	table_cell_int(t, -3);
	table_rule(t);
	table_row_for(t, TABLE_PEOPLE);
	table_cell(t, "合计");
	table_cell_money(t, 123950, 2);
	return t;
}

static void
test_text(void **state)
{
	struct table *t = aging();

	(void)state;
	assert_written(t, TABLE_TEXT, 0,
	    "客户       Balance  Days\n"
	    "--------  --------  ----\n"
	    "上海某某  1,234.50    12\n"
	    "Acme          5.00    -3\n"
	    "--------  --------  ----\n"
	    "合计      1,239.50\n");
	table_free(t);
}

static void
test_md(void **state)
{
	struct table *t = aging();

	(void)state;
	assert_written(t, TABLE_MD, 0,
	    "| 客户 | Balance | Days |\n"
	    "|---|---:|---:|\n"
	    "| 上海某某 | 1,234.50 | 12 |\n"
	    "| Acme | 5.00 | -3 |\n"
	    "| **合计** | **1,239.50** |  |\n");
	table_free(t);
}

static void
test_csv(void **state)
{
	struct table *t = aging();

	(void)state;
	assert_written(t, TABLE_CSV, 0,
	    "client,balance,days\n"
	    "上海某某,1234.50,12\n"
	    "Acme,5.00,-3\n");
	assert_written(t, TABLE_CSV, TABLE_EXCEL,
	    "\xEF\xBB\xBF" "client,balance,days\r\n"
	    "上海某某,1234.50,12\r\n"
	    "Acme,5.00,-3\r\n");
	table_free(t);
}

static void
test_csv_quoting(void **state)
{
	struct table *t = table_new();

	(void)state;
	table_column_key(t, "Note", "note", TABLE_LEFT);
	table_column_key(t, "Formula", "formula", TABLE_LEFT);
	table_row(t);
	table_cell(t, "a, \"b\"\nc");
	table_cell(t, "=SUM(A1)");
	assert_written(t, TABLE_CSV, 0,
	    "note,formula\n"
	    "\"a, \"\"b\"\"\nc\",=SUM(A1)\n");
	assert_written(t, TABLE_CSV, TABLE_EXCEL,
	    "\xEF\xBB\xBF" "note,formula\r\n"
	    "\"a, \"\"b\"\"\nc\",\"'=SUM(A1)\"\r\n");
	table_free(t);
}

static void
test_jsonl(void **state)
{
	struct table *t = aging();

	(void)state;
	assert_written(t, TABLE_JSONL, 0,
	    "{\"client\":\"上海某某\",\"balance\":\"1234.50\",\"days\":12}\n"
	    "{\"client\":\"Acme\",\"balance\":\"5.00\",\"days\":-3}\n");
	table_free(t);
}

/* A last cell ending in blanks, or in a blank and a CR, ends no line in blanks. */
static void
test_no_trailing_blanks(void **state)
{
	struct table *t = table_new();

	(void)state;
	table_column_key(t, "ID", "id", TABLE_LEFT);
	table_column_key(t, "Note", "note", TABLE_LEFT);
	table_row(t);
	table_cell(t, "A1");
	table_cell(t, "call back \r");
	table_row(t);
	table_cell(t, "A2");
	table_cell(t, "two  \nlines ");
	assert_written(t, TABLE_TEXT, 0,
	    "ID  Note\n"
	    "--  ---------\n"
	    "A1  call back\n"
	    "A2  two\n"
	    "    lines\n");
	table_free(t);
}

/* A newline in a cell wraps within its column in text; <br> in md. */
static void
test_newline_in_cell(void **state)
{
	struct table *t = table_new();

	(void)state;
	table_column_key(t, "ID", "id", TABLE_LEFT);
	table_column_key(t, "Action", "what", TABLE_LEFT);
	table_column_key(t, "Due", "due", TABLE_LEFT);
	table_row(t);
	table_cell(t, "A1");
	table_cell(t, "寄样品\r\nsend | samples");
	table_cell(t, "2026-12-01");
	table_row(t);
	table_cell(t, "A2");
	table_cell(t, "call");
	table_cell(t, "2026-12-02");
	assert_written(t, TABLE_TEXT, 0,
	    "ID  Action          Due\n"
	    "--  --------------  ----------\n"
	    "A1  寄样品          2026-12-01\n"
	    "    send | samples\n"
	    "A2  call            2026-12-02\n");
	assert_written(t, TABLE_MD, 0,
	    "| ID | Action | Due |\n"
	    "|---|---|---|\n"
	    "| A1 | 寄样品<br>send \\| samples | 2026-12-01 |\n"
	    "| A2 | call | 2026-12-02 |\n");
	assert_written(t, TABLE_JSONL, 0,
	    "{\"id\":\"A1\",\"what\":\"寄样品\\r\\nsend | samples\","
	    "\"due\":\"2026-12-01\"}\n"
	    "{\"id\":\"A2\",\"what\":\"call\",\"due\":\"2026-12-02\"}\n");
	table_free(t);
}

static void
test_wrap(void **state)
{
	struct table *t = table_new();

	(void)state;
	table_column(t, "No.", TABLE_RIGHT);
	table_column(t, "Text", TABLE_LEFT);
	table_column_wrap(t, 10);
	table_column(t, "Owner", TABLE_LEFT);
	table_row(t);
	table_cell(t, "1");
	table_cell(t, "send the samples to the client");
	table_cell(t, "Li");
	table_row(t);
	table_cell(t, "2");
	table_cell(t, "寄样品给客户并确认收到");
	table_cell(t, "Wang");
	assert_written(t, TABLE_TEXT, 0,
	    "No.  Text        Owner\n"
	    "---  ----------  -----\n"
	    "  1  send the    Li\n"
	    "     samples to\n"
	    "     the client\n"
	    "  2  寄样品给客  Wang\n"
	    "     户并确认收\n"
	    "     到\n");
	table_free(t);
}

/* CJK characters count two columns; combining marks none. */
static void
test_chinese_width(void **state)
{
	struct table *t = table_new();

	(void)state;
	table_column(t, "名称", TABLE_LEFT);
	table_column(t, "n", TABLE_RIGHT);
	table_row(t);
	table_cell(t, "中文客户");
	table_cell(t, "1");
	table_row(t);
	table_cell(t, "cafe\xCC\x81");
	table_cell(t, "22");
	assert_written(t, TABLE_TEXT, 0,
	    "名称       n\n"
	    "--------  --\n"
	    "中文客户   1\n"
	    "cafe\xCC\x81      22\n");
	table_free(t);
}

static void
test_empty_table(void **state)
{
	struct table *t = table_new();

	(void)state;
	table_column_key(t, "Client", "client", TABLE_LEFT);
	table_column_key(t, "Total", "total", TABLE_RIGHT);
	assert_written(t, TABLE_TEXT, 0, "Client  Total\n------  -----\n");
	assert_written(t, TABLE_MD, 0, "| Client | Total |\n|---|---:|\n");
	assert_written(t, TABLE_CSV, 0, "client,total\n");
	assert_written(t, TABLE_CSV, TABLE_EXCEL,
	    "\xEF\xBB\xBF" "client,total\r\n");
	assert_written(t, TABLE_JSONL, 0, "");
	table_free(t);
}

/* Missing cells: empty for people and in csv, no member in JSON. */
static void
test_missing_cells(void **state)
{
	struct table *t = table_new();

	(void)state;
	table_column_key(t, "Invoice", "invoice", TABLE_LEFT);
	table_column_key(t, "Client", "client", TABLE_LEFT);
	table_column_key(t, "Amount", "amount", TABLE_RIGHT);
	table_column_key(t, "Note", "note", TABLE_LEFT);
	table_row(t);
	table_cell_pair(t, "Total", "TOTAL");
	table_skip(t);
	table_cell(t, "9.00");
	table_row(t);
	table_cell(t, "F-1");
	table_cell(t, "");
	assert_written(t, TABLE_TEXT, 0,
	    "Invoice  Client  Amount  Note\n"
	    "-------  ------  ------  ----\n"
	    "Total              9.00\n"
	    "F-1\n");
	assert_written(t, TABLE_CSV, 0,
	    "invoice,client,amount,note\n"
	    "TOTAL,,9.00,\n"
	    "F-1,,,\n");
	assert_written(t, TABLE_JSONL, 0,
	    "{\"invoice\":\"TOTAL\",\"amount\":\"9.00\"}\n"
	    "{\"invoice\":\"F-1\",\"client\":\"\"}\n");
	table_free(t);
}

/* Columns and rows for one side only. */
static void
test_people_and_records(void **state)
{
	struct table *t = table_new();

	(void)state;
	table_column_key(t, "Cost (CNY)", "cost", TABLE_RIGHT);
	table_column_key(t, NULL, "currency", TABLE_LEFT);
	table_row(t);
	table_cell_money(t, 100000, 2);
	table_cell(t, "CNY");
	table_row_for(t, TABLE_DATA);
	table_cell(t, "5.00");
	table_cell(t, "USD");
	assert_written(t, TABLE_TEXT, 0,
	    "Cost (CNY)\n"
	    "----------\n"
	    "  1,000.00\n");
	assert_written(t, TABLE_CSV, 0,
	    "cost,currency\n1000.00,CNY\n5.00,USD\n");
	assert_written(t, table_format_named("json"), 0,
	    "{\"cost\":\"1000.00\",\"currency\":\"CNY\"}\n"
	    "{\"cost\":\"5.00\",\"currency\":\"USD\"}\n");
	table_free(t);
}

/* table_string gives what table_write writes. */
static void
test_string(void **state)
{
	struct table *t = aging();
	char *s = table_string(t, TABLE_MD), *w = written(t, TABLE_MD, 0);

	(void)state;
	assert_string_equal(s, w);
	free(s);
	free(w);
	table_free(t);
}

/* A row takes as many cells as there are columns; more are dropped. */
static void
test_extra_cells(void **state)
{
	struct table *t = table_new();

	(void)state;
	table_column(t, "a", TABLE_LEFT);
	table_cell(t, "1");
	table_cell(t, "2");
	assert_written(t, TABLE_CSV, 0, "a\n1\n");
	table_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_md),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_jsonl),
		cmocka_unit_test(test_newline_in_cell),
		cmocka_unit_test(test_no_trailing_blanks),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_chinese_width),
		cmocka_unit_test(test_empty_table),
		cmocka_unit_test(test_missing_cells),
		cmocka_unit_test(test_people_and_records),
		cmocka_unit_test(test_extra_cells),
		cmocka_unit_test(test_string),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
