// SPDX-License-Identifier: MIT
/*
 * The timeline as compact JSON: stamps, spans in ticks and microseconds
 * (integer math), and the bars. Output depends only on the record, so
 * tests pin it byte for byte.
 */
#include <baton/tsc.h>
#include <host/timeline/timeline_internal.h>

static const char *const kind_names[] = { "gap", "phase", "kernel" };
static void emit_json_string(struct out *o, const char *s)
{
	const char *run;

	emit(o, "\"");
	while (*s) {
		unsigned char c = (unsigned char)*s;

		run = s;
		while (*s && *s != '"' && *s != '\\' &&
		       (unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f)
			s++;
		if (s > run) {
			emit(o, "%.*s", (int)(s - run), run);
			continue;
		}
		c = (unsigned char)*s++;
		if (c == '"' || c == '\\')
			emit(o, "\\%c", c);
		else
			emit(o, "\\u%04x", c);
	}
	emit(o, "\"");
}

static void emit_json_stamp(struct out *o, const char *key, u64 tsc)
{
	if (tsc)
		emit(o, "\"%s\":\"0x%llx\",", key, (unsigned long long)tsc);
	else
		emit(o, "\"%s\":null,", key);
}

static void emit_json_span(struct out *o, const struct handover_timeline *t,
			   const char *key, bool known, u64 ticks)
{
	if (!known) {
		emit(o, "\"%s_ticks\":null,\"%s_us\":null,", key, key);
		return;
	}
	emit(o, "\"%s_ticks\":%llu,", key, (unsigned long long)ticks);
	if (t->tsc_khz)
		emit(o, "\"%s_us\":%llu,", key, (unsigned long long)
		     tsc_ticks_to_us(ticks, t->tsc_khz));
	else
		emit(o, "\"%s_us\":null,", key);
}

static void emit_json_us(struct out *o, const struct handover_timeline *t,
			 const char *key, u64 ticks)
{
	if (t->tsc_khz)
		emit(o, ",\"%s\":%llu", key, (unsigned long long)
		     tsc_ticks_to_us(ticks, t->tsc_khz));
	else
		emit(o, ",\"%s\":null", key);
}

int handover_timeline_json(const struct handover_timeline *t,
			   print_sink_fn sink, void *ctx)
{
	struct out o = { sink, ctx, 0 };
	struct segment segs[SEGMENT_MAX];
	u32 n = timeline_segments(t, segs), i;
	u64 ticks = 0;
	bool known;

	emit(&o, "{\"tsc_khz\":%llu,\"method\":", (unsigned long long)t->tsc_khz);
	emit_json_string(&o, t->method);
	emit(&o, ",\"invariant_tsc\":%s,", t->invariant_tsc ? "true" : "false");
	emit_json_stamp(&o, "t0", t->t0_tsc);
	emit_json_stamp(&o, "t1", t->t1_tsc);
	emit_json_stamp(&o, "t2", t->t2_tsc);
	emit_json_stamp(&o, "t3", t->t3_tsc);
	known = handover_total_ticks(t, &ticks);
	emit_json_span(&o, t, "total", known, ticks);
	known = handover_baton_ticks(t, &ticks);
	emit_json_span(&o, t, "baton", known, ticks);
	emit(&o, "\"segments\":[");
	for (i = 0; i < n; i++) {
		emit(&o, "%s{\"name\":", i ? "," : "");
		emit_json_string(&o, segs[i].name);
		emit(&o, ",\"kind\":\"%s\",\"start_ticks\":%llu,\"ticks\":%llu",
		     kind_names[segs[i].kind],
		     (unsigned long long)segs[i].start,
		     (unsigned long long)segs[i].ticks);
		emit_json_us(&o, t, "start_us", segs[i].start);
		emit_json_us(&o, t, "us", segs[i].ticks);
		emit(&o, "}");
	}
	emit(&o, "],\"phases_dropped\":%u}\n", t->phases_dropped);
	return o.total;
}
