// SPDX-License-Identifier: MIT
/*
 * Booting the payload the way kexec_file_load with KHO would have: the
 * bzImage accepted by the same probe, boot_params / stack / kernel /
 * initrd placed by efi/scratch_place.c inside the scratch areas, boot_params
 * built from the image's setup header with the SETUP_KEXEC_KHO record and
 * an e820 made from the final UEFI memory map, then ExitBootServices and
 * the 64-bit entry at kernel + 0x200.
 */
#include <string.h>
#include <baton/linux_screen_info.h>
#include <boot/boot_params.h>
#include <boot/chain/bzimage.h>
#include <boot/chain/place.h>
#include <efi/e820_from_efi.h>
#include <efi/scratch_place.h>
#include "efi_launcher.h"

#define LOADER_TYPE_UNDEFINED	0xff
#define PARAMS_CMDLINE_OFFSET	BOOT_PARAMS_SIZE
#define PARAMS_CMDLINE_ROOM	(CAPTURE_CMDLINE_MAX + 1)
#define PARAMS_KHO_OFFSET	(PARAMS_CMDLINE_OFFSET + PARAMS_CMDLINE_ROOM)
#define PARAMS_E820_EXT_OFFSET	ALIGN_UP(PARAMS_KHO_OFFSET + 16 + 32, 16)
#define PARAMS_E820_EXT_MAX	512
#define PARAMS_SIZE		(PARAMS_E820_EXT_OFFSET + 16 + \
				 PARAMS_E820_EXT_MAX * 20)
/* Like purgatory's segment: a GDT at the bottom, the stack above it. */
#define TRAMPOLINE_SIZE		(16 * 1024)
#define GDT_CODE64	0x00af9a000000ffffULL	/* selector 0x10 */
#define GDT_DATA	0x00cf92000000ffffULL	/* selector 0x18 */

static EFI_GUID acpi20_guid = ACPI_20_TABLE_GUID;
static EFI_GUID acpi10_guid = ACPI_TABLE_GUID;

static unsigned long long ull(u64 v)
{
	return v;
}

static bool la57_active(void)
{
	u64 cr4;

	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	return cr4 & (1ULL << 12);
}

/*
 * The GOP framebuffer as Linux's screen_info (VIDEO_TYPE_EFI), so baton's
 * framebuffer console and later the next kernel find the screen. Only
 * the two 32-bit pixel formats with a linear framebuffer are described.
 */
static void fill_screen_info(struct linux_screen_info *si)
{
	static EFI_GUID gop_guid = EFI_GRAPHICS_OUTPUT_PROTOCOL_GUID;
	EFI_GRAPHICS_OUTPUT_PROTOCOL *gop = NULL;
	EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *info;
	u64 base;
	bool bgr;

	if (efi_bs->LocateProtocol(&gop_guid, NULL, (void **)&gop) !=
	    EFI_SUCCESS || !gop || !gop->Mode || !gop->Mode->Info)
		return;
	info = gop->Mode->Info;
	if (info->PixelFormat != PixelRedGreenBlueReserved8BitPerColor &&
	    info->PixelFormat != PixelBlueGreenRedReserved8BitPerColor)
		return;
	bgr = info->PixelFormat == PixelBlueGreenRedReserved8BitPerColor;
	base = gop->Mode->FrameBufferBase;
	si->orig_video_is_vga = VIDEO_TYPE_EFI;
	si->lfb_width = (u16)info->HorizontalResolution;
	si->lfb_height = (u16)info->VerticalResolution;
	si->lfb_depth = 32;
	si->lfb_linelength = (u16)(info->PixelsPerScanLine * 4);
	si->lfb_base = (u32)base;
	si->ext_lfb_base = (u32)(base >> 32);
	if (base >> 32)
		si->capabilities |= VIDEO_CAPABILITY_64BIT_BASE;
	si->lfb_size = (u32)gop->Mode->FrameBufferSize;
	si->red_size = si->green_size = si->blue_size = si->rsvd_size = 8;
	si->red_pos = bgr ? 16 : 0;
	si->green_pos = 8;
	si->blue_pos = bgr ? 0 : 16;
	si->rsvd_pos = 24;
	si->pages = 1;
	efi_print("GOP framebuffer 0x%llx %ux%u, %u pixels a line, %s",
		  ull(base), info->HorizontalResolution,
		  info->VerticalResolution, info->PixelsPerScanLine,
		  bgr ? "BGR" : "RGB");
}

static u64 find_rsdp(void)
{
	UINTN i;
	u64 acpi10 = 0;

	for (i = 0; i < efi_st->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &efi_st->ConfigurationTable[i];

		if (!memcmp(&t->VendorGuid, &acpi20_guid, sizeof(EFI_GUID)))
			return (u64)(uintptr_t)t->VendorTable;
		if (!memcmp(&t->VendorGuid, &acpi10_guid, sizeof(EFI_GUID)))
			acpi10 = (u64)(uintptr_t)t->VendorTable;
	}
	return acpi10;
}

struct boot_state {
	struct chain_bzimage kernel;
	struct chain_plan plan;
	struct linux_boot_params *bp;
	struct linux_setup_data *kho;
	struct linux_setup_data *e820_ext;
	struct boot_e820_entry *e820_scratch;	/* sort buffer */
	u32 e820_scratch_max;
	struct efi_memmap map;
	u64 gdtr_pa;
	u64 stack_top;
};

static bool load_kernel(struct boot_state *bs, const struct capture *c,
			const u8 *image, u64 size, u64 initrd_size)
{
	struct chain_place_request req = {
		.kernel = &bs->kernel, .params_size = PARAMS_SIZE,
		.trampoline_size = TRAMPOLINE_SIZE, .initrd_size = initrd_size,
	};
	struct scratch_placer placer;
	struct place_ops ops;
	struct chain_status st;
	struct chain_segment *k;

	if (!chain_bzimage_probe(image, size, la57_active(), &bs->kernel,
				 &st) ||
	    !chain_bzimage_cmdline_fits(&bs->kernel, c->cmdline.len, &st)) {
		efi_print("payload refused: %s", st.message);
		return false;
	}
	scratch_placer_init(&placer, c);
	ops = scratch_placer_ops(&placer);
	if (!chain_place(&req, &ops, &bs->plan, &st)) {
		efi_print("payload placement: %s", st.message);
		return false;
	}
	k = &bs->plan.seg[CHAIN_SEG_KERNEL];
	memcpy((void *)(uintptr_t)k->pa, image + bs->kernel.payload_offset,
	       bs->kernel.payload_size);
	memset((u8 *)(uintptr_t)k->pa + bs->kernel.payload_size, 0,
	       k->memsz - bs->kernel.payload_size);
	efi_print("payload: protocol %u.%02u, kernel [mem 0x%016llx-0x%016llx] align 0x%llx, entry 0x%llx",
		  bs->kernel.version >> 8, bs->kernel.version & 0xff,
		  ull(k->pa), ull(k->pa + k->memsz - 1),
		  ull(bs->kernel.kernel_alignment),
		  ull(k->pa + BZIMAGE_ENTRY64_OFFSET));
	return true;
}

static void load_initrd(struct boot_state *bs, const u8 *initrd, u64 size)
{
	const struct chain_segment *seg = &bs->plan.seg[CHAIN_SEG_INITRD];
	struct linux_boot_params *bp = bs->bp;

	if (!size)
		return;
	memcpy((void *)(uintptr_t)seg->pa, initrd, size);
	memset((u8 *)(uintptr_t)seg->pa + size, 0, seg->memsz - size);
	bp->hdr.ramdisk_image = (u32)seg->pa;
	bp->ext_ramdisk_image = (u32)(seg->pa >> 32);
	bp->hdr.ramdisk_size = (u32)size;
	bp->ext_ramdisk_size = (u32)(size >> 32);
	efi_print("initrd [mem 0x%016llx-0x%016llx] size 0x%llx",
		  ull(seg->pa), ull(seg->pa + size - 1), ull(size));
}

static void build_trampoline(struct boot_state *bs)
{
	u64 pa = bs->plan.seg[CHAIN_SEG_TRAMPOLINE].pa;
	u64 *gdt = (u64 *)(uintptr_t)pa;
	u8 *gdtr = (u8 *)(uintptr_t)(pa + 32);
	u16 limit = 4 * 8 - 1;

	memset(gdt, 0, TRAMPOLINE_SIZE);
	gdt[2] = GDT_CODE64;
	gdt[3] = GDT_DATA;
	memcpy(gdtr, &limit, 2);
	memcpy(gdtr + 2, &pa, 8);
	bs->gdtr_pa = pa + 32;
	bs->stack_top = pa + TRAMPOLINE_SIZE;
}

static void build_params(struct boot_state *bs, const struct capture *c,
			 const u8 *image)
{
	u64 pa = bs->plan.seg[CHAIN_SEG_PARAMS].pa;
	u8 *seg = (u8 *)(uintptr_t)pa;
	struct linux_boot_params *bp = (void *)seg;
	u64 cmdline_pa = pa + PARAMS_CMDLINE_OFFSET;
	struct linux_kho_data kho;

	memset(seg, 0, bs->plan.seg[CHAIN_SEG_PARAMS].memsz);
	memcpy(&bp->hdr, image + BZIMAGE_SETUP_HEADER_OFFSET,
	       bs->kernel.setup_header_len);
	bp->hdr.type_of_loader = LOADER_TYPE_UNDEFINED;
	bp->hdr.loadflags = 0;
	bp->hdr.ramdisk_image = 0;
	bp->hdr.ramdisk_size = 0;
	bp->hdr.hardware_subarch = 0;
	bp->hdr.setup_data = 0;
	capture_text_copy(c->cmdline, (char *)seg + PARAMS_CMDLINE_OFFSET,
			  PARAMS_CMDLINE_ROOM);
	bp->hdr.cmd_line_ptr = (u32)cmdline_pa;
	bp->ext_cmd_line_ptr = (u32)(cmdline_pa >> 32);
	bp->acpi_rsdp_addr = find_rsdp();
	fill_screen_info((struct linux_screen_info *)seg);
	bs->bp = bp;
	bs->e820_ext = (void *)(seg + PARAMS_E820_EXT_OFFSET);
	bs->e820_ext->type = SETUP_E820_EXT;
	bs->kho = NULL;
	if (!c->has_kho_fdt)
		return;
	bs->kho = (void *)(seg + PARAMS_KHO_OFFSET);
	bs->kho->type = SETUP_KEXEC_KHO;
	bs->kho->len = sizeof(kho);
	kho.fdt_addr = c->kho_fdt_addr;
	kho.fdt_size = c->kho_fdt_size;
	kho.scratch_addr = c->scratch_array_addr;
	kho.scratch_size = capture_scratch_array_size(c);
	memcpy(bs->kho + 1, &kho, sizeof(kho));
	bp->hdr.setup_data = pa + PARAMS_KHO_OFFSET;
	efi_print("setup_data 0x%016llx type %u (KEXEC_KHO): fdt 0x%016llx size 0x%llx scratch array 0x%016llx size 0x%llx",
		  ull(bp->hdr.setup_data), SETUP_KEXEC_KHO, ull(kho.fdt_addr),
		  ull(kho.fdt_size), ull(kho.scratch_addr),
		  ull(kho.scratch_size));
}

/* Sorted, merged e820 from the map in bs->map; no firmware calls. */
static u32 convert_memmap(struct boot_state *bs)
{
	return e820_from_efi_map(bs->map.buf, bs->map.desc_size,
				 efi_memmap_count(&bs->map), bs->e820_scratch,
				 bs->e820_scratch_max);
}

static void build_e820(struct boot_state *bs)
{
	u32 count = convert_memmap(bs), in_page, extra;
	u64 ext_pa;

	in_page = MIN(count, (u32)BOOT_PARAMS_E820_MAX);
	extra = MIN(count - in_page, (u32)PARAMS_E820_EXT_MAX);
	memcpy(bs->bp->e820_table, bs->e820_scratch, in_page * 20);
	bs->bp->e820_entries = (u8)in_page;
	bs->e820_ext->len = extra * 20;
	bs->e820_ext->next = 0;
	memcpy(bs->e820_ext + 1, bs->e820_scratch + in_page, extra * 20);
	ext_pa = extra ? (u64)(uintptr_t)bs->e820_ext : 0;
	if (bs->kho)
		bs->kho->next = ext_pa;
	else
		bs->bp->hdr.setup_data = ext_pa;
}

static bool describe_e820(void *bs)
{
	build_e820(bs);
	return true;
}

static bool exit_boot_services(struct boot_state *bs, struct efi_replay *r)
{
	return efi_memmap_exit(&bs->map, &r->exiting, describe_e820, bs);
}

bool efi_boot_payload(struct efi_replay *r, struct efi_source *src)
{
	static struct boot_state bs;
	const struct capture *c = &r->cap;
	const u8 *image, *initrd = NULL;
	u64 size, initrd_size = 0, entry;
	u32 e820_max;

	if (!efi_source_read(src, c->payload, &image, &size))
		return false;
	if (c->has_initrd &&
	    !efi_source_read(src, c->initrd, &initrd, &initrd_size))
		return false;
	if (!load_kernel(&bs, c, image, size, initrd_size))
		return false;
	build_trampoline(&bs);
	build_params(&bs, c, image);
	load_initrd(&bs, initrd, initrd_size);
	if (!efi_memmap_alloc(&bs.map))
		return false;
	e820_max = (u32)(bs.map.buf_size / bs.map.desc_size);
	bs.e820_scratch = efi_alloc(e820_max * sizeof(*bs.e820_scratch));
	if (!bs.e820_scratch)
		return false;
	bs.e820_scratch_max = e820_max;
	/* A preview: the map only changes by the pool allocation above. */
	efi_memmap_refresh(&bs.map);
	build_e820(&bs);
	efi_print("boot_params 0x%016llx, cmdline 0x%016llx, stack 0x%016llx, e820 %u+%u entries, rsdp 0x%llx",
		  ull((uintptr_t)bs.bp),
		  ull((uintptr_t)bs.bp + PARAMS_CMDLINE_OFFSET),
		  ull(bs.stack_top), bs.bp->e820_entries,
		  bs.e820_ext->len / 20, ull(bs.bp->acpi_rsdp_addr));
	entry = bs.plan.seg[CHAIN_SEG_KERNEL].pa + BZIMAGE_ENTRY64_OFFSET;
	efi_print("exiting boot services, entering the payload at 0x%016llx",
		  ull(entry));
	if (!exit_boot_services(&bs, r))
		return false;
	efi_enter_payload(entry, (u64)(uintptr_t)bs.bp, bs.stack_top,
			  (const void *)(uintptr_t)bs.gdtr_pa);
}
