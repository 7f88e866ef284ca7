// SPDX-License-Identifier: MIT
/*
 * Builds the next kernel's params segment. Everything is written through
 * byte offsets into the caller's buffer (memcpy), so the buffer needs no
 * alignment and the same code runs hosted and in the payload.
 */
#include <string.h>
#include <baton/linux_boot_params.h>
#include <boot/chain/boot_params_build.h>

/* Zero-page fields outside boot/boot_params.h's reduced struct. */
#define ZP_SCREEN_INFO		0x000
#define ZP_SCREEN_INFO_SIZE	0x040
#define ZP_EDD_MBR_SIG_BUFFER	0x290
#define ZP_EDD_MBR_SIG_SIZE	0x040
#define ZP_EDDBUF		0xd00
#define ZP_EDDBUF_SIZE		0x1ec	/* 6 x 82-byte edd_info */

#define E820_ENTRY_SIZE		20
#define SETUP_DATA_HEADER_SIZE	16
#define KHO_DATA_SIZE		32

static void put_u8(u8 *p, size_t off, u8 v)
{
	p[off] = v;
}

static void put_u32(u8 *p, size_t off, u32 v)
{
	memcpy(p + off, &v, sizeof(v));
}

static void put_u64(u8 *p, size_t off, u64 v)
{
	memcpy(p + off, &v, sizeof(v));
}

static bool add_entry(struct chain_params_layout *l,
		      enum chain_entry_source source, u32 src_index, u32 type,
		      u32 len, struct chain_status *st)
{
	struct chain_params_entry *e;

	if (l->entry_count >= CHAIN_PARAMS_ENTRIES_MAX)
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "more than %u setup_data entries",
				  CHAIN_PARAMS_ENTRIES_MAX);
	e = &l->entries[l->entry_count++];
	e->source = source;
	e->src_index = src_index;
	e->type = type;
	e->len = len;
	return true;
}

static bool check_kho(const struct chain_params_input *in,
		      const struct boot_setup_data *sd,
		      struct chain_status *st)
{
	const struct boot_kho_record *kho = &in->bi->kho;

	if (!kho->present || kho->setup_data_pa != sd->pa)
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "SETUP_KEXEC_KHO at %#llx is not the decoded KHO record",
				  (unsigned long long)sd->pa);
	if (kho->scratch_size == 0 || kho->scratch_size % 16 != 0 ||
	    kho->scratch_size > CHAIN_KHO_SCRATCH_MAX)
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "KHO scratch array size %#llx is not a non-zero multiple of 16 up to %#x",
				  (unsigned long long)kho->scratch_size,
				  CHAIN_KHO_SCRATCH_MAX);
	if (!phys_backed(in->view, kho->scratch_addr, kho->scratch_size))
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "KHO scratch array [%#llx, +%#llx) is not readable",
				  (unsigned long long)kho->scratch_addr,
				  (unsigned long long)kho->scratch_size);
	return true;
}

static bool layout_incoming(const struct chain_params_input *in,
			    struct chain_params_layout *l,
			    struct chain_status *st)
{
	const struct boot_info *bi = in->bi;
	bool have_kho = false, seeded = false;
	u32 i;

	for (i = 0; i < bi->setup_data_count; i++) {
		const struct boot_setup_data *sd = &bi->setup_data[i];
		bool ok = true;

		switch (sd->type) {
		case SETUP_E820_EXT:
			break;	/* re-emitted from bi->e820 */
		case SETUP_RNG_SEED:
			/* One fresh seed replaces the first; the rest go. */
			if (in->rng_seed && !seeded) {
				seeded = true;
				ok = add_entry(l, CHAIN_ENTRY_RNG_SEED, i,
					       SETUP_RNG_SEED,
					       CHAIN_RNG_SEED_SIZE, st);
			} else {
				l->dropped_rng_seeds++;
			}
			break;
		case SETUP_KEXEC_KHO:
			if (have_kho)
				return chain_fail(st, CHAIN_ERR_PARAMS,
						  "second SETUP_KEXEC_KHO at %#llx",
						  (unsigned long long)sd->pa);
			have_kho = true;
			ok = check_kho(in, sd, st) &&
			     add_entry(l, CHAIN_ENTRY_KHO, i, SETUP_KEXEC_KHO,
				       KHO_DATA_SIZE +
				       (u32)bi->kho.scratch_size, st);
			break;
		default:
			if (!phys_backed(in->view,
					 sd->pa + SETUP_DATA_HEADER_SIZE,
					 sd->len))
				return chain_fail(st, CHAIN_ERR_PARAMS,
						  "setup_data type %#x at %#llx: %u-byte payload not readable",
						  sd->type,
						  (unsigned long long)sd->pa,
						  sd->len);
			ok = add_entry(l, CHAIN_ENTRY_FORWARD, i, sd->type,
				       sd->len, st);
			break;
		}
		if (!ok)
			return false;
	}
	if (in->rng_seed && !seeded)
		return add_entry(l, CHAIN_ENTRY_RNG_SEED, 0, SETUP_RNG_SEED,
				 CHAIN_RNG_SEED_SIZE, st);
	return true;
}

static bool check_inputs(const struct chain_params_input *in,
			 struct chain_params_layout *l,
			 struct chain_status *st)
{
	const struct boot_info *bi = in->bi;

	if (bi->setup_data_truncated)
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "incoming setup_data list is truncated (%u entries read); refusing to forward part of it",
				  bi->setup_data_count);
	if (bi->e820_dropped)
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "incoming e820 has %u entries beyond the %u baton keeps; cannot forward it unchanged",
				  bi->e820_dropped, BOOT_E820_MAX);
	l->cmdline_len = in->cmdline ? strlen(in->cmdline) : 0;
	return chain_bzimage_cmdline_fits(in->kernel, l->cmdline_len, st);
}

static void assign_offsets(struct chain_params_layout *l)
{
	u64 pos = ALIGN_UP(CHAIN_CMDLINE_OFFSET + l->cmdline_len + 1,
			   (u64)CHAIN_SETUP_DATA_ALIGN);
	u32 i;

	for (i = 0; i < l->entry_count; i++) {
		l->entries[i].offset = pos;
		pos = ALIGN_UP(pos + SETUP_DATA_HEADER_SIZE + l->entries[i].len,
			       (u64)CHAIN_SETUP_DATA_ALIGN);
	}
	l->total_size = pos;
}

bool chain_params_layout(const struct chain_params_input *in,
			 struct chain_params_layout *l,
			 struct chain_status *st)
{
	const struct boot_info *bi = in->bi;

	memset(l, 0, sizeof(*l));
	chain_status_ok(st);
	if (!check_inputs(in, l, st) || !layout_incoming(in, l, st))
		return false;
	l->e820_zeropage = MIN(bi->e820_count, (u32)CHAIN_ZEROPAGE_E820_MAX);
	l->e820_ext = bi->e820_count - l->e820_zeropage;
	if (l->e820_ext &&
	    !add_entry(l, CHAIN_ENTRY_E820_EXT, 0, SETUP_E820_EXT,
		       l->e820_ext * E820_ENTRY_SIZE, st))
		return false;
	if (in->extra &&
	    !add_entry(l, CHAIN_ENTRY_EXTRA, 0, in->extra->type,
		       in->extra->len, st))
		return false;
	assign_offsets(l);
	return true;
}

/* What the old zero page described about the machine, kept as it was. */
static void forward_zeropage(const struct chain_params_input *in, u8 *zp)
{
	const u8 *old = in->incoming_boot_params;
	const struct boot_info *bi = in->bi;

	put_u64(zp, BP_OFFSET(acpi_rsdp_addr), bi->acpi_rsdp_addr);
	memcpy(zp + BP_OFFSET(efi_info), &bi->efi, sizeof(bi->efi));
	if (!old)
		return;
	memcpy(zp + ZP_SCREEN_INFO, old + ZP_SCREEN_INFO, ZP_SCREEN_INFO_SIZE);
	memcpy(zp + BP_OFFSET(alt_mem_k), old + BP_OFFSET(alt_mem_k), 4);
	zp[BP_OFFSET(eddbuf_entries)] = old[BP_OFFSET(eddbuf_entries)];
	zp[BP_OFFSET(edd_mbr_sig_buf_entries)] =
		old[BP_OFFSET(edd_mbr_sig_buf_entries)];
	zp[BP_OFFSET(secure_boot)] = old[BP_OFFSET(secure_boot)];
	memcpy(zp + ZP_EDD_MBR_SIG_BUFFER, old + ZP_EDD_MBR_SIG_BUFFER,
	       ZP_EDD_MBR_SIG_SIZE);
	memcpy(zp + ZP_EDDBUF, old + ZP_EDDBUF, ZP_EDDBUF_SIZE);
}

static void write_header(const struct chain_params_input *in,
			 const struct chain_params_layout *l,
			 phys_addr_t params_pa, u8 *zp)
{
	const u8 *old = in->incoming_boot_params;
	phys_addr_t cmdline_pa = params_pa + CHAIN_CMDLINE_OFFSET;

	memcpy(zp + BZIMAGE_SETUP_HEADER_OFFSET,
	       (const u8 *)in->kernel_image + BZIMAGE_SETUP_HEADER_OFFSET,
	       in->kernel->setup_header_len);
	put_u8(zp, BP_OFFSET(hdr.type_of_loader), CHAIN_LOADER_TYPE);
	put_u8(zp, BP_OFFSET(hdr.loadflags), 0);
	put_u32(zp, BP_OFFSET(hdr.cmd_line_ptr), (u32)cmdline_pa);
	put_u32(zp, BP_OFFSET(ext_cmd_line_ptr), (u32)(cmdline_pa >> 32));
	put_u32(zp, BP_OFFSET(hdr.ramdisk_image), (u32)in->initrd_pa);
	put_u32(zp, BP_OFFSET(ext_ramdisk_image), (u32)(in->initrd_pa >> 32));
	put_u32(zp, BP_OFFSET(hdr.ramdisk_size), (u32)in->initrd_size);
	put_u32(zp, BP_OFFSET(ext_ramdisk_size), (u32)(in->initrd_size >> 32));
	if (!in->initrd_size) {
		put_u32(zp, BP_OFFSET(hdr.ramdisk_image), 0);
		put_u32(zp, BP_OFFSET(ext_ramdisk_image), 0);
	}
	if (old)
		memcpy(zp + BP_OFFSET(hdr.hardware_subarch),
		       old + BP_OFFSET(hdr.hardware_subarch), 4 + 8);
	put_u64(zp, BP_OFFSET(hdr.setup_data),
		l->entry_count ? params_pa + l->entries[0].offset : 0);
}

static void write_e820(const struct boot_info *bi,
		       const struct chain_params_layout *l, u8 *zp)
{
	u32 i;

	zp[BP_OFFSET(e820_entries)] = (u8)l->e820_zeropage;
	for (i = 0; i < l->e820_zeropage; i++) {
		size_t off = BP_OFFSET(e820_table) +
			     (size_t)i * E820_ENTRY_SIZE;

		put_u64(zp, off, bi->e820[i].addr);
		put_u64(zp, off + 8, bi->e820[i].size);
		put_u32(zp, off + 16, bi->e820[i].type);
	}
}

static void write_e820_ext(const struct boot_info *bi,
			   const struct chain_params_layout *l, u8 *payload)
{
	u32 i;

	for (i = 0; i < l->e820_ext; i++) {
		const struct boot_e820_entry *e =
			&bi->e820[l->e820_zeropage + i];
		size_t off = (size_t)i * E820_ENTRY_SIZE;

		put_u64(payload, off, e->addr);
		put_u64(payload, off + 8, e->size);
		put_u32(payload, off + 16, e->type);
	}
}

static bool write_kho(const struct chain_params_input *in,
		      phys_addr_t payload_pa, u8 *payload,
		      struct chain_status *st)
{
	const struct boot_kho_record *kho = &in->bi->kho;

	put_u64(payload, 0, in->kho_fdt_pa ? in->kho_fdt_pa : kho->fdt_addr);
	put_u64(payload, 8, CHAIN_KHO_FDT_SIZE);
	put_u64(payload, 16, payload_pa + KHO_DATA_SIZE);
	put_u64(payload, 24, kho->scratch_size);
	if (!phys_read(in->view, kho->scratch_addr, payload + KHO_DATA_SIZE,
		       kho->scratch_size))
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "KHO scratch array at %#llx became unreadable",
				  (unsigned long long)kho->scratch_addr);
	return true;
}

static bool write_payload(const struct chain_params_input *in,
			  const struct chain_params_layout *l,
			  const struct chain_params_entry *e,
			  phys_addr_t payload_pa, u8 *payload,
			  struct chain_status *st)
{
	const struct boot_setup_data *sd = &in->bi->setup_data[e->src_index];

	switch (e->source) {
	case CHAIN_ENTRY_FORWARD:
		if (!phys_read(in->view, sd->pa + SETUP_DATA_HEADER_SIZE,
			       payload, e->len))
			return chain_fail(st, CHAIN_ERR_PARAMS,
					  "setup_data at %#llx became unreadable",
					  (unsigned long long)sd->pa);
		return true;
	case CHAIN_ENTRY_KHO:
		return write_kho(in, payload_pa, payload, st);
	case CHAIN_ENTRY_RNG_SEED:
		memcpy(payload, in->rng_seed, CHAIN_RNG_SEED_SIZE);
		return true;
	case CHAIN_ENTRY_E820_EXT:
		write_e820_ext(in->bi, l, payload);
		return true;
	case CHAIN_ENTRY_EXTRA:
		if (e->len)
			memcpy(payload, in->extra->data, e->len);
		return true;
	}
	return chain_fail(st, CHAIN_ERR_PARAMS, "bad entry source %d",
			  (int)e->source);
}

static bool write_setup_data(const struct chain_params_input *in,
			     const struct chain_params_layout *l,
			     phys_addr_t params_pa, u8 *seg,
			     struct chain_status *st)
{
	u32 i;

	for (i = 0; i < l->entry_count; i++) {
		const struct chain_params_entry *e = &l->entries[i];
		u8 *hdr = seg + e->offset;
		u64 payload = e->offset + SETUP_DATA_HEADER_SIZE;
		u64 next = i + 1 < l->entry_count ?
			   params_pa + l->entries[i + 1].offset : 0;

		put_u64(hdr, 0, next);
		put_u32(hdr, 8, e->type);
		put_u32(hdr, 12, e->len);
		if (!write_payload(in, l, e, params_pa + payload,
				   seg + payload, st))
			return false;
	}
	return true;
}

bool chain_params_build(const struct chain_params_input *in,
			const struct chain_params_layout *l,
			phys_addr_t params_pa, void *out, size_t out_size,
			struct chain_status *st)
{
	u8 *seg = out;

	chain_status_ok(st);
	if (out_size < l->total_size)
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "params buffer %#zx bytes, layout needs %#llx",
				  out_size, (unsigned long long)l->total_size);
	if (!IS_ALIGNED(params_pa, PAGE_SIZE))
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "params address %#llx is not page aligned",
				  (unsigned long long)params_pa);
	memset(seg, 0, l->total_size);
	forward_zeropage(in, seg);
	write_header(in, l, params_pa, seg);
	write_e820(in->bi, l, seg);
	if (l->cmdline_len)
		memcpy(seg + CHAIN_CMDLINE_OFFSET, in->cmdline, l->cmdline_len);
	return write_setup_data(in, l, params_pa, seg, st);
}
