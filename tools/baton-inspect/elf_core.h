/* SPDX-License-Identifier: MIT */
/*
 * Reader for ELF64 little-endian core files as QEMU's dump-guest-memory
 * writes them: the PT_LOAD segments (p_paddr = guest physical) of a file
 * held in memory, strictly bounds checked, sorted by physical address.
 */
#ifndef BATON_INSPECT_ELF_CORE_H
#define BATON_INSPECT_ELF_CORE_H

#include <baton/types.h>

#define ELF_CORE_MESSAGE_MAX	160

struct elf_core_segment {
	u64 paddr;		/* guest physical address of byte 0 */
	u64 offset;		/* file offset of byte 0 */
	u64 size;		/* bytes present in the file (p_filesz) */
	u64 memsz;		/* p_memsz (>= size; the rest is not dumped) */
};

struct elf_core {
	struct elf_core_segment *segments;	/* sorted by paddr, disjoint */
	u32 count;
	u16 machine;
	u32 notes;		/* PT_NOTE headers seen */
};

/*
 * Parses the program headers of size bytes at buf into segments[max].
 * Refuses (false, message in msg) anything but an ELF64 LSB ET_CORE with
 * 56-byte program headers inside the file, a PT_LOAD whose bytes run past
 * the file, p_filesz > p_memsz, p_paddr not 4 KiB aligned or wrapping,
 * overlapping segments, no PT_LOAD at all, or more than max of them.
 * PT_LOADs with p_filesz 0 are skipped.
 */
bool elf_core_parse(const void *buf, size_t size,
		    struct elf_core_segment *segments, u32 max,
		    struct elf_core *out, char *msg, size_t msg_size);

#endif
