/*
 * libFuzzer target: the xlsx writers.  The flags pick the workbook:
 * receivables (invoices, then after "\n--\n" payments), forecast
 * (forecasts, then invoices) or estimate (estimates).  Each is written
 * to a scratch file; a workbook that cannot be written is an error with
 * a message, never a crash or a silent gap.
 */
#include "fuzz_tool.h"
#include "estimate.h"
#include "estimate_report.h"
#include "forecast_xlsx.h"
#include "forecast.h"
#include "receivables.h"
#include "receivables_xlsx.h"

static char path[64];

static void
written(int rc, struct ae_error *err)
{
	if (rc != 0)
		fuzz_check_error(err);
	unlink(path);
}

static int
add_invoice(const struct record *r, void *ctx, struct ae_error *err)
{
	return receivables_add(ctx, r, err);
}

static void
receivables(struct fuzz_in *in, const struct reader_options *ro)
{
	struct receivables_options o = { .currency = "CNY", .fail_over = -1,
		.all_names = 1, .nbuckets = 3, .buckets = { 30, 60, 90 } };
	struct receivables_report rep;
	struct ae_error err;
	struct recv *rv;

	o.as_of = fuzz_as_of();
	o.by = (enum receivables_by)((in->flags >> 4) & 3);
	rv = receivables_new(&o);
	receivables_begin_file(rv, NULL);
	fuzz_each_record(fuzz_in_path(in, 0), ro, add_invoice, rv);
	receivables_begin_file(rv, "payment");
	fuzz_each_record(fuzz_in_path(in, 1), ro, add_invoice, rv);
	ae_error_clear(&err);
	if (receivables_report(rv, &rep, 1, &err) == 0) {
		written(receivables_write_xlsx(&rep, path, "CNY", &err), &err);
		receivables_report_release(&rep);
	} else
		fuzz_check_error(&err);
	receivables_free(rv);
}

static int
add_forecast(const struct record *r, void *ctx, struct ae_error *err)
{
	return forecast_add(ctx, r, err);
}

static void
forecast(struct fuzz_in *in, const struct reader_options *ro)
{
	struct forecast_options o = { .from = FC_NO_MONTH, .to = FC_NO_MONTH,
		.currency = "CNY" };
	struct forecast_report m, q;
	struct ae_error err;
	struct fc *fc;

	o.as_of = fuzz_as_of();
	o.by = (enum forecast_by)(((in->flags >> 4) & 3) % 3);
	o.weighted = (in->flags & 0x40) != 0;
	fc = forecast_new(&o);
	forecast_begin_file(fc, NULL);
	fuzz_each_record(fuzz_in_path(in, 0), ro, add_forecast, fc);
	forecast_begin_file(fc, "invoice");
	fuzz_each_record(fuzz_in_path(in, 1), ro, add_forecast, fc);
	ae_error_clear(&err);
	if (forecast_report(fc, &m, 0, &err) != 0)
		fuzz_check_error(&err);
	else {
		if (forecast_report(fc, &q, 1, &err) != 0)
			fuzz_check_error(&err);
		else {
			written(forecast_write_xlsx(&m, &q, path, &err), &err);
			forecast_report_release(&q);
		}
		forecast_report_release(&m);
	}
	forecast_free(fc);
}

static int
add_estimate(const struct record *r, void *ctx, struct ae_error *err)
{
	struct estimate_totals t;
	json_t *est = record_to_json(r);
	int rc = -1;

	(void)ctx;
	if (estimate_compute(est, NULL, "CNY", &t, err) == 0) {
		rc = estimate_write_xlsx(path, est, &t, strcmp(i18n_lang(),
		    "zh") == 0, err);
		written(rc, err);
		ae_error_clear(err);
		rc = 0;
		estimate_totals_release(&t);
	}
	json_decref(est);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader_options ro;
	struct fuzz_in in;

	snprintf(path, sizeof(path), "/tmp/fuzz-xlsx-%d.xlsx", (int)getpid());
	ro = fuzz_start(&in, data, size);
	switch (in.flags % 3) {
	case 0:
		receivables(&in, &ro);
		break;
	case 1:
		forecast(&in, &ro);
		break;
	default:
		fuzz_each_record(fuzz_in_path(&in, 0), &ro, add_estimate,
		    NULL);
		break;
	}
	fuzz_in_close(&in);
	return 0;
}
