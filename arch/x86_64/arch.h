/* SPDX-License-Identifier: MIT */
/*
 * Internal interfaces between the files of arch/x86_64 (entry, CPU setup,
 * exceptions, paging, time). The rest of baton uses <baton/arch.h>.
 */
#ifndef BATON_ARCH_X86_64_ARCH_H
#define BATON_ARCH_X86_64_ARCH_H

#include <baton/types.h>
#include <baton/arch.h>

/* The register state saved by exception_common (head.S), lowest first. */
struct exception_frame {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rdi, rsi, rbp, rbx, rdx, rcx, rax;
	u64 vector, error_code;
	u64 rip, cs, rflags, rsp, ss;
};

void arch_relocate(u64 runtime_base);
void __noreturn arch_start(u32 entry, u64 info_pa, u64 entry_tsc);
void arch_exception(struct exception_frame *frame);

void __noreturn arch_exit_silent(enum baton_exit_status status);
void arch_cpu_init(void);
bool arch_cpu_has_nx(void);
/* The boot CPU readies the APs' IDT; each AP loads GDT, IDT, SSE, FS. */
void arch_cpu_prepare_ap(void);
void arch_cpu_init_ap(void);
bool arch_cpu_has_gb_pages(void);
int arch_paging_levels(void);

/* Sets what arch_paging_mapped_limit() (<baton/arch.h>) returns early. */
void arch_paging_set_entry_limit(u64 limit);

/* Stack bounds the backtrace may walk. */
bool arch_stack_contains(u64 addr, u64 len);

#endif
