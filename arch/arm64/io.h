/* SPDX-License-Identifier: MIT */
/*
 * The primitives drivers/ uses through <baton/arch.h>. arm64 has no port
 * I/O: a port access reads as a floating bus (0xff) and writes go nowhere,
 * so a port UART named on the command line (console=ttyS0) is absent, as
 * on a board without one, instead of failing the build of the shared
 * 16550 driver (whose MMIO modes do work here: earlycon=uart8250,mmio32).
 */
#ifndef BATON_ARCH_ARM64_IO_H
#define BATON_ARCH_ARM64_IO_H

#include <baton/types.h>

static inline void outb(u16 port, u8 v)
{
}

static inline void outl(u16 port, u32 v)
{
}

static inline u8 inb(u16 port)
{
	return 0xff;
}

static inline void cpu_pause(void)
{
	__asm__ volatile("yield");
}

#endif
