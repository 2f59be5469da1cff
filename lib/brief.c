/*
 * Briefs: the rules of each kind and the document context.  See brief.h.
 */
#include <stdio.h>
#include <string.h>

#include "brief.h"
#include "date.h"
#include "field.h"
#include "i18n.h"
#include "jsontext.h"
#include "money.h"

struct signoff {
	const char *key;
	const char *role; /* N_() label */
};

static const struct signoff signoffs[] = {
	{ "account", N_("Account lead") },
	{ "creative", N_("Creative lead") },
	{ "client", N_("Client") },
	{ "gm", N_("General manager") },
	{ "account_director", N_("Account director") },
	{ "creative_director", N_("Creative director") },
};
#define NSIGNOFFS (sizeof(signoffs) / sizeof(signoffs[0]))

static const char *const creative_fields[] = { "objective", "target",
	"proposition", "deliverables", "budget", "due", NULL };
static const char *const media_fields[] = { "budget", "period", "target",
	"markets", "kpis", "due", NULL };
static const char *const creative_signoffs[] = { "account", "creative",
	"client", NULL };
static const char *const strategy_signoffs[] = { "client", "gm",
	"account_director", "creative_director", NULL };

static const char *const list_fields[] = { "support", "mandatories",
	"deliverables", "markets", "kpis", "media", NULL };

/* Whether field NAME holds something: text, a non-empty list or object. */
static int
has(const struct record *r, const char *name)
{
	char buf[JSONTEXT_BUFSIZE];
	json_t *v;

	if (r->object == NULL)
		return record_value(r, name, buf) != NULL;
	v = json_object_get(r->object, name);
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_object(v))
		return json_object_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	return 1;
}

const char *
brief_signoff_role(const char *key)
{
	size_t i;

	for (i = 0; i < NSIGNOFFS; i++)
		if (strcmp(signoffs[i].key, key) == 0)
			return _(signoffs[i].role);
	return key;
}

/* approvals.KEY: an object {name, date} or a name alone. */
static void
approval(const struct record *r, const char *key, const char **name,
    const char **date)
{
	json_t *a = r->object ? json_object_get(r->object, "approvals") : NULL;
	json_t *v = json_object_get(a, key);

	*name = *date = NULL;
	if (json_is_string(v)) {
		*name = json_string_value(v);
	} else if (json_is_object(v)) {
		*name = json_string_value(json_object_get(v, "name"));
		*date = json_string_value(json_object_get(v, "date"));
	}
	if (*name && **name == '\0')
		*name = NULL;
	if (*date && **date == '\0')
		*date = NULL;
}

/* The role in a finding: lower case, as findings are sentences. */
static const char *
role_lower(const char *key, char *buf, size_t size)
{
	size_t i;

	snprintf(buf, size, "%s", brief_signoff_role(key));
	for (i = 0; buf[i]; i++)
		if (buf[i] >= 'A' && buf[i] <= 'Z')
			buf[i] = (char)(buf[i] - 'A' + 'a');
	return buf;
}

/*
 * What a finding about approvals.KEY is about: the sign-off, else the
 * approvals, else (NULL) the brief.
 */
static const json_t *
approval_value(const struct record *r, const char *key)
{
	json_t *a = record_json(r, "approvals"), *v = json_object_get(a, key);

	return v ? v : a;
}

static int
check_signoffs(const struct record *r, const char *const *keys,
    struct finding_sink *fs)
{
	const char *name, *date;
	char role[64];
	int n = 0;

	for (; *keys; keys++) {
		role_lower(*keys, role, sizeof(role));
		approval(r, *keys, &name, &date);
		if (name == NULL)
			finding_on(fs, approval_value(r, *keys), "signoff",
			    _("no sign-off by the %s (approvals.%s)"), role,
			    *keys);
		else if (date == NULL)
			finding_on(fs, approval_value(r, *keys), "signoff",
			    _("sign-off by the %s (approvals.%s) has no date"),
			    role, *keys);
		else
			continue;
		n++;
	}
	return n;
}

static int
check_fields(const struct record *r, const char *kind,
    const char *const *fields, struct finding_sink *fs)
{
	int n = 0;

	for (; *fields; fields++) {
		if (has(r, *fields))
			continue;
		/* An empty field is where it was left empty. */
		finding_on(fs, record_json(r, *fields), "required",
		    strcmp(kind, "media") == 0 ?
			_("media brief has no '%s'") :
			_("creative brief has no '%s'"),
		    *fields);
		n++;
	}
	return n;
}

static int
check_lead_time(const struct record *r, int32_t as_of, struct finding_sink *fs,
    struct ae_error *err)
{
	char d1[DATE_BUFSIZE], d2[DATE_BUFSIZE];
	int32_t due, from = as_of;
	int rc;

	if ((rc = field_date(r, "due", &due, err)) <= 0)
		return rc;
	if ((rc = field_date(r, "date", &from, err)) < 0)
		return -1;
	if (rc == 0)
		from = as_of;
	if (due - from >= BRIEF_MEDIA_LEAD_DAYS)
		return 0;
	date_format(due, d1);
	date_format(from, d2);
	finding_on(fs, record_json(r, "due"), "lead-time",
	    _("media brief "
	      "gives the media team %ld days (%s to %s); at least %d needed"),
	    (long)due - from, d2, d1, BRIEF_MEDIA_LEAD_DAYS);
	return 1;
}

/*
 * 由项目负责人制定…签字通过，客户确认: the client confirms what the agency
 * signed, so the client's sign-off is dated on or after every internal
 * one (not for a strategy, which all sign together) and, for every
 * kind, on or after the brief's own date.  A date that cannot be read
 * is bad data (-1, ERR).
 */
static int
check_signoff_order(const struct record *r, struct finding_sink *fs,
    struct ae_error *err)
{
	const char *name, *date, *cdate;
	char role[64], field[64], dbuf[JSONTEXT_BUFSIZE];
	int32_t client, d;
	size_t i;
	char kbuf[JSONTEXT_BUFSIZE];
	const char *kind = record_value(r, "kind", kbuf);
	int n = 0, rc, is_strategy = kind && strcmp(kind, "strategy") == 0;

	approval(r, "client", &name, &cdate);
	if (cdate == NULL)
		return 0;
	if (date_parse(cdate, &client, err) != 0) {
		ae_error_at(err, r->source, r->line, 0);
		ae_error_field(err, "approvals.client.date");
		return -1;
	}
	if ((rc = field_date(r, "date", &d, err)) < 0)
		return -1;
	if (rc > 0 && client < d) {
		finding_on(fs, approval_value(r, "client"), "signoff-order",
		    _("the client signed on %s, before the brief's date %s"),
		    cdate, record_value(r, "date", dbuf));
		n++;
	}
	/* A strategy is signed by all together (共同制定，签字并取得一致). */
	for (i = 0; !is_strategy && i < NSIGNOFFS; i++) {
		if (strcmp(signoffs[i].key, "client") == 0)
			continue;
		approval(r, signoffs[i].key, &name, &date);
		if (date == NULL)
			continue;
		if (date_parse(date, &d, err) != 0) {
			snprintf(field, sizeof(field), "approvals.%s.date",
			    signoffs[i].key);
			ae_error_at(err, r->source, r->line, 0);
			ae_error_field(err, field);
			return -1;
		}
		if (client >= d)
			continue;
		finding_on(fs, approval_value(r, "client"), "signoff-order",
		    _("the client signed on %s, before the %s (approvals.%s) "
		      "on %s"),
		    cdate, role_lower(signoffs[i].key, role, sizeof(role)),
		    signoffs[i].key, date);
		n++;
	}
	return n;
}

/* The fields that say what a strategy is (传播策略: a concise summary). */
static const char *const strategy_content[] = { "background", "objective",
	"target", "insight", "proposition", "support", "tone", NULL };

static int
check_strategy_content(const struct record *r, struct finding_sink *fs)
{
	size_t i;

	for (i = 0; strategy_content[i]; i++)
		if (has(r, strategy_content[i]))
			return 0;
	finding_add(fs, "required", "%s",
	    _("strategy brief has no content: "
	      "none of background, objective, target, insight, proposition, "
	      "support, tone"));
	return 1;
}

int
brief_check(const struct record *r, int32_t as_of, struct finding_sink *fs,
    struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *kind = record_value(r, "kind", buf);
	int n = 0, rc;

	if (kind == NULL)
		return 0;
	if (strcmp(kind, "creative") == 0) {
		n += check_fields(r, kind, creative_fields, fs);
		n += check_signoffs(r, creative_signoffs, fs);
	} else if (strcmp(kind, "media") == 0) {
		n += check_fields(r, kind, media_fields, fs);
		if ((rc = check_lead_time(r, as_of, fs, err)) < 0)
			return -1;
		n += rc;
	} else if (strcmp(kind, "strategy") == 0) {
		n += check_strategy_content(r, fs);
		n += check_signoffs(r, strategy_signoffs, fs);
	}
	if ((rc = check_signoff_order(r, fs, err)) < 0)
		return -1;
	return n + rc;
}

static const char *
kind_name(const char *kind)
{
	if (kind == NULL)
		return "";
	if (strcmp(kind, "creative") == 0)
		return _("Creative brief");
	if (strcmp(kind, "media") == 0)
		return _("Media brief");
	if (strcmp(kind, "strategy") == 0)
		return _("Communication strategy");
	return kind;
}

json_t *
brief_context(const struct record *r, const char *def_currency, int32_t as_of,
    struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE], cur[8], money[MONEY_BUFSIZE + 8];
	char day[DATE_BUFSIZE];
	json_t *ctx = record_to_json(r), *list, *signed_ = json_array();
	const char *const *f, *name, *date;
	int64_t budget;
	int digits, rc;
	size_t i;

	for (f = list_fields; *f; f++) {
		char has_name[32];

		if ((list = field_list(r, *f)) == NULL)
			continue;
		snprintf(has_name, sizeof(has_name), "has_%s", *f);
		json_object_set_new(ctx, has_name,
		    json_boolean(json_array_size(list) > 0));
		json_object_set_new(ctx, *f, list);
	}
	json_object_set_new(ctx, "kind_name",
	    json_string(kind_name(record_value(r, "kind", buf))));
	if (field_currency(r, def_currency, cur, &digits, err) < 0 ||
	    (rc = field_money(r, "budget", cur, digits, &budget, err)) < 0) {
		json_decref(ctx);
		json_decref(signed_);
		return NULL;
	}
	if (rc > 0) {
		size_t n = (size_t)snprintf(money, sizeof(money), "%s ", cur);

		money_format(budget, digits, 1, money + n, sizeof(money) - n);
		json_object_set_new(ctx, "budget_text", json_string(money));
	}
	for (i = 0; i < NSIGNOFFS; i++) {
		json_t *s;

		approval(r, signoffs[i].key, &name, &date);
		if (name == NULL && date == NULL)
			continue;
		s = json_object();
		json_object_set_new(s, "role",
		    json_string(_(signoffs[i].role)));
		json_object_set_new(s, "name", json_string(name ? name : ""));
		json_object_set_new(s, "date", json_string(date ? date : ""));
		json_array_append_new(signed_, s);
	}
	json_object_set_new(ctx, "signoffs", signed_);
	date_format(as_of, day);
	json_object_set_new(ctx, "as_of", json_string(day));
	return ctx;
}
