/* SPDX-License-Identifier: MIT */
/*
 * CRC32C (Castagnoli, reflected polynomial 0x82f63b78): the fast content
 * digest. Uses the SSE4.2 crc32 instruction (three interleaved streams)
 * when CPUID says it exists, else a portable slice-by-8 table.
 */
#ifndef BATON_CRC32C_H
#define BATON_CRC32C_H

#include <baton/types.h>

#define CRC32C_POLY	0x82f63b78u

/*
 * All three take and return a finished CRC: start with 0, and
 * crc32c(crc32c(0, a), b) equals the CRC of a followed by b.
 */
u32 crc32c(u32 crc, const void *data, size_t len);
u32 crc32c_sw(u32 crc, const void *data, size_t len);
/* Only valid when crc32c_hw_available(); falls back to software if not. */
u32 crc32c_hw(u32 crc, const void *data, size_t len);
/* Single-stream hardware variant, kept for the benchmark's comparison. */
u32 crc32c_hw_1way(u32 crc, const void *data, size_t len);

/*
 * The CRC of a, then b, then c (len bytes each, anywhere in memory): three
 * interleaved hardware streams for scattered pages.
 */
u32 crc32c_3(u32 crc, const void *a, const void *b, const void *c,
	     size_t len);

/* True on x86_64 CPUs with SSE4.2 (CPUID.1:ECX bit 20). */
bool crc32c_hw_available(void);

/* CRC state after len more zero bytes: crc * x^(8 len) mod P (raw form). */
u32 crc32c_shift(u32 raw_crc, u64 len);

#endif
