// SPDX-License-Identifier: MIT
/* memfd content streaming and the (baton-agent compatible) digest over it. */
#include <luo/memfd_content.h>
#include <string.h>

#define DIGEST_SEED	0x6261746f6e646967ULL
#define DIGEST_MUL	0x9e3779b97f4a7c15ULL

static inline u64 rotl64(u64 x, unsigned int r)
{
	return (x << r) | (x >> (64 - r));
}

static inline u64 fold(u64 h, u64 w)
{
	return rotl64(h ^ w, 29) * DIGEST_MUL;
}

void memfd_digest_begin(struct memfd_digest_state *st, u64 size)
{
	*st = (struct memfd_digest_state){ .h = DIGEST_SEED ^ size,
					   .size = size };
}

/* Completes a partial word from p; returns the bytes taken. */
static u64 fill_partial(struct memfd_digest_state *st, const u8 *p, u64 len)
{
	u64 take = MIN(len, (u64)(8 - st->partial_len));

	if (p)
		memcpy(st->partial + st->partial_len, p, take);
	else
		memset(st->partial + st->partial_len, 0, take);
	st->partial_len += take;
	if (st->partial_len == 8) {
		st->h = fold(st->h, abi_le64(st->partial));
		st->partial_len = 0;
	}
	return take;
}

void memfd_digest_update(struct memfd_digest_state *st, const void *data,
			 u64 len)
{
	const u8 *p = data;
	u64 h;

	st->done += len;
	if (st->partial_len) {
		u64 n = fill_partial(st, p, len);

		p += n;
		len -= n;
	}
	h = st->h;
	for (; len >= 8; p += 8, len -= 8)
		h = fold(h, abi_le64(p));
	st->h = h;
	if (len)
		fill_partial(st, p, len);
}

void memfd_digest_zeros(struct memfd_digest_state *st, u64 len)
{
	u64 h;

	st->done += len;
	if (st->partial_len)
		len -= fill_partial(st, NULL, len);
	h = st->h;
	for (; len >= 8; len -= 8)
		h = fold(h, 0);
	st->h = h;
	if (len)
		fill_partial(st, NULL, len);
}

u64 memfd_digest_end(struct memfd_digest_state *st)
{
	u64 h = st->h;

	if (st->partial_len) {
		memset(st->partial + st->partial_len, 0, 8 - st->partial_len);
		h = fold(h, abi_le64(st->partial));
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

u64 memfd_digest_bytes(const void *data, u64 len)
{
	struct memfd_digest_state st;

	memfd_digest_begin(&st, len);
	memfd_digest_update(&st, data, len);
	return memfd_digest_end(&st);
}

bool memfd_stream(const struct phys_view *view, const struct handover_model *m,
		  const struct model_memfd *f, memfd_chunk_fn fn, void *ctx)
{
	const struct model_folio *folios = model_memfd_folios(m, f);
	u64 off = 0, i;

	if (f->folios_truncated)
		return false;
	for (i = 0; i < f->folio_count; i++) {
		const struct model_folio *fo = &folios[i];
		u64 start, len;
		const void *host;

		if (fo->pfn == 0)
			continue;
		if (fo->order < 0 || fo->index > (~0ULL >> PAGE_SHIFT))
			return false;
		start = fo->index << PAGE_SHIFT;
		if (start >= f->size)
			continue;
		if (start < off)
			return false;
		if (start > off)
			fn(ctx, off, NULL, start - off);
		len = MIN(PAGE_SIZE << fo->order, f->size - start);
		host = phys_map(view, fo->pfn << PAGE_SHIFT, len);
		if (!host)
			return false;
		fn(ctx, start, host, len);
		off = start + len;
	}
	if (off < f->size)
		fn(ctx, off, NULL, f->size - off);
	return true;
}

static void digest_chunk(void *ctx, u64 offset, const void *host, u64 len)
{
	struct memfd_digest_state *st = ctx;

	if (host)
		memfd_digest_update(st, host, len);
	else
		memfd_digest_zeros(st, len);
}

u64 memfd_digest(const struct phys_view *view, const struct handover_model *m,
		 const struct model_memfd *f, bool *ok)
{
	struct memfd_digest_state st;
	bool good;

	memfd_digest_begin(&st, f->size);
	good = memfd_stream(view, m, f, digest_chunk, &st);
	if (ok)
		*ok = good;
	return good ? memfd_digest_end(&st) : 0;
}
