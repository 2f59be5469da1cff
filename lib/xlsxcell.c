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

lxw_error
xlsx_put_money(lxw_worksheet *ws, int row, int col, int64_t v, int digits,
    lxw_format *fmt, lxw_format *text_fmt)
{
	char buf[MONEY_BUFSIZE];

	if (xlsx_exact(v))
		return worksheet_write_number(ws, (lxw_row_t)row,
		    (lxw_col_t)col, xlsx_value(v, digits), fmt);
	money_format(v, digits, 1, buf, sizeof(buf));
	return worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, buf,
	    text_fmt);
}

const char *
xlsx_money_format(int digits)
{
	static const char *const formats[] = { "#,##0", "#,##0.0", "#,##0.00",
	    "#,##0.000" };

	return formats[digits < 0 ? 0 : digits > 3 ? 3 : digits];
}
