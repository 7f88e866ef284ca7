/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the mm/ sources (not for other modules): walking the
 * free gaps of the allocation pool, failure reporting, overlap findings.
 */
#ifndef BATON_MM_INTERNAL_H
#define BATON_MM_INTERNAL_H

#include <mm/mm.h>

#define MM_PVH_START_INFO_BYTES	56	/* struct hvm_start_info, version 1 */
#define MM_BOOT_PARAMS_BYTES	4096
#define MM_ORDER_LIMIT		52	/* orders >= this describe nothing */

/* Calls fn for each free gap; fn returns true to stop the walk. */
struct mm_gap_walk {
	const struct range_set *exclude[2];
	u32 exclude_count;
	bool descending;
	bool (*fn)(void *ctx, u64 start, u64 end);
	void *ctx;
};

/* Gaps of [start, end) minus the excluded sets; true when fn stopped. */
bool mm_walk_gaps(const struct mm_gap_walk *walk, u64 start, u64 end);
/*
 * Gaps of the allocation pool clipped to [min, max): usable scratch areas
 * in array order, or on a plain boot RAM above 1 MiB (descending walks
 * visit the RAM ranges from the top).
 */
bool mm_walk_pool(const struct mm *mm, const struct mm_gap_walk *walk,
		  u64 min, u64 max);

/* Sets mm->error and adds the finding with the same text. */
void mm_fail(struct mm *mm, enum finding_code code, phys_addr_t pa,
	     const char *fmt, ...) __printf(4, 5);

/* The occupied set's overlap handler (ctx = struct mm *). */
void mm_overlap_handler(void *ctx, u64 start, u64 end, u8 kept, u8 lost);

/* [pa, pa + (count << (12 + order))) or false when it does not fit 2^64. */
bool mm_order_range(phys_addr_t pa, unsigned int order, u64 count,
		    u64 *end);

#endif
