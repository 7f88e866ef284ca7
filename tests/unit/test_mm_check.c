// SPDX-License-Identifier: MIT
/*
 * Invariant findings: each is triggered by a fixture with exactly that
 * defect, with the exact message; the expected overlaps (KHO FDT inside
 * preserved memory, scratch array inside setup_data) stay silent.
 */
#include "check.h"
#include "test_mm_fixture.h"

static void reserve_and_check(const struct fx_entry *map, size_t count)
{
	CHECK_EQ(fx_reserve(map, count, 0), 0);
	mm_check_invariants(&fx_mm);
}

static const struct finding *only(enum finding_code code)
{
	CHECK_EQ(fx_findings.count, 1);
	if (fx_findings.count != 1) {
		fx_dump_findings();
		return &fx_findings.items[0];
	}
	CHECK_EQ(fx_findings.items[0].code, code);
	return &fx_findings.items[0];
}

/* The scratch array inside the KHO setup_data, as baton forwards it. */
static void scratch_array_in_setup_data(struct boot_info *bi)
{
	bi->setup_data[0].len = 64;
	bi->kho.len = 64;
	bi->kho.scratch_addr = FX_SETUP_DATA + 16 + 32;
}

TEST(clean_handover_has_no_findings)
{
	static const struct fx_entry map[] = {
		{ 0x2200000, 0, true }, { FX_FDT, 0, false },
		{ 0x2400000, 9, false },
	};

	fx_tweak = scratch_array_in_setup_data;
	fx_setup(true);
	CHECK_EQ(range_set_kind_at(&fx_mm.occupied, FX_SETUP_DATA + 48),
		 MM_KIND_SCRATCH_ARRAY);
	reserve_and_check(map, ARRAY_SIZE(map));
	if (fx_findings.count)
		fx_dump_findings();
	CHECK_EQ(fx_findings.count, 0);
}

TEST(preserved_in_scratch)
{
	static const struct fx_entry map[] = { { FX_AREA1 + SZ_1M, 1, false } };
	const struct finding *f;

	fx_setup(true);
	reserve_and_check(map, 1);
	f = only(E_MM_PRESERVED_IN_SCRATCH);
	CHECK_EQ(f->pa, FX_AREA1 + SZ_1M);
	CHECK_STR(f->message,
		  "preserved [0x900000-0x902000) inside scratch area #1");
}

TEST(map_page_in_scratch)
{
	static const struct fx_entry map[] = { { FX_AREA1, 0, true } };

	fx_setup(true);
	reserve_and_check(map, 1);
	CHECK_STR(only(E_MM_MAP_PAGE_IN_SCRATCH)->message,
		  "KHO map page [0x800000-0x801000) inside scratch area #1");
}

TEST(preserved_outside_ram)
{
	static const struct fx_entry map[] = {
		{ 0x9f000, 0, false },		/* straddles RAM/reserved */
		{ 0x4000000, 0, false },	/* ACPI */
	};

	fx_setup(true);
	reserve_and_check(map, 2);
	CHECK_EQ(fx_findings.count, 2);
	CHECK_EQ(fx_count(E_MM_PRESERVED_OUTSIDE_RAM), 2);
	CHECK_STR(fx_findings.items[0].message,
		  "preserved [0x9f000-0xa0000): 0x400 bytes outside e820 RAM");
	CHECK_STR(fx_findings.items[1].message,
		  "preserved [0x4000000-0x4001000): 0x1000 bytes outside e820 RAM");
}

static void initrd_past_scratch(struct boot_info *bi)
{
	bi->initrd_pa = FX_AREA0 + FX_AREA_SIZE - 0x4000;
}

TEST(segment_outside_scratch)
{
	fx_tweak = initrd_past_scratch;
	fx_setup(true);
	reserve_and_check(NULL, 0);
	CHECK_STR(only(W_MM_SEGMENT_OUTSIDE_SCRATCH)->message,
		  "initrd [0x13fc000-0x147c000): 0x7c000 bytes outside scratch");
}

TEST(segments_not_checked_without_handover)
{
	fx_setup(false);
	reserve_and_check(NULL, 0);
	CHECK_EQ(fx_findings.count, 0);
}

TEST(image_overlaps_preserved)
{
	static const struct fx_entry map[] = {
		{ 0x2000000 - SZ_2M, 9, false },	/* fine */
		{ FX_IMAGE + 0x10000, 0, false },
	};
	const struct finding *f;

	fx_setup(true);
	reserve_and_check(map, 2);
	CHECK_EQ(fx_count(E_MM_IMAGE_OVERLAPS_PRESERVED), 1);
	f = &fx_findings.items[0];
	CHECK_EQ(f->code, E_MM_IMAGE_OVERLAPS_PRESERVED);
	CHECK_EQ(f->severity, FINDING_ERROR);
	CHECK_STR(f->message,
		  "baton image overlaps preserved [0x1210000-0x1211000): that data was overwritten when baton was loaded");
	/* The page stays baton's image in the set, and is inside scratch. */
	CHECK_EQ(range_set_kind_at(&fx_mm.occupied, FX_IMAGE + 0x10000),
		 MM_KIND_BATON_IMAGE);
}

TEST(boot_data_overlaps_preserved)
{
	static const struct fx_entry map[] = { { FX_CMDLINE, 0, false } };

	fx_setup(true);
	reserve_and_check(map, 1);
	CHECK_EQ(fx_count(E_MM_SEGMENT_OVERLAPS_PRESERVED), 2);
	CHECK_STR(fx_findings.items[0].message,
		  "command line overlaps preserved [0x13fa000-0x13fa064): overwritten by the kexec load");
	CHECK_STR(fx_findings.items[1].message,
		  "setup_data overlaps preserved [0x13fa100-0x13fa130): overwritten by the kexec load");
}

TEST(preserved_ranges_overlap)
{
	static const struct fx_entry map[] = {
		{ 0x2400000, 9, false },
		{ 0x2401000, 0, false },
	};

	fx_setup(true);
	reserve_and_check(map, 2);
	CHECK_STR(only(W_MM_PRESERVED_OVERLAP)->message,
		  "preserved ranges overlap at [0x2401000-0x2402000)");
}

TEST(map_page_overlaps_preserved)
{
	static const struct fx_entry map[] = {
		{ 0x2400000, 0, true },
		{ 0x2400000, 9, false },
	};

	fx_setup(true);
	reserve_and_check(map, 2);
	CHECK_STR(only(E_MM_MAP_PAGE_OVERLAPS_PRESERVED)->message,
		  "KHO map page overlaps preserved [0x2400000-0x2401000)");
}

TEST(occupants_overlap)
{
	fx_setup(true);
	CHECK_EQ(mm_reserve(&fx_mm, FX_INITRD + 0x7f000, 0x2000,
			    MM_KIND_OLD_PAGE_TABLE), 0);
	CHECK_STR(only(W_MM_OCCUPANT_OVERLAP)->message,
		  "initrd overlaps old page table at [0x137f000-0x1380000)");
}

TEST(allocation_overlaps_late_reservation)
{
	phys_addr_t pa;

	fx_setup(true);
	CHECK_EQ(fx_reserve(NULL, 0, 0), 0);
	CHECK_EQ(mm_alloc(&fx_mm, PAGE_SIZE, 0, 0, MM_NO_MAX, &pa), 0);
	CHECK_EQ(mm_reserve(&fx_mm, pa, PAGE_SIZE, MM_KIND_KEXEC_SEGMENT), 0);
	CHECK_STR(only(E_MM_ALLOC_OVERLAP)->message,
		  "baton allocation overlaps kexec segment at [0x1010000-0x1011000)");
}
