// SPDX-License-Identifier: MIT
/*
 * Step 1 of reading the Linux boot protocol: the fields the zero page holds
 * by value. Pointers found here are only recorded; boot/setup_data.c
 * follows them once a RAM view exists.
 */
#include <boot/boot_params.h>
#include <string.h>

/* Resets everything but the image bounds, which the entry code sets. */
void bootinfo_reset(struct boot_info *bi)
{
	phys_addr_t image_start = bi->image_start;
	phys_addr_t image_end = bi->image_end;

	memset(bi, 0, sizeof(*bi));
	bi->image_start = image_start;
	bi->image_end = image_end;
}

static void read_e820(struct boot_info *bi, const struct linux_boot_params *bp,
		      struct finding_list *findings)
{
	u32 count = bp->e820_entries;
	u32 i;

	if (count > BOOT_PARAMS_E820_MAX) {
		finding_add(findings, W_E820_TRUNCATED,
			    bi->boot_params_pa + BP_OFFSET(e820_entries),
			    "e820_entries is %u, only %u fit the zero page",
			    count, BOOT_PARAMS_E820_MAX);
		bi->e820_dropped += count - BOOT_PARAMS_E820_MAX;
		count = BOOT_PARAMS_E820_MAX;
	}
	for (i = 0; i < count; i++)
		bi->e820[i] = bp->e820_table[i];
	bi->e820_count = count;
}

/*
 * A loader that copied more than the setup header leaves the sentinel
 * non-zero; like Linux, the fields outside the header it may have filled
 * with garbage (here: the ext_* halves and the RSDP) are then ignored.
 */
static bool trust_outside_header(const struct boot_info *bi,
				 const struct linux_boot_params *bp,
				 struct finding_list *findings)
{
	if (!bp->sentinel)
		return true;
	finding_add(findings, W_BOOT_PARAMS_SENTINEL,
		    bi->boot_params_pa + BP_OFFSET(sentinel),
		    "sentinel is 0x%02x: ext_* fields and acpi_rsdp_addr ignored",
		    bp->sentinel);
	return false;
}

static void read_header(struct boot_info *bi,
			const struct linux_setup_header *hdr,
			struct finding_list *findings)
{
	if (hdr->header != BOOT_PARAMS_HDRS_MAGIC)
		finding_add(findings, W_BOOT_PARAMS_NO_HDRS,
			    bi->boot_params_pa + BP_OFFSET(hdr.header),
			    "setup header magic is 0x%08x, not HdrS",
			    hdr->header);
	bi->hdr_version = hdr->version;
	bi->type_of_loader = hdr->type_of_loader;
	bi->hdr_cmdline_size = hdr->cmdline_size;
	bi->hdr_init_size = hdr->init_size;
	bi->setup_data_head = hdr->setup_data;
}

void bootinfo_read_boot_params(struct boot_info *bi,
			       const void *boot_params_page,
			       phys_addr_t boot_params_pa,
			       struct finding_list *findings)
{
	const struct linux_boot_params *bp = boot_params_page;
	const struct linux_setup_header *hdr;
	bool ext = false;

	bootinfo_reset(bi);
	bi->protocol = BOOT_PROTOCOL_LINUX64;
	bi->boot_params_pa = boot_params_pa;
	if (!bp) {
		finding_add(findings, E_BOOT_PARAMS_NULL, 0,
			    "no boot_params (RSI was 0): nothing to read");
		return;
	}
	hdr = &bp->hdr;
	read_header(bi, hdr, findings);
	read_e820(bi, bp, findings);
	bi->efi = bp->efi_info;
	if (trust_outside_header(bi, bp, findings)) {
		ext = true;
		bi->acpi_rsdp_addr = bp->acpi_rsdp_addr;
	}
	bi->cmdline_pa = hdr->cmd_line_ptr |
			 (ext ? (u64)bp->ext_cmd_line_ptr << 32 : 0);
	bi->initrd_pa = hdr->ramdisk_image |
			(ext ? (u64)bp->ext_ramdisk_image << 32 : 0);
	bi->initrd_size = hdr->ramdisk_size |
			  (ext ? (u64)bp->ext_ramdisk_size << 32 : 0);
}
