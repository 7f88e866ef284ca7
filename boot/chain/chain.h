/* SPDX-License-Identifier: MIT */
/*
 * The chain-load sequence in one call: bundle -> bzImage probe -> next
 * command line -> params layout -> placement -> copies -> boot_params.
 * CORE code: memory is reached only through the caller's callbacks, so the
 * payload (identity map) and unit tests (fake RAM) run the same steps.
 * What is left for arch code is the jump itself (boot/chain/jump.h).
 */
#ifndef BATON_CHAIN_CHAIN_H
#define BATON_CHAIN_CHAIN_H

#include <baton/bootinfo.h>
#include <baton/physmem.h>
#include <boot/chain/boot_params_build.h>
#include <boot/chain/bundle.h>
#include <boot/chain/bzimage.h>
#include <boot/chain/options.h>
#include <boot/chain/place.h>
#include <boot/chain/status.h>

struct chain_memory_ops {
	/*
	 * A writable pointer to [pa, pa + size), or NULL. In the payload:
	 * make the range mapped writable (and executable for the kernel
	 * segment) and return (void *)pa.
	 */
	void *(*map_write)(void *ctx, phys_addr_t pa, u64 size,
			   enum chain_segment_kind kind);
	void *ctx;
};

struct chain_request {
	const struct boot_info *bi;
	const void *incoming_boot_params;	/* NULL unless LINUX64 */
	const struct phys_view *view;		/* reads bundle + handover */
	bool la57_active;			/* CR4.LA57 at the jump */
	const u8 *rng_seed;			/* 32 fresh bytes or NULL */
	const struct chain_extra_setup_data *extra;	/* or NULL */
	u64 trampoline_size;			/* 0: no trampoline page */
	phys_addr_t kho_fdt_pa;		/* amended KHO FDT, 0: forward as is */
};

struct chain_result {
	struct chain_bundle bundle;
	struct chain_bzimage kernel;
	enum chain_cmdline_source cmdline_source;
	char cmdline[BOOT_CMDLINE_MAX];
	struct chain_params_layout layout;
	struct chain_plan plan;
	phys_addr_t entry;		/* jump target: kernel + 0x200 */
	phys_addr_t boot_params;	/* RSI at the jump */
};

/*
 * Prepares everything for the jump. The bundle is bi->initrd. Afterwards
 * nothing but the jump may run that writes memory outside baton's own
 * reservations. On failure *st says which step and why; segments placed
 * so far stay claimed.
 */
bool chain_prepare(const struct chain_request *req,
		   const struct place_ops *place,
		   const struct chain_memory_ops *mem,
		   struct chain_result *res, struct chain_status *st);

#endif
