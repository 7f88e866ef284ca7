// SPDX-License-Identifier: MIT
/*
 * The whole-handover timeline record: the four handover points, baton's
 * phases and the next kernel's marks as TSC stamps, the spans between them
 * and the bars both writers draw (timeline_json.c, timeline_svg.c). Host
 * only: baton-agent assembles it after the handover.
 */
#include <host/timeline/timeline_internal.h>
#include <string.h>

static void copy_name(char *dst, size_t size, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

void handover_timeline_init(struct handover_timeline *t, u64 tsc_khz,
			    const char *method, bool invariant_tsc)
{
	memset(t, 0, sizeof(*t));
	t->tsc_khz = tsc_khz;
	copy_name(t->method, sizeof(t->method), method);
	t->invariant_tsc = invariant_tsc;
}

void handover_timeline_add_phase(struct handover_timeline *t,
				 const char *name, u64 tsc)
{
	struct handover_phase *p;

	if (t->phase_count >= HANDOVER_PHASE_MAX) {
		t->phases_dropped++;
		return;
	}
	p = &t->phases[t->phase_count++];
	copy_name(p->name, sizeof(p->name), name);
	p->tsc = tsc;
}

bool handover_timeline_add_mark(struct handover_timeline *t,
				const char *name, u64 tsc)
{
	struct handover_mark *m;

	if (t->mark_count >= HANDOVER_MARK_MAX)
		return false;
	m = &t->marks[t->mark_count++];
	copy_name(m->name, sizeof(m->name), name);
	m->tsc = tsc;
	return true;
}

static bool span(u64 from, u64 to, u64 *ticks)
{
	if (!from || !to || to < from)
		return false;
	*ticks = to - from;
	return true;
}

bool handover_total_ticks(const struct handover_timeline *t, u64 *ticks)
{
	return span(t->t0_tsc, t->t3_tsc, ticks);
}

bool handover_baton_ticks(const struct handover_timeline *t, u64 *ticks)
{
	return span(t->t1_tsc, t->t2_tsc, ticks);
}

static u64 origin_of(const struct handover_timeline *t)
{
	return t->t0_tsc ? t->t0_tsc : t->t1_tsc;
}

static void add_segment(struct segment *segs, u32 *n, u64 origin,
			const char *name, enum segment_kind kind, u64 from,
			u64 to)
{
	struct segment *s;

	if (!from || !to || from < origin || *n >= SEGMENT_MAX)
		return;
	s = &segs[(*n)++];
	s->name = name;
	s->kind = kind;
	s->start = from - origin;
	s->ticks = to > from ? to - from : 0;
}

/* Each next-kernel mark ends a bar that starts at the previous point. */
static u64 add_marks(const struct handover_timeline *t, struct segment *segs,
		     u32 *n, u64 origin, u64 prev)
{
	u32 i;

	for (i = 0; i < t->mark_count; i++) {
		add_segment(segs, n, origin, t->marks[i].name, SEGMENT_KERNEL,
			    prev, t->marks[i].tsc);
		if (t->marks[i].tsc > prev)
			prev = t->marks[i].tsc;
	}
	return prev;
}

u32 timeline_segments(const struct handover_timeline *t,
		      struct segment segs[SEGMENT_MAX])
{
	u64 origin = origin_of(t), prev = t->t1_tsc;
	u32 n = 0, i;

	if (!t->t1_tsc && !t->mark_count) {
		add_segment(segs, &n, origin, "handover (no baton stamps)",
			    SEGMENT_GAP, t->t0_tsc, t->t3_tsc);
		return n;
	}
	if (!t->t1_tsc) {
		prev = add_marks(t, segs, &n, origin, t->t0_tsc);
		add_segment(segs, &n, origin, "next kernel -> userspace",
			    SEGMENT_GAP, prev, t->t3_tsc);
		return n;
	}
	add_segment(segs, &n, origin, "old kernel -> baton", SEGMENT_GAP,
		    t->t0_tsc, t->t1_tsc);
	for (i = 0; i < t->phase_count; i++) {
		add_segment(segs, &n, origin, t->phases[i].name,
			    SEGMENT_PHASE, prev, t->phases[i].tsc);
		if (t->phases[i].tsc > prev)
			prev = t->phases[i].tsc;
	}
	prev = add_marks(t, segs, &n, origin, t->t2_tsc);
	add_segment(segs, &n, origin, t->mark_count ?
		    "next kernel -> userspace" : "baton -> next userspace",
		    SEGMENT_GAP, prev, t->t3_tsc);
	return n;
}
