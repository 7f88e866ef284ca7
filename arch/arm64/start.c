// SPDX-License-Identifier: MIT
/*
 * The C side of the arm64 entry (after head.S: EL1, .bss cleared, stack,
 * relocations applied, vectors installed): the clock, the early identity
 * map (before libfdt runs, arch/arm64/mmu.c says why), the PSCI conduit,
 * then baton_main() with the DTB.
 */
#include <baton/arch.h>
#include <baton/bootinfo.h>
#include <baton/cmdline.h>
#include <baton/log.h>
#include <libfdt.h>
#include <string.h>
#include <arch/arm64/arm64.h>

#define DTB_MAX_SIZE	SZ_2M	/* booting.rst */

static u64 entry_el, dtb_addr;

static u32 be32_at(u64 pa)
{
	const volatile u8 *p = (const volatile u8 *)pa;

	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* The DTB's totalsize, or 0 when x0 does not point at one. */
static u64 dtb_size_early(u64 pa)
{
	u32 size;

	if (!pa || (pa & 7) || be32_at(pa) != FDT_MAGIC)
		return 0;
	size = be32_at(pa + 4);
	return size <= DTB_MAX_SIZE ? size : 0;
}

void __noreturn arm64_start(u64 dtb_pa, u64 el, u64 stamp)
{
	u64 dtb_size = dtb_size_early(dtb_pa);

	entry_el = el;
	dtb_addr = dtb_pa;
	arm64_timer_init(stamp);
	arm64_mmu_early((u64)_head, (u64)__image_end, dtb_pa, dtb_size);
	if (dtb_size && fdt_check_header((const void *)dtb_pa) == 0)
		arm64_psci_init((const void *)dtb_pa);
	baton_main(ENTRY_PROTOCOL_DTB, dtb_pa);
	arch_exit(BATON_EXIT_SUCCESS);
}

u64 arch_entry_level(void)
{
	return entry_el;
}

u64 arm64_dtb_pa(void)
{
	return dtb_addr;
}

phys_addr_t arch_image_start(void)
{
	return (phys_addr_t)_head;
}

phys_addr_t arch_image_end(void)
{
	return (phys_addr_t)__image_end;
}

u64 arch_link_base(void)
{
	return BATON_LINK_BASE;
}

/* RNDR (FEAT_RNG, ID_AA64ISAR0_EL1.RNDR): false without it or on failure. */
bool arch_random_bytes(u8 *buf, size_t len)
{
	u64 v;
	size_t i;
	int tries;

	if (!((read_sysreg(id_aa64isar0_el1) >> 60) & 0xf))
		return false;
	for (i = 0; i < len; i += 8) {
		for (tries = 0; tries < 10; tries++) {
			u64 ok;

			__asm__ volatile("mrs %0, s3_3_c2_c4_0\n\tcset %1, ne"
					 : "=r"(v), "=r"(ok) : : "cc");
			if (ok)
				break;
		}
		if (tries == 10)
			return false;
		memcpy(buf + i, &v, MIN(len - i, (size_t)8));
	}
	return true;
}

/*
 * baton.selftest=fault: a load from an address no table maps (above the
 * 39-bit identity map), so the handler's ESR/FAR/ELR lines can be checked.
 */
void arch_selftest(const struct boot_info *bi)
{
	char name[32];

	if (!cmdline_get_str(bi->cmdline, "baton.selftest", name,
			     sizeof(name)))
		return;
	if (!strcmp(name, "fault")) {
		pr_info("selftest: fault: reading 0x0000dead00000000\n");
		(void)*(volatile u64 *)0x0000dead00000000ULL;
		pr_err("selftest: fault: no exception\n");
		return;
	}
	pr_warn("selftest: %s: not on arm64 yet\n", name);
}
