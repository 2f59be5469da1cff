/*
 * The arithmetic of an estimate and its rate cards.  See estimate.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "estimate.h"
#include "field.h"
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

static int
set_money(json_t *obj, const char *name, int64_t v, int digits)
{
	char buf[MONEY_BUFSIZE];

	money_format(v, digits, 0, buf, sizeof(buf));
	return json_object_set_new(obj, name, json_string(buf));
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

	if (e->description && field_text(line, "item", buf) == NULL)
		json_object_set_new(line, "item", json_string(e->description));
	if (e->unit && field_text(line, "unit", buf) == NULL)
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

/*
 * The amount of line I (0-based) of the estimate, whose values the schema
 * has checked; what is the line's own fault is named as lines[N].FIELD.
 */
static int
compute_line(json_t *line, size_t i, const struct rate_card *rates,
    struct estimate_totals *t, int64_t *amount, struct ae_error *err)
{
	struct record r = field_object(line, NULL, 0);
	char cbuf[JSONTEXT_BUFSIZE], want[MONEY_BUFSIZE];
	const struct rate_entry *entry = NULL;
	struct decimal qty = { 1, 0 };
	int64_t rate = 0, given = 0;
	int has_qty, has_rate, has_amount;
	const char *code = record_value(&r, "code", cbuf);

	if ((has_qty = field_decimal(&r, "qty", &qty, err)) < 0 ||
	    (has_rate = field_money(&r, "rate", t->currency, t->digits, &rate,
		 err)) < 0 ||
	    (has_amount = field_money(&r, "amount", t->currency, t->digits,
		 &given, err)) < 0)
		return field_item_error(err, "lines", i);
	if (!has_rate && code && (!has_amount || has_qty)) {
		if (card_rate(rates, code, t, &entry, &rate, err) != 0) {
			if (err->line > 0)
				return -1; /* the card's own value, at its row */
			ae_error_field(err, "code");
			return field_item_error(err, "lines", i);
		}
		has_rate = 1;
	}
	if (!has_rate && !has_amount) {
		ae_error_set(err, AE_EDATA,
		    "line has no rate, amount or rate-card code");
		ae_error_field(err, "amount");
		return field_item_error(err, "lines", i);
	}
	if (!has_rate) {
		*amount = given;
		return 0;
	}
	if (money_mul(rate, qty, amount, err) != 0) {
		ae_error_field(err, "amount");
		return field_item_error(err, "lines", i);
	}
	if (has_amount && given != *amount) {
		money_format(*amount, t->digits, 0, want, sizeof(want));
		ae_error_set(err, AE_EDATA,
		    "amount '%s' is not qty × rate = %s",
		    record_value(&r, "amount", cbuf), want);
		ae_error_field(err, "amount");
		return field_item_error(err, "lines", i);
	}
	if (entry)
		fill_from_card(line, entry);
	set_money(line, "rate", rate, t->digits);
	return 0;
}

/* The estimate's own values, which the schema has checked. */
static int
read_terms(const struct record *r, const char *def_currency,
    struct estimate_totals *t, struct ae_error *err)
{
	int rc;

	if (field_currency(r, def_currency, t->currency, &t->digits, err) < 0 ||
	    field_decimal(r, "commission", &t->commission, err) < 0 ||
	    field_decimal(r, "tax", &t->tax, err) < 0 ||
	    (rc = field_decimal(r, "deposit", &t->deposit, err)) < 0)
		return -1;
	t->has_deposit = rc;
	return 0;
}

static int
compute(json_t *est, const struct rate_card *rates, const char *def_currency,
    struct estimate_totals *t, struct ae_error *err)
{
	struct record r = field_object(est, NULL, 0);
	char buf[JSONTEXT_BUFSIZE];
	const char *section;
	json_t *lines, *line;
	int64_t base;
	size_t i, s;

	if (!json_is_object(est))
		return ae_error_set(err, AE_EDATA, "estimate is not an object");
	ae_error_clear(err);
	if (schema_check(&r, "estimate", def_currency, schema_keep_first,
		err) != 0)
		return -1;
	if (read_terms(&r, def_currency, t, err) != 0)
		return -1;
	lines = json_object_get(est, "lines");
	t->nlines = json_array_size(lines);
	t->amounts = xcalloc(t->nlines ? t->nlines : 1, sizeof(*t->amounts));
	t->section_of =
	    xcalloc(t->nlines ? t->nlines : 1, sizeof(*t->section_of));
	json_array_foreach(lines, i, line)
	{
		if (compute_line(line, i, rates, t, &t->amounts[i], err) != 0)
			return -1;
		section = field_text(line, "section", buf);
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
