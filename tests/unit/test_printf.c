// SPDX-License-Identifier: MIT
/* Unit tests of lib/printf.c against exact expected strings. */
#include "check.h"
#include <baton/printf.h>

static char out[128];

#define FMT(expected, ...)						\
	do {								\
		int n_ = baton_snprintf(out, sizeof(out), __VA_ARGS__);	\
		CHECK_STR(out, expected);				\
		CHECK_EQ(n_, strlen(expected));				\
	} while (0)

TEST(integers)
{
	FMT("0", "%d", 0);
	FMT("-42", "%d", -42);
	FMT("4294967295", "%u", 0xffffffffu);
	FMT("-9223372036854775808", "%lld", (long long)INT64_MIN);
	FMT("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
	FMT("ff FF 0xff 377", "%x %X %#x %o", 255, 255, 255, 255);
	FMT("+5 -5", "%+d %+d", 5, -5);
	FMT("200", "%hhu", 200);
	FMT("-1", "%hd", 0xffff);
	FMT("123456789012", "%zu", (size_t)123456789012ULL);
}

TEST(width_and_precision)
{
	FMT("   42", "%5d", 42);
	FMT("42   |", "%-5d|", 42);
	FMT("00042", "%05d", 42);
	FMT("-0042", "%05d", -42);
	FMT("  042", "%5.3d", 42);
	FMT("0x0000001000", "%#012llx", 0x1000ULL);
	FMT("0000000000001000", "%016llx", 0x1000ULL);
	FMT("   12", "%*d", 5, 12);
	FMT("12   |", "%*d|", -5, 12);
	FMT("", "%.0d", 0);
}

TEST(strings_and_chars)
{
	FMT("hello", "%s", "hello");
	FMT("  abc", "%5s", "abc");
	FMT("abc  |", "%-5s|", "abc");
	FMT("ab", "%.2s", "abcdef");
	FMT("abc", "%.*s", 3, "abcdef");
	const char *volatile null_string = NULL;

	FMT("(null)", "%s", null_string);
	FMT("x", "%c", 'x');
	FMT("100%", "100%%");
	FMT("0x1234", "%p", (void *)0x1234);
}

TEST(truncation)
{
	char small[6];
	int n = baton_snprintf(small, sizeof(small), "%s", "abcdefgh");

	CHECK_EQ(n, 8);
	CHECK_STR(small, "abcde");
	n = baton_snprintf(NULL, 0, "%d", 12345);
	CHECK_EQ(n, 5);
	n = baton_snprintf(small, 1, "%d", 7);
	CHECK_EQ(n, 1);
	CHECK_STR(small, "");
}
