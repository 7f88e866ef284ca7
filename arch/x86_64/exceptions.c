// SPDX-License-Identifier: MIT
/*
 * CPU exception diagnostics: every one of the 32 architectural vectors ends
 * here (on the IST stack) and is reported with its name, error code, RIP,
 * CR2, all registers and a frame-pointer backtrace, addresses also given as
 * link addresses for addr2line on build/baton.elf. Then baton stops per
 * baton.exit. An exception inside this handler stops at once.
 */
#include <baton/arch.h>
#include <baton/fault_describe.h>
#include <baton/log.h>
#include <baton/printf.h>
#include <arch/x86_64/arch.h>
#include <arch/x86_64/layout.h>
#include <drivers/console.h>
#include <arch/x86_64/x86.h>

#define BACKTRACE_MAX	16

static const char *const vector_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
	"#OF overflow", "#BR bound range", "#UD invalid opcode",
	"#NM device not available", "#DF double fault",
	"coprocessor segment overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack fault",
	"#GP general protection", "#PF page fault", "reserved 15",
	"#MF x87 floating point", "#AC alignment check", "#MC machine check",
	"#XM SIMD floating point", "#VE virtualization", "#CP control protection",
	"reserved 22", "reserved 23", "reserved 24", "reserved 25",
	"reserved 26", "reserved 27", "#HV hypervisor injection",
	"#VC VMM communication", "#SX security", "reserved 31",
};

static int exception_depth;

/* "0x101234 (baton.elf 0x101234)" style: runtime and link address. */
static void print_code_address(const char *label, u64 addr)
{
	u64 start = arch_image_start(), end = arch_image_end();

	if (addr >= start && addr < end)
		pr_err("%s 0x%016llx  baton.elf+0x%llx (link 0x%llx)\n", label,
		       (unsigned long long)addr,
		       (unsigned long long)(addr - start),
		       (unsigned long long)(addr - start + arch_link_base()));
	else
		pr_err("%s 0x%016llx  (outside baton)\n", label,
		       (unsigned long long)addr);
}

static void describe(const char *what, u64 addr)
{
	char buf[160];

	if (fault_describe(addr, buf, sizeof(buf)))
		pr_err("%s 0x%llx is %s\n", what, (unsigned long long)addr, buf);
}

extern char boot_stack_guard[], boot_stack_bottom[];

static void print_page_fault(const struct exception_frame *f, u64 cr2)
{
	u64 e = f->error_code;

	if (cr2 >= (u64)boot_stack_guard && cr2 < (u64)boot_stack_bottom)
		pr_err("stack overflow: 0x%llx is in the guard page below the boot stack [0x%llx-0x%llx)\n",
		       (unsigned long long)cr2,
		       (unsigned long long)boot_stack_bottom,
		       (unsigned long long)boot_stack_bottom + BOOT_STACK_SIZE);

	pr_err("page fault: %s %s at 0x%llx%s%s\n",
	       e & 2 ? "write" : (e & 16 ? "instruction fetch" : "read"),
	       e & 1 ? "protection violation" : "of a non-present page",
	       (unsigned long long)cr2, e & 8 ? ", reserved bit set" : "",
	       e & 4 ? ", user mode" : "");
	describe("fault address", cr2);
}

static void print_registers(const struct exception_frame *f)
{
	pr_err("RAX 0x%016llx RBX 0x%016llx RCX 0x%016llx\n",
	       (unsigned long long)f->rax, (unsigned long long)f->rbx,
	       (unsigned long long)f->rcx);
	pr_err("RDX 0x%016llx RSI 0x%016llx RDI 0x%016llx\n",
	       (unsigned long long)f->rdx, (unsigned long long)f->rsi,
	       (unsigned long long)f->rdi);
	pr_err("RBP 0x%016llx RSP 0x%016llx R8  0x%016llx\n",
	       (unsigned long long)f->rbp, (unsigned long long)f->rsp,
	       (unsigned long long)f->r8);
	pr_err("R9  0x%016llx R10 0x%016llx R11 0x%016llx\n",
	       (unsigned long long)f->r9, (unsigned long long)f->r10,
	       (unsigned long long)f->r11);
	pr_err("R12 0x%016llx R13 0x%016llx R14 0x%016llx\n",
	       (unsigned long long)f->r12, (unsigned long long)f->r13,
	       (unsigned long long)f->r14);
	pr_err("R15 0x%016llx RFLAGS 0x%llx CS 0x%llx SS 0x%llx\n",
	       (unsigned long long)f->r15, (unsigned long long)f->rflags,
	       (unsigned long long)f->cs, (unsigned long long)f->ss);
	pr_err("CR0 0x%llx CR3 0x%llx CR4 0x%llx\n",
	       (unsigned long long)read_cr0(), (unsigned long long)read_cr3(),
	       (unsigned long long)read_cr4());
}

/* Follows saved RBPs, but only while they stay inside baton's stacks. */
static void print_backtrace(const struct exception_frame *f)
{
	u64 rbp = f->rbp;
	int depth;

	pr_err("backtrace:\n");
	print_code_address("  #0 ", f->rip);
	/*
	 * A leaf function may run without a frame of its own: then its
	 * caller is only visible as the word at RSP, shown if it is code.
	 */
	if (arch_stack_contains(f->rsp, 8)) {
		u64 top = *(const u64 *)f->rsp;

		if (top >= arch_image_start() && top < arch_image_end())
			print_code_address("  (rsp)", top);
	}
	for (depth = 1; depth < BACKTRACE_MAX; depth++) {
		const u64 *frame = (const u64 *)rbp;
		char label[8];

		if (!rbp || (rbp & 7) || !arch_stack_contains(rbp, 16))
			break;
		if (!frame[1])
			break;
		baton_snprintf(label, sizeof(label), "  #%-2d", depth);
		print_code_address(label, frame[1]);
		if (frame[0] <= rbp)
			break;
		rbp = frame[0];
	}
}

void arch_exception(struct exception_frame *f)
{
	u64 cr2 = read_cr2();
	u64 vec = f->vector;

	/*
	 * An exception while reporting one (e.g. a faulting console) gets one
	 * line; a third means even that line faults: stop without a word.
	 */
	exception_depth++;
	if (exception_depth > 2)
		arch_exit_silent(BATON_EXIT_EXCEPTION);
	if (exception_depth == 2) {
		pr_err("\nEXCEPTION vector %llu at RIP 0x%llx CR2 0x%llx while reporting an exception\n",
		       (unsigned long long)vec, (unsigned long long)f->rip,
		       (unsigned long long)cr2);
		arch_exit(BATON_EXIT_EXCEPTION);
	}
	console_ensure_output();

	pr_err("\n");
	pr_err("EXCEPTION: vector %llu (%s), error code 0x%llx\n",
	       (unsigned long long)vec, vec < 32 ? vector_names[vec] : "?",
	       (unsigned long long)f->error_code);
	print_code_address("RIP", f->rip);
	pr_err("CR2 0x%016llx\n", (unsigned long long)cr2);
	if (vec == 14)
		print_page_fault(f, cr2);
	print_registers(f);
	print_backtrace(f);
	pr_err("baton stopped: CPU exception\n");
	arch_exit(BATON_EXIT_EXCEPTION);
}
