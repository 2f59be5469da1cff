/*
 * libFuzzer target: receivables end to end.  The input is invoices, then
 * after "\n--\n" payments; the flags pick --by, --basis, --totals,
 * --overdue, --unapplied, the language and the output format (text, csv,
 * json; xlsx is fuzz_xlsx's).
 */
#include "fuzz_tool.h"
#include "receivables.h"
#include "writer.h"

static int
take_record(const struct record *r, void *ctx, struct ae_error *err)
{
	return receivables_add(ctx, r, err);
}

static void
write_report(struct recv *rv, unsigned flags)
{
	struct receivables_report rep;
	struct ae_error err;

	ae_error_clear(&err);
	if (receivables_report(rv, &rep, 0, &err) != 0) {
		fuzz_check_error(&err);
		return;
	}
	receivables_write(&rep, (enum table_format)((flags >> 4) & 3), TABLE_EXCEL,
	    fuzz_sink());
	receivables_over(&rep, 30);
	receivables_report_release(&rep);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct receivables_options o = { .currency = "CNY", .fail_over = -1 };
	struct reader_options ro;
	struct fuzz_in in;
	struct recv *rv;

	ro = fuzz_start(&in, data, size);
	o.as_of = fuzz_as_of();
	o.nbuckets = 3;
	o.buckets[0] = 30;
	o.buckets[1] = 60;
	o.buckets[2] = 90;
	o.by = (enum receivables_by)(in.flags & 3);
	o.basis = in.flags & 4 ? RECV_ISSUED : RECV_DUE;
	o.totals = (in.flags & 0x40) != 0;
	o.unapplied = (in.flags & 0x80) != 0;
	o.overdue = (in.flags & 0x100) != 0;
	o.all_names = (in.flags & 0x200) != 0;
	rv = receivables_new(&o);
	receivables_begin_file(rv, NULL);
	fuzz_each_record(fuzz_in_path(&in, 0), &ro, take_record, rv);
	receivables_begin_file(rv, "payment");
	fuzz_each_record(fuzz_in_path(&in, 1), &ro, take_record, rv);
	write_report(rv, in.flags);
	receivables_free(rv);
	fuzz_in_close(&in);
	return 0;
}
