/* SPDX-License-Identifier: MIT */
/*
 * The small architecture interface the rest of baton calls: stopping the
 * machine, time stamps, identity page tables and the fault-description hook.
 * Implemented by arch/x86_64/ (payload only). Outside arch/, this is the
 * only way in: nothing else includes arch/<arch>/ (README, "Layers").
 */
#ifndef BATON_ARCH_H
#define BATON_ARCH_H

#include <baton/types.h>

/*
 * The architecture's headers the rest of baton uses, chosen here: port I/O
 * and the spin-wait hint for drivers/ (inb, outb, outl, cpu_pause), and
 * the entry protocol numbers (ENTRY_PROTOCOL_*) baton_main() is called with.
 */
#if defined(__x86_64__)
#include <arch/x86_64/io.h>
#include <arch/x86_64/layout.h>
#elif defined(__aarch64__)
#include <arch/arm64/io.h>
#include <arch/arm64/layout.h>
/* The exception level the Image was entered at (2 or 1; baton runs at 1). */
u64 arch_entry_level(void);
#else
#error "baton: no arch/ for this architecture"
#endif

/*
 * The C entry of baton proper (boot/main.c), called by the arch's entry
 * code; entry = ENTRY_PROTOCOL_*, info_pa = boot_params or start_info.
 */
void baton_main(u32 entry, u64 info_pa);

/* How the run ends; baton.exit= decides what each means (docs/cmdline.md). */
enum baton_exit_status {
	BATON_EXIT_SUCCESS,
	BATON_EXIT_FAILURE,	/* validation failed, bad input */
	BATON_EXIT_EXCEPTION,	/* CPU exception, stack protector, panic */
};

/* Reads baton.exit=qemu|halt|reboot; until then exits halt. */
void arch_exit_configure(const char *cmdline);
void __noreturn arch_exit(enum baton_exit_status status);
void __noreturn arch_halt(void);

/*
 * Raw time stamp counter, and its frequency once calibrated. The entry
 * value is read by the first instructions of baton (kexec: the first
 * after purgatory), so with the old kernel's TSC it times the handover.
 */
u64 arch_timestamp(void);
u64 arch_timestamp_at_entry(void);
u64 arch_tsc_khz(void);		/* 0 until calibrated */
/* Silent, so that it can run before any console exists (~30 ms of PIT). */
void arch_tsc_calibrate(void);
void arch_tsc_report(void);	/* "tsc: 2495.998 MHz (pit)" */
/* "hypervisor", "cpuid 0x15", "cpuid 0x16", "pit", or "none". */
const char *arch_tsc_method(void);

/*
 * Fills buf from the CPU's RNG (RDSEED, else RDRAND). False, with buf
 * unspecified, when the CPU has neither or they keep failing.
 */
bool arch_random_bytes(u8 *buf, size_t len);

/* [start, end) of the loaded image incl. bss, stacks and page pool. */
phys_addr_t arch_image_start(void);
phys_addr_t arch_image_end(void);
/* Link address of the image (addresses in build/baton.elf). */
u64 arch_link_base(void);

/*
 * Identity page tables. A mapping is (pa, size, attrs); later mappings
 * override earlier ones for the pages they cover, splitting large pages.
 * Without ARCH_MAP_WRITE a page is read-only (CR0.WP is set, so a stray
 * write by baton itself faults); without ARCH_MAP_EXEC it is no-exec when
 * the CPU has NX.
 */
#define ARCH_MAP_WRITE		(1U << 0)
#define ARCH_MAP_EXEC		(1U << 1)
#define ARCH_MAP_DEVICE		(1U << 2)	/* uncached (MMIO) */
#define ARCH_MAP_NONE		(1U << 3)	/* not present: even reads fault */

struct arch_map_range {
	phys_addr_t pa;
	u64 size;
	u32 attrs;
};

/* Returns the pa of a free 4 KiB page that is already mapped, or 0. */
typedef phys_addr_t (*arch_page_alloc_fn)(void *ctx);

/*
 * Builds a fresh set of tables from ranges (plus baton's own image, mapped
 * text read-only+exec and data writable+no-exec) and switches to them.
 * alloc NULL uses the early page pool in .bss. Returns 0 or -1 (the old
 * tables stay active and the reason is logged).
 */
int arch_paging_init(const struct arch_map_range *ranges, u32 count,
		     arch_page_alloc_fn alloc, void *alloc_ctx);
/*
 * Where later table pages come from (e.g. the boot tables were built from
 * the early pool, then mm's scratch allocator takes over for the read-only
 * mappings of preserved memory, which need one 4 KiB table per 2 MiB).
 */
void arch_paging_set_allocator(arch_page_alloc_fn alloc, void *alloc_ctx);
/* Adds or changes mappings in the active baton tables (TLB flushed). */
int arch_paging_map(const struct arch_map_range *range);
/* The same for many ranges with one TLB flush (e.g. all preserved RAM). */
int arch_paging_map_ranges(const struct arch_map_range *ranges, u32 count);
/*
 * How addr is mapped in baton's active tables: ARCH_MAP_* attributes and
 * the page size. False when not mapped or baton's tables are not active.
 */
bool arch_paging_lookup(u64 addr, u32 *attrs, u64 *page_size);
/*
 * The boot-time tables: all e820 RAM/ACPI/NVS, every structure in
 * struct boot_info (boot_params, command line, setup_data, initrd, KHO FDT
 * and scratch array) and the consoles' MMIO pages, then
 * arch_paging_init(). Logs the result; enables MMIO consoles.
 */
struct boot_info;
int arch_paging_setup(const struct boot_info *bi, arch_page_alloc_fn alloc,
		      void *alloc_ctx);
/* First address baton's tables cannot map (2^46 4-level, 2^52 5-level). */
u64 arch_paging_limit(void);
/*
 * The end of what the active page tables identity-map for sure: all of
 * arch_paging_limit() once baton's own tables are active; before that (or
 * when building them failed) what the entry's tables map, set once by
 * arch_start(): [0, 4 GiB) for the PVH and 32-bit entries (head.S), the
 * loader's map for the 64-bit entry (kexec maps all RAM).
 */
u64 arch_paging_mapped_limit(void);
/* 5-level paging is active (the next kernel must support it too). */
bool arch_cpu_la57(void);
/* Pages taken for tables so far, and whether 1 GiB / 5-level are in use. */
u32 arch_paging_pages_used(void);

/* Runs the self test named by baton.selftest= (e.g. "fault"), if any. */
void arch_selftest(const struct boot_info *bi);

#endif
