// SPDX-License-Identifier: MIT
/*
 * Unit tests of boot/chain/boot_params_build.c: the zero page, the e820
 * split, and the rebuilt setup_data list, byte for byte.
 */
#include "check.h"
#include <boot/chain/boot_params_build.h>

#define MEM_PA		0x1000000ULL	/* fake RAM window for setup_data */
#define MEM_SIZE	0x10000
#define PARAMS_PA	0x17c7f9000ULL	/* above 4 GiB: ext fields matter */
#define INITRD_PA	0x17b5d5000ULL
#define SCRATCH_ARRAY_PA (MEM_PA + 0x8000)
#define KHO_SD_PA	(MEM_PA + 0x300)

static uint8_t mem[MEM_SIZE];
static uint8_t image[0x4000];
static uint8_t old_zp[4096];
static uint8_t seg[0x8000];
static struct boot_info bi;
static struct phys_window window;
static struct phys_view view;
static struct chain_bzimage kinfo;
static struct chain_params_input in;
static struct chain_params_layout layout;
static struct chain_status st;
static const uint8_t seed[32] = "0123456789abcdef0123456789abcdef";

static uint64_t get64(const uint8_t *p, size_t off)
{
	uint64_t v;

	memcpy(&v, p + off, 8);
	return v;
}

static uint32_t get32(const uint8_t *p, size_t off)
{
	uint32_t v;

	memcpy(&v, p + off, 4);
	return v;
}

/* Adds an incoming setup_data entry in the fake RAM (next left 0). */
static void incoming(uint32_t off, uint32_t type, uint32_t len, uint8_t fill)
{
	struct boot_setup_data *sd = &bi.setup_data[bi.setup_data_count++];

	sd->pa = MEM_PA + off;
	sd->type = type;
	sd->len = len;
	memcpy(mem + off + 8, &type, 4);
	memcpy(mem + off + 12, &len, 4);
	memset(mem + off + 16, fill, len);
}

static void setup(void)
{
	uint32_t i;
	/* Two kho_scratch areas {addr, size}: lowmem and global. */
	uint64_t scratch[4] = { 0x78800000, 0x4000000, 0x100000000, 0x8000000 };

	memset(mem, 0, sizeof(mem));
	memset(&bi, 0, sizeof(bi));
	memset(image, 0xee, sizeof(image));
	memset(old_zp, 0, sizeof(old_zp));
	memset(seg, 0xcc, sizeof(seg));

	window.pa = MEM_PA;
	window.size = MEM_SIZE;
	window.host = mem;
	CHECK(phys_view_init(&view, &window, 1));

	/* Image header: jump byte 0x6a, setup_data field non-zero (ignored). */
	image[0x201] = 0x6a;
	memcpy(image + 0x202, "HdrS", 4);
	memset(image + 0x250, 0x77, 8);
	memset(&kinfo, 0, sizeof(kinfo));
	kinfo.setup_header_len = 0x26c - 0x1f1;
	kinfo.cmdline_size = 2047;

	bi.protocol = BOOT_PROTOCOL_LINUX64;
	bi.acpi_rsdp_addr = 0xf5a40;
	bi.efi.loader_signature = 0x34364c45;	/* "EL64" */
	bi.efi.systab = 0x7f9ee018;
	bi.efi.memmap_size = 0x300;
	for (i = 0; i < 130; i++) {
		bi.e820[i].addr = (uint64_t)i << 24;
		bi.e820[i].size = 0x1000000 - 0x1000 * (i & 3);
		bi.e820[i].type = (i % 5) + 1;
	}
	bi.e820_count = 130;

	incoming(0x000, SETUP_EFI, 96, 0xe1);
	incoming(0x100, SETUP_RNG_SEED, 32, 0x52);
	incoming(0x300, SETUP_KEXEC_KHO, 32, 0);
	incoming(0x400, SETUP_E820_EXT, 40, 0x11);
	incoming(0x500, 0x1234, 5, 0x99);
	incoming(0x600, SETUP_INDIRECT, 24, 0x1d);

	memcpy(mem + 0x8000, scratch, sizeof(scratch));
	bi.kho.present = true;
	bi.kho.setup_data_pa = KHO_SD_PA;
	bi.kho.len = 32;
	bi.kho.fdt_addr = 0x1234000;
	bi.kho.fdt_size = 4096;
	bi.kho.scratch_addr = SCRATCH_ARRAY_PA;
	bi.kho.scratch_size = sizeof(scratch);

	memset(old_zp, 0x5c, 0x40);		/* screen_info */
	old_zp[0x1ec] = 1;			/* secure_boot */
	memcpy(old_zp + 0x23c, "\x01\0\0\0\xaa\xbb\xcc\xdd\0\0\0\0", 12);
	old_zp[0x1e9] = 2;			/* eddbuf_entries */
	memset(old_zp + 0xd00, 0xed, 0x1ec);

	memset(&in, 0, sizeof(in));
	in.bi = &bi;
	in.incoming_boot_params = old_zp;
	in.view = &view;
	in.kernel_image = image;
	in.kernel = &kinfo;
	in.cmdline = "console=ttyS0 root=/dev/vda";
	in.initrd_pa = INITRD_PA;
	in.initrd_size = 0x12345678;
}

static bool layout_and_build(void)
{
	return chain_params_layout(&in, &layout, &st) &&
	       chain_params_build(&in, &layout, PARAMS_PA, seg, sizeof(seg),
				  &st);
}

/* Follows the built list from hdr.setup_data; returns its length. */
static int walk(uint32_t *types, uint64_t *offsets, int max)
{
	uint64_t pa = get64(seg, 0x250);
	int n = 0;

	while (pa && n < max) {
		uint64_t off = pa - PARAMS_PA;

		if (off >= sizeof(seg))
			return -1;
		types[n] = get32(seg, off + 8);
		offsets[n++] = off;
		pa = get64(seg, off);
	}
	return n;
}

TEST(zero_page_header_and_pointers)
{
	setup();
	CHECK(layout_and_build());
	CHECK_EQ(st.code, CHAIN_OK);
	/* Header copied over exactly 0x1f1..0x26b, then overridden. */
	CHECK_EQ(seg[0x1f0], 0);
	CHECK_EQ(seg[0x1f1], 0xee);
	CHECK_EQ(seg[0x26b], 0xee);
	CHECK_EQ(seg[0x26c], 0);
	CHECK_MEM(seg + 0x202, "HdrS", 4);
	CHECK_EQ(seg[0x210], 0xd0);			/* type_of_loader */
	CHECK_EQ(seg[0x211], 0);			/* loadflags */
	CHECK_EQ(get32(seg, 0x228), 0x7c7fa000);	/* cmd_line_ptr */
	CHECK_EQ(get32(seg, 0x0c8), 0x1);		/* ext_cmd_line_ptr */
	CHECK_EQ(get32(seg, 0x218), 0x7b5d5000);	/* ramdisk_image */
	CHECK_EQ(get32(seg, 0x0c0), 0x1);
	CHECK_EQ(get32(seg, 0x21c), 0x12345678);	/* ramdisk_size */
	CHECK_EQ(get32(seg, 0x0c4), 0);
	CHECK_STR((char *)seg + 4096, "console=ttyS0 root=/dev/vda");
	/* Forwarded machine description. */
	CHECK_EQ(get64(seg, 0x070), 0xf5a40);
	CHECK_EQ(get32(seg, 0x1c0), 0x34364c45);
	CHECK_EQ(get32(seg, 0x1c4), 0x7f9ee018);
	CHECK_EQ(get32(seg, 0x1d4), 0x300);
	CHECK_EQ(seg[0x00], 0x5c);
	CHECK_EQ(seg[0x3f], 0x5c);
	CHECK_EQ(seg[0x40], 0);
	CHECK_EQ(seg[0x1ec], 1);
	CHECK_EQ(seg[0x1e9], 2);
	CHECK_EQ(seg[0xd00], 0xed);
	CHECK_EQ(seg[0xeeb], 0xed);
	CHECK_EQ(seg[0xeec], 0);
	CHECK_EQ(get32(seg, 0x23c), 1);			/* hardware_subarch */
	CHECK_EQ(get64(seg, 0x240), 0xddccbbaa);
	CHECK_EQ(seg[0x1ef], 0);			/* sentinel */
}

TEST(e820_identical_to_input)
{
	uint32_t types[16];
	uint64_t offs[16];
	int n, i, ext = -1;

	setup();
	CHECK(layout_and_build());
	CHECK_EQ(layout.e820_zeropage, 128);
	CHECK_EQ(layout.e820_ext, 2);
	CHECK_EQ(seg[0x1e8], 128);
	for (i = 0; i < 128; i++) {
		size_t off = 0x2d0 + (size_t)i * 20;

		CHECK_EQ(get64(seg, off), bi.e820[i].addr);
		CHECK_EQ(get64(seg, off + 8), bi.e820[i].size);
		CHECK_EQ(get32(seg, off + 16), bi.e820[i].type);
	}
	n = walk(types, offs, 16);
	for (i = 0; i < n; i++)
		if (types[i] == SETUP_E820_EXT) {
			CHECK_EQ(ext, -1);	/* exactly one */
			ext = i;
		}
	CHECK(ext >= 0);
	if (ext < 0)
		return;
	CHECK_EQ(get32(seg, offs[ext] + 12), 40);
	for (i = 0; i < 2; i++) {
		size_t off = offs[ext] + 16 + (size_t)i * 20;

		CHECK_EQ(get64(seg, off), bi.e820[128 + i].addr);
		CHECK_EQ(get64(seg, off + 8), bi.e820[128 + i].size);
		CHECK_EQ(get32(seg, off + 16), bi.e820[128 + i].type);
	}
}

TEST(setup_data_list_in_order_seed_dropped)
{
	uint32_t types[16];
	uint64_t offs[16];
	static const uint32_t expect[] = {
		SETUP_EFI, SETUP_KEXEC_KHO, 0x1234, SETUP_INDIRECT,
		SETUP_E820_EXT,
	};
	int n, i;

	setup();
	CHECK(layout_and_build());
	CHECK_EQ(layout.dropped_rng_seeds, 1);
	n = walk(types, offs, 16);
	CHECK_EQ(n, 5);
	for (i = 0; i < n && i < 5; i++)
		CHECK_EQ(types[i], expect[i]);
	/* Offsets: cmdline 4096 + 28 -> 0x1020; EFI 16+96 -> 0x1090;
	 * KHO 16+32+32 -> 0x10e0; unknown 16+5 -> 0x1100 (aligned);
	 * INDIRECT 16+24 -> 0x1128 -> 0x1130;
	 * E820_EXT 16+40 -> 0x1168 -> 0x1170. */
	CHECK_EQ(offs[0], 0x1020);
	CHECK_EQ(offs[1], 0x1090);
	CHECK_EQ(offs[2], 0x10e0);
	CHECK_EQ(offs[3], 0x1100);
	CHECK_EQ(offs[4], 0x1130);
	CHECK_EQ(layout.total_size, 0x1170);
	/* Forwarded payloads are byte-identical. */
	CHECK_EQ(get32(seg, offs[0] + 12), 96);
	CHECK_MEM(seg + offs[0] + 16, mem + 0x000 + 16, 96);
	CHECK_EQ(get32(seg, offs[2] + 12), 5);
	CHECK_MEM(seg + offs[2] + 16, mem + 0x500 + 16, 5);
	CHECK_MEM(seg + offs[3] + 16, mem + 0x600 + 16, 24);
	/* No byte of the old seed survives anywhere in the segment. */
	for (i = 0; i + 4 <= (int)layout.total_size; i++)
		if (memcmp(seg + i, "\x52\x52\x52\x52", 4) == 0) {
			CHECK_FAIL("old RNG seed bytes at %#x", i);
			break;
		}
}

TEST(kho_entry_rewritten_with_scratch_copy)
{
	uint32_t types[16];
	uint64_t offs[16];
	uint64_t off;

	setup();
	CHECK(layout_and_build());
	CHECK_EQ(walk(types, offs, 16), 5);
	off = offs[1];
	CHECK_EQ(types[1], SETUP_KEXEC_KHO);
	CHECK_EQ(get32(seg, off + 12), 32 + 32);
	CHECK_EQ(get64(seg, off + 16), 0x1234000);		/* fdt_addr */
	CHECK_EQ(get64(seg, off + 24), 4096);			/* fdt_size */
	/* scratch_addr, scratch_size */
	CHECK_EQ(get64(seg, off + 32), PARAMS_PA + off + 48);
	CHECK_EQ(get64(seg, off + 40), 32);
	CHECK_MEM(seg + off + 48, mem + 0x8000, 32);
	CHECK_EQ(get64(seg, off + 48), 0x78800000);
	CHECK_EQ(get64(seg, off + 48 + 24), 0x8000000);
}

/* baton's amended FDT replaces fdt_addr; nothing else changes */
TEST(kho_entry_points_at_the_amended_fdt)
{
	uint32_t types[16];
	uint64_t offs[16];

	setup();
	in.kho_fdt_pa = 0x5678000;
	CHECK(layout_and_build());
	CHECK_EQ(walk(types, offs, 16), 5);
	CHECK_EQ(types[1], SETUP_KEXEC_KHO);
	CHECK_EQ(get64(seg, offs[1] + 16), 0x5678000);
	CHECK_EQ(get64(seg, offs[1] + 24), 4096);
	CHECK_EQ(get32(seg, offs[1] + 12), 32 + 32);
}

TEST(rng_seed_replaced)
{
	uint32_t types[16];
	uint64_t offs[16];

	setup();
	in.rng_seed = seed;
	CHECK(layout_and_build());
	CHECK_EQ(layout.dropped_rng_seeds, 0);
	CHECK_EQ(walk(types, offs, 16), 6);
	CHECK_EQ(types[1], SETUP_RNG_SEED);	/* where the old one was */
	CHECK_EQ(get32(seg, offs[1] + 12), 32);
	CHECK_MEM(seg + offs[1] + 16, seed, 32);
}

TEST(rng_seed_added_when_none_incoming)
{
	uint32_t types[16];
	uint64_t offs[16];

	setup();
	bi.setup_data[1].type = 0x4321;	/* the incoming seed becomes unknown */
	in.rng_seed = seed;
	CHECK(layout_and_build());
	CHECK_EQ(walk(types, offs, 16), 7);
	CHECK_EQ(types[1], 0x4321);
	CHECK_EQ(types[5], SETUP_RNG_SEED);	/* appended after incoming */
	CHECK_EQ(types[6], SETUP_E820_EXT);
	CHECK_MEM(seg + offs[5] + 16, seed, 32);
}

TEST(extra_entry_appended_last)
{
	uint32_t types[16];
	uint64_t offs[16];
	static const char report[] = "{\"baton\":\"report\"}";
	struct chain_extra_setup_data extra = {
		.type = SETUP_NONE, .data = report, .len = sizeof(report) - 1,
	};
	int n;

	setup();
	in.extra = &extra;
	CHECK(layout_and_build());
	n = walk(types, offs, 16);
	CHECK_EQ(n, 6);
	CHECK_EQ(types[5], SETUP_NONE);
	CHECK_EQ(get32(seg, offs[5] + 12), sizeof(report) - 1);
	CHECK_MEM(seg + offs[5] + 16, report, sizeof(report) - 1);
	CHECK_EQ(get64(seg, offs[5]), 0);	/* list ends */
}

TEST(small_e820_no_ext_no_initrd_pvh)
{
	uint32_t types[16];
	uint64_t offs[16];

	setup();
	bi.e820_count = 3;
	bi.setup_data_count = 0;
	bi.kho.present = false;
	in.incoming_boot_params = NULL;
	in.initrd_pa = 0x5000000;
	in.initrd_size = 0;
	in.cmdline = "";
	CHECK(layout_and_build());
	CHECK_EQ(seg[0x1e8], 3);
	CHECK_EQ(layout.entry_count, 0);
	CHECK_EQ(get64(seg, 0x250), 0);
	CHECK_EQ(walk(types, offs, 16), 0);
	CHECK_EQ(get32(seg, 0x218), 0);
	CHECK_EQ(get32(seg, 0x0c0), 0);
	CHECK_EQ(get32(seg, 0x21c), 0);
	CHECK_EQ(seg[0], 0);		/* no zero page: no screen_info */
	CHECK_EQ(get64(seg, 0x070), 0xf5a40);	/* but the RSDP is kept */
	CHECK_EQ(seg[4096], 0);
	CHECK_EQ(layout.total_size, 0x1010);
}

TEST(refusals)
{
	setup();
	bi.setup_data_truncated = true;
	CHECK(!chain_params_layout(&in, &layout, &st));
	CHECK_EQ(st.code, CHAIN_ERR_PARAMS);
	CHECK_STR(st.message, "incoming setup_data list is truncated (6 entries read); refusing to forward part of it");

	setup();
	bi.e820_dropped = 3;
	CHECK(!chain_params_layout(&in, &layout, &st));
	CHECK_STR(st.message, "incoming e820 has 3 entries beyond the 512 baton keeps; cannot forward it unchanged");

	setup();
	kinfo.cmdline_size = 10;
	CHECK(!chain_params_layout(&in, &layout, &st));
	CHECK_EQ(st.code, CHAIN_ERR_CMDLINE);

	setup();
	bi.kho.scratch_size = 24;
	CHECK(!chain_params_layout(&in, &layout, &st));
	CHECK_STR(st.message, "KHO scratch array size 0x18 is not a non-zero multiple of 16 up to 0x3e000");

	setup();
	bi.kho.scratch_addr = 0x2000000;
	CHECK(!chain_params_layout(&in, &layout, &st));
	CHECK_STR(st.message, "KHO scratch array [0x2000000, +0x20) is not readable");

	setup();
	bi.kho.setup_data_pa = 0x999000;
	CHECK(!chain_params_layout(&in, &layout, &st));
	CHECK_STR(st.message, "SETUP_KEXEC_KHO at 0x1000300 is not the decoded KHO record");

	setup();
	bi.setup_data[4].len = MEM_SIZE;
	CHECK(!chain_params_layout(&in, &layout, &st));
	CHECK_STR(st.message, "setup_data type 0x1234 at 0x1000500: 65536-byte payload not readable");

	setup();
	bi.setup_data[4].type = SETUP_KEXEC_KHO;
	CHECK(!chain_params_layout(&in, &layout, &st));
	CHECK_STR(st.message, "second SETUP_KEXEC_KHO at 0x1000500");

	setup();
	CHECK(chain_params_layout(&in, &layout, &st));
	CHECK(!chain_params_build(&in, &layout, PARAMS_PA, seg, 0x1000, &st));
	CHECK_STR(st.message, "params buffer 0x1000 bytes, layout needs 0x1170");
	CHECK(!chain_params_build(&in, &layout, PARAMS_PA + 8, seg,
				  sizeof(seg), &st));
}
