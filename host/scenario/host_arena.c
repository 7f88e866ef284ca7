// SPDX-License-Identifier: MIT
/*
 * Hosted arena: heap or NORESERVE mapping, bump allocation by natural
 * alignment, every allocation logged (mkhandover's blob files).
 */
#include <host/scenario/host_arena.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static bool arena_ready(struct host_arena *a, void *mem, phys_addr_t base,
			u64 size)
{
	a->mem = mem;
	a->base = base;
	a->size = size;
	a->window = (struct phys_window){ base, size, a->mem };
	return phys_view_init(&a->view, &a->window, 1);
}

bool host_arena_init(struct host_arena *a, phys_addr_t base, u64 size)
{
	void *mem;

	memset(a, 0, sizeof(*a));
	if (posix_memalign(&mem, PAGE_SIZE, size))
		return false;
	memset(mem, 0, size);
	return arena_ready(a, mem, base, size);
}

bool host_arena_init_sparse(struct host_arena *a, phys_addr_t base,
			    u64 size)
{
	void *mem;

	memset(a, 0, sizeof(*a));
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (mem == MAP_FAILED)
		return false;
	a->mapped = true;
	return arena_ready(a, mem, base, size);
}

void host_arena_free(struct host_arena *a)
{
	if (a->mapped && a->mem)
		munmap(a->mem, a->size);
	else
		free(a->mem);
	free(a->log);
	memset(a, 0, sizeof(*a));
}

void host_arena_skip(struct host_arena *a, u64 bytes)
{
	a->next = MIN(a->size, a->next + bytes);
}

static bool log_add(struct host_arena *a, u64 pa, u64 size)
{
	if (a->log_count == a->log_cap) {
		u64 cap = a->log_cap ? 2 * a->log_cap : 1024;
		void *n = realloc(a->log, cap * sizeof(*a->log));

		if (!n)
			return false;
		a->log = n;
		a->log_cap = cap;
	}
	a->log[a->log_count++] = (struct host_arena_alloc){ pa, size };
	return true;
}

phys_addr_t host_arena_alloc(void *ctx, unsigned int order)
{
	struct host_arena *a = ctx;
	u64 size = PAGE_SIZE << order;
	u64 pa = ALIGN_UP(a->base + a->next, size);

	if (order > 30 || pa + size > a->base + a->size)
		return 0;
	if (!a->no_log && !log_add(a, pa, size))
		return 0;
	a->next = pa + size - a->base;
	return pa;
}

void *host_arena_host(void *ctx, phys_addr_t pa)
{
	struct host_arena *a = ctx;

	return a->mem + (pa - a->base);
}

bool host_arena_contains(const struct host_arena *a, u64 pa, u64 size)
{
	return pa >= a->base && size <= a->size &&
	       pa - a->base <= a->size - size;
}

void host_arena_builder_alloc(struct host_arena *a, struct builder_alloc *out)
{
	*out = (struct builder_alloc){
		.ctx = a,
		.alloc_pages = host_arena_alloc,
		.host = host_arena_host,
	};
}
