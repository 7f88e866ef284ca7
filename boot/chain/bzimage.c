// SPDX-License-Identifier: MIT
/* bzImage setup-header checks for the kernel baton chain-loads. */
#include <string.h>
#include <baton/linux_boot_params.h>
#include <boot/chain/bzimage.h>

#define BZIMAGE_MIN_SIZE	1024	/* boot sector + one setup sector */
#define SECTOR_SIZE		512

static bool reject(struct chain_status *st, const char *what)
{
	return chain_fail(st, CHAIN_ERR_BZIMAGE, "next kernel: %s", what);
}

static bool check_identity(const struct linux_setup_header *h,
			   bool la57_active, struct chain_status *st)
{
	if (memcmp(&h->header, "HdrS", 4) != 0)
		return reject(st, "not a bzImage (no \"HdrS\" at 0x202)");
	if (h->boot_flag != 0xaa55)
		return chain_fail(st, CHAIN_ERR_BZIMAGE,
				  "next kernel: boot_flag %#x at 0x1fe, expected 0xaa55",
				  h->boot_flag);
	if (h->version < BZIMAGE_MIN_VERSION)
		return chain_fail(st, CHAIN_ERR_BZIMAGE,
				  "next kernel: boot protocol %u.%02u, need at least 2.12",
				  h->version >> 8, h->version & 0xff);
	if (!(h->loadflags & BZ_LOADED_HIGH))
		return reject(st, "zImage, not a bzImage (LOADED_HIGH clear)");
	if (!(h->xloadflags & BZ_XLF_KERNEL_64))
		return reject(st, "no 64-bit entry (XLF_KERNEL_64 clear)");
	if (!(h->xloadflags & BZ_XLF_CAN_BE_LOADED_ABOVE_4G))
		return reject(st, "cannot be loaded above 4 GiB (XLF_CAN_BE_LOADED_ABOVE_4G clear)");
	if (la57_active && !(h->xloadflags & BZ_XLF_5LEVEL))
		return reject(st, "cannot handle 5-level paging, which is active (XLF_5LEVEL clear)");
	return true;
}

static bool check_layout(const u8 *image, size_t size,
			 const struct linux_setup_header *h,
			 struct chain_bzimage *out, struct chain_status *st)
{
	u32 header_end = 0x202 + image[0x201];

	if (header_end < BZIMAGE_SETUP_HEADER_MIN_END ||
	    header_end > BZIMAGE_SETUP_HEADER_MAX_END)
		return chain_fail(st, CHAIN_ERR_BZIMAGE,
				  "next kernel: setup header ends at %#x (jump byte %#x), expected %#x..%#x",
				  header_end, image[0x201],
				  BZIMAGE_SETUP_HEADER_MIN_END,
				  BZIMAGE_SETUP_HEADER_MAX_END);
	out->setup_header_len = header_end - BZIMAGE_SETUP_HEADER_OFFSET;
	out->setup_sects = h->setup_sects ? h->setup_sects : 4;
	out->payload_offset = ((u64)out->setup_sects + 1) * SECTOR_SIZE;
	if (out->payload_offset >= size)
		return chain_fail(st, CHAIN_ERR_BZIMAGE,
				  "next kernel: truncated: %zu bytes, but %u setup sectors put the payload at %#llx",
				  size, out->setup_sects,
				  (unsigned long long)out->payload_offset);
	out->payload_size = size - out->payload_offset;
	return true;
}

static bool check_placement_fields(const struct linux_setup_header *h,
				   struct chain_bzimage *out,
				   struct chain_status *st)
{
	u32 align = h->kernel_alignment;

	if (align == 0 || (align & (align - 1)) != 0)
		return chain_fail(st, CHAIN_ERR_BZIMAGE,
				  "next kernel: kernel_alignment %#x is not a power of two",
				  align);
	if (!h->relocatable_kernel)
		return reject(st, "not relocatable (relocatable_kernel 0)");
	if (h->init_size < out->payload_size)
		return chain_fail(st, CHAIN_ERR_BZIMAGE,
				  "next kernel: init_size %#x is smaller than the %#llx-byte payload",
				  h->init_size,
				  (unsigned long long)out->payload_size);
	out->kernel_alignment = MAX((u64)align, PAGE_SIZE);
	out->init_size = h->init_size;
	out->memsz = ALIGN_UP((u64)h->init_size, PAGE_SIZE);
	out->pref_address = h->pref_address;
	out->cmdline_size = h->cmdline_size;
	out->initrd_addr_max = h->initrd_addr_max;
	out->version = h->version;
	out->loadflags = h->loadflags;
	out->xloadflags = h->xloadflags;
	out->relocatable_kernel = h->relocatable_kernel;
	out->min_alignment = h->min_alignment;
	return true;
}

bool chain_bzimage_probe(const void *image, size_t size, bool la57_active,
			 struct chain_bzimage *out, struct chain_status *st)
{
	struct linux_setup_header h;

	memset(out, 0, sizeof(*out));
	chain_status_ok(st);
	if (!image || size < BZIMAGE_MIN_SIZE)
		return chain_fail(st, CHAIN_ERR_BZIMAGE,
				  "next kernel: %zu bytes, too short for a bzImage (at least %u)",
				  image ? size : 0, BZIMAGE_MIN_SIZE);
	memcpy(&h, (const u8 *)image + BZIMAGE_SETUP_HEADER_OFFSET, sizeof(h));
	return check_identity(&h, la57_active, st) &&
	       check_layout(image, size, &h, out, st) &&
	       check_placement_fields(&h, out, st);
}

bool chain_bzimage_cmdline_fits(const struct chain_bzimage *kernel,
				size_t len, struct chain_status *st)
{
	if (len <= kernel->cmdline_size)
		return true;
	return chain_fail(st, CHAIN_ERR_CMDLINE,
			  "next command line is %zu bytes, the kernel accepts at most %u (cmdline_size)",
			  len, kernel->cmdline_size);
}
