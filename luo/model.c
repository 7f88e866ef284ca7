// SPDX-License-Identifier: MIT
/*
 * Model bookkeeping: initialisation over caller storage, version names and
 * the release profiles of §1 (which versions each Linux release writes, and
 * the reverse attribution).
 */
#include <luo/model.h>
#include <string.h>

void model_init(struct handover_model *m, const struct model_storage *st)
{
	memset(m, 0, sizeof(*m));
	if (!st) {
		visit_set_init(&m->map_visit, NULL, 0);
		visit_set_init(&m->luo_visit, NULL, 0);
		return;
	}
	m->sessions = st->sessions;
	m->sessions_cap = st->sessions_cap;
	m->files = st->files;
	m->files_cap = st->files_cap;
	m->memfds = st->memfds;
	m->memfds_cap = st->memfds_cap;
	m->folios = st->folios;
	m->folios_cap = st->folios_cap;
	m->map_pages = st->map_pages;
	m->map_pages_cap = st->map_pages_cap;
	m->work = st->work;
	m->work_cap = st->work_cap;
	m->grow = st->grow;
	m->grow_ctx = st->grow_ctx;
	visit_set_init(&m->map_visit, st->map_visit, st->map_visit_slots);
	visit_set_init(&m->luo_visit, st->luo_visit, st->luo_visit_slots);
	/* the LUO walks' set grows with what they find (the map's is sized
	 * from the map pages mm counted) */
	m->luo_visit.grow = st->grow;
	m->luo_visit.grow_ctx = st->grow_ctx;
	preserved_index_init(&m->preserved, st->preserved, st->preserved_cap);
	preserved_index_set_grow(&m->preserved, st->grow, st->grow_ctx);
}

bool model_room64(struct handover_model *m, void *arr, u64 *cap, u64 need,
		  u64 item_size, const char *what)
{
	void **p = arr;
	u64 want = MAX(need, *cap > UINT64_MAX / 2 ? UINT64_MAX : 2 * *cap);
	void *grown;

	if (need <= *cap && *p)
		return true;
	want = MAX(want, 64);
	if (!m->grow || m->grow_refused.what ||
	    want > UINT64_MAX / item_size)
		goto refused;
	grown = m->grow(m->grow_ctx, *p, *p ? *cap * item_size : 0,
			want * item_size);
	if (!grown)
		goto refused;
	*p = grown;
	*cap = want;
	m->grown++;
	return true;
refused:
	/* one refusal stops all growth: the first names what was needed */
	if (m->grow && !m->grow_refused.what)
		m->grow_refused = (struct model_grow_refusal){
			.what = what, .count = want,
			.bytes = want > UINT64_MAX / item_size ?
				 UINT64_MAX : want * item_size,
		};
	return false;
}

bool model_room32(struct handover_model *m, void *arr, u32 *cap, u64 need,
		  u64 item_size, const char *what)
{
	u64 c = *cap;
	bool ok;

	if (need > UINT32_MAX)
		return false;
	ok = model_room64(m, arr, &c, need, item_size, what);
	*cap = (u32)MIN(c, (u64)UINT32_MAX);
	return ok;
}

const char *kho_version_name(enum kho_version v)
{
	static const char *const names[] = {
		"none", "kho-v1", "kho-v2", "kho-v3", "kho-v4", "unknown",
	};

	return (unsigned int)v < ARRAY_SIZE(names) ? names[v] : "?";
}

const char *luo_version_name(enum luo_version v)
{
	static const char *const names[] = {
		"none", "luo-v1", "luo-v5", "unknown",
	};

	return (unsigned int)v < ARRAY_SIZE(names) ? names[v] : "?";
}

const char *memfd_version_name(enum memfd_version v)
{
	static const char *const names[] = { "none", "memfd-v1", "memfd-v2" };

	return (unsigned int)v < ARRAY_SIZE(names) ? names[v] : "?";
}

const char *release_profile_name(enum release_profile p)
{
	static const char *const names[] = {
		"unknown", "6.16/6.17", "6.18", "6.19", "7.0", "7.1", "7.2/7.3",
	};

	return (unsigned int)p < ARRAY_SIZE(names) ? names[p] : "?";
}

/*
 * 7.0 and 7.1 are inferred (docs/handover-abi.md §1.1, §7): FLB in 7.0, the
 * radix tree most likely in 7.0/7.1, memfd-v2 / kho-v3 / kexec-metadata in
 * 7.1. baton writes 7.0 as kho-v2 + memfd-v1 and 7.1 as kho-v3 + memfd-v2.
 * 7.3 writes every byte as 7.2 does (7.3.4 read against 7.2.13), so one
 * profile, "7.2/7.3", stands for both: content cannot tell them apart,
 * only kexec-metadata's previous_release can.
 */
static const struct profile_versions profiles[PROFILE_COUNT] = {
	[PROFILE_6_16] = { KHO_VERSION_V1, KHO_V1_BITMAP_512, LUO_VERSION_NONE,
			   LUO_SESSIONS_NONE, false, MEMFD_VERSION_NONE, false },
	[PROFILE_6_18] = { KHO_VERSION_V1, KHO_V1_BITMAP_4096, LUO_VERSION_NONE,
			   LUO_SESSIONS_NONE, false, MEMFD_VERSION_NONE, false },
	[PROFILE_6_19] = { KHO_VERSION_V1, KHO_V1_BITMAP_4096, LUO_VERSION_V1,
			   LUO_SESSIONS_V2, false, MEMFD_VERSION_V1, false },
	[PROFILE_7_0] = { KHO_VERSION_V2, KHO_V1_VARIANT_UNKNOWN,
			  LUO_VERSION_V1, LUO_SESSIONS_V2, true,
			  MEMFD_VERSION_V1, false },
	[PROFILE_7_1] = { KHO_VERSION_V3, KHO_V1_VARIANT_UNKNOWN,
			  LUO_VERSION_V1, LUO_SESSIONS_V2, true,
			  MEMFD_VERSION_V2, true },
	[PROFILE_7_2] = { KHO_VERSION_V4, KHO_V1_VARIANT_UNKNOWN,
			  LUO_VERSION_V5, LUO_SESSIONS_BLOCKS, true,
			  MEMFD_VERSION_V2, true },
};

bool release_profile_versions(enum release_profile p,
			      struct profile_versions *out)
{
	if (p <= PROFILE_UNKNOWN || p >= PROFILE_COUNT)
		return false;
	*out = profiles[p];
	return true;
}

/*
 * The matrix by release (docs/handover-abi.md §1.2): 6.17 writes kho-v1
 * like 6.16 (its bitmap size changed within 6.17-stable, which a release
 * number cannot say); 7.3 writes what 7.2 writes. UNKNOWN before 6.16 and
 * after 7.3.
 */
enum release_profile release_profile_of_release(u32 major, u32 minor)
{
	if (major == 6) {
		switch (minor) {
		case 16:
		case 17:
			return PROFILE_6_16;
		case 18:
			return PROFILE_6_18;
		case 19:
			return PROFILE_6_19;
		}
	} else if (major == 7) {
		switch (minor) {
		case 0:
			return PROFILE_7_0;
		case 1:
			return PROFILE_7_1;
		case 2:
		case 3:
			return PROFILE_7_2;
		}
	}
	return PROFILE_UNKNOWN;
}

const char *metadata_written_by(const struct model_metadata *md)
{
	if (!md->present || md->version != KHO_METADATA_VERSION ||
	    !md->previous_release[0])
		return NULL;
	return md->previous_release;
}

enum release_profile release_profile_detect(const struct handover_model *m)
{
	switch (m->kho) {
	case KHO_VERSION_V4:
		return PROFILE_7_2;
	case KHO_VERSION_V3:
		return PROFILE_7_1;
	case KHO_VERSION_V2:
		if (m->memfd == MEMFD_VERSION_V2)
			return PROFILE_7_1;
		return PROFILE_7_0;
	case KHO_VERSION_V1:
		if (m->luo == LUO_VERSION_V1)
			return m->luo_has_flb_node ? PROFILE_7_0 : PROFILE_6_19;
		if (m->v1_variant == KHO_V1_BITMAP_512)
			return PROFILE_6_16;
		return PROFILE_6_18;
	default:
		return PROFILE_UNKNOWN;
	}
}
