// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for drivers/acpi/: the input is physical memory at
 * FUZZ_ACPI_BASE (a heap copy of exactly its size, so ASan sees any read
 * past it) with the RSDP at its start. acpi_tables_init(), the BIOS-area
 * scan and the SPCR decoder run over it; every kept table must lie inside
 * the input, sum to 0 and be found again by acpi_find_table_nth().
 * Seeds: tests/qemu/mkspcr.py --blob (RSDP, XSDT, SPCR).
 */
#include <stdlib.h>
#include <string.h>
#include <baton/findings.h>
#include <baton/physmem.h>
#include <drivers/acpi/acpi_tables.h>
#include <drivers/acpi/spcr.h>

#define FUZZ_ACPI_BASE	0x80000ULL

#define ASSERT(c)	do { if (!(c)) __builtin_trap(); } while (0)

static struct acpi_tables tables;
static struct finding items[64];

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct phys_window w;
	struct phys_view view;
	struct finding_list findings;
	struct spcr_console con;
	u8 *mem;
	u32 i;

	if (!size || size > (1u << 20))
		return 0;
	mem = malloc(size);
	if (!mem)
		return 0;
	memcpy(mem, data, size);
	w = (struct phys_window){ FUZZ_ACPI_BASE, size, mem };
	ASSERT(phys_view_init(&view, &w, 1));
	finding_list_init(&findings, items, ARRAY_SIZE(items));
	(void)acpi_rsdp_scan(&view, FUZZ_ACPI_BASE, size);
	if (acpi_tables_init(&tables, &view, FUZZ_ACPI_BASE, &findings)) {
		ASSERT(tables.count <= ACPI_TABLES_MAX);
		ASSERT(tables.count <= tables.listed);
		for (i = 0; i < tables.count; i++) {
			const struct acpi_table_ref *r = &tables.tables[i];
			const void *p;
			u32 len, n = 0, j;

			ASSERT(r->pa >= FUZZ_ACPI_BASE &&
			       r->pa - FUZZ_ACPI_BASE + r->length <= size);
			ASSERT(!acpi_checksum(mem + (r->pa - FUZZ_ACPI_BASE),
					      r->length));
			for (j = 0; j < i; j++)
				n += !memcmp(tables.tables[j].signature,
					     r->signature, 4);
			ASSERT(acpi_find_table_nth(&tables, r->signature, n, &p,
						   &len));
			ASSERT(p == mem + (r->pa - FUZZ_ACPI_BASE) &&
			       len == r->length);
		}
		(void)spcr_find(&tables, &con, &findings);
	} else {
		ASSERT(tables.count == 0);
	}
	free(mem);
	return 0;
}
