/* SPDX-License-Identifier: MIT */
/*
 * Findings: what validation found, each with a stable code, a severity, the
 * physical address concerned and a one-line message. Codes are listed per
 * detecting module (X-macro lists below) and documented in
 * docs/findings.md; codes are never renumbered or reused.
 */
#ifndef BATON_FINDINGS_H
#define BATON_FINDINGS_H

#include <stdarg.h>
#include <baton/types.h>

enum finding_severity {
	FINDING_INFO,
	FINDING_WARNING,
	FINDING_ERROR,
	FINDING_SEVERITY_COUNT,
};

/*
 * Each detecting module has its own list: X(CODE, SEVERITY, "summary").
 * The lists are pure data and live here, at the bottom layer, because a
 * code's number is its place in the one enum below: the findings list (lib/)
 * and every module share it, so it cannot depend on the modules (README,
 * "Layers").
 * finding_codes_boot.h: boot information (boot_params, setup_data, e820)
 * finding_codes_mm.h:   memory model and placement invariants
 * finding_codes_luo.h:  KHO, preserved-memory map, LUO, memfd
 */
#include <baton/finding_codes_boot.h>
#include <baton/finding_codes_mm.h>
#include <baton/finding_codes_luo.h>

#define FINDING_CODES(X)		\
	BOOT_FINDING_CODES(X)		\
	MM_FINDING_CODES(X)		\
	LUO_FINDING_CODES(X)

enum finding_code {
	FINDING_NONE = 0,
#define FINDING_ENUM(code, severity, summary) code,
	FINDING_CODES(FINDING_ENUM)
#undef FINDING_ENUM
	FINDING_CODE_COUNT,
};

#define FINDING_MESSAGE_MAX 120

struct finding {
	enum finding_code code;
	enum finding_severity severity;
	phys_addr_t pa;
	char message[FINDING_MESSAGE_MAX];
};

/*
 * A bounded list: when full, further findings are counted (per severity and
 * in `dropped`) but not stored, so validation never needs to allocate. The
 * counters decide the verdict, so they saturate instead of wrapping: a
 * handover cannot produce so many errors that the count reads 0.
 */
struct finding_list {
	struct finding *items;
	u32 capacity;
	u32 count;
	u64 dropped;
	u64 by_severity[FINDING_SEVERITY_COUNT];
};

/* a + b, or ~0 when that does not fit: for counters that decide anything. */
static inline u64 sat_add_u64(u64 a, u64 b)
{
	u64 sum;

	return __builtin_add_overflow(a, b, &sum) ? ~0ULL : sum;
}

void finding_list_init(struct finding_list *list, struct finding *storage,
		       u32 capacity);
void finding_add(struct finding_list *list, enum finding_code code,
		 phys_addr_t pa, const char *fmt, ...) __printf(4, 5);
/*
 * finding_add() for a caller that also logs or keeps the message: it is
 * formatted into msg (size bytes) first, so the caller has the whole text
 * even when the list is full and the finding is only counted.
 */
void finding_vadd_text(struct finding_list *list, enum finding_code code,
		       phys_addr_t pa, char *msg, size_t size,
		       const char *fmt, va_list ap);

/* How finding_line() writes the address. */
enum finding_pa_format {
	FINDING_PA_PADDED,	/* 0x%016llx: reports, inspect, phase logs */
	FINDING_PA_SHORT,	/* 0x%llx: the boot summary's log lines */
};

/* Room for any finding_line() of a stored (unescaped) message. */
#define FINDING_LINE_MAX	(FINDING_MESSAGE_MAX + 96)

/*
 * The one text form of a finding, without a newline:
 * "finding: <severity> <CODE> at <pa>: <message>". message replaces
 * f->message when not NULL (an escaped copy, say). Returns what
 * baton_snprintf() returns.
 */
int finding_line(char *buf, size_t size, const struct finding *f,
		 const char *message, enum finding_pa_format pa_format);

bool finding_list_has(const struct finding_list *list,
		      enum finding_code code);
u32 finding_list_count_code(const struct finding_list *list,
			    enum finding_code code);

const char *finding_code_name(enum finding_code code);
const char *finding_code_summary(enum finding_code code);
enum finding_severity finding_code_severity(enum finding_code code);
const char *finding_severity_name(enum finding_severity severity);

#endif
