// SPDX-License-Identifier: MIT
/*
 * End-to-end test of boot/chain/chain.c in fake RAM: a bundle made with
 * the cpio writer, a synthetic bzImage, a KHO record, then every byte the
 * next kernel would find checked against what went in.
 */
#include "check.h"
#include <baton/cpio.h>
#include <boot/chain/chain.h>

#define RAM_PA		0x1000000ULL
#define RAM_SIZE	0x2000000ULL	/* [16 MiB, 48 MiB) */
#define BUNDLE_PA	0x1100000ULL
#define SCRATCH_PA	0x2000000ULL
#define SCRATCH_SIZE	0x1000000ULL
#define KHO_SD_PA	0x1010000ULL
#define SCRATCH_ARR_PA	0x1011000ULL

static uint8_t *ram;
static struct phys_window window;
static struct phys_view view;
static struct boot_info bi;
static uint8_t kernel_file[0x3000];
static struct chain_result res;
static struct chain_status st;

struct fake {
	uint64_t reserved[8][2];
	int count;
	int maps[CHAIN_SEG_COUNT];
};

static bool fake_find(void *ctx, u64 size, u64 align, phys_addr_t min,
		      phys_addr_t max, phys_addr_t *out)
{
	struct fake *f = ctx;
	uint64_t lo = MAX(SCRATCH_PA, min);
	uint64_t hi = MIN(SCRATCH_PA + SCRATCH_SIZE, max);
	uint64_t pa;
	int i;

	if (hi - lo < size)
		return false;
	for (pa = ALIGN_DOWN(hi - size, align); pa >= lo; pa -= align) {
		bool clash = false;

		for (i = 0; i < f->count; i++)
			clash |= pa < f->reserved[i][0] + f->reserved[i][1] &&
				 f->reserved[i][0] < pa + size;
		if (!clash) {
			*out = pa;
			return true;
		}
		if (pa < align)
			break;
	}
	return false;
}

static bool fake_claim(void *ctx, phys_addr_t pa, u64 size,
		       enum chain_segment_kind kind)
{
	struct fake *f = ctx;

	f->reserved[f->count][0] = pa;
	f->reserved[f->count][1] = size;
	f->count++;
	return true;
}

static void *fake_map(void *ctx, phys_addr_t pa, u64 size,
		      enum chain_segment_kind kind)
{
	struct fake *f = ctx;

	f->maps[kind]++;
	if (pa < RAM_PA || pa + size > RAM_PA + RAM_SIZE)
		return NULL;
	return ram + (pa - RAM_PA);
}

static void put(uint64_t pa, const void *p, size_t len)
{
	memcpy(ram + (pa - RAM_PA), p, len);
}

static void make_kernel(void)
{
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;
	size_t i;

	memset(kernel_file, 0, sizeof(kernel_file));
	kernel_file[0x1f1] = 3;		/* payload at 0x800 */
	v16 = 0xaa55;
	memcpy(kernel_file + 0x1fe, &v16, 2);
	kernel_file[0x201] = 0x6a;
	memcpy(kernel_file + 0x202, "HdrS", 4);
	v16 = 0x020f;
	memcpy(kernel_file + 0x206, &v16, 2);
	kernel_file[0x211] = 1;
	v32 = 0x200000;
	memcpy(kernel_file + 0x230, &v32, 4);
	kernel_file[0x234] = 1;
	v16 = 0x7f;
	memcpy(kernel_file + 0x236, &v16, 2);
	v32 = 255;
	memcpy(kernel_file + 0x238, &v32, 4);
	v64 = 0x1000000;
	memcpy(kernel_file + 0x258, &v64, 8);
	v32 = 0x5123;			/* init_size -> memsz 0x6000 */
	memcpy(kernel_file + 0x260, &v32, 4);
	for (i = 0x800; i < sizeof(kernel_file); i++)
		kernel_file[i] = (uint8_t)(i * 7);
}

static void make_bundle(const char *cmdline, bool with_initrd)
{
	static uint8_t arc[0x8000];
	struct cpio_write_file f = { .mode = CPIO_MODE_REGULAR | 0644 };
	size_t pos = 0;

	f.name = "kernel";
	f.data = kernel_file;
	f.data_size = sizeof(kernel_file);
	CHECK(cpio_write_entry(arc, sizeof(arc), &pos, &f));
	if (with_initrd) {
		f.name = "initrd";
		f.data = "INITRD-CONTENT";
		f.data_size = 14;
		CHECK(cpio_write_entry(arc, sizeof(arc), &pos, &f));
	}
	if (cmdline) {
		f.name = "cmdline";
		f.data = cmdline;
		f.data_size = strlen(cmdline);
		CHECK(cpio_write_entry(arc, sizeof(arc), &pos, &f));
	}
	CHECK(cpio_write_trailer(arc, sizeof(arc), &pos));
	put(BUNDLE_PA, arc, pos);
	bi.initrd_pa = BUNDLE_PA;
	bi.initrd_size = pos;
}

static void setup(void)
{
	uint64_t kho_hdr[2] = { 0, ((uint64_t)32 << 32) | SETUP_KEXEC_KHO };
	uint64_t scratch[2] = { SCRATCH_PA, SCRATCH_SIZE };

	if (!ram)
		ram = malloc(RAM_SIZE);
	memset(ram, 0xa5, RAM_SIZE);
	window.pa = RAM_PA;
	window.size = RAM_SIZE;
	window.host = ram;
	CHECK(phys_view_init(&view, &window, 1));

	memset(&bi, 0, sizeof(bi));
	bi.protocol = BOOT_PROTOCOL_LINUX64;
	bi.e820[0].addr = 0;
	bi.e820[0].size = 0x9fc00;
	bi.e820[0].type = E820_TYPE_RAM;
	bi.e820[1].addr = 0x100000;
	bi.e820[1].size = 0x7ff00000;
	bi.e820[1].type = E820_TYPE_RAM;
	bi.e820_count = 2;
	strcpy(bi.cmdline, "console=ttyS0 baton.chain=on");

	put(KHO_SD_PA, kho_hdr, sizeof(kho_hdr));
	put(SCRATCH_ARR_PA, scratch, sizeof(scratch));
	bi.setup_data[0].pa = KHO_SD_PA;
	bi.setup_data[0].type = SETUP_KEXEC_KHO;
	bi.setup_data[0].len = 32;
	bi.setup_data_count = 1;
	bi.kho.present = true;
	bi.kho.setup_data_pa = KHO_SD_PA;
	bi.kho.fdt_addr = 0x1012000;
	bi.kho.fdt_size = 4096;
	bi.kho.scratch_addr = SCRATCH_ARR_PA;
	bi.kho.scratch_size = 16;

	make_kernel();
}

static bool run(struct fake *f, const uint8_t *seed)
{
	struct place_ops place = { fake_find, fake_claim, f };
	struct chain_memory_ops mem = { fake_map, f };
	struct chain_request req = {
		.bi = &bi, .view = &view, .rng_seed = seed,
		.trampoline_size = 0x1000,
	};

	memset(f, 0, sizeof(*f));
	/* The bundle and the handover are reservations, as mm would report. */
	f->reserved[0][0] = BUNDLE_PA;
	f->reserved[0][1] = bi.initrd_size;
	f->count = 1;
	return chain_prepare(&req, &place, &mem, &res, &st);
}

static uint64_t rd64(uint64_t pa)
{
	uint64_t v;

	memcpy(&v, ram + (pa - RAM_PA), 8);
	return v;
}

static uint32_t rd32(uint64_t pa)
{
	uint32_t v;

	memcpy(&v, ram + (pa - RAM_PA), 4);
	return v;
}

TEST(full_chain_with_initrd_and_bundle_cmdline)
{
	struct fake f;
	uint64_t kpa, ipa, bp, sd;

	setup();
	make_bundle("root=/dev/vda rw\n", true);
	CHECK(run(&f, NULL));
	CHECK_STR(st.message, "");
	kpa = res.plan.seg[CHAIN_SEG_KERNEL].pa;
	ipa = res.plan.seg[CHAIN_SEG_INITRD].pa;
	bp = res.plan.seg[CHAIN_SEG_PARAMS].pa;
	/*
	 * params (zero page + cmdline + KHO entry = 0x1060 -> 2 pages) at the
	 * top, trampoline below, kernel 2 MiB aligned below, initrd in the
	 * gap under the trampoline.
	 */
	CHECK_EQ(res.layout.total_size, 0x1060);
	CHECK_EQ(bp, 0x2ffe000);
	CHECK_EQ(res.plan.seg[CHAIN_SEG_TRAMPOLINE].pa, 0x2ffd000);
	CHECK_EQ(kpa, 0x2e00000);
	CHECK_EQ(res.plan.seg[CHAIN_SEG_KERNEL].memsz, 0x6000);
	CHECK_EQ(ipa, 0x2ffc000);
	CHECK_EQ(res.entry, 0x2e00200);
	CHECK_EQ(res.boot_params, bp);
	CHECK_EQ(res.cmdline_source, CHAIN_CMDLINE_BUNDLE);
	CHECK_STR(res.cmdline, "root=/dev/vda rw");

	/* Kernel payload copied, tail up to memsz zeroed. */
	CHECK_MEM(ram + (kpa - RAM_PA), kernel_file + 0x800, 0x2800);
	CHECK_EQ(ram[kpa + 0x2800 - RAM_PA], 0);
	CHECK_EQ(ram[kpa + 0x5fff - RAM_PA], 0);
	CHECK_EQ(ram[kpa + 0x6000 - RAM_PA], 0xa5);	/* not beyond */
	/* initrd copied and page tail zeroed. */
	CHECK_MEM(ram + (ipa - RAM_PA), "INITRD-CONTENT", 14);
	CHECK_EQ(ram[ipa + 14 - RAM_PA], 0);

	/* The boot_params the kernel will see. */
	CHECK_MEM(ram + (bp + 0x202 - RAM_PA), "HdrS", 4);
	CHECK_EQ(ram[bp + 0x210 - RAM_PA], 0xd0);
	CHECK_EQ(rd32(bp + 0x228), bp + 4096);
	CHECK_STR((char *)ram + (bp + 4096 - RAM_PA), "root=/dev/vda rw");
	CHECK_EQ(rd32(bp + 0x218), ipa);
	CHECK_EQ(rd32(bp + 0x21c), 14);
	CHECK_EQ(ram[bp + 0x1e8 - RAM_PA], 2);
	CHECK_EQ(rd64(bp + 0x2d0 + 20 + 8), 0x7ff00000);
	sd = rd64(bp + 0x250);
	CHECK_EQ(sd, bp + 0x1020);	/* 4096 + 17 -> 16-aligned */
	CHECK_EQ(rd64(sd), 0);
	CHECK_EQ(rd32(sd + 8), SETUP_KEXEC_KHO);
	CHECK_EQ(rd32(sd + 12), 48);
	CHECK_EQ(rd64(sd + 16), 0x1012000);
	CHECK_EQ(rd64(sd + 24), 4096);
	CHECK_EQ(rd64(sd + 32), sd + 48);
	CHECK_EQ(rd64(sd + 40), 16);
	CHECK_EQ(rd64(sd + 48), SCRATCH_PA);
	CHECK_EQ(rd64(sd + 56), SCRATCH_SIZE);
	/* params page tail zeroed (no stale 0xa5 where Linux might look). */
	CHECK_EQ(ram[bp + 0x1fff - RAM_PA], 0);
	CHECK_EQ(f.maps[CHAIN_SEG_KERNEL], 1);
	CHECK_EQ(f.maps[CHAIN_SEG_INITRD], 1);
}

TEST(kernel_only_inherits_cmdline)
{
	struct fake f;

	setup();
	make_bundle(NULL, false);
	CHECK(run(&f, NULL));
	CHECK(!res.plan.seg[CHAIN_SEG_INITRD].present);
	CHECK_EQ(res.cmdline_source, CHAIN_CMDLINE_INHERITED);
	CHECK_STR(res.cmdline, "console=ttyS0");
	CHECK_EQ(rd32(res.boot_params + 0x218), 0);
	CHECK_EQ(rd32(res.boot_params + 0x21c), 0);
	CHECK_EQ(f.maps[CHAIN_SEG_INITRD], 0);
}

TEST(option_overrides_bundle_cmdline)
{
	struct fake f;

	setup();
	strcpy(bi.cmdline, "baton.next.cmdline=\"quiet loglevel=3\"");
	make_bundle("from-bundle", false);
	CHECK(run(&f, NULL));
	CHECK_EQ(res.cmdline_source, CHAIN_CMDLINE_OPTION);
	CHECK_STR((char *)ram + (res.boot_params + 4096 - RAM_PA),
		  "quiet loglevel=3");
}

TEST(failures_name_the_step)
{
	struct fake f;

	setup();
	CHECK(!run(&f, NULL));
	CHECK_EQ(st.code, CHAIN_ERR_BUNDLE);
	CHECK_STR(st.message, "no bundle: baton was started without an initrd");

	setup();
	make_bundle(NULL, false);
	bi.initrd_pa = RAM_PA + RAM_SIZE - 16;
	CHECK(!run(&f, NULL));
	CHECK_EQ(st.code, CHAIN_ERR_BUNDLE);

	setup();
	kernel_file[0x202] = 'X';
	make_bundle(NULL, false);
	CHECK(!run(&f, NULL));
	CHECK_EQ(st.code, CHAIN_ERR_BZIMAGE);

	setup();
	make_bundle("x", false);
	bi.kho.scratch_size = 0;
	CHECK(!run(&f, NULL));
	CHECK_EQ(st.code, CHAIN_ERR_PARAMS);

	setup();
	{
		uint32_t big = 0x2000000;	/* init_size 32 MiB: no room */

		memcpy(kernel_file + 0x260, &big, 4);
	}
	make_bundle(NULL, false);
	CHECK(!run(&f, NULL));
	CHECK_EQ(st.code, CHAIN_ERR_PLACE);
	CHECK_STR(st.message, "no free scratch for kernel: 0x2000000 bytes aligned 0x200000 in [0x1000000, 0xffffffffffffffff)");
}
