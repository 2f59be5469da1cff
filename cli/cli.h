/*
 * cli.h — what every aekit tool does the same way (SPEC §2): options,
 * usage, error messages, exit codes, the -o atomic output file, the
 * record loop with --keep-going and --rejects.  A tool fills a struct cli
 * with its name, synopsis, the shared options it takes and its own, calls
 * cli_parse(), does its job and returns cli_finish().
 *
 * This is the one library module that prints and exits: it is the tools'
 * side of the line, and keeping it here keeps cmd/ thin.
 */
#ifndef AEKIT_CLI_H
#define AEKIT_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "finding.h"
#include "outfile.h"
#include "reader.h"

/* The shared options a tool takes. */
enum cli_common {
	CLI_OUTPUT = 1 << 0,	 /* -o FILE */
	CLI_FORMAT = 1 << 1,	 /* -f, --format FMT */
	CLI_INPUT = 1 << 2,	 /* --input-format, --encoding */
	CLI_LANG = 1 << 3,	 /* --lang zh|en */
	CLI_CHECK = 1 << 4,	 /* --check */
	CLI_KEEP_GOING = 1 << 5, /* --keep-going, --rejects FILE */
	CLI_AS_OF = 1 << 6,	 /* --as-of DATE|today|close */
	CLI_CURRENCY = 1 << 7,	 /* --currency CODE */
	CLI_EXCEL = 1 << 8,	 /* --excel */
	CLI_TEMPLATE = 1 << 9	 /* --template FILE, --dump-template */
};

/* A tool's own option.  KEY is a short letter or a number ≥ 256. */
struct cli_opt {
	const char *name;
	int key;
	const char *arg; /* the argument's name in --help; NULL: a flag */
	const char *help;
};

struct cli {
	/* Filled by the tool before cli_parse(). */
	const char *prog;
	const char *synopsis;	    /* the usage line after the name */
	unsigned common;	    /* enum cli_common bits */
	const char *formats;	    /* "text,csv,json": first is default */
	const struct cli_opt *opts; /* ends with a zeroed entry */
	int (*on_opt)(struct cli *c, int key, const char *arg);
	void *ctx; /* the tool's own state */

	/* Set by cli_parse(). */
	const char *format;
	const char *output;
	struct reader_options input;
	int check;
	int bad_is_violation; /* bad records are --check findings */
	int keep_going;
	const char *rejects;
	int excel;
	const char *lang;
	const char *template_path;
	int dump_template;
	const char *currency; /* --currency or "CNY" */
	int32_t as_of;	      /* day number; today by default */
	int32_t today;
	int nfiles;
	char **files; /* "-" when none were given */

	int in_place; /* -o may name the input (--done) */

	/* Internal state. */
	FILE *out;
	struct outfile of;     /* -o's file, or xlsx's for stdout */
	struct file_lock lock; /* the input an update rewrites */
	struct outfile rejects_of;
	FILE *rejects_fp;
	const char *rejects_source;
	int status;
	long violations;
};

/*
 * Parses ARGV.  --help prints usage to stdout and exits 0; --version
 * likewise; a bad option or value prints usage to stderr and exits 64.
 * The tool's on_opt() sees its own options and returns 0, or -1 after
 * cli_usage_error() for a bad value.
 */
void cli_parse(struct cli *c, int argc, char **argv);

/* Prints "prog: MESSAGE" and a hint, and exits 64. */
void cli_usage_error(struct cli *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

/*
 * The output stream: -o's temporary file (renamed into place by
 * cli_finish, removed on any failure) or stdout.
 */
FILE *cli_output(struct cli *c);

/*
 * A path to write the output to, for writers that want a file name
 * (xlsx).  Without -o the file is copied to stdout by cli_finish().
 */
const char *cli_output_path(struct cli *c);

/* Prints ERR as "prog: FILE:LINE[:COL]: field 'F': text" on stderr. */
void cli_warn(struct cli *c, const struct ae_error *err);

/* cli_warn(), removes any partial output, exits with ERR's code. */
void cli_die(struct cli *c, const struct ae_error *err)
    __attribute__((noreturn));

/* cli_die() with a message of its own (no place). */
void cli_fatal(struct cli *c, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), noreturn));

/*
 * Dies (exit 65) saying PATH held no WHAT record ("FILE: no estimate
 * record in the input"): a document tool given an empty file.  PATH NULL
 * means the last input file.
 */
void cli_no_record(struct cli *c, const char *path, const char *what)
    __attribute__((noreturn));

/*
 * The one finding printer: F as "prog: FILE:LINE: RULE: detail" on
 * stdout; counts it and makes the exit status 1.  CTX is the struct cli.
 */
void cli_finding(void *ctx, const struct finding *f);

/* A sink whose findings cli_finding() prints. */
void cli_findings(struct cli *c, struct finding_sink *s);

/*
 * A problem ERR of RULE, found by the schema, as a finding "field 'F':
 * text"; when ERR is about R (not NULL), at the line of its field F.
 */
void cli_problem(struct cli *c, const struct record *r, const char *rule,
    const struct ae_error *err);

/*
 * Checks R as a record of TYPE (schema_check, in --currency) for --check:
 * each problem a cli_problem() at its field's line.  Returns how many.
 */
int cli_schema_findings(struct cli *c, const struct record *r,
    const char *type);

/*
 * --from ARG of a tool that writes memos (reminders): it heads every
 * memo, so a value memo refuses is a usage error here, not a refusal at
 * the first memo.  Returns ARG.
 */
const char *cli_memo_from(struct cli *c, const char *arg);

/* cli_finding() of a finding at SOURCE:LINE with a detail of FMT. */
void cli_violation(struct cli *c, const char *source, long line,
    const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Makes the exit status at least CODE (1 for a tripped threshold). */
void cli_set_status(struct cli *c, int code);

/*
 * Calls FN on every record of every input file in turn.  A bad record —
 * one the reader cannot parse or FN returns -1 for, with ERR filled —
 * stops the run (exit 65) unless --keep-going: then it is reported,
 * written verbatim to --rejects, and the loop goes on.  FN returns 0 to
 * go on, 1 to stop reading.
 */
typedef int (*cli_record_fn)(struct cli *c, const struct record *r,
    struct ae_error *err);
void cli_each_record(struct cli *c, cli_record_fn fn);

/* Like cli_each_record for one file. */
void cli_each_record_in(struct cli *c, const char *path, cli_record_fn fn);

/*
 * Holds an exclusive lock on PATH (SPEC §2) from now until cli_finish()
 * has put the output in place, or the run ends: for a tool that reads a
 * file and writes it back (jobcard --append).  -o naming an input of a
 * tool that sets in_place is locked by cli_parse() itself.  Dies (exit
 * 66 or 74) when the lock cannot be taken.
 */
void cli_lock(struct cli *c, const char *path);

/*
 * Flushes and commits the output (rename of -o's file, copy to stdout),
 * reporting a write failure (exit 74).  Returns the exit status.
 */
int cli_finish(struct cli *c);

/* Whether --format is FMT. */
int cli_format_is(const struct cli *c, const char *fmt);

#endif
