/*
 * verify's whole-handover timeline, printed as TIMELINE lines and, with
 * `--timeline FILE.json [--svg FILE.svg]`, written to files. T0 comes from
 * the manifest, T3 is verify's start, T1/T2 and baton's phases from
 * baton's report blob (KHO subtree `baton` or setup_data type 0), if any, the next kernel's
 * milestones from kmsg_marks.c; baton's JSON/SVG writers (host/timeline/).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <baton/tsc.h>
#include <host/timeline/handover_timeline.h>

#include "agent.h"

#define SETUP_DATA_DIR		"/sys/kernel/boot_params/setup_data"
#define KHO_REPORT_PATH		"/sys/kernel/debug/kho/in/sub_fdts/baton"
#define BLOB_HEADER_SIZE	64
#define BLOB_MAX		(64u << 20)	/* baton's report at host scale: ~21 MB */

/* Past the end of the JSON string starting at p (just after its quote). */
static const char *skip_string(const char *p)
{
	while (*p && *p != '"')
		p += (*p == '\\' && p[1]) ? 2 : 1;
	return *p ? p + 1 : p;
}

/*
 * The value of member `key` of the object or array starting at p (its
 * opening bracket), at that nesting level only; NULL if absent.
 */
static const char *member(const char *p, const char *key)
{
	size_t key_len = strlen(key);
	int depth = 0;

	for (; *p; p++) {
		if (*p == '"') {
			const char *start = p + 1;

			p = skip_string(start) - 1;
			if (depth == 1 && (size_t)(p - start) == key_len &&
			    !memcmp(start, key, key_len) && p[1] == ':')
				return p + 2;
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			if (--depth <= 0)
				return NULL;
		}
	}
	return NULL;
}

/* Copies a JSON string value (escapes other than \" \\ kept as is). */
static bool string_value(const char *p, char *out, size_t size)
{
	size_t n = 0;

	if (!p || *p != '"' || !size)
		return false;
	for (p++; *p && *p != '"'; p++) {
		if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		if (n + 1 < size)
			out[n++] = *p;
	}
	out[n] = '\0';
	return *p == '"';
}

static bool number_value(const char *p, uint64_t *out)
{
	char *end;

	if (!p)
		return false;
	if (*p == '"')		/* hex stamps are strings: "0x..." */
		p++;
	errno = 0;
	*out = strtoull(p, &end, 0);
	return end != p && !errno;
}

/* Fills T1, T2 and baton's phases from the report JSON's "timeline". */
static bool timeline_from_report(const char *json, struct handover_timeline *t)
{
	const char *tl = member(json, "timeline");
	const char *phases, *p;
	uint64_t start;
	int depth = 0;

	if (!tl || *tl != '{' || !number_value(member(tl, "start_tsc"), &start))
		return false;
	phases = member(tl, "phases");
	if (!phases || *phases != '[')
		return false;
	t->t1_tsc = start;
	for (p = phases; *p; p++) {
		if (*p == '"') {
			p = skip_string(p + 1) - 1;
		} else if (*p == '{' && depth == 1) {
			char name[HANDOVER_NAME_MAX];
			uint64_t tsc;

			if (string_value(member(p, "name"), name, sizeof(name)) &&
			    number_value(member(p, "tsc"), &tsc))
				handover_timeline_add_phase(t, name, tsc);
			depth++;
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			if (--depth <= 0)
				break;
		}
	}
	if (t->phase_count)
		t->t2_tsc = t->phases[t->phase_count - 1].tsc;
	return true;
}

static void *read_whole(const char *path, size_t *len)
{
	uint8_t *buf = malloc(BLOB_MAX + 1);
	ssize_t n;
	size_t used = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || !buf) {
		if (fd >= 0)
			close(fd);
		free(buf);
		return NULL;
	}
	while (used < BLOB_MAX &&
	       (n = read(fd, buf + used, BLOB_MAX - used)) > 0)
		used += (size_t)n;
	close(fd);
	buf[used] = 0;
	*len = used;
	return buf;
}

/* Reads a report blob file into t; false (with a TIMELINE line) if unusable. */
static bool timeline_from_blob(const char *path, const char *label,
			       struct handover_timeline *t)
{
	const char *json, *why;
	uint8_t *blob;
	size_t len;
	bool ok = false;

	blob = read_whole(path, &len);
	if (!blob)
		return false;
	json = report_blob_json(blob, len, &why);
	if (!json)
		printf("TIMELINE baton-report %s: %s\n", label, why);
	else if (!timeline_from_report(json, t))
		printf("TIMELINE baton-report %s: no timeline\n", label);
	else
		ok = true;
	free(blob);
	if (ok)
		printf("TIMELINE baton-report %s\n", label);
	return ok;
}

/* baton's report as a setup_data entry of type 0 (docs/chain.md). */
static bool setup_data_timeline(struct handover_timeline *t)
{
	DIR *dir = opendir(SETUP_DATA_DIR);
	struct dirent *de;
	bool found = false;

	if (!dir)
		return false;
	while (!found && (de = readdir(dir))) {
		char path[512], label[256], *type;
		size_t len;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%.200s/type", SETUP_DATA_DIR,
			 de->d_name);
		type = read_whole(path, &len);
		if (!type)
			continue;
		if (strtoull(type, NULL, 0) != 0) {
			free(type);
			continue;
		}
		free(type);
		snprintf(path, sizeof(path), "%s/%.200s/data", SETUP_DATA_DIR,
			 de->d_name);
		snprintf(label, sizeof(label), "setup_data/%.200s", de->d_name);
		found = timeline_from_blob(path, label, t);
	}
	closedir(dir);
	return found;
}

/*
 * Looks for baton's report: the KHO subtree `baton` (blob in the incoming
 * KHO debugfs), else a setup_data entry of type 0.
 */
static bool baton_report_timeline(struct handover_timeline *t)
{
	if (!access(KHO_REPORT_PATH, R_OK) &&
	    timeline_from_blob(KHO_REPORT_PATH, "kho/baton", t))
		return true;
	return setup_data_timeline(t);
}

static void file_sink(void *ctx, const char *s, size_t len)
{
	fwrite(s, 1, len, ctx);
}

static int write_file(const char *path, const struct handover_timeline *t,
		      int (*writer)(const struct handover_timeline *,
				    print_sink_fn, void *))
{
	FILE *f = fopen(path, "w");
	int rc;

	if (!f) {
		printf("TIMELINE cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	writer(t, file_sink, f);
	rc = ferror(f) ? -1 : 0;
	if (fclose(f))
		rc = -1;
	return rc;
}

#if defined(__aarch64__)
/* The arm64 generic timer counts at the fixed CNTFRQ_EL0 rate by design. */
static bool cpu_invariant_tsc(void)
{
	return true;
}
#else
static bool cpu_invariant_tsc(void)
{
	uint32_t eax = 0x80000000u, ebx, ecx = 0, edx;

	__asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	if (eax < 0x80000007u)
		return false;
	eax = 0x80000007u;
	ecx = 0;
	__asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	return tsc_invariant_from_cpuid(edx);
}
#endif

static void print_point(const char *name, uint64_t tsc)
{
	if (tsc)
		printf("TIMELINE point %s tsc=%#llx\n", name,
		       (unsigned long long)tsc);
	else
		printf("TIMELINE point %s unknown\n", name);
}

/* baton's raw stamps, each with its distance from the previous one. */
static void print_phases(const struct handover_timeline *t)
{
	uint64_t prev = t->t1_tsc;
	uint32_t i;

	for (i = 0; i < t->phase_count; i++) {
		uint64_t tsc = t->phases[i].tsc;

		printf("TIMELINE phase tsc=%#llx delta-us=%s%llu name=%s\n",
		       (unsigned long long)tsc, tsc < prev ? "-" : "",
		       (unsigned long long)tsc_ticks_to_us(
			       tsc < prev ? prev - tsc : tsc - prev,
			       t->tsc_khz),
		       t->phases[i].name);
		prev = tsc;
	}
}

static void print_summary(const struct handover_timeline *t)
{
	uint64_t total, baton;

	if (!handover_total_ticks(t, &total)) {
		printf("TIMELINE summary T0->T3 unknown\n");
		return;
	}
	printf("TIMELINE summary T0->T3 %llu us",
	       (unsigned long long)tsc_ticks_to_us(total, t->tsc_khz));
	if (handover_baton_ticks(t, &baton))
		printf(" (baton T1->T2 %llu us)",
		       (unsigned long long)tsc_ticks_to_us(baton, t->tsc_khz));
	else
		printf(" (no baton report)");
	printf("\n");
}

static void stdout_sink(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	fwrite(s, 1, len, stdout);
}

/*
 * Prints the whole timeline as TIMELINE lines (raw points, baton's phases,
 * the next kernel's marks, a summary and the JSON on one line) and writes
 * the JSON/SVG files when asked.
 */
int timeline_report(const struct timeline_stamps *s, const char *json_path,
		    const char *svg_path)
{
	static struct handover_timeline t;
	uint64_t khz = tsc_khz_measure();
	int rc = 0;

	handover_timeline_init(&t, khz, "clock", cpu_invariant_tsc());
	printf("TIMELINE clock tsc-khz=%llu method=clock invariant-tsc=%s\n",
	       (unsigned long long)khz, t.invariant_tsc ? "yes" : "no");
	if (s->tsc_kexec && s->tsc_prepare && s->tsc_kexec >= s->tsc_prepare)
		printf("TIMELINE prepare-done->kexec us=%llu\n",
		       (unsigned long long)tsc_ticks_to_us(
			       s->tsc_kexec - s->tsc_prepare, khz));
	t.t0_tsc = s->tsc_kexec;
	t.t3_tsc = s->tsc_verify;
	if (!baton_report_timeline(&t))
		printf("TIMELINE baton-report none\n");
	print_point("T0", t.t0_tsc);
	print_point("T1", t.t1_tsc);
	print_phases(&t);
	print_point("T2", t.t2_tsc);
	kmsg_timeline_marks(&s->anchor, &t);
	print_point("T3", t.t3_tsc);
	print_summary(&t);
	printf("TIMELINE-JSON ");
	handover_timeline_json(&t, stdout_sink, NULL);
	if (json_path && write_file(json_path, &t, handover_timeline_json))
		rc = -1;
	if (svg_path && write_file(svg_path, &t, handover_timeline_svg))
		rc = -1;
	fflush(stdout);
	return rc;
}

/* Host-side check of the blob check and the report scanner. */
int timeline_selftest(void)
{
	static const char json[] =
		"{\"boot\":{\"e820\":[{\"name\":\"usable\"}]},\"timeline\":"
		"{\"tsc_khz\":2500000,\"method\":\"cpuid 0x15\","
		"\"start_tsc\":\"0xf4240\",\"phases\":[{\"name\":\"boot\","
		"\"tsc\":\"0xf4c04\",\"ticks\":2500,\"us\":1,\"delta_us\":1},"
		"{\"name\":\"k\\\"]}ho\",\"tsc\":\"0x3571a4\",\"ticks\":1,"
		"\"us\":null,\"delta_us\":null}],\"dropped\":0},"
		"\"findings\":[]}";
	static struct handover_timeline t;
	uint8_t blob[BLOB_HEADER_SIZE + sizeof(json) + 8] = { 0 };
	const char *why, *text;
	int failures = 0;
	bool ok;

	report_blob_make(blob, sizeof(blob), json);
	text = report_blob_json(blob, sizeof(blob), &why);
	handover_timeline_init(&t, 2500000, "clock", true);
	ok = text && timeline_from_report(text, &t) && t.t1_tsc == 0xf4240 &&
	     t.phase_count == 2 && t.t2_tsc == 0x3571a4 &&
	     !strcmp(t.phases[0].name, "boot") &&
	     !strcmp(t.phases[1].name, "k\"]}ho") && t.phases[0].tsc == 0xf4c04;
	printf("%s: baton-agent-timeline-report-scan\n", ok ? "PASS" : "FAIL");
	failures += !ok;

	blob[BLOB_HEADER_SIZE + 3] ^= 1;
	ok = !report_blob_json(blob, sizeof(blob), &why) &&
	     !strcmp(why, "bad crc");
	printf("%s: baton-agent-timeline-blob-crc\n", ok ? "PASS" : "FAIL");
	failures += !ok;

	ok = !timeline_from_report("{\"timeline\":null}", &t);
	printf("%s: baton-agent-timeline-null\n", ok ? "PASS" : "FAIL");
	failures += !ok;
	return failures;
}

/*
 * `timeline` (next kernel, when no agent manifest crossed the kexec, e.g.
 * after Linux's own LUO selftests): T1, T2, baton's phases, the kernel's
 * marks and T3 (this command's start); T0 is unknown.
 */
int cmd_timeline(int argc, char **argv)
{
	struct timeline_stamps stamps = { .tsc_verify = read_tsc() };

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: baton-agent timeline\n");
		return 2;
	}
	kmsg_anchor_write(&stamps.anchor);
	return timeline_report(&stamps, NULL, NULL) ? 1 : 0;
}
