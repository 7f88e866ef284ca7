// SPDX-License-Identifier: MIT
/* memfd content streaming and FNV-1a digests over it. */
#include <luo/memfd_content.h>

#define FNV_PRIME	0x100000001b3ULL

u64 memfd_digest_update(u64 h, const void *data, u64 len)
{
	const u8 *p = data;
	u64 i;

	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * FNV_PRIME;
	return h;
}

u64 memfd_digest_zeros(u64 h, u64 len)
{
	u64 i;

	for (i = 0; i < len; i++)
		h *= FNV_PRIME;
	return h;
}

u64 memfd_digest_bytes(const void *data, u64 len)
{
	return memfd_digest_update(MEMFD_DIGEST_INIT, data, len);
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
	u64 *h = ctx;

	*h = host ? memfd_digest_update(*h, host, len) :
		    memfd_digest_zeros(*h, len);
}

u64 memfd_digest(const struct phys_view *view, const struct handover_model *m,
		 const struct model_memfd *f, bool *ok)
{
	u64 h = MEMFD_DIGEST_INIT;
	bool good = memfd_stream(view, m, f, digest_chunk, &h);

	if (ok)
		*ok = good;
	return good ? h : 0;
}
