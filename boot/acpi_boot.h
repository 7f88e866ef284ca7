/* SPDX-License-Identifier: MIT */
/*
 * The booted machine's ACPI tables and the console they name: finds the
 * RSDP (boot protocol, else the PC BIOS area), checks the tables
 * (drivers/acpi/) and starts the consoles, preferring the command line's
 * and else the SPCR's UART over the COM1 default.
 */
#ifndef BATON_BOOT_ACPI_BOOT_H
#define BATON_BOOT_ACPI_BOOT_H

#include <baton/bootinfo.h>
#include <baton/findings.h>

/*
 * Call instead of console_setup(bi->cmdline), once bi is read and before
 * anything reads beyond what the entry's page tables map. Publishes the
 * tables through acpi_system() (drivers/acpi/acpi_tables.h), with a view
 * of exactly the checked tables (baton's own page tables map those).
 */
void acpi_boot_consoles(const struct boot_info *bi,
			struct finding_list *findings);

#endif
