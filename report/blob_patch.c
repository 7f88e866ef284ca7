// SPDX-License-Identifier: MIT
/*
 * Rewriting one timeline phase inside a written report blob (the jump
 * stamp, report/blob_patch.h): whitespace pads the shorter text, which
 * JSON allows between tokens, so sizes, offsets and the KHO subtree that
 * points at the blob stay as they are.
 */
#include <string.h>
#include <baton/printf.h>
#include <baton/tsc.h>
#include <report/blob.h>
#include <report/blob_patch.h>

#define OBJECT_MAX	(64 + TIMELINE_NAME_MAX + 4 * 24)

/* The last `{"name":"NAME","tsc":` in [json, json + len), or NULL. */
static char *find_phase(char *json, u64 len, const char *head, size_t n)
{
	char *p;

	if (len < n)
		return NULL;
	for (p = json + len - n; p >= json; p--)
		if (!memcmp(p, head, n))
			return p;
	return NULL;
}

static int render(char *out, size_t size, const struct report_timeline *t,
		  u32 index)
{
	const struct timeline_phase *ph = &t->phases[index];
	u64 at = timeline_phase_ticks(t, index);
	u64 delta = timeline_phase_delta(t, index);

	if (!t->tsc_khz)
		return baton_snprintf(out, size,
			"{\"name\":\"%s\",\"tsc\":\"0x%llx\",\"ticks\":%llu,\"us\":null,\"delta_us\":null",
			ph->name, (unsigned long long)ph->tsc,
			(unsigned long long)at);
	return baton_snprintf(out, size,
		"{\"name\":\"%s\",\"tsc\":\"0x%llx\",\"ticks\":%llu,\"us\":%llu,\"delta_us\":%llu",
		ph->name, (unsigned long long)ph->tsc, (unsigned long long)at,
		(unsigned long long)tsc_ticks_to_us(at, t->tsc_khz),
		(unsigned long long)tsc_ticks_to_us(delta, t->tsc_khz));
}

bool report_blob_patch_phase(void *blob, u64 size,
			     const struct report_timeline *t, u32 index)
{
	struct report_blob_view v;
	char head[16 + TIMELINE_NAME_MAX + 8], text[OBJECT_MAX];
	char *json, *obj, *close;
	int hn, tn;
	u32 crc;

	if (index >= t->count || index >= TIMELINE_PHASE_MAX ||
	    report_blob_check(blob, size, &v) != REPORT_BLOB_VALID)
		return false;
	hn = baton_snprintf(head, sizeof(head), "{\"name\":\"%s\",\"tsc\":",
			    t->phases[index].name);
	tn = render(text, sizeof(text), t, index);
	if (hn <= 0 || (size_t)hn >= sizeof(head) || tn <= 0 ||
	    (size_t)tn >= sizeof(text))
		return false;
	json = (char *)(uintptr_t)v.json;
	obj = find_phase(json, v.json_size, head, (size_t)hn);
	close = obj ? memchr(obj, '}', v.json_size - (u64)(obj - json)) : NULL;
	if (!close || close - obj < tn)
		return false;
	memcpy(obj, text, (size_t)tn);
	memset(obj + tn, ' ', (size_t)(close - obj - tn));
	memset((u8 *)blob + offsetof(struct report_blob_header, crc32), 0, 4);
	crc = report_crc32(0, blob, v.header.total_size);
	memcpy((u8 *)blob + offsetof(struct report_blob_header, crc32), &crc, 4);
	return true;
}
