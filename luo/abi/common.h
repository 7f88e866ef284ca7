/* SPDX-License-Identifier: MIT */
/*
 * What every hand-over ABI header shares: how a field is read out of the
 * handover's bytes, and how a layout is pinned to the offsets Linux uses.
 *
 * Every multi-byte integer Linux hands over (KHO, LUO, memfd, memblock,
 * kexec-metadata, x86 setup_data) is stored in the CPU's byte order. Linux
 * runs little-endian on x86-64 and arm64, so the ABI is little-endian; the
 * assertion below stops a big-endian port from reading it wrongly. Only
 * FDT headers and FDT cell values are big-endian (libfdt reads those); the
 * u64 *properties* KHO stores in FDTs are raw little-endian bytes
 * (docs/handover-abi.md §0.1, §2.1).
 *
 * Pointers into the handover need not be aligned for their type (a blob
 * may start anywhere the outgoing kernel put it, and FDT property values
 * are only 4-byte aligned), so fields are loaded with memcpy, never by
 * dereferencing a struct pointer. The structs in luo/abi/ therefore serve
 * as layout definitions: read a field with ABI_LE64(p, type, field) (or
 * ABI_LE32 / ABI_LE16), which is offsetof() plus an unaligned load and a
 * compile-time check that the field has the width asked for.
 */
#ifndef BATON_LUO_ABI_COMMON_H
#define BATON_LUO_ABI_COMMON_H

#include <baton/types.h>

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "the hand-over ABI is read as little-endian bytes");

/*
 * Linux's MAX_PAGE_ORDER on x86-64 with 4 KiB pages: the largest folio
 * and buddy allocation (orders of preserved *ranges* go higher, since
 * kho_preserve_pages() splits ranges greedily).
 */
#define LINUX_MAX_PAGE_ORDER		10

/* ---- Layout pins ---------------------------------------------------- */

/* offsetof(type, field) must equal the offset Linux uses. */
#define ABI_OFFSET(type, field, off) \
	_Static_assert(offsetof(type, field) == (off), #type "." #field)
/* sizeof(type) must equal the size Linux uses. */
#define ABI_SIZE(type, size) \
	_Static_assert(sizeof(type) == (size), "sizeof " #type)

/* ---- Unaligned little-endian loads and stores ---------------------- */

static inline u64 abi_le64(const void *p)
{
	u64 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static inline u32 abi_le32(const void *p)
{
	u32 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static inline u16 abi_le16(const void *p)
{
	u16 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static inline void abi_put_le64(void *p, u64 v)
{
	__builtin_memcpy(p, &v, sizeof(v));
}

static inline void abi_put_le32(void *p, u32 v)
{
	__builtin_memcpy(p, &v, sizeof(v));
}

/* ---- Field access through the layout structs ------------------------ */

/* Size of a struct member, without an object. */
#define ABI_FIELD_SIZE(type, field)	sizeof(((type *)0)->field)

/* Address of `field` inside the serialized `type` at p (any alignment). */
#define ABI_FIELD(p, type, field) \
	((const u8 *)(p) + offsetof(type, field))

#define ABI_LE_LOAD_(bits, p, type, field) ({				\
	_Static_assert(ABI_FIELD_SIZE(type, field) == (bits) / 8,	\
		       #type "." #field " is not " #bits " bits");	\
	abi_le##bits(ABI_FIELD(p, type, field));			\
})

/* Loads field `field` of the serialized `type` at p. */
#define ABI_LE64(p, type, field)	ABI_LE_LOAD_(64, p, type, field)
#define ABI_LE32(p, type, field)	ABI_LE_LOAD_(32, p, type, field)
#define ABI_LE16(p, type, field)	ABI_LE_LOAD_(16, p, type, field)

/* Stores v into field `field` of the serialized `type` at p. */
#define ABI_PUT_LE64(p, type, field, v) ({				\
	_Static_assert(ABI_FIELD_SIZE(type, field) == 8,		\
		       #type "." #field " is not 64 bits");		\
	abi_put_le64((u8 *)(p) + offsetof(type, field), (v));		\
})
#define ABI_PUT_LE32(p, type, field, v) ({				\
	_Static_assert(ABI_FIELD_SIZE(type, field) == 4,		\
		       #type "." #field " is not 32 bits");		\
	abi_put_le32((u8 *)(p) + offsetof(type, field), (v));		\
})

/* Element i of an array of serialized `type`s starting at base. */
#define ABI_ELEM(base, type, i) \
	((base) + (u64)(i) * sizeof(type))

/* ---- u64 arrays and Linux bitmaps ----------------------------------- */

/* Element i of a little-endian u64 array (radix tables, vmalloc chunks). */
static inline u64 abi_le64_at(const void *base, u64 i)
{
	return abi_le64((const u8 *)base + i * sizeof(u64));
}

static inline void abi_put_le64_at(void *base, u64 i, u64 v)
{
	abi_put_le64((u8 *)base + i * sizeof(u64), v);
}

/*
 * Linux bitmaps (kho-v1 bitmaps, radix leaves) are arrays of unsigned
 * long: bit b is bit (b % 64) of the little-endian u64 word b / 64.
 */
#define ABI_BITMAP_WORD_BITS		64
#define ABI_BITMAP_WORD_BYTES		sizeof(u64)

static inline u64 abi_bitmap_word(const void *bitmap, u64 word)
{
	return abi_le64_at(bitmap, word);
}

#endif
