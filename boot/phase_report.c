// SPDX-License-Identifier: MIT
/*
 * The report phase: the human report and the JSON block on the consoles,
 * the lines the real-Linux tier compares with its manifest, and the report
 * blob (in an mm allocation) that the chain phase hands to the next kernel
 * as a SETUP_NONE setup_data entry.
 */
#include <baton/log.h>
#include <boot/flow.h>
#include <report/blob.h>
#include <report/memory_mm.h>

#define SETUP_NONE	0

static struct report_memory memory;

/*
 * The agreed comparison lines of docs/real-linux.md: every session with its
 * file count, every file with its token and (memfd) size, in decimal.
 */
static void print_comparison_lines(const struct handover_model *m)
{
	u32 i, j;

	for (i = 0; i < m->session_count; i++) {
		const struct model_session *s = &m->sessions[i];

		pr_info("luo: session name=%s files=%llu\n", s->name,
			(unsigned long long)s->count);
		for (j = 0; j < s->file_count; j++) {
			const struct model_file *file =
				&m->files[s->file_first + j];
			u64 size = 0;

			if (file->memfd >= 0 && (u32)file->memfd < m->memfd_count)
				size = m->memfds[file->memfd].size;
			pr_info("luo: file session=%s token=%llu size=%llu\n",
				s->name, (unsigned long long)file->token,
				(unsigned long long)size);
		}
	}
}

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
			      f->mm_findings },
		.memory = &memory,
		.timeline = f->timeline,
	};
	struct report_verdict verdict;

	report_memory_from_mm(f->mm, &memory);
	report_verdict(&in, &verdict);
	f->error_findings = verdict.errors;
	report_print_console(&in);
	if (f->model)
		print_comparison_lines(f->model);
	write_blob(f, &in);
}
