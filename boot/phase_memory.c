// SPDX-License-Identifier: MIT
/*
 * The memory phase: builds the memory model in mm/mm.h's call order, from
 * the e820 map, the KHO scratch areas, the boot data and two walks of the
 * preserved-memory map, so that every later allocation lands in free
 * scratch and never on preserved memory.
 */
#include <baton/log.h>
#include <boot/flow.h>
#include <luo/handover.h>
#include <luo/kho_map.h>

/*
 * The KHO layer parsed once up front, only for what mm needs (scratch
 * array, map root, kho-v1 bitmap size). Its findings are discarded: the
 * full parse (phase_handover) reports them.
 */
static struct handover_model kho_layer;
static struct finding discarded_storage[8];

/*
 * The visited set of the memory phase's map walks (the kho-v1 size
 * detection, walk #1 and walk #2): they run before any allocator exists,
 * so it is .bss. 1 MiB = 131072 slots remember 98304 map pages (3/4
 * load): a radix map with that many tables and leaves, i.e. scattered
 * order-0 pages over some 12 TiB (a leaf covers 128 MiB), kho-v1 with
 * 4096-byte bitmaps the same, with 512-byte bitmaps some 1.5 TiB. A larger
 * map stops the walk (E_NOT_VALIDATED) and nothing is allocated: baton
 * does not chain on a map it could not reserve. Once the phase is over the
 * handover phase may reuse it (flow_map_visit_pool).
 */
#define MAP_VISIT_SLOTS		(1u << 17)
static u64 map_visit_pool[MAP_VISIT_SLOTS];

u64 *flow_map_visit_pool(u64 *slots)
{
	*slots = MAP_VISIT_SLOTS;
	return map_visit_pool;
}

static void print_mm_line(void *ctx, const char *text)
{
	pr_info("%s\n", text);
}

/* Up to the map's root and kho-v1 bitmap size: the walks come below. */
static void parse_kho_layer(struct flow *f)
{
	struct handover_config cfg = { .view = f->ram_view, .kho = f->bi->kho,
				       .map_root_only = true };
	struct model_storage st = { .map_visit = map_visit_pool,
				    .map_visit_slots = MAP_VISIT_SLOTS };
	struct finding_list discarded;

	finding_list_init(&discarded, discarded_storage,
			  ARRAY_SIZE(discarded_storage));
	kho_parse(&cfg, &st, &kho_layer, &discarded);
}

/*
 * One walk of the map into mm's sinks, each map page entered once. A walk
 * that stopped (visited set full) leaves mm broken: nothing is allocated
 * and the payload does not chain, as preserved ranges beyond are unknown.
 */
static int walk_preserved_map(struct flow *f, const struct kho_map_sink *sink,
			      unsigned int walk)
{
	struct finding_list discarded;
	struct handover_access ha;
	struct kho_map_stats stats = { 0 };
	phys_addr_t root = kho_layer.mem_map;

	finding_list_init(&discarded, discarded_storage,
			  ARRAY_SIZE(discarded_storage));
	handover_access_init(&ha, f->ram_view, &discarded);
	if (!root)
		return 0;
	if (kho_layer.kho == KHO_VERSION_V1)
		kho_v1_walk(&ha, root, kho_layer.v1_variant,
			    &kho_layer.map_visit, sink, &stats);
	else
		kho_radix_walk(&ha, root, &kho_layer.map_visit, sink, &stats);
	return mm_map_walk_result(f->mm, walk, root, stats.incomplete,
				  kho_layer.map_visit.used);
}

static void add_scratch_areas(struct mm *mm)
{
	u32 i;

	for (i = 0; i < kho_layer.scratch_count; i++)
		mm_add_scratch_area(mm, kho_layer.scratch[i].addr,
				    kho_layer.scratch[i].size);
}

/* The EFI memory map efi_info points to is boot data mm does not know. */
static int reserve_efi_memmap(struct flow *f)
{
	const struct boot_efi_info *efi = &f->bi->efi;
	phys_addr_t pa = ((u64)efi->memmap_hi << 32) | efi->memmap;

	if (!pa || !efi->memmap_size)
		return 0;
	return mm_reserve(f->mm, pa, efi->memmap_size, MM_KIND_BOOT_PARAMS);
}

static int reserve_known_occupants(struct flow *f, bool handover)
{
	if (handover)
		add_scratch_areas(f->mm);
	if (mm_reserve_boot_info(f->mm, f->bi) || reserve_efi_memmap(f))
		return -1;
	/*
	 * The old kernel's page tables (MM_KIND_OLD_PAGE_TABLE) are not
	 * enumerated: baton switched to its own tables, built from its .bss
	 * pool, before the first allocation, so nothing can still depend on
	 * them. See docs/boot.md.
	 */
	return 0;
}

static int reserve_preserved(struct flow *f)
{
	struct kho_map_sink scan = {
		.ctx = f->mm, .preserved = mm_scan_preserved,
		.preserved_run = mm_scan_preserved_run,
		.map_page = mm_scan_map_page,
	};
	struct kho_map_sink reserve = {
		.ctx = f->mm, .preserved = mm_reserve_preserved,
		.preserved_run = mm_reserve_preserved_run,
		.map_page = mm_reserve_map_page,
	};
	phys_addr_t pa;
	u64 size;

	if (walk_preserved_map(f, &scan, 1) ||
	    mm_arena_place(f->mm, &pa, &size) ||
	    mm_arena_attach(f->mm, (void *)(uintptr_t)pa, pa, size))
		return -1;
	pr_info("mm: occupied-set arena [0x%llx-0x%llx)\n",
		(unsigned long long)pa, (unsigned long long)(pa + size));
	return walk_preserved_map(f, &reserve, 2);
}

void phase_memory(struct flow *f)
{
	struct mm *mm = f->mm;
	bool handover = f->bi->kho.present;

	/* Even when the map cannot be read, the scratch areas stay the pool. */
	if (handover)
		parse_kho_layer(f);
	mm_init(mm, f->mm_findings);
	mm_load_e820(mm, f->bi->e820, f->bi->e820_count);
	if (reserve_known_occupants(f, handover) ||
	    (handover && reserve_preserved(f)) || mm_reserve_commit(mm)) {
		pr_err("memory: model incomplete, no allocation allowed: %s\n",
		       mm->error);
		flow_mark(f, "memory");
		return;
	}
	mm_check_invariants(mm);
	f->mm_ready = true;
	mm_print_summary(mm, print_mm_line, NULL);
	flow_mark(f, "memory");
}
