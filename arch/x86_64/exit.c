// SPDX-License-Identifier: MIT
/*
 * How a run ends (baton.exit=): halt the CPU (default), leave QEMU through
 * isa-debug-exit with a status the test scripts check, or reset the
 * machine. QEMU's isa-debug-exit turns a write of v into exit status
 * (v << 1) | 1: success 0x10 -> 33, failure 0x11 -> 35, exception 0x12 -> 37.
 */
#include <string.h>
#include <baton/arch.h>
#include <baton/cmdline.h>
#include <baton/log.h>
#include <arch/x86_64/arch.h>
#include <arch/x86_64/x86.h>

#define QEMU_EXIT_PORT		0xf4
#define QEMU_EXIT_SUCCESS	0x10
#define QEMU_EXIT_FAILURE	0x11
#define QEMU_EXIT_EXCEPTION	0x12

enum exit_mode {
	EXIT_HALT,
	EXIT_QEMU,
	EXIT_REBOOT,
};

static enum exit_mode exit_mode = EXIT_HALT;

void arch_exit_configure(const char *cmdline)
{
	char mode[16];

	if (!cmdline_get_str(cmdline, "baton.exit", mode, sizeof(mode)))
		return;
	if (!strcmp(mode, "qemu"))
		exit_mode = EXIT_QEMU;
	else if (!strcmp(mode, "reboot"))
		exit_mode = EXIT_REBOOT;
	else if (!strcmp(mode, "halt"))
		exit_mode = EXIT_HALT;
	else
		pr_warn("baton.exit=%s not understood, halting at the end\n",
			mode);
}

void __noreturn arch_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

static void __noreturn reboot(void)
{
	static const struct {
		u16 limit;
		u64 base;
	} __packed no_idt;

	outb(0xcf9, 0x02);	/* PCI reset control: request hard reset */
	outb(0xcf9, 0x06);
	outb(0x64, 0xfe);	/* keyboard controller pulse reset line */
	/* Last resort: an empty IDT turns the next exception into a reset. */
	__asm__ volatile("lidt %0; int3" : : "m"(no_idt));
	arch_halt();
}

static const u8 qemu_codes[] = {
	[BATON_EXIT_SUCCESS] = QEMU_EXIT_SUCCESS,
	[BATON_EXIT_FAILURE] = QEMU_EXIT_FAILURE,
	[BATON_EXIT_EXCEPTION] = QEMU_EXIT_EXCEPTION,
};

/* For when even logging faults: the same end, without a word. */
void __noreturn arch_exit_silent(enum baton_exit_status status)
{
	if (exit_mode == EXIT_QEMU)
		outl(QEMU_EXIT_PORT, qemu_codes[status]);
	else if (exit_mode == EXIT_REBOOT)
		reboot();
	arch_halt();
}

void __noreturn arch_exit(enum baton_exit_status status)
{
	static const char *const names[] = {
		[BATON_EXIT_SUCCESS] = "success",
		[BATON_EXIT_FAILURE] = "failure",
		[BATON_EXIT_EXCEPTION] = "exception",
	};

	switch (exit_mode) {
	case EXIT_QEMU:
		pr_info("baton: exit %s (qemu)\n", names[status]);
		outl(QEMU_EXIT_PORT, qemu_codes[status]);
		pr_err("baton: isa-debug-exit absent, halting\n");
		break;
	case EXIT_REBOOT:
		pr_info("baton: exit %s (reboot)\n", names[status]);
		reboot();
	case EXIT_HALT:
		pr_info("baton: exit %s (halt)\n", names[status]);
		break;
	}
	arch_halt();
}
