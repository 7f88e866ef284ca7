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
#include <luo/memfd_content.h>
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

/*
 * The parse grows m->work only to its own largest need (sessions, or the
 * files of one session); the manifest comparison sorts every stored file.
 * Grows it (m->grow) to that before digest_check / digest_check_work; false
 * when the growth was refused, and the comparison then says so.
 */
bool digest_lookup_room(struct handover_model *m);

/*
 * The same digests on many CPUs (baton.smp, boot/smp.c): the stored
 * memfds cut into units of about unit_bytes (a run of whole folios of one
 * file), taken from a shared counter by every CPU that calls
 * digest_work_run, then joined per file in folio order by
 * digest_check_work, so the report is exactly digest_check's. A CPU that
 * never calls in leaves its share to the others.
 */
struct digest_work_unit {
	u32 file;		/* model file index */
	u8 done;		/* set (release) once part is written */
	u64 first, end;		/* folios of the file */
	struct memfd_digest_part part;
};

struct digest_work {
	const struct phys_view *view;
	const struct handover_model *m;
	u32 files;			/* model files covered (stored) */
	struct digest_work_unit *units;
	u64 unit_count;
	u64 next;			/* next unit to take (atomic) */
	u64 finished;			/* units written (atomic) */
};

/* Units the memfds of m make at unit_bytes (0 when there is nothing). */
u64 digest_work_units(const struct handover_model *m, u64 unit_bytes);
/* Bytes of storage digest_work_init needs for that many units. */
static inline u64 digest_work_bytes(u64 units)
{
	return units * sizeof(struct digest_work_unit);
}
/*
 * Cuts the work into units in storage (room for `units`); false, with no
 * units, when it takes more (digest_work_units with the same unit_bytes)
 * or unit_bytes is 0.
 */
bool digest_work_init(struct digest_work *w, const struct phys_view *view,
		      const struct handover_model *m, u64 unit_bytes,
		      struct digest_work_unit *storage, u64 units);
/*
 * Takes and digests units until none is left; returns how many this
 * caller did. Safe to call from any number of CPUs at once.
 */
u64 digest_work_run(struct digest_work *w);
/*
 * Digests every unit not marked done, here (a CPU that took units and
 * stopped answering); returns how many. Only once the others stopped.
 */
u64 digest_work_redo(struct digest_work *w);
/* Every unit written (acquire): digest_check_work may gather. */
bool digest_work_complete(const struct digest_work *w);
/*
 * digest_check with the file digests gathered from a completed w instead
 * of computed here.
 */
void digest_check_work(const struct phys_view *view,
		       const struct handover_model *m, void *manifest_buf,
		       u64 cap, struct digest_report *r,
		       struct finding_list *findings,
		       const struct digest_work *w);

const char *digest_status_name(enum digest_status s);
const char *digest_manifest_state_name(enum digest_manifest_state s);

#endif
