/*
 * writer.h — records out: CSV (RFC 4180) and JSON Lines.
 *
 * Field order is kept: a record read from input is written in its input
 * order; a tool that adds computed fields appends them to the JSON object
 * it passes, so they come after.  CSV→JSON→CSV gives back the same values.
 */
#ifndef AEKIT_WRITER_H
#define AEKIT_WRITER_H

#include <stdio.h>

#include <jansson.h>

#include "error.h"
#include "reader.h"
#include "strbuf.h"

enum record_format {
	RECORD_CSV,
	RECORD_JSON
};

/*
 * CSV_EXCEL: for Excel — a UTF-8 BOM, CRLF line ends, and cells that start
 * with = + - @ (or a tab/CR) written with a leading ' so that they are not
 * run as formulas.
 */
#define CSV_EXCEL 1

struct rec_writer *rec_writer_new(FILE *out, enum record_format format,
    int flags);

/*
 * Writes R.  For CSV the first record's fields make the header; a later
 * record with a field not in it is an error (ERR names the field), since
 * writing it would lose the value.  Missing fields are empty cells.
 * Lists of strings become one cell joined by "; "; other JSON values their
 * compact JSON text.
 */
int rec_writer_put(struct rec_writer *w, const struct record *r,
    struct ae_error *err);
int rec_writer_put_json(struct rec_writer *w, json_t *object,
    struct ae_error *err);

/* Gives the CSV header to write before any record (NULL-terminated). */
void rec_writer_set_header(struct rec_writer *w, const char *const *names);

/* Writes the header if nothing was written yet (CSV), then frees W. */
void rec_writer_free(struct rec_writer *w);

/* Starts a CSV output: the BOM with CSV_EXCEL. */
void csv_begin(FILE *out, int flags);

/*
 * Writes one CSV line of N cells (NULL cells empty), ended by LF, or
 * CRLF with CSV_EXCEL.
 */
void csv_put_row(FILE *out, const char *const *cells, size_t n, int flags);

/* Writes S as one CSV cell, quoted only when it has to be. */
void csv_put_cell(FILE *out, const char *s, int flags);

/* Writes S as a JSON string literal, escaped as jansson does. */
void jsontext_put_string(FILE *out, const char *s);
void json_add_string(struct strbuf *sb, const char *s);

#endif
