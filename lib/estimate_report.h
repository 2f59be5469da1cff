/*
 * estimate_report.h — what the estimate tool makes of a computed estimate: the
 * PE document's context, the --check rules, the comparison of two
 * revisions and the variance against actual costs.
 *
 * Reports are JSON arrays of row objects whose values are strings
 * (amounts as plain decimals with the currency's minor digits), so that
 * the tool can print them as a table, CSV or JSON alike.
 */
#ifndef AEKIT_ESTIMATE_REPORT_H
#define AEKIT_ESTIMATE_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "table.h"

#include "estimate.h"
#include "finding.h"
#include "reader.h"

/*
 * The PE document's context (new reference): a copy of computed estimate
 * EST with `sections` [{name, lines [{no, code, item, qty, unit, rate,
 * amount}], subtotal}] and `totals` {subtotal, commission_amount,
 * tax_amount, total, words} as grouped text ("12,345.67"); `words` is the
 * total in capital numerals (大写) for CNY when ZH_WORDS is set.
 */
json_t *estimate_context(json_t *est, const struct estimate_totals *t,
    int zh_words);

/*
 * The estimate's own rules on AS_OF (SPEC §3):
 *   signoff   the client's sign-off (approved_by, approved_on) is whole,
 *             and dated neither after AS_OF nor after valid_until, else
 *             it does not count;
 *   review    a counting sign-off follows the agency's own review
 *             (reviewed_by, reviewed_on; 负责人员签字);
 *   validity  an estimate without a counting sign-off is past its
 *             valid_until.
 * A signed estimate never expires; no valid_until is no finding.  Each
 * finding goes to FS, at the field it is about.  Returns the number of
 * findings, or -1 with ERR for a bad date.
 */
int estimate_check(json_t *est, int32_t as_of, struct finding_sink *fs,
    struct ae_error *err);

/*
 * Reads time records from PATH and reports each one logged on the job of
 * one of the N estimates ESTS (each with a `job`) before any revision of
 * that job had a counting sign-off: a later revision does not undo an
 * earlier one's signature (at the time record).  Returns the number of
 * findings, or -1 with ERR.
 */
int estimate_check_time(json_t *const *ests, size_t n, int32_t as_of,
    const char *path, const struct reader_options *opts,
    struct finding_sink *fs, struct ae_error *err);

/*
 * The changes from OLD to NEW (both computed, same currency), line by
 * line, matching lines by section and item: rows {change (added, removed,
 * changed), section, item, old_qty, new_qty, old_rate, new_rate,
 * old_amount, new_amount, difference}, then rows with change "total" for
 * subtotal, commission, tax and total.  NULL with ERR when the
 * currencies differ.
 */
json_t *estimate_compare(json_t *old, const struct estimate_totals *to,
    json_t *new, const struct estimate_totals *tn, struct ae_error *err);

/*
 * Estimate against actual costs read from PATH (records with `amount`,
 * `code` or `item`, and `job`; those of another job than EST's are
 * skipped).  A cost matches the line with its code, else with its item;
 * one that matches none is a row of its own (section "", estimate 0).
 * Rows {level (line, section, unestimated, total), section, code, item,
 * estimate, actual, variance, variance_pct, flag}: flag "over" when the
 * actual exceeds the estimate by more than TOLERANCE percent.  *OVERRUNS
 * counts flagged rows.  NULL with ERR (the cost record's place) on bad
 * data.
 */
json_t *estimate_actual(json_t *est, const struct estimate_totals *t,
    const char *path, const struct reader_options *opts,
    struct decimal tolerance, long *overruns, struct ae_error *err);

/*
 * Adds to a document context (estimate_context) the aligned text tables
 * of the `text` layout: `table` in each section and `totals_table`,
 * labelled in the current language.
 */
void estimate_text_tables(json_t *ctx);

enum estimate_report_kind {
	ESTIMATE_COMPARE,
	ESTIMATE_ACTUAL
};

/*
 * Prints report ROWS (estimate_compare, estimate_actual) to OUT as one
 * table in FORMAT: text with grouped amounts and translated words, md,
 * csv (FLAGS: TABLE_EXCEL) with a header of the row fields, JSON Lines.
 */
void estimate_print_report(FILE *out, enum table_format format, int flags,
    enum estimate_report_kind kind, json_t *rows, int digits);

/*
 * Writes the estimate as an Excel workbook to PATH: numeric cells with
 * number formats, SUM formulas for the section subtotals, subtotal and
 * total, and the commission and tax as formulas on them (cached values
 * are the exact figures).  ZH chooses Chinese labels.
 */
int estimate_write_xlsx(const char *path, json_t *est,
    const struct estimate_totals *t, int zh, struct ae_error *err);

#endif
