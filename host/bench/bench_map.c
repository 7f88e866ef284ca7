// SPDX-License-Identifier: MIT
/*
 * Preserved-memory map decode benchmark: full order-0 radix maps (256 GiB
 * to 1 TiB), a VM host's mixed-order map (16/32/64 GiB; radix and kho-v1),
 * two order-0 stress maps, and full kho-v1 lists. Each line compares the
 * decode with a plain read of the same bitmap bytes and with the bare cost
 * of handing the same number of runs to the sink, all measured in one run.
 */
#include <host/builder/builder.h>
#include <host/scenario/host_arena.h>
#include <luo/kho_map.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef MIN_REPEAT			/* overridable for profiling runs */
#define MIN_REPEAT	5
#define MAX_REPEAT	200
#define MIN_SECONDS	0.25			/* per map: small maps repeat more */
#endif
#define ARENA_BASE	0x10000000000ULL	/* map pages live above 1 TiB */
#define RING		1024			/* runs replayed by emit_only */

struct bitmaps {
	const u8 **pages;
	u64 count, cap;
	u64 bytes;		/* bytes per bitmap */
};

struct run_rec {
	phys_addr_t pa;
	u64 count;
	unsigned int order;
};

struct counter {
	u64 pages;
	u64 calls;
};

struct recorder {
	struct run_rec ring[RING];	/* the first RING runs */
	u64 n;
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

enum fill { FILL_NONE, FILL_ONES, FILL_RANDOM, FILL_FRAGMENTED };

/* 70 % full words, 20 % empty, 10 % random bits: a shredded order-0 map. */
static u64 fragmented_word(void)
{
	u64 r = next_random() % 10;

	if (r < 7)
		return ~0ULL;
	if (r < 9)
		return 0;
	return next_random();
}

/* Fills every leaf below node (or leaves it as is) and lists it. */
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
				  fill == FILL_FRAGMENTED ? fragmented_word() :
				  ~0ULL;
		bitmaps_add(b, (const u8 *)leaf);
	}
}

/* Lists the bitmaps of a kho-v1 chunk list. */
static void list_v1_bitmaps(struct host_arena *a, phys_addr_t head,
			    struct bitmaps *b)
{
	while (head) {
		const u8 *chunk = host_arena_host(a, head);
		u32 num, i;

		num = ABI_LE32(chunk, struct khoser_mem_chunk, num_elms);
		for (i = 0; i < num; i++)
			bitmaps_add(b, host_arena_host(a,
				ABI_LE64(kho_v1_chunk_entry(chunk, i),
					 struct khoser_mem_bitmap_ptr, bitmap)));
		head = ABI_LE64(chunk, struct khoser_mem_chunk, next);
	}
}

static void count_run(void *ctx, phys_addr_t pa, unsigned int order,
		      u64 count)
{
	struct counter *c = ctx;

	c->pages += count << order;
	c->calls++;
}

static void record_run(void *ctx, phys_addr_t pa, unsigned int order,
		       u64 count)
{
	struct recorder *r = ctx;

	if (r->n < RING)
		r->ring[r->n++] = (struct run_rec){ pa, count, order };
}

/* The sink as the decoder sees it: an opaque indirect call. */
static void (*volatile run_sink)(void *, phys_addr_t, unsigned int, u64) =
	count_run;

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

/*
 * The floor for reporting `runs` runs: the same sink called with the
 * decoder's first runs, replayed from an L1-resident ring so no memory
 * traffic is charged to it. Timed as the best of 16 bursts of up to 4096
 * calls, scaled to `runs`: on the shared build VM long loops of bare
 * indirect calls now and then run several times slower for a whole
 * process, which a single long timing would report as the floor.
 */
static double emit_only(struct counter *c, const struct run_rec *ring,
			u64 ring_len, u64 runs)
{
	void (*fn)(void *, phys_addr_t, unsigned int, u64) = run_sink;
	u64 burst = MIN(runs, 4096), i, j = 0, k;
	double best = 1e9, t0;

	if (!runs)
		return 0;
	for (k = 0; k < 16; k++) {
		t0 = now();
		for (i = 0; i < burst; i++) {
			fn(c, ring[j].pa, ring[j].order, ring[j].count);
			if (++j == ring_len)
				j = 0;
		}
		best = MIN(best, now() - t0);
	}
	return best * runs / burst;
}

static void header(void)
{
	printf("%-30s %7s %9s %7s %6s %7s %6s %6s %5s | %6s %6s %5s %5s\n",
	       "map", "GiB", "entries", "runs", "KiB", "ns/page", "GB/s",
	       "plain", "ratio", "ns/run", "emit", "max", "eff");
}

/*
 * KiB: bitmap bytes the decoder scans (and the plain read reads: every
 * leaf or bitmap of every order). ratio = plain read / decode (target
 * >= 0.5). emit = ns per bare sink call; max = plain / (plain + emit), the
 * best ratio a decoder reporting these runs can reach; eff = (plain +
 * emit) / decode, how close the decode is to those two unavoidable costs.
 */
static void report(const char *name, const struct bitmaps *b, bool v1,
		   struct host_arena *a, phys_addr_t head)
{
	struct handover_access ha;
	static struct recorder rec;
	struct counter c, scratch;	/* decode's and emit_only's */
	struct kho_map_sink sink = { .ctx = &rec, .preserved_run = record_run };
	struct kho_map_stats st;
	struct visit_set visit;
	u64 *slots, slots_n;
	double best = 1e9, plain = 1e9, emit = 1e9, t_start;
	u64 sum, runs;
	int r;

	handover_access_init(&ha, &a->view, NULL);
	/* first walk: room for every page of the arena */
	slots_n = visit_set_slots_for(a->size / PAGE_SIZE);
	slots = calloc(slots_n, sizeof(u64));
	visit_set_init(&visit, slots, slots ? slots_n : 0);
	rec.n = 0;
	memset(&st, 0, sizeof(st));
	if (v1)
		kho_v1_walk(&ha, head, KHO_V1_BITMAP_4096, &visit, &sink,
			    &st);
	else
		kho_radix_walk(&ha, head, &visit, &sink, &st);
	/* timed walks: the set the parser would size for this map */
	free(slots);
	slots_n = visit_set_slots_for(st.map_pages);
	slots = calloc(slots_n, sizeof(u64));
	visit_set_init(&visit, slots, slots ? slots_n : 0);
	sink = (struct kho_map_sink){ .ctx = &c, .preserved_run = run_sink };
	/* interleaved, best of each: all three see the same machine load */
	for (r = 0, t_start = now(); r < MAX_REPEAT &&
	     (r < MIN_REPEAT || now() - t_start < MIN_SECONDS); r++) {
		double t0;

		memset(&st, 0, sizeof(st));
		c = (struct counter){ 0 };
		t0 = now();
		if (v1)
			kho_v1_walk(&ha, head, KHO_V1_BITMAP_4096, &visit, &sink,
			    &st);
		else
			kho_radix_walk(&ha, head, &visit, &sink, &st);
		best = MIN(best, now() - t0);
		plain = MIN(plain, plain_read(b, &sum));
		runs = c.calls;
		emit = MIN(emit, emit_only(&scratch, rec.ring, rec.n, runs));
	}
	printf("%-30s %7.2f %9llu %7llu %6llu %7.3f %6.2f %6.2f %5.2f |",
	       name, c.pages * 4096.0 / (1ULL << 30),
	       (unsigned long long)st.entries, (unsigned long long)c.calls,
	       (unsigned long long)(st.bitmap_bytes >> 10),
	       best * 1e9 / c.pages, st.bitmap_bytes / best / 1e9,
	       st.bitmap_bytes / plain / 1e9, plain / best);
	if (c.calls < 1000)	/* too few runs to time one */
		printf(" %6s %6s %5s %5s\n", "-", "-", "-", "-");
	else
		printf(" %6.2f %6.2f %5.2f %5.2f\n", best * 1e9 / c.calls,
		       emit * 1e9 / c.calls, plain / (plain + emit),
		       (plain + emit) / best);
	free(slots);
}

/* Order-0 radix map covering [0, bytes), every page preserved. */
static void bench_radix_full(u64 bytes, const char *name)
{
	u64 leaves = bytes / (32768ULL * 4096), i, *e = calloc(leaves, 8);
	struct host_arena a;
	struct builder_alloc al;
	struct bitmaps b = { .bytes = 4096 };
	phys_addr_t root;

	host_arena_init(&a, ARENA_BASE, (leaves + leaves / 256 + 64) * 4096);
	host_arena_builder_alloc(&a, &al);
	for (i = 0; i < leaves; i++)
		e[i] = (i * 32768ULL) << PAGE_SHIFT;
	root = kho_radix_build(&al, 0, e, leaves);
	fill_leaves(&a, root, 5, &b, FILL_ONES);
	report(name, &b, false, &a, root);
	host_arena_free(&a);
	free(e);
	free(b.pages);
}

/*
 * A VM host's map over [0, bytes): guest memory in THP-backed memfds, so
 * 88 % of the 2 MiB blocks are order-9 folios; 2 % hold order-4 (64 KiB
 * shmem mTHP) folios, about half of them preserved; 2 % carry order-0
 * pages (memfd pages that fell back to small folios, the folio arrays and
 * other kho_vmalloc metadata): 1..4 clusters of 1..32 pages each; the rest
 * is the host's own. The noisy variant has 5 % order-0 blocks of 1..8
 * clusters (0.7 % of all pages, in 2.5x the runs). Fixed seed.
 */
static u64 vm_host_entries(u64 bytes, bool noisy, u64 *e)
{
	u64 blocks = bytes / SZ_2M, n = 0, blk, k, i;
	u64 small_pct = noisy ? 5 : 2, max_clusters = noisy ? 8 : 4;

	rng = 0x2545f4914f6cdd1dULL;
	for (blk = 0; blk < blocks; blk++) {
		u64 r = next_random() % 100, pa = blk * SZ_2M;

		if (r < 88) {
			e[n++] = pa | 9;
		} else if (r < 90) {
			for (k = 0; k < 32; k++)
				if (next_random() & 1)
					e[n++] = (pa + k * 0x10000) | 4;
		} else if (r < 90 + small_pct) {
			u64 clusters = 1 + next_random() % max_clusters;

			for (k = 0; k < clusters; k++) {
				u64 start = next_random() % 512;
				u64 len = 1 + next_random() % 32;

				for (i = start; i < MIN(start + len, 512); i++)
					e[n++] = pa + i * PAGE_SIZE;
			}
		}
	}
	return n;
}

static void bench_vm_host(u64 bytes, bool v1, bool noisy, const char *name)
{
	u64 *e = calloc(bytes / SZ_2M * 256, 8), n;
	u64 pages = bytes / (32768ULL * 4096) * 3 + 1024;
	struct host_arena a;
	struct builder_alloc al;
	struct bitmaps b = { .bytes = 4096 };
	phys_addr_t head;

	n = vm_host_entries(bytes, noisy, e);
	host_arena_init(&a, ARENA_BASE, pages * 4096);
	host_arena_builder_alloc(&a, &al);
	if (v1) {
		head = kho_v1_build(&al, KHO_V1_BITMAP_4096, e, n);
		list_v1_bitmaps(&a, head, &b);
	} else {
		head = kho_radix_build(&al, 0, e, n);
		fill_leaves(&a, head, 5, &b, FILL_NONE);
	}
	if (!head) {
		printf("%s: build failed\n", name);
		exit(1);
	}
	report(name, &b, v1, &a, head);
	host_arena_free(&a);
	free(e);
	free(b.pages);
}

/*
 * Stress maps: order-0 leaves over 64 GiB (shredded: fragmented_word; or
 * worst case: every word random, i.e. every page preserved with
 * probability 1/2) plus 4096 order-9 blocks above them.
 */
static void bench_radix_stress(enum fill fill, const char *name)
{
	u64 leaves = (64ULL << 30) / (32768ULL * 4096), i, *e;
	u64 n = leaves + 4096;
	struct host_arena a;
	struct builder_alloc al;
	struct bitmaps b = { .bytes = 4096 };
	phys_addr_t root;

	rng = 0x9e3779b97f4a7c15ULL;
	e = calloc(n, 8);
	host_arena_init(&a, ARENA_BASE, (leaves + 256) * 4096);
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
	report(name, &b, false, &a, root);
	host_arena_free(&a);
	free(e);
	free(b.pages);
}

/* kho-v1 chunk list, 4096-byte bitmaps, every page of [0, bytes). */
static void bench_v1_full(u64 bytes, const char *name)
{
	u64 bitmaps = bytes / (32768ULL * 4096), i;
	u64 chunks = (bitmaps + 254) / 255;
	struct host_arena a;
	struct bitmaps b = { .bytes = 4096 };
	phys_addr_t head = 0, prev = 0;

	host_arena_init(&a, ARENA_BASE, (bitmaps + chunks + 16) * 4096);
	for (i = 0; i < bitmaps; i++) {
		u8 *chunk, *e;
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
		e = chunk + offsetof(struct khoser_mem_chunk, bitmaps[num]);
		ABI_PUT_LE64(e, struct khoser_mem_bitmap_ptr, phys_start,
			     i * 32768ULL * 4096);
		ABI_PUT_LE64(e, struct khoser_mem_bitmap_ptr, bitmap, bm);
		num++;
		ABI_PUT_LE32(chunk, struct khoser_mem_chunk, num_elms, num);
	}
	report(name, &b, true, &a, head);
	host_arena_free(&a);
	free(b.pages);
}

static const char *filter;

static bool wanted(const char *name)
{
	return !filter || strstr(name, filter);
}

int main(int argc, char **argv)
{
	static const u64 full[] = { 256, 512, 1024 }, vm[] = { 16, 32, 64 };
	char name[64];
	unsigned int i;

	filter = argc > 1 ? argv[1] : NULL;
	printf("preserved-memory map decode, best of %d..%d (>= %.2f s per map)\n",
	       MIN_REPEAT, MAX_REPEAT, MIN_SECONDS);
	printf("KiB = bitmap scanned; ratio = plain read of those bytes / decode"
	       " (target >= 0.5)\nns/run = decode per run; emit = bare sink call"
	       " per run; max = plain / (plain + emit),\nthe best ratio any"
	       " decoder reporting these runs can reach; eff = (plain + emit)"
	       " / decode\n");
	header();
	for (i = 0; i < ARRAY_SIZE(full); i++) {
		snprintf(name, sizeof(name), "radix order-0 full %lluG",
			 (unsigned long long)full[i]);
		if (wanted(name))
			bench_radix_full(full[i] << 30, name);
	}
	for (i = 0; i < ARRAY_SIZE(vm); i++) {
		snprintf(name, sizeof(name), "radix VM host %lluG",
			 (unsigned long long)vm[i]);
		if (wanted(name))
			bench_vm_host(vm[i] << 30, false, false, name);
	}
	if (wanted("radix VM host noisy 64G"))
		bench_vm_host(64ULL << 30, false, true,
			      "radix VM host noisy 64G");
	if (wanted("radix order-0 shredded 64G"))
		bench_radix_stress(FILL_FRAGMENTED,
				   "radix order-0 shredded 64G");
	if (wanted("radix order-0 random bits 64G"))
		bench_radix_stress(FILL_RANDOM,
				   "radix order-0 random bits 64G");
	for (i = 0; i < ARRAY_SIZE(full); i += 2) {
		snprintf(name, sizeof(name), "kho-v1 order-0 full %lluG",
			 (unsigned long long)full[i]);
		if (wanted(name))
			bench_v1_full(full[i] << 30, name);
	}
	if (wanted("kho-v1 VM host 64G"))
		bench_vm_host(64ULL << 30, true, false, "kho-v1 VM host 64G");
	if (wanted("kho-v1 VM host noisy 64G"))
		bench_vm_host(64ULL << 30, true, true,
			      "kho-v1 VM host noisy 64G");
	return 0;
}
