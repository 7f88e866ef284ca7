// SPDX-License-Identifier: MIT
/*
 * Whole-handover parse benchmark: the standard 7.2 scenario plus N extra
 * preserved entries (order 0 every other page and order 9 blocks, so the
 * map stream is not sorted), parsed with handover_parse: map walk, index,
 * heapsort, overlap/RAM/scratch checks, LUO and memfd. Prints ns per entry
 * for three sizes to show the O(n log n) cost.
 */
#include <host/scenario/host_scenario.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EXTRA_BASE	0x10000000000ULL	/* 1 TiB */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static const struct build_memfd memfd = { .size = 1 << 20, .folio_order = 0 };
static const struct build_file files[] = { { .token = 1, .memfd = &memfd } };
static const struct build_session sessions[] = { { "bench", files, 1 } };

static void bench(u64 extra)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = {
		.profile = PROFILE_7_2, .liveupdate_num = 1,
		.sessions = sessions, .session_count = 1,
		.previous_release = "7.2", .kexec_count = 1,
	};
	struct phys_range ram[2];
	u64 *e = calloc(extra, 8), i;
	struct preserved_run *index;
	double best = 1e9;
	int r;

	host_scenario_init(s, PROFILE_7_2, 256 * SZ_1M);
	host_scenario_build(s, &spec);
	for (i = 0; i < extra; i++)
		e[i] = i % 8 == 7 ?
		       (EXTRA_BASE + (16ULL << 30) + (i / 8) * 2 * SZ_2M) | 9 :
		       (EXTRA_BASE + i * 2 * PAGE_SIZE) | 0;
	kho_radix_build(&s->alloc, s->b.radix_root, e, extra);
	/* room: merge path (every order-0 page is a run of its own here) */
	index = calloc(2 * extra + (1 << 16), sizeof(*index));
	free(s->st.preserved);
	s->st.preserved = index;
	s->st.preserved_cap = 2 * extra + (1 << 16);
	ram[0] = (struct phys_range){ s->arena.base, s->arena.size };
	ram[1] = (struct phys_range){ EXTRA_BASE, 1ULL << 40 };
	for (r = 0; r < 3; r++) {
		double t0;

		s->cfg = (struct handover_config){ .view = &s->arena.view,
						   .kho = s->rec, .ram = ram,
						   .ram_count = 2 };
		finding_list_init(&s->findings, s->items,
				  HOST_SCENARIO_FINDINGS);
		t0 = now();
		handover_parse(&s->cfg, &s->st, s->m, &s->findings);
		best = MIN(best, now() - t0);
	}
	printf("handover_parse 7.2 + %8llu extra entries: %8.2f ms  %6.1f ns/entry  (%llu entries, %llu errors)\n",
	       (unsigned long long)extra, best * 1e3,
	       best * 1e9 / s->m->map.entries,
	       (unsigned long long)s->m->map.entries,
	       (unsigned long long)s->findings.by_severity[FINDING_ERROR]);
	host_scenario_free(s);
	free(s);
	free(e);
}

int main(void)
{
	printf("whole-handover parse (best of 3)\n");
	bench(1 << 16);
	bench(1 << 18);
	bench(1 << 20);
	return 0;
}
