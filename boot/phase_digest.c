// SPDX-License-Identifier: MIT
/*
 * The content-digest phase: CRC32C of every preserved memfd, checked
 * against baton-agent's manifest when the handover carries one
 * (luo/digest_check.h). baton.digest=off skips it (no timeline stamp).
 */
#include <baton/cmdline.h>
#include <baton/log.h>
#include <baton/tsc.h>
#include <boot/flow.h>
#include <luo/digest_check.h>

static struct digest_report report;

static bool digest_enabled(const char *cmdline)
{
	bool on = true;

	if (cmdline_has(cmdline, "baton.digest") &&
	    !cmdline_get_bool(cmdline, "baton.digest", &on))
		pr_warn("digest: baton.digest value not understood, keeping on\n");
	return on;
}

/* mm storage, NULL when there is nothing to hold or no room. */
static void *alloc_bytes(struct flow *f, u64 size, const char *what)
{
	void *p;

	if (!size)
		return NULL;
	p = flow_alloc(f, size);
	if (!p)
		pr_warn("digest: no room for the %s (0x%llx bytes): %s\n",
			what, (unsigned long long)size, f->mm->error);
	return p;
}

void phase_digest(struct flow *f)
{
	const struct handover_model *m = f->model;
	u64 files, manifest, t0;

	if (!m || !f->mm_ready)
		return;
	if (!digest_enabled(f->bi->cmdline)) {
		report.enabled = false;
		f->digest = &report;
		pr_info("digest: off (baton.digest=off)\n");
		return;
	}
	t0 = arch_timestamp();
	files = m->files ? MIN(m->file_count, m->files_cap) : 0;
	report.files = alloc_bytes(f, files * sizeof(*report.files),
				   "digest results");
	report.files_cap = report.files ? (u32)files : 0;
	manifest = digest_manifest_bytes(m);
	if (manifest > AGENT_MANIFEST_MAX_BYTES)
		manifest = 0;	/* digest_check reports it as too large */
	digest_check(f->ram_view, m, alloc_bytes(f, manifest, "manifest copy"),
		     manifest, &report, f->handover_findings);
	f->digest = &report;
	flow_mark(f, "digest");
	pr_info("digest: %u memfds, 0x%llx bytes, crc32c (%s), %llu us; manifest %s\n",
		report.count - report.by_status[DIGEST_NOT_MEMFD],
		(unsigned long long)report.bytes,
		report.hw ? "sse4.2" : "table",
		(unsigned long long)tsc_ticks_to_us(arch_timestamp() - t0,
						    arch_tsc_khz()),
		digest_manifest_state_name(report.manifest));
}
