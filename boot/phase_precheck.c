// SPDX-License-Identifier: MIT
/*
 * The chain precheck phase: before the report, reads the next kernel from
 * the bundle and checks it speaks the handover's ABI, so the result and
 * its findings are part of the report (and, under on-clean, of the
 * decision to chain). Bundle problems are left to the chain phase.
 */
#include <boot/chain/abi_precheck.h>
#include <boot/chain/bundle.h>
#include <baton/arch.h>
#include <boot/flow.h>

#define CHAIN_FINDINGS_MAX	8

static struct finding chain_finding_storage[CHAIN_FINDINGS_MAX];
static struct finding_list chain_findings;
static struct chain_precheck precheck;

void phase_precheck(struct flow *f)
{
	const struct boot_info *bi = f->bi;
	struct chain_precheck_input in = { 0 };
	struct chain_bundle bundle;
	struct chain_status st;
	const void *data;

	finding_list_init(&chain_findings, chain_finding_storage,
			  CHAIN_FINDINGS_MAX);
	f->chain_findings = &chain_findings;
	chain_mode_from_cmdline(bi->cmdline, &in.mode, &st);
	if (!bi->initrd_size || in.mode == CHAIN_MODE_OFF)
		return;
	data = phys_map(f->ram_view, bi->initrd_pa, bi->initrd_size);
	if (!data || !chain_bundle_parse(data, bi->initrd_size, bi->initrd_pa,
					 &bundle, &st))
		return;
	in.kernel = bundle.kernel.data;
	in.kernel_size = bundle.kernel.size;
	in.la57_active = arch_cpu_la57();
	in.model = f->model;
	in.arm64_image = f->protocol == BOOT_PROTOCOL_DTB;
	chain_abi_precheck(&in, &precheck, &chain_findings);
	f->precheck = &precheck;
}
