/* SPDX-License-Identifier: MIT */
/*
 * The arm64 Image entry (Documentation/arch/arm64/booting.rst): the 64-byte
 * Image header, then the code a loader (QEMU -kernel, kexec_file_load's
 * arm64 Image loader) jumps to with x0 = the DTB's physical address,
 * x1..x3 = 0, MMU off, at EL2 or EL1.
 *
 * Everything here is PC-relative (adr/adrp): nothing depends on where the
 * image was loaded until arm64_relocate() has applied the relocations.
 */
#include <arch/arm64/layout.h>

#define CURRENTEL_EL2		(2 << 2)
#define HCR_EL2_RW		(1 << 31)	/* EL1 runs AArch64 */
#define CNTHCTL_EL1PCTEN	(1 << 0)	/* EL1 may read the counters */
#define CNTHCTL_EL1PCEN		(1 << 1)
#define CPTR_EL2_RES1		0x33ff		/* TFP = 0: FP/SIMD not trapped */
#define SPSR_EL1H_DAIF		0x3c5		/* EL1h, D, A, I, F masked */
/* SCTLR_EL1 RES1 bits (29, 28, 23, 22, 20, 11); M, C, I, A off, LE. */
#define SCTLR_EL1_RES1		0x30d00800
#define CPACR_EL1_FPEN		(3 << 20)

.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

	.section .head.text, "ax"
	.globl	_head
_head:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset: the 2 MiB aligned base */
	.quad	__image_size		/* image_size incl. .bss (link script) */
	.quad	ARM64_IMAGE_FLAGS	/* flags */
	.quad	0			/* res2 */
	.quad	0			/* res3 */
	.quad	0			/* res4 */
	.long	ARM64_IMAGE_MAGIC	/* magic, at 0x38 */
	.long	0			/* res5: no PE/COFF header */
	/*
	 * The version string a chain precheck reads (chain_arm64_image_version,
	 * like Linux's banner): baton.Image as the next kernel is "baton".
	 */
	.asciz	"Linux version baton"
	.balign	4

/*
 * EL2 (x22 = CurrentEL): run baton at EL1 (the exception and MMU code is
 * EL1's), with the counters readable, the virtual counter equal to the
 * physical one and FP/SIMD untrapped; E2H (VHE) is cleared with the rest.
 * Continues at the label el1 at EL1, MMU, caches and alignment checks
 * off. The boot CPU and every secondary (PSCI CPU_ON enters at the
 * caller's or the highest non-secure level) come through here.
 */
.macro to_el1 el1
	cmp	x22, #CURRENTEL_EL2
	b.ne	.Lat_el1\@
	mov	x1, #HCR_EL2_RW
	msr	hcr_el2, x1
	mov	x1, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x1
	msr	cntvoff_el2, xzr
	mov	x1, #CPTR_EL2_RES1
	msr	cptr_el2, x1
	msr	vttbr_el2, xzr
	adr_l	x1, el2_stub_vectors	/* the chain's way back to EL2 */
	msr	vbar_el2, x1
	ldr	x1, =SCTLR_EL1_RES1
	msr	sctlr_el1, x1
	mov	x1, #SPSR_EL1H_DAIF
	msr	spsr_el2, x1
	adr	x1, \el1
	msr	elr_el2, x1
	isb
	eret
.Lat_el1\@:
	ldr	x1, =SCTLR_EL1_RES1
	msr	sctlr_el1, x1
	isb
.endm

primary_entry:
	mov	x20, x0			/* DTB */
	mrs	x22, CurrentEL
	to_el1	2f
2:
	/* The first time stamp: the handover's end as baton sees it. */
	isb
	mrs	x19, cntvct_el0
	msr	daifset, #0xf
	mov	x1, #CPACR_EL1_FPEN	/* libfdt.a is built with FP/SIMD on */
	msr	cpacr_el1, x1
	isb

	adr_l	x1, __bss_start		/* 16-byte aligned (link script) */
	adr_l	x2, __bss_end
3:	cmp	x1, x2
	b.hs	4f
	stp	xzr, xzr, [x1], #16
	b	3b
4:
	adr_l	x1, boot_stack_top
	mov	sp, x1
	mov	x29, xzr
	mov	x30, xzr

	adr_l	x0, _head
	bl	arm64_relocate

	adr_l	x1, arm64_vectors
	msr	vbar_el1, x1
	isb

	mov	x0, x20			/* dtb */
	lsr	x1, x22, #2		/* entry EL */
	mov	x2, x19			/* entry time stamp */
	bl	arm64_start
5:	wfi
	b	5b
	.ltorg

/*
 * A secondary CPU's entry (PSCI CPU_ON, arch/arm64/smp.c): x0 = its
 * struct arm64_cpu_boot, the MMU off. Only reads memory until its MMU is
 * on (the boot CPU cleaned the block to the point of coherency; a write
 * without the caches could be lost to a line the boot CPU holds): the boot
 * CPU's MAIR, TCR, TTBR0 and SCTLR (baton's tables, caches on), VBAR, the
 * stack, then arm64_secondary_main(block).
 */
	.globl	arm64_secondary_entry
	.type	arm64_secondary_entry, %function
arm64_secondary_entry:
	mov	x20, x0
	mrs	x22, CurrentEL
	to_el1	1f
1:
	msr	daifset, #0xf
	mov	x1, #CPACR_EL1_FPEN
	msr	cpacr_el1, x1
	ldp	x1, x2, [x20, #CPU_BOOT_MAIR]
	ldp	x3, x4, [x20, #CPU_BOOT_TTBR0]
	ldp	x5, x6, [x20, #CPU_BOOT_VBAR]
	ldr	x7, [x20, #CPU_BOOT_MAIN]
	msr	mair_el1, x1
	msr	tcr_el1, x2
	msr	ttbr0_el1, x3
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	msr	sctlr_el1, x4
	isb
	msr	vbar_el1, x5
	isb
	mov	sp, x6
	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x20
	blr	x7
2:	wfi
	b	2b
	.ltorg
	.size	arm64_secondary_entry, . - arm64_secondary_entry

/*
 * Exception vectors: 16 slots of 0x80 bytes, 2 KiB aligned. Each switches
 * to the exception stack (a fault may come from a broken stack), saves the
 * registers as struct arm64_regs (x0..x30, sp) and calls arm64_exception
 * with the slot number; it never returns.
 */
#define FRAME_SIZE	(33 * 8 + 8)

.macro vector idx
	.balign	0x80
	msr	tpidr_el1, x0
	mov	x0, sp
	msr	tpidrro_el0, x0
	adr_l	x0, exc_stack_top
	mov	sp, x0
	mrs	x0, tpidr_el1
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x1, #\idx
	b	exception_common
.endm

	.text
	.balign	0x800
	.globl	arm64_vectors
arm64_vectors:
	vector	0
	vector	1
	vector	2
	vector	3
	vector	4
	vector	5
	vector	6
	vector	7
	vector	8
	vector	9
	vector	10
	vector	11
	vector	12
	vector	13
	vector	14
	vector	15

/*
 * EL2's vectors while baton runs at EL1: one service, the chain's return
 * to EL2 (arm64_chain_enter: hvc #0 with x0 = kernel entry, x1 = DTB, the
 * MMU and caches already off), so the next kernel starts at the level the
 * loader entered baton at (booting.rst recommends EL2). EL2's own MMU and
 * caches were never turned on. Anything else parks the CPU.
 */
#define ESR_EC_HVC64	0x16

.macro el2_park
	.balign	0x80
	wfe
	b	.
.endm

	.balign	0x800
el2_stub_vectors:
	el2_park			/* current EL, SP_EL0 */
	el2_park
	el2_park
	el2_park
	el2_park			/* current EL, SP_ELx */
	el2_park
	el2_park
	el2_park
	.balign	0x80			/* lower EL, AArch64: synchronous */
	mrs	x9, esr_el2
	lsr	x9, x9, #26
	cmp	x9, #ESR_EC_HVC64
	b.ne	1f
	mov	x4, x0
	mov	x0, x1
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	br	x4
1:	wfe
	b	1b
	el2_park
	el2_park
	el2_park
	el2_park			/* lower EL, AArch32 */
	el2_park
	el2_park
	el2_park

exception_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x2, tpidrro_el0
	stp	x30, x2, [sp, #240]	/* x30, interrupted sp */
	mov	x0, sp
	mov	x29, xzr		/* the handler's own walk starts here */
	bl	arm64_exception
6:	wfi
	b	6b

	.section .bss.stacks, "aw", %nobits
	.balign	16
boot_stack:
	.skip	BOOT_STACK_SIZE
	.globl	boot_stack_top
boot_stack_top:
	.balign	16
exc_stack:
	.skip	EXC_STACK_SIZE
exc_stack_top:
	.globl	boot_stack
