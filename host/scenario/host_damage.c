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

static u8 *session(struct host_damage *d, unsigned int i)
{
	return P(d, abi_le64(luo(d) + 16)) + 16 + 80 * i;
}

static u8 *file(struct host_damage *d, unsigned int j)
{
	return P(d, abi_le64(session(d, 0) + 64)) + 16 + 64 * j;
}

static u8 *memfd(struct host_damage *d, unsigned int j)
{
	return P(d, abi_le64(file(d, j) + 48));
}

static u8 *folio_chunk(struct host_damage *d, unsigned int j)
{
	return P(d, abi_le64(memfd(d, j) + 32));
}

static u8 *folio(struct host_damage *d, unsigned int j, unsigned int k)
{
	return P(d, abi_le64(folio_chunk(d, j) + 8)) + 16 * k;
}

static u8 *flb_page(struct host_damage *d)
{
	return P(d, abi_le64(luo(d) + 24));
}

static u64 *root_slot(struct host_damage *d, unsigned int i)
{
	return (u64 *)P(d, d->b->radix_root) + i;
}

static u8 *v1_chunk(struct host_damage *d)
{
	return P(d, d->b->mem_map);
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
	abi_put_le64(v1_chunk(d) + 24, abi_le64(v1_chunk(d) + 24) + 0x100);
}

void damage_v1_start_odd(struct host_damage *d)
{
	abi_put_le64(v1_chunk(d) + 16, abi_le64(v1_chunk(d) + 16) + SZ_1M);
}

void damage_v1_start_unaligned(struct host_damage *d)
{
	abi_put_le64(v1_chunk(d) + 16, abi_le64(v1_chunk(d) + 16) + 0x800);
}

void damage_v1_order(struct host_damage *d)
{
	u32 o = 52;

	memcpy(v1_chunk(d) + 8, &o, 4);
}

void damage_v1_cycle(struct host_damage *d) { abi_put_le64(v1_chunk(d), d->b->mem_map); }

void damage_v1_num_elms(struct host_damage *d)
{
	u32 n = 256;

	memcpy(v1_chunk(d) + 12, &n, 4);
}

/* ---- kho_block chains, kho_vmalloc, LUO ----------------------------------- */

void damage_session_cycle(struct host_damage *d)
{
	u8 *blk = P(d, abi_le64(luo(d) + 16));

	abi_put_le64(blk, abi_le64(luo(d) + 16));
}

void damage_session_count_big(struct host_damage *d) { abi_put_le64(P(d, abi_le64(luo(d) + 16)) + 8, 52); }
void damage_session_count_zero(struct host_damage *d) { abi_put_le64(P(d, abi_le64(luo(d) + 16)) + 8, 0); }

/* a second, valid block after a first one holding 2 of 51 */
void damage_block_not_full(struct host_damage *d)
{
	phys_addr_t extra = hb_alloc_preserve(d->b, PAGE_SIZE);
	u8 *blk = P(d, extra);

	abi_put_le64(blk + 8, 1);
	memcpy(blk + 16, "gamma", 6);
	abi_put_le64(P(d, abi_le64(luo(d) + 16)), extra);
}

/* list nodes 8 bytes apart after the first session block */
void damage_session_chain_long(struct host_damage *d)
{
	phys_addr_t pa = d->b->alloc.alloc_pages(d->b->alloc.ctx, 5);
	u8 *p = P(d, pa);
	u32 i, n = KHO_BLOCK_MAX + 1;

	for (i = 0; i + 1 < n; i++)
		abi_put_le64(p + 8 * i, pa + 8 * (i + 1));
	abi_put_le64(P(d, abi_le64(luo(d) + 16)), pa);
}

void damage_flb_misaligned(struct host_damage *d) { abi_put_le64(luo(d) + 24, abi_le64(luo(d) + 24) + 8); }
void damage_vm_total_pages(struct host_damage *d) { abi_put_le64(memfd(d, 0) + 40, 7); }

void damage_vm_after_zero(struct host_damage *d)
{
	abi_put_le64(folio_chunk(d, 0) + 8 + 8 * 3,
		     abi_le64(folio_chunk(d, 0) + 8));
}

void damage_vm_flags(struct host_damage *d) { memfd(d, 0)[44] = 0x05; }
void damage_luo_blob_small(struct host_damage *d) { set_sub_prop(d, "LUO", "blob-size", 16); }
void damage_luo_unknown(struct host_damage *d) { luo(d)[5] = '4'; }

void damage_luo_v1_session_compat(struct host_damage *d)
{
	void *fdt = luo(d);

	set_prop(d, fdt, fdt_subnode_offset(fdt, 0, "luo-session"),
		 "compatible", "luo-session-v9", 15);
}

void damage_name_unterminated(struct host_damage *d) { memset(session(d, 1), 'x', 64); }
void damage_name_empty(struct host_damage *d) { session(d, 1)[0] = 0; }
void damage_session_dup(struct host_damage *d) { memcpy(session(d, 1), "alpha", 6); }
void damage_file_count_wrong(struct host_damage *d) { abi_put_le64(session(d, 0) + 72, 5); }
void damage_token_dup(struct host_damage *d) { abi_put_le64(file(d, 1) + 56, 0x1001); }
void damage_handler_unknown(struct host_damage *d) { memcpy(file(d, 2), "foo-v1", 7); }
void damage_data_dup(struct host_damage *d) { abi_put_le64(file(d, 2) + 48, abi_le64(file(d, 0) + 48)); }
void damage_memfd_v1_in_v5(struct host_damage *d) { memcpy(file(d, 2), "memfd-v1", 9); }
void damage_flb_pgcnt_zero(struct host_damage *d) { abi_put_le64(flb_page(d), 0); }
void damage_flb_dup(struct host_damage *d) { memcpy(flb_page(d) + 16 + 64, flb_page(d) + 16, 48); }
void damage_flb_count_zero(struct host_damage *d) { abi_put_le64(flb_page(d) + 16 + 56, 0); }
void damage_flb_count_big(struct host_damage *d) { abi_put_le64(flb_page(d) + 8, 64); }

/* ---- memfd ------------------------------------------------------------------ */

void damage_seals_bad(struct host_damage *d) { memfd(d, 0)[16] = 0x40; }
void damage_memfd_flags(struct host_damage *d) { memfd(d, 0)[20] = 1; }
void damage_nr_folios_zero(struct host_damage *d) { abi_put_le64(memfd(d, 0) + 24, 0); }
void damage_nr_folios_big(struct host_damage *d) { abi_put_le64(memfd(d, 0) + 24, 300); }
void damage_pfn_zero(struct host_damage *d) { abi_put_le64(folio(d, 0, 1), 0); }

void damage_pfn_unpreserved(struct host_damage *d)
{
	abi_put_le64(folio(d, 0, 1),
		     memfd_folio_word0(host_damage_spare_page(d) >> 12, 3));
}

void damage_folio_flags(struct host_damage *d)
{
	u64 w = abi_le64(folio(d, 0, 1));

	abi_put_le64(folio(d, 0, 1), memfd_folio_word0(memfd_folio_pfn(w), 7));
}

void damage_index_swap(struct host_damage *d)
{
	abi_put_le64(folio(d, 0, 0) + 8, 1);
	abi_put_le64(folio(d, 0, 1) + 8, 0);
}

void damage_size_grow(struct host_damage *d) { abi_put_le64(memfd(d, 0) + 8, 5 * 4096); }
void damage_folio_dup(struct host_damage *d) { memcpy(folio(d, 0, 1), folio(d, 0, 0), 8); }

void damage_folio_array_shared(struct host_damage *d)
{
	abi_put_le64(memfd(d, 1) + 32, abi_le64(memfd(d, 0) + 32));
}

void damage_pos_negative(struct host_damage *d) { abi_put_le64(memfd(d, 0), ~0ULL); }

/* ---- memblock, metadata --------------------------------------------------- */

void damage_memblock_compat(struct host_damage *d)
{
	set_prop(d, P(d, sub_pa(d, "memblock")), 0, "compatible",
		 "memblock-v9", 12);
}

void damage_metadata_version(struct host_damage *d) { P(d, sub_pa(d, "kexec-metadata"))[0] = 2; }
