/*
 * brief.h — briefs (简报): creative (广告简报), media (媒介简报) and
 * strategy (传播策略); the rules each kind must meet and the document's
 * context.
 */
#ifndef AEKIT_BRIEF_H
#define AEKIT_BRIEF_H

#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "finding.h"
#include "reader.h"

/* Days the media team needs before a media brief is due (重大策划两周). */
#define BRIEF_MEDIA_LEAD_DAYS 14

/*
 * Applies the rules of R's kind: the fields it needs (creative:
 * objective, target, proposition, deliverables, budget, due; media:
 * budget, period, target, markets, kpis, due), the sign-offs under
 * `approvals` (creative: account, creative, client; strategy: client, gm,
 * account_director, creative_director), each with a name and a date, and
 * for media at least BRIEF_MEDIA_LEAD_DAYS from the brief's `date` (else
 * AS_OF) to `due`.  Reports each finding ("required", "signoff",
 * "signoff-order", "lead-time") to FS, at the field it is about, and
 * returns how many there were;
 * -1 with ERR for a date that cannot be read.  A brief of no known kind
 * has no kind rules (the schema check reports it).
 */
int brief_check(const struct record *r, int32_t as_of, struct finding_sink *fs,
    struct ae_error *err);

/*
 * The document's context (new reference): the brief as JSON with list
 * fields as arrays, `kind_name` (the kind in the current language),
 * `budget_text` (grouped, with the currency), `signoffs` [{role, name,
 * date}] in the order of the kind's sign-offs, and `as_of`.  NULL with
 * ERR for a bad budget.
 */
json_t *brief_context(const struct record *r, const char *def_currency,
    int32_t as_of, struct ae_error *err);

/*
 * The label of sign-off KEY of a brief's approvals ("account" is the
 * account lead, 项目负责人), in the --lang language; KEY itself when it
 * is none of the handbook's.
 */
const char *brief_signoff_role(const char *key);

#endif
