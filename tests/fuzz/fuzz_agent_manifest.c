// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: baton-agent's manifest parser on arbitrary bytes, then
 * the same bytes with a correct checksum so mutations reach the session and
 * file checks; every accessor of an accepted manifest is exercised.
 */
#include <luo/agent_manifest.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void walk(const struct agent_manifest *m)
{
	struct agent_manifest_file f;
	volatile u64 sink = 0;
	u32 i;

	for (i = 0; i < m->session_count; i++)
		sink += strlen(agent_manifest_session_name(m, i)) +
			agent_manifest_session_files(m, i);
	for (i = 0; i < m->file_count; i++) {
		agent_manifest_file(m, i, &f);
		if (f.session >= m->session_count)
			abort();	/* the parser promised otherwise */
		sink += f.digest;
	}
	(void)sink;
}

static void parse(const unsigned char *p, size_t size)
{
	struct agent_manifest m;
	u32 where;

	if (agent_manifest_parse(p, size, &m, &where) == AGENT_MANIFEST_OK) {
		if (m.len > size)
			abort();
		walk(&m);
	}
	(void)agent_manifest_error_text(AGENT_MANIFEST_OK);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	unsigned char *copy;
	u64 len;
	u32 crc;

	parse(data, size);
	if (size < AMF_HEADER_SIZE)
		return 0;
	copy = malloc(size);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	memcpy(copy, AGENT_MANIFEST_MAGIC, 8);
	len = agent_manifest_size(*(u32 *)(copy + AMF_HDR_SESSION_COUNT),
				  *(u32 *)(copy + AMF_HDR_FILE_COUNT));
	crc = agent_manifest_checksum(copy, len <= size ? len : size);
	memcpy(copy + AMF_HDR_CHECKSUM, &crc, 4);
	memset(copy + AMF_HDR_CHECKSUM + 4, 0, 4);
	parse(copy, size);
	free(copy);
	return 0;
}
