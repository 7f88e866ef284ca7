// SPDX-License-Identifier: MIT
/* memfd content streaming and the (baton-agent compatible) CRC32C over it. */
#include <baton/crc32c.h>
#include <luo/memfd_content.h>
#include <string.h>

void memfd_digest_begin(struct memfd_digest_state *st)
{
	*st = (struct memfd_digest_state){ 0 };
}

void memfd_digest_update(struct memfd_digest_state *st, const void *data,
			 u64 len)
{
	const u8 *p = data;

	st->done += len;
	/* crc32c takes size_t: feed huge folios in bounded steps */
	while (len) {
		size_t step = (size_t)MIN(len, (u64)SZ_1G);

		st->crc = crc32c(st->crc, p, step);
		p += step;
		len -= step;
	}
}

void memfd_digest_zeros(struct memfd_digest_state *st, u64 len)
{
	st->done += len;
	st->crc = ~crc32c_shift(~st->crc, len);
}

u32 memfd_digest_end(const struct memfd_digest_state *st)
{
	return st->crc;
}

u32 memfd_digest_bytes(const void *data, u64 len)
{
	struct memfd_digest_state st;

	memfd_digest_begin(&st);
	memfd_digest_update(&st, data, len);
	return memfd_digest_end(&st);
}

/*
 * Folio i's piece of the file: false when the file cannot stream (see
 * memfd_stream); *len 0 for a folio that contributes nothing.
 */
static bool folio_piece(const struct model_memfd *f,
			const struct model_folio *fo, u64 off, u64 *start,
			u64 *len)
{
	*len = 0;
	if (fo->pfn == 0)
		return true;
	if (fo->order < 0 || fo->shared || fo->index > (~0ULL >> PAGE_SHIFT))
		return false;
	*start = fo->index << PAGE_SHIFT;
	if (*start >= f->size)
		return true;
	if (*start < off)
		return false;
	*len = MIN(PAGE_SIZE << fo->order, f->size - *start);
	return true;
}

/*
 * Checks every folio before the first byte is handed out, so that a file
 * that cannot stream reads nothing: a shared folio (its range already
 * another folio's) would otherwise have its bytes read once per reference.
 */
static bool memfd_streamable(const struct phys_view *view,
			     const struct model_memfd *f,
			     const struct model_folio *folios)
{
	u64 off = 0, start, len, i;

	if (f->folios_truncated)
		return false;
	for (i = 0; i < f->folio_count; i++) {
		if (!folio_piece(f, &folios[i], off, &start, &len))
			return false;
		if (!len)
			continue;
		if (!phys_map(view, folios[i].pfn << PAGE_SHIFT, len))
			return false;
		off = start + len;
	}
	return true;
}

bool memfd_stream(const struct phys_view *view, const struct handover_model *m,
		  const struct model_memfd *f, memfd_chunk_fn fn, void *ctx)
{
	const struct model_folio *folios = model_memfd_folios(m, f);
	u64 off = 0, start, len, i;

	if (!memfd_streamable(view, f, folios))
		return false;
	for (i = 0; i < f->folio_count; i++) {
		folio_piece(f, &folios[i], off, &start, &len);
		if (!len)
			continue;
		if (start > off)
			fn(ctx, off, NULL, start - off);
		fn(ctx, start, phys_map(view, folios[i].pfn << PAGE_SHIFT, len),
		   len);
		off = start + len;
	}
	if (off < f->size)
		fn(ctx, off, NULL, f->size - off);
	return true;
}

/*
 * Order-0 folios are scattered 4 KiB pieces: equal-sized data chunks below
 * the 3-way block size are queued and digested three at a time
 * (crc32c_3), so the common case runs at the interleaved speed too.
 */
#define QUEUE_CHUNK_MAX	(16 * 1024)

struct digest_queue {
	struct memfd_digest_state st;
	const u8 *chunk[3];
	u64 len;
	u32 count;
	u64 read;		/* folio bytes read (holes are not) */
};

static void queue_flush(struct digest_queue *q)
{
	u32 i;

	for (i = 0; i < q->count; i++)
		memfd_digest_update(&q->st, q->chunk[i], q->len);
	q->count = 0;
}

static void digest_chunk(void *ctx, u64 offset, const void *host, u64 len)
{
	struct digest_queue *q = ctx;

	if (q->count && (!host || len != q->len))
		queue_flush(q);
	if (!host) {
		memfd_digest_zeros(&q->st, len);
		return;
	}
	q->read += len;
	if (len > QUEUE_CHUNK_MAX) {
		memfd_digest_update(&q->st, host, len);
		return;
	}
	q->chunk[q->count++] = host;
	q->len = len;
	if (q->count < 3)
		return;
	q->st.crc = crc32c_3(q->st.crc, q->chunk[0], q->chunk[1],
			     q->chunk[2], (size_t)len);
	q->st.done += 3 * len;
	q->count = 0;
}

u32 memfd_digest_read(const struct phys_view *view,
		      const struct handover_model *m,
		      const struct model_memfd *f, bool *ok, u64 *read)
{
	struct digest_queue q = { .count = 0 };
	bool good;

	memfd_digest_begin(&q.st);
	good = memfd_stream(view, m, f, digest_chunk, &q);
	queue_flush(&q);
	if (ok)
		*ok = good;
	if (read)
		*read += q.read;
	return good ? memfd_digest_end(&q.st) : 0;
}

u32 memfd_digest(const struct phys_view *view, const struct handover_model *m,
		 const struct model_memfd *f, bool *ok)
{
	return memfd_digest_read(view, m, f, ok, NULL);
}

u32 crc32c_combine(u32 crc_a, u32 crc_b, u64 len_b)
{
	/* Pre- and post-inversion cancel: shift a past b's bytes, add b. */
	return crc32c_shift(crc_a, len_b) ^ crc_b;
}

void memfd_digest_part(const struct phys_view *view,
		       const struct handover_model *m,
		       const struct model_memfd *f, u64 first, u64 end,
		       struct memfd_digest_part *p)
{
	const struct model_folio *folios = model_memfd_folios(m, f);
	struct digest_queue q = { .count = 0 };
	u64 off = 0, start, len, i;
	bool any = false;

	*p = (struct memfd_digest_part){ .ok = false };
	end = MIN(end, (u64)f->folio_count);
	/* Check every folio of the piece before reading any (memfd_stream). */
	for (i = first; i < end; i++) {
		if (!folio_piece(f, &folios[i], off, &start, &len))
			return;
		if (!len)
			continue;
		if (!phys_map(view, folios[i].pfn << PAGE_SHIFT, len))
			return;
		if (!any)
			p->start = start;
		any = true;
		off = start + len;
	}
	p->ok = true;
	p->stop = p->start;
	if (!any)
		return;
	memfd_digest_begin(&q.st);
	off = p->start;
	for (i = first; i < end; i++) {
		folio_piece(f, &folios[i], off, &start, &len);
		if (!len)
			continue;
		if (start > off)
			digest_chunk(&q, off, NULL, start - off);
		digest_chunk(&q, start,
			     phys_map(view, folios[i].pfn << PAGE_SHIFT, len),
			     len);
		off = start + len;
	}
	queue_flush(&q);
	p->crc = memfd_digest_end(&q.st);
	p->stop = off;
	p->read = q.read;
}

void memfd_digest_join_begin(struct memfd_digest_join *j,
			     const struct model_memfd *f)
{
	*j = (struct memfd_digest_join){ .ok = !f->folios_truncated };
	memfd_digest_begin(&j->st);
}

void memfd_digest_join_add(struct memfd_digest_join *j,
			   const struct memfd_digest_part *p)
{
	if (!j->ok)
		return;
	if (!p->ok || p->start < j->st.done) {
		j->ok = false;	/* unreadable, or overlaps the part before */
		return;
	}
	if (p->start == p->stop)
		return;
	memfd_digest_zeros(&j->st, p->start - j->st.done);
	j->st.crc = crc32c_combine(j->st.crc, p->crc, p->stop - p->start);
	j->st.done = p->stop;
	j->read += p->read;
}

u32 memfd_digest_join_end(struct memfd_digest_join *j,
			  const struct model_memfd *f, bool *ok, u64 *read)
{
	if (j->ok && j->st.done < f->size)
		memfd_digest_zeros(&j->st, f->size - j->st.done);
	*ok = j->ok;
	if (read && j->ok)
		*read += j->read;
	return j->ok ? memfd_digest_end(&j->st) : 0;
}

static void copy_chunk(void *ctx, u64 offset, const void *host, u64 len)
{
	u8 *dst = (u8 *)ctx + offset;

	if (host)
		memcpy(dst, host, len);
	else
		memset(dst, 0, len);
}

bool memfd_read(const struct phys_view *view, const struct handover_model *m,
		const struct model_memfd *f, void *buf, u64 cap)
{
	if (f->size > cap)
		return false;
	return memfd_stream(view, m, f, copy_chunk, buf);
}
