// SPDX-License-Identifier: MIT
/*
 * The MADT's CPU list (boot/acpi_madt.c): QEMU's layout, x2APIC entries,
 * disabled and online-capable CPUs, the address override, counting without
 * storage, and every malformed shape giving W_MADT_MALFORMED with its
 * exact message and no CPU but the boot one.
 */
#include "check.h"
#include <boot/acpi_madt.h>
#include <drivers/acpi/acpi_tables.h>

static u8 table[512];
static u32 len;
static struct finding items[8];
static struct finding_list findings;
static u32 ids[16];
static struct madt_info info;

static void begin(void)
{
	memset(table, 0, sizeof(table));
	memcpy(table, "APIC", 4);
	table[36] = 0x00;		/* local APIC at 0xfee00000 */
	table[38] = 0xe0;
	table[39] = 0xfe;
	table[40] = 1;			/* PC-AT */
	len = 44;
}

static void put(const void *e, u32 n)
{
	memcpy(table + len, e, n);
	len += n;
}

static void lapic(u8 uid, u8 id, u32 flags)
{
	struct acpi_madt_local_apic e = { MADT_TYPE_LOCAL_APIC, 8, uid, id,
					  flags };

	put(&e, sizeof(e));
}

static void x2apic(u32 id, u32 flags, u32 uid)
{
	struct acpi_madt_local_x2apic e = { MADT_TYPE_LOCAL_X2APIC, 16, 0,
					    id, flags, uid };

	put(&e, sizeof(e));
}

static bool parse(u32 cap)
{
	memset(ids, 0xee, sizeof(ids));
	finding_list_init(&findings, items, ARRAY_SIZE(items));
	return madt_parse(table, len, ids, cap, &info, &findings);
}

static void expect_malformed(const char *message)
{
	CHECK(!parse(ARRAY_SIZE(ids)));
	CHECK_EQ(findings.count, 1);
	CHECK_EQ(items[0].code, W_MADT_MALFORMED);
	CHECK_EQ(items[0].severity, FINDING_WARNING);
	CHECK_STR(items[0].message, message);
}

/* QEMU pc -smp 4: four local APICs, the I/O APIC, interrupt overrides. */
TEST(madt_qemu_four_cpus)
{
	static const u8 ioapic[12] = { 1, 12, 0, 0, 0, 0, 0xc0, 0xfe };
	static const u8 iso[10] = { 2, 10, 0, 0, 2, 0, 0, 0, 0, 0 };
	u32 i;

	begin();
	for (i = 0; i < 4; i++)
		lapic(i, i, MADT_LAPIC_ENABLED);
	put(ioapic, sizeof(ioapic));
	put(iso, sizeof(iso));
	CHECK(parse(ARRAY_SIZE(ids)));
	CHECK_EQ(findings.count, 0);
	CHECK_EQ(info.lapic_base, 0xfee00000);
	CHECK_EQ(info.cpus, 4);
	CHECK_EQ(info.stored, 4);
	CHECK_EQ(info.skipped, 0);
	CHECK_EQ(info.entries, 6);
	for (i = 0; i < 4; i++)
		CHECK_EQ(ids[i], i);
	CHECK_EQ(ids[4], 0xeeeeeeee);
}

/*
 * x2APIC IDs above 255, an xAPIC entry deferring to them (ID 0xff), a
 * disabled CPU, one only online capable (not started), the override.
 */
TEST(madt_x2apic_disabled_override)
{
	static const u8 override[12] = { 5, 12, 0, 0, 0x00, 0x10, 0xd0, 0xfe,
					 0, 0, 0, 0 };

	begin();
	lapic(0, 2, MADT_LAPIC_ENABLED);
	lapic(1, 0xff, MADT_LAPIC_ENABLED);
	x2apic(300, MADT_LAPIC_ENABLED, 7);
	x2apic(256, MADT_LAPIC_ENABLED, 8);
	lapic(2, 5, 0);
	x2apic(301, MADT_LAPIC_ONLINE_CAPABLE, 9);
	put(override, sizeof(override));
	CHECK(parse(ARRAY_SIZE(ids)));
	CHECK_EQ(findings.count, 0);
	CHECK_EQ(info.lapic_base, 0xfed01000);
	CHECK_EQ(info.cpus, 3);
	CHECK_EQ(info.skipped, 2);
	CHECK_EQ(info.entries, 7);
	CHECK_EQ(ids[0], 2);
	CHECK_EQ(ids[1], 256);
	CHECK_EQ(ids[2], 300);
}

/* cap 0 counts; a small cap stores the first ones (sorted). */
TEST(madt_count_only_and_small_cap)
{
	begin();
	lapic(0, 9, MADT_LAPIC_ENABLED);
	lapic(1, 4, MADT_LAPIC_ENABLED);
	lapic(2, 6, MADT_LAPIC_ENABLED);
	CHECK(parse(0));
	CHECK_EQ(info.cpus, 3);
	CHECK_EQ(info.stored, 0);
	CHECK_EQ(ids[0], 0xeeeeeeee);
	CHECK(parse(2));
	CHECK_EQ(info.cpus, 3);
	CHECK_EQ(info.stored, 2);
	CHECK_EQ(ids[0], 4);
	CHECK_EQ(ids[1], 9);
	CHECK_EQ(ids[2], 0xeeeeeeee);
}

TEST(madt_malformed_short_table)
{
	begin();
	len = 40;
	expect_malformed("MADT of 40 bytes, shorter than its 44-byte fixed part: only the boot CPU is used");
}

TEST(madt_malformed_zero_length_entry)
{
	static const u8 zero[2] = { 0, 0 };

	begin();
	lapic(0, 0, MADT_LAPIC_ENABLED);
	put(zero, sizeof(zero));
	lapic(1, 1, MADT_LAPIC_ENABLED);
	expect_malformed("MADT entry at offset 52 has length 0 (zero, or past the table's end): only the boot CPU is used");
}

TEST(madt_malformed_past_end)
{
	begin();
	lapic(0, 0, MADT_LAPIC_ENABLED);
	x2apic(1, MADT_LAPIC_ENABLED, 1);
	len -= 4;			/* the table ends inside the entry */
	expect_malformed("MADT entry at offset 52 has length 16 (zero, or past the table's end): only the boot CPU is used");
}

TEST(madt_malformed_trailing_byte)
{
	begin();
	lapic(0, 0, MADT_LAPIC_ENABLED);
	len++;
	expect_malformed("MADT entry at offset 52: 1 byte left, no room for its type and length: only the boot CPU is used");
}

TEST(madt_malformed_short_entry)
{
	static const u8 short_lapic[6] = { 0, 6, 1, 1, 1, 0 };

	begin();
	lapic(0, 0, MADT_LAPIC_ENABLED);
	put(short_lapic, sizeof(short_lapic));
	expect_malformed("MADT entry of type 0 has length 6, shorter than that type: only the boot CPU is used");
}

TEST(madt_malformed_duplicate_id)
{
	begin();
	lapic(0, 3, MADT_LAPIC_ENABLED);
	lapic(1, 1, MADT_LAPIC_ENABLED);
	x2apic(3, MADT_LAPIC_ENABLED, 2);
	expect_malformed("MADT lists APIC ID 3 twice (among 3 entries): only the boot CPU is used");
}
