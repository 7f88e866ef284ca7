/* SPDX-License-Identifier: MIT */
/*
 * The AP trampoline: an AP woken by a SIPI starts here in real mode at
 * CS:0 = the page arch/x86_64/smp.c copied this to (below 1 MiB). It goes
 * to protected mode, enables PAE (and LA57 when the boot CPU uses it) on
 * the trampoline's own identity map of [0, 2 MiB), enters long mode, then
 * loads baton's page tables and jumps to the C entry with the stack and
 * index the boot CPU left in the data block. Only offsets from the start
 * are assembled in; smp.c adds the page's address where one is needed.
 * Never executed where it is linked (.rodata): copied first.
 */
#include <arch/x86_64/layout.h>
#include <arch/x86_64/smp_trampoline.h>

	.section .rodata.ap_trampoline, "a"
	.globl	ap_trampoline_start, ap_trampoline_end
	.code16
ap_trampoline_start:
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	xorl	%ebx, %ebx
	movw	%ax, %bx
	shll	$4, %ebx			/* %ebx = the page's address */
	lgdtl	TR_GDTR
	movl	%cr0, %eax
	orl	$1, %eax			/* PE */
	movl	%eax, %cr0
	ljmpl	*TR_FAR32

	.code32
ap_pm32:
	movl	$GDT_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	TR_CR4(%ebx), %eax		/* PAE, LA57 like the boot CPU */
	movl	%eax, %cr4
	movl	TR_TMP_CR3(%ebx), %eax
	movl	%eax, %cr3
	movl	$0xc0000080, %ecx		/* EFER: LME, NXE */
	rdmsr
	orl	TR_EFER(%ebx), %eax
	wrmsr
	movl	%cr0, %eax
	orl	$0x80010000, %eax		/* PG | WP */
	movl	%eax, %cr0
	ljmpl	*TR_FAR64(%ebx)

	.code64
ap_lm64:
	movl	%ebx, %ebx			/* upper half undefined after compat mode */
	movq	TR_CR3(%rbx), %rax		/* baton's tables map this page too */
	movq	%rax, %cr3
	movq	TR_STACK(%rbx), %rsp
	movl	TR_CPU(%rbx), %edi
	movq	TR_ENTRY(%rbx), %rax
	xorl	%ebp, %ebp			/* ends the backtrace */
	pushq	$0				/* as if called */
	jmpq	*%rax
ap_code_end:

	.org	TR_GDT
	.quad	0
	.quad	0x00cf9b000000ffff		/* 0x08: 32-bit code */
	.quad	0x00af9b000000ffff		/* 0x10: 64-bit code */
	.quad	0x00cf93000000ffff		/* 0x18: data */
	.org	TR_GDTR
	.word	4 * 8 - 1
	.long	TR_GDT				/* + the page's address */
	.org	TR_FAR32
	.long	ap_pm32 - ap_trampoline_start	/* + the page's address */
	.word	TR_CODE32
	.org	TR_FAR64
	.long	ap_lm64 - ap_trampoline_start	/* + the page's address */
	.word	GDT_CODE64
	.org	TR_DATA_END
ap_trampoline_end:

	/* The code must end before the data block (.org fails otherwise). */
