// SPDX-License-Identifier: MIT
/*
 * baton-agent manifest parser and checksum (luo/agent_manifest.h). Reads
 * fields with explicit little-endian loads at fixed offsets, so the input
 * may be unaligned, truncated or hostile.
 */
#include <baton/crc32c.h>
#include <luo/abi.h>
#include <luo/agent_manifest.h>
#include <string.h>

static const char *const error_text[AGENT_MANIFEST_ERROR_COUNT] = {
	[AGENT_MANIFEST_OK] = "ok",
	[AGENT_MANIFEST_BAD_MAGIC] = "bad magic",
	[AGENT_MANIFEST_BAD_VERSION] = "unsupported version",
	[AGENT_MANIFEST_BAD_HEADER_SIZE] = "unsupported header size",
	[AGENT_MANIFEST_SHORT] = "shorter than its header",
	[AGENT_MANIFEST_BAD_COUNTS] = "counts exceed the manifest size",
	[AGENT_MANIFEST_BAD_CHECKSUM] = "checksum mismatch",
	[AGENT_MANIFEST_BAD_SESSION_NAME] = "session name not terminated",
	[AGENT_MANIFEST_BAD_SESSION_FILES] =
		"session file counts do not add up",
	[AGENT_MANIFEST_BAD_FILE_SESSION] = "file session index out of range",
	[AGENT_MANIFEST_BAD_DIGEST] = "digest above 32 bits",
};

const char *agent_manifest_error_text(enum agent_manifest_error e)
{
	if ((unsigned int)e >= AGENT_MANIFEST_ERROR_COUNT)
		return "?";
	return error_text[e];
}

bool agent_manifest_error_is_foreign(enum agent_manifest_error e)
{
	return e == AGENT_MANIFEST_BAD_MAGIC ||
	       e == AGENT_MANIFEST_BAD_VERSION ||
	       e == AGENT_MANIFEST_BAD_HEADER_SIZE;
}

u64 agent_manifest_size(u32 session_count, u32 file_count)
{
	/* u32 counts times small sizes cannot overflow 64 bits */
	return AMF_HEADER_SIZE + (u64)session_count * AMF_SESSION_SIZE +
	       (u64)file_count * AMF_FILE_ENTRY_SIZE;
}

u32 agent_manifest_checksum(const void *buf, u64 len)
{
	u8 head[AMF_HEADER_SIZE];
	u32 crc;

	if (len < AMF_HEADER_SIZE)
		return crc32c(0, buf, len);
	memcpy(head, buf, sizeof(head));
	memset(head + AMF_HDR_CHECKSUM, 0, 8);
	memset(head + AMF_HDR_TSC_KEXEC, 0, 8);
	crc = crc32c(0, head, sizeof(head));
	return crc32c(crc, (const u8 *)buf + AMF_HEADER_SIZE,
		      len - AMF_HEADER_SIZE);
}

static const u8 *session_entry(const struct agent_manifest *m, u32 index)
{
	return m->base + AMF_HEADER_SIZE + (u64)index * AMF_SESSION_SIZE;
}

static const u8 *file_entry(const struct agent_manifest *m, u32 index)
{
	return m->base + AMF_HEADER_SIZE +
	       (u64)m->session_count * AMF_SESSION_SIZE +
	       (u64)index * AMF_FILE_ENTRY_SIZE;
}

static enum agent_manifest_error parse_header(const u8 *p, u64 len,
					      struct agent_manifest *m)
{
	if (len < sizeof(AGENT_MANIFEST_MAGIC) - 1 ||
	    memcmp(p, AGENT_MANIFEST_MAGIC, sizeof(AGENT_MANIFEST_MAGIC) - 1))
		return AGENT_MANIFEST_BAD_MAGIC;
	if (len < AMF_HEADER_SIZE)
		return AGENT_MANIFEST_SHORT;
	m->version = abi_le32(p + AMF_HDR_VERSION);
	if (m->version != AGENT_MANIFEST_VERSION)
		return AGENT_MANIFEST_BAD_VERSION;
	if (abi_le32(p + AMF_HDR_HEADER_SIZE) != AMF_HEADER_SIZE)
		return AGENT_MANIFEST_BAD_HEADER_SIZE;
	m->session_count = abi_le32(p + AMF_HDR_SESSION_COUNT);
	m->file_count = abi_le32(p + AMF_HDR_FILE_COUNT);
	m->len = agent_manifest_size(m->session_count, m->file_count);
	if (m->len > len)
		return AGENT_MANIFEST_BAD_COUNTS;
	m->total_bytes = abi_le64(p + AMF_HDR_TOTAL_BYTES);
	m->tsc_prepare = abi_le64(p + AMF_HDR_TSC_PREPARE);
	m->tsc_kexec = abi_le64(p + AMF_HDR_TSC_KEXEC);
	if (abi_le64(p + AMF_HDR_CHECKSUM) >> 32)
		return AGENT_MANIFEST_BAD_CHECKSUM;
	m->checksum = abi_le32(p + AMF_HDR_CHECKSUM);
	if (agent_manifest_checksum(p, m->len) != m->checksum)
		return AGENT_MANIFEST_BAD_CHECKSUM;
	return AGENT_MANIFEST_OK;
}

static enum agent_manifest_error parse_sessions(const struct agent_manifest *m,
						u32 *where)
{
	u64 files = 0;
	u32 i;

	for (i = 0; i < m->session_count; i++) {
		const u8 *s = session_entry(m, i);

		*where = i;
		if (!memchr(s + AMF_SES_NAME, 0, AGENT_MANIFEST_NAME_LEN))
			return AGENT_MANIFEST_BAD_SESSION_NAME;
		files += abi_le32(s + AMF_SES_FILE_COUNT);
	}
	*where = 0;
	if (files != m->file_count)
		return AGENT_MANIFEST_BAD_SESSION_FILES;
	return AGENT_MANIFEST_OK;
}

static enum agent_manifest_error parse_files(const struct agent_manifest *m,
					     u32 *where)
{
	u32 i;

	for (i = 0; i < m->file_count; i++) {
		const u8 *f = file_entry(m, i);

		*where = i;
		if (abi_le32(f + AMF_FILE_SESSION) >= m->session_count)
			return AGENT_MANIFEST_BAD_FILE_SESSION;
		if (abi_le64(f + AMF_FILE_DIGEST) >> 32)
			return AGENT_MANIFEST_BAD_DIGEST;
	}
	*where = 0;
	return AGENT_MANIFEST_OK;
}

enum agent_manifest_error agent_manifest_parse(const void *buf, u64 len,
					       struct agent_manifest *out,
					       u32 *where)
{
	struct agent_manifest m = { .base = buf };
	enum agent_manifest_error e;
	u32 at = 0;

	e = parse_header(buf, len, &m);
	if (e == AGENT_MANIFEST_OK)
		e = parse_sessions(&m, &at);
	if (e == AGENT_MANIFEST_OK)
		e = parse_files(&m, &at);
	if (where)
		*where = e == AGENT_MANIFEST_OK ? 0 : at;
	if (e == AGENT_MANIFEST_OK)
		*out = m;
	return e;
}

const char *agent_manifest_session_name(const struct agent_manifest *m,
					u32 index)
{
	return (const char *)session_entry(m, index) + AMF_SES_NAME;
}

u32 agent_manifest_session_files(const struct agent_manifest *m, u32 index)
{
	return abi_le32(session_entry(m, index) + AMF_SES_FILE_COUNT);
}

void agent_manifest_file(const struct agent_manifest *m, u32 index,
			 struct agent_manifest_file *out)
{
	const u8 *f = file_entry(m, index);

	*out = (struct agent_manifest_file){
		.session = abi_le32(f + AMF_FILE_SESSION),
		.seals = abi_le32(f + AMF_FILE_SEALS),
		.fill = abi_le32(f + AMF_FILE_FILL),
		.token = abi_le64(f + AMF_FILE_TOKEN),
		.size = abi_le64(f + AMF_FILE_SIZE),
		.seed = abi_le64(f + AMF_FILE_SEED),
		.pos = abi_le64(f + AMF_FILE_POS),
		.digest = abi_le32(f + AMF_FILE_DIGEST),
	};
}
