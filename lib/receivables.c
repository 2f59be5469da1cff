/*
 * The receivables ledger: invoices and payments in, aging out.
 *
 * Every invoice number gets an id in the invoice table (keytab.h) and
 * one compact entry by that id; the entry holds the invoice (once it is
 * seen) and the sum of the payments counted at the as-of date (whenever
 * they come).  Names that repeat (client, ae, job, source file) are
 * interned once.  The schema reads each record (schema_decode), a CSV
 * row by column index found once per file, so the hot path does no
 * per-record allocation and no name lookups.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "field.h"
#include "i18n.h"
#include "jsontext.h"
#include "keytab.h"
#include "money.h"
#include "receivables.h"
#include "schema.h"
#include "strbuf.h"
#include "table.h"
#include "writer.h"

/* The fields read of an invoice and of a payment, as the schema has them. */
enum invoice_field {
	I_INVOICE,
	I_CLIENT,
	I_ISSUED,
	I_DUE,
	I_TERMS,
	I_AMOUNT,
	I_JOB,
	I_AE,
	I_NOTE,
	NINVOICE
};
enum payment_field {
	P_INVOICE,
	P_DATE,
	P_AMOUNT,
	P_CURRENCY,
	NPAYMENT
};

static const char *const invoice_fields[NINVOICE] = { "invoice", "client",
	"issued", "due", "terms", "amount", "job", "ae", "note" };
static const char *const payment_fields[NPAYMENT] = { "invoice", "date",
	"amount", "currency" };

#define HAS_INVOICE 1u /* the invoice itself was read */
#define PAID_MILLI \
	2u /* paid is in thousandths: payments without
				   a currency, before any was known */
#define MILLI_DIGITS 3
#define NO_CURRENCY 0xFFu
#define DEFAULT_TERMS 30 /* days, when an invoice has neither due nor terms */

/*
 * The entry of an invoice number has the number's id in the invoice
 * table (keytab.h), which holds the number itself: 64 bytes, one cache
 * line.
 */
struct entry {
	int64_t amount;
	int64_t paid;			/* payments dated on or before as_of */
	uint32_t client, ae, job, note; /* pool ids */
	int32_t issued, due;
	uint16_t source, pay_source; /* where the invoice, first payment */
	long line, pay_line;
	uint8_t cur, pay_cur, flags,
	    counted; /* counted: has a counted payment */
};

/* Interned strings: id → text. */
struct pool {
	struct keytab *t;
};

struct currency_slot {
	char code[4];
	int digits;
};

struct recv {
	struct receivables_options o;
	struct entry *entries; /* by invoice id */
	size_t n, cap;
	struct keytab *invoices; /* the invoice numbers */
	struct pool names;	 /* clients, aes, jobs */
	struct currency_slot cur[255];
	int ncur;
	char **sources;
	size_t nsources;

	/* The file being read. */
	const char *default_type;
	const struct csv_header *header; /* the file kind is of */
	unsigned long serial;
	int untyped; /* the header has no type column */
	struct field_key type;
	char type_buf[JSONTEXT_BUFSIZE];
	int file_kind; /* 0 unknown, 'i' invoice, 'p' payment */
	const char *last_source;
	uint16_t source_id;
	/* The schema reads the records; the fields' indexes in its values. */
	struct schema_decoder *decoder;
	int inv[NINVOICE], pay[NPAYMENT];
};

/* ---- pools ------------------------------------------------------ */

static void
pool_init(struct pool *p)
{
	p->t = keytab_new();
}

static void
pool_release(struct pool *p)
{
	keytab_free(p->t);
}

static const char *
pool_str(const struct pool *p, uint32_t id)
{
	return keytab_key(p->t, id);
}

static uint32_t
pool_intern(struct pool *p, const char *s)
{
	int added;

	return keytab_intern(p->t, s, strlen(s), &added);
}

/* ---- options ------------------------------------------------------ */

int
receivables_parse_buckets(const char *s, struct receivables_options *o,
    struct ae_error *err)
{
	const char *p = s;
	int n = 0;

	for (;;) {
		long v = 0;
		const char *start = p;

		while (*p >= '0' && *p <= '9' && v <= 100000)
			v = v * 10 + (*p++ - '0');
		if (p == start || v <= 0 || v > 100000 || (*p && *p != ','))
			return ae_error_set(err, AE_EUSAGE,
			    "--buckets: '%s' is "
			    "not a list of days such as 30,60,90",
			    s);
		if (n == RECV_MAX_BUCKETS)
			return ae_error_set(err, AE_EUSAGE,
			    "--buckets: more "
			    "than %d edges",
			    RECV_MAX_BUCKETS);
		if (n > 0 && v <= o->buckets[n - 1])
			return ae_error_set(err, AE_EUSAGE,
			    "--buckets: '%s' "
			    "does not increase",
			    s);
		o->buckets[n++] = (int)v;
		if (*p == '\0')
			break;
		p++;
	}
	o->nbuckets = n;
	return 0;
}

int
receivables_parse_by(const char *s, enum receivables_by *by)
{
	static const char *const words[] = { "client", "ae", "job", "invoice" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, words[i]) == 0) {
			*by = (enum receivables_by)i;
			return 0;
		}
	return -1;
}

const char *
receivables_by_name(enum receivables_by by)
{
	static const char *const words[] = { "client", "ae", "job", "invoice" };

	return words[by];
}

const char *
receivables_bucket_label(const struct receivables_options *o, int i, char *buf,
    size_t size)
{
	if (i == 0)
		snprintf(buf, size, "current");
	else if (i > o->nbuckets)
		snprintf(buf, size, "%d+", o->buckets[o->nbuckets - 1] + 1);
	else
		snprintf(buf, size, "%d-%d", i == 1 ? 1 : o->buckets[i - 2] + 1,
		    o->buckets[i - 1]);
	return buf;
}

int
receivables_bucket_of(const struct receivables_options *o, long days)
{
	int i;

	if (days <= 0)
		return 0;
	for (i = 0; i < o->nbuckets; i++)
		if (days <= o->buckets[i])
			return i + 1;
	return o->nbuckets + 1;
}

/* ---- the ledger --------------------------------------------------- */

static void place(char *buf, size_t size, const struct recv *rv, uint16_t src,
    long line);

struct recv *
receivables_new(const struct receivables_options *o)
{
	struct recv *rv = xcalloc(1, sizeof(*rv));
	int f;

	rv->o = *o;
	rv->type = (struct field_key)FIELD_KEY("type");
	for (f = 0; f < NINVOICE; f++)
		rv->inv[f] = schema_field_index("invoice", invoice_fields[f]);
	for (f = 0; f < NPAYMENT; f++)
		rv->pay[f] = schema_field_index("payment", payment_fields[f]);
	if (rv->o.currency == NULL)
		rv->o.currency = "CNY";
	rv->o.currency = currency_canonical(rv->o.currency);
	rv->decoder = schema_decoder_new(rv->o.currency);
	if (rv->o.nbuckets == 0) {
		rv->o.nbuckets = 3;
		rv->o.buckets[0] = 30;
		rv->o.buckets[1] = 60;
		rv->o.buckets[2] = 90;
	}
	rv->invoices = keytab_new();
	pool_init(&rv->names);
	pool_intern(&rv->names, "");
	return rv;
}

void
receivables_free(struct recv *rv)
{
	size_t i;

	if (rv == NULL)
		return;
	keytab_array_free(rv->entries, rv->cap, sizeof(*rv->entries));
	keytab_free(rv->invoices);
	schema_decoder_free(rv->decoder);
	pool_release(&rv->names);
	for (i = 0; i < rv->nsources; i++)
		free(rv->sources[i]);
	free(rv->sources);
	free(rv);
}

static const char *
entry_key(const struct recv *rv, const struct entry *e)
{
	return keytab_key(rv->invoices, (uint32_t)(e - rv->entries));
}

static struct entry *
find(struct recv *rv, const char *key)
{
	uint32_t id = keytab_find(rv->invoices, key, strlen(key));

	if (id == KEYTAB_NONE)
		return NULL;
	/* Invoices are mostly looked up in order: the next one's entry. */
	if (id + 1 < rv->n)
		__builtin_prefetch(&rv->entries[id + 1]);
	return &rv->entries[id];
}

/* The entry of invoice number KEY, made (empty) if new. */
static struct entry *
lookup(struct recv *rv, const char *key, int *created)
{
	uint32_t id = keytab_intern(rv->invoices, key, strlen(key), created);
	struct entry *e;

	if (!*created) {
		if (id + 1 < rv->n)
			__builtin_prefetch(&rv->entries[id + 1]);
		return &rv->entries[id];
	}
	if (rv->n == rv->cap)
		rv->entries = keytab_array_grow(rv->entries, &rv->cap,
		    rv->n + 1, sizeof(*e));
	e = &rv->entries[rv->n++];
	memset(e, 0, sizeof(*e));
	e->cur = e->pay_cur = NO_CURRENCY;
	return e;
}

void
receivables_begin_file(struct recv *rv, const char *default_type)
{
	rv->default_type = default_type;
	rv->header = NULL;
	rv->file_kind = 0;
	rv->last_source = NULL;
}

static uint16_t
source_id(struct recv *rv, const char *source)
{
	size_t i;

	if (rv->last_source == source)
		return rv->source_id;
	for (i = 0; i < rv->nsources; i++)
		if (strcmp(rv->sources[i], source) == 0)
			break;
	if (i == rv->nsources) {
		if (i == 0xFFFF)
			i = 0xFFFE; /* past 65534 files, names blur */
		else {
			rv->sources = xrealloc(rv->sources,
			    (i + 1) * sizeof(*rv->sources));
			rv->sources[rv->nsources++] = xstrdup(source);
		}
	}
	rv->last_source = source;
	rv->source_id = (uint16_t)i;
	return rv->source_id;
}

/* The index of currency code S (made when new): -1 unknown, -2 too many. */
static int
currency_slot(struct recv *rv, const char *s)
{
	int i, d;

	for (i = 0; i < rv->ncur; i++)
		if (strcmp(rv->cur[i].code, s) == 0)
			return i;
	if ((d = currency_digits(s)) < 0)
		return -1;
	if (rv->ncur == 255)
		return -2;
	memcpy(rv->cur[i].code, s, 4);
	rv->cur[i].digits = d;
	rv->ncur++;
	return i;
}

/* The index of currency S, as currency_slot. */
static int
currency_index(struct recv *rv, const char *s)
{
	return currency_slot(rv, currency_canonical(s));
}

/* The index of the currency of R, whose values V the schema gave. */
static int
currency_id(struct recv *rv, const struct record *r,
    const struct schema_values *v, struct ae_error *err)
{
	int i;

	/* The code's four bytes at once: the values hold eight. */
	for (i = 0; i < rv->ncur; i++)
		if (memcmp(rv->cur[i].code, v->currency,
			sizeof(rv->cur[i].code)) == 0)
			return i;
	if ((i = currency_slot(rv, v->currency)) == -1)
		ae_error_set(err, AE_EDATA, "unknown currency '%s'",
		    v->currency);
	else if (i < 0)
		ae_error_set(err, AE_EDATA, "too many currencies");
	return i < 0 ? field_error(r, "currency", err) : i;
}

/*
 * Turns the thousandths paid without a currency into minor units of CUR,
 * now that it is known: -1 (nothing changed) when they do not divide.
 */
static int
settle_milli(struct recv *rv, struct entry *e, int cur)
{
	int64_t scale = 1;
	int d;

	if (!(e->flags & PAID_MILLI))
		return 0;
	for (d = rv->cur[cur].digits; d < MILLI_DIGITS; d++)
		scale *= 10;
	if (e->paid % scale != 0)
		return -1;
	e->paid /= scale;
	e->flags &= ~PAID_MILLI;
	return 0;
}

static int
milli_error(struct recv *rv, const struct record *r, const struct entry *e,
    int cur, struct ae_error *err)
{
	char where[600];

	place(where, sizeof(where), rv, e->pay_source, e->pay_line);
	ae_error_set(err, AE_EDATA,
	    "the payments without a currency for "
	    "invoice '%s' (first at %s) have more decimals than %s allows",
	    entry_key(rv, e), where, rv->cur[cur].code);
	ae_error_at(err, r->source, r->line, 0);
	return -1;
}

/*
 * The amount of a payment without a currency, which the schema read in
 * the default currency's minor units (V), in DIGITS of the currency CUR
 * of its invoice (-1: thousandths, the invoice not yet read).  Amounts
 * that the default currency reads in fewer digits are read again in
 * the invoice's, which says what it does not allow.
 */
static int
rescale(struct recv *rv, const struct record *r, const struct schema_value *v,
    int from, int cur, int digits, int64_t *amount, struct ae_error *err)
{
	int64_t m = v->money;

	for (; from < digits; from++)
		if (__builtin_mul_overflow(m, 10, &m))
			break;
	if (from == digits) {
		*amount = m;
		return 0;
	}
	if (money_parse(v->text, digits, cur < 0 ? NULL : rv->cur[cur].code,
		amount, err) != 0)
		return field_error(r, "amount", err);
	return 0;
}

static void
place(char *buf, size_t size, const struct recv *rv, uint16_t src, long line)
{
	snprintf(buf, size, "%s:%ld", rv->sources[src], line);
}

/* The payment's currency CUR against the invoice's or earlier payments'. */
static int
currency_clash(struct recv *rv, const struct record *r, const struct entry *e,
    int cur, struct ae_error *err)
{
	char where[600];

	if (e->flags & HAS_INVOICE) {
		if (e->cur == cur)
			return 0;
		place(where, sizeof(where), rv, e->source, e->line);
		ae_error_set(err, AE_EDATA,
		    "payment in %s for invoice '%s' "
		    "in %s (%s)",
		    rv->cur[cur].code, entry_key(rv, e), rv->cur[e->cur].code,
		    where);
	} else {
		if (e->pay_cur == NO_CURRENCY || e->pay_cur == cur)
			return 0;
		place(where, sizeof(where), rv, e->pay_source, e->pay_line);
		ae_error_set(err, AE_EDATA,
		    "payment in %s for invoice '%s', "
		    "an earlier one (%s) is in %s",
		    rv->cur[cur].code, entry_key(rv, e), where,
		    rv->cur[e->pay_cur].code);
	}
	ae_error_field(err, "currency");
	ae_error_at(err, r->source, r->line, 0);
	return -1;
}

static int
add_invoice(struct recv *rv, const struct record *r, struct ae_error *err)
{
	const struct schema_values *v =
	    schema_decode(rv->decoder, r, "invoice", err);
	const struct schema_value *f;
	const char *key, *s;
	int32_t issued, due;
	int cur, created;
	struct entry *e;
	char where[600], d1[DATE_BUFSIZE], d2[DATE_BUFSIZE];

	if (v == NULL || (cur = currency_id(rv, r, v, err)) < 0)
		return -1;
	f = v->v;
	key = f[rv->inv[I_INVOICE]].text;
	issued = f[rv->inv[I_ISSUED]].day;
	if (f[rv->inv[I_DUE]].text)
		due = f[rv->inv[I_DUE]].day;
	else if (f[rv->inv[I_TERMS]].text)
		due = issued + (int32_t)f[rv->inv[I_TERMS]].whole;
	else
		due = issued + DEFAULT_TERMS;
	if (due < issued) {
		date_format(due, d1);
		date_format(issued, d2);
		ae_error_set(err, AE_EDATA, "%s is before 'issued' %s", d1, d2);
		return field_error(r, "due", err);
	}
	e = lookup(rv, key, &created);
	if (e->flags & HAS_INVOICE) {
		return schema_duplicate(r, "invoice", rv->sources[e->source],
		    e->line, err);
	}
	if (e->pay_cur != NO_CURRENCY && e->pay_cur != cur) {
		place(where, sizeof(where), rv, e->pay_source, e->pay_line);
		ae_error_set(err, AE_EDATA,
		    "payment in %s for invoice '%s' "
		    "in %s (%s:%ld)",
		    rv->cur[e->pay_cur].code, key, rv->cur[cur].code, r->source,
		    r->line);
		ae_error_field(err, "currency");
		ae_error_at(err, rv->sources[e->pay_source], e->pay_line, 0);
		return -1;
	}
	if (settle_milli(rv, e, cur) != 0)
		return milli_error(rv, r, e, cur, err);
	e->flags |= HAS_INVOICE;
	e->amount = f[rv->inv[I_AMOUNT]].money;
	e->issued = issued;
	e->due = due;
	e->cur = (uint8_t)cur;
	e->client = pool_intern(&rv->names, f[rv->inv[I_CLIENT]].text);
	/* Interning is a fair part of the time: only what is reported. */
	e->ae = (rv->o.all_names || rv->o.by == RECV_BY_AE || rv->o.ae ||
		    rv->o.by == RECV_BY_INVOICE) &&
		(s = f[rv->inv[I_AE]].text) ?
	    pool_intern(&rv->names, s) :
	    0;
	e->job = (rv->o.all_names || rv->o.by == RECV_BY_JOB ||
		     rv->o.by == RECV_BY_INVOICE) &&
		(s = f[rv->inv[I_JOB]].text) ?
	    pool_intern(&rv->names, s) :
	    0;
	e->note = (rv->o.all_names || rv->o.by == RECV_BY_INVOICE) &&
		(s = f[rv->inv[I_NOTE]].text) ?
	    pool_intern(&rv->names, s) :
	    0;
	e->source = source_id(rv, r->source);
	e->line = r->line;
	return 0;
}

static int count_payment(struct recv *rv, const struct record *r,
    struct entry *e, int32_t date, int64_t amount, int cur,
    struct ae_error *err);

static int
add_payment(struct recv *rv, const struct record *r, struct ae_error *err)
{
	const struct schema_values *v =
	    schema_decode(rv->decoder, r, "payment", err);
	const struct schema_value *f;
	const char *key;
	int32_t date;
	int64_t amount;
	int cur, digits, created;
	struct entry *e;

	if (v == NULL)
		return -1;
	f = v->v;
	key = f[rv->pay[P_INVOICE]].text;
	date = f[rv->pay[P_DATE]].day;
	if (f[rv->pay[P_CURRENCY]].text == NULL) {
		/* A bank export: the payment is in its invoice's currency. */
		e = find(rv, key);
		cur = e == NULL		      ? -1 :
		    (e->flags & HAS_INVOICE)  ? e->cur :
		    e->pay_cur != NO_CURRENCY ? e->pay_cur :
						-1;
		digits = cur < 0 ? MILLI_DIGITS : rv->cur[cur].digits;
		if (rescale(rv, r, &f[rv->pay[P_AMOUNT]], v->digits, cur,
			digits, &amount, err) < 0)
			return -1;
		e = lookup(rv, key, &created);
		if (cur < 0) {
			if (count_payment(rv, r, e, date, amount, NO_CURRENCY,
				err) != 0)
				return -1;
			e->flags |= PAID_MILLI;
			return 0;
		}
		return count_payment(rv, r, e, date, amount, cur, err);
	}
	if ((cur = currency_id(rv, r, v, err)) < 0)
		return -1;
	amount = f[rv->pay[P_AMOUNT]].money;
	e = lookup(rv, key, &created);
	if (currency_clash(rv, r, e, cur, err) != 0)
		return -1;
	if (settle_milli(rv, e, cur) != 0)
		return milli_error(rv, r, e, cur, err);
	return count_payment(rv, r, e, date, amount, cur, err);
}

/* Adds a checked payment of AMOUNT on DATE to E; CUR its currency. */
static int
count_payment(struct recv *rv, const struct record *r, struct entry *e,
    int32_t date, int64_t amount, int cur, struct ae_error *err)
{
	int64_t sum;

	if (date <= rv->o.as_of) {
		if (money_add(e->paid, amount, &sum, err) != 0)
			return field_error(r, "amount", err);
		e->paid = sum;
		e->counted = 1;
	}
	if (e->pay_line == 0 ||
	    (e->pay_cur == NO_CURRENCY && cur != NO_CURRENCY)) {
		e->pay_cur = (uint8_t)cur;
		e->pay_source = source_id(rv, r->source);
		e->pay_line = r->line;
	}
	return 0;
}

int
receivables_add(struct recv *rv, const struct record *r, struct ae_error *err)
{
	const char *type = NULL;
	char buf[64];

	/* Rows without a type: one kind a header, found once. */
	if (r->object == NULL &&
	    (rv->header != r->header || rv->serial != r->header->serial)) {
		rv->header = r->header;
		rv->serial = r->header->serial;
		rv->file_kind = 0;
		rv->untyped = field_key_column(&rv->type, r) < 0;
	}
	if (r->object == NULL && rv->untyped) {
		if (rv->file_kind == 0) {
			type =
			    record_type(r, rv->default_type, buf, sizeof(buf));
			rv->file_kind = type && strcmp(type, "payment") == 0 ?
			    'p' :
			    type == NULL || strcmp(type, "invoice") == 0 ? 'i' :
									   'x';
		}
		if (rv->file_kind == 'p')
			return add_payment(rv, r, err);
		if (rv->file_kind == 'i')
			return add_invoice(rv, r, err);
	}
	if (type == NULL &&
	    (type = field_key_value(&rv->type, r, rv->type_buf)) == NULL)
		type = record_type(r, rv->default_type, buf, sizeof(buf));
	if (type == NULL || strcmp(type, "invoice") == 0)
		return add_invoice(rv, r, err);
	if (strcmp(type, "payment") == 0)
		return add_payment(rv, r, err);
	ae_error_set(err, AE_EDATA,
	    "a record of type '%.60s' is neither an invoice nor a payment",
	    type);
	return field_error(r, "type", err);
}

/* ---- the report --------------------------------------------------- */

struct group_index {
	uint64_t *keys; /* (group id << 8 | currency) + 1 */
	size_t *rows;
	size_t nslots;
};

static int
add_to(int64_t *sum, int64_t v, struct ae_error *err)
{
	return money_add(*sum, v, sum, err);
}

static int
row_add(struct receivables_row *row, int bucket, int64_t v,
    struct ae_error *err)
{
	if (add_to(&row->bucket[bucket], v, NULL) != 0 ||
	    add_to(&row->total, v, NULL) != 0)
		return ae_error_set(err, AE_EDATA,
		    "the balances of '%s' in %s "
		    "add up to more than 64 bits hold",
		    row->group, row->currency);
	return 0;
}

static int
cmp_rows(const void *a, const void *b)
{
	const struct receivables_row *x = a, *y = b;
	int c = strcmp(x->group, y->group);

	return c ? c : strcmp(x->currency, y->currency);
}

static int
cmp_detail(const void *a, const void *b)
{
	const struct receivables_detail *x = a, *y = b;

	return strcmp(x->invoice, y->invoice);
}

static int
cmp_over(const void *a, const void *b)
{
	return strcmp(((const struct receivables_over *)a)->invoice,
	    ((const struct receivables_over *)b)->invoice);
}

static void
add_over(struct recv *rv, struct receivables_report *rep, size_t *cap,
    const struct entry *e, long days, int64_t balance)
{
	struct receivables_over *v;

	if (rep->nover == *cap) {
		*cap = *cap * 2 + 8;
		rep->over = xrealloc(rep->over, *cap * sizeof(*rep->over));
	}
	v = &rep->over[rep->nover++];
	v->invoice = entry_key(rv, e);
	v->currency = rv->cur[e->cur].code;
	v->digits = rv->cur[e->cur].digits;
	v->source = rv->sources[e->source];
	v->line = e->line;
	v->days = days;
	v->balance = balance;
}

static int
cmp_unapplied(const void *a, const void *b)
{
	const struct receivables_unapplied *x = a, *y = b;
	int c = strcmp(x->invoice, y->invoice);

	return c ? c : strcmp(x->currency, y->currency);
}

static struct receivables_row *
group_row(struct recv *rv, struct receivables_report *rep,
    struct group_index *gi, size_t *cap, uint32_t gid, int cur)
{
	uint64_t k = ((uint64_t)gid << 8 | (unsigned)cur) + 1;
	size_t mask, i, j;
	struct receivables_row *row;

	mask = gi->nslots - 1;
	for (i = (size_t)(k * 0x9E3779B97F4A7C15ull >> 20) & mask; gi->keys[i];
	     i = (i + 1) & mask)
		if (gi->keys[i] == k)
			return &rep->rows[gi->rows[i]];
	if (rep->nrows == *cap) {
		*cap = *cap * 2 + 16;
		rep->rows = xrealloc(rep->rows, *cap * sizeof(*rep->rows));
	}
	row = &rep->rows[rep->nrows];
	memset(row, 0, sizeof(*row));
	row->group = pool_str(&rv->names, gid);
	row->currency = rv->cur[cur].code;
	row->digits = rv->cur[cur].digits;
	gi->keys[i] = k;
	gi->rows[i] = rep->nrows++;
	if (rep->nrows * 2 > gi->nslots) {
		uint64_t *keys = gi->keys;
		size_t *rows = gi->rows, n = gi->nslots;

		gi->nslots *= 2;
		mask = gi->nslots - 1;
		gi->keys = xcalloc(gi->nslots, sizeof(*gi->keys));
		gi->rows = xcalloc(gi->nslots, sizeof(*gi->rows));
		for (i = 0; i < n; i++) {
			if (!keys[i])
				continue;
			for (j = (size_t)(keys[i] * 0x9E3779B97F4A7C15ull >>
				     20) &
				 mask;
			     gi->keys[j]; j = (j + 1) & mask)
				;
			gi->keys[j] = keys[i];
			gi->rows[j] = rows[i];
		}
		free(keys);
		free(rows);
	}
	return row;
}

/*
 * Payments without a currency for an invoice that never came are in the
 * default currency (--currency): into its minor units.
 */
static int
settle_unapplied(struct recv *rv, struct ae_error *err)
{
	size_t i;
	int cur = -1;

	for (i = 0; i < rv->n; i++) {
		struct entry *e = &rv->entries[i];
		char where[600];

		if (!(e->flags & PAID_MILLI))
			continue;
		if (cur < 0 && (cur = currency_index(rv, rv->o.currency)) < 0)
			return ae_error_set(err, AE_EDATA,
			    "unknown currency "
			    "'%s'",
			    rv->o.currency);
		if (settle_milli(rv, e, cur) != 0) {
			place(where, sizeof(where), rv, e->pay_source,
			    e->pay_line);
			ae_error_set(err, AE_EDATA,
			    "the payments for unknown "
			    "invoice '%s' (first at %s) have more decimals "
			    "than %s allows",
			    entry_key(rv, e), where, rv->cur[cur].code);
			return -1;
		}
		e->pay_cur = (uint8_t)cur;
	}
	return 0;
}

static void
add_unapplied(struct recv *rv, struct receivables_report *rep, size_t *cap,
    const struct entry *e, enum receivables_unapplied_why why)
{
	struct receivables_unapplied *u;

	if (rep->nunapplied == *cap) {
		*cap = *cap * 2 + 8;
		rep->unapplied =
		    xrealloc(rep->unapplied, *cap * sizeof(*rep->unapplied));
	}
	u = &rep->unapplied[rep->nunapplied++];
	u->invoice = entry_key(rv, e);
	u->currency = rv->cur[e->pay_cur].code;
	u->digits = rv->cur[e->pay_cur].digits;
	u->amount = e->paid;
	u->source = rv->sources[e->pay_source];
	u->line = e->pay_line;
	u->why = why;
}

static int
make_totals(struct receivables_report *rep, struct ae_error *err)
{
	size_t i, j;
	int b;

	for (i = 0; i < rep->nrows; i++) {
		struct receivables_row *row = &rep->rows[i], *t = NULL;

		for (j = 0; j < rep->ntotals; j++)
			if (strcmp(rep->totals[j].currency, row->currency) == 0)
				t = &rep->totals[j];
		if (t == NULL) {
			rep->totals = xrealloc(rep->totals,
			    (rep->ntotals + 1) * sizeof(*rep->totals));
			t = &rep->totals[rep->ntotals++];
			memset(t, 0, sizeof(*t));
			t->group = "TOTAL";
			t->currency = row->currency;
			t->digits = row->digits;
			t->is_total = 1;
		}
		for (b = 0; b <= rep->opts->nbuckets + 1; b++)
			if (add_to(&t->bucket[b], row->bucket[b], NULL) != 0)
				break;
		if (b <= rep->opts->nbuckets + 1 ||
		    add_to(&t->total, row->total, NULL) != 0)
			return ae_error_set(err, AE_EDATA,
			    "the balances in %s "
			    "add up to more than 64 bits hold",
			    t->currency);
	}
	if (rep->ntotals)
		qsort(rep->totals, rep->ntotals, sizeof(*rep->totals),
		    cmp_rows);
	return 0;
}

int
receivables_report(struct recv *rv, struct receivables_report *rep, int detail,
    struct ae_error *err)
{
	struct group_index gi;
	size_t i, rcap = 0, dcap = 0, ucap = 0, ocap = 0;
	const struct receivables_options *o = &rv->o;
	enum receivables_by by =
	    o->by == RECV_BY_INVOICE ? RECV_BY_CLIENT : o->by;

	memset(rep, 0, sizeof(*rep));
	rep->opts = &rv->o;
	rep->max_days = LONG_MIN;
	if (o->by == RECV_BY_INVOICE)
		detail = 1;
	if (settle_unapplied(rv, err) != 0)
		return -1;
	gi.nslots = 64;
	gi.keys = xcalloc(gi.nslots, sizeof(*gi.keys));
	gi.rows = xcalloc(gi.nslots, sizeof(*gi.rows));
	for (i = 0; i < rv->n; i++) {
		const struct entry *e = &rv->entries[i];
		struct receivables_row *row;
		int64_t balance;
		long days;
		int b;
		uint32_t gid;

		if (!(e->flags & HAS_INVOICE) || e->issued > o->as_of) {
			if (e->counted && e->paid != 0)
				add_unapplied(rv, rep, &ucap, e,
				    (e->flags & HAS_INVOICE) ?
					RECV_NOT_YET_ISSUED :
					RECV_UNKNOWN_INVOICE);
			continue;
		}
		rep->ninvoices++;
		if (money_sub(e->amount, e->paid, &balance, err) != 0) {
			ae_error_set(err, AE_EDATA,
			    "the balance of invoice "
			    "'%s' overflows",
			    entry_key(rv, e));
			goto fail;
		}
		if (balance == 0)
			continue;
		days = (long)o->as_of -
		    (o->basis == RECV_DUE ? e->due : e->issued);
		if ((o->overdue && (days <= 0 || balance < 0)) ||
		    (o->ae && strcmp(pool_str(&rv->names, e->ae), o->ae) != 0))
			continue;
		b = receivables_bucket_of(o, days);
		if (balance > 0 && days > rep->max_days)
			rep->max_days = days;
		if (o->fail_over_set && balance > 0 && days > o->fail_over)
			add_over(rv, rep, &ocap, e, days, balance);
		gid = by == RECV_BY_CLIENT ? e->client :
		    by == RECV_BY_AE	   ? e->ae :
					     e->job;
		row = group_row(rv, rep, &gi, &rcap, gid, e->cur);
		if (row_add(row, b, balance, err) != 0)
			goto fail;
		if (detail) {
			struct receivables_detail *d;

			if (rep->ndetail == dcap) {
				dcap = dcap * 2 + 64;
				rep->detail = xrealloc(rep->detail,
				    dcap * sizeof(*rep->detail));
			}
			d = &rep->detail[rep->ndetail++];
			d->invoice = entry_key(rv, e);
			d->client = pool_str(&rv->names, e->client);
			d->ae = pool_str(&rv->names, e->ae);
			d->job = pool_str(&rv->names, e->job);
			d->note = pool_str(&rv->names, e->note);
			d->currency = rv->cur[e->cur].code;
			d->digits = rv->cur[e->cur].digits;
			d->issued = e->issued;
			d->due = e->due;
			d->days = days;
			d->bucket = b;
			d->amount = e->amount;
			d->paid = e->paid;
			d->balance = balance;
		}
	}
	free(gi.keys);
	free(gi.rows);
	if (rep->nrows)
		qsort(rep->rows, rep->nrows, sizeof(*rep->rows), cmp_rows);
	if (rep->ndetail)
		qsort(rep->detail, rep->ndetail, sizeof(*rep->detail),
		    cmp_detail);
	if (rep->nunapplied)
		qsort(rep->unapplied, rep->nunapplied, sizeof(*rep->unapplied),
		    cmp_unapplied);
	if (rep->nover)
		qsort(rep->over, rep->nover, sizeof(*rep->over), cmp_over);
	if (make_totals(rep, err) != 0) {
		receivables_report_release(rep);
		return -1;
	}
	return 0;
fail:
	free(gi.keys);
	free(gi.rows);
	receivables_report_release(rep);
	return -1;
}

void
receivables_report_release(struct receivables_report *rep)
{
	free(rep->rows);
	free(rep->totals);
	free(rep->detail);
	free(rep->unapplied);
	free(rep->over);
	rep->over = NULL;
	rep->nover = 0;
	rep->rows = rep->totals = NULL;
	rep->detail = NULL;
	rep->unapplied = NULL;
	rep->nrows = rep->ntotals = rep->ndetail = rep->nunapplied = 0;
}

int
receivables_over(const struct receivables_report *rep, long days)
{
	return rep->max_days != LONG_MIN && rep->max_days > days;
}

/* ---- writers ------------------------------------------------------ */

static const char *
amount(int64_t v, int digits, int grouped, char *buf)
{
	money_format(v, digits, grouped, buf, MONEY_BUFSIZE);
	return buf;
}

/* Total rows per currency for the detail: amount, paid, balance. */
struct detail_total {
	const char *currency;
	int digits;
	int64_t amount, paid, balance;
};

static size_t
detail_totals(const struct receivables_report *rep, struct detail_total **out)
{
	struct detail_total *t = NULL;
	size_t n = 0, i, j;

	for (i = 0; i < rep->ntotals; i++) {
		t = xrealloc(t, (n + 1) * sizeof(*t));
		memset(&t[n], 0, sizeof(*t));
		t[n].currency = rep->totals[i].currency;
		t[n].digits = rep->totals[i].digits;
		n++;
	}
	for (i = 0; i < rep->ndetail; i++) {
		const struct receivables_detail *d = &rep->detail[i];
		for (j = 0; j < n; j++)
			if (strcmp(t[j].currency, d->currency) == 0)
				break;
		/*
		 * The per-currency totals of the summary already proved that
		 * no balance sum overflows; amount and paid saturate rather
		 * than wrap in the extreme case.
		 */
		if (j == n)
			continue;
		if (money_add(t[j].amount, d->amount, &t[j].amount, NULL) != 0)
			t[j].amount = d->amount > 0 ? INT64_MAX : INT64_MIN;
		if (money_add(t[j].paid, d->paid, &t[j].paid, NULL) != 0)
			t[j].paid = d->paid > 0 ? INT64_MAX : INT64_MIN;
		if (money_add(t[j].balance, d->balance, &t[j].balance, NULL))
			t[j].balance = d->balance > 0 ? INT64_MAX : INT64_MIN;
	}
	*out = t;
	return n;
}

/* Unapplied cash summed per currency, in currency order: free() *OUT. */
static size_t
unapplied_totals(const struct receivables_report *rep,
    struct receivables_row **out)
{
	struct receivables_row *t = xcalloc(rep->nunapplied + 1, sizeof(*t));
	size_t i, j, n = 0;

	for (i = 0; i < rep->nunapplied; i++) {
		const struct receivables_unapplied *u = &rep->unapplied[i];

		for (j = 0; j < n; j++)
			if (strcmp(t[j].currency, u->currency) == 0)
				break;
		if (j == n) {
			t[n].group = "UNAPPLIED";
			t[n].currency = u->currency;
			t[n++].digits = u->digits;
		}
		if (money_add(t[j].total, u->amount, &t[j].total, NULL) != 0)
			t[j].total = u->amount > 0 ? INT64_MAX : INT64_MIN;
	}
	qsort(t, n, sizeof(*t), cmp_rows);
	*out = t;
	return n;
}

/* Heading of the group column and of the bucket columns, translated. */
const char *
receivables_group_heading(enum receivables_by by)
{
	switch (by) {
	case RECV_BY_AE:
		return _("Account executive");
	case RECV_BY_JOB:
		return _("Job");
	case RECV_BY_INVOICE:
		return _("Invoice");
	default:
		return _("Client");
	}
}

const char *
receivables_bucket_heading(const struct receivables_options *o, int b,
    char *buf, size_t size)
{
	if (b == 0)
		snprintf(buf, size, "%s", _("Current"));
	else if (b > o->nbuckets)
		snprintf(buf, size, _("%d+ days"),
		    o->buckets[o->nbuckets - 1] + 1);
	else
		snprintf(buf, size, _("%d-%d days"),
		    b == 1 ? 1 : o->buckets[b - 2] + 1, o->buckets[b - 1]);
	return buf;
}

static void
text_heading(const struct receivables_report *rep, FILE *out)
{
	char day[DATE_BUFSIZE], title[256];

	date_format(rep->opts->as_of, day);
	snprintf(title, sizeof(title), _("Receivables aging as of %s"), day);
	fprintf(out, _("%s (%s)"), title,
	    rep->opts->basis == RECV_DUE ? _("days past due") :
					   _("days since issue"));
	fputs("\n\n", out);
}

__extension__ typedef __int128 i128;

const char *
receivables_share(int64_t share, int64_t total, long *tenths, char *buf)
{
	i128 num = (i128)share * 2000, t;
	long v;

	if (total == 0) {
		*tenths = 0;
		buf[0] = '\0';
		return buf;
	}
	/* Tenths of a percent, half away from zero, exactly. */
	t = num / total;
	t = (t + (t >= 0 ? 1 : -1)) / 2;
	v = (long)t;
	*tenths = v;
	snprintf(buf, 32, "%s%ld.%ld%%", v < 0 ? "-" : "", labs(v) / 10,
	    labs(v) % 10);
	return buf;
}

/* A row under each currency's total: each bucket's share of it. */
static void
summary_shares(const struct receivables_report *rep,
    const struct receivables_row *row, struct table *t)
{
	char buf[32];
	long tenths;
	int b;

	table_row_for(t, TABLE_PEOPLE);
	table_cell(t, _("Share"));
	table_cell(t, row->currency);
	for (b = 0; b <= rep->opts->nbuckets + 1; b++)
		table_cell(t,
		    receivables_share(row->bucket[b], row->total, &tenths,
			buf));
	table_cell(t, receivables_share(row->total, row->total, &tenths, buf));
}

static void
summary_columns(const struct receivables_options *o, struct table *t)
{
	char head[64], key[32];
	int b;

	table_column_key(t, receivables_group_heading(o->by),
	    receivables_by_name(o->by), TABLE_LEFT);
	table_column_key(t, _("Currency"), "currency", TABLE_LEFT);
	for (b = 0; b <= o->nbuckets + 1; b++)
		table_column_key(t,
		    receivables_bucket_heading(o, b, head, sizeof(head)),
		    receivables_bucket_label(o, b, key, sizeof(key)),
		    TABLE_RIGHT);
	table_column_key(t, _("Total"), "total", TABLE_RIGHT);
}

static void
summary_row(const struct receivables_report *rep,
    const struct receivables_row *row, struct table *t)
{
	int b;

	table_row_for(t,
	    row->is_total ?
		TABLE_PEOPLE | (rep->opts->totals ? TABLE_DATA : 0) :
		TABLE_ALL);
	table_cell_pair(t,
	    row->is_total   ? _("Total") :
		*row->group ? row->group :
			      _("(none)"),
	    row->group);
	table_cell(t, row->currency);
	for (b = 0; b <= rep->opts->nbuckets + 1; b++)
		table_cell_money(t, row->bucket[b], row->digits);
	table_cell_money(t, row->total, row->digits);
}

/* Unapplied cash for records: per currency, the amount under total. */
static void
summary_unapplied(const struct receivables_report *rep, struct table *t)
{
	struct receivables_row *u;
	size_t i, n = unapplied_totals(rep, &u);
	int b;

	for (i = 0; i < n; i++) {
		table_row_for(t, TABLE_DATA);
		table_cell(t, "UNAPPLIED");
		table_cell(t, u[i].currency);
		for (b = 0; b <= rep->opts->nbuckets + 1; b++)
			table_skip(t);
		table_cell_money(t, u[i].total, u[i].digits);
	}
	free(u);
}

static struct table *
summary_table(const struct receivables_report *rep)
{
	struct table *t = table_new();
	size_t i;

	summary_columns(rep->opts, t);
	for (i = 0; i < rep->nrows; i++)
		summary_row(rep, &rep->rows[i], t);
	for (i = 0; i < rep->ntotals; i++) {
		if (i == 0)
			table_rule(t);
		summary_row(rep, &rep->totals[i], t);
	}
	for (i = 0; i < rep->ntotals; i++)
		summary_shares(rep, &rep->totals[i], t);
	if (rep->opts->unapplied)
		summary_unapplied(rep, t);
	return t;
}

static void
detail_columns(struct table *t)
{
	table_column_key(t, _("Invoice"), "invoice", TABLE_LEFT);
	table_column_key(t, _("Client"), "client", TABLE_LEFT);
	table_column_key(t, _("Issued"), "issued", TABLE_LEFT);
	table_column_key(t, _("Due date"), "due", TABLE_LEFT);
	table_column_key(t, _("Days"), "days", TABLE_RIGHT);
	table_column_key(t, _("Currency"), "currency", TABLE_LEFT);
	table_column_key(t, _("Amount"), "amount", TABLE_RIGHT);
	table_column_key(t, _("Paid"), "paid", TABLE_RIGHT);
	table_column_key(t, _("Balance"), "balance", TABLE_RIGHT);
	table_column_key(t, _("Bucket"), "bucket", TABLE_LEFT);
	table_column_key(t, NULL, "ae", TABLE_LEFT);
	table_column_key(t, NULL, "job", TABLE_LEFT);
	table_column_key(t, NULL, "note", TABLE_LEFT);
}

static void
detail_row(const struct receivables_options *o,
    const struct receivables_detail *d, struct table *t)
{
	char head[64], key[32], day[DATE_BUFSIZE];

	table_row(t);
	table_cell(t, d->invoice);
	table_cell(t, d->client);
	date_format(d->issued, day);
	table_cell(t, day);
	date_format(d->due, day);
	table_cell(t, day);
	table_cell_int(t, d->days);
	table_cell(t, d->currency);
	table_cell_money(t, d->amount, d->digits);
	table_cell_money(t, d->paid, d->digits);
	table_cell_money(t, d->balance, d->digits);
	table_cell_pair(t,
	    receivables_bucket_heading(o, d->bucket, head, sizeof(head)),
	    receivables_bucket_label(o, d->bucket, key, sizeof(key)));
	table_cell(t, d->ae);
	table_cell(t, d->job);
	table_cell(t, d->note);
}

/* Totals per currency: always for people, for records with --totals. */
static void
detail_total_rows(const struct receivables_report *rep, struct table *t)
{
	struct detail_total *tot;
	size_t i, j, n = detail_totals(rep, &tot);

	for (i = 0; i < n; i++) {
		if (i == 0)
			table_rule(t);
		table_row_for(t,
		    TABLE_PEOPLE | (rep->opts->totals ? TABLE_DATA : 0));
		table_cell_pair(t, _("Total"), "TOTAL");
		for (j = 0; j < 4; j++)
			table_skip(t);
		table_cell(t, tot[i].currency);
		table_cell_money(t, tot[i].amount, tot[i].digits);
		table_cell_money(t, tot[i].paid, tot[i].digits);
		table_cell_money(t, tot[i].balance, tot[i].digits);
	}
	free(tot);
}

/* Unapplied cash for records: the amount under paid, the number in note. */
static void
detail_unapplied(const struct receivables_report *rep, struct table *t)
{
	size_t i, j;

	for (i = 0; i < rep->nunapplied; i++) {
		const struct receivables_unapplied *u = &rep->unapplied[i];

		table_row_for(t, TABLE_DATA);
		table_cell(t, "UNAPPLIED");
		for (j = 0; j < 4; j++)
			table_skip(t);
		table_cell(t, u->currency);
		table_skip(t);
		table_cell_money(t, u->amount, u->digits);
		for (j = 0; j < 4; j++)
			table_skip(t);
		table_cell(t, u->invoice);
	}
}

static struct table *
detail_table(const struct receivables_report *rep)
{
	struct table *t = table_new();
	size_t i;

	detail_columns(t);
	for (i = 0; i < rep->ndetail; i++)
		detail_row(rep->opts, &rep->detail[i], t);
	detail_total_rows(rep, t);
	if (rep->opts->unapplied)
		detail_unapplied(rep, t);
	return t;
}

struct table *
receivables_table(const struct receivables_report *rep)
{
	if (rep->opts->by == RECV_BY_INVOICE)
		return detail_table(rep);
	return summary_table(rep);
}

static void
text_unapplied(const struct receivables_report *rep, FILE *out)
{
	struct table *t;
	char buf[MONEY_BUFSIZE];
	size_t i;

	if (rep->nunapplied == 0)
		return;
	fprintf(out, "\n%s\n\n", _("Unapplied cash"));
	t = table_new();
	table_column(t, _("Invoice"), TABLE_LEFT);
	table_column(t, _("Currency"), TABLE_LEFT);
	table_column(t, _("Amount"), TABLE_RIGHT);
	table_column(t, _("Reason"), TABLE_LEFT);
	table_column(t, _("First payment"), TABLE_LEFT);
	for (i = 0; i < rep->nunapplied; i++) {
		const struct receivables_unapplied *u = &rep->unapplied[i];

		table_row(t);
		table_cell(t, u->invoice);
		table_cell(t, u->currency);
		table_cell(t, amount(u->amount, u->digits, 1, buf));
		table_cell(t,
		    u->why == RECV_UNKNOWN_INVOICE ?
			_("unknown invoice") :
			_("invoice not yet issued"));
		table_cellf(t, "%s:%ld", u->source, u->line);
	}
	table_print(t, out);
	table_free(t);
}

void
receivables_write(const struct receivables_report *rep,
    enum table_format format, int flags, FILE *out)
{
	int people = format == TABLE_TEXT || format == TABLE_MD;
	struct table *t;

	if (people)
		text_heading(rep, out);
	if (people && rep->nrows == 0) {
		fprintf(out, "%s\n", _("Nothing outstanding."));
	} else {
		t = receivables_table(rep);
		table_write(t, format, flags, out);
		table_free(t);
	}
	if (people)
		text_unapplied(rep, out);
}
