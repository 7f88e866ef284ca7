// SPDX-License-Identifier: MIT
/*
 * efi_boot_payload() for AArch64: boots the capture's payload the way
 * kexec_file_load with KHO would on arm64. The arm64 Image (probed by
 * boot/chain/arm64_image.c) is placed in the capture's scratch at a 2 MiB
 * aligned base + text_offset, the initrd beside it, and the DTB it is
 * entered with is the firmware's (or, under ACPI, an empty tree) with
 * /memory replaced by the RAM of the final UEFI memory map and /chosen
 * rewritten by boot/chain/dtb_next.c (bootargs, initrd, linux,kho-fdt and
 * linux,kho-scratch at the replayed scratch array), plus the UEFI system
 * table and final memory map as Linux's EFI stub passes them. After
 * ExitBootServices arch/arm64/chain_jump.c cleans everything written to
 * the PoC, turns the MMU off and enters the Image with x0 = DTB
 * (booting.rst).
 */
#include <string.h>
#include <libfdt.h>
#include <baton/arch.h>
#include <boot/chain/arm64_image.h>
#include <boot/chain/dtb_next.h>
#include <boot/chain/jump_dtb.h>
#include <efi/e820_from_efi.h>
#include <efi/scratch_place.h>
#include "../efi_launcher.h"

/* /memory reg entries (2 + 2 cells): room reserved in the DTB for them. */
#define MEMORY_RANGES_MAX	128
#define MEMORY_REG_ROOM		(MEMORY_RANGES_MAX * 16 + 256)
#define EMPTY_TREE_SIZE		4096

/* EFI_DTB_TABLE_GUID: the firmware's device tree as a configuration table. */
static EFI_GUID dtb_guid = { 0xb1b621d5, 0xf19c, 0x41a5,
			     { 0x83, 0x0b, 0xd9, 0x15, 0x2c, 0x69, 0xaa, 0xe0 } };

static unsigned long long ull(u64 v)
{
	return v;
}

struct boot_state {
	struct chain_arm64_image k;
	struct scratch_placer placer;
	struct chain_dtb_input in;
	char cmdline[CAPTURE_CMDLINE_MAX + 1];
	phys_addr_t base, kernel, initrd, dtb;
	u64 dtb_size;			/* the DTB's room */
	u64 dtb_seg;			/* + the memory map copy */
	phys_addr_t map_copy;
	struct efi_memmap map;
	struct boot_e820_entry *e820;	/* conversion buffer */
	u32 e820_max;
	fdt32_t *reg;			/* /memory reg being built */
	struct arch_map_range *clean;	/* everything written, for the PoC */
	u32 clean_count;
	u32 ram_ranges;
};

static const void *firmware_dtb(void)
{
	UINTN i;

	for (i = 0; i < efi_st->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &efi_st->ConfigurationTable[i];

		if (!memcmp(&t->VendorGuid, &dtb_guid, sizeof(EFI_GUID)) &&
		    t->VendorTable && !fdt_check_header(t->VendorTable))
			return t->VendorTable;
	}
	return NULL;
}

/*
 * The RAM of the current map (bs->map) as /memory reg cells in bs->reg:
 * the types the OS may use (efi/e820_from_efi.c's RAM), merged. No
 * firmware calls, so it runs between the last GetMemoryMap and
 * ExitBootServices.
 */
static int memory_reg(struct boot_state *bs)
{
	u32 count, i, n = 0;

	count = e820_from_efi_map(bs->map.buf, bs->map.desc_size,
				  efi_memmap_count(&bs->map), bs->e820,
				  bs->e820_max);
	for (i = 0; i < count && n < MEMORY_RANGES_MAX; i++) {
		const struct boot_e820_entry *e = &bs->e820[i];

		if (e->type != E820_TYPE_RAM)
			continue;
		bs->reg[4 * n] = cpu_to_fdt32((u32)(e->addr >> 32));
		bs->reg[4 * n + 1] = cpu_to_fdt32((u32)e->addr);
		bs->reg[4 * n + 2] = cpu_to_fdt32((u32)(e->size >> 32));
		bs->reg[4 * n + 3] = cpu_to_fdt32((u32)e->size);
		n++;
	}
	bs->ram_ranges = n;
	return (int)n * 16;
}

/* Deletes every device_type = "memory" node (bounded by the tree). */
static int drop_memory_nodes(void *fdt)
{
	int node, rc;

	for (;;) {
		node = fdt_node_offset_by_prop_value(fdt, -1, "device_type",
						     "memory", sizeof("memory"));
		if (node == -FDT_ERR_NOTFOUND)
			return 0;
		if (node < 0)
			return node;
		rc = fdt_del_node(fdt, node);
		if (rc)
			return rc;
	}
}

static int set_memory(void *fdt, struct boot_state *bs)
{
	int node = fdt_path_offset(fdt, "/memory");

	if (node < 0)
		return node;
	return fdt_setprop(fdt, node, "reg", bs->reg, memory_reg(bs));
}

/*
 * The DTB the payload's one is made from: the firmware's (its devices,
 * stdout-path, /psci) or an empty tree, /memory from the UEFI map. It
 * is packed, so chain_dtb_size() adds its room to the real size.
 */
static void *base_dtb(struct boot_state *bs)
{
	const void *fw = firmware_dtb();
	int size = (fw ? (int)fdt_totalsize(fw) : EMPTY_TREE_SIZE) +
		   MEMORY_REG_ROOM;
	void *fdt = efi_alloc((size_t)size);
	const char *step = "copy";
	int rc, node;

	if (!fdt)
		return NULL;
	rc = fw ? fdt_open_into(fw, fdt, size) : fdt_create_empty_tree(fdt, size);
	if (!rc && !fw) {
		step = "root cells";
		rc = fdt_setprop_u32(fdt, 0, "#address-cells", 2) ?:
		     fdt_setprop_u32(fdt, 0, "#size-cells", 2);
	}
	if (!rc && (fdt_address_cells(fdt, 0) != 2 ||
		    fdt_size_cells(fdt, 0) != 2)) {
		step = "root cells";
		rc = -FDT_ERR_BADNCELLS;
	}
	if (!rc) {
		step = "/memory";
		rc = drop_memory_nodes(fdt);
	}
	if (!rc) {
		node = fdt_add_subnode(fdt, 0, "memory");
		rc = node < 0 ? node :
		     fdt_setprop_string(fdt, node, "device_type", "memory");
	}
	if (!rc)
		rc = set_memory(fdt, bs);
	if (!rc)
		rc = fdt_pack(fdt);
	if (rc) {
		efi_print("device tree (%s): %s", step, fdt_strerror(rc));
		efi_free(fdt);
		return NULL;
	}
	efi_print("device tree: %s, /memory from the UEFI map (%u ranges)",
		  fw ? "the firmware's" : "none from the firmware, an empty one",
		  bs->ram_ranges);
	return fdt;
}

static bool place(struct boot_state *bs, const char *what, u64 size,
		  u64 align, enum chain_segment_kind kind, phys_addr_t *pa)
{
	struct place_ops ops = scratch_placer_ops(&bs->placer);

	size = ALIGN_UP(size, PAGE_SIZE);
	if (ops.find(ops.ctx, size, align, 0, CHAIN_PLACE_NO_MAX, pa) &&
	    ops.claim(ops.ctx, *pa, size, kind))
		return true;
	efi_print("payload placement: no room in scratch for the %s (0x%llx bytes, alignment 0x%llx)",
		  what, ull(size), ull(align));
	return false;
}

static bool load_image(struct boot_state *bs, const struct capture *c,
		       const u8 *image, u64 size, u64 initrd_size)
{
	struct chain_status st;

	if (!chain_arm64_image_probe(image, size, &bs->k, &st)) {
		efi_print("payload refused: %s", st.message);
		return false;
	}
	if (c->has_kho_fdt && !chain_arm64_image_page_size_ok(&bs->k)) {
		efi_print("payload refused: it uses %u KiB pages, the handover %u KiB",
			  bs->k.page_size / 1024,
			  ARM64_IMAGE_HANDOVER_PAGE / 1024);
		return false;
	}
	scratch_placer_init(&bs->placer, c);
	bs->dtb_size = ALIGN_UP(chain_dtb_size(&bs->in), 64);
	bs->dtb_seg = bs->dtb_size + bs->map.buf_size;
	if (!place(bs, "DTB and memory map", bs->dtb_seg, PAGE_SIZE,
		   CHAIN_SEG_PARAMS, &bs->dtb) ||
	    !place(bs, "Image", bs->k.text_offset + bs->k.image_size,
		   ARM64_IMAGE_BASE_ALIGN, CHAIN_SEG_KERNEL, &bs->base) ||
	    (initrd_size && !place(bs, "initrd", initrd_size, PAGE_SIZE,
				   CHAIN_SEG_INITRD, &bs->initrd)))
		return false;
	bs->map_copy = bs->dtb + bs->dtb_size;
	bs->kernel = bs->base + bs->k.text_offset;
	memcpy((void *)(uintptr_t)bs->kernel, image, size);
	memset((u8 *)(uintptr_t)bs->kernel + size, 0, bs->k.image_size - size);
	efi_print("payload: arm64 Image, text_offset 0x%llx, image_size 0x%llx, %u KiB pages, kernel [mem 0x%016llx-0x%016llx]",
		  ull(bs->k.text_offset), ull(bs->k.image_size),
		  bs->k.page_size / 1024, ull(bs->kernel),
		  ull(bs->kernel + bs->k.image_size - 1));
	return true;
}

static void load_initrd(struct boot_state *bs, const u8 *initrd, u64 size)
{
	if (!size)
		return;
	memcpy((void *)(uintptr_t)bs->initrd, initrd, size);
	bs->in.initrd_pa = bs->initrd;
	bs->in.initrd_size = size;
	efi_print("initrd [mem 0x%016llx-0x%016llx] size 0x%llx",
		  ull(bs->initrd), ull(bs->initrd + size - 1), ull(size));
}

static void add_clean(struct boot_state *bs, u64 pa, u64 size)
{
	if (size)
		bs->clean[bs->clean_count++] = (struct arch_map_range){
			.pa = pa, .size = size };
}

/*
 * What the Image reads with the MMU and D-cache off: its own segments
 * and every byte the replay wrote (blobs, patterns, the scratch array).
 */
static bool collect_clean(struct boot_state *bs, const struct capture *c)
{
	u32 i, max = 4 + c->blob_count + c->pattern_count;

	bs->clean = efi_alloc(max * sizeof(*bs->clean));
	if (!bs->clean)
		return false;
	add_clean(bs, bs->kernel, bs->k.image_size);
	add_clean(bs, bs->dtb, bs->dtb_seg);
	add_clean(bs, bs->initrd, bs->in.initrd_size);
	if (c->has_scratch_array)
		add_clean(bs, c->scratch_array_addr,
			  capture_scratch_array_size(c));
	for (i = 0; i < c->blob_count; i++)
		add_clean(bs, c->blobs[i].addr,
			  capture_blob_extent(&c->blobs[i]));
	for (i = 0; i < c->pattern_count; i++)
		add_clean(bs, c->patterns[i].addr, c->patterns[i].size);
	return true;
}

static bool build_dtb(struct boot_state *bs, const struct capture *c)
{
	struct chain_status st;

	if (!chain_dtb_build(&bs->in, (void *)(uintptr_t)bs->dtb, bs->dtb_size,
			     &st)) {
		efi_print("device tree: %s", st.message);
		return false;
	}
	efi_print("dtb [mem 0x%016llx-0x%016llx], bootargs \"%s\"",
		  ull(bs->dtb), ull(bs->dtb + bs->dtb_size - 1), bs->cmdline);
	if (c->has_kho_fdt)
		efi_print("dtb /chosen linux,kho-fdt 0x%016llx+0x%llx, linux,kho-scratch 0x%016llx+0x%llx",
			  ull(bs->in.kho_fdt_pa), ull(bs->in.kho_fdt_size),
			  ull(bs->in.kho_scratch_pa),
			  ull(bs->in.kho_scratch_size));
	return true;
}

/*
 * /chosen linux,uefi-system-table and linux,uefi-mmap-* as Linux's EFI
 * stub writes them: the system table, and the last memory map copied
 * behind the DTB (in scratch, as kexec_file_load would place boot data
 * under KHO; baton reserves it), where baton finds ACPI's SPCR when the
 * DTB names no console (boot/acpi_efi.c).
 */
static int set_uefi(void *fdt, const struct boot_state *bs)
{
	int chosen = fdt_path_offset(fdt, "/chosen");

	if (chosen < 0)
		return chosen;
	return fdt_setprop_u64(fdt, chosen, "linux,uefi-system-table",
			       (u64)(uintptr_t)efi_st) ?:
	       fdt_setprop_u64(fdt, chosen, "linux,uefi-mmap-start",
			       bs->map_copy) ?:
	       fdt_setprop_u32(fdt, chosen, "linux,uefi-mmap-size",
			       (u32)bs->map.map_size) ?:
	       fdt_setprop_u32(fdt, chosen, "linux,uefi-mmap-desc-size",
			       (u32)bs->map.desc_size) ?:
	       fdt_setprop_u32(fdt, chosen, "linux,uefi-mmap-desc-ver",
			       bs->map.desc_version);
}

/* /memory and the map of the payload's DTB from the last map; no allocation. */
static bool describe_dtb(void *ctx)
{
	struct boot_state *bs = ctx;
	void *dtb = (void *)(uintptr_t)bs->dtb;
	int rc;

	memcpy((void *)(uintptr_t)bs->map_copy, bs->map.buf, bs->map.map_size);
	/* chain_dtb_build packed it: its slack back, in place. */
	rc = fdt_open_into(dtb, dtb, (int)bs->dtb_size) ?:
	     set_memory(dtb, bs) ?: set_uefi(dtb, bs);
	if (rc)
		efi_print("device tree (/memory, linux,uefi-*): %s",
			  fdt_strerror(rc));
	return !rc;
}

static bool exit_boot_services(struct boot_state *bs, struct efi_replay *r)
{
	return efi_memmap_exit(&bs->map, &r->exiting, describe_dtb, bs);
}

static bool prepare_map(struct boot_state *bs)
{
	if (!efi_memmap_alloc(&bs->map))
		return false;
	bs->e820_max = (u32)(bs->map.buf_size / bs->map.desc_size);
	bs->e820 = efi_alloc(bs->e820_max * sizeof(*bs->e820));
	bs->reg = efi_alloc(MEMORY_RANGES_MAX * 16);
	return bs->e820 && bs->reg;
}

bool efi_boot_payload(struct efi_replay *r, struct efi_source *src)
{
	static struct boot_state bs;
	const struct capture *c = &r->cap;
	const u8 *image, *initrd = NULL;
	u64 size, initrd_size = 0;

	/* arch/arm64/chain_jump.c turns the EL1 MMU off (SCTLR_EL1). */
	if (arch_entry_level() != 1) {
		efi_print("the firmware runs at EL%llu: baton.efi for arm64 enters payloads from EL1 only",
			  ull(arch_entry_level()));
		return false;
	}
	if (!efi_source_read(src, c->payload, &image, &size) ||
	    (c->has_initrd &&
	     !efi_source_read(src, c->initrd, &initrd, &initrd_size)) ||
	    !prepare_map(&bs))
		return false;
	capture_text_copy(c->cmdline, bs.cmdline, sizeof(bs.cmdline));
	bs.in.cmdline = bs.cmdline;
	bs.in.fdt = base_dtb(&bs);
	if (!bs.in.fdt)
		return false;
	if (c->has_kho_fdt) {
		bs.in.kho_fdt_pa = c->kho_fdt_addr;
		bs.in.kho_fdt_size = c->kho_fdt_size;
		bs.in.kho_scratch_pa = c->scratch_array_addr;
		bs.in.kho_scratch_size = capture_scratch_array_size(c);
	}
	if (!load_image(&bs, c, image, size, initrd_size))
		return false;
	load_initrd(&bs, initrd, initrd_size);
	if (!build_dtb(&bs, c) || !collect_clean(&bs, c))
		return false;
	efi_print("exiting boot services, entering the payload at 0x%016llx with x0 = dtb 0x%016llx",
		  ull(bs.kernel), ull(bs.dtb));
	if (!exit_boot_services(&bs, r))
		return false;
	chain_jump_dtb(bs.kernel, bs.dtb, bs.clean, bs.clean_count);
}
