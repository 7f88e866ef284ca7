// SPDX-License-Identifier: MIT
/*
 * The firmware memory map: snapshots into a buffer sized once (so the
 * last refresh before ExitBootServices allocates nothing) and
 * descriptions of what lies at an address.
 */
#include <string.h>
#include "efi_launcher.h"

#define MEMMAP_SLACK_DESCS	64

static unsigned long long ull(u64 v)
{
	return v;
}

bool efi_memmap_alloc(struct efi_memmap *map)
{
	EFI_STATUS status;
	int tries;

	memset(map, 0, sizeof(*map));
	for (tries = 0; tries < 4; tries++) {
		UINTN size = 0;

		status = efi_bs->GetMemoryMap(&size, NULL, &map->key,
					      &map->desc_size,
					      &map->desc_version);
		if (status != EFI_BUFFER_TOO_SMALL) {
			efi_print("GetMemoryMap(size query): %s",
				  efi_status_name(status));
			return false;
		}
		map->buf_size = size + MEMMAP_SLACK_DESCS * map->desc_size;
		map->buf = efi_alloc(map->buf_size);
		if (!map->buf)
			return false;
		status = efi_memmap_refresh(map);
		if (!EFI_ERROR(status))
			return true;
		efi_free(map->buf);
		map->buf = NULL;
	}
	efi_print("GetMemoryMap: %s", efi_status_name(status));
	return false;
}

EFI_STATUS efi_memmap_refresh(struct efi_memmap *map)
{
	map->map_size = map->buf_size;
	return efi_bs->GetMemoryMap(&map->map_size,
				    (EFI_MEMORY_DESCRIPTOR *)map->buf,
				    &map->key, &map->desc_size,
				    &map->desc_version);
}

bool efi_memmap_exit(struct efi_memmap *map, bool *exiting,
		     bool (*describe)(void *ctx), void *ctx)
{
	EFI_STATUS status = EFI_SUCCESS;
	int tries;

	for (tries = 0; tries < EFI_EXIT_TRIES; tries++) {
		status = efi_memmap_refresh(map);
		if (EFI_ERROR(status))
			break;
		if (!describe(ctx))
			return false;
		*exiting = true;
		status = efi_bs->ExitBootServices(efi_image, map->key);
		if (status != EFI_INVALID_PARAMETER)
			break;
	}
	if (!EFI_ERROR(status))
		return true;
	efi_print("ExitBootServices: %s after %d tries",
		  efi_status_name(status), tries + 1);
	return false;
}

void efi_memmap_free(struct efi_memmap *map)
{
	efi_free(map->buf);
	map->buf = NULL;
}

UINTN efi_memmap_count(const struct efi_memmap *map)
{
	return map->desc_size ? map->map_size / map->desc_size : 0;
}

EFI_MEMORY_DESCRIPTOR *efi_memmap_desc(const struct efi_memmap *map,
				       UINTN index)
{
	return (EFI_MEMORY_DESCRIPTOR *)(map->buf + index * map->desc_size);
}

const char *efi_memory_type_name(UINT32 type)
{
	static const char *const names[] = {
		"EfiReservedMemoryType", "EfiLoaderCode", "EfiLoaderData",
		"EfiBootServicesCode", "EfiBootServicesData",
		"EfiRuntimeServicesCode", "EfiRuntimeServicesData",
		"EfiConventionalMemory", "EfiUnusableMemory",
		"EfiACPIReclaimMemory", "EfiACPIMemoryNVS",
		"EfiMemoryMappedIO", "EfiMemoryMappedIOPortSpace",
		"EfiPalCode", "EfiPersistentMemory", "EfiUnacceptedMemoryType",
	};

	if (type >= ARRAY_SIZE(names))
		return "(OEM/OS type)";
	return names[type];
}

static u64 desc_end(const EFI_MEMORY_DESCRIPTOR *d)
{
	return d->PhysicalStart + d->NumberOfPages * PAGE_SIZE;
}

void efi_memmap_describe(const struct efi_memmap *map, u64 addr, u64 size)
{
	UINTN i, n = efi_memmap_count(map);
	u32 shown = 0;

	for (i = 0; i < n; i++) {
		const EFI_MEMORY_DESCRIPTOR *d = efi_memmap_desc(map, i);

		if (d->PhysicalStart >= addr + size || desc_end(d) <= addr)
			continue;
		efi_print("  firmware map there: [mem 0x%016llx-0x%016llx] %s attr 0x%llx",
			  ull(d->PhysicalStart), ull(desc_end(d) - 1),
			  efi_memory_type_name(d->Type), ull(d->Attribute));
		if (++shown == 8) {
			efi_print("  firmware map there: (more descriptors)");
			return;
		}
	}
	if (!shown)
		efi_print("  firmware map there: nothing (no descriptor covers [0x%llx-0x%llx])",
			  ull(addr), ull(addr + size - 1));
}

static bool is_os_ram(UINT32 type)
{
	switch (type) {
	case EfiLoaderCode:
	case EfiLoaderData:
	case EfiBootServicesCode:
	case EfiBootServicesData:
	case EfiConventionalMemory:
		return true;
	}
	return false;
}

/* Walks [addr, end) through descriptors of RAM types, in any map order. */
bool efi_memmap_is_ram(const struct efi_memmap *map, u64 addr, u64 size)
{
	UINTN i, n = efi_memmap_count(map);
	u64 pos = addr, end = addr + size;
	bool moved = true;

	while (pos < end && moved) {
		moved = false;
		for (i = 0; i < n; i++) {
			const EFI_MEMORY_DESCRIPTOR *d;

			d = efi_memmap_desc(map, i);
			if (is_os_ram(d->Type) && d->PhysicalStart <= pos &&
			    desc_end(d) > pos) {
				pos = desc_end(d);
				moved = true;
			}
		}
	}
	return pos >= end;
}
