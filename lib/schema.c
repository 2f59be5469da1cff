#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "i18n.h"
#include "jsontext.h"
#include "keytab.h"
#include "memo.h"
#include "money.h"
#include "schema.h"
#include "strbuf.h"
#include "text.h"

enum kind {
	K_STR,
	K_MONEY,
	K_DECIMAL,
	K_INT,
	K_BOOL,
	K_DATE,
	K_TIME,
	K_WHEN,
	K_MONTH,
	K_LIST,
	K_PEOPLE,
	K_PERSON, /* a name, "Name <email>" or {name, org, role, email} */
	K_OBJECTS,
	K_OBJECT,
	K_ENUM,
	K_SIGNOFFS,
	K_NOTES /* objects, or strings that are their first field */
};

/*
 * An inclusive range a number must fall in (hours of a day, a percent),
 * and the most decimals it may have (-1: any).  HI of LONG_MAX: not
 * negative.  ABOVE_LO: LO itself is out (a workday of 0 hours).
 */
struct range {
	long lo, hi;
	int decimals;
	int above_lo;
};

struct spec {
	const char *name;
	enum kind kind;
	int required;
	const void *more; /* K_ENUM: const char *const[]; K_OBJECT(S): spec[] */
	const struct range *range; /* K_INT, K_DECIMAL: NULL for any */
};

/* One field spec a line reads best, as written. */
/* clang-format off */
#define REQ 1
/* A flag that decides what reaches a client may be absent, but a null
 * or empty one fails closed: it is bad data, not false. */
#define CLOSED 2
/* Field NAME of kind K; R_ the same, required. */
#define F_(n, k) { n, k, 0, NULL, NULL }
#define CLOSED_(n) { n, K_BOOL, CLOSED, NULL, NULL }
#define R_(n, k) { n, k, REQ, NULL, NULL }
#define E_(n, set) { n, K_ENUM, 0, set, NULL }
#define RE_(n, set) { n, K_ENUM, REQ, set, NULL }
#define RNG_(n, k, rg) { n, k, 0, NULL, rg }
#define RNG_REQ(n, k, rg) { n, k, REQ, NULL, rg }
#define L_(n, k, sub) { n, k, 0, sub, NULL }
#define RL_(n, k, sub) { n, k, REQ, sub, NULL }
#define END { NULL, K_STR, 0, NULL, NULL }
/* clang-format on */

/* The enumerations of SPEC §4, one table each; tools ask schema_enum(). */
static const char *const item_kinds[] = { "opening", "decision", "discussion",
	"info", "approval", NULL };
static const char *const action_states[] = { "open", "done", "dropped", NULL };
static const char *const brief_kinds[] = { "creative", "media", "strategy",
	NULL };
static const char *const job_states[] = { "open", "approved", "production",
	"billed", "closed", NULL };
static const char *const job_kinds[] = { "client", "internal", NULL };
static const char *const forecast_kinds[] = { "fee", "media", "production",
	NULL };
static const char *const memo_kinds[] = { "memo", "fax", "letter", NULL };
static const char *const fact_sections[] = { "market", "product", "competition",
	"consumers", "brand", "campaign", "media", "company", NULL };
static const char *const holiday_kinds[] = { "holiday", "workday", NULL };
static const char *const leave_kinds[] = { "annual", "sick", "personal", NULL };
static const char *const complaint_channels[] = { "phone", "email", "visit",
	"letter", "fax", "im", NULL };
static const char *const complaint_severities[] = { "minor", "major",
	"critical", NULL };
static const char *const callback_kinds[] = { "complaint", "delivery",
	"dormant", "survey", NULL };

static const struct range day_hours = { 0, 24, 2, 0 };
static const struct range workday_hours = { 0, 24, 2, 1 };
static const struct range percent = { 0, 100, -1, 0 };
static const struct range score = { 1, 5, -1, 0 };
static const struct range not_negative = { 0, LONG_MAX, -1, 0 };
/* A week of minutes (longer is a typo) and ten years of payment terms. */
static const struct range item_minutes = { 0, 7L * 24 * 60, 0, 0 };
#define MAX_MEETING_MINUTES (7L * 24 * 60)
static const struct range meeting_minutes = { 1, MAX_MEETING_MINUTES, 0, 0 };
static const struct range terms_days = { 0, 3660, 0, 0 };
/* A re-sent agenda's revision number, as agenda(1) and the calendar
 * file's SEQUENCE read it. */
static const struct range revisions = { 0, INT32_MAX, 0, 0 };

static const struct spec person[] = { R_("name", K_STR), F_("org", K_STR),
	F_("role", K_STR), F_("email", K_STR), END };
static const struct spec agenda_item[] = { R_("topic", K_STR),
	R_("owner", K_STR), RNG_REQ("minutes", K_INT, &item_minutes),
	E_("kind", item_kinds), F_("contentious", K_BOOL), F_("fixed", K_BOOL),
	F_("notes", K_STR), END };
static const struct spec said[] = { R_("text", K_STR), CLOSED_("sensitive"),
	END };
static const struct spec minutes_action[] = { F_("id", K_STR),
	R_("what", K_STR), R_("owner", K_STR), R_("due", K_DATE),
	CLOSED_("sensitive"), END };
/* A line priced from the rate card needs only its code: no item. */
static const struct spec estimate_line[] = { F_("section", K_STR),
	F_("code", K_STR), F_("item", K_STR), F_("qty", K_DECIMAL),
	F_("unit", K_STR), F_("rate", K_MONEY), F_("amount", K_MONEY), END };
static const struct spec period[] = { R_("from", K_DATE), R_("to", K_DATE),
	END };
static const struct spec fieldwork[] = { F_("from", K_DATE), F_("to", K_DATE),
	F_("location", K_STR), END };
static const struct spec signoff[] = { R_("name", K_STR), F_("date", K_DATE),
	END };
static const struct spec attachment[] = { R_("name", K_STR),
	F_("artwork", K_BOOL), END };

static const struct spec invoice[] = { R_("invoice", K_STR),
	R_("client", K_STR), R_("issued", K_DATE), R_("amount", K_MONEY),
	F_("due", K_DATE), RNG_("terms", K_INT, &terms_days),
	F_("currency", K_STR), F_("job", K_STR), F_("ae", K_STR),
	F_("note", K_STR), END };
static const struct spec payment[] = { R_("invoice", K_STR), R_("date", K_DATE),
	R_("amount", K_MONEY), F_("currency", K_STR), F_("method", K_STR),
	F_("note", K_STR), END };
static const struct spec contact[] = { R_("client", K_STR), R_("name", K_STR),
	F_("title", K_STR), F_("org_unit", K_STR), F_("responsibility", K_STR),
	F_("phone", K_STR), F_("mobile", K_STR), F_("email", K_STR),
	F_("address", K_STR), F_("reports_to", K_STR), F_("key", K_BOOL),
	F_("note", K_STR), END };
static const struct spec meeting[] = { R_("id", K_STR), R_("title", K_STR),
	R_("start", K_TIME), RNG_("duration", K_INT, &meeting_minutes),
	F_("end", K_TIME), F_("client", K_STR), F_("agency", K_STR),
	F_("location", K_STR), L_("chair", K_PERSON, person),
	L_("attendees", K_PEOPLE, person), RL_("items", K_OBJECTS, agenda_item),
	F_("previous", K_LIST), F_("materials", K_LIST), F_("sent", K_WHEN),
	L_("sent_to", K_PEOPLE, person), RNG_("sequence", K_INT, &revisions),
	END };
static const struct spec minutes[] = { R_("id", K_STR), R_("client", K_STR),
	F_("agency", K_STR), R_("date", K_WHEN), F_("end", K_WHEN),
	F_("meeting", K_STR), F_("title", K_STR), F_("location", K_STR),
	L_("attendees", K_PEOPLE, person), L_("absent", K_PEOPLE, person),
	RL_("distribution", K_PEOPLE, person), L_("decisions", K_NOTES, said),
	L_("actions", K_OBJECTS, minutes_action), L_("notes", K_NOTES, said),
	F_("author", K_STR), F_("issued", K_WHEN), F_("key", K_BOOL), END };
static const struct spec action[] = { R_("id", K_STR), R_("what", K_STR),
	R_("owner", K_STR), R_("due", K_DATE), E_("status", action_states),
	F_("minutes", K_STR), F_("client", K_STR), F_("done_on", K_DATE), END };
static const struct spec brief[] = { RE_("kind", brief_kinds),
	R_("client", K_STR), R_("title", K_STR), F_("date", K_DATE),
	F_("job", K_STR), F_("brand", K_STR), F_("background", K_STR),
	F_("objective", K_STR), F_("target", K_STR), F_("insight", K_STR),
	F_("proposition", K_STR), F_("support", K_LIST), F_("tone", K_STR),
	F_("mandatories", K_LIST), F_("deliverables", K_LIST),
	F_("budget", K_MONEY), F_("due", K_DATE),
	L_("period", K_OBJECT, period), F_("markets", K_LIST),
	F_("kpis", K_LIST), F_("media", K_LIST),
	L_("approvals", K_SIGNOFFS, signoff), END };
static const struct spec estimate[] = { R_("estimate", K_STR),
	R_("client", K_STR), R_("currency", K_STR),
	RL_("lines", K_OBJECTS, estimate_line), F_("job", K_STR),
	F_("date", K_DATE), F_("revision", K_INT), F_("valid_until", K_DATE),
	RNG_("commission", K_DECIMAL, &not_negative),
	RNG_("tax", K_DECIMAL, &not_negative),
	RNG_("deposit", K_DECIMAL, &percent), F_("reviewed_by", K_STR),
	F_("reviewed_on", K_DATE), F_("approved_by", K_STR),
	F_("approved_on", K_DATE), END };
static const struct spec job[] = { R_("job", K_STR), R_("client", K_STR),
	R_("title", K_STR), R_("opened", K_DATE), E_("status", job_states),
	E_("kind", job_kinds), F_("brand", K_STR), F_("ae", K_STR),
	F_("brief", K_STR), F_("estimate", K_STR), F_("closed", K_DATE), END };
static const struct spec time_[] = { R_("date", K_DATE), R_("person", K_STR),
	R_("job", K_STR), RNG_REQ("hours", K_DECIMAL, &day_hours),
	F_("task", K_STR), F_("note", K_STR), END };
static const struct spec forecast[] = { R_("client", K_STR),
	R_("month", K_MONTH), R_("amount", K_MONEY), F_("currency", K_STR),
	F_("job", K_STR), E_("kind", forecast_kinds),
	RNG_("probability", K_DECIMAL, &percent), F_("revised", K_DATE), END };
static const struct spec research[] = { R_("title", K_STR), R_("client", K_STR),
	F_("purpose", K_STR), F_("agency", K_STR), F_("method", K_STR),
	F_("sample", K_STR), L_("fieldwork", K_OBJECT, fieldwork),
	F_("findings", K_LIST), F_("conclusions", K_LIST),
	F_("actions", K_LIST), END };
static const struct spec competitor[] = { R_("brand", K_STR),
	F_("client", K_STR), F_("product", K_STR), F_("appeal", K_STR),
	F_("target", K_STR), F_("promise", K_STR), F_("support", K_STR),
	F_("concept", K_STR), F_("tone", K_STR), F_("production", K_STR),
	F_("media", K_STR), F_("format", K_STR),
	RNG_("spend", K_MONEY, &not_negative), F_("currency", K_STR),
	F_("date", K_DATE), F_("source", K_STR), END };
static const struct spec memo[] = { RL_("to", K_PERSON, person),
	RL_("from", K_PERSON, person), R_("date", K_DATE), R_("subject", K_STR),
	R_("body", K_STR), L_("cc", K_PEOPLE, person), E_("kind", memo_kinds),
	F_("client", K_STR), F_("confirm_by", K_WHEN),
	L_("attachments", K_NOTES, attachment),
	/* memo(1)'s own: an urgent fax may carry artwork. */
	F_("urgent", K_BOOL), END };
static const struct spec fact[] = { R_("client", K_STR),
	RE_("section", fact_sections), R_("title", K_STR), R_("date", K_DATE),
	F_("text", K_STR), F_("source", K_STR), F_("link", K_STR),
	CLOSED_("sensitive"), END };
static const struct spec rate[] = { R_("code", K_STR), R_("rate", K_MONEY),
	F_("description", K_STR), F_("unit", K_STR), F_("currency", K_STR),
	END };
static const struct spec holiday[] = { R_("date", K_DATE),
	RE_("kind", holiday_kinds), F_("name", K_STR), END };
static const struct spec cost[] = { R_("job", K_STR), R_("amount", K_MONEY),
	F_("line", K_INT), F_("code", K_STR), F_("section", K_STR),
	F_("item", K_STR), F_("supplier", K_STR), F_("date", K_DATE),
	F_("currency", K_STR), END };
static const struct spec staff[] = { F_("person", K_STR), F_("role", K_STR),
	F_("start", K_DATE), F_("end", K_DATE),
	RNG_("hours", K_DECIMAL, &workday_hours),
	RNG_("rate", K_MONEY, &not_negative), F_("currency", K_STR), END };
static const struct spec leave[] = { R_("person", K_STR), R_("from", K_DATE),
	R_("to", K_DATE), E_("kind", leave_kinds), F_("note", K_STR), END };
static const struct spec complaint[] = { R_("id", K_STR), R_("client", K_STR),
	R_("received", K_TIME), R_("summary", K_STR),
	E_("channel", complaint_channels), F_("from", K_STR),
	E_("severity", complaint_severities), F_("owner", K_STR),
	F_("job", K_STR), F_("answered", K_TIME), F_("escalated_to", K_STR),
	F_("escalated", K_TIME), F_("resolved", K_TIME),
	F_("resolution", K_STR), F_("note", K_STR), F_("sensitive", K_BOOL),
	END };
static const struct spec callback[] = { R_("client", K_STR), R_("date", K_DATE),
	R_("by", K_STR), E_("kind", callback_kinds), F_("complaint", K_STR),
	F_("job", K_STR), F_("satisfied", K_BOOL), RNG_("score", K_INT, &score),
	F_("note", K_STR), END };

/* SPEC §1's types, in its order; PLURAL is how a file name may say it. */
static const struct {
	const char *type;
	const char *plural;
	const struct spec *fields;
} types[] = {
	{ "invoice", "invoices", invoice },
	{ "payment", "payments", payment },
	{ "meeting", "meetings", meeting },
	{ "minutes", "minutes", minutes },
	{ "action", "actions", action },
	{ "brief", "briefs", brief },
	{ "estimate", "estimates", estimate },
	{ "job", "jobs", job },
	{ "time", "times", time_ },
	{ "forecast", "forecasts", forecast },
	{ "contact", "contacts", contact },
	{ "research", "researches", research },
	{ "competitor", "competitors", competitor },
	{ "memo", "memos", memo },
	{ "fact", "facts", fact },
	{ "complaint", "complaints", complaint },
	{ "callback", "callbacks", callback },
	{ "rate", "rates", rate },
	{ "holiday", "holidays", holiday },
	{ "cost", "costs", cost },
	{ "staff", "staff", staff },
	{ "leave", "leaves", leave },
};
#define NTYPES (sizeof(types) / sizeof(types[0]))

/*
 * What comes first must not come after: FIRST and THEN are fields (paths)
 * of TYPE, dates or times; a record where THEN is before FIRST breaks
 * RULE.
 */
static const struct order {
	const char *type, *first, *then, *rule;
} orders[] = {
	{ "invoice", "issued", "due", "due-before-issued" },
	{ "meeting", "start", "end", "end-before-start" },
	{ "minutes", "date", "end", "end-before-start" },
	{ "job", "opened", "closed", "end-before-start" },
	{ "brief", "period.from", "period.to", "end-before-start" },
	{ "research", "fieldwork.from", "fieldwork.to", "end-before-start" },
	{ "estimate", "date", "valid_until", "end-before-start" },
	{ "staff", "start", "end", "end-before-start" },
	{ "leave", "from", "to", "end-before-start" },
	{ "complaint", "received", "answered", "end-before-start" },
	{ "complaint", "received", "resolved", "end-before-start" },
};

/*
 * The fields that name a record of TYPE once: no two records share them.
 * The first must be there; the others may be empty.  A reference table's
 * lines are one of a kind within their file (a rate card of 2026 and one
 * of 2027 may both price "D1").  AT is the field a duplicate is reported
 * at, when not the first.
 */
#define IDENTITY_FIELDS 5
static const struct identity {
	const char *type;
	const char *fields[IDENTITY_FIELDS + 1];
	int per_file;
	const char *at;
} identities[] = {
	{ "invoice", { "invoice" }, 0, NULL },
	{ "action", { "id" }, 0, NULL },
	{ "job", { "job" }, 0, NULL },
	{ "estimate", { "estimate", "revision" }, 0, NULL },
	{ "forecast", { "client", "month", "job", "kind", "revised" }, 0,
	    "revised" },
	{ "rate", { "code" }, 1, NULL },
	{ "holiday", { "date" }, 1, NULL },
	{ "staff", { "person" }, 1, NULL },
};
struct check {
	const struct record *r;
	const char *currency;
	int digits;
	schema_report_fn report;
	void *ctx;
	int problems;
	const char *named_type; /* the type, when taken from the file name */
	const char *rule;	/* the rule of the next problem, else guessed */
	const struct spec *fields;  /* the type's */
	struct plan *plan;	    /* the type's plan, or NULL */
	int by_column;		    /* a CSV row, read by the plan's columns */
	struct schema_values *out;  /* the values (with a plan) */
	struct schema_value *value; /* of the top-level field being read */
	char (*bufs)[JSONTEXT_BUFSIZE]; /* a text not in the record, a field */
	char code[8];			/* the record's currency */
};

#define NEED_TEXT 1
#define NEED_CHECK 2

/* The currencies a plan remembers. */
#define CURRENCIES_KEPT 4

/* The fields a type's findings compare, at most: complaint's three. */
#define PAIR_FIELDS 4

/*
 * A type's fields as the gate and a decoder read them: which of them
 * the findings and the id take (found once), and where each stands in
 * the CSV header being read (found once a header), so that a row is
 * read by column, not by name (a million rows in a pre-commit hook).
 */
struct plan {
	const struct spec *fields; /* NULL until first needed */
	size_t nfields;
	/* What each field needs beyond its text: NEED_TEXT when required,
	   NEED_CHECK when of a form to check in a CSV cell. */
	unsigned char need[SCHEMA_FIELDS_MAX];
	int either; /* its records need one of two fields (eithers[]) */
	const struct identity *identity; /* NULL: the type has none */
	int id_ix[IDENTITY_FIELDS];	 /* the id's fields' indexes */
	int id_date[IDENTITY_FIELDS];	 /* the id field is a date */
	/* The fields the findings across fields compare, by their path's
	   address in orders[] and eithers[]. */
	struct {
		const char *path;
		const struct spec *sp;
		int ix;
	} pair[PAIR_FIELDS];
	size_t npairs;
	/* The CSV header the columns are of; -1: not in it. */
	const struct csv_header *header;
	unsigned long serial;
	long col[SCHEMA_FIELDS_MAX]; /* of each field, in spec order */
	long currency;
	/* The last currencies read and what they are: a ledger repeats
	   a few. */
	struct {
		char text[8], code[8];
		int digits;
	} cur[CURRENCIES_KEPT];
	unsigned ncur;
	/* The default's, for a header without a currency column. */
	int def_ready, def_digits;
	char def_code[8];
};

/* What a decoder and the gate keep from record to record. */
struct schema_decoder {
	const char *currency;
	struct plan plans[NTYPES];
	const char *last_type; /* the last TYPE asked for, at LAST_INDEX */
	int last_index;
	char bufs[SCHEMA_FIELDS_MAX][JSONTEXT_BUFSIZE];
	struct schema_values values;
};

static int type_index(const char *type);

static const struct spec *
type_fields(const char *type)
{
	int i = type_index(type);

	return i < 0 ? NULL : types[i].fields;
}

int
record_type_known(const char *name)
{
	return type_fields(name) != NULL;
}

const char *
schema_type_name(size_t i)
{
	return i < NTYPES ? types[i].type : NULL;
}

/* The field NAME of FIELDS, or NULL. */
static const struct spec *
find_field(const struct spec *fields, const char *name, size_t n)
{
	for (; fields && fields->name; fields++)
		if (strlen(fields->name) == n &&
		    strncmp(fields->name, name, n) == 0)
			return fields;
	return NULL;
}

/* FIELD of TYPE, a path through objects and lists ("items.kind"). */
static const struct spec *
field_spec(const char *type, const char *field)
{
	const struct spec *fields = type_fields(type), *sp = NULL;
	const char *dot;

	while (fields) {
		dot = strchr(field, '.');
		sp = find_field(fields, field,
		    dot ? (size_t)(dot - field) : strlen(field));
		if (sp == NULL || dot == NULL)
			return sp;
		if (sp->kind != K_OBJECT && sp->kind != K_OBJECTS &&
		    sp->kind != K_NOTES && sp->kind != K_SIGNOFFS &&
		    sp->kind != K_PEOPLE && sp->kind != K_PERSON)
			return NULL;
		fields = sp->more;
		field = dot + 1;
	}
	return NULL;
}

/* Column NAME of header H, the first of that name, or -1. */
static long
header_index(const struct csv_header *h, const char *name)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (strcmp(h->names[i], name) == 0)
			return (long)i;
	return -1;
}

/* Cell COL of CSV row R as record_value() reads it: NULL when empty. */
static const char *
cell(const struct record *r, long col)
{
	const char *s = col < 0 ? NULL : r->values[col];

	return s && *s ? s : NULL;
}

static const struct identity *identity_of(const char *type);
static void plan_pairs(struct plan *, const char *, const struct spec *);

static size_t
field_count(const struct spec *fields)
{
	size_t n = 0;

	while (fields[n].name)
		n++;
	return n;
}

/* Whether a CSV cell of kind K is more than its text (check_cell's say). */
static int
cell_checked(enum kind k)
{
	return k != K_STR && k != K_LIST && k != K_PEOPLE && k != K_PERSON &&
	    k != K_NOTES;
}

/* The index of field NAME in FIELDS, or -1. */
static int
field_index(const struct spec *fields, const char *name)
{
	const struct spec *sp = find_field(fields, name, strlen(name));

	return sp ? (int)(sp - fields) : -1;
}

/* What P holds of TYPE, of FIELDS, that no record changes. */
static void
plan_type(struct plan *p, const char *type, const struct spec *fields)
{
	const struct identity *id = identity_of(type);
	size_t i;

	p->identity = id;
	for (i = 0; id && id->fields[i]; i++) {
		p->id_ix[i] = field_index(fields, id->fields[i]);
		p->id_date[i] = field_spec(type, id->fields[i])->kind == K_DATE;
	}
	plan_pairs(p, type, fields);
	p->nfields = field_count(fields);
	for (i = 0; i < p->nfields; i++)
		p->need[i] = (fields[i].required == REQ ? NEED_TEXT : 0) |
		    (cell_checked(fields[i].kind) ? NEED_CHECK : 0);
	p->fields = fields;
}

/* The columns of P's fields in R's header. */
static void
plan_columns(struct plan *p, const struct record *r)
{
	size_t i;

	for (i = 0; p->fields[i].name; i++)
		p->col[i] = header_index(r->header, p->fields[i].name);
	p->currency = header_index(r->header, "currency");
	p->ncur = 0;
	p->def_ready = 0;
	p->header = r->header;
	p->serial = r->header->serial;
}

/*
 * P of TYPE's FIELDS made ready for R: its columns found again when R's
 * header is new to it.  NULL for a type of more fields than a plan holds.
 */
static struct plan *
plan_for(struct plan *p, const struct record *r, const char *type,
    const struct spec *fields)
{
	if (p->fields == NULL) {
		if (field_count(fields) > SCHEMA_FIELDS_MAX)
			return NULL;
		plan_type(p, type, fields);
	}
	if (r->object == NULL && r->header &&
	    (p->header != r->header || p->serial != r->header->serial))
		plan_columns(p, r);
	return p;
}

const char *const *
schema_enum(const char *type, const char *field)
{
	const struct spec *sp = field_spec(type, field);

	return sp && sp->kind == K_ENUM ? sp->more : NULL;
}

int
schema_enum_index(const char *type, const char *field, const char *value)
{
	const char *const *set = schema_enum(type, field);
	int i;

	for (i = 0; set && set[i]; i++)
		if (strcmp(set[i], value) == 0)
			return i;
	return -1;
}

static void join_set(const char *const *, char *, size_t);

/* Fills ERR: S is not one of SET. */
static void
not_one_of(const char *s, const char *const *set, struct ae_error *err)
{
	char list[256];

	join_set(set, list, sizeof(list));
	ae_error_set(err, AE_EDATA, "'%.*s%s' is not one of %s", TEXT_CLIP(s),
	    list);
}

int
schema_enum_check(const char *type, const char *field, const char *value,
    struct ae_error *err)
{
	const char *const *set = schema_enum(type, field);
	int i = schema_enum_index(type, field, value);

	if (i < 0 && set)
		not_one_of(value, set, err);
	else if (i < 0)
		ae_error_set(err, AE_EINTERNAL, "no enumeration '%s' of '%s'",
		    field, type);
	return i;
}

int
schema_is_field(const char *type, const char *field)
{
	return field_spec(type, field) != NULL;
}

/* The type word W (N bytes, any case), singular or plural, or NULL. */
static const char *
type_of_word(const char *w, size_t n)
{
	char low[32];
	size_t i;

	if (n == 0 || n >= sizeof(low))
		return NULL;
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)w[i]);
	low[n] = '\0';
	for (i = 0; i < NTYPES; i++)
		if (strcmp(low, types[i].type) == 0 ||
		    strcmp(low, types[i].plural) == 0)
			return types[i].type;
	return NULL;
}

int
schema_types_in_name(const char *path, const char **found, int max)
{
	const char *base = strrchr(path, '/'), *dot, *w, *t;
	size_t n, len;
	int count = 0, i;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	for (w = base; w < base + n; w += len + 1) {
		len = strcspn(w, "-_. ");
		if (w + len > base + n)
			len = (size_t)(base + n - w);
		if ((t = type_of_word(w, len)) == NULL)
			continue;
		for (i = 0; i < count && i < max; i++)
			if (found[i] == t)
				break;
		if (i < count)
			continue;
		if (count < max)
			found[count] = t;
		count++;
	}
	return count;
}

/* The type of a record of SOURCE with none of its own nor a default. */
static const char *
type_from_name(const char *source, char *buf, size_t size,
    enum type_origin *origin)
{
	const char *named[2];

	switch (schema_types_in_name(source, named, 2)) {
	case 0:
		*origin = TYPE_NONE;
		return NULL;
	case 1:
		*origin = TYPE_FILE_NAME;
		snprintf(buf, size, "%s", named[0]);
		return buf;
	default:
		*origin = TYPE_AMBIGUOUS;
		snprintf(buf, size, "%s' and '%s", named[0], named[1]);
		return NULL;
	}
}

const char *
schema_record_type(const struct record *r, const char *default_type, char *buf,
    size_t size, enum type_origin *origin)
{
	char tmp[JSONTEXT_BUFSIZE];
	const char *t = record_value(r, "type", tmp);
	enum type_origin o;

	if (origin == NULL)
		origin = &o;
	if (t) {
		*origin = TYPE_FIELD;
		snprintf(buf, size, "%s", t);
		return buf;
	}
	if (default_type) {
		*origin = TYPE_DEFAULT;
		return default_type;
	}
	return type_from_name(r->source, buf, size, origin);
}

const char *
record_type(const struct record *r, const char *default_type, char *buf,
    size_t size)
{
	return schema_record_type(r, default_type, buf, size, NULL);
}

/* Says where the type came from: the cause may be the file's name. */
static void
name_type(struct ae_error *err, const char *type)
{
	size_t n = strlen(err->text);

	snprintf(err->text + n, sizeof(err->text) - n,
	    " (taken as '%s' from the file name)", type);
}

static void
problem_err(struct check *ck, const char *field, struct ae_error *err)
{
	const char *rule = ck->rule				? ck->rule :
	    strcmp(err->text, "required field is missing") == 0 ? "required" :
								  "format";

	ae_error_field(err, field);
	ae_error_at(err, ck->r->source, ck->r->line, 0);
	if (ck->named_type)
		name_type(err, ck->named_type);
	ck->report(rule, err, ck->ctx);
	ck->problems++;
}

static void
problem(struct check *ck, const char *field, const char *fmt, const char *a,
    const char *b)
{
	struct ae_error err;

	ae_error_clear(&err);
	ae_error_set(&err, AE_EDATA, fmt, a, b);
	problem_err(ck, field, &err);
}

/* S's index in SET, or -1. */
static int
member_index(const char *s, const char *const *set)
{
	int i;

	for (i = 0; set[i]; i++)
		if (strcmp(s, set[i]) == 0)
			return i;
	return -1;
}

static void
join_set(const char *const *set, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (; *set && n < size; set++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "",
		    *set);
}

static void check_fields(struct check *, const struct spec *, json_t *,
    const char *);

/* Whether D lies outside [LO, HI]: D × 10^-scale against whole bounds. */
static int
out_of_range(struct decimal d, long lo, long hi)
{
	int64_t whole = d.coef, rest = 0, p = 1;
	int i;

	for (i = 0; i < d.scale; i++)
		p *= 10;
	whole = d.coef / p;
	rest = d.coef % p;
	if (whole < lo || (whole == lo && rest < 0))
		return 1;
	return whole > hi || (whole == hi && rest > 0);
}

/* Whether D falls outside RG. */
static int
outside(const struct range *rg, struct decimal d)
{
	return out_of_range(d, rg->lo, rg->hi) ||
	    (rg->above_lo && d.coef == 0 && rg->lo == 0);
}

/* "0 to 24" of RG, in a static buffer. */
static const char *
bounds(const struct range *rg)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "%ld to %ld", rg->lo, rg->hi);
	return buf;
}

static void
check_range(struct check *ck, const struct spec *sp, struct decimal d,
    const char *s, const char *path)
{
	static const char *const words[] = { "no", "one", "two", "three" };
	const struct range *rg = sp->range;
	struct ae_error err;

	ae_error_clear(&err);
	if (rg->decimals >= 0 && rg->decimals < 4 && d.scale > rg->decimals)
		ae_error_set(&err, AE_EDATA, "'%s' has more than %s decimals",
		    s, words[rg->decimals]);
	else if (!outside(rg, d))
		return;
	else if (rg->hi == LONG_MAX)
		ae_error_set(&err, AE_EDATA, "'%s' is negative", s);
	else if (rg->above_lo)
		ae_error_set(&err, AE_EDATA,
		    "'%s' is not a number above %ld up to %ld", s, rg->lo,
		    rg->hi);
	else
		ae_error_set(&err, AE_EDATA, "'%s' is outside %ld to %ld", s,
		    rg->lo, rg->hi);
	ck->rule = "range";
	problem_err(ck, path, &err);
	ck->rule = NULL;
}

/*
 * S as strtol(S, END, 10) reads it, plain digits without its cost (the
 * days of a million invoices' terms).
 */
static long
whole_number(const char *s, char **end)
{
	const char *p = s;
	long n = 0;

	while (*p >= '0' && *p <= '9' && p - s < 18)
		n = n * 10 + (*p++ - '0');
	/* A sign, a space first, nineteen digits or more: strtol's. */
	if (p == s || (*p >= '0' && *p <= '9'))
		return strtol(s, end, 10);
	*end = (char *)p;
	return n;
}

/*
 * Whether S is a good value of SP's common forms, read into V: the road
 * of nearly every value, which builds no message.  0 leaves S to
 * check_scalar, which says what is wrong (or finds it good).
 */
static int
scalar_ok(const struct spec *sp, const char *s, int digits,
    const char *currency, struct schema_value *v)
{
	const struct range *rg = sp->range;
	char *end;

	switch (sp->kind) {
	case K_MONEY:
		return digits >= 0 &&
		    money_parse(s, digits, currency, &v->money, NULL) == 0 &&
		    (rg == NULL || v->money >= rg->lo);
	case K_DECIMAL:
		return decimal_parse(s, &v->number, NULL) == 0 &&
		    (rg == NULL ||
			((rg->decimals < 0 || rg->decimals >= 4 ||
			     v->number.scale <= rg->decimals) &&
			    !outside(rg, v->number)));
	case K_INT:
		v->whole = whole_number(s, &end);
		return *end == '\0' && end != s && v->whole >= 0 &&
		    (rg == NULL || (v->whole >= rg->lo && v->whole <= rg->hi));
	case K_DATE:
		return date_parse(s, &v->day, NULL) == 0;
	case K_BOOL:
		return (v->flag = text_bool(s)) >= 0;
	case K_ENUM:
		return (v->index = member_index(s, sp->more)) >= 0;
	default:
		return 0;
	}
}

/* Checks one scalar text S against kind K; PATH names it in messages. */
static void
check_scalar(struct check *ck, const struct spec *sp, const char *s,
    const char *path)
{
	struct schema_value scratch, *v = ck->value ? ck->value : &scratch;
	struct ae_error err;
	struct datetime dt;
	int32_t day;
	int y, m;
	char *end;
	long n;

	ae_error_clear(&err);
	switch (sp->kind) {
	case K_MONEY:
		/* An unknown currency was reported once already. */
		if (ck->digits >= 0 &&
		    money_parse(s, ck->digits, ck->currency, &v->money, &err))
			problem_err(ck, path, &err);
		else if (ck->digits >= 0 && sp->range &&
		    v->money < sp->range->lo)
			check_range(ck, sp, (struct decimal){ v->money, 0 }, s,
			    path);
		break;
	case K_DECIMAL:
		if (decimal_parse(s, &v->number, &err))
			problem_err(ck, path, &err);
		else if (sp->range)
			check_range(ck, sp, v->number, s, path);
		break;
	case K_INT:
		/* A bounded count says its bounds, as field_int does. */
		v->whole = n = whole_number(s, &end);
		if (sp->range && sp->range->hi != LONG_MAX &&
		    (*end || end == s ||
			out_of_range((struct decimal){ n, 0 }, sp->range->lo,
			    sp->range->hi))) {
			ck->rule = *end || end == s ? "format" : "range";
			problem(ck, path, "'%s' is not a whole number from %s",
			    s, bounds(sp->range));
			ck->rule = NULL;
		} else if (*end || end == s || n < 0)
			problem(ck, path, "'%s' is not a whole number%s", s,
			    "");
		else if (sp->range && sp->range->hi == LONG_MAX)
			check_range(ck, sp, (struct decimal){ n, 0 }, s, path);
		break;
	case K_BOOL:
		if ((v->flag = text_bool(s)) < 0)
			problem(ck, path, "'%s' is not true or false%s", s, "");
		break;
	case K_DATE:
		if (date_parse(s, &v->day, &err))
			problem_err(ck, path, &err);
		break;
	case K_TIME:
		if (datetime_parse(s, &v->time, &err))
			problem_err(ck, path, &err);
		break;
	case K_WHEN:
		if (datetime_parse(s, &dt, &err) && date_parse(s, &day, NULL)) {
			ae_error_clear(&err);
			ae_error_set(&err, AE_EDATA,
			    "'%.*s%s' is not a valid date or date and time",
			    TEXT_CLIP(s));
			problem_err(ck, path, &err);
		}
		break;
	case K_MONTH:
		if (month_parse(s, &y, &m, &err))
			problem_err(ck, path, &err);
		else
			v->day = date_from_ymd(y, m, 1);
		break;
	case K_ENUM:
		if ((v->index = member_index(s, sp->more)) < 0) {
			not_one_of(s, sp->more, &err);
			problem_err(ck, path, &err);
		}
		break;
	default:
		break;
	}
}

/*
 * A list of objects written as text (a CSV cell, a JSON string): the
 * message says what it needs, "a list of {what, owner, due}".
 */
static void
objects_as_text(struct check *ck, const struct spec *sp, const char *path)
{
	const struct spec *f = sp->more;
	struct strbuf sb = STRBUF_INIT;

	for (; f && f->name; f++)
		if (f->required == REQ)
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", f->name);
	problem(ck, path, "needs JSON: a list of {%s}%s", sb.buf ? sb.buf : "",
	    "");
	strbuf_release(&sb);
}

static void
check_list(struct check *ck, const struct spec *sp, json_t *v, const char *path)
{
	char sub[256], buf[JSONTEXT_BUFSIZE];
	size_t i;
	json_t *e;

	if (!json_is_array(v)) {
		if (sp->kind == K_OBJECTS && json_is_string(v))
			objects_as_text(ck, sp, path);
		else
			problem(ck, path, "expected a list%s%s", "", "");
		return;
	}
	json_array_foreach(v, i, e)
	{
		snprintf(sub, sizeof(sub), "%s[%zu]", path, i + 1);
		if (sp->kind == K_LIST) {
			if (json_scalar_text(e, buf) == NULL)
				problem(ck, sub, "expected a text%s%s", "", "");
		} else if ((sp->kind == K_PEOPLE || sp->kind == K_NOTES) &&
		    json_is_string(e)) {
			continue;
		} else if (json_is_object(e)) {
			check_fields(ck, sp->more, e, sub);
		} else {
			problem(ck, sub, "expected %s%s",
			    sp->kind == K_PEOPLE ?
				"a name or {name, org, role, email}" :
				"an object",
			    "");
		}
	}
}

static void
check_signoffs(struct check *ck, const struct spec *sp, json_t *v,
    const char *path)
{
	char sub[256];
	const char *key;
	json_t *e;

	if (!json_is_object(v)) {
		problem(ck, path, "expected an object of sign-offs%s%s", "",
		    "");
		return;
	}
	json_object_foreach(v, key, e)
	{
		snprintf(sub, sizeof(sub), "%s.%s", path, key);
		if (json_is_object(e))
			check_fields(ck, sp->more, e, sub);
		else if (!json_is_string(e))
			problem(ck, sub, "expected {name, date}%s%s", "", "");
	}
}

/* Checks CSV cell S of field SP: a list of objects cannot be one. */
static void
check_cell(struct check *ck, const struct spec *sp, const char *s,
    const char *path)
{
	switch (sp->kind) {
	case K_LIST:
	case K_PEOPLE:
	case K_PERSON:
	case K_NOTES:
		return; /* "a; b", "Name <email>" */
	case K_OBJECTS:
		objects_as_text(ck, sp, path);
		return;
	case K_OBJECT:
		problem(ck, path, "expected an object%s%s", "", "");
		return;
	case K_SIGNOFFS:
		problem(ck, path, "expected an object of sign-offs%s%s", "",
		    "");
		return;
	case K_STR:
		return;
	default:
		check_scalar(ck, sp, s, path);
	}
}

static void
missing(struct check *ck, const struct spec *sp, const char *path)
{
	if (sp->required == REQ)
		problem(ck, path, "required field is missing%s%s", "", "");
}

/* Checks one JSON value V (NULL: absent) of field SP at PATH. */
static void
check_value(struct check *ck, const struct spec *sp, json_t *v,
    const char *path)
{
	char local[JSONTEXT_BUFSIZE];
	char *buf = ck->value ? ck->bufs[ck->value - ck->out->v] : local;
	const char *s;

	if (v != NULL && sp->required == CLOSED &&
	    (json_is_null(v) ||
		(json_is_string(v) && json_string_length(v) == 0))) {
		problem(ck, path, "%s is not true or false%s",
		    json_is_null(v) ? "null" : "''", "");
		return;
	}
	if (v == NULL || json_is_null(v) ||
	    (json_is_string(v) && json_string_length(v) == 0)) {
		missing(ck, sp, path);
		return;
	}
	s = json_scalar_text(v, buf);
	if (ck->value)
		ck->value->text = s;
	switch (sp->kind) {
	case K_LIST:
	case K_PEOPLE:
	case K_OBJECTS:
	case K_NOTES:
		if (json_is_string(v) && sp->kind != K_OBJECTS)
			return; /* a CSV cell: "a; b" */
		check_list(ck, sp, v, path);
		return;
	case K_OBJECT:
		if (json_is_object(v))
			check_fields(ck, sp->more, v, path);
		else
			problem(ck, path, "expected an object%s%s", "", "");
		return;
	case K_SIGNOFFS:
		check_signoffs(ck, sp, v, path);
		return;
	case K_PERSON:
		if (json_is_object(v))
			check_fields(ck, sp->more, v, path);
		else if (!json_is_string(v))
			problem(ck, path, "expected %s%s",
			    "a name or {name, org, role, email}", "");
		return;
	default:
		break;
	}
	if (s == NULL && sp->kind == K_BOOL)
		problem(ck, path, "%s is not true or false%s",
		    json_is_object(v) ? "an object" : "a list", "");
	else if (s == NULL)
		problem(ck, path, "expected a single value%s%s", "", "");
	else if (sp->kind != K_STR &&
	    !(ck->value &&
		scalar_ok(sp, s, ck->digits, ck->currency, ck->value)))
		check_scalar(ck, sp, s, path);
}

static void
check_fields(struct check *ck, const struct spec *fields, json_t *obj,
    const char *prefix)
{
	const struct spec *sp;
	char path[256];

	ck->value = NULL; /* the values are the record's own fields' */
	for (sp = fields; sp->name; sp++) {
		snprintf(path, sizeof(path), "%s.%s", prefix, sp->name);
		check_value(ck, sp, json_object_get(obj, sp->name), path);
	}
}

/*
 * A CSV row's fields by the plan's columns, into the values: a text
 * needs no more than its cell.
 */
static void
check_row(struct check *ck, const struct spec *fields)
{
	const char *const *cells = ck->r->values;
	const long *col = ck->plan->col;
	struct schema_value *v = ck->out->v;
	const struct spec *sp;
	const char *s;
	size_t i;

	for (sp = fields, i = 0; sp->name; sp++, i++) {
		s = col[i] < 0 ? NULL : cells[col[i]];
		v[i].text = s = s && *s ? s : NULL;
		if (s == NULL) {
			missing(ck, sp, sp->name);
		} else if (sp->kind != K_STR &&
		    !scalar_ok(sp, s, ck->digits, ck->currency, &v[i])) {
			ck->value = &v[i];
			check_cell(ck, sp, s, sp->name);
		}
	}
	ck->value = NULL;
}

/*
 * The record's own fields.  A CSV row is read cell by cell, never made
 * into JSON: this runs a million times in a pre-commit hook.
 */
static void
check_top(struct check *ck, const struct spec *fields)
{
	char buf[JSONTEXT_BUFSIZE];
	const struct record *r = ck->r;
	const struct spec *sp;
	const char *s;
	size_t i;

	if (ck->by_column) {
		check_row(ck, fields);
		return;
	}
	for (sp = fields, i = 0; sp->name; sp++, i++) {
		if (ck->out)
			ck->value = &ck->out->v[i];
		if (r->object) {
			if (ck->value)
				ck->value->text = NULL;
			check_value(ck, sp,
			    json_object_get(r->object, sp->name), sp->name);
			continue;
		}
		s = record_value(r, sp->name, buf);
		if (ck->value)
			ck->value->text = s;
		if (s == NULL)
			missing(ck, sp, sp->name);
		else
			check_cell(ck, sp, s, sp->name);
	}
	ck->value = NULL;
}

/* The pair of the plan of CK for PATH (an address in orders, eithers). */
static int
pair_of(const struct check *ck, const char *path)
{
	size_t i;

	for (i = 0; ck->plan && i < ck->plan->npairs; i++)
		if (ck->plan->pair[i].path == path)
			return (int)i;
	return -1;
}

/* The spec of field PATH of the checked record's TYPE. */
static const struct spec *
spec_at(const struct check *ck, const char *type, const char *path)
{
	int i = pair_of(ck, path);

	return i < 0 ? field_spec(type, path) : ck->plan->pair[i].sp;
}

/* The text of field PATH ("period.from": one level down) of R, or NULL. */
static const char *
value_at(const struct check *ck, const char *path, char *buf)
{
	const struct record *r = ck->r;
	const char *dot = strchr(path, '.'), *s;
	char head[64];
	json_t *o;

	int i = pair_of(ck, path);

	if (i >= 0)
		return ck->out->v[ck->plan->pair[i].ix].text;
	if (dot == NULL)
		return record_value(r, path, buf);
	if (r->object == NULL || (size_t)(dot - path) >= sizeof(head))
		return NULL;
	memcpy(head, path, (size_t)(dot - path));
	head[dot - path] = '\0';
	if ((o = json_object_get(json_object_get(r->object, head), dot + 1)) ==
	    NULL)
		return NULL;
	s = json_scalar_text(o, buf);
	return s && *s ? s : NULL;
}

/* A date or a time as a point: *DAY always, *EPOCH for a time (1). */
static int
point_of(const char *s, enum kind k, int32_t *day, int64_t *epoch)
{
	struct datetime t;

	if (k != K_DATE && datetime_parse(s, &t, NULL) == 0) {
		*day = datetime_day(t);
		*epoch = t.epoch;
		return 1;
	}
	if (k != K_TIME && date_parse(s, day, NULL) == 0)
		return 0;
	return -1;
}

/*
 * Reports THEN before FIRST.  A date against a time compares days, so a
 * date alone, which covers its whole day, is never before itself.
 */
static void
check_order(struct check *ck, const char *type, const struct order *o)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], what[256];
	const char *s1 = value_at(ck, o->first, b1);
	const char *s2 = value_at(ck, o->then, b2);
	int32_t d1, d2;
	int64_t e1, e2;
	int t1, t2, before;

	if (s1 == NULL || s2 == NULL)
		return;
	t1 = point_of(s1, spec_at(ck, type, o->first)->kind, &d1, &e1);
	t2 = point_of(s2, spec_at(ck, type, o->then)->kind, &d2, &e2);
	if (t1 < 0 || t2 < 0)
		return; /* reported as a format problem */
	before = t1 && t2 ? e2 < e1 : d2 < d1;
	if (!before)
		return;
	/* A finding, so in the --lang language (an error's text is not). */
	snprintf(what, sizeof(what), _("%s is before '%s' %s"), s2, o->first,
	    s1);
	ck->rule = o->rule;
	problem(ck, o->then, "%s%s", what, "");
	ck->rule = NULL;
}

/* A record of TYPE needs FIELD or ELSE: a required field in two forms. */
static const struct either {
	const char *type, *field, *other, *text;
} eithers[] = {
	{ "meeting", "duration", "end",
	    "a meeting needs a duration (minutes) or an end" },
	/* A cost rate for one person, or the default of a role. */
	{ "staff", "person", "role", "a staff line needs a person or a role" },
};

/* Whether A and B are one type: the first letter tells most apart. */
static int
same_type(const char *a, const char *b)
{
	return a[0] == b[0] && strcmp(a, b) == 0;
}

/* Adds field PATH (of the record's own, not one level down) to P. */
static void
plan_pair(struct plan *p, const struct spec *fields, const char *path)
{
	const struct spec *sp;

	if (strchr(path, '.') || p->npairs == PAIR_FIELDS ||
	    (sp = find_field(fields, path, strlen(path))) == NULL)
		return;
	p->pair[p->npairs].path = path;
	p->pair[p->npairs].sp = sp;
	p->pair[p->npairs++].ix = (int)(sp - fields);
}

/* The fields of TYPE that its findings compare, in P. */
static void
plan_pairs(struct plan *p, const char *type, const struct spec *fields)
{
	size_t i;

	p->npairs = 0;
	for (i = 0; i < sizeof(orders) / sizeof(orders[0]); i++)
		if (same_type(orders[i].type, type)) {
			plan_pair(p, fields, orders[i].first);
			plan_pair(p, fields, orders[i].then);
		}
	p->either = 0;
	for (i = 0; i < sizeof(eithers) / sizeof(eithers[0]); i++)
		if (same_type(eithers[i].type, type)) {
			p->either = 1;
			plan_pair(p, fields, eithers[i].field);
			plan_pair(p, fields, eithers[i].other);
		}
}

static void
check_either(struct check *ck, const char *type)
{
	char buf[JSONTEXT_BUFSIZE];
	const struct either *e;
	size_t i;

	for (i = 0; i < sizeof(eithers) / sizeof(eithers[0]); i++) {
		e = &eithers[i];
		if (!same_type(e->type, type) || value_at(ck, e->field, buf) ||
		    value_at(ck, e->other, buf))
			continue;
		ck->rule = "required";
		problem(ck, e->field, "%s%s", e->text, "");
		ck->rule = NULL;
	}
}

/*
 * A meeting's end and duration say one length, of at most a week (longer
 * is a typo), and an end at the start is no meeting.  An end before the
 * start is the finding end-before-start.
 */
static void
check_meeting_span(struct check *ck)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], b3[JSONTEXT_BUFSIZE];
	char given[24], took[24];
	const char *s1 = value_at(ck, "start", b1);
	const char *s2 = value_at(ck, "end", b2);
	const char *d = value_at(ck, "duration", b3);
	struct datetime start, end;
	int64_t minutes;
	char *rest;
	long n;

	if (s1 == NULL || s2 == NULL || datetime_parse(s1, &start, NULL) ||
	    datetime_parse(s2, &end, NULL) || end.epoch < start.epoch)
		return;
	minutes = (end.epoch - start.epoch) / 60;
	if (end.epoch == start.epoch) {
		problem(ck, "end", "'%s' is not after the start%s", s2, "");
	} else if (minutes > MAX_MEETING_MINUTES) {
		ck->rule = "range";
		problem(ck, "end",
		    "the meeting would last more than a week%s%s", "", "");
		ck->rule = NULL;
	} else if (d && (n = strtol(d, &rest, 10)) > 0 && *rest == '\0' &&
	    n != minutes) {
		snprintf(given, sizeof(given), "%lld", (long long)minutes);
		snprintf(took, sizeof(took), "%ld", n);
		problem(ck, "end",
		    "end is %s minutes after the start, duration says %s",
		    given, took);
	}
}

/* The `id` of action A, or NULL. */
static const char *
id_of(json_t *a, char *buf)
{
	json_t *v = json_object_get(a, "id");
	const char *s = v ? json_scalar_text(v, buf) : NULL;

	return s && *s ? s : NULL;
}

/* Two actions of one minutes may not share an id. */
static void
check_action_ids(struct check *ck)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], path[64], at[24];
	json_t *list =
	    ck->r->object ? json_object_get(ck->r->object, "actions") : NULL;
	const char *a, *b;
	size_t i, j, n = json_array_size(list);

	for (i = 1; i < n; i++) {
		a = id_of(json_array_get(list, i), b1);
		for (j = 0; a && j < i; j++) {
			b = id_of(json_array_get(list, j), b2);
			if (b == NULL || strcmp(a, b) != 0)
				continue;
			snprintf(path, sizeof(path), "actions[%zu].id", i + 1);
			snprintf(at, sizeof(at), "%zu", j + 1);
			ck->rule = "duplicate";
			problem(ck, path,
			    _("action '%s' is already actions[%s]"), a, at);
			ck->rule = NULL;
			break;
		}
	}
}

/* The findings that take more than one field of the record. */
static void
check_across_fields(struct check *ck, const char *type)
{
	size_t i;

	for (i = 0; i < sizeof(orders) / sizeof(orders[0]); i++)
		if (same_type(orders[i].type, type))
			check_order(ck, type, &orders[i]);
	if (same_type(type, "minutes"))
		check_action_ids(ck);
}

/*
 * A memo's header values hold no control character: the gate refuses
 * what the memo tool refuses, in its words (memo.h).
 */
static void
check_memo_header(struct check *ck)
{
	json_t *o = record_to_json(ck->r);
	struct ae_error err;

	ae_error_clear(&err);
	if (memo_header_check(o, &err) != 0)
		problem_err(ck, err.field, &err);
	json_decref(o);
}

/*
 * The name and email of a meeting's person at FIELD hold no control
 * character, as agenda -f ics reads them (a double quote in a name is
 * the calendar file's alone to refuse: elsewhere it is a fine name).
 */
static void
check_person_text(struct check *ck, const char *s, const char *field,
    const char *part)
{
	const char *c;
	char path[160];

	if (s == NULL || (c = text_control_char(s)) == NULL)
		return;
	snprintf(path, sizeof(path), "%s.%s", field, part);
	problem(ck, path,
	    "the %s holds %s, which cannot go into a calendar file", part,
	    text_control_name(*c));
}

static void
check_email(struct check *ck, json_t *v, const char *field)
{
	struct person p;

	if (v == NULL || !person_parse(v, &p))
		return;
	check_person_text(ck, p.name, field, "name");
	check_person_text(ck, p.email, field, "email");
	person_release(&p);
}

/*
 * The chair's and attendees' addresses go into the calendar file's
 * ORGANIZER and ATTENDEE lines, where a line break starts a property
 * of its own.
 */
static void
check_meeting_emails(struct check *ck)
{
	json_t *o = ck->r->object, *v;
	char field[64];
	size_t i;

	if (o == NULL)
		return;
	check_email(ck, json_object_get(o, "chair"), "chair");
	json_array_foreach(json_object_get(o, "attendees"), i, v)
	{
		snprintf(field, sizeof(field), "attendees[%zu]", i + 1);
		check_email(ck, v, field);
	}
}

/* Keeps what currency text S stands for in P, for the next rows. */
static void
remember_currency(struct plan *p, const char *s, const char *code, int digits)
{
	unsigned i = p->ncur % CURRENCIES_KEPT;
	size_t n = strlen(s), c = strlen(code);

	if (n >= sizeof(p->cur[i].text) || c >= sizeof(p->cur[i].code))
		return;
	memcpy(p->cur[i].text, s, n + 1);
	memcpy(p->cur[i].code, code, c + 1);
	p->cur[i].digits = digits;
	p->ncur++;
}

/*
 * The currency of text S (NULL: none) into CODE and *DIGITS, as P
 * remembers it or as money.h knows it; -1 when it is no currency.
 */
static int
plan_currency(struct plan *p, const char *s, char *code, int *digits)
{
	const char *c;
	unsigned i;
	size_t n;

	for (i = 0; s && i < p->ncur && i < CURRENCIES_KEPT; i++)
		if (strcmp(s, p->cur[i].text) == 0) {
			*digits = p->cur[i].digits;
			memcpy(code, p->cur[i].code, sizeof(p->cur[i].code));
			return 0;
		}
	c = currency_canonical(s);
	if ((*digits = currency_digits(c)) < 0)
		return -1;
	n = strnlen(c, 7);
	memcpy(code, c, n);
	code[n] = '\0';
	if (s)
		remember_currency(p, s, code, *digits);
	return 0;
}

/* The record's currency code into CODE and its digits, as field_currency. */
static int
check_currency(struct check *ck, const char *def, char *code,
    struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s;

	if (ck->plan == NULL)
		return field_currency(ck->r, def, code, &ck->digits, err);
	s = ck->by_column ? cell(ck->r, ck->plan->currency) :
			    record_value(ck->r, "currency", buf);
	if (s == NULL)
		s = def;
	if (plan_currency(ck->plan, s, code, &ck->digits) == 0)
		return 1;
	ae_error_set(err, AE_EDATA, "unknown currency '%s'",
	    currency_canonical(s));
	return field_error(ck->r, "currency", err);
}

/* Reports the record's unknown currency. */
static void
currency_problem(struct check *ck, const char *def_currency)
{
	struct ae_error err;

	ae_error_clear(&err);
	check_currency(ck, def_currency, ck->code, &err);
	if (ck->named_type)
		name_type(&err, ck->named_type);
	ck->report("format", &err, ck->ctx);
	ck->problems++;
	ck->digits = -1;
}

/*
 * Checks CK's record as one of TYPE, whose fields are FIELDS; CK's
 * record, place and report are set.
 */
static int
check_as(struct check *ck, const char *type, const struct spec *fields,
    const char *def_currency, int findings)
{
	ck->fields = fields;
	ck->digits = 2;
	if (check_currency(ck, def_currency, ck->code, NULL) < 0)
		currency_problem(ck, def_currency);
	ck->currency = ck->code;
	check_top(ck, fields);
	check_either(ck, type);
	if (same_type(type, "meeting"))
		check_meeting_span(ck);
	/* The tools refuse bad data; findings are the gate's to report. */
	if (findings)
		check_across_fields(ck, type);
	/* What memo and agenda -f ics refuse on their own, the gate too. */
	if (findings && same_type(type, "memo"))
		check_memo_header(ck);
	if (findings && same_type(type, "meeting"))
		check_meeting_emails(ck);
	return ck->problems;
}

/* Checks R as TYPE, by name: -1 when TYPE is no record type. */
static int
check_named(const struct record *r, const char *type, const char *named_type,
    const char *def_currency, schema_report_fn report, void *ctx)
{
	struct check ck = { .r = r,
		.report = report,
		.ctx = ctx,
		.named_type = named_type };
	const struct spec *fields = type_fields(type);

	if (fields == NULL)
		return -1;
	return check_as(&ck, type, fields, def_currency, 0);
}

/*
 * Checks CK's record as one of type T with D's plan for it, its values
 * into D's; FINDINGS as for check_as.
 */
static int
decode_as(struct schema_decoder *d, struct check *ck, int t, int findings)
{
	const struct record *r = ck->r;
	int n;

	ck->plan = plan_for(&d->plans[t], r, types[t].type, types[t].fields);
	if (ck->plan) {
		ck->by_column = r->object == NULL && r->header != NULL;
		ck->out = &d->values;
		ck->bufs = d->bufs;
	}
	n = check_as(ck, types[t].type, types[t].fields, d->currency, findings);
	d->values.type = types[t].type;
	memcpy(d->values.currency, ck->code, sizeof(ck->code));
	d->values.digits = ck->digits;
	return n;
}

int
schema_field_index(const char *type, const char *field)
{
	const struct spec *fields = type_fields(type);

	return fields ? field_index(fields, field) : -1;
}

struct schema_decoder *
schema_decoder_new(const char *def_currency)
{
	struct schema_decoder *d = xcalloc(1, sizeof(*d));

	d->currency = def_currency;
	return d;
}

void
schema_decoder_free(struct schema_decoder *d)
{
	free(d);
}

/*
 * The currency of CSV row R by P into D's values, the default's found
 * once a header that has no currency column.
 */
static int
row_currency(struct schema_decoder *d, struct plan *p, const struct record *r)
{
	struct schema_values *out = &d->values;
	const char *s;

	if (p->currency >= 0 && (s = cell(r, p->currency)) != NULL)
		return plan_currency(p, s, out->currency, &out->digits);
	if (!p->def_ready &&
	    plan_currency(p, d->currency, p->def_code, &p->def_digits) == 0)
		p->def_ready = 1;
	if (!p->def_ready)
		return -1;
	memcpy(out->currency, p->def_code, sizeof(out->currency));
	out->digits = p->def_digits;
	return 0;
}

/*
 * The values of CSV row R by the columns of P into D, when all are
 * good: the road of nearly every row, which sets up no check and builds
 * no message.  0 leaves R to the check, which says what is wrong.
 */
static int
row_values(struct schema_decoder *d, struct plan *p, const struct record *r)
{
	const char *const *cells = r->values;
	struct schema_values *out = &d->values;
	const char *s;
	size_t i;

	if (p->either || row_currency(d, p, r) < 0)
		return 0;
	for (i = 0; i < p->nfields; i++) {
		s = p->col[i] < 0 ? NULL : cells[p->col[i]];
		out->v[i].text = s = s && *s ? s : NULL;
		if (p->need[i] == 0)
			continue;
		if (s == NULL ? (p->need[i] & NEED_TEXT) :
				(p->need[i] & NEED_CHECK) &&
			    !scalar_ok(&p->fields[i], s, out->digits,
				out->currency, &out->v[i]))
			return 0;
	}
	return 1;
}

/*
 * The values of JSON record R by P into D, when all are good single
 * values: as row_values, field by field by name.
 */
static int
object_values(struct schema_decoder *d, struct plan *p, const struct record *r)
{
	struct schema_values *out = &d->values;
	char buf[JSONTEXT_BUFSIZE];
	const struct spec *sp;
	const char *s;
	json_t *j;
	size_t i;

	if (p->either ||
	    plan_currency(p,
		(s = record_value(r, "currency", buf)) ? s : d->currency,
		out->currency, &out->digits) < 0)
		return 0;
	for (i = 0; i < p->nfields; i++) {
		sp = &p->fields[i];
		j = json_object_get(r->object, sp->name);
		if (j == NULL || json_is_null(j) ||
		    (json_is_string(j) && json_string_length(j) == 0)) {
			out->v[i].text = NULL;
			/* Missing, or a flag that fails closed. */
			if (sp->required == REQ ||
			    (sp->required == CLOSED && j != NULL))
				return 0;
			continue;
		}
		/* A list or an object, or a value to check: the check's. */
		if ((s = out->v[i].text = json_scalar_text(j, d->bufs[i])) ==
			NULL ||
		    (sp->kind != K_STR &&
			!(p->need[i] & NEED_CHECK &&
			    scalar_ok(sp, s, out->digits, out->currency,
				&out->v[i]))))
			return 0;
	}
	return 1;
}

/*
 * TYPE when a record R without a `type` field is of it by its file's
 * name, so that a problem says where its type came from, as the gate
 * says it; else NULL.  Only a bad record asks.
 */
static const char *
named_type(const struct record *r, const char *type)
{
	char buf[128];
	enum type_origin origin;
	const char *named =
	    schema_record_type(r, NULL, buf, sizeof(buf), &origin);

	return origin == TYPE_FILE_NAME && named && strcmp(named, type) == 0 ?
	    type :
	    NULL;
}

const struct schema_values *
schema_decode(struct schema_decoder *d, const struct record *r,
    const char *type, struct ae_error *err)
{
	struct ae_error first;
	struct check ck;
	struct plan *p;
	int t = type == d->last_type ? d->last_index : type_index(type);

	if (t < 0) {
		ae_error_set(err, AE_EINTERNAL, "no record type '%s'", type);
		return NULL;
	}
	d->last_type = type;
	d->last_index = t;
	p = &d->plans[t];
	if (r->object == NULL && r->header &&
	    (p->header == r->header && p->serial == r->header->serial ?
		    p :
		    plan_for(p, r, types[t].type, types[t].fields)) &&
	    row_values(d, p, r)) {
		d->values.type = types[t].type;
		return &d->values;
	}
	if (r->object &&
	    (p->fields || plan_for(p, r, types[t].type, types[t].fields)) &&
	    object_values(d, p, r)) {
		d->values.type = types[t].type;
		return &d->values;
	}
	memset(&ck, 0, sizeof(ck));
	ck.r = r;
	ck.report = schema_keep_first;
	ck.ctx = &first;
	ck.named_type = named_type(r, types[t].type);
	ae_error_clear(&first);
	if (decode_as(d, &ck, t, 0) == 0 && ck.out)
		return &d->values;
	if (ck.out == NULL)
		ae_error_set(&first, AE_EINTERNAL,
		    "type '%s' has too many fields", type);
	*err = first;
	return NULL;
}

int
schema_bad_data(const char *rule)
{
	return strcmp(rule, "required") == 0 || strcmp(rule, "format") == 0 ||
	    strcmp(rule, "range") == 0 || strcmp(rule, "type") == 0 ||
	    strcmp(rule, "syntax") == 0;
}

int
schema_check(const struct record *r, const char *type, const char *def_currency,
    schema_report_fn report, void *ctx)
{
	return check_named(r, type, NULL, def_currency, report, ctx);
}

/* Reports a record whose type is not known, with the reason. */
static int
report_no_type(const struct record *r, enum type_origin origin,
    const char *type, schema_report_fn report, void *ctx)
{
	struct ae_error err;

	ae_error_clear(&err);
	if (origin == TYPE_AMBIGUOUS)
		ae_error_set(&err, AE_EDATA,
		    "record has no type: the file "
		    "name names two types, '%s': give it a 'type' field, use "
		    "--type, or rename the file",
		    type);
	else if (origin == TYPE_NONE)
		ae_error_set(&err, AE_EDATA,
		    "record has no type: give it a "
		    "'type' field, use --type, or name the file after its "
		    "type");
	else
		ae_error_set(&err, AE_EDATA, "unknown type '%s'", type);
	ae_error_at(&err, r->source, r->line, 0);
	report("type", &err, ctx);
	return 1;
}

int
schema_check_record(const struct record *r, const char *default_type,
    const char *def_currency, schema_report_fn report, void *ctx)
{
	char buf[128];
	enum type_origin origin;
	const char *type =
	    schema_record_type(r, default_type, buf, sizeof(buf), &origin);
	int n;

	if (type == NULL)
		return report_no_type(r, origin, buf, report, ctx);
	n = check_named(r, type, origin == TYPE_FILE_NAME ? type : NULL,
	    def_currency, report, ctx);
	if (n < 0)
		return report_no_type(r, origin, type, report, ctx);
	return n;
}

void
schema_keep_first(const char *rule, const struct ae_error *err, void *ctx)
{
	struct ae_error *first = ctx;

	(void)rule;
	if (!ae_error_isset(first))
		*first = *err;
}

int
schema_require(const struct record *r, const char *type,
    const char *def_currency, struct ae_error *err)
{
	struct ae_error first;
	int n;

	ae_error_clear(&first);
	n = schema_check(r, type, def_currency, schema_keep_first, &first);
	if (n == 0)
		return 0;
	if (n < 0)
		return ae_error_set(err, AE_EINTERNAL, "no record type '%s'",
		    type);
	*err = first;
	return -1;
}

/* A list item's field path without its numbers: "actions.owner". */
static void
unnumbered(const char *path, char *buf, size_t size)
{
	size_t n = 0;
	int skip = 0;

	for (; *path && n + 1 < size; path++) {
		if (*path == '[')
			skip = 1;
		else if (*path == ']')
			skip = 0;
		else if (!skip)
			buf[n++] = *path;
	}
	buf[n] = '\0';
}

struct keep_but {
	struct ae_error first;
	const char *const *left;
};

static void
keep_first_but(const char *rule, const struct ae_error *err, void *ctx)
{
	struct keep_but *kb = ctx;
	char path[sizeof(err->field)];
	size_t i;

	if (strcmp(rule, "required") == 0) {
		unnumbered(err->field, path, sizeof(path));
		for (i = 0; kb->left[i]; i++)
			if (strcmp(path, kb->left[i]) == 0)
				return;
	}
	schema_keep_first(rule, err, &kb->first);
}

int
schema_require_but(const struct record *r, const char *type,
    const char *def_currency, const char *const *left, struct ae_error *err)
{
	struct keep_but kb = { .left = left };
	int n;

	ae_error_clear(&kb.first);
	n = schema_check(r, type, def_currency, keep_first_but, &kb);
	if (n < 0)
		return ae_error_set(err, AE_EINTERNAL, "no record type '%s'",
		    type);
	if (!ae_error_isset(&kb.first))
		return 0;
	*err = kb.first;
	return -1;
}

/* ---- across records ------------------------------------------------- */

#define NIDENTITIES (sizeof(identities) / sizeof(identities[0]))

/* An id seen: its key "[FILE\037]ID\037[ALSO\037]" in its type's table. */
struct seen_id {
	uint32_t key;	 /* id in the key table */
	uint32_t source; /* index in sources */
	long line;
	const struct identity *identity;
};

/*
 * The ids seen: a key table per identity (keytab.h, one cache miss a
 * lookup, the next number's slot read ahead; without the type in the key
 * an invoice number is short enough to live in its 16-byte record),
 * where each one was first seen by key, and the ones seen again, in the
 * order they were read.
 */
struct schema_checker {
	const char *default_type, *currency;
	schema_report_fn report;
	void *ctx;
	struct keytab *keys[NIDENTITIES];   /* made when first needed */
	struct seen_id *first[NIDENTITIES]; /* by key */
	size_t cap_first[NIDENTITIES];
	struct seen_id *again;
	size_t nagain, cap_again;
	char **sources; /* file names seen */
	size_t nsources;
	struct schema_decoder dec;
	/* The `type` column of the header being read; the file's own type. */
	const struct csv_header *type_header;
	unsigned long type_serial;
	long type_col;
	char *type_source; /* the file NAMED is of */
	const char *named; /* its stem's type, or NULL */
	enum type_origin named_origin;
	char named_buf[128]; /* the two types of a stem that names two */
	char type_buf[JSONTEXT_BUFSIZE];
};

struct schema_checker *
schema_checker_new(const char *default_type, const char *def_currency,
    schema_report_fn report, void *ctx)
{
	struct schema_checker *sc = calloc(1, sizeof(*sc));

	if (sc == NULL)
		return NULL;
	sc->default_type = default_type;
	sc->currency = def_currency;
	sc->dec.currency = def_currency;
	sc->report = report;
	sc->ctx = ctx;
	return sc;
}

void
schema_checker_free(struct schema_checker *sc)
{
	size_t i;

	if (sc == NULL)
		return;
	for (i = 0; i < sc->nsources; i++)
		free(sc->sources[i]);
	for (i = 0; i < NIDENTITIES; i++) {
		keytab_array_free(sc->first[i], sc->cap_first[i],
		    sizeof(*sc->first[i]));
		keytab_free(sc->keys[i]);
	}
	free(sc->again);
	free(sc->sources);
	free(sc->type_source);
	free(sc);
}

static int
intern_source(struct schema_checker *sc, const char *source, size_t *at)
{
	char **more;

	if (sc->nsources &&
	    strcmp(sc->sources[sc->nsources - 1], source) == 0) {
		*at = sc->nsources - 1;
		return 0;
	}
	more = realloc(sc->sources, (sc->nsources + 1) * sizeof(*more));
	if (more == NULL)
		return -1;
	sc->sources = more;
	if ((more[sc->nsources] = strdup(source)) == NULL)
		return -1;
	*at = sc->nsources++;
	return 0;
}

/* Remembers KEY of identity ID at R's place; -1 when memory runs out. */
static int
add_id(struct schema_checker *sc, const char *key, size_t len,
    const struct identity *identity, const struct record *r)
{
	size_t t = (size_t)(identity - identities), source;
	struct seen_id seen, *more;
	int added;

	if (intern_source(sc, r->source, &source) < 0)
		return -1;
	if (sc->keys[t] == NULL)
		sc->keys[t] = keytab_new();
	seen.key = keytab_intern(sc->keys[t], key, len, &added);
	seen.source = (uint32_t)source;
	seen.line = r->line;
	seen.identity = identity;
	if (added) {
		if (seen.key >= sc->cap_first[t])
			sc->first[t] = keytab_array_grow(sc->first[t],
			    &sc->cap_first[t], seen.key + 1, sizeof(seen));
		sc->first[t][seen.key] = seen;
		return 0;
	}
	if (sc->nagain == sc->cap_again) {
		more = realloc(sc->again,
		    (sc->cap_again * 2 + 16) * sizeof(*more));
		if (more == NULL)
			return -1;
		sc->again = more;
		sc->cap_again = sc->cap_again * 2 + 16;
	}
	sc->again[sc->nagain++] = seen;
	return 0;
}

/*
 * Names the id of key K ("[FILE\037]V1\037V2..."): "invoice 'A1'",
 * "estimate 'E' revision '2'", "rate code 'D1'"; empty values left out.
 */
static void
name_key(const struct identity *id, const char *k, struct strbuf *sb)
{
	const char *v = k, *end;
	size_t i;

	if (id->per_file)
		v = strchr(v, '\037') + 1;
	strbuf_addstr(sb, id->type);
	for (i = 0; id->fields[i]; i++, v = end + 1) {
		end = strchr(v, '\037');
		if (end == v)
			continue;
		if (i > 0 ||
		    (strcmp(id->fields[0], id->type) != 0 &&
			strcmp(id->fields[0], "id") != 0))
			strbuf_addf(sb, " %s", id->fields[i]);
		strbuf_addf(sb, _(" '%.*s'"), (int)(end - v), v);
	}
}

/* The schema's message for an id of key K seen again, first at SOURCE:LINE. */
static void
duplicate_error(const struct identity *id, const char *k, const char *source,
    long line, struct ae_error *err)
{
	struct strbuf what;

	strbuf_init(&what, 0);
	name_key(id, k, &what);
	ae_error_set(err, AE_EDATA, _("%s is already at %s:%ld"), what.buf,
	    source, line);
	strbuf_release(&what);
	ae_error_field(err, id->at ? id->at : id->fields[0]);
}

static void
report_duplicate(struct schema_checker *sc, const struct seen_id *again,
    const struct seen_id *first)
{
	struct ae_error err;

	ae_error_clear(&err);
	duplicate_error(again->identity,
	    keytab_key(sc->keys[again->identity - identities], again->key),
	    sc->sources[first->source], first->line, &err);
	ae_error_at(&err, sc->sources[again->source], again->line, 0);
	sc->report("duplicate", &err, sc->ctx);
}

/* An id longer than this is not remembered. */
#define KEY_SIZE 4096

/* Adds S and a separator to KEY (*N bytes); *N is KEY_SIZE past its end. */
static void
key_add(char *key, size_t *n, const char *s)
{
	size_t len = strlen(s);

	if (*n >= KEY_SIZE || *n + len + 1 >= KEY_SIZE) {
		*n = KEY_SIZE;
		return;
	}
	memcpy(key + *n, s, len);
	key[*n + len] = '\037';
	*n += len + 1;
}

/* Adds V to KEY, a date in one form ("2026/1/5" is 2026-01-05). */
static void
key_value(const char *v, int is_date, char *key, size_t *n)
{
	char day[DATE_BUFSIZE];
	int32_t d;

	if (v && is_date && date_parse(v, &d, NULL) == 0) {
		date_format(d, day);
		v = day;
	}
	key_add(key, n, v ? v : "");
}

/* The identity of records of TYPE, or NULL. */
static const struct identity *
identity_of(const char *type)
{
	size_t i;

	for (i = 0; i < NIDENTITIES; i++)
		if (strcmp(identities[i].type, type) == 0)
			return &identities[i];
	return NULL;
}

/* Field I of identity ID of R: in its values V (with plan P), or by name. */
static const char *
id_value(const struct record *r, const struct plan *p,
    const struct schema_values *v, const struct identity *id, size_t i,
    char *buf)
{
	if (p && p->id_ix[i] >= 0)
		return v->v[p->id_ix[i]].text;
	return record_value(r, id->fields[i], buf);
}

/*
 * The identity of R, of TYPE, and its key in KEY (KEY_SIZE bytes, *N
 * long); NULL when its type has none, R has no id or the key is too long.
 * P (may be NULL) is R's plan and V its values.
 */
static const struct identity *
identity_key(const struct record *r, const char *type, const struct plan *p,
    const struct schema_values *v, char *key, size_t *n)
{
	char buf[JSONTEXT_BUFSIZE];
	const struct identity *id = p ? p->identity : identity_of(type);
	size_t i;

	if (id == NULL || id_value(r, p, v, id, 0, buf) == NULL)
		return NULL;
	/* The type is the table's; a file's own ids are the file's. */
	*n = 0;
	if (id->per_file)
		key_add(key, n, r->source);
	for (i = 0; id->fields[i]; i++)
		key_value(id_value(r, p, v, id, i, buf),
		    p ? p->id_date[i] :
			field_spec(type, id->fields[i])->kind == K_DATE,
		    key, n);
	if (*n >= KEY_SIZE)
		return NULL;
	key[*n] = '\0';
	return id;
}

/* Remembers the identity of R, if its type has one. */
static int
note_identity(struct schema_checker *sc, const struct record *r,
    const char *type, const struct plan *p)
{
	char key[KEY_SIZE];
	size_t n;
	const struct identity *id =
	    identity_key(r, type, p, &sc->dec.values, key, &n);

	return id ? add_id(sc, key, n, id, r) : 0;
}

int
schema_duplicate(const struct record *r, const char *type,
    const char *first_source, long first_line, struct ae_error *err)
{
	char key[KEY_SIZE];
	size_t n;
	const struct identity *id = identity_key(r, type, NULL, NULL, key, &n);

	if (id == NULL)
		return ae_error_set(err, AE_EDATA,
		    "seen twice: first at %s:%ld", first_source, first_line);
	duplicate_error(id, key, first_source, first_line, err);
	ae_error_at(err, r->source, r->line, 0);
	return -1;
}

int
schema_checker_finish(struct schema_checker *sc, struct ae_error *err)
{
	size_t i;

	(void)err;
	/* Reported in the order the second ones were read. */
	for (i = 0; i < sc->nagain; i++)
		report_duplicate(sc, &sc->again[i],
		    &sc->first[sc->again[i].identity - identities]
			      [sc->again[i].key]);
	return (int)sc->nagain;
}

/*
 * R's type as schema_record_type() finds it, with what does not change
 * from record to record found once: the `type` column of a CSV header,
 * the type a file's name says.  NULL with *ORIGIN saying why.
 */
static const char *
checker_type(struct schema_checker *sc, const struct record *r,
    enum type_origin *origin)
{
	const char *t;

	if (r->object == NULL && r->header) {
		if (sc->type_header != r->header ||
		    sc->type_serial != r->header->serial) {
			sc->type_header = r->header;
			sc->type_serial = r->header->serial;
			sc->type_col = header_index(r->header, "type");
		}
		t = cell(r, sc->type_col);
	} else {
		t = record_value(r, "type", sc->type_buf);
	}
	if (t) {
		*origin = TYPE_FIELD;
		return t;
	}
	if (sc->default_type) {
		*origin = TYPE_DEFAULT;
		return sc->default_type;
	}
	if (sc->type_source == NULL || strcmp(sc->type_source, r->source)) {
		free(sc->type_source);
		sc->type_source = xstrdup(r->source);
		sc->named = type_from_name(r->source, sc->named_buf,
		    sizeof(sc->named_buf), &sc->named_origin);
	}
	*origin = sc->named_origin;
	return sc->named;
}

/* The index of TYPE in types[], or -1. */
static int
type_index(const char *type)
{
	size_t i;

	for (i = 0; i < NTYPES; i++)
		if (strcmp(types[i].type, type) == 0)
			return (int)i;
	return -1;
}

int
schema_checker_add(struct schema_checker *sc, const struct record *r,
    struct ae_error *err)
{
	char buf[128];
	enum type_origin origin;
	const char *type = checker_type(sc, r, &origin);
	struct check ck = { .r = r, .report = sc->report, .ctx = sc->ctx };
	int t, n;

	if (type == NULL)
		return report_no_type(r, origin, sc->named_buf, sc->report,
		    sc->ctx);
	if ((t = type_index(type)) < 0) {
		/* As schema_record_type() gives it, in a buffer of 128. */
		snprintf(buf, sizeof(buf), "%s", type);
		return report_no_type(r, origin, buf, sc->report, sc->ctx);
	}
	type = types[t].type;
	if (origin == TYPE_FILE_NAME)
		ck.named_type = type;
	n = decode_as(&sc->dec, &ck, t, 1);
	if (note_identity(sc, r, type, ck.plan) < 0)
		return ae_error_set(err, AE_EINTERNAL, "out of memory");
	return n;
}
