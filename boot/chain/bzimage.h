/* SPDX-License-Identifier: MIT */
/*
 * Acceptance check of the NEXT kernel's bzImage, the checks Linux's
 * kexec_file_load applies to a 64-bit bzImage (plus a few it leaves out),
 * and the facts placement and boot_params need from its setup header.
 */
#ifndef BATON_CHAIN_BZIMAGE_H
#define BATON_CHAIN_BZIMAGE_H

#include <baton/types.h>
#include <boot/chain/status.h>

#define BZIMAGE_SETUP_HEADER_OFFSET	0x1f1
#define BZIMAGE_MIN_VERSION		0x020c	/* protocol 2.12 */
#define BZIMAGE_ENTRY64_OFFSET		0x200	/* from the payload start */
#define BZIMAGE_SETUP_HEADER_MIN_END	0x264	/* must include init_size */
#define BZIMAGE_SETUP_HEADER_MAX_END	0x290	/* boot_params' hole ends */

#define BZ_LOADED_HIGH			(1U << 0)
#define BZ_XLF_KERNEL_64		(1U << 0)
#define BZ_XLF_CAN_BE_LOADED_ABOVE_4G	(1U << 1)
#define BZ_XLF_5LEVEL			(1U << 5)

struct chain_bzimage {
	u16 version;
	u8 setup_sects;		/* effective: 0 in the file means 4 */
	u8 loadflags;
	u16 xloadflags;
	u8 relocatable_kernel;
	u8 min_alignment;
	u32 setup_header_len;	/* bytes to copy from file offset 0x1f1 */
	u64 payload_offset;	/* file offset of the protected-mode part */
	u64 payload_size;	/* file bytes from payload_offset to the end */
	u32 init_size;		/* as in the header */
	u64 memsz;		/* PAGE_ALIGN(init_size): memory to reserve */
	u64 kernel_alignment;	/* power of two, at least PAGE_SIZE */
	u64 pref_address;
	u32 cmdline_size;	/* longest command line, without the NUL */
	u32 initrd_addr_max;	/* highest byte an initrd may occupy */
};

/*
 * Validates image (size bytes) in the order of Linux's bzImage64 probe:
 * length, "HdrS", boot flag 0xAA55, version >= 2.12, LOADED_HIGH,
 * XLF_KERNEL_64, XLF_CAN_BE_LOADED_ABOVE_4G, XLF_5LEVEL when la57_active;
 * then header length (jump byte), setup_sects/payload offset, a
 * power-of-two kernel_alignment, relocatable_kernel and init_size covering
 * the payload. On failure the message names the field and its value.
 */
bool chain_bzimage_probe(const void *image, size_t size, bool la57_active,
			 struct chain_bzimage *out, struct chain_status *st);

/* True if a command line of len bytes (without NUL) fits cmdline_size. */
bool chain_bzimage_cmdline_fits(const struct chain_bzimage *kernel,
				size_t len, struct chain_status *st);

#endif
