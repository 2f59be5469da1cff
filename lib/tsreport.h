/*
 * tsreport.h — what the timesheet tool shows of the sums: the groups and
 * the days not logged, as a table for people or as records (values all
 * text: hours "7.50", cost a plain decimal with its currency) for CSV and
 * JSON.
 */
#ifndef AEKIT_TSREPORT_H
#define AEKIT_TSREPORT_H

#include <stddef.h>

#include <jansson.h>

#include "error.h"
#include "strbuf.h"
#include "table.h"
#include "timesheet.h"

/* The most fields a group record has, with the closing NULL. */
#define TS_MAXFIELDS (TS_MAXDIM + 7)

/*
 * The N groups at G as a table: a column per grouping field, hours, then
 * client hours, capacity and utilization when O asks for utilization,
 * and the cost (grouped, headed with the currency) when O has rates; a
 * total row under a rule when there is more than one group.  NULL with
 * ERR when the total cost overflows.
 */
struct table *ts_groups_table(const struct ts_options *o,
    const struct ts_group *g, size_t n, struct ae_error *err);

/*
 * The field names of a group record (at most TS_MAXFIELDS with the NULL
 * at the end) into NAMES: the grouping fields, hours, client_hours,
 * capacity and utilization, cost and currency, as O asks.  Returns the
 * count.
 */
int ts_group_fields(const struct ts_options *o, const char **names);

/* Group G as a record with those fields (new reference). */
json_t *ts_group_json(const struct ts_options *o, const struct ts_group *g);

/* The fields of a gap record: person, date, hours, short. */
extern const char *const ts_gap_fields[];

/* The N gaps at GP as a table: person, date, logged, short. */
struct table *ts_gaps_table(const struct ts_options *o,
    const struct ts_gap *gp, size_t n);

/* Gap GP as a record (new reference). */
json_t *ts_gap_json(const struct ts_options *o, const struct ts_gap *gp);

/*
 * Appends the --check finding for GP to SB:
 * "2026-01-05: 'Li Lei' logged 4.00 of 8.00 hours".
 */
void ts_gap_detail(const struct ts_options *o, const struct ts_gap *gp,
    struct strbuf *sb);

#endif
