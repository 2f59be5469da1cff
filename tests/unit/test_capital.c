/*
 * Capital numerals for amounts, against forms written out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "capital.h"

static void
expect(int64_t fen, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	capital_zh(fen, &sb);
	if (strcmp(sb.buf, want) != 0)
		fail_msg("%lld: '%s', want '%s'", (long long)fen, sb.buf, want);
	strbuf_release(&sb);
}

static void
test_capital(void **state)
{
	(void)state;
	expect(1234567, "壹万贰仟叁佰肆拾伍元陆角柒分");
	expect(50000, "伍佰元整");
	expect(0, "零元整");
	expect(5, "伍分");
	expect(50, "伍角");
	expect(105, "壹元零伍分");
	expect(150, "壹元伍角");
	expect(100100, "壹仟零壹元整");
	expect(101000, "壹仟零壹拾元整");
	expect(1000, "壹拾元整");
	expect(1005000, "壹万零伍拾元整");
	expect(1000000, "壹万元整");
	expect(10000100, "壹拾万零壹元整");
	expect(10000000000, "壹亿元整");
	expect(10001000000, "壹亿零壹万元整");
	expect(12345000000000, "壹仟贰佰叁拾肆亿伍仟万元整");
	expect(120000000000000, "壹万贰仟亿元整");
	expect(-786255, "负柒仟捌佰陆拾贰元伍角伍分");
	/* 922337203,68547758.07 yuan: 亿 of 亿. */
	expect(INT64_MAX, "玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万"
	    "柒仟柒佰伍拾捌元零柒分");
	expect(INT64_MIN, "负玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万"
	    "柒仟柒佰伍拾捌元零捌分");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capital),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
