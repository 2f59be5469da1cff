/*
 * Chinese capital numerals for amounts.  See capital.h.
 */
#include "capital.h"

static const char *const numeral[] = { "零", "壹", "贰", "叁", "肆", "伍", "陆",
	"柒", "捌", "玖" };
static const char *const place[] = { "", "拾", "佰", "仟" };

/* 1..9999, no leading 零; zeros inside collapse to one 零. */
static void
four_digits(unsigned n, struct strbuf *out)
{
	unsigned div = 1000;
	int pos, zero = 0, written = 0;

	for (pos = 3; pos >= 0; pos--, div /= 10) {
		unsigned d = n / div % 10;

		if (d == 0) {
			zero = written;
			continue;
		}
		if (zero)
			strbuf_addstr(out, numeral[0]);
		strbuf_addstr(out, numeral[d]);
		strbuf_addstr(out, place[pos]);
		zero = 0;
		written = 1;
	}
}

/* N > 0 with 万 and 亿 groups, 零 where a group starts with zeros. */
static void
whole(uint64_t n, struct strbuf *out)
{
	uint64_t hi, lo;

	if (n >= 100000000) {
		hi = n / 100000000;
		lo = n % 100000000;
		whole(hi, out);
		strbuf_addstr(out, "亿");
		if (lo > 0) {
			if (lo < 10000000)
				strbuf_addstr(out, numeral[0]);
			whole(lo, out);
		}
	} else if (n >= 10000) {
		hi = n / 10000;
		lo = n % 10000;
		four_digits((unsigned)hi, out);
		strbuf_addstr(out, "万");
		if (lo > 0) {
			if (lo < 1000)
				strbuf_addstr(out, numeral[0]);
			four_digits((unsigned)lo, out);
		}
	} else {
		four_digits((unsigned)n, out);
	}
}

void
capital_zh(int64_t v, struct strbuf *out)
{
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t yuan = mag / 100;
	unsigned jiao = (unsigned)(mag / 10 % 10), fen = (unsigned)(mag % 10);

	if (mag == 0) {
		strbuf_addstr(out, "零元整");
		return;
	}
	if (v < 0)
		strbuf_addstr(out, "负");
	if (yuan > 0) {
		whole(yuan, out);
		strbuf_addstr(out, "元");
	}
	if (jiao == 0 && fen == 0) {
		strbuf_addstr(out, "整");
		return;
	}
	if (jiao > 0) {
		strbuf_addstr(out, numeral[jiao]);
		strbuf_addstr(out, "角");
	} else if (yuan > 0) {
		strbuf_addstr(out, numeral[0]);
	}
	if (fen > 0) {
		strbuf_addstr(out, numeral[fen]);
		strbuf_addstr(out, "分");
	}
}
