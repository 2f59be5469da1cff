#include <stdio.h>

#include "money.h"
#include "xlsxcell.h"

#define EXACT_LIMIT ((int64_t)1 << 53)

int
xlsx_exact(int64_t v)
{
	return v > -EXACT_LIMIT && v < EXACT_LIMIT;
}

double
xlsx_value(int64_t v, int digits)
{
	double scale = 1;

	if (!xlsx_exact(v))
		return 0;
	while (digits-- > 0)
		scale *= 10;
	return (double)v / scale;
}

void
xlsx_put_money(struct xlsx_status *st, lxw_worksheet *ws, int row, int col,
    int64_t v, int digits, lxw_format *fmt, lxw_format *text_fmt)
{
	char buf[MONEY_BUFSIZE];

	if (xlsx_exact(v)) {
		xlsx_note_cell(st,
		    worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
			xlsx_value(v, digits), fmt),
		    row, col);
		return;
	}
	money_format(v, digits, 1, buf, sizeof(buf));
	xlsx_put_text(st, ws, row, col, buf, text_fmt);
}

void
xlsx_put_money_formula(struct xlsx_status *st, lxw_worksheet *ws, int row,
    int col, const char *f, int64_t v, int digits, lxw_format *fmt)
{
	xlsx_note_cell(st,
	    worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)col, f,
		fmt, xlsx_value(v, digits)),
	    row, col);
}

static int
digits_index(int digits)
{
	return digits < 0 ? 0 : digits > 3 ? 3 : digits;
}

lxw_format *
xlsx_money_fmt(const struct xlsx_money *m, int digits, int bold)
{
	return (bold ? m->bold : m->plain)[digits_index(digits)];
}

const char *
xlsx_money_format(int digits)
{
	static const char *const formats[] = { "#,##0", "#,##0.0", "#,##0.00",
		"#,##0.000" };

	return formats[digits_index(digits)];
}

void
xlsx_note_cell(struct xlsx_status *st, lxw_error e, int row, int col)
{
	if (e == LXW_NO_ERROR || st->e != LXW_NO_ERROR)
		return;
	st->e = e;
	st->where = st->sheet;
	st->row = row;
	st->col = col;
}

void
xlsx_note(struct xlsx_status *st, lxw_error e)
{
	xlsx_note_cell(st, e, -1, -1);
}

void *
xlsx_note_ptr(struct xlsx_status *st, void *p)
{
	if (p == NULL)
		xlsx_note(st, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return p;
}

/* The characters (code points) of UTF-8 text S. */
static size_t
chars_of(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

void
xlsx_put_text(struct xlsx_status *st, lxw_worksheet *ws, int row, int col,
    const char *s, lxw_format *fmt)
{
	lxw_error e;

	if (s == NULL || ws == NULL)
		return;
	e = worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, fmt);
	if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED && st->e == LXW_NO_ERROR)
		st->chars = chars_of(s);
	xlsx_note_cell(st, e, row, col);
}

/* "H5" for row 4, column 7 (from 0). */
static void
cell_name(int row, int col, char *buf, size_t size)
{
	char letters[8];
	int n = 0, i;

	col++;
	while (col > 0 && n < (int)sizeof(letters)) {
		letters[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n && (size_t)i + 1 < size; i++)
		buf[i] = letters[n - 1 - i];
	snprintf(buf + i, size - (size_t)i, "%d", row + 1);
}

int
xlsx_close(lxw_workbook *wb, struct xlsx_status *st, struct ae_error *err)
{
	lxw_error e = workbook_close(wb);
	char cell[32];

	xlsx_note(st, e);
	if (st->e == LXW_NO_ERROR)
		return 0;
	if (st->e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
		cell_name(st->row, st->col, cell, sizeof(cell));
		return ae_error_set(err, AE_EDATA,
		    "cannot write the workbook: "
		    "the text for cell %s of sheet '%s' is %zu characters, "
		    "more than the 32767 an Excel cell holds",
		    cell, st->where ? st->where : "", st->chars);
	}
	if (st->row >= 0) {
		cell_name(st->row, st->col, cell, sizeof(cell));
		return ae_error_set(err, AE_EIO,
		    "cannot write the workbook: "
		    "cell %s of sheet '%s': %s",
		    cell, st->where ? st->where : "", lxw_strerror(st->e));
	}
	return ae_error_set(err, AE_EIO, "cannot write the workbook: %s",
	    lxw_strerror(st->e));
}
