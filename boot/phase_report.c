// SPDX-License-Identifier: MIT
/*
 * The report phase: the human report and the JSON block on the consoles,
 * and the report blob (in an mm allocation) for the next kernel: the
 * report subtree phase (phase_amend.c) hands it over as the KHO subtree
 * `baton`; where it cannot, the chain phase adds it as a SETUP_NONE entry.
 */
#include <baton/log.h>
#include <boot/chain/chain.h>
#include <boot/chain/options.h>
#include <boot/flow.h>
#include <boot/report_options.h>
#include <report/blob.h>
#include <report/blob_patch.h>
#include <report/memory_mm.h>

#define SETUP_NONE	0
#define SETUP_HEADER	16	/* setup_data's next, type, len */

static struct report_memory memory;
static u32 jump_phase = UINT32_MAX;	/* the blob's "jump" placeholder */

/*
 * T2 is the jump, after the chain phase placed the next kernel: the blob
 * gets a "jump" phase with a placeholder stamp that flow_stamp_jump()
 * rewrites. Only when a next kernel may be booted; the console report
 * (printed before) ends with the phases done so far.
 */
static void add_jump_placeholder(struct flow *f)
{
	struct chain_status st;
	enum chain_mode mode;
	u32 n = f->timeline->count;

	chain_mode_from_cmdline(f->bi->cmdline, &mode, &st);
	if (!f->bi->initrd_size || mode == CHAIN_MODE_OFF)
		return;
	timeline_mark(f->timeline, "jump", BLOB_PATCH_PLACEHOLDER);
	if (f->timeline->count > n)
		jump_phase = n;
}

static void patch_copy(struct flow *f, void *blob, u64 len,
		       const char *where)
{
	if (!report_blob_patch_phase(blob, len, f->timeline, jump_phase))
		pr_warn("report: jump stamp not written into the %s\n",
			where);
}

/*
 * baton.report.tamper=blob (test only): flips the low bit of the middle
 * JSON byte of the subtree blob, after its last CRC was written (the jump
 * stamp's patch), so the next kernel must report the blob damaged while
 * the handover itself is untouched.
 */
static void tamper_subtree_blob(struct flow *f)
{
	const struct report_blob_header *h = f->report_subtree_blob;
	u8 *at;

	if (report_tamper_from_cmdline(f->bi->cmdline) != REPORT_TAMPER_BLOB)
		return;
	if (!h || report_blob_check(h, f->report_subtree_len, NULL) !=
		  REPORT_BLOB_VALID || !h->json_size) {
		pr_warn("report: baton.report.tamper=blob: no valid subtree blob to alter\n");
		return;
	}
	at = (u8 *)f->report_subtree_blob + h->header_size + h->json_size / 2;
	*at ^= 1;
	pr_warn("report: baton.report.tamper=blob: flipped bit 0 of subtree blob byte %#llx after its crc32 0x%08x (test option)\n",
		(unsigned long long)(at - (u8 *)f->report_subtree_blob),
		h->crc32);
}

/*
 * The blob went as the KHO subtree, or as setup_data copied by chain.
 * The last writes to the blobs before the jump.
 */
void flow_stamp_jump(struct flow *f, const struct chain_result *res)
{
	u64 tsc = arch_timestamp();	/* T2: only the patch and jump follow */
	u32 i;

	if (jump_phase != UINT32_MAX) {
		f->timeline->phases[jump_phase].tsc = tsc;
		if (f->report_subtree_blob)
			patch_copy(f, f->report_subtree_blob,
				   f->report_subtree_len, "KHO subtree blob");
		for (i = 0; i < res->layout.entry_count; i++) {
			const struct chain_params_entry *e =
				&res->layout.entries[i];

			if (e->source == CHAIN_ENTRY_EXTRA && e->len)
				patch_copy(f, (void *)(uintptr_t)
					   (res->boot_params + e->offset +
					    SETUP_HEADER),
					   e->len, "setup_data copy");
		}
	}
	tamper_subtree_blob(f);
}

static void write_blob(struct flow *f, const struct report_input *in)
{
	u64 size = report_blob_size(in);
	void *blob;

	if (!f->mm_ready || !size || size > UINT32_MAX)
		return;
	blob = flow_alloc(f, size);
	if (!blob) {
		pr_warn("report: no room for the %llu-byte report blob: %s\n",
			(unsigned long long)size, f->mm->error);
		return;
	}
	if (report_blob_write(blob, size, in) != size) {
		pr_warn("report: writing the report blob failed\n");
		return;
	}
	f->report_blob.type = SETUP_NONE;
	f->report_blob.data = blob;
	f->report_blob.len = (u32)size;
	pr_info("report: blob 0x%llx bytes at 0x%llx\n",
		(unsigned long long)size, (unsigned long long)(uintptr_t)blob);
}

static void print_console(struct flow *f, const struct report_input *in)
{
	bool valid, summary = report_log_summary(f->bi->cmdline, &valid);

	if (!valid)
		pr_warn("report: baton.log= accepts full or summary; using full\n");
	if (summary)
		report_print_console_summary(in);
	else
		report_print_console(in);
}

void phase_report(struct flow *f)
{
	struct report_input in = {
		.baton_version = BATON_VERSION,
		.boot = f->bi,
		.model = f->model,
		.findings = { f->boot_findings, f->handover_findings,
			      f->mm_findings, f->chain_findings },
		.memory = &memory,
		.timeline = f->timeline,
		.fingerprint = f->fingerprint,
		.chain = f->precheck,
		.bridge = f->bridge,
		.digest = f->digest,
	};
	struct report_verdict verdict;

	report_memory_from_mm(f->mm, &memory);
	report_verdict(&in, &verdict);
	f->error_findings = verdict.errors;
	print_console(f, &in);
	add_jump_placeholder(f);
	write_blob(f, &in);
}
