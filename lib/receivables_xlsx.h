/*
 * receivables_xlsx.h — the receivables aging as an Excel workbook for finance
 * (libxlsxwriter): a chart of the largest balances by bucket, a summary
 * sheet and a per-invoice detail sheet.
 */
#ifndef AEKIT_RECEIVABLES_XLSX_H
#define AEKIT_RECEIVABLES_XLSX_H

#include "error.h"
#include "receivables.h"

/*
 * Writes REP (made with detail) to PATH.  Sheets: a chart sheet (stacked
 * bars of the buckets for the ten largest balances in the main currency,
 * MAIN_CURRENCY when it has any), the summary (rows by group and
 * currency, totals per currency as SUMIF formulas) and the detail (one
 * row per open invoice).  Amounts are numeric cells in the currency's
 * number format, dates are date cells, header rows bold and frozen,
 * column widths set, the as-of date in each title.  Labels through _().
 * -1 with ERR (AE_EIO) when the file cannot be written.
 */
int receivables_write_xlsx(const struct receivables_report *rep,
    const char *path, const char *main_currency, struct ae_error *err);

#endif
