/*
 * field.h — typed access to a record's fields.
 *
 * Each getter returns 1 when the field holds a value, 0 when it is absent,
 * null or empty (a blank CSV cell reads as absent), and -1 for a value of
 * the wrong form, with ERR naming the record's file and line, the field
 * and the value: "field 'amount': '12.345' has more decimals than CNY
 * allows".
 */
#ifndef AEKIT_FIELD_H
#define AEKIT_FIELD_H

#include <stdint.h>

#include <jansson.h>

#include "date.h"
#include "error.h"
#include "money.h"
#include "record.h"

/* The record's currency code (its `currency` field, else DEF) and digits. */
int field_currency(const struct record *r, const char *def, char *code,
    int *digits, struct ae_error *err);

int field_money(const struct record *r, const char *name, const char *currency,
    int digits, int64_t *out, struct ae_error *err);
int field_decimal(const struct record *r, const char *name,
    struct decimal *out, struct ae_error *err);
int field_int(const struct record *r, const char *name, long min, long max,
    long *out, struct ae_error *err);
/* true/false, yes/no, 1/0, 是/否. */
int field_bool(const struct record *r, const char *name, int *out,
    struct ae_error *err);
int field_date(const struct record *r, const char *name, int32_t *out,
    struct ae_error *err);
int field_datetime(const struct record *r, const char *name,
    struct datetime *out, struct ae_error *err);
int field_month(const struct record *r, const char *name, int *y, int *m,
    struct ae_error *err);

/*
 * A list field as a JSON array (new reference): the JSON array itself, or
 * a CSV cell split at ';' with spaces trimmed.  NULL when absent.
 */
json_t *field_list(const struct record *r, const char *name);

/* Fills ERR's place and field from R and NAME; returns -1. */
int field_error(const struct record *r, const char *name,
    struct ae_error *err);

#endif
