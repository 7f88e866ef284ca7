/* SPDX-License-Identifier: MIT */
/*
 * The next arm64 kernel's DTB: a copy of the DTB baton was entered with,
 * /chosen rewritten the way Linux's kexec_file_load does it
 * (drivers/of/kexec.c): bootargs, linux,initrd-start/-end, linux,kho-fdt
 * and linux,kho-scratch as one (address, size) pair each in the root's
 * cells, rng-seed; the crash-kernel properties dropped. libfdt does the
 * editing (Debian's libfdt, linked, never copied).
 */
#ifndef BATON_CHAIN_DTB_NEXT_H
#define BATON_CHAIN_DTB_NEXT_H

#include <baton/types.h>
#include <boot/chain/status.h>

/* Room added to the incoming DTB's size for the new properties. */
#define CHAIN_DTB_EXTRA		8192

struct chain_dtb_input {
	const void *fdt;		/* the incoming DTB, checked header */
	const char *cmdline;		/* next bootargs */
	phys_addr_t initrd_pa;		/* 0: none */
	u64 initrd_size;
	phys_addr_t kho_fdt_pa;		/* 0: no handover */
	u64 kho_fdt_size;
	phys_addr_t kho_scratch_pa;
	u64 kho_scratch_size;
	const u8 *rng_seed;		/* NULL: none */
	u32 rng_seed_len;
};

/* Bytes the new DTB needs: the incoming totalsize + CHAIN_DTB_EXTRA. */
u64 chain_dtb_size(const struct chain_dtb_input *in);

/*
 * Writes the new DTB into buf (size >= chain_dtb_size()). False, with
 * CHAIN_ERR_PARAMS and libfdt's reason, when the incoming DTB is not
 * valid or an edit fails.
 */
bool chain_dtb_build(const struct chain_dtb_input *in, void *buf, u64 size,
		     struct chain_status *st);

#endif
