/* SPDX-License-Identifier: MIT */
/*
 * 16550-compatible UART, polled, transmit only: port I/O (ttyS0..3) or
 * MMIO with 8-bit (mmio) or 32-bit (mmio32) registers.
 */
#ifndef BATON_DRIVERS_UART8250_H
#define BATON_DRIVERS_UART8250_H

#include <drivers/console.h>
#include <drivers/console_options.h>

struct uart8250 {
	struct console con;
	enum uart_access access;
	u64 base;		/* port or physical address */
	u32 baud;		/* 0: keep the divisor as found */
	bool unresponsive;	/* transmitter never drained: stop waiting */
	char desc[64];
};

void uart8250_init(struct uart8250 *uart, enum uart_access access, u64 base,
		   u32 baud);
/* Programs the line (8N1, FIFO on); call once the registers are reachable. */
void uart8250_start(struct uart8250 *uart);

#endif
