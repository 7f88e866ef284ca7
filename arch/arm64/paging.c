// SPDX-License-Identifier: MIT
/*
 * baton's own identity page tables on arm64 (the <baton/arch.h> paging
 * interface): 4 KiB granule, 48-bit VA (four levels, TTBR0 only), 1 GiB
 * and 2 MiB blocks split into tables on demand. Normal write-back memory
 * (or Device-nGnRnE for ARCH_MAP_DEVICE); without ARCH_MAP_WRITE a page is
 * read-only (AP[2]), without ARCH_MAP_EXEC it is PXN/UXN. The same
 * attributes as the x86 tables, so boot/phase_paging.c maps preserved RAM
 * read-only on both.
 */
#include <baton/arch.h>
#include <baton/bootinfo.h>
#include <baton/log.h>
#include <drivers/console.h>
#include <drivers/pl011.h>
#include <string.h>
#include <arch/arm64/arm64.h>
#include <arch/arm64/pgtable.h>

#define VA_BITS		48
#define POOL_PAGES	64	/* boot tables: RAM blocks, image, consoles */

#define PTE_VALID	(1ULL << 0)
#define PTE_TABLE	(1ULL << 1)	/* L0-L2: table; L3: page */
#define PTE_RDONLY	(1ULL << 7)	/* AP[2] */
#define PTE_ADDR_MASK	0x0000fffffffff000ULL
#define PTE_ATTR_MASK	(~PTE_ADDR_MASK & ~3ULL)

static u64 pool[POOL_PAGES][512] __aligned(4096);
static u32 pool_used, pages_used;
static u64 *root;		/* NULL until baton's tables are active */
static arch_page_alloc_fn page_alloc;
static void *page_alloc_ctx;

extern char __data_start[];
void arm64_switch_tables(u64 ttbr0, u64 tcr);

/* x0 = TTBR0, x1 = TCR; SCTLR_EL1.M off around the change, then back. */
__asm__(
	"	.text\n"
	"	.balign	4\n"
	"	.type	arm64_switch_tables, %function\n"
	"arm64_switch_tables:\n"
	"	mrs	x3, sctlr_el1\n"
	"	bic	x4, x3, #1\n"
	"	msr	sctlr_el1, x4\n"
	"	isb\n"
	"	msr	tcr_el1, x1\n"
	"	msr	ttbr0_el1, x0\n"
	"	isb\n"
	"	tlbi	vmalle1\n"
	"	dsb	nsh\n"
	"	isb\n"
	"	msr	sctlr_el1, x3\n"
	"	isb\n"
	"	ret\n"
	"	.size	arm64_switch_tables, . - arm64_switch_tables\n");

static u64 *new_table(void)
{
	u64 *t = NULL;

	if (page_alloc) {
		phys_addr_t pa = page_alloc(page_alloc_ctx);

		t = pa ? (u64 *)(uintptr_t)pa : NULL;
	} else if (pool_used < POOL_PAGES) {
		t = pool[pool_used++];
	}
	if (t) {
		memset(t, 0, PAGE_SIZE);
		pages_used++;
	}
	return t;
}

static u64 leaf_attrs(u32 attrs)
{
	u64 d = PTE_AF;

	if (attrs & ARCH_MAP_DEVICE)
		d |= PTE_ATTR(MAIR_DEVICE) | PTE_PXN | PTE_UXN;
	else
		d |= PTE_ATTR(MAIR_NORMAL) | PTE_SH_INNER;
	if (!(attrs & ARCH_MAP_WRITE))
		d |= PTE_RDONLY;
	if (!(attrs & ARCH_MAP_EXEC))
		d |= PTE_PXN | PTE_UXN;
	return d;
}

static unsigned int level_shift(int level)
{
	return 39 - 9 * level;
}

/*
 * The table an entry points to, made (and filled with the block it
 * replaces, split one level down) when the entry is a block or empty.
 */
static u64 *sub_table(u64 *entry, int level)
{
	u64 old = *entry, *t, i, step;

	if ((old & (PTE_VALID | PTE_TABLE)) == (PTE_VALID | PTE_TABLE))
		return (u64 *)(uintptr_t)(old & PTE_ADDR_MASK);
	t = new_table();
	if (!t)
		return NULL;
	if (old & PTE_VALID) {
		step = 1ULL << level_shift(level + 1);
		for (i = 0; i < 512; i++)
			t[i] = ((old & PTE_ADDR_MASK) + i * step) |
			       (old & PTE_ATTR_MASK) | PTE_VALID |
			       (level + 1 == 3 ? PTE_TABLE : 0);
	}
	dsb(ishst);
	*entry = (u64)(uintptr_t)t | PTE_VALID | PTE_TABLE;
	return t;
}

static int map_level(u64 *table, int level, u64 pa, u64 end, u32 attrs)
{
	unsigned int shift = level_shift(level);
	u64 size = 1ULL << shift;

	while (pa < end) {
		u64 *e = &table[(pa >> shift) & 511];
		u64 base = pa & ~(size - 1), next = base + size;

		if (level >= 1 && pa == base && end >= next) {
			*e = (attrs & ARCH_MAP_NONE) ? 0 :
			     base | leaf_attrs(attrs) | PTE_VALID |
			     (level == 3 ? PTE_TABLE : 0);
		} else {
			u64 *t = sub_table(e, level);

			if (!t || map_level(t, level + 1, pa, MIN(end, next),
					    attrs))
				return -1;
		}
		pa = next;
	}
	return 0;
}

static void flush_tlb(void)
{
	__asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb"
			 : : : "memory");
}

static int map_one(u64 *tables, const struct arch_map_range *r)
{
	u64 start = ALIGN_DOWN(r->pa, PAGE_SIZE), end;

	if (!r->size)
		return 0;
	if (!range_end(r->pa, r->size, &end) || end > arch_paging_limit()) {
		pr_err("paging: [0x%llx+0x%llx) beyond the %u-bit address space\n",
		       (unsigned long long)r->pa, (unsigned long long)r->size,
		       (unsigned int)__builtin_ctzll(arch_paging_limit()));
		return -1;
	}
	end = ALIGN_UP(end, PAGE_SIZE);
	if (map_level(tables, 0, start, end, r->attrs)) {
		pr_err("paging: no page for a table mapping 0x%llx\n",
		       (unsigned long long)start);
		return -1;
	}
	return 0;
}

u64 arch_paging_limit(void)
{
	static const u8 bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	u64 r = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return 1ULL << MIN(r < sizeof(bits) ? bits[r] : 32, VA_BITS);
}

u64 arch_paging_mapped_limit(void)
{
	return root ? arch_paging_limit() : 1ULL << 39;	/* mmu.c's map */
}

int arch_paging_init(const struct arch_map_range *ranges, u32 count,
		     arch_page_alloc_fn alloc, void *alloc_ctx)
{
	struct arch_map_range image[2] = {
		{ arch_image_start(), (u64)__data_start - arch_image_start(),
		  ARCH_MAP_EXEC },
		{ (u64)__data_start, arch_image_end() - (u64)__data_start,
		  ARCH_MAP_WRITE },
	};
	u64 pa_range = read_sysreg(id_aa64mmfr0_el1) & 0xf, tcr, *tables;
	u32 i;

	page_alloc = alloc;
	page_alloc_ctx = alloc_ctx;
	pool_used = 0;
	pages_used = 0;
	tables = new_table();
	if (!tables)
		return -1;
	for (i = 0; i < count; i++)
		if (map_one(tables, &ranges[i]))
			return -1;
	for (i = 0; i < ARRAY_SIZE(image); i++)
		if (map_one(tables, &image[i]))
			return -1;
	/*
	 * The early map is 39-bit (walks start at level 1), these tables
	 * 48-bit (level 0): TCR and TTBR0 change together with the MMU off
	 * for a few instructions that touch no memory (arm64_switch_tables).
	 */
	tcr = TCR_T0SZ(VA_BITS) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER |
	      TCR_EPD1 | (MIN(pa_range, 5ULL) << TCR_IPS_SHIFT);
	dsb(ish);
	write_sysreg(MAIR_VALUE, mair_el1);
	arm64_switch_tables((u64)(uintptr_t)tables, tcr);
	root = tables;
	return 0;
}

void arch_paging_set_allocator(arch_page_alloc_fn alloc, void *alloc_ctx)
{
	page_alloc = alloc;
	page_alloc_ctx = alloc_ctx;
}

int arch_paging_map_ranges(const struct arch_map_range *ranges, u32 count)
{
	int rc = 0;
	u32 i;

	if (!root)
		return -1;
	for (i = 0; i < count && !rc; i++)
		rc = map_one(root, &ranges[i]);
	flush_tlb();
	return rc;
}

int arch_paging_map(const struct arch_map_range *range)
{
	return arch_paging_map_ranges(range, 1);
}

bool arch_paging_lookup(u64 addr, u32 *attrs, u64 *page_size)
{
	u64 *t = root, e = 0;
	int level;

	for (level = 0; t && level < 4; level++) {
		e = t[(addr >> level_shift(level)) & 511];
		if (!(e & PTE_VALID))
			return false;
		if (level == 3 || !(e & PTE_TABLE))
			break;
		t = (u64 *)(uintptr_t)(e & PTE_ADDR_MASK);
	}
	if (!t)
		return false;
	*page_size = 1ULL << level_shift(level);
	*attrs = (e & PTE_RDONLY ? 0 : ARCH_MAP_WRITE) |
		 (e & PTE_PXN ? 0 : ARCH_MAP_EXEC) |
		 (((e >> 2) & 7) == MAIR_DEVICE ? ARCH_MAP_DEVICE : 0);
	return true;
}

u32 arch_paging_pages_used(void)
{
	return pages_used;
}

/* arm64 has no 5-level paging in x86's sense; 52-bit VA is not used. */
bool arch_cpu_la57(void)
{
	return false;
}

/*
 * Boot tables: RAM (the DTB's /memory, minus nothing: reserved ranges are
 * mapped too, mm keeps them out of allocations), the DTB, the command
 * line, initrd, KHO FDT and scratch array, and the consoles' MMIO pages.
 */
int arch_paging_setup(const struct boot_info *bi, arch_page_alloc_fn alloc,
		      void *alloc_ctx)
{
	static struct arch_map_range ranges[BOOT_E820_MAX + 8 + 2 * CONSOLE_MAX];
	phys_addr_t mmio[CONSOLE_MAX];
	u32 i, n = 0, count;

#define ADD(p, s, a) do {						\
	if ((s) && n < ARRAY_SIZE(ranges))				\
		ranges[n++] = (struct arch_map_range){ (p), (s), (a) };	\
} while (0)
	for (i = 0; i < bi->e820_count; i++)
		if (bootinfo_e820_type_is_ram(bi->e820[i].type))
			ADD(bi->e820[i].addr,
			    MIN(bi->e820[i].size,
				arch_paging_limit() - MIN(bi->e820[i].addr,
							 arch_paging_limit())),
			    ARCH_MAP_WRITE);
	/* A bogus pointer must not cost baton its tables (checked later). */
#define ADD_POINTER(p, s) do {						\
	u64 end_;							\
	if (range_end((p), (s), &end_) && end_ <= arch_paging_limit())	\
		ADD((p), (s), ARCH_MAP_WRITE);				\
} while (0)
	ADD_POINTER(bi->dtb_pa, bi->dtb_size);
	ADD_POINTER(bi->initrd_pa, bi->initrd_size);
	if (bi->kho.present) {
		ADD_POINTER(bi->kho.fdt_addr, bi->kho.fdt_size);
		ADD_POINTER(bi->kho.scratch_addr, bi->kho.scratch_size);
	}
	count = console_mmio_pages(mmio, CONSOLE_MAX);
	for (i = 0; i < count; i++)
		ADD(mmio[i], PAGE_SIZE, ARCH_MAP_WRITE | ARCH_MAP_DEVICE);
	count = pl011_mmio_pages(mmio, CONSOLE_MAX);
	for (i = 0; i < count; i++)
		ADD(mmio[i], PAGE_SIZE, ARCH_MAP_WRITE | ARCH_MAP_DEVICE);
#undef ADD_POINTER
#undef ADD
	if (arch_paging_init(ranges, n, alloc, alloc_ctx)) {
		pr_err("paging: staying on the early identity map\n");
		return -1;
	}
	pr_info("paging: own tables active, 4-level, 4 KiB granule, %u ranges, %u table pages\n",
		n, arch_paging_pages_used());
	console_enable_mapped();
	return 0;
}
