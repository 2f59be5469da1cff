/*
 * estimate.h — the arithmetic of a production estimate (估价单, SPEC §3)
 * and the rate cards its lines may price from.
 *
 * All amounts are int64 minor units of the estimate's currency; nothing
 * here touches floating point.  Rounding is half away from zero (四舍五入)
 * exactly where the spec says, and nowhere else:
 *
 *	line amount       = round(qty × rate)
 *	subtotal          = Σ line amounts
 *	commission_amount = round(subtotal × commission / 100)
 *	tax_amount        = round((subtotal + commission_amount) × tax / 100)
 *	total             = subtotal + commission_amount + tax_amount
 *	deposit_amount    = round(total × deposit / 100)   (预付款)
 *
 * Usage, e.g. for a job's close-out against its estimate:
 *
 *	struct estimate_totals t;
 *	if (estimate_compute(obj, NULL, "CNY", &t, &err) == 0)
 *		use(t.total, t.digits);
 *	estimate_totals_release(&t);
 */
#ifndef AEKIT_ESTIMATE_H
#define AEKIT_ESTIMATE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "money.h"
#include "reader.h"

/* One rate-card entry: a row of `code,description,unit,rate[,currency]`. */
struct rate_entry {
	char *code;
	char *description; /* NULL when blank */
	char *unit;	   /* NULL when blank */
	char *rate;	   /* the rate as written; parsed per estimate */
	char *currency;	   /* NULL: any currency the estimate has */
	long line;	   /* where the row starts in the card's file */
};

struct rate_card {
	char *source; /* the card's file name, for messages */
	size_t n, alloc;
	struct rate_entry *entries;
};

#define RATE_CARD_INIT           \
	{                        \
		NULL, 0, 0, NULL \
	}

/*
 * Reads a rate card from PATH (`rate` records of SPEC §4: `code`, `rate`
 * and optionally `description`, `unit`, `currency`, a rate without one in
 * DEF_CURRENCY), appending to CARD.  A row the schema refuses or a code
 * given twice is an error (AE_EDATA with the row's place); a file that
 * cannot be opened is AE_ENOINPUT.  Returns 0 or -1.
 */
int rate_card_load(struct rate_card *card, const char *path,
    const struct reader_options *opts, const char *def_currency,
    struct ae_error *err);

/* The entry for CODE, or NULL. */
const struct rate_entry *rate_card_find(const struct rate_card *card,
    const char *code);

/* Frees the entries; CARD may be loaded again. */
void rate_card_release(struct rate_card *card);

/* A section of the estimate: lines sharing `section`, in first-seen order. */
struct estimate_section {
	char *name; /* "" for lines without a section */
	int64_t subtotal;
	size_t nlines;
};

struct estimate_totals {
	char currency[8];
	int digits; /* the currency's minor digits */
	size_t nlines;
	int64_t *amounts;   /* each line's amount, in line order */
	size_t *section_of; /* each line's index into sections */
	size_t nsections;
	struct estimate_section *sections;
	struct decimal commission, tax; /* percentages; 0 when absent */
	struct decimal deposit;		/* percentage of the total */
	int has_deposit;		/* `deposit` was given */
	int64_t subtotal;
	int64_t commission_amount;
	int64_t tax_amount;
	int64_t total;
	int64_t deposit_amount; /* round(total × deposit / 100) */
};

/*
 * Computes ESTIMATE (a JSON object with `lines`; see SPEC §4) into OUT and
 * writes the results back into it: each line gets `amount` (and `rate`,
 * plus `item` and `unit` when blank, from RATES for a line priced by
 * `code`), and the object gets `subtotal`, `commission_amount`,
 * `tax_amount`, `total` and, with a `deposit`, `deposit_amount`, all
 * as plain decimal strings with the currency's minor digits; a line's
 * `rate` is rewritten as a plain decimal too ("56,800" → "56800.00").  The currency is the object's `currency`, else
 * DEF_CURRENCY.  RATES may be NULL.
 *
 * A line needs `rate` (qty defaults to 1), `amount`, or a `code` found in
 * RATES.  When it gives both a rate and an amount, they must agree.
 * `qty` may be a decimal (1.5 days).  Negative `commission` or `tax` is
 * an error.  On any error (a bad value, an unknown code, an overflow)
 * returns -1 with ERR naming the field as `lines[N].qty` (N counting
 * from 1, as the document numbers lines) and leaves OUT empty; the
 * caller adds the record's place.  OUT is always safe to release.
 */
int estimate_compute(json_t *estimate, const struct rate_card *rates,
    const char *def_currency, struct estimate_totals *out,
    struct ae_error *err);

void estimate_totals_release(struct estimate_totals *t);

#endif
