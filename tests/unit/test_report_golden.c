// SPDX-License-Identifier: MIT
/*
 * baton's human and JSON reports of the real Linux 7.2 vector sets, byte
 * for byte against tests/golden/. A refactor must leave them unchanged; a
 * deliberate change of the report regenerates them with
 * BATON_GOLDEN_UPDATE=1 and shows up in the diff of the golden files.
 */
#include "check.h"
#include "vectors_load.h"
#include <report/report.h>

#define GOLDEN_DIR	"tests/golden/"

struct text {
	char *buf;
	size_t len, cap;
};

static void text_append(struct text *t, const char *s, size_t len)
{
	if (t->len + len + 1 > t->cap) {
		t->cap = (t->len + len + 1) * 2;
		t->buf = realloc(t->buf, t->cap);
	}
	memcpy(t->buf + t->len, s, len);
	t->len += len;
	t->buf[t->len] = '\0';
}

static void human_line(void *ctx, const char *line)
{
	text_append(ctx, line, strlen(line));
	text_append(ctx, "\n", 1);
}

static void json_chunk(void *ctx, const char *s, size_t len)
{
	text_append(ctx, s, len);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n + 1);
	*len = fread(buf, 1, n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* Compares (or, with BATON_GOLDEN_UPDATE=1, rewrites) one golden file. */
static void check_golden(const char *name, const struct text *got)
{
	char path[256];
	size_t len, i, line = 1;
	char *want;

	snprintf(path, sizeof(path), GOLDEN_DIR "%s", name);
	if (getenv("BATON_GOLDEN_UPDATE")) {
		FILE *f = fopen(path, "wb");

		CHECK(f && fwrite(got->buf, 1, got->len, f) == got->len);
		if (f)
			fclose(f);
		return;
	}
	want = read_all(path, &len);
	if (!want) {
		CHECK_FAIL("%s missing (BATON_GOLDEN_UPDATE=1 writes it)", path);
		return;
	}
	for (i = 0; i < len && i < got->len && want[i] == got->buf[i]; i++)
		line += want[i] == '\n';
	if (i != len || len != got->len)
		CHECK_FAIL("%s differs at byte %zu (line %zu): got %zu bytes, golden %zu",
			   path, i, line, got->len, len);
	free(want);
}

static void golden_set(const char *set)
{
	struct vector_set *v = calloc(1, sizeof(*v));
	struct report_input in = { .baton_version = "golden" };
	struct text human = { 0 }, json = { 0 };
	char dir[128], name[128];

	snprintf(dir, sizeof(dir), "tests/vectors/%s/", set);
	CHECK(vector_set_load(v, dir));
	vector_set_parse(v);
	in.model = &v->m;
	in.findings[0] = &v->findings;
	report_human(&in, human_line, &human);
	report_json(&in, json_chunk, &json, true);
	snprintf(name, sizeof(name), "%s.txt", set);
	check_golden(name, &human);
	snprintf(name, sizeof(name), "%s.json", set);
	check_golden(name, &json);
	free(human.buf);
	free(json.buf);
	vector_set_free(v);
	free(v);
}

TEST(golden_linux_7_2)
{
	golden_set("linux-7.2");
}

TEST(golden_linux_7_2_many)
{
	golden_set("linux-7.2-many");
}

TEST(golden_linux_7_2_flb)
{
	golden_set("linux-7.2-flb");
}
