/* SPDX-License-Identifier: MIT */
/*
 * The ACPI MADT ("APIC") read for bringing up the other CPUs: which local
 * APIC IDs the firmware lists as usable, and the local APIC's MMIO base.
 * Plain bytes in (the table drivers/acpi found and checked), no device
 * access: also hosted and unit tested.
 */
#ifndef BATON_BOOT_ACPI_MADT_H
#define BATON_BOOT_ACPI_MADT_H

#include <baton/findings.h>
#include <baton/types.h>

/* The fixed part after the common 36-byte header. */
struct acpi_madt_fixed {
	u32 local_apic_address;
	u32 flags;			/* bit 0: dual 8259 PICs (PC-AT) */
} __packed;

/* Interrupt controller structure types baton reads. */
#define MADT_TYPE_LOCAL_APIC		0
#define MADT_TYPE_LOCAL_APIC_OVERRIDE	5
#define MADT_TYPE_LOCAL_X2APIC		9

struct acpi_madt_local_apic {		/* type 0, length 8 */
	u8 type, length;
	u8 processor_uid;
	u8 apic_id;
	u32 flags;
} __packed;

struct acpi_madt_apic_override {	/* type 5, length 12 */
	u8 type, length;
	u16 reserved;
	u64 address;
} __packed;

struct acpi_madt_local_x2apic {		/* type 9, length 16 */
	u8 type, length;
	u16 reserved;
	u32 x2apic_id;
	u32 flags;
	u32 processor_uid;
} __packed;

#define MADT_LAPIC_ENABLED		(1U << 0)
#define MADT_LAPIC_ONLINE_CAPABLE	(1U << 1)
/* xAPIC entries with this ID stand for "use the x2APIC entry instead". */
#define MADT_APIC_ID_NONE		0xff

struct madt_info {
	u64 lapic_base;			/* MMIO, override applied */
	u32 cpus;			/* enabled CPUs listed (all of them) */
	u32 stored;			/* of those, in the caller's array */
	u32 skipped;			/* disabled (not online capable) */
	u32 entries;			/* interrupt controller structures */
};

/*
 * Reads the MADT of len bytes (header included, checked by drivers/acpi)
 * and stores the APIC IDs of its enabled CPUs in ids[0 .. cap), sorted
 * ascending (cap 0: count only; a duplicate is found among stored IDs). CPUs merely "online capable" are not
 * started (the firmware left them off). False, with W_MADT_MALFORMED in
 * findings, when the table cannot be trusted: too short, an entry shorter
 * than its type or running past the end, a zero length, or one APIC ID
 * listed twice; then no CPU but the boot CPU is used.
 */
bool madt_parse(const void *table, u32 len, u32 *ids, u32 cap,
		struct madt_info *info, struct finding_list *findings);

#endif
