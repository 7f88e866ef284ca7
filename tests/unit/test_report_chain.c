// SPDX-License-Identifier: MIT
/*
 * The report's chain section: the ABI precheck's human line and its JSON
 * member, exact, for a match, a refusal, an unreadable version and a
 * rejected kernel.
 */
#include "text_sink.h"
#include <report/json_writer.h>
#include <report/report.h>

static uint8_t img[0x8000];
static struct handover_model model;
static struct finding storage[4];
static struct finding_list findings;
static struct chain_precheck pc;

static void put16(size_t off, uint16_t v)
{
	memcpy(img + off, &v, 2);
}

static void image(const char *version, bool relocatable)
{
	uint32_t v32;

	memset(img, 0, sizeof(img));
	img[0x1f1] = 27;
	put16(0x1fe, 0xaa55);
	img[0x201] = 0x6a;
	memcpy(img + 0x202, "HdrS", 4);
	put16(0x206, 0x020f);
	img[0x211] = 0x01;
	v32 = 0x200000;
	memcpy(img + 0x230, &v32, 4);
	img[0x234] = relocatable;
	put16(0x236, 0x7f);
	v32 = 0x100000;
	memcpy(img + 0x260, &v32, 4);
	if (version) {
		put16(0x20e, 0x3000 - 0x200);
		strcpy((char *)img + 0x3000, version);
	}
}

static void precheck(const char *version, bool relocatable,
		     enum chain_mode mode)
{
	struct chain_precheck_input in = {
		.kernel = img, .kernel_size = sizeof(img), .model = &model,
		.mode = mode,
	};

	model_init(&model, NULL);
	model.kho = KHO_VERSION_V4;
	model.luo = LUO_VERSION_V5;
	model.memfd = MEMFD_VERSION_V2;
	model.memfd_seen = 1U << MEMFD_VERSION_V2;
	image(version, relocatable);
	finding_list_init(&findings, storage, ARRAY_SIZE(storage));
	chain_abi_precheck(&in, &pc, &findings);
}

struct text {
	struct text_sink json;
	char chain_line[256];
};

static void line(void *ctx, const char *s)
{
	struct text *t = ctx;

	if (!strncmp(s, "chain: ", 7))
		snprintf(t->chain_line, sizeof(t->chain_line), "%s", s);
}

/* The "chain" member alone, from the compact JSON. */
static void render(struct text *t, char *member, size_t size)
{
	struct report_input in = {
		.baton_version = "t", .chain = &pc,
		.findings = { &findings },
	};

	memset(t, 0, sizeof(*t));
	report_json(&in, text_sink, &t->json, false);
	CHECK(json_validate(t->json.text, t->json.len));
	text_sink_member(&t->json, "\"chain\":", ",\"findings\":", member,
			 size);
	CHECK(member[0] != '\0');
	report_human(&in, line, t);
}

TEST(match_section)
{
	struct text t;
	char member[1024];

	precheck("7.2.0 (b@h) #1", true, CHAIN_MODE_ON_CLEAN);
	render(&t, member, sizeof(member));
	CHECK_STR(t.chain_line, "chain: next kernel 7.2.0 speaks kho-v4 luo-v5 memfd-v2: matches handover");
	CHECK_STR(member, "\"chain\":{\"result\":\"match\",\"refused\":false,"
		  "\"version_read\":\"ok\",\"kernel_version\":\"7.2.0 (b@h) #1\","
		  "\"release\":\"7.2.0\",\"release_number\":{\"major\":7,"
		  "\"minor\":2,\"patch\":0},\"speaks\":{\"kho\":\"kho-v4\","
		  "\"luo\":\"luo-v5\",\"memfd\":\"memfd-v2\"},"
		  "\"handover\":{\"kho\":\"kho-v4\",\"luo\":\"luo-v5\","
		  "\"memfd\":[\"memfd-v2\"]},\"text\":\"next kernel 7.2.0 speaks "
		  "kho-v4 luo-v5 memfd-v2: matches handover\"}");
}

TEST(refused_section)
{
	struct text t;
	char member[1024];

	precheck("6.1.0-27-amd64", true, CHAIN_MODE_ON_CLEAN);
	render(&t, member, sizeof(member));
	CHECK_STR(t.chain_line, "chain: next kernel 6.1.0-27-amd64 speaks no KHO (before 6.16): MISMATCH with handover kho-v4 luo-v5 memfd-v2, refused (on-clean)");
	CHECK_STR(member, "\"chain\":{\"result\":\"mismatch\",\"refused\":true,"
		  "\"version_read\":\"ok\",\"kernel_version\":\"6.1.0-27-amd64\","
		  "\"release\":\"6.1.0-27-amd64\",\"release_number\":{\"major\":6,"
		  "\"minor\":1,\"patch\":0},\"speaks\":{\"kho\":\"none\","
		  "\"luo\":\"none\",\"memfd\":\"none\"},"
		  "\"handover\":{\"kho\":\"kho-v4\",\"luo\":\"luo-v5\","
		  "\"memfd\":[\"memfd-v2\"]},\"text\":\"next kernel 6.1.0-27-amd64 "
		  "speaks no KHO (before 6.16): MISMATCH with handover kho-v4 "
		  "luo-v5 memfd-v2, refused (on-clean)\"}");
	CHECK(strstr(t.json.text, "{\"code\":\"E_CHAIN_ABI_MISMATCH\",\"severity\":\"error\",\"pa\":\"0x0\","));
}

TEST(baton_as_next_kernel)
{
	struct text t;
	char member[1024];

	precheck("baton", true, CHAIN_MODE_ON_CLEAN);
	render(&t, member, sizeof(member));
	CHECK_STR(t.chain_line, "chain: next kernel is baton (reads kho-v1..v4, luo-v1/v5, memfd-v1/v2): matches handover");
	CHECK_STR(member, "\"chain\":{\"result\":\"match\",\"refused\":false,"
		  "\"version_read\":\"ok\",\"kernel_version\":\"baton\","
		  "\"release\":\"baton\",\"release_number\":null,"
		  "\"speaks\":{\"kho\":\"any\",\"luo\":\"any\","
		  "\"memfd\":\"any\"},\"handover\":{\"kho\":\"kho-v4\","
		  "\"luo\":\"luo-v5\",\"memfd\":[\"memfd-v2\"]},"
		  "\"text\":\"next kernel is baton (reads kho-v1..v4, "
		  "luo-v1/v5, memfd-v1/v2): matches handover\"}");
	CHECK_EQ(findings.count, 0);
}

TEST(unreadable_and_rejected_sections)
{
	struct text t;
	char member[1024];

	precheck(NULL, true, CHAIN_MODE_ON);
	render(&t, member, sizeof(member));
	CHECK_STR(member, "\"chain\":{\"result\":\"unchecked\",\"refused\":false,"
		  "\"version_read\":\"no kernel_version (0)\","
		  "\"kernel_version\":null,\"release\":null,"
		  "\"release_number\":null,\"speaks\":null,"
		  "\"handover\":{\"kho\":\"kho-v4\",\"luo\":\"luo-v5\","
		  "\"memfd\":[\"memfd-v2\"]},\"text\":\"next kernel version "
		  "unreadable (no kernel_version (0)): not checked against "
		  "handover kho-v4 luo-v5 memfd-v2\"}");

	precheck("7.2.0", false, CHAIN_MODE_ON);
	render(&t, member, sizeof(member));
	CHECK_STR(t.chain_line, "chain: next kernel rejected by the bzImage probe");
	CHECK_STR(member, "\"chain\":{\"result\":\"rejected\",\"refused\":false,"
		  "\"version_read\":null,\"kernel_version\":null,"
		  "\"release\":null,\"release_number\":null,\"speaks\":null,"
		  "\"handover\":null,\"text\":\"next kernel rejected by the "
		  "bzImage probe\"}");
}
