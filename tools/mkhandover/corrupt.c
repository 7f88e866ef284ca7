// SPDX-License-Identifier: MIT
/*
 * Named corruptions: each damages the built handover in one way a broken
 * old kernel (or a bit flip) could, so that baton must report one specific
 * finding code. They work on the corruption base scenario (docs/
 * mkhandover.md); mkhandover checks that the code really appears.
 */
#include <stdio.h>
#include <string.h>
#include "mkhandover.h"

/*
 * Recipes on the scenario; the damage to memory is
 * host/scenario/host_damage.c.
 */

static void luo_num_zero(struct mkh_scenario *sc) { sc->liveupdate_num = 0; }

static void folio_order_large(struct mkh_scenario *sc)
{
	sc->files[1].memfd.size = 8 * SZ_1M;
	sc->files[1].memfd.folio_order = 11;
}

/* ---- the table ---------------------------------------------------------------- */

#define C(n, p, c, sp, pr, po, w) \
	{ n, PROFILE_##p, c, { 0 }, 0, w, sp, pr, po }
/* with the codes baton's memory model adds (<baton/finding_codes_mm.h>) */
#define CX(n, p, c, sp, pr, po, w, ...) \
	{ n, PROFILE_##p, c, { __VA_ARGS__ }, \
	  sizeof((enum finding_code[]){ __VA_ARGS__ }) / \
	  sizeof(enum finding_code), w, sp, pr, po }

static const struct mkh_corruption table[] = {
	C("fdt-size-small", 7_2, E_KHO_FDT_SIZE, NULL, NULL, damage_fdt_size_small,
	  "kho-fdt SIZE 0x40, below the FDT's totalsize"),
	C("fdt-bad-magic", 7_2, E_FDT_INTEGRITY, NULL, NULL, damage_fdt_bad_magic,
	  "root FDT magic cleared"),
	C("fdt-struct-garbage", 7_2, E_FDT_INTEGRITY, NULL, NULL, damage_fdt_struct_garbage,
	  "8 bytes of the root FDT's structure block overwritten"),
	CX("fdt-too-large", 7_2, E_FDT_TOO_LARGE, NULL, NULL, damage_fdt_too_large,
	   "FDT totalsize 5000 in an 8 KiB kho-fdt",
	   E_MM_MAP_PAGE_OVERLAPS_PRESERVED),
	C("kho-unknown-version", 7_2, E_KHO_UNKNOWN_VERSION, NULL, NULL, damage_kho_unknown,
	  "root compatible \"kho-v9\""),
	C("mem-map-zero", 7_2, E_KHO_MEM_MAP_MISSING, NULL, NULL, damage_mem_map_zero,
	  "preserved-memory-map = 0"),
	C("subtree-prop-missing", 7_2, E_SUBTREE_PROP_MISSING, NULL, NULL, damage_blob_size_missing,
	  "memblock's blob-size deleted"),
	C("subtree-duplicate", 7_2, E_SUBTREE_DUPLICATE, NULL, NULL, damage_subtree_duplicate,
	  "memblock sub-blob renamed \"LUO\""),
	C("subtree-unknown", 7_2, I_SUBTREE_UNKNOWN, NULL, damage_subtree_unknown, NULL,
	  "an extra preserved sub-blob \"vendor-blob\""),
	C("subtree-unpreserved", 7_2, E_POINTER_NOT_PRESERVED, NULL, NULL, damage_subtree_unpreserved,
	  "kexec-metadata points at a page the map does not list"),
	C("subtree-unbacked", 7_2, E_POINTER_UNBACKED, NULL, NULL, damage_subtree_unbacked,
	  "kexec-metadata points at 448 GiB (no RAM)"),
	C("radix-index-invalid", 7_2, E_RADIX_INDEX_INVALID, NULL, NULL, damage_radix_index_invalid,
	  "radix root slot 7 used (beyond the key space)"),
	CX("radix-order-invalid", 7_2, E_RADIX_ORDER_INVALID, NULL, NULL, damage_radix_order_invalid,
	   "a radix key that decodes to order >= 52",
	   E_MM_PRESERVED_OUTSIDE_RAM),
	C("map-page-misaligned", 7_2, E_MAP_PAGE_MISALIGNED, NULL, NULL, damage_table_misaligned,
	  "radix table pointer + 0x10"),
	C("map-page-unbacked", 7_2, E_POINTER_UNBACKED, NULL, NULL, damage_table_unbacked,
	  "radix table pointer to 448 GiB"),
	C("map-page-shared", 7_2, E_MAP_PAGE_SHARED, NULL, NULL, damage_table_shared,
	  "two radix root slots share one table"),
	CX("map-page-preserved", 7_2, E_MAP_PAGE_IN_PRESERVED, NULL, damage_map_page_preserved, NULL,
	   "the radix root page is itself preserved",
	   E_MM_MAP_PAGE_OVERLAPS_PRESERVED),
	CX("preserved-outside-ram", 7_2, E_PRESERVED_OUTSIDE_RAM, NULL, damage_preserved_outside, NULL,
	   "a preserved page at 448 GiB",
	   E_MM_PRESERVED_OUTSIDE_RAM),
	CX("preserved-overlap", 7_2, E_PRESERVED_DUPLICATE, NULL, damage_preserved_overlap, NULL,
	   "an order-9 range over already preserved pages",
	   E_MM_MAP_PAGE_OVERLAPS_PRESERVED, W_MM_PRESERVED_OVERLAP),
	CX("preserved-in-scratch", 7_2, E_PRESERVED_IN_SCRATCH, NULL, damage_preserved_in_scratch, NULL,
	   "a preserved page inside scratch area 0",
	   E_MM_PRESERVED_IN_SCRATCH),
	C("preserved-unaccounted", 7_2, I_PRESERVED_UNACCOUNTED, NULL, damage_unaccounted, NULL,
	  "a preserved page no structure references"),
	C("v1-start-unaligned", 6_18, E_PRESERVED_MISALIGNED, NULL, NULL, damage_v1_start_unaligned,
	  "kho-v1 chunk phys_start + 0x800"),
	C("v1-bitmap-misaligned", 6_18, E_V1_BITMAP_MISALIGNED, NULL, NULL, damage_v1_bitmap_misaligned,
	  "kho-v1 bitmap pointer + 0x100"),
	CX("v1-phys-start", 6_18, E_V1_PHYS_START_MISALIGNED, NULL, NULL, damage_v1_start_odd,
	   "kho-v1 phys_start + 1 MiB",
	   W_MM_PRESERVED_OVERLAP),
	C("v1-chunk-order", 6_18, E_V1_CHUNK_ORDER, NULL, NULL, damage_v1_order,
	  "kho-v1 chunk order 52"),
	C("v1-cycle", 6_18, E_LIST_CYCLE, NULL, NULL, damage_v1_cycle,
	  "kho-v1 chunk list points at itself"),
	C("v1-num-elms", 6_18, E_COUNT_EXCEEDS_CAPACITY, NULL, NULL, damage_v1_num_elms,
	  "kho-v1 chunk num_elms 256"),
	C("session-cycle", 7_2, E_LIST_CYCLE, NULL, NULL, damage_session_cycle,
	  "session kho_block chain points at itself"),
	C("session-chain-long", 7_2, E_CHAIN_TOO_LONG, NULL, NULL, damage_session_chain_long,
	  "10001 more nodes after the first session block"),
	C("session-count-big", 7_2, E_COUNT_EXCEEDS_CAPACITY, NULL, NULL, damage_session_count_big,
	  "session block count 52 (capacity 51)"),
	C("session-count-zero", 7_2, E_BLOCK_COUNT_ZERO, NULL, NULL, damage_session_count_zero,
	  "session block count 0"),
	C("block-not-full", 7_2, W_BLOCK_NOT_FULL, NULL, NULL, damage_block_not_full,
	  "a second session block after a non-full first"),
	C("vmalloc-total-pages", 7_2, E_VMALLOC_PAGE_COUNT, NULL, NULL, damage_vm_total_pages,
	  "folio array kho_vmalloc total_pages 7"),
	C("vmalloc-layout", 7_2, W_VMALLOC_LAYOUT, NULL, NULL, damage_vm_after_zero,
	  "a page pointer after the chunk's terminating 0"),
	C("vmalloc-flags", 7_2, W_VMALLOC_DESCRIPTOR, NULL, NULL, damage_vm_flags,
	  "kho_vmalloc flags 0x5"),
	C("luo-blob-small", 7_2, E_LUO_BLOB_SIZE, NULL, NULL, damage_luo_blob_small,
	  "LUO blob-size 16"),
	C("luo-unknown-version", 7_2, E_LUO_UNKNOWN_VERSION, NULL, NULL, damage_luo_unknown,
	  "LUO compatible \"luo-v4\""),
	C("luo-num-zero", 7_2, W_LUO_NUM_ZERO, luo_num_zero, NULL, NULL,
	  "liveupdate_num 0"),
	C("luo-fdt-node", 7_0, E_LUO_FDT_NODE, NULL, NULL, damage_luo_v1_session_compat,
	  "luo-v1 luo-session compatible \"luo-session-v9\""),
	C("name-unterminated", 7_2, E_NAME_UNTERMINATED, NULL, NULL, damage_name_unterminated,
	  "session name of 64 non-NUL bytes"),
	C("name-empty", 7_2, E_NAME_EMPTY, NULL, NULL, damage_name_empty,
	  "session name \"\""),
	C("session-duplicate", 7_2, E_SESSION_DUPLICATE, NULL, NULL, damage_session_dup,
	  "two sessions named \"alpha\""),
	C("session-file-count", 7_2, E_SESSION_FILE_COUNT, NULL, NULL, damage_file_count_wrong,
	  "session count 5 for 3 files"),
	C("token-duplicate", 7_2, E_TOKEN_DUPLICATE, NULL, NULL, damage_token_dup,
	  "two files with token 0x1001"),
	C("handler-unknown", 7_2, E_FILE_UNKNOWN_HANDLER, NULL, NULL, damage_handler_unknown,
	  "file compatible \"foo-v1\""),
	C("data-duplicate", 7_2, E_FILE_DATA_DUPLICATE, NULL, NULL, damage_data_dup,
	  "two files share one memfd_luo_ser"),
	C("version-mix", 7_2, W_VERSION_MIX, NULL, NULL, damage_memfd_v1_in_v5,
	  "a memfd-v1 file under luo-v5"),
	C("flb-misaligned", 7_2, E_POINTER_MISALIGNED, NULL, NULL, damage_flb_misaligned,
	  "FLB page pointer + 8"),
	C("flb-invalid", 7_2, E_FLB_INVALID, NULL, NULL, damage_flb_pgcnt_zero,
	  "FLB header pgcnt 0"),
	C("flb-duplicate", 7_2, E_FLB_DUPLICATE, NULL, NULL, damage_flb_dup,
	  "two FLBs with one name"),
	C("flb-count-zero", 7_2, W_FLB_COUNT_ZERO, NULL, NULL, damage_flb_count_zero,
	  "FLB reference count 0"),
	C("flb-count-big", 7_2, E_COUNT_EXCEEDS_CAPACITY, NULL, NULL, damage_flb_count_big,
	  "FLB header count 64 (capacity 63)"),
	C("memfd-seals", 7_2, E_MEMFD_SEALS, NULL, NULL, damage_seals_bad,
	  "memfd seals 0x40"),
	C("memfd-flags", 7_2, W_MEMFD_FLAGS, NULL, NULL, damage_memfd_flags,
	  "memfd reserved flags 0x1"),
	C("memfd-descriptor", 7_2, E_MEMFD_DESCRIPTOR, NULL, NULL, damage_nr_folios_zero,
	  "memfd nr_folios 0 with a folio array"),
	C("memfd-array-small", 7_2, E_MEMFD_ARRAY_TOO_SMALL, NULL, NULL, damage_nr_folios_big,
	  "memfd nr_folios 300 (array holds 3)"),
	C("folio-pfn-zero", 7_2, W_FOLIO_PFN_ZERO, NULL, NULL, damage_pfn_zero,
	  "folio entry pfn 0"),
	C("folio-unpreserved", 7_2, E_FOLIO_NOT_PRESERVED, NULL, NULL, damage_pfn_unpreserved,
	  "folio entry pointing at an unpreserved page"),
	C("folio-flags", 7_2, W_FOLIO_FLAGS, NULL, NULL, damage_folio_flags,
	  "folio flags 0x7"),
	C("folio-index-order", 7_2, E_FOLIO_INDEX_ORDER, NULL, NULL, damage_index_swap,
	  "folio indices 1, 0"),
	C("memfd-size-mismatch", 7_2, E_MEMFD_SIZE_MISMATCH, NULL, NULL, damage_size_grow,
	  "memfd size 20 KiB, folios cover 12 KiB"),
	C("folio-duplicate", 7_2, E_FOLIO_DUPLICATE, NULL, NULL, damage_folio_dup,
	  "two folio entries with one pfn"),
	C("memfd-size-limit", 7_2, E_MEMFD_SIZE_LIMIT, NULL, NULL, damage_pos_negative,
	  "memfd pos 2^64-1"),
	C("folio-order-large", 7_2, W_FOLIO_ORDER_LARGE, folio_order_large, NULL, NULL,
	  "an 8 MiB memfd of one order-11 folio"),
	C("memblock-invalid", 7_2, E_MEMBLOCK_INVALID, NULL, NULL, damage_memblock_compat,
	  "memblock compatible \"memblock-v9\""),
	C("metadata-invalid", 7_2, W_METADATA_INVALID, NULL, NULL, damage_metadata_version,
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
