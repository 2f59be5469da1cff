/*
 * The forecast workbook.  Amounts become Excel numbers through xlsxcell.h
 * at the last step; the totals are our exact figures, cached beside the
 * SUM and SUMIFS formulas that a reader may recompute.  Every call into
 * libxlsxwriter that reports a status is checked: the first failure is
 * kept and ends the workbook with an error.
 */
#include <string.h>

#include <xlsxwriter.h>

#include "forecast_xlsx.h"
#include "i18n.h"
#include "money.h"
#include "text.h"
#include "xlsxcell.h"

#define HEAD_ROW 3
#define FIRST_COL 3   /* the periods start in column D */
#define CHART_ROWS 18 /* rows a chart takes */

static const char *const figures[] = { N_("Forecast"), N_("Invoiced"),
	N_("Variance"), N_("Variance %") };

struct book {
	lxw_workbook *wb;
	lxw_format *title, *head, *head_num, *bold, *pct, *pct_bold;
	struct xlsx_money m;
	struct xlsx_status st; /* the first failure */
};

static void
check(struct book *b, lxw_error e)
{
	xlsx_note(&b->st, e);
}

static void *
check_ptr(struct book *b, void *p)
{
	return xlsx_note_ptr(&b->st, p);
}

static lxw_format *
new_format(struct book *b, int bold, const char *num_format)
{
	lxw_format *f = check_ptr(b, workbook_add_format(b->wb));

	if (f == NULL)
		return NULL;
	if (bold)
		format_set_bold(f);
	if (num_format)
		format_set_num_format(f, num_format);
	return f;
}

static void
make_formats(struct book *b)
{
	int i;

	b->title = new_format(b, 1, NULL);
	b->head = new_format(b, 1, NULL);
	b->head_num = new_format(b, 1, NULL);
	b->bold = new_format(b, 1, NULL);
	b->m.text = new_format(b, 0, NULL);
	b->pct = new_format(b, 0, "0.0%");
	b->pct_bold = new_format(b, 1, "0.0%");
	for (i = 0; i < 4; i++) {
		b->m.plain[i] = new_format(b, 0, xlsx_money_format(i));
		b->m.bold[i] = new_format(b, 1, xlsx_money_format(i));
	}
	if (b->st.e != LXW_NO_ERROR)
		return;
	format_set_font_size(b->title, 14);
	format_set_bottom(b->head, LXW_BORDER_THIN);
	format_set_bottom(b->head_num, LXW_BORDER_THIN);
	format_set_align(b->head_num, LXW_ALIGN_RIGHT);
	format_set_align(b->m.text, LXW_ALIGN_RIGHT);
}

static void
put_string(struct book *b, lxw_worksheet *ws, int row, int col, const char *s,
    lxw_format *f)
{
	xlsx_put_text(&b->st, ws, row, col, s, f);
}

/* Variance % as a ratio cell (0.125 is 12.5%), blank at zero forecast. */
static void
put_pct(struct book *b, lxw_worksheet *ws, int row, int col,
    const struct forecast_cell *c, int bold)
{
	int64_t pct10;

	if (forecast_variance_pct10(c, &pct10) != 0)
		return;
	xlsx_note_cell(&b->st,
	    worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
		xlsx_value(pct10, 3), bold ? b->pct_bold : b->pct),
	    row, col);
}

static int64_t
figure_of(const struct forecast_cell *c, int f)
{
	return f == 0 ? c->forecast : f == 1 ? c->actual : c->variance;
}

static void
heading(struct book *b, lxw_worksheet *ws, const struct forecast_report *rep)
{
	char label[256];
	int p;

	put_string(b, ws, 0, 0, forecast_title(rep, label, sizeof(label)),
	    b->title);
	put_string(b, ws, HEAD_ROW, 0, forecast_group_heading(rep->opts->by),
	    b->head);
	put_string(b, ws, HEAD_ROW, 1, _("Currency"), b->head);
	put_string(b, ws, HEAD_ROW, 2, "", b->head);
	for (p = 0; p < rep->nperiods; p++) {
		forecast_period_label(rep->first + p, rep->quarterly, label,
		    sizeof(label));
		put_string(b, ws, HEAD_ROW, FIRST_COL + p, label, b->head_num);
	}
	put_string(b, ws, HEAD_ROW, FIRST_COL + rep->nperiods, _("Total"),
	    b->head_num);
}

/* The four lines of row R from sheet row ROW; the total by SUM. */
static void
put_row(struct book *b, lxw_worksheet *ws, const struct forecast_report *rep,
    const struct forecast_row *r, int row)
{
	char first[16], last[16], f[64];
	int k, p, n = rep->nperiods;

	for (k = 0; k < 4; k++, row++) {
		put_string(b, ws, row, 0, *r->group ? r->group : _("(none)"),
		    NULL);
		put_string(b, ws, row, 1, r->currency, NULL);
		put_string(b, ws, row, 2, _(figures[k]), NULL);
		for (p = 0; p <= n; p++) {
			if (k == 3)
				put_pct(b, ws, row, FIRST_COL + p, &r->cells[p],
				    0);
			else if (p < n)
				xlsx_put_money(&b->st, ws, row, FIRST_COL + p,
				    figure_of(&r->cells[p], k), r->digits,
				    xlsx_money_fmt(&b->m, r->digits, 0),
				    b->m.text);
		}
		if (k == 3)
			continue;
		lxw_rowcol_to_cell(first, (lxw_row_t)row, FIRST_COL);
		lxw_rowcol_to_cell(last, (lxw_row_t)row,
		    (lxw_col_t)(FIRST_COL + n - 1));
		snprintf(f, sizeof(f), "=SUM(%s:%s)", first, last);
		xlsx_put_money_formula(&b->st, ws, row, FIRST_COL + n, f,
		    figure_of(&r->cells[n], k), r->digits,
		    xlsx_money_fmt(&b->m, r->digits, 0));
	}
}

/* The totals of one currency: SUMIFS over currency and figure columns. */
static void
put_total(struct book *b, lxw_worksheet *ws, const struct forecast_report *rep,
    const struct forecast_row *t, int row, int last_row)
{
	char col[8], f[512];
	int k, p, first = HEAD_ROW + 1;

	for (k = 0; k < 4; k++, row++) {
		put_string(b, ws, row, 0, _("Total"), b->bold);
		put_string(b, ws, row, 1, t->currency, b->bold);
		put_string(b, ws, row, 2, _(figures[k]), b->bold);
		for (p = 0; p <= rep->nperiods; p++) {
			if (k == 3) {
				put_pct(b, ws, row, FIRST_COL + p, &t->cells[p],
				    1);
				continue;
			}
			lxw_col_to_name(col, (lxw_col_t)(FIRST_COL + p), 0);
			snprintf(f, sizeof(f),
			    "=SUMIFS(%s%d:%s%d,$B$%d:$B$%d,"
			    "\"%s\",$C$%d:$C$%d,\"%s\")",
			    col, first + 1, col, last_row + 1, first + 1,
			    last_row + 1, t->currency, first + 1, last_row + 1,
			    _(figures[k]));
			xlsx_put_money_formula(&b->st, ws, row, FIRST_COL + p,
			    f, figure_of(&t->cells[p], k), t->digits,
			    xlsx_money_fmt(&b->m, t->digits, 1));
		}
	}
}

/* Forecast against invoiced for currency T, from its total lines at ROW. */
static void
chart(struct book *b, lxw_worksheet *ws, const char *sheet,
    const struct forecast_report *rep, const struct forecast_row *t, int row,
    int at)
{
	lxw_chart *ch =
	    check_ptr(b, workbook_add_chart(b->wb, LXW_CHART_COLUMN));
	lxw_chart_series *s;
	char text[256];
	int k;

	if (ch == NULL || rep->nperiods == 0)
		return;
	for (k = 0; k < 2; k++) {
		if ((s = check_ptr(b, chart_add_series(ch, NULL, NULL))) ==
		    NULL)
			return;
		chart_series_set_categories(s, sheet, HEAD_ROW, FIRST_COL,
		    HEAD_ROW, (lxw_col_t)(FIRST_COL + rep->nperiods - 1));
		chart_series_set_values(s, sheet, (lxw_row_t)(row + k),
		    FIRST_COL, (lxw_row_t)(row + k),
		    (lxw_col_t)(FIRST_COL + rep->nperiods - 1));
		chart_series_set_name_range(s, sheet, (lxw_row_t)(row + k), 2);
	}
	snprintf(text, sizeof(text), _("Forecast against invoiced (%s)"),
	    t->currency);
	chart_title_set_name(ch, text);
	chart_axis_set_num_format(ch->y_axis, xlsx_money_format(t->digits));
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	check(b, worksheet_insert_chart(ws, (lxw_row_t)at, 0, ch));
}

/* Column widths, in characters: the widest cell, within reason. */
static void
set_widths(struct book *b, lxw_worksheet *ws, const struct forecast_report *rep)
{
	size_t w = text_width(forecast_group_heading(rep->opts->by)) + 2, i;

	for (i = 0; i < rep->nrows && i < 2000; i++)
		if (text_width(rep->rows[i].group) + 2 > w)
			w = text_width(rep->rows[i].group) + 2;
	check(b, worksheet_set_column(ws, 0, 0, w > 48 ? 48 : w, NULL));
	check(b, worksheet_set_column(ws, 1, 1, 10, NULL));
	check(b, worksheet_set_column(ws, 2, 2, 14, NULL));
	check(b,
	    worksheet_set_column(ws, FIRST_COL,
		(lxw_col_t)(FIRST_COL + rep->nperiods), 16, NULL));
}

static void
sheet(struct book *b, const struct forecast_report *rep, const char *name)
{
	lxw_worksheet *ws = check_ptr(b, workbook_add_worksheet(b->wb, name));
	int row = HEAD_ROW + 1, last, totals;
	size_t i;

	if (ws == NULL)
		return;
	b->st.sheet = name;
	heading(b, ws, rep);
	for (i = 0; i < rep->nrows; i++, row += 4)
		put_row(b, ws, rep, &rep->rows[i], row);
	last = row - 1;
	totals = ++row;
	for (i = 0; i < rep->ntotals; i++, row += 4)
		put_total(b, ws, rep, &rep->totals[i], row, last);
	for (i = 0; i < rep->ntotals; i++)
		chart(b, ws, name, rep, &rep->totals[i], totals + 4 * (int)i,
		    row + 1 + CHART_ROWS * (int)i);
	set_widths(b, ws, rep);
	worksheet_freeze_panes(ws, HEAD_ROW + 1, FIRST_COL);
}

int
forecast_write_xlsx(const struct forecast_report *monthly,
    const struct forecast_report *quarterly, const char *path,
    struct ae_error *err)
{
	struct book b = { 0 };
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE,
		.tmpdir = NULL,
		.use_zip64 = LXW_TRUE };
	char title[256];

	b.wb = workbook_new_opt(path, &opt);
	if (b.wb == NULL)
		return ae_error_set(err, AE_ECANTCREAT, "cannot create '%s'",
		    path);
	make_formats(&b);
	forecast_title(monthly, title, sizeof(title));
	check(&b,
	    workbook_set_properties(b.wb,
		&(lxw_doc_properties){ .title = title }));
	if (b.st.e == LXW_NO_ERROR)
		sheet(&b, monthly, _("Monthly"));
	if (b.st.e == LXW_NO_ERROR)
		sheet(&b, quarterly, _("Quarterly"));
	/* The workbook is closed (and freed) whatever happened. */
	return xlsx_close(b.wb, &b.st, err);
}
