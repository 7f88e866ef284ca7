/* SPDX-License-Identifier: MIT */
/*
 * Payload glue for the chain phase: reads baton.chain=, decides, runs
 * chain_prepare() on mm's allocator and the identity map, logs every step
 * ("chain: ..." lines) and jumps. Payload only (needs arch paging).
 */
#ifndef BATON_CHAIN_CHAIN_BOOT_H
#define BATON_CHAIN_CHAIN_BOOT_H

#include <mm/mm.h>
#include <boot/chain/chain.h>

struct chain_boot_args {
	const struct boot_info *bi;
	const void *incoming_boot_params;	/* NULL unless LINUX64 */
	const struct phys_view *view;		/* RAM: bundle, handover */
	struct mm *mm;				/* after mm_reserve_commit() */
	u32 error_findings;			/* for baton.chain=on-clean */
	const u8 *rng_seed;			/* 32 fresh bytes or NULL */
	const struct chain_extra_setup_data *extra;	/* or NULL */
	phys_addr_t kho_fdt_pa;		/* baton's amended KHO FDT, 0: none */
	/* Last call before the jump (after the log line), or NULL. */
	void (*before_jump)(void *ctx, const struct chain_result *res);
	void *before_jump_ctx;
};

/*
 * Does not return when it boots the next kernel. Otherwise returns why not
 * (CHAIN_STOP_OFF, CHAIN_STOP_ERRORS) or CHAIN_GO with st->code set when
 * preparing failed; the reason is logged either way.
 */
enum chain_decision chain_boot(const struct chain_boot_args *args,
			       struct chain_status *st);

/*
 * baton.chain= against args->error_findings (gate.c): CHAIN_GO, or the
 * stop, already logged. Both chain_boot()s start with it.
 */
enum chain_decision chain_boot_gate(const struct chain_boot_args *args,
				    struct chain_status *st);

#endif
