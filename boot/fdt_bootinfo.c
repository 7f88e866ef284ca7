// SPDX-License-Identifier: MIT
/*
 * struct boot_info from a DTB (boot/fdt_bootinfo.h). Every property is
 * length-checked before it is read; a malformed one is skipped and named
 * in out->problem, never followed.
 */
#include <boot/fdt_bootinfo.h>
#include <baton/printf.h>
#include <libfdt.h>
#include <luo/abi/kho.h>
#include <string.h>

static void problem(struct fdt_boot *out, const char *what)
{
	if (!out->problem[0])
		baton_snprintf(out->problem, sizeof(out->problem), "%s", what);
}

/* #address-cells / #size-cells of node, with the spec's defaults 2 / 1. */
static u32 cells(const void *fdt, int node, const char *name, u32 dflt)
{
	const fdt32_t *p;
	int len;

	p = fdt_getprop(fdt, node, name, &len);
	if (!p || len != 4)
		return dflt;
	return fdt32_to_cpu(*p);
}

static u64 read_cells(const fdt32_t *p, u32 n)
{
	u64 v = 0;

	while (n--)
		v = v << 32 | fdt32_to_cpu(*p++);
	return v;
}

static void add_ram(struct boot_info *bi, u64 addr, u64 size)
{
	struct boot_e820_entry *e;

	if (!size)
		return;
	if (bi->e820_count == BOOT_E820_MAX) {
		bi->e820_dropped++;
		return;
	}
	e = &bi->e820[bi->e820_count++];
	e->addr = addr;
	e->size = size;
	e->type = E820_TYPE_RAM;
}

static void read_memory(struct boot_info *bi, struct fdt_boot *out,
			const void *fdt, u32 ac, u32 sc)
{
	int node, len;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		const fdt32_t *reg;
		u32 stride = (ac + sc) * 4, i;

		if (!type || len != sizeof("memory") ||
		    memcmp(type, "memory", len))
			continue;
		out->memory_nodes++;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || ac < 1 || ac > 2 || sc > 2 || len % stride) {
			problem(out, "/memory reg malformed");
			continue;
		}
		for (i = 0; i < (u32)len / stride; i++)
			add_ram(bi, read_cells(reg + i * (ac + sc), ac),
				read_cells(reg + i * (ac + sc) + ac, sc));
	}
}

#define RESERVED_MAX	32

struct reserved {
	u64 start[RESERVED_MAX], end[RESERVED_MAX];
	u32 count;
};

static void add_reserved(struct fdt_boot *out, struct reserved *r, u64 addr,
			 u64 size)
{
	if (!size || addr + size < addr)
		return;
	if (r->count == RESERVED_MAX) {
		problem(out, "more reserved ranges than baton keeps");
		return;
	}
	r->start[r->count] = addr;
	r->end[r->count++] = addr + size;
}

/*
 * The header's /memreserve/ entries and every /reserved-memory child's
 * reg (in /reserved-memory's own cells): memory nobody but its owner may
 * use, no-map or not. Dynamically placed regions (size without reg) were
 * placed by the previous kernel's firmware and are not known here.
 * Linux's kexec adds a /memreserve/ for the initrd it loaded, which under
 * KHO lies inside scratch: that one stays RAM (the memory model reserves
 * the initrd from /chosen, as it does on x86), or the scratch area holding
 * it would look like memory that is not RAM.
 */
static void read_reserved(struct fdt_boot *out, const void *fdt,
			  const struct boot_info *bi, struct reserved *r)
{
	int i, n = fdt_num_mem_rsv(fdt), parent, node, len;
	u64 addr, size;
	u32 ac, sc;

	for (i = 0; i < n; i++) {
		if (fdt_get_mem_rsv(fdt, i, &addr, &size))
			continue;
		if (bi->initrd_size && addr == bi->initrd_pa &&
		    size == bi->initrd_size)
			continue;
		add_reserved(out, r, addr, size);
	}
	parent = fdt_path_offset(fdt, "/reserved-memory");
	if (parent < 0)
		return;
	ac = cells(fdt, parent, "#address-cells", 2);
	sc = cells(fdt, parent, "#size-cells", 1);
	fdt_for_each_subnode(node, fdt, parent) {
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
		u32 stride = (ac + sc) * 4, j;

		if (!reg)
			continue;
		if (ac < 1 || ac > 2 || sc > 2 || len % stride) {
			problem(out, "/reserved-memory reg malformed");
			continue;
		}
		for (j = 0; j < (u32)len / stride; j++)
			add_reserved(out, r, read_cells(reg + j * (ac + sc), ac),
				     read_cells(reg + j * (ac + sc) + ac, sc));
	}
}

/* RAM entries lose what a reserved range covers; it becomes its own entry. */
static void carve_reserved(struct boot_info *bi, const struct reserved *r)
{
	u32 i, k, n;

	for (k = 0; k < r->count; k++) {
		n = bi->e820_count;
		for (i = 0; i < n; i++) {
			struct boot_e820_entry *e = &bi->e820[i];
			u64 end = e->addr + e->size;

			if (e->type != E820_TYPE_RAM || r->end[k] <= e->addr ||
			    end <= r->start[k])
				continue;
			if (r->end[k] < end)
				add_ram(bi, r->end[k], end - r->end[k]);
			e->size = r->start[k] > e->addr ? r->start[k] - e->addr : 0;
		}
		n = bi->e820_count;
		add_ram(bi, r->start[k], r->end[k] - r->start[k]);
		if (bi->e820_count > n)
			bi->e820[n].type = E820_TYPE_RESERVED;
	}
	/* Drop emptied entries, then sort by address (insertion sort). */
	for (i = 0, n = 0; i < bi->e820_count; i++)
		if (bi->e820[i].size)
			bi->e820[n++] = bi->e820[i];
	bi->e820_count = n;
	for (i = 1; i < n; i++) {
		struct boot_e820_entry e = bi->e820[i];

		for (k = i; k && bi->e820[k - 1].addr > e.addr; k--)
			bi->e820[k] = bi->e820[k - 1];
		bi->e820[k] = e;
	}
}

/* A 32- or 64-bit big-endian number property (linux,initrd-*). */
static bool read_number(const void *fdt, int node, const char *name, u64 *v)
{
	const fdt32_t *p;
	int len;

	p = fdt_getprop(fdt, node, name, &len);
	if (!p || (len != 4 && len != 8))
		return false;
	*v = read_cells(p, (u32)len / 4);
	return true;
}

/* Exactly one (address, size) pair in the root's cells. */
static int read_pair(const void *fdt, int node, const char *name, u32 ac,
		     u32 sc, u64 *addr, u64 *size)
{
	const fdt32_t *p;
	int len;

	p = fdt_getprop(fdt, node, name, &len);
	if (!p)
		return 0;
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 ||
	    (u32)len != (ac + sc) * 4)
		return -1;
	*addr = read_cells(p, ac);
	*size = read_cells(p + ac, sc);
	return 1;
}

static void read_chosen(struct boot_info *bi, struct fdt_boot *out,
			const void *fdt, u32 ac, u32 sc)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	struct boot_kho_record *kho = &bi->kho;
	const char *args;
	u64 start, end;
	int len, f, s;

	if (chosen < 0)
		return;
	args = fdt_getprop(fdt, chosen, "bootargs", &len);
	if (args && len > 0) {
		size_t n = strnlen(args, (size_t)len);

		bi->cmdline_truncated = n >= BOOT_CMDLINE_MAX;
		n = MIN(n, (size_t)BOOT_CMDLINE_MAX - 1);
		memcpy(bi->cmdline, args, n);
		bi->cmdline[n] = '\0';
		bi->cmdline_len = (u32)n;
		bi->cmdline_pa = 0;	/* inside the DTB */
	}
	if (read_number(fdt, chosen, "linux,initrd-start", &start) &&
	    read_number(fdt, chosen, "linux,initrd-end", &end)) {
		if (end > start) {
			bi->initrd_pa = start;
			bi->initrd_size = end - start;
		} else {
			problem(out, "/chosen initrd end before start");
		}
	}
	f = read_pair(fdt, chosen, "linux,kho-fdt", ac, sc, &kho->fdt_addr,
		      &kho->fdt_size);
	s = read_pair(fdt, chosen, "linux,kho-scratch", ac, sc,
		      &kho->scratch_addr, &kho->scratch_size);
	if (f < 0 || s < 0)
		problem(out, "/chosen linux,kho-* not one (address, size) pair");
	else if (f != s)
		problem(out, "/chosen has only one of linux,kho-fdt and linux,kho-scratch");
	kho->present = f == 1 && s == 1;
	if (!kho->present)
		memset(kho, 0, sizeof(*kho));
	else	/* both pairs: all that x86's SETUP_KEXEC_KHO record holds */
		kho->len = sizeof(struct kho_data_ser);
}

/*
 * The baud rate that leads stdout-path's options ("115200n8"); 0 when
 * there is none or it is implausible, so the UART keeps the firmware's.
 */
static u32 options_baud(const char *opt)
{
	u32 baud = 0;

	for (; *opt >= '0' && *opt <= '9'; opt++) {
		baud = baud * 10 + (u32)(*opt - '0');
		if (baud > 4000000)
			return 0;
	}
	return baud;
}

/*
 * The UEFI system table and memory map Linux's EFI stub (or baton.efi)
 * names in /chosen, into bi->efi as x86's boot_params carries them: where
 * a DTB that names no console lets baton find ACPI's SPCR. Only
 * complete, 32-bit sized map properties count.
 */
static void read_uefi(struct boot_info *bi, const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	u64 systab, map, size, desc_size, desc_ver;

	if (chosen < 0 ||
	    !read_number(fdt, chosen, "linux,uefi-system-table", &systab))
		return;
	bi->efi.systab = (u32)systab;
	bi->efi.systab_hi = (u32)(systab >> 32);
	if (!read_number(fdt, chosen, "linux,uefi-mmap-start", &map) ||
	    !read_number(fdt, chosen, "linux,uefi-mmap-size", &size) ||
	    !read_number(fdt, chosen, "linux,uefi-mmap-desc-size",
			 &desc_size) ||
	    !read_number(fdt, chosen, "linux,uefi-mmap-desc-ver", &desc_ver) ||
	    size > UINT32_MAX || desc_size > UINT32_MAX ||
	    desc_ver > UINT32_MAX)
		return;
	bi->efi.memmap = (u32)map;
	bi->efi.memmap_hi = (u32)(map >> 32);
	bi->efi.memmap_size = (u32)size;
	bi->efi.memdesc_size = (u32)desc_size;
	bi->efi.memdesc_version = (u32)desc_ver;
}

static void read_console(struct fdt_boot *out, const void *fdt)
{
	struct fdt_console *con = &out->console;
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path, *colon;
	const fdt32_t *reg;
	int node, len, ac;
	size_t n;

	if (chosen < 0)
		return;
	path = fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (!path || len < 2 || strnlen(path, (size_t)len) == (size_t)len)
		return;
	colon = strchr(path, ':');
	n = colon ? (size_t)(colon - path) : strlen(path);
	if (n >= sizeof(con->path))
		return;
	memcpy(con->path, path, n);
	con->path[n] = '\0';
	con->baud = colon ? options_baud(colon + 1) : 0;
	node = fdt_path_offset_namelen(fdt, con->path, (int)n);
	if (node < 0) {
		problem(out, "/chosen/stdout-path names no node");
		return;
	}
	if (!fdt_node_check_compatible(fdt, node, "arm,pl011"))
		con->kind = FDT_CONSOLE_PL011;
	else if (!fdt_node_check_compatible(fdt, node, "ns16550a") ||
		 !fdt_node_check_compatible(fdt, node, "ns16550") ||
		 !fdt_node_check_compatible(fdt, node, "snps,dw-apb-uart"))
		con->kind = FDT_CONSOLE_8250;
	else
		return;
	ac = fdt_address_cells(fdt, fdt_parent_offset(fdt, node));
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || ac < 1 || ac > 2 || len < ac * 4) {
		con->kind = FDT_CONSOLE_NONE;
		problem(out, "stdout-path node has no usable reg");
		return;
	}
	con->base = read_cells(reg, (u32)ac);
	con->reg_shift = cells(fdt, node, "reg-shift", 0);
	con->reg_io_width = cells(fdt, node, "reg-io-width", 1);
}

int bootinfo_from_fdt(struct boot_info *bi, struct fdt_boot *out,
		      const void *fdt, phys_addr_t fdt_pa)
{
	struct reserved reserved = { .count = 0 };
	u32 ac, sc;

	memset(out, 0, sizeof(*out));
	bi->protocol = BOOT_PROTOCOL_DTB;
	bi->dtb_pa = fdt_pa;
	if (fdt_check_header(fdt)) {
		problem(out, "no valid DTB (bad header)");
		return -1;
	}
	bi->dtb_size = fdt_totalsize(fdt);
	ac = cells(fdt, 0, "#address-cells", 2);
	sc = cells(fdt, 0, "#size-cells", 1);
	read_memory(bi, out, fdt, ac, sc);
	read_chosen(bi, out, fdt, ac, sc);	/* the initrd, for read_reserved */
	read_reserved(out, fdt, bi, &reserved);
	carve_reserved(bi, &reserved);
	read_console(out, fdt);
	read_uefi(bi, fdt);
	return 0;
}
