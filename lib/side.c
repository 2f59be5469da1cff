/*
 * The side of a person: client, agency or unknown, by org names.
 */
#include <string.h>

#include "field.h"
#include "jsontext.h"
#include "side.h"

void
sides_add_agency(struct sides *s, const char *name)
{
	size_t i;

	if (name == NULL || *name == '\0' ||
	    s->nagency == sizeof(s->agency) / sizeof(s->agency[0]))
		return;
	for (i = 0; i < s->nagency; i++)
		if (strcmp(s->agency[i], name) == 0)
			return;
	s->agency[s->nagency++] = name;
}

void
sides_add_env(struct sides *s, char *env)
{
	char *p, *end;

	for (p = env; p && *p; p = end) {
		end = strchr(p, ';');
		if (end)
			*end++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		sides_add_agency(s, p);
	}
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

static int
fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
word_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

int
side_org_matches(const char *org, const char *name)
{
	size_t n = org ? strlen(org) : 0, m = name ? strlen(name) : 0, k, i;
	const char *lng;

	trim(&org, &n);
	trim(&name, &m);
	if (n == 0 || m == 0)
		return 0;
	k = n < m ? n : m;
	for (i = 0; i < k; i++)
		if (fold((unsigned char)org[i]) != fold((unsigned char)name[i]))
			return 0;
	if (n == m)
		return 1;
	/* The shorter one ends at a word's end of the longer. */
	lng = n > m ? org : name;
	return !(word_char((unsigned char)lng[k]) &&
	    word_char((unsigned char)lng[k - 1]));
}

enum side
side_of_org(const struct sides *s, const char *org)
{
	size_t i;
	int agency = 0, client;

	if (org == NULL || *org == '\0')
		return SIDE_UNKNOWN;
	for (i = 0; i < s->nagency; i++)
		agency |= side_org_matches(org, s->agency[i]);
	client = s->client && side_org_matches(org, s->client);
	if (agency == client)
		return SIDE_UNKNOWN; /* neither, or both: cannot tell */
	return agency ? SIDE_AGENCY : SIDE_CLIENT;
}

enum side
side_of(const struct sides *s, json_t *person, json_t *people)
{
	char buf[JSONTEXT_BUFSIZE];
	const char *name = person_name(person), *org = NULL, *other;
	json_t *p;
	size_t i;

	if (json_is_object(person))
		org = field_text(person, "org", buf);
	if (org == NULL && name && json_is_array(people)) {
		json_array_foreach(people, i, p)
		{
			other = person_name(p);
			if (json_is_object(p) && other &&
			    strcmp(other, name) == 0 &&
			    (org = field_text(p, "org", buf)) != NULL)
				break;
		}
	}
	return side_of_org(s, org);
}
