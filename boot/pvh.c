// SPDX-License-Identifier: MIT
/*
 * PVH start_info to boot_info: the memory map, the command line address,
 * the first module as initrd and the RSDP, every read through the view.
 */
#include <boot/pvh.h>
#include <boot/boot_params.h>
#include <string.h>

u32 bootinfo_pvh_bootstrap_windows(struct phys_window *out)
{
	out->pa = PVH_BOOTSTRAP_START;
	out->size = SZ_4G - PVH_BOOTSTRAP_START;
	out->host = (const u8 *)(uintptr_t)PVH_BOOTSTRAP_START;
	return 1;
}

u32 bootinfo_clip_windows(struct phys_window *windows, u32 count, u64 limit)
{
	u32 i, n = 0;

	for (i = 0; i < count; i++) {
		struct phys_window w = windows[i];

		if (w.pa >= limit)
			continue;
		if (w.size > limit - w.pa)
			w.size = limit - w.pa;
		windows[n++] = w;
	}
	return n;
}

void bootinfo_check_early_map(const struct boot_info *bi, u64 mapped_end,
			      struct finding_list *findings)
{
	u64 end;

	if (bi->cmdline_pa && bi->cmdline_pa >= mapped_end)
		finding_add(findings, E_BOOT_DATA_ABOVE_EARLY_MAP,
			    bi->cmdline_pa,
			    "command line at 0x%llx is above 0x%llx, all the entry's page tables map: not read",
			    (unsigned long long)bi->cmdline_pa,
			    (unsigned long long)mapped_end);
	if (bi->setup_data_head &&
	    (!range_end(bi->setup_data_head, sizeof(struct linux_setup_data),
			&end) || end > mapped_end))
		finding_add(findings, E_BOOT_DATA_ABOVE_EARLY_MAP,
			    bi->setup_data_head,
			    "setup_data at 0x%llx is above 0x%llx, all the entry's page tables map: not read",
			    (unsigned long long)bi->setup_data_head,
			    (unsigned long long)mapped_end);
}

static void read_memmap(struct boot_info *bi, const struct phys_view *view,
			const struct pvh_start_info *si,
			struct finding_list *findings)
{
	u32 count = si->memmap_entries;
	struct pvh_memmap_entry e;
	u32 i;

	if (si->version < 1 || !count) {
		finding_add(findings, W_PVH_NO_MEMMAP, bi->start_info_pa,
			    "start_info version %u, %u memory map entries",
			    si->version, si->version < 1 ? 0 : count);
		return;
	}
	if (count > BOOT_E820_MAX) {
		finding_add(findings, W_E820_OVERFLOW, si->memmap_paddr,
			    "PVH memory map has %u entries, %u kept",
			    count, BOOT_E820_MAX);
		bi->e820_dropped = count - BOOT_E820_MAX;
		count = BOOT_E820_MAX;
	}
	if (!phys_backed(view, si->memmap_paddr, (u64)count * sizeof(e))) {
		finding_add(findings, E_PVH_MEMMAP_OUT_OF_RAM, si->memmap_paddr,
			    "PVH memory map (%u entries) not readable", count);
		return;
	}
	for (i = 0; i < count; i++) {
		phys_read(view, si->memmap_paddr + (u64)i * sizeof(e), &e,
			  sizeof(e));
		bi->e820[i].addr = e.addr;
		bi->e820[i].size = e.size;
		bi->e820[i].type = e.type;
	}
	bi->e820_count = count;
}

static void read_first_module(struct boot_info *bi,
			      const struct phys_view *view,
			      const struct pvh_start_info *si,
			      struct finding_list *findings)
{
	struct pvh_module mod;

	if (!si->nr_modules)
		return;
	if (!phys_read(view, si->modlist_paddr, &mod, sizeof(mod))) {
		finding_add(findings, E_PVH_MODLIST_OUT_OF_RAM,
			    si->modlist_paddr, "PVH module list not readable");
		return;
	}
	bi->initrd_pa = mod.paddr;
	bi->initrd_size = mod.size;
	if (si->nr_modules > 1)
		finding_add(findings, I_PVH_EXTRA_MODULES, si->modlist_paddr,
			    "%u modules, only the first (initrd) is used",
			    si->nr_modules);
}

/* Reads the version-dependent size of start_info; false with a finding. */
static bool read_start_info(struct boot_info *bi, const struct phys_view *view,
			    struct pvh_start_info *si,
			    struct finding_list *findings)
{
	phys_addr_t pa = bi->start_info_pa;

	memset(si, 0, sizeof(*si));
	if (!phys_read(view, pa, si, PVH_START_INFO_V0_SIZE)) {
		finding_add(findings, E_PVH_START_INFO_OUT_OF_RAM, pa,
			    "hvm_start_info at 0x%llx not readable",
			    (unsigned long long)pa);
		return false;
	}
	if (si->magic != PVH_START_MAGIC) {
		finding_add(findings, E_PVH_BAD_MAGIC, pa,
			    "hvm_start_info magic 0x%08x, expected 0x%08x",
			    si->magic, PVH_START_MAGIC);
		return false;
	}
	if (si->version >= 1 &&
	    !phys_read(view, pa, si, sizeof(*si))) {
		finding_add(findings, E_PVH_START_INFO_OUT_OF_RAM, pa,
			    "hvm_start_info version %u not wholly readable",
			    si->version);
		return false;
	}
	return true;
}

void bootinfo_from_pvh(struct boot_info *bi, const struct phys_view *view,
		       phys_addr_t start_info_pa,
		       struct finding_list *findings)
{
	struct pvh_start_info si;

	bootinfo_reset(bi);
	bi->protocol = BOOT_PROTOCOL_PVH;
	bi->start_info_pa = start_info_pa;
	if (!read_start_info(bi, view, &si, findings))
		return;
	bi->pvh_version = si.version;
	bi->pvh_nr_modules = si.nr_modules;
	bi->cmdline_pa = si.cmdline_paddr;
	bi->acpi_rsdp_addr = si.rsdp_paddr;
	read_memmap(bi, view, &si, findings);
	read_first_module(bi, view, &si, findings);
}
