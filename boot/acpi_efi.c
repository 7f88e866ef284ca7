// SPDX-License-Identifier: MIT
/*
 * ACPI from the UEFI system table (boot/acpi_efi.h). The memory map is
 * read through a view of its own bytes; the system table, configuration
 * table, RSDP and every ACPI table through a view of the map's firmware
 * regions (runtime services data, ACPI reclaim, ACPI NVS): a pointer
 * outside them is not followed.
 */
#include <stddef.h>
#include <string.h>
#include <baton/physmem.h>
#include <boot/acpi_efi.h>
#include <drivers/acpi/acpi_tables.h>

#define EFI_SYSTAB_SIGNATURE	0x5453595320494249ULL	/* "IBI SYST" */
#define CONFIG_TABLES_MAX	256
#define MEMMAP_DESCS_MAX	4096
#define FW_WINDOWS_MAX		64

/* UEFI memory types whose regions may hold the tables. */
#define EFI_RUNTIME_SERVICES_DATA	6
#define EFI_ACPI_RECLAIM_MEMORY		9
#define EFI_ACPI_MEMORY_NVS		10

/* EFI_SYSTEM_TABLE (64-bit) up to the configuration table pointer. */
struct efi_systab64 {
	u64 signature;
	u32 revision;
	u32 header_size;
	u32 crc32;
	u32 reserved;
	u64 firmware_vendor;
	u32 firmware_revision;
	u32 pad;
	u64 con_in_handle;
	u64 con_in;
	u64 con_out_handle;
	u64 con_out;
	u64 stderr_handle;
	u64 std_err;
	u64 runtime_services;
	u64 boot_services;
	u64 nr_tables;
	u64 tables;
} __packed;
_Static_assert(offsetof(struct efi_systab64, nr_tables) == 104, "nr_tables");

struct efi_config_table64 {
	u8 guid[16];
	u64 table;
} __packed;
_Static_assert(sizeof(struct efi_config_table64) == 24, "config table");

struct efi_memory_desc64 {
	u32 type;
	u32 pad;
	u64 phys_start;
	u64 virt_start;
	u64 pages;
	u64 attribute;
} __packed;
_Static_assert(sizeof(struct efi_memory_desc64) == 40, "memory descriptor");

/* ACPI_20_TABLE_GUID and ACPI_TABLE_GUID, in memory order. */
static const u8 acpi20_guid[16] = { 0x71, 0xe8, 0x68, 0x88, 0xf1, 0xe4,
				    0xd3, 0x11, 0xbc, 0x22, 0x00, 0x80,
				    0xc7, 0x3c, 0x88, 0x81 };
static const u8 acpi10_guid[16] = { 0x30, 0x2d, 0x9d, 0xeb, 0x88, 0x2d,
				    0xd3, 0x11, 0x9a, 0x16, 0x00, 0x90,
				    0x27, 0x3f, 0xc1, 0x4d };

static struct phys_window fw_windows[FW_WINDOWS_MAX];
static struct phys_view fw_view;
static struct acpi_tables tables;

static u64 join(u32 lo, u32 hi)
{
	return (u64)hi << 32 | lo;
}

/* Inserts [pa, +size) by address; a full array just makes the view smaller. */
static void add_region(u32 *n, u64 pa, u64 size)
{
	u32 i;

	if (!size || *n == FW_WINDOWS_MAX)
		return;
	for (i = *n; i > 0 && fw_windows[i - 1].pa > pa; i--)
		fw_windows[i] = fw_windows[i - 1];
	fw_windows[i] = (struct phys_window){ .pa = pa, .size = size,
					      .host = (const u8 *)(uintptr_t)pa };
	(*n)++;
}

static bool firmware_view(const struct boot_info *bi, const char **why)
{
	u64 map = join(bi->efi.memmap, bi->efi.memmap_hi);
	u32 size = bi->efi.memmap_size, step = bi->efi.memdesc_size;
	struct phys_window map_window = { .pa = map, .size = size,
					  .host = (const u8 *)(uintptr_t)map };
	struct phys_view map_view;
	u32 i, n = 0;

	if (!map || !size || step < sizeof(struct efi_memory_desc64) ||
	    size / step > MEMMAP_DESCS_MAX ||
	    !phys_view_init(&map_view, &map_window, 1)) {
		*why = "no usable UEFI memory map in /chosen";
		return false;
	}
	for (i = 0; i < size / step; i++) {
		struct efi_memory_desc64 d;

		if (!phys_read(&map_view, map + (u64)i * step, &d, sizeof(d)))
			break;
		if ((d.type == EFI_RUNTIME_SERVICES_DATA ||
		     d.type == EFI_ACPI_RECLAIM_MEMORY ||
		     d.type == EFI_ACPI_MEMORY_NVS) &&
		    d.pages && d.pages < (1ULL << (64 - PAGE_SHIFT)))
			add_region(&n, d.phys_start, d.pages << PAGE_SHIFT);
	}
	if (!phys_view_init(&fw_view, fw_windows, n)) {
		*why = "UEFI memory map regions overlap";
		return false;
	}
	return true;
}

/* The ACPI 2.0 table's address, else ACPI 1.0's, else 0. */
static phys_addr_t rsdp_from_systab(u64 systab_pa, const char **why)
{
	struct efi_systab64 st;
	struct efi_config_table64 ct;
	phys_addr_t acpi10 = 0;
	u64 i;

	if (!phys_read(&fw_view, systab_pa, &st, sizeof(st)) ||
	    st.signature != EFI_SYSTAB_SIGNATURE) {
		*why = "the UEFI system table is not readable or has no signature";
		return 0;
	}
	for (i = 0; i < st.nr_tables && i < CONFIG_TABLES_MAX; i++) {
		if (!phys_read(&fw_view, st.tables + i * sizeof(ct), &ct,
			       sizeof(ct)))
			break;
		if (!memcmp(ct.guid, acpi20_guid, sizeof(ct.guid)))
			return ct.table;
		if (!memcmp(ct.guid, acpi10_guid, sizeof(ct.guid)))
			acpi10 = ct.table;
	}
	if (!acpi10)
		*why = "no ACPI table in the UEFI configuration tables";
	return acpi10;
}

bool acpi_efi_spcr(const struct boot_info *bi, struct spcr_console *out,
		   const char **why, struct finding_list *findings)
{
	u64 systab = join(bi->efi.systab, bi->efi.systab_hi);
	phys_addr_t rsdp;

	*why = "no linux,uefi-system-table in /chosen";
	if (!systab || !firmware_view(bi, why))
		return false;
	rsdp = rsdp_from_systab(systab, why);
	if (!rsdp)
		return false;
	*why = "the ACPI tables did not check out";
	if (!acpi_tables_init(&tables, &fw_view, rsdp, findings))
		return false;
	*why = "no usable SPCR table";
	return spcr_find(&tables, out, findings);
}
