/* SPDX-License-Identifier: MIT */
/*
 * baton's report: what the handover contained and what validation found,
 * rendered as stable human lines (docs/report-format.md) and as JSON
 * (docs/report-schema.md). The same code runs in the payload (serial
 * console) and in host tools, so both produce identical text.
 *
 * Call sequence for the payload's main flow:
 *   timeline_init(&tl, arch_timestamp_at_entry())       at entry
 *   timeline_set_frequency(&tl, arch_tsc_khz(), method)  after calibration
 *   timeline_mark(&tl, "<phase>", arch_timestamp())      at each phase end
 *   bootinfo_print(...)                                  the boot summary
 *   handover_parse(...), mm_* ...                        validation
 *   report_memory_from_mm(&mm, &mem)                     report/memory_mm.h
 *   struct report_input in = { version, &boot_info, &model (or NULL),
 *                              { &boot_findings, &handover_findings,
 *                                &mm_findings }, &mem, &tl }
 *   report_print_console(&in)          human lines, then the JSON block
 *   size = report_blob_size(&in); allocate size bytes (mm_alloc);
 *   report_blob_write(buf, size, &in)  handed to the next kernel
 * Host tools call report_human / report_json with their own sinks.
 */
#ifndef BATON_REPORT_REPORT_H
#define BATON_REPORT_REPORT_H

#include <baton/bootinfo.h>
#include <baton/findings.h>
#include <baton/printf.h>
#include <luo/bridge/bridge.h>
#include <luo/digest_check.h>
#include <boot/chain/abi_precheck.h>
#include <luo/handover_fingerprint.h>
#include <luo/model.h>
#include <report/timeline.h>

#define REPORT_SCHEMA_VERSION	1
#define REPORT_FINDING_LISTS	4

#define REPORT_JSON_BEGIN	"----- BEGIN BATON JSON -----"
#define REPORT_JSON_END		"----- END BATON JSON -----"

/*
 * The memory summary as the memory model saw it (report/memory_mm.h fills
 * it from struct mm; totals in bytes).
 */
struct report_memory {
	u64 ram_bytes;			/* usable RAM after sanitising */
	u64 scratch_bytes;		/* all scratch areas */
	u64 scratch_free_bytes;		/* allocatable scratch left */
	u32 scratch_areas;
	u32 scratch_refused;		/* areas never allocated from */
	u64 preserved_entries;		/* map entries reserved */
	u64 preserved_ranges;		/* ranges after merging */
	u64 preserved_bytes;		/* reserved as preserved memory */
	u64 map_bytes;			/* preserved-memory map pages */
	u64 baton_bytes;		/* image and allocations */
	u64 next_kernel_bytes;		/* claimed for the next kernel */
};

struct report_input {
	const char *baton_version;		/* "0.1.0" */
	const struct boot_info *boot;		/* NULL: section is null */
	const struct handover_model *model;	/* NULL: no handover parsed */
	/* Every finding list, in report order (boot, handover, mm, ...). */
	const struct finding_list *findings[REPORT_FINDING_LISTS];
	const struct report_memory *memory;	/* NULL: section is null */
	const struct report_timeline *timeline;	/* NULL: section is null */
	/* NULL: no "handover_fingerprint" member */
	const struct handover_fingerprint *fingerprint;
	const struct chain_precheck *chain;	/* NULL: section is null */
	const struct bridge_result *bridge;	/* NULL: no "bridge" member */
	const struct digest_report *digest;	/* NULL: section is null */
};

struct report_verdict {
	bool handover;		/* a KHO handover was found */
	bool ok;		/* no errors */
	u64 errors;
	u64 warnings;
	u64 infos;
	u64 stored;		/* findings listed in the report */
	u64 dropped;		/* counted but not stored (lists full) */
};

void report_verdict(const struct report_input *in, struct report_verdict *v);
/* "handover OK (0 errors, 1 warning)" etc. (docs/report-format.md). */
int report_verdict_text(const struct report_verdict *v, char *buf,
			size_t size);

/* Human report: one call per line, text without a newline. */
typedef void (*report_line_fn)(void *ctx, const char *text);
void report_human(const struct report_input *in, report_line_fn line,
		  void *ctx);
/*
 * baton.log=summary: the header, timeline, findings and verdict lines of
 * report_human only (a slow UART; the full report stays in the blob).
 */
void report_human_summary(const struct report_input *in, report_line_fn line,
			  void *ctx);

/*
 * JSON report, schema REPORT_SCHEMA_VERSION. pretty: one member per line
 * and one array element per line for leaf records (console); otherwise no
 * whitespace at all (the blob). No trailing newline. Returns the bytes
 * written (the same for a counting sink).
 */
u64 report_json(const struct report_input *in, print_sink_fn sink, void *ctx,
		bool pretty);
/* The console form: BEGIN marker line, pretty JSON, END marker line. */
void report_json_console(const struct report_input *in, print_sink_fn sink,
			 void *ctx);

/*
 * A small buffer in front of a sink: the JSON writer emits many tiny
 * pieces, consoles prefer fewer, larger writes. Flush at the end.
 */
#define REPORT_SINK_BUFFER	256
struct report_sink_buffer {
	print_sink_fn out;
	void *ctx;
	size_t len;
	char buf[REPORT_SINK_BUFFER];
};

void report_sink_buffer_init(struct report_sink_buffer *b, print_sink_fn out,
			     void *ctx);
/* The print_sink_fn to pass along with the buffer as ctx. */
void report_sink_buffered(void *ctx, const char *s, size_t len);
void report_sink_buffer_flush(struct report_sink_buffer *b);

#ifdef BATON_FREESTANDING
/*
 * Payload only (report/console.c): the human report through the log
 * (timestamped lines), then the JSON block raw between its markers.
 */
void report_print_console(const struct report_input *in);
/* baton.log=summary: report_human_summary's lines, no JSON block. */
void report_print_console_summary(const struct report_input *in);
#endif

#endif
