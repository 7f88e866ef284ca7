/* SPDX-License-Identifier: MIT */
/*
 * The handover timeline: named phases stamped with the TSC by the payload's
 * main flow, plus the TSC frequency and how it was measured, so both
 * reports can show microseconds (tsc_ticks_to_us(), <baton/tsc.h>).
 */
#ifndef BATON_REPORT_TIMELINE_H
#define BATON_REPORT_TIMELINE_H

#include <baton/types.h>

#define TIMELINE_PHASE_MAX	24
#define TIMELINE_NAME_MAX	24	/* including the NUL */
#define TIMELINE_METHOD_MAX	16

struct timeline_phase {
	char name[TIMELINE_NAME_MAX];
	u64 tsc;			/* stamp at the END of the phase */
};

struct report_timeline {
	u64 start_tsc;			/* baton's entry: time zero */
	u64 tsc_khz;			/* 0: unknown, no microseconds */
	char method[TIMELINE_METHOD_MAX];	/* "pit", "cpuid", ... */
	struct timeline_phase phases[TIMELINE_PHASE_MAX];
	u32 count;
	u32 dropped;			/* marks beyond TIMELINE_PHASE_MAX */
};

void timeline_init(struct report_timeline *t, u64 start_tsc);
/* Frequency and method may be set after init (calibration runs later). */
void timeline_set_frequency(struct report_timeline *t, u64 tsc_khz,
			    const char *method);
/* Records that the phase `name` ended at `tsc` (names are truncated). */
void timeline_mark(struct report_timeline *t, const char *name, u64 tsc);

/* Ticks from start_tsc to the phase's stamp (0 if the stamp is earlier). */
u64 timeline_phase_ticks(const struct report_timeline *t, u32 index);
/* Ticks the phase itself took: since the previous stamp (or start). */
u64 timeline_phase_delta(const struct report_timeline *t, u32 index);

#endif
