// SPDX-License-Identifier: MIT
/*
 * drivers/console_options.c: which UARTs each console=, earlycon= and
 * earlyprintk= form selects, with exact ports, addresses and bauds.
 */
#include <drivers/console_options.h>
#include "check.h"

static struct console_options parse(const char *cmdline)
{
	struct console_options o;

	memset(&o, 0x5a, sizeof(o));	/* parse must set every field */
	console_options_parse(cmdline, &o);
	return o;
}

static void expect_uart(const struct console_options *o, u32 i,
			enum uart_access access, u64 base, u32 baud)
{
	CHECK(i < o->uart_count);
	if (i >= o->uart_count)
		return;
	CHECK_EQ(o->uarts[i].access, access);
	CHECK_EQ(o->uarts[i].base, base);
	CHECK_EQ(o->uarts[i].baud, baud);
}

TEST(nothing_named_means_com1_115200)
{
	struct console_options o = parse("root=/dev/vda quiet");

	CHECK_EQ(o.uart_count, 1);
	CHECK(o.uart_defaulted);
	expect_uart(&o, 0, UART_IO, 0x3f8, 115200);
	CHECK(!o.debugcon);
	CHECK_EQ(o.ignored, 0);
	o = parse(NULL);
	CHECK(o.uart_defaulted);
	expect_uart(&o, 0, UART_IO, 0x3f8, 115200);
}

TEST(ttyS_ports_and_bauds)
{
	struct console_options o =
		parse("console=ttyS0 console=ttyS1,9600n8 console=ttyS2,38400 console=ttyS3,57600");

	CHECK_EQ(o.uart_count, 4);
	CHECK(!o.uart_defaulted);
	expect_uart(&o, 0, UART_IO, 0x3f8, 115200);
	expect_uart(&o, 1, UART_IO, 0x2f8, 9600);
	expect_uart(&o, 2, UART_IO, 0x3e8, 38400);
	expect_uart(&o, 3, UART_IO, 0x2e8, 57600);
}

TEST(tty0_selects_the_framebuffer)
{
	struct console_options o = parse("console=ttyS1 console=tty0");

	CHECK(o.tty0);
	CHECK(!o.uart_defaulted);
	expect_uart(&o, 0, UART_IO, 0x2f8, 115200);
	o = parse("console=tty");
	CHECK(o.tty0);
	CHECK(o.uart_defaulted);
	o = parse("console=tty1 console=ttyS0");
	CHECK(!o.tty0);
}

TEST(non_serial_consoles_are_not_ours)
{
	struct console_options o = parse("console=tty0 console=hvc0 earlyprintk=vga");

	CHECK(o.uart_defaulted);
	CHECK_EQ(o.uart_count, 1);
	CHECK_EQ(o.ignored, 0);
	CHECK(o.tty0);
}

TEST(bad_serial_values_are_counted)
{
	struct console_options o =
		parse("console=ttyS4 console=uart8250,pio,0x3f8 earlycon=uart8250,mmio "
		      "earlycon=uart,io,0x10000 earlycon=efifb earlyprintk=serial,ttyS9");

	CHECK_EQ(o.ignored, 6);
	CHECK(o.uart_defaulted);
	expect_uart(&o, 0, UART_IO, 0x3f8, 115200);
}

TEST(uart8250_and_earlycon_forms)
{
	struct console_options o =
		parse("earlycon=uart8250,mmio32,0xfedc9000,115200n8 "
		      "console=uart,mmio,0xfe001000 earlycon=uart8250,io,0x2f8,19200");

	CHECK_EQ(o.uart_count, 3);
	expect_uart(&o, 0, UART_MMIO32, 0xfedc9000, 115200);
	expect_uart(&o, 1, UART_MMIO8, 0xfe001000, 115200);
	expect_uart(&o, 2, UART_IO, 0x2f8, 19200);
	CHECK_EQ(o.ignored, 0);
}

TEST(earlyprintk_forms)
{
	struct console_options o = parse("earlyprintk=serial");

	expect_uart(&o, 0, UART_IO, 0x3f8, 115200);
	CHECK(!o.uart_defaulted);
	o = parse("earlyprintk=serial,ttyS1,9600");
	expect_uart(&o, 0, UART_IO, 0x2f8, 9600);
	o = parse("earlyprintk=ttyS2,57600");
	expect_uart(&o, 0, UART_IO, 0x3e8, 57600);
	o = parse("earlyprintk=serial,0x2e8,115200");
	expect_uart(&o, 0, UART_IO, 0x2e8, 115200);
	CHECK_EQ(o.uart_count, 1);
}

TEST(same_uart_once_first_baud_wins)
{
	struct console_options o =
		parse("earlyprintk=serial,ttyS0,9600 console=ttyS0,115200 "
		      "earlycon=uart8250,io,0x3f8");

	CHECK_EQ(o.uart_count, 1);
	expect_uart(&o, 0, UART_IO, 0x3f8, 9600);
	/* Port I/O 0x3f8 and MMIO 0x3f8 are different devices. */
	o = parse("console=ttyS0 earlycon=uart8250,mmio,0x3f8");
	CHECK_EQ(o.uart_count, 2);
}

TEST(more_than_four_uarts_are_counted)
{
	struct console_options o =
		parse("console=ttyS0 console=ttyS1 console=ttyS2 console=ttyS3 "
		      "earlycon=uart,mmio,0x1000");

	CHECK_EQ(o.uart_count, 4);
	CHECK_EQ(o.ignored, 1);
}

TEST(absurd_baud_falls_back)
{
	struct console_options o = parse("console=ttyS0,99999999999999999999");

	expect_uart(&o, 0, UART_IO, 0x3f8, 115200);
	o = parse("console=ttyS0,n8");
	expect_uart(&o, 0, UART_IO, 0x3f8, 115200);
}

TEST(debugcon_boolean)
{
	CHECK(parse("baton.debugcon=1").debugcon);
	CHECK(parse("baton.debugcon").debugcon);
	CHECK(parse("baton.debugcon=on").debugcon);
	CHECK(!parse("baton.debugcon=0").debugcon);
	CHECK(!parse("baton.debugcon=maybe").debugcon);
	CHECK(!parse("baton.debugcons=1").debugcon);
}
