#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "i18n.h"
#include "memo.h"
#include "money.h"
#include "schema.h"
#include "strbuf.h"

enum {
	OPT_HELP = 'h',
	OPT_OUTPUT = 'o',
	OPT_FORMAT = 'f',
	OPT_VERSION = 1000,
	OPT_INPUT_FORMAT,
	OPT_ENCODING,
	OPT_LANG,
	OPT_CHECK,
	OPT_KEEP_GOING,
	OPT_REJECTS,
	OPT_AS_OF,
	OPT_CURRENCY,
	OPT_EXCEL,
	OPT_TEMPLATE,
	OPT_DUMP_TEMPLATE
};

static const struct common_opt {
	unsigned bit;
	struct cli_opt opt;
} common_opts[] = {
	{ CLI_OUTPUT,
	    { "output", OPT_OUTPUT, "FILE",
		"write to FILE (atomically) instead of standard output" } },
	{ CLI_FORMAT, { "format", OPT_FORMAT, "FMT", NULL } },
	{ CLI_INPUT,
	    { "input-format", OPT_INPUT_FORMAT, "csv|json",
		"read this format instead of detecting it" } },
	{ CLI_INPUT,
	    { "encoding", OPT_ENCODING, "ENC",
		"input encoding: utf-8 (default), gb18030 or gbk" } },
	{ CLI_LANG,
	    { "lang", OPT_LANG, "zh|en", "language of labels and headings" } },
	{ CLI_CHECK,
	    { "check", OPT_CHECK, NULL,
		"report every rule violation; exit 1 if any" } },
	{ CLI_KEEP_GOING,
	    { "keep-going", OPT_KEEP_GOING, NULL,
		"report and skip bad records instead of stopping" } },
	{ CLI_KEEP_GOING,
	    { "rejects", OPT_REJECTS, "FILE",
		"with --keep-going, write bad records to FILE verbatim" } },
	{ CLI_AS_OF,
	    { "as-of", OPT_AS_OF, "DATE",
		"the day rules and reports are computed for: a date, today "
		"(default) or close (the latest 25th)" } },
	{ CLI_CURRENCY,
	    { "currency", OPT_CURRENCY, "CODE",
		"currency of amounts without one (default CNY)" } },
	{ CLI_EXCEL,
	    { "excel", OPT_EXCEL, NULL,
		"csv for Excel: BOM, CRLF, formula cells guarded" } },
	{ CLI_TEMPLATE,
	    { "template", OPT_TEMPLATE, "FILE",
		"render through this Mustache template" } },
	{ CLI_TEMPLATE,
	    { "dump-template", OPT_DUMP_TEMPLATE, NULL,
		"print the built-in template for --format and --lang" } },
	{ 0, { "help", OPT_HELP, NULL, "print this help and exit" } },
	{ 0, { "version", OPT_VERSION, NULL, "print the version and exit" } },
};
#define NCOMMON (sizeof(common_opts) / sizeof(common_opts[0]))

static struct cli *current; /* for the exit-time clean-up */
static void finish_rejects(struct cli *c);
static char *stdin_name[] = { "-", NULL };

static void
remove_partial_output(void)
{
	if (current) {
		if (current->out && current->out == current->of.fp)
			current->out = NULL;
		outfile_abort(&current->of);
		outfile_abort(&current->rejects_of);
		current->rejects_fp = NULL;
	}
}

static int
has_common(const struct cli *c, const struct common_opt *o)
{
	return o->bit == 0 || (c->common & o->bit);
}

static void
print_opt(FILE *f, const struct cli_opt *o, const char *formats)
{
	char left[64];
	int n;

	if (o->key < 256)
		n = snprintf(left, sizeof(left), "  -%c, --%s", o->key,
		    o->name);
	else
		n = snprintf(left, sizeof(left), "      --%s", o->name);
	if (o->arg && n > 0 && (size_t)n < sizeof(left))
		snprintf(left + n, sizeof(left) - (size_t)n, " %s", o->arg);
	if (o->help)
		fprintf(f, "%-30s %s\n", left, o->help);
	else
		fprintf(f, "%-30s output format: %s (default %.*s)\n", left,
		    formats, (int)strcspn(formats, ","), formats);
}

/*
 * --help and --version end the run once their text is out; a full disk
 * or a closed pipe is a write failure like any other (74).
 */
static void
exit_after_stdout(struct cli *c)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write to standard output: %s\n",
		    c->prog, strerror(errno));
		exit(AE_EIO);
	}
	exit(0);
}

static void
usage(struct cli *c, FILE *f)
{
	const struct cli_opt *o;
	size_t i;

	fprintf(f, "usage: %s %s\n", c->prog, c->synopsis);
	for (o = c->opts; o && o->name; o++)
		print_opt(f, o, c->formats);
	for (i = 0; i < NCOMMON; i++)
		if (has_common(c, &common_opts[i]))
			print_opt(f, &common_opts[i].opt, c->formats);
}

void
cli_usage_error(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", c->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: %s %s\nTry '%s --help' for more.\n", c->prog,
	    c->synopsis, c->prog);
	exit(AE_EUSAGE);
}

static int
format_allowed(const char *formats, const char *f)
{
	size_t n = strlen(f);
	const char *p = formats;

	while ((p = strstr(p, f)) != NULL) {
		if ((p == formats || p[-1] == ',') &&
		    (p[n] == ',' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

static void
take_as_of(struct cli *c, const char *arg)
{
	struct ae_error err;

	ae_error_clear(&err);
	if (date_parse_asof(arg, c->today, &c->as_of, &err) != 0)
		cli_usage_error(c, "--as-of: %s", err.text);
}

static void
take_common(struct cli *c, int key, const char *arg)
{
	switch (key) {
	case OPT_OUTPUT:
		c->output = arg;
		break;
	case OPT_FORMAT:
		if (!format_allowed(c->formats, arg))
			cli_usage_error(c, "unknown format '%s' (%s)", arg,
			    c->formats);
		c->format = arg;
		break;
	case OPT_INPUT_FORMAT:
		if (strcmp(arg, "csv") == 0)
			c->input.format = INPUT_CSV;
		else if (strcmp(arg, "json") == 0)
			c->input.format = INPUT_JSON;
		else
			cli_usage_error(c,
			    "unknown input format '%s' "
			    "(csv, json)",
			    arg);
		break;
	case OPT_ENCODING:
		c->input.encoding = arg;
		break;
	case OPT_LANG:
		c->lang = arg;
		break;
	case OPT_CHECK:
		c->check = 1;
		break;
	case OPT_KEEP_GOING:
		c->keep_going = 1;
		break;
	case OPT_REJECTS:
		c->rejects = arg;
		break;
	case OPT_AS_OF:
		take_as_of(c, arg);
		break;
	case OPT_CURRENCY:
		if (currency_digits(arg) < 0)
			cli_usage_error(c, "unknown currency '%s'", arg);
		c->currency = arg;
		break;
	case OPT_EXCEL:
		c->excel = 1;
		break;
	case OPT_TEMPLATE:
		c->template_path = arg;
		break;
	case OPT_DUMP_TEMPLATE:
		c->dump_template = 1;
		break;
	}
}

static size_t
build_options(struct cli *c, struct option *lo, struct strbuf *shorts)
{
	const struct cli_opt *o;
	size_t n = 0, i;

	strbuf_addch(shorts, ':');
	for (o = c->opts; o && o->name; o++, n++) {
		lo[n] = (struct option){ o->name,
			o->arg ? required_argument : no_argument, NULL,
			o->key };
		if (o->key < 256) {
			strbuf_addch(shorts, o->key);
			if (o->arg)
				strbuf_addch(shorts, ':');
		}
	}
	for (i = 0; i < NCOMMON; i++) {
		o = &common_opts[i].opt;
		if (!has_common(c, &common_opts[i]))
			continue;
		lo[n++] = (struct option){ o->name,
			o->arg ? required_argument : no_argument, NULL,
			o->key };
		if (o->key < 256) {
			strbuf_addch(shorts, o->key);
			if (o->arg)
				strbuf_addch(shorts, ':');
		}
	}
	lo[n] = (struct option){ 0, 0, 0, 0 };
	return n;
}

static int
is_common_key(int key)
{
	size_t i;

	for (i = 0; i < NCOMMON; i++)
		if (common_opts[i].opt.key == key)
			return 1;
	return 0;
}

static void
parse_options(struct cli *c, int argc, char **argv)
{
	struct option *lo;
	struct strbuf shorts = STRBUF_INIT;
	size_t n = NCOMMON + 1;
	const struct cli_opt *o;
	int key;

	for (o = c->opts; o && o->name; o++)
		n++;
	lo = xcalloc(n, sizeof(*lo));
	build_options(c, lo, &shorts);
	opterr = 0;
	while ((key = getopt_long(argc, argv, shorts.buf, lo, NULL)) != -1) {
		if (key == '?' || key == ':') {
			const char *what = optopt ? "" : argv[optind - 1];
			char letter[3] = { '-', (char)optopt, 0 };
			if (optopt)
				what = letter;
			cli_usage_error(c,
			    key == '?' ? "unknown option '%s'" :
					 "option '%s' needs a value",
			    what);
		}
		if (key == OPT_HELP) {
			usage(c, stdout);
			exit_after_stdout(c);
		}
		if (key == OPT_VERSION) {
			printf("%s (aekit) %s\n", c->prog, AEKIT_VERSION);
			exit_after_stdout(c);
		}
		if (is_common_key(key))
			take_common(c, key, optarg);
		else if (c->on_opt && c->on_opt(c, key, optarg) != 0)
			cli_usage_error(c, "bad value for an option");
	}
	free(lo);
	strbuf_release(&shorts);
}

/* Whether A and B are one file, or one name for a file not there yet. */
static int
same_name(const char *a, const char *b)
{
	struct stat st;

	if (same_file(a, b))
		return 1;
	return strcmp(a, "-") != 0 && strcmp(a, b) == 0 && stat(a, &st) != 0;
}

/*
 * --rejects may not name an input or the -o file (SPEC §2): it would be
 * truncated while read, or overwritten.  -o naming an input is refused
 * when the output is opened, unless the tool updates in place: then the
 * input is locked from here to the rename.
 */
static void
check_file_names(struct cli *c)
{
	int i;

	for (i = 0; c->rejects && i < c->nfiles; i++)
		if (same_file(c->rejects, c->files[i]))
			cli_usage_error(c, "--rejects '%s' names an input file",
			    c->rejects);
	if (c->rejects && c->output && same_name(c->rejects, c->output))
		cli_usage_error(c, "--rejects and -o name the same file '%s'",
		    c->rejects);
	for (i = 0; c->in_place && c->output && i < c->nfiles; i++)
		if (same_file(c->output, c->files[i]))
			cli_lock(c, c->files[i]);
}

void
cli_parse(struct cli *c, int argc, char **argv)
{
	current = c;
	atexit(remove_partial_output);
	c->lock.fd = -1;
	c->today = date_today();
	c->as_of = c->today;
	c->currency = "CNY";
	if (c->formats == NULL)
		c->formats = "text";
	c->format = NULL;
	parse_options(c, argc, argv);
	if (c->format == NULL) {
		static char def[16];
		snprintf(def, sizeof(def), "%.*s",
		    (int)strcspn(c->formats, ","), c->formats);
		c->format = def;
	}
	if (i18n_init(c->lang) != 0)
		cli_usage_error(c, "unknown language '%s' (zh, en)", c->lang);
	if (c->rejects && !c->keep_going)
		cli_usage_error(c, "--rejects goes with --keep-going");
	if (c->excel && !cli_format_is(c, "csv"))
		cli_usage_error(c, "--excel goes with --format csv");
	c->nfiles = argc - optind;
	c->files = argv + optind;
	if (c->nfiles == 0) {
		c->nfiles = 1;
		c->files = stdin_name;
	}
	check_file_names(c);
}

int
cli_format_is(const struct cli *c, const char *fmt)
{
	return strcmp(c->format, fmt) == 0;
}

/*
 * Writes S with each control character as \xNN: a message quotes names
 * and values from the input, and one of them must not move the cursor,
 * clear the terminal or start a line of its own.
 */
static void
put_visible(const char *s, FILE *out)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\x%02x", *p);
		else
			putc(*p, out);
}

static void
print_error(struct cli *c, const struct ae_error *err)
{
	fprintf(stderr, "%s: ", c->prog);
	if (err->source[0]) {
		put_visible(err->source, stderr);
		if (err->line > 0)
			fprintf(stderr, ":%ld", err->line);
		if (err->line > 0 && err->column > 0)
			fprintf(stderr, ":%ld", err->column);
		fputs(": ", stderr);
	}
	if (err->field[0]) {
		fputs("field '", stderr);
		put_visible(err->field, stderr);
		fputs("': ", stderr);
	}
	put_visible(err->text, stderr);
	putc('\n', stderr);
}

void
cli_warn(struct cli *c, const struct ae_error *err)
{
	print_error(c, err);
}

void
cli_die(struct cli *c, const struct ae_error *err)
{
	print_error(c, err);
	current = c;
	/* What --keep-going set aside so far is kept: the input is intact. */
	finish_rejects(c);
	remove_partial_output();
	c->out = NULL;
	exit(err->code ? err->code : AE_EDATA);
}

void
cli_fatal(struct cli *c, int code, const char *fmt, ...)
{
	struct ae_error err;
	va_list ap;

	ae_error_clear(&err);
	va_start(ap, fmt);
	ae_error_vset(&err, code, fmt, ap);
	va_end(ap);
	cli_die(c, &err);
}

void
cli_no_record(struct cli *c, const char *path, const char *what)
{
	if (path == NULL)
		path = c->files[c->nfiles - 1];
	cli_fatal(c, AE_EDATA, "%s: no %s record in the input",
	    strcmp(path, "-") == 0 ? "<stdin>" : path, what);
}

void
cli_finding(void *ctx, const struct finding *f)
{
	struct cli *c = ctx;
	FILE *out = stdout;

	fprintf(out, "%s: ", c->prog);
	put_visible(f->source, out);
	if (f->line > 0)
		fprintf(out, ":%ld", f->line);
	fprintf(out, ": %s: ", f->rule);
	put_visible(f->detail, out);
	putc('\n', out);
	c->violations++;
	cli_set_status(c, AE_VIOLATION);
}

void
cli_findings(struct cli *c, struct finding_sink *s)
{
	finding_sink_init(s, cli_finding, c);
}

/*
 * An error about field F of R, placed at R, is placed at F's own line
 * inside a pretty-printed document, where the tools and recs --check
 * both report it.
 */
static long
field_line(const struct ae_error *err, const struct record *r)
{
	long line;

	if (r == NULL || r->pos == NULL || err->field[0] == '\0' ||
	    err->column != 0 || err->line != r->line ||
	    strcmp(err->source, r->source) != 0)
		return err->line;
	line = finding_path_line(r->pos, r->object, err->field);
	return line > 0 ? line : err->line;
}

void
cli_problem(struct cli *c, const struct record *r, const char *rule,
    const struct ae_error *err)
{
	long line = field_line(err, r);

	/* A finding reads in the --lang language; bad data, like every
	 * error, in English. */
	if (err->field[0])
		cli_violation(c, err->source, line, rule,
		    schema_bad_data(rule) ? "field '%s': %s" :
					    _("field '%s': %s"),
		    err->field, err->text);
	else
		cli_violation(c, err->source, line, rule, "%s", err->text);
}

const char *
cli_memo_from(struct cli *c, const char *arg)
{
	struct ae_error bad;

	ae_error_clear(&bad);
	if (memo_header_safe(arg, "from", &bad) != 0)
		cli_usage_error(c, "--from: %s", bad.text);
	return arg;
}

struct schema_findings {
	struct cli *c;
	const struct record *r;
};

static void
report_schema_problem(const char *rule, const struct ae_error *err, void *ctx)
{
	struct schema_findings *sf = ctx;

	cli_problem(sf->c, sf->r, rule, err);
}

int
cli_schema_findings(struct cli *c, const struct record *r, const char *type)
{
	struct schema_findings sf = { c, r };

	return schema_check(r, type, c->currency, report_schema_problem, &sf);
}

void
cli_violation(struct cli *c, const char *source, long line, const char *rule,
    const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct finding f = { source, line, rule, NULL };
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	f.detail = sb.buf;
	cli_finding(c, &f);
	strbuf_release(&sb);
}

void
cli_set_status(struct cli *c, int code)
{
	if (code > c->status)
		c->status = code;
}

/* -o may not name an input unless the tool updates it in place. */
static void
check_output_not_input(struct cli *c)
{
	int i;

	if (c->in_place)
		return;
	for (i = 0; i < c->nfiles; i++)
		if (same_file(c->output, c->files[i]))
			cli_usage_error(c, "-o '%s' names an input file",
			    c->output);
}

static void
open_output(struct cli *c, const char *path, unsigned flags)
{
	struct ae_error err;

	if (path)
		check_output_not_input(c);
	ae_error_clear(&err);
	if (outfile_open(&c->of, path, flags, &err) != 0)
		cli_die(c, &err);
	c->out = c->of.fp;
}

static int
to_stdout(const struct cli *c)
{
	return c->output == NULL || strcmp(c->output, "-") == 0;
}

FILE *
cli_output(struct cli *c)
{
	static char buf[1 << 16];

	if (c->out)
		return c->out;
	if (!to_stdout(c)) {
		open_output(c, c->output, 0);
	} else {
		c->out = stdout;
		setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	}
	return c->out;
}

const char *
cli_output_path(struct cli *c)
{
	if (c->of.name)
		return c->of.name;
	open_output(c, to_stdout(c) ? NULL : c->output, OUTFILE_NAMED);
	return c->of.name;
}

void
cli_lock(struct cli *c, const char *path)
{
	struct ae_error err;

	if (c->lock.fd >= 0)
		return;
	ae_error_clear(&err);
	if (file_lock(&c->lock, path, &err) != 0)
		cli_die(c, &err);
}

static void
finish_rejects(struct cli *c)
{
	struct ae_error err;

	ae_error_clear(&err);
	c->rejects_fp = NULL;
	if (c->rejects_of.fp && outfile_commit(&c->rejects_of, &err) != 0)
		cli_die(c, &err);
}

int
cli_finish(struct cli *c)
{
	struct ae_error err;

	finish_rejects(c);
	if (c->out && c->out == c->of.fp)
		c->out = NULL;
	ae_error_clear(&err);
	if (c->of.name) {
		/* xlsx for stdout is copied there: flush what came first. */
		if (fflush(stdout) != 0)
			cli_fatal(c, AE_EIO,
			    "cannot write to standard "
			    "output: %s",
			    strerror(errno));
		if (outfile_commit(&c->of, &err) != 0)
			cli_die(c, &err);
	}
	file_unlock(&c->lock);
	if (fflush(stdout) != 0 || ferror(stdout))
		cli_fatal(c, AE_EIO, "cannot write to standard output: %s",
		    strerror(errno));
	/* C may live on main()'s stack, gone by the time atexit runs. */
	current = NULL;
	return c->status;
}

/*
 * A record the reader refuses, as a finding at the place and field the
 * tools name when they refuse it: FILE:LINE[:COL], field 'F'.
 */
static void
syntax_finding(struct cli *c, const struct ae_error *err)
{
	struct strbuf place = STRBUF_INIT;
	struct finding f = { NULL, 0, "syntax", NULL };
	struct strbuf detail = STRBUF_INIT;

	strbuf_addstr(&place, err->source);
	if (err->line > 0 && err->column > 0)
		strbuf_addf(&place, ":%ld:%ld", err->line, err->column);
	else
		f.line = err->line;
	if (err->field[0])
		strbuf_addf(&detail, "field '%s': ", err->field);
	strbuf_addstr(&detail, err->text);
	f.source = place.buf;
	f.detail = detail.buf;
	cli_finding(c, &f);
	strbuf_release(&place);
	strbuf_release(&detail);
}

static void
write_reject(struct cli *c, const struct reader *rd)
{
	const char *raw, *head;
	size_t len, hlen;

	if (c->rejects == NULL)
		return;
	if (c->rejects_fp == NULL) {
		struct ae_error err;
		ae_error_clear(&err);
		if (outfile_open(&c->rejects_of, c->rejects, 0, &err) != 0)
			cli_die(c, &err);
		c->rejects_fp = c->rejects_of.fp;
	}
	head = reader_raw_header(rd, &hlen);
	if (head && c->rejects_source != (const char *)rd) {
		fwrite(head, 1, hlen, c->rejects_fp);
		c->rejects_source = (const char *)rd;
	}
	raw = reader_raw(rd, &len);
	fwrite(raw, 1, len, c->rejects_fp);
	if (len > 0 && raw[len - 1] != '\n')
		putc('\n', c->rejects_fp);
}

void
cli_each_record_in(struct cli *c, const char *path, cli_record_fn fn)
{
	struct ae_error err;
	const struct record *r;
	struct reader *rd;
	int rc;

	ae_error_clear(&err);
	if ((rd = reader_open(path, &c->input, &err)) == NULL) {
		if (err.code == AE_EUSAGE)
			cli_usage_error(c, "%s", err.text);
		cli_die(c, &err);
	}
	for (;;) {
		ae_error_clear(&err);
		rc = reader_next(rd, &r, &err);
		if (rc == 0)
			break;
		if (rc > 0) {
			rc = fn(c, r, &err);
			if (rc > 0)
				break;
			if (rc == 0)
				continue;
			ae_error_at(&err, r->source, r->line, 0);
			err.line = field_line(&err, r);
		}
		if (c->bad_is_violation && err.code == AE_EDATA) {
			syntax_finding(c, &err);
			cli_set_status(c, AE_EDATA);
			if (!reader_can_go_on(rd))
				break;
			continue;
		}
		if (!c->keep_going || !reader_can_go_on(rd) ||
		    err.code != AE_EDATA) {
			if (c->keep_going && err.code == AE_EDATA)
				write_reject(c, rd);
			reader_close(rd);
			cli_die(c, &err);
		}
		cli_warn(c, &err);
		write_reject(c, rd);
		cli_set_status(c, AE_EDATA);
	}
	reader_close(rd);
	/* The rejects file names the reader by address: forget it. */
	c->rejects_source = NULL;
}

void
cli_each_record(struct cli *c, cli_record_fn fn)
{
	int i;

	for (i = 0; i < c->nfiles; i++)
		cli_each_record_in(c, c->files[i], fn);
}
