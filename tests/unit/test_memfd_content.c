// SPDX-License-Identifier: MIT
/*
 * memfd contents: streaming in file order with holes and truncated tails,
 * digests against the source bytes, memfd-v1 and memfd-v2, and refusal
 * when a folio's order is unknown.
 */
#include "check.h"
#include "test_luo_util.h"

#define DATA_SIZE (3 * 4096 + 100)

static u8 data[DATA_SIZE];

struct collect {
	u8 buf[8 * 4096];
	u64 next;		/* offsets must arrive in order */
	bool ordered;
};

static void collect_chunk(void *ctx, u64 off, const void *host, u64 len)
{
	struct collect *c = ctx;

	c->ordered = c->ordered && off == c->next;
	if (off + len <= sizeof(c->buf)) {
		if (host)
			memcpy(c->buf + off, host, len);
		else
			memset(c->buf + off, 0, len);
	}
	c->next = off + len;
}

static struct host_scenario *build(enum release_profile p,
				   const struct build_memfd *mf)
{
	static struct build_file file;
	static struct build_session sess;
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(p);
	struct profile_versions v;

	file = (struct build_file){ .token = 77, .memfd = mf };
	sess = (struct build_session){ "data", &file, 1 };
	spec.sessions = &sess;
	spec.session_count = 1;
	release_profile_versions(p, &v);
	host_scenario_init(s, p, 64 * SZ_1M);
	host_scenario_build(s, &spec);
	s->v1_hint = v.v1_variant;
	return s;
}

static u8 *at(struct host_scenario *s, phys_addr_t pa)
{
	return host_scenario_ptr(s, pa);
}

static u64 at_le64(struct host_scenario *s, phys_addr_t pa)
{
	return abi_le64(at(s, pa));
}

static void fill_data(void)
{
	u64 i;

	for (i = 0; i < DATA_SIZE; i++)
		data[i] = (u8)(i * 7 + (i >> 9));
}

static void check_stream(enum release_profile p)
{
	const struct build_memfd mf = { .data = data, .size = DATA_SIZE };
	struct host_scenario *s;
	struct collect *c = calloc(1, sizeof(*c));
	bool ok;

	fill_data();
	s = build(p, &mf);
	host_scenario_parse(s);
	CHECK_EQ(serious_findings(&s->findings), 0);
	CHECK_EQ(s->m->memfd_count, 1);
	c->ordered = true;
	CHECK(memfd_stream(&s->arena.view, s->m, &s->m->memfds[0],
			   collect_chunk, c));
	CHECK(c->ordered);
	CHECK_EQ(c->next, DATA_SIZE);
	CHECK_MEM(c->buf, data, DATA_SIZE);
	CHECK_EQ(memfd_digest(&s->arena.view, s->m, &s->m->memfds[0], &ok),
		 memfd_digest_bytes(data, DATA_SIZE));
	CHECK(ok);
	host_scenario_free(s);
	free(s);
	free(c);
}

TEST(stream_memfd_v2) { check_stream(PROFILE_7_2); }
TEST(stream_memfd_v1) { check_stream(PROFILE_6_19); }
TEST(stream_memfd_v2_fdt_era) { check_stream(PROFILE_7_1); }

/* A folio entry with pfn 0 is skipped: its page reads back as zeros. */
TEST(stream_hole_reads_zero)
{
	const struct build_memfd mf = { .data = data, .size = DATA_SIZE };
	struct host_scenario *s;
	struct collect *c = calloc(1, sizeof(*c));
	static u8 want[DATA_SIZE];
	u8 *file, *folios;

	fill_data();
	s = build(PROFILE_7_2, &mf);
	CHECK_STR(s->b.subtrees[1].name, "LUO");
	file = at(s, at_le64(s, at_le64(s, s->b.subtrees[1].pa + 16) + 16 + 64) + 16);
	folios = at(s, at_le64(s, at_le64(s, abi_le64(file + 48) + 32) + 8));
	abi_put_le64(folios + 16, 0);		/* page 1 */
	host_scenario_parse(s);
	CHECK(finding_list_has(&s->findings, W_FOLIO_PFN_ZERO));
	CHECK(finding_list_has(&s->findings, E_MEMFD_SIZE_MISMATCH));
	c->ordered = true;
	CHECK(memfd_stream(&s->arena.view, s->m, &s->m->memfds[0],
			   collect_chunk, c));
	memcpy(want, data, DATA_SIZE);
	memset(want + 4096, 0, 4096);
	CHECK_MEM(c->buf, want, DATA_SIZE);
	host_scenario_free(s);
	free(s);
	free(c);
}

/* An order-9 folio holding a 5000-byte file streams exactly 5000 bytes. */
TEST(stream_truncates_large_folio)
{
	const struct build_memfd mf = { .size = 5000, .folio_order = 9 };
	struct host_scenario *s = build(PROFILE_7_2, &mf);
	struct collect *c = calloc(1, sizeof(*c));
	bool ok;

	host_scenario_parse(s);
	CHECK_EQ(serious_findings(&s->findings), 0);
	CHECK_EQ(s->m->memfds[0].nr_folios, 1);
	CHECK_EQ(s->m->folios[s->m->memfds[0].folio_first].order, 9);
	c->ordered = true;
	CHECK(memfd_stream(&s->arena.view, s->m, &s->m->memfds[0],
			   collect_chunk, c));
	CHECK_EQ(c->next, 5000);
	CHECK_EQ(memfd_digest(&s->arena.view, s->m, &s->m->memfds[0], &ok),
		 expected_digest(&mf, 77));
	host_scenario_free(s);
	free(s);
	free(c);
}

/* Empty files stream nothing and digest to the initial value. */
TEST(stream_empty_file)
{
	const struct build_memfd mf = { .size = 0 };
	struct host_scenario *s = build(PROFILE_7_2, &mf);
	bool ok;

	host_scenario_parse(s);
	CHECK_EQ(s->m->memfds[0].nr_folios, 0);
	CHECK_EQ(s->m->memfds[0].folios_desc.first, 0);
	CHECK_EQ(memfd_digest(&s->arena.view, s->m, &s->m->memfds[0], &ok),
		 memfd_digest_bytes("", 0));
	CHECK(ok);
	host_scenario_free(s);
	free(s);
}

/* A folio whose order is unknown cannot be streamed. */
TEST(stream_refuses_unknown_order)
{
	const struct build_memfd mf = { .data = data, .size = DATA_SIZE };
	struct host_scenario *s;
	bool ok = true;

	fill_data();
	s = build(PROFILE_7_2, &mf);
	host_scenario_parse(s);
	s->m->folios[s->m->memfds[0].folio_first + 1].order = -1;
	CHECK_EQ(memfd_digest(&s->arena.view, s->m, &s->m->memfds[0], &ok), 0);
	CHECK(!ok);
	host_scenario_free(s);
	free(s);
}

/*
 * The digest is CRC32C (baton-agent's manifest digest): golden values from
 * a bitwise reference, and streaming in odd pieces or as zero runs (which
 * use crc32c_shift) gives the same result as one buffer.
 */
#define BATON_CRC32C	0xda6936a3u	/* "baton" */
#define ZEROS_4K_CRC32C	0x98f94189u	/* 4096 zero bytes */

TEST(digest_golden_and_streaming)
{
	static u8 buf[10007];
	struct memfd_digest_state st;
	static const u8 zeros[4096];
	u64 i, off;
	u32 whole;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)(i * 131 + 7);
	CHECK_EQ(memfd_digest_bytes("", 0), 0);
	CHECK_EQ(memfd_digest_bytes("123456789", 9), 0xe3069283);
	CHECK_EQ(memfd_digest_bytes("baton", 5), BATON_CRC32C);
	CHECK_EQ(memfd_digest_bytes(zeros, sizeof(zeros)), ZEROS_4K_CRC32C);
	memfd_digest_begin(&st);
	memfd_digest_zeros(&st, 4096);
	CHECK_EQ(memfd_digest_end(&st), ZEROS_4K_CRC32C);
	whole = memfd_digest_bytes(buf, sizeof(buf));
	memfd_digest_begin(&st);
	for (off = 0; off < sizeof(buf); off += 13)
		memfd_digest_update(&st, buf + off, MIN(13, sizeof(buf) - off));
	CHECK_EQ(memfd_digest_end(&st), whole);
	memset(buf + 100, 0, 5000);
	whole = memfd_digest_bytes(buf, sizeof(buf));
	memfd_digest_begin(&st);
	memfd_digest_update(&st, buf, 100);
	memfd_digest_zeros(&st, 5000);
	memfd_digest_update(&st, buf + 5100, sizeof(buf) - 5100);
	CHECK_EQ(memfd_digest_end(&st), whole);
}
