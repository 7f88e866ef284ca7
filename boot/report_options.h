/* SPDX-License-Identifier: MIT */
/*
 * Command-line options of the report hand-over and of baton -> baton
 * verification: baton.report=on|off, baton.role=verify, the console
 * report's length baton.log=full|summary and the test-only
 * baton.report.tamper=memfd|drop-range|blob (docs/cmdline.md).
 */
#ifndef BATON_BOOT_REPORT_OPTIONS_H
#define BATON_BOOT_REPORT_OPTIONS_H

#include <baton/types.h>

enum report_tamper {
	REPORT_TAMPER_NONE,
	REPORT_TAMPER_MEMFD,		/* record memfd 0's digest altered */
	REPORT_TAMPER_DROP_RANGE,	/* forward the map minus one entry */
	REPORT_TAMPER_BLOB,		/* flip a subtree blob byte after its CRC */
	REPORT_TAMPER_INVALID,		/* unknown value: ignored */
};

/* baton.report= (default on); false for "off". *valid: value known. */
bool report_subtree_enabled(const char *cmdline, bool *valid);
/* baton.role=verify. *valid false for another value. */
bool report_role_verify(const char *cmdline, bool *valid);
/* baton.log=summary (default full). *valid false for another value. */
bool report_log_summary(const char *cmdline, bool *valid);
enum report_tamper report_tamper_from_cmdline(const char *cmdline);
const char *report_tamper_name(enum report_tamper t);

#endif
