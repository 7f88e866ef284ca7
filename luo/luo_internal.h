/* SPDX-License-Identifier: MIT */
/*
 * Private glue between the LUO-layer parsers (luo_parse.c, memfd_parse.c,
 * blobs_parse.c): one context carrying the accessor and the model.
 */
#ifndef BATON_LUO_LUO_INTERNAL_H
#define BATON_LUO_LUO_INTERNAL_H

#include <luo/handover.h>
#include <luo/kho_block.h>
#include <string.h>

struct luo_parse_ctx {
	const struct handover_config *cfg;
	struct handover_access ha;
	struct handover_model *m;
	bool stopped;		/* visited set full: E_NOT_VALIDATED, no more */
	bool preserved_overlap;	/* some preserved entries overlap */
};

/*
 * Enters pa in the LUO visited set: VISIT_NEW to parse it. A full set
 * reports E_NOT_VALIDATED (once) and stops the parse.
 */
static inline enum visit_result luo_visit(struct luo_parse_ctx *c,
					  phys_addr_t pa, const char *what)
{
	enum visit_result r = visit_set_add(&c->m->luo_visit, pa);

	if (r == VISIT_FULL) {
		luo_visit_full(&c->ha, &c->m->luo_visit, pa, what);
		c->stopped = true;
	}
	return r;
}

static inline void luo_claim(struct luo_parse_ctx *c, phys_addr_t pa, u64 len)
{
	preserved_index_claim(&c->m->preserved, pa, len);
}

static inline u64 div_round_up_u64(u64 a, u64 b)
{
	return a / b + (a % b != 0);
}

/* Copies a fixed-size name field; false when it has no NUL. */
bool luo_copy_name(char *dst, const char *field, size_t field_len);

/*
 * libfdt wants 8-byte aligned blobs: returns fdt itself or a copy in the
 * model's FDT buffer (free once the root FDT has been parsed), or NULL.
 */
static inline const void *luo_aligned_fdt(struct luo_parse_ctx *c,
					  const void *fdt, u32 total)
{
	if (((uintptr_t)fdt & 7) == 0)
		return fdt;
	if (total > sizeof(c->m->fdt_copy))
		return NULL;
	memcpy(c->m->fdt_copy, fdt, total);
	return c->m->fdt_copy;
}

/* Parses one memfd file at data; returns its model index or -1. */
s32 memfd_parse(struct luo_parse_ctx *c, phys_addr_t data,
		enum memfd_version version);

void memblock_parse(struct luo_parse_ctx *c);
void metadata_parse(struct luo_parse_ctx *c);

#endif
