/* SPDX-License-Identifier: MIT */
/*
 * Consoles: where the log goes. console_setup() registers the UARTs the
 * command line names (drivers/console_options.h; COM1 at 115200 if none)
 * and the debug console. A console that needs an MMIO mapping waits until
 * baton's page tables map it.
 */
#ifndef BATON_DRIVERS_CONSOLE_H
#define BATON_DRIVERS_CONSOLE_H

#include <baton/types.h>
#include <drivers/console_options.h>

struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, size_t len);
	bool needs_mapping;		/* MMIO: usable after paging init */
	phys_addr_t mmio_pa;		/* page to map when needs_mapping */
	u64 mmio_size;			/* bytes from mmio_pa; 0: one page */
	bool enabled;
};

#define CONSOLE_MAX	6	/* the UARTs, the debug console, the framebuffer */

/* Parses the command line and enables every port-I/O console at once. */
void console_setup(const char *cmdline);

/*
 * The same, with the UART firmware names (ACPI SPCR; NULL: none): used
 * instead of the COM1 default when the command line names no UART, its
 * description ending in origin ("from ACPI SPCR").
 */
void console_setup_firmware(const char *cmdline,
			    const struct uart_spec *firmware,
			    const char *origin);

/* MMIO pages the consoles need mapped (device memory). */
u32 console_mmio_pages(phys_addr_t *out, u32 max);
/* The same as ranges (a framebuffer is more than a page). */
u32 console_mmio_ranges(phys_addr_t *pa, u64 *size, u32 max);

struct fb_info;
/* Registers the framebuffer console (drivers/fbcon.h); false if unusable. */
bool console_setup_fb(const struct fb_info *fb);

/* Called once those pages are mapped: enables and replays the MMIO ones. */
void console_enable_mapped(void);

/* Registers and enables (replaying the log so far). */
void console_register(struct console *con);

/* For fatal paths: registers COM1 if no console exists yet. */
void console_ensure_output(void);

/* One more line for console_describe() (text must outlive the call). */
void console_note(const char *text);

/* Describes the active consoles, e.g. "ttyS0 io 0x3f8 115200". */
void console_describe(void (*fn)(const char *desc));

#endif
