// SPDX-License-Identifier: MIT
/* e820 sanitising: exact output maps and findings for each kind of defect. */
#include "check.h"
#include <mm/e820.h>

#define P(n) ((u64)(n) * 0x1000)

static struct finding finding_storage[64];
static struct finding_list findings;
static struct boot_e820_entry out[64];

struct span {
	u64 start, end;
	u32 type;
};

static u32 sanitize(const struct span *in, u32 count, u32 capacity)
{
	struct boot_e820_entry raw[64];
	u32 i;

	for (i = 0; i < count; i++)
		raw[i] = (struct boot_e820_entry){
			.addr = in[i].start, .size = in[i].end - in[i].start,
			.type = in[i].type };
	finding_list_init(&findings, finding_storage,
			  ARRAY_SIZE(finding_storage));
	memset(out, 0xee, sizeof(out));
	return e820_sanitize(raw, count, out, capacity, &findings);
}

static void check_map(u32 n, const struct span *expected, u32 count)
{
	u32 i;

	CHECK_EQ(n, count);
	for (i = 0; i < n && i < count; i++) {
		CHECK_EQ(out[i].addr, expected[i].start);
		CHECK_EQ(out[i].addr + out[i].size, expected[i].end);
		CHECK_EQ(out[i].type, expected[i].type);
	}
}

/* The overlapping example used to document Linux's sanitiser (in pages). */
TEST(linux_documented_example)
{
	static const struct span in[] = {
		{ P(4), P(6), 2 },   { P(22), P(23), 4 }, { P(4), P(8), 1 },
		{ P(1), P(3), 4 },   { P(0), P(8), 1 },   { P(20), P(22), 3 },
		{ P(11), P(13), 4 }, { P(10), P(15), 3 }, { P(14), P(16), 2 },
		{ P(19), P(23), 2 }, { P(9), P(18), 1 },  { P(21), P(23), 1 },
		{ P(17), P(18), 4 },
	};
	static const struct span expected[] = {
		{ P(0), P(1), 1 },   { P(1), P(3), 4 },   { P(3), P(4), 1 },
		{ P(4), P(6), 2 },   { P(6), P(8), 1 },   { P(9), P(10), 1 },
		{ P(10), P(11), 3 }, { P(11), P(13), 4 }, { P(13), P(15), 3 },
		{ P(15), P(16), 2 }, { P(16), P(17), 1 }, { P(17), P(18), 4 },
		{ P(19), P(20), 2 }, { P(20), P(22), 3 }, { P(22), P(23), 4 },
	};

	check_map(sanitize(in, ARRAY_SIZE(in), 64), expected,
		  ARRAY_SIZE(expected));
	CHECK(finding_list_has(&findings, I_E820_UNSORTED));
	CHECK(finding_list_has(&findings, W_E820_OVERLAP));
}

TEST(ram_overlapping_reserved)
{
	static const struct span in[] = {
		{ 0, 0xa0000, E820_TYPE_RAM },
		{ 0x9f000, 0x100000, E820_TYPE_RESERVED },
		{ 0x100000, 0x8000000, E820_TYPE_RAM },
	};
	static const struct span expected[] = {
		{ 0, 0x9f000, E820_TYPE_RAM },
		{ 0x9f000, 0x100000, E820_TYPE_RESERVED },
		{ 0x100000, 0x8000000, E820_TYPE_RAM },
	};

	check_map(sanitize(in, 3, 64), expected, 3);
	CHECK_EQ(findings.count, 1);
	CHECK_EQ(findings.items[0].code, W_E820_OVERLAP);
	CHECK_EQ(findings.items[0].pa, 0x9f000);
	CHECK_STR(findings.items[0].message,
		  "e820 #0 [0x0-0xa0000) type 1 overlaps #1 [0x9f000-0x100000) type 2");
}

TEST(contained_entry_splits_ram)
{
	static const struct span in[] = {
		{ 0, SZ_1G, E820_TYPE_RAM },
		{ SZ_1M, 2 * SZ_1M, E820_TYPE_ACPI },
	};
	static const struct span expected[] = {
		{ 0, SZ_1M, E820_TYPE_RAM },
		{ SZ_1M, 2 * SZ_1M, E820_TYPE_ACPI },
		{ 2 * SZ_1M, SZ_1G, E820_TYPE_RAM },
	};

	check_map(sanitize(in, 2, 64), expected, 3);
	CHECK_EQ(finding_list_count_code(&findings, W_E820_OVERLAP), 1);
}

TEST(identical_entries_collapse)
{
	static const struct span in[] = {
		{ SZ_1M, SZ_1G, E820_TYPE_RAM },
		{ SZ_1M, SZ_1G, E820_TYPE_RAM },
		{ SZ_1M, SZ_1G, E820_TYPE_RAM },
	};
	static const struct span expected[] = {
		{ SZ_1M, SZ_1G, E820_TYPE_RAM },
	};

	check_map(sanitize(in, 3, 64), expected, 1);
	CHECK_EQ(finding_list_count_code(&findings, W_E820_OVERLAP), 3);
	CHECK(!finding_list_has(&findings, I_E820_UNSORTED));
}

TEST(unsorted_input_is_sorted)
{
	static const struct span in[] = {
		{ SZ_1G, 2 * SZ_1G, E820_TYPE_RAM },
		{ 0, 0x9fc00, E820_TYPE_RAM },
		{ 0xf0000, SZ_1M, E820_TYPE_RESERVED },
	};
	static const struct span expected[] = {
		{ 0, 0x9fc00, E820_TYPE_RAM },
		{ 0xf0000, SZ_1M, E820_TYPE_RESERVED },
		{ SZ_1G, 2 * SZ_1G, E820_TYPE_RAM },
	};

	check_map(sanitize(in, 3, 64), expected, 3);
	CHECK_EQ(findings.count, 1);
	CHECK_EQ(findings.items[0].code, I_E820_UNSORTED);
	CHECK_STR(findings.items[0].message,
		  "e820 #1 at 0x0 comes after #0 at 0x40000000");
}

TEST(zero_size_dropped)
{
	static const struct span in[] = {
		{ 0, SZ_1M, E820_TYPE_RAM },
		{ SZ_1M, SZ_1G, E820_TYPE_RAM },
		{ SZ_1G, SZ_1G, E820_TYPE_RESERVED },
	};
	static const struct span expected[] = {
		{ 0, SZ_1G, E820_TYPE_RAM },	/* touching RAM merges */
	};

	check_map(sanitize(in, 3, 64), expected, 1);
	CHECK_EQ(findings.count, 1);
	CHECK_EQ(findings.items[0].code, I_E820_ZERO_SIZE);
	CHECK_EQ(findings.items[0].pa, SZ_1G);
}

TEST(pram_and_soft_reserved_not_merged)
{
	static const struct span in[] = {
		{ 0, SZ_1G, E820_TYPE_PRAM },
		{ SZ_1G, 2 * SZ_1G, E820_TYPE_PRAM },
		{ 2 * SZ_1G, 3 * SZ_1G, E820_TYPE_SOFT_RESERVED },
		{ 3 * SZ_1G, 4 * SZ_1G, E820_TYPE_SOFT_RESERVED },
		{ SZ_1M, 2 * SZ_1M, E820_TYPE_RAM },	/* hidden by PRAM */
	};
	static const struct span expected[] = {
		{ 0, SZ_1M, E820_TYPE_PRAM },
		{ SZ_1M, 2 * SZ_1M, E820_TYPE_PRAM },
		{ 2 * SZ_1M, SZ_1G, E820_TYPE_PRAM },
		{ SZ_1G, 2 * SZ_1G, E820_TYPE_PRAM },
		{ 2 * SZ_1G, 3 * SZ_1G, E820_TYPE_SOFT_RESERVED },
		{ 3 * SZ_1G, 4 * SZ_1G, E820_TYPE_SOFT_RESERVED },
	};

	check_map(sanitize(in, 5, 64), expected, 6);
}

TEST(type_zero_describes_nothing)
{
	static const struct span in[] = {
		{ 0, SZ_1G, 0 },
		{ SZ_1M, 2 * SZ_1M, E820_TYPE_RAM },
	};
	static const struct span expected[] = {
		{ SZ_1M, 2 * SZ_1M, E820_TYPE_RAM },
	};

	check_map(sanitize(in, 2, 64), expected, 1);
}

TEST(wrapping_entry_dropped)
{
	struct boot_e820_entry raw[2] = {
		{ .addr = 0, .size = SZ_1G, .type = E820_TYPE_RAM },
		{ .addr = ~0ULL - 0xfff, .size = 0x2000, .type = 2 },
	};

	finding_list_init(&findings, finding_storage,
			  ARRAY_SIZE(finding_storage));
	CHECK_EQ(e820_sanitize(raw, 2, out, 64, &findings), 1);
	CHECK_EQ(out[0].size, SZ_1G);
	CHECK_EQ(findings.count, 1);
	CHECK_EQ(findings.items[0].code, W_E820_WRAPS);
}

TEST(output_capacity_respected)
{
	static const struct span in[] = {
		{ 0, P(1), 1 }, { P(2), P(3), 1 }, { P(4), P(5), 1 },
	};

	CHECK_EQ(sanitize(in, 3, 2), 2);
	CHECK_EQ(out[1].addr, P(2));
	CHECK_EQ(out[2].type, 0xeeeeeeee);	/* untouched */
	CHECK_EQ(findings.count, 1);
	CHECK_EQ(findings.items[0].code, W_E820_SANITIZED_FULL);
	CHECK_EQ(findings.items[0].pa, P(4));
}

TEST(empty_and_single)
{
	static const struct span one[] = { { SZ_1M, SZ_1G, 1 } };

	CHECK_EQ(sanitize(one, 0, 64), 0);
	check_map(sanitize(one, 1, 64), one, 1);
	CHECK_EQ(findings.count, 0);
}

/* ---- randomized comparison with a per-page model of the rules ---- */

static u64 rng_state = 0x853c49e6748fea9bULL;

static u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

#define UNITS 64

static bool model_matches(const struct boot_e820_entry *raw, u32 count,
			  u32 n)
{
	static const u32 none = 0;
	u32 type[UNITS], i, j, k = 0;
	bool boundary[UNITS + 1] = { false };

	for (i = 0; i < UNITS; i++)
		type[i] = none;
	for (j = 0; j < count; j++) {
		u64 s = raw[j].addr / 0x1000, e = s + raw[j].size / 0x1000;

		if (!raw[j].size)
			continue;
		boundary[s] = boundary[e] = true;
		for (i = s; i < e; i++)
			type[i] = MAX(type[i], raw[j].type);
	}
	for (i = 0; i < UNITS; i = j) {
		bool split = type[i] == E820_TYPE_PRAM ||
			     type[i] == E820_TYPE_SOFT_RESERVED;

		for (j = i + 1; j < UNITS && type[j] == type[i] &&
				!(split && boundary[j]); j++)
			;
		if (!type[i])
			continue;
		if (k >= n || out[k].addr != P(i) || out[k].size != P(j - i) ||
		    out[k].type != type[i])
			return false;
		k++;
	}
	return k == n;
}

TEST(random_against_page_model)
{
	static const u32 types[] = { 0, 1, 2, 3, 4, 5, 7, 12, 20, 0xefffffff };
	struct boot_e820_entry raw[12];
	int round, mismatches = 0;

	for (round = 0; round < 20000; round++) {
		u32 count = rng() % 12, i, n;

		for (i = 0; i < count; i++) {
			u64 s = rng() % UNITS, len = rng() % (UNITS - s + 1);

			raw[i] = (struct boot_e820_entry){
				.addr = P(s), .size = P(len),
				.type = types[rng() % ARRAY_SIZE(types)] };
		}
		finding_list_init(&findings, finding_storage,
				  ARRAY_SIZE(finding_storage));
		n = e820_sanitize(raw, count, out, 64, &findings);
		if (!model_matches(raw, count, n))
			mismatches++;
	}
	CHECK_EQ(mismatches, 0);
}
