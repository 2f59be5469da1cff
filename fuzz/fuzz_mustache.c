/*
 * Fuzzes lib/mustache.  The input is a template, a NUL byte and a JSON
 * context; without the NUL, or when the JSON does not parse, a fixed
 * context with strings, lists and nested objects is used.  Every partial
 * is the template itself, so that recursion meets the depth limit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mustache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fixed_context[] =
    "{\"name\":\"上海某某公司\",\"html\":\"<a href=\\\"x\\\">&</a>\","
    "\"n\":1.5,\"zero\":0,\"empty\":\"\",\"t\":true,\"f\":false,"
    "\"none\":null,\"list\":[\"a\",2,{\"name\":\"b\",\"list\":[]}],"
    "\"a\":{\"b\":{\"c\":{\"d\":\"deep\"}},\"list\":[[1,2],[3]]},"
    "\"items\":[{\"item\":\"x\",\"qty\":2},{\"item\":\"y\",\"qty\":0}]}";

/* Sections nested over one list grow exponentially; these bound a run. */
#define FUZZ_MAX_STEPS	20000
#define FUZZ_MAX_OUTPUT	(1 << 20)

static const char *
self_partial(const char *name, void *ctx, const char **source)
{
	(void)name;
	*source = "self";
	return ctx;
}

static json_t *
load_context(const uint8_t *json, size_t len)
{
	json_error_t jerr;
	json_t *ctx = NULL;

	if (json != NULL)
		ctx = json_loadb((const char *)json, len, JSON_DECODE_ANY,
		    &jerr);
	if (ctx == NULL)
		ctx = json_loads(fixed_context, 0, &jerr);
	return ctx;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t tlen = nul ? (size_t)(nul - data) : size;
	struct mustache_options opts = { 0 };
	struct strbuf out = STRBUF_INIT;
	struct ae_error err;
	struct mustache *m;
	char *tpl;
	json_t *ctx;

	tpl = xstrndup((const char *)data, tlen);
	ctx = nul ? load_context(nul + 1, size - tlen - 1) :
	    load_context(NULL, 0);
	opts.partial = self_partial;
	opts.partial_ctx = tpl;
	opts.max_steps = FUZZ_MAX_STEPS;
	opts.max_output = FUZZ_MAX_OUTPUT;
	ae_error_clear(&err);
	m = mustache_compile(tpl, tlen, "fuzz", &err);
	if (m != NULL) {
		/* Twice: the second run takes its partials from the cache. */
		mustache_execute(m, ctx, &opts, &out, &err);
		ae_error_clear(&err);
		opts.no_escape = 1;
		strbuf_reset(&out);
		mustache_execute(m, ctx, &opts, &out, &err);
	}
	mustache_free(m);
	strbuf_release(&out);
	json_decref(ctx);
	free(tpl);
	return 0;
}
