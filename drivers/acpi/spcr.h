/* SPDX-License-Identifier: MIT */
/*
 * ACPI SPCR (Serial Port Console Redirection): which UART the firmware
 * names as the console, decoded into plain data (interface, I/O port or
 * MMIO address with its register width, baud). No device access: hosted.
 */
#ifndef BATON_DRIVERS_ACPI_SPCR_H
#define BATON_DRIVERS_ACPI_SPCR_H

#include <baton/findings.h>
#include <baton/types.h>
#include <drivers/acpi/acpi_tables.h>
#include <drivers/console_options.h>

/* ACPI Generic Address Structure. */
struct acpi_gas {
	u8 space_id;			/* 0 system memory, 1 system I/O */
	u8 bit_width;
	u8 bit_offset;
	u8 access_size;			/* 1 byte, 2 word, 3 dword, 4 qword */
	u64 address;
} __packed;
_Static_assert(sizeof(struct acpi_gas) == 12, "acpi_gas");

#define ACPI_GAS_MEMORY		0
#define ACPI_GAS_IO		1

/* The SPCR fields baton reads (revision 1/2 layout, 80 bytes). */
struct acpi_spcr {
	struct acpi_sdt_header header;
	u8 interface_type;		/* DBG2 serial port subtype */
	u8 reserved[3];
	struct acpi_gas base;		/* offset 40 */
	u8 interrupt_type;
	u8 pc_interrupt;
	u32 interrupt;
	u8 baud_rate;			/* offset 58: 3/4/6/7, 0 = as is */
	u8 parity;
	u8 stop_bits;
	u8 flow_control;
	u8 terminal_type;
	u8 language;
	u16 pci_device_id;
	u16 pci_vendor_id;
	u8 pci_bus;
	u8 pci_device;
	u8 pci_function;
	u32 pci_flags;
	u8 pci_segment;
	u32 uart_clock;			/* offset 76, revision 3+ */
	u32 precise_baud;		/* offset 80, revision 4+ */
} __packed;
_Static_assert(__builtin_offsetof(struct acpi_spcr, base) == 40, "base");
_Static_assert(__builtin_offsetof(struct acpi_spcr, baud_rate) == 58, "baud");
_Static_assert(__builtin_offsetof(struct acpi_spcr, uart_clock) == 76,
	       "uart_clock");
_Static_assert(__builtin_offsetof(struct acpi_spcr, precise_baud) == 80,
	       "precise_baud");

#define ACPI_SPCR_MIN_LEN	80

/* Interface types (the DBG2 serial subtypes) baton can drive. */
#define SPCR_16550		0x00	/* full 16550 */
#define SPCR_16450		0x01	/* 16550 subset */
#define SPCR_PL011		0x03	/* ARM PL011 */
#define SPCR_SBSA_32		0x0d	/* ARM SBSA generic UART, 32-bit access */
#define SPCR_SBSA		0x0e	/* ARM SBSA generic UART */
#define SPCR_16550_GAS		0x12	/* 16550, registers as the GAS says */

enum spcr_uart_kind {
	SPCR_UART_8250,
	SPCR_UART_PL011,
};

struct spcr_console {
	enum spcr_uart_kind kind;
	u8 interface_type;
	struct uart_spec uart;		/* access (8250), base, baud (0: as is) */
};

/*
 * Decodes a checked SPCR (len bytes). False, with W_ACPI_SPCR_UNUSABLE,
 * for a table too short, an interface or address space baton cannot drive,
 * or a zero address.
 */
bool spcr_parse(const void *table, u32 len, phys_addr_t pa,
		struct spcr_console *out, struct finding_list *findings);

/* The SPCR of these tables, decoded; false if none or unusable. */
bool spcr_find(const struct acpi_tables *t, struct spcr_console *out,
	       struct finding_list *findings);

#endif
