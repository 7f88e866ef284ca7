/* SPDX-License-Identifier: MIT */
/*
 * Where the AP trampoline (baton.smp) goes: below 1 MiB, in free KHO
 * scratch when there is some, else in e820 RAM that holds nothing the
 * memory model knows (no preserved range, map page, boot data, image).
 * Pure policy over mm and the boot description: also hosted and tested.
 */
#ifndef BATON_BOOT_SMP_PLACE_H
#define BATON_BOOT_SMP_PLACE_H

#include <baton/bootinfo.h>
#include <baton/findings.h>
#include <mm/mm.h>

/* The lowest address it may take (page 0: real-mode IVT and BIOS data). */
#define SMP_TRAMPOLINE_MIN	0x1000

struct smp_place {
	phys_addr_t pa;
	bool in_scratch;	/* reserved in mm as a baton allocation */
};

/*
 * The highest size bytes (page aligned) below limit: free scratch first
 * (then reserved in mm), else free RAM outside mm's pool with no occupant.
 * False, with I_SMP_NO_TRAMPOLINE in findings (naming the `cpus` that stay
 * off), when neither has room.
 */
bool smp_place_trampoline(struct mm *mm, const struct boot_info *bi,
			  u64 size, phys_addr_t limit, u32 cpus,
			  struct smp_place *out, struct finding_list *findings);

#endif
