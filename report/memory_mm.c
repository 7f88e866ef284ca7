// SPDX-License-Identifier: MIT
/* struct mm -> struct report_memory (report/memory_mm.h). */
#include <report/memory_mm.h>
#include <string.h>

void report_memory_from_mm(const struct mm *mm, struct report_memory *out)
{
	struct mm_free_stats free;
	u32 i;

	memset(out, 0, sizeof(*out));
	out->ram_bytes = range_set_bytes(&mm->firmware, MM_KIND_RAM);
	out->scratch_areas = MIN(mm->scratch_count, (u32)MM_SCRATCH_MAX);
	for (i = 0; i < out->scratch_areas; i++) {
		out->scratch_bytes += mm->scratch[i].size;
		if (mm->scratch[i].refused)
			out->scratch_refused++;
	}
	/* Without a handover the allocation pool is RAM, not scratch. */
	if (mm->handover) {
		mm_free_stats(mm, 0, MM_NO_MAX, &free);
		out->scratch_free_bytes = free.bytes;
	}
	out->preserved_entries = mm->preserved_count;
	out->preserved_ranges = range_set_count(&mm->occupied,
						MM_KIND_PRESERVED);
	out->preserved_bytes = mm->preserved_bytes;
	out->map_bytes = mm->map_bytes;
	if (mm->image_end > mm->image_start)
		out->baton_bytes = mm->image_end - mm->image_start;
	out->baton_bytes += mm->alloc_bytes;
	out->next_kernel_bytes = mm->next_kernel_bytes;
}
