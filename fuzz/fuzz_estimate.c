/*
 * libFuzzer target: estimate end to end.  The input is estimates, then
 * after "\n--\n" a rate card, after another actual costs and after a
 * third time records; the flags pick the document format, --check (with
 * --time), --actual, --compare (of each estimate with the one before)
 * and the report format.
 */
#include "fuzz_tool.h"
#include "estimate.h"
#include "estimate_report.h"

struct run {
	struct fuzz_in *in;
	struct reader_options ro;
	struct rate_card rates;
	int has_rates;
	json_t *prev;
	struct estimate_totals prev_t;
	json_t *checked[16];
	size_t nchecked;
};

static void
document(json_t *est, const struct estimate_totals *t, unsigned flags)
{
	json_t *ctx;

	ctx = estimate_context(est, t, strcmp(i18n_lang(), "zh") == 0);
	if (strcmp(fuzz_doc_format(flags >> 4, 1), "text") == 0)
		estimate_text_tables(ctx);
	fuzz_render("estimate", fuzz_doc_format(flags >> 4, 1), ctx);
	json_decref(ctx);
}

static void
report(json_t *rows, const struct estimate_totals *t, unsigned flags,
    enum estimate_report_kind kind, struct ae_error *err)
{
	if (rows == NULL) {
		fuzz_check_error(err);
		return;
	}
	estimate_print_report(fuzz_sink(), (enum table_format)((flags >> 4) &
	    3), TABLE_EXCEL, kind, rows, t->digits);
	json_decref(rows);
}

static void
compare(struct run *run, json_t *est, struct estimate_totals *t,
    unsigned flags, struct ae_error *err)
{
	if (run->prev != NULL) {
		report(estimate_compare(run->prev, &run->prev_t, est, t, err),
		    t, flags, ESTIMATE_COMPARE, err);
		json_decref(run->prev);
		estimate_totals_release(&run->prev_t);
	}
	run->prev = json_incref(est);
	run->prev_t = *t;
	memset(t, 0, sizeof(*t));
}

static int
take_record(const struct record *r, void *ctx, struct ae_error *err)
{
	struct run *run = ctx;
	unsigned flags = run->in->flags;
	json_t *est = record_to_json(r);
	struct finding_sink fs = fuzz_findings();
	struct decimal tol = { 10, 0 };
	struct estimate_totals t;
	long overruns;

	if (estimate_compute(est, run->has_rates ? &run->rates : NULL, "CNY",
	    &t, err) != 0) {
		json_decref(est);
		return -1;
	}
	switch (flags & 3) {
	case 0:
		document(est, &t, flags);
		break;
	case 1:
		finding_sink_record(&fs, r);
		if (estimate_check(est, fuzz_as_of(), &fs, err) < 0)
			fuzz_check_error(err);
		if (run->nchecked < 16 && json_object_get(est, "job")) {
			run->checked[run->nchecked++] = est;
			est = NULL;
		}
		break;
	case 2:
		/* --actual always names its file. */
		if (fuzz_in_path(run->in, 2) != NULL)
			report(estimate_actual(est, &t, fuzz_in_path(run->in,
			    2), &run->ro, tol, &overruns, err), &t, flags,
			    ESTIMATE_ACTUAL, err);
		break;
	default:
		compare(run, est, &t, flags, err);
		break;
	}
	ae_error_clear(err);
	json_decref(est);
	estimate_totals_release(&t);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run run = { .rates = RATE_CARD_INIT };
	struct finding_sink fs = fuzz_findings();
	struct fuzz_in in;
	struct ae_error err;
	const char *path;
	size_t i;

	run.in = &in;
	run.ro = fuzz_start(&in, data, size);
	ae_error_clear(&err);
	if ((path = fuzz_in_path(&in, 1)) != NULL) {
		if (rate_card_load(&run.rates, path, &run.ro, "CNY", &err) != 0)
			fuzz_check_error(&err);
		else
			run.has_rates = 1;
	}
	fuzz_each_record(fuzz_in_path(&in, 0), &run.ro, take_record, &run);
	ae_error_clear(&err);
	if (run.nchecked > 0 && (path = fuzz_in_path(&in, 3)) != NULL &&
	    estimate_check_time(run.checked, run.nchecked, fuzz_as_of(), path,
	    &run.ro, &fs, &err) < 0)
		fuzz_check_error(&err);
	for (i = 0; i < run.nchecked; i++)
		json_decref(run.checked[i]);
	if (run.prev != NULL) {
		json_decref(run.prev);
		estimate_totals_release(&run.prev_t);
	}
	rate_card_release(&run.rates);
	fuzz_in_close(&in);
	return 0;
}
