/* SPDX-License-Identifier: MIT */
/*
 * Reader for cpio "newc" archives in memory (magic 070701, and 070702 with
 * checksums). A pure, bounds-checked iterator over a caller's buffer: every
 * malformed input ends in an error with the offending offset, never a read
 * past the buffer. Uncompressed archives only, possibly concatenated.
 */
#ifndef BATON_CPIO_H
#define BATON_CPIO_H

#include <baton/types.h>

#define CPIO_HEADER_SIZE	110	/* "070701" + 13 eight-digit hex fields */
#define CPIO_TRAILER_NAME	"TRAILER!!!"

/* File type bits of cpio_entry.mode (the st_mode layout). */
#define CPIO_MODE_TYPE_MASK	0170000
#define CPIO_MODE_REGULAR	0100000
#define CPIO_MODE_DIRECTORY	0040000
#define CPIO_MODE_SYMLINK	0120000

enum cpio_error_code {
	CPIO_OK = 0,
	CPIO_ERR_TRUNCATED_HEADER,	/* under 110 bytes left for a header */
	CPIO_ERR_BAD_MAGIC,		/* no 070701/070702 where one must be */
	CPIO_ERR_UNSUPPORTED_FORMAT,	/* old binary or odc (070707) cpio */
	CPIO_ERR_COMPRESSED,		/* gzip, xz, zstd, ... magic instead */
	CPIO_ERR_BAD_HEX,		/* a header field is not 8 hex digits */
	CPIO_ERR_BAD_NAME_SIZE,		/* namesize 0 */
	CPIO_ERR_TRUNCATED_NAME,	/* name runs past the buffer */
	CPIO_ERR_BAD_NAME,		/* not NUL-terminated, or inner NUL */
	CPIO_ERR_TRUNCATED_DATA,	/* file data runs past the buffer */
	CPIO_ERR_NO_TRAILER,		/* buffer ended without TRAILER!!! */
	CPIO_ERR_TRAILING_GARBAGE,	/* non-zero bytes after the trailer */
	CPIO_ERR_COUNT,
};

struct cpio_error {
	enum cpio_error_code code;
	size_t offset;		/* where in the buffer it went wrong */
	const char *detail;	/* static: field or compressor name */
};

struct cpio_entry {
	const char *name;	/* into the buffer, NUL-terminated there */
	size_t name_len;	/* without the NUL */
	const u8 *data;		/* points into the buffer */
	size_t data_size;
	size_t header_offset;	/* offset of the "0707" magic */
	size_t data_offset;	/* offset of data[0] */
	bool has_checksum;	/* 070702 variant */
	u32 ino, mode, uid, gid, nlink, mtime;
	u32 devmajor, devminor, rdevmajor, rdevminor;
	u32 check;
};

struct cpio_reader {
	const u8 *buf;
	size_t size;
	size_t pos;
	bool done;
	struct cpio_error error;	/* sticky: repeated by later calls */
};

enum cpio_next_result {
	CPIO_NEXT_ENTRY,	/* *entry filled */
	CPIO_NEXT_END,		/* clean end: last archive's trailer reached */
	CPIO_NEXT_ERROR,	/* *err filled; further calls keep failing */
};

void cpio_reader_init(struct cpio_reader *reader, const void *buf,
		      size_t size);

/*
 * Returns the next entry (trailers are consumed, not returned). After a
 * TRAILER!!! entry, NUL padding is skipped and another newc archive may
 * follow (the concatenation Linux accepts for initramfs).
 */
enum cpio_next_result cpio_next(struct cpio_reader *reader,
				struct cpio_entry *entry,
				struct cpio_error *err);

const char *cpio_error_name(enum cpio_error_code code);

/* One-line human description, e.g. for logs: returns baton_snprintf's count. */
int cpio_format_error(const struct cpio_error *err, char *buf, size_t size);

/* The sum of data bytes, as the 070702 "check" field is computed. */
u32 cpio_data_checksum(const struct cpio_entry *entry);

/*
 * Writer (for mkbundle and tests): appends one 070701 entry at *pos,
 * padding name and data to 4 bytes. With buf NULL only *pos advances, so a
 * first pass can size the archive. False (nothing written) if it would not
 * fit in size or name/data exceed the 32-bit fields.
 */
struct cpio_write_file {
	const char *name;
	u32 mode;
	u32 ino;
	u32 mtime;
	const void *data;
	size_t data_size;
};

bool cpio_write_entry(u8 *buf, size_t size, size_t *pos,
		      const struct cpio_write_file *file);
bool cpio_write_trailer(u8 *buf, size_t size, size_t *pos);

#endif
