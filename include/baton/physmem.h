/* SPDX-License-Identifier: MIT */
/*
 * The physical memory view: the one way baton and the host tools turn a
 * physical address read from the handover into something they can read.
 * A view is a sorted list of backed windows (pa, size, host pointer); in the
 * payload each window is identity mapped RAM (host == pa), in host tools it
 * is a capture blob or a slice of a memory dump. phys_map() refuses any range
 * not wholly inside one window, so a bad pointer is an error, never a fault.
 * Higher layers (luo/handover access) add the structure-bounds and
 * preserved-memory checks on top.
 */
#ifndef BATON_PHYSMEM_H
#define BATON_PHYSMEM_H

#include <baton/types.h>

struct phys_window {
	phys_addr_t pa;
	u64 size;
	const u8 *host;		/* where byte `pa` can be read */
};

struct phys_view {
	const struct phys_window *windows;	/* sorted by pa, disjoint */
	u32 count;
};

/* Windows must be sorted and disjoint; returns false otherwise. */
bool phys_view_init(struct phys_view *view, const struct phys_window *windows,
		    u32 count);

/* Host pointer for [pa, pa + len), or NULL when not wholly backed. */
const void *phys_map(const struct phys_view *view, phys_addr_t pa, u64 len);

/* Copies len bytes at pa into out; false (out untouched) when not backed. */
bool phys_read(const struct phys_view *view, phys_addr_t pa, void *out,
	       u64 len);
bool phys_read_u64(const struct phys_view *view, phys_addr_t pa, u64 *out);

/* True when [pa, pa + len) is wholly backed. */
bool phys_backed(const struct phys_view *view, phys_addr_t pa, u64 len);

#endif
