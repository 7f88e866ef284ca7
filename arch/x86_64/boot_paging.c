// SPDX-License-Identifier: MIT
/*
 * The first set of baton-owned page tables: every e820 RAM/ACPI/NVS range,
 * every structure the handover points to (boot_params, command line,
 * setup_data, initrd, KHO FDT and scratch array), writable and no-exec,
 * baton's image (text read-only+exec), and the MMIO pages of the consoles
 * (uncached). The loader's tables (old-kernel memory outside scratch, or
 * the PVH tables) are no longer used afterwards.
 */
#include <baton/arch.h>
#include <baton/bootinfo.h>
#include <baton/log.h>
#include <boot/boot_params.h>
#include <drivers/console.h>
#include <arch/x86_64/arch.h>

#define EXTRA_RANGES	(BOOT_SETUP_DATA_MAX + 8 + CONSOLE_MAX)

static struct arch_map_range ranges[BOOT_E820_MAX + EXTRA_RANGES];

static void add(u32 *n, phys_addr_t pa, u64 size, u32 attrs)
{
	if (!size || *n == ARRAY_SIZE(ranges))
		return;
	ranges[*n].pa = pa;
	ranges[*n].size = size;
	ranges[*n].attrs = attrs;
	(*n)++;
}

static u32 collect_ranges(const struct boot_info *bi)
{
	phys_addr_t mmio[CONSOLE_MAX];
	u32 i, n = 0, count;

	for (i = 0; i < bi->e820_count; i++)
		if (bootinfo_e820_type_is_ram(bi->e820[i].type))
			add(&n, bi->e820[i].addr, bi->e820[i].size,
			    ARCH_MAP_WRITE);
	add(&n, bi->boot_params_pa, BOOT_PARAMS_SIZE, ARCH_MAP_WRITE);
	add(&n, bi->start_info_pa, PAGE_SIZE, ARCH_MAP_WRITE);
	add(&n, bi->cmdline_pa, bi->cmdline_pa ? bi->cmdline_len + 1 : 0,
	    ARCH_MAP_WRITE);
	add(&n, bi->initrd_pa, bi->initrd_pa ? bi->initrd_size : 0,
	    ARCH_MAP_WRITE);
	for (i = 0; i < bi->setup_data_count; i++)
		add(&n, bi->setup_data[i].pa, 16 + (u64)bi->setup_data[i].len,
		    ARCH_MAP_WRITE);
	if (bi->kho.present) {
		add(&n, bi->kho.fdt_addr, bi->kho.fdt_size, ARCH_MAP_WRITE);
		add(&n, bi->kho.scratch_addr, bi->kho.scratch_size,
		    ARCH_MAP_WRITE);
	}
	count = console_mmio_pages(mmio, CONSOLE_MAX);
	for (i = 0; i < count; i++)
		add(&n, mmio[i], PAGE_SIZE, ARCH_MAP_WRITE | ARCH_MAP_DEVICE);
	return n;
}

int arch_paging_setup(const struct boot_info *bi, arch_page_alloc_fn alloc,
		      void *alloc_ctx)
{
	u32 n = collect_ranges(bi);

	if (arch_paging_init(ranges, n, alloc, alloc_ctx)) {
		pr_err("paging: staying on the loader's page tables\n");
		return -1;
	}
	pr_info("paging: own tables active, %d-level, %s pages, %u ranges, %u table pages\n",
		arch_paging_levels(),
		arch_cpu_has_gb_pages() ? "1 GiB" : "2 MiB", n,
		arch_paging_pages_used());
	console_enable_mapped();
	return 0;
}
