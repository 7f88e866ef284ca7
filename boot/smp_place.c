// SPDX-License-Identifier: MIT
/*
 * The AP trampoline's place (boot/smp_place.h). Below 1 MiB the next Linux
 * treats free memory as scratch until its own real-mode trampoline is
 * placed (docs/handover-abi.md §3.7), so a page there that holds no
 * handover data is one baton may use and the next kernel does not miss.
 */
#include <boot/smp_place.h>
#include <mm/range_set.h>

static bool e820_ram_covers(const struct boot_info *bi, u64 pa, u64 size)
{
	u32 i;

	for (i = 0; i < bi->e820_count; i++) {
		const struct boot_e820_entry *e = &bi->e820[i];

		if (bootinfo_e820_type_is_ram(e->type) && e->addr <= pa &&
		    e->size >= size && pa - e->addr <= e->size - size)
			return true;
	}
	return false;
}

bool smp_place_trampoline(struct mm *mm, const struct boot_info *bi,
			  u64 size, phys_addr_t limit, u32 cpus,
			  struct smp_place *out, struct finding_list *findings)
{
	phys_addr_t pa;

	*out = (struct smp_place){ 0 };
	size = ALIGN_UP(size, (u64)PAGE_SIZE);
	limit &= ~(u64)(PAGE_SIZE - 1);
	if (size && limit >= SMP_TRAMPOLINE_MIN + size &&
	    mm_find_top_down(mm, size, PAGE_SIZE, SMP_TRAMPOLINE_MIN, limit,
			     &pa) &&
	    !mm_reserve(mm, pa, size, MM_KIND_BATON_ALLOC)) {
		*out = (struct smp_place){ .pa = pa, .in_scratch = true };
		return true;
	}
	for (pa = limit - size; size && limit >= SMP_TRAMPOLINE_MIN + size &&
	     pa >= SMP_TRAMPOLINE_MIN; pa -= PAGE_SIZE) {
		if (!e820_ram_covers(bi, pa, size) ||
		    range_set_first_overlap(&mm->occupied, pa, pa + size,
					    MM_KIND_NONE))
			continue;
		out->pa = pa;
		return true;
	}
	finding_add(findings, I_SMP_NO_TRAMPOLINE, 0,
		    "no 0x%llx bytes free below 0x%llx (KHO scratch, or RAM without handover data): digests on 1 of %u CPUs",
		    (unsigned long long)size, (unsigned long long)limit, cpus);
	return false;
}
