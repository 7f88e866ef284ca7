// SPDX-License-Identifier: MIT
/*
 * Polled 16550 transmit. The wait for the transmitter is bounded, so a
 * console pointed at an absent UART slows output down but never hangs it.
 */
#include <baton/arch.h>
#include <baton/printf.h>
#include <drivers/uart8250.h>

#define UART_THR	0	/* transmit holding (DLAB=0) */
#define UART_DLL	0	/* divisor low (DLAB=1) */
#define UART_IER	1
#define UART_DLM	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_LSR_THRE	0x20
#define UART_LCR_DLAB	0x80
#define UART_CLOCK	1843200
#define UART_TX_SPINS	100000

static void reg_write(struct uart8250 *uart, u32 reg, u8 v)
{
	switch (uart->access) {
	case UART_IO:
		outb((u16)(uart->base + reg), v);
		break;
	case UART_MMIO8:
		*(volatile u8 *)(uart->base + reg) = v;
		break;
	case UART_MMIO32:
		*(volatile u32 *)(uart->base + 4 * reg) = v;
		break;
	}
}

static u8 reg_read(struct uart8250 *uart, u32 reg)
{
	switch (uart->access) {
	case UART_IO:
		return inb((u16)(uart->base + reg));
	case UART_MMIO8:
		return *(volatile u8 *)(uart->base + reg);
	case UART_MMIO32:
		return (u8)*(volatile u32 *)(uart->base + 4 * reg);
	}
	return 0;
}

/*
 * A UART that once failed to drain within UART_TX_SPINS is considered
 * absent: later characters are written without waiting, so a wrong
 * console= costs one timeout, not one per character.
 */
static void put_char(struct uart8250 *uart, char c)
{
	u32 spins = UART_TX_SPINS;

	while (!uart->unresponsive &&
	       !(reg_read(uart, UART_LSR) & UART_LSR_THRE)) {
		if (!--spins)
			uart->unresponsive = true;
		cpu_pause();
	}
	reg_write(uart, UART_THR, (u8)c);
}

static void uart_write(struct console *con, const char *s, size_t len)
{
	struct uart8250 *uart = (struct uart8250 *)con;

	while (len--) {
		if (*s == '\n')
			put_char(uart, '\r');
		put_char(uart, *s++);
	}
}

void uart8250_init(struct uart8250 *uart, enum uart_access access, u64 base,
		   u32 baud)
{
	static const char *const kinds[] = { "io", "mmio", "mmio32" };

	uart->access = access;
	uart->base = base;
	uart->baud = baud;
	uart->con.write = uart_write;
	uart->con.needs_mapping = access != UART_IO;
	uart->con.mmio_pa = access != UART_IO ? base : 0;
	baton_snprintf(uart->desc, sizeof(uart->desc), "uart8250 %s 0x%llx %u",
		       kinds[access], (unsigned long long)base, baud);
	uart->con.name = uart->desc;
}

void uart8250_start(struct uart8250 *uart)
{
	u32 divisor;

	reg_write(uart, UART_IER, 0);
	if (uart->baud) {
		divisor = UART_CLOCK / 16 / uart->baud;
		if (!divisor)
			divisor = 1;
		reg_write(uart, UART_LCR, UART_LCR_DLAB);
		reg_write(uart, UART_DLL, divisor & 0xff);
		reg_write(uart, UART_DLM, (divisor >> 8) & 0xff);
	}
	reg_write(uart, UART_LCR, 0x03);	/* 8N1, DLAB off */
	reg_write(uart, UART_FCR, 0x07);	/* FIFO on, both cleared */
	reg_write(uart, UART_MCR, 0x03);	/* DTR, RTS */
}
