/* libFuzzer target: the JSON side of the record reader. */
#include "fuzz_reader.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader(data, size, INPUT_JSON);
}
