/* SPDX-License-Identifier: MIT */
/*
 * chain_jump(entry, boot_params): hands the CPU to the next Linux kernel
 * in the state of the x86 64-bit boot protocol (boot/chain/jump.h).
 */
#include <arch/x86_64/layout.h>

	.text
	.globl	chain_jump
	.type	chain_jump, @function
chain_jump:
	cli
	cld
	/* Reload CS through a far return, the data segments directly. */
	pushq	$GDT_CODE64
	leaq	1f(%rip), %rax
	pushq	%rax
	lretq
1:	movl	$GDT_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	/* RSI already holds boot_params (second argument). */
	pushq	%rdi
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	ret			/* to entry, popped from the stack */
	.size	chain_jump, . - chain_jump
	.section .note.GNU-stack, "", @progbits
