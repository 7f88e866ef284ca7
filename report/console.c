// SPDX-License-Identifier: MIT
/*
 * Payload only: prints the report on baton's consoles. Human lines go
 * through the log like every other line; the JSON block is written raw so
 * that no timestamp interrupts it.
 */
#include <baton/log.h>
#include <report/report.h>

static void log_line(void *ctx, const char *text)
{
	pr_info("%s\n", text);
}

static void log_raw(void *ctx, const char *s, size_t len)
{
	log_write_raw(s, len);
}

void report_print_console(const struct report_input *in)
{
	struct report_sink_buffer b;

	report_human(in, log_line, NULL);
	report_sink_buffer_init(&b, log_raw, NULL);
	report_json_console(in, report_sink_buffered, &b);
	report_sink_buffer_flush(&b);
}

void report_print_console_summary(const struct report_input *in)
{
	report_human_summary(in, log_line, NULL);
	pr_info("report: console summary only (baton.log=summary); the full report and JSON go to the next kernel in the report blob\n");
}
