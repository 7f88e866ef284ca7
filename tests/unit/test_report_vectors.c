// SPDX-License-Identifier: MIT
/*
 * The report of real Linux 7.2 bytes: the golden vectors of
 * tests/vectors/linux-7.2 are put back at their physical addresses, parsed
 * and reported. The expected session and file lines are derived from the
 * capture's index.txt, so a recapture (new addresses) keeps this test valid.
 */
#include "check.h"
#include "vectors_load.h"
#include <report/json_writer.h>
#include <report/report.h>

#define VECTORS		"tests/vectors/linux-7.2/"

struct vectors {
	struct vector_set set;
	char expected[64][512];
	u32 expected_count;
	char lines[256][512];
	u32 line_count;
};

static u32 memfd_flags_at(struct vectors *v, u64 pa)
{
	u32 flags;

	memcpy(&flags, v->set.arena.mem + (pa - VECTORS_ARENA_BASE) + 20,
	       sizeof(flags));
	return flags;
}

static void seal_names(u64 seals, char *buf, size_t size)
{
	static const char *const names[] = {
		"seal", "shrink", "grow", "write", "future-write", "exec",
	};
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < 6; i++)
		if (seals & (1u << i))
			len += snprintf(buf + len, size - len, "%s%s",
					len ? "," : "", names[i]);
	if (!len)
		snprintf(buf, size, "none");
}

/* One "# file" comment of index.txt -> the report's file line. */
static void expect_file(struct vectors *v, const char *text)
{
	unsigned long long token, data, pos, size, seals, nr;
	char session[80], compat[64], names[96], orders[32];

	if (sscanf(text, "# file %79s token=%llu compatible=%63s data=%llx "
		   "pos=%llu size=%llu seals=%llx nr_folios=%llu", session,
		   &token, compat, &data, &pos, &size, &seals, &nr) != 8) {
		CHECK_FAIL("index line not understood: %s", text);
		return;
	}
	seal_names(seals, names, sizeof(names));
	if (nr)
		snprintf(orders, sizeof(orders), "0:%llu", nr);
	else
		snprintf(orders, sizeof(orders), "-");
	snprintf(v->expected[v->expected_count++], sizeof(v->expected[0]),
		 "luo:   file token 0x%llx %s size 0x%llx pos 0x%llx seals 0x%llx (%s) flags 0x%x folios %llu orders %s data 0x%016llx",
		 token, compat, size, pos, seals, names,
		 memfd_flags_at(v, data), nr, orders, data);
}

/* The "# session" and "# file" comments, in order, as report lines. */
static void expect_lines(struct vectors *v, FILE *f)
{
	char text[512], session[80];
	unsigned long long files;

	rewind(f);
	while (fgets(text, sizeof(text), f) &&
	       v->expected_count < ARRAY_SIZE(v->expected)) {
		text[strcspn(text, "\n")] = '\0';
		if (sscanf(text, "# session %79s files_pa=%*x count=%llu",
			   session, &files) == 2)
			snprintf(v->expected[v->expected_count++],
				 sizeof(v->expected[0]),
				 "luo: session \"%s\" files %llu", session,
				 files);
		else if (strncmp(text, "# file ", 7) == 0 &&
			 strstr(text, " token="))
			expect_file(v, text);
	}
}

static void read_index(struct vectors *v)
{
	FILE *f = fopen(VECTORS "index.txt", "r");

	CHECK(f != NULL);
	if (!f)
		return;
	expect_lines(v, f);	/* reads the placed memfd flags */
	fclose(f);
}

static void collect(void *ctx, const char *text)
{
	struct vectors *v = ctx;

	if (v->line_count < ARRAY_SIZE(v->lines))
		snprintf(v->lines[v->line_count++], sizeof(v->lines[0]), "%s",
			 text);
}

static bool has_line(const struct vectors *v, const char *text)
{
	u32 i;

	for (i = 0; i < v->line_count; i++)
		if (strcmp(v->lines[i], text) == 0)
			return true;
	return false;
}

static void json_length(void *ctx, const char *s, size_t len)
{
	*(u64 *)ctx += len;
}

struct json_buffer {
	char *buf;
	size_t len;
};

static void json_keep(void *ctx, const char *s, size_t len)
{
	struct json_buffer *b = ctx;

	memcpy(b->buf + b->len, s, len);
	b->len += len;
	b->buf[b->len] = '\0';
}

TEST(report_of_real_linux_7_2)
{
	struct vectors *v = calloc(1, sizeof(*v));
	struct report_input in = { .baton_version = "vectors" };
	struct json_buffer json = { 0 };
	u64 json_size = 0;
	u32 i, j;

	CHECK(vector_set_load(&v->set, VECTORS));
	read_index(v);
	CHECK(v->expected_count >= 8);
	vector_set_parse(&v->set);

	in.model = &v->set.m;
	in.findings[0] = &v->set.findings;
	report_human(&in, collect, v);
	/* the writer's release from kexec-metadata, not the content profile */
	CHECK(has_line(v, "kho: written by 7.2.13 (kexec-metadata): kho-v4, luo-v5, memfd-v2"));
	CHECK(has_line(v, "kho: scratch 0 [mem 0x0000000001000000-0x00000000013fffff] size 0x400000"));
	CHECK(has_line(v, "kexec-metadata: version 1 previous_release \"7.2.13\" kexec_count 1"));
	CHECK(has_line(v, "luo: flb list truncated") == false);
	CHECK(has_line(v, "baton: handover OK (0 errors, 0 warnings)"));
	/* Session and file lines, in index order and consecutive. */
	for (i = 0; i < v->line_count; i++)
		if (strcmp(v->lines[i], v->expected[0]) == 0)
			break;
	for (j = 0; j < v->expected_count; j++)
		if (i + j >= v->line_count ||
		    strcmp(v->lines[i + j], v->expected[j]) != 0)
			CHECK_FAIL("line %u:\n    got      \"%s\"\n    expected \"%s\"",
				   i + j, i + j < v->line_count ?
				   v->lines[i + j] : "(none)",
				   v->expected[j]);
	if (check_failed)
		for (i = 0; i < v->line_count; i++)
			fprintf(stderr, "    | %s\n", v->lines[i]);

	report_json(&in, json_length, &json_size, true);
	json.buf = malloc(json_size + 1);
	report_json(&in, json_keep, &json, true);
	CHECK_EQ(json.len, json_size);
	CHECK(json_validate(json.buf, json.len));
	CHECK(strstr(json.buf, "\"token\": \"0xffffffffffffffff\"") != NULL);
	CHECK(strstr(json.buf, "\"seal_names\": [\"shrink\", \"grow\", \"write\"]") != NULL);
	CHECK(strstr(json.buf, "\"profile\": \"7.2/7.3\",\n    \"written_by\": \"7.2.13\"") != NULL);

	free(json.buf);
	vector_set_free(&v->set);
	free(v);
}
