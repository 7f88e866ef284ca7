// SPDX-License-Identifier: MIT
/*
 * arch_entry_level() for the AArch64 baton.efi: the exception level the
 * firmware runs the launcher at, which arch/arm64/chain_jump.c asks to
 * know whether to return to EL2 (efi_boot_dtb.c only enters from EL1).
 */
#include <baton/arch.h>

u64 arch_entry_level(void)
{
	u64 el;

	__asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
	return (el >> 2) & 3;
}
