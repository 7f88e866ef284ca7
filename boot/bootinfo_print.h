/* SPDX-License-Identifier: MIT */
/*
 * A console-independent summary of struct boot_info, one stable line at a
 * time, for the boot log and for tests that compare lines exactly.
 */
#ifndef BATON_BOOT_BOOTINFO_PRINT_H
#define BATON_BOOT_BOOTINFO_PRINT_H

#include <baton/bootinfo.h>

/*
 * Calls line(ctx, text) once per line, text without a newline, in this
 * order (addresses are 0x + 16 hex digits, sizes 0x + minimal hex):
 *
 *   boot: linux64 boot_params 0x<pa> loader 0x<xx> protocol <maj>.<min 2 digits>
 *   boot: pvh start_info 0x<pa> version <n>
 *   cmdline: <text>       (empty: "cmdline: (empty)"; bytes outside
 *                          0x20..0x7e shown as '.'; split every
 *                          BOOTINFO_PRINT_CMDLINE_CHUNK bytes, later
 *                          pieces on "cmdline+ <text>" lines; a cut
 *                          line ends with a "cmdline: (truncated)" line)
 *   e820: [mem 0x<first>-0x<last>] <type>      (one per entry, as given;
 *                          type: usable, reserved, ACPI data, ACPI NVS,
 *                          unusable, persistent (type 7|12),
 *                          soft reserved, type <n>)
 *   e820: <n> entries dropped                  (only if any)
 *   initrd: [mem 0x<first>-0x<last>] size 0x<size>   or   initrd: none
 *   acpi: rsdp 0x<pa>                          (only if non-zero)
 *   efi: systab 0x<pa> memmap 0x<pa> size 0x<n> desc <n> v<n>
 *                                              (only if systab or memmap)
 *   setup_data: 0x<pa> type <n> (<NAME>) len <n>   (one per entry)
 *   setup_data: list truncated                 (cycle, bad pointer, max)
 *   kho: fdt 0x<pa> size 0x<n> scratch array 0x<pa> (<n> areas)
 *   kho: none
 *
 * The QEMU tests assert these lines: change them only together.
 */
#define BOOTINFO_PRINT_CMDLINE_CHUNK	200

void bootinfo_print(const struct boot_info *bi,
		    void (*line)(void *ctx, const char *text), void *ctx);

/* The e820 type names above: bootinfo_e820_type_name(), <baton/bootinfo.h>. */

#endif
