#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"

/*
 * The shortest "%.*e" digits that read back as the same double, written
 * positionally ("1500000", "0.05") where that stays short.  This is the
 * one place a double is looked at, and only to recover the digits the
 * JSON text had.
 */
void
json_real_text(double d, char *buf)
{
	char tmp[JSONTEXT_BUFSIZE], digits[24];
	int prec, exp, n = 0, i;
	char *p, *q = buf;

	/*
	 * A double whose shortest text has at most 15 digits prints as those
	 * digits padded with zeros at 15, so trying 15, 16 and 17 digits and
	 * dropping the zeros finds the shortest text in three tries at most.
	 */
	for (prec = 14; prec < 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	p = tmp;
	if (*p == '-')
		*q++ = *p++;
	for (; *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	exp = atoi(p + 1);
	while (n > 1 && digits[n - 1] == '0')
		n--;
	if (exp < -7 || exp > 20) {
		*q++ = digits[0];
		if (n > 1) {
			*q++ = '.';
			memcpy(q, digits + 1, (size_t)n - 1);
			q += n - 1;
		}
		snprintf(q, 16, "e%c%02d", exp < 0 ? '-' : '+',
		    abs(exp) % 1000);
		return;
	}
	if (exp < 0) {
		*q++ = '0';
		*q++ = '.';
		for (i = -1; i > exp; i--)
			*q++ = '0';
		memcpy(q, digits, (size_t)n);
		q += n;
	} else {
		for (i = 0; i <= exp || i < n; i++) {
			if (i == exp + 1)
				*q++ = '.';
			*q++ = i < n ? digits[i] : '0';
		}
	}
	*q = '\0';
}

const char *
json_scalar_text(json_t *v, char *buf)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		return json_string_value(v);
	case JSON_INTEGER:
		snprintf(buf, JSONTEXT_BUFSIZE, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		return buf;
	case JSON_REAL:
		json_real_text(json_real_value(v), buf);
		return buf;
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	default:
		return NULL;
	}
}

const char *
json_error_words(const json_error_t *jerr)
{
	if (strstr(jerr->text, "JSON_ALLOW_NUL"))
		return "\\u0000 (a NUL character) is not allowed in a string";
	if (strncmp(jerr->text, "unable to decode byte", 21) == 0)
		return "invalid UTF-8 byte sequence";
	if (strstr(jerr->text, "JSON_DECODE_ANY"))
		return "expected a JSON value";
	/* "unexpected token near end of file", "']' expected near end..." */
	if (strstr(jerr->text, "near end of file"))
		return "unexpected end of input in a JSON value";
	return jerr->text;
}

long
json_error_column(const json_error_t *jerr)
{
	const char *near = strstr(jerr->text, " near '"), *p, *end;
	long n = 0;

	/* A bad byte or a \u0000 is best shown where it stands. */
	if (near == NULL || jerr->column <= 0 ||
	    strstr(jerr->text, "JSON_ALLOW_NUL") ||
	    strncmp(jerr->text, "unable to decode byte", 21) == 0)
		return jerr->column;
	near += 7;
	end = strrchr(near, '\'');
	if (end == NULL)
		return jerr->column;
	for (p = near; p < end; p++) {
		if (*p == '\n')
			return jerr->column;
		if (((unsigned char)*p & 0xC0) != 0x80)
			n++;
	}
	return n > 0 && n <= jerr->column ? jerr->column - n + 1 : jerr->column;
}

/*
 * The key of the top-level member of the JSON object at S that offset
 * OFF falls in, into BUF; NULL when OFF is not inside a member.
 */
const char *
json_field_at(const char *s, size_t off, char *buf, size_t size)
{
	size_t i, k = 0;
	int depth = 0, in_str = 0, esc = 0, want_key = 0, in_key = 0;

	buf[0] = '\0';
	for (i = 0; i < off; i++) {
		char c = s[i];
		if (in_str) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				in_str = in_key = 0;
			if (in_key && in_str && k + 1 < size)
				buf[k++] = c, buf[k] = '\0';
			continue;
		}
		if (depth == 0 && strchr(" \t\r\n", c) == NULL)
			buf[0] = '\0'; /* outside the object */
		if (c == '"') {
			in_str = 1;
			if (want_key && depth == 1) {
				in_key = 1;
				want_key = 0;
				k = 0;
				buf[0] = '\0';
			}
		} else if (c == '{' || c == '[') {
			want_key = ++depth == 1;
		} else if (c == '}' || c == ']') {
			depth--;
		} else if (c == ',' && depth == 1) {
			want_key = 1;
			buf[0] = '\0'; /* between members */
		}
	}
	return buf[0] ? buf : NULL;
}

void
json_error_fill(const char *s, const json_error_t *jerr, struct ae_error *err)
{
	char key[128];
	const char *field =
	    json_field_at(s, (size_t)jerr->position, key, sizeof(key));

	if (field)
		ae_error_field(err, field);
	ae_error_set(err, AE_EDATA, "%s", json_error_words(jerr));
}
