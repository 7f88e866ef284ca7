/* SPDX-License-Identifier: MIT */
/*
 * The x86 Linux boot protocol as baton receives it: the readers that turn
 * the "zero page" (struct boot_params), its setup header and the setup_data
 * records (their layout: <baton/linux_boot_params.h>) into a struct
 * boot_info.
 */
#ifndef BATON_BOOT_BOOT_PARAMS_H
#define BATON_BOOT_BOOT_PARAMS_H

#include <baton/bootinfo.h>
#include <baton/findings.h>
#include <baton/linux_boot_params.h>
#include <baton/physmem.h>

/* Zeroes *bi except image_start/image_end, which the entry code owns. */
void bootinfo_reset(struct boot_info *bi);

/*
 * Step 1, before any RAM view exists: reset *bi (keeping image_start and
 * image_end, which the entry code owns) and copy what the zero page holds
 * by value: e820 (at most 128 entries), the command line's address, initrd,
 * acpi_rsdp_addr, efi_info, the head of the setup_data list and a few
 * header fields. boot_params_page must point at BOOT_PARAMS_SIZE readable
 * bytes (NULL: finding E_BOOT_PARAMS_NULL, nothing read); nothing it
 * points to is dereferenced.
 */
void bootinfo_read_boot_params(struct boot_info *bi,
			       const void *boot_params_page,
			       phys_addr_t boot_params_pa,
			       struct finding_list *findings);

/*
 * Step 2: the RAM view. Fills out[] with sorted, merged, disjoint identity
 * windows (host == pa) over bi->e820's entries of type RAM, ACPI and NVS:
 * the memory the kexec identity map (and any boot loader's) covers. PMEM,
 * PRAM, reserved and soft-reserved memory are left out: Linux does not
 * direct-map them before its own setup and no handover structure lives
 * there. Page 0 is never included (a host pointer of NULL would read as
 * "unbacked"). Returns the window count; with max >= BOOT_E820_MAX nothing
 * is ever dropped (otherwise ranges that find no slot are left out, which
 * only makes the view smaller, never larger).
 */
u32 bootinfo_ram_windows(const struct boot_info *bi, struct phys_window *out,
			 u32 max);

/* Which e820 types are RAM: bootinfo_e820_type_is_ram(), <baton/bootinfo.h> */

/*
 * Step 3, with the RAM view: copies the command line bytes (bounded,
 * NUL-terminated), checks the initrd lies in the view and walks the
 * setup_data list (bounded, cycle-safe, every header and payload checked
 * against the view), recording each entry and decoding SETUP_E820_EXT
 * (appended to bi->e820; recompute the RAM windows if e820_count grew)
 * and SETUP_KEXEC_KHO (bi->kho). Call it once per step 1 (a second call
 * would append SETUP_E820_EXT again). Also the step after
 * bootinfo_from_pvh(), where the setup_data list is empty.
 */
void bootinfo_read_handover(struct boot_info *bi, const struct phys_view *view,
			    struct finding_list *findings);

/*
 * The same, when not all RAM can be read yet: bytes are read through
 * read_view only (the RAM the active page tables map), while the initrd,
 * which is only checked, never read, is checked against ram_view (all of
 * RAM), so RAM above the early map is not reported as missing.
 */
void bootinfo_read_handover_split(struct boot_info *bi,
				  const struct phys_view *read_view,
				  const struct phys_view *ram_view,
				  struct finding_list *findings);

/* Name of a setup_data type ("KEXEC_KHO", "INDIRECT", "unknown"...). */
const char *bootinfo_setup_data_type_name(u32 type);

#endif
