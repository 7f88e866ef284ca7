/* SPDX-License-Identifier: MIT */
/*
 * Late stamps in a written report blob: the timeline's last phase (baton's
 * jump) is known only after the blob was placed and handed over, so it is
 * written with a wide placeholder and rewritten in place, same length.
 */
#ifndef BATON_REPORT_BLOB_PATCH_H
#define BATON_REPORT_BLOB_PATCH_H

#include <report/timeline.h>

/* The placeholder stamp: its text is at least as wide as any real one. */
#define BLOB_PATCH_PLACEHOLDER	UINT64_MAX

/*
 * Rewrites phase `index` of t (already holding its real stamp) in the
 * blob's JSON, where it was written with BLOB_PATCH_PLACEHOLDER: the same
 * members, space-padded to the old length, then the blob's CRC. Returns
 * false (blob untouched) if the blob is invalid or has no such phase.
 */
bool report_blob_patch_phase(void *blob, u64 size,
			     const struct report_timeline *t, u32 index);

#endif
