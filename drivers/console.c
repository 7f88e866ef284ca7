// SPDX-License-Identifier: MIT
/*
 * Console registry and command-line selection. Accepted forms (Linux's):
 *   console=ttyS<n>[,<baud>...]               n = 0..3, standard PC ports
 *   console=uart8250|uart,io|mmio|mmio32,<addr>[,<baud>...]
 *   earlycon=uart8250|uart,io|mmio|mmio32,<addr>[,<baud>...]
 *   earlyprintk=[serial,]ttyS<n>|<port>[,<baud>]
 *   baton.debugcon=1                          QEMU debug port 0xe9
 * The same UART named twice is registered once. No serial console named
 * at all means COM1 (0x3f8) at 115200.
 */
#include <string.h>
#include <baton/cmdline.h>
#include <baton/log.h>
#include <drivers/console.h>
#include <drivers/uart8250.h>
#include <drivers/debugcon.h>

#define DEFAULT_BAUD	115200

static struct console *consoles[CONSOLE_MAX];
static u32 console_count;
static struct uart8250 uarts[CONSOLE_MAX];
static u32 uart_count;
static struct console debugcon;

static const u16 pc_ports[] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };

static void write_all(const char *s, size_t len)
{
	u32 i;

	for (i = 0; i < console_count; i++)
		if (consoles[i]->enabled)
			consoles[i]->write(consoles[i], s, len);
}

static struct console *replay_target;

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

/* Splits "a,b,c" (len bytes, not terminated) into up to max fields. */
static u32 split_fields(const char *s, size_t len, const char **field,
			size_t *field_len, u32 max)
{
	u32 n = 0;

	while (n < max) {
		size_t i = 0;

		while (i < len && s[i] != ',')
			i++;
		field[n] = s;
		field_len[n++] = i;
		if (i == len)
			break;
		s += i + 1;
		len -= i + 1;
	}
	return n;
}

static bool field_is(const char *f, size_t len, const char *word)
{
	return strlen(word) == len && !strncmp(f, word, len);
}

/* Leading digits only: "115200n8" -> 115200. */
static u32 parse_baud(const char *f, size_t len)
{
	u64 v = 0;
	size_t i;

	for (i = 0; i < len && f[i] >= '0' && f[i] <= '9'; i++)
		v = v * 10 + (u64)(f[i] - '0');
	return v && v <= 4000000 ? (u32)v : DEFAULT_BAUD;
}

static bool parse_tty(const char *f, size_t len, u64 *port)
{
	if (len != 5 || strncmp(f, "ttyS", 4) || f[4] < '0' || f[4] > '3')
		return false;
	*port = pc_ports[f[4] - '0'];
	return true;
}

static void add_uart(enum uart_access access, u64 base, u32 baud)
{
	struct uart8250 *uart;
	u32 i;

	for (i = 0; i < uart_count; i++)
		if (uarts[i].access == access && uarts[i].base == base)
			return;
	if (uart_count == ARRAY_SIZE(uarts))
		return;
	uart = &uarts[uart_count++];
	uart8250_init(uart, access, base, baud);
	if (access == UART_IO)
		uart8250_start(uart);
	console_register(&uart->con);
}

/* "uart8250,io|mmio|mmio32,<addr>[,<baud>]" */
static bool parse_uart_spec(const char **f, size_t *fl, u32 n)
{
	enum uart_access access;
	u64 addr;

	if (n < 3 || !(field_is(f[0], fl[0], "uart8250") ||
		       field_is(f[0], fl[0], "uart")))
		return false;
	if (field_is(f[1], fl[1], "io"))
		access = UART_IO;
	else if (field_is(f[1], fl[1], "mmio"))
		access = UART_MMIO8;
	else if (field_is(f[1], fl[1], "mmio32"))
		access = UART_MMIO32;
	else
		return false;
	if (!cmdline_parse_u64(f[2], fl[2], &addr) || !addr)
		return false;
	if (access == UART_IO && addr > 0xfff8)
		return false;
	add_uart(access, addr, n > 3 ? parse_baud(f[3], fl[3]) : DEFAULT_BAUD);
	return true;
}

static bool parse_console(const char *v, size_t len)
{
	const char *f[4];
	size_t fl[4];
	u32 n = split_fields(v, len, f, fl, 4);
	u64 port;

	if (parse_tty(f[0], fl[0], &port)) {
		add_uart(UART_IO, port, n > 1 ? parse_baud(f[1], fl[1]) :
						DEFAULT_BAUD);
		return true;
	}
	return parse_uart_spec(f, fl, n);
}

static bool parse_earlyprintk(const char *v, size_t len)
{
	const char *f[3];
	size_t fl[3];
	u32 n = split_fields(v, len, f, fl, 3);
	u32 i = 0;
	u64 port;

	if (field_is(f[0], fl[0], "serial")) {
		i = 1;
		if (n == 1) {
			add_uart(UART_IO, pc_ports[0], DEFAULT_BAUD);
			return true;
		}
	}
	if (i >= n)
		return false;
	if (!parse_tty(f[i], fl[i], &port) &&
	    !(i == 1 && cmdline_parse_u64(f[i], fl[i], &port) && port &&
	      port <= 0xfff8))
		return false;
	add_uart(UART_IO, port, i + 1 < n ? parse_baud(f[i + 1], fl[i + 1]) :
					    DEFAULT_BAUD);
	return true;
}

void console_setup(const char *cmdline)
{
	const char *cursor = cmdline;
	struct cmdline_token tok;
	bool debug = false;

	while (cmdline_next(&cursor, &tok)) {
		if (!tok.value)
			continue;
		if (cmdline_token_key_is(&tok, "console") ||
		    cmdline_token_key_is(&tok, "earlycon"))
			parse_console(tok.value, tok.value_len);
		else if (cmdline_token_key_is(&tok, "earlyprintk"))
			parse_earlyprintk(tok.value, tok.value_len);
	}
	if (!uart_count)
		add_uart(UART_IO, pc_ports[0], DEFAULT_BAUD);
	if (cmdline_get_bool(cmdline, "baton.debugcon", &debug) && debug) {
		debugcon_init(&debugcon);
		console_register(&debugcon);
	}
}

void console_ensure_output(void)
{
	if (!console_count)
		add_uart(UART_IO, pc_ports[0], DEFAULT_BAUD);
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
}

void console_describe(void (*fn)(const char *desc))
{
	u32 i;

	for (i = 0; i < console_count; i++)
		fn(consoles[i]->enabled ? consoles[i]->name : "(waiting for mapping)");
}
