// SPDX-License-Identifier: MIT
/*
 * TSC frequency, from the best source the CPU offers: the hypervisor timing
 * leaf 0x40000010, CPUID 0x15 (crystal ratio), CPUID 0x16 (base MHz), else
 * a measurement against PIT channel 2 (the only choice under QEMU TCG).
 */
#include <baton/arch.h>
#include <baton/log.h>
#include <arch/x86_64/x86.h>

#define PIT_HZ		1193182ULL
#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PIT_GATE	0x61
#define CALIBRATE_MS	2	/* 2386 PIT ticks; see khz_from_pit */
#define CALIBRATE_RUNS	8	/* at most; usually two agree at once */
/*
 * Give up on a PIT that never counts down (legacy-free machines) after
 * this many TSC cycles: 50 ms even at 10 GHz, 0.5 s at 1 GHz.
 */
#define PIT_GIVE_UP_CYCLES	500000000ULL

static u64 tsc_khz;
static u64 tsc_entry;
static const char *tsc_method;

/* The TSC read by the first instructions of the entry code (head.S). */
void arch_timestamp_mark_entry(u64 tsc);
void arch_timestamp_mark_entry(u64 tsc)
{
	tsc_entry = tsc;
}

u64 arch_timestamp(void)
{
	return rdtsc();
}

u64 arch_timestamp_at_entry(void)
{
	return tsc_entry;
}

u64 arch_tsc_khz(void)
{
	return tsc_khz;
}

static u64 khz_from_hypervisor(void)
{
	struct cpuid_regs r;

	cpuid(1, &r);
	if (!(r.ecx & (1U << 31)))
		return 0;
	cpuid(0x40000000, &r);
	if (r.eax < 0x40000010)
		return 0;
	cpuid(0x40000010, &r);
	return r.eax;
}

static u64 khz_from_crystal(void)
{
	struct cpuid_regs r;

	cpuid(0, &r);
	if (r.eax < 0x15)
		return 0;
	cpuid(0x15, &r);
	if (!r.eax || !r.ebx || !r.ecx)
		return 0;
	return (u64)r.ecx * r.ebx / r.eax / 1000;
}

static u64 khz_from_base_frequency(void)
{
	struct cpuid_regs r;

	cpuid(0, &r);
	if (r.eax < 0x16)
		return 0;
	cpuid(0x16, &r);
	return (u64)(r.eax & 0xffff) * 1000;
}

/* One-shot count on channel 2 (speaker off); TSC ticks until OUT2 rises. */
static u64 pit_measure_once(u64 *ticks)
{
	u32 count = (u32)(PIT_HZ * CALIBRATE_MS / 1000);
	u64 start, end;
	u8 gate = inb(PIT_GATE);

	outb(PIT_GATE, (gate & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(PIT_CMD, 0xb0);			/* ch2, lo/hi, mode 0, binary */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	start = rdtsc();
	while (!(inb(PIT_GATE) & 0x20)) {
		if (rdtsc() - start > PIT_GIVE_UP_CYCLES) {
			outb(PIT_GATE, gate);
			return 0;
		}
	}
	end = rdtsc();
	outb(PIT_GATE, gate);
	*ticks = count;
	return end - start;
}

static u64 cycles_to_khz(u64 cycles, u64 ticks)
{
	return cycles * PIT_HZ / ticks / 1000;
}

/*
 * Interference (SMIs, a busy host under emulation) only makes a run
 * longer, so runs are repeated until two agree within 0.1%, and the
 * shorter of the two is used; failing that, the shortest of all.
 */
static u64 khz_from_pit(void)
{
	u64 runs[CALIBRATE_RUNS], best = 0, ticks = 0;
	int i, j;

	for (i = 0; i < CALIBRATE_RUNS; i++) {
		u64 tsc = pit_measure_once(&ticks);

		if (!tsc)
			return 0;	/* no PIT: do not wait again */
		for (j = 0; j < i; j++) {
			u64 diff = tsc > runs[j] ? tsc - runs[j] : runs[j] - tsc;

			if (diff * 1000 <= runs[j])
				return cycles_to_khz(MIN(tsc, runs[j]), ticks);
		}
		runs[i] = tsc;
		if (!best || tsc < best)
			best = tsc;
	}
	return cycles_to_khz(best, ticks);
}

void arch_tsc_calibrate(void)
{
	const char *method = "hypervisor";
	u64 khz = khz_from_hypervisor();

	if (!khz) {
		method = "cpuid 0x15";
		khz = khz_from_crystal();
	}
	if (!khz) {
		method = "cpuid 0x16";
		khz = khz_from_base_frequency();
	}
	if (!khz) {
		method = "pit";
		khz = khz_from_pit();
	}
	tsc_khz = khz;
	tsc_method = khz ? method : NULL;
}

const char *arch_tsc_method(void)
{
	return tsc_method ? tsc_method : "none";
}

void arch_tsc_report(void)
{
	if (!tsc_method) {
		pr_warn("tsc: frequency unknown, timestamps stay 0\n");
		return;
	}
	pr_info("tsc: %llu.%03llu MHz (%s)\n",
		(unsigned long long)(tsc_khz / 1000),
		(unsigned long long)(tsc_khz % 1000), tsc_method);
}
