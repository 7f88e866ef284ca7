// SPDX-License-Identifier: MIT
/*
 * Capture replay: parse the manifest, size the blobs, check the layout
 * and the firmware's RAM, then claim every scratch area, blob and pattern
 * at its exact address (AllocateAddress) and fill them. Any address the
 * firmware cannot give is reported with what its memory map has there.
 */
#include <string.h>
#include "efi_launcher.h"

#define STORE_RAM	64
#define STORE_SCRATCH	64
#define STORE_BLOBS	1024
#define STORE_PATTERNS	16384
#define STORE_EXPECTS	256

static unsigned long long ull(u64 v)
{
	return v;
}

static void *alloc_array(u32 count, size_t size)
{
	void *p = efi_alloc((size_t)count * size);

	if (p)
		memset(p, 0, (size_t)count * size);
	return p;
}

static bool alloc_storage(struct capture_storage *st)
{
	st->ram = alloc_array(STORE_RAM, sizeof(*st->ram));
	st->scratch = alloc_array(STORE_SCRATCH, sizeof(*st->scratch));
	st->blobs = alloc_array(STORE_BLOBS, sizeof(*st->blobs));
	st->patterns = alloc_array(STORE_PATTERNS, sizeof(*st->patterns));
	st->expects = alloc_array(STORE_EXPECTS, sizeof(*st->expects));
	if (!st->ram || !st->scratch || !st->blobs || !st->patterns ||
	    !st->expects)
		return false;
	st->ram_max = STORE_RAM;
	st->scratch_max = STORE_SCRATCH;
	st->blob_max = STORE_BLOBS;
	st->pattern_max = STORE_PATTERNS;
	st->expect_max = STORE_EXPECTS;
	return true;
}

bool efi_replay_load(struct efi_replay *r, struct efi_source *src)
{
	static const struct capture_text manifest = {
		CAPTURE_MANIFEST_NAME, sizeof(CAPTURE_MANIFEST_NAME) - 1 };
	struct capture *c = &r->cap;
	struct capture_error err;
	const u8 *text;
	u64 size;
	u32 i;

	if (!efi_source_read(src, manifest, &text, &size) ||
	    !alloc_storage(&r->storage))
		return false;
	if (!capture_parse((const char *)text, size, &r->storage, c, &err)) {
		efi_print("%s%s: %s", src->where,
			  src->archive ? ":manifest" : CAPTURE_MANIFEST_NAME,
			  err.message);
		return false;
	}
	r->blob_sizes = alloc_array(c->blob_count + 1, sizeof(*r->blob_sizes));
	if (!r->blob_sizes)
		return false;
	for (i = 0; i < c->blob_count; i++) {
		if (!efi_source_size(src, c->blobs[i].file, &size))
			return false;
		r->blob_sizes[i] = size;
		if (!capture_blob_resolve(&c->blobs[i], size, &err)) {
			efi_print("manifest: %s", err.message);
			return false;
		}
	}
	if (!capture_check_layout(c, &err)) {
		efi_print("manifest: %s", err.message);
		return false;
	}
	efi_print("capture %s: %u ram, %u scratch, %u blobs, %u patterns",
		  src->where, c->ram_count, c->scratch_count, c->blob_count,
		  c->pattern_count);
	return true;
}

static bool check_ram(const struct capture *c, const struct efi_memmap *map)
{
	u32 i;

	for (i = 0; i < c->ram_count; i++) {
		const struct capture_range *ram = &c->ram[i];

		if (efi_memmap_is_ram(map, ram->addr, ram->size))
			continue;
		efi_print("ram [mem 0x%016llx-0x%016llx] (manifest line %u) is not all RAM here",
			  ull(ram->addr), ull(ram->addr + ram->size - 1),
			  ram->line);
		efi_memmap_describe(map, ram->addr, ram->size);
		return false;
	}
	return true;
}

struct claim {
	u64 addr;
	u64 size;
	u32 line;
	const char *what;
	EFI_MEMORY_TYPE type;
};

static bool claim_range(const struct claim *cl, const struct efi_memmap *map)
{
	EFI_PHYSICAL_ADDRESS addr = cl->addr;
	EFI_STATUS status;

	status = efi_bs->AllocatePages(AllocateAddress, cl->type,
				       cl->size / PAGE_SIZE, &addr);
	if (!EFI_ERROR(status) && addr == cl->addr)
		return true;
	efi_print("cannot allocate [mem 0x%016llx-0x%016llx] for the %s of manifest line %u: %s",
		  ull(cl->addr), ull(cl->addr + cl->size - 1), cl->what,
		  cl->line, efi_status_name(status));
	efi_memmap_describe(map, cl->addr, cl->size);
	return false;
}

/* Scratch is where the payload runs: loader code, so it stays executable. */
static void claim_item(const struct capture *c, u32 i, struct claim *cl)
{
	if (i < c->scratch_count) {
		*cl = (struct claim){ c->scratch[i].addr, c->scratch[i].size,
				      c->scratch[i].line, "scratch area",
				      EfiLoaderCode };
		return;
	}
	i -= c->scratch_count;
	if (i < c->blob_count) {
		*cl = (struct claim){ c->blobs[i].addr,
				      capture_blob_extent(&c->blobs[i]),
				      c->blobs[i].line, "blob", EfiLoaderData };
		return;
	}
	i -= c->blob_count;
	*cl = (struct claim){ c->patterns[i].addr, c->patterns[i].size,
			      c->patterns[i].line, "pattern", EfiLoaderData };
}

static void release(const struct capture *c, u32 count)
{
	struct claim cl;
	u32 i;

	for (i = 0; i < count; i++) {
		claim_item(c, i, &cl);
		efi_bs->FreePages(cl.addr, cl.size / PAGE_SIZE);
	}
}

static void write_scratch_array(const struct capture *c)
{
	u8 *out = (u8 *)(uintptr_t)c->scratch_array_addr;
	u32 i, b;

	for (i = 0; i < c->scratch_count; i++, out += 16)
		for (b = 0; b < 8; b++) {
			out[b] = (u8)(c->scratch[i].addr >> (8 * b));
			out[8 + b] = (u8)(c->scratch[i].size >> (8 * b));
		}
}

static bool fill_memory(struct efi_replay *r, struct efi_source *src)
{
	const struct capture *c = &r->cap;
	u32 i;

	for (i = 0; i < c->blob_count; i++) {
		const struct capture_blob *b = &c->blobs[i];
		u8 *dst = (u8 *)(uintptr_t)b->addr;
		u64 extent = capture_blob_extent(b);
		u64 file_size = r->blob_sizes[i];

		if (!efi_source_read_into(src, b->file, dst, file_size))
			return false;
		memset(dst + file_size, 0, extent - file_size);
	}
	for (i = 0; i < c->pattern_count; i++) {
		const struct capture_pattern *p = &c->patterns[i];

		/* claimed above, never written: sparse guest RAM stays so */
		if (p->kind != CAPTURE_PATTERN_ABSENT)
			capture_pattern_fill(p, 0, (void *)(uintptr_t)p->addr,
					     p->size);
	}
	if (c->has_scratch_array)
		write_scratch_array(c);
	return true;
}

bool efi_replay_place(struct efi_replay *r, struct efi_source *src)
{
	const struct capture *c = &r->cap;
	u32 total = c->scratch_count + c->blob_count + c->pattern_count;
	struct efi_memmap map;
	struct claim cl;
	u32 i;

	if (!efi_memmap_alloc(&map))
		return false;
	if (!check_ram(c, &map)) {
		efi_memmap_free(&map);
		return false;
	}
	for (i = 0; i < total; i++) {
		claim_item(c, i, &cl);
		if (!claim_range(&cl, &map)) {
			release(c, i);
			efi_memmap_free(&map);
			return false;
		}
	}
	efi_memmap_free(&map);
	if (!fill_memory(r, src)) {
		release(c, total);
		return false;
	}
	r->placed = true;
	for (i = 0; i < c->scratch_count; i++)
		efi_print("scratch[%u] [mem 0x%016llx-0x%016llx]", i,
			  ull(c->scratch[i].addr),
			  ull(c->scratch[i].addr + c->scratch[i].size - 1));
	return true;
}

void efi_replay_release(struct efi_replay *r)
{
	const struct capture *c = &r->cap;

	if (!r->placed || r->exiting)
		return;
	release(c, c->scratch_count + c->blob_count + c->pattern_count);
	r->placed = false;
}
