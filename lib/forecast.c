/*
 * The billing forecast: forecast lines and invoices in, forecast against
 * actual out.
 *
 * Each forecast line (client, month, job, kind) keeps one compact entry:
 * the version counted at the as-of date, the one with the latest
 * `revised` on or before it.  Invoices are summed straight into cells
 * keyed by group, currency and month.  Names that repeat are interned
 * once; the report is built from the cells at the end.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "field.h"
#include "forecast.h"
#include "i18n.h"
#include "money.h"
#include "schema.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"
#include "writer.h"

#define NOT_REVISED INT32_MIN
#define MAX_CURRENCIES 255

/* ---- interned names ------------------------------------------------ */

/* Id 0 is the empty name, the group of a record without one. */
struct names {
	struct strbuf text;
	size_t *off;
	uint32_t *hash;
	uint32_t n, cap;
	uint32_t *slots; /* id + 1; 0 empty */
	uint32_t mask;
};

static uint32_t
fnv1a(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h ^ (h >> 15);
}

static const char *
name_of(const struct names *t, uint32_t id)
{
	return t->text.buf + t->off[id];
}

static void
names_rehash(struct names *t)
{
	uint32_t i, j, mask = t->mask * 2 + 1;

	free(t->slots);
	t->slots = xcalloc((size_t)mask + 1, sizeof(*t->slots));
	t->mask = mask;
	for (i = 0; i < t->n; i++) {
		for (j = t->hash[i] & mask; t->slots[j]; j = (j + 1) & mask)
			;
		t->slots[j] = i + 1;
	}
}

static uint32_t
names_add(struct names *t, const char *s, size_t len, uint32_t h)
{
	if (t->n == t->cap) {
		t->cap = t->cap * 2 + 64;
		t->off = xrealloc(t->off, t->cap * sizeof(*t->off));
		t->hash = xrealloc(t->hash, t->cap * sizeof(*t->hash));
	}
	t->off[t->n] = t->text.len;
	t->hash[t->n] = h;
	strbuf_add(&t->text, s, len);
	strbuf_addch(&t->text, '\0');
	return t->n++;
}

static uint32_t
intern(struct names *t, const char *s)
{
	size_t len;
	uint32_t h, j, id;

	if (s == NULL || *s == '\0')
		return 0;
	len = strlen(s);
	h = fnv1a(s, len);
	for (j = h & t->mask; t->slots[j]; j = (j + 1) & t->mask) {
		id = t->slots[j] - 1;
		if (t->hash[id] == h && strcmp(name_of(t, id), s) == 0)
			return id;
	}
	id = names_add(t, s, len, h);
	t->slots[j] = id + 1;
	if ((uint64_t)t->n * 2 > t->mask)
		names_rehash(t);
	return id;
}

static void
names_init(struct names *t)
{
	memset(t, 0, sizeof(*t));
	strbuf_init(&t->text, 0);
	t->mask = 63;
	t->slots = xcalloc(64, sizeof(*t->slots));
	names_add(t, "", 0, 0);
}

static void
names_release(struct names *t)
{
	strbuf_release(&t->text);
	free(t->off);
	free(t->hash);
	free(t->slots);
}

/* ---- cells: sums by group, currency and month ----------------------- */

struct cell {
	uint64_t key; /* group << 32 | currency << 24 | month; 0 empty */
	int64_t forecast, actual;
	uint32_t ninvoices;
	uint8_t has_forecast;
};

struct cells {
	struct cell *v;
	size_t n, mask;
};

static uint64_t
cell_key(uint32_t group, int cur, int month)
{
	return (uint64_t)group << 32 | (uint64_t)cur << 24 | (uint64_t)month;
}

/* A full 64-bit mix (murmur3's finaliser): keys are dense small ids. */
static size_t
slot_of(uint64_t key, size_t mask)
{
	key ^= key >> 33;
	key *= 0xFF51AFD7ED558CCDull;
	key ^= key >> 33;
	key *= 0xC4CEB9FE1A85EC53ull;
	key ^= key >> 33;
	return (size_t)key & mask;
}

static void
cells_init(struct cells *t)
{
	t->n = 0;
	t->mask = 255;
	t->v = xcalloc(t->mask + 1, sizeof(*t->v));
}

static void
cells_grow(struct cells *t)
{
	struct cell *old = t->v;
	size_t i, j, n = t->mask + 1;

	t->mask = n * 2 - 1;
	t->v = xcalloc(n * 2, sizeof(*t->v));
	for (i = 0; i < n; i++) {
		if (old[i].key == 0)
			continue;
		for (j = slot_of(old[i].key, t->mask); t->v[j].key;
		     j = (j + 1) & t->mask)
			;
		t->v[j] = old[i];
	}
	free(old);
}

static struct cell *
cell_at(struct cells *t, uint64_t key)
{
	size_t j;

	for (j = slot_of(key, t->mask); t->v[j].key; j = (j + 1) & t->mask)
		if (t->v[j].key == key)
			return &t->v[j];
	if ((t->n + 1) * 2 > t->mask) {
		cells_grow(t);
		return cell_at(t, key);
	}
	t->v[j].key = key;
	t->n++;
	return &t->v[j];
}

static const struct cell *
cell_find(const struct cells *t, uint64_t key)
{
	size_t j;

	for (j = slot_of(key, t->mask); t->v[j].key; j = (j + 1) & t->mask)
		if (t->v[j].key == key)
			return &t->v[j];
	return NULL;
}

/* ---- forecast lines -------------------------------------------------- */

struct line {
	uint32_t client, job, kind; /* name ids */
	int32_t month;
	int32_t revised; /* NOT_REVISED: the first version */
	int64_t amount;	 /* as written */
	int64_t counted; /* weighted when asked */
	uint32_t line;
	uint32_t source; /* name id of the file */
	uint8_t cur;
};

struct job {
	uint32_t client, job;
	uint32_t line;
	uint32_t source;
};

struct currency {
	char code[8];
	int digits;
};

#define SOURCE(fc, id) name_of(&(fc)->names, (id))

enum kind {
	K_UNKNOWN,
	K_FORECAST,
	K_INVOICE,
	K_JOB,
	K_OTHER
};

struct fc {
	struct forecast_options o;
	struct names names;
	struct line *lines;
	size_t nlines, cap;
	uint64_t *slots; /* hash tag << 32 | line index + 1; 0 empty */
	size_t mask;
	struct cells cells;
	struct job *jobs; /* the first open job of each client */
	size_t njobs;
	uint32_t *job_of; /* client id → jobs index + 1 */
	size_t njob_of;
	struct currency cur[MAX_CURRENCIES];
	int ncur;
	int inv_min, inv_max, forecast_min, forecast_max;
	int summed; /* the lines are in the cells */

	/* The file being read. */
	const char *default_type;
	enum kind file_kind;
	int kind_from_name;
	const char *last_source;
	uint32_t source_id;
};

int
forecast_parse_by(const char *s, enum forecast_by *by)
{
	static const struct {
		const char *word;
		enum forecast_by by;
	} words[] = { { "client", FC_BY_CLIENT }, { "kind", FC_BY_KIND },
		{ "job", FC_BY_JOB } };
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(s, words[i].word) == 0) {
			*by = words[i].by;
			return 0;
		}
	return -1;
}

const char *
forecast_by_name(enum forecast_by by)
{
	return by == FC_BY_KIND ? "kind" : by == FC_BY_JOB ? "job" : "client";
}

int
forecast_parse_month(const char *s, int *month, struct ae_error *err)
{
	int y, m;

	if (month_parse(s, &y, &m, err) != 0)
		return -1;
	*month = FC_MONTH(y, m);
	return 0;
}

void
forecast_period_label(int p, int quarterly, char *buf, size_t size)
{
	if (quarterly)
		snprintf(buf, size, "%04d-Q%d", p / 4, p % 4 + 1);
	else
		snprintf(buf, size, "%04d-%02d", p / 12, p % 12 + 1);
}

struct fc *
forecast_new(const struct forecast_options *o)
{
	struct fc *fc = xcalloc(1, sizeof(*fc));

	fc->o = *o;
	if (fc->o.currency == NULL)
		fc->o.currency = "CNY";
	names_init(&fc->names);
	cells_init(&fc->cells);
	fc->mask = 1023;
	fc->slots = xcalloc(fc->mask + 1, sizeof(*fc->slots));
	fc->inv_min = fc->forecast_min = INT_MAX;
	fc->inv_max = fc->forecast_max = INT_MIN;
	return fc;
}

void
forecast_free(struct fc *fc)
{
	if (fc == NULL)
		return;
	names_release(&fc->names);
	free(fc->cells.v);
	free(fc->lines);
	free(fc->slots);
	free(fc->jobs);
	free(fc->job_of);
	free(fc);
}

void
forecast_begin_file(struct fc *fc, const char *default_type)
{
	fc->default_type = default_type;
	fc->file_kind = K_UNKNOWN;
	fc->last_source = NULL;
}

/* Source files are names too: the last one is remembered. */
static uint32_t
source_id(struct fc *fc, const char *source)
{
	if (fc->last_source != source) {
		fc->source_id = intern(&fc->names, source);
		fc->last_source = source;
	}
	return fc->source_id;
}

/* ---- reading records ----------------------------------------------- */

static int bad(const struct record *r, const char *field, struct ae_error *err,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
bad(const struct record *r, const char *field, struct ae_error *err,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ae_error_vset(err, AE_EDATA, fmt, ap);
	va_end(ap);
	if (field)
		ae_error_field(err, field);
	ae_error_at(err, r->source, r->line, 0);
	return -1;
}

static const char *
text_of(const struct record *r, const char *name, char *buf)
{
	return record_value(r, name, buf);
}

/*
 * Whether R is a good record of TYPE as the schema reads it (SPEC §4):
 * -1 with its first problem in ERR when not.  The values are then read
 * with the field getters, which find them as the schema did.
 */
static int
schema_passes(const struct fc *fc, const struct record *r, const char *type,
    struct ae_error *err)
{
	ae_error_clear(err);
	return schema_check(r, type, fc->o.currency, schema_keep_first, err) >
		0 ?
	    -1 :
	    0;
}

/* The record's currency as an index into FC's table; RMB reads as CNY. */
static int
currency_of(struct fc *fc, const struct record *r, struct ae_error *err)
{
	char code[8];
	int i, d;

	if (field_currency(r, fc->o.currency, code, &d, err) < 0)
		return -1;
	for (i = 0; i < fc->ncur; i++)
		if (strcmp(fc->cur[i].code, code) == 0)
			return i;
	if (fc->ncur == MAX_CURRENCIES)
		return bad(r, "currency", err, "too many currencies");
	snprintf(fc->cur[i].code, sizeof(fc->cur[i].code), "%s", code);
	fc->cur[i].digits = d;
	fc->ncur++;
	return i;
}

static int
take_amount(struct fc *fc, const struct record *r, int cur, int64_t *v,
    struct ae_error *err)
{
	return field_money(r, "amount", fc->cur[cur].code, fc->cur[cur].digits,
		   v, err) < 0 ?
	    -1 :
	    0;
}

/* A probability from 0 to 100 (the schema's range); absent means 100. */
static int
take_probability(const struct record *r, struct decimal *p,
    struct ae_error *err)
{
	p->coef = 100;
	p->scale = 0;
	return field_decimal(r, "probability", p, err) < 0 ? -1 : 0;
}

static int
take_month(const struct record *r, int *month, struct ae_error *err)
{
	int y, m;

	if (field_month(r, "month", &y, &m, err) < 0)
		return -1;
	*month = FC_MONTH(y, m);
	return 0;
}

/* The line's hash: the low bits pick the slot, the high ones are a tag. */
static uint64_t
line_hash(const struct line *l)
{
	uint64_t k = (uint64_t)l->client << 32 | l->job;

	k ^= ((uint64_t)l->month << 8 | l->kind) * 0xC2B2AE3D27D4EB4Full;
	k ^= k >> 33;
	k *= 0xFF51AFD7ED558CCDull;
	k ^= k >> 33;
	k *= 0xC4CEB9FE1A85EC53ull;
	return k ^ (k >> 33);
}

static uint64_t
slot_value(uint64_t h, size_t index)
{
	return (h >> 32) << 32 | (uint64_t)(index + 1);
}

static int
same_line(const struct line *a, const struct line *b)
{
	return a->client == b->client && a->job == b->job &&
	    a->month == b->month && a->kind == b->kind;
}

static void
lines_grow(struct fc *fc)
{
	size_t i, j;
	uint64_t h;

	free(fc->slots);
	fc->mask = fc->mask * 2 + 1;
	fc->slots = xcalloc(fc->mask + 1, sizeof(*fc->slots));
	for (i = 0; i < fc->nlines; i++) {
		h = line_hash(&fc->lines[i]);
		for (j = h & fc->mask; fc->slots[j]; j = (j + 1) & fc->mask)
			;
		fc->slots[j] = slot_value(h, i);
	}
}

/*
 * The entry of L's forecast line, or where a new one goes (*SLOT).  The
 * tag is compared first: most probes then never touch the lines.
 */
static struct line *
line_find(struct fc *fc, const struct line *l, uint64_t h, size_t *slot)
{
	uint64_t tag = h >> 32, v;
	size_t j;

	for (j = h & fc->mask; (v = fc->slots[j]) != 0; j = (j + 1) & fc->mask)
		if (v >> 32 == tag && same_line(&fc->lines[(uint32_t)v - 1], l))
			return &fc->lines[(uint32_t)v - 1];
	*slot = j;
	return NULL;
}

static void
line_insert(struct fc *fc, const struct line *l, uint64_t h, size_t slot)
{
	if (fc->nlines == fc->cap) {
		fc->cap = fc->cap * 2 + 1024;
		fc->lines = xrealloc(fc->lines, fc->cap * sizeof(*fc->lines));
	}
	fc->lines[fc->nlines] = *l;
	fc->slots[slot] = slot_value(h, fc->nlines);
	if (++fc->nlines * 2 > fc->mask)
		lines_grow(fc);
}

static int
same_day_twice(struct fc *fc, const struct record *r, const struct line *e,
    struct ae_error *err)
{
	return schema_duplicate(r, "forecast", SOURCE(fc, e->source),
	    (long)e->line, err);
}

static int
add_forecast(struct fc *fc, const struct record *r, struct ae_error *err)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], b3[JSONTEXT_BUFSIZE];
	const char *client, *job, *kind;
	struct decimal p;
	struct line l = { 0 }, *e;
	int32_t revised;
	uint64_t h;
	int cur, rc;
	size_t slot;

	if (schema_passes(fc, r, "forecast", err) != 0 ||
	    take_month(r, &l.month, err) != 0 ||
	    (cur = currency_of(fc, r, err)) < 0 ||
	    take_amount(fc, r, cur, &l.amount, err) != 0 ||
	    take_probability(r, &p, err) != 0 ||
	    (rc = field_date(r, "revised", &revised, err)) < 0)
		return -1;
	client = text_of(r, "client", b1);
	kind = text_of(r, "kind", b3);
	l.counted = l.amount;
	if (fc->o.weighted && money_percent(l.amount, p, &l.counted, err) != 0)
		return field_error(r, "amount", err);
	l.revised = rc ? revised : NOT_REVISED;
	if (l.revised != NOT_REVISED && l.revised > fc->o.as_of)
		return 0; /* not yet revised at the as-of date */
	job = text_of(r, "job", b2);
	l.client = intern(&fc->names, client);
	l.job = intern(&fc->names, job);
	l.kind = intern(&fc->names, kind);
	l.cur = (uint8_t)cur;
	l.source = source_id(fc, r->source);
	l.line =
	    r->line > 0 && r->line <= (long)UINT32_MAX ? (uint32_t)r->line : 0;
	h = line_hash(&l);
	if ((e = line_find(fc, &l, h, &slot)) == NULL) {
		line_insert(fc, &l, h, slot);
		return 0;
	}
	if (e->revised == l.revised)
		return same_day_twice(fc, r, e, err);
	if (e->revised < l.revised)
		*e = l;
	return 0;
}

static uint32_t
invoice_group(struct fc *fc, const struct record *r)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *name = fc->o.by == FC_BY_JOB ? "job" :
	    fc->o.by == FC_BY_KIND		 ? "kind" :
						   "client";

	return intern(&fc->names, text_of(r, name, buf));
}

static int
add_invoice(struct fc *fc, const struct record *r, struct ae_error *err)
{
	int32_t issued;
	int64_t amount, sum;
	int cur, y, m, d;
	struct cell *c;

	if (schema_passes(fc, r, "invoice", err) != 0 ||
	    field_date(r, "issued", &issued, err) < 0 ||
	    (cur = currency_of(fc, r, err)) < 0 ||
	    take_amount(fc, r, cur, &amount, err) != 0)
		return -1;
	if (issued > fc->o.as_of)
		return 0;
	date_to_ymd(issued, &y, &m, &d);
	c = cell_at(&fc->cells,
	    cell_key(invoice_group(fc, r), cur, FC_MONTH(y, m)));
	if (money_add(c->actual, amount, &sum, err) != 0)
		return bad(r, "amount", err,
		    "the sum invoiced in %04d-%02d "
		    "overflows",
		    y, m);
	c->actual = sum;
	c->ninvoices++;
	if (FC_MONTH(y, m) < fc->inv_min)
		fc->inv_min = FC_MONTH(y, m);
	if (FC_MONTH(y, m) > fc->inv_max)
		fc->inv_max = FC_MONTH(y, m);
	return 0;
}

/* An open job: not closed or billed at the as-of date, not internal. */
static int
job_is_open(struct fc *fc, const struct record *r, int32_t opened,
    struct ae_error *err)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE];
	const char *status = text_of(r, "status", b1);
	const char *kind = text_of(r, "kind", b2);
	int32_t closed;
	int rc;

	if ((rc = field_date(r, "closed", &closed, err)) < 0)
		return -1;
	if (status &&
	    (strcmp(status, "closed") == 0 || strcmp(status, "billed") == 0))
		return 0;
	return !(kind && strcmp(kind, "internal") == 0) &&
	    opened <= fc->o.as_of && !(rc == 1 && closed <= fc->o.as_of);
}

static int
add_job(struct fc *fc, const struct record *r, struct ae_error *err)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE];
	const char *job, *client;
	int32_t opened;
	uint32_t id;
	int rc;

	if (schema_passes(fc, r, "job", err) != 0 ||
	    field_date(r, "opened", &opened, err) < 0)
		return -1;
	job = text_of(r, "job", b1);
	client = text_of(r, "client", b2);
	if ((rc = job_is_open(fc, r, opened, err)) <= 0)
		return rc;
	id = intern(&fc->names, client);
	if (id >= fc->njob_of) {
		size_t n = (size_t)id * 2 + 16;

		fc->job_of = xrealloc(fc->job_of, n * sizeof(*fc->job_of));
		memset(fc->job_of + fc->njob_of, 0,
		    (n - fc->njob_of) * sizeof(*fc->job_of));
		fc->njob_of = n;
	}
	if (fc->job_of[id])
		return 0; /* the first open job names the client */
	fc->jobs = xrealloc(fc->jobs, (fc->njobs + 1) * sizeof(*fc->jobs));
	fc->jobs[fc->njobs].client = id;
	fc->jobs[fc->njobs].job = intern(&fc->names, job);
	fc->jobs[fc->njobs].source = source_id(fc, r->source);
	fc->jobs[fc->njobs].line =
	    r->line > 0 && r->line <= (long)UINT32_MAX ? (uint32_t)r->line : 0;
	fc->job_of[id] = (uint32_t)++fc->njobs;
	return 0;
}

static enum kind
kind_of_type(const char *type)
{
	if (type == NULL || strcmp(type, "forecast") == 0)
		return K_FORECAST;
	if (strcmp(type, "invoice") == 0)
		return K_INVOICE;
	if (strcmp(type, "job") == 0)
		return K_JOB;
	return K_OTHER;
}

/* The kind of the records of this file that carry no `type`. */
static enum kind
file_kind(struct fc *fc, const struct record *r)
{
	char buf[64];
	const char *type;

	if (fc->file_kind != K_UNKNOWN)
		return fc->file_kind;
	fc->kind_from_name = 0;
	type = fc->default_type;
	if (type == NULL) {
		type = record_type(r, NULL, buf, sizeof(buf));
		fc->kind_from_name = type != NULL;
	}
	fc->file_kind = kind_of_type(type);
	return fc->file_kind;
}

static const char *
kind_word(enum kind k)
{
	return k == K_INVOICE ? "invoice" : k == K_JOB ? "job" : "forecast";
}

int
forecast_add(struct fc *fc, const struct record *r, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *type = text_of(r, "type", buf);
	enum kind k;
	int rc, named = 0;

	if (type)
		k = kind_of_type(type);
	else {
		k = file_kind(fc, r);
		named = fc->kind_from_name;
	}
	if (k == K_OTHER)
		return bad(r, type ? "type" : NULL, err,
		    "a record of type "
		    "'%.*s%s' is not a forecast, an invoice or a job",
		    TEXT_CLIP(type ? type : "?"));
	rc = k == K_INVOICE ? add_invoice(fc, r, err) :
	    k == K_JOB	    ? add_job(fc, r, err) :
			      add_forecast(fc, r, err);
	if (rc != 0 && named) {
		size_t n = strlen(err->text);

		snprintf(err->text + n, sizeof(err->text) - n,
		    " (taken as "
		    "'%s' from the file name)",
		    kind_word(k));
	}
	return rc;
}

/* ---- the report ---------------------------------------------------- */

static uint32_t
line_group(const struct fc *fc, const struct line *l)
{
	return fc->o.by == FC_BY_JOB ? l->job :
	    fc->o.by == FC_BY_KIND   ? l->kind :
				       l->client;
}

static int
add_forecasts(struct fc *fc, struct ae_error *err)
{
	char label[16];
	struct cell *c;
	size_t i;

	/* Once: the cells keep the forecast sums for later reports. */
	if (fc->summed)
		return 0;
	fc->summed = 1;
	for (i = 0; i < fc->nlines; i++) {
		const struct line *l = &fc->lines[i];

		c = cell_at(&fc->cells,
		    cell_key(line_group(fc, l), l->cur, l->month));
		if (money_add(c->forecast, l->counted, &c->forecast, err) !=
		    0) {
			forecast_period_label(l->month, 0, label,
			    sizeof(label));
			ae_error_set(err, AE_EDATA,
			    "the sum forecast for %s "
			    "overflows",
			    label);
			ae_error_at(err, SOURCE(fc, l->source), l->line, 0);
			return -1;
		}
		c->has_forecast = 1;
		if (l->month < fc->forecast_min)
			fc->forecast_min = l->month;
		if (l->month > fc->forecast_max)
			fc->forecast_max = l->month;
	}
	return 0;
}

static const struct fc *sort_fc; /* qsort has no context argument */

static int
cmp_cells(const void *a, const void *b)
{
	const struct cell *x = *(const struct cell *const *)a;
	const struct cell *y = *(const struct cell *const *)b;
	int c;

	if ((x->key >> 32) != (y->key >> 32) &&
	    (c = strcmp(name_of(&sort_fc->names, (uint32_t)(x->key >> 32)),
		 name_of(&sort_fc->names, (uint32_t)(y->key >> 32)))) != 0)
		return c;
	if (((x->key >> 24) & 0xFF) != ((y->key >> 24) & 0xFF) &&
	    (c = strcmp(sort_fc->cur[(x->key >> 24) & 0xFF].code,
		 sort_fc->cur[(y->key >> 24) & 0xFF].code)) != 0)
		return c;
	return x->key < y->key ? -1 : x->key > y->key;
}

static int
period_of(int month, int quarterly)
{
	return quarterly ? month / 12 * 4 + month % 12 / 3 : month;
}

static void
range_of(const struct fc *fc, int *from, int *to)
{
	*from = fc->o.from;
	*to = fc->o.to;
	if (*from == FC_NO_MONTH)
		*from = fc->forecast_min != INT_MAX ? fc->forecast_min :
						      fc->inv_min;
	if (*to == FC_NO_MONTH)
		*to = fc->forecast_max != INT_MIN ? fc->forecast_max :
						    fc->inv_max;
}

static int
cell_add(struct forecast_cell *to, const struct cell *c, struct ae_error *err)
{
	if (money_add(to->forecast, c->forecast, &to->forecast, err) != 0 ||
	    money_add(to->actual, c->actual, &to->actual, err) != 0)
		return -1;
	return 0;
}

static int
finish_cells(struct forecast_row *row, int n, struct ae_error *err)
{
	int i;

	for (i = 0; i <= n; i++)
		if (money_sub(row->cells[i].actual, row->cells[i].forecast,
			&row->cells[i].variance, err) != 0)
			return -1;
	return 0;
}

static struct forecast_row *
new_row(struct forecast_row **rows, size_t *n, const char *group,
    const struct currency *cur, int nperiods)
{
	struct forecast_row *r;

	*rows = xrealloc(*rows, (*n + 1) * sizeof(**rows));
	r = &(*rows)[(*n)++];
	r->group = group;
	r->currency = cur->code;
	r->digits = cur->digits;
	r->cells = xcalloc((size_t)nperiods + 1, sizeof(*r->cells));
	return r;
}

static struct forecast_row *
total_row(struct forecast_report *rep, const struct currency *cur)
{
	size_t i;

	for (i = 0; i < rep->ntotals; i++)
		if (strcmp(rep->totals[i].currency, cur->code) == 0)
			return &rep->totals[i];
	return NULL;
}

static int
cmp_totals(const void *a, const void *b)
{
	return strcmp(((const struct forecast_row *)a)->currency,
	    ((const struct forecast_row *)b)->currency);
}

/* Sums cell C into its row, its period and the totals of its currency. */
static int
place_cell(struct fc *fc, struct forecast_report *rep, const struct cell *c,
    uint64_t *last, struct ae_error *err)
{
	const struct currency *cur = &fc->cur[(c->key >> 24) & 0xFF];
	int p =
	    period_of((int)(c->key & 0xFFFFFF), rep->quarterly) - rep->first;
	struct forecast_row *row, *t;

	if (*last != c->key >> 24)
		new_row(&rep->rows, &rep->nrows,
		    name_of(&fc->names, (uint32_t)(c->key >> 32)), cur,
		    rep->nperiods);
	*last = c->key >> 24;
	row = &rep->rows[rep->nrows - 1];
	if ((t = total_row(rep, cur)) == NULL)
		t = new_row(&rep->totals, &rep->ntotals, "", cur,
		    rep->nperiods);
	if (cell_add(&row->cells[p], c, err) != 0 ||
	    cell_add(&row->cells[rep->nperiods], c, err) != 0 ||
	    cell_add(&t->cells[p], c, err) != 0 ||
	    cell_add(&t->cells[rep->nperiods], c, err) != 0) {
		ae_error_set(err, AE_EDATA,
		    "the sums for '%s' in %s "
		    "overflow",
		    row->group, cur->code);
		return -1;
	}
	return 0;
}

/* The longest report: a hundred years of months. */
#define FC_MAX_MONTHS 1200

int
forecast_report(struct fc *fc, struct forecast_report *rep, int quarterly,
    struct ae_error *err)
{
	const struct cell **v;
	uint64_t last = UINT64_MAX;
	int from, to, month;
	size_t i, n = 0;

	memset(rep, 0, sizeof(*rep));
	rep->opts = &fc->o;
	rep->quarterly = quarterly;
	if (add_forecasts(fc, err) != 0)
		return -1;
	range_of(fc, &from, &to);
	if (from == INT_MAX || to == INT_MIN || from > to)
		return 0;
	/* A mistyped year (4054) would make a report of 24,000 months. */
	if (to - from >= FC_MAX_MONTHS)
		return ae_error_set(err, AE_EDATA,
		    "the report would run from "
		    "%04d-%02d to %04d-%02d, more than %d years: give --from "
		    "and --to",
		    from / 12, from % 12 + 1, to / 12, to % 12 + 1,
		    FC_MAX_MONTHS / 12);
	rep->first = period_of(from, quarterly);
	rep->nperiods = period_of(to, quarterly) - rep->first + 1;
	v = xcalloc(fc->cells.n + 1, sizeof(*v));
	for (i = 0; i <= fc->cells.mask; i++) {
		month = (int)(fc->cells.v[i].key & 0xFFFFFF);
		if (fc->cells.v[i].key && month >= from && month <= to)
			v[n++] = &fc->cells.v[i];
	}
	sort_fc = fc;
	qsort(v, n, sizeof(*v), cmp_cells);
	for (i = 0; i < n; i++)
		if (place_cell(fc, rep, v[i], &last, err) != 0) {
			free(v);
			forecast_report_release(rep);
			return -1;
		}
	free(v);
	if (rep->ntotals > 1)
		qsort(rep->totals, rep->ntotals, sizeof(*rep->totals),
		    cmp_totals);
	for (i = 0; i < rep->nrows; i++)
		if (finish_cells(&rep->rows[i], rep->nperiods, err) != 0)
			goto overflow;
	for (i = 0; i < rep->ntotals; i++)
		if (finish_cells(&rep->totals[i], rep->nperiods, err) != 0)
			goto overflow;
	return 0;
overflow:
	forecast_report_release(rep);
	return -1;
}

void
forecast_report_release(struct forecast_report *rep)
{
	size_t i;

	for (i = 0; i < rep->nrows; i++)
		free(rep->rows[i].cells);
	for (i = 0; i < rep->ntotals; i++)
		free(rep->totals[i].cells);
	free(rep->rows);
	free(rep->totals);
	rep->rows = rep->totals = NULL;
	rep->nrows = rep->ntotals = 0;
}

__extension__ typedef __int128 i128;

int
forecast_variance_pct10(const struct forecast_cell *c, int64_t *pct10)
{
	i128 num, q, r;
	i128 den = c->forecast;

	if (c->forecast == 0)
		return -1;
	num = (i128)c->variance * 1000;
	q = num / den;
	r = num % den;
	/* Half away from zero: |2r| ≥ |den| moves q away from zero. */
	if ((r < 0 ? -r : r) * 2 >= (den < 0 ? -den : den))
		q += (num < 0) != (den < 0) ? -1 : 1;
	if (q > INT64_MAX || q < -INT64_MAX)
		return -1;
	*pct10 = (int64_t)q;
	return 0;
}

void
forecast_format_pct10(int64_t pct10, char *buf, size_t size)
{
	uint64_t mag =
	    pct10 < 0 ? (uint64_t) - (pct10 + 1) + 1 : (uint64_t)pct10;

	snprintf(buf, size, "%s%llu.%llu%%", pct10 < 0 ? "-" : "",
	    (unsigned long long)(mag / 10), (unsigned long long)(mag % 10));
}

/* ---- --check ------------------------------------------------------- */

/* Findings held to be reported in the order of the records named. */
struct pending {
	uint32_t source;
	uint32_t line;
	const char *rule;
	char *detail;
};

struct pendings {
	struct pending *v;
	size_t n;
};

static void found(struct pendings *f, uint32_t source, uint32_t line,
    const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
found(struct pendings *f, uint32_t source, uint32_t line, const char *rule,
    const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	f->v = xrealloc(f->v, (f->n + 1) * sizeof(*f->v));
	f->v[f->n].source = source;
	f->v[f->n].line = line;
	f->v[f->n].rule = rule;
	f->v[f->n].detail = strbuf_detach(&sb, NULL);
	f->n++;
}

static int
cmp_findings(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

/* Client-month sets: what was forecast, what was invoiced. */
static void
client_months(struct fc *fc, struct cells *forecast, struct cells *invoiced)
{
	size_t i;

	cells_init(forecast);
	cells_init(invoiced);
	for (i = 0; i < fc->nlines; i++)
		cell_at(forecast,
		    cell_key(fc->lines[i].client, 0, fc->lines[i].month))
		    ->has_forecast = 1;
	/* Invoices were summed by client: --check groups by client. */
	for (i = 0; i <= fc->cells.mask; i++)
		if (fc->cells.v[i].key && fc->cells.v[i].ninvoices)
			cell_at(invoiced,
			    cell_key((uint32_t)(fc->cells.v[i].key >> 32), 0,
				(int)(fc->cells.v[i].key & 0xFFFFFF)))
			    ->ninvoices = 1;
}

static void
check_missing(struct fc *fc, const struct cells *forecast, int now,
    struct pendings *f)
{
	char label[16];
	size_t i;
	int k;

	for (i = 0; i < fc->njobs; i++) {
		const struct job *j = &fc->jobs[i];

		for (k = 1; k <= 3; k++) {
			if (cell_find(forecast,
				cell_key(j->client, 0, now + k)))
				continue;
			forecast_period_label(now + k, 0, label, sizeof(label));
			found(f, j->source, j->line, "missing-forecast",
			    _("client '%s' has open job '%s' but no forecast "
			      "for %s"),
			    name_of(&fc->names, j->client),
			    name_of(&fc->names, j->job), label);
		}
	}
}

static void
check_stale(struct fc *fc, const struct cells *invoiced, int now,
    struct pendings *f)
{
	char label[16], amount[MONEY_BUFSIZE];
	size_t i;

	for (i = 0; i < fc->nlines; i++) {
		const struct line *l = &fc->lines[i];

		if (l->month >= now || l->amount == 0 ||
		    l->revised != NOT_REVISED ||
		    (fc->o.from != FC_NO_MONTH && l->month < fc->o.from) ||
		    (fc->o.to != FC_NO_MONTH && l->month > fc->o.to) ||
		    cell_find(invoiced, cell_key(l->client, 0, l->month)))
			continue;
		forecast_period_label(l->month, 0, label, sizeof(label));
		money_format(l->amount, fc->cur[l->cur].digits, 1, amount,
		    sizeof(amount));
		found(f, l->source, l->line, "stale-forecast",
		    _("client '%s': %s %s forecast for %s, nothing invoiced "
		      "and never revised"),
		    name_of(&fc->names, l->client), amount,
		    fc->cur[l->cur].code, label);
	}
}

void
forecast_check(struct fc *fc, struct finding_sink *fs)
{
	struct cells forecast, invoiced;
	struct pendings f = { NULL, 0 };
	int y, m, d;
	size_t i;

	date_to_ymd(fc->o.as_of, &y, &m, &d);
	client_months(fc, &forecast, &invoiced);
	check_missing(fc, &forecast, FC_MONTH(y, m), &f);
	check_stale(fc, &invoiced, FC_MONTH(y, m), &f);
	if (f.n > 1)
		qsort(f.v, f.n, sizeof(*f.v), cmp_findings);
	for (i = 0; i < f.n; i++) {
		finding_at(fs, SOURCE(fc, f.v[i].source), (long)f.v[i].line,
		    f.v[i].rule, "%s", f.v[i].detail);
		free(f.v[i].detail);
	}
	free(f.v);
	free(forecast.v);
	free(invoiced.v);
}

/* ---- writers ------------------------------------------------------- */

struct cell_text {
	char period[16];
	char forecast[MONEY_BUFSIZE], actual[MONEY_BUFSIZE];
	char variance[MONEY_BUFSIZE];
};

/* The rows of csv and JSON Lines: one per group, currency and period. */
static struct table *
records_table(const struct forecast_report *rep)
{
	struct table *t = table_new();
	char period[16];
	size_t i;
	int p;

	table_column(t, forecast_by_name(rep->opts->by), TABLE_LEFT);
	table_column(t, "currency", TABLE_LEFT);
	table_column(t, rep->quarterly ? "quarter" : "month", TABLE_LEFT);
	table_column(t, "forecast", TABLE_RIGHT);
	table_column(t, "actual", TABLE_RIGHT);
	table_column(t, "variance", TABLE_RIGHT);
	for (i = 0; i < rep->nrows; i++) {
		const struct forecast_row *r = &rep->rows[i];

		for (p = 0; p < rep->nperiods; p++) {
			const struct forecast_cell *x = &r->cells[p];

			forecast_period_label(rep->first + p, rep->quarterly,
			    period, sizeof(period));
			table_row(t);
			table_cell(t, r->group);
			table_cell(t, r->currency);
			table_cell(t, period);
			table_cell_money(t, x->forecast, r->digits);
			table_cell_money(t, x->actual, r->digits);
			table_cell_money(t, x->variance, r->digits);
		}
	}
	return t;
}

void
forecast_write_records(const struct forecast_report *rep,
    enum table_format format, int flags, FILE *out)
{
	struct table *t = records_table(rep);

	table_write(t, format, flags, out);
	table_free(t);
}

const char *
forecast_group_heading(enum forecast_by by)
{
	switch (by) {
	case FC_BY_KIND:
		return _("Kind");
	case FC_BY_JOB:
		return _("Job");
	default:
		return _("Client");
	}
}

const char *
forecast_title(const struct forecast_report *rep, char *buf, size_t size)
{
	char day[DATE_BUFSIZE];
	size_t n;

	date_format(rep->opts->as_of, day);
	snprintf(buf, size,
	    rep->quarterly ? _("Quarterly billing forecast "
			       "as of %s") :
			     _("Billing forecast as of %s"),
	    day);
	n = strlen(buf);
	if (rep->opts->weighted)
		snprintf(buf + n, size - n, "%s",
		    _(", weighted by "
		      "probability"));
	return buf;
}

static void
text_amount(struct table *t, int64_t v, int digits)
{
	char buf[MONEY_BUFSIZE];

	money_format(v, digits, 1, buf, sizeof(buf));
	table_cell(t, buf);
}

static void
text_pct(struct table *t, const struct forecast_cell *c)
{
	char buf[32];
	int64_t pct10;

	if (forecast_variance_pct10(c, &pct10) != 0) {
		table_cell(t, "—");
		return;
	}
	forecast_format_pct10(pct10, buf, sizeof(buf));
	table_cell(t, buf);
}

/* The four lines of one row: forecast, invoiced, variance, variance %. */
static void
text_row(struct table *t, const struct forecast_report *rep,
    const struct forecast_row *r, const char *group)
{
	static const char *const figures[] = { N_("Forecast"), N_("Invoiced"),
		N_("Variance"), N_("Variance %") };
	int f, p;

	for (f = 0; f < 4; f++) {
		table_row(t);
		table_cell(t, f == 0 ? group : "");
		table_cell(t, f == 0 ? r->currency : "");
		table_cell(t, _(figures[f]));
		for (p = 0; p <= rep->nperiods; p++) {
			const struct forecast_cell *c = &r->cells[p];

			if (f == 3)
				text_pct(t, c);
			else
				text_amount(t,
				    f == 0     ? c->forecast :
					f == 1 ? c->actual :
						 c->variance,
				    r->digits);
		}
	}
}

void
forecast_write_text(const struct forecast_report *rep, FILE *out)
{
	struct table *t = table_new();
	char label[256];
	size_t i;
	int p;

	fprintf(out, "%s\n\n", forecast_title(rep, label, sizeof(label)));
	table_column(t, forecast_group_heading(rep->opts->by), TABLE_LEFT);
	table_column(t, _("Currency"), TABLE_LEFT);
	table_column(t, "", TABLE_LEFT);
	for (p = 0; p < rep->nperiods; p++) {
		forecast_period_label(rep->first + p, rep->quarterly, label,
		    sizeof(label));
		table_column(t, label, TABLE_RIGHT);
	}
	table_column(t, _("Total"), TABLE_RIGHT);
	for (i = 0; i < rep->nrows; i++)
		text_row(t, rep, &rep->rows[i],
		    *rep->rows[i].group ? rep->rows[i].group : _("(none)"));
	if (rep->ntotals > 0 && rep->nrows > 1)
		table_rule(t);
	for (i = 0; i < rep->ntotals && rep->nrows > 1; i++)
		text_row(t, rep, &rep->totals[i], _("Total"));
	if (rep->nrows == 0)
		fprintf(out, "%s\n",
		    _("No forecasts or invoices in the "
		      "range."));
	else
		table_print(t, out);
	table_free(t);
}
