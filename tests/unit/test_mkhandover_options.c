// SPDX-License-Identifier: MIT
/*
 * Unit tests of mkhandover's option values (tools/mkhandover/options.c):
 * sizes with units, ranges, profiles, memfd / file / FLB / reserve_mem
 * specifications, and what each refuses.
 */
#include "check.h"
#include "tools/mkhandover/mkhandover.h"

TEST(sizes)
{
	u64 v = 0;

	CHECK(mkh_parse_size("4096", &v) && v == 4096);
	CHECK(mkh_parse_size("0x1000", &v) && v == 4096);
	CHECK(mkh_parse_size("4K", &v) && v == 4096);
	CHECK(mkh_parse_size("16M", &v) && v == 16ULL << 20);
	CHECK(mkh_parse_size("4G", &v) && v == 4ULL << 30);
	CHECK(mkh_parse_size("1T", &v) && v == 1ULL << 40);
	CHECK(mkh_parse_size("0", &v) && v == 0);
	CHECK(!mkh_parse_size("", &v));
	CHECK(!mkh_parse_size("-1", &v));
	CHECK(!mkh_parse_size(" 1", &v));
	CHECK(!mkh_parse_size("4k", &v));
	CHECK(!mkh_parse_size("4KB", &v));
	CHECK(!mkh_parse_size("0x", &v));
	CHECK(!mkh_parse_size("99999999999999999999", &v));
	CHECK(!mkh_parse_size("16777216T", &v));	/* 2^64 */
}

TEST(ranges)
{
	struct mkh_range r;

	CHECK(mkh_parse_range("0x2000000:48M", &r));
	CHECK_EQ(r.addr, 0x2000000);
	CHECK_EQ(r.size, 48ULL << 20);
	CHECK(!mkh_parse_range("0x2000000", &r));
	CHECK(!mkh_parse_range("0x2000000:0", &r));
	CHECK(!mkh_parse_range(":4K", &r));
	CHECK(!mkh_parse_range("0xfffffffffffff000:8K", &r));	/* wraps */
}

TEST(profiles)
{
	enum release_profile p;

	CHECK(mkh_parse_profile("6.17", &p) && p == PROFILE_6_16);
	CHECK(mkh_parse_profile("6.18", &p) && p == PROFILE_6_18);
	CHECK(mkh_parse_profile("7.0", &p) && p == PROFILE_7_0);
	CHECK(mkh_parse_profile("7.2", &p) && p == PROFILE_7_2);
	CHECK(mkh_parse_profile("7.3", &p) && p == PROFILE_7_2);
	CHECK(!mkh_parse_profile("7.4", &p));
	CHECK(!mkh_parse_profile("7.2 ", &p));
	CHECK(!mkh_parse_profile("7.3.4", &p));
}

/*
 * Every --profile name writes what luo/'s matrix says that release writes
 * (the table baton's chain precheck and report use), and the default is
 * the newest release, 7.3: kho-v4, luo-v5, memfd-v2 and kexec-metadata.
 */
TEST(profiles_follow_release_matrix)
{
	static const struct { const char *name; u32 major, minor; } r[] = {
		{ "6.16", 6, 16 }, { "6.17", 6, 17 }, { "6.18", 6, 18 },
		{ "6.19", 6, 19 }, { "7.0", 7, 0 }, { "7.1", 7, 1 },
		{ "7.2", 7, 2 }, { "7.3", 7, 3 },
	};
	struct profile_versions v;
	enum release_profile p;
	u32 i;

	for (i = 0; i < ARRAY_SIZE(r); i++) {
		CHECK(mkh_parse_profile(r[i].name, &p));
		CHECK_EQ(p, release_profile_of_release(r[i].major, r[i].minor));
	}
	CHECK_STR(MKH_DEFAULT_PROFILE, "7.3");
	CHECK(mkh_parse_profile(MKH_DEFAULT_PROFILE, &p));
	CHECK(release_profile_versions(p, &v));
	CHECK_EQ(v.kho, KHO_VERSION_V4);
	CHECK_EQ(v.luo, LUO_VERSION_V5);
	CHECK_EQ(v.memfd, MEMFD_VERSION_V2);
	CHECK(v.metadata);
	CHECK_STR(release_profile_name(p), "7.2/7.3");
}

/* kexec-metadata's previous_release names the profile's release. */
TEST(profile_default_release)
{
	char buf[KHO_METADATA_RELEASE_LEN + 1];

	mkh_default_release("7.3", buf, sizeof(buf));
	CHECK_STR(buf, "7.3.0-mkhandover");
	mkh_default_release(MKH_DEFAULT_PROFILE, buf, sizeof(buf));
	CHECK_STR(buf, "7.3.0-mkhandover");
	mkh_default_release("7.2", buf, sizeof(buf));
	CHECK_STR(buf, "7.2.0-mkhandover");
	mkh_default_release("7.3", buf, 4);
	CHECK_STR(buf, "7.3");
}

TEST(memfd_specs)
{
	struct mkh_file f;
	char err[160];

	CHECK(mkh_parse_memfd("0x100:2G,order=9,pos=4096,seals=0xf,content=agent,hole=16+64,hole=1+1",
			      &f, err, sizeof(err)));
	CHECK(f.is_memfd && f.memfd.no_content);
	CHECK_EQ(f.token, 0x100);
	CHECK_EQ(f.memfd.size, 2ULL << 30);
	CHECK_EQ(f.memfd.folio_order, 9);
	CHECK_EQ(f.memfd.pos, 4096);
	CHECK_EQ(f.memfd.seals, 0xf);
	CHECK_EQ(f.content, MKH_CONTENT_AGENT);
	CHECK_EQ(f.hole_count, 2);
	CHECK(f.holes[0].page == 16 && f.holes[0].pages == 64);
	CHECK(mkh_parse_memfd("7:0", &f, err, sizeof(err)));
	CHECK(f.memfd.size == 0 && f.content == MKH_CONTENT_BUILDER);
	CHECK(mkh_parse_memfd("8:256G,order=9,content=absent", &f, err,
			      sizeof(err)));
	CHECK(f.memfd.size == 256ULL << 30 && f.content == MKH_CONTENT_ABSENT);

	CHECK(!mkh_parse_memfd("7", &f, err, sizeof(err)));
	CHECK_STR(err, "memfd \"7\": expected TOKEN:SIZE[,...]");
	CHECK(!mkh_parse_memfd("7:x", &f, err, sizeof(err)));
	CHECK_STR(err, "memfd \"7:x\": bad SIZE");
	CHECK(!mkh_parse_memfd("7:4K,order=19", &f, err, sizeof(err)));
	CHECK_STR(err, "bad value in \"order=19\"");
	CHECK(!mkh_parse_memfd("7:4K,colour=red", &f, err, sizeof(err)));
	CHECK_STR(err, "unknown memfd option \"colour=red\"");
	CHECK(!mkh_parse_memfd("7:4K,order", &f, err, sizeof(err)));
	CHECK_STR(err, "\"order\" is not KEY=VALUE");
	CHECK(!mkh_parse_memfd("7:4K,hole=3", &f, err, sizeof(err)));
	CHECK(!mkh_parse_memfd("7:4K,hole=3+0", &f, err, sizeof(err)));
	CHECK(!mkh_parse_memfd("7:4K,content=random", &f, err, sizeof(err)));
	CHECK(!mkh_parse_memfd("7:4K,seals=0x100000000", &f, err, sizeof(err)));
	CHECK(!mkh_parse_memfd("7:4K,hole=1+1,hole=2+1,hole=3+1,hole=4+1,hole=5+1,hole=6+1,hole=7+1,hole=8+1,hole=9+1",
			       &f, err, sizeof(err)));
	CHECK_STR(err, "more than 8 holes");
}

TEST(other_specs)
{
	struct mkh_file f;
	char err[160], name[48];
	u64 a, b;
	unsigned int order;

	CHECK(mkh_parse_raw_file("0x20:vfio-pci-v1:0x12345000", &f, err,
				 sizeof(err)));
	CHECK(!f.is_memfd && f.token == 0x20 && f.raw_data == 0x12345000);
	CHECK_STR(f.compatible, "vfio-pci-v1");
	CHECK(!mkh_parse_raw_file("0x20::0x1", &f, err, sizeof(err)));
	CHECK(!mkh_parse_raw_file("0x20:x", &f, err, sizeof(err)));

	CHECK(mkh_parse_flb("iommu-v1:0xabc000:2", name, sizeof(name), &a, &b));
	CHECK(!strcmp(name, "iommu-v1") && a == 0xabc000 && b == 2);
	CHECK(!mkh_parse_flb(":1:1", name, sizeof(name), &a, &b));
	CHECK(!mkh_parse_flb("x:1", name, sizeof(name), &a, &b));

	CHECK(mkh_parse_reserve_mem("trace:1M", name, sizeof(name), &a, &order));
	CHECK(!strcmp(name, "trace") && a == 1ULL << 20 && order == 0);
	CHECK(mkh_parse_reserve_mem("log:64K:4", name, sizeof(name), &a, &order));
	CHECK(a == 65536 && order == 4);
	CHECK(!mkh_parse_reserve_mem("log:0", name, sizeof(name), &a, &order));
	CHECK(!mkh_parse_reserve_mem("log:4K:19", name, sizeof(name), &a, &order));
}
