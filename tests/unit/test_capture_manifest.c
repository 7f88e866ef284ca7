// SPDX-License-Identifier: MIT
/*
 * Unit tests of the capture manifest (efi/capture_parse.c,
 * efi/capture_layout.c, lib/capture_pattern.c, host/capture/capture_write.c):
 * a full manifest parsed to exact values, every malformed-line error with
 * its code and message, the layout rules, and the pattern generators against their definitions.
 */
#include "check.h"
#include <baton/capture.h>
#include <host/capture/capture_write.h>

static struct capture_range ram[4], scratch[4];
static struct capture_blob blobs[4];
static struct capture_pattern patterns[4];
static struct capture_expect expects[4];
static const struct capture_storage storage = {
	.ram = ram, .ram_max = 4, .scratch = scratch, .scratch_max = 4,
	.blobs = blobs, .blob_max = 4, .patterns = patterns, .pattern_max = 4,
	.expects = expects, .expect_max = 4,
};
static struct capture cap;
static struct capture_error err;

static bool parse(const char *text)
{
	return capture_parse(text, strlen(text), &storage, &cap, &err);
}

static char text_buf[4096];

static const char *text(struct capture_text t)
{
	CHECK(capture_text_copy(t, text_buf, sizeof(text_buf)));
	return text_buf;
}

/* Parsing must fail with this code and exactly this message. */
static void expect_error(const char *manifest, enum capture_error_code code,
			 const char *message)
{
	bool ok = parse(manifest);

	CHECK(!ok);
	CHECK_STR(capture_error_name(err.code), capture_error_name(code));
	CHECK_STR(err.message, message);
}

static const char full[] =
	"# a hand-written capture\r\n"
	"format baton-capture 1\n"
	"\n"
	"ram 0 0x9f000\n"
	"ram 100000 7ff00000   # low RAM\n"
	"ram 0x100000000 0x40000000\n"
	"scratch 0x7c000000 0x400000\n"
	"\tscratch 0x100000000 0x800000\n"
	"blob kho.dtb 0x10000000 0x1000\n"
	"blob luo/sessions.bin 0x10001000\n"
	"pattern 0x10002000 0x1000 0 zero\n"
	"pattern 0x20000000 0x200000 2a builder 0x1000\n"
	"pattern 0x20200000 0x1000 7 agent\n"
	"pattern 0x20201000 0x1000 0xa5 fill\n"
	"kho-fdt 0x10000000 0x1000\n"
	"scratch-array 0x7c3f0000\n"
	"cmdline \"console=ttyS0 foo=\"a b\" # kept\"  \n"
	"payload linux/bzImage\n"
	"initrd verify.cpio.gz\n"
	"expect \"kho: fdt 0x0000000010000000 size 0x1000\"\n"
	"expect-absent \"finding:\"\n";

TEST(parses_full_manifest)
{
	CHECK(parse(full));
	CHECK_EQ(err.code, CAPTURE_OK);
	CHECK_EQ(cap.version, 1);
	CHECK_EQ(cap.ram_count, 3);
	CHECK_EQ(cap.ram[0].addr, 0);
	CHECK_EQ(cap.ram[0].size, 0x9f000);
	CHECK_EQ(cap.ram[1].addr, 0x100000);
	CHECK_EQ(cap.ram[1].size, 0x7ff00000);
	CHECK_EQ(cap.ram[1].line, 5);
	CHECK_EQ(cap.ram[2].addr, 0x100000000ULL);
	CHECK_EQ(cap.scratch_count, 2);
	CHECK_EQ(cap.scratch[0].addr, 0x7c000000);
	CHECK_EQ(cap.scratch[0].size, 0x400000);
	CHECK_EQ(cap.scratch[1].addr, 0x100000000ULL);
	CHECK_EQ(cap.scratch[1].line, 8);
	CHECK_EQ(cap.blob_count, 2);
	CHECK_STR(text(cap.blobs[0].file), "kho.dtb");
	CHECK_EQ(cap.blobs[0].addr, 0x10000000);
	CHECK_EQ(cap.blobs[0].size, 0x1000);
	CHECK(cap.blobs[0].size_given && cap.blobs[0].size_resolved);
	CHECK_STR(text(cap.blobs[1].file), "luo/sessions.bin");
	CHECK(!cap.blobs[1].size_given && !cap.blobs[1].size_resolved);
	CHECK_EQ(cap.pattern_count, 4);
	CHECK_EQ(cap.patterns[0].kind, CAPTURE_PATTERN_ZERO);
	CHECK_EQ(cap.patterns[1].addr, 0x20000000);
	CHECK_EQ(cap.patterns[1].size, 0x200000);
	CHECK_EQ(cap.patterns[1].seed, 0x2a);
	CHECK_EQ(cap.patterns[1].offset, 0x1000);
	CHECK_EQ(cap.patterns[1].kind, CAPTURE_PATTERN_BUILDER);
	CHECK_EQ(cap.patterns[2].kind, CAPTURE_PATTERN_AGENT);
	CHECK_EQ(cap.patterns[2].offset, 0);
	CHECK_EQ(cap.patterns[3].kind, CAPTURE_PATTERN_FILL);
	CHECK_EQ(cap.patterns[3].seed, 0xa5);
	CHECK(cap.has_kho_fdt);
	CHECK_EQ(cap.kho_fdt_addr, 0x10000000);
	CHECK_EQ(cap.kho_fdt_size, 0x1000);
	CHECK(cap.has_scratch_array);
	CHECK_EQ(cap.scratch_array_addr, 0x7c3f0000);
	CHECK_EQ(capture_scratch_array_size(&cap), 32);
	CHECK(cap.has_cmdline);
	CHECK_STR(text(cap.cmdline), "console=ttyS0 foo=\"a b\" # kept");
	CHECK(cap.payload_given);
	CHECK_STR(text(cap.payload), "linux/bzImage");
	CHECK(cap.has_initrd);
	CHECK_STR(text(cap.initrd), "verify.cpio.gz");
	CHECK_EQ(cap.expect_count, 2);
	CHECK_STR(text(cap.expects[0].text),
		  "kho: fdt 0x0000000010000000 size 0x1000");
	CHECK(!cap.expects[0].absent);
	CHECK_STR(text(cap.expects[1].text), "finding:");
	CHECK(cap.expects[1].absent);
	CHECK_EQ(cap.expects[1].line, 21);
}

TEST(full_manifest_layout_after_resolve)
{
	CHECK(parse(full));
	CHECK(!capture_check_layout(&cap, &err));
	CHECK_EQ(err.code, CAPTURE_ERR_UNRESOLVED);
	CHECK_STR(err.message, "line 10: blob size not known yet");
	CHECK(capture_blob_resolve(&cap.blobs[0], 0x200, &err));
	CHECK_EQ(cap.blobs[0].size, 0x1000);
	CHECK(capture_blob_resolve(&cap.blobs[1], 0x1001, &err));
	CHECK_EQ(cap.blobs[1].size, 0x1001);
	CHECK_EQ(capture_blob_extent(&cap.blobs[1]), 0x2000);
	/* The page-rounded blob now reaches into the zero pattern. */
	CHECK(!capture_check_layout(&cap, &err));
	CHECK_EQ(err.code, CAPTURE_ERR_OVERLAP);
	CHECK_STR(err.message,
		  "line 11: pattern [0x10002000-0x10002fff] overlaps blob [0x10001000-0x10002fff] of line 10");
	CHECK(parse(full));
	CHECK(capture_blob_resolve(&cap.blobs[1], 0x1000, &err));
	CHECK(capture_check_layout(&cap, &err));
	CHECK_EQ(err.code, CAPTURE_OK);
}

TEST(defaults_and_minimal)
{
	CHECK(parse("format baton-capture 1\nscratch 1000000 400000"));
	CHECK_EQ(cap.scratch_count, 1);
	CHECK(!cap.payload_given);
	CHECK_STR(text(cap.payload), "baton.bzImage");
	CHECK(!cap.has_cmdline && !cap.has_kho_fdt && !cap.has_scratch_array);
	CHECK(!cap.has_initrd);
	CHECK(capture_check_layout(&cap, &err));
	CHECK(parse("format baton-capture 1\ncmdline \"\"\n"));
	CHECK(cap.has_cmdline);
	CHECK_EQ(cap.cmdline.len, 0);
}

TEST(format_errors)
{
	expect_error("", CAPTURE_ERR_NO_FORMAT,
		     "no \"format baton-capture 1\" line");
	expect_error("# only a comment\n\n", CAPTURE_ERR_NO_FORMAT,
		     "no \"format baton-capture 1\" line");
	expect_error("ram 0 1000\nformat baton-capture 1\n",
		     CAPTURE_ERR_NO_FORMAT,
		     "line 1: the first directive must be \"format baton-capture 1\"");
	expect_error("format baton-capture 2\n", CAPTURE_ERR_VERSION,
		     "line 1: version 2 not supported (this reader knows 1)");
	expect_error("format kexec 1\n", CAPTURE_ERR_VERSION,
		     "line 1: format \"kexec\" is not baton-capture");
	expect_error("format baton-capture\n", CAPTURE_ERR_ARGUMENTS,
		     "line 1: expected \"format baton-capture 1\"");
	expect_error("format baton-capture 1\nformat baton-capture 1\n",
		     CAPTURE_ERR_DUPLICATE, "line 2: second format line");
}

TEST(malformed_lines)
{
	expect_error("format baton-capture 1\nrom 0 1000\n",
		     CAPTURE_ERR_UNKNOWN_DIRECTIVE,
		     "line 2: unknown directive \"rom\"");
	expect_error("format baton-capture 1\nram 0\n", CAPTURE_ERR_ARGUMENTS,
		     "line 2: expected \"ram ADDR SIZE\"");
	expect_error("format baton-capture 1\nscratch 0 1000 2000\n",
		     CAPTURE_ERR_ARGUMENTS,
		     "line 2: expected \"scratch ADDR SIZE\"");
	expect_error("format baton-capture 1\nram 0x 1000\n", CAPTURE_ERR_NUMBER,
		     "line 2: ADDR \"0x\" has no hex digits");
	expect_error("format baton-capture 1\nram 0 12g4\n", CAPTURE_ERR_NUMBER,
		     "line 2: SIZE \"12g4\" is not a hex number");
	expect_error("format baton-capture 1\nram 0 0x1000#c\n",
		     CAPTURE_ERR_NUMBER,
		     "line 2: SIZE \"0x1000#c\" is not a hex number");
	expect_error("format baton-capture 1\nram 0x10000000000000000 1000\n",
		     CAPTURE_ERR_NUMBER,
		     "line 2: ADDR \"0x10000000000000000\" does not fit 64 bits");
	expect_error("format baton-capture 1\nram 1800 1000\n",
		     CAPTURE_ERR_ALIGNMENT,
		     "line 2: ADDR 0x1800 is not 4 KiB aligned");
	expect_error("format baton-capture 1\nscratch 0 1001\n",
		     CAPTURE_ERR_ALIGNMENT,
		     "line 2: SIZE 0x1001 is not 4 KiB aligned");
	expect_error("format baton-capture 1\nram 1000 0\n", CAPTURE_ERR_SIZE,
		     "line 2: size is 0");
	expect_error("format baton-capture 1\nram fffffffffffff000 1000\n",
		     CAPTURE_ERR_SIZE,
		     "line 2: range 0xfffffffffffff000 + 0x1000 runs past the end of the address space");
	expect_error("format baton-capture 1\nram 0 1000\x01\n",
		     CAPTURE_ERR_CHARACTER,
		     "line 2: control byte 0x01 at column 11");
	/* A NUL inside the buffer (not at strlen's end) is refused. */
	CHECK(!capture_parse("format baton-capture 1\nram 0 1000\0\n", 35,
			     &storage, &cap, &err));
	CHECK_STR(err.message, "line 2: control byte 0x00 at column 11");
	expect_error("format baton-capture 1\nram a b c d e f g h i\n",
		     CAPTURE_ERR_ARGUMENTS, "line 2: more than 8 words");
}

TEST(blob_and_pattern_errors)
{
	expect_error("format baton-capture 1\nblob /etc/passwd 1000\n",
		     CAPTURE_ERR_FILE_NAME,
		     "line 2: file name \"/etc/passwd\" must be relative, without a trailing '/'");
	expect_error("format baton-capture 1\nblob a/../../b 1000\n",
		     CAPTURE_ERR_FILE_NAME,
		     "line 2: file name \"a/../../b\" leaves the capture (..)");
	expect_error("format baton-capture 1\nblob .. 1000\n",
		     CAPTURE_ERR_FILE_NAME,
		     "line 2: file name \"..\" leaves the capture (..)");
	CHECK(parse("format baton-capture 1\nblob ..a/b..c 1000\n"));
	expect_error("format baton-capture 1\nblob a//b 1000\n",
		     CAPTURE_ERR_FILE_NAME,
		     "line 2: file name \"a//b\" has an empty component");
	expect_error("format baton-capture 1\nblob a\\b 1000\n",
		     CAPTURE_ERR_FILE_NAME,
		     "line 2: file name \"a\\b\": byte '\\' not allowed");
	expect_error("format baton-capture 1\nblob \"x\" 1000\n",
		     CAPTURE_ERR_STRING,
		     "line 2: text after the closing quote at column 10");
	expect_error("format baton-capture 1\nblob x 1000 \"12\"\n",
		     CAPTURE_ERR_ARGUMENTS,
		     "line 2: expected \"blob FILE ADDR [SIZE]\" (no quoted text)");
	expect_error("format baton-capture 1\nblob x 1234\n",
		     CAPTURE_ERR_ALIGNMENT,
		     "line 2: ADDR 0x1234 is not 4 KiB aligned");
	expect_error("format baton-capture 1\npattern 0 1000 0 random\n",
		     CAPTURE_ERR_KIND,
		     "line 2: unknown pattern kind \"random\" (zero, fill, builder, agent, absent)");
	expect_error("format baton-capture 1\npattern 0 1000 1 zero\n",
		     CAPTURE_ERR_KIND, "line 2: pattern zero takes SEED 0, not 0x1");
	expect_error("format baton-capture 1\npattern 0 1000 1 absent\n",
		     CAPTURE_ERR_KIND, "line 2: pattern absent takes SEED 0, not 0x1");
	expect_error("format baton-capture 1\npattern 0 1000 0 absent 8\n",
		     CAPTURE_ERR_KIND, "line 2: pattern absent takes no OFFSET");
	expect_error("format baton-capture 1\npattern 0 1000 100 fill\n",
		     CAPTURE_ERR_KIND,
		     "line 2: pattern fill takes a byte SEED (0..ff), not 0x100");
	expect_error("format baton-capture 1\npattern 0 1000 1 fill 8\n",
		     CAPTURE_ERR_KIND, "line 2: pattern fill takes no OFFSET");
	expect_error("format baton-capture 1\npattern 0 1000 1\n",
		     CAPTURE_ERR_ARGUMENTS,
		     "line 2: expected \"pattern ADDR SIZE SEED KIND [OFFSET]\"");
	expect_error("format baton-capture 1\npattern 0 800 1 agent\n",
		     CAPTURE_ERR_ALIGNMENT,
		     "line 2: SIZE 0x800 is not 4 KiB aligned");
}

TEST(once_only_and_strings)
{
	expect_error("format baton-capture 1\nkho-fdt 1000 1000\nkho-fdt 2000 1000\n",
		     CAPTURE_ERR_DUPLICATE, "line 3: second kho-fdt line");
	expect_error("format baton-capture 1\nscratch-array 1000\nscratch-array 1000\n",
		     CAPTURE_ERR_DUPLICATE, "line 3: second scratch-array line");
	expect_error("format baton-capture 1\nkho-fdt 1010 1000\n",
		     CAPTURE_ERR_ALIGNMENT,
		     "line 2: ADDR 0x1010 is not 4 KiB aligned");
	expect_error("format baton-capture 1\ncmdline \"a\"\ncmdline \"b\"\n",
		     CAPTURE_ERR_DUPLICATE, "line 3: second cmdline line");
	expect_error("format baton-capture 1\ncmdline console=ttyS0\n",
		     CAPTURE_ERR_STRING, "line 2: expected cmdline \"TEXT\"");
	expect_error("format baton-capture 1\ncmdline \"console=ttyS0\n",
		     CAPTURE_ERR_STRING, "line 2: unterminated string at column 9");
	expect_error("format baton-capture 1\ncmdline \"a\" # note\n",
		     CAPTURE_ERR_STRING,
		     "line 2: text after the closing quote at column 13");
	expect_error("format baton-capture 1\nexpect\n", CAPTURE_ERR_STRING,
		     "line 2: expected expect \"TEXT\"");
	expect_error("format baton-capture 1\npayload a b\n",
		     CAPTURE_ERR_ARGUMENTS, "line 2: expected \"payload FILE\"");
	expect_error("format baton-capture 1\npayload x\npayload y\n",
		     CAPTURE_ERR_DUPLICATE, "line 3: second payload line");
	expect_error("format baton-capture 1\ninitrd a\ninitrd b\n",
		     CAPTURE_ERR_DUPLICATE, "line 3: second initrd line");
	expect_error("format baton-capture 1\ninitrd\n",
		     CAPTURE_ERR_ARGUMENTS, "line 2: expected \"initrd FILE\"");
	expect_error("format baton-capture 1\ninitrd ../x\n",
		     CAPTURE_ERR_FILE_NAME,
		     "line 2: file name \"../x\" leaves the capture (..)");
}

TEST(cmdline_length_limit)
{
	static char m[4096];
	int n = snprintf(m, sizeof(m), "format baton-capture 1\ncmdline \"");

	memset(m + n, 'x', CAPTURE_CMDLINE_MAX);
	strcpy(m + n + CAPTURE_CMDLINE_MAX, "\"\n");
	CHECK(parse(m));
	CHECK_EQ(cap.cmdline.len, CAPTURE_CMDLINE_MAX);
	m[n + CAPTURE_CMDLINE_MAX] = 'x';
	strcpy(m + n + CAPTURE_CMDLINE_MAX + 1, "\"\n");
	expect_error(m, CAPTURE_ERR_STRING,
		     "line 2: text of 2048 bytes, at most 2047 allowed");
}

TEST(storage_limits)
{
	expect_error("format baton-capture 1\nscratch 0 1000\nscratch 1000 1000\n"
		     "scratch 2000 1000\nscratch 3000 1000\nscratch 4000 1000\n",
		     CAPTURE_ERR_TOO_MANY, "line 6: more than 4 scratch lines");
	expect_error("format baton-capture 1\nexpect \"a\"\nexpect \"a\"\n"
		     "expect \"a\"\nexpect \"a\"\nexpect-absent \"a\"\n",
		     CAPTURE_ERR_TOO_MANY, "line 6: more than 4 expect lines");
}

static bool layout(const char *manifest)
{
	u32 i;

	if (!parse(manifest)) {
		CHECK_FAIL("parse: %s", err.message);
		return true;
	}
	for (i = 0; i < cap.blob_count; i++)
		CHECK(capture_blob_resolve(&cap.blobs[i], 0x1000, &err));
	return capture_check_layout(&cap, &err);
}

static void expect_layout_error(const char *manifest,
				enum capture_error_code code,
				const char *message)
{
	CHECK(!layout(manifest));
	CHECK_STR(capture_error_name(err.code), capture_error_name(code));
	CHECK_STR(err.message, message);
}

TEST(layout_rules)
{
	expect_layout_error("format baton-capture 1\nram 0 100000\n",
			    CAPTURE_ERR_MISSING,
			    "no scratch line: the payload needs a scratch area");
	expect_layout_error("format baton-capture 1\nscratch 0 100000\n"
			    "blob f 200000\nkho-fdt 200000 1000\n",
			    CAPTURE_ERR_MISSING,
			    "kho-fdt and scratch-array must be given together");
	expect_layout_error("format baton-capture 1\nscratch 0 1000\nram 0 200000\nram 100000 200000\n",
			    CAPTURE_ERR_OVERLAP,
			    "line 4: ram [0x100000-0x2fffff] overlaps ram [0x0-0x1fffff] of line 3");
	expect_layout_error("format baton-capture 1\nram 0 200000\n"
			    "scratch 100000 200000\n",
			    CAPTURE_ERR_OUTSIDE_RAM,
			    "line 3: scratch [0x100000-0x2fffff] is not inside one ram range");
	/* Adjacent ram ranges are two ranges: nothing may straddle them. */
	expect_layout_error("format baton-capture 1\nram 0 100000\nram 100000 100000\n"
			    "scratch 0 100000\nblob f ff000 2000\n",
			    CAPTURE_ERR_OUTSIDE_RAM,
			    "line 5: blob [0xff000-0x100fff] is not inside one ram range");
	expect_layout_error("format baton-capture 1\nscratch 0 100000\n"
			    "pattern 80000 1000 0 zero\n",
			    CAPTURE_ERR_OVERLAP,
			    "line 3: pattern [0x80000-0x80fff] overlaps scratch [0x0-0xfffff] of line 2");
	expect_layout_error("format baton-capture 1\nscratch 0 100000\n"
			    "blob f 200000\nkho-fdt 200000 1000\nscratch-array 200000\n"
			    "scratch 400000 1000\n",
			    CAPTURE_ERR_SCRATCH_ARRAY,
			    "scratch-array [0x200000-0x20001f] is not inside one scratch area");
	expect_layout_error("format baton-capture 1\nscratch 0 100000\n"
			    "blob f 200000\nkho-fdt 201000 1000\nscratch-array 0\n",
			    CAPTURE_ERR_KHO_FDT,
			    "kho-fdt [0x201000-0x201fff] is not inside one blob or pattern");
	CHECK(layout("format baton-capture 1\nram 0 400000\nscratch 0 100000\n"
		     "scratch 300000 100000\n"
		     "blob f 200000\npattern 201000 1000 0 zero\n"
		     "kho-fdt 201000 1000\nscratch-array ff000\n"));
	CHECK_EQ(err.code, CAPTURE_OK);
}

TEST(blob_resolve)
{
	CHECK(parse("format baton-capture 1\nblob a 1000 800\nblob b 2000\n"));
	CHECK(capture_blob_resolve(&cap.blobs[0], 0x800, &err));
	CHECK(!capture_blob_resolve(&cap.blobs[0], 0x801, &err));
	CHECK_EQ(err.code, CAPTURE_ERR_BLOB_SIZE);
	CHECK_STR(err.message,
		  "line 2: file \"a\" has 0x801 bytes, more than SIZE 0x800");
	CHECK(!capture_blob_resolve(&cap.blobs[1], 0, &err));
	CHECK_STR(err.message, "line 3: file \"b\" is empty and no SIZE is given");
	CHECK(parse("format baton-capture 1\nblob b fffffffffff00000\n"));
	CHECK(!capture_blob_resolve(&cap.blobs[0], 0x100000, &err));
	CHECK_STR(err.message,
		  "line 2: file \"b\" (0x100000 bytes) runs past the address space");
}

/* The generators, restated from their definitions in the format doc. */
static uint8_t ref_builder(uint64_t seed, uint64_t off)
{
	uint64_t x = (off >> 3) * 0x9e3779b97f4a7c15ULL +
		     seed * 0xbf58476d1ce4e5b9ULL;

	x ^= x >> 29;
	return (uint8_t)(x >> (8 * (off & 7)));
}

static uint8_t ref_agent(uint64_t seed, uint64_t off)
{
	uint64_t x = (seed ^ (off >> 3)) * 0xd6e8feb86659fd93ULL;

	x ^= x >> 32;
	return (uint8_t)(x >> (8 * (off & 7)));
}

TEST(pattern_generators)
{
	struct capture_pattern p = { .addr = 0, .size = 0x1000, .seed = 0x2a,
				     .offset = 0x13,
				     .kind = CAPTURE_PATTERN_BUILDER };
	static uint8_t buf[300];
	uint64_t i;

	/* Known values: first word of builder seed 1, agent seed 1. */
	CHECK_EQ(capture_pattern_byte(CAPTURE_PATTERN_BUILDER, 1, 0), 0xd1);
	CHECK_EQ(capture_pattern_byte(CAPTURE_PATTERN_AGENT, 1, 0), 0x2b);
	CHECK_EQ(capture_pattern_byte(CAPTURE_PATTERN_FILL, 0xa5, 12345), 0xa5);
	CHECK_EQ(capture_pattern_byte(CAPTURE_PATTERN_ZERO, 0, 7), 0);
	for (i = 0; i < 64; i++) {
		CHECK_EQ(capture_pattern_byte(CAPTURE_PATTERN_BUILDER, 0x2a, i * 37),
			 ref_builder(0x2a, i * 37));
		CHECK_EQ(capture_pattern_byte(CAPTURE_PATTERN_AGENT, 9, i * 37),
			 ref_agent(9, i * 37));
	}
	/* An unaligned start and length: head, words and tail. */
	capture_pattern_fill(&p, 5, buf, 299);
	for (i = 0; i < 299; i++)
		if (buf[i] != ref_builder(0x2a, 0x13 + 5 + i))
			CHECK_FAIL("builder byte %" PRIu64 " differs", i);
	p.kind = CAPTURE_PATTERN_AGENT;
	p.seed = 9;
	capture_pattern_fill(&p, 0, buf, 256);
	for (i = 0; i < 256; i++)
		if (buf[i] != ref_agent(9, 0x13 + i))
			CHECK_FAIL("agent byte %" PRIu64 " differs", i);
	p.kind = CAPTURE_PATTERN_FILL;
	p.seed = 0x5c;
	capture_pattern_fill(&p, 3, buf, 17);
	for (i = 0; i < 17; i++)
		CHECK_EQ(buf[i], 0x5c);
	p.kind = CAPTURE_PATTERN_ZERO;
	capture_pattern_fill(&p, 3, buf, 17);
	for (i = 0; i < 17; i++)
		CHECK_EQ(buf[i], 0);
	/* absent: never written by the launcher, reads as zeros here */
	memset(buf, 0xa5, sizeof(buf));
	p.kind = CAPTURE_PATTERN_ABSENT;
	capture_pattern_fill(&p, 3, buf, 17);
	for (i = 0; i < 17; i++)
		CHECK_EQ(buf[i], 0);
	CHECK_STR(capture_pattern_kind_name(CAPTURE_PATTERN_AGENT), "agent");
	CHECK_STR(capture_pattern_kind_name(CAPTURE_PATTERN_ABSENT), "absent");
	CHECK_STR(capture_pattern_kind_name(CAPTURE_PATTERN_KIND_COUNT), "unknown");
}

TEST(text_helpers)
{
	struct capture_text t = { "abcdef", 3 };
	char small[3];

	CHECK(capture_text_equal(t, "abc"));
	CHECK(!capture_text_equal(t, "abcd"));
	CHECK(!capture_text_copy(t, small, sizeof(small)));
	CHECK_STR(small, "");
	CHECK_STR(capture_error_name(CAPTURE_ERR_KHO_FDT), "kho-fdt");
	CHECK_STR(capture_error_name(CAPTURE_ERR_COUNT), "unknown");
}

TEST(write_round_trip)
{
	static const char expected[] =
		"format baton-capture 1\n"
		"ram 0x0 0x9f000\n"
		"ram 0x100000 0x7ff00000\n"
		"ram 0x100000000 0x40000000\n"
		"scratch 0x7c000000 0x400000\n"
		"scratch 0x100000000 0x800000\n"
		"scratch-array 0x7c3f0000\n"
		"kho-fdt 0x10000000 0x1000\n"
		"blob kho.dtb 0x10000000 0x1000\n"
		"blob luo/sessions.bin 0x10001000\n"
		"pattern 0x10002000 0x1000 0x0 zero\n"
		"pattern 0x20000000 0x200000 0x2a builder 0x1000\n"
		"pattern 0x20200000 0x1000 0x7 agent\n"
		"pattern 0x20201000 0x1000 0xa5 fill\n"
		"payload linux/bzImage\n"
		"initrd verify.cpio.gz\n"
		"cmdline \"console=ttyS0 foo=\"a b\" # kept\"\n"
		"expect \"kho: fdt 0x0000000010000000 size 0x1000\"\n"
		"expect-absent \"finding:\"\n";
	static char out[2048], again[2048];
	long n;

	CHECK(parse(full));
	n = capture_write(&cap, out, sizeof(out));
	CHECK_EQ(n, strlen(expected));
	CHECK_STR(out, expected);
	/* Parsing the output gives the same capture, hence the same text. */
	CHECK(parse(out));
	CHECK_EQ(capture_write(&cap, again, sizeof(again)), n);
	CHECK_STR(again, expected);
	/* Short buffer: the full length, a terminated prefix. */
	CHECK_EQ(capture_write(&cap, again, 10), n);
	CHECK_STR(again, "format ba");
	CHECK_EQ(capture_write(&cap, NULL, 0), n);
}

TEST(write_refuses_unreadable_text)
{
	struct capture_text bad = { "a\nb", 3 };

	CHECK(parse("format baton-capture 1\ncmdline \"x\"\nblob f 1000\n"));
	cap.cmdline = bad;
	CHECK_EQ(capture_write(&cap, text_buf, sizeof(text_buf)), -1);
	CHECK(parse("format baton-capture 1\nblob f 1000\n"));
	cap.blobs[0].file = (struct capture_text){ "a b", 3 };
	CHECK_EQ(capture_write(&cap, text_buf, sizeof(text_buf)), -1);
	cap.blobs[0].file = (struct capture_text){ "../b", 4 };
	CHECK_EQ(capture_write(&cap, text_buf, sizeof(text_buf)), -1);
	/* Tabs and UTF-8 in a text are read back as they are. */
	CHECK(parse("format baton-capture 1\ncmdline \"a\tb \xc3\xa9\"\n"));
	CHECK_EQ(capture_write(&cap, text_buf, sizeof(text_buf)), 40);
	CHECK_STR(text_buf, "format baton-capture 1\ncmdline \"a\tb \xc3\xa9\"\n");
}
