/* SPDX-License-Identifier: MIT */
/*
 * Shared by the fuzz targets that check what a JSON writer produced: a
 * bounded text sink (output past the buffer sets overflow, is not kept).
 */
#ifndef BATON_TESTS_FUZZ_TEXT_H
#define BATON_TESTS_FUZZ_TEXT_H

#include <report/json_writer.h>
#include <string.h>

struct fuzz_text {
	char buf[8192];
	size_t len;
	bool overflow;
};

static void fuzz_text_sink(void *ctx, const char *s, size_t len)
{
	struct fuzz_text *t = ctx;

	if (t->len + len > sizeof(t->buf)) {
		t->overflow = true;
		return;
	}
	memcpy(t->buf + t->len, s, len);
	t->len += len;
}

/* Empties t and opens a compact top-level object writing into it. */
static void fuzz_text_begin(struct fuzz_text *t, struct json_writer *w)
{
	memset(t, 0, sizeof(*t));
	json_init(w, fuzz_text_sink, t, false);
	json_object_begin(w, NULL);
}

#endif
