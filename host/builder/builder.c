// SPDX-License-Identifier: MIT
/*
 * Handover builders. Each helper mirrors one Linux primitive (allocate and
 * preserve, add a sub-blob, preserve a vmalloc area, serialize sessions) so
 * the bytes come out as the profile's kernel would write them.
 */
#include <host/builder/builder.h>
#include <luo/preserved_index.h>
#include <libfdt.h>
#include <string.h>

/* ---- primitives -------------------------------------------------------- */

phys_addr_t hb_alloc_pages(struct handover_builder *b, unsigned int order)
{
	phys_addr_t pa = b->alloc.alloc_pages(b->alloc.ctx, order);

	if (!pa)
		b->failed = true;
	return pa;
}

void *hb_host(struct handover_builder *b, phys_addr_t pa)
{
	return b->alloc.host(b->alloc.ctx, pa);
}

void hb_preserve(struct handover_builder *b, phys_addr_t pa,
		 unsigned int order)
{
	if (b->preserved_count >= b->preserved_cap) {
		b->failed = true;
		return;
	}
	b->preserved[b->preserved_count++] = pa | order;
}

static unsigned int floor_log2(u64 x)
{
	return 63 - __builtin_clzll(x);
}

void hb_preserve_pages(struct handover_builder *b, phys_addr_t pa, u64 pages)
{
	u64 pfn = pa >> PAGE_SHIFT;

	while (pages) {
		unsigned int order = floor_log2(pages);

		if (pfn && (unsigned int)__builtin_ctzll(pfn) < order)
			order = __builtin_ctzll(pfn);
		hb_preserve(b, pfn << PAGE_SHIFT, order);
		pfn += 1ULL << order;
		pages -= 1ULL << order;
	}
}

static unsigned int order_for_size(u64 size)
{
	u64 pages = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;

	return pages <= 1 ? 0 : floor_log2(pages - 1) + 1;
}

phys_addr_t hb_alloc_preserve(struct handover_builder *b, u64 size)
{
	unsigned int order = order_for_size(size);
	phys_addr_t pa = hb_alloc_pages(b, order);

	if (pa)
		hb_preserve(b, pa, order);
	return pa;
}

static phys_addr_t new_vmalloc_chunk(struct handover_builder *b, u8 *cur)
{
	phys_addr_t pa = hb_alloc_pages(b, 0);

	if (!pa)
		return 0;
	hb_preserve_pages(b, pa, 1);
	if (cur)
		ABI_PUT_LE64(cur, struct kho_vmalloc_chunk_ser, next, pa);
	return pa;
}

void hb_preserve_vmalloc(struct handover_builder *b, const phys_addr_t *pages,
			 u32 count, struct kho_vmalloc_ser *desc)
{
	phys_addr_t chunk_pa = new_vmalloc_chunk(b, NULL);
	u8 *chunk;
	u32 i, idx = 0;

	memset(desc, 0, sizeof(*desc));
	if (!chunk_pa)
		return;
	chunk = hb_host(b, chunk_pa);
	desc->first = chunk_pa;
	for (i = 0; i < count; i++) {
		hb_preserve_pages(b, pages[i], 1);
		abi_put_le64_at(chunk + offsetof(struct kho_vmalloc_chunk_ser,
						 phys), idx++, pages[i]);
		if (idx == KHO_VMALLOC_CHUNK_ENTRIES) {
			chunk_pa = new_vmalloc_chunk(b, chunk);
			if (!chunk_pa)
				return;
			chunk = hb_host(b, chunk_pa);
			idx = 0;
		}
	}
	desc->total_pages = count;
	desc->flags = KHO_VMALLOC_ALLOC;
	desc->order = 0;
}

/* ---- KHO root FDT -------------------------------------------------------- */

static const char *kho_compat(enum kho_version v)
{
	switch (v) {
	case KHO_VERSION_V1:
		return KHO_COMPAT_V1;
	case KHO_VERSION_V2:
		return KHO_COMPAT_V2;
	case KHO_VERSION_V3:
		return KHO_COMPAT_V3;
	default:
		return KHO_COMPAT_V4;
	}
}

/* 6.16-6.18 wrote the whole FDT at finalisation, sub-FDTs in order. */
static bool sequential_fdt(const struct handover_builder *b)
{
	return b->profile == PROFILE_6_16 || b->profile == PROFILE_6_18;
}

static int write_root_fdt(struct handover_builder *b, bool with_subtrees)
{
	void *fdt = hb_host(b, b->fdt_pa);
	u64 map = b->mem_map;
	int err = 0;
	u32 i;

	err |= fdt_create(fdt, KHO_ROOT_FDT_MAX);
	err |= fdt_finish_reservemap(fdt);
	err |= fdt_begin_node(fdt, "");
	err |= fdt_property_string(fdt, "compatible", kho_compat(b->v.kho));
	err |= fdt_property(fdt, KHO_PROP_MEM_MAP, &map, sizeof(map));
	for (i = 0; with_subtrees && i < b->subtree_count; i++) {
		u64 pa = b->subtrees[i].pa;

		err |= fdt_begin_node(fdt, b->subtrees[i].name);
		err |= fdt_property(fdt, KHO_PROP_SUBTREE_FDT, &pa, sizeof(pa));
		err |= fdt_end_node(fdt);
	}
	err |= fdt_end_node(fdt);
	err |= fdt_finish(fdt);
	return err;
}

static int add_subtree_in_place(struct handover_builder *b, const char *name,
				u64 pa, u64 size)
{
	void *fdt = hb_host(b, b->fdt_pa);
	const char *prop = b->v.kho == KHO_VERSION_V1 ? KHO_PROP_SUBTREE_FDT :
							KHO_PROP_PRESERVED_DATA;
	int off, err;

	err = fdt_open_into(fdt, fdt, KHO_ROOT_FDT_MAX);
	if (err < 0)
		return err;
	off = fdt_add_subnode(fdt, 0, name);
	if (off < 0)
		return off;
	err = fdt_setprop(fdt, off, prop, &pa, sizeof(pa));
	if (!err && b->v.kho >= KHO_VERSION_V3)
		err = fdt_setprop(fdt, off, KHO_PROP_BLOB_SIZE, &size,
				  sizeof(size));
	if (!err)
		err = fdt_pack(fdt);
	return err;
}

void hb_add_subtree(struct handover_builder *b, const char *name,
		    phys_addr_t pa, u64 size)
{
	size_t n = strnlen(name, MODEL_NAME_MAX - 1);

	if (b->subtree_count >= BUILDER_SUBTREE_MAX) {
		b->failed = true;
		return;
	}
	memcpy(b->subtrees[b->subtree_count].name, name, n);
	b->subtrees[b->subtree_count].name[n] = 0;
	b->subtrees[b->subtree_count].pa = pa;
	b->subtrees[b->subtree_count].size = size;
	b->subtree_count++;
	if (!sequential_fdt(b) && add_subtree_in_place(b, name, pa, size))
		b->failed = true;
}

bool handover_builder_init(struct handover_builder *b,
			   const struct builder_alloc *alloc,
			   enum release_profile profile, u64 *preserved_storage,
			   u64 preserved_cap)
{
	memset(b, 0, sizeof(*b));
	b->alloc = *alloc;
	b->profile = profile;
	b->preserved = preserved_storage;
	b->preserved_cap = preserved_cap;
	if (!release_profile_versions(profile, &b->v))
		return false;
	b->fdt_pa = hb_alloc_preserve(b, KHO_ROOT_FDT_MAX);
	if (b->v.kho >= KHO_VERSION_V2) {
		b->radix_root = hb_alloc_pages(b, 0);
		b->mem_map = b->radix_root;
	}
	if (!b->failed && !sequential_fdt(b) && write_root_fdt(b, false))
		b->failed = true;
	return !b->failed;
}

/* ---- preserved-memory maps ---------------------------------------------- */

static u64 *radix_slot(const struct builder_alloc *a, phys_addr_t table,
		       unsigned int index)
{
	return (u64 *)((u8 *)a->host(a->ctx, table) + sizeof(u64) * index);
}

phys_addr_t kho_radix_build(const struct builder_alloc *a, phys_addr_t root,
			    const u64 *entries, u64 count)
{
	u64 i;

	if (!root)
		root = a->alloc_pages(a->ctx, 0);
	if (!root)
		return 0;
	for (i = 0; i < count; i++) {
		u64 key = kho_radix_key(preserved_entry_pa(entries[i]),
					preserved_entry_order(entries[i]));
		phys_addr_t node = root;
		unsigned int level, bit;
		u8 *leaf;

		for (level = KHO_RADIX_DEPTH - 1; level >= 1; level--) {
			unsigned int idx = (key >> kho_radix_level_shift(level)) &
					   (KHO_RADIX_TABLE_ENTRIES - 1);
			u64 *slot = radix_slot(a, node, idx);
			phys_addr_t child = abi_le64(slot);

			if (!child) {
				child = a->alloc_pages(a->ctx, 0);
				if (!child)
					return 0;
				abi_put_le64(slot, child);
			}
			node = child;
		}
		leaf = a->host(a->ctx, node);
		bit = key & (KHO_RADIX_LEAF_BITS - 1);
		leaf[bit / 8] |= (u8)(1u << (bit % 8));
	}
	return root;
}

/* Sort key for the v1 layout: order first, then pa. */
static u64 v1_sort_key(u64 e)
{
	return ((u64)preserved_entry_order(e) << 52) |
	       (preserved_entry_pa(e) >> PAGE_SHIFT);
}

static u64 v1_from_key(u64 k)
{
	return ((k & ((1ULL << 52) - 1)) << PAGE_SHIFT) | (k >> 52);
}

struct v1_writer {
	const struct builder_alloc *a;
	u64 bitmap_bytes;
	phys_addr_t head, chunk, pool;
	u64 pool_used;
	bool failed;
};

static phys_addr_t v1_new_chunk(struct v1_writer *w, unsigned int order)
{
	phys_addr_t pa = w->a->alloc_pages(w->a->ctx, 0);
	u8 *p;

	if (!pa) {
		w->failed = true;
		return 0;
	}
	p = w->a->host(w->a->ctx, pa);
	ABI_PUT_LE64(p, struct khoser_mem_chunk, next, 0);
	ABI_PUT_LE32(p, struct khoser_mem_chunk, order, order);
	if (w->chunk)
		ABI_PUT_LE64(w->a->host(w->a->ctx, w->chunk),
			     struct khoser_mem_chunk, next, pa);
	else
		w->head = pa;
	w->chunk = pa;
	return pa;
}

static phys_addr_t v1_new_bitmap(struct v1_writer *w)
{
	phys_addr_t pa;

	if (w->bitmap_bytes == PAGE_SIZE || !w->pool ||
	    w->pool_used == PAGE_SIZE) {
		pa = w->a->alloc_pages(w->a->ctx, 0);
		if (!pa) {
			w->failed = true;
			return 0;
		}
		if (w->bitmap_bytes == PAGE_SIZE)
			return pa;
		w->pool = pa;
		w->pool_used = 0;
	}
	pa = w->pool + w->pool_used;
	w->pool_used += w->bitmap_bytes;
	return pa;
}

phys_addr_t kho_v1_build(const struct builder_alloc *a,
			 enum kho_v1_variant variant, u64 *entries, u64 count)
{
	struct v1_writer w = {
		.a = a,
		.bitmap_bytes = variant == KHO_V1_BITMAP_512 ?
				KHO_V1_BITMAP_SMALL : KHO_V1_BITMAP_PAGE,
	};
	unsigned int span_log2_base = __builtin_ctzll(w.bitmap_bytes * 8);
	u64 i = 0;

	for (i = 0; i < count; i++)
		entries[i] = v1_sort_key(entries[i]);
	u64_heapsort(entries, count);
	for (i = 0; i < count; i++)
		entries[i] = v1_from_key(entries[i]);

	i = 0;
	while (i < count && !w.failed) {
		unsigned int order = preserved_entry_order(entries[i]);
		unsigned int span_log2 = span_log2_base + PAGE_SHIFT + order;

		v1_new_chunk(&w, order);
		while (i < count && !w.failed &&
		       preserved_entry_order(entries[i]) == order) {
			u64 pa = preserved_entry_pa(entries[i]);
			u64 k = span_log2 >= 64 ? 0 : pa >> span_log2;
			u64 start = span_log2 >= 64 ? 0 : k << span_log2;
			phys_addr_t bm = v1_new_bitmap(&w);
			u8 *chunk = a->host(a->ctx, w.chunk), *bits, *e;
			u32 num;

			if (!bm)
				break;
			num = ABI_LE32(chunk, struct khoser_mem_chunk, num_elms);
			if (num == KHO_V1_CHUNK_ENTRIES) {
				v1_new_chunk(&w, order);
				chunk = a->host(a->ctx, w.chunk);
				num = 0;
			}
			e = chunk + offsetof(struct khoser_mem_chunk,
					     bitmaps[num]);
			ABI_PUT_LE64(e, struct khoser_mem_bitmap_ptr,
				     phys_start, start);
			ABI_PUT_LE64(e, struct khoser_mem_bitmap_ptr, bitmap,
				     bm);
			num++;
			ABI_PUT_LE32(chunk, struct khoser_mem_chunk, num_elms,
				     num);
			bits = a->host(a->ctx, bm);
			while (i < count &&
			       preserved_entry_order(entries[i]) == order &&
			       (span_log2 >= 64 ||
				preserved_entry_pa(entries[i]) >> span_log2 == k)) {
				u64 b = (preserved_entry_pa(entries[i]) - start) >>
					(PAGE_SHIFT + order);

				bits[b / 8] |= (u8)(1u << (b % 8));
				i++;
			}
		}
	}
	return w.failed ? 0 : w.head;
}

bool hb_finish_map(struct handover_builder *b)
{
	void *fdt;
	u64 map;

	if (b->failed)
		return false;
	if (b->v.kho >= KHO_VERSION_V2) {
		if (!kho_radix_build(&b->alloc, b->radix_root, b->preserved,
				     b->preserved_count))
			b->failed = true;
		return !b->failed;
	}
	/* kho-v1: the list is written at finalisation, then patched in */
	b->mem_map = b->preserved_count ?
		     kho_v1_build(&b->alloc, b->v.v1_variant, b->preserved,
				  b->preserved_count) : 0;
	if (b->preserved_count && !b->mem_map)
		b->failed = true;
	if (sequential_fdt(b))
		return !b->failed && !write_root_fdt(b, true) && !b->failed;
	fdt = hb_host(b, b->fdt_pa);
	map = b->mem_map;
	if (fdt_setprop_inplace(fdt, 0, KHO_PROP_MEM_MAP, &map, sizeof(map)))
		b->failed = true;
	return !b->failed;
}
