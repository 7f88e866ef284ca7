/* SPDX-License-Identifier: MIT */
/*
 * baton-inspect: what the sources (capture, QEMU dump, KHO debugfs) hand
 * to the common report step — a physical view over host memory, the
 * SETUP_KEXEC_KHO record and optionally RAM and boot information.
 */
#ifndef BATON_INSPECT_H
#define BATON_INSPECT_H

#include <baton/bootinfo.h>
#include <baton/findings.h>
#include <baton/physmem.h>
#include <luo/handover.h>

/* Exit statuses (docs/inspect.md). */
#define INSPECT_EXIT_CLEAN	0
#define INSPECT_EXIT_WARNINGS	1
#define INSPECT_EXIT_ERRORS	2
#define INSPECT_EXIT_UNUSABLE	3
/*
 * The hosted build runs under ASan/UBSan, whose runtime exits with 1 on a
 * report by default: the same as "warnings". sanitizer_options.c makes it
 * exit with this instead (EX_SOFTWARE, sysexits.h: internal software error),
 * so a bug in baton-inspect never reads as a verdict.
 */
#define INSPECT_EXIT_SANITIZER	70

#define INSPECT_FINDINGS_MAX	1024
/* Bytes of one pattern generated in host memory; the rest is unbacked. */
#define INSPECT_PATTERN_CAP	(256ULL << 20)

struct inspect_input {
	struct phys_window *windows;	/* malloc'd, sorted by setup */
	u32 window_count;
	u32 window_max;
	struct phys_view view;
	struct boot_kho_record kho;
	struct phys_range *ram;		/* NULL: the windows are the RAM */
	u32 ram_count;
	struct boot_info *boot;		/* NULL: no boot information */
	struct finding boot_items[INSPECT_FINDINGS_MAX];
	struct finding_list boot_findings;
	u32 patterns_capped;		/* patterns cut to INSPECT_PATTERN_CAP */
	const struct kho_map_sink *map_sink;	/* extra map consumer */
	const void *keep[2];		/* manifest text, archive: live to exit */
};

struct inspect_options {
	bool json;
	bool pretty;
	const char *kho_fdt;		/* dump: "ADDR[:SIZE]" */
	const char *scratch;		/* dump: "ADDR:SIZE" */
	const char *boot_params;	/* dump: "ADDR" */
	const char *extract;		/* dump: capture directory to write */
};

/* Prints "baton-inspect: ..." on stderr. */
void inspect_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Allocates the input; it stays reachable until exit (no leak reports). */
struct inspect_input *inspect_input_new(void);
/* Appends a window (host memory stays the caller's); false when full. */
bool inspect_add_window(struct inspect_input *in, phys_addr_t pa,
			const void *host, u64 size);
/* Sorts the windows and builds in->view; false (message) on overlap. */
bool inspect_finish_view(struct inspect_input *in);

/* Each returns an INSPECT_EXIT_* status. */
int inspect_capture(const char *path, const struct inspect_options *opt);
int inspect_dump(const char *path, const struct inspect_options *opt);
int inspect_live(const char *dir, const struct inspect_options *opt);

/* The report step: parse, print (human or JSON), status from the verdict. */
int inspect_report(struct inspect_input *in, const struct inspect_options *opt);

/* dump --extract: feed the map walk to the extractor, then write DIR. */
void inspect_extract_prepare(struct inspect_input *in);
int inspect_extract(struct inspect_input *in, const char *dir);

bool inspect_parse_u64(const char *s, u64 *out);

#endif
