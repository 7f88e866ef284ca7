// SPDX-License-Identifier: MIT
/*
 * capture_pattern_recognise: every generator is found again with its exact
 * seed and offset (the seed recovered from one word, then every byte
 * compared); at another file offset a different seed may describe the same
 * bytes, and then it must reproduce them exactly; near misses are refused:
 * one byte changed, bytes of no generator, bad arguments.
 */
#include <baton/capture_recognise.h>
#include <string.h>
#include "check.h"

static u8 page[2 * PAGE_SIZE];

static void fill(enum capture_pattern_kind kind, u64 seed, u64 off, u64 size)
{
	struct capture_pattern p = {
		.size = size, .seed = seed, .offset = off, .kind = kind,
	};

	capture_pattern_fill(&p, 0, page, size);
}

static void expect(enum capture_pattern_kind kind, u64 seed, u64 off,
		   u64 size)
{
	struct capture_pattern p;

	fill(kind, seed, off, size);
	CHECK(capture_pattern_recognise(page, size, off, &p));
	CHECK_EQ(p.kind, kind);
	CHECK_EQ(p.seed, seed);
	CHECK_EQ(p.size, size);
	CHECK_EQ(p.offset, kind == CAPTURE_PATTERN_ZERO ||
			   kind == CAPTURE_PATTERN_FILL ? 0 : off);
}

TEST(recognise_every_kind)
{
	expect(CAPTURE_PATTERN_ZERO, 0, 0, PAGE_SIZE);
	expect(CAPTURE_PATTERN_FILL, 0xa5, 0, PAGE_SIZE);
	expect(CAPTURE_PATTERN_FILL, 0xff, 0, 512);
	expect(CAPTURE_PATTERN_AGENT, 1, 0, PAGE_SIZE);
	/* vm-alpha/3's last written page in tests/vectors/linux-7.2-serial */
	expect(CAPTURE_PATTERN_AGENT, 0x3d49e9e8bf360a00ULL, 0xf000, PAGE_SIZE);
	expect(CAPTURE_PATTERN_AGENT, ~0ULL, 0x123458, 2 * PAGE_SIZE);
	expect(CAPTURE_PATTERN_BUILDER, 1, 0, PAGE_SIZE);
	expect(CAPTURE_PATTERN_BUILDER, 0x8000000000000001ULL, 0x40000,
	       PAGE_SIZE);
	expect(CAPTURE_PATTERN_BUILDER, 0, 0x1000, PAGE_SIZE);
}

/* agent: seed ^ n over a page is the same at bases equal mod 2^9 words;
 * builder: a change of n is absorbed by the seed (its multiplier is odd). */
TEST(recognise_other_offset_reproduces)
{
	static u8 want[PAGE_SIZE], got[PAGE_SIZE];
	struct capture_pattern p;
	enum capture_pattern_kind kinds[] = {
		CAPTURE_PATTERN_AGENT, CAPTURE_PATTERN_BUILDER,
	};
	u32 i;

	for (i = 0; i < 2; i++) {
		fill(kinds[i], 7, 0x2000, PAGE_SIZE);
		memcpy(want, page, PAGE_SIZE);
		CHECK(capture_pattern_recognise(page, PAGE_SIZE, 0x3000, &p));
		CHECK_EQ(p.kind, kinds[i]);
		CHECK_EQ(p.offset, 0x3000);
		CHECK(p.seed != 7);
		capture_pattern_fill(&p, 0, got, PAGE_SIZE);
		CHECK_MEM(got, want, PAGE_SIZE);
	}
	/* agent: a base not congruent mod 2^9 words cannot be absorbed */
	fill(CAPTURE_PATTERN_AGENT, 7, 0x2000, PAGE_SIZE);
	CHECK(!capture_pattern_recognise(page, PAGE_SIZE, 0x2800, &p));
}

TEST(recognise_refuses_near_misses)
{
	struct capture_pattern p;
	u32 i;

	fill(CAPTURE_PATTERN_AGENT, 7, 0x2000, PAGE_SIZE);
	page[PAGE_SIZE - 1] ^= 1;		/* last byte only */
	CHECK(!capture_pattern_recognise(page, PAGE_SIZE, 0x2000, &p));
	fill(CAPTURE_PATTERN_FILL, 0x11, 0, PAGE_SIZE);
	page[100] = 0x12;
	CHECK(!capture_pattern_recognise(page, PAGE_SIZE, 0, &p));
	for (i = 0; i < PAGE_SIZE; i++)		/* no generator's bytes */
		page[i] = (u8)(i * 7 + (i >> 8));
	CHECK(!capture_pattern_recognise(page, PAGE_SIZE, 0, &p));
	memset(page, 0, PAGE_SIZE);
	CHECK(!capture_pattern_recognise(page, 0, 0, &p));
	CHECK(!capture_pattern_recognise(page, 100, 0, &p));
	CHECK(!capture_pattern_recognise(page, PAGE_SIZE, 4, &p));
}
