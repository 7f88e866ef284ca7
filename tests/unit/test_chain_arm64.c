// SPDX-License-Identifier: MIT
/*
 * Unit tests of the arm64 chain's host-testable parts: the Image header
 * (boot/chain/arm64_image.c: acceptance, every rejection, the page-size
 * rule, the version string), the precheck's arm64 branch and the next DTB
 * (boot/chain/dtb_next.c: /chosen rewritten, read back with libfdt).
 */
#include "check.h"
#include <libfdt.h>
#include <boot/chain/abi_precheck.h>
#include <boot/chain/arm64_image.h>
#include <boot/chain/dtb_next.h>

static uint8_t img[8192];
static struct chain_arm64_image k;
static struct chain_status st;

static void put64(size_t off, uint64_t v)
{
	memcpy(img + off, &v, 8);
}

/* Like Linux 7.2's Image: text_offset 0, LE, 4 KiB pages, anywhere. */
static void good_image(void)
{
	memset(img, 0, sizeof(img));
	put64(0x10, 0x2000000);			/* image_size */
	put64(0x18, (1 << 1) | (1 << 3));	/* 4 KiB, anywhere */
	memcpy(img + 0x38, "ARM\x64", 4);
}

static bool probe(uint64_t size)
{
	return chain_arm64_image_probe(img, size, &k, &st);
}

TEST(image_accepted)
{
	good_image();
	CHECK(probe(sizeof(img)));
	CHECK_EQ(k.text_offset, 0);
	CHECK_EQ(k.image_size, 0x2000000);
	CHECK_EQ(k.page_size, 4096);
	CHECK(k.anywhere);
	CHECK(chain_arm64_image_page_size_ok(&k));
}

TEST(image_rejections)
{
	good_image();
	CHECK(!probe(63));
	CHECK_EQ(st.code, CHAIN_ERR_BZIMAGE);
	CHECK_STR(st.message, "kernel is 63 bytes, shorter than an arm64 Image header");
	img[0x38] = 'B';
	CHECK(!probe(sizeof(img)));
	CHECK_STR(st.message, "kernel has no arm64 Image magic at 0x38 (found 0x644d5242)");
	good_image();
	put64(0x18, 1);
	CHECK(!probe(sizeof(img)));
	CHECK_STR(st.message, "kernel is a big-endian arm64 Image (flags 0x1)");
	good_image();
	put64(0x10, 0);
	CHECK(!probe(sizeof(img)));
	CHECK_STR(st.message, "arm64 Image has image_size 0 (Linux before 3.17): its size incl. .bss is unknown");
	good_image();
	put64(0x10, 0x1000);
	CHECK(!probe(sizeof(img)));
	CHECK_STR(st.message, "arm64 Image header inconsistent: image_size 0x1000 for 0x2000 bytes, text_offset 0x0");
	good_image();
	put64(0x08, 0x80800);
	CHECK(!probe(sizeof(img)));
	good_image();
	put64(0x08, 0x80000);			/* before Linux 3.17's default */
	CHECK(probe(sizeof(img)));
	CHECK_EQ(k.text_offset, 0x80000);
}

/* KHO counts 4 KiB pages: 16/64 KiB kernels refused, unspecified allowed. */
TEST(image_page_sizes)
{
	static const uint32_t expect[4] = { 0, 4096, 16384, 65536 };
	uint64_t bits;

	for (bits = 0; bits < 4; bits++) {
		good_image();
		put64(0x18, bits << 1);
		CHECK(probe(sizeof(img)));
		CHECK_EQ(k.page_size, expect[bits]);
		CHECK(!k.anywhere);
		CHECK_EQ(chain_arm64_image_page_size_ok(&k), bits < 2);
	}
}

static uint8_t dtb_in[4096], dtb_out[4096 + CHAIN_DTB_EXTRA];

/* /chosen with stale initrd/KHO/crash properties, root cells 2/2. */
static void incoming_dtb(void)
{
	int chosen;

	CHECK_EQ(fdt_create_empty_tree(dtb_in, sizeof(dtb_in)), 0);
	CHECK_EQ(fdt_setprop_u32(dtb_in, 0, "#address-cells", 2), 0);
	CHECK_EQ(fdt_setprop_u32(dtb_in, 0, "#size-cells", 2), 0);
	chosen = fdt_add_subnode(dtb_in, 0, "chosen");
	CHECK(chosen >= 0);
	CHECK_EQ(fdt_setprop_string(dtb_in, chosen, "bootargs", "old"), 0);
	CHECK_EQ(fdt_setprop_u32(dtb_in, chosen, "linux,initrd-start", 1), 0);
	CHECK_EQ(fdt_setprop_u32(dtb_in, chosen, "linux,initrd-end", 2), 0);
	CHECK_EQ(fdt_setprop_u64(dtb_in, chosen, "linux,elfcorehdr", 3), 0);
	CHECK_EQ(fdt_setprop_u64(dtb_in, chosen, "linux,kho-fdt", 4), 0);
}

static uint64_t be64_cell(const void *p, int i)
{
	const fdt32_t *c = p;

	return (uint64_t)fdt32_to_cpu(c[2 * i]) << 32 |
	       fdt32_to_cpu(c[2 * i + 1]);
}

TEST(dtb_chosen_rewritten)
{
	static const uint8_t seed[4] = { 1, 2, 3, 4 };
	struct chain_dtb_input in = {
		.fdt = dtb_in, .cmdline = "console=ttyAMA0",
		.initrd_pa = 0x48000000, .initrd_size = 0x1000,
		.kho_fdt_pa = 0x50000000, .kho_fdt_size = 0x1000,
		.kho_scratch_pa = 0x41000000, .kho_scratch_size = 0x20,
		.rng_seed = seed, .rng_seed_len = sizeof(seed),
	};
	const void *p;
	int chosen, len;

	incoming_dtb();
	CHECK_EQ(chain_dtb_size(&in), fdt_totalsize(dtb_in) + CHAIN_DTB_EXTRA);
	CHECK(chain_dtb_build(&in, dtb_out, sizeof(dtb_out), &st));
	chosen = fdt_path_offset(dtb_out, "/chosen");
	CHECK(chosen >= 0);
	CHECK_STR(fdt_getprop(dtb_out, chosen, "bootargs", NULL),
		  "console=ttyAMA0");
	p = fdt_getprop(dtb_out, chosen, "linux,initrd-start", &len);
	CHECK(p && len == 8 && be64_cell(p, 0) == 0x48000000);
	p = fdt_getprop(dtb_out, chosen, "linux,initrd-end", &len);
	CHECK(p && len == 8 && be64_cell(p, 0) == 0x48001000);
	p = fdt_getprop(dtb_out, chosen, "linux,kho-fdt", &len);
	CHECK(p && len == 16 && be64_cell(p, 0) == 0x50000000 &&
	      be64_cell(p, 1) == 0x1000);
	p = fdt_getprop(dtb_out, chosen, "linux,kho-scratch", &len);
	CHECK(p && len == 16 && be64_cell(p, 0) == 0x41000000 &&
	      be64_cell(p, 1) == 0x20);
	CHECK(!fdt_getprop(dtb_out, chosen, "linux,elfcorehdr", NULL));
	p = fdt_getprop(dtb_out, chosen, "rng-seed", &len);
	CHECK(p && len == 4 && !memcmp(p, seed, 4));
}

/*
 * kexec's /memreserve/ of the bundle baton consumed goes (before: it stayed,
 * and the next baton found its scratch "not RAM" where the next bundle
 * landed); a /memreserve/ that is not exactly that initrd stays.
 */
TEST(dtb_consumed_initrd_unreserved)
{
	struct chain_dtb_input in = { .fdt = dtb_in, .cmdline = "" };
	uint64_t addr, size;
	int chosen;

	incoming_dtb();
	chosen = fdt_path_offset(dtb_in, "/chosen");
	CHECK_EQ(fdt_setprop_u64(dtb_in, chosen, "linux,initrd-start",
				 0xb7e00000), 0);
	CHECK_EQ(fdt_setprop_u64(dtb_in, chosen, "linux,initrd-end",
				 0xb8c62600), 0);
	CHECK_EQ(fdt_add_mem_rsv(dtb_in, 0x40000000, 0x1000), 0);
	CHECK_EQ(fdt_add_mem_rsv(dtb_in, 0xb7e00000, 0xe62600), 0);
	CHECK_EQ(fdt_add_mem_rsv(dtb_in, 0xb7e00000, 0x1000), 0);
	CHECK(chain_dtb_build(&in, dtb_out, sizeof(dtb_out), &st));
	CHECK_EQ(fdt_num_mem_rsv(dtb_out), 2);
	CHECK_EQ(fdt_get_mem_rsv(dtb_out, 0, &addr, &size), 0);
	CHECK(addr == 0x40000000 && size == 0x1000);
	CHECK_EQ(fdt_get_mem_rsv(dtb_out, 1, &addr, &size), 0);
	CHECK(addr == 0xb7e00000 && size == 0x1000);
}

/* No handover, no initrd: the stale properties go, none are added. */
TEST(dtb_no_handover_no_initrd)
{
	struct chain_dtb_input in = { .fdt = dtb_in, .cmdline = "" };
	int chosen;

	incoming_dtb();
	CHECK(chain_dtb_build(&in, dtb_out, sizeof(dtb_out), &st));
	chosen = fdt_path_offset(dtb_out, "/chosen");
	CHECK(!fdt_getprop(dtb_out, chosen, "linux,initrd-start", NULL));
	CHECK(!fdt_getprop(dtb_out, chosen, "linux,kho-fdt", NULL));
	CHECK(!fdt_getprop(dtb_out, chosen, "linux,kho-scratch", NULL));
	CHECK(!fdt_getprop(dtb_out, chosen, "rng-seed", NULL));
}

TEST(dtb_failures)
{
	struct chain_dtb_input in = { .fdt = dtb_in, .cmdline = "x" };

	incoming_dtb();
	CHECK(!chain_dtb_build(&in, dtb_out, 100, &st));
	CHECK_EQ(st.code, CHAIN_ERR_PARAMS);
	dtb_in[0] = 0;			/* magic gone */
	CHECK_EQ(chain_dtb_size(&in), 0);
	CHECK(!chain_dtb_build(&in, dtb_out, sizeof(dtb_out), &st));
	CHECK_STR(st.message, "the incoming DTB is not valid: FDT_ERR_BADMAGIC");
}

TEST(image_version)
{
	char out[KERNEL_VERSION_MAX], rel[KERNEL_RELEASE_MAX];
	static const char banner[] = "Linux version 7.2.0-1-arm64 (debian) #1\n";

	good_image();
	CHECK_EQ(chain_arm64_image_version(img, sizeof(img), out, rel),
		 KERNEL_VERSION_NO_FIELD);
	memcpy(img + 0x1000, banner, sizeof(banner));
	CHECK_EQ(chain_arm64_image_version(img, sizeof(img), out, rel),
		 KERNEL_VERSION_OK);
	CHECK_STR(out, "Linux version 7.2.0-1-arm64 (debian) #1");
	CHECK_STR(rel, "7.2.0-1-arm64");
	/* cut at the end of the file: what is there, no read beyond */
	CHECK_EQ(chain_arm64_image_version(img, 0x1000 + 17, out, rel),
		 KERNEL_VERSION_OK);
	CHECK_STR(rel, "7.2");
	CHECK_EQ(chain_arm64_image_version(img, 0x1000 + 14, out, rel),
		 KERNEL_VERSION_EMPTY);
	memcpy(img + 0x40, "Linux version baton", 20);
	CHECK_EQ(chain_arm64_image_version(img, sizeof(img), out, rel),
		 KERNEL_VERSION_OK);
	CHECK_STR(rel, "baton");
}

/* The precheck on an arm64 Image: the page-size finding, only with a handover. */
TEST(precheck_page_size)
{
	static struct handover_model model;
	static struct finding items[8];
	struct finding_list l;
	struct chain_precheck pc;
	struct chain_precheck_input in = {
		.kernel = img, .kernel_size = sizeof(img), .model = &model,
		.arm64_image = true,
	};
	char text[160];

	good_image();
	put64(0x18, (3 << 1) | (1 << 3));	/* 64 KiB pages */
	finding_list_init(&l, items, 8);
	chain_abi_precheck(&in, &pc, &l);
	CHECK_EQ(pc.result, CHAIN_ABI_REJECTED);
	CHECK_EQ(l.count, 1);
	CHECK_EQ(l.items[0].code, E_CHAIN_PAGE_SIZE_MISMATCH);
	chain_precheck_text(&pc, text, sizeof(text));
	CHECK_STR(text, "next kernel rejected by the arm64 Image probe");
	in.model = NULL;			/* no handover: any page size */
	finding_list_init(&l, items, 8);
	chain_abi_precheck(&in, &pc, &l);
	CHECK_EQ(l.count, 0);
	CHECK_EQ(pc.result, CHAIN_ABI_NO_HANDOVER);
}
