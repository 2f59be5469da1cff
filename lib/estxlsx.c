/*
 * The estimate as an Excel workbook for the client.  See estreport.h;
 * amounts become Excel numbers through xlsxcell.h.
 */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "estreport.h"
#include "jsontext.h"
#include "xlsxcell.h"


static const char *
text_of(json_t *obj, const char *name, char *buf)
{
	json_t *v = json_object_get(obj, name);
	const char *s = v ? json_scalar_text(v, buf) : NULL;

	return s && *s ? s : NULL;
}

static void
put_formula(lxw_worksheet *ws, int row, int col, const char *formula,
    int64_t v, int digits, lxw_format *fmt)
{
	worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)col,
	    formula, fmt, xlsx_value(v, digits));
}

static void
put_qty(lxw_worksheet *ws, int row, int col, const char *s,
    lxw_format *fmt)
{
	struct decimal d;

	if (s == NULL)
		return;
	if (decimal_parse(s, &d, NULL) == 0 && xlsx_exact(d.coef) &&
	    d.scale <= 15)
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
		    xlsx_value(d.coef, d.scale), fmt);
	else
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s,
		    fmt);
}

static void
put_text(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *fmt)
{
	if (s)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s,
		    fmt);
}

int
estimate_write_xlsx(const char *path, json_t *est,
    const struct estimate_totals *t, int zh, struct ae_error *err)
{
	static const char *const heads_zh[] = { "序号", "项目", "数量", "单位",
		"单价", "金额" };
	static const char *const heads_en[] = { "No.", "Item", "Qty", "Unit",
		"Rate", "Amount" };
	const char *const *heads = zh ? heads_zh : heads_en;
	char buf[JSONTEXT_BUFSIZE], f[4096], label[128];
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_format *bold, *money, *money_bold, *head;
	json_t *lines = json_object_get(est, "lines"), *line;
	int row = 0, first, sub_rows[1024], nsub = 0, sub_row, comm_row, tax_row;
	size_t s, i, no = 0;
	lxw_error rc;

	if (wb == NULL)
		return ae_error_set(err, AE_ECANTCREAT, "cannot create the "
		    "workbook");
	ws = workbook_add_worksheet(wb, zh ? "估价单" : "Estimate");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bottom(head, LXW_BORDER_THIN);
	money = workbook_add_format(wb);
	format_set_num_format(money, xlsx_money_format(t->digits));
	money_bold = workbook_add_format(wb);
	format_set_num_format(money_bold, xlsx_money_format(t->digits));
	format_set_bold(money_bold);
	worksheet_set_column(ws, 0, 0, 6, NULL);
	worksheet_set_column(ws, 1, 1, 36, NULL);
	worksheet_set_column(ws, 2, 3, 8, NULL);
	worksheet_set_column(ws, 4, 5, 16, NULL);

	snprintf(label, sizeof(label), "%s %s", zh ? "估价单" :
	    "Production estimate", text_of(est, "estimate", buf) ?
	    text_of(est, "estimate", buf) : "");
	put_text(ws, row++, 0, label, bold);
	put_text(ws, row, 0, zh ? "客户" : "Client", bold);
	put_text(ws, row++, 1, text_of(est, "client", buf), NULL);
	put_text(ws, row, 0, zh ? "工作号" : "Job", bold);
	put_text(ws, row++, 1, text_of(est, "job", buf), NULL);
	put_text(ws, row, 0, zh ? "日期" : "Date", bold);
	put_text(ws, row++, 1, text_of(est, "date", buf), NULL);
	put_text(ws, row, 0, zh ? "有效期至" : "Valid until", bold);
	put_text(ws, row++, 1, text_of(est, "valid_until", buf), NULL);
	put_text(ws, row, 0, zh ? "币种" : "Currency", bold);
	put_text(ws, row++, 1, t->currency, NULL);
	row++;
	for (i = 0; i < 6; i++)
		put_text(ws, row, (int)i, heads[i], head);
	row++;
	for (s = 0; s < t->nsections && nsub < 1024; s++) {
		if (t->sections[s].name[0])
			put_text(ws, row++, 1, t->sections[s].name, bold);
		first = row;
		json_array_foreach(lines, i, line) {
			if (t->section_of[i] != s)
				continue;
			worksheet_write_number(ws, (lxw_row_t)row, 0, ++no, NULL);
			put_text(ws, row, 1, text_of(line, "item", buf), NULL);
			put_qty(ws, row, 2, text_of(line, "qty", buf), NULL);
			put_text(ws, row, 3, text_of(line, "unit", buf), NULL);
			if (text_of(line, "rate", buf)) {
				int64_t r;

				if (money_parse(text_of(line, "rate", buf),
				    t->digits, NULL, &r, NULL) == 0)
					xlsx_put_money(ws, row, 4, r, t->digits,
					    money, money);
			}
			xlsx_put_money(ws, row, 5, t->amounts[i], t->digits,
			    money, money);
			row++;
		}
		put_text(ws, row, 1, zh ? "小计" : "Subtotal", bold);
		if (row > first)
			snprintf(f, sizeof(f), "=SUM(F%d:F%d)", first + 1, row);
		else
			snprintf(f, sizeof(f), "=0");
		put_formula(ws, row, 5, f, t->sections[s].subtotal, t->digits,
		    money_bold);
		sub_rows[nsub++] = ++row;
		row++;
	}
	sub_row = row;
	strcpy(f, "=0");
	for (i = 0; i < (size_t)nsub; i++) {
		size_t n = strlen(f);

		if (n + 16 < sizeof(f))
			snprintf(f + (i == 0 ? 1 : n), sizeof(f) - n, "%sF%d",
			    i == 0 ? "" : "+", sub_rows[i]);
	}
	put_text(ws, row, 1, zh ? "制作费小计" : "Production subtotal", bold);
	put_formula(ws, row++, 5, f, t->subtotal, t->digits, money_bold);
	snprintf(label, sizeof(label), "%s (%s%%)", zh ? "代理佣金" :
	    "Agency commission", text_of(est, "commission", buf) ?
	    text_of(est, "commission", buf) : "0");
	comm_row = row;
	put_text(ws, row, 1, label, NULL);
	xlsx_put_money(ws, row++, 5, t->commission_amount, t->digits, money,
	    money);
	snprintf(label, sizeof(label), "%s (%s%%)", zh ? "税金" : "Tax",
	    text_of(est, "tax", buf) ? text_of(est, "tax", buf) : "0");
	tax_row = row;
	put_text(ws, row, 1, label, NULL);
	xlsx_put_money(ws, row++, 5, t->tax_amount, t->digits, money, money);
	snprintf(f, sizeof(f), "=F%d+F%d+F%d", sub_row + 1, comm_row + 1,
	    tax_row + 1);
	put_text(ws, row, 1, zh ? "总计" : "Total", bold);
	put_formula(ws, row++, 5, f, t->total, t->digits, money_bold);
	row++;
	put_text(ws, row++, 0, zh ? "客户签回确认" : "Client approval", bold);
	put_text(ws, row, 0, zh ? "签字" : "Signed", NULL);
	put_text(ws, row++, 1, text_of(est, "approved_by", buf), NULL);
	put_text(ws, row, 0, zh ? "日期" : "Date", NULL);
	put_text(ws, row++, 1, text_of(est, "approved_on", buf), NULL);
	if ((rc = workbook_close(wb)) != LXW_NO_ERROR)
		return ae_error_set(err, AE_EIO, "cannot write the workbook: "
		    "%s", lxw_strerror(rc));
	return 0;
}
