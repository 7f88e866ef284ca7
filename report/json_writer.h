/* SPDX-License-Identifier: MIT */
/*
 * A small streaming JSON writer: objects, arrays, integers, hex strings and
 * byte strings escaped to pure ASCII, written through a print sink with no
 * buffering or allocation. Pretty output puts one member per line except
 * inside containers opened "inline", which stay on one line.
 */
#ifndef BATON_REPORT_JSON_WRITER_H
#define BATON_REPORT_JSON_WRITER_H

#include <baton/printf.h>
#include <baton/types.h>

#define JSON_MAX_DEPTH		32
#define JSON_INDENT		2

struct json_writer {
	print_sink_fn sink;
	void *ctx;
	bool pretty;
	u32 depth;
	u32 inline_from;	/* depth of the outermost inline container, 0 */
	u64 has_members;	/* bit d: container at depth d has a member */
	u64 bytes;		/* bytes written so far */
	bool error;		/* nesting misuse or depth overflow */
};

void json_init(struct json_writer *w, print_sink_fn sink, void *ctx,
	       bool pretty);

/* key is NULL for array elements and the top-level value. */
void json_object_begin(struct json_writer *w, const char *key);
void json_object_begin_inline(struct json_writer *w, const char *key);
void json_object_end(struct json_writer *w);
void json_array_begin(struct json_writer *w, const char *key);
void json_array_begin_inline(struct json_writer *w, const char *key);
void json_array_end(struct json_writer *w);

/* NUL-terminated string. */
void json_string(struct json_writer *w, const char *key, const char *s);
/* At most max bytes of s (stops at a NUL): fixed-size name fields. */
void json_string_bounded(struct json_writer *w, const char *key,
			 const char *s, size_t max);
/* Exactly len bytes, NULs included (escaped as \u0000). */
void json_string_bytes(struct json_writer *w, const char *key,
		       const void *s, size_t len);
void json_u64(struct json_writer *w, const char *key, u64 v);
void json_s64(struct json_writer *w, const char *key, s64 v);
/* "0x" + minimal lowercase hex, as a string: survives any JSON parser. */
void json_hex(struct json_writer *w, const char *key, u64 v);
void json_bool(struct json_writer *w, const char *key, bool v);
void json_null(struct json_writer *w, const char *key);

/* True when every container was closed and nothing was misused. */
bool json_finished(const struct json_writer *w);

/*
 * Checks that text[0, len) is exactly one JSON value (whitespace around it
 * allowed), strings ASCII-only with valid escapes, nesting at most
 * JSON_MAX_DEPTH. Enough to reject a damaged report; not a general parser.
 */
bool json_validate(const char *text, size_t len);

#endif
