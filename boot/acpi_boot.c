// SPDX-License-Identifier: MIT
/*
 * Where the ACPI tables are read from: a view over the e820 entries
 * firmware tables live in (RAM, ACPI, NVS, and reserved when the entry
 * mapped all low memory) plus, without an RSDP from the loader and without
 * EFI, the PC BIOS area where it is searched for, all clipped to what the
 * entry's page tables map. Once checked, the
 * tables are published with a view of exactly their own bytes.
 */
#include <string.h>
#include <baton/arch.h>
#include <baton/cmdline.h>
#include <baton/log.h>
#include <baton/printf.h>
#include <boot/acpi_boot.h>
#include <drivers/acpi/acpi_tables.h>
#include <drivers/acpi/spcr.h>
#include <drivers/console.h>

#define BIOS_AREA_START	0xe0000ULL
#define BIOS_AREA_END	0x100000ULL

static struct phys_window fw_windows[BOOT_E820_MAX + 1];
static struct phys_view fw_view;
static struct phys_window table_windows[ACPI_TABLES_MAX];
static struct phys_view table_view;
static struct acpi_tables tables;
static char note[96];

/* Adds [start, end) to the sorted, disjoint windows, merging overlaps. */
static void add_window(struct phys_window *w, u32 *n, u32 max, u64 start,
		       u64 end)
{
	u32 i = 0, j;

	if (start >= end)
		return;
	while (i < *n && w[i].pa + w[i].size < start)
		i++;
	j = i;
	while (j < *n && w[j].pa <= end) {
		start = MIN(start, w[j].pa);
		end = MAX(end, w[j].pa + w[j].size);
		j++;
	}
	if (j == i) {
		if (*n == max)
			return;		/* only makes the view smaller */
		memmove(&w[i + 1], &w[i], (*n - i) * sizeof(*w));
		(*n)++;
	} else {
		memmove(&w[i + 1], &w[j], (*n - j) * sizeof(*w));
		*n -= j - i - 1;
	}
	w[i].pa = start;
	w[i].size = end - start;
	w[i].host = (const u8 *)(uintptr_t)start;
}

/*
 * The PVH and 32-bit entries identity-map all of [0, 4 GiB) (head.S), so
 * reserved memory below 4 GiB can be read; the 64-bit entry's map (kexec's)
 * is only known to cover RAM, ACPI and NVS.
 */
static bool low_memory_mapped(void)
{
	return arch_paging_mapped_limit() <= SZ_4G;
}

static bool firmware_type(u32 type)
{
	return type == E820_TYPE_RAM || type == E820_TYPE_ACPI ||
	       type == E820_TYPE_NVS ||
	       (type == E820_TYPE_RESERVED && low_memory_mapped());
}

static bool bios_scan_allowed(const struct boot_info *bi)
{
	return !bi->acpi_rsdp_addr && !bi->efi.systab && !bi->efi.systab_hi &&
	       low_memory_mapped();
}

static void build_firmware_view(const struct boot_info *bi)
{
	u64 limit = arch_paging_mapped_limit(), end;
	u32 i, n = 0;

	for (i = 0; i < bi->e820_count; i++) {
		const struct boot_e820_entry *e = &bi->e820[i];

		if (!firmware_type(e->type))
			continue;
		if (!range_end(e->addr, e->size, &end))
			end = ~0ULL;
		add_window(fw_windows, &n, ARRAY_SIZE(fw_windows),
			   MAX(e->addr, PAGE_SIZE), MIN(end, limit));
	}
	if (bios_scan_allowed(bi))
		add_window(fw_windows, &n, ARRAY_SIZE(fw_windows),
			   BIOS_AREA_START, MIN(BIOS_AREA_END, limit));
	phys_view_init(&fw_view, fw_windows, n);
}

/*
 * The RSDP acpi_rsdp= names, else the one the loader passed, else the
 * BIOS way: 0xe0000-0xfffff (the EBDA is not searched: its segment lives
 * in page 0, which no view holds).
 */
static phys_addr_t find_rsdp(const struct boot_info *bi)
{
	u64 pa;

	/* Linux's acpi_rsdp=: the user knows better than the loader. */
	if (cmdline_get_u64(bi->cmdline, "acpi_rsdp", &pa) && pa)
		return pa;
	if (bi->acpi_rsdp_addr || !bios_scan_allowed(bi))
		return bi->acpi_rsdp_addr;
	return acpi_rsdp_scan(&fw_view, BIOS_AREA_START,
			      BIOS_AREA_END - BIOS_AREA_START);
}

/* From now on only the checked tables are readable (and mapped). */
static void publish_tables(void)
{
	u32 i, n = 0;

	for (i = 0; i < tables.count; i++)
		add_window(table_windows, &n, ARRAY_SIZE(table_windows),
			   tables.tables[i].pa,
			   tables.tables[i].pa + tables.tables[i].length);
	phys_view_init(&table_view, table_windows, n);
	tables.view = &table_view;
	acpi_system_set(&tables);
}

static const char *spcr_port_name(const struct uart_spec *u)
{
	static const char *const names[] = { "ttyS0", "ttyS1", "ttyS2",
					     "ttyS3" };
	static const u16 ports[] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };
	u32 i;

	for (i = 0; u->access == UART_IO && i < ARRAY_SIZE(ports); i++)
		if (u->base == ports[i])
			return names[i];
	return NULL;
}

void acpi_boot_consoles(const struct boot_info *bi,
			struct finding_list *findings)
{
	struct console_options opts;
	struct spcr_console spcr;
	bool have_spcr = false;
	const char *port;
	phys_addr_t rsdp;
	char origin[40];

	build_firmware_view(bi);
	rsdp = find_rsdp(bi);
	if (rsdp && !phys_backed(&fw_view, rsdp, ACPI_RSDP_V1_SIZE)) {
		/* Not bad, just not mapped by the loader (kexec, reserved). */
		baton_snprintf(note, sizeof(note),
			       "ACPI not read: RSDP 0x%llx outside what the entry maps",
			       (unsigned long long)rsdp);
		console_note(note);
		rsdp = 0;
	}
	if (rsdp && acpi_tables_init(&tables, &fw_view, rsdp, findings)) {
		have_spcr = spcr_find(&tables, &spcr, findings);
		publish_tables();
	}
	if (have_spcr && spcr.kind != SPCR_UART_8250)
		have_spcr = false;	/* a PL011: the arm64 flow's */
	port = have_spcr ? spcr_port_name(&spcr.uart) : NULL;
	baton_snprintf(origin, sizeof(origin), "%s%s%sfrom ACPI SPCR",
		       port ? "(" : "", port ? port : "", port ? ") " : "");
	console_setup_firmware(bi->cmdline, have_spcr ? &spcr.uart : NULL,
			       origin);
	console_options_parse(bi->cmdline, &opts);
	if (have_spcr && !opts.uart_defaulted) {
		baton_snprintf(note, sizeof(note),
			       "ACPI SPCR's uart8250 %s 0x%llx not used: the command line names the console",
			       spcr.uart.access == UART_IO ? "io" : "mmio",
			       (unsigned long long)spcr.uart.base);
		console_note(note);
	}
}
