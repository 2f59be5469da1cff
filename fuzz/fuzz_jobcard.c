/*
 * libFuzzer target: jobcard end to end.  The input is the job register,
 * then after "\n--\n" briefs, estimates, and invoices with payments; the
 * flags pick --status (text table or records), --check, --close of the
 * register's first job, or the next job number of a pattern.
 */
#include "fuzz_tool.h"
#include "estimate.h"
#include "field.h"
#include "jobcard.h"
#include "table.h"
#include "writer.h"

static void
load(struct jobcard_set *s, const char *path, const struct reader_options *ro)
{
	struct ae_error err;

	ae_error_clear(&err);
	if (path != NULL && jobcard_set_load(s, path, ro, &err) != 0)
		fuzz_check_error(&err);
}

static void
status(struct jobcard_set *sets, unsigned flags)
{
	struct rate_card card = RATE_CARD_INIT;
	struct jobcard_sources src = { .briefs = &sets[1], .estimates = &sets[2],
		.invoices = &sets[3], .payments = &sets[3], .card = &card,
		.currency = "CNY", .as_of = fuzz_as_of() };
	struct table *t = jobcard_status_table();
	struct jobcard_status st;
	struct ae_error err;
	size_t i;

	for (i = 0; i < sets[0].n; i++) {
		ae_error_clear(&err);
		if (jobcard_status_of(&src, &sets[0].v[i], &st, &err) != 0) {
			fuzz_check_error(&err);
			break;
		}
		jobcard_status_row(t, &st, &sets[0].v[i]);
	}
	table_write(t, (enum table_format)((flags >> 4) & 3), TABLE_EXCEL,
	    fuzz_sink());
	table_free(t);
}

static void
check(struct jobcard_set *sets)
{
	struct finding_sink fs = fuzz_findings();
	size_t i;

	for (i = 0; i < sets[0].n; i++)
		jobcard_check_job(&sets[1], &sets[0].v[i], fuzz_as_of(), &fs);
}

static void
print_table(struct table *t)
{
	if (t == NULL)
		return;
	table_print(t, fuzz_sink());
	table_free(t);
}

static void
close_first(struct jobcard_set *sets)
{
	char buf[JSONTEXT_BUFSIZE];
	const struct jobcard_rec *est;
	struct jobcard_closeout co;
	struct ae_error err;
	const char *job;
	json_t *j;

	if (sets[0].n == 0 ||
	    (job = field_text(sets[0].v[0].obj, "job", buf)) == NULL)
		return;
	jobcard_closeout_init(&co, job);
	ae_error_clear(&err);
	if (((est = jobcard_estimate_for(&sets[2], job)) != NULL &&
	    jobcard_closeout_estimate(&co, est, NULL, "CNY", &err) != 0) ||
	    jobcard_closeout_costs(&co, &sets[2], "CNY", &err) != 0 ||
	    jobcard_closeout_billing(&co, &sets[3], &sets[3], fuzz_as_of(), "CNY",
	    &err) != 0 || jobcard_closeout_finish(&co, "CNY", &err) != 0) {
		fuzz_check_error(&err);
		return;
	}
	j = jobcard_closeout_json(&co, &sets[0].v[0]);
	json_decref(j);
	print_table(jobcard_closeout_table(&co));
	print_table(jobcard_closeout_labour_table(&co));
	jobcard_job_close(sets[0].v[0].obj, fuzz_as_of());
	if (jobcard_put_records(fuzz_sink(), &sets[0].v[0].obj, 1, 0, CSV_EXCEL,
	    &err) != 0)
		fuzz_check_error(&err);
}

static void
next_number(struct jobcard_set *sets, unsigned flags)
{
	static const char *const patterns[] = { "{yyyy}-{seq:4}",
		"{client}-{yy}{seq}", "J{seq:9}", "{yy}/{client}/{seq:2}" };
	char code[JSONTEXT_BUFSIZE], out[256];
	struct ae_error err;
	const char *c;
	json_t *job;

	c = jobcard_register_code(&sets[0], "Acme Beverages", code);
	ae_error_clear(&err);
	if (jobcard_register_next(&sets[0], patterns[(flags >> 4) & 3], 2026, c,
	    out, sizeof(out), &err) != 0) {
		fuzz_check_error(&err);
		return;
	}
	job = jobcard_job_new(out, "Acme Beverages", "Launch", fuzz_as_of(),
	    sets[1].n ? sets[1].v[0].obj : NULL, "briefs/x.json", c);
	json_decref(job);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jobcard_set sets[4] = { { 0 } };
	struct reader_options ro;
	struct fuzz_in in;
	int i;

	ro = fuzz_start(&in, data, size);
	for (i = 0; i < 4; i++)
		load(&sets[i], fuzz_in_path(&in, i), &ro);
	switch (in.flags & 3) {
	case 0:
		status(sets, in.flags);
		break;
	case 1:
		check(sets);
		break;
	case 2:
		close_first(sets);
		break;
	default:
		next_number(sets, in.flags);
		break;
	}
	for (i = 0; i < 4; i++)
		jobcard_set_release(&sets[i]);
	fuzz_in_close(&in);
	return 0;
}
