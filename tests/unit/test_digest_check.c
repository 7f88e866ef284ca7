// SPDX-License-Identifier: MIT
/*
 * Content digests against baton-agent's manifest (luo/digest_check.c) on a
 * built Linux 7.2 handover whose "baton-agent" session carries a real
 * manifest: all ok, one byte changed in preserved memory, files missing or
 * unlisted, no/foreign/damaged manifest, and the report lines and JSON
 * fields the dg_results become.
 */
#include "check.h"
#include "test_digest_util.h"
#include "text_sink.h"
#include <report/report.h>

static const struct finding *only_finding(struct host_scenario *s)
{
	CHECK_EQ(s->findings.count, 1);
	if (s->findings.count != 1)
		dump_findings(&s->findings);
	return &s->items[0];
}

TEST(digest_all_ok)
{
	struct host_scenario *s = dg_build(make_manifest(dg_all_files, 3, 2));
	struct digest_report r;

	dg_run(s, &r);
	CHECK(r.enabled);
	CHECK_EQ(r.hw, crc32c_hw_available());
	CHECK_EQ(r.manifest, DIGEST_MANIFEST_VALID);
	CHECK_EQ(r.manifest_version, 2);
	CHECK_EQ(r.manifest_files, 3);
	CHECK_EQ(r.count, 4);
	CHECK(!r.truncated);
	CHECK_EQ(r.by_status[DIGEST_OK], 3);
	CHECK_EQ(r.by_status[DIGEST_MANIFEST], 1);
	CHECK_EQ(r.by_status[DIGEST_MISMATCH] + r.by_status[DIGEST_UNLISTED] +
		 r.by_status[DIGEST_UNCHECKED] + r.missing, 0);
	CHECK_EQ(r.bytes, 10000 + 3 * SZ_1M + 123 + agent_manifest_size(2, 3));
	CHECK_EQ(dg_results[0].status, DIGEST_OK);
	CHECK_EQ(dg_results[0].crc32c, expected_digest(&dg_small, 1));
	CHECK_EQ(dg_results[1].crc32c, expected_digest(&dg_huge, 2));
	CHECK_EQ(dg_results[2].crc32c, 0);		/* dg_empty file */
	CHECK_EQ(dg_results[3].status, DIGEST_MANIFEST);
	CHECK_EQ(dg_results[3].crc32c,
		 crc32c(0, dg_manifest, agent_manifest_size(2, 3)));
	CHECK_EQ(s->findings.count, 0);
	dg_done(s);
}

/* One byte changed in preserved memory after the manifest was written. */
TEST(digest_tampered_byte)
{
	struct host_scenario *s = dg_build(make_manifest(dg_all_files, 3, 2));
	const struct model_memfd *md = &s->m->memfds[s->m->files[1].memfd];
	const struct model_folio *fo = &model_memfd_folios(s->m, md)[1];
	struct digest_report r;
	const struct finding *f;
	char want[FINDING_MESSAGE_MAX];
	u8 *byte = host_scenario_ptr(s, (fo->pfn << PAGE_SHIFT) + 5);

	*byte ^= 0x5a;
	dg_run(s, &r);
	CHECK_EQ(r.by_status[DIGEST_OK], 2);
	CHECK_EQ(r.by_status[DIGEST_MISMATCH], 1);
	CHECK_EQ(dg_results[1].status, DIGEST_MISMATCH);
	CHECK_EQ(dg_results[1].expected, expected_digest(&dg_huge, 2));
	CHECK(dg_results[1].crc32c != dg_results[1].expected);
	CHECK_EQ(dg_results[1].expected_size, dg_huge.size);
	f = only_finding(s);
	CHECK_EQ(f->code, E_MEMFD_DIGEST_MISMATCH);
	CHECK_EQ(f->severity, FINDING_ERROR);
	CHECK_EQ(f->pa, md->pa);
	snprintf(want, sizeof(want),
		 "session \"vm-alpha\" token 0x2: crc32c 0x%08x, manifest 0x%08x (size 0x30007b/0x30007b)",
		 dg_results[1].crc32c, dg_results[1].expected);
	CHECK_STR(f->message, want);
	*byte ^= 0x5a;
	dg_run(s, &r);
	CHECK_EQ(r.by_status[DIGEST_OK], 3);
	dg_done(s);
}

TEST(digest_wrong_recorded_value)
{
	static const struct dg_entry e[] = {
		{ 0, 1, &dg_small, 0x1 }, { 0, 2, &dg_huge, 0 },
		{ 1, 7, &dg_empty, 0 },
	};
	struct host_scenario *s = dg_build(make_manifest(e, 3, 2));
	struct digest_report r;

	dg_run(s, &r);
	CHECK_EQ(dg_results[0].status, DIGEST_MISMATCH);
	CHECK_EQ(dg_results[0].expected ^ dg_results[0].crc32c, 1);
	CHECK_EQ(only_finding(s)->code, E_MEMFD_DIGEST_MISMATCH);
	dg_done(s);
}

TEST(digest_missing_and_unlisted)
{
	static const struct dg_entry e[] = {
		{ 0, 1, &dg_small, 0 }, { 1, 9, &dg_small, 0 },
	};
	struct host_scenario *s = dg_build(make_manifest(e, 2, 2));
	struct digest_report r;
	const struct finding *f;

	dg_run(s, &r);
	CHECK_EQ(r.missing, 1);
	CHECK_EQ(r.by_status[DIGEST_OK], 1);
	CHECK_EQ(r.by_status[DIGEST_UNLISTED], 2);	/* tokens 2 and 7 */
	CHECK_EQ(dg_results[1].status, DIGEST_UNLISTED);
	CHECK_EQ(dg_results[2].status, DIGEST_UNLISTED);
	f = only_finding(s);
	CHECK_EQ(f->code, E_AGENT_FILE_MISSING);
	CHECK_STR(f->message,
		  "session \"vm-beta\" token 0x9 size 0x2710: no such memfd in the handover");
	dg_done(s);
}

TEST(digest_without_manifest)
{
	struct host_scenario *s = dg_build(0);
	struct digest_report r;
	const struct finding *f;

	dg_run(s, &r);
	CHECK_EQ(r.manifest, DIGEST_MANIFEST_ABSENT);
	CHECK_EQ(r.manifest_file, -1);
	CHECK_EQ(r.count, 3);
	CHECK_EQ(r.by_status[DIGEST_UNCHECKED], 3);
	CHECK_EQ(dg_results[1].crc32c, expected_digest(&dg_huge, 2));
	f = only_finding(s);
	CHECK_EQ(f->code, I_AGENT_MANIFEST_ABSENT);
	CHECK_EQ(f->severity, FINDING_INFO);
	CHECK_STR(f->message,
		  "no memfd token 0 in session \"baton-agent\": memfd digests not checked");
	dg_done(s);
}

TEST(digest_foreign_manifest)
{
	struct host_scenario *s = dg_build(make_manifest(dg_all_files, 3, 1));
	struct digest_report r;
	const struct finding *f;

	dg_run(s, &r);
	CHECK_EQ(r.manifest, DIGEST_MANIFEST_FOREIGN);
	CHECK_EQ(r.manifest_error, AGENT_MANIFEST_BAD_VERSION);
	CHECK_EQ(r.by_status[DIGEST_UNCHECKED], 3);
	CHECK_EQ(r.by_status[DIGEST_MANIFEST], 1);
	f = only_finding(s);
	CHECK_EQ(f->code, I_AGENT_MANIFEST_FOREIGN);
	CHECK_STR(f->message,
		  "manifest: unsupported version: memfd digests not checked");
	dg_done(s);
}

TEST(digest_damaged_manifest)
{
	u64 len = make_manifest(dg_all_files, 3, 2);
	struct host_scenario *s;
	struct digest_report r;
	const struct finding *f;

	dg_manifest[AMF_HEADER_SIZE + 2 * AMF_SESSION_SIZE + AMF_FILE_SIZE] ^= 4;
	s = dg_build(len);
	dg_run(s, &r);
	CHECK_EQ(r.manifest, DIGEST_MANIFEST_INVALID);
	CHECK_EQ(r.manifest_error, AGENT_MANIFEST_BAD_CHECKSUM);
	CHECK_EQ(r.by_status[DIGEST_UNCHECKED], 3);
	f = only_finding(s);
	CHECK_EQ(f->code, E_AGENT_MANIFEST_INVALID);
	CHECK_EQ(f->pa, s->m->memfds[s->m->files[3].memfd].pa);
	CHECK_STR(f->message, "manifest: checksum mismatch (entry 0)");
	dg_done(s);
}

/*
 * A memfd that cannot stream: its own warning when nothing explains it,
 * only the "unreadable" status after a validation error (which does).
 */
TEST(digest_unreadable)
{
	struct host_scenario *s = dg_build(make_manifest(dg_all_files, 3, 2));
	const struct model_memfd *md = &s->m->memfds[s->m->files[0].memfd];
	struct digest_report r;
	const struct finding *f;

	s->m->folios[md->folio_first].order = -1;
	dg_run(s, &r);
	CHECK_EQ(dg_results[0].status, DIGEST_UNREADABLE);
	CHECK_EQ(r.by_status[DIGEST_UNREADABLE], 1);
	CHECK_EQ(r.by_status[DIGEST_OK], 2);
	CHECK_EQ(r.bytes, 3 * SZ_1M + 123 + agent_manifest_size(2, 3));
	f = only_finding(s);
	CHECK_EQ(f->code, W_MEMFD_DIGEST_UNREADABLE);
	CHECK_STR(f->message,
		  "session \"vm-alpha\" token 0x1: folios not readable in order");

	r = (struct digest_report){ .files = dg_results,
				    .files_cap = ARRAY_SIZE(dg_results) };
	finding_list_init(&s->findings, s->items, HOST_SCENARIO_FINDINGS);
	finding_add(&s->findings, E_FOLIO_NOT_PRESERVED, 0, "parse said so");
	digest_check(&s->arena.view, s->m, dg_copy, sizeof(dg_copy), &r,
		     &s->findings);
	CHECK_EQ(dg_results[0].status, DIGEST_UNREADABLE);
	CHECK_EQ(s->findings.count, 1);
	CHECK(!finding_list_has(&s->findings, W_MEMFD_DIGEST_UNREADABLE));
	dg_done(s);
}

TEST(digest_manifest_too_large_and_truncated)
{
	struct host_scenario *s = dg_build(make_manifest(dg_all_files, 3, 2));
	struct digest_report r = { .files = dg_results, .files_cap = 2 };

	finding_list_init(&s->findings, s->items, HOST_SCENARIO_FINDINGS);
	digest_check(&s->arena.view, s->m, dg_copy, 100, &r, &s->findings);
	CHECK(r.truncated);
	CHECK_EQ(r.count, 2);
	CHECK_EQ(r.manifest, DIGEST_MANIFEST_INVALID);
	CHECK_STR(only_finding(s)->message,
		  "manifest memfd of 0x170 bytes too large to read");
	CHECK_EQ(r.by_status[DIGEST_UNCHECKED], 2);

	/* files beyond the results storage are not compared, not "missing" */
	r = (struct digest_report){ .files = dg_results, .files_cap = 2 };
	finding_list_init(&s->findings, s->items, HOST_SCENARIO_FINDINGS);
	digest_check(&s->arena.view, s->m, dg_copy, sizeof(dg_copy), &r,
		     &s->findings);
	CHECK_EQ(r.manifest, DIGEST_MANIFEST_VALID);
	CHECK_EQ(r.by_status[DIGEST_OK], 2);
	CHECK_EQ(r.missing, 0);
	CHECK_EQ(s->findings.count, 0);
	dg_done(s);
}

static void keep_digest_lines(void *ctx, const char *text)
{
	if (!strncmp(text, "digest: ", 8))
		text_sink_line(ctx, text);
}

/* The human lines and JSON fields of a tampered dg_run, exactly. */
TEST(digest_report_lines)
{
	struct host_scenario *s = dg_build(make_manifest(dg_all_files, 3, 2));
	const struct model_memfd *md = &s->m->memfds[s->m->files[1].memfd];
	const struct model_folio *fo = model_memfd_folios(s->m, md);
	struct report_input in = { .baton_version = "t", .model = s->m };
	struct digest_report r;
	struct text_sink *l = calloc(1, sizeof(*l));
	char want[1024], *json;

	*(u8 *)host_scenario_ptr(s, fo->pfn << PAGE_SHIFT) ^= 1;
	dg_run(s, &r);
	r.hw = false;		/* pin the engine name */
	in.findings[0] = &s->findings;
	in.digest = &r;
	report_human(&in, keep_digest_lines, l);
	snprintf(want, sizeof(want),
		 "digest: crc32c (table) manifest \"baton-agent\" token 0x0 version 2 files 3 checksum 0x%08x\n"
		 "digest: session \"vm-alpha\" token 0x1 size 0x2710 crc32c 0x%08x ok\n"
		 "digest: session \"vm-alpha\" token 0x2 size 0x30007b crc32c 0x%08x MISMATCH (manifest 0x%08x size 0x30007b)\n"
		 "digest: session \"vm-beta\" token 0x7 size 0x0 crc32c 0x00000000 ok\n"
		 "digest: session \"baton-agent\" token 0x0 size 0x170 crc32c 0x%08x manifest\n"
		 "digest: files 4 ok 2 mismatch 1 missing 0 unlisted 0 unchecked 0 unreadable 0 bytes 0x%llx\n",
		 r.manifest_checksum, dg_results[0].crc32c, dg_results[1].crc32c,
		 dg_results[1].expected, dg_results[3].crc32c,
		 (unsigned long long)r.bytes);
	CHECK_STR(l->text, want);

	memset(l, 0, sizeof(*l));
	report_json(&in, text_sink, l, false);
	json = strstr(l->text, "\"digest\":");
	CHECK(json != NULL);
	snprintf(want, sizeof(want),
		 "\"digest\":{\"enabled\":true,\"algorithm\":\"crc32c\",\"engine\":\"table\","
		 "\"manifest\":{\"state\":\"valid\",\"error\":null,\"version\":2,\"files\":3,\"checksum\":\"0x%x\"},"
		 "\"files\":[{\"session\":\"vm-alpha\",\"token\":\"0x1\",\"size\":10000,\"crc32c\":\"0x%x\",\"status\":\"ok\",\"manifest_crc32c\":\"0x%x\",\"manifest_size\":10000},"
		 "{\"session\":\"vm-alpha\",\"token\":\"0x2\",\"size\":3145851,\"crc32c\":\"0x%x\",\"status\":\"mismatch\",\"manifest_crc32c\":\"0x%x\",\"manifest_size\":3145851},"
		 "{\"session\":\"vm-beta\",\"token\":\"0x7\",\"size\":0,\"crc32c\":\"0x0\",\"status\":\"ok\",\"manifest_crc32c\":\"0x0\",\"manifest_size\":0},"
		 "{\"session\":\"baton-agent\",\"token\":\"0x0\",\"size\":368,\"crc32c\":\"0x%x\",\"status\":\"manifest\",\"manifest_crc32c\":null,\"manifest_size\":null}],"
		 "\"files_truncated\":false,\"ok\":2,\"mismatch\":1,\"missing\":0,\"unlisted\":0,\"unchecked\":0,\"unreadable\":0,\"bytes\":%llu},",
		 r.manifest_checksum, dg_results[0].crc32c, dg_results[0].expected,
		 dg_results[1].crc32c, dg_results[1].expected, dg_results[3].crc32c,
		 (unsigned long long)r.bytes);
	if (json)
		CHECK(!strncmp(json, want, strlen(want)));
	if (json && strncmp(json, want, strlen(want)))
		fprintf(stderr, "    got  %.*s\n    want %s\n",
			(int)strlen(want), json, want);

	r = (struct digest_report){ .enabled = false };
	memset(l, 0, sizeof(*l));
	report_human(&in, keep_digest_lines, l);
	CHECK_STR(l->text, "digest: off (baton.digest=off)\n");
	free(l);
	dg_done(s);
}

/*
 * A hand-made model for manifest lookups at scale: sessions "vm-a" and
 * "vm-b" with LK_PER empty memfds each (tokens 1..LK_PER) and "baton-agent"
 * whose token 0 is a manifest in one order-9 folio at LK_PA. No handover is
 * built: only the lookup is under test, and the model is what it reads.
 */
#define LK_PER		10000u
#define LK_FILES	(2 * LK_PER)
#define LK_PA		0x200000ULL
#define LK_FOLIO	(2ULL << 20)

struct lookup_fixture {
	struct handover_model *m;
	struct model_session sessions[3];
	struct model_file *files;
	struct model_memfd *memfds;
	struct model_folio folio;
	u64 *work;
	u8 *ram;			/* LK_FOLIO bytes at LK_PA */
	struct phys_window window;
	struct phys_view view;
	struct digest_file *results;
	struct finding items[16];
	struct finding_list findings;
	u64 manifest_len;
};

/* Manifest entry i names session i % 2 and token i / 2 + 1: alternating. */
static void lookup_fixture_init(struct lookup_fixture *x, u64 work_cap)
{
	u32 n = LK_FILES + 1, i;
	u8 *p, *f;

	memset(x, 0, sizeof(*x));
	x->m = calloc(1, sizeof(*x->m));
	x->files = calloc(n, sizeof(*x->files));
	x->memfds = calloc(n, sizeof(*x->memfds));
	x->work = calloc(n, sizeof(*x->work));
	x->results = calloc(n, sizeof(*x->results));
	x->ram = calloc(1, LK_FOLIO);
	strcpy(x->sessions[0].name, "vm-a");
	strcpy(x->sessions[1].name, "vm-b");
	strcpy(x->sessions[2].name, AGENT_MANIFEST_SESSION);
	for (i = 0; i < 3; i++) {
		x->sessions[i].file_first = i * LK_PER;
		x->sessions[i].file_count = i < 2 ? LK_PER : 1;
		x->sessions[i].count = x->sessions[i].file_count;
	}
	for (i = 0; i < n; i++) {
		x->files[i].token = i < LK_FILES ? i % LK_PER + 1 :
				    AGENT_MANIFEST_FILE_TOKEN;
		x->files[i].memfd = (s32)i;
		x->memfds[i].version = MEMFD_VERSION_V2;
	}

	x->manifest_len = agent_manifest_size(2, LK_FILES);
	CHECK(x->manifest_len <= LK_FOLIO);
	p = x->ram;
	memcpy(p, AGENT_MANIFEST_MAGIC, 8);
	mf_put32(p + AMF_HDR_VERSION, AGENT_MANIFEST_VERSION);
	mf_put32(p + AMF_HDR_HEADER_SIZE, AMF_HEADER_SIZE);
	mf_put32(p + AMF_HDR_SESSION_COUNT, 2);
	mf_put32(p + AMF_HDR_FILE_COUNT, LK_FILES);
	for (i = 0; i < 2; i++) {
		strcpy((char *)p + AMF_HEADER_SIZE + i * AMF_SESSION_SIZE,
		       x->sessions[i].name);
		mf_put32(p + AMF_HEADER_SIZE + i * AMF_SESSION_SIZE +
			 AMF_SES_FILE_COUNT, LK_PER);
	}
	f = p + AMF_HEADER_SIZE + 2 * AMF_SESSION_SIZE;
	for (i = 0; i < LK_FILES; i++, f += AMF_FILE_ENTRY_SIZE) {
		mf_put32(f + AMF_FILE_SESSION, i % 2);
		mf_put64(f + AMF_FILE_TOKEN, i / 2 + 1);
	}
	mf_put64(p + AMF_HDR_CHECKSUM,
		 agent_manifest_checksum(p, x->manifest_len));
	x->memfds[LK_FILES].size = x->manifest_len;
	x->memfds[LK_FILES].nr_folios = 1;
	x->memfds[LK_FILES].folio_count = 1;
	x->folio = (struct model_folio){ .pfn = LK_PA >> PAGE_SHIFT,
					 .order = 9 };
	x->window = (struct phys_window){ LK_PA, LK_FOLIO, x->ram };
	CHECK(phys_view_init(&x->view, &x->window, 1));

	x->m->sessions = x->sessions;
	x->m->session_count = x->m->sessions_cap = 3;
	x->m->files = x->files;
	x->m->file_count = x->m->files_cap = n;
	x->m->memfds = x->memfds;
	x->m->memfd_count = x->m->memfds_cap = n;
	x->m->folios = &x->folio;
	x->m->folio_count = x->m->folios_cap = 1;
	x->m->work = work_cap ? x->work : NULL;
	x->m->work_cap = work_cap;
}

static void lookup_fixture_run(struct lookup_fixture *x,
			       struct digest_report *r)
{
	static u8 copy[LK_FOLIO];

	*r = (struct digest_report){ .files = x->results,
				     .files_cap = LK_FILES + 1 };
	finding_list_init(&x->findings, x->items, ARRAY_SIZE(x->items));
	digest_check(&x->view, x->m, copy, sizeof(copy), r, &x->findings);
}

static void lookup_fixture_free(struct lookup_fixture *x)
{
	free(x->m);
	free(x->files);
	free(x->memfds);
	free(x->work);
	free(x->results);
	free(x->ram);
}

/*
 * 20,000 manifest entries alternating between two sessions of 10,000 files:
 * each lookup used to miss its session hint, rescan the sessions and then
 * the session's files in order (100,059,999 comparisons, quadratic in the
 * manifest); files sorted by (session, token) once and binary-searched.
 */
TEST(digest_lookup_alternating_sessions)
{
	struct lookup_fixture *x = malloc(sizeof(*x));
	struct digest_report r;

	lookup_fixture_init(x, LK_FILES + 1);
	lookup_fixture_run(x, &r);
	if (x->findings.count)
		dump_findings(&x->findings);
	CHECK_EQ(x->findings.count, 0);
	CHECK_EQ(r.manifest, DIGEST_MANIFEST_VALID);
	CHECK_EQ(r.by_status[DIGEST_OK], LK_FILES);
	CHECK_EQ(r.by_status[DIGEST_MANIFEST], 1);
	CHECK_EQ(r.missing, 0);
	CHECK_EQ(x->results[LK_PER + 17].status, DIGEST_OK);
	CHECK_EQ(r.lookup_compares, 1449863);
	lookup_fixture_free(x);
	free(x);
}

static void *test_grow(void *ctx, void *old, u64 old_bytes, u64 new_bytes)
{
	void *p = calloc(1, new_bytes);

	(void)ctx;
	if (p && old)
		memcpy(p, old, old_bytes);
	return p;
}

/*
 * The payload's model grows its work storage only as far as the parse
 * needed it (here: 10,000 entries, one session's files); digest_lookup_room
 * grows it to every stored file before the comparison, so the manifest is
 * compared (before: E_NOT_VALIDATED "lookup needs 20001 work entries, has
 * 10000" on the real-Linux "many" trip). Refused growth: the finding stays.
 */
TEST(digest_lookup_room_grows_work)
{
	struct lookup_fixture *x = malloc(sizeof(*x));
	struct digest_report r;
	u64 *grown;

	lookup_fixture_init(x, LK_PER);
	x->m->grow = test_grow;
	CHECK(digest_lookup_room(x->m));
	CHECK_EQ(x->m->work_cap, LK_FILES + 1);
	CHECK_EQ(x->m->grown, 1);
	grown = x->m->work;
	lookup_fixture_run(x, &r);
	CHECK_EQ(x->findings.count, 0);
	CHECK_EQ(r.by_status[DIGEST_OK], LK_FILES);
	CHECK_EQ(r.missing, 0);
	free(grown);
	lookup_fixture_free(x);

	lookup_fixture_init(x, LK_PER);
	CHECK(!digest_lookup_room(x->m));	/* no grow: stays short */
	lookup_fixture_run(x, &r);
	CHECK_EQ(x->findings.count, 1);
	CHECK_EQ(x->items[0].code, E_NOT_VALIDATED);
	lookup_fixture_free(x);
	free(x);
}

/*
 * Work storage one entry short of the model's files (or none): nothing is
 * compared, no scan per entry instead; one E_NOT_VALIDATED says how many
 * manifest entries went unchecked, and the files stay "unchecked".
 */
TEST(digest_lookup_storage_short)
{
	struct lookup_fixture *x = malloc(sizeof(*x));
	static const u64 caps[] = { LK_FILES, 0 };
	struct digest_report r;
	char want[FINDING_MESSAGE_MAX];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(caps); i++) {
		lookup_fixture_init(x, caps[i]);
		lookup_fixture_run(x, &r);
		CHECK_EQ(x->findings.count, 1);
		CHECK_EQ(x->items[0].code, E_NOT_VALIDATED);
		CHECK_EQ(x->items[0].pa, x->memfds[LK_FILES].pa);
		snprintf(want, sizeof(want),
			 "agent manifest: 20000 files not checked (lookup needs 20001 work entries, has %llu)",
			 (unsigned long long)caps[i]);
		CHECK_STR(x->items[0].message, want);
		CHECK_EQ(x->findings.by_severity[FINDING_ERROR], 1);
		CHECK_EQ(r.manifest, DIGEST_MANIFEST_VALID);
		CHECK_EQ(r.by_status[DIGEST_UNCHECKED], LK_FILES);
		CHECK_EQ(r.by_status[DIGEST_MANIFEST], 1);
		CHECK_EQ(r.missing, 0);
		CHECK_EQ(r.lookup_compares, 0);
		lookup_fixture_free(x);
	}
	free(x);
}
