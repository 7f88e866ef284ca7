// SPDX-License-Identifier: MIT
/*
 * CRC32C in two implementations that must agree bit for bit: the SSE4.2
 * crc32 instruction and a slice-by-8 table. Internally the CRC is kept in
 * its raw (non-inverted) form; the public functions invert on entry and
 * exit so callers chain finished values.
 */
#include <baton/crc32c.h>
#include <string.h>

/* Hardware path: bytes per stream in one interleaved round (8 KiB). */
#define CRC32C_HW_BLOCK		8192u

static u32 crc32c_table[8][256];
static bool crc32c_table_ready;

static void crc32c_table_build(void)
{
	u32 i, k, c;

	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ CRC32C_POLY : c >> 1;
		crc32c_table[0][i] = c;
	}
	for (i = 0; i < 256; i++) {
		c = crc32c_table[0][i];
		for (k = 1; k < 8; k++) {
			c = (c >> 8) ^ crc32c_table[0][c & 0xff];
			crc32c_table[k][i] = c;
		}
	}
	crc32c_table_ready = true;
}

static u64 load_le64(const u8 *p)
{
	u64 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;		/* x86 and every host we build on: little endian */
}

static u32 crc32c_sw_raw(u32 crc, const u8 *p, size_t len)
{
	if (!crc32c_table_ready)
		crc32c_table_build();
	while (len && ((uintptr_t)p & 7)) {
		crc = (crc >> 8) ^ crc32c_table[0][(crc ^ *p++) & 0xff];
		len--;
	}
	while (len >= 8) {
		u64 v = load_le64(p) ^ crc;

		crc = crc32c_table[7][v & 0xff] ^
		      crc32c_table[6][(v >> 8) & 0xff] ^
		      crc32c_table[5][(v >> 16) & 0xff] ^
		      crc32c_table[4][(v >> 24) & 0xff] ^
		      crc32c_table[3][(v >> 32) & 0xff] ^
		      crc32c_table[2][(v >> 40) & 0xff] ^
		      crc32c_table[1][(v >> 48) & 0xff] ^
		      crc32c_table[0][v >> 56];
		p += 8;
		len -= 8;
	}
	while (len--)
		crc = (crc >> 8) ^ crc32c_table[0][(crc ^ *p++) & 0xff];
	return crc;
}

u32 crc32c_sw(u32 crc, const void *data, size_t len)
{
	return ~crc32c_sw_raw(~crc, data, len);
}

/* a * b mod P, both in reflected form (bit 31 is the x^0 coefficient). */
static u32 crc32c_multiply(u32 a, u32 b)
{
	u32 product = 0, m;

	for (m = 1u << 31; m; m >>= 1) {
		if (a & m)
			product ^= b;
		b = (b & 1) ? (b >> 1) ^ CRC32C_POLY : b >> 1;
	}
	return product;
}

u32 crc32c_shift(u32 raw_crc, u64 len)
{
	u32 power = 1u << 23;	/* x^8: one zero byte */
	u32 factor = 1u << 31;	/* 1 */

	for (; len; len >>= 1) {
		if (len & 1)
			factor = crc32c_multiply(factor, power);
		power = crc32c_multiply(power, power);
	}
	return crc32c_multiply(raw_crc, factor);
}

#if defined(__x86_64__)

static bool cpuid_has_sse42(void)
{
	u32 eax = 1, ebx, ecx = 0, edx;

	__asm__ volatile("cpuid"
			 : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	return ecx & (1u << 20);
}

/* CPUID traps under a hypervisor: ask once. */
bool crc32c_hw_available(void)
{
	static int cached = -1;

	if (cached < 0)
		cached = cpuid_has_sse42();
	return cached;
}

static inline u32 hw_step64(u32 crc, u64 v)
{
	u64 c = crc;

	__asm__("crc32q %1, %0" : "+r"(c) : "rm"(v));
	return (u32)c;
}

static inline u32 hw_step8(u32 crc, u8 v)
{
	__asm__("crc32b %1, %0" : "+r"(crc) : "rm"(v));
	return crc;
}

static u32 crc32c_hw_1way_raw(u32 crc, const u8 *p, size_t len)
{
	while (len && ((uintptr_t)p & 7)) {
		crc = hw_step8(crc, *p++);
		len--;
	}
	for (; len >= 8; p += 8, len -= 8)
		crc = hw_step64(crc, load_le64(p));
	while (len--)
		crc = hw_step8(crc, *p++);
	return crc;
}

/*
 * Three independent streams hide the instruction's 3-cycle latency; the
 * partial CRCs are merged by shifting each over the bytes that follow it.
 */
static u32 crc32c_hw_raw(u32 crc, const u8 *p, size_t len)
{
	const size_t block = CRC32C_HW_BLOCK;
	u32 shift_block;

	if (len < 3 * block)
		return crc32c_hw_1way_raw(crc, p, len);
	shift_block = crc32c_shift(1u << 31, block);
	while (len >= 3 * block) {
		const u8 *a = p, *b = p + block, *c = p + 2 * block;
		u32 crc_b = 0, crc_c = 0;
		size_t i;

		for (i = 0; i < block; i += 8) {
			crc = hw_step64(crc, load_le64(a + i));
			crc_b = hw_step64(crc_b, load_le64(b + i));
			crc_c = hw_step64(crc_c, load_le64(c + i));
		}
		crc = crc32c_multiply(crc, shift_block) ^ crc_b;
		crc = crc32c_multiply(crc, shift_block) ^ crc_c;
		p += 3 * block;
		len -= 3 * block;
	}
	return crc32c_hw_1way_raw(crc, p, len);
}

u32 crc32c_hw(u32 crc, const void *data, size_t len)
{
	if (!crc32c_hw_available())
		return crc32c_sw(crc, data, len);
	return ~crc32c_hw_raw(~crc, data, len);
}

u32 crc32c_hw_1way(u32 crc, const void *data, size_t len)
{
	if (!crc32c_hw_available())
		return crc32c_sw(crc, data, len);
	return ~crc32c_hw_1way_raw(~crc, data, len);
}

/*
 * Scattered pages (a memfd's order-0 folios) are too short for the 3-way
 * blocks above; interleave three of them instead. The merge factor for
 * one page is computed once, not per call.
 */
static u32 crc32c_hw_3_raw(u32 crc, const u8 *a, const u8 *b, const u8 *c,
			   size_t len)
{
	static size_t factor_len;
	static u32 factor;
	u32 crc_b = 0, crc_c = 0;
	size_t i;

	if (len != factor_len) {
		factor = crc32c_shift(1u << 31, len);
		factor_len = len;
	}
	for (i = 0; i + 8 <= len; i += 8) {
		crc = hw_step64(crc, load_le64(a + i));
		crc_b = hw_step64(crc_b, load_le64(b + i));
		crc_c = hw_step64(crc_c, load_le64(c + i));
	}
	for (; i < len; i++) {
		crc = hw_step8(crc, a[i]);
		crc_b = hw_step8(crc_b, b[i]);
		crc_c = hw_step8(crc_c, c[i]);
	}
	crc = crc32c_multiply(crc, factor) ^ crc_b;
	return crc32c_multiply(crc, factor) ^ crc_c;
}

u32 crc32c_3(u32 crc, const void *a, const void *b, const void *c,
	     size_t len)
{
	if (!crc32c_hw_available()) {
		crc = crc32c_sw(crc, a, len);
		crc = crc32c_sw(crc, b, len);
		return crc32c_sw(crc, c, len);
	}
	return ~crc32c_hw_3_raw(~crc, a, b, c, len);
}

#else

bool crc32c_hw_available(void)
{
	return false;
}

u32 crc32c_hw(u32 crc, const void *data, size_t len)
{
	return crc32c_sw(crc, data, len);
}

u32 crc32c_hw_1way(u32 crc, const void *data, size_t len)
{
	return crc32c_sw(crc, data, len);
}

u32 crc32c_3(u32 crc, const void *a, const void *b, const void *c,
	     size_t len)
{
	crc = crc32c_sw(crc, a, len);
	crc = crc32c_sw(crc, b, len);
	return crc32c_sw(crc, c, len);
}

#endif

u32 crc32c(u32 crc, const void *data, size_t len)
{
	return crc32c_hw_available() ? crc32c_hw(crc, data, len) :
				       crc32c_sw(crc, data, len);
}
