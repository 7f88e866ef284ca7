/* SPDX-License-Identifier: MIT */
/*
 * baton.capture=serial's serializer (boot/capture_send.c): plans, then
 * sends, the handover in the model as a capture on the serial line.
 */
#ifndef BATON_BOOT_CAPTURE_SEND_H
#define BATON_BOOT_CAPTURE_SEND_H

#include <baton/physmem.h>
#include <luo/model.h>

struct capture_source {
	const struct handover_model *m;
	const struct phys_view *view;	/* RAM baton may read */
	phys_addr_t scratch_array;	/* the record's kho_scratch[] array */
	const char *version;		/* baton's, named in the manifest */
	/* the plan's arrays (zero bytes never asked); NULL: no memory */
	void *(*alloc)(void *ctx, u64 bytes);
	void *ctx;
};

/* What a capture holds and sent, for the phase's log lines. */
struct capture_totals {
	u64 meta_entries;	/* metadata entries (pa | order) */
	u64 data_folios;	/* memfd data folios, unique */
	u32 files;		/* files sent, manifest included */
	u32 pattern_lines;
	u64 raw_bytes;		/* unrecognised memfd data sent as bytes */
	u64 left_out_bytes;	/* memfd data neither described nor sent */
};

/*
 * Sorts the metadata entries and data folios of src into a plan (one at a
 * time: the plan is this module's). False when alloc failed.
 */
bool capture_send_plan(const struct capture_source *src,
		       struct capture_totals *t);
/* Sends the planned capture: manifest, metadata runs, raw folios. */
void capture_send(struct capture_totals *t);

#endif
