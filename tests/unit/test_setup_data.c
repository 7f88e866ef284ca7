// SPDX-License-Identifier: MIT
/*
 * Unit tests of boot/setup_data.c: the command line copy, the initrd check
 * and the setup_data walk over a synthetic 64 KiB RAM window.
 */
#include "check.h"
#include <boot/boot_params.h>

#define RAM_PA		0x100000ULL
#define RAM_SIZE	0x10000ULL
#define RAM_END		(RAM_PA + RAM_SIZE)

static u8 ram[RAM_SIZE] __aligned(16);
static struct phys_window window;
static struct phys_view view;
static struct finding finding_storage[16];
static struct finding_list findings;
static struct boot_info bi;

static void setup(void)
{
	memset(ram, 0, sizeof(ram));
	window = (struct phys_window){ RAM_PA, RAM_SIZE, ram };
	CHECK(phys_view_init(&view, &window, 1));
	finding_list_init(&findings, finding_storage,
			  ARRAY_SIZE(finding_storage));
	bootinfo_reset(&bi);
	bi.protocol = BOOT_PROTOCOL_LINUX64;
}

static u8 *at(phys_addr_t pa)
{
	return ram + (pa - RAM_PA);
}

static void put_u32(phys_addr_t pa, u32 v)
{
	memcpy(at(pa), &v, sizeof(v));
}

static void put_u64(phys_addr_t pa, u64 v)
{
	memcpy(at(pa), &v, sizeof(v));
}

/* A setup_data header written field by field at its ABI offsets. */
static void put_entry(phys_addr_t pa, u64 next, u32 type, u32 len)
{
	put_u64(pa, next);
	put_u32(pa + 8, type);
	put_u32(pa + 12, len);
}

static void put_kho(phys_addr_t pa, u64 next, u32 len, u64 fdt, u64 scratch)
{
	put_entry(pa, next, SETUP_KEXEC_KHO, len);
	if (len >= 32) {
		put_u64(pa + 16, fdt);
		put_u64(pa + 24, 0x1000);
		put_u64(pa + 32, scratch);
		put_u64(pa + 40, 3 * 16);
	}
}

/* Findings must be exactly these codes, in this order. */
#define CHECK_FINDINGS(...)						\
	check_findings((const enum finding_code[]){ __VA_ARGS__ },	\
		       sizeof((enum finding_code[]){ __VA_ARGS__ }) /	\
		       sizeof(enum finding_code), __LINE__)

static void check_findings(const enum finding_code *codes, u32 n, int line)
{
	u32 i;

	if (findings.count != n)
		CHECK_FAIL("line %d: %u findings, expected %u", line,
			   findings.count, n);
	for (i = 0; i < n && i < findings.count; i++)
		if (findings.items[i].code != codes[i])
			CHECK_FAIL("line %d: finding %u is %s (%s), expected %s",
				   line, i,
				   finding_code_name(findings.items[i].code),
				   findings.items[i].message,
				   finding_code_name(codes[i]));
}

#define CHECK_NO_FINDINGS() CHECK_EQ(findings.count, 0)

static void check_entry(u32 i, phys_addr_t pa, u32 type, u32 len)
{
	CHECK_EQ(bi.setup_data[i].pa, pa);
	CHECK_EQ(bi.setup_data[i].type, type);
	CHECK_EQ(bi.setup_data[i].len, len);
}

TEST(walk_kexec_file_list)
{
	const phys_addr_t rng = RAM_PA + 0x20, kho = RAM_PA + 0x60;
	const phys_addr_t efi = RAM_PA + 0xa0;

	setup();
	put_entry(rng, kho, SETUP_RNG_SEED, 32);
	put_kho(kho, efi, 32, 0x7c000000, 0x7c7f0000);
	put_entry(efi, 0, SETUP_EFI, 96);
	bi.setup_data_head = rng;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_NO_FINDINGS();
	CHECK_EQ(bi.setup_data_count, 3);
	check_entry(0, rng, SETUP_RNG_SEED, 32);
	check_entry(1, kho, SETUP_KEXEC_KHO, 32);
	check_entry(2, efi, SETUP_EFI, 96);
	CHECK(!bi.setup_data_truncated);
	CHECK(bi.kho.present);
	CHECK_EQ(bi.kho.setup_data_pa, kho);
	CHECK_EQ(bi.kho.len, 32);
	CHECK_EQ(bi.kho.fdt_addr, 0x7c000000);
	CHECK_EQ(bi.kho.fdt_size, 0x1000);
	CHECK_EQ(bi.kho.scratch_addr, 0x7c7f0000);
	CHECK_EQ(bi.kho.scratch_size, 48);
	CHECK_EQ(bi.kho_record_count, 1);
}

TEST(empty_list)
{
	setup();
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_NO_FINDINGS();
	CHECK_EQ(bi.setup_data_count, 0);
	CHECK(!bi.setup_data_truncated);
	CHECK(!bi.kho.present);
}

TEST(cycle_two_entries)
{
	const phys_addr_t a = RAM_PA + 0x100, b = RAM_PA + 0x200;

	setup();
	put_entry(a, b, SETUP_RNG_SEED, 32);
	put_entry(b, a, SETUP_IMA, 16);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_SETUP_DATA_CYCLE);
	CHECK_EQ(findings.items[0].pa, a);
	CHECK_EQ(bi.setup_data_count, 2);
	check_entry(0, a, SETUP_RNG_SEED, 32);
	check_entry(1, b, SETUP_IMA, 16);
	CHECK(bi.setup_data_truncated);
}

TEST(cycle_into_the_middle)
{
	const phys_addr_t a = RAM_PA + 0x100, b = RAM_PA + 0x200;
	const phys_addr_t c = RAM_PA + 0x300;

	setup();
	put_entry(a, b, SETUP_RNG_SEED, 0);
	put_entry(b, c, SETUP_RNG_SEED, 0);
	put_entry(c, b, SETUP_RNG_SEED, 0);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_SETUP_DATA_CYCLE);
	CHECK_EQ(findings.items[0].pa, b);
	CHECK_EQ(bi.setup_data_count, 3);
}

TEST(self_loop)
{
	const phys_addr_t a = RAM_PA + 0x100;

	setup();
	put_kho(a, a, 32, 0x5000, 0x6000);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_SETUP_DATA_CYCLE);
	CHECK_EQ(findings.items[0].pa, a);
	CHECK_EQ(bi.setup_data_count, 1);
	CHECK(bi.setup_data_truncated);
	CHECK(bi.kho.present);
	CHECK_EQ(bi.kho_record_count, 1);
}

TEST(next_out_of_ram)
{
	const phys_addr_t a = RAM_PA + 0x100;

	setup();
	put_entry(a, 0xdead0000, SETUP_RNG_SEED, 32);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_SETUP_DATA_OUT_OF_RAM);
	CHECK_EQ(findings.items[0].pa, 0xdead0000);
	CHECK_EQ(bi.setup_data_count, 1);
	CHECK(bi.setup_data_truncated);
}

TEST(head_out_of_ram)
{
	setup();
	bi.setup_data_head = RAM_PA - 16;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_SETUP_DATA_OUT_OF_RAM);
	CHECK_EQ(bi.setup_data_count, 0);
	CHECK(bi.setup_data_truncated);
}

TEST(header_straddles_end_of_ram)
{
	setup();
	bi.setup_data_head = RAM_END - 8;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_SETUP_DATA_OUT_OF_RAM);
	CHECK_EQ(bi.setup_data_count, 0);
}

TEST(header_at_top_of_address_space)
{
	setup();
	bi.setup_data_head = UINT64_MAX - 7;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_SETUP_DATA_OUT_OF_RAM);
}

TEST(payload_past_end_of_ram)
{
	const phys_addr_t a = RAM_END - 48;

	setup();
	put_kho(a, 0, 33, 0, 0);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_SETUP_DATA_PAYLOAD_OUT_OF_RAM);
	CHECK_EQ(findings.items[0].pa, a);
	CHECK_EQ(bi.setup_data_count, 1);
	check_entry(0, a, SETUP_KEXEC_KHO, 33);
	CHECK(bi.setup_data_truncated);
	CHECK(!bi.kho.present);
	CHECK_EQ(bi.kho_record_count, 0);
}

TEST(payload_exactly_to_end_of_ram)
{
	const phys_addr_t a = RAM_END - 48;

	setup();
	put_kho(a, 0, 32, 0x9000, 0xa000);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_NO_FINDINGS();
	CHECK(bi.kho.present);
	CHECK_EQ(bi.kho.fdt_addr, 0x9000);
}

TEST(payload_huge_len)
{
	const phys_addr_t a = RAM_PA + 0x100;

	setup();
	put_entry(a, 0, SETUP_DTB, 0xffffffff);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_SETUP_DATA_PAYLOAD_OUT_OF_RAM);
	CHECK_EQ(bi.setup_data_count, 1);
}

static void chain(u32 count)
{
	u32 i;

	for (i = 0; i < count; i++) {
		phys_addr_t pa = RAM_PA + i * 0x20;

		put_entry(pa, i + 1 < count ? pa + 0x20 : 0, SETUP_RNG_SEED, 16);
	}
	bi.setup_data_head = RAM_PA;
}

TEST(list_of_maximum_length)
{
	setup();
	chain(BOOT_SETUP_DATA_MAX);
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_NO_FINDINGS();
	CHECK_EQ(bi.setup_data_count, BOOT_SETUP_DATA_MAX);
	CHECK(!bi.setup_data_truncated);
}

TEST(list_too_long)
{
	setup();
	chain(BOOT_SETUP_DATA_MAX + 6);
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_SETUP_DATA_TOO_LONG);
	CHECK_EQ(findings.items[0].pa, RAM_PA + BOOT_SETUP_DATA_MAX * 0x20);
	CHECK_EQ(bi.setup_data_count, BOOT_SETUP_DATA_MAX);
	check_entry(BOOT_SETUP_DATA_MAX - 1,
		    RAM_PA + (BOOT_SETUP_DATA_MAX - 1) * 0x20,
		    SETUP_RNG_SEED, 16);
	CHECK(bi.setup_data_truncated);
}

static void put_e820(phys_addr_t pa, u64 addr, u64 size, u32 type)
{
	put_u64(pa, addr);
	put_u64(pa + 8, size);
	put_u32(pa + 16, type);
}

static void given_e820(u32 count)
{
	u32 i;

	for (i = 0; i < count; i++)
		bi.e820[i] = (struct boot_e820_entry){ i * 0x10000, 0x1000,
						       E820_TYPE_RAM };
	bi.e820_count = count;
}

TEST(e820_ext_appends)
{
	const phys_addr_t a = RAM_PA + 0x100;

	setup();
	given_e820(3);
	put_entry(a, 0, SETUP_E820_EXT, 40);
	put_e820(a + 16, 0x100000000ULL, 0x40000000, E820_TYPE_RAM);
	put_e820(a + 36, 0x140000000ULL, 0x1000, E820_TYPE_PRAM);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_NO_FINDINGS();
	CHECK_EQ(bi.e820_count, 5);
	CHECK_EQ(bi.e820[2].addr, 0x20000);
	CHECK_EQ(bi.e820[3].addr, 0x100000000ULL);
	CHECK_EQ(bi.e820[3].size, 0x40000000);
	CHECK_EQ(bi.e820[3].type, E820_TYPE_RAM);
	CHECK_EQ(bi.e820[4].addr, 0x140000000ULL);
	CHECK_EQ(bi.e820[4].size, 0x1000);
	CHECK_EQ(bi.e820[4].type, E820_TYPE_PRAM);
	CHECK_EQ(bi.e820_dropped, 0);
}

TEST(e820_ext_ragged)
{
	const phys_addr_t a = RAM_PA + 0x100;

	setup();
	put_entry(a, 0, SETUP_E820_EXT, 45);
	put_e820(a + 16, 0x1000, 0x2000, E820_TYPE_RAM);
	put_e820(a + 36, 0x5000, 0x3000, E820_TYPE_ACPI);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(W_E820_EXT_RAGGED);
	CHECK_EQ(bi.e820_count, 2);
	CHECK_EQ(bi.e820[1].type, E820_TYPE_ACPI);
}

TEST(e820_ext_overflow)
{
	const phys_addr_t a = RAM_PA + 0x100;

	setup();
	given_e820(BOOT_E820_MAX - 1);
	put_entry(a, 0, SETUP_E820_EXT, 60);
	put_e820(a + 16, 0xa000000, 0x1000, E820_TYPE_NVS);
	put_e820(a + 36, 0xb000000, 0x1000, E820_TYPE_RAM);
	put_e820(a + 56, 0xc000000, 0x1000, E820_TYPE_RAM);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(W_E820_OVERFLOW);
	CHECK_EQ(bi.e820_count, BOOT_E820_MAX);
	CHECK_EQ(bi.e820[BOOT_E820_MAX - 1].addr, 0xa000000);
	CHECK_EQ(bi.e820[BOOT_E820_MAX - 1].type, E820_TYPE_NVS);
	CHECK_EQ(bi.e820_dropped, 2);
}

TEST(kho_longer_record_accepted)
{
	const phys_addr_t a = RAM_PA + 0x100;

	setup();
	put_kho(a, 0, 40, 0x7000, 0x8000);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_NO_FINDINGS();
	CHECK(bi.kho.present);
	CHECK_EQ(bi.kho.len, 40);
	CHECK_EQ(bi.kho.scratch_addr, 0x8000);
}

TEST(kho_short_record)
{
	const phys_addr_t a = RAM_PA + 0x100;

	setup();
	put_kho(a, 0, 24, 0, 0);
	put_u64(a + 16, 0x7000);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_KHO_SETUP_DATA_SHORT);
	CHECK_EQ(findings.items[0].pa, a);
	CHECK(!bi.kho.present);
	CHECK_EQ(bi.kho.fdt_addr, 0);
	CHECK_EQ(bi.kho_record_count, 1);
	CHECK_EQ(bi.setup_data_count, 1);
}

TEST(kho_duplicate_keeps_first)
{
	const phys_addr_t a = RAM_PA + 0x100, b = RAM_PA + 0x200;

	setup();
	put_kho(a, b, 32, 0x1111000, 0x2222000);
	put_kho(b, 0, 32, 0x3333000, 0x4444000);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_KHO_SETUP_DATA_DUPLICATE);
	CHECK_EQ(findings.items[0].pa, b);
	CHECK(bi.kho.present);
	CHECK_EQ(bi.kho.setup_data_pa, a);
	CHECK_EQ(bi.kho.fdt_addr, 0x1111000);
	CHECK_EQ(bi.kho.scratch_addr, 0x2222000);
	CHECK_EQ(bi.kho_record_count, 2);
	CHECK_EQ(bi.setup_data_count, 2);
}

TEST(kho_short_then_valid_keeps_none)
{
	const phys_addr_t a = RAM_PA + 0x100, b = RAM_PA + 0x200;

	setup();
	put_kho(a, b, 8, 0, 0);
	put_kho(b, 0, 32, 0x3333000, 0x4444000);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_KHO_SETUP_DATA_SHORT, E_KHO_SETUP_DATA_DUPLICATE);
	CHECK(!bi.kho.present);
}

TEST(indirect_noted)
{
	const phys_addr_t a = RAM_PA + 0x100, b = RAM_PA + 0x200;

	setup();
	put_entry(a, b, SETUP_INDIRECT | SETUP_E820_EXT, 24);
	put_u32(a + 16, SETUP_INDIRECT | SETUP_E820_EXT);
	put_u64(a + 24, 0x2000);
	put_u64(a + 32, 0x99000000);
	put_entry(b, 0, SETUP_INDIRECT, 8);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(I_SETUP_INDIRECT, W_SETUP_INDIRECT_SHORT);
	CHECK_EQ(findings.items[0].pa, a);
	CHECK_STR(findings.items[0].message,
		  "indirect type 0x80000001 data [0x99000000, +0x2000) not followed");
	CHECK_EQ(findings.items[1].pa, b);
	CHECK_EQ(bi.setup_indirect_count, 2);
	CHECK_EQ(bi.e820_count, 0);
	CHECK_EQ(bi.setup_data_count, 2);
}

TEST(unknown_type_recorded)
{
	const phys_addr_t a = RAM_PA + 0x100;

	setup();
	put_entry(a, 0, 77, 5);
	bi.setup_data_head = a;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_NO_FINDINGS();
	check_entry(0, a, 77, 5);
	CHECK_STR(bootinfo_setup_data_type_name(77), "unknown");
	CHECK_STR(bootinfo_setup_data_type_name(SETUP_KEXEC_KHO), "KEXEC_KHO");
	CHECK_STR(bootinfo_setup_data_type_name(SETUP_INDIRECT | 4),
		  "INDIRECT");
	CHECK_STR(bootinfo_setup_data_type_name(SETUP_NONE), "NONE");
}

TEST(cmdline_copied)
{
	const char text[] = "console=ttyS0 baton.exit=\"a b\"";

	setup();
	memcpy(at(RAM_PA + 0x1000), text, sizeof(text));
	bi.cmdline_pa = RAM_PA + 0x1000;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_NO_FINDINGS();
	CHECK_STR(bi.cmdline, text);
	CHECK_EQ(bi.cmdline_len, sizeof(text) - 1);
	CHECK(!bi.cmdline_truncated);
}

TEST(cmdline_absent)
{
	setup();
	bi.cmdline_pa = 0;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_NO_FINDINGS();
	CHECK_STR(bi.cmdline, "");
	CHECK_EQ(bi.cmdline_len, 0);
}

TEST(cmdline_out_of_ram)
{
	setup();
	bi.cmdline_pa = RAM_END;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_CMDLINE_OUT_OF_RAM);
	CHECK_EQ(findings.items[0].pa, RAM_END);
	CHECK_STR(bi.cmdline, "");
}

TEST(cmdline_runs_off_ram)
{
	setup();
	memcpy(at(RAM_END - 4), "abcd", 4);
	bi.cmdline_pa = RAM_END - 4;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_CMDLINE_OUT_OF_RAM);
	CHECK_EQ(findings.items[0].pa, RAM_END);
	CHECK_STR(bi.cmdline, "abcd");
	CHECK_EQ(bi.cmdline_len, 4);
}

TEST(cmdline_longest_fits)
{
	setup();
	memset(at(RAM_PA + 0x2000), 'x', BOOT_CMDLINE_MAX - 1);
	bi.cmdline_pa = RAM_PA + 0x2000;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_NO_FINDINGS();
	CHECK_EQ(bi.cmdline_len, BOOT_CMDLINE_MAX - 1);
	CHECK_EQ(strlen(bi.cmdline), BOOT_CMDLINE_MAX - 1);
	CHECK(!bi.cmdline_truncated);
}

TEST(cmdline_truncated)
{
	setup();
	memset(at(RAM_PA + 0x2000), 'y', 5000);
	bi.cmdline_pa = RAM_PA + 0x2000;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(W_CMDLINE_TRUNCATED);
	CHECK_EQ(bi.cmdline_len, BOOT_CMDLINE_MAX - 1);
	CHECK_EQ(strlen(bi.cmdline), BOOT_CMDLINE_MAX - 1);
	CHECK_EQ(bi.cmdline[BOOT_CMDLINE_MAX - 2], 'y');
	CHECK(bi.cmdline_truncated);
}

TEST(initrd_checked)
{
	setup();
	bi.initrd_pa = RAM_PA + 0x4000;
	bi.initrd_size = RAM_SIZE - 0x4000;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_NO_FINDINGS();

	setup();
	bi.initrd_pa = RAM_PA + 0x4000;
	bi.initrd_size = RAM_SIZE - 0x4000 + 1;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_INITRD_OUT_OF_RAM);
	CHECK_EQ(findings.items[0].pa, RAM_PA + 0x4000);

	setup();
	bi.initrd_pa = 0xdead000;
	bi.initrd_size = 0;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_NO_FINDINGS();

	setup();
	bi.initrd_pa = UINT64_MAX - 0xfff;
	bi.initrd_size = 0x2000;
	bootinfo_read_handover(&bi, &view, &findings);
	CHECK_FINDINGS(E_INITRD_OUT_OF_RAM);
}
