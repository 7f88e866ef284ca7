// SPDX-License-Identifier: MIT
/*
 * The unreleased luo-v1 seed variants: a luo-session-v1 node with
 * name-only session entries and a subsystems-v1 node with one u64
 * property per subsystem (written by hand: no builder writes them).
 */
#include "check.h"
#include "test_luo_util.h"
#include <libfdt.h>

TEST(luo_session_v1_and_subsystems)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(PROFILE_6_19);
	phys_addr_t fdt_pa, area;
	u64 num = 2, a = 0x1111, b = 0x2222;
	void *fdt;
	u8 *p;
	int err = 0;

	spec.sessions = NULL;
	spec.session_count = 0;
	CHECK(host_scenario_init(s, PROFILE_6_19, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	s->v1_hint = KHO_V1_BITMAP_4096;
	fdt_pa = s->b.subtrees[0].pa;		/* LUO is the first sub-blob */
	CHECK_STR(s->b.subtrees[0].name, "LUO");
	fdt = host_scenario_ptr(s, fdt_pa);
	area = abi_le64(fdt_getprop(fdt, fdt_subnode_offset(fdt, 0,
			"luo-session"), "luo-session-header", &err));
	p = host_scenario_ptr(s, area);
	abi_put_le64(p, 3);
	memcpy(p + 8, "one", 4);
	memcpy(p + 8 + 64, "two", 4);
	memcpy(p + 8 + 128, "three", 6);
	err = 0;
	err |= fdt_create(fdt, 4096);
	err |= fdt_finish_reservemap(fdt);
	err |= fdt_begin_node(fdt, "");
	err |= fdt_property_string(fdt, "compatible", "luo-v1");
	err |= fdt_property(fdt, "liveupdate-number", &num, 8);
	err |= fdt_begin_node(fdt, "luo-session");
	err |= fdt_property_string(fdt, "compatible", "luo-session-v1");
	err |= fdt_property(fdt, "luo-session-header", &area, 8);
	err |= fdt_end_node(fdt);
	err |= fdt_begin_node(fdt, "subsystems");
	err |= fdt_property_string(fdt, "compatible", "subsystems-v1");
	err |= fdt_property(fdt, "iommu", &a, 8);
	err |= fdt_property(fdt, "kvm", &b, 8);
	err |= fdt_end_node(fdt);
	err |= fdt_end_node(fdt);
	err |= fdt_finish(fdt);
	CHECK_EQ(err, 0);
	host_scenario_parse(s);
	if (serious_findings(&s->findings))
		dump_findings(&s->findings);
	CHECK_EQ(serious_findings(&s->findings), 0);
	CHECK_EQ(s->m->luo, LUO_VERSION_V1);
	CHECK_EQ(s->m->session_format, LUO_SESSIONS_V1);
	CHECK_EQ(s->m->session_count, 3);
	CHECK_STR(s->m->sessions[2].name, "three");
	CHECK_EQ(s->m->luo_subsystems, 2);
	CHECK_EQ(s->m->liveupdate_num, 2);
	host_scenario_free(s);
	free(s);
}
