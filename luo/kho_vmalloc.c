// SPDX-License-Identifier: MIT
/* kho_vmalloc walker: V1 (chain), V2 (layout), V3 (blocks), V4, V5. */
#include <luo/kho_vmalloc.h>
#include <luo/kho_block.h>

#define KHO_VMALLOC_CHAIN_MAX	(1u << 20)
#define CHUNK_SIZE		sizeof(struct kho_vmalloc_chunk_ser)

void kho_vmalloc_decode(const u8 *raw, struct kho_vmalloc_ser *out)
{
	out->first = ABI_LE64(raw, struct kho_vmalloc_ser, first);
	out->total_pages = ABI_LE32(raw, struct kho_vmalloc_ser, total_pages);
	out->flags = ABI_LE16(raw, struct kho_vmalloc_ser, flags);
	out->order = ABI_LE16(raw, struct kho_vmalloc_ser, order);
}

struct vmalloc_walk {
	struct handover_access *ha;
	const struct kho_vmalloc_ser *desc;
	struct preserved_index *claim;
	struct visit_set *visited;
	kho_vmalloc_page_fn fn;
	void *ctx;
	struct kho_vmalloc_result r;
	u64 page_limit;		/* min(total_pages, pages the view backs) */
	bool overflow_reported;
	bool stop;		/* overflow, shared block or full set */
};

static u64 view_pages(const struct phys_view *view)
{
	u64 pages = 0;
	u32 i;

	for (i = 0; i < view->count; i++)
		pages += view->windows[i].size / PAGE_SIZE;
	return pages;
}

static void vmalloc_block(struct vmalloc_walk *w, phys_addr_t pa,
			  phys_addr_t chunk)
{
	unsigned int order = w->desc->order;
	u64 size = PAGE_SIZE << order, j;
	const u8 *host;

	if (!ha_check_aligned(w->ha, pa, size, E_POINTER_MISALIGNED,
			      "kho_vmalloc block")) {
		w->r.ok = false;
		return;
	}
	switch (visit_set_add(w->visited, pa)) {
	case VISIT_NEW:
		break;
	case VISIT_SEEN:
		ha_report(w->ha, E_VMALLOC_SHARED, pa,
			  "kho_vmalloc block %#llx entered before, listed again in chunk %#llx",
			  (unsigned long long)pa, (unsigned long long)chunk);
		w->r.ok = false;
		w->r.shared = true;
		w->stop = true;
		return;
	case VISIT_FULL:
		luo_visit_full(w->ha, w->visited, pa, "kho_vmalloc block");
		w->r.ok = false;
		w->r.full = true;
		w->stop = true;
		return;
	}
	host = ha_map_preserved(w->ha, pa, size, "kho_vmalloc block");
	if (!host) {
		w->r.ok = false;
		return;
	}
	if (w->claim)
		preserved_index_claim(w->claim, pa, size);
	for (j = 0; j < (1ULL << order); j++) {
		if (w->r.pages >= w->page_limit) {
			if (!w->overflow_reported)
				ha_report(w->ha, E_VMALLOC_PAGE_COUNT, chunk,
					  "kho_vmalloc lists more than %llu pages (total_pages %u)",
					  (unsigned long long)w->page_limit,
					  w->desc->total_pages);
			w->overflow_reported = true;
			w->stop = true;
			w->r.ok = false;
			return;
		}
		if (w->fn)
			w->fn(w->ctx, w->r.pages, pa + j * PAGE_SIZE,
			      host + j * PAGE_SIZE);
		w->r.pages++;
	}
}

/* Returns false when the chunk ended early (a 0 before the last slot). */
static bool vmalloc_chunk(struct vmalloc_walk *w, const u8 *chunk,
			  phys_addr_t pa)
{
	unsigned int i;
	bool ended = false, reported = false;

	for (i = 0; i < KHO_VMALLOC_CHUNK_ENTRIES && !w->stop; i++) {
		phys_addr_t blk = kho_vmalloc_chunk_block(chunk, i);

		if (!blk) {
			ended = true;
			continue;
		}
		if (ended) {
			if (!reported)
				ha_report(w->ha, W_VMALLOC_LAYOUT, pa,
					  "kho_vmalloc chunk: entry %u after the terminating 0",
					  i);
			reported = true;
			continue;	/* Linux stops at the first 0 */
		}
		vmalloc_block(w, blk, pa);
	}
	return !ended;
}

struct kho_vmalloc_result kho_vmalloc_walk(struct handover_access *ha,
					   const struct kho_vmalloc_ser *desc,
					   phys_addr_t desc_pa,
					   struct preserved_index *claim,
					   struct visit_set *visited,
					   kho_vmalloc_page_fn fn, void *ctx)
{
	struct vmalloc_walk w = { .ha = ha, .desc = desc, .claim = claim,
				  .visited = visited, .fn = fn, .ctx = ctx,
				  .r.ok = true };
	struct chain_visit cv;
	phys_addr_t p = desc->first;
	bool prev_full = true;
	u64 c;

	if (desc->flags & ~(KHO_VMALLOC_ALLOC | KHO_VMALLOC_HUGE_VMAP) ||
	    desc->order > LINUX_MAX_PAGE_ORDER)
		ha_report(ha, W_VMALLOC_DESCRIPTOR, desc_pa,
			  "kho_vmalloc flags %#x order %u", desc->flags,
			  desc->order);
	if (desc->order > KHO_RADIX_MAX_ORDER) {
		w.r.ok = false;
		return w.r;
	}
	w.page_limit = MIN((u64)desc->total_pages, view_pages(ha->view));
	if (!p)
		goto done;
	chain_visit(ha, visited, p, KHO_VMALLOC_CHAIN_MAX,
		    "kho_vmalloc chunks", &cv);
	if (cv.end == CHAIN_VISIT_CYCLE || cv.end == CHAIN_VISIT_LONG ||
	    cv.end == CHAIN_VISIT_FULL) {
		w.r.ok = false;
		w.r.full = cv.end == CHAIN_VISIT_FULL;
		return w.r;
	}
	for (c = 0; c < cv.nodes && !w.stop; c++) {
		const u8 *chunk;

		if (!ha_check_aligned(ha, p, PAGE_SIZE, E_POINTER_MISALIGNED,
				      "kho_vmalloc chunk"))
			break;
		chunk = ha_map_preserved(ha, p, CHUNK_SIZE,
					 "kho_vmalloc chunk");
		if (!chunk)
			break;
		if (claim)
			preserved_index_claim(claim, p, CHUNK_SIZE);
		if (!prev_full)
			ha_report(ha, W_VMALLOC_LAYOUT, p,
				  "kho_vmalloc chunk follows a partial chunk");
		w.r.chunks++;
		prev_full = vmalloc_chunk(&w, chunk, p);
		p = ABI_LE64(chunk, struct kho_vmalloc_chunk_ser, next);
	}
	if (c == cv.nodes && cv.end == CHAIN_VISIT_SHARED) {
		ha_report(ha, E_VMALLOC_SHARED, p,
			  "kho_vmalloc chunk %#llx entered before, referenced again from %#llx",
			  (unsigned long long)p,
			  (unsigned long long)(cv.last ? cv.last : desc_pa));
		w.r.shared = true;
	} else if (c == cv.nodes && cv.end == CHAIN_VISIT_BAD &&
		   ha_check_aligned(ha, p, PAGE_SIZE, E_POINTER_MISALIGNED,
				    "kho_vmalloc chunk")) {
		ha_map(ha, p, CHUNK_SIZE, "kho_vmalloc chunk");
	}
	if (p)		/* the chain was not walked to its end */
		w.r.ok = false;
	/* a shared area's pages are another descriptor's: no count */
	if (w.r.shared || w.r.full)
		return w.r;
done:
	if (w.r.pages != desc->total_pages && !w.overflow_reported) {
		ha_report(ha, E_VMALLOC_PAGE_COUNT, desc_pa,
			  "kho_vmalloc lists %llu pages, total_pages %u",
			  (unsigned long long)w.r.pages, desc->total_pages);
		w.r.ok = false;
	}
	return w.r;
}
