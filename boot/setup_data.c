// SPDX-License-Identifier: MIT
/*
 * Step 3 of reading the boot information, once a RAM view exists: the
 * command line bytes, the initrd bounds and the setup_data list. Every read
 * goes through the phys_view, so a wild pointer becomes a finding.
 */
#include <boot/boot_params.h>
#include <string.h>

static void copy_cmdline(struct boot_info *bi, const struct phys_view *view,
			 struct finding_list *findings)
{
	u32 len = 0;
	char c = 0;

	bi->cmdline[0] = '\0';
	bi->cmdline_len = 0;
	if (!bi->cmdline_pa)
		return;
	/* Byte by byte: the string may end just before the edge of RAM. */
	while (len < BOOT_CMDLINE_MAX - 1) {
		if (!phys_read(view, bi->cmdline_pa + len, &c, 1)) {
			finding_add(findings, E_CMDLINE_OUT_OF_RAM,
				    bi->cmdline_pa + len,
				    "command line at 0x%llx leaves RAM after %u bytes",
				    (unsigned long long)bi->cmdline_pa, len);
			break;
		}
		if (c == '\0')
			break;
		bi->cmdline[len++] = c;
	}
	bi->cmdline[len] = '\0';
	bi->cmdline_len = len;
	if (len == BOOT_CMDLINE_MAX - 1 &&
	    (!phys_read(view, bi->cmdline_pa + len, &c, 1) || c != '\0')) {
		bi->cmdline_truncated = true;
		finding_add(findings, W_CMDLINE_TRUNCATED, bi->cmdline_pa,
			    "command line cut at %u bytes", len);
	}
}

static void check_initrd(const struct boot_info *bi,
			 const struct phys_view *view,
			 struct finding_list *findings)
{
	if (!bi->initrd_size)
		return;
	if (!phys_backed(view, bi->initrd_pa, bi->initrd_size))
		finding_add(findings, E_INITRD_OUT_OF_RAM, bi->initrd_pa,
			    "initrd [0x%llx, +0x%llx) not wholly in RAM",
			    (unsigned long long)bi->initrd_pa,
			    (unsigned long long)bi->initrd_size);
}

static void append_e820(struct boot_info *bi, const struct boot_e820_entry *e)
{
	if (bi->e820_count >= BOOT_E820_MAX) {
		bi->e820_dropped++;
		return;
	}
	bi->e820[bi->e820_count++] = *e;
}

static void parse_e820_ext(struct boot_info *bi, const struct phys_view *view,
			   phys_addr_t data_pa, u32 len,
			   struct finding_list *findings)
{
	const u8 *data = phys_map(view, data_pa, len);
	u32 count = len / sizeof(struct boot_e820_entry);
	u32 dropped_before = bi->e820_dropped;
	struct boot_e820_entry e;
	u32 i;

	if (len % sizeof(struct boot_e820_entry))
		finding_add(findings, W_E820_EXT_RAGGED, data_pa,
			    "SETUP_E820_EXT len %u: %u trailing bytes ignored",
			    len, len % (u32)sizeof(struct boot_e820_entry));
	for (i = 0; data && i < count; i++) {
		memcpy(&e, data + i * sizeof(e), sizeof(e));
		append_e820(bi, &e);
	}
	if (bi->e820_dropped != dropped_before)
		finding_add(findings, W_E820_OVERFLOW, data_pa,
			    "%u SETUP_E820_EXT entries beyond %u dropped",
			    bi->e820_dropped - dropped_before, BOOT_E820_MAX);
}

static void parse_kho(struct boot_info *bi, const struct phys_view *view,
		      phys_addr_t entry_pa, u32 len,
		      struct finding_list *findings)
{
	struct linux_kho_data kho;

	if (++bi->kho_record_count > 1) {
		finding_add(findings, E_KHO_SETUP_DATA_DUPLICATE, entry_pa,
			    "SETUP_KEXEC_KHO #%u ignored, the first is used",
			    bi->kho_record_count);
		return;
	}
	if (len < sizeof(kho)) {
		finding_add(findings, E_KHO_SETUP_DATA_SHORT, entry_pa,
			    "SETUP_KEXEC_KHO len %u, struct kho_data needs %u",
			    len, (u32)sizeof(kho));
		return;
	}
	if (!phys_read(view, entry_pa + sizeof(struct linux_setup_data), &kho,
		       sizeof(kho)))
		return;	/* unreachable: the caller checked the payload */
	bi->kho.present = true;
	bi->kho.setup_data_pa = entry_pa;
	bi->kho.len = len;
	bi->kho.fdt_addr = kho.fdt_addr;
	bi->kho.fdt_size = kho.fdt_size;
	bi->kho.scratch_addr = kho.scratch_addr;
	bi->kho.scratch_size = kho.scratch_size;
}

static void note_indirect(struct boot_info *bi, const struct phys_view *view,
			  phys_addr_t entry_pa, u32 len,
			  struct finding_list *findings)
{
	struct linux_setup_indirect ind;

	bi->setup_indirect_count++;
	if (len < sizeof(ind) ||
	    !phys_read(view, entry_pa + sizeof(struct linux_setup_data), &ind,
		       sizeof(ind))) {
		finding_add(findings, W_SETUP_INDIRECT_SHORT, entry_pa,
			    "SETUP_INDIRECT len %u, needs %u", len,
			    (u32)sizeof(ind));
		return;
	}
	finding_add(findings, I_SETUP_INDIRECT, entry_pa,
		    "indirect type 0x%x data [0x%llx, +0x%llx) not followed",
		    ind.type, (unsigned long long)ind.addr,
		    (unsigned long long)ind.len);
}

static void decode_entry(struct boot_info *bi, const struct phys_view *view,
			 const struct boot_setup_data *sd,
			 struct finding_list *findings)
{
	phys_addr_t data_pa = sd->pa + sizeof(struct linux_setup_data);

	if (sd->type & SETUP_INDIRECT)
		note_indirect(bi, view, sd->pa, sd->len, findings);
	else if (sd->type == SETUP_E820_EXT)
		parse_e820_ext(bi, view, data_pa, sd->len, findings);
	else if (sd->type == SETUP_KEXEC_KHO)
		parse_kho(bi, view, sd->pa, sd->len, findings);
}

static bool already_visited(const struct boot_info *bi, phys_addr_t pa)
{
	u32 i;

	for (i = 0; i < bi->setup_data_count; i++)
		if (bi->setup_data[i].pa == pa)
			return true;
	return false;
}

/* Checks the entry at pa can be followed; false (with a finding) if not. */
static bool entry_acceptable(struct boot_info *bi, phys_addr_t pa,
			     struct finding_list *findings)
{
	if (already_visited(bi, pa)) {
		finding_add(findings, E_SETUP_DATA_CYCLE, pa,
			    "setup_data entry 0x%llx reached twice",
			    (unsigned long long)pa);
		return false;
	}
	if (bi->setup_data_count >= BOOT_SETUP_DATA_MAX) {
		finding_add(findings, E_SETUP_DATA_TOO_LONG, pa,
			    "setup_data list longer than %u entries",
			    BOOT_SETUP_DATA_MAX);
		return false;
	}
	return true;
}

/* Reads and records one entry and its `next`; false (finding) to stop. */
static bool walk_entry(struct boot_info *bi, const struct phys_view *view,
		       phys_addr_t pa, phys_addr_t *next,
		       struct finding_list *findings)
{
	struct linux_setup_data hdr;
	struct boot_setup_data *sd;

	if (!phys_read(view, pa, &hdr, sizeof(hdr))) {
		finding_add(findings, E_SETUP_DATA_OUT_OF_RAM, pa,
			    "setup_data header at 0x%llx not in RAM",
			    (unsigned long long)pa);
		return false;
	}
	sd = &bi->setup_data[bi->setup_data_count++];
	sd->pa = pa;
	sd->type = hdr.type;
	sd->len = hdr.len;
	if (hdr.len && !phys_backed(view, pa + sizeof(hdr), hdr.len)) {
		finding_add(findings, E_SETUP_DATA_PAYLOAD_OUT_OF_RAM, pa,
			    "setup_data type %u len %u runs outside RAM",
			    hdr.type, hdr.len);
		return false;
	}
	decode_entry(bi, view, sd, findings);
	*next = hdr.next;
	return true;
}

/* Stops at the end, at a bad entry, at a revisit or after the maximum. */
static void walk_setup_data(struct boot_info *bi, const struct phys_view *view,
			    struct finding_list *findings)
{
	phys_addr_t pa = bi->setup_data_head;

	while (pa) {
		if (!entry_acceptable(bi, pa, findings) ||
		    !walk_entry(bi, view, pa, &pa, findings)) {
			bi->setup_data_truncated = true;
			return;
		}
	}
}

void bootinfo_read_handover_split(struct boot_info *bi,
				  const struct phys_view *read_view,
				  const struct phys_view *ram_view,
				  struct finding_list *findings)
{
	copy_cmdline(bi, read_view, findings);
	check_initrd(bi, ram_view, findings);
	walk_setup_data(bi, read_view, findings);
}

void bootinfo_read_handover(struct boot_info *bi, const struct phys_view *view,
			    struct finding_list *findings)
{
	bootinfo_read_handover_split(bi, view, view, findings);
}
