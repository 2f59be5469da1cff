/*
 * Shared by the reader fuzz targets: reads DATA as a whole input through
 * the record reader, touching every field, and writes every record back
 * out, so the reader and both writers see the same bytes.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "reader.h"
#include "writer.h"

/*
 * The rejects invariant (SPEC §2): every record read, good or bad, has
 * bytes --rejects could write, so accepted + rejected = records read.
 */
static inline void
assert_has_bytes(const struct reader *rd)
{
	size_t len;

	reader_raw(rd, &len);
	if (len == 0)
		__builtin_trap();
}

static inline int
fuzz_reader_enc(const uint8_t *data, size_t size, enum input_format fmt,
    const char *encoding)
{
	struct reader_options opts = { fmt, encoding, 0 };
	char buf[JSONTEXT_BUFSIZE];
	const struct record *r;
	struct ae_error err;
	struct reader *rd;
	struct rec_writer *csv, *json;
	FILE *sink = fopen("/dev/null", "w");
	int fd = memfd_create("fuzz", 0), rc;
	size_t i, n;

	if (fd < 0 || sink == NULL || write(fd, data, size) != (ssize_t)size)
		__builtin_trap();
	lseek(fd, 0, SEEK_SET);
	ae_error_clear(&err);
	rd = reader_open_fd(fd, "fuzz", &opts, &err);
	csv = rec_writer_new(sink, RECORD_CSV, CSV_EXCEL);
	json = rec_writer_new(sink, RECORD_JSON, 0);
	for (n = 0; n < 100000; n++) {
		ae_error_clear(&err);
		rc = reader_next(rd, &r, &err);
		if (rc == 0 || (rc < 0 && !reader_can_go_on(rd)))
			break;
		if (rc < 0 && err.line > 0 && err.code == AE_EDATA)
			assert_has_bytes(rd);
		if (rc < 0)
			continue;
		assert_has_bytes(rd);
		for (i = 0; i < record_size(r); i++)
			record_text_at(r, i, buf);
		rec_writer_put(csv, r, &err);
		rec_writer_put(json, r, &err);
	}
	rec_writer_free(csv);
	rec_writer_free(json);
	reader_close(rd);
	fclose(sink);
	return 0;
}

static inline int
fuzz_reader(const uint8_t *data, size_t size, enum input_format fmt)
{
	return fuzz_reader_enc(data, size, fmt, NULL);
}
