/*
 * schema.h — the fields of each record type (SPEC §4) and the check that
 * a record has the required ones, each of the right form.
 */
#ifndef AEKIT_SCHEMA_H
#define AEKIT_SCHEMA_H

#include "error.h"
#include "record.h"

/*
 * Called once per problem found: RULE is "required" (a required field is
 * missing) or "format" (a value of the wrong form); ERR holds place,
 * field and text.
 */
typedef void (*schema_report_fn)(const char *rule, const struct ae_error *err,
    void *ctx);

/*
 * Checks R against TYPE's fields: required fields present, every known
 * field of the right form (money in the record's currency or DEF_CURRENCY,
 * dates, times, booleans, numbers, enumerations, lists and their items).
 * Fields the schema does not know are allowed.  Reports every problem
 * and returns how many there were; -1 if TYPE is not a record type.
 */
int schema_check(const struct record *r, const char *type,
    const char *def_currency, schema_report_fn report, void *ctx);

#endif
