// SPDX-License-Identifier: MIT
/*
 * memfd-v1 / memfd-v2 (§2.10): the serialized file, its folio array (a
 * kho_vmalloc area streamed page by page) and the invariants M1-M9.
 */
#include <luo/luo_internal.h>
#include <luo/kho_vmalloc.h>
#include <string.h>

#define FOLIOS_PER_PAGE		(PAGE_SIZE / sizeof(struct memfd_luo_folio_ser))
#define MEMFD_MAX_PAGES		0xffffffffULL

struct folio_scan {
	struct luo_parse_ctx *c;
	struct model_memfd *f;
	phys_addr_t ser_pa;
	u64 next_index;		/* first page index not yet covered */
	struct preserved_pos at;	/* index entry of the previous folio */
	bool have_at;
	bool order_reported, flags_reported, hole_reported, budget_reported;
};

static void folio_entry(struct folio_scan *s, const u8 *raw, phys_addr_t pa,
			bool room)
{
	struct luo_parse_ctx *c = s->c;
	struct handover_model *m = c->m;
	u64 word0 = ABI_LE64(raw, struct memfd_luo_folio_ser, pfn_flags);
	u64 index = ABI_LE64(raw, struct memfd_luo_folio_ser, index);
	u64 pfn = memfd_folio_pfn(word0);
	u32 flags = memfd_folio_flags(word0);
	struct model_folio mf = { .index = index, .pfn = pfn,
				  .flags = (u16)flags, .order = -1 };
	struct preserved_index *idx = &m->preserved;
	bool found, shadowed = false;

	if (pfn == 0) {
		ha_report(&c->ha, W_FOLIO_PFN_ZERO, pa,
			  "memfd folio entry with pfn 0 (skipped by Linux)");
		return;
	}
	if (flags & ~(MEMFD_FOLIO_DIRTY | MEMFD_FOLIO_UPTODATE) &&
	    !s->flags_reported) {
		ha_report(&c->ha, W_FOLIO_FLAGS, pa,
			  "memfd folio flags %#x", flags);
		s->flags_reported = true;
	}
	/*
	 * Folios come in page order: the entry after the previous one, no
	 * search (a cursor over the runs). With overlapping runs the cursor
	 * could miss a larger entry at the same pa: search each folio then.
	 */
	m->luo_work.folios++;
	found = s->have_at && !idx->overlaps &&
		preserved_index_step(idx, &s->at, pfn << PAGE_SHIFT);
	if (!found) {
		m->luo_work.folio_searches++;
		found = preserved_index_find(idx, pfn << PAGE_SHIFT, &s->at,
					     &shadowed);
		s->have_at = found;
	}
	if (!found && shadowed) {
		/* an entry of an earlier, overlapping run may start here */
		ha_report(&c->ha, E_FOLIO_DUPLICATE, pfn << PAGE_SHIFT,
			  "memfd folio pfn %#llx lies in overlapping preserved ranges",
			  (unsigned long long)pfn);
		mf.shared = true;
	} else if (!found) {
		if (!idx->dropped)	/* a full index proves nothing */
			ha_report(&c->ha, E_FOLIO_NOT_PRESERVED,
				  pfn << PAGE_SHIFT,
				  "memfd folio pfn %#llx is not a preserved range start",
				  (unsigned long long)pfn);
	} else {
		mf.order = (s8)preserved_entry_order(idx->runs[s->at.run].start);
		if (mf.order > LINUX_MAX_PAGE_ORDER)
			ha_report(&c->ha, W_FOLIO_ORDER_LARGE, pfn << PAGE_SHIFT,
				  "memfd folio of order %d (folios are at most order %u)",
				  mf.order, LINUX_MAX_PAGE_ORDER);
		/* shared bytes are kept in the model but never digested */
		if (preserved_index_claim_at(idx, s->at)) {
			ha_report(&c->ha, E_FOLIO_DUPLICATE, pfn << PAGE_SHIFT,
				  "memfd folio pfn %#llx already used",
				  (unsigned long long)pfn);
			mf.shared = true;
		} else if (c->preserved_overlap &&
			   preserved_index_overlapped(idx, s->at)) {
			ha_report(&c->ha, E_FOLIO_DUPLICATE, pfn << PAGE_SHIFT,
				  "memfd folio pfn %#llx: its preserved range overlaps another",
				  (unsigned long long)pfn);
			mf.shared = true;
		}
	}
	if (mf.order >= 0) {
		u64 pages = 1ULL << mf.order;

		if (index < s->next_index || !IS_ALIGNED(index, pages)) {
			if (!s->order_reported)
				ha_report(&c->ha, E_FOLIO_INDEX_ORDER, pa,
					  "memfd folio index %llu (order %d) overlaps, descends or is misaligned",
					  (unsigned long long)index, mf.order);
			s->order_reported = true;
		} else {
			if (index > s->next_index && !s->hole_reported &&
			    !idx->dropped) {
				ha_report(&c->ha, E_MEMFD_SIZE_MISMATCH, pa,
					  "memfd hole: pages %llu..%llu have no folio",
					  (unsigned long long)s->next_index,
					  (unsigned long long)index - 1);
				s->hole_reported = true;
			}
			s->next_index = index + pages;
		}
	}
	if (room || model_room32(m, &m->folios, &m->folios_cap,
				 m->folio_count + 1ULL, sizeof(*m->folios),
				 "folios")) {
		m->folios[m->folio_count++] = mf;
		s->f->folio_count++;
	} else {
		s->f->folios_truncated = true;
	}
}

static void folio_page(void *ctx, u64 page_index, phys_addr_t pa,
		       const u8 *host)
{
	struct folio_scan *s = ctx;
	struct handover_model *m = s->c->m;
	u64 first = page_index * FOLIOS_PER_PAGE, i;
	u64 n = first < s->f->nr_folios ?
		MIN(FOLIOS_PER_PAGE, s->f->nr_folios - first) : 0;
	/* room for the page's folios already there: no check per folio */
	bool room = m->folios && m->folio_count + n <= m->folios_cap;

	for (i = 0; i < n; i++) {
		if (!s->c->m->folio_budget) {
			if (!s->budget_reported)
				ha_report(&s->c->ha, E_FOLIO_DUPLICATE, pa,
					  "more memfd folio entries than preserved ranges; rest not examined");
			s->budget_reported = true;
			return;
		}
		s->c->m->folio_budget--;
		folio_entry(s, ABI_ELEM(host, struct memfd_luo_folio_ser, i),
			    ABI_ELEM(pa, struct memfd_luo_folio_ser, i), room);
	}
}

static bool decode_memfd(struct luo_parse_ctx *c, phys_addr_t data,
			 enum memfd_version version, struct model_memfd *f)
{
	u64 len = version == MEMFD_VERSION_V1 ?
		  sizeof(struct memfd_luo_v1_ser) :
		  sizeof(struct memfd_luo_v2_ser);
	const u8 *p = ha_map_preserved(&c->ha, data, len, "memfd_luo_ser");

	if (!p)
		return false;
	luo_claim(c, data, len);
	f->version = version;
	f->pa = data;
	if (version == MEMFD_VERSION_V1) {
		f->pos = ABI_LE64(p, struct memfd_luo_v1_ser, pos);
		f->size = ABI_LE64(p, struct memfd_luo_v1_ser, size);
		f->nr_folios = ABI_LE64(p, struct memfd_luo_v1_ser, nr_folios);
		kho_vmalloc_decode(ABI_FIELD(p, struct memfd_luo_v1_ser,
					     folios), &f->folios_desc);
	} else {
		f->pos = ABI_LE64(p, struct memfd_luo_v2_ser, pos);
		f->size = ABI_LE64(p, struct memfd_luo_v2_ser, size);
		f->seals = ABI_LE32(p, struct memfd_luo_v2_ser, seals);
		f->flags = ABI_LE32(p, struct memfd_luo_v2_ser, flags);
		f->nr_folios = ABI_LE64(p, struct memfd_luo_v2_ser, nr_folios);
		kho_vmalloc_decode(ABI_FIELD(p, struct memfd_luo_v2_ser,
					     folios), &f->folios_desc);
	}
	return true;
}

static void check_memfd_header(struct luo_parse_ctx *c,
			       const struct model_memfd *f)
{
	const struct kho_vmalloc_ser *d = &f->folios_desc;

	if (f->seals & ~MEMFD_ALL_SEALS)
		ha_report(&c->ha, E_MEMFD_SEALS, f->pa,
			  "memfd seals %#x outside %#x", f->seals,
			  MEMFD_ALL_SEALS);
	if (f->flags)
		ha_report(&c->ha, W_MEMFD_FLAGS, f->pa,
			  "memfd reserved flags %#x", f->flags);
	if ((f->nr_folios == 0) != (d->first == 0) ||
	    (f->nr_folios == 0 && (d->total_pages || d->flags || d->order)))
		ha_report(&c->ha, E_MEMFD_DESCRIPTOR, f->pa,
			  "memfd nr_folios %llu with folio array at %#llx",
			  (unsigned long long)f->nr_folios,
			  (unsigned long long)d->first);
	if (f->nr_folios &&
	    (u64)d->total_pages * FOLIOS_PER_PAGE < f->nr_folios)
		ha_report(&c->ha, E_MEMFD_ARRAY_TOO_SMALL, f->pa,
			  "memfd folio array of %u pages holds fewer than %llu entries",
			  d->total_pages, (unsigned long long)f->nr_folios);
	if (div_round_up_u64(f->size, PAGE_SIZE) > MEMFD_MAX_PAGES ||
	    (s64)f->pos < 0)
		ha_report(&c->ha, E_MEMFD_SIZE_LIMIT, f->pa,
			  "memfd size %llu / pos %lld out of range",
			  (unsigned long long)f->size, (long long)f->pos);
}

/*
 * Linux 7.2's memfd_luo_preserve() gets its memfd_luo_ser from
 * kho_alloc_preserve(): a preserved range of its own, data its first byte
 * (and kho_restore_free() warns on anything else). So a descriptor inside
 * a range some other structure already uses is shared, and one that does
 * not start its range is not as Linux preserves it (E_POINTER_NOT_PRESERVED,
 * but still parsed: its bytes are preserved).
 */
static bool memfd_range_ok(struct luo_parse_ctx *c, phys_addr_t data)
{
	struct handover_model *m = c->m;
	const struct preserved_index *idx = &m->preserved;
	s64 at = preserved_index_floor(idx, data);
	struct preserved_pos pos;
	const struct preserved_run *r;
	u64 e;

	if (at < 0)
		return true;	/* the coverage check reports it */
	r = &idx->runs[at];
	if (data >= preserved_run_end(r))
		return true;
	pos = (struct preserved_pos){ (u64)at, (data - preserved_run_pa(r)) /
					       preserved_run_step(r) };
	e = preserved_index_entry(idx, pos);
	if (e & PRESERVED_CLAIMED) {
		ha_report(&c->ha, E_FILE_DATA_DUPLICATE, data,
			  "memfd data %#llx lies in preserved range %#llx already used by another structure",
			  (unsigned long long)data,
			  (unsigned long long)preserved_entry_pa(e));
		return false;
	}
	if (preserved_entry_pa(e) != data && !idx->dropped)
		ha_report(&c->ha, E_POINTER_NOT_PRESERVED, data,
			  "memfd_luo_ser %#llx is not the start of a preserved range (starts at %#llx)",
			  (unsigned long long)data,
			  (unsigned long long)preserved_entry_pa(e));
	return true;
}

s32 memfd_parse(struct luo_parse_ctx *c, phys_addr_t data,
		enum memfd_version version)
{
	struct handover_model *m = c->m;
	struct model_memfd tmp = { 0 }, *f = &tmp;
	struct folio_scan s = { .c = c, .ser_pa = data };
	struct kho_vmalloc_result r;
	s32 id = -1;

	if (c->stopped)
		return -1;
	/* each descriptor is parsed once, by the first file naming it */
	switch (luo_visit(c, data, "memfd_luo_ser")) {
	case VISIT_NEW:
		break;
	case VISIT_SEEN:
		ha_report(&c->ha, E_FILE_DATA_DUPLICATE, data,
			  "memfd data %#llx referenced by two files",
			  (unsigned long long)data);
		return -1;
	case VISIT_FULL:
		return -1;
	}
	if (!memfd_range_ok(c, data))
		return -1;
	if (model_room32(m, &m->memfds, &m->memfds_cap, m->memfd_count + 1ULL,
			 sizeof(*m->memfds), "memfds")) {
		id = (s32)m->memfd_count++;
		f = &m->memfds[id];
		memset(f, 0, sizeof(*f));
	}
	if (!decode_memfd(c, data, version, f))
		return id;
	m->luo_work.memfds++;
	if (version > m->memfd)
		m->memfd = version;
	m->memfd_seen |= 1u << version;
	f->folio_first = m->folio_count;
	check_memfd_header(c, f);
	s.f = f;
	if (f->folios_desc.first) {
		r = kho_vmalloc_walk(&c->ha, &f->folios_desc, data,
				     &m->preserved, &m->luo_visit, folio_page,
				     &s);
		m->luo_work.vmalloc_chunks += r.chunks;
		m->luo_work.vmalloc_pages += r.pages;
		if (r.full) {
			c->stopped = true;
			return id;
		}
	}
	/* coverage needs every folio's order: unknowable with a full index */
	if (s.next_index < div_round_up_u64(f->size, PAGE_SIZE) &&
	    !m->preserved.dropped)
		ha_report(&c->ha, E_MEMFD_SIZE_MISMATCH, data,
			  "memfd of %llu bytes: folios cover only %llu pages",
			  (unsigned long long)f->size,
			  (unsigned long long)s.next_index);
	return id;
}
