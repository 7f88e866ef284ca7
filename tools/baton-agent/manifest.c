/*
 * Manifest layout helpers: size, checksum and consistency check (both from
 * luo/agent_manifest.c, shared with baton) and the parseable
 * "MANIFEST ..." lines the host-side tests compare against.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "agent.h"

size_t manifest_size(uint32_t session_count, uint32_t file_count)
{
	return sizeof(struct manifest_header) +
	       (size_t)session_count * sizeof(struct manifest_session) +
	       (size_t)file_count * sizeof(struct manifest_file);
}

/* CRC32C of the whole manifest with checksum and tsc_kexec read as zero. */
uint64_t manifest_checksum(const void *manifest, size_t len)
{
	return agent_manifest_checksum(manifest, len);
}

/* The same checks baton applies to the preserved copy. */
int manifest_check(const void *manifest, size_t len, char *err,
		   size_t err_len)
{
	struct agent_manifest m;
	enum agent_manifest_error e;
	uint32_t where;

	e = agent_manifest_parse(manifest, len, &m, &where);
	if (e == AGENT_MANIFEST_OK)
		return 0;
	snprintf(err, err_len, "%s (entry %u)", agent_manifest_error_text(e),
		 where);
	return -1;
}

void manifest_print(const void *manifest, const char *prefix)
{
	const struct manifest_header *h = manifest;
	struct manifest_session *sessions = manifest_sessions((void *)manifest);
	struct manifest_file *files = manifest_files((void *)manifest);
	char seals[96];
	uint32_t i;

	printf("%s sessions=%u files=%u bytes=%llu checksum=%08llx\n", prefix,
	       h->session_count, h->file_count,
	       (unsigned long long)h->total_bytes,
	       (unsigned long long)h->checksum);
	for (i = 0; i < h->session_count; i++)
		printf("%s session name=%s files=%u\n", prefix,
		       sessions[i].name, sessions[i].file_count);
	for (i = 0; i < h->file_count; i++) {
		const struct manifest_file *f = &files[i];

		printf("%s file session=%s token=%llu size=%llu seals=%s "
		       "fill=%s pos=%llu digest=%08llx\n", prefix,
		       sessions[f->session].name,
		       (unsigned long long)f->token,
		       (unsigned long long)f->size,
		       seals_to_string(f->seals, seals, sizeof(seals)),
		       f->fill == FILL_FULL ? "full" :
		       f->fill == FILL_SPARSE ? "sparse" : "zero",
		       (unsigned long long)f->pos,
		       (unsigned long long)f->digest);
	}
	fflush(stdout);
}
