// SPDX-License-Identifier: MIT
/*
 * Self-relocation, before anything else in C: the image is linked at 0 and
 * may run anywhere. Only R_AARCH64_RELATIVE relocations exist (the link
 * recipe refuses any other dynamic relocation), so applying them needs no
 * symbol table. The MMU is off here (every access is Device memory, where
 * an unaligned access faults): all arm64 objects are built with
 * -mstrict-align, and relocation targets are 8-byte aligned.
 */
#include <baton/types.h>
#include <arch/arm64/arm64.h>

#define R_AARCH64_NONE		0	/* left by ld for dropped sections */
#define R_AARCH64_RELATIVE	1027

struct elf64_rela {
	u64 r_offset;
	u64 r_info;
	s64 r_addend;
};

/* adrp/add: a GOT load would read a pointer that is not relocated yet. */
#define RELA_SYMBOL(sym) ({						\
	const struct elf64_rela *__p;					\
	__asm__("adrp %0, " #sym "\n\tadd %0, %0, :lo12:" #sym		\
		: "=r"(__p));						\
	__p;								\
})

static void __noreturn relocation_failed(void)
{
	for (;;)
		__asm__ volatile("wfi");
}

void arm64_relocate(u64 runtime_base)
{
	const struct elf64_rela *r = RELA_SYMBOL(__rela_start);
	const struct elf64_rela *end = RELA_SYMBOL(__rela_end);

	for (; r < end; r++) {
		if ((u32)r->r_info == R_AARCH64_NONE)
			continue;
		if ((u32)r->r_info != R_AARCH64_RELATIVE)
			relocation_failed();
		*(volatile u64 *)(runtime_base + r->r_offset) =
			runtime_base + (u64)r->r_addend;
	}
}
