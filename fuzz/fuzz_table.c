/*
 * libFuzzer target: the text tables (table.h).  The input's lines are the
 * rows, tab-separated cells; the first is the headings, a line "--" a
 * rule, the flags set each column's alignment.  The table pads no line
 * with trailing blanks (the cells here end in none of their own).
 */
#include "fuzz_tool.h"
#include "table.h"

static void
add_column(struct table *t, const char *text, int right)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "H%s", text);
	table_column(t, sb.buf, right ? TABLE_RIGHT : TABLE_LEFT);
	strbuf_release(&sb);
}

static void
add_cells(struct table *t, const char *line, int heading, unsigned flags)
{
	const char *p = line, *tab;
	size_t len;
	int col = 0;
	char *cell;

	do {
		tab = strchr(p, '\t');
		len = tab ? (size_t)(tab - p) : strlen(p);
		while (len > 0 && p[len - 1] == ' ')
			len--;
		cell = xstrndup(p, len);
		/* A visible heading gives its column a width, so that a
		   rule line ends in dashes. */
		if (heading)
			add_column(t, cell, flags >> (col % 13) & 1);
		else if (col % 7 == 6)
			table_cellf(t, "%s·%d", cell, col);
		else
			table_cell(t, cell);
		free(cell);
		col++;
		if (tab != NULL)
			p = tab + 1;
	} while (tab != NULL && col < 64);
}

static void
check_output(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == '\n' && i > 0 && s[i - 1] == ' ')
			__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *line, *save = NULL, *out = NULL;
	struct table *t = table_new();
	unsigned flags = size >= 2 ? data[0] | data[1] << 8 : 0;
	size_t outlen = 0;
	int first = 1;
	FILE *f;

	text = xstrndup(size >= 2 ? (const char *)data + 2 : "",
	    size >= 2 ? size - 2 : 0);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (!first && strcmp(line, "--") == 0) {
			table_rule(t);
			continue;
		}
		if (!first)
			table_row(t);
		add_cells(t, line, first, flags);
		first = 0;
	}
	if ((f = open_memstream(&out, &outlen)) == NULL)
		__builtin_trap();
	table_print(t, f);
	fclose(f);
	check_output(out, outlen);
	free(out);
	table_free(t);
	free(text);
	return 0;
}
