/* SPDX-License-Identifier: MIT */
/*
 * Captured output for the tests of the report writers and the capture
 * framing: one buffer their sink callbacks append to, and the JSON member
 * cut out of it. Output that does not fit fails the case, so a truncated
 * capture can never be compared as if it were the whole text.
 */
#ifndef BATON_TESTS_TEXT_SINK_H
#define BATON_TESTS_TEXT_SINK_H

#include "check.h"

struct text_sink {
	char text[8192];
	size_t len;
};

/* A report/capture sink: appends s[0..len) and keeps the text terminated. */
static void text_sink(void *ctx, const char *s, size_t len)
{
	struct text_sink *t = ctx;

	if (len >= sizeof(t->text) - t->len) {
		CHECK_FAIL("captured output exceeds %zu bytes", sizeof(t->text));
		return;
	}
	memcpy(t->text + t->len, s, len);
	t->len += len;
	t->text[t->len] = '\0';
}

/* A line callback's text appended with its newline. */
static inline void text_sink_line(struct text_sink *t, const char *s)
{
	text_sink(t, s, strlen(s));
	text_sink(t, "\n", 1);
}

/*
 * The member that starts with `"name":` up to the text `next` (exclusive)
 * into out; "" when either is missing (the caller checks what it expects).
 */
static inline void text_sink_member(const struct text_sink *t,
				    const char *name, const char *next,
				    char *out, size_t size)
{
	const char *from = strstr(t->text, name);
	const char *to = from ? strstr(from, next) : NULL;

	snprintf(out, size, "%.*s", to ? (int)(to - from) : 0, to ? from : "");
}

#endif
