// SPDX-License-Identifier: MIT
/*
 * Named corruptions: each damages the built handover in one way a broken
 * old kernel (or a bit flip) could, so that baton must report one specific
 * finding code. They work on the corruption base scenario (docs/
 * mkhandover.md); mkhandover checks that the code really appears.
 */
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <boot/flow.h>
#include "mkhandover.h"

#define BAD_PA		0x7000000000ULL	/* 448 GiB: no RAM there */

/*
 * Host address of pa; a scenario without the damaged structure (not the
 * standard one) gets a scratch buffer instead, and mkhandover then says
 * that the corruption did not produce its code.
 */
static u8 *P(struct mkh_state *s, phys_addr_t pa)
{
	static u8 elsewhere[4 * PAGE_SIZE];

	if (!mkh_arena_contains(&s->arena, pa, PAGE_SIZE))
		return elsewhere;
	return mkh_arena_host(&s->arena, pa);
}

static void *root_fdt(struct mkh_state *s)
{
	return P(s, s->b.fdt_pa);
}

static phys_addr_t sub_pa(struct mkh_state *s, const char *name)
{
	void *fdt = root_fdt(s);
	int node = fdt_subnode_offset(fdt, 0, name), len;
	const void *v = fdt_getprop(fdt, node, "preserved-data", &len);

	if (!v)
		v = fdt_getprop(fdt, node, "fdt", &len);
	return v ? abi_le64(v) : 0;
}

static u8 *luo(struct mkh_state *s)
{
	return P(s, sub_pa(s, "LUO"));
}

static u8 *session(struct mkh_state *s, unsigned int i)
{
	return P(s, abi_le64(luo(s) + 16)) + 16 + 80 * i;
}

static u8 *file(struct mkh_state *s, unsigned int j)
{
	return P(s, abi_le64(session(s, 0) + 64)) + 16 + 64 * j;
}

static u8 *memfd(struct mkh_state *s, unsigned int j)
{
	return P(s, abi_le64(file(s, j) + 48));
}

static u8 *folio_chunk(struct mkh_state *s, unsigned int j)
{
	return P(s, abi_le64(memfd(s, j) + 32));
}

static u8 *folio(struct mkh_state *s, unsigned int j, unsigned int k)
{
	return P(s, abi_le64(folio_chunk(s, j) + 8)) + 16 * k;
}

static u8 *flb_page(struct mkh_state *s)
{
	return P(s, abi_le64(luo(s) + 24));
}

static phys_addr_t spare_page(struct mkh_state *s)
{
	phys_addr_t pa = mkh_arena_alloc(&s->arena, 0);

	/* a page of something, so that it ends up in a blob */
	memset(P(s, pa), 0x5a, PAGE_SIZE);
	return pa;
}

static void set_root_prop(struct mkh_state *s, const char *name,
			  const void *v, int len)
{
	fdt_setprop_inplace(root_fdt(s), 0, name, v, len);
}

static void set_sub_prop(struct mkh_state *s, const char *node,
			 const char *name, u64 v)
{
	void *fdt = root_fdt(s);

	fdt_setprop_inplace(fdt, fdt_subnode_offset(fdt, 0, node), name, &v, 8);
}

static u64 *root_slot(struct mkh_state *s, unsigned int i)
{
	return (u64 *)P(s, s->b.radix_root) + i;
}

static u8 *v1_chunk(struct mkh_state *s)
{
	return P(s, s->b.mem_map);
}

/* ---- KHO root and sub-blobs ---------------------------------------------- */

static void fdt_size_small(struct mkh_state *s) { s->fdt_size = 64; s->rec.fdt_size = 64; }
static void fdt_bad_magic(struct mkh_state *s) { P(s, s->b.fdt_pa)[0] = 0; }

static void fdt_struct_garbage(struct mkh_state *s)
{
	u8 *fdt = root_fdt(s);

	memset(fdt + fdt_off_dt_struct(fdt) + 8, 0xee, 8);
}

/* totalsize 5000 inside an 8 KiB kho-fdt (the map root follows the FDT) */
static void fdt_too_large(struct mkh_state *s)
{
	fdt_set_totalsize(root_fdt(s), 5000);
	s->fdt_size = 2 * PAGE_SIZE;
	s->rec.fdt_size = 2 * PAGE_SIZE;
}

static void kho_unknown(struct mkh_state *s) { set_root_prop(s, "compatible", "kho-v9", 7); }

static void mem_map_zero(struct mkh_state *s)
{
	u64 z = 0;

	set_root_prop(s, "preserved-memory-map", &z, 8);
}

static void blob_size_missing(struct mkh_state *s)
{
	void *fdt = root_fdt(s);

	fdt_delprop(fdt, fdt_subnode_offset(fdt, 0, "memblock"), "blob-size");
}

static void subtree_duplicate(struct mkh_state *s)
{
	void *fdt = root_fdt(s);

	fdt_open_into(fdt, fdt, PAGE_SIZE);
	fdt_set_name(fdt, fdt_subnode_offset(fdt, 0, "memblock"), "LUO");
	fdt_pack(fdt);
}

static void subtree_unknown(struct mkh_state *s)
{
	phys_addr_t pa = hb_alloc_preserve(&s->b, 100);

	memset(P(s, pa), 0xa5, 100);
	hb_add_subtree(&s->b, "vendor-blob", pa, 100);
}

static void subtree_unpreserved(struct mkh_state *s)
{
	set_sub_prop(s, "kexec-metadata", "preserved-data", spare_page(s));
}

static void subtree_unbacked(struct mkh_state *s)
{
	set_sub_prop(s, "kexec-metadata", "preserved-data", BAD_PA);
}

/* ---- preserved-memory map ------------------------------------------------- */

static void radix_index_invalid(struct mkh_state *s) { *root_slot(s, 7) = *root_slot(s, 2); }

static void radix_order_invalid(struct mkh_state *s)
{
	u64 e = (1ULL << 50) | 38;

	kho_radix_build(&s->alloc, s->b.radix_root, &e, 1);
	P(s, *(u64 *)P(s, *(u64 *)P(s, *(u64 *)P(s, *(u64 *)P(s,
		*root_slot(s, 0))))))[0] |= 2;
}

static void table_misaligned(struct mkh_state *s) { *root_slot(s, 1) = s->b.radix_root + 0x10; }
static void table_unbacked(struct mkh_state *s) { *root_slot(s, 1) = BAD_PA; }
static void table_shared(struct mkh_state *s) { *root_slot(s, 3) = *root_slot(s, 2); }
static void map_page_preserved(struct mkh_state *s) { hb_preserve(&s->b, s->b.radix_root, 0); }
static void preserved_outside(struct mkh_state *s) { hb_preserve(&s->b, BAD_PA, 0); }
static void preserved_overlap(struct mkh_state *s) { hb_preserve(&s->b, s->b.fdt_pa & ~(SZ_2M - 1), 9); }

static void preserved_in_scratch(struct mkh_state *s)
{
	hb_preserve(&s->b, s->sc->scratch[0].addr + PAGE_SIZE, 0);
}

static void unaccounted(struct mkh_state *s)
{
	memset(P(s, hb_alloc_preserve(&s->b, PAGE_SIZE)), 0x3c, PAGE_SIZE);
}

static void v1_bitmap_misaligned(struct mkh_state *s)
{
	abi_put_le64(v1_chunk(s) + 24, abi_le64(v1_chunk(s) + 24) + 0x100);
}

static void v1_start_odd(struct mkh_state *s)
{
	abi_put_le64(v1_chunk(s) + 16, abi_le64(v1_chunk(s) + 16) + SZ_1M);
}

static void v1_start_unaligned(struct mkh_state *s)
{
	abi_put_le64(v1_chunk(s) + 16, abi_le64(v1_chunk(s) + 16) + 0x800);
}

static void v1_order(struct mkh_state *s)
{
	u32 o = 52;

	memcpy(v1_chunk(s) + 8, &o, 4);
}

static void v1_cycle(struct mkh_state *s) { abi_put_le64(v1_chunk(s), s->b.mem_map); }

static void v1_num_elms(struct mkh_state *s)
{
	u32 n = 256;

	memcpy(v1_chunk(s) + 12, &n, 4);
}

/* ---- kho_block chains, kho_vmalloc, LUO ----------------------------------- */

static void session_cycle(struct mkh_state *s)
{
	u8 *blk = P(s, abi_le64(luo(s) + 16));

	abi_put_le64(blk, abi_le64(luo(s) + 16));
}

static void session_count_big(struct mkh_state *s) { abi_put_le64(P(s, abi_le64(luo(s) + 16)) + 8, 52); }
static void session_count_zero(struct mkh_state *s) { abi_put_le64(P(s, abi_le64(luo(s) + 16)) + 8, 0); }

static void block_not_full(struct mkh_state *s)
{
	phys_addr_t extra = hb_alloc_preserve(&s->b, PAGE_SIZE);
	u8 *blk = P(s, extra);

	abi_put_le64(blk + 8, 1);
	memcpy(blk + 16, "gamma", 6);
	abi_put_le64(P(s, abi_le64(luo(s) + 16)), extra);
}

/* 10001 list nodes 8 bytes apart after the first session block. */
static void session_chain_long(struct mkh_state *s)
{
	phys_addr_t pa = mkh_arena_alloc(&s->arena, 5);
	u8 *p = P(s, pa);
	u32 i, n = KHO_BLOCK_MAX + 1;

	for (i = 0; i + 1 < n; i++)
		abi_put_le64(p + 8 * i, pa + 8 * (i + 1));
	abi_put_le64(P(s, abi_le64(luo(s) + 16)), pa);
}

static void flb_misaligned(struct mkh_state *s) { abi_put_le64(luo(s) + 24, abi_le64(luo(s) + 24) + 8); }

/* More sessions than baton's model stores (boot/flow.h). */
static void sessions_beyond_model(struct mkh_scenario *sc)
{
	u32 i;

	for (i = 0; i < FLOW_HANDOVER_SESSIONS + 6 &&
		    sc->session_count < MKH_SESSIONS_MAX; i++)
		snprintf(sc->session_names[sc->session_count++],
			 LUO_SESSION_NAME_LEN, "extra-%04u", i);
}

static void vm_total_pages(struct mkh_state *s) { abi_put_le64(memfd(s, 0) + 40, 7); }

static void vm_after_zero(struct mkh_state *s)
{
	abi_put_le64(folio_chunk(s, 0) + 8 + 8 * 3,
		     abi_le64(folio_chunk(s, 0) + 8));
}

static void vm_flags(struct mkh_state *s) { memfd(s, 0)[44] = 0x05; }
static void luo_blob_small(struct mkh_state *s) { set_sub_prop(s, "LUO", "blob-size", 16); }
static void luo_unknown(struct mkh_state *s) { luo(s)[5] = '4'; }
static void luo_num_zero(struct mkh_scenario *sc) { sc->liveupdate_num = 0; }

static void luo_v1_session_compat(struct mkh_state *s)
{
	void *fdt = luo(s);

	fdt_setprop_inplace(fdt, fdt_subnode_offset(fdt, 0, "luo-session"),
			    "compatible", "luo-session-v9", 15);
}

static void name_unterminated(struct mkh_state *s) { memset(session(s, 1), 'x', 64); }
static void name_empty(struct mkh_state *s) { session(s, 1)[0] = 0; }
static void session_dup(struct mkh_state *s) { memcpy(session(s, 1), "alpha", 6); }
static void file_count_wrong(struct mkh_state *s) { abi_put_le64(session(s, 0) + 72, 5); }
static void token_dup(struct mkh_state *s) { abi_put_le64(file(s, 1) + 56, 0x1001); }
static void handler_unknown(struct mkh_state *s) { memcpy(file(s, 2), "foo-v1", 7); }
static void data_dup(struct mkh_state *s) { abi_put_le64(file(s, 2) + 48, abi_le64(file(s, 0) + 48)); }
static void memfd_v1_in_v5(struct mkh_state *s) { memcpy(file(s, 2), "memfd-v1", 9); }
static void flb_pgcnt_zero(struct mkh_state *s) { abi_put_le64(flb_page(s), 0); }
static void flb_dup(struct mkh_state *s) { memcpy(flb_page(s) + 16 + 64, flb_page(s) + 16, 48); }
static void flb_count_zero(struct mkh_state *s) { abi_put_le64(flb_page(s) + 16 + 56, 0); }
static void flb_count_big(struct mkh_state *s) { abi_put_le64(flb_page(s) + 8, 64); }

/* ---- memfd ------------------------------------------------------------------ */

static void seals_bad(struct mkh_state *s) { memfd(s, 0)[16] = 0x40; }
static void memfd_flags(struct mkh_state *s) { memfd(s, 0)[20] = 1; }
static void nr_folios_zero(struct mkh_state *s) { abi_put_le64(memfd(s, 0) + 24, 0); }
static void nr_folios_big(struct mkh_state *s) { abi_put_le64(memfd(s, 0) + 24, 300); }
static void pfn_zero(struct mkh_state *s) { abi_put_le64(folio(s, 0, 1), 0); }

static void pfn_unpreserved(struct mkh_state *s)
{
	abi_put_le64(folio(s, 0, 1), memfd_folio_word0(spare_page(s) >> 12, 3));
}

static void folio_flags(struct mkh_state *s)
{
	u64 w = abi_le64(folio(s, 0, 1));

	abi_put_le64(folio(s, 0, 1), memfd_folio_word0(memfd_folio_pfn(w), 7));
}

static void index_swap(struct mkh_state *s)
{
	abi_put_le64(folio(s, 0, 0) + 8, 1);
	abi_put_le64(folio(s, 0, 1) + 8, 0);
}

static void size_grow(struct mkh_state *s) { abi_put_le64(memfd(s, 0) + 8, 5 * 4096); }
static void folio_dup(struct mkh_state *s) { memcpy(folio(s, 0, 1), folio(s, 0, 0), 8); }
static void pos_negative(struct mkh_state *s) { abi_put_le64(memfd(s, 0), ~0ULL); }

static void folio_order_large(struct mkh_scenario *sc)
{
	sc->files[1].memfd.size = 8 * SZ_1M;
	sc->files[1].memfd.folio_order = 11;
}

/* ---- memblock, metadata --------------------------------------------------- */

static void memblock_compat(struct mkh_state *s)
{
	fdt_setprop_inplace(P(s, sub_pa(s, "memblock")), 0, "compatible",
			    "memblock-v9", 12);
}

static void metadata_version(struct mkh_state *s) { P(s, sub_pa(s, "kexec-metadata"))[0] = 2; }

/* ---- the table ---------------------------------------------------------------- */

#define C(n, p, c, sp, pr, po, w) \
	{ n, PROFILE_##p, c, { 0 }, 0, w, sp, pr, po }
/* with the codes baton's memory model adds (mm/finding_codes.h) */
#define CX(n, p, c, sp, pr, po, w, ...) \
	{ n, PROFILE_##p, c, { __VA_ARGS__ }, \
	  sizeof((enum finding_code[]){ __VA_ARGS__ }) / \
	  sizeof(enum finding_code), w, sp, pr, po }

static const struct mkh_corruption table[] = {
	C("fdt-size-small", 7_2, E_KHO_FDT_SIZE, NULL, NULL, fdt_size_small,
	  "kho-fdt SIZE 0x40, below the FDT's totalsize"),
	C("fdt-bad-magic", 7_2, E_FDT_INTEGRITY, NULL, NULL, fdt_bad_magic,
	  "root FDT magic cleared"),
	C("fdt-struct-garbage", 7_2, E_FDT_INTEGRITY, NULL, NULL, fdt_struct_garbage,
	  "8 bytes of the root FDT's structure block overwritten"),
	CX("fdt-too-large", 7_2, E_FDT_TOO_LARGE, NULL, NULL, fdt_too_large,
	   "FDT totalsize 5000 in an 8 KiB kho-fdt",
	   E_MM_MAP_PAGE_OVERLAPS_PRESERVED),
	C("kho-unknown-version", 7_2, E_KHO_UNKNOWN_VERSION, NULL, NULL, kho_unknown,
	  "root compatible \"kho-v9\""),
	C("mem-map-zero", 7_2, E_KHO_MEM_MAP_MISSING, NULL, NULL, mem_map_zero,
	  "preserved-memory-map = 0"),
	C("subtree-prop-missing", 7_2, E_SUBTREE_PROP_MISSING, NULL, NULL, blob_size_missing,
	  "memblock's blob-size deleted"),
	C("subtree-duplicate", 7_2, E_SUBTREE_DUPLICATE, NULL, NULL, subtree_duplicate,
	  "memblock sub-blob renamed \"LUO\""),
	C("subtree-unknown", 7_2, I_SUBTREE_UNKNOWN, NULL, subtree_unknown, NULL,
	  "an extra preserved sub-blob \"vendor-blob\""),
	C("subtree-unpreserved", 7_2, E_POINTER_NOT_PRESERVED, NULL, NULL, subtree_unpreserved,
	  "kexec-metadata points at a page the map does not list"),
	C("subtree-unbacked", 7_2, E_POINTER_UNBACKED, NULL, NULL, subtree_unbacked,
	  "kexec-metadata points at 448 GiB (no RAM)"),
	C("radix-index-invalid", 7_2, E_RADIX_INDEX_INVALID, NULL, NULL, radix_index_invalid,
	  "radix root slot 7 used (beyond the key space)"),
	CX("radix-order-invalid", 7_2, E_RADIX_ORDER_INVALID, NULL, NULL, radix_order_invalid,
	   "a radix key that decodes to order >= 52",
	   E_MM_PRESERVED_OUTSIDE_RAM),
	C("map-page-misaligned", 7_2, E_MAP_PAGE_MISALIGNED, NULL, NULL, table_misaligned,
	  "radix table pointer + 0x10"),
	C("map-page-unbacked", 7_2, E_POINTER_UNBACKED, NULL, NULL, table_unbacked,
	  "radix table pointer to 448 GiB"),
	CX("map-page-shared", 7_2, E_MAP_PAGE_SHARED, NULL, NULL, table_shared,
	   "two radix root slots share one table",
	   E_MM_PRESERVED_OUTSIDE_RAM),
	CX("map-page-preserved", 7_2, E_MAP_PAGE_IN_PRESERVED, NULL, map_page_preserved, NULL,
	   "the radix root page is itself preserved",
	   E_MM_MAP_PAGE_OVERLAPS_PRESERVED),
	CX("preserved-outside-ram", 7_2, E_PRESERVED_OUTSIDE_RAM, NULL, preserved_outside, NULL,
	   "a preserved page at 448 GiB",
	   E_MM_PRESERVED_OUTSIDE_RAM),
	CX("preserved-overlap", 7_2, E_PRESERVED_DUPLICATE, NULL, preserved_overlap, NULL,
	   "an order-9 range over already preserved pages",
	   E_MM_MAP_PAGE_OVERLAPS_PRESERVED, W_MM_PRESERVED_OVERLAP),
	CX("preserved-in-scratch", 7_2, E_PRESERVED_IN_SCRATCH, NULL, preserved_in_scratch, NULL,
	   "a preserved page inside scratch area 0",
	   E_MM_PRESERVED_IN_SCRATCH),
	C("preserved-unaccounted", 7_2, I_PRESERVED_UNACCOUNTED, NULL, unaccounted, NULL,
	  "a preserved page no structure references"),
	C("v1-start-unaligned", 6_18, E_PRESERVED_MISALIGNED, NULL, NULL, v1_start_unaligned,
	  "kho-v1 chunk phys_start + 0x800"),
	C("v1-bitmap-misaligned", 6_18, E_V1_BITMAP_MISALIGNED, NULL, NULL, v1_bitmap_misaligned,
	  "kho-v1 bitmap pointer + 0x100"),
	CX("v1-phys-start", 6_18, E_V1_PHYS_START_MISALIGNED, NULL, NULL, v1_start_odd,
	   "kho-v1 phys_start + 1 MiB",
	   W_MM_PRESERVED_OVERLAP),
	C("v1-chunk-order", 6_18, E_V1_CHUNK_ORDER, NULL, NULL, v1_order,
	  "kho-v1 chunk order 52"),
	CX("v1-cycle", 6_18, E_LIST_CYCLE, NULL, NULL, v1_cycle,
	   "kho-v1 chunk list points at itself",
	   W_MM_PRESERVED_OVERLAP),
	C("v1-num-elms", 6_18, E_COUNT_EXCEEDS_CAPACITY, NULL, NULL, v1_num_elms,
	  "kho-v1 chunk num_elms 256"),
	C("session-cycle", 7_2, E_LIST_CYCLE, NULL, NULL, session_cycle,
	  "session kho_block chain points at itself"),
	C("session-chain-long", 7_2, E_CHAIN_TOO_LONG, NULL, NULL, session_chain_long,
	  "10001 more nodes after the first session block"),
	C("sessions-beyond-model", 7_2, W_MODEL_TRUNCATED, sessions_beyond_model, NULL, NULL,
	  "4102 more sessions than baton's model holds (4096)"),
	C("session-count-big", 7_2, E_COUNT_EXCEEDS_CAPACITY, NULL, NULL, session_count_big,
	  "session block count 52 (capacity 51)"),
	C("session-count-zero", 7_2, E_BLOCK_COUNT_ZERO, NULL, NULL, session_count_zero,
	  "session block count 0"),
	C("block-not-full", 7_2, W_BLOCK_NOT_FULL, NULL, NULL, block_not_full,
	  "a second session block after a non-full first"),
	C("vmalloc-total-pages", 7_2, E_VMALLOC_PAGE_COUNT, NULL, NULL, vm_total_pages,
	  "folio array kho_vmalloc total_pages 7"),
	C("vmalloc-layout", 7_2, W_VMALLOC_LAYOUT, NULL, NULL, vm_after_zero,
	  "a page pointer after the chunk's terminating 0"),
	C("vmalloc-flags", 7_2, W_VMALLOC_DESCRIPTOR, NULL, NULL, vm_flags,
	  "kho_vmalloc flags 0x5"),
	C("luo-blob-small", 7_2, E_LUO_BLOB_SIZE, NULL, NULL, luo_blob_small,
	  "LUO blob-size 16"),
	C("luo-unknown-version", 7_2, E_LUO_UNKNOWN_VERSION, NULL, NULL, luo_unknown,
	  "LUO compatible \"luo-v4\""),
	C("luo-num-zero", 7_2, W_LUO_NUM_ZERO, luo_num_zero, NULL, NULL,
	  "liveupdate_num 0"),
	C("luo-fdt-node", 7_0, E_LUO_FDT_NODE, NULL, NULL, luo_v1_session_compat,
	  "luo-v1 luo-session compatible \"luo-session-v9\""),
	C("name-unterminated", 7_2, E_NAME_UNTERMINATED, NULL, NULL, name_unterminated,
	  "session name of 64 non-NUL bytes"),
	C("name-empty", 7_2, E_NAME_EMPTY, NULL, NULL, name_empty,
	  "session name \"\""),
	C("session-duplicate", 7_2, E_SESSION_DUPLICATE, NULL, NULL, session_dup,
	  "two sessions named \"alpha\""),
	C("session-file-count", 7_2, E_SESSION_FILE_COUNT, NULL, NULL, file_count_wrong,
	  "session count 5 for 3 files"),
	C("token-duplicate", 7_2, E_TOKEN_DUPLICATE, NULL, NULL, token_dup,
	  "two files with token 0x1001"),
	C("handler-unknown", 7_2, E_FILE_UNKNOWN_HANDLER, NULL, NULL, handler_unknown,
	  "file compatible \"foo-v1\""),
	C("data-duplicate", 7_2, E_FILE_DATA_DUPLICATE, NULL, NULL, data_dup,
	  "two files share one memfd_luo_ser"),
	C("version-mix", 7_2, W_VERSION_MIX, NULL, NULL, memfd_v1_in_v5,
	  "a memfd-v1 file under luo-v5"),
	C("flb-misaligned", 7_2, E_POINTER_MISALIGNED, NULL, NULL, flb_misaligned,
	  "FLB page pointer + 8"),
	C("flb-invalid", 7_2, E_FLB_INVALID, NULL, NULL, flb_pgcnt_zero,
	  "FLB header pgcnt 0"),
	C("flb-duplicate", 7_2, E_FLB_DUPLICATE, NULL, NULL, flb_dup,
	  "two FLBs with one name"),
	C("flb-count-zero", 7_2, W_FLB_COUNT_ZERO, NULL, NULL, flb_count_zero,
	  "FLB reference count 0"),
	C("flb-count-big", 7_2, E_COUNT_EXCEEDS_CAPACITY, NULL, NULL, flb_count_big,
	  "FLB header count 64 (capacity 63)"),
	C("memfd-seals", 7_2, E_MEMFD_SEALS, NULL, NULL, seals_bad,
	  "memfd seals 0x40"),
	C("memfd-flags", 7_2, W_MEMFD_FLAGS, NULL, NULL, memfd_flags,
	  "memfd reserved flags 0x1"),
	C("memfd-descriptor", 7_2, E_MEMFD_DESCRIPTOR, NULL, NULL, nr_folios_zero,
	  "memfd nr_folios 0 with a folio array"),
	C("memfd-array-small", 7_2, E_MEMFD_ARRAY_TOO_SMALL, NULL, NULL, nr_folios_big,
	  "memfd nr_folios 300 (array holds 3)"),
	C("folio-pfn-zero", 7_2, W_FOLIO_PFN_ZERO, NULL, NULL, pfn_zero,
	  "folio entry pfn 0"),
	C("folio-unpreserved", 7_2, E_FOLIO_NOT_PRESERVED, NULL, NULL, pfn_unpreserved,
	  "folio entry pointing at an unpreserved page"),
	C("folio-flags", 7_2, W_FOLIO_FLAGS, NULL, NULL, folio_flags,
	  "folio flags 0x7"),
	C("folio-index-order", 7_2, E_FOLIO_INDEX_ORDER, NULL, NULL, index_swap,
	  "folio indices 1, 0"),
	C("memfd-size-mismatch", 7_2, E_MEMFD_SIZE_MISMATCH, NULL, NULL, size_grow,
	  "memfd size 20 KiB, folios cover 12 KiB"),
	C("folio-duplicate", 7_2, E_FOLIO_DUPLICATE, NULL, NULL, folio_dup,
	  "two folio entries with one pfn"),
	C("memfd-size-limit", 7_2, E_MEMFD_SIZE_LIMIT, NULL, NULL, pos_negative,
	  "memfd pos 2^64-1"),
	C("folio-order-large", 7_2, W_FOLIO_ORDER_LARGE, folio_order_large, NULL, NULL,
	  "an 8 MiB memfd of one order-11 folio"),
	C("memblock-invalid", 7_2, E_MEMBLOCK_INVALID, NULL, NULL, memblock_compat,
	  "memblock compatible \"memblock-v9\""),
	C("metadata-invalid", 7_2, W_METADATA_INVALID, NULL, NULL, metadata_version,
	  "kexec-metadata version 2"),
};

u32 mkh_corruption_count(void)
{
	return ARRAY_SIZE(table);
}

const struct mkh_corruption *mkh_corruption_at(u32 i)
{
	return i < ARRAY_SIZE(table) ? &table[i] : NULL;
}

const struct mkh_corruption *mkh_corruption_find(const char *name)
{
	u32 i;

	for (i = 0; i < ARRAY_SIZE(table); i++)
		if (!strcmp(table[i].name, name))
			return &table[i];
	return NULL;
}

void mkh_corruptions_list(void)
{
	u32 i, j;

	for (i = 0; i < ARRAY_SIZE(table); i++) {
		const struct mkh_corruption *c = &table[i];

		printf("%-22s %-6s %s", c->name,
		       release_profile_name(c->profile),
		       finding_code_name(c->code));
		for (j = 0; j < c->extra_count; j++)
			printf("+%s", finding_code_name(c->extra[j]));
		printf("  %s\n", c->what);
	}
}
