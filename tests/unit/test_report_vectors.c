// SPDX-License-Identifier: MIT
/*
 * The report of real Linux 7.2 bytes: the golden vectors of
 * tests/vectors/linux-7.2 are put back at their physical addresses, parsed
 * and reported. The expected session and file lines are derived from the
 * capture's index.txt, so a recapture (new addresses) keeps this test valid.
 */
#include "check.h"
#include <luo/host_arena.h>
#include <luo/handover.h>
#include <report/json_writer.h>
#include <report/report.h>

#define VECTORS		"tests/vectors/linux-7.2/"
#define ARENA_BASE	0x1000000ULL
#define ARENA_SIZE	0x1000000ULL
#define SCRATCH_BASE	ARENA_BASE	/* fabricated: not in the capture */
#define SCRATCH_SIZE	0x400000ULL

struct vectors {
	struct host_arena arena;
	struct handover_config cfg;
	struct model_storage st;
	struct handover_model m;
	struct finding items[64];
	struct finding_list findings;
	char expected[64][512];
	u32 expected_count;
	char lines[256][512];
	u32 line_count;
};

static bool load_file(struct vectors *v, const char *name, u64 pa, u64 len)
{
	char path[256];
	FILE *f;
	size_t got;

	if (pa < ARENA_BASE || pa + len > ARENA_BASE + ARENA_SIZE)
		return false;
	snprintf(path, sizeof(path), VECTORS "%s", name);
	f = fopen(path, "rb");
	if (!f)
		return false;
	got = fread(v->arena.mem + (pa - ARENA_BASE), 1, len, f);
	fclose(f);
	return got == len;
}

static u32 memfd_flags_at(struct vectors *v, u64 pa)
{
	u32 flags;

	memcpy(&flags, v->arena.mem + (pa - ARENA_BASE) + 20, sizeof(flags));
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

/* Puts every captured structure at its physical address. */
static void place_structures(struct vectors *v, FILE *f, u64 *fdt_pa)
{
	char text[512], name[128];
	unsigned long long pa, len;

	rewind(f);
	while (fgets(text, sizeof(text), f)) {
		if (text[0] == '#' ||
		    sscanf(text, "%127s %llx %llu", name, &pa, &len) != 3)
			continue;
		/* Content files are rebuilt from scattered folio pages. */
		if (strstr(name, "-data.bin"))
			continue;
		if (!load_file(v, name, pa, len))
			CHECK_FAIL("cannot place %s at %#llx", name, pa);
		if (strcmp(name, "kho-fdt.dtb") == 0)
			*fdt_pa = pa;
	}
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

static void read_index(struct vectors *v, u64 *fdt_pa)
{
	FILE *f = fopen(VECTORS "index.txt", "r");

	CHECK(f != NULL);
	if (!f)
		return;
	place_structures(v, f, fdt_pa);
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
	struct kho_scratch_ser area = { SCRATCH_BASE, SCRATCH_SIZE };
	struct report_input in = { .baton_version = "vectors" };
	struct json_buffer json = { 0 };
	u64 fdt_pa = 0, json_size = 0;
	u32 i, j;

	CHECK(host_arena_init(&v->arena, ARENA_BASE, ARENA_SIZE));
	read_index(v, &fdt_pa);
	CHECK(fdt_pa != 0);
	CHECK(v->expected_count >= 8);
	/* The capture has no scratch array: one area below its data. */
	memcpy(v->arena.mem, &area, sizeof(area));
	v->cfg = (struct handover_config){
		.view = &v->arena.view,
		.kho = {
			.present = true,
			.setup_data_pa = SCRATCH_BASE + PAGE_SIZE,
			.len = sizeof(struct kho_data_ser),
			.fdt_addr = fdt_pa,
			.fdt_size = PAGE_SIZE,
			.scratch_addr = SCRATCH_BASE,
			.scratch_size = sizeof(area),
		},
	};
	v->st = (struct model_storage){
		.sessions = calloc(64, sizeof(struct model_session)),
		.sessions_cap = 64,
		.files = calloc(64, sizeof(struct model_file)),
		.files_cap = 64,
		.memfds = calloc(64, sizeof(struct model_memfd)),
		.memfds_cap = 64,
		.folios = calloc(1024, sizeof(struct model_folio)),
		.folios_cap = 1024,
		.preserved = calloc(4096, sizeof(u64)),
		.preserved_cap = 4096,
		.map_pages = calloc(64, sizeof(u64)),
		.map_pages_cap = 64,
		.map_visit = calloc(128, sizeof(u64)),
		.map_visit_slots = 128,
		.luo_visit = calloc(16384, sizeof(u64)),
		.luo_visit_slots = 16384,	/* 4096 + 64 + 1024 keys */
	};
	finding_list_init(&v->findings, v->items, ARRAY_SIZE(v->items));
	handover_parse(&v->cfg, &v->st, &v->m, &v->findings);

	in.model = &v->m;
	in.findings[0] = &v->findings;
	report_human(&in, collect, v);
	CHECK(has_line(v, "kho: this handover looks like Linux 7.2 (kho-v4, luo-v5, memfd-v2)"));
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
	CHECK(strstr(json.buf, "\"profile\": \"7.2\"") != NULL);

	free(json.buf);
	free(v->st.sessions);
	free(v->st.files);
	free(v->st.memfds);
	free(v->st.folios);
	free(v->st.preserved);
	free(v->st.map_pages);
	free(v->st.map_visit);
	free(v->st.luo_visit);
	host_arena_free(&v->arena);
	free(v);
}
