/*
 * Manifest layout helpers: size, checksum and consistency check (both from
 * luo/agent_manifest.c, shared with baton) and the parseable
 * "MANIFEST ..." lines the host-side tests compare against (console and
 * data channel).
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

uint64_t manifest_digest(uint32_t version, const void *map, uint64_t size)
{
	return version == 1 ? content_digest_v1(map, size) :
			      content_digest(map, size);
}

/* Version 1: the same layout, a 64-bit checksum of the old digest. */
static int manifest_check_v1(const void *manifest, size_t len, char *err,
			     size_t err_len)
{
	const struct manifest_header *h = manifest;
	const struct manifest_file *files;
	struct manifest_header copy;
	uint64_t head, body;
	uint32_t i;

	if (h->session_count > len / sizeof(struct manifest_session) ||
	    h->file_count > len / sizeof(struct manifest_file) ||
	    manifest_size(h->session_count, h->file_count) > len) {
		snprintf(err, err_len, "version 1: counts exceed the size");
		return -1;
	}
	len = manifest_size(h->session_count, h->file_count);
	memcpy(&copy, h, sizeof(copy));
	copy.checksum = 0;
	copy.tsc_kexec = 0;
	head = content_digest_v1(&copy, sizeof(copy));
	body = content_digest_v1((const char *)manifest + sizeof(copy),
				 len - sizeof(copy));
	if ((head ^ (body * 0x9e3779b97f4a7c15ull)) != h->checksum) {
		snprintf(err, err_len, "version 1: checksum mismatch");
		return -1;
	}
	files = manifest_files((void *)manifest);
	for (i = 0; i < h->file_count; i++) {
		if (files[i].session >= h->session_count) {
			snprintf(err, err_len, "version 1: file session index out of range");
			return -1;
		}
	}
	return 0;
}

/* The same checks baton applies to the preserved copy (and version 1). */
int manifest_check(const void *manifest, size_t len, char *err,
		   size_t err_len)
{
	const struct manifest_header *h = manifest;
	struct agent_manifest m;
	enum agent_manifest_error e;
	uint32_t where;

	if (len >= sizeof(*h) && !memcmp(h->magic, MANIFEST_MAGIC, 8) &&
	    h->version == 1 && h->header_size == sizeof(*h))
		return manifest_check_v1(manifest, len, err, err_len);
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

	data_printf("%s sessions=%u files=%u bytes=%llu checksum=%08llx\n",
		    prefix, h->session_count, h->file_count,
		    (unsigned long long)h->total_bytes,
		    (unsigned long long)h->checksum);
	for (i = 0; i < h->session_count; i++)
		data_printf("%s session name=%s files=%u\n", prefix,
			    sessions[i].name, sessions[i].file_count);
	for (i = 0; i < h->file_count; i++) {
		const struct manifest_file *f = &files[i];

		data_printf("%s file session=%s token=%llu size=%llu seals=%s "
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
	data_flush();
}
