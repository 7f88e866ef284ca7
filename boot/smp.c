// SPDX-License-Identifier: MIT
/*
 * baton.smp (boot/smp.h): the firmware's CPUs (the architecture's own list
 * when it has one, arm64's DTB; else the ACPI MADT) started through
 * <baton/smp.h>, one job at a time run on all of them, then parked. An
 * x86 trampoline is placed (boot/smp_place.c) where nothing of the handover lies: free KHO
 * scratch below 1 MiB when there is some, else free e820 RAM below 1 MiB
 * that holds no occupant of the memory model (no preserved range, map
 * page, boot data); the next kernel treats memory below 1 MiB as scratch
 * while it places its own real-mode trampoline (docs/handover-abi.md
 * §3.7), so it keeps nothing there that baton could have overwritten.
 */
#include <baton/cmdline.h>
#include <baton/log.h>
#include <baton/smp.h>
#include <baton/tsc.h>
#include <boot/acpi_madt.h>
#include <boot/smp.h>
#include <boot/smp_place.h>
#include <drivers/acpi/acpi_tables.h>
#include <string.h>

#define AP_STACK_SIZE		(16 * 1024)
/* Bounded waits: an AP's start, its job after the boot CPU's, its halt. */
#define START_TIMEOUT_US	1000000
#define JOB_TIMEOUT_US		10000000
#define PARK_TIMEOUT_US		100000

/* What the APs read: the set they belong to, the job and its generation. */
static struct smp_set *active;
static smp_job_fn job_fn;
static void *job_ctx;
static u32 job_gen;		/* release-stored after job_fn and job_ctx */
static u32 park_all;
/* Test only (baton.smp.test-no-park): the APs spin instead of halting. */
static bool test_no_park;

/* Waits up to timeout_us (a TSC deadline) for *flag == want. */
static bool wait_for(const u32 *flag, u32 want, u64 timeout_us)
{
	u64 start = arch_timestamp(), khz = arch_tsc_khz(), waited = 0;

	while (__atomic_load_n(flag, __ATOMIC_ACQUIRE) != want) {
		if (waited >= timeout_us)
			return false;
		arch_delay_us(10);
		waited = khz ? tsc_ticks_to_us(arch_timestamp() - start, khz) :
			       waited + 10;
	}
	return true;
}

bool smp_enabled(const char *cmdline)
{
	bool on = true;

	if (cmdline_has(cmdline, "baton.smp") &&
	    !cmdline_get_bool(cmdline, "baton.smp", &on))
		pr_warn("smp: baton.smp value not understood, keeping on\n");
	return on;
}

/* Every CPU but the boot one runs this: jobs until told to park. */
static void ap_main(u32 index)
{
	struct smp_cpu *c = &active->cpus[index];
	/* jobs of an earlier start (baton.smp=bench) are not this CPU's */
	u32 gen = __atomic_load_n(&job_gen, __ATOMIC_ACQUIRE), g;

	__atomic_store_n(&c->callin, 1, __ATOMIC_RELEASE);
	for (;;) {
		while ((g = __atomic_load_n(&job_gen, __ATOMIC_ACQUIRE)) == gen &&
		       !__atomic_load_n(&park_all, __ATOMIC_ACQUIRE))
			cpu_pause();
		if (g == gen)
			break;
		gen = g;
		c->work = job_fn(job_ctx);
		__atomic_store_n(&c->done_gen, gen, __ATOMIC_RELEASE);
	}
	__atomic_store_n(&c->parked, 1, __ATOMIC_RELEASE);
	while (test_no_park)	/* a CPU the firmware cannot take back */
		cpu_pause();
	arch_smp_halt();
}

/*
 * When the console setup could not read the ACPI tables (the kexec entry's
 * page tables map only RAM, ACPI and NVS, and the RSDP is in the BIOS
 * area), baton's own tables are active by now: firmware memory below
 * 4 GiB (e820 entries other than RAM, whole pages) is mapped read-only
 * where it is not mapped yet, and read through this view with the RAM.
 */
#define FW_VIEW_LIMIT		SZ_4G
#define BIOS_AREA_START		0xe0000ULL
#define BIOS_AREA_SIZE		0x20000ULL

static struct phys_window fw_windows[2 * BOOT_E820_MAX];
static struct phys_view fw_view;

static int window_cmp(const struct phys_window *a, const struct phys_window *b)
{
	return a->pa < b->pa ? -1 : a->pa > b->pa;
}

static bool page_mapped(u64 pa)
{
	u64 page_size;
	u32 attrs;

	return arch_paging_lookup(pa, &attrs, &page_size);
}

/*
 * Maps the pages of [start, end) that are not mapped yet, read-only; a
 * page already mapped keeps its mapping (it may be a console's MMIO).
 */
static bool map_unmapped(u64 start, u64 end)
{
	struct arch_map_range r;
	u64 pa = start, run;

	while (pa < end) {
		if (page_mapped(pa)) {
			pa += PAGE_SIZE;
			continue;
		}
		for (run = pa; pa < end && !page_mapped(pa); pa += PAGE_SIZE)
			;
		r = (struct arch_map_range){ run, pa - run, 0 };
		if (arch_paging_map(&r))
			return false;
	}
	return true;
}

static bool firmware_view(struct flow *f)
{
	const struct boot_info *bi = f->bi;
	struct phys_window t;
	u32 i, j, n = 0;
	u64 start, end;

	for (i = 0; i < bi->e820_count && n < ARRAY_SIZE(fw_windows); i++) {
		const struct boot_e820_entry *e = &bi->e820[i];

		if (!range_end(e->addr, e->size, &end))
			continue;
		start = ALIGN_UP(MAX(e->addr, (u64)PAGE_SIZE), (u64)PAGE_SIZE);
		end = MIN(end, FW_VIEW_LIMIT) & ~(u64)(PAGE_SIZE - 1);
		if (start >= end)
			continue;
		if (!bootinfo_e820_type_is_ram(e->type) &&
		    !map_unmapped(start, end))
			continue;
		fw_windows[n++] = (struct phys_window){
			.pa = start, .size = end - start,
			.host = (const u8 *)(uintptr_t)start,
		};
	}
	/* insertion sort: e820 is sanitised but not necessarily sorted */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && window_cmp(&fw_windows[j - 1],
						&fw_windows[j]) > 0; j--) {
			t = fw_windows[j];
			fw_windows[j] = fw_windows[j - 1];
			fw_windows[j - 1] = t;
		}
	for (i = 1; i < n; i++)
		if (fw_windows[i - 1].pa + fw_windows[i - 1].size >
		    fw_windows[i].pa)
			return false;	/* overlapping entries: not read */
	phys_view_init(&fw_view, fw_windows, n);
	return n > 0;
}

/* The MADT through drivers/acpi: the booted system's tables, or ours. */
static bool find_madt(struct flow *f, const void **table, u32 *len)
{
	static struct acpi_tables tables;
	static struct finding scratch_items[8];
	struct finding_list scratch;
	const struct acpi_tables *t = acpi_system();
	phys_addr_t rsdp = f->bi->acpi_rsdp_addr;

	if (!t && f->paging_ready && firmware_view(f)) {
		/* not the system's: its findings are not the report's */
		finding_list_init(&scratch, scratch_items,
				  ARRAY_SIZE(scratch_items));
		if (!rsdp && !f->bi->efi.systab && !f->bi->efi.systab_hi)
			rsdp = acpi_rsdp_scan(&fw_view, BIOS_AREA_START,
					      BIOS_AREA_SIZE);
		if (rsdp && acpi_tables_init(&tables, &fw_view, rsdp,
					     &scratch)) {
			t = &tables;
			pr_info("smp: ACPI tables read at 0x%llx (not read at console setup)\n",
				(unsigned long long)rsdp);
		}
	}
	return t && acpi_find_table(t, "APIC", table, len);
}

/* A finding added by a lower layer, logged as flow_finding would. */
static void log_last_finding(struct flow *f)
{
	const struct finding_list *l = f->boot_findings;
	const struct finding *x;

	if (!l->count)
		return;
	x = &l->items[l->count - 1];
	pr_warn("smp: %s: %s\n", finding_code_name(x->code), x->message);
}

/*
 * s->cpus from the IDs the firmware lists (the boot CPU first, the
 * test-only absent CPU last); false: fewer than two, run on the boot CPU.
 */
static bool fill_set(struct flow *f, struct smp_set *s, const u32 *ids,
		     u32 listed, u32 stored)
{
	u32 self = arch_smp_self_id(), i, n = 1;
	u64 absent_id = 0;
	bool absent;

	if (listed < 2 && !cmdline_has(f->bi->cmdline,
					"baton.smp.test-absent"))
		return false;
	/* test option: one more CPU that the machine does not have */
	absent = cmdline_get_u64(f->bi->cmdline, "baton.smp.test-absent",
				 &absent_id) && absent_id <= 0xffffffffULL;
	s->cpus = flow_alloc(f, ((u64)stored + 2) * sizeof(*s->cpus));
	if (!s->cpus) {
		pr_warn("smp: no room for %u CPUs' state: 1 CPU\n", listed);
		return false;
	}
	s->cpus[0] = (struct smp_cpu){ .hw_id = self, .callin = 1,
				       .running = true };
	for (i = 0; i < stored; i++)
		if (ids[i] != self)
			s->cpus[n++] = (struct smp_cpu){ .hw_id = ids[i] };
	if (absent)
		s->cpus[n++] = (struct smp_cpu){ .hw_id = (u32)absent_id };
	s->count = n;
	return n > 1;
}

/* The architecture's own CPU list (arm64: the DTB's), when it has one. */
static bool list_arch_cpus(struct flow *f, struct smp_set *s, int listed)
{
	u32 *ids = listed > 0 ? flow_alloc(f, (u64)listed * sizeof(*ids)) :
		   NULL;
	int stored;

	if (listed > 0 && !ids) {
		pr_warn("smp: no room for %d CPUs' state: 1 CPU\n", listed);
		return false;
	}
	stored = listed > 0 ? arch_smp_firmware_cpus(ids, (u32)listed) : 0;
	if (stored < 0)
		stored = 0;
	return fill_set(f, s, ids, (u32)listed, MIN((u32)stored, (u32)listed));
}

/* The firmware's CPUs, the boot CPU first; false: run on the boot CPU only. */
static bool list_cpus(struct flow *f, struct smp_set *s)
{
	int arch_listed = arch_smp_firmware_cpus(NULL, 0);
	struct madt_info info;
	const void *table;
	u32 len;
	u32 *ids;

	if (arch_listed >= 0)
		return list_arch_cpus(f, s, arch_listed);
	if (!find_madt(f, &table, &len)) {
		pr_info("smp: no ACPI MADT: 1 CPU\n");
		return false;
	}
	if (!madt_parse(table, len, NULL, 0, &info, f->boot_findings)) {
		log_last_finding(f);
		return false;
	}
	s->lapic_base = info.lapic_base;
	if (info.cpus < 2 && !cmdline_has(f->bi->cmdline,
					   "baton.smp.test-absent"))
		return false;
	ids = flow_alloc(f, info.cpus * sizeof(*ids));
	if (!ids) {
		pr_warn("smp: no room for %u CPUs' state: 1 CPU\n", info.cpus);
		return false;
	}
	if (!madt_parse(table, len, ids, info.cpus, &info, f->boot_findings)) {
		log_last_finding(f);
		return false;
	}
	return fill_set(f, s, ids, info.cpus, info.stored);
}

static bool alloc_stacks(struct flow *f, struct smp_set *s)
{
	u8 *stacks = flow_alloc(f, (u64)(s->count - 1) * AP_STACK_SIZE);
	u32 i;

	if (!stacks)
		return false;
	for (i = 1; i < s->count; i++)
		s->cpus[i].stack_top = (u64)(uintptr_t)stacks +
				       (u64)i * AP_STACK_SIZE;
	return true;
}

/* Where the trampoline goes, when the architecture needs one. */
static bool place_trampoline(struct flow *f, struct smp_set *s)
{
	struct smp_place place;

	if (!ARCH_SMP_TRAMPOLINE_PAGES)
		return true;
	if (!smp_place_trampoline(f->mm, f->bi,
				  ARCH_SMP_TRAMPOLINE_PAGES * PAGE_SIZE,
				  ARCH_SMP_TRAMPOLINE_LIMIT, s->count, &place,
				  f->boot_findings)) {
		log_last_finding(f);
		return false;
	}
	s->trampoline = place.pa;
	s->trampoline_where = place.in_scratch ? "free KHO scratch" :
			      f->mm->handover ?
			      "free RAM outside scratch, no handover data there" :
			      "free RAM";
	return true;
}

u32 smp_start(struct flow *f, struct smp_set *s)
{
	const char *why;
	u32 i;

	*s = (struct smp_set){ .count = 1, .running = 1 };
	if (!list_cpus(f, s) || !place_trampoline(f, s))
		return 1;
	if (!alloc_stacks(f, s)) {
		pr_warn("smp: no room for %u AP stacks: 1 CPU\n", s->count - 1);
		return 1;
	}
	if (arch_smp_init(s->trampoline, s->lapic_base))
		return 1;
	if (s->trampoline)
		pr_info("smp: trampoline 0x%llx-0x%llx (%s), %s\n",
			(unsigned long long)s->trampoline,
			(unsigned long long)(s->trampoline +
					     ARCH_SMP_TRAMPOLINE_PAGES * PAGE_SIZE),
			s->trampoline_where, arch_smp_apic_mode());
	active = s;
	__atomic_store_n(&park_all, 0, __ATOMIC_RELEASE);
	test_no_park = cmdline_has(f->bi->cmdline, "baton.smp.test-no-park");
	for (i = 1; i < s->count; i++) {
		struct smp_cpu *c = &s->cpus[i];

		why = "did not answer";
		if (arch_smp_start_cpu(c->hw_id, i, c->stack_top, ap_main,
				       &c->callin, START_TIMEOUT_US, &why)) {
			c->running = true;
			s->running++;
			continue;
		}
		flow_finding(f, "smp", W_SMP_CPU_NO_ANSWER, 0,
			     "CPU with %s %u %s, its share done by the others",
			     arch_smp_id_name(), c->hw_id, why);
	}
	return s->running;
}

void smp_run(struct flow *f, struct smp_set *s, smp_job_fn fn, void *ctx)
{
	u32 i, gen;

	job_fn = fn;
	job_ctx = ctx;
	gen = job_gen + 1;
	__atomic_store_n(&job_gen, gen, __ATOMIC_RELEASE);
	s->cpus[0].work = fn(ctx);
	for (i = 1; i < s->count; i++) {
		struct smp_cpu *c = &s->cpus[i];

		if (!c->running)
			continue;
		if (wait_for(&c->done_gen, gen, JOB_TIMEOUT_US))
			continue;
		c->running = false;
		flow_finding(f, "smp", W_SMP_CPU_NO_ANSWER, 0,
			     "CPU with %s %u did not finish its job %u ms after the boot CPU: no more work for it",
			     arch_smp_id_name(), c->hw_id,
			     JOB_TIMEOUT_US / 1000);
	}
}

void smp_park(struct flow *f, struct smp_set *s)
{
	u32 i, halted = 0, sent = 0, tried = 0;

	if (s->count < 2 || !active)
		return;
	__atomic_store_n(&park_all, 1, __ATOMIC_RELEASE);
	for (i = 1; i < s->count; i++) {
		struct smp_cpu *c = &s->cpus[i];

		if (!c->callin)
			continue;	/* never started, or parked already */
		tried++;
		halted += wait_for(&c->parked, 1, PARK_TIMEOUT_US);
		if (arch_smp_park_cpu(c->hw_id)) {
			sent++;
			continue;
		}
		/*
		 * Still running: the next kernel cannot start it, and it would
		 * go on executing in memory that kernel reuses.
		 */
		flow_finding(f, "smp", E_SMP_CPU_NOT_PARKED, 0,
			     "CPU with %s %u not parked (%s): it would run on under the next kernel",
			     arch_smp_id_name(), c->hw_id,
			     arch_smp_park_method());
	}
	pr_info("smp: %u of %u CPUs parked: %s\n", sent, s->count - 1,
		arch_smp_park_method());
	if (halted != tried)
		pr_warn("smp: %u CPUs did not halt before being parked\n",
			tried - halted);
	if (sent != tried)
		pr_warn("smp: %u started CPUs not known to be parked\n",
			tried - sent);
	active = NULL;
}
