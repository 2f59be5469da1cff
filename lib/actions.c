#define _GNU_SOURCE /* open_memstream on older C libraries */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "date.h"
#include "field.h"
#include "i18n.h"
#include "jsontext.h"
#include "memo.h"
#include "schema.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"
#include "writer.h"

/* A text the schema has seen is there, or NULL. */
static char *
text_of(const struct record *r, const char *name)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = record_value(r, name, buf);

	return s ? xstrdup(s) : NULL;
}

int
action_read(const struct record *r, struct action *a, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s;

	memset(a, 0, sizeof(*a));
	/* The schema checks every field it knows, in recs --check's words. */
	if (schema_require(r, "action", "CNY", err) < 0)
		return -1;
	/* The reader's name goes with it: messages after the read need it. */
	a->source = xstrdup(r->source);
	a->line = r->line;
	a->owner_line = record_line_of(r, "owner");
	a->id = text_of(r, "id");
	a->what = text_of(r, "what");
	a->owner = text_of(r, "owner");
	a->client = text_of(r, "client");
	field_date(r, "due", &a->due, err);
	a->status = ACTION_OPEN;
	if ((s = record_value(r, "status", buf)) != NULL)
		/* The schema's order: open, done, dropped. */
		a->status = (enum action_status)(
		    1 << schema_enum_index("action", "status", s));
	a->record = record_to_json(r);
	return 0;
}

void
action_release(struct action *a)
{
	free(a->id);
	free(a->what);
	free(a->owner);
	free(a->client);
	free(a->source);
	json_decref(a->record);
	memset(a, 0, sizeof(*a));
}

int
action_matches(const struct action *a, const struct action_filter *f)
{
	unsigned status = f->status ? f->status : ACTION_OPEN;

	if (!(a->status & status))
		return 0;
	if (f->owner && strcmp(a->owner, f->owner) != 0)
		return 0;
	if (f->client &&
	    (a->client == NULL || strcmp(a->client, f->client) != 0))
		return 0;
	if (f->overdue && !(a->status == ACTION_OPEN && a->due < f->as_of))
		return 0;
	if (f->due_within >= 0 && a->due > f->as_of + f->due_within)
		return 0;
	return 1;
}

unsigned
action_status_parse(const char *s)
{
	static const struct {
		const char *name;
		unsigned bits;
	} words[] = { { "open", ACTION_OPEN }, { "done", ACTION_DONE },
		{ "dropped", ACTION_DROPPED }, { "all", ACTION_ANY } };
	char *copy = xstrdup(s), *p, *save = NULL;
	unsigned status = 0;
	size_t i;
	int ok = 1;

	for (p = strtok_r(copy, ",", &save); p;
	     p = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (strcmp(p, words[i].name) == 0)
				break;
		if (i == sizeof(words) / sizeof(words[0]))
			ok = 0;
		else
			status |= words[i].bits;
	}
	free(copy);
	return ok ? status : 0;
}

long
action_overdue(const struct action *a, const struct action_filter *f)
{
	if (!action_matches(a, f) || a->status != ACTION_OPEN ||
	    a->due >= f->as_of)
		return 0;
	return (long)(f->as_of - a->due);
}

void
action_report_overdue(const struct action *a, long late,
    struct finding_sink *fs)
{
	char day[DATE_BUFSIZE];

	date_format(a->due, day);
	finding_add(fs, "overdue",
	    late == 1 ? _("action '%s' '%s' (%s) was "
			  "due %s, %ld day ago") :
			_("action '%s' '%s' (%s) was due %s, %ld "
			  "days ago"),
	    a->id, a->what, a->owner, day, late);
}

void
action_list_add(struct action_list *l, struct action *a)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 64;
		l->v = xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	a->seq = l->n;
	l->v[l->n++] = *a;
	memset(a, 0, sizeof(*a));
}

static int
by_due(const void *pa, const void *pb)
{
	const struct action *a = pa, *b = pb;

	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
action_list_sort(struct action_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), by_due);
}

void
action_list_release(struct action_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		action_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int
by_owner(const void *pa, const void *pb)
{
	const struct action *const *a = pa, *const *b = pb;
	int d = strcmp((*a)->owner, (*b)->owner);

	if (d)
		return d;
	return (*a)->due != (*b)->due ?
	    ((*a)->due < (*b)->due ? -1 : 1) :
	    ((*a)->seq > (*b)->seq) - ((*a)->seq < (*b)->seq);
}

int
action_list_write(const struct action_list *l, struct rec_writer *w,
    struct ae_error *err)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (rec_writer_put_json(w, l->v[i].record, err) != 0) {
			ae_error_at(err, l->v[i].source, l->v[i].line, 0);
			return -1;
		}
	}
	return 0;
}

void
action_days_text(int32_t due, int32_t as_of, char *buf, size_t size)
{
	long d = (long)due - (long)as_of;

	if (d > 0)
		snprintf(buf, size, _("%ld left"), d);
	else if (d == 0)
		snprintf(buf, size, "%s", _("today"));
	else
		snprintf(buf, size, _("%ld overdue"), -d);
}

static const char *
status_text(enum action_status s)
{
	switch (s) {
	case ACTION_DONE:
		return _("done");
	case ACTION_DROPPED:
		return _("dropped");
	default:
		return _("open");
	}
}

static void
add_row(struct table *t, const struct action *a, int32_t as_of, int show_status,
    int show_owner, int show_id)
{
	char day[DATE_BUFSIZE], days[64];

	date_format(a->due, day);
	table_row(t);
	table_cell(t, day);
	if (a->status == ACTION_OPEN)
		action_days_text(a->due, as_of, days, sizeof(days));
	else
		days[0] = '\0';
	table_cell(t, days);
	if (show_status)
		table_cell(t, status_text(a->status));
	if (show_id)
		table_cell(t, a->id);
	if (show_owner)
		table_cell(t, a->owner);
	table_cell(t, a->client ? a->client : "");
	table_cell(t, a->what);
}

static struct table *
new_table(int show_status, int show_owner, int show_id)
{
	struct table *t = table_new();

	table_column(t, _("Due"), TABLE_LEFT);
	table_column(t, _("Days"), TABLE_RIGHT);
	if (show_status)
		table_column(t, _("Status"), TABLE_LEFT);
	if (show_id)
		table_column(t, _("ID"), TABLE_LEFT);
	if (show_owner)
		table_column(t, _("Owner"), TABLE_LEFT);
	table_column(t, _("Client"), TABLE_LEFT);
	table_column(t, _("Action"), TABLE_LEFT);
	return t;
}

void
action_table(const struct action_list *l, int32_t as_of, int show_status,
    enum table_format format, FILE *out)
{
	struct table *t = new_table(show_status, 1, 1);
	size_t i;

	for (i = 0; i < l->n; i++)
		add_row(t, &l->v[i], as_of, show_status, 1, 1);
	table_write(t, format, 0, out);
	table_free(t);
}

/* Whether A's record says it is sensitive (kept from the minutes). */
static int
action_is_sensitive(const struct action *a)
{
	json_t *v = json_object_get(a->record, "sensitive");
	char buf[JSONTEXT_BUFSIZE];
	const char *s;

	if (v == NULL)
		return 0;
	if (json_is_boolean(v))
		return json_is_true(v);
	s = json_scalar_text(v, buf);
	if (s != NULL && *s == '\0')
		return 0;		       /* a blank CSV cell */
	return s == NULL || text_bool(s) != 0; /* unreadable: held back */
}

json_t *
action_reminder(const char *owner, struct action *const *v, size_t n,
    int32_t as_of, const char *from, int markdown, int show_ids)
{
	struct strbuf body = STRBUF_INIT;
	char day[DATE_BUFSIZE], due[DATE_BUFSIZE], days[64];
	size_t i, overdue = 0;
	struct table *t;
	json_t *memo;

	date_format(as_of, day);
	for (i = 0; i < n; i++)
		if (v[i]->due < as_of)
			overdue++;
	if (overdue)
		strbuf_addf(&body,
		    _("Open actions as of %s: %zu (overdue: "
		      "%zu)."),
		    day, n, overdue);
	else
		strbuf_addf(&body,
		    _("Open actions as of %s: %zu, none "
		      "overdue."),
		    day, n);
	strbuf_addstr(&body, "\n\n");
	if (markdown) {
		for (i = 0; i < n; i++) {
			date_format(v[i]->due, due);
			action_days_text(v[i]->due, as_of, days, sizeof(days));
			strbuf_addf(&body, "- **%s** (%s) %s", due, days,
			    v[i]->what);
			if (v[i]->client)
				strbuf_addf(&body, " — %s", v[i]->client);
			if (show_ids)
				strbuf_addf(&body, " [%s]", v[i]->id);
			strbuf_addch(&body, '\n');
		}
	} else {
		t = new_table(0, 0, show_ids);
		for (i = 0; i < n; i++)
			add_row(t, v[i], as_of, 0, 0, show_ids);
		memo_body_table(&body, t);
		table_free(t);
	}
	memo = memo_reminder(owner, from, as_of, _("Open actions"), &body);
	strbuf_release(&body);
	return memo;
}

json_t *
action_reminders(const struct action_list *l, int32_t as_of, const char *from,
    int markdown, json_t *staff, struct ae_error *err)
{
	struct action **v = xcalloc(l->n + 1, sizeof(*v));
	json_t *memos = json_array();
	size_t i, j, n = 0;

	for (i = 0; i < l->n; i++)
		if (l->v[i].status == ACTION_OPEN &&
		    (staff == NULL ||
			json_object_get(staff, l->v[i].owner) != NULL ||
			!action_is_sensitive(&l->v[i])))
			v[n++] = &l->v[i];
	qsort(v, n, sizeof(*v), by_owner);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && strcmp(v[j]->owner, v[i]->owner) == 0; j++)
			;
		/* The owner heads the memo: say which action it came from. */
		if (memo_header_safe(v[i]->owner, "owner", err) != 0) {
			ae_error_at(err, v[i]->source, v[i]->owner_line, 0);
			json_decref(memos);
			memos = NULL;
			break;
		}
		/* The agency's ids mean nothing to the client's people. */
		json_array_append_new(memos,
		    action_reminder(v[i]->owner, v + i, j - i, as_of, from,
			markdown,
			staff == NULL ||
			    json_object_get(staff, v[i]->owner) != NULL));
	}
	free(v);
	return memos;
}

void
action_mark_done(json_t *o, int32_t as_of)
{
	json_t *s = json_object_get(o, "status"), *d;
	char day[DATE_BUFSIZE];

	d = json_object_get(o, "done_on");
	if (json_is_string(s) && strcmp(json_string_value(s), "done") == 0 &&
	    json_is_string(d) && *json_string_value(d))
		return;
	date_format(as_of, day);
	json_object_set_new(o, "status", json_string("done"));
	json_object_set_new(o, "done_on", json_string(day));
}

size_t
action_done_add(struct action_done *d, const char *s)
{
	const char *p = s, *end;
	size_t n, added = 0;

	while (*p) {
		end = strchr(p, ',');
		n = end ? (size_t)(end - p) : strlen(p);
		while (n > 0 && *p == ' ') {
			p++;
			n--;
		}
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n > 0) {
			d->ids = xrealloc(d->ids, (d->n + 1) * sizeof(*d->ids));
			d->found =
			    xrealloc(d->found, (d->n + 1) * sizeof(*d->found));
			d->ids[d->n] = xstrndup(p, n);
			d->found[d->n++] = 0;
			added++;
		}
		if (end == NULL)
			break;
		p = end + 1;
	}
	return added;
}

const char **
action_done_header(const struct csv_header *h)
{
	const char **names = xcalloc(h->n + 3, sizeof(*names));
	int has_status = 0, has_done = 0;
	size_t i, k = 0;

	for (i = 0; i < h->n; i++) {
		names[k++] = h->names[i];
		has_status |= strcmp(h->names[i], "status") == 0;
		has_done |= strcmp(h->names[i], "done_on") == 0;
	}
	if (!has_status)
		names[k++] = "status";
	if (!has_done)
		names[k++] = "done_on";
	names[k] = NULL;
	return names;
}

json_t *
action_done_apply(struct action_done *d, const struct record *r, int32_t as_of)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *id = record_value(r, "id", buf);
	json_t *o;
	size_t i;
	int hit = 0;

	for (i = 0; id && i < d->n; i++)
		if (strcmp(id, d->ids[i]) == 0)
			hit = d->found[i] = 1;
	if (!hit)
		return NULL;
	o = r->object ? json_deep_copy(r->object) : record_to_json(r);
	action_mark_done(o, as_of);
	return o;
}

int
action_done_put(struct action_done *d, FILE *out, const struct record *r,
    int32_t as_of, struct ae_error *err)
{
	const char **names;
	json_t *o;
	int rc;

	if (d->w == NULL) {
		d->w = rec_writer_new(out,
		    r->object == NULL ? RECORD_CSV : RECORD_JSON, 0);
		if (r->object == NULL) {
			names = action_done_header(r->header);
			rec_writer_set_header(d->w, names);
			free(names);
		}
	}
	if ((o = action_done_apply(d, r, as_of)) == NULL)
		return rec_writer_put(d->w, r, err);
	rc = rec_writer_put_json(d->w, o, err);
	json_decref(o);
	return rc;
}

const char *
action_done_missing(const struct action_done *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (!d->found[i])
			return d->ids[i];
	return NULL;
}

void
action_done_release(struct action_done *d)
{
	size_t i;

	rec_writer_free(d->w);
	for (i = 0; i < d->n; i++)
		free(d->ids[i]);
	free(d->ids);
	free(d->found);
	memset(d, 0, sizeof(*d));
}
