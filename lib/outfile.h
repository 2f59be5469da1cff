/*
 * outfile.h — the one atomic writer and the lock for read-modify-write
 * (SPEC §2 "Files").
 *
 * An output file is written to a temporary file beside it and renamed
 * into place by outfile_commit(), so on any error no output appears and
 * an existing file is left as it was.  A new file gets 0666 less the
 * umask; a replaced file keeps its mode.  A target that is not a regular
 * file (/dev/null, a FIFO, a device) is written directly.  Temporary
 * files are on a list that is emptied at exit and on SIGINT, SIGTERM,
 * SIGHUP and SIGPIPE, so an interrupted run leaves nothing behind.
 *
 *	struct outfile o;
 *	if (outfile_open(&o, "aging.csv", 0, &err) != 0) ...
 *	fputs("...", o.fp);
 *	if (outfile_commit(&o, &err) != 0) ...	(or outfile_abort(&o))
 *
 * A tool that reads a file and writes it back holds file_lock() on it
 * from before the read until after the commit:
 *
 *	struct file_lock l;
 *	if (file_lock(&l, "jobs.csv", &err) != 0) ...
 *	read jobs.csv; outfile_open/commit jobs.csv
 *	file_unlock(&l);
 */
#ifndef AEKIT_OUTFILE_H
#define AEKIT_OUTFILE_H

#include <stdio.h>

#include "error.h"

enum outfile_flags {
	/*
	 * The caller writes the file by its name (o.name, say through
	 * libxlsxwriter), so it must be a regular, seekable file: for
	 * standard output (PATH NULL or "-") or a non-regular target it is
	 * a temporary file in TMPDIR, copied to the target on commit.
	 */
	OUTFILE_NAMED = 1 << 0
};

struct outfile {
	char *path;   /* the target as given; NULL: standard output */
	char *target; /* what the rename replaces (links followed) */
	char *name;   /* the file being written (temporary or target) */
	FILE *fp;     /* open on name */
	int temp;     /* name is a temporary file on the clean-up list */
	int copy;     /* commit copies name to the target */
};

/*
 * Opens an output file for PATH.  Without OUTFILE_NAMED, PATH must name
 * a file (not standard output).  Fills ERR (AE_ECANTCREAT) on failure.
 */
int outfile_open(struct outfile *o, const char *path, unsigned flags,
    struct ae_error *err);

/*
 * Flushes, syncs and puts the file in place (rename, or copy for a
 * standard-output or non-regular target).  The outfile is released
 * either way.  ERR: AE_EIO for a write error, AE_ECANTCREAT otherwise.
 */
int outfile_commit(struct outfile *o, struct ae_error *err);

/* Closes and removes whatever was written; the target is untouched. */
void outfile_abort(struct outfile *o);

/*
 * Adds or removes PATH on the list of files removed at exit and on the
 * signals above (at most 16 at once; async-signal-safe removal).  The
 * string must stay valid until it is removed from the list.
 */
int outfile_track(const char *path);
void outfile_untrack(const char *path);

/* Removes every tracked file now (the exit-time clean-up). */
void outfile_remove_all(void);

struct file_lock {
	int fd; /* -1: nothing held */
};

/*
 * Takes an exclusive flock on PATH, waiting for another holder, and
 * makes sure the lock is on the file PATH names now (a writer that
 * renamed a new file over it while we waited means trying again).  A
 * PATH that does not exist is not an error: nothing is held, and the
 * caller creates the file.  Standard input ("-") is never locked.
 */
int file_lock(struct file_lock *l, const char *path, struct ae_error *err);
void file_unlock(struct file_lock *l);

/*
 * Whether paths A and B name the same existing file (device and inode).
 * "-" names no file.
 */
int same_file(const char *a, const char *b);

#endif
