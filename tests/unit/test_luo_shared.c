// SPDX-License-Identifier: MIT
/*
 * Shared LUO structures (issue 18 items 4-8): handovers whose pointers make
 * many owners name one structure. Each structure is entered once, every
 * further reference is a finding, and the work done is asserted exactly
 * through handover_model.luo_work and the digest's bytes-read counter.
 */
#include "check.h"
#include "test_luo_util.h"
#include <luo/digest_check.h>
#include <luo/handover_fingerprint.h>
#include <libfdt.h>

static struct host_scenario *new_scenario(void)
{
	struct host_scenario *s = calloc(1, sizeof(*s));

	CHECK(s && host_scenario_init(s, PROFILE_7_2, 16 * SZ_1M));
	return s;
}

static void done(struct host_scenario *s)
{
	host_scenario_free(s);
	free(s);
}

static phys_addr_t luo_pa(struct host_scenario *s)
{
	u32 t;

	for (t = 0; t < s->b.subtree_count; t++)
		if (!strcmp(s->b.subtrees[t].name, KHO_SUBTREE_LUO))
			return s->b.subtrees[t].pa;
	return 0;
}

static u8 *at(struct host_scenario *s, phys_addr_t pa)
{
	return host_scenario_ptr(s, pa);
}

/* Session entry i, following the session blocks (51 entries each). */
static u8 *session(struct host_scenario *s, u32 i)
{
	phys_addr_t blk = abi_le64(at(s, luo_pa(s)) + 16);
	u32 cap = kho_block_capacity(sizeof(struct luo_session_ser));

	for (; i >= cap; i -= cap)
		blk = abi_le64(at(s, blk));
	return at(s, blk) + 16 + 80 * i;
}

/* File entry j of session i (63 entries per block). */
static u8 *file(struct host_scenario *s, u32 i, u32 j)
{
	phys_addr_t blk = abi_le64(session(s, i) + 64);
	u32 cap = kho_block_capacity(sizeof(struct luo_file_ser));

	for (; j >= cap; j -= cap)
		blk = abi_le64(at(s, blk));
	return at(s, blk) + 16 + 64 * j;
}

/* A page outside the preserved map (the arena's allocator, not hb_). */
static phys_addr_t unpreserved_page(struct host_scenario *s)
{
	return host_arena_alloc(&s->arena, 0);
}

static u32 count(struct host_scenario *s, enum finding_code code)
{
	return finding_list_count_code(&s->findings, code);
}

/* ---- item 4: file-block chains ------------------------------------------- */

#define SESSIONS	64
#define FILES		100	/* two file blocks: 63 + 37 */

static char names[SESSIONS][8];
static struct build_session many[SESSIONS];
static struct build_file hundred[FILES];

static const struct handover_spec *many_sessions(u32 files0, u32 files1)
{
	static struct handover_spec spec;
	u32 i;

	for (i = 0; i < FILES; i++)
		hundred[i] = (struct build_file){ .token = i + 1,
						  .memfd = &std_memfd_empty };
	for (i = 0; i < SESSIONS; i++) {
		snprintf(names[i], sizeof(names[i]), "s%02u", i);
		many[i] = (struct build_session){ names[i], hundred, 0 };
	}
	many[0].file_count = files0;
	many[1].file_count = files1;
	spec = std_spec(PROFILE_7_2);
	spec.sessions = many;
	spec.session_count = SESSIONS;
	return &spec;
}

/*
 * 64 sessions all listing session 0's two file blocks: the chain is walked
 * once (100 file entries), the other 63 references are E_BLOCK_SHARED.
 * Before: 64 walks, 6400 file entries, 100 E_FILE_DATA_DUPLICATE x 63.
 */
TEST(file_chain_shared_by_64_sessions)
{
	struct host_scenario *s = new_scenario();
	u32 i;

	CHECK(host_scenario_build(s, many_sessions(FILES, 0)));
	for (i = 1; i < SESSIONS; i++)
		memcpy(session(s, i) + 64, session(s, 0) + 64, 16);
	host_scenario_parse(s);
	CHECK_EQ(s->m->session_count, SESSIONS);
	CHECK_EQ(s->m->luo_work.blocks, 2 + 2);	/* session + file blocks */
	CHECK_EQ(s->m->luo_work.entries, SESSIONS + FILES);
	CHECK_EQ(s->m->luo_work.memfds, FILES);
	CHECK_EQ(s->m->file_count, FILES);
	CHECK_EQ(count(s, E_BLOCK_SHARED), SESSIONS - 1);
	CHECK_EQ(count(s, E_FILE_DATA_DUPLICATE), 0);
	CHECK_EQ(count(s, E_SESSION_FILE_COUNT), 0);
	CHECK_EQ(s->findings.by_severity[FINDING_ERROR], SESSIONS - 1);
	done(s);
}

/*
 * Session 1's chain joins session 0's at its second block: session 1's own
 * first block is walked, the joint is E_BLOCK_SHARED naming the block and
 * the block pointing at it.
 */
TEST(file_chain_joins_another_midway)
{
	struct host_scenario *s = new_scenario();
	phys_addr_t a2, b1;
	const struct finding *f;
	char want[128];
	u32 i;

	CHECK(host_scenario_build(s, many_sessions(FILES, 70)));
	a2 = abi_le64(at(s, abi_le64(session(s, 0) + 64)));
	b1 = abi_le64(session(s, 1) + 64);
	abi_put_le64(at(s, b1), a2);
	abi_put_le64(session(s, 1) + 72, 63 + 37);
	host_scenario_parse(s);
	CHECK_EQ(s->m->luo_work.blocks, 2 + 2 + 1);
	CHECK_EQ(s->m->luo_work.entries, SESSIONS + FILES + 63);
	CHECK_EQ(count(s, E_BLOCK_SHARED), 1);
	for (i = 0, f = NULL; i < s->findings.count; i++)
		if (s->items[i].code == E_BLOCK_SHARED)
			f = &s->items[i];
	CHECK(f && f->pa == a2);
	snprintf(want, sizeof(want),
		 "file blocks: block %#llx entered before, referenced again from %#llx",
		 (unsigned long long)a2, (unsigned long long)b1);
	CHECK_STR(f ? f->message : NULL, want);
	done(s);
}

/* ---- item 5: memfd descriptors and vmalloc chunks ------------------------ */

static const struct build_file one_small[] = {
	{ .token = 1, .memfd = &std_memfd_small },
};

/* Session 0: file 0 a 3-folio memfd, files 1..99 empty memfds. */
static const struct handover_spec *memfd_spec(void)
{
	const struct handover_spec *spec = many_sessions(FILES, 0);

	hundred[0] = one_small[0];
	return spec;
}

/* A copy of file 0's descriptor (and its chunk page) outside the map. */
static phys_addr_t outside_copy(struct host_scenario *s, bool chunk_too)
{
	phys_addr_t ser = abi_le64(file(s, 0, 0) + 48);
	phys_addr_t copy = unpreserved_page(s);

	memcpy(at(s, copy), at(s, ser), PAGE_SIZE);
	if (chunk_too) {
		phys_addr_t chunk = unpreserved_page(s);

		memcpy(at(s, chunk), at(s, abi_le64(at(s, ser) + 32)),
		       PAGE_SIZE);
		abi_put_le64(at(s, copy) + 32, chunk);
	}
	return copy;
}

/*
 * One descriptor (outside the map, so the claim bit never caught it) named
 * by all 100 files: decoded once, 99 E_FILE_DATA_DUPLICATE. Before: 100
 * decodes, 100 chunk walks.
 */
TEST(memfd_descriptor_named_by_100_files)
{
	struct host_scenario *s = new_scenario();
	phys_addr_t copy;
	u32 i;

	CHECK(host_scenario_build(s, memfd_spec()));
	copy = outside_copy(s, true);
	for (i = 0; i < FILES; i++)
		abi_put_le64(file(s, 0, i) + 48, copy);
	host_scenario_parse(s);
	CHECK_EQ(s->m->luo_work.memfds, 1);
	CHECK_EQ(s->m->luo_work.vmalloc_chunks, 1);
	CHECK_EQ(s->m->luo_work.vmalloc_pages, 1);
	CHECK_EQ(s->m->memfd_count, 1);
	CHECK_EQ(s->m->folio_count, 3);
	CHECK_EQ(count(s, E_FILE_DATA_DUPLICATE), FILES - 1);
	CHECK_EQ(count(s, E_FOLIO_DUPLICATE), 0);
	done(s);
}

/*
 * 100 distinct descriptors (copies outside the map) sharing one chunk
 * chain outside the map: the chain is entered once, 99 E_VMALLOC_SHARED.
 * Before: 100 chunk walks, 300 folio entries.
 */
TEST(vmalloc_chunk_shared_by_100_descriptors)
{
	struct host_scenario *s = new_scenario();
	phys_addr_t first;
	u32 i;

	CHECK(host_scenario_build(s, memfd_spec()));
	first = outside_copy(s, true);
	abi_put_le64(file(s, 0, 0) + 48, first);
	for (i = 1; i < FILES; i++) {
		phys_addr_t copy = unpreserved_page(s);

		memcpy(at(s, copy), at(s, first), PAGE_SIZE);
		abi_put_le64(file(s, 0, i) + 48, copy);
	}
	host_scenario_parse(s);
	CHECK_EQ(s->m->luo_work.memfds, FILES);
	CHECK_EQ(s->m->luo_work.vmalloc_chunks, 1);
	CHECK_EQ(s->m->luo_work.vmalloc_pages, 1);
	CHECK_EQ(s->m->folio_count, 3);
	CHECK_EQ(count(s, E_VMALLOC_SHARED), FILES - 1);
	CHECK_EQ(count(s, E_FOLIO_DUPLICATE), 0);
	done(s);
}

/* ---- item 6: digest amplification --------------------------------------- */

static const struct build_memfd memfd_64k = { .size = (64 * SZ_1K),
					      .folio_order = 4 };
static const struct build_file digest_files[] = {
	{ .token = 1, .memfd = &memfd_64k },
	{ .token = 2, .memfd = &memfd_64k },
};
static const struct build_session digest_sessions[] = {
	{ "digest", digest_files, 2 },
};

#define DUP_FOLIOS	256

/*
 * Folio entries beyond the preserved entries are not examined at all (the
 * folio budget): 300 more preserved pages, nobody's, make room for all 256.
 */
static void pre_spare_entries(struct host_scenario *s)
{
	u32 i;

	for (i = 0; i < 300; i++)
		hb_preserve(&s->b, hb_alloc_pages(&s->b, 0), 0);
}

/*
 * File 1's folio array rewritten to 256 folios all naming file 0's 64 KiB
 * folio (a 16 MiB file): E_FOLIO_DUPLICATE x 256, file 1 not digestible,
 * and every preserved byte read once: file 0's 64 KiB. Before: file 1 read
 * 256 x 64 KiB = 16 MiB more.
 */
TEST(duplicate_folios_digested_once)
{
	struct host_scenario *s = new_scenario();
	struct handover_spec spec = std_spec(PROFILE_7_2);
	static struct digest_file results[8];
	struct digest_report r = { .files = results, .files_cap = 8 };
	struct handover_fingerprint *fp = calloc(1, sizeof(*fp));
	phys_addr_t ser0, ser1;
	u8 *arr;
	u64 word0, i;

	spec.sessions = digest_sessions;
	spec.session_count = 1;
	pre_spare_entries(s);
	CHECK(host_scenario_build(s, &spec));
	ser0 = abi_le64(file(s, 0, 0) + 48);
	ser1 = abi_le64(file(s, 0, 1) + 48);
	word0 = abi_le64(at(s, abi_le64(at(s, abi_le64(at(s, ser0) + 32)) +
					8)));
	arr = at(s, abi_le64(at(s, abi_le64(at(s, ser1) + 32)) + 8));
	for (i = 0; i < DUP_FOLIOS; i++) {
		abi_put_le64(arr + 16 * i, word0);
		abi_put_le64(arr + 16 * i + 8, i << 4);
	}
	abi_put_le64(at(s, ser1) + 8, DUP_FOLIOS * (64 * SZ_1K));
	abi_put_le64(at(s, ser1) + 24, DUP_FOLIOS);
	host_scenario_parse(s);
	CHECK_EQ(count(s, E_FOLIO_DUPLICATE), DUP_FOLIOS);
	CHECK_EQ(s->m->folio_count, 1 + DUP_FOLIOS);
	digest_check(&s->arena.view, s->m, NULL, 0, &r, &s->findings);
	CHECK_EQ(r.files[0].status, DIGEST_UNCHECKED);
	CHECK_EQ(r.files[1].status, DIGEST_UNREADABLE);
	CHECK_EQ(r.bytes_read, 64 * SZ_1K);
	handover_fingerprint(&s->arena.view, s->m, NULL, 0, fp);
	CHECK_EQ(fp->memfd_count, 2);
	CHECK(fp->memfd[0].ok && !fp->memfd[1].ok);
	CHECK_EQ(fp->memfd_bytes_read, 64 * SZ_1K);
	free(fp);
	done(s);
}

/* ---- item 7: a descriptor inside a preserved range ----------------------- */

static phys_addr_t order1;

static void pre_order1(struct host_damage *d)
{
	order1 = hb_alloc_preserve(d->b, 2 * PAGE_SIZE);
}

/*
 * Two files whose data is the second page of one order-1 preserved range
 * (an empty memfd there): found by the address itself (E_FILE_DATA_DUPLICATE
 * for the second file) and, since kho_alloc_preserve() gives each
 * memfd_luo_ser a range of its own, E_POINTER_NOT_PRESERVED once. Before:
 * "handover OK". At the first page and at first page + second page of the
 * same range: the second file is E_FILE_DATA_DUPLICATE as well.
 */
TEST(memfd_data_inside_one_range)
{
	static const u64 offsets[][2] = {
		{ PAGE_SIZE, PAGE_SIZE }, { 0, 0 }, { 0, PAGE_SIZE },
	};
	static const u32 not_start[] = { 1, 0, 0 };
	struct handover_spec spec = std_spec(PROFILE_7_2);
	u32 k;

	for (k = 0; k < ARRAY_SIZE(offsets); k++) {
		struct host_scenario *s = new_scenario();
		struct host_damage d;

		host_scenario_damage(s, &d);
		pre_order1(&d);
		CHECK(host_scenario_build(s, &spec));
		/* files 0 and 2 of "alpha": an empty memfd-v2 is all zeros */
		abi_put_le64(file(s, 0, 0) + 48, order1 + offsets[k][0]);
		abi_put_le64(file(s, 0, 2) + 48, order1 + offsets[k][1]);
		host_scenario_parse(s);
		CHECK_EQ(count(s, E_FILE_DATA_DUPLICATE), 1);
		CHECK_EQ(count(s, E_POINTER_NOT_PRESERVED), not_start[k]);
		CHECK_EQ(s->m->luo_work.memfds, 1 + 1);	/* + file 1's */
		done(s);
	}
}

/* ---- item 8: a misaligned LUO sub-blob ----------------------------------- */

/*
 * The LUO pointer moved by 1, 2 and 4 bytes: E_POINTER_MISALIGNED before
 * any read (before: a UBSan "misaligned address" abort in fdt_magic()).
 */
TEST(luo_blob_misaligned)
{
	static const u64 shifts[] = { 1, 2, 4 };
	struct handover_spec spec = std_spec(PROFILE_7_2);
	u32 k;

	for (k = 0; k < ARRAY_SIZE(shifts); k++) {
		struct host_scenario *s = new_scenario();
		void *fdt;
		int node;
		u8 v[8];

		CHECK(host_scenario_build(s, &spec));
		fdt = at(s, s->b.fdt_pa);
		node = fdt_subnode_offset(fdt, 0, KHO_SUBTREE_LUO);
		abi_put_le64(v, luo_pa(s) + shifts[k]);
		CHECK_EQ(fdt_setprop_inplace(fdt, node, "preserved-data", v,
					     8), 0);
		host_scenario_parse(s);
		CHECK(finding_list_has(&s->findings, E_POINTER_MISALIGNED));
		CHECK_EQ(s->m->luo, LUO_VERSION_NONE);
		CHECK_EQ(s->m->session_count, 0);
		done(s);
	}
}

/* ---- session names: compared, not hashed -------------------------------- */

/*
 * Two different names with one 64-bit FNV-1a hash (0x50359e6ba5a382c4,
 * found by Brent's cycle search over 11-character names): no
 * E_SESSION_DUPLICATE, with and without the work storage. Before: the
 * sorted-hash check called them duplicates.
 */
TEST(session_names_colliding_hash)
{
	static const struct build_session colliding[] = {
		{ "LLwCZu4z3qH", NULL, 0 }, { "AuHH3scoLSF", NULL, 0 },
		{ "AuHH3scoLSF", NULL, 0 },
	};
	struct handover_spec spec = std_spec(PROFILE_7_2);
	u32 k;

	spec.sessions = colliding;
	for (k = 0; k < 4; k++) {
		struct host_scenario *s = new_scenario();

		spec.session_count = 2 + (k & 1);	/* k odd: a real duplicate */
		CHECK(host_scenario_build(s, &spec));
		if (k >= 2)
			s->st.work_cap = 0;		/* pairwise fallback */
		host_scenario_parse(s);
		CHECK_EQ(count(s, E_SESSION_DUPLICATE), k & 1);
		CHECK_EQ(s->findings.by_severity[FINDING_ERROR], k & 1);
		done(s);
	}
}
