// SPDX-License-Identifier: MIT
/*
 * The report end to end: a Linux 7.2 handover built with the luo builders,
 * parsed and reported (complete human lines and complete JSON compared),
 * hand-made models for the unusual cases (memfd-v1, truncation, hostile
 * names, kho-v1, dropped findings, no handover), and the report blob's
 * round trip and corruption detection.
 */
#include "check.h"
#include <luo/host_scenario.h>
#include <report/blob.h>
#include <report/json_writer.h>
#include <report/report.h>

/* ---- capture helpers ---------------------------------------------- */

struct capture {
	char *buf;
	size_t len;
	size_t cap;
};

static void capture_sink(void *ctx, const char *s, size_t len)
{
	struct capture *c = ctx;

	if (c->len + len + 1 > c->cap) {
		c->cap = 2 * (c->len + len + 1);
		c->buf = realloc(c->buf, c->cap);
	}
	memcpy(c->buf + c->len, s, len);
	c->len += len;
	c->buf[c->len] = '\0';
}

static void capture_line(void *ctx, const char *text)
{
	capture_sink(ctx, text, strlen(text));
	capture_sink(ctx, "\n", 1);
}

static char *human_text(const struct report_input *in)
{
	struct capture c = { 0 };

	capture_sink(&c, "", 0);
	report_human(in, capture_line, &c);
	return c.buf;
}

static char *json_text(const struct report_input *in, bool pretty)
{
	struct capture c = { 0 };
	u64 n;

	capture_sink(&c, "", 0);
	n = report_json(in, capture_sink, &c, pretty);
	CHECK_EQ(n, c.len);
	CHECK(json_validate(c.buf, c.len));
	return c.buf;
}

/* Drops whitespace outside strings: pretty JSON must reduce to compact. */
static void strip_whitespace(char *s)
{
	bool in_string = false, escaped = false;
	char *out = s;

	for (; *s; s++) {
		if (in_string) {
			if (escaped)
				escaped = false;
			else if (*s == '\\')
				escaped = true;
			else if (*s == '"')
				in_string = false;
		} else if (*s == '"') {
			in_string = true;
		} else if (*s == ' ' || *s == '\n') {
			continue;
		}
		*out++ = *s;
	}
	*out = '\0';
}

/* Compares text line by line with a NULL-terminated list. */
static void check_lines(const char *text, const char *const *expected)
{
	const char *p = text;
	u32 n = 0;

	for (; expected[n]; n++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (!nl || len != strlen(expected[n]) ||
		    memcmp(p, expected[n], len) != 0) {
			CHECK_FAIL("line %u:\n    got      \"%.*s\"\n"
				   "    expected \"%s\"", n, (int)len, p,
				   expected[n]);
			return;
		}
		p = nl + 1;
	}
	if (*p)
		CHECK_FAIL("extra lines from line %u: \"%s\"", n, p);
}

/* Pretty and compact forms of one input carry the same content. */
static void check_pretty_matches(const struct report_input *in)
{
	char *pretty = json_text(in, true);
	char *compact = json_text(in, false);

	strip_whitespace(pretty);
	CHECK_STR(pretty, compact);
	free(pretty);
	free(compact);
}

/* ---- a Linux 7.2 handover, built and parsed ------------------------- */

static const struct build_memfd vm0_ram = {
	.size = SZ_1M + 123, .pos = 0x1000, .seals = 0x0c, .folio_order = 0,
};
static const struct build_memfd vm0_huge = {
	.size = 3 * SZ_1M, .pos = 0, .seals = 0x3f, .folio_order = 9,
};
static const struct build_memfd vm0_empty = { .size = 0 };
static const struct build_file vm0_files[] = {
	{ .token = 0x1, .memfd = &vm0_ram },
	{ .token = 0x2, .memfd = &vm0_huge },
	{ .token = 0xfeedface00000003ULL, .memfd = &vm0_empty },
};
static const struct build_session sessions_7_2[] = {
	{ "vm0", vm0_files, 3 },
	{ "idle", NULL, 0 },
};
static const struct build_flb flbs_7_2[] = {
	{ "iommu-v1", 0xabc000, 2 },
};
static const struct build_reserve_mem reserve_7_2[] = {
	{ "trace", SZ_1M, 0 },
};

struct scenario {
	struct host_scenario hs;
	struct boot_info bi;
	struct finding boot_items[4];
	struct finding_list boot_findings;
	struct report_memory mem;
	struct report_timeline tl;
	struct report_input in;
};

static struct scenario *scenario_7_2(void)
{
	struct scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = {
		.profile = PROFILE_7_2,
		.liveupdate_num = 5,
		.sessions = sessions_7_2,
		.session_count = 2,
		.flbs = flbs_7_2,
		.flb_count = 1,
		.reserve_mem = reserve_7_2,
		.reserve_mem_count = 1,
		.previous_release = "7.2.13+deb14-amd64",
		.kexec_count = 3,
	};
	struct boot_info *bi = &s->bi;

	CHECK(host_scenario_init(&s->hs, PROFILE_7_2, 64 * SZ_1M));
	CHECK(host_scenario_build(&s->hs, &spec));
	host_scenario_parse(&s->hs);
	/* The parser only informs about a clean 7.2 handover. */
	CHECK_EQ(s->hs.findings.by_severity[FINDING_WARNING], 0);
	CHECK_EQ(s->hs.findings.by_severity[FINDING_ERROR], 0);

	bi->protocol = BOOT_PROTOCOL_LINUX64;
	bi->boot_params_pa = 0x8000;
	bi->image_start = 0x1000000;
	bi->image_end = 0x1200000;
	strcpy(bi->cmdline, "console=ttyS0 \"q\"");
	bi->cmdline_len = strlen(bi->cmdline);
	bi->e820[0] = (struct boot_e820_entry){ 0, 0x9fc00, E820_TYPE_RAM };
	bi->e820[1] = (struct boot_e820_entry){ 0x100000, 0x7ff00000,
						E820_TYPE_RAM };
	bi->e820_count = 2;
	bi->setup_data[0] = (struct boot_setup_data){
		s->hs.rec.setup_data_pa, SETUP_KEXEC_KHO, 32 };
	bi->setup_data_count = 1;
	bi->kho = s->hs.rec;

	finding_list_init(&s->boot_findings, s->boot_items, 4);
	finding_add(&s->boot_findings, W_MM_SCRATCH_REFUSED, 0x40000000,
		    "scratch 0 refused: test");

	s->mem = (struct report_memory){
		.ram_bytes = 0x7ff9fc00, .scratch_bytes = 0x400000,
		.scratch_free_bytes = 0x3fe000, .scratch_areas = 2,
		.scratch_refused = 1, .preserved_bytes = 0x60f000,
		.map_bytes = 0xf000, .baton_bytes = 0x200000,
		.next_kernel_bytes = 0x1800000,
	};
	timeline_init(&s->tl, 1000000);
	timeline_set_frequency(&s->tl, 2500000, "pit");
	timeline_mark(&s->tl, "boot", 1000000 + 2500);
	timeline_mark(&s->tl, "kho", 1000000 + 2500000 + 2500);
	timeline_mark(&s->tl, "report", 1000000 + 5000000);

	s->in = (struct report_input){
		.baton_version = "0.1.0",
		.boot = bi,
		.model = s->hs.m,
		.findings = { &s->boot_findings },
		.memory = &s->mem,
		.timeline = &s->tl,
	};
	return s;
}

static void scenario_free(struct scenario *s)
{
	host_scenario_free(&s->hs);
	free(s);
}

static const char *const expected_human_7_2[] = {
	"report: baton 0.1.0 schema 1",
	"kho: this handover looks like Linux 7.2 (kho-v4, luo-v5,"
		" memfd-v2)",
	"kho: fdt 0x0000000040400000 size 0x1000 compatible \"kho-v4\"",
	"kho: scratch 0 [mem 0x0000000040000000-0x00000000401fffff]"
		" size 0x200000",
	"kho: scratch 1 [mem 0x0000000040200000-0x00000000403fffff]"
		" size 0x200000",
	"kho: preserved-memory-map 0x0000000040401000 entries 275"
		" bytes 0x610000 map pages 15",
	"kho: preserved order 0 count 272 bytes 0x110000",
	"kho: preserved order 8 count 1 bytes 0x100000",
	"kho: preserved order 9 count 2 bytes 0x400000",
	"kho: preserved unaccounted entries 0 bytes 0x0",
	"kho: subtree \"memblock\" pa 0x0000000040c00000 size 0xd2"
		" known",
	"kho: subtree \"LUO\" pa 0x0000000040403000 size 0x20 known",
	"kho: subtree \"kexec-metadata\" pa 0x0000000040402000 size"
		" 0x49 known",
	"luo: luo-v5 liveupdate_num 5 sessions 2 files 3 flbs 1",
	"luo: session \"vm0\" files 3",
	"luo:   file token 0x1 memfd-v2 size 0x10007b pos 0x1000 seals"
		" 0xc (grow,write) flags 0x0 folios 257 orders 0:257 data"
		" 0x000000004050b000",
	"luo:   file token 0x2 memfd-v2 size 0x300000 pos 0x0 seals"
		" 0x3f (seal,shrink,grow,write,future-write,exec) flags 0x0"
		" folios 2 orders 9:2 data 0x0000000040a01000",
	"luo:   file token 0xfeedface00000003 memfd-v2 size 0x0 pos"
		" 0x0 seals 0x0 (none) flags 0x0 folios 0 orders - data"
		" 0x0000000040a02000",
	"luo: session \"idle\" files 0",
	"luo: flb \"iommu-v1\" data 0xabc000 count 2",
	"memblock: reserve_mem \"trace\" [mem"
		" 0x0000000040b00000-0x0000000040bfffff] size 0x100000",
	"kexec-metadata: version 1 previous_release"
		" \"7.2.13+deb14-amd64\" kexec_count 3",
	"memory: ram 0x7ff9fc00 preserved 0x60f000 map 0xf000 baton"
		" 0x200000 next-kernel 0x1800000",
	"memory: scratch 0x400000 in 2 areas (1 refused) free 0x3fe000",
	"timeline: tsc 2500000 kHz (pit)",
	"timeline: boot at 1 us (+1 us)",
	"timeline: kho at 1001 us (+1000 us)",
	"timeline: report at 2000 us (+999 us)",
	"finding: warning W_MM_SCRATCH_REFUSED at 0x0000000040000000:"
		" scratch 0 refused: test",
	"baton: handover OK (0 errors, 1 warning)",
	NULL,
};


static const char expected_json_7_2[] =
	"{\"baton\":{\"version\":\"0.1.0\",\"schema\":1},"
	"\"boot\":{\"protocol\":\"linux64\",\"boot_params\":\"0x8000\","
	"\"start_info\":\"0x0\",\"image\":{\"start\":\"0x1000000\","
	"\"end\":\"0x1200000\"},\"cmdline\":\"console=ttyS0 \\\"q\\\"\","
	"\"cmdline_truncated\":false,\"initrd\":null,\"acpi_rsdp\":\"0x0\","
	"\"e820\":[{\"addr\":\"0x0\",\"size\":654336,\"type\":1,"
	"\"name\":\"usable\"},{\"addr\":\"0x100000\",\"size\":2146435072,"
	"\"type\":1,\"name\":\"usable\"}],\"e820_dropped\":0,"
	"\"setup_data\":[{\"pa\":\"0x40201000\",\"type\":10,\"len\":32}],"
	"\"setup_data_truncated\":false,\"kho_record\":{\"present\":true,"
	"\"setup_data\":\"0x40201000\",\"len\":32,\"fdt\":\"0x40400000\","
	"\"fdt_size\":4096,\"scratch\":\"0x40200000\","
	"\"scratch_size\":32}},\"kho\":{\"version\":\"kho-v4\","
	"\"compatible\":\"kho-v4\",\"profile\":\"7.2\","
	"\"fdt\":\"0x40400000\",\"fdt_size\":4096,\"v1\":null,"
	"\"scratch\":[{\"addr\":\"0x40000000\",\"size\":2097152},"
	"{\"addr\":\"0x40200000\",\"size\":2097152}],"
	"\"scratch_truncated\":false,\"preserved\":{\"map\":\"0x40401000\","
	"\"entries\":275,\"bytes\":6356992,\"map_pages\":15,"
	"\"map_bytes\":61440,\"unaccounted_entries\":0,"
	"\"unaccounted_bytes\":0,\"by_order\":{\"0\":{\"count\":272,"
	"\"bytes\":1114112},\"8\":{\"count\":1,\"bytes\":1048576},"
	"\"9\":{\"count\":2,\"bytes\":4194304}}},"
	"\"subtrees\":[{\"name\":\"memblock\",\"pa\":\"0x40c00000\","
	"\"size\":210,\"known\":true},{\"name\":\"LUO\","
	"\"pa\":\"0x40403000\",\"size\":32,\"known\":true},"
	"{\"name\":\"kexec-metadata\",\"pa\":\"0x40402000\",\"size\":73,"
	"\"known\":true}],\"subtrees_truncated\":false},"
	"\"luo\":{\"version\":\"luo-v5\",\"session_format\":\"blocks\","
	"\"pa\":\"0x40403000\",\"liveupdate_num\":5,"
	"\"sessions_pa\":\"0x40405000\",\"flbs_pa\":\"0x40404000\","
	"\"sessions\":[{\"name\":\"vm0\",\"files_pa\":\"0x40406000\","
	"\"count\":3,\"files_truncated\":false,"
	"\"files\":[{\"token\":\"0x1\",\"compatible\":\"memfd-v2\","
	"\"data\":\"0x4050b000\",\"memfd\":{\"version\":\"memfd-v2\","
	"\"pa\":\"0x4050b000\",\"size\":1048699,\"pos\":4096,"
	"\"seals\":\"0xc\",\"seal_names\":[\"grow\",\"write\"],"
	"\"flags\":\"0x0\",\"nr_folios\":257,\"folios\":257,"
	"\"folios_truncated\":false,\"orders\":{\"0\":257}}},"
	"{\"token\":\"0x2\",\"compatible\":\"memfd-v2\","
	"\"data\":\"0x40a01000\",\"memfd\":{\"version\":\"memfd-v2\","
	"\"pa\":\"0x40a01000\",\"size\":3145728,\"pos\":0,"
	"\"seals\":\"0x3f\",\"seal_names\":[\"seal\",\"shrink\",\"grow\","
	"\"write\",\"future-write\",\"exec\"],\"flags\":\"0x0\","
	"\"nr_folios\":2,\"folios\":2,\"folios_truncated\":false,"
	"\"orders\":{\"9\":2}}},{\"token\":\"0xfeedface00000003\","
	"\"compatible\":\"memfd-v2\",\"data\":\"0x40a02000\","
	"\"memfd\":{\"version\":\"memfd-v2\",\"pa\":\"0x40a02000\","
	"\"size\":0,\"pos\":0,\"seals\":\"0x0\",\"seal_names\":[],"
	"\"flags\":\"0x0\",\"nr_folios\":0,\"folios\":0,"
	"\"folios_truncated\":false,\"orders\":{}}}]},{\"name\":\"idle\","
	"\"files_pa\":\"0x0\",\"count\":0,\"files_truncated\":false,"
	"\"files\":[]}],\"sessions_truncated\":false,"
	"\"flbs\":[{\"name\":\"iommu-v1\",\"data\":\"0xabc000\","
	"\"count\":2}],\"flbs_truncated\":false},"
	"\"memblock\":[{\"name\":\"trace\",\"start\":\"0x40b00000\","
	"\"size\":1048576}],\"metadata\":{\"version\":1,"
	"\"previous_release\":\"7.2.13+deb14-amd64\",\"kexec_count\":3},"
	"\"memory\":{\"ram_bytes\":2147089408,\"scratch_bytes\":4194304,"
	"\"scratch_free_bytes\":4186112,\"scratch_areas\":2,"
	"\"scratch_refused\":1,\"preserved_bytes\":6352896,"
	"\"map_bytes\":61440,\"baton_bytes\":2097152,"
	"\"next_kernel_bytes\":25165824},\"timeline\":{\"tsc_khz\":2500000,"
	"\"method\":\"pit\",\"start_tsc\":\"0xf4240\","
	"\"phases\":[{\"name\":\"boot\",\"tsc\":\"0xf4c04\",\"ticks\":2500,"
	"\"us\":1,\"delta_us\":1},{\"name\":\"kho\",\"tsc\":\"0x3571a4\","
	"\"ticks\":2502500,\"us\":1001,\"delta_us\":1000},"
	"{\"name\":\"report\",\"tsc\":\"0x5b8d80\",\"ticks\":5000000,"
	"\"us\":2000,\"delta_us\":999}],\"dropped\":0},"
	"\"findings\":[{\"code\":\"W_MM_SCRATCH_REFUSED\","
	"\"severity\":\"warning\",\"pa\":\"0x40000000\","
	"\"message\":\"scratch 0 refused: test\"}],"
	"\"verdict\":{\"handover\":true,\"ok\":true,\"errors\":0,"
	"\"warnings\":1,\"infos\":0,\"findings_stored\":1,"
	"\"findings_dropped\":0,\"text\":\"handover OK (0 errors,"
	" 1 warning)\"}}";


TEST(human_7_2_exact)
{
	struct scenario *s = scenario_7_2();
	char *text = human_text(&s->in);

	check_lines(text, expected_human_7_2);
	free(text);
	scenario_free(s);
}

TEST(json_7_2_exact)
{
	struct scenario *s = scenario_7_2();
	char *text = json_text(&s->in, false);

	CHECK_STR(text, expected_json_7_2);
	free(text);
	check_pretty_matches(&s->in);
	scenario_free(s);
}

/* The console form: markers on their own lines, one file per line. */
TEST(json_7_2_console)
{
	static const char file_line[] =
		"\n          {\"token\": \"0x1\", \"compatible\": \"memfd-v2\", "
		"\"data\": \"0x4050b000\", \"memfd\": {\"version\": "
		"\"memfd-v2\", \"pa\": \"0x4050b000\", \"size\": 1048699, "
		"\"pos\": 4096, \"seals\": \"0xc\", \"seal_names\": "
		"[\"grow\", \"write\"], \"flags\": \"0x0\", "
		"\"nr_folios\": 257, \"folios\": 257, "
		"\"folios_truncated\": false, \"orders\": {\"0\": 257}}},\n";
	static const char head[] = REPORT_JSON_BEGIN "\n{\n  \"baton\": {\n"
		"    \"version\": \"0.1.0\",\n    \"schema\": 1\n  },\n";
	static const char tail[] = "\"handover OK (0 errors, 1 warning)\"\n"
		"  }\n}\n" REPORT_JSON_END "\n";
	struct scenario *s = scenario_7_2();
	struct capture c = { 0 };

	capture_sink(&c, "", 0);
	report_json_console(&s->in, capture_sink, &c);
	CHECK(strncmp(c.buf, head, strlen(head)) == 0);
	CHECK(c.len > strlen(tail) &&
	      strcmp(c.buf + c.len - strlen(tail), tail) == 0);
	CHECK(strstr(c.buf, file_line) != NULL);
	CHECK(strstr(c.buf, "\n    \"scratch\": [\n      {\"addr\": "
		     "\"0x40000000\", \"size\": 2097152},\n") != NULL);
	free(c.buf);
	scenario_free(s);
}
