// SPDX-License-Identifier: MIT
/*
 * drivers/acpi: hand-built RSDP/XSDT/RSDT/tables in one window of a
 * phys_view: good tables found, each kind of damage gives its exact
 * finding (bad checksums, bad lengths, truncated root, duplicates and a
 * root listing itself, too many tables), and the SPCR decoder's fields
 * (I/O, MMIO 8/32-bit, PL011, baud codes, unusable tables).
 */
#include "check.h"
#include <baton/findings.h>
#include <baton/physmem.h>
#include <drivers/acpi/acpi_tables.h>
#include <drivers/acpi/spcr.h>

#define BASE	0x80000ULL		/* pa of mem[0] */
#define SIZE	0x10000

static u8 mem[SIZE];
static struct phys_window window = { BASE, SIZE, mem };
static struct phys_view view;
static struct finding storage[128];
static struct finding_list findings;
static struct acpi_tables tables;

#define CHECK_FINDINGS(...)						\
	check_findings((const enum finding_code[]){ __VA_ARGS__ },	\
		       sizeof((enum finding_code[]){ __VA_ARGS__ }) /	\
		       sizeof(enum finding_code), __LINE__)
#define CHECK_NO_FINDINGS()	check_findings(NULL, 0, __LINE__)

static void check_findings(const enum finding_code *codes, u32 n, int line)
{
	u32 i;

	if (findings.count != n)
		CHECK_FAIL("line %d: %u findings, expected %u", line,
			   findings.count, n);
	for (i = 0; i < findings.count; i++)
		if (i >= n || findings.items[i].code != codes[i])
			CHECK_FAIL("line %d: finding %u is %s (%s)", line, i,
				   finding_code_name(findings.items[i].code),
				   findings.items[i].message);
}

static void reset(void)
{
	memset(mem, 0, sizeof(mem));
	phys_view_init(&view, &window, 1);
	finding_list_init(&findings, storage, ARRAY_SIZE(storage));
}

static u8 *at(u64 pa)
{
	return mem + (pa - BASE);
}

static void fix_checksum(u64 pa, u32 len, u32 sum_off)
{
	u8 *p = at(pa);

	p[sum_off] = 0;
	p[sum_off] = (u8)-acpi_checksum(p, len);
}

/* A header only (its length may run past mem[]), checksum not set. */
static void put_header(u64 pa, const char *sig, u32 len)
{
	struct acpi_sdt_header *h = (void *)at(pa);

	memcpy(h->signature, sig, 4);
	h->length = len;
}

/* A table of len bytes (header included) with a good checksum. */
static void put_table(u64 pa, const char *sig, u32 len, u8 revision)
{
	struct acpi_sdt_header *h = (void *)at(pa);

	memcpy(h->signature, sig, 4);
	h->length = len;
	h->revision = revision;
	memcpy(h->oem_id, "BATON ", 6);
	fix_checksum(pa, len, 9);
}

static void put_rsdp(u64 pa, u8 revision, u32 rsdt, u64 xsdt)
{
	struct acpi_rsdp *r = (void *)at(pa);

	memcpy(r->signature, "RSD PTR ", 8);
	r->revision = revision;
	r->rsdt_address = rsdt;
	fix_checksum(pa, ACPI_RSDP_V1_SIZE, 8);
	if (revision >= 2) {
		r->length = sizeof(*r);
		r->xsdt_address = xsdt;
		fix_checksum(pa, sizeof(*r), 32);
	}
}

/* An XSDT (8-byte entries) or RSDT (4-byte) listing n addresses. */
static void put_root(u64 pa, bool xsdt, const u64 *entries, u32 n)
{
	u32 esize = xsdt ? 8 : 4, i;

	for (i = 0; i < n; i++)
		memcpy(at(pa) + 36 + i * esize, &entries[i], esize);
	put_table(pa, xsdt ? "XSDT" : "RSDT", 36 + n * esize, 1);
}

#define RSDP	(BASE + 0x100)
#define ROOT	(BASE + 0x200)
#define T1	(BASE + 0x1000)
#define T2	(BASE + 0x2000)
#define T3	(BASE + 0x3000)

static void standard(void)
{
	const u64 e[] = { T1, T2 };

	reset();
	put_rsdp(RSDP, 2, 0, ROOT);
	put_root(ROOT, true, e, 2);
	put_table(T1, "APIC", 120, 5);
	put_table(T2, "SPCR", 80, 2);
}

TEST(xsdt_good)
{
	const void *p;
	u32 len;

	standard();
	CHECK(acpi_tables_init(&tables, &view, RSDP, &findings));
	CHECK_NO_FINDINGS();
	CHECK(tables.root_is_xsdt);
	CHECK_EQ(tables.root_pa, ROOT);
	CHECK_EQ(tables.listed, 2);
	CHECK_EQ(tables.count, 2);
	CHECK(acpi_find_table(&tables, "APIC", &p, &len));
	CHECK(p == at(T1));
	CHECK_EQ(len, 120);
	CHECK(acpi_find_table(&tables, "SPCR", &p, &len));
	CHECK(p == at(T2));
	CHECK(!acpi_find_table(&tables, "FACP", &p, &len));
	CHECK(!acpi_find_table_nth(&tables, "APIC", 1, &p, &len));
}

TEST(rsdt_v1_good)
{
	const u64 e[] = { T1, T2, T3 };
	const void *p;
	u32 len;

	reset();
	put_rsdp(RSDP, 0, (u32)ROOT, 0);
	put_root(ROOT, false, e, 3);
	put_table(T1, "SSDT", 40, 1);
	put_table(T2, "APIC", 60, 1);
	put_table(T3, "SSDT", 50, 1);
	CHECK(acpi_tables_init(&tables, &view, RSDP, &findings));
	CHECK_NO_FINDINGS();
	CHECK(!tables.root_is_xsdt);
	CHECK_EQ(tables.count, 3);
	CHECK(acpi_find_table_nth(&tables, "SSDT", 1, &p, &len));
	CHECK(p == at(T3));
	CHECK_EQ(len, 50);
}

TEST(rsdp_bad_checksum)
{
	standard();
	at(RSDP)[8]++;
	CHECK(!acpi_tables_init(&tables, &view, RSDP, &findings));
	CHECK_FINDINGS(W_ACPI_RSDP_BAD);
	CHECK_EQ(tables.count, 0);
}

TEST(rsdp_bad_extended_checksum)
{
	standard();
	at(RSDP)[32]++;
	CHECK(!acpi_tables_init(&tables, &view, RSDP, &findings));
	CHECK_FINDINGS(W_ACPI_RSDP_BAD);
}

TEST(rsdp_bad_signature_or_unreadable)
{
	standard();
	CHECK(!acpi_tables_init(&tables, &view, BASE + SIZE + 0x100, &findings));
	CHECK(!acpi_tables_init(&tables, &view, BASE + SIZE - 8, &findings));
	at(RSDP)[0] = 'X';
	CHECK(!acpi_tables_init(&tables, &view, RSDP, &findings));
	CHECK_FINDINGS(W_ACPI_RSDP_BAD, W_ACPI_RSDP_BAD, W_ACPI_RSDP_BAD);
}

TEST(rsdp_bad_length)
{
	standard();
	((struct acpi_rsdp *)at(RSDP))->length = 0x100000;
	fix_checksum(RSDP, ACPI_RSDP_V1_SIZE, 8);
	CHECK(!acpi_tables_init(&tables, &view, RSDP, &findings));
	CHECK_FINDINGS(W_ACPI_RSDP_BAD);
}

TEST(table_bad_checksum)
{
	const void *p;
	u32 len;

	standard();
	at(T2)[40] ^= 1;
	CHECK(acpi_tables_init(&tables, &view, RSDP, &findings));
	CHECK_FINDINGS(W_ACPI_TABLE_BAD);
	CHECK_EQ(findings.items[0].pa, T2);
	CHECK_EQ(tables.count, 1);
	CHECK(acpi_find_table(&tables, "APIC", &p, &len));
	CHECK(!acpi_find_table(&tables, "SPCR", &p, &len));
}

TEST(table_bad_length)
{
	const u64 e[] = { T1, T2, BASE + SIZE - 40, 0, BASE + SIZE + 0x1000 };

	standard();
	put_root(ROOT, true, e, 5);
	put_table(T1, "APIC", 20, 1);			/* shorter than a header */
	put_header(T2, "SSDT", ACPI_TABLE_MAX_LEN + 1);
	put_header(BASE + SIZE - 40, "SSDT", 80);	/* runs past memory */
	CHECK(acpi_tables_init(&tables, &view, RSDP, &findings));
	CHECK_FINDINGS(W_ACPI_TABLE_BAD, W_ACPI_TABLE_BAD, W_ACPI_TABLE_BAD,
		       W_ACPI_TABLE_BAD, W_ACPI_TABLE_BAD);
	CHECK_EQ(tables.listed, 5);
	CHECK_EQ(tables.count, 0);
}

TEST(root_truncated)
{
	const u64 e[] = { T1, T2 };

	standard();
	/* the XSDT's length runs past the end of readable memory */
	put_rsdp(RSDP, 2, 0, BASE + SIZE - 48);
	put_header(BASE + SIZE - 48, "XSDT", 36 + 2 * 8);
	CHECK(!acpi_tables_init(&tables, &view, RSDP, &findings));
	/* a length that is not 36 + n * 8 */
	put_rsdp(RSDP, 2, 0, ROOT);
	put_root(ROOT, true, e, 2);
	put_table(ROOT, "XSDT", 36 + 12, 1);
	CHECK(!acpi_tables_init(&tables, &view, RSDP, &findings));
	/* an RSDT where the RSDP names an XSDT */
	put_root(ROOT, false, e, 2);
	CHECK(!acpi_tables_init(&tables, &view, RSDP, &findings));
	/* a root with a bad checksum */
	put_root(ROOT, true, e, 2);
	at(ROOT)[36]++;
	CHECK(!acpi_tables_init(&tables, &view, RSDP, &findings));
	CHECK_FINDINGS(W_ACPI_ROOT_BAD, W_ACPI_ROOT_BAD, W_ACPI_ROOT_BAD,
		       W_ACPI_ROOT_BAD);
	CHECK_EQ(tables.count, 0);
}

TEST(duplicates_and_loops)
{
	const u64 e[] = { T1, T2, T1, ROOT, RSDP, T2 };

	standard();
	put_root(ROOT, true, e, 6);
	CHECK(acpi_tables_init(&tables, &view, RSDP, &findings));
	CHECK_FINDINGS(W_ACPI_TABLE_DUPLICATE, W_ACPI_TABLE_DUPLICATE,
		       W_ACPI_TABLE_DUPLICATE, W_ACPI_TABLE_DUPLICATE);
	CHECK_EQ(tables.listed, 6);
	CHECK_EQ(tables.count, 2);
}

TEST(too_many_tables)
{
	u64 e[ACPI_TABLES_MAX + 6];
	u32 i;

	reset();
	for (i = 0; i < ARRAY_SIZE(e); i++) {
		e[i] = BASE + 0x1000 + i * 64;
		put_table(e[i], "SSDT", 40, 1);
	}
	put_rsdp(RSDP, 2, 0, ROOT);
	put_root(ROOT, true, e, ARRAY_SIZE(e));
	CHECK(acpi_tables_init(&tables, &view, RSDP, &findings));
	CHECK_FINDINGS(W_ACPI_TABLES_TOO_MANY);
	CHECK_EQ(tables.listed, ACPI_TABLES_MAX + 6);
	CHECK_EQ(tables.count, ACPI_TABLES_MAX);
}

TEST(rsdp_scan)
{
	reset();
	put_rsdp(BASE + 0x4010, 0, (u32)ROOT, 0);
	at(BASE + 0x4010)[8]++;		/* bad checksum: skipped */
	put_rsdp(BASE + 0x4fe0, 0, (u32)ROOT, 0);
	put_rsdp(BASE + 0x5008, 0, (u32)ROOT, 0);	/* not 16-byte aligned */
	CHECK_EQ(acpi_rsdp_scan(&view, BASE + 0x4000, 0x1000), BASE + 0x4fe0);
	CHECK_EQ(acpi_rsdp_scan(&view, BASE + 0x4000, 0xff0), 0);
	CHECK_EQ(acpi_rsdp_scan(&view, BASE + 0x5000, 0x1000), 0);
	/* a scan range partly outside the view reads nothing outside */
	CHECK_EQ(acpi_rsdp_scan(&view, BASE + SIZE - 0x100, 0x10000), 0);
	CHECK_NO_FINDINGS();
}

/* An SPCR at T2, listed by standard(). */
static void put_spcr(u8 revision, u8 type, u8 space, u8 width, u8 access,
		     u64 addr, u8 baud_code, u32 len)
{
	struct acpi_spcr *s = (void *)at(T2);

	s->interface_type = type;
	s->base.space_id = space;
	s->base.bit_width = width;
	s->base.access_size = access;
	s->base.address = addr;
	s->baud_rate = baud_code;
	put_table(T2, "SPCR", len, revision);
}

static bool spcr(struct spcr_console *c)
{
	CHECK(acpi_tables_init(&tables, &view, RSDP, &findings));
	return spcr_find(&tables, c, &findings);
}

TEST(spcr_io)
{
	struct spcr_console c;

	standard();
	put_spcr(2, SPCR_16550, ACPI_GAS_IO, 8, 1, 0x2f8, 7, 80);
	CHECK(spcr(&c));
	CHECK_NO_FINDINGS();
	CHECK_EQ(c.kind, SPCR_UART_8250);
	CHECK_EQ(c.uart.access, UART_IO);
	CHECK_EQ(c.uart.base, 0x2f8);
	CHECK_EQ(c.uart.baud, 115200);
}

TEST(spcr_mmio_widths)
{
	struct spcr_console c;

	standard();
	put_spcr(2, SPCR_16550_GAS, ACPI_GAS_MEMORY, 32, 3, 0xfe001000ULL, 0,
		 80);
	CHECK(spcr(&c));
	CHECK_EQ(c.uart.access, UART_MMIO32);
	CHECK_EQ(c.uart.base, 0xfe001000ULL);
	CHECK_EQ(c.uart.baud, 0);		/* "as is" */
	put_spcr(2, SPCR_16450, ACPI_GAS_MEMORY, 8, 1, 0xfe002000ULL, 6, 80);
	CHECK(spcr(&c));
	CHECK_EQ(c.uart.access, UART_MMIO8);
	CHECK_EQ(c.uart.baud, 57600);
	/* no access size: the register width decides */
	put_spcr(2, SPCR_16550, ACPI_GAS_MEMORY, 32, 0, 0xfe003000ULL, 3, 80);
	CHECK(spcr(&c));
	CHECK_EQ(c.uart.access, UART_MMIO32);
	CHECK_EQ(c.uart.baud, 9600);
	/* revision 4: the precise baud rate wins over the code */
	memset(at(T2) + 76, 0, 12);
	((struct acpi_spcr *)at(T2))->precise_baud = 1500000;
	put_spcr(4, SPCR_16550, ACPI_GAS_MEMORY, 8, 1, 0xfe004000ULL, 7, 88);
	CHECK(spcr(&c));
	CHECK_EQ(c.uart.baud, 1500000);
	CHECK_NO_FINDINGS();
}

TEST(spcr_pl011)
{
	struct spcr_console c;

	standard();
	put_spcr(2, SPCR_PL011, ACPI_GAS_MEMORY, 32, 3, 0x9000000, 7, 80);
	CHECK(spcr(&c));
	CHECK_EQ(c.kind, SPCR_UART_PL011);
	CHECK_EQ(c.uart.base, 0x9000000);
	CHECK_EQ(c.interface_type, SPCR_PL011);
	CHECK_NO_FINDINGS();
}

TEST(spcr_unusable)
{
	struct spcr_console c;

	standard();
	put_spcr(2, 0x05, ACPI_GAS_MEMORY, 32, 3, 0x9000000, 7, 80);
	CHECK(!spcr(&c));			/* interface type */
	put_spcr(2, SPCR_16550, 2, 8, 1, 0x10, 7, 80);
	CHECK(!spcr(&c));			/* PCI config space */
	put_spcr(2, SPCR_16550, ACPI_GAS_MEMORY, 16, 2, 0xfe000000, 7, 80);
	CHECK(!spcr(&c));			/* 16-bit registers */
	put_spcr(2, SPCR_16550, ACPI_GAS_IO, 8, 1, 0, 7, 80);
	CHECK(!spcr(&c));			/* address 0 */
	put_spcr(2, SPCR_16550, ACPI_GAS_IO, 8, 1, 0x3f8, 7, 60);
	CHECK(!spcr(&c));			/* too short */
	CHECK_FINDINGS(W_ACPI_SPCR_UNUSABLE, W_ACPI_SPCR_UNUSABLE,
		       W_ACPI_SPCR_UNUSABLE, W_ACPI_SPCR_UNUSABLE,
		       W_ACPI_SPCR_UNUSABLE);
	CHECK_EQ(findings.items[0].pa, T2);
}
