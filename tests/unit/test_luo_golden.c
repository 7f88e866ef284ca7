// SPDX-License-Identifier: MIT
/*
 * Golden vectors from docs/handover-abi.md until real 7.2 captures exist: the
 * §2.10.2 folio bytes, the 7.2 root FDT layout (header, strings block,
 * children newest first, blob-size before preserved-data), luo_ser bytes,
 * block capacities and the kexec-metadata layout.
 */
#include "check.h"
#include "test_luo_util.h"
#include <libfdt.h>

TEST(folio_entry_example_bytes)
{
	static const u8 want[16] = { 0x9a, 0x78, 0x56, 0x34, 0x12, 0x00, 0x30,
				     0x00, 0x07 };
	u8 got[16];

	abi_put_le64(got, memfd_folio_word0(0x123456789AULL, 0x3));
	abi_put_le64(got + 8, 7);
	CHECK_MEM(got, want, 16);
	CHECK_EQ(memfd_folio_pfn(abi_le64(want)), 0x123456789AULL);
	CHECK_EQ(memfd_folio_flags(abi_le64(want)), 3);
}

TEST(capacities)
{
	CHECK_EQ(kho_block_capacity(sizeof(struct luo_session_ser)), 51);
	CHECK_EQ(kho_block_capacity(sizeof(struct luo_file_ser)), 63);
	CHECK_EQ((PAGE_SIZE - 16) / sizeof(struct luo_flb_ser), 63);
	CHECK_EQ((LUO_V1_SESSION_AREA - 8) / sizeof(struct luo_session_ser),
		 819);
	CHECK_EQ(LUO_V1_FILE_AREA / sizeof(struct luo_file_ser), 128);
}

static u32 be32_at(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

TEST(root_fdt_7_2_layout)
{
	static const char strings[] =
		"preserved-memory-map\0compatible\0preserved-data\0blob-size";
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(PROFILE_7_2);
	const u8 *fdt;
	const char *names[3];
	int node, n = 0, len, prop;
	const void *v;

	CHECK(host_scenario_init(s, PROFILE_7_2, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	fdt = host_scenario_ptr(s, s->b.fdt_pa);
	CHECK_EQ(be32_at(fdt), 0xd00dfeed);
	CHECK_EQ(be32_at(fdt + 16), 40);	/* off_mem_rsvmap */
	CHECK_EQ(be32_at(fdt + 20), 17);	/* version */
	CHECK_EQ(be32_at(fdt + 24), 16);	/* last_comp_version */
	CHECK_EQ(be32_at(fdt + 32), sizeof(strings));
	CHECK_MEM(fdt + be32_at(fdt + 12), strings, sizeof(strings));
	CHECK(fdt_totalsize(fdt) <= 4096);
	v = fdt_getprop(fdt, 0, "compatible", &len);
	CHECK_EQ(len, 7);
	CHECK_MEM(v, "kho-v4", 7);
	v = fdt_getprop(fdt, 0, "preserved-memory-map", &len);
	CHECK_EQ(len, 8);
	CHECK_EQ(abi_le64(v), s->b.radix_root);
	fdt_for_each_subnode(node, fdt, 0) {
		const char *pname;

		if (n < 3)
			names[n] = fdt_get_name(fdt, node, NULL);
		n++;
		prop = fdt_first_property_offset(fdt, node);
		fdt_getprop_by_offset(fdt, prop, &pname, &len);
		CHECK_STR(pname, "blob-size");
	}
	CHECK_EQ(n, 3);
	CHECK_STR(names[0], "memblock");
	CHECK_STR(names[1], "LUO");
	CHECK_STR(names[2], "kexec-metadata");
	node = fdt_subnode_offset(fdt, 0, "LUO");
	v = fdt_getprop(fdt, node, "blob-size", &len);
	CHECK_EQ(abi_le64(v), 32);
	v = fdt_getprop(fdt, node, "preserved-data", &len);
	CHECK_MEM(host_scenario_ptr(s, abi_le64(v)), "luo-v5\0\0", 8);
	node = fdt_subnode_offset(fdt, 0, "kexec-metadata");
	v = fdt_getprop(fdt, node, "blob-size", &len);
	CHECK_EQ(abi_le64(v), 73);
	host_scenario_free(s);
	free(s);
}

TEST(root_fdt_kho_v2_has_no_blob_size)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(PROFILE_7_0);
	const u8 *fdt;
	int node, len;

	CHECK(host_scenario_init(s, PROFILE_7_0, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	fdt = host_scenario_ptr(s, s->b.fdt_pa);
	CHECK_MEM(fdt_getprop(fdt, 0, "compatible", &len), "kho-v2", 7);
	node = fdt_subnode_offset(fdt, 0, "LUO");
	CHECK(node >= 0);
	CHECK(fdt_getprop(fdt, node, "preserved-data", &len) != NULL);
	CHECK(fdt_getprop(fdt, node, "blob-size", &len) == NULL);
	host_scenario_free(s);
	free(s);
}

TEST(root_fdt_6_16_sequential)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(PROFILE_6_16);
	const u8 *fdt;
	int node, len;

	CHECK(host_scenario_init(s, PROFILE_6_16, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	fdt = host_scenario_ptr(s, s->b.fdt_pa);
	CHECK_MEM(fdt_getprop(fdt, 0, "compatible", &len), "kho-v1", 7);
	CHECK_EQ(abi_le64(fdt_getprop(fdt, 0, "preserved-memory-map", &len)),
		 s->b.mem_map);
	node = fdt_subnode_offset(fdt, 0, "memblock");
	CHECK(node >= 0);
	CHECK(fdt_getprop(fdt, node, "fdt", &len) != NULL);
	CHECK_EQ(len, 8);
	host_scenario_free(s);
	free(s);
}

/* 52 sessions need two blocks: 51 + 1; the reader takes both. */
TEST(session_blocks_split_at_51)
{
	static struct build_session many[52];
	static char names[52][16];
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(PROFILE_7_2);
	phys_addr_t head, second;
	u8 *blk;
	u32 i;

	for (i = 0; i < 52; i++) {
		snprintf(names[i], sizeof(names[i]), "s%u", i);
		many[i] = (struct build_session){ names[i], NULL, 0 };
	}
	spec.sessions = many;
	spec.session_count = 52;
	CHECK(host_scenario_init(s, PROFILE_7_2, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	host_scenario_parse(s);
	CHECK_EQ(serious_findings(&s->findings), 0);
	CHECK_EQ(s->m->session_count, 52);
	CHECK_STR(s->m->sessions[51].name, "s51");
	head = s->m->sessions_pa;
	blk = host_scenario_ptr(s, head);
	CHECK_EQ(abi_le64(blk + 8), 51);
	second = abi_le64(blk);
	CHECK_EQ(abi_le64((u8 *)host_scenario_ptr(s, second) + 8), 1);
	CHECK_EQ(abi_le64(host_scenario_ptr(s, second)), 0);
	host_scenario_free(s);
	free(s);
}

/* 511 vmalloc pages end the chain with an entirely empty chunk (§2.6.2). */
TEST(vmalloc_chain_ends_with_empty_chunk)
{
	static u64 rec[4096];
	static phys_addr_t pages[511];
	struct host_arena a;
	struct builder_alloc al;
	struct handover_builder b;
	struct kho_vmalloc_ser d;
	const u8 *c0, *c1;
	u32 i;

	CHECK(host_arena_init(&a, 0x100000000ULL, 8 * SZ_1M));
	host_arena_builder_alloc(&a, &al);
	CHECK(handover_builder_init(&b, &al, PROFILE_7_2, rec, 4096));
	for (i = 0; i < 511; i++)
		pages[i] = host_arena_alloc(&a, 0);
	hb_preserve_vmalloc(&b, pages, 511, &d);
	CHECK_EQ(d.total_pages, 511);
	CHECK_EQ(d.flags, KHO_VMALLOC_ALLOC);
	CHECK_EQ(d.order, 0);
	c0 = host_arena_host(&a, d.first);
	CHECK_EQ(abi_le64(c0 + 8 + 8 * 510), pages[510]);
	c1 = host_arena_host(&a, abi_le64(c0));
	CHECK_EQ(abi_le64(c1), 0);
	CHECK_EQ(abi_le64(c1 + 8), 0);
	/* 1 FDT page + 511 data pages + 2 chunk pages preserved */
	CHECK_EQ(b.preserved_count, 1 + 511 + 2);
	host_arena_free(&a);
}
