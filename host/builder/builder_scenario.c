// SPDX-License-Identifier: MIT
/*
 * Whole-scenario builder: kexec-metadata, LUO (luo-v5 blocks or the luo-v1
 * FDT), memfds with their folios and folio arrays, FLBs, reserve_mem, in
 * the order the kernel creates them, then the preserved-memory map.
 */
#include <host/builder/builder.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

static void put_name(u8 *dst, const char *name, size_t field)
{
	size_t n = strnlen(name, field - 1);

	memcpy(dst, name, n);
}

static void build_metadata(struct handover_builder *b,
			   const struct handover_spec *spec)
{
	phys_addr_t pa = hb_alloc_preserve(b, sizeof(struct kho_kexec_metadata_ser));
	u32 version = KHO_METADATA_VERSION, count = spec->kexec_count;
	u8 *p;

	if (!pa)
		return;
	p = hb_host(b, pa);
	memcpy(p, &version, 4);
	put_name(p + 4, spec->previous_release ? spec->previous_release : "",
		 KHO_METADATA_RELEASE_LEN);
	memcpy(p + 69, &count, 4);
	hb_add_subtree(b, KHO_SUBTREE_METADATA, pa,
		       sizeof(struct kho_kexec_metadata_ser));
}

/* ---- memfd ------------------------------------------------------------- */

static void fill_folio(u8 *dst, u64 bytes, const struct build_memfd *mf,
		       u64 seed, u64 off)
{
	u64 i;

	for (i = 0; i < bytes && off + i < mf->size; i++)
		dst[i] = mf->data ? mf->data[off + i] :
				    build_pattern_byte(seed, off + i);
}

static phys_addr_t build_memfd(struct handover_builder *b,
			       enum memfd_version version,
			       const struct build_memfd *mf, u64 seed)
{
	u64 folio_bytes = PAGE_SIZE << mf->folio_order;
	u64 nr = (mf->size + folio_bytes - 1) / folio_bytes, i;
	u64 folio_ser = sizeof(struct memfd_luo_folio_ser);
	u32 array_pages = (u32)((nr * folio_ser + PAGE_SIZE - 1) / PAGE_SIZE);
	/* the folio array's pages, as many as the memfd needs (scale tests) */
	phys_addr_t *pages = calloc(array_pages ? array_pages : 1,
				    sizeof(*pages)), pa;
	struct kho_vmalloc_ser desc = { 0 };
	u8 *ser;

	if (!pages) {
		b->failed = true;
		return 0;
	}
	for (i = 0; i < array_pages; i++)
		pages[i] = hb_alloc_pages(b, 0);
	for (i = 0; i < nr && !b->failed; i++) {
		phys_addr_t folio = hb_alloc_pages(b, mf->folio_order);
		u8 *entry;

		if (!folio) {
			free(pages);
			return 0;
		}
		hb_preserve(b, folio, mf->folio_order);
		if (!mf->no_content)
			fill_folio(hb_host(b, folio), folio_bytes, mf, seed,
				   i * folio_bytes);
		entry = (u8 *)hb_host(b, pages[i * folio_ser / PAGE_SIZE]) +
			(i * folio_ser) % PAGE_SIZE;
		ABI_PUT_LE64(entry, struct memfd_luo_folio_ser, pfn_flags,
			     memfd_folio_word0(folio >> PAGE_SHIFT,
					       MEMFD_FOLIO_DIRTY |
					       MEMFD_FOLIO_UPTODATE));
		ABI_PUT_LE64(entry, struct memfd_luo_folio_ser, index,
			     i << mf->folio_order);
	}
	if (nr && !b->failed)
		hb_preserve_vmalloc(b, pages, array_pages, &desc);
	free(pages);
	pa = hb_alloc_preserve(b, version == MEMFD_VERSION_V1 ?
				  sizeof(struct memfd_luo_v1_ser) :
				  sizeof(struct memfd_luo_v2_ser));
	if (!pa)
		return 0;
	ser = hb_host(b, pa);
	/* desc is a struct kho_vmalloc_ser: copied as its serialized form */
	if (version == MEMFD_VERSION_V1) {
		ABI_PUT_LE64(ser, struct memfd_luo_v1_ser, pos, mf->pos);
		ABI_PUT_LE64(ser, struct memfd_luo_v1_ser, size, mf->size);
		ABI_PUT_LE64(ser, struct memfd_luo_v1_ser, nr_folios, nr);
		memcpy(ser + offsetof(struct memfd_luo_v1_ser, folios), &desc,
		       sizeof(desc));
	} else {
		ABI_PUT_LE64(ser, struct memfd_luo_v2_ser, pos, mf->pos);
		ABI_PUT_LE64(ser, struct memfd_luo_v2_ser, size, mf->size);
		ABI_PUT_LE32(ser, struct memfd_luo_v2_ser, seals, mf->seals);
		ABI_PUT_LE64(ser, struct memfd_luo_v2_ser, nr_folios, nr);
		memcpy(ser + offsetof(struct memfd_luo_v2_ser, folios), &desc,
		       sizeof(desc));
	}
	return pa;
}

static void write_file_entry(struct handover_builder *b, u8 *e,
			     const struct build_file *f)
{
	const char *compat = f->compatible;
	u64 data = f->raw_data;

	if (!compat)
		compat = b->v.memfd == MEMFD_VERSION_V1 ? MEMFD_COMPAT_V1 :
							  MEMFD_COMPAT_V2;
	if (f->memfd) {
		enum memfd_version v = !strcmp(compat, MEMFD_COMPAT_V1) ?
				       MEMFD_VERSION_V1 : MEMFD_VERSION_V2;

		data = build_memfd(b, v, f->memfd, f->token);
	}
	put_name(e, compat, LUO_FILE_COMPAT_LEN);
	ABI_PUT_LE64(e, struct luo_file_ser, data, data);
	ABI_PUT_LE64(e, struct luo_file_ser, token, f->token);
}

/* ---- kho_block chains --------------------------------------------------- */

struct block_writer {
	struct handover_builder *b;
	u32 entry_size;
	phys_addr_t head, cur;
};

static u8 *block_entry(struct block_writer *w)
{
	u32 cap = kho_block_capacity(w->entry_size);
	u8 *blk = w->cur ? hb_host(w->b, w->cur) : NULL;
	u64 count = blk ? ABI_LE64(blk, struct kho_block_header_ser, count) :
			  cap;

	if (count == cap) {
		phys_addr_t pa = hb_alloc_preserve(w->b, KHO_BLOCK_SIZE);

		if (!pa)
			return NULL;
		if (blk)
			ABI_PUT_LE64(blk, struct kho_block_header_ser, next,
				     pa);
		else
			w->head = pa;
		w->cur = pa;
		blk = hb_host(w->b, pa);
		count = 0;
	}
	ABI_PUT_LE64(blk, struct kho_block_header_ser, count, count + 1);
	return blk + sizeof(struct kho_block_header_ser) + count * w->entry_size;
}

static void write_flbs(struct handover_builder *b, phys_addr_t flbs,
		       const struct handover_spec *spec)
{
	u8 *p = hb_host(b, flbs);
	u32 i, n = MIN(spec->flb_count, (u32)LUO_FLB_MAX);

	ABI_PUT_LE64(p, struct luo_flb_header_ser, pgcnt, 1);
	ABI_PUT_LE64(p, struct luo_flb_header_ser, count, n);
	for (i = 0; i < n; i++) {
		u8 *e = ABI_ELEM(p + sizeof(struct luo_flb_header_ser),
				 struct luo_flb_ser, i);

		put_name(e, spec->flbs[i].name, LUO_FLB_NAME_LEN);
		ABI_PUT_LE64(e, struct luo_flb_ser, data, spec->flbs[i].data);
		ABI_PUT_LE64(e, struct luo_flb_ser, count,
			     spec->flbs[i].count);
	}
}

static void build_luo_v5(struct handover_builder *b,
			 const struct handover_spec *spec)
{
	phys_addr_t luo = hb_alloc_preserve(b, sizeof(struct luo_ser));
	phys_addr_t flbs = hb_alloc_preserve(b, PAGE_SIZE);
	struct block_writer sessions = { .b = b,
					 .entry_size = sizeof(struct luo_session_ser) };
	u32 i, j;
	u8 *p;

	if (!luo || !flbs)
		return;
	hb_add_subtree(b, KHO_SUBTREE_LUO, luo, sizeof(struct luo_ser));
	for (i = 0; i < spec->session_count && !b->failed; i++) {
		const struct build_session *s = &spec->sessions[i];
		struct block_writer files = { .b = b,
					      .entry_size = sizeof(struct luo_file_ser) };
		u8 *e = block_entry(&sessions);

		if (!e)
			return;
		put_name(e, s->name, LUO_SESSION_NAME_LEN);
		for (j = 0; j < s->file_count && !b->failed; j++) {
			u8 *fe = block_entry(&files);

			if (!fe)
				return;
			write_file_entry(b, fe, &s->files[j]);
		}
		ABI_PUT_LE64(e, struct luo_session_ser, files, files.head);
		ABI_PUT_LE64(e, struct luo_session_ser, count, s->file_count);
	}
	write_flbs(b, flbs, spec);
	p = hb_host(b, luo);
	memcpy(p + offsetof(struct luo_ser, compatible), LUO_V5_COMPAT,
	       sizeof(LUO_V5_COMPAT));
	ABI_PUT_LE64(p, struct luo_ser, liveupdate_num, spec->liveupdate_num);
	ABI_PUT_LE64(p, struct luo_ser, sessions_pa, sessions.head);
	ABI_PUT_LE64(p, struct luo_ser, flbs_pa, flbs);
}

/* ---- luo-v1 (FDT era) ---------------------------------------------------- */

static int write_luo_v1_fdt(struct handover_builder *b, phys_addr_t fdt_pa,
			    u64 num, u64 sessions, u64 flbs)
{
	void *fdt = hb_host(b, fdt_pa);
	int err = 0;

	err |= fdt_create(fdt, PAGE_SIZE);
	err |= fdt_finish_reservemap(fdt);
	err |= fdt_begin_node(fdt, "");
	err |= fdt_property_string(fdt, "compatible", LUO_V1_COMPAT);
	err |= fdt_property(fdt, LUO_V1_PROP_NUM, &num, sizeof(num));
	err |= fdt_begin_node(fdt, LUO_V1_SESSION_NODE);
	err |= fdt_property_string(fdt, "compatible", LUO_V1_SESSION_COMPAT_V2);
	err |= fdt_property(fdt, LUO_V1_SESSION_PROP, &sessions,
			    sizeof(sessions));
	err |= fdt_end_node(fdt);
	if (b->v.flb) {
		err |= fdt_begin_node(fdt, LUO_V1_FLB_NODE);
		err |= fdt_property_string(fdt, "compatible", LUO_V1_FLB_COMPAT);
		err |= fdt_property(fdt, LUO_V1_FLB_PROP, &flbs, sizeof(flbs));
		err |= fdt_end_node(fdt);
	}
	err |= fdt_end_node(fdt);
	err |= fdt_finish(fdt);
	return err;
}

static void build_luo_v1(struct handover_builder *b,
			 const struct handover_spec *spec)
{
	phys_addr_t fdt = hb_alloc_preserve(b, PAGE_SIZE);
	phys_addr_t area = hb_alloc_preserve(b, LUO_V1_SESSION_AREA);
	phys_addr_t flbs = b->v.flb ? hb_alloc_preserve(b, PAGE_SIZE) : 0;
	u32 i, j, n = MIN(spec->session_count, (u32)LUO_V1_SESSION_MAX);
	u8 *a;

	if (!fdt || !area || (b->v.flb && !flbs))
		return;
	if (write_luo_v1_fdt(b, fdt, spec->liveupdate_num, area, flbs)) {
		b->failed = true;
		return;
	}
	hb_add_subtree(b, KHO_SUBTREE_LUO, fdt,
		       fdt_totalsize(hb_host(b, fdt)));
	for (i = 0; i < n && !b->failed; i++) {
		const struct build_session *s = &spec->sessions[i];
		u32 nf = MIN(s->file_count, (u32)LUO_V1_FILE_MAX);
		phys_addr_t files = nf ? hb_alloc_preserve(b, LUO_V1_FILE_AREA) : 0;
		u8 *e = ABI_ELEM((u8 *)hb_host(b, area) +
				 sizeof(struct luo_v1_session_area_ser),
				 struct luo_session_ser, i);

		put_name(e, s->name, LUO_SESSION_NAME_LEN);
		for (j = 0; files && j < nf && !b->failed; j++)
			write_file_entry(b, ABI_ELEM((u8 *)hb_host(b, files),
						     struct luo_file_ser, j),
					 &s->files[j]);
		ABI_PUT_LE64(e, struct luo_session_ser, files, files);
		ABI_PUT_LE64(e, struct luo_session_ser, count, nf);
	}
	a = hb_host(b, area);
	ABI_PUT_LE64(a, struct luo_v1_session_area_ser, count, n);
	if (flbs)
		write_flbs(b, flbs, spec);
}

/* ---- memblock ------------------------------------------------------------ */

static void build_memblock(struct handover_builder *b,
			   const struct handover_spec *spec)
{
	phys_addr_t starts[RESERVE_MEM_MAX] = { 0 }, fdt_pa;
	u32 i, n = MIN(spec->reserve_mem_count, (u32)RESERVE_MEM_MAX);
	void *fdt;
	int err = 0;

	for (i = 0; i < n; i++) {
		const struct build_reserve_mem *r = &spec->reserve_mem[i];
		u64 pages = (r->size + PAGE_SIZE - 1) >> PAGE_SHIFT;
		unsigned int order = pages <= 1 ? 0 :
				     64 - __builtin_clzll(pages - 1);

		order = MAX(order, r->align_order);
		starts[i] = hb_alloc_pages(b, order);
		if (!starts[i])
			return;
		hb_preserve_pages(b, starts[i], pages);
	}
	fdt_pa = hb_alloc_pages(b, 0);
	if (!fdt_pa)
		return;
	hb_preserve_pages(b, fdt_pa, 1);
	fdt = hb_host(b, fdt_pa);
	err |= fdt_create(fdt, PAGE_SIZE);
	err |= fdt_finish_reservemap(fdt);
	err |= fdt_begin_node(fdt, "");
	err |= fdt_property_string(fdt, "compatible", MEMBLOCK_COMPAT);
	for (i = 0; i < n; i++) {
		u64 start = starts[i], size = spec->reserve_mem[i].size;

		err |= fdt_begin_node(fdt, spec->reserve_mem[i].name);
		err |= fdt_property_string(fdt, "compatible",
					   RESERVE_MEM_COMPAT);
		err |= fdt_property(fdt, "start", &start, sizeof(start));
		err |= fdt_property(fdt, "size", &size, sizeof(size));
		err |= fdt_end_node(fdt);
	}
	err |= fdt_end_node(fdt);
	err |= fdt_finish(fdt);
	if (err) {
		b->failed = true;
		return;
	}
	hb_add_subtree(b, KHO_SUBTREE_MEMBLOCK, fdt_pa, fdt_totalsize(fdt));
}

bool handover_build(struct handover_builder *b,
		    const struct handover_spec *spec)
{
	if (b->v.metadata)
		build_metadata(b, spec);
	if (b->v.luo == LUO_VERSION_V5)
		build_luo_v5(b, spec);
	else if (b->v.luo == LUO_VERSION_V1)
		build_luo_v1(b, spec);
	if (spec->reserve_mem_count)
		build_memblock(b, spec);
	return hb_finish_map(b);
}
