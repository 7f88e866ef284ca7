// SPDX-License-Identifier: MIT
/*
 * ELF64 core reader: every header field is read with explicit bounds and
 * overflow checks because the file is untrusted (fuzzed by fuzz_dump).
 */
#include <string.h>
#include <baton/printf.h>
#include "elf_core.h"

#define EHDR_SIZE	64
#define PHDR_SIZE	56
#define ET_CORE		4
#define PT_LOAD		1
#define PT_NOTE		4
#define PN_XNUM		0xffff
#define PAGE_MASK_4K	0xfffULL

static u16 get_u16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

static u32 get_u32(const u8 *p)
{
	return (u32)get_u16(p) | (u32)get_u16(p + 2) << 16;
}

static u64 get_u64(const u8 *p)
{
	return (u64)get_u32(p) | (u64)get_u32(p + 4) << 32;
}

static bool fail(char *msg, size_t msg_size, const char *text, u32 index)
{
	baton_snprintf(msg, msg_size, "%s (program header %u)", text, index);
	return false;
}

static bool check_header(const u8 *b, size_t size, char *msg, size_t msg_size)
{
	const char *why = NULL;

	if (size < EHDR_SIZE)
		why = "file shorter than an ELF64 header";
	else if (memcmp(b, "\x7f" "ELF", 4))
		why = "not an ELF file (bad magic)";
	else if (b[4] != 2)
		why = "not ELF64 (EI_CLASS is not ELFCLASS64)";
	else if (b[5] != 1)
		why = "not little-endian (EI_DATA is not ELFDATA2LSB)";
	else if (get_u16(b + 16) != ET_CORE)
		why = "not a core file (e_type is not ET_CORE)";
	else if (get_u16(b + 54) != PHDR_SIZE)
		why = "e_phentsize is not 56";
	else if (get_u16(b + 56) == PN_XNUM)
		why = "extended program header count (PN_XNUM) not supported";
	else if (get_u16(b + 56) == 0)
		why = "no program headers";
	if (why) {
		baton_snprintf(msg, msg_size, "%s", why);
		return false;
	}
	return true;
}

/* Inserts s keeping segments sorted by paddr; refuses overlap. */
static bool insert_sorted(struct elf_core_segment *segs, u32 count,
			  const struct elf_core_segment *s)
{
	u32 i = count;

	while (i > 0 && segs[i - 1].paddr > s->paddr) {
		segs[i] = segs[i - 1];
		i--;
	}
	segs[i] = *s;
	if (i > 0 && segs[i - 1].paddr + segs[i - 1].size > s->paddr)
		return false;
	if (i + 1 <= count && s->paddr + s->size > segs[i + 1].paddr)
		return false;
	return true;
}

bool elf_core_parse(const void *buf, size_t size,
		    struct elf_core_segment *segments, u32 max,
		    struct elf_core *out, char *msg, size_t msg_size)
{
	const u8 *b = buf;
	u64 phoff;
	u32 phnum, i;

	memset(out, 0, sizeof(*out));
	out->segments = segments;
	if (!check_header(b, size, msg, msg_size))
		return false;
	out->machine = get_u16(b + 18);
	phoff = get_u64(b + 32);
	phnum = get_u16(b + 56);
	if (phoff > size || (u64)phnum * PHDR_SIZE > size - phoff) {
		baton_snprintf(msg, msg_size,
			       "program headers (offset 0x%llx, %u entries) run past the end of the file (0x%llx bytes): truncated?",
			       (unsigned long long)phoff, phnum,
			       (unsigned long long)size);
		return false;
	}
	for (i = 0; i < phnum; i++) {
		const u8 *ph = b + phoff + (u64)i * PHDR_SIZE;
		struct elf_core_segment s;
		u32 type = get_u32(ph);

		if (type == PT_NOTE)
			out->notes++;
		if (type != PT_LOAD)
			continue;
		s.offset = get_u64(ph + 8);
		s.paddr = get_u64(ph + 24);
		s.size = get_u64(ph + 32);
		s.memsz = get_u64(ph + 40);
		if (s.size > s.memsz)
			return fail(msg, msg_size, "PT_LOAD p_filesz exceeds p_memsz", i);
		if (!s.size)
			continue;
		if (s.offset > size || s.size > size - s.offset) {
			baton_snprintf(msg, msg_size,
				       "PT_LOAD at pa 0x%llx: bytes 0x%llx..0x%llx run past the end of the file (0x%llx bytes): truncated dump (program header %u)",
				       (unsigned long long)s.paddr,
				       (unsigned long long)s.offset,
				       (unsigned long long)(s.offset + s.size),
				       (unsigned long long)size, i);
			return false;
		}
		if (s.paddr & PAGE_MASK_4K)
			return fail(msg, msg_size, "PT_LOAD p_paddr is not 4 KiB aligned", i);
		if (s.paddr + s.size < s.paddr)
			return fail(msg, msg_size, "PT_LOAD wraps past 2^64", i);
		if (out->count >= max)
			return fail(msg, msg_size, "too many PT_LOAD segments", i);
		if (!insert_sorted(segments, out->count, &s))
			return fail(msg, msg_size, "PT_LOAD overlaps another segment", i);
		out->count++;
	}
	if (!out->count) {
		baton_snprintf(msg, msg_size, "no PT_LOAD segment with bytes");
		return false;
	}
	return true;
}
