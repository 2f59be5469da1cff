/*
 * table.h — text tables for people: columns aligned by display width
 * (utf8proc), so Chinese, ASCII and mixed cells line up in a terminal.
 *
 *	struct table *t = table_new();
 *	table_column(t, _("Client"), TABLE_LEFT);
 *	table_column(t, _("Balance"), TABLE_RIGHT);
 *	table_row(t); table_cell(t, "上海某某"); table_cell(t, "1,234.50");
 *	table_print(t, stdout);
 *	table_free(t);
 */
#ifndef AEKIT_TABLE_H
#define AEKIT_TABLE_H

#include <stdio.h>

enum table_align {
	TABLE_LEFT,
	TABLE_RIGHT		/* amounts, counts, days */
};

struct table *table_new(void);
void table_free(struct table *t);

/* Adds a column with its heading. */
void table_column(struct table *t, const char *heading, enum table_align align);

/* Starts a new row; cells then fill it left to right. */
void table_row(struct table *t);
void table_cell(struct table *t, const char *text);
void table_cellf(struct table *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Adds a separator line (before totals). */
void table_rule(struct table *t);

/*
 * Prints the heading, a rule, and the rows; columns two spaces apart, no
 * trailing blanks.  Missing cells print empty.
 */
void table_print(const struct table *t, FILE *out);

#endif
