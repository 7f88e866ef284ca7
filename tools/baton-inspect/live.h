/* SPDX-License-Identifier: MIT */
/*
 * `baton-inspect live`: what live.c reads from a KHO debugfs directory
 * and live_print.c prints, as human lines or as baton's JSON schema with
 * null for every value that needs physical memory.
 */
#ifndef BATON_INSPECT_LIVE_H
#define BATON_INSPECT_LIVE_H

#include <baton/findings.h>
#include <luo/abi.h>
#include <luo/model.h>

#define LIVE_SUBTREES_MAX	MODEL_SUBTREE_MAX
#define LIVE_FINDINGS_MAX	64

struct live_subtree {
	char name[MODEL_NAME_MAX];
	u64 pa;			/* preserved-data (kho-v1: fdt) */
	u64 blob_size;
	bool has_pa;
	bool has_size;
	bool known;		/* a name baton decodes */
	bool file_present;	/* SIDE/sub_fdts/NAME exists */
	size_t file_bytes;
};

/* One side: in/ (the handover this kernel got) or out/ (the next one). */
struct live_side {
	const char *name;	/* "in", "out" */
	bool present;		/* SIDE/fdt exists */
	bool complete;		/* ... and is a whole FDT */
	size_t bytes;
	char compatible[MODEL_NAME_MAX];
	u64 mem_map;
	struct live_subtree subtrees[LIVE_SUBTREES_MAX];
	u32 subtree_count;
	bool subtrees_truncated;
};

enum live_luo_kind {
	LIVE_LUO_NONE,		/* no in/sub_fdts/LUO */
	LIVE_LUO_V5,		/* the 32-byte luo_ser root */
	LIVE_LUO_FDT,		/* luo-v1: an FDT */
	LIVE_LUO_INVALID,	/* says "luo-v..." but not luo-v5, or short */
	LIVE_LUO_CONSUMED,	/* no LUO root at all: freed and reused */
};

struct live_luo {
	enum live_luo_kind kind;
	enum luo_version version;
	char compatible[MODEL_NAME_MAX];
	u64 pa;
	u64 liveupdate_num;
	u64 sessions_pa;
	u64 flbs_pa;
};

struct live_report {
	const char *dir;
	struct live_side in;
	struct live_side out;
	enum kho_version kho;
	struct live_luo luo;		/* in/sub_fdts/LUO */
	struct live_luo out_luo;	/* out/sub_fdts/LUO (no findings) */
	struct model_metadata metadata;
	struct model_reserve_mem reserve_mem[RESERVE_MEM_MAX];
	u32 reserve_mem_count;
	bool memblock_present;
	struct model_scratch scratch[MODEL_SCRATCH_MAX];
	u32 scratch_count;
	bool scratch_known;	/* out/scratch_phys and scratch_len read */
	bool scratch_truncated;
	struct finding items[LIVE_FINDINGS_MAX];
	struct finding_list findings;
};

/* Fills r from dir; false (message printed) when in/fdt is unusable. */
bool live_read(struct live_report *r, const char *dir);

void live_print_human(const struct live_report *r);
void live_print_json(const struct live_report *r, bool pretty);

#endif
