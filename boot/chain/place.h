/* SPDX-License-Identifier: MIT */
/*
 * Placement plan for the next kernel's segments, kexec_file_load style
 * under KHO: each segment top-down in free scratch, in a fixed order,
 * through a two-call interface so the same plan runs on mm's scratch
 * allocator in the payload and on a fake in unit tests.
 */
#ifndef BATON_CHAIN_PLACE_H
#define BATON_CHAIN_PLACE_H

#include <baton/types.h>
#include <boot/chain/bzimage.h>
#include <boot/chain/status.h>

enum chain_segment_kind {
	CHAIN_SEG_PARAMS,	/* boot_params + command line + setup_data */
	CHAIN_SEG_TRAMPOLINE,	/* optional page for the final jump */
	CHAIN_SEG_KERNEL,	/* protected-mode part, PAGE_ALIGN(init_size) */
	CHAIN_SEG_INITRD,	/* optional */
	CHAIN_SEG_COUNT,
};

#define CHAIN_PLACE_NO_MAX	UINT64_MAX
#define CHAIN_PLACE_MIN_ADDR	SZ_1M		/* below: real-mode land */
#define CHAIN_PLACE_MIN_INITRD	(16 * SZ_1M)	/* as kexec's initrd */

struct place_ops {
	/*
	 * Finds room for size bytes at an address that is a multiple of
	 * align, >= min, with the end (pa + size) <= max, in free scratch
	 * memory: the first scratch area in array order that has such room,
	 * and there the highest such address. Already claimed memory and
	 * every reservation (preserved pages, KHO FDT, scratch array, map
	 * pages, baton's image, allocations and report) count as not free.
	 */
	bool (*find)(void *ctx, u64 size, u64 align, phys_addr_t min,
		     phys_addr_t max, phys_addr_t *out);
	/*
	 * Marks [pa, pa + size) as taken by a segment of this kind; false if
	 * it is not wholly free (then the plan fails).
	 */
	bool (*claim)(void *ctx, phys_addr_t pa, u64 size,
		      enum chain_segment_kind kind);
	void *ctx;
};

struct chain_segment {
	bool present;
	phys_addr_t pa;
	u64 memsz;		/* bytes reserved (page multiple) */
	u64 align;
	phys_addr_t min;	/* constraints the search used */
	phys_addr_t max;
};

struct chain_place_request {
	const struct chain_bzimage *kernel;
	u64 params_size;	/* chain_params_layout()'s total */
	u64 initrd_size;	/* 0: no initrd */
	u64 trampoline_size;	/* 0: no trampoline page */
};

struct chain_plan {
	struct chain_segment seg[CHAIN_SEG_COUNT];
};

/*
 * Places, in this order: params, trampoline, kernel, initrd. Each result
 * of ops->find is checked against the request (alignment, bounds, no
 * overlap with segments already placed) before ops->claim. On failure the
 * message names the segment, size, alignment and bounds; segments claimed
 * before the failure stay claimed.
 */
bool chain_place(const struct chain_place_request *req,
		 const struct place_ops *ops, struct chain_plan *plan,
		 struct chain_status *st);

const char *chain_segment_name(enum chain_segment_kind kind);

#endif
