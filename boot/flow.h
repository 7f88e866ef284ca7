/* SPDX-License-Identifier: MIT */
/*
 * The payload's main flow after the boot summary: the state the phases
 * share (boot description, RAM view, memory model, handover model, findings,
 * timeline) and one entry point per phase file (boot/phase_*.c).
 */
#ifndef BATON_BOOT_FLOW_H
#define BATON_BOOT_FLOW_H

#include <baton/arch.h>
#include <baton/bootinfo.h>
#include <baton/findings.h>
#include <baton/physmem.h>
#include <boot/chain/abi_precheck.h>
#include <boot/chain/boot_params_build.h>
#include <luo/bridge/bridge.h>
#include <luo/digest_check.h>
#include <luo/handover_fingerprint.h>
#include <luo/model.h>
#include <mm/mm.h>
#include <report/report.h>
#include <report/timeline.h>

#define BATON_VERSION		"0.1.0"

/*
 * The handover phase's finding capacity (also the report phase's
 * parse-back); host tools that predict or reproduce baton's report
 * (mkhandover, baton-inspect) use the same number. Sessions, files,
 * memfds and folios have no fixed capacity: the model grows from mm
 * (flow_handover_storage).
 */
#define FLOW_HANDOVER_FINDINGS	256

struct flow {
	struct boot_info *bi;
	u32 protocol;			/* BOOT_PROTOCOL_* */
	u64 info_pa;			/* boot_params or PVH start_info */
	struct phys_view *ram_view;
	struct finding_list *boot_findings;
	struct finding_list *handover_findings;
	struct finding_list *mm_findings;
	struct report_timeline *timeline;

	struct mm *mm;
	bool mm_ready;			/* mm_reserve_commit succeeded */
	bool paging_ready;		/* mm's read-only map is active */
	struct chain_precheck *precheck;	/* NULL: next kernel not checked */
	struct finding_list *chain_findings;	/* from phase_precheck */
	struct handover_model *model;	/* NULL until a handover is parsed */
	struct handover_fingerprint *fingerprint;	/* NULL: none */
	phys_addr_t kho_fdt_out;	/* baton's amended KHO FDT, 0: none */
	const struct bridge_result *bridge;	/* NULL: not bridged */
	bool bridge_failed;		/* baton.bridge=on failed: no chain */
	/* the bridged handover's entries and map pages beyond mm's counts */
	u64 bridge_entries;
	u64 bridge_map_pages;
	struct digest_report *digest;	/* NULL until phase_digest ran */

	struct chain_extra_setup_data report_blob;	/* len 0: none */
	void *report_subtree_blob;	/* the blob's KHO subtree copy */
	u32 report_subtree_len;
	u64 error_findings;
};

/*
 * boot/phase_handover.c: model storage from mm: folio and index arrays for
 * the preserved entries the memory phase counted plus extra_entries, map
 * pages plus extra_map_pages; sessions, files and memfds grow from mm as
 * the parse finds them.
 */
void flow_handover_storage(struct flow *f, struct model_storage *st,
			   u64 extra_entries, u64 extra_map_pages);

/* boot/phase_memory.c: mm from e820, boot data and the preserved map. */
void phase_memory(struct flow *f);
/*
 * boot/phase_memory.c: the .bss visited-set pool of the memory phase's
 * map walks (*slots slots), free for any later parse once that phase is
 * over (each map walk clears it first).
 */
u64 *flow_map_visit_pool(u64 *slots);
/* boot/phase_paging.c: mm's mapping (preserved RAM read-only). */
void phase_paging(struct flow *f);
/* boot/phase_handover.c: the full KHO/LUO parse into f->model. */
void phase_handover(struct flow *f);
/* boot/phase_digest.c: memfd CRC32Cs against baton-agent's manifest. */
void phase_digest(struct flow *f);
/* boot/phase_precheck.c: the next kernel's ABI against the handover. */
void phase_precheck(struct flow *f);
/*
 * boot/phase_bridge.c: baton.bridge=on, the handover rewritten for a next
 * kernel of a newer ABI (docs/bridge.md); runs phase_precheck again.
 */
void phase_bridge(struct flow *f);
/* boot/phase_report.c: console report and the blob for the next kernel. */
void phase_report(struct flow *f);
/* boot/phase_report.c: stamps T2 into the blob and its setup_data copy. */
struct chain_result;
void flow_stamp_jump(struct flow *f, const struct chain_result *res);
/* boot/phase_capture.c: baton.capture=serial, the handover as a capture. */
void phase_capture(struct flow *f);
/* boot/phase_fingerprint.c: handover fingerprints; baton.role=verify. */
void phase_fingerprint(struct flow *f);
/* boot/phase_amend.c: the report blob as the KHO subtree `baton`. */
void phase_amend(struct flow *f);
/* boot/phase_chain.c: chain-load, or return the exit status. */
enum baton_exit_status phase_chain(struct flow *f);
/*
 * boot/selftest_preserved.c: baton.selftest=write-preserved, run once
 * preserved memory is mapped read-only. Returns when it is not selected.
 */
bool selftest_preserved_selected(const char *cmdline);
void selftest_write_preserved(struct flow *f);

/* Records the end of a phase on the timeline. */
void flow_mark(struct flow *f, const char *phase);

/*
 * boot/flow.c: size bytes of mm memory, page aligned, below the paging
 * limit (mapped, writable); NULL when there is no room, f->mm->error says
 * why.
 */
void *flow_alloc(struct flow *f, u64 size);
/*
 * boot/flow.c: size bytes outside scratch (for what the next kernel must
 * find: docs/handover-abi.md §3.9), mapped writable and zeroed; NULL with
 * f->mm->error.
 */
void *flow_alloc_outside(struct flow *f, u64 size, phys_addr_t *pa);
/*
 * boot/flow.c: adds a finding to f->boot_findings and logs it now: as the
 * finding line (phase NULL) or as "<phase>: <CODE>: <message>".
 */
void flow_finding(struct flow *f, const char *phase, enum finding_code code,
		  phys_addr_t pa, const char *fmt, ...) __printf(5, 6);

#endif
