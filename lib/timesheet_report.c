/*
 * The timesheet's sums as tables and records.
 */
#include <stdio.h>

#include "date.h"
#include "i18n.h"
#include "money.h"
#include "timesheet_report.h"

static const char *
currency(const struct timesheet_options *o)
{
	return o->cost_currency;
}

static int
digits(const struct timesheet_options *o)
{
	return o->cost_currency ? o->cost_digits : 2;
}

static void
hours_cell(struct table *t, int64_t h)
{
	char buf[32];

	timesheet_hours_format(h, buf);
	table_cell(t, buf);
}

static void
group_columns(struct table *t, const struct timesheet_options *o)
{
	static const char *const headings[] = { N_("Person"), N_("Job"),
		N_("Client"), N_("Week"), N_("Month") };
	char head[64];
	int d;

	for (d = 0; d < o->nby; d++)
		table_column_key(t, _(headings[o->by[d]]),
		    timesheet_dim_name(o->by[d]), TABLE_LEFT);
	table_column_key(t, _("Hours"), "hours", TABLE_RIGHT);
	if (o->utilization) {
		table_column_key(t, _("Client hours"), "client_hours",
		    TABLE_RIGHT);
		table_column_key(t, _("Capacity"), "capacity", TABLE_RIGHT);
		table_column_key(t, _("Utilization"), "utilization",
		    TABLE_RIGHT);
	}
	if (currency(o)) {
		snprintf(head, sizeof(head), "%s (%s)", _("Cost"), currency(o));
		table_column_key(t, head, "cost", TABLE_RIGHT);
		table_column_key(t, NULL, "currency", TABLE_LEFT);
	}
}

/* The cells after the grouping fields: hours, utilization, cost. */
static void
group_figures(struct table *t, const struct timesheet_options *o,
    const struct timesheet_group *g)
{
	char pb[32], shown[40];

	hours_cell(t, g->hours);
	if (o->utilization) {
		hours_cell(t, g->client_hours);
		hours_cell(t, g->capacity);
		timesheet_percent(g->client_hours, g->capacity, pb);
		snprintf(shown, sizeof(shown), "%s%s", pb, *pb ? "%" : "");
		table_cell_pair(t, shown, pb);
	}
	if (currency(o)) {
		table_cell_money(t, g->cost, digits(o));
		table_cell(t, currency(o));
	}
}

struct table *
timesheet_groups_table(const struct timesheet_options *o,
    const struct timesheet_group *g, size_t n, struct ae_error *err)
{
	struct timesheet_group total;
	struct table *t;
	size_t i;
	int d;

	if (timesheet_total(g, n, &total, err) != 0)
		return NULL;
	t = table_new();
	group_columns(t, o);
	for (i = 0; i < n; i++) {
		table_row(t);
		for (d = 0; d < o->nby; d++)
			table_cell(t, g[i].dims[d]);
		group_figures(t, o, &g[i]);
	}
	if (n > 1) {
		table_rule(t);
		table_row_for(t, TABLE_PEOPLE);
		table_cell(t, _("Total"));
		for (d = 1; d < o->nby; d++)
			table_cell(t, "");
		group_figures(t, o, &total);
	}
	return t;
}

struct table *
timesheet_gaps_table(const struct timesheet_options *o,
    const struct timesheet_gap *gp, size_t n)
{
	struct table *t = table_new();
	char db[DATE_BUFSIZE];
	size_t i;

	(void)o; /* each gap carries its person's workday */
	table_column_key(t, _("Person"), "person", TABLE_LEFT);
	table_column_key(t, _("Date"), "date", TABLE_LEFT);
	table_column_key(t, _("Logged"), "hours", TABLE_RIGHT);
	table_column_key(t, _("Short"), "short", TABLE_RIGHT);
	for (i = 0; i < n; i++) {
		date_format(gp[i].day, db);
		table_row(t);
		table_cell(t, gp[i].person);
		table_cell(t, db);
		hours_cell(t, gp[i].hours);
		hours_cell(t, gp[i].want - gp[i].hours);
	}
	return t;
}

void
timesheet_report_gap(const struct timesheet_gap *gp, struct finding_sink *fs)
{
	char db[DATE_BUFSIZE], hb[32], want[32];

	date_format(gp->day, db);
	timesheet_hours_format(gp->hours, hb);
	timesheet_hours_format(gp->want, want);
	finding_at(fs, gp->source, gp->line, "workday",
	    _("%s: '%s' logged %s "
	      "of %s hours"),
	    db, gp->person, hb, want);
}
