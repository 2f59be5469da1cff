/*
 * error.h — how the library reports a failure.
 *
 * The library never prints and never exits.  A function that can fail takes
 * a `struct ae_error *`, fills it and returns -1 (or NULL).  Only the first
 * error is kept: a caller that adds context (the file and line of a record,
 * the field) does so with ae_error_at() and ae_error_field(), which do not
 * overwrite what is already there.  cmd/ formats it through cli.h as
 *
 *	tool: FILE:LINE[:COLUMN]: field 'NAME': TEXT
 */
#ifndef AEKIT_ERROR_H
#define AEKIT_ERROR_H

#include <stdarg.h>

/* Exit codes of SPEC §2, stored in ae_error.code. */
enum ae_status {
	AE_OK = 0,
	AE_VIOLATION = 1, /* --check found something; a threshold tripped */
	AE_EUSAGE = 64,
	AE_EDATA = 65,	  /* bad input data */
	AE_ENOINPUT = 66, /* input cannot be opened */
	AE_EINTERNAL = 70,
	AE_ECANTCREAT = 73, /* output cannot be created */
	AE_EIO = 74	    /* output cannot be written */
};

struct ae_error {
	int code;	  /* enum ae_status; AE_EDATA unless set */
	char source[512]; /* file name; "-" or "" for standard input */
	long line;	  /* 1-based; 0 when unknown */
	long column;	  /* 1-based; 0 when unknown */
	char field[128];  /* field the error is about; "" when none */
	char text[1024];  /* what is wrong: lowercase, no full stop */
};

/* Empties ERR so that it can be filled again. */
void ae_error_clear(struct ae_error *err);

/* Whether ERR holds an error. */
int ae_error_isset(const struct ae_error *err);

/*
 * Sets the text (printf-style) and code of ERR unless it already holds an
 * error.  Returns -1 so that callers can write `return ae_error_set(...)`.
 * ERR may be NULL.
 */
int ae_error_set(struct ae_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int ae_error_vset(struct ae_error *err, int code, const char *fmt, va_list ap);

/* Adds where it happened, keeping a source/line/column already set. */
void ae_error_at(struct ae_error *err, const char *source, long line,
    long column);

/* Adds the field name, keeping one already set. */
void ae_error_field(struct ae_error *err, const char *field);

#endif
