// SPDX-License-Identifier: MIT
/*
 * The report end to end: a Linux 7.2 handover built with the luo builders,
 * parsed and reported (complete human lines and complete JSON compared),
 * hand-made models for the unusual cases (memfd-v1, truncation, hostile
 * names, kho-v1, dropped findings, no handover), and the report blob's
 * round trip and corruption detection.
 */
#include "check.h"
#include <host/scenario/host_scenario.h>
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
		.scratch_refused = 1, .preserved_entries = 275,
		.preserved_ranges = 7, .preserved_bytes = 0x60f000,
		.map_bytes = 0xf000, .baton_bytes = 0x200000,
		.next_kernel_bytes = 0x1800000,
	};
	timeline_init(&s->tl, 1000000);
	timeline_set_frequency(&s->tl, 2500000, "cpuid 0x15");
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
	"kho: written by 7.2.13+deb14-amd64 (kexec-metadata): kho-v4,"
		" luo-v5, memfd-v2",
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
	"memory: ram 0x7ff9fc00 preserved 0x60f000 (275 entries, 7"
		" ranges) map 0xf000",
	"memory: scratch 0x400000 in 2 areas (1 refused) free 0x3fe000",
	"memory: baton 0x200000 next-kernel 0x1800000",
	"timeline: tsc 2500000 kHz (cpuid 0x15)",
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
	"\"compatible\":\"kho-v4\",\"profile\":\"7.2/7.3\","
	"\"written_by\":\"7.2.13+deb14-amd64\","
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
	"\"scratch_refused\":1,\"preserved_entries\":275,"
	"\"preserved_ranges\":7,\"preserved_bytes\":6352896,"
	"\"map_bytes\":61440,\"baton_bytes\":2097152,"
	"\"next_kernel_bytes\":25165824},\"timeline\":{\"tsc_khz\":2500000,"
	"\"method\":\"cpuid 0x15\",\"start_tsc\":\"0xf4240\","
	"\"phases\":[{\"name\":\"boot\",\"tsc\":\"0xf4c04\",\"ticks\":2500,"
	"\"us\":1,\"delta_us\":1},{\"name\":\"kho\",\"tsc\":\"0x3571a4\","
	"\"ticks\":2502500,\"us\":1001,\"delta_us\":1000},"
	"{\"name\":\"report\",\"tsc\":\"0x5b8d80\",\"ticks\":5000000,"
	"\"us\":2000,\"delta_us\":999}],\"dropped\":0},"
	"\"digest\":null,\"chain\":null,\"findings\":[{\"code\":\"W_MM_SCRATCH_REFUSED\","
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

/* baton.log=summary: header, timeline, findings and verdict only. */
TEST(human_summary_7_2_exact)
{
	static const char *const want[] = {
		"report: baton 0.1.0 schema 1 (summary: baton.log=summary)",
		"timeline: tsc 2500000 kHz (cpuid 0x15)",
		"timeline: boot at 1 us (+1 us)",
		"timeline: kho at 1001 us (+1000 us)",
		"timeline: report at 2000 us (+999 us)",
		"finding: warning W_MM_SCRATCH_REFUSED at 0x0000000040000000:"
			" scratch 0 refused: test",
		"baton: handover OK (0 errors, 1 warning)",
		NULL,
	};
	struct scenario *s = scenario_7_2();
	struct capture c = { 0 };

	capture_sink(&c, "", 0);
	report_human_summary(&s->in, capture_line, &c);
	check_lines(c.buf, want);
	free(c.buf);
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

/* ---- hand-made models: the unusual cases ---------------------------- */

struct odd {
	struct handover_model m;
	struct model_session sessions[2];
	struct model_file files[2];
	struct model_memfd memfds[1];
	struct model_folio folios[3];
	struct finding items[2];
	struct finding_list findings;
	struct report_input in;
};

static void odd_model(struct odd *o)
{
	struct handover_model *m = &o->m;
	struct model_storage st = {
		.sessions = o->sessions, .sessions_cap = 2,
		.files = o->files, .files_cap = 2,
		.memfds = o->memfds, .memfds_cap = 1,
		.folios = o->folios, .folios_cap = 3,
	};

	memset(o, 0, sizeof(*o));
	model_init(m, &st);
	m->kho = KHO_VERSION_V1;
	strcpy(m->kho_compatible, "kho-v1");
	m->v1_variant = KHO_V1_BITMAP_512;
	m->v1_detection.evidence = KHO_V1_EVIDENCE_PHYS_START;
	m->luo = LUO_VERSION_V1;
	m->session_format = LUO_SESSIONS_V2;
	m->memfd = MEMFD_VERSION_V1;
	m->profile = PROFILE_6_19;
	m->fdt_pa = 0x7000000;
	m->fdt_size = 0x1000;
	m->scratch[0] = (struct model_scratch){ 0x8000000, 0x1000000 };
	m->scratch_count = 1;
	m->scratch_truncated = true;
	m->mem_map = 0x7001000;
	m->map.entries = 4;
	m->map.entries_by_order[0] = 3;
	m->map.entries_by_order[10] = 1;
	m->map.bytes = 0x403000;
	m->map.map_pages = 2;
	m->map.map_bytes = 0x2000;
	m->unaccounted_entries = 1;
	m->unaccounted_bytes = 0x1000;
	m->subtrees[0] = (struct model_subtree){ "LUO", 0x7002000, 0x200,
						 false, true };
	m->subtrees[1] = (struct model_subtree){ "od\"d\n", 0x7003000, 0,
						 false, false };
	m->subtree_count = 2;
	m->subtrees_truncated = true;

	m->liveupdate_num = UINT64_MAX;
	m->luo_pa = 0x7002000;
	m->sessions_pa = 0x7004000;
	memcpy(o->sessions[0].name, "s\xff\x01 x", 5);
	o->sessions[0].files_pa = 0x7010000;
	o->sessions[0].count = 5;
	o->sessions[0].file_first = 0;
	o->sessions[0].file_count = 2;
	o->sessions[0].files_truncated = true;
	strcpy(o->sessions[1].name, "broken");
	o->sessions[1].file_first = 7;	/* beyond the stored files */
	o->sessions[1].file_count = 3;
	o->sessions[1].count = 3;
	m->session_count = 2;
	m->sessions_truncated = true;

	strcpy(o->files[0].compatible, "memfd-v1");
	o->files[0].token = 0;
	o->files[0].data = 0x7020000;
	o->files[0].memfd = 0;
	strcpy(o->files[1].compatible, "my handler\\");
	o->files[1].token = 0x42;
	o->files[1].data = 0;
	o->files[1].memfd = -1;
	m->file_count = 2;

	o->memfds[0] = (struct model_memfd){
		.version = MEMFD_VERSION_V1, .pa = 0x7020000, .pos = 7,
		.size = 0x5000, .nr_folios = 4, .folio_first = 0,
		.folio_count = 3, .folios_truncated = true,
	};
	m->memfd_count = 1;
	o->folios[0] = (struct model_folio){ 0, 0x9000, 0, 0, false };
	o->folios[1] = (struct model_folio){ 1, 0x9001, 0, 0, false };
	o->folios[2] = (struct model_folio){ 2, 0x9002, 0, -1, false };
	m->folio_count = 3;

	finding_list_init(&o->findings, o->items, 2);
	finding_add(&o->findings, E_LIST_CYCLE, 0x7004000,
		    "session list loops\nback to 0x%x", 0x7004000);
	finding_add(&o->findings, I_SUBTREE_UNKNOWN, 0x7003000,
		    "unknown sub-blob \"%s\"", "od");
	finding_add(&o->findings, E_CHAIN_TOO_LONG, 0x7005000, "dropped");

	o->in = (struct report_input){
		.baton_version = "0.1.0-test",
		.model = m,
		.findings = { NULL, &o->findings },
	};
}

struct plain {
	struct boot_info bi;
	struct report_timeline tl;
	struct report_input in;
};

/* A plain boot: no KHO record, an uncalibrated TSC, no findings. */
static void plain_boot(struct plain *p)
{
	memset(p, 0, sizeof(*p));
	p->bi.protocol = BOOT_PROTOCOL_PVH;
	p->bi.start_info_pa = 0x6000;
	p->bi.image_start = 0x1000000;
	p->bi.image_end = 0x1100000;
	p->bi.initrd_pa = 0x2000000;
	p->bi.initrd_size = 0x1234;
	p->bi.e820[0] = (struct boot_e820_entry){ 0xfeffc000, 0x4000,
						  E820_TYPE_RESERVED };
	p->bi.e820_count = 1;
	p->bi.e820_dropped = 2;
	p->bi.setup_data_truncated = true;
	timeline_init(&p->tl, 100);
	timeline_mark(&p->tl, "boot phase", 350);
	timeline_mark(&p->tl, "mm", 1350);
	p->tl.dropped = 3;
	p->in = (struct report_input){
		.baton_version = "0.1.0",
		.boot = &p->bi,
		.timeline = &p->tl,
	};
}

static const char *const expected_human_odd[] = {
	"report: baton 0.1.0-test schema 1",
	"kho: this handover looks like Linux 6.19 (kho-v1, luo-v1,"
		" memfd-v1)",
	"kho: fdt 0x0000000007000000 size 0x1000 compatible \"kho-v1\"",
	"kho: kho-v1 bitmap 512 evidence phys-start",
	"kho: scratch 0 [mem 0x0000000008000000-0x0000000008ffffff]"
		" size 0x1000000",
	"kho: scratch list truncated",
	"kho: preserved-memory-map 0x0000000007001000 entries 4 bytes"
		" 0x403000 map pages 2",
	"kho: preserved order 0 count 3 bytes 0x3000",
	"kho: preserved order 10 count 1 bytes 0x400000",
	"kho: preserved unaccounted entries 1 bytes 0x1000",
	"kho: subtree \"LUO\" pa 0x0000000007002000 size 0x200 known",
	"kho: subtree \"od\\x22d\\x0a\" pa 0x0000000007003000 size -"
		" unknown",
	"kho: subtree list truncated",
	"luo: luo-v1 liveupdate_num 18446744073709551615 sessions 2"
		" files 2 flbs 0",
	"luo: session \"s\\xff\\x01 x\" files 2 of 5 (truncated)",
	"luo:   file token 0x0 memfd-v1 size 0x5000 pos 0x7 seals -"
		" flags - folios 3 of 4 (truncated) orders 0:2,?:1 data"
		" 0x0000000007020000",
	"luo:   file token 0x42 my\\x20handler\\x5c data"
		" 0x0000000000000000",
	"luo: session \"broken\" files 0 of 3",
	"luo: session list truncated",
	"memblock: none",
	"kexec-metadata: none",
	"finding: error E_LIST_CYCLE at 0x0000000007004000: session"
		" list loops\\x0aback to 0x7004000",
	"finding: info I_SUBTREE_UNKNOWN at 0x0000000007003000:"
		" unknown sub-blob \"od\"",
	"findings: 1 more not stored",
	"baton: handover has 2 errors (0 warnings)",
	NULL,
};

static const char expected_json_odd[] =
	"{\"baton\":{\"version\":\"0.1.0-test\",\"schema\":1},"
	"\"boot\":null,\"kho\":{\"version\":\"kho-v1\","
	"\"compatible\":\"kho-v1\",\"profile\":\"6.19\","
	"\"written_by\":null,\"fdt\":\"0x7000000\",\"fdt_size\":4096,"
	"\"v1\":{\"bitmap_bytes\":512,\"evidence\":\"phys-start\"},"
	"\"scratch\":[{\"addr\":\"0x8000000\",\"size\":16777216}],"
	"\"scratch_truncated\":true,\"preserved\":{\"map\":\"0x7001000\","
	"\"entries\":4,\"bytes\":4206592,\"map_pages\":2,"
	"\"map_bytes\":8192,\"unaccounted_entries\":1,"
	"\"unaccounted_bytes\":4096,\"by_order\":{\"0\":{\"count\":3,"
	"\"bytes\":12288},\"10\":{\"count\":1,\"bytes\":4194304}}},"
	"\"subtrees\":[{\"name\":\"LUO\",\"pa\":\"0x7002000\",\"size\":512,"
	"\"known\":true},{\"name\":\"od\\\"d\\n\",\"pa\":\"0x7003000\","
	"\"size\":null,\"known\":false}],\"subtrees_truncated\":true},"
	"\"luo\":{\"version\":\"luo-v1\","
	"\"session_format\":\"luo-session-v2\",\"pa\":\"0x7002000\","
	"\"liveupdate_num\":18446744073709551615,"
	"\"sessions_pa\":\"0x7004000\",\"flbs_pa\":\"0x0\","
	"\"sessions\":[{\"name\":\"s\\u00ff\\u0001 x\","
	"\"files_pa\":\"0x7010000\",\"count\":5,\"files_truncated\":true,"
	"\"files\":[{\"token\":\"0x0\",\"compatible\":\"memfd-v1\","
	"\"data\":\"0x7020000\",\"memfd\":{\"version\":\"memfd-v1\","
	"\"pa\":\"0x7020000\",\"size\":20480,\"pos\":7,\"seals\":null,"
	"\"seal_names\":null,\"flags\":null,\"nr_folios\":4,\"folios\":3,"
	"\"folios_truncated\":true,\"orders\":{\"0\":2,\"unknown\":1}}},"
	"{\"token\":\"0x42\",\"compatible\":\"my handler\\\\\","
	"\"data\":\"0x0\",\"memfd\":null}]},{\"name\":\"broken\","
	"\"files_pa\":\"0x0\",\"count\":3,\"files_truncated\":false,"
	"\"files\":[]}],\"sessions_truncated\":true,\"flbs\":[],"
	"\"flbs_truncated\":false},\"memblock\":[],\"metadata\":null,"
	"\"memory\":null,\"timeline\":null,"
	"\"digest\":null,\"chain\":null,\"findings\":[{\"code\":\"E_LIST_CYCLE\",\"severity\":\"error\","
	"\"pa\":\"0x7004000\","
	"\"message\":\"session list loops\\nback to 0x7004000\"},"
	"{\"code\":\"I_SUBTREE_UNKNOWN\",\"severity\":\"info\","
	"\"pa\":\"0x7003000\","
	"\"message\":\"unknown sub-blob \\\"od\\\"\"}],"
	"\"verdict\":{\"handover\":true,\"ok\":false,\"errors\":2,"
	"\"warnings\":0,\"infos\":1,\"findings_stored\":2,"
	"\"findings_dropped\":1,"
	"\"text\":\"handover has 2 errors (0 warnings)\"}}";

static const char *const expected_human_plain[] = {
	"report: baton 0.1.0 schema 1",
	"report: no handover",
	"timeline: tsc frequency unknown",
	"timeline: boot\\x20phase at 250 ticks (+250 ticks)",
	"timeline: mm at 1250 ticks (+1000 ticks)",
	"timeline: 3 phases dropped",
	"baton: no handover (0 errors, 0 warnings)",
	NULL,
};

static const char expected_json_plain[] =
	"{\"baton\":{\"version\":\"0.1.0\",\"schema\":1},"
	"\"boot\":{\"protocol\":\"pvh\",\"boot_params\":\"0x0\","
	"\"start_info\":\"0x6000\",\"image\":{\"start\":\"0x1000000\","
	"\"end\":\"0x1100000\"},\"cmdline\":\"\","
	"\"cmdline_truncated\":false,\"initrd\":{\"addr\":\"0x2000000\","
	"\"size\":4660},\"acpi_rsdp\":\"0x0\","
	"\"e820\":[{\"addr\":\"0xfeffc000\",\"size\":16384,\"type\":2,"
	"\"name\":\"reserved\"}],\"e820_dropped\":2,\"setup_data\":[],"
	"\"setup_data_truncated\":true,\"kho_record\":{\"present\":false,"
	"\"setup_data\":\"0x0\",\"len\":0,\"fdt\":\"0x0\",\"fdt_size\":0,"
	"\"scratch\":\"0x0\",\"scratch_size\":0}},\"kho\":null,"
	"\"luo\":null,\"memblock\":[],\"metadata\":null,\"memory\":null,"
	"\"timeline\":{\"tsc_khz\":0,\"method\":\"\","
	"\"start_tsc\":\"0x64\",\"phases\":[{\"name\":\"boot phase\","
	"\"tsc\":\"0x15e\",\"ticks\":250,\"us\":null,\"delta_us\":null},"
	"{\"name\":\"mm\",\"tsc\":\"0x546\",\"ticks\":1250,\"us\":null,"
	"\"delta_us\":null}],\"dropped\":3},\"digest\":null,\"chain\":null,\"findings\":[],"
	"\"verdict\":{\"handover\":false,\"ok\":true,\"errors\":0,"
	"\"warnings\":0,\"infos\":0,\"findings_stored\":0,"
	"\"findings_dropped\":0,\"text\":\"no handover (0 errors,"
	" 0 warnings)\"}}";

TEST(odd_model_exact)
{
	struct odd *o = calloc(1, sizeof(*o));
	char *text;

	odd_model(o);
	text = human_text(&o->in);
	check_lines(text, expected_human_odd);
	free(text);
	text = json_text(&o->in, false);
	CHECK_STR(text, expected_json_odd);
	free(text);
	check_pretty_matches(&o->in);
	free(o);
}

/*
 * kexec-metadata names the writer: its release replaces the content
 * profile in the versions line (escaped as one word, as the writer's text
 * is the handover's), and is kho.written_by in JSON. An unknown metadata
 * version or an empty release names nobody: the content profile again.
 */
TEST(written_by_names_the_metadata_release)
{
	struct odd *o = calloc(1, sizeof(*o));
	char *text;

	odd_model(o);
	o->m.metadata.present = true;
	o->m.metadata.version = 1;
	strcpy(o->m.metadata.previous_release, "7.3.4 x\x01\"");
	text = human_text(&o->in);
	CHECK(strstr(text, "\nkho: written by 7.3.4\\x20x\\x01\\x22 (kexec-metadata): kho-v1, luo-v1, memfd-v1\nkho: fdt ") != NULL);
	CHECK(strstr(text, "looks like") == NULL);
	free(text);
	text = json_text(&o->in, false);
	CHECK(strstr(text, "\"profile\":\"6.19\",\"written_by\":\"7.3.4 x\\u0001\\\"\",\"fdt\"") != NULL);
	free(text);

	/* a metadata version baton does not know names nobody either */
	o->m.metadata.version = 2;
	text = human_text(&o->in);
	CHECK(strstr(text, "\nkho: this handover looks like Linux 6.19 (kho-v1, luo-v1, memfd-v1)\n") != NULL);
	free(text);

	o->m.metadata.version = 1;
	o->m.metadata.previous_release[0] = '\0';
	text = human_text(&o->in);
	CHECK(strstr(text, "\nkho: this handover looks like Linux 6.19 (kho-v1, luo-v1, memfd-v1)\n") != NULL);
	free(text);
	text = json_text(&o->in, false);
	CHECK(strstr(text, "\"written_by\":null,") != NULL);
	free(text);
	free(o);
}

TEST(plain_boot_exact)
{
	struct plain *p = calloc(1, sizeof(*p));
	char *text;

	plain_boot(p);
	text = human_text(&p->in);
	check_lines(text, expected_human_plain);
	free(text);
	text = json_text(&p->in, false);
	CHECK_STR(text, expected_json_plain);
	free(text);
	check_pretty_matches(&p->in);
	free(p);
}

/* ---- verdict -------------------------------------------------------- */

TEST(verdict_text_forms)
{
	struct report_verdict v = { 0 };
	char buf[96];

	v.handover = true;
	v.ok = true;
	v.warnings = 1;
	report_verdict_text(&v, buf, sizeof(buf));
	CHECK_STR(buf, "handover OK (0 errors, 1 warning)");
	v.ok = false;
	v.errors = 1;
	v.warnings = 2;
	report_verdict_text(&v, buf, sizeof(buf));
	CHECK_STR(buf, "handover has 1 error (2 warnings)");
	v.handover = false;
	v.errors = 3;
	report_verdict_text(&v, buf, sizeof(buf));
	CHECK_STR(buf, "no handover, 3 errors (2 warnings)");
	v.ok = true;
	v.errors = 0;
	v.warnings = 0;
	report_verdict_text(&v, buf, sizeof(buf));
	CHECK_STR(buf, "no handover (0 errors, 0 warnings)");
}

/*
 * The counters that decide the verdict never wrap: one error past 2^32 - 1
 * (once a u32 wrapping to 0, "handover OK") and past 2^64 - 1 (saturated).
 */
TEST(verdict_counters_saturate)
{
	struct finding a_items[1], b_items[1];
	struct finding_list a, b;
	struct report_input in = { .findings = { &a, &b } };
	struct report_verdict v;

	finding_list_init(&a, a_items, 1);
	finding_list_init(&b, b_items, 1);
	a.by_severity[FINDING_ERROR] = 0xffffffffULL;
	a.dropped = 0xffffffffULL;
	a.count = 1;
	finding_add(&a, E_POINTER_UNBACKED, 0, "one more");
	CHECK_EQ(a.by_severity[FINDING_ERROR], 0x100000000ULL);
	CHECK_EQ(a.dropped, 0x100000000ULL);
	report_verdict(&in, &v);
	CHECK(!v.ok);
	CHECK_EQ(v.errors, 0x100000000ULL);

	a.by_severity[FINDING_ERROR] = ~0ULL;
	finding_add(&a, E_POINTER_UNBACKED, 0, "saturated");
	CHECK_EQ(a.by_severity[FINDING_ERROR], ~0ULL);
	b.by_severity[FINDING_ERROR] = 5;
	report_verdict(&in, &v);
	CHECK(!v.ok);
	CHECK_EQ(v.errors, ~0ULL);
}

/* Totals span every list, dropped findings included. */
TEST(verdict_counts_lists)
{
	struct finding a_items[1], b_items[4];
	struct finding_list a, b;
	struct report_input in = { .findings = { &a, NULL, &b } };
	struct report_verdict v;

	finding_list_init(&a, a_items, 1);
	finding_list_init(&b, b_items, 4);
	finding_add(&a, W_MM_SCRATCH_REFUSED, 0, "w");
	finding_add(&a, E_LIST_CYCLE, 0, "e (dropped)");
	finding_add(&b, I_SUBTREE_UNKNOWN, 0, "i");
	finding_add(&b, E_CHAIN_TOO_LONG, 0, "e");
	report_verdict(&in, &v);
	CHECK(!v.handover);
	CHECK(!v.ok);
	CHECK_EQ(v.errors, 2);
	CHECK_EQ(v.warnings, 1);
	CHECK_EQ(v.infos, 1);
	CHECK_EQ(v.stored, 3);
	CHECK_EQ(v.dropped, 1);
}

/* ---- report blob ---------------------------------------------------- */

static u8 *make_blob(const struct report_input *in, u64 *size)
{
	u64 n = report_blob_size(in);
	u8 *buf = malloc(n + 16);

	memset(buf, 0xa5, n + 16);
	CHECK_EQ(report_blob_write(buf, n, in), n);
	*size = n;
	return buf;
}

TEST(blob_round_trip)
{
	struct scenario *s = scenario_7_2();
	struct report_blob_view view;
	char *json = json_text(&s->in, false);
	u64 size;
	u8 *blob = make_blob(&s->in, &size);

	CHECK_EQ(size, ALIGN_UP(64 + strlen(json) + 1, 8));
	CHECK_EQ(report_blob_check(blob, size, &view), REPORT_BLOB_VALID);
	CHECK_MEM(blob, "BATONRPT", 8);
	CHECK_EQ(view.header.version, REPORT_BLOB_VERSION);
	CHECK_EQ(view.header.header_size, 64);
	CHECK_EQ(view.header.total_size, size);
	CHECK_EQ(view.header.flags, REPORT_BLOB_OK | REPORT_BLOB_HANDOVER);
	CHECK_EQ(view.header.errors, 0);
	CHECK_EQ(view.header.warnings, 1);
	CHECK_EQ(view.header.infos, 0);
	CHECK_EQ(view.header.findings, 1);
	CHECK_EQ(view.header.schema, REPORT_SCHEMA_VERSION);
	CHECK_EQ(view.json_size, strlen(json));
	CHECK_STR(view.json, json);
	/* The CRC is over the blob with its own field zeroed. */
	CHECK_EQ(view.header.crc32, ({
		u8 *copy = malloc(size);
		u32 crc;

		memcpy(copy, blob, size);
		memset(copy + 24, 0, 4);
		crc = report_crc32(0, copy, size);
		free(copy);
		crc;
	}));
	/* Trailing bytes after total_size are not the blob's concern. */
	CHECK_EQ(report_blob_check(blob, size + 16, NULL), REPORT_BLOB_VALID);
	free(blob);
	free(json);
	scenario_free(s);
}

TEST(blob_write_refuses_small_buffer)
{
	struct plain *p = calloc(1, sizeof(*p));
	u64 n;
	u8 *buf;

	plain_boot(p);
	n = report_blob_size(&p->in);
	buf = calloc(1, n);
	CHECK(n > 64);
	CHECK_EQ(report_blob_write(buf, n - 1, &p->in), 0);
	CHECK_EQ(report_blob_write(buf, n, &p->in), n);
	/* Input grew between sizing and writing: refused, not overrun. */
	timeline_mark(&p->tl, "late", 2000);
	CHECK_EQ(report_blob_write(buf, n, &p->in), 0);
	free(buf);
	free(p);
}

/* Every single-bit flip anywhere in the blob is detected. */
TEST(blob_detects_every_bit_flip)
{
	struct odd *o = calloc(1, sizeof(*o));
	u64 size, i, missed = 0;
	u8 *blob;
	int bit;

	odd_model(o);
	blob = make_blob(&o->in, &size);
	CHECK_EQ(report_blob_check(blob, size, NULL), REPORT_BLOB_VALID);
	for (i = 0; i < size; i++) {
		for (bit = 0; bit < 8; bit++) {
			blob[i] ^= 1u << bit;
			if (report_blob_check(blob, size, NULL) ==
			    REPORT_BLOB_VALID)
				missed++;
			blob[i] ^= 1u << bit;
		}
	}
	CHECK_EQ(missed, 0);
	CHECK_EQ(report_blob_check(blob, size, NULL), REPORT_BLOB_VALID);
	free(blob);
	free(o);
}

/* Re-seals a modified blob so that the check reaches later stages. */
static void reseal(u8 *blob, u64 size)
{
	u32 crc;

	memset(blob + 24, 0, 4);
	crc = report_crc32(0, blob, size);
	memcpy(blob + 24, &crc, 4);
}

TEST(blob_check_statuses)
{
	struct plain *p = calloc(1, sizeof(*p));
	struct report_blob_header h;
	u64 size;
	u8 *blob, *copy;

	plain_boot(p);
	blob = make_blob(&p->in, &size);
	copy = malloc(size);
	memcpy(&h, blob, sizeof(h));
	CHECK_EQ(h.flags, REPORT_BLOB_OK);

	CHECK_EQ(report_blob_check(blob, 63, NULL), REPORT_BLOB_TOO_SHORT);
	CHECK_EQ(report_blob_check(blob, size - 1, NULL),
		 REPORT_BLOB_BAD_SIZE);

	memcpy(copy, blob, size);
	copy[0] = 'b';
	CHECK_EQ(report_blob_check(copy, size, NULL), REPORT_BLOB_BAD_MAGIC);

	memcpy(copy, blob, size);
	copy[8] = 2;
	CHECK_EQ(report_blob_check(copy, size, NULL),
		 REPORT_BLOB_BAD_VERSION);

	/* Non-zero padding after the NUL, even with a matching CRC. */
	memcpy(copy, blob, size);
	copy[size - 1] = 'x';
	reseal(copy, size);
	CHECK_EQ(report_blob_check(copy, size, NULL), REPORT_BLOB_BAD_LAYOUT);

	/* json_size disagreeing with total_size. */
	memcpy(copy, blob, size);
	copy[48] ^= 8;
	reseal(copy, size);
	CHECK_EQ(report_blob_check(copy, size, NULL), REPORT_BLOB_BAD_LAYOUT);

	memcpy(copy, blob, size);
	copy[56] = 1;	/* reserved */
	reseal(copy, size);
	CHECK_EQ(report_blob_check(copy, size, NULL), REPORT_BLOB_BAD_LAYOUT);

	memcpy(copy, blob, size);
	copy[100] ^= 0x20;
	CHECK_EQ(report_blob_check(copy, size, NULL), REPORT_BLOB_BAD_CRC);

	/* Damaged JSON with a valid CRC: the structure check catches it. */
	memcpy(copy, blob, size);
	CHECK_EQ(copy[64], '{');
	copy[64] = '[';
	reseal(copy, size);
	CHECK_EQ(report_blob_check(copy, size, NULL), REPORT_BLOB_BAD_JSON);

	memcpy(copy, blob, size);
	copy[70] = '\0';
	reseal(copy, size);
	CHECK_EQ(report_blob_check(copy, size, NULL), REPORT_BLOB_BAD_JSON);

	CHECK_STR(report_blob_status_name(REPORT_BLOB_BAD_CRC), "bad crc");
	free(copy);
	free(blob);
	free(p);
}

/* ---- hostile models: random bytes everywhere except the storage ---- */

static u64 fuzz_state = 0x2545f4914f6cdd1dULL;

static u64 fuzz_rng(void)
{
	fuzz_state ^= fuzz_state << 13;
	fuzz_state ^= fuzz_state >> 7;
	fuzz_state ^= fuzz_state << 17;
	return fuzz_state;
}

static void fuzz_fill(void *p, size_t len)
{
	u8 *b = p;

	while (len--)
		*b++ = (u8)fuzz_rng();
}

static void null_sink(void *ctx, const char *s, size_t len)
{
	*(u64 *)ctx += len;
}

static void null_line(void *ctx, const char *text)
{
	*(u64 *)ctx += strlen(text) + 1;
	if (strchr(text, '\n') || strlen(text) >= 512)
		CHECK_FAIL("bad line \"%s\"", text);
}

#define FUZZ_BOOL()	((bool)(fuzz_rng() & 1))

/* Random bytes are not valid bools or enums: give those valid values. */
static void fuzz_fix_types(struct model_session *sessions,
			   struct model_file *files,
			   struct model_memfd *memfds, struct handover_model *m)
{
	u32 i;

	m->kho = fuzz_rng() % (KHO_VERSION_UNKNOWN + 1);
	m->v1_variant = fuzz_rng() % 3;
	m->v1_detection.variant = fuzz_rng() % 3;
	m->v1_detection.evidence = fuzz_rng() % 5;
	m->luo = fuzz_rng() % (LUO_VERSION_UNKNOWN + 1);
	m->session_format = fuzz_rng() % 4;
	m->memfd = fuzz_rng() % 3;
	m->profile = fuzz_rng() % PROFILE_COUNT;
	m->luo_has_flb_node = FUZZ_BOOL();
	m->scratch_truncated = FUZZ_BOOL();
	m->map_pages_truncated = FUZZ_BOOL();
	m->subtrees_truncated = FUZZ_BOOL();
	m->sessions_truncated = FUZZ_BOOL();
	m->flbs_truncated = FUZZ_BOOL();
	m->reserve_mem_truncated = FUZZ_BOOL();
	m->metadata.present = FUZZ_BOOL();
	m->preserved.sorted = FUZZ_BOOL();
	for (i = 0; i < MODEL_SUBTREE_MAX; i++) {
		m->subtrees[i].has_size = FUZZ_BOOL();
		m->subtrees[i].known = FUZZ_BOOL();
	}
	for (i = 0; i < 8; i++) {
		sessions[i].files_truncated = FUZZ_BOOL();
		memfds[i].folios_truncated = FUZZ_BOOL();
		memfds[i].version = fuzz_rng() % 3;
		files[i].memfd = (s32)(fuzz_rng() % 12) - 2;
		/* Indices mostly inside the storage, sometimes beyond. */
		sessions[i].file_first %= 10;
		sessions[i].file_count %= 10;
		memfds[i].folio_first %= 20;
		memfds[i].folio_count %= 20;
	}
	m->file_count %= 10;
	m->memfd_count %= 10;
	m->folio_count %= 20;
	m->scratch_count %= MODEL_SCRATCH_MAX + 4;
	m->subtree_count %= MODEL_SUBTREE_MAX + 4;
	m->flb_count %= LUO_FLB_MAX + 4;
	m->reserve_mem_count %= RESERVE_MEM_MAX + 4;
}

/*
 * Each array is its own allocation so that ASan catches any read past
 * the storage a model describes.
 */
TEST(random_models_render_safely)
{
	struct handover_model *m = malloc(sizeof(*m));
	struct model_session *sessions = malloc(8 * sizeof(*sessions));
	struct model_file *files = malloc(8 * sizeof(*files));
	struct model_memfd *memfds = malloc(8 * sizeof(*memfds));
	struct model_folio *folios = malloc(16 * sizeof(*folios));
	struct finding *items = malloc(4 * sizeof(*items));
	struct finding_list *findings = malloc(sizeof(*findings));
	struct report_timeline *tl = malloc(sizeof(*tl));
	struct report_memory *mem = malloc(sizeof(*mem));
	struct boot_info *bi = malloc(sizeof(*bi));
	int iter, i;

	for (iter = 0; iter < 300; iter++) {
		struct report_input in = { .baton_version = "fuzz" };
		struct capture c = { 0 };
		u64 human = 0, counted = 0, size;
		u8 *blob;

		fuzz_fill(m, sizeof(*m));
		fuzz_fill(sessions, 8 * sizeof(*sessions));
		fuzz_fill(files, 8 * sizeof(*files));
		fuzz_fill(memfds, 8 * sizeof(*memfds));
		fuzz_fill(folios, 16 * sizeof(*folios));
		fuzz_fill(items, 4 * sizeof(*items));
		fuzz_fill(findings, sizeof(*findings));
		fuzz_fill(tl, sizeof(*tl));
		fuzz_fill(mem, sizeof(*mem));
		fuzz_fill(bi, sizeof(*bi));
		m->sessions = sessions;
		m->sessions_cap = fuzz_rng() % 9;
		m->files = files;
		m->files_cap = fuzz_rng() % 9;
		m->memfds = memfds;
		m->memfds_cap = fuzz_rng() % 9;
		m->folios = folios;
		m->folios_cap = fuzz_rng() % 17;
		m->session_count %= 12;
		fuzz_fix_types(sessions, files, memfds, m);
		for (i = 0; i < 4; i++) {
			items[i].code = fuzz_rng() % FINDING_CODE_COUNT;
			items[i].severity = fuzz_rng() % FINDING_SEVERITY_COUNT;
		}
		findings->items = items;
		findings->capacity = 4;
		findings->count %= 6;
		tl->count %= 30;
		bi->protocol = fuzz_rng() % 3;
		bi->setup_data_truncated = FUZZ_BOOL();
		bi->cmdline_truncated = FUZZ_BOOL();
		bi->kho.present = FUZZ_BOOL();
		bi->e820_count %= BOOT_E820_MAX + 4;
		bi->setup_data_count %= BOOT_SETUP_DATA_MAX + 4;
		in.model = m;
		in.findings[0] = findings;
		in.timeline = (iter & 1) ? tl : NULL;
		in.memory = (iter & 2) ? mem : NULL;
		in.boot = (iter & 4) ? bi : NULL;

		report_human(&in, null_line, &human);
		capture_sink(&c, "", 0);
		report_json(&in, capture_sink, &c, iter & 1);
		if (!json_validate(c.buf, c.len))
			CHECK_FAIL("iteration %d: invalid JSON", iter);
		report_json(&in, null_sink, &counted, iter & 1);
		CHECK_EQ(counted, c.len);
		free(c.buf);
		size = report_blob_size(&in);
		blob = malloc(size);
		CHECK_EQ(report_blob_write(blob, size, &in), size);
		CHECK_EQ(report_blob_check(blob, size, NULL), REPORT_BLOB_VALID);
		free(blob);
		CHECK(human > 0);
	}
	free(m);
	free(sessions);
	free(files);
	free(memfds);
	free(folios);
	free(items);
	free(findings);
	free(tl);
	free(mem);
	free(bi);
}
