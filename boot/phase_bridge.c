// SPDX-License-Identifier: MIT
/*
 * The bridge phase (baton.bridge=on, docs/bridge.md): when the precheck
 * finds that the next kernel speaks kho-v4, luo-v5 and memfd-v2 and the
 * handover an older ABI, the handover's descriptors are rewritten in fresh
 * pages outside scratch (luo/bridge/), the result is parsed back by the
 * same parser and compared with the received model, and only when they
 * are equal does the rest of the flow (precheck again, report subtree,
 * chain) see the bridged handover. A failed bridge stops the chain.
 */
#include <baton/log.h>
#include <boot/bridge_options.h>
#include <boot/flow.h>
#include <luo/bridge/bridge.h>
#include <luo/handover.h>

static struct handover_model bridged;
static struct finding back_storage[FLOW_HANDOVER_FINDINGS];
static struct finding_list back_findings;
static struct bridge_result result;

static void *alloc_page(void *ctx, phys_addr_t *pa)
{
	return flow_alloc_outside(ctx, PAGE_SIZE, pa);
}

/* The versions the bridge writes are the ones the next kernel speaks. */
static bool target_ok(const struct chain_abi *k)
{
	return k->kho == KHO_VERSION_V4 && k->luo == LUO_VERSION_V5 &&
	       k->memfd == MEMFD_VERSION_V2;
}

static bool run(struct flow *f)
{
	const struct handover_model *m = f->model;
	struct bridge_request req = {
		.view = f->ram_view, .old = m,
		.alloc = { alloc_page, f },
	};
	struct handover_config cfg = { .view = f->ram_view,
				       .kho = f->bi->kho };
	struct model_storage st = { 0 };
	u64 errors;

	req.work_cap = bridge_work_entries(m);
	req.work = flow_alloc(f, req.work_cap * sizeof(u64));
	if (!req.work) {
		flow_finding(f, NULL, E_BRIDGE_WRITE_FAILED, 0,
			     "bridge: no room for %llu map entries: %s",
			     (unsigned long long)req.work_cap, f->mm->error);
		return false;
	}
	if (!bridge_handover(&req, &result, f->handover_findings))
		return false;
	pr_info("bridge: %s (%s %s %s) -> kho-v4 luo-v5 memfd-v2: KHO FDT %#llx -> %#llx, map root %#llx, %llu descriptor pages written (%u session blocks, %u file blocks, %u memfd-v2 descriptors%s) + %llu map pages; %llu old descriptors dropped, %llu bytes freed, %llu old map pages released\n",
		release_profile_name(result.from),
		kho_version_name(result.from_kho),
		luo_version_name(result.from_luo),
		memfd_version_name(result.from_memfd),
		(unsigned long long)f->bi->kho.fdt_addr,
		(unsigned long long)result.fdt_pa,
		(unsigned long long)result.map_root,
		(unsigned long long)result.pages_written,
		result.session_blocks, result.file_blocks,
		result.memfds_rewritten,
		result.metadata_synthesized ? ", kexec-metadata" : "",
		(unsigned long long)result.map_pages,
		(unsigned long long)result.entries_dropped,
		(unsigned long long)result.bytes_freed,
		(unsigned long long)result.old_map_pages);
	/* the parse back: the received counts plus what the bridge wrote */
	cfg.kho.fdt_addr = result.fdt_pa;
	cfg.kho.fdt_size = result.fdt_size;
	flow_handover_storage(f, &st, result.pages_written,
			      result.map_pages);
	finding_list_init(&back_findings, back_storage,
			  FLOW_HANDOVER_FINDINGS);
	handover_parse(&cfg, &st, &bridged, &back_findings);
	errors = back_findings.by_severity[FINDING_ERROR];
	if (!bridge_models_equal(m, &bridged, errors, &result,
				 f->handover_findings))
		return false;
	pr_info("bridge: bridged handover parsed back: %s, equal to the received one (%u sessions, %u files, %u memfds, %u FLBs, %u reserve_mem, %llu preserved entries)\n",
		release_profile_name(bridged.profile), bridged.session_count,
		bridged.file_count, bridged.memfd_count, bridged.flb_count,
		bridged.reserve_mem_count,
		(unsigned long long)bridged.preserved.count);
	return true;
}

/* Already what the bridge writes (no LUO or no memfd counts as written). */
static bool handover_newest(const struct chain_abi *h)
{
	return h->kho == KHO_VERSION_V4 &&
	       (h->luo == LUO_VERSION_NONE || h->luo == LUO_VERSION_V5) &&
	       (h->memfd == MEMFD_VERSION_NONE || h->memfd == MEMFD_VERSION_V2);
}

/*
 * always: any older handover, also for a next kernel that would take it as
 * it is (baton itself, whose precheck matches every ABI): what a chain of
 * batons or a later kernel that only speaks the newest versions needs.
 */
static bool wanted(struct flow *f, enum bridge_mode mode)
{
	const struct chain_precheck *pc = f->precheck;

	if (!f->model || !pc) {
		pr_info("bridge: no handover or no next kernel: nothing to bridge\n");
		return false;
	}
	if (mode == BRIDGE_ALWAYS) {
		if (pc->handover_present && !handover_newest(&pc->handover))
			return true;
		pr_info("bridge: the handover is kho-v4 luo-v5 memfd-v2 already: nothing to bridge\n");
		return false;
	}
	if (pc->result != CHAIN_ABI_MISMATCH) {
		pr_info("bridge: no ABI mismatch with the next kernel: nothing to bridge\n");
		return false;
	}
	return true;
}

void phase_bridge(struct flow *f)
{
	bool valid;
	enum bridge_mode mode = bridge_mode_from_cmdline(f->bi->cmdline,
							 &valid);
	char line[160];
	u64 errors;

	if (!valid)
		pr_warn("bridge: baton.bridge= accepts off, on or always; using off\n");
	if (mode == BRIDGE_OFF || !wanted(f, mode))
		return;
	chain_precheck_text(f->precheck, line, sizeof(line));
	pr_info("bridge: %s\n", line);
	if (!f->precheck->next_is_baton && !target_ok(&f->precheck->kernel)) {
		pr_info("bridge: the next kernel speaks %s %s %s; the bridge writes only kho-v4 luo-v5 memfd-v2: not bridged\n",
			kho_version_name(f->precheck->kernel.kho),
			luo_version_name(f->precheck->kernel.luo),
			memfd_version_name(f->precheck->kernel.memfd));
		return;
	}
	errors = f->handover_findings->by_severity[FINDING_ERROR];
	if (errors || !f->mm_ready) {
		flow_finding(f, NULL, E_BRIDGE_UNSUPPORTED, 0,
			     "bridge: %s: nothing written",
			     errors ? "the received handover has errors" :
				      "no memory model");
		f->bridge_failed = true;
		return;
	}
	if (!run(f)) {
		pr_err("bridge: not bridged; the chain is stopped\n");
		f->bridge_failed = true;
		flow_mark(f, "bridge");
		return;
	}
	/* from here on, the handover is the bridged one */
	f->bi->kho.fdt_addr = result.fdt_pa;
	f->bi->kho.fdt_size = result.fdt_size;
	f->kho_fdt_out = result.fdt_pa;
	f->model = &bridged;
	/* later parses (the report subtree's) size storage for these too */
	f->bridge_entries = result.pages_written;
	f->bridge_map_pages = result.map_pages;
	f->bridge = &result;
	phase_precheck(f);
	flow_mark(f, "bridge");
}
