// SPDX-License-Identifier: MIT
/*
 * Whole-handover timeline: integer microsecond conversion at the extremes,
 * the invariant-TSC bit, and the exact JSON and SVG text of a fixed
 * timeline (which docs/timeline-example.svg shows).
 */
#include <baton/tsc.h>
#include <host/timeline/handover_timeline.h>
#include "check.h"

struct text_sink {
	char buf[16384];
	size_t used;
};

static void text_sink_write(void *ctx, const char *s, size_t len)
{
	struct text_sink *ts = ctx;

	if (ts->used + len >= sizeof(ts->buf)) {
		len = sizeof(ts->buf) - 1 - ts->used;
	}
	memcpy(ts->buf + ts->used, s, len);
	ts->used += len;
	ts->buf[ts->used] = '\0';
}

/* 2 GHz, 150 ms kexec, six baton phases, 600 ms to the next userspace. */
static void fixed_timeline(struct handover_timeline *t)
{
	u64 tsc = 0x100000000ull;

	handover_timeline_init(t, 2000000, "cpuid", true);
	t->t0_tsc = tsc;
	tsc += 300000000;
	t->t1_tsc = tsc;
	handover_timeline_add_phase(t, "calibrate", tsc += 20000000);
	handover_timeline_add_phase(t, "memory", tsc += 4000000);
	handover_timeline_add_phase(t, "paging", tsc += 2000000);
	handover_timeline_add_phase(t, "handover", tsc += 6000000);
	handover_timeline_add_phase(t, "report", tsc += 1000000);
	handover_timeline_add_phase(t, "chain", tsc += 3000);
	t->t2_tsc = tsc;
	t->t3_tsc = tsc + 1200000000;
}

static const char fixed_json[] =
	"{\"tsc_khz\":2000000,\"method\":\"cpuid\",\"invariant_tsc\":true,"
	"\"t0\":\"0x100000000\",\"t1\":\"0x111e1a300\","
	"\"t2\":\"0x113d938f8\",\"t3\":\"0x15b5fc4f8\","
	"\"total_ticks\":1533003000,\"total_us\":766501,"
	"\"baton_ticks\":33003000,\"baton_us\":16501,"
	"\"segments\":["
	"{\"name\":\"old kernel -> baton\",\"kind\":\"gap\",\"start_ticks\":0,"
	"\"ticks\":300000000,\"start_us\":0,\"us\":150000},"
	"{\"name\":\"calibrate\",\"kind\":\"phase\",\"start_ticks\":300000000,"
	"\"ticks\":20000000,\"start_us\":150000,\"us\":10000},"
	"{\"name\":\"memory\",\"kind\":\"phase\",\"start_ticks\":320000000,"
	"\"ticks\":4000000,\"start_us\":160000,\"us\":2000},"
	"{\"name\":\"paging\",\"kind\":\"phase\",\"start_ticks\":324000000,"
	"\"ticks\":2000000,\"start_us\":162000,\"us\":1000},"
	"{\"name\":\"handover\",\"kind\":\"phase\",\"start_ticks\":326000000,"
	"\"ticks\":6000000,\"start_us\":163000,\"us\":3000},"
	"{\"name\":\"report\",\"kind\":\"phase\",\"start_ticks\":332000000,"
	"\"ticks\":1000000,\"start_us\":166000,\"us\":500},"
	"{\"name\":\"chain\",\"kind\":\"phase\",\"start_ticks\":333000000,"
	"\"ticks\":3000,\"start_us\":166500,\"us\":1},"
	"{\"name\":\"baton -> next userspace\",\"kind\":\"gap\","
	"\"start_ticks\":333003000,\"ticks\":1200000000,\"start_us\":166501,"
	"\"us\":600000}"
	"],\"phases_dropped\":0}\n";

static const char fixed_svg[] =
	"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"204\" viewBox=\"0 0 800 204\" font-family=\"monospace\" font-size=\"12\">\n"
	"<title>baton handover timeline</title>\n"
	"<rect width=\"800\" height=\"204\" fill=\"#ffffff\"/>\n"
	"<text x=\"8\" y=\"20\" font-weight=\"bold\">T0-&gt;T3 766501 us (baton T1-&gt;T2 16501 us), TSC 2000000 kHz (cpuid, invariant)</text>\n"
	"<text x=\"8\" y=\"48\">old kernel -&gt; baton</text>\n"
	"<rect x=\"240\" y=\"37\" width=\"86\" height=\"14\" fill=\"#9e9e9e\"/>\n"
	"<text x=\"688\" y=\"48\">150000 us</text>\n"
	"<text x=\"8\" y=\"68\">calibrate</text>\n"
	"<rect x=\"326\" y=\"57\" width=\"5\" height=\"14\" fill=\"#1f77b4\"/>\n"
	"<text x=\"688\" y=\"68\">10000 us</text>\n"
	"<text x=\"8\" y=\"88\">memory</text>\n"
	"<rect x=\"331\" y=\"77\" width=\"1\" height=\"14\" fill=\"#1f77b4\"/>\n"
	"<text x=\"688\" y=\"88\">2000 us</text>\n"
	"<text x=\"8\" y=\"108\">paging</text>\n"
	"<rect x=\"332\" y=\"97\" width=\"1\" height=\"14\" fill=\"#1f77b4\"/>\n"
	"<text x=\"688\" y=\"108\">1000 us</text>\n"
	"<text x=\"8\" y=\"128\">handover</text>\n"
	"<rect x=\"333\" y=\"117\" width=\"2\" height=\"14\" fill=\"#1f77b4\"/>\n"
	"<text x=\"688\" y=\"128\">3000 us</text>\n"
	"<text x=\"8\" y=\"148\">report</text>\n"
	"<rect x=\"335\" y=\"137\" width=\"1\" height=\"14\" fill=\"#1f77b4\"/>\n"
	"<text x=\"688\" y=\"148\">500 us</text>\n"
	"<text x=\"8\" y=\"168\">chain</text>\n"
	"<rect x=\"335\" y=\"157\" width=\"1\" height=\"14\" fill=\"#1f77b4\"/>\n"
	"<text x=\"688\" y=\"168\">1 us</text>\n"
	"<text x=\"8\" y=\"188\">baton -&gt; next userspace</text>\n"
	"<rect x=\"335\" y=\"177\" width=\"345\" height=\"14\" fill=\"#9e9e9e\"/>\n"
	"<text x=\"688\" y=\"188\">600000 us</text>\n"
	"</svg>\n";

TEST(tsc_microseconds)
{
	CHECK_EQ(tsc_ticks_to_us(0, 2000000), 0);
	CHECK_EQ(tsc_ticks_to_us(1999, 2000000), 0);
	CHECK_EQ(tsc_ticks_to_us(2000, 2000000), 1);
	CHECK_EQ(tsc_ticks_to_us(12345, 0), 0);
	/* (2^64 - 1) * 1000 / 3e6 overflows a naive product. */
	CHECK_EQ(tsc_ticks_to_us(UINT64_MAX, 3000000),
		 6148914691236517ull);
	CHECK_EQ(tsc_ticks_to_us(UINT64_MAX, 2999999),
		 6148916740875430ull);
	CHECK_EQ(tsc_ticks_to_us(UINT64_MAX, 1), UINT64_MAX);
	/*
	 * Below 1 MHz q * 1000 fits but adding the fraction does not:
	 * saturated, never wrapped to a short span.
	 */
	CHECK_EQ(tsc_ticks_to_us(18446744073709551ull * 999 + 998, 999),
		 UINT64_MAX);
	CHECK_EQ(tsc_ticks_to_us(18446744073709551ull * 999, 999),
		 18446744073709551000ull);
}

TEST(timeline_invariant_tsc_bit)
{
	CHECK(tsc_invariant_from_cpuid(1u << 8));
	CHECK(tsc_invariant_from_cpuid(0xffffffffu));
	CHECK(!tsc_invariant_from_cpuid(0));
	CHECK(!tsc_invariant_from_cpuid(~(1u << 8)));
}

TEST(timeline_fixed_json)
{
	static struct handover_timeline t;
	static struct text_sink out;
	int n;

	fixed_timeline(&t);
	n = handover_timeline_json(&t, text_sink_write, &out);
	CHECK_STR(out.buf, fixed_json);
	CHECK_EQ(n, strlen(fixed_json));
}

TEST(timeline_spans)
{
	static struct handover_timeline t;
	u64 ticks = 7;

	fixed_timeline(&t);
	CHECK(handover_total_ticks(&t, &ticks));
	CHECK_EQ(ticks, 1533003000);
	CHECK(handover_baton_ticks(&t, &ticks));
	CHECK_EQ(ticks, 33003000);
	t.t3_tsc = t.t0_tsc - 1;	/* backwards: not a span */
	CHECK(!handover_total_ticks(&t, &ticks));
	t.t3_tsc = 0;
	CHECK(!handover_total_ticks(&t, &ticks));
}

/* Without baton's report only T0->T3 is known; without a clock, ticks. */
TEST(timeline_no_baton_no_clock)
{
	static struct handover_timeline t;
	static struct text_sink out;

	handover_timeline_init(&t, 0, "", false);
	t.t0_tsc = 1000;
	t.t3_tsc = 5000;
	handover_timeline_json(&t, text_sink_write, &out);
	CHECK_STR(out.buf,
		  "{\"tsc_khz\":0,\"method\":\"\",\"invariant_tsc\":false,"
		  "\"t0\":\"0x3e8\",\"t1\":null,\"t2\":null,\"t3\":\"0x1388\","
		  "\"total_ticks\":4000,\"total_us\":null,"
		  "\"baton_ticks\":null,\"baton_us\":null,"
		  "\"segments\":[{\"name\":\"handover (no baton stamps)\","
		  "\"kind\":\"gap\",\"start_ticks\":0,\"ticks\":4000,"
		  "\"start_us\":null,\"us\":null}],\"phases_dropped\":0}\n");
}

TEST(timeline_names_escaped_and_bounded)
{
	static struct handover_timeline t;
	static struct text_sink json, svg;
	int i;

	handover_timeline_init(&t, 1000, "a\"b", false);
	t.t1_tsc = 10;
	handover_timeline_add_phase(&t, "<x&\"\\\n>", 20);
	for (i = 1; i < HANDOVER_PHASE_MAX + 2; i++)
		handover_timeline_add_phase(&t, "a-very-long-phase-name-beyond-32",
					    20 + i);
	CHECK_EQ(t.phase_count, HANDOVER_PHASE_MAX);
	CHECK_EQ(t.phases_dropped, 2);
	CHECK_STR(t.phases[1].name, "a-very-long-phase-name-beyond-3");
	handover_timeline_json(&t, text_sink_write, &json);
	CHECK(strstr(json.buf, "\"method\":\"a\\\"b\""));
	CHECK(strstr(json.buf, "{\"name\":\"<x&\\\"\\\\\\u000a>\","
			       "\"kind\":\"phase\",\"start_ticks\":0,"
			       "\"ticks\":10,\"start_us\":0,\"us\":10}"));
	CHECK(strstr(json.buf, "\"phases_dropped\":2}"));
	handover_timeline_svg(&t, text_sink_write, &svg);
	CHECK(strstr(svg.buf, ">&lt;x&amp;&quot;\\?&gt;</text>"));
	CHECK(!strstr(svg.buf, "<x&"));
}

TEST(timeline_fixed_svg)
{
	static struct handover_timeline t;
	static struct text_sink out;
	FILE *f;
	int n;

	fixed_timeline(&t);
	n = handover_timeline_svg(&t, text_sink_write, &out);
	CHECK_EQ(n, out.used);
	f = fopen("build/tests/timeline-example.svg", "w");
	if (f) {
		fputs(out.buf, f);
		fclose(f);
	}
	CHECK_STR(out.buf, fixed_svg);
}

/* Linux -> Linux: the next kernel's printk marks split T0->T3. */
TEST(timeline_kernel_marks_direct)
{
	static struct handover_timeline t;
	static struct text_sink out;

	handover_timeline_init(&t, 1000, "clock", false);
	t.t0_tsc = 1000;
	t.t3_tsc = 9000;
	CHECK(handover_timeline_add_mark(&t, "KHO: found", 3000));
	CHECK(handover_timeline_add_mark(&t, "luo: Retrieved", 4000));
	CHECK(handover_timeline_add_mark(&t, "Run /init", 7000));
	handover_timeline_json(&t, text_sink_write, &out);
	CHECK_STR(out.buf,
		  "{\"tsc_khz\":1000,\"method\":\"clock\",\"invariant_tsc\":false,"
		  "\"t0\":\"0x3e8\",\"t1\":null,\"t2\":null,\"t3\":\"0x2328\","
		  "\"total_ticks\":8000,\"total_us\":8000,"
		  "\"baton_ticks\":null,\"baton_us\":null,\"segments\":["
		  "{\"name\":\"KHO: found\",\"kind\":\"kernel\",\"start_ticks\":0,"
		  "\"ticks\":2000,\"start_us\":0,\"us\":2000},"
		  "{\"name\":\"luo: Retrieved\",\"kind\":\"kernel\","
		  "\"start_ticks\":2000,\"ticks\":1000,\"start_us\":2000,"
		  "\"us\":1000},"
		  "{\"name\":\"Run /init\",\"kind\":\"kernel\",\"start_ticks\":3000,"
		  "\"ticks\":3000,\"start_us\":3000,\"us\":3000},"
		  "{\"name\":\"next kernel -> userspace\",\"kind\":\"gap\","
		  "\"start_ticks\":6000,\"ticks\":2000,\"start_us\":6000,"
		  "\"us\":2000}],\"phases_dropped\":0}\n");
}

/* Linux -> baton -> Linux: marks start at T2; at most HANDOVER_MARK_MAX. */
TEST(timeline_kernel_marks_after_baton)
{
	static struct handover_timeline t;
	static struct text_sink json, svg;
	int i;

	fixed_timeline(&t);
	CHECK(handover_timeline_add_mark(&t, "KHO: found", t.t2_tsc + 400000000));
	for (i = 1; i < HANDOVER_MARK_MAX; i++)
		CHECK(handover_timeline_add_mark(&t, "m", t.t2_tsc + 400000000));
	CHECK(!handover_timeline_add_mark(&t, "ninth", t.t2_tsc + 400000000));
	CHECK_EQ(t.mark_count, HANDOVER_MARK_MAX);
	handover_timeline_json(&t, text_sink_write, &json);
	CHECK(strstr(json.buf,
		     "{\"name\":\"chain\",\"kind\":\"phase\",\"start_ticks\":333000000,"
		     "\"ticks\":3000,\"start_us\":166500,\"us\":1},"
		     "{\"name\":\"KHO: found\",\"kind\":\"kernel\","
		     "\"start_ticks\":333003000,\"ticks\":400000000,"
		     "\"start_us\":166501,\"us\":200000},"
		     "{\"name\":\"m\",\"kind\":\"kernel\","
		     "\"start_ticks\":733003000,\"ticks\":0,"));
	CHECK(strstr(json.buf,
		     "{\"name\":\"next kernel -> userspace\",\"kind\":\"gap\","
		     "\"start_ticks\":733003000,\"ticks\":800000000,"
		     "\"start_us\":366501,\"us\":400000}],\"phases_dropped\":0}\n"));
	CHECK(!strstr(json.buf, "ninth"));
	handover_timeline_svg(&t, text_sink_write, &svg);
	CHECK(strstr(svg.buf, ">KHO: found</text>\n<rect x=\""));
	CHECK(strstr(svg.buf, "fill=\"#2ca02c\"/>"));
}
