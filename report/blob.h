/* SPDX-License-Identifier: MIT */
/*
 * The report blob handed to the next kernel: a 64-byte little-endian
 * header ("BATONRPT", version, sizes, CRC32, verdict counts) followed by
 * the compact JSON report and a NUL, padded to 8 bytes
 * (docs/report-schema.md, "Report blob"). Writer and verifier run both in
 * the payload and hosted.
 */
#ifndef BATON_REPORT_BLOB_H
#define BATON_REPORT_BLOB_H

#include <report/report.h>

#define REPORT_BLOB_MAGIC	"BATONRPT"
#define REPORT_BLOB_VERSION	1
#define REPORT_BLOB_ALIGN	8

/* flags */
#define REPORT_BLOB_OK		(1u << 0)	/* no errors */
#define REPORT_BLOB_HANDOVER	(1u << 1)	/* a KHO handover was found */

struct report_blob_header {
	char magic[8];
	u32 version;
	u32 header_size;	/* offset of the JSON text */
	u64 total_size;		/* header + JSON + NUL + zero padding */
	u32 crc32;		/* CRC32 of total_size bytes, this field 0 */
	u32 flags;
	u32 errors;		/* saturated at UINT32_MAX */
	u32 warnings;
	u32 infos;
	u32 findings;		/* findings listed in the JSON */
	u32 json_size;		/* JSON bytes, without the NUL */
	u32 schema;		/* REPORT_SCHEMA_VERSION of the JSON */
	u64 reserved;		/* 0 */
} __packed;

_Static_assert(sizeof(struct report_blob_header) == 64, "blob header");

/* Bytes report_blob_write needs for this input (0: JSON over 4 GiB). */
u64 report_blob_size(const struct report_input *in);
/*
 * Writes the blob into buf. Returns the bytes written (== the size
 * report_blob_size gave for the same input), or 0 when buf is too small
 * or the input changed between the two calls.
 */
u64 report_blob_write(void *buf, u64 size, const struct report_input *in);

enum report_blob_status {
	REPORT_BLOB_VALID = 0,
	REPORT_BLOB_TOO_SHORT,		/* fewer bytes than a header */
	REPORT_BLOB_BAD_MAGIC,
	REPORT_BLOB_BAD_VERSION,	/* unknown version or header size */
	REPORT_BLOB_BAD_SIZE,		/* total_size beyond the buffer */
	REPORT_BLOB_BAD_LAYOUT,		/* json_size / padding / reserved */
	REPORT_BLOB_BAD_CRC,
	REPORT_BLOB_BAD_JSON,		/* text is not one JSON value */
};

struct report_blob_view {
	struct report_blob_header header;	/* copied, aligned */
	const char *json;			/* NUL-terminated, in buf */
	u64 json_size;
};

/*
 * Verifies a blob in buf[0, size): header, sizes, padding, CRC and the
 * JSON structure. On VALID fills view (may be NULL). Never reads beyond
 * size; trailing bytes after total_size are allowed.
 */
enum report_blob_status report_blob_check(const void *buf, u64 size,
					  struct report_blob_view *view);
const char *report_blob_status_name(enum report_blob_status s);

/* IEEE 802.3 CRC32 (reflected, 0xedb88320); crc starts at 0. */
u32 report_crc32(u32 crc, const void *data, size_t len);

#endif
