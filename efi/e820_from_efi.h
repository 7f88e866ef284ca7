/* SPDX-License-Identifier: MIT */
/*
 * The e820 table a UEFI memory map stands for, by the rule Linux's EFI
 * stub applies. Pure code over the raw descriptor array (UEFI layout), so
 * baton.efi and the hosted unit tests share it.
 */
#ifndef BATON_EFI_E820_FROM_EFI_H
#define BATON_EFI_E820_FROM_EFI_H

#include <baton/types.h>
#include <boot/boot_params.h>

/* EFI_MEMORY_TYPE values (UEFI 2.10, table 7.10). */
enum efi_memory_type_value {
	EFI_MT_RESERVED = 0,
	EFI_MT_LOADER_CODE,
	EFI_MT_LOADER_DATA,
	EFI_MT_BOOT_SERVICES_CODE,
	EFI_MT_BOOT_SERVICES_DATA,
	EFI_MT_RUNTIME_SERVICES_CODE,
	EFI_MT_RUNTIME_SERVICES_DATA,
	EFI_MT_CONVENTIONAL,
	EFI_MT_UNUSABLE,
	EFI_MT_ACPI_RECLAIM,
	EFI_MT_ACPI_NVS,
	EFI_MT_MMIO,
	EFI_MT_MMIO_PORT_SPACE,
	EFI_MT_PAL_CODE,
	EFI_MT_PERSISTENT,
	EFI_MT_UNACCEPTED,
};

#define EFI_MEMORY_SPECIFIC_PURPOSE	0x40000ULL	/* EFI_MEMORY_SP */
#define EFI_DESCRIPTOR_MIN_SIZE		40	/* up to Attribute */

/* One descriptor's fields, read from the raw map. */
struct efi_region {
	u32 type;
	u64 start;
	u64 pages;
	u64 attribute;
};

void efi_region_read(const void *map, size_t desc_size, size_t index,
		     struct efi_region *out);

/* False: the region does not appear in e820 (unaccepted, OEM types). */
bool efi_region_e820_type(const struct efi_region *r, u32 *e820_type);

/*
 * Converts count descriptors (desc_size bytes apart) into out[], sorted by
 * address, adjacent same-type entries merged. Needs room for count
 * entries (before merging); returns the number of entries written.
 */
u32 e820_from_efi_map(const void *map, size_t desc_size, size_t count,
		      struct boot_e820_entry *out, u32 room);

#endif
