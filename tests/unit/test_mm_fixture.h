/* SPDX-License-Identifier: MIT */
/*
 * A small machine for the mm/ tests: an e820 map, two scratch areas (array
 * order not address order), boot data inside scratch, and a fake map walker
 * that feeds a list of preserved entries and map pages to mm's sinks.
 */
#ifndef BATON_TEST_MM_FIXTURE_H
#define BATON_TEST_MM_FIXTURE_H

#include <mm/mm.h>

#define FX_AREA0	0x1000000ULL	/* scratch #0: [16M, 20M) */
#define FX_AREA1	0x800000ULL	/* scratch #1: [8M, 12M) */
#define FX_AREA_SIZE	0x400000ULL
#define FX_IMAGE	0x1200000ULL	/* baton image, 1 MiB, in area #0 */
#define FX_IMAGE_SIZE	0x100000ULL
#define FX_BOOT_PARAMS	0x13f9000ULL
#define FX_CMDLINE	0x13fa000ULL
#define FX_SETUP_DATA	0x13fa100ULL
#define FX_SCRATCH_ARR	0x13f0000ULL
#define FX_INITRD	0x1300000ULL	/* 512 KiB */
#define FX_FDT		0x2000000ULL	/* KHO FDT, outside scratch */

struct fx_entry {
	u64 pa;
	unsigned int order;
	bool map_page;		/* a 4 KiB map page instead */
};

static struct finding fx_finding_storage[256];
static struct finding_list fx_findings;
static struct mm fx_mm;
static struct boot_info fx_boot;
static void *fx_arena;
/* Optional change to the boot description before it is reserved. */
static void (*fx_tweak)(struct boot_info *bi);

static const struct boot_e820_entry fx_e820[] = {
	{ 0, 0x9fc00, E820_TYPE_RAM },
	{ 0x9fc00, 0x400, E820_TYPE_RESERVED },
	{ 0xf0000, 0x10000, E820_TYPE_RESERVED },
	{ 0x100000, 0x3f00000, E820_TYPE_RAM },		/* up to 64 MiB */
	{ 0x4000000, 0x100000, E820_TYPE_ACPI },
	{ 0xfee00000, 0x1000, E820_TYPE_RESERVED },
};

static void fx_boot_info(bool handover)
{
	struct boot_info *bi = &fx_boot;

	memset(bi, 0, sizeof(*bi));
	bi->protocol = BOOT_PROTOCOL_LINUX64;
	bi->boot_params_pa = FX_BOOT_PARAMS;
	bi->image_start = FX_IMAGE;
	bi->image_end = FX_IMAGE + FX_IMAGE_SIZE;
	bi->cmdline_pa = FX_CMDLINE;
	bi->cmdline_len = 99;
	bi->initrd_pa = FX_INITRD;
	bi->initrd_size = 0x80000;
	if (!handover)
		return;
	bi->setup_data_count = 1;
	bi->setup_data[0] = (struct boot_setup_data){
		.pa = FX_SETUP_DATA, .type = SETUP_KEXEC_KHO, .len = 32 };
	bi->kho = (struct boot_kho_record){
		.present = true, .setup_data_pa = FX_SETUP_DATA, .len = 32,
		.fdt_addr = FX_FDT, .fdt_size = 4096,
		.scratch_addr = FX_SCRATCH_ARR, .scratch_size = 32 };
}

/* mm_init .. mm_reserve_boot_info. */
static void fx_setup(bool handover)
{
	finding_list_init(&fx_findings, fx_finding_storage,
			  ARRAY_SIZE(fx_finding_storage));
	mm_init(&fx_mm, &fx_findings);
	mm_load_e820(&fx_mm, fx_e820, ARRAY_SIZE(fx_e820));
	if (handover) {
		mm_add_scratch_area(&fx_mm, FX_AREA0, FX_AREA_SIZE);
		mm_add_scratch_area(&fx_mm, FX_AREA1, FX_AREA_SIZE);
	}
	fx_boot_info(handover);
	if (fx_tweak)
		fx_tweak(&fx_boot);
	fx_tweak = NULL;
	mm_reserve_boot_info(&fx_mm, &fx_boot);
}

static void fx_walk(const struct fx_entry *list, size_t count, bool reserve)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (list[i].map_page && reserve)
			mm_reserve_map_page(&fx_mm, list[i].pa, PAGE_SIZE);
		else if (list[i].map_page)
			mm_scan_map_page(&fx_mm, list[i].pa, PAGE_SIZE);
		else if (reserve)
			mm_reserve_preserved(&fx_mm, list[i].pa, list[i].order);
		else
			mm_scan_preserved(&fx_mm, list[i].pa, list[i].order);
	}
}

/* Walk #1, arena, walk #2, commit. Returns mm_reserve_commit's result. */
static int fx_reserve(const struct fx_entry *list, size_t count,
		      u64 arena_shrink)
{
	phys_addr_t pa;
	u64 size;

	fx_walk(list, count, false);
	if (mm_arena_place(&fx_mm, &pa, &size))
		return -2;
	free(fx_arena);
	fx_arena = malloc(size);
	if (mm_arena_attach(&fx_mm, fx_arena, pa, size - arena_shrink))
		return -3;
	fx_walk(list, count, true);
	return mm_reserve_commit(&fx_mm);
}

static __unused u32 fx_count(enum finding_code code)
{
	return finding_list_count_code(&fx_findings, code);
}

static __unused void fx_dump_findings(void)
{
	u32 i;

	for (i = 0; i < fx_findings.count; i++)
		fprintf(stderr, "    finding %s: %s\n",
			finding_code_name(fx_findings.items[i].code),
			fx_findings.items[i].message);
}

#endif
