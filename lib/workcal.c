#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "field.h"
#include "reftable.h"
#include "schema.h"
#include "strbuf.h"
#include "workcal.h"

#ifndef AEKIT_DATADIR
#define AEKIT_DATADIR "/usr/local/share/aekit"
#endif

struct workcal_day {
	int32_t day;
	int kind;
	long line;     /* where a holiday record gave it; 0 when none did */
	size_t source; /* that record's file, an index into sources */
};

struct workcal {
	struct workcal_day *days; /* sorted by day */
	size_t n, cap;
	char **sources; /* the files holiday records came from */
	size_t nsources;
};

struct workcal *
workcal_new(void)
{
	return xcalloc(1, sizeof(struct workcal));
}

void
workcal_free(struct workcal *wc)
{
	if (wc == NULL)
		return;
	while (wc->nsources > 0)
		free(wc->sources[--wc->nsources]);
	free(wc->sources);
	free(wc->days);
	free(wc);
}

static const struct workcal_day *
find(const struct workcal *wc, int32_t day, size_t *at)
{
	size_t lo = 0, hi = wc ? wc->n : 0, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (wc->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (at)
		*at = lo;
	return wc && lo < wc->n && wc->days[lo].day == day ? &wc->days[lo] :
							     NULL;
}

int
workcal_add(struct workcal *wc, int32_t day, enum workcal_kind kind,
    struct ae_error *err)
{
	size_t at;
	char buf[DATE_BUFSIZE];

	if (find(wc, day, &at) != NULL) {
		date_format(day, buf);
		return ae_error_set(err, AE_EDATA, "'%s' is listed twice", buf);
	}
	if (wc->n == wc->cap) {
		wc->cap = wc->cap * 2 + 32;
		wc->days = xrealloc(wc->days, wc->cap * sizeof(*wc->days));
	}
	memmove(wc->days + at + 1, wc->days + at,
	    (wc->n - at) * sizeof(*wc->days));
	wc->days[at].day = day;
	wc->days[at].kind = kind;
	wc->days[at].line = 0;
	wc->days[at].source = 0;
	wc->n++;
	return 0;
}

/* Remembers that R gave DAY, for the message when a record gives it again. */
static void
note_place(struct workcal *wc, int32_t day, const struct record *r)
{
	struct workcal_day *d = (struct workcal_day *)find(wc, day, NULL);

	if (wc->nsources == 0 ||
	    strcmp(wc->sources[wc->nsources - 1], r->source) != 0) {
		wc->sources = xrealloc(wc->sources,
		    (wc->nsources + 1) * sizeof(*wc->sources));
		wc->sources[wc->nsources++] = xstrdup(r->source);
	}
	d->source = wc->nsources - 1;
	d->line = r->line;
}

int
workcal_add_record(struct workcal *wc, const struct record *r,
    struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const struct workcal_day *seen;
	const char *kind;
	int32_t day;
	int rc, k;

	if ((rc = field_date(r, "date", &day, err)) <= 0) {
		if (rc == 0)
			ae_error_set(err, AE_EDATA,
			    "required field is missing");
		return field_error(r, "date", err);
	}
	kind = record_value(r, "kind", buf);
	if (kind == NULL || strcmp(kind, "holiday") == 0)
		k = WORKCAL_HOLIDAY;
	else if (strcmp(kind, "workday") == 0)
		k = WORKCAL_WORKDAY;
	else {
		schema_enum_check("holiday", "kind", kind, err);
		return field_error(r, "kind", err);
	}
	if ((seen = find(wc, day, NULL)) != NULL && seen->line > 0)
		return schema_duplicate(r, "holiday", wc->sources[seen->source],
		    seen->line, err);
	if (workcal_add(wc, day, k, err) != 0)
		return field_error(r, "date", err);
	note_place(wc, day, r);
	return 0;
}

static int
add_record(const struct record *r, void *ctx, struct ae_error *err)
{
	return workcal_add_record(ctx, r, err);
}

int
workcal_load(struct workcal *wc, const char *path,
    const struct reader_options *opts, struct ae_error *err)
{
	return reftable_load(path, opts, "holiday", NULL, add_record, wc, err);
}

int
workcal_copy(struct workcal *dst, const struct workcal *src)
{
	size_t i;
	struct ae_error err;

	for (i = 0; src && i < src->n; i++)
		if (workcal_add(dst, src->days[i].day, src->days[i].kind,
			&err) != 0)
			return -1;
	return 0;
}

size_t
workcal_size(const struct workcal *wc)
{
	return wc ? wc->n : 0;
}

int
workcal_covers_year(const struct workcal *wc, int year)
{
	size_t i;
	int y, m, d;

	for (i = 0; wc && i < wc->n; i++) {
		date_to_ymd(wc->days[i].day, &y, &m, &d);
		if (y == year)
			return 1;
	}
	return 0;
}

/* DIR/../share/aekit/holidays.csv beside the running binary, if there. */
static int
beside_binary(char *buf, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;
	struct stat st;

	if (n <= 0)
		return 0;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return 0;
	*slash = '\0';
	if ((size_t)snprintf(buf, size, "%s/../share/aekit/holidays.csv",
		exe) >= size)
		return 0;
	return stat(buf, &st) == 0;
}

const char *
workcal_default_path(char *buf, size_t size)
{
	struct stat st;
	const char *env = getenv("AEKIT_HOLIDAYS");

	if (env != NULL)
		return *env ? env : NULL;
	if (beside_binary(buf, size))
		return buf;
	if ((size_t)snprintf(buf, size, "%s/holidays.csv", AEKIT_DATADIR) >=
		size ||
	    stat(buf, &st) != 0)
		return NULL;
	return buf;
}

int
workcal_is_workday(const struct workcal *wc, int32_t day)
{
	const struct workcal_day *d = find(wc, day, NULL);

	if (d != NULL)
		return d->kind == WORKCAL_WORKDAY;
	return date_weekday(day) <= 5;
}

long
workcal_count(const struct workcal *wc, int32_t from, int32_t to)
{
	long n = 0;
	int32_t d;

	for (d = from; d <= to; d++)
		n += workcal_is_workday(wc, d);
	return n;
}
