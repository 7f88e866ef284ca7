// SPDX-License-Identifier: MIT
/*
 * Polled PL011 transmit. The line settings (baud, 8N1) are left as
 * firmware programmed them, as earlycon=pl011 does in Linux; only UARTEN
 * and TXE are switched on when off. The wait for FIFO space is bounded,
 * so a wrong address slows output down but never hangs it.
 */
#include <baton/arch.h>
#include <baton/printf.h>
#include <drivers/pl011.h>

#define UART_DR		0x00
#define UART_FR		0x18
#define UART_FR_TXFF	(1U << 5)
#define UART_CR		0x30
#define UART_CR_UARTEN	(1U << 0)
#define UART_CR_TXE	(1U << 8)
#define UART_TX_SPINS	100000

static u32 reg_read(struct pl011 *uart, u32 reg)
{
	return *(volatile u32 *)(uart->base + reg);
}

static void reg_write(struct pl011 *uart, u32 reg, u32 v)
{
	*(volatile u32 *)(uart->base + reg) = v;
}

static void put_char(struct pl011 *uart, char c)
{
	u32 spins = UART_TX_SPINS;

	while (!uart->unresponsive && (reg_read(uart, UART_FR) & UART_FR_TXFF)) {
		if (!--spins)
			uart->unresponsive = true;
		cpu_pause();
	}
	reg_write(uart, UART_DR, (u8)c);
}

static void pl011_write(struct console *con, const char *s, size_t len)
{
	struct pl011 *uart = (struct pl011 *)con;

	while (len--) {
		if (*s == '\n')
			put_char(uart, '\r');
		put_char(uart, *s++);
	}
}

/* The UARTs set up so far, for the page tables (pl011_mmio_pages). */
static phys_addr_t mmio_pages[2];
static u32 mmio_count;

u32 pl011_mmio_pages(phys_addr_t *out, u32 max)
{
	u32 i;

	for (i = 0; i < mmio_count && i < max; i++)
		out[i] = mmio_pages[i];
	return i;
}

void pl011_init(struct pl011 *uart, u64 base, const char *origin)
{
	if (mmio_count < ARRAY_SIZE(mmio_pages))
		mmio_pages[mmio_count++] = base & ~(u64)(PAGE_SIZE - 1);
	uart->base = base;
	uart->con.write = pl011_write;
	uart->con.needs_mapping = false;	/* the early map covers MMIO */
	uart->con.mmio_pa = base;
	baton_snprintf(uart->desc, sizeof(uart->desc), "pl011 0x%llx (%s)",
		       (unsigned long long)base, origin);
	uart->con.name = uart->desc;
}

void pl011_start(struct pl011 *uart)
{
	u32 cr = reg_read(uart, UART_CR);

	if ((cr & (UART_CR_UARTEN | UART_CR_TXE)) !=
	    (UART_CR_UARTEN | UART_CR_TXE))
		reg_write(uart, UART_CR, cr | UART_CR_UARTEN | UART_CR_TXE);
}
