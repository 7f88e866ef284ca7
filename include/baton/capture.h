/* SPDX-License-Identifier: MIT */
/*
 * The "baton-capture 1" manifest (docs/capture-format.md): a strict,
 * allocation-free parser into caller storage (efi/capture_parse.c), the
 * layout rules a capture must obey (efi/capture_layout.c), and the
 * deterministic pattern generators its lines name (lib/capture_pattern.c,
 * the only part the payload runs). The writer is host only
 * (host/capture/capture_write.h).
 */
#ifndef BATON_CAPTURE_H
#define BATON_CAPTURE_H

#include <baton/types.h>

#define CAPTURE_FORMAT_NAME	"baton-capture"
#define CAPTURE_FORMAT_VERSION	1
#define CAPTURE_MANIFEST_NAME	"manifest"
#define CAPTURE_DEFAULT_PAYLOAD	"baton.bzImage"
#define CAPTURE_FILE_NAME_MAX	128	/* bytes of a blob/payload name */
#define CAPTURE_CMDLINE_MAX	2047	/* bytes, without the NUL */
#define CAPTURE_TEXT_MAX	1024	/* bytes of an expect line */
#define CAPTURE_MESSAGE_MAX	160
#define CAPTURE_SCRATCH_ENTRY_SIZE 16	/* struct kho_scratch {addr, size} */

/* A slice of the manifest text: not NUL-terminated. */
struct capture_text {
	const char *ptr;
	u32 len;
};

struct capture_range {
	u64 addr;
	u64 size;
	u32 line;
};

struct capture_blob {
	struct capture_text file;
	u64 addr;
	u64 size;		/* bytes; the file's size when not given */
	bool size_given;
	bool size_resolved;	/* size known (given, or file size applied) */
	u32 line;
};

enum capture_pattern_kind {
	CAPTURE_PATTERN_ZERO,		/* every byte 0 */
	CAPTURE_PATTERN_FILL,		/* every byte = seed (0..0xff) */
	CAPTURE_PATTERN_BUILDER,	/* luo builder's memfd pattern */
	CAPTURE_PATTERN_AGENT,		/* baton-agent's memfd content */
	/*
	 * Claimed but never written: the launcher leaves whatever RAM holds
	 * (zero in a fresh QEMU guest), so sparse guest RAM stays untouched;
	 * readers that simulate memory read zeros.
	 */
	CAPTURE_PATTERN_ABSENT,
	CAPTURE_PATTERN_KIND_COUNT,
};

struct capture_pattern {
	u64 addr;
	u64 size;
	u64 seed;
	u64 offset;		/* stream offset of the range's first byte */
	enum capture_pattern_kind kind;
	u32 line;
};

struct capture_expect {
	struct capture_text text;
	bool absent;		/* expect-absent: must not appear */
	u32 line;
};

/* Arrays the parser fills; a NULL array with max 0 refuses that line. */
struct capture_storage {
	struct capture_range *ram;
	u32 ram_max;
	struct capture_range *scratch;
	u32 scratch_max;
	struct capture_blob *blobs;
	u32 blob_max;
	struct capture_pattern *patterns;
	u32 pattern_max;
	struct capture_expect *expects;
	u32 expect_max;
};

struct capture {
	u32 version;
	struct capture_range *ram;
	u32 ram_count;
	struct capture_range *scratch;	/* kho_scratch[] order */
	u32 scratch_count;
	struct capture_blob *blobs;
	u32 blob_count;
	struct capture_pattern *patterns;
	u32 pattern_count;
	struct capture_expect *expects;
	u32 expect_count;
	bool has_kho_fdt;
	u64 kho_fdt_addr;
	u64 kho_fdt_size;
	bool has_scratch_array;
	u64 scratch_array_addr;
	bool has_cmdline;
	struct capture_text cmdline;	/* without the quotes */
	struct capture_text payload;	/* CAPTURE_DEFAULT_PAYLOAD if absent */
	bool payload_given;
	bool has_initrd;
	struct capture_text initrd;	/* file, loaded into scratch */
};

enum capture_error_code {
	CAPTURE_OK = 0,
	CAPTURE_ERR_NO_FORMAT,		/* first directive is not "format" */
	CAPTURE_ERR_VERSION,		/* not "baton-capture 1" */
	CAPTURE_ERR_UNKNOWN_DIRECTIVE,
	CAPTURE_ERR_ARGUMENTS,		/* too few or too many */
	CAPTURE_ERR_NUMBER,		/* not hex, or more than 64 bits */
	CAPTURE_ERR_CHARACTER,		/* NUL or control byte in a line */
	CAPTURE_ERR_STRING,		/* missing/unterminated quotes, too long */
	CAPTURE_ERR_FILE_NAME,		/* empty, absolute, "..", bad byte */
	CAPTURE_ERR_KIND,		/* unknown pattern kind / bad seed */
	CAPTURE_ERR_DUPLICATE,		/* a once-only directive repeated */
	CAPTURE_ERR_TOO_MANY,		/* caller storage full */
	CAPTURE_ERR_ALIGNMENT,		/* not 4 KiB aligned where required */
	CAPTURE_ERR_SIZE,		/* zero size, or end beyond 2^64 */
	CAPTURE_ERR_OVERLAP,		/* two ranges share bytes */
	CAPTURE_ERR_OUTSIDE_RAM,	/* not inside one ram range */
	CAPTURE_ERR_MISSING,		/* a required directive is absent */
	CAPTURE_ERR_SCRATCH_ARRAY,	/* not inside one scratch area */
	CAPTURE_ERR_KHO_FDT,		/* not inside one blob or pattern */
	CAPTURE_ERR_BLOB_SIZE,		/* file larger than its SIZE */
	CAPTURE_ERR_UNRESOLVED,		/* blob size unknown at layout check */
	CAPTURE_ERR_COUNT,
};

struct capture_error {
	enum capture_error_code code;
	u32 line;			/* 1-based; 0: the capture as a whole */
	char message[CAPTURE_MESSAGE_MAX];	/* "line N: ..." */
};

/*
 * Parses size bytes of manifest text (no NUL needed; a NUL byte is an
 * error). Slices in *out point into text, arrays into storage. Checks
 * syntax and per-line rules (alignment, sizes, once-only directives);
 * capture_check_layout() checks how the lines fit together.
 */
bool capture_parse(const char *text, size_t size,
		   const struct capture_storage *storage, struct capture *out,
		   struct capture_error *err);

/*
 * Applies a blob file's size: sets blob->size when no SIZE was given,
 * otherwise refuses a file larger than SIZE.
 */
bool capture_blob_resolve(struct capture_blob *blob, u64 file_size,
			  struct capture_error *err);

/*
 * Once every blob is resolved: at least one scratch area; every range
 * inside one ram range (when any ram line exists); no overlap among ram,
 * among scratch, or among blobs/patterns and scratch (blob extents are
 * page rounded); the scratch array inside one scratch area; the KHO FDT
 * inside one blob or pattern; kho-fdt and scratch-array given together.
 */
bool capture_check_layout(const struct capture *c, struct capture_error *err);

/* Bytes of the kho_scratch[] array: 16 per scratch line. */
u64 capture_scratch_array_size(const struct capture *c);

/* Page-rounded extent of a blob (its memory footprint). */
u64 capture_blob_extent(const struct capture_blob *blob);

/* The byte at stream offset off of pattern kind/seed (reference form). */
u8 capture_pattern_byte(enum capture_pattern_kind kind, u64 seed, u64 off);

/*
 * Writes bytes [start, start + len) of the pattern's range (start counted
 * from the range's first byte) to dst: word at a time, same bytes as
 * capture_pattern_byte(kind, seed, p->offset + start + i).
 */
void capture_pattern_fill(const struct capture_pattern *p, u64 start,
			  void *dst, size_t len);

const char *capture_pattern_kind_name(enum capture_pattern_kind kind);
const char *capture_error_name(enum capture_error_code code);

/* NUL-terminated copy of a slice; false (buf = "") if it does not fit. */
bool capture_text_copy(struct capture_text text, char *buf, size_t size);
bool capture_text_equal(struct capture_text text, const char *s);
/* Whether name is a file name capture_parse() accepts. */
bool capture_file_name_ok(struct capture_text name);

#endif
