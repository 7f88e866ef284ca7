/* SPDX-License-Identifier: MIT */
/*
 * Handover fingerprints: CRC32C digests of what a handover carries — the
 * root FDT minus baton's own subtree and the map root pointer, the
 * preserved-entry set, the decoded LUO structures and every memfd's bytes
 * — so that a later baton can prove it received the same handover as an
 * earlier one (docs/chain.md, "baton -> baton").
 */
#ifndef BATON_LUO_HANDOVER_FINGERPRINT_H
#define BATON_LUO_HANDOVER_FINGERPRINT_H

#include <baton/physmem.h>
#include <luo/abi.h>
#include <luo/kho_amend.h>
#include <luo/model.h>

#define FINGERPRINT_MEMFD_MAX	64
#define FINGERPRINT_SUBTREE	KHO_SUBTREE_BATON /* not in the FDT digest */

struct fingerprint_memfd {
	u64 token;
	u64 size;
	u32 crc;
	bool ok;		/* content could be streamed */
};

struct handover_fingerprint {
	bool present;		/* a KHO handover was fingerprinted */
	u32 kho_fdt;		/* canonical FDT walk */
	u64 kho_fdt_bytes;
	u32 preserved;		/* sorted (pa | order) entries */
	u64 preserved_entries;
	bool preserved_complete;	/* no entry dropped from the model */
	u32 luo;		/* decoded LUO model + raw luo_ser */
	u64 luo_bytes;
	u32 memfd_count;	/* memfds in the model */
	bool memfd_content_skipped;	/* memfd crcs not computed (0) */
	u64 memfd_bytes_read;	/* folio bytes this fingerprint read */
	struct fingerprint_memfd memfd[FINGERPRINT_MEMFD_MAX];
};

/*
 * Entries inside `exclude` (baton's own additions: its FDT page and report
 * blob) are left out of the preserved digest. view reads the FDT, LUO
 * blobs and memfd folios.
 */
void handover_fingerprint(const struct phys_view *view,
			  const struct handover_model *m,
			  const struct kho_amend_range *exclude,
			  u32 exclude_count, struct handover_fingerprint *fp);

/*
 * Memfd digests computed earlier (e.g. by the content-digest phase, the
 * same memfd_digest): returns true with the CRC of model file `file`, so
 * the bytes are not streamed twice. skip_content: read no memfd byte at
 * all (baton.digest=off); tokens and sizes are still recorded.
 */
struct fingerprint_memfd_source {
	bool (*crc)(void *ctx, u32 file, u32 *crc);
	void *ctx;
	bool skip_content;
};

/* handover_fingerprint, taking memfd digests from src where it has them. */
void handover_fingerprint_with(const struct phys_view *view,
			       const struct handover_model *m,
			       const struct kho_amend_range *exclude,
			       u32 exclude_count,
			       const struct fingerprint_memfd_source *src,
			       struct handover_fingerprint *fp);

/* Digest of a root FDT alone (fdt 8-byte aligned, totalsize checked). */
bool fingerprint_fdt(const void *fdt, u32 *crc, u64 *bytes);

#endif
