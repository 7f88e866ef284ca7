// SPDX-License-Identifier: MIT
/* Names and classification of memory-model kinds. */
#include <baton/bootinfo.h>
#include <mm/kind.h>

static const char *const kind_names[MM_KIND_COUNT] = {
	[MM_KIND_NONE] = "free",
	[MM_KIND_RAM] = "RAM",
	[MM_KIND_RESERVED] = "reserved",
	[MM_KIND_ACPI] = "ACPI data",
	[MM_KIND_NVS] = "ACPI NVS",
	[MM_KIND_UNUSABLE] = "unusable",
	[MM_KIND_PMEM] = "persistent memory",
	[MM_KIND_PRAM] = "persistent RAM",
	[MM_KIND_SOFT_RESERVED] = "soft reserved",
	[MM_KIND_SCRATCH] = "scratch",
	[MM_KIND_OLD_PAGE_TABLE] = "old page table",
	[MM_KIND_KHO_MAP_PAGE] = "KHO map page",
	[MM_KIND_SETUP_DATA] = "setup_data",
	[MM_KIND_BOOT_PARAMS] = "boot_params",
	[MM_KIND_CMDLINE] = "command line",
	[MM_KIND_INITRD] = "initrd",
	[MM_KIND_KEXEC_SEGMENT] = "kexec segment",
	[MM_KIND_SCRATCH_ARRAY] = "scratch array",
	[MM_KIND_PRESERVED] = "preserved",
	[MM_KIND_KHO_BLOB] = "KHO blob",
	[MM_KIND_KHO_FDT] = "KHO FDT",
	[MM_KIND_NEXT_KERNEL] = "next kernel",
	[MM_KIND_BATON_ALLOC] = "baton allocation",
	[MM_KIND_BATON_IMAGE] = "baton image",
	[MM_KIND_HANDOVER_ADD] = "handover addition",
};

const char *mm_kind_name(unsigned int kind)
{
	if (kind >= MM_KIND_COUNT)
		return "?";
	return kind_names[kind];
}

enum mm_kind mm_kind_from_e820(u32 type)
{
	switch (type) {
	case E820_TYPE_RAM:
		return MM_KIND_RAM;
	case E820_TYPE_ACPI:
		return MM_KIND_ACPI;
	case E820_TYPE_NVS:
		return MM_KIND_NVS;
	case E820_TYPE_UNUSABLE:
		return MM_KIND_UNUSABLE;
	case E820_TYPE_PMEM:
		return MM_KIND_PMEM;
	case E820_TYPE_PRAM:
		return MM_KIND_PRAM;
	case E820_TYPE_SOFT_RESERVED:
		return MM_KIND_SOFT_RESERVED;
	default:
		return MM_KIND_RESERVED;
	}
}

bool mm_kind_is_baton_owned(unsigned int kind)
{
	return kind == MM_KIND_BATON_IMAGE || kind == MM_KIND_BATON_ALLOC ||
	       kind == MM_KIND_NEXT_KERNEL || kind == MM_KIND_HANDOVER_ADD;
}

bool mm_kind_is_kexec_segment(unsigned int kind)
{
	switch (kind) {
	case MM_KIND_BATON_IMAGE:
	case MM_KIND_BOOT_PARAMS:
	case MM_KIND_CMDLINE:
	case MM_KIND_SETUP_DATA:
	case MM_KIND_INITRD:
	case MM_KIND_SCRATCH_ARRAY:
	case MM_KIND_KEXEC_SEGMENT:
		return true;
	default:
		return false;
	}
}
