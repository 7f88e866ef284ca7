// SPDX-License-Identifier: MIT
/* The chain phase in the payload: decide, prepare, log, jump. */
#include <baton/arch.h>
#include <baton/log.h>
#include <boot/chain/chain_boot.h>
#include <boot/chain/jump.h>
#include <boot/chain/place_mm.h>

/* Too large for baton's stack; there is only ever one chain phase. */
static struct chain_result result;

static void *map_identity(void *ctx, phys_addr_t pa, u64 size,
			  enum chain_segment_kind kind)
{
	struct arch_map_range range = {
		.pa = pa, .size = size,
		.attrs = ARCH_MAP_WRITE |
			 (kind == CHAIN_SEG_KERNEL ? ARCH_MAP_EXEC : 0),
	};

	if (arch_paging_map(&range))
		return NULL;
	return (void *)(uintptr_t)pa;
}

static void log_plan(const struct chain_result *r)
{
	const struct chain_bzimage *k = &r->kernel;
	int i;

	pr_info("chain: next kernel: protocol %u.%02u, payload %#llx bytes, init_size %#x, alignment %#llx, pref_address %#llx\n",
		k->version >> 8, k->version & 0xff,
		(unsigned long long)k->payload_size, k->init_size,
		(unsigned long long)k->kernel_alignment,
		(unsigned long long)k->pref_address);
	pr_info("chain: command line (%s): %s\n",
		chain_cmdline_source_name(r->cmdline_source), r->cmdline);
	for (i = 0; i < CHAIN_SEG_COUNT; i++) {
		const struct chain_segment *s = &r->plan.seg[i];

		if (s->present)
			pr_info("chain: segment %-11s [%#llx-%#llx)\n",
				chain_segment_name(i),
				(unsigned long long)s->pa,
				(unsigned long long)(s->pa + s->memsz));
	}
	pr_info("chain: setup_data: %u entries, e820 %u + %u ext, %u RNG seed(s) dropped\n",
		r->layout.entry_count, r->layout.e820_zeropage,
		r->layout.e820_ext, r->layout.dropped_rng_seeds);
}

enum chain_decision chain_boot(const struct chain_boot_args *args,
			       struct chain_status *st)
{
	struct chain_request req = {
		.bi = args->bi,
		.incoming_boot_params = args->incoming_boot_params,
		.view = args->view,
		.la57_active = arch_cpu_la57(),
		.rng_seed = args->rng_seed,
		.extra = args->extra,
		.kho_fdt_pa = args->kho_fdt_pa,
	};
	struct chain_memory_ops mem = { map_identity, NULL };
	struct place_ops place;
	enum chain_decision decision;

	decision = chain_boot_gate(args, st);
	if (decision != CHAIN_GO)
		return decision;
	chain_place_ops_for_mm(&place, args->mm);
	if (!chain_prepare(&req, &place, &mem, &result, st)) {
		pr_err("chain: failed (%s): %s\n", chain_error_name(st->code),
		       st->message);
		return decision;
	}
	log_plan(&result);
	pr_info("chain: jumping to %#llx, boot_params %#llx\n",
		(unsigned long long)result.entry,
		(unsigned long long)result.boot_params);
	if (args->before_jump)
		args->before_jump(args->before_jump_ctx, &result);
	chain_jump(result.entry, result.boot_params);
}
