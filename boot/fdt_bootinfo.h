/* SPDX-License-Identifier: MIT */
/*
 * struct boot_info from a flattened device tree (the arm64 Image entry's
 * x0): RAM from the /memory nodes (as E820_TYPE_RAM entries, in the root's
 * #address-cells/#size-cells) less the /reserved-memory and /memreserve/
 * ranges (E820_TYPE_RESERVED entries), /chosen's bootargs, initrd and KHO
 * properties (linux,kho-fdt and linux,kho-scratch: exactly one
 * (address, size) pair each, as Linux's early_init_dt_check_kho requires),
 * and the console /chosen/stdout-path names.
 */
#ifndef BATON_BOOT_FDT_BOOTINFO_H
#define BATON_BOOT_FDT_BOOTINFO_H

#include <baton/bootinfo.h>

enum fdt_console_kind {
	FDT_CONSOLE_NONE,
	FDT_CONSOLE_PL011,	/* "arm,pl011" */
	FDT_CONSOLE_8250,	/* "ns16550a", "ns16550", "snps,dw-apb-uart" */
};

struct fdt_console {
	enum fdt_console_kind kind;
	u64 base;		/* first reg address (not translated by ranges) */
	u32 reg_shift;		/* 8250: 2 = 32-bit registers */
	u32 reg_io_width;	/* 8250: access width in bytes (default 1) */
	u32 baud;		/* from ":115200n8"; 0: keep the firmware's */
	char path[64];		/* the node, without ":options" */
};

struct fdt_boot {
	struct fdt_console console;
	/* What did not parse, for the log ("" when all did). */
	char problem[96];
	u32 memory_nodes;
};

/*
 * Fills bi (protocol BOOT_PROTOCOL_DTB) and out from the DTB at fdt (also
 * physical address fdt_pa). Returns 0, or -1 when fdt is not a valid DTB
 * (bi then holds no RAM and out->problem says why).
 */
int bootinfo_from_fdt(struct boot_info *bi, struct fdt_boot *out,
		      const void *fdt, phys_addr_t fdt_pa);

#endif
