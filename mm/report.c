// SPDX-License-Identifier: MIT
/*
 * What the memory model tells others: the summary lines for the log, the
 * name of whatever contains an address (for the page-fault handler) and the
 * identity mapping with read-only protection of everything baton must not
 * write.
 */
#include <mm/mm_internal.h>
#include <baton/printf.h>

#define LINE_MAX_CHARS	160

static void print_line(mm_line_fn line, void *ctx, const char *fmt, ...)
	__printf(3, 4);

static void print_line(mm_line_fn line, void *ctx, const char *fmt, ...)
{
	char text[LINE_MAX_CHARS];
	va_list ap;

	va_start(ap, fmt);
	baton_vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	line(ctx, text);
}

static void print_scratch(const struct mm *mm, mm_line_fn line, void *ctx)
{
	struct mm_free_stats st;
	u64 total = 0;
	u32 i;

	for (i = 0; i < mm->scratch_count; i++)
		total += mm->scratch[i].size;
	mm_free_stats(mm, 0, MM_NO_MAX, &st);
	print_line(line, ctx,
		   "mm: scratch %u areas, 0x%llx bytes, free 0x%llx in %u blocks, largest 0x%llx",
		   mm->scratch_count, (unsigned long long)total,
		   (unsigned long long)st.bytes, st.blocks,
		   (unsigned long long)st.largest);
	for (i = 0; i < mm->scratch_count; i++) {
		const struct mm_scratch_area *a = &mm->scratch[i];

		mm_scratch_free_stats(mm, i, &st);
		print_line(line, ctx,
			   "mm:   scratch[%u] [0x%016llx-0x%016llx) free 0x%llx%s",
			   i, (unsigned long long)a->start,
			   (unsigned long long)(a->start + a->size),
			   (unsigned long long)st.bytes,
			   a->refused ? " refused" : "");
	}
}

void mm_print_summary(const struct mm *mm, mm_line_fn line, void *ctx)
{
	struct mm_free_stats st;
	unsigned int order;

	print_line(line, ctx, "mm: e820 %u entries, RAM 0x%llx bytes",
		   mm->e820_count,
		   (unsigned long long)range_set_bytes(&mm->firmware,
						       MM_KIND_RAM));
	if (mm->handover) {
		print_scratch(mm, line, ctx);
	} else {
		mm_free_stats(mm, 0, MM_NO_MAX, &st);
		print_line(line, ctx,
			   "mm: no scratch (plain boot): free RAM above 1 MiB 0x%llx in %u blocks, largest 0x%llx",
			   (unsigned long long)st.bytes, st.blocks,
			   (unsigned long long)st.largest);
	}
	print_line(line, ctx,
		   "mm: preserved %llu entries, 0x%llx bytes, %zu ranges after merging",
		   (unsigned long long)mm->preserved_count,
		   (unsigned long long)mm->preserved_bytes,
		   range_set_count(&mm->occupied, MM_KIND_PRESERVED));
	for (order = 0; order < MM_ORDER_COUNT; order++) {
		const struct mm_order_stats *o = &mm->preserved_by_order[order];

		if (o->count)
			print_line(line, ctx,
				   "mm:   order %2u: %llu entries, 0x%llx bytes",
				   order, (unsigned long long)o->count,
				   (unsigned long long)o->bytes);
	}
	print_line(line, ctx, "mm: KHO map pages %llu, 0x%llx bytes",
		   (unsigned long long)mm->map_pages,
		   (unsigned long long)mm->map_bytes);
	print_line(line, ctx,
		   "mm: baton image 0x%llx bytes, %llu allocations 0x%llx bytes, next kernel 0x%llx bytes",
		   (unsigned long long)(mm->image_end - mm->image_start),
		   (unsigned long long)mm->alloc_count,
		   (unsigned long long)mm->alloc_bytes,
		   (unsigned long long)mm->next_kernel_bytes);
	print_line(line, ctx,
		   "mm: occupied set %zu of %zu entries, arena 0x%llx bytes at 0x%llx%s",
		   mm->occupied.count, mm->occupied.capacity,
		   (unsigned long long)mm->arena_size,
		   (unsigned long long)mm->arena_pa,
		   mm->broken ? ", INCOMPLETE: allocation disabled" : "");
}

/* ---- describing an address ---- */

static int scratch_index(const struct mm *mm, phys_addr_t pa)
{
	u32 i;

	for (i = 0; i < mm->scratch_count; i++)
		if (pa >= mm->scratch[i].start &&
		    pa - mm->scratch[i].start < mm->scratch[i].size)
			return (int)i;
	return -1;
}

const char *mm_describe_address(const struct mm *mm, phys_addr_t pa,
				char *buf, size_t size)
{
	const struct range_entry *e = range_set_find(&mm->occupied, pa);
	int area = scratch_index(mm, pa);

	if (e && e->kind == MM_KIND_PRESERVED && e->min_order == e->max_order)
		baton_snprintf(buf, size, "preserved range [0x%llx-0x%llx) order %u",
			       (unsigned long long)e->start,
			       (unsigned long long)e->end, e->min_order);
	else if (e && e->kind == MM_KIND_PRESERVED)
		baton_snprintf(buf, size,
			       "preserved range [0x%llx-0x%llx) orders %u-%u",
			       (unsigned long long)e->start,
			       (unsigned long long)e->end, e->min_order,
			       e->max_order);
	else if (e)
		baton_snprintf(buf, size, "%s [0x%llx-0x%llx)",
			       mm_kind_name(e->kind),
			       (unsigned long long)e->start,
			       (unsigned long long)e->end);
	else if (area >= 0)
		baton_snprintf(buf, size,
			       "free scratch in area #%d [0x%llx-0x%llx)", area,
			       (unsigned long long)mm->scratch[area].start,
			       (unsigned long long)(mm->scratch[area].start +
						    mm->scratch[area].size));
	else if ((e = range_set_find(&mm->firmware, pa)) != NULL)
		baton_snprintf(buf, size, "e820 %s [0x%llx-0x%llx), not reserved",
			       mm_kind_name(e->kind),
			       (unsigned long long)e->start,
			       (unsigned long long)e->end);
	else
		baton_snprintf(buf, size, "0x%llx: not in the e820 map",
			       (unsigned long long)pa);
	return buf;
}

/* ---- the identity mapping ---- */

struct mapper {
	const struct mm *mm;
	void (*fn)(void *ctx, phys_addr_t pa, u64 size, u32 attrs);
	void *ctx;
	bool pending;
	u64 start, end;
	u32 attrs;
	u32 calls;
};

static void flush(struct mapper *m)
{
	if (m->pending) {
		m->fn(m->ctx, m->start, m->end - m->start, m->attrs);
		m->calls++;
	}
	m->pending = false;
}

/*
 * Byte ranges arrive in ascending order and are mapped with whole pages. A
 * page shared by two ranges gets the weaker attributes (read-only <
 * writable < writable+exec), so baton can never write a page that holds
 * something it must not write.
 */
static void emit_range(struct mapper *m, u64 start, u64 end, u32 attrs)
{
	u64 first = ALIGN_DOWN(start, PAGE_SIZE);
	u64 last = ALIGN_UP(end, PAGE_SIZE);

	if (last < end)		/* the top page of the address space */
		last = ALIGN_DOWN(~0ULL, PAGE_SIZE);
	if (m->pending && first < m->end) {
		if ((attrs & m->attrs) == m->attrs) {
			first = m->end;		/* shared page keeps m's */
		} else {
			m->end -= PAGE_SIZE;	/* shared page weakens */
			m->pending = m->end > m->start;
		}
	}
	if (first >= last)
		return;
	if (m->pending && m->attrs == attrs && first == m->end) {
		m->end = last;
		return;
	}
	flush(m);
	m->pending = true;
	m->start = first;
	m->end = last;
	m->attrs = attrs;
}

static bool in_usable_scratch(const struct mm *mm, u64 start, u64 end)
{
	u32 i;

	for (i = 0; i < mm->scratch_count; i++) {
		const struct mm_scratch_area *a = &mm->scratch[i];

		if (!a->refused && start >= a->start &&
		    end <= a->start + a->size)
			return true;
	}
	return false;
}

static u32 attrs_of_kind(unsigned int kind)
{
	if (kind == MM_KIND_BATON_IMAGE || kind == MM_KIND_NEXT_KERNEL)
		return MM_MAP_WRITE | MM_MAP_EXEC;
	if (kind == MM_KIND_BATON_ALLOC)
		return MM_MAP_WRITE;
	return 0;
}

/* Free RAM: writable where baton allocates, split at scratch edges. */
static void emit_free(struct mapper *m, u64 start, u64 end)
{
	const struct mm *mm = m->mm;
	u64 cut;
	u32 i;

	if (!mm->handover) {
		emit_range(m, start, end, start >= SZ_1M ? MM_MAP_WRITE : 0);
		return;
	}
	while (start < end) {
		cut = end;
		for (i = 0; i < mm->scratch_count; i++) {
			u64 a = mm->scratch[i].start;
			u64 b = a + mm->scratch[i].size;

			if (a > start && a < cut)
				cut = a;
			if (b > start && b < cut)
				cut = b;
		}
		emit_range(m, start, cut,
			   in_usable_scratch(mm, start, cut) ?
				   MM_MAP_WRITE : 0);
		start = cut;
	}
}

static void emit_ram(struct mapper *m, u64 start, u64 end)
{
	const struct range_set *occ = &m->mm->occupied;
	u64 cursor = start;
	size_t i;

	if (!m->mm->handover && start < SZ_1M && end > SZ_1M) {
		emit_ram(m, start, SZ_1M);
		emit_ram(m, SZ_1M, end);
		return;
	}
	for (i = range_set_lower_bound(occ, start);
	     i < occ->count && occ->entries[i].start < end; i++) {
		const struct range_entry *e = &occ->entries[i];
		u64 s = MAX(e->start, start), t = MIN(e->end, end);

		if (s > cursor)
			emit_free(m, cursor, s);
		emit_range(m, s, t, attrs_of_kind(e->kind));
		cursor = t;
	}
	if (cursor < end)
		emit_free(m, cursor, end);
}

u32 mm_for_each_mapping(const struct mm *mm,
			void (*fn)(void *ctx, phys_addr_t pa, u64 size,
				   u32 attrs),
			void *ctx)
{
	struct mapper m = { .mm = mm, .fn = fn, .ctx = ctx };
	size_t i;

	for (i = 0; i < mm->firmware.count; i++) {
		const struct range_entry *e = &mm->firmware.entries[i];

		if (e->kind == MM_KIND_RAM)
			emit_ram(&m, e->start, e->end);
		else if (e->kind == MM_KIND_ACPI || e->kind == MM_KIND_NVS)
			emit_range(&m, e->start, e->end, 0);
	}
	flush(&m);
	return m.calls;
}
