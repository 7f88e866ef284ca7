// SPDX-License-Identifier: MIT
/*
 * The report's bridge section (docs/bridge.md): the human line and the
 * JSON member, exact, for a bridged 7.0 handover; neither appears when
 * nothing was bridged.
 */
#include "text_sink.h"
#include <report/json_writer.h>
#include <report/report.h>

static struct finding storage[4];
static struct finding_list findings;

static const struct bridge_result bridged_7_0 = {
	.bridged = true, .from = PROFILE_7_0, .from_kho = KHO_VERSION_V2,
	.from_luo = LUO_VERSION_V1, .from_memfd = MEMFD_VERSION_V1,
	.fdt_pa = 0x100000, .fdt_size = 4096, .map_root = 0x10b000,
	.session_blocks = 1, .file_blocks = 2, .memfds_rewritten = 4,
	.metadata_synthesized = true, .pages_written = 11, .map_pages = 20,
	.entries_dropped = 10, .bytes_freed = 110592, .old_map_pages = 28,
};

struct text {
	struct text_sink json;
	char bridge_line[512];
	unsigned int bridge_lines;
};

static void line(void *ctx, const char *s)
{
	struct text *t = ctx;

	if (!strncmp(s, "bridge: ", 8)) {
		snprintf(t->bridge_line, sizeof(t->bridge_line), "%s", s);
		t->bridge_lines++;
	}
}

/* The "bridge" member alone (empty when absent), from the compact JSON. */
static void render(struct text *t, const struct bridge_result *b,
		   char *member, size_t size)
{
	struct report_input in = {
		.baton_version = "t", .bridge = b, .findings = { &findings },
	};

	finding_list_init(&findings, storage, ARRAY_SIZE(storage));
	memset(t, 0, sizeof(*t));
	report_json(&in, text_sink, &t->json, false);
	CHECK(json_validate(t->json.text, t->json.len));
	text_sink_member(&t->json, "\"bridge\":", ",\"chain\":", member, size);
	report_human(&in, line, t);
}

TEST(bridged_section)
{
	struct text t;
	char member[1024];

	render(&t, &bridged_7_0, member, sizeof(member));
	CHECK_EQ(t.bridge_lines, 1);
	CHECK_STR(t.bridge_line, "bridge: 7.0 (kho-v2 luo-v1 memfd-v1) -> kho-v4 luo-v5 memfd-v2: 11 descriptor pages written (1 session blocks, 2 file blocks, 4 memfd-v2 descriptors, kexec-metadata written), 20 map pages; 10 old descriptors dropped, 110592 bytes freed");
	CHECK_STR(member, "\"bridge\":{\"from_profile\":\"7.0\","
		  "\"from\":{\"kho\":\"kho-v2\",\"luo\":\"luo-v1\","
		  "\"memfd\":\"memfd-v1\"},\"to\":{\"kho\":\"kho-v4\","
		  "\"luo\":\"luo-v5\",\"memfd\":\"memfd-v2\"},"
		  "\"kho_fdt\":\"0x100000\",\"map_root\":\"0x10b000\","
		  "\"written\":{\"descriptor_pages\":11,\"session_blocks\":1,"
		  "\"file_blocks\":2,\"memfd_descriptors\":4,\"metadata\":true,"
		  "\"map_pages\":20},\"freed\":{\"entries\":10,"
		  "\"bytes\":110592,\"old_map_pages\":28}}");
}

TEST(no_bridge_no_section)
{
	struct text t;
	char member[1024];

	render(&t, NULL, member, sizeof(member));
	CHECK_EQ(t.bridge_lines, 0);
	CHECK(!strstr(t.json.text, "\"bridge\""));
	CHECK_STR(member, "");
}
