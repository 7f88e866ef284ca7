// SPDX-License-Identifier: MIT
/*
 * Sub-blobs of the KHO root FDT beyond what the model stores: every one is
 * still validated (preserved, outside scratch, unique by full name), the
 * known ones (LUO, memblock, kexec-metadata) are always parsed, and
 * misaligned sub-FDT pointers are findings, not faults.
 */
#include "check.h"
#include "test_luo_util.h"
#include <libfdt.h>

#define EXTRA_BLOBS	16	/* unknown sub-blobs added before LUO */

/*
 * Unknown sub-blobs: their pages are preserved before the map is written,
 * the nodes are added afterwards, in place, as Linux adds late subtrees:
 * fdt_add_subnode puts each new node first, so these come before LUO.
 */
struct extra_blobs {
	phys_addr_t pa[EXTRA_BLOBS];
	u32 n;
};

static void preserve_unknown_blobs(struct host_scenario *s,
				   struct extra_blobs *x, u32 n)
{
	for (x->n = 0; x->n < n; x->n++)
		x->pa[x->n] = hb_alloc_preserve(&s->b, 64);
}

static void add_unknown_blobs(struct host_scenario *s,
			      const struct extra_blobs *x)
{
	char name[16];
	u32 i;

	for (i = 0; i < x->n; i++) {
		snprintf(name, sizeof(name), "vendor-%02u", i % 100);
		hb_add_subtree(&s->b, name, x->pa[i], 64);
	}
	CHECK(!s->b.failed);
}

static struct host_scenario *scenario_with_blobs(enum release_profile p,
						 u32 n)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(p);
	struct extra_blobs x;

	CHECK(host_scenario_init(s, p, 64 * SZ_1M));
	preserve_unknown_blobs(s, &x, n);
	CHECK(host_scenario_build(s, &spec));
	add_unknown_blobs(s, &x);
	return s;
}

static void *root_fdt(struct host_scenario *s)
{
	return host_scenario_ptr(s, s->b.fdt_pa);
}

static void set_blob_pa(struct host_scenario *s, const char *name,
			phys_addr_t pa)
{
	void *fdt = root_fdt(s);
	const char *prop = s->b.v.kho == KHO_VERSION_V1 ?
			   KHO_PROP_SUBTREE_FDT : KHO_PROP_PRESERVED_DATA;
	u64 v = pa;

	CHECK_EQ(fdt_setprop_inplace(fdt, fdt_subnode_offset(fdt, 0, name),
				     prop, &v, sizeof(v)), 0);
}

static struct host_scenario *many_blobs_scenario(void)
{
	struct host_scenario *s = scenario_with_blobs(PROFILE_7_2, EXTRA_BLOBS);
	void *fdt = root_fdt(s);

	/* the unknown blobs really come first */
	CHECK_STR(fdt_get_name(fdt, fdt_first_subnode(fdt, 0), NULL),
		  "vendor-15");
	return s;
}

static void done(struct host_scenario *s)
{
	host_scenario_free(s);
	free(s);
}

/* 16 unknown blobs before LUO: LUO, memblock and metadata still parsed. */
TEST(known_blobs_parsed_beyond_model_room)
{
	struct host_scenario *s = many_blobs_scenario();

	host_scenario_parse(s);
	CHECK_EQ(s->m->subtree_total, EXTRA_BLOBS + 3);
	/* unknown ones fill the room left for the known ones */
	CHECK_EQ(s->m->subtree_count, MODEL_SUBTREE_MAX - MODEL_SUBTREE_KNOWN + 3);
	CHECK(s->m->subtrees_truncated);
	CHECK(model_find_subtree(s->m, KHO_SUBTREE_LUO));
	CHECK(model_find_subtree(s->m, KHO_SUBTREE_MEMBLOCK));
	CHECK(model_find_subtree(s->m, KHO_SUBTREE_METADATA));
	CHECK_EQ(s->m->luo, LUO_VERSION_V5);
	CHECK_EQ(s->m->session_count, 2);
	CHECK_EQ(s->m->reserve_mem_count, 1);
	CHECK(s->m->metadata.present);
	CHECK_EQ(finding_list_count_code(&s->findings, W_MODEL_TRUNCATED), 1);
	CHECK_EQ(s->findings.by_severity[FINDING_ERROR], 0);
	if (s->findings.by_severity[FINDING_ERROR])
		dump_findings(&s->findings);
	done(s);
}

/* The case: LUO beyond the room and unbacked must be an error. */
TEST(unbacked_luo_beyond_model_room_is_an_error)
{
	struct host_scenario *s = many_blobs_scenario();

	set_blob_pa(s, KHO_SUBTREE_LUO, HOST_DAMAGE_BAD_PA);
	host_scenario_parse(s);
	CHECK_EQ(s->m->luo_pa, HOST_DAMAGE_BAD_PA);
	CHECK(finding_list_has(&s->findings, E_POINTER_UNBACKED));
	CHECK(s->findings.by_severity[FINDING_ERROR] >= 1);
	done(s);
}

/* A blob the model does not store is still checked for preservation. */
TEST(unstored_blob_still_checked)
{
	struct host_scenario *s = many_blobs_scenario();
	phys_addr_t spare;
	struct host_damage d;
	u32 i;
	bool named = false;

	host_scenario_damage(s, &d);
	spare = host_damage_spare_page(&d);
	set_blob_pa(s, "vendor-00", spare);
	host_scenario_parse(s);
	for (i = 0; i < s->m->subtree_count; i++)
		CHECK(strcmp(s->m->subtrees[i].name, "vendor-00"));
	for (i = 0; i < s->findings.count; i++)
		named |= s->findings.items[i].code == E_POINTER_NOT_PRESERVED &&
			 s->findings.items[i].pa == spare;
	CHECK(named);
	CHECK_EQ(s->findings.by_severity[FINDING_ERROR], 1);
	done(s);
}

static void rename_blob(struct host_scenario *s, const char *from,
			const char *to)
{
	void *fdt = root_fdt(s);

	CHECK_EQ(fdt_open_into(fdt, fdt, PAGE_SIZE), 0);
	CHECK_EQ(fdt_set_name(fdt, fdt_subnode_offset(fdt, 0, from), to), 0);
	CHECK_EQ(fdt_pack(fdt), 0);
}

#define LONG63 "vendor-blob-with-a-name-much-longer-than-sixty-three-bytes-xxxx"

/* Names are compared in full: a shared 63-byte prefix is no duplicate. */
TEST(long_names_compared_in_full)
{
	struct host_scenario *s = scenario_with_blobs(PROFILE_7_2, 3);

	CHECK_EQ(strlen(LONG63), 63);
	rename_blob(s, "vendor-00", LONG63 "-one");
	rename_blob(s, "vendor-01", LONG63 "-two");
	host_scenario_parse(s);
	CHECK_EQ(finding_list_count_code(&s->findings, E_SUBTREE_DUPLICATE), 0);
	CHECK_EQ(s->findings.by_severity[FINDING_ERROR], 0);

	rename_blob(s, "vendor-02", LONG63 "-one");
	host_scenario_parse(s);
	CHECK_EQ(finding_list_count_code(&s->findings, E_SUBTREE_DUPLICATE), 1);
	done(s);
}

/* 32-bit FNV-1a gives both 0x6e662db3 (found by brute force). */
#define COLLIDE_A	"blob-ipfo"
#define COLLIDE_B	"blob-1rja"

/* Names whose hashes collide are not duplicates. */
TEST(hash_collision_is_not_a_duplicate)
{
	struct host_scenario *s = scenario_with_blobs(PROFILE_7_2, 2);

	rename_blob(s, "vendor-00", COLLIDE_A);
	rename_blob(s, "vendor-01", COLLIDE_B);
	host_scenario_parse(s);
	CHECK_EQ(finding_list_count_code(&s->findings, E_SUBTREE_DUPLICATE), 0);
	done(s);
}

/*
 * kho-v2 carries no blob-size: the size comes from the sub-FDT header at a
 * handover pointer, which may be misaligned. Copied out, not faulted on.
 */
TEST(misaligned_sub_fdt_on_kho_v2)
{
	struct host_scenario *s = scenario_with_blobs(PROFILE_7_0, 1);
	const struct model_subtree *t;

	host_scenario_parse(s);
	t = model_find_subtree(s->m, "vendor-00");
	CHECK(t);
	if (t)
		set_blob_pa(s, "vendor-00", t->pa + 3);
	host_scenario_parse(s);
	t = model_find_subtree(s->m, "vendor-00");
	CHECK(t && t->size == 0);
	CHECK_EQ(finding_list_count_code(&s->findings, E_POINTER_MISALIGNED), 1);
	done(s);
}
