// SPDX-License-Identifier: MIT
/* Unit tests of boot/chain/bzimage.c: acceptance and every rejection. */
#include "check.h"
#include <boot/chain/bzimage.h>

#define IMAGE_SIZE	(64 * 1024)

static uint8_t img[IMAGE_SIZE];

static void put16(size_t off, uint16_t v)
{
	memcpy(img + off, &v, 2);
}

static void put32(size_t off, uint32_t v)
{
	memcpy(img + off, &v, 4);
}

static void put64(size_t off, uint64_t v)
{
	memcpy(img + off, &v, 8);
}

/* A header like Linux 7.2's: protocol 2.15, 2 MiB alignment, 16 MiB pref. */
static void good_image(void)
{
	memset(img, 0, sizeof(img));
	img[0x1f1] = 27;			/* setup_sects */
	put16(0x1fe, 0xaa55);
	img[0x200] = 0xeb;
	img[0x201] = 0x6a;			/* header ends at 0x26c */
	memcpy(img + 0x202, "HdrS", 4);
	put16(0x206, 0x020f);
	img[0x211] = 0x01;			/* LOADED_HIGH */
	put32(0x22c, 0x7fffffff);		/* initrd_addr_max */
	put32(0x230, 0x200000);			/* kernel_alignment */
	img[0x234] = 1;				/* relocatable_kernel */
	img[0x235] = 21;			/* min_alignment */
	put16(0x236, 0x7f);			/* xloadflags incl. 5LEVEL */
	put32(0x238, 2047);			/* cmdline_size */
	put64(0x258, 0x1000000);		/* pref_address */
	put32(0x260, 0x2345678);		/* init_size */
}

static struct chain_bzimage info;
static struct chain_status st;

static bool probe(size_t size, bool la57)
{
	return chain_bzimage_probe(img, size, la57, &info, &st);
}

TEST(accepts_linux_like_header)
{
	good_image();
	CHECK(probe(IMAGE_SIZE, true));
	CHECK_EQ(st.code, CHAIN_OK);
	CHECK_EQ(info.version, 0x020f);
	CHECK_EQ(info.setup_sects, 27);
	CHECK_EQ(info.payload_offset, 28 * 512);
	CHECK_EQ(info.payload_size, IMAGE_SIZE - 28 * 512);
	CHECK_EQ(info.setup_header_len, 0x26c - 0x1f1);
	CHECK_EQ(info.init_size, 0x2345678);
	CHECK_EQ(info.memsz, 0x2346000);
	CHECK_EQ(info.kernel_alignment, 0x200000);
	CHECK_EQ(info.pref_address, 0x1000000);
	CHECK_EQ(info.cmdline_size, 2047);
	CHECK_EQ(info.initrd_addr_max, 0x7fffffff);
	CHECK_EQ(info.xloadflags, 0x7f);
	CHECK_EQ(info.min_alignment, 21);
}

TEST(setup_sects_zero_means_four)
{
	good_image();
	img[0x1f1] = 0;
	CHECK(probe(IMAGE_SIZE, false));
	CHECK_EQ(info.setup_sects, 4);
	CHECK_EQ(info.payload_offset, 5 * 512);
}

TEST(small_alignment_raised_to_page)
{
	good_image();
	put32(0x230, 16);
	CHECK(probe(IMAGE_SIZE, false));
	CHECK_EQ(info.kernel_alignment, 4096);
}

#define REJECT(setup, size, la57, text)					\
	do {								\
		good_image();						\
		setup;							\
		CHECK(!probe(size, la57));				\
		CHECK_EQ(st.code, CHAIN_ERR_BZIMAGE);			\
		CHECK_STR(st.message, text);				\
	} while (0)

TEST(rejections_in_probe_order)
{
	REJECT((void)0, 1023, false,
	       "next kernel: 1023 bytes, too short for a bzImage (at least 1024)");
	REJECT(img[0x202] = 'h', IMAGE_SIZE, false,
	       "next kernel: not a bzImage (no \"HdrS\" at 0x202)");
	REJECT(put16(0x1fe, 0x55aa), IMAGE_SIZE, false,
	       "next kernel: boot_flag 0x55aa at 0x1fe, expected 0xaa55");
	REJECT(put16(0x206, 0x020b), IMAGE_SIZE, false,
	       "next kernel: boot protocol 2.11, need at least 2.12");
	REJECT(img[0x211] = 0x80, IMAGE_SIZE, false,
	       "next kernel: zImage, not a bzImage (LOADED_HIGH clear)");
	REJECT(put16(0x236, 0x7e), IMAGE_SIZE, false,
	       "next kernel: no 64-bit entry (XLF_KERNEL_64 clear)");
	REJECT(put16(0x236, 0x7d), IMAGE_SIZE, false,
	       "next kernel: cannot be loaded above 4 GiB (XLF_CAN_BE_LOADED_ABOVE_4G clear)");
	REJECT(put16(0x236, 0x03), IMAGE_SIZE, true,
	       "next kernel: cannot handle 5-level paging, which is active (XLF_5LEVEL clear)");
	REJECT(img[0x201] = 0x61, IMAGE_SIZE, false,
	       "next kernel: setup header ends at 0x263 (jump byte 0x61), expected 0x264..0x290");
	REJECT(img[0x201] = 0x8f, IMAGE_SIZE, false,
	       "next kernel: setup header ends at 0x291 (jump byte 0x8f), expected 0x264..0x290");
	REJECT(img[0x1f1] = 127, IMAGE_SIZE, false,
	       "next kernel: truncated: 65536 bytes, but 127 setup sectors put the payload at 0x10000");
	REJECT(put32(0x230, 0x300000), IMAGE_SIZE, false,
	       "next kernel: kernel_alignment 0x300000 is not a power of two");
	REJECT(put32(0x230, 0), IMAGE_SIZE, false,
	       "next kernel: kernel_alignment 0x0 is not a power of two");
	REJECT(img[0x234] = 0, IMAGE_SIZE, false,
	       "next kernel: not relocatable (relocatable_kernel 0)");
	REJECT(put32(0x260, 0x1000), IMAGE_SIZE, false,
	       "next kernel: init_size 0x1000 is smaller than the 0xc800-byte payload");
}

TEST(without_la57_five_level_flag_not_needed)
{
	good_image();
	put16(0x236, 0x03);
	CHECK(probe(IMAGE_SIZE, false));
}

TEST(header_end_bounds_accepted)
{
	good_image();
	img[0x201] = 0x62;	/* ends at 0x264: protocol 2.10 style */
	CHECK(probe(IMAGE_SIZE, false));
	CHECK_EQ(info.setup_header_len, 0x264 - 0x1f1);
	img[0x201] = 0x8e;	/* ends at 0x290 */
	CHECK(probe(IMAGE_SIZE, false));
	CHECK_EQ(info.setup_header_len, 0x9f);
}

TEST(exact_init_size_and_minimal_file)
{
	good_image();
	img[0x1f1] = 1;			/* payload at 1024 */
	put32(0x260, 1);		/* payload of 1 byte */
	CHECK(probe(1025, false));
	CHECK_EQ(info.payload_size, 1);
	CHECK_EQ(info.memsz, 4096);
	CHECK(!probe(1024, false));	/* payload would be empty */
}

TEST(cmdline_fits)
{
	good_image();
	CHECK(probe(IMAGE_SIZE, false));
	CHECK(chain_bzimage_cmdline_fits(&info, 2047, &st));
	CHECK(!chain_bzimage_cmdline_fits(&info, 2048, &st));
	CHECK_EQ(st.code, CHAIN_ERR_CMDLINE);
	CHECK_STR(st.message, "next command line is 2048 bytes, the kernel accepts at most 2047 (cmdline_size)");
}
