/* SPDX-License-Identifier: MIT */
/*
 * efi_enter_payload(entry, boot_params, stack_top, gdtr): the last step
 * after ExitBootServices. Interrupts off, an IDT of limit 0 (any fault
 * before the payload installs its own ends the machine instead of running
 * freed firmware code), our GDT with flat 0x10 code / 0x18 data, a stack
 * in scratch, RSI = boot_params, the other registers zero, as purgatory
 * leaves them. The firmware's identity map stays in CR3.
 */
	.text
	.globl	efi_enter_payload
	.type	efi_enter_payload, @function
efi_enter_payload:
	cli
	cld
	lgdt	(%rcx)
	lidt	null_idtr(%rip)
	movq	%rdx, %rsp
	pushq	$0x10
	leaq	1f(%rip), %rax
	pushq	%rax
	lretq
1:	movl	$0x18, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	movq	%rdi, %rax
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
	jmpq	*%rax
	.size	efi_enter_payload, . - efi_enter_payload

	.section .data
	.balign	16
null_idtr:
	.word	0
	.quad	0

	.section .note.GNU-stack, "", @progbits
