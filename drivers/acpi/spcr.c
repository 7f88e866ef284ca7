// SPDX-License-Identifier: MIT
/*
 * SPCR decoding: the interface type picks the driver, the Generic Address
 * Structure gives port or MMIO address and register width, the baud code
 * (or, from revision 4, the precise rate) the line speed.
 */
#include <string.h>
#include <drivers/acpi/spcr.h>

static u32 baud_from_code(const struct acpi_spcr *s, u32 len)
{
	if (s->header.revision >= 4 && len >= ACPI_SPCR_MIN_LEN + 4 &&
	    s->precise_baud && s->precise_baud <= CONSOLE_MAX_BAUD)
		return s->precise_baud;
	switch (s->baud_rate) {
	case 3:
		return 9600;
	case 4:
		return 19200;
	case 6:
		return 57600;
	case 7:
		return 115200;
	default:
		return 0;	/* "as is": keep the divisor firmware set */
	}
}

static bool unusable(struct finding_list *findings, phys_addr_t pa,
		     const char *why, u32 value)
{
	finding_add(findings, W_ACPI_SPCR_UNUSABLE, pa,
		    "ACPI SPCR not used: %s (0x%x)", why, value);
	return false;
}

/* 16550 registers: port I/O, or MMIO 8-bit apart or 32-bit wide. */
static bool uart8250_access(const struct acpi_gas *gas, phys_addr_t pa,
			    enum uart_access *access,
			    struct finding_list *findings)
{
	if (gas->space_id == ACPI_GAS_IO) {
		if (gas->address > 0xfff8)
			return unusable(findings, pa, "I/O port out of range",
					(u32)gas->address);
		*access = UART_IO;
		return true;
	}
	if (gas->space_id != ACPI_GAS_MEMORY)
		return unusable(findings, pa, "address space", gas->space_id);
	if (gas->access_size == 3 ||
	    (gas->access_size == 0 && gas->bit_width == 32)) {
		*access = UART_MMIO32;
		return true;
	}
	if (gas->access_size == 1 ||
	    (gas->access_size == 0 && gas->bit_width == 8)) {
		*access = UART_MMIO8;
		return true;
	}
	return unusable(findings, pa, "MMIO access size",
			gas->access_size ? gas->access_size : gas->bit_width);
}

bool spcr_parse(const void *table, u32 len, phys_addr_t pa,
		struct spcr_console *out, struct finding_list *findings)
{
	const struct acpi_spcr *s = table;

	if (len < ACPI_SPCR_MIN_LEN)
		return unusable(findings, pa, "table shorter than 80 bytes",
				len);
	memset(out, 0, sizeof(*out));
	out->interface_type = s->interface_type;
	if (!s->base.address)
		return unusable(findings, pa, "base address is zero", 0);
	out->uart.base = s->base.address;
	out->uart.baud = baud_from_code(s, len);
	switch (s->interface_type) {
	case SPCR_16550:
	case SPCR_16450:
	case SPCR_16550_GAS:
		out->kind = SPCR_UART_8250;
		return uart8250_access(&s->base, pa, &out->uart.access,
				       findings);
	case SPCR_PL011:
	case SPCR_SBSA_32:
	case SPCR_SBSA:
		if (s->base.space_id != ACPI_GAS_MEMORY)
			return unusable(findings, pa, "PL011 address space",
					s->base.space_id);
		out->kind = SPCR_UART_PL011;
		out->uart.access = UART_MMIO32;
		return true;
	default:
		return unusable(findings, pa, "interface type",
				s->interface_type);
	}
}

bool spcr_find(const struct acpi_tables *t, struct spcr_console *out,
	       struct finding_list *findings)
{
	const void *table;
	u32 len, i;

	if (!acpi_find_table(t, "SPCR", &table, &len))
		return false;
	for (i = 0; i < t->count; i++)
		if (!memcmp(t->tables[i].signature, "SPCR", 4))
			break;
	return spcr_parse(table, len, t->tables[i].pa, out, findings);
}
