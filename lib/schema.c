#include <string.h>

#include "field.h"
#include "jsontext.h"
#include "money.h"
#include "schema.h"
#include "text.h"

enum kind {
	K_STR, K_MONEY, K_DECIMAL, K_INT, K_BOOL, K_DATE, K_TIME, K_WHEN,
	K_MONTH, K_LIST, K_PEOPLE, K_OBJECTS, K_OBJECT, K_ENUM, K_SIGNOFFS
};

struct spec {
	const char *name;
	enum kind kind;
	int required;
	const void *more;	/* K_ENUM: const char *const[]; K_OBJECT(S): spec[] */
};

#define REQ 1
#define END { NULL, K_STR, 0, NULL }

static const char *const item_kinds[] = { "decision", "discussion", "info",
	"approval", NULL };
static const char *const action_states[] = { "open", "done", "dropped",
	NULL };
static const char *const brief_kinds[] = { "creative", "media", "strategy",
	NULL };
static const char *const job_states[] = { "open", "approved", "production",
	"billed", "closed", NULL };
static const char *const forecast_kinds[] = { "fee", "media", "production",
	NULL };
static const char *const memo_kinds[] = { "memo", "fax", "letter", NULL };

static const struct spec person[] = {
	{ "name", K_STR, REQ, NULL }, { "org", K_STR, 0, NULL },
	{ "role", K_STR, 0, NULL }, { "email", K_STR, 0, NULL }, END
};
static const struct spec agenda_item[] = {
	{ "topic", K_STR, REQ, NULL }, { "owner", K_STR, REQ, NULL },
	{ "minutes", K_INT, REQ, NULL }, { "kind", K_ENUM, 0, item_kinds },
	{ "contentious", K_BOOL, 0, NULL }, { "notes", K_STR, 0, NULL }, END
};
static const struct spec said[] = {
	{ "text", K_STR, REQ, NULL }, { "sensitive", K_BOOL, 0, NULL }, END
};
static const struct spec minutes_action[] = {
	{ "id", K_STR, 0, NULL }, { "what", K_STR, REQ, NULL },
	{ "owner", K_STR, REQ, NULL }, { "due", K_DATE, REQ, NULL },
	{ "sensitive", K_BOOL, 0, NULL }, END
};
static const struct spec estimate_line[] = {
	{ "section", K_STR, 0, NULL }, { "code", K_STR, 0, NULL },
	{ "item", K_STR, REQ, NULL }, { "qty", K_DECIMAL, 0, NULL },
	{ "unit", K_STR, 0, NULL }, { "rate", K_MONEY, 0, NULL },
	{ "amount", K_MONEY, 0, NULL }, END
};
static const struct spec period[] = {
	{ "from", K_DATE, REQ, NULL }, { "to", K_DATE, REQ, NULL }, END
};
static const struct spec fieldwork[] = {
	{ "from", K_DATE, 0, NULL }, { "to", K_DATE, 0, NULL },
	{ "location", K_STR, 0, NULL }, END
};

static const struct spec invoice[] = {
	{ "invoice", K_STR, REQ, NULL }, { "client", K_STR, REQ, NULL },
	{ "issued", K_DATE, REQ, NULL }, { "amount", K_MONEY, REQ, NULL },
	{ "due", K_DATE, 0, NULL }, { "terms", K_INT, 0, NULL },
	{ "job", K_STR, 0, NULL }, { "ae", K_STR, 0, NULL }, END
};
static const struct spec payment[] = {
	{ "invoice", K_STR, REQ, NULL }, { "date", K_DATE, REQ, NULL },
	{ "amount", K_MONEY, REQ, NULL }, { "method", K_STR, 0, NULL }, END
};
static const struct spec contact[] = {
	{ "client", K_STR, REQ, NULL }, { "name", K_STR, REQ, NULL },
	{ "reports_to", K_STR, 0, NULL }, { "key", K_BOOL, 0, NULL }, END
};
static const struct spec meeting[] = {
	{ "id", K_STR, REQ, NULL }, { "title", K_STR, REQ, NULL },
	{ "start", K_TIME, REQ, NULL }, { "duration", K_INT, 0, NULL },
	{ "end", K_TIME, 0, NULL }, { "attendees", K_PEOPLE, 0, person },
	{ "items", K_OBJECTS, REQ, agenda_item }, { "materials", K_LIST, 0,
	NULL }, { "sent", K_TIME, 0, NULL }, END
};
static const struct spec minutes[] = {
	{ "id", K_STR, REQ, NULL }, { "client", K_STR, REQ, NULL },
	{ "date", K_WHEN, REQ, NULL }, { "end", K_WHEN, 0, NULL },
	{ "attendees", K_PEOPLE, 0, person }, { "absent", K_PEOPLE, 0, person },
	{ "distribution", K_PEOPLE, REQ, person },
	{ "decisions", K_OBJECTS, 0, said },
	{ "actions", K_OBJECTS, 0, minutes_action },
	{ "notes", K_OBJECTS, 0, said }, { "issued", K_WHEN, 0, NULL },
	{ "key", K_BOOL, 0, NULL }, END
};
static const struct spec action[] = {
	{ "id", K_STR, REQ, NULL }, { "what", K_STR, REQ, NULL },
	{ "owner", K_STR, REQ, NULL }, { "due", K_DATE, REQ, NULL },
	{ "status", K_ENUM, 0, action_states }, { "done_on", K_DATE, 0, NULL },
	END
};
static const struct spec signoff[] = {
	{ "name", K_STR, REQ, NULL }, { "date", K_DATE, 0, NULL }, END
};
static const struct spec brief[] = {
	{ "kind", K_ENUM, REQ, brief_kinds }, { "client", K_STR, REQ, NULL },
	{ "title", K_STR, REQ, NULL }, { "support", K_LIST, 0, NULL },
	{ "mandatories", K_LIST, 0, NULL }, { "deliverables", K_LIST, 0, NULL },
	{ "budget", K_MONEY, 0, NULL }, { "due", K_DATE, 0, NULL },
	{ "period", K_OBJECT, 0, period }, { "markets", K_LIST, 0, NULL },
	{ "kpis", K_LIST, 0, NULL }, { "media", K_LIST, 0, NULL },
	{ "approvals", K_SIGNOFFS, 0, signoff }, END
};
static const struct spec estimate[] = {
	{ "estimate", K_STR, REQ, NULL }, { "client", K_STR, REQ, NULL },
	{ "currency", K_STR, REQ, NULL },
	{ "lines", K_OBJECTS, REQ, estimate_line }, { "date", K_DATE, 0, NULL },
	{ "valid_until", K_DATE, 0, NULL }, { "commission", K_DECIMAL, 0, NULL },
	{ "tax", K_DECIMAL, 0, NULL }, { "approved_on", K_DATE, 0, NULL }, END
};
static const struct spec job[] = {
	{ "job", K_STR, REQ, NULL }, { "client", K_STR, REQ, NULL },
	{ "title", K_STR, REQ, NULL }, { "opened", K_DATE, REQ, NULL },
	{ "status", K_ENUM, 0, job_states }, { "closed", K_DATE, 0, NULL }, END
};
static const struct spec time_[] = {
	{ "date", K_DATE, REQ, NULL }, { "person", K_STR, REQ, NULL },
	{ "job", K_STR, REQ, NULL }, { "hours", K_DECIMAL, REQ, NULL }, END
};
static const struct spec forecast[] = {
	{ "client", K_STR, REQ, NULL }, { "month", K_MONTH, REQ, NULL },
	{ "amount", K_MONEY, REQ, NULL },
	{ "kind", K_ENUM, 0, forecast_kinds },
	{ "probability", K_DECIMAL, 0, NULL }, END
};
static const struct spec research[] = {
	{ "title", K_STR, REQ, NULL }, { "client", K_STR, REQ, NULL },
	{ "fieldwork", K_OBJECT, 0, fieldwork }, { "findings", K_LIST, 0, NULL },
	{ "conclusions", K_LIST, 0, NULL }, { "actions", K_LIST, 0, NULL }, END
};
static const struct spec competitor[] = {
	{ "brand", K_STR, REQ, NULL }, END
};
static const struct spec memo[] = {
	{ "to", K_STR, REQ, NULL }, { "from", K_STR, REQ, NULL },
	{ "date", K_DATE, REQ, NULL }, { "subject", K_STR, REQ, NULL },
	{ "body", K_STR, REQ, NULL }, { "cc", K_PEOPLE, 0, person },
	{ "kind", K_ENUM, 0, memo_kinds }, { "confirm_by", K_WHEN, 0, NULL },
	END
};

static const struct {
	const char *type;
	const struct spec *fields;
} types[] = {
	{ "invoice", invoice }, { "payment", payment }, { "contact", contact },
	{ "meeting", meeting }, { "minutes", minutes }, { "action", action },
	{ "brief", brief }, { "estimate", estimate }, { "job", job },
	{ "time", time_ }, { "forecast", forecast }, { "research", research },
	{ "competitor", competitor }, { "memo", memo },
};

struct check {
	const struct record *r;
	const char *currency;
	int digits;
	schema_report_fn report;
	void *ctx;
	int problems;
};

static void
problem_err(struct check *ck, const char *field, struct ae_error *err)
{
	const char *rule = strcmp(err->text, "required field is missing") == 0 ?
	    "required" : "format";

	ae_error_field(err, field);
	ae_error_at(err, ck->r->source, ck->r->line, 0);
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

static int
is_member(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(s, *set) == 0)
			return 1;
	return 0;
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

/* Checks one scalar text S against kind K; PATH names it in messages. */
static void
check_scalar(struct check *ck, const struct spec *sp, const char *s,
    const char *path)
{
	struct ae_error err;
	struct decimal dec;
	struct datetime dt;
	int32_t day;
	int64_t money;
	int y, m;
	char set[256], *end;
	long n;

	ae_error_clear(&err);
	switch (sp->kind) {
	case K_MONEY:
		/* An unknown currency was reported once already. */
		if (ck->digits >= 0 && money_parse(s, ck->digits, ck->currency, &money, &err))
			problem_err(ck, path, &err);
		break;
	case K_DECIMAL:
		if (decimal_parse(s, &dec, &err))
			problem_err(ck, path, &err);
		break;
	case K_INT:
		n = strtol(s, &end, 10);
		if (*end || end == s || n < 0)
			problem(ck, path, "'%s' is not a whole number%s", s,
			    "");
		break;
	case K_BOOL:
		if (text_bool(s) < 0)
			problem(ck, path, "'%s' is not true or false%s", s, "");
		break;
	case K_DATE:
		if (date_parse(s, &day, &err))
			problem_err(ck, path, &err);
		break;
	case K_TIME:
		if (datetime_parse(s, &dt, &err))
			problem_err(ck, path, &err);
		break;
	case K_WHEN:
		if (datetime_parse(s, &dt, &err) && date_parse(s, &day, NULL))
			problem_err(ck, path, &err);
		break;
	case K_MONTH:
		if (month_parse(s, &y, &m, &err))
			problem_err(ck, path, &err);
		break;
	case K_ENUM:
		if (!is_member(s, sp->more)) {
			join_set(sp->more, set, sizeof(set));
			problem(ck, path, "'%s' is not one of %s", s, set);
		}
		break;
	default:
		break;
	}
}

static void
check_list(struct check *ck, const struct spec *sp, json_t *v,
    const char *path)
{
	char sub[256], buf[JSONTEXT_BUFSIZE];
	size_t i;
	json_t *e;

	if (!json_is_array(v)) {
		problem(ck, path, "expected a list%s%s", "", "");
		return;
	}
	json_array_foreach(v, i, e) {
		snprintf(sub, sizeof(sub), "%s[%zu]", path, i + 1);
		if (sp->kind == K_LIST) {
			if (json_scalar_text(e, buf) == NULL)
				problem(ck, sub, "expected a text%s%s", "", "");
		} else if (sp->kind == K_PEOPLE && json_is_string(e)) {
			continue;
		} else if (json_is_object(e)) {
			check_fields(ck, sp->more, e, sub);
		} else {
			problem(ck, sub, "expected %s%s", sp->kind == K_PEOPLE ?
			    "a name or {name, org, role, email}" : "an object",
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
		problem(ck, path, "expected an object of sign-offs%s%s", "", "");
		return;
	}
	json_object_foreach(v, key, e) {
		snprintf(sub, sizeof(sub), "%s.%s", path, key);
		if (json_is_object(e))
			check_fields(ck, sp->more, e, sub);
		else if (!json_is_string(e))
			problem(ck, sub, "expected {name, date}%s%s", "", "");
	}
}

/* Checks one value V (NULL: absent) of field SP at PATH. */
static void
check_value(struct check *ck, const struct spec *sp, json_t *v,
    const char *path)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s;

	if (v == NULL || json_is_null(v) ||
	    (json_is_string(v) && json_string_length(v) == 0)) {
		if (sp->required)
			problem(ck, path, "required field is missing%s%s", "",
			    "");
		return;
	}
	switch (sp->kind) {
	case K_LIST: case K_PEOPLE: case K_OBJECTS:
		if (json_is_string(v) && sp->kind != K_OBJECTS)
			return;	/* a CSV cell: "a; b" */
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
	default:
		break;
	}
	if ((s = json_scalar_text(v, buf)) == NULL)
		problem(ck, path, "expected a single value%s%s", "", "");
	else if (sp->kind != K_STR)
		check_scalar(ck, sp, s, path);
}

static void
check_fields(struct check *ck, const struct spec *fields, json_t *obj,
    const char *prefix)
{
	const struct spec *sp;
	char path[256];

	for (sp = fields; sp->name; sp++) {
		if (prefix)
			snprintf(path, sizeof(path), "%s.%s", prefix, sp->name);
		else
			snprintf(path, sizeof(path), "%s", sp->name);
		check_value(ck, sp, json_object_get(obj, sp->name), path);
	}
}

int
schema_check(const struct record *r, const char *type,
    const char *def_currency, schema_report_fn report, void *ctx)
{
	struct check ck = { r, NULL, 2, report, ctx, 0 };
	char code[8] = "";
	struct ae_error err;
	json_t *obj;
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].type, type) == 0)
			break;
	if (i == sizeof(types) / sizeof(types[0]))
		return -1;
	ae_error_clear(&err);
	if (field_currency(r, def_currency, code, &ck.digits, &err) < 0) {
		report("format", &err, ctx);
		ck.problems++;
		ck.digits = -1;
	}
	ck.currency = code;
	obj = record_to_json(r);
	check_fields(&ck, types[i].fields, obj, NULL);
	json_decref(obj);
	return ck.problems;
}
