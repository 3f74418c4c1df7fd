/* hash_mix.h: the word-at-a-time string hash that the gazetteer's unit keys
 * (gaz_image.h) and NER's cue-table keys (ner_cues.h) are both built from.
 * The bytes are read as little-endian 64-bit words (the last one
 * zero-padded) and mixed one multiply per word, then the length.  Each user
 * has its own seed and its own rule for the values it reserves, so the two
 * hashes differ; only the mixing is shared.  A change here changes the
 * gazetteer image's keys: bump GAZ_FORMAT_VERSION (gaz_image.h) with it. */
#ifndef EXTRACTD_HASH_MIX_H
#define EXTRACTD_HASH_MIX_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Eight bytes as a little-endian word (byte k in bits 8k..8k+7). */
static inline uint64_t hm_le64(const void *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/* The first n < 8 bytes of p, zero-padded, as hm_le64() would read them. */
static inline uint64_t hm_le64_part(const void *p, size_t n)
{
	unsigned char b[8] = {0};
	memcpy(b, p, n);
	return hm_le64(b);
}

/* One word into the running hash. */
static inline uint64_t hm_step(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 29);
}

/* h after stepping in the n bytes at s, eight at a time (the last word
 * zero-padded): everything of a hash but the finish. */
static inline uint64_t hm_words(uint64_t h, const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8)
		h = hm_step(h, hm_le64(s + i));
	if (i < n)
		h = hm_step(h, hm_le64_part(s + i, n - i));
	return h;
}

/* The length in, after the last word; the caller maps its reserved values. */
static inline uint64_t hm_finish(uint64_t h, size_t n)
{
	h = (h ^ ((uint64_t)n << 56)) * 0xff51afd7ed558ccdull;
	return h ^ (h >> 32);
}

#endif
