// SPDX-License-Identifier: MIT
/*
 * The checked handover accessor and the segment view: bounds across
 * windows, preserved coverage through a lookup, alignment, silent probes.
 */
#include "check.h"
#include "test_luo_util.h"
#include <luo/segment_view.h>

static u8 lo[8192], hi[4096];

static bool only_lo_preserved(const void *ctx, phys_addr_t pa, u64 len)
{
	return pa >= 0x10000 && pa + len <= 0x12000;
}

TEST(segment_view_sorted_disjoint)
{
	struct segment_view sv;

	segment_view_init(&sv);
	CHECK(segment_view_add(&sv, 0x20000, hi, sizeof(hi)));
	CHECK(segment_view_add(&sv, 0x10000, lo, sizeof(lo)));
	CHECK(!segment_view_add(&sv, 0x11000, hi, 0x2000));	/* overlaps */
	CHECK(!segment_view_add(&sv, 0x1f000, hi, 0x2000));	/* overlaps */
	CHECK(!segment_view_add(&sv, ~0ULL - 10, hi, 100));	/* wraps */
	CHECK_EQ(sv.view.count, 2);
	CHECK_EQ(sv.windows[0].pa, 0x10000);
	CHECK(phys_map(&sv.view, 0x11ff8, 8) == lo + 0x1ff8);
	CHECK(phys_map(&sv.view, 0x11ff8, 16) == NULL);	/* crosses the end */
}

TEST(accessor_reports_each_failure)
{
	struct segment_view sv;
	struct finding items[8];
	struct finding_list l;
	struct handover_access ha;
	u64 v = 0;

	segment_view_init(&sv);
	segment_view_add(&sv, 0x10000, lo, sizeof(lo));
	segment_view_add(&sv, 0x20000, hi, sizeof(hi));
	finding_list_init(&l, items, 8);
	handover_access_init(&ha, &sv.view, &l);
	abi_put_le64(lo + 8, 0x1234);
	CHECK(ha_read(&ha, 0x10008, &v, 8, "x"));
	CHECK_EQ(v, 0x1234);
	CHECK(ha_map(&ha, 0x12000, 8, "gap") == NULL);
	CHECK_EQ(l.count, 1);
	CHECK_EQ(items[0].code, E_POINTER_UNBACKED);
	CHECK_EQ(items[0].pa, 0x12000);
	CHECK_STR(items[0].message, "gap: [0x12000, +0x8) not in memory");
	/* no lookup installed: coverage is not checked */
	CHECK(ha_map_preserved(&ha, 0x20000, 8, "hi") != NULL);
	CHECK_EQ(l.count, 1);
	ha.preserved = only_lo_preserved;
	CHECK(ha_map_preserved(&ha, 0x10000, 0x2000, "lo") != NULL);
	CHECK_EQ(l.count, 1);
	CHECK(ha_map_preserved(&ha, 0x20000, 8, "hi") != NULL);
	CHECK_EQ(l.count, 2);
	CHECK_EQ(items[1].code, E_POINTER_NOT_PRESERVED);
	CHECK(!ha_check_aligned(&ha, 0x10004, 8, E_POINTER_MISALIGNED, "p"));
	CHECK(ha_check_aligned(&ha, 0x10008, 8, E_POINTER_MISALIGNED, "p"));
	CHECK_EQ(l.count, 3);
	CHECK_EQ(items[2].code, E_POINTER_MISALIGNED);
	/* silent accessor: same answers, no findings */
	ha.findings = NULL;
	CHECK(ha_map(&ha, 0x30000, 8, "quiet") == NULL);
	CHECK_EQ(l.count, 3);
}

/* A full finding list still counts what it cannot store. */
TEST(accessor_full_list_counts)
{
	struct segment_view sv;
	struct finding items[1];
	struct finding_list l;
	struct handover_access ha;

	segment_view_init(&sv);
	finding_list_init(&l, items, 1);
	handover_access_init(&ha, &sv.view, &l);
	ha_map(&ha, 0x1000, 8, "a");
	ha_map(&ha, 0x2000, 8, "b");
	ha_map(&ha, 0x3000, 8, "c");
	CHECK_EQ(l.count, 1);
	CHECK_EQ(l.dropped, 2);
	CHECK_EQ(l.by_severity[FINDING_ERROR], 3);
}
