// SPDX-License-Identifier: MIT
/*
 * The DTB entry's part of baton_main (arm64 Image, x0 = DTB): struct
 * boot_info from the DTB (boot/fdt_bootinfo.c), the consoles it names
 * (/chosen/stdout-path, earlycon=pl011,ADDR, the command line's MMIO
 * 16550s) and the banner. Everything after is boot/main.c's run_flow.
 */
#include <baton/arch.h>
#include <baton/bootinfo.h>
#include <baton/cmdline.h>
#include <baton/findings.h>
#include <baton/log.h>
#include <boot/acpi_efi.h>
#include <boot/dtb_entry.h>
#include <boot/fdt_bootinfo.h>
#include <drivers/console.h>
#include <drivers/console_options.h>
#include <drivers/pl011.h>
#include <stdlib.h>
#include <string.h>

static struct fdt_boot fdt_boot;
static struct pl011 pl011s[2];
/* dtb_entry_boot_info's list: where the consoles' ACPI findings go. */
static struct finding_list *entry_findings;
static const char *acpi_note;

static void print_console(const char *desc)
{
	pr_info("console: %s\n", desc);
}

/* earlycon=pl011,ADDR[,...] (Linux's syntax; also "pl011,mmio32,ADDR"). */
static bool earlycon_pl011(const char *cmdline, u64 *base)
{
	char value[64], *p;

	if (!cmdline_get_str(cmdline, "earlycon", value, sizeof(value)) ||
	    strncmp(value, "pl011,", 6))
		return false;
	p = value + 6;
	if (!strncmp(p, "mmio32,", 7))
		p += 7;
	else if (!strncmp(p, "mmio,", 5))
		p += 5;
	*base = strtoul(p, NULL, 0);
	return *base != 0;
}

static void add_pl011(u32 i, u64 base, const char *origin)
{
	pl011_init(&pl011s[i], base, origin);
	pl011_start(&pl011s[i]);
	console_register(&pl011s[i].con);
}

/*
 * A 16550 stdout-path names, in the driver's terms: byte registers
 * (reg-shift 0) or 32-bit ones (reg-shift 2, read and written 32 bits
 * wide as Linux's mmio32 earlycon does). Other layouts: false, said.
 */
static bool stdout_path_8250(const struct fdt_console *fc,
			     struct uart_spec *spec)
{
	if (fc->reg_shift == 0 && fc->reg_io_width == 1)
		spec->access = UART_MMIO8;
	else if (fc->reg_shift == 2)
		spec->access = UART_MMIO32;
	else {
		pr_warn("dtb: stdout-path 16550 with reg-shift %u reg-io-width %u: no access mode for it, not used\n",
			fc->reg_shift, fc->reg_io_width);
		return false;
	}
	spec->base = fc->base;
	spec->baud = fc->baud;
	return true;
}

/*
 * Nothing in the DTB or on the command line names a console: the one
 * ACPI's SPCR names (UEFI system table and memory map from /chosen, as
 * Linux's EFI stub and baton.efi pass them): a PL011, or an MMIO 16550
 * (BMC UARTs on arm64 servers); what was not used is said once a console
 * is up (dtb_entry_banner).
 */
static void spcr_console(const struct boot_info *bi)
{
	static struct spcr_console spcr;
	const char *why;

	if (!bi->efi.systab && !bi->efi.systab_hi)
		return;
	if (!acpi_efi_spcr(bi, &spcr, &why, entry_findings)) {
		acpi_note = why;
		return;
	}
	if (spcr.kind == SPCR_UART_PL011) {
		add_pl011(0, spcr.uart.base, "ACPI SPCR");
		return;
	}
	if (spcr.uart.access == UART_IO) {
		acpi_note = "the SPCR names a 16550 in I/O space, which arm64 has not";
		return;
	}
	console_setup_firmware(bi->cmdline, &spcr.uart, "from ACPI SPCR");
	console_enable_mapped();
}

/*
 * The DTB's stdout-path first, earlycon=pl011 when it names another UART;
 * the command line's 16550s (console=/earlycon=uart8250,mmio32,...) as on
 * x86, else a 16550 stdout-path names, but no COM1 default: arm64 has no
 * port I/O.
 */
void dtb_entry_consoles(const struct boot_info *bi)
{
	const struct fdt_console *fc = &fdt_boot.console;
	struct console_options opts;
	struct uart_spec dt_uart;
	u64 base;

	if (fc->kind == FDT_CONSOLE_PL011)
		add_pl011(0, fc->base, "stdout-path");
	if (earlycon_pl011(bi->cmdline, &base) &&
	    !(fc->kind == FDT_CONSOLE_PL011 && fc->base == base))
		add_pl011(1, base, "earlycon");
	console_options_parse(bi->cmdline, &opts);
	if (opts.uart_count && !opts.uart_defaulted) {
		console_setup(bi->cmdline);
		console_enable_mapped();
	} else if (fc->kind == FDT_CONSOLE_8250 &&
		   stdout_path_8250(fc, &dt_uart)) {
		console_setup_firmware(bi->cmdline, &dt_uart,
				       "from DTB stdout-path");
		console_enable_mapped();
	} else if (fc->kind == FDT_CONSOLE_NONE &&
		   !earlycon_pl011(bi->cmdline, &base)) {
		spcr_console(bi);
	}
}

void dtb_entry_banner(const struct boot_info *bi, const char *version)
{
	pr_info("baton %s (arm64) entered at EL%llu via Image, image 0x%llx-0x%llx, link 0x%llx\n",
		version, (unsigned long long)arch_entry_level(),
		(unsigned long long)bi->image_start,
		(unsigned long long)bi->image_end,
		(unsigned long long)arch_link_base());
	console_describe(print_console);
	if (fdt_boot.console.path[0])
		pr_info("dtb: stdout-path %s\n", fdt_boot.console.path);
	if (fdt_boot.problem[0])
		pr_warn("dtb: %s\n", fdt_boot.problem);
	if (acpi_note)
		pr_info("acpi: no SPCR console: %s\n", acpi_note);
}

void dtb_entry_boot_info(struct boot_info *bi, u64 dtb_pa,
			 struct finding_list *findings)
{
	bootinfo_from_fdt(bi, &fdt_boot, (const void *)(uintptr_t)dtb_pa,
			  dtb_pa);
	entry_findings = findings;
}

