// SPDX-License-Identifier: MIT
/*
 * From a scenario to simulated memory: the luo/ builders write the
 * handover into the arena, the scratch array and the SETUP_KEXEC_KHO
 * record are derived as baton.efi will write them, and the result is
 * parsed with baton's own parser and storage sizes (boot/phase_handover.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <boot/flow.h>
#include <host/scenario/host_storage.h>
#include "mkhandover.h"

#define PRESERVED_CAP	(1u << 20)

static struct build_file files[MKH_FILES_MAX];
static struct build_session sessions[MKH_SESSIONS_MAX];

static void make_spec(struct mkh_scenario *sc, struct handover_spec *spec)
{
	u32 i, f = 0;

	for (i = 0; i < sc->file_count; i++) {
		const struct mkh_file *mf = &sc->files[i];

		files[i] = (struct build_file){
			.compatible = mf->is_memfd ? NULL : mf->compatible,
			.token = mf->token,
			.memfd = mf->is_memfd ? &mf->memfd : NULL,
			.raw_data = mf->raw_data,
		};
	}
	for (i = 0; i < sc->session_count; i++) {
		sessions[i] = (struct build_session){
			.name = sc->session_names[i], .files = &files[f],
		};
		while (f < sc->file_count && sc->files[f].session == i) {
			sessions[i].file_count++;
			f++;
		}
	}
	*spec = (struct handover_spec){
		.profile = sc->profile,
		.liveupdate_num = sc->liveupdate_num,
		.sessions = sessions,
		.session_count = sc->session_count,
		.flbs = sc->flbs,
		.flb_count = sc->flb_count,
		.reserve_mem = sc->reserve_mem,
		.reserve_mem_count = sc->reserve_mem_count,
		.previous_release = sc->release,
		.kexec_count = sc->kexec_count,
	};
}

/* The scratch array: the first page of the last scratch area. */
static void write_scratch(struct mkh_state *s)
{
	struct mkh_scenario *sc = s->sc;
	u32 i;

	memset(s->scratch_page, 0, sizeof(s->scratch_page));
	for (i = 0; i < sc->scratch_count; i++) {
		u8 *e = ABI_ELEM(s->scratch_page, struct kho_scratch_ser, i);

		ABI_PUT_LE64(e, struct kho_scratch_ser, addr,
			     sc->scratch[i].addr);
		ABI_PUT_LE64(e, struct kho_scratch_ser, size,
			     sc->scratch[i].size);
	}
	s->rec = (struct boot_kho_record){
		.present = true,
		.len = sizeof(struct kho_data_ser),
		.fdt_addr = s->b.fdt_pa,
		.fdt_size = PAGE_SIZE,
		.scratch_addr = sc->scratch[sc->scratch_count - 1].addr,
		.scratch_size = 16ULL * sc->scratch_count,
	};
}

bool mkh_build(struct mkh_scenario *sc, struct mkh_state *s)
{
	struct handover_spec spec;

	memset(s, 0, sizeof(*s));
	s->sc = sc;
	if (sc->corrupt && sc->corrupt->spec)
		sc->corrupt->spec(sc);
	if (!host_arena_init_sparse(&s->arena, sc->arena, sc->arena_size)) {
		mkh_error("cannot map %llu bytes of simulated memory",
			  (unsigned long long)sc->arena_size);
		return false;
	}
	host_arena_builder_alloc(&s->arena, &s->alloc);
	s->preserved = calloc(PRESERVED_CAP, sizeof(u64));
	if (!s->preserved ||
	    !handover_builder_init(&s->b, &s->alloc, sc->profile,
				   s->preserved, PRESERVED_CAP)) {
		mkh_error("builder: no room for the KHO root");
		return false;
	}
	make_spec(sc, &spec);
	s->damage = (struct host_damage){
		.b = &s->b, .rec = &s->rec, .mem_base = sc->arena,
		.mem_size = sc->arena_size, .scratch = sc->scratch[0].addr,
		.owner = s,
	};
	if (sc->corrupt && sc->corrupt->pre)
		sc->corrupt->pre(&s->damage);
	if (!handover_build(&s->b, &spec) || s->b.failed) {
		mkh_error("builder failed: arena [0x%llx, +0x%llx) too small",
			  (unsigned long long)sc->arena,
			  (unsigned long long)sc->arena_size);
		return false;
	}
	write_scratch(s);
	return true;
}

/*
 * baton's storage: folios and index from what its memory phase counts,
 * sessions, files and memfds growing as found (boot/flow.h)
 */
static bool storage_alloc(struct mkh_state *s, u64 entries)
{
	const struct host_storage_caps caps = {
		.sessions = 64, .files = 64,
		.folios = entries, .preserved = entries, .map_pages = 1u << 16,
		.grow = true,
	};
	bool ok = host_storage_alloc(&s->st, &caps);

	s->m = calloc(1, sizeof(*s->m));
	s->items = calloc(FLOW_HANDOVER_FINDINGS, sizeof(*s->items));
	return ok && s->m && s->items;
}

static void storage_free(struct mkh_state *s)
{
	host_storage_free(&s->st);
	free(s->m);
	free(s->items);
	s->m = NULL;
	s->items = NULL;
}

static bool parse_once(struct mkh_state *s, u64 entries)
{
	storage_free(s);
	if (!storage_alloc(s, entries)) {
		mkh_error("out of memory for the model");
		return false;
	}
	finding_list_init(&s->findings, s->items, FLOW_HANDOVER_FINDINGS);
	handover_parse(&s->cfg, &s->st, s->m, &s->findings);
	return true;
}

/*
 * Twice: baton sizes its folio and index storage from the entries its
 * memory phase walked (boot/phase_handover.c), which the first, generous
 * pass counts; the second pass uses exactly baton's sizes.
 */
bool mkh_parse(struct mkh_state *s)
{
	struct mkh_scenario *sc = s->sc;
	u64 arr = s->rec.scratch_addr & ~(u64)(PAGE_SIZE - 1);
	u32 i;

	/* the arena, and the scratch array's page, sorted */
	s->windows[0] = (struct phys_window){ s->arena.base, s->arena.size,
					      s->arena.mem };
	s->windows[1] = (struct phys_window){ arr, PAGE_SIZE, s->scratch_page };
	if (arr < s->arena.base) {
		struct phys_window w = s->windows[0];

		s->windows[0] = s->windows[1];
		s->windows[1] = w;
	}
	if (!phys_view_init(&s->view, s->windows, 2)) {
		mkh_error("the scratch array page overlaps the arena");
		return false;
	}
	for (i = 0; i < sc->guest_count; i++)
		s->ram[i] = (struct phys_range){ sc->guest[i].addr,
						 sc->guest[i].size };
	s->cfg = (struct handover_config){
		.view = &s->view, .kho = s->rec, .ram = s->ram,
		.ram_count = sc->guest_count,
	};
	return parse_once(s, 4 * s->b.preserved_count + (1u << 16)) &&
	       parse_once(s, s->m->map.entries + 16);
}
