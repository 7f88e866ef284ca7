/* SPDX-License-Identifier: MIT */
/*
 * Shared by the digest tests (test_digest_check, test_luo_findings): a
 * built Linux 7.2 handover with sessions vm-alpha {1, 2}, vm-beta {7} and,
 * optionally, baton-agent {0: a manifest made by make_manifest()}.
 */
#ifndef BATON_TESTS_TEST_DIGEST_UTIL_H
#define BATON_TESTS_TEST_DIGEST_UTIL_H

#include "test_luo_util.h"
#include <baton/crc32c.h>
#include <luo/digest_check.h>

#define MF_SESSIONS	2
#define MF_FILES_MAX	4
#define MF_MAX		(AMF_HEADER_SIZE + MF_SESSIONS * AMF_SESSION_SIZE + \
			 MF_FILES_MAX * AMF_FILE_ENTRY_SIZE)

static const struct build_memfd dg_small = { .size = 10000, .folio_order = 0 };
static const struct build_memfd dg_huge = { .size = 3 * SZ_1M + 123,
					 .folio_order = 9 };
static const struct build_memfd dg_empty = { .size = 0 };

/* One manifest entry: session index, token, memfd (digest from it). */
struct dg_entry {
	u32 session;
	u64 token;
	const struct build_memfd *memfd;
	u32 digest_xor;		/* != 0: record a wrong digest */
};

static u8 dg_manifest[MF_MAX];
static struct build_memfd manifest_memfd;

static inline void mf_put32(u8 *p, u32 v)
{
	memcpy(p, &v, 4);
}

static inline void mf_put64(u8 *p, u64 v)
{
	memcpy(p, &v, 8);
}

/* The manifest baton-agent would write for these entries. */
static inline u64 make_manifest(const struct dg_entry *e, u32 n, u32 version)
{
	static const char *const names[MF_SESSIONS] = { "vm-alpha",
							 "vm-beta" };
	u64 len = agent_manifest_size(MF_SESSIONS, n);
	u8 *files = dg_manifest + AMF_HEADER_SIZE +
		    MF_SESSIONS * AMF_SESSION_SIZE;
	u32 i, per[MF_SESSIONS] = { 0 };

	memset(dg_manifest, 0, sizeof(dg_manifest));
	memcpy(dg_manifest, AGENT_MANIFEST_MAGIC, 8);
	mf_put32(dg_manifest + AMF_HDR_VERSION, version);
	mf_put32(dg_manifest + AMF_HDR_HEADER_SIZE, AMF_HEADER_SIZE);
	mf_put32(dg_manifest + AMF_HDR_SESSION_COUNT, MF_SESSIONS);
	mf_put32(dg_manifest + AMF_HDR_FILE_COUNT, n);
	for (i = 0; i < n; i++) {
		u8 *f = files + i * AMF_FILE_ENTRY_SIZE;

		mf_put32(f + AMF_FILE_SESSION, e[i].session);
		mf_put64(f + AMF_FILE_TOKEN, e[i].token);
		mf_put64(f + AMF_FILE_SIZE, e[i].memfd->size);
		mf_put64(f + AMF_FILE_DIGEST,
		      expected_digest(e[i].memfd, e[i].token) ^
		      e[i].digest_xor);
		per[e[i].session]++;
	}
	for (i = 0; i < MF_SESSIONS; i++) {
		u8 *s = dg_manifest + AMF_HEADER_SIZE + i * AMF_SESSION_SIZE;

		strcpy((char *)s, names[i]);
		mf_put32(s + AMF_SES_FILE_COUNT, per[i]);
	}
	mf_put64(dg_manifest + AMF_HDR_CHECKSUM,
	      agent_manifest_checksum(dg_manifest, len));
	return len;
}

static const struct dg_entry dg_all_files[] = {
	{ 0, 1, &dg_small, 0 }, { 0, 2, &dg_huge, 0 }, { 1, 7, &dg_empty, 0 },
};

/* vm-alpha {1, 2}, vm-beta {7}, baton-agent {0: the manifest} if len. */
static inline struct host_scenario *dg_build(u64 manifest_len)
{
	static struct build_file alpha[2], beta[1], agent[1];
	static struct build_session sessions[3];
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(PROFILE_7_2);

	alpha[0] = (struct build_file){ .token = 1, .memfd = &dg_small };
	alpha[1] = (struct build_file){ .token = 2, .memfd = &dg_huge };
	beta[0] = (struct build_file){ .token = 7, .memfd = &dg_empty };
	manifest_memfd = (struct build_memfd){ .data = dg_manifest,
					       .size = manifest_len };
	agent[0] = (struct build_file){ .token = 0, .memfd = &manifest_memfd };
	sessions[0] = (struct build_session){ "vm-alpha", alpha, 2 };
	sessions[1] = (struct build_session){ "vm-beta", beta, 1 };
	sessions[2] = (struct build_session){ "baton-agent", agent, 1 };
	spec.sessions = sessions;
	spec.session_count = manifest_len ? 3 : 2;
	CHECK(host_scenario_init(s, PROFILE_7_2, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	host_scenario_parse(s);
	if (serious_findings(&s->findings))
		dump_findings(&s->findings);
	CHECK_EQ(serious_findings(&s->findings), 0);
	return s;
}

static struct digest_file dg_results[8];
static u8 dg_copy[MF_MAX];

static inline void dg_run(struct host_scenario *s, struct digest_report *r)
{
	*r = (struct digest_report){ .files = dg_results,
				     .files_cap = ARRAY_SIZE(dg_results) };
	finding_list_init(&s->findings, s->items, HOST_SCENARIO_FINDINGS);
	digest_check(&s->arena.view, s->m, dg_copy, sizeof(dg_copy), r,
		     &s->findings);
}

static inline void dg_done(struct host_scenario *s)
{
	host_scenario_free(s);
	free(s);
}

#endif
