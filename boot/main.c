// SPDX-License-Identifier: MIT
/*
 * baton's main flow, one call per phase: boot information, consoles,
 * banner, boot summary, TSC, own page tables, self tests, exit.
 */
#include <baton/arch.h>
#include <baton/bootinfo.h>
#include <baton/findings.h>
#include <baton/log.h>
#include <baton/physmem.h>
#include <boot/boot_params.h>
#include <boot/bootinfo_print.h>
#include <boot/pvh.h>
#include <drivers/console.h>
#include <arch/x86_64/arch.h>
#include <arch/x86_64/layout.h>

#define BATON_VERSION	"0.1.0"
#define BOOT_FINDINGS_MAX	32

static struct boot_info boot_info;
static struct finding boot_finding_storage[BOOT_FINDINGS_MAX];
static struct finding_list boot_findings;
static struct phys_window ram_windows[BOOT_E820_MAX];
static struct phys_view ram_view;

/* Nothing is printed here: the consoles come from the command line. */
static void read_boot_info(struct boot_info *bi, u32 protocol, u64 info_pa)
{
	struct phys_window bootstrap[1];
	struct phys_view view;
	u32 count, n;

	bi->image_start = arch_image_start();
	bi->image_end = arch_image_end();
	finding_list_init(&boot_findings, boot_finding_storage,
			  BOOT_FINDINGS_MAX);
	if (protocol == BOOT_PROTOCOL_PVH) {
		n = bootinfo_pvh_bootstrap_windows(bootstrap);
		/*
		 * TODO(bootinfo): QEMU puts the PVH memory map in page 0
		 * (0x5a8), which the bootstrap window leaves out; start the
		 * window at 8 (never a NULL host pointer) until boot/pvh.c
		 * covers it.
		 */
		if (bootstrap[0].pa > 8) {
			bootstrap[0].size += bootstrap[0].pa - 8;
			bootstrap[0].pa = 8;
			bootstrap[0].host = (const u8 *)8;
		}
		phys_view_init(&view, bootstrap, n);
		bootinfo_from_pvh(bi, &view, info_pa, &boot_findings);
	} else {
		bootinfo_read_boot_params(bi, (const void *)info_pa, info_pa,
					  &boot_findings);
	}
	count = bi->e820_count;
	n = bootinfo_ram_windows(bi, ram_windows, BOOT_E820_MAX);
	phys_view_init(&ram_view, ram_windows, n);
	bootinfo_read_handover(bi, &ram_view, &boot_findings);
	if (bi->e820_count != count) {
		n = bootinfo_ram_windows(bi, ram_windows, BOOT_E820_MAX);
		phys_view_init(&ram_view, ram_windows, n);
	}
}

static void print_console(const char *desc)
{
	pr_info("console: %s\n", desc);
}

static const char *entry_name(u32 entry)
{
	switch (entry) {
	case ENTRY_PROTOCOL_PVH:
		return "pvh";
	case ENTRY_PROTOCOL_LINUX32:
		return "linux32";
	default:
		return "linux64";
	}
}

static void print_banner(const struct boot_info *bi, u32 entry)
{
	pr_info("baton %s (x86_64) entered via %s, image 0x%llx-0x%llx, link 0x%llx\n",
		BATON_VERSION, entry_name(entry),
		(unsigned long long)bi->image_start,
		(unsigned long long)bi->image_end,
		(unsigned long long)arch_link_base());
	console_describe(print_console);
}

static void print_line(void *ctx, const char *text)
{
	pr_info("%s\n", text);
}

static void print_boot_info(const struct boot_info *bi)
{
	u32 i;

	bootinfo_print(bi, print_line, NULL);
	for (i = 0; i < boot_findings.count; i++) {
		const struct finding *f = &boot_findings.items[i];

		pr_warn("finding: %s %s at 0x%llx: %s\n",
			finding_severity_name(f->severity),
			finding_code_name(f->code), (unsigned long long)f->pa,
			f->message);
	}
}

/*
 * RAM the page tables cannot map (e820 beyond the address space) must not
 * stay in the view either: a later read there would fault, not fail.
 */
static void clip_ram_view(void)
{
	u64 limit = arch_paging_limit();
	bool changed = false;
	u32 i, n = 0;

	for (i = 0; i < ram_view.count; i++) {
		struct phys_window w = ram_windows[i];

		if (w.pa >= limit) {
			changed = true;
			continue;
		}
		if (w.size > limit - w.pa) {
			w.size = limit - w.pa;
			changed = true;
		}
		ram_windows[n++] = w;
	}
	if (!changed)
		return;
	pr_warn("memory: RAM view clipped at 0x%llx (address space)\n",
		(unsigned long long)limit);
	phys_view_init(&ram_view, ram_windows, n);
}

void baton_main(u32 entry, u64 info_pa)
{
	struct boot_info *bi = &boot_info;
	u32 protocol = entry == ENTRY_PROTOCOL_PVH ? BOOT_PROTOCOL_PVH :
						     BOOT_PROTOCOL_LINUX64;

	arch_tsc_calibrate();	/* first, so every log line has a real time */
	read_boot_info(bi, protocol, info_pa);
	console_setup(bi->cmdline);
	arch_exit_configure(bi->cmdline);
	print_banner(bi, entry);
	print_boot_info(bi);
	arch_tsc_report();
	arch_paging_setup(bi, NULL, NULL);
	clip_ram_view();
	arch_selftest(bi);
	/* TODO(integrator): KHO, mm, LUO, report and chain phases go here. */
	pr_info("baton: all phases done\n");
	arch_exit(BATON_EXIT_SUCCESS);
}
