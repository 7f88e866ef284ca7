/* SPDX-License-Identifier: MIT */
/*
 * ACPI tables as firmware publishes them: RSDP -> XSDT (or RSDT) -> tables.
 * Owns finding and checking them: every read goes through a phys_view, every
 * table's signature, length and checksum is checked once, a bad one is a
 * finding and is left out. Plain data (no device access): also hosted.
 */
#ifndef BATON_DRIVERS_ACPI_TABLES_H
#define BATON_DRIVERS_ACPI_TABLES_H

#include <baton/findings.h>
#include <baton/physmem.h>
#include <baton/types.h>

/* Root System Description Pointer (ACPI 1.0: 20 bytes, 2.0+: 36). */
struct acpi_rsdp {
	char signature[8];		/* "RSD PTR " */
	u8 checksum;			/* over the first 20 bytes */
	char oem_id[6];
	u8 revision;			/* 0: ACPI 1.0, 2: 2.0+ */
	u32 rsdt_address;
	u32 length;			/* 2.0+: whole structure */
	u64 xsdt_address;
	u8 extended_checksum;		/* 2.0+: over `length` bytes */
	u8 reserved[3];
} __packed;
_Static_assert(sizeof(struct acpi_rsdp) == 36, "acpi_rsdp");
_Static_assert(__builtin_offsetof(struct acpi_rsdp, xsdt_address) == 24,
	       "xsdt_address");

#define ACPI_RSDP_V1_SIZE	20

/* The header every system description table starts with. */
struct acpi_sdt_header {
	char signature[4];
	u32 length;			/* whole table, header included */
	u8 revision;
	u8 checksum;			/* all `length` bytes sum to 0 */
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 creator_id;
	u32 creator_revision;
} __packed;
_Static_assert(sizeof(struct acpi_sdt_header) == 36, "acpi_sdt_header");

/* Tables kept from the root's list; more is a finding. */
#define ACPI_TABLES_MAX		64
/* No listed table is larger (DSDT, the big one, is not in the list). */
#define ACPI_TABLE_MAX_LEN	(16u << 20)

struct acpi_table_ref {
	phys_addr_t pa;
	u32 length;
	char signature[4];
};

struct acpi_tables {
	const struct phys_view *view;	/* every read goes through it */
	phys_addr_t rsdp_pa;
	u8 rsdp_revision;
	phys_addr_t root_pa;		/* the XSDT, or the RSDT */
	bool root_is_xsdt;
	u32 listed;			/* entries the root lists */
	u32 count;			/* of those, checked and kept */
	struct acpi_table_ref tables[ACPI_TABLES_MAX];
};

/*
 * Checks the RSDP at rsdp_pa, its root table and every table the root
 * lists (each once: a repeated address is a finding, not a second visit).
 * Returns false, with a finding, when there is no usable root (then
 * t->count is 0); a bad listed table is a finding and is left out.
 */
bool acpi_tables_init(struct acpi_tables *t, const struct phys_view *view,
		      phys_addr_t rsdp_pa, struct finding_list *findings);

/*
 * The PC BIOS way to find the RSDP when no loader passed it: the first
 * 16-byte aligned "RSD PTR " with a valid checksum in [start, start + size)
 * (callers: the EBDA's first KiB, then 0xe0000-0xfffff). 0 if none.
 */
phys_addr_t acpi_rsdp_scan(const struct phys_view *view, phys_addr_t start,
			   u64 size);

/*
 * The n-th (from 0) checked table with this 4-character signature: its
 * bytes through the view and its length. False if there is none.
 */
bool acpi_find_table_nth(const struct acpi_tables *t, const char *sig, u32 n,
			 const void **table, u32 *len);

static inline bool acpi_find_table(const struct acpi_tables *t,
				   const char *sig, const void **table,
				   u32 *len)
{
	return acpi_find_table_nth(t, sig, 0, table, len);
}

/* Sum of len bytes mod 256 (0 for a valid ACPI structure). */
u8 acpi_checksum(const void *p, u64 len);

/*
 * The booted system's tables (boot/ sets them once found; NULL before, or
 * when there are none). Their view covers what the active page tables map.
 */
void acpi_system_set(const struct acpi_tables *t);
const struct acpi_tables *acpi_system(void);

#endif
