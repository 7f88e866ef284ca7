/* SPDX-License-Identifier: MIT */
/*
 * kexec_file-with-KHO placement over a capture's scratch areas: the find /
 * claim pair boot/chain/place.c drives (first area in array order with
 * room, highest fitting address there, never on the scratch array or on a
 * segment already claimed). Pure: baton.efi and the unit tests share it.
 */
#ifndef BATON_EFI_SCRATCH_PLACE_H
#define BATON_EFI_SCRATCH_PLACE_H

#include <baton/capture.h>
#include <boot/chain/place.h>

#define SCRATCH_PLACER_TAKEN_MAX	(CHAIN_SEG_COUNT + 1)

struct scratch_placer {
	const struct capture *cap;
	struct capture_range taken[SCRATCH_PLACER_TAKEN_MAX];
	u32 taken_count;
};

/* Starts with the scratch array's pages (if any) taken. */
void scratch_placer_init(struct scratch_placer *p, const struct capture *cap);

/* The place_ops for chain_place(), with p as their context. */
struct place_ops scratch_placer_ops(struct scratch_placer *p);

#endif
