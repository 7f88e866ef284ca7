// SPDX-License-Identifier: MIT
/*
 * The damage recipes of host_damage.h: offsets into the structures the
 * builders wrote (docs/handover-abi.md), each recipe one broken field.
 */
#include <host/scenario/host_damage.h>
#include <libfdt.h>
#include <string.h>

#define P(d, pa)	host_damage_ptr(d, pa)

u8 *host_damage_ptr(struct host_damage *d, phys_addr_t pa)
{
	static u8 elsewhere[4 * PAGE_SIZE];

	if (pa < d->mem_base || d->mem_size < PAGE_SIZE ||
	    pa - d->mem_base > d->mem_size - PAGE_SIZE)
		return elsewhere;
	return d->b->alloc.host(d->b->alloc.ctx, pa);
}

phys_addr_t host_damage_spare_page(struct host_damage *d)
{
	phys_addr_t pa = d->b->alloc.alloc_pages(d->b->alloc.ctx, 0);

	/* a page of something, so that a capture writes it out */
	memset(P(d, pa), 0x5a, PAGE_SIZE);
	return pa;
}

static void *root_fdt(struct host_damage *d)
{
	return P(d, d->b->fdt_pa);
}

static phys_addr_t sub_pa(struct host_damage *d, const char *name)
{
	void *fdt = root_fdt(d);
	int node = fdt_subnode_offset(fdt, 0, name), len;
	const void *v = fdt_getprop(fdt, node, "preserved-data", &len);

	if (!v)
		v = fdt_getprop(fdt, node, "fdt", &len);
	return v ? abi_le64(v) : 0;
}

static u8 *luo(struct host_damage *d)
{
	return P(d, sub_pa(d, "LUO"));
}

/* Entry i of the kho_block (or FLB page) at blk, entries of `type`. */
#define BLOCK_ENTRY(blk, type, i) \
	ABI_ELEM((blk) + sizeof(struct kho_block_header_ser), type, i)
#define FLB_ENTRY(page, i) \
	ABI_ELEM((page) + sizeof(struct luo_flb_header_ser), \
		 struct luo_flb_ser, i)

/* The luo-v5 / memfd-v2 structures the recipes below break. */
static u8 *first_session_block(struct host_damage *d)
{
	return P(d, ABI_LE64(luo(d), struct luo_ser, sessions_pa));
}

static u8 *session(struct host_damage *d, unsigned int i)
{
	return BLOCK_ENTRY(first_session_block(d), struct luo_session_ser, i);
}

static u8 *file(struct host_damage *d, unsigned int j)
{
	u8 *blk = P(d, ABI_LE64(session(d, 0), struct luo_session_ser, files));

	return BLOCK_ENTRY(blk, struct luo_file_ser, j);
}

static u8 *memfd(struct host_damage *d, unsigned int j)
{
	return P(d, ABI_LE64(file(d, j), struct luo_file_ser, data));
}

static u8 *folio_desc(struct host_damage *d, unsigned int j)
{
	return memfd(d, j) + offsetof(struct memfd_luo_v2_ser, folios);
}

static u8 *folio_chunk(struct host_damage *d, unsigned int j)
{
	return P(d, ABI_LE64(folio_desc(d, j), struct kho_vmalloc_ser, first));
}

static u8 *folio(struct host_damage *d, unsigned int j, unsigned int k)
{
	return ABI_ELEM(P(d, kho_vmalloc_chunk_block(folio_chunk(d, j), 0)),
			struct memfd_luo_folio_ser, k);
}

static u8 *flb_page(struct host_damage *d)
{
	return P(d, ABI_LE64(luo(d), struct luo_ser, flbs_pa));
}

static u64 *root_slot(struct host_damage *d, unsigned int i)
{
	return (u64 *)P(d, d->b->radix_root) + i;
}

static u8 *v1_chunk(struct host_damage *d)
{
	return P(d, d->b->mem_map);
}

static u8 *v1_entry0(struct host_damage *d)
{
	return v1_chunk(d) + offsetof(struct khoser_mem_chunk, bitmaps[0]);
}

static void fdt_edit(struct host_damage *d, int err)
{
	if (err < 0)
		d->failed = true;
}

static void set_prop(struct host_damage *d, void *fdt, int node,
		     const char *name, const void *v, int len)
{
	fdt_edit(d, fdt_setprop_inplace(fdt, node, name, v, len));
}

static void set_root_prop(struct host_damage *d, const char *name,
			  const void *v, int len)
{
	set_prop(d, root_fdt(d), 0, name, v, len);
}

static void set_sub_prop(struct host_damage *d, const char *node,
			 const char *name, u64 v)
{
	void *fdt = root_fdt(d);

	set_prop(d, fdt, fdt_subnode_offset(fdt, 0, node), name, &v, 8);
}

/* ---- KHO record, root FDT and sub-blobs ---------------------------------- */

void damage_fdt_size_small(struct host_damage *d) { d->rec->fdt_size = 64; }
void damage_fdt_bad_magic(struct host_damage *d) { P(d, d->b->fdt_pa)[0] = 0; }

void damage_fdt_struct_garbage(struct host_damage *d)
{
	u8 *fdt = root_fdt(d);

	memset(fdt + fdt_off_dt_struct(fdt) + 8, 0xee, 8);
}

/* the map root follows the FDT inside the 8 KiB kho-fdt */
void damage_fdt_too_large(struct host_damage *d)
{
	fdt_set_totalsize(root_fdt(d), 5000);
	d->rec->fdt_size = 2 * PAGE_SIZE;
}

void damage_kho_unknown(struct host_damage *d) { set_root_prop(d, "compatible", "kho-v9", 7); }

void damage_mem_map_zero(struct host_damage *d)
{
	u64 z = 0;

	set_root_prop(d, "preserved-memory-map", &z, 8);
}

void damage_blob_size_missing(struct host_damage *d)
{
	void *fdt = root_fdt(d);

	fdt_edit(d, fdt_delprop(fdt, fdt_subnode_offset(fdt, 0, "memblock"),
				"blob-size"));
}

void damage_subtree_duplicate(struct host_damage *d)
{
	void *fdt = root_fdt(d);

	fdt_edit(d, fdt_open_into(fdt, fdt, PAGE_SIZE));
	fdt_edit(d, fdt_set_name(fdt, fdt_subnode_offset(fdt, 0, "memblock"),
				 "LUO"));
	fdt_edit(d, fdt_pack(fdt));
}

void damage_subtree_unknown(struct host_damage *d)
{
	phys_addr_t pa = hb_alloc_preserve(d->b, 100);

	memset(P(d, pa), 0xa5, 100);
	hb_add_subtree(d->b, "vendor-blob", pa, 100);
}

void damage_subtree_unpreserved(struct host_damage *d)
{
	set_sub_prop(d, "kexec-metadata", "preserved-data",
		     host_damage_spare_page(d));
}

void damage_subtree_unbacked(struct host_damage *d)
{
	set_sub_prop(d, "kexec-metadata", "preserved-data",
		     HOST_DAMAGE_BAD_PA);
}

/* ---- preserved-memory map ------------------------------------------------- */

void damage_radix_index_invalid(struct host_damage *d) { *root_slot(d, 7) = *root_slot(d, 2); }

/* a leaf under the all-zero path holding key 1 */
void damage_radix_order_invalid(struct host_damage *d)
{
	u64 e = (1ULL << 50) | 38;

	kho_radix_build(&d->b->alloc, d->b->radix_root, &e, 1);
	P(d, *(u64 *)P(d, *(u64 *)P(d, *(u64 *)P(d, *(u64 *)P(d,
		*root_slot(d, 0))))))[0] |= 2;
}

void damage_table_misaligned(struct host_damage *d) { *root_slot(d, 1) = d->b->radix_root + 0x10; }
void damage_table_unbacked(struct host_damage *d) { *root_slot(d, 1) = HOST_DAMAGE_BAD_PA; }
void damage_table_shared(struct host_damage *d) { *root_slot(d, 3) = *root_slot(d, 2); }
void damage_map_page_preserved(struct host_damage *d) { hb_preserve(d->b, d->b->radix_root, 0); }
void damage_preserved_outside(struct host_damage *d) { hb_preserve(d->b, HOST_DAMAGE_BAD_PA, 0); }
void damage_preserved_overlap(struct host_damage *d) { hb_preserve(d->b, d->b->fdt_pa & ~(SZ_2M - 1), 9); }
void damage_preserved_in_scratch(struct host_damage *d) { hb_preserve(d->b, d->scratch + PAGE_SIZE, 0); }

void damage_unaccounted(struct host_damage *d)
{
	memset(P(d, hb_alloc_preserve(d->b, PAGE_SIZE)), 0x3c, PAGE_SIZE);
}

void damage_v1_bitmap_misaligned(struct host_damage *d)
{
	u8 *e = v1_entry0(d);

	ABI_PUT_LE64(e, struct khoser_mem_bitmap_ptr, bitmap,
		     ABI_LE64(e, struct khoser_mem_bitmap_ptr, bitmap) + 0x100);
}

void damage_v1_start_odd(struct host_damage *d)
{
	u8 *e = v1_entry0(d);

	ABI_PUT_LE64(e, struct khoser_mem_bitmap_ptr, phys_start,
		     ABI_LE64(e, struct khoser_mem_bitmap_ptr, phys_start) +
		     SZ_1M);
}

void damage_v1_start_unaligned(struct host_damage *d)
{
	u8 *e = v1_entry0(d);

	ABI_PUT_LE64(e, struct khoser_mem_bitmap_ptr, phys_start,
		     ABI_LE64(e, struct khoser_mem_bitmap_ptr, phys_start) +
		     0x800);
}

void damage_v1_order(struct host_damage *d)
{
	ABI_PUT_LE32(v1_chunk(d), struct khoser_mem_chunk, order,
		     KHO_RADIX_MAX_ORDER + 1);
}

void damage_v1_cycle(struct host_damage *d) { ABI_PUT_LE64(v1_chunk(d), struct khoser_mem_chunk, next, d->b->mem_map); }

void damage_v1_num_elms(struct host_damage *d)
{
	ABI_PUT_LE32(v1_chunk(d), struct khoser_mem_chunk, num_elms,
		     KHO_V1_CHUNK_ENTRIES + 1);
}

/* ---- kho_block chains, kho_vmalloc, LUO ----------------------------------- */

void damage_session_cycle(struct host_damage *d)
{
	ABI_PUT_LE64(first_session_block(d), struct kho_block_header_ser, next,
		     ABI_LE64(luo(d), struct luo_ser, sessions_pa));
}

void damage_session_count_big(struct host_damage *d) { ABI_PUT_LE64(first_session_block(d), struct kho_block_header_ser, count, LUO_SESSIONS_PER_BLOCK + 1); }
void damage_session_count_zero(struct host_damage *d) { ABI_PUT_LE64(first_session_block(d), struct kho_block_header_ser, count, 0); }

/* a second, valid block after a first one holding 2 of 51 */
void damage_block_not_full(struct host_damage *d)
{
	phys_addr_t extra = hb_alloc_preserve(d->b, PAGE_SIZE);
	u8 *blk = P(d, extra);

	ABI_PUT_LE64(blk, struct kho_block_header_ser, count, 1);
	memcpy(BLOCK_ENTRY(blk, struct luo_session_ser, 0), "gamma", 6);
	ABI_PUT_LE64(first_session_block(d), struct kho_block_header_ser, next,
		     extra);
}

/* list nodes 8 bytes apart after the first session block */
void damage_session_chain_long(struct host_damage *d)
{
	phys_addr_t pa = d->b->alloc.alloc_pages(d->b->alloc.ctx, 5);
	u8 *p = P(d, pa);
	u32 i, n = KHO_BLOCK_MAX + 1;

	for (i = 0; i + 1 < n; i++)
		abi_put_le64_at(p, i, pa + sizeof(u64) * (i + 1));
	ABI_PUT_LE64(first_session_block(d), struct kho_block_header_ser, next,
		     pa);
}

void damage_flb_misaligned(struct host_damage *d) { ABI_PUT_LE64(luo(d), struct luo_ser, flbs_pa, ABI_LE64(luo(d), struct luo_ser, flbs_pa) + 8); }
/* one 64-bit store: total_pages 7, flags and order cleared */
void damage_vm_total_pages(struct host_damage *d) { abi_put_le64(folio_desc(d, 0) + offsetof(struct kho_vmalloc_ser, total_pages), 7); }

void damage_vm_after_zero(struct host_damage *d)
{
	/* phys[3] = phys[0], after the 0 that ends a one-block list */
	u8 *chunk = folio_chunk(d, 0);

	abi_put_le64(chunk + offsetof(struct kho_vmalloc_chunk_ser, phys[3]),
		     kho_vmalloc_chunk_block(chunk, 0));
}

void damage_vm_flags(struct host_damage *d) { folio_desc(d, 0)[offsetof(struct kho_vmalloc_ser, flags)] = 0x05; }
void damage_luo_blob_small(struct host_damage *d) { set_sub_prop(d, "LUO", "blob-size", 16); }
void damage_luo_unknown(struct host_damage *d) { luo(d)[offsetof(struct luo_ser, compatible[5])] = '4'; }

void damage_luo_v1_session_compat(struct host_damage *d)
{
	void *fdt = luo(d);

	set_prop(d, fdt, fdt_subnode_offset(fdt, 0, "luo-session"),
		 "compatible", "luo-session-v9", 15);
}

void damage_name_unterminated(struct host_damage *d) { memset(session(d, 1), 'x', LUO_SESSION_NAME_LEN); }
void damage_name_empty(struct host_damage *d) { session(d, 1)[0] = 0; }
void damage_session_dup(struct host_damage *d) { memcpy(session(d, 1), "alpha", 6); }
void damage_file_count_wrong(struct host_damage *d) { ABI_PUT_LE64(session(d, 0), struct luo_session_ser, count, 5); }
void damage_token_dup(struct host_damage *d) { ABI_PUT_LE64(file(d, 1), struct luo_file_ser, token, 0x1001); }
void damage_handler_unknown(struct host_damage *d) { memcpy(file(d, 2), "foo-v1", 7); }
void damage_data_dup(struct host_damage *d) { ABI_PUT_LE64(file(d, 2), struct luo_file_ser, data, ABI_LE64(file(d, 0), struct luo_file_ser, data)); }
void damage_memfd_v1_in_v5(struct host_damage *d) { memcpy(file(d, 2), "memfd-v1", 9); }
void damage_flb_pgcnt_zero(struct host_damage *d) { ABI_PUT_LE64(flb_page(d), struct luo_flb_header_ser, pgcnt, 0); }
void damage_flb_dup(struct host_damage *d) { memcpy(FLB_ENTRY(flb_page(d), 1), FLB_ENTRY(flb_page(d), 0), LUO_FLB_NAME_LEN); }
void damage_flb_count_zero(struct host_damage *d) { ABI_PUT_LE64(FLB_ENTRY(flb_page(d), 0), struct luo_flb_ser, count, 0); }
void damage_flb_count_big(struct host_damage *d) { ABI_PUT_LE64(flb_page(d), struct luo_flb_header_ser, count, LUO_FLB_MAX + 1); }

/* ---- memfd ------------------------------------------------------------------ */

/* low bytes of the little-endian fields */
void damage_seals_bad(struct host_damage *d) { memfd(d, 0)[offsetof(struct memfd_luo_v2_ser, seals)] = 0x40; }
void damage_memfd_flags(struct host_damage *d) { memfd(d, 0)[offsetof(struct memfd_luo_v2_ser, flags)] = 1; }
void damage_nr_folios_zero(struct host_damage *d) { ABI_PUT_LE64(memfd(d, 0), struct memfd_luo_v2_ser, nr_folios, 0); }
void damage_nr_folios_big(struct host_damage *d) { ABI_PUT_LE64(memfd(d, 0), struct memfd_luo_v2_ser, nr_folios, 300); }
void damage_pfn_zero(struct host_damage *d) { ABI_PUT_LE64(folio(d, 0, 1), struct memfd_luo_folio_ser, pfn_flags, 0); }

void damage_pfn_unpreserved(struct host_damage *d)
{
	ABI_PUT_LE64(folio(d, 0, 1), struct memfd_luo_folio_ser, pfn_flags,
		     memfd_folio_word0(host_damage_spare_page(d) >> PAGE_SHIFT,
				       MEMFD_FOLIO_DIRTY |
				       MEMFD_FOLIO_UPTODATE));
}

void damage_folio_flags(struct host_damage *d)
{
	u8 *f = folio(d, 0, 1);
	u64 w = ABI_LE64(f, struct memfd_luo_folio_ser, pfn_flags);

	ABI_PUT_LE64(f, struct memfd_luo_folio_ser, pfn_flags,
		     memfd_folio_word0(memfd_folio_pfn(w), 7));
}

void damage_index_swap(struct host_damage *d)
{
	ABI_PUT_LE64(folio(d, 0, 0), struct memfd_luo_folio_ser, index, 1);
	ABI_PUT_LE64(folio(d, 0, 1), struct memfd_luo_folio_ser, index, 0);
}

void damage_size_grow(struct host_damage *d) { ABI_PUT_LE64(memfd(d, 0), struct memfd_luo_v2_ser, size, 5 * 4096); }
void damage_folio_dup(struct host_damage *d) { memcpy(folio(d, 0, 1), folio(d, 0, 0), ABI_FIELD_SIZE(struct memfd_luo_folio_ser, pfn_flags)); }

void damage_folio_array_shared(struct host_damage *d)
{
	ABI_PUT_LE64(folio_desc(d, 1), struct kho_vmalloc_ser, first,
		     ABI_LE64(folio_desc(d, 0), struct kho_vmalloc_ser, first));
}

void damage_pos_negative(struct host_damage *d) { ABI_PUT_LE64(memfd(d, 0), struct memfd_luo_v2_ser, pos, ~0ULL); }

/* ---- memblock, metadata --------------------------------------------------- */

void damage_memblock_compat(struct host_damage *d)
{
	set_prop(d, P(d, sub_pa(d, "memblock")), 0, "compatible",
		 "memblock-v9", 12);
}

void damage_metadata_version(struct host_damage *d) { P(d, sub_pa(d, "kexec-metadata"))[0] = 2; }
