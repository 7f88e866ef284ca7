/* SPDX-License-Identifier: MIT */
/*
 * Hosted only: a complete simulated handover (arena, scratch areas, the
 * SETUP_KEXEC_KHO record, builder, parser storage) so tests and tools can
 * build a scenario, damage it and parse it back in a few lines.
 */
#ifndef BATON_HOST_SCENARIO_HOST_SCENARIO_H
#define BATON_HOST_SCENARIO_HOST_SCENARIO_H

#include <host/builder/builder.h>
#include <luo/handover.h>
#include <host/scenario/host_arena.h>
#include <host/scenario/host_damage.h>

#define HOST_SCENARIO_BASE	0x40000000ULL	/* 1 GiB */
#define HOST_SCENARIO_SCRATCH	(4 * SZ_1M)	/* two 2 MiB areas at base */
#define HOST_SCENARIO_FINDINGS	512

struct host_scenario {
	struct host_arena arena;
	struct builder_alloc alloc;
	struct handover_builder b;
	u64 *preserved;			/* builder record */
	struct boot_kho_record rec;
	enum kho_v1_variant v1_hint;	/* passed to the parser */
	struct handover_config cfg;
	struct model_storage st;
	struct handover_model *m;
	struct finding items[HOST_SCENARIO_FINDINGS];
	struct finding_list findings;
};

/* Arena of `size` bytes; builder for profile. False on allocation failure. */
bool host_scenario_init(struct host_scenario *s, enum release_profile profile,
			u64 size);
/* handover_build + the record (fdt_size 4096, scratch array at base). */
bool host_scenario_build(struct host_scenario *s,
			 const struct handover_spec *spec);
/* Parses into s->m with fresh findings. */
void host_scenario_parse(struct host_scenario *s);
void host_scenario_free(struct host_scenario *s);
/* Host pointer for a pa inside the arena (to damage structures). */
void *host_scenario_ptr(struct host_scenario *s, phys_addr_t pa);
/* d set up to damage s (host/scenario/host_damage.h), d->owner = s. */
void host_scenario_damage(struct host_scenario *s, struct host_damage *d);

#endif
