// SPDX-License-Identifier: MIT
/*
 * The report's memory summary filled from a real memory model (the mm
 * tests' fixture machine): the same totals mm_print_summary shows, and the
 * lines and JSON members they become.
 */
#include "check.h"
#include "test_mm_fixture.h"
#include <report/memory_mm.h>

static const struct fx_entry map[] = {
	{ 0x2200000, 0, true }, { 0x2201000, 0, true },
	{ 0x2400000, 9, false }, { 0x2800000, 9, false },
	{ FX_FDT, 0, false }, { 0x3000000, 0, false }, { 0x3001000, 1, false },
};

static char lines[16][200];
static int line_count;

static void collect(void *ctx, const char *text)
{
	if (line_count < 16)
		snprintf(lines[line_count++], sizeof(lines[0]), "%s", text);
}

TEST(memory_from_mm_handover)
{
	struct report_memory mem;
	struct report_input in = { .baton_version = "t", .memory = &mem };
	phys_addr_t pa;

	fx_setup(true);
	CHECK_EQ(fx_reserve(map, ARRAY_SIZE(map), 0), 0);
	CHECK_EQ(mm_alloc(&fx_mm, 3 * PAGE_SIZE, 0, 0, MM_NO_MAX, &pa), 0);
	CHECK(mm_find_top_down(&fx_mm, SZ_1M, SZ_1M, 0, MM_NO_MAX, &pa));
	CHECK_EQ(mm_claim_next_kernel(&fx_mm, pa, SZ_1M), 0);
	report_memory_from_mm(&fx_mm, &mem);
	CHECK_EQ(mem.ram_bytes, 0x3f9fc00);
	CHECK_EQ(mem.scratch_areas, 2);
	CHECK_EQ(mem.scratch_refused, 0);
	CHECK_EQ(mem.scratch_bytes, 0x800000);
	CHECK_EQ(mem.scratch_free_bytes, 0x56a000);
	CHECK_EQ(mem.preserved_entries, 5);
	CHECK_EQ(mem.preserved_ranges, 3);
	CHECK_EQ(mem.preserved_bytes, 0x404000);
	CHECK_EQ(mem.map_bytes, 0x2000);
	CHECK_EQ(mem.baton_bytes, 0x100000 + 0x13000);
	CHECK_EQ(mem.next_kernel_bytes, 0x100000);

	line_count = 0;
	report_human(&in, collect, NULL);
	CHECK_EQ(line_count, 6);
	CHECK_STR(lines[2], "memory: ram 0x3f9fc00 preserved 0x404000 (5 entries, 3 ranges) map 0x2000");
	CHECK_STR(lines[3], "memory: scratch 0x800000 in 2 areas (0 refused) free 0x56a000");
	CHECK_STR(lines[4], "memory: baton 0x113000 next-kernel 0x100000");
}

TEST(memory_from_mm_plain_boot)
{
	struct report_memory mem;

	fx_setup(false);
	CHECK_EQ(fx_reserve(NULL, 0, 0), 0);
	report_memory_from_mm(&fx_mm, &mem);
	CHECK_EQ(mem.scratch_areas, 0);
	CHECK_EQ(mem.scratch_bytes, 0);
	/* Free RAM is not scratch: nothing reported as free scratch. */
	CHECK_EQ(mem.scratch_free_bytes, 0);
	CHECK_EQ(mem.preserved_entries, 0);
	CHECK_EQ(mem.preserved_ranges, 0);
	CHECK_EQ(mem.baton_bytes, FX_IMAGE_SIZE + fx_mm.alloc_bytes);
}
