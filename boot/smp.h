/* SPDX-License-Identifier: MIT */
/*
 * baton.smp: the other CPUs for one job (the memfd digests). Owns which
 * CPUs (the arch's list, arm64's DTB; else the ACPI MADT), where an x86
 * AP trampoline goes (below 1 MiB: free KHO scratch first, else free RAM
 * holding nothing of the handover), their stacks, running a job on every
 * CPU, and parking them again.
 */
#ifndef BATON_BOOT_SMP_H
#define BATON_BOOT_SMP_H

#include <boot/flow.h>

struct smp_cpu {
	u32 hw_id;		/* APIC ID; arm64: MPIDR Aff3 << 24 | Aff2..0 */
	u32 callin;		/* set by the CPU once it runs baton's code */
	u32 done_gen;		/* last job it finished */
	u32 parked;		/* set by the CPU just before it halts */
	u64 stack_top;
	u64 work;		/* what the job returned on this CPU */
	bool running;		/* answered and still trusted with jobs */
};

struct smp_set {
	struct smp_cpu *cpus;	/* [0]: the boot CPU */
	u32 count;		/* CPUs the firmware lists (boot CPU included) */
	u32 running;		/* of those, running baton's code */
	u64 lapic_base;		/* the MADT's */
	phys_addr_t trampoline;	/* 0: none placed */
	const char *trampoline_where;
};

/* A job: runs on every running CPU at once; returns its own work count. */
typedef u64 (*smp_job_fn)(void *ctx);

/* baton.smp=on|off (default on; a bad value warns and keeps on). */
bool smp_enabled(const char *cmdline);
/*
 * Starts every CPU the firmware lists (one at a time, each with a bounded
 * wait); returns how many run, the boot CPU included (1: none other, and
 * the reason is logged or a finding). A CPU that does not answer is
 * W_SMP_CPU_NO_ANSWER and gets no work.
 */
u32 smp_start(struct flow *f, struct smp_set *s);
/* fn(ctx) on every running CPU, the boot CPU too; returns when all did. */
void smp_run(struct flow *f, struct smp_set *s, smp_job_fn fn, void *ctx);
/* Every started CPU parked (x86: halted, INIT; arm64: PSCI CPU_OFF). */
void smp_park(struct flow *f, struct smp_set *s);

#endif
