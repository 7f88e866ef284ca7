// SPDX-License-Identifier: MIT
/*
 * The first set of baton-owned page tables: every e820 RAM/ACPI/NVS range,
 * every structure the handover points to (boot_params, command line,
 * setup_data, initrd, KHO FDT and scratch array), writable and no-exec,
 * baton's image (text read-only+exec), the MMIO ranges of the consoles
 * (UART pages, a framebuffer; uncached) and the checked ACPI tables (read-only). The loader's tables
 * (old-kernel memory outside scratch, or the PVH tables) are no longer
 * used afterwards.
 */
#include <baton/arch.h>
#include <baton/bootinfo.h>
#include <baton/log.h>
#include <baton/linux_boot_params.h>
#include <drivers/acpi/acpi_tables.h>
#include <drivers/console.h>
#include <arch/x86_64/arch.h>

#define EXTRA_RANGES	(BOOT_SETUP_DATA_MAX + 8 + CONSOLE_MAX + ACPI_TABLES_MAX)

static struct arch_map_range ranges[BOOT_E820_MAX + EXTRA_RANGES];

struct collect {
	u32 n;
	u64 limit;	/* size of the physical address space we can map */
	u64 top;	/* end of the highest e820 entry of any type */
};

static void add(struct collect *c, phys_addr_t pa, u64 size, u32 attrs)
{
	if (!size || c->n == ARRAY_SIZE(ranges))
		return;
	ranges[c->n].pa = pa;
	ranges[c->n].size = size;
	ranges[c->n].attrs = attrs;
	c->n++;
}

/*
 * A pointer from the handover is mapped only if it lies below the top of
 * the memory map: a bogus size or address must not stop baton from
 * getting its own page tables (validation reports it elsewhere).
 */
static void add_pointer(struct collect *c, const char *what, phys_addr_t pa,
			u64 size)
{
	u64 end;

	if (!pa || !size)
		return;
	if (!range_end(pa, size, &end) || end > c->top) {
		pr_warn("paging: not mapping %s 0x%llx+0x%llx: beyond the memory map\n",
			what, (unsigned long long)pa, (unsigned long long)size);
		return;
	}
	add(c, pa, size, ARCH_MAP_WRITE);
}

static void add_e820(struct collect *c, const struct boot_e820_entry *e)
{
	u64 end;

	if (!range_end(e->addr, e->size, &end))
		end = ~0ULL;
	if (end > c->limit) {
		pr_warn("paging: e820 [0x%llx-0x%llx) clipped to the %llu-bit address space\n",
			(unsigned long long)e->addr, (unsigned long long)end,
			(unsigned long long)__builtin_ctzll(c->limit));
		end = c->limit;
	}
	if (e->addr < end)
		add(c, e->addr, end - e->addr, ARCH_MAP_WRITE);
}

/*
 * The checked ACPI tables (drivers/acpi/), read-only: firmware may keep
 * them in e820 "reserved" memory, which is otherwise left unmapped.
 */
static void add_acpi_tables(struct collect *c)
{
	const struct acpi_tables *t = acpi_system();
	u32 i;

	for (i = 0; t && i < t->count; i++)
		if (t->tables[i].pa + t->tables[i].length <= c->top)
			add(c, t->tables[i].pa, t->tables[i].length, 0);
}

static u32 collect_ranges(const struct boot_info *bi)
{
	struct collect c = { 0, arch_paging_limit(), SZ_4G };
	phys_addr_t mmio[CONSOLE_MAX];
	u64 mmio_size[CONSOLE_MAX];
	u32 i, count;
	u64 end;

	for (i = 0; i < bi->e820_count; i++)
		if (range_end(bi->e820[i].addr, bi->e820[i].size, &end) &&
		    end > c.top)
			c.top = MIN(end, c.limit);
	/* First, so RAM mapped below keeps its write permission. */
	add_acpi_tables(&c);
	for (i = 0; i < bi->e820_count; i++)
		if (bootinfo_e820_type_is_ram(bi->e820[i].type))
			add_e820(&c, &bi->e820[i]);
	add_pointer(&c, "boot_params", bi->boot_params_pa, BOOT_PARAMS_SIZE);
	add_pointer(&c, "start_info", bi->start_info_pa, PAGE_SIZE);
	add_pointer(&c, "command line", bi->cmdline_pa, bi->cmdline_len + 1);
	add_pointer(&c, "initrd", bi->initrd_pa, bi->initrd_size);
	for (i = 0; i < bi->setup_data_count; i++)
		add_pointer(&c, "setup_data", bi->setup_data[i].pa,
			    16 + (u64)bi->setup_data[i].len);
	if (bi->kho.present) {
		add_pointer(&c, "KHO FDT", bi->kho.fdt_addr, bi->kho.fdt_size);
		add_pointer(&c, "KHO scratch array", bi->kho.scratch_addr,
			    bi->kho.scratch_size);
	}
	count = console_mmio_ranges(mmio, mmio_size, CONSOLE_MAX);
	for (i = 0; i < count; i++)
		add(&c, mmio[i], mmio_size[i], ARCH_MAP_WRITE | ARCH_MAP_DEVICE);
	return c.n;
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
