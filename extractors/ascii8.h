/* ascii8.h: ASCII case on eight bytes at once, one 64-bit word (SWAR).
 * The hashes and keys of the gazetteer, NER, date and entity clustering fold
 * words this way, so they share it: each must fold exactly as its byte-wise
 * fallback does (only 'A' to 'Z' change; other bytes, UTF-8 ones too, stay). */
#ifndef EXTRACTD_ASCII8_H
#define EXTRACTD_ASCII8_H

#include <stdint.h>

/* 0x80 in each byte of w that is an ASCII capital, exactly: the low seven
 * bits plus 0x3f reach 0x80 from 'A' on, plus 0x25 from 'Z' + 1 on (no carry
 * crosses a byte), and a byte with its high bit set is never a capital. */
static inline uint64_t ascii8_upper(uint64_t w)
{
	const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
	uint64_t low7 = w & ~high;
	uint64_t ge_a = low7 + ones * (0x80 - 'A');
	uint64_t gt_z = low7 + ones * (0x80 - 'Z' - 1);
	return ge_a & ~gt_z & ~w & high;
}

/* w with its ASCII capitals in lower case (0x20 added to each). */
static inline uint64_t ascii8_fold(uint64_t w)
{
	return w | ascii8_upper(w) >> 2;
}

#endif
