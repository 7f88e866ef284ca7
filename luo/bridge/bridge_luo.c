// SPDX-License-Identifier: MIT
/*
 * luo-v5 from the received model: struct luo_ser, the session kho_block
 * chain, one file chain per session, the FLB page, and a memfd-v2
 * descriptor for each memfd-v1 file (memfd-v2 descriptors are pointed at
 * where they are). Entries keep the received order.
 */
#include <string.h>
#include <luo/abi.h>
#include <luo/bridge/bridge_internal.h>

/* Appends fixed-size entries to a kho_block chain, a page at a time. */
struct chain {
	struct bridge_ctx *c;
	u32 entry_size;
	u32 used;			/* entries in the current block */
	u32 *blocks;			/* result counter */
	phys_addr_t head;
	u8 *block;
	const char *what;
};

static u8 *chain_next(struct chain *ch)
{
	phys_addr_t pa;
	u8 *blk;

	if (!ch->block || ch->used == kho_block_capacity(ch->entry_size)) {
		blk = bridge_page(ch->c, &pa, true, ch->what);
		if (!blk)
			return NULL;
		if (ch->block)
			ABI_PUT_LE64(ch->block, struct kho_block_header_ser,
				     next, pa);
		else
			ch->head = pa;
		ch->block = blk;
		ch->used = 0;
		(*ch->blocks)++;
	}
	ch->used++;
	ABI_PUT_LE64(ch->block, struct kho_block_header_ser, count, ch->used);
	return ch->block + sizeof(struct kho_block_header_ser) +
	       (u64)(ch->used - 1) * ch->entry_size;
}

static void put_str(u8 *dst, const char *s, size_t field)
{
	memcpy(dst, s, strnlen(s, field - 1));
}

/* The memfd-v2 descriptor of a memfd-v1 file, in a page of its own. */
static phys_addr_t memfd_v2(struct bridge_ctx *c, const struct model_memfd *f)
{
	phys_addr_t pa;
	u8 *p = bridge_page(c, &pa, true, "memfd-v2 descriptor");

	if (!p)
		return 0;
	ABI_PUT_LE64(p, struct memfd_luo_v2_ser, pos, f->pos);
	ABI_PUT_LE64(p, struct memfd_luo_v2_ser, size, f->size);
	ABI_PUT_LE32(p, struct memfd_luo_v2_ser, seals, BRIDGE_MEMFD_V1_SEALS);
	ABI_PUT_LE32(p, struct memfd_luo_v2_ser, flags, 0);
	ABI_PUT_LE64(p, struct memfd_luo_v2_ser, nr_folios, f->nr_folios);
	/* the same folio array: its kho_vmalloc descriptor, as serialized */
	memcpy(p + offsetof(struct memfd_luo_v2_ser, folios), &f->folios_desc,
	       sizeof(f->folios_desc));
	c->res->memfds_rewritten++;
	return pa;
}

static bool write_file(struct bridge_ctx *c, struct chain *files,
		       const struct model_file *f)
{
	const struct model_memfd *mf = &c->m->memfds[f->memfd];
	phys_addr_t data = f->data;
	u8 *e;

	if (mf->version == MEMFD_VERSION_V1) {
		data = memfd_v2(c, mf);
		if (!data)
			return false;
	}
	e = chain_next(files);
	if (!e)
		return false;
	put_str(e, MEMFD_COMPAT_V2, LUO_FILE_COMPAT_LEN);
	ABI_PUT_LE64(e, struct luo_file_ser, data, data);
	ABI_PUT_LE64(e, struct luo_file_ser, token, f->token);
	return true;
}

static bool write_session(struct bridge_ctx *c, struct chain *sessions,
			  const struct model_session *s)
{
	struct chain files = { .c = c, .entry_size = sizeof(struct luo_file_ser),
			       .blocks = &c->res->file_blocks,
			       .what = "file block" };
	u32 i;
	u8 *e;

	for (i = 0; i < s->file_count; i++)
		if (!write_file(c, &files, &c->m->files[s->file_first + i]))
			return false;
	e = chain_next(sessions);
	if (!e)
		return false;
	put_str(e, s->name, LUO_SESSION_NAME_LEN);
	ABI_PUT_LE64(e, struct luo_session_ser, files, files.head);
	ABI_PUT_LE64(e, struct luo_session_ser, count, s->file_count);
	return true;
}

static phys_addr_t write_flbs(struct bridge_ctx *c)
{
	const struct handover_model *m = c->m;
	phys_addr_t pa;
	u8 *p = bridge_page(c, &pa, true, "FLB page");
	u32 i;

	if (!p)
		return 0;
	ABI_PUT_LE64(p, struct luo_flb_header_ser, pgcnt, 1);
	ABI_PUT_LE64(p, struct luo_flb_header_ser, count, m->flb_count);
	for (i = 0; i < m->flb_count; i++) {
		u8 *e = ABI_ELEM(p + sizeof(struct luo_flb_header_ser),
				 struct luo_flb_ser, i);

		put_str(e, m->flbs[i].name, LUO_FLB_NAME_LEN);
		ABI_PUT_LE64(e, struct luo_flb_ser, data, m->flbs[i].data);
		ABI_PUT_LE64(e, struct luo_flb_ser, count, m->flbs[i].count);
	}
	return pa;
}

phys_addr_t bridge_write_luo(struct bridge_ctx *c)
{
	const struct handover_model *m = c->m;
	struct chain sessions = { .c = c,
				  .entry_size = sizeof(struct luo_session_ser),
				  .blocks = &c->res->session_blocks,
				  .what = "session block" };
	phys_addr_t luo, flbs;
	u32 i;
	u8 *p;

	p = bridge_page(c, &luo, true, "luo_ser");
	if (!p)
		return 0;
	for (i = 0; i < m->session_count; i++)
		if (!write_session(c, &sessions, &m->sessions[i]))
			return 0;
	flbs = write_flbs(c);
	if (!flbs)
		return 0;
	memcpy(p + offsetof(struct luo_ser, compatible), LUO_V5_COMPAT,
	       sizeof(LUO_V5_COMPAT));
	ABI_PUT_LE64(p, struct luo_ser, liveupdate_num, m->liveupdate_num);
	ABI_PUT_LE64(p, struct luo_ser, sessions_pa, sessions.head);
	ABI_PUT_LE64(p, struct luo_ser, flbs_pa, flbs);
	return luo;
}
