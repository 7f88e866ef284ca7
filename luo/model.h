/* SPDX-License-Identifier: MIT */
/*
 * The reconstructed handover model: what a parse found, in caller-provided
 * storage with bounded capacities and "truncated" flags. Builders take the
 * same model as their input, so build -> parse round trips compare models.
 */
#ifndef BATON_LUO_MODEL_H
#define BATON_LUO_MODEL_H

#include <baton/types.h>
#include <luo/abi.h>
#include <luo/kho_map.h>
#include <luo/preserved_index.h>
#include <luo/visit_set.h>

#define MODEL_SCRATCH_MAX	64
#define MODEL_SUBTREE_MAX	16
#define MODEL_SUBTREE_KNOWN	5	/* LUO, memblock, kexec-metadata, kho_test, baton */
/* sub-blob nodes a root FDT of one page can hold (12 bytes at least each) */
#define MODEL_SUBTREE_KEYS	(KHO_ROOT_FDT_MAX / 12 + 1)
#define MODEL_NAME_MAX		64	/* FDT node names we keep */

enum kho_version {
	KHO_VERSION_NONE,
	KHO_VERSION_V1,
	KHO_VERSION_V2,
	KHO_VERSION_V3,
	KHO_VERSION_V4,
	KHO_VERSION_UNKNOWN,
};

enum luo_version {
	LUO_VERSION_NONE,	/* no LUO sub-blob */
	LUO_VERSION_V1,		/* FDT era: 6.19 .. 7.1 */
	LUO_VERSION_V5,		/* packed luo_ser: 7.2 */
	LUO_VERSION_UNKNOWN,
};

enum luo_session_format {
	LUO_SESSIONS_NONE,
	LUO_SESSIONS_V1,	/* luo-session-v1: name-only entries (seed) */
	LUO_SESSIONS_V2,	/* luo-session-v2: flat 16-page array */
	LUO_SESSIONS_BLOCKS,	/* luo-v5 kho_block chains */
};

enum memfd_version {
	MEMFD_VERSION_NONE,
	MEMFD_VERSION_V1,
	MEMFD_VERSION_V2,
};

enum release_profile {
	PROFILE_UNKNOWN,
	PROFILE_6_16,		/* 6.16 / 6.17: kho-v1, 512-byte bitmaps */
	PROFILE_6_18,		/* kho-v1, 4096-byte bitmaps, no LUO */
	PROFILE_6_19,		/* + luo-v1 (sessions, no FLB), memfd-v1 */
	PROFILE_7_0,		/* kho-v2, luo-v1 with FLB, memfd-v1 (inferred) */
	PROFILE_7_1,		/* kho-v3, memfd-v2, kexec-metadata (inferred) */
	PROFILE_7_2,		/* 7.2 and 7.3: kho-v4, luo-v5, memfd-v2 */
	PROFILE_COUNT,
};

struct model_scratch {
	phys_addr_t addr;
	u64 size;
};

struct model_subtree {
	char name[MODEL_NAME_MAX];
	phys_addr_t pa;
	u64 size;		/* blob-size, or the sub-FDT totalsize (v1/v2) */
	bool has_size;		/* blob-size present */
	bool known;		/* LUO, memblock, kexec-metadata, kho_test, baton */
};

struct model_folio {
	u64 index;		/* file offset in pages */
	u64 pfn;
	u16 flags;
	s8 order;		/* from the preserved map; -1 unknown */
	bool shared;		/* range used before (E_FOLIO_DUPLICATE): never read */
};

struct model_memfd {
	enum memfd_version version;
	phys_addr_t pa;		/* memfd_luo_ser */
	u64 pos;
	u64 size;
	u32 seals;
	u32 flags;
	u64 nr_folios;
	struct kho_vmalloc_ser folios_desc;
	u32 folio_first;	/* into model->folios */
	u32 folio_count;	/* stored */
	bool folios_truncated;
};

struct model_file {
	char compatible[LUO_FILE_COMPAT_LEN + 1];
	u64 token;
	phys_addr_t data;
	s32 memfd;		/* into model->memfds, -1 if not a memfd */
};

struct model_session {
	char name[LUO_SESSION_NAME_LEN + 1];
	phys_addr_t files_pa;
	u64 count;		/* declared file count */
	u32 file_first;		/* into model->files */
	u32 file_count;		/* stored */
	bool files_truncated;
};

struct model_flb {
	char name[LUO_FLB_NAME_LEN + 1];
	u64 data;
	u64 count;
};

struct model_reserve_mem {
	char name[MODEL_NAME_MAX];
	phys_addr_t start;
	u64 size;
};

struct model_metadata {
	bool present;
	u32 version;
	char previous_release[KHO_METADATA_RELEASE_LEN + 1];
	u32 kexec_count;
};

/* Caller-provided arrays; a NULL array with capacity 0 is fine. */
struct model_storage {
	struct model_session *sessions;
	u32 sessions_cap;
	struct model_file *files;
	u32 files_cap;
	struct model_memfd *memfds;
	u32 memfds_cap;
	struct model_folio *folios;
	u32 folios_cap;
	/* preserved index runs: a first size, grown through grow */
	struct preserved_run *preserved;
	u64 preserved_cap;
	u64 *map_pages;		/* map page addresses (sharing check) */
	u64 map_pages_cap;
	/* scratch for O(n log n) duplicate checks: >= max(sessions_cap,
	 * files_cap) entries; without it they are pairwise (O(n^2)) */
	u64 *work;
	u64 work_cap;
	/*
	 * Visited sets (luo/visit_set.h), in slots: the map walk's (map
	 * pages) and the LUO walks' (blocks, descriptors, vmalloc chunks).
	 * visit_set_slots_for(n) slots remember n structures; a walk that
	 * runs out of slots stops with E_NOT_VALIDATED.
	 */
	u64 *map_visit;
	u64 map_visit_slots;
	u64 *luo_visit;
	u64 luo_visit_slots;
	/*
	 * Optional growth of sessions, files, memfds, folios and work when
	 * they fill (NULL: the capacities above are final), so the model
	 * holds what the handover holds, with no fixed cap: returns room for
	 * new_bytes holding the old_bytes at old (old may be released), or
	 * NULL. A refusal is E_NOT_VALIDATED naming the bytes it needed.
	 */
	void *(*grow)(void *ctx, void *old, u64 old_bytes, u64 new_bytes);
	void *grow_ctx;
};

/* A growth model_grow could not get: what, and how many bytes. */
struct model_grow_refusal {
	const char *what;	/* NULL: none */
	u64 count;		/* entries it wanted room for */
	u64 bytes;
};

struct handover_model {
	/* versions and attribution */
	enum kho_version kho;
	char kho_compatible[32];	/* first string of the root property */
	enum kho_v1_variant v1_variant;
	struct kho_v1_detection v1_detection;
	enum luo_version luo;
	enum luo_session_format session_format;
	bool luo_has_flb_node;		/* luo-v1 with luo-flb (7.0+) */
	u32 luo_subsystems;		/* luo-v1 seed "subsystems" props */
	enum memfd_version memfd;	/* highest memfd version seen */
	u32 memfd_seen;			/* bit (1 << version) per version */
	enum release_profile profile;

	/* x86 record and scratch */
	phys_addr_t fdt_pa;
	u64 fdt_size;
	u32 fdt_totalsize;
	u8 fdt_copy[KHO_ROOT_FDT_MAX] __aligned(8);	/* if unaligned in view */
	struct model_scratch scratch[MODEL_SCRATCH_MAX];
	u32 scratch_count;
	bool scratch_truncated;

	/* preserved-memory map */
	phys_addr_t mem_map;
	struct kho_map_stats map;
	struct preserved_index preserved;	/* sorted runs */
	u64 *map_pages;			/* sorted map page addresses */
	u64 map_page_count;
	u64 map_pages_cap;
	bool map_pages_truncated;
	u64 unaccounted_bytes;
	u64 unaccounted_entries;

	struct model_subtree subtrees[MODEL_SUBTREE_MAX];
	u32 subtree_count;
	u32 subtree_total;		/* every node, stored or not */
	bool subtrees_truncated;
	u64 subtree_keys[MODEL_SUBTREE_KEYS];	/* name duplicate check */

	/* LUO */
	u64 liveupdate_num;
	phys_addr_t luo_pa;
	phys_addr_t sessions_pa;
	phys_addr_t flbs_pa;
	struct model_session *sessions;
	u32 session_count;
	u32 sessions_cap;
	bool sessions_truncated;
	struct model_file *files;
	u32 file_count;
	u32 files_cap;
	struct model_memfd *memfds;
	u32 memfd_count;
	u32 memfds_cap;
	struct model_folio *folios;
	u32 folio_count;
	u32 folios_cap;
	struct model_flb flbs[LUO_FLB_MAX];
	u32 flb_count;
	bool flbs_truncated;

	struct model_reserve_mem reserve_mem[RESERVE_MEM_MAX];
	u32 reserve_mem_count;
	bool reserve_mem_truncated;

	struct model_metadata metadata;

	u64 *work;			/* from model_storage */
	u64 work_cap;
	void *(*grow)(void *ctx, void *old, u64 old_bytes, u64 new_bytes);
	void *grow_ctx;
	u64 grown;			/* growths done */
	u64 merge_buffer;		/* runs of the index sort's buffer
					 * from grow (kho_parse.c) */
	struct model_grow_refusal grow_refused;	/* the first one */
	struct visit_set map_visit;	/* map pages entered by the walk */
	struct visit_set luo_visit;	/* LUO structures entered */
	u64 folio_budget;		/* folio entries left to examine */
	/* work done by luo_parse: each structure is entered once */
	struct {
		u64 blocks;		/* kho_block pages entered */
		u64 entries;		/* session and file entries read */
		u64 memfds;		/* memfd_luo_ser decoded */
		u64 vmalloc_chunks;	/* kho_vmalloc chunk pages entered */
		u64 vmalloc_pages;	/* folio-array pages read */
		u64 folios;		/* folio entries checked */
		u64 folio_searches;	/* of them: index searched, not the
					 * entry after the previous folio's */
	} luo_work;
};

void model_init(struct handover_model *m, const struct model_storage *st);

/*
 * Room for `need` items of item_size in *arr (capacity *cap): true when
 * there is, growing it (doubling, at least to need) through m->grow;
 * false when there is no growth or it was refused (m->grow_refused
 * keeps the first refusal). u32 and u64 capacities have one helper each.
 */
bool model_room32(struct handover_model *m, void *arr, u32 *cap, u64 need,
		  u64 item_size, const char *what);
bool model_room64(struct handover_model *m, void *arr, u64 *cap, u64 need,
		  u64 item_size, const char *what);

const char *kho_version_name(enum kho_version v);
const char *luo_version_name(enum luo_version v);
const char *memfd_version_name(enum memfd_version v);
const char *release_profile_name(enum release_profile p);

/* The versions a profile writes (builders) and attribution (parsers). */
struct profile_versions {
	enum kho_version kho;
	enum kho_v1_variant v1_variant;
	enum luo_version luo;
	enum luo_session_format session_format;
	bool flb;
	enum memfd_version memfd;
	bool metadata;
};

bool release_profile_versions(enum release_profile p,
			      struct profile_versions *out);
/* The profile release major.minor writes; UNKNOWN outside the matrix. */
enum release_profile release_profile_of_release(u32 major, u32 minor);
/*
 * The release that wrote the handover, in its own words: kexec-metadata's
 * previous_release (the writer's uname -r) when the blob is a version baton
 * knows and names one; NULL otherwise, and the content profile is all
 * there is (it cannot tell 7.2 from 7.3).
 */
const char *metadata_written_by(const struct model_metadata *md);
/* "this handover looks like Linux X": best match for what was parsed. */
enum release_profile release_profile_detect(const struct handover_model *m);

/* Folios of one memfd (model order, ascending index when valid). */
static inline const struct model_folio *
model_memfd_folios(const struct handover_model *m, const struct model_memfd *f)
{
	return &m->folios[f->folio_first];
}

#endif
