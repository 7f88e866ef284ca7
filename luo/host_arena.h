/* SPDX-License-Identifier: MIT */
/*
 * Hosted only: a simulated stretch of physical memory (one calloc'd buffer
 * at a chosen physical address) with a bump page allocator, usable as a
 * builder_alloc and as a phys_view window. For tests, fuzz seeds, tools.
 */
#ifndef BATON_LUO_HOST_ARENA_H
#define BATON_LUO_HOST_ARENA_H

#include <luo/builder.h>
#include <baton/physmem.h>

struct host_arena {
	u8 *mem;
	phys_addr_t base;
	u64 size;
	u64 next;		/* bump offset */
	struct phys_window window;
	struct phys_view view;
};

bool host_arena_init(struct host_arena *a, phys_addr_t base, u64 size);
void host_arena_free(struct host_arena *a);
/* Skips to the next multiple of align (e.g. to separate areas). */
void host_arena_skip(struct host_arena *a, u64 bytes);
phys_addr_t host_arena_alloc(void *ctx, unsigned int order);
void *host_arena_host(void *ctx, phys_addr_t pa);
void host_arena_builder_alloc(struct host_arena *a, struct builder_alloc *out);

#endif
