// SPDX-License-Identifier: MIT
/*
 * Handover amendment and fingerprints: a Linux 7.2 handover gets baton's
 * subtree and preserved pages through a path-copied map, a kho-v1 one
 * (both bitmap sizes) through a new head chunk; the original bytes stay
 * untouched, the re-parse is clean and sees exactly the old entries plus
 * the added pages, and the fingerprints of the amended handover
 * (additions excluded) equal the original's. A dropped entry and a
 * changed memfd byte are detected.
 */
#include <libfdt.h>
#include "check.h"
#include "test_luo_util.h"
#include <luo/handover_fingerprint.h>
#include <luo/abi.h>
#include <luo/kho_amend.h>

#define BLOB_PAGES	2
#define BLOB_LEN	5000

struct fixture {
	struct host_scenario *s;
	struct preserved_index old_idx;
	struct handover_fingerprint old_fp;
	u8 *before;			/* arena bytes before amending */
	u64 before_len;
	phys_addr_t fdt_pa, blob_pa;
	u64 blob_size;			/* kho-v1: the wrapper's totalsize */
	struct kho_amend_range add[2];
};

static void *alloc_page(void *ctx, phys_addr_t *pa)
{
	struct host_scenario *s = ctx;

	*pa = host_arena_alloc(&s->arena, 0);
	return *pa ? host_scenario_ptr(s, *pa) : NULL;
}

/* hint: the kho-v1 bitmap size the parser is told (UNKNOWN: detect). */
static void setup_profile(struct fixture *fx, enum release_profile profile,
			  enum kho_v1_variant hint)
{
	struct handover_spec spec = std_spec(profile);
	struct host_scenario *s = calloc(1, sizeof(*s));
	const struct preserved_index *idx;
	u8 blob[BLOB_LEN];

	memset(fx, 0, sizeof(*fx));
	fx->s = s;
	CHECK(host_scenario_init(s, profile, 64 * SZ_1M));
	s->v1_hint = hint;
	CHECK(host_scenario_build(s, &spec));
	host_scenario_parse(s);
	CHECK_EQ(serious_findings(&s->findings), 0);
	idx = &s->m->preserved;
	preserved_index_copy(&fx->old_idx, idx,
			     malloc(idx->run_count * sizeof(*idx->runs) + 1));
	handover_fingerprint(&s->arena.view, s->m, NULL, 0, &fx->old_fp);
	fx->before_len = s->arena.next;
	fx->before = malloc(fx->before_len);
	memcpy(fx->before, s->arena.mem, fx->before_len);
	fx->fdt_pa = host_arena_alloc(&s->arena, 0);
	fx->blob_pa = host_arena_alloc(&s->arena, 1);
	memset(blob, 0x5a, sizeof(blob));
	fx->blob_size = BLOB_LEN;
	if (s->m->kho == KHO_VERSION_V1)
		CHECK(kho_v1_report_wrap(host_scenario_ptr(s, fx->blob_pa),
					 BLOB_PAGES * PAGE_SIZE, blob,
					 BLOB_LEN, &fx->blob_size) != NULL);
	else
		memcpy(host_scenario_ptr(s, fx->blob_pa), blob, BLOB_LEN);
	fx->add[0] = (struct kho_amend_range){ fx->fdt_pa, PAGE_SIZE };
	fx->add[1] = (struct kho_amend_range){ fx->blob_pa,
					       BLOB_PAGES * PAGE_SIZE };
}

static void setup(struct fixture *fx)
{
	setup_profile(fx, PROFILE_7_2, KHO_V1_VARIANT_UNKNOWN);
}

static void teardown(struct fixture *fx)
{
	host_scenario_free(fx->s);
	free(fx->s);
	free(fx->old_idx.runs);
	free(fx->before);
}

static bool amend(struct fixture *fx, phys_addr_t fdt_pa, const u64 *drop,
		  u32 drop_count, struct kho_amend_result *res)
{
	struct host_scenario *s = fx->s;
	struct kho_amend_request req = {
		.view = &s->arena.view,
		.fdt_pa = fdt_pa, .fdt_size = PAGE_SIZE,
		.new_fdt = host_scenario_ptr(s, fx->fdt_pa),
		.name = "baton", .blob_pa = fx->blob_pa,
		.blob_size = fx->blob_size,
		.v1_variant = s->m->v1_variant,
		.add = fx->add, .add_count = 2,
		.drop = drop, .drop_count = drop_count,
		.alloc = { alloc_page, s },
	};

	return kho_amend(&req, res);
}

/* Re-parses with the KHO record pointing at the new FDT. */
static void reparse(struct fixture *fx)
{
	fx->s->rec.fdt_addr = fx->fdt_pa;
	host_scenario_parse(fx->s);
}

TEST(radix_keys_match_the_abi_examples)
{
	CHECK_EQ(kho_radix_key(0x1000, 0), 0x0010000000000001ULL);
	CHECK_EQ(kho_radix_key(0x7f5a3000, 0), 0x001000000007f5a3ULL);
	CHECK_EQ(kho_radix_key(0x200000, 9), 0x0000080000000001ULL);
	CHECK_EQ(kho_radix_key(0x40000000, 18), 0x0000000400000001ULL);
}

TEST(amended_handover_keeps_everything_and_adds_the_subtree)
{
	struct fixture fx;
	struct kho_amend_result res;
	struct kho_amend_diff diff;
	struct handover_fingerprint fp;
	const struct model_subtree *t;
	const void *fdt;
	u32 i;

	setup(&fx);
	CHECK(amend(&fx, fx.s->rec.fdt_addr, NULL, 0, &res));
	CHECK_STR(res.error, "");
	CHECK_EQ(res.added, 3);
	CHECK(!res.replaced);
	CHECK(res.map_root != res.old_map_root);
	CHECK(res.page_count >= 2 && res.page_count <= 6);
	/* nothing of the original handover was written */
	CHECK_MEM(fx.s->arena.mem, fx.before, fx.before_len);
	/* baton's node comes first, as kho_add_subtree would put it */
	fdt = host_scenario_ptr(fx.s, fx.fdt_pa);
	CHECK_EQ(fdt_totalsize(fdt), res.fdt_totalsize);
	CHECK_STR(fdt_get_name(fdt, fdt_first_subnode(fdt, 0), NULL), "baton");

	reparse(&fx);
	if (serious_findings(&fx.s->findings))
		dump_findings(&fx.s->findings);
	CHECK_EQ(serious_findings(&fx.s->findings), 0);
	CHECK_EQ(fx.s->m->mem_map, res.map_root);
	CHECK_EQ(fx.s->m->preserved.count, fx.old_idx.count + 3);
	t = model_find_subtree(fx.s->m, "baton");
	CHECK(t != NULL);
	if (t) {
		CHECK_EQ(t->pa, fx.blob_pa);
		CHECK_EQ(t->size, 5000);
	}
	/* the new tree pages are map pages of the new handover */
	for (i = 0; i < res.page_count; i++) {
		bool found = false;
		u64 j;

		for (j = 0; j < fx.s->m->map_page_count; j++)
			found |= fx.s->m->map_pages[j] == res.pages[i];
		CHECK(found);
	}
	kho_amend_compare(&fx.old_idx, &fx.s->m->preserved, fx.add, 2, &diff);
	CHECK_EQ(diff.missing, 0);
	CHECK_EQ(diff.extra, 0);
	CHECK_EQ(diff.added, 3);

	handover_fingerprint(&fx.s->arena.view, fx.s->m, fx.add, 2, &fp);
	CHECK(fp.present && fx.old_fp.present);
	CHECK_EQ(fp.kho_fdt, fx.old_fp.kho_fdt);
	CHECK_EQ(fp.kho_fdt_bytes, fx.old_fp.kho_fdt_bytes);
	CHECK_EQ(fp.preserved, fx.old_fp.preserved);
	CHECK_EQ(fp.preserved_entries, fx.old_idx.count);
	CHECK(fp.preserved_complete);
	CHECK_EQ(fp.luo, fx.old_fp.luo);
	CHECK_EQ(fp.memfd_count, fx.old_fp.memfd_count);
	CHECK(fp.memfd_count >= 2);
	for (i = 0; i < fp.memfd_count && i < FINGERPRINT_MEMFD_MAX; i++) {
		CHECK(fp.memfd[i].ok);
		CHECK_EQ(fp.memfd[i].crc, fx.old_fp.memfd[i].crc);
		CHECK_EQ(fp.memfd[i].token, fx.old_fp.memfd[i].token);
	}
	/* without the exclusions the additions show */
	handover_fingerprint(&fx.s->arena.view, fx.s->m, NULL, 0, &fp);
	CHECK(fp.preserved != fx.old_fp.preserved);
	CHECK_EQ(fp.preserved_entries, fx.old_idx.count + 3);
	teardown(&fx);
}

TEST(second_amendment_repoints_the_subtree)
{
	struct fixture fx;
	struct kho_amend_result res;
	struct handover_fingerprint fp;
	phys_addr_t first_fdt;

	setup(&fx);
	CHECK(amend(&fx, fx.s->rec.fdt_addr, NULL, 0, &res));
	first_fdt = fx.fdt_pa;
	fx.fdt_pa = host_arena_alloc(&fx.s->arena, 0);
	fx.add[0].pa = fx.fdt_pa;
	CHECK(amend(&fx, first_fdt, NULL, 0, &res));
	CHECK(res.replaced);
	reparse(&fx);
	CHECK_EQ(serious_findings(&fx.s->findings), 0);
	handover_fingerprint(&fx.s->arena.view, fx.s->m, NULL, 0, &fp);
	CHECK_EQ(fp.kho_fdt, fx.old_fp.kho_fdt);
	teardown(&fx);
}

TEST(dropped_entry_is_missing_and_changes_the_digest)
{
	struct fixture fx;
	struct kho_amend_result res;
	struct kho_amend_diff diff;
	struct handover_fingerprint fp;
	u64 victim;

	setup(&fx);
	victim = preserved_index_last(&fx.old_idx);
	CHECK(amend(&fx, fx.s->rec.fdt_addr, &victim, 1, &res));
	CHECK_EQ(res.dropped, 1);
	CHECK_MEM(fx.s->arena.mem, fx.before, fx.before_len);
	reparse(&fx);
	kho_amend_compare(&fx.old_idx, &fx.s->m->preserved, fx.add, 2, &diff);
	CHECK_EQ(diff.missing, 1);
	CHECK_EQ(diff.first_missing, victim);
	CHECK_EQ(diff.extra, 0);
	handover_fingerprint(&fx.s->arena.view, fx.s->m, fx.add, 2, &fp);
	CHECK(fp.preserved != fx.old_fp.preserved);
	CHECK_EQ(fp.preserved_entries, fx.old_idx.count - 1);
	teardown(&fx);
}

TEST(changed_memfd_byte_changes_only_that_digest)
{
	struct fixture fx;
	struct handover_fingerprint fp;
	const struct handover_model *m;
	const struct model_memfd *f;
	u8 *byte;

	setup(&fx);
	m = fx.s->m;
	f = &m->memfds[0];
	CHECK(f->folio_count > 0);
	byte = host_scenario_ptr(fx.s, model_memfd_folios(m, f)[0].pfn
					       << PAGE_SHIFT);
	*byte ^= 1;
	handover_fingerprint(&fx.s->arena.view, m, NULL, 0, &fp);
	CHECK_EQ(fp.kho_fdt, fx.old_fp.kho_fdt);
	CHECK_EQ(fp.preserved, fx.old_fp.preserved);
	CHECK_EQ(fp.luo, fx.old_fp.luo);
	CHECK(fp.memfd[0].crc != fx.old_fp.memfd[0].crc);
	CHECK_EQ(fp.memfd[1].crc, fx.old_fp.memfd[1].crc);
	teardown(&fx);
}

/*
 * The LUO digest feeds a memfd's folios as runs: every field of any folio
 * still counts (a moved, re-ordered, re-flagged or re-indexed folio in the
 * middle of a run changes it), and putting it back restores it.
 */
TEST(changed_folio_record_changes_the_luo_digest)
{
	struct fixture fx;
	struct handover_fingerprint fp;
	struct model_folio *fo, saved;
	const struct model_memfd *f = NULL;
	u32 i, k, field;

	setup(&fx);
	for (i = 0; i < fx.s->m->memfd_count && !f; i++)
		if (fx.s->m->memfds[i].folio_count >= 3)
			f = &fx.s->m->memfds[i];
	CHECK(f != NULL);
	if (!f) {
		teardown(&fx);
		return;
	}
	k = f->folio_count / 2;
	fo = (struct model_folio *)&model_memfd_folios(fx.s->m, f)[k];
	saved = *fo;
	for (field = 0; field < 4; field++) {
		*fo = saved;
		switch (field) {
		case 0: fo->pfn += 1ULL << saved.order; break;
		case 1: fo->index += 1ULL << saved.order; break;
		case 2: fo->flags ^= 1; break;
		default: fo->order = (s8)(saved.order + 1); break;
		}
		handover_fingerprint(&fx.s->arena.view, fx.s->m, NULL, 0, &fp);
		if (fp.luo == fx.old_fp.luo)
			CHECK_FAIL("folio %u field %u changed, LUO digest did not", k,
				   field);
	}
	*fo = saved;
	handover_fingerprint(&fx.s->arena.view, fx.s->m, NULL, 0, &fp);
	CHECK_EQ(fp.luo, fx.old_fp.luo);
	teardown(&fx);
}

static bool known_crc(void *ctx, u32 file, u32 *crc)
{
	if (file != *(u32 *)ctx)
		return false;
	*crc = 0x12345678;
	return true;
}

/* Digests from an earlier phase are taken as they are, the rest computed. */
TEST(memfd_digests_from_a_source)
{
	struct fixture fx;
	struct handover_fingerprint fp;
	u32 file;
	struct fingerprint_memfd_source src = { known_crc, &file, false };

	setup(&fx);
	file = fx.s->m->sessions[0].file_first;
	handover_fingerprint_with(&fx.s->arena.view, fx.s->m, NULL, 0, &src,
				  &fp);
	CHECK_EQ(fp.memfd[0].crc, 0x12345678);
	CHECK(fp.memfd[0].ok);
	CHECK_EQ(fp.memfd[1].crc, fx.old_fp.memfd[1].crc);
	CHECK_EQ(fp.luo, fx.old_fp.luo);
	teardown(&fx);
}

/* skip_content: tokens and sizes recorded, no memfd byte digested. */
TEST(memfd_contents_skipped)
{
	struct fixture fx;
	struct handover_fingerprint fp;
	struct fingerprint_memfd_source src = { NULL, NULL, true };

	setup(&fx);
	handover_fingerprint_with(&fx.s->arena.view, fx.s->m, NULL, 0, &src,
				  &fp);
	CHECK(fp.memfd_content_skipped);
	CHECK(!fx.old_fp.memfd_content_skipped);
	CHECK_EQ(fp.memfd_count, fx.old_fp.memfd_count);
	CHECK_EQ(fp.memfd[0].token, fx.old_fp.memfd[0].token);
	CHECK_EQ(fp.memfd[0].size, fx.old_fp.memfd[0].size);
	CHECK_EQ(fp.memfd[0].crc, 0);
	CHECK(fp.memfd[0].ok);
	CHECK(fx.old_fp.memfd[0].crc != 0);
	CHECK_EQ(fp.luo, fx.old_fp.luo);
	teardown(&fx);
}

TEST(refuses_a_bad_fdt)
{
	struct fixture fx;
	struct kho_amend_result res;

	setup(&fx);
	/* the blob page is no FDT */
	CHECK(!amend(&fx, fx.blob_pa, NULL, 0, &res));
	CHECK(strstr(res.error, "KHO FDT cannot be opened") != NULL);
	teardown(&fx);
}

/* Distinct bitmap spans the added pages fall into (one bitmap each). */
static u32 v1_spans(const struct fixture *fx, u64 span_log2)
{
	u64 seen[BLOB_PAGES + 1];
	u32 n = 0, i, r, k;
	u64 off;

	for (r = 0; r < 2; r++)
		for (off = 0; off < fx->add[r].size; off += PAGE_SIZE) {
			u64 span = (fx->add[r].pa + off) >> span_log2;

			for (k = 0; k < n && seen[k] != span; k++)
				;
			if (k == n)
				seen[n++] = span;
		}
	for (i = 0; i < n; i++)
		CHECK(seen[i] != 0);
	return n;
}

/*
 * kho-v1: one new order-0 chunk heads the list and points at the old
 * first chunk; its bitmaps (the handover's size, phys_start a multiple
 * of the bitmap's span, one page each) hold exactly the added pages.
 */
static void v1_amend_case(enum release_profile profile,
			  enum kho_v1_variant variant,
			  enum kho_v1_variant hint)
{
	u64 bits = (variant == KHO_V1_BITMAP_512 ? KHO_V1_BITMAP_SMALL :
						   KHO_V1_BITMAP_PAGE) * 8;
	u64 span_log2 = __builtin_ctzll(bits) + PAGE_SHIFT, victim = 0;
	struct fixture fx;
	struct kho_amend_result res;
	struct kho_amend_diff diff;
	struct handover_fingerprint fp;
	const struct model_subtree *t;
	const u8 *chunk, *blob;
	u32 spans, num, order, i, len = 0;

	setup_profile(&fx, profile, hint);
	CHECK_EQ(fx.s->m->kho, KHO_VERSION_V1);
	CHECK_EQ(fx.s->m->v1_variant, variant);
	CHECK(fx.old_idx.count > 0);
	spans = v1_spans(&fx, span_log2);
	CHECK(amend(&fx, fx.s->rec.fdt_addr, NULL, 0, &res));
	CHECK_STR(res.error, "");
	CHECK(res.v1);
	CHECK_EQ(res.added, 1 + BLOB_PAGES);
	CHECK_EQ(res.page_count, 1 + spans);
	CHECK_EQ(res.map_root, res.pages[0]);
	CHECK_EQ(res.old_map_root, fx.s->m->mem_map);
	CHECK_MEM(fx.s->arena.mem, fx.before, fx.before_len);

	chunk = host_scenario_ptr(fx.s, res.map_root);
	memcpy(&order, chunk + 8, 4);
	memcpy(&num, chunk + 12, 4);
	CHECK_EQ(abi_le64(chunk), res.old_map_root);
	CHECK_EQ(order, 0);
	CHECK_EQ(num, spans);
	for (i = 0; i < num; i++) {
		u64 start = abi_le64(chunk + 16 + 16 * i);

		CHECK_EQ(start & ((1ULL << span_log2) - 1), 0);
		CHECK_EQ(abi_le64(chunk + 24 + 16 * i), res.pages[1 + i]);
	}

	reparse(&fx);
	if (serious_findings(&fx.s->findings))
		dump_findings(&fx.s->findings);
	CHECK_EQ(serious_findings(&fx.s->findings), 0);
	CHECK_EQ(fx.s->m->kho, KHO_VERSION_V1);
	CHECK_EQ(fx.s->m->v1_variant, variant);
	CHECK_EQ(fx.s->m->mem_map, res.map_root);
	CHECK_EQ(fx.s->m->preserved.count, fx.old_idx.count + 1 + BLOB_PAGES);
	kho_amend_compare(&fx.old_idx, &fx.s->m->preserved, fx.add, 2, &diff);
	CHECK_EQ(diff.missing, 0);
	CHECK_EQ(diff.extra, 0);
	CHECK_EQ(diff.added, 1 + BLOB_PAGES);

	/* the subtree is a sub-FDT holding the blob, sized by its header */
	t = model_find_subtree(fx.s->m, "baton");
	CHECK(t != NULL);
	if (t) {
		CHECK_EQ(t->pa, fx.blob_pa);
		CHECK_EQ(t->size, fx.blob_size);
		blob = kho_v1_report_unwrap(host_scenario_ptr(fx.s, t->pa),
					    t->size, &len);
		CHECK(blob != NULL);
		CHECK_EQ(len, BLOB_LEN);
		CHECK(blob && blob[0] == 0x5a && blob[BLOB_LEN - 1] == 0x5a);
	}
	handover_fingerprint(&fx.s->arena.view, fx.s->m, fx.add, 2, &fp);
	CHECK(fp.present && fx.old_fp.present);
	CHECK_EQ(fp.kho_fdt, fx.old_fp.kho_fdt);
	CHECK_EQ(fp.kho_fdt_bytes, fx.old_fp.kho_fdt_bytes);
	CHECK_EQ(fp.preserved, fx.old_fp.preserved);
	CHECK_EQ(fp.preserved_entries, fx.old_idx.count);
	CHECK_EQ(fp.luo, fx.old_fp.luo);

	/* dropping would need copied chunks: refused, nothing written */
	victim = preserved_index_entry(&fx.old_idx, (struct preserved_pos){ 0, 0 }) &
		 ~PRESERVED_CLAIMED;
	CHECK(!amend(&fx, fx.s->rec.fdt_addr, &victim, 1, &res));
	CHECK(strstr(res.error, "not supported") != NULL);
	CHECK_MEM(fx.s->arena.mem, fx.before, fx.before_len);
	teardown(&fx);
}

TEST(kho_v1_512_byte_bitmaps_get_a_new_head_chunk)
{
	/* detected (phys_start evidence), in the amended map too */
	v1_amend_case(PROFILE_6_16, KHO_V1_BITMAP_512, KHO_V1_VARIANT_UNKNOWN);
}

TEST(kho_v1_4096_byte_bitmaps_get_a_new_head_chunk)
{
	/* fits both sizes: the hint decides, as baton's would */
	v1_amend_case(PROFILE_6_18, KHO_V1_BITMAP_4096, KHO_V1_BITMAP_4096);
}

/* A wrapper that is no baton-report-v1 sub-FDT is not unwrapped. */
TEST(kho_v1_report_wrapper_round_trip)
{
	static u8 buf[8192];
	const u8 blob[3] = { 1, 2, 3 };
	const u8 *p;
	u64 total = 0;
	u32 len = 0;

	p = kho_v1_report_wrap(buf, sizeof(buf), blob, 3, &total);
	CHECK(p != NULL);
	CHECK(total > 3 && total <= kho_v1_report_wrap_size(3));
	CHECK(kho_v1_report_unwrap(buf, total, &len) == p);
	CHECK_EQ(len, 3);
	CHECK(kho_v1_report_unwrap(buf, total - 1, &len) == NULL);
	CHECK(kho_v1_report_wrap(buf, 64, blob, 3, &total) == NULL);
	memset(buf, 0, sizeof(buf));
	CHECK(kho_v1_report_unwrap(buf, sizeof(buf), &len) == NULL);
}

/*
 * A Linux 7.3 successor extends scratch early (kho_extend_scratch():
 * every 1 GiB block without a preserved range or a map page becomes
 * allocatable before the map is reserved). What baton added lies outside
 * scratch, so each of its pages must be preserved or a map page of the
 * amended handover as parsed back: the new root FDT, the `baton` subtree
 * as the successor reads it (its pa and size from the new FDT), and every
 * new map page (boot/phase_amend.c checks the same pieces).
 */
static u32 added_pieces(const struct fixture *fx,
			const struct kho_amend_result *res,
			struct kho_amend_range *p, u64 *blob_pages)
{
	const struct model_subtree *t = model_find_subtree(fx->s->m, "baton");
	u32 n = 0, i;

	p[n++] = (struct kho_amend_range){ fx->fdt_pa, PAGE_SIZE };
	CHECK(t != NULL);
	if (t) {
		p[n++] = (struct kho_amend_range){ t->pa, t->size };
		*blob_pages = ALIGN_UP(t->size, PAGE_SIZE) / PAGE_SIZE;
	}
	for (i = 0; i < res->page_count; i++)
		p[n++] = (struct kho_amend_range){ res->pages[i], PAGE_SIZE };
	return n;
}

static bool in_scratch(const struct handover_model *m, phys_addr_t pa)
{
	u32 i;

	for (i = 0; i < m->scratch_count; i++)
		if (pa >= m->scratch[i].addr &&
		    pa - m->scratch[i].addr < m->scratch[i].size)
			return true;
	return false;
}

static void kept_case(enum release_profile profile, enum kho_v1_variant hint)
{
	struct kho_amend_range pieces[2 + KHO_AMEND_PAGES_MAX];
	struct fixture fx;
	struct kho_amend_result res;
	struct kho_amend_kept k;
	u64 blob_pages = 0, off;
	u32 n, i;

	setup_profile(&fx, profile, hint);
	CHECK(amend(&fx, fx.s->rec.fdt_addr, NULL, 0, &res));
	reparse(&fx);
	CHECK_EQ(serious_findings(&fx.s->findings), 0);
	CHECK(fx.s->m->scratch_count > 0);
	n = added_pieces(&fx, &res, pieces, &blob_pages);
	CHECK_EQ(blob_pages, BLOB_PAGES);
	/* outside scratch, like mm_alloc_outside_scratch's pages */
	for (i = 0; i < n; i++)
		for (off = 0; off < pieces[i].size; off += PAGE_SIZE)
			CHECK(!in_scratch(fx.s->m, pieces[i].pa + off));
	kho_amend_check_kept(fx.s->m, pieces, n, &k);
	CHECK(!k.unverified);
	CHECK_EQ(k.exposed, 0);
	CHECK_EQ(k.preserved, 1 + BLOB_PAGES);
	CHECK_EQ(k.map_pages, res.page_count);
	CHECK_EQ(k.pages, 1 + BLOB_PAGES + res.page_count);
	teardown(&fx);
}

TEST(additions_survive_early_scratch_extension_kho_v4)
{
	kept_case(PROFILE_7_2, KHO_V1_VARIANT_UNKNOWN);
}

TEST(additions_survive_early_scratch_extension_kho_v1)
{
	kept_case(PROFILE_6_16, KHO_V1_VARIANT_UNKNOWN);
	kept_case(PROFILE_6_18, KHO_V1_BITMAP_4096);
}

/*
 * The check can fail: a blob preserved one page short (its second page
 * left out of the map), a page baton allocated but linked nowhere, and a
 * parse whose map-page list was cut (unverified).
 */
TEST(unkept_additions_are_exposed)
{
	struct kho_amend_range pieces[3 + KHO_AMEND_PAGES_MAX];
	struct fixture fx;
	struct kho_amend_result res;
	struct kho_amend_kept k;
	u64 blob_pages = 0;
	phys_addr_t stray;
	u32 n;

	setup(&fx);
	fx.add[1].size = PAGE_SIZE;
	CHECK(amend(&fx, fx.s->rec.fdt_addr, NULL, 0, &res));
	reparse(&fx);
	n = added_pieces(&fx, &res, pieces, &blob_pages);
	stray = host_arena_alloc(&fx.s->arena, 0);
	pieces[n++] = (struct kho_amend_range){ stray, PAGE_SIZE };
	kho_amend_check_kept(fx.s->m, pieces, n, &k);
	CHECK(!k.unverified);
	CHECK_EQ(k.pages, 1 + BLOB_PAGES + res.page_count + 1);
	CHECK_EQ(k.preserved, 1 + BLOB_PAGES - 1);
	CHECK_EQ(k.map_pages, res.page_count);
	CHECK_EQ(k.exposed, 2);
	CHECK_EQ(k.first_exposed, fx.blob_pa + PAGE_SIZE);

	fx.s->m->map_pages_truncated = true;
	kho_amend_check_kept(fx.s->m, pieces, n, &k);
	CHECK(k.unverified);
	CHECK_EQ(k.exposed, 2);
	teardown(&fx);
}
