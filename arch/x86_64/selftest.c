// SPDX-License-Identifier: MIT
/*
 * Self tests selected by baton.selftest= (docs/cmdline.md):
 *   fault     write to an unmapped address (page fault, CR2 = 0xdead0000000)
 *   ro-write  write to baton's own read-only text (protection fault)
 *   ro-ram    remap one RAM page at 16 MiB read-only in the live tables
 *             (splitting its large page), read it, then write to it: the
 *             fault names it through the fault-description hook, as the
 *             mm module does for preserved memory
 *   stack-overflow  unbounded recursion into the boot stack's guard page
 *   nested    a page fault whose fault-description hook faults itself:
 *             one line for the second exception, then the exception exit
 *   ud        an invalid opcode
 *   libfdt    build a small FDT with libfdt.a and read it back (libfdt's
 *             stack-protector prologues read the canary at %fs:0x28)
 *   stack-smash  overrun a stack buffer in a stack-protected function:
 *             __stack_chk_fail must report it (exception status)
 *   reenter   load the bzImage given as initrd the way kexec_file_load
 *             does (payload copy, zeroed init_size, boot_params with the
 *             file's setup header, e820, command line) above 4 GiB when
 *             there is RAM there, and enter it at payload + 0x200 with the
 *             purgatory's CPU state (SSE off): tests the 64-bit entry.
 *   reenter-hostile  the same with a RAM entry beyond the address space,
 *             an initrd beyond all memory and a setup_data pointer into
 *             nothing: the second baton must report them and finish
 * The fault tests must end in the exception report and status.
 */
#include <string.h>
#include <baton/arch.h>
#include <baton/fault_describe.h>
#include <baton/bootinfo.h>
#include <baton/cmdline.h>
#include <baton/log.h>
#include <baton/printf.h>
#include <baton/linux_boot_params.h>
#include <libfdt.h>
#include <arch/x86_64/x86.h>

#define SELFTEST_FAULT_ADDRESS	0xdead0000000ULL
#define REENTER_OFFSET		0x123000	/* deliberately not 2 MiB aligned */
#define RO_RAM_PAGE		0x1000000ULL

extern char _start[];

/* noinline: the backtrace then shows selftest frames above the fault. */
static void __attribute__((noinline)) write_to(volatile u64 *p)
{
	*p = 0x5a5a5a5a5a5a5a5aULL;
}

static fault_describe_fn next_describer;

/* Exercises the fault-description hook the mm module uses. */
static bool describe_selftest_address(u64 addr, char *buf, size_t size)
{
	if (addr == SELFTEST_FAULT_ADDRESS) {
		baton_snprintf(buf, size, "the fault self test's unmapped target");
		return true;
	}
	if (addr >= RO_RAM_PAGE && addr < RO_RAM_PAGE + PAGE_SIZE) {
		baton_snprintf(buf, size, "in the ro-ram self test's read-only page [0x%llx-0x%llx)",
			       RO_RAM_PAGE, RO_RAM_PAGE + PAGE_SIZE);
		return true;
	}
	return next_describer && next_describer(addr, buf, size);
}

#define NESTED_FAULT_ADDRESS	0xbad0000000ULL

static bool describe_by_faulting(u64 addr, char *buf, size_t size)
{
	return *(volatile u64 *)NESTED_FAULT_ADDRESS != 0;
}

/*
 * stack_protect (with -fstack-protector-explicit for this file only) gives
 * this one function the canary check libfdt's functions have.
 */
static char __attribute__((noinline, stack_protect))
smash_stack(volatile size_t count)
{
	volatile char buf[16];
	size_t i;

	for (i = 0; i < count; i++)
		buf[i] = (char)0xa5;
	return buf[0];
}

/* Each level keeps 1 KiB live, so the 32 KiB stack ends in ~32 calls. */
static volatile u64 recursion_limit = ~0ULL;

static u64 __attribute__((noinline)) recurse(volatile u64 depth)
{
	volatile u8 frame[1024];

	frame[0] = (u8)depth;
	if (depth == recursion_limit)
		return frame[0];
	return recurse(depth + 1) + frame[0];
}

static bool libfdt_round_trip(void)
{
	static u8 blob[1024] __aligned(8);
	const fdt32_t *val;
	int node, len;

	if (fdt_create(blob, sizeof(blob)) || fdt_finish_reservemap(blob) ||
	    fdt_begin_node(blob, "") || fdt_begin_node(blob, "baton") ||
	    fdt_property_u32(blob, "answer", 42) ||
	    fdt_property_string(blob, "compatible", "baton,selftest") ||
	    fdt_end_node(blob) || fdt_end_node(blob) || fdt_finish(blob))
		return false;
	if (fdt_check_header(blob))
		return false;
	node = fdt_path_offset(blob, "/baton");
	if (node < 0 || fdt_node_check_compatible(blob, node, "baton,selftest"))
		return false;
	val = fdt_getprop(blob, node, "answer", &len);
	return val && len == 4 && fdt32_to_cpu(*val) == 42;
}

static void ro_ram(void)
{
	struct arch_map_range ro = { RO_RAM_PAGE, PAGE_SIZE, 0 };
	u64 before_size, after_size, neighbour_size;
	u32 before, after, neighbour;
	volatile u64 *p = (volatile u64 *)RO_RAM_PAGE;
	u64 value;

	if (!arch_paging_lookup(RO_RAM_PAGE, &before, &before_size) ||
	    !(before & ARCH_MAP_WRITE)) {
		pr_err("selftest: ro-ram: 0x%llx is not writable RAM here\n",
		       RO_RAM_PAGE);
		arch_exit(BATON_EXIT_FAILURE);
	}
	if (arch_paging_map(&ro) ||
	    !arch_paging_lookup(RO_RAM_PAGE, &after, &after_size) ||
	    !arch_paging_lookup(RO_RAM_PAGE + PAGE_SIZE, &neighbour,
				&neighbour_size)) {
		pr_err("selftest: ro-ram: remapping failed\n");
		arch_exit(BATON_EXIT_FAILURE);
	}
	pr_info("selftest: ro-ram: page 0x%llx was %s in a 0x%llx page, now %s in a 0x%llx page; next page %s\n",
		RO_RAM_PAGE, before & ARCH_MAP_WRITE ? "writable" : "read-only",
		(unsigned long long)before_size,
		after & ARCH_MAP_WRITE ? "writable" : "read-only",
		(unsigned long long)after_size,
		neighbour & ARCH_MAP_WRITE ? "writable" : "read-only");
	value = *p;	/* reading stays allowed */
	pr_info("selftest: ro-ram: read 0x%llx, now writing\n",
		(unsigned long long)value);
	next_describer = fault_set_describer(describe_selftest_address);
	write_to(p);
}

static bool overlaps(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

/* Highest-addressed RAM entry with room for need bytes at the offset. */
static u64 pick_target(const struct boot_info *bi, u64 need, u64 align)
{
	u64 best = 0;
	u32 i;

	for (i = 0; i < bi->e820_count; i++) {
		const struct boot_e820_entry *e = &bi->e820[i];
		u64 t = ALIGN_UP(e->addr + REENTER_OFFSET, align);

		if (e->type != E820_TYPE_RAM || e->addr < SZ_1M)
			continue;
		/* the running image there: the same offset past its end */
		if (overlaps(t, need, bi->image_start,
			     bi->image_end - bi->image_start))
			t = ALIGN_UP(bi->image_end + REENTER_OFFSET, align);
		if (t + need > e->addr + e->size)
			continue;
		if (overlaps(t, need, bi->image_start,
			     bi->image_end - bi->image_start) ||
		    overlaps(t, need, bi->initrd_pa, bi->initrd_size))
			continue;
		if (t > best)
			best = t;
	}
	return best;
}

static void copy_cmdline_without_selftest(const char *in, char *out,
					  size_t size)
{
	const char *cursor = in;
	struct cmdline_token tok;
	size_t used = 0;

	out[0] = 0;
	while (cmdline_next(&cursor, &tok)) {
		if (cmdline_token_key_is(&tok, "baton.selftest"))
			continue;
		if (used + tok.len + 2 > size)
			break;
		if (used)
			out[used++] = ' ';
		memcpy(out + used, tok.start, tok.len);
		used += tok.len;
		out[used] = 0;
	}
}

static void __noreturn enter64(u64 entry, u64 boot_params)
{
	/* The purgatory leaves SSE off; so do we, to test the same path. */
	write_cr4(read_cr4() & ~(X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT));
	__asm__ volatile("cli\n\t"
			 "xorl %%ebp, %%ebp\n\t"
			 "jmp *%0" : : "r"(entry), "S"(boot_params) : "memory");
	__builtin_unreachable();
}

/*
 * reenter-hostile: the boot_params also carry a RAM entry beyond the
 * 46-bit address space, an initrd far above all memory and a setup_data
 * pointer into nothing. The second baton must report and carry on.
 */
#define HOSTILE_E820_BASE	0x7ffff0000000ULL
#define HOSTILE_INITRD		0x500000000000ULL
#define HOSTILE_SETUP_DATA	0xdeadbeef000ULL

static void make_hostile(struct linux_boot_params *bp)
{
	u32 i = bp->e820_entries;

	if (i < BOOT_PARAMS_E820_MAX) {
		bp->e820_table[i].addr = HOSTILE_E820_BASE;
		bp->e820_table[i].size = 1ULL << 44;
		bp->e820_table[i].type = E820_TYPE_RAM;
		bp->e820_entries = (u8)(i + 1);
	}
	bp->hdr.ramdisk_image = (u32)HOSTILE_INITRD;
	bp->ext_ramdisk_image = (u32)(HOSTILE_INITRD >> 32);
	bp->hdr.ramdisk_size = 0x1000;
	bp->hdr.setup_data = HOSTILE_SETUP_DATA;
}

static void reenter(const struct boot_info *bi, bool hostile)
{
	const u8 *file = (const u8 *)bi->initrd_pa;
	const struct linux_setup_header *hdr;
	struct arch_map_range map = { 0, 0, ARCH_MAP_WRITE | ARCH_MAP_EXEC };
	struct linux_boot_params *bp;
	u64 setup, payload_len, init, target, bp_pa;
	u32 i;

	if (!bi->initrd_pa || bi->initrd_size < 1024 ||
	    memcmp(file + 0x202, "HdrS", 4)) {
		pr_err("selftest: reenter needs baton.bzImage as the initrd\n");
		arch_exit(BATON_EXIT_FAILURE);
	}
	hdr = (const struct linux_setup_header *)(file + 0x1f1);
	setup = ((u64)(hdr->setup_sects ? hdr->setup_sects : 4) + 1) * 512;
	payload_len = bi->initrd_size - setup;
	init = ALIGN_UP((u64)hdr->init_size, PAGE_SIZE);
	target = pick_target(bi, init + 2 * PAGE_SIZE,
			     MAX(hdr->kernel_alignment, PAGE_SIZE));
	if (!target || payload_len > init) {
		pr_err("selftest: reenter: no room for the image\n");
		arch_exit(BATON_EXIT_FAILURE);
	}
	bp_pa = target + init;
	bp = (struct linux_boot_params *)bp_pa;
	map.pa = target;
	map.size = init;
	if (arch_paging_map(&map)) {
		pr_err("selftest: reenter: cannot map the image executable\n");
		arch_exit(BATON_EXIT_FAILURE);
	}

	memset((void *)target, 0, init);
	memcpy((void *)target, file + setup, payload_len);
	memset(bp, 0, 2 * PAGE_SIZE);
	memcpy(&bp->hdr, hdr, 0x202 + file[0x201] - 0x1f1);
	bp->hdr.type_of_loader = BOOT_LOADER_TYPE_KEXEC;
	bp->hdr.loadflags = 0;
	bp->hdr.cmd_line_ptr = (u32)(bp_pa + PAGE_SIZE);
	bp->ext_cmd_line_ptr = (u32)((bp_pa + PAGE_SIZE) >> 32);
	bp->acpi_rsdp_addr = bi->acpi_rsdp_addr;
	for (i = 0; i < bi->e820_count && i < BOOT_PARAMS_E820_MAX; i++) {
		bp->e820_table[i].addr = bi->e820[i].addr;
		bp->e820_table[i].size = bi->e820[i].size;
		bp->e820_table[i].type = bi->e820[i].type;
	}
	bp->e820_entries = (u8)i;
	if (hostile)
		make_hostile(bp);
	copy_cmdline_without_selftest(bi->cmdline, (char *)(bp_pa + PAGE_SIZE),
				      PAGE_SIZE);

	pr_info("selftest: reenter at 0x%llx (payload 0x%llx bytes, init_size 0x%llx), boot_params 0x%llx\n",
		(unsigned long long)target, (unsigned long long)payload_len,
		(unsigned long long)init, (unsigned long long)bp_pa);
	enter64(target + 0x200, bp_pa);
}

void arch_selftest(const struct boot_info *bi)
{
	char name[16];

	if (!cmdline_get_str(bi->cmdline, "baton.selftest", name, sizeof(name)))
		return;
	pr_info("selftest: %s\n", name);
	if (!strcmp(name, "fault")) {
		next_describer = fault_set_describer(describe_selftest_address);
		write_to((volatile u64 *)SELFTEST_FAULT_ADDRESS);
	} else if (!strcmp(name, "ro-write")) {
		write_to((volatile u64 *)(_start + 0x100));
	} else if (!strcmp(name, "ro-ram")) {
		ro_ram();
	} else if (!strcmp(name, "nested")) {
		fault_set_describer(describe_by_faulting);
		write_to((volatile u64 *)SELFTEST_FAULT_ADDRESS);
	} else if (!strcmp(name, "stack-overflow")) {
		recurse(0);
	} else if (!strcmp(name, "ud")) {
		__asm__ volatile("ud2");
	} else if (!strcmp(name, "reenter")) {
		reenter(bi, false);
	} else if (!strcmp(name, "reenter-hostile")) {
		reenter(bi, true);
	} else if (!strcmp(name, "libfdt")) {
		bool ok = libfdt_round_trip();

		pr_info("selftest: libfdt %s\n", ok ? "ok" : "FAILED");
		arch_exit(ok ? BATON_EXIT_SUCCESS : BATON_EXIT_FAILURE);
	} else if (!strcmp(name, "stack-smash")) {
		smash_stack(64);
	} else {
		pr_err("selftest: unknown test \"%s\"\n", name);
		arch_exit(BATON_EXIT_FAILURE);
	}
	pr_err("selftest: %s did not stop baton\n", name);
	arch_exit(BATON_EXIT_FAILURE);
}
