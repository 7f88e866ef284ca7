// SPDX-License-Identifier: MIT
/*
 * baton_main for a DTB entry (arm64 Image, x0 = DTB), the first step of
 * the arm64 port (issue 14): boot information from the DTB, consoles
 * (/chosen/stdout-path, earlycon=pl011,ADDR, the command line's MMIO
 * 16550s), banner, boot summary, clock, self tests, and the verdict. The
 * phases of boot/flow.h (memory model, handover parse, report, chain) are
 * not run yet: they still take x86 boot_params/PVH input, so a found
 * handover is named, not validated, and the verdict says so. Once they
 * take any struct boot_info, this flow becomes boot/main.c's.
 */
#include <baton/arch.h>
#include <baton/bootinfo.h>
#include <baton/cmdline.h>
#include <baton/findings.h>
#include <baton/log.h>
#include <boot/bootinfo_print.h>
#include <boot/flow.h>
#include <boot/fdt_bootinfo.h>
#include <drivers/console.h>
#include <drivers/console_options.h>
#include <drivers/pl011.h>
#include <report/report.h>
#include <stdlib.h>
#include <string.h>

#define BOOT_FINDINGS_MAX	8

static struct boot_info boot_info;
static struct fdt_boot fdt_boot;
static struct finding boot_finding_storage[BOOT_FINDINGS_MAX];
static struct finding_list boot_findings;
static struct pl011 pl011s[2];

static void print_line(void *ctx, const char *text)
{
	pr_info("%s\n", text);
}

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
 * The DTB's stdout-path first, earlycon=pl011 when it names another UART;
 * the command line's 16550s (console=/earlycon=uart8250,mmio32,...) as on
 * x86, but no COM1 default: arm64 has no port I/O.
 */
static void setup_consoles(const struct boot_info *bi,
			   const struct fdt_console *fc)
{
	struct console_options opts;
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
	}
}

static void print_banner(const struct boot_info *bi)
{
	pr_info("baton %s (arm64) entered at EL%llu via Image, image 0x%llx-0x%llx, link 0x%llx\n",
		BATON_VERSION, (unsigned long long)arch_entry_level(),
		(unsigned long long)bi->image_start,
		(unsigned long long)bi->image_end,
		(unsigned long long)arch_link_base());
	console_describe(print_console);
}

static void print_verdict(void)
{
	struct report_input in = {
		.baton_version = BATON_VERSION, .boot = &boot_info,
		.findings = { &boot_findings },
	};
	struct report_verdict v;
	char text[96];

	report_verdict(&in, &v);
	report_verdict_text(&v, text, sizeof(text));
	pr_info("baton: %s\n", text);
}

void baton_main(u32 entry, u64 info_pa)
{
	struct boot_info *bi = &boot_info;
	int rc;

	arch_tsc_calibrate();
	finding_list_init(&boot_findings, boot_finding_storage,
			  BOOT_FINDINGS_MAX);
	bi->image_start = arch_image_start();
	bi->image_end = arch_image_end();
	rc = bootinfo_from_fdt(bi, &fdt_boot, (const void *)info_pa, info_pa);
	setup_consoles(bi, &fdt_boot.console);
	arch_exit_configure(bi->cmdline);
	print_banner(bi);
	if (fdt_boot.console.path[0])
		pr_info("dtb: stdout-path %s\n", fdt_boot.console.path);
	if (fdt_boot.problem[0])
		pr_warn("dtb: %s\n", fdt_boot.problem);
	bootinfo_print(bi, print_line, NULL);
	arch_tsc_report();
	arch_selftest(bi);
	if (rc || !bi->e820_count)
		pr_err("memory: no RAM described, nothing to check against\n");
	if (bi->kho.present)
		pr_warn("kho: handover found; validating it on arm64 is the next step (issue 14)\n");
	else
		print_verdict();
	pr_info("baton: all phases done\n");
	arch_exit(BATON_EXIT_SUCCESS);
}
