/*
 * The timesheet's sums as tables and records.
 */
#include <stdio.h>

#include "date.h"
#include "i18n.h"
#include "money.h"
#include "tsreport.h"

static const char *
currency(const struct ts_options *o)
{
	return o->cost_currency;
}

static int
digits(const struct ts_options *o)
{
	return o->cost_currency ? o->cost_digits : 2;
}

static void
hours_cell(struct table *t, int64_t h)
{
	char buf[32];

	ts_hours_format(h, buf);
	table_cell(t, buf);
}

static void
group_columns(struct table *t, const struct ts_options *o)
{
	static const char *const headings[] = {
		N_("Person"), N_("Job"), N_("Client"), N_("Week"), N_("Month")
	};
	char head[64];
	int d;

	for (d = 0; d < o->nby; d++)
		table_column(t, _(headings[o->by[d]]), TABLE_LEFT);
	table_column(t, _("Hours"), TABLE_RIGHT);
	if (o->utilization) {
		table_column(t, _("Client hours"), TABLE_RIGHT);
		table_column(t, _("Capacity"), TABLE_RIGHT);
		table_column(t, _("Utilization"), TABLE_RIGHT);
	}
	if (currency(o)) {
		snprintf(head, sizeof(head), "%s (%s)", _("Cost"),
		    currency(o));
		table_column(t, head, TABLE_RIGHT);
	}
}

/* The cells after the grouping fields: hours, utilization, cost. */
static void
group_figures(struct table *t, const struct ts_options *o,
    const struct ts_group *g)
{
	char pb[32], mb[MONEY_BUFSIZE];

	hours_cell(t, g->hours);
	if (o->utilization) {
		hours_cell(t, g->client_hours);
		hours_cell(t, g->capacity);
		ts_percent(g->client_hours, g->capacity, pb);
		table_cellf(t, "%s%s", pb, *pb ? "%" : "");
	}
	if (currency(o)) {
		money_format(g->cost, digits(o), 1, mb, sizeof(mb));
		table_cell(t, mb);
	}
}

struct table *
ts_groups_table(const struct ts_options *o, const struct ts_group *g,
    size_t n, struct ae_error *err)
{
	struct ts_group total;
	struct table *t;
	size_t i;
	int d;

	if (ts_total(g, n, &total, err) != 0)
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
		table_row(t);
		table_cell(t, _("Total"));
		for (d = 1; d < o->nby; d++)
			table_cell(t, "");
		group_figures(t, o, &total);
	}
	return t;
}

int
ts_group_fields(const struct ts_options *o, const char **names)
{
	int k = 0, d;

	for (d = 0; d < o->nby; d++)
		names[k++] = ts_dim_name(o->by[d]);
	names[k++] = "hours";
	if (o->utilization) {
		names[k++] = "client_hours";
		names[k++] = "capacity";
		names[k++] = "utilization";
	}
	if (currency(o)) {
		names[k++] = "cost";
		names[k++] = "currency";
	}
	names[k] = NULL;
	return k;
}

static void
set_hours(json_t *obj, const char *name, int64_t h)
{
	char buf[32];

	ts_hours_format(h, buf);
	json_object_set_new(obj, name, json_string(buf));
}

json_t *
ts_group_json(const struct ts_options *o, const struct ts_group *g)
{
	json_t *obj = json_object();
	char pb[32], mb[MONEY_BUFSIZE];
	int d;

	for (d = 0; d < o->nby; d++)
		json_object_set_new(obj, ts_dim_name(o->by[d]),
		    json_string(g->dims[d]));
	set_hours(obj, "hours", g->hours);
	if (o->utilization) {
		set_hours(obj, "client_hours", g->client_hours);
		set_hours(obj, "capacity", g->capacity);
		ts_percent(g->client_hours, g->capacity, pb);
		json_object_set_new(obj, "utilization", json_string(pb));
	}
	if (currency(o)) {
		money_format(g->cost, digits(o), 0, mb, sizeof(mb));
		json_object_set_new(obj, "cost", json_string(mb));
		json_object_set_new(obj, "currency", json_string(currency(o)));
	}
	return obj;
}

const char *const ts_gap_fields[] = {
	"person", "date", "hours", "short", NULL
};

struct table *
ts_gaps_table(const struct ts_options *o, const struct ts_gap *gp, size_t n)
{
	struct table *t = table_new();
	char db[DATE_BUFSIZE];
	size_t i;

	(void)o;		/* each gap carries its person's workday */
	table_column(t, _("Person"), TABLE_LEFT);
	table_column(t, _("Date"), TABLE_LEFT);
	table_column(t, _("Logged"), TABLE_RIGHT);
	table_column(t, _("Short"), TABLE_RIGHT);
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

json_t *
ts_gap_json(const struct ts_options *o, const struct ts_gap *gp)
{
	json_t *obj = json_object();
	char db[DATE_BUFSIZE];

	(void)o;
	date_format(gp->day, db);
	json_object_set_new(obj, "person", json_string(gp->person));
	json_object_set_new(obj, "date", json_string(db));
	set_hours(obj, "hours", gp->hours);
	set_hours(obj, "short", gp->want - gp->hours);
	return obj;
}

void
ts_gap_detail(const struct ts_options *o, const struct ts_gap *gp,
    struct strbuf *sb)
{
	char db[DATE_BUFSIZE], hb[32], want[32];

	(void)o;
	date_format(gp->day, db);
	ts_hours_format(gp->hours, hb);
	ts_hours_format(gp->want, want);
	strbuf_addf(sb, "%s: '%s' logged %s of %s hours", db, gp->person, hb,
	    want);
}
