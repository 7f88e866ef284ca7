// SPDX-License-Identifier: MIT
/*
 * baton-agent manifest parser (luo/agent_manifest.c): a valid manifest read
 * back field by field, the checksum's golden value and its blind spots
 * (checksum, tsc_kexec), and every malformed form with its exact error and
 * entry index.
 */
#include "check.h"
#include <baton/crc32c.h>
#include <luo/agent_manifest.h>

#define SESSIONS	2
#define FILES		3
#define LEN		(AMF_HEADER_SIZE + SESSIONS * AMF_SESSION_SIZE + \
			 FILES * AMF_FILE_ENTRY_SIZE)

static u8 buf[LEN + 64];

static void put32(u8 *p, u32 v)
{
	memcpy(p, &v, 4);
}

static void put64(u8 *p, u64 v)
{
	memcpy(p, &v, 8);
}

static u8 *session_at(u32 i)
{
	return buf + AMF_HEADER_SIZE + i * AMF_SESSION_SIZE;
}

static u8 *file_at(u32 i)
{
	return buf + AMF_HEADER_SIZE + SESSIONS * AMF_SESSION_SIZE +
	       i * AMF_FILE_ENTRY_SIZE;
}

static void reseal(void)
{
	put64(buf + AMF_HDR_CHECKSUM, agent_manifest_checksum(buf, LEN));
}

/* Sessions "vm-alpha" (files 0, 1) and "vm-beta" (file 2). */
static void build(void)
{
	static const u64 tokens[FILES] = { 1, 2, 0xffffffffffffffffULL };
	static const u32 owner[FILES] = { 0, 0, 1 };
	u32 i;

	memset(buf, 0, sizeof(buf));
	memcpy(buf, AGENT_MANIFEST_MAGIC, 8);
	put32(buf + AMF_HDR_VERSION, AGENT_MANIFEST_VERSION);
	put32(buf + AMF_HDR_HEADER_SIZE, AMF_HEADER_SIZE);
	put32(buf + AMF_HDR_SESSION_COUNT, SESSIONS);
	put32(buf + AMF_HDR_FILE_COUNT, FILES);
	put64(buf + AMF_HDR_TOTAL_BYTES, 0x101000);
	put64(buf + AMF_HDR_TSC_PREPARE, 0x1111);
	strcpy((char *)session_at(0), "vm-alpha");
	put32(session_at(0) + AMF_SES_FILE_COUNT, 2);
	strcpy((char *)session_at(1), "vm-beta");
	put32(session_at(1) + AMF_SES_FILE_COUNT, 1);
	for (i = 0; i < FILES; i++) {
		put32(file_at(i) + AMF_FILE_SESSION, owner[i]);
		put32(file_at(i) + AMF_FILE_SEALS, 0xc + i);
		put32(file_at(i) + AMF_FILE_FILL, i);
		put64(file_at(i) + AMF_FILE_TOKEN, tokens[i]);
		put64(file_at(i) + AMF_FILE_SIZE, 4096ULL << i);
		put64(file_at(i) + AMF_FILE_SEED, 100 + i);
		put64(file_at(i) + AMF_FILE_POS, 7 * i);
		put64(file_at(i) + AMF_FILE_DIGEST, 0xdeadbe00u + i);
	}
	reseal();
}

static enum agent_manifest_error parse(u64 len, u32 *where)
{
	struct agent_manifest m;

	return agent_manifest_parse(buf, len, &m, where);
}

TEST(manifest_layout_sizes)
{
	CHECK_EQ(agent_manifest_size(0, 0), 56);
	CHECK_EQ(agent_manifest_size(SESSIONS, FILES), LEN);
	CHECK_EQ(LEN, 56 + 144 + 168);
	CHECK_EQ(agent_manifest_size(0xffffffffu, 0xffffffffu),
		 56 + 0xffffffffULL * 128);
}

TEST(manifest_valid_fields)
{
	struct agent_manifest m;
	struct agent_manifest_file f;
	u32 where = 99;

	build();
	CHECK_EQ(agent_manifest_parse(buf, LEN, &m, &where),
		 AGENT_MANIFEST_OK);
	CHECK_EQ(where, 0);
	CHECK(m.base == buf);
	CHECK_EQ(m.len, LEN);
	CHECK_EQ(m.version, 2);
	CHECK_EQ(m.session_count, 2);
	CHECK_EQ(m.file_count, 3);
	CHECK_EQ(m.total_bytes, 0x101000);
	CHECK_EQ(m.tsc_prepare, 0x1111);
	CHECK_EQ(m.tsc_kexec, 0);
	CHECK_EQ(m.checksum, agent_manifest_checksum(buf, LEN));
	CHECK_STR(agent_manifest_session_name(&m, 0), "vm-alpha");
	CHECK_STR(agent_manifest_session_name(&m, 1), "vm-beta");
	CHECK_EQ(agent_manifest_session_files(&m, 0), 2);
	CHECK_EQ(agent_manifest_session_files(&m, 1), 1);
	agent_manifest_file(&m, 2, &f);
	CHECK_EQ(f.session, 1);
	CHECK_EQ(f.seals, 0xe);
	CHECK_EQ(f.fill, 2);
	CHECK_EQ(f.token, 0xffffffffffffffffULL);
	CHECK_EQ(f.size, 16384);
	CHECK_EQ(f.seed, 102);
	CHECK_EQ(f.pos, 14);
	CHECK_EQ(f.digest, 0xdeadbe02u);
	/* trailing bytes (a rounded-up memfd) are ignored */
	CHECK_EQ(parse(LEN + 64, NULL), AGENT_MANIFEST_OK);
}

/* The checksum is CRC32C with two fields read as zero: pinned exactly. */
TEST(manifest_checksum_definition)
{
	u8 copy[LEN];

	build();
	memcpy(copy, buf, LEN);
	memset(copy + AMF_HDR_CHECKSUM, 0, 8);
	memset(copy + AMF_HDR_TSC_KEXEC, 0, 8);
	CHECK_EQ(agent_manifest_checksum(buf, LEN), crc32c(0, copy, LEN));
	CHECK_EQ(agent_manifest_checksum("123456789", 9), 0xe3069283);
	/* T0 is written after sealing: it must not break the checksum */
	put64(buf + AMF_HDR_TSC_KEXEC, 0x123456789abcULL);
	CHECK_EQ(parse(LEN, NULL), AGENT_MANIFEST_OK);
}

TEST(manifest_foreign)
{
	u32 where;

	build();
	CHECK_EQ(parse(0, NULL), AGENT_MANIFEST_BAD_MAGIC);
	CHECK_EQ(parse(7, NULL), AGENT_MANIFEST_BAD_MAGIC);
	buf[7] = '2';
	CHECK_EQ(parse(LEN, NULL), AGENT_MANIFEST_BAD_MAGIC);
	build();
	put32(buf + AMF_HDR_VERSION, 1);	/* the pre-CRC32C agent */
	reseal();
	CHECK_EQ(parse(LEN, &where), AGENT_MANIFEST_BAD_VERSION);
	CHECK_EQ(where, 0);
	build();
	put32(buf + AMF_HDR_HEADER_SIZE, 64);
	reseal();
	CHECK_EQ(parse(LEN, NULL), AGENT_MANIFEST_BAD_HEADER_SIZE);
	CHECK(agent_manifest_error_is_foreign(AGENT_MANIFEST_BAD_MAGIC));
	CHECK(agent_manifest_error_is_foreign(AGENT_MANIFEST_BAD_VERSION));
	CHECK(agent_manifest_error_is_foreign(AGENT_MANIFEST_BAD_HEADER_SIZE));
	CHECK(!agent_manifest_error_is_foreign(AGENT_MANIFEST_BAD_CHECKSUM));
	CHECK(!agent_manifest_error_is_foreign(AGENT_MANIFEST_SHORT));
}

TEST(manifest_truncated_and_counts)
{
	build();
	CHECK_EQ(parse(8, NULL), AGENT_MANIFEST_SHORT);
	CHECK_EQ(parse(AMF_HEADER_SIZE - 1, NULL), AGENT_MANIFEST_SHORT);
	CHECK_EQ(parse(AMF_HEADER_SIZE, NULL), AGENT_MANIFEST_BAD_COUNTS);
	CHECK_EQ(parse(LEN - 1, NULL), AGENT_MANIFEST_BAD_COUNTS);
	put32(buf + AMF_HDR_FILE_COUNT, 0xffffffffu);
	reseal();
	CHECK_EQ(parse(sizeof(buf), NULL), AGENT_MANIFEST_BAD_COUNTS);
	build();
	put32(buf + AMF_HDR_SESSION_COUNT, 0x80000000u);
	CHECK_EQ(parse(sizeof(buf), NULL), AGENT_MANIFEST_BAD_COUNTS);
}

TEST(manifest_checksum_detects)
{
	build();
	file_at(1)[AMF_FILE_SIZE] ^= 1;
	CHECK_EQ(parse(LEN, NULL), AGENT_MANIFEST_BAD_CHECKSUM);
	build();
	buf[AMF_HDR_CHECKSUM + 4] = 1;		/* high half must be 0 */
	CHECK_EQ(parse(LEN, NULL), AGENT_MANIFEST_BAD_CHECKSUM);
	build();
	buf[AMF_HDR_TSC_PREPARE] ^= 0x80;	/* covered, unlike tsc_kexec */
	CHECK_EQ(parse(LEN, NULL), AGENT_MANIFEST_BAD_CHECKSUM);
}

TEST(manifest_entry_errors)
{
	u32 where;

	build();
	memset(session_at(1), 'x', AGENT_MANIFEST_NAME_LEN);
	reseal();
	CHECK_EQ(parse(LEN, &where), AGENT_MANIFEST_BAD_SESSION_NAME);
	CHECK_EQ(where, 1);

	build();
	put32(session_at(0) + AMF_SES_FILE_COUNT, 3);
	reseal();
	CHECK_EQ(parse(LEN, &where), AGENT_MANIFEST_BAD_SESSION_FILES);
	CHECK_EQ(where, 0);

	build();
	put32(file_at(2) + AMF_FILE_SESSION, 2);
	reseal();
	CHECK_EQ(parse(LEN, &where), AGENT_MANIFEST_BAD_FILE_SESSION);
	CHECK_EQ(where, 2);

	build();
	put64(file_at(1) + AMF_FILE_DIGEST, 0x100000000ULL);
	reseal();
	CHECK_EQ(parse(LEN, &where), AGENT_MANIFEST_BAD_DIGEST);
	CHECK_EQ(where, 1);
}

TEST(manifest_error_texts)
{
	CHECK_STR(agent_manifest_error_text(AGENT_MANIFEST_OK), "ok");
	CHECK_STR(agent_manifest_error_text(AGENT_MANIFEST_BAD_CHECKSUM),
		  "checksum mismatch");
	CHECK_STR(agent_manifest_error_text(AGENT_MANIFEST_BAD_VERSION),
		  "unsupported version");
	CHECK_STR(agent_manifest_error_text(AGENT_MANIFEST_ERROR_COUNT), "?");
}

/* An empty manifest (no sessions, no files) is valid. */
TEST(manifest_empty)
{
	struct agent_manifest m;

	memset(buf, 0, sizeof(buf));
	memcpy(buf, AGENT_MANIFEST_MAGIC, 8);
	put32(buf + AMF_HDR_VERSION, AGENT_MANIFEST_VERSION);
	put32(buf + AMF_HDR_HEADER_SIZE, AMF_HEADER_SIZE);
	put64(buf + AMF_HDR_CHECKSUM,
	      agent_manifest_checksum(buf, AMF_HEADER_SIZE));
	CHECK_EQ(agent_manifest_parse(buf, AMF_HEADER_SIZE, &m, NULL),
		 AGENT_MANIFEST_OK);
	CHECK_EQ(m.file_count, 0);
}
