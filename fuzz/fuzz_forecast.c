/*
 * libFuzzer target: forecast end to end.  The input is forecasts, then
 * after "\n--\n" invoices and after another the job register; the flags
 * pick --by, --quarterly, --weighted, --check and the output format
 * (text, csv, json; xlsx is fuzz_xlsx's).
 */
#include "fuzz_tool.h"
#include "forecast.h"
#include "writer.h"

static int
take_record(const struct record *r, void *ctx, struct ae_error *err)
{
	return forecast_add(ctx, r, err);
}

static void
write_report(struct fc *fc, unsigned flags)
{
	struct forecast_report rep;
	struct ae_error err;

	ae_error_clear(&err);
	if (forecast_report(fc, &rep, (flags & 4) != 0, &err) != 0) {
		fuzz_check_error(&err);
		return;
	}
	switch ((flags >> 4) & 3) {
	case 0:
		forecast_write_text(&rep, fuzz_sink());
		break;
	case 1:
		forecast_write_records(&rep, TABLE_CSV, TABLE_EXCEL, fuzz_sink());
		break;
	default:
		forecast_write_records(&rep, TABLE_JSONL, 0, fuzz_sink());
		break;
	}
	forecast_report_release(&rep);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct forecast_options o = { .from = FC_NO_MONTH, .to = FC_NO_MONTH,
		.currency = "CNY" };
	struct reader_options ro;
	struct fuzz_in in;
	struct fc *fc;

	ro = fuzz_start(&in, data, size);
	o.as_of = fuzz_as_of();
	o.by = (enum forecast_by)((in.flags & 3) % 3);
	o.weighted = (in.flags & 8) != 0;
	if (in.flags & 0x40) {
		o.from = FC_MONTH(2026, 1);
		o.to = o.from + (int)((in.flags >> 7) & 31);
	}
	if (in.flags & 0x1000)
		o.by = FC_BY_CLIENT;
	fc = forecast_new(&o);
	forecast_begin_file(fc, NULL);
	fuzz_each_record(fuzz_in_path(&in, 0), &ro, take_record, fc);
	forecast_begin_file(fc, "invoice");
	fuzz_each_record(fuzz_in_path(&in, 1), &ro, take_record, fc);
	forecast_begin_file(fc, "job");
	fuzz_each_record(fuzz_in_path(&in, 2), &ro, take_record, fc);
	if (in.flags & 0x1000) {
		struct finding_sink fs = fuzz_findings();
		forecast_check(fc, &fs);
	} else
		write_report(fc, in.flags);
	forecast_free(fc);
	fuzz_in_close(&in);
	return 0;
}
