// SPDX-License-Identifier: MIT
/*
 * Console selection from the command line. Accepted forms (Linux's):
 *   console=ttyS<n>[,<baud>...]               n = 0..3, standard PC ports
 *   console=uart8250|uart,io|mmio|mmio32,<addr>[,<baud>...]
 *   earlycon=uart8250|uart,io|mmio|mmio32,<addr>[,<baud>...]
 *   earlyprintk=[serial,]ttyS<n>|<port>[,<baud>]
 *   console=tty0                              the framebuffer console
 *   baton.debugcon=1                          QEMU debug port 0xe9
 * The same UART named twice is kept once (first baud wins). No UART named
 * at all means COM1 (0x3f8) at 115200.
 */
#include <string.h>
#include <baton/cmdline.h>
#include <drivers/console_options.h>

static const u16 pc_ports[] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };

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

/* Leading digits only: "115200n8" -> 115200; none or absurd -> default. */
static u32 parse_baud(const char *f, size_t len)
{
	u64 v = 0;
	size_t i;

	for (i = 0; i < len && f[i] >= '0' && f[i] <= '9' &&
		    v <= CONSOLE_MAX_BAUD; i++)
		v = v * 10 + (u64)(f[i] - '0');
	return v && v <= CONSOLE_MAX_BAUD ? (u32)v : CONSOLE_DEFAULT_BAUD;
}

static bool parse_tty(const char *f, size_t len, u64 *port)
{
	if (len != 5 || strncmp(f, "ttyS", 4) || f[4] < '0' || f[4] > '3')
		return false;
	*port = pc_ports[f[4] - '0'];
	return true;
}

static bool port_valid(u64 port)
{
	return port && port <= 0xfff8;
}

static void add_uart(struct console_options *o, enum uart_access access,
		     u64 base, u32 baud)
{
	u32 i;

	for (i = 0; i < o->uart_count; i++)
		if (o->uarts[i].access == access && o->uarts[i].base == base)
			return;
	if (o->uart_count == CONSOLE_UARTS_MAX) {
		o->ignored++;
		return;
	}
	o->uarts[o->uart_count].access = access;
	o->uarts[o->uart_count].base = base;
	o->uarts[o->uart_count].baud = baud;
	o->uart_count++;
}

/* "uart8250,io|mmio|mmio32,<addr>[,<baud>]" */
static bool parse_uart_spec(struct console_options *o, const char **f,
			    const size_t *fl, u32 n)
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
	if (access == UART_IO && !port_valid(addr))
		return false;
	add_uart(o, access, addr, n > 3 ? parse_baud(f[3], fl[3]) :
					  CONSOLE_DEFAULT_BAUD);
	return true;
}

static void parse_console(struct console_options *o, const char *v,
			  size_t len)
{
	const char *f[4];
	size_t fl[4];
	u32 n = split_fields(v, len, f, fl, 4);
	u64 port;

	if (parse_tty(f[0], fl[0], &port)) {
		add_uart(o, UART_IO, port, n > 1 ? parse_baud(f[1], fl[1]) :
						   CONSOLE_DEFAULT_BAUD);
		return;
	}
	if (field_is(f[0], fl[0], "tty0") || field_is(f[0], fl[0], "tty")) {
		o->tty0 = true;
		return;
	}
	/* hvc0, ttyAMA0, ... are other kinds of console: not ours to count. */
	if (len >= 4 && (!strncmp(v, "ttyS", 4) || !strncmp(v, "uart", 4)))
		if (!parse_uart_spec(o, f, fl, n))
			o->ignored++;
}

static void parse_earlycon(struct console_options *o, const char *v,
			   size_t len)
{
	const char *f[4];
	size_t fl[4];
	u32 n = split_fields(v, len, f, fl, 4);

	if (!parse_uart_spec(o, f, fl, n))
		o->ignored++;
}

static void parse_earlyprintk(struct console_options *o, const char *v,
			      size_t len)
{
	const char *f[3];
	size_t fl[3];
	u32 n = split_fields(v, len, f, fl, 3);
	u32 i = 0;
	u64 port;

	if (field_is(f[0], fl[0], "serial")) {
		i = 1;
		if (n == 1) {
			add_uart(o, UART_IO, pc_ports[0], CONSOLE_DEFAULT_BAUD);
			return;
		}
	}
	if (i >= n || (!parse_tty(f[i], fl[i], &port) &&
		       !(i == 1 && cmdline_parse_u64(f[i], fl[i], &port) &&
			 port_valid(port)))) {
		/* vga, efi, xen, ...: not a serial console */
		if (i == 1)
			o->ignored++;
		return;
	}
	add_uart(o, UART_IO, port, i + 1 < n ? parse_baud(f[i + 1], fl[i + 1]) :
					       CONSOLE_DEFAULT_BAUD);
}

void console_options_parse(const char *cmdline, struct console_options *out)
{
	const char *cursor = cmdline;
	struct cmdline_token tok;
	bool debug = false;

	memset(out, 0, sizeof(*out));
	while (cmdline_next(&cursor, &tok)) {
		if (!tok.value || !tok.value_len)
			continue;
		if (cmdline_token_key_is(&tok, "console"))
			parse_console(out, tok.value, tok.value_len);
		else if (cmdline_token_key_is(&tok, "earlycon"))
			parse_earlycon(out, tok.value, tok.value_len);
		else if (cmdline_token_key_is(&tok, "earlyprintk"))
			parse_earlyprintk(out, tok.value, tok.value_len);
	}
	if (!out->uart_count) {
		add_uart(out, UART_IO, pc_ports[0], CONSOLE_DEFAULT_BAUD);
		out->uart_defaulted = true;
	}
	out->debugcon = cmdline_get_bool(cmdline, "baton.debugcon", &debug) &&
			debug;
}
