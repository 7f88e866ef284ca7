// SPDX-License-Identifier: MIT
/*
 * The paging phase: applies mm's view of memory to baton's live identity
 * tables (preserved memory, the KHO map and boot data read-only; only
 * baton's own allocations and free scratch writable), with table pages
 * from mm, and lets a fault name the range it hit.
 */
#include <baton/arch.h>
#include <baton/fault_describe.h>
#include <baton/log.h>
#include <baton/printf.h>
#include <boot/flow.h>

static struct mm *fault_mm;
static fault_describe_fn previous_describer;

/* ctx: the flow (lives until baton exits); 0 when mm has no room. */
static phys_addr_t table_page_alloc(void *ctx)
{
	return (phys_addr_t)(uintptr_t)flow_alloc(ctx, PAGE_SIZE);
}

static bool describe_with_mm(u64 addr, char *buf, size_t size)
{
	if (previous_describer && previous_describer(addr, buf, size))
		return true;
	if (!fault_mm)
		return false;
	mm_describe_address(fault_mm, addr, buf, size);
	return buf[0] != '\0';
}

struct mapping_list {
	struct arch_map_range *ranges;
	u32 count;
	u32 capacity;
	phys_addr_t image_start, image_end;
	u64 limit;
};

static void add_range(struct mapping_list *l, phys_addr_t pa, u64 end,
		      u32 attrs)
{
	if (end > l->limit)
		end = l->limit;
	if (pa >= end)
		return;
	if (l->ranges && l->count < l->capacity)
		l->ranges[l->count] = (struct arch_map_range){
			.pa = pa, .size = end - pa, .attrs = attrs,
		};
	l->count++;
}

/*
 * baton's image keeps the attributes arch_paging_setup gave it (text
 * read-only, data no-exec, the stack's guard page absent).
 */
static void collect_mapping(void *ctx, phys_addr_t pa, u64 size, u32 mm_attrs)
{
	struct mapping_list *l = ctx;
	u32 attrs = ((mm_attrs & MM_MAP_WRITE) ? ARCH_MAP_WRITE : 0) |
		    ((mm_attrs & MM_MAP_EXEC) ? ARCH_MAP_EXEC : 0);
	phys_addr_t end = pa + size;

	if (end <= l->image_start || pa >= l->image_end) {
		add_range(l, pa, end, attrs);
		return;
	}
	add_range(l, pa, l->image_start, attrs);
	add_range(l, l->image_end, end, attrs);
}

static int apply_mm_mapping(struct flow *f, u32 *count)
{
	struct mapping_list l = {
		.image_start = f->bi->image_start & ~(u64)(PAGE_SIZE - 1),
		.image_end = ALIGN_UP(f->bi->image_end, PAGE_SIZE),
		.limit = arch_paging_limit(),
	};

	mm_for_each_mapping(f->mm, collect_mapping, &l);
	/* room for the split the array's own allocation may add */
	l.capacity = l.count + 8;
	l.ranges = flow_alloc(f, (u64)l.capacity * sizeof(*l.ranges));
	if (!l.ranges)
		return -1;
	l.count = 0;
	mm_for_each_mapping(f->mm, collect_mapping, &l);
	*count = l.count;
	if (l.count > l.capacity) {
		baton_snprintf(f->mm->error, sizeof(f->mm->error),
			       "%u mappings, room for %u", l.count, l.capacity);
		return -1;
	}
	return arch_paging_map_ranges(l.ranges, l.count);
}

void phase_paging(struct flow *f)
{
	u32 before = arch_paging_pages_used(), count = 0;

	fault_mm = f->mm;
	previous_describer = fault_set_describer(describe_with_mm);
	if (!f->mm_ready) {
		pr_warn("memory: no memory model, baton keeps its boot mapping\n");
		flow_mark(f, "paging");
		return;
	}
	arch_paging_set_allocator(table_page_alloc, f);
	if (apply_mm_mapping(f, &count)) {
		pr_err("memory: applying the memory model to the page tables failed: %s\n",
		       f->mm->error);
		flow_mark(f, "paging");
		return;
	}
	mm_release_kind(f->mm, MM_KIND_OLD_PAGE_TABLE);
	f->paging_ready = true;
	pr_info("paging: memory model applied, %u ranges, %u more table pages; preserved memory read-only\n",
		count, arch_paging_pages_used() - before);
	flow_mark(f, "paging");
}
