// SPDX-License-Identifier: MIT
/*
 * mkhandover's simulated physical memory: one NORESERVE mapping (pages
 * never written cost nothing, so GiB memfds are cheap) with a bump page
 * allocator that logs every allocation — the log decides the blob files.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "mkhandover.h"

bool mkh_arena_init(struct mkh_arena *a, u64 base, u64 size)
{
	void *p;

	memset(a, 0, sizeof(*a));
	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return false;
	a->mem = p;
	a->base = base;
	a->size = size;
	return true;
}

void mkh_arena_free(struct mkh_arena *a)
{
	if (a->mem)
		munmap(a->mem, a->size);
	free(a->log);
	memset(a, 0, sizeof(*a));
}

static bool log_add(struct mkh_arena *a, u64 pa, u64 size)
{
	if (a->log_count == a->log_cap) {
		u64 cap = a->log_cap ? 2 * a->log_cap : 1024;
		void *n = realloc(a->log, cap * sizeof(*a->log));

		if (!n)
			return false;
		a->log = n;
		a->log_cap = cap;
	}
	a->log[a->log_count++] = (struct mkh_alloc_log){ pa, size };
	return true;
}

phys_addr_t mkh_arena_alloc(void *ctx, unsigned int order)
{
	struct mkh_arena *a = ctx;
	u64 size = PAGE_SIZE << order;
	u64 pa = ALIGN_UP(a->base + a->next, size);

	if (order > 30 || pa + size > a->base + a->size)
		return 0;
	if (!log_add(a, pa, size))
		return 0;
	a->next = pa + size - a->base;
	return pa;
}

void *mkh_arena_host(void *ctx, phys_addr_t pa)
{
	struct mkh_arena *a = ctx;

	return a->mem + (pa - a->base);
}

bool mkh_arena_contains(const struct mkh_arena *a, u64 pa, u64 size)
{
	return pa >= a->base && size <= a->size &&
	       pa - a->base <= a->size - size;
}

void mkh_arena_builder_alloc(struct mkh_arena *a, struct builder_alloc *out)
{
	*out = (struct builder_alloc){
		.ctx = a,
		.alloc_pages = mkh_arena_alloc,
		.host = mkh_arena_host,
	};
}
