/* SPDX-License-Identifier: MIT */
/*
 * The two ways into baton: the PVH 32-bit entry at image offset 0 (QEMU
 * -kernel baton.elf, paging off, EBX = hvm_start_info) and the Linux 64-bit
 * boot-protocol entry at offset 0x200 (kexec_file_load, RSI = boot_params).
 * Both reach common_64, which moves onto baton's own stack and GDT, applies
 * the image's relocations and calls arch_start(protocol, info, entry TSC)
 * in C. Nothing here uses an
 * absolute address: the image runs wherever it was loaded.
 */
#include <arch/x86_64/layout.h>

	.section .head.text, "ax"
	.code32
	.globl	_start
	.type	_start, @function
_start:
pvh_start32:
	/*
	 * Two 32-bit entries share offset 0 (paging off, flat segments):
	 * PVH with EBX = hvm_start_info, and the 32-bit Linux boot protocol
	 * (code32_start: BIOS loaders, our own setup16.S) with ESI = the
	 * zero page and EBX = 0, as that protocol requires.
	 */
	cli
	cld
	testl	%ebx, %ebx
	jz	linux32
	/*
	 * No stack yet: borrow hvm_start_info.reserved (offset 0x34, four
	 * bytes) for the one push of the call that tells us where we run.
	 */
	leal	0x38(%ebx), %esp
	call	1f
1:	popl	%ebp
	movl	$0, 0x34(%ebx)
	movl	$ENTRY_PROTOCOL_PVH, %eax
	jmp	2f

linux32:
	/* boot_params.scratch (0x1e4) is the protocol's stack for this. */
	leal	0x1e8(%esi), %esp
	call	3f
3:	popl	%ebp
	subl	$(3b - 1b), %ebp		/* as if popped at 1: */
	movl	%esi, %ebx
	movl	$ENTRY_PROTOCOL_LINUX32, %eax

2:	subl	$(1b - _start), %ebp		/* %ebp = runtime _start */
	/* %ebx = start_info or boot_params; protocol kept with the TSC. */
	movl	(pvh_entry_tsc_off - _start)(%ebp), %ecx
	addl	%ebp, %ecx
	movl	%eax, 8(%ecx)
	rdtsc
	movl	%eax, (%ecx)
	movl	%edx, 4(%ecx)

	movl	(pvh_stack_top_off - _start)(%ebp), %esp
	addl	%ebp, %esp

	/* Identity map the first 4 GiB with 2 MiB pages. */
	movl	(pvh_tables_off - _start)(%ebp), %edi
	addl	%ebp, %edi
	movl	%edi, %edx			/* %edx = PML4 */
	xorl	%eax, %eax
	movl	$(PVH_TABLE_PAGES * 1024), %ecx
	rep	stosl

	leal	0x1003(%edx), %eax		/* PML4[0] -> PDPT, P|RW */
	movl	%eax, (%edx)
	leal	0x1000(%edx), %edi		/* %edi = PDPT */
	leal	0x2003(%edx), %eax		/* PDPT[0..3] -> PD0..PD3 */
	movl	$4, %ecx
2:	movl	%eax, (%edi)
	addl	$0x1000, %eax
	addl	$8, %edi
	decl	%ecx
	jnz	2b

	leal	0x2000(%edx), %edi		/* 2048 PDEs, P|RW|PS */
	movl	$0x83, %eax
	movl	$2048, %ecx
3:	movl	%eax, (%edi)
	addl	$0x200000, %eax
	addl	$8, %edi
	decl	%ecx
	jnz	3b

	/*
	 * 5-level paging when the CPU has it, as Linux would use it: the
	 * extra top table (page 6) points at the PML4. LA57 can only be
	 * set before long mode is active.
	 */
	movl	%cr4, %esi
	orl	$0x20, %esi			/* PAE */
	pushl	%ebx				/* cpuid clobbers both */
	pushl	%edx
	xorl	%eax, %eax
	cpuid
	cmpl	$7, %eax
	jb	4f
	movl	$7, %eax
	xorl	%ecx, %ecx
	cpuid
	popl	%edx
	pushl	%edx
	testl	$(1 << 16), %ecx		/* LA57 */
	jz	4f
	orl	$(1 << 12), %esi		/* CR4.LA57 */
	leal	0x3(%edx), %eax
	movl	%eax, 0x6000(%edx)		/* PML5[0] -> PML4 */
	addl	$0x6000, (%esp)			/* CR3 = PML5 */
4:	popl	%edx
	popl	%ebx
	movl	%esi, %cr4
	movl	%edx, %cr3
	movl	$0xc0000080, %ecx		/* EFER.LME */
	rdmsr
	orl	$0x100, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$0x80000001, %eax		/* PG | PE */
	movl	%eax, %cr0

	/* lgdt takes an absolute base: build the descriptor on the stack. */
	leal	(boot_gdt - _start)(%ebp), %eax
	pushl	$0
	pushl	%eax
	pushw	$(boot_gdt_end - boot_gdt - 1)
	lgdt	(%esp)
	addl	$10, %esp

	movl	%ebx, %esi			/* hvm_start_info */
	pushl	$GDT_CODE64
	leal	(pvh_start64 - _start)(%ebp), %eax
	pushl	%eax
	lret

	.code64
pvh_start64:
	movl	$GDT_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %ss
	movl	%esi, %esi			/* zero-extend the pointer */
	movl	pvh_entry_protocol(%rip), %edi
	movq	pvh_entry_tsc(%rip), %r14
	jmp	common_64

	.balign	8
pvh_stack_top_off:
	.quad	pvh_stack_top - _start
pvh_tables_off:
	.quad	pvh_tables - _start
pvh_entry_tsc_off:
	.quad	pvh_entry_tsc - _start

	/*
	 * Transition GDT (read-only here; arch_cpu_init loads the real one).
	 * Accessed bits are preset so loading a selector never writes it.
	 */
	.balign	16
boot_gdt:
	.quad	0
	.quad	0
	.quad	0x00af9b000000ffff		/* 0x10: 64-bit code */
	.quad	0x00cf93000000ffff		/* 0x18: data */
boot_gdt_end:

	/* The Linux 64-bit boot protocol enters here, RSI = boot_params. */
	.org	BATON_ENTRY64_OFFSET
	.globl	startup_64
	.type	startup_64, @function
startup_64:
	cli
	cld
	rdtsc					/* the handover's first moment */
	shlq	$32, %rdx
	orq	%rax, %rdx
	movq	%rdx, %r14
	movl	$ENTRY_PROTOCOL_LINUX64, %edi

common_64:
	movq	%rdi, %r12			/* protocol */
	movq	%rsi, %r13			/* boot_params / start_info */

	/* Clear .bss (not the PVH tables, which may be live in CR3). */
	leaq	__bss_start(%rip), %rdi
	leaq	__bss_end(%rip), %rcx
	subq	%rdi, %rcx
	xorl	%eax, %eax
	rep	stosb

	leaq	boot_stack_top(%rip), %rsp

	leaq	boot_gdt(%rip), %rax
	pushq	%rax
	pushw	$(boot_gdt_end - boot_gdt - 1)
	lgdt	(%rsp)
	addq	$10, %rsp
	movl	$GDT_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	pushq	$GDT_CODE64
	leaq	4f(%rip), %rax
	pushq	%rax
	lretq
4:
	leaq	_start(%rip), %rdi
	call	arch_relocate

	xorl	%ebp, %ebp			/* ends the frame-pointer chain */
	movq	%r12, %rdi
	movq	%r13, %rsi
	movq	%r14, %rdx
	call	arch_start
5:	cli
	hlt
	jmp	5b

	.size	startup_64, . - startup_64

/*
 * Exception entry: one 16-byte stub per vector pushes a dummy error code
 * where the CPU pushes none, then the vector, and joins exception_common,
 * which saves every GPR into a struct exception_frame for the C handler.
 */
	.text
	.balign	16
	.globl	exception_stubs
exception_stubs:
	vec = 0
	.rept	32
	.balign	16
	/* The CPU pushes an error code for 8, 10-14, 17, 21, 29, 30. */
	.if	(vec == 8) || (vec >= 10 && vec <= 14) || (vec == 17) || \
		(vec == 21) || (vec == 29) || (vec == 30)
	.else
	pushq	$0
	.endif
	pushq	$vec
	jmp	exception_common
	vec = vec + 1
	.endr

exception_common:
	pushq	%rax
	pushq	%rcx
	pushq	%rdx
	pushq	%rbx
	pushq	%rbp
	pushq	%rsi
	pushq	%rdi
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld
	movq	%rsp, %rdi
	call	arch_exception
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rdi
	popq	%rsi
	popq	%rbp
	popq	%rbx
	popq	%rdx
	popq	%rcx
	popq	%rax
	addq	$16, %rsp
	iretq

/*
 * Boot protocol 2.15 kernel_info (read-only description for loaders);
 * tools/mkbzimage points kernel_info_offset here. Its own section, which
 * the link script keeps: no code refers to it.
 */
	.section .rodata.kernel_info, "a"
	.balign	8
	.globl	kernel_info
kernel_info:
	.ascii	"LToP"
	.long	kernel_info_end - kernel_info	/* size */
	.long	kernel_info_end - kernel_info	/* size_total */
	.long	0x8000000a	/* setup_type_max: up to KEXEC_KHO, INDIRECT */
kernel_info_end:

	/*
	 * The boot stack, with a guard page below it that baton's own page
	 * tables leave unmapped: an overflow faults (onto the IST stack)
	 * instead of silently overwriting .bss.
	 */
	.bss
	.balign	4096
	.globl	boot_stack_guard, boot_stack_bottom, boot_stack_top
boot_stack_guard:
	.skip	4096
boot_stack_bottom:
	.skip	BOOT_STACK_SIZE
boot_stack_top:

	/* Outside [__bss_start, __bss_end): the PVH path runs on these. */
	.section .boot.tables, "aw", @nobits
	.balign	4096
pvh_tables:
	.skip	PVH_TABLE_PAGES * 4096
pvh_stack:
	.skip	PVH_STACK_SIZE
pvh_stack_top:
	.balign	8
pvh_entry_tsc:
	.skip	8
pvh_entry_protocol:
	.skip	4

	.section .note.GNU-stack, "", @progbits
