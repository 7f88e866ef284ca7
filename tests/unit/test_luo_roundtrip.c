// SPDX-License-Identifier: MIT
/*
 * Build -> parse round trips for every release profile: the parsed model
 * must equal the scenario, with no warnings or errors, and memfd contents
 * must stream back byte for byte.
 */
#include "check.h"
#include "test_luo_util.h"

static void check_profile(enum release_profile p)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(p);
	struct profile_versions v;
	const struct handover_model *m;
	u32 i;

	CHECK(release_profile_versions(p, &v));
	CHECK(host_scenario_init(s, p, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	s->v1_hint = v.v1_variant;	/* a caller knowing the predecessor */
	host_scenario_parse(s);
	m = s->m;
	if (serious_findings(&s->findings))
		dump_findings(&s->findings);
	CHECK_EQ(serious_findings(&s->findings), 0);
	CHECK_EQ(m->kho, v.kho);
	CHECK_EQ(m->profile, p);
	CHECK_EQ(m->luo, v.luo);
	CHECK_EQ(m->memfd, v.memfd);
	CHECK_EQ(m->unaccounted_bytes, 0);
	CHECK_EQ(m->scratch_count, 2);
	CHECK_EQ(m->scratch[0].addr, HOST_SCENARIO_BASE);
	CHECK_EQ(m->scratch[1].size, HOST_SCENARIO_SCRATCH / 2);
	CHECK_EQ(m->subtree_count, s->b.subtree_count);
	for (i = 0; i < m->subtree_count && i < s->b.subtree_count; i++) {
		/* the FDT holds them newest first */
		const char *want = s->b.subtrees[s->b.subtree_count - 1 - i].name;

		if (v.kho == KHO_VERSION_V1 && (p == PROFILE_6_16 || p == PROFILE_6_18))
			want = s->b.subtrees[i].name;	/* sequential writer */
		CHECK_STR(m->subtrees[i].name, want);
		CHECK(m->subtrees[i].known);
	}
	CHECK_EQ(m->map.map_pages, m->map_page_count);
	CHECK_EQ(m->preserved.count, s->b.preserved_count);
	CHECK_EQ(m->map.entries, s->b.preserved_count);
	CHECK_EQ(m->reserve_mem_count, 1);
	CHECK_STR(m->reserve_mem[0].name, "trace");
	CHECK_EQ(m->reserve_mem[0].size, SZ_1M);
	CHECK_EQ(m->metadata.present, v.metadata);
	if (v.metadata) {
		CHECK_STR(m->metadata.previous_release, "7.2.13+deb14-amd64");
		CHECK_EQ(m->metadata.kexec_count, 3);
		CHECK_EQ(m->metadata.version, 1);
	}
	if (v.luo == LUO_VERSION_NONE) {
		CHECK_EQ(m->session_count, 0);
		goto out;
	}
	CHECK_EQ(m->liveupdate_num, 5);
	CHECK_EQ(m->session_count, 2);
	CHECK_STR(m->sessions[0].name, "alpha");
	CHECK_STR(m->sessions[1].name, "beta");
	CHECK_EQ(m->sessions[0].file_count, 3);
	CHECK_EQ(m->sessions[1].file_count, 0);
	CHECK_EQ(m->flb_count, v.flb ? 2 : 0);
	if (v.flb) {
		CHECK_STR(m->flbs[1].name, "liveupdate-test-flb-v1");
		CHECK_EQ(m->flbs[1].data, 0xFEEDF00DCAFEBEE1ULL);
		CHECK_EQ(m->flbs[1].count, 2);
	}
	CHECK_EQ(m->memfd_count, 3);
	for (i = 0; i < 3 && m->memfd_count == 3; i++) {
		const struct model_file *f = &m->files[i];
		const struct build_memfd *mf = std_files_alpha[i].memfd;
		const struct model_memfd *md;
		bool ok;

		CHECK_EQ(f->token, std_files_alpha[i].token);
		CHECK_STR(f->compatible, v.memfd == MEMFD_VERSION_V1 ?
			  "memfd-v1" : "memfd-v2");
		CHECK(f->memfd >= 0);
		if (f->memfd < 0)
			continue;
		md = &m->memfds[f->memfd];
		CHECK_EQ(md->size, mf->size);
		CHECK_EQ(md->pos, mf->pos);
		CHECK_EQ(md->seals, v.memfd == MEMFD_VERSION_V2 ? mf->seals : 0);
		CHECK_EQ(md->folio_count, md->nr_folios);
		CHECK_EQ(md->nr_folios, (mf->size + (PAGE_SIZE << mf->folio_order) - 1) /
					(PAGE_SIZE << mf->folio_order));
		for (u32 k = 0; k < md->folio_count; k++) {
			const struct model_folio *fo = &model_memfd_folios(m, md)[k];

			CHECK_EQ(fo->index, (u64)k << mf->folio_order);
			CHECK_EQ(fo->order, mf->folio_order);
			CHECK_EQ(fo->flags, 3);
		}
		if (md->nr_folios) {
			CHECK_EQ(md->folios_desc.flags, KHO_VMALLOC_ALLOC);
			CHECK_EQ(md->folios_desc.total_pages,
				 (md->nr_folios * 16 + PAGE_SIZE - 1) / PAGE_SIZE);
		}
		CHECK_EQ(memfd_digest(&s->arena.view, m, md, &ok),
			 expected_digest(mf, f->token));
		CHECK(ok);
	}
out:
	host_scenario_free(s);
	free(s);
}

TEST(roundtrip_7_2) { check_profile(PROFILE_7_2); }
TEST(roundtrip_7_1) { check_profile(PROFILE_7_1); }
TEST(roundtrip_7_0) { check_profile(PROFILE_7_0); }
TEST(roundtrip_6_19) { check_profile(PROFILE_6_19); }
TEST(roundtrip_6_18) { check_profile(PROFILE_6_18); }
TEST(roundtrip_6_16) { check_profile(PROFILE_6_16); }

/* Without a hint, 6.18's map fits both bitmap sizes: 4096 is assumed. */
TEST(v1_variant_assumed_without_hint)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(PROFILE_6_18);

	CHECK(host_scenario_init(s, PROFILE_6_18, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	host_scenario_parse(s);
	CHECK_EQ(s->m->v1_variant, KHO_V1_BITMAP_4096);
	CHECK_EQ(s->m->v1_detection.evidence, KHO_V1_EVIDENCE_ASSUMED);
	CHECK(finding_list_has(&s->findings, W_KHO_V1_VARIANT_ASSUMED));
	CHECK_EQ(s->m->profile, PROFILE_6_18);
	CHECK_EQ(s->m->unaccounted_bytes, 0);
	host_scenario_free(s);
	free(s);
}

/* 6.16's 512-byte bitmaps are found by their alignment alone. */
TEST(v1_variant_512_detected_by_alignment)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(PROFILE_6_16);

	CHECK(host_scenario_init(s, PROFILE_6_16, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	host_scenario_parse(s);
	CHECK_EQ(s->m->v1_variant, KHO_V1_BITMAP_512);
	CHECK_EQ(s->m->v1_detection.evidence, KHO_V1_EVIDENCE_ALIGNMENT);
	CHECK(!finding_list_has(&s->findings, W_KHO_V1_VARIANT_ASSUMED));
	CHECK_EQ(s->m->profile, PROFILE_6_16);
	host_scenario_free(s);
	free(s);
}

/* A 4096 hint against 512-only evidence is a conflict; evidence wins. */
TEST(v1_variant_hint_conflict)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(PROFILE_6_16);

	CHECK(host_scenario_init(s, PROFILE_6_16, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	s->v1_hint = KHO_V1_BITMAP_4096;
	host_scenario_parse(s);
	CHECK_EQ(s->m->v1_variant, KHO_V1_BITMAP_512);
	CHECK(finding_list_has(&s->findings, E_KHO_V1_VARIANT_CONFLICT));
	host_scenario_free(s);
	free(s);
}

/*
 * The same handover seen through a view whose host bytes are misaligned by
 * 4: every load must be alignment-safe and FDTs are parsed from copies.
 */
static void check_unaligned(enum release_profile p)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(p);
	struct profile_versions v;
	struct phys_window w;
	struct phys_view view;
	u8 *copy;

	release_profile_versions(p, &v);
	CHECK(host_scenario_init(s, p, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	copy = malloc(s->arena.size + 4);
	memcpy(copy + 4, s->arena.mem, s->arena.size);
	w = (struct phys_window){ s->arena.base, s->arena.size, copy + 4 };
	CHECK(phys_view_init(&view, &w, 1));
	s->cfg = (struct handover_config){ .view = &view, .kho = s->rec,
					   .v1_hint = v.v1_variant };
	finding_list_init(&s->findings, s->items, HOST_SCENARIO_FINDINGS);
	handover_parse(&s->cfg, &s->st, s->m, &s->findings);
	if (serious_findings(&s->findings))
		dump_findings(&s->findings);
	CHECK_EQ(serious_findings(&s->findings), 0);
	CHECK_EQ(s->m->profile, p);
	CHECK_EQ(s->m->session_count, v.luo ? 2 : 0);
	CHECK_EQ(s->m->reserve_mem_count, 1);
	CHECK_EQ(s->m->unaccounted_bytes, 0);
	free(copy);
	host_scenario_free(s);
	free(s);
}

TEST(roundtrip_unaligned_view_7_2) { check_unaligned(PROFILE_7_2); }
TEST(roundtrip_unaligned_view_7_1) { check_unaligned(PROFILE_7_1); }
TEST(roundtrip_unaligned_view_6_16) { check_unaligned(PROFILE_6_16); }
