// SPDX-License-Identifier: MIT
/* UEFI memory map to e820, Linux EFI stub style (see e820_from_efi.h). */
#include <string.h>
#include <efi/e820_from_efi.h>

void efi_region_read(const void *map, size_t desc_size, size_t index,
		     struct efi_region *out)
{
	const u8 *d = (const u8 *)map + index * desc_size;

	/* UEFI: u32 Type, pad, PhysicalStart, VirtualStart, pages, attr. */
	memcpy(&out->type, d, 4);
	memcpy(&out->start, d + 8, 8);
	memcpy(&out->pages, d + 24, 8);
	memcpy(&out->attribute, d + 32, 8);
}

bool efi_region_e820_type(const struct efi_region *r, u32 *e820_type)
{
	switch (r->type) {
	case EFI_MT_RESERVED:
	case EFI_MT_RUNTIME_SERVICES_CODE:
	case EFI_MT_RUNTIME_SERVICES_DATA:
	case EFI_MT_MMIO:
	case EFI_MT_MMIO_PORT_SPACE:
	case EFI_MT_PAL_CODE:
		*e820_type = E820_TYPE_RESERVED;
		return true;
	case EFI_MT_UNUSABLE:
		*e820_type = E820_TYPE_UNUSABLE;
		return true;
	case EFI_MT_ACPI_RECLAIM:
		*e820_type = E820_TYPE_ACPI;
		return true;
	case EFI_MT_LOADER_CODE:
	case EFI_MT_LOADER_DATA:
	case EFI_MT_BOOT_SERVICES_CODE:
	case EFI_MT_BOOT_SERVICES_DATA:
	case EFI_MT_CONVENTIONAL:
		*e820_type = (r->attribute & EFI_MEMORY_SPECIFIC_PURPOSE) ?
			     E820_TYPE_SOFT_RESERVED : E820_TYPE_RAM;
		return true;
	case EFI_MT_ACPI_NVS:
		*e820_type = E820_TYPE_NVS;
		return true;
	case EFI_MT_PERSISTENT:
		*e820_type = E820_TYPE_PMEM;
		return true;
	}
	/* Unaccepted memory needs a protocol the payload is not given. */
	return false;
}

/* Insertion sort by address: maps are short and nearly sorted already. */
static void insert_sorted(struct boot_e820_entry *out, u32 count,
			  const struct boot_e820_entry *e)
{
	u32 j;

	for (j = count; j > 0 && out[j - 1].addr > e->addr; j--)
		out[j] = out[j - 1];
	out[j] = *e;
}

u32 e820_from_efi_map(const void *map, size_t desc_size, size_t count,
		      struct boot_e820_entry *out, u32 room)
{
	struct efi_region r;
	struct boot_e820_entry e;
	u32 n = 0, i, merged = 0, type;
	size_t k;

	if (desc_size < EFI_DESCRIPTOR_MIN_SIZE)
		return 0;
	for (k = 0; k < count && n < room; k++) {
		efi_region_read(map, desc_size, k, &r);
		if (!r.pages || r.pages > (UINT64_MAX - r.start) / PAGE_SIZE ||
		    !efi_region_e820_type(&r, &type))
			continue;
		e.type = type;
		e.addr = r.start;
		e.size = r.pages * PAGE_SIZE;
		insert_sorted(out, n++, &e);
	}
	for (i = 0; i < n; i++) {
		struct boot_e820_entry *prev = merged ? &out[merged - 1] : NULL;

		if (prev && prev->type == out[i].type &&
		    prev->addr + prev->size == out[i].addr) {
			prev->size += out[i].size;
			continue;
		}
		out[merged++] = out[i];
	}
	return merged;
}
