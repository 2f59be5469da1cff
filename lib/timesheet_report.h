/*
 * timesheet_report.h — what the timesheet tool shows of the sums: the groups and
 * the days not logged, as a table for people or as records (values all
 * text: hours "7.50", cost a plain decimal with its currency) for CSV and
 * JSON.
 */
#ifndef AEKIT_TIMESHEET_REPORT_H
#define AEKIT_TIMESHEET_REPORT_H

#include <stddef.h>

#include <jansson.h>

#include "error.h"
#include "finding.h"
#include "strbuf.h"
#include "table.h"
#include "timesheet.h"

/*
 * The N groups at G as a table: a column per grouping field, hours, then
 * client hours, capacity and utilization when O asks for utilization,
 * and the cost (grouped, headed with the currency) when O has rates; a
 * total row for people under a rule when there is more than one group;
 * records carry the cost as a plain decimal with its currency.  NULL
 * with ERR when the total cost overflows.
 */
struct table *timesheet_groups_table(const struct timesheet_options *o,
    const struct timesheet_group *g, size_t n, struct ae_error *err);

/* The N gaps at GP as a table: person, date, logged, short. */
struct table *timesheet_gaps_table(const struct timesheet_options *o,
    const struct timesheet_gap *gp, size_t n);

/*
 * Reports the --check finding "workday" for GP to FS, at the person's
 * staff record (else their first time record):
 * "2026-01-05: 'Li Lei' logged 4.00 of 8.00 hours".
 */
void timesheet_report_gap(const struct timesheet_gap *gp,
    struct finding_sink *fs);

#endif
