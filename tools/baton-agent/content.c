/*
 * Deterministic memfd content and its CRC32C digest. Word i of a file holds
 * a seed-dependent bijection of i, so lost, swapped or zeroed pages all
 * change the digest and are located by content_first_mismatch().
 */
#include <string.h>

#include <baton/crc32c.h>

#include "agent.h"

#define PAGE_BYTES	4096ull
#define SPARSE_STRIDE	16ull

static inline uint64_t content_word(uint64_t seed, uint64_t index)
{
	uint64_t x = (seed ^ index) * 0xd6e8feb86659fd93ull;

	return x ^ (x >> 32);
}

bool fill_page_has_data(uint32_t fill, uint64_t page, uint64_t size)
{
	uint64_t last = size ? (size - 1) / PAGE_BYTES : 0;

	switch (fill) {
	case FILL_FULL:
		return true;
	case FILL_SPARSE:
		return page % SPARSE_STRIDE == 0 || page == last;
	default:
		return false;
	}
}

/* Expected bytes of [start, end) of one page, written to dst. */
static void generate_range(unsigned char *dst, uint64_t start, uint64_t end,
			   uint64_t seed)
{
	uint64_t off = start;

	while (off + 8 <= end) {
		uint64_t w = content_word(seed, off / 8);

		memcpy(dst + (off - start), &w, 8);
		off += 8;
	}
	if (off < end) {
		uint64_t w = content_word(seed, off / 8);

		memcpy(dst + (off - start), &w, end - off);
	}
}

void content_generate(void *map, uint64_t size, uint64_t seed, uint32_t fill)
{
	unsigned char *bytes = map;
	uint64_t page;

	for (page = 0; page * PAGE_BYTES < size; page++) {
		uint64_t start = page * PAGE_BYTES;
		uint64_t end = start + PAGE_BYTES < size ? start + PAGE_BYTES
							  : size;

		if (fill == FILL_SPARSE &&
		    !fill_page_has_data(fill, page, size)) {
			/* skip straight to the next data page */
			uint64_t next = (page / SPARSE_STRIDE + 1) *
					SPARSE_STRIDE;
			uint64_t last = (size - 1) / PAGE_BYTES;

			page = (next < last ? next : last) - 1;
			continue;
		}
		if (!fill_page_has_data(fill, page, size))
			return;
		generate_range(bytes + start, start, end, seed);
	}
}

/* CRC32C, the digest baton computes from preserved memory (SSE4.2 if any). */
uint32_t content_digest(const void *map, uint64_t size)
{
	return crc32c(0, map, (size_t)size);
}

/*
 * Manifest version 1's digest (64-bit words folded by rotate/multiply), kept
 * so `verify` still checks handovers recorded by older agents, e.g. the
 * real Linux 7.2 vectors in tests/vectors/linux-7.2.
 */
uint64_t content_digest_v1(const void *map, uint64_t size)
{
	const unsigned char *bytes = map;
	uint64_t h = 0x6261746f6e646967ull ^ size, off = 0, w;

	for (; off + 8 <= size; off += 8) {
		memcpy(&w, bytes + off, 8);
		h = ((h ^ w) << 29 | (h ^ w) >> 35) * 0x9e3779b97f4a7c15ull;
	}
	if (off < size) {
		w = 0;
		memcpy(&w, bytes + off, size - off);
		h = ((h ^ w) << 29 | (h ^ w) >> 35) * 0x9e3779b97f4a7c15ull;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	return h ^ (h >> 33);
}

int64_t content_first_mismatch(const void *map, uint64_t size, uint64_t seed,
			       uint32_t fill)
{
	static const unsigned char zero_page[PAGE_BYTES];
	unsigned char expect[PAGE_BYTES];
	const unsigned char *bytes = map;
	uint64_t page;

	for (page = 0; page * PAGE_BYTES < size; page++) {
		uint64_t start = page * PAGE_BYTES;
		uint64_t len = size - start < PAGE_BYTES ? size - start
							 : PAGE_BYTES;
		const unsigned char *want = zero_page;
		uint64_t i;

		if (fill_page_has_data(fill, page, size)) {
			generate_range(expect, start, start + len, seed);
			want = expect;
		}
		if (!memcmp(bytes + start, want, len))
			continue;
		for (i = 0; i < len; i++)
			if (bytes[start + i] != want[i])
				return (int64_t)(start + i);
	}
	return -1;
}
