/*
 * The client's brand file: gathering, the fourteen sections, the rules.
 * See dossier.h.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "brief.h"
#include "compete.h"
#include "date.h"
#include "dossier.h"
#include "estimate.h"
#include "field.h"
#include "forecast.h"
#include "i18n.h"
#include "jsontext.h"
#include "minutes.h"
#include "money.h"
#include "receivables.h"
#include "research.h"
#include "schema.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"

enum kind {
	K_CONTACT,
	K_MINUTES,
	K_ACTION,
	K_BRIEF,
	K_ESTIMATE,
	K_JOB,
	K_FORECAST,
	K_RESEARCH,
	K_COMPETITOR,
	K_MEMO,
	K_FACT,
	K_COMPLAINT,
	K_CALLBACK,
	K_INVOICE,
	NKINDS
};

/* Each type the brand file uses, and the field that dates a record. */
static const struct {
	const char *type;
	const char *date;
} kinds[NKINDS] = {
	{ "contact", NULL },
	{ "minutes", "date" },
	{ "action", NULL },
	{ "brief", "date" },
	{ "estimate", "date" },
	{ "job", "opened" },
	{ "forecast", "revised" },
	{ "research", NULL },
	{ "competitor", "date" },
	{ "memo", "date" },
	{ "fact", "date" },
	{ "complaint", "received" },
	{ "callback", "date" },
	{ "invoice", "issued" },
};

static const char *const section_titles[DOSSIER_SECTIONS] = {
	N_("Contacts and organisation"),
	N_("Meeting reports"),
	N_("Market"),
	N_("Product"),
	N_("Competition"),
	N_("Consumers"),
	N_("Brand"),
	N_("Past campaigns"),
	N_("Briefs"),
	N_("Campaign progress"),
	N_("Media"),
	N_("Research"),
	N_("Finance"),
	N_("Company records"),
};

static const char *const section_ids[DOSSIER_SECTIONS] = {
	"contacts",
	"meetings",
	"market",
	"product",
	"competition",
	"consumers",
	"brand",
	"campaigns",
	"briefs",
	"progress",
	"media",
	"research",
	"finance",
	"company",
};

struct item {
	json_t *o;
	char *source;
	long line;
	int32_t day;
	int has_day;
};

struct list {
	struct item *v;
	size_t n, cap;
};

/* What a section was built from: for --check. */
struct section_stat {
	size_t count;
	const struct item *newest;
	int32_t newest_day; /* the day it stands for in this section */
};

struct dossier {
	struct dossier_options o;
	struct list held[NKINDS];
	struct receivables_options ro;
	struct recv *rv;
	struct forecast_options fo;
	struct fc *fc;
	struct section_stat stat[DOSSIER_SECTIONS];
};

const char *
dossier_section_title(int n)
{
	if (n < 1 || n > DOSSIER_SECTIONS)
		return "";
	return _(section_titles[n - 1]);
}

struct dossier *
dossier_new(const struct dossier_options *o)
{
	struct dossier *d = xcalloc(1, sizeof(*d));

	d->o = *o;
	if (d->o.currency == NULL)
		d->o.currency = "CNY";
	if (d->o.stale_days <= 0)
		d->o.stale_days = DOSSIER_STALE_DAYS;
	d->ro.as_of = o->as_of;
	d->ro.nbuckets = 3;
	d->ro.buckets[0] = 30;
	d->ro.buckets[1] = 60;
	d->ro.buckets[2] = 90;
	d->ro.by = RECV_BY_CLIENT;
	d->ro.currency = d->o.currency;
	d->rv = receivables_new(&d->ro);
	d->fo.as_of = o->as_of;
	d->fo.from = d->fo.to = FC_NO_MONTH;
	d->fo.by = FC_BY_CLIENT;
	d->fo.currency = d->o.currency;
	d->fc = forecast_new(&d->fo);
	return d;
}

void
dossier_free(struct dossier *d)
{
	size_t k, i;

	if (d == NULL)
		return;
	for (k = 0; k < NKINDS; k++) {
		for (i = 0; i < d->held[k].n; i++) {
			json_decref(d->held[k].v[i].o);
			free(d->held[k].v[i].source);
		}
		free(d->held[k].v);
	}
	receivables_free(d->rv);
	forecast_free(d->fc);
	free(d);
}

void
dossier_begin_file(struct dossier *d)
{
	receivables_begin_file(d->rv, NULL);
	forecast_begin_file(d->fc, NULL);
}

static int
kind_of(const char *type)
{
	int k;

	for (k = 0; k < NKINDS; k++)
		if (strcmp(kinds[k].type, type) == 0)
			return k;
	return -1;
}

/* The day that dates record O of kind K: 1 and *DAY, 0 none, -1 bad. */
static int
date_of(json_t *o, int k, int32_t *day, struct ae_error *err)
{
	struct when w;
	int rc;

	if (k == K_RESEARCH)
		return research_date(o, day, err);
	if (kinds[k].date == NULL)
		return 0;
	if ((rc = field_when(FIELD_OBJECT(o), kinds[k].date, &w, err)) <= 0)
		return rc;
	*day = w.day;
	return 1;
}

static void
hold(struct dossier *d, int k, json_t *o, const struct record *r, int32_t day,
    int has_day)
{
	struct list *l = &d->held[k];
	struct item *it;

	if (l->n == l->cap) {
		l->cap = l->cap * 2 + 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	it = &l->v[l->n++];
	it->o = o;
	it->source = xstrdup(r->source);
	it->line = r->line;
	it->day = day;
	it->has_day = has_day;
}

/* An action without a client is kept when it names minutes. */
static int
is_clients(const struct dossier *d, const struct record *r, int k)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *client = record_value(r, "client", buf);

	if (client)
		return strcmp(client, d->o.client) == 0;
	return k == K_ACTION && record_value(r, "minutes", buf) != NULL;
}

int
dossier_add(struct dossier *d, const struct record *r, struct ae_error *err)
{
	char tbuf[64];
	const char *type = record_type(r, NULL, tbuf, sizeof(tbuf));
	int32_t day = 0;
	json_t *o;
	int k, rc;

	if (type == NULL)
		return 0;
	if (strcmp(type, "payment") == 0)
		return receivables_add(d->rv, r, err) < 0 ? -1 : 0;
	if ((k = kind_of(type)) < 0 || !is_clients(d, r, k))
		return 0;
	if (schema_require(r, type, d->o.currency, err) < 0)
		return -1;
	if (k == K_INVOICE &&
	    (receivables_add(d->rv, r, err) < 0 ||
		forecast_add(d->fc, r, err) < 0))
		return -1;
	if (k == K_FORECAST && forecast_add(d->fc, r, err) < 0)
		return -1;
	o = record_to_json(r);
	if ((rc = date_of(o, k, &day, err)) < 0) {
		json_decref(o);
		ae_error_at(err, r->source, r->line, 0);
		return -1;
	}
	if (rc && day > d->o.as_of) {
		json_decref(o);
		return 0;
	}
	hold(d, k, o, r, day, rc);
	return 1;
}

/* ---- small helpers ---- */

static const char *
text(json_t *o, const char *name, char *buf)
{
	return field_text(o, name, buf);
}

static int
flag(json_t *o, const char *name)
{
	int f = 0;

	field_bool(FIELD_OBJECT(o), name, &f, NULL);
	return f;
}

static int
cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c;

	if (x->has_day != y->has_day)
		return x->has_day - y->has_day;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if ((c = strcmp(x->source, y->source)) != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

static void
sort_held(struct dossier *d)
{
	size_t k;

	for (k = 0; k < NKINDS; k++)
		if (d->held[k].n > 1)
			qsort(d->held[k].v, d->held[k].n, sizeof(struct item),
			    cmp_item);
}

/* The day MONTHS calendar months before DAY (clamped to the month end). */
static int32_t
months_before(int32_t day, int months)
{
	int y, m, dd;

	date_to_ymd(day, &y, &m, &dd);
	m -= months;
	while (m < 1) {
		m += 12;
		y--;
	}
	while (dd > 28 && !date_valid(y, m, dd))
		dd--;
	return date_from_ymd(y, m, dd);
}

/* Counts IT in section SEC, as a record of DAY (HAS_DAY). */
static void
count_on(struct dossier *d, int sec, const struct item *it, int has_day,
    int32_t day)
{
	struct section_stat *s = &d->stat[sec - 1];

	s->count++;
	if (has_day && (s->newest == NULL || day >= s->newest_day)) {
		s->newest = it;
		s->newest_day = day;
	}
}

static void
count(struct dossier *d, int sec, const struct item *it)
{
	count_on(d, sec, it, it->has_day, it->day);
}

static const char *
mark(const struct dossier *d, int sensitive, const char *s, struct strbuf *sb)
{
	strbuf_reset(sb);
	if (sensitive && !d->o.client_copy) {
		strbuf_addstr(sb, _("[internal]"));
		strbuf_addch(sb, ' ');
	}
	strbuf_addstr(sb, s ? s : "");
	return sb->buf;
}

static const char *
day_text(const struct item *it, char *buf)
{
	if (!it->has_day)
		return "";
	date_format(it->day, buf);
	return buf;
}

/*
 * The word VALUE of an enumeration in the current language: the catalog
 * entry of VALUE in context CTX ("job status", "memo kind" …), as
 * pgettext looks it up, or VALUE itself.
 */
static const char *
word(const char *ctx, const char *value)
{
	char key[128];
	const char *t;
	size_t nc, nv;

	if (value == NULL)
		return NULL;
	nc = strlen(ctx);
	nv = strlen(value);
	if (nc + nv + 2 > sizeof(key))
		return value;
	memcpy(key, ctx, nc);
	key[nc] = '\004';
	memcpy(key + nc + 1, value, nv + 1);
	t = dgettext("aekit", key);
	return t == key || strcmp(t, key) == 0 ? value : t;
}

/* ---- blocks: what a section shows ---- */

static json_t *
block_new(json_t *blocks, const char *heading)
{
	json_t *b = json_object();

	if (heading)
		json_object_set_new(b, "heading", json_string(heading));
	json_object_set_new(b, "paras", json_array());
	json_object_set_new(b, "items", json_array());
	json_object_set_new(b, "columns", json_array());
	json_object_set_new(b, "rows", json_array());
	json_array_append_new(blocks, b);
	return b;
}

static void
block_columns(json_t *b, const char *const *cols)
{
	json_t *c = json_object_get(b, "columns");

	for (; *cols; cols++)
		json_array_append_new(c, json_string(_(*cols)));
}

/* Marks column I (from 0) as amounts, aligned right. */
static void
block_right(json_t *b, size_t i)
{
	json_t *r = json_object_get(b, "right");

	if (r == NULL) {
		r = json_array();
		json_object_set_new(b, "right", r);
	}
	while (json_array_size(r) <= i)
		json_array_append_new(r, json_false());
	json_array_set_new(r, i, json_true());
}

static int
is_right(json_t *b, size_t i)
{
	return json_is_true(json_array_get(json_object_get(b, "right"), i));
}

/* A date, a number, a code: a cell a browser should not break. */
static int
is_short(const char *s)
{
	return s && strchr(s, ' ') == NULL && text_width(s) <= 16;
}

/* Adds a row of N cells (NULL cells print empty). */
static void
block_row(json_t *b, const char *const *cells, size_t n)
{
	json_t *row = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(row,
		    json_pack("{s:s, s:b, s:b}", "t", cells[i] ? cells[i] : "",
			"num", is_right(b, i), "nw", is_short(cells[i])));
	json_array_append_new(json_object_get(b, "rows"),
	    json_pack("{s:o}", "cells", row));
}

static void
block_item(json_t *b, const char *s, int depth)
{
	char indent[64];
	int i;

	for (i = 0; i < depth && i < 30; i++) {
		indent[2 * i] = ' ';
		indent[2 * i + 1] = ' ';
	}
	indent[2 * i] = '\0';
	json_array_append_new(json_object_get(b, "items"),
	    json_pack("{s:s, s:s, s:i}", "text", s, "indent", indent, "depth",
		depth * 3 / 2));
}

static void
block_para(json_t *b, const char *s)
{
	json_array_append_new(json_object_get(b, "paras"), json_string(s));
}

static char *
text_table_of(json_t *b)
{
	struct table *t = table_new();
	json_t *c, *row;
	size_t i, j, len;
	char *s;

	json_array_foreach(json_object_get(b, "columns"), i, c) table_column(t,
	    json_string_value(c), is_right(b, i) ? TABLE_RIGHT : TABLE_LEFT);
	json_array_foreach(json_object_get(b, "rows"), i, row)
	{
		table_row(t);
		json_array_foreach(json_object_get(row, "cells"), j, c)
		    table_cell(t, json_string_value(json_object_get(c, "t")));
	}
	s = table_string(t, TABLE_TEXT);
	table_free(t);
	if ((len = strlen(s)) > 0 && s[len - 1] == '\n')
		s[len - 1] = '\0'; /* the template ends the line */
	return s;
}

/* Sets the flags templates test, the text tables, drops empty blocks. */
static void
finish_blocks(json_t *blocks, int text_tables)
{
	json_t *b;
	size_t i;
	int tab, lst, par;
	char *t;

	for (i = json_array_size(blocks); i-- > 0;) {
		b = json_array_get(blocks, i);
		tab = json_array_size(json_object_get(b, "rows")) > 0;
		lst = json_array_size(json_object_get(b, "items")) > 0;
		par = json_array_size(json_object_get(b, "paras")) > 0;
		if (!tab && !lst && !par) {
			json_array_remove(blocks, i);
			continue;
		}
		json_object_set_new(b, "is_table", json_boolean(tab));
		json_object_set_new(b, "is_list", json_boolean(lst));
		if (tab && text_tables) {
			t = text_table_of(b);
			json_object_set_new(b, "text_table", json_string(t));
			free(t);
		}
	}
}

/* ---- the sections ---- */

/* Facts of SECTION as a table. */
static void
facts(struct dossier *d, int sec, const char *section, json_t *blocks,
    const char *heading)
{
	static const char *const cols[] = { N_("Date"), N_("Fact"), N_("Text"),
		N_("Source"), NULL };
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], b3[JSONTEXT_BUFSIZE];
	char b4[JSONTEXT_BUFSIZE], day[DATE_BUFSIZE];
	struct list *l = &d->held[K_FACT];
	struct strbuf sb = STRBUF_INIT, src = STRBUF_INIT;
	const char *cells[4], *s, *link;
	json_t *b = block_new(blocks, heading);
	size_t i;
	int sens;

	block_columns(b, cols);
	for (i = 0; i < l->n; i++) {
		if ((s = text(l->v[i].o, "section", b1)) == NULL ||
		    strcmp(s, section) != 0)
			continue;
		sens = flag(l->v[i].o, "sensitive");
		if (sens && d->o.client_copy)
			continue;
		count(d, sec, &l->v[i]);
		cells[0] = day_text(&l->v[i], day);
		cells[1] = mark(d, sens, text(l->v[i].o, "title", b2), &sb);
		cells[2] = text(l->v[i].o, "text", b3);
		s = text(l->v[i].o, "source", b4);
		link = text(l->v[i].o, "link", b1);
		strbuf_reset(&src);
		strbuf_addf(&src, "%s%s%s", s ? s : "", s && link ? " " : "",
		    link ? link : "");
		cells[3] = src.buf;
		block_row(b, cells, 4);
	}
	strbuf_release(&sb);
	strbuf_release(&src);
}

static const char *
reach(json_t *o, struct strbuf *sb)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE];
	const char *p = text(o, "phone", b1), *m = text(o, "mobile", b2);

	strbuf_reset(sb);
	strbuf_addf(sb, "%s%s%s", p ? p : "", p && m ? " / " : "", m ? m : "");
	return sb->buf;
}

/* Whether contact I reports to someone held (by name). */
static int
boss_index(const struct list *l, size_t i)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE];
	const char *boss = text(l->v[i].o, "reports_to", b1), *name;
	size_t j;

	if (boss == NULL)
		return -1;
	for (j = 0; j < l->n; j++) {
		name = text(l->v[j].o, "name", b2);
		if (j != i && name && strcmp(name, boss) == 0)
			return (int)j;
	}
	return -1;
}

static void
org_chart(const struct list *l, json_t *b, int parent, int depth,
    const int *boss)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], b3[JSONTEXT_BUFSIZE];
	struct strbuf line = STRBUF_INIT;
	const char *name, *title, *unit;
	size_t i;

	if (depth > 20)
		return;
	for (i = 0; i < l->n; i++) {
		if (boss[i] != parent)
			continue;
		name = text(l->v[i].o, "name", b1);
		title = text(l->v[i].o, "title", b2);
		unit = text(l->v[i].o, "org_unit", b3);
		strbuf_reset(&line);
		strbuf_addf(&line, "%s%s%s%s%s%s", name ? name : "",
		    title ? _(", ") : "", title ? title : "",
		    unit ? _(" (") : "", unit ? unit : "", unit ? _(")") : "");
		block_item(b, line.buf, depth);
		org_chart(l, b, (int)i, depth + 1, boss);
	}
	strbuf_release(&line);
}

static void
contact_row(json_t *b, json_t *o)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], b3[JSONTEXT_BUFSIZE];
	char b4[JSONTEXT_BUFSIZE], b5[JSONTEXT_BUFSIZE], b6[JSONTEXT_BUFSIZE];
	struct strbuf ph = STRBUF_INIT;
	const char *cells[7];

	cells[0] = text(o, "name", b1);
	cells[1] = text(o, "title", b2);
	cells[2] = text(o, "org_unit", b3);
	cells[3] = text(o, "responsibility", b4);
	cells[4] = text(o, "reports_to", b5);
	cells[5] = reach(o, &ph);
	cells[6] = text(o, "email", b6);
	block_row(b, cells, 7);
	strbuf_release(&ph);
}

static void
section_contacts(struct dossier *d, json_t *blocks)
{
	static const char *const key_cols[] = { N_("Name"), N_("Position"),
		N_("Responsibility"), N_("Background"), NULL };
	static const char *const cols[] = { N_("Name"), N_("Position"),
		N_("Department"), N_("Responsibility"), N_("Reports to"),
		N_("Phone"), N_("Email"), NULL };
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], b3[JSONTEXT_BUFSIZE];
	char b4[JSONTEXT_BUFSIZE];
	struct list *l = &d->held[K_CONTACT];
	json_t *chart, *keys, *all;
	const char *cells[4];
	int *boss;
	size_t i;
	int pass;

	chart = block_new(blocks, _("Organisation chart"));
	keys = block_new(blocks, _("Key contacts"));
	all = block_new(blocks, _("Contact list"));
	block_columns(keys, key_cols);
	block_columns(all, cols);
	boss = xcalloc(l->n + 1, sizeof(*boss));
	for (i = 0; i < l->n; i++) {
		boss[i] = boss_index(l, i);
		count(d, 1, &l->v[i]);
	}
	org_chart(l, chart, -1, 0, boss);
	free(boss);
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < l->n; i++) {
			if (flag(l->v[i].o, "key") != pass)
				continue;
			contact_row(all, l->v[i].o);
			if (!pass)
				continue;
			cells[0] = text(l->v[i].o, "name", b1);
			cells[1] = text(l->v[i].o, "title", b2);
			cells[2] = text(l->v[i].o, "responsibility", b3);
			cells[3] = text(l->v[i].o, "note", b4);
			block_row(keys, cells, 4);
		}
}

/* The action record of ID, or NULL. */
static const struct item *
action_record(const struct dossier *d, const char *id)
{
	char buf[JSONTEXT_BUFSIZE];
	const struct list *l = &d->held[K_ACTION];
	const char *s;
	size_t i;

	for (i = l->n; i-- > 0;)
		if ((s = text(l->v[i].o, "id", buf)) && strcmp(s, id) == 0)
			return &l->v[i];
	return NULL;
}

/* Whether action O was done by the as-of date. */
static int
action_done(const struct dossier *d, json_t *o)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *st = text(o, "status", buf);
	int32_t on;

	if (st == NULL || strcmp(st, "done") != 0)
		return 0;
	if (field_date(FIELD_OBJECT(o), "done_on", &on, NULL) == 1 &&
	    on > d->o.as_of)
		return 0;
	return 1;
}

static void
meeting_block(struct dossier *d, json_t *blocks, const struct item *it,
    json_t *ctx)
{
	static const char *const cols[] = { N_("Action"), N_("Owner"),
		N_("Due"), N_("Status"), NULL };
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], b3[JSONTEXT_BUFSIZE];
	char b4[JSONTEXT_BUFSIZE], day[DATE_BUFSIZE];
	struct strbuf sb = STRBUF_INIT, head = STRBUF_INIT;
	const struct item *rec;
	const char *cells[4], *title, *id;
	json_t *b, *e;
	size_t i;

	title = text(it->o, "title", b1);
	strbuf_addf(&head, "%s %s%s", day_text(it, day),
	    title ? title : text(it->o, "id", b2),
	    flag(it->o, "key") ? _(" (key meeting)") : "");
	b = block_new(blocks, head.buf);
	strbuf_release(&head);
	json_array_foreach(json_object_get(ctx, "decisions"), i, e)
	    block_item(b,
		mark(d, json_is_true(json_object_get(e, "sensitive")),
		    text(e, "text", b3), &sb),
		0);
	block_columns(b, cols);
	json_array_foreach(json_object_get(ctx, "actions"), i, e)
	{
		id = text(e, "id", b4);
		rec = id ? action_record(d, id) : NULL;
		cells[0] =
		    mark(d, json_is_true(json_object_get(e, "sensitive")),
			text(e, "what", b3), &sb);
		cells[1] = text(e, "owner", b1);
		cells[2] = text(e, "due", b2);
		cells[3] =
		    rec && action_done(d, rec->o) ? _("Done") : _("Not done");
		block_row(b, cells, 4);
	}
	strbuf_release(&sb);
}

static int
section_meetings(struct dossier *d, json_t *blocks, struct ae_error *err)
{
	struct minutes_options mo = { 0 };
	struct list *l = &d->held[K_MINUTES];
	int32_t three = months_before(d->o.as_of, 3);
	int32_t twelve = months_before(d->o.as_of, 12);
	json_t *ctx;
	size_t i;

	mo.client_copy = d->o.client_copy;
	mo.as_of = d->o.as_of;
	for (i = 0; i < l->n; i++) {
		if (l->v[i].day < twelve ||
		    (l->v[i].day < three && !flag(l->v[i].o, "key")))
			continue;
		if ((ctx = minutes_context(l->v[i].o, &mo, err)) == NULL) {
			ae_error_at(err, l->v[i].source, l->v[i].line, 0);
			return -1;
		}
		count(d, 2, &l->v[i]);
		meeting_block(d, blocks, &l->v[i], ctx);
		json_decref(ctx);
	}
	return 0;
}

static int
competitor_blocks(struct dossier *d, json_t *blocks, struct ae_error *err)
{
	struct compete *cp = compete_new(d->o.client);
	struct list *l = &d->held[K_COMPETITOR];
	json_t *ctx, *b, *p, *c, *g, *r, *cols;
	const char *cells[8];
	char head[128];
	size_t i, j;
	struct record rec = { 0 };

	for (i = 0; i < l->n; i++) {
		rec.object = l->v[i].o;
		rec.source = l->v[i].source;
		rec.line = l->v[i].line;
		switch (compete_add(cp, &rec, d->o.currency, err)) {
		case -1:
			compete_free(cp);
			return -1;
		case 1:
			count(d, 5, &l->v[i]);
		}
	}
	if (compete_count(cp) == 0) {
		compete_free(cp);
		return 0;
	}
	if ((ctx = compete_context(cp, 0, err)) == NULL) {
		compete_free(cp);
		return -1;
	}
	b = block_new(blocks, _("Competitor review"));
	cols = json_object_get(b, "columns");
	json_array_append_new(cols, json_string(_("Point")));
	json_array_foreach(json_object_get(ctx, "brands"), i, p)
	    json_array_append(cols, json_object_get(p, "name"));
	json_array_foreach(json_object_get(ctx, "points"), i, p)
	{
		r = json_array();
		snprintf(head, sizeof(head), "%d. %s", (int)i + 1,
		    json_string_value(json_object_get(p, "title")));
		json_array_append_new(r,
		    json_pack("{s:s, s:b}", "t", head, "num", 0));
		json_array_foreach(json_object_get(p, "cells"), j, c)
		    json_array_append_new(r,
			json_pack("{s:O, s:b}", "t", c, "num", 0));
		json_array_append_new(json_object_get(b, "rows"),
		    json_pack("{s:o}", "cells", r));
	}
	b = block_new(blocks, _("Advertising spend"));
	{
		static const char *const sc[] = { N_("Brand"), N_("Currency"),
			N_("Spend"), N_("Share"), NULL };
		block_columns(b, sc);
		block_right(b, 2);
		block_right(b, 3);
	}
	json_array_foreach(json_object_get(ctx, "spend"), i, g)
	{
		json_array_foreach(json_object_get(g, "rows"), j, r)
		{
			cells[0] =
			    json_string_value(json_object_get(r, "brand"));
			cells[1] =
			    json_string_value(json_object_get(g, "currency"));
			cells[2] =
			    json_string_value(json_object_get(r, "spend"));
			cells[3] =
			    json_string_value(json_object_get(r, "share"));
			block_row(b, cells, 4);
		}
		cells[0] = _("Total");
		cells[1] = json_string_value(json_object_get(g, "currency"));
		cells[2] = json_string_value(json_object_get(g, "total"));
		cells[3] = "100.0%";
		block_row(b, cells, 4);
	}
	json_decref(ctx);
	compete_free(cp);
	return 0;
}

/* Whether job O is closed as of the date. */
static int
job_closed(const struct dossier *d, json_t *o)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *st = text(o, "status", buf);
	int32_t on;
	int rc = field_date(FIELD_OBJECT(o), "closed", &on, NULL);

	if (rc == 1)
		return on <= d->o.as_of;
	return st && strcmp(st, "closed") == 0;
}

/* Whether job O's own status says closed. */
static int
job_closed_said(json_t *o)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *st = text(o, "status", buf);

	return st && strcmp(st, "closed") == 0;
}

static int
job_open(const struct dossier *d, json_t *o)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *kind = text(o, "kind", buf);

	if (kind && strcmp(kind, "internal") == 0)
		return 0;
	return !job_closed(d, o);
}

static void
jobs_block(struct dossier *d, int sec, json_t *blocks, const char *heading,
    int closed)
{
	static const char *const cols[] = { N_("Job"), N_("Title"), N_("Brand"),
		N_("Status"), N_("Opened"), N_("Closed"),
		N_("Account executive"), NULL };
	static const char *const fields[] = { "job", "title", "brand", "status",
		"opened", "closed", "ae" };
	char bufs[7][JSONTEXT_BUFSIZE];
	const char *cells[7];
	struct list *l = &d->held[K_JOB];
	json_t *b = block_new(blocks, heading);
	int32_t on;
	size_t i, f;

	block_columns(b, cols);
	for (i = 0; i < l->n; i++) {
		if (closed ? !job_closed(d, l->v[i].o) :
			     !job_open(d, l->v[i].o))
			continue;
		if (closed &&
		    field_date(FIELD_OBJECT(l->v[i].o), "closed", &on, NULL) ==
			1)
			count_on(d, sec, &l->v[i], 1, on);
		else
			count(d, sec, &l->v[i]);
		for (f = 0; f < 7; f++)
			cells[f] = text(l->v[i].o, fields[f], bufs[f]);
		if (!closed) {
			/* Closed after the as-of date: it was open then. */
			if (job_closed_said(l->v[i].o))
				cells[3] = "open";
			cells[5] = NULL;
		}
		cells[3] = word("job status", cells[3]);
		block_row(b, cells, 7);
	}
}

static const char *
signoffs(json_t *o, struct strbuf *sb)
{
	json_t *a = json_object_get(o, "approvals"), *v;
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE];
	const char *key, *name, *date;

	strbuf_reset(sb);
	json_object_foreach(a, key, v)
	{
		name = json_is_string(v) ? json_string_value(v) :
					   text(v, "name", b1);
		date = json_is_object(v) ? text(v, "date", b2) : NULL;
		if (name == NULL)
			continue;
		if (sb->len)
			strbuf_addstr(sb, "; ");
		strbuf_addf(sb, _("%s: %s"), brief_signoff_role(key), name);
		if (date)
			strbuf_addf(sb, " %s", date);
	}
	return sb->buf;
}

static int
is_kind(json_t *o, const char *kind)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *k = text(o, "kind", buf);

	return k && strcmp(k, kind) == 0;
}

#define LATEST_BRIEFS 5

static void
briefs_block(struct dossier *d, int sec, json_t *blocks, const char *heading,
    const char *kind, size_t most)
{
	static const char *const cols[] = { N_("Date"), N_("Brief"), N_("Job"),
		N_("Proposition"), N_("Sign-offs"), NULL };
	static const char *const media_cols[] = { N_("Date"), N_("Brief"),
		N_("Job"), N_("Objective"), N_("Sign-offs"), NULL };
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], b3[JSONTEXT_BUFSIZE];
	char day[DATE_BUFSIZE];
	struct strbuf sb = STRBUF_INIT;
	struct list *l = &d->held[K_BRIEF];
	json_t *b = block_new(blocks, heading);
	const char *cells[5];
	size_t i, n = 0, first;

	block_columns(b, strcmp(kind, "media") == 0 ? media_cols : cols);
	for (i = 0; i < l->n; i++)
		n += is_kind(l->v[i].o, kind);
	first = n > most ? n - most : 0;
	for (i = 0, n = 0; i < l->n; i++) {
		if (!is_kind(l->v[i].o, kind) || n++ < first)
			continue;
		count(d, sec, &l->v[i]);
		cells[0] = day_text(&l->v[i], day);
		cells[1] = text(l->v[i].o, "title", b1);
		cells[2] = text(l->v[i].o, "job", b2);
		cells[3] = text(l->v[i].o,
		    strcmp(kind, "media") == 0 ? "objective" : "proposition",
		    b3);
		cells[4] = signoffs(l->v[i].o, &sb);
		block_row(b, cells, 5);
	}
	strbuf_release(&sb);
}

static void
open_actions(struct dossier *d, int sec, json_t *blocks)
{
	static const char *const cols[] = { N_("Action"), N_("Owner"),
		N_("Due"), N_("Minutes"), NULL };
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], b3[JSONTEXT_BUFSIZE];
	char b4[JSONTEXT_BUFSIZE], b5[JSONTEXT_BUFSIZE];
	struct list *l = &d->held[K_ACTION];
	json_t *b = block_new(blocks, _("Actions still open"));
	const char *cells[4], *st, *client;
	size_t i;

	block_columns(b, cols);
	for (i = 0; i < l->n; i++) {
		client = text(l->v[i].o, "client", b5);
		st = text(l->v[i].o, "status", b1);
		if (client == NULL || action_done(d, l->v[i].o) ||
		    (st && strcmp(st, "dropped") == 0))
			continue;
		if (flag(l->v[i].o, "sensitive") && d->o.client_copy)
			continue;
		count(d, sec, &l->v[i]);
		cells[0] = text(l->v[i].o, "what", b1);
		cells[1] = text(l->v[i].o, "owner", b2);
		cells[2] = text(l->v[i].o, "due", b3);
		cells[3] = text(l->v[i].o, "minutes", b4);
		block_row(b, cells, 4);
	}
}

static void
section_research(struct dossier *d, json_t *blocks)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], day[DATE_BUFSIZE];
	struct strbuf head = STRBUF_INIT;
	struct list *l = &d->held[K_RESEARCH];
	struct record rec = { 0 };
	json_t *b, *list, *v;
	const char *s;
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		count(d, 12, &l->v[i]);
		strbuf_reset(&head);
		strbuf_addf(&head, "%s%s%s", text(l->v[i].o, "title", b1),
		    l->v[i].has_day ? " " : "", day_text(&l->v[i], day));
		b = block_new(blocks, head.buf);
		if ((s = text(l->v[i].o, "purpose", b2)) != NULL) {
			strbuf_reset(&head);
			strbuf_addf(&head, _("%s: %s"), research_part_title(1),
			    s);
			block_para(b, head.buf);
		}
		rec.object = l->v[i].o;
		list = field_list(&rec, "conclusions");
		json_array_foreach(list, j, v) if (json_is_string(v))
		    block_item(b, json_string_value(v), 0);
		json_decref(list);
	}
	strbuf_release(&head);
}

static void
estimates_block(struct dossier *d, json_t *blocks)
{
	static const char *const cols[] = { N_("Estimate"), N_("Job"),
		N_("Date"), N_("Total"), N_("Signed"), NULL };
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], b3[JSONTEXT_BUFSIZE];
	char b4[JSONTEXT_BUFSIZE], day[DATE_BUFSIZE], amt[64];
	char sig[256], tot[160];
	struct list *l = &d->held[K_ESTIMATE];
	struct estimate_totals t;
	struct ae_error err;
	json_t *b = block_new(blocks, _("Estimates"));
	const char *cells[5], *by;
	json_t *copy;
	int32_t on;
	size_t i;

	block_columns(b, cols);
	block_right(b, 3);
	for (i = 0; i < l->n; i++) {
		count(d, 13, &l->v[i]);
		cells[0] = text(l->v[i].o, "estimate", b1);
		cells[1] = text(l->v[i].o, "job", b2);
		cells[2] = day_text(&l->v[i], day);
		copy = json_deep_copy(l->v[i].o);
		ae_error_clear(&err);
		memset(&t, 0, sizeof(t));
		if (estimate_compute(copy, NULL, d->o.currency, &t, &err) ==
		    0) {
			money_format(t.total, t.digits, 1, amt, sizeof(amt));
			snprintf(tot, sizeof(tot), "%s %s", t.currency, amt);
		} else {
			snprintf(tot, sizeof(tot), "%s",
			    _("(needs the rate card)"));
		}
		estimate_totals_release(&t);
		json_decref(copy);
		cells[3] = tot;
		by = text(l->v[i].o, "approved_by", b3);
		if (by &&
		    field_date(FIELD_OBJECT(l->v[i].o), "approved_on", &on,
			NULL) == 1 &&
		    on <= d->o.as_of)
			snprintf(sig, sizeof(sig), _("yes (%s %s)"), by,
			    text(l->v[i].o, "approved_on", b4));
		else
			snprintf(sig, sizeof(sig), "%s", _("no"));
		cells[4] = sig;
		block_row(b, cells, 5);
	}
}

static void
budgets_block(struct dossier *d, json_t *blocks)
{
	static const char *const cols[] = { N_("Brief"), N_("Kind"),
		N_("Budget"), NULL };
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], b3[JSONTEXT_BUFSIZE];
	char b4[JSONTEXT_BUFSIZE], amt[2 * JSONTEXT_BUFSIZE];
	struct list *l = &d->held[K_BRIEF];
	json_t *b = block_new(blocks, _("Budgets"));
	const char *cells[3], *s, *cur;
	struct ae_error err;
	char grouped[64];
	int64_t v;
	size_t i;

	block_columns(b, cols);
	block_right(b, 2);
	for (i = 0; i < l->n; i++) {
		if ((s = text(l->v[i].o, "budget", b1)) == NULL)
			continue;
		cur = text(l->v[i].o, "currency", b4);
		if (cur == NULL)
			cur = d->o.currency;
		if (money_parse(s, currency_digits(cur), cur, &v, &err) == 0) {
			money_format(v, currency_digits(cur), 1, grouped,
			    sizeof(grouped));
			s = grouped;
		}
		snprintf(amt, sizeof(amt), "%s %s", cur, s);
		cells[0] = text(l->v[i].o, "title", b2);
		cells[1] = word("brief kind", text(l->v[i].o, "kind", b3));
		cells[2] = amt;
		block_row(b, cells, 3);
	}
}

static int
forecast_block(struct dossier *d, json_t *blocks, struct ae_error *err)
{
	static const char *const cols[] = { N_("Month"), N_("Currency"),
		N_("Forecast"), N_("Invoiced"), N_("Variance"), NULL };
	char per[16], f[64], a[64], v[64];
	struct forecast_report rep;
	const char *cells[5];
	json_t *b;
	size_t r;
	int p;

	for (r = 0; r < d->held[K_FORECAST].n; r++)
		count(d, 13, &d->held[K_FORECAST].v[r]);
	if (d->held[K_FORECAST].n == 0)
		return 0;
	if (forecast_report(d->fc, &rep, 0, err) < 0)
		return -1;
	b = block_new(blocks, _("Billing forecast"));
	block_columns(b, cols);
	block_right(b, 2);
	block_right(b, 3);
	block_right(b, 4);
	for (r = 0; r < rep.nrows; r++)
		for (p = 0; p < rep.nperiods; p++) {
			const struct forecast_cell *c = &rep.rows[r].cells[p];

			if (c->forecast == 0 && c->actual == 0)
				continue;
			forecast_period_label(rep.first + p, 0, per,
			    sizeof(per));
			money_format(c->forecast, rep.rows[r].digits, 1, f,
			    sizeof(f));
			money_format(c->actual, rep.rows[r].digits, 1, a,
			    sizeof(a));
			money_format(c->variance, rep.rows[r].digits, 1, v,
			    sizeof(v));
			cells[0] = per;
			cells[1] = rep.rows[r].currency;
			cells[2] = f;
			cells[3] = a;
			cells[4] = v;
			block_row(b, cells, 5);
		}
	forecast_report_release(&rep);
	return 0;
}

static int
aging_block(struct dossier *d, json_t *blocks, struct ae_error *err)
{
	struct receivables_report rep;
	const char *cells[RECV_MAX_BUCKETS + 4];
	char heads[RECV_MAX_BUCKETS + 4][48], amts[RECV_MAX_BUCKETS + 4][64];
	json_t *b, *cols;
	size_t r;
	int k, nb = d->ro.nbuckets + 2;

	for (r = 0; r < d->held[K_INVOICE].n; r++)
		count(d, 13, &d->held[K_INVOICE].v[r]);
	if (receivables_report(d->rv, &rep, 0, err) < 0)
		return -1;
	b = block_new(blocks, _("Receivables aging"));
	cols = json_object_get(b, "columns");
	json_array_append_new(cols, json_string(_("Currency")));
	for (k = 0; k < nb; k++)
		json_array_append_new(cols,
		    json_string(receivables_bucket_heading(&d->ro, k, heads[k],
			sizeof(heads[k]))));
	json_array_append_new(cols, json_string(_("Total")));
	for (k = 1; k <= nb + 1; k++)
		block_right(b, (size_t)k);
	for (r = 0; r < rep.nrows; r++) {
		if (strcmp(rep.rows[r].group, d->o.client) != 0)
			continue;
		cells[0] = rep.rows[r].currency;
		for (k = 0; k < nb; k++) {
			money_format(rep.rows[r].bucket[k], rep.rows[r].digits,
			    1, amts[k], sizeof(amts[k]));
			cells[k + 1] = amts[k];
		}
		money_format(rep.rows[r].total, rep.rows[r].digits, 1, amts[nb],
		    sizeof(amts[nb]));
		cells[nb + 1] = amts[nb];
		block_row(b, cells, (size_t)nb + 2);
	}
	receivables_report_release(&rep);
	return 0;
}

static void
memos_block(struct dossier *d, json_t *blocks)
{
	static const char *const cols[] = { N_("Date"), N_("Kind"), N_("From"),
		N_("To"), N_("Subject"), NULL };
	static const char *const fields[] = { "kind", "from", "to", "subject" };
	char bufs[4][JSONTEXT_BUFSIZE], day[DATE_BUFSIZE];
	struct list *l = &d->held[K_MEMO];
	json_t *b = block_new(blocks, _("Memos, faxes and letters"));
	const char *cells[5];
	size_t i, f;

	block_columns(b, cols);
	for (i = 0; i < l->n; i++) {
		count(d, 14, &l->v[i]);
		cells[0] = day_text(&l->v[i], day);
		for (f = 0; f < 4; f++)
			cells[f + 1] = text(l->v[i].o, fields[f], bufs[f]);
		cells[1] = word("memo kind", cells[1]);
		block_row(b, cells, 5);
	}
}

static void
feedback_blocks(struct dossier *d, json_t *blocks)
{
	static const char *const ccols[] = { N_("Received"), N_("Summary"),
		N_("Severity"), N_("Owner"), N_("Resolved"), NULL };
	static const char *const cfields[] = { "received", "summary",
		"severity", "owner", "resolved" };
	static const char *const bcols[] = { N_("Date"), N_("By"), N_("Kind"),
		N_("Satisfied"), N_("Note"), NULL };
	static const char *const bfields[] = { "date", "by", "kind",
		"satisfied", "note" };
	char bufs[5][JSONTEXT_BUFSIZE];
	struct strbuf sb = STRBUF_INIT;
	struct list *l = &d->held[K_COMPLAINT];
	json_t *b = block_new(blocks, _("Complaints"));
	const char *cells[5];
	size_t i, f;
	int sens;

	block_columns(b, ccols);
	for (i = 0; i < l->n; i++) {
		sens = flag(l->v[i].o, "sensitive");
		if (sens && d->o.client_copy)
			continue;
		count(d, 14, &l->v[i]);
		for (f = 0; f < 5; f++)
			cells[f] = text(l->v[i].o, cfields[f], bufs[f]);
		cells[2] = word("severity", cells[2]);
		cells[1] = mark(d, sens, cells[1], &sb);
		block_row(b, cells, 5);
	}
	strbuf_release(&sb);
	l = &d->held[K_CALLBACK];
	b = block_new(blocks, _("Call-backs"));
	block_columns(b, bcols);
	for (i = 0; i < l->n; i++) {
		count(d, 14, &l->v[i]);
		for (f = 0; f < 5; f++)
			cells[f] = text(l->v[i].o, bfields[f], bufs[f]);
		cells[2] = word("callback kind", cells[2]);
		if (cells[3])
			cells[3] =
			    flag(l->v[i].o, "satisfied") ? _("yes") : _("no");
		block_row(b, cells, 5);
	}
}

static int
build_section(struct dossier *d, int n, json_t *blocks, struct ae_error *err)
{
	switch (n) {
	case 1:
		section_contacts(d, blocks);
		break;
	case 2:
		return section_meetings(d, blocks, err);
	case 3:
		facts(d, 3, "market", blocks, NULL);
		break;
	case 4:
		facts(d, 4, "product", blocks, NULL);
		break;
	case 5:
		if (competitor_blocks(d, blocks, err) < 0)
			return -1;
		facts(d, 5, "competition", blocks, _("Written assessment"));
		break;
	case 6:
		facts(d, 6, "consumers", blocks, NULL);
		break;
	case 7:
		facts(d, 7, "brand", blocks, NULL);
		break;
	case 8:
		jobs_block(d, 8, blocks, _("Closed jobs"), 1);
		facts(d, 8, "campaign", blocks, _("Campaign notes"));
		break;
	case 9:
		briefs_block(d, 9, blocks, _("Strategy in force"), "strategy",
		    1);
		briefs_block(d, 9, blocks, _("Latest creative briefs"),
		    "creative", LATEST_BRIEFS);
		break;
	case 10:
		jobs_block(d, 10, blocks, _("Open jobs"), 0);
		open_actions(d, 10, blocks);
		break;
	case 11:
		briefs_block(d, 11, blocks, _("Media briefs"), "media",
		    LATEST_BRIEFS);
		facts(d, 11, "media", blocks, _("Media notes"));
		break;
	case 12:
		section_research(d, blocks);
		break;
	case 13:
		estimates_block(d, blocks);
		budgets_block(d, blocks);
		if (forecast_block(d, blocks, err) < 0)
			return -1;
		return aging_block(d, blocks, err);
	default:
		memos_block(d, blocks);
		facts(d, 14, "company", blocks, _("Company notes"));
		feedback_blocks(d, blocks);
		break;
	}
	return 0;
}

static json_t *
build(struct dossier *d, int text_tables, struct ae_error *err)
{
	json_t *sections = json_array(), *s, *blocks;
	char anchor[32], day[DATE_BUFSIZE];
	int n, empty;

	sort_held(d);
	memset(d->stat, 0, sizeof(d->stat));
	for (n = 1; n <= DOSSIER_SECTIONS; n++) {
		blocks = json_array();
		if (build_section(d, n, blocks, err) < 0) {
			json_decref(blocks);
			json_decref(sections);
			return NULL;
		}
		finish_blocks(blocks, text_tables);
		empty = d->stat[n - 1].count == 0;
		snprintf(anchor, sizeof(anchor), "s%d", n);
		s = json_pack("{s:i, s:s, s:s, s:s, s:b, s:I, s:o}", "n", n,
		    "id", section_ids[n - 1], "title", dossier_section_title(n),
		    "anchor", anchor, "empty", empty, "records",
		    (json_int_t)d->stat[n - 1].count, "blocks", blocks);
		if (d->stat[n - 1].newest) {
			date_format(d->stat[n - 1].newest_day, day);
			json_object_set_new(s, "newest", json_string(day));
		}
		json_array_append_new(sections, s);
	}
	return sections;
}

json_t *
dossier_context(struct dossier *d, int text_tables, struct ae_error *err)
{
	json_t *sections = build(d, text_tables, err), *ctx;
	char day[DATE_BUFSIZE];

	if (sections == NULL)
		return NULL;
	date_format(d->o.as_of, day);
	ctx = json_pack("{s:s, s:s, s:b, s:o}", "client", d->o.client, "as_of",
	    day, "client_copy", d->o.client_copy, "sections", sections);
	return ctx;
}

static const struct item *
first_open_job(const struct dossier *d)
{
	const struct list *l = &d->held[K_JOB];
	size_t i;

	for (i = 0; i < l->n; i++)
		if (job_open(d, l->v[i].o))
			return &l->v[i];
	return NULL;
}

static int
check_contacts(const struct dossier *d, struct finding_sink *fs)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], b3[JSONTEXT_BUFSIZE];
	char b4[JSONTEXT_BUFSIZE];
	const struct list *l = &d->held[K_CONTACT];
	const char *name;
	size_t i;
	int found = 0;

	for (i = 0; i < l->n; i++) {
		name = text(l->v[i].o, "name", b1);
		if (!text(l->v[i].o, "phone", b2) &&
		    !text(l->v[i].o, "mobile", b3) &&
		    !text(l->v[i].o, "email", b4)) {
			finding_at(fs, l->v[i].source, l->v[i].line,
			    "contact-reach",
			    _("contact '%s' has no phone, "
			      "mobile or email"),
			    name ? name : "");
			found++;
		}
		if (flag(l->v[i].o, "key") && !text(l->v[i].o, "note", b2)) {
			finding_at(fs, l->v[i].source, l->v[i].line,
			    "key-background",
			    _("key contact '%s' has no "
			      "background (note)"),
			    name ? name : "");
			found++;
		}
	}
	return found;
}

int
dossier_check(struct dossier *d, struct finding_sink *fs, struct ae_error *err)
{
	static const int needed[] = { 1, 2, 13 };
	char day[DATE_BUFSIZE], asof[DATE_BUFSIZE];
	const struct item *job;
	const struct section_stat *s;
	json_t *sections = build(d, 0, err);
	char buf[JSONTEXT_BUFSIZE];
	size_t i;
	int found, n;

	if (sections == NULL)
		return -1;
	json_decref(sections);
	found = check_contacts(d, fs);
	if ((job = first_open_job(d)) != NULL)
		for (i = 0; i < sizeof(needed) / sizeof(needed[0]); i++) {
			if (d->stat[needed[i] - 1].count > 0)
				continue;
			finding_at(fs, job->source, job->line, "empty-section",
			    _("section %d (%s) is empty while job %s is open"),
			    needed[i], dossier_section_title(needed[i]),
			    text(job->o, "job", buf));
			found++;
		}
	date_format(d->o.as_of, asof);
	for (n = 1; n <= DOSSIER_SECTIONS; n++) {
		s = &d->stat[n - 1];
		if (s->newest == NULL ||
		    d->o.as_of - s->newest_day <= d->o.stale_days)
			continue;
		date_format(s->newest_day, day);
		finding_at(fs, s->newest->source, s->newest->line,
		    "stale-section",
		    _("section %d (%s) has had no new record "
		      "since %s, %ld days before %s (limit %ld)"),
		    n, dossier_section_title(n), day,
		    (long)(d->o.as_of - s->newest_day), asof, d->o.stale_days);
		found++;
	}
	return found;
}

/* ---- the files to read ---- */

struct paths {
	char **v;
	size_t n, cap;
};

static void
paths_add(struct paths *p, const char *s)
{
	if (p->n + 1 >= p->cap) {
		p->cap = p->cap * 2 + 64;
		p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
	}
	p->v[p->n++] = xstrdup(s);
	p->v[p->n] = NULL;
}

static int
is_record_file(const char *name)
{
	static const char *const ends[] = { ".csv", ".json", ".jsonl",
		".ndjson", NULL };
	size_t n = strlen(name), e;
	int i;

	for (i = 0; ends[i]; i++) {
		e = strlen(ends[i]);
		if (n > e && strcmp(name + n - e, ends[i]) == 0)
			return 1;
	}
	return 0;
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
walk(const char *dir, struct paths *p, int depth, struct ae_error *err)
{
	struct dirent *e;
	struct stat st;
	char path[4096];
	DIR *dp;

	if (depth > 64)
		return 0;
	if ((dp = opendir(dir)) == NULL) {
		ae_error_set(err, AE_ENOINPUT, "cannot read folder: %s",
		    strerror(errno));
		ae_error_at(err, dir, 0, 0);
		return -1;
	}
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (walk(path, p, depth + 1, err) < 0) {
				closedir(dp);
				return -1;
			}
		} else if (S_ISREG(st.st_mode) && is_record_file(e->d_name)) {
			paths_add(p, path);
		}
	}
	closedir(dp);
	return 0;
}

char **
dossier_files(char *const *paths, int npaths, size_t *n, struct ae_error *err)
{
	struct paths p = { 0 };
	struct stat st;
	size_t first;
	int i;

	/* Never NULL, so that no input at all is an empty list. */
	p.cap = 64;
	p.v = xmalloc(p.cap * sizeof(*p.v));
	p.v[0] = NULL;
	for (i = 0; i < npaths; i++) {
		if (strcmp(paths[i], "-") != 0 && stat(paths[i], &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			first = p.n;
			if (walk(paths[i], &p, 0, err) < 0)
				goto fail;
			qsort(p.v + first, p.n - first, sizeof(*p.v), cmp_path);
		} else {
			paths_add(&p, paths[i]);
		}
	}
	*n = p.n;
	return p.v;
fail:
	for (first = 0; first < p.n; first++)
		free(p.v[first]);
	free(p.v);
	return NULL;
}
