/* SPDX-License-Identifier: MIT */
/*
 * The "kexec-metadata" sub-blob (Linux 7.1 or 7.2, inferred, and 7.3): who
 * handed over and how many KHO kexecs since the last cold boot. No
 * compatible string; versioned by its first field (docs/handover-abi.md
 * §2.12).
 */
#ifndef BATON_LUO_ABI_METADATA_H
#define BATON_LUO_ABI_METADATA_H

#include <luo/abi/common.h>

#define KHO_METADATA_VERSION		1
#define KHO_METADATA_RELEASE_LEN	65	/* __NEW_UTS_LEN + 1 */

/**
 * struct kho_kexec_metadata_ser - the kexec-metadata blob
 * @version:          KHO_METADATA_VERSION; must stay the first field.
 * @previous_release: the outgoing kernel's release (uname -r),
 *                    NUL-terminated within the 65 bytes.
 * @kexec_count:      KHO kexecs since the most recent cold boot, this one
 *                    included (a cold-booted kernel writes 1).
 *
 * Packed, 73 bytes (blob-size 73), little-endian, at offset 0 of a
 * preserved page. The successor only warns when it is unusable.
 */
struct kho_kexec_metadata_ser {
	u32 version;
	char previous_release[KHO_METADATA_RELEASE_LEN];
	u32 kexec_count;
} __packed;

ABI_SIZE(struct kho_kexec_metadata_ser, 73);
ABI_OFFSET(struct kho_kexec_metadata_ser, version, 0);
ABI_OFFSET(struct kho_kexec_metadata_ser, previous_release, 4);
ABI_OFFSET(struct kho_kexec_metadata_ser, kexec_count, 69);

#endif
