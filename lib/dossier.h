/*
 * dossier.h — the client's brand file (品牌档案/实情手册): every record
 * of one client gathered into the handbook's fourteen sections.
 *
 * Records of any type are fed one at a time, from a folder of mixed
 * files; only the client's own are held (as JSON), with their place, so
 * memory grows with the client's records and not with the folder.  The
 * exceptions are payments, which name an invoice and not a client: they
 * go to the receivables ledger, which keeps each unmatched one compactly.
 *
 *	struct dossier *d = dossier_new(&opts);
 *	for each file: dossier_begin_file(d);
 *		for each record: if (dossier_add(d, r, &err) < 0) fail(&err);
 *	json_t *ctx = dossier_context(d, &err);
 *	dossier_free(d);
 */
#ifndef AEKIT_DOSSIER_H
#define AEKIT_DOSSIER_H

#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "finding.h"
#include "reader.h"

#define DOSSIER_SECTIONS 14
#define DOSSIER_STALE_DAYS 180

struct dossier_options {
	const char *client;
	int32_t as_of;	      /* records dated after it are left out */
	int client_copy;      /* leave out every sensitive item */
	const char *currency; /* of records without one; "CNY" */
	long stale_days;      /* --check: a section's newest record's age */
};

/* The translated title of section N (1..14), as the handbook has it. */
const char *dossier_section_title(int n);

struct dossier *dossier_new(const struct dossier_options *o);
void dossier_free(struct dossier *d);

/* Call before the first record of each input file. */
void dossier_begin_file(struct dossier *d);

/*
 * Takes one record, of any type (its `type` field, else its file's
 * name).  Another client's record, one dated after the as-of date, or
 * one of a type the brand file does not use is passed over (returns 0);
 * the client's own is held (1).  -1 with ERR (place and field) for a
 * record of the client that is bad data, or an invoice or payment the
 * receivables ledger refuses.
 */
int dossier_add(struct dossier *d, const struct record *r,
    struct ae_error *err);

/*
 * The brand file as data (new reference): `client`, `as_of`,
 * `client_copy`, `toc` and `sections` [{n, id, title, anchor, empty,
 * records, newest, blocks [{heading, paras [text], items [{text,
 * indent, depth}], columns [text], rows [{cells [text]}], text_table,
 * is_table, is_list}]}].  TEXT_TABLES fills `text_table` for the text
 * layout.  NULL with ERR when an amount cannot be computed.
 */
json_t *dossier_context(struct dossier *d, int text_tables,
    struct ae_error *err);

/*
 * The rules (SPEC §3 dossier), each finding reported to FS:
 *  empty-section: section 1, 2 or 13 is empty for a client with an open
 *   job (at the first open job's record);
 *  stale-section: a section's newest dated record is older than
 *   stale_days (at that record);
 *  contact-reach: a contact with no phone, mobile or email;
 *  key-background: a key contact without background (`note`).
 * Returns how many; -1 with ERR as dossier_context.
 */
int dossier_check(struct dossier *d, struct finding_sink *fs,
    struct ae_error *err);

/*
 * The files to read for PATHS (files, or folders walked for their
 * .csv, .json, .jsonl and .ndjson files, hidden ones passed over, in
 * byte order of the path): a new NULL-terminated array (free each and
 * it), *N set.  NULL with ERR (AE_ENOINPUT) for a path that cannot be
 * read.
 */
char **dossier_files(char *const *paths, int npaths, size_t *n,
    struct ae_error *err);

#endif
