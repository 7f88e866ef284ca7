// SPDX-License-Identifier: MIT
/*
 * `baton-inspect live`: what a KHO debugfs directory (in/fdt,
 * in/sub_fdts/<name>, out/...) tells without physical memory: the root FDT,
 * its subtrees and the sub-blobs that are self-contained (kexec-metadata,
 * the LUO root, memblock). Everything behind a physical pointer (the
 * preserved-memory map, LUO chains, memfd folios) is named, not followed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libfdt.h>
#include <luo/abi.h>
#include "inspect.h"

#define LIVE_FILE_MAX	(1u << 20)

struct live_state {
	const char *dir;
	u32 warnings;
};

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
	buf = malloc(LIVE_FILE_MAX);
	if (buf)
		*size = fread(buf, 1, LIVE_FILE_MAX, f);
	fclose(f);
	return buf;
}

static void warn(struct live_state *st, const char *fmt, const char *a)
{
	printf("live: warning: ");
	printf(fmt, a);
	putchar('\n');
	st->warnings++;
}

static bool fdt_usable(const u8 *buf, size_t size)
{
	return size >= 64 && !fdt_check_header(buf) &&
	       fdt_totalsize(buf) <= size;
}

static const char *fdt_compatible(const void *fdt, int node)
{
	int len;
	const char *c = fdt_getprop(fdt, node, "compatible", &len);

	return c && len > 0 && memchr(c, 0, len) ? c : "(none)";
}

/* KHO writes its u64 properties in CPU (little-endian) order, not FDT's. */
static bool prop_u64(const void *fdt, int node, const char *name, u64 *out)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len != 8)
		return false;
	memcpy(out, p, sizeof(*out));
	return true;
}

static void show_metadata(struct live_state *st, const u8 *b, size_t size)
{
	struct kho_kexec_metadata_ser md;
	char release[KHO_METADATA_RELEASE_LEN + 1];

	if (size < sizeof(md)) {
		warn(st, "%s: shorter than the 73-byte kexec-metadata",
		     "in/sub_fdts/kexec-metadata");
		return;
	}
	memcpy(&md, b, sizeof(md));
	memcpy(release, md.previous_release, sizeof(md.previous_release));
	release[sizeof(md.previous_release)] = 0;
	printf("live:   kexec-metadata: version %u previous_release \"%s\" kexec_count %u\n",
	       md.version, release, md.kexec_count);
}

static void show_luo(struct live_state *st, const u8 *b, size_t size)
{
	struct luo_ser luo;
	char compat[sizeof(luo.compatible) + 1];

	if (fdt_usable(b, size)) {
		printf("live:   LUO: FDT compatible \"%s\" (luo-v1: session and FLB arrays are in physical memory)\n",
		       fdt_compatible(b, 0));
		return;
	}
	if (size < sizeof(luo)) {
		warn(st, "%s: neither an FDT nor a 32-byte luo-v5 root",
		     "in/sub_fdts/LUO");
		return;
	}
	memcpy(&luo, b, sizeof(luo));
	memcpy(compat, luo.compatible, sizeof(luo.compatible));
	compat[sizeof(luo.compatible)] = 0;
	printf("live:   LUO: compatible \"%s\" liveupdate_num %llu sessions 0x%llx flbs 0x%llx\n",
	       compat, (unsigned long long)luo.liveupdate_num,
	       (unsigned long long)luo.sessions_pa,
	       (unsigned long long)luo.flbs_pa);
	printf("live:   LUO: note: once LUO has consumed the handover this memory may be reused; the bytes above can be stale\n");
}

static void show_memblock(const u8 *b, size_t size)
{
	int node, count = 0;

	if (!fdt_usable(b, size)) {
		printf("live:   memblock: not an FDT\n");
		return;
	}
	fdt_for_each_subnode(node, b, 0) {
		printf("live:   memblock: node \"%s\" compatible \"%s\"\n",
		       fdt_get_name(b, node, NULL), fdt_compatible(b, node));
		count++;
	}
	printf("live:   memblock: compatible \"%s\", %d node%s\n",
	       fdt_compatible(b, 0), count, count == 1 ? "" : "s");
}

static void show_subtree(struct live_state *st, const char *side,
			 const void *fdt, int node)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	char file[512];
	u64 pa = 0, blob_size = 0;
	bool has_pa, has_size;
	size_t size = 0;
	u8 *blob;

	has_pa = prop_u64(fdt, node, KHO_PROP_PRESERVED_DATA, &pa) ||
		 prop_u64(fdt, node, KHO_PROP_SUBTREE_FDT, &pa);
	has_size = prop_u64(fdt, node, KHO_PROP_BLOB_SIZE, &blob_size);
	printf("live: %s subtree \"%s\" data 0x%llx size %s0x%llx\n", side,
	       name, (unsigned long long)pa, has_size ? "" : "(not given) ",
	       (unsigned long long)blob_size);
	if (!has_pa)
		warn(st, "subtree \"%s\" has no preserved-data/fdt pointer",
		     name);
	snprintf(file, sizeof(file), "%s/sub_fdts/%s", side, name);
	blob = read_file(st->dir, file, &size);
	if (!blob) {
		printf("live:   %s: not present\n", file);
		return;
	}
	printf("live:   %s: %zu bytes\n", file, size);
	if (has_size && size != blob_size)
		warn(st, "%s: file size differs from blob-size", file);
	if (!strcmp(side, "in")) {
		if (!strcmp(name, KHO_SUBTREE_METADATA))
			show_metadata(st, blob, size);
		else if (!strcmp(name, KHO_SUBTREE_LUO))
			show_luo(st, blob, size);
		else if (!strcmp(name, KHO_SUBTREE_MEMBLOCK))
			show_memblock(blob, size);
	}
	free(blob);
}

/* One side's root FDT; false if it is missing or not an FDT. */
static bool show_side(struct live_state *st, const char *side)
{
	char file[64];
	size_t size = 0;
	u64 map = 0;
	u8 *fdt;
	int node;

	snprintf(file, sizeof(file), "%s/fdt", side);
	fdt = read_file(st->dir, file, &size);
	if (!fdt) {
		printf("live: %s: not present\n", file);
		return false;
	}
	if (!fdt_usable(fdt, size)) {
		printf("live: %s: %zu bytes, not a complete FDT%s\n", file,
		       size, strcmp(side, "out") ? "" :
		       " (Linux 7.2 exposes out/fdt at its size when registered)");
		free(fdt);
		return false;
	}
	prop_u64(fdt, 0, KHO_PROP_MEM_MAP, &map);
	printf("live: %s: %zu bytes compatible \"%s\" preserved-memory-map 0x%llx\n",
	       file, size, fdt_compatible(fdt, 0), (unsigned long long)map);
	fdt_for_each_subnode(node, fdt, 0)
		show_subtree(st, side, fdt, node);
	free(fdt);
	return true;
}

static void show_scratch(struct live_state *st)
{
	size_t phys_size = 0, len_size = 0;
	u8 *phys = read_file(st->dir, "out/scratch_phys", &phys_size);
	u8 *len = read_file(st->dir, "out/scratch_len", &len_size);
	char *p, *l, *ps = NULL, *ls = NULL;
	u32 i = 0;

	if (phys && len) {
		phys[MIN(phys_size, LIVE_FILE_MAX - 1)] = 0;
		len[MIN(len_size, LIVE_FILE_MAX - 1)] = 0;
		p = strtok_r((char *)phys, "\n", &ps);
		l = strtok_r((char *)len, "\n", &ls);
		for (; p && l; i++) {
			printf("live: out scratch %u addr %s size %s\n", i, p, l);
			p = strtok_r(NULL, "\n", &ps);
			l = strtok_r(NULL, "\n", &ls);
		}
	}
	free(phys);
	free(len);
}

int inspect_live(const char *dir, const struct inspect_options *opt)
{
	struct live_state st = { dir, 0 };

	if (opt->json) {
		inspect_error("live: --json is not supported (human lines only)");
		return INSPECT_EXIT_UNUSABLE;
	}
	if (access(dir, R_OK)) {
		inspect_error("%s: not readable (is debugfs mounted, are you root?)",
			      dir);
		return INSPECT_EXIT_UNUSABLE;
	}
	printf("live: KHO debugfs %s\n", dir);
	if (!show_side(&st, "in")) {
		inspect_error("%s: no usable in/fdt (this kernel was not booted with a KHO handover?)",
			      dir);
		return INSPECT_EXIT_UNUSABLE;
	}
	show_side(&st, "out");
	show_scratch(&st);
	printf("live: not known without physical memory: the preserved-memory map, LUO sessions/files/FLBs, memfd folios (use baton-inspect dump)\n");
	printf("live: %u warning%s\n", st.warnings, st.warnings == 1 ? "" : "s");
	return st.warnings ? INSPECT_EXIT_WARNINGS : INSPECT_EXIT_CLEAN;
}
