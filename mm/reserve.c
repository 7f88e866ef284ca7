// SPDX-License-Identifier: MIT
/*
 * Building the occupied set before baton allocates anything: the firmware
 * map, the scratch areas, boot data and baton's image, then the preserved
 * memory map in two walks. Walk #1 needs no storage: it counts the ranges
 * (to size the arena) and records the few that lie inside scratch (normally
 * none), so the arena can be carved from scratch minus everything known;
 * walk #2 logs every range into the arena-backed set at O(1) per call.
 */
#include <mm/e820.h>
#include <mm/mm_internal.h>
#include <baton/printf.h>
#include <stdarg.h>
#include <string.h>

#define ARENA_SLACK_ENTRIES	1024	/* later reservations and allocations */
#define ARENA_ALIGN		(64 * SZ_1K)

void mm_fail(struct mm *mm, enum finding_code code, phys_addr_t pa,
	     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	finding_vadd_text(mm->findings, code, pa, mm->error, sizeof(mm->error),
			  fmt, ap);
	va_end(ap);
}

bool mm_order_range(phys_addr_t pa, unsigned int order, u64 count, u64 *end)
{
	unsigned int shift = PAGE_SHIFT + order;

	if (order >= MM_ORDER_LIMIT || !count || count > (~0ULL >> shift))
		return false;
	return range_end(pa, count << shift, end);
}

void mm_init(struct mm *mm, struct finding_list *findings)
{
	memset(mm, 0, sizeof(*mm));
	mm->findings = findings;
	range_set_init(&mm->firmware, mm->firmware_storage,
		       sizeof(mm->firmware_storage));
	range_set_init(&mm->occupied, mm->early_storage,
		       sizeof(mm->early_storage));
	range_set_set_overlap_handler(&mm->occupied, mm_overlap_handler, mm);
}

void mm_load_e820(struct mm *mm, const struct boot_e820_entry *raw, u32 count)
{
	u32 i;

	mm->e820_count = e820_sanitize(raw, count, mm->e820, MM_E820_MAX,
				       mm->findings);
	range_set_init(&mm->firmware, mm->firmware_storage,
		       sizeof(mm->firmware_storage));
	/* Sorted and disjoint: every insertion appends or joins. */
	for (i = 0; i < mm->e820_count; i++)
		range_set_insert(&mm->firmware, mm->e820[i].addr,
				 mm->e820[i].addr + mm->e820[i].size,
				 mm_kind_from_e820(mm->e820[i].type), 0);
}

static const char *scratch_problem(const struct mm *mm, u32 index,
				   phys_addr_t start, u64 size)
{
	u32 i;

	if (!size)
		return "empty after trimming to pages";
	if (range_set_bytes_in(&mm->firmware, start, start + size,
			       MM_KIND_RAM) != size)
		return "not wholly e820 RAM";
	for (i = 0; i < index; i++) {
		const struct mm_scratch_area *a = &mm->scratch[i];

		if (start < a->start + a->size && a->start < start + size)
			return "overlaps an earlier area";
	}
	return NULL;
}

bool mm_add_scratch_area(struct mm *mm, phys_addr_t start, u64 size)
{
	u32 index = mm->scratch_count;
	struct mm_scratch_area *area;
	phys_addr_t first, last;
	const char *problem;
	u64 end;

	mm->handover = true;
	if (index == MM_SCRATCH_MAX) {
		finding_add(mm->findings, W_MM_SCRATCH_REFUSED, start,
			    "scratch area #%u [0x%llx +0x%llx) ignored: more than %u areas",
			    index, (unsigned long long)start,
			    (unsigned long long)size, MM_SCRATCH_MAX);
		return false;
	}
	if (!range_end(start, size, &end))
		end = ~0ULL;
	first = ALIGN_UP(start, PAGE_SIZE);
	last = ALIGN_DOWN(end, PAGE_SIZE);
	if (first < start || last < first)	/* wrapped or empty */
		first = last = ALIGN_DOWN(start, PAGE_SIZE);
	area = &mm->scratch[mm->scratch_count++];
	*area = (struct mm_scratch_area){ .start = first,
					  .size = last - first };
	problem = scratch_problem(mm, index, area->start, area->size);
	if (!problem)
		return true;
	area->refused = true;
	/* Linux writes size-0 areas; luo/ reports them (I_SCRATCH_AREA_EMPTY). */
	if (size == 0)
		return false;
	finding_add(mm->findings, W_MM_SCRATCH_REFUSED, start,
		    "scratch area #%u [0x%llx-0x%llx) refused: %s", index,
		    (unsigned long long)area->start,
		    (unsigned long long)(area->start + area->size), problem);
	return false;
}

int mm_map_walk_result(struct mm *mm, unsigned int walk, phys_addr_t root,
		       bool incomplete, u64 pages)
{
	if (incomplete && !mm->broken) {
		mm->broken = true;
		mm_fail(mm, E_NOT_VALIDATED, root,
			"map walk #%u stopped after %llu map pages (visited set full): preserved memory beyond unknown, allocation disabled",
			walk, (unsigned long long)pages);
	}
	return mm->broken ? -1 : 0;
}

static void set_broken(struct mm *mm, phys_addr_t pa, const char *what)
{
	if (mm->broken)
		return;
	mm->broken = true;
	mm_fail(mm, E_MM_OUT_OF_SPACE, pa,
		"occupied set full (%zu entries) while %s: allocation disabled",
		mm->occupied.capacity, what);
}

int mm_reserve(struct mm *mm, phys_addr_t pa, u64 size, enum mm_kind kind)
{
	u64 end;

	if (!size)
		return 0;
	if (!range_end(pa, size, &end))
		end = ~0ULL;
	if (mm_kind_is_kexec_segment(kind) && mm->segment_count < MM_SEGMENTS_MAX)
		mm->segments[mm->segment_count++] =
			(struct mm_segment){ .pa = pa, .size = end - pa,
					     .kind = kind };
	if (range_set_insert(&mm->occupied, pa, end, kind, 0)) {
		set_broken(mm, pa, "reserving");
		return -1;
	}
	return 0;
}

/* Logs one range for the next commit, committing once if the log is full. */
static int log_entry(struct mm *mm, const struct range_entry *e)
{
	int rc;

	if (mm->broken)
		return -1;
	rc = range_set_add_entry(&mm->occupied, e);
	if (rc == RANGE_SET_NO_SPACE) {
		rc = range_set_commit(&mm->occupied);
		if (!rc)
			rc = range_set_add_entry(&mm->occupied, e);
	}
	if (rc)
		set_broken(mm, e->start, "logging the preserved-memory map");
	return rc ? -1 : 0;
}

static int log_range(struct mm *mm, u64 start, u64 end, enum mm_kind kind,
		     unsigned int order)
{
	struct range_entry e = { .start = start, .end = end, .kind = kind,
				 .min_order = order, .max_order = order };

	return log_entry(mm, &e);
}

int mm_reserve_pages(struct mm *mm, const phys_addr_t *pages, u32 count,
		     enum mm_kind kind)
{
	u32 i;

	for (i = 0; i < count; i++)
		if (log_range(mm, pages[i], pages[i] + PAGE_SIZE, kind, 0))
			return -1;
	if (range_set_commit(&mm->occupied)) {
		set_broken(mm, count ? pages[0] : 0, "reserving pages");
		return -1;
	}
	return 0;
}

int mm_reserve_boot_info(struct mm *mm, const struct boot_info *bi)
{
	const struct boot_kho_record *kho = &bi->kho;
	int rc = 0;
	u32 i;

	if (bi->image_end > bi->image_start) {
		mm->image_start = bi->image_start;
		mm->image_end = bi->image_end;
		rc |= mm_reserve(mm, bi->image_start,
				 bi->image_end - bi->image_start,
				 MM_KIND_BATON_IMAGE);
	}
	if (bi->protocol == BOOT_PROTOCOL_LINUX64 && bi->boot_params_pa)
		rc |= mm_reserve(mm, bi->boot_params_pa, MM_BOOT_PARAMS_BYTES,
				 MM_KIND_BOOT_PARAMS);
	if (bi->protocol == BOOT_PROTOCOL_PVH && bi->start_info_pa)
		rc |= mm_reserve(mm, bi->start_info_pa,
				 MM_PVH_START_INFO_BYTES, MM_KIND_BOOT_PARAMS);
	if (bi->protocol == BOOT_PROTOCOL_DTB && bi->dtb_pa)
		rc |= mm_reserve(mm, bi->dtb_pa, bi->dtb_size,
				 MM_KIND_BOOT_PARAMS);
	if (bi->cmdline_pa)
		rc |= mm_reserve(mm, bi->cmdline_pa, (u64)bi->cmdline_len + 1,
				 MM_KIND_CMDLINE);
	if (bi->initrd_size)
		rc |= mm_reserve(mm, bi->initrd_pa, bi->initrd_size,
				 MM_KIND_INITRD);
	for (i = 0; i < bi->setup_data_count && i < BOOT_SETUP_DATA_MAX; i++)
		rc |= mm_reserve(mm, bi->setup_data[i].pa,
				 16 + (u64)bi->setup_data[i].len,
				 MM_KIND_SETUP_DATA);
	if (kho->present) {
		rc |= mm_reserve(mm, kho->fdt_addr,
				 kho->fdt_size ? kho->fdt_size : PAGE_SIZE,
				 MM_KIND_KHO_FDT);
		rc |= mm_reserve(mm, kho->scratch_addr, kho->scratch_size,
				 MM_KIND_SCRATCH_ARRAY);
	}
	return rc ? -1 : 0;
}

int mm_release_kind(struct mm *mm, enum mm_kind kind)
{
	struct range_set *occ = &mm->occupied;
	size_t i = 0;

	if (range_set_commit(occ)) {
		set_broken(mm, 0, "releasing");
		return -1;
	}
	while (i < occ->count) {
		const struct range_entry *e = &occ->entries[i];

		if (e->kind != kind) {
			i++;
			continue;
		}
		/* exactly one entry: the set shrinks, entry i is the next */
		if (range_set_remove(occ, e->start, e->end))
			return -1;
	}
	return 0;
}

/* ---- walk #1 ---- */

static bool intersects(const struct mm_scratch_area *a, u64 start, u64 end)
{
	return start < a->start + a->size && a->start < end;
}

static bool in_usable_scratch(const struct mm *mm, const struct range_entry *e)
{
	u32 i;

	for (i = 0; i < mm->scratch_count; i++)
		if (!mm->scratch[i].refused &&
		    intersects(&mm->scratch[i], e->start, e->end))
			return true;
	return false;
}

/* Too many records for area `index`: give the area up and forget them. */
static void refuse_area(struct mm *mm, u32 index)
{
	struct mm_scratch_area *area = &mm->scratch[index];
	struct mm_scan *scan = &mm->scan;
	u32 i, kept = 0;

	area->refused = true;
	finding_add(mm->findings, W_MM_SCRATCH_REFUSED, area->start,
		    "scratch area #%u [0x%llx-0x%llx) refused: more than %u preserved or map ranges inside it",
		    index, (unsigned long long)area->start,
		    (unsigned long long)(area->start + area->size),
		    MM_IN_SCRATCH_MAX);
	for (i = 0; i < scan->in_scratch_count; i++)
		if (in_usable_scratch(mm, &scan->in_scratch[i]))
			scan->in_scratch[kept++] = scan->in_scratch[i];
	scan->in_scratch_count = kept;
}

static void record_in_scratch(struct mm *mm, u32 index, u64 start, u64 end,
			      enum mm_kind kind)
{
	struct mm_scan *scan = &mm->scan;
	struct range_entry *last;

	if (scan->in_scratch_count) {
		last = &scan->in_scratch[scan->in_scratch_count - 1];
		if (last->kind == kind && start <= last->end &&
		    end >= last->start) {
			last->start = MIN(last->start, start);
			last->end = MAX(last->end, end);
			return;
		}
	}
	if (scan->in_scratch_count == MM_IN_SCRATCH_MAX) {
		refuse_area(mm, index);
		return;
	}
	scan->in_scratch[scan->in_scratch_count++] = (struct range_entry){
		.start = start, .end = end, .kind = kind };
}

/* Widest window around [start, end) that no usable scratch area touches. */
static bool clean_window(struct mm *mm, u64 start, u64 end)
{
	struct mm_scan *scan = &mm->scan;
	u64 lo = 0, hi = ~0ULL;
	u32 i;

	for (i = 0; i < mm->scratch_count; i++) {
		const struct mm_scratch_area *a = &mm->scratch[i];
		u64 a_end = a->start + a->size;

		if (a->refused)
			continue;
		if (intersects(a, start, end))
			return false;
		if (a_end <= start)
			lo = MAX(lo, a_end);
		else
			hi = MIN(hi, a->start);
	}
	scan->clean_start = lo;
	scan->clean_end = hi;
	return true;
}

static void scan_range(struct mm *mm, unsigned int which, u64 start, u64 end,
		       enum mm_kind kind)
{
	struct mm_scan *scan = &mm->scan;
	u32 i;

	if (!scan->started[which] || start != scan->last_end[which])
		scan->runs[which]++;
	scan->started[which] = true;
	scan->last_end[which] = end;
	if (start >= scan->clean_start && end <= scan->clean_end)
		return;
	if (clean_window(mm, start, end))
		return;
	for (i = 0; i < mm->scratch_count; i++)
		if (!mm->scratch[i].refused &&
		    intersects(&mm->scratch[i], start, end))
			record_in_scratch(mm, i, start, end, kind);
}

void mm_scan_preserved_run(void *ctx, phys_addr_t pa, unsigned int order,
			   u64 count)
{
	struct mm *mm = ctx;
	struct mm_scan *scan = &mm->scan;
	u64 end;

	if (!mm_order_range(pa, order, count, &end))
		return;
	/* Fast path: the stream continues inside a scratch-free window. */
	if (scan->started[0] && pa == scan->last_end[0] &&
	    end <= scan->clean_end && pa >= scan->clean_start) {
		scan->last_end[0] = end;
		return;
	}
	scan_range(mm, 0, pa, end, MM_KIND_PRESERVED);
}

void mm_scan_preserved(void *ctx, phys_addr_t pa, unsigned int order)
{
	mm_scan_preserved_run(ctx, pa, order, 1);
}

void mm_scan_map_page(void *ctx, phys_addr_t pa, u64 size)
{
	u64 end;

	if (size && range_end(pa, size, &end))
		scan_range(ctx, 1, pa, end, MM_KIND_KHO_MAP_PAGE);
}

/* ---- the arena ---- */

struct first_fit {
	u64 size;
	bool found;
	phys_addr_t pa;
};

static bool fit_bottom_up(void *ctx, u64 start, u64 end)
{
	struct first_fit *fit = ctx;
	u64 pa = ALIGN_UP(start, PAGE_SIZE);

	if (pa < start || pa >= end || end - pa < fit->size)
		return false;
	fit->pa = pa;
	fit->found = true;
	return true;
}

int mm_arena_place(struct mm *mm, phys_addr_t *pa, u64 *size)
{
	struct mm_scan *scan = &mm->scan;
	struct range_set records;
	struct first_fit fit = { 0 };
	struct mm_gap_walk walk = {
		.exclude = { &mm->occupied, &records }, .exclude_count = 2,
		.fn = fit_bottom_up, .ctx = &fit,
	};
	struct mm_free_stats free;
	u64 entries;
	u32 i;

	if (range_set_commit(&mm->occupied)) {
		set_broken(mm, 0, "placing the arena");
		return -1;
	}
	entries = mm->occupied.count + scan->in_scratch_count + scan->runs[0] +
		  scan->runs[1];
	fit.size = ALIGN_UP((2 * entries + ARENA_SLACK_ENTRIES) *
			    RANGE_SET_ENTRY_BYTES, ARENA_ALIGN);
	range_set_init(&records, mm->place_storage, sizeof(mm->place_storage));
	for (i = 0; i < scan->in_scratch_count; i++)
		range_set_add(&records, scan->in_scratch[i].start,
			      scan->in_scratch[i].end, scan->in_scratch[i].kind,
			      0);
	range_set_commit(&records);	/* 2x room: cannot run out */
	mm_walk_pool(mm, &walk, 0, MM_NO_MAX);
	if (!fit.found) {
		mm_free_stats(mm, 0, MM_NO_MAX, &free);
		mm_fail(mm, E_MM_ALLOC_FAILED, 0,
			"no room for the occupied-set arena: asked 0x%llx bytes, free 0x%llx in %u blocks, largest 0x%llx",
			(unsigned long long)fit.size,
			(unsigned long long)free.bytes, free.blocks,
			(unsigned long long)free.largest);
		return -1;
	}
	*pa = fit.pa;
	*size = fit.size;
	return 0;
}

int mm_arena_attach(struct mm *mm, void *host, phys_addr_t pa, u64 size)
{
	if (range_set_migrate(&mm->occupied, host, size)) {
		set_broken(mm, pa, "moving into the arena");
		return -1;
	}
	mm->arena_pa = pa;
	mm->arena_size = size;
	mm->alloc_count++;
	mm->alloc_bytes += size;
	return mm_reserve(mm, pa, size, MM_KIND_BATON_ALLOC);
}

/* ---- walk #2 ---- */

static void count_preserved(struct mm *mm, unsigned int order, u64 count,
			    u64 bytes)
{
	mm->preserved_by_order[order].count += count;
	mm->preserved_by_order[order].bytes += bytes;
	mm->preserved_count += count;
	mm->preserved_bytes += bytes;
}

static void flush_run(struct mm *mm)
{
	struct range_entry *run = &mm->run;

	if (run->kind == MM_KIND_PRESERVED)
		log_entry(mm, run);
	run->kind = MM_KIND_NONE;
}

void mm_reserve_preserved_run(void *ctx, phys_addr_t pa, unsigned int order,
			      u64 count)
{
	struct mm *mm = ctx;
	struct range_entry *run = &mm->run;
	u64 end;

	/*
	 * The walkers emit no entry ending at or past 2^64 (they report it
	 * and drop it, as the preserved index never sees it either); should
	 * one come anyway, say so rather than drop it silently.
	 */
	if (!mm_order_range(pa, order, count, &end)) {
		finding_add(mm->findings, E_MM_PRESERVED_OUTSIDE_RAM, pa,
			    "preserved run 0x%llx order %u x%llu does not fit below 2^64: not reserved",
			    (unsigned long long)pa, order,
			    (unsigned long long)count);
		return;
	}
	count_preserved(mm, order, count, end - pa);
	/* Contiguous stream: extend the run, log it once it breaks. */
	if (run->kind == MM_KIND_PRESERVED && pa == run->end) {
		run->end = end;
		run->min_order = MIN(run->min_order, order);
		run->max_order = MAX(run->max_order, order);
		return;
	}
	flush_run(mm);
	*run = (struct range_entry){ .start = pa, .end = end,
				     .kind = MM_KIND_PRESERVED,
				     .min_order = order, .max_order = order };
}

void mm_reserve_preserved(void *ctx, phys_addr_t pa, unsigned int order)
{
	mm_reserve_preserved_run(ctx, pa, order, 1);
}

void mm_reserve_map_page(void *ctx, phys_addr_t pa, u64 size)
{
	struct mm *mm = ctx;
	u64 end;

	if (!size || !range_end(pa, size, &end))
		return;
	mm->map_pages++;
	mm->map_bytes += size;
	log_range(mm, pa, end, MM_KIND_KHO_MAP_PAGE, 0);
}

int mm_reserve_commit(struct mm *mm)
{
	flush_run(mm);
	if (range_set_commit(&mm->occupied))
		set_broken(mm, 0, "merging the preserved-memory map");
	mm->reserved = !mm->broken;
	return mm->reserved ? 0 : -1;
}
