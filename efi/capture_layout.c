// SPDX-License-Identifier: MIT
/*
 * "baton-capture 1" layout check: how the parsed lines fit together (RAM,
 * scratch, blobs, patterns, the scratch array and the KHO FDT). Run by
 * baton.efi; the host tools reuse it.
 */
#include <string.h>
#include <baton/capture.h>
#include <efi/capture_internal.h>

/* A placed range for the layout checks, whatever line made it. */
struct placed {
	u64 addr;
	u64 size;
	u32 line;
	const char *what;
};

static bool inside(u64 addr, u64 size, u64 outer_addr, u64 outer_size)
{
	return addr >= outer_addr && addr - outer_addr <= outer_size &&
	       size <= outer_size - (addr - outer_addr);
}

static bool overlaps(const struct placed *a, const struct placed *b)
{
	return a->addr < b->addr + b->size && b->addr < a->addr + a->size;
}

static bool in_ram(const struct capture *c, const struct placed *p,
		   struct capture_error *err)
{
	u32 i;

	if (!c->ram_count)
		return true;
	for (i = 0; i < c->ram_count; i++)
		if (inside(p->addr, p->size, c->ram[i].addr, c->ram[i].size))
			return true;
	return capture_fail(err, CAPTURE_ERR_OUTSIDE_RAM, p->line,
			    "%s [0x%llx-0x%llx] is not inside one ram range", p->what,
			    ull(p->addr), ull(p->addr + p->size - 1));
}

static bool overlap_error(const struct placed *a, const struct placed *b,
			  struct capture_error *err)
{
	return capture_fail(err, CAPTURE_ERR_OVERLAP, b->line,
			    "%s [0x%llx-0x%llx] overlaps %s [0x%llx-0x%llx] of line %u",
			    b->what, ull(b->addr), ull(b->addr + b->size - 1), a->what,
			    ull(a->addr), ull(a->addr + a->size - 1), a->line);
}

/* Item i of the memory-holding lines: scratch, then blobs, then patterns. */
static void memory_item(const struct capture *c, u32 i, struct placed *p)
{
	if (i < c->scratch_count) {
		*p = (struct placed){ c->scratch[i].addr, c->scratch[i].size,
				      c->scratch[i].line, "scratch" };
		return;
	}
	i -= c->scratch_count;
	if (i < c->blob_count) {
		*p = (struct placed){ c->blobs[i].addr,
				      capture_blob_extent(&c->blobs[i]),
				      c->blobs[i].line, "blob" };
		return;
	}
	i -= c->blob_count;
	*p = (struct placed){ c->patterns[i].addr, c->patterns[i].size,
			      c->patterns[i].line, "pattern" };
}

static bool check_ram(const struct capture *c, struct capture_error *err)
{
	u32 i, j;

	for (i = 0; i < c->ram_count; i++)
		for (j = 0; j < i; j++) {
			struct placed a = { c->ram[j].addr, c->ram[j].size,
					    c->ram[j].line, "ram" };
			struct placed b = { c->ram[i].addr, c->ram[i].size,
					    c->ram[i].line, "ram" };

			if (overlaps(&a, &b))
				return overlap_error(&a, &b, err);
		}
	return true;
}

/* Quadratic on purpose: captures hold tens to a few thousand lines. */
static bool check_memory(const struct capture *c, struct capture_error *err)
{
	u32 total = c->scratch_count + c->blob_count + c->pattern_count;
	struct placed a, b;
	u32 i, j;

	for (i = 0; i < total; i++) {
		memory_item(c, i, &b);
		if (!in_ram(c, &b, err))
			return false;
		for (j = 0; j < i; j++) {
			memory_item(c, j, &a);
			if (overlaps(&a, &b))
				return overlap_error(&a, &b, err);
		}
	}
	return true;
}

static bool check_scratch_array(const struct capture *c,
				struct capture_error *err)
{
	u64 size = capture_scratch_array_size(c);
	u32 i;

	for (i = 0; i < c->scratch_count; i++)
		if (inside(c->scratch_array_addr, size, c->scratch[i].addr,
			   c->scratch[i].size))
			return true;
	return capture_fail(err, CAPTURE_ERR_SCRATCH_ARRAY, 0,
			    "scratch-array [0x%llx-0x%llx] is not inside one scratch area",
			    ull(c->scratch_array_addr),
			    ull(c->scratch_array_addr + size - 1));
}

static bool check_kho_fdt(const struct capture *c, struct capture_error *err)
{
	u32 i;

	for (i = 0; i < c->blob_count; i++)
		if (inside(c->kho_fdt_addr, c->kho_fdt_size, c->blobs[i].addr,
			   capture_blob_extent(&c->blobs[i])))
			return true;
	for (i = 0; i < c->pattern_count; i++)
		if (inside(c->kho_fdt_addr, c->kho_fdt_size,
			   c->patterns[i].addr, c->patterns[i].size))
			return true;
	return capture_fail(err, CAPTURE_ERR_KHO_FDT, 0,
			    "kho-fdt [0x%llx-0x%llx] is not inside one blob or pattern",
			    ull(c->kho_fdt_addr),
			    ull(c->kho_fdt_addr + c->kho_fdt_size - 1));
}

bool capture_check_layout(const struct capture *c, struct capture_error *err)
{
	u32 i;

	memset(err, 0, sizeof(*err));
	for (i = 0; i < c->blob_count; i++)
		if (!c->blobs[i].size_resolved)
			return capture_fail(err, CAPTURE_ERR_UNRESOLVED,
					    c->blobs[i].line, "blob size not known yet");
	if (!c->scratch_count)
		return capture_fail(err, CAPTURE_ERR_MISSING, 0,
				    "no scratch line: the payload needs a scratch area");
	if (c->has_kho_fdt != c->has_scratch_array)
		return capture_fail(err, CAPTURE_ERR_MISSING, 0,
				    "kho-fdt and scratch-array must be given together");
	if (!check_ram(c, err) || !check_memory(c, err))
		return false;
	if (c->has_scratch_array && !check_scratch_array(c, err))
		return false;
	if (c->has_kho_fdt && !check_kho_fdt(c, err))
		return false;
	return true;
}
