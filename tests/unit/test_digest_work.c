// SPDX-License-Identifier: MIT
/*
 * The parallel memfd digest (digest_work_*, digest_check_work): units of
 * whole folios joined per file give exactly digest_check's report (results,
 * counters, findings) at every unit size, in any completion order, from
 * several threads at once, and when folios cannot stream or overlap across
 * units. Also crc32c_combine against the CRC of the concatenation.
 */
#include <pthread.h>
#include "check.h"
#include "test_digest_util.h"

#define WORK_UNITS_MAX	64

static struct digest_file serial_files[8], work_files[8];
static struct finding serial_items[HOST_SCENARIO_FINDINGS];
static struct finding_list serial_findings;
static struct digest_work_unit unit_storage[WORK_UNITS_MAX];

static void run_serial(struct host_scenario *s, struct digest_report *r)
{
	*r = (struct digest_report){ .files = serial_files,
				     .files_cap = ARRAY_SIZE(serial_files) };
	finding_list_init(&serial_findings, serial_items,
			  ARRAY_SIZE(serial_items));
	digest_check(&s->arena.view, s->m, dg_copy, sizeof(dg_copy), r,
		     &serial_findings);
}

/* Units done in reverse order, one at a time (the last CPU first). */
static void run_reverse(struct digest_work *w)
{
	u64 count = w->unit_count, u;

	for (u = count; u-- > 0;) {
		w->next = u;
		w->unit_count = u + 1;
		CHECK_EQ(digest_work_run(w), 1);
	}
	w->unit_count = count;
	w->next = count;
}

static void *thread_run(void *arg)
{
	return (void *)(uintptr_t)digest_work_run(arg);
}

/* Four threads take units from the one counter at once. */
static void run_threads(struct digest_work *w)
{
	pthread_t t[4];
	u64 total = 0;
	void *done;
	int i;

	for (i = 0; i < 4; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, thread_run, w), 0);
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], &done);
		total += (uintptr_t)done;
	}
	CHECK_EQ(total, w->unit_count);
}

enum order { IN_ORDER, REVERSE, THREADS };

/* The work path at unit_bytes against run_serial's r, field by field. */
static u64 check_work(struct host_scenario *s, const struct digest_report *r,
		      u64 unit_bytes, enum order order)
{
	struct digest_report wr = { .files = work_files,
				    .files_cap = ARRAY_SIZE(work_files) };
	u64 units = digest_work_units(s->m, unit_bytes);
	struct digest_work w;
	u32 i;

	CHECK(units <= WORK_UNITS_MAX);
	CHECK(digest_work_init(&w, &s->arena.view, s->m, unit_bytes,
			       unit_storage, units));
	CHECK_EQ(w.unit_count, units);
	CHECK(!digest_work_complete(&w) || !units);
	if (order == IN_ORDER)
		CHECK_EQ(digest_work_run(&w), units);
	else if (order == REVERSE)
		run_reverse(&w);
	else
		run_threads(&w);
	CHECK(digest_work_complete(&w));
	finding_list_init(&s->findings, s->items, HOST_SCENARIO_FINDINGS);
	digest_check_work(&s->arena.view, s->m, dg_copy, sizeof(dg_copy), &wr,
			  &s->findings, &w);
	CHECK_EQ(wr.enabled, r->enabled);
	CHECK_EQ(wr.manifest, r->manifest);
	CHECK_EQ(wr.manifest_file, r->manifest_file);
	CHECK_EQ(wr.count, r->count);
	CHECK_EQ(wr.truncated, r->truncated);
	CHECK_EQ(wr.bytes, r->bytes);
	CHECK_EQ(wr.bytes_read, r->bytes_read);
	CHECK_EQ(wr.missing, r->missing);
	CHECK_EQ(wr.lookup_compares, r->lookup_compares);
	CHECK_MEM(wr.by_status, r->by_status, sizeof(r->by_status));
	for (i = 0; i < r->count; i++) {
		CHECK_EQ(work_files[i].status, serial_files[i].status);
		CHECK_EQ(work_files[i].crc32c, serial_files[i].crc32c);
		CHECK_EQ(work_files[i].expected, serial_files[i].expected);
	}
	CHECK_EQ(s->findings.count, serial_findings.count);
	for (i = 0; i < MIN(s->findings.count, serial_findings.count); i++) {
		CHECK_EQ(s->items[i].code, serial_items[i].code);
		CHECK_EQ(s->items[i].pa, serial_items[i].pa);
		CHECK_STR(s->items[i].message, serial_items[i].message);
	}
	return units;
}

/* Every unit size and order on s; the unit counts at 4 KiB and 1 MiB. */
static void check_all(struct host_scenario *s, u64 units_4k, u64 units_1m)
{
	static const u64 sizes[] = { 4096, 8192, 12288, SZ_1M, 64 * SZ_1M };
	struct digest_report r;
	u32 i;

	run_serial(s, &r);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		check_work(s, &r, sizes[i], IN_ORDER);
		check_work(s, &r, sizes[i], REVERSE);
		check_work(s, &r, sizes[i], THREADS);
	}
	CHECK_EQ(digest_work_units(s->m, 4096), units_4k);
	CHECK_EQ(digest_work_units(s->m, SZ_1M), units_1m);
}

/*
 * dg_small: 3 order-0 folios, dg_huge: 2 order-9 folios, the manifest 1:
 * one unit per folio at 4 KiB (6), one per file at 1 MiB but dg_huge's
 * 1.5 MiB folios still one each (4).
 */
TEST(work_matches_serial_all_ok)
{
	struct host_scenario *s = dg_build(make_manifest(dg_all_files, 3, 2));
	struct digest_report r;

	run_serial(s, &r);
	CHECK_EQ(r.by_status[DIGEST_OK], 3);
	CHECK_EQ(serial_findings.count, 0);
	check_all(s, 6, 4);
	dg_done(s);
}

TEST(work_matches_serial_tampered)
{
	struct host_scenario *s = dg_build(make_manifest(dg_all_files, 3, 2));
	const struct model_memfd *md = &s->m->memfds[s->m->files[1].memfd];
	const struct model_folio *fo = &model_memfd_folios(s->m, md)[1];
	struct digest_report r;

	*(u8 *)host_scenario_ptr(s, (fo->pfn << PAGE_SHIFT) + 5) ^= 1;
	run_serial(s, &r);
	CHECK_EQ(r.by_status[DIGEST_MISMATCH], 1);
	CHECK_EQ(serial_findings.count, 1);
	CHECK_EQ(serial_items[0].code, E_MEMFD_DIGEST_MISMATCH);
	check_all(s, 6, 4);
	dg_done(s);
}

/* A folio of unknown order in the middle of a file: unreadable in both. */
TEST(work_matches_serial_unreadable)
{
	struct host_scenario *s = dg_build(make_manifest(dg_all_files, 3, 2));
	const struct model_memfd *md = &s->m->memfds[s->m->files[0].memfd];
	struct digest_report r;

	s->m->folios[md->folio_first + 1].order = -1;
	run_serial(s, &r);
	CHECK_EQ(serial_files[0].status, DIGEST_UNREADABLE);
	CHECK_EQ(serial_items[0].code, W_MEMFD_DIGEST_UNREADABLE);
	check_all(s, 6, 4);
	dg_done(s);
}

/*
 * dg_huge's second folio claims file offset 0 as well: the two folios
 * overlap, which only the join sees when they are in different units.
 */
TEST(work_matches_serial_overlap_across_units)
{
	struct host_scenario *s = dg_build(make_manifest(dg_all_files, 3, 2));
	const struct model_memfd *md = &s->m->memfds[s->m->files[1].memfd];
	struct digest_report r;

	s->m->folios[md->folio_first + 1].index = 0;
	run_serial(s, &r);
	CHECK_EQ(serial_files[1].status, DIGEST_UNREADABLE);
	CHECK_EQ(r.by_status[DIGEST_UNREADABLE], 1);
	check_all(s, 6, 4);
	dg_done(s);
}

/* Truncated folio list: no units for the file, unreadable like serial. */
TEST(work_matches_serial_truncated_folios)
{
	struct host_scenario *s = dg_build(make_manifest(dg_all_files, 3, 2));
	struct digest_report r;

	s->m->memfds[s->m->files[0].memfd].folios_truncated = true;
	run_serial(s, &r);
	CHECK_EQ(serial_files[0].status, DIGEST_UNREADABLE);
	check_all(s, 3, 3);
	dg_done(s);
}

TEST(work_storage_short)
{
	struct host_scenario *s = dg_build(make_manifest(dg_all_files, 3, 2));
	struct digest_work w;

	CHECK(!digest_work_init(&w, &s->arena.view, s->m, 4096, unit_storage,
				5));
	CHECK_EQ(w.unit_count, 0);
	CHECK(!digest_work_init(&w, &s->arena.view, s->m, 0, unit_storage,
				WORK_UNITS_MAX));
	CHECK(digest_work_init(&w, &s->arena.view, s->m, 4096, unit_storage,
			       6));
	CHECK_EQ(w.unit_count, 6);
	CHECK_EQ(digest_work_bytes(6), 6 * sizeof(struct digest_work_unit));
	dg_done(s);
}

TEST(crc32c_combine_concatenation)
{
	static u8 buf[3 * 4096 + 17];
	u64 seed = 0x9e3779b97f4a7c15ULL;
	u32 i, cut;

	for (i = 0; i < sizeof(buf); i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		buf[i] = (u8)(seed >> 56);
	}
	for (cut = 0; cut <= sizeof(buf); cut += 997)
		CHECK_EQ(crc32c_combine(crc32c(0, buf, cut),
					crc32c(0, buf + cut, sizeof(buf) - cut),
					sizeof(buf) - cut),
			 crc32c(0, buf, sizeof(buf)));
}
