// SPDX-License-Identifier: MIT
/*
 * Sub-blob pointers off their alignment (issue 18, item 8): the memblock
 * FDT and the kexec-metadata blob moved by 1, 2 and 4 bytes inside their
 * preserved page, pointer moved with them. The hosted build runs under
 * UBSan, so a header field read at the misaligned address aborts the test;
 * it must instead end with exactly one finding, E_POINTER_MISALIGNED for
 * memblock (Linux's libfdt refuses such a blob too), none at all for
 * kexec-metadata (a packed struct, read byte-wise by Linux and by baton).
 */
#include "check.h"
#include "test_luo_util.h"
#include <libfdt.h>

static const u64 deltas[] = { 1, 2, 4 };

/* The sub-blob's node in the root FDT and its pointer property. */
static u8 *sub_blob(struct host_scenario *s, const char *name, int *node,
		    const char **prop, phys_addr_t *pa)
{
	void *fdt = host_scenario_ptr(s, s->b.fdt_pa);
	const void *v;
	int len;

	*node = fdt_subnode_offset(fdt, 0, name);
	*prop = "preserved-data";
	v = fdt_getprop(fdt, *node, *prop, &len);
	if (!v) {
		*prop = "fdt";
		v = fdt_getprop(fdt, *node, *prop, &len);
	}
	if (!v || len != 8)
		return NULL;
	*pa = abi_le64(v);
	return host_scenario_ptr(s, *pa);
}

/*
 * Builds the standard scenario of profile, moves the sub-blob `name`
 * (size bytes, 0: an FDT's totalsize) by delta with its pointer, parses. NULL on a setup failure.
 */
static struct host_scenario *moved_blob(enum release_profile profile,
					const char *name, u32 size, u64 delta,
					phys_addr_t *moved)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(profile);
	struct profile_versions v;
	const char *prop;
	phys_addr_t pa;
	u64 le;
	int node;
	u8 *p;

	release_profile_versions(profile, &v);
	if (!s || !host_scenario_init(s, profile, 64 * SZ_1M) ||
	    !host_scenario_build(s, &spec))
		goto fail;
	s->v1_hint = v.v1_variant;
	p = sub_blob(s, name, &node, &prop, &pa);
	if (p && !size)
		size = fdt_totalsize(p);
	if (!p || (pa & (PAGE_SIZE - 1)) + size + delta > PAGE_SIZE)
		goto fail;
	memmove(p + delta, p, size);
	*moved = pa + delta;
	abi_put_le64(&le, *moved);
	if (fdt_setprop_inplace(host_scenario_ptr(s, s->b.fdt_pa), node, prop,
				&le, 8))
		goto fail;
	host_scenario_parse(s);
	return s;
fail:
	CHECK_FAIL("%s +%llu: scenario setup failed", name,
		   (unsigned long long)delta);
	if (s)
		host_scenario_free(s);
	free(s);
	return NULL;
}

static void memblock_moved(enum release_profile profile)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(deltas); i++) {
		phys_addr_t pa;
		struct host_scenario *s = moved_blob(profile, "memblock", 0,
						     deltas[i], &pa);
		char want[96];

		if (!s)
			return;
		/* kho-v1/v2: the KHO layer reports it, as a sub-FDT */
		snprintf(want, sizeof(want), profile >= PROFILE_7_1 ?
			 "memblock FDT at %#llx not 8-byte aligned" :
			 "sub-FDT \"memblock\" at %#llx not 8-byte aligned",
			 (unsigned long long)pa);
		CHECK_EQ(s->findings.by_severity[FINDING_ERROR], 1);
		CHECK_EQ(s->findings.by_severity[FINDING_WARNING], 0);
		CHECK(finding_list_has(&s->findings, E_POINTER_MISALIGNED));
		CHECK(!finding_list_has(&s->findings, E_MEMBLOCK_INVALID));
		for (u32 j = 0; j < s->findings.count; j++)
			if (s->findings.items[j].code == E_POINTER_MISALIGNED) {
				CHECK_EQ(s->findings.items[j].pa, pa);
				CHECK_STR(s->findings.items[j].message, want);
			}
		/* nothing was read from the blob: no region in the model */
		CHECK_EQ(s->m->reserve_mem_count, 0);
		if (check_failed)
			dump_findings(&s->findings);
		host_scenario_free(s);
		free(s);
	}
}

TEST(memblock_misaligned_kho_v4)
{
	memblock_moved(PROFILE_7_2);
}

/* kho-v2 has no blob-size: the parser sizes the sub-FDT from its header */
TEST(memblock_misaligned_kho_v2)
{
	memblock_moved(PROFILE_7_0);
}

/* kho-v1: the pointer is the subtree's "fdt" property */
TEST(memblock_misaligned_kho_v1)
{
	memblock_moved(PROFILE_6_16);
}

TEST(metadata_misaligned_is_read_bytewise)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(deltas); i++) {
		phys_addr_t pa;
		struct host_scenario *s = moved_blob(PROFILE_7_2,
						     "kexec-metadata",
						     sizeof(struct kho_kexec_metadata_ser),
						     deltas[i], &pa);

		if (!s)
			return;
		CHECK_EQ(s->findings.by_severity[FINDING_ERROR], 0);
		CHECK_EQ(s->findings.by_severity[FINDING_WARNING], 0);
		CHECK(s->m->metadata.present);
		CHECK_EQ(s->m->metadata.version, KHO_METADATA_VERSION);
		CHECK_EQ(s->m->metadata.kexec_count, 3);
		CHECK_STR(s->m->metadata.previous_release,
			  "7.2.13+deb14-amd64");
		if (check_failed)
			dump_findings(&s->findings);
		host_scenario_free(s);
		free(s);
	}
}
