/* SPDX-License-Identifier: MIT */
/*
 * Shared by the bridge's writers: the run's context (request, result, the
 * list of new preserved pages) and the one page allocator all of them use.
 */
#ifndef BATON_LUO_BRIDGE_BRIDGE_INTERNAL_H
#define BATON_LUO_BRIDGE_BRIDGE_INTERNAL_H

#include <luo/bridge/bridge.h>

struct bridge_ctx {
	const struct bridge_request *req;
	const struct handover_model *m;
	struct bridge_result *res;
	struct finding_list *findings;
	u64 count;			/* entries in req->work */
	bool failed;			/* E_BRIDGE_WRITE_FAILED reported */
};

/* A zeroed fresh page; preserved: recorded as a new order-0 entry. */
u8 *bridge_page(struct bridge_ctx *c, phys_addr_t *pa, bool preserved,
		const char *what);

/* luo-v5 from the model (bridge_luo.c); returns the luo_ser pa or 0. */
phys_addr_t bridge_write_luo(struct bridge_ctx *c);

/* A synthesized kexec-metadata blob (bridge_fdt.c); 0 on failure. */
phys_addr_t bridge_write_metadata(struct bridge_ctx *c);

struct bridge_subtree {
	const char *name;
	phys_addr_t pa;
	u64 size;
};

/* The kho-v4 root FDT into the page at fdt (bridge_fdt.c). */
bool bridge_write_root_fdt(struct bridge_ctx *c, u8 *fdt,
			   const struct bridge_subtree *t, u32 count);

/*
 * The kho-v4 radix tree of entries[0..count) (pa | order); sorts them
 * (bridge_map.c). Returns the root's pa, 0 on failure.
 */
phys_addr_t bridge_write_map(struct bridge_ctx *c, u64 *entries, u64 count);

#endif
