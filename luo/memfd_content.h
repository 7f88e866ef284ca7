/* SPDX-License-Identifier: MIT */
/*
 * memfd contents from the model: streams a preserved file's bytes in file
 * order (folio data straight from the physical view, holes as zeros) and a
 * digest built on that stream. The digest is the one baton-agent records
 * in its manifest (tools/baton-agent/content.c), so the payload can check
 * preserved contents against what user space wrote.
 */
#ifndef BATON_LUO_MEMFD_CONTENT_H
#define BATON_LUO_MEMFD_CONTENT_H

#include <baton/physmem.h>
#include <luo/model.h>

/* host == NULL: len bytes of zeros at offset (a hole or the tail). */
typedef void (*memfd_chunk_fn)(void *ctx, u64 offset, const void *host,
			       u64 len);

/*
 * Calls fn over [0, size) in ascending offset. False (after some calls)
 * when a folio cannot be read, its order is unknown, folios were truncated
 * from the model, or they are not in ascending, non-overlapping order.
 */
bool memfd_stream(const struct phys_view *view, const struct handover_model *m,
		  const struct model_memfd *f, memfd_chunk_fn fn, void *ctx);

/*
 * Streaming digest: 64-bit words (little endian, the tail zero padded)
 * folded as h = rotl64(h ^ w, 29) * 0x9e3779b97f4a7c15 from
 * h = 0x6261746f6e646967 ^ size, then finalised with a 64-bit mix.
 */
struct memfd_digest_state {
	u64 h;
	u64 size;		/* declared total, mixed into the start */
	u64 done;		/* bytes consumed */
	u8 partial[8];
	u32 partial_len;
};

void memfd_digest_begin(struct memfd_digest_state *st, u64 size);
void memfd_digest_update(struct memfd_digest_state *st, const void *data,
			 u64 len);
void memfd_digest_zeros(struct memfd_digest_state *st, u64 len);
u64 memfd_digest_end(struct memfd_digest_state *st);

/* The digest of a whole buffer. */
u64 memfd_digest_bytes(const void *data, u64 len);

/* Digest of a preserved memfd; 0 with *ok = false when it cannot stream. */
u64 memfd_digest(const struct phys_view *view, const struct handover_model *m,
		 const struct model_memfd *f, bool *ok);

#endif
