/*
 * side.h — which side of the table a person sits on: the client's or the
 * agency's.  The agency is told by its configured names (the record's
 * `agency`, `--agency NAME`, AEKIT_AGENCY), the client by the record's
 * `client`; a person whose org matches neither is of an unknown side,
 * and the tools say so rather than guess.
 *
 * An org matches a name when the two are equal (ASCII case and
 * surrounding blanks aside) or one is the other cut short at a word's
 * end: "海棠乳业" matches "海棠乳业有限公司", "Acme" matches "Acme Foods
 * Ltd", "Acme" does not match "Acmeo".
 */
#ifndef AEKIT_SIDE_H
#define AEKIT_SIDE_H

#include <stddef.h>

#include <jansson.h>

enum side {
	SIDE_UNKNOWN,
	SIDE_CLIENT,
	SIDE_AGENCY
};

struct sides {
	const char *client;	/* the client's name, or NULL */
	const char *agency[16]; /* the agency's names */
	size_t nagency;
};

/* Adds NAME (ignored when NULL, empty or already there, or when full). */
void sides_add_agency(struct sides *s, const char *name);

/* Adds each name of AEKIT_AGENCY, split at ';'.  Keeps the strings. */
void sides_add_env(struct sides *s, char *env);

/* Whether ORG names NAME (see above). */
int side_org_matches(const char *org, const char *name);

/* The side of an org; NULL or empty is unknown. */
enum side side_of_org(const struct sides *s, const char *org);

/*
 * The side of PERSON (a name string or {name, org, ...}): its org, else
 * the org of the person of the same name in PEOPLE (a list of such, or
 * NULL).
 */
enum side side_of(const struct sides *s, json_t *person, json_t *people);

#endif
