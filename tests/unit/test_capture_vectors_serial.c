// SPDX-License-Identifier: MIT
/*
 * tests/vectors/linux-7.2-serial: the capture baton.capture=serial printed
 * of a real Linux 7.2 kexec (scenario "vectors"), decoded on the host. It
 * is loaded through the capture format's own parser (blobs at their
 * addresses, patterns generated, the scratch array written as a launcher
 * would), parsed by the ABI library, and must give exactly the sessions,
 * files and memfds the agent preserved — and every memfd's bytes must hash
 * to the CRC32C the agent recorded in the guest (agent-manifest.txt).
 */
#include "check.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <baton/capture.h>
#include <baton/crc32c.h>
#include <luo/handover.h>

#define DIR		"tests/vectors/linux-7.2-serial/"
#define MAX_LINES	256

struct loaded {
	char *text;
	u8 *owned[2 * MAX_LINES + 1];	/* window bytes to free */
	struct capture c;
	struct capture_range ram[8], scratch[8];
	struct capture_blob blobs[MAX_LINES];
	struct capture_pattern patterns[MAX_LINES];
	struct phys_window windows[2 * MAX_LINES + 1];
	u32 window_count;
	struct phys_range ram_ranges[8];
	struct handover_config cfg;
	struct model_session sessions[16];
	struct model_file files[32];
	struct model_memfd memfds[32];
	struct model_folio folios[256];
	struct preserved_run preserved[1024];
	u64 map_pages[64], work[64], map_visit[128];
	u64 luo_visit[4096];	/* visit_set_slots_for(1024 + 32 + 1024) */
	struct model_storage st;
	struct handover_model m;
	struct finding items[64];
	struct finding_list findings;
};

static u8 *read_file(const char *name, u64 *size)
{
	char path[256];
	struct stat sb;
	FILE *f;
	u8 *buf;

	snprintf(path, sizeof(path), DIR "%s", name);
	f = fopen(path, "rb");
	if (!f || fstat(fileno(f), &sb)) {
		CHECK_FAIL("%s: cannot read", path);
		if (f)
			fclose(f);
		return NULL;
	}
	buf = calloc(1, sb.st_size + PAGE_SIZE);
	if (fread(buf, 1, sb.st_size, f) != (size_t)sb.st_size)
		CHECK_FAIL("%s: short read", path);
	fclose(f);
	*size = sb.st_size;
	return buf;
}

static void add_window(struct loaded *l, u64 pa, u64 size, u8 *host)
{
	l->owned[l->window_count] = host;
	l->windows[l->window_count++] = (struct phys_window){ pa, size, host };
}

static void unload(struct loaded *l)
{
	u32 i;

	if (!l)
		return;
	for (i = 0; i < l->window_count; i++)
		free(l->owned[i]);
	free(l->text);
	free(l);
}

static int window_cmp(const void *a, const void *b)
{
	const struct phys_window *x = a, *y = b;

	return x->pa < y->pa ? -1 : x->pa > y->pa;
}

/* The capture put into host memory, as baton.efi would put it into RAM. */
static bool load(struct loaded *l)
{
	struct capture_storage st = {
		l->ram, 8, l->scratch, 8, l->blobs, MAX_LINES,
		l->patterns, MAX_LINES, NULL, 0,
	};
	struct capture_error err;
	u64 size, i;
	u8 *arr;

	l->text = (char *)read_file("manifest", &size);
	if (!l->text || !capture_parse(l->text, size, &st, &l->c, &err)) {
		CHECK_FAIL("manifest: %s", l->text ? err.message : "missing");
		return false;
	}
	for (i = 0; i < l->c.blob_count; i++) {
		char name[CAPTURE_FILE_NAME_MAX + 1];
		u8 *bytes;

		capture_text_copy(l->c.blobs[i].file, name, sizeof(name));
		bytes = read_file(name, &size);
		if (!bytes || !capture_blob_resolve(&l->c.blobs[i], size, &err))
			return false;
		add_window(l, l->c.blobs[i].addr,
			   capture_blob_extent(&l->c.blobs[i]), bytes);
	}
	for (i = 0; i < l->c.pattern_count; i++) {
		const struct capture_pattern *p = &l->c.patterns[i];
		u8 *bytes = malloc(p->size);

		capture_pattern_fill(p, 0, bytes, p->size);
		add_window(l, p->addr, p->size, bytes);
	}
	if (!capture_check_layout(&l->c, &err)) {
		CHECK_FAIL("layout: %s", err.message);
		return false;
	}
	arr = calloc(1, capture_scratch_array_size(&l->c));
	for (i = 0; i < l->c.scratch_count; i++) {
		memcpy(arr + 16 * i, &l->c.scratch[i].addr, 8);
		memcpy(arr + 16 * i + 8, &l->c.scratch[i].size, 8);
	}
	add_window(l, l->c.scratch_array_addr, capture_scratch_array_size(&l->c),
		   arr);
	qsort(l->windows, l->window_count, sizeof(l->windows[0]), window_cmp);
	for (i = 0; i < l->c.ram_count; i++)
		l->ram_ranges[i] = (struct phys_range){ l->c.ram[i].addr,
							l->c.ram[i].size };
	return true;
}

static struct loaded *parse(void)
{
	struct loaded *l = calloc(1, sizeof(*l));
	static struct phys_view view;
	u32 i;

	if (!load(l)) {
		unload(l);
		return NULL;
	}
	CHECK(phys_view_init(&view, l->windows, l->window_count));
	l->cfg = (struct handover_config){
		.view = &view,
		.kho = { .present = true, .len = sizeof(struct kho_data_ser),
			 .fdt_addr = l->c.kho_fdt_addr,
			 .fdt_size = l->c.kho_fdt_size,
			 .scratch_addr = l->c.scratch_array_addr,
			 .scratch_size = capture_scratch_array_size(&l->c) },
		.ram = l->ram_ranges, .ram_count = l->c.ram_count,
	};
	l->st = (struct model_storage){
		l->sessions, 16, l->files, 32, l->memfds, 32, l->folios, 256,
		l->preserved, 1024, l->map_pages, 64, l->work, 64,
		l->map_visit, 128, l->luo_visit, 4096, NULL, NULL,
	};
	finding_list_init(&l->findings, l->items, 64);
	handover_parse(&l->cfg, &l->st, &l->m, &l->findings);
	for (i = 0; i < l->findings.count; i++)
		if (l->items[i].severity != FINDING_INFO)
			printf("  finding %s: %s\n",
			       finding_code_name(l->items[i].code),
			       l->items[i].message);
	return l;
}

/* The memfd's bytes in file order (holes read as zero) through its folios. */
static u32 memfd_crc(const struct loaded *l, const struct model_memfd *mf)
{
	static const u8 zero[PAGE_SIZE];
	u64 off;
	u32 crc = 0, k;

	for (off = 0; off < mf->size; off += PAGE_SIZE) {
		u64 len = mf->size - off < PAGE_SIZE ? mf->size - off : PAGE_SIZE;
		const void *bytes = zero;

		for (k = 0; k < mf->folio_count; k++) {
			const struct model_folio *fo =
				&model_memfd_folios(&l->m, mf)[k];

			if (fo->index == off / PAGE_SIZE)
				bytes = phys_map(l->cfg.view,
						 fo->pfn << PAGE_SHIFT, len);
		}
		CHECK(bytes != NULL);
		if (!bytes)
			return 0;
		crc = crc32c(crc, bytes, len);
	}
	return crc;
}

/*
 * Counts and addresses depend on where Linux put things (pattern lines
 * merge where folios are adjacent); the bytes of each kind do not.
 */
TEST(serial_capture_layout)
{
	struct loaded *l = calloc(1, sizeof(*l));
	u64 bytes[CAPTURE_PATTERN_KIND_COUNT] = { 0 }, blob_bytes = 0;
	u32 i;

	CHECK(load(l));
	CHECK_EQ(l->c.ram_count, 2);
	CHECK_EQ(l->c.scratch_count, 2);	/* Linux's empty scratch[1] left out */
	CHECK_EQ(l->c.kho_fdt_size, 0x1000);
	for (i = 0; i < l->c.pattern_count; i++)
		bytes[l->c.patterns[i].kind] += l->c.patterns[i].size;
	for (i = 0; i < l->c.blob_count; i++)
		blob_bytes += capture_blob_extent(&l->c.blobs[i]);
	CHECK_EQ(bytes[CAPTURE_PATTERN_AGENT], 8 * PAGE_SIZE);	/* written */
	CHECK_EQ(bytes[CAPTURE_PATTERN_ZERO], 14 * PAGE_SIZE);	/* holes */
	CHECK_EQ(bytes[CAPTURE_PATTERN_FILL] + bytes[CAPTURE_PATTERN_BUILDER], 0);
	/* 24 non-data preserved pages and 6 map pages (the root FDT among the
	 * former), vm-alpha/2's last page, the agent's manifest */
	CHECK_EQ(blob_bytes, 32 * PAGE_SIZE);
	unload(l);
}

TEST(serial_capture_handover)
{
	struct loaded *l = parse();

	if (!l)
		return;
	CHECK_EQ(l->m.kho, KHO_VERSION_V4);
	CHECK_EQ(l->m.luo, LUO_VERSION_V5);
	CHECK_EQ(l->m.memfd, MEMFD_VERSION_V2);
	CHECK_EQ(l->m.profile, PROFILE_7_2);
	CHECK_EQ(l->m.liveupdate_num, 1);
	CHECK_EQ(l->m.scratch_count, 2);
	CHECK_EQ(l->m.map.entries, 48);
	CHECK_EQ(l->findings.by_severity[FINDING_ERROR], 0);
	CHECK_EQ(l->findings.by_severity[FINDING_WARNING], 0);
	CHECK_EQ(l->m.unaccounted_entries, 0);
	unload(l);
}

/* Sessions and files in the model's (LUO block) order. */
TEST(serial_capture_sessions_files_digests)
{
	static const struct {
		const char *session;
		u64 token, size, pos;
		u32 seals, folios, crc;
	} want[] = {
		{ "vm-alpha", 1, 4096, 0, 0x0, 1, 0x6f56d6c1 },
		{ "vm-alpha", 2, 12345, 100, 0xe, 4, 0xa4f25c31 },
		{ "vm-alpha", 3, 65536, 0, 0x0, 16, 0x4cb99d59 },
		{ "vm-beta", ~0ULL, 8192, 0, 0x3f, 2, 0xd452fb83 },
		{ "vm-beta", 7, 0, 0, 0x0, 0, 0x00000000 },
		{ "baton-agent", 0, 552, 0, 0x1, 1, 0 },	/* F_SEAL_SEAL: no MFD_ALLOW_SEALING */
	};
	static const char *const names[] = {
		"vm-alpha", "vm-beta", "empty-session", "baton-agent",
	};
	static const u32 counts[] = { 3, 2, 0, 1 };
	struct loaded *l = parse();
	u32 i, n = 0, s;

	if (!l)
		return;
	CHECK_EQ(l->m.session_count, 4);
	for (s = 0; s < l->m.session_count && s < 4; s++) {
		const struct model_session *ses = &l->m.sessions[s];

		CHECK_STR(ses->name, names[s]);
		CHECK_EQ(ses->file_count, counts[s]);
		for (i = 0; i < ses->file_count && n < 6; i++, n++) {
			const struct model_file *f =
				&l->m.files[ses->file_first + i];
			const struct model_memfd *mf;

			CHECK_STR(ses->name, want[n].session);
			CHECK_EQ(f->token, want[n].token);
			CHECK(f->memfd >= 0);
			if (f->memfd < 0)
				continue;
			mf = &l->m.memfds[f->memfd];
			CHECK_EQ(mf->size, want[n].size);
			CHECK_EQ(mf->pos, want[n].pos);
			CHECK_EQ(mf->seals, want[n].seals);
			CHECK_EQ(mf->folio_count, want[n].folios);
			if (want[n].crc || !mf->size)
				CHECK_EQ(memfd_crc(l, mf), want[n].crc);
		}
	}
	CHECK_EQ(n, 6);
	unload(l);
}
