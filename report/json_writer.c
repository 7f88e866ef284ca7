// SPDX-License-Identifier: MIT
/*
 * The streaming JSON writer and the structural validator used by the report
 * blob check. Output is pure ASCII: every byte outside 0x20..0x7e is escaped
 * as \u00XX (or its short form), so non-UTF-8 input still yields valid JSON.
 */
#include <report/json_writer.h>
#include <string.h>

static void emit(struct json_writer *w, const char *s, size_t len)
{
	if (!len)
		return;
	w->sink(w->ctx, s, len);
	w->bytes += len;
}

static void emit_str(struct json_writer *w, const char *s)
{
	emit(w, s, strlen(s));
}

static bool is_inline(const struct json_writer *w, u32 depth)
{
	return w->inline_from && depth >= w->inline_from;
}

static void newline_indent(struct json_writer *w, u32 depth)
{
	static const char spaces[] = "                                ";
	u32 n = depth * JSON_INDENT;

	emit(w, "\n", 1);
	while (n) {
		u32 chunk = MIN(n, (u32)sizeof(spaces) - 1);

		emit(w, spaces, chunk);
		n -= chunk;
	}
}

static void escape_bytes(struct json_writer *w, const u8 *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		u8 c = s[i];
		char esc[7];
		const char *out = NULL;

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			continue;
		emit(w, (const char *)s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': out = "\\\""; break;
		case '\\': out = "\\\\"; break;
		case '\b': out = "\\b"; break;
		case '\f': out = "\\f"; break;
		case '\n': out = "\\n"; break;
		case '\r': out = "\\r"; break;
		case '\t': out = "\\t"; break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			esc[6] = '\0';
			out = esc;
		}
		emit_str(w, out);
	}
	emit(w, (const char *)s + run, len - run);
}

/* Separator, line break and key before a value at the current depth. */
static void value_prefix(struct json_writer *w, const char *key)
{
	u32 d = w->depth;

	if (d > 0) {
		bool first = !(w->has_members & (1ULL << d));

		if (!first)
			emit(w, ",", 1);
		if (w->pretty && !is_inline(w, d))
			newline_indent(w, d);
		else if (w->pretty && !first)
			emit(w, " ", 1);
		w->has_members |= 1ULL << d;
	}
	if (key) {
		emit(w, "\"", 1);
		escape_bytes(w, (const u8 *)key, strlen(key));
		emit_str(w, w->pretty ? "\": " : "\":");
	}
}

void json_init(struct json_writer *w, print_sink_fn sink, void *ctx,
	       bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->sink = sink;
	w->ctx = ctx;
	w->pretty = pretty;
}

static void container_begin(struct json_writer *w, const char *key,
			    char open, bool inline_container)
{
	if (w->depth + 1 >= JSON_MAX_DEPTH) {
		w->error = true;
		return;
	}
	value_prefix(w, key);
	emit(w, &open, 1);
	w->depth++;
	w->has_members &= ~(1ULL << w->depth);
	if (inline_container && !w->inline_from)
		w->inline_from = w->depth;
}

static void container_end(struct json_writer *w, char close)
{
	u32 d = w->depth;

	if (d == 0) {
		w->error = true;
		return;
	}
	if (w->pretty && !is_inline(w, d) && (w->has_members & (1ULL << d)))
		newline_indent(w, d - 1);
	emit(w, &close, 1);
	if (w->inline_from == d)
		w->inline_from = 0;
	w->depth--;
}

void json_object_begin(struct json_writer *w, const char *key)
{
	container_begin(w, key, '{', false);
}

void json_object_begin_inline(struct json_writer *w, const char *key)
{
	container_begin(w, key, '{', true);
}

void json_object_end(struct json_writer *w)
{
	container_end(w, '}');
}

void json_array_begin(struct json_writer *w, const char *key)
{
	container_begin(w, key, '[', false);
}

void json_array_begin_inline(struct json_writer *w, const char *key)
{
	container_begin(w, key, '[', true);
}

void json_array_end(struct json_writer *w)
{
	container_end(w, ']');
}

void json_string_bytes(struct json_writer *w, const char *key,
		       const void *s, size_t len)
{
	value_prefix(w, key);
	emit(w, "\"", 1);
	escape_bytes(w, s, len);
	emit(w, "\"", 1);
}

void json_string(struct json_writer *w, const char *key, const char *s)
{
	json_string_bytes(w, key, s, strlen(s));
}

void json_string_bounded(struct json_writer *w, const char *key,
			 const char *s, size_t max)
{
	json_string_bytes(w, key, s, strnlen(s, max));
}

static void print_value(struct json_writer *w, const char *key,
			const char *fmt, u64 v)
{
	char buf[24];
	int n;

	value_prefix(w, key);
	n = baton_snprintf(buf, sizeof(buf), fmt, (unsigned long long)v);
	emit(w, buf, (size_t)n);
}

void json_u64(struct json_writer *w, const char *key, u64 v)
{
	print_value(w, key, "%llu", v);
}

void json_s64(struct json_writer *w, const char *key, s64 v)
{
	print_value(w, key, "%lld", (u64)v);
}

void json_hex(struct json_writer *w, const char *key, u64 v)
{
	print_value(w, key, "\"0x%llx\"", v);
}

void json_bool(struct json_writer *w, const char *key, bool v)
{
	value_prefix(w, key);
	emit_str(w, v ? "true" : "false");
}

void json_null(struct json_writer *w, const char *key)
{
	value_prefix(w, key);
	emit_str(w, "null");
}

bool json_finished(const struct json_writer *w)
{
	return !w->error && w->depth == 0;
}
