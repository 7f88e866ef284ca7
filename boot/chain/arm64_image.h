/* SPDX-License-Identifier: MIT */
/*
 * The next kernel as an arm64 Image (Documentation/arch/arm64/booting.rst):
 * its 64-byte header read and checked (magic "ARM\x64" at 0x38, little
 * endian, image_size), and what placement needs: text_offset, the
 * effective size incl. .bss, the "anywhere" flag and the page size (KHO
 * needs the same page size on both sides of a handover).
 */
#ifndef BATON_CHAIN_ARM64_IMAGE_H
#define BATON_CHAIN_ARM64_IMAGE_H

#include <baton/types.h>
#include <boot/chain/kernel_version.h>
#include <boot/chain/status.h>

#define ARM64_IMAGE_HEADER_SIZE		64
#define ARM64_IMAGE_BASE_ALIGN		SZ_2M	/* base = load - text_offset */
/* The handover's page size: KHO's maps and folios count 4 KiB pages. */
#define ARM64_IMAGE_HANDOVER_PAGE	4096

struct chain_arm64_image {
	u64 text_offset;	/* from the 2 MiB aligned base */
	u64 image_size;		/* bytes from the load address incl. .bss */
	u64 flags;
	u32 page_size;		/* 4096, 16384, 65536, or 0: unspecified */
	bool anywhere;		/* flags bit 3: any 2 MiB base in RAM */
	u64 file_size;		/* the bytes to copy */
};

/*
 * Reads the header of the Image at buf (size bytes). False, with st's
 * code CHAIN_ERR_BZIMAGE ("not a usable next kernel") and a message, when
 * it is too short, has no arm64 magic, is big endian, or its image_size
 * is 0 (Linux before 3.17) or smaller than the file.
 */
bool chain_arm64_image_probe(const void *buf, u64 size,
			     struct chain_arm64_image *out,
			     struct chain_status *st);

/* The header's page size matches the handover's (or is unspecified). */
bool chain_arm64_image_page_size_ok(const struct chain_arm64_image *k);

/*
 * The version string of an Image: the first "Linux version " in the file
 * (Linux's banner; baton.Image carries "Linux version baton" right after
 * its header, as baton.bzImage's kernel_version says "baton"), up to the
 * NUL or newline, into out; its first word after the prefix into release.
 * KERNEL_VERSION_NO_FIELD when the file has none. One pass over the file.
 */
enum kernel_version_read chain_arm64_image_version(const void *image,
						   size_t size,
						   char out[KERNEL_VERSION_MAX],
						   char release[KERNEL_RELEASE_MAX]);

#endif
