// SPDX-License-Identifier: MIT
/*
 * `baton-inspect live`: reads a KHO debugfs directory (in/fdt,
 * in/sub_fdts/<name>, out/...) into a struct live_report: the root FDTs,
 * their subtrees and the sub-blobs that are self-contained
 * (kexec-metadata, the LUO root, memblock), checked with baton's finding
 * codes and messages. Everything behind a physical pointer is named, not
 * followed (live_print.c says so).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libfdt.h>
#include "inspect.h"
#include "live.h"

#define LIVE_FILE_MAX	(1u << 20)

/* A whole debugfs file (at most LIVE_FILE_MAX bytes); NULL if unreadable. */
static u8 *read_file(const char *dir, const char *name, size_t *size)
{
	char path[4096];
	FILE *f;
	u8 *buf;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	buf = malloc(LIVE_FILE_MAX + 1);
	if (buf)
		*size = fread(buf, 1, LIVE_FILE_MAX, f);
	fclose(f);
	return buf;
}

static bool fdt_usable(const u8 *buf, size_t size)
{
	return size >= 64 && !fdt_check_header(buf) &&
	       fdt_totalsize(buf) <= size;
}

static void copy_compatible(char *dst, const void *fdt, int node)
{
	int len;
	const char *c = fdt_getprop(fdt, node, "compatible", &len);

	dst[0] = 0;
	if (c && len > 0 && memchr(c, 0, len))
		snprintf(dst, MODEL_NAME_MAX, "%s", c);
}

/* KHO writes its u64 properties in CPU (little-endian) order, not FDT's. */
static bool prop_u64(const void *fdt, int node, const char *name, u64 *out)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len != 8)
		return false;
	*out = abi_le64(p);
	return true;
}

static enum kho_version kho_version_of(const char *compat)
{
	static const char *const names[] = {
		KHO_COMPAT_V1, KHO_COMPAT_V2, KHO_COMPAT_V3, KHO_COMPAT_V4,
	};
	u32 i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(compat, names[i]))
			return KHO_VERSION_V1 + i;
	return KHO_VERSION_UNKNOWN;
}

static bool subtree_known(const char *name)
{
	return !strcmp(name, KHO_SUBTREE_LUO) ||
	       !strcmp(name, KHO_SUBTREE_MEMBLOCK) ||
	       !strcmp(name, KHO_SUBTREE_METADATA) ||
	       !strcmp(name, KHO_SUBTREE_TEST);
}

/* The self-contained kexec-metadata, checked as baton's metadata_parse. */
static void read_metadata(struct live_report *r, const struct live_subtree *t,
			  const u8 *b, size_t size)
{
	struct model_metadata *md = &r->metadata;
	const struct kho_kexec_metadata_ser *ser = (const void *)b;

	if (size < sizeof(*ser)) {
		finding_add(&r->findings, W_METADATA_INVALID, t->pa,
			    "kexec-metadata: %zu bytes < 73", size);
		return;
	}
	md->present = true;
	md->version = ABI_LE32(b, struct kho_kexec_metadata_ser, version);
	md->kexec_count = ABI_LE32(b, struct kho_kexec_metadata_ser,
				   kexec_count);
	if (md->version != KHO_METADATA_VERSION)
		finding_add(&r->findings, W_METADATA_INVALID, t->pa,
			    "kexec-metadata version %u", md->version);
	if (!memchr(ser->previous_release, 0, KHO_METADATA_RELEASE_LEN))
		finding_add(&r->findings, W_METADATA_INVALID, t->pa,
			    "kexec-metadata release not NUL-terminated");
	else
		snprintf(md->previous_release, sizeof(md->previous_release),
			 "%s", ser->previous_release);
	if (!md->kexec_count)
		finding_add(&r->findings, W_METADATA_INVALID, t->pa,
			    "kexec-metadata kexec_count is 0");
}

/*
 * The LUO root: luo-v5's 32 bytes, or a luo-v1 FDT (arrays elsewhere).
 * Findings only for the incoming one (out: l is r->out_luo).
 */
static void read_luo(struct live_report *r, struct live_luo *l,
		     const struct live_subtree *t, const u8 *b, size_t size)
{
	struct finding_list quiet, *f = &r->findings;
	struct finding none[1];

	if (l != &r->luo) {
		finding_list_init(&quiet, none, 0);
		f = &quiet;
	}
	l->pa = t->pa;
	if (fdt_usable(b, size)) {
		l->kind = LIVE_LUO_FDT;
		copy_compatible(l->compatible, b, 0);
		l->version = strcmp(l->compatible, LUO_V1_COMPAT) ?
			     LUO_VERSION_UNKNOWN : LUO_VERSION_V1;
		return;
	}
	l->kind = LIVE_LUO_INVALID;
	l->version = LUO_VERSION_UNKNOWN;
	if (size < sizeof(struct luo_ser)) {
		finding_add(f, E_LUO_BLOB_SIZE, t->pa,
			    "LUO blob %zu bytes < 32 and not an FDT", size);
		return;
	}
	memcpy(l->compatible, b, LUO_COMPAT_FIELD);
	l->compatible[LUO_COMPAT_FIELD] = 0;
	/*
	 * Linux 7.2 reads the incoming root at early boot and frees it, so by
	 * the time user space looks the page is usually reused: anything not
	 * even starting "luo-v" is taken for that, not for a bad handover.
	 */
	if (memcmp(b, "luo-v", 5)) {
		l->kind = LIVE_LUO_CONSUMED;
		l->compatible[0] = 0;
		return;
	}
	if (memcmp(b, LUO_V5_COMPAT, sizeof(LUO_V5_COMPAT))) {
		finding_add(f, E_LUO_UNKNOWN_VERSION, t->pa,
			    "LUO compatible \"%.8s\" is not luo-v5",
			    (const char *)b);
		return;
	}
	l->kind = LIVE_LUO_V5;
	l->version = LUO_VERSION_V5;
	l->liveupdate_num = ABI_LE64(b, struct luo_ser, liveupdate_num);
	l->sessions_pa = ABI_LE64(b, struct luo_ser, sessions_pa);
	l->flbs_pa = ABI_LE64(b, struct luo_ser, flbs_pa);
	if (!l->liveupdate_num)
		finding_add(f, W_LUO_NUM_ZERO, t->pa,
			    "liveupdate_num is 0");
}

static void reserve_mem_node(struct live_report *r, const void *fdt, int node,
			     u64 blob)
{
	struct model_reserve_mem m = { 0 };
	const char *name = fdt_get_name(fdt, node, NULL);
	u64 start = 0, size = 0;

	if (!name)
		return;
	snprintf(m.name, sizeof(m.name), "%s", name);
	if (strlen(name) >= RESERVE_MEM_NAME_MAX)
		finding_add(&r->findings, E_MEMBLOCK_INVALID, blob,
			    "reserve_mem \"%s\": name longer than 15", m.name);
	if (fdt_node_check_compatible(fdt, node, RESERVE_MEM_COMPAT))
		finding_add(&r->findings, E_MEMBLOCK_INVALID, blob,
			    "reserve_mem \"%s\": not reserve-mem-v1", m.name);
	if (!prop_u64(fdt, node, "start", &start) ||
	    !prop_u64(fdt, node, "size", &size)) {
		finding_add(&r->findings, E_MEMBLOCK_INVALID, blob,
			    "reserve_mem \"%s\": start/size missing or not 8 bytes",
			    m.name);
		return;
	}
	m.start = start;
	m.size = size;
	if (r->reserve_mem_count < RESERVE_MEM_MAX)
		r->reserve_mem[r->reserve_mem_count++] = m;
}

/* memblock-v1: an FDT of reserve_mem regions, as baton's memblock_parse. */
static void read_memblock(struct live_report *r, const struct live_subtree *t,
			  const u8 *b, size_t size)
{
	u32 children = 0;
	int node, err;

	r->memblock_present = true;
	if (size < 40 || fdt_magic(b) != FDT_MAGIC ||
	    fdt_totalsize(b) > MIN(size, (size_t)PAGE_SIZE)) {
		finding_add(&r->findings, E_MEMBLOCK_INVALID, t->pa,
			    "memblock blob is not an FDT within one page");
		return;
	}
	err = fdt_check_full(b, fdt_totalsize(b));
	if (err) {
		finding_add(&r->findings, E_MEMBLOCK_INVALID, t->pa,
			    "memblock FDT: %s", fdt_strerror(err));
		return;
	}
	if (fdt_node_check_compatible(b, 0, MEMBLOCK_COMPAT)) {
		finding_add(&r->findings, E_MEMBLOCK_INVALID, t->pa,
			    "memblock FDT root is not memblock-v1");
		return;
	}
	fdt_for_each_subnode(node, b, 0) {
		children++;
		reserve_mem_node(r, b, node, t->pa);
	}
	if (children > RESERVE_MEM_MAX)
		finding_add(&r->findings, E_MEMBLOCK_INVALID, t->pa,
			    "memblock FDT has %u regions > 8", children);
}

/* SIDE/sub_fdts/NAME: its size, and (in/ only) its decoded contents. */
static void read_sub_blob(struct live_report *r, struct live_side *side,
			  struct live_subtree *t)
{
	char file[128 + MODEL_NAME_MAX];
	size_t size = 0;
	u8 *blob;

	snprintf(file, sizeof(file), "%s/sub_fdts/%s", side->name, t->name);
	blob = read_file(r->dir, file, &size);
	if (!blob)
		return;
	t->file_present = true;
	t->file_bytes = size;
	if (t->has_size && size != t->blob_size)
		finding_add(&r->findings, W_LIVE_BLOB_SIZE, t->pa,
			    "%s: %zu bytes, blob-size %llu", file, size,
			    (unsigned long long)t->blob_size);
	if (side == &r->in) {
		if (!strcmp(t->name, KHO_SUBTREE_METADATA))
			read_metadata(r, t, blob, MIN(size, t->blob_size));
		else if (!strcmp(t->name, KHO_SUBTREE_LUO))
			read_luo(r, &r->luo, t, blob, MIN(size, t->blob_size));
		else if (!strcmp(t->name, KHO_SUBTREE_MEMBLOCK))
			read_memblock(r, t, blob, size);
	} else if (!strcmp(t->name, KHO_SUBTREE_LUO)) {
		read_luo(r, &r->out_luo, t, blob, MIN(size, t->blob_size));
	}
	free(blob);
}

static void read_subtree(struct live_report *r, struct live_side *side,
			 const void *fdt, int node)
{
	struct live_subtree *t;
	bool in = side == &r->in;

	if (side->subtree_count == LIVE_SUBTREES_MAX) {
		side->subtrees_truncated = true;
		return;
	}
	t = &side->subtrees[side->subtree_count++];
	snprintf(t->name, sizeof(t->name), "%s", fdt_get_name(fdt, node, NULL));
	t->has_pa = prop_u64(fdt, node, KHO_PROP_PRESERVED_DATA, &t->pa) ||
		    prop_u64(fdt, node, KHO_PROP_SUBTREE_FDT, &t->pa);
	t->has_size = prop_u64(fdt, node, KHO_PROP_BLOB_SIZE, &t->blob_size);
	if (!t->has_size)
		t->blob_size = LIVE_FILE_MAX;
	t->known = subtree_known(t->name);
	if (in && !t->has_pa)
		finding_add(&r->findings, E_SUBTREE_PROP_MISSING, 0,
			    "sub-blob \"%s\": preserved-data missing or not 8 bytes",
			    t->name);
	else if (in && !t->known)
		finding_add(&r->findings, I_SUBTREE_UNKNOWN, t->pa,
			    "unknown sub-blob \"%s\", %llu bytes", t->name,
			    (unsigned long long)(t->has_size ? t->blob_size : 0));
	read_sub_blob(r, side, t);
}

/* One side's root FDT; false if it is missing or not a whole FDT. */
static bool read_side(struct live_report *r, struct live_side *side)
{
	char file[16];
	u8 *fdt;
	int node;

	snprintf(file, sizeof(file), "%s/fdt", side->name);
	fdt = read_file(r->dir, file, &side->bytes);
	if (!fdt)
		return false;
	side->present = true;
	side->complete = fdt_usable(fdt, side->bytes) &&
			 !fdt_check_full(fdt, fdt_totalsize(fdt));
	if (!side->complete) {
		free(fdt);
		return false;
	}
	copy_compatible(side->compatible, fdt, 0);
	prop_u64(fdt, 0, KHO_PROP_MEM_MAP, &side->mem_map);
	fdt_for_each_subnode(node, fdt, 0)
		read_subtree(r, side, fdt, node);
	free(fdt);
	return true;
}

/* The in/ root's own checks, as baton's kho_parse words them. */
static void check_root(struct live_report *r)
{
	r->kho = kho_version_of(r->in.compatible);
	if (!r->in.compatible[0])
		finding_add(&r->findings, E_KHO_UNKNOWN_VERSION, 0,
			    "KHO root has no compatible");
	else if (r->kho == KHO_VERSION_UNKNOWN)
		finding_add(&r->findings, E_KHO_UNKNOWN_VERSION, 0,
			    "KHO root compatible \"%.40s\" is not kho-v1..v4",
			    r->in.compatible);
	if (!r->in.mem_map)
		finding_add(&r->findings, E_KHO_MEM_MAP_MISSING, 0,
			    "preserved-memory-map missing, not 8 bytes or 0");
}

/*
 * out/scratch_phys and out/scratch_len: one hex number a line. After a KHO
 * boot Linux keeps using the incoming kho_scratch[] array, so these are
 * the handover's scratch areas, in array order.
 */
static void read_scratch(struct live_report *r)
{
	size_t phys_size = 0, len_size = 0;
	u8 *phys = read_file(r->dir, "out/scratch_phys", &phys_size);
	u8 *len = read_file(r->dir, "out/scratch_len", &len_size);
	char *p, *l, *ps = NULL, *ls = NULL;
	u64 addr, size;

	if (phys && len) {
		r->scratch_known = true;
		phys[phys_size] = 0;
		len[len_size] = 0;
		p = strtok_r((char *)phys, "\n", &ps);
		l = strtok_r((char *)len, "\n", &ls);
		for (; p && l; p = strtok_r(NULL, "\n", &ps),
			       l = strtok_r(NULL, "\n", &ls)) {
			if (!inspect_parse_u64(p, &addr) ||
			    !inspect_parse_u64(l, &size))
				break;
			if (r->scratch_count == MODEL_SCRATCH_MAX) {
				r->scratch_truncated = true;
				break;
			}
			r->scratch[r->scratch_count++] =
				(struct model_scratch){ addr, size };
		}
	}
	free(phys);
	free(len);
}

bool live_read(struct live_report *r, const char *dir)
{
	memset(r, 0, sizeof(*r));
	r->dir = dir;
	r->in.name = "in";
	r->out.name = "out";
	finding_list_init(&r->findings, r->items, LIVE_FINDINGS_MAX);
	if (access(dir, R_OK)) {
		inspect_error("%s: not readable (is debugfs mounted, are you root?)",
			      dir);
		return false;
	}
	if (!read_side(r, &r->in)) {
		inspect_error("%s: no usable in/fdt (this kernel was not booted with a KHO handover?)",
			      dir);
		return false;
	}
	check_root(r);
	read_side(r, &r->out);
	read_scratch(r);
	return true;
}

int inspect_live(const char *dir, const struct inspect_options *opt)
{
	static struct live_report r;
	const u64 *n = r.findings.by_severity;

	if (!live_read(&r, dir))
		return INSPECT_EXIT_UNUSABLE;
	if (opt->json)
		live_print_json(&r, opt->pretty);
	else
		live_print_human(&r);
	if (n[FINDING_ERROR])
		return INSPECT_EXIT_ERRORS;
	return n[FINDING_WARNING] ? INSPECT_EXIT_WARNINGS : INSPECT_EXIT_CLEAN;
}
