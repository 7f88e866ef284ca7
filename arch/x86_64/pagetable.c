// SPDX-License-Identifier: MIT
/*
 * Identity page tables: the largest page that fits each piece of a range
 * (1 GiB when available, 2 MiB, 4 KiB); mapping part of an existing large
 * page splits it, and the pages not being changed keep their attributes.
 * Tables are written through their physical address, so they must be
 * reachable at it (identity mapped in the payload, host memory in tests).
 */
#include <string.h>
#include <arch/x86_64/pagetable.h>

#define ENTRIES		512
#define PTE_TABLE	(PTE_PRESENT | PTE_WRITE | PTE_ACCESSED)

static u64 *table_at(u64 entry)
{
	return (u64 *)(uintptr_t)(entry & PTE_ADDR);
}

static u64 *new_table(struct pagetable *pt)
{
	phys_addr_t pa = pt->alloc(pt->alloc_ctx);

	if (!pa || (pa & ~PTE_ADDR))
		return NULL;
	pt->pages_used++;
	memset((void *)(uintptr_t)pa, 0, PAGE_SIZE);
	return (u64 *)(uintptr_t)pa;
}

static u64 leaf_flags(const struct pagetable *pt, u32 attrs)
{
	u64 f = PTE_PRESENT | PTE_ACCESSED | PTE_DIRTY;

	if (attrs & ARCH_MAP_NONE)
		return 0;

	if (attrs & ARCH_MAP_WRITE)
		f |= PTE_WRITE;
	if (!(attrs & ARCH_MAP_EXEC) && pt->nx)
		f |= PTE_NX;
	if (attrs & ARCH_MAP_DEVICE)
		f |= PTE_PCD | PTE_PWT;
	return f;
}

static unsigned int level_shift(int level)
{
	return 12 + 9 * (unsigned int)(level - 1);
}

static bool level_can_be_leaf(const struct pagetable *pt, int level)
{
	return level == 1 || level == 2 || (level == 3 && pt->gb_pages);
}

/* Replaces a large page by a table of the next level with equal effect. */
static u64 *split_large(struct pagetable *pt, u64 *entry, int level)
{
	u64 old = *entry, flags = old & ~PTE_ADDR & ~PTE_LARGE;
	u64 base = old & PTE_ADDR & ~((1ULL << level_shift(level)) - 1);
	u64 step = 1ULL << level_shift(level - 1);
	u64 *table = new_table(pt);
	int i;

	if (!table)
		return NULL;
	for (i = 0; i < ENTRIES; i++)
		table[i] = (base + (u64)i * step) | flags |
			   (level - 1 > 1 ? PTE_LARGE : 0);
	*entry = (u64)(uintptr_t)table | PTE_TABLE;
	return table;
}

static bool map_level(struct pagetable *pt, u64 *table, int level, u64 start,
		      u64 end, u64 flags)
{
	unsigned int shift = level_shift(level);
	u64 span = 1ULL << shift;

	while (start < end) {
		u64 *entry = &table[(start >> shift) & (ENTRIES - 1)];
		u64 entry_end = (start & ~(span - 1)) + span;
		u64 chunk_end = MIN(end, entry_end);
		u64 *next;

		if (!flags && !(*entry & PTE_PRESENT)) {
			/* Unmapping what is not mapped: nothing to do. */
		} else if (level_can_be_leaf(pt, level) &&
			   !(start & (span - 1)) && chunk_end == entry_end) {
			*entry = flags ? start | flags |
					 (level > 1 ? PTE_LARGE : 0) : 0;
		} else if (level > 1 && (*entry & PTE_LARGE) &&
			   (*entry & ~PTE_ADDR & ~PTE_LARGE) == flags) {
			/* Already mapped so by a large page: nothing to split. */
		} else {
			if (!(*entry & PTE_PRESENT)) {
				next = new_table(pt);
				if (!next)
					return false;
				*entry = (u64)(uintptr_t)next | PTE_TABLE;
			} else if (*entry & PTE_LARGE) {
				next = split_large(pt, entry, level);
				if (!next)
					return false;
			} else {
				next = table_at(*entry);
			}
			if (!map_level(pt, next, level - 1, start, chunk_end,
				       flags))
				return false;
		}
		start = chunk_end;
	}
	return true;
}

bool pagetable_create(struct pagetable *pt)
{
	u64 *root;

	pt->pages_used = 0;
	root = new_table(pt);
	pt->root = (u64)(uintptr_t)root;
	return root != NULL;
}

bool pagetable_map(struct pagetable *pt, phys_addr_t pa, u64 size, u32 attrs)
{
	u64 limit = 1ULL << (pt->levels == 5 ? 52 : 46);
	u64 start = pa & PAGE_MASK, end;

	if (!size)
		return true;
	if (!range_end(pa, size, &end) || end > limit)
		return false;
	end = ALIGN_UP(end, PAGE_SIZE);
	return map_level(pt, table_at(pt->root), pt->levels, start, end,
			 leaf_flags(pt, attrs));
}

/* Spans of 1 << shift that [start, end) touches, start < end. */
static u64 spans_touched(u64 start, u64 end, unsigned int shift)
{
	return ((end - 1) >> shift) - (start >> shift) + 1;
}

struct bound_track {
	u64 span;	/* ~0: none */
	u64 flags;	/* leaf flags of the range that made it */
};

/*
 * Tables below a leaf-capable entry: one per span the range covers only
 * partly (holding an unaligned edge), except the span the previous
 * partial range with the same leaf flags left: there the entry is already
 * a table or a large page with these very flags, so nothing is allocated.
 * A range covering a whole span makes it a leaf again (dropping its
 * subtree): tracking restarts at this level and all below.
 */
static u64 bound_leaf_level(const struct pagetable *pt, struct bound_track *t,
			    int level, u64 start, u64 end, u64 flags)
{
	unsigned int shift = level_shift(level);
	u64 mask = (1ULL << shift) - 1;
	u64 head = (start & mask) ? start >> shift : ~0ULL;
	u64 tail = (end & mask) ? (end - 1) >> shift : ~0ULL;
	u64 partial = 0, pages = 0;
	int l;

	if (tail == head)
		tail = ~0ULL;
	if (head != ~0ULL) {
		partial++;
		pages += !(head == t[level].span && flags == t[level].flags);
	}
	if (tail != ~0ULL) {
		partial++;
		pages += !(tail == t[level].span && flags == t[level].flags);
	}
	if (spans_touched(start, end, shift) > partial)
		for (l = 1; l <= level; l++)
			t[l].span = ~0ULL;
	if (flags && (tail != ~0ULL || head != ~0ULL))
		t[level] = (struct bound_track){
			tail != ~0ULL ? tail : head, flags,
		};
	return pages;
}

u64 pagetable_pages_bound(const struct pagetable *pt,
			  const struct arch_map_range *ranges, u32 count)
{
	u64 limit = 1ULL << (pt->levels == 5 ? 52 : 46);
	struct bound_track track[6];
	u64 pages = 1;	/* the root */
	u32 i;
	int level;

	for (level = 0; level < 6; level++)
		track[level] = (struct bound_track){ ~0ULL, 0 };
	for (i = 0; i < count; i++) {
		u64 start = ranges[i].pa & PAGE_MASK, end;
		u64 flags = leaf_flags(pt, ranges[i].attrs);

		if (!ranges[i].size ||
		    !range_end(ranges[i].pa, ranges[i].size, &end) ||
		    end > limit)
			continue;
		end = ALIGN_UP(end, PAGE_SIZE);
		/* Tables below entries of `level`, top down. */
		for (level = pt->levels; level >= 2; level--) {
			unsigned int shift = level_shift(level);
			u64 n;

			if (level_can_be_leaf(pt, level)) {
				pages += bound_leaf_level(pt, track, level,
							  start, end, flags);
				continue;
			}
			/* Never a leaf: a table, once there, stays. */
			n = spans_touched(start, end, shift);
			if (start >> shift == track[level].span)
				n--;
			track[level].span = (end - 1) >> shift;
			pages += n;
		}
	}
	return pages;
}

bool pagetable_lookup(const struct pagetable *pt, u64 addr, u64 *entry,
		      int *level, u64 *pa)
{
	const u64 *table = table_at(pt->root);
	int l;

	for (l = pt->levels; l >= 1; l--) {
		unsigned int shift = level_shift(l);
		u64 e = table[(addr >> shift) & (ENTRIES - 1)];

		if (!(e & PTE_PRESENT))
			return false;
		if (l == 1 || (e & PTE_LARGE)) {
			u64 mask = (1ULL << shift) - 1;

			*entry = e;
			*level = l;
			*pa = (e & PTE_ADDR & ~mask) | (addr & mask);
			return true;
		}
		table = table_at(e);
	}
	return false;
}
