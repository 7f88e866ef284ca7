// SPDX-License-Identifier: MIT
/* The arm64 Image header (booting.rst), read field by field, little endian. */
#include <string.h>
#include <boot/chain/arm64_image.h>

#define HDR_TEXT_OFFSET	0x08
#define HDR_IMAGE_SIZE	0x10
#define HDR_FLAGS	0x18
#define HDR_MAGIC	0x38
#define IMAGE_MAGIC	0x644d5241	/* "ARM\x64" */

#define FLAG_BE		(1ULL << 0)
#define FLAG_PAGE_SHIFT	1
#define FLAG_PAGE_MASK	3ULL
#define FLAG_ANYWHERE	(1ULL << 3)

static u64 le64_at(const u8 *p)
{
	u64 v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static u32 le32_at(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 |
	       (u32)p[3] << 24;
}

bool chain_arm64_image_probe(const void *buf, u64 size,
			     struct chain_arm64_image *out,
			     struct chain_status *st)
{
	static const u32 page_sizes[] = { 0, 4096, 16384, 65536 };
	const u8 *h = buf;

	memset(out, 0, sizeof(*out));
	if (size < ARM64_IMAGE_HEADER_SIZE)
		return chain_fail(st, CHAIN_ERR_BZIMAGE,
				  "kernel is %llu bytes, shorter than an arm64 Image header",
				  (unsigned long long)size);
	if (le32_at(h + HDR_MAGIC) != IMAGE_MAGIC)
		return chain_fail(st, CHAIN_ERR_BZIMAGE,
				  "kernel has no arm64 Image magic at 0x38 (found %#x)",
				  le32_at(h + HDR_MAGIC));
	out->text_offset = le64_at(h + HDR_TEXT_OFFSET);
	out->image_size = le64_at(h + HDR_IMAGE_SIZE);
	out->flags = le64_at(h + HDR_FLAGS);
	out->page_size = page_sizes[(out->flags >> FLAG_PAGE_SHIFT) &
				    FLAG_PAGE_MASK];
	out->anywhere = out->flags & FLAG_ANYWHERE;
	out->file_size = size;
	if (out->flags & FLAG_BE)
		return chain_fail(st, CHAIN_ERR_BZIMAGE,
				  "kernel is a big-endian arm64 Image (flags %#llx)",
				  (unsigned long long)out->flags);
	if (!out->image_size)
		return chain_fail(st, CHAIN_ERR_BZIMAGE,
				  "arm64 Image has image_size 0 (Linux before 3.17): its size incl. .bss is unknown");
	if (out->image_size < size || out->text_offset >= ARM64_IMAGE_BASE_ALIGN ||
	    out->text_offset % 4096)
		return chain_fail(st, CHAIN_ERR_BZIMAGE,
				  "arm64 Image header inconsistent: image_size %#llx for %#llx bytes, text_offset %#llx",
				  (unsigned long long)out->image_size,
				  (unsigned long long)size,
				  (unsigned long long)out->text_offset);
	return true;
}

bool chain_arm64_image_page_size_ok(const struct chain_arm64_image *k)
{
	return !k->page_size || k->page_size == ARM64_IMAGE_HANDOVER_PAGE;
}

#define BANNER		"Linux version "
#define BANNER_LEN	(sizeof(BANNER) - 1)

enum kernel_version_read chain_arm64_image_version(const void *image,
						   size_t size,
						   char out[KERNEL_VERSION_MAX],
						   char release[KERNEL_RELEASE_MAX])
{
	const u8 *img = image, *p = NULL;
	size_t i, n, r;

	out[0] = release[0] = '\0';
	for (i = 0; img && size >= BANNER_LEN && i <= size - BANNER_LEN; i++)
		if (img[i] == 'L' && !memcmp(img + i, BANNER, BANNER_LEN)) {
			p = img + i;
			break;
		}
	if (!p)
		return KERNEL_VERSION_NO_FIELD;
	for (n = 0; i + n < size && n < KERNEL_VERSION_MAX - 1 && p[n] &&
		    p[n] != '\n'; n++)
		out[n] = p[n] >= 0x20 && p[n] <= 0x7e ? (char)p[n] : '?';
	out[n] = '\0';
	for (r = 0; BANNER_LEN + r < n && out[BANNER_LEN + r] != ' ' &&
		    r < KERNEL_RELEASE_MAX - 1; r++)
		release[r] = out[BANNER_LEN + r];
	release[r] = '\0';
	return r ? KERNEL_VERSION_OK : KERNEL_VERSION_EMPTY;
}
