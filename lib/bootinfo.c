// SPDX-License-Identifier: MIT
/*
 * What the boot information's constants (<baton/bootinfo.h>) mean, shared
 * by boot/, arch/ and report/, so neither of the lower two needs boot/.
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

bool bootinfo_e820_type_is_ram(u32 type)
{
	return type == E820_TYPE_RAM || type == E820_TYPE_ACPI ||
	       type == E820_TYPE_NVS;
}
