// SPDX-License-Identifier: MIT
/*
 * Timeline bookkeeping shared by the human and JSON reports (ticks to
 * microseconds: lib/tsc.c).
 */
#include <report/timeline.h>
#include <string.h>

static void copy_name(char *dst, size_t size, const char *src)
{
	size_t n = src ? strnlen(src, size - 1) : 0;

	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

void timeline_init(struct report_timeline *t, u64 start_tsc)
{
	memset(t, 0, sizeof(*t));
	t->start_tsc = start_tsc;
}

void timeline_set_frequency(struct report_timeline *t, u64 tsc_khz,
			    const char *method)
{
	t->tsc_khz = tsc_khz;
	copy_name(t->method, sizeof(t->method), method);
}

void timeline_mark(struct report_timeline *t, const char *name, u64 tsc)
{
	struct timeline_phase *p;

	if (t->count >= TIMELINE_PHASE_MAX) {
		t->dropped++;
		return;
	}
	p = &t->phases[t->count++];
	copy_name(p->name, sizeof(p->name), name);
	p->tsc = tsc;
}

u64 timeline_phase_ticks(const struct report_timeline *t, u32 index)
{
	u64 tsc = t->phases[index].tsc;

	return tsc > t->start_tsc ? tsc - t->start_tsc : 0;
}

u64 timeline_phase_delta(const struct report_timeline *t, u32 index)
{
	u64 prev = index ? t->phases[index - 1].tsc : t->start_tsc;
	u64 tsc = t->phases[index].tsc;

	return tsc > prev ? tsc - prev : 0;
}
