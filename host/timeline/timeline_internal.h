/* SPDX-License-Identifier: MIT */
/*
 * What the timeline's JSON and SVG writers share: the bars in time order
 * (handover_timeline.c) and formatted output through a sink, counting
 * the bytes.
 */
#ifndef BATON_HOST_TIMELINE_INTERNAL_H
#define BATON_HOST_TIMELINE_INTERNAL_H

#include <host/timeline/handover_timeline.h>

enum segment_kind { SEGMENT_GAP, SEGMENT_PHASE, SEGMENT_KERNEL };

struct segment {
	const char *name;
	enum segment_kind kind;
	u64 start;			/* ticks since the origin */
	u64 ticks;
};

#define SEGMENT_MAX	(HANDOVER_PHASE_MAX + HANDOVER_MARK_MAX + 3)

/*
 * The bars in time order: kexec gap, baton's phases, the next kernel's
 * marks, the gap to its userspace. Returns how many (<= SEGMENT_MAX).
 */
u32 timeline_segments(const struct handover_timeline *t,
		      struct segment segs[SEGMENT_MAX]);

/* A writer's output: the sink and the bytes written so far. */
struct out {
	print_sink_fn sink;
	void *ctx;
	int total;
};

static inline void __printf(2, 3) emit(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	o->total += baton_vprintf_sink(o->sink, o->ctx, fmt, ap);
	va_end(ap);
}

#endif
