/*
 * forecast_xlsx.h — the billing forecast as an Excel workbook for finance
 * (libxlsxwriter): a monthly and a quarterly sheet, each with a
 * forecast-versus-invoiced chart per currency.
 */
#ifndef AEKIT_FORECAST_XLSX_H
#define AEKIT_FORECAST_XLSX_H

#include "error.h"
#include "forecast.h"

/*
 * Writes MONTHLY and QUARTERLY (the same ledger's two views) to PATH.
 * Each sheet: the title with the as-of date, a header row (frozen), four
 * lines per group and currency (forecast, invoiced, variance, variance %)
 * with a column per period and a total (a SUM formula), then the totals
 * per currency (SUMIFS formulas), every figure a number cell in its
 * currency's format with our exact value cached, and one column chart of
 * forecast against invoiced per currency.  Labels through _().  -1 with
 * ERR (AE_ECANTCREAT, AE_EIO) when libxlsxwriter fails at any step.
 */
int forecast_write_xlsx(const struct forecast_report *monthly,
    const struct forecast_report *quarterly, const char *path,
    struct ae_error *err);

#endif
