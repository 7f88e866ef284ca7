/* SPDX-License-Identifier: MIT */
/*
 * baton.efi internals: the firmware handles, console output, the capture
 * source (ESP directory or cpio), the UEFI memory map, capture replay and
 * the payload boot. Only efi/ includes this (it pulls in gnu-efi's headers).
 */
#ifndef BATON_EFI_LAUNCHER_H
#define BATON_EFI_LAUNCHER_H

#include <efi.h>
#include <baton/types.h>
#include <baton/capture.h>

#define EFI_LAUNCHER_NAME	"baton.efi"

extern EFI_SYSTEM_TABLE *efi_st;
extern EFI_BOOT_SERVICES *efi_bs;
extern EFI_HANDLE efi_image;

/* Console: one "baton.efi: " prefixed line per call (ConOut). */
void efi_print(const char *fmt, ...) __printf(1, 2);
const char *efi_status_name(EFI_STATUS status);
void *efi_alloc(size_t size);
void efi_free(void *p);

/* Where the capture comes from: \capture\ on the ESP, or \capture.cpio. */
struct efi_source {
	EFI_FILE_HANDLE root;
	const u8 *archive;	/* NULL: directory */
	size_t archive_size;
	const char *where;	/* for messages */
};

bool efi_source_open(struct efi_source *src);
/* Reads capture file name (a slice) into *data (pool or archive bytes). */
bool efi_source_read(struct efi_source *src, struct capture_text name,
		     const u8 **data, u64 *size);
/* A file's size without reading it. */
bool efi_source_size(struct efi_source *src, struct capture_text name,
		     u64 *size);
/* Reads a file of exactly size bytes straight into dst. */
bool efi_source_read_into(struct efi_source *src, struct capture_text name,
			  void *dst, u64 size);

/* A snapshot of the firmware memory map in a pool buffer with slack. */
struct efi_memmap {
	u8 *buf;
	UINTN buf_size;		/* allocated */
	UINTN map_size;		/* filled */
	UINTN key;
	UINTN desc_size;
	UINT32 desc_version;
};

bool efi_memmap_alloc(struct efi_memmap *map);
/* Refreshes into the existing buffer: no allocation (safe before exit). */
EFI_STATUS efi_memmap_refresh(struct efi_memmap *map);
/*
 * ExitBootServices with the map's last snapshot: refresh, describe(ctx)
 * turns it into the payload's memory description (it must not allocate:
 * the map key would go stale; false stops), set *exiting, exit. Retried
 * while the firmware says the key is stale (EFI_EXIT_TRIES times).
 */
#define EFI_EXIT_TRIES	8
bool efi_memmap_exit(struct efi_memmap *map, bool *exiting,
		     bool (*describe)(void *ctx), void *ctx);
void efi_memmap_free(struct efi_memmap *map);
UINTN efi_memmap_count(const struct efi_memmap *map);
EFI_MEMORY_DESCRIPTOR *efi_memmap_desc(const struct efi_memmap *map,
				       UINTN index);
const char *efi_memory_type_name(UINT32 type);
/* Prints every descriptor overlapping [addr, addr + size). */
void efi_memmap_describe(const struct efi_memmap *map, u64 addr, u64 size);
/* True if [addr, addr + size) is wholly memory the OS may use as RAM. */
bool efi_memmap_is_ram(const struct efi_memmap *map, u64 addr, u64 size);

/*
 * Replays the capture's memory. Load parses and sizes everything without
 * reading blobs; place claims every address first and only then reads
 * the blobs straight into their pages, so no buffer of ours can sit where
 * the capture needs memory.
 */
struct efi_replay {
	struct capture cap;
	struct capture_storage storage;
	u64 *blob_sizes;	/* per blob: the file's bytes */
	bool placed;		/* every range claimed */
	bool exiting;		/* ExitBootServices was called: no more BS */
};

bool efi_replay_load(struct efi_replay *r, struct efi_source *src);
bool efi_replay_place(struct efi_replay *r, struct efi_source *src);
/* Frees what place claimed, unless boot services may be gone. */
void efi_replay_release(struct efi_replay *r);

/* Loads the payload bzImage into scratch, builds boot_params, exits, jumps. */
bool efi_boot_payload(struct efi_replay *r, struct efi_source *src);

/* efi/enter.S: loads the GDT, switches stack, jumps; never returns. */
void efi_enter_payload(u64 entry, u64 boot_params, u64 stack_top,
		       const void *gdtr) __noreturn;

#endif
