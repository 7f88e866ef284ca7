/* SPDX-License-Identifier: MIT */
/*
 * The payload's log (lib/log.c): Linux-style lines "[    0.000123] text"
 * timestamped from the TSC, written to every registered console and kept in
 * an in-memory buffer that consoles registered later are replayed from.
 */
#ifndef BATON_LOG_H
#define BATON_LOG_H

#include <stdarg.h>
#include <baton/types.h>

#define LOG_BUFFER_SIZE	(64 * 1024)

enum log_level {
	LOG_ERR,
	LOG_WARN,
	LOG_INFO,
};

/* fmt may span several lines; each line gets its own timestamp. */
void log_printf(enum log_level level, const char *fmt, ...) __printf(2, 3);
void log_vprintf(enum log_level level, const char *fmt, va_list ap);

#define pr_err(...)	log_printf(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)	log_printf(LOG_WARN, __VA_ARGS__)
#define pr_info(...)	log_printf(LOG_INFO, __VA_ARGS__)

/* Raw output without timestamps (machine-readable blocks such as JSON). */
void log_write_raw(const char *s, size_t len);

typedef void (*log_output_fn)(const char *s, size_t len);

/*
 * Feeds everything logged so far, oldest first, to fn (the oldest part is
 * lost once more than LOG_BUFFER_SIZE bytes were logged).
 */
void log_replay(log_output_fn fn);

/* Output hook for the consoles (drivers/console.c). */
void log_set_output(log_output_fn fn);

#endif
