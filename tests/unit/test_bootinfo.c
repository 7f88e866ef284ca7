// SPDX-License-Identifier: MIT
/*
 * Unit tests of boot/boot_params.c, boot/ram_windows.c, boot/pvh.c and
 * boot/bootinfo_print.c. Synthetic inputs are written at raw ABI offsets,
 * independently of baton's own struct declarations.
 */
#include "check.h"
#include <boot/boot_params.h>
#include <boot/bootinfo_print.h>
#include <boot/pvh.h>

static u8 page[BOOT_PARAMS_SIZE];
static struct finding finding_storage[16];
static struct finding_list findings;
static struct boot_info bi;

#define CHECK_FINDINGS(...)						\
	check_findings((const enum finding_code[]){ __VA_ARGS__ },	\
		       sizeof((enum finding_code[]){ __VA_ARGS__ }) /	\
		       sizeof(enum finding_code), __LINE__)

static void check_findings(const enum finding_code *codes, u32 n, int line)
{
	u32 i;

	if (findings.count != n)
		CHECK_FAIL("line %d: %u findings, expected %u", line,
			   findings.count, n);
	for (i = 0; i < n && i < findings.count; i++)
		if (findings.items[i].code != codes[i])
			CHECK_FAIL("line %d: finding %u is %s (%s), expected %s",
				   line, i,
				   finding_code_name(findings.items[i].code),
				   findings.items[i].message,
				   finding_code_name(codes[i]));
}

static void put8(u8 *base, u32 off, u8 v)
{
	base[off] = v;
}

static void put16(u8 *base, u32 off, u16 v)
{
	memcpy(base + off, &v, sizeof(v));
}

static void put32(u8 *base, u32 off, u32 v)
{
	memcpy(base + off, &v, sizeof(v));
}

static void put64(u8 *base, u32 off, u64 v)
{
	memcpy(base + off, &v, sizeof(v));
}

static void reset_findings(void)
{
	finding_list_init(&findings, finding_storage,
			  ARRAY_SIZE(finding_storage));
}

static void put_bp_e820(u32 i, u64 addr, u64 size, u32 type)
{
	put64(page, 0x2d0 + i * 20, addr);
	put64(page, 0x2d0 + i * 20 + 8, size);
	put32(page, 0x2d0 + i * 20 + 16, type);
}

/* A zero page as kexec_file_load builds it for a 7.2 kernel. */
static void kexec_page(void)
{
	memset(page, 0, sizeof(page));
	reset_findings();
	put64(page, 0x070, 0x7fb7e014);			/* acpi_rsdp_addr */
	put32(page, 0x0c0, 0x1);			/* ext_ramdisk_image */
	put32(page, 0x0c4, 0x0);			/* ext_ramdisk_size */
	put32(page, 0x0c8, 0x2);			/* ext_cmd_line_ptr */
	put32(page, 0x1c0, 0x34364c45);			/* "EL64" */
	put32(page, 0x1c4, 0x7f9ee018);			/* efi_systab */
	put32(page, 0x1c8, 48);				/* memdesc_size */
	put32(page, 0x1cc, 1);				/* memdesc_version */
	put32(page, 0x1d0, 0x7c7fa100);			/* efi_memmap */
	put32(page, 0x1d4, 0x300);			/* efi_memmap_size */
	put32(page, 0x1d8, 0x0);			/* efi_systab_hi */
	put32(page, 0x1dc, 0x0);			/* efi_memmap_hi */
	put8(page, 0x1e8, 3);				/* e820_entries */
	put32(page, 0x202, 0x53726448);			/* "HdrS" */
	put16(page, 0x206, 0x020f);			/* version */
	put8(page, 0x210, 0xd0);			/* type_of_loader */
	put32(page, 0x218, 0x7b5d5000);			/* ramdisk_image */
	put32(page, 0x21c, 0x3f000);			/* ramdisk_size */
	put32(page, 0x228, 0x7c7fa000);			/* cmd_line_ptr */
	put32(page, 0x238, 2048);			/* cmdline_size */
	put64(page, 0x250, 0x7c7f9020);			/* setup_data */
	put32(page, 0x260, 0x200000);			/* init_size */
	put_bp_e820(0, 0, 0x9fc00, E820_TYPE_RAM);
	put_bp_e820(1, 0xf0000, 0x10000, E820_TYPE_RESERVED);
	put_bp_e820(2, 0x100000, 0x7ff00000, E820_TYPE_RAM);
}

TEST(boot_params_fields)
{
	kexec_page();
	bi.image_start = 0x7ba00000;
	bi.image_end = 0x7bc00000;
	bi.cmdline_len = 99;
	bootinfo_read_boot_params(&bi, page, 0x7c7f9000, &findings);
	CHECK_EQ(findings.count, 0);
	CHECK_EQ(bi.protocol, BOOT_PROTOCOL_LINUX64);
	CHECK_EQ(bi.boot_params_pa, 0x7c7f9000);
	CHECK_EQ(bi.start_info_pa, 0);
	CHECK_EQ(bi.image_start, 0x7ba00000);
	CHECK_EQ(bi.image_end, 0x7bc00000);
	CHECK_EQ(bi.cmdline_len, 0);
	CHECK_EQ(bi.e820_count, 3);
	CHECK_EQ(bi.e820_dropped, 0);
	CHECK_EQ(bi.e820[0].addr, 0);
	CHECK_EQ(bi.e820[0].size, 0x9fc00);
	CHECK_EQ(bi.e820[0].type, E820_TYPE_RAM);
	CHECK_EQ(bi.e820[1].addr, 0xf0000);
	CHECK_EQ(bi.e820[1].type, E820_TYPE_RESERVED);
	CHECK_EQ(bi.e820[2].size, 0x7ff00000);
	CHECK_EQ(bi.cmdline_pa, 0x27c7fa000ULL);
	CHECK_EQ(bi.initrd_pa, 0x17b5d5000ULL);
	CHECK_EQ(bi.initrd_size, 0x3f000);
	CHECK_EQ(bi.acpi_rsdp_addr, 0x7fb7e014);
	CHECK_EQ(bi.efi.loader_signature, 0x34364c45);
	CHECK_EQ(bi.efi.systab, 0x7f9ee018);
	CHECK_EQ(bi.efi.memdesc_size, 48);
	CHECK_EQ(bi.efi.memdesc_version, 1);
	CHECK_EQ(bi.efi.memmap, 0x7c7fa100);
	CHECK_EQ(bi.efi.memmap_size, 0x300);
	CHECK_EQ(bi.setup_data_head, 0x7c7f9020);
	CHECK_EQ(bi.hdr_version, 0x020f);
	CHECK_EQ(bi.type_of_loader, 0xd0);
	CHECK_EQ(bi.hdr_cmdline_size, 2048);
	CHECK_EQ(bi.hdr_init_size, 0x200000);
	CHECK_EQ(bi.setup_data_count, 0);
	CHECK(!bi.kho.present);
}

TEST(boot_params_e820_truncated)
{
	u32 i;

	kexec_page();
	for (i = 0; i < 128; i++)
		put_bp_e820(i, (u64)i << 20, 0x1000, E820_TYPE_RAM);
	put8(page, 0x1e8, 200);
	bootinfo_read_boot_params(&bi, page, 0x1000, &findings);
	CHECK_FINDINGS(W_E820_TRUNCATED);
	CHECK_EQ(findings.items[0].pa, 0x1000 + 0x1e8);
	CHECK_EQ(bi.e820_count, 128);
	CHECK_EQ(bi.e820_dropped, 72);
	CHECK_EQ(bi.e820[127].addr, 127ULL << 20);
}

TEST(boot_params_e820_full_is_fine)
{
	kexec_page();
	put8(page, 0x1e8, 128);
	bootinfo_read_boot_params(&bi, page, 0x1000, &findings);
	CHECK_EQ(findings.count, 0);
	CHECK_EQ(bi.e820_count, 128);
}

TEST(boot_params_sentinel)
{
	kexec_page();
	put8(page, 0x1ef, 0xff);
	bootinfo_read_boot_params(&bi, page, 0x1000, &findings);
	CHECK_FINDINGS(W_BOOT_PARAMS_SENTINEL);
	CHECK_EQ(bi.cmdline_pa, 0x7c7fa000);
	CHECK_EQ(bi.initrd_pa, 0x7b5d5000);
	CHECK_EQ(bi.acpi_rsdp_addr, 0);
	CHECK_EQ(bi.e820_count, 3);
}

TEST(boot_params_without_hdrs)
{
	kexec_page();
	put32(page, 0x202, 0);
	bootinfo_read_boot_params(&bi, page, 0x1000, &findings);
	CHECK_FINDINGS(W_BOOT_PARAMS_NO_HDRS);
	CHECK_EQ(bi.cmdline_pa, 0x27c7fa000ULL);
}

TEST(boot_params_null)
{
	reset_findings();
	bi.image_end = 0x5000;
	bootinfo_read_boot_params(&bi, NULL, 0, &findings);
	CHECK_FINDINGS(E_BOOT_PARAMS_NULL);
	CHECK_EQ(bi.protocol, BOOT_PROTOCOL_LINUX64);
	CHECK_EQ(bi.e820_count, 0);
	CHECK_EQ(bi.cmdline_pa, 0);
	CHECK_EQ(bi.image_end, 0x5000);
}

static u32 windows_of(const struct boot_e820_entry *e, u32 n,
		      struct phys_window *out, u32 max)
{
	u32 i;

	bootinfo_reset(&bi);
	for (i = 0; i < n; i++)
		bi.e820[i] = e[i];
	bi.e820_count = n;
	return bootinfo_ram_windows(&bi, out, max);
}

static void check_window(const struct phys_window *w, u64 pa, u64 size)
{
	CHECK_EQ(w->pa, pa);
	CHECK_EQ(w->size, size);
	CHECK_EQ((uintptr_t)w->host, pa);
}

TEST(ram_windows_merge_and_filter)
{
	static const struct boot_e820_entry map[] = {
		{ 0x100000000ULL, 0x80000000, E820_TYPE_RAM },
		{ 0, 0x9fc00, E820_TYPE_RAM },
		{ 0xf0000, 0x10000, E820_TYPE_RESERVED },
		{ 0x100000, 0x7fe0000, E820_TYPE_RAM },
		{ 0x80e0000, 0x20000, E820_TYPE_ACPI },
		{ 0x80e0000 - 0x1000, 0x1000, E820_TYPE_NVS },
		{ 0x90000000, 0x1000000, E820_TYPE_PMEM },
		{ 0x91000000, 0x1000000, E820_TYPE_PRAM },
		{ 0x92000000, 0x1000000, E820_TYPE_SOFT_RESERVED },
		{ 0x93000000, 0x1000000, E820_TYPE_UNUSABLE },
		{ 0x140000000ULL, 0x1000, E820_TYPE_RAM },	/* inside */
		{ 0x17fff0000ULL, 0x20000, E820_TYPE_RAM },	/* overlaps end */
		{ 0x200000000ULL, 0, E820_TYPE_RAM },		/* empty */
	};
	struct phys_window w[16];
	struct phys_view view;
	u32 n = windows_of(map, ARRAY_SIZE(map), w, ARRAY_SIZE(w));

	CHECK_EQ(n, 3);
	check_window(&w[0], 0x1000, 0x9fc00 - 0x1000);
	check_window(&w[1], 0x100000, 0x8000000);
	check_window(&w[2], 0x100000000ULL, 0x80010000);
	CHECK(phys_view_init(&view, w, n));
}

TEST(ram_windows_top_of_address_space)
{
	static const struct boot_e820_entry map[] = {
		{ 0xfffffffffffff000ULL, 0x2000, E820_TYPE_RAM },
		{ 0x800, 0x100, E820_TYPE_RAM },		/* page 0 only */
	};
	struct phys_window w[4];
	struct phys_view view;
	u32 n = windows_of(map, ARRAY_SIZE(map), w, ARRAY_SIZE(w));

	CHECK_EQ(n, 1);
	check_window(&w[0], 0xfffffffffffff000ULL, 0xfff);
	CHECK(phys_view_init(&view, w, n));
}

TEST(ram_windows_bridge_merges_three)
{
	static const struct boot_e820_entry map[] = {
		{ 0x10000, 0x1000, E820_TYPE_RAM },
		{ 0x30000, 0x1000, E820_TYPE_RAM },
		{ 0x50000, 0x1000, E820_TYPE_RAM },
		{ 0x70000, 0x1000, E820_TYPE_RAM },
		{ 0x10800, 0x40000, E820_TYPE_ACPI },		/* 0x10000-0x51000 */
	};
	struct phys_window w[8];
	u32 n = windows_of(map, ARRAY_SIZE(map), w, ARRAY_SIZE(w));

	CHECK_EQ(n, 2);
	check_window(&w[0], 0x10000, 0x41000);
	check_window(&w[1], 0x70000, 0x1000);
}

TEST(ram_windows_small_output)
{
	static const struct boot_e820_entry map[] = {
		{ 0x50000, 0x1000, E820_TYPE_RAM },
		{ 0x10000, 0x1000, E820_TYPE_RAM },
		{ 0x30000, 0x1000, E820_TYPE_RAM },
		{ 0x11000, 0x1000, E820_TYPE_RAM },		/* touches */
	};
	struct phys_window w[3] = { 0 };
	u32 n = windows_of(map, ARRAY_SIZE(map), w, 2);

	CHECK_EQ(n, 2);
	check_window(&w[0], 0x10000, 0x2000);
	check_window(&w[1], 0x50000, 0x1000);
	CHECK_EQ(w[2].size, 0);
	CHECK_EQ(windows_of(map, ARRAY_SIZE(map), w, 0), 0);
}

TEST(ram_windows_types)
{
	CHECK(bootinfo_e820_type_is_ram(E820_TYPE_RAM));
	CHECK(bootinfo_e820_type_is_ram(E820_TYPE_ACPI));
	CHECK(bootinfo_e820_type_is_ram(E820_TYPE_NVS));
	CHECK(!bootinfo_e820_type_is_ram(E820_TYPE_RESERVED));
	CHECK(!bootinfo_e820_type_is_ram(E820_TYPE_UNUSABLE));
	CHECK(!bootinfo_e820_type_is_ram(E820_TYPE_PMEM));
	CHECK(!bootinfo_e820_type_is_ram(E820_TYPE_PRAM));
	CHECK(!bootinfo_e820_type_is_ram(E820_TYPE_SOFT_RESERVED));
	CHECK(!bootinfo_e820_type_is_ram(0));
}

/* PVH: a guest RAM buffer at 0x1000 holding start_info and friends. */
#define GUEST_PA	0x1000ULL
#define GUEST_SIZE	0x10000ULL
static u8 guest[GUEST_SIZE];
static struct phys_window guest_window;
static struct phys_view guest_view;

#define SI_PA		(GUEST_PA + 0x100)
#define MEMMAP_PA	(GUEST_PA + 0x200)
#define MODLIST_PA	(GUEST_PA + 0x400)
#define CMDLINE_PA	(GUEST_PA + 0x500)

static u8 *guest_at(phys_addr_t pa)
{
	return guest + (pa - GUEST_PA);
}

static void put_memmap(u32 i, u64 addr, u64 size, u32 type)
{
	u8 *e = guest_at(MEMMAP_PA) + i * 24;

	put64(e, 0, addr);
	put64(e, 8, size);
	put32(e, 16, type);
}

static void pvh_guest(u32 version)
{
	u8 *si = guest_at(SI_PA);
	u8 *mod = guest_at(MODLIST_PA);

	memset(guest, 0, sizeof(guest));
	guest_window = (struct phys_window){ GUEST_PA, GUEST_SIZE, guest };
	CHECK(phys_view_init(&guest_view, &guest_window, 1));
	reset_findings();
	put32(si, 0, 0x336ec578);
	put32(si, 4, version);
	put32(si, 12, 1);				/* nr_modules */
	put64(si, 16, MODLIST_PA);
	put64(si, 24, CMDLINE_PA);
	put64(si, 32, 0xf5a40);				/* rsdp_paddr */
	put64(si, 40, MEMMAP_PA);
	put32(si, 48, 3);				/* memmap_entries */
	put_memmap(0, 0, 0x9fc00, E820_TYPE_RAM);
	put_memmap(1, 0x100000, 0x7ee0000, E820_TYPE_RAM);
	put_memmap(2, 0xfeffc000, 0x4000, E820_TYPE_RESERVED);
	put64(mod, 0, 0x7000000);
	put64(mod, 8, 0x123456);
	strcpy((char *)guest_at(CMDLINE_PA), "console=ttyS0 baton.exit");
}

TEST(pvh_start_info)
{
	pvh_guest(1);
	bi.image_start = 0x1000000;
	bootinfo_from_pvh(&bi, &guest_view, SI_PA, &findings);
	CHECK_EQ(findings.count, 0);
	CHECK_EQ(bi.protocol, BOOT_PROTOCOL_PVH);
	CHECK_EQ(bi.start_info_pa, SI_PA);
	CHECK_EQ(bi.boot_params_pa, 0);
	CHECK_EQ(bi.image_start, 0x1000000);
	CHECK_EQ(bi.pvh_version, 1);
	CHECK_EQ(bi.pvh_nr_modules, 1);
	CHECK_EQ(bi.e820_count, 3);
	CHECK_EQ(bi.e820[1].addr, 0x100000);
	CHECK_EQ(bi.e820[1].size, 0x7ee0000);
	CHECK_EQ(bi.e820[2].type, E820_TYPE_RESERVED);
	CHECK_EQ(bi.cmdline_pa, CMDLINE_PA);
	CHECK_EQ(bi.initrd_pa, 0x7000000);
	CHECK_EQ(bi.initrd_size, 0x123456);
	CHECK_EQ(bi.acpi_rsdp_addr, 0xf5a40);
	CHECK_STR(bi.cmdline, "");

	/* Step 3 copies the command line; the initrd is not in this view. */
	bootinfo_read_handover(&bi, &guest_view, &findings);
	CHECK_FINDINGS(E_INITRD_OUT_OF_RAM);
	CHECK_STR(bi.cmdline, "console=ttyS0 baton.exit");
	CHECK_EQ(bi.setup_data_count, 0);
}

TEST(pvh_bad_magic)
{
	pvh_guest(1);
	put32(guest_at(SI_PA), 0, 0x336ec579);
	bootinfo_from_pvh(&bi, &guest_view, SI_PA, &findings);
	CHECK_FINDINGS(E_PVH_BAD_MAGIC);
	CHECK_STR(findings.items[0].message,
		  "hvm_start_info magic 0x336ec579, expected 0x336ec578");
	CHECK_EQ(bi.protocol, BOOT_PROTOCOL_PVH);
	CHECK_EQ(bi.e820_count, 0);
	CHECK_EQ(bi.cmdline_pa, 0);
}

TEST(pvh_start_info_out_of_ram)
{
	pvh_guest(1);
	bootinfo_from_pvh(&bi, &guest_view, GUEST_PA + GUEST_SIZE, &findings);
	CHECK_FINDINGS(E_PVH_START_INFO_OUT_OF_RAM);

	/* Version 0 fits in the last 40 bytes, version 1 does not. */
	pvh_guest(0);
	memcpy(guest_at(GUEST_PA + GUEST_SIZE - 40), guest_at(SI_PA), 40);
	bootinfo_from_pvh(&bi, &guest_view, GUEST_PA + GUEST_SIZE - 40,
			  &findings);
	CHECK_FINDINGS(W_PVH_NO_MEMMAP);
	CHECK_EQ(bi.cmdline_pa, CMDLINE_PA);

	pvh_guest(1);
	memcpy(guest_at(GUEST_PA + GUEST_SIZE - 40), guest_at(SI_PA), 40);
	bootinfo_from_pvh(&bi, &guest_view, GUEST_PA + GUEST_SIZE - 40,
			  &findings);
	CHECK_FINDINGS(E_PVH_START_INFO_OUT_OF_RAM);
	CHECK_EQ(bi.cmdline_pa, 0);
}

TEST(pvh_version0_has_no_memmap)
{
	pvh_guest(0);
	bootinfo_from_pvh(&bi, &guest_view, SI_PA, &findings);
	CHECK_FINDINGS(W_PVH_NO_MEMMAP);
	CHECK_EQ(bi.e820_count, 0);
	CHECK_EQ(bi.initrd_size, 0x123456);
	CHECK_EQ(bi.cmdline_pa, CMDLINE_PA);

	pvh_guest(1);
	put32(guest_at(SI_PA), 48, 0);
	bootinfo_from_pvh(&bi, &guest_view, SI_PA, &findings);
	CHECK_FINDINGS(W_PVH_NO_MEMMAP);
}

TEST(pvh_memmap_out_of_ram)
{
	pvh_guest(1);
	put64(guest_at(SI_PA), 40, GUEST_PA + GUEST_SIZE - 48);
	bootinfo_from_pvh(&bi, &guest_view, SI_PA, &findings);
	CHECK_FINDINGS(E_PVH_MEMMAP_OUT_OF_RAM);
	CHECK_EQ(bi.e820_count, 0);
	CHECK_EQ(bi.cmdline_pa, CMDLINE_PA);

	/* An entry count whose byte size overflows 32 bits is still bounded. */
	pvh_guest(1);
	put32(guest_at(SI_PA), 48, 0xffffffff);
	bootinfo_from_pvh(&bi, &guest_view, SI_PA, &findings);
	CHECK_FINDINGS(W_E820_OVERFLOW);
	CHECK_EQ(bi.e820_count, BOOT_E820_MAX);
	CHECK_EQ(bi.e820_dropped, 0xffffffffu - BOOT_E820_MAX);
}

TEST(pvh_memmap_overflow)
{
	pvh_guest(1);
	put32(guest_at(SI_PA), 48, BOOT_E820_MAX + 10);
	put_memmap(BOOT_E820_MAX - 1, 0xabc000, 0x1000, E820_TYPE_NVS);
	bootinfo_from_pvh(&bi, &guest_view, SI_PA, &findings);
	CHECK_FINDINGS(W_E820_OVERFLOW);
	CHECK_EQ(bi.e820_count, BOOT_E820_MAX);
	CHECK_EQ(bi.e820_dropped, 10);
	CHECK_EQ(bi.e820[BOOT_E820_MAX - 1].addr, 0xabc000);
	CHECK_EQ(bi.e820[BOOT_E820_MAX - 1].type, E820_TYPE_NVS);
}

TEST(pvh_modules)
{
	pvh_guest(1);
	put32(guest_at(SI_PA), 12, 3);
	bootinfo_from_pvh(&bi, &guest_view, SI_PA, &findings);
	CHECK_FINDINGS(I_PVH_EXTRA_MODULES);
	CHECK_EQ(bi.initrd_pa, 0x7000000);
	CHECK_EQ(bi.pvh_nr_modules, 3);

	pvh_guest(1);
	put64(guest_at(SI_PA), 16, 0x900000);
	bootinfo_from_pvh(&bi, &guest_view, SI_PA, &findings);
	CHECK_FINDINGS(E_PVH_MODLIST_OUT_OF_RAM);
	CHECK_EQ(bi.initrd_pa, 0);
	CHECK_EQ(bi.initrd_size, 0);

	pvh_guest(1);
	put32(guest_at(SI_PA), 12, 0);
	put64(guest_at(SI_PA), 16, 0x900000);
	bootinfo_from_pvh(&bi, &guest_view, SI_PA, &findings);
	CHECK_EQ(findings.count, 0);
	CHECK_EQ(bi.initrd_size, 0);
}

TEST(pvh_bootstrap_window)
{
	struct phys_window w;
	struct phys_view view;

	CHECK_EQ(bootinfo_pvh_bootstrap_windows(&w), 1);
	check_window(&w, 8, 0x100000000ULL - 8);
	CHECK(w.host != NULL);
	CHECK(phys_view_init(&view, &w, 1));
	CHECK(!phys_backed(&view, 0, 1));
	CHECK(!phys_backed(&view, 7, 2));
	CHECK(phys_backed(&view, 8, 8));
	/* QEMU's PVH memory map lives in page 0 */
	CHECK(phys_backed(&view, 0x5a8, 3 * 24));
	CHECK(phys_backed(&view, 0xfffff000ULL, 0x1000));
	CHECK(!phys_backed(&view, 0xfffff000ULL, 0x1001));
}

TEST(clip_windows_at_limit)
{
	struct phys_window w[4] = {
		{ 0x1000, 0x9f000, (const u8 *)0x1000 },
		{ 0x100000, 0xbff00000, (const u8 *)0x100000 },
		{ 0xfff00000, 0x40000000, (const u8 *)0xfff00000 },
		{ 0x100000000ULL, 0x1000, (const u8 *)0x100000000ULL },
	};

	CHECK_EQ(bootinfo_clip_windows(w, 4, 0x100000000ULL), 3);
	check_window(&w[0], 0x1000, 0x9f000);
	check_window(&w[1], 0x100000, 0xbff00000);
	check_window(&w[2], 0xfff00000, 0x100000);
	CHECK(w[2].host == (const u8 *)0xfff00000);
	/* A limit at a window's start drops it; one above keeps all. */
	CHECK_EQ(bootinfo_clip_windows(w, 3, 0x100000), 1);
	CHECK_EQ(bootinfo_clip_windows(w, 1, ~0ULL), 1);
	check_window(&w[0], 0x1000, 0x9f000);
	CHECK_EQ(bootinfo_clip_windows(w, 1, 0), 0);
}

/*
 * Issue 18: the PVH entry's tables map only [0, 4 GiB). A command line
 * above, in RAM the memory map lists, must not be read before baton's own
 * tables: the view the payload builds is clipped there and the finding
 * says why. The windows are identity (host == pa) as in the payload, so
 * an unclipped read here faults the test just as it faults baton.
 */
TEST(pvh_cmdline_above_4g_not_read_before_own_tables)
{
	static struct phys_window w[BOOT_E820_MAX], early[BOOT_E820_MAX];
	struct phys_view view, ram;
	u32 n;

	pvh_guest(1);
	put32(guest_at(SI_PA), 48, 4);
	put_memmap(3, 0x100000000ULL, 0x40000000, E820_TYPE_RAM);
	put64(guest_at(SI_PA), 24, 0x100001000ULL);	/* cmdline_paddr */
	bootinfo_from_pvh(&bi, &guest_view, SI_PA, &findings);
	CHECK_EQ(findings.count, 0);
	CHECK_EQ(bi.cmdline_pa, 0x100001000ULL);
	n = bootinfo_ram_windows(&bi, w, BOOT_E820_MAX);
	CHECK_EQ(n, 3);
	CHECK(phys_view_init(&ram, w, n));
	memcpy(early, w, sizeof(early));
	n = bootinfo_clip_windows(early, n, SZ_4G);
	CHECK_EQ(n, 2);
	CHECK(phys_view_init(&view, early, n));
	bootinfo_check_early_map(&bi, SZ_4G, &findings);
	bootinfo_read_handover_split(&bi, &view, &ram, &findings);
	CHECK_FINDINGS(E_BOOT_DATA_ABOVE_EARLY_MAP, E_CMDLINE_OUT_OF_RAM);
	CHECK_STR(findings.items[0].message,
		  "command line at 0x100001000 is above 0x100000000, all the entry's page tables map: not read");
	CHECK_EQ(findings.items[0].pa, 0x100001000ULL);
	CHECK_STR(bi.cmdline, "");
	CHECK_EQ(bi.cmdline_len, 0);

	/* Just below the limit it is read (from the guest buffer here). */
	pvh_guest(1);
	reset_findings();
	bootinfo_from_pvh(&bi, &guest_view, SI_PA, &findings);
	bootinfo_check_early_map(&bi, SZ_4G, &findings);
	bootinfo_read_handover(&bi, &guest_view, &findings);
	CHECK_FINDINGS(E_INITRD_OUT_OF_RAM);
	CHECK_STR(bi.cmdline, "console=ttyS0 baton.exit");
}

/* The 32-bit boot-protocol entry has the same 4 GiB map: setup_data too. */
TEST(linux32_setup_data_above_4g_not_read)
{
	static struct phys_window w[BOOT_E820_MAX], early[BOOT_E820_MAX];
	struct phys_view view, ram;
	u32 n;

	kexec_page();
	put64(page, 0x250, 0x17fff0000ULL);		/* hdr.setup_data */
	put64(page, 0x228, 0);				/* no cmd_line_ptr */
	put32(page, 0xc8, 0);
	put_bp_e820(2, 0x100000000ULL, 0x80000000, E820_TYPE_RAM);
	put8(page, 0x1e8, 3);
	bootinfo_read_boot_params(&bi, page, 0x7000, &findings);
	CHECK_EQ(findings.count, 0);
	n = bootinfo_ram_windows(&bi, w, BOOT_E820_MAX);
	CHECK(phys_view_init(&ram, w, n));
	memcpy(early, w, sizeof(early));
	n = bootinfo_clip_windows(early, n, SZ_4G);
	CHECK(phys_view_init(&view, early, n));
	bootinfo_check_early_map(&bi, SZ_4G, &findings);
	/* The initrd above 4 GiB is in RAM: checked, not read, no finding. */
	CHECK_EQ(bi.initrd_pa, 0x17b5d5000ULL);
	bootinfo_read_handover_split(&bi, &view, &ram, &findings);
	CHECK_FINDINGS(E_BOOT_DATA_ABOVE_EARLY_MAP, E_SETUP_DATA_OUT_OF_RAM);
	CHECK_STR(findings.items[0].message,
		  "setup_data at 0x17fff0000 is above 0x100000000, all the entry's page tables map: not read");
	CHECK_EQ(bi.setup_data_count, 0);
	CHECK(bi.setup_data_truncated);
}

/* The printer: collect lines, compare them exactly. */
static char lines[64][256];
static u32 line_count;

static void collect(void *ctx, const char *text)
{
	(void)ctx;
	if (line_count < ARRAY_SIZE(lines))
		snprintf(lines[line_count], sizeof(lines[0]), "%s", text);
	line_count++;
}

static void check_lines(const char *const *expected, u32 n, int line)
{
	u32 i;

	if (line_count != n)
		CHECK_FAIL("line %d: %u lines, expected %u", line, line_count,
			   n);
	for (i = 0; i < n && i < line_count; i++)
		if (strcmp(lines[i], expected[i]) != 0)
			CHECK_FAIL("line %d: line %u\n    got      \"%s\"\n    expected \"%s\"",
				   line, i, lines[i], expected[i]);
}

#define CHECK_LINES(...)						\
	check_lines((const char *const[]){ __VA_ARGS__ },		\
		    sizeof((const char *const[]){ __VA_ARGS__ }) /	\
		    sizeof(const char *), __LINE__)

static void print_bi(void)
{
	line_count = 0;
	bootinfo_print(&bi, collect, NULL);
}

TEST(print_kexec_handover)
{
	kexec_page();
	put32(page, 0x0c0, 0);
	put32(page, 0x0c8, 0);
	bootinfo_read_boot_params(&bi, page, 0x7c7f9000, &findings);
	strcpy(bi.cmdline, "console=ttyS0 baton.exit\t\x01");
	bi.cmdline_len = strlen(bi.cmdline);
	bi.setup_data[0] = (struct boot_setup_data){ 0x7c7f9020, 9, 32 };
	bi.setup_data[1] = (struct boot_setup_data){ 0x7c7f9050, 10, 32 };
	bi.setup_data[2] = (struct boot_setup_data){ 0x7c7f9080,
						     SETUP_INDIRECT | 1, 24 };
	bi.setup_data[3] = (struct boot_setup_data){ 0x7c7f90a0, 42, 0 };
	bi.setup_data_count = 4;
	bi.kho = (struct boot_kho_record){
		.present = true, .setup_data_pa = 0x7c7f9050, .len = 32,
		.fdt_addr = 0x1a2b000, .fdt_size = 0x1000,
		.scratch_addr = 0x7c7f0000, .scratch_size = 48,
	};
	print_bi();
	CHECK_LINES(
		"boot: linux64 boot_params 0x000000007c7f9000 loader 0xd0 protocol 2.15",
		"cmdline: console=ttyS0 baton.exit..",
		"e820: [mem 0x0000000000000000-0x000000000009fbff] usable",
		"e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved",
		"e820: [mem 0x0000000000100000-0x000000007fffffff] usable",
		"initrd: [mem 0x000000007b5d5000-0x000000007b613fff] size 0x3f000",
		"acpi: rsdp 0x000000007fb7e014",
		"efi: systab 0x000000007f9ee018 memmap 0x000000007c7fa100 size 0x300 desc 48 v1",
		"setup_data: 0x000000007c7f9020 type 9 (RNG_SEED) len 32",
		"setup_data: 0x000000007c7f9050 type 10 (KEXEC_KHO) len 32",
		"setup_data: 0x000000007c7f9080 type 2147483649 (INDIRECT) len 24",
		"setup_data: 0x000000007c7f90a0 type 42 (unknown) len 0",
		"kho: fdt 0x0000000001a2b000 size 0x1000 scratch array 0x000000007c7f0000 (3 areas)");
}

TEST(print_pvh_minimal)
{
	static const u32 types[] = { 3, 4, 5, 7, 12, 0xefffffff, 6 };
	u32 i;

	bootinfo_reset(&bi);
	bi.protocol = BOOT_PROTOCOL_PVH;
	bi.start_info_pa = 0x1100;
	bi.pvh_version = 1;
	for (i = 0; i < ARRAY_SIZE(types); i++)
		bi.e820[i] = (struct boot_e820_entry){ 0x100000ULL * (i + 1),
						       0x1000, types[i] };
	bi.e820_count = ARRAY_SIZE(types);
	bi.e820_dropped = 4;
	bi.setup_data_truncated = true;
	print_bi();
	CHECK_LINES(
		"boot: pvh start_info 0x0000000000001100 version 1",
		"cmdline: (empty)",
		"e820: [mem 0x0000000000100000-0x0000000000100fff] ACPI data",
		"e820: [mem 0x0000000000200000-0x0000000000200fff] ACPI NVS",
		"e820: [mem 0x0000000000300000-0x0000000000300fff] unusable",
		"e820: [mem 0x0000000000400000-0x0000000000400fff] persistent (type 7)",
		"e820: [mem 0x0000000000500000-0x0000000000500fff] persistent (type 12)",
		"e820: [mem 0x0000000000600000-0x0000000000600fff] soft reserved",
		"e820: [mem 0x0000000000700000-0x0000000000700fff] type 6",
		"e820: 4 entries dropped",
		"initrd: none",
		"setup_data: list truncated",
		"kho: none");
}

TEST(print_long_cmdline)
{
	char expected[3][256];
	u32 i;

	bootinfo_reset(&bi);
	for (i = 0; i < 450; i++)
		bi.cmdline[i] = (char)('a' + i % 26);
	bi.cmdline[450] = '\0';
	bi.cmdline_len = 450;
	bi.cmdline_truncated = true;
	snprintf(expected[0], sizeof(expected[0]), "cmdline: %.200s",
		 bi.cmdline);
	snprintf(expected[1], sizeof(expected[1]), "cmdline+ %.200s",
		 bi.cmdline + 200);
	snprintf(expected[2], sizeof(expected[2]), "cmdline+ %.50s",
		 bi.cmdline + 400);
	print_bi();
	CHECK_LINES("boot: none", expected[0], expected[1], expected[2],
		    "cmdline: (truncated)", "initrd: none", "kho: none");
	CHECK_EQ(strlen(lines[3]), 9 + 50);
}
