/* SPDX-License-Identifier: MIT */
/* arm64-internal declarations shared by the files of arch/arm64/. */
#ifndef BATON_ARCH_ARM64_ARM64_H
#define BATON_ARCH_ARM64_ARM64_H

#include <baton/types.h>

#define read_sysreg(r) ({					\
	u64 __v;						\
	__asm__ volatile("mrs %0, " #r : "=r"(__v));		\
	__v;							\
})
#define write_sysreg(v, r)					\
	__asm__ volatile("msr " #r ", %0" : : "r"((u64)(v)))
#define isb()	__asm__ volatile("isb" : : : "memory")
#define dsb(o)	__asm__ volatile("dsb " #o : : : "memory")

/* The saved registers, as head.S's exception_common lays them out. */
struct arm64_regs {
	u64 x[31];
	u64 sp;
};

void arm64_relocate(u64 runtime_base);
void __noreturn arm64_start(u64 dtb_pa, u64 entry_el, u64 entry_stamp);
void __noreturn arm64_exception(struct arm64_regs *regs, u64 vector);

/* Generic timer: the time stamp at entry and CNTFRQ_EL0. */
void arm64_timer_init(u64 entry_stamp);

/*
 * The early identity map (arch/arm64/mmu.c): Normal memory for baton's
 * image and the DTB, Device for every other address below 512 GiB. False
 * (MMU left off) when either lies above.
 */
bool arm64_mmu_early(u64 image_start, u64 image_end, u64 dtb_pa,
		     u64 dtb_size);
bool arm64_mmu_enabled(void);

/* PSCI conduit from the DTB's /psci "method" (arch/arm64/exit.c). */
void arm64_psci_init(const void *fdt);
const char *arm64_psci_method(void);
/* A PSCI call through that conduit; -1 (NOT_SUPPORTED) without one. */
s64 arm64_psci_call(u64 fn, u64 a1, u64 a2, u64 a3);

u64 arm64_dtb_pa(void);

/*
 * The chain jump (arch/arm64/chain_jump.c), declared for boot/ in
 * boot/chain/jump_dtb.h: arch/ does not include boot/ (README, "Layers").
 */
struct arch_map_range;
void __noreturn chain_jump_dtb(phys_addr_t entry, phys_addr_t dtb,
			       const struct arch_map_range *clean, u32 count);

extern char _head[], __image_end[];
extern char boot_stack[], boot_stack_top[];

#endif
