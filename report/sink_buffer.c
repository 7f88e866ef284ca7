// SPDX-License-Identifier: MIT
/* Buffered sink adapter (report/report.h). */
#include <report/report.h>
#include <string.h>

void report_sink_buffer_init(struct report_sink_buffer *b, print_sink_fn out,
			     void *ctx)
{
	b->out = out;
	b->ctx = ctx;
	b->len = 0;
}

void report_sink_buffer_flush(struct report_sink_buffer *b)
{
	if (b->len)
		b->out(b->ctx, b->buf, b->len);
	b->len = 0;
}

void report_sink_buffered(void *ctx, const char *s, size_t len)
{
	struct report_sink_buffer *b = ctx;

	if (len > sizeof(b->buf) - b->len) {
		report_sink_buffer_flush(b);
		if (len >= sizeof(b->buf)) {
			b->out(b->ctx, s, len);
			return;
		}
	}
	memcpy(b->buf + b->len, s, len);
	b->len += len;
}
