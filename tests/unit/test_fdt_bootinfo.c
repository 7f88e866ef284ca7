// SPDX-License-Identifier: MIT
/*
 * Unit tests of boot/fdt_bootinfo.c (the arm64 entry's DTB reader): RAM
 * from /memory less /reserved-memory and /memreserve/, the /chosen KHO
 * pair rules (exactly one (address, size) pair each, both or none),
 * bootargs and initrd, the linux,uefi-* system table and memory map. DTBs
 * are built with libfdt.
 */
#include "check.h"
#include <libfdt.h>
#include <boot/fdt_bootinfo.h>

static uint8_t dtb[8192];
static struct boot_info bi;
static struct fdt_boot out;

static void pair(int node, const char *name, uint64_t a, uint64_t s)
{
	fdt64_t v[2] = { cpu_to_fdt64(a), cpu_to_fdt64(s) };

	CHECK_EQ(fdt_setprop(dtb, node, name, v, sizeof(v)), 0);
}

/* 2/2 cells, RAM [1 GiB, 2 GiB) and [4 GiB, 4 GiB + 256 MiB), /chosen. */
static int base_dtb(void)
{
	int mem, chosen;

	memset(&bi, 0, sizeof(bi));
	CHECK_EQ(fdt_create_empty_tree(dtb, sizeof(dtb)), 0);
	CHECK_EQ(fdt_setprop_u32(dtb, 0, "#address-cells", 2), 0);
	CHECK_EQ(fdt_setprop_u32(dtb, 0, "#size-cells", 2), 0);
	mem = fdt_add_subnode(dtb, 0, "memory@40000000");
	CHECK_EQ(fdt_setprop_string(dtb, mem, "device_type", "memory"), 0);
	pair(mem, "reg", 0x40000000, 0x40000000);
	CHECK_EQ(fdt_appendprop_u64(dtb, mem, "reg", 0x100000000ULL), 0);
	CHECK_EQ(fdt_appendprop_u64(dtb, mem, "reg", 0x10000000), 0);
	chosen = fdt_add_subnode(dtb, 0, "chosen");
	CHECK(chosen >= 0);
	return chosen;
}

static int read_back(void)
{
	return bootinfo_from_fdt(&bi, &out, dtb, 0x48000000);
}

static void check_e820(uint32_t i, uint64_t addr, uint64_t size, uint32_t t)
{
	CHECK(i < bi.e820_count);
	CHECK_EQ(bi.e820[i].addr, addr);
	CHECK_EQ(bi.e820[i].size, size);
	CHECK_EQ(bi.e820[i].type, t);
}

TEST(memory_and_chosen)
{
	int chosen = base_dtb();

	CHECK_EQ(fdt_setprop_string(dtb, chosen, "bootargs", "baton.exit=qemu"), 0);
	CHECK_EQ(fdt_setprop_u64(dtb, chosen, "linux,initrd-start", 0x48000000), 0);
	CHECK_EQ(fdt_setprop_u32(dtb, chosen, "linux,initrd-end", 0x48100000), 0);
	CHECK_EQ(read_back(), 0);
	CHECK_STR(out.problem, "");
	CHECK_EQ(bi.protocol, BOOT_PROTOCOL_DTB);
	CHECK_EQ(bi.dtb_pa, 0x48000000);
	CHECK_EQ(bi.dtb_size, fdt_totalsize(dtb));
	CHECK_EQ(bi.e820_count, 2);
	check_e820(0, 0x40000000, 0x40000000, E820_TYPE_RAM);
	check_e820(1, 0x100000000ULL, 0x10000000, E820_TYPE_RAM);
	CHECK_STR(bi.cmdline, "baton.exit=qemu");
	CHECK_EQ(bi.initrd_pa, 0x48000000);
	CHECK_EQ(bi.initrd_size, 0x100000);
	CHECK(!bi.kho.present);
}

/* Reserved ranges leave RAM: split, clipped at an edge, sorted. */
TEST(reserved_memory_cut_out)
{
	int rm, n;

	base_dtb();
	rm = fdt_add_subnode(dtb, 0, "reserved-memory");
	CHECK_EQ(fdt_setprop_u32(dtb, rm, "#address-cells", 2), 0);
	CHECK_EQ(fdt_setprop_u32(dtb, rm, "#size-cells", 2), 0);
	n = fdt_add_subnode(dtb, rm, "fw@7f000000");
	pair(n, "reg", 0x7f000000, 0x1000000);	/* the end of RAM 0 */
	n = fdt_add_subnode(dtb, rm, "dyn");	/* no reg: not known here */
	CHECK_EQ(fdt_setprop_u64(dtb, n, "size", 0x100000), 0);
	CHECK_EQ(fdt_add_mem_rsv(dtb, 0x50000000, 0x2000), 0);
	CHECK_EQ(read_back(), 0);
	CHECK_STR(out.problem, "");
	CHECK_EQ(bi.e820_count, 5);
	check_e820(0, 0x40000000, 0x10000000, E820_TYPE_RAM);
	check_e820(1, 0x50000000, 0x2000, E820_TYPE_RESERVED);
	check_e820(2, 0x50002000, 0x2effe000, E820_TYPE_RAM);
	check_e820(3, 0x7f000000, 0x1000000, E820_TYPE_RESERVED);
	check_e820(4, 0x100000000ULL, 0x10000000, E820_TYPE_RAM);
}

/*
 * kexec's /memreserve/ for the initrd it placed (inside KHO scratch) stays
 * RAM; any other /memreserve/ (here one page after it) is still cut out.
 */
TEST(initrd_memreserve_stays_ram)
{
	int chosen = base_dtb();

	CHECK_EQ(fdt_setprop_u64(dtb, chosen, "linux,initrd-start", 0x48000000), 0);
	CHECK_EQ(fdt_setprop_u64(dtb, chosen, "linux,initrd-end", 0x48e62600), 0);
	CHECK_EQ(fdt_add_mem_rsv(dtb, 0x48000000, 0xe62600), 0);
	CHECK_EQ(fdt_add_mem_rsv(dtb, 0x49000000, 0x1000), 0);
	CHECK_EQ(read_back(), 0);
	CHECK_STR(out.problem, "");
	CHECK_EQ(bi.initrd_pa, 0x48000000);
	CHECK_EQ(bi.initrd_size, 0xe62600);
	CHECK_EQ(bi.e820_count, 4);
	check_e820(0, 0x40000000, 0x9000000, E820_TYPE_RAM);
	check_e820(1, 0x49000000, 0x1000, E820_TYPE_RESERVED);
	check_e820(2, 0x49001000, 0x36fff000, E820_TYPE_RAM);
	check_e820(3, 0x100000000ULL, 0x10000000, E820_TYPE_RAM);
}

TEST(kho_pair_accepted)
{
	int chosen = base_dtb();

	pair(chosen, "linux,kho-fdt", 0x50000000, 0x1000);
	pair(chosen, "linux,kho-scratch", 0x60000000, 0x20);
	CHECK_EQ(read_back(), 0);
	CHECK(bi.kho.present);
	CHECK_EQ(bi.kho.fdt_addr, 0x50000000);
	CHECK_EQ(bi.kho.fdt_size, 0x1000);
	CHECK_EQ(bi.kho.scratch_addr, 0x60000000);
	CHECK_EQ(bi.kho.scratch_size, 0x20);
	CHECK_EQ(bi.kho.len, 32);	/* the whole of x86's kho_data */
}

/* Fail closed: one property alone, or not exactly one pair, is no handover. */
TEST(kho_pair_rules)
{
	fdt64_t three[3] = { 0, 0, 0 };
	int chosen = base_dtb();

	pair(chosen, "linux,kho-fdt", 0x50000000, 0x1000);
	CHECK_EQ(read_back(), 0);
	CHECK(!bi.kho.present);
	CHECK_EQ(bi.kho.fdt_addr, 0);
	CHECK_STR(out.problem, "/chosen has only one of linux,kho-fdt and linux,kho-scratch");
	chosen = base_dtb();
	pair(chosen, "linux,kho-fdt", 0x50000000, 0x1000);
	CHECK_EQ(fdt_setprop(dtb, chosen, "linux,kho-scratch", three,
			     sizeof(three)), 0);
	CHECK_EQ(read_back(), 0);
	CHECK(!bi.kho.present);
	CHECK_STR(out.problem, "/chosen linux,kho-* not one (address, size) pair");
}

TEST(not_a_dtb)
{
	memset(dtb, 0, sizeof(dtb));
	memset(&bi, 0, sizeof(bi));
	CHECK_EQ(read_back(), -1);
	CHECK_STR(out.problem, "no valid DTB (bad header)");
	CHECK_EQ(bi.e820_count, 0);
}

/* A UART node under the root: compatible, reg, optional reg-shift/width. */
static void uart_node(const char *name, const char *compatible, int shift,
		      int width)
{
	int node = fdt_add_subnode(dtb, 0, name);

	CHECK(node >= 0);
	CHECK_EQ(fdt_setprop_string(dtb, node, "compatible", compatible), 0);
	pair(node, "reg", 0x9100000, 0x1000);
	if (shift >= 0)
		CHECK_EQ(fdt_setprop_u32(dtb, node, "reg-shift", shift), 0);
	if (width >= 0)
		CHECK_EQ(fdt_setprop_u32(dtb, node, "reg-io-width", width), 0);
}

/* stdout-path to a 16550 (by alias, with options): kind, base, layout, baud. */
TEST(stdout_path_16550)
{
	int chosen = base_dtb(), aliases;

	uart_node("serial@9100000", "snps,dw-apb-uart", 2, 4);
	aliases = fdt_add_subnode(dtb, 0, "aliases");
	CHECK_EQ(fdt_setprop_string(dtb, aliases, "serial0", "/serial@9100000"), 0);
	chosen = fdt_path_offset(dtb, "/chosen");
	CHECK_EQ(fdt_setprop_string(dtb, chosen, "stdout-path", "serial0:115200n8"), 0);
	CHECK_EQ(read_back(), 0);
	CHECK_STR(out.problem, "");
	CHECK_EQ(out.console.kind, FDT_CONSOLE_8250);
	CHECK_EQ(out.console.base, 0x9100000);
	CHECK_EQ(out.console.reg_shift, 2);
	CHECK_EQ(out.console.reg_io_width, 4);
	CHECK_EQ(out.console.baud, 115200);
	CHECK_STR(out.console.path, "serial0");
}

/* Defaults: byte registers, no options = keep the firmware's baud. */
TEST(stdout_path_defaults)
{
	int chosen = base_dtb();

	uart_node("uart@9100000", "ns16550a", -1, -1);
	chosen = fdt_path_offset(dtb, "/chosen");
	CHECK_EQ(fdt_setprop_string(dtb, chosen, "stdout-path", "/uart@9100000"), 0);
	CHECK_EQ(read_back(), 0);
	CHECK_EQ(out.console.kind, FDT_CONSOLE_8250);
	CHECK_EQ(out.console.reg_shift, 0);
	CHECK_EQ(out.console.reg_io_width, 1);
	CHECK_EQ(out.console.baud, 0);
	CHECK_EQ(fdt_setprop_string(dtb, chosen, "stdout-path", "/uart@9100000:99999999"), 0);
	CHECK_EQ(read_back(), 0);
	CHECK_EQ(out.console.baud, 0);
}

/*
 * /chosen linux,uefi-* (Linux's EFI stub, baton.efi): the system table and
 * the memory map into bi->efi; an incomplete map leaves only the table.
 */
TEST(uefi_system_table_and_map)
{
	int chosen = base_dtb();

	CHECK_EQ(fdt_setprop_u64(dtb, chosen, "linux,uefi-system-table",
				 0x1bffd0018ULL), 0);
	CHECK_EQ(fdt_setprop_u64(dtb, chosen, "linux,uefi-mmap-start",
				 0x4fffe100), 0);
	CHECK_EQ(fdt_setprop_u32(dtb, chosen, "linux,uefi-mmap-size", 0x6c0), 0);
	CHECK_EQ(fdt_setprop_u32(dtb, chosen, "linux,uefi-mmap-desc-size", 48), 0);
	CHECK_EQ(fdt_setprop_u32(dtb, chosen, "linux,uefi-mmap-desc-ver", 1), 0);
	CHECK_EQ(read_back(), 0);
	CHECK_EQ(bi.efi.systab, 0xbffd0018);
	CHECK_EQ(bi.efi.systab_hi, 1);
	CHECK_EQ(bi.efi.memmap, 0x4fffe100);
	CHECK_EQ(bi.efi.memmap_hi, 0);
	CHECK_EQ(bi.efi.memmap_size, 0x6c0);
	CHECK_EQ(bi.efi.memdesc_size, 48);
	CHECK_EQ(bi.efi.memdesc_version, 1);
	CHECK_EQ(fdt_delprop(dtb, chosen, "linux,uefi-mmap-desc-ver"), 0);
	memset(&bi, 0, sizeof(bi));
	CHECK_EQ(read_back(), 0);
	CHECK_EQ(bi.efi.systab, 0xbffd0018);
	CHECK_EQ(bi.efi.memmap, 0);
	CHECK_EQ(bi.efi.memmap_size, 0);
	chosen = base_dtb();
	CHECK_EQ(read_back(), 0);
	CHECK_EQ(bi.efi.systab, 0);
	CHECK_EQ(bi.efi.systab_hi, 0);
}
