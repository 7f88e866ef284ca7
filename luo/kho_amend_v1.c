// SPDX-License-Identifier: MIT
/*
 * KHO amendment of a kho-v1 handover: the added pages go into one new
 * order-0 chunk linked at the head of the old chunk list (which stays
 * untouched and shared), and baton's report is wrapped in a sub-FDT,
 * since a kho-v1 subtree's `fdt` must point at one (docs/handover-abi.md
 * §2.3.3).
 */
#include <libfdt.h>
#include <string.h>
#include <baton/printf.h>
#include <luo/abi.h>
#include <luo/kho_amend.h>

#define V1_WRAP_COMPAT		"baton-report-v1"
#define V1_WRAP_PROP		"report"
#define V1_WRAP_SLACK		256	/* header, strings, structure */

struct v1_amend {
	const struct kho_amend_request *req;
	struct kho_amend_result *res;
	u8 *chunk;
	u64 span_log2;			/* bits per bitmap << PAGE_SHIFT */
	u64 starts[KHO_V1_CHUNK_ENTRIES];
	u8 *bitmaps[KHO_V1_CHUNK_ENTRIES];
	u32 num;
};

static bool v1_fail(struct kho_amend_result *res, const char *fmt, ...)
	__printf(2, 3);

static bool v1_fail(struct kho_amend_result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	baton_vsnprintf(res->error, sizeof(res->error), fmt, ap);
	va_end(ap);
	return false;
}

/* A fresh zeroed page, recorded as a new map page. */
static u8 *v1_page(struct v1_amend *a, phys_addr_t *pa)
{
	struct kho_amend_result *res = a->res;
	u8 *page;

	if (res->page_count >= KHO_AMEND_PAGES_MAX) {
		v1_fail(res, "more than %u new map pages needed",
			KHO_AMEND_PAGES_MAX);
		return NULL;
	}
	page = a->req->alloc.page(a->req->alloc.ctx, pa);
	if (!page || !*pa || !IS_ALIGNED(*pa, PAGE_SIZE)) {
		v1_fail(res, "no page for a kho-v1 map page (%u so far)",
			res->page_count);
		return NULL;
	}
	memset(page, 0, PAGE_SIZE);
	res->pages[res->page_count++] = *pa;
	return page;
}

/*
 * The bitmap covering pa. Each gets a page of its own at offset 0, zero
 * past the variant's size: bit b means phys_start + b pages in either
 * variant, so a reader of the other size decodes the same pages from it.
 */
static u8 *v1_bitmap(struct v1_amend *a, phys_addr_t pa)
{
	u64 start = pa >> a->span_log2 << a->span_log2;
	phys_addr_t bm_pa;
	u8 *bm, *e;
	u32 i;

	for (i = 0; i < a->num; i++)
		if (a->starts[i] == start)
			return a->bitmaps[i];
	if (a->num == KHO_V1_CHUNK_ENTRIES) {
		v1_fail(a->res, "more than %u kho-v1 bitmaps needed",
			KHO_V1_CHUNK_ENTRIES);
		return NULL;
	}
	bm = v1_page(a, &bm_pa);
	if (!bm)
		return NULL;
	e = a->chunk + offsetof(struct khoser_mem_chunk, bitmaps[a->num]);
	ABI_PUT_LE64(e, struct khoser_mem_bitmap_ptr, phys_start, start);
	ABI_PUT_LE64(e, struct khoser_mem_bitmap_ptr, bitmap, bm_pa);
	a->starts[a->num] = start;
	a->bitmaps[a->num++] = bm;
	ABI_PUT_LE32(a->chunk, struct khoser_mem_chunk, num_elms, a->num);
	return bm;
}

static bool v1_set(struct v1_amend *a, phys_addr_t pa)
{
	u8 *bm = v1_bitmap(a, pa);
	u64 bit, word;

	if (!bm)
		return false;
	bit = (pa & ((1ULL << a->span_log2) - 1)) >> PAGE_SHIFT;
	word = abi_bitmap_word(bm, bit / ABI_BITMAP_WORD_BITS) |
	       1ULL << (bit % ABI_BITMAP_WORD_BITS);
	abi_put_le64_at(bm, bit / ABI_BITMAP_WORD_BITS, word);
	return true;
}

bool kho_amend_v1_map(const struct kho_amend_request *req,
		      struct kho_amend_result *res)
{
	static struct v1_amend a;
	u64 bytes, off;
	u32 i;

	if (req->v1_variant != KHO_V1_BITMAP_512 &&
	    req->v1_variant != KHO_V1_BITMAP_4096)
		return v1_fail(res, "kho-v1 bitmap size unknown (%s)",
			       kho_v1_variant_name(req->v1_variant));
	if (req->drop_count)
		return v1_fail(res, "kho-v1: dropping %u entries needs copied chunks, not supported",
			       req->drop_count);
	memset(&a, 0, sizeof(a));
	a.req = req;
	a.res = res;
	bytes = req->v1_variant == KHO_V1_BITMAP_512 ? KHO_V1_BITMAP_SMALL :
						       KHO_V1_BITMAP_PAGE;
	a.span_log2 = __builtin_ctzll(bytes * 8) + PAGE_SHIFT;
	/* order 0 heads the list, as the writer's ascending orders do */
	a.chunk = v1_page(&a, &res->map_root);
	if (!a.chunk)
		return false;
	ABI_PUT_LE64(a.chunk, struct khoser_mem_chunk, next, res->old_map_root);
	for (i = 0; i < req->add_count; i++) {
		const struct kho_amend_range *r = &req->add[i];

		if (!IS_ALIGNED(r->pa | r->size, PAGE_SIZE) || !r->size)
			return v1_fail(res, "range %#llx+%#llx is not whole pages",
				       (unsigned long long)r->pa,
				       (unsigned long long)r->size);
		for (off = 0; off < r->size; off += PAGE_SIZE) {
			if (!v1_set(&a, r->pa + off))
				return false;
			res->added++;
		}
	}
	return true;
}

u64 kho_v1_report_wrap_size(u32 len)
{
	return ALIGN_UP((u64)len, 8) + V1_WRAP_SLACK;
}

void *kho_v1_report_wrap(void *dst, u64 cap, const void *blob, u32 len,
			 u64 *total)
{
	const void *p;
	int err, plen;

	err = fdt_create(dst, (int)MIN(cap, (u64)INT32_MAX));
	err |= fdt_finish_reservemap(dst);
	err |= fdt_begin_node(dst, "");
	err |= fdt_property_string(dst, "compatible", V1_WRAP_COMPAT);
	err |= fdt_property(dst, V1_WRAP_PROP, blob, (int)len);
	err |= fdt_end_node(dst);
	err |= fdt_finish(dst);
	if (err)
		return NULL;
	*total = fdt_totalsize(dst);
	p = fdt_getprop(dst, 0, V1_WRAP_PROP, &plen);
	return p && (u32)plen == len ? (void *)(uintptr_t)p : NULL;
}

const void *kho_v1_report_unwrap(const void *fdt, u64 size, u32 *len)
{
	const void *p;
	int plen;

	if (size < sizeof(struct fdt_header) || fdt_check_header(fdt) ||
	    fdt_totalsize(fdt) > size ||
	    fdt_node_check_compatible(fdt, 0, V1_WRAP_COMPAT))
		return NULL;
	p = fdt_getprop(fdt, 0, V1_WRAP_PROP, &plen);
	if (!p || plen <= 0)
		return NULL;
	*len = (u32)plen;
	return p;
}
