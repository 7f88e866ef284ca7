// SPDX-License-Identifier: MIT
/*
 * The handover phase: the full KHO + LUO parse and validation over the
 * identity RAM view, with the model's arrays allocated from mm (sized from
 * what the memory phase counted), so the whole handover fits whatever its
 * size.
 */
#include <string.h>
#include <baton/log.h>
#include <boot/flow.h>
#include <luo/handover.h>

static struct handover_model model;

#define FLOW_LUO_VISIT_FIRST	9216

static void *alloc_array(struct flow *f, u64 count, u64 item_size, u64 *cap)
{
	void *p;

	*cap = 0;
	if (!f->mm_ready || !count)
		return NULL;
	p = flow_alloc(f, count * item_size);
	if (!p) {
		pr_warn("handover: no room for %llu model entries: %s\n",
			(unsigned long long)count, f->mm->error);
		return NULL;
	}
	*cap = count;
	return p;
}

/*
 * Growth of the model's sessions, files, memfds, folios and duplicate-check
 * work (model_storage.grow): a fresh mm range, the old bytes copied. mm
 * cannot free, so the old range stays allocated: doubling keeps that
 * below the final size.
 */
static void *grow_array(void *ctx, void *old, u64 old_bytes, u64 new_bytes)
{
	struct flow *f = ctx;
	void *p = flow_alloc(f, new_bytes);

	if (!p) {
		pr_warn("handover: no room to grow model storage to %llu bytes: %s\n",
			(unsigned long long)new_bytes, f->mm->error);
		return NULL;
	}
	if (old_bytes)
		memcpy(p, old, old_bytes);
	return p;
}

/*
 * Every folio is one preserved map entry, so the map walk of the memory
 * phase sizes them; the preserved index holds runs, so it starts from the
 * runs that walk counted (runs of mixed orders split: it grows like the
 * rest); sessions, files and memfds grow as the LUO walk finds them (no
 * fixed capacity).
 */
void flow_handover_storage(struct flow *f, struct model_storage *st,
			   u64 extra_entries, u64 extra_map_pages)
{
	u64 entries = f->mm->preserved_count + f->bridge_entries +
		      extra_entries;
	u64 cap;

	if (f->mm_ready) {
		st->grow = grow_array;
		st->grow_ctx = f;
	}
	st->folios = alloc_array(f, entries, sizeof(*st->folios), &cap);
	st->folios_cap = cap;
	st->preserved = alloc_array(f, f->mm->scan.runs[0] +
				    f->bridge_entries + extra_entries + 64,
				    sizeof(*st->preserved), &st->preserved_cap);
	extra_map_pages += f->bridge_map_pages;
	st->map_pages = alloc_array(f, f->mm->map_pages + extra_map_pages,
				    sizeof(*st->map_pages),
				    &st->map_pages_cap);
	/*
	 * The map walk's visited set, for the pages the memory phase walked;
	 * without mm (its walks failed) the memory phase's pool, so that the
	 * handover is still validated as far as that pool reaches.
	 */
	st->map_visit = alloc_array(f, visit_set_slots_for(f->mm->map_pages +
							   extra_map_pages),
				    sizeof(*st->map_visit),
				    &st->map_visit_slots);
	if (!st->map_visit)
		st->map_visit = flow_map_visit_pool(&st->map_visit_slots);
	/*
	 * The LUO walks' visited set (blocks, descriptors, vmalloc chunks):
	 * 9216 structures to start with, then it grows with what the walks
	 * find (visit_set.grow), as the model's arrays do.
	 */
	st->luo_visit = alloc_array(f, visit_set_slots_for(FLOW_LUO_VISIT_FIRST),
				    sizeof(*st->luo_visit),
				    &st->luo_visit_slots);
}

void phase_handover(struct flow *f)
{
	struct model_storage st = { 0 };

	if (!f->bi->kho.present) {
		flow_mark(f, "handover");
		return;
	}
	flow_handover_storage(f, &st, 16, 16);
	handover_validate(f->ram_view, &f->bi->kho, &st, &model,
			  f->handover_findings);
	f->model = &model;
	flow_mark(f, "handover");
}
