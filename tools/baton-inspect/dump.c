// SPDX-License-Identifier: MIT
/*
 * `baton-inspect dump`: a QEMU dump-guest-memory ELF core mapped read-only,
 * one window per PT_LOAD, and the SETUP_KEXEC_KHO record taken from the
 * command line, from boot_params, or found by scanning guest memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libfdt.h>
#include <boot/boot_params.h>
#include <luo/abi.h>
#include "elf_core.h"
#include "inspect.h"

#define SEGMENTS_MAX		4096
#define SCAN_LEN_MAX		4096	/* setup_data len we believe */
#define SCAN_CANDIDATES_MAX	16

static struct elf_core_segment segments[SEGMENTS_MAX];

static bool map_dump(const char *path, struct inspect_input *in)
{
	struct elf_core core;
	char msg[ELF_CORE_MESSAGE_MAX];
	struct stat st;
	const u8 *file;
	u32 i;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st)) {
		inspect_error("%s: %s", path, strerror(errno));
		return false;
	}
	if (!S_ISREG(st.st_mode) || !st.st_size) {
		inspect_error("%s: not a non-empty regular file", path);
		return false;
	}
	file = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (file == MAP_FAILED) {
		inspect_error("%s: mmap: %s", path, strerror(errno));
		return false;
	}
	if (!elf_core_parse(file, st.st_size, segments, SEGMENTS_MAX, &core,
			    msg, sizeof(msg))) {
		inspect_error("%s: %s", path, msg);
		return false;
	}
	for (i = 0; i < core.count; i++)
		if (!inspect_add_window(in, segments[i].paddr,
					file + segments[i].offset,
					segments[i].size))
			return false;
	return inspect_finish_view(in);
}

static bool is_kho_fdt(const struct phys_view *view, u64 pa);

/* "ADDR" or "ADDR:SIZE" (SIZE optional only when dflt is non-zero). */
static bool parse_range(const char *s, u64 *addr, u64 *size, u64 dflt)
{
	char buf[64];
	char *colon;

	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	colon = strchr(buf, ':');
	if (!colon) {
		*size = dflt;
		return dflt && inspect_parse_u64(buf, addr);
	}
	*colon = 0;
	return inspect_parse_u64(buf, addr) &&
	       inspect_parse_u64(colon + 1, size) && *size;
}

static bool record_from_options(struct inspect_input *in,
				const struct inspect_options *opt)
{
	u64 fdt, fdt_size, scratch, scratch_size;

	if (!opt->scratch) {
		inspect_error("--kho-fdt needs --scratch ADDR:SIZE (the kho_scratch[] array)");
		return false;
	}
	if (!parse_range(opt->kho_fdt, &fdt, &fdt_size, PAGE_SIZE) ||
	    !parse_range(opt->scratch, &scratch, &scratch_size, 0)) {
		inspect_error("bad --kho-fdt ADDR[:SIZE] or --scratch ADDR:SIZE");
		return false;
	}
	if (!is_kho_fdt(&in->view, fdt)) {
		inspect_error("--kho-fdt 0x%llx: no KHO FDT there (not in the dump, no FDT header, or root compatible not \"kho-v*\")",
			      (unsigned long long)fdt);
		return false;
	}
	/* A size the parser would refuse is its finding; an address is ours. */
	if (!phys_backed(&in->view, scratch, 1)) {
		inspect_error("--scratch 0x%llx: not in the dump",
			      (unsigned long long)scratch);
		return false;
	}
	in->kho = (struct boot_kho_record){
		.present = true, .len = sizeof(struct kho_data_ser),
		.fdt_addr = fdt, .fdt_size = fdt_size,
		.scratch_addr = scratch, .scratch_size = scratch_size,
	};
	return true;
}

/* baton's own boot steps over the dump: boot_params, then setup_data. */
static bool record_from_boot_params(struct inspect_input *in,
				    const char *arg)
{
	const struct linux_boot_params *bp;
	void *page;
	u64 pa;

	if (!inspect_parse_u64(arg, &pa)) {
		inspect_error("bad --boot-params ADDR: %s", arg);
		return false;
	}
	/* A copy: the dump keeps no alignment for the structure's fields. */
	page = malloc(BOOT_PARAMS_SIZE);
	in->boot = calloc(1, sizeof(*in->boot));
	if (!page || !in->boot)
		return false;
	in->keep[1] = page;
	if (!phys_read(&in->view, pa, page, BOOT_PARAMS_SIZE)) {
		inspect_error("--boot-params 0x%llx: not in the dump",
			      (unsigned long long)pa);
		return false;
	}
	/*
	 * Every loader that hands over KHO (kexec_file, baton.efi) copies the
	 * setup header: without its magic the address is not boot_params.
	 */
	bp = page;
	if (bp->hdr.header != BOOT_PARAMS_HDRS_MAGIC) {
		inspect_error("--boot-params 0x%llx: no boot_params there (setup header magic at +0x202 is 0x%08x, not \"HdrS\")",
			      (unsigned long long)pa, bp->hdr.header);
		return false;
	}
	bootinfo_read_boot_params(in->boot, page, pa, &in->boot_findings);
	bootinfo_read_handover(in->boot, &in->view, &in->boot_findings);
	in->kho = in->boot->kho;
	if (!in->kho.present)
		fprintf(stderr, "baton-inspect: note: no SETUP_KEXEC_KHO record in the setup_data list of boot_params 0x%llx\n",
			(unsigned long long)pa);
	return true;
}

/*
 * A KHO root FDT at pa: valid header, root compatible "kho-v...". Copied
 * first: a segment's file offset need not keep the FDT 8-byte aligned,
 * which libfdt requires.
 */
static bool is_kho_fdt(const struct phys_view *view, u64 pa)
{
	u64 head[8];	/* the header, aligned for libfdt's accessors */
	const char *compat;
	bool ok = false;
	void *fdt;
	u32 size;
	int len;

	if (!phys_read(view, pa, head, sizeof(head)) ||
	    fdt_magic(head) != FDT_MAGIC)
		return false;
	size = fdt_totalsize(head);
	if (size < 64 || size > (1u << 20) || !phys_backed(view, pa, size))
		return false;
	fdt = malloc(size);
	if (!fdt)
		return false;
	phys_read(view, pa, fdt, size);
	if (!fdt_check_header(fdt)) {
		compat = fdt_getprop(fdt, 0, "compatible", &len);
		ok = compat && len > 5 && !memcmp(compat, "kho-v", 5);
	}
	free(fdt);
	return ok;
}

/* The setup_data header + kho_data at pa, if it looks like the record. */
static bool plausible_record(const struct phys_view *view, u64 pa,
			     struct boot_kho_record *rec)
{
	const u8 *p = phys_map(view, pa, 16 + sizeof(struct kho_data_ser));
	struct kho_data_ser k;
	u32 type, len;

	if (!p)
		return false;
	memcpy(&type, p + 8, 4);
	memcpy(&len, p + 12, 4);
	if (type != SETUP_KEXEC_KHO || len < sizeof(k) || len > SCAN_LEN_MAX)
		return false;
	memcpy(&k, p + 16, sizeof(k));
	if (!k.fdt_addr || (k.fdt_addr & (PAGE_SIZE - 1)) || !k.fdt_size ||
	    !k.scratch_size || k.scratch_size % sizeof(struct kho_scratch_ser) ||
	    !phys_backed(view, k.scratch_addr, k.scratch_size) ||
	    !is_kho_fdt(view, k.fdt_addr))
		return false;
	*rec = (struct boot_kho_record){
		.present = true, .setup_data_pa = pa, .len = len,
		.fdt_addr = k.fdt_addr, .fdt_size = k.fdt_size,
		.scratch_addr = k.scratch_addr, .scratch_size = k.scratch_size,
	};
	return true;
}

static bool same_record(const struct boot_kho_record *a,
			const struct boot_kho_record *b)
{
	return a->fdt_addr == b->fdt_addr && a->fdt_size == b->fdt_size &&
	       a->scratch_addr == b->scratch_addr &&
	       a->scratch_size == b->scratch_size;
}

/*
 * Every 8-byte aligned spot of guest memory is tried: copies of the record
 * (kexec's source buffer and its destination) are expected and must agree.
 */
static bool record_by_scan(struct inspect_input *in)
{
	struct boot_kho_record found[SCAN_CANDIDATES_MAX], rec;
	u32 n = 0, copies = 0, i, w;

	for (w = 0; w < in->view.count; w++) {
		const struct phys_window *win = &in->view.windows[w];
		u64 off;

		for (off = 0; off + 48 <= win->size; off += 8) {
			const u8 *p = win->host + off;

			if (p[8] != SETUP_KEXEC_KHO || p[9] || p[10] || p[11])
				continue;
			if (!plausible_record(&in->view, win->pa + off, &rec))
				continue;
			copies++;
			for (i = 0; i < n && !same_record(&found[i], &rec); i++)
				;
			if (i == n && n < SCAN_CANDIDATES_MAX)
				found[n++] = rec;
		}
	}
	if (!n) {
		inspect_error("no SETUP_KEXEC_KHO record found in the dump (type 10, len >= 32, page-aligned fdt_addr at a \"kho-v*\" FDT); give --boot-params ADDR or --kho-fdt ADDR --scratch ADDR:SIZE");
		return false;
	}
	if (n > 1) {
		inspect_error("%u different SETUP_KEXEC_KHO records found (first fdt 0x%llx, second fdt 0x%llx); choose one with --kho-fdt ADDR --scratch ADDR:SIZE",
			      n, (unsigned long long)found[0].fdt_addr,
			      (unsigned long long)found[1].fdt_addr);
		return false;
	}
	fprintf(stderr, "baton-inspect: note: SETUP_KEXEC_KHO record found by scanning at 0x%llx (%u cop%s): fdt 0x%llx scratch 0x%llx+0x%llx\n",
		(unsigned long long)found[0].setup_data_pa, copies,
		copies == 1 ? "y" : "ies",
		(unsigned long long)found[0].fdt_addr,
		(unsigned long long)found[0].scratch_addr,
		(unsigned long long)found[0].scratch_size);
	in->kho = found[0];
	return true;
}

int inspect_dump(const char *path, const struct inspect_options *opt)
{
	struct inspect_input *in = inspect_input_new();
	int status, extracted;
	bool ok;

	if (!in || !map_dump(path, in))
		return INSPECT_EXIT_UNUSABLE;
	if (opt->kho_fdt)
		ok = record_from_options(in, opt);
	else if (opt->boot_params)
		ok = record_from_boot_params(in, opt->boot_params);
	else
		ok = record_by_scan(in);
	if (!ok)
		return INSPECT_EXIT_UNUSABLE;
	if (!opt->extract)
		return inspect_report(in, opt);
	inspect_extract_prepare(in);
	status = inspect_report(in, opt);
	extracted = inspect_extract(in, opt->extract);
	return extracted == INSPECT_EXIT_CLEAN ? status : extracted;
}
