// SPDX-License-Identifier: MIT
/*
 * Host-scale benchmark (issue 17): a Linux 7.2 handover of a big host,
 * built in a sparse arena (pages never touched cost nothing): one memfd of
 * H bytes in 2 MiB folios (guest RAM), one of Z bytes in 4 KiB folios,
 * and S sessions of F one-page memfds each. For each of three sizes it
 * runs what baton runs, with baton's storage rules: the memory phase (two
 * map walks into mm, the occupied-set arena, commit), the handover parse
 * (storage from mm's counts, sessions and files growing), the fingerprint
 * (baton.digest=off: no memfd byte) and the report subtree amendment with
 * its parse-back. It prints the time per phase (CPU time of this thread),
 * each beside a plain sequential read of the handover's metadata (map
 * pages, folio arrays, LUO blocks), the memory baton's model needs, and
 * the work counters.
 *
 *   scale_bench            1/16, 1/8 and 1/4 of the host: a 4 TiB
 *                          memfd in 2 MiB folios, a 256 GiB order-0 memfd,
 *                          50,000 sessions of 4 files (200,000 files);
 *                          about 25 s and 2.3 GiB of RAM here
 *   scale_bench --div N    1/N, 2/N, 4/N of it (--div 4 reaches the whole
 *                          host and needs some 9 GiB)
 *   scale_bench --targets  the two hosted targets, each alone:
 *                          the 4 TiB host in 2 MiB folios, then the
 *                          256 GiB order-0 memfd (about 5 GiB of RAM)
 *   scale_bench --check    1/1024 of that, x1 x2 x4, asserting the work
 *                          counters grow exactly linearly, one index search
 *                          per memfd at most (not per folio), as many
 *                          index runs at every size, no entry
 *                          lost by the amendment (make test-scale)
 */
#include <host/scenario/host_scenario.h>
#include <host/scenario/host_storage.h>
#include <luo/handover_fingerprint.h>
#include <luo/kho_amend.h>
#include <mm/mm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SCRATCH_BYTES	(512 * SZ_1M)	/* two areas at the arena's base */
#define MAP_VISIT_SLOTS	(1u << 17)	/* the payload's memory-phase pool */
#define BLOB_PAGES	90

struct size {
	u64 host;		/* bytes in 2 MiB folios */
	u64 order0;		/* bytes in 4 KiB folios */
	u32 sessions;
	u32 files;		/* per session, one page each */
};

struct result {
	double t_mm, t_parse, t_fp, t_amend, t_plain;
	u64 meta_bytes;		/* what the plain read reads */
	u64 model_bytes;	/* baton's model storage */
	u64 mm_arena;
	u64 entries, runs, index_runs, map_pages, bitmap_bytes, folios;
	u64 folio_searches;
	u64 luo_blocks, luo_entries, memfds, sessions, files, grown;
	bool merged;		/* the index sorted by merging runs */
	bool fp_complete;	/* the fingerprint covered every entry */
	u64 missing, added, errors, warnings;
};

static double now(void)
{
	struct timespec ts;

	/* CPU time: the build machine is shared, wall time is noise */
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static struct finding findings_items[4096];
static struct finding_list findings;
static struct finding mm_items[64];
static struct finding_list mm_findings;
static struct mm mm;
static u64 map_visit[MAP_VISIT_SLOTS];

static bool build(struct host_scenario *s, const struct size *z)
{
	static const struct build_memfd one_page = { .size = PAGE_SIZE,
						     .no_content = true };
	struct build_memfd host = { .size = z->host, .folio_order = 9,
				    .no_content = true };
	struct build_memfd order0 = { .size = z->order0, .no_content = true };
	struct build_file vm[2] = { { .token = 1, .memfd = &host },
				    { .token = 2, .memfd = &order0 } };
	u32 n = z->sessions + 1, i;
	struct build_session *sessions = calloc(n, sizeof(*sessions));
	struct build_file *files = calloc(z->files, sizeof(*files));
	char (*names)[16] = calloc(n, 16);
	struct handover_spec spec = {
		.profile = PROFILE_7_2, .liveupdate_num = 1,
		.sessions = sessions, .session_count = n,
		.previous_release = "7.2.0-scale", .kexec_count = 1,
	};
	u64 folios = z->host / SZ_2M + z->order0 / PAGE_SIZE;
	/* + the folio arrays' pages (16 bytes a folio) and their chunks */
	u64 entries = folios + folios / 128 +
		      8ULL * z->sessions * z->files + (1u << 16);
	u64 arena = SCRATCH_BYTES + z->host + z->order0 + SZ_1G +
		    16 * (z->host / SZ_2M + z->order0 / PAGE_SIZE) +
		    6ULL * PAGE_SIZE * z->sessions * z->files;
	struct kho_scratch_ser areas[2] = {
		{ HOST_SCENARIO_BASE, SCRATCH_BYTES / 2 },
		{ HOST_SCENARIO_BASE + SCRATCH_BYTES / 2, SCRATCH_BYTES / 2 },
	};
	bool ok;

	memset(s, 0, sizeof(*s));
	if (!sessions || !files || !names ||
	    !host_arena_init_sparse(&s->arena, HOST_SCENARIO_BASE, arena))
		return false;
	s->arena.no_log = true;
	host_arena_skip(&s->arena, SCRATCH_BYTES);
	host_arena_builder_alloc(&s->arena, &s->alloc);
	s->preserved = calloc(entries, sizeof(u64));
	s->m = calloc(1, sizeof(*s->m));
	if (!s->preserved || !s->m ||
	    !handover_builder_init(&s->b, &s->alloc, PROFILE_7_2,
				   s->preserved, entries))
		return false;
	for (i = 0; i < z->files; i++)
		files[i] = (struct build_file){ .token = 100 + i,
						.memfd = &one_page };
	sessions[0] = (struct build_session){ "vm", vm, 2 };
	for (i = 1; i < n; i++) {
		snprintf(names[i], 16, "s%06u", i);
		sessions[i] = (struct build_session){ names[i], files,
						      z->files };
	}
	ok = handover_build(&s->b, &spec) && !s->b.failed;
	memcpy(host_scenario_ptr(s, areas[1].addr), areas, sizeof(areas));
	s->rec = (struct boot_kho_record){
		.present = true, .setup_data_pa = areas[1].addr + PAGE_SIZE,
		.len = sizeof(struct kho_data_ser), .fdt_addr = s->b.fdt_pa,
		.fdt_size = PAGE_SIZE, .scratch_addr = areas[1].addr,
		.scratch_size = sizeof(areas),
	};
	free(sessions);
	free(files);
	free(names);
	return ok;
}

static int walk(struct host_scenario *s, const struct kho_map_sink *sink,
		unsigned int n)
{
	struct handover_access ha;
	struct visit_set visited;
	struct kho_map_stats stats = { 0 };

	handover_access_init(&ha, &s->arena.view, &mm_findings);
	visit_set_init(&visited, map_visit, MAP_VISIT_SLOTS);
	kho_radix_walk(&ha, s->b.mem_map, &visited, sink, &stats);
	return mm_map_walk_result(&mm, n, s->b.mem_map, stats.incomplete,
				  visited.used);
}

/* baton's memory phase: e820, scratch, two walks, arena, commit. */
static bool memory_phase(struct host_scenario *s, struct result *r,
			 void **arena)
{
	struct boot_e820_entry e820[] = {
		{ 0, 0x9fc00, E820_TYPE_RAM },
		{ SZ_1M, s->arena.base + s->arena.size - SZ_1M,
		  E820_TYPE_RAM },
	};
	struct kho_map_sink scan = { &mm, mm_scan_preserved,
				     mm_scan_preserved_run, mm_scan_map_page };
	struct kho_map_sink reserve = { &mm, mm_reserve_preserved,
					mm_reserve_preserved_run,
					mm_reserve_map_page };
	phys_addr_t pa;
	u64 size;
	double t0, t1;

	finding_list_init(&mm_findings, mm_items, ARRAY_SIZE(mm_items));
	mm_init(&mm, &mm_findings);
	mm_load_e820(&mm, e820, ARRAY_SIZE(e820));
	mm_add_scratch_area(&mm, HOST_SCENARIO_BASE, SCRATCH_BYTES / 2);
	mm_add_scratch_area(&mm, HOST_SCENARIO_BASE + SCRATCH_BYTES / 2,
			    SCRATCH_BYTES / 2);
	t0 = now();
	if (walk(s, &scan, 1) || mm_arena_place(&mm, &pa, &size))
		return false;
	t1 = now();
	*arena = malloc(size);
	if (!*arena)
		return false;
	memset(*arena, 0, size);	/* the payload's arena is mapped RAM */
	r->mm_arena = size;
	t0 += now() - t1;	/* the arena is not baton's work */
	if (mm_arena_attach(&mm, *arena, pa, size) || walk(s, &reserve, 2) ||
	    mm_reserve_commit(&mm))
		return false;
	r->t_mm = now() - t0;
	r->runs = mm.scan.runs[0];
	return true;
}

/* flow_handover_storage's sizes, growth as baton grows. */
static bool storage(struct model_storage *st, u64 extra_entries,
		    u64 extra_map_pages)
{
	struct host_storage_caps caps = {
		.folios = mm.preserved_count + extra_entries,
		.preserved = mm.preserved_count + extra_entries,
		.map_pages = mm.map_pages + extra_map_pages,
		.grow = true,
	};

	return host_storage_alloc(st, &caps);
}

/*
 * baton's model storage is mapped RAM from mm (flow_alloc: neither zeroed
 * nor demand-faulted); calloc's pages fault in on first write, which
 * would time the host kernel's page clearing, so touch them first as the
 * memory phase does its arena.
 */
static void touch(void *p, u64 bytes)
{
	if (p)
		memset(p, 0, bytes);
}

static void touch_storage(const struct model_storage *st)
{
	touch(st->folios, st->folios_cap * sizeof(*st->folios));
	touch(st->preserved, st->preserved_cap * sizeof(*st->preserved));
	touch(st->map_pages, st->map_pages_cap * sizeof(*st->map_pages));
	touch(st->map_visit, st->map_visit_slots * sizeof(*st->map_visit));
	touch(st->luo_visit, st->luo_visit_slots * sizeof(*st->luo_visit));
}

static u64 model_bytes(const struct model_storage *st,
		       const struct handover_model *m)
{
	const struct preserved_index *idx = &m->preserved;
	u64 claim_bits = 0, i;

	for (i = 0; i < idx->run_count; i++)
		if (idx->runs[i].claimed)
			claim_bits += (idx->runs[i].count / 64 + 1) * sizeof(u64);
	return st->folios_cap * sizeof(struct model_folio) +
	       idx->capacity * sizeof(struct preserved_run) + claim_bits +
	       st->map_pages_cap * sizeof(u64) +
	       (st->map_visit_slots + m->luo_visit.slot_count) * sizeof(u64) +
	       (u64)m->sessions_cap * sizeof(struct model_session) +
	       (u64)m->files_cap * sizeof(struct model_file) +
	       (u64)m->memfds_cap * sizeof(struct model_memfd) +
	       m->work_cap * sizeof(u64) +
	       m->merge_buffer * sizeof(struct preserved_run) + sizeof(*m);
}

static void *alloc_page(void *ctx, phys_addr_t *pa)
{
	struct host_scenario *s = ctx;

	*pa = host_arena_alloc(&s->arena, 0);
	return *pa ? host_scenario_ptr(s, *pa) : NULL;
}

static void parse(struct host_scenario *s, struct model_storage *st)
{
	s->cfg = (struct handover_config){ .view = &s->arena.view,
					   .kho = s->rec };
	finding_list_init(&findings, findings_items,
			  ARRAY_SIZE(findings_items));
	handover_parse(&s->cfg, st, s->m, &findings);
}

/* The amendment and its parse-back, as phase_amend does them. */
static bool amend(struct host_scenario *s, struct result *r)
{
	struct preserved_index old = s->m->preserved;
	struct kho_amend_result *res = calloc(1, sizeof(*res));
	struct model_storage st;
	struct kho_amend_range add[2];
	struct kho_amend_diff d;
	phys_addr_t fdt_pa = host_arena_alloc(&s->arena, 0);
	phys_addr_t blob_pa = host_arena_alloc(&s->arena, 7);
	struct kho_amend_request req = {
		.view = &s->arena.view, .fdt_pa = s->rec.fdt_addr,
		.fdt_size = PAGE_SIZE, .name = "baton", .blob_pa = blob_pa,
		.blob_size = BLOB_PAGES * PAGE_SIZE - 100,
		.add = add, .add_count = 2, .alloc = { alloc_page, s },
	};
	u64 extra_entries, extra_map_pages;
	double t0, t1;

	struct preserved_run *old_runs = malloc(old.run_count *
						sizeof(*old_runs) + 1);

	if (!res || !old_runs || !fdt_pa || !blob_pa)
		return false;
	preserved_index_copy(&old, &s->m->preserved, old_runs);
	req.new_fdt = host_scenario_ptr(s, fdt_pa);
	add[0] = (struct kho_amend_range){ fdt_pa, PAGE_SIZE };
	add[1] = (struct kho_amend_range){ blob_pa, BLOB_PAGES * PAGE_SIZE };
	t0 = now();
	if (!kho_amend(&req, res))
		return false;
	kho_amend_parse_back_extra(res, &extra_entries, &extra_map_pages);
	if (!storage(&st, 16 + extra_entries, 16 + extra_map_pages))
		return false;
	t1 = now();
	touch_storage(&st);
	t0 += now() - t1;	/* mapped RAM in baton: not its work */
	s->rec.fdt_addr = fdt_pa;
	parse(s, &st);
	kho_amend_compare(&old, &s->m->preserved, add, 2, &d);
	r->t_amend = now() - t0;
	r->missing = d.missing + d.extra + d.new_dropped;
	r->added = d.added;
	host_storage_free(&st);
	free(old.runs);
	free(res);
	return true;
}

/*
 * The fingerprint phase as baton.digest=off runs it: FDT, preserved set,
 * LUO, memfd tokens and sizes, no memfd byte read.
 */
static void fingerprint(struct host_scenario *s, struct result *r)
{
	static struct handover_fingerprint fp;
	const struct fingerprint_memfd_source src = { .skip_content = true };
	double t0 = now();

	handover_fingerprint_with(&s->arena.view, s->m, NULL, 0, &src, &fp);
	r->t_fp = now() - t0;
	r->fp_complete = fp.present && fp.preserved_complete;
}

/* A sequential read of as many bytes as the metadata baton reads. */
static double plain_read(u64 bytes)
{
	u64 *buf = malloc(bytes), sum = 0, i;
	double t0, t;

	if (!buf)
		return 0;
	memset(buf, 1, bytes);
	t0 = now();
	for (i = 0; i < bytes / 8; i++)
		sum += buf[i];
	t = now() - t0;
	__asm__ volatile("" : : "r"(sum));
	free(buf);
	return t;
}

static bool run(const struct size *z, struct result *r)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct model_storage st;
	void *arena = NULL;
	double t0;

	memset(r, 0, sizeof(*r));
	if (!s || !build(s, z) || !memory_phase(s, r, &arena) ||
	    !storage(&st, 16, 16)) {
		fprintf(stderr, "scale_bench: setup failed: %s\n", mm.error);
		return false;
	}
	touch_storage(&st);
	t0 = now();
	parse(s, &st);
	r->t_parse = now() - t0;
	r->entries = s->m->map.entries;
	r->index_runs = s->m->preserved.run_count;
	r->map_pages = s->m->map.map_pages;
	r->bitmap_bytes = s->m->map.bitmap_bytes;
	r->folios = s->m->luo_work.folios;
	r->folio_searches = s->m->luo_work.folio_searches;
	r->luo_blocks = s->m->luo_work.blocks;
	r->luo_entries = s->m->luo_work.entries;
	r->memfds = s->m->luo_work.memfds;
	r->sessions = s->m->session_count;
	r->files = s->m->file_count;
	r->grown = s->m->grown + s->m->luo_visit.grown;
	r->merged = s->m->preserved.merged;
	fingerprint(s, r);
	r->errors = findings.by_severity[FINDING_ERROR];
	r->warnings = findings.by_severity[FINDING_WARNING];
	r->model_bytes = model_bytes(&st, s->m) + r->mm_arena;
	r->meta_bytes = r->map_pages * PAGE_SIZE +
			(s->m->luo_work.vmalloc_pages + r->luo_blocks +
			 r->memfds) * PAGE_SIZE;
	if (!amend(s, r))
		fprintf(stderr, "scale_bench: amendment failed\n");
	r->t_plain = plain_read(r->meta_bytes);
	host_storage_free(&st);
	free(arena);
	free(s->preserved);
	free(s->m);
	host_arena_free(&s->arena);
	free(s);
	return true;
}

static double ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

static void print(const struct size *z, const struct result *r)
{
	printf("host %5llu GiB (2M) + %6llu MiB order-0 + %6u sessions x %u files: %llu entries in %llu index runs, %llu mm runs, %llu map pages, %llu folios (%llu index searches), %llu model growths, index %s\n",
	       (unsigned long long)(z->host >> 30),
	       (unsigned long long)(z->order0 >> 20), z->sessions, z->files,
	       (unsigned long long)r->entries,
	       (unsigned long long)r->index_runs, (unsigned long long)r->runs,
	       (unsigned long long)r->map_pages,
	       (unsigned long long)r->folios,
	       (unsigned long long)r->folio_searches,
	       (unsigned long long)r->grown,
	       r->merged ? "merged" : "heapsorted");
	printf("  memory phase %8.1f ms (%6.1fx plain read)  parse %8.1f ms (%6.1fx)  fingerprint %8.1f ms (%6.1fx)  amend+parse-back %8.1f ms (%6.1fx)  plain read %6.1f ms of %llu MiB\n",
	       r->t_mm * 1e3, ratio(r->t_mm, r->t_plain), r->t_parse * 1e3,
	       ratio(r->t_parse, r->t_plain), r->t_fp * 1e3,
	       ratio(r->t_fp, r->t_plain), r->t_amend * 1e3,
	       ratio(r->t_amend, r->t_plain), r->t_plain * 1e3,
	       (unsigned long long)(r->meta_bytes >> 20));
	printf("  baton needs %llu MiB (model %llu MiB + mm arena %llu MiB); sessions %llu files %llu memfds %llu; amended: %llu added, %llu missing; %llu errors %llu warnings\n",
	       (unsigned long long)(r->model_bytes >> 20),
	       (unsigned long long)((r->model_bytes - r->mm_arena) >> 20),
	       (unsigned long long)(r->mm_arena >> 20),
	       (unsigned long long)r->sessions, (unsigned long long)r->files,
	       (unsigned long long)r->memfds, (unsigned long long)r->added,
	       (unsigned long long)r->missing, (unsigned long long)r->errors,
	       (unsigned long long)r->warnings);
}

static int failed;

static void expect(bool ok, const char *what)
{
	if (!ok) {
		printf("FAIL: scale %s\n", what);
		failed = 1;
	}
}

/*
 * c(4) - c(2) = 2 (c(2) - c(1)) to 0.1%: linear but for rounding (a
 * kho_vmalloc chunk lists 511 folio-array pages, so a memfd's chunk count
 * is a ceiling).
 */
static bool linear(u64 c1, u64 c2, u64 c4)
{
	s64 dev = (s64)(c4 - c2) - 2 * (s64)(c2 - c1);

	return c2 > c1 && c4 > c2 &&
	       (u64)(dev < 0 ? -dev : dev) * 1000 <= c4 - c2;
}

/*
 * The targets: parse + reserve of the 4 TiB 2 MiB-folio host
 * <= 50 ms, of the 256 GiB order-0 memfd <= 1 s, each alone (one
 * session), beside the plain read of the same run.
 */
static int targets(void)
{
	static const struct size shape[2] = {
		{ 4ULL << 40, PAGE_SIZE, 0, 4 }, { SZ_2M, 256ULL << 30, 0, 4 },
	};
	static const char *const name[2] = {
		"4 TiB in 2 MiB folios", "256 GiB order-0 memfd",
	};
	static const double goal_ms[2] = { 50, 1000 };
	struct result r;
	int i;

	for (i = 0; i < 2; i++) {
		double t;

		if (!run(&shape[i], &r))
			return 1;
		t = r.t_mm + r.t_parse;
		printf("target %s: %llu entries in %llu index runs, %llu folios; reserve %.1f ms + parse %.1f ms = %.1f ms (%.1fx plain read of %.1f ms / %llu MiB; goal %.0f ms: %s); baton needs %llu MiB\n",
		       name[i], (unsigned long long)r.entries,
		       (unsigned long long)r.index_runs,
		       (unsigned long long)r.folios, r.t_mm * 1e3,
		       r.t_parse * 1e3, t * 1e3, ratio(t, r.t_plain),
		       r.t_plain * 1e3,
		       (unsigned long long)(r.meta_bytes >> 20), goal_ms[i],
		       t * 1e3 <= goal_ms[i] ? "met" : "missed",
		       (unsigned long long)(r.model_bytes >> 20));
	}
	return 0;
}

int main(int argc, char **argv)
{
	bool check = argc > 1 && !strcmp(argv[1], "--check");
	const struct size full = { 4ULL << 40, 256ULL << 30, 50000, 4 };
	/* --div N: 1/N, 2/N, 4/N of the host */
	u64 div = check ? 1024 :
		  argc > 2 && !strcmp(argv[1], "--div") ?
		  strtoull(argv[2], NULL, 0) : 16;
	struct size z[3];
	struct result r[3];
	int i;

	/* 51 sessions a block: whole blocks keep the block count linear */
	u32 sessions = (u32)MAX(51, full.sessions / div / 51 * 51);

	if (argc > 1 && !strcmp(argv[1], "--targets"))
		return targets();

	for (i = 0; i < 3; i++) {
		u64 k = 1ULL << i;

		z[i] = (struct size){ full.host / div * k,
				      full.order0 / div * k,
				      (u32)(sessions * k), full.files };
		if (!run(&z[i], &r[i]))
			return 1;
		print(&z[i], &r[i]);
	}
	printf("growth x2 x4: entries %.2f %.2f, mm runs %.2f %.2f, memory phase %.2f %.2f, parse %.2f %.2f, fingerprint %.2f %.2f, amend %.2f %.2f, plain read %.2f %.2f, baton's memory %.2f %.2f\n",
	       ratio(r[1].entries, r[0].entries),
	       ratio(r[2].entries, r[0].entries), ratio(r[1].runs, r[0].runs),
	       ratio(r[2].runs, r[0].runs), ratio(r[1].t_mm, r[0].t_mm),
	       ratio(r[2].t_mm, r[0].t_mm), ratio(r[1].t_parse, r[0].t_parse),
	       ratio(r[2].t_parse, r[0].t_parse),
	       ratio(r[1].t_fp, r[0].t_fp), ratio(r[2].t_fp, r[0].t_fp),
	       ratio(r[1].t_amend, r[0].t_amend),
	       ratio(r[2].t_amend, r[0].t_amend),
	       ratio(r[1].t_plain, r[0].t_plain),
	       ratio(r[2].t_plain, r[0].t_plain),
	       ratio(r[1].model_bytes, r[0].model_bytes),
	       ratio(r[2].model_bytes, r[0].model_bytes));
	for (i = 0; i < 3; i++) {
		expect(r[i].errors == 0 && r[i].warnings == 0, "clean parse");
		expect(r[i].sessions == z[i].sessions + 1, "every session");
		expect(r[i].files == (u64)z[i].sessions * z[i].files + 2,
		       "every file");
		expect(r[i].folio_searches <= r[i].memfds,
		       "at most one index search per memfd");
		expect(r[i].merged, "index sorted by merging the walk's runs");
		expect(r[i].fp_complete, "fingerprint over every entry");
		expect(r[i].missing == 0 && r[i].added == 1 + BLOB_PAGES,
		       "amendment keeps every entry");
	}
	expect(linear(r[0].entries, r[1].entries, r[2].entries),
	       "entries linear");
	expect(linear(r[0].folios, r[1].folios, r[2].folios),
	       "folio checks linear");
	expect(linear(r[0].luo_entries, r[1].luo_entries, r[2].luo_entries),
	       "LUO entries linear");
	expect(linear(r[0].luo_blocks, r[1].luo_blocks, r[2].luo_blocks),
	       "LUO blocks linear");
	/* leaves are linear, the tables above them a ceiling each */
	expect(r[2].map_pages - r[1].map_pages <=
	       2 * (r[1].map_pages - r[0].map_pages) + 8,
	       "map pages at most linear");
	/* the memory phase works per run: contiguous pages add no work */
	expect(r[2].runs == r[0].runs, "mm runs independent of the pages");
	/* the preserved index holds runs: its size follows them, not RAM */
	expect(r[2].index_runs == r[0].index_runs,
	       "index runs independent of the pages");
	if (!failed)
		printf("PASS: scale (1/%llu, 2/%llu, 4/%llu of the issue's host: every session and file held, work counters linear, <= 1 index search per memfd, index runs independent of RAM, 0 entries lost by the amendment)\n",
		       (unsigned long long)div, (unsigned long long)div,
		       (unsigned long long)div);
	return failed;
}
