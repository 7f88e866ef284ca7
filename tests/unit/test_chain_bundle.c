// SPDX-License-Identifier: MIT
/* Unit tests of boot/chain/bundle.c and boot/chain/options.c. */
#include "check.h"
#include <baton/cpio.h>
#include <boot/chain/bundle.h>
#include <boot/chain/options.h>

#define BUNDLE_PA 0x7b000000ULL

static uint8_t arc[8192];
static size_t arc_len;

static void start(void)
{
	memset(arc, 0, sizeof(arc));
	arc_len = 0;
}

static void put(const char *name, uint32_t mode, const char *data)
{
	struct cpio_write_file f = {
		.name = name, .mode = mode, .data = data,
		.data_size = data ? strlen(data) : 0,
	};

	CHECK(cpio_write_entry(arc, sizeof(arc), &arc_len, &f));
}

static void file(const char *name, const char *data)
{
	put(name, CPIO_MODE_REGULAR | 0644, data);
}

static void finish(void)
{
	CHECK(cpio_write_trailer(arc, sizeof(arc), &arc_len));
}

TEST(kernel_only)
{
	struct chain_bundle b;
	struct chain_status st;

	start();
	file("kernel", "KERNEL-BYTES");
	finish();
	CHECK(chain_bundle_parse(arc, arc_len, BUNDLE_PA, &b, &st));
	CHECK_EQ(st.code, CHAIN_OK);
	CHECK(b.kernel.present);
	/* 110 + 7 -> data at 120 */
	CHECK_EQ(b.kernel.pa, BUNDLE_PA + 120);
	CHECK(b.kernel.data == arc + 120);
	CHECK_EQ(b.kernel.size, 12);
	CHECK(!b.initrd.present);
	CHECK(!b.cmdline.present);
	CHECK_EQ(b.ignored_entries, 0);
}

TEST(kernel_initrd_cmdline)
{
	struct chain_bundle b;
	struct chain_status st;

	start();
	put(".", CPIO_MODE_DIRECTORY | 0755, NULL);
	file("./kernel", "K");
	file("initrd", "INITRD");
	file("cmdline", "  console=ttyS0 quiet\n\n");
	file("README", "ignored");
	finish();
	CHECK(chain_bundle_parse(arc, arc_len, BUNDLE_PA, &b, &st));
	/* ".": 0..112+0 -> 112; "./kernel": hdr 112, name 9 -> 231 -> 232 */
	CHECK_EQ(b.kernel.pa, BUNDLE_PA + 232);
	CHECK_EQ(b.kernel.size, 1);
	/* kernel ends 233 -> 236; "initrd": 236 + 110 + 7 = 353 -> 356 */
	CHECK(b.initrd.present);
	CHECK_EQ(b.initrd.pa, BUNDLE_PA + 356);
	CHECK_EQ(b.initrd.size, 6);
	CHECK_MEM(b.initrd.data, "INITRD", 6);
	CHECK(b.cmdline.present);
	CHECK_EQ(b.cmdline.size, 23);
	CHECK_EQ(b.cmdline_len, 19);
	CHECK_MEM(b.cmdline_text, "console=ttyS0 quiet", 19);
	CHECK_EQ(b.ignored_entries, 2);
}

TEST(missing_kernel)
{
	struct chain_bundle b;
	struct chain_status st;

	start();
	file("initrd", "x");
	put("kernel", CPIO_MODE_DIRECTORY | 0755, NULL);
	finish();
	CHECK(!chain_bundle_parse(arc, arc_len, BUNDLE_PA, &b, &st));
	CHECK_EQ(st.code, CHAIN_ERR_NO_KERNEL);
	CHECK_STR(st.message, "bundle: no 'kernel' entry (368-byte archive)");
}

TEST(empty_kernel_and_empty_initrd)
{
	struct chain_bundle b;
	struct chain_status st;

	start();
	file("kernel", "");
	finish();
	CHECK(!chain_bundle_parse(arc, arc_len, 0, &b, &st));
	CHECK_EQ(st.code, CHAIN_ERR_NO_KERNEL);
	CHECK_STR(st.message, "bundle: 'kernel' is empty");

	start();
	file("kernel", "k");
	file("initrd", "");
	finish();
	CHECK(chain_bundle_parse(arc, arc_len, 0, &b, &st));
	CHECK(!b.initrd.present);
}

TEST(duplicate_entry)
{
	struct chain_bundle b;
	struct chain_status st;

	start();
	file("kernel", "a");
	file("./kernel", "b");
	finish();
	CHECK(!chain_bundle_parse(arc, arc_len, 0, &b, &st));
	CHECK_EQ(st.code, CHAIN_ERR_BUNDLE);
	CHECK_STR(st.message, "bundle: duplicate entry './kernel' at offset 0x7c");
}

TEST(cpio_error_propagated)
{
	struct chain_bundle b;
	struct chain_status st;

	start();
	memcpy(arc, "\x1f\x8b\x08\x00", 4);
	CHECK(!chain_bundle_parse(arc, 512, 0, &b, &st));
	CHECK_EQ(st.code, CHAIN_ERR_BUNDLE);
	CHECK_STR(st.message, "bundle: cpio: compressed archive at offset 0x0 "
		  "(gzip); only uncompressed cpio newc (070701/070702) is supported");
}

TEST(checksum_and_nul_in_cmdline)
{
	struct chain_bundle b;
	struct chain_status st;

	start();
	file("kernel", "ab");
	memcpy(arc, "070702", 6);	/* check field stays 0, sum is 0xc3 */
	finish();
	CHECK(!chain_bundle_parse(arc, arc_len, 0, &b, &st));
	CHECK_STR(st.message, "bundle: checksum mismatch for 'kernel' at offset 0x0 (header 0x0, data 0xc3)");

	start();
	file("kernel", "ab");
	put("cmdline", CPIO_MODE_REGULAR, "x");
	arc[arc_len - 4] = 0;	/* the "x" -> NUL */
	finish();
	CHECK(!chain_bundle_parse(arc, arc_len, 0, &b, &st));
	CHECK_STR(st.message, "bundle: cmdline contains a NUL byte at offset 0");
}

TEST(chain_mode_option)
{
	enum chain_mode mode;
	struct chain_status st;

	CHECK(chain_mode_from_cmdline("console=ttyS0", &mode, &st));
	CHECK_EQ(mode, CHAIN_MODE_ON_CLEAN);
	CHECK(chain_mode_from_cmdline(NULL, &mode, &st));
	CHECK_EQ(mode, CHAIN_MODE_DEFAULT);
	CHECK(chain_mode_from_cmdline("baton.chain=on", &mode, &st));
	CHECK_EQ(mode, CHAIN_MODE_ON);
	CHECK(chain_mode_from_cmdline("baton.chain=on baton.chain=off", &mode,
				      &st));
	CHECK_EQ(mode, CHAIN_MODE_OFF);
	CHECK(chain_mode_from_cmdline("baton.chain=on-clean", &mode, &st));
	CHECK_EQ(mode, CHAIN_MODE_ON_CLEAN);
	CHECK(!chain_mode_from_cmdline("baton.chain=yes", &mode, &st));
	CHECK_EQ(mode, CHAIN_MODE_OFF);
	CHECK_EQ(st.code, CHAIN_ERR_OPTION);
	CHECK_STR(st.message, "baton.chain=yes: expected off, on or on-clean; not chaining");
	CHECK(!chain_mode_from_cmdline("baton.chain", &mode, &st));
	CHECK_EQ(mode, CHAIN_MODE_OFF);
}

TEST(chain_decision)
{
	CHECK_EQ(chain_decide(CHAIN_MODE_OFF, 0), CHAIN_STOP_OFF);
	CHECK_EQ(chain_decide(CHAIN_MODE_ON, 3), CHAIN_GO);
	CHECK_EQ(chain_decide(CHAIN_MODE_ON_CLEAN, 0), CHAIN_GO);
	CHECK_EQ(chain_decide(CHAIN_MODE_ON_CLEAN, 1), CHAIN_STOP_ERRORS);
}

TEST(next_cmdline_sources)
{
	struct chain_bundle b;
	struct chain_status st;
	enum chain_cmdline_source src;
	char out[64];

	memset(&b, 0, sizeof(b));
	b.cmdline.present = true;
	b.cmdline_text = "root=/dev/vda rw";
	b.cmdline_len = 16;

	CHECK(chain_next_cmdline("baton.next.cmdline=\"console=ttyS0 quiet\" x",
				 &b, out, sizeof(out), &src, &st));
	CHECK_EQ(src, CHAIN_CMDLINE_OPTION);
	CHECK_STR(out, "console=ttyS0 quiet");

	CHECK(chain_next_cmdline("console=ttyS0", &b, out, sizeof(out), &src,
				 &st));
	CHECK_EQ(src, CHAIN_CMDLINE_BUNDLE);
	CHECK_STR(out, "root=/dev/vda rw");

	CHECK(chain_next_cmdline("baton.next.cmdline=", &b, out, sizeof(out),
				 &src, &st));
	CHECK_EQ(src, CHAIN_CMDLINE_OPTION);
	CHECK_STR(out, "");

	b.cmdline.present = false;
	CHECK(chain_next_cmdline(" console=ttyS0  baton.chain=on \"a=b c\" "
				 "baton.log=2 -- init arg", &b, out,
				 sizeof(out), &src, &st));
	CHECK_EQ(src, CHAIN_CMDLINE_INHERITED);
	CHECK_STR(out, "console=ttyS0 \"a=b c\" -- init arg");

	CHECK(chain_next_cmdline(NULL, NULL, out, sizeof(out), &src, &st));
	CHECK_STR(out, "");
}

TEST(next_cmdline_too_long)
{
	struct chain_bundle b;
	struct chain_status st;
	enum chain_cmdline_source src;
	char out[8];

	memset(&b, 0, sizeof(b));
	b.cmdline.present = true;
	b.cmdline_text = "12345678";
	b.cmdline_len = 8;
	CHECK(!chain_next_cmdline("", &b, out, sizeof(out), &src, &st));
	CHECK_EQ(st.code, CHAIN_ERR_CMDLINE);
	CHECK_STR(st.message, "bundle cmdline (8 bytes) is longer than 7 bytes");
	b.cmdline_len = 7;
	CHECK(chain_next_cmdline("", &b, out, sizeof(out), &src, &st));
	CHECK_STR(out, "1234567");

	CHECK(!chain_next_cmdline("baton.next.cmdline=123456789", NULL, out,
				  sizeof(out), &src, &st));
	CHECK_STR(st.message, "baton.next.cmdline= is longer than 7 bytes");
	CHECK(!chain_next_cmdline("abcd efgh", NULL, out, sizeof(out), &src,
				  &st));
	CHECK_STR(out, "");
}
