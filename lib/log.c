// SPDX-License-Identifier: MIT
/*
 * The payload log: formats through lib/printf.c's sink interface, prefixes
 * every line with the time since entry (TSC, once calibrated; 0 before),
 * keeps a copy in a ring buffer and hands the bytes to the console layer.
 */
#include <baton/log.h>
#include <baton/printf.h>
#include <baton/arch.h>

static char ring[LOG_BUFFER_SIZE];
static size_t ring_head;	/* next write position */
static bool ring_wrapped;
static bool at_line_start = true;
static log_output_fn output;

static void ring_store(const char *s, size_t len)
{
	while (len--) {
		ring[ring_head++] = *s++;
		if (ring_head == sizeof(ring)) {
			ring_head = 0;
			ring_wrapped = true;
		}
	}
}

static void emit(const char *s, size_t len)
{
	ring_store(s, len);
	if (output)
		output(s, len);
}

static void emit_timestamp(void)
{
	u64 khz = arch_tsc_khz();
	u64 us = 0;
	char buf[32];
	int n;

	if (khz)
		us = (arch_timestamp() - arch_timestamp_at_entry()) * 1000 / khz;
	n = baton_snprintf(buf, sizeof(buf), "[%5llu.%06llu] ",
			   (unsigned long long)(us / 1000000),
			   (unsigned long long)(us % 1000000));
	emit(buf, (size_t)n);
}

/* Splits at newlines so each line starts with a timestamp. */
static void log_sink(void *ctx, const char *s, size_t len)
{
	while (len) {
		size_t n = 0;

		if (at_line_start) {
			emit_timestamp();
			at_line_start = false;
		}
		while (n < len && s[n] != '\n')
			n++;
		if (n < len) {
			n++;
			at_line_start = true;
		}
		emit(s, n);
		s += n;
		len -= n;
	}
}

void log_vprintf(enum log_level level, const char *fmt, va_list ap)
{
	baton_vprintf_sink(log_sink, NULL, fmt, ap);
}

void log_printf(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vprintf(level, fmt, ap);
	va_end(ap);
}

void log_write_raw(const char *s, size_t len)
{
	emit(s, len);
	if (len)
		at_line_start = s[len - 1] == '\n';
}

void log_replay(log_output_fn fn)
{
	if (ring_wrapped)
		fn(ring + ring_head, sizeof(ring) - ring_head);
	fn(ring, ring_head);
}

void log_set_output(log_output_fn fn)
{
	output = fn;
}
