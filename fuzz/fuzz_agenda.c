/*
 * libFuzzer target: agenda end to end.  The input is meetings (JSON) or
 * one meeting's items (CSV, the meeting's fields then given as options);
 * the flags pick --keep-order, --check, -f json and the document format.
 * -f ics is fuzz_ics's.
 */
#include "fuzz_tool.h"
#include "agenda.h"
#include "side.h"

static int
on_meeting(struct agenda *a, void *ctx, struct ae_error *err)
{
	unsigned flags = *(unsigned *)ctx;
	struct datetime now = { (int64_t)fuzz_as_of() * 86400, 28800 };
	json_t *j;

	(void)err;
	sides_add_agency(&a->sides, "Agency");
	if (flags & 1)
		agenda_schedule(a, 1);
	if (flags & 2) {
		struct finding_sink fs = fuzz_findings();
		agenda_check(a, now, &fs);
		return 0;
	}
	if (flags & 4) {
		j = agenda_to_json(a);
		json_dumpf(j, fuzz_sink(), JSON_INDENT(2));
		json_decref(j);
		return 0;
	}
	j = agenda_context(a);
	fuzz_render("agenda", fuzz_doc_format(flags >> 4, 0), j);
	json_decref(j);
	return 0;
}

/* The meeting fields a CSV of items takes from the command line. */
static json_t *
fields(unsigned flags)
{
	if ((flags & 8) == 0)
		return NULL;
	return json_pack("{s:s, s:s, s:s, s:i, s:[s,s]}", "id", "M-1",
	    "title", "周会", "start", "2026-11-26T10:00+08:00", "duration",
	    60, "attendees", "王芳", "Bob <bob@example.com>");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader_options ro;
	struct ae_error err;
	struct fuzz_in in;
	json_t *f;

	ro = fuzz_start(&in, data, size);
	f = fields(in.flags);
	ae_error_clear(&err);
	if (agenda_read(fuzz_in_path(&in, 0), &ro, f, on_meeting, &in.flags,
	    &err) != 0)
		fuzz_check_error(&err);
	json_decref(f);
	fuzz_in_close(&in);
	return 0;
}
