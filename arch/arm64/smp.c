// SPDX-License-Identifier: MIT
/*
 * <baton/smp.h> on arm64: no secondary CPUs yet. boot/smp.c takes its CPU
 * list from the ACPI MADT, which a DTB boot does not have, so these are
 * reached only if one appears; starting CPUs on arm64 would be PSCI
 * CPU_ON (issue 14 leaves it for later). arch_delay_us is real: the
 * generic timer.
 */
#include <baton/arch.h>
#include <baton/log.h>
#include <baton/smp.h>
#include <arch/arm64/arm64.h>

int arch_smp_init(phys_addr_t trampoline, u64 lapic_base)
{
	pr_info("smp: not on arm64 yet, one CPU\n");
	return -1;
}

u32 arch_smp_self_id(void)
{
	return (u32)(read_sysreg(mpidr_el1) & 0xffffff);
}

const char *arch_smp_apic_mode(void)
{
	return "none";
}

bool arch_smp_start_cpu(u32 hw_id, u32 index, u64 stack_top,
			arch_smp_entry_fn entry, const u32 *callin,
			u64 timeout_us)
{
	return false;
}

void arch_smp_park_cpu(u32 hw_id)
{
}

void arch_smp_halt(void)
{
	for (;;)
		__asm__ volatile("wfi");
}

void arch_delay_us(u64 us)
{
	u64 freq = read_sysreg(cntfrq_el0), start = read_sysreg(cntvct_el0);
	u64 ticks = freq ? us * (freq / 1000000 ? freq / 1000000 : 1) : us;

	while (read_sysreg(cntvct_el0) - start < ticks)
		__asm__ volatile("yield");
}
