/*
 * feedback.c — complaints and call-backs: reading the records as of a
 * day, the open list, the weekly summary, the call-backs due, the rules
 * and the reminders.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "feedback.h"
#include "field.h"
#include "i18n.h"
#include "memo.h"
#include "schema.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"
#include "writer.h"

/* The words of the schema's enumerations, in its order. */
#define SEVERITIES schema_enum("complaint", "severity")
#define KINDS schema_enum("callback", "kind")

/* The first second of DAY in local time (TZ). */
static int64_t
day_start(int32_t day)
{
	char buf[DATE_BUFSIZE + 16];
	struct datetime t;

	date_format(day, buf);
	strcat(buf, "T00:00:00");
	if (datetime_parse(buf, &t, NULL) != 0)
		return (int64_t)day * 86400;
	return t.epoch;
}

/* The local (TZ) day of EPOCH. */
static int32_t
local_day(int64_t epoch)
{
	struct datetime t = { epoch, datetime_local_offset(epoch) };

	return datetime_day(t);
}

void
feedback_init(struct feedback *fb, int32_t as_of, int64_t now)
{
	static const struct feedback_limits def = FB_LIMITS_DEFAULT;

	memset(fb, 0, sizeof(*fb));
	fb->as_of = as_of;
	fb->cutoff = day_start(as_of + 1);
	fb->now =
	    now >= day_start(as_of) && now < fb->cutoff ? now : fb->cutoff;
	fb->limits = def;
}

static void
complaint_release(struct feedback_complaint *c)
{
	free(c->id);
	free(c->client);
	free(c->summary);
	free(c->owner);
	free(c->job);
	free(c->note);
}

void
feedback_release(struct feedback *fb)
{
	size_t i;

	for (i = 0; i < fb->nc; i++)
		complaint_release(&fb->cv[i]);
	for (i = 0; i < fb->nb; i++) {
		free(fb->bv[i].client);
		free(fb->bv[i].by);
		free(fb->bv[i].complaint);
		free(fb->bv[i].job);
	}
	for (i = 0; i < fb->nj; i++) {
		free(fb->jv[i].job);
		free(fb->jv[i].client);
		free(fb->jv[i].title);
		free(fb->jv[i].ae);
	}
	for (i = 0; i < fb->nsources; i++)
		free(fb->sources[i]);
	free(fb->sources);
	free(fb->cv);
	free(fb->bv);
	free(fb->jv);
	fb->cv = NULL;
	fb->bv = NULL;
	fb->jv = NULL;
	fb->nc = fb->nb = fb->nj = 0;
}

/* A required text field, copied. */
static int
take_required(const struct record *r, const char *name, char **out,
    struct ae_error *err)
{
	if ((*out = record_dup(r, name)) != NULL)
		return 0;
	ae_error_set(err, AE_EDATA, "required field is missing");
	return field_error(r, name, err);
}

/* Enumeration NAME of TYPE as its index; DEF when absent. */
static int
take_word(const struct record *r, const char *type, const char *name, int def)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = record_value(r, name, buf);
	int i;

	if (s == NULL || (i = schema_enum_index(type, name, s)) < 0)
		return def;
	return i;
}

/* A time field; one after the as-of day counts as not yet (*HAS 0). */
static int
take_time(const struct feedback *fb, const struct record *r, const char *name,
    struct datetime *t, int *has, struct ae_error *err)
{
	int rc = field_datetime(r, name, t, err);

	if (rc < 0)
		return -1;
	*has = rc == 1 && t->epoch < fb->cutoff;
	return 0;
}

/*
 * The file name of R, kept for the run: findings point at records long
 * after their reader is closed.
 */
static const char *
source_of(struct feedback *fb, const struct record *r)
{
	if (fb->nsources == 0 ||
	    strcmp(fb->sources[fb->nsources - 1], r->source) != 0) {
		fb->sources = xrealloc(fb->sources,
		    (fb->nsources + 1) * sizeof(*fb->sources));
		fb->sources[fb->nsources++] = xstrdup(r->source);
	}
	return fb->sources[fb->nsources - 1];
}

static int
read_complaint(struct feedback *fb, const struct record *r,
    struct ae_error *err)
{
	struct feedback_complaint c = { 0 };
	int rc;

	c.source = source_of(fb, r);
	c.line = r->line;
	c.owner_line = record_line_of(r, "owner");
	if (take_required(r, "id", &c.id, err) ||
	    take_required(r, "client", &c.client, err) ||
	    take_required(r, "summary", &c.summary, err))
		goto bad;
	if ((rc = field_datetime(r, "received", &c.received, err)) < 0)
		goto bad;
	if (rc == 0) {
		ae_error_set(err, AE_EDATA, "required field is missing");
		field_error(r, "received", err);
		goto bad;
	}
	c.severity = take_word(r, "complaint", "severity", FB_MINOR);
	if (take_time(fb, r, "answered", &c.answered, &c.has_answered, err) ||
	    take_time(fb, r, "escalated", &c.escalated, &c.has_escalated,
		err) ||
	    take_time(fb, r, "resolved", &c.resolved, &c.has_resolved, err))
		goto bad;
	/* Resolving a complaint answers it, when no answer came first. */
	if (!c.has_answered && c.has_resolved) {
		c.answered = c.resolved;
		c.has_answered = 1;
	}
	c.owner = record_dup(r, "owner");
	c.job = record_dup(r, "job");
	c.note = record_dup(r, "note");
	if (c.received.epoch >= fb->cutoff) {
		complaint_release(&c);
		return 0;
	}
	if (fb->nc == fb->ac) {
		fb->ac = fb->ac ? 2 * fb->ac : 16;
		fb->cv = xrealloc(fb->cv, fb->ac * sizeof(*fb->cv));
	}
	fb->cv[fb->nc++] = c;
	return 0;
bad:
	complaint_release(&c);
	return -1;
}

static int
read_callback(struct feedback *fb, const struct record *r, struct ae_error *err)
{
	struct feedback_callback b = { 0 };
	int rc;

	b.source = source_of(fb, r);
	b.line = r->line;
	if (take_required(r, "client", &b.client, err) ||
	    take_required(r, "by", &b.by, err))
		goto bad;
	if ((rc = field_date(r, "date", &b.date, err)) < 0)
		goto bad;
	if (rc == 0) {
		ae_error_set(err, AE_EDATA, "required field is missing");
		field_error(r, "date", err);
		goto bad;
	}
	b.complaint = record_dup(r, "complaint");
	b.job = record_dup(r, "job");
	b.kind = take_word(r, "callback", "kind",
	    b.complaint ? FB_COMPLAINT :
		b.job	? FB_DELIVERY :
			  FB_SURVEY);
	if ((rc = field_bool(r, "satisfied", &b.satisfied, err)) < 0)
		goto bad;
	if (rc == 0)
		b.satisfied = -1;
	if (field_int(r, "score", 1, 5, &b.score, err) < 0)
		goto bad;
	if (b.date > fb->as_of)
		goto skip;
	if (fb->nb == fb->ab) {
		fb->ab = fb->ab ? 2 * fb->ab : 16;
		fb->bv = xrealloc(fb->bv, fb->ab * sizeof(*fb->bv));
	}
	fb->bv[fb->nb++] = b;
	return 0;
bad:
	rc = -1;
	goto out;
skip:
	rc = 0;
out:
	free(b.client);
	free(b.by);
	free(b.complaint);
	free(b.job);
	return rc;
}

static int
read_job(struct feedback *fb, const struct record *r, struct ae_error *err)
{
	struct feedback_job j = { 0 };
	int32_t opened;
	int rc = -1;

	j.source = source_of(fb, r);
	j.line = r->line;
	j.ae_line = record_line_of(r, "ae");
	if (take_required(r, "job", &j.job, err) ||
	    take_required(r, "client", &j.client, err) ||
	    field_date(r, "opened", &opened, err) < 0 ||
	    (rc = field_date(r, "closed", &j.closed, err)) < 0)
		goto out;
	j.title = record_dup(r, "title");
	j.ae = record_dup(r, "ae");
	if (rc == 0 || j.closed > fb->as_of) {
		rc = 0;
		goto out;
	}
	if (fb->nj == fb->aj) {
		fb->aj = fb->aj ? 2 * fb->aj : 16;
		fb->jv = xrealloc(fb->jv, fb->aj * sizeof(*fb->jv));
	}
	fb->jv[fb->nj++] = j;
	return 0;
out:
	free(j.job);
	free(j.client);
	free(j.title);
	free(j.ae);
	return rc < 0 || ae_error_isset(err) ? -1 : 0;
}

/*
 * The type of R as the schema finds it, else guessed from its fields
 * (stdin without a type field): `received` makes a complaint, `by` a
 * callback.
 */
static const char *
type_of(const struct record *r, char *buf, size_t size)
{
	char vbuf[JSONTEXT_BUFSIZE];
	enum type_origin origin;
	const char *type = schema_record_type(r, NULL, buf, size, &origin);

	if (type != NULL || origin != TYPE_NONE)
		return type;
	if (record_value(r, "received", vbuf))
		return "complaint";
	if (record_value(r, "by", vbuf))
		return "callback";
	return NULL;
}

int
feedback_add(struct feedback *fb, const struct record *r, struct ae_error *err)
{
	char buf[64];
	const char *type = type_of(r, buf, sizeof(buf));

	if (type == NULL) {
		ae_error_set(err, AE_EDATA,
		    "record has no type: give it a "
		    "'type' field or name its file complaints or callbacks");
		ae_error_at(err, r->source, r->line, 0);
		return -1;
	}
	if (strcmp(type, "complaint") != 0 && strcmp(type, "callback") != 0 &&
	    strcmp(type, "job") != 0) {
		ae_error_set(err, AE_EDATA,
		    "record of type '%s': feedback "
		    "reads complaint, callback and job records",
		    type);
		ae_error_at(err, r->source, r->line, 0);
		return -1;
	}
	/* The schema's message, the one recs --check gives, for any fault. */
	if (schema_check_record(r, type, "CNY", schema_keep_first, err) != 0)
		return -1;
	if (strcmp(type, "complaint") == 0)
		return read_complaint(fb, r, err);
	if (strcmp(type, "callback") == 0)
		return read_callback(fb, r, err);
	return read_job(fb, r, err);
}

int
feedback_is_open(const struct feedback *fb, const struct feedback_complaint *c)
{
	(void)fb;
	return !c->has_resolved;
}

int
feedback_owner_matches(const struct feedback *fb,
    const struct feedback_complaint *c)
{
	return fb->owner == NULL ||
	    (c->owner != NULL && strcmp(c->owner, fb->owner) == 0);
}

long
feedback_age(const struct feedback *fb, const struct feedback_complaint *c)
{
	return (long)fb->as_of - (long)local_day(c->received.epoch);
}

/* Tables. */

/*
 * The translation of MSGID; "context|text" gives the text when there is
 * none, so that one English word can stand for two Chinese ones.
 */
static const char *
label(const char *msgid)
{
	const char *s = _(msgid), *bar;

	if (s == msgid && (bar = strchr(msgid, '|')) != NULL)
		return bar + 1;
	return s;
}

/* A table of N columns: KEYS for records, LABELS (msgids) for people. */
static struct table *
columns(size_t n, const char *const *keys, const char *const *labels,
    const int *right)
{
	struct table *t = table_new();
	size_t i;

	for (i = 0; i < n; i++)
		table_column_key(t, label(labels[i]), keys[i],
		    right[i] ? TABLE_RIGHT : TABLE_LEFT);
	return t;
}

static void
cell(struct table *t, const char *s)
{
	table_cell(t, s ? s : "");
}

/* T for people ("2026-11-02 09:30", local time) or in ISO 8601. */
static void
time_text(struct datetime t, int human, char *buf)
{
	char iso[DATETIME_BUFSIZE];

	if (!human) {
		datetime_format(t, buf);
		return;
	}
	t.offset = datetime_local_offset(t.epoch);
	datetime_format(t, iso);
	snprintf(buf, DATETIME_BUFSIZE, "%.10s %.5s", iso, iso + 11);
}

static const char *
severity_text(enum feedback_severity s, int human)
{
	if (!human)
		return SEVERITIES[s];
	switch (s) {
	case FB_MAJOR:
		return _("major");
	case FB_CRITICAL:
		return _("critical");
	default:
		return _("minor");
	}
}

static const char *
stage_text(const struct feedback_complaint *c, int human)
{
	if (c->has_escalated)
		return human ? _("escalated") : "escalated";
	if (c->has_answered)
		return human ? _("answered") : "answered";
	return human ? _("not answered") : "received";
}

static const char *
nobody(int human)
{
	return human ? _("(unassigned)") : "";
}

static int
by_age(const void *a, const void *b)
{
	const struct feedback_complaint *x =
	    *(const struct feedback_complaint *const *)a;
	const struct feedback_complaint *y =
	    *(const struct feedback_complaint *const *)b;

	if (x->received.epoch != y->received.epoch)
		return x->received.epoch < y->received.epoch ? -1 : 1;
	return x < y ? -1 : x > y;
}

static const char *const open_keys[] = { "age", "received", "id", "client",
	"severity", "owner", "stage", "summary" };
static const char *const open_labels[] = { N_("Age"), N_("Received"), N_("ID"),
	N_("Client"), N_("Severity"), N_("Owner"), N_("Stage"),
	N_("Complaint") };
static const int open_right[] = { 1, 0, 0, 0, 0, 0, 0, 0 };

struct table *
feedback_open_table(const struct feedback *fb, int human)
{
	const struct feedback_complaint **v = xcalloc(fb->nc + 1, sizeof(*v));
	struct table *t = columns(8, open_keys, open_labels, open_right);
	char when[DATETIME_BUFSIZE];
	size_t i, n = 0;

	for (i = 0; i < fb->nc; i++)
		if (feedback_is_open(fb, &fb->cv[i]) &&
		    feedback_owner_matches(fb, &fb->cv[i]))
			v[n++] = &fb->cv[i];
	qsort(v, n, sizeof(*v), by_age);
	for (i = 0; i < n; i++) {
		table_row(t);
		table_cell_int(t, feedback_age(fb, v[i]));
		time_text(v[i]->received, human, when);
		cell(t, when);
		cell(t, v[i]->id);
		cell(t, v[i]->client);
		cell(t, severity_text(v[i]->severity, human));
		cell(t, v[i]->owner ? v[i]->owner : nobody(human));
		cell(t, stage_text(v[i], human));
		cell(t, v[i]->summary);
	}
	free(v);
	return t;
}

/* ISO weeks. */

/* The Monday of ISO week 1 of year Y. */
static int32_t
week_one(int y)
{
	int32_t jan4 = date_from_ymd(y, 1, 4);

	return jan4 - (date_weekday(jan4) - 1);
}

int
feedback_week_parse(const char *s, struct feedback_period *p,
    struct ae_error *err)
{
	int y = 0, w = 0, i;

	for (i = 0; i < 4 && s[i] >= '0' && s[i] <= '9'; i++)
		y = y * 10 + (s[i] - '0');
	if (i != 4 || s[4] != '-' || (s[5] != 'W' && s[5] != 'w') ||
	    s[6] < '0' || s[6] > '9' || s[7] < '0' || s[7] > '9' || s[8] ||
	    y < 1 || y > 9998)
		return ae_error_set(err, AE_EUSAGE,
		    "'%s' is not an ISO week "
		    "(YYYY-Www, like 2026-W47)",
		    s);
	w = (s[6] - '0') * 10 + (s[7] - '0');
	p->from = week_one(y) + 7 * (w - 1);
	p->to = p->from + 7;
	if (w < 1 || p->from >= week_one(y + 1))
		return ae_error_set(err, AE_EUSAGE, "'%s': %d has no week %d",
		    s, y, w);
	feedback_week_format(p->from, p->label);
	return 0;
}

int
feedback_month_period(const char *s, struct feedback_period *p,
    struct ae_error *err)
{
	int y, m;

	if (month_parse(s, &y, &m, err) != 0)
		return -1;
	p->from = date_from_ymd(y, m, 1);
	p->to =
	    m == 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, m + 1, 1);
	snprintf(p->label, sizeof(p->label), "%04d-%02d", y % 10000, m % 100);
	return 0;
}

void
feedback_week_format(int32_t day, char *buf)
{
	int y, m, d;
	int32_t thursday = day - (date_weekday(day) - 1) + 3;

	date_to_ymd(thursday, &y, &m, &d);
	snprintf(buf, 16, "%04d-W%02d", y % 10000,
	    (int)((thursday - week_one(y)) / 7 + 1) % 100);
}

enum {
	W_RECEIVED,
	W_ESCALATED,
	W_ANSWERED,
	W_RESOLVED,
	W_CALLED,
	W_SATISFIED,
	W_NCOUNT
};

struct week_row {
	const char *name;
	int nobody; /* the row of what nobody owns: last */
	long n[W_NCOUNT];
};

struct week_sum {
	struct week_row *v;
	size_t n, alloc;
};

static long *
week_counts(struct week_sum *s, const char *name, int nobody)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].name, name) == 0)
			return s->v[i].n;
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 16;
		s->v = xrealloc(s->v, s->alloc * sizeof(*s->v));
	}
	memset(&s->v[s->n], 0, sizeof(s->v[0]));
	s->v[s->n].name = name;
	s->v[s->n].nobody = nobody;
	return s->v[s->n++].n;
}

static int
in_week(int32_t day, const struct feedback_period *p)
{
	return day >= p->from && day < p->to;
}

static int
by_name(const void *a, const void *b)
{
	const struct week_row *x = a, *y = b;

	if (x->nobody != y->nobody)
		return x->nobody - y->nobody;
	return strcmp(x->name, y->name);
}

/* Whether callback B says the client was satisfied. */
static int
satisfied(const struct feedback_callback *b)
{
	return b->satisfied == 1 || (b->satisfied < 0 && b->score >= 4);
}

static void
week_complaints(const struct feedback *fb, const struct feedback_period *p,
    int by_owner, struct week_sum *s, int human)
{
	const struct feedback_complaint *c;
	const char *name;
	long *n;
	size_t i;

	for (i = 0; i < fb->nc; i++) {
		c = &fb->cv[i];
		if (!feedback_owner_matches(fb, c))
			continue;
		name = by_owner ? (c->owner ? c->owner : nobody(human)) :
				  c->client;
		if (!in_week(local_day(c->received.epoch), p) &&
		    !(c->has_escalated &&
			in_week(local_day(c->escalated.epoch), p)) &&
		    !(c->has_answered &&
			in_week(local_day(c->answered.epoch), p)) &&
		    !(c->has_resolved &&
			in_week(local_day(c->resolved.epoch), p)))
			continue;
		n = week_counts(s, name, by_owner && c->owner == NULL);
		n[W_RECEIVED] += in_week(local_day(c->received.epoch), p);
		n[W_ESCALATED] += c->has_escalated &&
		    in_week(local_day(c->escalated.epoch), p);
		n[W_ANSWERED] +=
		    c->has_answered && in_week(local_day(c->answered.epoch), p);
		n[W_RESOLVED] +=
		    c->has_resolved && in_week(local_day(c->resolved.epoch), p);
	}
}

static void
week_callbacks(const struct feedback *fb, const struct feedback_period *p,
    int by_owner, struct week_sum *s)
{
	const struct feedback_callback *b;
	long *n;
	size_t i;

	for (i = 0; i < fb->nb; i++) {
		b = &fb->bv[i];
		if (!in_week(b->date, p) ||
		    (fb->owner && strcmp(b->by, fb->owner) != 0))
			continue;
		n = week_counts(s, by_owner ? b->by : b->client, 0);
		n[W_CALLED]++;
		n[W_SATISFIED] += satisfied(b);
	}
}

static const char *const week_keys[] = { "period", "group", "name", "received",
	"escalated", "answered", "resolved", "called_back", "satisfied" };
/* Counts, not the times other tables head "Received" and "Resolved". */
static const char *const week_labels[] = { N_("Period"), N_("Group"),
	N_("Name"), N_("count|Received"), N_("count|Escalated"),
	N_("count|Answered"), N_("count|Resolved"), N_("count|Called back"),
	N_("count|Satisfied") };
static const int week_right[] = { 0, 0, 0, 1, 1, 1, 1, 1, 1 };

static void
week_rows(const struct feedback *fb, const struct feedback_period *p,
    int by_owner, int human, struct table *t, long *total)
{
	struct week_sum s = { 0 };
	size_t i, k;

	week_complaints(fb, p, by_owner, &s, human);
	week_callbacks(fb, p, by_owner, &s);
	if (s.n > 1)
		qsort(s.v, s.n, sizeof(*s.v), by_name);
	for (i = 0; i < s.n; i++) {
		table_row(t);
		if (!human) {
			cell(t, p->label);
			cell(t, by_owner ? "owner" : "client");
		}
		cell(t, s.v[i].name);
		for (k = 0; k < W_NCOUNT; k++) {
			table_cell_int(t, s.v[i].n[k]);
			total[k] += s.v[i].n[k];
		}
	}
	free(s.v);
}

struct table *
feedback_period_table(const struct feedback *fb,
    const struct feedback_period *p, int group, int human)
{
	long total[W_NCOUNT] = { 0 };
	size_t k;
	struct table *t;

	/* For people the week is the heading and the group the column's. */
	if (human) {
		t = columns(0, NULL, NULL, NULL);
		table_column_key(t,
		    group == FB_BY_CLIENT ? _("Client") : _("Owner"),
		    week_keys[2], TABLE_LEFT);
		for (k = 3; k < 9; k++)
			table_column_key(t, label(week_labels[k]), week_keys[k],
			    TABLE_RIGHT);
	} else {
		t = columns(9, week_keys, week_labels, week_right);
	}
	if (group != FB_BY_CLIENT)
		week_rows(fb, p, 1, human, t, total);
	if (group != FB_BY_OWNER)
		week_rows(fb, p, 0, human, t, total);
	if (human) {
		table_rule(t);
		table_row_for(t, TABLE_PEOPLE);
		cell(t, _("Total"));
		for (k = 0; k < W_NCOUNT; k++)
			table_cell_int(t, total[k]);
	}
	return t;
}

/* Call-backs due. */

const char *
feedback_kind_name(enum feedback_kind k)
{
	return KINDS[k];
}

static const char *
kind_text(enum feedback_kind k, int human)
{
	if (!human)
		return KINDS[k];
	switch (k) {
	case FB_COMPLAINT:
		return _("after a complaint");
	case FB_DELIVERY:
		return _("after delivery");
	case FB_DORMANT:
		return _("client gone quiet");
	default:
		return _("satisfaction survey");
	}
}

/* The first call-back about complaint C on or after it was received. */
static const struct feedback_callback *
callback_of(const struct feedback *fb, const struct feedback_complaint *c)
{
	const struct feedback_callback *best = NULL, *b;
	int32_t from = local_day(c->received.epoch);
	size_t i;

	for (i = 0; i < fb->nb; i++) {
		b = &fb->bv[i];
		if (b->complaint && strcmp(b->complaint, c->id) == 0 &&
		    b->date >= from && (best == NULL || b->date < best->date))
			best = b;
	}
	return best;
}

/* Whether job J had its call-back after delivery. */
static int
delivery_called(const struct feedback *fb, const struct feedback_job *j)
{
	const struct feedback_callback *b;
	size_t i;

	for (i = 0; i < fb->nb; i++) {
		b = &fb->bv[i];
		if (b->kind == FB_DELIVERY && b->job &&
		    strcmp(b->job, j->job) == 0 && b->date >= j->closed)
			return 1;
	}
	return 0;
}

static struct feedback_due *
due_add(struct feedback_due_list *l, enum feedback_kind kind, int32_t due)
{
	struct feedback_due *d;

	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 16;
		l->v = xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	d = &l->v[l->n++];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->due = due;
	return d;
}

static int
who_matches(const struct feedback *fb, const char *who)
{
	return fb->owner == NULL || (who && strcmp(who, fb->owner) == 0);
}

static void
due_complaints(const struct feedback *fb, struct feedback_due_list *l)
{
	const struct feedback_complaint *c;
	struct feedback_due *d;
	size_t i;

	for (i = 0; i < fb->nc; i++) {
		c = &fb->cv[i];
		if (!c->has_resolved || !feedback_owner_matches(fb, c) ||
		    callback_of(fb, c) != NULL)
			continue;
		d = due_add(l, FB_COMPLAINT,
		    local_day(c->resolved.epoch) +
			(int32_t)fb->limits.callback_days);
		d->client = c->client;
		d->ref = c->id;
		d->who = c->owner;
		d->about = c->summary;
		d->source = c->source;
		d->line = c->line;
		d->who_line = c->owner_line;
	}
}

static void
due_deliveries(const struct feedback *fb, struct feedback_due_list *l)
{
	const struct feedback_job *j;
	struct feedback_due *d;
	size_t i;

	for (i = 0; i < fb->nj; i++) {
		j = &fb->jv[i];
		/* Long past, a client gone quiet is the call to make. */
		if (fb->as_of - j->closed > fb->limits.quiet_days ||
		    !who_matches(fb, j->ae) || delivery_called(fb, j))
			continue;
		d = due_add(l, FB_DELIVERY,
		    j->closed + (int32_t)fb->limits.callback_days);
		d->client = j->client;
		d->ref = j->job;
		d->who = j->ae;
		d->about = j->title;
		d->source = j->source;
		d->line = j->line;
		d->who_line = j->ae_line;
	}
}

/* What the records say of one client: first and last contact, surveys. */
struct client_seen {
	const char *name, *who, *source;
	long line;
	int32_t first, last, survey; /* survey: INT32_MIN for none */
};

static struct client_seen *
seen(struct client_seen **v, size_t *n, const char *name, int32_t day,
    const char *who, const char *source, long line)
{
	struct client_seen *s;
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].name, name) == 0)
			break;
	if (i == *n) {
		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		s = &(*v)[(*n)++];
		s->name = name;
		s->first = s->last = day;
		s->survey = INT32_MIN;
		s->who = who;
		s->source = source;
		s->line = line;
		return s;
	}
	s = &(*v)[i];
	if (day < s->first)
		s->first = day;
	if (day >= s->last) {
		s->last = day;
		if (who) {
			s->who = who;
			s->source = source;
			s->line = line;
		}
	}
	return s;
}

static size_t
clients_seen(const struct feedback *fb, struct client_seen **v)
{
	const struct feedback_complaint *c;
	const struct feedback_callback *b;
	struct client_seen *s;
	size_t i, n = 0;

	*v = NULL;
	for (i = 0; i < fb->nc; i++) {
		c = &fb->cv[i];
		seen(v, &n, c->client, local_day(c->received.epoch), c->owner,
		    c->source, c->line);
	}
	for (i = 0; i < fb->nj; i++)
		seen(v, &n, fb->jv[i].client, fb->jv[i].closed, fb->jv[i].ae,
		    fb->jv[i].source, fb->jv[i].line);
	for (i = 0; i < fb->nb; i++) {
		b = &fb->bv[i];
		s = seen(v, &n, b->client, b->date, b->by, b->source, b->line);
		if (b->kind == FB_SURVEY && b->date > s->survey)
			s->survey = b->date;
	}
	return n;
}

static void
due_clients(const struct feedback *fb, struct feedback_due_list *l)
{
	struct client_seen *v;
	size_t i, n = clients_seen(fb, &v);
	struct feedback_due *d;
	int32_t due;

	for (i = 0; i < n; i++) {
		if (!who_matches(fb, v[i].who))
			continue;
		due = v[i].last + (int32_t)fb->limits.quiet_days;
		if (due <= fb->as_of) {
			d = due_add(l, FB_DORMANT, due);
			d->since = v[i].last;
			d->client = v[i].name;
			d->who = v[i].who;
			d->source = v[i].source;
			d->line = v[i].line;
		}
		due = (v[i].survey != INT32_MIN ? v[i].survey : v[i].first) +
		    (int32_t)fb->limits.survey_days;
		if (due <= fb->as_of) {
			d = due_add(l, FB_SURVEY, due);
			d->since = v[i].survey;
			d->client = v[i].name;
			d->who = v[i].who;
			d->source = v[i].source;
			d->line = v[i].line;
		}
	}
	free(v);
}

static int
by_due(const void *a, const void *b)
{
	const struct feedback_due *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->client, y->client);
}

void
feedback_callbacks_due(const struct feedback *fb, struct feedback_due_list *l)
{
	memset(l, 0, sizeof(*l));
	due_complaints(fb, l);
	due_deliveries(fb, l);
	due_clients(fb, l);
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), by_due);
}

void
feedback_due_list_release(struct feedback_due_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static const char *const due_keys[] = { "due", "days_left", "kind", "client",
	"ref", "who", "about" };
static const char *const due_labels[] = { N_("Due"), N_("Days"),
	N_("Call-back"), N_("Client"), N_("Ref"), N_("Who"), N_("About") };
static const int due_right[] = { 0, 1, 0, 0, 0, 0, 0 };

/* Why a client is due a call: when it was last contacted or surveyed. */
static const char *
since_text(const struct feedback_due *d, int human, char *buf, size_t size)
{
	char day[DATE_BUFSIZE];

	if (d->since == INT32_MIN)
		return human ? _("never surveyed") : "never surveyed";
	date_format(d->since, day);
	if (d->kind == FB_DORMANT)
		snprintf(buf, size,
		    human ? _("last contact %s") : "last contact %s", day);
	else
		snprintf(buf, size,
		    human ? _("last survey %s") : "last survey %s", day);
	return buf;
}

struct table *
feedback_due_table(const struct feedback *fb, const struct feedback_due_list *l,
    int human)
{
	struct table *t = columns(7, due_keys, due_labels, due_right);
	char day[DATE_BUFSIZE], days[64], about[128];
	const struct feedback_due *d;
	size_t i;

	for (i = 0; i < l->n; i++) {
		d = &l->v[i];
		table_row(t);
		date_format(d->due, day);
		cell(t, day);
		if (human) {
			action_days_text(d->due, fb->as_of, days, sizeof(days));
			cell(t, days);
		} else {
			table_cell_int(t, (long)d->due - (long)fb->as_of);
		}
		cell(t, kind_text(d->kind, human));
		cell(t, d->client);
		cell(t, d->ref);
		cell(t, d->who ? d->who : nobody(human));
		cell(t,
		    d->about ? d->about :
			       since_text(d, human, about, sizeof(about)));
	}
	return t;
}

/* The rules. */

/* SECS as hours and minutes for people: "24 h 1 min". */
static void
span_text(int64_t secs, char *buf, size_t size)
{
	long h = (long)(secs / 3600), m = (long)(secs % 3600 / 60);

	if (h >= 48)
		snprintf(buf, size, _("%ld d %ld h"), h / 24, h % 24);
	else if (m)
		snprintf(buf, size, _("%ld h %ld min"), h, m);
	else
		snprintf(buf, size, _("%ld h"), h);
}

/* What is overdue, for the reminders. */

struct overdue_item {
	char *owner, *rule, *detail;
	const char *field; /* of the owner in the record at source:line */
	const char *source;
	long line;
	size_t seq;
};

struct overdue_list {
	struct overdue_item *v;
	size_t n, alloc;
	const char *nobody; /* who is sent what nobody owns */
};

static void
overdue_add(struct overdue_list *l, const char *owner, const char *field,
    const char *rule, const char *detail, const char *source, long line)
{
	struct overdue_item *it;

	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 16;
		l->v = xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	it = &l->v[l->n];
	it->owner = xstrdup(owner ? owner : l->nobody);
	it->field = owner ? field : NULL;
	it->rule = xstrdup(rule);
	it->detail = xstrdup(detail);
	it->source = source;
	it->line = line;
	it->seq = l->n++;
}

/* A run of the rules: findings go to FS, what is still to do to OVERDUE. */
struct rule_run {
	const struct feedback *fb;
	struct finding_sink *fs;
	struct overdue_list *overdue;
	long n;
};

static void finding(struct rule_run *run, const char *rule,
    const struct feedback_complaint *c, int overdue, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
finding(struct rule_run *run, const char *rule,
    const struct feedback_complaint *c, int overdue, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (run->fs)
		finding_at(run->fs, c->source, c->line, rule, "%s", sb.buf);
	if (run->overdue && overdue)
		overdue_add(run->overdue, c->owner, "owner", rule, sb.buf,
		    c->source, c->owner_line);
	strbuf_release(&sb);
	run->n++;
}

/*
 * A step that must follow receipt within LIMIT seconds: done at *AT
 * (HAS), or still to do at the run's now.  Returns 1 when it is late,
 * with the time taken (or waited so far) in *SPAN.
 */
static int
late_step(const struct feedback *fb, const struct feedback_complaint *c,
    int has, const struct datetime *at, int64_t *span)
{
	int64_t limit = (int64_t)fb->limits.answer_hours * 3600;

	*span = (has ? at->epoch : fb->now) - c->received.epoch;
	return *span > limit;
}

static void
rule_answer(struct rule_run *run, const struct feedback_complaint *c)
{
	char took[64], lim[64];
	int64_t span;

	if (!late_step(run->fb, c, c->has_answered, &c->answered, &span))
		return;
	span_text(span, took, sizeof(took));
	span_text((int64_t)run->fb->limits.answer_hours * 3600, lim,
	    sizeof(lim));
	if (c->has_answered)
		finding(run, "answer", c, 0,
		    _("complaint '%s' was answered "
		      "%s after it was received (limit %s)"),
		    c->id, took, lim);
	else
		finding(run, "answer", c, 1,
		    _("complaint '%s' is not answered "
		      "%s after it was received (limit %s)"),
		    c->id, took, lim);
}

static void
rule_escalate(struct rule_run *run, const struct feedback_complaint *c)
{
	char took[64], lim[64];
	const char *sev = severity_text(c->severity, 1);
	int64_t span;

	if (c->severity == FB_MINOR ||
	    !late_step(run->fb, c, c->has_escalated, &c->escalated, &span))
		return;
	span_text(span, took, sizeof(took));
	span_text((int64_t)run->fb->limits.answer_hours * 3600, lim,
	    sizeof(lim));
	if (c->has_escalated)
		finding(run, "escalate", c, 0,
		    _("%s complaint '%s' was "
		      "escalated %s after it was received (limit %s)"),
		    sev, c->id, took, lim);
	else
		finding(run, "escalate", c, 1,
		    _("%s complaint '%s' is not "
		      "escalated %s after it was received (limit %s)"),
		    sev, c->id, took, lim);
}

static void
rule_callback(struct rule_run *run, const struct feedback_complaint *c)
{
	const struct feedback *fb = run->fb;
	const struct feedback_callback *b;
	int32_t resolved;
	char day[DATE_BUFSIZE];
	long days;

	if (!c->has_resolved)
		return;
	resolved = local_day(c->resolved.epoch);
	date_format(resolved, day);
	b = callback_of(fb, c);
	days = (long)(b ? b->date : fb->as_of) - (long)resolved;
	if (days <= fb->limits.callback_days)
		return;
	if (b)
		finding(run, "callback", c, 0,
		    _("complaint '%s' resolved %s "
		      "was called back %ld days later (limit %ld)"),
		    c->id, day, days, fb->limits.callback_days);
	else
		finding(run, "callback", c, 1,
		    _("complaint '%s' resolved %s "
		      "is not called back after %ld days (limit %ld)"),
		    c->id, day, days, fb->limits.callback_days);
}

static void
rule_open(struct rule_run *run, const struct feedback_complaint *c)
{
	long age = feedback_age(run->fb, c);

	if (c->has_resolved || c->note != NULL ||
	    age <= run->fb->limits.open_days)
		return;
	finding(run, "open", c, 1,
	    _("complaint '%s' is open %ld days "
	      "without a note of why (limit %ld)"),
	    c->id, age, run->fb->limits.open_days);
}

static long
run_rules(const struct feedback *fb, struct finding_sink *fs,
    struct overdue_list *overdue)
{
	struct rule_run run = { fb, fs, overdue, 0 };
	const struct feedback_complaint *c;
	size_t i;

	for (i = 0; i < fb->nc; i++) {
		c = &fb->cv[i];
		if (!feedback_owner_matches(fb, c))
			continue;
		rule_answer(&run, c);
		rule_escalate(&run, c);
		rule_callback(&run, c);
		rule_open(&run, c);
	}
	return run.n;
}

long
feedback_check(const struct feedback *fb, struct finding_sink *fs)
{
	return run_rules(fb, fs, NULL);
}

static int
by_owner_seq(const void *a, const void *b)
{
	const struct overdue_item *x = a, *y = b;
	int d = strcmp(x->owner, y->owner);

	if (d)
		return d;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
deliveries_overdue(const struct feedback *fb, struct overdue_list *l)
{
	struct feedback_due_list due = { 0 };
	char day[DATE_BUFSIZE], text[512];
	size_t i;

	due_deliveries(fb, &due);
	for (i = 0; i < due.n; i++) {
		if (due.v[i].due >= fb->as_of)
			continue;
		date_format(due.v[i].due, day);
		snprintf(text, sizeof(text),
		    _("job '%s' delivered to %s is "
		      "not called back; it was due %s"),
		    due.v[i].ref, due.v[i].client, day);
		overdue_add(l, due.v[i].who, "ae", "delivery", text,
		    due.v[i].source,
		    due.v[i].who_line ? due.v[i].who_line : due.v[i].line);
	}
	feedback_due_list_release(&due);
}

static const char *
rule_label(const char *rule)
{
	if (strcmp(rule, "answer") == 0)
		return _("Answer");
	if (strcmp(rule, "escalate") == 0)
		return _("Escalate");
	if (strcmp(rule, "open") == 0)
		return _("Open too long");
	return _("Call back");
}

static json_t *
reminder(const struct feedback *fb, const struct overdue_item *v, size_t n,
    const char *from, int markdown)
{
	struct strbuf body = STRBUF_INIT;
	char day[DATE_BUFSIZE];
	struct table *t;
	json_t *memo;
	size_t i;

	date_format(fb->as_of, day);
	strbuf_addf(&body,
	    _("Overdue on complaints and call-backs as of %s: "
	      "%zu."),
	    day, n);
	strbuf_addstr(&body, "\n\n");
	if (markdown) {
		for (i = 0; i < n; i++)
			strbuf_addf(&body, "- **%s** %s\n",
			    rule_label(v[i].rule), v[i].detail);
	} else {
		t = table_new();
		table_column(t, _("To do"), TABLE_LEFT);
		table_column(t, _("Detail"), TABLE_LEFT);
		for (i = 0; i < n; i++) {
			table_row(t);
			table_cell(t, rule_label(v[i].rule));
			table_cell(t, v[i].detail);
		}
		memo_body_table(&body, t);
		table_free(t);
	}
	memo = memo_reminder(v[0].owner, from, fb->as_of,
	    _("Overdue complaints and call-backs"), &body);
	strbuf_release(&body);
	return memo;
}

json_t *
feedback_reminders(const struct feedback *fb, const char *from, int markdown,
    struct ae_error *err)
{
	struct overdue_list l = { .nobody = from };
	json_t *memos = json_array();
	size_t i, j;

	run_rules(fb, NULL, &l);
	deliveries_overdue(fb, &l);
	if (l.n > 1)
		qsort(l.v, l.n, sizeof(*l.v), by_owner_seq);
	for (i = 0; i < l.n; i = j) {
		for (j = i; j < l.n && strcmp(l.v[j].owner, l.v[i].owner) == 0;
		     j++)
			;
		/* The owner heads the memo: say which record it came from. */
		if (l.v[i].field &&
		    memo_header_safe(l.v[i].owner, l.v[i].field, err) != 0) {
			ae_error_at(err, l.v[i].source, l.v[i].line, 0);
			json_decref(memos);
			memos = NULL;
			break;
		}
		json_array_append_new(memos,
		    reminder(fb, l.v + i, j - i, from, markdown));
	}
	for (i = 0; i < l.n; i++) {
		free(l.v[i].owner);
		free(l.v[i].rule);
		free(l.v[i].detail);
	}
	free(l.v);
	return memos;
}
