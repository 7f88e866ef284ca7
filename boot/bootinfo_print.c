// SPDX-License-Identifier: MIT
/*
 * The boot_info summary lines (format documented in bootinfo_print.h).
 * Each line is formatted into a small stack buffer and handed to the
 * caller's callback, so this works before any console exists.
 */
#include <boot/bootinfo_print.h>
#include <boot/boot_params.h>
#include <baton/printf.h>

#define LINE_MAX_BYTES	256

struct printer {
	void (*line)(void *ctx, const char *text);
	void *ctx;
	char buf[LINE_MAX_BYTES];
};

static void emit(struct printer *p, const char *fmt, ...) __printf(2, 3);

static void emit(struct printer *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	baton_vsnprintf(p->buf, sizeof(p->buf), fmt, ap);
	va_end(ap);
	p->line(p->ctx, p->buf);
}

static unsigned long long ull(u64 v)
{
	return v;
}

const char *bootinfo_setup_data_type_name(u32 type)
{
	static const char *const names[] = {
		[SETUP_NONE] = "NONE",
		[SETUP_E820_EXT] = "E820_EXT",
		[SETUP_DTB] = "DTB",
		[SETUP_PCI] = "PCI",
		[SETUP_EFI] = "EFI",
		[SETUP_APPLE_PROPERTIES] = "APPLE_PROPERTIES",
		[SETUP_JAILHOUSE] = "JAILHOUSE",
		[SETUP_CC_BLOB] = "CC_BLOB",
		[SETUP_IMA] = "IMA",
		[SETUP_RNG_SEED] = "RNG_SEED",
		[SETUP_KEXEC_KHO] = "KEXEC_KHO",
	};

	if (type & SETUP_INDIRECT)
		return "INDIRECT";
	if (type >= ARRAY_SIZE(names))
		return "unknown";
	return names[type];
}

static void print_protocol(struct printer *p, const struct boot_info *bi)
{
	switch (bi->protocol) {
	case BOOT_PROTOCOL_LINUX64:
		emit(p, "boot: linux64 boot_params 0x%016llx loader 0x%02x protocol %u.%02u",
		     ull(bi->boot_params_pa), bi->type_of_loader,
		     bi->hdr_version >> 8, bi->hdr_version & 0xff);
		return;
	case BOOT_PROTOCOL_PVH:
		emit(p, "boot: pvh start_info 0x%016llx version %u",
		     ull(bi->start_info_pa), bi->pvh_version);
		return;
	case BOOT_PROTOCOL_DTB:
		emit(p, "boot: dtb 0x%016llx size 0x%x", ull(bi->dtb_pa),
		     bi->dtb_size);
		return;
	default:
		emit(p, "boot: none");
	}
}

static char printable(char c)
{
	return c >= 0x20 && c <= 0x7e ? c : '.';
}

static void print_cmdline(struct printer *p, const struct boot_info *bi)
{
	u32 len = MIN(bi->cmdline_len, (u32)BOOT_CMDLINE_MAX - 1);
	u32 done = 0, n, i;
	const char *prefix = "cmdline: ";

	if (!len)
		emit(p, "cmdline: (empty)");
	while (done < len) {
		char chunk[BOOTINFO_PRINT_CMDLINE_CHUNK + 1];

		n = MIN(len - done, (u32)BOOTINFO_PRINT_CMDLINE_CHUNK);
		for (i = 0; i < n; i++)
			chunk[i] = printable(bi->cmdline[done + i]);
		chunk[n] = '\0';
		emit(p, "%s%s", prefix, chunk);
		prefix = "cmdline+ ";
		done += n;
	}
	if (bi->cmdline_truncated)
		emit(p, "cmdline: (truncated)");
}

static void print_e820(struct printer *p, const struct boot_info *bi)
{
	char name[24];
	u32 i;

	for (i = 0; i < bi->e820_count && i < BOOT_E820_MAX; i++) {
		const struct boot_e820_entry *e = &bi->e820[i];

		emit(p, "e820: [mem 0x%016llx-0x%016llx] %s", ull(e->addr),
		     ull(e->addr + e->size - 1),
		     bootinfo_e820_type_name(e->type, name, sizeof(name)));
	}
	if (bi->e820_dropped)
		emit(p, "e820: %u entries dropped", bi->e820_dropped);
}

static void print_initrd(struct printer *p, const struct boot_info *bi)
{
	if (!bi->initrd_size) {
		emit(p, "initrd: none");
		return;
	}
	emit(p, "initrd: [mem 0x%016llx-0x%016llx] size 0x%llx",
	     ull(bi->initrd_pa), ull(bi->initrd_pa + bi->initrd_size - 1),
	     ull(bi->initrd_size));
}

static void print_firmware(struct printer *p, const struct boot_info *bi)
{
	const struct boot_efi_info *efi = &bi->efi;
	u64 systab = (u64)efi->systab_hi << 32 | efi->systab;
	u64 memmap = (u64)efi->memmap_hi << 32 | efi->memmap;

	if (bi->acpi_rsdp_addr)
		emit(p, "acpi: rsdp 0x%016llx", ull(bi->acpi_rsdp_addr));
	if (systab || memmap)
		emit(p, "efi: systab 0x%016llx memmap 0x%016llx size 0x%x desc %u v%u",
		     ull(systab), ull(memmap), efi->memmap_size,
		     efi->memdesc_size, efi->memdesc_version);
}

static void print_setup_data(struct printer *p, const struct boot_info *bi)
{
	u32 i;

	for (i = 0; i < bi->setup_data_count && i < BOOT_SETUP_DATA_MAX; i++) {
		const struct boot_setup_data *sd = &bi->setup_data[i];

		emit(p, "setup_data: 0x%016llx type %u (%s) len %u",
		     ull(sd->pa), sd->type,
		     bootinfo_setup_data_type_name(sd->type), sd->len);
	}
	if (bi->setup_data_truncated)
		emit(p, "setup_data: list truncated");
}

static void print_kho(struct printer *p, const struct boot_info *bi)
{
	const struct boot_kho_record *kho = &bi->kho;

	if (!kho->present) {
		emit(p, "kho: none");
		return;
	}
	emit(p, "kho: fdt 0x%016llx size 0x%llx scratch array 0x%016llx (%llu areas)",
	     ull(kho->fdt_addr), ull(kho->fdt_size), ull(kho->scratch_addr),
	     ull(kho->scratch_size / KHO_SCRATCH_ENTRY_SIZE));
}

void bootinfo_print(const struct boot_info *bi,
		    void (*line)(void *ctx, const char *text), void *ctx)
{
	struct printer p = { .line = line, .ctx = ctx };

	print_protocol(&p, bi);
	print_cmdline(&p, bi);
	print_e820(&p, bi);
	print_initrd(&p, bi);
	print_firmware(&p, bi);
	print_setup_data(&p, bi);
	print_kho(&p, bi);
}
