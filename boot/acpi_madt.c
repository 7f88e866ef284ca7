// SPDX-License-Identifier: MIT
/*
 * The MADT's CPU list (boot/acpi_madt.h): one pass over the interrupt
 * controller structures, each length-checked before it is read, then the
 * stored IDs sorted (ascending) so a duplicate is found next to its twin.
 */
#include <boot/acpi_madt.h>
#include <drivers/acpi/acpi_tables.h>
#include <string.h>

#define MADT_ENTRIES_OFFSET	(sizeof(struct acpi_sdt_header) + \
				 sizeof(struct acpi_madt_fixed))

static bool malformed(struct finding_list *l, const char *fmt, u32 a, u32 b)
{
	finding_add(l, W_MADT_MALFORMED, 0, fmt, a, b);
	return false;
}

static void sift_down(u32 *a, u32 root, u32 n)
{
	u32 child, t;

	for (;;) {
		child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n && a[child] < a[child + 1])
			child++;
		if (a[root] >= a[child])
			return;
		t = a[root];
		a[root] = a[child];
		a[child] = t;
		root = child;
	}
}

/* Heapsort: O(n log n) whatever the table holds. */
static void sort_ids(u32 *a, u32 n)
{
	u32 i, t;

	for (i = n / 2; i-- > 0;)
		sift_down(a, i, n);
	for (i = n; i-- > 1;) {
		t = a[0];
		a[0] = a[i];
		a[i] = t;
		sift_down(a, 0, i);
	}
}

bool madt_parse(const void *table, u32 len, u32 *ids, u32 cap,
		struct madt_info *info, struct finding_list *findings)
{
	const u8 *p = table;
	struct acpi_madt_fixed fixed;
	u32 off, id, flags;
	u8 type, elen;

	*info = (struct madt_info){ 0 };
	if (len < MADT_ENTRIES_OFFSET)
		return malformed(findings,
				 "MADT of %u bytes, shorter than its %u-byte fixed part: only the boot CPU is used",
				 len, (u32)MADT_ENTRIES_OFFSET);
	memcpy(&fixed, p + sizeof(struct acpi_sdt_header), sizeof(fixed));
	info->lapic_base = fixed.local_apic_address;
	for (off = MADT_ENTRIES_OFFSET; off < len; off += elen) {
		if (len - off < 2)
			return malformed(findings,
					 "MADT entry at offset %u: %u byte left, no room for its type and length: only the boot CPU is used",
					 off, len - off);
		type = p[off];
		elen = p[off + 1];
		if (elen < 2 || elen > len - off)
			return malformed(findings,
					 "MADT entry at offset %u has length %u (zero, or past the table's end): only the boot CPU is used",
					 off, elen);
		info->entries++;
		if (type == MADT_TYPE_LOCAL_APIC) {
			struct acpi_madt_local_apic e;

			if (elen < sizeof(e))
				goto short_entry;
			memcpy(&e, p + off, sizeof(e));
			/* 0xff: the CPU is described by an x2APIC entry */
			if (e.apic_id == MADT_APIC_ID_NONE)
				continue;
			id = e.apic_id;
			flags = e.flags;
		} else if (type == MADT_TYPE_LOCAL_X2APIC) {
			struct acpi_madt_local_x2apic e;

			if (elen < sizeof(e))
				goto short_entry;
			memcpy(&e, p + off, sizeof(e));
			id = e.x2apic_id;
			flags = e.flags;
		} else if (type == MADT_TYPE_LOCAL_APIC_OVERRIDE) {
			struct acpi_madt_apic_override e;

			if (elen < sizeof(e))
				goto short_entry;
			memcpy(&e, p + off, sizeof(e));
			info->lapic_base = e.address;
			continue;
		} else {
			continue;
		}
		if (!(flags & MADT_LAPIC_ENABLED)) {
			info->skipped++;
			continue;
		}
		if (info->stored < cap)
			ids[info->stored++] = id;
		info->cpus++;
	}
	sort_ids(ids, info->stored);
	for (off = 1; off < info->stored; off++)
		if (ids[off] == ids[off - 1])
			return malformed(findings,
					 "MADT lists APIC ID %u twice (among %u entries): only the boot CPU is used",
					 ids[off], info->entries);
	return true;
short_entry:
	return malformed(findings,
			 "MADT entry of type %u has length %u, shorter than that type: only the boot CPU is used",
			 type, elen);
}
