// SPDX-License-Identifier: MIT
/*
 * The bridge run: decides whether the received handover needs and allows
 * a bridge (nothing is written before that), lists the new map's entries
 * (received ones minus the replaced descriptors), has the writers add
 * theirs, and builds the map and root FDT last, since they name the rest.
 */
#include <libfdt.h>
#include <string.h>
#include <luo/abi.h>
#include <luo/bridge/bridge_internal.h>

#define DROPPED		UINT64_MAX	/* a work slot whose entry is gone */

static unsigned int order_for_size(u64 size)
{
	u64 pages = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;

	return pages <= 1 ? 0 : 64 - __builtin_clzll(pages - 1);
}

/* ---- the replaced descriptors (rule 3) --------------------------------- */

typedef bool (*replaced_fn)(void *ctx, phys_addr_t pa, unsigned int order);

/* Calls fn for each received descriptor the bridge replaces; stops early. */
static bool for_each_replaced(const struct handover_model *m, replaced_fn fn,
			      void *ctx)
{
	u32 i;

	if (!fn(ctx, m->fdt_pa, order_for_size(KHO_ROOT_FDT_MAX)))
		return false;
	if (m->luo == LUO_VERSION_V1) {
		if (!fn(ctx, m->luo_pa, 0) ||
		    !fn(ctx, m->sessions_pa, order_for_size(LUO_V1_SESSION_AREA)) ||
		    (m->flbs_pa && !fn(ctx, m->flbs_pa, 0)))
			return false;
		for (i = 0; i < m->session_count; i++)
			if (m->sessions[i].files_pa &&
			    !fn(ctx, m->sessions[i].files_pa,
				order_for_size(LUO_V1_FILE_AREA)))
				return false;
	}
	for (i = 0; i < m->memfd_count; i++)
		if (m->memfds[i].version == MEMFD_VERSION_V1 &&
		    !fn(ctx, m->memfds[i].pa,
			order_for_size(sizeof(struct memfd_luo_v1_ser))))
			return false;
	return true;
}

static bool match_entry(void *ctx, phys_addr_t pa, unsigned int order)
{
	u64 *e = ctx;

	return !(preserved_entry_pa(*e) == pa &&
		 preserved_entry_order(*e) == order);
}

bool bridge_replaces(const struct handover_model *old, u64 entry)
{
	entry &= ~PRESERVED_CLAIMED;
	return !for_each_replaced(old, match_entry, &entry);
}

static bool drop_entry(void *ctx, phys_addr_t pa, unsigned int order)
{
	struct bridge_ctx *c = ctx;
	const struct preserved_index *idx = &c->m->preserved;
	struct preserved_pos pos;
	u64 *slot;

	if (!preserved_index_find(idx, pa, &pos, NULL))
		return true;
	/* work holds the entries in run order: the run's first, then k */
	slot = &c->req->work[idx->runs[pos.run].first + pos.k];
	if (*slot != DROPPED && preserved_entry_order(*slot) == order) {
		*slot = DROPPED;
		c->res->entries_dropped++;
		c->res->bytes_freed += PAGE_SIZE << order;
	}
	return true;
}

/* work = the received entries but the replaced descriptors, compacted. */
static void keep_entries(struct bridge_ctx *c)
{
	const struct preserved_index *idx = &c->m->preserved;
	struct preserved_pos pos = { 0, 0 };
	u64 *w = c->req->work, i = 0, e;

	while (preserved_index_next(idx, &pos, &e))
		w[i++] = e & ~PRESERVED_CLAIMED;
	for_each_replaced(c->m, drop_entry, c);
	c->count = 0;
	for (i = 0; i < idx->count; i++)
		if (w[i] != DROPPED)
			w[c->count++] = w[i];
}

/* ---- what may be bridged (rule 4) -------------------------------------- */

u64 bridge_work_entries(const struct handover_model *old)
{
	/* root FDT, luo_ser, FLB page, metadata, session blocks */
	u64 n = old->preserved.count + 4 +
		old->session_count / LUO_SESSIONS_PER_BLOCK + 1;
	u32 i;

	for (i = 0; i < old->session_count; i++)
		n += old->sessions[i].file_count / LUO_FILES_PER_BLOCK + 1;
	return n + old->memfd_count;
}

static bool needs_bridge(const struct handover_model *m)
{
	return m->kho != KHO_VERSION_V4 || m->luo == LUO_VERSION_V1 ||
	       (m->memfd_seen & (1u << MEMFD_VERSION_V1));
}

static bool refuse(struct bridge_ctx *c, phys_addr_t pa, const char *why)
{
	finding_add(c->findings, E_BRIDGE_UNSUPPORTED, pa,
		    "bridge: %s: nothing written", why);
	return false;
}

static bool incomplete(const struct handover_model *m)
{
	u32 i;

	if (m->sessions_truncated || m->flbs_truncated ||
	    m->reserve_mem_truncated || m->subtrees_truncated ||
	    m->preserved.dropped || !m->preserved.sorted)
		return true;
	for (i = 0; i < m->session_count; i++)
		if (m->sessions[i].files_truncated)
			return true;
	for (i = 0; i < m->memfd_count; i++)
		if (m->memfds[i].folios_truncated)
			return true;
	return false;
}

static bool supported(struct bridge_ctx *c)
{
	const struct handover_model *m = c->m;
	u32 i;

	if (m->kho < KHO_VERSION_V1 || m->kho > KHO_VERSION_V3)
		return refuse(c, m->fdt_pa, "KHO version not one the bridge reads");
	if (m->luo == LUO_VERSION_UNKNOWN)
		return refuse(c, m->luo_pa, "LUO version unknown");
	if (m->luo == LUO_VERSION_V5)
		return refuse(c, m->luo_pa, "luo-v5 under an older KHO (no release writes it)");
	if (incomplete(m))
		return refuse(c, m->fdt_pa, "the model of the handover is incomplete");
	for (i = 0; i < m->file_count; i++)
		if (m->files[i].memfd < 0)
			return refuse(c, m->files[i].data,
				      "a file handler other than memfd (its data format is unknown)");
	for (i = 0; i < m->subtree_count; i++)
		if (!m->subtrees[i].size &&
		    strcmp(m->subtrees[i].name, KHO_SUBTREE_LUO))
			return refuse(c, m->subtrees[i].pa,
				      "a sub-blob of unknown size");
	return true;
}

/* ---- writing ------------------------------------------------------------ */

u8 *bridge_page(struct bridge_ctx *c, phys_addr_t *pa, bool preserved,
		const char *what)
{
	u8 *p;

	if (c->failed)
		return NULL;
	p = c->req->alloc.page(c->req->alloc.ctx, pa);
	if (!p || !*pa || !IS_ALIGNED(*pa, PAGE_SIZE) ||
	    (preserved && c->count >= c->req->work_cap)) {
		finding_add(c->findings, E_BRIDGE_WRITE_FAILED, 0,
			    "bridge: no page for the %s (%llu written)", what,
			    (unsigned long long)(c->res->pages_written +
						 c->res->map_pages));
		c->failed = true;
		return NULL;
	}
	memset(p, 0, PAGE_SIZE);
	if (preserved) {
		c->req->work[c->count++] = *pa;
		c->res->pages_written++;
	} else {
		c->res->map_pages++;
	}
	return p;
}

/* The sub-blobs of the new root, in the received order. */
static u32 subtrees(struct bridge_ctx *c, phys_addr_t luo,
		    phys_addr_t metadata, struct bridge_subtree *t)
{
	const struct handover_model *m = c->m;
	u32 i, n = 0;

	if (metadata)
		t[n++] = (struct bridge_subtree){
			KHO_SUBTREE_METADATA, metadata,
			sizeof(struct kho_kexec_metadata_ser) };
	for (i = 0; i < m->subtree_count; i++) {
		const struct model_subtree *s = &m->subtrees[i];
		const void *fdt = phys_map(c->req->view, s->pa, s->size);
		const u8 *inner;
		u32 len;

		t[n] = (struct bridge_subtree){ s->name, s->pa, s->size };
		if (!strcmp(s->name, KHO_SUBTREE_LUO)) {
			t[n].pa = luo;
			t[n].size = sizeof(struct luo_ser);
		} else if (!strcmp(s->name, KHO_SUBTREE_BATON) && fdt &&
			   (inner = kho_v1_report_unwrap(fdt, s->size, &len))) {
			/* the report's own bytes, inside the wrapper */
			t[n].pa = s->pa + (u64)(inner - (const u8 *)fdt);
			t[n].size = len;
		}
		n++;
	}
	return n;
}

bool bridge_handover(const struct bridge_request *req,
		     struct bridge_result *res, struct finding_list *findings)
{
	struct bridge_ctx c = { .req = req, .m = req->old, .res = res,
				.findings = findings };
	struct bridge_subtree t[BRIDGE_SUBTREE_MAX];
	const struct handover_model *m = req->old;
	phys_addr_t luo = 0, metadata = 0;
	u8 *fdt;
	u32 n;

	memset(res, 0, sizeof(*res));
	res->from = m->profile;
	res->from_kho = m->kho;
	res->from_luo = m->luo;
	res->from_memfd = m->memfd;
	if (!needs_bridge(m))
		return true;
	if (!supported(&c))
		return false;
	if (req->work_cap < bridge_work_entries(m)) {
		finding_add(findings, E_BRIDGE_WRITE_FAILED, 0,
			    "bridge: work storage of %llu entries, %llu needed",
			    (unsigned long long)req->work_cap,
			    (unsigned long long)bridge_work_entries(m));
		return false;
	}
	keep_entries(&c);
	fdt = bridge_page(&c, &res->fdt_pa, true, "root FDT");
	if (fdt && !m->metadata.present)
		metadata = bridge_write_metadata(&c);
	if (!c.failed && m->luo == LUO_VERSION_V1)
		luo = bridge_write_luo(&c);
	if (c.failed)
		return false;
	n = subtrees(&c, luo, metadata, t);
	res->entry_count = c.count;
	res->map_root = bridge_write_map(&c, req->work, c.count);
	if (!res->map_root) {
		if (!c.failed)
			finding_add(findings, E_BRIDGE_WRITE_FAILED, 0,
				    "bridge: the radix map could not be built");
		return false;
	}
	if (!bridge_write_root_fdt(&c, fdt, t, n))
		return false;
	res->fdt_size = PAGE_SIZE;
	res->entries = req->work;
	res->old_map_pages = m->map_page_count;
	res->bridged = true;
	return true;
}
