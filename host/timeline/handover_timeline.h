/* SPDX-License-Identifier: MIT */
/*
 * The whole-handover timeline: T0 (old kernel, before reboot), T1 (baton's
 * entry), baton's phases, T2 (jump to the next kernel), T3 (next kernel's
 * userspace), all TSC stamps; converted to microseconds with integer math
 * (tsc_ticks_to_us(), <baton/tsc.h>) and written as JSON (timeline_json.c)
 * or as an SVG bar chart (timeline_svg.c); docs/latency.md. Host only.
 */
#ifndef BATON_HOST_TIMELINE_HANDOVER_TIMELINE_H
#define BATON_HOST_TIMELINE_HANDOVER_TIMELINE_H

#include <baton/printf.h>
#include <baton/types.h>

#define HANDOVER_PHASE_MAX	32
#define HANDOVER_NAME_MAX	32	/* including the NUL */
#define HANDOVER_METHOD_MAX	16
#define HANDOVER_MARK_MAX	8

struct handover_phase {
	char name[HANDOVER_NAME_MAX];
	u64 tsc;			/* stamp at the END of the phase */
};

/*
 * A next-kernel milestone between T2 and T3: one of its printk lines
 * (KHO/LUO init, "Run /init"), its timestamp converted to the TSC.
 */
struct handover_mark {
	char name[HANDOVER_NAME_MAX];
	u64 tsc;
};

/* A stamp of 0 means "not known"; writers then leave that span out. */
struct handover_timeline {
	u64 t0_tsc;			/* old kernel, right before reboot() */
	u64 t1_tsc;			/* baton's first instruction */
	u64 t2_tsc;			/* baton's last stamp before the jump */
	u64 t3_tsc;			/* next kernel's userspace (verify) */
	u64 tsc_khz;			/* 0: unknown, no microseconds */
	char method[HANDOVER_METHOD_MAX];	/* "pit", "cpuid", "clock" */
	bool invariant_tsc;
	u32 phase_count;
	u32 phases_dropped;
	struct handover_phase phases[HANDOVER_PHASE_MAX];
	u32 mark_count;
	struct handover_mark marks[HANDOVER_MARK_MAX];	/* in time order */
};

/* Zeroes t and records the frequency and how it was measured. */
void handover_timeline_init(struct handover_timeline *t, u64 tsc_khz,
			    const char *method, bool invariant_tsc);
/* Appends baton's phase `name` ending at `tsc` (names are truncated). */
void handover_timeline_add_phase(struct handover_timeline *t,
				 const char *name, u64 tsc);

/*
 * Appends a next-kernel milestone (marks must come in time order); false
 * when HANDOVER_MARK_MAX are already recorded.
 */
bool handover_timeline_add_mark(struct handover_timeline *t,
				const char *name, u64 tsc);

/*
 * T0->T3 and T1->T2 in ticks; false when a needed stamp is missing or the
 * stamps go backwards.
 */
bool handover_total_ticks(const struct handover_timeline *t, u64 *ticks);
bool handover_baton_ticks(const struct handover_timeline *t, u64 *ticks);

/* Both writers are deterministic; they return the bytes written. */
int handover_timeline_json(const struct handover_timeline *t,
			   print_sink_fn sink, void *ctx);
int handover_timeline_svg(const struct handover_timeline *t,
			  print_sink_fn sink, void *ctx);

#endif
