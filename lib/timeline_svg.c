// SPDX-License-Identifier: MIT
/*
 * Whole-handover timeline: spans between the four handover points and
 * baton's phases, in TSC ticks and microseconds (integer math only),
 * written as compact JSON and as a fixed-layout SVG bar chart. Output
 * depends only on the record, so tests pin it byte for byte.
 */
#include <baton/timeline_svg.h>
#include <string.h>

/* SVG layout, in pixels. */
#define SVG_WIDTH	800
#define SVG_LABEL_X	8
#define SVG_BAR_X	240
#define SVG_BAR_WIDTH	440
#define SVG_VALUE_X	688
#define SVG_TOP		36
#define SVG_ROW		20
#define SVG_BAR_HEIGHT	14
#define SVG_COLOR_GAP	"#9e9e9e"
#define SVG_COLOR_PHASE	"#1f77b4"
#define SVG_COLOR_KERNEL	"#2ca02c"

enum segment_kind { SEGMENT_GAP, SEGMENT_PHASE, SEGMENT_KERNEL };

static const char *const kind_names[] = { "gap", "phase", "kernel" };
static const char *const kind_colors[] = {
	SVG_COLOR_GAP, SVG_COLOR_PHASE, SVG_COLOR_KERNEL,
};

struct segment {
	const char *name;
	enum segment_kind kind;
	u64 start;			/* ticks since the origin */
	u64 ticks;
};

#define SEGMENT_MAX	(HANDOVER_PHASE_MAX + HANDOVER_MARK_MAX + 3)

struct out {
	print_sink_fn sink;
	void *ctx;
	int total;
};

static void __printf(2, 3) emit(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	o->total += baton_vprintf_sink(o->sink, o->ctx, fmt, ap);
	va_end(ap);
}

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

/*
 * ticks = q * khz + r, so ticks * 1000 / khz = q * 1000 + r * 1000 / khz
 * exactly; r < khz keeps r * 1000 in range for any real frequency.
 */
u64 handover_ticks_to_us(u64 ticks, u64 tsc_khz)
{
	u64 q, r;

	if (!tsc_khz)
		return 0;
	q = ticks / tsc_khz;
	r = ticks % tsc_khz;
	if (q > UINT64_MAX / 1000)
		return UINT64_MAX;
	if (tsc_khz > UINT64_MAX / 1000)	/* absurd; keep it exact */
		return q * 1000 + r / (tsc_khz / 1000);
	return q * 1000 + r * 1000 / tsc_khz;
}

bool tsc_invariant_from_cpuid(u32 cpuid_80000007_edx)
{
	return cpuid_80000007_edx & (1u << 8);
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

/*
 * The bars in time order: kexec gap, baton's phases, the next kernel's
 * marks, the gap to its userspace.
 */
static u32 build_segments(const struct handover_timeline *t,
			  struct segment *segs)
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
		     handover_ticks_to_us(ticks, t->tsc_khz));
	else
		emit(o, "\"%s_us\":null,", key);
}

static void emit_json_us(struct out *o, const struct handover_timeline *t,
			 const char *key, u64 ticks)
{
	if (t->tsc_khz)
		emit(o, ",\"%s\":%llu", key, (unsigned long long)
		     handover_ticks_to_us(ticks, t->tsc_khz));
	else
		emit(o, ",\"%s\":null", key);
}

int handover_timeline_json(const struct handover_timeline *t,
			   print_sink_fn sink, void *ctx)
{
	struct out o = { sink, ctx, 0 };
	struct segment segs[SEGMENT_MAX];
	u32 n = build_segments(t, segs), i;
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

static void emit_svg_text(struct out *o, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': emit(o, "&amp;"); break;
		case '<': emit(o, "&lt;"); break;
		case '>': emit(o, "&gt;"); break;
		case '"': emit(o, "&quot;"); break;
		default:
			if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f)
				emit(o, "%c", *s);
			else
				emit(o, "?");
		}
	}
}

/* x * width / range, with both narrowed first so the product fits. */
static u64 scale_px(u64 x, u64 range, u64 width)
{
	if (!range)
		return 0;
	while (range > (1ull << 32)) {
		range >>= 1;
		x >>= 1;
	}
	if (x > range)
		x = range;
	return x * width / range;
}

static void emit_svg_amount(struct out *o, const struct handover_timeline *t,
			    u64 ticks)
{
	if (t->tsc_khz)
		emit(o, "%llu us", (unsigned long long)
		     handover_ticks_to_us(ticks, t->tsc_khz));
	else
		emit(o, "%llu ticks", (unsigned long long)ticks);
}

static void emit_svg_header(struct out *o, const struct handover_timeline *t)
{
	u64 ticks;

	emit(o, "<text x=\"%d\" y=\"20\" font-weight=\"bold\">",
	     SVG_LABEL_X);
	if (handover_total_ticks(t, &ticks)) {
		emit(o, "T0-&gt;T3 ");
		emit_svg_amount(o, t, ticks);
	} else {
		emit(o, "T0-&gt;T3 unknown");
	}
	if (handover_baton_ticks(t, &ticks)) {
		emit(o, " (baton T1-&gt;T2 ");
		emit_svg_amount(o, t, ticks);
		emit(o, ")");
	}
	emit(o, ", TSC %llu kHz (", (unsigned long long)t->tsc_khz);
	emit_svg_text(o, t->method[0] ? t->method : "unknown");
	emit(o, ", %s)</text>\n", t->invariant_tsc ? "invariant" :
						     "not invariant");
}

int handover_timeline_svg(const struct handover_timeline *t,
			  print_sink_fn sink, void *ctx)
{
	struct out o = { sink, ctx, 0 };
	struct segment segs[SEGMENT_MAX];
	u32 n = build_segments(t, segs), i;
	int height = SVG_TOP + (int)n * SVG_ROW + 8;
	u64 range = 0;

	for (i = 0; i < n; i++)
		if (segs[i].start + segs[i].ticks > range)
			range = segs[i].start + segs[i].ticks;
	emit(&o, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	     "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"monospace\" "
	     "font-size=\"12\">\n", SVG_WIDTH, height, SVG_WIDTH, height);
	emit(&o, "<title>baton handover timeline</title>\n");
	emit(&o, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
	     SVG_WIDTH, height);
	emit_svg_header(&o, t);
	for (i = 0; i < n; i++) {
		int y = SVG_TOP + (int)i * SVG_ROW;
		u64 x = scale_px(segs[i].start, range, SVG_BAR_WIDTH);
		u64 end = scale_px(segs[i].start + segs[i].ticks, range,
				   SVG_BAR_WIDTH);
		u64 w = end > x ? end - x : 1;

		emit(&o, "<text x=\"%d\" y=\"%d\">", SVG_LABEL_X, y + 12);
		emit_svg_text(&o, segs[i].name);
		emit(&o, "</text>\n<rect x=\"%llu\" y=\"%d\" width=\"%llu\" "
		     "height=\"%d\" fill=\"%s\"/>\n",
		     (unsigned long long)(SVG_BAR_X + x), y + 1,
		     (unsigned long long)w, SVG_BAR_HEIGHT,
		     kind_colors[segs[i].kind]);
		emit(&o, "<text x=\"%d\" y=\"%d\">", SVG_VALUE_X, y + 12);
		emit_svg_amount(&o, t, segs[i].ticks);
		emit(&o, "</text>\n");
	}
	emit(&o, "</svg>\n");
	return o.total;
}
