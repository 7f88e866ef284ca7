/* SPDX-License-Identifier: MIT */
/*
 * The x86 Linux boot protocol's data as baton receives and forwards it:
 * the "zero page" (struct boot_params), its setup header and the
 * setup_data records. Layout only, no code, so every layer may use it:
 * boot/ reads it (boot/boot_params.h), boot/chain/ builds the next
 * kernel's, arch/'s self test builds one to re-enter baton.
 */
#ifndef BATON_LINUX_BOOT_PARAMS_H
#define BATON_LINUX_BOOT_PARAMS_H

#include <baton/bootinfo.h>

#define BOOT_PARAMS_SIZE		4096
#define BOOT_PARAMS_E820_MAX		128
#define BOOT_PARAMS_HDRS_MAGIC		0x53726448	/* "HdrS" */
#define BOOT_LOADER_TYPE_KEXEC		0xd0

/* The setup header, at 0x1f1 in the zero page and in the bzImage file. */
struct linux_setup_header {
	u8 setup_sects;
	u16 root_flags;
	u32 syssize;
	u16 ram_size;
	u16 vid_mode;
	u16 root_dev;
	u16 boot_flag;
	u16 jump;
	u32 header;
	u16 version;
	u32 realmode_swtch;
	u16 start_sys_seg;
	u16 kernel_version;
	u8 type_of_loader;
	u8 loadflags;
	u16 setup_move_size;
	u32 code32_start;
	u32 ramdisk_image;
	u32 ramdisk_size;
	u32 bootsect_kludge;
	u16 heap_end_ptr;
	u8 ext_loader_ver;
	u8 ext_loader_type;
	u32 cmd_line_ptr;
	u32 initrd_addr_max;
	u32 kernel_alignment;
	u8 relocatable_kernel;
	u8 min_alignment;
	u16 xloadflags;
	u32 cmdline_size;
	u32 hardware_subarch;
	u64 hardware_subarch_data;
	u32 payload_offset;
	u32 payload_length;
	u64 setup_data;
	u64 pref_address;
	u32 init_size;
	u32 handover_offset;
	u32 kernel_info_offset;
} __packed;

/* The zero page, reduced to the fields baton reads; the rest is padding. */
struct linux_boot_params {
	u8 pad_000[0x070];
	u64 acpi_rsdp_addr;				/* 0x070 */
	u8 pad_078[0x0c0 - 0x078];
	u32 ext_ramdisk_image;				/* 0x0c0 */
	u32 ext_ramdisk_size;				/* 0x0c4 */
	u32 ext_cmd_line_ptr;				/* 0x0c8 */
	u8 pad_0cc[0x1c0 - 0x0cc];
	struct boot_efi_info efi_info;			/* 0x1c0 */
	u32 alt_mem_k;					/* 0x1e0 */
	u32 scratch;					/* 0x1e4 */
	u8 e820_entries;				/* 0x1e8 */
	u8 eddbuf_entries;				/* 0x1e9 */
	u8 edd_mbr_sig_buf_entries;			/* 0x1ea */
	u8 kbd_status;					/* 0x1eb */
	u8 secure_boot;					/* 0x1ec */
	u8 pad_1ed[2];
	u8 sentinel;					/* 0x1ef */
	u8 pad_1f0;
	struct linux_setup_header hdr;			/* 0x1f1 */
	u8 pad_26c[0x2d0 - 0x26c];
	struct boot_e820_entry e820_table[BOOT_PARAMS_E820_MAX]; /* 0x2d0 */
	u8 pad_cd0[BOOT_PARAMS_SIZE - 0xcd0];
} __packed;

#define BP_OFFSET(field) __builtin_offsetof(struct linux_boot_params, field)
_Static_assert(sizeof(struct linux_setup_header) == 0x26c - 0x1f1, "hdr");
_Static_assert(sizeof(struct linux_boot_params) == BOOT_PARAMS_SIZE, "size");
_Static_assert(BP_OFFSET(acpi_rsdp_addr) == 0x070, "acpi_rsdp_addr");
_Static_assert(BP_OFFSET(ext_ramdisk_image) == 0x0c0, "ext_ramdisk_image");
_Static_assert(BP_OFFSET(ext_ramdisk_size) == 0x0c4, "ext_ramdisk_size");
_Static_assert(BP_OFFSET(ext_cmd_line_ptr) == 0x0c8, "ext_cmd_line_ptr");
_Static_assert(BP_OFFSET(efi_info) == 0x1c0, "efi_info");
_Static_assert(BP_OFFSET(e820_entries) == 0x1e8, "e820_entries");
_Static_assert(BP_OFFSET(secure_boot) == 0x1ec, "secure_boot");
_Static_assert(BP_OFFSET(sentinel) == 0x1ef, "sentinel");
_Static_assert(BP_OFFSET(hdr) == 0x1f1, "hdr");
_Static_assert(BP_OFFSET(hdr.setup_sects) == 0x1f1, "setup_sects");
_Static_assert(BP_OFFSET(hdr.boot_flag) == 0x1fe, "boot_flag");
_Static_assert(BP_OFFSET(hdr.jump) == 0x200, "jump");
_Static_assert(BP_OFFSET(hdr.header) == 0x202, "header");
_Static_assert(BP_OFFSET(hdr.version) == 0x206, "version");
_Static_assert(BP_OFFSET(hdr.type_of_loader) == 0x210, "type_of_loader");
_Static_assert(BP_OFFSET(hdr.loadflags) == 0x211, "loadflags");
_Static_assert(BP_OFFSET(hdr.ramdisk_image) == 0x218, "ramdisk_image");
_Static_assert(BP_OFFSET(hdr.ramdisk_size) == 0x21c, "ramdisk_size");
_Static_assert(BP_OFFSET(hdr.cmd_line_ptr) == 0x228, "cmd_line_ptr");
_Static_assert(BP_OFFSET(hdr.kernel_alignment) == 0x230, "kernel_alignment");
_Static_assert(BP_OFFSET(hdr.relocatable_kernel) == 0x234, "relocatable");
_Static_assert(BP_OFFSET(hdr.xloadflags) == 0x236, "xloadflags");
_Static_assert(BP_OFFSET(hdr.cmdline_size) == 0x238, "cmdline_size");
_Static_assert(BP_OFFSET(hdr.hardware_subarch) == 0x23c, "hardware_subarch");
_Static_assert(BP_OFFSET(hdr.setup_data) == 0x250, "setup_data");
_Static_assert(BP_OFFSET(hdr.pref_address) == 0x258, "pref_address");
_Static_assert(BP_OFFSET(hdr.init_size) == 0x260, "init_size");
_Static_assert(BP_OFFSET(hdr.kernel_info_offset) == 0x268, "kernel_info");
_Static_assert(BP_OFFSET(e820_table) == 0x2d0, "e820_table");

/* setup_data header (natural layout); `len` payload bytes follow it. */
struct linux_setup_data {
	u64 next;
	u32 type;
	u32 len;
};

/* Payload of a SETUP_INDIRECT entry: where the real data lives. */
struct linux_setup_indirect {
	u32 type;
	u32 reserved;
	u64 len;
	u64 addr;
};

/* Payload of SETUP_KEXEC_KHO (packed). */
struct linux_kho_data {
	u64 fdt_addr;
	u64 fdt_size;
	u64 scratch_addr;
	u64 scratch_size;
} __packed;

#define KHO_SCRATCH_ENTRY_SIZE	16	/* struct kho_scratch {addr, size} */

_Static_assert(sizeof(struct linux_setup_data) == 16, "setup_data");
_Static_assert(__builtin_offsetof(struct linux_setup_data, type) == 8, "type");
_Static_assert(__builtin_offsetof(struct linux_setup_data, len) == 12, "len");
_Static_assert(sizeof(struct linux_setup_indirect) == 24, "setup_indirect");
_Static_assert(__builtin_offsetof(struct linux_setup_indirect, addr) == 16,
	       "setup_indirect.addr");
_Static_assert(sizeof(struct linux_kho_data) == 32, "kho_data");
_Static_assert(__builtin_offsetof(struct linux_kho_data, scratch_addr) == 16,
	       "kho_data.scratch_addr");

#endif
