/*
 * capital.h — an amount in Chinese capital numerals (大写金额), as cheques,
 * invoices and estimates write it: 壹万贰仟叁佰肆拾伍元陆角柒分, 伍佰元整.
 */
#ifndef AEKIT_CAPITAL_H
#define AEKIT_CAPITAL_H

#include <stdint.h>

#include "strbuf.h"

/*
 * Appends V (fen: two minor digits, as for CNY) in capital numerals to
 * OUT: "负" before a negative amount, 零 where the zeros call for one
 * (壹仟零壹元, 壹万零伍拾元, 壹元零伍分), "整" after a whole yuan amount,
 * "零元整" for zero.  Groups above the 万 use 亿 (壹万贰仟亿元).
 */
void capital_zh(int64_t v, struct strbuf *out);

#endif
