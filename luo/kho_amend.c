// SPDX-License-Identifier: MIT
/*
 * KHO handover amendment: path copying of the radix tree (copy-on-write
 * from the root to each changed leaf; kho-v1 chunk lists: kho_amend_v1.c)
 * and the new root FDT built with libfdt's read-write API, like
 * kho_add_subtree does in Linux.
 */
#include <libfdt.h>
#include <string.h>
#include <baton/printf.h>
#include <luo/abi.h>
#include <luo/kho_amend.h>
#include <luo/model.h>

/* table levels above the leaf */
#define RADIX_LEVELS		(KHO_RADIX_DEPTH - 1)

struct amend_tree {
	const struct kho_amend_request *req;
	struct kho_amend_result *res;
	u8 *host[KHO_AMEND_PAGES_MAX];
	u8 *root;
};

static bool fail(struct kho_amend_result *res, const char *fmt, ...)
	__printf(2, 3);

static bool fail(struct kho_amend_result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	baton_vsnprintf(res->error, sizeof(res->error), fmt, ap);
	va_end(ap);
	return false;
}

static unsigned int table_index(u64 key, unsigned int level)
{
	return (unsigned int)(key >> kho_radix_level_shift(level)) &
	       (KHO_RADIX_TABLE_ENTRIES - 1);
}

/* The host pointer of a node this amendment created, or NULL. */
static u8 *own_page(const struct amend_tree *t, phys_addr_t pa)
{
	u32 i;

	for (i = 0; i < t->res->page_count; i++)
		if (t->res->pages[i] == pa)
			return t->host[i];
	return NULL;
}

/* A new node holding a copy of old_pa (0: an empty node). */
static u8 *copy_node(struct amend_tree *t, phys_addr_t old_pa,
		     phys_addr_t *new_pa)
{
	struct kho_amend_result *res = t->res;
	u8 *page;

	if (res->page_count >= KHO_AMEND_PAGES_MAX) {
		fail(res, "more than %u new map pages needed",
		     KHO_AMEND_PAGES_MAX);
		return NULL;
	}
	page = t->req->alloc.page(t->req->alloc.ctx, new_pa);
	if (!page || !IS_ALIGNED(*new_pa, PAGE_SIZE) || !*new_pa) {
		fail(res, "no page for a map node");
		return NULL;
	}
	if (!old_pa)
		memset(page, 0, PAGE_SIZE);
	else if (!phys_read(t->req->view, old_pa, page, PAGE_SIZE)) {
		fail(res, "map node %#llx is not readable",
		     (unsigned long long)old_pa);
		return NULL;
	}
	res->pages[res->page_count] = *new_pa;
	t->host[res->page_count++] = page;
	return page;
}

/* Sets or clears the leaf bit of key, copying the path down to it. */
static bool tree_update(struct amend_tree *t, u64 key, bool set)
{
	u8 *node = t->root;
	unsigned int level, bit;
	u64 word;

	for (level = RADIX_LEVELS; level >= 1; level--) {
		unsigned int i = table_index(key, level);
		phys_addr_t child = kho_radix_child(node, i), copy;
		u8 *next = own_page(t, child);

		if (!next) {
			if (!child && !set)
				return true;	/* nothing to clear */
			next = copy_node(t, child, &copy);
			if (!next)
				return false;
			abi_put_le64_at(node, i, copy);
		}
		node = next;
	}
	bit = (unsigned int)(key & (KHO_RADIX_LEAF_BITS - 1));
	word = abi_bitmap_word(node, bit / ABI_BITMAP_WORD_BITS);
	if (set)
		word |= 1ULL << (bit % ABI_BITMAP_WORD_BITS);
	else
		word &= ~(1ULL << (bit % ABI_BITMAP_WORD_BITS));
	abi_put_le64_at(node, bit / ABI_BITMAP_WORD_BITS, word);
	return true;
}

static bool amend_tree(struct amend_tree *t)
{
	const struct kho_amend_request *req = t->req;
	struct kho_amend_result *res = t->res;
	u32 i;

	t->root = copy_node(t, res->old_map_root, &res->map_root);
	if (!t->root)
		return false;
	for (i = 0; i < req->drop_count; i++) {
		u64 e = req->drop[i];

		if (!tree_update(t, kho_radix_key(preserved_entry_pa(e),
						  preserved_entry_order(e)),
				 false))
			return false;
		res->dropped++;
	}
	for (i = 0; i < req->add_count; i++) {
		const struct kho_amend_range *r = &req->add[i];
		u64 off;

		if (!IS_ALIGNED(r->pa | r->size, PAGE_SIZE) || !r->size)
			return fail(res, "range %#llx+%#llx is not whole pages",
				    (unsigned long long)r->pa,
				    (unsigned long long)r->size);
		for (off = 0; off < r->size; off += PAGE_SIZE) {
			if (!tree_update(t, kho_radix_key(r->pa + off, 0),
					 true))
				return false;
			res->added++;
		}
	}
	return true;
}

static bool set_u64(void *fdt, int node, const char *name, u64 v,
		    struct kho_amend_result *res)
{
	u8 le[KHO_FDT_U64_LEN];
	int err;

	abi_put_le64(le, v);
	err = fdt_setprop(fdt, node, name, le, sizeof(le));
	if (err)
		return fail(res, "FDT: cannot set %s: %s", name,
			    fdt_strerror(err));
	return true;
}

/* The incoming FDT opened into new_fdt; reads the old map root. */
static bool open_fdt(const struct kho_amend_request *req,
		     struct kho_amend_result *res)
{
	const void *old = phys_map(req->view, req->fdt_pa, req->fdt_size);
	const void *p;
	int err, len;

	if (!old || !IS_ALIGNED(req->fdt_pa, 8))
		return fail(res, "KHO FDT %#llx+%#llx is not readable",
			    (unsigned long long)req->fdt_pa,
			    (unsigned long long)req->fdt_size);
	err = fdt_check_header(old);
	if (!err && fdt_totalsize(old) > req->fdt_size)
		err = -FDT_ERR_TRUNCATED;
	if (!err)
		err = fdt_open_into(old, req->new_fdt, KHO_ROOT_FDT_MAX);
	if (err)
		return fail(res, "KHO FDT cannot be opened: %s",
			    fdt_strerror(err));
	res->v1 = !fdt_node_check_compatible(req->new_fdt, 0, KHO_COMPAT_V1);
	res->v2 = !fdt_node_check_compatible(req->new_fdt, 0, KHO_COMPAT_V2);
	p = fdt_getprop(req->new_fdt, 0, KHO_PROP_MEM_MAP, &len);
	/* an empty kho-v1 list is 0; a radix tree always has a root */
	if (!p || len != KHO_FDT_U64_LEN || (!abi_le64(p) && !res->v1))
		return fail(res, "KHO FDT has no usable %s", KHO_PROP_MEM_MAP);
	res->old_map_root = abi_le64(p);
	if (!IS_ALIGNED(res->old_map_root, PAGE_SIZE))
		return fail(res, "%s %#llx is not page aligned",
			    KHO_PROP_MEM_MAP,
			    (unsigned long long)res->old_map_root);
	return true;
}

/* Linux's order: node first among children, preserved-data then size. */
static bool finish_fdt(const struct kho_amend_request *req,
		       struct kho_amend_result *res)
{
	void *fdt = req->new_fdt;
	int node, err;

	node = fdt_subnode_offset(fdt, 0, req->name);
	res->replaced = node >= 0;
	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(fdt, 0, req->name);
	if (node < 0)
		return fail(res, "FDT: cannot add node %s: %s", req->name,
			    fdt_strerror(node));
	if (res->v1) {
		if (!set_u64(fdt, node, KHO_PROP_SUBTREE_FDT, req->blob_pa,
			     res))
			return false;
	} else if (!set_u64(fdt, node, KHO_PROP_PRESERVED_DATA, req->blob_pa,
			    res)) {
		return false;
	} else if (!res->v2 &&
		   !set_u64(fdt, node, KHO_PROP_BLOB_SIZE, req->blob_size,
			    res)) {
		return false;
	}
	if (!set_u64(fdt, 0, KHO_PROP_MEM_MAP, res->map_root, res))
		return false;
	err = fdt_pack(fdt);
	if (err)
		return fail(res, "FDT: pack failed: %s", fdt_strerror(err));
	res->fdt_totalsize = fdt_totalsize(fdt);
	memset((u8 *)fdt + res->fdt_totalsize, 0,
	       KHO_ROOT_FDT_MAX - res->fdt_totalsize);
	return true;
}

bool kho_amend(const struct kho_amend_request *req,
	       struct kho_amend_result *res)
{
	struct amend_tree t = { .req = req, .res = res };

	memset(res, 0, sizeof(*res));
	if (!req->name || !*req->name || !req->alloc.page)
		return fail(res, "bad request");
	if (!open_fdt(req, res))
		return false;
	if (!(res->v1 ? kho_amend_v1_map(req, res) : amend_tree(&t)))
		return false;
	return finish_fdt(req, res);
}

static bool in_ranges(u64 e, const struct kho_amend_range *add, u32 n)
{
	phys_addr_t pa = preserved_entry_pa(e);
	u32 i;

	if (preserved_entry_order(e) != 0)
		return false;
	for (i = 0; i < n; i++)
		if (pa >= add[i].pa && pa - add[i].pa < add[i].size)
			return true;
	return false;
}

static void note(u64 *count, u64 *first, u64 e)
{
	if (!(*count)++)
		*first = e;
}

void kho_amend_parse_back_extra(const struct kho_amend_result *res,
				u64 *extra_entries, u64 *extra_map_pages)
{
	*extra_entries = res->added;
	*extra_map_pages = res->page_count;
}

/* One side of the compare: a position in an index's runs. */
struct cmp_side {
	const struct preserved_index *idx;
	struct preserved_pos pos;
};

/* The entry at the side's position (UINT64_MAX at the end). */
static u64 side_entry(struct cmp_side *s)
{
	const struct preserved_index *idx = s->idx;

	while (s->pos.run < idx->run_count &&
	       s->pos.k >= idx->runs[s->pos.run].count) {
		s->pos.run++;
		s->pos.k = 0;
	}
	if (s->pos.run >= idx->run_count)
		return UINT64_MAX;
	return preserved_index_entry(idx, s->pos) & ~PRESERVED_CLAIMED;
}

static u64 side_left(const struct cmp_side *s)
{
	return s->idx->runs[s->pos.run].count - s->pos.k;
}

/*
 * Both indexes in run order (pa order unless runs overlap, which is
 * E_PRESERVED_DUPLICATE already): equal stretches of two runs are passed
 * whole, so a kept map costs its runs, not its entries.
 */
void kho_amend_compare(const struct preserved_index *old_idx,
		       const struct preserved_index *new_idx,
		       const struct kho_amend_range *add, u32 add_count,
		       struct kho_amend_diff *d)
{
	struct cmp_side o = { old_idx, { 0, 0 } }, n = { new_idx, { 0, 0 } };

	memset(d, 0, sizeof(*d));
	d->new_dropped = new_idx->dropped;
	d->incomplete = old_idx->dropped || new_idx->dropped ||
			!old_idx->sorted || !new_idx->sorted;
	for (;;) {
		u64 a = side_entry(&o), b = side_entry(&n), same;

		if (a == UINT64_MAX && b == UINT64_MAX)
			break;
		if (a == b) {
			/* same start and order: the rest of the shorter run */
			same = MIN(side_left(&o), side_left(&n));
			o.pos.k += same;
			n.pos.k += same;
		} else if (a < b) {
			note(&d->missing, &d->first_missing, a);
			o.pos.k++;
		} else {
			if (in_ranges(b, add, add_count))
				d->added++;
			else
				note(&d->extra, &d->first_extra, b);
			n.pos.k++;
		}
	}
}

/* Whether a map page (table, leaf, chunk, bitmap) starts inside [pa, +4K). */
static bool has_map_page(const struct handover_model *m, phys_addr_t pa)
{
	u64 lo = 0, hi = m->map_page_count;

	while (lo < hi) {
		u64 mid = lo + (hi - lo) / 2;

		if (m->map_pages[mid] < pa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->map_page_count && m->map_pages[lo] - pa < PAGE_SIZE;
}

void kho_amend_check_kept(const struct handover_model *amended,
			  const struct kho_amend_range *pieces, u32 count,
			  struct kho_amend_kept *out)
{
	const struct preserved_index *idx = &amended->preserved;
	bool index_whole = idx->sorted && !idx->dropped;
	u32 i;

	memset(out, 0, sizeof(*out));
	out->unverified = !index_whole || amended->map_pages_truncated;
	for (i = 0; i < count; i++) {
		const struct kho_amend_range *r = &pieces[i];
		u64 pfn = r->pa >> PAGE_SHIFT, last;

		if (!r->size)
			continue;
		last = (r->pa + MIN(r->size - 1, UINT64_MAX - r->pa)) >>
		       PAGE_SHIFT;
		for (; pfn <= last; pfn++) {
			phys_addr_t pa = pfn << PAGE_SHIFT;

			out->pages++;
			if (index_whole &&
			    preserved_index_covers(idx, pa, PAGE_SIZE))
				out->preserved++;
			else if (has_map_page(amended, pa))
				out->map_pages++;
			else if (!out->exposed++)
				out->first_exposed = pa;
		}
	}
}
