/*
 * The arithmetic of an estimate and its rate cards.  See estimate.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "estimate.h"
#include "jsontext.h"
#include "reftable.h"
#include "schema.h"
#include "strbuf.h"

/* One row of a rate card, which the schema has checked as a `rate`. */
static int
load_row(const struct record *r, void *ctx, struct ae_error *err)
{
	struct rate_card *card = ctx;
	struct rate_entry e = { 0 };
	const struct rate_entry *first;

	e.code = record_dup(r, "code");
	if ((first = rate_card_find(card, e.code)) != NULL) {
		free(e.code);
		return schema_duplicate(r, "rate", r->source, first->line, err);
	}
	e.currency = record_dup(r, "currency");
	e.rate = record_dup(r, "rate");
	e.description = record_dup(r, "description");
	e.unit = record_dup(r, "unit");
	e.line = r->line;
	if (card->n == card->alloc) {
		card->alloc = card->alloc ? card->alloc * 2 : 16;
		card->entries = xrealloc(card->entries,
		    card->alloc * sizeof(*card->entries));
	}
	card->entries[card->n++] = e;
	return 0;
}

int
rate_card_load(struct rate_card *card, const char *path,
    const struct reader_options *opts, const char *def_currency,
    struct ae_error *err)
{
	free(card->source);
	card->source = xstrdup(path);
	return reftable_load(path, opts, "rate", def_currency, load_row, card,
	    err);
}

const struct rate_entry *
rate_card_find(const struct rate_card *card, const char *code)
{
	size_t i;

	if (card == NULL || code == NULL)
		return NULL;
	for (i = 0; i < card->n; i++)
		if (strcmp(card->entries[i].code, code) == 0)
			return &card->entries[i];
	return NULL;
}

void
rate_card_release(struct rate_card *card)
{
	size_t i;

	for (i = 0; i < card->n; i++) {
		free(card->entries[i].code);
		free(card->entries[i].description);
		free(card->entries[i].unit);
		free(card->entries[i].rate);
		free(card->entries[i].currency);
	}
	free(card->entries);
	free(card->source);
	card->entries = NULL;
	card->source = NULL;
	card->n = card->alloc = 0;
}

void
estimate_totals_release(struct estimate_totals *t)
{
	size_t i;

	for (i = 0; i < t->nsections; i++)
		free(t->sections[i].name);
	free(t->sections);
	free(t->amounts);
	free(t->section_of);
	memset(t, 0, sizeof(*t));
}

/* The text of member NAME of OBJ, "" and null read as absent. */
static const char *
member_text(json_t *obj, const char *name, char *buf)
{
	json_t *v = json_object_get(obj, name);
	const char *s;

	if (v == NULL)
		return NULL;
	s = json_scalar_text(v, buf);
	return s && *s ? s : NULL;
}

/* Names the field lines[N].NAME in ERR; returns -1. */
static int
line_error(struct ae_error *err, size_t n, const char *name)
{
	char field[64];

	snprintf(field, sizeof(field), "lines[%zu].%s", n, name);
	ae_error_field(err, field);
	return -1;
}

static int
set_money(json_t *obj, const char *name, int64_t v, int digits)
{
	char buf[MONEY_BUFSIZE];

	money_format(v, digits, 0, buf, sizeof(buf));
	return json_object_set_new(obj, name, json_string(buf));
}

/* A member that is present must be a scalar: a list or object is wrong. */
static int
scalar_or_absent(json_t *obj, const char *name, struct ae_error *err)
{
	json_t *v = json_object_get(obj, name);

	if (v && (json_is_array(v) || json_is_object(v)))
		return ae_error_set(err, AE_EDATA,
		    "'%s' must be a single "
		    "value, not a list or object",
		    name);
	return 0;
}

static int
percentage(json_t *est, const char *name, struct decimal *out,
    struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s;

	out->coef = 0;
	out->scale = 0;
	if (scalar_or_absent(est, name, err) != 0)
		goto bad;
	if ((s = member_text(est, name, buf)) == NULL)
		return 0;
	if (decimal_parse(s, out, err) != 0)
		goto bad;
	if (out->coef < 0) {
		ae_error_set(err, AE_EDATA, "percentage '%s' is negative", s);
		goto bad;
	}
	return 0;
bad:
	ae_error_field(err, name);
	return -1;
}

/* Whether percentage D is above 100. */
static int
decimal_over_100(struct decimal d)
{
	int64_t hundred = 100;
	int s;

	for (s = 0; s < d.scale; s++) {
		if (hundred > INT64_MAX / 10)
			return 0; /* 100 at this scale exceeds any coef */
		hundred *= 10;
	}
	return d.coef > hundred;
}

static size_t
find_section(struct estimate_totals *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nsections; i++)
		if (strcmp(t->sections[i].name, name) == 0)
			return i;
	t->sections =
	    xrealloc(t->sections, (t->nsections + 1) * sizeof(*t->sections));
	t->sections[i].name = xstrdup(name);
	t->sections[i].subtotal = 0;
	t->sections[i].nlines = 0;
	t->nsections++;
	return i;
}

/* Fills blank ITEM/UNIT of LINE from a rate-card entry. */
static void
fill_from_card(json_t *line, const struct rate_entry *e)
{
	char buf[JSONTEXT_BUFSIZE];

	if (e->description && member_text(line, "item", buf) == NULL)
		json_object_set_new(line, "item", json_string(e->description));
	if (e->unit && member_text(line, "unit", buf) == NULL)
		json_object_set_new(line, "unit", json_string(e->unit));
}

/*
 * The rate of a line priced by CODE.  Errors about the card's own value
 * carry the card's place; an unknown code is the line's error.
 */
static int
card_rate(const struct rate_card *rates, const char *code,
    struct estimate_totals *t, const struct rate_entry **entry, int64_t *rate,
    struct ae_error *err)
{
	const struct rate_entry *e = rate_card_find(rates, code);

	if (rates == NULL)
		return ae_error_set(err, AE_EDATA,
		    "line has code '%s' but no "
		    "rate, and no rate card was given",
		    code);
	if (e == NULL)
		return ae_error_set(err, AE_EDATA,
		    "code '%s' is not in the "
		    "rate card '%s'",
		    code, rates->source ? rates->source : "");
	if (e->currency && strcmp(e->currency, t->currency) != 0)
		return ae_error_set(err, AE_EDATA,
		    "code '%s' is priced in %s, "
		    "the estimate in %s",
		    code, e->currency, t->currency);
	if (money_parse(e->rate, t->digits, t->currency, rate, err) != 0) {
		ae_error_field(err, "rate");
		ae_error_at(err, rates->source, e->line, 0);
		return -1;
	}
	*entry = e;
	return 0;
}

static int
compute_line(json_t *line, size_t n, const struct rate_card *rates,
    struct estimate_totals *t, int64_t *amount, struct ae_error *err)
{
	static const char *const scalars[] = { "qty", "rate", "amount", "code",
		"section" };
	char qbuf[JSONTEXT_BUFSIZE], rbuf[JSONTEXT_BUFSIZE];
	char abuf[JSONTEXT_BUFSIZE], cbuf[JSONTEXT_BUFSIZE];
	const char *qs, *rs, *as, *code;
	const struct rate_entry *entry = NULL;
	struct decimal qty = { 1, 0 };
	int64_t rate = 0, given;
	size_t i;

	if (!json_is_object(line)) {
		ae_error_set(err, AE_EDATA, "line %zu is not an object", n);
		ae_error_field(err, "lines");
		return -1;
	}
	for (i = 0; i < sizeof(scalars) / sizeof(scalars[0]); i++)
		if (scalar_or_absent(line, scalars[i], err) != 0)
			return line_error(err, n, scalars[i]);
	qs = member_text(line, "qty", qbuf);
	rs = member_text(line, "rate", rbuf);
	as = member_text(line, "amount", abuf);
	code = member_text(line, "code", cbuf);
	if (qs && decimal_parse(qs, &qty, err) != 0)
		return line_error(err, n, "qty");
	if (rs && money_parse(rs, t->digits, t->currency, &rate, err) != 0)
		return line_error(err, n, "rate");
	if (as && money_parse(as, t->digits, t->currency, &given, err) != 0)
		return line_error(err, n, "amount");
	if (rs == NULL && code && (as == NULL || qs != NULL)) {
		if (card_rate(rates, code, t, &entry, &rate, err) != 0)
			return line_error(err, n, "code");
		rs = entry->rate;
	}
	if (rs == NULL && as == NULL) {
		ae_error_set(err, AE_EDATA,
		    "line has no rate, amount or "
		    "rate-card code");
		return line_error(err, n, "amount");
	}
	if (rs == NULL) {
		*amount = given;
		return 0;
	}
	if (money_mul(rate, qty, amount, err) != 0)
		return line_error(err, n, "amount");
	if (as && given != *amount) {
		char want[MONEY_BUFSIZE];

		money_format(*amount, t->digits, 0, want, sizeof(want));
		ae_error_set(err, AE_EDATA,
		    "amount '%s' is not qty × rate "
		    "= %s",
		    as, want);
		return line_error(err, n, "amount");
	}
	if (entry)
		fill_from_card(line, entry);
	set_money(line, "rate", rate, t->digits);
	return 0;
}

static int
compute(json_t *est, const struct rate_card *rates, const char *def_currency,
    struct estimate_totals *t, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *cur, *section;
	json_t *lines, *line;
	int64_t base;
	size_t i, s;

	if (!json_is_object(est))
		return ae_error_set(err, AE_EDATA, "estimate is not an object");
	if (scalar_or_absent(est, "currency", err) != 0) {
		ae_error_field(err, "currency");
		return -1;
	}
	if ((cur = member_text(est, "currency", buf)) == NULL)
		cur = def_currency ? def_currency : "CNY";
	if ((t->digits = currency_digits(cur)) < 0) {
		ae_error_set(err, AE_EDATA, "unknown currency '%s'", cur);
		ae_error_field(err, "currency");
		return -1;
	}
	snprintf(t->currency, sizeof(t->currency), "%s", cur);
	if (percentage(est, "commission", &t->commission, err) != 0 ||
	    percentage(est, "tax", &t->tax, err) != 0 ||
	    percentage(est, "deposit", &t->deposit, err) != 0)
		return -1;
	t->has_deposit = member_text(est, "deposit", buf) != NULL;
	if (t->has_deposit && decimal_over_100(t->deposit)) {
		ae_error_set(err, AE_EDATA, "'%s' is outside 0 to 100",
		    member_text(est, "deposit", buf));
		ae_error_field(err, "deposit");
		return -1;
	}
	lines = json_object_get(est, "lines");
	if (!json_is_array(lines)) {
		ae_error_set(err, AE_EDATA,
		    lines ? "'lines' must be a list "
			    "of objects" :
			    "estimate has no lines");
		ae_error_field(err, "lines");
		return -1;
	}
	t->nlines = json_array_size(lines);
	t->amounts = xcalloc(t->nlines ? t->nlines : 1, sizeof(*t->amounts));
	t->section_of =
	    xcalloc(t->nlines ? t->nlines : 1, sizeof(*t->section_of));
	json_array_foreach(lines, i, line)
	{
		if (compute_line(line, i + 1, rates, t, &t->amounts[i], err) !=
		    0)
			return -1;
		section = member_text(line, "section", buf);
		s = find_section(t, section ? section : "");
		t->section_of[i] = s;
		t->sections[s].nlines++;
		if (money_add(t->sections[s].subtotal, t->amounts[i],
			&t->sections[s].subtotal, err) != 0 ||
		    money_add(t->subtotal, t->amounts[i], &t->subtotal, err) !=
			0) {
			ae_error_field(err, "subtotal");
			return -1;
		}
	}
	if (money_percent(t->subtotal, t->commission, &t->commission_amount,
		err) != 0) {
		ae_error_field(err, "commission_amount");
		return -1;
	}
	if (money_add(t->subtotal, t->commission_amount, &base, err) != 0 ||
	    money_percent(base, t->tax, &t->tax_amount, err) != 0) {
		ae_error_field(err, "tax_amount");
		return -1;
	}
	if (money_add(base, t->tax_amount, &t->total, err) != 0) {
		ae_error_field(err, "total");
		return -1;
	}
	if (money_percent(t->total, t->deposit, &t->deposit_amount, err) != 0) {
		ae_error_field(err, "deposit_amount");
		return -1;
	}
	return 0;
}

int
estimate_compute(json_t *estimate, const struct rate_card *rates,
    const char *def_currency, struct estimate_totals *out, struct ae_error *err)
{
	json_t *lines, *line;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (compute(estimate, rates, def_currency, out, err) != 0) {
		estimate_totals_release(out);
		return -1;
	}
	lines = json_object_get(estimate, "lines");
	json_array_foreach(lines, i, line)
	    set_money(line, "amount", out->amounts[i], out->digits);
	set_money(estimate, "subtotal", out->subtotal, out->digits);
	set_money(estimate, "commission_amount", out->commission_amount,
	    out->digits);
	set_money(estimate, "tax_amount", out->tax_amount, out->digits);
	set_money(estimate, "total", out->total, out->digits);
	if (out->has_deposit)
		set_money(estimate, "deposit_amount", out->deposit_amount,
		    out->digits);
	return 0;
}
