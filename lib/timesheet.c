/*
 * Timesheets: hours by group, utilization, cost, missing days.
 *
 * Everything hangs off one kind of map, keytab's ids to entries, whose
 * keys are kept in an arena of large chunks.  A group's key is its grouping fields
 * joined by \x1f, which sorts field by field in byte order.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "field.h"
#include "keytab.h"
#include "money.h"
#include "reftable.h"
#include "strbuf.h"
#include "schema.h"
#include "timesheet.h"

#define SEP '\x1f'
#define HOURS_MAX 2400 /* hundredths: 24 hours a record */
#define LINE_MAX_BYTES (64L * 1024 * 1024)

/* ---- arena and hash table ------------------------------------------ */

struct chunk {
	struct chunk *next;
	char data[];
};

struct arena {
	struct chunk *head;
	char *p;
	size_t left;
};

static char *
arena_copy(struct arena *a, const char *s, size_t n)
{
	char *d;

	if (n + 1 > a->left) {
		size_t size = n + 1 > 65536 ? n + 1 : 65536;
		struct chunk *c = xmalloc(sizeof(*c) + size);
		c->next = a->head;
		a->head = c;
		a->p = c->data;
		a->left = size;
	}
	d = a->p;
	memcpy(d, s, n);
	d[n] = '\0';
	a->p += n + 1;
	a->left -= n + 1;
	return d;
}

static void
arena_release(struct arena *a)
{
	struct chunk *c, *next;

	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->left = 0;
}

struct entry {
	const char *key; /* in the arena, for as long as the map */
	size_t klen;
	int32_t day; /* first day of a group; day of a day */
	int64_t hours;
	int64_t client_hours;
	int64_t cost; /* Σ hundredths × rate */
	int64_t rate;
	const char *val;
	/* Cells: the group key's length and the person's after it. */
	size_t glen, plen;
	/* Cells and people: the first record of the cell or person. */
	const char *src;
	long line;
	/* People: their staff record's days, hours a day and rate. */
	int32_t start, end;
	int64_t want;
	int staffed, has_rate;
};

/*
 * Entries by key: keytab gives each key a dense id, the entry of id I is
 * V[I], so entries move only when V grows (hold none across map_get).
 */
struct map {
	struct keytab *ids; /* NULL until the first key */
	struct entry *v;
	size_t cap, n;
};

static struct entry *
map_find(const struct map *m, const char *key, size_t n)
{
	uint32_t id = m->ids ? keytab_find(m->ids, key, n) : KEYTAB_NONE;

	return id == KEYTAB_NONE ? NULL : &m->v[id];
}

/* The entry of KEY, added (zeroed) when new; *ADDED says which. */
static struct entry *
map_get(struct map *m, struct arena *a, const char *key, size_t n, int *added)
{
	struct entry *e;
	uint32_t id;

	if (m->ids == NULL)
		m->ids = keytab_new();
	id = keytab_intern(m->ids, key, n, added);
	if (!*added)
		return &m->v[id];
	if (id >= m->cap)
		m->v = keytab_array_grow(m->v, &m->cap, (size_t)id + 1,
		    sizeof(*m->v));
	e = &m->v[id];
	memset(e, 0, sizeof(*e));
	e->key = arena_copy(a, key, n);
	e->klen = n;
	m->n++;
	return e;
}

static void
map_release(struct map *m)
{
	keytab_free(m->ids);
	keytab_array_free(m->v, m->cap, sizeof(*m->v));
	memset(m, 0, sizeof(*m));
}

/* The used entries, sorted by key. */
static int
cmp_entry(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int c = memcmp(x->key, y->key, n);

	if (c != 0)
		return c;
	return x->klen < y->klen ? -1 : x->klen > y->klen;
}

/* Cells by their group key first, so that a group's cells are adjacent. */
static int
cmp_cell(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;
	size_t n = x->glen < y->glen ? x->glen : y->glen;
	int c = memcmp(x->key, y->key, n);

	if (c != 0)
		return c;
	if (x->glen != y->glen)
		return x->glen < y->glen ? -1 : 1;
	return cmp_entry(a, b);
}

static struct entry **
map_sorted_by(const struct map *m, int (*cmp)(const void *, const void *))
{
	struct entry **v = xcalloc(m->n + 1, sizeof(*v));
	size_t i, k = 0;

	for (i = 0; i < m->n; i++)
		v[k++] = &m->v[i];
	qsort(v, k, sizeof(*v), cmp);
	return v;
}

static struct entry **
map_sorted(const struct map *m)
{
	return map_sorted_by(m, cmp_entry);
}

/* ---- small parsers -------------------------------------------------- */

static const char *const dim_names[] = { "person", "job", "client", "week",
	"month" };

const char *
timesheet_dim_name(enum timesheet_dim dim)
{
	return dim_names[dim];
}

int
timesheet_dim_parse(const char *name, size_t len)
{
	int i;

	for (i = 0; i < TS_MAXDIM; i++)
		if (strlen(dim_names[i]) == len &&
		    memcmp(dim_names[i], name, len) == 0)
			return i;
	return -1;
}

int
timesheet_by_parse(const char *s, enum timesheet_dim *by, struct ae_error *err)
{
	int n = 0, d, i;
	size_t len;

	for (;;) {
		len = strcspn(s, ",");
		if ((d = timesheet_dim_parse(s, len)) < 0)
			return ae_error_set(err, AE_EUSAGE,
			    "unknown grouping "
			    "'%.*s' (person, job, client, week, month)",
			    (int)len, s);
		for (i = 0; i < n; i++)
			if ((int)by[i] == d)
				return ae_error_set(err, AE_EUSAGE,
				    "grouping '%.*s' given twice", (int)len, s);
		by[n++] = d;
		if (s[len] == '\0')
			return n;
		s += len + 1;
	}
}

/* Whether S (LEN bytes) is digits with at most one decimal point. */
static int
plain_number(const char *s, size_t len)
{
	size_t i, digits = 0, points = 0;

	for (i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '.' && points++ == 0)
			continue;
		else
			return 0;
	return digits > 0;
}

int
timesheet_hours_parse(const char *s, size_t len, int64_t *out,
    struct ae_error *err)
{
	int64_t v = 0;
	size_t i = 0, intd = 0, frac = 0;

	while (i < len && s[i] >= '0' && s[i] <= '9') {
		if (v <= HOURS_MAX)
			v = v * 10 + (s[i] - '0');
		i++;
		intd++;
	}
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9' && frac < 3) {
			if (frac < 2 && v <= HOURS_MAX)
				v = v * 10 + (s[i] - '0');
			i++;
			frac++;
		}
		if (frac == 0)
			goto bad;
	}
	if (i != len || intd + frac == 0)
		goto bad;
	if (frac > 2)
		return ae_error_set(err, AE_EDATA,
		    "'%.*s' has more than two "
		    "decimals",
		    (int)(len > 64 ? 64 : len), s);
	for (; frac < 2; frac++)
		v *= 10;
	if (v > HOURS_MAX)
		return ae_error_set(err, AE_EDATA, "'%.*s' is outside 0 to 24",
		    (int)(len > 64 ? 64 : len), s);
	*out = v;
	return 0;
bad:
	/* The schema's words: a negative number is out of range. */
	if (len > 1 && s[0] == '-' && plain_number(s + 1, len - 1))
		return ae_error_set(err, AE_EDATA, "'%.*s' is outside 0 to 24",
		    (int)(len > 64 ? 64 : len), s);
	return ae_error_set(err, AE_EDATA, "'%.*s' is not a number",
	    (int)(len > 64 ? 64 : len), s);
}

void
timesheet_hours_format(int64_t h, char *buf)
{
	const char *sign = h < 0 ? "-" : "";
	uint64_t u = h < 0 ? -(uint64_t)h : (uint64_t)h;

	snprintf(buf, 32, "%s%llu.%02llu", sign, (unsigned long long)(u / 100),
	    (unsigned long long)(u % 100));
}

void
timesheet_iso_week(int32_t day, int *year, int *week)
{
	int wd = date_weekday(day), y, m, d;
	int32_t thursday = day - wd + 4, jan1;

	/* The week belongs to the year its Thursday is in. */
	date_to_ymd(thursday, &y, &m, &d);
	jan1 = date_from_ymd(y, 1, 1);
	*year = y;
	*week = (thursday - jan1) / 7 + 1;
}

void
timesheet_percent(int64_t num, int64_t den, char *buf)
{
	int64_t t;

	if (den == 0) {
		buf[0] = '\0';
		return;
	}
	/* Tenths of a percent, half away from zero; hours are small. */
	t = (num * 2000 / den + (num >= 0 ? 1 : -1)) / 2;
	snprintf(buf, 32, "%s%lld.%lld", t < 0 ? "-" : "",
	    (long long)(t < 0 ? -t : t) / 10, (long long)(t < 0 ? -t : t) % 10);
}

/* ---- rates and jobs ------------------------------------------------- */

struct timesheet_rates {
	struct arena arena;
	struct map person, role;
	char currency[8];
	int digits;
};

static int
missing(const struct record *r, const char *name, struct ae_error *err)
{
	ae_error_set(err, AE_EDATA, "required field is missing");
	return field_error(r, name, err);
}

struct rates_load {
	struct timesheet_rates *rt;
	const char *def_currency;
};

/* One rate of a rate list, which the schema has checked as `staff`. */
static int
add_rate(const struct record *r, void *ctx, struct ae_error *err)
{
	struct rates_load *rl = ctx;
	struct timesheet_rates *rt = rl->rt;
	char buf[JSONTEXT_BUFSIZE], code[8];
	const char *who;
	struct map *m;
	struct entry *e;
	int64_t rate;
	int rc, added, digits;

	if (field_currency(r, rl->def_currency, code, &digits, err) < 0)
		return -1;
	if (rt->arena.head == NULL || rt->person.n + rt->role.n == 0) {
		snprintf(rt->currency, sizeof(rt->currency), "%s", code);
		rt->digits = digits;
	} else if (strcmp(code, rt->currency) != 0) {
		ae_error_set(err, AE_EDATA, "rate in %s, others in %s", code,
		    rt->currency);
		return field_error(r, "currency", err);
	}
	if ((rc = field_money(r, "rate", code, digits, &rate, err)) < 0)
		return -1;
	if (rc == 0)
		return missing(r, "rate", err);
	if ((who = record_value(r, "person", buf)) != NULL)
		m = &rt->person;
	else if ((who = record_value(r, "role", buf)) != NULL)
		m = &rt->role;
	else {
		ae_error_set(err, AE_EDATA,
		    "a rate needs a 'person' or a 'role'");
		ae_error_at(err, r->source, r->line, 0);
		return -1;
	}
	e = map_get(m, &rt->arena, who, strlen(who), &added);
	if (!added) {
		ae_error_set(err, AE_EDATA, "'%s' has two rates", who);
		return field_error(r, m == &rt->person ? "person" : "role",
		    err);
	}
	e->rate = rate;
	return 0;
}

struct timesheet_rates *
timesheet_rates_load(const char *path, const struct reader_options *opts,
    const char *def_currency, struct ae_error *err)
{
	struct timesheet_rates *rt = xcalloc(1, sizeof(*rt));
	struct rates_load rl = { rt, def_currency };

	snprintf(rt->currency, sizeof(rt->currency), "%s", def_currency);
	rt->digits = currency_digits(def_currency);
	if (reftable_load(path, opts, "staff", def_currency, add_rate, &rl,
		err) == 0)
		return rt;
	timesheet_rates_free(rt);
	return NULL;
}

void
timesheet_rates_free(struct timesheet_rates *rt)
{
	if (rt == NULL)
		return;
	map_release(&rt->person);
	map_release(&rt->role);
	arena_release(&rt->arena);
	free(rt);
}

int
timesheet_rates_find(const struct timesheet_rates *rt, const char *person,
    size_t plen, const char *role, size_t rlen, int64_t *rate)
{
	const struct entry *e = map_find(&rt->person, person, plen);

	if (e == NULL && role && rlen)
		e = map_find(&rt->role, role, rlen);
	if (e == NULL)
		return 0;
	*rate = e->rate;
	return 1;
}

const char *
timesheet_rates_currency(const struct timesheet_rates *rt)
{
	return rt->currency;
}

int
timesheet_rates_digits(const struct timesheet_rates *rt)
{
	return rt->digits;
}

struct timesheet_jobs {
	struct arena arena;
	struct map map;
};

/* One job of a job register, which the schema has checked as a `job`. */
static int
add_job(const struct record *r, void *ctx, struct ae_error *err)
{
	struct timesheet_jobs *jb = ctx;
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE];
	const char *job = record_value(r, "job", b1);
	const char *client = record_value(r, "client", b2);
	struct entry *e;
	int added;

	e = map_get(&jb->map, &jb->arena, job, strlen(job), &added);
	if (!added) {
		ae_error_set(err, AE_EDATA, "job '%s' is listed twice", job);
		return field_error(r, "job", err);
	}
	e->val = arena_copy(&jb->arena, client, strlen(client));
	return 0;
}

struct timesheet_jobs *
timesheet_jobs_load(const char *path, const struct reader_options *opts,
    struct ae_error *err)
{
	struct timesheet_jobs *jb = xcalloc(1, sizeof(*jb));

	if (reftable_load(path, opts, "job", NULL, add_job, jb, err) == 0)
		return jb;
	timesheet_jobs_free(jb);
	return NULL;
}

void
timesheet_jobs_free(struct timesheet_jobs *jb)
{
	if (jb == NULL)
		return;
	map_release(&jb->map);
	arena_release(&jb->arena);
	free(jb);
}

const char *
timesheet_jobs_client(const struct timesheet_jobs *jb, const char *job,
    size_t len)
{
	const struct entry *e;

	if (jb == NULL)
		return NULL;
	e = map_find(&jb->map, job, len);
	return e ? e->val : NULL;
}

/* ---- the timesheet -------------------------------------------------- */

struct span {
	const char *p;
	size_t n;
};

/* A time record as the schema read it: its day, hundredths of hours. */
struct row {
	int32_t day;
	int64_t hours;
	struct span person, job, client, role;
	const char *source;
	long line;
};

/* The fields read of the records, as the schema has them. */
enum time_field {
	T_DATE,
	T_PERSON,
	T_JOB,
	T_HOURS,
	NTIME
};
enum staff_field {
	S_PERSON,
	S_START,
	S_END,
	S_HOURS,
	S_RATE,
	NSTAFF
};
enum leave_field {
	L_PERSON,
	L_FROM,
	L_TO,
	NLEAVE
};

static const char *const time_fields[NTIME] = { "date", "person", "job",
	"hours" };
static const char *const staff_fields[NSTAFF] = { "person", "start", "end",
	"hours", "rate" };
static const char *const leave_fields[NLEAVE] = { "person", "from", "to" };

/* A leave: PERSON is away from FROM to TO. */
struct leave {
	const char *person;
	size_t plen;
	int32_t from, to;
};

struct timesheet {
	struct timesheet_options o;
	struct arena arena;
	struct map groups, days, persons;
	struct strbuf key;
	long count;
	int32_t first_day;
	int need_client;
	struct timesheet_group *out;
	char **outkeys;
	size_t nout;
	struct timesheet_gap *gaps;
	size_t ngaps;
	/* --holidays and the stream's holiday records; given says either. */
	struct workcal *cal;
	int cal_given;
	struct leave *leaves;
	size_t nleaves, capleaves;
	/* Staff rates: whether any, and their currency. */
	int staff_rates;
	char staff_cur[8];
	int staff_digits;
	/* The last source file named, copied once; its records' kind. */
	const char *last_src;
	const char *type_src;
	int type_kind;
	/* The schema reads the records; the fields' indexes in its values.
	   A time record's client and role are the tool's own. */
	struct schema_decoder *decoder;
	int time_ix[NTIME], staff_ix[NSTAFF], leave_ix[NLEAVE];
	struct field_key client, role;
	char client_buf[JSONTEXT_BUFSIZE], role_buf[JSONTEXT_BUFSIZE];
};

struct timesheet *
timesheet_new(const struct timesheet_options *opts)
{
	struct timesheet *ts = xcalloc(1, sizeof(*ts));
	int i;

	ts->o = *opts;
	ts->decoder =
	    schema_decoder_new(ts->o.currency ? ts->o.currency : "CNY");
	for (i = 0; i < NTIME; i++)
		ts->time_ix[i] = schema_field_index("time", time_fields[i]);
	for (i = 0; i < NSTAFF; i++)
		ts->staff_ix[i] = schema_field_index("staff", staff_fields[i]);
	for (i = 0; i < NLEAVE; i++)
		ts->leave_ix[i] = schema_field_index("leave", leave_fields[i]);
	ts->client = (struct field_key)FIELD_KEY("client");
	ts->role = (struct field_key)FIELD_KEY("role");
	strbuf_init(&ts->key, 256);
	for (i = 0; i < ts->o.nby; i++)
		if (ts->o.by[i] == TS_CLIENT)
			ts->need_client = 1;
	if (ts->o.utilization)
		ts->need_client = 1;
	ts->first_day = INT32_MAX;
	ts->cal = workcal_new();
	/* Checked when --holidays was loaded: its days are distinct. */
	workcal_copy(ts->cal, ts->o.cal);
	ts->cal_given = ts->o.cal != NULL;
	return ts;
}

void
timesheet_free(struct timesheet *ts)
{
	size_t i;

	if (ts == NULL)
		return;
	map_release(&ts->groups);
	map_release(&ts->days);
	map_release(&ts->persons);
	arena_release(&ts->arena);
	strbuf_release(&ts->key);
	schema_decoder_free(ts->decoder);
	for (i = 0; i < ts->nout; i++)
		free(ts->outkeys[i]);
	free(ts->outkeys);
	free(ts->out);
	free(ts->gaps);
	free(ts->leaves);
	workcal_free(ts->cal);
	free(ts);
}

long
timesheet_count(const struct timesheet *ts)
{
	return ts->count;
}

int32_t
timesheet_first_day(const struct timesheet *ts)
{
	return ts->first_day;
}

static int
row_error(const struct row *rw, const char *field, struct ae_error *err)
{
	ae_error_field(err, field);
	ae_error_at(err, rw->source, rw->line, 0);
	return -1;
}

static int
is_internal(const struct timesheet *ts, const char *client)
{
	const char *const *p;

	for (p = ts->o.internal; p && *p; p++)
		if (strcmp(*p, client) == 0)
			return 1;
	return 0;
}

/* The calendar in force: given days, else the shipped calendar. */
static const struct workcal *
calendar(const struct timesheet *ts)
{
	return ts->cal_given ? ts->cal : ts->o.default_cal;
}

/* SOURCE copied into the arena, once for a run of records of one file. */
static const char *
source_copy(struct timesheet *ts, const char *source)
{
	if (ts->last_src == NULL || strcmp(ts->last_src, source) != 0)
		ts->last_src = arena_copy(&ts->arena, source, strlen(source));
	return ts->last_src;
}

/* The entry of PERSON in the people seen, with the place first seen. */
static struct entry *
person_get(struct timesheet *ts, const char *p, size_t n, const char *source,
    long line)
{
	int added;
	struct entry *e = map_get(&ts->persons, &ts->arena, p, n, &added);

	if (added) {
		e->src = source_copy(ts, source);
		e->line = line;
	}
	return e;
}

static int
add_row(struct timesheet *ts, const struct row *rw, struct ae_error *err)
{
	int32_t day = rw->day;
	int64_t hours = rw->hours;
	const char *client = NULL;
	size_t clen = 0;
	struct strbuf *k = &ts->key;
	struct entry *e;
	char tmp[16];
	size_t glen;
	int i, added, y, m, d, client_job = 0;

	if (ts->o.days)
		person_get(ts, rw->person.p, rw->person.n, rw->source,
		    rw->line);
	if (ts->o.period && (day < ts->o.from || day > ts->o.to))
		return 0;
	if (ts->o.job &&
	    (strlen(ts->o.job) != rw->job.n ||
		memcmp(ts->o.job, rw->job.p, rw->job.n) != 0))
		return 0;
	ts->count++;
	if (day < ts->first_day)
		ts->first_day = day;
	if (ts->need_client) {
		client =
		    timesheet_jobs_client(ts->o.jobs, rw->job.p, rw->job.n);
		if (client != NULL) {
			clen = strlen(client);
		} else if (rw->client.n > 0) {
			client = rw->client.p;
			clen = rw->client.n;
		} else {
			ae_error_set(err, AE_EDATA,
			    "no client for job '%.*s' "
			    "in the job register or the record",
			    (int)(rw->job.n > 128 ? 128 : rw->job.n),
			    rw->job.p);
			return row_error(rw, "job", err);
		}
		if (ts->o.internal == NULL) {
			client_job = 1;
		} else {
			char cbuf[256];
			if (clen < sizeof(cbuf)) {
				memcpy(cbuf, client, clen);
				cbuf[clen] = '\0';
				client_job = !is_internal(ts, cbuf);
			} else {
				client_job = 1;
			}
		}
	}
	strbuf_reset(k);
	for (i = 0; i < ts->o.nby; i++) {
		if (i > 0)
			strbuf_addch(k, SEP);
		switch (ts->o.by[i]) {
		case TS_PERSON:
			strbuf_add(k, rw->person.p, rw->person.n);
			break;
		case TS_JOB:
			strbuf_add(k, rw->job.p, rw->job.n);
			break;
		case TS_CLIENT:
			strbuf_add(k, client, clen);
			break;
		case TS_WEEK:
			timesheet_iso_week(day, &y, &m);
			snprintf(tmp, sizeof(tmp), "%04d-W%02d", y, m);
			strbuf_addstr(k, tmp);
			break;
		case TS_MONTH:
			date_to_ymd(day, &y, &m, &d);
			snprintf(tmp, sizeof(tmp), "%04d-%02d", y, m);
			strbuf_addstr(k, tmp);
			break;
		}
	}
	/*
	 * A group is summed in cells of one person and role, so that costs
	 * can be reckoned at the end with the rates of staff records read
	 * after the hours.
	 */
	glen = k->len;
	strbuf_addch(k, '\x1e');
	strbuf_add(k, rw->person.p, rw->person.n);
	strbuf_addch(k, '\x1e');
	strbuf_add(k, rw->role.p, rw->role.n);
	e = map_get(&ts->groups, &ts->arena, k->buf, k->len, &added);
	if (added) {
		e->day = day;
		e->glen = glen;
		e->plen = rw->person.n;
		e->src = source_copy(ts, rw->source);
		e->line = rw->line;
	}
	e->hours += hours;
	if (client_job)
		e->client_hours += hours;
	if (ts->o.days) {
		strbuf_reset(k);
		strbuf_add(k, rw->person.p, rw->person.n);
		strbuf_addch(k, SEP);
		strbuf_add(k, &day, sizeof(day));
		e = map_get(&ts->days, &ts->arena, k->buf, k->len, &added);
		e->day = day;
		e->hours += hours;
	}
	return 0;
}

/* Text S (NULL: none) as a span. */
static struct span
span_of(const char *s)
{
	struct span sp = { s ? s : "", s ? strlen(s) : 0 };

	return sp;
}

/* Hours D, which the schema holds to 0–24 and two decimals, in hundredths. */
static int64_t
hundredths(struct decimal d)
{
	int64_t v = d.coef;
	int scale;

	for (scale = d.scale; scale < 2; scale++)
		v *= 10;
	return v;
}

static int
add_time(struct timesheet *ts, const struct record *r, struct ae_error *err)
{
	const struct schema_values *v =
	    schema_decode(ts->decoder, r, "time", err);
	struct row rw;

	if (v == NULL)
		return -1;
	rw.day = v->v[ts->time_ix[T_DATE]].day;
	rw.hours = hundredths(v->v[ts->time_ix[T_HOURS]].number);
	rw.person = span_of(v->v[ts->time_ix[T_PERSON]].text);
	rw.job = span_of(v->v[ts->time_ix[T_JOB]].text);
	rw.client = span_of(field_key_value(&ts->client, r, ts->client_buf));
	rw.role = span_of(field_key_value(&ts->role, r, ts->role_buf));
	rw.source = r->source;
	rw.line = r->line;
	return add_row(ts, &rw, err);
}

/* A staff record's rate, in one currency with the other staff rates. */
static int
staff_rate(struct timesheet *ts, const struct record *r,
    const struct schema_values *v, struct entry *e, struct ae_error *err)
{
	const struct schema_value *rate = &v->v[ts->staff_ix[S_RATE]];
	const char *code = v->currency;
	const char *want = ts->staff_rates ? ts->staff_cur :
	    ts->o.rates ? timesheet_rates_currency(ts->o.rates) :
			  NULL;

	if (rate->text == NULL)
		return 0;
	e->rate = rate->money;
	if (want != NULL && strcmp(code, want) != 0) {
		ae_error_set(err, AE_EDATA, "rate in %s, other rates in %s",
		    code, want);
		return field_error(r, "currency", err);
	}
	snprintf(ts->staff_cur, sizeof(ts->staff_cur), "%s", code);
	ts->staff_digits = v->digits;
	ts->staff_rates = 1;
	e->has_rate = 1;
	return 1;
}

static int
add_staff(struct timesheet *ts, const struct record *r, struct ae_error *err)
{
	const struct schema_values *v =
	    schema_decode(ts->decoder, r, "staff", err);
	const struct schema_value *f;
	const char *person;
	struct entry *e, tmp;
	int rc;

	if (v == NULL)
		return -1;
	f = v->v;
	/* A cost rate of the stream is one person's. */
	if ((person = f[ts->staff_ix[S_PERSON]].text) == NULL)
		return missing(r, "person", err);
	memset(&tmp, 0, sizeof(tmp));
	tmp.start = f[ts->staff_ix[S_START]].text ?
	    f[ts->staff_ix[S_START]].day :
	    INT32_MIN;
	tmp.end = f[ts->staff_ix[S_END]].text ? f[ts->staff_ix[S_END]].day :
						INT32_MAX;
	if (tmp.end < tmp.start) {
		ae_error_set(err, AE_EDATA, "end is before start");
		return field_error(r, "end", err);
	}
	/* The schema refuses a workday of 0 hours. */
	if (f[ts->staff_ix[S_HOURS]].text)
		tmp.want = hundredths(f[ts->staff_ix[S_HOURS]].number);
	e = map_find(&ts->persons, person, strlen(person));
	if (e != NULL && e->staffed) {
		return schema_duplicate(r, "staff", e->src, e->line, err);
	}
	if ((rc = staff_rate(ts, r, v, &tmp, err)) < 0)
		return -1;
	e = person_get(ts, person, strlen(person), r->source, r->line);
	e->src = source_copy(ts, r->source);
	e->line = r->line;
	e->start = tmp.start;
	e->end = tmp.end;
	e->want = tmp.want;
	e->rate = tmp.rate;
	e->has_rate = tmp.has_rate;
	e->staffed = 1;
	return 0;
}

static int
add_leave(struct timesheet *ts, const struct record *r, struct ae_error *err)
{
	const struct schema_values *v =
	    schema_decode(ts->decoder, r, "leave", err);
	const char *person;
	struct leave lv;

	if (v == NULL)
		return -1;
	person = v->v[ts->leave_ix[L_PERSON]].text;
	lv.from = v->v[ts->leave_ix[L_FROM]].day;
	lv.to = v->v[ts->leave_ix[L_TO]].day;
	if (lv.to < lv.from) {
		ae_error_set(err, AE_EDATA, "'to' is before 'from'");
		return field_error(r, "to", err);
	}
	lv.plen = strlen(person);
	lv.person = arena_copy(&ts->arena, person, lv.plen);
	if (ts->nleaves == ts->capleaves) {
		ts->capleaves = ts->capleaves * 2 + 16;
		ts->leaves =
		    xrealloc(ts->leaves, ts->capleaves * sizeof(*ts->leaves));
	}
	ts->leaves[ts->nleaves++] = lv;
	return 0;
}

static int
add_holiday(struct timesheet *ts, const struct record *r, struct ae_error *err)
{
	if (workcal_add_record(ts->cal, r, err) != 0)
		return -1;
	ts->cal_given = 1;
	return 0;
}

enum kind {
	K_TIME,
	K_STAFF,
	K_LEAVE,
	K_HOLIDAY,
	K_OTHER
};

static enum kind
kind_of(const char *type)
{
	if (type == NULL || strcmp(type, "time") == 0)
		return K_TIME;
	if (strcmp(type, "staff") == 0)
		return K_STAFF;
	if (strcmp(type, "leave") == 0)
		return K_LEAVE;
	if (strcmp(type, "holiday") == 0)
		return K_HOLIDAY;
	return K_OTHER;
}

/*
 * The kind of a record without a `type` field, from its file's name
 * (holidays.csv): worked out once a file.  A name that says another
 * type (rates.csv) does not stop a file of time records.
 */
static enum kind
file_kind(struct timesheet *ts, const struct record *r)
{
	char buf[64];
	enum kind k;

	if (ts->type_src != NULL && strcmp(ts->type_src, r->source) == 0)
		return ts->type_kind;
	k = kind_of(record_type(r, NULL, buf, sizeof(buf)));
	ts->type_src = source_copy(ts, r->source);
	ts->type_kind = k == K_OTHER ? K_TIME : k;
	return ts->type_kind;
}

int
timesheet_add_record(struct timesheet *ts, const struct record *r,
    struct ae_error *err)
{
	char buf[64];
	const char *type = NULL;
	enum kind k;

	if (!record_has(r, "type")) {
		k = file_kind(ts, r);
	} else if ((k = kind_of(type = record_type(r, NULL, buf,
				    sizeof(buf)))) == K_OTHER) {
		ae_error_set(err, AE_EDATA,
		    "a '%s' record: timesheet reads "
		    "time, staff, leave and holiday records",
		    type);
		return field_error(r, "type", err);
	}
	switch (k) {
	case K_STAFF:
		return add_staff(ts, r, err);
	case K_LEAVE:
		return add_leave(ts, r, err);
	case K_HOLIDAY:
		return add_holiday(ts, r, err);
	default:
		return add_time(ts, r, err);
	}
}

/* ---- options ------------------------------------------------------- */

static int
has_dim(const struct timesheet_options *o, enum timesheet_dim dim)
{
	int i;

	for (i = 0; i < o->nby; i++)
		if (o->by[i] == dim)
			return 1;
	return 0;
}

static int
usage_error(struct ae_error *err, const char *text)
{
	return ae_error_set(err, AE_EUSAGE, "%s", text);
}

static int
set_period(struct timesheet_options *o, const struct timesheet_request *rq,
    struct ae_error *err)
{
	int y, m, d;

	if (!(rq->has_from || rq->has_to || o->days || o->utilization))
		return 0;
	date_to_ymd(rq->as_of, &y, &m, &d);
	o->period = 1;
	o->from = rq->has_from ? rq->from : date_from_ymd(y, m, 1);
	o->to = rq->has_to ? rq->to : rq->as_of;
	if (o->to < o->from)
		return usage_error(err, "--from is after --to");
	return 0;
}

int
timesheet_options_set(struct timesheet_options *o,
    const struct timesheet_request *rq, struct ae_error *err)
{
	struct ae_error e;

	ae_error_clear(&e);
	if ((o->nby = timesheet_by_parse(rq->by ? rq->by : "person", o->by,
		 &e)) < 0)
		return ae_error_set(err, AE_EUSAGE, "--by: %s", e.text);
	if (rq->utilization && !has_dim(o, TS_PERSON))
		return usage_error(err, "--utilization needs person in --by");
	if ((rq->missing || rq->check) &&
	    (rq->utilization || rq->rates || rq->by))
		return usage_error(err,
		    "--missing and --check do not go "
		    "with --by, --cost-rates or --utilization");
	if (rq->missing && rq->check)
		return usage_error(err, "give --missing or --check, not both");
	o->day_hours = rq->day_hours;
	o->utilization = rq->utilization;
	o->days = rq->missing || rq->check;
	o->internal = rq->internal;
	return set_period(o, rq, err);
}

int
timesheet_tables_load(struct timesheet_tables *t, struct timesheet_options *o,
    const struct timesheet_request *rq, const struct reader_options *ro,
    const char *currency, struct ae_error *err)
{
	struct reader_options plain = { INPUT_AUTO, NULL, 0 };
	char path[PATH_MAX];
	const char *def;

	memset(t, 0, sizeof(*t));
	o->currency = currency;
	if (rq->holidays) {
		o->cal = t->cal = workcal_new();
		if (workcal_load(t->cal, rq->holidays, ro, err) != 0)
			return -1;
	} else if ((o->days || o->utilization) &&
	    (def = workcal_default_path(path, sizeof(path))) != NULL) {
		/* The shipped file is UTF-8 whatever --encoding says. */
		o->default_cal = t->defcal = workcal_new();
		if (workcal_load(t->defcal, def, &plain, err) != 0)
			return -1;
	}
	if (rq->rates &&
	    (o->rates = t->rates =
		    timesheet_rates_load(rq->rates, ro, currency, err)) == NULL)
		return -1;
	if (rq->jobs &&
	    (o->jobs = t->jobs = timesheet_jobs_load(rq->jobs, ro, err)) ==
		NULL)
		return -1;
	return 0;
}

void
timesheet_tables_release(struct timesheet_tables *t)
{
	workcal_free(t->cal);
	workcal_free(t->defcal);
	timesheet_rates_free(t->rates);
	timesheet_jobs_free(t->jobs);
	memset(t, 0, sizeof(*t));
}

/* ---- results -------------------------------------------------------- */

/* round(V / 100), half away from zero. */
static int64_t
div100(int64_t v)
{
	return v >= 0 ? (v + 50) / 100 : -((-v + 50) / 100);
}

static int64_t
capacity(const struct timesheet *ts, int32_t day)
{
	int32_t from = ts->o.from, to = ts->o.to, a, b;
	int i, y, m, d;

	for (i = 0; i < ts->o.nby; i++) {
		if (ts->o.by[i] == TS_WEEK) {
			a = day - date_weekday(day) + 1;
			b = a + 6;
		} else if (ts->o.by[i] == TS_MONTH) {
			date_to_ymd(day, &y, &m, &d);
			a = date_from_ymd(y, m, 1);
			b = (m == 12 ? date_from_ymd(y + 1, 1, 1) :
				       date_from_ymd(y, m + 1, 1)) -
			    1;
		} else {
			continue;
		}
		if (a > from)
			from = a;
		if (b < to)
			to = b;
	}
	return workcal_count(calendar(ts), from, to) * ts->o.day_hours;
}

int
timesheet_cost_currency(const struct timesheet *ts, const char **currency,
    int *digits)
{
	if (ts->staff_rates) {
		*currency = ts->staff_cur;
		*digits = ts->staff_digits;
		return 1;
	}
	if (ts->o.rates) {
		*currency = timesheet_rates_currency(ts->o.rates);
		*digits = timesheet_rates_digits(ts->o.rates);
		return 1;
	}
	return 0;
}

int
timesheet_uncovered_year(const struct timesheet *ts)
{
	int y, y1, y2, m, d;

	if (ts->cal_given || ts->o.default_cal == NULL || !ts->o.period)
		return 0;
	date_to_ymd(ts->o.from, &y1, &m, &d);
	date_to_ymd(ts->o.to, &y2, &m, &d);
	for (y = y1; y <= y2; y++)
		if (!workcal_covers_year(ts->o.default_cal, y))
			return y;
	return 0;
}

/* The hourly rate of a cell's person (and role), or an error there. */
static int
cell_rate(const struct timesheet *ts, const struct entry *c, int64_t *rate,
    struct ae_error *err)
{
	const char *person = c->key + c->glen + 1;
	const char *role = person + c->plen + 1;
	size_t rlen = c->klen - c->glen - c->plen - 2;
	const struct entry *p = map_find(&ts->persons, person, c->plen);

	if (p != NULL && p->has_rate) {
		*rate = p->rate;
		return 0;
	}
	if (ts->o.rates &&
	    timesheet_rates_find(ts->o.rates, person, c->plen, role, rlen,
		rate))
		return 0;
	ae_error_set(err, AE_EDATA, "no rate for '%.*s'%s%.*s%s",
	    (int)(c->plen > 128 ? 128 : c->plen), person,
	    rlen ? " (role '" : "", (int)(rlen > 128 ? 128 : rlen), role,
	    rlen ? "')" : "");
	ae_error_field(err, "person");
	ae_error_at(err, c->src, c->line, 0);
	return -1;
}

/* Adds cell C into group G (cost in hundredths × rate, when COSTED). */
static int
add_cell(const struct timesheet *ts, const struct entry *c, int costed,
    struct timesheet_group *g, int64_t *cost, struct ae_error *err)
{
	int64_t rate, v;

	g->hours += c->hours;
	g->client_hours += c->client_hours;
	if (!costed)
		return 0;
	if (cell_rate(ts, c, &rate, err) != 0)
		return -1;
	if (__builtin_mul_overflow(c->hours, rate, &v) ||
	    __builtin_add_overflow(*cost, v, cost)) {
		ae_error_set(err, AE_EDATA, "cost overflows");
		ae_error_field(err, "hours");
		ae_error_at(err, c->src, c->line, 0);
		return -1;
	}
	return 0;
}

/* Group G's fields, split out of a copy of the group key of cell C. */
static void
group_dims(struct timesheet *ts, const struct entry *c,
    struct timesheet_group *g)
{
	char *key = xstrndup(c->key, c->glen), *p = key;
	size_t k;
	int d;

	ts->outkeys[ts->nout] = key;
	for (d = 0; d < ts->o.nby; d++) {
		g->dims[d] = p;
		k = strcspn(p, "\x1f");
		if (p[k] == SEP)
			p[k++] = '\0';
		p += k;
	}
}

int
timesheet_groups(struct timesheet *ts, const struct timesheet_group **out,
    size_t *n, struct ae_error *err)
{
	struct entry **v;
	struct timesheet_group *g = NULL;
	const char *cur;
	size_t i;
	int64_t cost = 0;
	int digits, costed = timesheet_cost_currency(ts, &cur, &digits);

	if (ts->out == NULL) {
		v = map_sorted_by(&ts->groups, cmp_cell);
		ts->out = xcalloc(ts->groups.n + 1, sizeof(*ts->out));
		ts->outkeys = xcalloc(ts->groups.n + 1, sizeof(*ts->outkeys));
		for (i = 0; i < ts->groups.n; i++) {
			if (g == NULL || v[i]->glen != v[i - 1]->glen ||
			    memcmp(v[i]->key, v[i - 1]->key, v[i]->glen) != 0) {
				if (g != NULL)
					g->cost = div100(cost);
				g = &ts->out[ts->nout];
				group_dims(ts, v[i], g);
				ts->nout++;
				cost = 0;
				g->capacity = ts->o.utilization ?
				    capacity(ts, v[i]->day) :
				    -1;
			}
			if (add_cell(ts, v[i], costed, g, &cost, err) != 0) {
				free(v);
				return -1;
			}
		}
		if (g != NULL)
			g->cost = div100(cost);
		free(v);
	}
	*out = ts->out;
	*n = ts->nout;
	return 0;
}

int
timesheet_total(const struct timesheet_group *g, size_t n,
    struct timesheet_group *total, struct ae_error *err)
{
	size_t i;

	memset(total, 0, sizeof(*total));
	for (i = 0; i < n; i++) {
		total->hours += g[i].hours;
		total->client_hours += g[i].client_hours;
		if (g[i].capacity < 0 || total->capacity < 0)
			total->capacity = -1;
		else
			total->capacity += g[i].capacity;
		if (money_add(total->cost, g[i].cost, &total->cost, err) != 0)
			return -1;
	}
	return 0;
}

/* Whether PERSON is on leave on DAY. */
static int
on_leave(const struct timesheet *ts, const struct entry *p, int32_t day)
{
	size_t i;

	for (i = 0; i < ts->nleaves; i++) {
		const struct leave *lv = &ts->leaves[i];
		if (day >= lv->from && day <= lv->to && lv->plen == p->klen &&
		    memcmp(lv->person, p->key, p->klen) == 0)
			return 1;
	}
	return 0;
}

/* The hours PERSON logged on DAY. */
static int64_t
logged(const struct timesheet *ts, const struct entry *p, int32_t day,
    struct strbuf *k)
{
	const struct entry *e;

	strbuf_reset(k);
	strbuf_add(k, p->key, p->klen);
	strbuf_addch(k, SEP);
	strbuf_add(k, &day, sizeof(day));
	e = map_find(&ts->days, k->buf, k->len);
	return e ? e->hours : 0;
}

static void
add_gap(struct timesheet *ts, const struct entry *p, int32_t day, int64_t h,
    int64_t want, size_t *cap)
{
	struct timesheet_gap *g;

	if (ts->ngaps == *cap) {
		*cap = *cap * 2 + 16;
		ts->gaps = xrealloc(ts->gaps, *cap * sizeof(*ts->gaps));
	}
	g = &ts->gaps[ts->ngaps++];
	g->person = p->key;
	g->day = day;
	g->hours = h;
	g->want = want;
	g->source = p->src;
	g->line = p->line;
}

size_t
timesheet_gaps(struct timesheet *ts, const struct timesheet_gap **out)
{
	struct entry **people = map_sorted(&ts->persons), *p;
	const struct workcal *cal = calendar(ts);
	struct strbuf k = STRBUF_INIT;
	size_t i, cap = 0;
	int32_t day, from, to;
	int64_t h, want;

	free(ts->gaps);
	ts->gaps = NULL;
	ts->ngaps = 0;
	for (i = 0; i < ts->persons.n; i++) {
		p = people[i];
		from = ts->o.from;
		to = ts->o.to;
		if (p->staffed) {
			from = p->start > from ? p->start : from;
			to = p->end < to ? p->end : to;
		}
		want = p->want > 0 ? p->want : ts->o.day_hours;
		for (day = from; day <= to; day++) {
			if (!workcal_is_workday(cal, day) ||
			    on_leave(ts, p, day))
				continue;
			if ((h = logged(ts, p, day, &k)) < want)
				add_gap(ts, p, day, h, want, &cap);
		}
	}
	strbuf_release(&k);
	free(people);
	*out = ts->gaps;
	return ts->ngaps;
}
