/* SPDX-License-Identifier: MIT */
/*
 * Decoders of the KHO preserved-memory map: the radix tree of kho-v2..v4
 * and the kho-v1 chunk lists (both bitmap sizes). They stream what they find
 * through callbacks: every preserved (pa, order) and every page of the map
 * itself, validating pointers and keys on the way.
 *
 * Work bound: every map page (radix table or leaf, kho-v1 chunk or bitmap,
 * keyed by its physical address) is entered at most once per walk, through
 * the caller's visited set; a page referenced again is E_MAP_PAGE_SHARED
 * and not descended again. A walk therefore reads at most (distinct map
 * pages) x 4 KiB, however the pages point at each other. The set must hold
 * every page of the map: visit_set_slots_for(map pages) slots. When it is
 * full the walk stops with E_NOT_VALIDATED and stats->incomplete.
 */
#ifndef BATON_LUO_KHO_MAP_H
#define BATON_LUO_KHO_MAP_H

#include <luo/handover_access.h>
#include <luo/visit_set.h>

/*
 * Where decoded entries go. Runs are the fast path: `count` consecutive
 * entries of one order starting at pa (the walkers merge adjacent bits while
 * scanning, so a fully set leaf is one call). Sinks without preserved_run
 * get one preserved() call per entry. map_page receives each table, leaf,
 * chunk and bitmap page: neither preserved nor in scratch, the memory
 * manager must still keep them until the map has been consumed.
 */
struct kho_map_sink {
	void *ctx;
	void (*preserved)(void *ctx, phys_addr_t pa, unsigned int order);
	void (*preserved_run)(void *ctx, phys_addr_t pa, unsigned int order,
			      u64 count);
	void (*map_page)(void *ctx, phys_addr_t pa, u64 size);
};

struct kho_map_stats {
	u64 entries;			/* preserved entries */
	u64 entries_by_order[64];
	u64 bytes;			/* sum of preserved sizes (saturating) */
	u64 map_pages;			/* table/leaf/chunk/bitmap pages */
	u64 map_bytes;
	u64 bitmap_bytes;		/* bitmap bytes scanned */
	u64 errors;			/* entries or pages skipped as invalid */
	u64 shared;			/* map pages referenced again */
	/*
	 * The walk stopped before the end of the map (visited set full): the
	 * entries and pages above are a part of the map only.
	 */
	bool incomplete;
};

/*
 * Walks the radix tree rooted at root (kho-v2, v3, v4). visited is cleared
 * first and then holds the map pages entered.
 */
void kho_radix_walk(struct handover_access *ha, phys_addr_t root,
		    struct visit_set *visited,
		    const struct kho_map_sink *sink,
		    struct kho_map_stats *stats);

enum kho_v1_variant {
	KHO_V1_VARIANT_UNKNOWN,
	KHO_V1_BITMAP_512,		/* 6.16, 6.17.0 */
	KHO_V1_BITMAP_4096,		/* 6.18 and later */
};

enum kho_v1_evidence {
	KHO_V1_EVIDENCE_NONE,		/* empty map */
	KHO_V1_EVIDENCE_HINT,		/* caller said so, nothing contradicts */
	KHO_V1_EVIDENCE_ALIGNMENT,	/* a bitmap pointer not 4 KiB aligned */
	KHO_V1_EVIDENCE_PHYS_START,	/* a phys_start only fits 512 bytes */
	KHO_V1_EVIDENCE_ASSUMED,	/* consistent with both: assumed 4096 */
	KHO_V1_EVIDENCE_RAM,		/* only one size decodes inside RAM */
};

struct kho_v1_detection {
	enum kho_v1_variant variant;
	enum kho_v1_evidence evidence;
	u64 chunks;
	u64 bitmaps;
	u64 small_only;			/* entries only the 512 variant explains */
};

const char *kho_v1_variant_name(enum kho_v1_variant v);
const char *kho_v1_evidence_name(enum kho_v1_evidence e);

/*
 * Decides the bitmap size of a kho-v1 chunk list (§2.4.4): strongest
 * evidence first, then the hint, then "4096, assumed". Reports
 * E_KHO_V1_VARIANT_CONFLICT, and (unless quiet) the decision through
 * kho_v1_report_detection.
 */
enum kho_v1_variant kho_v1_detect_quiet(struct handover_access *ha,
					phys_addr_t head,
					enum kho_v1_variant hint,
					struct kho_v1_detection *out);
enum kho_v1_variant kho_v1_detect(struct handover_access *ha, phys_addr_t head,
				  enum kho_v1_variant hint,
				  struct kho_v1_detection *out);

/*
 * Heuristic (d) of §2.4.4 for maps the other evidence cannot place: decodes
 * the list silently with both sizes and counts entries outside RAM
 * (in_ram answers for [pa, pa + len)). When exactly one size decodes
 * entirely inside RAM, d is updated to it with KHO_V1_EVIDENCE_RAM.
 * Returns true when it decided (never after a walk that was incomplete).
 * visited: as for kho_v1_walk (each of the two walks starts it afresh).
 */
bool kho_v1_detect_by_ram(struct handover_access *ha, phys_addr_t head,
			  struct visit_set *visited,
			  bool (*in_ram)(const void *ctx, phys_addr_t pa,
					 u64 len),
			  const void *ctx, struct kho_v1_detection *d);

/* Reports the decision in d (I_KHO_V1_VARIANT, W_..._ASSUMED). */
void kho_v1_report_detection(struct handover_access *ha, phys_addr_t head,
			     const struct kho_v1_detection *d);

/*
 * Walks a kho-v1 chunk list with the given bitmap variant; visited as for
 * kho_radix_walk (chunks and bitmaps share it: one key space).
 */
void kho_v1_walk(struct handover_access *ha, phys_addr_t head,
		 enum kho_v1_variant variant, struct visit_set *visited,
		 const struct kho_map_sink *sink, struct kho_map_stats *stats);

/*
 * Coalescing adapter: turns the entry stream into maximal ranges
 * (start, size). Entries merge when they are adjacent in pa, whatever their
 * order; since the radix walk emits orders from high to low, ranges made of
 * different orders are merged only when they arrive back to back — the
 * result is exact per order and never wrong, but not globally minimal
 * (a range set downstream can finish the merge).
 */
struct kho_range_coalescer {
	void (*range)(void *ctx, phys_addr_t start, u64 size);
	void *ctx;
	const struct kho_map_sink *inner;	/* optional: map pages go here */
	phys_addr_t start;
	u64 size;
	u64 ranges;
};

void kho_coalescer_init(struct kho_range_coalescer *c,
			void (*range)(void *ctx, phys_addr_t start, u64 size),
			void *ctx);
/* Fills sink so that it feeds c (map pages are forwarded to c->inner). */
void kho_coalescer_sink(struct kho_range_coalescer *c,
			struct kho_map_sink *sink);
void kho_coalescer_flush(struct kho_range_coalescer *c);

#endif
