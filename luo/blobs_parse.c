// SPDX-License-Identifier: MIT
/*
 * The small sub-blobs: memblock / reserve_mem (memblock-v1, §2.11) and
 * kexec-metadata (§2.12), with invariants K1 and K2.
 */
#include <luo/luo_internal.h>
#include <libfdt.h>
#include <string.h>

static void reserve_mem_node(struct luo_parse_ctx *c, const void *fdt,
			     int node, phys_addr_t blob)
{
	struct handover_model *m = c->m;
	struct model_reserve_mem r = { 0 };
	const char *name = fdt_get_name(fdt, node, NULL);
	const void *ps, *pz;
	int ls, lz;

	if (!name)
		return;
	memcpy(r.name, name, strnlen(name, sizeof(r.name) - 1));
	if (strlen(name) >= RESERVE_MEM_NAME_MAX)
		ha_report(&c->ha, E_MEMBLOCK_INVALID, blob,
			  "reserve_mem \"%s\": name longer than %u", r.name,
			  RESERVE_MEM_NAME_MAX - 1);
	if (fdt_node_check_compatible(fdt, node, RESERVE_MEM_COMPAT))
		ha_report(&c->ha, E_MEMBLOCK_INVALID, blob,
			  "reserve_mem \"%s\": not reserve-mem-v1", r.name);
	ps = fdt_getprop(fdt, node, RESERVE_MEM_PROP_START, &ls);
	pz = fdt_getprop(fdt, node, RESERVE_MEM_PROP_SIZE, &lz);
	if (!ps || !pz || ls != RESERVE_MEM_PROP_LEN ||
	    lz != RESERVE_MEM_PROP_LEN) {
		ha_report(&c->ha, E_MEMBLOCK_INVALID, blob,
			  "reserve_mem \"%s\": start/size missing or not 8 bytes",
			  r.name);
		return;
	}
	r.start = abi_le64(ps);
	r.size = abi_le64(pz);
	if (!r.size ||
	    (c->ha.preserved && !ha_is_preserved(&c->ha, r.start, r.size)))
		ha_report(&c->ha, E_POINTER_NOT_PRESERVED, r.start,
			  "reserve_mem \"%s\" [%#llx, +%#llx) not preserved",
			  r.name, (unsigned long long)r.start,
			  (unsigned long long)r.size);
	else
		luo_claim(c, r.start, r.size);
	if (m->reserve_mem_count < RESERVE_MEM_MAX)
		m->reserve_mem[m->reserve_mem_count++] = r;
	else
		m->reserve_mem_truncated = true;
}

void memblock_parse(struct luo_parse_ctx *c)
{
	const struct model_subtree *t;
	struct fdt_header hdr;
	const void *fdt;
	u32 total, children = 0;
	int node, err;

	t = model_find_subtree(c->m, KHO_SUBTREE_MEMBLOCK);
	if (!t)
		return;
	/*
	 * Linux's libfdt refuses a blob that is not 8-byte aligned, and ours
	 * must not even read a header field there: alignment first, then the
	 * header through a copy, whatever the host address of the page is.
	 * Without blob-size (kho-v1/v2) the KHO layer has already reported
	 * the misaligned sub-FDT: once is enough.
	 */
	if (!IS_ALIGNED(t->pa, 8)) {
		if (t->has_size)
			ha_report(&c->ha, E_POINTER_MISALIGNED, t->pa,
				  "memblock FDT at %#llx not 8-byte aligned",
				  (unsigned long long)t->pa);
		return;
	}
	if (!ha_read_preserved(&c->ha, t->pa, &hdr, sizeof(hdr),
			       "memblock FDT"))
		return;
	total = fdt_magic(&hdr) == FDT_MAGIC ? fdt_totalsize(&hdr) : 0;
	if (total < sizeof(hdr) || total > PAGE_SIZE) {
		ha_report(&c->ha, E_MEMBLOCK_INVALID, t->pa,
			  "memblock blob is not an FDT within one page");
		return;
	}
	fdt = ha_map_preserved(&c->ha, t->pa, total, "memblock FDT");
	fdt = fdt ? luo_aligned_fdt(c, fdt, total) : NULL;
	if (!fdt)
		return;
	err = fdt_check_full(fdt, total);
	if (err) {
		ha_report(&c->ha, E_MEMBLOCK_INVALID, t->pa,
			  "memblock FDT: %s", fdt_strerror(err));
		return;
	}
	if (fdt_node_check_compatible(fdt, 0, MEMBLOCK_COMPAT)) {
		ha_report(&c->ha, E_MEMBLOCK_INVALID, t->pa,
			  "memblock FDT root is not memblock-v1");
		return;
	}
	fdt_for_each_subnode(node, fdt, 0) {
		children++;
		reserve_mem_node(c, fdt, node, t->pa);
	}
	if (children > RESERVE_MEM_MAX)
		ha_report(&c->ha, E_MEMBLOCK_INVALID, t->pa,
			  "memblock FDT has %u regions > %u", children,
			  RESERVE_MEM_MAX);
}

void metadata_parse(struct luo_parse_ctx *c)
{
	struct model_metadata *md = &c->m->metadata;
	const struct model_subtree *t;
	const char *release;
	const u8 *p;

	t = model_find_subtree(c->m, KHO_SUBTREE_METADATA);
	if (!t)
		return;
	if (t->has_size && t->size < sizeof(struct kho_kexec_metadata_ser)) {
		ha_report(&c->ha, W_METADATA_INVALID, t->pa,
			  "kexec-metadata blob-size %llu < %zu",
			  (unsigned long long)t->size,
			  sizeof(struct kho_kexec_metadata_ser));
		return;
	}
	p = ha_map_preserved(&c->ha, t->pa,
			     sizeof(struct kho_kexec_metadata_ser),
			     "kexec-metadata");
	if (!p)
		return;
	md->present = true;
	md->version = ABI_LE32(p, struct kho_kexec_metadata_ser, version);
	md->kexec_count = ABI_LE32(p, struct kho_kexec_metadata_ser,
				   kexec_count);
	if (md->version != KHO_METADATA_VERSION)
		ha_report(&c->ha, W_METADATA_INVALID, t->pa,
			  "kexec-metadata version %u", md->version);
	release = (const char *)ABI_FIELD(p, struct kho_kexec_metadata_ser,
					  previous_release);
	if (!luo_copy_name(md->previous_release, release,
			   KHO_METADATA_RELEASE_LEN))
		ha_report(&c->ha, W_METADATA_INVALID, t->pa,
			  "kexec-metadata release not NUL-terminated");
	if (md->kexec_count == 0)
		ha_report(&c->ha, W_METADATA_INVALID, t->pa,
			  "kexec-metadata kexec_count is 0");
}
