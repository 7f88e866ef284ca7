// SPDX-License-Identifier: MIT
/*
 * Invariants of the memory model as findings: overlaps between occupants
 * (reported by the occupied set as they are merged, since the losing kind
 * disappears from the set), and after reservation: KHO data outside scratch
 * and inside RAM, kexec segments inside scratch.
 */
#include <mm/mm_internal.h>

static bool is_preserved_kind(unsigned int kind)
{
	return kind == MM_KIND_PRESERVED || kind == MM_KIND_KHO_FDT ||
	       kind == MM_KIND_KHO_BLOB;
}

static bool pair_is(unsigned int a, unsigned int b, unsigned int x,
		    unsigned int y)
{
	return (a == x && b == y) || (a == y && b == x);
}

/* Overlaps that the ABI produces on purpose. */
static bool overlap_expected(unsigned int a, unsigned int b)
{
	return pair_is(a, b, MM_KIND_PRESERVED, MM_KIND_KHO_FDT) ||
	       pair_is(a, b, MM_KIND_PRESERVED, MM_KIND_KHO_BLOB) ||
	       pair_is(a, b, MM_KIND_SETUP_DATA, MM_KIND_SCRATCH_ARRAY);
}

void mm_overlap_handler(void *ctx, u64 start, u64 end, u8 kept, u8 lost)
{
	struct mm *mm = ctx;
	unsigned long long s = start, e = end;
	unsigned int other;

	/* The same occupant reserved twice is harmless; preserved is not. */
	if (overlap_expected(kept, lost) ||
	    (kept == lost && kept != MM_KIND_PRESERVED))
		return;
	if (kept == MM_KIND_PRESERVED && lost == MM_KIND_PRESERVED) {
		finding_add(mm->findings, W_MM_PRESERVED_OVERLAP, start,
			    "preserved ranges overlap at [0x%llx-0x%llx)", s, e);
		return;
	}
	if (is_preserved_kind(kept) || is_preserved_kind(lost)) {
		other = is_preserved_kind(kept) ? lost : kept;
		if (other == MM_KIND_BATON_IMAGE) {
			finding_add(mm->findings, E_MM_IMAGE_OVERLAPS_PRESERVED,
				    start,
				    "baton image overlaps preserved [0x%llx-0x%llx): that data was overwritten when baton was loaded",
				    s, e);
			return;
		}
		/* the image was handled above */
		if (mm_kind_is_kexec_segment(other)) {
			finding_add(mm->findings,
				    E_MM_SEGMENT_OVERLAPS_PRESERVED, start,
				    "%s overlaps preserved [0x%llx-0x%llx): overwritten by the kexec load",
				    mm_kind_name(other), s, e);
			return;
		}
		if (other == MM_KIND_KHO_MAP_PAGE) {
			finding_add(mm->findings,
				    E_MM_MAP_PAGE_OVERLAPS_PRESERVED, start,
				    "KHO map page overlaps preserved [0x%llx-0x%llx)",
				    s, e);
			return;
		}
	}
	if (mm_kind_is_baton_owned(kept) || mm_kind_is_baton_owned(lost)) {
		finding_add(mm->findings, E_MM_ALLOC_OVERLAP, start,
			    "%s overlaps %s at [0x%llx-0x%llx)",
			    mm_kind_name(kept), mm_kind_name(lost), s, e);
		return;
	}
	finding_add(mm->findings, W_MM_OCCUPANT_OVERLAP, start,
		    "%s overlaps %s at [0x%llx-0x%llx)", mm_kind_name(kept),
		    mm_kind_name(lost), s, e);
}

static void check_scratch_clean(struct mm *mm)
{
	const struct range_set *occ = &mm->occupied;
	u32 i;
	size_t j;

	for (i = 0; i < mm->scratch_count; i++) {
		const struct mm_scratch_area *a = &mm->scratch[i];
		u64 end = a->start + a->size;

		for (j = range_set_lower_bound(occ, a->start);
		     j < occ->count && occ->entries[j].start < end; j++) {
			const struct range_entry *e = &occ->entries[j];
			u64 s = MAX(e->start, a->start), t = MIN(e->end, end);

			if (is_preserved_kind(e->kind))
				finding_add(mm->findings,
					    E_MM_PRESERVED_IN_SCRATCH, s,
					    "%s [0x%llx-0x%llx) inside scratch area #%u",
					    mm_kind_name(e->kind),
					    (unsigned long long)s,
					    (unsigned long long)t, i);
			else if (e->kind == MM_KIND_KHO_MAP_PAGE)
				finding_add(mm->findings,
					    E_MM_MAP_PAGE_IN_SCRATCH, s,
					    "KHO map page [0x%llx-0x%llx) inside scratch area #%u",
					    (unsigned long long)s,
					    (unsigned long long)t, i);
		}
	}
}

static void check_preserved_in_ram(struct mm *mm)
{
	const struct range_set *occ = &mm->occupied;
	size_t i;

	for (i = 0; i < occ->count; i++) {
		const struct range_entry *e = &occ->entries[i];
		u64 size = e->end - e->start, ram;

		if (!is_preserved_kind(e->kind))
			continue;
		ram = range_set_bytes_in(&mm->firmware, e->start, e->end,
					 MM_KIND_RAM);
		if (ram != size)
			finding_add(mm->findings, E_MM_PRESERVED_OUTSIDE_RAM,
				    e->start,
				    "%s [0x%llx-0x%llx): 0x%llx bytes outside e820 RAM",
				    mm_kind_name(e->kind),
				    (unsigned long long)e->start,
				    (unsigned long long)e->end,
				    (unsigned long long)(size - ram));
	}
}

static u64 bytes_in_scratch(const struct mm *mm, u64 start, u64 end)
{
	u64 bytes = 0;
	u32 i;

	for (i = 0; i < mm->scratch_count; i++) {
		const struct mm_scratch_area *a = &mm->scratch[i];
		u64 s = MAX(start, a->start), t = MIN(end, a->start + a->size);

		if (s < t)
			bytes += t - s;
	}
	return bytes;
}

static void check_segments_in_scratch(struct mm *mm)
{
	u32 i;

	if (!mm->handover)
		return;
	for (i = 0; i < mm->segment_count; i++) {
		const struct mm_segment *seg = &mm->segments[i];
		u64 inside = bytes_in_scratch(mm, seg->pa, seg->pa + seg->size);

		if (inside < seg->size)
			finding_add(mm->findings, W_MM_SEGMENT_OUTSIDE_SCRATCH,
				    seg->pa,
				    "%s [0x%llx-0x%llx): 0x%llx bytes outside scratch",
				    mm_kind_name(seg->kind),
				    (unsigned long long)seg->pa,
				    (unsigned long long)(seg->pa + seg->size),
				    (unsigned long long)(seg->size - inside));
	}
}

void mm_check_invariants(struct mm *mm)
{
	check_scratch_clean(mm);
	check_preserved_in_ram(mm);
	check_segments_in_scratch(mm);
}
