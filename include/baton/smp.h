/* SPDX-License-Identifier: MIT */
/*
 * Starting, using and parking the other CPUs (baton.smp): what the
 * architecture provides (x86_64: INIT-SIPI-SIPI through the local APIC,
 * a real-mode trampoline below 1 MiB, INIT to park; arm64: the DTB's CPUs,
 * PSCI CPU_ON into baton's image, CPU_OFF to park) for boot/smp.c, which
 * decides which CPUs, where a trampoline goes and what they run.
 */
#ifndef BATON_SMP_H
#define BATON_SMP_H

#include <baton/types.h>
#include <baton/arch.h>

/*
 * From the arch's layout.h (through <baton/arch.h>):
 * ARCH_SMP_TRAMPOLINE_PAGES, the pages a trampoline takes (0: none, the
 * CPUs start in baton's image), and ARCH_SMP_TRAMPOLINE_LIMIT, the address
 * it must lie below.
 */

/*
 * The CPUs the architecture's own firmware description lists, the boot
 * CPU included (arm64: the DTB's /cpus nodes with enable-method "psci"):
 * up to max of their hardware IDs into ids, and how many it lists; -1 when
 * the architecture has no list of its own (x86_64: boot/smp.c reads the
 * ACPI MADT).
 */
int arch_smp_firmware_cpus(u32 *ids, u32 max);
/* What a hardware ID is called in messages: "APIC ID", "MPIDR". */
const char *arch_smp_id_name(void);

/* An AP's first C code once it runs on baton's tables and its own stack. */
typedef void (*arch_smp_entry_fn)(u32 index);

/*
 * x86_64: copies the trampoline to `trampoline` (ARCH_SMP_TRAMPOLINE_PAGES
 * free pages below ARCH_SMP_TRAMPOLINE_LIMIT), maps it and the local APIC
 * (lapic_base from the MADT, used when the APIC is in xAPIC mode); arm64
 * (both 0): checks PSCI (0.2 or later). 0, or -1 with the reason logged
 * (then no CPU can be started).
 */
int arch_smp_init(phys_addr_t trampoline, u64 lapic_base);
/* The running CPU's APIC ID (the boot CPU's, before any start). */
u32 arch_smp_self_id(void);
/* "x2apic" or "xapic" once arch_smp_init succeeded. */
const char *arch_smp_apic_mode(void);
/*
 * Starts hw_id (INIT-SIPI-SIPI; PSCI CPU_ON): it runs entry(index) on
 * [.., stack_top) with interrupts off. Waits until *callin is non-zero
 * (entry's first store) for at most timeout_us. On failure *why says what
 * happened and what was done about it ("did not answer INIT-SIPI-SIPI
 * within 1000 ms: sent INIT again"), so a late start cannot run on data
 * meant for the next CPU, and false returns.
 */
bool arch_smp_start_cpu(u32 hw_id, u32 index, u64 stack_top,
			arch_smp_entry_fn entry, const u32 *callin,
			u64 timeout_us, const char **why);
/*
 * Parks hw_id once it ran arch_smp_halt(): x86_64 sends INIT (asserted,
 * then de-asserted in xAPIC mode), back to wait-for-SIPI; arm64 waits
 * until PSCI AFFINITY_INFO says the CPU is off. Either way the state the
 * firmware (or the old kernel's shutdown) left it in, so the next kernel
 * starts it as usual. False: it is not known to be parked.
 */
bool arch_smp_park_cpu(u32 hw_id);
/* How arch_smp_park_cpu parks, for the log: "halted, then INIT (...)". */
const char *arch_smp_park_method(void);
/*
 * A CPU's end once it has nothing more to do: interrupts off, halted
 * (x86_64), or powered off through PSCI CPU_OFF (arm64).
 */
void __noreturn arch_smp_halt(void);
/* Busy-waits about us microseconds (TSC; a bounded spin before calibration). */
void arch_delay_us(u64 us);

#endif
