// SPDX-License-Identifier: MIT
/*
 * The other CPUs on x86_64 (<baton/smp.h>): the local APIC in xAPIC (MMIO)
 * or x2APIC (MSR) mode, whichever the firmware or the old kernel left on;
 * INIT-SIPI-SIPI onto the real-mode trampoline (ap_trampoline.S) copied
 * below 1 MiB with its own identity map of [0, 2 MiB); INIT to park a CPU
 * back in wait-for-SIPI. The APs' own state (their APIC, their caches) is
 * never touched: INIT resets them as the next kernel expects.
 */
#include <string.h>
#include <baton/arch.h>
#include <baton/log.h>
#include <baton/printf.h>
#include <baton/smp.h>
#include <arch/x86_64/arch.h>
#include <arch/x86_64/layout.h>
#include <arch/x86_64/smp_trampoline.h>
#include <arch/x86_64/x86.h>

#define MSR_APIC_BASE		0x1b
#define APIC_BASE_EXTD		(1ULL << 10)	/* x2APIC mode */
#define APIC_BASE_EN		(1ULL << 11)
#define APIC_BASE_MASK		0xffffffffff000ULL
#define MSR_X2APIC_FIRST	0x800		/* + xAPIC offset / 16 */

#define APIC_ID			0x20
#define APIC_SVR		0xf0
#define APIC_ICR_LO		0x300
#define APIC_ICR_HI		0x310

#define APIC_SVR_ENABLE		(1U << 8)
#define APIC_SVR_VECTOR		0xff
#define ICR_INIT		0x500
#define ICR_STARTUP		0x600
#define ICR_BUSY		(1U << 12)	/* xAPIC delivery status */
#define ICR_ASSERT		(1U << 14)
#define ICR_LEVEL		(1U << 15)

/* Intel MP spec: 10 ms after INIT, 200 us between the two SIPIs. */
#define INIT_DELAY_US		10000
#define SIPI_DELAY_US		200
#define ICR_IDLE_US		1000

extern const char ap_trampoline_start[], ap_trampoline_end[];

static bool x2apic;
static volatile u32 *lapic;	/* xAPIC MMIO, identity mapped */
static phys_addr_t tramp;	/* 0 until arch_smp_init succeeded */
static arch_smp_entry_fn ap_entry;

void arch_delay_us(u64 us)
{
	u64 khz = arch_tsc_khz(), start = rdtsc(), spins;

	if (khz) {
		while (rdtsc() - start < us * khz / 1000)
			cpu_pause();
		return;
	}
	for (spins = 0; spins < us * 1000; spins++)	/* >= 1 ns a pause */
		cpu_pause();
}

/* Microseconds since the TSC read start; without a rate, last + 100. */
static u64 elapsed_us(u64 start, u64 last)
{
	u64 khz = arch_tsc_khz();

	return khz ? (rdtsc() - start) * 1000 / khz : last + 100;
}

static u32 apic_read(u32 reg)
{
	if (x2apic)
		return (u32)rdmsr(MSR_X2APIC_FIRST + (reg >> 4));
	return lapic[reg / 4];
}

static void apic_write(u32 reg, u32 v)
{
	if (x2apic)
		wrmsr(MSR_X2APIC_FIRST + (reg >> 4), v);
	else
		lapic[reg / 4] = v;
}

/* One IPI; xAPIC: waits (bounded) for the previous one to be sent. */
static void send_ipi(u32 hw_id, u32 icr)
{
	u64 waited;

	if (x2apic) {
		wrmsr(MSR_X2APIC_FIRST + (APIC_ICR_LO >> 4),
		      (u64)hw_id << 32 | icr);
		return;
	}
	for (waited = 0; (lapic[APIC_ICR_LO / 4] & ICR_BUSY) &&
			 waited < ICR_IDLE_US; waited++)
		arch_delay_us(1);
	lapic[APIC_ICR_HI / 4] = hw_id << 24;
	lapic[APIC_ICR_LO / 4] = icr;
	for (waited = 0; (lapic[APIC_ICR_LO / 4] & ICR_BUSY) &&
			 waited < ICR_IDLE_US; waited++)
		arch_delay_us(1);
}

u32 arch_smp_self_id(void)
{
	struct cpuid_regs r;

	if (tramp)
		return x2apic ? apic_read(APIC_ID) : apic_read(APIC_ID) >> 24;
	cpuid(1, &r);
	return r.ebx >> 24;
}

const char *arch_smp_apic_mode(void)
{
	return x2apic ? "x2apic" : "xapic";
}

/* The trampoline's identity map of [0, 2 MiB): one 2 MiB page. */
static void build_tables(u8 *base)
{
	u64 *pml4 = (u64 *)(base + TR_PML4_PAGE * PAGE_SIZE);
	u64 *pdpt = (u64 *)(base + TR_PDPT_PAGE * PAGE_SIZE);
	u64 *pd = (u64 *)(base + TR_PD_PAGE * PAGE_SIZE);
	u64 *pml5 = (u64 *)(base + TR_PML5_PAGE * PAGE_SIZE);

	memset(base + PAGE_SIZE, 0, (ARCH_SMP_TRAMPOLINE_PAGES - 1) * PAGE_SIZE);
	pml4[0] = (u64)pdpt | 0x3;		/* present, writable */
	pdpt[0] = (u64)pd | 0x3;
	pd[0] = 0x83;				/* 2 MiB page at 0 */
	pml5[0] = (u64)pml4 | 0x3;
}

static void put32(u8 *base, u32 off, u32 v)
{
	memcpy(base + off, &v, 4);
}

static void put64(u8 *base, u32 off, u64 v)
{
	memcpy(base + off, &v, 8);
}

static void add32(u8 *base, u32 off, u32 v)
{
	u32 old;

	memcpy(&old, base + off, 4);
	put32(base, off, old + v);
}

/* The AP's first C code: baton's GDT and IDT, SSE, then the caller's. */
static void __noreturn ap_start(u32 index)
{
	arch_cpu_init_ap();
	ap_entry(index);
	arch_smp_halt();
}

int arch_smp_init(phys_addr_t trampoline, u64 lapic_base)
{
	u64 apic_base = rdmsr(MSR_APIC_BASE), size;
	u8 *base = (u8 *)(uintptr_t)trampoline;
	struct arch_map_range r[2];
	u32 svr;

	size = (u64)(ap_trampoline_end - ap_trampoline_start);
	if (!trampoline || trampoline % PAGE_SIZE ||
	    trampoline + ARCH_SMP_TRAMPOLINE_PAGES * PAGE_SIZE >
	    ARCH_SMP_TRAMPOLINE_LIMIT || size > PAGE_SIZE) {
		pr_err("smp: trampoline 0x%llx not a page below 1 MiB\n",
		       (unsigned long long)trampoline);
		return -1;
	}
	x2apic = (apic_base & (APIC_BASE_EN | APIC_BASE_EXTD)) ==
		 (APIC_BASE_EN | APIC_BASE_EXTD);
	r[0] = (struct arch_map_range){ trampoline,
					ARCH_SMP_TRAMPOLINE_PAGES * PAGE_SIZE,
					ARCH_MAP_WRITE | ARCH_MAP_EXEC };
	r[1] = (struct arch_map_range){ apic_base & APIC_BASE_MASK, PAGE_SIZE,
					ARCH_MAP_WRITE | ARCH_MAP_DEVICE };
	if (!x2apic && !(apic_base & APIC_BASE_EN))
		wrmsr(MSR_APIC_BASE, apic_base | APIC_BASE_EN);
	if (!x2apic && (apic_base & APIC_BASE_MASK) != lapic_base)
		pr_warn("smp: local APIC at 0x%llx, the MADT says 0x%llx: using the MSR's\n",
			(unsigned long long)(apic_base & APIC_BASE_MASK),
			(unsigned long long)lapic_base);
	if (arch_paging_map_ranges(r, x2apic ? 1 : 2)) {
		pr_err("smp: cannot map the trampoline or the local APIC\n");
		return -1;
	}
	lapic = (volatile u32 *)(uintptr_t)(apic_base & APIC_BASE_MASK);
	/* IPIs go out of a software-enabled APIC; interrupts stay off. */
	svr = apic_read(APIC_SVR);
	if (!(svr & APIC_SVR_ENABLE))
		apic_write(APIC_SVR, svr | APIC_SVR_ENABLE | APIC_SVR_VECTOR);

	memcpy(base, ap_trampoline_start, size);
	build_tables(base);
	add32(base, TR_GDTR + 2, (u32)trampoline);
	add32(base, TR_FAR32, (u32)trampoline);
	add32(base, TR_FAR64, (u32)trampoline);
	put32(base, TR_CR4, (u32)(X86_CR4_PAE | (read_cr4() & X86_CR4_LA57)));
	put32(base, TR_EFER, (u32)(0x100 | (rdmsr(MSR_EFER) & EFER_NXE)));
	put32(base, TR_TMP_CR3, (u32)trampoline + PAGE_SIZE *
		(arch_cpu_la57() ? TR_PML5_PAGE : TR_PML4_PAGE));
	put64(base, TR_CR3, read_cr3());
	put64(base, TR_ENTRY, (u64)ap_start);
	arch_cpu_prepare_ap();
	tramp = trampoline;
	return 0;
}

int arch_smp_firmware_cpus(u32 *ids, u32 max)
{
	return -1;	/* the ACPI MADT's, read by boot/smp.c */
}

const char *arch_smp_id_name(void)
{
	return "APIC ID";
}

const char *arch_smp_park_method(void)
{
	return "halted, then INIT (wait-for-SIPI)";
}

bool arch_smp_start_cpu(u32 hw_id, u32 index, u64 stack_top,
			arch_smp_entry_fn entry, const u32 *callin,
			u64 timeout_us, const char **why)
{
	static char reason[80];

	u8 *base = (u8 *)(uintptr_t)tramp;
	u32 vector = (u32)(tramp >> PAGE_SHIFT);
	u64 waited, start;

	*why = "not started: no trampoline";
	if (!tramp)
		return false;
	ap_entry = entry;
	put64(base, TR_STACK, stack_top & ~0xfULL);
	put32(base, TR_CPU, index);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	send_ipi(hw_id, ICR_INIT | ICR_ASSERT | ICR_LEVEL);
	if (!x2apic)
		send_ipi(hw_id, ICR_INIT | ICR_LEVEL);	/* de-assert */
	arch_delay_us(INIT_DELAY_US);
	send_ipi(hw_id, ICR_STARTUP | vector);
	arch_delay_us(SIPI_DELAY_US);
	if (!__atomic_load_n(callin, __ATOMIC_ACQUIRE))
		send_ipi(hw_id, ICR_STARTUP | vector);
	/* a deadline, not a count of waits: a busy host stretches each one */
	start = rdtsc();
	for (waited = 0; waited < timeout_us; waited = elapsed_us(start, waited)) {
		if (__atomic_load_n(callin, __ATOMIC_ACQUIRE))
			return true;
		arch_delay_us(100);
	}
	if (__atomic_load_n(callin, __ATOMIC_ACQUIRE))
		return true;
	arch_smp_park_cpu(hw_id);
	baton_snprintf(reason, sizeof(reason),
		       "did not answer INIT-SIPI-SIPI within %llu ms: sent INIT again",
		       (unsigned long long)(timeout_us / 1000));
	*why = reason;
	return false;
}

bool arch_smp_park_cpu(u32 hw_id)
{
	send_ipi(hw_id, ICR_INIT | ICR_ASSERT | ICR_LEVEL);
	if (!x2apic)
		send_ipi(hw_id, ICR_INIT | ICR_LEVEL);
	return true;
}

void __noreturn arch_smp_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}
