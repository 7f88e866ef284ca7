// SPDX-License-Identifier: MIT
/*
 * baton's main flow, one call per phase: boot information, consoles,
 * banner, boot summary, TSC, own page tables, self tests, then the phases
 * of boot/flow.h (memory model, read-only preserved RAM, handover parse,
 * report, chain) and the exit.
 */
#include <baton/arch.h>
#include <baton/bootinfo.h>
#include <baton/findings.h>
#include <baton/log.h>
#include <baton/physmem.h>
#include <boot/acpi_boot.h>
#include <boot/boot_params.h>
#include <boot/fb_boot.h>
#include <boot/bootinfo_print.h>
#include <boot/flow.h>
#include <boot/pvh.h>
#include <drivers/console.h>
#include <string.h>
#ifdef ENTRY_PROTOCOL_DTB
#include <boot/dtb_entry.h>	/* the arm64 Image entry: x0 = DTB */
#endif

#define BOOT_FINDINGS_MAX	32
#define HANDOVER_FINDINGS_MAX	FLOW_HANDOVER_FINDINGS
#define MM_FINDINGS_MAX		64

static struct boot_info boot_info;
static struct finding boot_finding_storage[BOOT_FINDINGS_MAX];
static struct finding_list boot_findings;
static struct phys_window ram_windows[BOOT_E820_MAX];
static struct phys_window early_windows[BOOT_E820_MAX];
static struct phys_view ram_view;
static struct finding handover_finding_storage[HANDOVER_FINDINGS_MAX];
static struct finding_list handover_findings;
static struct finding mm_finding_storage[MM_FINDINGS_MAX];
static struct finding_list mm_findings;
static struct report_timeline timeline;
static struct mm mm;

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
#ifdef ENTRY_PROTOCOL_DTB
	/* Everything the DTB names is mapped or read in place. */
	if (protocol == BOOT_PROTOCOL_DTB) {
		dtb_entry_boot_info(bi, info_pa, &boot_findings);
		n = bootinfo_ram_windows(bi, ram_windows, BOOT_E820_MAX);
		phys_view_init(&ram_view, ram_windows, n);
		return;
	}
#endif
	if (protocol == BOOT_PROTOCOL_PVH) {
		n = bootinfo_pvh_bootstrap_windows(bootstrap);
		phys_view_init(&view, bootstrap, n);
		bootinfo_from_pvh(bi, &view, info_pa, &boot_findings);
	} else {
		bootinfo_read_boot_params(bi, (const void *)info_pa, info_pa,
					  &boot_findings);
	}
	/*
	 * Only what the entry's page tables map can be read yet: bytes are
	 * read through a copy of the RAM view clipped there.
	 */
	count = bi->e820_count;
	n = bootinfo_ram_windows(bi, ram_windows, BOOT_E820_MAX);
	phys_view_init(&ram_view, ram_windows, n);
	memcpy(early_windows, ram_windows, n * sizeof(*early_windows));
	n = bootinfo_clip_windows(early_windows, n, arch_paging_mapped_limit());
	phys_view_init(&view, early_windows, n);
	bootinfo_check_early_map(bi, arch_paging_mapped_limit(),
				 &boot_findings);
	bootinfo_read_handover_split(bi, &view, &ram_view, &boot_findings);
	if (bi->e820_count != count) {
		n = bootinfo_ram_windows(bi, ram_windows, BOOT_E820_MAX);
		phys_view_init(&ram_view, ram_windows, n);
	}
}

#ifdef ENTRY_PROTOCOL_DTB
static u32 entry_protocol(u32 entry)
{
	return BOOT_PROTOCOL_DTB;
}

static void setup_consoles(const struct boot_info *bi)
{
	dtb_entry_consoles(bi);
}

static void print_banner(const struct boot_info *bi, u32 entry)
{
	dtb_entry_banner(bi, BATON_VERSION);
}
#else
static u32 entry_protocol(u32 entry)
{
	return entry == ENTRY_PROTOCOL_PVH ? BOOT_PROTOCOL_PVH :
					     BOOT_PROTOCOL_LINUX64;
}

static void setup_consoles(const struct boot_info *bi)
{
	acpi_boot_consoles(bi, &boot_findings);
	fb_boot_console(bi);
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
#endif

static void print_line(void *ctx, const char *text)
{
	pr_info("%s\n", text);
}

static void print_boot_info(const struct boot_info *bi)
{
	char line[FINDING_LINE_MAX];
	u32 i;

	bootinfo_print(bi, print_line, NULL);
	for (i = 0; i < boot_findings.count; i++) {
		finding_line(line, sizeof(line), &boot_findings.items[i], NULL,
			     FINDING_PA_SHORT);
		pr_warn("%s\n", line);
	}
}

/*
 * The RAM view once the page tables are settled: all RAM baton's own
 * tables map, or (if building them failed) only what the entry's tables
 * map. A later read outside must fail through the view, not fault.
 */
static void set_ram_view(const struct boot_info *bi)
{
	u64 limit = arch_paging_mapped_limit();
	u32 n = bootinfo_ram_windows(bi, ram_windows, BOOT_E820_MAX);
	/* Windows are sorted: the last one ends highest. */
	bool clipped = n && ram_windows[n - 1].size >
			    limit - MIN(ram_windows[n - 1].pa, limit);
	u32 kept = bootinfo_clip_windows(ram_windows, n, limit);

	if (clipped)
		pr_warn("memory: RAM view clipped at 0x%llx (%s)\n",
			(unsigned long long)limit,
			limit == arch_paging_limit() ? "address space" :
			"what the entry's page tables map");
	phys_view_init(&ram_view, ram_windows, kept);
}

void flow_mark(struct flow *f, const char *phase)
{
	timeline_mark(f->timeline, phase, arch_timestamp());
}

static void flow_init(struct flow *f, u32 protocol, u64 info_pa)
{
	*f = (struct flow){
		.bi = &boot_info, .protocol = protocol, .info_pa = info_pa,
		.ram_view = &ram_view, .boot_findings = &boot_findings,
		.handover_findings = &handover_findings,
		.mm_findings = &mm_findings, .timeline = &timeline, .mm = &mm,
	};
	finding_list_init(&handover_findings, handover_finding_storage,
			  HANDOVER_FINDINGS_MAX);
	finding_list_init(&mm_findings, mm_finding_storage, MM_FINDINGS_MAX);
}

/* The phases of boot/flow.h; returns how the run ends without a chain. */
static enum baton_exit_status run_flow(struct flow *f)
{
	phase_memory(f);
	phase_paging(f);
	if (selftest_preserved_selected(f->bi->cmdline))
		selftest_write_preserved(f);
	phase_handover(f);
	phase_precheck(f);
	phase_bridge(f);
	phase_digest(f);
	phase_fingerprint(f);
	phase_report(f);
	phase_amend(f);
	phase_capture(f);
	return phase_chain(f);
}

void baton_main(u32 entry, u64 info_pa)
{
	struct boot_info *bi = &boot_info;
	u32 protocol = entry_protocol(entry);
	enum baton_exit_status status;
	struct flow flow;

	arch_tsc_calibrate();	/* first, so every log line has a real time */
	timeline_init(&timeline, arch_timestamp_at_entry());
	timeline_set_frequency(&timeline, arch_tsc_khz(), arch_tsc_method());
	flow_init(&flow, protocol, info_pa);
	flow_mark(&flow, "calibrate");
	read_boot_info(bi, protocol, info_pa);
	setup_consoles(bi);
	arch_exit_configure(bi->cmdline);
	print_banner(bi, entry);
	print_boot_info(bi);
	arch_tsc_report();
	arch_paging_setup(bi, NULL, NULL);
	set_ram_view(bi);
	if (!selftest_preserved_selected(bi->cmdline))
		arch_selftest(bi);
	flow_mark(&flow, "boot");
	status = run_flow(&flow);
	pr_info("baton: all phases done\n");
	arch_exit(status);
}
