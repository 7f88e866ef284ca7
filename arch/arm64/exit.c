// SPDX-License-Identifier: MIT
/*
 * How a run ends on arm64: baton.exit=halt (default) waits for interrupts
 * forever; baton.exit=qemu powers off through PSCI SYSTEM_OFF (QEMU then
 * exits; on a board it powers off) and baton.exit=reboot resets through
 * PSCI SYSTEM_RESET. The PSCI conduit (hvc or smc) is the DTB's /psci
 * "method"; without one there is no PSCI and both fall back to halt.
 */
#include <baton/arch.h>
#include <baton/cmdline.h>
#include <baton/log.h>
#include <libfdt.h>
#include <string.h>
#include <arch/arm64/arm64.h>

#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_SYSTEM_RESET	0x84000009

enum psci_conduit { PSCI_NONE, PSCI_HVC, PSCI_SMC };

static enum psci_conduit conduit;
static enum { EXIT_HALT, EXIT_OFF, EXIT_RESET } exit_mode;

void arm64_psci_init(const void *fdt)
{
	int node = fdt_path_offset(fdt, "/psci");
	const char *method;
	int len;

	if (node < 0)
		return;
	method = fdt_getprop(fdt, node, "method", &len);
	if (!method || len < 4)
		return;
	if (!strcmp(method, "hvc"))
		conduit = PSCI_HVC;
	else if (!strcmp(method, "smc"))
		conduit = PSCI_SMC;
}

const char *arm64_psci_method(void)
{
	static const char *const names[] = { "none", "hvc", "smc" };

	return names[conduit];
}

/* SMC calling convention: x0..x3 in, x0 out, x4..x17 may be clobbered. */
s64 arm64_psci_call(u64 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fn;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	if (conduit == PSCI_HVC)
		__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2),
				 "+r"(x3) : : "x4", "x5", "x6", "x7", "x8",
				 "x9", "x10", "x11", "x12", "x13", "x14",
				 "x15", "x16", "x17", "memory");
	else if (conduit == PSCI_SMC)
		__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2),
				 "+r"(x3) : : "x4", "x5", "x6", "x7", "x8",
				 "x9", "x10", "x11", "x12", "x13", "x14",
				 "x15", "x16", "x17", "memory");
	else
		return -1;	/* NOT_SUPPORTED */
	return (s64)x0;
}

static void psci_call(u64 fn)
{
	arm64_psci_call(fn, 0, 0, 0);
}

void arch_exit_configure(const char *cmdline)
{
	char value[16];

	if (!cmdline_get_str(cmdline, "baton.exit", value, sizeof(value)))
		return;
	if (!strcmp(value, "qemu"))
		exit_mode = EXIT_OFF;
	else if (!strcmp(value, "reboot"))
		exit_mode = EXIT_RESET;
	else
		exit_mode = EXIT_HALT;
}

void __noreturn arch_halt(void)
{
	for (;;)
		__asm__ volatile("msr daifset, #0xf\n\twfi");
}

void __noreturn arch_exit(enum baton_exit_status status)
{
	static const char *const names[] = { "success", "failure", "exception" };

	if (exit_mode != EXIT_HALT && conduit != PSCI_NONE) {
		pr_info("baton: exit %s: psci %s via %s\n", names[status],
			exit_mode == EXIT_OFF ? "SYSTEM_OFF" : "SYSTEM_RESET",
			arm64_psci_method());
		psci_call(exit_mode == EXIT_OFF ? PSCI_SYSTEM_OFF :
						  PSCI_SYSTEM_RESET);
		pr_err("baton: psci call returned, halting\n");
	} else {
		pr_info("baton: exit %s: halted\n", names[status]);
	}
	arch_halt();
}
