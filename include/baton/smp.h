/* SPDX-License-Identifier: MIT */
/*
 * Starting, using and parking the other CPUs (baton.smp): what the
 * architecture provides (x86_64: INIT-SIPI-SIPI through the local APIC,
 * a real-mode trampoline below 1 MiB, INIT to park) for boot/smp.c, which
 * decides which CPUs, where the trampoline goes and what they run.
 */
#ifndef BATON_SMP_H
#define BATON_SMP_H

#include <baton/types.h>

/* Pages the trampoline takes (code and data, then its own page tables). */
#define ARCH_SMP_TRAMPOLINE_PAGES	5
/* The trampoline must lie below this (a SIPI vector names a page < 1 MiB). */
#define ARCH_SMP_TRAMPOLINE_LIMIT	0x100000

/* An AP's first C code once it runs on baton's tables and its own stack. */
typedef void (*arch_smp_entry_fn)(u32 index);

/*
 * Copies the trampoline to `trampoline` (ARCH_SMP_TRAMPOLINE_PAGES free
 * pages below ARCH_SMP_TRAMPOLINE_LIMIT), maps it and the local APIC
 * (lapic_base from the MADT, used when the APIC is in xAPIC mode). 0, or
 * -1 with the reason logged (then no CPU can be started).
 */
int arch_smp_init(phys_addr_t trampoline, u64 lapic_base);
/* The running CPU's APIC ID (the boot CPU's, before any start). */
u32 arch_smp_self_id(void);
/* "x2apic" or "xapic" once arch_smp_init succeeded. */
const char *arch_smp_apic_mode(void);
/*
 * INIT-SIPI-SIPI to hw_id: it runs entry(index) on [.., stack_top) with
 * interrupts off. Waits until *callin is non-zero (entry's first store)
 * for at most timeout_us; on timeout the CPU is sent INIT again, so a late
 * start cannot run on the next CPU's trampoline data, and false returns.
 */
bool arch_smp_start_cpu(u32 hw_id, u32 index, u64 stack_top,
			arch_smp_entry_fn entry, const u32 *callin,
			u64 timeout_us);
/*
 * INIT to hw_id (asserted, then de-asserted in xAPIC mode): the CPU goes
 * back to wait-for-SIPI, the state the firmware (or the old kernel's
 * shutdown) left it in, so the next kernel starts it as usual.
 */
void arch_smp_park_cpu(u32 hw_id);
/* An AP's end once it has nothing more to do: interrupts off, halted. */
void __noreturn arch_smp_halt(void);
/* Busy-waits about us microseconds (TSC; a bounded spin before calibration). */
void arch_delay_us(u64 us);

#endif
