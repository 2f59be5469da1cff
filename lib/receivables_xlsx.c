/*
 * The aging workbook.  Amounts become Excel numbers through xlsxcell.h, at
 * the last step.  No sum is ever taken in doubles: totals are our exact
 * figures, cached beside the SUM/SUMIF formulas.
 */
#include <string.h>

#include <xlsxwriter.h>

#include "date.h"
#include "i18n.h"
#include "money.h"
#include "receivables_xlsx.h"
#include "strbuf.h"
#include "text.h"
#include "xlsxcell.h"

#define CHART_ROWS 10

struct book {
	lxw_workbook *wb;
	lxw_format *title, *head, *head_num, *bold, *date;
	struct xlsx_money m;
	lxw_format *percent;
	const struct receivables_report *rep;
	struct xlsx_status st; /* the first failure */
};

static void
put_date(struct book *b, lxw_worksheet *ws, int row, int col, int32_t day)
{
	lxw_datetime dt = { 0 };

	date_to_ymd(day, &dt.year, &dt.month, &dt.day);
	xlsx_note_cell(&b->st,
	    worksheet_write_datetime(ws, row, col, &dt, b->date), row, col);
}

static void
make_formats(struct book *b)
{
	int i;

	b->title = xlsx_note_ptr(&b->st, workbook_add_format(b->wb));
	format_set_bold(b->title);
	format_set_font_size(b->title, 14);
	b->head = xlsx_note_ptr(&b->st, workbook_add_format(b->wb));
	format_set_bold(b->head);
	format_set_bottom(b->head, LXW_BORDER_THIN);
	b->head_num = xlsx_note_ptr(&b->st, workbook_add_format(b->wb));
	format_set_bold(b->head_num);
	format_set_bottom(b->head_num, LXW_BORDER_THIN);
	format_set_align(b->head_num, LXW_ALIGN_RIGHT);
	b->bold = xlsx_note_ptr(&b->st, workbook_add_format(b->wb));
	format_set_bold(b->bold);
	b->date = xlsx_note_ptr(&b->st, workbook_add_format(b->wb));
	format_set_num_format(b->date, "yyyy-mm-dd");
	b->percent = xlsx_note_ptr(&b->st, workbook_add_format(b->wb));
	format_set_num_format(b->percent, "0.0%");
	b->m.text = xlsx_note_ptr(&b->st, workbook_add_format(b->wb));
	format_set_align(b->m.text, LXW_ALIGN_RIGHT);
	for (i = 0; i < 4; i++) {
		b->m.plain[i] =
		    xlsx_note_ptr(&b->st, workbook_add_format(b->wb));
		format_set_num_format(b->m.plain[i], xlsx_money_format(i));
		b->m.bold[i] =
		    xlsx_note_ptr(&b->st, workbook_add_format(b->wb));
		format_set_num_format(b->m.bold[i], xlsx_money_format(i));
		format_set_bold(b->m.bold[i]);
		format_set_top(b->m.bold[i], LXW_BORDER_THIN);
	}
}

/* Column widths, in characters: the widest cell, within reason. */
static void
widen(int *w, int col, const char *s)
{
	int n = (int)text_width(s) + 2;

	if (n > 48)
		n = 48;
	if (n > w[col])
		w[col] = n;
}

static void
set_widths(struct book *b, lxw_worksheet *ws, const int *w, int ncols)
{
	int i;

	for (i = 0; i < ncols; i++)
		xlsx_note(&b->st, worksheet_set_column(ws, i, i, w[i], NULL));
}

static void
title(struct book *b, lxw_worksheet *ws, const char *what)
{
	char day[DATE_BUFSIZE], text[512];

	date_format(b->rep->opts->as_of, day);
	snprintf(text, sizeof(text), _("Receivables aging as of %s"), day);
	if (what)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
		    " — %s", what);
	xlsx_put_text(&b->st, ws, 0, 0, text, b->title);
	xlsx_put_text(&b->st, ws, 1, 0,
	    b->rep->opts->basis == RECV_DUE ? _("days past due") :
					      _("days since issue"),
	    NULL);
}

/* A1 name of column COL ("A".."ZZ"), for formulas. */
static const char *
colname(int col, char *buf)
{
	if (col < 26) {
		buf[0] = (char)('A' + col);
		buf[1] = '\0';
	} else {
		buf[0] = (char)('A' + col / 26 - 1);
		buf[1] = (char)('A' + col % 26);
		buf[2] = '\0';
	}
	return buf;
}

/*
 * Per-currency total rows under a table: SUMIF over the currency column
 * CURCOL, cached with our exact VALUES (one per money column).
 */
static void
sumif(struct book *b, lxw_worksheet *ws, int row, int col, int curcol,
    int first, int last, const char *currency, int64_t v, int digits)
{
	char f[256], c1[4], c2[4];

	snprintf(f, sizeof(f), "=SUMIF($%s$%d:$%s$%d,\"%s\",%s%d:%s%d)",
	    colname(curcol, c1), first + 1, c1, last + 1, currency,
	    colname(col, c2), first + 1, c2, last + 1);
	xlsx_note_cell(&b->st,
	    worksheet_write_formula_num(ws, row, col, f,
		xlsx_money_fmt(&b->m, digits, 1), xlsx_value(v, digits)),
	    row, col);
}

#define HEAD_ROW 3

/*
 * Under the per-currency totals (from row TOT), each bucket's share of
 * its currency's total: a formula, cached with our exact tenths.
 */
static void
share_rows(struct book *b, lxw_worksheet *ws, int row, int tot, int nb)
{
	const struct receivables_report *rep = b->rep;
	char f[128], c1[4], c2[4], buf[32];
	size_t i;
	long tenths;
	int k;

	if (rep->nrows == 0)
		return;
	for (i = 0; i < rep->ntotals; i++, row++) {
		const struct receivables_row *t = &rep->totals[i];
		int at = tot + (int)i + 1;

		xlsx_put_text(&b->st, ws, row, 0, _("Share"), NULL);
		xlsx_put_text(&b->st, ws, row, 1, t->currency, NULL);
		for (k = 0; k <= nb; k++) {
			int64_t v = k < nb ? t->bucket[k] : t->total;

			receivables_share(v, t->total, &tenths, buf);
			snprintf(f, sizeof(f), "=IF($%s$%d=0,\"\",%s%d/$%s$%d)",
			    colname(2 + nb, c1), at, colname(2 + k, c2), at, c1,
			    at);
			xlsx_note_cell(&b->st,
			    worksheet_write_formula_num(ws, row, 2 + k, f,
				b->percent, xlsx_value(tenths, 3)),
			    row, 2 + k);
		}
	}
}

/* Payments that apply to no invoice, on a sheet of their own. */
static void
unapplied_sheet(struct book *b)
{
	const struct receivables_report *rep = b->rep;
	lxw_worksheet *ws;
	const char *heads[] = { _("Invoice"), _("Currency"), _("Amount"),
		_("Reason"), _("First payment") };
	int w[5], col, row;
	char place[600];
	size_t i;

	if (rep->nunapplied == 0)
		return;
	ws = xlsx_note_ptr(&b->st,
	    workbook_add_worksheet(b->wb, _("Unapplied cash")));
	if (ws == NULL)
		return;
	b->st.sheet = _("Unapplied cash");
	title(b, ws, _("Unapplied cash"));
	for (col = 0; col < 5; col++) {
		xlsx_put_text(&b->st, ws, HEAD_ROW, col, heads[col],
		    col == 2 ? b->head_num : b->head);
		w[col] = 12;
		widen(w, col, heads[col]);
	}
	row = HEAD_ROW + 1;
	for (i = 0; i < rep->nunapplied; i++, row++) {
		const struct receivables_unapplied *u = &rep->unapplied[i];

		xlsx_put_text(&b->st, ws, row, 0, u->invoice, NULL);
		xlsx_put_text(&b->st, ws, row, 1, u->currency, NULL);
		xlsx_put_money(&b->st, ws, row, 2, u->amount, u->digits,
		    xlsx_money_fmt(&b->m, u->digits, 0), b->m.text);
		xlsx_put_text(&b->st, ws, row, 3,
		    u->why == RECV_UNKNOWN_INVOICE ?
			_("unknown invoice") :
			_("invoice not yet issued"),
		    NULL);
		snprintf(place, sizeof(place), "%s:%ld", u->source, u->line);
		xlsx_put_text(&b->st, ws, row, 4, place, NULL);
		if (i < 2000) {
			widen(w, 0, u->invoice);
			widen(w, 4, place);
		}
	}
	set_widths(b, ws, w, 5);
	worksheet_freeze_panes(ws, HEAD_ROW + 1, 1);
}

static lxw_worksheet *
summary_sheet(struct book *b)
{
	const struct receivables_report *rep = b->rep;
	const struct receivables_options *o = rep->opts;
	int nb = o->nbuckets + 2, ncols = nb + 3, row, col, first, last;
	lxw_worksheet *ws =
	    xlsx_note_ptr(&b->st, workbook_add_worksheet(b->wb, _("Summary")));
	int w[RECV_MAX_BUCKETS + 5] = { 0 };
	enum receivables_by by =
	    o->by == RECV_BY_INVOICE ? RECV_BY_CLIENT : o->by;
	char label[64], f[128], c1[4], c2[4];
	size_t i;
	int k;

	if (ws == NULL)
		return NULL;
	b->st.sheet = _("Summary");
	title(b, ws, NULL);
	xlsx_put_text(&b->st, ws, HEAD_ROW, 0, receivables_group_heading(by),
	    b->head);
	xlsx_put_text(&b->st, ws, HEAD_ROW, 1, _("Currency"), b->head);
	for (k = 0; k < nb; k++)
		xlsx_put_text(&b->st, ws, HEAD_ROW, 2 + k,
		    receivables_bucket_heading(o, k, label, sizeof(label)),
		    b->head_num);
	xlsx_put_text(&b->st, ws, HEAD_ROW, 2 + nb, _("Total"), b->head_num);
	for (col = 0; col < ncols; col++)
		w[col] = col == 1 ? 10 : 14;
	widen(w, 0, receivables_group_heading(by));
	row = first = HEAD_ROW + 1;
	for (i = 0; i < rep->nrows; i++, row++) {
		const struct receivables_row *r = &rep->rows[i];

		xlsx_put_text(&b->st, ws, row, 0,
		    *r->group ? r->group : _("(none)"), NULL);
		widen(w, 0, r->group);
		xlsx_put_text(&b->st, ws, row, 1, r->currency, NULL);
		for (k = 0; k < nb; k++)
			xlsx_put_money(&b->st, ws, row, 2 + k, r->bucket[k],
			    r->digits, xlsx_money_fmt(&b->m, r->digits, 0),
			    b->m.text);
		snprintf(f, sizeof(f), "=SUM(%s%d:%s%d)", colname(2, c1),
		    row + 1, colname(1 + nb, c2), row + 1);
		xlsx_note_cell(&b->st,
		    worksheet_write_formula_num(ws, row, 2 + nb, f,
			xlsx_money_fmt(&b->m, r->digits, 0),
			xlsx_value(r->total, r->digits)),
		    row, 2 + nb);
	}
	last = row - 1;
	for (i = 0; i < rep->ntotals && rep->nrows > 0; i++, row++) {
		const struct receivables_row *t = &rep->totals[i];

		xlsx_put_text(&b->st, ws, row, 0, _("Total"), b->bold);
		xlsx_put_text(&b->st, ws, row, 1, t->currency, b->bold);
		for (k = 0; k < nb; k++)
			sumif(b, ws, row, 2 + k, 1, first, last, t->currency,
			    t->bucket[k], t->digits);
		sumif(b, ws, row, 2 + nb, 1, first, last, t->currency, t->total,
		    t->digits);
	}
	share_rows(b, ws, row, row - (int)rep->ntotals, nb);
	set_widths(b, ws, w, ncols);
	worksheet_freeze_panes(ws, HEAD_ROW + 1, 1);
	return ws;
}

static void
detail_sheet(struct book *b)
{
	const struct receivables_report *rep = b->rep;
	const struct receivables_options *o = rep->opts;
	lxw_worksheet *ws =
	    xlsx_note_ptr(&b->st, workbook_add_worksheet(b->wb, _("Detail")));
	const char *heads[] = { _("Invoice"), _("Client"),
		_("Account executive"), _("Job"), _("Issued"), _("Due date"),
		_("Days"), _("Currency"), _("Amount"), _("Paid"), _("Balance"),
		_("Bucket") };
	int w[12];
	char label[64];
	size_t i;
	int col, row, first, last;

	if (ws == NULL)
		return;
	b->st.sheet = _("Detail");
	title(b, ws, _("Detail"));
	for (col = 0; col < 12; col++) {
		xlsx_put_text(&b->st, ws, HEAD_ROW, col, heads[col],
		    col == 6 || (col >= 8 && col <= 10) ? b->head_num :
							  b->head);
		w[col] = 12;
		widen(w, col, heads[col]);
	}
	row = first = HEAD_ROW + 1;
	for (i = 0; i < rep->ndetail; i++, row++) {
		const struct receivables_detail *d = &rep->detail[i];

		xlsx_put_text(&b->st, ws, row, 0, d->invoice, NULL);
		xlsx_put_text(&b->st, ws, row, 1, d->client, NULL);
		xlsx_put_text(&b->st, ws, row, 2, d->ae, NULL);
		xlsx_put_text(&b->st, ws, row, 3, d->job, NULL);
		if (i < 2000) {
			widen(w, 0, d->invoice);
			widen(w, 1, d->client);
			widen(w, 2, d->ae);
			widen(w, 3, d->job);
		}
		put_date(b, ws, row, 4, d->issued);
		put_date(b, ws, row, 5, d->due);
		xlsx_note_cell(&b->st,
		    worksheet_write_number(ws, row, 6, d->days, NULL), row, 6);
		xlsx_put_text(&b->st, ws, row, 7, d->currency, NULL);
		xlsx_put_money(&b->st, ws, row, 8, d->amount, d->digits,
		    xlsx_money_fmt(&b->m, d->digits, 0), b->m.text);
		xlsx_put_money(&b->st, ws, row, 9, d->paid, d->digits,
		    xlsx_money_fmt(&b->m, d->digits, 0), b->m.text);
		xlsx_put_money(&b->st, ws, row, 10, d->balance, d->digits,
		    xlsx_money_fmt(&b->m, d->digits, 0), b->m.text);
		xlsx_put_text(&b->st, ws, row, 11,
		    receivables_bucket_heading(o, d->bucket, label,
			sizeof(label)),
		    NULL);
	}
	last = row - 1;
	for (i = 0; i < rep->ntotals && rep->ndetail > 0; i++, row++) {
		const struct receivables_row *t = &rep->totals[i];
		int64_t amt = 0, paid = 0;
		size_t j;

		for (j = 0; j < rep->ndetail; j++)
			if (strcmp(rep->detail[j].currency, t->currency) == 0) {
				if (money_add(amt, rep->detail[j].amount, &amt,
					NULL) != 0)
					amt = INT64_MAX;
				if (money_add(paid, rep->detail[j].paid, &paid,
					NULL) != 0)
					paid = INT64_MAX;
			}
		xlsx_put_text(&b->st, ws, row, 0, _("Total"), b->bold);
		xlsx_put_text(&b->st, ws, row, 7, t->currency, b->bold);
		sumif(b, ws, row, 8, 7, first, last, t->currency, amt,
		    t->digits);
		sumif(b, ws, row, 9, 7, first, last, t->currency, paid,
		    t->digits);
		sumif(b, ws, row, 10, 7, first, last, t->currency, t->total,
		    t->digits);
	}
	set_widths(b, ws, w, 12);
	worksheet_freeze_panes(ws, HEAD_ROW + 1, 1);
	xlsx_note(&b->st,
	    worksheet_autofilter(ws, HEAD_ROW, 0,
		last > HEAD_ROW ? last : HEAD_ROW, 11));
}

static int
cmp_total_desc(const void *a, const void *b)
{
	const struct receivables_row *x =
	    *(const struct receivables_row *const *)a;
	const struct receivables_row *y =
	    *(const struct receivables_row *const *)b;

	if (x->total != y->total)
		return x->total < y->total ? 1 : -1;
	return strcmp(x->group, y->group);
}

/*
 * The chart's data: the ten largest balances of one currency, written
 * beside the summary table, largest first.
 */
static void
chart(struct book *b, lxw_chartsheet *cs, lxw_worksheet *ws, const char *sheet,
    const char *main_currency)
{
	const struct receivables_report *rep = b->rep;
	const struct receivables_options *o = rep->opts;
	const struct receivables_row *top[CHART_ROWS + 1], **all;
	const char *cur = NULL;
	int nb = o->nbuckets + 2, col0 = nb + 4, n = 0, k;
	char label[64], text[256];
	lxw_chart *ch;
	size_t i;

	b->st.sheet = sheet;
	for (i = 0; i < rep->nrows; i++)
		if (main_currency &&
		    strcmp(rep->rows[i].currency, main_currency) == 0)
			cur = main_currency;
	if (cur == NULL && rep->nrows > 0)
		cur = rep->totals[0].currency;
	all = xcalloc(rep->nrows + 1, sizeof(*all));
	for (i = 0; i < rep->nrows; i++)
		if (cur && strcmp(rep->rows[i].currency, cur) == 0)
			all[n++] = &rep->rows[i];
	qsort(all, (size_t)n, sizeof(*all), cmp_total_desc);
	if (n > CHART_ROWS)
		n = CHART_ROWS;
	memcpy(top, all, (size_t)n * sizeof(*top));
	free(all);

	snprintf(text, sizeof(text), _("Largest balances (%s)"),
	    cur ? cur : "");
	xlsx_put_text(&b->st, ws, HEAD_ROW - 1, col0, text, b->bold);
	xlsx_put_text(&b->st, ws, HEAD_ROW, col0,
	    receivables_group_heading(
		o->by == RECV_BY_INVOICE ? RECV_BY_CLIENT : o->by),
	    b->head);
	xlsx_note(&b->st, worksheet_set_column(ws, col0, col0, 24, NULL));
	for (k = 0; k < nb; k++)
		xlsx_put_text(&b->st, ws, HEAD_ROW, col0 + 1 + k,
		    receivables_bucket_heading(o, k, label, sizeof(label)),
		    b->head_num);
	xlsx_note(&b->st,
	    worksheet_set_column(ws, col0 + 1, col0 + nb, 14, NULL));
	for (i = 0; i < (size_t)n; i++) {
		xlsx_put_text(&b->st, ws, HEAD_ROW + 1 + (int)i, col0,
		    *top[i]->group ? top[i]->group : _("(none)"), NULL);
		for (k = 0; k < nb; k++)
			xlsx_put_money(&b->st, ws, HEAD_ROW + 1 + (int)i,
			    col0 + 1 + k, top[i]->bucket[k], top[i]->digits,
			    xlsx_money_fmt(&b->m, top[i]->digits, 0),
			    b->m.text);
	}

	ch = xlsx_note_ptr(&b->st,
	    workbook_add_chart(b->wb, LXW_CHART_BAR_STACKED));
	if (ch == NULL)
		return;
	for (k = 0; k < nb && n > 0; k++) {
		lxw_chart_series *s =
		    xlsx_note_ptr(&b->st, chart_add_series(ch, NULL, NULL));
		if (s == NULL)
			return;
		chart_series_set_categories(s, sheet, HEAD_ROW + 1, col0,
		    HEAD_ROW + n, col0);
		chart_series_set_values(s, sheet, HEAD_ROW + 1, col0 + 1 + k,
		    HEAD_ROW + n, col0 + 1 + k);
		chart_series_set_name_range(s, sheet, HEAD_ROW, col0 + 1 + k);
	}
	{
		char day[DATE_BUFSIZE];
		date_format(o->as_of, day);
		snprintf(text, sizeof(text), _("Receivables aging as of %s"),
		    day);
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
		    " — %s", cur ? cur : "");
	}
	chart_title_set_name(ch, text);
	/* Largest at the top: categories run down the vertical axis. */
	chart_axis_set_reverse(ch->y_axis);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	xlsx_note(&b->st, chartsheet_set_chart(cs, ch));
}

int
receivables_write_xlsx(const struct receivables_report *rep, const char *path,
    const char *main_currency, struct ae_error *err)
{
	struct book b = { 0 };
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE,
		.tmpdir = NULL,
		.use_zip64 = LXW_TRUE };
	lxw_chartsheet *cs;
	lxw_worksheet *ws;
	char day[DATE_BUFSIZE], text[256];

	b.rep = rep;
	b.wb = workbook_new_opt(path, &opt);
	if (b.wb == NULL)
		return ae_error_set(err, AE_ECANTCREAT, "cannot create '%s'",
		    path);
	date_format(rep->opts->as_of, day);
	snprintf(text, sizeof(text), _("Receivables aging as of %s"), day);
	xlsx_note(&b.st,
	    workbook_set_properties(b.wb,
		&(lxw_doc_properties){ .title = text }));
	make_formats(&b);
	/* Nothing outstanding: no chart to draw. */
	cs = rep->nrows ?
	    xlsx_note_ptr(&b.st, workbook_add_chartsheet(b.wb, _("Chart"))) :
	    NULL;
	ws = summary_sheet(&b);
	detail_sheet(&b);
	unapplied_sheet(&b);
	if (cs && ws) {
		chart(&b, cs, ws, _("Summary"), main_currency);
		chartsheet_activate(cs);
	}
	/* The workbook is closed (and freed) whatever happened. */
	return xlsx_close(b.wb, &b.st, err);
}
