/* SPDX-License-Identifier: MIT */
/*
 * The PVH boot protocol as baton receives it (direct QEMU/Xen boot): the
 * hvm_start_info block and its memory map and module list, converted into
 * a struct boot_info.
 */
#ifndef BATON_BOOT_PVH_H
#define BATON_BOOT_PVH_H

#include <baton/bootinfo.h>
#include <baton/findings.h>
#include <baton/physmem.h>

#define PVH_START_MAGIC		0x336ec578	/* "xEn3" with 0x80 in 'E' */
#define PVH_START_INFO_V0_SIZE	40		/* up to rsdp_paddr */

struct pvh_start_info {
	u32 magic;
	u32 version;
	u32 flags;
	u32 nr_modules;
	u64 modlist_paddr;
	u64 cmdline_paddr;
	u64 rsdp_paddr;
	/* version >= 1 */
	u64 memmap_paddr;
	u32 memmap_entries;
	u32 reserved;
};

struct pvh_module {
	u64 paddr;
	u64 size;
	u64 cmdline_paddr;
	u64 reserved;
};

struct pvh_memmap_entry {
	u64 addr;
	u64 size;
	u32 type;		/* e820 types */
	u32 reserved;
};

#define PVH_OFFSET(field)	__builtin_offsetof(struct pvh_start_info, field)
_Static_assert(PVH_OFFSET(version) == 4, "version");
_Static_assert(PVH_OFFSET(nr_modules) == 12, "nr_modules");
_Static_assert(PVH_OFFSET(modlist_paddr) == 16, "modlist_paddr");
_Static_assert(PVH_OFFSET(cmdline_paddr) == 24, "cmdline_paddr");
_Static_assert(PVH_OFFSET(rsdp_paddr) == 32, "rsdp_paddr");
_Static_assert(PVH_OFFSET(memmap_paddr) == PVH_START_INFO_V0_SIZE, "memmap");
_Static_assert(PVH_OFFSET(memmap_entries) == 48, "memmap_entries");
_Static_assert(sizeof(struct pvh_start_info) == 56, "start_info");
_Static_assert(sizeof(struct pvh_module) == 32, "modlist entry");
_Static_assert(sizeof(struct pvh_memmap_entry) == 24, "memmap entry");

/*
 * The view for bootinfo_from_pvh() before a RAM map exists: one identity
 * window over [8, 4 GiB), which is what the PVH entry's temporary page
 * tables must map (QEMU and Xen place start_info, the memory map, the
 * module list and the command line below 4 GiB; QEMU puts the memory map
 * in page 0, at 0x5a8). It starts at 8, not 0, so that no host pointer of
 * the view is ever NULL; only a structure at 0..7 is refused. Reads beyond
 * the guest's memory inside that window are the caller's risk: under QEMU
 * they read as 0xff or zero, not a fault. Returns the window count (1).
 */
#define PVH_BOOTSTRAP_START	8
u32 bootinfo_pvh_bootstrap_windows(struct phys_window *out);

/*
 * Keeps the parts of windows[0, count) below limit (in place; a window
 * straddling it is cut). Returns the new count. The payload clips its RAM
 * view to what the active page tables map: before baton's own tables
 * under the PVH and 32-bit entries that is [0, 4 GiB), so a pointer above
 * fails through the view instead of faulting.
 */
u32 bootinfo_clip_windows(struct phys_window *windows, u32 count, u64 limit);

/*
 * Before bootinfo_read_handover() with a view clipped at mapped_end: an
 * E_BOOT_DATA_ABOVE_EARLY_MAP finding for the command line and the first
 * setup_data header when they start at or above mapped_end (or the header
 * crosses it), which says why the read that follows fails.
 */
void bootinfo_check_early_map(const struct boot_info *bi, u64 mapped_end,
			      struct finding_list *findings);

/*
 * Resets *bi (keeping image_start/image_end) and fills it from the
 * hvm_start_info at start_info_pa: memory map (version >= 1), command
 * line address, first module as initrd, RSDP. The command line bytes are
 * copied by bootinfo_read_handover(), called next with the RAM view built
 * from bootinfo_ram_windows().
 */
void bootinfo_from_pvh(struct boot_info *bi, const struct phys_view *view,
		       phys_addr_t start_info_pa,
		       struct finding_list *findings);

#endif
