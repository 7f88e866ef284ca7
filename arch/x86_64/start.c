// SPDX-License-Identifier: MIT
/*
 * The first C code after relocation: owns the CPU (GDT, IDT, SSE, canary),
 * then hands over to baton_main(). Also the image bounds everyone asks for.
 */
#include <baton/arch.h>
#include <arch/x86_64/arch.h>
#include <arch/x86_64/layout.h>

extern char _start[], __image_end[];

void arch_timestamp_mark_entry(u64 tsc);

void __noreturn arch_start(u32 entry, u64 info_pa, u64 entry_tsc)
{
	arch_timestamp_mark_entry(entry_tsc);
	arch_cpu_init();
	/* head.S maps [0, 4 GiB) for the two 32-bit entries, nothing more. */
	arch_paging_set_entry_limit(entry == ENTRY_PROTOCOL_LINUX64 ?
				    arch_paging_limit() : SZ_4G);
	baton_main(entry, info_pa);
	arch_exit(BATON_EXIT_SUCCESS);
}

phys_addr_t arch_image_start(void)
{
	return (phys_addr_t)_start;
}

phys_addr_t arch_image_end(void)
{
	return (phys_addr_t)__image_end;
}

u64 arch_link_base(void)
{
	return BATON_LINK_BASE;
}
