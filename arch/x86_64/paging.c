// SPDX-License-Identifier: MIT
/*
 * baton's own identity page tables in the payload: builds them with
 * arch/x86_64/pagetable.c (4-level, or 5-level when the loader left CR4.LA57
 * on, which cannot be cleared while paging is on), switches CR3, sets
 * CR0.WP so read-only mappings bind baton itself. Table pages come from a
 * caller-supplied allocator (the mm scratch allocator) or the early pool.
 */
#include <baton/arch.h>
#include <baton/log.h>
#include <arch/x86_64/arch.h>
#include <arch/x86_64/pagetable.h>
#include <arch/x86_64/x86.h>

#define EARLY_POOL_PAGES	64

static u8 early_pool[EARLY_POOL_PAGES][PAGE_SIZE] __aligned(4096);
static u32 early_pool_used;
static struct pagetable pt;
static bool active;
static u64 entry_limit = SZ_4G;	/* set by arch_start() */

static phys_addr_t early_pool_alloc(void *ctx)
{
	if (early_pool_used == EARLY_POOL_PAGES)
		return 0;
	return (phys_addr_t)early_pool[early_pool_used++];
}

static bool map_range(const struct arch_map_range *r)
{
	if (pagetable_map(&pt, r->pa, r->size, r->attrs))
		return true;
	if (pt.alloc == early_pool_alloc &&
	    early_pool_used == EARLY_POOL_PAGES) {
		pr_err("paging: the early pool's %u table pages ran out at 0x%llx+0x%llx\n",
		       EARLY_POOL_PAGES, (unsigned long long)r->pa,
		       (unsigned long long)r->size);
		return false;
	}
	pr_err("paging: cannot map 0x%llx+0x%llx (out of table pages or beyond the address space)\n",
	       (unsigned long long)r->pa, (unsigned long long)r->size);
	return false;
}

extern char _start[], __text_end[], __image_end[], boot_stack_guard[];

/* Text read-only+exec, data no-exec, the stack's guard page absent. */
static void image_ranges(struct arch_map_range r[3])
{
	r[0] = (struct arch_map_range){
		(phys_addr_t)_start, (u64)(__text_end - _start), ARCH_MAP_EXEC,
	};
	r[1] = (struct arch_map_range){
		(phys_addr_t)__text_end, (u64)(__image_end - __text_end),
		ARCH_MAP_WRITE,
	};
	r[2] = (struct arch_map_range){
		(phys_addr_t)boot_stack_guard, PAGE_SIZE, ARCH_MAP_NONE,
	};
}

static bool map_image(void)
{
	struct arch_map_range r[3];

	image_ranges(r);
	return map_range(&r[0]) && map_range(&r[1]) && map_range(&r[2]);
}

/*
 * The early pool is fixed; what the map needs is not (one table per GiB
 * of RAM without 1 GiB pages, two per unaligned range edge): when it runs
 * out, nothing built so far is activated and the message gives the
 * proven bound (pagetable_pages_bound) so the shortfall is plain.
 */
static void report_pool_shortfall(const struct arch_map_range *ranges,
				  u32 count, const struct arch_map_range *image)
{
	u64 bound = pagetable_pages_bound(&pt, ranges, count) - 1 +
		    pagetable_pages_bound(&pt, image, 3);

	pr_err("paging: %u ranges with %s pages need up to %llu table pages, the early pool has %u: not switching to baton's tables\n",
	       count + 3, pt.gb_pages ? "1 GiB" : "2 MiB (no 1 GiB pages)",
	       (unsigned long long)bound, EARLY_POOL_PAGES);
}

int arch_paging_init(const struct arch_map_range *ranges, u32 count,
		     arch_page_alloc_fn alloc, void *alloc_ctx)
{
	u32 i;

	pt.alloc = alloc ? alloc : early_pool_alloc;
	pt.alloc_ctx = alloc_ctx;
	pt.levels = arch_cpu_la57() ? 5 : 4;
	pt.nx = arch_cpu_has_nx();
	pt.gb_pages = arch_cpu_has_gb_pages();
	active = false;
	if (!pagetable_create(&pt)) {
		pr_err("paging: no page for the root table\n");
		return -1;
	}
	for (i = 0; i < count; i++)
		if (!map_range(&ranges[i]))
			goto fail;
	if (!map_image())
		goto fail;

	write_cr3(pt.root);
	write_cr0(read_cr0() | X86_CR0_WP);
	active = true;
	return 0;
fail:
	if (pt.alloc == early_pool_alloc &&
	    early_pool_used == EARLY_POOL_PAGES) {
		struct arch_map_range image[3];

		image_ranges(image);
		report_pool_shortfall(ranges, count, image);
	}
	return -1;
}

void arch_paging_set_allocator(arch_page_alloc_fn alloc, void *alloc_ctx)
{
	pt.alloc = alloc ? alloc : early_pool_alloc;
	pt.alloc_ctx = alloc_ctx;
}

int arch_paging_map_ranges(const struct arch_map_range *ranges, u32 count)
{
	int ret = 0;
	u32 i;

	if (!active) {
		pr_err("paging: baton's page tables are not active yet\n");
		return -1;
	}
	for (i = 0; i < count && !ret; i++)
		if (!map_range(&ranges[i]))
			ret = -1;
	write_cr3(pt.root);	/* no global pages: this flushes everything */
	return ret;
}

int arch_paging_map(const struct arch_map_range *range)
{
	return arch_paging_map_ranges(range, 1);
}

bool arch_paging_lookup(u64 addr, u32 *attrs, u64 *page_size)
{
	u64 entry, pa;
	int level;

	if (!active || !pagetable_lookup(&pt, addr, &entry, &level, &pa))
		return false;
	*attrs = 0;
	if (entry & PTE_WRITE)
		*attrs |= ARCH_MAP_WRITE;
	if (!(entry & PTE_NX))
		*attrs |= ARCH_MAP_EXEC;
	if (entry & PTE_PCD)
		*attrs |= ARCH_MAP_DEVICE;
	*page_size = 1ULL << (12 + 9 * (level - 1));
	return true;
}

u64 arch_paging_limit(void)
{
	return 1ULL << (arch_cpu_la57() ? 52 : 46);
}

void arch_paging_set_entry_limit(u64 limit)
{
	entry_limit = limit;
}

u64 arch_paging_mapped_limit(void)
{
	return active ? arch_paging_limit() : entry_limit;
}

u32 arch_paging_pages_used(void)
{
	return pt.pages_used;
}

int arch_paging_levels(void)
{
	return pt.levels;
}
