/* SPDX-License-Identifier: MIT */
/*
 * boot_params for the next kernel: one contiguous "params" segment holding
 * the zero page, the command line and a rebuilt setup_data list that
 * forwards the handover as baton received it (e820 unchanged, KHO record
 * rewritten with a private copy of the scratch array). Two steps: layout
 * (sizes, for placement) then build (bytes, once the address is known).
 */
#ifndef BATON_CHAIN_BOOT_PARAMS_BUILD_H
#define BATON_CHAIN_BOOT_PARAMS_BUILD_H

#include <baton/bootinfo.h>
#include <baton/physmem.h>
#include <boot/chain/bzimage.h>
#include <boot/chain/status.h>

#define CHAIN_LOADER_TYPE		0xd0	/* kexec's type_of_loader */
#define CHAIN_RNG_SEED_SIZE		32
#define CHAIN_KHO_FDT_SIZE		4096
#define CHAIN_ZEROPAGE_E820_MAX		128
#define CHAIN_CMDLINE_OFFSET		4096	/* right after the zero page */
#define CHAIN_SETUP_DATA_ALIGN		16
/* Keeps one KHO entry inside early_memremap's 64-page window. */
#define CHAIN_KHO_SCRATCH_MAX		0x3e000
#define CHAIN_PARAMS_ENTRIES_MAX	(BOOT_SETUP_DATA_MAX + 3)

/* A caller-described entry appended as-is, e.g. baton's report. */
struct chain_extra_setup_data {
	u32 type;		/* docs/chain.md recommends SETUP_NONE */
	const void *data;
	u32 len;
};

struct chain_params_input {
	const struct boot_info *bi;
	const void *incoming_boot_params;  /* 4096 bytes, NULL if not LINUX64 */
	const struct phys_view *view;	   /* reads setup_data, scratch array */
	const void *kernel_image;	   /* the next bzImage file */
	const struct chain_bzimage *kernel; /* its probe result */
	const char *cmdline;		   /* next command line, NUL-ended */
	phys_addr_t initrd_pa;
	u64 initrd_size;		   /* 0: no initrd */
	const u8 *rng_seed;		   /* CHAIN_RNG_SEED_SIZE bytes, NULL */
	const struct chain_extra_setup_data *extra; /* or NULL */
	phys_addr_t kho_fdt_pa;		   /* baton's amended FDT, 0: as is */
};

enum chain_entry_source {
	CHAIN_ENTRY_FORWARD,	/* copied from bi->setup_data[src_index] */
	CHAIN_ENTRY_KHO,	/* kho_data + scratch array copy */
	CHAIN_ENTRY_RNG_SEED,	/* the caller's fresh seed */
	CHAIN_ENTRY_E820_EXT,	/* e820 entries beyond the zero page's 128 */
	CHAIN_ENTRY_EXTRA,	/* the caller's extra entry */
};

struct chain_params_entry {
	enum chain_entry_source source;
	u32 src_index;
	u32 type;
	u32 len;		/* payload bytes */
	u64 offset;		/* of the 16-byte header in the segment */
};

struct chain_params_layout {
	u64 cmdline_len;	/* without the NUL */
	u32 e820_zeropage;	/* entries in the zero page */
	u32 e820_ext;		/* entries in SETUP_E820_EXT */
	u32 dropped_rng_seeds;	/* incoming seeds not forwarded */
	u32 entry_count;
	struct chain_params_entry entries[CHAIN_PARAMS_ENTRIES_MAX];
	u64 total_size;		/* bytes of the segment (not page rounded) */
};

/*
 * Decides the new setup_data list, in incoming order: E820_EXT entries
 * are re-emitted from bi->e820 at the end, RNG seeds replaced by
 * in->rng_seed or dropped, the KHO entry rewritten; then (if needed) a
 * fresh seed, SETUP_E820_EXT and the extra entry. Refuses a truncated
 * setup_data list, a truncated e820, a second KHO record, unreadable
 * payloads and a command line longer than the kernel's cmdline_size.
 */
bool chain_params_layout(const struct chain_params_input *in,
			 struct chain_params_layout *layout,
			 struct chain_status *st);

/*
 * Writes the segment for physical address params_pa into out (out_size
 * >= layout->total_size), zero-filled first. The zero page is at offset
 * 0, so RSI = params_pa at the jump.
 */
bool chain_params_build(const struct chain_params_input *in,
			const struct chain_params_layout *layout,
			phys_addr_t params_pa, void *out, size_t out_size,
			struct chain_status *st);

#endif
