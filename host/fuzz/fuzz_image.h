/* SPDX-License-Identifier: MIT */
/*
 * Hosted only: the input format of the luo fuzzers and its seed encoder.
 * An image is a header (the SETUP_KEXEC_KHO record, RAM ranges, v1 hint)
 * followed by memory segments (pa, len, bytes); decoding never fails hard,
 * so every byte string is a valid (if odd) handover.
 */
#ifndef BATON_HOST_FUZZ_IMAGE_H
#define BATON_HOST_FUZZ_IMAGE_H

#include <luo/handover.h>
#include <luo/segment_view.h>

#define FUZZ_IMAGE_RAM_MAX	4
#define FUZZ_IMAGE_HEADER	(14 * 8)
#define FUZZ_IMAGE_BUFFER	(8 * SZ_1M)

struct fuzz_image {
	struct segment_view sv;
	struct boot_kho_record rec;
	struct phys_range ram[FUZZ_IMAGE_RAM_MAX];
	u32 ram_count;
	enum kho_v1_variant v1_hint;
	u8 *buffer;			/* FUZZ_IMAGE_BUFFER bytes, page aligned */
	u64 used;
};

/* buffer: FUZZ_IMAGE_BUFFER bytes, 4096-aligned, reused across calls. */
void fuzz_image_decode(struct fuzz_image *img, u8 *buffer, const u8 *data,
		       size_t size);
void fuzz_image_config(const struct fuzz_image *img,
		       struct handover_config *cfg);

struct host_scenario;
/* Encodes a built scenario (nonzero pages only); returns bytes or 0. */
size_t fuzz_image_encode(const struct host_scenario *s, u8 *out, size_t cap);

#endif
