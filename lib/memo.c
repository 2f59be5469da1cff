#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "date.h"
#include "field.h"
#include "i18n.h"
#include "jsontext.h"
#include "memo.h"
#include "schema.h"
#include "strbuf.h"
#include "text.h"

/* The header's texts; the schema has seen that they are there. */
static const char *const texts[] = { "to", "from", "subject", "body", NULL };

/* Sets KEY of CTX to the text of field NAME, or of person NAME. */
/*
 * A header value (to, from, cc, subject, the orgs, the fax number) holds
 * no control character: a line break there would start a header line of
 * its own when the memo goes out as an e-mail or a fax cover.
 */
int
memo_header_safe(const char *s, const char *field, struct ae_error *err)
{
	const char *c = text_control_char(s);

	if (c == NULL)
		return 0;
	ae_error_set(err, AE_EDATA,
	    "the text holds %s, which cannot go "
	    "into a memo's header",
	    text_control_name(*c));
	ae_error_field(err, field);
	return -1;
}

/* Every text of the people of list NAME in CTX (cc[2].name). */
static int
people_safe(json_t *list, const char *name, struct ae_error *err)
{
	char field[96];
	const char *k;
	json_t *e, *v;
	size_t i;

	json_array_foreach(list, i, e)
	{
		json_object_foreach(e, k, v)
		{
			snprintf(field, sizeof(field), "%s[%zu].%s", name,
			    i + 1, k);
			if (json_is_string(v) &&
			    memo_header_safe(json_string_value(v), field,
				err) != 0)
				return -1;
		}
	}
	return 0;
}

static int
copy_text(json_t *memo, json_t *ctx, const char *name, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = field_text(memo, name, buf);
	json_t *v = json_object_get(memo, name);

	if (s == NULL && v != NULL && json_is_object(v))
		s = person_name(v);
	if (s == NULL) {
		if (v != NULL && !json_is_null(v) && !json_is_string(v)) {
			ae_error_set(err, AE_EDATA, "expected a text");
			ae_error_field(err, name);
			return -1;
		}
		json_object_del(ctx, name);
		return 0;
	}
	if (strcmp(name, "body") != 0 && memo_header_safe(s, name, err) != 0)
		return -1;
	json_object_set_new(ctx, name, json_string(s));
	return 1;
}

/* memo_header_safe() of text NAME of MEMO, or of person NAME's name. */
static int
header_text_safe(json_t *memo, const char *name, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *s = field_text(memo, name, buf);
	json_t *v = json_object_get(memo, name);

	if (s == NULL && json_is_object(v))
		s = person_name(v);
	return s ? memo_header_safe(s, name, err) : 0;
}

int
memo_header_check(json_t *memo, struct ae_error *err)
{
	static const char *const first[] = { "to", "from", "subject", NULL };
	static const char *const then[] = { "to_org", "from_org", "fax",
		"to_title", NULL };
	struct ae_error ignored;
	json_t *cc;
	size_t i;
	int rc;

	for (i = 0; first[i]; i++)
		if (header_text_safe(memo, first[i], err) != 0)
			return -1;
	/* A cc that is no list of people is another problem. */
	ae_error_clear(&ignored);
	if (field_people(FIELD_OBJECT(memo), "cc", &cc, &ignored) == 0) {
		rc = people_safe(cc, "cc", err);
		json_decref(cc);
		if (rc != 0)
			return -1;
	}
	for (i = 0; then[i]; i++)
		if (header_text_safe(memo, then[i], err) != 0)
			return -1;
	return 0;
}

/* Marks the last item of LIST, for separators in templates. */
static void
mark_last(json_t *list)
{
	json_t *e;
	size_t i, n = json_array_size(list);

	json_array_foreach(list, i, e)
	    json_object_set_new(e, "last", json_boolean(i + 1 == n));
}

static int
attachments(json_t *memo, json_t *ctx, struct ae_error *err)
{
	json_t *v = json_object_get(memo, "attachments"), *list, *e, *o;
	char field[64];
	const char *name;
	size_t i;

	list = json_array();
	if (json_is_string(v) && *json_string_value(v)) {
		json_t *people;
		/* A CSV cell: names separated by ';'. */
		field_people(FIELD_OBJECT(memo), "attachments", &people, err);
		json_decref(list);
		list = people;
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, e)
		{
			name = json_is_string(e) ? json_string_value(e) :
			    json_is_object(e)	 ? person_name(e) :
						   NULL;
			if (name == NULL || *name == '\0') {
				snprintf(field, sizeof(field),
				    "attachments[%zu]", i + 1);
				ae_error_set(err, AE_EDATA,
				    "expected a file name "
				    "or {name, type}");
				ae_error_field(err, field);
				json_decref(list);
				return -1;
			}
			if (json_is_object(e))
				o = json_deep_copy(e);
			else {
				o = json_object();
				json_object_set_new(o, "name",
				    json_string(name));
			}
			json_array_append_new(list, o);
		}
	} else if (v != NULL && !json_is_null(v) &&
	    !(json_is_string(v) && !*json_string_value(v))) {
		json_decref(list);
		ae_error_set(err, AE_EDATA, "expected a list of file names");
		ae_error_field(err, "attachments");
		return -1;
	}
	mark_last(list);
	json_object_set_new(ctx, "has_attachments",
	    json_boolean(json_array_size(list) > 0));
	json_object_set_new(ctx, "attachments", list);
	return 0;
}

/*
 * `body_md`: the body for Markdown, where a single newline would join two
 * lines into one paragraph — numbered 一、… 二、… lines, an address —
 * so each line break inside a paragraph becomes a hard break.
 */
/* Whether LINE starts a Markdown block of its own (a list, a table...). */
static int
md_block_start(const char *line)
{
	const char *p = line;

	while (*p == ' ')
		p++;
	if ((*p == '-' || *p == '*' || *p == '+') && p[1] == ' ')
		return 1;
	if (*p == '|' || *p == '#' || *p == '>' || strncmp(p, "```", 3) == 0)
		return 1;
	while (*p >= '0' && *p <= '9')
		p++;
	return p > line && (*p == '.' || *p == ')') && p[1] == ' ';
}

static void
set_body_md(json_t *ctx)
{
	const char *s = json_string_value(json_object_get(ctx, "body"));
	const char *line = s;
	struct strbuf sb = STRBUF_INIT;

	for (; s && *s; s++) {
		if (*s == '\r')
			continue;
		if (*s == '\n' && s > line && s[1] != '\n' && s[1] != '\r' &&
		    s[1] != '\0' && !md_block_start(line) &&
		    !md_block_start(s + 1))
			strbuf_addch(&sb, '\\');
		strbuf_addch(&sb, *s);
		if (*s == '\n')
			line = s + 1;
	}
	json_object_set_new(ctx, "body_md", json_string(sb.len ? sb.buf : ""));
	strbuf_release(&sb);
}

json_t *
memo_context(json_t *memo, struct ae_error *err)
{
	struct record rec;
	json_t *ctx, *cc;
	char buf[JSONTEXT_BUFSIZE], when[WHEN_BUFSIZE], day[DATE_BUFSIZE];
	const char *kind;
	struct when w;
	int32_t d;
	size_t i;
	int rc, flag, k;

	if (!json_is_object(memo)) {
		ae_error_set(err, AE_EDATA, "a memo is an object");
		return NULL;
	}
	/* The schema checks the fields it knows, in recs --check's words. */
	rec = field_object(memo, NULL, 0);
	if (schema_require(&rec, "memo", "CNY", err) < 0)
		return NULL;
	ctx = json_deep_copy(memo);
	for (i = 0; texts[i]; i++)
		if (copy_text(memo, ctx, texts[i], err) < 0)
			goto fail;
	field_date(FIELD_OBJECT(memo), "date", &d, err);
	date_format(d, day);
	json_object_set_new(ctx, "date", json_string(day));
	if ((rc = field_when(FIELD_OBJECT(memo), "confirm_by", &w, err)) < 0)
		goto fail;
	if (rc > 0) {
		when_format(&w, when);
		json_object_set_new(ctx, "confirm_by", json_string(when));
	} else {
		json_object_del(ctx, "confirm_by");
	}
	kind = field_text(memo, "kind", buf);
	if (kind == NULL)
		kind = "memo";
	/* The schema's order: memo, fax, letter. */
	if ((k = schema_enum_check("memo", "kind", kind, err)) < 0) {
		ae_error_field(err, "kind");
		goto fail;
	}
	json_object_set_new(ctx, "kind", json_string(kind));
	json_object_set_new(ctx, "is_memo", json_boolean(k == 0));
	json_object_set_new(ctx, "is_fax", json_boolean(k == 1));
	json_object_set_new(ctx, "is_letter", json_boolean(k == 2));
	if (field_people(FIELD_OBJECT(memo), "cc", &cc, err) < 0)
		goto fail;
	if (people_safe(cc, "cc", err) != 0) {
		json_decref(cc);
		goto fail;
	}
	mark_last(cc);
	json_object_set_new(ctx, "has_cc", json_boolean(json_array_size(cc)));
	json_object_set_new(ctx, "cc", cc);
	if (attachments(memo, ctx, err) < 0)
		goto fail;
	if (field_bool(FIELD_OBJECT(memo), "urgent", &flag, err) < 0)
		goto fail;
	json_object_set_new(ctx, "urgent", json_boolean(flag));
	set_body_md(ctx);
	for (i = 0; i < 4; i++) {
		const char *f = (const char *[]){ "to_org", "from_org", "fax",
			"to_title" }[i];
		if (copy_text(memo, ctx, f, err) < 0)
			goto fail;
	}
	return ctx;
fail:
	json_decref(ctx);
	return NULL;
}

static int
is_han(utf8proc_int32_t c)
{
	return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

static int
is_word_char(utf8proc_int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
		return 1;
	default:
		return 0;
	}
}

void
memo_count(const char *body, size_t *words, size_t *han)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)body;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	int in_word = 0, saw_alnum = 0;

	*words = *han = 0;
	for (;;) {
		n = utf8proc_iterate(p, -1, &c);
		if (n <= 0) {
			if (*p == '\0')
				break;
			c = 0xFFFD; /* a bad byte: part of a word */
			n = 1;
		}
		if (c == 0)
			break;
		p += n;
		if (is_han(c)) {
			(*han)++;
			if (in_word && saw_alnum)
				(*words)++;
			in_word = saw_alnum = 0;
		} else if (utf8proc_category(c) == UTF8PROC_CATEGORY_ZS ||
		    c == '\t' || c == '\n' || c == '\r' ||
		    (c >= 0x3000 && c <= 0x303F) ||
		    (c >= 0xFF00 && c <= 0xFF0F) ||
		    (c >= 0xFF1A && c <= 0xFF20)) {
			if (in_word && saw_alnum)
				(*words)++;
			in_word = saw_alnum = 0;
		} else {
			in_word = 1;
			if (is_word_char(c))
				saw_alnum = 1;
		}
	}
	if (in_word && saw_alnum)
		(*words)++;
}

/* Whether NAME holds WORD, ASCII case aside. */
static int
has_word(const char *name, const char *word)
{
	size_t n = strlen(word);

	for (; *name; name++)
		if (strncasecmp(name, word, n) == 0)
			return 1;
	return 0;
}

int
memo_is_artwork(json_t *a)
{
	static const char *const exts[] = { "jpg", "jpeg", "png", "gif", "tif",
		"tiff", "bmp", "psd", "ai", "eps", "svg", "webp", "heic",
		"indd", "cdr", NULL };
	/* The trade's words for sketches and designs (草图或设计稿). */
	static const char *const words[] = { "故事板", "设计稿", "草图", "分镜",
		"效果图", "storyboard", "layout", "artwork", "sketch",
		"mock-up", "mockup", NULL };
	const char *name =
	    json_is_string(a) ? json_string_value(a) : person_name(a);
	const char *dot;
	json_t *t, *flag;
	size_t i;

	/* The record says so: `artwork` wins over any guess. */
	if (json_is_object(a) &&
	    (flag = json_object_get(a, "artwork")) != NULL) {
		char buf[JSONTEXT_BUFSIZE];
		const char *s = json_is_boolean(flag) ?
		    (json_is_true(flag) ? "true" : "false") :
		    json_scalar_text(flag, buf);
		int b = s ? text_bool(s) : -1;
		if (b >= 0)
			return b;
		return 1; /* unreadable: rather keep it off the fax */
	}
	if (json_is_object(a) &&
	    json_is_string(t = json_object_get(a, "type")) &&
	    strncasecmp(json_string_value(t), "image/", 6) == 0)
		return 1;
	if (name == NULL)
		return 0;
	for (i = 0; words[i]; i++)
		if (has_word(name, words[i]))
			return 1;
	if ((dot = strrchr(name, '.')) == NULL)
		return 0;
	for (i = 0; exts[i]; i++)
		if (strcasecmp(dot + 1, exts[i]) == 0)
			return 1;
	return 0;
}

int
memo_check(json_t *memo, struct finding_sink *fs)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *kind, *body;
	struct ae_error err;
	struct when w;
	size_t words, han, i;
	json_t *tmp = json_object(), *att, *e;
	int32_t day = 0;
	int n = 0, urgent = 0;

	ae_error_clear(&err);
	body = field_text(memo, "body", buf);
	memo_count(body ? body : "", &words, &han);
	if (han + 2 * words > MEMO_MAX_HAN) {
		e = json_object_get(memo, "body");
		if (han == 0)
			finding_on(fs, e, "long",
			    _("body has %zu words, more "
			      "than %d"),
			    words, MEMO_MAX_WORDS);
		else if (words == 0)
			finding_on(fs, e, "long",
			    _("body has %zu Chinese "
			      "characters, more than %d"),
			    han, MEMO_MAX_HAN);
		else
			finding_on(fs, e, "long",
			    _("body has %zu words and "
			      "%zu Chinese characters, more than %d words' "
			      "worth (a word counts as two characters)"),
			    words, han, MEMO_MAX_WORDS);
		n++;
	}
	kind = field_text(memo, "kind", buf);
	field_bool(FIELD_OBJECT(memo), "urgent", &urgent, &err);
	attachments(memo, tmp, &err);
	att = json_object_get(tmp, "attachments");
	if (kind && strcmp(kind, "fax") == 0 && !urgent && json_is_array(att)) {
		json_array_foreach(att, i, e)
		{
			if (!memo_is_artwork(e))
				continue;
			finding_on(fs, finding_entry(memo, "attachments", i),
			    "artwork",
			    _("fax carries artwork '%s': hand "
			      "artwork over in person"),
			    person_name(e));
			n++;
		}
	}
	field_date(FIELD_OBJECT(memo), "date", &day, &err);
	if (field_when(FIELD_OBJECT(memo), "confirm_by", &w, &err) <= 0) {
		finding_add(fs, "confirm", "%s",
		    _("no confirm_by: say when "
		      "you will call to confirm that it arrived"));
		n++;
	} else if (w.day < day) {
		char a[DATE_BUFSIZE], b[DATE_BUFSIZE];
		date_format(w.day, a);
		date_format(day, b);
		finding_on(fs, json_object_get(memo, "confirm_by"), "confirm",
		    _("confirm_by %s is before the date %s"), a, b);
		n++;
	}
	json_decref(tmp);
	return n;
}

json_t *
memo_reminder(const char *to, const char *from, int32_t date,
    const char *subject, const struct strbuf *body)
{
	json_t *memo = json_object();
	char day[DATE_BUFSIZE];
	size_t len = body->len;

	if (len > 0 && body->buf[len - 1] == '\n')
		len--;
	date_format(date, day);
	json_object_set_new(memo, "type", json_string("memo"));
	json_object_set_new(memo, "kind", json_string("memo"));
	json_object_set_new(memo, "to", json_string(to));
	json_object_set_new(memo, "from", json_string(from));
	json_object_set_new(memo, "date", json_string(day));
	json_object_set_new(memo, "subject", json_string(subject));
	json_object_set_new(memo, "body", json_stringn(body->buf, len));
	return memo;
}

void
memo_body_table(struct strbuf *body, const struct table *t)
{
	char *text = table_string(t, TABLE_TEXT);

	strbuf_addstr(body, text);
	free(text);
}
