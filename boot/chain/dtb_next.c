// SPDX-License-Identifier: MIT
/* The next kernel's DTB: the incoming one with /chosen rewritten. */
#include <libfdt.h>
#include <boot/chain/dtb_next.h>

u64 chain_dtb_size(const struct chain_dtb_input *in)
{
	if (fdt_check_header(in->fdt))
		return 0;
	return (u64)fdt_totalsize(in->fdt) + CHAIN_DTB_EXTRA;
}

/* An (address, size) pair in the root's #address-cells/#size-cells. */
static int set_pair(void *fdt, int node, const char *name, u64 addr,
		    u64 size)
{
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
	fdt32_t cells[4];
	int n = 0;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -FDT_ERR_BADNCELLS;
	if (ac == 2)
		cells[n++] = cpu_to_fdt32((u32)(addr >> 32));
	cells[n++] = cpu_to_fdt32((u32)addr);
	if (sc == 2)
		cells[n++] = cpu_to_fdt32((u32)(size >> 32));
	cells[n++] = cpu_to_fdt32((u32)size);
	return fdt_setprop(fdt, node, name, cells, n * (int)sizeof(cells[0]));
}

/* Absent is fine: the property is not wanted either way. */
static int drop(void *fdt, int node, const char *name)
{
	int rc = fdt_delprop(fdt, node, name);

	return rc == -FDT_ERR_NOTFOUND ? 0 : rc;
}

static int edit_chosen(const struct chain_dtb_input *in, void *fdt,
		       const char **step)
{
	int chosen, rc;

	*step = "/chosen";
	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen == -FDT_ERR_NOTFOUND)
		chosen = fdt_add_subnode(fdt, 0, "chosen");
	if (chosen < 0)
		return chosen;
	*step = "bootargs";
	rc = fdt_setprop_string(fdt, chosen, "bootargs", in->cmdline);
	if (rc)
		return rc;
	*step = "linux,initrd-*";
	rc = drop(fdt, chosen, "linux,initrd-start") ?:
	     drop(fdt, chosen, "linux,initrd-end");
	if (!rc && in->initrd_size)
		rc = fdt_setprop_u64(fdt, chosen, "linux,initrd-start",
				     in->initrd_pa) ?:
		     fdt_setprop_u64(fdt, chosen, "linux,initrd-end",
				     in->initrd_pa + in->initrd_size);
	if (rc)
		return rc;
	*step = "crash-kernel properties";
	rc = drop(fdt, chosen, "linux,elfcorehdr") ?:
	     drop(fdt, chosen, "linux,usable-memory-range");
	if (rc)
		return rc;
	*step = "linux,kho-*";
	rc = drop(fdt, chosen, "linux,kho-fdt") ?:
	     drop(fdt, chosen, "linux,kho-scratch");
	if (!rc && in->kho_fdt_pa)
		rc = set_pair(fdt, chosen, "linux,kho-fdt", in->kho_fdt_pa,
			      in->kho_fdt_size) ?:
		     set_pair(fdt, chosen, "linux,kho-scratch",
			      in->kho_scratch_pa, in->kho_scratch_size);
	if (rc)
		return rc;
	*step = "rng-seed";
	rc = drop(fdt, chosen, "rng-seed");
	if (!rc && in->rng_seed)
		rc = fdt_setprop(fdt, chosen, "rng-seed", in->rng_seed,
				 (int)in->rng_seed_len);
	return rc;
}

/* linux,initrd-start/-end: 32 or 64 bits, as Linux writes either. */
static bool chosen_number(const void *fdt, int chosen, const char *name,
			  u64 *v)
{
	const void *p;
	int len;

	p = fdt_getprop(fdt, chosen, name, &len);
	/* property values are only 4-byte aligned: the unaligned loaders */
	if (p && len == 4)
		*v = fdt32_ld(p);
	else if (p && len == 8)
		*v = fdt64_ld(p);
	else
		return false;
	return true;
}

/*
 * Linux's kexec reserved the initrd it gave baton (the bundle) with a
 * /memreserve/ entry. baton has consumed it: left in, the next kernel
 * would keep that memory from use, and a baton after it would find its own
 * scratch "not RAM" when the next bundle lands at the same place.
 */
static int drop_consumed_initrd_rsv(void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), i, n;
	u64 start, end, addr, size;

	if (chosen < 0 || !chosen_number(fdt, chosen, "linux,initrd-start",
					 &start) ||
	    !chosen_number(fdt, chosen, "linux,initrd-end", &end) ||
	    end <= start)
		return 0;
	n = fdt_num_mem_rsv(fdt);
	for (i = 0; i < n; i++) {
		if (fdt_get_mem_rsv(fdt, i, &addr, &size) ||
		    addr != start || size != end - start)
			continue;
		return fdt_del_mem_rsv(fdt, i);
	}
	return 0;
}

bool chain_dtb_build(const struct chain_dtb_input *in, void *buf, u64 size,
		     struct chain_status *st)
{
	const char *step = "copy";
	u64 need = chain_dtb_size(in);
	int rc;

	if (!need)
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "the incoming DTB is not valid: %s",
				  fdt_strerror(fdt_check_header(in->fdt)));
	if (size < need || size > INT32_MAX)
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "DTB buffer of %#llx bytes, %#llx needed",
				  (unsigned long long)size,
				  (unsigned long long)need);
	rc = fdt_open_into(in->fdt, buf, (int)size);
	if (!rc) {
		step = "/memreserve/ of the consumed initrd";
		rc = drop_consumed_initrd_rsv(buf);
	}
	if (!rc)
		rc = edit_chosen(in, buf, &step);
	if (!rc)
		rc = fdt_pack(buf);
	if (rc)
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "next DTB: %s: %s", step, fdt_strerror(rc));
	return true;
}
