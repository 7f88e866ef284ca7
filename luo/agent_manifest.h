/* SPDX-License-Identifier: MIT */
/*
 * baton-agent's manifest as bytes: the on-disk layout (little endian, no
 * padding), its CRC32C checksum and a parser that checks every field before
 * anything is trusted. Shared by the agent (writer), baton (reader of the
 * preserved copy), unit tests and the fuzzer.
 */
#ifndef BATON_LUO_AGENT_MANIFEST_H
#define BATON_LUO_AGENT_MANIFEST_H

#include <baton/types.h>

/* Where the agent preserves it: this session, this token. */
#define AGENT_MANIFEST_SESSION		"baton-agent"
#define AGENT_MANIFEST_FILE_TOKEN	0

#define AGENT_MANIFEST_MAGIC		"BATONMF1"	/* 8 bytes, no NUL */
/* 2: digests and checksum are CRC32C (1 used a 64-bit multiply hash). */
#define AGENT_MANIFEST_VERSION		2
#define AGENT_MANIFEST_NAME_LEN		64

/* Header: 56 bytes. */
#define AMF_HDR_MAGIC		0
#define AMF_HDR_VERSION		8
#define AMF_HDR_HEADER_SIZE	12
#define AMF_HDR_SESSION_COUNT	16
#define AMF_HDR_FILE_COUNT	20
#define AMF_HDR_TOTAL_BYTES	24
#define AMF_HDR_CHECKSUM	32
#define AMF_HDR_TSC_PREPARE	40
#define AMF_HDR_TSC_KEXEC	48
#define AMF_HEADER_SIZE		56

/* Session entry: 72 bytes, name NUL-terminated inside its 64 bytes. */
#define AMF_SES_NAME		0
#define AMF_SES_FILE_COUNT	64
#define AMF_SESSION_SIZE	72

/* File entry: 56 bytes; digest is a CRC32C in the low 32 bits. */
#define AMF_FILE_SESSION	0
#define AMF_FILE_SEALS		4
#define AMF_FILE_FILL		8
#define AMF_FILE_TOKEN		16
#define AMF_FILE_SIZE		24
#define AMF_FILE_SEED		32
#define AMF_FILE_POS		40
#define AMF_FILE_DIGEST		48
#define AMF_FILE_ENTRY_SIZE	56

/* Largest manifest baton copies out of preserved memory. */
#define AGENT_MANIFEST_MAX_BYTES	(16ULL << 20)

enum agent_manifest_error {
	AGENT_MANIFEST_OK,
	/* not a manifest this baton understands (warning) */
	AGENT_MANIFEST_BAD_MAGIC,
	AGENT_MANIFEST_BAD_VERSION,
	AGENT_MANIFEST_BAD_HEADER_SIZE,
	/* a manifest, but damaged or inconsistent (error) */
	AGENT_MANIFEST_SHORT,
	AGENT_MANIFEST_BAD_COUNTS,
	AGENT_MANIFEST_BAD_CHECKSUM,
	AGENT_MANIFEST_BAD_SESSION_NAME,
	AGENT_MANIFEST_BAD_SESSION_FILES,
	AGENT_MANIFEST_BAD_FILE_SESSION,
	AGENT_MANIFEST_BAD_DIGEST,
	AGENT_MANIFEST_ERROR_COUNT,
};

struct agent_manifest {
	const u8 *base;		/* the caller's bytes, not copied */
	u64 len;		/* bytes the counts describe (<= buffer) */
	u32 version;
	u32 session_count;
	u32 file_count;
	u64 total_bytes;
	u32 checksum;
	u64 tsc_prepare;
	u64 tsc_kexec;
};

struct agent_manifest_file {
	u32 session;		/* index of the session entry */
	u32 seals;
	u32 fill;
	u64 token;
	u64 size;
	u64 seed;
	u64 pos;
	u32 digest;		/* CRC32C of the file's bytes */
};

/* Bytes of a manifest with these counts; 0 on overflow. */
u64 agent_manifest_size(u32 session_count, u32 file_count);

/* CRC32C of len bytes with the checksum and tsc_kexec fields read as 0. */
u32 agent_manifest_checksum(const void *buf, u64 len);

/*
 * Checks buf[0..len) field by field; on AGENT_MANIFEST_OK fills *out (which
 * points into buf). *where (may be NULL) gets the index of the session or
 * file entry a per-entry error is about, else 0. Trailing bytes after the
 * described entries are allowed (the memfd may be rounded up).
 */
enum agent_manifest_error agent_manifest_parse(const void *buf, u64 len,
					       struct agent_manifest *out,
					       u32 *where);

/* Short text: "bad magic", "checksum mismatch", ... */
const char *agent_manifest_error_text(enum agent_manifest_error e);
/* True for the errors that mean "not our format" rather than "damaged". */
bool agent_manifest_error_is_foreign(enum agent_manifest_error e);

/* Entry accessors on a parsed manifest; index must be below the count. */
const char *agent_manifest_session_name(const struct agent_manifest *m,
					u32 index);
u32 agent_manifest_session_files(const struct agent_manifest *m, u32 index);
void agent_manifest_file(const struct agent_manifest *m, u32 index,
			 struct agent_manifest_file *out);

#endif
