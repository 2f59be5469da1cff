/*
 * agenda.h — a meeting's agenda (SPEC §3 agenda, §4 meeting): item slots,
 * contentious items first, the handbook's checks, the template context,
 * the meeting written back with slots, and the iCalendar event.
 *
 *	struct agenda a;
 *	agenda_load(&a, meeting, "m.json", 1, NULL, &err);
 *	agenda_check(&a, now, &sink);
 *	ctx = agenda_context(&a);
 *	agenda_free(&a);
 *
 * The handbook's rules (客户会议/会议议程): contentious topics come first
 * (优先考虑争议) and otherwise keep their order; each topic is listed
 * once with whoever leads it; the agenda goes to everyone at least one to
 * two hours before the meeting (会议前至少1-2小时); the chair opens with
 * the agenda and timings and a recap of the last meeting's agreements.
 */
#ifndef AEKIT_AGENDA_H
#define AEKIT_AGENDA_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "date.h"
#include "error.h"
#include "finding.h"
#include "reader.h"
#include "side.h"
#include "strbuf.h"

/* The agenda must go out at least this long before the start. */
#define AGENDA_LEAD_SECONDS 3600

struct agenda_item {
	json_t *object;	   /* the item as given (borrowed) */
	long line;	   /* where it is in the input */
	size_t index;	   /* its place in the input, from 0 */
	const char *topic; /* never NULL */
	const char *owner; /* NULL when absent or empty */
	const char *kind;  /* opening|decision|discussion|info|approval */
	const char *notes;
	long minutes; /* 0 when absent */
	int has_minutes;
	int contentious;
	int fixed;	    /* `fixed: true`: keeps its written place */
	int opening;	    /* fixed, or of kind opening */
	int64_t start, end; /* the slot, epoch seconds */
};

struct agenda {
	json_t *meeting; /* the meeting object (a reference held) */
	char source[512];
	long line;
	struct datetime start; /* items' slots are in start's offset */
	long duration;	       /* minutes: `duration`, else end − start */
	int has_sent;
	struct datetime sent;	   /* a date alone: the end of that day */
	struct agenda_item *items; /* in agenda order */
	size_t nitems;
	long planned;	    /* Σ minutes */
	long sequence;	    /* the revision of a re-sent agenda, 0 */
	struct sides sides; /* client and agency names (--check sent_to) */
	const struct jsonpos *pos; /* the meeting's value lines, while
					   it is read; or NULL */
};

/*
 * Reads MEETING (a JSON object; the agenda takes its own reference) from
 * SOURCE at LINE.  ITEM_LINES, when not NULL, holds each item's input
 * line (else every item is placed at LINE).  Checks the fields' forms:
 * id, title and start present, start a date-time, duration a positive
 * whole number of minutes or end after start (both agreeing when both
 * are given), items a list of objects each with a topic, minutes a whole
 * number, kind one of the four, contentious a boolean, sent a date-time
 * or date, sequence a whole number.  Then orders the items
 * (agenda_schedule) and computes their slots.  Returns -1 with ERR naming the place and the
 * field ("items[2].minutes") on bad data.
 */
int agenda_load(struct agenda *a, json_t *meeting, const char *source,
    long line, const long *item_lines, struct ae_error *err);

void agenda_free(struct agenda *a);

/*
 * Puts the items in agenda order and times them.  An opening item (kind
 * `opening`, or `fixed: true`) keeps its written place; the others fill
 * the remaining places, contentious ones first (each group in written
 * order), except that up to the last item of kind `opening` (and through
 * the run of fixed items the list starts with) places keep their written
 * non-contentious items.  KEEP_ORDER keeps every item where it was
 * written.
 */
void agenda_schedule(struct agenda *a, int keep_order);

/*
 * Applies the handbook's rules: every item has an owner ("owner") and
 * minutes ("minutes"); the items fit in the meeting ("fit"); the agenda
 * went out (`sent`, else NOW) at least an hour before the start
 * ("sent"); no topic is listed twice ("duplicate"); `sent_to` names
 * someone of the client and someone of the agency ("sent_to", sides
 * told by A->sides).  Reports each violation to FS, at the item or field
 * it is about, and returns how many there were.
 */
int agenda_check(const struct agenda *a, struct datetime now,
    struct finding_sink *fs);

/*
 * The context for the templates (a new reference): the meeting's fields
 * as display text, `items` in agenda order with slots, `previous`,
 * `checklist` (the handbook's pre-meeting list, in the current
 * language), `materials`, a text `table` of the items, and `meeting`,
 * the record as given.  man/agenda.1 lists every name.
 */
json_t *agenda_context(const struct agenda *a);

/*
 * The meeting written back (a new reference): the record as given, items
 * in agenda order, each with slot_start and slot_end (ISO 8601 with the
 * start's offset) added.
 */
json_t *agenda_to_json(const struct agenda *a);

/*
 * Appends one VEVENT for A to CAL (an icalcomponent VCALENDAR, passed as
 * void * so that this header does not need libical's): UID from the
 * meeting id, SEQUENCE from `sequence`, DTSTAMP from STAMP, DTSTART/DTEND
 * in the IANA zone TZ names when it has the meeting's offset (else a
 * fixed-offset zone), SUMMARY, LOCATION, ORGANIZER (the chair) and an
 * ATTENDEE for each attendee with an email (the others are left out),
 * DESCRIPTION.  The VTIMEZONE is added once.  A name or email holding a
 * control character or a double quote is refused: -1, ERR naming the
 * field ("attendees[2].email").
 */
int agenda_ics_add(void *cal, const struct agenda *a, struct datetime stamp,
    const char *description, struct ae_error *err);

/* A new VCALENDAR (VERSION, PRODID, CALSCALE, METHOD:REQUEST). */
void *agenda_ics_new(void);

/* Appends CAL's text (CRLF lines) to OUT and frees CAL. */
void agenda_ics_finish(void *cal, struct strbuf *out);

/*
 * Reads the meetings in PATH and calls FN with each, loaded.  JSON input
 * is a stream of meeting objects (a `type` other than "meeting" is an
 * error); CSV input is the items of one meeting, a row each (topic,
 * owner, minutes, kind, contentious, notes), their values strings.
 * FIELDS (an object, or NULL) gives meeting fields that override the
 * record's, which is how CSV items get their meeting.  FN returns 0 to
 * go on.  Returns 0, or -1 with ERR (a reader error, bad data, or FN's).
 */
typedef int (*agenda_fn)(struct agenda *a, void *ctx, struct ae_error *err);
int agenda_read(const char *path, const struct reader_options *ro,
    json_t *fields, agenda_fn fn, void *ctx, struct ae_error *err);

#endif
