// SPDX-License-Identifier: MIT
/*
 * Exceptions: baton takes none on purpose, so every one is a bug or a self
 * test. The handler prints the syndrome (ESR_EL1 and its class), the
 * faulting address (FAR_EL1), where it happened (ELR_EL1, also as an image
 * offset for addr2line on build/arm64/baton.elf), the registers and a
 * frame-pointer backtrace, then ends the run (baton.exit=). A fault inside
 * the handler halts at once.
 */
#include <baton/arch.h>
#include <baton/fault_describe.h>
#include <baton/log.h>
#include <arch/arm64/arm64.h>

#define BACKTRACE_MAX	32

static bool in_handler;

static const char *const vector_names[16] = {
	"synchronous (EL1t)", "irq (EL1t)", "fiq (EL1t)", "serror (EL1t)",
	"synchronous", "irq", "fiq", "serror",
	"synchronous (lower EL, AArch64)", "irq (lower EL, AArch64)",
	"fiq (lower EL, AArch64)", "serror (lower EL, AArch64)",
	"synchronous (lower EL, AArch32)", "irq (lower EL, AArch32)",
	"fiq (lower EL, AArch32)", "serror (lower EL, AArch32)",
};

static const char *ec_name(u32 ec)
{
	switch (ec) {
	case 0x00: return "unknown";
	case 0x01: return "wfi/wfe trapped";
	case 0x07: return "fp/simd access trapped";
	case 0x0e: return "illegal execution state";
	case 0x15: return "svc";
	case 0x16: return "hvc";
	case 0x17: return "smc";
	case 0x18: return "system register access trapped";
	case 0x20: return "instruction abort (lower EL)";
	case 0x21: return "instruction abort";
	case 0x22: return "pc alignment fault";
	case 0x24: return "data abort (lower EL)";
	case 0x25: return "data abort";
	case 0x26: return "sp alignment fault";
	case 0x2f: return "serror";
	case 0x3c: return "brk";
	default: return "other";
	}
}

/* The data/instruction fault status code's kind (ESR ISS DFSC/IFSC). */
static const char *fsc_name(u32 fsc)
{
	switch (fsc & 0x3c) {
	case 0x00: return "address size fault";
	case 0x04: return "translation fault";
	case 0x08: return "access flag fault";
	case 0x0c: return "permission fault";
	}
	if (fsc == 0x21)
		return "alignment fault";
	if (fsc == 0x10)
		return "synchronous external abort";
	return "other fault";
}

static bool in_image(u64 addr)
{
	return addr >= (u64)_head && addr < (u64)__image_end;
}

/*
 * Walks the frame records (x29 -> {previous x29, return address}) while
 * they stay inside baton's boot stack, 16-byte aligned and going up:
 * a corrupt chain ends the walk, never faults.
 */
static void backtrace(u64 fp, u64 pc)
{
	u64 lo = (u64)boot_stack, hi = (u64)boot_stack_top;
	u32 n;

	pr_err("  backtrace:\n");
	pr_err("    0x%016llx (image+0x%llx)\n", (unsigned long long)pc,
	       (unsigned long long)(pc - (u64)_head));
	for (n = 0; n < BACKTRACE_MAX; n++) {
		const u64 *frame = (const u64 *)fp;
		u64 ret;

		if (fp < lo || fp + 16 > hi || (fp & 15))
			break;
		ret = frame[1];
		if (!ret)
			break;
		pr_err("    0x%016llx (image+0x%llx)%s\n",
		       (unsigned long long)ret,
		       (unsigned long long)(ret - (u64)_head),
		       in_image(ret) ? "" : " outside the image");
		if (frame[0] <= fp)
			break;
		fp = frame[0];
	}
}

void __noreturn arm64_exception(struct arm64_regs *regs, u64 vector)
{
	u64 esr = read_sysreg(esr_el1), far = read_sysreg(far_el1);
	u64 elr = read_sysreg(elr_el1), spsr = read_sysreg(spsr_el1);
	u32 ec = (u32)(esr >> 26) & 0x3f;
	char what[128];
	u32 i;

	if (in_handler)
		arch_halt();
	in_handler = true;
	pr_err("exception: %s, %s\n", vector_names[vector & 15], ec_name(ec));
	if (ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25)
		pr_err("exception: %s (%s)\n", fsc_name((u32)esr & 0x3f),
		       ec >= 0x24 ? (esr & (1 << 6) ? "write" : "read") :
				    "fetch");
	pr_err("  ESR 0x%016llx FAR 0x%016llx\n", (unsigned long long)esr,
	       (unsigned long long)far);
	pr_err("  ELR 0x%016llx (image+0x%llx) SPSR 0x%016llx\n",
	       (unsigned long long)elr, (unsigned long long)(elr - (u64)_head),
	       (unsigned long long)spsr);
	if (fault_describe(far, what, sizeof(what)))
		pr_err("  FAR is %s\n", what);
	for (i = 0; i < 30; i += 3)
		pr_err("  x%-2u %016llx x%-2u %016llx x%-2u %016llx\n",
		       i, (unsigned long long)regs->x[i],
		       i + 1, (unsigned long long)regs->x[i + 1],
		       i + 2, (unsigned long long)regs->x[i + 2]);
	pr_err("  x30 %016llx sp  %016llx\n", (unsigned long long)regs->x[30],
	       (unsigned long long)regs->sp);
	backtrace(regs->x[29], elr);
	arch_exit(BATON_EXIT_EXCEPTION);
}

/* -fstack-protector (Debian builds libfdt.a with it): the canary. */
u64 __stack_chk_guard = 0x595e9fbd94fda766ULL;

void __noreturn __stack_chk_fail(void);
void __noreturn __stack_chk_fail(void)
{
	pr_err("exception: stack protector: stack smashed, called from 0x%016llx\n",
	       (unsigned long long)__builtin_return_address(0));
	arch_exit(BATON_EXIT_EXCEPTION);
}
