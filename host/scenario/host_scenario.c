// SPDX-License-Identifier: MIT
/* Hosted scenario harness: arena + builder + record + parser storage. */
#include <host/scenario/host_scenario.h>
#include <host/scenario/host_storage.h>
#include <stdlib.h>
#include <string.h>

#define PRESERVED_CAP	(1u << 16)

bool host_scenario_init(struct host_scenario *s, enum release_profile profile,
			u64 size)
{
	static const struct host_storage_caps caps = {
		.sessions = 1024, .files = 2048, .folios = 1u << 16,
		.preserved = 1u << 18, .map_pages = 1u << 14,
	};

	memset(s, 0, sizeof(*s));
	if (!host_arena_init(&s->arena, HOST_SCENARIO_BASE, size))
		return false;
	host_arena_skip(&s->arena, HOST_SCENARIO_SCRATCH);
	host_arena_builder_alloc(&s->arena, &s->alloc);
	s->preserved = calloc(PRESERVED_CAP, sizeof(u64));
	s->m = calloc(1, sizeof(*s->m));
	if (!s->preserved || !s->m || !host_storage_alloc(&s->st, &caps))
		return false;
	return handover_builder_init(&s->b, &s->alloc, profile, s->preserved,
				     PRESERVED_CAP);
}

void *host_scenario_ptr(struct host_scenario *s, phys_addr_t pa)
{
	return host_arena_host(&s->arena, pa);
}

void host_scenario_damage(struct host_scenario *s, struct host_damage *d)
{
	*d = (struct host_damage){
		.b = &s->b,
		.rec = &s->rec,
		.mem_base = s->arena.base,
		.mem_size = s->arena.size,
		.scratch = HOST_SCENARIO_BASE,
		.owner = s,
	};
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
	host_storage_free(&s->st);
}
