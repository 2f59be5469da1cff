/*
 * table.h — the one table output: columns and rows given once, written
 * for people as an aligned text table (display width, utf8proc, so
 * Chinese, ASCII and mixed cells line up) or a Markdown table, and as
 * records in CSV (RFC 4180, through the writer's CSV cells) or JSON
 * Lines (one object per row).
 *
 *	struct table *t = table_new();
 *	table_column_key(t, _("Client"), "client", TABLE_LEFT);
 *	table_column_key(t, _("Balance"), "balance", TABLE_RIGHT);
 *	table_row(t);
 *	table_cell(t, "上海某某");
 *	table_cell_money(t, 123450, 2);
 *	table_write(t, table_format_named(c->format), flags, stdout);
 *	table_free(t);
 *
 * A column has a heading (text, md) and a key (csv header, JSON member
 * name); a column with no heading is for records only, one with no key
 * for people only.  Rows and rules likewise say where they appear.
 * A cell may show one text to people and give another value to records
 * (grouped "1,234.50" and plain "1234.50"; "Total" and "TOTAL").
 * A newline in a cell never breaks a row: text wraps the cell within
 * its column, md writes <br>, csv quotes it, JSON escapes it.
 */
#ifndef AEKIT_TABLE_H
#define AEKIT_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum table_align {
	TABLE_LEFT,
	TABLE_RIGHT /* amounts, counts, days */
};

enum table_format {
	TABLE_TEXT,
	TABLE_MD,
	TABLE_CSV,
	TABLE_JSONL
};

/* Where a row appears (a mask). */
#define TABLE_PEOPLE 1 /* text and md */
#define TABLE_DATA 2   /* csv and JSON Lines */
#define TABLE_ALL (TABLE_PEOPLE | TABLE_DATA)

/* Flags of table_write: the writer's CSV_EXCEL (BOM, CRLF, guards). */
#define TABLE_EXCEL 1
#define TABLE_NO_HEADER 2 /* csv: rows only, to add to a file */

struct table *table_new(void);
void table_free(struct table *t);

/* Adds a column with its heading; its key for records is the heading. */
void table_column(struct table *t, const char *heading, enum table_align align);

/*
 * Adds a column with a HEADING for people and a KEY for records; NULL
 * HEADING: in csv and JSON only; NULL KEY: in text and md only.
 */
void table_column_key(struct table *t, const char *heading, const char *key,
    enum table_align align);

/*
 * Text output wraps the cells of the last column added at WIDTH display
 * columns (at a space where there is one, else between characters).
 */
void table_column_wrap(struct table *t, size_t width);

/* Starts a new row; cells then fill it left to right. */
void table_row(struct table *t);

/* Starts a row that appears only in WHERE (TABLE_PEOPLE, TABLE_DATA). */
void table_row_for(struct table *t, int where);

/* TEXT for every format; NULL is a missing cell (see table_skip). */
void table_cell(struct table *t, const char *text);
void table_cellf(struct table *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * SHOWN in text and md, VALUE in csv and JSON (NULL VALUE: missing
 * there, an empty CSV cell and no JSON member).
 */
void table_cell_pair(struct table *t, const char *shown, const char *value);

/* A whole number: a JSON number in JSON Lines. */
void table_cell_int(struct table *t, long long n);

/*
 * An amount of minor units with DIGITS minor digits: grouped for people
 * (1,234.50), a plain decimal for records (1234.50, a JSON string), as
 * SPEC §1 says.
 */
void table_cell_money(struct table *t, int64_t minor, int digits);

/* A missing cell: empty in text, md and csv, no member in JSON. */
void table_skip(struct table *t);

/*
 * Adds a separator line (before totals), for people only: dashes in
 * text; in md the rows after it are set in bold.
 */
void table_rule(struct table *t);

/* The format of a --format name: text, md, csv, json (else text). */
enum table_format table_format_named(const char *name);

/*
 * Writes T in FORMAT.  Text: the heading, a rule, and the rows; columns
 * two spaces apart, no trailing blanks.  Md: a pipe table, pipes
 * escaped.  Csv: a header of keys (also for no rows), then the rows.
 * JSON Lines: an object per row.  Missing cells print empty.
 */
void table_write(const struct table *t, enum table_format format, int flags,
    FILE *out);

/*
 * What table_write(T, FORMAT, 0, ...) writes, as a new string (free()
 * it), for a document that takes the table as one value.
 */
char *table_string(const struct table *t, enum table_format format);

/* table_write(T, TABLE_TEXT, 0, OUT). */
void table_print(const struct table *t, FILE *out);

#endif
