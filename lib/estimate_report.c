/*
 * The estimate's document context, checks and reports.  See estimate_report.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capital.h"
#include "date.h"
#include "estimate_report.h"
#include "field.h"
#include "jsontext.h"
#include "i18n.h"
#include "reftable.h"
#include "strbuf.h"
#include "table.h"
#include "writer.h"

__extension__ typedef __int128 i128;

static const char *
text_of(json_t *obj, const char *name, char *buf)
{
	json_t *v = json_object_get(obj, name);
	const char *s = v ? json_scalar_text(v, buf) : NULL;

	return s && *s ? s : NULL;
}

static json_t *
money_json(int64_t v, int digits, int grouped)
{
	char buf[MONEY_BUFSIZE];

	money_format(v, digits, grouped, buf, sizeof(buf));
	return json_string(buf);
}

/* Copies member NAME of FROM to TO as text, "" when absent. */
static void
copy_text(json_t *to, json_t *from, const char *name)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = text_of(from, name, buf);

	json_object_set_new(to, name, json_string(s ? s : ""));
}

/* A rate as written, regrouped: "3000" → "3,000.00". */
static json_t *
rate_json(json_t *line, const struct estimate_totals *t)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = text_of(line, "rate", buf);
	int64_t v;

	if (s == NULL || money_parse(s, t->digits, NULL, &v, NULL) != 0)
		return json_string("");
	return money_json(v, t->digits, 1);
}

json_t *
estimate_context(json_t *est, const struct estimate_totals *t, int zh_words)
{
	json_t *ctx = json_deep_copy(est), *sections = json_array();
	json_t *lines = json_object_get(est, "lines"), *line, *totals;
	struct strbuf words = STRBUF_INIT;
	size_t s, i, no = 0;

	for (s = 0; s < t->nsections; s++) {
		json_t *sec = json_object(), *rows = json_array();

		json_object_set_new(sec, "name",
		    json_string(t->sections[s].name));
		json_array_foreach(lines, i, line)
		{
			json_t *row;

			if (t->section_of[i] != s)
				continue;
			row = json_object();
			json_object_set_new(row, "no",
			    json_integer((json_int_t)++no));
			copy_text(row, line, "code");
			copy_text(row, line, "item");
			copy_text(row, line, "qty");
			copy_text(row, line, "unit");
			json_object_set_new(row, "rate", rate_json(line, t));
			json_object_set_new(row, "amount",
			    money_json(t->amounts[i], t->digits, 1));
			json_array_append_new(rows, row);
		}
		json_object_set_new(sec, "lines", rows);
		json_object_set_new(sec, "subtotal",
		    money_json(t->sections[s].subtotal, t->digits, 1));
		json_array_append_new(sections, sec);
	}
	json_object_set_new(ctx, "sections", sections);
	totals = json_object();
	json_object_set_new(totals, "subtotal",
	    money_json(t->subtotal, t->digits, 1));
	json_object_set_new(totals, "commission_amount",
	    money_json(t->commission_amount, t->digits, 1));
	json_object_set_new(totals, "tax_amount",
	    money_json(t->tax_amount, t->digits, 1));
	json_object_set_new(totals, "total",
	    money_json(t->total, t->digits, 1));
	if (t->has_deposit)
		json_object_set_new(totals, "deposit_amount",
		    money_json(t->deposit_amount, t->digits, 1));
	if (zh_words && strcmp(t->currency, "CNY") == 0) {
		capital_zh(t->total, &words);
		json_object_set_new(totals, "words", json_string(words.buf));
		strbuf_release(&words);
	}
	json_object_set_new(ctx, "totals", totals);
	json_object_set_new(ctx, "currency", json_string(t->currency));
	return ctx;
}

/* Parses date member NAME; 0 absent, 1 found, -1 bad (ERR filled). */
static int
member_date(json_t *obj, const char *name, int32_t *day, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = text_of(obj, name, buf);

	if (s == NULL)
		return 0;
	if (date_parse(s, day, err) != 0) {
		ae_error_field(err, name);
		return -1;
	}
	return 1;
}

/* The dates of an estimate's rules; HAS_ says which were given. */
struct est_dates {
	int32_t approved, reviewed, valid;
	int has_approved, has_reviewed, has_valid;
	int has_approver, has_reviewer;
};

static int
est_dates(json_t *est, struct est_dates *d, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];

	memset(d, 0, sizeof(*d));
	if ((d->has_approved =
		    member_date(est, "approved_on", &d->approved, err)) < 0 ||
	    (d->has_reviewed =
		    member_date(est, "reviewed_on", &d->reviewed, err)) < 0 ||
	    (d->has_valid = member_date(est, "valid_until", &d->valid, err)) <
		0)
		return -1;
	d->has_approver = text_of(est, "approved_by", buf) != NULL;
	d->has_reviewer = text_of(est, "reviewed_by", buf) != NULL;
	return 0;
}

/*
 * Whether the client's sign-off counts on AS_OF: a name and a date, not
 * after the as-of date and not after the estimate's validity.
 */
static int
signature_counts(const struct est_dates *d, int32_t as_of)
{
	return d->has_approver && d->has_approved && d->approved <= as_of &&
	    (!d->has_valid || d->approved <= d->valid);
}

/* A finding about field NAME of EST whose FMT names dates A and B. */
static void
report_dates(struct finding_sink *fs, json_t *est, const char *name,
    const char *rule, const char *fmt, int32_t a, int32_t b)
{
	char d1[DATE_BUFSIZE], d2[DATE_BUFSIZE];

	date_format(a, d1);
	date_format(b, d2);
	finding_on(fs, json_object_get(est, name), rule, fmt, d1, d2);
}

/* The client's signature: whole, and dated when it may count. */
static int
check_signoff(json_t *est, const struct est_dates *d, int32_t as_of,
    struct finding_sink *fs)
{
	if (d->has_approver != d->has_approved) {
		finding_on(fs,
		    json_object_get(est,
			d->has_approver ? "approved_by" : "approved_on"),
		    "signoff", "%s",
		    d->has_approver ? _("the client's sign-off has no date "
					"(approved_on)") :
				      _("the client's sign-off has a date but "
					"no name (approved_by)"));
		return 1;
	}
	if (!d->has_approved)
		return 0;
	if (d->approved > as_of) {
		report_dates(fs, est, "approved_on", "signoff",
		    _("the "
		      "client's sign-off is dated %s, after the as-of date %s: "
		      "it does not count"),
		    d->approved, as_of);
		return 1;
	}
	if (d->has_valid && d->approved > d->valid) {
		report_dates(fs, est, "approved_on", "signoff",
		    _("the "
		      "client signed on %s, after the estimate expired on %s: "
		      "the signature does not count"),
		    d->approved, d->valid);
		return 1;
	}
	return 0;
}

/* The agency's own review (负责人员签字) before the client's sign-off. */
static int
check_review(json_t *est, const struct est_dates *d, int32_t as_of,
    struct finding_sink *fs)
{
	if (!signature_counts(d, as_of))
		return 0;
	if (!d->has_reviewer || !d->has_reviewed || d->reviewed > as_of) {
		finding_on(fs, json_object_get(est, "approved_on"), "review",
		    "%s",
		    _("the client signed an estimate the agency had not "
		      "reviewed (reviewed_by, reviewed_on)"));
		return 1;
	}
	if (d->reviewed > d->approved) {
		report_dates(fs, est, "reviewed_on", "review",
		    _("the agency "
		      "reviewed the estimate on %s, after the client signed it "
		      "on %s"),
		    d->reviewed, d->approved);
		return 1;
	}
	return 0;
}

int
estimate_check(json_t *est, int32_t as_of, struct finding_sink *fs,
    struct ae_error *err)
{
	struct est_dates d;
	int n;

	if (est_dates(est, &d, err) != 0)
		return -1;
	n = check_signoff(est, &d, as_of, fs);
	n += check_review(est, &d, as_of, fs);
	if (!signature_counts(&d, as_of) && d.has_valid && d.valid < as_of) {
		report_dates(fs, est, "valid_until", "validity",
		    _("the "
		      "estimate expired on %s unsigned (as of %s)"),
		    d.valid, as_of);
		n++;
	}
	return n;
}

/* The first day some revision of each job was signed, in force. */
struct job_signed {
	char *job;
	int32_t first; /* INT32_MAX: no revision signed */
};

static size_t
jobs_signed(json_t *const *ests, size_t n, int32_t as_of, struct job_signed *js)
{
	char buf[JSONTEXT_BUFSIZE];
	struct ae_error err;
	struct est_dates d;
	const char *job;
	size_t i, k, njobs = 0;

	for (i = 0; i < n; i++) {
		ae_error_clear(&err);
		if ((job = text_of(ests[i], "job", buf)) == NULL ||
		    est_dates(ests[i], &d, &err) != 0)
			continue; /* refused by the caller already */
		for (k = 0; k < njobs && strcmp(js[k].job, job) != 0; k++)
			;
		if (k == njobs) {
			js[k].job = xstrdup(job);
			js[k].first = INT32_MAX;
			njobs++;
		}
		if (signature_counts(&d, as_of) && d.approved < js[k].first)
			js[k].first = d.approved;
	}
	return njobs;
}

static void
report_work(const struct record *r, int32_t day, int32_t first,
    struct finding_sink *fs)
{
	char pbuf[JSONTEXT_BUFSIZE], hbuf[JSONTEXT_BUFSIZE],
	    jbuf[JSONTEXT_BUFSIZE];
	char d1[DATE_BUFSIZE], d2[DATE_BUFSIZE];
	const char *person = record_value(r, "person", pbuf);
	const char *hours = record_value(r, "hours", hbuf);
	const char *job = record_value(r, "job", jbuf);

	date_format(day, d1);
	if (first != INT32_MAX) {
		date_format(first, d2);
		finding_at(fs, r->source, r->line, "work-before-signoff",
		    _("%s logged %s hours on %s, before the client signed on "
		      "%s"),
		    person ? person : _("someone"), hours ? hours : "?", d1,
		    d2);
	} else {
		finding_at(fs, r->source, r->line, "work-before-signoff",
		    _("%s logged %s hours on %s, and the client has signed no "
		      "estimate of job %s"),
		    person ? person : _("someone"), hours ? hours : "?", d1,
		    job);
	}
}

struct time_check {
	struct job_signed *js;
	size_t njobs;
	struct finding_sink *fs;
	int found;
};

/* One time record, which the schema has checked as `time`. */
static int
check_time_record(const struct record *r, void *ctx, struct ae_error *err)
{
	struct time_check *tc = ctx;
	char buf[JSONTEXT_BUFSIZE];
	const char *tj = record_value(r, "job", buf);
	int32_t day;
	size_t k;

	for (k = 0; k < tc->njobs && strcmp(tc->js[k].job, tj) != 0; k++)
		;
	if (k == tc->njobs)
		return 0;
	if (field_date(r, "date", &day, err) < 0)
		return -1;
	if (day < tc->js[k].first) {
		report_work(r, day, tc->js[k].first, tc->fs);
		tc->found++;
	}
	return 0;
}

int
estimate_check_time(json_t *const *ests, size_t n, int32_t as_of,
    const char *path, const struct reader_options *opts,
    struct finding_sink *fs, struct ae_error *err)
{
	struct time_check tc = { xcalloc(n + 1, sizeof(*tc.js)), 0, fs, 0 };
	size_t k;
	int rc;

	tc.njobs = jobs_signed(ests, n, as_of, tc.js);
	rc = reftable_load(path, opts, "time", NULL, check_time_record, &tc,
	    err);
	for (k = 0; k < tc.njobs; k++)
		free(tc.js[k].job);
	free(tc.js);
	return rc < 0 ? -1 : tc.found;
}

/* Row builders: every value a string. */
static void
put_str(json_t *row, const char *name, const char *s)
{
	json_object_set_new(row, name, json_string(s ? s : ""));
}

static void
put_money(json_t *row, const char *name, int64_t v, int digits)
{
	json_object_set_new(row, name, money_json(v, digits, 0));
}

/* A line's qty as written (1 when absent and priced by rate). */
static void
put_qty(json_t *row, const char *name, json_t *line)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = text_of(line, "qty", buf);

	put_str(row, name, s ? s : "");
}

static void
put_rate(json_t *row, const char *name, json_t *line, int digits)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = text_of(line, "rate", buf);
	int64_t v;

	if (s && money_parse(s, digits, NULL, &v, NULL) == 0)
		put_money(row, name, v, digits);
	else
		put_str(row, name, "");
}

/* Whether two lines' texts of NAME differ (absent equals ""). */
static int
differs(json_t *a, json_t *b, const char *name)
{
	char ba[JSONTEXT_BUFSIZE], bb[JSONTEXT_BUFSIZE];
	const char *sa = text_of(a, name, ba), *sb = text_of(b, name, bb);

	return strcmp(sa ? sa : "", sb ? sb : "") != 0;
}

static int
same_decimal(json_t *a, json_t *b, const char *name)
{
	char ba[JSONTEXT_BUFSIZE], bb[JSONTEXT_BUFSIZE];
	const char *sa = text_of(a, name, ba), *sb = text_of(b, name, bb);
	struct decimal da, db;
	i128 x, y;

	if (sa == NULL || sb == NULL)
		return sa == sb;
	if (decimal_parse(sa, &da, NULL) != 0 ||
	    decimal_parse(sb, &db, NULL) != 0)
		return strcmp(sa, sb) == 0;
	/* Compare COEF × 10^−SCALE exactly: bring both to one scale. */
	x = da.coef;
	y = db.coef;
	for (; da.scale < db.scale; da.scale++)
		x *= 10;
	for (; db.scale < da.scale; db.scale++)
		y *= 10;
	return x == y;
}

static int
rate_differs(json_t *a, json_t *b, int digits)
{
	char ba[JSONTEXT_BUFSIZE], bb[JSONTEXT_BUFSIZE];
	const char *sa = text_of(a, "rate", ba), *sb = text_of(b, "rate", bb);
	int64_t x, y;

	if (sa == NULL || sb == NULL)
		return sa != sb;
	if (money_parse(sa, digits, NULL, &x, NULL) != 0 ||
	    money_parse(sb, digits, NULL, &y, NULL) != 0)
		return strcmp(sa, sb) != 0;
	return x != y;
}

/*
 * Writes NEW − OLD, exact even where it leaves int64: the magnitude of
 * the difference of two int64 values always fits in uint64.
 */
static void
put_diff(json_t *row, const char *name, int64_t new, int64_t old, int digits)
{
	i128 d = (i128) new - old;
	unsigned __int128 mag =
	    d < 0 ? (unsigned __int128)-d : (unsigned __int128)d;
	char buf[MONEY_BUFSIZE + 2], *p = buf + sizeof(buf);
	int i;

	*--p = '\0';
	for (i = 0; i < digits; i++) {
		*--p = (char)('0' + (int)(mag % 10));
		mag /= 10;
	}
	if (digits > 0)
		*--p = '.';
	do {
		*--p = (char)('0' + (int)(mag % 10));
		mag /= 10;
	} while (mag > 0);
	if (d < 0)
		*--p = '-';
	put_str(row, name, p);
}

static const char *
line_key(json_t *line, struct strbuf *sb)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE];
	const char *sec = text_of(line, "section", b1);
	const char *item = text_of(line, "item", b2);

	strbuf_reset(sb);
	strbuf_addstr(sb, sec ? sec : "");
	strbuf_addch(sb, '\037');
	strbuf_addstr(sb, item ? item : "");
	return sb->buf;
}

static json_t *
change_row(const char *change, json_t *line)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE];
	json_t *row = json_object();

	put_str(row, "change", change);
	put_str(row, "section", text_of(line, "section", b1));
	put_str(row, "item", text_of(line, "item", b2));
	return row;
}

/*
 * A total row; the commission and tax rows carry their percentages in
 * the rate columns (plain decimals, "" for the others).
 */
static void
total_row(json_t *rows, const char *what, int64_t a, int64_t b, int digits,
    const struct decimal *pa, const struct decimal *pb)
{
	json_t *row = json_object();
	char ba[64] = "", bb[64] = "";

	if (pa && pb) {
		decimal_format(*pa, ba, sizeof(ba));
		decimal_format(*pb, bb, sizeof(bb));
	}
	put_str(row, "change", "total");
	put_str(row, "section", "");
	put_str(row, "item", what);
	put_str(row, "old_qty", "");
	put_str(row, "new_qty", "");
	put_str(row, "old_rate", ba);
	put_str(row, "new_rate", bb);
	put_money(row, "old_amount", a, digits);
	put_money(row, "new_amount", b, digits);
	put_diff(row, "difference", b, a, digits);
	json_array_append_new(rows, row);
}

/* Fills the old_ or new_ columns of ROW from LINE (NULL: blanks). */
static void
side(json_t *row, const char *prefix, json_t *line, int64_t amount, int digits)
{
	char q[32], r[32], a[32];

	snprintf(q, sizeof(q), "%s_qty", prefix);
	snprintf(r, sizeof(r), "%s_rate", prefix);
	snprintf(a, sizeof(a), "%s_amount", prefix);
	if (line == NULL) {
		put_str(row, q, "");
		put_str(row, r, "");
		put_str(row, a, "");
		return;
	}
	put_qty(row, q, line);
	put_rate(row, r, line, digits);
	put_money(row, a, amount, digits);
}

json_t *
estimate_compare(json_t *old, const struct estimate_totals *to, json_t *new,
    const struct estimate_totals *tn, struct ae_error *err)
{
	json_t *ol = json_object_get(old, "lines"),
	       *nl = json_object_get(new, "lines"), *rows, *row, *a, *b;
	struct strbuf ka = STRBUF_INIT, kb = STRBUF_INIT;
	char *used;
	size_t i, j;
	int d = tn->digits;

	if (strcmp(to->currency, tn->currency) != 0) {
		ae_error_set(err, AE_EDATA,
		    "the revisions are in %s and %s, "
		    "which cannot be compared",
		    to->currency, tn->currency);
		ae_error_field(err, "currency");
		return NULL;
	}
	rows = json_array();
	used = xcalloc(tn->nlines + 1, 1);
	json_array_foreach(ol, i, a)
	{
		line_key(a, &ka);
		b = NULL;
		for (j = 0; j < tn->nlines; j++) {
			if (used[j] ||
			    strcmp(line_key(json_array_get(nl, j), &kb),
				ka.buf) != 0)
				continue;
			used[j] = 1;
			b = json_array_get(nl, j);
			break;
		}
		if (b == NULL) {
			row = change_row("removed", a);
			side(row, "old", a, to->amounts[i], d);
			side(row, "new", NULL, 0, d);
			put_diff(row, "difference", 0, to->amounts[i], d);
			json_array_append_new(rows, row);
			continue;
		}
		if (same_decimal(a, b, "qty") &&
		    to->amounts[i] == tn->amounts[j] &&
		    !differs(a, b, "code") && !differs(a, b, "unit") &&
		    !rate_differs(a, b, d))
			continue;
		row = change_row("changed", b);
		side(row, "old", a, to->amounts[i], d);
		side(row, "new", b, tn->amounts[j], d);
		put_diff(row, "difference", tn->amounts[j], to->amounts[i], d);
		json_array_append_new(rows, row);
	}
	json_array_foreach(nl, j, b)
	{
		if (used[j])
			continue;
		row = change_row("added", b);
		side(row, "old", NULL, 0, d);
		side(row, "new", b, tn->amounts[j], d);
		put_money(row, "difference", tn->amounts[j], d);
		json_array_append_new(rows, row);
	}
	free(used);
	strbuf_release(&ka);
	strbuf_release(&kb);
	total_row(rows, "subtotal", to->subtotal, tn->subtotal, d, NULL, NULL);
	total_row(rows, "commission_amount", to->commission_amount,
	    tn->commission_amount, d, &to->commission, &tn->commission);
	total_row(rows, "tax_amount", to->tax_amount, tn->tax_amount, d,
	    &to->tax, &tn->tax);
	total_row(rows, "total", to->total, tn->total, d, NULL, NULL);
	return rows;
}

/*
 * Where the actual costs of an estimate went.  A cost is booked to the
 * line of its `line` number (the No. printed on the estimate), else to
 * its `code`: the one line of that code, or the code's lines as a group;
 * else to its `section` as a whole; else to the line of its exact
 * `item`; what matches none of these is unestimated.
 */
struct unestimated {
	char *code, *section, *item;
	int64_t actual;
};

struct code_group {
	char *code;
	size_t nlines, section; /* SECTION: the one section, or SIZE_MAX */
	int64_t estimate, actual;
	int costed;
};

struct actuals {
	size_t *line_at; /* document number − 1 → index in lines */
	int64_t *lines;	 /* booked to the line itself */
	char *line_costed;
	struct code_group *codes;
	size_t ncodes;
	size_t *code_of;   /* each line's group, or SIZE_MAX */
	int64_t *sections; /* booked to the section as a whole */
	char *section_costed;
	struct unestimated *extra;
	size_t nextra;
};

static int
same_text(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Both absent, or the same text. */
static int
same_key(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || same_text(a, b);
}

static size_t
find_code(const struct actuals *a, const char *code)
{
	size_t k;

	for (k = 0; code && k < a->ncodes; k++)
		if (strcmp(a->codes[k].code, code) == 0)
			return k;
	return SIZE_MAX;
}

/* Numbers the lines as the document does and groups them by code. */
static void
actuals_init(struct actuals *a, json_t *lines, const struct estimate_totals *t)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *code;
	size_t n = t->nlines + 1, s, i, no = 0, k;

	memset(a, 0, sizeof(*a));
	a->line_at = xcalloc(n, sizeof(*a->line_at));
	a->lines = xcalloc(n, sizeof(*a->lines));
	a->line_costed = xcalloc(n, 1);
	a->code_of = xcalloc(n, sizeof(*a->code_of));
	a->codes = xcalloc(n, sizeof(*a->codes));
	a->sections = xcalloc(t->nsections + 1, sizeof(*a->sections));
	a->section_costed = xcalloc(t->nsections + 1, 1);
	for (s = 0; s < t->nsections; s++)
		for (i = 0; i < t->nlines; i++)
			if (t->section_of[i] == s)
				a->line_at[no++] = i;
	for (i = 0; i < t->nlines; i++) {
		a->code_of[i] = SIZE_MAX;
		code = text_of(json_array_get(lines, i), "code", buf);
		if (code == NULL)
			continue;
		if ((k = find_code(a, code)) == SIZE_MAX) {
			k = a->ncodes++;
			a->codes[k].code = xstrdup(code);
			a->codes[k].section = t->section_of[i];
		}
		a->code_of[i] = k;
		a->codes[k].nlines++;
		/* A part of the subtotal, which did not overflow. */
		a->codes[k].estimate += t->amounts[i];
		if (a->codes[k].section != t->section_of[i])
			a->codes[k].section = SIZE_MAX;
	}
}

static void
actuals_release(struct actuals *a)
{
	size_t k;

	for (k = 0; k < a->nextra; k++) {
		free(a->extra[k].code);
		free(a->extra[k].section);
		free(a->extra[k].item);
	}
	for (k = 0; k < a->ncodes; k++)
		free(a->codes[k].code);
	free(a->extra);
	free(a->codes);
	free(a->code_of);
	free(a->line_at);
	free(a->lines);
	free(a->line_costed);
	free(a->sections);
	free(a->section_costed);
}

/* The line whose item is ITEM, or -1. */
static long
line_by_item(json_t *lines, const char *item)
{
	char buf[JSONTEXT_BUFSIZE];
	json_t *line;
	size_t i;

	json_array_foreach(lines, i,
	    line) if (same_text(text_of(line, "item", buf),
			  item)) return (long)i;
	return -1;
}

static size_t
section_by_name(const struct estimate_totals *t, const char *name)
{
	size_t s;

	for (s = 0; name && s < t->nsections; s++)
		if (strcmp(t->sections[s].name, name) == 0)
			return s;
	return SIZE_MAX;
}

static int64_t *
unestimated(struct actuals *a, const char *code, const char *section,
    const char *item)
{
	size_t k;

	for (k = 0; k < a->nextra; k++)
		if (same_key(a->extra[k].code, code) &&
		    same_key(a->extra[k].section, section) &&
		    same_key(a->extra[k].item, item))
			return &a->extra[k].actual;
	a->extra = xrealloc(a->extra, (k + 1) * sizeof(*a->extra));
	a->extra[k].code = code ? xstrdup(code) : NULL;
	a->extra[k].section = section ? xstrdup(section) : NULL;
	a->extra[k].item = item ? xstrdup(item) : NULL;
	a->extra[k].actual = 0;
	a->nextra++;
	return &a->extra[k].actual;
}

/*
 * What an unestimated row names: a cost of the job that names no line,
 * code, section or item (SPEC §4 asks only its job and amount) is listed
 * as such, not as a blank row.
 */
static const char *
extra_item(const struct unestimated *x)
{
	if (x->code == NULL && x->section == NULL && x->item == NULL)
		return _("(no line, code, section or item)");
	return x->item;
}

/* Where cost R goes; NULL with ERR for a line number not on the estimate. */
static int64_t *
book_of(struct actuals *a, json_t *lines, const struct record *r,
    const struct estimate_totals *t, struct ae_error *err)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], b3[JSONTEXT_BUFSIZE];
	const char *code = record_value(r, "code", b1);
	const char *section = record_value(r, "section", b2);
	const char *item = record_value(r, "item", b3);
	size_t k, s, i;
	long no, li;
	int rc;

	if ((rc = field_int(r, "line", 1, (long)t->nlines, &no, err)) < 0)
		return NULL; /* not a line of the estimate */
	if (rc > 0) {
		i = a->line_at[no - 1];
		a->line_costed[i] = 1;
		return &a->lines[i];
	}
	if ((k = find_code(a, code)) != SIZE_MAX) {
		a->codes[k].costed = 1;
		if (a->codes[k].nlines > 1)
			return &a->codes[k].actual;
		for (i = 0; a->code_of[i] != k; i++)
			;
		a->line_costed[i] = 1;
		return &a->lines[i];
	}
	if ((s = section_by_name(t, section)) != SIZE_MAX) {
		a->section_costed[s] = 1;
		return &a->sections[s];
	}
	if (code == NULL && (li = line_by_item(lines, item)) >= 0) {
		a->line_costed[li] = 1;
		return &a->lines[li];
	}
	return unestimated(a, code, section, item);
}

static int
add_cost(struct actuals *a, json_t *lines, const struct record *r,
    const struct estimate_totals *t, struct ae_error *err)
{
	char b1[JSONTEXT_BUFSIZE];
	const char *cur = record_value(r, "currency", b1);
	int64_t amount, *to;

	if (cur && strcmp(cur, t->currency) != 0) {
		ae_error_set(err, AE_EDATA,
		    "cost in %s against an estimate "
		    "in %s",
		    cur, t->currency);
		return field_error(r, "currency", err);
	}
	if (field_money(r, "amount", t->currency, t->digits, &amount, err) < 0)
		return -1;
	if ((to = book_of(a, lines, r, t, err)) == NULL)
		return -1;
	if (money_add(*to, amount, to, err) != 0)
		return field_error(r, "amount", err);
	return 0;
}

/* variance × 100 / estimate to one decimal, half away from zero. */
static void
put_pct(json_t *row, i128 variance, int64_t estimate)
{
	i128 num = variance * 1000, q, r;
	char buf[48];
	int neg;

	if (estimate == 0) {
		put_str(row, "variance_pct", "");
		return;
	}
	neg = (num < 0) != (estimate < 0);
	if (num < 0)
		num = -num;
	q = num / (estimate < 0 ? -(i128)estimate : estimate);
	r = num % (estimate < 0 ? -(i128)estimate : estimate);
	if (2 * r >= (estimate < 0 ? -(i128)estimate : estimate))
		q++;
	snprintf(buf, sizeof(buf), "%s%lld.%d", neg && q ? "-" : "",
	    (long long)(q / 10), (int)(q % 10));
	put_str(row, "variance_pct", buf);
}

/*
 * Whether ACTUAL exceeds ESTIMATE by more than TOL percent.  A discount
 * (a negative estimate) is never overrun, and neither is nothing.
 */
static int
over(int64_t estimate, int64_t actual, struct decimal tol)
{
	i128 var = (i128)actual - estimate, lhs, rhs;
	int s;

	if (estimate < 0 || var <= 0)
		return 0;
	lhs = var * 100;
	for (s = 0; s < tol.scale; s++)
		lhs *= 10;
	rhs = (i128)estimate * tol.coef;
	return lhs > rhs;
}

/* One row of the variance. */
struct variance {
	const char *level, *section, *code, *item;
	int64_t estimate, actual;
	int has_actual; /* 0: costed as part of a group */
};

static void
variance_row(json_t *rows, const struct variance *v, int digits,
    struct decimal tol, long *overruns)
{
	json_t *row = json_object();
	const char *flag =
	    v->has_actual && over(v->estimate, v->actual, tol) ? "over" : "";
	put_str(row, "level", v->level);
	put_str(row, "section", v->section);
	put_str(row, "code", v->code);
	put_str(row, "item", v->item);
	put_money(row, "estimate", v->estimate, digits);
	if (v->has_actual) {
		put_money(row, "actual", v->actual, digits);
		put_diff(row, "variance", v->actual, v->estimate, digits);
		put_pct(row, (i128)v->actual - v->estimate, v->estimate);
	} else {
		put_str(row, "actual", "");
		put_str(row, "variance", "");
		put_str(row, "variance_pct", "");
	}
	put_str(row, "flag", flag);
	if (*flag)
		(*overruns)++;
	json_array_append_new(rows, row);
}

/*
 * Whether line I is costed only as part of a group: its code's lines
 * together, or its whole section, and nothing was booked to it alone.
 */
static int
in_group(const struct actuals *a, const struct estimate_totals *t, size_t i)
{
	size_t k = a->code_of[i];

	if (a->line_costed[i])
		return 0;
	return (k != SIZE_MAX && a->codes[k].nlines > 1 &&
		   a->codes[k].costed) ||
	    a->section_costed[t->section_of[i]];
}

/* The actual of code group K: its own costs and its lines'. */
static int
code_actual(const struct actuals *a, const struct estimate_totals *t, size_t k,
    int64_t *out, struct ae_error *err)
{
	size_t i;

	*out = a->codes[k].actual;
	for (i = 0; i < t->nlines; i++)
		if (a->code_of[i] == k &&
		    money_add(*out, a->lines[i], out, err) != 0)
			return -1;
	return 0;
}

static int
code_rows(json_t *rows, const struct actuals *a,
    const struct estimate_totals *t, size_t section, struct decimal tol,
    long *overruns, struct ae_error *err)
{
	struct variance v = { "code", "", NULL, NULL, 0, 0, 1 };
	size_t k;

	for (k = 0; k < a->ncodes; k++) {
		if (a->codes[k].nlines < 2 || a->codes[k].section != section)
			continue;
		if (code_actual(a, t, k, &v.actual, err) != 0)
			return -1;
		v.section =
		    section == SIZE_MAX ? "" : t->sections[section].name;
		v.code = a->codes[k].code;
		v.estimate = a->codes[k].estimate;
		variance_row(rows, &v, t->digits, tol, overruns);
	}
	return 0;
}

/* The rows of section S; adds its actual to *TOTAL. */
static int
section_rows(json_t *rows, json_t *lines, const struct actuals *a,
    const struct estimate_totals *t, size_t s, struct decimal tol,
    long *overruns, int64_t *total, struct ae_error *err)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE];
	struct variance v = { "line", t->sections[s].name, NULL, NULL, 0, 0,
		1 };
	int64_t sec = a->sections[s];
	size_t i, k;

	for (i = 0; i < t->nlines; i++) {
		if (t->section_of[i] != s)
			continue;
		v.code = text_of(json_array_get(lines, i), "code", b1);
		v.item = text_of(json_array_get(lines, i), "item", b2);
		v.estimate = t->amounts[i];
		v.actual = a->lines[i];
		v.has_actual = !in_group(a, t, i);
		variance_row(rows, &v, t->digits, tol, overruns);
		if (money_add(sec, a->lines[i], &sec, err) != 0)
			return -1;
	}
	for (k = 0; k < a->ncodes; k++)
		if (a->codes[k].nlines > 1 && a->codes[k].section == s &&
		    money_add(sec, a->codes[k].actual, &sec, err) != 0)
			return -1;
	if (code_rows(rows, a, t, s, tol, overruns, err) != 0)
		return -1;
	v = (struct variance){ "section", t->sections[s].name, NULL, NULL,
		t->sections[s].subtotal, sec, 1 };
	variance_row(rows, &v, t->digits, tol, overruns);
	return money_add(*total, sec, total, err);
}

static json_t *
actual_rows(json_t *lines, const struct actuals *a,
    const struct estimate_totals *t, struct decimal tol, long *overruns,
    struct ae_error *err)
{
	json_t *rows = json_array();
	struct variance v;
	int64_t total = 0, spread = 0;
	size_t s, k;

	for (s = 0; s < t->nsections; s++)
		if (section_rows(rows, lines, a, t, s, tol, overruns, &total,
			err) != 0)
			goto overflow;
	/* Codes whose lines lie in more than one section. */
	for (k = 0; k < a->ncodes; k++)
		if (a->codes[k].nlines > 1 && a->codes[k].section == SIZE_MAX &&
		    money_add(spread, a->codes[k].actual, &spread, err) != 0)
			goto overflow;
	if (code_rows(rows, a, t, SIZE_MAX, tol, overruns, err) != 0 ||
	    money_add(total, spread, &total, err) != 0)
		goto overflow;
	for (k = 0; k < a->nextra; k++) {
		v = (struct variance){ "unestimated", a->extra[k].section,
			a->extra[k].code, extra_item(&a->extra[k]), 0,
			a->extra[k].actual, 1 };
		variance_row(rows, &v, t->digits, tol, overruns);
		if (money_add(total, a->extra[k].actual, &total, err) != 0)
			goto overflow;
	}
	v = (struct variance){ "total", "", NULL, NULL, t->subtotal, total, 1 };
	variance_row(rows, &v, t->digits, tol, overruns);
	return rows;
overflow:
	json_decref(rows);
	return NULL;
}

struct cost_load {
	struct actuals a;
	json_t *lines;
	const char *job;
	const struct estimate_totals *t;
};

/* One cost record, which the schema has checked as a `cost`. */
static int
add_job_cost(const struct record *r, void *ctx, struct ae_error *err)
{
	struct cost_load *cl = ctx;
	char buf[JSONTEXT_BUFSIZE];
	const char *cj = record_value(r, "job", buf);

	if (cl->job && strcmp(cj, cl->job) != 0)
		return 0;
	return add_cost(&cl->a, cl->lines, r, cl->t, err);
}

json_t *
estimate_actual(json_t *est, const struct estimate_totals *t, const char *path,
    const struct reader_options *opts, struct decimal tolerance, long *overruns,
    struct ae_error *err)
{
	char jbuf[JSONTEXT_BUFSIZE];
	struct cost_load cl = { .lines = json_object_get(est, "lines"),
		.job = text_of(est, "job", jbuf),
		.t = t };
	json_t *rows = NULL;

	*overruns = 0;
	actuals_init(&cl.a, cl.lines, t);
	if (reftable_load(path, opts, "cost", t->currency, add_job_cost, &cl,
		err) == 0 &&
	    (rows = actual_rows(cl.lines, &cl.a, t, tolerance, overruns,
		 err)) == NULL) {
		ae_error_field(err, "amount");
		ae_error_at(err, path, 0, 0);
	}
	actuals_release(&cl.a);
	return rows;
}

/* The text table as a JSON string for the template. */
static json_t *
table_text(struct table *t)
{
	char *buf = table_string(t, TABLE_TEXT);
	json_t *s = json_string(buf);

	free(buf);
	return s;
}

static const char *
str_of(json_t *obj, const char *name)
{
	const char *s = json_string_value(json_object_get(obj, name));

	return s ? s : "";
}

void
estimate_text_tables(json_t *ctx)
{
	json_t *sections = json_object_get(ctx, "sections"), *sec, *line;
	json_t *totals = json_object_get(ctx, "totals");
	char label[128], buf[JSONTEXT_BUFSIZE];
	struct table *t;
	const char *pct;
	size_t i, j;

	json_array_foreach(sections, i, sec)
	{
		t = table_new();
		table_column(t, _("No."), TABLE_RIGHT);
		table_column(t, _("Item"), TABLE_LEFT);
		table_column(t, _("Qty"), TABLE_RIGHT);
		table_column(t, _("Unit"), TABLE_LEFT);
		table_column(t, _("Rate"), TABLE_RIGHT);
		table_column(t, _("Amount"), TABLE_RIGHT);
		json_array_foreach(json_object_get(sec, "lines"), j, line)
		{
			table_row(t);
			table_cellf(t, "%lld",
			    (long long)json_integer_value(
				json_object_get(line, "no")));
			table_cell(t, str_of(line, "item"));
			table_cell(t, str_of(line, "qty"));
			table_cell(t, str_of(line, "unit"));
			table_cell(t, str_of(line, "rate"));
			table_cell(t, str_of(line, "amount"));
		}
		table_rule(t);
		table_row(t);
		table_cell(t, "");
		table_cell(t, _("Subtotal"));
		table_cell(t, "");
		table_cell(t, "");
		table_cell(t, "");
		table_cell(t, str_of(sec, "subtotal"));
		json_object_set_new(sec, "table", table_text(t));
		table_free(t);
	}
	t = table_new();
	table_column(t, "", TABLE_LEFT);
	table_column(t, str_of(ctx, "currency"), TABLE_RIGHT);
	table_row(t);
	table_cell(t, _("Production subtotal"));
	table_cell(t, str_of(totals, "subtotal"));
	pct = text_of(ctx, "commission", buf);
	snprintf(label, sizeof(label), _("Agency commission (%s%%)"),
	    pct ? pct : "0");
	table_row(t);
	table_cell(t, label);
	table_cell(t, str_of(totals, "commission_amount"));
	pct = text_of(ctx, "tax", buf);
	snprintf(label, sizeof(label), _("Tax (%s%%)"), pct ? pct : "0");
	table_row(t);
	table_cell(t, label);
	table_cell(t, str_of(totals, "tax_amount"));
	table_rule(t);
	table_row(t);
	table_cell(t, C_("grand total", "Total"));
	table_cell(t, str_of(totals, "total"));
	if (json_object_get(totals, "deposit_amount")) {
		snprintf(label, sizeof(label),
		    _("Deposit (%s%%), payable "
		      "before work starts"),
		    text_of(ctx, "deposit", buf));
		table_row(t);
		table_cell(t, label);
		table_cell(t, str_of(totals, "deposit_amount"));
	}
	json_object_set_new(ctx, "totals_table", table_text(t));
	table_free(t);
}

struct report_column {
	const char *field;
	const char *label;
	int amount; /* regroup for people */
	int word;   /* a value to translate (added, over …) */
};

static const struct report_column compare_columns[] = {
	{ "change", N_("Change"), 0, 1 }, { "section", N_("Section"), 0, 0 },
	{ "item", N_("Item"), 0, 1 }, { "old_qty", N_("Old qty"), 0, 0 },
	{ "new_qty", N_("New qty"), 0, 0 },
	{ "old_rate", N_("Old rate"), 1, 0 },
	{ "new_rate", N_("New rate"), 1, 0 },
	{ "old_amount", N_("Old amount"), 1, 0 },
	{ "new_amount", N_("New amount"), 1, 0 },
	{ "difference", N_("Difference"), 1, 0 }, { NULL, NULL, 0, 0 }
};

static const struct report_column actual_columns[] = { { "level", N_("Level"),
							   0, 1 },
	{ "section", N_("Section"), 0, 0 }, { "code", N_("Code"), 0, 0 },
	{ "item", N_("Item"), 0, 0 }, { "estimate", N_("Estimate"), 1, 0 },
	{ "actual", N_("Actual"), 1, 0 }, { "variance", N_("Variance"), 1, 0 },
	{ "variance_pct", N_("Variance %"), 0, 0 },
	{ "flag", N_("Flag"), 0, 1 }, { NULL, NULL, 0, 0 } };

/* The words of the reports, so that xgettext sees them. */
static const char *const report_words[] __attribute__((unused)) = { N_("added"),
	N_("removed"), N_("changed"), N_("total"), N_("line"), N_("section"),
	N_("unestimated"), N_("over"), N_("subtotal"), N_("commission_amount"),
	N_("tax_amount") };

/* The label of a total row of --compare, as the PE prints it. */
static const char *
total_label(const char *key)
{
	static const struct {
		const char *key, *label;
	} labels[] = {
		{ "subtotal", N_("Production subtotal") },
		{ "commission_amount", N_("Agency commission") },
		{ "tax_amount", N_("Tax") },
	};
	size_t i;

	if (strcmp(key, "total") == 0)
		return C_("grand total", "Total");
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].key, key) == 0)
			return _(labels[i].label);
	return key;
}

/* The cell as people read it: amounts grouped, words translated. */
static const char *
cell_for_people(const struct report_column *col, json_t *row, int digits,
    char *buf, size_t size)
{
	const char *s = str_of(row, col->field);
	int is_total = strcmp(str_of(row, "change"), "total") == 0;
	int64_t v;

	if (is_total && strcmp(col->field, "item") == 0)
		return total_label(s);
	if (is_total && strstr(col->field, "_rate") && *s) {
		snprintf(buf, size, "%s%%", s);
		return buf;
	}

	if (col->amount && *s && money_parse(s, digits, NULL, &v, NULL) == 0) {
		money_format(v, digits, 1, buf, size);
		return buf;
	}
	if (col->word && *s &&
	    (strcmp(col->field, "item") != 0 ||
		strcmp(str_of(row, "change"), "total") == 0))
		return _(s);
	return s;
}

/* A changed estimate is a new estimate: the client signs it again. */
static void
compare_note(FILE *out, json_t *rows)
{
	json_t *row;
	size_t i;

	json_array_foreach(rows, i, row)
	{
		if (strcmp(str_of(row, "change"), "total") == 0 &&
		    strcmp(str_of(row, "old_amount"),
			str_of(row, "new_amount")) == 0 &&
		    strcmp(str_of(row, "old_rate"), str_of(row, "new_rate")) ==
			0)
			continue;
		fprintf(out, "\n%s\n",
		    _("The estimate has changed: the "
		      "client signs the new revision before the changed work "
		      "starts."));
		return;
	}
}

/* Whether ROW starts the totals: a total after rows that are not. */
static int
starts_totals(json_t *rows, size_t i, const char *kind_field)
{
	return i > 0 &&
	    strcmp(str_of(json_array_get(rows, i), kind_field), "total") == 0 &&
	    strcmp(str_of(json_array_get(rows, i - 1), kind_field), "total") !=
	    0;
}

void
estimate_print_report(FILE *out, enum table_format format, int flags,
    enum estimate_report_kind kind, json_t *rows, int digits)
{
	const struct report_column *cols = kind == ESTIMATE_COMPARE ?
	    compare_columns :
	    actual_columns,
				   *col;
	const char *kind_field = kind == ESTIMATE_COMPARE ? "change" : "level";
	char buf[MONEY_BUFSIZE];
	struct table *t = table_new();
	json_t *row, *v;
	size_t i;

	for (col = cols; col->field; col++)
		table_column_key(t, _(col->label), col->field,
		    col->amount || strcmp(col->field, "variance_pct") == 0 ||
			    strstr(col->field, "qty") ?
			TABLE_RIGHT :
			TABLE_LEFT);
	json_array_foreach(rows, i, row)
	{
		if (starts_totals(rows, i, kind_field))
			table_rule(t);
		table_row(t);
		for (col = cols; col->field; col++) {
			v = json_object_get(row, col->field);
			table_cell_pair(t,
			    cell_for_people(col, row, digits, buf, sizeof(buf)),
			    v ? str_of(row, col->field) : NULL);
		}
	}
	table_write(t, format, flags, out);
	table_free(t);
	if (kind == ESTIMATE_COMPARE &&
	    (format == TABLE_TEXT || format == TABLE_MD))
		compare_note(out, rows);
}
