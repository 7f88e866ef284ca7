/* SPDX-License-Identifier: MIT */
/*
 * Shared helpers of the luo/ unit tests (test_kho_*, test_luo_*,
 * test_memfd_*): finding dumps and the standard scenario.
 */
#ifndef BATON_TESTS_TEST_LUO_UTIL_H
#define BATON_TESTS_TEST_LUO_UTIL_H

#include <host/scenario/host_scenario.h>
#include <luo/memfd_content.h>
#include <stdio.h>

static inline void dump_findings(const struct finding_list *l)
{
	u32 i;

	for (i = 0; i < l->count; i++)
		fprintf(stderr, "    %s %s %#llx %s\n",
			finding_severity_name(l->items[i].severity),
			finding_code_name(l->items[i].code),
			(unsigned long long)l->items[i].pa,
			l->items[i].message);
}

/* Number of findings that are warnings or errors. */
static inline u32 serious_findings(const struct finding_list *l)
{
	return l->by_severity[FINDING_WARNING] + l->by_severity[FINDING_ERROR];
}

static const struct build_memfd std_memfd_small = {
	.size = 10000, .pos = 4096, .seals = 0x0c, .folio_order = 0,
};
static const struct build_memfd std_memfd_huge = {
	.size = 3 * SZ_1M + 123, .pos = 0, .seals = 0, .folio_order = 9,
};
static const struct build_memfd std_memfd_empty = { .size = 0 };
static const struct build_file std_files_alpha[] = {
	{ .token = 0x1001, .memfd = &std_memfd_small },
	{ .token = 0x1002, .memfd = &std_memfd_huge },
	{ .token = 0x1003, .memfd = &std_memfd_empty },
};
static const struct build_session std_sessions[] = {
	{ "alpha", std_files_alpha, 3 },
	{ "beta", NULL, 0 },
};
static const struct build_flb std_flbs[] = {
	{ "liveupdate-test-flb-v0", 0xFEEDF00DCAFEBEE0ULL, 1 },
	{ "liveupdate-test-flb-v1", 0xFEEDF00DCAFEBEE1ULL, 2 },
};
static const struct build_reserve_mem std_reserve_mem[] = {
	{ "trace", SZ_1M, 0 },
};

static inline struct handover_spec std_spec(enum release_profile p)
{
	return (struct handover_spec){
		.profile = p,
		.liveupdate_num = 5,
		.sessions = std_sessions,
		.session_count = 2,
		.flbs = std_flbs,
		.flb_count = 2,
		.reserve_mem = std_reserve_mem,
		.reserve_mem_count = 1,
		.previous_release = "7.2.13+deb14-amd64",
		.kexec_count = 3,
	};
}

/* Digest the builder's pattern gives a memfd with this seed. */
static inline u32 expected_digest(const struct build_memfd *mf, u64 seed)
{
	struct memfd_digest_state st;
	u64 i;

	memfd_digest_begin(&st);
	for (i = 0; i < mf->size; i++) {
		u8 c = build_pattern_byte(seed, i);

		memfd_digest_update(&st, &c, 1);
	}
	return memfd_digest_end(&st);
}

#endif
