/* SPDX-License-Identifier: MIT */
/*
 * Hosted only: a simulated stretch of physical memory (one buffer at a
 * chosen physical address) with a bump page allocator that logs every
 * allocation, usable as a builder_alloc and as a phys_view window. For
 * tests, fuzz seeds, mkhandover.
 */
#ifndef BATON_HOST_SCENARIO_HOST_ARENA_H
#define BATON_HOST_SCENARIO_HOST_ARENA_H

#include <host/builder/builder.h>
#include <baton/physmem.h>

struct host_arena_alloc {
	u64 pa;
	u64 size;
};

struct host_arena {
	u8 *mem;
	phys_addr_t base;
	u64 size;
	u64 next;		/* bump offset */
	bool mapped;		/* mmap'd (sparse), not heap */
	struct phys_window window;
	struct phys_view view;
	bool no_log;		/* scale benchmarks: no allocation log */
	struct host_arena_alloc *log;	/* every allocation, in order */
	u64 log_count;
	u64 log_cap;
};

/* Zeroed heap memory (sanitizers see overruns). */
bool host_arena_init(struct host_arena *a, phys_addr_t base, u64 size);
/*
 * A NORESERVE mapping instead: pages never written cost nothing, so GiB
 * arenas (mkhandover's memfds) are cheap.
 */
bool host_arena_init_sparse(struct host_arena *a, phys_addr_t base,
			    u64 size);
void host_arena_free(struct host_arena *a);
/* Skips to the next multiple of align (e.g. to separate areas). */
void host_arena_skip(struct host_arena *a, u64 bytes);
phys_addr_t host_arena_alloc(void *ctx, unsigned int order);
void *host_arena_host(void *ctx, phys_addr_t pa);
bool host_arena_contains(const struct host_arena *a, u64 pa, u64 size);
void host_arena_builder_alloc(struct host_arena *a, struct builder_alloc *out);

#endif
