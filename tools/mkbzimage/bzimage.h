/* SPDX-License-Identifier: MIT */
/*
 * The parts of the x86 Linux boot protocol header (Documentation/arch/x86/
 * boot.rst) that mkbzimage writes: file offsets and flag bits. The values
 * baton chooses are in mkbzimage.c; tests/qemu/check_bzimage.c checks them
 * independently.
 */
#ifndef BATON_TOOLS_BZIMAGE_H
#define BATON_TOOLS_BZIMAGE_H

#define BZ_SECTOR		512
#define BZ_SETUP_SECTS		0x1f1	/* u8 */
#define BZ_SYSSIZE		0x1f4	/* u32, 16-byte units */
#define BZ_BOOT_FLAG		0x1fe	/* u16 0xaa55 */
#define BZ_JUMP			0x200	/* u16: 0xeb, header length - 2 */
#define BZ_HEADER		0x202	/* "HdrS" */
#define BZ_VERSION		0x206	/* u16 */
#define BZ_KERNEL_VERSION	0x20e	/* u16: string offset - 0x200 */
#define BZ_LOADFLAGS		0x211	/* u8 */
#define BZ_CODE32_START		0x214	/* u32 */
#define BZ_INITRD_ADDR_MAX	0x22c	/* u32 */
#define BZ_KERNEL_ALIGNMENT	0x230	/* u32 */
#define BZ_RELOCATABLE		0x234	/* u8 */
#define BZ_MIN_ALIGNMENT	0x235	/* u8, log2 */
#define BZ_XLOADFLAGS		0x236	/* u16 */
#define BZ_CMDLINE_SIZE		0x238	/* u32 */
#define BZ_SETUP_DATA		0x250	/* u64 */
#define BZ_PREF_ADDRESS		0x258	/* u64 */
#define BZ_INIT_SIZE		0x260	/* u32 */
#define BZ_HANDOVER_OFFSET	0x264	/* u32 */
#define BZ_KERNEL_INFO_OFFSET	0x268	/* u32 */
#define BZ_HEADER_END		0x26c

#define BZ_LOADED_HIGH		0x01
#define BZ_XLF_KERNEL_64	0x0001
#define BZ_XLF_CAN_BE_LOADED_ABOVE_4G 0x0002
#define BZ_XLF_5LEVEL		0x0020

#define BZ_ENTRY64_OFFSET	0x200	/* in the payload */

#endif
