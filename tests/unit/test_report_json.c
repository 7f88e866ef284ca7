// SPDX-License-Identifier: MIT
/*
 * The report's building blocks: JSON writer output (compact, pretty,
 * inline), string escaping edge cases, the validator, CRC32 and the
 * timeline's integer microseconds.
 */
#include "check.h"
#include <baton/tsc.h>
#include <report/blob.h>
#include <report/report.h>
#include <report/json_writer.h>
#include <report/timeline.h>

struct text {
	char buf[4096];
	size_t len;
};

static void text_sink(void *ctx, const char *s, size_t len)
{
	struct text *t = ctx;

	if (len > sizeof(t->buf) - 1 - t->len)
		len = sizeof(t->buf) - 1 - t->len;
	memcpy(t->buf + t->len, s, len);
	t->len += len;
	t->buf[t->len] = '\0';
}

static void write_sample(struct json_writer *w)
{
	json_object_begin(w, NULL);
	json_string(w, "name", "vm0");
	json_u64(w, "max", UINT64_MAX);
	json_s64(w, "neg", -5);
	json_hex(w, "pa", 0x100000000ULL);
	json_hex(w, "zero", 0);
	json_bool(w, "t", true);
	json_null(w, "n");
	json_array_begin(w, "empty");
	json_array_end(w);
	json_object_begin(w, "nested");
	json_array_begin(w, "list");
	json_object_begin_inline(w, NULL);
	json_u64(w, "a", 1);
	json_array_begin(w, "b");
	json_u64(w, NULL, 2);
	json_u64(w, NULL, 3);
	json_array_end(w);
	json_object_end(w);
	json_object_begin_inline(w, NULL);
	json_object_end(w);
	json_array_end(w);
	json_object_end(w);
	json_object_end(w);
}

TEST(json_compact_exact)
{
	struct text t = { .len = 0 };
	struct json_writer w;

	json_init(&w, text_sink, &t, false);
	write_sample(&w);
	CHECK(json_finished(&w));
	CHECK_STR(t.buf, "{\"name\":\"vm0\",\"max\":18446744073709551615,"
		  "\"neg\":-5,\"pa\":\"0x100000000\",\"zero\":\"0x0\","
		  "\"t\":true,\"n\":null,\"empty\":[],"
		  "\"nested\":{\"list\":[{\"a\":1,\"b\":[2,3]},{}]}}");
	CHECK_EQ(w.bytes, strlen(t.buf));
	CHECK(json_validate(t.buf, t.len));
}

TEST(json_pretty_exact)
{
	struct text t = { .len = 0 };
	struct json_writer w;

	json_init(&w, text_sink, &t, true);
	write_sample(&w);
	CHECK(json_finished(&w));
	CHECK_STR(t.buf, "{\n"
		  "  \"name\": \"vm0\",\n"
		  "  \"max\": 18446744073709551615,\n"
		  "  \"neg\": -5,\n"
		  "  \"pa\": \"0x100000000\",\n"
		  "  \"zero\": \"0x0\",\n"
		  "  \"t\": true,\n"
		  "  \"n\": null,\n"
		  "  \"empty\": [],\n"
		  "  \"nested\": {\n"
		  "    \"list\": [\n"
		  "      {\"a\": 1, \"b\": [2, 3]},\n"
		  "      {}\n"
		  "    ]\n"
		  "  }\n"
		  "}");
	CHECK(json_validate(t.buf, t.len));
}

TEST(json_escaping)
{
	static const u8 raw[] = {
		'a', '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', 0x01, 0x1f,
		0x7f, 0x80, 0xc3, 0xa9, 0xff, 0x00, 'z',
	};
	struct text t = { .len = 0 };
	struct json_writer w;

	json_init(&w, text_sink, &t, false);
	json_array_begin(&w, NULL);
	json_string_bytes(&w, NULL, raw, sizeof(raw));
	json_string_bounded(&w, NULL, "abcdef", 3);
	json_string(&w, NULL, "");
	json_array_end(&w);
	CHECK(json_finished(&w));
	CHECK_STR(t.buf, "[\"a\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f"
		  "\\u007f\\u0080\\u00c3\\u00a9\\u00ff\\u0000z\","
		  "\"abc\",\"\"]");
	CHECK(json_validate(t.buf, t.len));
}

TEST(json_escaped_keys)
{
	struct text t = { .len = 0 };
	struct json_writer w;

	json_init(&w, text_sink, &t, false);
	json_object_begin(&w, NULL);
	json_u64(&w, "k\"\n", 1);
	json_object_end(&w);
	CHECK_STR(t.buf, "{\"k\\\"\\n\":1}");
}

TEST(json_misuse_detected)
{
	struct text t = { .len = 0 };
	struct json_writer w;
	int i;

	json_init(&w, text_sink, &t, false);
	json_object_end(&w);
	CHECK(!json_finished(&w));
	json_init(&w, text_sink, &t, false);
	json_object_begin(&w, NULL);
	CHECK(!json_finished(&w));
	json_init(&w, text_sink, &t, false);
	for (i = 0; i < JSON_MAX_DEPTH + 2; i++)
		json_array_begin(&w, NULL);
	CHECK(w.error);
	CHECK_EQ(w.depth, JSON_MAX_DEPTH - 1);
}

TEST(json_validate_accepts)
{
	static const char *const good[] = {
		"0", "-12", "\"x\"", " true ", "null", "[]", "{}",
		"[1, [2, {\"a\": [false]}], \"\\u00ff\\\"\"]",
		"{\"a\":{\"b\":{}},\"c\":[]}\n",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		if (!json_validate(good[i], strlen(good[i])))
			CHECK_FAIL("rejected %s", good[i]);
}

TEST(json_validate_rejects)
{
	static const char *const bad[] = {
		"", " ", "01", "-", "1.5", "1e3", "tru", "nul", "\"abc",
		"\"\\x41\"", "\"\\u12g4\"", "\"tab\there\"", "[1,]", "[1 2]",
		"{\"a\"}", "{\"a\":}", "{a:1}", "{\"a\":1,}", "[}", "{]",
		"[1]]", "{} {}", "[\"\xc3\xa9\"]", "]",
	};
	char deep[JSON_MAX_DEPTH * 2 + 1];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		if (json_validate(bad[i], strlen(bad[i])))
			CHECK_FAIL("accepted \"%s\"", bad[i]);
	for (i = 0; i < JSON_MAX_DEPTH; i++) {
		deep[i] = '[';
		deep[2 * JSON_MAX_DEPTH - 1 - i] = ']';
	}
	CHECK(!json_validate(deep, 2 * JSON_MAX_DEPTH));
	/* One level less is fine. */
	CHECK(json_validate(deep + 1, 2 * JSON_MAX_DEPTH - 2));
	/* An embedded NUL ends nothing: it is just a bad byte. */
	CHECK(!json_validate("[1]\0", 4));
}

TEST(crc32_vectors)
{
	CHECK_EQ(report_crc32(0, "123456789", 9), 0xcbf43926);
	CHECK_EQ(report_crc32(0, "", 0), 0);
	/* Incremental equals one-shot. */
	CHECK_EQ(report_crc32(report_crc32(0, "1234", 4), "56789", 5),
		 0xcbf43926);
	CHECK_EQ(report_crc32(0, "The quick brown fox jumps over the lazy dog",
			      43), 0x414fa339);
}

TEST(timeline_microseconds)
{
	struct report_timeline t;

	CHECK_EQ(tsc_ticks_to_us(2500000, 2500000), 1000);
	CHECK_EQ(tsc_ticks_to_us(2499, 2500000), 0);
	CHECK_EQ(tsc_ticks_to_us(2500, 2500000), 1);
	CHECK_EQ(tsc_ticks_to_us(7, 0), 0);
	/* Large tick counts do not overflow: 2^63 ticks at 3 GHz. */
	CHECK_EQ(tsc_ticks_to_us(1ULL << 63, 3000000),
		 3074457345618258ULL);

	timeline_init(&t, 1000);
	timeline_set_frequency(&t, 1000, "a-very-long-method-name");
	CHECK_STR(t.method, "a-very-long-met");
	timeline_mark(&t, "kho", 3000);
	timeline_mark(&t, "early", 500);	/* before start: clamps */
	CHECK_EQ(timeline_phase_ticks(&t, 0), 2000);
	CHECK_EQ(timeline_phase_delta(&t, 0), 2000);
	CHECK_EQ(timeline_phase_ticks(&t, 1), 0);
	CHECK_EQ(timeline_phase_delta(&t, 1), 0);
	while (t.count < TIMELINE_PHASE_MAX)
		timeline_mark(&t, "x", 9000);
	timeline_mark(&t, "over", 9999);
	CHECK_EQ(t.count, TIMELINE_PHASE_MAX);
	CHECK_EQ(t.dropped, 1);
}

struct counted {
	struct text t;
	u32 calls;
};

static void counted_sink(void *ctx, const char *s, size_t len)
{
	struct counted *c = ctx;

	c->calls++;
	text_sink(&c->t, s, len);
}

TEST(sink_buffer_batches)
{
	struct counted direct = { .calls = 0 }, buffered = { .calls = 0 };
	struct report_sink_buffer b;
	struct json_writer w;
	char big[REPORT_SINK_BUFFER + 10];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	json_init(&w, counted_sink, &direct, true);
	write_sample(&w);
	json_init(&w, counted_sink, &direct, true);
	json_string(&w, NULL, big);

	report_sink_buffer_init(&b, counted_sink, &buffered);
	json_init(&w, report_sink_buffered, &b, true);
	write_sample(&w);
	json_init(&w, report_sink_buffered, &b, true);
	json_string(&w, NULL, big);
	report_sink_buffer_flush(&b);

	CHECK_STR(buffered.t.buf, direct.t.buf);
	CHECK(direct.calls > 100);
	/*
	 * The sample (under 256 bytes) and the opening quote in one write,
	 * the oversized run of x straight through, the closing quote.
	 */
	CHECK(direct.t.len < 2 * REPORT_SINK_BUFFER + 10);
	CHECK_EQ(buffered.calls, 3);
}

/* ---- randomised: whatever the writer emits validates ---------------- */

static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void random_bytes(u8 *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (u8)rng();
}

static void random_value(struct json_writer *w, const char *key, int depth)
{
	u8 bytes[24];
	int i, n;

	switch (depth < 6 ? rng() % 8 : 2 + rng() % 6) {
	case 0:
	case 1:
		if (rng() & 1)
			json_object_begin(w, key);
		else
			json_object_begin_inline(w, key);
		n = rng() % 4;
		for (i = 0; i < n; i++) {
			char k[8];

			random_bytes((u8 *)k, sizeof(k) - 1);
			k[rng() % sizeof(k)] = '\0';
			k[sizeof(k) - 1] = '\0';
			random_value(w, k, depth + 1);
		}
		json_object_end(w);
		break;
	case 2:
		json_array_begin(w, key);
		n = rng() % 4;
		for (i = 0; i < n; i++)
			random_value(w, NULL, depth + 1);
		json_array_end(w);
		break;
	case 3:
		random_bytes(bytes, sizeof(bytes));
		json_string_bytes(w, key, bytes, rng() % sizeof(bytes));
		break;
	case 4:
		json_u64(w, key, rng());
		break;
	case 5:
		json_s64(w, key, (s64)rng());
		break;
	case 6:
		json_hex(w, key, rng() >> (rng() % 64));
		break;
	default:
		if (rng() & 1)
			json_bool(w, key, rng() & 1);
		else
			json_null(w, key);
	}
}

TEST(random_writer_output_validates)
{
	struct text t;
	struct json_writer w;
	int iter, bad = 0, checked = 0;
	size_t i;

	for (iter = 0; iter < 2000; iter++) {
		t.len = 0;
		t.buf[0] = '\0';
		json_init(&w, text_sink, &t, iter & 1);
		random_value(&w, NULL, 0);
		if (t.len >= sizeof(t.buf) - 1)
			continue;	/* cut by the test sink */
		if (!json_finished(&w) || !json_validate(t.buf, t.len))
			bad++;
		checked++;
		/* Damaged copies must not crash the validator. */
		for (i = 0; i < 4 && t.len; i++) {
			t.buf[rng() % t.len] = (char)rng();
			(void)json_validate(t.buf, rng() % (t.len + 1));
		}
	}
	CHECK_EQ(bad, 0);
	CHECK(checked > 1500);
}
