/*
 * libFuzzer target: agenda -f ics, the iCalendar writer.  The input is
 * meetings (JSON) or one meeting's items (CSV); every meeting becomes a
 * VEVENT of one calendar, whose text is then checked: every line ends in
 * CRLF and none holds another control character, so that no value can
 * add a property.
 */
#include "fuzz_tool.h"
#include "agenda.h"
#include "side.h"

struct run {
	void *cal;
	unsigned flags;
};

static int
on_meeting(struct agenda *a, void *ctx, struct ae_error *err)
{
	struct datetime stamp = { (int64_t)fuzz_as_of() * 86400, 0 };
	struct run *run = ctx;
	const char *desc = "";
	char *text = NULL;
	json_t *j;
	int rc;

	if (run->flags & 1)
		agenda_schedule(a, 1);
	if (run->flags & 2) {
		/* The description is the text agenda, as agenda(1) makes it. */
		j = agenda_context(a);
		text = json_dumps(j, 0);
		desc = text;
		json_decref(j);
	}
	if (run->cal == NULL)
		run->cal = agenda_ics_new();
	rc = agenda_ics_add(run->cal, a, stamp, desc, err);
	free(text);
	if (rc != 0)
		fuzz_check_error(err);
	return 0;
}

/* Lines end in CRLF; no other control character anywhere. */
static void
check_ics(const struct strbuf *sb)
{
	size_t i;

	for (i = 0; i < sb->len; i++) {
		unsigned char c = (unsigned char)sb->buf[i];

		if (c == '\r' && i + 1 < sb->len && sb->buf[i + 1] == '\n') {
			i++;
			continue;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			__builtin_trap();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT;
	struct reader_options ro;
	struct run run = { NULL, 0 };
	struct ae_error err;
	struct fuzz_in in;
	json_t *f = NULL;

	ro = fuzz_start(&in, data, size);
	run.flags = in.flags;
	if (in.flags & 4)
		f = json_pack("{s:s, s:s, s:s, s:s}", "id", "M-1", "title",
		    "Weekly", "start", "2026-11-26T10:00", "end",
		    "2026-11-26T11:00");
	ae_error_clear(&err);
	if (agenda_read(fuzz_in_path(&in, 0), &ro, f, on_meeting, &run,
	    &err) != 0)
		fuzz_check_error(&err);
	if (run.cal != NULL) {
		agenda_ics_finish(run.cal, &out);
		check_ics(&out);
	}
	strbuf_release(&out);
	json_decref(f);
	fuzz_in_close(&in);
	return 0;
}
