// SPDX-License-Identifier: MIT
/*
 * Which pages are memfd contents, and what they hold: from the parsed
 * model (folio pfn, index, order) and the scenario (token, size, content
 * kind, holes). Full pages become pattern runs the launcher expands; the
 * page holding EOF is written into the arena (pattern bytes, then zeros)
 * and so ends up in a blob. The same description gives the CRC32C baton's
 * digest step will compute over each memfd (expected.json).
 */
#include <stdlib.h>
#include <string.h>
#include <baton/capture.h>
#include <luo/memfd_content.h>
#include "mkhandover.h"

static bool in_hole(const struct mkh_file *f, u64 page)
{
	u32 i;

	for (i = 0; i < f->hole_count; i++)
		if (page >= f->holes[i].page &&
		    page - f->holes[i].page < f->holes[i].pages)
			return true;
	return false;
}

static enum capture_pattern_kind pattern_kind(enum mkh_content c)
{
	return c == MKH_CONTENT_AGENT ? CAPTURE_PATTERN_AGENT :
	       c == MKH_CONTENT_ZERO ? CAPTURE_PATTERN_ZERO :
	       c == MKH_CONTENT_ABSENT ? CAPTURE_PATTERN_ABSENT :
				       CAPTURE_PATTERN_BUILDER;
}

static bool streamless(enum mkh_content kind)
{
	return kind == MKH_CONTENT_ZERO || kind == MKH_CONTENT_ABSENT;
}

static bool add_page(struct mkh_state *s, u64 pa, enum mkh_content kind,
		     u64 seed, u64 offset)
{
	struct mkh_content_run *r = s->run_count ? &s->runs[s->run_count - 1] :
						   NULL;

	if (r && r->pa + r->size == pa && r->kind == kind &&
	    (streamless(kind) ||
	     (r->seed == seed && r->offset + r->size == offset))) {
		r->size += PAGE_SIZE;
		return true;
	}
	if (s->run_count == s->run_cap) {
		u64 cap = s->run_cap ? 2 * s->run_cap : 256;
		void *n = realloc(s->runs, cap * sizeof(*s->runs));

		if (!n)
			return false;
		s->runs = n;
		s->run_cap = cap;
	}
	s->runs[s->run_count++] = (struct mkh_content_run){
		pa, PAGE_SIZE, kind, streamless(kind) ? 0 : seed,
		streamless(kind) ? 0 : offset, false,
	};
	return true;
}

/* The EOF page: pattern bytes up to the size, zeros after. */
static void write_partial(struct mkh_state *s, const struct mkh_file *f,
			  u64 pa, u64 off)
{
	u8 *p = host_arena_host(&s->arena, pa);
	u64 i, n = f->memfd.size - off;

	for (i = 0; i < n; i++)
		p[i] = capture_pattern_byte(pattern_kind(f->content), f->token,
					    off + i);
}

static bool folio_pages(struct mkh_state *s, const struct mkh_file *f,
			const struct model_folio *fo)
{
	int order = fo->order >= 0 ? fo->order : (int)f->memfd.folio_order;
	u64 p, pages = 1ULL << order;

	if (!host_arena_contains(&s->arena, fo->pfn << PAGE_SHIFT,
				pages << PAGE_SHIFT))
		return true;	/* not ours (a corruption): nothing to write */
	for (p = 0; p < pages; p++) {
		u64 pa = (fo->pfn + p) << PAGE_SHIFT;
		u64 off = (fo->index + p) << PAGE_SHIFT;
		enum mkh_content kind = f->content;

		if (off >= f->memfd.size || in_hole(f, fo->index + p))
			kind = MKH_CONTENT_ZERO;
		if (!streamless(kind) && off + PAGE_SIZE > f->memfd.size) {
			write_partial(s, f, pa, off);
			continue;
		}
		if (!add_page(s, pa, kind, f->token, off))
			return false;
	}
	return true;
}

static int run_cmp(const void *a, const void *b)
{
	const struct mkh_content_run *x = a, *y = b;

	return x->pa < y->pa ? -1 : x->pa > y->pa;
}

/* Index of session i's first file in the scenario (files are grouped). */
static u32 first_file(const struct mkh_scenario *sc, u32 session)
{
	u32 k = 0;

	while (k < sc->file_count && sc->files[k].session < session)
		k++;
	return k;
}

bool mkh_collect_contents(struct mkh_state *s)
{
	const struct handover_model *m = s->m;
	const struct mkh_scenario *sc = s->sc;
	u32 i, j, n;

	for (i = 0; i < m->session_count && i < sc->session_count; i++) {
		const struct model_session *ms = &m->sessions[i];
		u32 k = first_file(sc, i);

		for (j = 0; j < ms->file_count; j++, k++) {
			const struct model_file *mf = &m->files[ms->file_first + j];
			const struct model_memfd *md;

			if (k >= sc->file_count || sc->files[k].session != i ||
			    mf->memfd < 0)
				continue;
			md = &m->memfds[mf->memfd];
			for (n = 0; n < md->folio_count; n++)
				if (!folio_pages(s, &sc->files[k],
						 &m->folios[md->folio_first + n])) {
					mkh_error("out of memory for content runs");
					return false;
				}
		}
	}
	if (s->run_count)
		qsort(s->runs, s->run_count, sizeof(*s->runs), run_cmp);
	return true;
}

/* ---- the digests baton will compute ------------------------------------- */

struct digest_ctx {
	struct mkh_state *s;
	struct memfd_digest_state st;
	u8 buf[64 * 1024];
};

/* The run holding pa, or NULL. */
static const struct mkh_content_run *run_at(const struct mkh_state *s, u64 pa)
{
	u64 lo = 0, hi = s->run_count;

	while (lo < hi) {
		u64 mid = lo + (hi - lo) / 2;
		const struct mkh_content_run *r = &s->runs[mid];

		if (pa < r->pa)
			hi = mid;
		else if (pa - r->pa >= r->size)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

/* Bytes [pa, pa + len) as the launcher will have written them. */
static void digest_phys(struct digest_ctx *d, u64 pa, const u8 *host, u64 len)
{
	while (len) {
		const struct mkh_content_run *r = run_at(d->s, pa);
		u64 n = MIN(len, PAGE_SIZE - (pa & (PAGE_SIZE - 1)));

		if (r) {
			struct capture_pattern p = {
				.addr = r->pa, .size = r->size, .seed = r->seed,
				.offset = r->offset, .kind = pattern_kind(r->kind),
			};

			n = MIN(len, MIN(r->pa + r->size - pa, sizeof(d->buf)));
			capture_pattern_fill(&p, pa - r->pa, d->buf, n);
			memfd_digest_update(&d->st, d->buf, n);
		} else {
			memfd_digest_update(&d->st, host, n);
		}
		pa += n;
		host += n;
		len -= n;
	}
}

/* memfd_stream's chunk callback: host pointers back to addresses. */
static void digest_chunk(void *ctx, u64 offset, const void *host, u64 len)
{
	struct digest_ctx *d = ctx;
	const u8 *h = host, *mem = d->s->arena.mem;

	if (!h)
		memfd_digest_zeros(&d->st, len);
	else if (h >= mem && h < mem + d->s->arena.size)
		digest_phys(d, d->s->arena.base + (u64)(h - mem), h, len);
	else
		memfd_digest_update(&d->st, h, len);
}

/*
 * content=absent: the launcher never writes the pages, so there is no
 * digest to predict (null in expected.json; baton runs with
 * baton.digest=off on such captures) and none is worth the hours a
 * 512 GiB stream would take.
 */
static bool memfd_absent(const struct mkh_state *s, const struct model_memfd *md)
{
	const struct mkh_content_run *r;

	if (!md->folio_count)
		return false;
	r = run_at(s, s->m->folios[md->folio_first].pfn << PAGE_SHIFT);
	return r && r->kind == MKH_CONTENT_ABSENT;
}

bool mkh_digest(struct mkh_state *s, const struct model_memfd *md, u32 *crc)
{
	static struct digest_ctx d;

	if (memfd_absent(s, md))
		return false;
	d.s = s;
	memfd_digest_begin(&d.st);
	if (!memfd_stream(&s->view, s->m, md, digest_chunk, &d))
		return false;
	*crc = memfd_digest_end(&d.st);
	return true;
}
