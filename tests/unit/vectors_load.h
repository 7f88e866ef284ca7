/* SPDX-License-Identifier: MIT */
/*
 * Puts a real Linux 7.2 vector set (tests/vectors/DIR: index.txt plus one
 * file per structure) back at its physical addresses in a host arena, with
 * a fabricated scratch area below it, and parses it with generous storage.
 * Shared by the report tests that read the vectors.
 */
#ifndef BATON_TESTS_VECTORS_LOAD_H
#define BATON_TESTS_VECTORS_LOAD_H

#include <host/scenario/host_arena.h>
#include <luo/handover.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VECTORS_ARENA_BASE	0x1000000ULL
#define VECTORS_ARENA_SIZE	0x2000000ULL	/* 16..48 MiB holds every set */
#define VECTORS_SCRATCH_BASE	VECTORS_ARENA_BASE	/* not in the capture */
#define VECTORS_SCRATCH_SIZE	0x400000ULL

struct vector_set {
	const char *dir;		/* "tests/vectors/linux-7.2/" */
	struct host_arena arena;
	struct handover_config cfg;
	struct model_storage st;
	struct handover_model m;
	struct finding items[64];
	struct finding_list findings;
	u64 fdt_pa;
};

static inline bool vector_file_load(struct vector_set *v, const char *name,
				    u64 pa, u64 len)
{
	char path[256];
	size_t got;
	FILE *f;

	if (pa < VECTORS_ARENA_BASE ||
	    pa + len > VECTORS_ARENA_BASE + VECTORS_ARENA_SIZE)
		return false;
	snprintf(path, sizeof(path), "%s%s", v->dir, name);
	f = fopen(path, "rb");
	if (!f)
		return false;
	got = fread(v->arena.mem + (pa - VECTORS_ARENA_BASE), 1, len, f);
	fclose(f);
	return got == len;
}

/* Every captured structure at its address; false on a missing file. */
static inline bool vector_set_place(struct vector_set *v, FILE *index)
{
	char text[512], name[128];
	unsigned long long pa, len;
	bool ok = true;

	rewind(index);
	while (fgets(text, sizeof(text), index)) {
		if (text[0] == '#' ||
		    sscanf(text, "%127s %llx %llu", name, &pa, &len) != 3)
			continue;
		/* content files are rebuilt from scattered folio pages */
		if (strstr(name, "-data.bin"))
			continue;
		if (!vector_file_load(v, name, pa, len)) {
			fprintf(stderr, "  cannot place %s at %#llx\n", name, pa);
			ok = false;
		}
		if (strcmp(name, "kho-fdt.dtb") == 0)
			v->fdt_pa = pa;
	}
	return ok && v->fdt_pa;
}

static inline bool vector_set_load(struct vector_set *v, const char *dir)
{
	struct kho_scratch_ser area = { VECTORS_SCRATCH_BASE,
					VECTORS_SCRATCH_SIZE };
	char path[256];
	bool ok;
	FILE *f;

	v->dir = dir;
	if (!host_arena_init(&v->arena, VECTORS_ARENA_BASE, VECTORS_ARENA_SIZE))
		return false;
	snprintf(path, sizeof(path), "%sindex.txt", dir);
	f = fopen(path, "r");
	if (!f)
		return false;
	ok = vector_set_place(v, f);
	fclose(f);
	/* the capture has no scratch array: one area below its data */
	memcpy(v->arena.mem, &area, sizeof(area));
	v->cfg = (struct handover_config){
		.view = &v->arena.view,
		.kho = {
			.present = true,
			.setup_data_pa = VECTORS_SCRATCH_BASE + PAGE_SIZE,
			.len = sizeof(struct kho_data_ser),
			.fdt_addr = v->fdt_pa,
			.fdt_size = PAGE_SIZE,
			.scratch_addr = VECTORS_SCRATCH_BASE,
			.scratch_size = sizeof(area),
		},
	};
	return ok;
}

static inline void vector_set_parse(struct vector_set *v)
{
	v->st = (struct model_storage){
		.sessions = calloc(256, sizeof(struct model_session)),
		.sessions_cap = 256,
		.files = calloc(1024, sizeof(struct model_file)),
		.files_cap = 1024,
		.memfds = calloc(1024, sizeof(struct model_memfd)),
		.memfds_cap = 1024,
		.folios = calloc(4096, sizeof(struct model_folio)),
		.folios_cap = 4096,
		.preserved = calloc(4096, sizeof(struct preserved_run)),
		.preserved_cap = 4096,
		.map_pages = calloc(64, sizeof(u64)),
		.map_pages_cap = 64,
		.map_visit = calloc(128, sizeof(u64)),
		.map_visit_slots = 128,
		.luo_visit = calloc(16384, sizeof(u64)),
		.luo_visit_slots = 16384,
		.work = calloc(1024, sizeof(u64)),
		.work_cap = 1024,
	};
	finding_list_init(&v->findings, v->items, ARRAY_SIZE(v->items));
	handover_parse(&v->cfg, &v->st, &v->m, &v->findings);
}

static inline void vector_set_free(struct vector_set *v)
{
	free(v->st.sessions);
	free(v->st.files);
	free(v->st.memfds);
	free(v->st.folios);
	free(v->st.preserved);
	free(v->st.map_pages);
	free(v->st.map_visit);
	free(v->st.luo_visit);
	free(v->st.work);
	host_arena_free(&v->arena);
}

#endif
