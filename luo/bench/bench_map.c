// SPDX-License-Identifier: MIT
/*
 * Preserved-memory map decode benchmark: radix maps of order-0 pages (three
 * sizes up to 1 TiB, to show linear cost), a mixed-order radix map and a
 * kho-v1 chunk list. For each: ns per preserved page, GB/s of bitmap
 * scanned, and the ratio to a plain read of the same bitmap bytes measured
 * in the same run (target >= 0.5).
 */
#include <luo/builder.h>
#include <luo/host_arena.h>
#include <luo/kho_map.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REPEAT 5

struct bitmaps {
	const u8 **pages;
	u64 count, cap;
	u64 bytes;		/* bytes per bitmap */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void bitmaps_add(struct bitmaps *b, const u8 *p)
{
	if (b->count == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 1024;
		b->pages = realloc(b->pages, b->cap * sizeof(*b->pages));
	}
	b->pages[b->count++] = p;
}

static u64 rng = 0x9e3779b97f4a7c15ULL;

static u64 next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Fills every leaf below node with pattern (or random bits) and lists it. */
enum fill { FILL_NONE, FILL_ONES, FILL_RANDOM, FILL_REALISTIC };

/* Mostly long runs, some holes, 1 word in 10 scattered pages. */
static u64 realistic_word(void)
{
	u64 r = next_random() % 10;

	if (r < 7)
		return ~0ULL;
	if (r < 9)
		return 0;
	return next_random();
}

static void fill_leaves(struct host_arena *a, phys_addr_t node,
			unsigned int level, struct bitmaps *b, enum fill fill)
{
	u64 *t = host_arena_host(a, node);
	unsigned int i, w;

	for (i = 0; i < 512; i++) {
		if (!t[i])
			continue;
		if (level > 1) {
			fill_leaves(a, t[i], level - 1, b, fill);
			continue;
		}
		u64 *leaf = host_arena_host(a, t[i]);

		for (w = 0; fill != FILL_NONE && w < 512; w++)
			leaf[w] = fill == FILL_RANDOM ? next_random() :
				  fill == FILL_REALISTIC ? realistic_word() :
				  ~0ULL;
		bitmaps_add(b, (const u8 *)leaf);
	}
}

struct counter {
	u64 pages;
	u64 calls;
};

static void count_run(void *ctx, phys_addr_t pa, unsigned int order,
		      u64 count)
{
	struct counter *c = ctx;

	c->pages += count << order;
	c->calls++;
}

/* One timed plain read of every bitmap byte (the memory-speed yardstick). */
static double plain_read(const struct bitmaps *b, u64 *sum_out)
{
	double t0 = now();
	u64 sum = 0, i, w;

	for (i = 0; i < b->count; i++) {
		const u64 *p = (const u64 *)b->pages[i];

		for (w = 0; w < b->bytes / 8; w++)
			sum += p[w];
	}
	*(volatile u64 *)sum_out = sum;
	return now() - t0;
}

static void report(const char *name, const struct bitmaps *b, bool v1,
		   enum kho_v1_variant variant, struct host_arena *a,
		   phys_addr_t head)
{
	struct handover_access ha;
	struct counter c = { 0 };
	struct kho_map_sink sink = { .ctx = &c, .preserved_run = count_run };
	struct kho_map_stats st;
	double best = 1e9, plain = 1e9;
	u64 sum;
	int r;

	handover_access_init(&ha, &a->view, NULL);
	/* interleaved, best of each: both see the same machine load */
	for (r = 0; r < REPEAT; r++) {
		double t0;

		memset(&st, 0, sizeof(st));
		c = (struct counter){ 0 };
		t0 = now();
		if (v1)
			kho_v1_walk(&ha, head, variant, &sink, &st);
		else
			kho_radix_walk(&ha, head, &sink, &st);
		best = MIN(best, now() - t0);
		plain = MIN(plain, plain_read(b, &sum));
	}
	printf("%-28s %9.2f GiB preserved %10llu entries %7llu runs  %6.3f ns/page  %6.2f GB/s bitmap  plain %6.2f GB/s  ratio %.2f\n",
	       name, c.pages * 4096.0 / (1ULL << 30),
	       (unsigned long long)st.entries, (unsigned long long)c.calls,
	       best * 1e9 / c.pages, st.bitmap_bytes / best / 1e9,
	       st.bitmap_bytes / plain / 1e9, plain / best);
}

/* Order-0 radix map covering [0, bytes), every page preserved. */
static void bench_radix_full(u64 bytes)
{
	u64 leaves = bytes / (32768ULL * 4096), i, *e = calloc(leaves, 8);
	struct host_arena a;
	struct builder_alloc al;
	struct bitmaps b = { .bytes = 4096 };
	phys_addr_t root;
	char name[64];

	host_arena_init(&a, 0x10000000000ULL, (leaves + leaves / 256 + 64) * 4096);
	host_arena_builder_alloc(&a, &al);
	for (i = 0; i < leaves; i++)
		e[i] = (i * 32768ULL) << PAGE_SHIFT;
	root = kho_radix_build(&al, 0, e, leaves);
	fill_leaves(&a, root, 5, &b, FILL_ONES);
	snprintf(name, sizeof(name), "radix order-0 full %lluG",
		 (unsigned long long)(bytes >> 30));
	report(name, &b, false, 0, &a, root);
	host_arena_free(&a);
	free(e);
	free(b.pages);
}

/*
 * Mixed: order-0 leaves over 64 GiB (realistic: 70 % full words, 20 % empty,
 * 10 % random; or worst case: every word random) plus 4096 order-9 blocks.
 */
static void bench_radix_mixed(enum fill fill, const char *name)
{
	u64 leaves = (64ULL << 30) / (32768ULL * 4096), i, *e;
	u64 n = leaves + 4096;
	struct host_arena a;
	struct builder_alloc al;
	struct bitmaps b = { .bytes = 4096 };
	phys_addr_t root;

	e = calloc(n, 8);
	host_arena_init(&a, 0x10000000000ULL, (leaves + 256) * 4096);
	host_arena_builder_alloc(&a, &al);
	for (i = 0; i < leaves; i++)
		e[i] = (i * 32768ULL) << PAGE_SHIFT;
	root = kho_radix_build(&al, 0, e, leaves);
	fill_leaves(&a, root, 5, &b, fill);
	for (i = 0; i < 4096; i++)
		e[i] = ((64ULL << 30) + i * 2 * SZ_2M) | 9;
	kho_radix_build(&al, root, e, 4096);
	b.count = 0;
	fill_leaves(&a, root, 5, &b, FILL_NONE);	/* list all leaves */
	report(name, &b, false, 0, &a, root);
	host_arena_free(&a);
	free(e);
	free(b.pages);
}

/* kho-v1 chunk list, 4096-byte bitmaps, every page of [0, bytes). */
static void bench_v1_full(u64 bytes)
{
	u64 bitmaps = bytes / (32768ULL * 4096), i;
	u64 chunks = (bitmaps + 254) / 255;
	struct host_arena a;
	struct bitmaps b = { .bytes = 4096 };
	phys_addr_t head = 0, prev = 0;
	char name[64];

	host_arena_init(&a, 0x10000000000ULL, (bitmaps + chunks + 16) * 4096);
	for (i = 0; i < bitmaps; i++) {
		u8 *chunk;
		u32 num;
		phys_addr_t bm;

		if (i % 255 == 0) {
			phys_addr_t c = host_arena_alloc(&a, 0);

			if (prev)
				abi_put_le64(host_arena_host(&a, prev), c);
			else
				head = c;
			prev = c;
		}
		chunk = host_arena_host(&a, prev);
		bm = host_arena_alloc(&a, 0);
		memset(host_arena_host(&a, bm), 0xff, 4096);
		bitmaps_add(&b, host_arena_host(&a, bm));
		num = i % 255;
		abi_put_le64(chunk + 16 + 16 * num, i * 32768ULL * 4096);
		abi_put_le64(chunk + 24 + 16 * num, bm);
		num++;
		memcpy(chunk + 12, &num, 4);
	}
	snprintf(name, sizeof(name), "kho-v1 order-0 full %lluG",
		 (unsigned long long)(bytes >> 30));
	report(name, &b, true, KHO_V1_BITMAP_4096, &a, head);
	host_arena_free(&a);
	free(b.pages);
}

int main(void)
{
	printf("preserved-memory map decode (best of %d; ratio = plain read time / decode time)\n",
	       REPEAT);
	bench_radix_full(256ULL << 30);
	bench_radix_full(512ULL << 30);
	bench_radix_full(1024ULL << 30);
	bench_radix_mixed(FILL_REALISTIC, "radix mixed 64G realistic");
	bench_radix_mixed(FILL_RANDOM, "radix mixed 64G random bits");
	bench_v1_full(256ULL << 30);
	bench_v1_full(1024ULL << 30);
	return 0;
}
