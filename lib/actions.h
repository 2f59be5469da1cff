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
#include "record.h"

enum action_status {
	ACTION_OPEN = 1,
	ACTION_DONE = 2,
	ACTION_DROPPED = 4,
	ACTION_ANY = 7
};

struct action {
	char *id, *what, *owner, *client;
	int32_t due;
	enum action_status status;	/* open when the field is empty */
	const char *source;		/* the record's place */
	long line;
	size_t seq;			/* input order, for a stable sort */
	json_t *record;			/* the record as read (own reference) */
};

/* Which actions to show; a zeroed filter takes every open one. */
struct action_filter {
	const char *owner;
	const char *client;
	unsigned status;		/* enum action_status bits; 0: open */
	int overdue;			/* only open items due before as_of */
	long due_within;		/* ≥ 0: only due on or before as_of + N */
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
int action_read(const struct record *r, struct action *a,
    struct ae_error *err);
void action_release(struct action *a);

/* Whether A passes F. */
int action_matches(const struct action *a, const struct action_filter *f);

/* Appends A (taking ownership), sorts by due date keeping input order. */
void action_list_add(struct action_list *l, struct action *a);
void action_list_sort(struct action_list *l);
void action_list_release(struct action_list *l);

/*
 * Days between AS_OF and DUE for people: "3 left", "today", "2 overdue"
 * (labels through gettext).
 */
void action_days_text(int32_t due, int32_t as_of, char *buf, size_t size);

/*
 * Prints the items of L as an aligned table: due, days, id, owner,
 * client, action, and status when SHOW_STATUS.
 */
void action_table(const struct action_list *l, int32_t as_of,
    int show_status, FILE *out);

/*
 * A reminder memo to OWNER (a new memo object for memo_context()) listing
 * the N items at V, which are OWNER's open ones, sorted: FROM signs it,
 * dated AS_OF.  MARKDOWN writes the list as Markdown bullets, otherwise
 * as an aligned table.
 */
json_t *action_reminder(const char *owner, struct action *const *v, size_t n,
    int32_t as_of, const char *from, int markdown);

/*
 * Marks action record O (a JSON object) done on AS_OF: status "done",
 * done_on AS_OF unless it was already done with a done_on.
 */
void action_mark_done(json_t *o, int32_t as_of);

#endif
