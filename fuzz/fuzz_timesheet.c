/*
 * libFuzzer target: timesheet end to end.  The input is time, staff,
 * leave and holiday records, then after "\n--\n" the cost rates and after
 * another the job register; the flags pick --by, --utilization,
 * --missing, --check, a period and the output format.
 */
#include "fuzz_tool.h"
#include "table.h"
#include "timesheet.h"
#include "timesheet_report.h"
#include "writer.h"

static const char *const bys[] = { NULL, "job", "client", "week", "month",
	"person,job", "client,person", "person,month" };

static int
take_record(const struct record *r, void *ctx, struct ae_error *err)
{
	return timesheet_add_record(ctx, r, err);
}

static void
report_groups(struct timesheet *ts, const struct timesheet_options *to,
    enum table_format format)
{
	const struct timesheet_group *g;
	struct timesheet_group total;
	struct ae_error err;
	struct table *t;
	size_t n;

	ae_error_clear(&err);
	if (timesheet_groups(ts, &g, &n, &err) != 0) {
		fuzz_check_error(&err);
		return;
	}
	if (timesheet_total(g, n, &total, &err) != 0)
		fuzz_check_error(&err);
	if ((t = timesheet_groups_table(to, g, n, &err)) == NULL) {
		fuzz_check_error(&err);
		return;
	}
	table_write(t, format, TABLE_EXCEL, fuzz_sink());
	table_free(t);
}

static void
report_gaps(struct timesheet *ts, const struct timesheet_options *to,
    enum table_format format)
{
	struct finding_sink fs;
	const struct timesheet_gap *gp;
	size_t i, n = timesheet_gaps(ts, &gp);
	struct table *t;

	fs = fuzz_findings();
	for (i = 0; i < n; i++)
		timesheet_report_gap(&gp[i], &fs);
	t = timesheet_gaps_table(to, gp, n);
	table_write(t, format, TABLE_EXCEL, fuzz_sink());
	table_free(t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const internal[] = { "Agency", NULL };
	struct timesheet_request rq = { .day_hours = 800 };
	struct timesheet_options to = { .nby = 0 };
	struct reader_options ro;
	struct timesheet_tables tables = { 0 };
	struct timesheet *ts;
	struct ae_error err;
	struct fuzz_in in;

	ro = fuzz_start(&in, data, size);
	rq.as_of = fuzz_as_of();
	rq.by = bys[in.flags & 7];
	rq.utilization = (in.flags & 8) != 0;
	rq.missing = (in.flags & 0x30) == 0x10;
	rq.check = (in.flags & 0x30) == 0x20;
	if (in.flags & 0x40) {
		rq.has_from = rq.has_to = 1;
		rq.from = date_from_ymd(2026, 1, 1);
		rq.to = date_from_ymd(2026, 12, 31);
	}
	if (in.flags & 0x80)
		rq.internal = internal;
	rq.rates = fuzz_in_path(&in, 1);
	rq.jobs = fuzz_in_path(&in, 2);
	ae_error_clear(&err);
	if (timesheet_options_set(&to, &rq, &err) != 0 ||
	    timesheet_tables_load(&tables, &to, &rq, &ro, "CNY", &err) != 0) {
		fuzz_check_error(&err);
		timesheet_tables_release(&tables);
		fuzz_in_close(&in);
		return 0;
	}
	ts = timesheet_new(&to);
	fuzz_each_record(fuzz_in_path(&in, 0), &ro, take_record, ts);
	if (timesheet_cost_currency(ts, &to.cost_currency, &to.cost_digits) == 0)
		to.cost_currency = NULL;
	timesheet_uncovered_year(ts);
	timesheet_count(ts);
	if (to.days)
		report_gaps(ts, &to, (enum table_format)((in.flags >> 8) & 3));
	else
		report_groups(ts, &to, (enum table_format)((in.flags >> 8) & 3));
	timesheet_free(ts);
	timesheet_tables_release(&tables);
	fuzz_in_close(&in);
	return 0;
}
