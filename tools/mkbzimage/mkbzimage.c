// SPDX-License-Identifier: MIT
/*
 * mkbzimage ELF SETUP16 OUT: wraps baton's static-pie ELF as an x86 bzImage
 * that kexec_file_load accepts: one 512-byte boot sector with the setup
 * header, one setup sector holding the real-mode setup code (SETUP16, the
 * flat binary of arch/x86_64/setup16.S, used from offset 0x26c on) and the
 * version string, then the flat memory image of the ELF's PT_LOAD segments,
 * whose 64-bit entry sits at payload offset 0x200. init_size covers
 * everything baton uses in place (.bss, stacks, page pools).
 */
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bzimage.h"

#define SETUP_SECTS		1
#define PROTOCOL_VERSION	0x020f
#define KERNEL_ALIGNMENT	0x1000
#define PREF_ADDRESS		0x100000
#define CMDLINE_SIZE		4095
#define VERSION_STRING		"baton"
#define VERSION_OFFSET		0x3f0	/* end of the setup sector */

struct image {
	uint8_t *elf;
	size_t elf_size;
	uint64_t base;		/* lowest PT_LOAD vaddr */
	uint64_t file_end;	/* end of the file-backed part (vaddr) */
	uint64_t mem_end;	/* end of memory incl. bss (vaddr) */
	uint64_t max_align;	/* largest alignment any section needs */
	uint64_t entry64;	/* vaddr of startup_64 */
	uint64_t kernel_info;	/* vaddr of kernel_info */
};

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "mkbzimage: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	exit(1);
}

static uint8_t *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long len;

	if (!f)
		die("cannot open %s", path);
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		die("cannot size %s", path);
	buf = malloc((size_t)len + 1);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len)
		die("cannot read %s", path);
	fclose(f);
	*size = (size_t)len;
	return buf;
}

static bool in_file(const struct image *img, uint64_t off, uint64_t len)
{
	return off <= img->elf_size && len <= img->elf_size - off;
}

static const Elf64_Shdr *section(const struct image *img, unsigned int i)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img->elf;

	return (const Elf64_Shdr *)(img->elf + eh->e_shoff +
				    (uint64_t)i * eh->e_shentsize);
}

static uint64_t find_symbol(const struct image *img, const char *name)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img->elf;
	unsigned int i;

	for (i = 0; i < eh->e_shnum; i++) {
		const Elf64_Shdr *sh = section(img, i), *strtab;
		const Elf64_Sym *sym;
		uint64_t n, j;

		if (sh->sh_type != SHT_SYMTAB || sh->sh_link >= eh->e_shnum)
			continue;
		strtab = section(img, sh->sh_link);
		if (!in_file(img, sh->sh_offset, sh->sh_size) ||
		    !in_file(img, strtab->sh_offset, strtab->sh_size))
			die("%s", "symbol table outside the file");
		sym = (const Elf64_Sym *)(img->elf + sh->sh_offset);
		n = sh->sh_size / sizeof(*sym);
		for (j = 0; j < n; j++) {
			uint64_t room = strtab->sh_size - sym[j].st_name;
			const char *s;

			if (sym[j].st_name >= strtab->sh_size)
				continue;
			s = (const char *)img->elf + strtab->sh_offset +
			    sym[j].st_name;
			if (strnlen(s, room) < room && !strcmp(s, name))
				return sym[j].st_value;
		}
	}
	die("symbol %s not found", name);
	return 0;
}

static void scan_elf(struct image *img)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img->elf;
	unsigned int i;

	if (img->elf_size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64 ||
	    (eh->e_type != ET_DYN && eh->e_type != ET_EXEC))
		die("%s", "not an x86-64 position-independent ELF");
	if (!in_file(img, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr)) ||
	    !in_file(img, eh->e_shoff, (uint64_t)eh->e_shnum * eh->e_shentsize))
		die("%s", "ELF headers outside the file");

	img->base = UINT64_MAX;
	for (i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = (const Elf64_Phdr *)(img->elf + eh->e_phoff) + i;

		if (ph->p_type != PT_LOAD)
			continue;
		if (!in_file(img, ph->p_offset, ph->p_filesz))
			die("%s", "PT_LOAD outside the file");
		if (ph->p_vaddr < img->base)
			img->base = ph->p_vaddr;
		if (ph->p_vaddr + ph->p_filesz > img->file_end)
			img->file_end = ph->p_vaddr + ph->p_filesz;
		if (ph->p_vaddr + ph->p_memsz > img->mem_end)
			img->mem_end = ph->p_vaddr + ph->p_memsz;
	}
	if (img->base == UINT64_MAX)
		die("%s", "no PT_LOAD segment");
	for (i = 0; i < eh->e_shnum; i++) {
		const Elf64_Shdr *sh = section(img, i);

		if ((sh->sh_flags & SHF_ALLOC) && sh->sh_addralign > img->max_align)
			img->max_align = sh->sh_addralign;
		/* Sections past the PT_LOADs (NOLOAD tables) still need room. */
		if ((sh->sh_flags & SHF_ALLOC) &&
		    sh->sh_addr + sh->sh_size > img->mem_end)
			img->mem_end = sh->sh_addr + sh->sh_size;
	}
	img->entry64 = find_symbol(img, "startup_64");
	img->kernel_info = find_symbol(img, "kernel_info");
	img->mem_end = find_symbol(img, "__image_end") > img->mem_end ?
		       find_symbol(img, "__image_end") : img->mem_end;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, v & 0xffffffff);
	put32(p + 4, v >> 32);
}

static void write_header(uint8_t *out, const struct image *img,
			 uint64_t payload_size)
{
	uint64_t init_size = (img->mem_end - img->base + 4095) & ~4095ULL;

	if (init_size > UINT32_MAX)
		die("%s", "image too large for init_size");
	out[BZ_SETUP_SECTS] = SETUP_SECTS;
	put32(out + BZ_SYSSIZE, (uint32_t)((payload_size + 15) / 16));
	put16(out + BZ_BOOT_FLAG, 0xaa55);
	out[BZ_JUMP] = 0xeb;			/* jmp short over the header */
	out[BZ_JUMP + 1] = BZ_HEADER_END - (BZ_JUMP + 2);
	memcpy(out + BZ_HEADER, "HdrS", 4);
	put16(out + BZ_VERSION, PROTOCOL_VERSION);
	put16(out + BZ_KERNEL_VERSION, VERSION_OFFSET - 0x200);
	out[BZ_LOADFLAGS] = BZ_LOADED_HIGH;
	put32(out + BZ_CODE32_START, PREF_ADDRESS);
	put32(out + BZ_INITRD_ADDR_MAX, 0x7fffffff);
	put32(out + BZ_KERNEL_ALIGNMENT, KERNEL_ALIGNMENT);
	out[BZ_RELOCATABLE] = 1;
	out[BZ_MIN_ALIGNMENT] = 12;
	put16(out + BZ_XLOADFLAGS, BZ_XLF_KERNEL_64 |
	      BZ_XLF_CAN_BE_LOADED_ABOVE_4G | BZ_XLF_5LEVEL);
	put32(out + BZ_CMDLINE_SIZE, CMDLINE_SIZE);
	put64(out + BZ_SETUP_DATA, 0);
	put64(out + BZ_PREF_ADDRESS, PREF_ADDRESS);
	put32(out + BZ_INIT_SIZE, (uint32_t)init_size);
	put32(out + BZ_KERNEL_INFO_OFFSET,
	      (uint32_t)(img->kernel_info - img->base));
	memcpy(out + VERSION_OFFSET, VERSION_STRING, sizeof(VERSION_STRING));
}

/* The real-mode code goes right after the header, up to the version. */
static void copy_setup_code(uint8_t *out, const char *path)
{
	size_t size;
	uint8_t *code = read_file(path, &size);

	if (size <= BZ_HEADER_END || size > VERSION_OFFSET)
		die("%s: setup code must end between 0x26c and 0x3f0", path);
	memcpy(out + BZ_HEADER_END, code + BZ_HEADER_END, size - BZ_HEADER_END);
	free(code);
}

static void copy_segments(uint8_t *payload, const struct image *img)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img->elf;
	unsigned int i;

	for (i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = (const Elf64_Phdr *)(img->elf + eh->e_phoff) + i;

		if (ph->p_type == PT_LOAD)
			memcpy(payload + (ph->p_vaddr - img->base),
			       img->elf + ph->p_offset, ph->p_filesz);
	}
}

int main(int argc, char **argv)
{
	struct image img = { 0 };
	uint64_t setup_size = (SETUP_SECTS + 1) * BZ_SECTOR, payload_size;
	uint8_t *out;
	FILE *f;

	if (argc != 4) {
		fprintf(stderr, "usage: mkbzimage baton.elf setup16.bin baton.bzImage\n");
		return 2;
	}
	img.elf = read_file(argv[1], &img.elf_size);
	scan_elf(&img);
	if (img.entry64 - img.base != BZ_ENTRY64_OFFSET)
		die("%s", "startup_64 is not at payload offset 0x200");
	if (img.max_align > KERNEL_ALIGNMENT)
		die("%s", "a section needs more than kernel_alignment");
	payload_size = img.file_end - img.base;
	out = calloc(1, setup_size + payload_size);
	if (!out)
		die("%s", "out of memory");
	write_header(out, &img, payload_size);
	copy_setup_code(out, argv[2]);
	copy_segments(out + setup_size, &img);

	f = fopen(argv[3], "wb");
	if (!f || fwrite(out, 1, setup_size + payload_size, f) !=
		  setup_size + payload_size || fclose(f))
		die("cannot write %s", argv[3]);
	free(out);
	free(img.elf);
	return 0;
}
