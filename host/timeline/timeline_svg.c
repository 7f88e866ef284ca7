// SPDX-License-Identifier: MIT
/*
 * The timeline as a fixed-layout SVG bar chart (one row per bar, lengths
 * to scale). Output depends only on the record, so tests pin it byte for
 * byte.
 */
#include <baton/tsc.h>
#include <host/timeline/timeline_internal.h>

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

static const char *const kind_colors[] = {
	SVG_COLOR_GAP, SVG_COLOR_PHASE, SVG_COLOR_KERNEL,
};

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
		     tsc_ticks_to_us(ticks, t->tsc_khz));
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
	u32 n = timeline_segments(t, segs), i;
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
