/*
 * compete.h — the competitor review (竞争者的情况评议): competitor
 * records side by side, one column per brand, one row per point of the
 * handbook's seven, then each brand's advertising spend and its share of
 * the total spend per currency (竞争者广告花费分析).  Currencies are never
 * added together.
 *
 *	struct compete *cp = compete_new("华美食品");
 *	while (more records)
 *		if (compete_add(cp, r, "CNY", &err) < 0) fail(&err);
 *	json_t *ctx = compete_context(cp, 1, &err);
 *	compete_free(cp);
 */
#ifndef AEKIT_COMPETE_H
#define AEKIT_COMPETE_H

#include <stdio.h>

#include <jansson.h>

#include "error.h"
#include "finding.h"
#include "reader.h"

#define COMPETE_POINTS 7

/* The translated title of point N (1..7). */
const char *compete_point_title(int n);

/* CLIENT: only that client's competitors (NULL: every record). */
struct compete *compete_new(const char *client);
void compete_free(struct compete *cp);

/*
 * Takes one competitor record.  A later record of a brand already seen
 * replaces it unless it is dated earlier (the review shows each brand as
 * last assessed).  Returns 1 when taken, 0 when it is another client's,
 * -1 with ERR (place and field) for a bad spend, date or currency.
 */
int compete_add(struct compete *cp, const struct record *r,
    const char *def_currency, struct ae_error *err);

/* How many brands are held. */
size_t compete_count(const struct compete *cp);

/*
 * Reports each brand's missing points (rule "point"), one finding per
 * point; returns how many.
 */
int compete_check(const struct compete *cp, struct finding_sink *fs);

/*
 * The review as a template context (new reference): `client`, `brands`
 * [{name, source, line}], `points` [{n, title, cells [text]}] ("—" for a
 * point not given), `spend` [{currency, rows [{brand, spend, share}],
 * total}] per currency in byte order (amounts grouped, share a
 * percentage to one decimal), `has_spend`, `no_spend` [brand] (brands
 * whose spend is not known).  TEXT_TABLES adds `points_table` and
 * `spend_table`, aligned text tables.  NULL with ERR when a total
 * overflows.
 */
json_t *compete_context(const struct compete *cp, int text_tables,
    struct ae_error *err);

/*
 * CSV (FORMAT "csv", FLAGS as writer.h) or JSON Lines ("json"): one row
 * per brand, brand, product, appeal, target, promise, support, concept,
 * tone, production, media, format, date, source, currency, spend (plain
 * decimal), share (percent, one decimal).  -1 with ERR on overflow.
 */
int compete_write_rows(const struct compete *cp, FILE *out, int json, int flags,
    struct ae_error *err);

#endif
