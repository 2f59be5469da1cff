/*
 * memo.h — memos, fax covers and letters (备忘录/传真/信件).
 *
 * A memo record (SPEC §4: to, from, date, subject, body, cc[], kind,
 * confirm_by) becomes a template context for doc_render(..., "memo", ...).
 * The handbook's rules: a memo is short and to the point; it closes by
 * telling the reader that we will call to confirm it arrived (confirm_by);
 * artwork is handed over in person, never faxed unless the deadline leaves
 * no other way (`urgent`).
 *
 * Besides the fields of SPEC §4 a memo may carry to_org, from_org, fax
 * (the number), pages, attachments[] (file names or {name, type}) and
 * urgent (bool).
 */
#ifndef AEKIT_MEMO_H
#define AEKIT_MEMO_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "finding.h"
#include "strbuf.h"
#include "table.h"

/* Longest body: 300 words, or 600 Chinese characters (two count as a word). */
#define MEMO_MAX_WORDS 300
#define MEMO_MAX_HAN 600

/*
 * Builds the template context of MEMO (a new reference): the record's
 * fields, the date and confirm_by in ISO form, `kind` and one of
 * is_memo/is_fax/is_letter, cc as person objects (has_cc), attachments as
 * {name} objects (has_attachments).  NULL with ERR (field named) when a
 * required field is missing or a value is malformed.
 */
json_t *memo_context(json_t *memo, struct ae_error *err);

/*
 * Counts the words of BODY (runs of letters and digits outside Chinese
 * characters) and its Chinese characters (CJK ideographs).
 */
void memo_count(const char *body, size_t *words, size_t *han);

/* Whether attachment A (a file name or {name, type}) is artwork (an image). */
int memo_is_artwork(json_t *a);

/*
 * Applies the handbook's rules to MEMO, which memo_context() accepted:
 * "long", "artwork", "confirm", each finding to FS.  Returns how many.
 */
int memo_check(json_t *memo, struct finding_sink *fs);

/*
 * Whether S, the value of header field FIELD (to, cc[2].name), holds no
 * control character, which would start a header line of its own in an
 * e-mail or a fax cover: 0, or -1 with ERR naming FIELD.
 */
int memo_header_safe(const char *s, const char *field, struct ae_error *err);

/*
 * memo_header_safe() of every header value of MEMO (to, from, subject,
 * cc, the orgs, the fax number, the title), in memo_context()'s order.
 */
int memo_header_check(json_t *memo, struct ae_error *err);

/*
 * A reminder memo (a new memo object for memo_context()): to TO, signed
 * FROM, dated DATE, with SUBJECT and BODY (a final newline dropped).
 * What actions --remind and feedback --remind send each owner.
 */
json_t *memo_reminder(const char *to, const char *from, int32_t date,
    const char *subject, const struct strbuf *body);

/* Appends table T, printed as text, to BODY. */
void memo_body_table(struct strbuf *body, const struct table *t);

#endif
