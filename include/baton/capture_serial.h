/* SPDX-License-Identifier: MIT */
/*
 * The serial framing of a capture (docs/capture-format.md, "On the serial
 * line"): files of a baton-capture 1 directory as base64 lines between
 * BEGIN/END markers, each file closed with its size and CRC32C, the whole
 * closed with the file count and a CRC32C over the file CRCs. Streaming:
 * nothing is buffered beyond one line.
 */
#ifndef BATON_CAPTURE_SERIAL_H
#define BATON_CAPTURE_SERIAL_H

#include <baton/types.h>

#define CAPTURE_SERIAL_FORMAT	1
#define CAPTURE_SERIAL_LINE_BYTES 57	/* input bytes a line: 76 base64 chars */

typedef void (*capture_serial_out_fn)(void *ctx, const char *s, size_t len);

struct capture_serial {
	capture_serial_out_fn out;
	void *ctx;
	u32 files;		/* files closed so far */
	u32 crc_all;		/* CRC32C over the closed files' CRCs (LE) */
	bool in_file;
	u64 size;		/* bytes of the open file */
	u32 crc;		/* CRC32C of the open file */
	u8 pending[CAPTURE_SERIAL_LINE_BYTES];
	u32 pending_len;
};

/* Prints BATON-CAPTURE-BEGIN. */
void capture_serial_begin(struct capture_serial *cs, capture_serial_out_fn out,
			  void *ctx);
/* Opens a file: name is a capture file name (no spaces). */
void capture_serial_file_begin(struct capture_serial *cs, const char *name);
void capture_serial_file_data(struct capture_serial *cs, const void *data,
			      size_t len);
/* Closes the open file: its last line, then size and CRC32C. */
void capture_serial_file_end(struct capture_serial *cs, const char *name);
/* Prints BATON-CAPTURE-END with the file count and the overall CRC. */
void capture_serial_end(struct capture_serial *cs);

/* base64 (RFC 4648, padded) of len <= 57 bytes into out (>= 77 bytes). */
size_t capture_serial_base64(const u8 *in, size_t len, char *out);

#endif
