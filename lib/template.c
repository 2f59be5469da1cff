#include <string.h>

#include "template.h"
#include "templates.h"

const char *
template_builtin(const char *name)
{
	const struct embedded_template *t;

	for (t = embedded_templates; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t->text;
	return NULL;
}
