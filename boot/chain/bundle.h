/* SPDX-License-Identifier: MIT */
/*
 * The chain bundle: baton's own initrd, an uncompressed cpio newc archive
 * holding `kernel` (the next bzImage) and optionally `initrd` and `cmdline`.
 * Parsing only locates the files; nothing is copied.
 */
#ifndef BATON_CHAIN_BUNDLE_H
#define BATON_CHAIN_BUNDLE_H

#include <baton/types.h>
#include <boot/chain/status.h>

#define CHAIN_BUNDLE_KERNEL	"kernel"
#define CHAIN_BUNDLE_INITRD	"initrd"
#define CHAIN_BUNDLE_CMDLINE	"cmdline"

/* A file inside the bundle: where it is, physically and for reading. */
struct chain_blob {
	bool present;
	phys_addr_t pa;
	const u8 *data;
	u64 size;
};

struct chain_bundle {
	struct chain_blob kernel;
	struct chain_blob initrd;
	struct chain_blob cmdline;	/* raw file; see text below */
	const char *cmdline_text;	/* cmdline without surrounding space */
	size_t cmdline_len;		/* not NUL-terminated */
	u32 ignored_entries;		/* directories, other names */
};

/*
 * buf/size: the archive as readable memory; pa: its physical address (so
 * file pa = pa + offset). Names may carry a leading "./". Only regular
 * files count; a duplicate name, an empty kernel, a 070702 checksum
 * mismatch or a NUL inside cmdline is an error.
 */
bool chain_bundle_parse(const void *buf, size_t size, phys_addr_t pa,
			struct chain_bundle *bundle, struct chain_status *st);

#endif
