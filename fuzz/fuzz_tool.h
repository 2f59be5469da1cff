/*
 * Shared by the tool fuzz targets: a fuzz input becomes one or more input
 * files (split at "\n--\n", each a memfd with a path under /proc/self/fd),
 * its first two bytes pick the tool's options (bits 0-12), the language
 * (bit 13) and the input's encoding or format (bits 14-15), and every record is read as the
 * tools read them (--keep-going: a bad record is skipped and the rest go
 * on).  Documents are rendered through the built-in templates, as the
 * tools do, into memory.  A message that leaks an internal flag name or
 * that has no text is a finding too.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "date.h"
#include "error.h"
#include "finding.h"
#include "i18n.h"
#include "mustache.h"
#include "reader.h"
#include "strbuf.h"
#include "template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX_FILES	4
#define FUZZ_MAX_RECORDS 20000

struct fuzz_in {
	unsigned flags;			/* the first two bytes */
	int n;
	int fd[FUZZ_MAX_FILES];
	char path[FUZZ_MAX_FILES][64];
};

/* The input being run, for fuzz_check_error(). */
static const uint8_t *fuzz_data;
static size_t fuzz_size;

/* Whether WORD is in the message and not taken from the input. */
static inline int
fuzz_leaks(const char *text, const char *word)
{
	return strstr(text, word) != NULL && (fuzz_data == NULL ||
	    memmem(fuzz_data, fuzz_size, word, strlen(word)) == NULL);
}

/* An error must say something, and never in jansson's own words. */
static inline void
fuzz_check_error(const struct ae_error *err)
{
	if (err->text[0] == '\0' || fuzz_leaks(err->text, "JSON_ALLOW") ||
	    fuzz_leaks(err->text, "JSON_DECODE"))
		__builtin_trap();
}

static inline int
fuzz_memfd(const void *data, size_t size)
{
	int fd = memfd_create("fuzz", 0);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		__builtin_trap();
	lseek(fd, 0, SEEK_SET);
	return fd;
}

/* The parts of DATA after its first two bytes, at most FUZZ_MAX_FILES. */
static inline void
fuzz_in_open(struct fuzz_in *in, const uint8_t *data, size_t size)
{
	static const char sep[] = "\n--\n";
	const uint8_t *p, *end, *next;

	memset(in, 0, sizeof(*in));
	fuzz_data = data;
	fuzz_size = size;
	in->flags = size >= 2 ? (unsigned)data[0] | (unsigned)data[1] << 8 : 0;
	p = size >= 2 ? data + 2 : data;
	end = data + size;
	while (in->n < FUZZ_MAX_FILES) {
		next = in->n + 1 < FUZZ_MAX_FILES ?
		    memmem(p, (size_t)(end - p), sep, 4) : NULL;
		in->fd[in->n] = fuzz_memfd(p, (size_t)((next ? next : end) -
		    p));
		snprintf(in->path[in->n], sizeof(in->path[0]),
		    "/proc/self/fd/%d", in->fd[in->n]);
		in->n++;
		if (next == NULL)
			break;
		p = next + sizeof(sep) - 1;
	}
}

/* Part I's path, or NULL when the input has fewer parts. */
static inline const char *
fuzz_in_path(const struct fuzz_in *in, int i)
{
	if (i >= in->n)
		return NULL;
	lseek(in->fd[i], 0, SEEK_SET);
	return in->path[i];
}

static inline void
fuzz_in_close(struct fuzz_in *in)
{
	int i;

	for (i = 0; i < in->n; i++)
		close(in->fd[i]);
	in->n = 0;
}

typedef int (*fuzz_record_fn)(const struct record *r, void *ctx,
    struct ae_error *err);

/*
 * Calls FN with each record of PATH, as cli_each_record_in() with
 * --keep-going does.  Returns the number of records FN accepted.
 */
static inline long
fuzz_each_record(const char *path, const struct reader_options *ro,
    fuzz_record_fn fn, void *ctx)
{
	const struct record *r;
	struct ae_error err;
	struct reader *rd;
	long n, good = 0;
	int rc;

	ae_error_clear(&err);
	if (path == NULL || (rd = reader_open(path, ro, &err)) == NULL)
		return 0;
	for (n = 0; n < FUZZ_MAX_RECORDS; n++) {
		ae_error_clear(&err);
		rc = reader_next(rd, &r, &err);
		if (rc == 0)
			break;
		if (rc > 0) {
			if ((rc = fn(r, ctx, &err)) == 0) {
				good++;
				continue;
			}
			if (rc > 0)
				break;
		}
		fuzz_check_error(&err);
		if (!reader_can_go_on(rd) || err.code != AE_EDATA)
			break;
	}
	reader_close(rd);
	return good;
}

/*
 * Opens the input and sets the language: bit 13 of the flags Chinese,
 * bits 14-15 --encoding gb18030 (2) or --input-format json (3).
 */
static inline struct reader_options
fuzz_start(struct fuzz_in *in, const uint8_t *data, size_t size)
{
	static const char *const enc[] = { NULL, NULL, "gb18030", NULL };
	static int lang = -1;
	struct reader_options ro;
	int zh;

	fuzz_in_open(in, data, size);
	zh = (in->flags >> 13) & 1;
	if (lang != zh)
		i18n_init(zh ? "zh" : "en");
	lang = zh;
	ro.format = (in->flags >> 14) == 3 ? INPUT_JSON : INPUT_AUTO;
	ro.encoding = enc[in->flags >> 14];
	return ro;
}

static inline const char *
fuzz_builtin_partial(const char *name, void *ctx, const char **source)
{
	char key[128];

	snprintf(key, sizeof(key), "%s.%s", (const char *)ctx, name);
	*source = NULL;
	return template_builtin(key);
}

/* Renders CONTEXT through TOOL's built-in FORMAT template. */
static inline void
fuzz_render(const char *tool, const char *format, json_t *context)
{
	struct mustache_options opts = { 0 };
	struct strbuf out = STRBUF_INIT;
	struct ae_error err;
	const char *tpl;
	char name[128];

	snprintf(name, sizeof(name), "%s.%s.%s", tool, i18n_lang(), format);
	if ((tpl = template_builtin(name)) == NULL)
		__builtin_trap();
	opts.no_escape = strcmp(format, "html") != 0;
	opts.markdown = strcmp(format, "md") == 0;
	opts.partial = fuzz_builtin_partial;
	opts.partial_ctx = (void *)tool;
	opts.source = name;
	opts.max_steps = 2000000;
	opts.max_output = 8 << 20;
	ae_error_clear(&err);
	if (mustache_render(tpl, strlen(tpl), context, &opts, &out, &err) != 0)
		fuzz_check_error(&err);
	strbuf_release(&out);
}

/* One of the document formats, by two bits. */
static inline const char *
fuzz_doc_format(unsigned bits, int html)
{
	static const char *const f[] = { "md", "text", "html", "md" };

	bits &= 3;
	return bits == 2 && !html ? "text" : f[bits];
}

/* A sink for what a tool prints. */
static inline FILE *
fuzz_sink(void)
{
	static FILE *f;

	if (f == NULL && (f = fopen("/dev/null", "w")) == NULL)
		__builtin_trap();
	return f;
}

/* A finding has a place, an ASCII rule and a detail. */
static inline void
fuzz_on_finding(void *ctx, const struct finding *f)
{
	const char *p;

	(void)ctx;
	for (p = f->rule; *p; p++)
		if ((unsigned char)*p >= 0x80)
			__builtin_trap();
	if (f->source == NULL || f->line < 0 || f->rule[0] == '\0' ||
	    f->detail == NULL || f->detail[0] == '\0')
		__builtin_trap();
}

/* A sink checking every finding, at the start of the input at first. */
static inline struct finding_sink
fuzz_findings(void)
{
	struct finding_sink fs;

	finding_sink_init(&fs, fuzz_on_finding, NULL);
	finding_sink_place(&fs, "fuzz", 1, NULL);
	return fs;
}

/* The as-of day of every run: the close of a month, a fixed day. */
static inline int32_t
fuzz_as_of(void)
{
	return date_from_ymd(2026, 11, 25);
}
