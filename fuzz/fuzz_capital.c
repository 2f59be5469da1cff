/*
 * libFuzzer target: the capital numerals (capital.h).  The input is an
 * amount in fen (eight bytes, or its decimal text); the numerals written
 * are only the capital digits, units, 负 and 整, and never empty.
 */
#include "fuzz_tool.h"
#include "capital.h"
#include "money.h"

static const char *const words[] = { "零", "壹", "贰", "叁", "肆", "伍", "陆",
	"柒", "捌", "玖", "拾", "佰", "仟", "万", "亿", "元", "角", "分", "整",
	"负", NULL };

static void
check_numerals(const struct strbuf *sb)
{
	size_t i = 0, k, n;

	if (sb->len == 0)
		__builtin_trap();
	while (i < sb->len) {
		for (k = 0; words[k]; k++) {
			n = strlen(words[k]);
			if (i + n <= sb->len && memcmp(sb->buf + i, words[k],
			    n) == 0)
				break;
		}
		if (words[k] == NULL)
			__builtin_trap();
		i += n;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	struct ae_error err;
	int64_t v = 0;
	char *s;

	if (size == sizeof(v)) {
		memcpy(&v, data, sizeof(v));
	} else {
		s = xstrndup((const char *)data, size);
		ae_error_clear(&err);
		if (money_parse(s, 2, "CNY", &v, &err) != 0)
			v = (int64_t)size * 100 + 5;
		free(s);
	}
	capital_zh(v, &sb);
	check_numerals(&sb);
	strbuf_release(&sb);
	return 0;
}
