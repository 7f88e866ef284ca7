// SPDX-License-Identifier: MIT
/*
 * Unit tests of efi/e820_from_efi.c, the e820 baton.efi hands a captured
 * payload: type rule, sorting, merging, descriptor stride, bad entries.
 */
#include "check.h"
#include <efi/e820_from_efi.h>

#define DESC_SIZE	48	/* what OVMF reports: 40 bytes + padding */

static uint8_t map[64 * DESC_SIZE];
static size_t map_count;
static struct boot_e820_entry out[64];

static void add(uint32_t type, uint64_t start, uint64_t pages, uint64_t attr)
{
	uint8_t *d = map + map_count * DESC_SIZE;
	uint64_t virt = 0xdeadbeef;

	memset(d, 0xa5, DESC_SIZE);	/* padding and VirtualStart: noise */
	memcpy(d, &type, 4);
	memcpy(d + 8, &start, 8);
	memcpy(d + 16, &virt, 8);
	memcpy(d + 24, &pages, 8);
	memcpy(d + 32, &attr, 8);
	map_count++;
}

static uint32_t convert(void)
{
	return e820_from_efi_map(map, DESC_SIZE, map_count, out, 64);
}

static void check_entry(uint32_t i, uint64_t addr, uint64_t size,
			uint32_t type)
{
	CHECK_EQ(out[i].addr, addr);
	CHECK_EQ(out[i].size, size);
	CHECK_EQ(out[i].type, type);
}

TEST(type_rule_like_the_efi_stub)
{
	static const struct { uint32_t efi; uint32_t e820; } rule[] = {
		{ EFI_MT_RESERVED, E820_TYPE_RESERVED },
		{ EFI_MT_LOADER_CODE, E820_TYPE_RAM },
		{ EFI_MT_LOADER_DATA, E820_TYPE_RAM },
		{ EFI_MT_BOOT_SERVICES_CODE, E820_TYPE_RAM },
		{ EFI_MT_BOOT_SERVICES_DATA, E820_TYPE_RAM },
		{ EFI_MT_RUNTIME_SERVICES_CODE, E820_TYPE_RESERVED },
		{ EFI_MT_RUNTIME_SERVICES_DATA, E820_TYPE_RESERVED },
		{ EFI_MT_CONVENTIONAL, E820_TYPE_RAM },
		{ EFI_MT_UNUSABLE, E820_TYPE_UNUSABLE },
		{ EFI_MT_ACPI_RECLAIM, E820_TYPE_ACPI },
		{ EFI_MT_ACPI_NVS, E820_TYPE_NVS },
		{ EFI_MT_MMIO, E820_TYPE_RESERVED },
		{ EFI_MT_MMIO_PORT_SPACE, E820_TYPE_RESERVED },
		{ EFI_MT_PAL_CODE, E820_TYPE_RESERVED },
		{ EFI_MT_PERSISTENT, E820_TYPE_PMEM },
	};
	struct efi_region r = { .start = 0x1000, .pages = 1 };
	uint32_t i, type;

	for (i = 0; i < ARRAY_SIZE(rule); i++) {
		r.type = rule[i].efi;
		type = 0;
		CHECK(efi_region_e820_type(&r, &type));
		CHECK_EQ(type, rule[i].e820);
	}
	r.type = EFI_MT_UNACCEPTED;
	CHECK(!efi_region_e820_type(&r, &type));
	r.type = 0x70000000;	/* OEM */
	CHECK(!efi_region_e820_type(&r, &type));
	r.type = EFI_MT_CONVENTIONAL;
	r.attribute = EFI_MEMORY_SPECIFIC_PURPOSE | 0xf;
	CHECK(efi_region_e820_type(&r, &type));
	CHECK_EQ(type, E820_TYPE_SOFT_RESERVED);
	r.type = EFI_MT_ACPI_NVS;	/* SP only changes RAM types */
	CHECK(efi_region_e820_type(&r, &type));
	CHECK_EQ(type, E820_TYPE_NVS);
}

/* An OVMF-like map: RAM kinds merge, other types split, order restored. */
TEST(sorted_and_merged)
{
	map_count = 0;
	add(EFI_MT_CONVENTIONAL, 0x100000, 0x700, 0xf);
	add(EFI_MT_BOOT_SERVICES_DATA, 0x0, 0xa0, 0xf);
	add(EFI_MT_ACPI_NVS, 0x800000, 0x8, 0xf);
	add(EFI_MT_LOADER_CODE, 0x808000, 0x3, 0xf);	/* a scratch area */
	add(EFI_MT_LOADER_DATA, 0x80b000, 0x1, 0xf);	/* a blob */
	add(EFI_MT_CONVENTIONAL, 0x80c000, 0x4, 0xf);
	add(EFI_MT_MMIO, 0xffc00000, 0x400, 0x8000000000000001ULL);
	add(EFI_MT_RUNTIME_SERVICES_DATA, 0x3f000000, 0x10, 0x800000000000000fULL);
	add(EFI_MT_RUNTIME_SERVICES_CODE, 0x3f010000, 0x10, 0x800000000000000fULL);
	add(EFI_MT_ACPI_RECLAIM, 0x3f020000, 0x2, 0xf);
	CHECK_EQ(convert(), 7);
	check_entry(0, 0x0, 0xa0000, E820_TYPE_RAM);
	check_entry(1, 0x100000, 0x700000, E820_TYPE_RAM);
	check_entry(2, 0x800000, 0x8000, E820_TYPE_NVS);
	check_entry(3, 0x808000, 0x8000, E820_TYPE_RAM);
	check_entry(4, 0x3f000000, 0x20000, E820_TYPE_RESERVED);
	check_entry(5, 0x3f020000, 0x2000, E820_TYPE_ACPI);
	check_entry(6, 0xffc00000, 0x400000, E820_TYPE_RESERVED);
}

TEST(skips_empty_overflowing_and_unaccepted)
{
	map_count = 0;
	add(EFI_MT_CONVENTIONAL, 0x1000, 0, 0);
	add(EFI_MT_CONVENTIONAL, 0xfffffffffffff000ULL, 2, 0);
	add(EFI_MT_UNACCEPTED, 0x100000000ULL, 0x100, 0);
	/* Ending exactly at 2^64 cannot be an e820 entry either. */
	add(EFI_MT_CONVENTIONAL, 0xfffffffffffff000ULL, 1, 0);
	add(EFI_MT_CONVENTIONAL, 0xffffffffffffe000ULL, 1, 0);
	CHECK_EQ(convert(), 1);
	check_entry(0, 0xffffffffffffe000ULL, 0x1000, E820_TYPE_RAM);
	/* Gaps keep same-type entries apart. */
	map_count = 0;
	add(EFI_MT_CONVENTIONAL, 0x0, 1, 0);
	add(EFI_MT_CONVENTIONAL, 0x2000, 1, 0);
	CHECK_EQ(convert(), 2);
}

TEST(room_and_descriptor_size)
{
	uint32_t i;

	map_count = 0;
	for (i = 0; i < 10; i++)
		add(i % 2 ? EFI_MT_ACPI_NVS : EFI_MT_CONVENTIONAL,
		    (uint64_t)i << 12, 1, 0);
	CHECK_EQ(convert(), 10);
	/* Only as many descriptors as fit are taken. */
	CHECK_EQ(e820_from_efi_map(map, DESC_SIZE, map_count, out, 4), 4);
	check_entry(3, 0x3000, 0x1000, E820_TYPE_NVS);
	/* A stride below the UEFI descriptor is refused outright. */
	CHECK_EQ(e820_from_efi_map(map, 32, map_count, out, 64), 0);
}
