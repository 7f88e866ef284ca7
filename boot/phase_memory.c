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

static void print_mm_line(void *ctx, const char *text)
{
	pr_info("%s\n", text);
}

static void parse_kho_layer(struct flow *f)
{
	struct handover_config cfg = { .view = f->ram_view, .kho = f->bi->kho };
	struct model_storage none = { 0 };
	struct finding_list discarded;

	finding_list_init(&discarded, discarded_storage,
			  ARRAY_SIZE(discarded_storage));
	kho_parse(&cfg, &none, &kho_layer, &discarded);
}

static void walk_preserved_map(struct flow *f, const struct kho_map_sink *sink)
{
	struct finding_list discarded;
	struct handover_access ha;
	struct kho_map_stats stats = { 0 };

	finding_list_init(&discarded, discarded_storage,
			  ARRAY_SIZE(discarded_storage));
	handover_access_init(&ha, f->ram_view, &discarded);
	if (!kho_layer.mem_map)
		return;
	if (kho_layer.kho == KHO_VERSION_V1)
		kho_v1_walk(&ha, kho_layer.mem_map, kho_layer.v1_variant, sink,
			    &stats);
	else
		kho_radix_walk(&ha, kho_layer.mem_map, sink, &stats);
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

	walk_preserved_map(f, &scan);
	if (mm_arena_place(f->mm, &pa, &size) ||
	    mm_arena_attach(f->mm, (void *)(uintptr_t)pa, pa, size))
		return -1;
	pr_info("mm: occupied-set arena [0x%llx-0x%llx)\n",
		(unsigned long long)pa, (unsigned long long)(pa + size));
	walk_preserved_map(f, &reserve);
	return 0;
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
