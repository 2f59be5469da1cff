/*
 * actions.h — the follow-up file: `action` records (SPEC §4: id, what,
 * owner, due, status, minutes, client, done_on), what is open or overdue
 * as of a day, and the reminders sent to each owner.  Nothing agreed may
 * be forgotten (千万别把工作忘掉): every open item stays on the list until
 * it is marked done or dropped.
 */
#ifndef AEKIT_ACTIONS_H
#define AEKIT_ACTIONS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "error.h"
#include "finding.h"
#include "reader.h"
#include "strbuf.h"
#include "table.h"
#include "writer.h"

enum action_status {
	ACTION_OPEN = 1,
	ACTION_DONE = 2,
	ACTION_DROPPED = 4,
	ACTION_ANY = 7
};

struct action {
	char *id, *what, *owner, *client;
	int32_t due;
	enum action_status status; /* open when the field is empty */
	char *source;		   /* the record's place (own copy) */
	long line;
	long owner_line; /* where its owner stands, for the reminder */
	size_t seq;	 /* input order, for a stable sort */
	json_t *record;	 /* the record as read (own reference) */
};

/* Which actions to show; a zeroed filter takes every open one. */
struct action_filter {
	const char *owner;
	const char *client;
	unsigned status; /* enum action_status bits; 0: open */
	int overdue;	 /* only open items due before as_of */
	long due_within; /* ≥ 0: only due on or before as_of + N */
	int32_t as_of;
};

struct action_list {
	struct action *v;
	size_t n, alloc;
};

/*
 * Reads action record R into A: id, what, owner and due are required,
 * due and done_on dates, status one of open, done, dropped.  -1 with ERR
 * naming the field.  A owns copies; free with action_release().
 */
int action_read(const struct record *r, struct action *a, struct ae_error *err);
void action_release(struct action *a);

/* Whether A passes F. */
int action_matches(const struct action *a, const struct action_filter *f);

/*
 * Parses a --status list ("open,done"; "all" for every status): the
 * enum action_status bits, or 0 for an unknown word or an empty list.
 */
unsigned action_status_parse(const char *s);

/*
 * The days A is overdue as of F's day when F passes it and it is open
 * and past due (the --check rule), else 0.
 */
long action_overdue(const struct action *a, const struct action_filter *f);

/*
 * Reports the --check finding for A, LATE days overdue, to FS (at the
 * record at hand): "action 'A1' 'what' (owner) was due 2026-11-20, 3
 * days ago".
 */
void action_report_overdue(const struct action *a, long late,
    struct finding_sink *fs);

/* Appends A (taking ownership), sorts by due date keeping input order. */
void action_list_add(struct action_list *l, struct action *a);
void action_list_sort(struct action_list *l);
void action_list_release(struct action_list *l);

/*
 * Writes the items of L, as they were read, through W.  -1 with ERR at
 * the item's place when one cannot be written.
 */
int action_list_write(const struct action_list *l, struct rec_writer *w,
    struct ae_error *err);

/*
 * Days between AS_OF and DUE for people: "3 left", "today", "2 overdue"
 * (labels through gettext).
 */
void action_days_text(int32_t due, int32_t as_of, char *buf, size_t size);

/*
 * Prints the items of L for people, an aligned text table or a Markdown
 * one (FORMAT): due, days, id, owner, client, action, and status when
 * SHOW_STATUS.  As records they are the action records themselves
 * (action_list_write), with every field they carry.
 */
void action_table(const struct action_list *l, int32_t as_of, int show_status,
    enum table_format format, FILE *out);

/*
 * A reminder memo to OWNER (a new memo object for memo_context()) listing
 * the N items at V, which are OWNER's open ones, sorted: FROM signs it,
 * dated AS_OF.  MARKDOWN writes the list as Markdown bullets, otherwise
 * as an aligned table.  SHOW_IDS lists the agency's action ids.
 */
json_t *action_reminder(const char *owner, struct action *const *v, size_t n,
    int32_t as_of, const char *from, int markdown, int show_ids);

/*
 * The reminders for the open items of L: a JSON array (new reference) of
 * action_reminder() memos, one per owner in byte order, each listing its
 * items by due date, then input order.  STAFF (an object whose keys are
 * the agency's people, or NULL for everyone) tells the owners of the
 * client: their reminders leave out the agency's internal ids and any
 * item marked sensitive.  NULL with ERR, at the first of its actions,
 * when an owner cannot head a memo (a control character).
 */
json_t *action_reminders(const struct action_list *l, int32_t as_of,
    const char *from, int markdown, json_t *staff, struct ae_error *err);

/*
 * Marks action record O (a JSON object) done on AS_OF: status "done",
 * done_on AS_OF unless it was already done with a done_on.
 */
void action_mark_done(json_t *o, int32_t as_of);

/*
 * A --done run: the ids to mark done, which of them were seen, and the
 * stream written back.
 */
struct action_done {
	char **ids;
	int *found;
	size_t n;
	struct rec_writer *w;
};

/*
 * Adds the ids of comma list S, blanks around each trimmed, empty ones
 * skipped.  Returns how many it added.
 */
size_t action_done_add(struct action_done *d, const char *s);

/*
 * The CSV header the --done stream is written with: H's names, then
 * status and done_on unless H has them.  NULL-terminated; free the
 * array, not the names (H's).
 */
const char **action_done_header(const struct csv_header *h);

/*
 * Record R marked done on AS_OF (a new object) when its id is one of D's,
 * noting the id seen; NULL when it is not.
 */
json_t *action_done_apply(struct action_done *d, const struct record *r,
    int32_t as_of);

/*
 * Writes R to OUT as read, or marked done when action_done_apply() says
 * so, in the format of the first record (CSV with action_done_header(),
 * else JSON Lines).  -1 with ERR when it cannot be written.
 */
int action_done_put(struct action_done *d, FILE *out, const struct record *r,
    int32_t as_of, struct ae_error *err);

/* The first of D's ids that no record had, or NULL. */
const char *action_done_missing(const struct action_done *d);

/* Finishes the stream written (a CSV header alone when no record). */
void action_done_release(struct action_done *d);

#endif
