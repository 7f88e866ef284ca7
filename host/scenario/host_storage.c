// SPDX-License-Identifier: MIT
/* Hosted model storage: one calloc per array, capacities from the caller. */
#include <host/scenario/host_storage.h>
#include <stdlib.h>
#include <string.h>

/* Every array a parse grew, freed with the storage (ASan sees no leak). */
struct grow_list {
	void **blocks;
	u64 count;
	u64 cap;
};

static void *grow(void *ctx, void *old, u64 old_bytes, u64 new_bytes)
{
	struct grow_list *l = ctx;
	void *p;

	if (l->count == l->cap) {
		u64 cap = l->cap ? 2 * l->cap : 16;
		void **b = realloc(l->blocks, cap * sizeof(*b));

		if (!b)
			return NULL;
		l->blocks = b;
		l->cap = cap;
	}
	p = calloc(1, new_bytes);
	if (!p)
		return NULL;
	if (old_bytes)
		memcpy(p, old, old_bytes);
	l->blocks[l->count++] = p;
	return p;
}

bool host_storage_alloc(struct model_storage *st,
			const struct host_storage_caps *c)
{
	u64 work = MAX(c->sessions, c->files);
	/* the map walk's visited set: one key per map page the model holds */
	u64 map_visit = visit_set_slots_for(c->map_pages);
	/*
	 * The LUO walks' set: blocks, descriptors, chunks are preserved.
	 * Growing, it starts as baton's (boot/phase_handover.c: 9216); fixed,
	 * from the preserved entries and files.
	 */
	u64 luo_visit = visit_set_slots_for(c->grow ? 9216 :
					    c->preserved + c->files + 1024);
	/* the index holds runs: growing, it starts small as baton's does */
	u64 runs = c->grow ? MIN(c->preserved, 1024) : c->preserved;

	*st = (struct model_storage){
		.sessions = calloc(c->sessions, sizeof(struct model_session)),
		.sessions_cap = c->sessions,
		.files = calloc(c->files, sizeof(struct model_file)),
		.files_cap = c->files,
		.memfds = calloc(c->files, sizeof(struct model_memfd)),
		.memfds_cap = c->files,
		.folios = calloc(c->folios, sizeof(struct model_folio)),
		.folios_cap = c->folios,
		.preserved = calloc(runs, sizeof(struct preserved_run)),
		.preserved_cap = runs,
		.map_pages = calloc(c->map_pages, sizeof(u64)),
		.map_pages_cap = c->map_pages,
		.work = calloc(work, sizeof(u64)),
		.work_cap = work,
		.map_visit = calloc(map_visit, sizeof(u64)),
		.map_visit_slots = map_visit,
		.luo_visit = calloc(luo_visit, sizeof(u64)),
		.luo_visit_slots = luo_visit,
	};
	if (c->grow) {
		st->grow = grow;
		st->grow_ctx = calloc(1, sizeof(struct grow_list));
		if (!st->grow_ctx)
			return false;
	}
	return st->sessions && st->files && st->memfds && st->folios &&
	       st->preserved && st->map_pages && st->work && st->map_visit &&
	       st->luo_visit;
}

void host_storage_free(struct model_storage *st)
{
	free(st->sessions);
	free(st->files);
	free(st->memfds);
	free(st->folios);
	free(st->preserved);
	free(st->map_pages);
	free(st->work);
	free(st->map_visit);
	free(st->luo_visit);
	if (st->grow == grow && st->grow_ctx) {
		struct grow_list *l = st->grow_ctx;
		u64 i;

		for (i = 0; i < l->count; i++)
			free(l->blocks[i]);
		free(l->blocks);
		free(l);
	}
	memset(st, 0, sizeof(*st));
}
