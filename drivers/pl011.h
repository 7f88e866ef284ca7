/* SPDX-License-Identifier: MIT */
/*
 * Polled ARM PL011 transmit (arm64 boards, QEMU virt's pl011@9000000),
 * beside the 16550 driver. The base is a physical MMIO address that the
 * active mapping must cover as Device memory.
 */
#ifndef BATON_DRIVERS_PL011_H
#define BATON_DRIVERS_PL011_H

#include <drivers/console.h>

struct pl011 {
	struct console con;
	u64 base;
	bool unresponsive;	/* FIFO never drained: stop waiting */
	char desc[64];
};

/* origin says where the UART came from ("stdout-path", "earlycon"). */
void pl011_init(struct pl011 *uart, u64 base, const char *origin);
/* Enables the UART and its transmitter if firmware left them off. */
void pl011_start(struct pl011 *uart);

/*
 * The MMIO pages of the UARTs pl011_init() set up (the early map covers
 * them as Device memory; baton's own tables map them from this list).
 */
u32 pl011_mmio_pages(phys_addr_t *out, u32 max);

#endif
