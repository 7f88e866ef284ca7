/* SPDX-License-Identifier: MIT */
/*
 * baton's own formatted output (lib/printf.c), identical in the payload and
 * in host builds so reports and logs match byte for byte. Supports the
 * kernel subset: %d %i %u %x %X %o %c %s %p %% with flags "-0+ #", width,
 * precision (also "*"), and length modifiers hh h l ll z t j.
 */
#ifndef BATON_PRINTF_H
#define BATON_PRINTF_H

#include <stdarg.h>
#include <baton/types.h>

int baton_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int baton_snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* Streams formatted output through a sink one chunk at a time. */
typedef void (*print_sink_fn)(void *ctx, const char *s, size_t len);
int baton_vprintf_sink(print_sink_fn sink, void *ctx, const char *fmt,
		       va_list ap);

#endif
