// SPDX-License-Identifier: MIT
/*
 * Names of the boot information's constants (<baton/bootinfo.h>), shared by
 * the boot summary (boot/) and the reports (report/), so report/ needs
 * nothing from boot/.
 */
#include <baton/bootinfo.h>
#include <baton/printf.h>

const char *bootinfo_e820_type_name(u32 type, char *buf, size_t size)
{
	switch (type) {
	case E820_TYPE_RAM:		return "usable";
	case E820_TYPE_RESERVED:	return "reserved";
	case E820_TYPE_ACPI:		return "ACPI data";
	case E820_TYPE_NVS:		return "ACPI NVS";
	case E820_TYPE_UNUSABLE:	return "unusable";
	case E820_TYPE_PMEM:		return "persistent (type 7)";
	case E820_TYPE_PRAM:		return "persistent (type 12)";
	case E820_TYPE_SOFT_RESERVED:	return "soft reserved";
	}
	baton_snprintf(buf, size, "type %u", type);
	return buf;
}
