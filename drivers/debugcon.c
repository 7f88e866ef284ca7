// SPDX-License-Identifier: MIT
/* QEMU debug console output (port 0xe9). */
#include <baton/arch.h>
#include <drivers/debugcon.h>

static void debugcon_write(struct console *con, const char *s, size_t len)
{
	while (len--)
		outb(DEBUGCON_PORT, (u8)*s++);
}

void debugcon_init(struct console *con)
{
	con->name = "debugcon io 0xe9";
	con->write = debugcon_write;
	con->needs_mapping = false;
	con->mmio_pa = 0;
}
