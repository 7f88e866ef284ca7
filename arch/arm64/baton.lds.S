/* SPDX-License-Identifier: MIT */
/*
 * The arm64 image (preprocessed with cpp): linked at 0, loaded anywhere
 * (2 MiB aligned), flattened by objcopy -O binary into baton.Image whose
 * first bytes are head.S's Image header. image_size covers .bss, which
 * head.S clears (booting.rst: the loader only reserves it).
 */
#include <arch/arm64/layout.h>

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_head)

SECTIONS
{
	. = BATON_LINK_BASE;
	__image_start = .;

	.text : {
		KEEP(*(.head.text))
		*(.text .text.*)
	}

	.rodata : { *(.rodata .rodata.*) }

	.rela.dyn : {
		__rela_start = .;
		*(.rela.*)
		__rela_end = .;
	}
	.dynsym : { *(.dynsym) }
	.dynstr : { *(.dynstr) }
	.hash : { *(.hash) }
	.gnu.hash : { *(.gnu.hash) }

	. = ALIGN(4096);
	__data_start = .;	/* text, rodata and relocations end here */
	.data : {
		*(.data .data.*)
		*(.data.rel.ro .data.rel.ro.*)
	}
	.got : { *(.got) *(.got.plt) }
	.dynamic : { *(.dynamic) }

	. = ALIGN(16);
	.bss (NOLOAD) : {
		__bss_start = .;
		KEEP(*(.bss.stacks))
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(4096);
		__bss_end = .;
	}
	__image_end = .;
	__image_size = __image_end - __image_start;

	/DISCARD/ : {
		*(.note .note.*)
		*(.comment)
		*(.eh_frame .eh_frame_hdr)
		*(.interp)
	}
}
