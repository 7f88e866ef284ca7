// SPDX-License-Identifier: MIT
/*
 * CRC32C: the standard check value, chaining, every unaligned start and
 * length, and hardware == software (1-way and 3-way) on random buffers.
 */
#include <baton/crc32c.h>
#include "check.h"

/* RFC 3720 B.4 test vectors plus the catalogue check value. */
TEST(crc32c_check_value)
{
	static const u8 zeros[32], ones[32] = {
		[0 ... 31] = 0xff
	};
	u8 inc[32];
	int i;

	for (i = 0; i < 32; i++)
		inc[i] = (u8)i;
	CHECK_EQ(crc32c_sw(0, "123456789", 9), 0xe3069283);
	CHECK_EQ(crc32c(0, "123456789", 9), 0xe3069283);
	CHECK_EQ(crc32c_sw(0, zeros, 32), 0x8a9136aa);
	CHECK_EQ(crc32c_sw(0, ones, 32), 0x62a8ab43);
	CHECK_EQ(crc32c_sw(0, inc, 32), 0x46dd794e);
	CHECK_EQ(crc32c_hw(0, inc, 32), 0x46dd794e);
}

TEST(crc32c_empty)
{
	CHECK_EQ(crc32c(0, "", 0), 0);
	CHECK_EQ(crc32c_sw(0, NULL, 0), 0);
	CHECK_EQ(crc32c(0x12345678, "", 0), 0x12345678);
}

TEST(crc32c_chaining)
{
	u32 part = crc32c(0, "1234", 4);

	CHECK_EQ(crc32c(part, "56789", 5), 0xe3069283);
	CHECK_EQ(crc32c_sw(crc32c_sw(0, "12345", 5), "6789", 4), 0xe3069283);
}

static u64 rng_state = 0x9e3779b97f4a7c15ull;

static u8 rng_byte(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (u8)rng_state;
}

/* Bytewise reference, independent of both fast paths. */
static u32 crc32c_bitwise(const u8 *p, size_t len)
{
	u32 crc = ~0u;
	int k;

	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc & 1) ? (crc >> 1) ^ CRC32C_POLY : crc >> 1;
	}
	return ~crc;
}

TEST(crc32c_unaligned)
{
	u8 buf[96];
	int start, len, bad = 0;

	for (start = 0; start < 96; start++)
		buf[start] = rng_byte();
	for (start = 0; start < 16; start++)
		for (len = 0; start + len <= 96; len++) {
			u32 want = crc32c_bitwise(buf + start, len);

			bad += crc32c_sw(0, buf + start, len) != want;
			bad += crc32c_hw(0, buf + start, len) != want;
			bad += crc32c_hw_1way(0, buf + start, len) != want;
		}
	CHECK_EQ(bad, 0);
}

TEST(crc32c_hw_matches_sw)
{
	static const size_t sizes[] = {
		1, 7, 8, 4095, 8192 * 3 - 1, 8192 * 3, 8192 * 3 + 13,
		8192 * 7 + 5, 1u << 20,
	};
	static u8 buf[(1u << 20) + 16];
	size_t i, off;

	/* Without SSE4.2 crc32c_hw falls back: still checks the 3-way split. */
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = rng_byte();
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (off = 0; off < 3; off++) {
			u32 sw = crc32c_sw(0, buf + off, sizes[i]);

			CHECK_EQ(crc32c_hw(0, buf + off, sizes[i]), sw);
			CHECK_EQ(crc32c_hw_1way(0, buf + off, sizes[i]), sw);
			CHECK_EQ(crc32c(0x5a5a5a5a, buf + off, sizes[i]),
				 crc32c_sw(0x5a5a5a5a, buf + off, sizes[i]));
		}
	CHECK_EQ(crc32c_sw(0, buf, 8192 * 3 + 13),
		 crc32c_bitwise(buf, 8192 * 3 + 13));
}

/* Shifting by n zero bytes equals feeding n zero bytes. */
TEST(crc32c_shift_zero_bytes)
{
	static const u8 zeros[100];
	u32 raw = ~crc32c_sw(0, "abc", 3);

	CHECK_EQ(crc32c_shift(raw, 100), ~crc32c_sw(~raw, zeros, 100));
	CHECK_EQ(crc32c_shift(raw, 0), raw);
}

/*
 * crc32c_3 over three separate buffers equals one CRC over their
 * concatenation: page-sized, odd and tiny lengths, alternating lengths
 * (the merge factor is cached per length), any start value.
 */
TEST(crc32c_3_matches_concatenation)
{
	static const size_t lens[] = { 4096, 4096, 1, 7, 8, 100, 4096,
				       12345, 16384, 0, 4096 };
	static u8 buf[3 * 16384 + 3];
	u32 seed = 0x12345678, whole, three;
	size_t i, k;

	for (i = 0; i < sizeof(buf); i++) {
		seed = seed * 1103515245u + 12345u;
		buf[i] = (u8)(seed >> 16);
	}
	for (k = 0; k < ARRAY_SIZE(lens); k++) {
		size_t len = lens[k];
		const u8 *a = buf + 1, *b = buf + 2 + len, *c = buf + 3 + 2 * len;
		u8 joined[3 * 16384];

		memcpy(joined, a, len);
		memcpy(joined + len, b, len);
		memcpy(joined + 2 * len, c, len);
		whole = crc32c_sw(0xdeadbeef, joined, 3 * len);
		three = crc32c_3(0xdeadbeef, a, b, c, len);
		if (three != whole)
			CHECK_FAIL("len %zu: crc32c_3 0x%08x, concatenation 0x%08x",
				   len, three, whole);
	}
	CHECK_EQ(crc32c_3(0, "123", "456", "789", 3), 0xe3069283);
}
