// SPDX-License-Identifier: MIT
/*
 * Handover fingerprints. Every digest feeds fixed-width little-endian
 * fields (never struct bytes with padding), so the payload and host tools
 * compute the same value for the same handover.
 */
#include <libfdt.h>
#include <string.h>
#include <baton/crc32c.h>
#include <luo/abi.h>
#include <luo/handover.h>
#include <luo/handover_fingerprint.h>
#include <luo/memfd_content.h>

#define FDT_DEPTH_MAX	4
#define LUO_RAW_MAX	PAGE_SIZE

#define DIGEST_BUF	512

/*
 * Small fields are gathered and digested DIGEST_BUF bytes at a time: a
 * million 8-byte crc32c calls (one per preserved page) cost far more than
 * the bytes themselves. digest_end() before reading crc.
 */
struct digest {
	u32 crc;
	u64 bytes;
	u32 fill;
	u8 buf[DIGEST_BUF];
};

static void digest_end(struct digest *d)
{
	d->crc = crc32c(d->crc, d->buf, d->fill);
	d->fill = 0;
}

static void feed(struct digest *d, const void *p, u64 len)
{
	d->bytes += len;
	if (len > DIGEST_BUF - d->fill) {
		digest_end(d);
		if (len > DIGEST_BUF) {
			d->crc = crc32c(d->crc, p, len);
			return;
		}
	}
	memcpy(d->buf + d->fill, p, len);
	d->fill += (u32)len;
}

/* Straight into the buffer: the per-page fields are most of the calls. */
static void feed_u64(struct digest *d, u64 v)
{
	if (DIGEST_BUF - d->fill < 8)
		digest_end(d);
	abi_put_le64(d->buf + d->fill, v);
	d->fill += 8;
	d->bytes += 8;
}

static void feed_str(struct digest *d, const char *s)
{
	feed(d, s, strlen(s) + 1);
}

/*
 * Names, lengths and values in FDT order; the root's map pointer is fed
 * by name and length only (the map itself is the preserved digest) and
 * baton's subtree not at all, so an amended FDT digests like the original.
 */
static bool feed_node(struct digest *d, const void *fdt, int node, int depth)
{
	int prop, child;

	if (depth > FDT_DEPTH_MAX)
		return false;
	fdt_for_each_property_offset(prop, fdt, node) {
		const char *name;
		int len;
		const void *val = fdt_getprop_by_offset(fdt, prop, &name, &len);

		if (!val || !name)
			return false;
		feed_str(d, name);
		feed_u64(d, (u64)len);
		if (!(depth == 0 && !strcmp(name, KHO_PROP_MEM_MAP)))
			feed(d, val, (u64)len);
	}
	fdt_for_each_subnode(child, fdt, node) {
		const char *name = fdt_get_name(fdt, child, NULL);

		if (!name)
			return false;
		if (depth == 0 && !strcmp(name, FINGERPRINT_SUBTREE))
			continue;
		feed(d, "{", 1);
		feed_str(d, name);
		if (!feed_node(d, fdt, child, depth + 1))
			return false;
		feed(d, "}", 1);
	}
	return true;
}

bool fingerprint_fdt(const void *fdt, u32 *crc, u64 *bytes)
{
	struct digest d = { 0 };
	u64 addr, size;
	int i;

	if (fdt_check_header(fdt))
		return false;
	for (i = 0; !fdt_get_mem_rsv(fdt, i, &addr, &size) && size; i++) {
		feed_u64(&d, addr);
		feed_u64(&d, size);
	}
	if (!feed_node(&d, fdt, 0, 0))
		return false;
	digest_end(&d);
	*crc = d.crc;
	*bytes = d.bytes;
	return true;
}

static void fingerprint_kho_fdt(const struct phys_view *view,
				const struct handover_model *m,
				struct handover_fingerprint *fp)
{
	static u8 copy[KHO_ROOT_FDT_MAX] __aligned(8);
	u64 len = MIN((u64)m->fdt_totalsize, (u64)KHO_ROOT_FDT_MAX);

	if (!len || !phys_read(view, m->fdt_pa, copy, len) ||
	    !fingerprint_fdt(copy, &fp->kho_fdt, &fp->kho_fdt_bytes)) {
		fp->kho_fdt = 0;
		fp->kho_fdt_bytes = 0;
	}
}

static bool excluded(u64 e, const struct kho_amend_range *ex, u32 n)
{
	phys_addr_t pa = preserved_entry_pa(e);
	u64 size = preserved_entry_size(e);
	u32 i;

	for (i = 0; i < n; i++)
		if (pa >= ex[i].pa && size <= ex[i].size &&
		    pa - ex[i].pa <= ex[i].size - size)
			return true;
	return false;
}

/* Does any excluded range touch the run's bytes? */
static bool run_touches(const struct preserved_run *r,
			const struct kho_amend_range *ex, u32 n)
{
	phys_addr_t pa = preserved_run_pa(r);
	u64 end = preserved_run_end(r);
	u32 i;

	for (i = 0; i < n; i++)
		if (ex[i].pa < end && ex[i].size > 0 &&
		    ex[i].pa + (ex[i].size - 1) >= pa)
			return true;
	return false;
}

/*
 * The entries that count, as maximal runs (consecutive entries of one
 * order), one (first entry, count) pair a run: the same pairs however the
 * index happened to split its runs and whatever excluded entries sat
 * between them, so an amended handover digests like the original while
 * the work follows the runs, not the pages.
 */
struct run_feed {
	u64 first, next, step, count;
};

static void run_feed_flush(struct digest *d, struct run_feed *rf)
{
	if (!rf->count)
		return;
	feed_u64(d, rf->first);
	feed_u64(d, rf->count);
	rf->count = 0;
}

static void run_feed_add(struct digest *d, struct run_feed *rf, u64 first,
			 u64 count, u64 step)
{
	u64 span = count <= (UINT64_MAX - first) / step ? count * step :
						       UINT64_MAX - first;

	if (!(rf->count && step == rf->step && first == rf->next)) {
		run_feed_flush(d, rf);
		rf->first = first;
		rf->step = step;
	}
	rf->count += count;
	rf->next = first + span;	/* UINT64_MAX: nothing can follow */
}

static void fingerprint_preserved(const struct handover_model *m,
				  const struct kho_amend_range *ex, u32 n,
				  struct handover_fingerprint *fp)
{
	const struct preserved_index *idx = &m->preserved;
	struct digest d = { 0 };
	struct run_feed rf = { 0 };
	u64 i, k;

	for (i = 0; i < idx->run_count; i++) {
		const struct preserved_run *r = &idx->runs[i];
		u64 step = preserved_run_step(r);

		if (!r->count)
			continue;
		if (!n || !run_touches(r, ex, n)) {
			run_feed_add(&d, &rf, r->start, r->count, step);
			fp->preserved_entries += r->count;
			continue;
		}
		for (k = 0; k < r->count; k++) {
			u64 e = r->start + k * step;

			if (excluded(e, ex, n))
				continue;
			run_feed_add(&d, &rf, e, 1, step);
			fp->preserved_entries++;
		}
	}
	run_feed_flush(&d, &rf);
	digest_end(&d);
	fp->preserved = d.crc;
	fp->preserved_complete = idx->sorted && !idx->dropped;
}

static void feed_luo_raw(struct digest *d, const struct phys_view *view,
			 const struct handover_model *m)
{
	static u8 raw[LUO_RAW_MAX];
	const struct model_subtree *t = model_find_subtree(m,
							   KHO_SUBTREE_LUO);
	u64 len;

	if (!t)
		return;
	len = MIN(t->size, (u64)LUO_RAW_MAX);
	feed_u64(d, t->pa);
	feed_u64(d, t->size);
	if (len && phys_read(view, t->pa, raw, len))
		feed(d, raw, len);
}

/*
 * A memfd's folios as maximal runs (same order and flags, index and pfn
 * each one folio on from the last), one (index, pfn, flags, order, count)
 * record a run: one record for a file whose folios Linux placed back to
 * back, one per folio where it scattered them; the same records for the
 * same folios.
 */
struct folio_feed {
	u64 index, pfn, step, count;
	u16 flags;
	s8 order;
};

static void folio_feed_flush(struct digest *d, struct folio_feed *ff)
{
	if (!ff->count)
		return;
	feed_u64(d, ff->index);
	feed_u64(d, ff->pfn);
	feed_u64(d, ff->flags);
	feed_u64(d, (u64)(s64)ff->order);
	feed_u64(d, ff->count);
	ff->count = 0;
}

static void folio_feed_add(struct digest *d, struct folio_feed *ff,
			   const struct model_folio *fo)
{
	/* an unknown or implausible order never joins a run */
	u64 step = fo->order >= 0 && fo->order < 32 ? 1ULL << fo->order : 0;

	if (ff->count && step && ff->step == step && ff->order == fo->order &&
	    ff->flags == fo->flags &&
	    fo->index == ff->index + ff->count * step &&
	    fo->pfn == ff->pfn + ff->count * step) {
		ff->count++;
		return;
	}
	folio_feed_flush(d, ff);
	*ff = (struct folio_feed){ .index = fo->index, .pfn = fo->pfn,
				   .step = step, .count = 1,
				   .flags = fo->flags, .order = fo->order };
}

static void feed_memfd(struct digest *d, const struct handover_model *m,
		       const struct model_memfd *f)
{
	const struct model_folio *fo = model_memfd_folios(m, f);
	struct folio_feed ff = { 0 };
	u32 i;

	feed_u64(d, f->version);
	feed_u64(d, f->pa);
	feed_u64(d, f->pos);
	feed_u64(d, f->size);
	feed_u64(d, f->seals);
	feed_u64(d, f->flags);
	feed_u64(d, f->nr_folios);
	feed_u64(d, f->folios_desc.first);
	feed_u64(d, f->folios_desc.total_pages);
	feed_u64(d, f->folios_desc.flags);
	feed_u64(d, f->folios_desc.order);
	for (i = 0; i < f->folio_count; i++)
		folio_feed_add(d, &ff, &fo[i]);
	folio_feed_flush(d, &ff);
}

static void feed_sessions(struct digest *d, const struct handover_model *m)
{
	u32 s, i;

	for (s = 0; s < m->session_count; s++) {
		const struct model_session *ms = &m->sessions[s];

		feed_str(d, ms->name);
		feed_u64(d, ms->count);
		feed_u64(d, ms->file_count);
		for (i = 0; i < ms->file_count; i++) {
			const struct model_file *f =
				&m->files[ms->file_first + i];

			feed_str(d, f->compatible);
			feed_u64(d, f->token);
			feed_u64(d, f->data);
			if (f->memfd >= 0 && (u32)f->memfd < m->memfd_count)
				feed_memfd(d, m, &m->memfds[f->memfd]);
		}
	}
}

static void fingerprint_luo(const struct phys_view *view,
			    const struct handover_model *m,
			    struct handover_fingerprint *fp)
{
	struct digest d = { 0 };
	u32 i;

	feed_u64(&d, m->luo);
	feed_u64(&d, m->session_format);
	feed_u64(&d, m->liveupdate_num);
	feed_luo_raw(&d, view, m);
	feed_sessions(&d, m);
	for (i = 0; i < m->flb_count; i++) {
		feed_str(&d, m->flbs[i].name);
		feed_u64(&d, m->flbs[i].data);
		feed_u64(&d, m->flbs[i].count);
	}
	digest_end(&d);
	fp->luo = d.crc;
	fp->luo_bytes = d.bytes;
}

static void fingerprint_memfds(const struct phys_view *view,
			       const struct handover_model *m,
			       const struct fingerprint_memfd_source *src,
			       struct handover_fingerprint *fp)
{
	u32 s, i;

	for (s = 0; s < m->session_count; s++) {
		const struct model_session *ms = &m->sessions[s];

		for (i = 0; i < ms->file_count; i++) {
			const struct model_file *f =
				&m->files[ms->file_first + i];
			struct fingerprint_memfd *out;

			if (f->memfd < 0 || (u32)f->memfd >= m->memfd_count)
				continue;
			if (fp->memfd_count++ >= FINGERPRINT_MEMFD_MAX)
				continue;
			out = &fp->memfd[fp->memfd_count - 1];
			out->token = f->token;
			out->size = m->memfds[f->memfd].size;
			out->ok = src && src->skip_content;
			if (out->ok)
				continue;
			out->ok = src && src->crc(src->ctx, ms->file_first + i,
						  &out->crc);
			if (!out->ok)
				out->crc = memfd_digest_read(view, m,
							     &m->memfds[f->memfd],
							     &out->ok,
							     &fp->memfd_bytes_read);
		}
	}
}

void handover_fingerprint_with(const struct phys_view *view,
			       const struct handover_model *m,
			       const struct kho_amend_range *exclude,
			       u32 exclude_count,
			       const struct fingerprint_memfd_source *src,
			       struct handover_fingerprint *fp)
{
	memset(fp, 0, sizeof(*fp));
	if (!m || m->kho == KHO_VERSION_NONE)
		return;
	fp->present = true;
	fp->memfd_content_skipped = src && src->skip_content;
	fingerprint_kho_fdt(view, m, fp);
	fingerprint_preserved(m, exclude, exclude_count, fp);
	fingerprint_luo(view, m, fp);
	fingerprint_memfds(view, m, src, fp);
}

void handover_fingerprint(const struct phys_view *view,
			  const struct handover_model *m,
			  const struct kho_amend_range *exclude,
			  u32 exclude_count, struct handover_fingerprint *fp)
{
	handover_fingerprint_with(view, m, exclude, exclude_count, NULL, fp);
}
