/* SPDX-License-Identifier: MIT */
/*
 * Layout of the baton image (preprocessed with cpp). Linked at
 * BATON_LINK_BASE; LOAD_BASE is the physical address the ELF asks to be
 * loaded at (the PVH note points there), so a variant with LOAD_BASE !=
 * BATON_LINK_BASE runs relocated from its first instruction.
 *
 *   text segment: entry code (offset 0: PVH 32-bit, 0x200: 64-bit), code,
 *                 read-only data, the PVH note, the relocations
 *   data segment: data, GOT, .dynamic, then .bss and the PVH boot tables
 * __image_end - _start is the bzImage init_size.
 */
#include <arch/x86_64/layout.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(startup_64)

PHDRS
{
	text PT_LOAD FLAGS(5);
	data PT_LOAD FLAGS(6);
	dynamic PT_DYNAMIC FLAGS(6);
	note PT_NOTE FLAGS(4);
}

SECTIONS
{
	. = BATON_LINK_BASE;

	.text : AT(LOAD_BASE) {
		KEEP(*(.head.text))
		*(.text .text.*)
	} :text

	.rodata : {
		KEEP(*(.rodata.kernel_info))	/* read by loaders only */
		*(.rodata .rodata.*)
	} :text

	/* Xen ELF note 18 (PHYS32_ENTRY): physical address of the PVH entry. */
	.note.pvh : {
		LONG(4)
		LONG(4)
		LONG(18)
		LONG(0x006e6558)	/* "Xen\0" */
		LONG(LOAD_BASE + (pvh_start32_note - BATON_LINK_BASE))
	} :text :note

	.rela.dyn : {
		__rela_start = .;
		*(.rela.*)
		__rela_end = .;
	} :text
	.dynsym : { *(.dynsym) } :text
	.dynstr : { *(.dynstr) } :text
	.hash : { *(.hash) } :text
	.gnu.hash : { *(.gnu.hash) } :text

	. = ALIGN(4096);
	__text_end = .;

	.data : {
		*(.data .data.*)
		*(.data.rel.ro .data.rel.ro.*)
	} :data
	.got : { *(.got) *(.got.plt) } :data
	.dynamic : { *(.dynamic) } :data :dynamic

	.bss (NOLOAD) : {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(64);
		__bss_end = .;
	} :data

	/* KEEP: --gc-sections must not drop them (head.S's own tables). */
	.boot.tables (NOLOAD) : {
		KEEP(*(.boot.tables))
	} :data
	. = ALIGN(4096);
	__image_end = .;

	/DISCARD/ : {
		*(.comment)
		*(.eh_frame)
		*(.note.gnu.property)
		*(.note.GNU-stack)
		*(.interp)
	}
}

pvh_start32_note = _start;
ASSERT(_start == BATON_LINK_BASE, "_start must be first in the image")
ASSERT(startup_64 - _start == BATON_ENTRY64_OFFSET, "64-bit entry not at 0x200")
