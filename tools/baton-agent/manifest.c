/*
 * Manifest layout helpers: size, checksum, consistency check and the
 * parseable "MANIFEST ..." lines the host-side tests compare against.
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

/* Digest of the whole manifest with checksum and tsc_kexec read as zero. */
uint64_t manifest_checksum(const void *manifest, size_t len)
{
	struct manifest_header h;
	uint64_t head, body;

	memcpy(&h, manifest, sizeof(h));
	h.checksum = 0;
	h.tsc_kexec = 0;
	head = content_digest(&h, sizeof(h));
	body = content_digest((const char *)manifest + sizeof(h),
			      len - sizeof(h));
	return head ^ (body * 0x9e3779b97f4a7c15ull);
}

int manifest_check(const void *manifest, size_t len, char *err,
		   size_t err_len)
{
	const struct manifest_header *h = manifest;
	const struct manifest_file *files;
	uint32_t i;

	if (len < sizeof(*h) || memcmp(h->magic, MANIFEST_MAGIC, 8)) {
		snprintf(err, err_len, "bad magic");
		return -1;
	}
	if (h->version != MANIFEST_VERSION ||
	    h->header_size != sizeof(*h)) {
		snprintf(err, err_len, "version %u header %u unsupported",
			 h->version, h->header_size);
		return -1;
	}
	if (h->session_count > len / sizeof(struct manifest_session) ||
	    h->file_count > len / sizeof(struct manifest_file) ||
	    manifest_size(h->session_count, h->file_count) > len) {
		snprintf(err, err_len, "counts %u/%u exceed %zu bytes",
			 h->session_count, h->file_count, len);
		return -1;
	}
	len = manifest_size(h->session_count, h->file_count);
	if (manifest_checksum(manifest, len) != h->checksum) {
		snprintf(err, err_len, "checksum mismatch");
		return -1;
	}
	files = manifest_files((void *)manifest);
	for (i = 0; i < h->file_count; i++) {
		if (files[i].session >= h->session_count) {
			snprintf(err, err_len, "file %u: session %u out of range",
				 i, files[i].session);
			return -1;
		}
	}
	return 0;
}

void manifest_print(const void *manifest, const char *prefix)
{
	const struct manifest_header *h = manifest;
	struct manifest_session *sessions = manifest_sessions((void *)manifest);
	struct manifest_file *files = manifest_files((void *)manifest);
	char seals[96];
	uint32_t i;

	printf("%s sessions=%u files=%u bytes=%llu checksum=%016llx\n", prefix,
	       h->session_count, h->file_count,
	       (unsigned long long)h->total_bytes,
	       (unsigned long long)h->checksum);
	for (i = 0; i < h->session_count; i++)
		printf("%s session name=%s files=%u\n", prefix,
		       sessions[i].name, sessions[i].file_count);
	for (i = 0; i < h->file_count; i++) {
		const struct manifest_file *f = &files[i];

		printf("%s file session=%s token=%llu size=%llu seals=%s "
		       "fill=%s pos=%llu digest=%016llx\n", prefix,
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
