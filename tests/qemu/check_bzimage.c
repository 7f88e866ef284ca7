// SPDX-License-Identifier: MIT
/*
 * check_bzimage BZIMAGE ELF: checks build/baton.bzImage against every rule
 * Linux 7.2's kexec_file_load applies (bzImage64_probe, bzImage64_load,
 * the segment sanity checks) and against the exact header values baton
 * chooses (docs/boot.md), and that the payload is the ELF's memory image.
 * Values are spelled out here on purpose, not taken from mkbzimage.
 * Finally baton's own probe for the next kernel (boot/chain/bzimage.c, an
 * independent reading of the same kexec rules) must accept it too.
 */
#include <elf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <boot/chain/bzimage.h>

static int failures;

static void result(bool ok, const char *name, const char *detail)
{
	if (ok) {
		printf("PASS: bzimage_%s\n", name);
	} else {
		printf("FAIL: bzimage_%s (%s)\n", name, detail);
		failures++;
	}
}

static uint8_t *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long len;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (len = ftell(f)) >= 0 &&
	    !fseek(f, 0, SEEK_SET)) {
		buf = malloc((size_t)len + 1);
		if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
			free(buf);
			buf = NULL;
		}
		*size = (size_t)len;
	}
	fclose(f);
	return buf;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
	return get16(p) | (uint32_t)get16(p + 2) << 16;
}

static uint64_t get64(const uint8_t *p)
{
	return get32(p) | (uint64_t)get32(p + 4) << 32;
}

struct elf_facts {
	uint64_t base, mem_end, max_align, entry64;
	const uint8_t *elf;
	size_t size;
};

static bool symbol(const struct elf_facts *e, const char *name, uint64_t *val)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)e->elf;
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(e->elf + eh->e_shoff);
	unsigned int i;

	for (i = 0; i < eh->e_shnum; i++) {
		const Elf64_Sym *sym = (const Elf64_Sym *)(e->elf + sh[i].sh_offset);
		const char *str;
		size_t j;

		if (sh[i].sh_type != SHT_SYMTAB)
			continue;
		str = (const char *)e->elf + sh[sh[i].sh_link].sh_offset;
		for (j = 0; j < sh[i].sh_size / sizeof(*sym); j++) {
			if (!strcmp(str + sym[j].st_name, name)) {
				*val = sym[j].st_value;
				return true;
			}
		}
	}
	return false;
}

static bool scan_elf(struct elf_facts *e)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)e->elf;
	const Elf64_Shdr *sh;
	unsigned int i;

	if (e->size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return false;
	sh = (const Elf64_Shdr *)(e->elf + eh->e_shoff);
	for (i = 0; i < eh->e_shnum; i++)
		if ((sh[i].sh_flags & SHF_ALLOC) && sh[i].sh_addralign > e->max_align)
			e->max_align = sh[i].sh_addralign;
	return symbol(e, "_start", &e->base) &&
	       symbol(e, "__image_end", &e->mem_end) &&
	       symbol(e, "startup_64", &e->entry64);
}

/* Every PT_LOAD's file bytes must sit at (vaddr - base) in the payload. */
static bool payload_matches(const struct elf_facts *e, const uint8_t *payload,
			    size_t payload_len)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)e->elf;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(e->elf + eh->e_phoff);
	unsigned int i;

	for (i = 0; i < eh->e_phnum; i++) {
		uint64_t off = ph[i].p_vaddr - e->base;

		if (ph[i].p_type != PT_LOAD)
			continue;
		if (off + ph[i].p_filesz > payload_len ||
		    memcmp(payload + off, e->elf + ph[i].p_offset, ph[i].p_filesz))
			return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	struct elf_facts e = { 0 };
	uint8_t *img;
	size_t len = 0;
	unsigned int sects;
	uint64_t kern16, payload_len, init_size, expect_init;
	uint32_t align, ki;
	char detail[256];

	if (argc != 3) {
		fprintf(stderr, "usage: check_bzimage baton.bzImage baton.elf\n");
		return 2;
	}
	img = read_file(argv[1], &len);
	e.elf = read_file(argv[2], &e.size);
	if (!img || !e.elf || !scan_elf(&e)) {
		printf("FAIL: bzimage_read (cannot read %s or %s)\n", argv[1], argv[2]);
		return 1;
	}
	result(len >= 1024, "min_length", "kexec: file shorter than 2 sectors");
	if (len < 1024)
		return 1;

	/* bzImage64_probe */
	result(!memcmp(img + 0x202, "HdrS", 4), "magic_hdrs", "no HdrS at 0x202");
	result(get16(img + 0x1fe) == 0xaa55, "boot_flag", "boot_flag != 0xAA55");
	result(get16(img + 0x206) == 0x020f, "version",
	       "protocol version != 0x020f (kexec needs >= 0x020c)");
	result(img[0x211] == 0x01, "loadflags",
	       "loadflags != LOADED_HIGH only");
	result(get16(img + 0x236) == 0x0023, "xloadflags",
	       "xloadflags != KERNEL_64|CAN_BE_LOADED_ABOVE_4G|5LEVEL");

	/* bzImage64_load */
	sects = img[0x1f1] ? img[0x1f1] : 4;
	kern16 = (sects + 1) * 512ULL;
	result(img[0x1f1] == 1, "setup_sects", "setup_sects != 1");
	result(len >= kern16, "not_truncated", "file shorter than setup");
	result(img[0x200] == 0xeb && img[0x201] == 0x6a, "jump",
	       "jump != eb 6a (header must end at 0x26c)");
	result(get32(img + 0x238) == 4095, "cmdline_size", "cmdline_size != 4095");
	result(get32(img + 0x238) >= 2048 + 30, "cmdline_room",
	       "no room for a 2 KiB command line plus elfcorehdr=");
	result(get64(img + 0x250) == 0, "setup_data", "setup_data != 0");
	result(get64(img + 0x258) == 0x100000, "pref_address",
	       "pref_address != 1 MiB");
	align = get32(img + 0x230);
	result(align == 0x1000, "kernel_alignment", "kernel_alignment != 0x1000");
	result(align && !(align & (align - 1)) && align >= e.max_align,
	       "alignment_power_of_two",
	       "kernel_alignment not a power of two covering every section");
	result(img[0x234] == 1 && img[0x235] == 12, "relocatable",
	       "relocatable_kernel != 1 or min_alignment != 12");

	payload_len = len - kern16;
	init_size = get32(img + 0x260);
	expect_init = (e.mem_end - e.base + 4095) & ~4095ULL;
	snprintf(detail, sizeof(detail), "init_size 0x%llx, image needs 0x%llx",
		 (unsigned long long)init_size, (unsigned long long)expect_init);
	result(init_size == expect_init, "init_size", detail);
	result(((init_size + 4095) & ~4095ULL) >= payload_len, "bufsz_le_memsz",
	       "payload longer than PAGE_ALIGN(init_size)");
	result(get32(img + 0x1f4) == (payload_len + 15) / 16, "syssize",
	       "syssize != payload paragraphs");
	result(get32(img + 0x264) == 0, "handover_offset", "handover_offset != 0");
	ki = get32(img + 0x268);
	result(ki && ki + 16 <= payload_len && !memcmp(img + kern16 + ki, "LToP", 4),
	       "kernel_info", "kernel_info_offset does not point at LToP");
	result(!strcmp((const char *)img + 0x200 + get16(img + 0x20e), "baton"),
	       "kernel_version", "kernel_version string is not \"baton\"");

	/* The jump at 0x200 lands on the real-mode setup code (cli; cld). */
	result(img[0x26c] == 0xfa && img[0x26d] == 0xfc, "setup_code",
	       "no real-mode setup code at 0x26c");

	/* The payload is the ELF image and enters at 0x200 with cli; cld. */
	result(e.entry64 - e.base == 0x200, "entry64_offset",
	       "startup_64 not at image offset 0x200");
	result(payload_len > 0x202 && img[kern16 + 0x200] == 0xfa &&
	       img[kern16 + 0x201] == 0xfc, "entry64_code",
	       "payload+0x200 does not start with cli; cld");
	result(payload_matches(&e, img + kern16, payload_len), "payload_is_elf",
	       "payload bytes differ from the ELF's PT_LOAD contents");
	{
		struct chain_bzimage bz;
		struct chain_status st;
		bool ok = chain_bzimage_probe(img, len, true, &bz, &st);

		snprintf(detail, sizeof(detail), "chain_bzimage_probe: %s",
			 ok ? "fields differ" : st.message);
		result(ok && bz.payload_offset == 0x400 &&
		       bz.memsz == expect_init && bz.kernel_alignment == 0x1000 &&
		       bz.setup_header_len == 0x26c - 0x1f1,
		       "chain_probe_accepts", detail);
	}
	free(img);
	free((void *)e.elf);
	return failures ? 1 : 0;
}
