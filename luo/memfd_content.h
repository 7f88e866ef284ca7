/* SPDX-License-Identifier: MIT */
/*
 * memfd contents from the model: streams a preserved file's bytes in file
 * order (folio data straight from the physical view, holes as zeros) and a
 * CRC32C digest built on that stream. The digest is the one baton-agent
 * records in its manifest, so the payload can check preserved contents
 * against what user space wrote.
 */
#ifndef BATON_LUO_MEMFD_CONTENT_H
#define BATON_LUO_MEMFD_CONTENT_H

#include <baton/physmem.h>
#include <luo/model.h>

/* host == NULL: len bytes of zeros at offset (a hole or the tail). */
typedef void (*memfd_chunk_fn)(void *ctx, u64 offset, const void *host,
			       u64 len);

/*
 * Calls fn over [0, size) in ascending offset. False (before any call)
 * when a folio cannot be read, its order is unknown, its range is shared
 * with another folio (model_folio.shared), folios were truncated from the
 * model, or they are not in ascending, non-overlapping order. So every
 * preserved byte is handed out at most once per stream, and a folio range
 * at most once across the model's memfds (only its first user streams).
 */
bool memfd_stream(const struct phys_view *view, const struct handover_model *m,
		  const struct model_memfd *f, memfd_chunk_fn fn, void *ctx);

/*
 * Copies the whole file (f->size bytes, holes as zeros) to buf, which holds
 * cap bytes. False when it does not fit or cannot stream.
 */
bool memfd_read(const struct phys_view *view, const struct handover_model *m,
		const struct model_memfd *f, void *buf, u64 cap);

/*
 * Streaming digest: CRC32C (lib/crc32c.c, SSE4.2 when the CPU has it) of
 * the file's bytes in order, holes included as zeros; the same value
 * baton-agent records per file in its manifest (luo/agent_manifest.h).
 * Runs of zeros cost O(log n) (crc32c_shift), not a pass over the hole.
 */
struct memfd_digest_state {
	u32 crc;		/* finished CRC of the bytes so far */
	u64 done;		/* bytes consumed */
};

void memfd_digest_begin(struct memfd_digest_state *st);
void memfd_digest_update(struct memfd_digest_state *st, const void *data,
			 u64 len);
void memfd_digest_zeros(struct memfd_digest_state *st, u64 len);
u32 memfd_digest_end(const struct memfd_digest_state *st);

/* The digest of a whole buffer. */
u32 memfd_digest_bytes(const void *data, u64 len);

/* Digest of a preserved memfd; 0 with *ok = false when it cannot stream. */
u32 memfd_digest(const struct phys_view *view, const struct handover_model *m,
		 const struct model_memfd *f, bool *ok);
/* memfd_digest, adding the folio bytes it read to *read (a work counter). */
u32 memfd_digest_read(const struct phys_view *view,
		      const struct handover_model *m,
		      const struct model_memfd *f, bool *ok, u64 *read);

#endif
