// SPDX-License-Identifier: MIT
/*
 * The report-subtree amendment at host scale (issue 17): a Linux 7.2
 * handover with 10,000 sessions of one 4 KiB memfd each (some 50,000
 * preserved entries, the shape of the upstream stress test with its
 * constants raised), amended with a report blob of 90 pages plus the new
 * root FDT, then parsed back with the storage baton's report phase gives
 * that parse (received counts + kho_amend_parse_back_extra). The parse-back
 * must hold every entry: 0 missing, exactly 91 added, nothing dropped.
 * Before the fix the parse-back index had a fixed margin of 64 entries and
 * lost the last 27 (the symptom seen on a real 7.2 handover). The model
 * starts at 64 sessions and files and grows (no fixed cap: before, baton
 * stored 4096 sessions and stopped), its LUO visited set at 9216
 * structures (before: sized from every preserved entry).
 */
#include "check.h"
#include "test_luo_util.h"
#include <host/scenario/host_storage.h>
#include <luo/kho_amend.h>

#define SESSIONS	10000
#define BLOB_PAGES	90
#define ARENA		(320 * SZ_1M)

static char names[SESSIONS][16];
static struct build_session sessions[SESSIONS];
static struct build_file files[SESSIONS];
static const struct build_memfd page_memfd = { .size = PAGE_SIZE };

static const struct handover_spec *stress_spec(void)
{
	static struct handover_spec spec;
	u32 i;

	for (i = 0; i < SESSIONS; i++) {
		snprintf(names[i], sizeof(names[i]), "stress-%05u", i);
		files[i] = (struct build_file){ .token = i + 1,
						.memfd = &page_memfd };
		sessions[i] = (struct build_session){ names[i], &files[i], 1 };
	}
	spec = std_spec(PROFILE_7_2);
	spec.sessions = sessions;
	spec.session_count = SESSIONS;
	return &spec;
}

static void *alloc_page(void *ctx, phys_addr_t *pa)
{
	struct host_scenario *s = ctx;

	*pa = host_arena_alloc(&s->arena, 0);
	return *pa ? host_scenario_ptr(s, *pa) : NULL;
}

/*
 * The model storage of baton's handover phase (boot/phase_handover.c,
 * flow_handover_storage): the received entries and map pages plus extra.
 */
static void storage_like_baton(struct host_scenario *s, u64 entries,
			       u64 map_pages, u64 extra_entries,
			       u64 extra_map_pages)
{
	struct host_storage_caps caps = {
		.sessions = 64, .files = 64, .grow = true,
		.folios = entries + extra_entries,
		.preserved = entries + extra_entries,
		.map_pages = map_pages + extra_map_pages,
	};

	host_storage_free(&s->st);
	CHECK(host_storage_alloc(&s->st, &caps));
}

TEST(amend_of_a_10000_session_handover_keeps_every_entry)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct preserved_index old_idx;
	struct preserved_run *old_runs;
	struct kho_amend_result *res = calloc(1, sizeof(*res));
	struct kho_amend_range add[2];
	struct kho_amend_diff d;
	u64 old_map_pages, extra_entries, extra_map_pages;
	phys_addr_t fdt_pa, blob_pa;
	struct kho_amend_request req;

	CHECK(s && res && host_scenario_init(s, PROFILE_7_2, ARENA));
	CHECK(host_scenario_build(s, stress_spec()));
	CHECK(!s->b.failed);
	storage_like_baton(s, s->b.preserved_count + 64, 1024, 0, 0);
	host_scenario_parse(s);
	if (serious_findings(&s->findings))
		dump_findings(&s->findings);
	CHECK_EQ(serious_findings(&s->findings), 0);
	CHECK_EQ(s->m->session_count, SESSIONS);
	CHECK_EQ(s->m->file_count, SESSIONS);
	CHECK_EQ(s->m->memfd_count, SESSIONS);
	/* the LUO visited set started at baton's 9216 and grew */
	CHECK(s->m->luo_visit.grown > 0);
	CHECK(!s->m->luo_visit.full);
	CHECK_EQ(s->m->preserved.count, s->b.preserved_count);
	CHECK_EQ(s->m->preserved.dropped, 0);
	CHECK(s->m->preserved.count > 40000);

	old_runs = malloc(s->m->preserved.run_count * sizeof(*old_runs) + 1);
	CHECK(old_runs != NULL);
	preserved_index_copy(&old_idx, &s->m->preserved, old_runs);
	old_map_pages = s->m->map_page_count;

	/* baton's additions: a new root FDT and a 90-page report blob */
	fdt_pa = host_arena_alloc(&s->arena, 0);
	blob_pa = host_arena_alloc(&s->arena, 7);
	CHECK(fdt_pa && blob_pa);
	memset(host_scenario_ptr(s, blob_pa), 0x5a, BLOB_PAGES * PAGE_SIZE);
	add[0] = (struct kho_amend_range){ fdt_pa, PAGE_SIZE };
	add[1] = (struct kho_amend_range){ blob_pa, BLOB_PAGES * PAGE_SIZE };
	req = (struct kho_amend_request){
		.view = &s->arena.view, .fdt_pa = s->rec.fdt_addr,
		.fdt_size = PAGE_SIZE,
		.new_fdt = host_scenario_ptr(s, fdt_pa), .name = "baton",
		.blob_pa = blob_pa, .blob_size = BLOB_PAGES * PAGE_SIZE - 100,
		.add = add, .add_count = 2, .alloc = { alloc_page, s },
	};
	CHECK(kho_amend(&req, res));
	CHECK_STR(res->error, "");
	CHECK_EQ(res->added, 1 + BLOB_PAGES);

	/* parsed back as the report phase does it */
	kho_amend_parse_back_extra(res, &extra_entries, &extra_map_pages);
	storage_like_baton(s, old_idx.count, old_map_pages, extra_entries,
			   extra_map_pages);
	s->rec.fdt_addr = fdt_pa;
	host_scenario_parse(s);
	if (serious_findings(&s->findings))
		dump_findings(&s->findings);
	CHECK_EQ(serious_findings(&s->findings), 0);
	CHECK_EQ(s->m->preserved.dropped, 0);
	CHECK(!s->m->map_pages_truncated);
	kho_amend_compare(&old_idx, &s->m->preserved, add, 2, &d);
	printf("    parsed back: %llu preserved entries = %llu kept + %llu added, %llu missing (first %#llx), %llu dropped\n",
	       (unsigned long long)s->m->preserved.count,
	       (unsigned long long)(s->m->preserved.count - d.added -
				    d.extra),
	       (unsigned long long)d.added, (unsigned long long)d.missing,
	       (unsigned long long)d.first_missing,
	       (unsigned long long)d.new_dropped);
	CHECK(!d.incomplete);
	CHECK_EQ(d.new_dropped, 0);
	CHECK_EQ(d.missing, 0);
	CHECK_EQ(d.extra, 0);
	CHECK_EQ(d.added, 1 + BLOB_PAGES);
	CHECK_EQ(s->m->preserved.count, old_idx.count + 1 + BLOB_PAGES);

	free(old_runs);
	free(res);
	host_scenario_free(s);
	free(s);
}

/* A compare over an index that dropped entries says so, not "missing". */
TEST(compare_of_an_incomplete_index_is_incomplete)
{
	struct preserved_run a[1], b[1];
	struct preserved_index old_idx, new_idx;
	struct kho_amend_diff d;

	preserved_index_init(&old_idx, a, 1);
	preserved_index_add_run(&old_idx, 0x1000, 0, 3);
	preserved_index_sort(&old_idx);
	preserved_index_init(&new_idx, b, 1);
	preserved_index_add_run(&new_idx, 0x1000, 0, 2);
	preserved_index_add_run(&new_idx, 0x9000, 0, 1);	/* no room */
	preserved_index_sort(&new_idx);
	CHECK_EQ(new_idx.dropped, 1);

	kho_amend_compare(&old_idx, &new_idx, NULL, 0, &d);
	CHECK(d.incomplete);
	CHECK_EQ(d.new_dropped, 1);
	CHECK_EQ(d.missing, 1);
	new_idx.dropped = 0;
	kho_amend_compare(&old_idx, &new_idx, NULL, 0, &d);
	CHECK(!d.incomplete);
	CHECK_EQ(d.missing, 1);
	CHECK_EQ(d.first_missing, 0x3000);
}

static void *refuse(void *ctx, void *old, u64 old_bytes, u64 new_bytes)
{
	return NULL;
}

/*
 * Storage that cannot grow: the model keeps what fitted and says what it
 * needed, as E_NOT_VALIDATED with the numbers (never silent truncation).
 */
TEST(refused_growth_is_a_finding_with_the_numbers)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct host_storage_caps caps = {
		.sessions = 64, .files = 64, .folios = 1u << 17,
		.preserved = 1u << 17, .map_pages = 1024, .grow = true,
	};
	char want[FINDING_MESSAGE_MAX];
	const struct finding *f = NULL;
	u32 i;

	CHECK(s && host_scenario_init(s, PROFILE_7_2, ARENA));
	CHECK(host_scenario_build(s, stress_spec()));
	host_storage_free(&s->st);
	CHECK(host_storage_alloc(&s->st, &caps));
	free(s->st.grow_ctx);
	s->st.grow = refuse;
	s->st.grow_ctx = NULL;
	host_scenario_parse(s);
	CHECK_EQ(s->m->session_count, 64);
	CHECK(s->m->sessions_truncated);
	CHECK_EQ(s->m->grown, 0);
	snprintf(want, sizeof(want),
		 "model storage: sessions needed room for 128 (%zu bytes), more than was free",
		 128 * sizeof(struct model_session));
	for (i = 0; i < s->findings.count; i++)
		if (s->findings.items[i].code == E_NOT_VALIDATED &&
		    !strncmp(s->findings.items[i].message, "model storage", 13))
			f = &s->findings.items[i];
	CHECK(f != NULL);
	if (f)
		CHECK_STR(f->message, want);
	CHECK(s->findings.by_severity[FINDING_ERROR] >= 1);
	host_scenario_free(s);
	free(s);
}
