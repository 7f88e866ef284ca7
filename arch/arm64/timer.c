// SPDX-License-Identifier: MIT
/*
 * The generic timer as baton's clock: CNTVCT_EL0 is the time stamp (the
 * same counter in every exception level once head.S zeroed CNTVOFF_EL2,
 * and in the old kernel), CNTFRQ_EL0 its frequency as firmware set it.
 * There is nothing to calibrate; the "tsc" names of <baton/arch.h> are the
 * neutral clock interface the log and the timeline use.
 */
#include <baton/arch.h>
#include <baton/log.h>
#include <arch/arm64/arm64.h>

static u64 entry_stamp;
static u64 counter_khz;

void arm64_timer_init(u64 stamp)
{
	entry_stamp = stamp;
}

u64 arch_timestamp(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

u64 arch_timestamp_at_entry(void)
{
	return entry_stamp;
}

u64 arch_tsc_khz(void)
{
	return counter_khz;
}

void arch_tsc_calibrate(void)
{
	counter_khz = (read_sysreg(cntfrq_el0) & 0xffffffff) / 1000;
}

const char *arch_tsc_method(void)
{
	return counter_khz ? "cntfrq" : "none";
}

void arch_tsc_report(void)
{
	u64 hz = read_sysreg(cntfrq_el0) & 0xffffffff;

	pr_info("timer: generic timer %llu.%03llu MHz (cntfrq)\n",
		(unsigned long long)(hz / 1000000),
		(unsigned long long)(hz / 1000 % 1000));
}
