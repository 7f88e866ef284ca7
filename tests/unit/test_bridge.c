// SPDX-License-Identifier: MIT
/*
 * The ABI bridge (docs/bridge.md): a handover of every older profile
 * mkhandover writes (6.16/6.17 with 512-byte bitmaps, 6.18, 6.19, 7.0,
 * 7.1) is bridged to kho-v4 / luo-v5 / memfd-v2, parsed back clean and
 * found equal to the received model, with no byte of the received handover
 * written and every new page kept by the new map. A broken translation
 * (a token, a seal, a map bit changed after the bridge wrote them) is
 * caught by the equality check with the first difference named; a
 * handover that cannot be bridged, or an allocator that runs dry, gets its
 * finding.
 */
#include "check.h"
#include "test_luo_util.h"
#include <host/scenario/host_storage.h>
#include <luo/abi.h>
#include <luo/bridge/bridge.h>

#define ARENA_SIZE	(64 * SZ_1M)

static const struct build_memfd mf_order0 = {
	.size = 3 * PAGE_SIZE + 17, .pos = 100, .folio_order = 0,
};
static const struct build_memfd mf_order9 = {
	.size = 4 * SZ_1M, .pos = 0, .folio_order = 9,
};
static const struct build_memfd mf_order4 = {
	.size = 200 * 1024, .pos = 8192, .folio_order = 4,
};
static const struct build_file files_vm0[] = {
	{ .token = 0x1001, .memfd = &std_memfd_small },
	{ .token = 0x1002, .memfd = &mf_order9 },
	{ .token = 0x1003, .memfd = &std_memfd_empty },
};
static const struct build_file files_vm1[] = {
	{ .token = 7, .memfd = &mf_order4 },
	{ .token = 8, .memfd = &mf_order0 },
};
static const struct build_session sessions[] = {
	{ "vm0", files_vm0, 3 },
	{ "vm1", files_vm1, 2 },
	{ "idle", NULL, 0 },
};

static struct handover_spec spec_for(enum release_profile p)
{
	struct handover_spec spec = std_spec(p);

	spec.sessions = sessions;
	spec.session_count = 3;
	return spec;
}

struct fixture {
	struct host_scenario *s;	/* the received handover, s->m */
	u8 *before;			/* arena bytes before the bridge */
	u64 before_len;
	u64 *work;
	struct bridge_result res;
	struct finding items[16];
	struct finding_list findings;	/* the bridge's and the proof's */
	/* the parse back */
	struct model_storage st;
	struct handover_model *m;
	struct finding back_items[64];
	struct finding_list back;
	s64 fail_after;			/* allocator: pages left, -1 endless */
};

static void *alloc_page(void *ctx, phys_addr_t *pa)
{
	struct fixture *fx = ctx;

	if (fx->fail_after == 0)
		return NULL;
	if (fx->fail_after > 0)
		fx->fail_after--;
	*pa = host_arena_alloc(&fx->s->arena, 0);
	return *pa ? host_scenario_ptr(fx->s, *pa) : NULL;
}

/* The received bytes (to prove them unchanged) and the bridge's work room. */
static void snapshot(struct fixture *fx)
{
	struct host_scenario *s = fx->s;

	free(fx->before);
	free(fx->work);
	fx->before_len = s->arena.next;
	fx->before = malloc(fx->before_len);
	memcpy(fx->before, s->arena.mem, fx->before_len);
	fx->work = calloc(bridge_work_entries(s->m), sizeof(u64));
}

static void setup_spec(struct fixture *fx, const struct handover_spec *spec)
{
	static const struct host_storage_caps caps = {
		.sessions = 64, .files = 256, .folios = 1u << 14,
		.preserved = 1u << 16, .map_pages = 1u << 12,
	};
	struct host_scenario *s = calloc(1, sizeof(*s));

	memset(fx, 0, sizeof(*fx));
	fx->s = s;
	fx->fail_after = -1;
	CHECK(host_scenario_init(s, spec->profile, ARENA_SIZE));
	CHECK(host_scenario_build(s, spec));
	/* kho-v1: the bitmap size the release wrote (mkhandover's default) */
	s->v1_hint = s->b.v.v1_variant;
	host_scenario_parse(s);
	snapshot(fx);
	finding_list_init(&fx->findings, fx->items, 16);
	fx->m = calloc(1, sizeof(*fx->m));
	CHECK(host_storage_alloc(&fx->st, &caps));
}

static void setup(struct fixture *fx, enum release_profile p)
{
	struct handover_spec spec = spec_for(p);

	setup_spec(fx, &spec);
	if (serious_findings(&fx->s->findings))
		dump_findings(&fx->s->findings);
	CHECK_EQ(serious_findings(&fx->s->findings), 0);
}

static void teardown(struct fixture *fx)
{
	host_scenario_free(fx->s);
	free(fx->s);
	free(fx->before);
	free(fx->work);
	host_storage_free(&fx->st);
	free(fx->m);
}

static bool bridge(struct fixture *fx)
{
	struct bridge_request req = {
		.view = &fx->s->arena.view,
		.old = fx->s->m,
		.alloc = { .page = alloc_page, .ctx = fx },
		.work = fx->work,
		.work_cap = bridge_work_entries(fx->s->m),
	};

	return bridge_handover(&req, &fx->res, &fx->findings);
}

/* The bridged handover parsed by the same parser: fx->m, fx->back. */
static void parse_back(struct fixture *fx)
{
	struct handover_config cfg = { .view = &fx->s->arena.view,
				       .kho = fx->s->rec };

	cfg.kho.fdt_addr = fx->res.fdt_pa;
	cfg.kho.fdt_size = fx->res.fdt_size;
	finding_list_init(&fx->back, fx->back_items, 64);
	handover_parse(&cfg, &fx->st, fx->m, &fx->back);
}

static bool proof(struct fixture *fx)
{
	return bridge_models_equal(fx->s->m, fx->m,
				   fx->back.by_severity[FINDING_ERROR],
				   &fx->res, &fx->findings);
}

/* No byte the received handover had is different. */
static bool received_untouched(const struct fixture *fx)
{
	return !memcmp(fx->before, fx->s->arena.mem, fx->before_len);
}

/* Every page the bridge allocated is preserved or a page of the new map. */
static void check_all_kept(struct fixture *fx)
{
	struct host_arena *a = &fx->s->arena;
	struct kho_amend_range r = {
		a->base + fx->before_len, a->next - fx->before_len,
	};
	struct kho_amend_kept k;

	kho_amend_check_kept(fx->m, &r, 1, &k);
	CHECK(!k.unverified);
	CHECK_EQ(k.pages, fx->res.pages_written + fx->res.map_pages);
	CHECK_EQ(k.preserved, fx->res.pages_written);
	CHECK_EQ(k.map_pages, fx->res.map_pages);
	CHECK_EQ(k.exposed, 0);
}

/* Each memfd's CRC32C is the same read through either model. */
static void check_digests(struct fixture *fx)
{
	u32 i;

	CHECK_EQ(fx->m->memfd_count, fx->s->m->memfd_count);
	for (i = 0; i < fx->s->m->memfd_count && i < fx->m->memfd_count; i++) {
		bool ok_a = false, ok_b = false;
		u32 a = memfd_digest(&fx->s->arena.view, fx->s->m,
				     &fx->s->m->memfds[i], &ok_a);
		u32 b = memfd_digest(&fx->s->arena.view, fx->m,
				     &fx->m->memfds[i], &ok_b);

		CHECK(ok_a && ok_b);
		CHECK_EQ(a, b);
	}
}

struct expect {
	u32 memfds_rewritten;
	bool metadata_synthesized;
	u32 session_blocks, file_blocks;
	u64 dropped_pages;		/* pages of the dropped entries */
	u64 entries_dropped;
};

static void round_trip(enum release_profile p, const struct expect *x)
{
	struct fixture fx;
	u64 pages;

	setup(&fx, p);
	CHECK(bridge(&fx));
	CHECK(fx.res.bridged);
	CHECK_EQ(fx.findings.count, 0);
	CHECK(received_untouched(&fx));
	parse_back(&fx);
	if (serious_findings(&fx.back))
		dump_findings(&fx.back);
	CHECK_EQ(serious_findings(&fx.back), 0);
	CHECK_EQ(fx.m->kho, KHO_VERSION_V4);
	CHECK_EQ(fx.m->profile, PROFILE_7_2);
	CHECK_EQ(fx.m->luo, fx.s->m->luo == LUO_VERSION_NONE ?
			    LUO_VERSION_NONE : LUO_VERSION_V5);
	CHECK(proof(&fx));
	if (fx.findings.count)
		dump_findings(&fx.findings);
	CHECK_EQ(fx.findings.count, 0);
	check_all_kept(&fx);
	check_digests(&fx);

	/* what was written and freed, exactly */
	CHECK_EQ(fx.res.from, p);
	CHECK_EQ(fx.res.memfds_rewritten, x->memfds_rewritten);
	CHECK_EQ(fx.res.metadata_synthesized, x->metadata_synthesized);
	CHECK_EQ(fx.res.session_blocks, x->session_blocks);
	CHECK_EQ(fx.res.file_blocks, x->file_blocks);
	pages = 1 + x->metadata_synthesized + x->memfds_rewritten +
		x->session_blocks + x->file_blocks +
		(x->session_blocks ? 2 : 0);	/* luo_ser, FLB page */
	CHECK_EQ(fx.res.pages_written, pages);
	CHECK_EQ(fx.res.entries_dropped, x->entries_dropped);
	CHECK_EQ(fx.res.bytes_freed, x->dropped_pages * PAGE_SIZE);
	CHECK_EQ(fx.res.entry_count, fx.s->m->preserved.count -
				     x->entries_dropped + pages);
	CHECK_EQ(fx.m->preserved.count, fx.res.entry_count);
	CHECK_EQ(fx.res.old_map_pages, fx.s->m->map_page_count);
	if (!x->metadata_synthesized) {
		CHECK_STR(fx.m->metadata.previous_release, "7.2.13+deb14-amd64");
	} else {
		CHECK_STR(fx.m->metadata.previous_release, "unknown");
		CHECK_EQ(fx.m->metadata.kexec_count, 1);
	}
	teardown(&fx);
}

/*
 * 6.19 and 7.0 (memfd-v1): root FDT, LUO FDT, the 16-page session area,
 * the 2-page file arrays of vm0 and vm1, five memfd-v1 descriptors, and
 * 7.0's FLB page are dropped: 1 + 1 + 16 + 2 + 2 + 5 (+ 1) pages.
 */
TEST(bridge_6_19)
{
	const struct expect x = { 5, true, 1, 2, 27, 10 };

	round_trip(PROFILE_6_19, &x);
}

TEST(bridge_7_0)
{
	const struct expect x = { 5, true, 1, 2, 28, 11 };

	round_trip(PROFILE_7_0, &x);
}

/* 7.1: memfd-v2 descriptors and kexec-metadata are kept in place. */
TEST(bridge_7_1)
{
	const struct expect x = { 0, false, 1, 2, 23, 6 };

	round_trip(PROFILE_7_1, &x);
}

/* 6.16/6.17 (512-byte bitmaps) and 6.18: no LUO, only KHO is bridged. */
TEST(bridge_6_16_512_byte_bitmaps)
{
	const struct expect x = { 0, true, 0, 0, 1, 1 };

	round_trip(PROFILE_6_16, &x);
}

TEST(bridge_6_18)
{
	const struct expect x = { 0, true, 0, 0, 1, 1 };

	round_trip(PROFILE_6_18, &x);
}

/* A 7.2 handover needs no bridge: nothing is allocated or written. */
TEST(bridge_7_2_left_alone)
{
	struct fixture fx;

	setup(&fx, PROFILE_7_2);
	CHECK(bridge(&fx));
	CHECK(!fx.res.bridged);
	CHECK_EQ(fx.res.pages_written + fx.res.map_pages, 0);
	CHECK_EQ(fx.s->arena.next, fx.before_len);
	CHECK_EQ(fx.findings.count, 0);
	teardown(&fx);
}

/* The first difference of a broken translation, as the finding says it. */
static void check_diff(struct fixture *fx, const char *message)
{
	CHECK(!proof(fx));
	CHECK_EQ(fx->findings.count, 1);
	CHECK_EQ(fx->findings.items[0].code, E_BRIDGE_MODEL_DIFF);
	CHECK_STR(fx->findings.items[0].message, message);
}

/* A token the bridge wrote wrong: "session 0 file 1" names it. */
TEST(broken_token_caught)
{
	struct fixture fx;
	u8 *blk;

	setup(&fx, PROFILE_7_0);
	CHECK(bridge(&fx));
	parse_back(&fx);
	CHECK(proof(&fx));
	blk = host_scenario_ptr(fx.s, fx.m->sessions[0].files_pa);
	abi_put_le64(blk + sizeof(struct kho_block_header_ser) +
		     sizeof(struct luo_file_ser) +
		     offsetof(struct luo_file_ser, token), 0x2002);
	parse_back(&fx);
	check_diff(&fx, "session 0 \"vm0\" file 1: token 0x1002 became 0x2002");
	teardown(&fx);
}

/* A memfd-v2 descriptor written without the documented seals. */
TEST(broken_seals_caught)
{
	struct fixture fx;
	const struct model_file *f;

	setup(&fx, PROFILE_6_19);
	CHECK(bridge(&fx));
	parse_back(&fx);
	f = &fx.m->files[fx.m->sessions[1].file_first + 1];
	abi_put_le32((u8 *)host_scenario_ptr(fx.s, f->data) +
		     offsetof(struct memfd_luo_v2_ser, seals), 0);
	parse_back(&fx);
	check_diff(&fx, "session 1 \"vm1\" file 1: seals 0x0 flags 0x0, expected 0x1 0x0");
	teardown(&fx);
}

/* A folio the new map lost: the folio's order is gone in the parse back. */
TEST(broken_map_caught)
{
	struct fixture fx;
	const struct model_folio *folio;
	const struct model_file *f;
	char want[FINDING_MESSAGE_MAX];
	u64 key, pfn, *w;
	u8 *node;
	unsigned int level;

	setup(&fx, PROFILE_7_1);
	CHECK(bridge(&fx));
	parse_back(&fx);
	f = &fx.m->files[fx.m->sessions[0].file_first + 1];
	folio = &fx.m->folios[fx.m->memfds[f->memfd].folio_first + 1];
	CHECK_EQ(folio->order, 9);
	pfn = folio->pfn;
	key = kho_radix_key(pfn << PAGE_SHIFT, 9);
	node = host_scenario_ptr(fx.s, fx.res.map_root);
	for (level = KHO_RADIX_DEPTH - 1; level >= 1; level--)
		node = host_scenario_ptr(fx.s, kho_radix_child(node,
			(key >> kho_radix_level_shift(level)) &
			(KHO_RADIX_TABLE_ENTRIES - 1)));
	w = (u64 *)node + (key & (KHO_RADIX_LEAF_BITS - 1)) / 64;
	*w &= ~(1ULL << (key % 64));
	parse_back(&fx);
	CHECK(finding_list_has(&fx.back, E_FOLIO_NOT_PRESERVED));
	snprintf(want, sizeof(want),
		 "session 0 \"vm0\" file 1 folio 1: index 0x200 pfn %#llx order 9 became index 0x200 pfn %#llx order -1",
		 (unsigned long long)pfn, (unsigned long long)pfn);
	check_diff(&fx, want);
	teardown(&fx);
}

/* A file of a handler the bridge cannot translate: refused, no page taken. */
TEST(unknown_handler_refused)
{
	static const struct build_file odd[] = {
		{ .compatible = "vfio-v1", .token = 1, .raw_data = 0x1000 },
	};
	static const struct build_session odd_sessions[] = {
		{ "odd", odd, 1 },
	};
	struct handover_spec spec = spec_for(PROFILE_7_0);
	struct fixture fx;

	spec.sessions = odd_sessions;
	spec.session_count = 1;
	setup_spec(&fx, &spec);
	CHECK(finding_list_has(&fx.s->findings, E_FILE_UNKNOWN_HANDLER));
	CHECK(!bridge(&fx));
	CHECK(!fx.res.bridged);
	CHECK_EQ(fx.findings.count, 1);
	CHECK_EQ(fx.findings.items[0].code, E_BRIDGE_UNSUPPORTED);
	CHECK_STR(fx.findings.items[0].message,
		  "bridge: a file handler other than memfd (its data format is unknown): nothing written");
	CHECK_EQ(fx.s->arena.next, fx.before_len);
	CHECK(received_untouched(&fx));
	teardown(&fx);
}

/* The allocator runs dry on the fourth page: the received bytes stand. */
TEST(out_of_pages)
{
	struct fixture fx;

	setup(&fx, PROFILE_6_19);
	fx.fail_after = 3;
	CHECK(!bridge(&fx));
	CHECK(!fx.res.bridged);
	CHECK_EQ(fx.findings.count, 1);
	CHECK_EQ(fx.findings.items[0].code, E_BRIDGE_WRITE_FAILED);
	CHECK_EQ(fx.s->arena.next - fx.before_len, 3 * PAGE_SIZE);
	CHECK(received_untouched(&fx));
	teardown(&fx);
}

/*
 * A handover a previous baton already amended (kho-v1: its report wrapped
 * in a sub-FDT under "baton"): the bridged kho-v4 root points
 * preserved-data at the report's own bytes inside the wrapper, nothing
 * copied, and the parse back is still equal.
 */
TEST(previous_report_unwrapped)
{
	struct fixture fx;
	struct host_scenario *s;
	struct kho_amend_range add[2];
	struct kho_amend_result ar;
	struct kho_amend_request req;
	const struct model_subtree *t;
	phys_addr_t fdt_pa, blob_pa;
	u64 wrapped = 0;
	u8 blob[300];

	setup(&fx, PROFILE_6_19);
	s = fx.s;
	memset(blob, 0x5a, sizeof(blob));
	fdt_pa = host_arena_alloc(&s->arena, 0);
	blob_pa = host_arena_alloc(&s->arena, 0);
	CHECK(kho_v1_report_wrap(host_scenario_ptr(s, blob_pa), PAGE_SIZE,
				 blob, sizeof(blob), &wrapped) != NULL);
	add[0] = (struct kho_amend_range){ fdt_pa, PAGE_SIZE };
	add[1] = (struct kho_amend_range){ blob_pa, PAGE_SIZE };
	req = (struct kho_amend_request){
		.view = &s->arena.view, .fdt_pa = s->rec.fdt_addr,
		.fdt_size = PAGE_SIZE, .new_fdt = host_scenario_ptr(s, fdt_pa),
		.name = "baton", .blob_pa = blob_pa, .blob_size = wrapped,
		.v1_variant = s->m->v1_variant, .add = add, .add_count = 2,
		.alloc = { alloc_page, &fx },
	};
	CHECK(kho_amend(&req, &ar));
	s->rec.fdt_addr = fdt_pa;
	host_scenario_parse(s);
	CHECK_EQ(serious_findings(&s->findings), 0);
	snapshot(&fx);

	CHECK(bridge(&fx));
	CHECK(fx.res.bridged);
	CHECK(received_untouched(&fx));
	parse_back(&fx);
	if (serious_findings(&fx.back))
		dump_findings(&fx.back);
	CHECK_EQ(serious_findings(&fx.back), 0);
	CHECK(proof(&fx));
	CHECK_EQ(fx.findings.count, 0);
	t = model_find_subtree(fx.m, "baton");
	CHECK(t != NULL);
	if (t) {
		CHECK(t->pa > blob_pa && t->pa < blob_pa + wrapped);
		CHECK_EQ(t->size, sizeof(blob));
		CHECK_MEM(host_scenario_ptr(s, t->pa), blob, sizeof(blob));
	}
	teardown(&fx);
}
