/* SPDX-License-Identifier: MIT */
/*
 * ACPI on a DTB entry (arm64): the RSDP from the UEFI system table that
 * /chosen's linux,uefi-system-table names, every table read through a view
 * of the firmware regions of the UEFI memory map (linux,uefi-mmap-*), and
 * the console the SPCR table names. Payload only (arm64).
 */
#ifndef BATON_BOOT_ACPI_EFI_H
#define BATON_BOOT_ACPI_EFI_H

#include <baton/bootinfo.h>
#include <baton/findings.h>
#include <drivers/acpi/spcr.h>

/*
 * The SPCR console, or false: no system table or memory map in bi, no
 * ACPI configuration table, no (usable) SPCR. Bad tables are findings;
 * why nothing was found is in *why (static text).
 */
bool acpi_efi_spcr(const struct boot_info *bi, struct spcr_console *out,
		   const char **why, struct finding_list *findings);

#endif
