/*
 * The competitor review: brands side by side, spend and share of spend.
 * See compete.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compete.h"
#include "date.h"
#include "field.h"
#include "i18n.h"
#include "jsontext.h"
#include "money.h"
#include "strbuf.h"
#include "table.h"
#include "writer.h"

struct point {
	const char *title; /* N_() */
	const char *fields[3];
};

static const struct point points[COMPETE_POINTS] = {
	{ N_("Brand and product"), { "product", NULL } },
	{ N_("Appeal"), { "appeal", NULL } },
	{ N_("Target"), { "target", NULL } },
	{ N_("Promise and support"), { "promise", "support", NULL } },
	{ N_("Concept and tone"), { "concept", "tone", NULL } },
	{ N_("Production"), { "production", NULL } },
	{ N_("Media and format"), { "media", "format", NULL } },
};

struct brand {
	json_t *o; /* the record */
	char *name, *source;
	long line;
	int32_t date;
	int has_date, has_spend, digits;
	char currency[8];
	int64_t spend;
};

struct compete {
	char *client;
	struct brand *b;
	size_t n, cap;
};

const char *
compete_point_title(int n)
{
	if (n < 1 || n > COMPETE_POINTS)
		return "";
	return _(points[n - 1].title);
}

struct compete *
compete_new(const char *client)
{
	struct compete *cp = xcalloc(1, sizeof(*cp));

	cp->client = client ? xstrdup(client) : NULL;
	return cp;
}

static void
brand_release(struct brand *b)
{
	json_decref(b->o);
	free(b->name);
	free(b->source);
}

void
compete_free(struct compete *cp)
{
	size_t i;

	if (cp == NULL)
		return;
	for (i = 0; i < cp->n; i++)
		brand_release(&cp->b[i]);
	free(cp->b);
	free(cp->client);
	free(cp);
}

size_t
compete_count(const struct compete *cp)
{
	return cp->n;
}

static int
read_brand(const struct record *r, const char *def_currency, struct brand *b,
    struct ae_error *err)
{
	int rc;

	memset(b, 0, sizeof(*b));
	if ((rc = field_date(r, "date", &b->date, err)) < 0)
		return -1;
	b->has_date = rc;
	if (field_currency(r, def_currency, b->currency, &b->digits, err) < 0)
		return -1;
	if ((rc = field_money(r, "spend", b->currency, b->digits, &b->spend,
		 err)) < 0)
		return -1;
	b->has_spend = rc;
	if (rc && b->spend < 0) {
		ae_error_set(err, AE_EDATA, "a spend must not be negative");
		return field_error(r, "spend", err);
	}
	return 0;
}

int
compete_add(struct compete *cp, const struct record *r,
    const char *def_currency, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *brand, *client;
	struct brand nb, *old = NULL;
	size_t i;

	client = record_value(r, "client", buf);
	if (cp->client && (client == NULL || strcmp(client, cp->client) != 0))
		return 0;
	if ((brand = record_value(r, "brand", buf)) == NULL) {
		ae_error_set(err, AE_EDATA, "required field is missing");
		return field_error(r, "brand", err);
	}
	for (i = 0; i < cp->n; i++)
		if (strcmp(cp->b[i].name, brand) == 0)
			old = &cp->b[i];
	nb.name = NULL;
	if (read_brand(r, def_currency, &nb, err) < 0)
		return -1;
	brand = record_value(r, "brand", buf);
	if (old && old->has_date && nb.has_date && nb.date < old->date)
		return 1;
	nb.o = record_to_json(r);
	nb.name = xstrdup(brand);
	nb.source = xstrdup(r->source);
	nb.line = r->line;
	if (old) {
		brand_release(old);
		*old = nb;
		return 1;
	}
	if (cp->n == cp->cap) {
		cp->cap = cp->cap * 2 + 8;
		cp->b = xrealloc(cp->b, cp->cap * sizeof(*cp->b));
	}
	cp->b[cp->n++] = nb;
	return 1;
}

/* Point N's text for brand B, the fields given joined by "; ", or NULL. */
static char *
point_text(const struct brand *b, int n)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[JSONTEXT_BUFSIZE];
	const char *s;
	int i;

	for (i = 0; points[n].fields[i]; i++) {
		if ((s = field_text(b->o, points[n].fields[i], buf)) == NULL)
			continue;
		if (sb.len)
			strbuf_addstr(&sb, "; ");
		strbuf_addstr(&sb, s);
	}
	if (sb.len == 0) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

int
compete_check(const struct compete *cp, struct finding_sink *fs)
{
	size_t i;
	int n, found = 0;
	char *t;

	for (i = 0; i < cp->n; i++)
		for (n = 0; n < COMPETE_POINTS; n++) {
			if ((t = point_text(&cp->b[i], n)) != NULL) {
				free(t);
				continue;
			}
			finding_at(fs, cp->b[i].source, cp->b[i].line, "point",
			    _("brand '%s': point %d (%s) is not given"),
			    cp->b[i].name, n + 1, compete_point_title(n + 1));
			found++;
		}
	return found;
}

/* Share of TOTAL that PART is, in tenths of a percent, rounded half up. */
static int64_t
share_permille(int64_t part, int64_t total)
{
	while (total > INT64_MAX / 2000) {
		part /= 10;
		total /= 10;
	}
	if (total <= 0)
		return 0;
	return (part * 2000 + total) / (2 * total);
}

static void
format_share(int64_t pm, char *buf, size_t size)
{
	snprintf(buf, size, "%lld.%lld%%", (long long)(pm / 10),
	    (long long)(pm % 10));
}

static int
cmp_currency(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct currencies of brands with a spend, sorted; N set. */
static const char **
spend_currencies(const struct compete *cp, size_t *n)
{
	const char **cur = xcalloc(cp->n + 1, sizeof(*cur));
	size_t i, j;

	*n = 0;
	for (i = 0; i < cp->n; i++) {
		if (!cp->b[i].has_spend)
			continue;
		for (j = 0; j < *n; j++)
			if (strcmp(cur[j], cp->b[i].currency) == 0)
				break;
		if (j == *n)
			cur[(*n)++] = cp->b[i].currency;
	}
	if (*n > 1)
		qsort(cur, *n, sizeof(*cur), cmp_currency);
	return cur;
}

static int
currency_total(const struct compete *cp, const char *cur, int64_t *total,
    int *digits, struct ae_error *err)
{
	size_t i;

	*total = 0;
	for (i = 0; i < cp->n; i++) {
		if (!cp->b[i].has_spend || strcmp(cp->b[i].currency, cur))
			continue;
		*digits = cp->b[i].digits;
		if (money_add(*total, cp->b[i].spend, total, err) < 0) {
			ae_error_at(err, cp->b[i].source, cp->b[i].line, 0);
			ae_error_field(err, "spend");
			return -1;
		}
	}
	return 0;
}

static json_t *
spend_group(const struct compete *cp, const char *cur, struct ae_error *err)
{
	char amt[64], pct[32];
	json_t *g, *rows = json_array();
	int64_t total;
	int digits = 2;
	size_t i;

	if (currency_total(cp, cur, &total, &digits, err) < 0) {
		json_decref(rows);
		return NULL;
	}
	for (i = 0; i < cp->n; i++) {
		if (!cp->b[i].has_spend || strcmp(cp->b[i].currency, cur))
			continue;
		money_format(cp->b[i].spend, digits, 1, amt, sizeof(amt));
		format_share(share_permille(cp->b[i].spend, total), pct,
		    sizeof(pct));
		json_array_append_new(rows,
		    json_pack("{s:s, s:s, s:s}", "brand", cp->b[i].name,
			"spend", amt, "share", pct));
	}
	money_format(total, digits, 1, amt, sizeof(amt));
	g = json_pack("{s:s, s:o, s:s}", "currency", cur, "rows", rows, "total",
	    amt);
	return g;
}

static char *
print_table(struct table *t)
{
	char *s = table_string(t, TABLE_TEXT);

	table_free(t);
	return s;
}

static char *
points_table(const struct compete *cp, json_t *pts)
{
	struct table *t = table_new();
	json_t *p, *c;
	size_t i, j;

	table_column(t, _("Point"), TABLE_LEFT);
	for (i = 0; i < cp->n; i++)
		table_column(t, cp->b[i].name, TABLE_LEFT);
	json_array_foreach(pts, i, p)
	{
		table_row(t);
		table_cellf(t, "%d. %s", (int)i + 1,
		    json_string_value(json_object_get(p, "title")));
		json_array_foreach(json_object_get(p, "cells"), j, c)
		    table_cell(t, json_string_value(c));
	}
	return print_table(t);
}

static char *
spend_table(json_t *spend)
{
	struct table *t = table_new();
	json_t *g, *r;
	size_t i, j;

	table_column(t, _("Brand"), TABLE_LEFT);
	table_column(t, _("Currency"), TABLE_LEFT);
	table_column(t, _("Spend"), TABLE_RIGHT);
	table_column(t, _("Share"), TABLE_RIGHT);
	json_array_foreach(spend, i, g)
	{
		json_array_foreach(json_object_get(g, "rows"), j, r)
		{
			table_row(t);
			table_cell(t,
			    json_string_value(json_object_get(r, "brand")));
			table_cell(t,
			    json_string_value(json_object_get(g, "currency")));
			table_cell(t,
			    json_string_value(json_object_get(r, "spend")));
			table_cell(t,
			    json_string_value(json_object_get(r, "share")));
		}
		table_rule(t);
		table_row(t);
		table_cell(t, _("Total"));
		table_cell(t,
		    json_string_value(json_object_get(g, "currency")));
		table_cell(t, json_string_value(json_object_get(g, "total")));
		table_cell(t, "100.0%");
	}
	return print_table(t);
}

static json_t *
points_context(const struct compete *cp)
{
	json_t *pts = json_array(), *cells;
	size_t i;
	char *t;
	int n;

	for (n = 0; n < COMPETE_POINTS; n++) {
		cells = json_array();
		for (i = 0; i < cp->n; i++) {
			t = point_text(&cp->b[i], n);
			json_array_append_new(cells, json_string(t ? t : "—"));
			free(t);
		}
		json_array_append_new(pts,
		    json_pack("{s:i, s:s, s:o}", "n", n + 1, "title",
			compete_point_title(n + 1), "cells", cells));
	}
	return pts;
}

json_t *
compete_context(const struct compete *cp, int text_tables, struct ae_error *err)
{
	json_t *ctx = json_object(), *brands = json_array(), *spend, *g;
	json_t *none = json_array(), *pts = points_context(cp);
	const char **cur;
	size_t i, ncur;
	char *s;

	for (i = 0; i < cp->n; i++) {
		json_array_append_new(brands,
		    json_pack("{s:s, s:s, s:i}", "name", cp->b[i].name,
			"source", cp->b[i].source, "line",
			(json_int_t)cp->b[i].line));
		if (!cp->b[i].has_spend)
			json_array_append_new(none, json_string(cp->b[i].name));
	}
	spend = json_array();
	cur = spend_currencies(cp, &ncur);
	for (i = 0; i < ncur; i++) {
		if ((g = spend_group(cp, cur[i], err)) == NULL) {
			free(cur);
			json_decref(ctx);
			json_decref(brands);
			json_decref(spend);
			json_decref(none);
			json_decref(pts);
			return NULL;
		}
		json_array_append_new(spend, g);
	}
	free(cur);
	if (cp->client)
		json_object_set_new(ctx, "client", json_string(cp->client));
	json_object_set_new(ctx, "brands", brands);
	json_object_set_new(ctx, "has_spend", json_boolean(ncur > 0));
	json_object_set_new(ctx, "no_spend", none);
	if (text_tables) {
		s = points_table(cp, pts);
		json_object_set_new(ctx, "points_table", json_string(s));
		free(s);
		s = spend_table(spend);
		json_object_set_new(ctx, "spend_table", json_string(s));
		free(s);
	}
	json_object_set_new(ctx, "points", pts);
	json_object_set_new(ctx, "spend", spend);
	return ctx;
}

static const char *const row_fields[] = { "brand", "product", "appeal",
	"target", "promise", "support", "concept", "tone", "production",
	"media", "format", "date", "source", "currency", "spend", "share",
	NULL };

static json_t *
brand_row(const struct compete *cp, const struct brand *b, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE], amt[64], pct[32];
	json_t *row = json_object();
	const char *s;
	int64_t total;
	int digits = b->digits;
	size_t i;

	for (i = 0; row_fields[i]; i++) {
		s = field_text(b->o, row_fields[i], buf);
		json_object_set_new(row, row_fields[i],
		    json_string(s ? s : ""));
	}
	json_object_set_new(row, "currency",
	    json_string(b->has_spend ? b->currency : ""));
	if (b->has_spend) {
		if (currency_total(cp, b->currency, &total, &digits, err) < 0) {
			json_decref(row);
			return NULL;
		}
		money_format(b->spend, b->digits, 0, amt, sizeof(amt));
		format_share(share_permille(b->spend, total), pct, sizeof(pct));
		pct[strlen(pct) - 1] = '\0';
		json_object_set_new(row, "spend", json_string(amt));
		json_object_set_new(row, "share", json_string(pct));
	}
	return row;
}

int
compete_write_rows(const struct compete *cp, FILE *out, int json, int flags,
    struct ae_error *err)
{
	struct rec_writer *w =
	    rec_writer_new(out, json ? RECORD_JSON : RECORD_CSV, flags);
	json_t *row;
	size_t i;
	int rc = 0;

	rec_writer_set_header(w, row_fields);
	for (i = 0; i < cp->n && rc == 0; i++) {
		if ((row = brand_row(cp, &cp->b[i], err)) == NULL) {
			rc = -1;
			break;
		}
		rc = rec_writer_put_json(w, row, err);
		json_decref(row);
	}
	rec_writer_free(w);
	return rc;
}
