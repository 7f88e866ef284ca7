// SPDX-License-Identifier: MIT
/*
 * The bridge's proof: the bridged handover, parsed back by the same
 * parser, must describe the same state as the received one. Everything a
 * successor restores is compared; versions may differ, and the values the
 * old versions could not carry must be the documented choices. The first
 * difference becomes the finding.
 */
#include <stdarg.h>
#include <string.h>
#include <baton/printf.h>
#include <luo/abi.h>
#include <luo/bridge/bridge.h>
#include <luo/handover.h>

struct eq {
	const struct handover_model *a;	/* received */
	const struct handover_model *b;	/* bridged, parsed back */
	const struct bridge_result *res;
	struct finding_list *findings;
};

static bool differ(struct eq *e, phys_addr_t pa, const char *fmt, ...)
	__printf(3, 4);

static bool differ(struct eq *e, phys_addr_t pa, const char *fmt, ...)
{
	char msg[FINDING_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	finding_vadd_text(e->findings, E_BRIDGE_MODEL_DIFF, pa, msg,
			  sizeof(msg), fmt, ap);
	va_end(ap);
	return false;
}

#define HEX(v)	((unsigned long long)(v))

static bool versions_equal(struct eq *e)
{
	const struct handover_model *a = e->a, *b = e->b;

	if (b->kho != KHO_VERSION_V4)
		return differ(e, b->fdt_pa, "bridged KHO is %s, not kho-v4",
			      kho_version_name(b->kho));
	if ((a->luo == LUO_VERSION_NONE) != (b->luo == LUO_VERSION_NONE) ||
	    (a->luo != LUO_VERSION_NONE && b->luo != LUO_VERSION_V5))
		return differ(e, b->luo_pa, "LUO %s became %s",
			      luo_version_name(a->luo),
			      luo_version_name(b->luo));
	if (b->memfd_seen & ~(1u << MEMFD_VERSION_V2))
		return differ(e, b->luo_pa, "bridged memfd is not only memfd-v2");
	return true;
}

static bool folios_equal(struct eq *e, const char *where,
			 const struct model_memfd *fa,
			 const struct model_memfd *fb)
{
	const struct model_folio *pa = model_memfd_folios(e->a, fa);
	const struct model_folio *pb = model_memfd_folios(e->b, fb);
	u32 i;

	if (fa->folio_count != fb->folio_count)
		return differ(e, fb->pa, "%s: %u folios became %u", where,
			      fa->folio_count, fb->folio_count);
	for (i = 0; i < fa->folio_count; i++) {
		const struct model_folio *x = &pa[i], *y = &pb[i];

		if (x->index != y->index || x->pfn != y->pfn ||
		    x->flags != y->flags || x->order != y->order)
			return differ(e, y->pfn << PAGE_SHIFT,
				      "%s folio %u: index %#llx pfn %#llx order %d became index %#llx pfn %#llx order %d",
				      where, i, HEX(x->index), HEX(x->pfn),
				      x->order, HEX(y->index), HEX(y->pfn),
				      y->order);
	}
	return true;
}

static bool memfd_equal(struct eq *e, const char *where,
			const struct model_memfd *fa,
			const struct model_memfd *fb)
{
	u32 seals = fa->version == MEMFD_VERSION_V1 ? BRIDGE_MEMFD_V1_SEALS :
						      fa->seals;
	u32 flags = fa->version == MEMFD_VERSION_V1 ? 0 : fa->flags;

	if (fa->pos != fb->pos || fa->size != fb->size)
		return differ(e, fb->pa, "%s: pos %#llx size %#llx became pos %#llx size %#llx",
			      where, HEX(fa->pos), HEX(fa->size),
			      HEX(fb->pos), HEX(fb->size));
	if (fa->nr_folios != fb->nr_folios)
		return differ(e, fb->pa, "%s: nr_folios %llu became %llu",
			      where, HEX(fa->nr_folios), HEX(fb->nr_folios));
	if (seals != fb->seals || flags != fb->flags)
		return differ(e, fb->pa, "%s: seals %#x flags %#x, expected %#x %#x",
			      where, fb->seals, fb->flags, seals, flags);
	return folios_equal(e, where, fa, fb);
}

static bool file_equal(struct eq *e, u32 s, const struct model_file *x,
		       const struct model_file *y, u32 i)
{
	char where[FINDING_MESSAGE_MAX / 2];

	baton_snprintf(where, sizeof(where), "session %u \"%.16s\" file %u",
		       s, e->a->sessions[s].name, i);
	if (x->token != y->token)
		return differ(e, y->data, "%s: token %#llx became %#llx",
			      where, HEX(x->token), HEX(y->token));
	if ((x->memfd < 0) != (y->memfd < 0))
		return differ(e, y->data, "%s: handler \"%s\" became \"%s\"",
			      where, x->compatible, y->compatible);
	if (x->memfd < 0)
		return !strcmp(x->compatible, y->compatible) ||
		       differ(e, y->data, "%s: handler \"%s\" became \"%s\"",
			      where, x->compatible, y->compatible);
	return memfd_equal(e, where, &e->a->memfds[x->memfd],
			   &e->b->memfds[y->memfd]);
}

static bool sessions_equal(struct eq *e)
{
	const struct handover_model *a = e->a, *b = e->b;
	u32 i, j;

	if (a->liveupdate_num != b->liveupdate_num)
		return differ(e, b->luo_pa, "liveupdate_num %llu became %llu",
			      HEX(a->liveupdate_num), HEX(b->liveupdate_num));
	if (a->session_count != b->session_count)
		return differ(e, b->sessions_pa, "%u sessions became %u",
			      a->session_count, b->session_count);
	for (i = 0; i < a->session_count; i++) {
		const struct model_session *x = &a->sessions[i];
		const struct model_session *y = &b->sessions[i];

		if (strcmp(x->name, y->name))
			return differ(e, y->files_pa, "session %u \"%s\" became \"%s\"",
				      i, x->name, y->name);
		if (x->count != y->count || x->file_count != y->file_count)
			return differ(e, y->files_pa, "session %u \"%s\": %u files became %u",
				      i, x->name, x->file_count, y->file_count);
		for (j = 0; j < x->file_count; j++)
			if (!file_equal(e, i, &a->files[x->file_first + j],
					&b->files[y->file_first + j], j))
				return false;
	}
	return true;
}

static bool flbs_equal(struct eq *e)
{
	const struct handover_model *a = e->a, *b = e->b;
	u32 i;

	if (a->flb_count != b->flb_count)
		return differ(e, b->flbs_pa, "%u FLBs became %u", a->flb_count,
			      b->flb_count);
	for (i = 0; i < a->flb_count; i++)
		if (strcmp(a->flbs[i].name, b->flbs[i].name) ||
		    a->flbs[i].data != b->flbs[i].data ||
		    a->flbs[i].count != b->flbs[i].count)
			return differ(e, b->flbs_pa, "FLB %u \"%s\" data %#llx count %llu differs",
				      i, a->flbs[i].name, HEX(a->flbs[i].data),
				      HEX(a->flbs[i].count));
	return true;
}

static bool blobs_equal(struct eq *e)
{
	const struct handover_model *a = e->a, *b = e->b;
	const struct model_metadata *x = &a->metadata, *y = &b->metadata;
	u32 i;

	if (a->reserve_mem_count != b->reserve_mem_count)
		return differ(e, 0, "%u reserve_mem regions became %u",
			      a->reserve_mem_count, b->reserve_mem_count);
	for (i = 0; i < a->reserve_mem_count; i++) {
		const struct model_reserve_mem *r = &a->reserve_mem[i];
		const struct model_reserve_mem *s = &b->reserve_mem[i];

		if (strcmp(r->name, s->name) || r->start != s->start ||
		    r->size != s->size)
			return differ(e, s->start, "reserve_mem \"%s\" %#llx+%#llx differs",
				      r->name, HEX(r->start), HEX(r->size));
	}
	if (x->present ? (!y->present || x->version != y->version ||
			  x->kexec_count != y->kexec_count ||
			  strcmp(x->previous_release, y->previous_release)) :
			 (!y->present || y->version != KHO_METADATA_VERSION ||
			  y->kexec_count != BRIDGE_METADATA_KEXEC_COUNT ||
			  strcmp(y->previous_release, BRIDGE_RELEASE_UNKNOWN)))
		return differ(e, 0, "kexec-metadata differs (\"%s\", count %u)",
			      y->previous_release, y->kexec_count);
	for (i = 0; i < a->subtree_count; i++) {
		const struct model_subtree *t = &a->subtrees[i];
		const struct model_subtree *u = model_find_subtree(b, t->name);

		if (!u)
			return differ(e, t->pa, "sub-blob \"%s\" is gone", t->name);
		if (strcmp(t->name, KHO_SUBTREE_LUO) &&
		    strcmp(t->name, KHO_SUBTREE_BATON) && u->pa != t->pa)
			return differ(e, u->pa, "sub-blob \"%s\" moved from %#llx",
				      t->name, HEX(t->pa));
	}
	return true;
}

/* Received entries minus the replaced ones, plus new order-0 pages. */
static bool preserved_equal(struct eq *e)
{
	const struct preserved_index *x = &e->a->preserved;
	const struct preserved_index *y = &e->b->preserved;
	struct preserved_pos i = { 0, 0 }, j = { 0, 0 };
	u64 dropped = 0, added = 0, p = 0, q = 0;
	bool more_x, more_y;

	if (y->dropped || !y->sorted)
		return differ(e, 0, "bridged preserved index incomplete");
	more_x = preserved_index_next(x, &i, &p);
	more_y = preserved_index_next(y, &j, &q);
	while (more_x || more_y) {
		p = more_x ? p & ~PRESERVED_CLAIMED : UINT64_MAX;
		q = more_y ? q & ~PRESERVED_CLAIMED : UINT64_MAX;
		if (p == q) {
			more_x = preserved_index_next(x, &i, &p);
			more_y = preserved_index_next(y, &j, &q);
			continue;
		}
		if (p < q) {
			if (!bridge_replaces(e->a, p))
				return differ(e, preserved_entry_pa(p),
					      "preserved %#llx order %u lost",
					      HEX(preserved_entry_pa(p)),
					      preserved_entry_order(p));
			dropped++;
			more_x = preserved_index_next(x, &i, &p);
		} else {
			if (preserved_entry_order(q))
				return differ(e, preserved_entry_pa(q),
					      "preserved %#llx order %u appeared",
					      HEX(preserved_entry_pa(q)),
					      preserved_entry_order(q));
			added++;
			more_y = preserved_index_next(y, &j, &q);
		}
	}
	if (e->res && (dropped != e->res->entries_dropped ||
		       added != e->res->pages_written))
		return differ(e, 0, "map: %llu dropped and %llu added, bridge wrote %llu and %llu",
			      HEX(dropped), HEX(added),
			      HEX(e->res->entries_dropped),
			      HEX(e->res->pages_written));
	return true;
}

bool bridge_models_equal(const struct handover_model *old,
			 const struct handover_model *new, u64 new_errors,
			 const struct bridge_result *res,
			 struct finding_list *findings)
{
	struct eq e = { .a = old, .b = new, .res = res,
			.findings = findings };

	/* the model first: its difference says more than an error count */
	if (!(versions_equal(&e) && sessions_equal(&e) && flbs_equal(&e) &&
	      blobs_equal(&e) && preserved_equal(&e)))
		return false;
	return !new_errors ||
	       differ(&e, new->fdt_pa, "the parse back found %llu errors",
		      HEX(new_errors));
}
