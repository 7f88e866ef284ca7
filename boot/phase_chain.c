// SPDX-License-Identifier: MIT
/*
 * The chain phase: boots the next kernel from the bundle (boot/chain), or
 * says why not, and decides how the run ends when it does not.
 */
#include <baton/log.h>
#include <boot/boot_params.h>
#include <boot/chain/chain_boot.h>
#include <boot/flow.h>

#define RNG_SEED_BYTES	32

static u8 rng_seed[RNG_SEED_BYTES];

static enum baton_exit_status clean_exit(const struct flow *f)
{
	return f->error_findings ? BATON_EXIT_FAILURE : BATON_EXIT_SUCCESS;
}

static void stamp_jump(void *ctx, const struct chain_result *res)
{
	flow_stamp_jump(ctx, res);
}

enum baton_exit_status phase_chain(struct flow *f)
{
	struct chain_boot_args args = {
		.bi = f->bi,
		.incoming_boot_params = f->protocol == BOOT_PROTOCOL_LINUX64 ?
			(const void *)(uintptr_t)f->info_pa : NULL,
		.view = f->ram_view,
		.mm = f->mm,
		.error_findings = f->error_findings > UINT32_MAX ?
			UINT32_MAX : (u32)f->error_findings,
		.rng_seed = arch_random_bytes(rng_seed, sizeof(rng_seed)) ?
			rng_seed : NULL,
		.extra = f->report_blob.len ? &f->report_blob : NULL,
		.kho_fdt_pa = f->kho_fdt_out,
		.before_jump = stamp_jump,
		.before_jump_ctx = f,
	};
	struct chain_status st;
	enum chain_decision decision;

	if (!f->bi->initrd_size) {
		pr_info("chain: no bundle (no initrd), no next kernel to boot\n");
		return clean_exit(f);
	}
	if (f->bridge_failed) {
		pr_err("chain: not booting the next kernel: baton.bridge=on could not bridge the handover (docs/bridge.md)\n");
		return BATON_EXIT_FAILURE;
	}
	if (!f->mm_ready) {
		pr_err("chain: not booting the next kernel: no memory model to place it with\n");
		return BATON_EXIT_FAILURE;
	}
	decision = chain_boot(&args, &st);
	if (decision == CHAIN_GO)	/* chain_prepare failed, logged */
		return BATON_EXIT_FAILURE;
	return clean_exit(f);
}
