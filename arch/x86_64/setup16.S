/* SPDX-License-Identifier: MIT */
/*
 * Real-mode setup code of build/baton.bzImage, for loaders that start a
 * bzImage in real mode at setup + 0x200 (QEMU -kernel, old BIOS loaders).
 * Assembled from offset 0 so that labels are file offsets of the setup
 * area; tools/mkbzimage copies bytes [SETUP_CODE_START, end) into the image
 * (the header before it is written by mkbzimage). It builds a zero page
 * 4 KiB above the setup area (inside the real-mode area the protocol gives
 * the kernel): the setup header as the loader filled it in, and the BIOS
 * memory map (int 15h e820). Then it opens A20, switches to 32-bit
 * protected mode with a flat GDT and jumps to code32_start with ESI = the
 * zero page and EBX = 0: the 32-bit boot protocol, which the payload's
 * offset-0 entry handles next to PVH. kexec_file_load never runs any of
 * this (it enters the payload at +0x200 in 64-bit mode).
 */
#define SETUP_CODE_START	0x26c	/* first byte after the setup header */
#define ZERO_PAGE		0x1000	/* offset from the setup area */
#define ZP_HDR			0x1f1
#define ZP_E820_ENTRIES		0x1e8
#define ZP_E820_TABLE		0x2d0
#define ZP_CODE32_START		0x214
#define E820_MAX		128
#define SMAP			0x534d4150

	.code16
	.text
	.org	SETUP_CODE_START
	.globl	setup16
setup16:
	cli
	cld
	/* Where are we? linear(here) - offset(here) = the zero page. */
	call	1f
1:	popw	%bx
	subw	$1b, %bx
	movw	%cs, %ax
	sarw	$4, %bx			/* (may be negative: CS = seg + 0x20) */
	addw	%bx, %ax			/* segment of the zero page */
	pushw	%ax
	pushw	$2f
	lret					/* now CS:IP = zero page:offset */
2:	movw	%ax, %ds
	movw	%ax, %es

	/* Zero page: zeroed, then the setup header as the loader left it. */
	movw	$ZERO_PAGE, %di
	movw	$2048, %cx
	xorw	%ax, %ax
	rep	stosw
	movw	$ZP_HDR, %si
	movw	$(ZERO_PAGE + ZP_HDR), %di
	movw	$(SETUP_CODE_START - ZP_HDR), %cx
	rep	movsb

	/* BIOS memory map, 20-byte entries straight into e820_table. */
	xorl	%ebx, %ebx
	xorw	%bp, %bp
	movw	$(ZERO_PAGE + ZP_E820_TABLE), %di
3:	movl	$0xe820, %eax
	movl	$SMAP, %edx
	movl	$20, %ecx
	int	$0x15
	jc	4f
	cmpl	$SMAP, %eax
	jne	4f
	incw	%bp
	addw	$20, %di
	cmpw	$E820_MAX, %bp
	jae	4f
	testl	%ebx, %ebx
	jnz	3b
4:	movw	%bp, %ax
	movb	%al, ZERO_PAGE + ZP_E820_ENTRIES
	cli

	/* A20 through the "fast A20" port (system control port A). */
	inb	$0x92, %al
	orb	$0x02, %al
	andb	$0xfe, %al
	outb	%al, $0x92

	/* Linear addresses: the GDT base and the 32-bit jump target. */
	xorl	%esi, %esi
	movw	%ds, %si
	shll	$4, %esi			/* %esi = setup area */
	leal	gdt(%esi), %eax
	movl	%eax, gdt_pointer + 2
	movl	ZP_CODE32_START, %eax
	movl	%eax, jump_pointer
	lgdtl	gdt_pointer
	addl	$ZERO_PAGE, %esi		/* %esi = zero page */

	movl	%cr0, %eax
	orl	$1, %eax			/* PE */
	movl	%eax, %cr0
	movw	$0x18, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	xorl	%ebx, %ebx			/* not PVH: no start_info */
	xorl	%ebp, %ebp
	xorl	%edi, %edi
	ljmpl	*%cs:jump_pointer

	.balign	8
gdt:
	.quad	0
	.quad	0
	.quad	0x00cf9b000000ffff		/* 0x10: flat 32-bit code */
	.quad	0x00cf93000000ffff		/* 0x18: flat data */
gdt_end:
gdt_pointer:
	.word	gdt_end - gdt - 1
	.long	0
jump_pointer:
	.long	0
	.word	0x10
	/* mkbzimage checks that this ends before its version string. */

	.section .note.GNU-stack, "", @progbits
