/* SPDX-License-Identifier: MIT */
/*
 * The last step of chain-loading (arch/x86_64/chain_jump.S): enter the
 * next kernel's 64-bit entry with the boot-protocol register state.
 * Payload only.
 */
#ifndef BATON_CHAIN_JUMP_H
#define BATON_CHAIN_JUMP_H

#include <baton/types.h>

/*
 * Preconditions (the caller's): the active page tables identity-map the
 * kernel segment (writable + executable, all PAGE_ALIGN(init_size) bytes),
 * the params segment (writable) and the initrd; the GDT has flat 64-bit
 * code at 0x10 and flat data at 0x18 (baton's own GDT does); the stack is
 * outside every segment. The jump sets IF = 0, DF = 0, CS = 0x10,
 * DS/ES/SS/FS/GS = 0x18, RSI = boot_params, every other GPR but RSP to 0,
 * and jumps to entry (kernel segment + 0x200).
 */
void __noreturn chain_jump(phys_addr_t entry, phys_addr_t boot_params);

#endif
