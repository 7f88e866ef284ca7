/* SPDX-License-Identifier: MIT */
/*
 * The last step of chain-loading an arm64 Image (arch/arm64/chain_jump.c):
 * clean the written ranges to the point of coherency, MMU and caches off,
 * enter the kernel with x0 = DTB, x1..x3 = 0, interrupts masked
 * (Documentation/arch/arm64/booting.rst). Payload only.
 */
#ifndef BATON_CHAIN_JUMP_DTB_H
#define BATON_CHAIN_JUMP_DTB_H

#include <baton/arch.h>

/* clean: what was written for the next kernel (Image, initrd, DTB). */
void __noreturn chain_jump_dtb(phys_addr_t entry, phys_addr_t dtb,
			       const struct arch_map_range *clean, u32 count);

#endif
