/* SPDX-License-Identifier: MIT */
/*
 * A small phys_view builder: a handful of host buffers placed at chosen
 * physical addresses (tests, fuzzers, capture tools). No allocation.
 */
#ifndef BATON_LUO_SEGMENT_VIEW_H
#define BATON_LUO_SEGMENT_VIEW_H

#include <baton/physmem.h>

#define SEGMENT_VIEW_MAX 32

struct segment_view {
	struct phys_window windows[SEGMENT_VIEW_MAX];
	struct phys_view view;
};

void segment_view_init(struct segment_view *sv);
/* Adds [pa, pa + size) backed by host; false if full or overlapping. */
bool segment_view_add(struct segment_view *sv, phys_addr_t pa,
		      const void *host, u64 size);

#endif
