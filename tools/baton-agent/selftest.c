/*
 * `selftest`: host-runnable checks of the agent's own logic (scenario
 * parser, content generator and digest, manifest checksum), one PASS/FAIL
 * line each. The kernel-facing paths are covered by tests/linux.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"

static unsigned int selftest_failures;

static void expect(bool ok, const char *name)
{
	printf("%s: baton-agent-%s\n", ok ? "PASS" : "FAIL", name);
	if (!ok)
		selftest_failures++;
}

static bool parses(const char *spec, uint32_t sessions, uint32_t files)
{
	struct scenario sc;
	char err[160];
	bool ok;

	if (scenario_parse(spec, &sc, err, sizeof(err)))
		return false;
	ok = sc.session_count == sessions && sc.file_count == files;
	scenario_free(&sc);
	return ok;
}

static bool rejects(const char *spec, const char *message)
{
	struct scenario sc;
	char err[160] = "";
	int rc = scenario_parse(spec, &sc, err, sizeof(err));

	scenario_free(&sc);
	return rc != 0 && strstr(err, message) != NULL;
}

static void test_scenario(void)
{
	char long_name[80];
	struct scenario sc;
	char err[160];
	uint64_t v;

	expect(!parse_size("4K", &v) && v == 4096, "size-suffix-k");
	expect(!parse_size("0x10", &v) && v == 16, "size-hex");
	expect(!parse_size("3G", &v) && v == 3ull << 30, "size-suffix-g");
	expect(parse_size("4Q", &v) != 0, "size-bad-suffix");
	expect(parse_size("", &v) != 0, "size-empty");
	expect(parses("session a; memfd token=1 size=4K; session b", 2, 1),
	       "parse-basic");
	expect(parses("# c\nsession a count=3\nmemfd token=5 size=1 count=4\n",
		      3, 4), "parse-counts");
	expect(rejects("memfd token=1 size=1", "before any session"),
	       "reject-memfd-first");
	expect(rejects("session a; memfd token=1 size=1; memfd token=1 size=2",
		       "duplicate token"), "reject-duplicate-token");
	expect(parses("session a; memfd token=1 size=1; session b; "
		      "memfd token=1 size=1", 2, 2), "same-token-two-sessions");
	expect(rejects("session a; memfd token=1", "needs token= and size="),
	       "reject-missing-size");
	expect(rejects("session a; memfd token=1 size=1 seals=glue",
		       "bad memfd option"), "reject-bad-seal");
	expect(rejects("session a; session a", "duplicate session"),
	       "reject-duplicate-session");
	expect(parses("session s count=3; memfd token=1 size=4K count=2 "
		      "sessions=3; memfd token=3 size=4K sessions=2", 3, 8),
	       "parse-memfd-sessions");
	expect(rejects("session s count=2; memfd token=1 size=1 sessions=3",
		       "bad sessions"), "reject-sessions-too-many");
	expect(rejects("session s count=2; memfd token=1 size=1; "
		       "memfd token=1 size=1 sessions=2", "duplicate token 1 in s-1"),
	       "reject-duplicate-token-sessions");
	expect(rejects("session s count=3; session s-1", "duplicate session s-1"),
	       "reject-duplicate-generated-session");
	expect(rejects("session baton-agent", "reserved"),
	       "reject-reserved-session");
	expect(rejects("session a; memfd token=1 size=10 pos=11",
		       "pos beyond size"), "reject-pos-beyond-size");
	expect(rejects("session a; memfd token=0xffffffffffffffff size=1 count=2",
		       "bad count"), "reject-token-overflow");
	expect(rejects("frobnicate", "unknown directive"), "reject-directive");
	memset(long_name, 'x', 64);
	long_name[64] = 0;
	snprintf(err, sizeof(err), "session %s", long_name);
	expect(rejects(err, "1..63"), "reject-64-char-name");
	long_name[63] = 0;
	snprintf(err, sizeof(err), "session %s", long_name);
	expect(parses(err, 1, 0), "accept-63-char-name");
	if (!scenario_parse("session s; memfd token=9 size=8K seals=grow+write "
			    "fill=sparse pos=5", &sc, err, sizeof(err))) {
		const struct scenario_file *f = &sc.files[0];

		expect(f->token == 9 && f->size == 8192 && f->pos == 5 &&
		       f->fill == FILL_SPARSE &&
		       f->seals == (F_SEAL_GROW | F_SEAL_WRITE),
		       "parse-fields");
		scenario_free(&sc);
	} else {
		expect(false, "parse-fields");
	}
}

static bool all_zero(const unsigned char *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

static void test_content(void)
{
	const uint64_t size = 20 * 4096 + 100;
	unsigned char *a = calloc(1, size), *b = calloc(1, size);
	uint64_t d;

	if (!a || !b) {
		expect(false, "content-alloc");
		return;
	}
	content_generate(a, size, 42, FILL_FULL);
	d = content_digest(a, size);
	expect(content_first_mismatch(a, size, 42, FILL_FULL) == -1,
	       "full-matches-itself");
	expect(content_first_mismatch(a, size, 43, FILL_FULL) == 0,
	       "other-seed-differs-at-0");
	a[size - 1] ^= 1;
	expect(content_digest(a, size) != d, "digest-sees-last-byte");
	expect(content_first_mismatch(a, size, 42, FILL_FULL) ==
	       (int64_t)(size - 1), "mismatch-located-last-byte");
	a[size - 1] ^= 1;
	memcpy(b, a, size);
	memcpy(b + 4096, a + 8192, 4096);
	memcpy(b + 8192, a + 4096, 4096);
	expect(content_digest(b, size) != d, "digest-sees-swapped-pages");
	content_generate(b, size, 42, FILL_FULL);
	expect(content_digest(b, size) == d, "generation-deterministic");

	memset(b, 0, size);
	content_generate(b, size, 42, FILL_SPARSE);
	expect(!all_zero(b, 4096) && all_zero(b + 4096, 15 * 4096) &&
	       !all_zero(b + 16 * 4096, 4096) &&
	       all_zero(b + 17 * 4096, 3 * 4096) &&
	       !all_zero(b + 20 * 4096, 100), "sparse-layout");
	expect(content_first_mismatch(b, size, 42, FILL_SPARSE) == -1,
	       "sparse-matches-itself");
	b[5 * 4096 + 7] = 1;
	expect(content_first_mismatch(b, size, 42, FILL_SPARSE) ==
	       5 * 4096 + 7, "sparse-hole-write-located");

	memset(b, 0, size);
	content_generate(b, size, 42, FILL_ZERO);
	expect(all_zero(b, size), "zero-fill-writes-nothing");
	expect(content_digest(b, 4096) != content_digest(b, 8192),
	       "digest-covers-size");
	free(a);
	free(b);
}

static void test_manifest(void)
{
	size_t len = manifest_size(2, 1);
	unsigned char *m = calloc(1, len);
	struct manifest_header *h = (struct manifest_header *)m;
	char err[128];

	if (!m) {
		expect(false, "manifest-alloc");
		return;
	}
	memcpy(h->magic, MANIFEST_MAGIC, 8);
	h->version = MANIFEST_VERSION;
	h->header_size = sizeof(*h);
	h->session_count = 2;
	h->file_count = 1;
	strcpy(manifest_sessions(m)[1].name, "s1");
	manifest_sessions(m)[1].file_count = 1;
	manifest_files(m)[0].session = 1;
	manifest_files(m)[0].size = 7;
	h->checksum = manifest_checksum(m, len);
	expect(!manifest_check(m, len, err, sizeof(err)), "manifest-valid");
	h->tsc_kexec = 12345;
	expect(!manifest_check(m, len, err, sizeof(err)),
	       "manifest-tsc-outside-checksum");
	manifest_files(m)[0].size = 8;
	expect(manifest_check(m, len, err, sizeof(err)) != 0 &&
	       strstr(err, "checksum"), "manifest-detects-change");
	manifest_files(m)[0].size = 7;
	manifest_files(m)[0].session = 2;
	h->checksum = manifest_checksum(m, len);
	expect(manifest_check(m, len, err, sizeof(err)) != 0 &&
	       strstr(err, "out of range"), "manifest-session-range");
	expect(manifest_check(m, sizeof(*h) - 1, err, sizeof(err)) != 0,
	       "manifest-too-short");
	free(m);
}

/* Version 1's digest and checksum, as older agents (and the vectors) have. */
static uint64_t checksum_v1(unsigned char *m, size_t len)
{
	struct manifest_header h;

	memcpy(&h, m, sizeof(h));
	h.checksum = 0;
	h.tsc_kexec = 0;
	return content_digest_v1(&h, sizeof(h)) ^
	       (content_digest_v1(m + sizeof(h), len - sizeof(h)) *
		0x9e3779b97f4a7c15ull);
}

static void test_manifest_v1(void)
{
	size_t len = manifest_size(1, 1);
	unsigned char *m = calloc(1, len);
	struct manifest_header *h = (struct manifest_header *)m;
	char err[128];

	expect(content_digest_v1("", 0) == 0x70f47c4ccc76c936ull &&
	       content_digest_v1("baton", 5) == 0x05f0d4badbb93bd3ull,
	       "digest-v1-golden");
	expect(manifest_digest(1, "baton", 5) == 0x05f0d4badbb93bd3ull &&
	       manifest_digest(2, "123456789", 9) == 0xe3069283,
	       "digest-by-manifest-version");
	if (!m) {
		expect(false, "manifest-v1-alloc");
		return;
	}
	memcpy(h->magic, MANIFEST_MAGIC, 8);
	h->version = 1;
	h->header_size = sizeof(*h);
	h->session_count = 1;
	h->file_count = 1;
	manifest_files(m)[0].digest = 0x05f0d4badbb93bd3ull;
	h->checksum = checksum_v1(m, len);
	expect(!manifest_check(m, len, err, sizeof(err)), "manifest-v1-valid");
	manifest_files(m)[0].size = 1;
	expect(manifest_check(m, len, err, sizeof(err)) != 0 &&
	       strstr(err, "version 1: checksum"), "manifest-v1-detects-change");
	free(m);
}

int cmd_selftest(int argc, char **argv)
{
	test_scenario();
	test_content();
	test_manifest();
	test_manifest_v1();
	selftest_failures += timeline_selftest();
	selftest_failures += kmsg_selftest();
	selftest_failures += report_blob_selftest();
	return selftest_failures ? 1 : 0;
}
