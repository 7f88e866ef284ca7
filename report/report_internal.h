/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the human and JSON renderers (report/text.c): model
 * traversal with defensive bounds, seal names, folio order histograms and
 * the escaping of handover-supplied names for human lines.
 */
#ifndef BATON_REPORT_INTERNAL_H
#define BATON_REPORT_INTERNAL_H

#include <report/report.h>

#define REPORT_ORDER_MAX	64

/* True when a KHO handover was found (record present or model parsed). */
bool report_has_handover(const struct report_input *in);
/* The model, or NULL when there is nothing parsed to show. */
const struct handover_model *report_model(const struct report_input *in);

/* Files of a session within the model's arrays (count clamped). */
const struct model_file *report_session_files(const struct handover_model *m,
					      const struct model_session *s,
					      u32 *count);
/* The memfd of a file, or NULL. */
const struct model_memfd *report_file_memfd(const struct handover_model *m,
					    const struct model_file *f);
/*
 * Calls fn for every memfd file the digest phase has a result for, in
 * model order (none when digesting was off).
 */
typedef void report_digest_file_fn(void *ctx, const struct model_session *s,
				   const struct model_file *f,
				   const struct model_memfd *md,
				   const struct digest_file *r);
void report_digest_files(const struct handover_model *m,
			 const struct digest_report *d,
			 report_digest_file_fn *fn, void *ctx);
/*
 * Histogram of a memfd's stored folios by order: counts[order]; folios
 * with unknown order (-1) or order >= REPORT_ORDER_MAX in *unknown.
 */
void report_folio_orders(const struct handover_model *m,
			 const struct model_memfd *md,
			 u64 counts[REPORT_ORDER_MAX], u64 *unknown);

/* kho-v1 bitmap size in bytes (0: unknown) and evidence token. */
u32 report_v1_bitmap_bytes(enum kho_v1_variant v);
const char *report_v1_evidence(enum kho_v1_evidence e);

/* F_SEAL_* bit names, lowest bit first. */
#define REPORT_SEAL_BITS	6
const char *report_seal_name(unsigned int bit);
/* "grow,write", "none", unknown bits as "0x40". Returns buf. */
const char *report_seal_list(u32 seals, char *buf, size_t size);

/*
 * How handover-supplied text is shown on a human line. Bytes outside
 * 0x20..0x7e always become \xNN; QUOTED (inside "...") also escapes '"'
 * and '\\', TOKEN (a bare word) also a space and both of those, TEXT
 * (the rest of the line) nothing more.
 */
enum report_escape_mode {
	REPORT_ESCAPE_QUOTED,
	REPORT_ESCAPE_TOKEN,
	REPORT_ESCAPE_TEXT,
};

/* Copies at most max bytes of s (stops at NUL); always terminates buf. */
const char *report_escape(char *buf, size_t size, const char *s, size_t max,
			  enum report_escape_mode mode);

/* A line being assembled; overlong text is cut, never overflows. */
#define REPORT_LINE_MAX		512
struct report_line {
	char text[REPORT_LINE_MAX];
	size_t len;
};

void report_line_reset(struct report_line *l);
void report_line_add(struct report_line *l, const char *fmt, ...)
	__printf(2, 3);

#endif
