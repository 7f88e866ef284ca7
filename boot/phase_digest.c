// SPDX-License-Identifier: MIT
/*
 * The content-digest phase: CRC32C of every preserved memfd, checked
 * against baton-agent's manifest when the handover carries one
 * (luo/digest_check.h). baton.digest=off skips it (no timeline stamp).
 * With more than one CPU (baton.smp, boot/smp.h) the memfds are cut into
 * units every CPU takes from one counter, and the results are gathered in
 * file order, so the report is the one a single CPU gives; baton.smp=off
 * keeps the single-CPU path, baton.smp=bench runs both and compares.
 */
#include <baton/cmdline.h>
#include <baton/log.h>
#include <baton/smp.h>
#include <baton/tsc.h>
#include <boot/flow.h>
#include <boot/smp.h>
#include <luo/digest_check.h>
#include <string.h>

/* A unit is at least this much of a file, more when there are many bytes. */
#define DIGEST_UNIT_BYTES	SZ_1M
#define DIGEST_UNITS_TARGET	16384

static struct digest_report report;

enum smp_mode { SMP_OFF, SMP_ON, SMP_BENCH };

static bool digest_enabled(const char *cmdline)
{
	bool on = true;

	if (cmdline_has(cmdline, "baton.digest") &&
	    !cmdline_get_bool(cmdline, "baton.digest", &on))
		pr_warn("digest: baton.digest value not understood, keeping on\n");
	return on;
}

static enum smp_mode smp_mode(const char *cmdline)
{
	char v[8];

	if (cmdline_get_str(cmdline, "baton.smp", v, sizeof(v)) &&
	    !strcmp(v, "bench"))
		return SMP_BENCH;
	return smp_enabled(cmdline) ? SMP_ON : SMP_OFF;
}

/* mm storage, NULL when there is nothing to hold or no room. */
static void *alloc_bytes(struct flow *f, u64 size, const char *what)
{
	void *p;

	if (!size)
		return NULL;
	p = flow_alloc(f, size);
	if (!p)
		pr_warn("digest: no room for the %s (0x%llx bytes): %s\n",
			what, (unsigned long long)size, f->mm->error);
	return p;
}

static u64 us_since(u64 t0)
{
	return tsc_ticks_to_us(arch_timestamp() - t0, arch_tsc_khz());
}

/* About DIGEST_UNITS_TARGET units whatever the memfds' total size. */
static u64 unit_bytes(const struct handover_model *m)
{
	u64 total = 0;
	u32 i;

	for (i = 0; m->memfds && i < MIN(m->memfd_count, m->memfds_cap); i++)
		total += m->memfds[i].size;
	return MAX((u64)DIGEST_UNIT_BYTES,
		   ALIGN_UP(total / DIGEST_UNITS_TARGET, (u64)PAGE_SIZE));
}

static u64 digest_job(void *ctx)
{
	return digest_work_run(ctx);
}

/*
 * The digests on every CPU into report; false (nothing done) when there
 * is no other CPU or no room, and the caller digests alone.
 */
static bool digest_parallel(struct flow *f, void *manifest_buf,
			    u64 manifest, u64 *run_us,
			    struct digest_report *out, struct finding_list *l)
{
	const struct handover_model *m = f->model;
	u64 ub = unit_bytes(m), units = digest_work_units(m, ub), t0, t1;
	struct digest_work w;
	struct smp_set smp;
	void *storage;
	u32 cpus, i;

	if (!units)
		return false;
	t0 = arch_timestamp();
	cpus = smp_start(f, &smp);
	if (cpus < 2)
		return false;
	storage = alloc_bytes(f, digest_work_bytes(units), "digest work units");
	if (!storage || !digest_work_init(&w, f->ram_view, m, ub, storage,
					  units)) {
		smp_park(f, &smp);
		return false;
	}
	t1 = arch_timestamp();
	smp_run(f, &smp, digest_job, &w);
	*run_us = us_since(t1);
	if (!digest_work_complete(&w))	/* a CPU stopped mid-unit */
		pr_warn("digest: %llu units redone by the boot CPU\n",
			(unsigned long long)digest_work_redo(&w));
	smp_park(f, &smp);
	pr_info("digest: %u CPUs digesting, %llu units of 0x%llx bytes (start+park %llu us, digest %llu us)\n",
		cpus, (unsigned long long)units, (unsigned long long)ub,
		(unsigned long long)(us_since(t0) - *run_us),
		(unsigned long long)*run_us);
	for (i = 0; i < smp.count; i++)
		pr_info("digest: CPU %u (%s %u): %llu units%s\n", i,
			arch_smp_id_name(), smp.cpus[i].hw_id,
			(unsigned long long)smp.cpus[i].work,
			smp.cpus[i].running || !i ? "" : " (not running)");
	digest_check_work(f->ram_view, m, manifest_buf, manifest, out, l, &w);
	return true;
}

/*
 * baton.smp=bench: BENCH_ROUNDS pairs of (one CPU alone, the other CPUs
 * halted in wait-for-SIPI; then all CPUs), so a busy host's slow moments
 * fall on both sides; the last pair's parallel results are the report's.
 */
#define BENCH_ROUNDS	3

static struct digest_report smp_bench_single, smp_bench_parallel;
static struct finding smp_bench_items[64];

static bool smp_bench_storage(struct flow *f, u64 files)
{
	smp_bench_single.files = alloc_bytes(f, files * sizeof(*report.files),
					 "bench digest results");
	smp_bench_parallel.files = alloc_bytes(f, files * sizeof(*report.files),
					   "bench digest results");
	smp_bench_single.files_cap = smp_bench_single.files ? (u32)files : 0;
	smp_bench_parallel.files_cap = smp_bench_parallel.files ? (u32)files : 0;
	return files && smp_bench_single.files && smp_bench_parallel.files;
}

static bool same_results(const struct digest_report *a,
			 const struct digest_report *b)
{
	u32 i;

	if (a->count != b->count || a->bytes != b->bytes ||
	    a->bytes_read != b->bytes_read || a->missing != b->missing ||
	    memcmp(a->by_status, b->by_status, sizeof(a->by_status)))
		return false;
	for (i = 0; i < a->count; i++)
		if (a->files[i].status != b->files[i].status ||
		    a->files[i].crc32c != b->files[i].crc32c)
			return false;
	return true;
}

static u64 sort_median(u64 *v, u32 n)
{
	u32 i, j;
	u64 t;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (v[j] < v[i]) {
				t = v[i];
				v[i] = v[j];
				v[j] = t;
			}
	return v[n / 2];
}

/*
 * The bench rounds before the report's own digest; false when there is
 * nothing to compare (no other CPU, no room).
 */
static bool smp_bench(struct flow *f, void *manifest_buf, u64 manifest,
		  u64 files, u64 *ratio_x100, bool *same)
{
	u64 single[BENCH_ROUNDS], all[BENCH_ROUNDS], r[BENCH_ROUNDS], t0;
	struct finding_list l;
	u32 i;

	if (!smp_bench_storage(f, files))
		return false;
	*same = true;
	for (i = 0; i < BENCH_ROUNDS; i++) {
		finding_list_init(&l, smp_bench_items, ARRAY_SIZE(smp_bench_items));
		t0 = arch_timestamp();
		digest_check(f->ram_view, f->model, manifest_buf, manifest,
			     &smp_bench_single, &l);
		single[i] = MAX(us_since(t0), 1ULL);
		finding_list_init(&l, smp_bench_items, ARRAY_SIZE(smp_bench_items));
		if (!digest_parallel(f, manifest_buf, manifest, &all[i],
				     &smp_bench_parallel, &l))
			return false;
		all[i] = MAX(all[i], 1ULL);
		*same = *same && same_results(&smp_bench_single, &smp_bench_parallel);
		r[i] = single[i] * 100 / all[i];
		pr_info("digest: smp bench round %u: 1 CPU %llu us, all CPUs %llu us: %llu.%02llux\n",
			i + 1, (unsigned long long)single[i],
			(unsigned long long)all[i],
			(unsigned long long)(r[i] / 100),
			(unsigned long long)(r[i] % 100));
	}
	*ratio_x100 = sort_median(r, BENCH_ROUNDS);
	pr_info("digest: smp bench: median 1 CPU %llu us, all CPUs %llu us over %u rounds\n",
		(unsigned long long)sort_median(single, BENCH_ROUNDS),
		(unsigned long long)sort_median(all, BENCH_ROUNDS),
		BENCH_ROUNDS);
	return true;
}

void phase_digest(struct flow *f)
{
	const struct handover_model *m = f->model;
	u64 files, manifest, t0, run_us = 0, ratio = 0;
	bool benched = false, same = false;
	enum smp_mode mode;
	void *manifest_buf;

	if (!m || !f->mm_ready)
		return;
	if (!digest_enabled(f->bi->cmdline)) {
		report.enabled = false;
		f->digest = &report;
		pr_info("digest: off (baton.digest=off)\n");
		return;
	}
	mode = smp_mode(f->bi->cmdline);
	files = m->files ? MIN(m->file_count, m->files_cap) : 0;
	report.files = alloc_bytes(f, files * sizeof(*report.files),
				   "digest results");
	report.files_cap = report.files ? (u32)files : 0;
	manifest = digest_manifest_bytes(m);
	if (manifest)
		digest_lookup_room(f->model);
	if (manifest > AGENT_MANIFEST_MAX_BYTES)
		manifest = 0;	/* digest_check reports it as too large */
	manifest_buf = alloc_bytes(f, manifest, "manifest copy");
	if (mode == SMP_BENCH)
		benched = smp_bench(f, manifest_buf, manifest, files, &ratio,
				&same);
	t0 = arch_timestamp();
	if (mode == SMP_OFF ||
	    !digest_parallel(f, manifest_buf, manifest, &run_us, &report,
			     f->handover_findings))
		digest_check(f->ram_view, m, manifest_buf, manifest, &report,
			     f->handover_findings);
	f->digest = &report;
	flow_mark(f, "digest");
	pr_info("digest: %u memfds, 0x%llx bytes, crc32c (%s), %llu us; manifest %s\n",
		report.count - report.by_status[DIGEST_NOT_MEMFD],
		(unsigned long long)report.bytes,
		report.hw ? "sse4.2" : "table", (unsigned long long)us_since(t0),
		digest_manifest_state_name(report.manifest));
	if (benched)
		pr_info("digest: smp bench: median ratio %llu.%02llux (1 CPU / all CPUs, %u rounds), results %s\n",
			(unsigned long long)(ratio / 100),
			(unsigned long long)(ratio % 100), BENCH_ROUNDS,
			same && same_results(&smp_bench_single, &report) ?
			"identical" : "DIFFER");
}
