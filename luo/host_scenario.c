// SPDX-License-Identifier: MIT
/* Hosted scenario harness: arena + builder + record + parser storage. */
#include <luo/host_scenario.h>
#include <stdlib.h>
#include <string.h>

#define PRESERVED_CAP	(1u << 16)
#define STORE_SESSIONS	1024
#define STORE_FILES	2048
#define STORE_MEMFDS	2048
#define STORE_FOLIOS	(1u << 16)
#define STORE_INDEX	(1u << 18)
#define STORE_MAP_PAGES	(1u << 14)

bool host_scenario_init(struct host_scenario *s, enum release_profile profile,
			u64 size)
{
	memset(s, 0, sizeof(*s));
	if (!host_arena_init(&s->arena, HOST_SCENARIO_BASE, size))
		return false;
	host_arena_skip(&s->arena, HOST_SCENARIO_SCRATCH);
	host_arena_builder_alloc(&s->arena, &s->alloc);
	s->preserved = calloc(PRESERVED_CAP, sizeof(u64));
	s->m = calloc(1, sizeof(*s->m));
	s->st = (struct model_storage){
		.sessions = calloc(STORE_SESSIONS, sizeof(struct model_session)),
		.sessions_cap = STORE_SESSIONS,
		.files = calloc(STORE_FILES, sizeof(struct model_file)),
		.files_cap = STORE_FILES,
		.memfds = calloc(STORE_MEMFDS, sizeof(struct model_memfd)),
		.memfds_cap = STORE_MEMFDS,
		.folios = calloc(STORE_FOLIOS, sizeof(struct model_folio)),
		.folios_cap = STORE_FOLIOS,
		.preserved = calloc(STORE_INDEX, sizeof(u64)),
		.preserved_cap = STORE_INDEX,
		.map_pages = calloc(STORE_MAP_PAGES, sizeof(u64)),
		.map_pages_cap = STORE_MAP_PAGES,
		.work = calloc(STORE_FILES, sizeof(u64)),
		.work_cap = STORE_FILES,
	};
	if (!s->preserved || !s->m || !s->st.sessions || !s->st.files ||
	    !s->st.memfds || !s->st.folios || !s->st.preserved ||
	    !s->st.map_pages || !s->st.work)
		return false;
	return handover_builder_init(&s->b, &s->alloc, profile, s->preserved,
				     PRESERVED_CAP);
}

void *host_scenario_ptr(struct host_scenario *s, phys_addr_t pa)
{
	return host_arena_host(&s->arena, pa);
}

bool host_scenario_build(struct host_scenario *s,
			 const struct handover_spec *spec)
{
	struct kho_scratch_ser areas[2] = {
		{ HOST_SCENARIO_BASE, HOST_SCENARIO_SCRATCH / 2 },
		{ HOST_SCENARIO_BASE + HOST_SCENARIO_SCRATCH / 2,
		  HOST_SCENARIO_SCRATCH / 2 },
	};

	if (!handover_build(&s->b, spec))
		return false;
	/* the scratch array sits inside the second scratch area */
	memcpy(host_scenario_ptr(s, areas[1].addr), areas, sizeof(areas));
	s->rec = (struct boot_kho_record){
		.present = true,
		.setup_data_pa = areas[1].addr + PAGE_SIZE,
		.len = sizeof(struct kho_data_ser),
		.fdt_addr = s->b.fdt_pa,
		.fdt_size = PAGE_SIZE,
		.scratch_addr = areas[1].addr,
		.scratch_size = sizeof(areas),
	};
	return true;
}

void host_scenario_parse(struct host_scenario *s)
{
	s->cfg = (struct handover_config){ .view = &s->arena.view,
					   .kho = s->rec,
					   .v1_hint = s->v1_hint };
	finding_list_init(&s->findings, s->items, HOST_SCENARIO_FINDINGS);
	handover_parse(&s->cfg, &s->st, s->m, &s->findings);
}

void host_scenario_free(struct host_scenario *s)
{
	host_arena_free(&s->arena);
	free(s->preserved);
	free(s->m);
	free(s->st.sessions);
	free(s->st.files);
	free(s->st.memfds);
	free(s->st.folios);
	free(s->st.preserved);
	free(s->st.map_pages);
	free(s->st.work);
}
