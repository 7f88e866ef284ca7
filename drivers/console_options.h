/* SPDX-License-Identifier: MIT */
/*
 * Which consoles the command line asks for (console=, earlycon=,
 * earlyprintk=, baton.debugcon=), as plain data: no device access, so it is
 * also built hosted and unit tested. docs/cmdline.md is the reference.
 */
#ifndef BATON_DRIVERS_CONSOLE_OPTIONS_H
#define BATON_DRIVERS_CONSOLE_OPTIONS_H

#include <baton/types.h>

#define CONSOLE_UARTS_MAX	4
#define CONSOLE_DEFAULT_BAUD	115200
#define CONSOLE_MAX_BAUD	4000000

enum uart_access {
	UART_IO,
	UART_MMIO8,
	UART_MMIO32,
};

struct uart_spec {
	enum uart_access access;
	u64 base;		/* I/O port or physical address */
	u32 baud;
};

struct console_options {
	struct uart_spec uarts[CONSOLE_UARTS_MAX];	/* in command-line order */
	u32 uart_count;
	bool uart_defaulted;	/* none named: COM1 at 115200 was chosen */
	bool debugcon;
	bool tty0;		/* console=tty0 (or tty): the framebuffer */
	u32 ignored;		/* serial-looking values not understood */
};

/* Never fails: what is not understood is counted in `ignored`. */
void console_options_parse(const char *cmdline, struct console_options *out);

#endif
