/* SPDX-License-Identifier: MIT */
/*
 * QEMU/Bochs debug console: bytes written to I/O port 0xe9 appear on
 * QEMU's -debugcon chardev. No setup, no flow control.
 */
#ifndef BATON_DRIVERS_DEBUGCON_H
#define BATON_DRIVERS_DEBUGCON_H

#include <drivers/console.h>

#define DEBUGCON_PORT	0xe9

void debugcon_init(struct console *con);

#endif
