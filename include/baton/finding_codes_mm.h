/* SPDX-License-Identifier: MIT */
/*
 * Finding codes detected by mm/ (see <baton/findings.h>).
 * X(CODE, SEVERITY, "summary"); document each in docs/findings-mm.md.
 * Append only: never reorder or remove a code.
 */
#ifndef BATON_FINDING_CODES_MM_H
#define BATON_FINDING_CODES_MM_H

#define MM_FINDING_CODES(X)						\
	X(I_E820_UNSORTED, INFO, "e820 entries not sorted by address")	\
	X(I_E820_ZERO_SIZE, INFO, "e820 entry of size 0 dropped")	\
	X(W_E820_OVERLAP, WARNING, "e820 entries overlap")		\
	X(W_E820_WRAPS, WARNING, "e820 entry wraps past 2^64, dropped") \
	X(W_E820_SANITIZED_FULL, WARNING, "sanitised e820 larger than its storage") \
	X(W_MM_SCRATCH_REFUSED, WARNING, "scratch area not used for allocation") \
	X(E_MM_OUT_OF_SPACE, ERROR, "occupied set full: reservation incomplete") \
	X(E_MM_ALLOC_FAILED, ERROR, "allocation or placement failed")	\
	X(E_MM_PRESERVED_IN_SCRATCH, ERROR, "preserved memory inside scratch") \
	X(E_MM_MAP_PAGE_IN_SCRATCH, ERROR, "KHO map page inside scratch") \
	X(E_MM_PRESERVED_OUTSIDE_RAM, ERROR, "preserved memory outside e820 RAM") \
	X(W_MM_SEGMENT_OUTSIDE_SCRATCH, WARNING, "kexec segment outside scratch") \
	X(E_MM_IMAGE_OVERLAPS_PRESERVED, ERROR, "baton image overlaps preserved memory") \
	X(E_MM_SEGMENT_OVERLAPS_PRESERVED, ERROR, "boot data overlaps preserved memory") \
	X(W_MM_PRESERVED_OVERLAP, WARNING, "preserved ranges overlap")	\
	X(E_MM_MAP_PAGE_OVERLAPS_PRESERVED, ERROR, "KHO map page overlaps preserved memory") \
	X(E_MM_ALLOC_OVERLAP, ERROR, "baton allocation overlaps an occupant") \
	X(W_MM_OCCUPANT_OVERLAP, WARNING, "two occupants overlap")

#endif
