// SPDX-License-Identifier: MIT
/*
 * Negative tests: every luo/ finding code is produced by at least one
 * damaged scenario below (checked by the last test). Each row builds the
 * standard scenario of a profile, damages it, parses, and requires its code.
 */
#include "check.h"
#include "test_luo_util.h"
#include "test_digest_util.h"
#include <luo/chain.h>
#include <libfdt.h>

struct row {
	const char *name;
	enum release_profile profile;
	enum finding_code code;
	void (*spec)(struct handover_spec *spec);	/* before building */
	void (*pre)(struct host_scenario *s);		/* before building */
	void (*post)(struct host_scenario *s);		/* after building */
};

/* ---- navigation helpers ------------------------------------------------- */

static u8 *P(struct host_scenario *s, phys_addr_t pa)
{
	return host_scenario_ptr(s, pa);
}

static void *root_fdt(struct host_scenario *s)
{
	return P(s, s->b.fdt_pa);
}

static phys_addr_t sub_pa(struct host_scenario *s, const char *name)
{
	void *fdt = root_fdt(s);
	int node = fdt_subnode_offset(fdt, 0, name), len;
	const void *v = fdt_getprop(fdt, node, "preserved-data", &len);

	if (!v)
		v = fdt_getprop(fdt, node, "fdt", &len);
	return v ? abi_le64(v) : 0;
}

static u8 *luo(struct host_scenario *s)
{
	return P(s, sub_pa(s, "LUO"));
}

static u8 *session(struct host_scenario *s, unsigned int i)
{
	return P(s, abi_le64(luo(s) + 16)) + 16 + 80 * i;
}

static u8 *file(struct host_scenario *s, unsigned int j)
{
	return P(s, abi_le64(session(s, 0) + 64)) + 16 + 64 * j;
}

static u8 *memfd(struct host_scenario *s, unsigned int j)
{
	return P(s, abi_le64(file(s, j) + 48));
}

static u8 *folio_chunk(struct host_scenario *s, unsigned int j)
{
	return P(s, abi_le64(memfd(s, j) + 32));
}

static u8 *folio(struct host_scenario *s, unsigned int j, unsigned int k)
{
	return P(s, abi_le64(folio_chunk(s, j) + 8)) + 16 * k;
}

static phys_addr_t spare_page(struct host_scenario *s)
{
	return host_arena_alloc(&s->arena, 0);
}

static void set_root_prop(struct host_scenario *s, const char *name,
			  const void *v, int len)
{
	CHECK_EQ(fdt_setprop_inplace(root_fdt(s), 0, name, v, len), 0);
}

static void set_sub_prop(struct host_scenario *s, const char *node,
			 const char *name, u64 v)
{
	void *fdt = root_fdt(s);

	CHECK_EQ(fdt_setprop_inplace(fdt, fdt_subnode_offset(fdt, 0, node),
				     name, &v, 8), 0);
}

/* ---- record, scratch, FDT ------------------------------------------------ */

static void fdt_unbacked(struct host_scenario *s) { s->rec.fdt_addr = 0x7000000000ULL; }
static void fdt_misaligned(struct host_scenario *s) { s->rec.fdt_addr += 4; }
static void record_short(struct host_scenario *s) { s->rec.len = 16; }
static void fdt_size_small(struct host_scenario *s) { s->rec.fdt_size = 64; }
static void scratch_size_odd(struct host_scenario *s) { s->rec.scratch_size = 24; }

static u8 *scratch_arr(struct host_scenario *s)
{
	return P(s, s->rec.scratch_addr);
}

static void scratch_empty(struct host_scenario *s) { abi_put_le64(scratch_arr(s) + 8, 0); }
static void scratch_misaligned(struct host_scenario *s)
{
	abi_put_le64(scratch_arr(s) + 8, abi_le64(scratch_arr(s) + 8) - 0x800);
}
static void scratch_outside(struct host_scenario *s) { abi_put_le64(scratch_arr(s), 0x7000000000ULL); }
static void scratch_overlap(struct host_scenario *s)
{
	abi_put_le64(scratch_arr(s) + 16, HOST_SCENARIO_BASE + SZ_1M);
}

static void fdt_bad_magic(struct host_scenario *s) { P(s, s->b.fdt_pa)[0] = 0; }
static void fdt_struct_garbage(struct host_scenario *s)
{
	u8 *fdt = root_fdt(s);

	memset(fdt + fdt_off_dt_struct(fdt) + 8, 0xee, 8);
}

static void fdt_too_large(struct host_scenario *s)
{
	void *fdt = root_fdt(s);

	fdt_set_totalsize(fdt, 5000);
	s->rec.fdt_size = 8192;
}

static void kho_unknown(struct host_scenario *s) { set_root_prop(s, "compatible", "kho-v9", 7); }
static void mem_map_zero(struct host_scenario *s)
{
	u64 z = 0;

	set_root_prop(s, "preserved-memory-map", &z, 8);
}

static void blob_size_missing(struct host_scenario *s)
{
	void *fdt = root_fdt(s);

	fdt_delprop(fdt, fdt_subnode_offset(fdt, 0, "memblock"), "blob-size");
}

static void subtree_duplicate(struct host_scenario *s)
{
	void *fdt = root_fdt(s);

	fdt_open_into(fdt, fdt, 4096);
	CHECK_EQ(fdt_set_name(fdt, fdt_subnode_offset(fdt, 0, "memblock"),
			      "LUO"), 0);
	fdt_pack(fdt);
}

static void subtree_unknown(struct host_scenario *s)
{
	phys_addr_t pa = hb_alloc_preserve(&s->b, 100);

	hb_add_subtree(&s->b, "vendor-blob", pa, 100);
}

static void subtree_unpreserved(struct host_scenario *s)
{
	set_sub_prop(s, "kexec-metadata", "preserved-data", spare_page(s));
}

/* ---- map ------------------------------------------------------------------ */

static u64 *root_slot(struct host_scenario *s, unsigned int i)
{
	return (u64 *)P(s, s->b.radix_root) + i;
}

static void radix_index_53(struct host_scenario *s) { *root_slot(s, 7) = *root_slot(s, 2); }
static void radix_order_52(struct host_scenario *s)
{
	/* leaf under the all-zero path holding key 1 */
	u64 e = (1ULL << 50) | 38;

	kho_radix_build(&s->alloc, s->b.radix_root, &e, 1);
	P(s, *(u64 *)P(s, *(u64 *)P(s, *(u64 *)P(s, *(u64 *)P(s,
		*root_slot(s, 0))))))[0] |= 2;
}

static void table_misaligned(struct host_scenario *s) { *root_slot(s, 1) = HOST_SCENARIO_BASE + 0x10; }
static void table_unbacked(struct host_scenario *s) { *root_slot(s, 1) = 0x7000000000ULL; }
static void table_shared(struct host_scenario *s) { *root_slot(s, 3) = *root_slot(s, 2); }
static void map_page_preserved(struct host_scenario *s) { hb_preserve(&s->b, s->b.radix_root, 0); }

static void map_page_in_scratch(struct host_scenario *s)
{
	phys_addr_t copy = HOST_SCENARIO_BASE + 0x10000;
	u64 v = copy;

	memcpy(P(s, copy), P(s, s->b.radix_root), PAGE_SIZE);
	set_root_prop(s, "preserved-memory-map", &v, 8);
}

static void preserved_outside(struct host_scenario *s) { hb_preserve(&s->b, 0x7000000000ULL, 0); }
static void preserved_overlap(struct host_scenario *s) { hb_preserve(&s->b, s->b.fdt_pa & ~(SZ_2M - 1), 9); }
static void preserved_in_scratch(struct host_scenario *s) { hb_preserve(&s->b, HOST_SCENARIO_BASE + 0x3000, 0); }
static void index_tiny(struct host_scenario *s) { s->st.preserved_cap = 4; }
static void sessions_cap_1(struct host_scenario *s) { s->st.sessions_cap = 1; }
static void unaccounted(struct host_scenario *s) { hb_alloc_preserve(&s->b, 4096); }

/* kho-v1 chunk list (6.18 profile) */
static u8 *v1_chunk(struct host_scenario *s)
{
	return P(s, s->b.mem_map);
}

static void v1_num_elms(struct host_scenario *s)
{
	u32 n = 256;

	memcpy(v1_chunk(s) + 12, &n, 4);
	s->v1_hint = KHO_V1_BITMAP_4096;
}

static void v1_bitmap_misaligned(struct host_scenario *s)
{
	abi_put_le64(v1_chunk(s) + 24, abi_le64(v1_chunk(s) + 24) + 0x100);
	s->v1_hint = KHO_V1_BITMAP_4096;
}

static void v1_start_odd(struct host_scenario *s)
{
	abi_put_le64(v1_chunk(s) + 16, abi_le64(v1_chunk(s) + 16) + SZ_1M);
	s->v1_hint = KHO_V1_BITMAP_4096;
}

static void v1_start_unaligned(struct host_scenario *s)
{
	abi_put_le64(v1_chunk(s) + 16, abi_le64(v1_chunk(s) + 16) + 0x800);
	s->v1_hint = KHO_V1_BITMAP_4096;
}

static void v1_order_52(struct host_scenario *s)
{
	u32 o = 52;

	memcpy(v1_chunk(s) + 8, &o, 4);
	s->v1_hint = KHO_V1_BITMAP_4096;
}

static void v1_cycle(struct host_scenario *s)
{
	abi_put_le64(v1_chunk(s), s->b.mem_map);
	s->v1_hint = KHO_V1_BITMAP_4096;
}

static void v1_no_hint(struct host_scenario *s) { s->v1_hint = 0; }
static void v1_conflict(struct host_scenario *s) { s->v1_hint = KHO_V1_BITMAP_4096; }

/* ---- blocks, vmalloc, LUO ------------------------------------------------ */

static void session_cycle(struct host_scenario *s)
{
	u8 *blk = P(s, abi_le64(luo(s) + 16));

	abi_put_le64(blk, abi_le64(luo(s) + 16));
}

static void session_count_52(struct host_scenario *s) { abi_put_le64(P(s, abi_le64(luo(s) + 16)) + 8, 52); }
static void session_count_0(struct host_scenario *s) { abi_put_le64(P(s, abi_le64(luo(s) + 16)) + 8, 0); }

static void block_not_full(struct host_scenario *s)
{
	/* a second, valid block after a first one holding 2 of 51 */
	phys_addr_t extra = hb_alloc_preserve(&s->b, 4096);
	u8 *blk = P(s, extra);

	abi_put_le64(blk + 8, 1);
	memcpy(blk + 16, "gamma", 6);
	abi_put_le64(P(s, abi_le64(luo(s) + 16)), extra);
}

static void vm_total_pages(struct host_scenario *s) { abi_put_le64(memfd(s, 0) + 40, 7); }
static void vm_after_zero(struct host_scenario *s) { abi_put_le64(folio_chunk(s, 0) + 8 + 8 * 3, abi_le64(folio_chunk(s, 0) + 8)); }
static void vm_flags(struct host_scenario *s) { memfd(s, 0)[44] = 0x05; }

static void luo_blob_small(struct host_scenario *s) { set_sub_prop(s, "LUO", "blob-size", 16); }
static void luo_v4(struct host_scenario *s) { luo(s)[5] = '4'; }
static void luo_num_zero(struct handover_spec *spec) { spec->liveupdate_num = 0; }

static void luo_v1_session_compat(struct host_scenario *s)
{
	void *fdt = luo(s);
	int node = fdt_subnode_offset(fdt, 0, "luo-session");

	CHECK_EQ(fdt_setprop_inplace(fdt, node, "compatible", "luo-session-v9",
				     15), 0);
}

static void name_unterminated(struct host_scenario *s) { memset(session(s, 1), 'x', 64); }
static void name_empty(struct host_scenario *s) { session(s, 1)[0] = 0; }
static void session_dup(struct host_scenario *s) { memcpy(session(s, 1), "alpha", 6); }
static void file_count_wrong(struct host_scenario *s) { abi_put_le64(session(s, 0) + 72, 5); }
static void token_dup(struct host_scenario *s) { abi_put_le64(file(s, 1) + 56, 0x1001); }
static void handler_unknown(struct host_scenario *s) { memcpy(file(s, 2), "foo-v1", 7); }
static void data_dup(struct host_scenario *s) { abi_put_le64(file(s, 2) + 48, abi_le64(file(s, 0) + 48)); }

static u8 *flb_page(struct host_scenario *s)
{
	return P(s, abi_le64(luo(s) + 24));
}

static void flb_pgcnt_0(struct host_scenario *s) { abi_put_le64(flb_page(s), 0); }
static void flb_dup(struct host_scenario *s) { memcpy(flb_page(s) + 16 + 64, flb_page(s) + 16, 48); }
static void flb_count_0(struct host_scenario *s) { abi_put_le64(flb_page(s) + 16 + 56, 0); }
static void flb_count_big(struct host_scenario *s) { abi_put_le64(flb_page(s) + 8, 64); }

/* ---- memfd ----------------------------------------------------------------- */

static void seals_bad(struct host_scenario *s) { memfd(s, 0)[16] = 0x40; }
static void memfd_flags(struct host_scenario *s) { memfd(s, 0)[20] = 1; }
static void nr_folios_zero(struct host_scenario *s) { abi_put_le64(memfd(s, 0) + 24, 0); }
static void nr_folios_big(struct host_scenario *s) { abi_put_le64(memfd(s, 0) + 24, 300); }
static void pfn_zero(struct host_scenario *s) { abi_put_le64(folio(s, 0, 1), 0); }
static void pfn_unpreserved(struct host_scenario *s)
{
	abi_put_le64(folio(s, 0, 1), memfd_folio_word0(spare_page(s) >> 12, 3));
}

static void folio_flags(struct host_scenario *s)
{
	u64 w = abi_le64(folio(s, 0, 1));

	abi_put_le64(folio(s, 0, 1), memfd_folio_word0(memfd_folio_pfn(w), 7));
}

static void index_swap(struct host_scenario *s)
{
	abi_put_le64(folio(s, 0, 0) + 8, 1);
	abi_put_le64(folio(s, 0, 1) + 8, 0);
}

static void size_grow(struct host_scenario *s) { abi_put_le64(memfd(s, 0) + 8, 5 * 4096); }
static void folio_dup(struct host_scenario *s)
{
	memcpy(folio(s, 0, 1), folio(s, 0, 0), 8);
}

static void folio_array_shared(struct host_scenario *s)
{
	abi_put_le64(memfd(s, 1) + 32, abi_le64(memfd(s, 0) + 32));
}

static void pos_negative(struct host_scenario *s) { abi_put_le64(memfd(s, 0), ~0ULL); }

/* ---- blobs ------------------------------------------------------------------ */

static void memblock_compat(struct host_scenario *s)
{
	void *fdt = P(s, sub_pa(s, "memblock"));

	CHECK_EQ(fdt_setprop_inplace(fdt, 0, "compatible", "memblock-v9", 12), 0);
}

static void metadata_version(struct host_scenario *s) { P(s, sub_pa(s, "kexec-metadata"))[0] = 2; }

static void scratch_array_moved(struct host_scenario *s)
{
	phys_addr_t pa = spare_page(s);

	memcpy(P(s, pa), scratch_arr(s), 32);
	s->rec.scratch_addr = pa;
}

static const struct build_memfd memfd_o11 = { .size = 8 * SZ_1M,
					      .folio_order = 11 };
static const struct build_file files_o11[] = { { .token = 5, .memfd = &memfd_o11 } };
static const struct build_session sessions_o11[] = { { "big", files_o11, 1 } };

static void big_folio(struct handover_spec *spec)
{
	spec->sessions = sessions_o11;
	spec->session_count = 1;
}

/* the same duplicates without work storage: the pairwise fallback */
static void session_dup_pairwise(struct host_scenario *s)
{
	session_dup(s);
	s->st.work_cap = 0;
}

static void token_dup_pairwise(struct host_scenario *s)
{
	token_dup(s);
	s->st.work_cap = 0;
}

/* a memfd-v1 file in a 7.2 handover */
static void memfd_v1_in_7_2(struct host_scenario *s)
{
	memcpy(file(s, 2), "memfd-v1", 9);
}

#define R(n, p, c, sp, pr, po) { n, PROFILE_##p, c, sp, pr, po }

static const struct row rows[] = {
	R("fdt unbacked", 7_2, E_POINTER_UNBACKED, NULL, NULL, fdt_unbacked),
	R("subtree unpreserved", 7_2, E_POINTER_NOT_PRESERVED, NULL, NULL, subtree_unpreserved),
	R("fdt misaligned", 7_2, E_POINTER_MISALIGNED, NULL, NULL, fdt_misaligned),
	R("record short", 7_2, E_KHO_RECORD_SHORT, NULL, NULL, record_short),
	R("fdt_size small", 7_2, E_KHO_FDT_SIZE, NULL, NULL, fdt_size_small),
	R("scratch size", 7_2, E_SCRATCH_SIZE, NULL, NULL, scratch_size_odd),
	R("scratch empty", 7_2, I_SCRATCH_AREA_EMPTY, NULL, NULL, scratch_empty),
	R("scratch misaligned", 7_2, E_SCRATCH_AREA_INVALID, NULL, NULL, scratch_misaligned),
	R("scratch outside", 7_2, E_SCRATCH_OUTSIDE_RAM, NULL, NULL, scratch_outside),
	R("scratch overlap", 7_2, E_SCRATCH_OVERLAP, NULL, NULL, scratch_overlap),
	R("fdt magic", 7_2, E_FDT_INTEGRITY, NULL, NULL, fdt_bad_magic),
	R("fdt struct", 7_2, E_FDT_INTEGRITY, NULL, NULL, fdt_struct_garbage),
	R("fdt too large", 7_2, E_FDT_TOO_LARGE, NULL, NULL, fdt_too_large),
	R("kho-v9", 7_2, E_KHO_UNKNOWN_VERSION, NULL, NULL, kho_unknown),
	R("kho-v4 info", 7_2, I_KHO_V3_OR_V4, NULL, NULL, NULL),
	R("mem map zero", 7_2, E_KHO_MEM_MAP_MISSING, NULL, NULL, mem_map_zero),
	R("blob-size missing", 7_2, E_SUBTREE_PROP_MISSING, NULL, NULL, blob_size_missing),
	R("subtree duplicate", 7_2, E_SUBTREE_DUPLICATE, NULL, NULL, subtree_duplicate),
	R("subtree unknown", 7_2, I_SUBTREE_UNKNOWN, NULL, subtree_unknown, NULL),
	R("radix index 7", 7_2, E_RADIX_INDEX_INVALID, NULL, NULL, radix_index_53),
	R("radix order 52", 7_2, E_RADIX_ORDER_INVALID, NULL, NULL, radix_order_52),
	R("table misaligned", 7_2, E_MAP_PAGE_MISALIGNED, NULL, NULL, table_misaligned),
	R("table unbacked", 7_2, E_POINTER_UNBACKED, NULL, NULL, table_unbacked),
	R("table shared", 7_2, E_MAP_PAGE_SHARED, NULL, NULL, table_shared),
	R("map page preserved", 7_2, E_MAP_PAGE_IN_PRESERVED, NULL, map_page_preserved, NULL),
	R("map page in scratch", 7_2, E_MAP_PAGE_IN_SCRATCH, NULL, NULL, map_page_in_scratch),
	R("v1 start unaligned", 6_18, E_PRESERVED_MISALIGNED, NULL, NULL, v1_start_unaligned),
	R("preserved outside", 7_2, E_PRESERVED_OUTSIDE_RAM, NULL, preserved_outside, NULL),
	R("preserved overlap", 7_2, E_PRESERVED_DUPLICATE, NULL, preserved_overlap, NULL),
	R("preserved in scratch", 7_2, E_PRESERVED_IN_SCRATCH, NULL, preserved_in_scratch, NULL),
	R("index full", 7_2, W_PRESERVED_INDEX_FULL, NULL, NULL, index_tiny),
	R("v1 bitmap misaligned", 6_18, E_V1_BITMAP_MISALIGNED, NULL, NULL, v1_bitmap_misaligned),
	R("v1 start odd", 6_18, E_V1_PHYS_START_MISALIGNED, NULL, NULL, v1_start_odd),
	R("v1 order 52", 6_18, E_V1_CHUNK_ORDER, NULL, NULL, v1_order_52),
	R("v1 variant info", 6_16, I_KHO_V1_VARIANT, NULL, NULL, NULL),
	R("v1 variant assumed", 6_18, W_KHO_V1_VARIANT_ASSUMED, NULL, NULL, v1_no_hint),
	R("v1 variant conflict", 6_16, E_KHO_V1_VARIANT_CONFLICT, NULL, NULL, v1_conflict),
	R("v1 cycle", 6_18, E_LIST_CYCLE, NULL, NULL, v1_cycle),
	R("v1 num_elms", 6_18, E_COUNT_EXCEEDS_CAPACITY, NULL, NULL, v1_num_elms),
	R("session cycle", 7_2, E_LIST_CYCLE, NULL, NULL, session_cycle),
	R("session count 52", 7_2, E_COUNT_EXCEEDS_CAPACITY, NULL, NULL, session_count_52),
	R("session count 0", 7_2, E_BLOCK_COUNT_ZERO, NULL, NULL, session_count_0),
	R("block not full", 7_2, W_BLOCK_NOT_FULL, NULL, NULL, block_not_full),
	R("vmalloc total", 7_2, E_VMALLOC_PAGE_COUNT, NULL, NULL, vm_total_pages),
	R("vmalloc after 0", 7_2, W_VMALLOC_LAYOUT, NULL, NULL, vm_after_zero),
	R("vmalloc flags", 7_2, W_VMALLOC_DESCRIPTOR, NULL, NULL, vm_flags),
	R("LUO blob small", 7_2, E_LUO_BLOB_SIZE, NULL, NULL, luo_blob_small),
	R("luo-v4", 7_2, E_LUO_UNKNOWN_VERSION, NULL, NULL, luo_v4),
	R("liveupdate_num 0", 7_2, W_LUO_NUM_ZERO, luo_num_zero, NULL, NULL),
	R("luo-session-v9", 7_0, E_LUO_FDT_NODE, NULL, NULL, luo_v1_session_compat),
	R("name unterminated", 7_2, E_NAME_UNTERMINATED, NULL, NULL, name_unterminated),
	R("name empty", 7_2, E_NAME_EMPTY, NULL, NULL, name_empty),
	R("session duplicate", 7_2, E_SESSION_DUPLICATE, NULL, NULL, session_dup),
	R("file count", 7_2, E_SESSION_FILE_COUNT, NULL, NULL, file_count_wrong),
	R("token duplicate", 7_2, E_TOKEN_DUPLICATE, NULL, NULL, token_dup),
	R("handler unknown", 7_2, E_FILE_UNKNOWN_HANDLER, NULL, NULL, handler_unknown),
	R("data duplicate", 7_2, E_FILE_DATA_DUPLICATE, NULL, NULL, data_dup),
	R("flb pgcnt 0", 7_2, E_FLB_INVALID, NULL, NULL, flb_pgcnt_0),
	R("flb duplicate", 7_2, E_FLB_DUPLICATE, NULL, NULL, flb_dup),
	R("flb count 0", 7_2, W_FLB_COUNT_ZERO, NULL, NULL, flb_count_0),
	R("flb count 64", 7_2, E_COUNT_EXCEEDS_CAPACITY, NULL, NULL, flb_count_big),
	R("seals", 7_2, E_MEMFD_SEALS, NULL, NULL, seals_bad),
	R("memfd flags", 7_2, W_MEMFD_FLAGS, NULL, NULL, memfd_flags),
	R("nr_folios 0", 7_2, E_MEMFD_DESCRIPTOR, NULL, NULL, nr_folios_zero),
	R("nr_folios 300", 7_2, E_MEMFD_ARRAY_TOO_SMALL, NULL, NULL, nr_folios_big),
	R("pfn 0", 7_2, W_FOLIO_PFN_ZERO, NULL, NULL, pfn_zero),
	R("pfn unpreserved", 7_2, E_FOLIO_NOT_PRESERVED, NULL, NULL, pfn_unpreserved),
	R("folio flags", 7_2, W_FOLIO_FLAGS, NULL, NULL, folio_flags),
	R("index order", 7_2, E_FOLIO_INDEX_ORDER, NULL, NULL, index_swap),
	R("size grow", 7_2, E_MEMFD_SIZE_MISMATCH, NULL, NULL, size_grow),
	R("folio duplicate", 7_2, E_FOLIO_DUPLICATE, NULL, NULL, folio_dup),
	R("folio array shared", 7_2, E_FOLIO_DUPLICATE, NULL, NULL, folio_array_shared),
	R("pos negative", 7_2, E_MEMFD_SIZE_LIMIT, NULL, NULL, pos_negative),
	R("memblock compat", 7_2, E_MEMBLOCK_INVALID, NULL, NULL, memblock_compat),
	R("metadata version", 7_2, W_METADATA_INVALID, NULL, NULL, metadata_version),
	R("unaccounted", 7_2, I_PRESERVED_UNACCOUNTED, NULL, unaccounted, NULL),
	R("model truncated", 7_2, W_MODEL_TRUNCATED, NULL, NULL, sessions_cap_1),
	R("profile", 7_2, I_RELEASE_PROFILE, NULL, NULL, NULL),
	R("memfd-v1 under luo-v5", 7_2, W_VERSION_MIX, NULL, NULL, memfd_v1_in_7_2),
	R("session duplicate pairwise", 7_2, E_SESSION_DUPLICATE, NULL, NULL, session_dup_pairwise),
	R("token duplicate pairwise", 7_2, E_TOKEN_DUPLICATE, NULL, NULL, token_dup_pairwise),
	R("scratch array outside", 7_2, W_SCRATCH_ARRAY_OUTSIDE, NULL, NULL, scratch_array_moved),
	R("folio order 11", 7_2, W_FOLIO_ORDER_LARGE, big_folio, NULL, NULL),
};

static bool covered[FINDING_CODE_COUNT];

static bool run_row(const struct row *r)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(r->profile);
	struct profile_versions v;
	bool ok;

	release_profile_versions(r->profile, &v);
	if (r->spec)
		r->spec(&spec);
	host_scenario_init(s, r->profile, 64 * SZ_1M);
	if (r->pre)
		r->pre(s);
	host_scenario_build(s, &spec);
	s->v1_hint = v.v1_variant;
	if (r->post)
		r->post(s);
	host_scenario_parse(s);
	ok = finding_list_has(&s->findings, r->code);
	if (!ok) {
		fprintf(stderr, "  row \"%s\": no %s; got:\n", r->name,
			finding_code_name(r->code));
		dump_findings(&s->findings);
	}
	covered[r->code] = covered[r->code] || ok;
	host_scenario_free(s);
	free(s);
	return ok;
}

/* Registered first so that it runs last (the harness walks backwards). */
/*
 * Codes only baton-inspect produces (it reads KHO debugfs, not the physical
 * view); tests/inspect/test-inspect.sh asserts each of them exactly.
 */
static const enum finding_code codes_of_inspect_live[] = {
	W_LIVE_BLOB_SIZE,
};

TEST(every_luo_code_is_produced)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(codes_of_inspect_live); i++)
		covered[codes_of_inspect_live[i]] = true;
#define CODE_SEEN(code, sev, text) \
	if (!covered[code]) CHECK_FAIL("code %s never produced", #code);
	LUO_FINDING_CODES(CODE_SEEN)
#undef CODE_SEEN
}

TEST(damaged_scenarios)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rows); i++)
		if (!run_row(&rows[i]))
			CHECK_FAIL("row %u \"%s\" failed", i, rows[i].name);
}

/* E_CHAIN_TOO_LONG: bounded measurement of a 5-node chain with max 3. */
TEST(chain_too_long)
{
	struct host_arena a;
	struct finding items[4];
	struct finding_list l;
	struct handover_access ha;
	enum chain_status st;
	phys_addr_t p[5];
	unsigned int i;

	CHECK(host_arena_init(&a, 0x100000000ULL, SZ_1M));
	for (i = 0; i < 5; i++)
		p[i] = host_arena_alloc(&a, 0);
	for (i = 0; i < 4; i++)
		abi_put_le64(host_arena_host(&a, p[i]), p[i + 1]);
	finding_list_init(&l, items, 4);
	handover_access_init(&ha, &a.view, &l);
	CHECK_EQ(chain_check(&ha, p[0], 0, 3, "test", &st), 3);
	CHECK_EQ(st, CHAIN_TOO_LONG);
	CHECK(finding_list_has(&l, E_CHAIN_TOO_LONG));
	covered[E_CHAIN_TOO_LONG] = true;
	CHECK_EQ(chain_check(&ha, p[0], 0, 5, "test", &st), 5);
	CHECK_EQ(st, CHAIN_OK);
	host_arena_free(&a);
}

/*
 * With the preserved index full, absence cannot be proven: no
 * E_POINTER_NOT_PRESERVED / E_FOLIO_NOT_PRESERVED false positives, only
 * W_PRESERVED_INDEX_FULL; the model is still complete.
 */
TEST(index_full_no_false_positives)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(PROFILE_7_2);

	CHECK(host_scenario_init(s, PROFILE_7_2, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	s->st.preserved_cap = 8;
	host_scenario_parse(s);
	if (s->findings.by_severity[FINDING_ERROR])
		dump_findings(&s->findings);
	CHECK(finding_list_has(&s->findings, W_PRESERVED_INDEX_FULL));
	CHECK(!finding_list_has(&s->findings, E_POINTER_NOT_PRESERVED));
	CHECK(!finding_list_has(&s->findings, E_FOLIO_NOT_PRESERVED));
	CHECK_EQ(s->findings.by_severity[FINDING_ERROR], 0);
	CHECK_EQ(s->m->session_count, 2);
	CHECK_EQ(s->m->memfd_count, 3);
	host_scenario_free(s);
	free(s);
}

/* The content-digest codes (luo/digest_check.c) on test_digest_util.h's scenario. */
static void digest_run_cover(struct host_scenario *s, enum finding_code code)
{
	struct digest_report r;

	dg_run(s, &r);
	if (!finding_list_has(&s->findings, code)) {
		dump_findings(&s->findings);
		CHECK_FAIL("%s not produced", finding_code_name(code));
	}
	covered[code] = true;
}

TEST(digest_codes)
{
	static const struct dg_entry e[] = {
		{ 0, 1, &dg_small, 1 }, { 1, 9, &dg_small, 0 },
	};
	struct host_scenario *s = dg_build(0);
	const struct model_memfd *md = &s->m->memfds[s->m->files[1].memfd];

	digest_run_cover(s, I_AGENT_MANIFEST_ABSENT);
	s->m->folios[md->folio_first].order = -1;
	digest_run_cover(s, W_MEMFD_DIGEST_UNREADABLE);
	dg_done(s);
	s = dg_build(make_manifest(e, 2, 2));
	digest_run_cover(s, E_MEMFD_DIGEST_MISMATCH);
	digest_run_cover(s, E_AGENT_FILE_MISSING);
	dg_done(s);
	s = dg_build(make_manifest(dg_all_files, 3, 1));
	digest_run_cover(s, I_AGENT_MANIFEST_FOREIGN);
	dg_done(s);
	make_manifest(dg_all_files, 3, 2);
	dg_manifest[AMF_HDR_TSC_PREPARE] ^= 1;
	s = dg_build(agent_manifest_size(MF_SESSIONS, 3));
	digest_run_cover(s, E_AGENT_MANIFEST_INVALID);
	dg_done(s);
}
