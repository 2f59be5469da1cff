/*
 * schema.h — the record types of SPEC §1 and the fields of each (SPEC §4):
 * which are required, the form of each value, the enumerations, and the
 * check that a record has them all right.  This is the one place that
 * knows a type's fields; tools ask it rather than keep their own lists.
 *
 *	const char *const *kinds = schema_enum("meeting", "items.kind");
 *	if (schema_enum_index("action", "status", s) < 0)
 *		... not an action status ...
 */
#ifndef AEKIT_SCHEMA_H
#define AEKIT_SCHEMA_H

#include <stddef.h>

#include "date.h"
#include "error.h"
#include "money.h"
#include "reader.h"

/*
 * Called once per problem found: RULE is "required" (a required field is
 * missing, a meeting with neither duration nor end), "format" (a value
 * of the wrong form), "range" (a number out of its range: hours 0–24,
 * probability 0–100), "type" (no type or an unknown one) — bad data, which
 * the tools refuse — or one of the findings across fields and records:
 * "end-before-start", "due-before-issued", "duplicate".  ERR holds place,
 * field and text.  schema_bad_data(RULE) says which kind it is.
 */
typedef void (
    *schema_report_fn)(const char *rule, const struct ae_error *err, void *ctx);

/*
 * Checks R against TYPE's fields: required fields present, every known
 * field of the right form (money in the record's currency or DEF_CURRENCY,
 * dates, times, booleans, numbers and their ranges, enumerations, lists
 * and their items, numbered from 1).  Fields the schema does not know are
 * allowed.  Reports every problem of bad data (what a tool refuses; not
 * the findings across fields, which schema_checker adds) and returns how
 * many there were; -1 if TYPE is not a record type.
 */
int schema_check(const struct record *r, const char *type,
    const char *def_currency, schema_report_fn report, void *ctx);

/*
 * The one road a tool's record takes: R checked as a record of TYPE
 * before the tool reads its values, so that a bad value is refused with
 * the schema's message at its place, as recs --check refuses it.  0 when
 * R is good; -1 with ERR holding the first problem.
 */
int schema_require(const struct record *r, const char *type,
    const char *def_currency, struct ae_error *err);

/*
 * Like schema_require, but a required field of a list's items named in
 * LEFT (NULL-terminated, "actions.owner", "items.minutes") may be
 * missing: the tool's --check reports it, a draft's gap rather than bad
 * data (an action without its owner, an agenda item without its minutes).
 */
int schema_require_but(const struct record *r, const char *type,
    const char *def_currency, const char *const *left, struct ae_error *err);

/*
 * A record's values as the schema checked them, converted, so that a
 * tool reads each value once and a bad one is refused in the schema's
 * words.  One value a field of the record's type, at the index
 * schema_field_index() gives (a top-level field: "amount", not
 * "lines.qty"):
 *
 *	struct schema_decoder *d = schema_decoder_new("CNY");
 *	int amount = schema_field_index("invoice", "amount");
 *	const struct schema_values *v;
 *
 *	while (reader_next(rd, &r, &err) > 0) {
 *		if ((v = schema_decode(d, r, "invoice", &err)) == NULL)
 *			... bad data: ERR is the schema's first problem ...
 *		total += v->v[amount].money;
 *	}
 *	schema_decoder_free(d);
 *
 * TEXT is the value as read: NULL when it is absent or empty (a blank
 * cell, a JSON null or "") or no single value (a JSON list or object:
 * record_json() has it).  When it is set, the member for the field's
 * form holds its value; a field of another form (a text, a list, a
 * person, a date or a date and time) has its text alone.
 */
struct schema_value {
	const char *text;
	union {
		int64_t money; /* minor units of the record's currency */
		int32_t day;   /* a date; a month: its first day */
		long whole;    /* a whole number */
		struct decimal number; /* a decimal: hours, a percent */
		int flag;	       /* a boolean: 1 or 0 */
		int index; /* an enumeration: its schema_enum() index */
		struct datetime time; /* a date and time */
	};
};

/* The most fields a record type has. */
#define SCHEMA_FIELDS_MAX 24

struct schema_values {
	const char *type; /* the record's type, a static string */
	char currency[8]; /* the record's currency (or the default) */
	int digits;	  /* its minor digits, which MONEY is in */
	struct schema_value v[SCHEMA_FIELDS_MAX];
};

/*
 * The index of FIELD in the values of a record of TYPE; -1 when TYPE has
 * no such field of its own.
 */
int schema_field_index(const char *type, const char *field);

/*
 * A decoder remembers, per type, where each field stands in the CSV
 * header being read (found once a header) and holds the values of the
 * last record.  DEF_CURRENCY is the currency of a record without one.
 */
struct schema_decoder *schema_decoder_new(const char *def_currency);
void schema_decoder_free(struct schema_decoder *d);

/*
 * R checked as a record of TYPE (as schema_require checks it) and its
 * values: valid until the next call with D or R's next record; NULL
 * with ERR holding the first problem at its place.
 */
const struct schema_values *schema_decode(struct schema_decoder *d,
    const struct record *r, const char *type, struct ae_error *err);

/* Whether a problem of RULE is bad data (exit 65) rather than a finding. */
int schema_bad_data(const char *rule);

/*
 * A schema_report_fn that keeps the first problem in CTX (a struct
 * ae_error, cleared before): for tools to which any problem is bad data.
 */
void schema_keep_first(const char *rule, const struct ae_error *err, void *ctx);

/*
 * Like schema_check, with the type found as schema_record_type() finds
 * it; a record of no type or an unknown one is one problem (rule "type").
 * When the type came from the file's name, every message says so.
 */
int schema_check_record(const struct record *r, const char *default_type,
    const char *def_currency, schema_report_fn report, void *ctx);

/*
 * A check over a stream of records, the gate: each record as
 * schema_check_record checks it, with the findings across its fields (an
 * end before its start, a due date before the issue date, two actions of
 * one minutes with one id), and across records an id seen twice in one type (`invoice`,
 * an action's `id`, `job`, `estimate` with its `revision`), reported
 * as rule "duplicate" at the second, naming the first.  Memory grows
 * with the number of ids, not with the records.
 *
 *	struct schema_checker *sc = schema_checker_new(NULL, "CNY",
 *	    report, ctx);
 *	while (reader_next(rd, &r, &err) > 0)
 *		if (schema_checker_add(sc, r, &err) < 0)
 *			... out of memory ...
 *	if (schema_checker_finish(sc, &err) < 0)
 *		... out of memory ...
 *	schema_checker_free(sc);
 *
 * schema_checker_add reports R's own problems and returns how many there
 * were.  The duplicates are reported by schema_checker_finish, in the
 * order their second records were read, which returns how many.  Both
 * return -1 with ERR when memory runs out.
 */
struct schema_checker *schema_checker_new(const char *default_type,
    const char *def_currency, schema_report_fn report, void *ctx);
int schema_checker_add(struct schema_checker *sc, const struct record *r,
    struct ae_error *err);
int schema_checker_finish(struct schema_checker *sc, struct ae_error *err);
void schema_checker_free(struct schema_checker *sc);

/*
 * The schema's message for R, a record of TYPE whose id (as the gate
 * knows ids: `invoice`, a rate's `code`, a forecast's client, month,
 * job, kind and revised) was first seen at FIRST_SOURCE:FIRST_LINE:
 * "invoice 'D1' is already at FILE:LINE", at R and its id field, as
 * recs --check says it.  Returns -1 with ERR set.
 */
int schema_duplicate(const struct record *r, const char *type,
    const char *first_source, long first_line, struct ae_error *err);

/* Where a record's type came from. */
enum type_origin {
	TYPE_FIELD,	/* its own `type` field */
	TYPE_DEFAULT,	/* the tool's or --type's */
	TYPE_FILE_NAME, /* the one type word of the file's stem */
	TYPE_NONE,	/* none of these */
	TYPE_AMBIGUOUS	/* the file's stem names two types */
};

/*
 * The record's type: its `type` field, else DEFAULT_TYPE, else the one
 * word of the file's stem, split at - _ . and spaces, that names a type,
 * singular or plural ("payments-2027.csv", "2026_Q4_invoices.csv",
 * "holidays-2026.csv").  NULL when there is none, or when the stem names
 * two (BUF then holds "job' and 'invoice" for a message).  *ORIGIN (may
 * be NULL) says which.  BUF holds SIZE bytes (64 will do).
 */
const char *schema_record_type(const struct record *r, const char *default_type,
    char *buf, size_t size, enum type_origin *origin);

/*
 * The types named by the words of PATH's stem: how many different ones,
 * the first MAX of them (static strings) in FOUND.
 */
int schema_types_in_name(const char *path, const char **found, int max);

/* The I-th record type of SPEC §1, or NULL past the last. */
const char *schema_type_name(size_t i);

/*
 * The values of enumeration FIELD of TYPE, NULL-terminated, or NULL when
 * FIELD is no enumeration.  A field of a list's items or of an object is
 * named by its path: "items.kind" of a meeting, "status" of a job.
 */
const char *const *schema_enum(const char *type, const char *field);

/* VALUE's index in enumeration FIELD of TYPE, or -1 if it is not one. */
int schema_enum_index(const char *type, const char *field, const char *value);

/*
 * VALUE's index in enumeration FIELD of TYPE; -1 with ERR ("'x' is not
 * one of open, done, dropped"; the caller names the field and place)
 * when it is not one: the schema's message for every tool.
 */
int schema_enum_check(const char *type, const char *field, const char *value,
    struct ae_error *err);

/* Whether TYPE has field FIELD (a path, as for schema_enum). */
int schema_is_field(const char *type, const char *field);

#endif
