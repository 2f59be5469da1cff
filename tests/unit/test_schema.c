#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "date.h"
#include "field.h"
#include "schema.h"
#include "testutil.h"

static const char *
type_of(const char *source, enum type_origin *origin)
{
	static struct csv_header h;
	static char buf[64];
	struct record r = { 0 };

	r.header = &h;
	r.source = source;
	return schema_record_type(&r, NULL, buf, sizeof(buf), origin);
}

static void
test_type_from_file_name(void **state)
{
	enum type_origin o;

	(void)state;
	assert_string_equal(type_of("ledger/invoices.csv", &o), "invoice");
	assert_int_equal(o, TYPE_FILE_NAME);
	assert_string_equal(type_of("minutes.json", NULL), "minutes");
	assert_string_equal(type_of("contacts.jsonl", NULL), "contact");
	assert_string_equal(type_of("2026_time.csv", NULL), "time");
	assert_string_equal(type_of("payments-2027.csv", NULL), "payment");
	assert_string_equal(type_of("2026_Q4_invoices.csv", NULL), "invoice");
	assert_string_equal(type_of("holidays-2026.csv", NULL), "holiday");
	assert_string_equal(type_of("rates.csv", NULL), "rate");
	assert_string_equal(type_of("hourly rates.csv", NULL), "rate");
	assert_string_equal(type_of("Staff.csv", NULL), "staff");
	assert_string_equal(type_of("invoices.2026.csv", NULL), "invoice");
	assert_string_equal(type_of("dir.d/costs", NULL), "cost");
	assert_null(type_of("misc.csv", &o));
	assert_int_equal(o, TYPE_NONE);
	assert_null(type_of("job-invoices.csv", &o));
	assert_int_equal(o, TYPE_AMBIGUOUS);
	/* The same type twice is still one type. */
	assert_string_equal(type_of("invoice-invoices.csv", NULL), "invoice");
}

static void
test_type_field_wins(void **state)
{
	struct record r = { 0 };
	struct csv_header h = { 0 };
	enum type_origin o;
	char buf[64];

	(void)state;
	r.header = &h;
	r.source = "job-invoices.csv";
	assert_string_equal(schema_record_type(&r, "time", buf, sizeof(buf),
				&o),
	    "time");
	assert_int_equal(o, TYPE_DEFAULT);
	assert_string_equal(record_type(&r, "job", buf, sizeof(buf)), "job");
}

static void
test_types_known(void **state)
{
	static const char *const want[] = { "invoice", "payment", "meeting",
		"minutes", "action", "brief", "estimate", "job", "time",
		"forecast", "contact", "research", "competitor", "memo", "fact",
		"complaint", "callback", "rate", "holiday", "cost", "staff",
		"leave" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_true(record_type_known(want[i]));
	assert_null(schema_type_name(i));
	assert_false(record_type_known("invoices"));
	assert_false(record_type_known("timesheet"));
}

static void
test_enums(void **state)
{
	const char *const *kinds;

	(void)state;
	kinds = schema_enum("meeting", "items.kind");
	assert_non_null(kinds);
	assert_string_equal(kinds[0], "opening");
	assert_int_equal(schema_enum_index("action", "status", "dropped"), 2);
	assert_int_equal(schema_enum_index("action", "status", "lost"), -1);
	assert_int_equal(schema_enum_index("job", "kind", "internal"), 1);
	assert_non_null(schema_enum("complaint", "channel"));
	assert_null(schema_enum("meeting", "title"));
	assert_null(schema_enum("nothing", "kind"));
	assert_true(schema_is_field("memo", "attachments.artwork"));
	assert_true(schema_is_field("minutes", "actions.sensitive"));
	assert_false(schema_is_field("memo", "attachments.size"));
}

struct seen {
	char text[2048];
	int n;
};

static void
collect(const char *rule, const struct ae_error *err, void *ctx)
{
	struct seen *s = ctx;
	size_t len = strlen(s->text);

	snprintf(s->text + len, sizeof(s->text) - len, "%ld %s %s: %s\n",
	    err->line, rule, err->field, err->text);
	s->n++;
}

/* The problems schema_check_record finds in the JSON TEXT from SOURCE. */
static int
check_json(const char *source, const char *text, struct seen *s)
{
	struct record r = { 0 };
	int n;

	memset(s, 0, sizeof(*s));
	r.source = source;
	r.line = 1;
	r.object = test_parse_json(text);
	n = schema_check_record(&r, NULL, "CNY", collect, s);
	json_decref(r.object);
	return n;
}

static void
test_check_new_types(void **state)
{
	struct seen s;

	(void)state;
	assert_int_equal(
	    check_json("holidays-2026.json",
		"{\"date\": \"2026-10-10\", \"kind\": \"workday\"}", &s),
	    0);
	assert_int_equal(
	    check_json("holidays-2026.json",
		"{\"date\": \"2026-10-10\", \"kind\": \"day off\"}", &s),
	    1);
	assert_non_null(strstr(s.text,
	    "(taken as 'holiday' from the file "
	    "name)"));
	assert_int_equal(
	    check_json("x.json",
		"{\"type\": \"fact\", \"client\":"
		" \"A\", \"section\": \"media\", \"title\": \"t\", \"date\": "
		"\"2026-01-02\"}",
		&s),
	    0);
	assert_int_equal(
	    check_json("x.json",
		"{\"type\": \"callback\", "
		"\"client\": \"A\", \"date\": \"2026-01-02\", \"by\": \"Li\", "
		"\"score\": 6}",
		&s),
	    1);
	assert_non_null(strstr(s.text,
	    "range score: '6' is not a whole number from 1 to 5"));
	assert_int_equal(
	    check_json("x.json",
		"{\"type\": \"memo\", \"to\": "
		"\"a\", \"from\": \"b\", \"date\": \"2026-01-02\", \"subject\": "
		"\"s\", \"body\": \"b\", \"attachments\": [{\"name\": \"k.pdf\", "
		"\"artwork\": \"maybe\"}]}",
		&s),
	    1);
	assert_non_null(strstr(s.text, "attachments[1].artwork"));
}

static void
test_check_ranges(void **state)
{
	struct seen s;

	(void)state;
	assert_int_equal(
	    check_json("time.json",
		"{\"date\": \"2026-01-02\", "
		"\"person\": \"Li\", \"job\": \"J1\", \"hours\": 25}",
		&s),
	    1);
	assert_non_null(strstr(s.text, "range hours"));
	assert_int_equal(
	    check_json("time.json",
		"{\"date\": \"2026-01-02\", "
		"\"person\": \"Li\", \"job\": \"J1\", \"hours\": \"24.0\"}",
		&s),
	    0);
	assert_int_equal(
	    check_json("time.json",
		"{\"date\": \"2026-01-02\", "
		"\"person\": \"Li\", \"job\": \"J1\", \"hours\": \"24.5\"}",
		&s),
	    1);
	assert_int_equal(
	    check_json("time.json",
		"{\"date\": \"2026-01-02\", "
		"\"person\": \"Li\", \"job\": \"J1\", \"hours\": \"-0.5\"}",
		&s),
	    1);
	assert_int_equal(
	    check_json("forecasts.json",
		"{\"client\": \"A\", "
		"\"month\": \"2026-12\", \"amount\": \"100\", \"probability\": "
		"100.5}",
		&s),
	    1);
	/* A workday is more than 0 hours; 0 worked on a day is a record. */
	assert_int_equal(check_json("staff.json",
			     "{\"person\": \"Li\", \"hours\": \"0.00\"}", &s),
	    1);
	assert_non_null(strstr(s.text, "range hours"));
	assert_int_equal(check_json("staff.json",
			     "{\"person\": \"Li\", \"hours\": \"0.5\"}", &s),
	    0);
	assert_int_equal(check_json("time.json",
			     "{\"date\": \"2026-01-02\", \"person\": \"Li\", "
			     "\"job\": \"J1\", \"hours\": 0}",
			     &s),
	    0);
	assert_int_equal(check_json("staff.json",
			     "{\"person\": \"Li\", \"rate\": \"-1\"}", &s),
	    1);
	assert_non_null(strstr(s.text, "range rate"));
}

#define MEETING_HEAD \
	"{\"id\": \"M\", \"title\": \"T\", \"start\": \"2026-11-03T10:00\", " \
	"\"items\": [{\"topic\": \"a\", \"owner\": \"Li\", \"minutes\": 5}], "

/*
 * A meeting's end and duration must say one length of at most a week;
 * an ordinary meeting that gives both, agreeing, is quiet.
 */
static void
test_check_meeting_span(void **state)
{
	struct seen s;

	(void)state;
	assert_int_equal(check_json("meetings.json",
			     MEETING_HEAD "\"duration\": 60, "
					  "\"end\": \"2026-11-03T11:00\"}",
			     &s),
	    0);
	assert_int_equal(check_json("meetings.json",
			     MEETING_HEAD "\"sent\": \"2026-11-02\", "
					  "\"duration\": 60}",
			     &s),
	    0);
	assert_int_equal(check_json("meetings.json",
			     MEETING_HEAD "\"duration\": 30, "
					  "\"end\": \"2026-11-03T11:00\"}",
			     &s),
	    1);
	assert_non_null(strstr(s.text,
	    "end is 60 minutes after the start, duration says 30"));
	assert_int_equal(check_json("meetings.json",
			     MEETING_HEAD "\"end\": \"2026-11-03T10:00\"}", &s),
	    1);
	assert_non_null(strstr(s.text, "is not after the start"));
	assert_int_equal(check_json("meetings.json",
			     MEETING_HEAD "\"end\": \"2026-11-10T10:01\"}", &s),
	    1);
	assert_non_null(strstr(s.text, "range end"));
	/* A week to the minute is still a meeting. */
	assert_int_equal(check_json("meetings.json",
			     MEETING_HEAD "\"end\": \"2026-11-10T10:00\"}", &s),
	    0);
}

/* schema_require: the first problem as the error, nothing when good. */
static void
test_require(void **state)
{
	json_t *o = json_loads(
	    "{\"to\": \"Li\", \"from\": \"W\", "
	    "\"date\": \"2026-11-20\", \"subject\": \"S\", \"body\": "
	    "\"b\", \"attachments\": [\"a.pdf\", {\"name\": \"b.psd\", "
	    "\"artwork\": \"maybe\"}], \"urgent\": \"x\"}",
	    0, NULL);
	struct record r = field_object(o, "memo.json", 3);
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	assert_int_equal(schema_require(&r, "memo", "CNY", &err), -1);
	assert_string_equal(err.field, "attachments[2].artwork");
	assert_non_null(strstr(err.text, "'maybe' is not true or false"));
	json_object_set_new(o, "urgent", json_true());
	/* memo(1) takes a person for to and from; so does the schema. */
	json_object_set_new(o, "to",
	    json_pack("{s:s, s:s}", "name", "Li", "org", "Acme"));
	json_object_set_new(json_array_get(json_object_get(o, "attachments"),
				1),
	    "artwork", json_false());
	ae_error_clear(&err);
	assert_int_equal(schema_require(&r, "memo", "CNY", &err), 0);
	assert_false(ae_error_isset(&err));
	json_object_del(o, "body");
	assert_int_equal(schema_require(&r, "memo", "CNY", &err), -1);
	assert_string_equal(err.field, "body");
	ae_error_clear(&err);
	assert_int_equal(schema_require(&r, "nothing", "CNY", &err), -1);
	assert_int_equal(err.code, AE_EINTERNAL);
	json_decref(o);
}

static void
test_check_no_type(void **state)
{
	struct seen s;

	(void)state;
	assert_int_equal(check_json("job-invoices.json", "{\"a\": 1}", &s), 1);
	assert_non_null(strstr(s.text,
	    "names two types, 'job' and "
	    "'invoice'"));
	assert_int_equal(check_json("misc.json", "{\"a\": 1}", &s), 1);
	assert_non_null(strstr(s.text, "record has no type"));
	assert_int_equal(check_json("misc.json", "{\"type\": \"bill\"}", &s),
	    1);
	assert_non_null(strstr(s.text, "unknown type 'bill'"));
}

/* A CSV row of HEADER (N names) and VALUES, as the reader gives one. */
static struct record
csv_row(struct csv_header *h, char **names, const char **values, size_t n,
    unsigned long serial)
{
	struct record r = { 0 };

	memset(h, 0, sizeof(*h));
	h->n = n;
	h->names = names;
	h->serial = serial;
	r.source = "ledger.csv";
	r.line = 2;
	r.header = h;
	r.values = values;
	return r;
}

/* schema_decode: a CSV row's values by field, converted, or the problem. */
static void
test_decode_csv(void **state)
{
	char *names[] = { "amount", "invoice", "issued", "client", "terms",
		"currency" };
	const char *row[] = { "1,234.5", "A1", "2026-01-05", "Acme", "45",
		"JPY" };
	struct schema_decoder *d = schema_decoder_new("CNY");
	int amount = schema_field_index("invoice", "amount");
	int issued = schema_field_index("invoice", "issued");
	int terms = schema_field_index("invoice", "terms");
	int due = schema_field_index("invoice", "due");
	const struct schema_values *v;
	struct csv_header h;
	struct record r = csv_row(&h, names, row, 6, 1);
	struct ae_error err;

	(void)state;
	assert_true(amount >= 0 && issued >= 0 && terms >= 0 && due >= 0);
	assert_int_equal(schema_field_index("invoice", "nothing"), -1);
	assert_int_equal(schema_field_index("meeting", "items.kind"), -1);
	ae_error_clear(&err);
	/* 1,234.5 yen has decimals the yen has not. */
	assert_null(schema_decode(d, &r, "invoice", &err));
	assert_string_equal(err.field, "amount");
	assert_int_equal(err.line, 2);
	row[0] = "1,234";
	v = schema_decode(d, &r, "invoice", &err);
	assert_non_null(v);
	assert_string_equal(v->type, "invoice");
	assert_string_equal(v->currency, "JPY");
	assert_int_equal(v->digits, 0);
	assert_int_equal(v->v[amount].money, 1234);
	assert_string_equal(v->v[amount].text, "1,234");
	assert_int_equal(v->v[issued].day, date_from_ymd(2026, 1, 5));
	assert_int_equal(v->v[terms].whole, 45);
	assert_null(v->v[due].text);
	/* A new header (another file): the columns are found again. */
	names[5] = "note";
	r = csv_row(&h, names, row, 6, 2);
	row[0] = "12.34";
	v = schema_decode(d, &r, "invoice", &err);
	assert_non_null(v);
	assert_string_equal(v->currency, "CNY");
	assert_int_equal(v->v[amount].money, 1234);
	row[4] = "thirty";
	assert_null(schema_decode(d, &r, "invoice", &err));
	assert_string_equal(err.field, "terms");
	assert_non_null(strstr(err.text, "not a whole number from 0 to 3660"));
	ae_error_clear(&err);
	assert_null(schema_decode(d, &r, "bill", &err));
	assert_int_equal(err.code, AE_EINTERNAL);
	schema_decoder_free(d);
}

/* The same values from a JSON record: numbers, booleans, enumerations. */
static void
test_decode_json(void **state)
{
	json_t *o = test_parse_json(
	    "{\"date\": \"2026-11-20\", \"person\": \"Li\", "
	    "\"job\": \"J1\", \"hours\": 7.5}");
	json_t *c = test_parse_json(
	    "{\"client\": \"Acme\", \"date\": \"2026-11-20\", "
	    "\"by\": \"W\", \"kind\": \"survey\", \"satisfied\": "
	    "false, \"score\": 4}");
	struct record r = field_object(o, "time.json", 1);
	struct record cb = field_object(c, "callbacks.json", 1);
	struct schema_decoder *d = schema_decoder_new("CNY");
	int hours = schema_field_index("time", "hours");
	const struct schema_values *v;
	struct ae_error err;

	(void)state;
	ae_error_clear(&err);
	v = schema_decode(d, &r, "time", &err);
	assert_non_null(v);
	assert_string_equal(v->v[hours].text, "7.5");
	assert_int_equal(v->v[hours].number.coef, 75);
	assert_int_equal(v->v[hours].number.scale, 1);
	v = schema_decode(d, &cb, "callback", &err);
	assert_non_null(v);
	assert_int_equal(v->v[schema_field_index("callback", "kind")].index,
	    schema_enum_index("callback", "kind", "survey"));
	assert_int_equal(
	    v->v[schema_field_index("callback", "satisfied")].flag, 0);
	assert_int_equal(v->v[schema_field_index("callback", "score")].whole,
	    4);
	json_object_set_new(o, "hours", json_integer(25));
	assert_null(schema_decode(d, &r, "time", &err));
	assert_string_equal(err.field, "hours");
	assert_non_null(strstr(err.text, "outside 0 to 24"));
	schema_decoder_free(d);
	json_decref(o);
	json_decref(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_type_from_file_name),
		cmocka_unit_test(test_type_field_wins),
		cmocka_unit_test(test_types_known),
		cmocka_unit_test(test_enums),
		cmocka_unit_test(test_check_new_types),
		cmocka_unit_test(test_check_ranges),
		cmocka_unit_test(test_check_meeting_span),
		cmocka_unit_test(test_check_no_type),
		cmocka_unit_test(test_require),
		cmocka_unit_test(test_decode_csv),
		cmocka_unit_test(test_decode_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
