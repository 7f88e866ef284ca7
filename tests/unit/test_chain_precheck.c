// SPDX-License-Identifier: MIT
/*
 * Unit tests of the next kernel's ABI precheck: kernel_version reading
 * (bounds, missing field, garbage), release parsing, the version matrix
 * and the comparison with a handover, with exact findings and lines.
 */
#include "check.h"
#include <boot/chain/abi_precheck.h>

#define IMAGE_SIZE	(64 * 1024)
#define SETUP_END	(28 * 512)	/* 27 setup sectors + boot sector */

static uint8_t img[IMAGE_SIZE];

static void put16(size_t off, uint16_t v)
{
	memcpy(img + off, &v, 2);
}

static void put32(size_t off, uint32_t v)
{
	memcpy(img + off, &v, 4);
}

/* A header like Linux 7.2's (see test_chain_bzimage.c) + a version. */
static void image_with_version(const char *version)
{
	memset(img, 0, sizeof(img));
	img[0x1f1] = 27;
	put16(0x1fe, 0xaa55);
	img[0x200] = 0xeb;
	img[0x201] = 0x6a;
	memcpy(img + 0x202, "HdrS", 4);
	put16(0x206, 0x020f);
	img[0x211] = 0x01;
	put32(0x22c, 0x7fffffff);
	put32(0x230, 0x200000);
	img[0x234] = 1;
	put16(0x236, 0x7f);
	put32(0x238, 2047);
	put32(0x260, 0x2345678);
	if (version) {
		put16(0x20e, 0x3000 - 0x200);
		memcpy(img + 0x3000, version, strlen(version) + 1);
	}
}

static char version[KERNEL_VERSION_MAX], release[KERNEL_RELEASE_MAX];
static u16 offset;

static enum kernel_version_read read_version(size_t size)
{
	return kernel_version_read(img, size, version, release, &offset);
}

TEST(reads_debian_version_string)
{
	image_with_version("6.1.0-27-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01)");
	CHECK_EQ(read_version(IMAGE_SIZE), KERNEL_VERSION_OK);
	CHECK_EQ(offset, 0x2e00);
	CHECK_STR(version, "6.1.0-27-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01)");
	CHECK_STR(release, "6.1.0-27-amd64");
}

TEST(missing_or_misplaced_field)
{
	image_with_version(NULL);
	CHECK_EQ(read_version(IMAGE_SIZE), KERNEL_VERSION_NO_FIELD);
	CHECK_EQ(offset, 0);
	CHECK_STR(version, "");
	CHECK_STR(kernel_version_read_name(KERNEL_VERSION_NO_FIELD),
		  "no kernel_version (0)");

	/* Pointing at the first payload byte: outside the setup sectors. */
	image_with_version("7.2.0");
	put16(0x20e, SETUP_END - 0x200);
	CHECK_EQ(read_version(IMAGE_SIZE), KERNEL_VERSION_OUT_OF_SETUP);
	CHECK_EQ(offset, SETUP_END - 0x200);
	put16(0x20e, 0xffff);
	CHECK_EQ(read_version(IMAGE_SIZE), KERNEL_VERSION_OUT_OF_SETUP);

	/* The last setup byte is a NUL: an empty string, still inside. */
	put16(0x20e, SETUP_END - 1 - 0x200);
	CHECK_EQ(read_version(IMAGE_SIZE), KERNEL_VERSION_EMPTY);

	/* A file that ends inside its setup sectors clips the bound. */
	image_with_version("7.2.0");
	CHECK_EQ(read_version(0x3003), KERNEL_VERSION_UNTERMINATED);
	CHECK_EQ(read_version(0x3000), KERNEL_VERSION_OUT_OF_SETUP);
	CHECK_EQ(read_version(0x3006), KERNEL_VERSION_OK);
	CHECK_STR(release, "7.2.0");
}

TEST(no_header)
{
	image_with_version("7.2.0");
	CHECK_EQ(read_version(0x20f), KERNEL_VERSION_NO_HEADER);
	CHECK_EQ(kernel_version_read(NULL, 0, version, release, &offset),
		 KERNEL_VERSION_NO_HEADER);
	img[0x205] = 'Z';
	CHECK_EQ(read_version(IMAGE_SIZE), KERNEL_VERSION_NO_HEADER);
}

TEST(unterminated_up_to_the_payload)
{
	image_with_version(NULL);
	put16(0x20e, 0x3000 - 0x200);
	memset(img + 0x3000, 'A', SETUP_END - 0x3000);
	img[SETUP_END] = '\0';		/* first payload byte does not count */
	CHECK_EQ(read_version(IMAGE_SIZE), KERNEL_VERSION_UNTERMINATED);
	CHECK_STR(version, "");
	CHECK_STR(kernel_version_read_name(KERNEL_VERSION_UNTERMINATED),
		  "unterminated version string");
}

TEST(garbage_bytes_and_long_strings)
{
	char expect[KERNEL_VERSION_MAX];

	image_with_version("7.2\x01\xff-x y");
	CHECK_EQ(read_version(IMAGE_SIZE), KERNEL_VERSION_OK);
	CHECK_STR(version, "7.2?" "?-x y");
	CHECK_STR(release, "7.2?" "?-x");

	image_with_version(NULL);
	put16(0x20e, 0x3000 - 0x200);
	memset(img + 0x3000, '7', 300);	/* terminated by the zeroes after */
	memset(expect, '7', sizeof(expect) - 1);
	expect[sizeof(expect) - 1] = '\0';
	CHECK_EQ(read_version(IMAGE_SIZE), KERNEL_VERSION_OK);
	CHECK_STR(version, expect);
	CHECK_EQ(strlen(release), KERNEL_RELEASE_MAX - 1);
}

struct parse_case {
	const char *s;
	bool ok;
	u32 major, minor, patch;
	bool has_patch;
};

#define BAD(s)	{ s, false, 0, 0, 0, false }

TEST(release_parsing)
{
	static const struct parse_case cases[] = {
		{ "7.2.0", true, 7, 2, 0, true },
		{ "6.1.0-27-amd64", true, 6, 1, 0, true },
		{ "7.2", true, 7, 2, 0, false },
		{ "7.2-rc1", true, 7, 2, 0, false },
		{ "6.19.13+", true, 6, 19, 13, true },
		{ "6.16.0 #1", true, 6, 16, 0, true },
		{ "99999.99999.99999", true, 99999, 99999, 99999, true },
		BAD(""), BAD("6"), BAD("6."), BAD("6.x"), BAD("v6.1"),
		BAD(".6.1"), BAD("6.1."), BAD("6.1.x"), BAD("6..1"),
		BAD("6.1.0.4"), BAD("100000.1"), BAD("6.100000"),
		BAD("-6.1"), BAD(" 6.1"),
		{ "6.1a", true, 6, 1, 0, false },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct parse_case *c = &cases[i];
		struct kernel_release r;
		bool ok = kernel_release_parse(c->s, &r);

		if (ok != c->ok) {
			CHECK_FAIL("\"%s\": parsed %d, expected %d", c->s, ok,
				   c->ok);
			continue;
		}
		if (!ok)
			continue;
		CHECK_EQ(r.major, c->major);
		CHECK_EQ(r.minor, c->minor);
		CHECK_EQ(r.patch, c->patch);
		CHECK_EQ(r.has_patch, c->has_patch);
	}
	CHECK(!kernel_release_parse(NULL, &(struct kernel_release){ 0 }));
}

struct matrix_case {
	u32 major, minor;
	enum chain_abi_release rel;
	enum kho_version kho;
	enum luo_version luo;
	enum memfd_version memfd;
};

#define NO_ABI(major, minor, rel) \
	{ major, minor, rel, KHO_VERSION_NONE, LUO_VERSION_NONE, \
	  MEMFD_VERSION_NONE }
#define KHO_ONLY(major, minor) \
	{ major, minor, CHAIN_ABI_RELEASE_KNOWN, KHO_VERSION_V1, \
	  LUO_VERSION_NONE, MEMFD_VERSION_NONE }

TEST(version_matrix)
{
	static const struct matrix_case cases[] = {
		NO_ABI(5, 19, CHAIN_ABI_RELEASE_PRE_KHO),
		NO_ABI(6, 1, CHAIN_ABI_RELEASE_PRE_KHO),
		NO_ABI(6, 15, CHAIN_ABI_RELEASE_PRE_KHO),
		KHO_ONLY(6, 16),
		KHO_ONLY(6, 17),
		KHO_ONLY(6, 18),
		{ 6, 19, CHAIN_ABI_RELEASE_KNOWN, KHO_VERSION_V1,
		  LUO_VERSION_V1, MEMFD_VERSION_V1 },
		{ 7, 0, CHAIN_ABI_RELEASE_KNOWN, KHO_VERSION_V2,
		  LUO_VERSION_V1, MEMFD_VERSION_V1 },
		{ 7, 1, CHAIN_ABI_RELEASE_KNOWN, KHO_VERSION_V3,
		  LUO_VERSION_V1, MEMFD_VERSION_V2 },
		{ 7, 2, CHAIN_ABI_RELEASE_KNOWN, KHO_VERSION_V4,
		  LUO_VERSION_V5, MEMFD_VERSION_V2 },
		/* 7.3 writes and reads 7.2's bytes (7.3.4 read against 7.2.13) */
		{ 7, 3, CHAIN_ABI_RELEASE_KNOWN, KHO_VERSION_V4,
		  LUO_VERSION_V5, MEMFD_VERSION_V2 },
		NO_ABI(7, 4, CHAIN_ABI_RELEASE_TOO_NEW),
		NO_ABI(6, 20, CHAIN_ABI_RELEASE_TOO_NEW),	/* never released */
		NO_ABI(8, 0, CHAIN_ABI_RELEASE_TOO_NEW),
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct matrix_case *c = &cases[i];
		struct chain_abi abi;

		CHECK_EQ(chain_abi_for_release(c->major, c->minor, &abi),
			 c->rel);
		CHECK_EQ(abi.kho, c->kho);
		CHECK_EQ(abi.luo, c->luo);
		CHECK_EQ(abi.memfd, c->memfd);
	}
}

static struct handover_model model;
static struct finding finding_storage[8];
static struct finding_list findings;
static struct chain_precheck pc;
static char line[256];

static void set_model(enum kho_version kho, enum luo_version luo,
		      u32 memfd_seen)
{
	model_init(&model, NULL);
	model.kho = kho;
	model.luo = luo;
	model.memfd_seen = memfd_seen;
	model.memfd = memfd_seen & (1U << MEMFD_VERSION_V2) ? MEMFD_VERSION_V2 :
		      memfd_seen ? MEMFD_VERSION_V1 : MEMFD_VERSION_NONE;
}

static void run(const char *ver, const struct handover_model *m,
		enum chain_mode mode)
{
	struct chain_precheck_input in = {
		.kernel = img, .kernel_size = IMAGE_SIZE, .model = m,
		.mode = mode,
	};

	image_with_version(ver);
	finding_list_init(&findings, finding_storage,
			  ARRAY_SIZE(finding_storage));
	chain_abi_precheck(&in, &pc, &findings);
	chain_precheck_text(&pc, line, sizeof(line));
}

#define V1	(1U << MEMFD_VERSION_V1)
#define V2	(1U << MEMFD_VERSION_V2)

struct precheck_case {
	const char *version;
	enum kho_version kho;		/* NONE: no handover at all */
	enum luo_version luo;
	u32 memfd_seen;
	enum chain_mode mode;
	enum chain_abi_result result;
	enum finding_code code;		/* FINDING_NONE: no finding */
	const char *line;
};

TEST(precheck_results_and_lines)
{
	static const struct precheck_case cases[] = {
		{ "7.2.0 (b@h) #1 SMP", KHO_VERSION_V4, LUO_VERSION_V5, V2,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_MATCH, FINDING_NONE,
		  "next kernel 7.2.0 speaks kho-v4 luo-v5 memfd-v2: matches handover" },
		{ "7.2.13-amd64", KHO_VERSION_V4, LUO_VERSION_NONE, 0,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_MATCH, FINDING_NONE,
		  "next kernel 7.2.13-amd64 speaks kho-v4 luo-v5 memfd-v2: matches handover" },
		/* A 7.2 handover into 6.19: every layer differs. */
		{ "6.19.3", KHO_VERSION_V4, LUO_VERSION_V5, V2,
		  CHAIN_MODE_ON, CHAIN_ABI_MISMATCH, W_CHAIN_ABI_MISMATCH,
		  "next kernel 6.19.3 speaks kho-v1 luo-v1 memfd-v1: MISMATCH with handover kho-v4 luo-v5 memfd-v2" },
		{ "6.19.3", KHO_VERSION_V4, LUO_VERSION_V5, V2,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_MISMATCH, E_CHAIN_ABI_MISMATCH,
		  "next kernel 6.19.3 speaks kho-v1 luo-v1 memfd-v1: MISMATCH with handover kho-v4 luo-v5 memfd-v2, refused (on-clean)" },
		/* 7.1 into 7.2: kho-v3 content is v4's, but the string is not. */
		{ "7.2.0", KHO_VERSION_V3, LUO_VERSION_V1, V2,
		  CHAIN_MODE_ON, CHAIN_ABI_MISMATCH, W_CHAIN_ABI_MISMATCH,
		  "next kernel 7.2.0 speaks kho-v4 luo-v5 memfd-v2: MISMATCH with handover kho-v3 luo-v1 memfd-v2" },
		/* Only what the handover holds counts: KHO alone into 6.19. */
		{ "6.19.0", KHO_VERSION_V1, LUO_VERSION_NONE, 0,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_MATCH, FINDING_NONE,
		  "next kernel 6.19.0 speaks kho-v1 luo-v1 memfd-v1: matches handover" },
		{ "6.16.2", KHO_VERSION_V1, LUO_VERSION_NONE, 0,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_MATCH, FINDING_NONE,
		  "next kernel 6.16.2 speaks kho-v1 (no LUO, no memfd): matches handover" },
		/* memfd-v1 and v2 files in one handover: 7.1 reads only v2. */
		{ "7.1.0", KHO_VERSION_V3, LUO_VERSION_V1, V1 | V2,
		  CHAIN_MODE_ON, CHAIN_ABI_MISMATCH, W_CHAIN_ABI_MISMATCH,
		  "next kernel 7.1.0 speaks kho-v3 luo-v1 memfd-v2: MISMATCH with handover kho-v3 luo-v1 memfd-v1+memfd-v2" },
		{ "7.0.5", KHO_VERSION_V2, LUO_VERSION_V1, V1,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_MATCH, FINDING_NONE,
		  "next kernel 7.0.5 speaks kho-v2 luo-v1 memfd-v1: matches handover" },
		/* Debian bookworm's kernel: no KHO at all. */
		{ "6.1.0-27-amd64 (debian-kernel@lists.debian.org) #1", KHO_VERSION_NONE,
		  LUO_VERSION_NONE, 0, CHAIN_MODE_ON_CLEAN,
		  CHAIN_ABI_NO_HANDOVER, FINDING_NONE,
		  "next kernel 6.1.0-27-amd64 speaks no KHO (before 6.16): no handover to check" },
		{ "6.1.0-27-amd64", KHO_VERSION_V4, LUO_VERSION_V5, V2,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_MISMATCH, E_CHAIN_ABI_MISMATCH,
		  "next kernel 6.1.0-27-amd64 speaks no KHO (before 6.16): MISMATCH with handover kho-v4 luo-v5 memfd-v2, refused (on-clean)" },
		/*
		 * 7.3 (the real tier's test kernel reads "7.3.4 (root@vm) #1
		 * ..."): a 7.2 or 7.3 handover matches (content cannot tell
		 * them apart); what 6.19 and 7.1 wrote does not.
		 */
		{ "7.3.4 (root@vm) #1 SMP PREEMPT_DYNAMIC", KHO_VERSION_V4,
		  LUO_VERSION_V5, V2, CHAIN_MODE_ON_CLEAN, CHAIN_ABI_MATCH,
		  FINDING_NONE,
		  "next kernel 7.3.4 speaks kho-v4 luo-v5 memfd-v2: matches handover" },
		{ "7.3.4+bpo-amd64", KHO_VERSION_V4, LUO_VERSION_NONE, 0,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_MATCH, FINDING_NONE,
		  "next kernel 7.3.4+bpo-amd64 speaks kho-v4 luo-v5 memfd-v2: matches handover" },
		{ "7.3.4", KHO_VERSION_V3, LUO_VERSION_V1, V2,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_MISMATCH, E_CHAIN_ABI_MISMATCH,
		  "next kernel 7.3.4 speaks kho-v4 luo-v5 memfd-v2: MISMATCH with handover kho-v3 luo-v1 memfd-v2, refused (on-clean)" },
		{ "7.3.4", KHO_VERSION_V1, LUO_VERSION_V1, V1,
		  CHAIN_MODE_ON, CHAIN_ABI_MISMATCH, W_CHAIN_ABI_MISMATCH,
		  "next kernel 7.3.4 speaks kho-v4 luo-v5 memfd-v2: MISMATCH with handover kho-v1 luo-v1 memfd-v1" },
		{ "7.3.4", KHO_VERSION_V1, LUO_VERSION_NONE, 0,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_MISMATCH, E_CHAIN_ABI_MISMATCH,
		  "next kernel 7.3.4 speaks kho-v4 luo-v5 memfd-v2: MISMATCH with handover kho-v1 (no LUO, no memfd), refused (on-clean)" },
		{ "7.3.4", KHO_VERSION_NONE, LUO_VERSION_NONE, 0,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_NO_HANDOVER, FINDING_NONE,
		  "next kernel 7.3.4 speaks kho-v4 luo-v5 memfd-v2: no handover to check" },
		/* past the matrix: 7.4 may change any layer */
		{ "7.4.0", KHO_VERSION_V4, LUO_VERSION_V5, V2,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_UNCHECKED, W_CHAIN_ABI_UNCHECKED,
		  "next kernel 7.4.0 is newer than the ABI matrix (7.3): not checked against handover kho-v4 luo-v5 memfd-v2" },
		{ "7.4.0", KHO_VERSION_NONE, LUO_VERSION_NONE, 0,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_NO_HANDOVER, FINDING_NONE,
		  "next kernel 7.4.0 is newer than the ABI matrix (7.3): no handover to check" },
		{ "Linux", KHO_VERSION_V4, LUO_VERSION_V5, V2,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_UNCHECKED, W_CHAIN_ABI_UNCHECKED,
		  "next kernel \"Linux\" is not an X.Y[.Z] release: not checked against handover kho-v4 luo-v5 memfd-v2" },
		{ NULL, KHO_VERSION_V4, LUO_VERSION_V5, V2,
		  CHAIN_MODE_ON, CHAIN_ABI_UNCHECKED, W_CHAIN_ABI_UNCHECKED,
		  "next kernel version unreadable (no kernel_version (0)): not checked against handover kho-v4 luo-v5 memfd-v2" },
		/* baton -> baton (mkbzimage writes "baton"): any released ABI. */
		{ "baton", KHO_VERSION_V1, LUO_VERSION_V1, V1 | V2,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_MATCH, FINDING_NONE,
		  "next kernel is baton (reads kho-v1..v4, luo-v1/v5, memfd-v1/v2): matches handover" },
		{ "baton 0.1.0", KHO_VERSION_NONE, LUO_VERSION_NONE, 0,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_NO_HANDOVER, FINDING_NONE,
		  "next kernel is baton (reads kho-v1..v4, luo-v1/v5, memfd-v1/v2): no handover to check" },
		{ "batonX", KHO_VERSION_V4, LUO_VERSION_V5, V2,
		  CHAIN_MODE_ON, CHAIN_ABI_UNCHECKED, W_CHAIN_ABI_UNCHECKED,
		  "next kernel \"batonX\" is not an X.Y[.Z] release: not checked against handover kho-v4 luo-v5 memfd-v2" },
		/* A handover whose KHO version baton could not tell. */
		{ "7.2.0", KHO_VERSION_UNKNOWN, LUO_VERSION_NONE, 0,
		  CHAIN_MODE_ON_CLEAN, CHAIN_ABI_UNCHECKED, W_CHAIN_ABI_UNCHECKED,
		  "next kernel 7.2.0 speaks kho-v4 luo-v5 memfd-v2: not checked against handover unknown (no LUO, no memfd)" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct precheck_case *c = &cases[i];
		bool handover = c->kho != KHO_VERSION_NONE;

		set_model(c->kho, c->luo, c->memfd_seen);
		run(c->version, handover ? &model : NULL, c->mode);
		CHECK_EQ(pc.result, c->result);
		CHECK_STR(line, c->line);
		CHECK_EQ(pc.refused, c->code == E_CHAIN_ABI_MISMATCH);
		if (c->code == FINDING_NONE) {
			CHECK_EQ(findings.count, 0);
			continue;
		}
		CHECK_EQ(findings.count, 1);
		CHECK_EQ(findings.items[0].code, c->code);
		CHECK_EQ(findings.items[0].pa, 0);
		/* The message is the line, cut to the finding's size. */
		CHECK(!strncmp(findings.items[0].message, c->line,
			       FINDING_MESSAGE_MAX - 1));
	}
}

TEST(rejected_kernel_is_a_finding)
{
	set_model(KHO_VERSION_V4, LUO_VERSION_V5, V2);
	image_with_version("7.2.0");
	img[0x234] = 0;			/* not relocatable */
	{
		struct chain_precheck_input in = {
			.kernel = img, .kernel_size = IMAGE_SIZE,
			.model = &model, .mode = CHAIN_MODE_ON,
		};

		finding_list_init(&findings, finding_storage,
				  ARRAY_SIZE(finding_storage));
		chain_abi_precheck(&in, &pc, &findings);
	}
	CHECK_EQ(pc.result, CHAIN_ABI_REJECTED);
	CHECK_EQ(findings.count, 1);
	CHECK_EQ(findings.items[0].code, E_CHAIN_KERNEL_REJECTED);
	CHECK_STR(findings.items[0].message,
		  "next kernel: not relocatable (relocatable_kernel 0)");
	chain_precheck_text(&pc, line, sizeof(line));
	CHECK_STR(line, "next kernel rejected by the bzImage probe");
	CHECK_STR(chain_abi_result_name(pc.result), "rejected");
}

TEST(text_fits_small_buffers)
{
	char small[12];

	set_model(KHO_VERSION_V4, LUO_VERSION_V5, V2);
	run("7.2.0", &model, CHAIN_MODE_ON_CLEAN);
	CHECK_EQ(chain_precheck_text(&pc, small, sizeof(small)), 11);
	CHECK_STR(small, "next kernel");
	CHECK_EQ(chain_precheck_text(&pc, small, 0), 0);
}

struct edge_case {
	const char *what;
	size_t off;		/* byte patched, little-endian */
	u32 value;
	int width;
	const char *message;	/* NULL: accepted */
};

/*
 * bzImage header edge cases through the precheck: each rejection is one
 * E_CHAIN_KERNEL_REJECTED with the probe's message; what the probe
 * accepts (a huge init_size: placement's problem) gives no finding.
 */
TEST(header_edge_cases_are_findings)
{
	static const struct edge_case cases[] = {
		{ "bad magic", 0x202, 'h', 1,
		  "next kernel: not a bzImage (no \"HdrS\" at 0x202)" },
		{ "boot flag", 0x1fe, 0x55aa, 2,
		  "next kernel: boot_flag 0x55aa at 0x1fe, expected 0xaa55" },
		{ "protocol 2.11", 0x206, 0x020b, 2,
		  "next kernel: boot protocol 2.11, need at least 2.12" },
		{ "no XLF_KERNEL_64", 0x236, 0x7e, 2,
		  "next kernel: no 64-bit entry (XLF_KERNEL_64 clear)" },
		{ "no above-4G flag", 0x236, 0x7d, 2,
		  "next kernel: cannot be loaded above 4 GiB (XLF_CAN_BE_LOADED_ABOVE_4G clear)" },
		{ "not relocatable", 0x234, 0, 1,
		  "next kernel: not relocatable (relocatable_kernel 0)" },
		{ "init_size below payload", 0x260, 0x1000, 4,
		  "next kernel: init_size 0x1000 is smaller than the 0xc800-byte payload" },
		{ "init_size 4 GiB - 1", 0x260, 0xffffffff, 4, NULL },
		{ "protocol 2.12", 0x206, 0x020c, 2, NULL },
	};
	size_t i;

	set_model(KHO_VERSION_V4, LUO_VERSION_V5, V2);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct edge_case *c = &cases[i];
		struct chain_precheck_input in = {
			.kernel = img, .kernel_size = IMAGE_SIZE,
			.model = &model, .mode = CHAIN_MODE_ON_CLEAN,
		};

		image_with_version("7.2.0");
		memcpy(img + c->off, &c->value, c->width);
		finding_list_init(&findings, finding_storage,
				  ARRAY_SIZE(finding_storage));
		chain_abi_precheck(&in, &pc, &findings);
		if (!c->message) {
			CHECK_EQ(pc.result, CHAIN_ABI_MATCH);
			CHECK_EQ(findings.count, 0);
			continue;
		}
		CHECK_EQ(pc.result, CHAIN_ABI_REJECTED);
		CHECK_EQ(findings.count, 1);
		CHECK_EQ(findings.items[0].code, E_CHAIN_KERNEL_REJECTED);
		CHECK_EQ(findings.by_severity[FINDING_ERROR], 1);
		if (strcmp(findings.items[0].message, c->message))
			CHECK_FAIL("%s: \"%s\"", c->what,
				   findings.items[0].message);
	}
}
