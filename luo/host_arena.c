// SPDX-License-Identifier: MIT
/* Hosted arena: calloc'd, page aligned, bump allocation by natural alignment. */
#include <luo/host_arena.h>
#include <stdlib.h>
#include <string.h>

bool host_arena_init(struct host_arena *a, phys_addr_t base, u64 size)
{
	memset(a, 0, sizeof(*a));
	if (posix_memalign((void **)&a->mem, PAGE_SIZE, size))
		return false;
	memset(a->mem, 0, size);
	a->base = base;
	a->size = size;
	a->window = (struct phys_window){ base, size, a->mem };
	return phys_view_init(&a->view, &a->window, 1);
}

void host_arena_free(struct host_arena *a)
{
	free(a->mem);
	a->mem = NULL;
}

void host_arena_skip(struct host_arena *a, u64 bytes)
{
	a->next = MIN(a->size, a->next + bytes);
}

phys_addr_t host_arena_alloc(void *ctx, unsigned int order)
{
	struct host_arena *a = ctx;
	u64 size = PAGE_SIZE << order;
	u64 pa = ALIGN_UP(a->base + a->next, size);

	if (order > 30 || pa + size > a->base + a->size)
		return 0;
	a->next = pa + size - a->base;
	return pa;
}

void *host_arena_host(void *ctx, phys_addr_t pa)
{
	struct host_arena *a = ctx;

	return a->mem + (pa - a->base);
}

void host_arena_builder_alloc(struct host_arena *a, struct builder_alloc *out)
{
	*out = (struct builder_alloc){
		.ctx = a,
		.alloc_pages = host_arena_alloc,
		.host = host_arena_host,
	};
}
