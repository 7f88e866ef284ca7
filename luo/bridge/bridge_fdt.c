// SPDX-License-Identifier: MIT
/*
 * The bridged handover's KHO root FDT (kho-v4: every sub-blob named by
 * preserved-data and blob-size) and, when the received handover had none,
 * its kexec-metadata blob.
 */
#include <libfdt.h>
#include <string.h>
#include <luo/abi.h>
#include <luo/bridge/bridge_internal.h>

static int prop_u64(void *fdt, const char *name, u64 v)
{
	u8 le[KHO_FDT_U64_LEN];

	abi_put_le64(le, v);
	return fdt_property(fdt, name, le, sizeof(le));
}

bool bridge_write_root_fdt(struct bridge_ctx *c, u8 *fdt,
			   const struct bridge_subtree *t, u32 count)
{
	int err;
	u32 i;

	err = fdt_create(fdt, KHO_ROOT_FDT_MAX);
	err |= fdt_finish_reservemap(fdt);
	err |= fdt_begin_node(fdt, "");
	err |= fdt_property_string(fdt, KHO_PROP_COMPATIBLE, KHO_COMPAT_V4);
	err |= prop_u64(fdt, KHO_PROP_MEM_MAP, c->res->map_root);
	for (i = 0; i < count && !err; i++) {
		err |= fdt_begin_node(fdt, t[i].name);
		err |= prop_u64(fdt, KHO_PROP_PRESERVED_DATA, t[i].pa);
		err |= prop_u64(fdt, KHO_PROP_BLOB_SIZE, t[i].size);
		err |= fdt_end_node(fdt);
	}
	err |= fdt_end_node(fdt);
	err |= fdt_finish(fdt);
	if (err) {
		finding_add(c->findings, E_BRIDGE_WRITE_FAILED, c->res->fdt_pa,
			    "bridge: the kho-v4 root FDT does not fit in %u bytes (%u sub-blobs)",
			    KHO_ROOT_FDT_MAX, count);
		c->failed = true;
		return false;
	}
	return true;
}

phys_addr_t bridge_write_metadata(struct bridge_ctx *c)
{
	const char *release = metadata_written_by(&c->m->metadata);
	phys_addr_t pa;
	u8 *p;

	p = bridge_page(c, &pa, true, "kexec-metadata");
	if (!p)
		return 0;
	if (!release)
		release = BRIDGE_RELEASE_UNKNOWN;
	ABI_PUT_LE32(p, struct kho_kexec_metadata_ser, version,
		     KHO_METADATA_VERSION);
	memcpy(p + offsetof(struct kho_kexec_metadata_ser, previous_release),
	       release, strnlen(release, KHO_METADATA_RELEASE_LEN - 1));
	ABI_PUT_LE32(p, struct kho_kexec_metadata_ser, kexec_count,
		     BRIDGE_METADATA_KEXEC_COUNT);
	c->res->metadata_synthesized = true;
	return pa;
}
