// SPDX-License-Identifier: MIT
/* Fuzz image: decode into a segment view, encode a scenario's live pages. */
#include <host/fuzz/fuzz_image.h>
#include <host/scenario/host_scenario.h>
#include <string.h>

static u64 get64(const u8 *p)
{
	return abi_le64(p);
}

void fuzz_image_decode(struct fuzz_image *img, u8 *buffer, const u8 *data,
		       size_t size)
{
	size_t off = FUZZ_IMAGE_HEADER;
	u32 i;

	memset(img, 0, sizeof(*img));
	segment_view_init(&img->sv);
	img->buffer = buffer;
	if (size < FUZZ_IMAGE_HEADER)
		return;
	img->rec = (struct boot_kho_record){
		.present = true,
		.fdt_addr = get64(data),
		.fdt_size = get64(data + 8),
		.scratch_addr = get64(data + 16),
		.scratch_size = get64(data + 24),
		.len = (u32)get64(data + 32),
	};
	img->v1_hint = (enum kho_v1_variant)((get64(data + 32) >> 32) % 3);
	img->ram_count = (u32)MIN(get64(data + 40), (u64)FUZZ_IMAGE_RAM_MAX);
	for (i = 0; i < img->ram_count; i++) {
		img->ram[i].start = get64(data + 48 + 16 * i);
		img->ram[i].size = get64(data + 56 + 16 * i);
	}
	while (off + 16 <= size) {
		phys_addr_t pa = get64(data + off);
		u64 len = MIN(get64(data + off + 8), (u64)(size - off - 16));
		u64 at = ALIGN_UP(img->used, PAGE_SIZE) + (pa & (PAGE_SIZE - 1));

		off += 16;
		if (len && at + len <= FUZZ_IMAGE_BUFFER) {
			memcpy(buffer + at, data + off, len);
			if (segment_view_add(&img->sv, pa, buffer + at, len))
				img->used = at + len;
		}
		off += len;
	}
}

void fuzz_image_config(const struct fuzz_image *img,
		       struct handover_config *cfg)
{
	*cfg = (struct handover_config){
		.view = &img->sv.view,
		.kho = img->rec,
		.ram = img->ram_count ? img->ram : NULL,
		.ram_count = img->ram_count,
		.v1_hint = img->v1_hint,
	};
}

static bool page_used(const u8 *p)
{
	u64 i;

	for (i = 0; i < PAGE_SIZE; i++)
		if (p[i])
			return true;
	return false;
}

static void put64(u8 *p, u64 v)
{
	abi_put_le64(p, v);
}

size_t fuzz_image_encode(const struct host_scenario *s, u8 *out, size_t cap)
{
	const struct host_arena *a = &s->arena;
	u64 pages = a->next / PAGE_SIZE, p = 0;
	size_t off = FUZZ_IMAGE_HEADER;

	if (cap < FUZZ_IMAGE_HEADER)
		return 0;
	memset(out, 0, FUZZ_IMAGE_HEADER);
	put64(out, s->rec.fdt_addr);
	put64(out + 8, s->rec.fdt_size);
	put64(out + 16, s->rec.scratch_addr);
	put64(out + 24, s->rec.scratch_size);
	put64(out + 32, s->rec.len | (u64)s->v1_hint << 32);
	put64(out + 40, 1);
	put64(out + 48, a->base);
	put64(out + 56, a->size);
	while (p < pages) {
		u64 first, last, gap = 0, len;

		while (p < pages && !page_used(a->mem + p * PAGE_SIZE))
			p++;
		if (p == pages)
			break;
		first = last = p;
		/* extend over short zero gaps: fewer, larger segments */
		for (p++; p < pages && gap < 8; p++) {
			if (page_used(a->mem + p * PAGE_SIZE)) {
				last = p;
				gap = 0;
			} else {
				gap++;
			}
		}
		p = last + 1;
		len = (last - first + 1) * PAGE_SIZE;
		if (off + 16 + len > cap)
			return 0;
		put64(out + off, a->base + first * PAGE_SIZE);
		put64(out + off + 8, len);
		memcpy(out + off + 16, a->mem + first * PAGE_SIZE, len);
		off += 16 + len;
	}
	return off;
}
