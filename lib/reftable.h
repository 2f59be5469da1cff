/*
 * reftable.h — the one loop that reads a reference table: a rate card
 * (--rates), a holiday calendar (--holidays), a staff list, a cost list,
 * the time records or jobs a report looks up.  Every record of the file
 * is checked by the schema as TYPE (SPEC §4) before the caller sees it,
 * so a bad value is refused with the message `recs --check` gives for it,
 * at the same file, line and field.
 *
 *	static int add(const struct record *r, void *ctx,
 *	    struct ae_error *err) { ... }
 *	if (reftable_load(path, opts, "rate", "CNY", add, card, &err) < 0)
 *		... err says where ...
 */
#ifndef AEKIT_REFTABLE_H
#define AEKIT_REFTABLE_H

#include "error.h"
#include "reader.h"

/* Takes record R; -1 with ERR stops the loop. */
typedef int (
    *reftable_fn)(const struct record *r, void *ctx, struct ae_error *err);

/*
 * Reads every record of PATH as a record of TYPE, amounts in their own
 * currency or DEF_CURRENCY (NULL: CNY, for a table without amounts), and
 * hands each to FN.  Returns 0, or -1 with
 * ERR at the first record that cannot be read, breaks the schema or that
 * FN refuses.
 */
int reftable_load(const char *path, const struct reader_options *opts,
    const char *type, const char *def_currency, reftable_fn fn, void *ctx,
    struct ae_error *err);

#endif
