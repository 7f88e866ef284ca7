// SPDX-License-Identifier: MIT
/*
 * The report phase: the human report and the JSON block on the consoles,
 * and the report blob (in an mm allocation) for the next kernel: the
 * report subtree phase (phase_amend.c) hands it over as the KHO subtree
 * `baton`; where it cannot, the chain phase adds it as a SETUP_NONE entry.
 */
#include <baton/log.h>
#include <boot/flow.h>
#include <report/blob.h>
#include <report/memory_mm.h>

#define SETUP_NONE	0

static struct report_memory memory;

static void write_blob(struct flow *f, const struct report_input *in)
{
	u64 size = report_blob_size(in);
	phys_addr_t pa;

	if (!f->mm_ready || !size || size > UINT32_MAX)
		return;
	if (mm_alloc(f->mm, size, PAGE_SIZE, 0, arch_paging_limit(), &pa)) {
		pr_warn("report: no room for the %llu-byte report blob: %s\n",
			(unsigned long long)size, f->mm->error);
		return;
	}
	if (report_blob_write((void *)(uintptr_t)pa, size, in) != size) {
		pr_warn("report: writing the report blob failed\n");
		return;
	}
	f->report_blob.type = SETUP_NONE;
	f->report_blob.data = (const void *)(uintptr_t)pa;
	f->report_blob.len = (u32)size;
	pr_info("report: blob 0x%llx bytes at 0x%llx\n",
		(unsigned long long)size, (unsigned long long)pa);
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
		.digest = f->digest,
	};
	struct report_verdict verdict;

	report_memory_from_mm(f->mm, &memory);
	report_verdict(&in, &verdict);
	f->error_findings = verdict.errors;
	report_print_console(&in);
	write_blob(f, &in);
}
