#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "brief.h"
#include "date.h"
#include "field.h"
#include "i18n.h"
#include "jobcard.h"
#include "jsontext.h"
#include "money.h"
#include "outfile.h"
#include "schema.h"
#include "strbuf.h"
#include "writer.h"

/* ---- records from files and folders -------------------------------- */

static int
load_file(struct jobcard_set *s, const char *path,
    const struct reader_options *opts, struct ae_error *err)
{
	struct reader *rd = reader_open(path, opts, err);
	const struct record *r;
	int rc;

	if (rd == NULL)
		return -1;
	while ((rc = reader_next(rd, &r, err)) > 0) {
		if (s->n == s->cap) {
			s->cap = s->cap * 2 + 16;
			s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
		}
		s->v[s->n].obj = record_to_json(r);
		s->v[s->n].source = xstrdup(r->source);
		s->v[s->n].line = r->line;
		s->n++;
	}
	s->json = reader_is_json(rd);
	reader_close(rd);
	return rc < 0 ? -1 : 0;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
wanted_file(const char *name)
{
	size_t n = strlen(name);

	if (name[0] == '.')
		return 0;
	return (n > 5 && strcmp(name + n - 5, ".json") == 0) ||
	    (n > 6 && strcmp(name + n - 6, ".jsonl") == 0) ||
	    (n > 4 && strcmp(name + n - 4, ".csv") == 0);
}

int
jobcard_set_load(struct jobcard_set *s, const char *path,
    const struct reader_options *opts, struct ae_error *err)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 ||
	    !S_ISDIR(st.st_mode))
		return load_file(s, path, opts, err);
	if ((d = opendir(path)) == NULL) {
		ae_error_set(err, AE_ENOINPUT, "cannot open: %s",
		    strerror(errno));
		ae_error_at(err, path, 0, 0);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (!wanted_file(de->d_name))
			continue;
		if (n == cap) {
			cap = cap * 2 + 16;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n] = xmalloc(strlen(path) + strlen(de->d_name) + 2);
		sprintf(names[n], "%s/%s", path, de->d_name);
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n; i++) {
		if (rc == 0 && load_file(s, names[i], opts, err) != 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

void
jobcard_set_release(struct jobcard_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		json_decref(s->v[i].obj);
		free(s->v[i].source);
	}
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

int
jobcard_rec_error(const struct jobcard_rec *r, const char *field,
    struct ae_error *err)
{
	if (field)
		ae_error_field(err, field);
	ae_error_at(err, r->source, r->line, 0);
	return -1;
}

/* ---- job numbers ---------------------------------------------------- */

/* The token at P ("{yyyy}" …): its kind and length; seq width in *W. */
enum tok {
	TOK_TEXT,
	TOK_YYYY,
	TOK_YY,
	TOK_CLIENT,
	TOK_SEQ,
	TOK_BAD
};

static enum tok
token(const char *p, size_t *len, int *w)
{
	*w = 0;
	if (*p != '{') {
		*len = 1;
		return TOK_TEXT;
	}
	if (strncmp(p, "{yyyy}", 6) == 0)
		return *len = 6, TOK_YYYY;
	if (strncmp(p, "{yy}", 4) == 0)
		return *len = 4, TOK_YY;
	if (strncmp(p, "{client}", 8) == 0)
		return *len = 8, TOK_CLIENT;
	if (strncmp(p, "{seq}", 5) == 0)
		return *len = 5, TOK_SEQ;
	if (strncmp(p, "{seq:", 5) == 0 && p[5] >= '1' && p[5] <= '9' &&
	    p[6] == '}') {
		*w = p[5] - '0';
		return *len = 7, TOK_SEQ;
	}
	*len = strcspn(p, "}") + (p[strcspn(p, "}")] == '}');
	return TOK_BAD;
}

int
jobcard_pattern_check(const char *pattern, int *uses_client,
    struct ae_error *err)
{
	const char *p;
	size_t len;
	int w, seqs = 0;
	enum tok t;

	*uses_client = 0;
	for (p = pattern; *p; p += len) {
		t = token(p, &len, &w);
		if (t == TOK_BAD)
			return ae_error_set(err, AE_EUSAGE,
			    "unknown field "
			    "'%.*s' (yyyy, yy, client, seq, seq:N)",
			    (int)len, p);
		if (t == TOK_TEXT && *p == '}')
			return ae_error_set(err, AE_EUSAGE, "'}' without '{'");
		seqs += t == TOK_SEQ;
		*uses_client |= t == TOK_CLIENT;
	}
	if (seqs != 1)
		return ae_error_set(err, AE_EUSAGE,
		    "the pattern needs one "
		    "{seq} or {seq:N}, it has %d",
		    seqs);
	return 0;
}

void
jobcard_client_code(const char *client, char *buf)
{
	const unsigned char *p = (const unsigned char *)client;
	size_t n = 0, words = 0, i;
	char first[16];
	uint32_t h = 2166136261u;
	int inword = 0;

	for (i = 0; p[i]; i++) {
		int an = (p[i] >= 'A' && p[i] <= 'Z') ||
		    (p[i] >= 'a' && p[i] <= 'z') ||
		    (p[i] >= '0' && p[i] <= '9');
		if (an && !inword && n < 8) {
			buf[n++] =
			    (char)(p[i] >= 'a' && p[i] <= 'z' ? p[i] - 32 :
								p[i]);
			words++;
		}
		inword = an;
		h = (h ^ p[i]) * 16777619u;
	}
	if (words == 1) {
		/* One word: its first three letters. */
		size_t k = 0;
		for (i = 0; p[i] && k < 3; i++) {
			int an = (p[i] >= 'A' && p[i] <= 'Z') ||
			    (p[i] >= 'a' && p[i] <= 'z') ||
			    (p[i] >= '0' && p[i] <= '9');
			if (an)
				first[k++] = (char)(p[i] >= 'a' && p[i] <= 'z' ?
					p[i] - 32 :
					p[i]);
			else if (k > 0)
				break;
		}
		memcpy(buf, first, k);
		n = k;
	}
	if (words == 0) {
		snprintf(buf, 16, "C%04X",
		    (unsigned)((h >> 16) ^ (h & 0xFFFF)));
		return;
	}
	buf[n] = '\0';
}

/* Whether S matches PATTERN; *SEQ is the sequence it holds. */
static int
match(const char *pattern, const char *yyyy, const char *code, const char *s,
    long *seq)
{
	const char *p = pattern, *lit;
	size_t len, k;
	int w;
	long v;

	while (*p) {
		lit = NULL;
		switch (token(p, &len, &w)) {
		case TOK_TEXT:
			if (*s != *p)
				return 0;
			s++;
			break;
		case TOK_YYYY:
			lit = yyyy;
			break;
		case TOK_YY:
			lit = yyyy + 2;
			break;
		case TOK_CLIENT:
			lit = code;
			break;
		case TOK_SEQ:
			for (k = 0, v = 0; s[k] >= '0' && s[k] <= '9'; k++) {
				if (v > 99999999)
					return 0;
				v = v * 10 + (s[k] - '0');
			}
			if (k == 0 || (w > 0 && k < (size_t)w))
				return 0;
			*seq = v;
			s += k;
			break;
		case TOK_BAD:
			return 0;
		}
		if (lit) {
			k = strlen(lit);
			if (strncmp(s, lit, k) != 0)
				return 0;
			s += k;
		}
		p += len;
	}
	return *s == '\0';
}

static void
expand(const char *pattern, const char *yyyy, const char *code, long seq,
    struct strbuf *out)
{
	const char *p;
	size_t len;
	int w;

	strbuf_reset(out);
	for (p = pattern; *p; p += len) {
		switch (token(p, &len, &w)) {
		case TOK_TEXT:
			strbuf_addch(out, *p);
			break;
		case TOK_YYYY:
			strbuf_addstr(out, yyyy);
			break;
		case TOK_YY:
			strbuf_addstr(out, yyyy + 2);
			break;
		case TOK_CLIENT:
			strbuf_addstr(out, code);
			break;
		case TOK_SEQ:
			strbuf_addf(out, "%0*ld", w, seq);
			break;
		case TOK_BAD:
			break;
		}
	}
}

int
jobcard_next_number(const char *pattern, int year, const char *code,
    const char *const *existing, size_t n, char *out, size_t size,
    struct ae_error *err)
{
	char yyyy[8];
	long seq = 0, max = 0;
	size_t i;
	struct strbuf sb = STRBUF_INIT;
	int taken;

	snprintf(yyyy, sizeof(yyyy), "%04d", year);
	for (i = 0; i < n; i++)
		if (match(pattern, yyyy, code ? code : "", existing[i], &seq) &&
		    seq > max)
			max = seq;
	do {
		if (max >= 999999999) {
			strbuf_release(&sb);
			return ae_error_set(err, AE_EDATA,
			    "job numbers of "
			    "'%s' are used up",
			    pattern);
		}
		expand(pattern, yyyy, code ? code : "", ++max, &sb);
		taken = 0;
		for (i = 0; i < n && !taken; i++)
			taken = strcmp(existing[i], sb.buf) == 0;
	} while (taken);
	if (sb.len >= size) {
		strbuf_release(&sb);
		return ae_error_set(err, AE_EUSAGE, "job number too long");
	}
	memcpy(out, sb.buf, sb.len + 1);
	strbuf_release(&sb);
	return 0;
}

/* ---- the brief's approval ------------------------------------------- */

static json_t *
approval(json_t *brief, const char *who)
{
	json_t *a = json_object_get(brief, "approvals");

	return json_is_object(a) ? json_object_get(a, who) : NULL;
}

int
jobcard_brief_approved(json_t *brief, int32_t as_of, const char **name,
    int32_t *day, struct ae_error *why)
{
	json_t *a = approval(brief, "account");
	char buf[JSONTEXT_BUFSIZE], dbuf[JSONTEXT_BUFSIZE];
	const char *date;

	if (a == NULL)
		return ae_error_set(why, AE_VIOLATION, "%s",
			   _("the brief has "
			     "no account lead's approval (approvals.account)")) +
		    1;
	if (!json_is_object(a) ||
	    (*name = field_text(a, "name", buf)) == NULL ||
	    !json_is_string(json_object_get(a, "name")))
		return ae_error_set(why, AE_VIOLATION, "%s",
			   _("the account "
			     "lead's approval has no name (approvals.account.name)")) +
		    1;
	*name = json_string_value(json_object_get(a, "name"));
	if ((date = field_text(a, "date", dbuf)) == NULL)
		return ae_error_set(why, AE_VIOLATION, "%s",
			   _("the account "
			     "lead's approval has no date (approvals.account.date)")) +
		    1;
	if (date_parse(date, day, why) != 0) {
		ae_error_field(why, "approvals.account.date");
		return -1;
	}
	if (*day > as_of)
		return ae_error_set(why, AE_VIOLATION,
			   _("the account lead's "
			     "approval is dated %s, after the as-of date"),
			   date) +
		    1;
	return 1;
}

/* Whether paths A and B name one brief: the same text, or the same file. */
static int
same_brief(const char *a, const char *b)
{
	return strcmp(a, b) == 0 || same_file(a, b);
}

const struct jobcard_rec *
jobcard_brief_of(const struct jobcard_set *briefs,
    const struct jobcard_rec *job)
{
	char buf[JSONTEXT_BUFSIZE], pb[JSONTEXT_BUFSIZE];
	const char *number = field_text(job->obj, "job", buf);
	const char *path = field_text(job->obj, "brief", pb);
	size_t i;

	for (i = 0; path && briefs && i < briefs->n; i++)
		if (same_brief(path, briefs->v[i].source))
			return &briefs->v[i];
	return number ? jobcard_record_for(briefs, number) : NULL;
}

const struct jobcard_rec *
jobcard_job_of_brief(const struct jobcard_set *reg, const char *brief_path,
    json_t *brief)
{
	char buf[JSONTEXT_BUFSIZE], pb[JSONTEXT_BUFSIZE];
	const char *theirs = field_text(brief, "job", buf), *path;
	size_t i;

	for (i = 0; i < reg->n; i++) {
		path = field_text(reg->v[i].obj, "brief", pb);
		if (path && same_brief(path, brief_path))
			return &reg->v[i];
	}
	return theirs ? jobcard_record_for(reg, theirs) : NULL;
}

/* Whether the approved-brief rule applies: not to internal or closed jobs. */
static int
rule_applies(const struct jobcard_rec *job)
{
	char kb[JSONTEXT_BUFSIZE], sb[JSONTEXT_BUFSIZE];
	const char *kind = field_text(job->obj, "kind", kb);
	const char *status = field_text(job->obj, "status", sb);

	return !(kind && strcmp(kind, "internal") == 0) &&
	    !(status && strcmp(status, "closed") == 0) &&
	    field_text(job->obj, "closed", kb) == NULL;
}

int
jobcard_check_job(const struct jobcard_set *briefs,
    const struct jobcard_rec *job, int32_t as_of, struct finding_sink *fs)
{
	char buf[JSONTEXT_BUFSIZE], ob[JSONTEXT_BUFSIZE];
	const char *number = field_text(job->obj, "job", buf), *name, *opened;
	const struct jobcard_rec *b;
	struct ae_error inner;
	int32_t day, open_day;

	if (number == NULL || !rule_applies(job))
		return 0;
	if ((b = jobcard_brief_of(briefs, job)) == NULL) {
		finding_at(fs, job->source, job->line, "approved-brief",
		    _("job '%s' has no brief"), number);
		return 1;
	}
	ae_error_clear(&inner);
	if (jobcard_brief_approved(b->obj, as_of, &name, &day, &inner) <= 0) {
		finding_at(fs, job->source, job->line, "approved-brief",
		    _("job '%s': %s"), number, inner.text);
		return 1;
	}
	opened = field_text(job->obj, "opened", ob);
	if (opened == NULL || date_parse(opened, &open_day, NULL) != 0 ||
	    open_day >= day)
		return 0;
	finding_at(fs, job->source, job->line, "approved-brief",
	    _("job '%s' "
	      "was opened on %s, before the account lead approved the brief"),
	    number, opened);
	return 1;
}

static void
add_finding(void *ctx, const struct finding *f)
{
	struct strbuf *sb = ctx;

	if (sb->len > 0)
		strbuf_addstr(sb, "; ");
	strbuf_addf(sb, "%s: %s", f->rule, f->detail);
}

int
jobcard_brief_findings(const char *path, const struct reader_options *opts,
    int32_t as_of, struct strbuf *findings, struct ae_error *err)
{
	struct reader *rd = reader_open(path, opts, err);
	const struct record *r;
	struct finding_sink fs;
	int rc;

	if (rd == NULL)
		return -1;
	finding_sink_init(&fs, add_finding, findings);
	if ((rc = reader_next(rd, &r, err)) > 0) {
		finding_sink_record(&fs, r);
		rc = brief_check(r, as_of, &fs, err);
	}
	reader_close(rd);
	return rc;
}

const char *
jobcard_signoff(json_t *brief, const char *approver, char *buf)
{
	json_t *a = approval(brief, approver);
	char nb[JSONTEXT_BUFSIZE], db[JSONTEXT_BUFSIZE];
	const char *date;
	int32_t day;

	if (!json_is_object(a) || field_text(a, "name", nb) == NULL ||
	    (date = field_text(a, "date", db)) == NULL ||
	    date_parse(date, &day, NULL) != 0)
		return NULL;
	date_format(day, buf);
	return buf;
}

/* ---- writing records ------------------------------------------------ */

int
jobcard_put_records(FILE *out, json_t *const *recs, size_t n, int json,
    int flags, struct ae_error *err)
{
	struct rec_writer *w =
	    rec_writer_new(out, json ? RECORD_JSON : RECORD_CSV, flags);
	const char **names = NULL;
	size_t nn = 0, cap = 0, i, j;
	const char *key;
	json_t *v;
	int rc = 0;

	if (!json) {
		for (i = 0; i < n; i++) {
			json_object_foreach(recs[i], key, v)
			{
				for (j = 0; j < nn; j++)
					if (strcmp(names[j], key) == 0)
						break;
				if (j < nn)
					continue;
				if (nn + 2 > cap) {
					cap = cap * 2 + 16;
					names = xrealloc(names,
					    cap * sizeof(*names));
				}
				names[nn++] = key;
			}
		}
		if (names) {
			names[nn] = NULL;
			rec_writer_set_header(w, names);
		}
	}
	for (i = 0; i < n && rc == 0; i++)
		rc = rec_writer_put_json(w, recs[i], err);
	rec_writer_free(w);
	free(names);
	return rc;
}

int
jobcard_write_records(const char *path, json_t *const *recs, size_t n, int json,
    struct ae_error *err)
{
	struct outfile o;

	if (outfile_open(&o, path, 0, err) != 0)
		return -1;
	if (jobcard_put_records(o.fp, recs, n, json, 0, err) != 0) {
		outfile_abort(&o);
		return -1;
	}
	return outfile_commit(&o, err);
}

int
jobcard_set_write(const char *path, const struct jobcard_set *s, json_t *extra,
    int json, struct ae_error *err)
{
	json_t **all = xcalloc(s->n + 1, sizeof(*all));
	size_t i;
	int rc;

	for (i = 0; i < s->n; i++)
		all[i] = s->v[i].obj;
	if (extra)
		all[s->n] = extra;
	rc =
	    jobcard_write_records(path, all, s->n + (extra != NULL), json, err);
	free(all);
	return rc;
}

/* ---- the register ----------------------------------------------------- */

const char *
jobcard_register_code(const struct jobcard_set *reg, const char *client,
    char *buf)
{
	char cb[JSONTEXT_BUFSIZE];
	const char *cl, *code;
	size_t i;

	for (i = 0; i < reg->n; i++) {
		cl = field_text(reg->v[i].obj, "client", cb);
		if (cl && strcmp(cl, client) == 0 &&
		    (code = field_text(reg->v[i].obj, "client_code", buf)) !=
			NULL)
			return code;
	}
	jobcard_client_code(client, buf);
	return buf;
}

int
jobcard_register_next(const struct jobcard_set *reg, const char *pattern,
    int year, const char *code, char *out, size_t size, struct ae_error *err)
{
	const char **numbers = xcalloc(reg->n + 1, sizeof(*numbers));
	size_t i;
	int rc;

	for (i = 0; i < reg->n; i++) {
		numbers[i] =
		    json_string_value(json_object_get(reg->v[i].obj, "job"));
		if (numbers[i] == NULL) {
			free(numbers);
			ae_error_set(err, AE_EDATA,
			    "required field is missing");
			return jobcard_rec_error(&reg->v[i], "job", err);
		}
	}
	rc = jobcard_next_number(pattern, year, code, numbers, reg->n, out,
	    size, err);
	free(numbers);
	return rc;
}

json_t *
jobcard_job_new(const char *number, const char *client, const char *title,
    int32_t day, json_t *brief, const char *brief_path, const char *code)
{
	json_t *job = json_object();
	char db[DATE_BUFSIZE], buf[JSONTEXT_BUFSIZE];
	const char *brand = field_text(brief, "brand", buf);

	date_format(day, db);
	json_object_set_new(job, "job", json_string(number));
	json_object_set_new(job, "client", json_string(client));
	json_object_set_new(job, "title", json_string(title));
	json_object_set_new(job, "opened", json_string(db));
	json_object_set_new(job, "status", json_string("open"));
	if (brand)
		json_object_set_new(job, "brand", json_string(brand));
	json_object_set_new(job, "brief", json_string(brief_path));
	if (code)
		json_object_set_new(job, "client_code", json_string(code));
	return job;
}

void
jobcard_job_close(json_t *job, int32_t day)
{
	char db[DATE_BUFSIZE];

	date_format(day, db);
	json_object_set_new(job, "status", json_string("closed"));
	json_object_set_new(job, "closed", json_string(db));
}

/* ---- money of linked records --------------------------------------- */

int
jobcard_money(const struct jobcard_rec *r, const char *name,
    const char *def_currency, char *currency, int64_t *v, struct ae_error *err)
{
	struct record rec = field_object(r->obj, r->source, r->line);
	char buf[JSONTEXT_BUFSIZE], cur[8];
	int digits;

	*v = 0;
	if (field_currency(&rec, def_currency, cur, &digits, err) < 0)
		return -1;
	if (record_value(&rec, name, buf) == NULL)
		return 0;
	if (currency[0] == '\0') {
		snprintf(currency, 8, "%s", cur);
	} else if (strcmp(currency, cur) != 0) {
		ae_error_set(err, AE_EDATA,
		    "amount in %s where the job is in "
		    "%s",
		    cur, currency);
		return field_error(&rec, "currency", err);
	}
	return field_money(&rec, name, cur, digits, v, err);
}

static int
is_job(json_t *obj, const char *job)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *j = field_text(obj, "job", buf);

	return j && strcmp(j, job) == 0;
}

const struct jobcard_rec *
jobcard_estimate_for(const struct jobcard_set *s, const char *job)
{
	const struct jobcard_rec *best = NULL;
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE];
	char b3[JSONTEXT_BUFSIZE], b4[JSONTEXT_BUFSIZE];
	const char *d, *bd, *id, *bid;
	size_t i;
	int c;

	for (i = 0; s && i < s->n; i++) {
		if (!is_job(s->v[i].obj, job))
			continue;
		if (best == NULL) {
			best = &s->v[i];
			continue;
		}
		d = field_text(s->v[i].obj, "date", b1);
		bd = field_text(best->obj, "date", b2);
		c = strcmp(d ? d : "", bd ? bd : "");
		if (c == 0) {
			id = field_text(s->v[i].obj, "estimate", b3);
			bid = field_text(best->obj, "estimate", b4);
			c = strcmp(id ? id : "", bid ? bid : "");
		}
		if (c > 0)
			best = &s->v[i];
	}
	return best;
}

const struct jobcard_rec *
jobcard_record_for(const struct jobcard_set *s, const char *job)
{
	size_t i;

	for (i = 0; s && i < s->n; i++)
		if (is_job(s->v[i].obj, job))
			return &s->v[i];
	return NULL;
}

/*
 * Whether R is a good record of TYPE, as the schema reads it: -1 with
 * its first problem (an invoice with no amount) when not.
 */
static int
jobcard_valid(const struct jobcard_rec *r, const char *type,
    const char *def_currency, struct ae_error *err)
{
	struct record rec;

	memset(&rec, 0, sizeof(rec));
	rec.source = r->source;
	rec.line = r->line;
	rec.object = r->obj;
	ae_error_clear(err);
	return schema_check(&rec, type, def_currency, schema_keep_first, err) >
		0 ?
	    -1 :
	    0;
}

static int
kind_is(const struct jobcard_rec *r, const char *kind, const char *def)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *t = field_text(r->obj, "type", buf);

	return strcmp(t ? t : def, kind) == 0;
}

int
jobcard_register_check(const struct jobcard_set *reg, const char *def_currency,
    struct ae_error *err)
{
	size_t i;

	for (i = 0; i < reg->n; i++)
		if (kind_is(&reg->v[i], "job", "job") &&
		    jobcard_valid(&reg->v[i], "job", def_currency, err) < 0)
			return -1;
	return 0;
}

/* Whether date FIELD of R, a record the schema passed, is by AS_OF. */
static int
dated_by(const struct jobcard_rec *r, const char *field, int32_t as_of, int *ok,
    struct ae_error *err)
{
	struct record rec = field_object(r->obj, r->source, r->line);
	int32_t day;

	if (field_date(&rec, field, &day, err) < 0)
		return -1;
	*ok = day <= as_of;
	return 0;
}

static void
add_payments(const struct jobcard_set *s, const char *def, json_t *ids,
    int32_t as_of, const char *def_currency, char *currency, int64_t *collected,
    int *rc, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *inv;
	int64_t v;
	size_t i;
	int ok;

	for (i = 0; s && i < s->n && *rc == 0; i++) {
		const struct jobcard_rec *r = &s->v[i];
		if (!kind_is(r, "payment", def))
			continue;
		if ((inv = field_text(r->obj, "invoice", buf)) == NULL ||
		    json_object_get(ids, inv) == NULL)
			continue;
		if (jobcard_valid(r, "payment", def_currency, err) < 0) {
			*rc = -1;
			break;
		}
		if (dated_by(r, "date", as_of, &ok, err) != 0) {
			*rc = -1;
			break;
		}
		if (!ok)
			continue;
		if (jobcard_money(r, "amount", def_currency, currency, &v,
			err) < 0 ||
		    money_add(*collected, v, collected, err) != 0) {
			jobcard_rec_error(r, "amount", err);
			*rc = -1;
		}
	}
}

int
jobcard_billing(const struct jobcard_set *invoices,
    const struct jobcard_set *payments, const char *job, int32_t as_of,
    const char *def_currency, char *currency, int64_t *billed,
    int64_t *collected, struct ae_error *err)
{
	json_t *ids = json_object();
	char buf[JSONTEXT_BUFSIZE];
	const char *inv;
	int64_t v;
	size_t i;
	int ok, rc = 0;

	*billed = *collected = 0;
	for (i = 0; invoices && i < invoices->n && rc == 0; i++) {
		const struct jobcard_rec *r = &invoices->v[i];
		if (!kind_is(r, "invoice", "invoice") || !is_job(r->obj, job))
			continue;
		if (jobcard_valid(r, "invoice", def_currency, err) < 0) {
			rc = -1;
			break;
		}
		if (dated_by(r, "issued", as_of, &ok, err) != 0) {
			rc = -1;
			break;
		}
		if (!ok)
			continue;
		if ((inv = field_text(r->obj, "invoice", buf)) != NULL)
			json_object_set_new(ids, inv, json_true());
		if (jobcard_money(r, "amount", def_currency, currency, &v,
			err) < 0 ||
		    money_add(*billed, v, billed, err) != 0) {
			jobcard_rec_error(r, "amount", err);
			rc = -1;
		}
	}
	if (rc == 0)
		add_payments(invoices, "invoice", ids, as_of, def_currency,
		    currency, collected, &rc, err);
	if (rc == 0)
		add_payments(payments, "payment", ids, as_of, def_currency,
		    currency, collected, &rc, err);
	json_decref(ids);
	return rc;
}

const char *
jobcard_estimate_signed(json_t *est, char *buf)
{
	char b1[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE];
	const char *on = field_text(est, "approved_on", b1);
	int32_t day;

	buf[0] = '\0';
	if (on == NULL || field_text(est, "approved_by", b2) == NULL ||
	    date_parse(on, &day, NULL) != 0)
		return NULL;
	date_format(day, buf);
	return buf;
}

int
jobcard_estimate_totals(const struct jobcard_rec *est,
    const struct rate_card *card, const char *def_currency,
    struct estimate_totals *et, struct ae_error *err)
{
	json_t *copy = json_deep_copy(est->obj);
	int rc;

	rc = estimate_compute(copy, card, def_currency, et, err);
	json_decref(copy);
	return rc == 0 ? 0 : jobcard_rec_error(est, NULL, err);
}

/* ---- a job's state (--status) ---------------------------------------- */

static int64_t
hours_of(const struct jobcard_sources *src, const char *job)
{
	size_t k;

	for (k = 0; k < src->nhours; k++)
		if (strcmp(src->hours[k].dims[0], job) == 0)
			return src->hours[k].hours;
	return 0;
}

static int
status_billing(const struct jobcard_sources *src, struct jobcard_status *st,
    struct ae_error *err)
{
	if (jobcard_billing(src->invoices, src->payments, st->job, src->as_of,
		src->currency, st->currency, &st->billed, &st->collected,
		err) != 0)
		return -1;
	if (st->currency[0] == '\0')
		snprintf(st->currency, sizeof(st->currency), "%s",
		    src->currency);
	st->digits = currency_digits(st->currency);
	st->has_billing = 1;
	return 0;
}

static int
status_estimate(const struct jobcard_sources *src, struct jobcard_status *st,
    struct ae_error *err)
{
	struct estimate_totals et;

	if (jobcard_estimate_totals(st->estimate, src->card, src->currency, &et,
		err) != 0)
		return -1;
	st->total = et.total;
	st->total_digits = et.digits;
	st->has_deposit = et.has_deposit;
	st->deposit = et.deposit_amount;
	snprintf(st->currency, sizeof(st->currency), "%s", et.currency);
	snprintf(st->deposit_currency, sizeof(st->deposit_currency), "%s",
	    et.currency);
	st->has_total = 1;
	estimate_totals_release(&et);
	return 0;
}

int
jobcard_status_of(const struct jobcard_sources *src,
    const struct jobcard_rec *job, struct jobcard_status *st,
    struct ae_error *err)
{
	memset(st, 0, sizeof(*st));
	if ((st->job = field_text(job->obj, "job", st->jobbuf)) == NULL) {
		ae_error_set(err, AE_EDATA, "required field is missing");
		return jobcard_rec_error(job, "job", err);
	}
	if (src->briefs &&
	    (st->brief = jobcard_record_for(src->briefs, st->job)) != NULL)
		jobcard_signoff(st->brief->obj, "client", st->brief_signed);
	if (src->estimates &&
	    (st->estimate = jobcard_estimate_for(src->estimates, st->job)) !=
		NULL) {
		jobcard_estimate_signed(st->estimate->obj, st->estimate_signed);
		if (status_estimate(src, st, err) != 0)
			return -1;
	}
	if (src->with_time) {
		st->hours = hours_of(src, st->job);
		st->has_hours = 1;
	}
	if (src->invoices && status_billing(src, st, err) != 0)
		return -1;
	return 0;
}

const char *const jobcard_status_fields[] = { "job", "client", "title",
	"status", "brief_signed", "estimate", "estimate_signed",
	"estimate_total", "deposit", "hours", "invoiced", "paid",
	"deposit_invoiced", "deposit_paid", "currency", NULL };

static const char *const status_heads[] = { N_("Job"), N_("Client"),
	N_("Title"), N_("Status"), N_("Brief signed"), N_("Estimate"),
	N_("Estimate signed"), N_("Estimate total"), N_("Deposit"), N_("Hours"),
	N_("Invoiced"), N_("Paid"), N_("Deposit invoiced"), N_("Deposit paid"),
	N_("Currency") };

/*
 * The words of the status, so that xgettext sees them.  They carry a
 * context ("job|open") because a job's "open" is not an action's.
 */
static const char *const status_words[] __attribute__((
    unused)) = { N_("job|open"), N_("job|approved"), N_("job|production"),
	N_("job|billed"), N_("job|closed"), N_("job|yes"), N_("job|no") };

/* A word for people: translated in the text table, else as it is. */
static const char *
word(const char *s, int people)
{
	char key[64];
	const char *t;

	if (!people || s == NULL || *s == '\0' || strlen(s) > 40)
		return s;
	snprintf(key, sizeof(key), "job|%s", s);
	t = _(key);
	return t == key || strcmp(t, key) == 0 ? s : t;
}
/*
 * Whether the deposit was reached by AMOUNT (invoiced or paid): "" when
 * the estimate asks none or the billing was not given.
 */
static const char *
deposit_reached(const struct jobcard_status *st, int64_t amount)
{
	if (!st->has_deposit || !st->has_billing || st->deposit <= 0 ||
	    strcmp(st->currency, st->deposit_currency) != 0)
		return "";
	return amount >= st->deposit ? "yes" : "no";
}

static void
set_text(json_t *obj, const char *key, const char *s)
{
	json_object_set_new(obj, key, json_string(s ? s : ""));
}

static void
set_money(json_t *obj, const char *key, int has, int64_t v, int digits,
    int grouped)
{
	char mb[MONEY_BUFSIZE] = "";

	if (has)
		money_format(v, digits, grouped, mb, sizeof(mb));
	set_text(obj, key, mb);
}

static void
set_hours(json_t *obj, const char *key, int has, int64_t h)
{
	char hb[32] = "";

	if (has)
		timesheet_hours_format(h, hb);
	set_text(obj, key, hb);
}

/* Field NAME of R (may be NULL) into OBJ, "" when absent. */
static void
set_field(json_t *obj, const char *key, const struct jobcard_rec *r,
    const char *name)
{
	char buf[JSONTEXT_BUFSIZE];

	set_text(obj, key, r ? field_text(r->obj, name, buf) : NULL);
}

/* A word of the status: translated for people, as it is for records. */
static void
word_cell(struct table *t, const char *s)
{
	s = s ? s : "";
	table_cell_pair(t, word(s, 1), s);
}

static void
money_cell(struct table *t, int has, int64_t v, int digits)
{
	if (has)
		table_cell_money(t, v, digits);
	else
		table_cell(t, "");
}

static void
hours_cell(struct table *t, int has, int64_t h)
{
	char hb[32] = "";

	if (has)
		timesheet_hours_format(h, hb);
	table_cell(t, hb);
}

/* Field NAME of R (may be NULL), "" when absent. */
static void
field_cell(struct table *t, const struct jobcard_rec *r, const char *name)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = r ? field_text(r->obj, name, buf) : NULL;

	table_cell(t, s ? s : "");
}

void
jobcard_status_row(struct table *t, const struct jobcard_status *st,
    const struct jobcard_rec *job)
{
	char buf[JSONTEXT_BUFSIZE];

	table_row(t);
	table_cell(t, st->job);
	field_cell(t, job, "client");
	field_cell(t, job, "title");
	word_cell(t, job ? field_text(job->obj, "status", buf) : NULL);
	table_cell(t, st->brief_signed);
	field_cell(t, st->estimate, "estimate");
	table_cell(t, st->estimate_signed);
	money_cell(t, st->has_total, st->total, st->total_digits);
	money_cell(t, st->has_deposit, st->deposit, st->total_digits);
	hours_cell(t, st->has_hours, st->hours);
	money_cell(t, st->has_billing, st->billed, st->digits);
	money_cell(t, st->has_billing, st->collected, st->digits);
	word_cell(t, deposit_reached(st, st->billed));
	word_cell(t, deposit_reached(st, st->collected));
	table_cell(t, st->currency);
}

struct table *
jobcard_status_table(void)
{
	struct table *t = table_new();
	size_t k;

	for (k = 0; jobcard_status_fields[k]; k++)
		table_column_key(t, _(status_heads[k]),
		    jobcard_status_fields[k],
		    (k >= 7 && k <= 11) ? TABLE_RIGHT : TABLE_LEFT);
	return t;
}

/* ---- the close-out sheet (--close) ------------------------------------ */

void
jobcard_closeout_init(struct jobcard_closeout *co, const char *job)
{
	memset(co, 0, sizeof(*co));
	co->job = job;
}

/* The estimate's total, deposit, currency and tax rate into CO. */
static int
estimate_figures(const struct jobcard_rec *est, const struct rate_card *card,
    const char *def_currency, struct jobcard_closeout *co, struct ae_error *err)
{
	struct estimate_totals et;

	if (jobcard_estimate_totals(est, card, def_currency, &et, err) != 0)
		return -1;
	co->total = et.total;
	co->digits = et.digits;
	co->tax_rate = et.tax;
	co->has_deposit = et.has_deposit;
	co->deposit = et.deposit_amount;
	snprintf(co->currency, sizeof(co->currency), "%s", et.currency);
	estimate_totals_release(&et);
	return 0;
}

int
jobcard_closeout_estimate(struct jobcard_closeout *co,
    const struct jobcard_rec *est, const struct rate_card *card,
    const char *def_currency, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *job = field_text(est->obj, "job", buf);

	if (job && strcmp(job, co->job) != 0) {
		ae_error_set(err, AE_EDATA,
		    "the estimate is for job '%s', "
		    "not '%s'",
		    job, co->job);
		return jobcard_rec_error(est, "job", err);
	}
	if (estimate_figures(est, card, def_currency, co, err) != 0)
		return -1;
	jobcard_estimate_signed(est->obj, co->estimate_signed);
	co->estimate = est;
	co->has_estimate = 1;
	return 0;
}

/* Whether TS holds hours logged before the client signed the estimate. */
static int
work_before_signoff(const struct jobcard_closeout *co,
    const struct timesheet *ts)
{
	int32_t day;

	if (timesheet_count(ts) == 0)
		return 0;
	if (co->estimate_signed[0] == '\0' ||
	    date_parse(co->estimate_signed, &day, NULL) != 0)
		return 1;
	return timesheet_first_day(ts) < day;
}

int
jobcard_closeout_labour(struct jobcard_closeout *co, struct timesheet *ts,
    const struct timesheet_rates *rates, struct ae_error *err)
{
	const char *cur = timesheet_rates_currency(rates);
	size_t k;

	if (timesheet_groups(ts, &co->people, &co->npeople, err) != 0)
		return -1;
	if (co->currency[0] && strcmp(co->currency, cur) != 0)
		return ae_error_set(err, AE_EDATA,
		    "rates in %s, the estimate "
		    "in %s",
		    cur, co->currency);
	if (co->currency[0] == '\0')
		snprintf(co->currency, sizeof(co->currency), "%s", cur);
	for (k = 0; k < co->npeople; k++) {
		co->hours += co->people[k].hours;
		if (money_add(co->labour, co->people[k].cost, &co->labour,
			err) != 0)
			return -1;
	}
	co->work_before_signoff = work_before_signoff(co, ts);
	co->has_labour = 1;
	return 0;
}

int
jobcard_closeout_costs(struct jobcard_closeout *co,
    const struct jobcard_set *costs, const char *def_currency,
    struct ae_error *err)
{
	const struct jobcard_rec *r;
	int64_t v;
	size_t i;

	for (i = 0; i < costs->n; i++) {
		r = &costs->v[i];
		if (!is_job(r->obj, co->job))
			continue;
		if (jobcard_valid(r, "cost", def_currency, err) < 0 ||
		    jobcard_money(r, "amount", def_currency, co->currency, &v,
			err) < 0)
			return -1;
		if (money_add(co->external, v, &co->external, err) != 0)
			return -1;
	}
	co->has_costs = 1;
	return 0;
}

int
jobcard_closeout_billing(struct jobcard_closeout *co,
    const struct jobcard_set *invoices, const struct jobcard_set *payments,
    int32_t as_of, const char *def_currency, struct ae_error *err)
{
	if (jobcard_billing(invoices, payments, co->job, as_of, def_currency,
		co->currency, &co->billed, &co->collected, err) != 0)
		return -1;
	co->has_billing = 1;
	return 0;
}

/*
 * *NET = round(GROSS × 100 / (100 + TAX)), half away from zero: the
 * amount before a tax of TAX percent was added to it.
 */
static int
net_of_tax(int64_t gross, struct decimal tax, int64_t *net,
    struct ae_error *err)
{
	__extension__ typedef __int128 i128;
	i128 num = (i128)gross * 100, den = 100, q, r;
	int s;

	while (tax.scale > 0 && tax.coef % 10 == 0) {
		tax.coef /= 10;
		tax.scale--;
	}
	if (tax.scale > 12)
		return ae_error_set(err, AE_EDATA,
		    "the tax rate has more "
		    "than 12 decimals");
	for (s = 0; s < tax.scale; s++) {
		num *= 10;
		den *= 10;
	}
	den += tax.coef;
	if (den <= 0 || tax.coef < 0)
		return ae_error_set(err, AE_EDATA, "the tax rate is negative");
	q = num / den;
	r = num % den;
	if (2 * (r < 0 ? -r : r) >= den)
		q += num < 0 ? -1 : 1;
	*net = (int64_t)q; /* |q| ≤ |gross|, as the tax is not negative */
	return 0;
}

int
jobcard_closeout_finish(struct jobcard_closeout *co, const char *def_currency,
    struct ae_error *err)
{
	if (co->currency[0] == '\0')
		snprintf(co->currency, sizeof(co->currency), "%s",
		    def_currency);
	co->digits = currency_digits(co->currency);
	if (net_of_tax(co->billed, co->tax_rate, &co->billed_net, err) != 0)
		return -1;
	co->billed_tax = co->billed - co->billed_net;
	if (money_add(co->labour, co->external, &co->cost, err) != 0 ||
	    money_sub(co->billed_net, co->cost, &co->margin, err) != 0 ||
	    money_sub(co->total, co->billed, &co->unbilled, err) != 0 ||
	    money_sub(co->billed, co->collected, &co->outstanding, err) != 0)
		return -1;
	if (co->unbilled < 0)
		co->unbilled = 0;
	timesheet_percent(co->margin, co->billed_net, co->margin_percent);
	return 0;
}

/* The sheet's amounts, in order; those of sources not given are left out. */
struct closeout_line {
	const char *key, *label;
	int64_t v;
	int has;
};
#define CLOSEOUT_NLINES 11

static void
closeout_lines(const struct jobcard_closeout *co, struct closeout_line *l)
{
	const struct closeout_line lines[CLOSEOUT_NLINES] = {
		{ "estimate_total", N_("Estimate total"), co->total,
		    co->has_estimate },
		{ "labour_cost", N_("Labour cost"), co->labour,
		    co->has_labour },
		{ "external_costs", N_("External costs"), co->external,
		    co->has_costs },
		{ "actual_cost", N_("Actual cost"), co->cost, 1 },
		{ "billed", N_("Billed (with tax)"), co->billed,
		    co->has_billing },
		{ "billed_tax", N_("Tax billed"), co->billed_tax,
		    co->has_billing },
		{ "billed_net", N_("Billed net of tax"), co->billed_net,
		    co->has_billing },
		{ "collected", N_("Collected"), co->collected,
		    co->has_billing },
		{ "outstanding", N_("Outstanding"), co->outstanding,
		    co->has_billing },
		{ "margin", N_("Margin (net of tax)"), co->margin, 1 },
		{ "unbilled", N_("Unbilled"), co->unbilled, co->has_estimate },
	};

	memcpy(l, lines, sizeof(lines));
}

static json_t *
closeout_labour_json(const struct jobcard_closeout *co)
{
	json_t *arr = json_array(), *p;
	size_t k;

	for (k = 0; k < co->npeople; k++) {
		p = json_object();
		set_text(p, "person", co->people[k].dims[0]);
		set_hours(p, "hours", 1, co->people[k].hours);
		set_money(p, "cost", 1, co->people[k].cost, co->digits, 0);
		json_array_append_new(arr, p);
	}
	return arr;
}

json_t *
jobcard_closeout_json(const struct jobcard_closeout *co,
    const struct jobcard_rec *job)
{
	struct closeout_line l[CLOSEOUT_NLINES];
	json_t *sheet = json_object();
	size_t k;

	closeout_lines(co, l);
	set_text(sheet, "job", co->job);
	set_field(sheet, "client", job, "client");
	set_field(sheet, "title", job, "title");
	if (co->has_estimate)
		set_field(sheet, "estimate", co->estimate, "estimate");
	set_text(sheet, "estimate_signed", co->estimate_signed);
	set_text(sheet, "currency", co->currency);
	set_hours(sheet, "hours", 1, co->hours);
	for (k = 0; k < CLOSEOUT_NLINES; k++)
		if (l[k].has)
			set_money(sheet, l[k].key, 1, l[k].v, co->digits, 0);
	set_text(sheet, "margin_percent", co->margin_percent);
	json_object_set_new(sheet, "work_before_signoff",
	    json_boolean(co->work_before_signoff));
	json_object_set_new(sheet, "labour", closeout_labour_json(co));
	return sheet;
}

struct table *
jobcard_closeout_table(const struct jobcard_closeout *co)
{
	struct closeout_line l[CLOSEOUT_NLINES];
	struct table *t = table_new();
	char mb[MONEY_BUFSIZE];
	size_t k;

	closeout_lines(co, l);
	table_column(t, _("Item"), TABLE_LEFT);
	table_column(t, co->currency, TABLE_RIGHT);
	for (k = 0; k < CLOSEOUT_NLINES; k++) {
		if (!l[k].has)
			continue;
		money_format(l[k].v, co->digits, 1, mb, sizeof(mb));
		table_row(t);
		table_cell(t, _(l[k].label));
		table_cell(t, mb);
	}
	if (co->margin_percent[0]) {
		table_row(t);
		table_cell(t, _("Margin %"));
		table_cellf(t, "%s%%", co->margin_percent);
	}
	return t;
}

static void
labour_row(struct table *t, const char *who, int64_t hours, int64_t cost,
    int digits)
{
	char hb[32], mb[MONEY_BUFSIZE];

	timesheet_hours_format(hours, hb);
	money_format(cost, digits, 1, mb, sizeof(mb));
	table_row(t);
	table_cell(t, who);
	table_cell(t, hb);
	table_cell(t, mb);
}

struct table *
jobcard_closeout_labour_table(const struct jobcard_closeout *co)
{
	struct table *t;
	size_t k;

	if (co->npeople == 0)
		return NULL;
	t = table_new();
	table_column(t, _("Person"), TABLE_LEFT);
	table_column(t, _("Hours"), TABLE_RIGHT);
	table_column(t, _("Cost"), TABLE_RIGHT);
	for (k = 0; k < co->npeople; k++)
		labour_row(t, co->people[k].dims[0], co->people[k].hours,
		    co->people[k].cost, co->digits);
	table_rule(t);
	labour_row(t, _("Total"), co->hours, co->labour, co->digits);
	return t;
}
