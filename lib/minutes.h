/*
 * minutes.h — the client contact report (客户会议报告).
 *
 * A minutes record (SPEC §4) says what was decided, what happens next,
 * who does it and by when, and who receives the report.  This module
 * checks the record, builds the template context of the report (with
 * the client copy's sensitive items left out), lists its actions as
 * `action` records for the follow-up file, and applies the handbook's
 * rules (--check).
 *
 * Items: decisions[] and notes[] hold {text, sensitive} or plain texts;
 * actions[] hold {id, what, owner, due, sensitive}.  A CSV row may give
 * decisions and notes as one cell of texts separated by ';'.
 */
#ifndef AEKIT_MINUTES_H
#define AEKIT_MINUTES_H

#include <stdint.h>

#include <jansson.h>

#include "field.h"
#include "error.h"
#include "finding.h"
#include "reader.h"
#include "side.h"
#include "strbuf.h"

/* The longest a report may take after the meeting's end: 24 hours. */
#define MINUTES_DEADLINE (24 * 3600)

struct minutes_options {
	int client_copy;    /* leave out every `sensitive` item */
	struct sides sides; /* the agency's names; the record's own `agency`
				   and `client` are added per record */
	int text_table;	    /* add `actions_table`, an aligned text table */
	int32_t as_of;	    /* the issue date when `issued` is not given */
};

/*
 * Checks that M has what a report needs (id, client, date; every action a
 * `what`) and that every known field has the right form.  0, or -1 with
 * ERR naming the field ("actions[2].due").
 */
int minutes_validate(json_t *m, struct ae_error *err);

/*
 * The template context of M's report (a new reference), or NULL with ERR.
 * It holds the record's fields, with date, end and issued for people
 * ("2026-11-20 14:00"), `when` (date, start and end time), client_side,
 * agency_side and unknown_side (attendees split by org, side.h: a side
 * that cannot be told is said, not guessed), absent, distribution — each
 * person with a `label` and `last` — and decisions, actions and notes
 * numbered from 1 (`n`) after any client-copy filtering, with has_*
 * flags.  Actions carry `id` (given, or "<minutes id>-A<n>" numbered
 * over all actions) except in the client copy, which also drops every
 * `sensitive` flag.
 */
json_t *minutes_context(json_t *m, const struct minutes_options *o,
    struct ae_error *err);

/*
 * The `action` records of M (a new array): id, what, owner, due (ISO),
 * status "open", minutes, client, then the action's other fields except
 * `sensitive`.  With CLIENT_COPY sensitive actions are left out.  An
 * action without owner or due date is an error (-1, ERR).
 */
int minutes_actions(json_t *m, int client_copy, json_t **out,
    struct ae_error *err);

/*
 * Applies the handbook's rules to M (which minutes_validate accepted):
 * "end" — the meeting ends before it starts; "early" — issued before
 * the meeting ended (the latest instant `issued` may stand for);
 * "late" — issued more than 24 h after the meeting's end (`end`, else
 * `date` + 1 h; a date without a time ends with its day); `issued` (its
 * earliest instant) or else NOW counts as the issue time; "owner" and
 * "due" — each action has an owner and a due date not before the
 * meeting's day; "distribution" — every attendee and every absentee is
 * on the distribution list; "empty" — a report with neither decisions
 * nor actions.  Each finding goes to FS, at the line of the action,
 * person or field it is about.  Returns the number of findings.
 */
int minutes_check(json_t *m, const struct when *now, struct finding_sink *fs);

/*
 * Merges ACTIONS (minutes_actions' records) into the follow-up file PATH,
 * holding file_lock() on it from the read to the rename: the file's own
 * bytes stay as they are, and every action whose id is not in it yet is
 * appended (as a CSV row in the file's columns, or a JSON line when the
 * file is JSON; a new or empty file is CSV with the fixed columns unless
 * JSON is set).  An action already there is never added twice and its
 * status is never touched.  Returns how many were added, or -1 with ERR.
 */
int minutes_append(const char *path, const struct reader_options *ro,
    json_t *actions, int json, struct ae_error *err);

/*
 * Whether M has sensitive items and names client people (SIDES, with the
 * record's client and agency) on its distribution: they must receive the
 * client copy.  Appends their names to OUT and returns 1, else 0.
 */
int minutes_sensitive_note(json_t *m, const struct sides *sides,
    struct strbuf *out);

#endif
