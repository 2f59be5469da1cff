/*
 * xlsxcell.h — exact amounts into Excel number cells.
 *
 * xlsx stores a number cell as an IEEE double, so this is where an amount
 * leaves the exact world, at the last step and nowhere else: minor units V
 * with |V| < 2^53 divided by 10^DIGITS is one correctly rounded division of
 * two exact doubles, the double nearest the decimal amount, the same one
 * Excel makes of the typed text.  Nothing is computed with it; an amount
 * too large to be exact is written as text instead.
 */
#ifndef AEKIT_XLSXCELL_H
#define AEKIT_XLSXCELL_H

#include <stdint.h>

#include <xlsxwriter.h>

/* Whether V minor units can be a number cell exactly. */
int xlsx_exact(int64_t v);

/* The cell value of V (DIGITS minor digits); 0 when not exact. */
double xlsx_value(int64_t v, int digits);

/*
 * Writes V as a number cell in FMT, or, when it is not exact, as its
 * grouped decimal text in TEXT_FMT.  Returns libxlsxwriter's status.
 */
lxw_error xlsx_put_money(lxw_worksheet *ws, int row, int col, int64_t v,
    int digits, lxw_format *fmt, lxw_format *text_fmt);

/* "#,##0.00" for DIGITS 2 and so on: the number format of an amount. */
const char *xlsx_money_format(int digits);

#endif
