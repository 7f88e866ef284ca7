/* SPDX-License-Identifier: MIT */
/*
 * The handover fingerprint in the JSON report ("handover_fingerprint",
 * docs/report-schema.md) and its reader: the next baton reads the previous
 * instance's fingerprint back from the report blob it finds in the `baton`
 * KHO subtree (the blob's CRC is checked first, so the compact text is
 * baton's own writer output).
 */
#ifndef BATON_REPORT_FINGERPRINT_H
#define BATON_REPORT_FINGERPRINT_H

#include <luo/handover_fingerprint.h>
#include <report/json_writer.h>

/* Writes the member "handover_fingerprint" (an object). */
void report_json_fingerprint(struct json_writer *w,
			     const struct handover_fingerprint *fp);

enum fingerprint_read_status {
	FINGERPRINT_READ_OK = 0,
	FINGERPRINT_READ_ABSENT,	/* no "handover_fingerprint" object */
	FINGERPRINT_READ_BAD,		/* a member missing or malformed */
};

/* Reads the member from compact JSON text json[0, len). */
enum fingerprint_read_status
report_fingerprint_read(const char *json, u64 len,
			struct handover_fingerprint *fp);

#endif
