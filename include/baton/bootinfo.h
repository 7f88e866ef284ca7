/* SPDX-License-Identifier: MIT */
/*
 * The internal boot description: what baton was handed, whichever way it was
 * entered (Linux 64-bit boot protocol via kexec or a boot loader, PVH, the
 * UEFI launcher). Filled by boot/ from boot_params or hvm_start_info; read by
 * everything else. All addresses are physical.
 */
#ifndef BATON_BOOTINFO_H
#define BATON_BOOTINFO_H

#include <baton/types.h>

/* e820 types as Linux defines them. */
#define E820_TYPE_RAM		1
#define E820_TYPE_RESERVED	2
#define E820_TYPE_ACPI		3
#define E820_TYPE_NVS		4
#define E820_TYPE_UNUSABLE	5
#define E820_TYPE_PMEM		7
#define E820_TYPE_PRAM		12
#define E820_TYPE_SOFT_RESERVED	0xefffffff

/* x86 setup_data types (uapi asm/setup_data.h). */
#define SETUP_NONE		0
#define SETUP_E820_EXT		1
#define SETUP_DTB		2
#define SETUP_PCI		3
#define SETUP_EFI		4
#define SETUP_APPLE_PROPERTIES	5
#define SETUP_JAILHOUSE		6
#define SETUP_CC_BLOB		7
#define SETUP_IMA		8
#define SETUP_RNG_SEED		9
#define SETUP_KEXEC_KHO		10
#define SETUP_INDIRECT		(1U << 31)

#define BOOT_E820_MAX		512	/* boot_params' 128 plus SETUP_E820_EXT */
#define BOOT_SETUP_DATA_MAX	64	/* longer lists are reported, not followed */
#define BOOT_CMDLINE_MAX	4096

enum boot_protocol {
	BOOT_PROTOCOL_NONE,
	BOOT_PROTOCOL_LINUX64,	/* boot_params at 64-bit entry (kexec, baton.efi) */
	BOOT_PROTOCOL_PVH,	/* hvm_start_info at the PVH 32-bit entry */
	BOOT_PROTOCOL_DTB,	/* a flattened device tree (arm64 Image entry, x0) */
};

/*
 * One e820 entry as Linux lays it out (asm/bootparam.h, packed: 20 bytes):
 * the same struct in boot_params' e820_table, in a SETUP_E820_EXT payload
 * and in boot_info's copy.
 */
struct boot_e820_entry {
	u64 addr;
	u64 size;
	u32 type;
} __packed;

struct boot_setup_data {
	phys_addr_t pa;		/* address of the setup_data header */
	u32 type;
	u32 len;		/* payload bytes after the 16-byte header */
};

/* struct kho_data, the SETUP_KEXEC_KHO payload (x86). */
struct boot_kho_record {
	bool present;
	phys_addr_t setup_data_pa;
	u32 len;		/* setup_data.len (32 + whatever follows) */
	phys_addr_t fdt_addr;
	u64 fdt_size;
	phys_addr_t scratch_addr;
	u64 scratch_size;
};

/* efi_info at 0x1c0 in boot_params (asm/bootparam.h), also boot_info's copy. */
struct boot_efi_info {
	u32 loader_signature;
	u32 systab;
	u32 memdesc_size;
	u32 memdesc_version;
	u32 memmap;
	u32 memmap_size;
	u32 systab_hi;
	u32 memmap_hi;
};

_Static_assert(sizeof(struct boot_e820_entry) == 20, "e820 entry");
_Static_assert(sizeof(struct boot_efi_info) == 32, "efi_info");

struct boot_info {
	enum boot_protocol protocol;
	phys_addr_t boot_params_pa;	/* 0 unless LINUX64 */
	phys_addr_t start_info_pa;	/* 0 unless PVH */

	/* baton's own image: [image_start, image_end) incl. bss/stack/heap */
	phys_addr_t image_start;
	phys_addr_t image_end;

	/* The memory map exactly as given (boot_params e820 + E820_EXT, or PVH). */
	struct boot_e820_entry e820[BOOT_E820_MAX];
	u32 e820_count;
	u32 e820_dropped;	/* entries beyond BOOT_E820_MAX */

	phys_addr_t cmdline_pa;
	u32 cmdline_len;	/* without the terminating NUL */
	char cmdline[BOOT_CMDLINE_MAX];	/* NUL-terminated copy */

	phys_addr_t initrd_pa;
	u64 initrd_size;

	u64 acpi_rsdp_addr;
	struct boot_efi_info efi;

	struct boot_setup_data setup_data[BOOT_SETUP_DATA_MAX];
	u32 setup_data_count;
	bool setup_data_truncated;	/* cycle, bad pointer or too long */

	struct boot_kho_record kho;

	/* Added by boot/ (readers in boot/boot_params.h and boot/pvh.h). */
	phys_addr_t setup_data_head;	/* hdr.setup_data: first entry, 0 = none */
	u32 kho_record_count;		/* SETUP_KEXEC_KHO entries seen */
	u32 setup_indirect_count;	/* SETUP_INDIRECT entries seen */
	bool cmdline_truncated;		/* no NUL within BOOT_CMDLINE_MAX - 1 */
	u16 hdr_version;		/* setup header protocol version (LINUX64) */
	u8 type_of_loader;		/* 0xd0 = kexec */
	u32 hdr_cmdline_size;		/* setup header cmdline_size */
	u32 hdr_init_size;		/* setup header init_size */
	u32 pvh_version;		/* hvm_start_info version (PVH) */
	u32 pvh_nr_modules;		/* hvm_start_info nr_modules (PVH) */
	phys_addr_t dtb_pa;		/* the DTB (DTB) */
	u32 dtb_size;			/* its header's totalsize (DTB) */
};

/*
 * The name of an e820 type ("usable", "ACPI data", ..., else "type <n>"
 * written into buf), as the boot summary and the reports print it.
 */
const char *bootinfo_e820_type_name(u32 type, char *buf, size_t size);

/*
 * e820 types that are readable RAM (RAM, ACPI data, ACPI NVS): the RAM view
 * (boot/) and baton's boot page tables (arch/) take the same ones.
 */
bool bootinfo_e820_type_is_ram(u32 type);

#endif
