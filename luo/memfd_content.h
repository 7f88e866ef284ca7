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

/*
 * One piece of a memfd's digest for the parallel digest
 * (luo/digest_check.h): folios [first, end) of the file, checked and
 * digested on their own. crc is the CRC32C of the file bytes [start,
 * stop): from the first byte a folio of the piece contributes to the end
 * of its last one, holes between them as zeros (start == stop: nothing).
 * ok false: a folio of the piece cannot stream (memfd_stream's rules
 * inside the piece; the order between pieces is memfd_digest_join's).
 */
struct memfd_digest_part {
	u32 crc;
	bool ok;
	u64 start, stop;
	u64 read;		/* folio bytes read */
};

void memfd_digest_part(const struct phys_view *view,
		       const struct handover_model *m,
		       const struct model_memfd *f, u64 first, u64 end,
		       struct memfd_digest_part *p);

/*
 * Joins the parts of one file, in folio order, into its digest: the same
 * value, ok and read count as memfd_digest_read over the whole file (a
 * file that cannot stream gives 0, ok false and reads nothing).
 */
struct memfd_digest_join {
	struct memfd_digest_state st;
	bool ok;
	u64 read;
};

void memfd_digest_join_begin(struct memfd_digest_join *j,
			     const struct model_memfd *f);
void memfd_digest_join_add(struct memfd_digest_join *j,
			   const struct memfd_digest_part *p);
u32 memfd_digest_join_end(struct memfd_digest_join *j,
			  const struct model_memfd *f, bool *ok, u64 *read);

/* CRC32C of a then b, from crc32c(a) and crc32c(b) (b is len_b bytes). */
u32 crc32c_combine(u32 crc_a, u32 crc_b, u64 len_b);

#endif
