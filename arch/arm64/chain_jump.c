// SPDX-License-Identifier: MIT
/*
 * The jump into the next arm64 kernel (boot/chain/jump_dtb.h): what baton
 * wrote through its cacheable mapping is cleaned to the point of coherency
 * (the kernel starts with the MMU and D-cache off and reads memory, not
 * cache), then MMU, D-cache and I-cache go off, the I-cache and TLBs are
 * invalidated and the kernel is entered. baton runs identity-mapped, so
 * the instructions after SCTLR_EL1.M = 0 are fetched from the same
 * addresses.
 */
#include <baton/arch.h>
#include <arch/arm64/arm64.h>

void __noreturn arm64_chain_enter(u64 entry, u64 dtb, u64 to_el2);

static void dcache_clean_poc(u64 start, u64 end)
{
	u64 line = 4ULL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	u64 p;

	for (p = start & ~(line - 1); p < end; p += line)
		__asm__ volatile("dc civac, %0" : : "r"(p) : "memory");
}

void chain_jump_dtb(phys_addr_t entry, phys_addr_t dtb,
		    const struct arch_map_range *clean, u32 count)
{
	u32 i;

	__asm__ volatile("msr daifset, #0xf" : : : "memory");
	for (i = 0; i < count; i++)
		dcache_clean_poc(clean[i].pa, clean[i].pa + clean[i].size);
	dsb(sy);
	arm64_chain_enter(entry, dtb, arch_entry_level() == 2);
}

/*
 * x0 = entry, x1 = DTB, x2 = back to EL2 (baton was entered there: hvc to
 * head.S's EL2 stub, which enters the kernel at EL2); nothing in memory is
 * touched after the MMU is off.
 */
__asm__(
	"	.text\n"
	"	.balign	4\n"
	"	.globl	arm64_chain_enter\n"
	"	.type	arm64_chain_enter, %function\n"
	"arm64_chain_enter:\n"
	"	mrs	x5, sctlr_el1\n"
	"	bic	x5, x5, #1\n"			/* M */
	"	bic	x5, x5, #(1 << 2)\n"		/* C */
	"	bic	x5, x5, #(1 << 12)\n"		/* I */
	"	msr	sctlr_el1, x5\n"
	"	isb\n"
	"	ic	iallu\n"
	"	tlbi	vmalle1\n"
	"	dsb	nsh\n"
	"	isb\n"
	"	cbz	x2, 1f\n"
	"	hvc	#0\n"
	"1:	mov	x4, x0\n"
	"	mov	x0, x1\n"
	"	mov	x1, xzr\n"
	"	mov	x2, xzr\n"
	"	mov	x3, xzr\n"
	"	br	x4\n"
	"	.size	arm64_chain_enter, . - arm64_chain_enter\n");
