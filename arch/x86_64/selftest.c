// SPDX-License-Identifier: MIT
/*
 * Deliberate failures that prove the diagnostics work (baton.selftest=):
 *   fault     write to an unmapped address (page fault, CR2 = 0xdead0000000)
 *   ro-write  write to baton's own read-only text (protection fault)
 *   ud        an invalid opcode
 * Each must end in the exception report and the exception exit status.
 */
#include <string.h>
#include <baton/arch.h>
#include <baton/cmdline.h>
#include <baton/log.h>

#define SELFTEST_FAULT_ADDRESS	0xdead0000000ULL

extern char _start[];

/* noinline: the backtrace then shows selftest frames above the fault. */
static void __attribute__((noinline)) write_to(volatile u64 *p)
{
	*p = 0x5a5a5a5a5a5a5a5aULL;
}

void arch_selftest(const char *cmdline)
{
	char name[16];

	if (!cmdline_get_str(cmdline, "baton.selftest", name, sizeof(name)))
		return;
	pr_info("selftest: %s\n", name);
	if (!strcmp(name, "fault")) {
		write_to((volatile u64 *)SELFTEST_FAULT_ADDRESS);
	} else if (!strcmp(name, "ro-write")) {
		write_to((volatile u64 *)(_start + 0x100));
	} else if (!strcmp(name, "ud")) {
		__asm__ volatile("ud2");
	} else {
		pr_err("selftest: unknown test \"%s\"\n", name);
		arch_exit(BATON_EXIT_FAILURE);
	}
	pr_err("selftest: %s did not fault\n", name);
	arch_exit(BATON_EXIT_FAILURE);
}
