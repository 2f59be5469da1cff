/*
 * xlsxcell.h — exact amounts into Excel number cells.
 *
 * xlsx stores a number cell as an IEEE double, so this is where an amount
 * leaves the exact world, at the last step and nowhere else: minor units V
 * with |V| < 2^53 divided by 10^DIGITS is one correctly rounded division of
 * two exact doubles, the double nearest the decimal amount, the same one
 * Excel makes of the typed text.  Nothing is computed with it; an amount
 * too large to be exact is written as text instead.
 *
 * It is also where a workbook's failures are kept: every libxlsxwriter
 * call's status goes through xlsx_note(), the first failure is kept with
 * its cell, and xlsx_close() makes it the writer's error.  A text longer
 * than the 32,767 characters an Excel cell holds is refused, never cut
 * short or left out.
 */
#ifndef AEKIT_XLSXCELL_H
#define AEKIT_XLSXCELL_H

#include <stdint.h>

#include <xlsxwriter.h>

#include "error.h"

/* The first failure among the calls writing one workbook. */
struct xlsx_status {
	lxw_error e;	   /* LXW_NO_ERROR while all is well */
	const char *sheet; /* the sheet being written, or NULL */
	const char *where; /* the sheet of the failure */
	int row, col;	   /* its cell; -1: no cell's */
	size_t chars;	   /* a text too long: its length */
};

/* Keeps E when it is the first failure (not a cell's). */
void xlsx_note(struct xlsx_status *st, lxw_error e);

/* Keeps E when it is the first failure, at cell ROW, COL. */
void xlsx_note_cell(struct xlsx_status *st, lxw_error e, int row, int col);

/* P, noting a failure when it is NULL (a sheet, format or chart). */
void *xlsx_note_ptr(struct xlsx_status *st, void *p);

/* Writes text S (NULL: nothing) at ROW, COL, noting a failure. */
void xlsx_put_text(struct xlsx_status *st, lxw_worksheet *ws, int row, int col,
    const char *s, lxw_format *fmt);

/*
 * Closes (and frees) WB whatever happened, then reports the first
 * failure of ST or of the close as ERR: a text too long for a
 * cell is bad data (AE_EDATA, naming the sheet, the cell and the
 * length), any other failure AE_EIO.  0 when all went well.
 */
int xlsx_close(lxw_workbook *wb, struct xlsx_status *st, struct ae_error *err);

/* Whether V minor units can be a number cell exactly. */
int xlsx_exact(int64_t v);

/* The cell value of V (DIGITS minor digits); 0 when not exact. */
double xlsx_value(int64_t v, int digits);

/*
 * Writes V as a number cell in FMT, or, when it is not exact, as its
 * grouped decimal text in TEXT_FMT, noting a failure.
 */
void xlsx_put_money(struct xlsx_status *st, lxw_worksheet *ws, int row, int col,
    int64_t v, int digits, lxw_format *fmt, lxw_format *text_fmt);

/* Writes formula F in FMT with V, our exact figure, as its cached value. */
void xlsx_put_money_formula(struct xlsx_status *st, lxw_worksheet *ws, int row,
    int col, const char *f, int64_t v, int digits, lxw_format *fmt);

/*
 * A workbook's amount formats: plain and bold (totals), one for each
 * number of minor digits 0 to 3, and the text format of an amount too
 * large to be an exact number cell.
 */
struct xlsx_money {
	lxw_format *plain[4], *bold[4], *text;
};

/* The format of M for DIGITS, bold or not. */
lxw_format *xlsx_money_fmt(const struct xlsx_money *m, int digits, int bold);

/* "#,##0.00" for DIGITS 2 and so on: the number format of an amount. */
const char *xlsx_money_format(int digits);

#endif
