/* libFuzzer target: the reader's GB18030 path, CSV and JSON. */
#include "fuzz_reader.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	return fuzz_reader_enc(data + 1, size - 1,
	    data[0] & 1 ? INPUT_JSON : INPUT_CSV, "gb18030");
}
