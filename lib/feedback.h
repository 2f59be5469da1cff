/*
 * feedback.h — client complaints and call-backs (投诉与回访).
 *
 * A complaint (SPEC §4) is logged when it is received, answered,
 * escalated to the general manager when it is major (重大投诉及时向总经理
 * 汇报), resolved, and followed by a call-back (回访).  The department
 * reports each week what it received, chased, answered and called back
 * (每周受理、督办、反馈、回访).  This module holds the complaint, callback
 * and job records of a run, seen as of one day, and answers the reports
 * and rules of feedback(1) from them.
 *
 * Point in time: everything is seen as it stood at the end of the as-of
 * day.  A record received or dated after it is left out; a time after it
 * (answered, escalated, resolved) counts as not yet.
 */
#ifndef AEKIT_FEEDBACK_H
#define AEKIT_FEEDBACK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "date.h"
#include "error.h"
#include "finding.h"
#include "reader.h"
#include "table.h"

enum feedback_severity {
	FB_MINOR,
	FB_MAJOR,
	FB_CRITICAL
};

/* The kinds of call-back the manuals name. */
enum feedback_kind {
	FB_COMPLAINT, /* after a complaint is resolved (投诉回访) */
	FB_DELIVERY,  /* after a job is delivered (售后回访) */
	FB_DORMANT,   /* a client gone quiet (流失客户回访) */
	FB_SURVEY     /* a satisfaction survey (满意度调查回访) */
};

struct feedback_complaint {
	char *id, *client, *summary, *owner, *job, *note;
	enum feedback_severity severity;
	struct datetime received, answered, escalated, resolved;
	int has_answered, has_escalated, has_resolved; /* by the as-of day */
	const char *source;
	long line;
	long owner_line; /* where its owner stands */
};

struct feedback_callback {
	char *client, *by, *complaint, *job;
	enum feedback_kind kind;
	int32_t date;
	int satisfied; /* 1 yes, 0 no, -1 not said */
	long score;    /* 1–5; 0 not given */
	const char *source;
	long line;
};

/* A job of the register, for the call-back after delivery. */
struct feedback_job {
	char *job, *client, *title, *ae;
	int32_t closed; /* the day it was delivered and closed */
	const char *source;
	long line;
	long ae_line; /* where its ae stands */
};

/* The limits of the rules, each an option with the manuals' default. */
struct feedback_limits {
	long answer_hours;  /* answered, and escalated if major: 24 */
	long callback_days; /* call-back after resolution or delivery: 7 */
	long open_days;	    /* open without a note of why: 30 */
	long quiet_days;    /* a client with no contact: 90 */
	long survey_days;   /* between satisfaction surveys: 90 */
};

#define FB_LIMITS_DEFAULT         \
	{                         \
		24, 7, 30, 90, 90 \
	}

struct feedback {
	int32_t as_of;	/* the day */
	int64_t cutoff; /* the first second after the as-of day */
	int64_t now;	/* the moment overdue is measured at */
	struct feedback_limits limits;
	const char *owner; /* NULL, or only this owner's complaints */

	struct feedback_complaint *cv;
	size_t nc, ac;
	struct feedback_callback *bv;
	size_t nb, ab;
	struct feedback_job *jv;
	size_t nj, aj;
	char **sources; /* the file names records came from */
	size_t nsources;
};

/*
 * Starts a run seen as of AS_OF (a day, local time).  NOW is the current
 * time: overdue is measured at NOW when it falls within the as-of day,
 * else at the day's end.
 */
void feedback_init(struct feedback *fb, int32_t as_of, int64_t now);
void feedback_release(struct feedback *fb);

/*
 * Reads record R, whose type is its `type` field, the file's name, or
 * guessed from its fields (`received` makes a complaint, `by` a
 * callback).  Records of other types are refused.  -1 with ERR naming
 * the field for a bad value; records after the as-of day are read and
 * checked but left out.
 */
int feedback_add(struct feedback *fb, const struct record *r,
    struct ae_error *err);

/* Whether complaint C is open (not resolved) on the as-of day. */
int feedback_is_open(const struct feedback *fb,
    const struct feedback_complaint *c);

/* Whether C passes --owner. */
int feedback_owner_matches(const struct feedback *fb,
    const struct feedback_complaint *c);

/* Days from C's received day to the as-of day. */
long feedback_age(const struct feedback *fb,
    const struct feedback_complaint *c);

/*
 * The open complaints, oldest first, then in input order.  HUMAN: the
 * words and times for people (text, md), else as records write them.
 */
struct table *feedback_open_table(const struct feedback *fb, int human);

/* A span of days a summary covers: a week or a month. */
struct feedback_period {
	int32_t from, to; /* the first day, and the day after the last */
	char label[16];	  /* "2026-W47", "2026-11" */
};

/*
 * Parses an ISO week "YYYY-Www" into P.  -1 with ERR (AE_EUSAGE) for
 * anything else (a week 53 in a year that has none).
 */
int feedback_week_parse(const char *s, struct feedback_period *p,
    struct ae_error *err);

/* Parses a month "YYYY-MM" into P. */
int feedback_month_period(const char *s, struct feedback_period *p,
    struct ae_error *err);

/* The ISO week of DAY as "YYYY-Www" into BUF (16 bytes). */
void feedback_week_format(int32_t day, char *buf);

enum feedback_group {
	FB_BY_OWNER,
	FB_BY_CLIENT,
	FB_BY_BOTH /* owners, then clients, in one table */
};

/*
 * The summary of period P (a week, a month): a row per owner (or
 * client) with what was received, escalated, answered and resolved in
 * the week, and the call-backs made and how many found the client
 * satisfied (satisfied true, or a score of 4 or 5 when it is not said).
 * A complaint counts for its owner, a call-back for who made it.  For
 * people (HUMAN) the totals follow; for csv and json every row says its
 * period and group.
 */
struct table *feedback_period_table(const struct feedback *fb,
    const struct feedback_period *p, int group, int human);

/* A call-back owed. */
struct feedback_due {
	enum feedback_kind kind;
	int32_t due;
	int32_t since; /* last contact or survey; INT32_MIN none */
	const char *client, *ref, *who, *about;
	const char *source; /* the record that makes it owed */
	long line;
	long who_line; /* where WHO stands in it; 0: at LINE */
};

struct feedback_due_list {
	struct feedback_due *v;
	size_t n, alloc;
};

/*
 * The call-backs owed as of the day, by due date: a resolved complaint
 * and a delivered job not called back (due CALLBACK_DAYS after), a
 * client with no contact for QUIET_DAYS and one not surveyed for
 * SURVEY_DAYS (listed once their day has come).
 */
void feedback_callbacks_due(const struct feedback *fb,
    struct feedback_due_list *l);
void feedback_due_list_release(struct feedback_due_list *l);
struct table *feedback_due_table(const struct feedback *fb,
    const struct feedback_due_list *l, int human);

/* The word for a call-back kind in records ("complaint" …). */
const char *feedback_kind_name(enum feedback_kind k);

/*
 * Applies the rules to every complaint in input order: answered within
 * answer_hours of received; a major or critical one escalated within
 * the same time; a resolved one called back within callback_days; none
 * open past open_days without a note ("answer", "escalate", "callback",
 * "open").  Reports each finding to FS, at its complaint; returns how
 * many there were.
 */
long feedback_check(const struct feedback *fb, struct finding_sink *fs);

/*
 * The reminders: one memo object per owner (for memo_context()), in
 * byte order of the owners, listing what is overdue — answers,
 * escalations and call-backs.  FROM signs them; MARKDOWN lists items as
 * bullets, otherwise as a table.  A new reference; NULL with ERR, at
 * its record, when an owner cannot head a memo (a control character).
 */
json_t *feedback_reminders(const struct feedback *fb, const char *from,
    int markdown, struct ae_error *err);

#endif
