// SPDX-License-Identifier: MIT
/*
 * Self-relocation: runs before anything else in C, on baton's stack, with
 * the image possibly loaded away from its link address. Only
 * R_X86_64_RELATIVE relocations exist (the link recipe refuses any other
 * dynamic relocation), so applying them needs no symbol table. This file
 * must not read any pointer stored in data: none is valid yet.
 */
#include <baton/types.h>
#include <arch/x86_64/layout.h>
#include <arch/x86_64/arch.h>

#define R_X86_64_RELATIVE	8

struct elf64_rela {
	u64 r_offset;
	u64 r_info;
	s64 r_addend;
};

static const struct elf64_rela *rela_start(void)
{
	const struct elf64_rela *p;

	__asm__("leaq __rela_start(%%rip), %0" : "=r"(p));
	return p;
}

static const struct elf64_rela *rela_end(void)
{
	const struct elf64_rela *p;

	__asm__("leaq __rela_end(%%rip), %0" : "=r"(p));
	return p;
}

static void __noreturn relocation_failed(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

void arch_relocate(u64 runtime_base)
{
	const struct elf64_rela *r = rela_start(), *end = rela_end();
	u64 delta = runtime_base - BATON_LINK_BASE;

	for (; r < end; r++) {
		if ((u32)r->r_info != R_X86_64_RELATIVE)
			relocation_failed();
		*(volatile u64 *)(r->r_offset + delta) =
			(u64)r->r_addend + delta;
	}
}
