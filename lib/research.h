/*
 * research.h — the research summary (调查总结): the handbook's six parts
 * of a `research` record, the rule that all six are there, and the
 * document's context.
 */
#ifndef AEKIT_RESEARCH_H
#define AEKIT_RESEARCH_H

#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "finding.h"

#define RESEARCH_PARTS 6

/*
 * The translated title of part N (1..6): purpose; agency and method;
 * sample; fieldwork dates and place; conclusions; recommended actions.
 */
const char *research_part_title(int n);

/*
 * Applies the rules to R (a research record as JSON): every part holds
 * something (part 2 both the agency and the method, part 4 the fieldwork
 * dates and place, part 5 conclusions or findings), and the fieldwork's
 * `to` is not before its `from` ("part", "fieldwork").  Reports each
 * finding to FS, at the field it is about, and returns how
 * many; -1 with ERR (field named) for a date that cannot be read.
 */
int research_check(json_t *r, struct finding_sink *fs, struct ae_error *err);

/*
 * The document's context (new reference): the record's fields, lists as
 * arrays, and `parts` [{n, title, missing (the check's view), empty
 * (nothing to show), lines [{label, text}], items [text], findings
 * [text], has_items, has_findings}] in the handbook's order.  NULL with ERR for a
 * malformed fieldwork date.
 */
json_t *research_context(json_t *r, struct ae_error *err);

/*
 * The date a summary stands at for a point-in-time view: the fieldwork's
 * end, else its start, else `date`.  1 and *DAY set, 0 when it has none,
 * -1 with ERR for a malformed one.
 */
int research_date(json_t *r, int32_t *day, struct ae_error *err);

#endif
