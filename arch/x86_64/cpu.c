// SPDX-License-Identifier: MIT
/*
 * CPU state baton owns from its first C instruction: its GDT and TSS (an
 * IST stack for every exception, so a fault inside libfdt, built with a red
 * zone, never lands on live data), its IDT, SSE enabled for libfdt, and a
 * stack-protector canary block at the FS base (Debian's libfdt.a reads
 * %fs:0x28). Also the CPU feature flags paging needs.
 */
#include <string.h>
#include <baton/types.h>
#include <baton/log.h>
#include <baton/arch.h>
#include <arch/x86_64/arch.h>
#include <arch/x86_64/layout.h>
#include <arch/x86_64/x86.h>

struct tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

struct descriptor_pointer {
	u16 limit;
	u64 base;
} __packed;

extern char exception_stubs[];
extern char boot_stack_bottom[], boot_stack_top[];

static u64 gdt[7] __aligned(16) = {
	0,
	0,
	0x00af9b000000ffffULL,	/* 0x10: 64-bit code */
	0x00cf93000000ffffULL,	/* 0x18: data */
	0, 0,			/* 0x20: TSS (filled at run time) */
	0,
};
static struct tss64 tss __aligned(16);
static struct idt_gate idt[32] __aligned(16);
static u8 ist_stack[IST_STACK_SIZE] __aligned(16);

/* %fs:0x28 is where GCC's stack protector keeps the canary. */
static u64 canary_block[8] __aligned(64);

static bool has_nx, has_gb_pages, la57;

/*
 * baton's GDT, its data selector in every data segment register and its
 * 64-bit code selector in CS (a far return: CS cannot be moved into).
 */
static void load_gdt(const struct descriptor_pointer *gdtr)
{
	__asm__ volatile("lgdt %0\n\t"
			 "movl %1, %%eax\n\t"
			 "movl %%eax, %%ds\n\t"
			 "movl %%eax, %%es\n\t"
			 "movl %%eax, %%ss\n\t"
			 "movl %%eax, %%fs\n\t"
			 "movl %%eax, %%gs\n\t"
			 "pushq %2\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:"
			 : : "m"(*gdtr), "i"(GDT_DATA), "i"(GDT_CODE64)
			 : "rax", "memory");
}

static void load_gdt_and_tss(void)
{
	u64 base = (u64)&tss;
	u64 limit = sizeof(tss) - 1;
	struct descriptor_pointer gdtr = { sizeof(gdt) - 1, (u64)gdt };

	tss.iomap_base = sizeof(tss);
	tss.ist[0] = (u64)ist_stack + sizeof(ist_stack);
	gdt[4] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		 (0x89ULL << 40) | (((limit >> 16) & 0xf) << 48) |
		 (((base >> 24) & 0xff) << 56);
	gdt[5] = base >> 32;

	load_gdt(&gdtr);
	__asm__ volatile("ltr %w0" : : "r"(GDT_TSS) : "memory");
}

static void load_idt(void)
{
	struct descriptor_pointer idtr = { sizeof(idt) - 1, (u64)idt };
	u32 vec;

	for (vec = 0; vec < ARRAY_SIZE(idt); vec++) {
		u64 handler = (u64)exception_stubs + 16 * vec;

		idt[vec].offset_low = handler & 0xffff;
		idt[vec].selector = GDT_CODE64;
		idt[vec].ist = 1;
		idt[vec].type_attr = 0x8e;	/* present, DPL0, interrupt gate */
		idt[vec].offset_mid = (handler >> 16) & 0xffff;
		idt[vec].offset_high = handler >> 32;
	}
	__asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
}

static void enable_sse(void)
{
	u32 mxcsr = 0x1f80;

	write_cr0((read_cr0() & ~(X86_CR0_EM | X86_CR0_TS)) | X86_CR0_MP);
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	__asm__ volatile("fninit\n\tldmxcsr %0" : : "m"(mxcsr));
}

static u64 random_canary(void)
{
	struct cpuid_regs r;
	u64 v = 0;
	int tries;

	cpuid(1, &r);
	if (r.ecx & (1U << 30)) {
		for (tries = 0; tries < 10; tries++) {
			u8 ok;

			__asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok));
			if (ok)
				break;
		}
	}
	v ^= rdtsc() * 0x9e3779b97f4a7c15ULL;
	return v & ~0xffULL;	/* a zero byte stops string overruns */
}

static bool rdseed64(u64 *v)
{
	int tries;
	u8 ok;

	for (tries = 0; tries < 32; tries++) {
		__asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
		if (ok)
			return true;
	}
	return false;
}

static bool rdrand64(u64 *v)
{
	int tries;
	u8 ok;

	for (tries = 0; tries < 10; tries++) {
		__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
		if (ok)
			return true;
	}
	return false;
}

bool arch_random_bytes(u8 *buf, size_t len)
{
	struct cpuid_regs r;
	bool has_rdrand, has_rdseed = false;
	size_t done;
	u64 v;

	cpuid(0, &r);
	if (r.eax >= 7) {
		cpuid_count(7, 0, &r);
		has_rdseed = r.ebx & (1U << 18);
	}
	cpuid(1, &r);
	has_rdrand = r.ecx & (1U << 30);
	for (done = 0; done < len; done += sizeof(v)) {
		size_t n = len - done < sizeof(v) ? len - done : sizeof(v);

		if (!(has_rdseed && rdseed64(&v)) &&
		    !(has_rdrand && rdrand64(&v)))
			return false;
		memcpy(buf + done, &v, n);
	}
	return true;
}

static void detect_features(void)
{
	struct cpuid_regs r;

	cpuid(0x80000000, &r);
	if (r.eax >= 0x80000001) {
		cpuid(0x80000001, &r);
		has_nx = r.edx & (1U << 20);
		has_gb_pages = r.edx & (1U << 26);
	}
	la57 = read_cr4() & X86_CR4_LA57;
	if (has_nx)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
}

void arch_cpu_init(void)
{
	load_gdt_and_tss();
	load_idt();
	enable_sse();
	canary_block[5] = random_canary();
	wrmsr(MSR_FS_BASE, (u64)canary_block);
	detect_features();
}

/*
 * The other CPUs (arch/x86_64/smp.c) share the GDT but not the TSS (the
 * boot CPU's is busy): their IDT is the same handlers without IST, so an
 * exception on an AP lands on that AP's own stack.
 */
static struct idt_gate ap_idt[32] __aligned(16);

void arch_cpu_prepare_ap(void)
{
	u32 vec;

	memcpy(ap_idt, idt, sizeof(idt));
	for (vec = 0; vec < ARRAY_SIZE(ap_idt); vec++)
		ap_idt[vec].ist = 0;
}

void arch_cpu_init_ap(void)
{
	struct descriptor_pointer gdtr = { sizeof(gdt) - 1, (u64)gdt };
	struct descriptor_pointer idtr = { sizeof(ap_idt) - 1, (u64)ap_idt };

	load_gdt(&gdtr);
	__asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
	enable_sse();
	wrmsr(MSR_FS_BASE, (u64)canary_block);
}

bool arch_cpu_has_nx(void)
{
	return has_nx;
}

bool arch_cpu_has_gb_pages(void)
{
	return has_gb_pages;
}

bool arch_cpu_la57(void)
{
	return la57;
}

bool arch_stack_contains(u64 addr, u64 len)
{
	u64 end;

	if (!range_end(addr, len, &end))
		return false;
	if (addr >= (u64)boot_stack_bottom && end <= (u64)boot_stack_top)
		return true;
	return addr >= (u64)ist_stack && end <= (u64)ist_stack + sizeof(ist_stack);
}

/* Called by stack-protected code (libfdt) when its canary was overwritten. */
void __noreturn __stack_chk_fail(void);
void __noreturn __stack_chk_fail(void)
{
	pr_err("stack protector: canary overwritten in a function returning to %p\n",
	       __builtin_return_address(0));
	arch_exit(BATON_EXIT_EXCEPTION);
}
