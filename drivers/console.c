// SPDX-License-Identifier: MIT
/*
 * Console registry: registers the UARTs drivers/console_options.c picked
 * from the command line (plus the debug console), fans log output out to
 * all of them, and replays the log to consoles that start late (MMIO ones,
 * once baton's page tables map them).
 */
#include <baton/log.h>
#include <baton/printf.h>
#include <drivers/console.h>
#include <drivers/console_options.h>
#include <drivers/uart8250.h>
#include <drivers/debugcon.h>
#include <drivers/fbcon.h>
#include <string.h>

static struct console *consoles[CONSOLE_MAX];
static u32 console_count;
static struct uart8250 uarts[CONSOLE_UARTS_MAX];
static u32 uart_count;
static struct console debugcon;
static struct fbcon fbcon;
static struct console *replay_target;
static const char *note;

static void write_all(const char *s, size_t len)
{
	u32 i;

	for (i = 0; i < console_count; i++)
		if (consoles[i]->enabled)
			consoles[i]->write(consoles[i], s, len);
}

static void replay_one(const char *s, size_t len)
{
	replay_target->write(replay_target, s, len);
}

static void enable(struct console *con)
{
	replay_target = con;
	log_replay(replay_one);
	con->enabled = true;
}

void console_register(struct console *con)
{
	if (console_count == CONSOLE_MAX)
		return;
	consoles[console_count++] = con;
	log_set_output(write_all);
	if (!con->needs_mapping)
		enable(con);
}

static void add_uart(const struct uart_spec *spec, const char *origin)
{
	struct uart8250 *uart;
	size_t len;

	if (uart_count == ARRAY_SIZE(uarts))
		return;
	uart = &uarts[uart_count++];
	uart8250_init(uart, spec->access, spec->base, spec->baud);
	len = strlen(uart->desc);
	if (origin)
		baton_snprintf(uart->desc + len, sizeof(uart->desc) - len,
			       " %s", origin);
	if (spec->access == UART_IO)
		uart8250_start(uart);
	console_register(&uart->con);
}

void console_setup_firmware(const char *cmdline,
			    const struct uart_spec *firmware,
			    const char *origin)
{
	struct console_options opts;
	u32 i;

	console_options_parse(cmdline, &opts);
	if (opts.uart_defaulted && firmware)
		add_uart(firmware, origin);
	else
		for (i = 0; i < opts.uart_count; i++)
			add_uart(&opts.uarts[i], NULL);
	if (opts.debugcon) {
		debugcon_init(&debugcon);
		console_register(&debugcon);
	}
	if (opts.ignored)
		pr_warn("console: %u serial console option(s) not understood (docs/cmdline.md)\n",
			opts.ignored);
}

void console_setup(const char *cmdline)
{
	console_setup_firmware(cmdline, NULL, NULL);
}

void console_ensure_output(void)
{
	static const struct uart_spec com1 = {
		UART_IO, 0x3f8, CONSOLE_DEFAULT_BAUD,
	};

	if (!console_count)
		add_uart(&com1, NULL);
}

bool console_setup_fb(const struct fb_info *fb)
{
	if (fbcon.con.write || !fbcon_init(&fbcon, fb))
		return false;
	console_register(&fbcon.con);
	return true;
}

u32 console_mmio_ranges(phys_addr_t *pa, u64 *size, u32 max)
{
	u32 i, n = 0;

	for (i = 0; i < console_count && n < max; i++) {
		if (!consoles[i]->needs_mapping)
			continue;
		pa[n] = consoles[i]->mmio_pa & ~(PAGE_SIZE - 1);
		size[n] = (consoles[i]->mmio_pa & (PAGE_SIZE - 1)) +
			  (consoles[i]->mmio_size ? consoles[i]->mmio_size :
						    1);
		n++;
	}
	return n;
}

u32 console_mmio_pages(phys_addr_t *out, u32 max)
{
	u32 i, n = 0;

	for (i = 0; i < console_count && n < max; i++)
		if (consoles[i]->needs_mapping)
			out[n++] = consoles[i]->mmio_pa & ~(PAGE_SIZE - 1);
	return n;
}

void console_enable_mapped(void)
{
	u32 i;

	for (i = 0; i < uart_count; i++) {
		if (uarts[i].con.needs_mapping && !uarts[i].con.enabled) {
			uart8250_start(&uarts[i]);
			enable(&uarts[i].con);
			pr_info("console: enabled %s\n", uarts[i].con.name);
		}
	}
	if (fbcon.con.write && !fbcon.con.enabled) {
		enable(&fbcon.con);
		pr_info("console: enabled %s\n", fbcon.con.name);
	}
}

void console_note(const char *text)
{
	note = text;
}

void console_describe(void (*fn)(const char *desc))
{
	char buf[96];
	u32 i;

	for (i = 0; i < console_count; i++) {
		if (consoles[i]->enabled) {
			fn(consoles[i]->name);
			continue;
		}
		baton_snprintf(buf, sizeof(buf), "%s (starts with baton's page tables)",
			       consoles[i]->name);
		fn(buf);
	}
	if (note)
		fn(note);
}
