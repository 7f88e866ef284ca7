/* SPDX-License-Identifier: MIT */
/*
 * x86 port I/O and the spin-wait hint: the architecture primitives drivers/
 * use (8250 UART, QEMU debugcon), through <baton/arch.h>. Header-only.
 */
#ifndef BATON_ARCH_X86_64_IO_H
#define BATON_ARCH_X86_64_IO_H

#include <baton/types.h>

static inline void outb(u16 port, u8 v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(u16 port, u32 v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void cpu_pause(void)
{
	__asm__ volatile("pause");
}

#endif
