// SPDX-License-Identifier: MIT
/*
 * Negative tests: every luo/ finding code is produced by at least one
 * damaged scenario below. Each row builds the standard scenario of a
 * profile, damages it, parses, and requires its code; the digest rows do the
 * same for the content-digest codes. every_luo_code_is_produced checks the
 * tables (every code is some row's requirement), so it stands alone: it
 * needs no other test to have run, and the row tests fail if a row does not
 * produce its code.
 */
#include "check.h"
#include "test_luo_util.h"
#include "test_digest_util.h"
#include <luo/page_list.h>
#include <libfdt.h>

struct row {
	const char *name;
	enum release_profile profile;
	enum finding_code code;
	void (*spec)(struct handover_spec *spec);	/* before building */
	host_damage_fn *pre;				/* before building */
	host_damage_fn *post;				/* after building */
};

/*
 * The damage mkhandover's corruptions share is
 * host/scenario/host_damage.c; below only what needs this harness (the
 * record's scratch array inside the arena, parser storage sizes, the v1
 * hint).
 */
static struct host_scenario *scn(struct host_damage *d)
{
	return d->owner;
}

/* ---- record, scratch ------------------------------------------------------ */

static void fdt_unbacked(struct host_damage *d) { d->rec->fdt_addr = HOST_DAMAGE_BAD_PA; }
static void fdt_misaligned(struct host_damage *d) { d->rec->fdt_addr += 4; }
static void record_short(struct host_damage *d) { d->rec->len = 16; }
static void scratch_size_odd(struct host_damage *d) { d->rec->scratch_size = 24; }

static u8 *scratch_arr(struct host_damage *d)
{
	return host_damage_ptr(d, d->rec->scratch_addr);
}

static void scratch_empty(struct host_damage *d) { abi_put_le64(scratch_arr(d) + 8, 0); }
static void scratch_misaligned(struct host_damage *d)
{
	abi_put_le64(scratch_arr(d) + 8, abi_le64(scratch_arr(d) + 8) - 0x800);
}
static void scratch_outside(struct host_damage *d) { abi_put_le64(scratch_arr(d), HOST_DAMAGE_BAD_PA); }
static void scratch_overlap(struct host_damage *d)
{
	abi_put_le64(scratch_arr(d) + 16, d->scratch + SZ_1M);
}

static void scratch_array_moved(struct host_damage *d)
{
	phys_addr_t pa = host_damage_spare_page(d);

	memcpy(host_damage_ptr(d, pa), scratch_arr(d), 32);
	d->rec->scratch_addr = pa;
}

/* ---- map -------------------------------------------------------------------- */

static void map_page_in_scratch(struct host_damage *d)
{
	phys_addr_t copy = d->scratch + 0x10000;
	u64 v = copy;

	memcpy(host_damage_ptr(d, copy), host_damage_ptr(d, d->b->radix_root),
	       PAGE_SIZE);
	CHECK_EQ(fdt_setprop_inplace(host_damage_ptr(d, d->b->fdt_pa), 0,
				     "preserved-memory-map", &v, 8), 0);
}

/* ---- parser storage and hints --------------------------------------------- */

static void index_tiny(struct host_damage *d) { scn(d)->st.preserved_cap = 4; }
/* room for 3 LUO structures: the session block, a file block, one memfd */
static void luo_visit_tiny(struct host_damage *d) { scn(d)->st.luo_visit_slots = 4; }

/* ---- LUO sharing ------------------------------------------------------------ */

static u8 *session_entry(struct host_damage *d, unsigned int i)
{
	u32 t;

	for (t = 0; t < d->b->subtree_count; t++)
		if (!strcmp(d->b->subtrees[t].name, KHO_SUBTREE_LUO))
			break;
	return host_damage_ptr(d, abi_le64(host_damage_ptr(d,
					d->b->subtrees[t].pa) + 16)) +
	       16 + 80 * i;
}

/* "beta" lists alpha's file blocks as its own */
static void files_shared(struct host_damage *d)
{
	memcpy(session_entry(d, 1) + 64, session_entry(d, 0) + 64, 16);
}
static void sessions_cap_1(struct host_damage *d) { scn(d)->st.sessions_cap = 1; }
static void folios_cap_1(struct host_damage *d) { scn(d)->st.folios_cap = 1; }
static void v1_no_hint(struct host_damage *d) { scn(d)->v1_hint = 0; }
static void v1_conflict(struct host_damage *d) { scn(d)->v1_hint = KHO_V1_BITMAP_4096; }

/* the same duplicates without work storage: the pairwise fallback */
static void session_dup_pairwise(struct host_damage *d)
{
	damage_session_dup(d);
	scn(d)->st.work_cap = 0;
}

static void token_dup_pairwise(struct host_damage *d)
{
	damage_token_dup(d);
	scn(d)->st.work_cap = 0;
}

/* ---- spec ------------------------------------------------------------------- */

static void luo_num_zero(struct handover_spec *spec) { spec->liveupdate_num = 0; }

static const struct build_memfd memfd_o11 = { .size = 8 * SZ_1M,
					      .folio_order = 11 };
static const struct build_file files_o11[] = { { .token = 5, .memfd = &memfd_o11 } };
static const struct build_session sessions_o11[] = { { "big", files_o11, 1 } };

static void big_folio(struct handover_spec *spec)
{
	spec->sessions = sessions_o11;
	spec->session_count = 1;
}

#define R(n, p, c, sp, pr, po) { n, PROFILE_##p, c, sp, pr, po }

static const struct row rows[] = {
	R("fdt unbacked", 7_2, E_POINTER_UNBACKED, NULL, NULL, fdt_unbacked),
	R("subtree unpreserved", 7_2, E_POINTER_NOT_PRESERVED, NULL, NULL, damage_subtree_unpreserved),
	R("fdt misaligned", 7_2, E_POINTER_MISALIGNED, NULL, NULL, fdt_misaligned),
	R("record short", 7_2, E_KHO_RECORD_SHORT, NULL, NULL, record_short),
	R("fdt_size small", 7_2, E_KHO_FDT_SIZE, NULL, NULL, damage_fdt_size_small),
	R("scratch size", 7_2, E_SCRATCH_SIZE, NULL, NULL, scratch_size_odd),
	R("scratch empty", 7_2, I_SCRATCH_AREA_EMPTY, NULL, NULL, scratch_empty),
	R("scratch misaligned", 7_2, E_SCRATCH_AREA_INVALID, NULL, NULL, scratch_misaligned),
	R("scratch outside", 7_2, E_SCRATCH_OUTSIDE_RAM, NULL, NULL, scratch_outside),
	R("scratch overlap", 7_2, E_SCRATCH_OVERLAP, NULL, NULL, scratch_overlap),
	R("fdt magic", 7_2, E_FDT_INTEGRITY, NULL, NULL, damage_fdt_bad_magic),
	R("fdt struct", 7_2, E_FDT_INTEGRITY, NULL, NULL, damage_fdt_struct_garbage),
	R("fdt too large", 7_2, E_FDT_TOO_LARGE, NULL, NULL, damage_fdt_too_large),
	R("kho-v9", 7_2, E_KHO_UNKNOWN_VERSION, NULL, NULL, damage_kho_unknown),
	R("kho-v4 info", 7_2, I_KHO_V3_OR_V4, NULL, NULL, NULL),
	R("mem map zero", 7_2, E_KHO_MEM_MAP_MISSING, NULL, NULL, damage_mem_map_zero),
	R("blob-size missing", 7_2, E_SUBTREE_PROP_MISSING, NULL, NULL, damage_blob_size_missing),
	R("subtree duplicate", 7_2, E_SUBTREE_DUPLICATE, NULL, NULL, damage_subtree_duplicate),
	R("subtree unknown", 7_2, I_SUBTREE_UNKNOWN, NULL, damage_subtree_unknown, NULL),
	R("radix index 7", 7_2, E_RADIX_INDEX_INVALID, NULL, NULL, damage_radix_index_invalid),
	R("radix order 52", 7_2, E_RADIX_ORDER_INVALID, NULL, NULL, damage_radix_order_invalid),
	R("table misaligned", 7_2, E_MAP_PAGE_MISALIGNED, NULL, NULL, damage_table_misaligned),
	R("table unbacked", 7_2, E_POINTER_UNBACKED, NULL, NULL, damage_table_unbacked),
	R("table shared", 7_2, E_MAP_PAGE_SHARED, NULL, NULL, damage_table_shared),
	R("map page preserved", 7_2, E_MAP_PAGE_IN_PRESERVED, NULL, damage_map_page_preserved, NULL),
	R("map page in scratch", 7_2, E_MAP_PAGE_IN_SCRATCH, NULL, NULL, map_page_in_scratch),
	R("v1 start unaligned", 6_18, E_PRESERVED_MISALIGNED, NULL, NULL, damage_v1_start_unaligned),
	R("preserved outside", 7_2, E_PRESERVED_OUTSIDE_RAM, NULL, damage_preserved_outside, NULL),
	R("preserved overlap", 7_2, E_PRESERVED_DUPLICATE, NULL, damage_preserved_overlap, NULL),
	R("preserved in scratch", 7_2, E_PRESERVED_IN_SCRATCH, NULL, damage_preserved_in_scratch, NULL),
	R("index full", 7_2, W_PRESERVED_INDEX_FULL, NULL, NULL, index_tiny),
	R("v1 bitmap misaligned", 6_18, E_V1_BITMAP_MISALIGNED, NULL, NULL, damage_v1_bitmap_misaligned),
	R("v1 start odd", 6_18, E_V1_PHYS_START_MISALIGNED, NULL, NULL, damage_v1_start_odd),
	R("v1 order 52", 6_18, E_V1_CHUNK_ORDER, NULL, NULL, damage_v1_order),
	R("v1 variant info", 6_16, I_KHO_V1_VARIANT, NULL, NULL, NULL),
	R("v1 variant assumed", 6_18, W_KHO_V1_VARIANT_ASSUMED, NULL, NULL, v1_no_hint),
	R("v1 variant conflict", 6_16, E_KHO_V1_VARIANT_CONFLICT, NULL, NULL, v1_conflict),
	R("v1 cycle", 6_18, E_LIST_CYCLE, NULL, NULL, damage_v1_cycle),
	R("v1 num_elms", 6_18, E_COUNT_EXCEEDS_CAPACITY, NULL, NULL, damage_v1_num_elms),
	R("session cycle", 7_2, E_LIST_CYCLE, NULL, NULL, damage_session_cycle),
	R("session count 52", 7_2, E_COUNT_EXCEEDS_CAPACITY, NULL, NULL, damage_session_count_big),
	R("session count 0", 7_2, E_BLOCK_COUNT_ZERO, NULL, NULL, damage_session_count_zero),
	R("block not full", 7_2, W_BLOCK_NOT_FULL, NULL, NULL, damage_block_not_full),
	R("vmalloc total", 7_2, E_VMALLOC_PAGE_COUNT, NULL, NULL, damage_vm_total_pages),
	R("vmalloc after 0", 7_2, W_VMALLOC_LAYOUT, NULL, NULL, damage_vm_after_zero),
	R("vmalloc flags", 7_2, W_VMALLOC_DESCRIPTOR, NULL, NULL, damage_vm_flags),
	R("LUO blob small", 7_2, E_LUO_BLOB_SIZE, NULL, NULL, damage_luo_blob_small),
	R("luo-v4", 7_2, E_LUO_UNKNOWN_VERSION, NULL, NULL, damage_luo_unknown),
	R("liveupdate_num 0", 7_2, W_LUO_NUM_ZERO, luo_num_zero, NULL, NULL),
	R("luo-session-v9", 7_0, E_LUO_FDT_NODE, NULL, NULL, damage_luo_v1_session_compat),
	R("name unterminated", 7_2, E_NAME_UNTERMINATED, NULL, NULL, damage_name_unterminated),
	R("name empty", 7_2, E_NAME_EMPTY, NULL, NULL, damage_name_empty),
	R("session duplicate", 7_2, E_SESSION_DUPLICATE, NULL, NULL, damage_session_dup),
	R("file count", 7_2, E_SESSION_FILE_COUNT, NULL, NULL, damage_file_count_wrong),
	R("token duplicate", 7_2, E_TOKEN_DUPLICATE, NULL, NULL, damage_token_dup),
	R("handler unknown", 7_2, E_FILE_UNKNOWN_HANDLER, NULL, NULL, damage_handler_unknown),
	R("data duplicate", 7_2, E_FILE_DATA_DUPLICATE, NULL, NULL, damage_data_dup),
	R("flb pgcnt 0", 7_2, E_FLB_INVALID, NULL, NULL, damage_flb_pgcnt_zero),
	R("flb duplicate", 7_2, E_FLB_DUPLICATE, NULL, NULL, damage_flb_dup),
	R("flb count 0", 7_2, W_FLB_COUNT_ZERO, NULL, NULL, damage_flb_count_zero),
	R("flb count 64", 7_2, E_COUNT_EXCEEDS_CAPACITY, NULL, NULL, damage_flb_count_big),
	R("seals", 7_2, E_MEMFD_SEALS, NULL, NULL, damage_seals_bad),
	R("memfd flags", 7_2, W_MEMFD_FLAGS, NULL, NULL, damage_memfd_flags),
	R("nr_folios 0", 7_2, E_MEMFD_DESCRIPTOR, NULL, NULL, damage_nr_folios_zero),
	R("nr_folios 300", 7_2, E_MEMFD_ARRAY_TOO_SMALL, NULL, NULL, damage_nr_folios_big),
	R("pfn 0", 7_2, W_FOLIO_PFN_ZERO, NULL, NULL, damage_pfn_zero),
	R("pfn unpreserved", 7_2, E_FOLIO_NOT_PRESERVED, NULL, NULL, damage_pfn_unpreserved),
	R("folio flags", 7_2, W_FOLIO_FLAGS, NULL, NULL, damage_folio_flags),
	R("index order", 7_2, E_FOLIO_INDEX_ORDER, NULL, NULL, damage_index_swap),
	R("size grow", 7_2, E_MEMFD_SIZE_MISMATCH, NULL, NULL, damage_size_grow),
	R("folio duplicate", 7_2, E_FOLIO_DUPLICATE, NULL, NULL, damage_folio_dup),
	R("folio array shared", 7_2, E_VMALLOC_SHARED, NULL, NULL, damage_folio_array_shared),
	R("file blocks shared", 7_2, E_BLOCK_SHARED, NULL, NULL, files_shared),
	R("luo visited set full", 7_2, E_NOT_VALIDATED, NULL, NULL, luo_visit_tiny),
	R("pos negative", 7_2, E_MEMFD_SIZE_LIMIT, NULL, NULL, damage_pos_negative),
	R("memblock compat", 7_2, E_MEMBLOCK_INVALID, NULL, NULL, damage_memblock_compat),
	R("metadata version", 7_2, W_METADATA_INVALID, NULL, NULL, damage_metadata_version),
	R("unaccounted", 7_2, I_PRESERVED_UNACCOUNTED, NULL, damage_unaccounted, NULL),
	R("sessions beyond model", 7_2, E_NOT_VALIDATED, NULL, NULL, sessions_cap_1),
	R("folios not stored", 7_2, W_MODEL_TRUNCATED, NULL, NULL, folios_cap_1),
	R("profile", 7_2, I_RELEASE_PROFILE, NULL, NULL, NULL),
	R("memfd-v1 under luo-v5", 7_2, W_VERSION_MIX, NULL, NULL, damage_memfd_v1_in_v5),
	R("session duplicate pairwise", 7_2, E_SESSION_DUPLICATE, NULL, NULL, session_dup_pairwise),
	R("token duplicate pairwise", 7_2, E_TOKEN_DUPLICATE, NULL, NULL, token_dup_pairwise),
	R("scratch array outside", 7_2, W_SCRATCH_ARRAY_OUTSIDE, NULL, NULL, scratch_array_moved),
	R("folio order 11", 7_2, W_FOLIO_ORDER_LARGE, big_folio, NULL, NULL),
};

static bool run_row(const struct row *r)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(r->profile);
	struct profile_versions v;
	struct host_damage d;
	bool ok;

	release_profile_versions(r->profile, &v);
	if (r->spec)
		r->spec(&spec);
	host_scenario_init(s, r->profile, 64 * SZ_1M);
	host_scenario_damage(s, &d);
	if (r->pre)
		r->pre(&d);
	host_scenario_build(s, &spec);
	s->v1_hint = v.v1_variant;
	if (r->post)
		r->post(&d);
	host_scenario_parse(s);
	if (d.failed)
		fprintf(stderr, "  row \"%s\": a libfdt edit failed\n", r->name);
	ok = !d.failed && finding_list_has(&s->findings, r->code);
	if (!ok) {
		fprintf(stderr, "  row \"%s\": no %s; got:\n", r->name,
			finding_code_name(r->code));
		dump_findings(&s->findings);
	}
	host_scenario_free(s);
	free(s);
	return ok;
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
	enum page_list_status st;
	phys_addr_t p[5];
	unsigned int i;

	CHECK(host_arena_init(&a, 0x100000000ULL, SZ_1M));
	for (i = 0; i < 5; i++)
		p[i] = host_arena_alloc(&a, 0);
	for (i = 0; i < 4; i++)
		abi_put_le64(host_arena_host(&a, p[i]), p[i + 1]);
	finding_list_init(&l, items, 4);
	handover_access_init(&ha, &a.view, &l);
	CHECK_EQ(page_list_check(&ha, p[0], 0, 3, "test", &st), 3);
	CHECK_EQ(st, PAGE_LIST_TOO_LONG);
	CHECK(finding_list_has(&l, E_CHAIN_TOO_LONG));
	CHECK_EQ(page_list_check(&ha, p[0], 0, 5, "test", &st), 5);
	CHECK_EQ(st, PAGE_LIST_OK);
	host_arena_free(&a);
}

/*
 * With the preserved index full, absence cannot be proven: no
 * E_POINTER_NOT_PRESERVED / E_FOLIO_NOT_PRESERVED false positives, only
 * W_PRESERVED_INDEX_FULL and the one E_NOT_VALIDATED saying what the
 * dropped entries were not checked for; the model is still complete.
 */
TEST(index_full_no_false_positives)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(PROFILE_7_2);

	CHECK(host_scenario_init(s, PROFILE_7_2, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	s->st.preserved_cap = 2;
	host_scenario_parse(s);
	if (s->findings.by_severity[FINDING_ERROR] != 1)
		dump_findings(&s->findings);
	CHECK(finding_list_has(&s->findings, W_PRESERVED_INDEX_FULL));
	CHECK(!finding_list_has(&s->findings, E_POINTER_NOT_PRESERVED));
	CHECK(!finding_list_has(&s->findings, E_FOLIO_NOT_PRESERVED));
	CHECK_EQ(finding_list_count_code(&s->findings, E_NOT_VALIDATED), 1);
	CHECK_EQ(s->findings.by_severity[FINDING_ERROR], 1);
	CHECK_EQ(s->m->session_count, 2);
	CHECK_EQ(s->m->memfd_count, 3);
	host_scenario_free(s);
	free(s);
}

/*
 * A run's claims need a bitmap once they stop being one interval (the
 * descriptors, arrays and folios of a small handover share order-0 runs
 * and are claimed out of address order). With the run storage exactly
 * full and no allocator there is no room for one: the parse says how many
 * claims it could not record (E_NOT_VALIDATED: duplicate use unchecked
 * for them), never passes over them.
 */
TEST(claims_without_room_are_not_validated)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(PROFILE_7_2);
	u64 runs;

	CHECK(host_scenario_init(s, PROFILE_7_2, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	s->st.grow = NULL;
	host_scenario_parse(s);
	CHECK_EQ(s->m->preserved.claims_lost, 0);
	CHECK(!finding_list_has(&s->findings, E_NOT_VALIDATED));
	runs = s->m->preserved.run_count;
	s->st.preserved_cap = runs;
	host_scenario_parse(s);
	if (!s->m->preserved.claims_lost)
		dump_findings(&s->findings);
	CHECK(s->m->preserved.claims_lost > 0);
	CHECK_EQ(s->m->preserved.run_count, runs);
	CHECK_EQ(s->m->preserved.dropped, 0);
	CHECK_EQ(finding_list_count_code(&s->findings, E_NOT_VALIDATED), 1);
	CHECK_EQ(s->findings.by_severity[FINDING_ERROR], 1);
	host_scenario_free(s);
	free(s);
}

/*
 * The content-digest codes (luo/digest_check.c) on test_digest_util.h's
 * scenario: a manifest (none, or as made below), then damage to the model.
 */
struct digest_row {
	const char *name;
	enum finding_code code;
	u64 (*manifest)(void);				/* its length */
	void (*damage)(struct host_scenario *s);	/* after parsing */
};

static u64 no_manifest(void) { return 0; }
static u64 manifest_all(void) { return make_manifest(dg_all_files, 3, 2); }
static u64 manifest_v1(void) { return make_manifest(dg_all_files, 3, 1); }

/* token 1 recorded with a wrong digest, token 9 not in the handover */
static u64 manifest_wrong(void)
{
	static const struct dg_entry e[] = {
		{ 0, 1, &dg_small, 1 }, { 1, 9, &dg_small, 0 },
	};

	return make_manifest(e, 2, 2);
}

/* changed after its checksum was computed */
static u64 manifest_damaged(void)
{
	make_manifest(dg_all_files, 3, 2);
	dg_manifest[AMF_HDR_TSC_PREPARE] ^= 1;
	return agent_manifest_size(MF_SESSIONS, 3);
}

static void folio_order_unknown(struct host_scenario *s)
{
	const struct model_memfd *md = &s->m->memfds[s->m->files[1].memfd];

	s->m->folios[md->folio_first].order = -1;
}

/* less work storage than the model has files: the lookup is not done */
static void lookup_storage_short(struct host_scenario *s) { s->m->work_cap = 1; }

static const struct digest_row digest_rows[] = {
	{ "manifest absent", I_AGENT_MANIFEST_ABSENT, no_manifest, NULL },
	{ "folio order unknown", W_MEMFD_DIGEST_UNREADABLE, no_manifest, folio_order_unknown },
	{ "digest wrong", E_MEMFD_DIGEST_MISMATCH, manifest_wrong, NULL },
	{ "file missing", E_AGENT_FILE_MISSING, manifest_wrong, NULL },
	{ "manifest v1", I_AGENT_MANIFEST_FOREIGN, manifest_v1, NULL },
	{ "manifest damaged", E_AGENT_MANIFEST_INVALID, manifest_damaged, NULL },
	{ "lookup storage short", E_NOT_VALIDATED, manifest_all, lookup_storage_short },
};

TEST(digest_codes)
{
	const struct digest_row *row;
	struct host_scenario *s;
	struct digest_report r;

	for (row = digest_rows; row < digest_rows + ARRAY_SIZE(digest_rows);
	     row++) {
		s = dg_build(row->manifest());
		if (row->damage)
			row->damage(s);
		dg_run(s, &r);
		if (!finding_list_has(&s->findings, row->code)) {
			dump_findings(&s->findings);
			CHECK_FAIL("digest row \"%s\": no %s", row->name,
				   finding_code_name(row->code));
		}
		dg_done(s);
	}
}

/*
 * Codes only baton-inspect produces (it reads KHO debugfs, not the physical
 * view); tests/inspect/test-inspect.sh asserts each of them exactly.
 */
static const enum finding_code codes_of_inspect_live[] = {
	W_LIVE_BLOB_SIZE,
};

/* Codes the single-purpose tests below require (each CHECKs its code). */
static const enum finding_code codes_of_tests_below[] = {
	E_CHAIN_TOO_LONG,	/* chain_too_long */
};

/* Codes of the ABI bridge; tests/unit/test_bridge.c asserts each exactly. */
static const enum finding_code codes_of_test_bridge[] = {
	E_BRIDGE_UNSUPPORTED,	/* unknown_handler_refused */
	E_BRIDGE_WRITE_FAILED,	/* out_of_pages */
	E_BRIDGE_MODEL_DIFF,	/* broken_*_caught */
};

TEST(every_luo_code_is_produced)
{
	bool covered[FINDING_CODE_COUNT] = { false };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rows); i++)
		covered[rows[i].code] = true;
	for (i = 0; i < ARRAY_SIZE(digest_rows); i++)
		covered[digest_rows[i].code] = true;
	for (i = 0; i < ARRAY_SIZE(codes_of_inspect_live); i++)
		covered[codes_of_inspect_live[i]] = true;
	for (i = 0; i < ARRAY_SIZE(codes_of_tests_below); i++)
		covered[codes_of_tests_below[i]] = true;
	for (i = 0; i < ARRAY_SIZE(codes_of_test_bridge); i++)
		covered[codes_of_test_bridge[i]] = true;
#define CODE_SEEN(code, sev, text) \
	if (!covered[code]) CHECK_FAIL("code %s is no row's requirement", #code);
	LUO_FINDING_CODES(CODE_SEEN)
#undef CODE_SEEN
}
