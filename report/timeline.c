// SPDX-License-Identifier: MIT
/*
 * Timeline bookkeeping and the tick -> microsecond conversion shared by
 * the human and JSON reports.
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

/*
 * ticks * 1000 / khz split as (q * khz + r): q * 1000 cannot overflow for
 * any real frequency and r * 1000 stays below khz * 1000.
 */
u64 timeline_ticks_to_us(u64 ticks, u64 tsc_khz)
{
	u64 q, r;

	if (!tsc_khz)
		return 0;
	q = ticks / tsc_khz;
	r = ticks % tsc_khz;
	if (tsc_khz > UINT64_MAX / 1000)
		return q * 1000 + r / (tsc_khz / 1000);
	return q * 1000 + r * 1000 / tsc_khz;
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
