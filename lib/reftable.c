#include "reftable.h"
#include "schema.h"

int
reftable_load(const char *path, const struct reader_options *opts,
    const char *type, const char *def_currency, reftable_fn fn, void *ctx,
    struct ae_error *err)
{
	const struct record *r;
	struct reader *rd;
	int rc;

	if (def_currency == NULL)
		def_currency = "CNY";
	if ((rd = reader_open(path, opts, err)) == NULL)
		return -1;
	while ((rc = reader_next(rd, &r, err)) > 0) {
		ae_error_clear(err);
		if (schema_require(r, type, def_currency, err) < 0 ||
		    fn(r, ctx, err) != 0) {
			rc = -1;
			break;
		}
	}
	reader_close(rd);
	return rc < 0 ? -1 : 0;
}
