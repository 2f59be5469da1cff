/*
 * The estimate as an Excel workbook for the client.  See estimate_report.h;
 * amounts become Excel numbers through xlsxcell.h.  Every computed cell
 * is a formula with its cached value, so the sheet stays right when the
 * client's purchaser changes a quantity or a rate in Excel.
 */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "capital.h"
#include "estimate_report.h"
#include "jsontext.h"
#include "strbuf.h"
#include "xlsxcell.h"

/* The sheet being written and the first libxlsxwriter failure. */
struct sheet {
	lxw_worksheet *ws;
	lxw_format *bold, *money, *money_bold, *head;
	int digits;
	struct xlsx_status st;
};

static void
note(struct sheet *sh, lxw_error rc)
{
	xlsx_note(&sh->st, rc);
}

static const char *
text_of(json_t *obj, const char *name, char *buf)
{
	json_t *v = json_object_get(obj, name);
	const char *s = v ? json_scalar_text(v, buf) : NULL;

	return s && *s ? s : NULL;
}

static void
put_formula(struct sheet *sh, int row, int col, const char *formula, int64_t v,
    lxw_format *fmt)
{
	xlsx_put_money_formula(&sh->st, sh->ws, row, col, formula, v,
	    sh->digits, fmt);
}

static void
put_text(struct sheet *sh, int row, int col, const char *s, lxw_format *fmt)
{
	xlsx_put_text(&sh->st, sh->ws, row, col, s, fmt);
}

static void
put_money(struct sheet *sh, int row, int col, int64_t v, lxw_format *fmt)
{
	xlsx_put_money(&sh->st, sh->ws, row, col, v, sh->digits, fmt, fmt);
}

/* The qty as a number cell; 0 when it could only be text. */
static int
put_qty(struct sheet *sh, int row, const char *s)
{
	struct decimal d = { 1, 0 };

	if (s &&
	    (decimal_parse(s, &d, NULL) != 0 || !xlsx_exact(d.coef) ||
		d.scale > 15)) {
		put_text(sh, row, 2, s, NULL);
		return 0;
	}
	xlsx_note_cell(&sh->st,
	    worksheet_write_number(sh->ws, (lxw_row_t)row, 2,
		xlsx_value(d.coef, d.scale), NULL),
	    row, 2);
	return 1;
}

/* One line: amount =ROUND(qty × rate) when both are number cells. */
static void
put_line(struct sheet *sh, json_t *line, int row, size_t no, int64_t amount)
{
	char buf[JSONTEXT_BUFSIZE], f[64];
	const char *rs = text_of(line, "rate", buf);
	int64_t r;
	int formula = 0;

	note(sh,
	    worksheet_write_number(sh->ws, (lxw_row_t)row, 0, (double)no,
		NULL));
	put_text(sh, row, 1, text_of(line, "item", buf), NULL);
	put_text(sh, row, 3, text_of(line, "unit", buf), NULL);
	rs = text_of(line, "rate", buf);
	if (rs && money_parse(rs, sh->digits, NULL, &r, NULL) == 0) {
		put_money(sh, row, 4, r, sh->money);
		formula = xlsx_exact(r) &&
		    put_qty(sh, row, text_of(line, "qty", buf));
	} else {
		put_qty(sh, row, text_of(line, "qty", buf));
	}
	if (formula && xlsx_exact(amount)) {
		snprintf(f, sizeof(f), "=ROUND(C%d*E%d,%d)", row + 1, row + 1,
		    sh->digits);
		put_formula(sh, row, 5, f, amount, sh->money);
	} else {
		put_money(sh, row, 5, amount, sh->money);
	}
}

static void
put_head(struct sheet *sh, json_t *est, const struct estimate_totals *t, int zh,
    int *row)
{
	static const char *const heads_zh[] = { "序号", "项目", "数量", "单位",
		"单价", "金额" };
	static const char *const heads_en[] = { "No.", "Item", "Qty", "Unit",
		"Rate", "Amount" };
	const char *const *heads = zh ? heads_zh : heads_en;
	char buf[JSONTEXT_BUFSIZE], label[128];
	int i;

	snprintf(label, sizeof(label), "%s %s",
	    zh ? "估价单" : "Production estimate",
	    text_of(est, "estimate", buf) ? text_of(est, "estimate", buf) : "");
	put_text(sh, (*row)++, 0, label, sh->bold);
	put_text(sh, *row, 0, zh ? "客户" : "Client", sh->bold);
	put_text(sh, (*row)++, 1, text_of(est, "client", buf), NULL);
	put_text(sh, *row, 0, zh ? "工作号" : "Job", sh->bold);
	put_text(sh, (*row)++, 1, text_of(est, "job", buf), NULL);
	put_text(sh, *row, 0, zh ? "日期" : "Date", sh->bold);
	put_text(sh, (*row)++, 1, text_of(est, "date", buf), NULL);
	put_text(sh, *row, 0, zh ? "有效期至" : "Valid until", sh->bold);
	put_text(sh, (*row)++, 1, text_of(est, "valid_until", buf), NULL);
	put_text(sh, *row, 0, zh ? "币种" : "Currency", sh->bold);
	put_text(sh, (*row)++, 1, t->currency, NULL);
	(*row)++;
	for (i = 0; i < 6; i++)
		put_text(sh, *row, i, heads[i], sh->head);
	(*row)++;
}

/* "=ROUND(F24*15%,2)": a percentage of the cells in BASE. */
static void
percent_formula(char *f, size_t size, const char *base, json_t *est,
    const char *name, int digits)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *pct = text_of(est, name, buf);

	snprintf(f, size, "=ROUND(%s*%s%%,%d)", base, pct ? pct : "0", digits);
}

static void
put_totals(struct sheet *sh, json_t *est, const struct estimate_totals *t,
    int zh, int row, const char *sum)
{
	char buf[JSONTEXT_BUFSIZE], f[4096], base[64], label[128];
	int sub_row = row, comm_row, tax_row, total_row;
	struct strbuf words = STRBUF_INIT;

	put_text(sh, row, 1, zh ? "制作费小计" : "Production subtotal",
	    sh->bold);
	put_formula(sh, row++, 5, sum, t->subtotal, sh->money_bold);
	snprintf(label, sizeof(label),
	    zh ? "代理佣金（%s%%）" : "Agency commission (%s%%)",
	    text_of(est, "commission", buf) ? text_of(est, "commission", buf) :
					      "0");
	comm_row = row;
	put_text(sh, row, 1, label, NULL);
	snprintf(base, sizeof(base), "F%d", sub_row + 1);
	percent_formula(f, sizeof(f), base, est, "commission", t->digits);
	put_formula(sh, row++, 5, f, t->commission_amount, sh->money);
	snprintf(label, sizeof(label), zh ? "税金（%s%%）" : "Tax (%s%%)",
	    text_of(est, "tax", buf) ? text_of(est, "tax", buf) : "0");
	tax_row = row;
	put_text(sh, row, 1, label, NULL);
	snprintf(base, sizeof(base), "(F%d+F%d)", sub_row + 1, comm_row + 1);
	percent_formula(f, sizeof(f), base, est, "tax", t->digits);
	put_formula(sh, row++, 5, f, t->tax_amount, sh->money);
	snprintf(f, sizeof(f), "=F%d+F%d+F%d", sub_row + 1, comm_row + 1,
	    tax_row + 1);
	total_row = row;
	put_text(sh, row, 1, zh ? "总计" : "Total", sh->bold);
	put_formula(sh, row++, 5, f, t->total, sh->money_bold);
	if (t->has_deposit) {
		snprintf(label, sizeof(label),
		    zh ? "预付款（%s%%，开工前支付）" :
			 "Deposit (%s%%), payable before work starts",
		    text_of(est, "deposit", buf));
		put_text(sh, row, 1, label, NULL);
		snprintf(base, sizeof(base), "F%d", total_row + 1);
		percent_formula(f, sizeof(f), base, est, "deposit", t->digits);
		put_formula(sh, row++, 5, f, t->deposit_amount, sh->money);
	}
	if (zh && strcmp(t->currency, "CNY") == 0) {
		capital_zh(t->total, &words);
		put_text(sh, row, 1, "大写金额", sh->bold);
		put_text(sh, row++, 2, words.buf, NULL);
		strbuf_release(&words);
	}
	row++;
	put_text(sh, row++, 0,
	    zh ? "所有工作须经客户签回本估价单后方可开始。" :
		 "No work starts before the client has signed this estimate.",
	    NULL);
	put_text(sh, row++, 0, zh ? "客户签回" : "Client approval", sh->bold);
	put_text(sh, row, 0, zh ? "签字" : "Signed", NULL);
	put_text(sh, row++, 1, text_of(est, "approved_by", buf), NULL);
	put_text(sh, row, 0, zh ? "日期" : "Date", NULL);
	put_text(sh, row, 1, text_of(est, "approved_on", buf), NULL);
}

static int
formats(lxw_workbook *wb, struct sheet *sh, int digits)
{
	if ((sh->bold = workbook_add_format(wb)) == NULL ||
	    (sh->head = workbook_add_format(wb)) == NULL ||
	    (sh->money = workbook_add_format(wb)) == NULL ||
	    (sh->money_bold = workbook_add_format(wb)) == NULL)
		return -1;
	format_set_bold(sh->bold);
	format_set_bold(sh->head);
	format_set_bottom(sh->head, LXW_BORDER_THIN);
	format_set_num_format(sh->money, xlsx_money_format(digits));
	format_set_num_format(sh->money_bold, xlsx_money_format(digits));
	format_set_bold(sh->money_bold);
	return 0;
}

int
estimate_write_xlsx(const char *path, json_t *est,
    const struct estimate_totals *t, int zh, struct ae_error *err)
{
	struct sheet sh = { .digits = t->digits };
	lxw_workbook *wb = workbook_new(path);
	json_t *lines = json_object_get(est, "lines"), *line;
	struct strbuf sum = STRBUF_INIT;
	char f[64];
	int row = 0, first;
	size_t s, i, no = 0;

	if (wb == NULL)
		return ae_error_set(err, AE_ECANTCREAT,
		    "cannot create the "
		    "workbook");
	if ((sh.ws = workbook_add_worksheet(wb, zh ? "估价单" : "Estimate")) ==
		NULL ||
	    formats(wb, &sh, t->digits) != 0) {
		workbook_close(wb);
		return ae_error_set(err, AE_EIO, "cannot build the workbook");
	}
	sh.st.sheet = zh ? "估价单" : "Estimate";
	note(&sh, worksheet_set_column(sh.ws, 0, 0, 6, NULL));
	note(&sh, worksheet_set_column(sh.ws, 1, 1, 36, NULL));
	note(&sh, worksheet_set_column(sh.ws, 2, 3, 8, NULL));
	note(&sh, worksheet_set_column(sh.ws, 4, 5, 16, NULL));
	put_head(&sh, est, t, zh, &row);
	strbuf_addstr(&sum, "=0");
	for (s = 0; s < t->nsections; s++) {
		if (t->sections[s].name[0])
			put_text(&sh, row++, 1, t->sections[s].name, sh.bold);
		first = row;
		json_array_foreach(lines, i, line) if (t->section_of[i] == s)
		    put_line(&sh, line, row++, ++no, t->amounts[i]);
		put_text(&sh, row, 1, zh ? "小计" : "Subtotal", sh.bold);
		if (row > first)
			snprintf(f, sizeof(f), "=SUM(F%d:F%d)", first + 1, row);
		else
			snprintf(f, sizeof(f), "=0");
		put_formula(&sh, row, 5, f, t->sections[s].subtotal,
		    sh.money_bold);
		if (s == 0)
			strbuf_reset(&sum), strbuf_addch(&sum, '=');
		else
			strbuf_addch(&sum, '+');
		strbuf_addf(&sum, "F%d", row + 1);
		row += 2;
	}
	put_totals(&sh, est, t, zh, row, sum.buf);
	strbuf_release(&sum);
	/* The workbook is closed (and freed) whatever happened. */
	return xlsx_close(wb, &sh.st, err);
}
