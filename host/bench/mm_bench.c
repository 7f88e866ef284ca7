// SPDX-License-Identifier: MIT
/*
 * mm benchmarks: the cost per preserved page of the map-walk sinks and the
 * final merge, for a contiguous order-0 stream (a radix map of up to 1 TiB
 * of 4 KiB pages) and a fragmented map (every other page preserved), each
 * at three sizes so that the per-page figures show the cost is linear.
 * "order-0 stream" and "every other page" call the per-page sinks once per
 * page; "leaf runs" uses the run sinks the radix walker calls (one call per
 * full leaf of 32768 pages). Times are CPU times of this thread.
 */
#include <mm/mm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SCRATCH_START	SZ_1G
#define SCRATCH_SIZE	SZ_1G
#define PRESERVED_BASE	(8 * SZ_1G)
#define LEAF_PAGES	32768ULL	/* pages one radix leaf describes */

static struct finding findings_storage[64];
static struct finding_list findings;
static struct mm mm;

static double now(void)
{
	struct timespec ts;

	/* CPU time: the build machine is shared, wall time is noise */
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void setup(u64 ram_top)
{
	struct boot_e820_entry e820[] = {
		{ 0, 0x9fc00, E820_TYPE_RAM },
		{ SZ_1M, ram_top - SZ_1M, E820_TYPE_RAM },
	};
	struct boot_info *bi = calloc(1, sizeof(*bi));

	finding_list_init(&findings, findings_storage,
			  ARRAY_SIZE(findings_storage));
	mm_init(&mm, &findings);
	mm_load_e820(&mm, e820, ARRAY_SIZE(e820));
	mm_add_scratch_area(&mm, SCRATCH_START, SCRATCH_SIZE);
	bi->image_start = SCRATCH_START + SCRATCH_SIZE - SZ_2M;
	bi->image_end = bi->image_start + SZ_2M;
	mm_reserve_boot_info(&mm, bi);
	free(bi);
}

/*
 * One walk over `pages` pages from PRESERVED_BASE, every `stride` pages one
 * preserved order-0 page, with a map page per leaf as the radix walker
 * reports them (leaf pages scattered over 1 GiB below the preserved memory,
 * so each one interrupts the sorted stream of preserved ranges).
 */
static void walk(u64 pages, u64 stride, bool reserve)
{
	u64 i;

	if (stride == 0) {	/* the walker's run calls: one per full leaf */
		for (i = 0; i < pages; i += LEAF_PAGES) {
			phys_addr_t pa = PRESERVED_BASE + i * PAGE_SIZE;
			u64 n = MIN(LEAF_PAGES, pages - i);

			if (reserve) {
				mm_reserve_map_page(&mm, 2 * SZ_1G + i / 8, PAGE_SIZE);
				mm_reserve_preserved_run(&mm, pa, 0, n);
			} else {
				mm_scan_map_page(&mm, 2 * SZ_1G + i / 8, PAGE_SIZE);
				mm_scan_preserved_run(&mm, pa, 0, n);
			}
		}
		return;
	}

	for (i = 0; i < pages; i += stride) {
		if (i % LEAF_PAGES == 0) {
			/* scattered, as the kernel's page allocator left them */
			u64 n = i / LEAF_PAGES;
			phys_addr_t leaf = 2 * SZ_1G +
				((n * 0x9e3779b1ULL) % 0x40000) * PAGE_SIZE;

			if (reserve)
				mm_reserve_map_page(&mm, leaf, PAGE_SIZE);
			else
				mm_scan_map_page(&mm, leaf, PAGE_SIZE);
		}
		if (reserve)
			mm_reserve_preserved(&mm, PRESERVED_BASE + i * PAGE_SIZE,
					     0);
		else
			mm_scan_preserved(&mm, PRESERVED_BASE + i * PAGE_SIZE,
					  0);
	}
}

struct result {
	double scan, reserve, commit;
	u64 entries, ranges;
};

static bool run(u64 bytes, u64 stride, struct result *r)
{
	u64 pages = bytes / PAGE_SIZE;
	phys_addr_t pa;
	u64 size;
	void *arena;
	double t0;

	setup(PRESERVED_BASE + bytes + SZ_1G);
	t0 = now();
	walk(pages, stride, false);
	r->scan = now() - t0;
	if (mm_arena_place(&mm, &pa, &size)) {
		printf("FAIL: arena: %s\n", mm.error);
		return false;
	}
	arena = malloc(size);
	if (arena)	/* the payload's arena is mapped RAM: no page faults */
		memset(arena, 0, size);
	if (!arena || mm_arena_attach(&mm, arena, pa, size)) {
		printf("FAIL: arena of 0x%llx bytes\n", (unsigned long long)size);
		return false;
	}
	t0 = now();
	walk(pages, stride, true);
	r->reserve = now() - t0;
	t0 = now();
	if (mm_reserve_commit(&mm)) {
		printf("FAIL: commit: %s\n", mm.error);
		return false;
	}
	r->commit = now() - t0;
	r->entries = mm.preserved_count;
	r->ranges = range_set_count(&mm.occupied, MM_KIND_PRESERVED);
	free(arena);
	return r->entries == pages / (stride ? stride : 1);
}

static double series(const char *name, const u64 *sizes, u64 stride)
{
	struct result r[3];
	double per[3];
	int i;

	for (i = 0; i < 3; i++) {
		if (!run(sizes[i], stride, &r[i]))
			return 0;
		per[i] = (r[i].scan + r[i].reserve + r[i].commit) * 1e9 /
			 r[i].entries;
		printf("mm bench: %s %4llu GiB: %10llu pages -> %8llu ranges: walk#1 %.3f s, walk#2 %.3f s, merge %.3f s, %.3f ns/page\n",
		       name, (unsigned long long)(sizes[i] / SZ_1G),
		       (unsigned long long)r[i].entries,
		       (unsigned long long)r[i].ranges, r[i].scan,
		       r[i].reserve, r[i].commit, per[i]);
	}
	printf("mm bench: %s ns/page ratio largest/smallest = %.2f (1.00 = linear)\n",
	       name, per[2] / per[0]);
	return per[2] / per[0];
}

int main(void)
{
	static const u64 contiguous[] = { 64 * SZ_1G, 256 * SZ_1G,
					  1024 * SZ_1G };
	static const u64 fragmented[] = { 16 * SZ_1G, 32 * SZ_1G, 64 * SZ_1G };
	double a, b, c;

	a = series("order-0 stream", contiguous, 1);
	b = series("every other page", fragmented, 2);
	c = series("leaf runs", contiguous, 0);
	if (a == 0 || b == 0 || c == 0) {
		printf("FAIL: mm bench\n");
		return 1;
	}
	printf("PASS: mm bench\n");
	return 0;
}
