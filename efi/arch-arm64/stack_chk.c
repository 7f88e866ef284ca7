// SPDX-License-Identifier: MIT
/*
 * The stack protector's guard and failure hook for the AArch64 baton.efi:
 * Debian's arm64 libfdt.a is built with -fstack-protector-strong (baton's
 * own code is not), so its frames check a guard that must exist. A
 * smashed frame says so on the firmware console and stops.
 */
#include "../efi_launcher.h"

u64 __stack_chk_guard = 0x7b1c4e02a95d3f68ULL;

void __noreturn __stack_chk_fail(void);
void __noreturn __stack_chk_fail(void)
{
	efi_print("stack smashing detected in libfdt; stopped");
	for (;;)
		__asm__ volatile("wfi");
}
