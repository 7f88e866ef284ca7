/* SPDX-License-Identifier: MIT */
/*
 * Fixed-width types and small helpers shared by every part of baton.
 * Works both freestanding (the payload) and hosted (tools, tests, fuzzers).
 */
#ifndef BATON_TYPES_H
#define BATON_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* A physical address. Kept distinct in name so signatures say what they take. */
typedef u64 phys_addr_t;

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1ULL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)		(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define MAX(a, b)		((a) > (b) ? (a) : (b))

#define SZ_1K	0x400ULL
#define SZ_4K	0x1000ULL
#define SZ_1M	0x100000ULL
#define SZ_2M	0x200000ULL
#define SZ_1G	0x40000000ULL
#define SZ_4G	0x100000000ULL

#define __packed		__attribute__((packed))
#define __aligned(x)		__attribute__((aligned(x)))
#define __noreturn		__attribute__((noreturn))
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define __unused		__attribute__((unused))
#define __section(s)		__attribute__((section(s)))
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

/* Overflow-safe "does [a, a+len) fit below limit" helpers. */
static inline bool range_end(u64 start, u64 len, u64 *end)
{
	return !__builtin_add_overflow(start, len, end);
}

#endif
