// SPDX-License-Identifier: MIT
/*
 * The other CPUs on arm64 (<baton/smp.h>): the DTB's /cpus nodes with
 * enable-method "psci" are the list, PSCI CPU_ON (0.2 or later, through
 * the DTB's /psci conduit) starts one at arm64_secondary_entry (head.S) in
 * baton's own image, and each CPU ends with PSCI CPU_OFF, so it is off
 * again, as the old kernel's kexec left it, when the next kernel CPU_ONs
 * it. arch_delay_us is the generic timer.
 */
#include <baton/arch.h>
#include <baton/log.h>
#include <baton/printf.h>
#include <baton/smp.h>
#include <libfdt.h>
#include <stddef.h>
#include <string.h>
#include <arch/arm64/arm64.h>
#include <arch/arm64/layout.h>

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON_64		0xc4000003
#define PSCI_AFFINITY_INFO_64	0xc4000004
#define AFFINITY_OFF		1

/* MPIDR_EL1's affinity fields: Aff3 (39:32), Aff2..Aff0 (23:0). */
#define MPIDR_AFF_MASK		0xff00ffffffULL
#define PARK_TIMEOUT_US		100000

/* The state word: who decided whether a started CPU runs baton's code. */
enum { BOOT_WAITING, BOOT_ARRIVED, BOOT_GAVE_UP };

/*
 * What a CPU reads at arm64_secondary_entry with its MMU off (head.S, by
 * the CPU_BOOT_* offsets), then its state. It sits at the top of the CPU's
 * own stack (boot/smp.c's), so a CPU that starts after the boot CPU gave
 * up on it reads nothing meant for another one.
 */
struct arm64_cpu_boot {
	u64 mair, tcr, ttbr0, sctlr, vbar, stack_top;
	u64 main;		/* arm64_secondary_main */
	u64 index;
	arch_smp_entry_fn entry;
	u32 state;
} __aligned(64);

_Static_assert(offsetof(struct arm64_cpu_boot, mair) == CPU_BOOT_MAIR &&
	       offsetof(struct arm64_cpu_boot, tcr) == CPU_BOOT_MAIR + 8 &&
	       offsetof(struct arm64_cpu_boot, ttbr0) == CPU_BOOT_TTBR0 &&
	       offsetof(struct arm64_cpu_boot, sctlr) == CPU_BOOT_TTBR0 + 8 &&
	       offsetof(struct arm64_cpu_boot, vbar) == CPU_BOOT_VBAR &&
	       offsetof(struct arm64_cpu_boot, stack_top) == CPU_BOOT_VBAR + 8 &&
	       offsetof(struct arm64_cpu_boot, main) == CPU_BOOT_MAIN,
	       "head.S reads struct arm64_cpu_boot by these offsets");

void arm64_secondary_entry(void);
void __noreturn arm64_secondary_main(struct arm64_cpu_boot *b);

static u32 dtb_skipped;		/* /cpus nodes not started: why in init */

static u32 mpidr_to_id(u64 mpidr)
{
	return (u32)(mpidr & 0xffffff) | (u32)((mpidr >> 32) & 0xff) << 24;
}

static u64 id_to_mpidr(u32 id)
{
	return (id & 0xffffff) | (u64)(id >> 24) << 32;
}

static bool prop_is(const void *fdt, int node, const char *name,
		    const char *want)
{
	int len;
	const char *v = fdt_getprop(fdt, node, name, &len);

	return v && len > 0 && strnlen(v, (size_t)len) < (size_t)len &&
	       !strcmp(v, want);
}

int arch_smp_firmware_cpus(u32 *ids, u32 max)
{
	const void *fdt = (const void *)(uintptr_t)arm64_dtb_pa();
	const fdt32_t *reg;
	int cpus, node, cells, len, n = 0;
	u64 mpidr;

	dtb_skipped = 0;
	if (!fdt || fdt_check_header(fdt))
		return 0;
	cpus = fdt_path_offset(fdt, "/cpus");
	cells = cpus < 0 ? 0 : fdt_address_cells(fdt, cpus);
	if (cells != 1 && cells != 2)
		return 0;
	fdt_for_each_subnode(node, fdt, cpus) {
		if (!prop_is(fdt, node, "device_type", "cpu"))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len < cells * 4 ||
		    (fdt_getprop(fdt, node, "status", NULL) &&
		     !prop_is(fdt, node, "status", "okay") &&
		     !prop_is(fdt, node, "status", "ok")) ||
		    !prop_is(fdt, node, "enable-method", "psci")) {
			dtb_skipped++;
			continue;
		}
		mpidr = fdt32_to_cpu(reg[0]);
		if (cells == 2)
			mpidr = mpidr << 32 | fdt32_to_cpu(reg[1]);
		if (mpidr & ~MPIDR_AFF_MASK) {
			dtb_skipped++;
			continue;
		}
		if ((u32)n < max)
			ids[n] = mpidr_to_id(mpidr);
		if (n < 0x7fffffff)
			n++;
	}
	return n;
}

const char *arch_smp_id_name(void)
{
	return "MPIDR";
}

u32 arch_smp_self_id(void)
{
	return mpidr_to_id(read_sysreg(mpidr_el1));
}

const char *arch_smp_apic_mode(void)
{
	return "none";
}

const char *arch_smp_park_method(void)
{
	return "PSCI CPU_OFF (AFFINITY_INFO: off)";
}

int arch_smp_init(phys_addr_t trampoline, u64 lapic_base)
{
	s64 v;

	if (!strcmp(arm64_psci_method(), "none")) {
		pr_info("smp: no PSCI conduit (/psci method): 1 CPU\n");
		return -1;
	}
	v = arm64_psci_call(PSCI_VERSION, 0, 0, 0);
	if (v < 0 || (u64)v < 2) {	/* 0.2: the standard function IDs */
		pr_info("smp: PSCI version 0x%llx (before 0.2) via %s: 1 CPU\n",
			(unsigned long long)v, arm64_psci_method());
		return -1;
	}
	pr_info("smp: PSCI %llu.%llu via %s, CPU_ON at 0x%llx (baton's secondary entry), CPU_OFF to park%s\n",
		(unsigned long long)((u64)v >> 16),
		(unsigned long long)((u64)v & 0xffff), arm64_psci_method(),
		(unsigned long long)(uintptr_t)arm64_secondary_entry,
		dtb_skipped ? "; some /cpus nodes not PSCI or malformed" : "");
	return 0;
}

/* The block to the point of coherency, where a CPU with its MMU off reads. */
static void clean_to_poc(const void *p, u64 size)
{
	u64 line = 4ULL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	u64 a = (u64)(uintptr_t)p & ~(line - 1), end = (u64)(uintptr_t)p + size;

	for (; a < end; a += line)
		__asm__ volatile("dc cvac, %0" : : "r"(a) : "memory");
	dsb(sy);
}

static const char *psci_error(s64 e)
{
	static const char *const names[] = {
		"SUCCESS", "NOT_SUPPORTED", "INVALID_PARAMETERS", "DENIED",
		"ALREADY_ON", "ON_PENDING", "INTERNAL_FAILURE", "NOT_PRESENT",
		"DISABLED", "INVALID_ADDRESS",
	};

	return e <= 0 && -e < (s64)ARRAY_SIZE(names) ? names[-e] : "unknown";
}

static u64 us_since(u64 t0)
{
	u64 khz = arch_tsc_khz();

	return khz ? (arch_timestamp() - t0) * 1000 / khz : 0;
}

/* Up to timeout_us for *callin; false at the deadline. */
static bool wait_callin(const u32 *callin, u64 timeout_us)
{
	u64 t0 = arch_timestamp(), spins = 0;

	while (!__atomic_load_n(callin, __ATOMIC_ACQUIRE)) {
		if (us_since(t0) >= timeout_us ||
		    (!arch_tsc_khz() && spins * 100 >= timeout_us))
			return false;
		arch_delay_us(100);
		spins++;
	}
	return true;
}

bool arch_smp_start_cpu(u32 hw_id, u32 index, u64 stack_top,
			arch_smp_entry_fn entry, const u32 *callin,
			u64 timeout_us, const char **why)
{
	static char reason[128];
	struct arm64_cpu_boot *b;
	u32 expect = BOOT_WAITING;
	s64 r;

	b = (struct arm64_cpu_boot *)(uintptr_t)((stack_top & ~63ULL) -
						 sizeof(*b));
	*b = (struct arm64_cpu_boot){
		.mair = read_sysreg(mair_el1), .tcr = read_sysreg(tcr_el1),
		.ttbr0 = read_sysreg(ttbr0_el1),
		.sctlr = read_sysreg(sctlr_el1),
		.vbar = read_sysreg(vbar_el1),
		.stack_top = (u64)(uintptr_t)b,
		.main = (u64)(uintptr_t)arm64_secondary_main,
		.index = index, .entry = entry, .state = BOOT_WAITING,
	};
	clean_to_poc(b, sizeof(*b));
	r = arm64_psci_call(PSCI_CPU_ON_64, id_to_mpidr(hw_id),
			    (u64)(uintptr_t)arm64_secondary_entry,
			    (u64)(uintptr_t)b);
	if (r) {
		baton_snprintf(reason, sizeof(reason),
			       "did not answer: PSCI CPU_ON returned %lld (%s)",
			       (long long)r, psci_error(r));
		*why = reason;
		return false;
	}
	if (wait_callin(callin, timeout_us))
		return true;
	/* it arrived just now (then it calls in at once) or it never will */
	if (!__atomic_compare_exchange_n(&b->state, &expect, BOOT_GAVE_UP,
					 false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE) &&
	    wait_callin(callin, timeout_us))
		return true;
	baton_snprintf(reason, sizeof(reason),
		       "did not answer within %llu ms of PSCI CPU_ON: it powers itself off if it starts later",
		       (unsigned long long)(timeout_us / 1000));
	*why = reason;
	return false;
}

/* head.S's arm64_secondary_entry, on baton's tables and this CPU's stack. */
void __noreturn arm64_secondary_main(struct arm64_cpu_boot *b)
{
	u32 expect = BOOT_WAITING;

	if (__atomic_compare_exchange_n(&b->state, &expect, BOOT_ARRIVED,
					false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE))
		b->entry((u32)b->index);
	arch_smp_halt();
}

bool arch_smp_park_cpu(u32 hw_id)
{
	u64 t0 = arch_timestamp(), spins = 0;
	s64 r;

	for (;;) {
		r = arm64_psci_call(PSCI_AFFINITY_INFO_64, id_to_mpidr(hw_id),
				    0, 0);
		if (r == AFFINITY_OFF)
			return true;
		if (r < 0 || us_since(t0) >= PARK_TIMEOUT_US ||
		    (!arch_tsc_khz() && spins * 100 >= PARK_TIMEOUT_US))
			return false;
		arch_delay_us(100);
		spins++;
	}
}

/*
 * PSCI CPU_OFF: the CPU is powered down, its caches cleaned by the
 * firmware, and the next kernel's CPU_ON starts it afresh. Only if the
 * call fails does the CPU stay here, interrupts off.
 */
void __noreturn arch_smp_halt(void)
{
	arm64_psci_call(PSCI_CPU_OFF, 0, 0, 0);
	for (;;)
		__asm__ volatile("msr daifset, #0xf\n\twfi");
}

void arch_delay_us(u64 us)
{
	u64 freq = read_sysreg(cntfrq_el0), start = read_sysreg(cntvct_el0);
	u64 ticks = freq ? us * (freq / 1000000 ? freq / 1000000 : 1) : us;

	while (read_sysreg(cntvct_el0) - start < ticks)
		__asm__ volatile("yield");
}
