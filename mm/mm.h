/* SPDX-License-Identifier: MIT */
/*
 * The memory model: the firmware map, the KHO scratch areas and the set of
 * everything occupied (preserved memory, map pages, boot data, baton's image
 * and allocations). It owns the rule that baton writes only into free scratch
 * (or free RAM above 1 MiB on a plain boot), and only after every preserved
 * range is known.
 *
 * Call order for the payload's main flow:
 *   mm_init                      once, with the finding list
 *   mm_load_e820                 the map as given (sanitised here)
 *   mm_add_scratch_area          per kho_scratch entry, in array order
 *   mm_reserve_boot_info         image, boot_params, cmdline, initrd,
 *                                setup_data, KHO FDT, scratch array
 *   mm_reserve_pages / mm_reserve  old page tables (CR3 walk), IMA buffer...
 *                                (mm_release_kind(MM_KIND_OLD_PAGE_TABLE)
 *                                once baton runs on its own tables)
 *   map walk #1 with mm_scan_*   counts ranges, records those in scratch
 *   mm_arena_place               where the occupied set's storage goes
 *   mm_arena_attach              hand it the mapped arena
 *   map walk #2 with mm_reserve_* every preserved range and map page
 *   mm_reserve_commit            allocation is allowed from here on
 *   mm_check_invariants
 *   mm_alloc / mm_find_top_down + mm_claim_next_kernel
 *   mm_print_summary, mm_for_each_mapping, mm_describe_address
 * Without a handover: skip the scratch areas and both walks.
 */
#ifndef BATON_MM_MM_H
#define BATON_MM_MM_H

#include <baton/bootinfo.h>
#include <baton/findings.h>
#include <mm/range_set.h>

#define MM_SCRATCH_MAX		64	/* more areas are ignored (reported) */
#define MM_EARLY_MAX		1024	/* occupants known before the arena */
#define MM_IN_SCRATCH_MAX	64	/* map data inside scratch, walk #1 */
#define MM_SEGMENTS_MAX		(BOOT_SETUP_DATA_MAX + 8)
#define MM_ORDER_COUNT		64
#define MM_E820_MAX		(2 * BOOT_E820_MAX)
#define MM_ERROR_MAX		200

/* mm_alloc and friends: no upper bound. */
#define MM_NO_MAX		UINT64_MAX

struct mm_scratch_area {
	phys_addr_t start;
	u64 size;
	bool refused;		/* never allocated from (see findings) */
};

struct mm_order_stats {
	u64 count;		/* preserved entries of this order */
	u64 bytes;
};

/* A kexec segment baton was loaded with (checked to lie in scratch). */
struct mm_segment {
	phys_addr_t pa;
	u64 size;
	u8 kind;
};

/* Walk #1 bookkeeping. */
struct mm_scan {
	u64 runs[2];			/* [0] preserved, [1] map pages */
	phys_addr_t last_end[2];
	bool started[2];
	/* last ranges were inside [clean_start, clean_end), no scratch there */
	phys_addr_t clean_start, clean_end;
	struct range_entry in_scratch[MM_IN_SCRATCH_MAX];
	u32 in_scratch_count;
};

struct mm {
	struct finding_list *findings;
	bool handover;			/* scratch areas given */
	bool reserved;			/* mm_reserve_commit succeeded */
	bool broken;			/* reservation incomplete: no allocs */

	struct boot_e820_entry e820[MM_E820_MAX];	/* sanitised */
	u32 e820_count;
	struct range_set firmware;
	struct range_entry firmware_storage[MM_E820_MAX];

	struct mm_scratch_area scratch[MM_SCRATCH_MAX];
	u32 scratch_count;

	struct range_set occupied;
	struct range_entry early_storage[MM_EARLY_MAX];
	struct range_entry place_storage[2 * MM_IN_SCRATCH_MAX + 8];
	phys_addr_t arena_pa;
	u64 arena_size;

	struct mm_segment segments[MM_SEGMENTS_MAX];
	u32 segment_count;
	phys_addr_t image_start, image_end;

	struct mm_scan scan;
	/* walk #2: the preserved run being extended before it is logged */
	struct range_entry run;
	struct mm_order_stats preserved_by_order[MM_ORDER_COUNT];
	u64 preserved_count, preserved_bytes;
	u64 map_pages, map_bytes;
	u64 alloc_count, alloc_bytes;
	u64 next_kernel_bytes;

	char error[MM_ERROR_MAX];	/* last failure, human readable */
};

/* ---- setup (mm/reserve.c) ---- */
void mm_init(struct mm *mm, struct finding_list *findings);
/* Sanitises the raw map (mm/e820.h) into mm->e820 and the firmware layer. */
void mm_load_e820(struct mm *mm, const struct boot_e820_entry *raw,
		  u32 count);
/*
 * One scratch area, in kho_scratch array order. Areas that are empty, not
 * wholly RAM or overlap an earlier area are kept (for the checks) but
 * refused for allocation, with W_MM_SCRATCH_REFUSED. Unaligned edges are
 * trimmed to pages. Returns false when it was refused or dropped.
 */
bool mm_add_scratch_area(struct mm *mm, phys_addr_t start, u64 size);

/* Occupants. 0 on success, -1 when the set is out of space (mm->error). */
int mm_reserve(struct mm *mm, phys_addr_t pa, u64 size, enum mm_kind kind);
int mm_reserve_pages(struct mm *mm, const phys_addr_t *pages, u32 count,
		     enum mm_kind kind);
int mm_reserve_boot_info(struct mm *mm, const struct boot_info *bi);
/*
 * Drops every range of `kind` from the occupied set, e.g. the old page
 * tables once baton runs on its own (lower-priority kinds cannot hide under
 * them: MM_KIND_OLD_PAGE_TABLE is the lowest occupant). -1 on failure.
 */
int mm_release_kind(struct mm *mm, enum mm_kind kind);

/* Walk #1 sink (ctx = struct mm *): no storage needed. */
void mm_scan_preserved(void *ctx, phys_addr_t pa, unsigned int order);
void mm_scan_preserved_run(void *ctx, phys_addr_t pa, unsigned int order,
			   u64 count);
void mm_scan_map_page(void *ctx, phys_addr_t pa, u64 size);

/*
 * Chooses the occupied set's arena: sized from walk #1, placed in free
 * scratch (plain boot: free RAM above 1 MiB) avoiding every occupant known
 * so far and every map range walk #1 found inside scratch. -1 on failure.
 */
int mm_arena_place(struct mm *mm, phys_addr_t *pa, u64 *size);
/* Moves the occupied set into the arena (host = where pa is accessible). */
int mm_arena_attach(struct mm *mm, void *host, phys_addr_t pa, u64 size);

/* Walk #2 sink (ctx = struct mm *): logs every range, O(1) per call. */
void mm_reserve_preserved(void *ctx, phys_addr_t pa, unsigned int order);
void mm_reserve_preserved_run(void *ctx, phys_addr_t pa, unsigned int order,
			      u64 count);
void mm_reserve_map_page(void *ctx, phys_addr_t pa, u64 size);
/* Merges walk #2 into the set; from here on allocation is allowed. */
int mm_reserve_commit(struct mm *mm);
/*
 * The outcome of map walk #1 or #2 (`walk`): when the walker stopped early
 * (`incomplete`: its visited set was full after `pages` map pages), the
 * preserved ranges beyond are unknown and the occupied set cannot be
 * trusted. mm is then marked broken — mm_reserve_commit fails and nothing
 * is ever allocated (fail closed) — with E_NOT_VALIDATED and the reason in
 * mm->error. Shared map pages do not count: the walker enters each page
 * once, so every range the map describes is still reserved. Returns 0
 * when mm may go on, else -1.
 */
int mm_map_walk_result(struct mm *mm, unsigned int walk, phys_addr_t root,
		       bool incomplete, u64 pages);

/* ---- allocation (mm/alloc.c) ---- */
/*
 * Page allocation from free scratch (plain boot: free RAM above 1 MiB),
 * lowest suitable address first, areas in array order; [pa, pa + size)
 * lies within [min, max). size is rounded up to pages, align raised to a
 * page. Recorded as MM_KIND_BATON_ALLOC. -1 with mm->error and
 * E_MM_ALLOC_FAILED naming the request and what was free.
 */
int mm_alloc(struct mm *mm, u64 size, u64 align, phys_addr_t min,
	     phys_addr_t max, phys_addr_t *pa);
/*
 * kexec_file_load's policy: the first area in array order with room, and
 * there the highest address pa (multiple of align, pa >= min,
 * pa + size <= max). Records nothing; when nothing fits, mm->error says
 * what was asked and what was free (no finding: the caller decides).
 */
bool mm_find_top_down(struct mm *mm, u64 size, u64 align, phys_addr_t min,
		      phys_addr_t max, phys_addr_t *pa);
/*
 * Memory for baton's additions to the handover (new KHO FDT, report blob,
 * map pages): free e820 RAM at or above 1 MiB and below max that is in no
 * scratch area (the next kernel allocates from scratch before it reads the
 * map), lowest first. Recorded as MM_KIND_HANDOVER_ADD. -1 with mm->error
 * and E_MM_ALLOC_FAILED. Only once the old page tables are released.
 */
int mm_alloc_outside_scratch(struct mm *mm, u64 size, phys_addr_t max,
			     phys_addr_t *pa);
/* Records a next-kernel segment; -1 when it is not wholly free. */
int mm_claim_next_kernel(struct mm *mm, phys_addr_t pa, u64 size);
/* True when [pa, pa + size) is wholly allocatable memory (free). */
bool mm_is_free(const struct mm *mm, phys_addr_t pa, u64 size);

struct mm_free_stats {
	u64 bytes;		/* page-aligned free bytes */
	u64 largest;
	u32 blocks;
};
/* Free memory of the allocation pool within [min, max). */
void mm_free_stats(const struct mm *mm, phys_addr_t min, phys_addr_t max,
		   struct mm_free_stats *out);
/* Same, inside scratch area `index` only. */
void mm_scratch_free_stats(const struct mm *mm, u32 index,
			   struct mm_free_stats *out);

/* ---- invariants (mm/check.c) ---- */
void mm_check_invariants(struct mm *mm);

/* ---- output (mm/report.c) ---- */
typedef void (*mm_line_fn)(void *ctx, const char *text);
void mm_print_summary(const struct mm *mm, mm_line_fn line, void *ctx);

/* Names what contains pa: "preserved [0x..-0x..) order 9". Returns buf. */
const char *mm_describe_address(const struct mm *mm, phys_addr_t pa,
				char *buf, size_t size);

#define MM_MAP_WRITE	(1u << 0)
#define MM_MAP_EXEC	(1u << 1)
/*
 * The identity mapping baton should run on, page granular, ascending: every
 * e820 RAM, ACPI and NVS range; writable only where baton may write (its
 * image, its allocations, the next kernel, free scratch; on a plain boot
 * free RAM). Everything else read-only: preserved memory, KHO FDT, map
 * pages, boot data, free RAM outside scratch. A page shared by a writable
 * and a read-only range is read-only. Returns the number of calls made.
 */
u32 mm_for_each_mapping(const struct mm *mm,
			void (*fn)(void *ctx, phys_addr_t pa, u64 size,
				   u32 attrs),
			void *ctx);

#endif
