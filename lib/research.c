/*
 * The research summary: six parts, their rules, the context.  See
 * research.h.
 */
#include <stdio.h>
#include <string.h>

#include "field.h"
#include "i18n.h"
#include "jsontext.h"
#include "research.h"

static const char *const part_titles[RESEARCH_PARTS] = {
	N_("Purpose of the research"),
	N_("Research agency and method"),
	N_("Sample"),
	N_("Fieldwork dates and place"),
	N_("Conclusions"),
	N_("Recommended actions"),
};

const char *
research_part_title(int n)
{
	if (n < 1 || n > RESEARCH_PARTS)
		return "";
	return _(part_titles[n - 1]);
}

/* List field NAME of O as a new array: a JSON list or a "a; b" cell. */
static json_t *
list_of(json_t *o, const char *name)
{
	struct record r = { 0 };
	json_t *v;

	r.object = o;
	v = field_list(&r, name);
	return v ? v : json_array();
}

/* Fieldwork field KEY: fieldwork.KEY of the object, or a flat column. */
static const char *
fieldwork(json_t *r, const char *key, char *buf)
{
	char flat[64];
	json_t *fw = json_object_get(r, "fieldwork");

	if (json_is_object(fw))
		return field_text(fw, key, buf);
	snprintf(flat, sizeof(flat), "fieldwork.%s", key);
	return field_text(r, flat, buf);
}

static int
fieldwork_date(json_t *r, const char *key, int32_t *day, struct ae_error *err)
{
	char buf[JSONTEXT_BUFSIZE], name[64];
	const char *s = fieldwork(r, key, buf);

	if (s == NULL)
		return 0;
	if (date_parse(s, day, err) < 0) {
		snprintf(name, sizeof(name), "fieldwork.%s", key);
		ae_error_field(err, name);
		return -1;
	}
	return 1;
}

int
research_date(json_t *r, int32_t *day, struct ae_error *err)
{
	int rc;

	if ((rc = fieldwork_date(r, "to", day, err)) != 0)
		return rc;
	if ((rc = fieldwork_date(r, "from", day, err)) != 0)
		return rc;
	return field_date(FIELD_OBJECT(r), "date", day, err);
}

static int
has_text(json_t *r, const char *name)
{
	char buf[JSONTEXT_BUFSIZE];

	return field_text(r, name, buf) != NULL;
}

static int
has_items(json_t *r, const char *name)
{
	json_t *l = list_of(r, name);
	int n = json_array_size(l) > 0;

	json_decref(l);
	return n;
}

/* What part N lacks, for people, or NULL when it is there. */
static const char *
part_missing(json_t *r, int n)
{
	char buf[JSONTEXT_BUFSIZE];

	switch (n) {
	case 1:
		return has_text(r, "purpose") ? NULL : "purpose";
	case 2:
		if (!has_text(r, "agency"))
			return "agency";
		return has_text(r, "method") ? NULL : "method";
	case 3:
		return has_text(r, "sample") ? NULL : "sample";
	case 4:
		if (fieldwork(r, "from", buf) == NULL)
			return "fieldwork.from";
		if (fieldwork(r, "to", buf) == NULL)
			return "fieldwork.to";
		return fieldwork(r, "location", buf) ? NULL :
						       "fieldwork.location";
	case 5:
		return has_items(r, "conclusions") || has_items(r, "findings") ?
		    NULL :
		    "conclusions";
	default:
		return has_items(r, "actions") ? NULL : "actions";
	}
}

/* The value a finding about field NAME ("fieldwork.to") is about. */
static const json_t *
value_of(json_t *r, const char *name)
{
	const char *dot = strchr(name, '.');
	json_t *v;

	if (dot == NULL)
		return json_object_get(r, name);
	v = json_object_get(r, "fieldwork");
	return json_object_get(v, dot + 1) ? json_object_get(v, dot + 1) : v;
}

int
research_check(json_t *r, struct finding_sink *fs, struct ae_error *err)
{
	const char *miss;
	int32_t from, to;
	int n, found = 0, a, b;

	for (n = 1; n <= RESEARCH_PARTS; n++) {
		if ((miss = part_missing(r, n)) == NULL)
			continue;
		finding_on(fs, value_of(r, miss), "part",
		    _("part %d (%s) is "
		      "missing: field '%s' is empty"),
		    n, research_part_title(n), miss);
		found++;
	}
	if ((a = fieldwork_date(r, "from", &from, err)) < 0 ||
	    (b = fieldwork_date(r, "to", &to, err)) < 0)
		return -1;
	if (a && b && to < from) {
		char f[DATE_BUFSIZE], t[DATE_BUFSIZE];

		date_format(from, f);
		date_format(to, t);
		finding_on(fs, value_of(r, "fieldwork.to"), "fieldwork",
		    _("fieldwork ends (%s) before it starts (%s)"), t, f);
		found++;
	}
	return found;
}

static void
add_line(json_t *lines, const char *label, const char *text)
{
	json_t *o;

	if (text == NULL)
		return;
	o = json_pack("{s:s}", "text", text);
	if (label[0])
		json_object_set_new(o, "label", json_string(label));
	json_array_append_new(lines, o);
}

static void
fill_part(json_t *r, int n, json_t *lines, json_t *items, json_t *findings)
{
	char buf[JSONTEXT_BUFSIZE], b2[JSONTEXT_BUFSIZE], b3[JSONTEXT_BUFSIZE];
	char when[2 * JSONTEXT_BUFSIZE + 8];
	const char *from, *to;

	switch (n) {
	case 1:
		add_line(lines, "", field_text(r, "purpose", buf));
		break;
	case 2:
		add_line(lines, _("Agency"), field_text(r, "agency", buf));
		add_line(lines, _("Method"), field_text(r, "method", b2));
		break;
	case 3:
		add_line(lines, "", field_text(r, "sample", buf));
		break;
	case 4:
		from = fieldwork(r, "from", buf);
		to = fieldwork(r, "to", b2);
		if (from || to) {
			snprintf(when, sizeof(when), "%s – %s",
			    from ? from : "?", to ? to : "?");
			add_line(lines, _("Dates"), when);
		}
		add_line(lines, _("Place"), fieldwork(r, "location", b3));
		break;
	case 5:
		json_array_extend(items,
		    json_object_get(r, "conclusions_list"));
		json_array_extend(findings,
		    json_object_get(r, "findings_list"));
		break;
	default:
		json_array_extend(items, json_object_get(r, "actions_list"));
		break;
	}
}

json_t *
research_context(json_t *r, struct ae_error *err)
{
	static const char *const lists[] = { "findings", "conclusions",
		"actions" };
	json_t *ctx = json_deep_copy(r), *parts = json_array(), *p;
	char name[64];
	int32_t day;
	size_t i;
	int n;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		snprintf(name, sizeof(name), "%s_list", lists[i]);
		json_object_set_new(ctx, name, list_of(r, lists[i]));
	}
	if (fieldwork_date(r, "from", &day, err) < 0 ||
	    fieldwork_date(r, "to", &day, err) < 0) {
		json_decref(ctx);
		json_decref(parts);
		return NULL;
	}
	for (n = 1; n <= RESEARCH_PARTS; n++) {
		p = json_pack("{s:i, s:s, s:b, s:[], s:[], s:[]}", "n", n,
		    "title", research_part_title(n), "missing",
		    part_missing(r, n) != NULL, "lines", "items", "findings");
		fill_part(ctx, n, json_object_get(p, "lines"),
		    json_object_get(p, "items"),
		    json_object_get(p, "findings"));
		json_object_set_new(p, "empty",
		    json_boolean(
			json_array_size(json_object_get(p, "lines")) == 0 &&
			json_array_size(json_object_get(p, "items")) == 0 &&
			json_array_size(json_object_get(p, "findings")) == 0));
		json_object_set_new(p, "has_items",
		    json_boolean(
			json_array_size(json_object_get(p, "items")) > 0));
		json_object_set_new(p, "has_findings",
		    json_boolean(
			json_array_size(json_object_get(p, "findings")) > 0));
		json_array_append_new(parts, p);
	}
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		snprintf(name, sizeof(name), "%s_list", lists[i]);
		json_object_del(ctx, name);
	}
	json_object_set_new(ctx, "parts", parts);
	return ctx;
}
