// SPDX-License-Identifier: MIT
/*
 * Identity page tables built by baton itself (4-level, or 5-level when the
 * loader left CR4.LA57 on, which cannot be cleared while paging is on).
 * Ranges are mapped with the largest page that fits (1 GiB when the CPU has
 * it, 2 MiB, 4 KiB); mapping over an existing large page splits it, keeping
 * the attributes of the pages not being changed. Table pages come from a
 * caller-supplied allocator (the mm scratch allocator) or the early pool.
 */
#include <string.h>
#include <baton/arch.h>
#include <baton/log.h>
#include <arch/x86_64/arch.h>
#include <arch/x86_64/x86.h>

#define PTE_PRESENT	(1ULL << 0)
#define PTE_WRITE	(1ULL << 1)
#define PTE_PWT		(1ULL << 3)
#define PTE_PCD		(1ULL << 4)
#define PTE_ACCESSED	(1ULL << 5)
#define PTE_DIRTY	(1ULL << 6)
#define PTE_LARGE	(1ULL << 7)
#define PTE_NX		(1ULL << 63)
#define PTE_ADDR	0x000ffffffffff000ULL
#define PTE_TABLE	(PTE_PRESENT | PTE_WRITE | PTE_ACCESSED)

#define EARLY_POOL_PAGES	64
#define ENTRIES			512

static u8 early_pool[EARLY_POOL_PAGES][PAGE_SIZE] __aligned(4096);
static u32 early_pool_used;

static struct {
	u64 root;
	int levels;
	bool active;
	arch_page_alloc_fn alloc;
	void *alloc_ctx;
	u32 pages_used;
	bool out_of_pages;
} pt;

static phys_addr_t early_pool_alloc(void *ctx)
{
	if (early_pool_used == EARLY_POOL_PAGES)
		return 0;
	return (phys_addr_t)early_pool[early_pool_used++];
}

static u64 *new_table(void)
{
	phys_addr_t pa = pt.alloc(pt.alloc_ctx);

	if (!pa) {
		pt.out_of_pages = true;
		return NULL;
	}
	pt.pages_used++;
	memset((void *)pa, 0, PAGE_SIZE);
	return (u64 *)pa;
}

static u64 leaf_flags(u32 attrs)
{
	u64 f = PTE_PRESENT | PTE_ACCESSED | PTE_DIRTY;

	if (attrs & ARCH_MAP_WRITE)
		f |= PTE_WRITE;
	if (!(attrs & ARCH_MAP_EXEC) && arch_cpu_has_nx())
		f |= PTE_NX;
	if (attrs & ARCH_MAP_DEVICE)
		f |= PTE_PCD | PTE_PWT;
	return f;
}

static unsigned int level_shift(int level)
{
	return 12 + 9 * (level - 1);
}

static bool level_can_be_leaf(int level)
{
	return level == 1 || level == 2 || (level == 3 && arch_cpu_has_gb_pages());
}

/* Replaces a large page by a table of the next level with equal effect. */
static u64 *split_large(u64 *entry, int level)
{
	u64 old = *entry, flags = old & ~PTE_ADDR & ~PTE_LARGE;
	u64 base = old & PTE_ADDR & ~((1ULL << level_shift(level)) - 1);
	u64 step = 1ULL << level_shift(level - 1);
	u64 *table = new_table();
	int i;

	if (!table)
		return NULL;
	for (i = 0; i < ENTRIES; i++)
		table[i] = (base + i * step) | flags |
			   (level - 1 > 1 ? PTE_LARGE : 0);
	*entry = (u64)table | PTE_TABLE;
	return table;
}

static bool map_level(u64 *table, int level, u64 start, u64 end, u64 flags)
{
	unsigned int shift = level_shift(level);
	u64 span = 1ULL << shift;

	while (start < end) {
		u64 *entry = &table[(start >> shift) & (ENTRIES - 1)];
		u64 entry_end = (start & ~(span - 1)) + span;
		u64 chunk_end = MIN(end, entry_end);
		u64 *next;

		if (level_can_be_leaf(level) && !(start & (span - 1)) &&
		    chunk_end == entry_end) {
			*entry = start | flags | (level > 1 ? PTE_LARGE : 0);
		} else if (level > 1 && (*entry & PTE_LARGE) &&
			   (*entry & ~PTE_ADDR & ~PTE_LARGE) == flags) {
			/* Already mapped so by a large page: nothing to split. */
		} else {
			if (!(*entry & PTE_PRESENT)) {
				next = new_table();
				if (!next)
					return false;
				*entry = (u64)next | PTE_TABLE;
			} else if (*entry & PTE_LARGE) {
				next = split_large(entry, level);
				if (!next)
					return false;
			} else {
				next = (u64 *)(*entry & PTE_ADDR);
			}
			if (!map_level(next, level - 1, start, chunk_end, flags))
				return false;
		}
		if (!entry_end)	/* wrapped at the top of the address space */
			break;
		start = chunk_end;
	}
	return true;
}

static bool map_range(const struct arch_map_range *r)
{
	u64 start = r->pa & PAGE_MASK, end;
	u64 limit = 1ULL << (pt.levels == 5 ? 52 : 46);

	if (!r->size)
		return true;
	if (!range_end(r->pa, r->size, &end) || end > limit) {
		pr_err("paging: range 0x%llx+0x%llx beyond the physical address space\n",
		       (unsigned long long)r->pa, (unsigned long long)r->size);
		return false;
	}
	end = ALIGN_UP(end, PAGE_SIZE);
	if (!map_level((u64 *)pt.root, pt.levels, start, end,
		       leaf_flags(r->attrs))) {
		pr_err("paging: out of page-table pages mapping 0x%llx-0x%llx\n",
		       (unsigned long long)start, (unsigned long long)end);
		return false;
	}
	return true;
}

extern char _start[], __text_end[], __image_end[];

static bool map_image(void)
{
	struct arch_map_range text = {
		(phys_addr_t)_start, (u64)(__text_end - _start), ARCH_MAP_EXEC,
	};
	struct arch_map_range data = {
		(phys_addr_t)__text_end, (u64)(__image_end - __text_end),
		ARCH_MAP_WRITE,
	};

	return map_range(&text) && map_range(&data);
}

int arch_paging_init(const struct arch_map_range *ranges, u32 count,
		     arch_page_alloc_fn alloc, void *alloc_ctx)
{
	u32 i;

	pt.alloc = alloc ? alloc : early_pool_alloc;
	pt.alloc_ctx = alloc_ctx;
	pt.levels = arch_cpu_la57() ? 5 : 4;
	pt.active = false;
	pt.root = (u64)new_table();
	if (!pt.root) {
		pr_err("paging: no page for the root table\n");
		return -1;
	}
	for (i = 0; i < count; i++)
		if (!map_range(&ranges[i]))
			return -1;
	if (!map_image())
		return -1;

	write_cr3(pt.root);
	write_cr0(read_cr0() | X86_CR0_WP);
	pt.active = true;
	return 0;
}

int arch_paging_map(const struct arch_map_range *range)
{
	if (!pt.active) {
		pr_err("paging: baton's page tables are not active yet\n");
		return -1;
	}
	if (!map_range(range))
		return -1;
	write_cr3(pt.root);	/* no global pages: this flushes everything */
	return 0;
}

u32 arch_paging_pages_used(void)
{
	return pt.pages_used;
}

int arch_paging_levels(void)
{
	return pt.levels;
}
