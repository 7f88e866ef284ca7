// SPDX-License-Identifier: MIT
/* Hosted model storage: one calloc per array, capacities from the caller. */
#include <host/scenario/host_storage.h>
#include <stdlib.h>
#include <string.h>

bool host_storage_alloc(struct model_storage *st,
			const struct host_storage_caps *c)
{
	u64 work = MAX(c->sessions, c->files);
	/* the map walk's visited set: one key per map page the model holds */
	u64 map_visit = visit_set_slots_for(c->map_pages);
	/* the LUO walks' set: blocks, descriptors, chunks are preserved */
	u64 luo_visit = visit_set_slots_for(c->preserved + c->files + 1024);

	*st = (struct model_storage){
		.sessions = calloc(c->sessions, sizeof(struct model_session)),
		.sessions_cap = c->sessions,
		.files = calloc(c->files, sizeof(struct model_file)),
		.files_cap = c->files,
		.memfds = calloc(c->files, sizeof(struct model_memfd)),
		.memfds_cap = c->files,
		.folios = calloc(c->folios, sizeof(struct model_folio)),
		.folios_cap = c->folios,
		.preserved = calloc(c->preserved, sizeof(u64)),
		.preserved_cap = c->preserved,
		.map_pages = calloc(c->map_pages, sizeof(u64)),
		.map_pages_cap = c->map_pages,
		.work = calloc(work, sizeof(u64)),
		.work_cap = work,
		.map_visit = calloc(map_visit, sizeof(u64)),
		.map_visit_slots = map_visit,
		.luo_visit = calloc(luo_visit, sizeof(u64)),
		.luo_visit_slots = luo_visit,
	};
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
	memset(st, 0, sizeof(*st));
}
