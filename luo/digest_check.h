/* SPDX-License-Identifier: MIT */
/*
 * Content digests of every preserved memfd (CRC32C over the physical view)
 * and their check against baton-agent's manifest, found in the handover
 * itself (session "baton-agent", token 0). The results feed the report;
 * disagreements become findings.
 */
#ifndef BATON_LUO_DIGEST_CHECK_H
#define BATON_LUO_DIGEST_CHECK_H

#include <baton/findings.h>
#include <baton/physmem.h>
#include <luo/agent_manifest.h>
#include <luo/model.h>

enum digest_status {
	DIGEST_NOT_MEMFD,	/* not a memfd: no digest */
	DIGEST_UNCHECKED,	/* digested, no usable manifest */
	DIGEST_OK,
	DIGEST_MISMATCH,
	DIGEST_UNLISTED,	/* manifest valid, file not listed in it */
	DIGEST_UNREADABLE,	/* contents could not be streamed */
	DIGEST_MANIFEST,	/* the agent's manifest memfd itself */
	DIGEST_STATUS_COUNT,
};

enum digest_manifest_state {
	DIGEST_MANIFEST_ABSENT,
	DIGEST_MANIFEST_FOREIGN,	/* magic/version/header not ours */
	DIGEST_MANIFEST_INVALID,	/* ours, but damaged */
	DIGEST_MANIFEST_VALID,
};

/* One per stored model file, same index as model->files. */
struct digest_file {
	u8 status;		/* enum digest_status */
	u32 crc32c;
	u32 expected;		/* manifest digest: OK and MISMATCH only */
	u64 expected_size;	/* manifest size: OK and MISMATCH only */
};

struct digest_report {
	bool enabled;		/* false: baton.digest=off, nothing else set */
	bool hw;		/* SSE4.2 crc32 instruction used */
	enum digest_manifest_state manifest;
	enum agent_manifest_error manifest_error;
	s32 manifest_file;	/* model file index of the manifest, or -1 */
	u32 manifest_version;	/* 0 unless VALID */
	u32 manifest_files;	/* files the manifest lists (VALID) */
	u32 manifest_checksum;
	struct digest_file *files;	/* caller's storage */
	u32 files_cap;
	u32 count;		/* entries filled (model files, clamped) */
	bool truncated;		/* more model files than files_cap */
	u32 by_status[DIGEST_STATUS_COUNT];
	u32 missing;		/* manifest files absent from the handover */
	u64 bytes;		/* bytes digested */
	u64 bytes_read;		/* folio bytes read for it (work counter) */
	/*
	 * Work counter: session-name, token and index comparisons made to
	 * find the manifest's entries among the model's files.
	 */
	u64 lookup_compares;
};

/* Size of the agent manifest memfd in m (0 if there is none). */
u64 digest_manifest_bytes(const struct handover_model *m);

/*
 * Digests every stored memfd of m into r (files/files_cap set by the
 * caller, the rest is reset) and, if the agent's manifest is there,
 * copies it into manifest_buf (cap bytes, may be NULL when cap is 0),
 * parses it and compares. Findings go to `findings`. The comparison sorts
 * the model's files in m->work (scratch after luo_parse; one entry per
 * stored file): with less, the manifest is not compared (E_NOT_VALIDATED).
 */
void digest_check(const struct phys_view *view,
		  const struct handover_model *m, void *manifest_buf, u64 cap,
		  struct digest_report *r, struct finding_list *findings);

const char *digest_status_name(enum digest_status s);
const char *digest_manifest_state_name(enum digest_manifest_state s);

#endif
