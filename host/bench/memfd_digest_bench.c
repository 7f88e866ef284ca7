// SPDX-License-Identifier: MIT
/*
 * The memfd digest as baton's digest phase runs it: memfd_digest() over a
 * file of order-0 folios scattered in "physical" memory (as Linux leaves
 * them), against memcpy of the same pages in the same order, measured in
 * the same run (target >= 0.8x memcpy, docs/latency.md).
 */
#include <baton/crc32c.h>
#include <luo/memfd_content.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BASE_PA		0x100000000ULL

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
}

struct fixture {
	u8 *ram, *dst;
	u64 pages;
	struct phys_window window;
	struct phys_view view;
	struct handover_model m;
	struct model_memfd f;
};

static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static bool setup(struct fixture *x, u64 bytes)
{
	u64 i;

	x->pages = bytes / PAGE_SIZE;
	x->ram = malloc(bytes);
	x->dst = malloc(bytes);
	x->m.folios = calloc(x->pages, sizeof(*x->m.folios));
	if (!x->ram || !x->dst || !x->m.folios)
		return false;
	for (i = 0; i < bytes; i += 8)
		*(u64 *)(x->ram + i) = rng();
	memset(x->dst, 1, bytes);
	x->window = (struct phys_window){ BASE_PA, bytes, x->ram };
	phys_view_init(&x->view, &x->window, 1);
	for (i = 0; i < x->pages; i++)
		x->m.folios[i] = (struct model_folio){ .index = i,
			.pfn = (BASE_PA >> PAGE_SHIFT) + i, .order = 0 };
	for (i = x->pages - 1; i > 0; i--) {	/* scatter: shuffle the pfns */
		u64 j = rng() % (i + 1), t = x->m.folios[i].pfn;

		x->m.folios[i].pfn = x->m.folios[j].pfn;
		x->m.folios[j].pfn = t;
	}
	x->m.folio_count = x->m.folios_cap = (u32)x->pages;
	x->f = (struct model_memfd){ .size = bytes,
				     .folio_count = (u32)x->pages };
	return true;
}

static u64 time_memcpy(const struct fixture *x)
{
	u64 t = now_ns(), i;

	for (i = 0; i < x->pages; i++)
		memcpy(x->dst + i * PAGE_SIZE,
		       phys_map(&x->view, x->m.folios[i].pfn << PAGE_SHIFT,
				PAGE_SIZE), PAGE_SIZE);
	__asm__ volatile("" : : "r"(x->dst) : "memory");
	return now_ns() - t;
}

static u64 time_digest(const struct fixture *x, u32 *crc)
{
	u64 t = now_ns();
	bool ok;

	*crc = memfd_digest(&x->view, &x->m, &x->f, &ok);
	return ok ? now_ns() - t : 0;
}

/* The reference: one crc32c() call per page (no interleaving across pages). */
static void page_chunk(void *ctx, u64 offset, const void *host, u64 len)
{
	struct memfd_digest_state *st = ctx;

	memfd_digest_update(st, host, len);
}

static u64 time_per_page(const struct fixture *x, u32 *crc)
{
	struct memfd_digest_state st;
	u64 t = now_ns();
	bool ok;

	memfd_digest_begin(&st);
	ok = memfd_stream(&x->view, &x->m, &x->f, page_chunk, &st);
	*crc = memfd_digest_end(&st);
	return ok ? now_ns() - t : 0;
}

static int bench(u64 mib)
{
	struct fixture x = { 0 };
	u64 best_copy = ~0ULL, best_digest = ~0ULL, best_page = ~0ULL, t;
	u32 crc = 0, page_crc = 0, check;
	int round;

	if (!setup(&x, mib << 20)) {
		fprintf(stderr, "memfd-digest-bench: no memory for %llu MiB\n",
			(unsigned long long)mib);
		return 1;
	}
	for (round = 0; round < 5; round++) {
		t = time_memcpy(&x);
		best_copy = t < best_copy ? t : best_copy;
		t = time_digest(&x, &crc);
		if (!t)
			return 1;
		best_digest = t < best_digest ? t : best_digest;
		t = time_per_page(&x, &page_crc);
		if (!t)
			return 1;
		best_page = t < best_page ? t : best_page;
	}
	/* the streamed digest must equal one pass over the copied pages */
	/* dst holds the pages in file order: one plain pass must agree */
	check = crc32c_sw(0, x.dst, x.pages * PAGE_SIZE);
	printf("memfd-digest %4llu MiB, %llu scattered 4 KiB folios, crc32c %s: "
	       "memcpy %.2f GB/s, memfd_digest %.2f GB/s (%.2fx memcpy), "
	       "per-page crc32c %.2f GB/s (%.2fx)%s\n",
	       (unsigned long long)mib, (unsigned long long)x.pages,
	       crc32c_hw_available() ? "sse4.2" : "table",
	       (double)(mib << 20) / (double)best_copy,
	       (double)(mib << 20) / (double)best_digest,
	       (double)best_copy / (double)best_digest,
	       (double)(mib << 20) / (double)best_page,
	       (double)best_copy / (double)best_page,
	       check == crc && check == page_crc ? "" : " (DIGEST WRONG)");
	free(x.ram);
	free(x.dst);
	free(x.m.folios);
	return check == crc && check == page_crc ? 0 : 1;
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc < 2)
		return bench(64);
	for (i = 1; i < argc; i++)
		rc |= bench(strtoull(argv[i], NULL, 0));
	return rc;
}
