/* SPDX-License-Identifier: MIT */
/*
 * memfd contents from the model: streams a preserved file's bytes in file
 * order (folio data straight from the physical view, holes as zeros) and a
 * digest built on that stream, so the payload can checksum contents.
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

/* 64-bit FNV-1a of the file contents; 0 with *ok = false on failure. */
u64 memfd_digest(const struct phys_view *view, const struct handover_model *m,
		 const struct model_memfd *f, bool *ok);

/* The same digest over a plain buffer (for comparisons). */
u64 memfd_digest_bytes(const void *data, u64 len);

#define MEMFD_DIGEST_INIT	0xcbf29ce484222325ULL
u64 memfd_digest_update(u64 h, const void *data, u64 len);
u64 memfd_digest_zeros(u64 h, u64 len);

#endif
