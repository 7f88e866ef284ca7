/* SPDX-License-Identifier: MIT */
/*
 * Builders: write KHO / LUO / memfd state exactly as the Linux release of a
 * profile writes it (FDT node and property order included), into pages from
 * a caller-provided allocator. Used by tests, fuzz seeds, the scenario
 * producer and the report blob; the parsers read the result back.
 */
#ifndef BATON_HOST_BUILDER_H
#define BATON_HOST_BUILDER_H

#include <luo/model.h>

struct builder_alloc {
	void *ctx;
	/* 2^order zeroed pages aligned to their size; 0 on failure */
	phys_addr_t (*alloc_pages)(void *ctx, unsigned int order);
	/* writable host address of pa (inside an allocated page) */
	void *(*host)(void *ctx, phys_addr_t pa);
};

#define BUILDER_SUBTREE_MAX	32

struct handover_builder {
	struct builder_alloc alloc;
	struct profile_versions v;
	enum release_profile profile;
	u64 *preserved;		/* recorded preservations: pa | order */
	u64 preserved_cap;
	u64 preserved_count;
	bool failed;		/* allocation failed or storage exhausted */
	phys_addr_t fdt_pa;
	phys_addr_t radix_root;	/* kho-v2+: allocated at init */
	phys_addr_t mem_map;	/* what preserved-memory-map points to */
	struct {
		char name[MODEL_NAME_MAX];
		phys_addr_t pa;
		u64 size;
	} subtrees[BUILDER_SUBTREE_MAX];	/* creation order */
	u32 subtree_count;
};

/* Scenario description: what to preserve. */
struct build_memfd {
	const u8 *data;		/* NULL: a generated pattern (see below) */
	u64 size;
	u64 pos;
	u32 seals;		/* memfd-v2 only */
	unsigned int folio_order;
	/* folio pages left as allocated (zero): the caller describes the
	 * contents itself, e.g. as capture patterns for GiB-sized files */
	bool no_content;
};

struct build_file {
	const char *compatible;	/* NULL: the profile's memfd handler */
	u64 token;
	const struct build_memfd *memfd;	/* NULL: data = raw_data */
	u64 raw_data;
};

struct build_session {
	const char *name;
	const struct build_file *files;
	u32 file_count;
};

struct build_flb {
	const char *name;
	u64 data;
	u64 count;
};

struct build_reserve_mem {
	const char *name;
	u64 size;		/* pages are allocated by the builder */
	unsigned int align_order;
};

struct handover_spec {
	enum release_profile profile;
	u64 liveupdate_num;
	const struct build_session *sessions;
	u32 session_count;
	const struct build_flb *flbs;
	u32 flb_count;
	const struct build_reserve_mem *reserve_mem;
	u32 reserve_mem_count;
	const char *previous_release;	/* kexec-metadata (profiles 7.1+) */
	u32 kexec_count;
};

/* The byte the pattern generator puts at file offset off of file `seed`. */
static inline u8 build_pattern_byte(u64 seed, u64 off)
{
	u64 x = (off >> 3) * 0x9e3779b97f4a7c15ULL + seed * 0xbf58476d1ce4e5b9ULL;

	x ^= x >> 29;
	return (u8)(x >> (8 * (off & 7)));
}

bool handover_builder_init(struct handover_builder *b,
			   const struct builder_alloc *alloc,
			   enum release_profile profile, u64 *preserved_storage,
			   u64 preserved_cap);

/* Linux primitives the builders are made of. */
phys_addr_t hb_alloc_pages(struct handover_builder *b, unsigned int order);
void *hb_host(struct handover_builder *b, phys_addr_t pa);
void hb_preserve(struct handover_builder *b, phys_addr_t pa,
		 unsigned int order);
/* kho_preserve_pages: greedy split into naturally aligned orders. */
void hb_preserve_pages(struct handover_builder *b, phys_addr_t pa, u64 pages);
/* kho_alloc_preserve: zeroed, one preserved range of get_order(size). */
phys_addr_t hb_alloc_preserve(struct handover_builder *b, u64 size);
/* kho_add_subtree, byte-exact for the profile's KHO version. */
void hb_add_subtree(struct handover_builder *b, const char *name,
		    phys_addr_t pa, u64 size);
/* kho_preserve_vmalloc of `pages` order-0 pages; fills desc. */
void hb_preserve_vmalloc(struct handover_builder *b, const phys_addr_t *pages,
			 u32 count, struct kho_vmalloc_ser *desc);

/* Whole scenarios. */
bool handover_build(struct handover_builder *b,
		    const struct handover_spec *spec);

/* Writes the preserved-memory map of everything recorded so far. */
bool hb_finish_map(struct handover_builder *b);

/* Stand-alone map builders (tests, bench). Return the map's head pa. */
phys_addr_t kho_radix_build(const struct builder_alloc *a, phys_addr_t root,
			    const u64 *entries, u64 count);
phys_addr_t kho_v1_build(const struct builder_alloc *a,
			 enum kho_v1_variant variant, u64 *entries, u64 count);

#endif
