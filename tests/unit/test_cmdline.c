// SPDX-License-Identifier: MIT
/* Unit tests of lib/cmdline.c: tokenizing, quoting and typed lookups. */
#include "check.h"
#include <baton/cmdline.h>

/* Renders every option as "key|value" ("key" when bare), joined by ';'. */
static const char *tokens(const char *cmdline)
{
	static char out[512];
	const char *cursor = cmdline;
	struct cmdline_token tok;
	size_t used = 0;

	out[0] = '\0';
	while (cmdline_next(&cursor, &tok)) {
		used += (size_t)snprintf(out + used, sizeof(out) - used,
					 "%s%.*s", used ? ";" : "",
					 (int)tok.key_len, tok.key);
		if (tok.value)
			used += (size_t)snprintf(out + used,
						 sizeof(out) - used, "|%.*s",
						 (int)tok.value_len,
						 tok.value);
	}
	return out;
}

TEST(tokenize_plain)
{
	CHECK_STR(tokens("a b=1  c=x=y\td\n"), "a;b|1;c|x=y;d");
	CHECK_STR(tokens(""), "");
	CHECK_STR(tokens("   \t "), "");
	CHECK_STR(tokens(NULL), "");
	CHECK_STR(tokens("k= =v"), "k|;|v");
}

TEST(tokenize_quotes)
{
	CHECK_STR(tokens("k=\"a b\" z"), "k|a b;z");
	CHECK_STR(tokens("\"k=a b\" z"), "k|a b;z");
	CHECK_STR(tokens("k=\"\" z"), "k|;z");
	CHECK_STR(tokens("k=a\"b c\"d e"), "k|a\"b c\"d;e");
	CHECK_STR(tokens("\"bare\""), "bare");
	/* An unterminated quote runs to the end of the line. */
	CHECK_STR(tokens("k=\"a b"), "k|a b");
}

TEST(tokenize_raw_span)
{
	const char *line = "  x=\"1 2\" y";
	const char *cursor = line;
	struct cmdline_token tok;

	CHECK(cmdline_next(&cursor, &tok));
	CHECK_EQ(tok.start - line, 2);
	CHECK_EQ(tok.len, 7);
	CHECK_EQ(cursor - line, 9);
	CHECK(cmdline_next(&cursor, &tok));
	CHECK_EQ(tok.start - line, 10);
	CHECK(!cmdline_next(&cursor, &tok));
	CHECK(!cmdline_next(&cursor, &tok));
}

TEST(double_dash_ends_options)
{
	CHECK_STR(tokens("a -- b c"), "a");
	CHECK_STR(tokens("a --x b"), "a;--x;b");
	CHECK(!cmdline_has("a -- baton.exit", "baton.exit"));
}

TEST(has_matches_whole_keys)
{
	const char *line = "console=ttyS0 baton.exitx=1 xbaton.exit baton.exit";

	CHECK(cmdline_has(line, "baton.exit"));
	CHECK(cmdline_has(line, "baton.exitx"));
	CHECK(cmdline_has(line, "console"));
	CHECK(!cmdline_has(line, "baton"));
	CHECK(!cmdline_has(line, "baton.exi"));
	CHECK(!cmdline_has(line, "ttyS0"));
	CHECK(!cmdline_has(line, ""));
	CHECK(!cmdline_has("baton.exitx=1", "baton.exit"));
	CHECK(!cmdline_has("baton.exit_now", "baton.exit"));
	CHECK(!cmdline_has(NULL, "baton.exit"));
}

TEST(get_str_last_wins)
{
	char out[16];

	CHECK(cmdline_get_str("a=1 b=2 a=3", "a", out, sizeof(out)));
	CHECK_STR(out, "3");
	CHECK(cmdline_get_str("a=1 a", "a", out, sizeof(out)));
	CHECK_STR(out, "");
	CHECK(cmdline_get_str("a a=\"x y\"", "a", out, sizeof(out)));
	CHECK_STR(out, "x y");
	CHECK(cmdline_get_str("a=", "a", out, sizeof(out)));
	CHECK_STR(out, "");
}

TEST(get_str_absent_or_too_long)
{
	char out[4] = "zzz";

	CHECK(!cmdline_get_str("b=1", "a", out, sizeof(out)));
	CHECK_STR(out, "");
	CHECK(cmdline_get_str("a=123", "a", out, sizeof(out)));
	CHECK_STR(out, "123");
	memcpy(out, "zzz", 4);
	CHECK(!cmdline_get_str("a=1234", "a", out, sizeof(out)));
	CHECK_STR(out, "");
	CHECK(!cmdline_get_str("a=", "a", out, 0));
	CHECK(!cmdline_get_str("ab=1", "a", out, sizeof(out)));
}

static u64 parsed(const char *text, bool *ok)
{
	u64 v = 0xdead;

	*ok = cmdline_parse_u64(text, strlen(text), &v);
	return v;
}

#define CHECK_U64(text, expected)					\
	do {								\
		bool ok_;						\
		u64 v_ = parsed(text, &ok_);				\
		CHECK(ok_);						\
		CHECK_EQ(v_, expected);					\
	} while (0)

#define CHECK_U64_BAD(text)						\
	do {								\
		bool ok_;						\
		u64 v_ = parsed(text, &ok_);				\
		CHECK(!ok_);						\
		CHECK_EQ(v_, 0xdead);					\
	} while (0)

TEST(parse_u64_numbers)
{
	CHECK_U64("0", 0);
	CHECK_U64("42", 42);
	CHECK_U64("010", 10);
	CHECK_U64("0x1f", 0x1f);
	CHECK_U64("0XABCdef", 0xabcdef);
	CHECK_U64("18446744073709551615", UINT64_MAX);
	CHECK_U64("0xffffffffffffffff", UINT64_MAX);
	CHECK_U64("4k", 4096);
	CHECK_U64("4K", 4096);
	CHECK_U64("16M", 16ULL << 20);
	CHECK_U64("2g", 2ULL << 30);
	CHECK_U64("1T", 1ULL << 40);
	CHECK_U64("1p", 1ULL << 50);
	CHECK_U64("15E", 15ULL << 60);
	CHECK_U64("0x10M", 16ULL << 20);
	/* In hex, E and the like are digits, as with memparse. */
	CHECK_U64("0x1E", 0x1e);
}

TEST(parse_u64_garbage)
{
	CHECK_U64_BAD("");
	CHECK_U64_BAD("x");
	CHECK_U64_BAD("0x");
	CHECK_U64_BAD("-1");
	CHECK_U64_BAD("+1");
	CHECK_U64_BAD(" 1");
	CHECK_U64_BAD("1 ");
	CHECK_U64_BAD("12a");
	CHECK_U64_BAD("1KB");
	CHECK_U64_BAD("K");
	CHECK_U64_BAD("0xg");
	CHECK_U64_BAD("18446744073709551616");
	CHECK_U64_BAD("0x10000000000000000");
	CHECK_U64_BAD("16E");
	CHECK_U64_BAD("0x1fffffffffffffffk");
}

TEST(get_u64)
{
	u64 v = 7;

	CHECK(cmdline_get_u64("baton.mem=64M baton.x=1", "baton.mem", &v));
	CHECK_EQ(v, 64ULL << 20);
	CHECK(cmdline_get_u64("n=1 n=0x20", "n", &v));
	CHECK_EQ(v, 0x20);
	CHECK(cmdline_get_u64("n=\"5\"", "n", &v));
	CHECK_EQ(v, 5);
	v = 7;
	CHECK(!cmdline_get_u64("n", "n", &v));
	CHECK(!cmdline_get_u64("n=", "n", &v));
	CHECK(!cmdline_get_u64("n=5x", "n", &v));
	/* The last occurrence wins even when it is garbage. */
	CHECK(!cmdline_get_u64("n=5 n=q", "n", &v));
	CHECK(!cmdline_get_u64("m=5", "n", &v));
	CHECK_EQ(v, 7);
}

TEST(get_bool)
{
	bool b = false;

	CHECK(cmdline_get_bool("quiet", "quiet", &b));
	CHECK_EQ(b, true);
	CHECK(cmdline_get_bool("x=off", "x", &b));
	CHECK_EQ(b, false);
	CHECK(cmdline_get_bool("x=ON", "x", &b));
	CHECK_EQ(b, true);
	CHECK(cmdline_get_bool("x=1 x=No", "x", &b));
	CHECK_EQ(b, false);
	CHECK(cmdline_get_bool("x=Y", "x", &b));
	CHECK_EQ(b, true);
	CHECK(cmdline_get_bool("x=false", "x", &b));
	CHECK_EQ(b, false);
	CHECK(!cmdline_get_bool("x=2", "x", &b));
	CHECK(!cmdline_get_bool("x=yess", "x", &b));
	CHECK(!cmdline_get_bool("x=", "x", &b));
	CHECK(!cmdline_get_bool("x=\x11", "x", &b));
	CHECK(!cmdline_get_bool("y", "x", &b));
	CHECK_EQ(b, false);
}

TEST(prefix_iteration)
{
	const char *line = "baton.exit=1 batonx baton. baton.unknown=3 ro";
	const char *cursor = line;
	struct cmdline_token tok;
	int n = 0;

	while (cmdline_next(&cursor, &tok))
		n += cmdline_token_key_has_prefix(&tok, "baton.");
	CHECK_EQ(n, 3);
	cursor = line;
	CHECK(cmdline_next(&cursor, &tok));
	CHECK(cmdline_token_key_is(&tok, "baton.exit"));
	CHECK(!cmdline_token_key_is(&tok, "baton.exi"));
	CHECK(!cmdline_token_key_is(&tok, "baton.exit1"));
}

TEST(overlong_value)
{
	static char line[8192];
	static char out[8192];

	memcpy(line, "big=", 4);
	memset(line + 4, 'v', 6000);
	line[6004] = '\0';
	CHECK(cmdline_get_str(line, "big", out, sizeof(out)));
	CHECK_EQ(strlen(out), 6000);
	CHECK(!cmdline_get_str(line, "big", out, 6000));
	CHECK(cmdline_get_str(line, "big", out, 6001));
	CHECK_EQ(strlen(out), 6000);
}
